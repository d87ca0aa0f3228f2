/*
 * ui/report: the reports screen (ui/screens.h): the period, the project and
 * the list of reports; Enter on a report shows it (ui/report_view.c).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/report.h"
#include "ui/draw.h"
#include "ui/edit.h"
#include "ui/screens.h"
#include "util/date.h"
#include "util/mem.h"
#include "util/str.h"
#include "util/tr.h"

/* The lines before the reports: what may be changed. */
enum ui_rep_line { URL_FROM, URL_TO, URL_PROJECT, URL__COUNT };

struct ui_rep_menu {
	struct ui_list		 list;
	struct {
		char	 from[DATE_LEN];
		char	 to[DATE_LEN];
		char	*project;	/* NULL: every project */
	}			 p;
	bool			 editing;	/* the cursor's line is being edited */
	struct ui_edit		 edit;
};

static const char *const ui_rep_labels[URL__COUNT] = {
	N_("Period from"), N_("Period to"), N_("Project"),
};

static const enum ui_action ui_rep_bar[] = {
	UA_HELP, UA_ENTER, UA_BACK, UA_STAFF_LANG, UA_QUIT, UA_NONE
};

static const int ui_rep_widths[] = { 14, 0 };

static bool
ui_rep_load(struct ui_list *l, struct ui_app *app, size_t *n, char **err)
{
	const char *name, *title;

	(void)l;
	(void)app;
	(void)err;
	*n = URL__COUNT;
	while (db_report_nth(*n - URL__COUNT, &name, &title))
		(*n)++;
	return true;
}

/* The value a line shows (the project's "all projects" translated). */
static const char *
ui_rep_value(const struct ui_rep_menu *m, size_t k)
{
	if (k == URL_FROM)
		return m->p.from;
	if (k == URL_TO)
		return m->p.to;
	return m->p.project != NULL ? m->p.project : _("all projects");
}

static void
ui_rep_draw_line(struct ui_list *l, struct ui_app *app, size_t k, int y, bool cur)
{
	struct ui_rep_menu *m = l->data;
	const char *name, *title;
	enum ui_style st = cur ? US_FOCUS : US_NORMAL;
	int w = ui_rep_widths[0];

	ui_draw_fill(y, 1, app->cols - 2, st);
	if (k >= URL__COUNT) {
		db_report_nth(k - URL__COUNT, &name, &title);
		ui_draw_text(y, 2, app->cols - 3, _(title), st);
		return;
	}
	ui_draw_text(y, 2, w, _(ui_rep_labels[k]), cur ? US_FOCUS : US_LABEL);
	if (cur && m->editing)
		ui_edit_draw(&m->edit, y, 3 + w, app->cols - 4 - w, US_FOCUS);
	else
		ui_draw_text(y, 3 + w, app->cols - 4 - w, ui_rep_value(m, k), st);
}

static int
ui_rep_above(struct ui_list *l, struct ui_app *app, size_t k)
{
	(void)l;
	(void)app;
	return k == 0 ? 2 : k == URL__COUNT ? 3 : 0;
}

static int
ui_rep_heading(struct ui_list *l, struct ui_app *app, size_t k, int y)
{
	const char *t = k == 0 ? N_("The period and the project the reports count "
	    "(Enter changes a line)") : k == URL__COUNT ? N_("Reports (Enter shows one)") : NULL;

	if (t == NULL)
		return 0;
	ui_draw_text(k == 0 ? y : y + 1, 1, app->cols - 2, _(t), US_HEADING);
	return ui_rep_above(l, app, k);
}

static void
ui_rep_start_edit(struct ui_rep_menu *m, size_t k)
{
	m->editing = true;
	ui_edit_set(&m->edit, k == URL_PROJECT && m->p.project == NULL ? "" :
	    ui_rep_value(m, k), k == URL_PROJECT ? 60 : DATE_LEN - 1);
	ui_edit_end(&m->edit);
}

static void
ui_rep_open(struct ui_list *l, struct ui_screen *s, struct ui_app *app, size_t k)
{
	struct ui_rep_menu *m = l->data;
	const char *name, *title;

	(void)s;
	if (k < URL__COUNT)
		ui_rep_start_edit(m, k);
	else if (db_report_nth(k - URL__COUNT, &name, &title))
		ui_report_view_open(app, name, m->p.from, m->p.to, m->p.project);
}

/* The edited line taken: a date must be one; a period that would end before
 * it starts moves its other end along (said). An empty project is every
 * project. False (said) when refused. */
static bool
ui_rep_take(struct ui_rep_menu *m, struct ui_app *app, size_t k)
{
	char *v = xstrdup(m->edit.text), *t = str_trim(v);
	struct date d;
	bool ok = true;

	if (k == URL_PROJECT) {
		free(m->p.project);
		m->p.project = str_empty(t) ? NULL : xstrdup(t);
	} else if (!(ok = date_parse(t, &d))) {
		ui_message(app, true, _("'%s' is not a date (use 2026-11-22 or 22.11.2026)"), t);
	} else {
		date_format(&d, k == URL_FROM ? m->p.from : m->p.to);
		if (strcmp(m->p.from, m->p.to) > 0) {
			memcpy(k == URL_FROM ? m->p.to : m->p.from, k == URL_FROM ? m->p.from :
			    m->p.to, DATE_LEN);
			ui_message(app, false, "%s", _("The period is one day"));
		}
	}
	free(v);
	return ok;
}

/* Keys while a line is edited: text, Enter takes it, Esc leaves it as it was. */
static bool
ui_rep_edit_key(struct ui_rep_menu *m, struct ui_app *app, int key, enum ui_action a)
{
	switch (a) {
	case UA_ENTER:
		if (ui_rep_take(m, app, m->list.cur))
			m->editing = false;
		return true;
	case UA_BACK: m->editing = false; return true;
	case UA_BACKSPACE: ui_edit_backspace(&m->edit); return true;
	case UA_DELETE: ui_edit_delete(&m->edit); return true;
	case UA_LEFT: ui_edit_left(&m->edit); return true;
	case UA_RIGHT: ui_edit_right(&m->edit); return true;
	case UA_HOME: ui_edit_home(&m->edit); return true;
	case UA_END: ui_edit_end(&m->edit); return true;
	case UA_CLEAR: ui_edit_clear(&m->edit); return true;
	case UA_NONE:
		if (key >= ' ' && key < UI_KEY(0) && (key < 0x7f || key >= 0xa0))
			ui_edit_insert(&m->edit, (uint32_t)key);
		return true;
	default:
		return false;	/* the global keys still work */
	}
}

static bool
ui_rep_key(struct ui_screen *s, struct ui_app *app, int key, enum ui_action a)
{
	struct ui_rep_menu *m = s->data;

	if (key == UI_KEY_TICK)
		return true;
	if (m->editing)
		return ui_rep_edit_key(m, app, key, a);
	if (a == UA_BACK) {
		ui_close(app, s);
		return true;
	}
	return ui_list_key(&m->list, s, app, a, ui_body_rows(app) - 4) || a == UA_ENTER;
}

static void
ui_rep_draw(struct ui_screen *s, struct ui_app *app)
{
	struct ui_rep_menu *m = s->data;

	ui_list_draw(&m->list, app, ui_body_top(), ui_body_rows(app));
}

static void
ui_rep_shown(struct ui_screen *s, struct ui_app *app)
{
	struct ui_rep_menu *m = s->data;

	ui_list_load(&m->list, app);
}

static void
ui_rep_free(struct ui_screen *s)
{
	struct ui_rep_menu *m = s->data;

	ui_list_free(&m->list);
	ui_edit_free(&m->edit);
	free(m->p.project);
	free(m);
}

static const struct ui_screen_ops ui_rep_ops = {
	.name = "reports",
	.draw = ui_rep_draw,
	.key = ui_rep_key,
	.shown = ui_rep_shown,
	.free = ui_rep_free,
	.bar = ui_rep_bar,
};

static const struct ui_list_ops ui_rep_list_ops = {
	.load = ui_rep_load,
	.draw = ui_rep_draw_line,
	.heading = ui_rep_heading,
	.above = ui_rep_above,
	.open = ui_rep_open,
};

void
ui_report_open(struct ui_app *app, const char *project)
{
	struct ui_rep_menu *m = xcalloc(1, sizeof *m);
	struct date today = date_today();

	snprintf(m->p.from, DATE_LEN, "%04d-01-01", today.y);
	snprintf(m->p.to, DATE_LEN, "%04d-12-31", today.y);
	m->p.project = project != NULL ? xstrdup(project) : NULL;
	m->list.ops = &ui_rep_list_ops;
	m->list.data = m;
	m->list.cur = URL__COUNT;	/* the first report */
	ui_push(app, &ui_rep_ops, m, N_("Reports"));
}
