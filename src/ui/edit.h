/*
 * ui/edit: a one-line UTF-8 text editor for a field.
 *
 * Contract: the text is always valid UTF-8 and the cursor always sits on a
 * character boundary; combining marks move and delete together with their
 * base character; a length limit (code points, 0 = none) refuses characters
 * past it and cuts a longer text given to ui_edit_set(). A character typed at
 * the end costs O(1) and a redraw is linear in the text, so a paste of any
 * size stays fast. Drawing scrolls horizontally so the cursor
 * stays visible in a narrow field; a wide character is never cut in half.
 */
#ifndef UI_EDIT_H
#define UI_EDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ui/draw.h"

struct ui_edit {
	char	*text;		/* owned, NUL-terminated */
	size_t	 len;
	size_t	 cap;
	size_t	 chars;		/* code points in text: the limit is checked in O(1) */
	size_t	 cur;		/* byte offset of the cursor */
	size_t	 scroll;	/* byte offset of the first shown character */
	int	 limit;		/* code points, 0 = none */
};

void	ui_edit_set(struct ui_edit *, const char *text, int limit);
void	ui_edit_free(struct ui_edit *);
/* false when the limit refused it. */
bool	ui_edit_insert(struct ui_edit *, uint32_t cp);
void	ui_edit_backspace(struct ui_edit *);
void	ui_edit_delete(struct ui_edit *);
void	ui_edit_left(struct ui_edit *);
void	ui_edit_right(struct ui_edit *);
void	ui_edit_home(struct ui_edit *);
void	ui_edit_end(struct ui_edit *);
void	ui_edit_clear(struct ui_edit *);
/* Draws within cols at y,x and puts the terminal cursor on the cursor. */
void	ui_edit_draw(struct ui_edit *, int y, int x, int cols, enum ui_style);

#endif
