/*
 * form/workflow: the workflow table's parser, its verification against the
 * forms, and the look-ups the code names stages and roles by. This file is
 * the one place that spells a stage's or a role's name; the names of forms
 * and fields come from the table (forms/workflow).
 */
#include "form/workflow.h"

#include <stdlib.h>
#include <string.h>

#include "form/internal.h"
#include "util/mem.h"
#include "util/str.h"
#include "util/tr.h"

#define WF_NONE	(-1)
#define WF_SKIP	(-2)	/* a refused stage block: its lines are ignored */

/* The stages the code knows, by the name the table gives them. */
static const char *const form_wf_stage_names[WF__STAGES] = {
	[WF_CALL] = "call", [WF_CAMPAIGN] = "campaign", [WF_PROJECT] = "project",
	[WF_REGISTRATION] = "registration", [WF_CONSENT] = "consent",
	[WF_SESSION] = "session", [WF_PREP] = "prep", [WF_DEPARTURE] = "departure",
	[WF_PLAN] = "plan", [WF_PAYMENT] = "payment", [WF_MONITORING] = "monitoring",
	[WF_CLOSURE] = "closure",
};

/* A role: what the code reads a field as. codes: the choice codes the code
 * compares the value with (space-separated), NULL for none. */
struct form_wf_role_def {
	const char		*name;		/* within its stage; GROUP.ROLE for a row */
	enum form_wf_stage	 stage;
	int			 parent;	/* the repeat role of a row role, or WF_NONE */
	enum form_type		 type;
	const char		*codes;
};

#define R(role, st, nm, ty, cd) [role] = { nm, st, WF_NONE, ty, cd }
#define ROW(role, st, par, nm, ty) [role] = { nm, st, par, ty, NULL }

static const struct form_wf_role_def form_wf_roles[WF__ROLES] = {
	R(WF_REG_SURNAME, WF_REGISTRATION, "surname", FT_TEXT, NULL),
	R(WF_REG_GIVEN, WF_REGISTRATION, "given_names", FT_TEXT, NULL),
	R(WF_REG_NATIVE, WF_REGISTRATION, "native_name", FT_TEXT, NULL),
	R(WF_REG_DOB, WF_REGISTRATION, "dob", FT_DATE, NULL),
	R(WF_REG_NATIONALITY, WF_REGISTRATION, "nationality", FT_SELECT_ONE, NULL),
	R(WF_REG_VULN, WF_REGISTRATION, "vulnerabilities", FT_SELECT_MANY,
	    "unaccompanied_minor elderly"),
	R(WF_REG_PROJECT, WF_REGISTRATION, "project", FT_TEXT, NULL),
	R(WF_REG_FAMILY, WF_REGISTRATION, "family", FT_REPEAT, NULL),
	R(WF_REG_PHONE, WF_REGISTRATION, "phone", FT_PHONE, NULL),
	R(WF_REG_LANGUAGES, WF_REGISTRATION, "languages", FT_SELECT_MANY, NULL),
	R(WF_REG_INTERPRETER, WF_REGISTRATION, "interpreter", FT_YESNO, NULL),
	R(WF_REG_INTERPRETER_LANG, WF_REGISTRATION, "interpreter_language", FT_SELECT_ONE, NULL),
	R(WF_REG_LOCATION, WF_REGISTRATION, "location", FT_SELECT_ONE, NULL),
	ROW(WF_FAM_SURNAME, WF_REGISTRATION, WF_REG_FAMILY, "family.surname", FT_TEXT),
	ROW(WF_FAM_GIVEN, WF_REGISTRATION, WF_REG_FAMILY, "family.given_names", FT_TEXT),
	ROW(WF_FAM_NATIVE, WF_REGISTRATION, WF_REG_FAMILY, "family.native_name", FT_TEXT),
	ROW(WF_FAM_DOB, WF_REGISTRATION, WF_REG_FAMILY, "family.dob", FT_DATE),
	ROW(WF_FAM_NATIONALITY, WF_REGISTRATION, WF_REG_FAMILY, "family.nationality",
	    FT_SELECT_ONE),
	[WF_FAM_VULN] = { "family.vulnerabilities", WF_REGISTRATION, WF_REG_FAMILY,
	    FT_SELECT_MANY, "unaccompanied_minor elderly" },
	ROW(WF_FAM_RELATIONSHIP, WF_REGISTRATION, WF_REG_FAMILY, "family.relationship",
	    FT_SELECT_ONE),
	ROW(WF_FAM_RELATIONSHIP_OTHER, WF_REGISTRATION, WF_REG_FAMILY,
	    "family.relationship_other", FT_TEXT),
	R(WF_CONSENT_GIVEN, WF_CONSENT, "given", FT_YESNO, NULL),
	R(WF_CONSENT_ON, WF_CONSENT, "on", FT_DATE, NULL),
	R(WF_CONSENT_EXPLAINED_IN, WF_CONSENT, "explained_in", FT_SELECT_ONE, NULL),
	R(WF_CALL_STARTED, WF_CALL, "started", FT_DATETIME, NULL),
	R(WF_CALL_CALLER, WF_CALL, "caller", FT_TEXT, NULL),
	R(WF_CALL_OUTCOME, WF_CALL, "outcome", FT_SELECT_ONE, NULL),
	R(WF_CALL_PHONE, WF_CALL, "phone", FT_PHONE, NULL),
	R(WF_CALL_LANGUAGE, WF_CALL, "language", FT_SELECT_ONE, NULL),
	R(WF_CALL_INTERPRETED, WF_CALL, "interpreted", FT_YESNO, NULL),
	R(WF_CALL_INTERPRETER_LANG, WF_CALL, "interpreter_language", FT_SELECT_ONE, NULL),
	R(WF_CALL_LOCATION, WF_CALL, "location", FT_SELECT_ONE, NULL),
	R(WF_CALL_DURATION, WF_CALL, "duration", FT_INTEGER, NULL),
	R(WF_SESSION_DATE, WF_SESSION, "date", FT_DATE, NULL),
	R(WF_SESSION_KIND, WF_SESSION, "kind", FT_SELECT_ONE, NULL),
	R(WF_SESSION_MODE, WF_SESSION, "mode", FT_SELECT_ONE, NULL),
	R(WF_SESSION_NEXT, WF_SESSION, "next_steps", FT_MULTILINE, NULL),
	R(WF_PREP_DOC, WF_PREP, "travel_doc", FT_SELECT_ONE, "passport replacement other"),
	R(WF_PREP_DOC_OTHER, WF_PREP, "travel_doc_other", FT_TEXT, NULL),
	R(WF_PREP_PASSPORT_NO, WF_PREP, "passport_no", FT_TEXT, NULL),
	R(WF_PREP_EXPIRY, WF_PREP, "passport_expiry", FT_DATE, NULL),
	R(WF_PREP_EMBASSY, WF_PREP, "embassy", FT_SELECT_ONE, NULL),
	R(WF_PREP_REQUESTED, WF_PREP, "requested_on", FT_DATE, NULL),
	R(WF_PREP_ISSUED, WF_PREP, "issued_on", FT_DATE, NULL),
	R(WF_PREP_FLIGHTS, WF_PREP, "flights", FT_REPEAT, NULL),
	ROW(WF_FLIGHT_DATE, WF_PREP, WF_PREP_FLIGHTS, "flights.date", FT_DATE),
	ROW(WF_FLIGHT_FROM, WF_PREP, WF_PREP_FLIGHTS, "flights.from", FT_TEXT),
	ROW(WF_FLIGHT_TO, WF_PREP, WF_PREP_FLIGHTS, "flights.to", FT_TEXT),
	ROW(WF_FLIGHT_NO, WF_PREP, WF_PREP_FLIGHTS, "flights.no", FT_TEXT),
	R(WF_PREP_ALLOWANCE, WF_PREP, "allowance", FT_MONEY, NULL),
	R(WF_PREP_ALLOWANCE_PAID, WF_PREP, "allowance_paid_on", FT_DATE, NULL),
	R(WF_DEP_ON, WF_DEPARTURE, "departed_on", FT_DATE, NULL),
	R(WF_DEP_ARRIVED, WF_DEPARTURE, "arrival_confirmed", FT_YESNO, NULL),
	R(WF_DEP_CONFIRMED_ON, WF_DEPARTURE, "confirmed_on", FT_DATE, NULL),
	R(WF_DEP_CONFIRMED_BY, WF_DEPARTURE, "confirmed_by", FT_SELECT_ONE, NULL),
	R(WF_PLAN_GRANT, WF_PLAN, "grant", FT_MONEY, NULL),
	R(WF_PLAN_PREPARED, WF_PLAN, "prepared_on", FT_DATE, NULL),
	R(WF_PLAN_TIMING, WF_PLAN, "timing", FT_SELECT_ONE, NULL),
	R(WF_PLAN_ITEMS, WF_PLAN, "items", FT_REPEAT, NULL),
	R(WF_PLAN_APPROVED_BY, WF_PLAN, "approved_by", FT_TEXT, NULL),
	R(WF_PLAN_APPROVED_ON, WF_PLAN, "approved_on", FT_DATE, NULL),
	ROW(WF_ITEM_TYPE, WF_PLAN, WF_PLAN_ITEMS, "items.type", FT_SELECT_ONE),
	ROW(WF_ITEM_PROVIDER, WF_PLAN, WF_PLAN_ITEMS, "items.provider", FT_TEXT),
	ROW(WF_ITEM_BUDGET, WF_PLAN, WF_PLAN_ITEMS, "items.budget", FT_MONEY),
	ROW(WF_ITEM_CANCELLED, WF_PLAN, WF_PLAN_ITEMS, "items.cancelled", FT_YESNO),
	ROW(WF_ITEM_CANCEL_REASON, WF_PLAN, WF_PLAN_ITEMS, "items.cancel_reason", FT_TEXT),
	R(WF_PAY_ITEM, WF_PAYMENT, "item_no", FT_INTEGER, NULL),
	R(WF_PAY_ON, WF_PAYMENT, "paid_on", FT_DATE, NULL),
	R(WF_PAY_AMOUNT, WF_PAYMENT, "amount", FT_MONEY, NULL),
	R(WF_PAY_RATE, WF_PAYMENT, "rate", FT_DECIMAL, NULL),
	R(WF_PAY_EUR, WF_PAYMENT, "amount_eur", FT_CALCULATED, NULL),
	R(WF_PAY_INVOICE, WF_PAYMENT, "invoice_no", FT_TEXT, NULL),
	R(WF_PAY_OVERRUN_BY, WF_PAYMENT, "overrun_by", FT_TEXT, NULL),
	R(WF_PAY_OVERRUN_ON, WF_PAYMENT, "overrun_on", FT_DATE, NULL),
	R(WF_MON_ON, WF_MONITORING, "monitored_on", FT_DATE, NULL),
	R(WF_MON_MODE, WF_MONITORING, "mode", FT_SELECT_ONE, NULL),
	R(WF_MON_ITEMS, WF_MONITORING, "items", FT_REPEAT, NULL),
	ROW(WF_MON_ITEM_NO, WF_MONITORING, WF_MON_ITEMS, "items.item_no", FT_INTEGER),
	R(WF_MON_SCORE, WF_MONITORING, "score", FT_CALCULATED, NULL),
	R(WF_CLOSE_ON, WF_CLOSURE, "closed_on", FT_DATE, NULL),
	R(WF_CLOSE_REASON, WF_CLOSURE, "reason", FT_SELECT_ONE, "completed other"),
	R(WF_CLOSE_REASON_OTHER, WF_CLOSURE, "reason_other", FT_TEXT, NULL),
	R(WF_PROJECT_CODE, WF_PROJECT, "code", FT_TEXT, NULL),
	R(WF_PROJECT_BUDGET, WF_PROJECT, "budget", FT_MONEY, NULL),
	R(WF_PROJECT_GRANT, WF_PROJECT, "grant_per_person", FT_MONEY, NULL),
	R(WF_PROJECT_LIMIT, WF_PROJECT, "approval_limit", FT_MONEY, NULL),
};

#undef R
#undef ROW

struct form_wf_stage_row {
	char	*form;
	char	*status;	/* NULL: none */
	int	 status_line;
	bool	 seen;
	bool	 has_records;
	bool	 once;
	int	 order;
	int	 line;
};

struct form_wf_role_row {
	char		*field;		/* NULL: not in the table */
	char		*list;
	enum form_type	 type;
	int		 line;
};

struct form_workflow {
	char			*file;
	struct form_wf_stage_row stage[WF__STAGES];
	struct form_wf_role_row	 role[WF__ROLES];
};

/* What the parser of one file carries from line to line. */
struct form_wf_parse {
	struct form_set		*set;
	struct form_workflow	*wf;
	int			 line;
	int			 stage;		/* the open stage block, or WF_NONE */
};

static void
form_wf_error(struct form_wf_parse *p, const char *fmt, const char *a, const char *b)
{
	form_set_error(p->set, p->wf->file, p->line, fmt, a != NULL ? a : "",
	    b != NULL ? b : "");
}

/* The next blank-separated word of *s (NUL-terminated in place), or NULL. */
static char *
form_wf_word(char **s)
{
	char *w = *s;

	while (*w == ' ' || *w == '\t')
		w++;
	if (*w == '\0')
		return NULL;
	*s = w + strcspn(w, " \t");
	if (**s != '\0')
		*(*s)++ = '\0';
	return w;
}

static int
form_wf_stage_find(const char *name)
{
	int i;

	for (i = 0; i < WF__STAGES; i++)
		if (strcmp(form_wf_stage_names[i], name) == 0)
			return i;
	return WF_NONE;
}

static int
form_wf_role_find(int stage, const char *name)
{
	int i;

	for (i = 0; i < WF__ROLES; i++)
		if ((int)form_wf_roles[i].stage == stage && strcmp(form_wf_roles[i].name, name) == 0)
			return i;
	return WF_NONE;
}

static void
form_wf_stage_line(struct form_wf_parse *p, char *rest)
{
	char *name = form_wf_word(&rest);
	int st = name != NULL ? form_wf_stage_find(name) : WF_NONE;

	p->stage = WF_SKIP;
	if (name == NULL || form_wf_word(&rest) != NULL) {
		form_wf_error(p, _("stage needs one name%s%s"), "", "");
		return;
	}
	if (st == WF_NONE) {
		form_wf_error(p, _("unknown stage '%s'%s"), name, "");
		return;
	}
	if (p->wf->stage[st].seen) {
		form_wf_error(p, _("stage '%s' given twice%s"), name, "");
		return;
	}
	p->wf->stage[st].seen = true;
	p->wf->stage[st].line = p->line;
	p->stage = st;
}

/* field ROLE = FIELD TYPE [LIST] */
static void
form_wf_field_line(struct form_wf_parse *p, char *rest)
{
	char *role = form_wf_word(&rest), *eq = form_wf_word(&rest);
	char *field = form_wf_word(&rest), *type = form_wf_word(&rest);
	char *list = form_wf_word(&rest);
	int r = role != NULL ? form_wf_role_find(p->stage, role) : WF_NONE;
	enum form_type t;

	if (type == NULL || !str_eq(eq, "=") || form_wf_word(&rest) != NULL ||
	    !str_is_ident(field)) {
		form_wf_error(p, _("expected: field ROLE = FIELD TYPE [LIST]%s%s"), "", "");
		return;
	}
	if (r == WF_NONE) {
		form_wf_error(p, _("unknown role '%s' of stage '%s'"), role,
		    form_wf_stage_names[p->stage]);
		return;
	}
	if (p->wf->role[r].field != NULL) {
		form_wf_error(p, _("role '%s' given twice%s"), role, "");
		return;
	}
	if (!form_type_from_name(type, &t) || t != form_wf_roles[r].type) {
		form_wf_error(p, _("role '%s' is read as %s"), role,
		    form_type_name(form_wf_roles[r].type));
		return;
	}
	p->wf->role[r].field = xstrdup(field);
	p->wf->role[r].list = list != NULL ? xstrdup(list) : NULL;
	p->wf->role[r].type = t;
	p->wf->role[r].line = p->line;
}

static void
form_wf_records(struct form_wf_parse *p, struct form_wf_stage_row *s, const char *v)
{
	if (!str_eq(v, "one") && !str_eq(v, "many")) {
		form_wf_error(p, _("records is one or many, not '%s'%s"), v, "");
		return;
	}
	s->has_records = true;
	s->once = str_eq(v, "one");
}

static void
form_wf_order(struct form_wf_parse *p, struct form_wf_stage_row *s, const char *v)
{
	char *end;
	long n = strtol(v, &end, 10);

	if (*v == '\0' || *end != '\0' || n < 1 || n > 999) {
		form_wf_error(p, _("order is a number from 1 to 999, not '%s'%s"), v, "");
		return;
	}
	s->order = (int)n;
}

/* A key line (form, status, records, order) of the open stage. */
static void
form_wf_key_line(struct form_wf_parse *p, const char *key, char *rest)
{
	struct form_wf_stage_row *s = &p->wf->stage[p->stage];
	char *v = form_wf_word(&rest);

	if (v == NULL || form_wf_word(&rest) != NULL) {
		form_wf_error(p, _("'%s' needs one value%s"), key, "");
		return;
	}
	if (str_eq(key, "form") && s->form == NULL && str_is_ident(v))
		s->form = xstrdup(v);
	else if (str_eq(key, "status") && s->status == NULL && str_is_ident(v)) {
		s->status = str_eq(v, "none") ? xstrdup("") : xstrdup(v);
		s->status_line = p->line;
	} else if (str_eq(key, "records"))
		form_wf_records(p, s, v);
	else if (str_eq(key, "order"))
		form_wf_order(p, s, v);
	else
		form_wf_error(p, _("unknown or repeated key '%s'%s"), key, "");
}

static void
form_wf_line(struct form_wf_parse *p, char *line)
{
	bool indented = line[0] == ' ' || line[0] == '\t';
	char *rest = line, *word = form_wf_word(&rest);

	if (word == NULL || word[0] == '#')
		return;
	if (!indented && str_eq(word, "stage"))
		form_wf_stage_line(p, rest);
	else if (!indented)
		form_wf_error(p, _("unknown block '%s'%s"), word, "");
	else if (p->stage == WF_NONE)
		form_wf_error(p, _("'%s' outside a stage%s"), word, "");
	else if (p->stage == WF_SKIP)
		return;
	else if (str_eq(word, "field"))
		form_wf_field_line(p, rest);
	else
		form_wf_key_line(p, word, rest);
}

void
form_workflow_parse(struct form_set *set, const char *name, const char *text)
{
	struct form_wf_parse p = { set, NULL, 0, WF_NONE };	/* no stage open yet */
	char *copy, *line, *next;
	int i;

	if (set->workflow != NULL) {
		form_set_error(set, name, 0, "%s", _("a second workflow table"));
		return;
	}
	p.wf = xcalloc(1, sizeof *p.wf);
	p.wf->file = xstrdup(name);
	set->workflow = p.wf;
	copy = xstrdup(text);
	for (line = copy; line != NULL; line = next) {
		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		line[strcspn(line, "\r")] = '\0';
		p.line++;
		form_wf_line(&p, line);
	}
	free(copy);
	for (i = 0; i < WF__STAGES; i++)
		if (p.wf->stage[i].seen && p.wf->stage[i].form == NULL)
			form_set_error(set, name, p.wf->stage[i].line,
			    _("stage '%s' names no form"), form_wf_stage_names[i]);
}

/* The form or repeat group a role's field is looked up in, or NULL. */
static const struct form_def *
form_wf_home(const struct form_set *set, int r)
{
	const struct form_def *def = form_workflow_def(set, form_wf_roles[r].stage);
	const char *group;
	int k;

	if (def == NULL || form_wf_roles[r].parent == WF_NONE)
		return def;
	group = set->workflow->role[form_wf_roles[r].parent].field;
	k = group != NULL ? form_field_index(def, group) : -1;
	return k >= 0 && def->fields[k].type == FT_REPEAT ? def->fields[k].group : NULL;
}

/* The codes the code compares the role's value with are all in its list. */
static void
form_wf_check_codes(struct form_set *set, int r, const struct form_field *f)
{
	const struct form_workflow *wf = set->workflow;
	const struct form_choices *list;
	char *codes, *rest, *code;

	if (form_wf_roles[r].codes == NULL || f->choices == NULL ||
	    (list = form_set_choices(set, f->choices)) == NULL)
		return;
	codes = xstrdup(form_wf_roles[r].codes);
	rest = codes;
	while ((code = form_wf_word(&rest)) != NULL)
		if (!list->builtin && form_choice_find(list, code) == NULL)
			form_set_error(set, wf->file, wf->role[r].line,
			    _("choice list '%s' has no code '%s', which the rules compare with"),
			    f->choices, code);
	free(codes);
}

static void
form_wf_check_role(struct form_set *set, int r)
{
	const struct form_workflow *wf = set->workflow;
	const struct form_wf_role_row *row = &wf->role[r];
	const struct form_def *home = form_wf_home(set, r);
	const struct form_field *f;
	int k;

	if (row->field == NULL || form_workflow_def(set, form_wf_roles[r].stage) == NULL)
		return;
	if (home == NULL) {
		form_set_error(set, wf->file, row->line, _("role '%s': its repeat group is not in the form"),
		    form_wf_roles[r].name);
		return;
	}
	if ((k = form_field_index(home, row->field)) < 0) {
		form_set_error(set, wf->file, row->line, _("form '%s' has no field '%s'"),
		    home->name, row->field);
		return;
	}
	f = &home->fields[k];
	if (f->type != row->type)
		form_set_error(set, wf->file, row->line, _("field '%s' of form '%s' is %s, not %s"),
		    row->field, home->name, form_type_name(f->type), form_type_name(row->type));
	else if (row->list != NULL && !str_eq(row->list, f->choices))
		form_set_error(set, wf->file, row->line,
		    _("field '%s' of form '%s' has the list '%s', not '%s'"), row->field,
		    home->name, f->choices != NULL ? f->choices : "", row->list);
	else
		form_wf_check_codes(set, r, f);
}

static void
form_wf_check_stage(struct form_set *set, int s)
{
	const struct form_workflow *wf = set->workflow;
	const struct form_wf_stage_row *row = &wf->stage[s];
	const struct form_def *def;

	if (!row->seen || row->form == NULL)
		return;
	def = form_set_find(set, row->form);
	if (def == NULL)
		form_set_error(set, wf->file, row->line, _("stage '%s': no form '%s'"),
		    form_wf_stage_names[s], row->form);
	else if (row->has_records && row->once != def->once)
		form_set_error(set, wf->file, row->line,
		    row->once ? _("stage '%s': form '%s' is not once per case")
			      : _("stage '%s': form '%s' is once per case"),
		    form_wf_stage_names[s], row->form);
}

void
form_workflow_check(struct form_set *set)
{
	int i;

	if (set->workflow == NULL)
		return;
	for (i = 0; i < WF__STAGES; i++)
		form_wf_check_stage(set, i);
	for (i = 0; i < WF__ROLES; i++)
		form_wf_check_role(set, i);
}

void
form_workflow_free(struct form_workflow *wf)
{
	int i;

	if (wf == NULL)
		return;
	for (i = 0; i < WF__STAGES; i++) {
		free(wf->stage[i].form);
		free(wf->stage[i].status);
	}
	for (i = 0; i < WF__ROLES; i++) {
		free(wf->role[i].field);
		free(wf->role[i].list);
	}
	free(wf->file);
	free(wf);
}

const char *
form_workflow_form(const struct form_set *set, enum form_wf_stage s)
{
	if (set == NULL || set->workflow == NULL || (unsigned)s >= WF__STAGES)
		return NULL;
	return set->workflow->stage[s].form;
}

const char *
form_workflow_field(const struct form_set *set, enum form_wf_role r)
{
	if (set == NULL || set->workflow == NULL || (unsigned)r >= WF__ROLES)
		return NULL;
	return set->workflow->role[r].field;
}

struct form_def *
form_workflow_def(const struct form_set *set, enum form_wf_stage s)
{
	const char *name = form_workflow_form(set, s);

	return name != NULL ? form_set_find(set, name) : NULL;
}

bool
form_workflow_stage_of(const struct form_set *set, const char *form, enum form_wf_stage *out)
{
	int i;

	for (i = 0; form != NULL && i < WF__STAGES; i++)
		if (str_eq(form_workflow_form(set, (enum form_wf_stage)i), form)) {
			*out = (enum form_wf_stage)i;
			return true;
		}
	return false;
}

const char *
form_workflow_status(const struct form_set *set, enum form_wf_stage s)
{
	if (form_workflow_form(set, s) == NULL || str_empty(set->workflow->stage[s].status))
		return NULL;
	return set->workflow->stage[s].status;
}

const char *
form_workflow_file(const struct form_set *set)
{
	return set != NULL && set->workflow != NULL ? set->workflow->file : NULL;
}

int
form_workflow_status_line(const struct form_set *set, enum form_wf_stage s)
{
	return form_workflow_form(set, s) != NULL ? set->workflow->stage[s].status_line : 0;
}

bool
form_workflow_once(const struct form_set *set, enum form_wf_stage s)
{
	return form_workflow_form(set, s) != NULL && set->workflow->stage[s].once;
}

int
form_workflow_order(const struct form_set *set, enum form_wf_stage s)
{
	return form_workflow_form(set, s) != NULL ? set->workflow->stage[s].order : 0;
}
