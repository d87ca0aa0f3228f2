#include "ui/input.h"

#include <errno.h>
#include <stdbool.h>
#include <string.h>

#include "i18n/conv.h"
#include "ui/curs.h"
#include "ui/draw.h"
#include "ui/keys.h"
#include "ui/keyseq.h"
#include "util/utf8.h"

#define UI_INPUT_TICK_MS	1000	/* UI_KEY_TICK after this long without a key */

static uint32_t ui_input_queue[2];
static size_t ui_input_queued;
static int ui_input_back = ERR;	/* read after an escape sequence, not part of it */

void
ui_input_init(void)
{
	ui_input_queued = 0;
	ui_input_back = ERR;
	ui_keyseq_define();
	timeout(UI_INPUT_TICK_MS);
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

static int
ui_input_getch(void)
{
	int c = ui_input_back;

	ui_input_back = ERR;
	errno = 0;
	return c != ERR ? c : getch();
}

/*
 * Curses returned ESC: either the Esc key or the start of a sequence it does
 * not know. Curses has already waited ESCDELAY for what follows ESC, so it is
 * there at once or not at all; the rest of a sequence may trail by as much
 * again. Returns true for the Esc key; a sequence is consumed and dropped.
 * What turns out not to belong to it is read again as the next key.
 */
static bool
ui_input_escape(void)
{
	struct ui_keyseq ks;
	enum ui_keyseq_step step;
	int c;

	ui_keyseq_start(&ks);
	timeout(0);
	c = ui_input_getch();
	timeout(get_escdelay());
	for (step = UI_KEYSEQ_MORE; c != ERR; c = getch()) {
		step = ui_keyseq_feed(&ks, c);
		if (step != UI_KEYSEQ_MORE)
			break;
	}
	timeout(UI_INPUT_TICK_MS);
	if (step == UI_KEYSEQ_NOT)
		ui_input_back = c;
	return ks.len == 0;
}

int
ui_input_key(volatile sig_atomic_t *hup)
{
	uint32_t flushed[1];
	int c, idle = 0;

	for (;;) {
		if (ui_input_queued > 0)
			return ui_input_pop();
		if (*hup)
			return UI_KEY_HUP;
		c = ui_input_getch();
		if (*hup)
			return UI_KEY_HUP;
		if (c == ERR) {
			if (errno == EINTR)
				continue;
			if (errno == EIO || errno == ENXIO || ++idle > 3600 * 24)
				return UI_KEY_HUP;
			if (i18n_conv_in_flush(ui_draw_conv(), flushed) > 0)
				continue;	/* a half sequence timed out: dropped */
			return UI_KEY_TICK;
		}
		if (c == 27 && !ui_input_escape())
			continue;	/* an unknown escape sequence: ignored */
		if (c >= KEY_MIN)
			return UI_KEY(c);
		ui_input_decode(c);
	}
}
