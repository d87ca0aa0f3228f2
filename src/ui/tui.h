/*
 * ui/tui: the entry point of the interactive program for src/cmd.
 *
 * Contract: runs the screens on the given database and forms until the user
 * quits or the terminal goes away (drafts are kept); returns the exit status.
 */
#ifndef UI_TUI_H
#define UI_TUI_H

#include "db/db.h"
#include "db/expr.h"
#include "form/form.h"

int	ui_tui_run(struct db *, struct form_set *, struct db_expr *, const char *user);

#endif
