/*
 * ui/curs: the one header that includes curses (ncursesw, wide API).
 * Nothing outside src/ui includes it.
 */
#ifndef UI_CURS_H
#define UI_CURS_H

#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <ncursesw/curses.h>

#endif
