/*
 * ui/langpick: choosing the client's language (F7) or one's own, the staff
 * language (F6), each listed by its own name (Slovenčina, Українська,
 * ქართული, ...) with the English name beside it; typing filters the list (by
 * code, English or own name).
 *
 * Contract: Enter makes the language the client (or staff) language at once
 * (every screen repaints in it; nothing typed is lost); Esc keeps the old
 * one. The staff list offers only the languages whose catalog translates at
 * least UI_LANGPICK_MIN_COVER percent of the program's text, with the share
 * shown; the choice is kept as the user's setting for the next start.
 */
#ifndef UI_LANGPICK_H
#define UI_LANGPICK_H

#include "ui/app.h"

#define UI_LANGPICK_MIN_COVER	95

void	ui_langpick_open(struct ui_app *);
void	ui_langpick_staff_open(struct ui_app *);

#endif
