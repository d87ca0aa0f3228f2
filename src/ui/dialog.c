#include "ui/dialog.h"

#include <stdlib.h>

#include "ui/draw.h"
#include "ui/edit.h"
#include "util/mem.h"
#include "util/tr.h"

struct ui_dialog {
	char		*question;
	ui_dialog_fn	 fn;
	ui_dialog_text_fn text_fn;	/* ui_dialog_ask: the line typed */
	struct ui_edit	 edit;
	void		*arg;
};

static const enum ui_action ui_dialog_bar[] = { UA_BACK, UA_NONE };
static const enum ui_action ui_dialog_ask_bar[] = { UA_ENTER, UA_BACK, UA_NONE };

static void
ui_dialog_draw(struct ui_screen *s, struct ui_app *app)
{
	struct ui_dialog *d = s->data;
	int w = app->cols, h, y, x = 0, i, q;	/* whole rows: nothing shows through */

	q = ui_draw_wrapped_lines(w - 4, d->question);
	h = q + 2 + (d->text_fn != NULL ? 2 : 0);
	y = ui_body_top() + (ui_body_rows(app) - h) / 2;
	for (i = 0; i < h; i++)
		ui_draw_fill(y + i, x, w, US_FOCUS);
	ui_draw_wrapped(y + 1, x + 2, w - 4, q, d->question, US_FOCUS);
	if (d->text_fn != NULL)
		ui_edit_draw(&d->edit, y + q + 2, x + 2, w - 4, US_NORMAL);
}

/* ui_dialog_ask: a line edited, Enter or Esc answers. */
static bool
ui_dialog_text_key(struct ui_screen *s, struct ui_app *app, int key, enum ui_action a)
{
	struct ui_dialog *d = s->data;

	switch (a) {
	case UA_ENTER:
	case UA_BACK:
		ui_close(app, s);
		d->text_fn(app, d->arg, a == UA_ENTER ? d->edit.text : NULL);
		return true;
	case UA_LEFT: ui_edit_left(&d->edit); return true;
	case UA_RIGHT: ui_edit_right(&d->edit); return true;
	case UA_HOME: ui_edit_home(&d->edit); return true;
	case UA_END: ui_edit_end(&d->edit); return true;
	case UA_BACKSPACE: ui_edit_backspace(&d->edit); return true;
	case UA_DELETE: ui_edit_delete(&d->edit); return true;
	case UA_CLEAR: ui_edit_clear(&d->edit); return true;
	case UA_NONE:
		if (key >= 32 && key < 0x200000)
			ui_edit_insert(&d->edit, (uint32_t)key);
		return true;
	default:
		return a != UA_QUIT;	/* nothing else while the question is open */
	}
}

static bool
ui_dialog_key(struct ui_screen *s, struct ui_app *app, int key, enum ui_action a)
{
	struct ui_dialog *d = s->data;
	const char *yes = _("Yes"), *no = _("No");
	bool answer;

	if (d->text_fn != NULL)
		return ui_dialog_text_key(s, app, key, a);
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
	ui_edit_free(&d->edit);
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

static const struct ui_screen_ops ui_dialog_ask_ops = {
	.name = "dialog",
	.draw = ui_dialog_draw,
	.key = ui_dialog_key,
	.free = ui_dialog_free,
	.bar = ui_dialog_ask_bar,
	.overlay = true,
};

void
ui_dialog_ask(struct ui_app *app, const char *question, int limit, ui_dialog_text_fn fn,
    void *arg)
{
	struct ui_dialog *d = xcalloc(1, sizeof *d);

	d->question = xstrdup(question);
	d->text_fn = fn;
	d->arg = arg;
	ui_edit_set(&d->edit, "", limit);
	ui_push(app, &ui_dialog_ask_ops, d, NULL);
}
