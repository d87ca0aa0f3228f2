#include "ui/dialog.h"

#include <stdlib.h>

#include "ui/draw.h"
#include "util/mem.h"
#include "util/tr.h"

struct ui_dialog {
	char		*question;
	ui_dialog_fn	 fn;
	void		*arg;
};

static const enum ui_action ui_dialog_bar[] = { UA_BACK, UA_NONE };

static void
ui_dialog_draw(struct ui_screen *s, struct ui_app *app)
{
	struct ui_dialog *d = s->data;
	int w = app->cols - 10, h, y, x = 5, i;

	h = ui_draw_wrapped_lines(w - 4, d->question) + 2;
	y = ui_body_top() + (ui_body_rows(app) - h) / 2;
	for (i = 0; i < h; i++)
		ui_draw_fill(y + i, x, w, US_FOCUS);
	ui_draw_wrapped(y + 1, x + 2, w - 4, h - 2, d->question, US_FOCUS);
}

static bool
ui_dialog_key(struct ui_screen *s, struct ui_app *app, int key, enum ui_action a)
{
	struct ui_dialog *d = s->data;
	const char *yes = _("Yes"), *no = _("No");
	bool answer;

	if (key == 'y' || key == 'Y' || (key < 128 && key == (unsigned char)yes[0]))
		answer = true;
	else if (key == 'n' || key == 'N' || a == UA_BACK ||
	    (key < 128 && key == (unsigned char)no[0]))
		answer = false;
	else
		return true;
	ui_close(app, s);
	d->fn(app, d->arg, answer);
	return true;
}

static void
ui_dialog_free(struct ui_screen *s)
{
	struct ui_dialog *d = s->data;

	free(d->question);
	free(d);
}

static const struct ui_screen_ops ui_dialog_ops = {
	.name = "dialog",
	.draw = ui_dialog_draw,
	.key = ui_dialog_key,
	.free = ui_dialog_free,
	.bar = ui_dialog_bar,
	.overlay = true,
};

void
ui_dialog_confirm(struct ui_app *app, const char *question, ui_dialog_fn fn, void *arg)
{
	struct ui_dialog *d = xcalloc(1, sizeof *d);

	d->question = xstrdup(question);
	d->fn = fn;
	d->arg = arg;
	ui_push(app, &ui_dialog_ops, d, NULL);
}
