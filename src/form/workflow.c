/*
 * form/workflow: the workflow table's parser, its verification against the
 * forms, and the look-ups the code names stages and roles by. This file is
 * the one place that spells a stage's or a role's name; the names of forms
 * and fields come from the table (forms/workflow).
 */
#include "form/workflow.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "form/internal.h"
#include "util/mem.h"
#include "util/str.h"
#include "util/tr.h"

#define FORM_WF_NONE	(-1)
#define FORM_WF_SKIP	(-2)	/* a refused stage block: its lines are ignored */

/* The stages the code knows, by the name the table gives them. */
static const char *const form_wf_stage_names[WFS__COUNT] = {
	[WFS_CALL] = "call", [WFS_CAMPAIGN] = "campaign", [WFS_PROJECT] = "project",
	[WFS_REGISTRATION] = "registration", [WFS_CONSENT] = "consent",
	[WFS_SESSION] = "session", [WFS_PREP] = "prep", [WFS_DEPARTURE] = "departure",
	[WFS_PLAN] = "plan", [WFS_PAYMENT] = "payment", [WFS_MONITORING] = "monitoring",
	[WFS_CLOSURE] = "closure",
};

/* The stages the code reads one record of per case (db/lifecycle). */
static const bool form_wf_stage_once[WFS__COUNT] = {
	[WFS_REGISTRATION] = true, [WFS_PREP] = true,
	[WFS_DEPARTURE] = true, [WFS_PLAN] = true, [WFS_CLOSURE] = true,
};

/* A role: what the code reads a field as. codes: the choice codes the code
 * compares the value with (space-separated), NULL for none. */
struct form_wf_role_def {
	const char		*name;		/* within its stage; GROUP.ROLE for a row */
	enum form_wf_stage	 stage;
	int			 parent;	/* the repeat role of a row role, or FORM_WF_NONE */
	enum form_type		 type;
	const char		*codes;
};

#define R(role, st, nm, ty, cd) [role] = { nm, st, FORM_WF_NONE, ty, cd }
#define ROW(role, st, par, nm, ty) [role] = { nm, st, par, ty, NULL }

static const struct form_wf_role_def form_wf_roles[WFR__COUNT] = {
	R(WFR_REG_SURNAME, WFS_REGISTRATION, "surname", FT_TEXT, NULL),
	R(WFR_REG_GIVEN, WFS_REGISTRATION, "given_names", FT_TEXT, NULL),
	R(WFR_REG_NATIVE, WFS_REGISTRATION, "native_name", FT_TEXT, NULL),
	R(WFR_REG_DOB, WFS_REGISTRATION, "dob", FT_DATE, NULL),
	R(WFR_REG_NATIONALITY, WFS_REGISTRATION, "nationality", FT_SELECT_ONE, NULL),
	R(WFR_REG_VULN, WFS_REGISTRATION, "vulnerabilities", FT_SELECT_MANY,
	    "unaccompanied_minor elderly"),
	R(WFR_REG_PROJECT, WFS_REGISTRATION, "project", FT_TEXT, NULL),
	R(WFR_REG_FAMILY, WFS_REGISTRATION, "family", FT_REPEAT, NULL),
	R(WFR_REG_PHONE, WFS_REGISTRATION, "phone", FT_PHONE, NULL),
	R(WFR_REG_LANGUAGES, WFS_REGISTRATION, "languages", FT_SELECT_MANY, NULL),
	R(WFR_REG_INTERPRETER, WFS_REGISTRATION, "interpreter", FT_YESNO, NULL),
	R(WFR_REG_INTERPRETER_LANG, WFS_REGISTRATION, "interpreter_language", FT_SELECT_ONE, NULL),
	R(WFR_REG_LOCATION, WFS_REGISTRATION, "location", FT_SELECT_ONE, NULL),
	ROW(WFR_FAM_SURNAME, WFS_REGISTRATION, WFR_REG_FAMILY, "family.surname", FT_TEXT),
	ROW(WFR_FAM_GIVEN, WFS_REGISTRATION, WFR_REG_FAMILY, "family.given_names", FT_TEXT),
	ROW(WFR_FAM_NATIVE, WFS_REGISTRATION, WFR_REG_FAMILY, "family.native_name", FT_TEXT),
	ROW(WFR_FAM_DOB, WFS_REGISTRATION, WFR_REG_FAMILY, "family.dob", FT_DATE),
	ROW(WFR_FAM_NATIONALITY, WFS_REGISTRATION, WFR_REG_FAMILY, "family.nationality",
	    FT_SELECT_ONE),
	[WFR_FAM_VULN] = { "family.vulnerabilities", WFS_REGISTRATION, WFR_REG_FAMILY,
	    FT_SELECT_MANY, "unaccompanied_minor elderly" },
	ROW(WFR_FAM_RELATIONSHIP, WFS_REGISTRATION, WFR_REG_FAMILY, "family.relationship",
	    FT_SELECT_ONE),
	ROW(WFR_FAM_RELATIONSHIP_OTHER, WFS_REGISTRATION, WFR_REG_FAMILY,
	    "family.relationship_other", FT_TEXT),
	R(WFR_CONSENT_GIVEN, WFS_CONSENT, "given", FT_YESNO, NULL),
	R(WFR_CONSENT_ON, WFS_CONSENT, "on", FT_DATE, NULL),
	R(WFR_CONSENT_EXPLAINED_IN, WFS_CONSENT, "explained_in", FT_SELECT_ONE, NULL),
	R(WFR_CONSENT_EVENT, WFS_CONSENT, "event", FT_SELECT_ONE, "given withdrawn"),
	R(WFR_CONSENT_SCOPE, WFS_CONSENT, "scope", FT_SELECT_MANY, NULL),
	R(WFR_CALL_STARTED, WFS_CALL, "started", FT_DATETIME, NULL),
	R(WFR_CALL_CALLER, WFS_CALL, "caller", FT_TEXT, NULL),
	R(WFR_CALL_OUTCOME, WFS_CALL, "outcome", FT_SELECT_ONE, NULL),
	R(WFR_CALL_PHONE, WFS_CALL, "phone", FT_PHONE, NULL),
	R(WFR_CALL_LANGUAGE, WFS_CALL, "language", FT_SELECT_ONE, NULL),
	R(WFR_CALL_INTERPRETED, WFS_CALL, "interpreted", FT_YESNO, NULL),
	R(WFR_CALL_INTERPRETER_LANG, WFS_CALL, "interpreter_language", FT_SELECT_ONE, NULL),
	R(WFR_CALL_LOCATION, WFS_CALL, "location", FT_SELECT_ONE, NULL),
	R(WFR_CALL_DURATION, WFS_CALL, "duration", FT_INTEGER, NULL),
	R(WFR_CALL_CALLBACK, WFS_CALL, "callback", FT_YESNO, NULL),
	R(WFR_CALL_CALLBACK_ON, WFS_CALL, "callback_on", FT_DATE, NULL),
	R(WFR_SESSION_DATE, WFS_SESSION, "date", FT_DATE, NULL),
	R(WFR_SESSION_KIND, WFS_SESSION, "kind", FT_SELECT_ONE, NULL),
	R(WFR_SESSION_MODE, WFS_SESSION, "mode", FT_SELECT_ONE, NULL),
	R(WFR_SESSION_NEXT, WFS_SESSION, "next_steps", FT_MULTILINE, NULL),
	R(WFR_PREP_DOC, WFS_PREP, "travel_doc", FT_SELECT_ONE, "passport replacement other"),
	R(WFR_PREP_DOC_OTHER, WFS_PREP, "travel_doc_other", FT_TEXT, NULL),
	R(WFR_PREP_PASSPORT_NO, WFS_PREP, "passport_no", FT_TEXT, NULL),
	R(WFR_PREP_EXPIRY, WFS_PREP, "passport_expiry", FT_DATE, NULL),
	R(WFR_PREP_EMBASSY, WFS_PREP, "embassy", FT_SELECT_ONE, NULL),
	R(WFR_PREP_REQUESTED, WFS_PREP, "requested_on", FT_DATE, NULL),
	R(WFR_PREP_ISSUED, WFS_PREP, "issued_on", FT_DATE, NULL),
	R(WFR_PREP_FLIGHTS, WFS_PREP, "flights", FT_REPEAT, NULL),
	ROW(WFR_FLIGHT_DATE, WFS_PREP, WFR_PREP_FLIGHTS, "flights.date", FT_DATE),
	ROW(WFR_FLIGHT_FROM, WFS_PREP, WFR_PREP_FLIGHTS, "flights.from", FT_TEXT),
	ROW(WFR_FLIGHT_TO, WFS_PREP, WFR_PREP_FLIGHTS, "flights.to", FT_TEXT),
	ROW(WFR_FLIGHT_NO, WFS_PREP, WFR_PREP_FLIGHTS, "flights.no", FT_TEXT),
	R(WFR_PREP_ALLOWANCE, WFS_PREP, "allowance", FT_MONEY, NULL),
	R(WFR_PREP_ALLOWANCE_PAID, WFS_PREP, "allowance_paid_on", FT_DATE, NULL),
	R(WFR_DEP_ON, WFS_DEPARTURE, "departed_on", FT_DATE, NULL),
	R(WFR_DEP_ARRIVED, WFS_DEPARTURE, "arrival_confirmed", FT_YESNO, NULL),
	R(WFR_DEP_CONFIRMED_ON, WFS_DEPARTURE, "confirmed_on", FT_DATE, NULL),
	R(WFR_DEP_CONFIRMED_BY, WFS_DEPARTURE, "confirmed_by", FT_SELECT_ONE, NULL),
	R(WFR_PLAN_GRANT, WFS_PLAN, "grant", FT_MONEY, NULL),
	R(WFR_PLAN_PREPARED, WFS_PLAN, "prepared_on", FT_DATE, NULL),
	R(WFR_PLAN_TIMING, WFS_PLAN, "timing", FT_SELECT_ONE, NULL),
	R(WFR_PLAN_ITEMS, WFS_PLAN, "items", FT_REPEAT, NULL),
	R(WFR_PLAN_APPROVED_BY, WFS_PLAN, "approved_by", FT_TEXT, NULL),
	R(WFR_PLAN_APPROVED_ON, WFS_PLAN, "approved_on", FT_DATE, NULL),
	/* the codes db/report counts as stabilisation support */
	[WFR_ITEM_TYPE] = { "items.type", WFS_PLAN, WFR_PLAN_ITEMS, FT_SELECT_ONE,
	    "material medical accommodation" },
	ROW(WFR_ITEM_PROVIDER, WFS_PLAN, WFR_PLAN_ITEMS, "items.provider", FT_TEXT),
	ROW(WFR_ITEM_BUDGET, WFS_PLAN, WFR_PLAN_ITEMS, "items.budget", FT_MONEY),
	ROW(WFR_ITEM_CANCELLED, WFS_PLAN, WFR_PLAN_ITEMS, "items.cancelled", FT_YESNO),
	ROW(WFR_ITEM_CANCEL_REASON, WFS_PLAN, WFR_PLAN_ITEMS, "items.cancel_reason", FT_TEXT),
	R(WFR_PAY_ITEM, WFS_PAYMENT, "item_no", FT_INTEGER, NULL),
	R(WFR_PAY_ON, WFS_PAYMENT, "paid_on", FT_DATE, NULL),
	R(WFR_PAY_AMOUNT, WFS_PAYMENT, "amount", FT_MONEY, NULL),
	R(WFR_PAY_RATE, WFS_PAYMENT, "rate", FT_DECIMAL, NULL),
	R(WFR_PAY_EUR, WFS_PAYMENT, "amount_eur", FT_CALCULATED, NULL),
	R(WFR_PAY_INVOICE, WFS_PAYMENT, "invoice_no", FT_TEXT, NULL),
	R(WFR_PAY_OVERRUN_BY, WFS_PAYMENT, "overrun_by", FT_TEXT, NULL),
	R(WFR_PAY_OVERRUN_ON, WFS_PAYMENT, "overrun_on", FT_DATE, NULL),
	R(WFR_MON_ON, WFS_MONITORING, "monitored_on", FT_DATE, NULL),
	R(WFR_MON_MODE, WFS_MONITORING, "mode", FT_SELECT_ONE, NULL),
	R(WFR_MON_ITEMS, WFS_MONITORING, "items", FT_REPEAT, NULL),
	ROW(WFR_MON_ITEM_NO, WFS_MONITORING, WFR_MON_ITEMS, "items.item_no", FT_INTEGER),
	R(WFR_MON_SCORE, WFS_MONITORING, "score", FT_CALCULATED, NULL),
	R(WFR_CLOSE_ON, WFS_CLOSURE, "closed_on", FT_DATE, NULL),
	R(WFR_CLOSE_REASON, WFS_CLOSURE, "reason", FT_SELECT_ONE, "completed other"),
	R(WFR_CLOSE_REASON_OTHER, WFS_CLOSURE, "reason_other", FT_TEXT, NULL),
	R(WFR_PROJECT_CODE, WFS_PROJECT, "code", FT_TEXT, NULL),
	R(WFR_PROJECT_BUDGET, WFS_PROJECT, "budget", FT_MONEY, NULL),
	R(WFR_PROJECT_GRANT, WFS_PROJECT, "grant_per_person", FT_MONEY, NULL),
	R(WFR_PROJECT_LIMIT, WFS_PROJECT, "approval_limit", FT_MONEY, NULL),
	R(WFR_REG_SEX, WFS_REGISTRATION, "sex", FT_SELECT_ONE, NULL),
	R(WFR_REG_RETURN_COUNTRY, WFS_REGISTRATION, "return_country", FT_SELECT_ONE, NULL),
	R(WFR_REG_LEGAL, WFS_REGISTRATION, "legal_status", FT_SELECT_ONE, NULL),
	ROW(WFR_FAM_SEX, WFS_REGISTRATION, WFR_REG_FAMILY, "family.sex", FT_SELECT_ONE),
	R(WFR_CALL_CALLER_TYPE, WFS_CALL, "caller_type", FT_SELECT_ONE, NULL),
	R(WFR_CALL_TOPICS, WFS_CALL, "topics", FT_SELECT_MANY, NULL),
	R(WFR_SESSION_INTERPRETER_LANG, WFS_SESSION, "interpreter_language", FT_SELECT_ONE, NULL),
	ROW(WFR_MON_ITEM_STATE, WFS_MONITORING, WFR_MON_ITEMS, "items.state", FT_SELECT_ONE),
	R(WFR_CAMP_DATE, WFS_CAMPAIGN, "date", FT_DATE, NULL),
	R(WFR_CAMP_TYPE, WFS_CAMPAIGN, "type", FT_SELECT_ONE, NULL),
	R(WFR_CAMP_PLACE, WFS_CAMPAIGN, "place", FT_SELECT_ONE, NULL),
	R(WFR_CAMP_PARTICIPANTS, WFS_CAMPAIGN, "participants", FT_INTEGER, NULL),
	R(WFR_CAMP_COPIES, WFS_CAMPAIGN, "copies", FT_INTEGER, NULL),
	R(WFR_CAMP_MATERIALS, WFS_CAMPAIGN, "materials", FT_SELECT_MANY, NULL),
	R(WFR_MON_ECO1, WFS_MONITORING, "eco_income", FT_SELECT_ONE, NULL),
	R(WFR_MON_ECO2, WFS_MONITORING, "eco_activity", FT_SELECT_ONE, NULL),
	R(WFR_MON_ECO3, WFS_MONITORING, "eco_housing", FT_SELECT_ONE, NULL),
	R(WFR_MON_SOC1, WFS_MONITORING, "soc_network", FT_SELECT_ONE, NULL),
	R(WFR_MON_SOC2, WFS_MONITORING, "soc_services", FT_SELECT_ONE, NULL),
	R(WFR_MON_SOC3, WFS_MONITORING, "soc_documents", FT_SELECT_ONE, NULL),
	R(WFR_MON_PSY1, WFS_MONITORING, "psy_wellbeing", FT_SELECT_ONE, NULL),
	R(WFR_MON_PSY2, WFS_MONITORING, "psy_safety", FT_SELECT_ONE, NULL),
	R(WFR_MON_PSY3, WFS_MONITORING, "psy_future", FT_SELECT_ONE, NULL),
	R(WFR_MON_ECO, WFS_MONITORING, "eco_score", FT_CALCULATED, NULL),
	R(WFR_MON_SOC, WFS_MONITORING, "soc_score", FT_CALCULATED, NULL),
	R(WFR_MON_PSY, WFS_MONITORING, "psy_score", FT_CALCULATED, NULL),
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
	int	 due[FORM_WF_MAX_DUE];	/* months after the departure a record is due */
	size_t	 ndue;
};

struct form_wf_role_row {
	char		*field;		/* NULL: not in the table */
	char		*list;
	enum form_type	 type;
	int		 line;
};

struct form_workflow {
	char			*file;
	struct form_wf_stage_row stage[WFS__COUNT];
	struct form_wf_role_row	 role[WFR__COUNT];
};

/* What the parser of one file carries from line to line. */
struct form_wf_parse {
	struct form_set		*set;
	struct form_workflow	*wf;
	int			 line;
	int			 stage;		/* the open stage block, or FORM_WF_NONE */
};

static void form_wf_error(struct form_wf_parse *, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
form_wf_error(struct form_wf_parse *p, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	form_set_error(p->set, p->wf->file, p->line, "%s", msg);
	free(msg);
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

	for (i = 0; i < WFS__COUNT; i++)
		if (strcmp(form_wf_stage_names[i], name) == 0)
			return i;
	return FORM_WF_NONE;
}

static int
form_wf_role_find(int stage, const char *name)
{
	int i;

	for (i = 0; i < WFR__COUNT; i++)
		if ((int)form_wf_roles[i].stage == stage && strcmp(form_wf_roles[i].name, name) == 0)
			return i;
	return FORM_WF_NONE;
}

static void
form_wf_stage_line(struct form_wf_parse *p, char *rest)
{
	char *name = form_wf_word(&rest);
	int st = name != NULL ? form_wf_stage_find(name) : FORM_WF_NONE;

	p->stage = FORM_WF_SKIP;
	if (name == NULL || form_wf_word(&rest) != NULL) {
		form_wf_error(p, "%s", _("stage needs one name"));
		return;
	}
	if (st == FORM_WF_NONE) {
		form_wf_error(p, _("unknown stage '%s'"), name);
		return;
	}
	if (p->wf->stage[st].seen) {
		form_wf_error(p, _("stage '%s' given twice"), name);
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
	int r = role != NULL ? form_wf_role_find(p->stage, role) : FORM_WF_NONE;
	enum form_type t;

	if (type == NULL || !str_eq(eq, "=") || form_wf_word(&rest) != NULL ||
	    !str_is_ident(field)) {
		form_wf_error(p, "%s", _("expected: field ROLE = FIELD TYPE [LIST]"));
		return;
	}
	if (r == FORM_WF_NONE) {
		form_wf_error(p, _("unknown role '%s' of stage '%s'"), role,
		    form_wf_stage_names[p->stage]);
		return;
	}
	if (p->wf->role[r].field != NULL) {
		form_wf_error(p, _("role '%s' given twice"), role);
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
		form_wf_error(p, _("records is one or many, not '%s'"), v);
		return;
	}
	if (str_eq(v, "one") != form_wf_stage_once[p->stage]) {
		form_wf_error(p, form_wf_stage_once[p->stage] ?
		    _("stage '%s' is read as one record per case") :
		    _("stage '%s' is read as many records per case"), form_wf_stage_names[p->stage]);
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
		form_wf_error(p, _("order is a number from 1 to 999, not '%s'"), v);
		return;
	}
	s->order = (int)n;
}

/* "due 3 6 12": the months after the departure at which a record of the
 * stage is due (the monitoring visits), rising. */
static void
form_wf_due(struct form_wf_parse *p, struct form_wf_stage_row *s, char *rest)
{
	char *v, *end;
	long n;

	if (s->ndue > 0 || p->stage != WFS_MONITORING) {
		form_wf_error(p, "%s", s->ndue > 0 ? _("a second 'due' line") :
		    _("'due' is for the monitoring stage"));
		return;
	}
	while ((v = form_wf_word(&rest)) != NULL) {
		n = strtol(v, &end, 10);
		if (*end != '\0' || n < 1 || n > 240 || s->ndue == FORM_WF_MAX_DUE ||
		    (s->ndue > 0 && n <= s->due[s->ndue - 1])) {
			form_wf_error(p, _("'due' takes up to %d rising numbers of months "
			    "(1 to 240), not '%s'"), FORM_WF_MAX_DUE, v);
			s->ndue = 0;
			return;
		}
		s->due[s->ndue++] = (int)n;
	}
	if (s->ndue == 0)
		form_wf_error(p, "%s", _("'due' needs at least one number of months"));
}

/* A key line (form, status, records, order, due) of the open stage. */
static void
form_wf_key_line(struct form_wf_parse *p, const char *key, char *rest)
{
	struct form_wf_stage_row *s = &p->wf->stage[p->stage];
	char *v;

	if (str_eq(key, "due")) {
		form_wf_due(p, s, rest);
		return;
	}
	v = form_wf_word(&rest);

	if (v == NULL || form_wf_word(&rest) != NULL) {
		form_wf_error(p, _("'%s' needs one value"), key);
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
		form_wf_error(p, _("unknown or repeated key '%s'"), key);
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
		form_wf_error(p, _("unknown block '%s'"), word);
	else if (p->stage == FORM_WF_NONE)
		form_wf_error(p, _("'%s' outside a stage"), word);
	else if (p->stage == FORM_WF_SKIP)
		return;
	else if (str_eq(word, "field"))
		form_wf_field_line(p, rest);
	else
		form_wf_key_line(p, word, rest);
}

void
form_workflow_parse(struct form_set *set, const char *name, const char *text)
{
	struct form_wf_parse p = { set, NULL, 0, FORM_WF_NONE };	/* no stage open yet */
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
	for (i = 0; i < WFS__COUNT; i++)
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

	if (def == NULL || form_wf_roles[r].parent == FORM_WF_NONE)
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
		form_set_error(set, wf->file, row->line,
		    _("role '%s': its repeat group is not in the form"), form_wf_roles[r].name);
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
	for (i = 0; i < WFS__COUNT; i++)
		form_wf_check_stage(set, i);
	for (i = 0; i < WFR__COUNT; i++)
		form_wf_check_role(set, i);
}

void
form_workflow_free(struct form_workflow *wf)
{
	int i;

	if (wf == NULL)
		return;
	for (i = 0; i < WFS__COUNT; i++) {
		free(wf->stage[i].form);
		free(wf->stage[i].status);
	}
	for (i = 0; i < WFR__COUNT; i++) {
		free(wf->role[i].field);
		free(wf->role[i].list);
	}
	free(wf->file);
	free(wf);
}

const char *
form_workflow_form(const struct form_set *set, enum form_wf_stage s)
{
	if (set == NULL || set->workflow == NULL || (unsigned)s >= WFS__COUNT)
		return NULL;
	return set->workflow->stage[s].form;
}

const char *
form_workflow_field(const struct form_set *set, enum form_wf_role r)
{
	if (set == NULL || set->workflow == NULL || (unsigned)r >= WFR__COUNT)
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

	for (i = 0; form != NULL && i < WFS__COUNT; i++)
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

const int *
form_workflow_due(const struct form_set *set, enum form_wf_stage s, size_t *n)
{
	*n = form_workflow_form(set, s) != NULL ? set->workflow->stage[s].ndue : 0;
	return *n > 0 ? set->workflow->stage[s].due : NULL;
}

int
form_workflow_order(const struct form_set *set, enum form_wf_stage s)
{
	return form_workflow_form(set, s) != NULL ? set->workflow->stage[s].order : 0;
}
