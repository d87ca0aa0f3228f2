/*
 * ui/dialog: a yes/no question drawn over the current screen.
 *
 * Contract: y (or the first letter of the staff language's "Yes") answers yes,
 * n, Esc or the first letter of "No" answers no; the answer goes to the callback
 * after the dialog has closed.
 */
#ifndef UI_DIALOG_H
#define UI_DIALOG_H

#include <stdbool.h>

#include "ui/app.h"

typedef void (*ui_dialog_fn)(struct ui_app *, void *arg, bool yes);

void	ui_dialog_confirm(struct ui_app *, const char *question, ui_dialog_fn, void *arg);

#endif
