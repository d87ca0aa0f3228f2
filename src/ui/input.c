#include "ui/input.h"

#include <errno.h>
#include <poll.h>
#include <stdbool.h>
#include <string.h>
#include <unistd.h>

#include "i18n/conv.h"
#include "ui/curs.h"
#include "ui/draw.h"
#include "ui/keys.h"
#include "ui/keyseq.h"
#include "util/utf8.h"

#define UI_INPUT_TICK_MS	1000	/* UI_KEY_TICK after this long without a key */
/*
 * getch() reads the terminal one byte per read(): a paste of a million bytes
 * would be two million system calls. So while curses holds no byte it read
 * ahead (UI_INPUT_SETTLED plain bytes in a row from getch: a key sequence that
 * did not match leaves fewer than that in its queue), what has arrived is read
 * here in blocks and taken from this buffer, key sequences matched against
 * the very table curses uses (key_defined). getch is not called again until
 * the buffer is empty, so no byte overtakes another.
 */
#define UI_INPUT_SETTLED	16
#define UI_INPUT_SEQMAX		16	/* longer than any key sequence */

static unsigned char ui_input_buf[4096];
static size_t ui_input_pos, ui_input_end;
static int ui_input_plain;	/* plain bytes in a row from getch */

static uint32_t ui_input_queue[2];
static size_t ui_input_queued;
static bool ui_input_nowait;	/* ui_input_key_ready(): no byte now is no key */
static int ui_input_back = ERR;	/* read after an escape sequence, not part of it */

void
ui_input_init(void)
{
	ui_input_queued = 0;
	ui_input_back = ERR;
	ui_input_pos = ui_input_end = 0;
	ui_input_plain = 0;
	ui_keyseq_define();
	timeout(UI_INPUT_TICK_MS);
}

/* Appends what has arrived (waiting at most ms) to the buffer; false: nothing. */
static bool
ui_input_fill(int ms)
{
	struct pollfd p = { .fd = STDIN_FILENO, .events = POLLIN };
	ssize_t n;

	memmove(ui_input_buf, ui_input_buf + ui_input_pos, ui_input_end - ui_input_pos);
	ui_input_end -= ui_input_pos;
	ui_input_pos = 0;
	if (ui_input_end == sizeof ui_input_buf)
		return false;
	if (poll(&p, 1, ms) <= 0 || !(p.revents & POLLIN))
		return false;
	n = read(STDIN_FILENO, ui_input_buf + ui_input_end, sizeof ui_input_buf - ui_input_end);
	if (n <= 0)
		return false;	/* getch then reports a closed terminal */
	ui_input_end += (size_t)n;
	return true;
}

/* key_defined() of the first n buffered bytes: a key code (also when they
 * go on past the key), 0, or -1 for the beginning of a longer key. */
static int
ui_input_defined(size_t n)
{
	char s[UI_INPUT_SEQMAX + 1];

	memcpy(s, ui_input_buf + ui_input_pos, n);
	s[n] = '\0';
	return key_defined(s);
}

/* The next key from the buffer: a byte, or a curses key code. */
static int
ui_input_take(void)
{
	unsigned char b = ui_input_buf[ui_input_pos];
	size_t n, avail = ui_input_end - ui_input_pos;
	int code;

	if ((b >= 0x20 && b != 0x7f) || b == '\r' || b == '\t') {
		ui_input_pos++;
		return b;	/* no key sequence starts with it */
	}
	/* The start of a key that has not all come: wait as curses would. */
	while (avail < UI_INPUT_SEQMAX && ui_input_defined(avail) == -1 &&
	    ui_input_fill(get_escdelay()))
		avail = ui_input_end - ui_input_pos;
	/* The shortest match: key_defined() gives a key's code for any longer
	 * string too ("\033OAn" is Up), and -1 for a key's beginning. */
	for (n = 1; n <= avail && n <= UI_INPUT_SEQMAX; n++) {
		if ((code = ui_input_defined(n)) > 0) {
			ui_input_pos += n;
			return code;
		}
		if (code == 0)
			break;	/* no key begins so */
	}
	ui_input_pos++;
	return b;
}

/* Plain bytes in a row from getch, for the buffer (see UI_INPUT_SETTLED). */
static void
ui_input_count(int c)
{
	if (c >= KEY_MIN || c == 0x1b)
		ui_input_plain = 0;	/* curses may keep bytes it read ahead */
	else if (ui_input_plain < UI_INPUT_SETTLED)
		ui_input_plain++;
}

/* A key from the buffer, filled when curses holds nothing; ERR when none. */
static int
ui_input_buffered(void)
{
	if (ui_input_pos == ui_input_end && (ui_input_plain < UI_INPUT_SETTLED ||
	    !ui_input_fill(0)))
		return ERR;
	return ui_input_take();
}

/* Queues what one byte completes; replacement characters are dropped. */
static void
ui_input_decode(int b)
{
	uint32_t out[2];
	size_t i, n = i18n_conv_in(ui_draw_conv(), (unsigned char)b, out);

	for (i = 0; i < n; i++)
		if (out[i] != UTF8_REPLACEMENT && out[i] != 0)
			ui_input_queue[ui_input_queued++] = out[i];
}

static int
ui_input_pop(void)
{
	int cp = (int)ui_input_queue[0];

	ui_input_queue[0] = ui_input_queue[1];
	ui_input_queued--;
	return cp;
}

/* The next byte as it came (or curses key code), for an escape sequence:
 * from the buffer while it holds any, else from getch (its timeout). */
static int
ui_input_raw(void)
{
	int c;

	if (ui_input_pos < ui_input_end)
		return ui_input_buf[ui_input_pos++];
	errno = 0;
	c = getch();
	if (c != ERR)
		ui_input_count(c);
	return c;
}

/*
 * Curses (or the buffer) gave ESC: either the Esc key or the start of a
 * sequence it does not know. Curses has already waited ESCDELAY for what
 * follows ESC, so it is there at once or not at all; the rest of a sequence
 * may trail by as much again. Returns true for the Esc key; a sequence is
 * consumed and dropped. What turns out not to belong to it is read again as
 * the next key.
 */
static bool
ui_input_escape(void)
{
	struct ui_keyseq ks;
	enum ui_keyseq_step step;
	int c;

	ui_keyseq_start(&ks);
	timeout(0);
	c = ui_input_raw();
	timeout(get_escdelay());
	for (step = UI_KEYSEQ_MORE; c != ERR; c = ui_input_raw()) {
		step = ui_keyseq_feed(&ks, c);
		if (step != UI_KEYSEQ_MORE)
			break;
	}
	timeout(ui_input_nowait ? 0 : UI_INPUT_TICK_MS);
	if (step == UI_KEYSEQ_NOT)
		ui_input_back = c;
	return ks.len == 0;
}

#define UI_INPUT_AGAIN	(-100)	/* ui_input_read(): nothing yet, read on */

/* A byte or key code from getch, or UI_KEY_HUP, UI_KEY_TICK, UI_KEY_NONE
 * (ui_input_key_ready) or UI_INPUT_AGAIN. */
static int
ui_input_read(volatile sig_atomic_t *hup, int *idle)
{
	uint32_t flushed[1];
	int c;

	errno = 0;
	c = getch();
	if (*hup)
		return UI_KEY_HUP;
	if (c != ERR) {
		ui_input_count(c);
		return c;
	}
	if (errno == EINTR)
		return UI_INPUT_AGAIN;
	if (errno == EIO || errno == ENXIO || ++*idle > 3600 * 24)
		return UI_KEY_HUP;
	if (ui_input_nowait)
		return UI_KEY_NONE;	/* a half sequence waits for its end */
	if (i18n_conv_in_flush(ui_draw_conv(), flushed) > 0)
		return UI_INPUT_AGAIN;	/* a half sequence timed out: dropped */
	return UI_KEY_TICK;
}

/* The next byte or key code: one read after an escape sequence first, then
 * the buffer, then getch. */
static int
ui_input_next(volatile sig_atomic_t *hup, int *idle)
{
	int c = ui_input_back;

	ui_input_back = ERR;
	if (c != ERR)
		return c;
	if ((c = ui_input_buffered()) != ERR)
		return c;
	return ui_input_read(hup, idle);
}

int
ui_input_key(volatile sig_atomic_t *hup)
{
	int c, idle = 0;

	for (;;) {
		if (ui_input_queued > 0)
			return ui_input_pop();
		if (*hup)
			return UI_KEY_HUP;
		c = ui_input_next(hup, &idle);
		if (c == UI_INPUT_AGAIN)
			continue;
		if (c < 0)
			return c;
		if (c == 27 && !ui_input_escape())
			continue;	/* an unknown escape sequence: ignored */
		if (c >= KEY_MIN)
			return UI_KEY(c);
		ui_input_decode(c);
	}
}

int
ui_input_key_ready(volatile sig_atomic_t *hup)
{
	int key;

	ui_input_nowait = true;
	timeout(0);
	key = ui_input_key(hup);
	timeout(UI_INPUT_TICK_MS);
	ui_input_nowait = false;
	return key;
}
