#include "ui/tui.h"

#include <stdlib.h>

#include "i18n/i18n.h"
#include "ui/app.h"
#include "ui/lock.h"
#include "ui/screens.h"

int
ui_tui_run(struct db *db, struct form_set *forms, struct db_expr *expr, const char *user,
    struct ui_tui_login *login)
{
	struct ui_app app = { 0 };
	struct ui_lock lock;
	int rc;

	ui_lock_init(&lock, login->ask, login->idle_seconds, login->ask);
	app.db = db;
	app.forms = forms;
	app.expr = expr;
	app.user = user;
	app.lock = &lock;
	app.client_default = i18n_client_code();
	ui_home_open(&app);
	rc = ui_app_run(&app);
	if (lock.exit_msg != NULL) {
		login->exit_msg = lock.exit_msg;
		lock.exit_msg = NULL;
		rc = 1;
	}
	ui_lock_free(&lock);
	free(app.msg);
	return rc;
}
