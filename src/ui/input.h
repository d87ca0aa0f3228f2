/*
 * ui/input: keys from the terminal, decoded by the program itself.
 *
 * Contract: bytes are read with getch (never get_wch: one bad byte would
 * swallow the keys after it), or in blocks of what has already arrived while
 * curses holds no byte read ahead (a paste then costs a few system calls, not
 * two a byte; key sequences are matched with the same table, key_defined), in
 * the order they came, and decoded from the terminal's
 * charset (UTF-8, or a single-byte charset such as ISO-8859-2 or ASCII) into
 * Unicode code points. An invalid byte is dropped alone; the next key still
 * arrives. Returns a key (see ui/keys.h), UI_KEY_TICK after a second without
 * one, or UI_KEY_HUP once *hup is set or the terminal is gone. Sets the
 * terminal's read timeout (ui_input_init).
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
/* A key that has already arrived, without waiting: UI_KEY_NONE when there is
 * none (the caller then draws; see ui/app). */
int	ui_input_key_ready(volatile sig_atomic_t *hup);

#endif
