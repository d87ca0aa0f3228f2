/* ui/reclist: the records of one form (of a case, or the office's own). */
#include <stdlib.h>
#include <string.h>

#include "db/record.h"
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
	size_t			 n;
	struct ui_list		 list;	/* line 0 is "new" */
	unsigned		 gen;
	bool			 loaded;
};

static const enum ui_action ui_reclist_bar[] = {
	UA_HELP, UA_ENTER, UA_BACK, UA_CALL, UA_QUIT, UA_NONE
};

static void
ui_reclist_unload(struct ui_reclist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->lines[i]);
	free(l->lines);
	free(l->ids);
	l->lines = NULL;
	l->ids = NULL;
	l->n = 0;
}

static void
ui_reclist_load(struct ui_reclist *l, struct ui_app *app)
{
	struct form_record *rec;
	char *err = NULL;
	size_t i;

	ui_reclist_unload(l);
	if (db_record_list(app->db, l->def, l->case_id, &l->ids, &l->n, &err) != DB_OK) {
		ui_message(app, true, "%s", err != NULL ? err : _("The list cannot be read"));
		l->n = 0;
	}
	free(err);
	if (l->n > UI_RECLIST_MAX)
		l->n = UI_RECLIST_MAX;
	l->lines = xcalloc(l->n + 1, sizeof *l->lines);
	for (i = 0; i < l->n; i++) {
		rec = NULL;
		if (db_record_load(app->db, l->def, l->ids[i], &rec, NULL) == DB_OK) {
			l->lines[i] = ui_field_row_summary(app->forms, rec);
			form_record_free(rec);
		} else {
			l->lines[i] = xasprintf("#%lld", (long long)l->ids[i]);
		}
	}
	l->list.n = l->n + 1;
	l->gen = app->gen;
	l->loaded = true;
}

static void
ui_reclist_draw(struct ui_screen *s, struct ui_app *app)
{
	struct ui_reclist *l = s->data;
	int top = ui_body_top() + 1, rows = ui_body_rows(app) - 1, y = top;
	size_t k;
	char *t;

	if (!l->loaded || l->gen != app->gen)
		ui_reclist_load(l, app);
	ui_list_scroll(&l->list, rows);
	for (k = l->list.top; k < l->list.n && y < top + rows; k++, y++) {
		t = k == 0 ? xasprintf("+ %s", _("New")) : xstrdup(l->lines[k - 1]);
		if (k == l->list.cur)
			ui_draw_fill(y, 1, app->cols - 2, US_FOCUS);
		ui_draw_text(y, 2, app->cols - 4, t, k == l->list.cur ? US_FOCUS : US_NORMAL);
		free(t);
	}
}

static bool
ui_reclist_key(struct ui_screen *s, struct ui_app *app, int key, enum ui_action a)
{
	struct ui_reclist *l = s->data;

	if (key == UI_KEY_TICK)
		return true;
	if (ui_list_move(&l->list, a, ui_body_rows(app) - 2))
		return true;
	if (a == UA_BACK) {
		ui_close(app, s);
		return true;
	}
	if (a != UA_ENTER)
		return false;
	ui_open_record(app, l->def, l->case_id, l->list.cur == 0 ? 0 : l->ids[l->list.cur - 1]);
	return true;
}

static void
ui_reclist_free(struct ui_screen *s)
{
	struct ui_reclist *l = s->data;

	ui_reclist_unload(l);
	free(l);
}

static const struct ui_screen_ops ui_reclist_ops = {
	.name = "records",
	.draw = ui_reclist_draw,
	.key = ui_reclist_key,
	.free = ui_reclist_free,
	.bar = ui_reclist_bar,
};

void
ui_reclist_open(struct ui_app *app, const struct form_def *def, int64_t case_id)
{
	struct ui_reclist *l = xcalloc(1, sizeof *l);

	l->def = def;
	l->case_id = case_id;
	ui_push(app, &ui_reclist_ops, l, def->title);
}
