/*
 * ui/history: the history of one case, newest first: when, who, what was
 * done to which form, and what changed (the case's audit rows, db/audit).
 */
#include <stdlib.h>
#include <string.h>

#include "db/audit.h"
#include "ui/draw.h"
#include "ui/screens.h"
#include "util/mem.h"
#include "util/str.h"
#include "util/tr.h"

struct ui_history {
	int64_t			 case_id;
	struct db_audit_entry	*rows;
	size_t			 n;
	struct ui_list		 list;
};

static const enum ui_action ui_history_bar[] = {
	UA_HELP, UA_BACK, UA_PGUP, UA_PGDN, UA_QUIT, UA_NONE
};
static const int ui_history_widths[] = { 16, 10, 9, 14, 0 };

/* What the audit's action codes say, as msgids. */
static const struct {
	const char	*code;
	const char	*label;
} ui_history_actions[] = {
	{ "insert", N_("created") },
	{ "update", N_("changed") },
	{ "delete", N_("deleted") },
	{ "view", N_("viewed") },
};

static const char *
ui_history_action(const char *code)
{
	size_t i;

	for (i = 0; i < sizeof ui_history_actions / sizeof ui_history_actions[0]; i++)
		if (str_eq(ui_history_actions[i].code, code))
			return _(ui_history_actions[i].label);
	return code;
}

/* The form a table belongs to, by its title; the case itself; else the table. */
static const char *
ui_history_what(const struct ui_app *app, const char *tbl)
{
	size_t i;

	if (tbl == NULL)
		return "";
	if (str_eq(tbl, "cases"))
		return _("Case");
	for (i = 0; i < app->forms->nforms; i++)
		if (str_eq(app->forms->forms[i]->table, tbl))
			return _(app->forms->forms[i]->title);
	return tbl;
}

static bool
ui_history_load(struct ui_list *list, struct ui_app *app, size_t *n, char **err)
{
	struct ui_history *h = list->data;
	struct db_audit_filter f = { .case_id = h->case_id, .newest_first = true };

	db_audit_entries_free(h->rows, h->n);
	h->rows = NULL;
	h->n = 0;
	if (db_audit_list(app->db, &f, &h->rows, &h->n, err) != DB_OK)
		return false;
	*n = h->n;
	return true;
}

static char *
ui_history_line(struct ui_list *list, struct ui_app *app, size_t k, const int **widths)
{
	struct ui_history *h = list->data;
	const struct db_audit_entry *e = &h->rows[k];

	*widths = ui_history_widths;
	return xasprintf("%.16s\t%s\t%s\t%s\t%s", e->at, e->user != NULL ? e->user : "-",
	    ui_history_action(e->action), ui_history_what(app, e->tbl),
	    e->summary != NULL ? e->summary : "");
}

/* The heading line above the list, in the columns of its lines. */
static void
ui_history_heading(struct ui_app *app, int y)
{
	char *t = xasprintf("%s\t%s\t%s\t%s\t%s", _("When"), _("Who"), _("Did"), _("Form"),
	    _("What changed"));
	ui_draw_cells(y, 2, app->cols - 4, t, ui_history_widths, US_HEADING);
	free(t);
}

static void
ui_history_shown(struct ui_screen *s, struct ui_app *app)
{
	struct ui_history *h = s->data;

	ui_list_load(&h->list, app);
}

static void
ui_history_draw(struct ui_screen *s, struct ui_app *app)
{
	struct ui_history *h = s->data;

	ui_history_heading(app, ui_body_top());
	if (h->n == 0 && h->list.err == NULL)
		ui_draw_text(ui_body_top() + 1, 2, app->cols - 4,
		    _("Nothing was recorded for this case."), US_NORMAL);
	ui_list_draw(&h->list, app, ui_body_top() + 1, ui_body_rows(app) - 1);
}

static bool
ui_history_key(struct ui_screen *s, struct ui_app *app, int key, enum ui_action a)
{
	struct ui_history *h = s->data;

	if (key == UI_KEY_TICK)
		return true;
	if (a == UA_BACK) {
		ui_close(app, s);
		return true;
	}
	return ui_list_key(&h->list, s, app, a, ui_body_rows(app) - 3) || a == UA_ENTER;
}

static void
ui_history_free(struct ui_screen *s)
{
	struct ui_history *h = s->data;

	db_audit_entries_free(h->rows, h->n);
	ui_list_free(&h->list);
	free(h);
}

static const struct ui_screen_ops ui_history_ops = {
	.name = "history",
	.draw = ui_history_draw,
	.key = ui_history_key,
	.shown = ui_history_shown,
	.free = ui_history_free,
	.bar = ui_history_bar,
};

static const struct ui_list_ops ui_history_list_ops = {
	.load = ui_history_load,
	.line = ui_history_line,
};

void
ui_history_open(struct ui_app *app, int64_t case_id)
{
	struct ui_history *h = xcalloc(1, sizeof *h);

	h->case_id = case_id;
	h->list.ops = &ui_history_list_ops;
	h->list.data = h;
	ui_push(app, &ui_history_ops, h, N_("History of the case"));
}
