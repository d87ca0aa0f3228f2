/* ui/global: the actions every screen has, and opening records. */
#include <stdlib.h>
#include <string.h>

#include "db/cases.h"
#include "db/audit.h"
#include "db/draft.h"
#include "db/perm.h"
#include "db/record.h"
#include "db/settings.h"
#include "i18n/i18n.h"
#include "ui/curs.h"
#include "form/workflow.h"
#include "ui/formview.h"
#include "ui/langpick.h"
#include "ui/newcase.h"
#include "ui/screens.h"
#include "util/mem.h"
#include "util/str.h"
#include "util/tr.h"

void
ui_form_std_opts(struct ui_form_opts *o, const struct form_record *rec)
{
	if (rec->case_id == 0 && rec->def->needs_case)
		ui_newcase_opts(o, NULL, NULL);
}

void
ui_draft_resume(struct ui_app *app, int64_t draft_id)
{
	struct form_record *rec = NULL;
	struct ui_form_opts o = { 0 };
	char *err = NULL;
	int cursor = 0;

	if (db_draft_load(app->db, draft_id, &rec, &cursor, &err) != DB_OK) {
		ui_message(app, true, "%s", err != NULL ? err : _("The draft cannot be opened"));
		free(err);
		return;
	}
	ui_form_std_opts(&o, rec);
	o.draft_id = draft_id;
	o.cursor = cursor;
	ui_form_open(app, rec, &o);
}

/* The user's draft of that record (of a case, or an existing record), if any. */
static bool
ui_open_draft(struct ui_app *app, const struct form_def *def, int64_t case_id,
    int64_t record_id)
{
	int64_t id = 0;
	char *err = NULL;

	if (case_id == 0 && record_id == 0)
		return false;
	if (db_draft_find(app->db, def->name, case_id, record_id, &id, &err) != DB_OK) {
		if (err != NULL)	/* none (err NULL) is the usual case */
			ui_message_err(app, err, NULL);
		return false;
	}
	ui_draft_resume(app, id);
	return true;
}

bool
ui_may_add(struct ui_app *app, const struct form_def *def)
{
	char *err = NULL;

	if (db_perm_refuse(app->db, def, FA_CREATE, &err) == DB_OK)
		return true;
	ui_message(app, true, "%s", err != NULL ? err : "");
	free(err);
	return false;
}

void
ui_open_record(struct ui_app *app, const struct form_def *def, int64_t case_id,
    int64_t record_id)
{
	struct form_record *rec = NULL;
	struct ui_form_opts o = { 0 };
	char *err = NULL;

	if (ui_open_draft(app, def, case_id, record_id))
		return;
	if (record_id != 0) {
		if (db_record_load(app->db, def, record_id, &rec, &err) != DB_OK ||
		    db_audit_view(app->db, def->table, record_id, rec->case_id, &err) != DB_OK) {
			ui_message(app, true, "%s", err != NULL ? err : _("The record cannot be read"));
			free(err);
			form_record_free(rec);
			return;
		}
	} else {
		if (!ui_may_add(app, def))
			return;
		rec = form_record_new(def);
		rec->case_id = case_id;
	}
	ui_form_std_opts(&o, rec);
	ui_form_open(app, rec, &o);
}

void
ui_client_follow(struct ui_app *app, const char *code)
{
	if (str_empty(code) || !i18n_set_client(code))
		code = app->client_default;
	if (!str_eq(code, i18n_client_code()))
		i18n_set_client(code);
}

void
ui_new_case(struct ui_app *app)
{
	const struct form_def *def = form_workflow_def(app->forms, WFS_REGISTRATION);
	struct ui_form_opts o = { 0 };
	struct form_record *rec;

	if (def == NULL) {
		ui_message(app, true, "%s", _("There is no registration form in forms/"));
		return;
	}
	if (!ui_may_add(app, def))
		return;
	rec = form_record_new(def);
	ui_client_follow(app, NULL);	/* a new case: not the last case's client */
	ui_form_std_opts(&o, rec);
	ui_form_open(app, rec, &o);
}

bool
ui_global_action(struct ui_app *app, enum ui_action a)
{
	switch (a) {
	case UA_HELP: ui_help_open(app); break;
	case UA_SEARCH: ui_caselist_open(app); break;
	case UA_NEW_CASE: ui_new_case(app); break;
	case UA_CALL: ui_call_open(app, app->case_id); break;
	case UA_QUIT: app->quit = true; break;
	case UA_STAFF_LANG: ui_langpick_staff_open(app); break;
	case UA_CLIENT_LANG: ui_langpick_open(app); break;
	case UA_REPORT: ui_report_open(app, NULL); break;
	case UA_INTERP:
		app->interp = !app->interp;
		if (app->interp && i18n_client_code() == NULL)
			ui_langpick_open(app);
		break;
	default:
		return false;
	}
	return true;
}
