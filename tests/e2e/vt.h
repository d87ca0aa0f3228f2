/*
 * e2e/vt: runs a program in a pseudo-terminal and reads its screen through
 * libvterm, for end-to-end tests written with cmocka.
 *
 * Contract:
 * - vt_spawn() starts argv in a pty of rows x cols with a clean environment:
 *   the "K=V" strings of env, then TERM=xterm-256color, ESCDELAY=25 and
 *   LANG=C.UTF-8 unless env sets them, then PATH, AVRR_FORMS, AVRR_LOCALE,
 *   AVRR_DB and the sanitizer options copied from the test's environment when
 *   set there and not in env. argv[0] "avrr" means $AVRR_BIN (default
 *   build/test/avrr). The child is a session leader; its process group is
 *   the pty's foreground group.
 * - Output is read only while the harness waits (vt_wait_*, vt_pump, typing
 *   and vt_free); terminal replies (cursor reports, device attributes) go
 *   back to the program as a real terminal would send them.
 * - Strings returned by vt_row() and vt_screen() belong to the vt and stay
 *   valid until vt_free(), so a failed assert leaks nothing.
 * - vt_free() kills what is still running (SIGTERM to the process group,
 *   SIGKILL after ~300 ms), reaps it and frees everything; it is safe in a
 *   cmocka teardown after a failed assert and accepts NULL.
 * - Rows and columns count from 0. Timeouts are milliseconds.
 */
#ifndef E2E_VT_H
#define E2E_VT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>
#include <cmocka.h>

struct vt;

struct vt_options {
	bool	 no_utf8;	/* the terminal decodes bytes as Latin-1 */
	const char *term;	/* TERM when env does not set it */
};

enum vt_key {
	VT_ENTER, VT_TAB, VT_BACKTAB, VT_ESC, VT_BACKSPACE,
	VT_UP, VT_DOWN, VT_LEFT, VT_RIGHT, VT_HOME, VT_END,
	VT_PAGEUP, VT_PAGEDOWN, VT_INSERT, VT_DELETE,
	VT_F1, VT_F2, VT_F3, VT_F4, VT_F5, VT_F6, VT_F7, VT_F8, VT_F9, VT_F10
};

/* Cell attributes for vt_cell_attr(), combined with |. */
enum vt_attr {
	VT_BOLD = 1, VT_UNDERLINE = 2, VT_REVERSE = 4, VT_ITALIC = 8
};

struct vt *vt_spawn(const char *const argv[], const char *const env[],
    int rows, int cols);
/* opts may be NULL (the defaults of vt_spawn). */
struct vt *vt_spawn_ex(const char *const argv[], const char *const env[],
    int rows, int cols, const struct vt_options *opts);
void	 vt_free(struct vt *);
pid_t	 vt_pid(const struct vt *);

/* Reads output until utf8 is on the screen (on row `row`); false at the
 * deadline or as soon as the program closed the terminal without it. */
bool	 vt_wait_text(struct vt *, const char *utf8, int timeout_ms);
bool	 vt_wait_row_text(struct vt *, int row, const char *utf8,
	    int timeout_ms);
/* Reads output until the cursor is at row, col (curses puts it there last). */
bool	 vt_wait_cursor(struct vt *, int row, int col, int timeout_ms);
/* Reads whatever arrives for ms milliseconds. Only for measuring; to
 * assert, wait for the exact text instead. */
void	 vt_pump(struct vt *, int ms);

/* Keys are what an xterm sends, in the cursor-key mode the program set. */
void	 vt_type(struct vt *, const char *bytes);
/* A paste: len bytes written as fast as the program takes them; returns how
 * many went before the deadline or the program's end. */
size_t	 vt_paste(struct vt *, const char *bytes, size_t len, int timeout_ms);
void	 vt_key(struct vt *, enum vt_key);
void	 vt_ctrl(struct vt *, char letter);	/* vt_ctrl(vt, 'x') sends ^X */
void	 vt_alt(struct vt *, char c);		/* ESC c */

/* UTF-8 text of a row, trailing blanks trimmed; "" outside the screen. */
const char *vt_row(struct vt *, int row);
/* All rows joined by '\n'. */
const char *vt_screen(struct vt *);
/* True when the cell has every attribute in mask (enum vt_attr). */
bool	 vt_cell_attr(struct vt *, int row, int col, unsigned mask);
void	 vt_cursor(struct vt *, int *row, int *col);
void	 vt_resize(struct vt *, int rows, int cols);
void	 vt_size(const struct vt *, int *rows, int *cols);

/* Bytes the program wrote since the spawn or the last vt_bytes_reset(). */
size_t	 vt_bytes(const struct vt *);
void	 vt_bytes_reset(struct vt *);
/* Lines that scrolled off the top of the main screen since the spawn, each
 * ended by '\n' (what a terminal's scrollback would keep). */
const char *vt_scrollback(struct vt *);
/* Every byte received since the spawn (not cleared by vt_bytes_reset). */
const char *vt_raw_output(const struct vt *, size_t *len);

/* Sends sig to the program (not its process group); -1 once reaped. */
int	 vt_signal(struct vt *, int sig);
/* Exit code, 128 + signal number when killed, -1 at the deadline. */
int	 vt_wait_exit(struct vt *, int timeout_ms);

/* The screen in a frame, with cursor, byte count and process state. */
void	 vt_dump(struct vt *, FILE *);

/* Fail the cmocka test, with the screen on stderr, unless the text shows. */
#define VT_ASSERT_TEXT(vt, text, ms) do { \
	if (!vt_wait_text((vt), (text), (ms))) { \
		vt_dump((vt), stderr); \
		fail_msg("screen did not show \"%s\" within %d ms", \
		    (text), (ms)); \
	} \
} while (0)

#define VT_ASSERT_ROW(vt, row, text, ms) do { \
	if (!vt_wait_row_text((vt), (row), (text), (ms))) { \
		vt_dump((vt), stderr); \
		fail_msg("row %d did not show \"%s\" within %d ms", \
		    (row), (text), (ms)); \
	} \
} while (0)

#define VT_ASSERT_EXIT(vt, code, ms) do { \
	int vt_assert_rc_ = vt_wait_exit((vt), (ms)); \
	if (vt_assert_rc_ != (code)) { \
		vt_dump((vt), stderr); \
		fail_msg("exit status %d, expected %d", vt_assert_rc_, \
		    (code)); \
	} \
} while (0)

#endif
