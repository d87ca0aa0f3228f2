/* ui/help: every key and what it does, from the key table itself. */
#include <stdio.h>
#include <stdlib.h>

#include "ui/draw.h"
#include "ui/screens.h"
#include "util/mem.h"
#include "util/tr.h"

static const char ui_help_intro[] = N_("Every action has a function key and a Ctrl "
    "key (use the Ctrl key when F-keys do not work). The bottom line always shows the "
    "keys of the current screen. In a choice field type a few letters; in a yes/no "
    "field y or n; dates as 22.11.2026 or 2026-11-22.");

struct ui_help {
	struct ui_list	list;
};

static const enum ui_action ui_help_bar[] = { UA_BACK, UA_PGDN, UA_PGUP, UA_NONE };

/* Actions in the order the help lists them. */
static const enum ui_action ui_help_order[] = {
	UA_HELP, UA_SAVE, UA_BACK, UA_QUIT, UA_SEARCH, UA_NEW_CASE, UA_CALL,
	UA_STAFF_LANG, UA_CLIENT_LANG, UA_INTERP, UA_NEXT, UA_PREV, UA_ENTER,
	UA_ADD_ROW, UA_DEL_ROW, UA_PGUP, UA_PGDN, UA_HOME, UA_END, UA_CLEAR, UA_REDRAW,
	UA_HISTORY
};
#define UI_HELP_N (sizeof ui_help_order / sizeof ui_help_order[0])

/* Draws the help from line `from` (intro first, then one entry per action,
 * wrapped); returns how many lines the whole help takes. */
static int
ui_help_lines(struct ui_app *app, int from, int y0, int rows)
{
	const char *f, *c;
	char keys[32];
	int line = 0, n, y;
	size_t k;

	n = ui_draw_wrapped_lines(app->cols - 2, _(ui_help_intro));
	if (line + n > from && line - from < rows)
		ui_draw_wrapped(y0 + line - from, 1, app->cols - 2, n, _(ui_help_intro), US_NORMAL);
	line += n + 1;
	for (k = 0; k < UI_HELP_N; k++) {
		const char *d = _(ui_keys_describe(ui_help_order[k]));

		n = ui_draw_wrapped_lines(app->cols - 15, d);
		y = y0 + line - from;
		if (line >= from && line - from + n <= rows) {
			f = ui_keys_fname(ui_help_order[k]);
			c = ui_keys_cname(ui_help_order[k]);
			snprintf(keys, sizeof keys, "%s%s%s", f != NULL ? f : "",
			    f != NULL && c != NULL ? " " : "", c != NULL ? c : "");
			ui_draw_text(y, 1, 12, keys, US_KEY);
			ui_draw_wrapped(y, 14, app->cols - 15, n, d, US_NORMAL);
		}
		line += n;
	}
	return line;
}

static void
ui_help_draw(struct ui_screen *s, struct ui_app *app)
{
	struct ui_help *h = s->data;
	int rows = ui_body_rows(app), total;

	total = ui_help_lines(app, 0, -1000, 0);
	if ((int)h->list.top > total - rows)
		h->list.top = total > rows ? (size_t)(total - rows) : 0;
	ui_help_lines(app, (int)h->list.top, ui_body_top(), rows);
}

static bool
ui_help_key(struct ui_screen *s, struct ui_app *app, int key, enum ui_action a)
{
	struct ui_help *h = s->data;

	if (key == UI_KEY_TICK)
		return true;
	if (a == UA_DOWN || a == UA_PGDN) {
		h->list.top += a == UA_DOWN ? 1 : 10;
		return true;
	}
	if (a == UA_UP || a == UA_PGUP) {
		h->list.top = h->list.top > (a == UA_UP ? 1u : 10u) ? h->list.top -
		    (a == UA_UP ? 1 : 10) : 0;
		return true;
	}
	if (a == UA_BACK || a == UA_HELP || a == UA_ENTER) {
		ui_close(app, s);
		return true;
	}
	return false;
}

static void
ui_help_free(struct ui_screen *s)
{
	free(s->data);
}

static const struct ui_screen_ops ui_help_ops = {
	.name = "help",
	.draw = ui_help_draw,
	.key = ui_help_key,
	.free = ui_help_free,
	.bar = ui_help_bar,
};

void
ui_help_open(struct ui_app *app)
{
	ui_push(app, &ui_help_ops, xcalloc(1, sizeof(struct ui_help)), N_("Help"));
}
