/*
 * ui/tui: the entry point of the interactive program for src/cmd.
 *
 * Contract: runs the screens on the given database and forms until the user
 * quits or the terminal goes away (drafts are kept); returns the exit status
 * (1 when the login ended it).
 */
#ifndef UI_TUI_H
#define UI_TUI_H

#include "db/db.h"
#include "db/expr.h"
#include "form/form.h"

/* The login and the idle lock (ui/lock): ask for the password at the start
 * (the user has one), lock after idle_seconds without a key press. When the
 * prompt ends the program, exit_msg gets the one line that says why (malloc'd). */
struct ui_tui_login {
	bool	 ask;
	long	 idle_seconds;
	char	*exit_msg;
};

int	ui_tui_run(struct db *, struct form_set *, struct db_expr *, const char *user,
	    struct ui_tui_login *);

#endif
