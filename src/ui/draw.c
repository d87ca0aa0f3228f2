#include "ui/draw.h"

#include <langinfo.h>
#include <stdlib.h>
#include <string.h>

#include "i18n/conv.h"
#include "i18n/i18n.h"
#include "ui/curs.h"
#include "util/mem.h"
#include "util/str.h"
#include "util/tr.h"
#include "util/utf8.h"

static bool ui_draw_is_utf8 = true;
static struct i18n_conv *ui_draw_cv;
static bool ui_draw_color;
static int ui_draw_cy = -1, ui_draw_cx = -1;

void
ui_draw_init(void)
{
	const char *nc = getenv("NO_COLOR");

	ui_draw_is_utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
	if (ui_draw_cv == NULL)
		ui_draw_cv = i18n_conv_new(nl_langinfo(CODESET));
	ui_draw_color = has_colors() && (nc == NULL || *nc == '\0');
	if (ui_draw_color) {
		start_color();
		use_default_colors();
		init_pair(1, COLOR_RED, -1);
		init_pair(2, COLOR_CYAN, -1);
		init_pair(3, COLOR_WHITE, COLOR_BLUE);
	}
}

struct i18n_conv *
ui_draw_conv(void)
{
	if (ui_draw_cv == NULL)
		ui_draw_cv = i18n_conv_new(nl_langinfo(CODESET));
	return ui_draw_cv;
}

void
ui_draw_shutdown(void)
{
	if (ui_draw_cv != NULL)
		i18n_conv_free(ui_draw_cv);
	ui_draw_cv = NULL;
}

static attr_t
ui_draw_attr(enum ui_style st)
{
	switch (st) {
	case US_FOCUS:
	case US_KEY:
		return A_REVERSE;
	case US_TITLE:
		return ui_draw_color ? COLOR_PAIR(3) | A_BOLD : A_REVERSE;
	case US_ERROR:
		return A_BOLD | (ui_draw_color ? COLOR_PAIR(1) : 0);
	case US_HEADING:
		return A_BOLD;
	case US_CLIENT:
		return ui_draw_color ? COLOR_PAIR(2) : 0;
	case US_DIM:
		return ui_draw_color ? A_DIM : 0;
	default:
		return A_NORMAL;
	}
}

/* Line breaks of multi-line text as U+21B5 on one screen line. */
static char *
ui_draw_breaks(const char *s)
{
	struct strbuf sb = STRBUF_INIT;

	for (; *s != '\0'; s++) {
		if (*s == '\n')
			strbuf_puts(&sb, "\u21b5");
		else
			strbuf_putc(&sb, *s);
	}
	return strbuf_take(&sb);
}

/* Sanitised text in the terminal's charset (malloc'd). */
static char *
ui_draw_prepare(const char *utf8)
{
	char *breaks = strchr(utf8 != NULL ? utf8 : "", '\n') != NULL ? ui_draw_breaks(utf8) : NULL;
	char *clean = utf8_sanitize(breaks != NULL ? breaks : utf8 != NULL ? utf8 : "");
	char *out;

	free(breaks);

	if (ui_draw_is_utf8)
		return clean;
	out = i18n_conv_out(ui_draw_cv, clean);
	free(clean);
	return out;
}

/* Width and fit in the terminal's charset: single-byte charsets are 1 column a byte. */
static size_t
ui_draw_fit(const char *s, int cols, int *used)
{
	size_t n;

	if (ui_draw_is_utf8)
		return utf8_fit(s, cols, used);
	n = strlen(s);
	if (n > (size_t)cols)
		n = (size_t)cols;
	*used = (int)n;
	return n;
}

int
ui_draw_width(const char *utf8)
{
	char *s = ui_draw_prepare(utf8);
	int w = ui_draw_is_utf8 ? utf8_width(s) : (int)strlen(s);

	free(s);
	return w;
}

/* Text at y,x within cols; cut text ends with an ellipsis when marked. */
static int
ui_draw_put(int y, int x, int cols, const char *utf8, enum ui_style st, bool mark)
{
	const char *ell = ui_draw_is_utf8 ? "\u2026" : "...";
	int ellw = ui_draw_is_utf8 ? 1 : 3, used = 0, whole;
	char *s;
	size_t n;

	if (cols <= 0)
		return 0;
	s = ui_draw_prepare(utf8);
	whole = ui_draw_is_utf8 ? utf8_width(s) : (int)strlen(s);
	mark = mark && whole > cols && cols > ellw;
	n = ui_draw_fit(s, mark ? cols - ellw : cols, &used);
	attrset(ui_draw_attr(st));
	mvaddnstr(y, x, s, (int)n);
	if (mark) {
		addstr(ell);
		used += ellw;
	}
	attrset(A_NORMAL);
	free(s);
	return used;
}

int
ui_draw_text(int y, int x, int cols, const char *utf8, enum ui_style st)
{
	return ui_draw_put(y, x, cols, utf8, st, true);
}

int
ui_draw_clip(int y, int x, int cols, const char *utf8, enum ui_style st)
{
	return ui_draw_put(y, x, cols, utf8, st, false);
}

void
ui_draw_cells(int y, int x, int cols, const char *text, const int *widths, enum ui_style st)
{
	const char *p = text, *tab;
	size_t i = 0;
	int w;

	while (cols > 0) {
		tab = strchr(p, '\t');
		w = tab != NULL && widths[i] > 0 ? widths[i] : cols;
		if (w > cols)
			w = cols;
		{
			char *cell = tab != NULL ? xstrndup(p, (size_t)(tab - p)) : xstrdup(p);

			ui_draw_text(y, x, w, cell, st);
			free(cell);
		}
		if (tab == NULL || widths[i] == 0)
			break;
		x += w + 1;
		cols -= w + 1;
		p = tab + 1;
		i++;
	}
}

void
ui_draw_fill(int y, int x, int cols, enum ui_style st)
{
	if (cols <= 0)
		return;
	attrset(ui_draw_attr(st));
	mvhline(y, x, ' ', cols);
	attrset(A_NORMAL);
}

/* Length in bytes of the next line of at most cols columns, breaking at a blank. */
static size_t
ui_draw_line_len(const char *s, int cols, size_t *skip)
{
	size_t fit, brk;
	int used;

	fit = utf8_fit(s, cols, &used);
	*skip = 0;
	if (s[fit] == '\0')
		return fit;
	for (brk = fit; brk > 0 && s[brk] != ' '; brk--)
		;
	if (brk == 0)
		return fit > 0 ? fit : utf8_decode(s, strlen(s), &(uint32_t){ 0 });
	*skip = 1;
	return brk;
}

/* Wraps text to cols and draws (when draw) its lines from line first on,
 * at most rows of them (rows <= 0: all); returns the lines it went through
 * (from first on). */
static int
ui_draw_wrap_from(int y, int x, int cols, int first, int rows, const char *utf8,
    enum ui_style st, bool draw)
{
	char *clean = utf8_sanitize(utf8 != NULL ? utf8 : "");
	const char *p = clean;
	size_t len, skip;
	int n = 0;

	while (*p != '\0' && (rows <= 0 || n - first < rows) && cols > 0) {
		len = ui_draw_line_len(p, cols, &skip);
		if (draw && n >= first) {
			char *line = xstrndup(p, len);

			ui_draw_text(y + n - first, x, cols, line, st);
			free(line);
		}
		n++;
		p += len + skip;
	}
	free(clean);
	return n > first ? n - first : 0;
}

static int
ui_draw_wrap(int y, int x, int cols, int rows, const char *utf8, enum ui_style st,
    bool draw)
{
	return ui_draw_wrap_from(y, x, cols, 0, rows, utf8, st, draw);
}

int
ui_draw_wrapped_from(int y, int x, int cols, int first, int rows, const char *utf8,
    enum ui_style st)
{
	return ui_draw_wrap_from(y, x, cols, first, rows, utf8, st, true);
}

int
ui_draw_wrapped(int y, int x, int cols, int rows, const char *utf8, enum ui_style st)
{
	return ui_draw_wrap(y, x, cols, rows, utf8, st, true);
}

int
ui_draw_wrapped_lines(int cols, const char *utf8)
{
	int n = ui_draw_wrap(0, 0, cols, 0, utf8, US_NORMAL, false);

	return n > 0 ? n : 1;
}

void
ui_draw_cursor(int y, int x)
{
	ui_draw_cy = y;
	ui_draw_cx = x;
}

/* The cursor is shown only where text is typed; curs_set() only on a change,
 * since each call costs bytes on the wire. */
void
ui_draw_place_cursor(void)
{
	static int shown = -1;
	int want = ui_draw_cy >= 0;

	if (want != shown)
		curs_set(want);
	shown = want;
	if (want)
		move(ui_draw_cy, ui_draw_cx);
	else
		leaveok(stdscr, TRUE);
	if (want)
		leaveok(stdscr, FALSE);
	ui_draw_cy = ui_draw_cx = -1;
}

void
ui_draw_title(struct ui_app *app, struct ui_screen *s)
{
	char right[64], *t;
	int w;

	while (s != NULL && s->ops->overlay && s->below != NULL)
		s = s->below;	/* a dialog keeps the title of what it covers */
	t = s == NULL ? xstrdup("") : ui_title_text(s);

	ui_draw_fill(0, 0, app->cols, US_TITLE);
	w = ui_draw_text(0, 1, app->cols - 2, "avrr", US_TITLE);
	if (i18n_client_code() != NULL)
		snprintf(right, sizeof right, "%s%s %s>%s", app->interp ? "[I] " : "",
		    app->user != NULL ? app->user : "", i18n_staff_code(), i18n_client_code());
	else
		snprintf(right, sizeof right, "%s %s", app->user != NULL ? app->user : "",
		    i18n_staff_code());
	ui_draw_text(0, 1 + w, app->cols - 2 - w - ui_draw_width(right) - 1,
	    t[0] != '\0' ? " | " : "", US_TITLE);
	ui_draw_text(0, 4 + w, app->cols - 6 - w - ui_draw_width(right) - 1, t, US_TITLE);
	ui_draw_text(0, app->cols - 1 - ui_draw_width(right), ui_draw_width(right), right,
	    US_TITLE);
	free(t);
}

/* The rows a message may take above the key bar (a longer one is cut). */
#define UI_DRAW_MSG_ROWS	3

void
ui_draw_message(struct ui_app *app)
{
	enum ui_style st = app->msg_error ? US_ERROR : US_NORMAL;
	int n, i;

	if (app->msg == NULL)
		return;
	n = ui_draw_wrapped_lines(app->cols, app->msg);
	n = n < 1 ? 1 : n > UI_DRAW_MSG_ROWS ? UI_DRAW_MSG_ROWS : n;
	for (i = 0; i < n; i++)	/* over the body's last rows when it needs them */
		ui_draw_fill(app->rows - 1 - n + i, 0, app->cols, st);
	ui_draw_wrapped(app->rows - 1 - n, 0, app->cols, n, app->msg, st);
}

const char *
ui_draw_key_label(const struct ui_screen *s, enum ui_action a)
{
	const char *label = NULL;

	if (s != NULL && s->bar_label != NULL)
		label = s->bar_label(a);
	if (label == NULL && s != NULL && s->ops->bar_label != NULL)
		label = s->ops->bar_label(a);
	return _(label != NULL ? label : ui_keys_label(a));
}

/* The key names of a: "F2/^O", or with short only "F2" (the Ctrl name when
 * it has no function key). */
static void
ui_draw_bar_keys(enum ui_action a, bool short_names, char *buf, size_t len)
{
	const char *f = ui_keys_fname(a), *c = ui_keys_cname(a);

	if (short_names && f != NULL)
		c = NULL;
	snprintf(buf, len, "%s%s%s", f != NULL ? f : "", f != NULL && c != NULL ? "/" : "",
	    c != NULL ? c : "");
}

/* The columns the bar takes with these names. */
static int
ui_draw_bar_width(const struct ui_app *app, const enum ui_action *bar, bool short_names)
{
	char keys[24];
	int w = 0;

	for (; bar != NULL && *bar != UA_NONE; bar++) {
		ui_draw_bar_keys(*bar, short_names, keys, sizeof keys);
		w += ui_draw_width(keys) + 1 + ui_draw_width(ui_draw_key_label(app->top, *bar)) +
		    (bar[1] != UA_NONE ? 2 : 0);
	}
	return w;
}

/* "F2/^O Save": key names reversed, the label plain; only the function keys'
 * names when all of it does not fit, and then what fits. */
void
ui_draw_keybar(struct ui_app *app, const enum ui_action *bar)
{
	bool short_names = ui_draw_bar_width(app, bar, false) > app->cols;
	const char *label;
	int x = 0, y = app->rows - 1, w;
	char keys[24];

	for (; bar != NULL && *bar != UA_NONE; bar++) {
		ui_draw_bar_keys(*bar, short_names, keys, sizeof keys);
		label = ui_draw_key_label(app->top, *bar);
		w = ui_draw_width(keys) + 1 + ui_draw_width(label);
		if (x + w > app->cols)
			continue;	/* a later, shorter one may still fit */
		x += ui_draw_text(y, x, app->cols - x, keys, US_KEY);
		x += ui_draw_text(y, x + 1, app->cols - x - 1, label, US_NORMAL) + 2;
	}
}

void
ui_draw_too_small(int rows, int cols, int need_rows, int need_cols)
{
	char *m = xasprintf(_("Window too small: %dx%d. avrr needs at least %dx%d."),
	    cols, rows, need_cols, need_rows);

	ui_draw_wrapped(0, 0, cols, rows, m, US_ERROR);
	free(m);
}
