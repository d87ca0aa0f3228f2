#include "ui/formsave.h"

#include <stdlib.h>
#include <string.h>
#include <stdio.h>

#include "db/approval.h"
#include "db/cases.h"
#include "db/draft.h"
#include "db/expr.h"
#include "db/lifecycle.h"
#include "db/perm.h"
#include "db/record.h"
#include "i18n/i18n.h"
#include "ui/conflict.h"
#include "ui/dialog.h"
#include "ui/field.h"
#include "util/date.h"
#include "util/mem.h"
#include "util/str.h"
#include "util/tr.h"

static void
ui_form_show_error(struct ui_form *f, struct ui_app *app, int field, struct ui_ferr *e)
{
	int k;

	ui_form_set_err(f, field, e);
	ui_form_recompute(f, app);
	k = ui_form_item_of(f, field);
	if (k >= 0)
		ui_form_focus(f, k);
	ui_message(app, true, "%s", _("Not saved: please correct the marked field"));
}

/* False when the record has problems (form/check): the first is shown under
 * its field with the cursor there; the others mark their fields where no
 * message stands yet. */
static bool
ui_form_check_all(struct ui_form *f, struct ui_app *app)
{
	struct form_logic logic = db_expr_logic(app->expr);
	struct form_problems ps = { 0 };
	struct form_problem *p;
	size_t k;

	if (form_check_record(app->forms, &logic, f->rec, &ps) == 0)
		return true;
	for (k = 1; k < ps.n; k++) {
		p = &ps.items[k];
		if (f->err[p->field] == NULL && p->field != ps.items[0].field)
			f->err[p->field] = ui_ferr_problem(p);
	}
	ui_form_show_error(f, app, (int)ps.items[0].field, ui_ferr_problem(&ps.items[0]));
	form_check_clear(&ps);
	return false;
}

void
ui_form_set_title(struct ui_form *f, struct ui_app *app)
{
	struct db_case c;
	char *t, *err = NULL;

	if (f->rec->case_id == 0)
		return;
	if (db_case_load(app->db, f->rec->case_id, &c, &err) != DB_OK) {
		ui_message_err(app, err, N_("The case cannot be read"));
		return;
	}
	t = xasprintf(" - %s %s", c.case_no, c.display_name != NULL ? c.display_name : "");
	ui_title_clear(app->top);
	ui_title_add(app->top, f->rec->def->title, t);
	free(t);
	db_case_clear(&c);
}

/* A record saved that awaits a supervisor all the same (db_approval_wanted):
 * a copy of it goes for approval as a draft when the user says so. */
struct ui_form_wanted {
	struct form_record	*rec;
	char			*why;
};

static void
ui_form_wanted_answer(struct ui_app *app, void *arg, bool yes)
{
	struct ui_form_wanted *w = arg;
	char *err = NULL;
	int64_t id = 0;

	if (yes && (db_draft_save(app->db, &id, w->rec, 0, &err) != DB_OK ||
	    db_approval_ask(app->db, id, w->why, &err) != DB_OK))
		ui_message_err(app, err, N_("Not sent for approval"));
	else if (yes) {
		app->gen++;
		ui_message(app, false, "%s", _("Sent to a supervisor for approval."));
	}
	form_record_free(w->rec);
	free(w->why);
	free(w);
}

static void
ui_form_offer_approval(struct ui_app *app, const struct form_record *rec)
{
	struct ui_form_wanted *w;
	char *why, *q;

	if (db_perm_approves(app->db) || !db_approval_wanted(app->db, rec, &why))
		return;
	w = xmalloc(sizeof *w);
	w->rec = form_record_dup(rec);
	w->why = why;
	q = xasprintf(_("Saved. %s. Send it to a supervisor for approval? (y/n)"), why);
	ui_dialog_confirm(app, q, ui_form_wanted_answer, w);
	free(q);
}

static void
ui_form_saved_ok(struct ui_screen *s, struct ui_form *f, struct ui_app *app)
{
	f->draft_id = 0;	/* removed with the save */
	f->saved = true;
	f->dirty = false;
	app->gen++;
	if (app->msg == NULL)
		ui_message(app, false, "%s", _("Saved."));
	if (f->opts.saved != NULL)
		f->opts.saved(app, f->rec, f->opts.arg);
	ui_close(app, s);
	ui_form_offer_approval(app, f->rec);
}

/* A save a supervisor's approval would let through: sent to one, or, for
 * whoever approves, approved (signed by the program) and saved again. */
struct ui_form_ask {
	struct ui_screen	*s;
	char			*why;
};

static void ui_form_store(struct ui_screen *, struct ui_form *, struct ui_app *);

static void
ui_form_ask_answer(struct ui_app *app, void *arg, bool yes)
{
	struct ui_form_ask *q = arg;
	struct ui_form *f = q->s->data;
	char *err = NULL;

	if (!yes)
		ui_message(app, true, "%s", q->why);
	else if (db_perm_approves(app->db)) {
		if (db_approval_sign(app->db, f->rec, &err) == DB_OK)
			ui_form_store(q->s, f, app);
		else
			ui_message_err(app, err, N_("Not approved"));
	} else if (ui_form_keep_draft(f, app) &&
	    db_approval_ask(app->db, f->draft_id, q->why, &err) != DB_OK)
		ui_message_err(app, err, N_("Not sent for approval"));
	else if (f->draft_id != 0) {
		f->dirty = false;
		ui_message(app, false, "%s", _("Sent to a supervisor for approval. It waits "
		    "in your drafts until it is approved or sent back."));
		ui_close(app, q->s);
	}
	free(q->why);
	free(q);
}

static void
ui_form_ask_approval(struct ui_screen *s, struct ui_app *app, char *why)
{
	struct ui_form_ask *q = xmalloc(sizeof *q);
	char *t;

	q->s = s;
	q->why = why != NULL ? why : xstrdup(_("Not saved"));
	t = xasprintf(db_perm_approves(app->db) ? _("%s. Approve it now, in your name? (y/n)") :
	    _("%s. Send it to a supervisor for approval? (y/n)"), q->why);
	ui_dialog_confirm(app, t, ui_form_ask_answer, q);
	free(t);
}

static void
ui_form_store(struct ui_screen *s, struct ui_form *f, struct ui_app *app)
{
	struct db_save_also also = { f->draft_id, f->opts.make_case, i18n_client_code(),
	    f->opts.link, f->opts.link_draft };
	struct form_record *theirs = NULL;
	char *err = NULL;
	enum db_status st;

	db_expr_apply(app->expr, f->rec, false, f->relevant);
	st = db_lifecycle_save_also(app->db, f->rec, &also, &theirs, &err);
	if (st == DB_OK) {
		ui_form_saved_ok(s, f, app);
	} else if (st == DB_CONFLICT && theirs != NULL) {
		ui_conflict_open(app, f, theirs);
	} else if (st == DB_APPROVAL) {
		ui_form_ask_approval(s, app, err);
		err = NULL;
	} else {
		ui_message(app, true, "%s", err != NULL ? err : _("Not saved"));
		form_record_free(theirs);
	}
	free(err);
}

/* The call's length in whole minutes (rounded up), unless typed in. */
static void
ui_form_fill_timer(struct ui_form *f)
{
	int i = f->opts.timer_field != NULL ? form_field_index(f->rec->def,
	    f->opts.timer_field) : -1;
	long secs = date_elapsed() - f->opened;
	char buf[24];

	if (i < 0 || !str_empty(f->rec->vals[i]))
		return;
	snprintf(buf, sizeof buf, "%ld", (secs + 59) / 60);
	form_record_set(f->rec, (size_t)i, buf);
}

void
ui_form_save(struct ui_screen *s, struct ui_form *f, struct ui_app *app)
{
	struct ui_form *root;
	struct ui_screen *below;
	char *msg = NULL;

	if (f->edit_field >= 0)
		ui_form_commit(f, app);
	if (f->view_only) {
		/* the data layer refuses it too: its message names form and role */
		db_perm_refuse(app->db, f->root->rec->def, f->root->rec->id == 0 ? FA_CREATE :
		    FA_EDIT, &msg);
		ui_message(app, true, "%s", msg != NULL ? msg : "");
		free(msg);
		return;
	}
	if (!ui_form_check_all(f, app))
		return;
	if (f->root != f) {	/* a row checked: F2 saves the whole form */
		root = f->root;
		below = s->below;	/* the form's screen (a close takes effect later) */
		ui_close(app, s);
		ui_form_recompute(root, app);	/* its sums over the rows */
		if (below != NULL && below->data == root)
			ui_form_save(below, root, app);
		return;
	}
	if (f->opts.timer)
		ui_form_fill_timer(f);
	if (f->opts.check != NULL && (msg = f->opts.check(app, f->rec, f->opts.arg)) != NULL) {
		ui_message(app, true, "%s", msg);
		free(msg);
		return;
	}
	ui_form_store(s, f, app);
}
