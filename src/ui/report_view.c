/*
 * ui/report_view: one report on screen (ui/screens.h): the period and the
 * project, the donor summary's sentences, then each breakdown as a table of
 * its rows with a bar for the first figure of each row, scaled to the
 * largest in its table (block characters, eighths of a column; '#' on a
 * terminal that is not UTF-8). A list of figures (keys that are msgids: one
 * table of different things) has no bars. The figures are read once, when
 * the screen opens (or a write elsewhere moves app->gen), and the words are
 * made at draw time in the staff language of the moment. Opening one is one
 * audit row, as avrr report is.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/report.h"
#include "i18n/conv.h"
#include "ui/draw.h"
#include "ui/screens.h"
#include "util/date.h"
#include "util/mem.h"
#include "util/str.h"
#include "util/tr.h"

enum ui_rv_kind { RV_PERIOD, RV_PROJECT, RV_BLANK, RV_SENT, RV_TITLE, RV_COLS, RV_ROW,
	RV_EMPTY };

struct ui_rv_line {
	enum ui_rv_kind	 kind;
	size_t		 t;	/* the table (RV_TITLE .. RV_EMPTY) */
	size_t		 r;	/* the row (RV_ROW), the sentence (RV_SENT) */
};

struct ui_rv {
	struct ui_list			 list;
	char				*name;
	struct db_report_filter		 f;
	char				 from[DATE_LEN];
	char				 to[DATE_LEN];
	char				*project;
	struct db_report		 rep;
	struct db_report_headline	 h;
	struct ui_rv_line		*lines;
	size_t				 cap;
	bool				 audited;
};

/* Where a table's columns go at this width. */
struct ui_rv_layout {
	int	label;				/* the key column's width */
	int	col[DB_REPORT_COLS];		/* each figure's width */
	int	bar_x;
	int	bar_w;				/* 0: no bars */
	double	max;				/* the largest first figure */
};

#define UI_RV_COL_MAX	20

static const enum ui_action ui_rv_bar[] = {
	UA_HELP, UA_PGDN, UA_PGUP, UA_BACK, UA_STAFF_LANG, UA_QUIT, UA_NONE
};

static void
ui_rv_add(struct ui_rv *v, size_t *n, enum ui_rv_kind kind, size_t t, size_t r)
{
	v->lines = xgrow(v->lines, &v->cap, *n + 1, sizeof *v->lines);
	v->lines[(*n)++] = (struct ui_rv_line){ kind, t, r };
}

static void
ui_rv_make_lines(struct ui_rv *v, size_t *n)
{
	const struct db_report_table *t;
	size_t i, r;

	ui_rv_add(v, n, RV_PERIOD, 0, 0);
	ui_rv_add(v, n, RV_PROJECT, 0, 0);
	ui_rv_add(v, n, RV_BLANK, 0, 0);
	if (str_eq(v->name, DB_REPORT_DONOR)) {
		for (r = 0; r < DB_REPORT_NSENT; r++)
			ui_rv_add(v, n, RV_SENT, 0, r);
		ui_rv_add(v, n, RV_BLANK, 0, 0);
	}
	for (i = 0; i < v->rep.ntables; i++) {
		t = &v->rep.tables[i];
		ui_rv_add(v, n, RV_TITLE, i, 0);
		ui_rv_add(v, n, t->nrows > 0 ? RV_COLS : RV_EMPTY, i, 0);
		for (r = 0; r < t->nrows; r++)
			ui_rv_add(v, n, RV_ROW, i, r);
		ui_rv_add(v, n, RV_BLANK, i, 0);
	}
}

/* One audit row the first time the figures are read (which, when, whose). */
static void
ui_rv_audit(struct ui_rv *v, struct ui_app *app)
{
	char *err = NULL;

	if (v->audited)
		return;
	v->audited = true;
	if (db_report_audit(app->db, v->name, &v->f, &err) != DB_OK)
		ui_message_err(app, err, N_("The report is not in the audit"));
}

static bool
ui_rv_load(struct ui_list *l, struct ui_app *app, size_t *n, char **err)
{
	struct ui_rv *v = l->data;
	enum db_status st;

	db_report_clear(&v->rep);
	st = db_report_run(app->db, v->name, &v->f, &v->rep, err);
	if (st == DB_OK)
		db_report_headline_of(&v->rep, &v->h);	/* the donor summary's */
	if (st != DB_OK) {
		db_report_clear(&v->rep);
		return false;
	}
	ui_rv_make_lines(v, n);
	ui_rv_audit(v, app);
	return true;
}

static double
ui_rv_num(const char *s)
{
	return s != NULL ? strtod(s, NULL) : 0;
}

static int
ui_rv_min(int a, int b)
{
	return a < b ? a : b;
}

static void
ui_rv_layout(const struct ui_app *app, const struct db_report_table *t,
    struct ui_rv_layout *lo)
{
	size_t r, c;
	char *k;
	int x;

	memset(lo, 0, sizeof *lo);
	lo->label = ui_draw_width(_(t->key_head));
	for (r = 0; r < t->nrows; r++) {
		k = db_report_key_text(app->forms, t, t->rows[r].key);
		if (ui_draw_width(k) > lo->label)
			lo->label = ui_draw_width(k);
		free(k);
		if (ui_rv_num(t->rows[r].val[0]) > lo->max)
			lo->max = ui_rv_num(t->rows[r].val[0]);
	}
	lo->label = ui_rv_min(lo->label, (app->cols - 2) / 2);
	x = 2 + lo->label;
	for (c = 0; c < t->ncols; c++) {
		lo->col[c] = ui_rv_min(ui_draw_width(_(t->heads[c])), UI_RV_COL_MAX);
		for (r = 0; r < t->nrows; r++)
			if (t->rows[r].val[c] != NULL && (int)strlen(t->rows[r].val[c]) > lo->col[c])
				lo->col[c] = ui_rv_min((int)strlen(t->rows[r].val[c]), UI_RV_COL_MAX);
		x += 2 + lo->col[c];
	}
	lo->bar_x = x + 2;
	lo->bar_w = app->cols - 1 - lo->bar_x;
	if (t->keys_msgid || lo->max <= 0 || lo->bar_w < 4)
		lo->bar_w = 0;
}

/* A bar of value / max of w columns: whole blocks and the eighth that ends it,
 * or '#' per column where the terminal has no block characters. */
static char *
ui_rv_bar_text(double value, double max, int w)
{
	static const char *const eighths[8] = {
		"", "\u258F", "\u258E", "\u258D", "\u258C", "\u258B", "\u258A", "\u2589"
	};
	struct strbuf sb = STRBUF_INIT;
	bool utf8 = i18n_conv_is_utf8(ui_draw_conv());
	long n = value > 0 ? (long)(value / max * w * (utf8 ? 8 : 1) + 0.5) : 0, i;

	if (value > 0 && n == 0)
		n = 1;	/* a figure above nothing shows */
	for (i = 0; i < n / (utf8 ? 8 : 1); i++)
		strbuf_puts(&sb, utf8 ? "\u2588" : "#");
	if (utf8)
		strbuf_puts(&sb, eighths[n % 8]);
	return strbuf_take(&sb);
}

/* A cell right-aligned in w columns ending at x + w. */
static void
ui_rv_right(int y, int x, int w, const char *s, enum ui_style st)
{
	int sw = ui_draw_width(s);

	ui_draw_text(y, sw < w ? x + w - sw : x, w, s, st);
}

static void
ui_rv_draw_cols(struct ui_app *app, const struct db_report_table *t, int y)
{
	struct ui_rv_layout lo;
	size_t c;
	int x;

	ui_rv_layout(app, t, &lo);
	ui_draw_text(y, 2, lo.label, _(t->key_head), US_LABEL);
	for (c = 0, x = 4 + lo.label; c < t->ncols; x += 2 + lo.col[c], c++)
		ui_rv_right(y, x, lo.col[c], _(t->heads[c]), US_LABEL);
}

static void
ui_rv_draw_row(struct ui_app *app, const struct db_report_table *t, size_t r, int y)
{
	const struct db_report_row *row = &t->rows[r];
	struct ui_rv_layout lo;
	char *s;
	size_t c;
	int x;

	ui_rv_layout(app, t, &lo);
	s = db_report_key_text(app->forms, t, row->key);
	ui_draw_text(y, 2, lo.label, s, US_NORMAL);
	free(s);
	for (c = 0, x = 4 + lo.label; c < t->ncols; x += 2 + lo.col[c], c++)
		ui_rv_right(y, x, lo.col[c], row->val[c] != NULL ? row->val[c] : "-", US_NORMAL);
	if (lo.bar_w == 0)
		return;
	s = ui_rv_bar_text(ui_rv_num(row->val[0]), lo.max, lo.bar_w);
	ui_draw_text(y, lo.bar_x, lo.bar_w, s, US_HEADING);
	free(s);
}

static void
ui_rv_draw_text_line(struct ui_rv *v, struct ui_app *app, const struct ui_rv_line *ln, int y)
{
	char *s[DB_REPORT_NSENT], *t;
	size_t i;

	switch (ln->kind) {
	case RV_PERIOD:
		t = xasprintf(_("Period: %s to %s"), v->from, v->to);
		break;
	case RV_PROJECT:
		t = xasprintf(_("Project: %s"), v->project != NULL ? v->project :
		    _("all projects"));
		break;
	case RV_SENT:
		db_report_sentences(&v->h, s);
		t = xasprintf("%s%s", ln->r > 0 ? "  " : "", s[ln->r]);
		for (i = 0; i < DB_REPORT_NSENT; i++)
			free(s[i]);
		break;
	default:
		return;
	}
	ui_draw_text(y, 1, app->cols - 2, t, US_NORMAL);
	free(t);
}

static void
ui_rv_draw_line(struct ui_list *l, struct ui_app *app, size_t k, int y, bool cur)
{
	struct ui_rv *v = l->data;
	const struct ui_rv_line *ln = &v->lines[k];
	const struct db_report_table *t = &v->rep.tables[ln->t];

	(void)cur;
	switch (ln->kind) {
	case RV_TITLE: ui_draw_text(y, 1, app->cols - 2, _(t->title), US_HEADING); break;
	case RV_COLS: ui_rv_draw_cols(app, t, y); break;
	case RV_ROW: ui_rv_draw_row(app, t, ln->r, y); break;
	case RV_EMPTY:
		ui_draw_text(y, 2, app->cols - 3, _("(nothing in this period)"), US_DIM);
		break;
	case RV_BLANK: break;
	default: ui_rv_draw_text_line(v, app, ln, y); break;
	}
}

static void
ui_rv_draw(struct ui_screen *s, struct ui_app *app)
{
	struct ui_rv *v = s->data;

	ui_list_draw(&v->list, app, ui_body_top(), ui_body_rows(app));
}

static void
ui_rv_shown(struct ui_screen *s, struct ui_app *app)
{
	struct ui_rv *v = s->data;

	ui_list_load(&v->list, app);
}

static bool
ui_rv_key(struct ui_screen *s, struct ui_app *app, int key, enum ui_action a)
{
	struct ui_rv *v = s->data;

	if (key == UI_KEY_TICK)
		return true;
	if (a == UA_BACK) {
		ui_close(app, s);
		return true;
	}
	return ui_list_key(&v->list, s, app, a, ui_body_rows(app) - 1) || a == UA_ENTER;
}

static void
ui_rv_free(struct ui_screen *s)
{
	struct ui_rv *v = s->data;

	ui_list_free(&v->list);
	db_report_clear(&v->rep);
	free(v->lines);
	free(v->name);
	free(v->project);
	free(v);
}

static const struct ui_screen_ops ui_rv_ops = {
	.name = "report",
	.draw = ui_rv_draw,
	.key = ui_rv_key,
	.shown = ui_rv_shown,
	.free = ui_rv_free,
	.bar = ui_rv_bar,
};

static const struct ui_list_ops ui_rv_list_ops = {
	.load = ui_rv_load,
	.draw = ui_rv_draw_line,
};

void
ui_report_view_open(struct ui_app *app, const char *name, const char *from, const char *to,
    const char *project)
{
	struct ui_rv *v = xcalloc(1, sizeof *v);
	const char *n, *title = NULL;
	size_t i;

	for (i = 0; db_report_nth(i, &n, &title) && !str_eq(n, name); i++)
		title = NULL;
	v->name = xstrdup(name);
	snprintf(v->from, sizeof v->from, "%s", from);
	snprintf(v->to, sizeof v->to, "%s", to);
	v->project = project != NULL ? xstrdup(project) : NULL;
	v->f = (struct db_report_filter){ v->project, v->from, v->to };
	v->list.ops = &ui_rv_list_ops;
	v->list.data = v;
	v->list.reading = true;
	ui_push(app, &ui_rv_ops, v, title != NULL ? title : N_("Reports"));
}
