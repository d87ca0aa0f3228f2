/* ui/reclist: the records of one form (of a case, or the office's own). */
#include <stdlib.h>
#include <string.h>

#include "db/record.h"
#include "form/workflow.h"
#include "ui/draw.h"
#include "ui/field.h"
#include "ui/screens.h"
#include "util/mem.h"
#include "util/str.h"
#include "util/tr.h"

#define UI_RECLIST_MAX 200

struct ui_reclist {
	const struct form_def	*def;
	int64_t			 case_id;
	int64_t			*ids;
	char			**lines;
	char			**codes;	/* projects: each one's code, for ^W */
	size_t			 n;
	struct ui_list		 list;	/* line 0 is "new" */
};

static const enum ui_action ui_reclist_bar[] = {
	UA_HELP, UA_ENTER, UA_BACK, UA_CALL, UA_QUIT, UA_NONE
};
/* The projects: each one's reports too. */
static const enum ui_action ui_reclist_project_bar[] = {
	UA_HELP, UA_ENTER, UA_REPORT, UA_BACK, UA_CALL, UA_QUIT, UA_NONE
};

static void
ui_reclist_unload(struct ui_reclist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		free(l->lines[i]);
		if (l->codes != NULL)
			free(l->codes[i]);
	}
	free(l->lines);
	free(l->codes);
	l->codes = NULL;
	free(l->ids);
	l->lines = NULL;
	l->ids = NULL;
	l->n = 0;
}

/* The list is of the projects (the workflow table's project stage). */
static bool
ui_reclist_projects(const struct ui_app *app, const struct ui_reclist *l)
{
	return form_workflow_def(app->forms, WFS_PROJECT) == l->def;
}

/* A project's code (malloc'd), or NULL. */
static char *
ui_reclist_code(const struct ui_app *app, const struct form_record *rec)
{
	int i = form_field_index(rec->def, form_workflow_field(app->forms, WFR_PROJECT_CODE));
	const char *v = i >= 0 ? form_record_get(rec, (size_t)i) : NULL;

	return v != NULL ? xstrdup(v) : NULL;
}

static bool
ui_reclist_load(struct ui_list *list, struct ui_app *app, size_t *n, char **err)
{
	struct ui_reclist *l = list->data;
	struct form_record *rec;
	size_t i;

	ui_reclist_unload(l);
	*n = 1;	/* "New" */
	if (db_record_list(app->db, l->def, l->case_id, &l->ids, &l->n, err) != DB_OK) {
		l->n = 0;
		return false;
	}
	if (l->n > UI_RECLIST_MAX)
		l->n = UI_RECLIST_MAX;
	l->lines = xcalloc(l->n + 1, sizeof *l->lines);
	if (ui_reclist_projects(app, l))
		l->codes = xcalloc(l->n + 1, sizeof *l->codes);
	for (i = 0; i < l->n; i++) {
		rec = NULL;
		if (db_record_load(app->db, l->def, l->ids[i], &rec,
		    *err == NULL ? err : NULL) == DB_OK) {
			l->lines[i] = ui_field_row_summary_n(app->forms, rec,
			    ui_field_summary_values(app->cols));
			if (l->codes != NULL)
				l->codes[i] = ui_reclist_code(app, rec);
			form_record_free(rec);
		} else {	/* the others still show; the first failure is said */
			l->lines[i] = xasprintf("#%lld", (long long)l->ids[i]);
			if (*err == NULL)
				*err = xstrdup(_("A record cannot be read"));
		}
	}
	*n = l->n + 1;
	return *err == NULL;
}

static char *
ui_reclist_line(struct ui_list *list, struct ui_app *app, size_t k, const int **widths)
{
	struct ui_reclist *l = list->data;

	return k == 0 ? xasprintf("+ %s", _("New")) : xstrdup(l->lines[k - 1]);
}

static void
ui_reclist_enter(struct ui_list *list, struct ui_screen *s, struct ui_app *app, size_t k)
{
	struct ui_reclist *l = list->data;

	ui_open_record(app, l->def, l->case_id, k == 0 ? 0 : l->ids[k - 1]);
}

/* ^W on a project: its reports. */
static bool
ui_reclist_act(struct ui_list *list, struct ui_screen *s, struct ui_app *app, size_t k,
    enum ui_action a)
{
	struct ui_reclist *l = list->data;

	if (a != UA_REPORT || l->codes == NULL || k == 0)
		return false;	/* "New": every project's */
	ui_report_open(app, l->codes[k - 1]);
	return true;
}

static void
ui_reclist_shown(struct ui_screen *s, struct ui_app *app)
{
	struct ui_reclist *l = s->data;

	ui_list_load(&l->list, app);
}

static void
ui_reclist_draw(struct ui_screen *s, struct ui_app *app)
{
	struct ui_reclist *l = s->data;

	ui_list_draw(&l->list, app, ui_body_top() + 1, ui_body_rows(app) - 1);
}

static bool
ui_reclist_key(struct ui_screen *s, struct ui_app *app, int key, enum ui_action a)
{
	struct ui_reclist *l = s->data;

	if (key == UI_KEY_TICK)
		return true;
	if (a == UA_BACK) {
		ui_close(app, s);
		return true;
	}
	return ui_list_key(&l->list, s, app, a, ui_body_rows(app) - 2) || a == UA_ENTER;
}

static void
ui_reclist_free(struct ui_screen *s)
{
	struct ui_reclist *l = s->data;

	ui_reclist_unload(l);
	ui_list_free(&l->list);
	free(l);
}

static const struct ui_screen_ops ui_reclist_ops = {
	.name = "records",
	.draw = ui_reclist_draw,
	.key = ui_reclist_key,
	.shown = ui_reclist_shown,
	.free = ui_reclist_free,
	.bar = ui_reclist_bar,
};

static const struct ui_screen_ops ui_reclist_project_ops = {
	.name = "projects",
	.draw = ui_reclist_draw,
	.key = ui_reclist_key,
	.shown = ui_reclist_shown,
	.free = ui_reclist_free,
	.bar = ui_reclist_project_bar,
};

static const struct ui_list_ops ui_reclist_list_ops = {
	.load = ui_reclist_load,
	.line = ui_reclist_line,
	.open = ui_reclist_enter,
	.act = ui_reclist_act,
};

void
ui_reclist_open(struct ui_app *app, const struct form_def *def, int64_t case_id)
{
	struct ui_reclist *l = xcalloc(1, sizeof *l);

	l->def = def;
	l->case_id = case_id;
	l->list.ops = &ui_reclist_list_ops;
	l->list.data = l;
	ui_push(app, form_workflow_def(app->forms, WFS_PROJECT) == def ?
	    &ui_reclist_project_ops : &ui_reclist_ops, l, def->title);
}
