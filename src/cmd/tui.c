/* cmd/tui: the interactive program. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "db/settings.h"
#include "i18n/i18n.h"
#include "ui/tui.h"
#include "util/mem.h"
#include "util/str.h"
#include "util/tr.h"

struct cmd_tui_opts {
	const char	*db;
	const char	*lang;
	const char	*client;
	const char	*user;
};

static int
cmd_tui_args(int argc, char **argv, struct cmd_tui_opts *o)
{
	int i;

	for (i = 1; i < argc; i++) {
		const char **slot = NULL;

		if (strcmp(argv[i], "--db") == 0)
			slot = &o->db;
		else if (strcmp(argv[i], "--lang") == 0)
			slot = &o->lang;
		else if (strcmp(argv[i], "--client-lang") == 0)
			slot = &o->client;
		else if (strcmp(argv[i], "--user") == 0)
			slot = &o->user;
		if (slot == NULL || i + 1 >= argc) {
			cmd_error(_("unknown option or missing value: '%s'"), argv[i]);
			return cmd_usage("tui");
		}
		*slot = argv[++i];
	}
	return 0;
}

static bool
cmd_tui_langs(const struct cmd_tui_opts *o)
{
	if (o->lang != NULL && !i18n_set_staff(o->lang)) {
		cmd_error(_("no catalog for the language '%s' (see avrr i18n-status)"), o->lang);
		return false;
	}
	if (o->client != NULL && !i18n_set_client(o->client)) {
		cmd_error(_("no catalog for the language '%s' (see avrr i18n-status)"), o->client);
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
cmd_tui(int argc, char **argv)
{
	struct cmd_tui_opts o = { 0 };
	struct cmd_ctx ctx = { 0 };
	int rc;

	if (cmd_wants_help(argc, argv, "tui"))
		return 0;
	if ((rc = cmd_tui_args(argc, argv, &o)) != 0)
		return rc;
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		cmd_error("%s", _("the interactive program needs a terminal"));
		return 1;
	}
	if (!cmd_tui_langs(&o))
		return 1;
	ctx.db_path = o.db;
	ctx.quiet = true;	/* the start screen says what db_state_message() says */
	if ((rc = cmd_open(&ctx, DB_OPEN_READ)) != 0) {
		cmd_close(&ctx);
		return rc;
	}
	db_set_user(ctx.db, !str_empty(o.user) ? o.user : cmd_user_name());
	if (o.lang == NULL)
		cmd_tui_saved_lang(ctx.db);
	rc = ui_tui_run(ctx.db, ctx.forms, ctx.expr, db_user(ctx.db));
	cmd_close(&ctx);
	return rc;
}
