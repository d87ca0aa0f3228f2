/* cmd/tui: the interactive program. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "cmd/out.h"
#include "db/settings.h"
#include "db/users.h"
#include "i18n/i18n.h"
#include "ui/tui.h"
#include "util/mem.h"
#include "util/str.h"
#include "util/tr.h"

#define CMD_TUI_IDLE_MIN	10	/* the idle lock, unless the setting says */

static bool
cmd_tui_langs(const char *lang, const char *client)
{
	if (lang != NULL && !i18n_set_staff(lang)) {
		cmd_error(_("no catalog for the language '%s' (see avrr i18n-status)"), lang);
		return false;
	}
	if (client != NULL && !i18n_set_client(client)) {
		cmd_error(_("no catalog for the language '%s' (see avrr i18n-status)"), client);
		return false;
	}
	return true;
}

/* The staff language the user chose last time (F6), unless --lang says otherwise. */
static void
cmd_tui_saved_lang(struct db *db)
{
	char *key = xasprintf("staff_lang:%s", db_user(db));
	char *lang = db_setting_get(db, key);

	if (lang != NULL)
		i18n_set_staff(lang);
	free(lang);
	free(key);
}

/* The idle lock's time: the setting idle_lock_minutes (a whole number, at
 * least 1), else 10 minutes. */
static long
cmd_tui_idle(struct db *db)
{
	char *v = db_setting_get(db, "idle_lock_minutes"), *end = NULL;
	long min = v != NULL ? strtol(v, &end, 10) : 0;

	if (v == NULL || end == v || *end != '\0' || min < 1 || min > 24 * 60)
		min = CMD_TUI_IDLE_MIN;
	free(v);
	return min * 60;
}

/* Whether the user may start, and with a password asked (*ask). */
static int
cmd_tui_may_start(struct cmd_ctx *ctx, bool *ask)
{
	const char *name = db_user(ctx->db);

	*ask = ctx->who.has_password;
	if (ctx->who.locked_until[0] != '\0') {
		cmd_error(_("%s: locked after %d wrong passwords until %s"), name,
		    DB_USERS_MAX_FAILURES, ctx->who.locked_until);
		return 1;
	}
	if (!*ask && !db_users_test_db(ctx->db)) {
		cmd_error(_("%s has no password yet; set one with 'avrr user passwd %s'"),
		    name, name);
		return 1;
	}
	return 0;
}

int
cmd_tui(const struct cmd_args *a)
{
	const char *lang = cmd_opt_get(a, "lang");
	struct cmd_ctx ctx = { .db_path = cmd_opt_get(a, "db") };
	struct ui_tui_login login = { 0 };
	int rc;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		cmd_error("%s", _("the interactive program needs a terminal"));
		return 1;
	}
	if (!cmd_tui_langs(lang, cmd_opt_get(a, "client-lang")))
		return 1;
	ctx.quiet = true;	/* the start screen says what db_state_message() says */
	if ((rc = cmd_open(&ctx, DB_OPEN_READ)) != 0 ||
	    (rc = cmd_identity(&ctx, cmd_opt_get(a, "user"))) != 0 ||
	    (rc = cmd_tui_may_start(&ctx, &login.ask)) != 0) {
		cmd_close(&ctx);
		return rc;
	}
	if (lang == NULL)
		cmd_tui_saved_lang(ctx.db);
	login.idle_seconds = cmd_tui_idle(ctx.db);
	cmd_out_raw();	/* curses: ui/draw sanitises what it draws */
	rc = ui_tui_run(ctx.db, ctx.forms, ctx.expr, db_user(ctx.db), &login);
	if (login.exit_msg != NULL)
		cmd_error("%s", login.exit_msg);
	free(login.exit_msg);
	cmd_close(&ctx);
	return rc;
}
