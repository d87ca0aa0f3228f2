/*
 * ui/call: hotline quick entry. F5/^P from any screen opens a new call with a
 * running timer, the caller's language first; F3/^F links it to a case found
 * by search (started from the caller's name, else the phone), F4/^N starts a
 * registration from what was typed (the name split into surname and given
 * names, asking which is the surname when that is not sure; phone, language,
 * location) and links the call to the new case.
 */
#include <stdlib.h>
#include <string.h>

#include "db/cases.h"
#include "form/workflow.h"
#include "i18n/name.h"
#include "ui/dialog.h"
#include "ui/formview.h"
#include "ui/formview_int.h"
#include "ui/newcase.h"
#include "ui/screens.h"
#include "util/mem.h"
#include "util/str.h"
#include "util/tr.h"

static const enum ui_action ui_call_bar[] = {
	UA_HELP, UA_SAVE, UA_BACK, UA_SEARCH, UA_NEW_CASE, UA_INTERP, UA_NONE
};

/* In a call, F3 links the call to a case and F4 registers the caller. */
static const char *
ui_call_bar_label(enum ui_action a)
{
	if (a == UA_SEARCH)
		return N_("Link to case");
	return a == UA_NEW_CASE ? N_("Register caller") : NULL;
}

/* Call field -> registration field (roles of the workflow table), for a
 * registration started from a call. */
static const struct {
	enum form_wf_role	from;
	enum form_wf_role	to;
} ui_call_carry[] = {
	{ WFR_CALL_PHONE, WFR_REG_PHONE },
	{ WFR_CALL_LANGUAGE, WFR_REG_LANGUAGES },
	{ WFR_CALL_INTERPRETED, WFR_REG_INTERPRETER },
	{ WFR_CALL_INTERPRETER_LANG, WFR_REG_INTERPRETER_LANG },
	{ WFR_CALL_LOCATION, WFR_REG_LOCATION },
};

/* The index of the field of a role in def, or -1. */
static int
ui_call_field(const struct ui_app *app, const struct form_def *def, enum form_wf_role role)
{
	const char *name = form_workflow_field(app->forms, role);

	return name != NULL ? form_field_index(def, name) : -1;
}

static void
ui_call_linked(struct ui_app *app, int64_t case_id, void *arg)
{
	struct form_record *call = arg;
	struct db_case c;
	char *err = NULL;

	call->case_id = case_id;
	if (db_case_load(app->db, case_id, &c, &err) != DB_OK) {
		ui_message_err(app, err, N_("The case cannot be read"));
		return;
	}
	ui_message(app, false, _("The call will be saved with case %s"), c.case_no);
	db_case_clear(&c);
}

static void
ui_call_registered(struct ui_app *app, const struct form_record *reg, void *arg)
{
	ui_call_linked(app, reg->case_id, arg);
}

/* A registration started from a call, waiting for its name. */
struct ui_call_reg {
	struct form_record	*reg;
	struct form_record	*call;
	int64_t			*call_draft;
};

/* Opens the registration with the caller's name split as n says. */
static void
ui_call_reg_open(struct ui_app *app, struct ui_call_reg *r, const struct i18n_name *n)
{
	struct ui_form_opts o = { 0 };
	int f;

	if (n != NULL && (f = ui_call_field(app, r->reg->def, WFR_REG_SURNAME)) >= 0)
		form_record_set(r->reg, (size_t)f, n->surname);
	if (n != NULL && (f = ui_call_field(app, r->reg->def, WFR_REG_GIVEN)) >= 0 &&
	    n->given[0] != '\0')
		form_record_set(r->reg, (size_t)f, n->given);
	ui_newcase_opts(&o, ui_call_registered, r->call);
	o.link = r->call;		/* the call's link is saved with the case */
	o.link_draft = r->call_draft;
	ui_form_open(app, r->reg, &o);
	free(r);
}

/* The caller said which word is the surname: yes, the last; no, the first. */
static void
ui_call_name_answer(struct ui_app *app, void *arg, bool last)
{
	struct ui_call_reg *r = arg;
	int f = ui_call_field(app, r->call->def, WFR_CALL_CALLER);
	struct i18n_name n;

	if (last)
		i18n_name_split(r->call->vals[f], &n);
	else
		i18n_name_split_first(r->call->vals[f], &n);
	ui_call_reg_open(app, r, &n);
	i18n_name_clear(&n);
}

/* The caller's name into surname and given names, asking when the split is
 * not sure ("Aslan Dudayev": is Dudayev the surname?). */
static void
ui_call_reg_name(struct ui_app *app, struct ui_call_reg *r)
{
	int f = ui_call_field(app, r->call->def, WFR_CALL_CALLER);
	struct i18n_name n;
	char *q;

	if (f < 0 || str_empty(r->call->vals[f])) {
		ui_call_reg_open(app, r, NULL);
		return;
	}
	i18n_name_split(r->call->vals[f], &n);
	if (n.sure) {
		ui_call_reg_open(app, r, &n);
	} else {
		q = xasprintf(_("Is %s the surname and %s the given names? (y/n; n: the other "
		    "way round)"), n.surname, n.given);
		ui_dialog_confirm(app, q, ui_call_name_answer, r);
		free(q);
	}
	i18n_name_clear(&n);
}

static void
ui_call_register(struct ui_app *app, struct ui_screen *s, struct form_record *call)
{
	struct ui_form *cf = s->data;
	const struct form_def *def = form_workflow_def(app->forms, WFS_REGISTRATION);
	struct ui_call_reg *r;
	size_t k;
	int from, to;

	if (def == NULL || !ui_may_add(app, def))
		return;
	r = xcalloc(1, sizeof *r);
	r->reg = form_record_new(def);
	r->call = call;
	r->call_draft = &cf->draft_id;
	for (k = 0; k < sizeof ui_call_carry / sizeof ui_call_carry[0]; k++) {
		from = ui_call_field(app, call->def, ui_call_carry[k].from);
		to = ui_call_field(app, def, ui_call_carry[k].to);
		if (from >= 0 && to >= 0 && !str_empty(call->vals[from]))
			form_record_set(r->reg, (size_t)to, call->vals[from]);
	}
	from = ui_call_field(app, call->def, WFR_CALL_LANGUAGE);
	ui_client_follow(app, from >= 0 ? call->vals[from] : NULL);	/* the caller's */
	ui_call_reg_name(app, r);
}

/* What the call holds to look for its case: the caller's name, else the
 * phone (NULL: nothing yet). */
static const char *
ui_call_query(const struct ui_app *app, const struct form_record *call)
{
	static const enum form_wf_role roles[] = { WFR_CALL_CALLER, WFR_CALL_PHONE };
	size_t k;
	int f;

	for (k = 0; k < sizeof roles / sizeof roles[0]; k++)
		if ((f = ui_call_field(app, call->def, roles[k])) >= 0 &&
		    !str_empty(call->vals[f]))
			return call->vals[f];
	return NULL;
}

static bool
ui_call_action(struct ui_app *app, struct ui_screen *s, struct form_record *call,
    enum ui_action a, void *arg)
{
	(void)arg;
	if (a == UA_SEARCH) {
		ui_caselist_pick_from(app, ui_call_query(app, call), ui_call_linked, call);
		return true;
	}
	if (a == UA_NEW_CASE) {
		ui_call_register(app, s, call);
		return true;
	}
	if (a == UA_CALL)
		return true;	/* already in a call */
	return false;
}

void
ui_call_open(struct ui_app *app, int64_t case_id)
{
	const struct form_def *def = form_workflow_def(app->forms, WFS_CALL);
	struct form_record *rec;
	struct ui_form_opts o = { 0 };

	if (def == NULL) {
		ui_message(app, true, "%s", _("There is no call form in forms/"));
		return;
	}
	rec = form_record_new(def);
	rec->case_id = case_id;
	ui_form_std_opts(&o, rec);
	o.action = ui_call_action;
	o.bar = ui_call_bar;
	o.bar_label = ui_call_bar_label;
	o.timer = true;
	o.timer_field = form_workflow_field(app->forms, WFR_CALL_DURATION);
	ui_form_open(app, rec, &o);
}
