#include "ui/lock.h"

#include <stdlib.h>
#include <string.h>

#include "ui/curs.h"
#include "util/date.h"
#include "util/tr.h"

void
ui_lock_init(struct ui_lock *lk, bool ask, long idle_seconds, bool login)
{
	memset(lk, 0, sizeof *lk);
	lk->ask = ask;
	lk->idle = idle_seconds > 0 ? idle_seconds : 600;
	lk->last_key = date_elapsed();
	lk->on = lk->start = login;
	ui_login_start(&lk->login, ask);
}

void
ui_lock_free(struct ui_lock *lk)
{
	ui_login_wipe(&lk->login);
	free(lk->exit_msg);
	lk->exit_msg = NULL;
}

bool
ui_lock_on(const struct ui_app *app)
{
	return app->lock != NULL && app->lock->on;
}

/* A key press, as against the loop's own ticks, resizes and redraws. */
static bool
ui_lock_is_press(int key)
{
	return key >= 0 && key != UI_KEY(KEY_RESIZE);
}

static void
ui_lock_answer(struct ui_app *app, struct ui_lock *lk, int key)
{
	switch (ui_login_key(&lk->login, app, key, &lk->exit_msg)) {
	case UI_LOGIN_OK:
		lk->on = lk->start = false;
		clearok(curscr, TRUE);	/* the screens again, whole */
		break;
	case UI_LOGIN_END:
		app->quit = true;
		break;
	case UI_LOGIN_TYPING:
		break;
	}
}

bool
ui_lock_key(struct ui_app *app, int key)
{
	struct ui_lock *lk = app->lock;
	long now = date_elapsed();

	if (lk == NULL)
		return false;
	if (!lk->on && now - lk->last_key >= lk->idle) {
		lk->on = true;
		ui_login_start(&lk->login, lk->ask);
	}
	if (ui_lock_is_press(key))
		lk->last_key = now;
	if (!lk->on)
		return false;
	if (ui_lock_is_press(key))
		ui_lock_answer(app, lk, key);
	return true;
}

void
ui_lock_draw(struct ui_app *app)
{
	struct ui_lock *lk = app->lock;

	ui_login_draw(&lk->login, app, lk->start ? N_("avrr: log in") :
	    N_("Locked: no key was pressed for a while. The screen is kept."));
}
