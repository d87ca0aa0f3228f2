/*
 * cmd/out: nothing a command prints reaches the terminal raw.
 *
 * Contract: after cmd_out_init() (the first thing main does, before any
 * output) stdout and stderr are streams that pass every line written to them,
 * by any function of the program, through utf8_sanitize() line by line (controls,
 * escape sequences, bidi and zero-width characters and invalid bytes become
 * U+FFFD, see util/utf8) and, when the locale's codeset is not UTF-8, convert
 * it to that codeset (i18n/conv: transliterated, U+FFFD shown as '?'). A line
 * is written when its line feed arrives (a very long one in pieces; CR LF
 * ends a line as LF does, so CSV keeps its line ends); what is
 * left is written at exit. Order within each stream is kept.
 *
 * cmd_out_raw() gives stdout back as the process got it, for the
 * interactive program only: curses writes its terminfo sequences there and
 * draws every text through ui/draw, which sanitises it the same way.
 */
#ifndef CMD_OUT_H
#define CMD_OUT_H

#include <stdio.h>

void	cmd_out_init(void);
/* Writes what f (stdout or stderr) holds after its last line feed at once,
 * sanitised like the rest: a prompt that waits on the same line. */
void	cmd_out_prompt(FILE *f);
void	cmd_out_raw(void);

#endif
