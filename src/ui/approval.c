/*
 * ui/approval: what awaits a supervisor's approval (db/approval): the list,
 * oldest request first, with who asked, when and why; Enter opens the draft
 * in its form, where F2 approves (the program signs the approval and saves)
 * and F4 sends it back with a comment.
 */
#include <stdlib.h>
#include <string.h>

#include "db/approval.h"
#include "ui/dialog.h"
#include "ui/draw.h"
#include "ui/formview.h"
#include "ui/screens.h"
#include "util/mem.h"
#include "util/str.h"
#include "util/tr.h"

#define UI_APPROVAL_COMMENT	200	/* characters of a comment sent back */

struct ui_approvals {
	struct ui_list	 list;
	struct db_draft	*drafts;
	size_t		 n;
};

/* Asked at, case number, who asked, why (which names the form). */
static const int ui_approval_widths[] = { 16, 15, 10, 0 };

static const enum ui_action ui_approvals_bar[] = {
	UA_HELP, UA_ENTER, UA_BACK, UA_QUIT, UA_NONE
};

/* In the form of a draft that awaits approval. */
static const enum ui_action ui_approval_form_bar[] = {
	UA_HELP, UA_SAVE, UA_NEW_CASE, UA_BACK, UA_INTERP, UA_NONE
};

static const char *
ui_approvals_bar_label(enum ui_action a)
{
	return a == UA_ENTER ? N_("Review") : NULL;
}

static const char *
ui_approval_form_label(enum ui_action a)
{
	if (a == UA_SAVE)
		return N_("Approve");
	return a == UA_NEW_CASE ? N_("Send back") : NULL;
}

/* ---- the form of a draft under review ------------------------------------ */

struct ui_approval_review {
	int64_t	 draft_id;
	struct ui_screen *form;		/* set when the form's first key comes */
};

static void
ui_approval_sent_back(struct ui_app *app, void *arg, const char *comment)
{
	struct ui_approval_review *r = arg;
	char *err = NULL;

	if (comment == NULL)
		return;		/* Esc: still under review */
	if (db_approval_send_back(app->db, r->draft_id, comment, &err) != DB_OK) {
		ui_message_err(app, err, N_("Not sent back"));
		return;
	}
	app->gen++;
	ui_message(app, false, "%s", _("Sent back with your comment"));
	if (r->form != NULL)
		ui_close(app, r->form);
}

static bool
ui_approval_action(struct ui_app *app, struct ui_screen *s, struct form_record *rec,
    enum ui_action a, void *arg)
{
	struct ui_approval_review *r = arg;
	char *err = NULL;

	r->form = s;
	if (a == UA_NEW_CASE) {
		ui_dialog_ask(app, _("Send back to who asked, with a comment (Enter sends, "
		    "Esc goes back to the form):"), UI_APPROVAL_COMMENT, ui_approval_sent_back, r);
		return true;
	}
	if (a != UA_SAVE)
		return false;
	if (db_approval_sign(app->db, rec, &err) != DB_OK) {
		ui_message_err(app, err, N_("Not approved"));
		return true;
	}
	return false;	/* the form saves it, approval and all */
}

static void
ui_approval_review(struct ui_app *app, const struct db_draft *d)
{
	struct ui_approval_review *r;
	struct form_record *rec = NULL;
	struct ui_form_opts o = { 0 };
	char *err = NULL;
	int cursor = 0;

	if (db_draft_load(app->db, d->id, &rec, &cursor, &err) != DB_OK) {
		ui_message_err(app, err, N_("The draft cannot be opened"));
		return;
	}
	r = xcalloc(1, sizeof *r);
	r->draft_id = d->id;
	ui_form_std_opts(&o, rec);
	o.draft_id = d->id;
	o.cursor = cursor;
	o.bar = ui_approval_form_bar;
	o.bar_label = ui_approval_form_label;
	o.action = ui_approval_action;
	o.arg = r;
	o.arg_free = free;
	ui_form_open(app, rec, &o);
	ui_message(app, false, _("%s asks for approval: %s"), d->user != NULL ? d->user : "?",
	    d->awaiting);
}

/* ---- the list -------------------------------------------------------------- */

static void
ui_approvals_unload(struct ui_approvals *l)
{
	db_drafts_free(l->drafts, l->n);
	l->drafts = NULL;
	l->n = 0;
}

static bool
ui_approvals_load(struct ui_list *list, struct ui_app *app, size_t *n, char **err)
{
	struct ui_approvals *l = list->data;

	ui_approvals_unload(l);
	if (db_approval_list(app->db, &l->drafts, &l->n, err) != DB_OK)
		return false;
	*n = l->n;
	return true;
}

static char *
ui_approvals_line(struct ui_list *list, struct ui_app *app, size_t k, const int **widths)
{
	struct ui_approvals *l = list->data;
	const struct db_draft *d = &l->drafts[k];

	(void)app;
	*widths = ui_approval_widths;
	return xasprintf("%.16s\t%s\t%s\t%s", d->asked_at != NULL ? d->asked_at : "",
	    d->case_no != NULL ? d->case_no : "", d->user != NULL ? d->user : "", d->awaiting);
}

static int
ui_approvals_heading(struct ui_list *list, struct ui_app *app, size_t k, int y)
{
	char *t;

	(void)list;
	if (k != 0)
		return 0;
	t = xasprintf("%s\t%s\t%s\t%s", _("Asked on"), _("Case"), _("Who asked"), _("Why"));
	ui_draw_cells(y, 2, app->cols - 4, t, ui_approval_widths, US_HEADING);
	free(t);
	return 1;
}

static void
ui_approvals_open_line(struct ui_list *list, struct ui_screen *s, struct ui_app *app,
    size_t k)
{
	struct ui_approvals *l = list->data;

	(void)s;
	ui_approval_review(app, &l->drafts[k]);
}

static void
ui_approvals_shown(struct ui_screen *s, struct ui_app *app)
{
	struct ui_approvals *l = s->data;

	ui_list_load(&l->list, app);
}

static void
ui_approvals_draw(struct ui_screen *s, struct ui_app *app)
{
	struct ui_approvals *l = s->data;

	ui_list_draw_body(&l->list, app, N_("Nothing awaits approval."));
}

static bool
ui_approvals_key(struct ui_screen *s, struct ui_app *app, int key, enum ui_action a)
{
	struct ui_approvals *l = s->data;

	return ui_list_screen_key(&l->list, s, app, key, a);
}

static void
ui_approvals_free(struct ui_screen *s)
{
	struct ui_approvals *l = s->data;

	ui_approvals_unload(l);
	ui_list_free(&l->list);
	free(l);
}

static const struct ui_screen_ops ui_approvals_ops = {
	.name = "approvals",
	.draw = ui_approvals_draw,
	.key = ui_approvals_key,
	.shown = ui_approvals_shown,
	.free = ui_approvals_free,
	.bar = ui_approvals_bar,
	.bar_label = ui_approvals_bar_label,
};

static const struct ui_list_ops ui_approvals_list_ops = {
	.load = ui_approvals_load,
	.line = ui_approvals_line,
	.heading = ui_approvals_heading,
	.open = ui_approvals_open_line,
};

void
ui_approvals_open(struct ui_app *app)
{
	struct ui_approvals *l = xcalloc(1, sizeof *l);

	l->list.ops = &ui_approvals_list_ops;
	l->list.data = l;
	l->list.reserve = 1;
	ui_push(app, &ui_approvals_ops, l, N_("Awaiting approval"));
}
