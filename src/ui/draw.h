/*
 * ui/draw: putting text on the terminal, safely and in the terminal's charset.
 *
 * Contract: every string drawn passes utf8_sanitize() (no control character
 * or escape sequence reaches the terminal) and, on a terminal that is not
 * UTF-8, i18n conversion to its charset (transliterated where it cannot be
 * shown). Widths are display columns; text is never drawn past the given
 * width: what does not fit is cut and ends with an ellipsis ("\u2026", or
 * "..." in a charset without it), so a cut never passes for the whole. Attributes are chosen so the screen reads in monochrome;
 * colour is only added when the terminal has it and NO_COLOR is not set.
 */
#ifndef UI_DRAW_H
#define UI_DRAW_H

#include <stdbool.h>

#include "ui/app.h"

enum ui_style {
	US_NORMAL,
	US_LABEL,	/* a question */
	US_FOCUS,	/* the field or row with the cursor */
	US_TITLE,	/* title line */
	US_KEY,		/* key names in the key bar */
	US_ERROR,
	US_DIM,		/* hints, fallback marks */
	US_HEADING,	/* section headings */
	US_CLIENT	/* text in the client's language */
};

struct i18n_conv;

void	ui_draw_init(void);
void	ui_draw_shutdown(void);
/* The conversion for the terminal's charset (made on first use). */
struct i18n_conv *ui_draw_conv(void);

/* Draws text at y,x within cols columns; returns the columns used. */
int	ui_draw_text(int y, int x, int cols, const char *utf8, enum ui_style);
/* The same cut without an ellipsis: for an editor, which scrolls. */
int	ui_draw_clip(int y, int x, int cols, const char *utf8, enum ui_style);
/* Draws tab-separated cells: cell i in widths[i] columns (then one blank),
 * the last cell in what is left; widths ends with 0. Returns nothing. */
void	ui_draw_cells(int y, int x, int cols, const char *text, const int *widths,
	    enum ui_style);
/* Fills cols columns from y,x with blanks in a style. */
void	ui_draw_fill(int y, int x, int cols, enum ui_style);
/* Display width of text as it will be drawn. */
int	ui_draw_width(const char *utf8);
/* Word-wraps text into at most rows lines of cols; returns lines drawn. */
int	ui_draw_wrapped(int y, int x, int cols, int rows, const char *utf8, enum ui_style);
/* The same from wrapped line first on (the lines above it not drawn). */
int	ui_draw_wrapped_from(int y, int x, int cols, int first, int rows, const char *utf8,
	    enum ui_style);
/* Lines the text takes when wrapped to cols. */
int	ui_draw_wrapped_lines(int cols, const char *utf8);

/* Where the terminal cursor should rest after the frame (hidden if never set). */
void	ui_draw_cursor(int y, int x);
void	ui_draw_place_cursor(void);

void	ui_draw_title(struct ui_app *, struct ui_screen *);
/* The message above the key bar, wrapped over as many rows as it needs
 * (up to 3, drawn over the body's last rows). */
void	ui_draw_message(struct ui_app *);
void	ui_draw_keybar(struct ui_app *, const enum ui_action *bar);
/* What action a does on screen s (NULL: none), translated: the screen's own
 * name for it (bar_label), else the key table's. */
const char *ui_draw_key_label(const struct ui_screen *, enum ui_action);
void	ui_draw_too_small(int rows, int cols, int need_rows, int need_cols);

#endif
