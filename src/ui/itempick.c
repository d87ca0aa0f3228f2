#include "ui/itempick.h"

#include <stdio.h>
#include <stdlib.h>

#include "db/lifecycle.h"
#include "ui/draw.h"
#include "ui/screens.h"
#include "util/mem.h"
#include "util/str.h"
#include "util/tr.h"

struct ui_itempick {
	int64_t			 case_id;
	struct db_plan_item	*items;
	struct ui_list		 list;
	ui_picker_done_fn	 done;
	void			*arg;
};

static const enum ui_action ui_itempick_bar[] = { UA_HELP, UA_ENTER, UA_BACK, UA_NONE };
static const int ui_itempick_widths[] = { 3, 22, 18, 0 };

/* "left 400.00 of 900.00 EUR", "cancelled": translated now, at draw time. */
static char *
ui_itempick_left(const struct db_plan_item *it)
{
	char *left, *budget, *t;

	if (it->cancelled)
		return xstrdup(_("cancelled"));
	budget = db_lifecycle_money_text(it->budget);
	if (it->paid < 0) {
		t = xasprintf(_("budget %s %s"), budget, it->cur);
		free(budget);
		return t;
	}
	left = db_lifecycle_money_text(it->budget > it->paid ? it->budget - it->paid : 0);
	t = xasprintf(_("left %s of %s %s"), left, budget, it->cur);
	free(left);
	free(budget);
	return t;
}

static bool
ui_itempick_load(struct ui_list *l, struct ui_app *app, size_t *n, char **err)
{
	struct ui_itempick *p = l->data;

	return db_lifecycle_items(app->db, p->case_id, &p->items, n, err) == DB_OK;
}

static char *
ui_itempick_line(struct ui_list *l, struct ui_app *app, size_t k, const int **widths)
{
	struct ui_itempick *p = l->data;
	const struct db_plan_item *it = &p->items[k];
	char *t, *left = ui_itempick_left(it);

	*widths = ui_itempick_widths;
	t = xasprintf("%ld\t%s\t%s\t%s", it->no, it->type != NULL ? _(it->type) : "?",
	    it->provider != NULL ? it->provider : "-", left);
	free(left);
	return t;
}

static void
ui_itempick_draw(struct ui_screen *s, struct ui_app *app)
{
	struct ui_itempick *p = s->data;

	ui_list_draw(&p->list, app, ui_body_top() + 1, ui_body_rows(app) - 2);
	if (app->msg == NULL)
		ui_draw_text(app->rows - 2, 0, app->cols, _("Up/Down to move, Enter or the "
		    "item's number to choose, Esc to cancel"), US_DIM);
}

static void
ui_itempick_pick(struct ui_screen *s, struct ui_itempick *p, struct ui_app *app, size_t k)
{
	char no[24];

	snprintf(no, sizeof no, "%ld", p->items[k].no);
	p->done(app, p->arg, no);
	ui_close(app, s);
}

static void
ui_itempick_enter(struct ui_list *l, struct ui_screen *s, struct ui_app *app, size_t k)
{
	ui_itempick_pick(s, l->data, app, k);
}

static bool
ui_itempick_key(struct ui_screen *s, struct ui_app *app, int key, enum ui_action a)
{
	struct ui_itempick *p = s->data;

	if (key == UI_KEY_TICK || ui_list_key(&p->list, s, app, a, ui_body_rows(app) - 2))
		return true;
	if (a == UA_NONE && key >= '1' && key <= '9' && (size_t)(key - '0') <= p->list.n) {
		ui_itempick_pick(s, p, app, (size_t)(key - '1'));
		return true;
	}
	if (a == UA_BACK) {
		ui_close(app, s);
		return true;
	}
	return a == UA_NONE || a == UA_ENTER;	/* other typing does nothing here */
}

static void
ui_itempick_free(struct ui_screen *s)
{
	struct ui_itempick *p = s->data;

	db_lifecycle_items_free(p->items, p->list.n);
	ui_list_free(&p->list);
	free(p);
}

static const struct ui_list_ops ui_itempick_list_ops = {
	.load = ui_itempick_load,
	.line = ui_itempick_line,
	.open = ui_itempick_enter,
};

static const struct ui_screen_ops ui_itempick_ops = {
	.name = "itempick",
	.draw = ui_itempick_draw,
	.key = ui_itempick_key,
	.free = ui_itempick_free,
	.bar = ui_itempick_bar,
};

bool
ui_itempick_open(struct ui_app *app, int64_t case_id, long current, ui_picker_done_fn done,
    void *arg)
{
	struct ui_itempick *p = xcalloc(1, sizeof *p);

	p->case_id = case_id;
	p->list.ops = &ui_itempick_list_ops;
	p->list.data = p;
	/* Read once, here: the plan does not change under the open form. */
	if (case_id == 0 || !ui_list_load(&p->list, app) || p->list.n == 0) {
		if (p->list.err == NULL)
			ui_message(app, true, "%s",
			    _("The case's plan has no items yet (fill in Reintegration plan first)"));
		db_lifecycle_items_free(p->items, p->list.n);
		ui_list_free(&p->list);
		free(p);
		return false;
	}
	if (current >= 1 && (size_t)current <= p->list.n)
		p->list.cur = (size_t)current - 1;
	p->done = done;
	p->arg = arg;
	ui_push(app, &ui_itempick_ops, p, N_("Plan items"));
	return true;
}
