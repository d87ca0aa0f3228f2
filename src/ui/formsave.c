#include "ui/formsave.h"

#include <stdlib.h>
#include <string.h>
#include <stdio.h>

#include "db/cases.h"
#include "db/draft.h"
#include "db/lifecycle.h"
#include "db/record.h"
#include "i18n/i18n.h"
#include "ui/conflict.h"
#include "ui/field.h"
#include "util/date.h"
#include "util/mem.h"
#include "util/str.h"
#include "util/tr.h"

static const char *
ui_form_label(const struct form_field *fd)
{
	return _(fd->label != NULL ? fd->label : fd->name);
}

/* Type check of a stored value (a draft may hold what was typed). */
static char *
ui_form_check_value(struct ui_app *app, const struct form_record *rec, size_t i)
{
	const struct form_field *fd = &rec->def->fields[i];
	char *canon = NULL, *msg = NULL;

	if (fd->type == FT_CALCULATED)
		return NULL;
	if (fd->type == FT_MONEY)	/* the amount is checked when typed */
		return str_empty(rec->curs[i]) ? xasprintf(_("%s: choose the currency (type "
		    "its letters)"), ui_form_label(fd)) : NULL;
	if (!form_value_check(app->forms, fd, rec->vals[i], &canon, &msg))
		return msg;
	free(canon);
	return NULL;
}

static char *
ui_form_check_rows(struct ui_app *app, const struct form_record *rec, size_t i)
{
	const struct form_field *fd = &rec->def->fields[i];
	const struct form_rows *rows = &rec->kids[i];
	char *msg = NULL;
	size_t r;
	int bad;

	if (fd->required && rows->n == 0)
		return xasprintf(_("%s: add at least one row"), ui_form_label(fd));
	if (fd->min != NULL && rows->n < (size_t)atoi(fd->min))
		return xasprintf(_("%s: at least %s rows are needed"), ui_form_label(fd), fd->min);
	if (fd->max != NULL && rows->n > (size_t)atoi(fd->max))
		return xasprintf(_("%s: at most %s rows are allowed"), ui_form_label(fd), fd->max);
	for (r = 0; r < rows->n; r++) {
		bad = ui_form_check(app, rows->rows[r], &msg);
		if (bad >= 0) {
			char *m = xasprintf(_("Row %zu: %s"), r + 1, msg);

			free(msg);
			return m;
		}
	}
	return NULL;
}

static char *
ui_form_check_field(struct ui_app *app, const struct form_record *rec, size_t i)
{
	const struct form_field *fd = &rec->def->fields[i];

	if (fd->type == FT_NOTE)
		return NULL;
	if (fd->type == FT_REPEAT)
		return ui_form_check_rows(app, rec, i);
	if (str_empty(rec->vals[i]))
		return fd->required ? xasprintf(_("%s is required"), ui_form_label(fd)) : NULL;
	{
		char *msg = ui_form_check_value(app, rec, i);

		if (msg != NULL)
			return msg;
	}
	if (fd->constraint != NULL &&
	    !db_expr_truth(app->expr, fd->constraint, rec, true))
		return fd->constraint_msg != NULL ? xstrdup(_(fd->constraint_msg)) :
		    xasprintf(_("%s does not meet the rule %s"), ui_form_label(fd),
		    fd->constraint);
	return NULL;
}

int
ui_form_check(struct ui_app *app, const struct form_record *rec, char **msg)
{
	bool *rel = xcalloc(rec->def->nfields, sizeof *rel);
	struct form_record *copy = form_record_dup(rec);
	size_t i;
	int bad = -1;

	db_expr_apply(app->expr, copy, false, rel);
	for (i = 0; i < rec->def->nfields && bad < 0; i++) {
		if (!rel[i])
			continue;
		*msg = ui_form_check_field(app, copy, i);
		if (*msg != NULL)
			bad = (int)i;
	}
	form_record_free(copy);
	free(rel);
	return bad;
}

static void
ui_form_show_error(struct ui_form *f, struct ui_app *app, int field, char *msg)
{
	int k;

	free(f->err[field]);
	f->err[field] = msg;
	ui_form_recompute(f, app);
	k = ui_form_item_of(f, field);
	if (k >= 0)
		ui_form_focus(f, k);
	ui_message(app, true, "%s", _("Not saved: please correct the marked field"));
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
	char *msg = NULL;
	int bad;

	if (f->edit_field >= 0)
		ui_form_commit(f, app);
	bad = ui_form_check(app, f->rec, &msg);
	if (bad >= 0) {
		ui_form_show_error(f, app, bad, msg);
		return;
	}
	if (f->root != f) {
		ui_close(app, s);
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
