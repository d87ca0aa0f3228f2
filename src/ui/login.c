#include "ui/login.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "ui/curs.h"
#include "ui/draw.h"
#include "util/mem.h"
#include "util/tr.h"
#include "util/utf8.h"

void
ui_login_start(struct ui_login *l, bool ask)
{
	ui_login_wipe(l);
	l->tries = 0;
	l->ask = ask;
	l->msg = NULL;
}

void
ui_login_wipe(struct ui_login *l)
{
	sodium_memzero(l->pw, sizeof l->pw);
	l->len = 0;
}

/* A typed character joins the password (as UTF-8), while it fits. */
static void
ui_login_type(struct ui_login *l, int key)
{
	char enc[4];
	size_t n = utf8_encode((uint32_t)key, enc);

	if (l->len + n < sizeof l->pw) {
		memcpy(l->pw + l->len, enc, n);
		l->len += n;
		l->pw[l->len] = '\0';
	}
	sodium_memzero(enc, sizeof enc);
}

/* The end of the program after a refusal that is not one more try. */
static enum ui_login_result
ui_login_refused(struct ui_app *app, enum db_login res, const char *until, char **exit_msg)
{
	if (res == DB_LOGIN_LOCKED)
		*exit_msg = xasprintf(_("%s: locked after %d wrong passwords until %s"),
		    app->user, DB_USERS_MAX_FAILURES, until);
	else
		*exit_msg = xasprintf(_("%s: disabled by an administrator"), app->user);
	return UI_LOGIN_END;
}

static enum ui_login_result
ui_login_check(struct ui_login *l, struct ui_app *app, char **exit_msg)
{
	enum db_login res = DB_LOGIN_WRONG;
	char until[20], *err = NULL;

	if (!l->ask)
		return UI_LOGIN_OK;
	if (db_users_login(app->db, app->user, l->pw, &res, until, &err) != DB_OK) {
		*exit_msg = err != NULL ? err : xstrdup(_("the login cannot be recorded"));
		ui_login_wipe(l);
		return UI_LOGIN_END;
	}
	ui_login_wipe(l);
	if (res == DB_LOGIN_OK)
		return UI_LOGIN_OK;
	if (res != DB_LOGIN_WRONG)
		return ui_login_refused(app, res, until, exit_msg);
	if (++l->tries < UI_LOGIN_MAX_TRIES) {
		l->msg = N_("Wrong password; try again.");
		return UI_LOGIN_TYPING;
	}
	*exit_msg = xasprintf(_("%d wrong passwords; avrr ends"), UI_LOGIN_MAX_TRIES);
	return UI_LOGIN_END;
}

enum ui_login_result
ui_login_key(struct ui_login *l, struct ui_app *app, int key, char **exit_msg)
{
	enum ui_action a = ui_keys_action(key);

	if (key == '\r' || key == '\n' || a == UA_ENTER)
		return ui_login_check(l, app, exit_msg);
	if (a == UA_QUIT) {
		ui_login_wipe(l);
		return UI_LOGIN_END;	/* the screens keep their drafts */
	}
	if (a == UA_BACKSPACE) {
		while (l->len > 0 && ((unsigned char)l->pw[--l->len] & 0xc0) == 0x80)
			l->pw[l->len] = '\0';
		l->pw[l->len] = '\0';
	} else if (key == 27 || a == UA_CLEAR) {
		ui_login_wipe(l);
	} else if (key >= 0x20 && key < UI_KEY(0) && a == UA_NONE) {
		ui_login_type(l, key);
	}
	return UI_LOGIN_TYPING;
}

void
ui_login_draw(const struct ui_login *l, struct ui_app *app, const char *heading)
{
	int y = app->rows / 2 - 2, x;
	char who[160];

	erase();
	clearok(curscr, TRUE);	/* the whole terminal, not only what changed */
	if (app->cols < 20 || app->rows < 6)
		return;
	x = app->cols / 4;
	ui_draw_text(y, x, app->cols - x, _(heading), US_HEADING);
	snprintf(who, sizeof who, _("User: %s"), app->user != NULL ? app->user : "");
	ui_draw_text(y + 2, x, app->cols - x, who, US_NORMAL);
	if (l->ask) {
		ui_draw_text(y + 3, x, app->cols - x, _("Password (not shown): "), US_LABEL);
		ui_draw_cursor(y + 3, x + ui_draw_width(_("Password (not shown): ")));
	} else {
		ui_draw_text(y + 3, x, app->cols - x, _("Press Enter to go on."), US_LABEL);
	}
	if (l->msg != NULL)
		ui_draw_text(y + 5, x, app->cols - x, _(l->msg), US_ERROR);
}
