#include "ui/input.h"

#include <errno.h>
#include <stdbool.h>
#include <string.h>

#include "i18n/conv.h"
#include "ui/curs.h"
#include "ui/draw.h"
#include "ui/keys.h"
#include "util/utf8.h"

#define UI_INPUT_TICK_MS	1000

static uint32_t ui_input_queue[2];
static size_t ui_input_queued;
static bool ui_input_nowait;	/* ui_input_key_ready(): no byte now is no key */

void
ui_input_init(void)
{
	ui_input_queued = 0;
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
		errno = 0;
		c = getch();
		if (*hup)
			return UI_KEY_HUP;
		if (c == ERR) {
			if (errno == EINTR)
				continue;
			if (errno == EIO || errno == ENXIO || ++idle > 3600 * 24)
				return UI_KEY_HUP;
			if (ui_input_nowait)
				return UI_KEY_NONE;	/* a half sequence waits for its end */
			if (i18n_conv_in_flush(ui_draw_conv(), flushed) > 0)
				continue;	/* a half sequence timed out: dropped */
			return UI_KEY_TICK;
		}
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
