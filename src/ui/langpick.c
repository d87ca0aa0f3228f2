#include "ui/langpick.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "db/cases.h"
#include "db/settings.h"
#include "i18n/i18n.h"
#include "ui/draw.h"
#include "ui/screens.h"
#include "util/mem.h"
#include "util/str.h"
#include "util/tr.h"

#define UI_LANGPICK_FILTER	24	/* bytes typed to filter */

struct ui_langpick {
	struct ui_list	 list;
	bool		 staff;		/* the staff language (F6), else the client's (F7) */
	char		 filter[UI_LANGPICK_FILTER + 1];
	size_t		*shown;		/* indexes into i18n_languages() */
};

static const enum ui_action ui_langpick_bar[] = { UA_HELP, UA_ENTER, UA_BACK, UA_NONE };

static const int ui_langpick_widths[] = { 22, 30, 0 };

/* A staff language is offered when its program text is complete enough (or
 * the coverage is unknown: no template to count against). */
static bool
ui_langpick_offered(const struct ui_langpick *p, const char *code)
{
	int cover = i18n_program_cover(code);

	return !p->staff || cover < 0 || cover >= UI_LANGPICK_MIN_COVER;
}

/* Does the language match what was typed: the start of its code, of its
 * English name or of its own name? */
static bool
ui_langpick_match(const struct ui_langpick *p, const struct i18n_lang *l)
{
	size_t n = strlen(p->filter);

	return n == 0 || strncasecmp(l->code, p->filter, n) == 0 ||
	    strncasecmp(l->english, p->filter, n) == 0 || strncasecmp(l->own_name, p->filter, n) == 0;
}

static bool
ui_langpick_load(struct ui_list *l, struct ui_app *app, size_t *n, char **err)
{
	struct ui_langpick *p = l->data;
	const struct i18n_lang *langs;
	size_t all, k;

	(void)app;
	(void)err;
	langs = i18n_languages(&all);
	free(p->shown);
	p->shown = xcalloc(all + 1, sizeof *p->shown);
	for (k = 0; k < all; k++)
		if (ui_langpick_offered(p, langs[k].code) && ui_langpick_match(p, &langs[k]))
			p->shown[(*n)++] = k;
	return true;
}

/* The language's own name, then its English name and code; for the staff
 * language, how much of the program's text it translates. */
static char *
ui_langpick_line(struct ui_list *l, struct ui_app *app, size_t k, const int **widths)
{
	struct ui_langpick *p = l->data;
	size_t n;
	const struct i18n_lang *lang = &i18n_languages(&n)[p->shown[k]];
	int cover = i18n_program_cover(lang->code);

	(void)app;
	*widths = ui_langpick_widths;
	if (p->staff && cover >= 0)
		return xasprintf("%s\t%s (%s)\t%d%%", lang->own_name, lang->english, lang->code,
		    cover);
	return xasprintf("%s\t%s (%s)", lang->own_name, lang->english, lang->code);
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
	char *t = xasprintf(p->staff ? _("Type to filter: %s  (languages at least %d%% "
	    "translated)") : _("Type to filter: %s"), p->filter, UI_LANGPICK_MIN_COVER);

	ui_draw_text(ui_body_top(), 1, app->cols - 2, t, US_DIM);
	free(t);
	ui_list_draw(&p->list, app, ui_body_top() + 1, ui_body_rows(app) - 1);
}

/* The staff language is the user's own preference, kept in the database. */
static void
ui_langpick_store_staff(struct ui_app *app)
{
	char *key = xasprintf("staff_lang:%s", app->user != NULL ? app->user : "");
	char *err = NULL;

	if (db_setting_set(app->db, key, i18n_staff_code(), &err) != DB_OK)
		ui_message_err(app, err, N_("The language is not kept for next time"));
	free(key);
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
	struct ui_langpick *p = l->data;
	size_t n;
	const struct i18n_lang *lang = &i18n_languages(&n)[p->shown[k]];

	if (p->staff) {
		i18n_set_staff(lang->code);
		ui_langpick_store_staff(app);
		ui_message(app, false, "%s: %s", _("Your language"), lang->own_name);
	} else {
		i18n_set_client(lang->code);
		ui_langpick_store(app, lang->code);
		ui_message(app, false, "%s: %s", _("Client language"), lang->own_name);
	}
	ui_close(app, s);
}

/* A character typed narrows the list, Backspace widens it again. */
static bool
ui_langpick_filter_key(struct ui_langpick *p, struct ui_app *app, int key, enum ui_action a)
{
	size_t len = strlen(p->filter);

	if (a == UA_BACKSPACE && len > 0)
		p->filter[len - 1] = '\0';
	else if (a == UA_CLEAR)
		p->filter[0] = '\0';
	else if (a == UA_NONE && key > ' ' && key < 127 && len < UI_LANGPICK_FILTER)
		p->filter[len] = (char)key, p->filter[len + 1] = '\0';
	else
		return false;
	p->list.cur = p->list.top = 0;
	ui_list_load(&p->list, app);
	return true;
}

static bool
ui_langpick_key(struct ui_screen *s, struct ui_app *app, int key, enum ui_action a)
{
	struct ui_langpick *p = s->data;

	if (key == UI_KEY_TICK || ui_langpick_filter_key(p, app, key, a) ||
	    ui_list_key(&p->list, s, app, a, ui_body_rows(app) - 2))
		return true;
	if (a == UA_BACK || a == (p->staff ? UA_STAFF_LANG : UA_CLIENT_LANG)) {
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
	free(p->shown);
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

static void
ui_langpick_push(struct ui_app *app, bool staff)
{
	struct ui_langpick *p = xcalloc(1, sizeof *p);
	const char *cur = staff ? i18n_staff_code() : i18n_client_code();
	const struct i18n_lang *langs;
	size_t k, n = 0, all;

	p->staff = staff;
	p->list.ops = &ui_langpick_list_ops;
	p->list.data = p;
	ui_langpick_load(&p->list, app, &n, NULL);
	p->list.n = n;
	langs = i18n_languages(&all);
	for (k = 0; cur != NULL && k < n; k++)
		if (strcmp(langs[p->shown[k]].code, cur) == 0)
			p->list.cur = k;
	ui_push(app, &ui_langpick_ops, p, staff ? N_("Your language") : N_("Client's language"));
}

void
ui_langpick_open(struct ui_app *app)
{
	ui_langpick_push(app, false);
}

void
ui_langpick_staff_open(struct ui_app *app)
{
	ui_langpick_push(app, true);
}
