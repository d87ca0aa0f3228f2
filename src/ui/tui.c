#include "ui/tui.h"

#include <stdlib.h>

#include "i18n/i18n.h"
#include "ui/app.h"
#include "ui/screens.h"

int
ui_tui_run(struct db *db, struct form_set *forms, struct db_expr *expr, const char *user)
{
	struct ui_app app = { 0 };
	int rc;

	app.db = db;
	app.forms = forms;
	app.expr = expr;
	app.user = user;
	app.client_default = i18n_client_code();
	ui_home_open(&app);
	rc = ui_app_run(&app);
	free(app.msg);
	return rc;
}
