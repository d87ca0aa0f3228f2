/* ui/caselist: find a case: results as the user types (name, case number, phone). */
#include <stdlib.h>
#include <string.h>

#include "db/cases.h"
#include "db/search.h"
#include "ui/draw.h"
#include "ui/edit.h"
#include "ui/screens.h"
#include "util/mem.h"
#include "util/str.h"
#include "util/tr.h"

struct ui_caselist {
	struct ui_edit	 query;
	struct db_hit	*hits;
	struct db_case	*recent;	/* shown while the query is empty */
	size_t		 nhits;
	struct ui_list	 list;
	bool		 stale;		/* the query changed: read again when idle */
	ui_case_picked_fn picked;	/* pick mode: Enter hands the case back */
	void		*arg;
};

static const int ui_caselist_widths[] = { 16, 30, 0 };

static const enum ui_action ui_caselist_bar[] = {
	UA_HELP, UA_ENTER, UA_BACK, UA_NEW_CASE, UA_CALL, UA_QUIT, UA_NONE
};

static void
ui_caselist_clear(struct ui_caselist *c)
{
	if (c->hits != NULL)
		db_hits_free(c->hits, c->nhits);
	if (c->recent != NULL)
		db_case_free_array(c->recent, c->nhits);
	c->hits = NULL;
	c->recent = NULL;
	c->nhits = 0;
}

static bool
ui_caselist_load(struct ui_list *list, struct ui_app *app, size_t *n, char **err)
{
	struct ui_caselist *c = list->data;
	const char *q = c->query.text != NULL ? c->query.text : "";
	enum db_status st;

	ui_caselist_clear(c);
	c->stale = false;
	if (str_empty(q))
		st = db_case_recent(app->db, 200, &c->recent, &c->nhits, err);
	else
		st = db_search(app->db, q, 200, &c->hits, &c->nhits, err);
	if (st != DB_OK) {
		c->nhits = 0;
		if (*err == NULL)
			*err = xstrdup(_("Search failed"));
		return false;
	}
	*n = c->nhits;
	return true;
}

static char *
ui_caselist_line(struct ui_list *list, struct ui_app *app, size_t k, const int **widths)
{
	struct ui_caselist *c = list->data;

	*widths = ui_caselist_widths;
	if (c->recent != NULL)
		return xasprintf("%s\t%s\t%s", c->recent[k].case_no,
		    c->recent[k].display_name != NULL ? c->recent[k].display_name : "",
		    _(db_case_status_name(c->recent[k].status)));
	return xasprintf("%s\t%s\t%s", c->hits[k].case_no,
	    c->hits[k].names != NULL ? c->hits[k].names : "",
	    c->hits[k].phones != NULL ? c->hits[k].phones : "");
}

static void
ui_caselist_enter(struct ui_list *list, struct ui_screen *s, struct ui_app *app, size_t k)
{
	struct ui_caselist *c = list->data;
	int64_t id = c->recent != NULL ? c->recent[k].id : c->hits[k].case_id;

	if (c->picked != NULL) {
		ui_close(app, s);
		c->picked(app, id, c->arg);
	} else {
		ui_caseview_open(app, id);
	}
}

static void
ui_caselist_shown(struct ui_screen *s, struct ui_app *app)
{
	struct ui_caselist *c = s->data;

	ui_client_follow(app, NULL);	/* no case on screen */
	ui_list_load(&c->list, app);
}

/* A paste of a query is read once, after its last key. */
static void
ui_caselist_idle(struct ui_screen *s, struct ui_app *app)
{
	struct ui_caselist *c = s->data;

	if (c->stale)
		ui_list_load(&c->list, app);
}

static void
ui_caselist_draw(struct ui_screen *s, struct ui_app *app)
{
	struct ui_caselist *c = s->data;
	int top = ui_body_top();
	char *head;

	ui_draw_text(top, 1, 10, _("Find:"), US_LABEL);
	ui_edit_draw(&c->query, top, 12, app->cols - 14, US_FOCUS);
	head = str_empty(c->query.text) ? xasprintf("%s", _("Recently changed cases")) :
	    xasprintf(_("Cases found: %zu"), c->nhits);
	ui_draw_text(top + 2, 1, app->cols - 2, head, US_HEADING);
	free(head);
	ui_list_draw(&c->list, app, top + 3, ui_body_rows(app) - 3);
	if (app->msg == NULL)
		ui_draw_text(app->rows - 2, 0, app->cols,
		    _("Type a name (any script), case number or phone; Enter opens the case"),
		    US_DIM);
}

static bool
ui_caselist_key(struct ui_screen *s, struct ui_app *app, int key, enum ui_action a)
{
	struct ui_caselist *c = s->data;

	if (key == UI_KEY_TICK)
		return true;
	if (ui_list_key(&c->list, s, app, a, ui_body_rows(app) - 4))
		return true;
	switch (a) {
	case UA_ENTER: return true;
	case UA_BACK: ui_close(app, s); return true;
	case UA_LEFT: ui_edit_left(&c->query); return true;
	case UA_RIGHT: ui_edit_right(&c->query); return true;
	case UA_BACKSPACE: ui_edit_backspace(&c->query); break;
	case UA_DELETE: ui_edit_delete(&c->query); break;
	case UA_CLEAR: ui_edit_clear(&c->query); break;
	case UA_NONE:
		if (key < 32 || key >= 0x200000 || !ui_edit_insert(&c->query, (uint32_t)key))
			return true;
		break;
	default:
		return false;
	}
	c->stale = true;
	c->list.cur = c->list.top = 0;
	return true;
}

static void
ui_caselist_free(struct ui_screen *s)
{
	struct ui_caselist *c = s->data;

	ui_caselist_clear(c);
	ui_list_free(&c->list);
	ui_edit_free(&c->query);
	free(c);
}

static const struct ui_screen_ops ui_caselist_ops = {
	.name = "caselist",
	.draw = ui_caselist_draw,
	.key = ui_caselist_key,
	.idle = ui_caselist_idle,
	.shown = ui_caselist_shown,
	.free = ui_caselist_free,
	.bar = ui_caselist_bar,
};

static const struct ui_list_ops ui_caselist_list_ops = {
	.load = ui_caselist_load,
	.line = ui_caselist_line,
	.open = ui_caselist_enter,
};

void
ui_caselist_open(struct ui_app *app)
{
	ui_caselist_pick(app, NULL, NULL);
}

void
ui_caselist_pick(struct ui_app *app, ui_case_picked_fn picked, void *arg)
{
	struct ui_caselist *c = xcalloc(1, sizeof *c);

	ui_edit_set(&c->query, "", 60);
	c->list.ops = &ui_caselist_list_ops;
	c->list.data = c;
	c->picked = picked;
	c->arg = arg;
	ui_push(app, &ui_caselist_ops, c, picked != NULL ? N_("Link to a case") :
	    N_("Find a case"));
}
