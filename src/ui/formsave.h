/*
 * ui/formsave: checking a whole form and saving it.
 *
 * Contract: ui_form_save() checks every relevant field (type, required,
 * constraint; repeat rows too, and the number of rows), puts the message under
 * the first bad field and moves the cursor there; otherwise saves through
 * db_lifecycle_save() (a refused save shows the rule's message). A conflict opens the conflict screen; success deletes the
 * draft and closes the form with "Saved". In a row view it only checks the row
 * and returns to the form.
 */
#ifndef UI_FORMSAVE_H
#define UI_FORMSAVE_H

#include "ui/formview_int.h"

void	ui_form_save(struct ui_screen *, struct ui_form *, struct ui_app *);
/* First problem of a record: field index and a malloc'd message, or -1. */
int	ui_form_check(struct ui_app *, const struct form_record *, char **msg);
void	ui_form_set_title(struct ui_form *, struct ui_app *);

#endif
