/*
 * ui/help: every key and what it does, from the key table itself: a list for
 * reading on the engine of ui/list, one line per row the help takes (made
 * again before each frame, as the width and the staff language may change).
 */
#include <stdio.h>
#include <stdlib.h>

#include "ui/draw.h"
#include "ui/screens.h"
#include "util/mem.h"
#include "util/str.h"
#include "util/tr.h"

static const char ui_help_intro[] = N_("Every action has a function key and a Ctrl "
    "key (use the Ctrl key when F-keys do not work). The bottom line always shows the "
    "keys of the current screen. In a choice field type a few letters; in a yes/no "
    "field y or n; dates as 22.11.2026 or 2026-11-22.");

struct ui_help {
	struct ui_list		 list;
	const struct ui_screen	*on;	/* the screen help was asked on (below it) */
	char			*intro;	/* its keys, then ui_help_intro, translated */
};

static const enum ui_action ui_help_bar[] = { UA_BACK, UA_PGDN, UA_PGUP, UA_NONE };

/* Actions in the order the help lists them. */
static const enum ui_action ui_help_order[] = {
	UA_HELP, UA_SAVE, UA_BACK, UA_QUIT, UA_SEARCH, UA_NEW_CASE, UA_CALL,
	UA_STAFF_LANG, UA_CLIENT_LANG, UA_INTERP, UA_NEXT, UA_PREV, UA_ENTER,
	UA_ADD_ROW, UA_DEL_ROW, UA_PGUP, UA_PGDN, UA_HOME, UA_END, UA_CLEAR, UA_REDRAW,
	UA_HISTORY, UA_REPORT, UA_BLANK
};
#define UI_HELP_N (sizeof ui_help_order / sizeof ui_help_order[0])

/* The blocks of the help: the intro, a blank line, then one per action. */
#define UI_HELP_BLOCKS (UI_HELP_N + 2)

/* Where a row of the help lies: its block, its row in it, the block's first
 * row and its rows. */
struct ui_help_at {
	size_t	block;
	int	row;
	size_t	first;
	int	rows;
};

/* The keys of the screen help was asked on, each named for what it does
 * there, then the intro: in the staff language of the moment. */
static void
ui_help_make_intro(struct ui_help *h)
{
	const enum ui_action *bar = h->on == NULL ? NULL : h->on->bar != NULL ? h->on->bar :
	    h->on->ops->bar;
	struct strbuf sb = STRBUF_INIT;
	const char *f, *c;

	for (; bar != NULL && *bar != UA_NONE; bar++) {
		f = ui_keys_fname(*bar);
		c = ui_keys_cname(*bar);
		strbuf_printf(&sb, "%s %s%s%s %s", sb.len == 0 ? _("On this screen:") : ",",
		    f != NULL ? f : "", f != NULL && c != NULL ? "/" : "", c != NULL ? c : "",
		    ui_draw_key_label(h->on, *bar));
	}
	strbuf_printf(&sb, "%s%s", sb.len > 0 ? ". " : "", _(ui_help_intro));
	free(h->intro);
	h->intro = strbuf_take(&sb);
}

/* The text of a block in the staff language of the moment. */
static const char *
ui_help_text(const struct ui_help *h, size_t block)
{
	if (block == 0)
		return h->intro;
	return block == 1 ? "" : _(ui_keys_describe(ui_help_order[block - 2]));
}

static int
ui_help_block_rows(const struct ui_help *h, const struct ui_app *app, size_t block)
{
	if (block == 1)
		return 1;
	return ui_draw_wrapped_lines(app->cols - (block == 0 ? 2 : 15), ui_help_text(h, block));
}

/* Finds row k; false past the end. */
static bool
ui_help_find(const struct ui_help *h, const struct ui_app *app, size_t k,
    struct ui_help_at *at)
{
	size_t first = 0, b;
	int n;

	for (b = 0; b < UI_HELP_BLOCKS; b++, first += (size_t)n) {
		n = ui_help_block_rows(h, app, b);
		if (k < first + (size_t)n) {
			*at = (struct ui_help_at){ b, (int)(k - first), first, n };
			return true;
		}
	}
	return false;
}

/* One line per row the help takes at this width, in this language. */
static bool
ui_help_load(struct ui_list *l, struct ui_app *app, size_t *n, char **err)
{
	struct ui_help *h = l->data;
	size_t b;

	(void)err;
	ui_help_make_intro(h);
	for (b = 0; b < UI_HELP_BLOCKS; b++)
		*n += (size_t)ui_help_block_rows(h, app, b);
	return true;
}

/* Row k: the intro as far as it is in view; an action's keys and description
 * only when the whole of it is in view. */
static void
ui_help_draw_row(struct ui_list *l, struct ui_app *app, size_t k, int y, bool cur)
{
	struct ui_help *h = l->data;
	const char *f, *c;
	struct ui_help_at at;
	char keys[32];
	enum ui_action a;

	(void)cur;
	if (!ui_help_find(h, app, k, &at) || at.block == 1)
		return;
	if (at.block == 0) {
		ui_draw_wrapped_from(y, 1, app->cols - 2, at.row, 1, h->intro, US_NORMAL);
		return;
	}
	if (at.first < l->top || at.first + (size_t)at.rows > l->top + (size_t)ui_body_rows(app))
		return;
	a = ui_help_order[at.block - 2];
	if (at.row == 0) {
		f = ui_keys_fname(a);
		c = ui_keys_cname(a);
		snprintf(keys, sizeof keys, "%s%s%s", f != NULL ? f : "",
		    f != NULL && c != NULL ? " " : "", c != NULL ? c : "");
		ui_draw_text(y, 1, 12, keys, US_KEY);
	}
	ui_draw_wrapped_from(y, 14, app->cols - 15, at.row, 1, ui_help_text(h, at.block),
	    US_NORMAL);
}

static const struct ui_list_ops ui_help_list_ops = {
	.load = ui_help_load,
	.draw = ui_help_draw_row,
};

static void
ui_help_draw(struct ui_screen *s, struct ui_app *app)
{
	struct ui_help *h = s->data;

	ui_list_draw(&h->list, app, ui_body_top(), ui_body_rows(app));
}

/* The rows follow the width and the staff language of the frame to come. */
static void
ui_help_idle(struct ui_screen *s, struct ui_app *app)
{
	struct ui_help *h = s->data;

	ui_list_load(&h->list, app);
}

static bool
ui_help_key(struct ui_screen *s, struct ui_app *app, int key, enum ui_action a)
{
	struct ui_help *h = s->data;

	if (key == UI_KEY_TICK)
		return true;
	if (a == UA_DOWN || a == UA_PGDN || a == UA_UP || a == UA_PGUP)
		return ui_list_key(&h->list, s, app, a, ui_body_rows(app) - 1);
	if (a == UA_BACK || a == UA_HELP || a == UA_ENTER) {
		ui_close(app, s);
		return true;
	}
	return false;
}

static void
ui_help_free(struct ui_screen *s)
{
	struct ui_help *h = s->data;

	ui_list_free(&h->list);
	free(h->intro);
	free(h);
}

static const struct ui_screen_ops ui_help_ops = {
	.name = "help",
	.draw = ui_help_draw,
	.key = ui_help_key,
	.idle = ui_help_idle,
	.free = ui_help_free,
	.bar = ui_help_bar,
};

void
ui_help_open(struct ui_app *app)
{
	struct ui_help *h = xcalloc(1, sizeof *h);

	h->list.ops = &ui_help_list_ops;
	h->list.data = h;
	h->list.reading = true;
	h->on = app->top;
	ui_push(app, &ui_help_ops, h, N_("Help"));
}
