/*
 * db/prefill: what is known, put into a new record before the user types.
 *
 * Contract: only empty fields are filled, only in a record not yet saved, and
 * fields are found by their workflow roles (form/workflow.h), so a form
 * without a role is left as it is. db_prefill_record() gives a new record of
 * a case: a plan its grant (amount and currency) from the case's project
 * (the project's grant per person), a consent the language it is explained
 * in and a counselling session its interpreter's language from the case's
 * client language. db_prefill_row() gives a new row of a repeat group what
 * its parent record says: a family member the applicant's surname and
 * nationality. Nothing here writes to the database.
 */
#ifndef DB_PREFILL_H
#define DB_PREFILL_H

#include <stdbool.h>

#include "db/db.h"
#include "form/value.h"

/* filled (NULL, or one flag per field of rec's form) marks the fields given. */
enum db_status	db_prefill_record(struct db *, struct form_record *rec, bool *filled,
		    char **err);
void		db_prefill_row(struct db *, struct form_record *row,
		    const struct form_record *parent, bool *filled);

#endif
