/*
 * ui/langpick: choosing the client's language, each listed by its own name
 * (Slovenčina, Українська, ქართული, ...) with the English name beside it.
 *
 * Contract: Enter makes the language the client language at once (every
 * screen repaints in it; nothing typed is lost); Esc keeps the old one.
 */
#ifndef UI_LANGPICK_H
#define UI_LANGPICK_H

#include "ui/app.h"

void	ui_langpick_open(struct ui_app *);

#endif
