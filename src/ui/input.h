/*
 * ui/input: keys from the terminal, decoded by the program itself.
 *
 * Contract: bytes are read one at a time with getch (never get_wch: one bad
 * byte would swallow the keys after it) and decoded from the terminal's
 * charset (UTF-8, or a single-byte charset such as ISO-8859-2 or ASCII) into
 * Unicode code points. An invalid byte is dropped alone; the next key still
 * arrives. Returns a key (see ui/keys.h), UI_KEY_TICK after a second without
 * one, or UI_KEY_HUP once *hup is set or the terminal is gone.
 *
 * Keys: ui_input_init() adds the sequences of common terminals to curses
 * (ui/keyseq), whatever TERM says. An escape sequence still unknown is read
 * whole and dropped, never delivered as Esc and typed characters; Esc alone
 * (nothing after it within ESCDELAY) is the Esc key, as fast as curses gives it.
 * Call ui_input_init() after keypad(TRUE).
 */
#ifndef UI_INPUT_H
#define UI_INPUT_H

#include <signal.h>

void	ui_input_init(void);
int	ui_input_key(volatile sig_atomic_t *hup);

#endif
