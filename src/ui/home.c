/* ui/home: the start screen: what the user can do, drafts to resume, recent cases. */
#include <stdlib.h>
#include <string.h>

#include "db/cases.h"
#include "form/workflow.h"
#include "db/draft.h"
#include "db/record.h"
#include "ui/dialog.h"
#include "ui/draw.h"
#include "ui/formview.h"
#include "ui/screens.h"
#include "util/mem.h"
#include "util/str.h"
#include "util/tr.h"

enum ui_home_kind { UH_ACTION, UH_FORM, UH_DRAFT, UH_CASE };

struct ui_home_line {
	enum ui_home_kind	 kind;
	enum ui_action		 action;
	enum form_wf_stage	 stage;		/* UH_FORM: the stage whose form it opens */
	const char		*label;		/* msgid (UH_ACTION, UH_FORM) */
	size_t			 index;		/* into drafts or cases */
};

struct ui_home {
	struct ui_home_line	*lines;
	struct ui_list		 list;
	struct db_draft		*drafts;
	size_t			 ndrafts;
	struct db_case		*cases;
	size_t			 ncases;
	unsigned		 gen;
	bool			 loaded;
};

static const int ui_home_widths[] = { 16, 30, 0 };
/* A draft: when, case number, form, whose. */
static const int ui_home_draft_widths[] = { 17, 16, 22, 0 };

static const enum ui_action ui_home_bar[] = {
	UA_HELP, UA_SEARCH, UA_NEW_CASE, UA_CALL, UA_STAFF_LANG, UA_QUIT, UA_NONE
};

static const struct ui_home_line ui_home_menu[] = {
	{ UH_ACTION, UA_SEARCH, WFS__COUNT, N_("Find a case"), 0 },
	{ UH_ACTION, UA_NEW_CASE, WFS__COUNT, N_("Register a new case"), 0 },
	{ UH_ACTION, UA_CALL, WFS__COUNT, N_("Log a hotline call"), 0 },
	{ UH_FORM, UA_NONE, WFS_CAMPAIGN, N_("Log an information-campaign activity"), 0 },
	{ UH_FORM, UA_NONE, WFS_PROJECT, N_("Projects"), 0 },
};
#define UI_HOME_NMENU (sizeof ui_home_menu / sizeof ui_home_menu[0])

static void
ui_home_unload(struct ui_home *h)
{
	db_drafts_free(h->drafts, h->ndrafts);
	db_case_free_array(h->cases, h->ncases);
	h->drafts = NULL;
	h->cases = NULL;
	h->ndrafts = h->ncases = 0;
	free(h->lines);
	h->lines = NULL;
}

static void
ui_home_load(struct ui_home *h, struct ui_app *app)
{
	size_t i, n = 0;

	ui_home_unload(h);
	if (db_draft_list(app->db, app->user, &h->drafts, &h->ndrafts, NULL) != DB_OK)
		h->ndrafts = 0;
	if (db_case_recent(app->db, 8, &h->cases, &h->ncases, NULL) != DB_OK)
		h->ncases = 0;
	h->lines = xcalloc(UI_HOME_NMENU + h->ndrafts + h->ncases, sizeof *h->lines);
	for (i = 0; i < UI_HOME_NMENU; i++)
		h->lines[n++] = ui_home_menu[i];
	for (i = 0; i < h->ndrafts; i++)
		h->lines[n++] = (struct ui_home_line){ UH_DRAFT, UA_NONE, WFS__COUNT, NULL, i };
	for (i = 0; i < h->ncases; i++)
		h->lines[n++] = (struct ui_home_line){ UH_CASE, UA_NONE, WFS__COUNT, NULL, i };
	h->list.n = n;
	h->gen = app->gen;
	h->loaded = true;
}

static char *
ui_home_text(struct ui_home *h, struct ui_app *app, const struct ui_home_line *l, size_t k)
{
	const struct db_draft *d;
	const struct db_case *c;
	const struct form_def *def;

	switch (l->kind) {
	case UH_DRAFT:
		d = &h->drafts[l->index];
		def = form_set_find(app->forms, d->form);
		return xasprintf("%.16s\t%s\t%s\t%s", d->updated_at != NULL ? d->updated_at : "",
		    d->case_no != NULL ? d->case_no : def != NULL && def->needs_case ?
		    _("new case") : "", def != NULL ? _(def->title) : d->form,
		    !str_empty(d->name) ? d->name : d->summary != NULL ? d->summary : "");
	case UH_CASE:
		c = &h->cases[l->index];
		return xasprintf("%s\t%s\t%s", c->case_no,
		    c->display_name != NULL ? c->display_name : "",
		    _(db_case_status_name(c->status)));
	default:
		return xasprintf("%zu  %s", k + 1, _(l->label));
	}
}

/* A heading above the first line of each kind; returns the rows it took. */
static int
ui_home_heading(struct ui_home *h, struct ui_app *app, size_t k, int y)
{
	const char *t = NULL;

	if (k == UI_HOME_NMENU && h->ndrafts > 0)
		t = _("Drafts (not saved yet: Enter resumes, Ctrl-D deletes)");
	else if (k == UI_HOME_NMENU + h->ndrafts && h->ncases > 0)
		t = _("Recent cases");
	if (t == NULL)
		return 0;
	ui_draw_text(y + 1, 1, app->cols - 2, t, US_HEADING);
	return 2;
}

static void
ui_home_draw(struct ui_screen *s, struct ui_app *app)
{
	struct ui_home *h = s->data;
	int top, rows, y;
	size_t k;
	char *t;

	if (!h->loaded || h->gen != app->gen)
		ui_home_load(h, app);
	/* Saving off, or forms that differ: said first, above everything. */
	y = (t = db_state_message(app->db)) != NULL ?
	    ui_draw_wrapped(ui_body_top(), 1, app->cols - 2, 3, t, US_ERROR) : 0;
	free(t);
	top = ui_body_top() + 1 + y;
	rows = ui_body_rows(app) - 1 - y;
	y = top;
	app->case_id = 0;
	ui_client_follow(app, NULL);
	ui_list_scroll(&h->list, rows - 4);
	for (k = h->list.top; k < h->list.n && y < top + rows; k++) {
		y += ui_home_heading(h, app, k, y);
		if (y >= top + rows)
			break;
		t = ui_home_text(h, app, &h->lines[k], k);
		if (k == h->list.cur)
			ui_draw_fill(y, 1, app->cols - 2, US_FOCUS);
		ui_draw_cells(y++, 2, app->cols - 4, t, h->lines[k].kind == UH_DRAFT ?
		    ui_home_draft_widths : ui_home_widths, k == h->list.cur ? US_FOCUS : US_NORMAL);
		free(t);
	}
}

static void
ui_home_del_answer(struct ui_app *app, void *arg, bool yes)
{
	int64_t *id = arg;

	if (yes && db_draft_delete(app->db, *id, NULL) == DB_OK) {
		app->gen++;
		ui_message(app, false, "%s", _("Draft deleted"));
	}
	free(id);
}

static void
ui_home_open_line(struct ui_home *h, struct ui_app *app, const struct ui_home_line *l)
{
	const struct form_def *def;

	switch (l->kind) {
	case UH_ACTION:
		ui_global_action(app, l->action);
		break;
	case UH_FORM:
		def = form_workflow_def(app->forms, l->stage);
		if (def != NULL)
			ui_reclist_open(app, def, 0);
		break;
	case UH_DRAFT:
		ui_draft_resume(app, h->drafts[l->index].id);
		break;
	case UH_CASE:
		ui_caseview_open(app, h->cases[l->index].id);
		break;
	}
}

static bool
ui_home_key(struct ui_screen *s, struct ui_app *app, int key, enum ui_action a)
{
	struct ui_home *h = s->data;
	const struct ui_home_line *l;

	if (key == UI_KEY_TICK)
		return true;
	if (key >= '1' && key < '1' + (int)UI_HOME_NMENU) {
		ui_home_open_line(h, app, &ui_home_menu[key - '1']);
		return true;
	}
	if (ui_list_move(&h->list, a, ui_body_rows(app) - 2))
		return true;
	if (h->list.cur >= h->list.n)
		return false;
	l = &h->lines[h->list.cur];
	if (a == UA_ENTER) {
		ui_home_open_line(h, app, l);
		return true;
	}
	if (a == UA_DEL_ROW && l->kind == UH_DRAFT) {
		int64_t *id = xmalloc(sizeof *id);

		*id = h->drafts[l->index].id;
		ui_dialog_confirm(app, _("Delete this draft? What it holds is lost. (y/n)"),
		    ui_home_del_answer, id);
		return true;
	}
	if (a == UA_BACK)
		return true;	/* the start screen stays */
	return false;
}

static void
ui_home_free(struct ui_screen *s)
{
	struct ui_home *h = s->data;

	ui_home_unload(h);
	free(h);
}

static const struct ui_screen_ops ui_home_ops = {
	.name = "home",
	.draw = ui_home_draw,
	.key = ui_home_key,
	.free = ui_home_free,
	.bar = ui_home_bar,
};

void
ui_home_open(struct ui_app *app)
{
	ui_push(app, &ui_home_ops, xcalloc(1, sizeof(struct ui_home)), N_("Start"));
}
