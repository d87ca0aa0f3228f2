/*
 * db/lifecycle: the rules of forms/LIFECYCLE.md checked before a save, and
 * the status moves after one. Each rule is one function that answers DB_OK
 * or DB_REFUSED with a message "<form title> refused: <why> (<what to do>)";
 * DB_APPROVAL where a supervisor's approval would let the save through.
 */
#include "db/lifecycle.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/internal.h"
#include "db/lifecycle_int.h"
#include "db/perm.h"
#include "db/users.h"
#include "form/money.h"
#include "util/date.h"
#include "util/mem.h"
#include "util/str.h"
#include "util/tr.h"

struct db_lifecycle_ctx {
	struct db			*db;
	const struct form_record	*rec;
	struct db_lifecycle_case	 lc;
	const char			*title;	/* translated */
	char				**msg;
};

typedef enum db_status (*db_lifecycle_rule)(struct db_lifecycle_ctx *);

static bool
db_lifecycle_has_stage(struct db *db, enum form_wf_stage stage)
{
	return form_workflow_def(db_forms(db), stage) != NULL;
}

static bool
db_lifecycle_has_role(struct db *db, const struct form_record *rec, enum form_wf_role role)
{
	const char *name = db_lifecycle_role(db, role);

	return name != NULL && form_field_index(rec->def, name) >= 0;
}

static bool
db_lifecycle_supervisor(struct db *db)
{
	return db_users_is(db, "supervisor");
}

/* Who approves a plan over its grant or limit and a payment's overrun: the
 * permissions table's `approve` (db/perm; a supervisor without a table). */
static bool
db_lifecycle_approver(struct db *db)
{
	return db_perm_approves(db);
}

/* Rule 6: a closure names its reason, and describes "other". */
static enum db_status
db_lifecycle_rule_reason(struct db_lifecycle_ctx *x)
{
	const char *reason = db_lifecycle_vget(x->db, x->rec, WFR_CLOSE_REASON);

	if (!db_lifecycle_of(x->db, x->rec, WFS_CLOSURE) ||
	    !db_lifecycle_has_role(x->db, x->rec, WFR_CLOSE_REASON))
		return DB_OK;
	if (str_empty(reason)) {
		db_seterr(x->msg, _("%s refused: no reason is given (choose a Reason)"),
		    x->title);
		return DB_REFUSED;
	}
	if (str_eq(reason, "other") && db_lifecycle_has_role(x->db, x->rec, WFR_CLOSE_REASON_OTHER) &&
	    str_empty(db_lifecycle_vget(x->db, x->rec, WFR_CLOSE_REASON_OTHER))) {
		db_seterr(x->msg, _("%s refused: the reason \"Other\" is not described "
		    "(fill in Reason: other)"), x->title);
		return DB_REFUSED;
	}
	return DB_OK;
}

/* Rule 6: a closed case takes no new records but from a supervisor. */
static enum db_status
db_lifecycle_rule_closed(struct db_lifecycle_ctx *x)
{
	if (db_lifecycle_of(x->db, x->rec, WFS_CLOSURE) || db_lifecycle_of(x->db, x->rec, WFS_CALL) ||
	    x->rec->id != 0)
		return DB_OK;
	if (x->lc.c.status != CASE_CLOSED && x->lc.closure == NULL)
		return DB_OK;
	if (db_lifecycle_supervisor(x->db))
		return DB_OK;
	db_seterr(x->msg, _("%s refused: the case is closed (only a supervisor can add "
	    "records to a closed case)"), x->title);
	return DB_REFUSED;
}

/* Rule 1: a withdrawn consent takes nothing new but another withdrawal,
 * and the case's closure (its retention counts from it). */
static enum db_status
db_lifecycle_rule_withdrawn(struct db_lifecycle_ctx *x)
{
	const char *on;

	if (x->rec->id != 0 || x->lc.consent == NULL ||
	    db_lifecycle_of(x->db, x->rec, WFS_CLOSURE) ||
	    !str_eq(db_lifecycle_vget(x->db, x->lc.consent, WFR_CONSENT_EVENT), "withdrawn"))
		return DB_OK;
	if (db_lifecycle_of(x->db, x->rec, WFS_CONSENT) &&
	    str_eq(db_lifecycle_vget(x->db, x->rec, WFR_CONSENT_EVENT), "withdrawn"))
		return DB_OK;
	on = db_lifecycle_vget(x->db, x->lc.consent, WFR_CONSENT_ON);
	db_seterr(x->msg, _("%s refused: %s withdrew the consent to data processing on %s "
	    "(only a withdrawal or the closure can be added)"), x->title,
	    x->lc.c.case_no != NULL ? x->lc.c.case_no : "?", str_empty(on) ? "?" : on);
	return DB_REFUSED;
}

/* Rule 1: consent before anything else. */
static enum db_status
db_lifecycle_rule_consent(struct db_lifecycle_ctx *x)
{
	static const enum form_wf_stage free_stages[] = { WFS_REGISTRATION, WFS_CONSENT,
	    WFS_CALL, WFS_CLOSURE };
	size_t i;

	for (i = 0; i < sizeof free_stages / sizeof free_stages[0]; i++)
		if (db_lifecycle_of(x->db, x->rec, free_stages[i]))
			return DB_OK;
	if (!db_lifecycle_has_stage(x->db, WFS_CONSENT))
		return DB_OK;
	if (x->lc.consent == NULL) {
		db_seterr(x->msg, _("%s refused: consent to data processing is not recorded "
		    "(fill in Consent to data processing first)"), x->title);
		return DB_REFUSED;
	}
	if (!str_eq(db_lifecycle_vget(x->db, x->lc.consent, WFR_CONSENT_GIVEN), "yes")) {
		db_seterr(x->msg, _("%s refused: the client did not consent to data "
		    "processing (the case cannot go on; tell the supervisor)"), x->title);
		return DB_REFUSED;
	}
	return DB_OK;
}

/* Rule 2: no departure without a travel document. */
static enum db_status
db_lifecycle_rule_departure(struct db_lifecycle_ctx *x)
{
	const char *on = db_lifecycle_vget(x->db, x->rec, WFR_DEP_ON);
	const char *expiry = db_lifecycle_vget(x->db, x->lc.prep, WFR_PREP_EXPIRY);

	if (!db_lifecycle_of(x->db, x->rec, WFS_DEPARTURE) ||
	    !db_lifecycle_has_stage(x->db, WFS_PREP))
		return DB_OK;
	switch (db_lifecycle_travel_doc(x->db, x->lc.prep, on)) {
	case DB_DOC_OK:
		return DB_OK;
	case DB_DOC_PASSPORT_NO:
		db_seterr(x->msg, _("%s refused: the passport has no number (fill in Return "
		    "preparation: Passport number)"), x->title);
		break;
	case DB_DOC_EXPIRY:
		db_seterr(x->msg, _("%s refused: the passport is valid until %s, not after the "
		    "departure on %s (a replacement travel document is needed)"), x->title,
		    str_empty(expiry) ? "?" : expiry, str_empty(on) ? "?" : on);
		break;
	case DB_DOC_NOT_ISSUED:
		db_seterr(x->msg, _("%s refused: the replacement travel document is not issued "
		    "yet (fill in Return preparation: Document issued on)"), x->title);
		break;
	case DB_DOC_UNDESCRIBED:
		db_seterr(x->msg, _("%s refused: the travel document \"Other\" is not "
		    "described (fill in Return preparation: Travel document: other)"), x->title);
		break;
	default:
		db_seterr(x->msg, _("%s refused: the case has no travel document yet (fill in "
		    "Return preparation: passport, or replacement issued on)"), x->title);
		break;
	}
	return DB_REFUSED;
}

/* A plan's total that cannot be converted into the grant's currency. */
static enum db_status
db_lifecycle_norate(struct db_lifecycle_ctx *x, const struct db_lifecycle_plan *p)
{
	if (p->norate_item > 0)
		db_seterr(x->msg, _("%s refused: item %zu is budgeted in %s and the grant in "
		    "%s, and no exchange rate is known (enter the budget in %s)"), x->title,
		    p->norate_item, p->norate, p->cur, p->cur);
	else
		db_seterr(x->msg, _("%s refused: the project's approval limit is in %s and the "
		    "grant in %s, and no exchange rate is known (enter the grant in %s)"),
		    x->title, p->norate, p->cur, p->norate);
	return DB_REFUSED;
}

/* Rule 3: only a supervisor sets or changes the approval. */
static enum db_status
db_lifecycle_rule_approver(struct db_lifecycle_ctx *x)
{
	const struct form_record *old = x->lc.plan != NULL && x->lc.plan->id == x->rec->id ?
	    x->lc.plan : NULL;
	const char *by = db_lifecycle_vget(x->db, x->rec, WFR_PLAN_APPROVED_BY);
	const char *on = db_lifecycle_vget(x->db, x->rec, WFR_PLAN_APPROVED_ON);

	if ((str_empty(by) || str_eq(by, db_lifecycle_vget(x->db, old, WFR_PLAN_APPROVED_BY))) &&
	    (str_empty(on) || str_eq(on, db_lifecycle_vget(x->db, old, WFR_PLAN_APPROVED_ON))))
		return DB_OK;
	if (db_lifecycle_approver(x->db))
		return DB_OK;
	db_seterr(x->msg, _("%s refused: only a supervisor may approve a plan (clear "
	    "Approved by and Approved on, and ask a supervisor)"), x->title);
	return DB_REFUSED;
}

/* Rule 3: an approval covers the total it was given for. Raising the items'
 * total of an approved plan that needs the approval takes a supervisor. */
static enum db_status
db_lifecycle_rule_raised(struct db_lifecycle_ctx *x, const struct db_lifecycle_plan *p)
{
	const struct form_record *old = x->lc.plan != NULL && x->lc.plan->id == x->rec->id ?
	    x->lc.plan : NULL;
	struct db_lifecycle_plan was = { .cur = p->cur };
	char *approved, *now;

	if (old == NULL || !(p->over_grant || p->over_limit) ||
	    !str_eq(db_lifecycle_vget(x->db, old, WFR_PLAN_APPROVED_BY),
	    db_lifecycle_vget(x->db, x->rec, WFR_PLAN_APPROVED_BY)))
		return DB_OK;
	db_lifecycle_plan_total(x->db, old, &was);
	if (p->total <= was.total || db_lifecycle_approver(x->db))
		return DB_OK;
	approved = db_lifecycle_amount(was.total);
	now = db_lifecycle_amount(p->total);
	db_seterr(x->msg, _("%s refused: the plan was approved with items totalling %s %s, "
	    "and %s %s needs a supervisor's approval again (lower the budgets, or ask a "
	    "supervisor)"), x->title, approved, p->cur, now, p->cur);
	free(approved);
	free(now);
	return DB_APPROVAL;
}

/* Rule 3: the items' total within the grant, unless approved. */
static enum db_status
db_lifecycle_rule_plan(struct db_lifecycle_ctx *x)
{
	struct db_lifecycle_plan p;
	enum db_status st;
	char *total, *grant;

	if (!db_lifecycle_of(x->db, x->rec, WFS_PLAN))
		return DB_OK;
	if ((st = db_lifecycle_rule_approver(x)) != DB_OK)
		return st;
	if ((st = db_lifecycle_plan_facts(x->db, &x->lc, x->rec, &p, x->msg)) != DB_OK)
		return st;
	if (p.norate[0] != '\0')
		return db_lifecycle_norate(x, &p);
	if (p.approved)
		return db_lifecycle_rule_raised(x, &p);
	if (!p.over_grant)
		return DB_OK;
	total = db_lifecycle_amount(p.total);
	grant = db_lifecycle_amount(p.grant);
	db_seterr(x->msg, _("%s refused: the items total %s %s, more than the grant of "
	    "%s %s (lower the budgets, or a supervisor approves the plan)"), x->title,
	    total, p.cur, grant, p.cur);
	free(total);
	free(grant);
	return DB_APPROVAL;
}

/* The number of plan items, -1 when the case has no plan. */
static long
db_lifecycle_nitems(struct db *db, const struct db_lifecycle_case *lc)
{
	const struct form_rows *items = db_lifecycle_vrows(db, lc->plan, WFR_PLAN_ITEMS);

	if (lc->plan == NULL)
		return -1;
	return items != NULL ? (long)items->n : 0;
}

static bool
db_lifecycle_item_ok(const char *item_no, long nitems)
{
	char *end;
	long k;

	if (str_empty(item_no))
		return false;
	k = strtol(item_no, &end, 10);
	return *end == '\0' && k >= 1 && k <= nitems;
}

/* Rule 4: payments for an existing item of an approved (or in-limit) plan. */
static enum db_status
db_lifecycle_rule_payment(struct db_lifecycle_ctx *x)
{
	const char *item = db_lifecycle_vget(x->db, x->rec, WFR_PAY_ITEM);
	long n = db_lifecycle_nitems(x->db, &x->lc);
	struct db_lifecycle_plan p;
	enum db_status st;
	char *total;

	if (!db_lifecycle_of(x->db, x->rec, WFS_PAYMENT) || !db_lifecycle_has_stage(x->db, WFS_PLAN))
		return DB_OK;
	if (n < 0) {
		db_seterr(x->msg, _("%s refused: the case has no reintegration plan yet (fill "
		    "in Reintegration plan first)"), x->title);
		return DB_REFUSED;
	}
	if (!db_lifecycle_item_ok(item, n)) {
		db_seterr(x->msg, _("%s refused: the plan has no item %s (it has %ld; 1 is the "
		    "first)"), x->title, str_empty(item) ? "?" : item, n);
		return DB_REFUSED;
	}
	if ((st = db_lifecycle_plan_facts(x->db, &x->lc, x->lc.plan, &p, x->msg)) != DB_OK)
		return st;
	if (p.norate[0] != '\0')
		return db_lifecycle_norate(x, &p);
	if (!db_lifecycle_plan_blocked(&p))
		return DB_OK;
	total = db_lifecycle_amount(p.total);
	db_seterr(x->msg, _("%s refused: the plan (total %s %s) needs a supervisor's "
	    "approval before any payment"), x->title, total, p.cur);
	free(total);
	return DB_REFUSED;
}

/* Rule 5: monitoring of a departed case, about items of its plan. */
static enum db_status
db_lifecycle_rule_monitoring(struct db_lifecycle_ctx *x)
{
	const struct form_rows *rows = db_lifecycle_vrows(x->db, x->rec, WFR_MON_ITEMS);
	long n = db_lifecycle_nitems(x->db, &x->lc);
	const char *item;
	size_t i;

	if (!db_lifecycle_of(x->db, x->rec, WFS_MONITORING))
		return DB_OK;
	if (!db_lifecycle_departed(x->db, &x->lc)) {
		db_seterr(x->msg, _("%s refused: the case has not departed yet (fill in "
		    "Departure and arrival first)"), x->title);
		return DB_REFUSED;
	}
	for (i = 0; rows != NULL && i < rows->n; i++) {
		item = db_lifecycle_vget(x->db, rows->rows[i], WFR_MON_ITEM_NO);
		if (str_empty(item) || db_lifecycle_item_ok(item, n))
			continue;
		db_seterr(x->msg, _("%s refused: the plan has no item %s (State of the plan "
		    "items, row %zu)"), x->title, item, i + 1);
		return DB_REFUSED;
	}
	return DB_OK;
}

/* Rule 4: whoever sets or changes a payment's overrun approval is a supervisor. */
static enum db_status
db_lifecycle_overrun_by(struct db_lifecycle_ctx *x, bool *approved)
{
	const struct form_record *old = NULL;
	const char *by = db_lifecycle_vget(x->db, x->rec, WFR_PAY_OVERRUN_BY);
	const char *on = db_lifecycle_vget(x->db, x->rec, WFR_PAY_OVERRUN_ON);
	size_t i;

	for (i = 0; i < x->lc.payments.n && x->rec->id != 0; i++)
		if (x->lc.payments.recs[i]->id == x->rec->id)
			old = x->lc.payments.recs[i];
	*approved = !str_empty(by) && !str_empty(on);
	if ((str_empty(by) || str_eq(by, db_lifecycle_vget(x->db, old, WFR_PAY_OVERRUN_BY))) &&
	    (str_empty(on) || str_eq(on, db_lifecycle_vget(x->db, old, WFR_PAY_OVERRUN_ON))))
		return DB_OK;
	if (db_lifecycle_approver(x->db))
		return DB_OK;
	db_seterr(x->msg, _("%s refused: only a supervisor may approve an overrun"), x->title);
	return DB_REFUSED;
}

static enum db_status
db_lifecycle_no_rate(struct db_lifecycle_ctx *x, const char *from, const char *to)
{
	db_seterr(x->msg, _("%s refused: no exchange rate from %s to %s (pay in %s)"),
	    x->title, db_lifecycle_currency(from), to, to);
	return DB_REFUSED;
}

/* Rule 4: a payment within what is left of its item's budget (a supervisor
 * may approve an overrun); none for a cancelled item. */
static enum db_status
db_lifecycle_rule_left(struct db_lifecycle_ctx *x)
{
	const char *no = db_lifecycle_vget(x->db, x->rec, WFR_PAY_ITEM);
	const struct form_record *item = db_lifecycle_item(x->db, x->lc.plan,
	    db_lifecycle_item_no(no));
	const char *cur = db_lifecycle_currency(db_lifecycle_vcur(x->db, item, WFR_ITEM_BUDGET));
	int64_t budget, paid, amount;
	enum db_status st;
	bool approved;
	char *left;

	if (!db_lifecycle_of(x->db, x->rec, WFS_PAYMENT) || item == NULL)
		return DB_OK;
	if ((st = db_lifecycle_overrun_by(x, &approved)) != DB_OK)
		return st;
	if (str_eq(db_lifecycle_vget(x->db, item, WFR_ITEM_CANCELLED), "yes")) {
		db_seterr(x->msg, _("%s refused: item %s is cancelled (choose another item)"),
		    x->title, no);
		return DB_REFUSED;
	}
	if (!db_lifecycle_cents(db_lifecycle_vget(x->db, item, WFR_ITEM_BUDGET), &budget) || approved)
		return DB_OK;
	if (!db_lifecycle_pay_in(x->db, x->rec, cur, &amount))
		return db_lifecycle_no_rate(x, db_lifecycle_vcur(x->db, x->rec, WFR_PAY_AMOUNT), cur);
	if (!db_lifecycle_item_paid(x->db, &x->lc.payments, db_lifecycle_item_no(no),
	    x->rec->id, cur, &paid))
		return db_lifecycle_no_rate(x, NULL, cur);
	if (amount <= budget - paid)
		return DB_OK;
	left = db_lifecycle_amount(budget > paid ? budget - paid : 0);
	db_seterr(x->msg, _("%s refused: item %s has %s %s left (ask a supervisor)"),
	    x->title, no, left, cur);
	free(left);
	return DB_APPROVAL;
}

/* Rule 5: monitoring after a confirmed arrival. */
static enum db_status
db_lifecycle_rule_arrived(struct db_lifecycle_ctx *x)
{
	if (!db_lifecycle_of(x->db, x->rec, WFS_MONITORING) ||
	    !db_lifecycle_has_stage(x->db, WFS_DEPARTURE) ||
	    str_eq(db_lifecycle_vget(x->db, x->lc.dep, WFR_DEP_ARRIVED), "yes"))
		return DB_OK;
	db_seterr(x->msg, _("%s refused: arrival not confirmed (confirm it first)"), x->title);
	return DB_REFUSED;
}

/* Rule 2: the departure is not before the first flight. */
static enum db_status
db_lifecycle_rule_flight(struct db_lifecycle_ctx *x)
{
	const struct form_rows *fl = db_lifecycle_vrows(x->db, x->lc.prep, WFR_PREP_FLIGHTS);
	const char *on = db_lifecycle_vget(x->db, x->rec, WFR_DEP_ON), *first = NULL, *d;
	size_t i;

	if (!db_lifecycle_of(x->db, x->rec, WFS_DEPARTURE) || str_empty(on))
		return DB_OK;
	for (i = 0; fl != NULL && i < fl->n; i++) {
		d = db_lifecycle_vget(x->db, fl->rows[i], WFR_FLIGHT_DATE);
		if (!str_empty(d) && (first == NULL || strcmp(d, first) < 0))
			first = d;	/* YYYY-MM-DD: text order is date order */
	}
	if (first == NULL || strcmp(on, first) >= 0)
		return DB_OK;
	db_seterr(x->msg, _("%s refused: first flight is on %s (fix Departed on)"), x->title,
	    first);
	return DB_REFUSED;
}

/* Rule 6: an unfinished item of a case closed as completed; DB_OK when done. */
static enum db_status
db_lifecycle_item_done(struct db_lifecycle_ctx *x, const struct form_record *item, size_t k)
{
	const char *cur = db_lifecycle_currency(db_lifecycle_vcur(x->db, item, WFR_ITEM_BUDGET));
	int64_t budget, paid;
	char *p, *b;

	if (str_eq(db_lifecycle_vget(x->db, item, WFR_ITEM_CANCELLED), "yes")) {
		if (!str_empty(db_lifecycle_vget(x->db, item, WFR_ITEM_CANCEL_REASON)))
			return DB_OK;
		db_seterr(x->msg, _("%s refused: item %zu is cancelled without a reason (give "
		    "it)"), x->title, k);
		return DB_REFUSED;
	}
	if (!db_lifecycle_cents(db_lifecycle_vget(x->db, item, WFR_ITEM_BUDGET), &budget))
		return DB_OK;
	if (!db_lifecycle_item_paid(x->db, &x->lc.payments, (long)k, 0, cur, &paid))
		return db_lifecycle_no_rate(x, NULL, cur);
	if (paid >= budget)
		return DB_OK;
	p = db_lifecycle_amount(paid);
	b = db_lifecycle_amount(budget);
	db_seterr(x->msg, _("%s refused: item %zu is paid %s of %s %s (pay or cancel it)"),
	    x->title, k, p, b, cur);
	free(p);
	free(b);
	return DB_REFUSED;
}

/* Rule 6: "completed" needs the arrival confirmed and every item paid in
 * full or cancelled with a reason. */
static enum db_status
db_lifecycle_rule_completed(struct db_lifecycle_ctx *x)
{
	const struct form_rows *items = db_lifecycle_vrows(x->db, x->lc.plan, WFR_PLAN_ITEMS);
	enum db_status st;
	size_t i;

	if (!db_lifecycle_of(x->db, x->rec, WFS_CLOSURE) ||
	    !str_eq(db_lifecycle_vget(x->db, x->rec, WFR_CLOSE_REASON), "completed"))
		return DB_OK;
	if (db_lifecycle_has_stage(x->db, WFS_DEPARTURE) &&
	    !str_eq(db_lifecycle_vget(x->db, x->lc.dep, WFR_DEP_ARRIVED), "yes")) {
		db_seterr(x->msg, _("%s refused: arrival not confirmed (confirm it or pick "
		    "another reason)"), x->title);
		return DB_REFUSED;
	}
	for (i = 0; items != NULL && i < items->n; i++)
		if ((st = db_lifecycle_item_done(x, items->rows[i], i + 1)) != DB_OK)
			return st;
	return DB_OK;
}

/* Vulnerabilities that depend on age: the ages they allow (forms/LIFECYCLE.md). */
static const struct {
	const char	*code;
	int		 min, max;
	const char	*self;		/* "%s refused: aged %d ..." */
	const char	*family;	/* "%s refused: family %zu aged %d ..." */
} db_lifecycle_ages[] = {
	{ "unaccompanied_minor", 0, 17,
	    N_("%s refused: aged %d: not an unaccompanied minor (check Date of birth)"),
	    N_("%s refused: family %zu aged %d: not a minor (check Date of birth)") },
	{ "elderly", 60, 999,
	    N_("%s refused: aged %d: not elderly, under 60 (check Date of birth)"),
	    N_("%s refused: family %zu aged %d: not elderly (check Date of birth)") },
};

/* A select_many value (codes separated by one space) holds code. */
static bool
db_lifecycle_has_code(const char *v, const char *code)
{
	size_t n = strlen(code);
	const char *p;

	for (p = v; p != NULL && (p = strstr(p, code)) != NULL; p += n)
		if ((p == v || p[-1] == ' ') && (p[n] == '\0' || p[n] == ' '))
			return true;
	return false;
}

/* Whole years from dob to at (both YYYY-MM-DD); -1 when either is not a date. */
static int
db_lifecycle_years(const char *dob, const char *at)
{
	struct date b, a;
	int y;

	if (str_empty(dob) || str_empty(at) || !date_parse_iso(dob, &b) ||
	    !date_parse_iso(at, &a))
		return -1;
	y = a.y - b.y;
	if (a.m < b.m || (a.m == b.m && a.d < b.d))
		y--;
	return y;
}

/* Rule 7: a person's age-bound vulnerabilities against their date of birth;
 * row 0 is the applicant, else the family member's row. */
static enum db_status
db_lifecycle_age_of(struct db_lifecycle_ctx *x, const struct form_record *p, size_t row,
    const char *at)
{
	const char *v = db_lifecycle_vget(x->db, p, row == 0 ? WFR_REG_VULN : WFR_FAM_VULN);
	int age = db_lifecycle_years(db_lifecycle_vget(x->db, p, row == 0 ? WFR_REG_DOB :
	    WFR_FAM_DOB), at);
	size_t i;

	for (i = 0; age >= 0 && i < sizeof db_lifecycle_ages / sizeof db_lifecycle_ages[0];
	    i++) {
		if (!db_lifecycle_has_code(v, db_lifecycle_ages[i].code) || (age >= db_lifecycle_ages[i].min &&
		    age <= db_lifecycle_ages[i].max))
			continue;
		if (row == 0)
			db_seterr(x->msg, _(db_lifecycle_ages[i].self), x->title, age);
		else
			db_seterr(x->msg, _(db_lifecycle_ages[i].family), x->title, row, age);
		return DB_REFUSED;
	}
	return DB_OK;
}

/* Rule 7: ages on the day the registration was first saved (today for a new one). */
static enum db_status
db_lifecycle_rule_age(struct db_lifecycle_ctx *x)
{
	const struct form_rows *fam = db_lifecycle_vrows(x->db, x->rec, WFR_REG_FAMILY);
	char at[DATE_LEN];
	struct date t = date_today();
	enum db_status st;
	size_t i;

	if (!db_lifecycle_of(x->db, x->rec, WFS_REGISTRATION))
		return DB_OK;
	if (!db_lifecycle_created_on(x->db, x->rec, at))
		date_format(&t, at);
	if ((st = db_lifecycle_age_of(x, x->rec, 0, at)) != DB_OK)
		return st;
	for (i = 0; fam != NULL && i < fam->n; i++)
		if ((st = db_lifecycle_age_of(x, fam->rows[i], i + 1, at)) != DB_OK)
			return st;
	return DB_OK;
}

/* Every money amount of rec (and of its rows) names its currency. */
static enum db_status
db_lifecycle_money_of(struct db_lifecycle_ctx *x, const struct form_record *rec)
{
	const struct form_field *fd;
	enum db_status st;
	size_t i, r;

	for (i = 0; i < rec->def->nfields; i++) {
		fd = &rec->def->fields[i];
		for (r = 0; fd->type == FT_REPEAT && r < rec->kids[i].n; r++)
			if ((st = db_lifecycle_money_of(x, rec->kids[i].rows[r])) != DB_OK)
				return st;
		if (fd->type != FT_MONEY || str_empty(rec->vals[i]) ||
		    !str_empty(form_record_part(rec, i, FORM_MONEY_CUR)))
			continue;
		db_seterr(x->msg, _("%s refused: %s has no currency (choose one)"), x->title,
		    _(fd->label != NULL ? fd->label : fd->name));
		return DB_REFUSED;
	}
	return DB_OK;
}

static enum db_status
db_lifecycle_rule_money(struct db_lifecycle_ctx *x)
{
	return db_lifecycle_money_of(x, x->rec);
}

static const db_lifecycle_rule db_lifecycle_rules[] = {
	db_lifecycle_rule_money,
	db_lifecycle_rule_reason,
	db_lifecycle_rule_closed,
	db_lifecycle_rule_withdrawn,
	db_lifecycle_rule_consent,
	db_lifecycle_rule_departure,
	db_lifecycle_rule_plan,
	db_lifecycle_rule_payment,
	db_lifecycle_rule_left,
	db_lifecycle_rule_monitoring,
	db_lifecycle_rule_arrived,
	db_lifecycle_rule_flight,
	db_lifecycle_rule_completed,
	db_lifecycle_rule_age,
};

/* The records the rules and the status move need for rec (DB_LC_* bits). */
static unsigned
db_lifecycle_want(struct db *db, const struct form_record *rec)
{
	unsigned want = DB_LC_CONSENT | DB_LC_CLOSURE;

	if (db_lifecycle_of(db, rec, WFS_DEPARTURE))
		want |= DB_LC_PREP | DB_LC_PLAN;
	else if (db_lifecycle_of(db, rec, WFS_PLAN) || db_lifecycle_of(db, rec, WFS_PAYMENT) ||
	    db_lifecycle_of(db, rec, WFS_MONITORING) || db_lifecycle_of(db, rec, WFS_CLOSURE))
		want |= DB_LC_DEP | DB_LC_PLAN | DB_LC_PAYMENTS;
	return want;
}

static enum db_status
db_lifecycle_check(struct db_lifecycle_ctx *x)
{
	enum db_status st = DB_OK;
	size_t i;

	for (i = 0; i < sizeof db_lifecycle_rules / sizeof db_lifecycle_rules[0]; i++)
		if ((st = db_lifecycle_rules[i](x)) != DB_OK)
			break;
	return st;
}

/* The status the saved record shows the case has reached (its stage's in the
 * workflow table); -1 = none. A departure counts once it has a date, and
 * moves a case with a plan on to reintegration; reintegration (plan,
 * payment) waits for the departure. */
static int
db_lifecycle_target(struct db *db, const struct db_lifecycle_case *lc,
    const struct form_record *rec)
{
	enum form_wf_stage stage;
	int status;

	if (!form_workflow_stage_of(db_forms(db), rec->def->name, &stage))
		return -1;
	status = db_case_stage_status(db_forms(db), stage);
	if (stage == WFS_DEPARTURE) {
		if (str_empty(db_lifecycle_vget(db, rec, WFR_DEP_ON)))
			return -1;
		return lc->plan != NULL ? CASE_REINTEGRATION : status;
	}
	if (status == CASE_REINTEGRATION && !db_lifecycle_departed(db, lc))
		return -1;
	return status;
}

/* Moves the case forward to what the saved record shows it reached. */
static enum db_status
db_lifecycle_move(struct db *db, const struct db_lifecycle_case *lc,
    const struct form_record *rec, const char *now, char **err)
{
	int target = db_lifecycle_target(db, lc, rec);

	if (target <= (int)lc->c.status)
		return DB_OK;
	return db_case_update_in(db, lc->c.id, lc->c.version, "status",
	    db_case_status_code(lc->c.status), db_case_status_code((enum db_case_status)target),
	    now, err);
}

/* What db_lifecycle_save_also() hands its transaction. */
struct db_lifecycle_with {
	struct form_record		*rec;
	const struct db_save_also	*also;
	int64_t				 case_id;	/* rec's before the save */
};

/* The new case of a record that needs one, made in the save's transaction;
 * a retried attempt makes it anew. */
static enum db_status
db_lifecycle_new_case(struct db *db, const struct db_lifecycle_with *w, const char *now,
    char **err)
{
	struct form_record *rec = w->rec;

	if (!w->also->make_case || !rec->def->needs_case || w->case_id != 0)
		return DB_OK;
	rec->case_id = 0;
	return db_case_create_in(db, db_lifecycle_vget(db, rec, WFR_REG_PROJECT),
	    w->also->client_lang, now, &rec->case_id, err);
}

/* The record the new case was started from, kept as a draft linked to it. */
static enum db_status
db_lifecycle_link(struct db *db, const struct db_lifecycle_with *w, char **err)
{
	struct form_record *copy;
	enum db_status st;

	if (w->also->link == NULL || w->also->link_draft == NULL || w->case_id != 0 ||
	    w->rec->case_id == 0)
		return DB_OK;
	copy = form_record_dup(w->also->link);
	copy->case_id = w->rec->case_id;
	st = db_draft_save_in(db, w->also->link_draft, copy, 0, err);
	form_record_free(copy);
	return st;
}

static enum db_status
db_lifecycle_save_case(struct db *db, struct db_saved *sv, struct db_lifecycle_ctx *x,
    char **err)
{
	enum db_status st;

	st = db_lifecycle_load_some(db, x->rec->case_id, db_lifecycle_want(db, x->rec), &x->lc, err);
	if (st != DB_OK)
		return st;
	st = db_lifecycle_check(x);
	sv->case_read = true;
	if (st == DB_OK)
		st = db_record_save_in(db, x->rec, sv->now, sv, err);
	if (st == DB_OK)
		st = db_lifecycle_move(db, &x->lc, x->rec, sv->now, err);
	db_lifecycle_case_clear(&x->lc);
	return st;
}

static enum db_status
db_lifecycle_save_tx(struct db *db, void *arg, char **err)
{
	struct db_saved *sv = arg;
	const struct db_lifecycle_with *w = sv->arg;
	struct db_lifecycle_ctx x = { .db = db, .rec = sv->rec, .msg = err };
	enum db_status st = DB_OK;

	x.title = _(x.rec->def->title != NULL ? x.rec->def->title : x.rec->def->name);
	if (w != NULL)
		st = db_lifecycle_new_case(db, w, sv->now, err);
	if (st != DB_OK)
		return st;
	if (x.rec->case_id == 0) {
		if ((st = db_lifecycle_rule_money(&x)) == DB_OK)
			st = db_lifecycle_rule_reason(&x);
		if (st == DB_OK)
			st = db_record_save_in(db, x.rec, sv->now, sv, err);
	} else
		st = db_lifecycle_save_case(db, sv, &x, err);
	if (st == DB_OK && w != NULL)
		st = db_draft_drop_in(db, w->also->draft_id, x.rec, err);
	if (st == DB_OK && w != NULL)
		st = db_lifecycle_link(db, w, err);
	return st;
}

enum db_status
db_lifecycle_save_also(struct db *db, struct form_record *rec, const struct db_save_also *also,
    struct form_record **theirs, char **msg)
{
	struct db_lifecycle_with w = { rec, also, rec->case_id };
	enum db_status st;

	st = db_record_save_via(db, rec, db_lifecycle_save_tx, also != NULL ? &w : NULL, theirs,
	    msg);
	if (st != DB_OK)
		rec->case_id = w.case_id;	/* the new case was rolled back */
	return st;
}

enum db_status
db_lifecycle_save(struct db *db, struct form_record *rec, struct form_record **theirs,
    char **msg)
{
	return db_lifecycle_save_also(db, rec, NULL, theirs, msg);
}
