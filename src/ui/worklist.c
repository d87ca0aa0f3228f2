/*
 * ui/worklist: one worklist of the start screen (db/worklist): my cases,
 * callbacks due, monitoring visits due. Enter opens where the work is: the
 * case, the call to call back, a new monitoring record of the case.
 */
#include <stdlib.h>
#include <string.h>

#include "db/cases.h"
#include "db/worklist.h"
#include "form/workflow.h"
#include "ui/draw.h"
#include "ui/screens.h"
#include "util/mem.h"
#include "util/str.h"
#include "util/tr.h"

#define UI_WORK_MAX	500	/* items shown; the title says how many there are */

struct ui_worklist {
	enum db_work_kind	 kind;
	struct ui_list		 list;
	struct db_work_item	*items;
	size_t			 n;
	size_t			 total;
};

/* What each list is called, its columns (heading, widths as for
 * ui_draw_cells) and what Enter opens. */
static const struct {
	const char	*title;
	const char	*head[4];
	int		 widths[4];
	enum form_wf_stage opens;	/* WFS__COUNT: the case overview */
} ui_work_kinds[DB_WORK__COUNT] = {
	[DB_WORK_MINE] = { N_("My open cases"), { N_("Case"), N_("Name"), N_("Status") },
	    { 16, 36, 0 }, WFS__COUNT },
	[DB_WORK_CALLBACKS] = { N_("Callbacks due"), { N_("Call back on"), N_("Caller"),
	    N_("Phone") }, { 12, 36, 0 }, WFS_CALL },
	[DB_WORK_VISITS] = { N_("Monitoring visits due"), { N_("Due on"), N_("Case"),
	    N_("Visit"), N_("Name") }, { 10, 15, 5, 0 }, WFS_MONITORING },
};

static const enum ui_action ui_worklist_bar[] = {
	UA_HELP, UA_ENTER, UA_BACK, UA_SEARCH, UA_QUIT, UA_NONE
};

const char *
ui_worklist_title(enum db_work_kind kind)
{
	return (unsigned)kind < DB_WORK__COUNT ? ui_work_kinds[kind].title : "";
}

static void
ui_worklist_unload(struct ui_worklist *w)
{
	db_work_free(w->items, w->n);
	w->items = NULL;
	w->n = w->total = 0;
}

static bool
ui_worklist_load(struct ui_list *list, struct ui_app *app, size_t *n, char **err)
{
	struct ui_worklist *w = list->data;

	ui_worklist_unload(w);
	if (db_work_list(app->db, w->kind, UI_WORK_MAX, &w->items, &w->n, &w->total, err) !=
	    DB_OK)
		return false;
	*n = w->n;
	return true;
}

static char *
ui_worklist_line(struct ui_list *list, struct ui_app *app, size_t k, const int **widths)
{
	struct ui_worklist *w = list->data;
	const struct db_work_item *it = &w->items[k];
	const char *name = it->name != NULL ? it->name : "";

	(void)app;
	*widths = ui_work_kinds[w->kind].widths;
	switch (w->kind) {
	case DB_WORK_CALLBACKS:
		return xasprintf("%s\t%s\t%s", it->due != NULL ? it->due : "", name,
		    it->detail != NULL ? it->detail : "");
	case DB_WORK_VISITS:
		return xasprintf("%s\t%s\t%d/%d\t%s", it->due != NULL ? it->due : "",
		    it->case_no != NULL ? it->case_no : "", it->visit, it->visits, name);
	default:
		return xasprintf("%s\t%s\t%s", it->case_no != NULL ? it->case_no : "", name,
		    _(db_case_status_name(db_case_status_from_code(it->detail))));
	}
}

static int
ui_worklist_heading(struct ui_list *list, struct ui_app *app, size_t k, int y)
{
	struct ui_worklist *w = list->data;
	const char *const *h = ui_work_kinds[w->kind].head;
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	if (k != 0)
		return 0;
	for (i = 0; i < 4 && h[i] != NULL; i++)
		strbuf_printf(&sb, "%s%s", i > 0 ? "\t" : "", _(h[i]));
	ui_draw_cells(y, 2, app->cols - 4, sb.s, ui_work_kinds[w->kind].widths, US_HEADING);
	strbuf_free(&sb);
	return 1;
}

static void
ui_worklist_enter(struct ui_list *list, struct ui_screen *s, struct ui_app *app, size_t k)
{
	struct ui_worklist *w = list->data;
	const struct db_work_item *it = &w->items[k];
	enum form_wf_stage st = ui_work_kinds[w->kind].opens;
	const struct form_def *def = st != WFS__COUNT ? form_workflow_def(app->forms, st) : NULL;

	(void)s;
	if (def == NULL)
		ui_caseview_open(app, it->case_id);
	else
		ui_open_record(app, def, it->case_id, it->record_id);
}

static void
ui_worklist_shown(struct ui_screen *s, struct ui_app *app)
{
	struct ui_worklist *w = s->data;
	char *t;

	ui_list_load(&w->list, app);
	t = w->total > w->n ? xasprintf(" (%zu of %zu)", w->n, w->total) :
	    xasprintf(" (%zu)", w->total);
	ui_title_clear(s);
	ui_title_add(s, ui_work_kinds[w->kind].title, t);
	free(t);
}

static void
ui_worklist_draw(struct ui_screen *s, struct ui_app *app)
{
	struct ui_worklist *w = s->data;

	ui_list_draw_body(&w->list, app, N_("Nothing is due."));
}

static bool
ui_worklist_key(struct ui_screen *s, struct ui_app *app, int key, enum ui_action a)
{
	struct ui_worklist *w = s->data;

	return ui_list_screen_key(&w->list, s, app, key, a);
}

static void
ui_worklist_free(struct ui_screen *s)
{
	struct ui_worklist *w = s->data;

	ui_worklist_unload(w);
	ui_list_free(&w->list);
	free(w);
}

static const struct ui_screen_ops ui_worklist_ops = {
	.name = "worklist",
	.draw = ui_worklist_draw,
	.key = ui_worklist_key,
	.shown = ui_worklist_shown,
	.free = ui_worklist_free,
	.bar = ui_worklist_bar,
};

static const struct ui_list_ops ui_worklist_list_ops = {
	.load = ui_worklist_load,
	.line = ui_worklist_line,
	.heading = ui_worklist_heading,
	.open = ui_worklist_enter,
};

void
ui_worklist_open(struct ui_app *app, enum db_work_kind kind)
{
	struct ui_worklist *w = xcalloc(1, sizeof *w);

	w->kind = kind;
	w->list.ops = &ui_worklist_list_ops;
	w->list.data = w;
	w->list.reserve = 1;
	ui_push(app, &ui_worklist_ops, w, ui_work_kinds[kind].title);
}
