/*
 * ui/picker: choosing from a choice list (select_one, select_many).
 *
 * Contract: a screen of its own listing the field's choices (cascading lists
 * filtered by the parent field's value), narrowed as the user types (matches
 * the start of any word of the label, or the code, without regard to case or
 * diacritics); Up/Down move, Enter picks (select_one) or finishes (select_many,
 * where Space ticks), Esc leaves without a change. The result goes to done()
 * as a canonical value (NULL = cleared).
 */
#ifndef UI_PICKER_H
#define UI_PICKER_H

#include "ui/app.h"
#include "form/value.h"

typedef void (*ui_picker_done_fn)(struct ui_app *, void *arg, const char *value);

void	ui_picker_open(struct ui_app *, const struct form_record *rec,
	    const struct form_field *, const char *filter, ui_picker_done_fn, void *arg);
/* The same for a value kept elsewhere than the field's own (a money field's
 * currency: fd need not be a field of rec). */
void	ui_picker_open_value(struct ui_app *, const struct form_record *rec,
	    const struct form_field *, const char *filter, const char *value,
	    ui_picker_done_fn, void *arg);

#endif
