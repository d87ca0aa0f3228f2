/*
 * ui/app: the interactive program: terminal set-up, the screen stack and the
 * main loop.
 *
 * Contract: ui_app_run() owns the terminal from start to end. It sets raw
 * mode (every control key arrives; ^S/^Q are not flow control), a 25 ms
 * ESCDELAY, and restores the terminal on every way out: normal exit, util_die(),
 * and crash signals. SIGHUP and SIGTERM are turned into UI_KEY_HUP for the
 * screens (each saves its draft) and the program then exits cleanly. Screens are
 * a stack; each is a const struct of callbacks plus its own state. Before a
 * frame is drawn (and before any key but a typed character acts) the top
 * screen's shown callback runs when it is new, uncovered or app->gen moved,
 * then every screen's idle; draw only draws. The stack is
 * redrawn as a whole into the curses screen and curses sends only changed cells,
 * once every key that has arrived is handled: a paste of a million characters
 * is one redraw, not a million.
 *
 * Privacy: UA_BLANK (on every screen, dialogs included) blanks the whole
 * terminal at once; the next key only brings the screen back (it does
 * nothing else, so nothing typed is lost or done blind). On a terminal with
 * an alternate screen (terminfo smcup) curses uses it, and what the program
 * showed is gone after it exits; on one without (vt100, vt220, linux, ansi)
 * the screen is cleared on every way out, and the scrollback too where
 * terminfo has E3.
 */
#ifndef UI_APP_H
#define UI_APP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db/db.h"
#include "db/expr.h"
#include "form/form.h"
#include "ui/keys.h"

struct ui_app;
struct ui_screen;
struct ui_lock;

struct ui_screen_ops {
	const char	*name;
	/* Draws the body between the title line and the key bar. */
	void		(*draw)(struct ui_screen *, struct ui_app *);
	/* Handles a key (or UI_KEY_TICK); the action is pre-looked up. Returns
	 * false for keys it leaves to the global actions (help, find, call, quit). */
	bool		(*key)(struct ui_screen *, struct ui_app *, int key, enum ui_action);
	/* The keys stopped coming (all input read, the screen about to be
	 * drawn): work put off while keys arrive; may be NULL. */
	void		(*idle)(struct ui_screen *, struct ui_app *);
	/* Saves what would be lost (SIGHUP, quit); may be NULL. */
	void		(*keep)(struct ui_screen *, struct ui_app *);
	void		(*free)(struct ui_screen *);
	/* Actions shown in the key bar, UA_NONE-terminated. */
	const enum ui_action *bar;
	/* msgid of what an action does on this screen, for its key bar; NULL
	 * (or a NULL answer) keeps the key table's label. */
	const char	*(*bar_label)(enum ui_action);
	/* The screen is on top again (pushed, or what covered it closed, or a
	 * write bumped app->gen): it re-reads what it shows here, never in draw;
	 * may be NULL. */
	void		(*shown)(struct ui_screen *, struct ui_app *);
	/* Drawn over the screen below it (dialogs). */
	bool		 overlay;
};

/* A title: msgids translated when drawn, each followed by data drawn as is
 * ("Registration" + " - 2026-0001 Novák"), so a language switch repaints it. */
#define UI_TITLE_PARTS 4
struct ui_title {
	const char	*id[UI_TITLE_PARTS];	/* msgid or NULL */
	char		*data[UI_TITLE_PARTS];	/* malloc'd or NULL */
	size_t		 n;
};

struct ui_screen {
	const struct ui_screen_ops	*ops;
	struct ui_title			 title;
	void				*data;
	struct ui_screen		*below;
	const enum ui_action		*bar;	/* overrides ops->bar when set */
	const char			*(*bar_label)(enum ui_action);	/* and ops->bar_label */
	bool				 closing;
	bool				 unshown;	/* new or uncovered since its last shown */
	unsigned			 gen;		/* app->gen at its last shown */
};

struct ui_app {
	struct db		*db;
	struct form_set		*forms;
	struct db_expr		*expr;
	struct ui_screen	*top;
	char			*msg;		/* one-line message shown above the key bar */
	bool			 msg_error;
	bool			 quit;
	bool			 interp;	/* interpreter view */
	int			 rows;
	int			 cols;
	const char		*user;
	unsigned		 gen;		/* bumped by every write: lists reload */
	int64_t			 case_id;	/* the case on screen, 0 = none */
	const char		*client_default; /* --client-lang: the language of no case */
	bool			 blank;		/* UA_BLANK: nothing shown until a key */
	struct ui_lock		*lock;		/* login and idle lock (ui/lock); may be NULL */
};

/* Runs until quit; returns the exit status. */
int	ui_app_run(struct ui_app *);

void	ui_push(struct ui_app *, const struct ui_screen_ops *, void *data, const char *title_id);
/* Marks the top screen for closing after this key. */
void	ui_close(struct ui_app *, struct ui_screen *);
void	ui_message(struct ui_app *, bool error, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
/* A data-layer failure as the message: err (the data layer's one line, then
 * freed) or, when it is NULL, the msgid fallback. */
void	ui_message_err(struct ui_app *, char *err, const char *fallback);
/* Empties a screen's title, then adds a part: a msgid (or NULL) followed by
 * data (copied, or NULL); at most UI_TITLE_PARTS parts. */
void	ui_title_clear(struct ui_screen *);
void	ui_title_add(struct ui_screen *, const char *msgid, const char *data);
/* The title in the staff language of the moment (malloc'd). */
char	*ui_title_text(const struct ui_screen *);

/* The actions every screen has (help, find, new case, call, languages, quit). */
bool	ui_global_action(struct ui_app *, enum ui_action);

/* Body area: rows 1 .. ui_body_rows(app) under the title line. */
int	ui_body_top(void);
int	ui_body_rows(const struct ui_app *);

#endif
