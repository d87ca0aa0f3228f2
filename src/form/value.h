/*
 * form/value: a filled-in form (a record) and the checks of single values.
 *
 * Contract: a form_record holds one UTF-8 string per field of its def
 * (NULL = empty; note and repeat fields are always NULL) and, for each repeat
 * field, an array of child records whose def is that field's ->group. Values are
 * canonical text (dates YYYY-MM-DD, numbers with '.' decimals). A field's type
 * decides how many columns it owns (form_type_ncols()): column 0 is vals[i],
 * columns 1.. are more[i][0..] (NULL when the type owns one column or none);
 * read and write them with form_record_part()/form_record_set_part(), which
 * know nothing of any one type. id 0 means not saved yet; version is the
 * optimistic-lock counter the record was loaded at.
 */
#ifndef FORM_VALUE_H
#define FORM_VALUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "form/form.h"

struct form_rows {
	struct form_record	**rows;
	size_t			  n;
	size_t			  cap;
};

struct form_record {
	const struct form_def	*def;
	int64_t			 id;
	int64_t			 case_id;	/* 0 = none */
	int64_t			 version;
	char			**vals;		/* def->nfields */
	char			***more;	/* def->nfields: columns 1.. (see above) */
	struct form_rows	*kids;		/* def->nfields, used for FT_REPEAT */
	/* A row: the record it is a row of (its expressions read the parent's
	 * fields), set when the row is added or copied with its parent and by
	 * db_expr_apply(); NULL for a record of a form. */
	struct form_record	*up;
};

struct form_record	*form_record_new(const struct form_def *);
void			 form_record_free(struct form_record *);
struct form_record	*form_record_dup(const struct form_record *);
/* Sets a value (copied; NULL or "" clears it). */
void			 form_record_set(struct form_record *, size_t field, const char *val);
const char		*form_record_get(const struct form_record *, size_t field);
/* Column col of a field (0: its value); NULL when empty or the type owns
 * no such column. */
const char		*form_record_part(const struct form_record *, size_t field, int col);
/* Sets column col (copied as given; NULL clears it). Column 0 is
 * form_record_set(). A value for a column the type does not own dies;
 * clearing it does nothing. */
void			 form_record_set_part(struct form_record *, size_t field, int col,
			    const char *val);
struct form_record	*form_record_add_row(struct form_record *, size_t field);
void			 form_record_del_row(struct form_record *, size_t field, size_t row);

/* Cuts every value longer than its field's limit (form_field_limit()) to
 * the limit, at a character boundary, in child rows too; how many were cut. */
size_t			 form_record_clamp(struct form_record *);
/* NULL when every value fits its field's limit, child rows too; else a
 * malloc'd message (staff language) naming the form, the field and the limit. */
char			*form_record_too_long(const struct form_record *);

/*
 * Checks and canonicalises what a user typed for one field (type, length,
 * min/max, choice codes, date forms such as 22.11.2026, 22/11/2026, 2026-11-22,
 * "today"). On success returns true and *canon is the malloc'd canonical text.
 * On failure returns false and *msg is a malloc'd one-line message naming the
 * value. Required and constraint are not checked here (they need the record).
 */
bool form_value_check(const struct form_set *, const struct form_field *,
    const char *input, char **canon, char **msg);

#endif
