/*
 * ui/caselist: find a case: results as the user types (name, case number,
 * phone; key:value words narrow by status, project, country of return and
 * officer, db/search), each row with what tells namesakes apart (date of
 * birth, nationality, status, one phone), and the true count of cases found.
 */
#include <stdlib.h>
#include <string.h>

#include "db/cases.h"
#include "db/search.h"
#include "i18n/iso.h"
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
	size_t		 total;		/* cases the query finds, shown or not */
	struct ui_list	 list;
	bool		 stale;		/* the query changed: read again when idle */
	bool		 given;		/* the query was given: a character typed replaces it */
	ui_case_picked_fn picked;	/* pick mode: Enter hands the case back */
	void		*arg;
};

#define UI_CASELIST_MAX	200	/* hits shown */

static const int ui_caselist_widths[] = { 16, 30, 0 };

/* The columns of a hit: case number, name, born, nationality, status, phone,
 * at 80 columns and in a wide window; the name takes what the others leave
 * (0 here), a wide window gives the nationality its name instead of its code. */
#define UI_CASELIST_NCOLS	6
#define UI_CASELIST_WIDE	106	/* columns of the list from which it is wide */

static const int ui_caselist_hit_cols[2][UI_CASELIST_NCOLS] = {
	{ 15, 0, 10, 2, 11, 15 },
	{ 15, 0, 10, 16, 18, 17 },
};

static void
ui_caselist_cols(int cols, int w[UI_CASELIST_NCOLS])
{
	int i, used = UI_CASELIST_NCOLS - 1;

	for (i = 0; i < UI_CASELIST_NCOLS; i++)
		used += w[i] = ui_caselist_hit_cols[cols >= UI_CASELIST_WIDE][i];
	w[1] = cols - used > 8 ? cols - used : 8;
}

static const enum ui_action ui_caselist_bar[] = {
	UA_HELP, UA_ENTER, UA_BACK, UA_NEW_CASE, UA_CALL, UA_QUIT, UA_NONE
};
/* Picking a case for the form it was opened from (a call to link). */
static const enum ui_action ui_caselist_pick_bar[] = {
	UA_HELP, UA_ENTER, UA_BACK, UA_QUIT, UA_NONE
};

static const char *
ui_caselist_pick_label(enum ui_action a)
{
	return a == UA_ENTER ? N_("Link this case") : NULL;
}

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
	c->total = 0;
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
	else if ((st = db_search(app->db, q, UI_CASELIST_MAX, &c->hits, &c->nhits, err)) ==
	    DB_OK)
		st = db_search_count(app->db, q, &c->total, err);
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

static const char *
ui_caselist_nat(const struct db_hit *h, bool wide)
{
	const char *name;

	if (h->nationality == NULL)
		return "";
	if (wide && (name = i18n_iso_name(I18N_ISO_COUNTRY, h->nationality)) != NULL)
		return _(name);
	return h->nationality;
}

/* A phone that does not fit in cols columns without its blanks (malloc'd). */
static char *
ui_caselist_phone(const char *phone, int cols)
{
	char *p = xstrdup(phone != NULL ? phone : ""), *q = p, *r;

	if (ui_draw_width(p) <= cols)
		return p;
	for (r = p; *r != '\0'; r++)
		if (*r != ' ')
			*q++ = *r;
	*q = '\0';
	return p;
}

/* A hit in its columns; what does not fit ends with an ellipsis. */
static void
ui_caselist_draw_hit(struct ui_list *list, struct ui_app *app, size_t k, int y, bool cur)
{
	struct ui_caselist *c = list->data;
	const struct db_hit *h = &c->hits[k];
	enum ui_style st = cur ? US_FOCUS : US_NORMAL;
	const char *cells[UI_CASELIST_NCOLS];
	int w[UI_CASELIST_NCOLS], x = 2, i;
	char *phone;

	ui_caselist_cols(app->cols - 4, w);
	phone = ui_caselist_phone(h->phone, w[UI_CASELIST_NCOLS - 1]);
	cells[0] = h->case_no;
	cells[1] = !str_empty(h->display) ? h->display : h->names;
	cells[2] = h->born;
	cells[3] = ui_caselist_nat(h, w[3] > 2);
	cells[4] = _(db_case_status_name(h->status));
	cells[5] = phone;
	if (cur)
		ui_draw_fill(y, 1, app->cols - 2, US_FOCUS);
	for (i = 0; i < UI_CASELIST_NCOLS && x < app->cols - 2; i++) {
		ui_draw_text(y, x, i == UI_CASELIST_NCOLS - 1 ? app->cols - 2 - x : w[i],
		    cells[i] != NULL ? cells[i] : "", st);
		x += w[i] + 1;
	}
	free(phone);
}

static void
ui_caselist_draw_line(struct ui_list *list, struct ui_app *app, size_t k, int y, bool cur)
{
	struct ui_caselist *c = list->data;
	const int *widths = NULL;
	char *t;

	if (c->hits != NULL) {
		ui_caselist_draw_hit(list, app, k, y, cur);
		return;
	}
	t = ui_caselist_line(list, app, k, &widths);
	if (cur)
		ui_draw_fill(y, 1, app->cols - 2, US_FOCUS);
	ui_draw_cells(y, 2, app->cols - 4, t, widths, cur ? US_FOCUS : US_NORMAL);
	free(t);
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
	if (str_empty(c->query.text))
		head = xasprintf("%s", _("Recently changed cases"));
	else if (c->total > c->nhits)
		head = xasprintf(_("Cases found: %zu (the best %zu shown; type more to narrow)"),
		    c->total, c->nhits);
	else
		head = xasprintf(_("Cases found: %zu"), c->nhits);
	ui_draw_text(top + 2, 1, app->cols - 2, head, US_HEADING);
	free(head);
	ui_list_draw(&c->list, app, top + 3, ui_body_rows(app) - 4);	/* the hint below */
	if (app->msg == NULL)
		ui_draw_wrapped(app->rows - 3, 0, app->cols, 2, c->picked != NULL ?
		    _("Type a name (any script), case number or phone; Enter links this case. "
		    "Narrow with status:, project:, country:, officer: (status:departed "
		    "country:GE)") :
		    _("Type a name (any script), case number or phone; Enter opens the case. "
		    "Narrow with status:, project:, country:, officer: (status:departed "
		    "country:GE)"), US_DIM);
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
	case UA_LEFT: c->given = false; ui_edit_left(&c->query); return true;
	case UA_RIGHT: c->given = false; ui_edit_right(&c->query); return true;
	case UA_BACKSPACE: ui_edit_backspace(&c->query); break;
	case UA_DELETE: ui_edit_delete(&c->query); break;
	case UA_CLEAR: ui_edit_clear(&c->query); break;
	case UA_NONE:
		if (key < 32 || key >= 0x200000)
			return true;
		if (c->given)
			ui_edit_clear(&c->query);
		if (!ui_edit_insert(&c->query, (uint32_t)key))
			return true;
		break;
	default:
		return false;
	}
	c->given = false;
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
	.draw = ui_caselist_draw_line,
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
	ui_caselist_pick_from(app, NULL, picked, arg);
}

void
ui_caselist_pick_from(struct ui_app *app, const char *query, ui_case_picked_fn picked,
    void *arg)
{
	struct ui_caselist *c = xcalloc(1, sizeof *c);

	ui_edit_set(&c->query, query != NULL ? query : "", 60);
	c->given = !str_empty(query);
	c->list.ops = &ui_caselist_list_ops;
	c->list.data = c;
	c->picked = picked;
	c->arg = arg;
	ui_push(app, &ui_caselist_ops, c, picked != NULL ? N_("Link to a case") :
	    N_("Find a case"));
	if (picked != NULL) {	/* Enter hands the case back: its keys say so */
		app->top->bar = ui_caselist_pick_bar;
		app->top->bar_label = ui_caselist_pick_label;
	}
}
