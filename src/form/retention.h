/*
 * form/retention: what an anonymised case keeps (forms/retention), read
 * beside the forms like the workflow table.
 *
 * Contract: the file lists the values `avrr purge` keeps, by form and field;
 * every other value of a purged case's records and their repeat rows is
 * cleared, so a field added to a form is cleared until someone writes it
 * here (the list says what is kept, never what is removed). A date or
 * datetime field may be kept only to its month or year (stored as the first
 * day of it). form_set_load_dir() reads the file "retention" of the folder
 * when there is one and verifies it after the forms: each line's form and
 * field exist, the field holds a value, a truncation is on a date; every
 * problem is a "file:line: message" error of the set, listed by check-forms.
 * A folder without the file keeps nothing.
 *
 * File syntax ('#' starts a comment):
 *   keep FORM FIELD [month|year]     FIELD may be GROUP.FIELD for a repeat row
 */
#ifndef FORM_RETENTION_H
#define FORM_RETENTION_H

#include "form/form.h"

#define FORM_RETENTION_FILE	"retention"

enum form_keep {
	FORM_KEEP_NONE,		/* cleared */
	FORM_KEEP_ALL,		/* kept as it is */
	FORM_KEEP_MONTH,	/* a date kept as YYYY-MM-01 */
	FORM_KEEP_YEAR		/* a date kept as YYYY-01-01 */
};

struct form_retention;

void		 form_retention_parse(struct form_set *, const char *name, const char *text);
void		 form_retention_check(struct form_set *);
void		 form_retention_free(struct form_retention *);

/* What a purge does with field f of def (a form, or a repeat group of one). */
enum form_keep	 form_retention_keep(const struct form_set *, const struct form_def *def,
		    const struct form_field *f);

#endif
