/*
 * ui/field: how one field's value looks on screen and how typed text becomes
 * a value.
 *
 * Contract: ui_field_display() gives the text shown for a stored value
 * (choice labels translated at draw time, dates with their weekday, yes/no in
 * the staff language). ui_field_commit() checks typed text for a field and, when
 * it is good, stores the canonical value in the record; on a bad value it
 * stores the typed text as it is (a draft keeps it) and returns the error as
 * ui/ferr keeps it (made into text when drawn).
 */
#ifndef UI_FIELD_H
#define UI_FIELD_H

#include <stdbool.h>

#include "db/expr.h"
#include "form/value.h"
#include "ui/ferr.h"

/* True for fields edited by typing text into them. */
bool	 ui_field_is_text(const struct form_field *);
/* True for fields the cursor can stop on. */
bool	 ui_field_focusable(const struct form_field *);
typedef const char *(*ui_field_tr_fn)(const char *msgid);

/* malloc'd display text of field i ("" when empty), in the staff language. */
char	*ui_field_display(const struct form_set *, const struct form_record *, size_t i);
/* The same through another translation (the client language). */
char	*ui_field_display_tr(const struct form_set *, const struct form_record *, size_t i,
	    ui_field_tr_fn);
/* malloc'd editable text of field i. */
char	*ui_field_edit_text(const struct form_record *, size_t i);
/* Stores text in field i; NULL on success, else what is wrong (ui_ferr_free). */
struct ui_ferr	*ui_field_commit(const struct form_set *, struct db_expr *,
		    struct form_record *, size_t i, const char *text);
/* One-line summary of a child row: its key facts (fields marked summary),
 * then the first other values, four in all. */
char	*ui_field_row_summary(const struct form_set *, const struct form_record *);
/* The same with up to max values; ui_field_summary_values() is how many a
 * line of a window cols wide has room for (4 at 80 columns, one more for
 * every 20 beyond). */
char	*ui_field_row_summary_n(const struct form_set *, const struct form_record *,
	    size_t max);
size_t	 ui_field_summary_values(int cols);

#endif
