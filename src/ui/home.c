/* ui/home: the start screen: what the user can do, the work waiting for them
 * (what awaits their approval, the worklists of db/worklist), drafts to
 * resume, recent cases. */
#include <stdlib.h>
#include <string.h>

#include "db/approval.h"
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

enum ui_home_kind { UH_ACTION, UH_FORM, UH_WORK, UH_APPROVALS, UH_DRAFT, UH_CASE };

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
	size_t			 work[DB_WORK__COUNT];	/* how many each worklist holds */
	size_t			 approvals;		/* drafts awaiting approval */
	size_t			 nwork;			/* lines of work shown */
	int			 widths[3];		/* of a recent case's line */
};

/* A recent case: its number, its person, its status; the person's column
 * grows with a wide window. */
#define UI_HOME_NAME_COLS	30
#define UI_HOME_RECENT		8	/* recent cases at least (more when rows allow) */
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
	{ UH_ACTION, UA_REPORT, WFS__COUNT, N_("Reports"), 0 },
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

/* A line for each list that holds work (a failure leaves the list out: its
 * own screen says why). */
static void
ui_home_load_work(struct ui_home *h, struct ui_app *app, size_t *n)
{
	struct db_work_item *items;
	size_t k, got;

	h->nwork = 0;
	if ((h->approvals = db_approval_count(app->db)) > 0) {
		h->lines[(*n)++] = (struct ui_home_line){ UH_APPROVALS, UA_NONE, WFS__COUNT,
		    N_("Awaiting approval"), 0 };
		h->nwork++;
	}
	for (k = 0; k < DB_WORK__COUNT; k++) {
		if (db_work_list(app->db, (enum db_work_kind)k, 0, &items, &got, &h->work[k],
		    NULL) != DB_OK || h->work[k] == 0)
			continue;
		h->lines[(*n)++] = (struct ui_home_line){ UH_WORK, UA_NONE, WFS__COUNT,
		    ui_worklist_title((enum db_work_kind)k), k };
		h->nwork++;
	}
}

/* As many recent cases as the rows under the menu leave, eight at least. */
static size_t
ui_home_recent(const struct ui_app *app)
{
	int rows = ui_body_rows(app) - (int)UI_HOME_NMENU - 12;

	return rows > UI_HOME_RECENT ? (size_t)rows : UI_HOME_RECENT;
}

static bool
ui_home_load(struct ui_list *list, struct ui_app *app, size_t *n, char **err)
{
	struct ui_home *h = list->data;
	size_t i;

	ui_home_unload(h);
	h->lines = xcalloc(UI_HOME_NMENU, sizeof *h->lines);
	for (i = 0; i < UI_HOME_NMENU; i++)
		h->lines[(*n)++] = ui_home_menu[i];
	if (db_draft_list(app->db, app->user, &h->drafts, &h->ndrafts, err) != DB_OK ||
	    db_case_recent(app->db, ui_home_recent(app), &h->cases, &h->ncases, err) != DB_OK) {
		db_drafts_free(h->drafts, h->ndrafts);
		h->drafts = NULL;
		h->ndrafts = 0;
		return false;	/* the menu stays */
	}
	h->lines = xrealloc(h->lines, (UI_HOME_NMENU + 1 + DB_WORK__COUNT + h->ndrafts +
	    h->ncases) * sizeof *h->lines);
	ui_home_load_work(h, app, n);
	for (i = 0; i < h->ndrafts; i++)
		h->lines[(*n)++] = (struct ui_home_line){ UH_DRAFT, UA_NONE, WFS__COUNT, NULL, i };
	for (i = 0; i < h->ncases; i++)
		h->lines[(*n)++] = (struct ui_home_line){ UH_CASE, UA_NONE, WFS__COUNT, NULL, i };
	return true;
}

/* A draft's line: when, case number, form, and last that it awaits
 * approval, the comment it came back with, else whose it is. */
static char *
ui_home_draft_line(struct ui_app *app, const struct db_draft *d)
{
	const struct form_def *def = form_set_find(app->forms, d->form);
	char *note = NULL, *line;
	const char *last;

	if (d->awaiting != NULL)
		last = _("awaiting approval");
	else if (d->reply != NULL)
		last = note = xasprintf(_("sent back by %s: %s"), d->reply_by != NULL ?
		    d->reply_by : "?", d->reply);
	else
		last = !str_empty(d->name) ? d->name : d->summary != NULL ? d->summary : "";
	line = xasprintf("%.16s\t%s\t%s\t%s", d->updated_at != NULL ? d->updated_at : "",
	    d->case_no != NULL ? d->case_no : def != NULL && def->needs_case ?
	    _("new case") : "", def != NULL ? _(def->title) : d->form, last);
	free(note);
	return line;
}

static char *
ui_home_line(struct ui_list *list, struct ui_app *app, size_t k, const int **widths)
{
	struct ui_home *h = list->data;
	const struct ui_home_line *l = &h->lines[k];
	const struct db_case *c;

	h->widths[0] = 16;
	h->widths[1] = app->cols > 80 ? UI_HOME_NAME_COLS + (app->cols - 80) / 2 :
	    UI_HOME_NAME_COLS;
	h->widths[2] = 0;
	*widths = l->kind == UH_DRAFT ? ui_home_draft_widths : h->widths;
	switch (l->kind) {
	case UH_DRAFT:
		return ui_home_draft_line(app, &h->drafts[l->index]);
	case UH_WORK:
	case UH_APPROVALS:
		return xasprintf("   %s (%zu)", _(l->label), l->kind == UH_WORK ?
		    h->work[l->index] : h->approvals);
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
ui_home_heading(struct ui_list *list, struct ui_app *app, size_t k, int y)
{
	struct ui_home *h = list->data;
	const char *t = NULL;

	if (k == UI_HOME_NMENU && h->nwork > 0)
		t = _("To do (Enter opens the list)");
	else if (k == UI_HOME_NMENU + h->nwork && h->ndrafts > 0)
		t = _("Drafts (not saved yet: Enter resumes, Ctrl-D deletes)");
	else if (k == UI_HOME_NMENU + h->nwork + h->ndrafts && h->ncases > 0)
		t = _("Recent cases");
	if (t == NULL)
		return 0;
	ui_draw_text(y + 1, 1, app->cols - 2, t, US_HEADING);
	return 2;
}

static void
ui_home_shown(struct ui_screen *s, struct ui_app *app)
{
	struct ui_home *h = s->data;

	app->case_id = 0;
	ui_client_follow(app, NULL);
	ui_list_load(&h->list, app);
}

static void
ui_home_draw(struct ui_screen *s, struct ui_app *app)
{
	struct ui_home *h = s->data;
	int top, y;
	char *t;

	/* Saving off, or forms that differ: said first, above everything. */
	y = (t = db_state_message(app->db)) != NULL ?
	    ui_draw_wrapped(ui_body_top(), 1, app->cols - 2, 3, t, US_ERROR) : 0;
	free(t);
	top = ui_body_top() + 1 + y;
	ui_list_draw(&h->list, app, top, ui_body_rows(app) - 1 - y);
}

static void
ui_home_del_answer(struct ui_app *app, void *arg, bool yes)
{
	int64_t *id = arg;
	char *err = NULL;

	if (yes && db_draft_delete(app->db, *id, &err) == DB_OK) {
		app->gen++;
		ui_message(app, false, "%s", _("Draft deleted"));
	} else if (yes) {
		ui_message_err(app, err, N_("The draft was not deleted"));
	}
	free(id);
}

static void
ui_home_open_line(struct ui_home *h, struct ui_app *app, const struct ui_home_line *l)
{
	const struct db_draft *d;
	const struct form_def *def;
	struct ui_screen *was;

	switch (l->kind) {
	case UH_ACTION:
		ui_global_action(app, l->action);
		break;
	case UH_FORM:
		def = form_workflow_def(app->forms, l->stage);
		if (def != NULL)
			ui_reclist_open(app, def, 0);
		break;
	case UH_WORK:
		ui_worklist_open(app, (enum db_work_kind)l->index);
		break;
	case UH_APPROVALS:
		ui_approvals_open(app);
		break;
	case UH_DRAFT:
		d = &h->drafts[l->index];
		was = app->top;
		ui_draft_resume(app, d->id);
		if (d->reply != NULL && app->top != was)	/* it opened */
			ui_message(app, false, _("Sent back by %s: %s"), d->reply_by != NULL ?
			    d->reply_by : "?", d->reply);
		break;
	case UH_CASE:
		ui_caseview_open(app, h->cases[l->index].id);
		break;
	}
}

static void
ui_home_enter(struct ui_list *list, struct ui_screen *s, struct ui_app *app, size_t k)
{
	struct ui_home *h = list->data;

	ui_home_open_line(h, app, &h->lines[k]);
}

static bool
ui_home_act(struct ui_list *list, struct ui_screen *s, struct ui_app *app, size_t k,
    enum ui_action a)
{
	struct ui_home *h = list->data;
	int64_t *id;

	if (a != UA_DEL_ROW || h->lines[k].kind != UH_DRAFT)
		return false;
	id = xmalloc(sizeof *id);
	*id = h->drafts[h->lines[k].index].id;
	ui_dialog_confirm(app, _("Delete this draft? What it holds is lost. (y/n)"),
	    ui_home_del_answer, id);
	return true;
}

static bool
ui_home_key(struct ui_screen *s, struct ui_app *app, int key, enum ui_action a)
{
	struct ui_home *h = s->data;

	if (key == UI_KEY_TICK)
		return true;
	if (key >= '1' && key < '1' + (int)UI_HOME_NMENU) {
		ui_home_open_line(h, app, &ui_home_menu[key - '1']);
		return true;
	}
	if (ui_list_key(&h->list, s, app, a, ui_body_rows(app) - 2))
		return true;
	return a == UA_BACK;	/* the start screen stays */
}

static void
ui_home_free(struct ui_screen *s)
{
	struct ui_home *h = s->data;

	ui_home_unload(h);
	ui_list_free(&h->list);
	free(h);
}

static const struct ui_screen_ops ui_home_ops = {
	.name = "home",
	.draw = ui_home_draw,
	.key = ui_home_key,
	.shown = ui_home_shown,
	.free = ui_home_free,
	.bar = ui_home_bar,
};

static const struct ui_list_ops ui_home_list_ops = {
	.load = ui_home_load,
	.line = ui_home_line,
	.heading = ui_home_heading,
	.open = ui_home_enter,
	.act = ui_home_act,
};

void
ui_home_open(struct ui_app *app)
{
	struct ui_home *h = xcalloc(1, sizeof *h);

	h->list.ops = &ui_home_list_ops;
	h->list.data = h;
	h->list.reserve = 4;
	ui_push(app, &ui_home_ops, h, N_("Start"));
}
