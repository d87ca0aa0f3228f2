/*
 * ui/lock: the password before the screens: the login at the start and the
 * idle lock.
 *
 * Contract: ui_app hands every key and tick to ui_lock_key() before any
 * screen. Only a key press (a typed character or any other key; not a tick,
 * a resize or a redraw of the program's own) counts as activity: after
 * idle seconds with none, by date_elapsed() (util/date's clock, which tests
 * move with AVRR_CLOCK_FILE), the lock comes on. While it is on the screen
 * is cleared whole and only the prompt (ui/login) is drawn, no key reaches a
 * screen, and the screens keep everything typed into them; the right
 * password (Enter alone for a user with none, on a test database) takes the
 * lock off and the screens are drawn again as they were. When the prompt
 * ends the program, app->quit is set and exit_msg says why.
 */
#ifndef UI_LOCK_H
#define UI_LOCK_H

#include <stdbool.h>

#include "ui/app.h"
#include "ui/login.h"

struct ui_lock {
	struct ui_login	 login;
	bool		 on;
	bool		 start;		/* the login at the start, not an idle lock */
	bool		 ask;		/* the user has a password */
	long		 idle;		/* seconds without a key press before it locks */
	long		 last_key;	/* date_elapsed() at the last key press */
	char		*exit_msg;	/* malloc'd, when the prompt ended the program */
};

/* login: the program starts locked (the user has a password to give). */
void	ui_lock_init(struct ui_lock *, bool ask, long idle_seconds, bool login);
void	ui_lock_free(struct ui_lock *);
/* True when the lock took the key (or tick): the screens do not see it. */
bool	ui_lock_key(struct ui_app *, int key);
bool	ui_lock_on(const struct ui_app *);
void	ui_lock_draw(struct ui_app *);

#endif
