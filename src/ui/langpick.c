#include "ui/langpick.h"

#include <stdlib.h>
#include <string.h>

#include "db/cases.h"
#include "i18n/i18n.h"
#include "ui/draw.h"
#include "ui/screens.h"
#include "util/mem.h"
#include "util/str.h"
#include "util/tr.h"

struct ui_langpick {
	struct ui_list	list;
};

static const enum ui_action ui_langpick_bar[] = { UA_HELP, UA_ENTER, UA_BACK, UA_NONE };

static void
ui_langpick_draw(struct ui_screen *s, struct ui_app *app)
{
	struct ui_langpick *p = s->data;
	const struct i18n_lang *langs = i18n_languages(&p->list.n);
	int top = ui_body_top() + 1, rows = ui_body_rows(app) - 1, y = top;
	size_t k;
	char *t;

	ui_list_scroll(&p->list, rows);
	for (k = p->list.top; k < p->list.n && y < top + rows; k++, y++) {
		enum ui_style st = k == p->list.cur ? US_FOCUS : US_NORMAL;

		if (k == p->list.cur)
			ui_draw_fill(y, 1, app->cols - 2, US_FOCUS);
		ui_draw_text(y, 2, 22, langs[k].own_name, st);
		t = xasprintf("%s (%s)", langs[k].english, langs[k].code);
		ui_draw_text(y, 25, app->cols - 27, t, st);
		free(t);
	}
}

/* The client language belongs to the case on screen. */
static void
ui_langpick_store(struct ui_app *app, const char *code)
{
	struct db_case c;
	char *err = NULL;

	if (app->case_id == 0)
		return;
	if (db_case_load(app->db, app->case_id, &c, &err) != DB_OK) {
		ui_message_err(app, err, N_("The case cannot be read"));
		return;
	}
	if (!str_eq(c.client_lang, code) &&
	    db_case_set_client_lang(app->db, &c, code, &err) != DB_OK) {
		ui_message(app, true, "%s", err != NULL ? err : _("The case was not changed"));
		free(err);
	} else {
		app->gen++;
	}
	db_case_clear(&c);
}

static bool
ui_langpick_key(struct ui_screen *s, struct ui_app *app, int key, enum ui_action a)
{
	struct ui_langpick *p = s->data;
	const struct i18n_lang *langs = i18n_languages(&p->list.n);

	if (key == UI_KEY_TICK || ui_list_move(&p->list, a, ui_body_rows(app) - 2))
		return true;
	if (a == UA_ENTER && p->list.cur < p->list.n) {
		i18n_set_client(langs[p->list.cur].code);
		ui_langpick_store(app, langs[p->list.cur].code);
		ui_message(app, false, "%s: %s", _("Client language"), langs[p->list.cur].own_name);
		ui_close(app, s);
		return true;
	}
	if (a == UA_BACK || a == UA_CLIENT_LANG) {
		ui_close(app, s);
		return true;
	}
	return false;
}

static void
ui_langpick_free(struct ui_screen *s)
{
	free(s->data);
}

static const struct ui_screen_ops ui_langpick_ops = {
	.name = "langpick",
	.draw = ui_langpick_draw,
	.key = ui_langpick_key,
	.free = ui_langpick_free,
	.bar = ui_langpick_bar,
};

void
ui_langpick_open(struct ui_app *app)
{
	struct ui_langpick *p = xcalloc(1, sizeof *p);
	const struct i18n_lang *langs = i18n_languages(&p->list.n);
	const char *cur = i18n_client_code();
	size_t k;

	for (k = 0; cur != NULL && k < p->list.n; k++)
		if (strcmp(langs[k].code, cur) == 0)
			p->list.cur = k;
	ui_push(app, &ui_langpick_ops, p, N_("Client's language"));
}
