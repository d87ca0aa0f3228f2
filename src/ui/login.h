/*
 * ui/login: the password prompt, at the start of the program and on the idle
 * lock (ui/lock).
 *
 * Contract: what is typed is kept in the prompt only, never drawn (not even
 * as stars) and wiped (sodium_memzero) after every try and at the end.
 * Enter checks it with db_users_login() (which counts failures, locks and
 * audits). UI_LOGIN_MAX_TRIES wrong passwords in one prompt, a lockout or a
 * disabled user end the program: UI_LOGIN_END with a one-line message
 * (malloc'd, translated) naming the reason, and for a lockout its end. A user
 * with no password (a test database only) unlocks with Enter alone. The quit
 * key ends the program too (UI_LOGIN_END, no message): drafts are kept.
 */
#ifndef UI_LOGIN_H
#define UI_LOGIN_H

#include <stdbool.h>
#include <stddef.h>

#include "db/users.h"
#include "ui/app.h"

#define UI_LOGIN_MAX_TRIES	3

struct ui_login {
	char		 pw[DB_USERS_PW_MAX + 1];
	size_t		 len;
	int		 tries;		/* wrong passwords in this prompt */
	bool		 ask;		/* the user has a password */
	const char	*msg;		/* msgid of the last answer, or NULL */
};

enum ui_login_result {
	UI_LOGIN_TYPING,	/* the prompt stays */
	UI_LOGIN_OK,
	UI_LOGIN_END		/* the program ends; *exit_msg says why */
};

void	ui_login_start(struct ui_login *, bool ask);
enum ui_login_result ui_login_key(struct ui_login *, struct ui_app *, int key, char **exit_msg);
/* Clears the whole screen and draws the prompt under the msgid heading. */
void	ui_login_draw(const struct ui_login *, struct ui_app *, const char *heading);
void	ui_login_wipe(struct ui_login *);

#endif
