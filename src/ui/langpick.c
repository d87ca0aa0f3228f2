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

static const int ui_langpick_widths[] = { 22, 0 };

static bool
ui_langpick_load(struct ui_list *l, struct ui_app *app, size_t *n, char **err)
{
	i18n_languages(n);
	return true;
}

/* The language's own name, then its English name and code. */
static char *
ui_langpick_line(struct ui_list *l, struct ui_app *app, size_t k, const int **widths)
{
	size_t n;
	const struct i18n_lang *langs = i18n_languages(&n);

	*widths = ui_langpick_widths;
	return xasprintf("%s\t%s (%s)", langs[k].own_name, langs[k].english, langs[k].code);
}

static void
ui_langpick_shown(struct ui_screen *s, struct ui_app *app)
{
	struct ui_langpick *p = s->data;

	ui_list_load(&p->list, app);
}

static void
ui_langpick_draw(struct ui_screen *s, struct ui_app *app)
{
	struct ui_langpick *p = s->data;

	ui_list_draw(&p->list, app, ui_body_top() + 1, ui_body_rows(app) - 1);
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

static void
ui_langpick_enter(struct ui_list *l, struct ui_screen *s, struct ui_app *app, size_t k)
{
	size_t n;
	const struct i18n_lang *langs = i18n_languages(&n);

	i18n_set_client(langs[k].code);
	ui_langpick_store(app, langs[k].code);
	ui_message(app, false, "%s: %s", _("Client language"), langs[k].own_name);
	ui_close(app, s);
}

static bool
ui_langpick_key(struct ui_screen *s, struct ui_app *app, int key, enum ui_action a)
{
	struct ui_langpick *p = s->data;

	if (key == UI_KEY_TICK || ui_list_key(&p->list, s, app, a, ui_body_rows(app) - 2))
		return true;
	if (a == UA_BACK || a == UA_CLIENT_LANG) {
		ui_close(app, s);
		return true;
	}
	return false;
}

static void
ui_langpick_free(struct ui_screen *s)
{
	struct ui_langpick *p = s->data;

	ui_list_free(&p->list);
	free(p);
}

static const struct ui_screen_ops ui_langpick_ops = {
	.name = "langpick",
	.draw = ui_langpick_draw,
	.key = ui_langpick_key,
	.shown = ui_langpick_shown,
	.free = ui_langpick_free,
	.bar = ui_langpick_bar,
};

static const struct ui_list_ops ui_langpick_list_ops = {
	.load = ui_langpick_load,
	.line = ui_langpick_line,
	.open = ui_langpick_enter,
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
	p->list.ops = &ui_langpick_list_ops;
	p->list.data = p;
	ui_push(app, &ui_langpick_ops, p, N_("Client's language"));
}
