/*
 * ui/formsave: saving a form, and showing what its check found.
 *
 * Contract: ui_form_save() checks the record through form_check_record()
 * (every relevant field: type, required, constraint, currency; repeat rows
 * too, and the number of rows), puts the first problem under its field and
 * moves the cursor there, and marks the other fields at fault that show no
 * message yet; otherwise saves through db_lifecycle_save_also() (a refused
 * save shows the rule's message). A conflict opens the conflict screen;
 * success deletes the draft and closes the form with "Saved". In a row view
 * it only checks the row and returns to the form.
 */
#ifndef UI_FORMSAVE_H
#define UI_FORMSAVE_H

#include "ui/formview_int.h"

void	ui_form_save(struct ui_screen *, struct ui_form *, struct ui_app *);
void	ui_form_set_title(struct ui_form *, struct ui_app *);

#endif
