/*
 * ui/dialog: a yes/no question drawn over the current screen.
 *
 * Contract: y (or the first letter of the staff language's "Yes") answers yes,
 * n, Esc or the first letter of "No" answers no; the answer goes to the callback
 * after the dialog has closed. ui_dialog_ask() asks for one line of text
 * instead: Enter answers what was typed (maybe ""), Esc answers NULL.
 */
#ifndef UI_DIALOG_H
#define UI_DIALOG_H

#include <stdbool.h>

#include "ui/app.h"

typedef void (*ui_dialog_fn)(struct ui_app *, void *arg, bool yes);

void	ui_dialog_confirm(struct ui_app *, const char *question, ui_dialog_fn, void *arg);

typedef void (*ui_dialog_text_fn)(struct ui_app *, void *arg, const char *answer);

/* Asks question, the answer at most limit characters long. */
void	ui_dialog_ask(struct ui_app *, const char *question, int limit, ui_dialog_text_fn,
	    void *arg);

#endif
