/*
 * ui/keyseq: the escape sequences of keys, whatever TERM says.
 *
 * Contract: ui_keyseq_define() teaches curses' key decoder (define_key) the
 * function-key, cursor and editing-key sequences that xterm, VT220, PuTTY,
 * rxvt and the Linux console send, from one table, so that F5 is F5 under
 * TERM=vt100 too. Call it after keypad(TRUE), which loads terminfo's keys:
 * where the two disagree the table wins (it is what terminals really send).
 *
 * What curses still does not know reaches the program as ESC and loose bytes.
 * The scanner below recognises where such a sequence ends, so that it can be
 * consumed whole and ignored: after ESC, feed it byte by byte. It knows CSI
 * (ESC [ params intermediates final, rxvt's '$' ending included), SS3 (ESC O,
 * optional params, one final), the Linux console's ESC [ [ x, and two-byte
 * ESC x (Alt-x). It never reads a byte itself and knows nothing of curses.
 */
#ifndef UI_KEYSEQ_H
#define UI_KEYSEQ_H

#include <stddef.h>

enum ui_keyseq_step {
	UI_KEYSEQ_MORE,		/* the byte belongs to the sequence; more follow */
	UI_KEYSEQ_DONE,		/* the byte ended the sequence */
	UI_KEYSEQ_NOT		/* the byte is no part of it: the sequence ended before it */
};

struct ui_keyseq {
	int	 state;
	size_t	 len;		/* bytes taken after ESC */
};

/* Adds the table to curses; returns how many sequences curses refused. */
int			 ui_keyseq_define(void);

/* Starts scanning; the ESC itself has been read. */
void			 ui_keyseq_start(struct ui_keyseq *);
/* Feeds the next input (a byte, or a curses key code, which never belongs). */
enum ui_keyseq_step	 ui_keyseq_feed(struct ui_keyseq *, int c);

#endif
