/* ui/caseview: one case: the person, the status, and every form of the case. */
#include <stdlib.h>
#include <string.h>

#include "db/cases.h"
#include "db/record.h"
#include "i18n/i18n.h"
#include "ui/draw.h"
#include "ui/screens.h"
#include "util/mem.h"
#include "util/str.h"
#include "util/tr.h"

struct ui_caseview {
	int64_t			 case_id;
	struct db_case		 c;
	const struct form_def	**forms;	/* forms of a case, lifecycle order */
	size_t			*counts;
	int64_t			*first;		/* newest record id per form */
	struct ui_list		 list;
	unsigned		 gen;
	bool			 loaded;
};

static const int ui_caseview_widths[] = { 34, 0 };

static const enum ui_action ui_caseview_bar[] = {
	UA_HELP, UA_ENTER, UA_BACK, UA_CLIENT_LANG, UA_CALL, UA_QUIT, UA_NONE
};

/* The lifecycle order of DOMAIN.md; forms not named here follow. */
static const char *const ui_caseview_order[] = {
	"registration", "consent", "session", "return_prep", "departure", "plan",
	"payment", "monitoring", "closure", "call", NULL
};

static int
ui_caseview_rank(const struct form_def *d)
{
	int i;

	for (i = 0; ui_caseview_order[i] != NULL; i++)
		if (strcmp(ui_caseview_order[i], d->name) == 0)
			return i;
	return i;
}

static void
ui_caseview_pick_forms(struct ui_caseview *v, struct ui_app *app)
{
	const struct form_set *set = app->forms;
	size_t i, j, n = 0;

	v->forms = xcalloc(set->nforms, sizeof *v->forms);
	for (i = 0; i < set->nforms; i++)
		if (set->forms[i]->needs_case || strcmp(set->forms[i]->name, "call") == 0)
			v->forms[n++] = set->forms[i];
	for (i = 1; i < n; i++)	/* insertion sort by rank */
		for (j = i; j > 0 && ui_caseview_rank(v->forms[j]) <
		    ui_caseview_rank(v->forms[j - 1]); j--) {
			const struct form_def *t = v->forms[j];

			v->forms[j] = v->forms[j - 1];
			v->forms[j - 1] = t;
		}
	v->list.n = n;
	v->counts = xcalloc(n ? n : 1, sizeof *v->counts);
	v->first = xcalloc(n ? n : 1, sizeof *v->first);
}

static void
ui_caseview_load(struct ui_caseview *v, struct ui_app *app)
{
	int64_t *ids = NULL;
	size_t i, n;

	db_case_clear(&v->c);
	if (db_case_load(app->db, v->case_id, &v->c, NULL) != DB_OK)
		ui_message(app, true, "%s", _("The case cannot be read"));
	else if (!str_empty(v->c.client_lang) && !str_eq(v->c.client_lang, i18n_client_code()))
		i18n_set_client(v->c.client_lang);
	if (v->forms == NULL)
		ui_caseview_pick_forms(v, app);
	for (i = 0; i < v->list.n; i++) {
		n = 0;
		if (db_record_list(app->db, v->forms[i], v->case_id, &ids, &n, NULL) != DB_OK)
			n = 0;
		v->counts[i] = n;
		v->first[i] = n > 0 ? ids[0] : 0;
		free(ids);
		ids = NULL;
	}
	v->gen = app->gen;
	v->loaded = true;
}

static void
ui_caseview_header(struct ui_caseview *v, struct ui_app *app, int y)
{
	char *t;

	t = xasprintf("%s  %s", v->c.case_no != NULL ? v->c.case_no : "",
	    v->c.display_name != NULL ? v->c.display_name : "");
	ui_draw_text(y, 1, app->cols - 2, t, US_HEADING);
	free(t);
	t = xasprintf("%s: %s   %s: %s   %s: %s", _("Status"), _(db_case_status_name(v->c.status)),
	    _("Client language"), v->c.client_lang != NULL ? v->c.client_lang : "-",
	    _("Project"), v->c.project != NULL ? v->c.project : "-");
	ui_draw_text(y + 1, 1, app->cols - 2, t, US_NORMAL);
	free(t);
}

static void
ui_caseview_draw(struct ui_screen *s, struct ui_app *app)
{
	struct ui_caseview *v = s->data;
	int top = ui_body_top(), y = top + 3, rows = ui_body_rows(app) - 4;
	size_t k;
	char *t;

	if (!v->loaded || v->gen != app->gen)
		ui_caseview_load(v, app);
	app->case_id = v->case_id;
	ui_caseview_header(v, app, top);
	ui_draw_text(top + 3, 1, app->cols - 2, _("Forms of this case"), US_HEADING);
	y++;
	ui_list_scroll(&v->list, rows);
	for (k = v->list.top; k < v->list.n && y < top + 4 + rows; k++, y++) {
		const struct form_def *d = v->forms[k];

		if (v->counts[k] == 0)
			t = xasprintf("%s\t%s", _(d->title), d->once ? _("not filled in") : "-");
		else if (d->once)
			t = xasprintf("%s\t%s", _(d->title), _("filled in"));
		else
			t = xasprintf("%s\t%zu", _(d->title), v->counts[k]);
		if (k == v->list.cur)
			ui_draw_fill(y, 1, app->cols - 2, US_FOCUS);
		ui_draw_cells(y, 2, app->cols - 4, t, ui_caseview_widths,
		    k == v->list.cur ? US_FOCUS : US_NORMAL);
		free(t);
	}
}

static bool
ui_caseview_key(struct ui_screen *s, struct ui_app *app, int key, enum ui_action a)
{
	struct ui_caseview *v = s->data;
	const struct form_def *d;

	if (key == UI_KEY_TICK)
		return true;
	if (ui_list_move(&v->list, a, ui_body_rows(app) - 5))
		return true;
	if (a == UA_BACK) {
		ui_close(app, s);
		return true;
	}
	if (a != UA_ENTER || v->list.cur >= v->list.n)
		return false;
	d = v->forms[v->list.cur];
	if (d->once)
		ui_open_record(app, d, v->case_id, v->first[v->list.cur]);
	else
		ui_reclist_open(app, d, v->case_id);
	return true;
}

static void
ui_caseview_free(struct ui_screen *s)
{
	struct ui_caseview *v = s->data;

	db_case_clear(&v->c);
	free(v->forms);
	free(v->counts);
	free(v->first);
	free(v);
}

static const struct ui_screen_ops ui_caseview_ops = {
	.name = "case",
	.draw = ui_caseview_draw,
	.key = ui_caseview_key,
	.free = ui_caseview_free,
	.bar = ui_caseview_bar,
};

void
ui_caseview_open(struct ui_app *app, int64_t case_id)
{
	struct ui_caseview *v = xcalloc(1, sizeof *v);

	v->case_id = case_id;
	ui_push(app, &ui_caseview_ops, v, N_("Case"));
}
