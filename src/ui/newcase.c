#include "ui/newcase.h"

#include <stdlib.h>
#include <string.h>

#include "db/cases.h"
#include "db/dupes.h"
#include "form/workflow.h"
#include "i18n/conv.h"
#include "i18n/i18n.h"
#include "ui/draw.h"
#include "ui/formsave.h"
#include "ui/screens.h"
#include "util/mem.h"
#include "util/str.h"
#include "util/tr.h"

struct ui_newcase {
	bool		 dups_seen;
	ui_form_saved_fn then;
	void		*then_arg;
};

struct ui_dups {
	const struct form_record *rec;	/* the registration being saved */
	struct db_dup	*dups;
	struct ui_list	 list;
};

static const enum ui_action ui_dups_bar[] = { UA_HELP, UA_ENTER, UA_SAVE, UA_BACK, UA_NONE };
static const int ui_dups_widths[] = { 16, 34, 10, 0 };

static bool
ui_dups_load(struct ui_list *l, struct ui_app *app, size_t *n, char **err)
{
	struct ui_dups *d = l->data;

	return db_dup_find(app->db, d->rec, i18n_fold_name, &d->dups, n,
	    err) == DB_OK;
}

static char *
ui_dups_line(struct ui_list *l, struct ui_app *app, size_t k, const int **widths)
{
	struct ui_dups *d = l->data;
	const struct db_dup *p = &d->dups[k];

	*widths = ui_dups_widths;
	return xasprintf("%s\t%s %s %s\t%s\t%s%s", p->case_no,
	    p->person.surname != NULL ? p->person.surname : "",
	    p->person.given_names != NULL ? p->person.given_names : "",
	    p->person.native_name != NULL ? p->person.native_name : "",
	    p->person.dob != NULL ? p->person.dob : "",
	    p->person.nationality != NULL ? p->person.nationality : "",
	    p->family ? _(" (family member)") : "");
}

/* Enter opens the existing case instead. */
static void
ui_dups_enter(struct ui_list *l, struct ui_screen *s, struct ui_app *app, size_t k)
{
	struct ui_dups *d = l->data;

	ui_close(app, s);
	if (s->below != NULL)
		ui_close(app, s->below);	/* the new registration stays a draft */
	ui_caseview_open(app, d->dups[k].case_id);
}

static void
ui_dups_draw(struct ui_screen *s, struct ui_app *app)
{
	struct ui_dups *d = s->data;
	int top = ui_body_top();

	ui_draw_wrapped(top, 1, app->cols - 2, 2, _("These existing cases may be the same "
	    "person. Enter opens one instead; F2 (^O) makes a new case anyway; Esc goes back "
	    "to the form."), US_ERROR);
	ui_list_draw(&d->list, app, top + 3, ui_body_rows(app) - 3);
}

static bool
ui_dups_key(struct ui_screen *s, struct ui_app *app, int key, enum ui_action a)
{
	struct ui_dups *d = s->data;

	if (key == UI_KEY_TICK || ui_list_key(&d->list, s, app, a, ui_body_rows(app) - 4))
		return true;
	if (a == UA_SAVE && s->below != NULL && s->below->ops == &ui_form_ops) {
		ui_close(app, s);
		ui_form_save(s->below, s->below->data, app);	/* duplicates seen: saves */
		return true;
	}
	if (a == UA_BACK) {
		ui_close(app, s);
		return true;
	}
	return false;
}

static void
ui_dups_free(struct ui_screen *s)
{
	struct ui_dups *d = s->data;

	db_dup_free(d->dups, d->list.n);
	ui_list_free(&d->list);
	free(d);
}

static const struct ui_list_ops ui_dups_list_ops = {
	.load = ui_dups_load,
	.line = ui_dups_line,
	.open = ui_dups_enter,
};

static const struct ui_screen_ops ui_dups_ops = {
	.name = "duplicates",
	.draw = ui_dups_draw,
	.key = ui_dups_key,
	.free = ui_dups_free,
	.bar = ui_dups_bar,
};

/* True when likely duplicates were found and listed. */
static bool
ui_newcase_dups(struct ui_app *app, const struct form_record *rec)
{
	struct ui_dups *d;

	if (!str_eq(rec->def->name, form_workflow_form(app->forms, WFS_REGISTRATION)))
		return false;
	d = xcalloc(1, sizeof *d);
	d->rec = rec;
	d->list.ops = &ui_dups_list_ops;
	d->list.data = d;
	/* Read once, when the save is asked for; a failure is said and the
	 * save goes on (the rules below the screen still hold). */
	if (!ui_list_load(&d->list, app) || d->list.n == 0) {
		db_dup_free(d->dups, d->list.n);
		ui_list_free(&d->list);
		free(d);
		return false;
	}
	ui_push(app, &ui_dups_ops, d, N_("Possible duplicates"));
	return true;
}

/* Before the save that makes the case: the likely duplicates, once. */
static char *
ui_newcase_check(struct ui_app *app, struct form_record *rec, void *arg)
{
	struct ui_newcase *nc = arg;

	if (rec->case_id != 0 || !rec->def->needs_case || nc->dups_seen)
		return NULL;
	nc->dups_seen = true;
	if (ui_newcase_dups(app, rec))
		return xstrdup(_("Possible duplicates: check them before making a new case"));
	return NULL;
}

static void
ui_newcase_saved(struct ui_app *app, const struct form_record *rec, void *arg)
{
	struct ui_newcase *nc = arg;

	if (nc->then != NULL)
		nc->then(app, rec, nc->then_arg);
	else
		ui_caseview_open(app, rec->case_id);
}

void
ui_newcase_opts(struct ui_form_opts *o, ui_form_saved_fn then, void *then_arg)
{
	struct ui_newcase *nc = xcalloc(1, sizeof *nc);

	nc->then = then;
	nc->then_arg = then_arg;
	o->check = ui_newcase_check;
	o->make_case = true;
	o->saved = ui_newcase_saved;
	o->arg = nc;
	o->arg_free = free;
}
