#include "ui/picker.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n/conv.h"
#include "i18n/i18n.h"
#include "ui/draw.h"
#include "ui/edit.h"
#include "ui/list.h"
#include "util/mem.h"
#include "util/str.h"
#include "util/tr.h"

struct ui_picker {
	const struct form_field		*fd;
	const struct form_choices	*list;
	const char			*parent;	/* cascading: the parent's value */
	bool				*ticked;	/* select_many, per choice */
	size_t				*shown;		/* indexes matching the filter, best first */
	long				*rank;		/* per choice, for the order */
	size_t				 nshown;
	bool				 numbered;	/* the filter is a position */
	struct ui_list			 lines;		/* over shown */
	struct ui_edit			 filter;
	ui_picker_done_fn		 done;
	void				*arg;
};

static const enum ui_action ui_picker_bar[] = { UA_HELP, UA_ENTER, UA_BACK, UA_NONE };

/*
 * How well a choice matches the folded filter, lower is better, -1 for no
 * match: the whole label or the whole code first ("ka": Georgian), then the
 * label starting with it, then a later word of the label, then the start of
 * the code; shorter labels first within each ("serb": Serbian before
 * Serbo-Croatian).
 */
static long
ui_picker_rank(const struct form_choice *c, const char *ffold)
{
	char *lab = i18n_fold_name(_(c->label)), *code = i18n_fold_name(c->code), *p;
	size_t n = strlen(ffold);
	long rank = -1, len = (long)strlen(lab);

	if (strcmp(lab, ffold) == 0 || strcmp(code, ffold) == 0)
		rank = len;
	for (p = lab; p != NULL && rank < 0; p = strchr(p, ' ')) {
		while (*p == ' ')
			p++;
		if (strncmp(p, ffold, n) == 0)
			rank = (p == lab ? 1000 : 100000) + len;
	}
	if (rank < 0 && strncmp(code, ffold, n) == 0)
		rank = 200000 + len;
	free(lab);
	free(code);
	return rank;
}

/* Without a filter: the ticked choices first (they stay in view), then the
 * list's own order, or for the lists of iso-codes (languages, countries,
 * currencies) the order of their labels in the staff language. */
static int
ui_picker_cmp_label(const struct form_choice *a, const struct form_choice *b)
{
	char *x = i18n_fold_name(_(a->label)), *y = i18n_fold_name(_(b->label));
	int c = strcmp(x, y);

	free(x);
	free(y);
	return c;
}

static bool
ui_picker_before(const struct ui_picker *p, size_t a, size_t b)
{
	bool ta = p->ticked != NULL && p->ticked[a], tb = p->ticked != NULL && p->ticked[b];

	if (ta != tb)
		return ta;
	return p->list->builtin && ui_picker_cmp_label(&p->list->items[a],
	    &p->list->items[b]) < 0;
}

static void
ui_picker_order(struct ui_picker *p)
{
	size_t i, j, k;

	for (i = 1; i < p->nshown; i++) {	/* insertion: stable, lists are short */
		k = p->shown[i];
		for (j = i; j > 0 && ui_picker_before(p, k, p->shown[j - 1]); j--)
			p->shown[j] = p->shown[j - 1];
		p->shown[j] = k;
	}
}

static void
ui_picker_fill(struct ui_picker *p, const char *ffold)
{
	size_t i, j;

	p->nshown = 0;
	for (i = 0; i < p->list->nitems; i++) {
		const struct form_choice *c = &p->list->items[i];

		if (p->fd->filter != NULL && !str_eq(c->parent, p->parent))
			continue;
		if (*ffold == '\0') {		/* no filter: ordered below */
			p->shown[p->nshown++] = i;
			continue;
		}
		if ((p->rank[i] = ui_picker_rank(c, ffold)) < 0)
			continue;
		for (j = p->nshown++; j > 0 && p->rank[p->shown[j - 1]] > p->rank[i]; j--)
			p->shown[j] = p->shown[j - 1];	/* insertion: stable */
		p->shown[j] = i;
	}
	if (*ffold == '\0')
		ui_picker_order(p);
}

/* A number that matches no code or label picks by position ("3": the
 * third choice shown), as the numbers beside short lists say. */
static void
ui_picker_refilter(struct ui_picker *p)
{
	const char *t = p->filter.text != NULL ? p->filter.text : "";
	char *ffold = i18n_fold_name(t), *end;
	long k;

	ui_picker_fill(p, ffold);
	free(ffold);
	k = strtol(t, &end, 10);
	p->numbered = false;
	if (p->nshown == 0 && *t != '\0' && *end == '\0') {
		ui_picker_fill(p, "");
		if (k >= 1 && (size_t)k <= p->nshown)
			p->lines.cur = (size_t)k - 1;
		p->numbered = true;
	}
	if (p->lines.cur >= p->nshown)
		p->lines.cur = p->nshown > 0 ? p->nshown - 1 : 0;
}

/* A number typed in a numbered list (select_one) that no longer number can
 * follow ("3" of 12, "12") picks that choice at once, as the numbers say. */
static bool
ui_picker_number_picks(const struct ui_picker *p)
{
	const char *t = p->filter.text != NULL ? p->filter.text : "";
	char *end;
	long k = strtol(t, &end, 10);

	return p->ticked == NULL && p->list->nitems <= 20 && *t >= '1' && *t <= '9' &&
	    *end == '\0' && p->numbered && k >= 1 && (size_t)k <= p->nshown &&
	    (size_t)k * 10 > p->nshown;
}

/* The choices that match the filter, from the form's lists (no database). */
static bool
ui_picker_load(struct ui_list *l, struct ui_app *app, size_t *n, char **err)
{
	struct ui_picker *p = l->data;

	ui_picker_refilter(p);
	*n = p->nshown;
	return true;
}

static char *
ui_picker_line(struct ui_list *l, struct ui_app *app, size_t k, const int **widths)
{
	struct ui_picker *p = l->data;
	const struct form_choice *c = &p->list->items[p->shown[k]];
	char num[24] = "";

	if (p->list->nitems <= 20)
		snprintf(num, sizeof num, "%2zu ", k + 1);
	return xasprintf("%s%s%s%s%s", num, p->ticked == NULL ? "" :
	    p->ticked[p->shown[k]] ? "[x] " : "[ ] ", _(c->label),
	    app->interp && i18n_client_code() != NULL ? "  /  " : "",
	    app->interp && i18n_client_code() != NULL ? i18n_client(c->label) : "");
}

static void
ui_picker_draw(struct ui_screen *s, struct ui_app *app)
{
	struct ui_picker *p = s->data;
	int top = ui_body_top();

	ui_draw_text(top, 1, 12, _("Filter:"), US_LABEL);
	ui_edit_draw(&p->filter, top, 14, app->cols - 16, US_FOCUS);
	ui_list_draw(&p->lines, app, top + 2, ui_body_rows(app) - 2);
	if (p->nshown == 0)
		ui_draw_text(top + 2, 2, app->cols - 4, _("No choice matches; Backspace to widen"),
		    US_DIM);
	if (app->msg == NULL)
		ui_draw_text(app->rows - 2, 0, app->cols, p->ticked != NULL ?
		    _("Type to narrow, Up/Down to move, Space to tick, Enter when done") :
		    _("Type to narrow, Up/Down to move, Enter to choose, Esc to cancel"), US_DIM);
}

static char *
ui_picker_many_value(const struct ui_picker *p)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	for (i = 0; i < p->list->nitems; i++) {
		if (!p->ticked[i])
			continue;
		if (sb.len > 0)
			strbuf_putc(&sb, ' ');
		strbuf_puts(&sb, p->list->items[i].code);
	}
	return sb.len > 0 ? strbuf_take(&sb) : NULL;
}

static void
ui_picker_finish(struct ui_screen *s, struct ui_picker *p, struct ui_app *app)
{
	char *v;

	if (p->ticked != NULL) {
		v = ui_picker_many_value(p);
		p->done(app, p->arg, v);
		free(v);
	} else if (p->nshown > 0) {
		p->done(app, p->arg, p->list->items[p->shown[p->lines.cur]].code);
	}
	ui_close(app, s);
}

static bool
ui_picker_key(struct ui_screen *s, struct ui_app *app, int key, enum ui_action a)
{
	struct ui_picker *p = s->data;

	if (key == UI_KEY_TICK)
		return true;
	if (ui_list_move(&p->lines, a, 10))
		return true;	/* Home and End too: the first and the last choice */
	switch (a) {
	case UA_ENTER: case UA_SAVE: ui_picker_finish(s, p, app); return true;
	case UA_BACK: ui_close(app, s); return true;
	case UA_BACKSPACE: ui_edit_backspace(&p->filter); break;
	case UA_CLEAR: ui_edit_clear(&p->filter); break;
	case UA_NONE:
		if (key == ' ' && p->ticked != NULL && p->nshown > 0) {
			p->ticked[p->shown[p->lines.cur]] = !p->ticked[p->shown[p->lines.cur]];
			return true;
		}
		if (key < 32 || key >= 0x200000)
			return true;
		ui_edit_insert(&p->filter, (uint32_t)key);
		break;
	default:
		return false;
	}
	p->lines.cur = 0;
	ui_list_load(&p->lines, app);
	if (ui_picker_number_picks(p))
		ui_picker_finish(s, p, app);
	return true;
}

static void
ui_picker_free(struct ui_screen *s)
{
	struct ui_picker *p = s->data;

	ui_edit_free(&p->filter);
	ui_list_free(&p->lines);
	free(p->ticked);
	free(p->shown);
	free(p->rank);
	free(p);
}

static const struct ui_list_ops ui_picker_list_ops = {
	.load = ui_picker_load,
	.line = ui_picker_line,
};

static const struct ui_screen_ops ui_picker_ops = {
	.name = "picker",
	.draw = ui_picker_draw,
	.key = ui_picker_key,
	.free = ui_picker_free,
	.bar = ui_picker_bar,
};

static void
ui_picker_tick_current(struct ui_picker *p, const char *value)
{
	char *copy = xstrdup(value), *tok, *save = NULL;
	size_t i;

	for (tok = strtok_r(copy, " ", &save); tok != NULL; tok = strtok_r(NULL, " ", &save))
		for (i = 0; i < p->list->nitems; i++)
			if (strcmp(p->list->items[i].code, tok) == 0)
				p->ticked[i] = true;
	free(copy);
}

/* Puts the cursor on the current value of a select_one. */
static void
ui_picker_seek(struct ui_picker *p, const char *value)
{
	size_t k;

	for (k = 0; k < p->nshown; k++)
		if (str_eq(p->list->items[p->shown[k]].code, value))
			p->lines.cur = k;
}

void
ui_picker_open(struct ui_app *app, const struct form_record *rec,
    const struct form_field *fd, const char *filter, ui_picker_done_fn done, void *arg)
{
	ui_picker_open_value(app, rec, fd, filter, rec->vals[fd - rec->def->fields], done,
	    arg);
}

void
ui_picker_open_value(struct ui_app *app, const struct form_record *rec,
    const struct form_field *fd, const char *filter, const char *value,
    ui_picker_done_fn done, void *arg)
{
	struct ui_picker *p = xcalloc(1, sizeof *p);
	int fi = fd->filter != NULL ? form_field_index(rec->def, fd->filter) : -1;

	p->fd = fd;
	p->list = form_set_choices(app->forms, fd->choices);
	if (p->list == NULL || p->list->nitems == 0) {
		free(p);
		ui_message(app, true, _("The list '%s' has no choices"), fd->choices);
		return;
	}
	p->parent = fi >= 0 ? rec->vals[fi] : NULL;
	p->shown = xcalloc(p->list->nitems, sizeof *p->shown);
	p->rank = xcalloc(p->list->nitems, sizeof *p->rank);
	if (fd->type == FT_SELECT_MANY) {
		p->ticked = xcalloc(p->list->nitems, sizeof *p->ticked);
		if (value != NULL)
			ui_picker_tick_current(p, value);
	}
	p->done = done;
	p->arg = arg;
	ui_edit_set(&p->filter, filter, 40);
	p->lines.ops = &ui_picker_list_ops;
	p->lines.data = p;
	ui_list_load(&p->lines, app);
	if (str_empty(filter))
		ui_picker_seek(p, value);
	ui_push(app, &ui_picker_ops, p, fd->label != NULL ? fd->label : fd->name);
}
