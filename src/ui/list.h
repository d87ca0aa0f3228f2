/*
 * ui/list: the one engine of the list screens (home, records of a form, find
 * a case, languages, pickers, a save conflict, the help): a cursor over lines
 * that a screen supplies through callbacks.
 *
 * Contract: the engine reads the lines only in ui_list_load(), which a screen
 * calls from its shown callback (on top again, or app->gen moved) or its idle
 * one, never from draw. A load that fails keeps the lines it could make (a
 * menu, "New") and the data layer's one-line message: the message is put in
 * the message line at once and drawn in the body below those lines until a
 * load succeeds, so a failure never looks like an empty list. Lines are drawn
 * translated at draw time from what the screen keeps (msgids and data).
 *
 * A screen may draw its lines itself (draw: several columns and styles), say
 * how many rows the heading above a line takes (above: the cursor's line
 * then always stays on screen however many headings stand before it), and
 * make a list for reading (reading: no cursor is drawn, the moving keys
 * scroll it a line at a time and it never scrolls past its last page).
 */
#ifndef UI_LIST_H
#define UI_LIST_H

#include <stdbool.h>
#include <stddef.h>

#include "ui/app.h"

struct ui_list;

struct ui_list_ops {
	/* Reads what the list shows into *n lines (0 on entry); false with *err
	 * (malloc'd, may stay NULL) when the data layer failed. */
	bool	(*load)(struct ui_list *, struct ui_app *, size_t *n, char **err);
	/* Line k as tab-separated cells (malloc'd); *widths as for
	 * ui_draw_cells(), left NULL for a single cell. */
	char	*(*line)(struct ui_list *, struct ui_app *, size_t k, const int **widths);
	/* Draws what stands above line k at row y; returns the rows it took
	 * (0 for none). May be NULL. */
	int	(*heading)(struct ui_list *, struct ui_app *, size_t k, int y);
	/* Draws line k at row y itself (cur: it has the cursor); NULL: the
	 * engine draws what line gives. */
	void	(*draw)(struct ui_list *, struct ui_app *, size_t k, int y, bool cur);
	/* The rows heading(k) takes, without drawing it; may be NULL (then
	 * reserve rows are kept free for headings). */
	int	(*above)(struct ui_list *, struct ui_app *, size_t k);
	/* Enter on line k; may be NULL (the screen takes Enter itself). */
	void	(*open)(struct ui_list *, struct ui_screen *, struct ui_app *, size_t k);
	/* Another key on line k; true when handled. May be NULL. */
	bool	(*act)(struct ui_list *, struct ui_screen *, struct ui_app *, size_t k,
		    enum ui_action);
};

/* A list of lines with a cursor; ops and data are set by the screen. */
struct ui_list {
	size_t				 n;
	size_t				 cur;
	size_t				 top;
	const struct ui_list_ops	*ops;
	void				*data;	/* the screen's own state */
	char				*err;	/* the last load's failure, or NULL */
	int				 reserve; /* rows headings may take, kept free when scrolling */
	bool				 reading; /* no cursor: cur is the top line */
};

/* Reads the lines again (the cursor stays where it can); false on failure. */
bool	ui_list_load(struct ui_list *, struct ui_app *);
/* Draws the lines (or the failure) in rows rows from row top. */
void	ui_list_draw(struct ui_list *, struct ui_app *, int top, int rows);
/* Moving keys, Enter and the screen's act; true when the key was used.
 * page is how many lines PgUp and PgDn move. */
bool	ui_list_key(struct ui_list *, struct ui_screen *, struct ui_app *, enum ui_action,
	    int page);
void	ui_list_free(struct ui_list *);

/* For a screen that is one list: its lines in the body under a blank row, or
 * empty (a msgid, dimmed) when there are none and nothing failed. */
void	ui_list_draw_body(struct ui_list *, struct ui_app *, const char *empty);
/* Its keys: the moving keys, Enter and act; Esc closes it; the tick is
 * taken. False for what it leaves to the global actions. */
bool	ui_list_screen_key(struct ui_list *, struct ui_screen *, struct ui_app *, int key,
	    enum ui_action);

/* Moves the cursor for an action; true when the action was a move. */
bool	ui_list_move(struct ui_list *, enum ui_action, int page);
/* Keeps the cursor visible in rows lines. */
void	ui_list_scroll(struct ui_list *, int rows);

#endif
