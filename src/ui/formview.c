#include "ui/formview.h"

#include <stdlib.h>
#include <string.h>

#include "db/cases.h"
#include "db/draft.h"
#include "db/lifecycle.h"
#include "db/perm.h"
#include "db/prefill.h"
#include "db/record.h"
#include "form/money.h"
#include "form/type.h"
#include "i18n/i18n.h"
#include "ui/draw.h"
#include "ui/edit.h"
#include "ui/field.h"
#include "ui/formsave.h"
#include "ui/formview_int.h"
#include "ui/picker.h"
#include "util/date.h"
#include "util/mem.h"
#include "util/str.h"
#include "util/tr.h"

static const enum ui_action ui_form_bar[] = {
	UA_HELP, UA_SAVE, UA_BACK, UA_CALL, UA_INTERP, UA_QUIT, UA_NONE
};
/* A row's own form: F2 checks it and saves the whole form, Esc goes back to
 * the form with the row kept; adding and deleting rows is done in the list. */
static const enum ui_action ui_form_row_bar[] = {
	UA_HELP, UA_SAVE, UA_BACK, UA_INTERP, UA_NONE
};
/* A record the role may read but not save: no Save. */
static const enum ui_action ui_form_view_bar[] = {
	UA_HELP, UA_BACK, UA_CALL, UA_INTERP, UA_QUIT, UA_NONE
};
static const enum ui_action ui_form_view_row_bar[] = { UA_HELP, UA_BACK, UA_INTERP, UA_NONE };

static void ui_form_draw(struct ui_screen *, struct ui_app *);
static void ui_form_keep(struct ui_screen *, struct ui_app *);
static void ui_form_free(struct ui_screen *);
static void ui_form_idle(struct ui_screen *, struct ui_app *);
static void ui_form_timer_title(struct ui_screen *, struct ui_form *, struct ui_app *);

const struct ui_screen_ops ui_form_ops = {
	.name = "form",
	.draw = ui_form_draw,
	.key = ui_form_key,
	.keep = ui_form_keep,
	.free = ui_form_free,
	.idle = ui_form_idle,
	.bar = ui_form_bar,
};
const struct ui_screen_ops ui_form_row_ops = {
	.name = "form-row",
	.draw = ui_form_draw,
	.key = ui_form_key,
	.keep = ui_form_keep,
	.free = ui_form_free,
	.idle = ui_form_idle,
	.bar = ui_form_row_bar,
};

/* ---- building the list of items ------------------------------------------ */

static void
ui_form_add_item(struct ui_form *f, enum ui_item_kind kind, int field, int row)
{
	f->items = xgrow(f->items, &f->cap, f->nitems + 1, sizeof *f->items);
	f->items[f->nitems++] = (struct ui_item){ kind, field, row, 0, 0 };
}

/* True when g is shut or one of the groups around shut. */
static bool
ui_form_group_in(const struct form_group *g, const struct form_group *shut)
{
	for (; shut != NULL; shut = shut->up)
		if (shut == g)
			return true;
	return false;
}

/* The headings of the groups around field i that the field shown before it
 * (in prev) was not in, outermost first; an item's row is its group index. */
static void
ui_form_add_headings(struct ui_form *f, int i, const struct form_group *g,
    const struct form_group *prev)
{
	if (g == NULL || ui_form_group_in(g, prev))
		return;
	ui_form_add_headings(f, i, g->up, prev);
	ui_form_add_item(f, UI_IT_SECTION, i, (int)g->index);
}

void
ui_form_build(struct ui_form *f)
{
	const struct form_def *def = f->rec->def;
	const struct form_group *prev = NULL;
	size_t i, r;

	f->nitems = 0;
	for (i = 0; i < def->nfields; i++) {
		const struct form_field *fd = &def->fields[i];

		if (!f->relevant[i] || fd->hidden)
			continue;
		ui_form_add_headings(f, (int)i, fd->grp, prev);
		prev = fd->grp;
		ui_form_add_item(f, UI_IT_FIELD, (int)i, 0);
		if (fd->type != FT_REPEAT)
			continue;
		for (r = 0; r < f->rec->kids[i].n; r++)
			ui_form_add_item(f, UI_IT_ROW, (int)i, (int)r);
		ui_form_add_item(f, UI_IT_ADD, (int)i, 0);
	}
	if (f->focus >= (int)f->nitems)
		f->focus = (int)f->nitems - 1;
}

bool
ui_form_item_focusable(const struct ui_form *f, int idx)
{
	const struct ui_item *it = &f->items[idx];

	if (it->kind == UI_IT_SECTION)
		return false;
	if (it->kind == UI_IT_FIELD)
		return ui_field_focusable(&f->rec->def->fields[it->field]);
	return true;
}

/* Index of the item showing field i (or its first row), -1 when hidden. */
int
ui_form_item_of(const struct ui_form *f, int field)
{
	size_t k;

	for (k = 0; k < f->nitems; k++)
		if (f->items[k].field == field && ui_form_item_focusable(f, (int)k))
			return (int)k;
	return -1;
}

/* In a new record, a default that reads other fields (`default :nationality`)
 * follows them while the field is empty or still shows its default, and not
 * while it is being typed in. */
static void
ui_form_follow_defaults(struct ui_form *f, struct ui_app *app)
{
	const struct form_def *def = f->rec->def;
	size_t i;

	if (f->rec->id != 0)
		return;
	for (i = 0; i < def->nfields; i++) {
		if (def->fields[i].default_expr == NULL ||
		    strchr(def->fields[i].default_expr, ':') == NULL || (int)i == f->edit_field ||
		    (!f->dflt[i] && !str_empty(f->rec->vals[i])) || !f->relevant[i])
			continue;
		if (db_expr_default(app->expr, f->rec, i))
			f->dflt[i] = !str_empty(f->rec->vals[i]);
	}
}

/* Re-evaluates defaults, calculations and relevance; rebuilds the items. */
void
ui_form_recompute(struct ui_form *f, struct ui_app *app)
{
	int field = f->focus >= 0 && f->focus < (int)f->nitems ? f->items[f->focus].field : -1;
	int kind = f->focus >= 0 && f->focus < (int)f->nitems ? (int)f->items[f->focus].kind : -1;
	int row = f->focus >= 0 && f->focus < (int)f->nitems ? f->items[f->focus].row : 0;
	size_t k;

	db_expr_apply(app->expr, f->rec, false, f->relevant);
	ui_form_follow_defaults(f, app);
	ui_form_build(f);
	for (k = 0; k < f->nitems; k++) {
		if (f->items[k].field == field && (int)f->items[k].kind == kind &&
		    f->items[k].row == row) {
			f->focus = (int)k;
			return;
		}
	}
	if (f->focus < 0 || !ui_form_item_focusable(f, f->focus))
		ui_form_move(f, app, 1);
}

/* ---- focus and the edit buffer ------------------------------------------------ */

static const struct form_field *
ui_form_focus_field(const struct ui_form *f)
{
	if (f->focus < 0 || f->focus >= (int)f->nitems ||
	    f->items[f->focus].kind != UI_IT_FIELD)
		return NULL;
	return &f->rec->def->fields[f->items[f->focus].field];
}

void
ui_form_enter(struct ui_form *f)
{
	const struct form_field *fd = ui_form_focus_field(f);
	char *text;

	f->edit_field = -1;
	f->edit_typed = false;
	f->live_due = false;
	f->edit_fresh = false;
	if (fd == NULL || !ui_field_is_text(fd) || f->locked[f->items[f->focus].field])
		return;
	f->edit_field = f->items[f->focus].field;
	f->edit_fresh = f->dflt[f->edit_field] && !str_empty(f->rec->vals[f->edit_field]);
	text = ui_field_edit_text(f->rec, (size_t)f->edit_field);
	ui_edit_set(&f->edit, text, form_field_limit(fd));
	free(text);
}

/* A form whose first question has notes to read aloud above it opens at its
 * first line (the notes), the focus on that question; the first key
 * scrolls to it. */
static void
ui_form_from_start(struct ui_form *f)
{
	int k;

	for (k = 0; k < f->focus && k < (int)f->nitems; k++)
		if (f->items[k].kind == UI_IT_FIELD &&
		    f->rec->def->fields[f->items[k].field].type == FT_NOTE) {
			f->peek = true;
			f->top = 0;
			return;
		}
}

void
ui_form_focus(struct ui_form *f, int k)
{
	f->focus = k;
	ui_form_enter(f);
}

void
ui_form_set_err(struct ui_form *f, int field, struct ui_ferr *e)
{
	ui_ferr_free(f->err[field]);
	f->err[field] = e;
}

/* Checks and stores the edit buffer; keeps a draft when something changed. */
void
ui_form_commit(struct ui_form *f, struct ui_app *app)
{
	struct ui_ferr *e;
	char *before;
	int i = f->edit_field;

	if (i < 0)
		return;
	f->live_due = false;	/* the whole check follows */
	before = ui_field_edit_text(f->rec, (size_t)i);
	if (f->edit_typed || strcmp(before, f->edit.text != NULL ? f->edit.text : "") != 0 ||
	    f->err[i] != NULL) {
		e = ui_field_commit(app->forms, app->expr, f->rec, (size_t)i, f->edit.text);
		ui_form_set_err(f, i, e);
		ui_form_changed(f, app);
	}
	free(before);
	f->edit_field = -1;
	f->edit_typed = false;
	ui_form_recompute(f, app);
}

/*
 * As the user types: a value that already checks is stored at once, so the
 * fields that depend on it appear and calculations follow keystroke by
 * keystroke. Messages wait until the cursor leaves the field (ui_form_commit).
 */
void
ui_form_live(struct ui_form *f, struct ui_app *app)
{
	const struct form_field *fd;
	char *canon = NULL, *msg = NULL;
	const char *text = f->edit.text != NULL ? f->edit.text : "";

	if (f->edit_field < 0)
		return;
	f->edit_typed = true;
	fd = &f->rec->def->fields[f->edit_field];
	if (form_type(fd->type)->enter != NULL)
		return;	/* its columns are split when the field is left */
	if (*text == '\0')
		form_record_set(f->rec, (size_t)f->edit_field, NULL);
	else if (form_value_check(app->forms, fd, text, &canon, &msg))
		form_record_set(f->rec, (size_t)f->edit_field, canon);
	else {
		free(msg);
		return;
	}
	free(canon);
	ui_form_recompute(f, app);
}

/* The keys stopped coming: the live value of what was typed, once for a
 * whole paste, and the message of a field that had no room for all of it. */
/* What the data layer says beside a list of rows (a plan's running total
 * against its grant), read when the keys stop, never in draw. */
static void
ui_form_tally(struct ui_form *f, struct ui_app *app)
{
	size_t i;

	free(f->tally);
	f->tally = NULL;
	f->tally_field = -1;
	for (i = 0; f->root == f && f->tally == NULL && i < f->rec->def->nfields; i++)
		if (f->rec->def->fields[i].type == FT_REPEAT &&
		    (f->tally = db_lifecycle_items_tally(app->db, f->rec, (int)i)) != NULL)
			f->tally_field = (int)i;
}

static void
ui_form_idle(struct ui_screen *s, struct ui_app *app)
{
	struct ui_form *f = s->data;

	if (f->live_due)
		ui_form_live(f, app);
	f->live_due = false;
	if (f->cut_at > 0)
		ui_message(app, true, _("Cut at %d characters: the field holds no more"),
		    f->cut_at);
	f->cut_at = 0;
	if (f->opts.timer)
		ui_form_timer_title(s, f, app);
	ui_form_tally(f, app);
}

void
ui_form_changed(struct ui_form *f, struct ui_app *app)
{
	f->root->dirty = true;
	f->root->draft_due = true;
	(void)app;
}

static bool
ui_form_can_move(const struct ui_form *f, int step)
{
	int n;

	for (n = f->focus + step; n >= 0 && n < (int)f->nitems; n += step)
		if (ui_form_item_focusable(f, n))
			return true;
	return f->focus < 0;
}

/* Moves the focus by dir focusable items (commits the field left). */
void
ui_form_move(struct ui_form *f, struct ui_app *app, int dir)
{
	int k = f->focus, steps = dir < 0 ? -dir : dir, step = dir < 0 ? -1 : 1;

	if (f->edit_field >= 0)
		ui_form_commit(f, app);
	if (f->root->draft_due)
		ui_form_keep_draft(f->root, app);
	if (!ui_form_can_move(f, step)) {
		/* Nothing to focus that way: scroll to the notes there instead. */
		f->peek = true;
		f->top += step * (ui_body_rows(app) / 2);
		ui_form_enter(f);
		return;
	}
	while (steps > 0) {
		int n = k + step;

		while (n >= 0 && n < (int)f->nitems && !ui_form_item_focusable(f, n))
			n += step;
		if (n < 0 || n >= (int)f->nitems)
			break;
		k = n;
		steps--;
	}
	if (k < 0 || (k < (int)f->nitems && !ui_form_item_focusable(f, k))) {
		for (k = 0; k < (int)f->nitems && !ui_form_item_focusable(f, k); k++)
			;
	}
	f->focus = k < (int)f->nitems ? k : -1;
	ui_form_enter(f);
}

bool
ui_form_keep_draft(struct ui_form *root, struct ui_app *app)
{
	char *err = NULL;
	int cursor = root->focus >= 0 && root->focus < (int)root->nitems ?
	    root->items[root->focus].field : 0;

	root->draft_due = false;
	app->gen++;
	if (db_draft_save(app->db, &root->draft_id, root->rec, cursor, &err) != DB_OK) {
		ui_message(app, true, "%s", err != NULL ? err : _("The draft was not saved"));
		free(err);
		return false;
	}
	return true;
}

/* ---- drawing ------------------------------------------------------------------ */

static int
ui_form_label_cols(const struct ui_app *app)
{
	int w = app->cols * 2 / 5, most = app->cols >= 120 ? 52 : 36;	/* wide: longer labels */

	return w > most ? most : w;
}

static const char *
ui_form_client_text(const struct ui_app *app, const char *msgid, bool *fallback)
{
	*fallback = false;
	if (!app->interp || msgid == NULL || i18n_client_code() == NULL)
		return NULL;
	return i18n_client_ex(msgid, fallback);
}

/* A field's label as shown: translated, " *" when required (malloc'd). */
static char *
ui_form_label_text(const struct ui_form *f, const struct ui_app *app,
    const struct form_field *fd)
{
	char *t = ui_form_text(f, app, _(fd->label != NULL ? fd->label : fd->name));
	char *label = xasprintf("%s%s", t, fd->required ? " *" : "");

	free(t);
	return label;
}

/* The rows a field's label takes, wrapped in the label column. */
static int
ui_form_label_rows(const struct ui_form *f, const struct ui_app *app,
    const struct form_field *fd)
{
	char *label = ui_form_label_text(f, app, fd);
	int n = ui_draw_wrapped_lines(ui_form_label_cols(app), label);

	free(label);
	return n;
}

/* The rows a field's error takes, wrapped in the value column (0: none). */
static int
ui_form_err_rows(struct ui_form *f, struct ui_app *app, int field)
{
	char *msg;
	int n;

	if (f->err[field] == NULL)
		return 0;
	msg = ui_ferr_text(f->err[field], app->forms, f->rec, (size_t)field);
	n = ui_draw_wrapped_lines(app->cols - ui_form_label_cols(app) - 3, msg);
	free(msg);
	return n;
}

/* A note's staff text and (when it has a `say` and a client language is
 * set) the client's, as shown; both malloc'd, *ct NULL when none. */
static void
ui_form_note_texts(const struct ui_form *f, const struct ui_app *app,
    const struct form_field *fd, char **t, char **ct, bool *fb)
{
	*fb = false;
	*t = ui_form_text(f, app, _(fd->say != NULL ? fd->say : fd->label));
	*ct = fd->say != NULL && i18n_client_code() != NULL ?
	    ui_form_text(f, app, i18n_client_ex(fd->say, fb)) : NULL;
}

/* Height of an item at the current width. */
static int
ui_form_item_height(struct ui_form *f, struct ui_app *app, const struct ui_item *it)
{
	const struct form_field *fd = &f->rec->def->fields[it->field];
	bool fb;
	int h = 1;

	char *t, *ct;

	if (it->kind == UI_IT_SECTION)
		return f->rec->def->groups[it->row]->depth == 0 ? 2 : 1;
	if (it->kind != UI_IT_FIELD)
		return 1;
	if (fd->type == FT_NOTE) {
		ui_form_note_texts(f, app, fd, &t, &ct, &fb);
		h = ui_draw_wrapped_lines(app->cols - 2, t);
		if (ct != NULL)
			h += ui_draw_wrapped_lines(app->cols - 4, ct);
		free(t);
		free(ct);
		return h;
	}
	h = ui_form_label_rows(f, app, fd);
	if (ui_form_client_text(app, fd->label != NULL ? fd->label : fd->name, &fb) != NULL)
		h++;
	return h + ui_form_err_rows(f, app, it->field);
}

static void
ui_form_layout(struct ui_form *f, struct ui_app *app)
{
	int y = 0, rows = ui_body_rows(app);
	size_t k;

	for (k = 0; k < f->nitems; k++) {
		f->items[k].y = y;
		f->items[k].h = ui_form_item_height(f, app, &f->items[k]);
		y += f->items[k].h;
	}
	if (f->peek) {
		if (f->top > y - rows)
			f->top = y - rows;
	} else if (f->focus >= 0 && f->focus < (int)f->nitems) {
		const struct ui_item *it = &f->items[f->focus];
		int above = f->focus > 0 && f->items[f->focus - 1].kind == UI_IT_SECTION ?
		    f->items[f->focus - 1].h : 0;

		if (it->y - above < f->top)
			f->top = it->y - above;
		if (it->y + it->h > f->top + rows)
			f->top = it->y + it->h - rows;
	}
	if (f->top < 0)
		f->top = 0;
}

/* A note from its row skip on (the rows above the screen's top not drawn):
 * the staff text, then the client's. */
static void
ui_form_draw_note(struct ui_form *f, struct ui_app *app, const struct form_field *fd, int y,
    int rows, int skip)
{
	bool fb = false;
	char *t, *ct, *m;
	int lines, n = 0;

	ui_form_note_texts(f, app, fd, &t, &ct, &fb);
	lines = ui_draw_wrapped_lines(app->cols - 2, t);
	if (skip < lines)
		n = ui_draw_wrapped_from(y, 1, app->cols - 2, skip, rows, t, US_DIM);
	if (ct != NULL && rows - n > 0) {
		m = fb ? xasprintf("[en] %s", ct) : xstrdup(ct);
		ui_draw_wrapped_from(y + n, 3, app->cols - 4, skip > lines ? skip - lines : 0,
		    rows - n, m, US_CLIENT);
		free(m);
	}
	free(t);
	free(ct);
}

/* The edit buffer; a default about to be replaced is shown highlighted, a
 * money amount with its currency at the right. */
static int
ui_form_draw_cur(const struct ui_form *f, int field, int y, int x, int cols)
{
	int side = form_type(f->rec->def->fields[field].type)->edit_side;
	const char *cur;

	if (side == 0 || cols <= 12)
		return 0;
	cur = form_record_part(f->rec, (size_t)field, side);
	ui_draw_text(y, x + cols - 3, 3, !str_empty(cur) ? cur : "???",
	    !str_empty(cur) ? US_LABEL : US_ERROR);
	return 4;
}

static void
ui_form_draw_edit(struct ui_form *f, int field, int y, int x, int cols)
{
	int w = ui_form_draw_cur(f, field, y, x, cols);

	ui_edit_draw(&f->edit, y, x, cols - w, f->edit_fresh ? US_FOCUS : US_NORMAL);
}

static void
ui_form_draw_value(struct ui_form *f, struct ui_app *app, const struct ui_item *it,
    int y, int x, int cols, bool focus)
{
	const struct form_field *fd = &f->rec->def->fields[it->field];
	enum ui_style st = focus ? US_FOCUS : US_NORMAL;
	char *v;

	if (focus && f->edit_field == it->field) {
		/* Plain, not reversed: a typed character then costs a byte or two on
		 * the wire instead of ~16 (attribute on and off around it). */
		ui_form_draw_edit(f, it->field, y, x, cols);
		return;
	}
	if (f->hidden[it->field]) {
		ui_draw_text(y, x, cols, _("(not shown to your role)"), US_DIM);
		return;
	}
	if (fd->type == FT_REPEAT) {
		v = f->tally != NULL && f->tally_field == it->field ?
		    xasprintf(_("Rows: %zu, %s"), f->rec->kids[it->field].n, f->tally) :
		    xasprintf(_("Rows: %zu"), f->rec->kids[it->field].n);
		ui_draw_text(y, x, cols, v, US_DIM);
		free(v);
		return;
	}
	cols -= ui_form_draw_cur(f, it->field, y, x, cols);
	v = form_type(fd->type)->edit_side != 0 ? xstrdup0(f->rec->vals[it->field]) :
	    ui_field_display(app->forms, f->rec, (size_t)it->field);
	if (v == NULL)
		v = xstrdup("");
	if (focus)
		ui_draw_fill(y, x, cols, st);
	else if (*v == '\0')
		ui_draw_text(y, x, cols, "_", US_DIM);
	ui_draw_text(y, x, cols, v, st);
	free(v);
}

/* Interpreter view: the question, and a chosen answer, in the client's language. */
static void
ui_form_draw_client_line(struct ui_form *f, struct ui_app *app, const struct ui_item *it,
    int y, const char *ct, bool fb)
{
	const struct form_field *fd = &f->rec->def->fields[it->field];
	int lw = ui_form_label_cols(app);
	char *label = fb ? xasprintf("[en] %s", ct) : xstrdup(ct), *v;

	ui_draw_text(y, 3, lw - 2, label, US_CLIENT);
	free(label);
	if (fd->type != FT_SELECT_ONE && fd->type != FT_SELECT_MANY && fd->type != FT_YESNO)
		return;
	v = ui_field_display_tr(app->forms, f->rec, (size_t)it->field, i18n_client);
	ui_draw_text(y, lw + 2, app->cols - lw - 3, v, US_CLIENT);
	free(v);
}

static void
ui_form_draw_field(struct ui_form *f, struct ui_app *app, const struct ui_item *it, int y,
    int rows, bool focus)
{
	const struct form_field *fd = &f->rec->def->fields[it->field];
	int lw = ui_form_label_cols(app), line;
	char *label, *msg, *ct;
	bool fb;

	if (fd->type == FT_NOTE) {
		ui_form_draw_note(f, app, fd, y, rows, 0);
		return;
	}
	label = ui_form_label_text(f, app, fd);
	if (focus)
		ui_draw_text(y, 0, 1, ">", US_HEADING);
	line = ui_draw_wrapped(y, 1, lw, rows, label, fd->type == FT_REPEAT || focus ?
	    US_HEADING : US_LABEL);	/* a long label goes on below, in its column */
	free(label);
	ui_form_draw_value(f, app, it, y, lw + 2, app->cols - lw - 3, focus);
	ct = ui_form_text(f, app, ui_form_client_text(app, fd->label != NULL ? fd->label :
	    fd->name, &fb));
	if (ct != NULL && line < rows)
		ui_form_draw_client_line(f, app, it, y + line++, ct, fb);
	free(ct);
	if (f->err[it->field] != NULL && line < rows) {
		msg = ui_ferr_text(f->err[it->field], app->forms, f->rec, (size_t)it->field);
		ui_draw_wrapped(y + line, lw + 2, app->cols - lw - 3, rows - line, msg, US_ERROR);
		free(msg);
	}
}

/* A group's heading: below a blank line at the top level, indented two
 * columns per level within. */
static void
ui_form_draw_heading(struct ui_form *f, struct ui_app *app, const struct form_group *g,
    int y, int rows)
{
	int dy = g->depth == 0 ? 1 : 0, x = 1 + 2 * g->depth;
	char *t;

	if (rows <= dy || x >= app->cols - 2)
		return;
	t = ui_form_text(f, app, _(g->label));
	ui_draw_text(y + dy, x, app->cols - 1 - x, t, US_HEADING);
	free(t);
}

static void
ui_form_draw_item(struct ui_form *f, struct ui_app *app, size_t k, int y, int rows)
{
	const struct ui_item *it = &f->items[k];
	bool focus = (int)k == f->focus;
	char *s;

	switch (it->kind) {
	case UI_IT_SECTION:
		ui_form_draw_heading(f, app, f->rec->def->groups[it->row], y, rows);
		break;
	case UI_IT_FIELD:
		ui_form_draw_field(f, app, it, y, rows, focus);
		break;
	case UI_IT_ROW:
		s = ui_field_row_summary_n(app->forms, f->rec->kids[it->field].rows[it->row],
		    ui_field_summary_values(app->cols));
		ui_draw_fill(y, 3, app->cols - 4, focus ? US_FOCUS : US_NORMAL);
		{
			char *line = xasprintf("%d. %s", it->row + 1, s);

			ui_draw_text(y, 3, app->cols - 4, line, focus ? US_FOCUS : US_NORMAL);
			free(line);
		}
		free(s);
		break;
	case UI_IT_ADD:
		s = xasprintf("+ %s", _("Add a row"));
		ui_draw_text(y, 3, app->cols - 4, s, focus ? US_FOCUS : US_DIM);
		free(s);
		break;
	}
}

/* The hint (or the full label when it did not fit) of the focused field. */
static void
ui_form_draw_hint(struct ui_form *f, struct ui_app *app)
{
	const struct form_field *fd = ui_form_focus_field(f);
	const char *t = NULL;
	char *shown;

	if (app->msg != NULL || f->focus < 0)
		return;
	if (fd == NULL)
		t = f->items[f->focus].kind == UI_IT_ADD ? _("Enter: add a row") :
		    _("Enter: open the row; Ctrl-D: delete it");
	else if (fd->hint != NULL)
		t = _(fd->hint);
	else if (form_type(fd->type)->edit_hint != NULL)
		t = _(form_type(fd->type)->edit_hint);
	else if (ui_draw_width(_(fd->label != NULL ? fd->label : fd->name)) >
	    ui_form_label_cols(app))
		t = _(fd->label);
	if ((shown = ui_form_text(f, app, t)) != NULL)
		ui_draw_text(app->rows - 2, 0, app->cols, shown, US_DIM);
	free(shown);
}

/* "Hotline call 02:35": made before every frame (a tick comes once a second). */
static void
ui_form_timer_title(struct ui_screen *s, struct ui_form *f, struct ui_app *app)
{
	long secs = date_elapsed() - f->opened;
	char *t;

	struct db_case c;

	t = xasprintf("  %02ld:%02ld", secs / 60, secs % 60);
	ui_title_clear(s);
	ui_title_add(s, f->rec->def->title, t);
	if (f->rec->case_id != f->linked_id) {	/* read once per case linked */
		free(f->linked_no);
		f->linked_no = NULL;
		f->linked_id = f->rec->case_id;
		if (f->linked_id != 0 && db_case_load_ex(app->db, f->linked_id, false, &c,
		    NULL) == DB_OK) {
			f->linked_no = xasprintf(" %s", c.case_no);
			db_case_clear(&c);
		}
	}
	if (f->rec->case_id != 0)
		ui_title_add(s, N_("  linked to"), f->linked_no != NULL ? f->linked_no : " ?");
	free(t);
}

static bool
ui_form_item_note(const struct ui_form *f, const struct ui_item *it)
{
	return it->kind == UI_IT_FIELD && f->rec->def->fields[it->field].type == FT_NOTE;
}

static void
ui_form_draw(struct ui_screen *s, struct ui_app *app)
{
	struct ui_form *f = s->data;
	int rows = ui_body_rows(app), top = ui_body_top(), y;
	size_t k;

	if (f->root == f)
		app->case_id = f->rec->case_id;	/* F7 stores on this record's case */
	ui_form_layout(f, app);
	for (k = 0; k < f->nitems; k++) {
		const struct ui_item *it = &f->items[k];

		if (it->y + it->h <= f->top || it->y >= f->top + rows)
			continue;
		y = it->y - f->top;
		if (y < 0 && ui_form_item_note(f, it))	/* its rows in view */
			ui_form_draw_note(f, app, &f->rec->def->fields[it->field], top, rows, -y);
		if (y < 0)
			continue;	/* another item partly above: skipped rather than cut */
		ui_form_draw_item(f, app, k, top + y, rows - y);
	}
	if (f->nitems == 0)
		ui_draw_text(top + 1, 1, app->cols - 2, _("Nothing to fill in here."), US_DIM);
	ui_form_draw_hint(f, app);
}

/* ---- life cycle ------------------------------------------------------------------- */

struct ui_form *
ui_form_new(struct form_record *rec, bool owned, struct ui_form *root)
{
	struct ui_form *f = xcalloc(1, sizeof *f);
	size_t n = rec->def->nfields;

	f->rec = rec;
	f->owned = owned;
	f->root = root != NULL ? root : f;
	f->err = xcalloc(n, sizeof *f->err);
	f->relevant = xcalloc(n, sizeof *f->relevant);
	f->dflt = xcalloc(n, sizeof *f->dflt);
	f->locked = xcalloc(n, sizeof *f->locked);
	f->hidden = xcalloc(n, sizeof *f->hidden);
	f->edit_field = -1;
	f->focus = -1;
	return f;
}

static void
ui_form_keep(struct ui_screen *s, struct ui_app *app)
{
	struct ui_form *f = s->data;

	if (f->edit_field >= 0) {
		struct ui_ferr *e = ui_field_commit(app->forms, app->expr, f->rec,
		    (size_t)f->edit_field, f->edit.text);

		if (strcmp(f->edit.text != NULL ? f->edit.text : "", "") != 0 || e != NULL)
			f->root->dirty = true;
		ui_form_set_err(f, f->edit_field, e);
		f->edit_field = -1;
	}
	if (f->root == f && f->dirty && !f->saved)
		ui_form_keep_draft(f, app);
}

static void
ui_form_free(struct ui_screen *s)
{
	struct ui_form *f = s->data;
	size_t i;

	for (i = 0; i < f->rec->def->nfields; i++)
		ui_ferr_free(f->err[i]);
	free(f->err);
	free(f->relevant);
	free(f->dflt);
	free(f->locked);
	free(f->hidden);
	free(f->items);
	ui_edit_free(&f->edit);
	free(f->tally);
	free(f->linked_no);
	if (f->root == f && f->opts.arg_free != NULL)
		f->opts.arg_free(f->opts.arg);
	if (f->owned)
		form_record_free(f->rec);
	form_record_free(f->base);
	free(f);
}

/* What the user starts from: the stored record, when it is the version the
 * form (or the draft resumed) was loaded at. */
static struct form_record *
ui_form_base(struct ui_app *app, const struct form_record *rec, bool draft)
{
	struct form_record *stored = NULL;
	char *err = NULL;

	if (rec->id == 0)
		return NULL;
	if (!draft)
		return form_record_dup(rec);
	if (db_record_load(app->db, rec->def, rec->id, &stored, &err) != DB_OK)
		ui_message_err(app, err, N_("The record cannot be read"));
	else if (stored->version == rec->version)
		return stored;
	form_record_free(stored);
	return NULL;
}

void
ui_form_currencies(struct form_record *rec, struct ui_app *app, int64_t case_id,
    const struct form_record *from)
{
	char *err = NULL;

	if (db_lifecycle_currencies(app->db, rec, from, case_id, &err) != DB_OK)
		ui_message(app, true, "%s", err != NULL ? err : _("the case could not be read"));
	free(err);
}

/* A new record: the fields a default filled are marked (typing replaces
 * them), and money fields take the case's currency. */
static void
ui_form_defaults(struct ui_form *f, struct ui_app *app)
{
	const struct form_def *def = f->rec->def;
	size_t i;

	char *err = NULL;

	for (i = 0; i < def->nfields; i++)
		f->dflt[i] = def->fields[i].default_expr != NULL && !str_empty(f->rec->vals[i]);
	/* what the case knows; like a default, the first key typed replaces it */
	if (db_prefill_record(app->db, f->rec, f->dflt, &err) != DB_OK)
		ui_message_err(app, err, N_("The case cannot be read"));
	ui_form_currencies(f->rec, app, f->root->rec->case_id, NULL);
}

void
ui_form_perms(struct ui_form *f, struct ui_app *app)
{
	const struct form_record *root = f->root->rec;
	const struct form_def *def = f->rec->def;
	size_t i;

	f->view_only = !db_perm_form(app->db, root->def, root->id == 0 ? FA_CREATE : FA_EDIT);
	for (i = 0; i < def->nfields; i++) {
		f->hidden[i] = !db_perm_field(app->db, &def->fields[i], FA_READ);
		f->locked[i] = f->view_only || !db_perm_field(app->db, &def->fields[i],
		    root->id == 0 ? FA_CREATE : FA_EDIT);
	}
}

void
ui_form_open(struct ui_app *app, struct form_record *rec, const struct ui_form_opts *opts)
{
	struct ui_form *f = ui_form_new(rec, true, NULL);
	int k;

	if (opts != NULL)
		f->opts = *opts;
	f->draft_id = f->opts.draft_id;
	f->dirty = f->draft_id != 0;
	f->base = ui_form_base(app, rec, f->draft_id != 0);
	ui_form_perms(f, app);
	if (rec->id == 0 && f->draft_id == 0) {
		db_expr_apply(app->expr, rec, true, f->relevant);
		ui_form_defaults(f, app);
	}
	ui_form_recompute(f, app);
	k = ui_form_item_of(f, f->opts.cursor);
	if (k >= 0) {
		f->focus = k;
		ui_form_enter(f);
	} else
		ui_form_from_start(f);
	f->opened = date_elapsed();
	ui_push(app, &ui_form_ops, f, rec->def->title);
	app->top->bar = f->view_only ? ui_form_view_bar : f->opts.bar;
	app->top->bar_label = f->opts.bar_label;
	ui_form_set_title(f, app);
}

void
ui_form_open_row(struct ui_app *app, struct ui_form *parent, int field, int row)
{
	struct form_record *r = parent->rec->kids[field].rows[row];
	struct ui_form *f = ui_form_new(r, false, parent->root);
	char *t;

	f->parent = parent;
	ui_form_perms(f, app);
	ui_form_recompute(f, app);
	ui_push(app, &ui_form_row_ops, f, NULL);
	if (f->view_only)
		app->top->bar = ui_form_view_row_bar;
	t = xasprintf(" %d", row + 1);
	ui_title_clear(app->top);
	ui_title_add(app->top, parent->root->rec->def->title, ": ");
	ui_title_add(app->top, parent->rec->def->fields[field].label != NULL ?
	    parent->rec->def->fields[field].label : parent->rec->def->fields[field].name, t);
	free(t);
}
