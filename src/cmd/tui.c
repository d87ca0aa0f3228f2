/* cmd/tui: the interactive program. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "cmd/out.h"
#include "db/settings.h"
#include "i18n/i18n.h"
#include "ui/tui.h"
#include "util/mem.h"
#include "util/str.h"
#include "util/tr.h"

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

int
cmd_tui(const struct cmd_args *a)
{
	const char *lang = cmd_opt_get(a, "lang"), *user = cmd_opt_get(a, "user");
	struct cmd_ctx ctx = { .db_path = cmd_opt_get(a, "db") };
	int rc;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		cmd_error("%s", _("the interactive program needs a terminal"));
		return 1;
	}
	if (!cmd_tui_langs(lang, cmd_opt_get(a, "client-lang")))
		return 1;
	ctx.quiet = true;	/* the start screen says what db_state_message() says */
	if ((rc = cmd_open(&ctx, DB_OPEN_READ)) != 0) {
		cmd_close(&ctx);
		return rc;
	}
	db_set_user(ctx.db, !str_empty(user) ? user : cmd_user_name());
	if (lang == NULL)
		cmd_tui_saved_lang(ctx.db);
	cmd_out_raw();	/* curses: ui/draw sanitises what it draws */
	rc = ui_tui_run(ctx.db, ctx.forms, ctx.expr, db_user(ctx.db));
	cmd_close(&ctx);
	return rc;
}
