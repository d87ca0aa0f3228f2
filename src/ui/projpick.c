#include "ui/projpick.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "db/lifecycle.h"
#include "ui/draw.h"
#include "ui/screens.h"
#include "util/mem.h"
#include "util/str.h"
#include "util/tr.h"

#define UI_PROJPICK_FILTER	24	/* bytes typed to narrow the list */

struct ui_projpick {
	struct db_project	*all;
	size_t			 nall;
	size_t			*shown;		/* indexes into all */
	char			 filter[UI_PROJPICK_FILTER + 1];
	struct ui_list		 list;
	ui_picker_done_fn	 done;
	void			*arg;
};

static const enum ui_action ui_projpick_bar[] = { UA_HELP, UA_ENTER, UA_BACK, UA_NONE };
static const int ui_projpick_widths[] = { 20, 0 };

/* The start of s, or of a word of it, is what was typed. */
static bool
ui_projpick_starts(const char *s, const char *typed)
{
	size_t n = strlen(typed);
	const char *w;

	for (w = s; w != NULL && *w != '\0'; w = strchr(w, ' ')) {
		while (*w == ' ')
			w++;
		if (strncasecmp(w, typed, n) == 0)
			return true;
	}
	return false;
}

static bool
ui_projpick_load(struct ui_list *l, struct ui_app *app, size_t *n, char **err)
{
	struct ui_projpick *p = l->data;
	size_t k;

	(void)app;
	(void)err;
	for (k = 0; k < p->nall; k++)
		if (p->filter[0] == '\0' || ui_projpick_starts(p->all[k].code, p->filter) ||
		    (p->all[k].name != NULL && ui_projpick_starts(p->all[k].name, p->filter)))
			p->shown[(*n)++] = k;
	return true;
}

static char *
ui_projpick_line(struct ui_list *l, struct ui_app *app, size_t k, const int **widths)
{
	struct ui_projpick *p = l->data;
	const struct db_project *pr = &p->all[p->shown[k]];

	(void)app;
	*widths = ui_projpick_widths;
	return xasprintf("%s\t%s", pr->code, pr->name != NULL ? pr->name : "");
}

static void
ui_projpick_draw(struct ui_screen *s, struct ui_app *app)
{
	struct ui_projpick *p = s->data;
	char *t = xasprintf(_("Type to filter: %s"), p->filter);

	ui_draw_text(ui_body_top(), 1, app->cols - 2, t, US_DIM);
	free(t);
	ui_list_draw(&p->list, app, ui_body_top() + 1, ui_body_rows(app) - 1);
}

static void
ui_projpick_enter(struct ui_list *l, struct ui_screen *s, struct ui_app *app, size_t k)
{
	struct ui_projpick *p = l->data;

	p->done(app, p->arg, p->all[p->shown[k]].code);
	ui_close(app, s);
}

static bool
ui_projpick_key(struct ui_screen *s, struct ui_app *app, int key, enum ui_action a)
{
	struct ui_projpick *p = s->data;
	size_t len = strlen(p->filter);

	if (key == UI_KEY_TICK || ui_list_key(&p->list, s, app, a, ui_body_rows(app) - 2))
		return true;
	if (a == UA_BACK) {
		ui_close(app, s);
		return true;
	}
	if (a == UA_BACKSPACE && len > 0)
		p->filter[len - 1] = '\0';
	else if (a == UA_NONE && key > ' ' && key < 127 && len < UI_PROJPICK_FILTER)
		p->filter[len] = (char)key, p->filter[len + 1] = '\0';
	else
		return a == UA_NONE;
	p->list.cur = p->list.top = 0;
	ui_list_load(&p->list, app);
	return true;
}

static void
ui_projpick_free(struct ui_screen *s)
{
	struct ui_projpick *p = s->data;

	db_lifecycle_projects_free(p->all, p->nall);
	free(p->shown);
	ui_list_free(&p->list);
	free(p);
}

static const struct ui_list_ops ui_projpick_list_ops = {
	.load = ui_projpick_load,
	.line = ui_projpick_line,
	.open = ui_projpick_enter,
};

static const struct ui_screen_ops ui_projpick_ops = {
	.name = "projpick",
	.draw = ui_projpick_draw,
	.key = ui_projpick_key,
	.free = ui_projpick_free,
	.bar = ui_projpick_bar,
};

bool
ui_projpick_open(struct ui_app *app, const char *current, ui_picker_done_fn done, void *arg)
{
	struct ui_projpick *p = xcalloc(1, sizeof *p);
	char *err = NULL;
	size_t k;

	if (db_lifecycle_projects(app->db, &p->all, &p->nall, &err) != DB_OK || p->nall == 0) {
		if (err != NULL)
			ui_message_err(app, err, NULL);
		db_lifecycle_projects_free(p->all, p->nall);
		free(p);
		return false;
	}
	p->shown = xcalloc(p->nall, sizeof *p->shown);
	p->list.ops = &ui_projpick_list_ops;
	p->list.data = p;
	ui_list_load(&p->list, app);	/* read once, here */
	for (k = 0; current != NULL && k < p->list.n; k++)
		if (str_eq(p->all[p->shown[k]].code, current))
			p->list.cur = k;
	p->done = done;
	p->arg = arg;
	ui_push(app, &ui_projpick_ops, p, N_("Projects"));
	return true;
}
