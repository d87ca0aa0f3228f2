/*
 * ui/conflict: the differences of a stale save (form/merge), one line each,
 * lines of a repeat row under a heading that names the row; the user picks
 * which side each keeps, then saves the merge.
 */
#include "ui/conflict.h"

#include <stdlib.h>
#include <string.h>

#include "db/cases.h"
#include "form/merge.h"
#include "ui/draw.h"
#include "ui/field.h"
#include "ui/formsave.h"
#include "ui/list.h"
#include "util/mem.h"
#include "util/str.h"
#include "util/tr.h"

/* The differences are the lines of a ui/list; a difference that starts the
 * lines of another repeat row has the row's name as its heading. */
struct ui_conflict {
	struct ui_form		*form;
	struct form_record	*theirs;
	struct form_merge	 m;
	struct ui_list		 list;	/* over m.d */
	char			*case_mine;	/* case numbers of an FM_CASE difference */
	char			*case_theirs;
};

static const enum ui_action ui_conflict_bar[] = { UA_SAVE, UA_CLIENT_LANG, UA_INTERP,
	UA_ADD_ROW, UA_NEW_CASE, UA_BACK, UA_NONE };

static const char *
ui_conflict_bar_label(enum ui_action a)
{
	switch (a) {
	case UA_CLIENT_LANG: return N_("Mine");
	case UA_INTERP: return N_("Theirs");
	case UA_ADD_ROW: return N_("All mine");
	case UA_NEW_CASE: return N_("All theirs");
	default: return NULL;
	}
}

static const char *
ui_conflict_label(const struct form_field *fd)
{
	return _(fd->label != NULL ? fd->label : fd->name);
}

/* Two differences of the same row (both in a row, same rows on both sides). */
static bool
ui_conflict_same_row(const struct form_merge_diff *a, const struct form_merge_diff *b)
{
	return a->in_row && b->in_row && a->kind == FM_VALUE && b->kind == FM_VALUE &&
	    a->field == b->field && a->mine_row == b->mine_row &&
	    a->theirs_row == b->theirs_row;
}

/* True when difference k starts the lines of a row (a heading above it). */
static bool
ui_conflict_starts_row(const struct ui_conflict *c, size_t k)
{
	const struct form_merge_diff *d = &c->m.d[k];

	return d->in_row && (k == 0 || !ui_conflict_same_row(&c->m.d[k - 1], d));
}

/* "Family members returning together 2 (HASANI, Amina)": the user's position
 * and values where the user has the row, else the other user's. */
static char *
ui_conflict_row_name(const struct ui_app *app, const struct ui_conflict *c,
    const struct form_merge_diff *d)
{
	const struct form_record *row = d->mine_row != NULL ? d->mine_row : d->theirs_row;
	char *sum = ui_field_row_summary(app->forms, row), *t;

	t = xasprintf("%s %zu (%s)", ui_conflict_label(&c->form->rec->def->fields[d->field]),
	    d->mine_row != NULL ? d->mine_pos : d->theirs_pos, sum);
	free(sum);
	return t;
}

/* What a row-level difference is, as a label. */
static const char *
ui_conflict_row_label(const struct form_merge_diff *d)
{
	if (d->mine_row == NULL)
		return d->who == FM_BY_MINE ? _("Removed by you") : d->who == FM_BY_THEIRS ?
		    _("Added by the other user") : _("Only in the saved version");
	return d->who == FM_BY_MINE ? _("Added by you") : d->who == FM_BY_THEIRS ?
	    _("Removed by the other user") : _("Only in yours");
}

/* One side's text of a difference (malloc'd); mine selects the side. */
static char *
ui_conflict_side(const struct ui_app *app, const struct ui_conflict *c,
    const struct form_merge_diff *d, bool mine)
{
	const struct form_record *rec = mine ? c->form->rec : c->theirs;
	const struct form_record *row = mine ? d->mine_row : d->theirs_row;
	bool changed = (d->who & (mine ? FM_BY_MINE : FM_BY_THEIRS)) != 0;
	char *v, *t;

	if (d->kind == FM_CASE)
		v = xstrdup(mine ? c->case_mine : c->case_theirs);
	else if (d->kind == FM_ROW)
		v = row != NULL ? ui_field_row_summary(app->forms, row) : xstrdup("-");
	else
		v = d->in_row ? ui_field_display(app->forms, row, d->sub) :
		    ui_field_display(app->forms, rec, d->field);
	t = xasprintf("%s%s", changed ? "*" : "", str_empty(v) ? _("(empty)") : v);
	free(v);
	return t;
}

static const char *
ui_conflict_kept(const struct form_merge_diff *d)
{
	return d->pick == FM_PICK_MINE ? _("yours") : d->pick == FM_PICK_THEIRS ?
	    _("theirs") : "?";
}

/* Difference k as a line: what it is, the other user's, the user's, which is
 * kept. */
static void
ui_conflict_draw_diff(struct ui_list *l, struct ui_app *app, size_t k, int y, bool cur)
{
	const struct ui_conflict *c = l->data;
	const struct form_merge_diff *d = &c->m.d[k];
	int w = app->cols - 4, lw = w * 37 / 100, vw = w / 4, x;
	enum ui_style st = cur ? US_FOCUS : US_NORMAL;
	const struct form_field *fd;
	char *t;

	if (cur)
		ui_draw_fill(y, 1, app->cols - 2, US_FOCUS);
	if (d->kind == FM_CASE) {
		ui_draw_text(y, 1, lw, _("Case"), cur ? US_FOCUS : US_LABEL);
	} else if (d->kind == FM_ROW) {
		ui_draw_text(y, 3, lw - 2, ui_conflict_row_label(d), st);
	} else {
		fd = d->in_row ? &c->form->rec->def->fields[d->field].group->fields[d->sub] :
		    &c->form->rec->def->fields[d->field];
		x = d->in_row ? 3 : 1;
		ui_draw_text(y, x, lw - x + 1, ui_conflict_label(fd), cur ? US_FOCUS : US_LABEL);
	}
	t = ui_conflict_side(app, c, d, false);
	ui_draw_text(y, 2 + lw, vw, t, st);
	free(t);
	t = ui_conflict_side(app, c, d, true);
	ui_draw_text(y, 3 + lw + vw, vw, t, st);
	free(t);
	ui_draw_text(y, 4 + lw + 2 * vw, w - lw - 2 * vw, ui_conflict_kept(d),
	    d->pick == FM_UNDECIDED ? US_ERROR : st);
}

/* The heading above difference k: the name of the row its lines are of. */
static int
ui_conflict_above(struct ui_list *l, struct ui_app *app, size_t k)
{
	(void)app;
	return ui_conflict_starts_row(l->data, k) ? 1 : 0;
}

static int
ui_conflict_heading(struct ui_list *l, struct ui_app *app, size_t k, int y)
{
	struct ui_conflict *c = l->data;
	char *t;

	if (!ui_conflict_starts_row(c, k))
		return 0;
	t = ui_conflict_row_name(app, c, &c->m.d[k]);
	ui_draw_text(y, 1, app->cols - 2, t, US_HEADING);
	free(t);
	return 1;
}

/* The case numbers an FM_CASE difference shows (read again when the screen
 * is shown); the differences themselves are made once, when it opens. */
static bool ui_conflict_load(struct ui_list *, struct ui_app *, size_t *n, char **err);

static const struct ui_list_ops ui_conflict_list_ops = {
	.load = ui_conflict_load,
	.draw = ui_conflict_draw_diff,
	.above = ui_conflict_above,
	.heading = ui_conflict_heading,
};

static void
ui_conflict_draw(struct ui_screen *s, struct ui_app *app)
{
	struct ui_conflict *c = s->data;
	int top = ui_body_top(), y = top, w = app->cols - 4, lw = w * 37 / 100;
	int vw = w / 4, rows;

	y += ui_draw_wrapped(y, 1, app->cols - 2, 3, _("Someone else saved this record while "
	    "you were editing it. Nothing has been overwritten. Choose what to keep; * marks "
	    "what was changed since you opened it."), US_ERROR);
	ui_draw_text(y, 1, lw, _("Field"), US_HEADING);
	ui_draw_text(y, 2 + lw, vw, _("The other user's"), US_HEADING);
	ui_draw_text(y, 3 + lw + vw, vw, _("Yours"), US_HEADING);
	ui_draw_text(y++, 4 + lw + 2 * vw, w - lw - 2 * vw, _("Kept"), US_HEADING);
	rows = top + ui_body_rows(app) - y;
	ui_list_draw(&c->list, app, y, rows);
	if (app->msg == NULL)
		ui_draw_text(app->rows - 2, 0, app->cols, _("Enter: switch   Right: yours   "
		    "Left: theirs   Esc: back to the form"), US_DIM);
}

/* Replaces the form's record by the merge and saves it against theirs. */
static void
ui_conflict_save(struct ui_screen *s, struct ui_conflict *c, struct ui_app *app)
{
	struct ui_form *f = c->form;
	struct form_record *merged;
	size_t k;

	if (!form_merge_decided(&c->m)) {
		for (k = 0; k < c->m.n && c->m.d[k].pick != FM_UNDECIDED; k++)
			;
		c->list.cur = k;
		ui_message(app, true, "%s", _("Choose yours or theirs for every line marked ?"));
		return;
	}
	merged = form_merge_apply(f->rec, c->theirs, &c->m);
	form_record_free(f->rec);
	f->rec = merged;
	form_record_free(f->base);	/* what the next conflict compares against */
	f->base = c->theirs;
	c->theirs = NULL;
	form_merge_free(&c->m);
	f->dirty = true;
	ui_form_recompute(f, app);
	ui_close(app, s);
	ui_form_save(s->below, f, app);
}

static bool
ui_conflict_pick(struct ui_conflict *c, int key, enum ui_action a)
{
	struct form_merge_diff *d = c->list.cur < c->m.n ? &c->m.d[c->list.cur] : NULL;

	if (a == UA_ADD_ROW || a == UA_NEW_CASE)
		form_merge_pick_all(&c->m, a == UA_ADD_ROW ? FM_PICK_MINE : FM_PICK_THEIRS);
	else if (d == NULL)
		return a == UA_CLIENT_LANG || a == UA_INTERP || a == UA_ENTER || key == ' ';
	else if (a == UA_CLIENT_LANG || a == UA_RIGHT)
		d->pick = FM_PICK_MINE;
	else if (a == UA_INTERP || a == UA_LEFT)
		d->pick = FM_PICK_THEIRS;
	else if (a == UA_ENTER || key == ' ')
		d->pick = d->pick == FM_PICK_MINE ? FM_PICK_THEIRS : FM_PICK_MINE;
	else
		return false;
	return true;
}

static bool
ui_conflict_key(struct ui_screen *s, struct ui_app *app, int key, enum ui_action a)
{
	struct ui_conflict *c = s->data;
	int page = ui_body_rows(app) > 8 ? ui_body_rows(app) - 6 : 2;

	if (key == UI_KEY_TICK || ui_list_move(&c->list, a, page) || ui_conflict_pick(c, key, a))
		return true;
	if (a == UA_SAVE)
		ui_conflict_save(s, c, app);
	else if (a == UA_BACK)
		ui_close(app, s);
	else
		return a != UA_HELP && a != UA_QUIT && a != UA_STAFF_LANG && a != UA_CALL;
	return true;
}

static void
ui_conflict_free(struct ui_screen *s)
{
	struct ui_conflict *c = s->data;

	form_merge_free(&c->m);
	form_record_free(c->theirs);
	ui_list_free(&c->list);
	free(c->case_mine);
	free(c->case_theirs);
	free(c);
}

static void ui_conflict_shown(struct ui_screen *, struct ui_app *);

static const struct ui_screen_ops ui_conflict_ops = {
	.name = "conflict",
	.draw = ui_conflict_draw,
	.key = ui_conflict_key,
	.shown = ui_conflict_shown,
	.free = ui_conflict_free,
	.bar = ui_conflict_bar,
	.bar_label = ui_conflict_bar_label,
};

/* A case's number for the FM_CASE line ("-" for none); false (with *err)
 * when it cannot be read. */
static bool
ui_conflict_case_no(struct ui_app *app, int64_t id, char **out, char **err)
{
	struct db_case cs;

	if (id == 0 || db_case_load_ex(app->db, id, false, &cs, err) != DB_OK) {
		*out = xstrdup("-");
		return id == 0;
	}
	*out = xstrdup(cs.case_no);
	db_case_clear(&cs);
	return true;
}

static bool
ui_conflict_load(struct ui_list *l, struct ui_app *app, size_t *n, char **err)
{
	struct ui_conflict *c = l->data;
	bool ok;

	free(c->case_mine);
	free(c->case_theirs);
	ok = ui_conflict_case_no(app, c->form->rec->case_id, &c->case_mine, err);
	if (ok)
		ok = ui_conflict_case_no(app, c->theirs->case_id, &c->case_theirs, err);
	else
		c->case_theirs = xstrdup("-");
	if (!ok && *err == NULL)
		*err = xstrdup(_("The case cannot be read"));
	*n = c->m.n;
	return ok;
}

static void
ui_conflict_shown(struct ui_screen *s, struct ui_app *app)
{
	struct ui_conflict *c = s->data;

	ui_list_load(&c->list, app);
}

void
ui_conflict_open(struct ui_app *app, struct ui_form *f, struct form_record *theirs)
{
	struct ui_conflict *c = xcalloc(1, sizeof *c);

	c->form = f;
	c->theirs = theirs;
	form_merge_diff(f->base, f->rec, theirs, &c->m);
	c->list.ops = &ui_conflict_list_ops;
	c->list.data = c;
	ui_push(app, &ui_conflict_ops, c, N_("Save conflict"));
	if (c->m.n == 0)
		ui_message(app, false, "%s", _("The other user saved the same values; saving keeps them."));
}
