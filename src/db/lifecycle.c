/*
 * db/lifecycle: the rules of forms/LIFECYCLE.md checked before a save, and
 * the status moves after one. Each rule is one function that answers DB_OK
 * or DB_REFUSED with a message "<form title> refused: <why> (<what to do>)".
 */
#include "db/lifecycle.h"

#include <stdlib.h>
#include <string.h>

#include "db/internal.h"
#include "db/lifecycle_int.h"
#include "db/users.h"
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
db_lifecycle_is(const struct form_record *rec, const char *name)
{
	return str_eq(rec->def->name, name);
}

static bool
db_lifecycle_has_form(struct db *db, const char *name)
{
	return db_forms(db) != NULL && form_set_find(db_forms(db), name) != NULL;
}

static bool
db_lifecycle_has_field(const struct form_record *rec, const char *name)
{
	return form_field_index(rec->def, name) >= 0;
}

static bool
db_lifecycle_supervisor(struct db *db)
{
	return db_users_is(db, "supervisor");
}

/* Rule 6: a closure names its reason, and describes "other". */
static enum db_status
db_lifecycle_rule_reason(struct db_lifecycle_ctx *x)
{
	const char *reason = db_lifecycle_get(x->rec, "reason");

	if (!db_lifecycle_is(x->rec, "closure") || !db_lifecycle_has_field(x->rec, "reason"))
		return DB_OK;
	if (str_empty(reason)) {
		db_seterr(x->msg, _("%s refused: no reason is given (choose a Reason)"),
		    x->title);
		return DB_REFUSED;
	}
	if (str_eq(reason, "other") && db_lifecycle_has_field(x->rec, "reason_other") &&
	    str_empty(db_lifecycle_get(x->rec, "reason_other"))) {
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
	if (db_lifecycle_is(x->rec, "closure") || db_lifecycle_is(x->rec, "call") ||
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

/* Rule 1: consent before anything else. */
static enum db_status
db_lifecycle_rule_consent(struct db_lifecycle_ctx *x)
{
	static const char *const free_forms[] = { "registration", "consent", "call",
	    "closure" };
	size_t i;

	for (i = 0; i < sizeof free_forms / sizeof free_forms[0]; i++)
		if (db_lifecycle_is(x->rec, free_forms[i]))
			return DB_OK;
	if (!db_lifecycle_has_form(x->db, "consent"))
		return DB_OK;
	if (x->lc.consent == NULL) {
		db_seterr(x->msg, _("%s refused: consent to data processing is not recorded "
		    "(fill in Consent to data processing first)"), x->title);
		return DB_REFUSED;
	}
	if (!str_eq(db_lifecycle_get(x->lc.consent, "consent_given"), "yes")) {
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
	const char *on = db_lifecycle_get(x->rec, "departed_on");
	const char *expiry = db_lifecycle_get(x->lc.prep, "passport_expiry");

	if (!db_lifecycle_is(x->rec, "departure") || !db_lifecycle_has_form(x->db,
	    "return_prep"))
		return DB_OK;
	switch (db_lifecycle_travel_doc(x->lc.prep, on)) {
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
	const char *by = db_lifecycle_get(x->rec, "approved_by");
	const char *on = db_lifecycle_get(x->rec, "approved_on");

	if ((str_empty(by) || str_eq(by, db_lifecycle_get(old, "approved_by"))) &&
	    (str_empty(on) || str_eq(on, db_lifecycle_get(old, "approved_on"))))
		return DB_OK;
	if (db_lifecycle_supervisor(x->db))
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
	    !str_eq(db_lifecycle_get(old, "approved_by"), db_lifecycle_get(x->rec, "approved_by")))
		return DB_OK;
	db_lifecycle_plan_total(x->db, old, &was);
	if (p->total <= was.total || db_lifecycle_supervisor(x->db))
		return DB_OK;
	approved = db_lifecycle_amount(was.total);
	now = db_lifecycle_amount(p->total);
	db_seterr(x->msg, _("%s refused: the plan was approved with items totalling %s %s, "
	    "and %s %s needs a supervisor's approval again (lower the budgets, or ask a "
	    "supervisor)"), x->title, approved, p->cur, now, p->cur);
	free(approved);
	free(now);
	return DB_REFUSED;
}

/* Rule 3: the items' total within the grant, unless approved. */
static enum db_status
db_lifecycle_rule_plan(struct db_lifecycle_ctx *x)
{
	struct db_lifecycle_plan p;
	enum db_status st;
	char *total, *grant;

	if (!db_lifecycle_is(x->rec, "plan"))
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
	return DB_REFUSED;
}

/* The number of plan items, -1 when the case has no plan. */
static long
db_lifecycle_nitems(const struct db_lifecycle_case *lc)
{
	const struct form_rows *items = db_lifecycle_rows(lc->plan, "items");

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
	const char *item = db_lifecycle_get(x->rec, "item_no");
	long n = db_lifecycle_nitems(&x->lc);
	struct db_lifecycle_plan p;
	enum db_status st;
	char *total;

	if (!db_lifecycle_is(x->rec, "payment") || !db_lifecycle_has_form(x->db, "plan"))
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
	const struct form_rows *rows = db_lifecycle_rows(x->rec, "item_status");
	long n = db_lifecycle_nitems(&x->lc);
	const char *item;
	size_t i;

	if (!db_lifecycle_is(x->rec, "monitoring"))
		return DB_OK;
	if (!db_lifecycle_departed(&x->lc)) {
		db_seterr(x->msg, _("%s refused: the case has not departed yet (fill in "
		    "Departure and arrival first)"), x->title);
		return DB_REFUSED;
	}
	for (i = 0; rows != NULL && i < rows->n; i++) {
		item = db_lifecycle_get(rows->rows[i], "item_no");
		if (str_empty(item) || db_lifecycle_item_ok(item, n))
			continue;
		db_seterr(x->msg, _("%s refused: the plan has no item %s (State of the plan "
		    "items, row %zu)"), x->title, item, i + 1);
		return DB_REFUSED;
	}
	return DB_OK;
}

static const db_lifecycle_rule db_lifecycle_rules[] = {
	db_lifecycle_rule_reason,
	db_lifecycle_rule_closed,
	db_lifecycle_rule_consent,
	db_lifecycle_rule_departure,
	db_lifecycle_rule_plan,
	db_lifecycle_rule_payment,
	db_lifecycle_rule_monitoring,
};

/* The records the rules and the status move need for rec (DB_LC_* bits). */
static unsigned
db_lifecycle_want(const struct form_record *rec)
{
	unsigned want = DB_LC_CONSENT | DB_LC_CLOSURE;

	if (db_lifecycle_is(rec, "departure"))
		want |= DB_LC_PREP | DB_LC_PLAN;
	else if (db_lifecycle_is(rec, "plan") || db_lifecycle_is(rec, "payment") ||
	    db_lifecycle_is(rec, "monitoring"))
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

/* The status the saved record shows the case has reached; -1 = none. */
static int
db_lifecycle_target(const struct db_lifecycle_case *lc, const struct form_record *rec)
{
	static const struct {
		const char		*form;
		enum db_case_status	 status;
	} map[] = {
		{ "registration", CASE_REGISTERED }, { "consent", CASE_REGISTERED },
		{ "session", CASE_COUNSELLING }, { "return_prep", CASE_PREPARING },
		{ "monitoring", CASE_MONITORING }, { "closure", CASE_CLOSED },
	};
	size_t i;

	if (db_lifecycle_is(rec, "departure")) {
		if (str_empty(db_lifecycle_get(rec, "departed_on")))
			return -1;
		return lc->plan != NULL ? CASE_REINTEGRATION : CASE_DEPARTED;
	}
	if (db_lifecycle_is(rec, "plan") || db_lifecycle_is(rec, "payment"))
		return db_lifecycle_departed(lc) ? CASE_REINTEGRATION : -1;
	for (i = 0; i < sizeof map / sizeof map[0]; i++)
		if (db_lifecycle_is(rec, map[i].form))
			return (int)map[i].status;
	return -1;
}

/* Moves the case forward to what the saved record shows it reached. */
static enum db_status
db_lifecycle_move(struct db *db, const struct db_lifecycle_case *lc,
    const struct form_record *rec, const char *now, char **err)
{
	int target = db_lifecycle_target(lc, rec);

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
	int pi;

	if (!w->also->make_case || !rec->def->needs_case || w->case_id != 0)
		return DB_OK;
	rec->case_id = 0;
	pi = form_field_index(rec->def, "project");
	return db_case_create_in(db, pi >= 0 ? rec->vals[pi] : NULL, w->also->client_lang, now,
	    &rec->case_id, err);
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

	st = db_lifecycle_load_some(db, x->rec->case_id, db_lifecycle_want(x->rec), &x->lc, err);
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
