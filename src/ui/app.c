#include "ui/app.h"

#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/curs.h"
#include "ui/draw.h"
#include "ui/input.h"
#include "ui/lock.h"
#include "util/mem.h"
#include "util/str.h"
#include "util/tr.h"

#define UI_MIN_COLS	60
#define UI_MIN_ROWS	16

static volatile sig_atomic_t ui_app_hup;
static bool ui_app_curses_on;

/* A terminfo string capability, NULL when the terminal lacks it. */
static const char *
ui_app_cap(const char *name)
{
	const char *s = tigetstr(name);

	return s == NULL || s == (char *)-1 || *s == '\0' ? NULL : s;
}

/* Without an alternate screen the last frame would stay in the terminal. */
static void
ui_app_wipe(void)
{
	const char *e3 = ui_app_cap("E3");

	if (ui_app_cap("smcup") != NULL)
		return;
	clear();
	refresh();
	if (e3 != NULL)
		putp(e3);
}

static void
ui_app_restore(void)
{
	if (ui_app_curses_on) {
		ui_app_curses_on = false;
		ui_app_wipe();
		endwin();
	}
}

static void
ui_app_on_hup(int sig)
{
	(void)sig;
	ui_app_hup = 1;
}

/* Crash path: give the terminal back, then die of the same signal. */
static void
ui_app_on_crash(int sig)
{
	ui_app_restore();
	signal(sig, SIG_DFL);
	raise(sig);
}

static void
ui_app_signals(void)
{
	static const int crash[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT };
	struct sigaction sa;
	size_t i;

	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = ui_app_on_hup;	/* no SA_RESTART: a blocked read returns */
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	sa.sa_handler = ui_app_on_crash;
	sa.sa_flags = SA_RESETHAND;
	for (i = 0; i < sizeof crash / sizeof crash[0]; i++)
		sigaction(crash[i], &sa, NULL);
}

static void
ui_app_start_curses(void)
{
	set_escdelay(25);
	if (initscr() == NULL)
		util_die("cannot start the terminal (TERM=%s)", getenv("TERM"));
	ui_app_curses_on = true;
	util_set_die_hook(ui_app_restore);
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	meta(stdscr, TRUE);
	intrflush(stdscr, FALSE);
	ui_draw_init();
}

void
ui_push(struct ui_app *app, const struct ui_screen_ops *ops, void *data, const char *title_id)
{
	struct ui_screen *s = xcalloc(1, sizeof *s);

	s->ops = ops;
	s->data = data;
	ui_title_add(s, title_id, NULL);
	s->unshown = true;
	s->below = app->top;
	app->top = s;
}

void
ui_close(struct ui_app *app, struct ui_screen *s)
{
	(void)app;
	s->closing = true;
}

void
ui_title_clear(struct ui_screen *s)
{
	size_t k;

	for (k = 0; k < s->title.n; k++)
		free(s->title.data[k]);
	memset(&s->title, 0, sizeof s->title);
}

void
ui_title_add(struct ui_screen *s, const char *msgid, const char *data)
{
	if (s->title.n >= UI_TITLE_PARTS)
		util_die("ui_title_add: more than %d parts", UI_TITLE_PARTS);
	s->title.id[s->title.n] = msgid;
	s->title.data[s->title.n++] = xstrdup0(data);
}

char *
ui_title_text(const struct ui_screen *s)
{
	char *t = xstrdup(""), *u;
	size_t k;

	for (k = 0; k < s->title.n; k++) {
		u = xasprintf("%s%s%s", t, s->title.id[k] != NULL ? _(s->title.id[k]) : "",
		    s->title.data[k] != NULL ? s->title.data[k] : "");
		free(t);
		t = u;
	}
	return t;
}

void
ui_message(struct ui_app *app, bool error, const char *fmt, ...)
{
	va_list ap;

	free(app->msg);
	app->msg = NULL;
	if (fmt == NULL)
		return;
	va_start(ap, fmt);
	app->msg = xvasprintf(fmt, ap);
	va_end(ap);
	app->msg_error = error;
}

void
ui_message_err(struct ui_app *app, char *err, const char *fallback)
{
	ui_message(app, true, "%s", err != NULL ? err : _(fallback));
	free(err);
}

int
ui_body_top(void)
{
	return 1;
}

int
ui_body_rows(const struct ui_app *app)
{
	return app->rows - 3;	/* title, message line, key bar */
}

static void
ui_app_free_screen(struct ui_screen *s)
{
	if (s->ops->free != NULL)
		s->ops->free(s);
	ui_title_clear(s);
	free(s);
}

/* Pops every screen marked closing; what is then on top is shown again. */
static void
ui_app_pop_closed(struct ui_app *app)
{
	struct ui_screen **pp = &app->top, *s;

	while ((s = *pp) != NULL) {
		if (!s->closing) {
			pp = &s->below;
			continue;
		}
		*pp = s->below;
		ui_app_free_screen(s);
		if (app->top != NULL)
			app->top->unshown = true;
	}
}

static void
ui_app_show_one(struct ui_app *app, struct ui_screen *s)
{
	if (!s->unshown && s->gen == app->gen)
		return;
	s->unshown = false;
	s->gen = app->gen;
	if (s->ops->shown != NULL)
		s->ops->shown(s, app);
}

/* The top screen (and what a dialog covers, drawn with it) re-reads what it
 * shows when it is new, uncovered, or something was written since. */
static void
ui_app_show(struct ui_app *app)
{
	struct ui_screen *top = app->top;

	getmaxyx(stdscr, app->rows, app->cols);	/* what is read may fill the window */
	if (top == NULL)
		return;
	if (top->ops->overlay && top->below != NULL)
		ui_app_show_one(app, top->below);
	ui_app_show_one(app, top);
}

/* Draws the stack into curses' buffer (refresh() sends it). */
static void
ui_app_paint(struct ui_app *app)
{
	getmaxyx(stdscr, app->rows, app->cols);
	if (ui_lock_on(app)) {
		ui_lock_draw(app);	/* nothing of the screens while locked */
		ui_draw_place_cursor();
		return;
	}
	erase();
	if (app->blank) {
		ui_draw_place_cursor();	/* none set: hidden */
		return;
	}
	if (app->cols < UI_MIN_COLS || app->rows < UI_MIN_ROWS) {
		ui_draw_too_small(app->rows, app->cols, UI_MIN_ROWS, UI_MIN_COLS);
		return;
	}
	ui_draw_title(app, app->top);
	if (app->top != NULL && app->top->ops->overlay && app->top->below != NULL)
		app->top->below->ops->draw(app->top->below, app);
	if (app->top != NULL)
		app->top->ops->draw(app->top, app);
	ui_draw_message(app);
	ui_draw_keybar(app, app->top == NULL ? NULL : app->top->bar != NULL ? app->top->bar :
	    app->top->ops->bar);
	ui_draw_place_cursor();
}

static void
ui_app_draw(struct ui_app *app)
{
	ui_app_paint(app);
	refresh();
}

/* Every screen keeps what it holds (drafts), top first. */
static void
ui_app_keep_all(struct ui_app *app)
{
	struct ui_screen *s;

	for (s = app->top; s != NULL; s = s->below)
		if (s->ops->keep != NULL)
			s->ops->keep(s, app);
}

static void
ui_app_key(struct ui_app *app, int key)
{
	enum ui_action a = ui_keys_action(key);

	if (ui_lock_key(app, key))
		return;		/* locked: the prompt had it */
	if (app->blank || a == UA_BLANK) {
		if (key >= 0)	/* a key, not a tick: blank, or back (and no more) */
			app->blank = !app->blank;
		return;
	}
	if (a == UA_REDRAW) {
		clearok(curscr, TRUE);
		return;
	}
	if (app->cols < UI_MIN_COLS || app->rows < UI_MIN_ROWS) {
		if (a == UA_QUIT)
			app->quit = true;
		return;
	}
	if (key >= 0)
		ui_message(app, false, NULL);	/* a message lasts until the next key */
	if (app->top != NULL && !app->top->ops->key(app->top, app, key, a))
		ui_global_action(app, a);
	ui_app_pop_closed(app);
	if (app->top == NULL)
		app->quit = true;
}

/* Every screen's work put off while keys came, top first, after what is on
 * top is shown. */
static void
ui_app_idle(struct ui_app *app)
{
	struct ui_screen *s;

	ui_app_show(app);
	for (s = app->top; s != NULL; s = s->below)
		if (s->ops->idle != NULL)
			s->ops->idle(s, app);
}

/*
 * Handles the key and every one that has arrived behind it; false on
 * UI_KEY_HUP. A typed character goes straight to the screen; before any other
 * key the stack catches up and is painted (into curses' buffer: nothing is
 * sent), so that key acts on what the screen would show, as when every key
 * was drawn.
 */
static bool
ui_app_keys(struct ui_app *app, int key, bool drawn)
{
	while (!app->quit) {
		if (key == UI_KEY_HUP)
			return false;
		if (key != UI_KEY(KEY_RESIZE) && ui_keys_action(key) != UA_NONE && !drawn) {
			ui_app_idle(app);
			ui_app_paint(app);
		}
		if (key != UI_KEY(KEY_RESIZE))
			ui_app_key(app, key);
		drawn = false;
		key = ui_input_key_ready(&ui_app_hup);
		if (key == UI_KEY_NONE)
			break;
	}
	return true;
}

int
ui_app_run(struct ui_app *app)
{
	int key;

	ui_app_signals();
	ui_app_start_curses();
	ui_input_init();
	while (!app->quit) {
		ui_app_idle(app);
		ui_app_draw(app);
		key = ui_input_key(&ui_app_hup);
		if (key == UI_KEY_NONE)
			continue;
		if (!ui_app_keys(app, key, true))
			break;
	}
	ui_app_keep_all(app);
	while (app->top != NULL) {
		app->top->closing = true;
		ui_app_pop_closed(app);
	}
	ui_message(app, false, NULL);
	ui_app_restore();
	ui_draw_shutdown();
	util_set_die_hook(NULL);
	return 0;
}
