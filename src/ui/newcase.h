/*
 * ui/newcase: saving a record that needs a case and has none yet (a new
 * registration): first the likely duplicates among existing cases are listed
 * (names without diacritics and across scripts, date of birth, nationality)
 * so the user can open the existing case instead; a second save makes the
 * new case and saves the record in it.
 *
 * Contract: ui_newcase_opts() fills the form options for that: check (the
 * duplicate list, then the case), saved (then(), or the new case's overview
 * when then is NULL), and an argument the form view frees.
 */
#ifndef UI_NEWCASE_H
#define UI_NEWCASE_H

#include "ui/formview.h"

void	ui_newcase_opts(struct ui_form_opts *, ui_form_saved_fn then, void *then_arg);

#endif
