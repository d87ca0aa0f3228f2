/*
 * db/lifecycle: the rules between stages on the real forms/ folder, the
 * status moves, the case summary, duplicate matching and user roles.
 */
#include "db_fixture.h"

#include <sqlite3.h>

#include "db/approval.h"
#include "db/cases.h"
#include "db/internal.h"
#include "db/draft.h"
#include "db/dupes.h"
#include "db/lifecycle.h"
#include "db/record.h"
#include "db/settings.h"
#include "db/timeline.h"
#include "db/users.h"
#include "form/perm.h"
#include "i18n/conv.h"
#include "util/date.h"

struct test_lc {
	char		*path;
	struct form_set	*set;
	struct db	*db;
	int64_t		 case_id;
};

static int
test_lc_setup(void **state)
{
	struct test_lc *t = xcalloc(1, sizeof *t);
	const char *dir = getenv("AVRR_FORMS");
	struct db_case c;
	char *err = NULL;
	size_t i;

	t->set = form_set_load_dir(dir != NULL ? dir : "forms");
	for (i = 0; i < t->set->nerrors; i++)
		fprintf(stderr, "forms: %s\n", t->set->errors[i]);
	assert_int_equal(t->set->nerrors, 0);
	/* The rules as one user walks through them, without the permissions
	 * table (every role may do everything); test_db_perm tests the roles. */
	fixture_no_perms(t->set);
	t->path = fixture_path();
	t->db = fixture_open(t->path, t->set);
	if (db_case_create(t->db, "AMIF-1", "uk", &c, &err) != DB_OK)
		fail_msg("case: %s", err);
	t->case_id = c.id;
	db_case_clear(&c);
	*state = t;
	return 0;
}

static int
test_lc_teardown(void **state)
{
	struct test_lc *t = *state;

	db_close(t->db);
	form_set_free(t->set);
	fixture_unlink(t->path);
	free(t->path);
	free(t);
	return 0;
}

static struct form_record *
test_lc_new(struct test_lc *t, const char *form, int64_t case_id)
{
	const struct form_def *def = form_set_find(t->set, form);
	struct form_record *rec;

	if (def == NULL)
		fail_msg("no form %s", form);
	rec = form_record_new(def);
	rec->case_id = case_id;
	return rec;
}

static void
test_lc_money(struct form_record *rec, const char *name, const char *amount,
    const char *cur)
{
	size_t i = fixture_field(rec->def, name);

	form_record_set(rec, i, amount);
	form_record_set_part(rec, i, 1, cur);
}

/* The save path the UI follows: rules, save, status move. */
static enum db_status
test_lc_save(struct test_lc *t, struct form_record *rec, char **msg)
{
	return db_lifecycle_save(t->db, rec, NULL, msg);
}

/* Saves rec (which must pass) and frees it. */
static void
test_lc_ok(struct test_lc *t, struct form_record *rec)
{
	char *msg = NULL;

	if (test_lc_save(t, rec, &msg) != DB_OK)
		fail_msg("%s refused: %s", rec->def->name, msg);
	form_record_free(rec);
}

/* rec must be answered st with a message containing want; rec is kept. */
static void
test_lc_answered(struct test_lc *t, struct form_record *rec, enum db_status st,
    const char *want)
{
	char *msg = NULL;

	assert_int_equal(test_lc_save(t, rec, &msg), st);
	assert_non_null(msg);
	if (strstr(msg, want) == NULL)
		fail_msg("message \"%s\" lacks \"%s\"", msg, want);
	assert_null(strchr(msg, '\n'));
	free(msg);
	assert_int_equal(rec->id, 0);
}

/* Refused by a rule no one may lift. */
static void
test_lc_refused(struct test_lc *t, struct form_record *rec, const char *want)
{
	test_lc_answered(t, rec, DB_REFUSED, want);
}

/* Refused until a supervisor approves (db/approval). */
static void
test_lc_needs_approval(struct test_lc *t, struct form_record *rec, const char *want)
{
	test_lc_answered(t, rec, DB_APPROVAL, want);
}

static void
test_lc_consent(struct test_lc *t, int64_t case_id, const char *given)
{
	struct form_record *rec = test_lc_new(t, "consent", case_id);

	fixture_set(rec, "consent_given", given);
	fixture_set(rec, "consent_on", "2026-01-05");
	fixture_set(rec, "explained_in", "uk");
	test_lc_ok(t, rec);
}

static struct form_record *
test_lc_person(struct test_lc *t, int64_t case_id, const char *sur, const char *giv,
    const char *dob, const char *nat)
{
	struct form_record *rec = test_lc_new(t, "registration", case_id);

	fixture_set(rec, "surname", sur);
	fixture_set(rec, "given_names", giv);
	fixture_set(rec, "dob", dob);
	fixture_set(rec, "nationality", nat);
	fixture_set(rec, "project", "AMIF-1");
	return rec;
}

static void
test_lc_prep(struct test_lc *t, int64_t case_id, const char *doc, const char *a,
    const char *b)
{
	struct form_record *rec = test_lc_new(t, "return_prep", case_id);

	fixture_set(rec, "travel_doc", doc);
	if (strcmp(doc, "passport") == 0) {
		fixture_set(rec, "passport_no", a);
		fixture_set(rec, "passport_expiry", b);
	} else if (strcmp(doc, "replacement") == 0)
		fixture_set(rec, "issued_on", a);
	fixture_set(rec, "escort", "none");
	test_lc_ok(t, rec);
}

static struct form_record *
test_lc_departure(struct test_lc *t, int64_t case_id, const char *on)
{
	struct form_record *rec = test_lc_new(t, "departure", case_id);

	fixture_set(rec, "departed_on", on);
	fixture_set(rec, "arrival_confirmed", "no");
	return rec;
}

static struct form_record *test_lc_load(struct test_lc *, const char *form);

/* The case's departure with the arrival confirmed by the mission. */
static void
test_lc_arrived(struct test_lc *t)
{
	struct form_record *dep = test_lc_load(t, "departure");

	fixture_set(dep, "arrival_confirmed", "yes");
	fixture_set(dep, "confirmed_on", "2026-01-21");
	fixture_set(dep, "confirmed_by", "UA");
	test_lc_ok(t, dep);
}

/* A plan with a grant and items of the given budgets (cur for all). */
static struct form_record *
test_lc_plan(struct test_lc *t, const char *grant, const char *cur, const char *b1,
    const char *b2)
{
	struct form_record *rec = test_lc_new(t, "plan", t->case_id), *item;
	const char *budgets[] = { b1, b2 };
	size_t items = fixture_field(rec->def, "items"), i;

	test_lc_money(rec, "grant", grant, "EUR");
	fixture_set(rec, "prepared_on", "2026-02-01");
	fixture_set(rec, "timing", "after");
	for (i = 0; i < 2; i++) {
		if (budgets[i] == NULL)
			continue;
		item = form_record_add_row(rec, items);
		fixture_set(item, "item_type", "business");
		fixture_set(item, "description", "Workshop tools");
		test_lc_money(item, "budget", budgets[i], cur);
	}
	return rec;
}

static struct form_record *
test_lc_payment(struct test_lc *t, const char *item, const char *amount)
{
	struct form_record *rec = test_lc_new(t, "payment", t->case_id);

	fixture_set(rec, "item_no", item);
	fixture_set(rec, "paid_on", "2026-03-01");
	test_lc_money(rec, "amount", amount, "EUR");
	fixture_set(rec, "rate", "1");
	fixture_set(rec, "amount_eur", amount);
	fixture_set(rec, "invoice_no", "INV-1");
	fixture_set(rec, "mission", "UA");
	return rec;
}

/* The case's newest record of form (must exist). */
static struct form_record *
test_lc_load(struct test_lc *t, const char *form)
{
	const struct form_def *def = form_set_find(t->set, form);
	struct form_record *rec;
	int64_t *ids;
	size_t n;

	assert_int_equal(db_record_list(t->db, def, t->case_id, &ids, &n, NULL), DB_OK);
	assert_true(n > 0);
	assert_int_equal(db_record_load(t->db, def, ids[0], &rec, NULL), DB_OK);
	free(ids);
	return rec;
}

static long long
test_lc_count(struct test_lc *t, const char *sql)
{
	sqlite3_stmt *st;
	long long n = -1;

	assert_int_equal(sqlite3_prepare_v2(t->db->sql, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

static enum db_case_status
test_lc_status(struct test_lc *t)
{
	struct db_case c;
	enum db_case_status s;

	assert_int_equal(db_case_load(t->db, t->case_id, &c, NULL), DB_OK);
	s = c.status;
	db_case_clear(&c);
	return s;
}

/* Registration, consent yes, passport, departure: a case ready for a plan. */
static void
test_lc_departed(struct test_lc *t)
{
	test_lc_ok(t, test_lc_person(t, t->case_id, "Petrenko", "Olena", "1985-03-02", "UA"));
	test_lc_consent(t, t->case_id, "yes");
	test_lc_prep(t, t->case_id, "passport", "FX123456", "2030-01-01");
	test_lc_ok(t, test_lc_departure(t, t->case_id, "2026-01-20"));
}

static void
test_lc_rule_consent(void **state)
{
	struct test_lc *t = *state;
	struct form_record *session = test_lc_new(t, "session", t->case_id);
	struct form_record *call = test_lc_new(t, "call", t->case_id);

	fixture_set(session, "kind", "pre_return");
	fixture_set(session, "session_date", "2026-01-06");
	/* Registration and calls need no consent. */
	test_lc_ok(t, test_lc_person(t, t->case_id, "Petrenko", "Olena", "1985-03-02", "UA"));
	fixture_set(call, "started_at", "2026-01-04 10:00");
	test_lc_ok(t, call);
	test_lc_refused(t, session, "consent to data processing is not recorded");
	test_lc_consent(t, t->case_id, "no");
	test_lc_refused(t, session, "did not consent");
	assert_int_equal(test_lc_status(t), CASE_REGISTERED);
	form_record_free(session);
}

static void
test_lc_rule_consent_yes(void **state)
{
	struct test_lc *t = *state;
	struct form_record *session = test_lc_new(t, "session", t->case_id);

	fixture_set(session, "kind", "pre_return");
	fixture_set(session, "session_date", "2026-01-06");
	test_lc_consent(t, t->case_id, "yes");
	test_lc_ok(t, session);
	assert_int_equal(test_lc_status(t), CASE_COUNSELLING);
}

static int test_lc_entry(const struct db_case_summary *, const char *what);

/* Consent is a series of events: the newest decides. */
static void
test_lc_consent_latest(void **state)
{
	struct test_lc *t = *state;
	struct form_record *session = test_lc_new(t, "session", t->case_id);

	fixture_set(session, "kind", "pre_return");
	fixture_set(session, "session_date", "2026-01-06");
	test_lc_consent(t, t->case_id, "no");
	test_lc_refused(t, session, "did not consent");
	test_lc_consent(t, t->case_id, "yes");		/* asked again: a second event */
	test_lc_ok(t, session);
	assert_int_equal(test_lc_count(t, "SELECT count(*) FROM consent"), 2);
}

static struct form_record *
test_lc_withdrawal(struct test_lc *t, const char *on)
{
	struct form_record *rec = test_lc_new(t, "consent", t->case_id);

	fixture_set(rec, "event", "withdrawn");
	fixture_set(rec, "consent_given", "no");
	fixture_set(rec, "consent_on", on);
	fixture_set(rec, "explained_in", "uk");
	return rec;
}

/* After a withdrawal nothing new but a withdrawal, and the closure; the
 * registration may still be corrected. */
static void
test_lc_consent_withdrawn(void **state)
{
	struct test_lc *t = *state;
	struct form_record *ses = test_lc_new(t, "session", t->case_id), *rec;
	struct db_case_summary s;
	struct db_case c;

	fixture_set(ses, "session_date", "2026-01-06");
	test_lc_ok(t, test_lc_person(t, t->case_id, "Petrenko", "Olena", "1985-03-02", "UA"));
	test_lc_consent(t, t->case_id, "yes");
	test_lc_ok(t, form_record_dup(ses));
	test_lc_ok(t, test_lc_withdrawal(t, "2026-02-01"));
	assert_int_equal(db_case_load(t->db, t->case_id, &c, NULL), DB_OK);
	rec = test_lc_new(t, "consent", t->case_id);	/* asked again: refused */
	fixture_set(rec, "event", "given");
	fixture_set(rec, "consent_given", "yes");
	fixture_set(rec, "consent_on", "2026-02-02");
	test_lc_refused(t, rec, c.case_no);
	form_record_free(rec);
	test_lc_refused(t, ses, "withdrew the consent to data processing on 2026-02-01");
	rec = test_lc_new(t, "call", t->case_id);
	fixture_set(rec, "started_at", "2026-02-03 10:00");
	test_lc_refused(t, rec, "only a withdrawal or the closure can be added");
	form_record_free(rec);
	test_lc_ok(t, test_lc_withdrawal(t, "2026-02-04"));
	assert_int_equal(db_timeline_summary(t->db, t->case_id, &s, NULL), DB_OK);
	assert_true(test_lc_entry(&s, "Consent withdrawn") >= 0);	/* the newest event */
	assert_true(test_lc_entry(&s, "Consent given") < 0);
	db_timeline_summary_clear(&s);
	rec = test_lc_load(t, "session");	/* a kept record needs the consent (rule 1) */
	fixture_set(rec, "session_date", "2026-01-07");
	assert_int_equal(test_lc_save(t, rec, NULL), DB_REFUSED);
	form_record_free(rec);
	rec = test_lc_load(t, "registration");
	fixture_set(rec, "given_names", "Olena Ivanivna");
	test_lc_ok(t, rec);
	rec = test_lc_new(t, "closure", t->case_id);
	fixture_set(rec, "closed_on", "2026-02-05");
	fixture_set(rec, "reason", "withdrawn");
	test_lc_ok(t, rec);
	assert_int_equal(test_lc_status(t), CASE_CLOSED);
	db_case_clear(&c);
	form_record_free(ses);
}

static void
test_lc_rule_departure(void **state)
{
	struct test_lc *t = *state;
	struct form_record *dep = test_lc_departure(t, t->case_id, "2026-01-20");
	struct form_record *prep;
	char *msg = NULL;

	test_lc_consent(t, t->case_id, "yes");
	test_lc_refused(t, dep, "no travel document yet");
	prep = test_lc_new(t, "return_prep", t->case_id);
	fixture_set(prep, "travel_doc", "passport");
	fixture_set(prep, "passport_expiry", "2025-12-31");
	test_lc_ok(t, prep);
	test_lc_refused(t, dep, "no number");
	/* A number, but the passport expires before the departure. */
	prep = test_lc_load(t, "return_prep");
	fixture_set(prep, "passport_no", "FX1");
	assert_int_equal(test_lc_save(t, prep, &msg), DB_OK);
	test_lc_refused(t, dep, "valid until 2025-12-31");
	fixture_set(prep, "passport_expiry", "2026-01-20");
	assert_int_equal(test_lc_save(t, prep, &msg), DB_OK);
	test_lc_refused(t, dep, "not after the departure on 2026-01-20");
	fixture_set(prep, "passport_expiry", "2031-01-01");
	assert_int_equal(test_lc_save(t, prep, &msg), DB_OK);
	form_record_free(prep);
	test_lc_ok(t, dep);
	assert_int_equal(test_lc_status(t), CASE_DEPARTED);
	assert_null(msg);
}

static void
test_lc_rule_replacement(void **state)
{
	struct test_lc *t = *state;
	struct form_record *dep = test_lc_departure(t, t->case_id, "2026-01-20");
	struct db_case c;
	int64_t other;

	test_lc_consent(t, t->case_id, "yes");
	test_lc_prep(t, t->case_id, "replacement", NULL, NULL);
	test_lc_refused(t, dep, "not issued yet");
	form_record_free(dep);
	/* Issued: a second case with a replacement issued on a date departs. */
	assert_int_equal(db_case_create(t->db, "AMIF-1", NULL, &c, NULL), DB_OK);
	other = c.id;
	db_case_clear(&c);
	test_lc_consent(t, other, "yes");
	test_lc_prep(t, other, "replacement", "2026-01-10", NULL);
	test_lc_ok(t, test_lc_departure(t, other, "2026-01-20"));
}

static void
test_lc_rule_plan_grant(void **state)
{
	struct test_lc *t = *state;
	struct form_record *plan;

	test_lc_departed(t);
	plan = test_lc_plan(t, "1000.00", "EUR", "600.00", "500.00");
	test_lc_needs_approval(t, plan, "the items total 1100.00 EUR, more than the grant of "
	    "1000.00 EUR");
	/* A counsellor may not approve it. */
	fixture_set(plan, "approved_by", "tester");
	fixture_set(plan, "approved_on", "2026-02-02");
	test_lc_refused(t, plan, "only a supervisor may approve");
	/* A supervisor may. */
	assert_int_equal(db_users_set(t->db, "boss", "supervisor", NULL), DB_OK);
	db_set_user(t->db, "boss");
	fixture_set(plan, "approved_by", "boss");
	test_lc_ok(t, plan);
	assert_int_equal(test_lc_status(t), CASE_REINTEGRATION);
	db_set_user(t->db, "tester");
	test_lc_ok(t, test_lc_payment(t, "1", "600.00"));
}

/* An approval covers the total it was given for. */
static void
test_lc_rule_plan_raised(void **state)
{
	struct test_lc *t = *state;
	struct form_record *plan;
	struct form_rows *items;
	char *msg = NULL;

	test_lc_departed(t);
	plan = test_lc_plan(t, "1000.00", "EUR", "600.00", "500.00");
	assert_int_equal(db_users_set(t->db, "boss", "supervisor", NULL), DB_OK);
	db_set_user(t->db, "boss");
	fixture_set(plan, "approved_by", "boss");
	fixture_set(plan, "approved_on", "2026-02-02");
	assert_int_equal(test_lc_save(t, plan, &msg), DB_OK);
	db_set_user(t->db, "tester");
	/* A counsellor raises an item over what was approved. */
	items = &plan->kids[fixture_field(plan->def, "items")];
	test_lc_money(items->rows[1], "budget", "900.00", "EUR");
	assert_int_equal(test_lc_save(t, plan, &msg), DB_APPROVAL);
	assert_non_null(strstr(msg, "the plan was approved with items totalling 1100.00 EUR, "
	    "and 1500.00 EUR needs a supervisor's approval again"));
	xfree(&msg);
	/* Lower than approved is the counsellor's to change. */
	test_lc_money(items->rows[1], "budget", "400.00", "EUR");
	assert_int_equal(test_lc_save(t, plan, &msg), DB_OK);
	/* A supervisor may raise it. */
	db_set_user(t->db, "boss");
	test_lc_money(items->rows[1], "budget", "900.00", "EUR");
	assert_int_equal(test_lc_save(t, plan, &msg), DB_OK);
	assert_null(msg);
	form_record_free(plan);
}

static void
test_lc_rule_plan_limit(void **state)
{
	struct test_lc *t = *state;
	struct form_record *proj = test_lc_new(t, "project", 0), *plan, *pay;
	char *why = NULL;

	fixture_set(proj, "code", "AMIF-1");
	fixture_set(proj, "name", "Return 2026");
	test_lc_money(proj, "approval_limit", "800.00", "EUR");
	test_lc_ok(t, proj);
	test_lc_departed(t);
	/* Within the grant but over the limit: saved, but no payment before approval. */
	plan = test_lc_plan(t, "2000.00", "EUR", "600.00", "500.00");
	assert_int_equal(test_lc_save(t, plan, NULL), DB_OK);
	/* the user is told, to send it for approval */
	assert_true(db_approval_wanted(t->db, plan, &why));
	assert_non_null(strstr(why, "the items total 1100.00 EUR, more than the project's "
	    "approval limit of 800.00 EUR"));
	free(why);
	pay = test_lc_payment(t, "1", "100.00");
	test_lc_refused(t, pay, "needs a supervisor's approval before any payment");
	form_record_free(pay);
	/* approved: nothing wanted any more */
	assert_int_equal(db_users_set(t->db, "boss", "supervisor", NULL), DB_OK);
	db_set_user(t->db, "boss");
	assert_int_equal(db_approval_sign(t->db, plan, NULL), DB_OK);
	assert_int_equal(test_lc_save(t, plan, NULL), DB_OK);
	assert_false(db_approval_wanted(t->db, plan, &why));
	assert_null(why);
	form_record_free(plan);
}

static void
test_lc_rule_plan_currency(void **state)
{
	struct test_lc *t = *state;
	struct form_record *plan;

	test_lc_departed(t);
	plan = test_lc_plan(t, "1000.00", "USD", "100.00", NULL);
	test_lc_refused(t, plan, "item 1 is budgeted in USD and the grant in EUR, and no "
	    "exchange rate is known");
	/* With a known rate the amount converts: 1000 USD at 0.9 is over 500 EUR. */
	assert_int_equal(db_setting_set(t->db, "rate:USD", "0.9", NULL), DB_OK);
	test_lc_ok(t, plan);
	plan = test_lc_plan(t, "500.00", "USD", "600.00", NULL);
	test_lc_needs_approval(t, plan, "the items total 540.00 EUR");
	form_record_free(plan);
}

static void
test_lc_rule_payment(void **state)
{
	struct test_lc *t = *state;
	struct form_record *pay = test_lc_payment(t, "3", "100.00");

	test_lc_departed(t);
	test_lc_refused(t, pay, "no reintegration plan yet");
	test_lc_ok(t, test_lc_plan(t, "1000.00", "EUR", "300.00", "200.00"));
	test_lc_refused(t, pay, "the plan has no item 3 (it has 2");
	fixture_set(pay, "item_no", "2");
	test_lc_ok(t, pay);
}

static void
test_lc_rule_monitoring(void **state)
{
	struct test_lc *t = *state;
	struct form_record *mon = test_lc_new(t, "monitoring", t->case_id), *row;

	fixture_set(mon, "monitored_on", "2026-05-01");
	fixture_set(mon, "mode", "visit");
	test_lc_ok(t, test_lc_person(t, t->case_id, "Petrenko", "Olena", "1985-03-02", "UA"));
	test_lc_consent(t, t->case_id, "yes");
	test_lc_refused(t, mon, "has not departed yet");
	test_lc_prep(t, t->case_id, "other", NULL, NULL);
	{
		struct form_record *dep = test_lc_departure(t, t->case_id, "2026-01-20");
		char *msg = NULL;

		/* "other" without a description is no travel document. */
		assert_int_equal(test_lc_save(t, dep, &msg), DB_REFUSED);
		free(msg);
		form_record_free(dep);
	}
	row = test_lc_load(t, "return_prep");
	fixture_set(row, "travel_doc_other", "Laissez-passer");
	test_lc_ok(t, row);
	test_lc_ok(t, test_lc_departure(t, t->case_id, "2026-01-20"));
	/* Departed, but the arrival is not confirmed yet. */
	test_lc_refused(t, mon, "arrival not confirmed (confirm it first)");
	test_lc_arrived(t);
	test_lc_ok(t, test_lc_plan(t, "1000.00", "EUR", "300.00", NULL));
	row = form_record_add_row(mon, fixture_field(mon->def, "item_status"));
	fixture_set(row, "item_no", "2");
	fixture_set(row, "state", "in_use");
	test_lc_refused(t, mon, "the plan has no item 2");
	fixture_set(row, "item_no", "1");
	test_lc_ok(t, mon);
	assert_int_equal(test_lc_status(t), CASE_MONITORING);
}

static void
test_lc_rule_closure(void **state)
{
	struct test_lc *t = *state;
	struct form_record *clo = test_lc_new(t, "closure", t->case_id), *ses, *call;

	fixture_set(clo, "closed_on", "2026-06-01");
	test_lc_refused(t, clo, "no reason is given");
	fixture_set(clo, "reason", "other");
	test_lc_refused(t, clo, "\"Other\" is not described");
	fixture_set(clo, "reason_other", "Moved abroad");
	/* Closure needs no consent: a case without it can be closed. */
	test_lc_ok(t, clo);
	assert_int_equal(test_lc_status(t), CASE_CLOSED);
	ses = test_lc_new(t, "session", t->case_id);
	fixture_set(ses, "session_date", "2026-06-02");
	test_lc_refused(t, ses, "the case is closed");
	call = test_lc_new(t, "call", t->case_id);
	fixture_set(call, "started_at", "2026-06-03 09:00");
	test_lc_ok(t, call);
	/* A supervisor may add to it (consent still applies). */
	assert_int_equal(db_users_set(t->db, "boss", "supervisor", NULL), DB_OK);
	db_set_user(t->db, "boss");
	test_lc_refused(t, ses, "consent");
	test_lc_consent(t, t->case_id, "yes");
	test_lc_ok(t, ses);
	assert_int_equal(test_lc_status(t), CASE_CLOSED);
}

static void
test_lc_status_moves(void **state)
{
	struct test_lc *t = *state;
	struct form_record *ses;

	test_lc_ok(t, test_lc_person(t, t->case_id, "Petrenko", "Olena", "1985-03-02", "UA"));
	test_lc_consent(t, t->case_id, "yes");
	assert_int_equal(test_lc_status(t), CASE_REGISTERED);
	test_lc_prep(t, t->case_id, "passport", "FX123456", "2030-01-01");
	assert_int_equal(test_lc_status(t), CASE_PREPARING);
	/* A session later does not move it back to counselling. */
	ses = test_lc_new(t, "session", t->case_id);
	fixture_set(ses, "session_date", "2026-01-07");
	test_lc_ok(t, ses);
	assert_int_equal(test_lc_status(t), CASE_PREPARING);
	/* A plan prepared before return leaves the case in preparation. */
	test_lc_ok(t, test_lc_plan(t, "1000.00", "EUR", "300.00", NULL));
	assert_int_equal(test_lc_status(t), CASE_PREPARING);
	/* Departure with a plan: reintegration. */
	test_lc_ok(t, test_lc_departure(t, t->case_id, "2026-01-20"));
	assert_int_equal(test_lc_status(t), CASE_REINTEGRATION);
	test_lc_ok(t, test_lc_payment(t, "1", "100.00"));
	assert_int_equal(test_lc_status(t), CASE_REINTEGRATION);
	/* Every move is an audited change of the case. */
	assert_int_equal(test_lc_count(t, "SELECT count(*) FROM audit WHERE tbl = 'cases'"
	    " AND action = 'update' AND changes LIKE '%\"status\"%'"), 2);
}

/* Index of the first note / entry with msgid what, or -1. */
static int
test_lc_note(const struct db_case_summary *s, const char *what)
{
	size_t i;

	for (i = 0; i < s->nmissing; i++)
		if (strcmp(s->missing[i].what, what) == 0)
			return (int)i;
	return -1;
}

static int
test_lc_entry(const struct db_case_summary *s, const char *what)
{
	size_t i;

	for (i = 0; i < s->ntimeline; i++)
		if (strcmp(s->timeline[i].what, what) == 0)
			return (int)i;
	return -1;
}

static void
test_lc_summary_new(void **state)
{
	struct test_lc *t = *state;
	struct form_record *reg = test_lc_person(t, t->case_id, "Petrenko", "Olena",
	    "1985-03-02", "UA"), *kid;
	struct db_case_summary s;

	fixture_set(reg, "native_name", "Петренко Олена");
	kid = form_record_add_row(reg, fixture_field(reg->def, "family"));
	fixture_set(kid, "surname", "Petrenko");
	fixture_set(kid, "given_names", "Ivan");
	fixture_set(kid, "relationship", "child");
	test_lc_ok(t, reg);
	assert_int_equal(db_timeline_summary(t->db, t->case_id, &s, NULL), DB_OK);
	assert_string_equal(s.principal.surname, "Petrenko");
	assert_string_equal(s.principal.given_names, "Olena");
	assert_string_equal(s.principal.native_name, "Петренко Олена");
	assert_null(s.principal.relationship);
	assert_int_equal(s.nfamily, 1);
	assert_string_equal(s.family[0].given_names, "Ivan");
	assert_string_equal(s.family[0].relationship, "Child");
	assert_int_equal(s.c.status, CASE_REGISTERED);
	assert_true(test_lc_note(&s, "Consent not recorded") >= 0);
	assert_true(test_lc_note(&s, "No counselling session yet") >= 0);
	assert_true(test_lc_note(&s, "No travel document") >= 0);
	assert_true(test_lc_note(&s, "No reintegration plan") < 0);
	assert_int_equal(test_lc_entry(&s, "Case opened"), 0);
	db_timeline_summary_clear(&s);
}

/*
 * Within a day the timeline follows the stages' order of forms/workflow: a
 * plan and its first payment on one day read plan, then payment (the
 * payments are gathered before the plan).
 */
static void
test_lc_timeline_same_day(void **state)
{
	struct test_lc *t = *state;
	struct form_record *plan, *pay;
	struct db_case_summary s;
	int p, k;

	test_lc_departed(t);
	plan = test_lc_plan(t, "1000.00", "EUR", "500.00", "300.00");
	fixture_set(plan, "prepared_on", "2026-03-01");
	test_lc_ok(t, plan);
	pay = test_lc_payment(t, "1", "300.00");	/* paid on 2026-03-01 */
	test_lc_ok(t, pay);
	assert_int_equal(db_timeline_summary(t->db, t->case_id, &s, NULL), DB_OK);
	p = test_lc_entry(&s, "Reintegration plan");
	k = test_lc_entry(&s, "Payment");
	assert_string_equal(s.timeline[p].date, s.timeline[k].date);
	assert_true(p < k);
	assert_true(s.timeline[p].order < s.timeline[k].order);
	db_timeline_summary_clear(&s);
}

static void
test_lc_summary_flow(void **state)
{
	struct test_lc *t = *state;
	struct form_record *call = test_lc_new(t, "call", t->case_id), *ses, *pay;
	struct db_case_summary s;
	const char *order[] = { "Hotline call", "Consent given", "Counselling session",
	    "Departed", "Reintegration plan", "Payment" };
	char *line;
	int i, k, prev = -1;
	size_t j;

	fixture_set(call, "started_at", "2026-01-04 10:00");
	fixture_set(call, "caller_name", "Olena");
	test_lc_ok(t, call);
	test_lc_departed(t);
	ses = test_lc_new(t, "session", t->case_id);
	fixture_set(ses, "kind", "return");
	fixture_set(ses, "session_date", "2026-01-06");
	test_lc_ok(t, ses);
	test_lc_ok(t, test_lc_plan(t, "1000.00", "EUR", "500.00", "300.00"));
	pay = test_lc_payment(t, "1", "300.00");
	test_lc_ok(t, pay);
	assert_int_equal(db_timeline_summary(t->db, t->case_id, &s, NULL), DB_OK);
	assert_int_equal(s.c.status, CASE_REINTEGRATION);
	for (j = 1; j < s.ntimeline; j++)
		assert_true(strcmp(s.timeline[j - 1].date, s.timeline[j].date) <= 0);
	for (i = 0; i < 6; i++) {
		k = test_lc_entry(&s, order[i]);
		if (k <= prev)
			fail_msg("%s at %d, before %d", order[i], k, prev);
		prev = k;
	}
	k = test_lc_entry(&s, "Counselling session");
	assert_string_equal(s.timeline[k].label, "Return counselling");
	assert_string_equal(s.timeline[k].form, "session");
	assert_true(s.timeline[k].record_id > 0);
	k = test_lc_note(&s, "Item %s: paid %s of %s %s");
	assert_true(k >= 0);
	line = db_timeline_note_text(s.missing[k].what, &s.missing[k]);
	assert_string_equal(line, "Item 1: paid 300.00 of 500.00 EUR");
	free(line);
	line = db_timeline_note_text("%2$s z %3$s %4$s (položka %1$s), 100%%",
	    &s.missing[k]);
	assert_string_equal(line, "300.00 z 500.00 EUR (položka 1), 100%");
	free(line);
	assert_string_equal(s.missing[k + 1].arg[0], "2");
	assert_string_equal(s.missing[k + 1].arg[1], "0.00");
	assert_true(test_lc_note(&s, "Arrival not confirmed") >= 0);
	assert_true(test_lc_note(&s, "No monitoring yet") >= 0);
	assert_true(test_lc_note(&s, "No travel document") < 0);
	assert_true(test_lc_note(&s, "Plan needs a supervisor's approval") < 0);
	db_timeline_summary_clear(&s);
}

/* A registered case of person sur/giv (and native), for the duplicate tests. */
static int64_t
test_lc_registered(struct test_lc *t, const char *sur, const char *giv, const char *native,
    const char *dob, const char *nat)
{
	struct form_record *reg;
	struct db_case c;
	int64_t id;

	assert_int_equal(db_case_create(t->db, "AMIF-1", NULL, &c, NULL), DB_OK);
	id = c.id;
	db_case_clear(&c);
	reg = test_lc_person(t, id, sur, giv, dob, nat);
	if (native != NULL)
		fixture_set(reg, "native_name", native);
	test_lc_ok(t, reg);
	return id;
}

static struct db_dup *
test_lc_find(struct db_dup *d, size_t n, int64_t case_id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (d[i].case_id == case_id)
			return &d[i];
	return NULL;
}

static void
test_lc_dups(void **state)
{
	struct test_lc *t = *state;
	int64_t novak, other, born, mine;
	struct form_record *reg;
	struct db_dup *d, *hit;
	size_t n;

	novak = test_lc_registered(t, "Novák", "Ján", NULL, "1980-04-01", "SK");
	other = test_lc_registered(t, "Horváth", "Peter", NULL, "1970-01-01", "HU");
	born = test_lc_registered(t, "Kowalski", "Adam", NULL, "1991-07-07", "PL");
	/* "Novak Jan" finds "Novák Ján", with its case number. */
	reg = test_lc_person(t, t->case_id, "Novak", "Jan", "1999-09-09", "CZ");
	assert_int_equal(db_dup_find(t->db, reg, i18n_fold_name, &d, &n, NULL),
	    DB_OK);
	hit = test_lc_find(d, n, novak);
	assert_non_null(hit);
	assert_int_equal(hit->score, 55);
	assert_non_null(hit->case_no);
	assert_string_equal(hit->person.surname, "Novák");
	assert_null(test_lc_find(d, n, other));
	db_dup_free(d, n);
	/* Swapped names (the same words) and the same date of birth: strong. */
	fixture_set(reg, "surname", "Jan");
	fixture_set(reg, "given_names", "Novak");
	fixture_set(reg, "dob", "1980-04-01");
	assert_int_equal(db_dup_find(t->db, reg, i18n_fold_name, &d, &n, NULL),
	    DB_OK);
	assert_true(n >= 1);
	assert_int_equal(d[0].case_id, novak);
	assert_int_equal(d[0].score, 55 + 35);
	db_dup_free(d, n);
	/* Another spelling, found by date of birth and nationality only. */
	fixture_set(reg, "surname", "Covalschi");
	fixture_set(reg, "given_names", "Adama");
	fixture_set(reg, "dob", "1991-07-07");
	fixture_set(reg, "nationality", "PL");
	assert_int_equal(db_dup_find(t->db, reg, i18n_fold_name, &d, &n, NULL),
	    DB_OK);
	hit = test_lc_find(d, n, born);
	assert_non_null(hit);
	assert_int_equal(hit->score, 35 + 10);
	db_dup_free(d, n);
	/* Its own case is not a duplicate of itself. */
	mine = test_lc_registered(t, "Kowalski", "Adam", NULL, "1991-07-07", "PL");
	reg->case_id = mine;
	assert_int_equal(db_dup_find(t->db, reg, i18n_fold_name, &d, &n, NULL),
	    DB_OK);
	assert_null(test_lc_find(d, n, mine));
	assert_non_null(test_lc_find(d, n, born));
	db_dup_free(d, n);
	form_record_free(reg);
}

static void
test_lc_dups_script(void **state)
{
	struct test_lc *t = *state;
	struct form_record *reg;
	struct db_dup *d;
	int64_t novak;
	size_t n;

	novak = test_lc_registered(t, "Novak", "Jan", NULL, "1980-04-01", "UA");
	reg = test_lc_person(t, t->case_id, "Новак", "Ян", "1982-02-02", "RU");
	/* Without folding Cyrillic cannot meet Latin... */
	assert_int_equal(db_dup_find(t->db, reg, NULL, &d, &n, NULL), DB_OK);
	assert_null(test_lc_find(d, n, novak));
	db_dup_free(d, n);
	/* ...with the fold callback "Новак Ян" is "Novak Jan". */
	assert_int_equal(db_dup_find(t->db, reg, i18n_fold_name, &d, &n, NULL),
	    DB_OK);
	assert_non_null(test_lc_find(d, n, novak));
	assert_int_equal(test_lc_find(d, n, novak)->score, 55);
	db_dup_free(d, n);
	form_record_free(reg);
	/* A spelling variant of the surname is found through the given name. */
	novak = test_lc_registered(t, "Shevchenko", "Taras", "Шевченко Тарас", "1975-05-05",
	    "UA");
	reg = test_lc_person(t, t->case_id, "Sevcenko", "Taras", "1960-01-01", "UA");
	assert_int_equal(db_dup_find(t->db, reg, i18n_fold_name, &d, &n, NULL),
	    DB_OK);
	assert_non_null(test_lc_find(d, n, novak));
	db_dup_free(d, n);
	form_record_free(reg);
}

static void
test_lc_roles(void **state)
{
	struct test_lc *t = *state;
	char *err = NULL;

	assert_string_equal(db_users_role(t->db, "nobody"), "counsellor");
	assert_int_equal(db_users_set(t->db, "eva", "reintegration_officer", &err), DB_OK);
	assert_string_equal(db_users_role(t->db, "eva"), "reintegration_officer");
	assert_int_equal(db_users_set(t->db, "eva", "supervisor", &err), DB_OK);
	assert_string_equal(db_users_role(t->db, "eva"), "supervisor");
	assert_int_equal(db_users_set(t->db, "eva", "boss", &err), DB_ERROR);
	assert_non_null(strstr(err, "unknown role 'boss'"));
	xfree(&err);
	assert_string_equal(db_users_role(t->db, "eva"), "supervisor");
	assert_string_equal(db_users_role_name("return_officer"), "Return officer");
	assert_null(db_users_role_name("boss"));
	db_set_user(t->db, "eva");
	assert_true(db_users_is(t->db, "supervisor"));
	assert_int_equal(test_lc_count(t, "SELECT count(*) FROM audit WHERE tbl = 'users'"
	    " AND user = 'tester'"), 2);
}

/* A payment above what is left of its item's budget: refused with the figure
 * left; a supervisor may approve the overrun. */
static void
test_lc_rule_overpayment(void **state)
{
	struct test_lc *t = *state;
	struct form_record *pay = test_lc_payment(t, "1", "2000.00");
	struct db_case_summary s;
	int k;

	test_lc_departed(t);
	test_lc_ok(t, test_lc_plan(t, "1000.00", "EUR", "900.00", "100.00"));
	test_lc_needs_approval(t, pay, "item 1 has 900.00 EUR left (ask a supervisor)");
	form_record_free(pay);
	test_lc_ok(t, test_lc_payment(t, "1", "500.00"));
	pay = test_lc_payment(t, "1", "500.00");
	test_lc_needs_approval(t, pay, "item 1 has 400.00 EUR left");
	/* A counsellor may not approve the overrun; a supervisor may. */
	fixture_set(pay, "overrun_by", "tester");
	fixture_set(pay, "overrun_on", "2026-03-01");
	test_lc_refused(t, pay, "only a supervisor may approve an overrun");
	assert_int_equal(db_users_set(t->db, "boss", "supervisor", NULL), DB_OK);
	db_set_user(t->db, "boss");
	fixture_set(pay, "overrun_by", "boss");
	test_lc_ok(t, pay);
	db_set_user(t->db, "tester");
	/* The overview shows the item paid over its budget, not as done. */
	assert_int_equal(db_timeline_summary(t->db, t->case_id, &s, NULL), DB_OK);
	k = test_lc_note(&s, "Item %s: paid %s, over its budget of %s %s");
	assert_true(k >= 0);
	assert_string_equal(s.missing[k].arg[1], "1000.00");
	db_timeline_summary_clear(&s);
	/* Within what is left: accepted; in another currency, through its EUR amount. */
	pay = test_lc_payment(t, "2", "1000.00");
	test_lc_money(pay, "amount", "1000.00", "GEL");
	fixture_set(pay, "rate", "0.34");
	fixture_set(pay, "amount_eur", "340.00");
	test_lc_needs_approval(t, pay, "item 2 has 100.00 EUR left");
	test_lc_money(pay, "amount", "250.00", "GEL");
	fixture_set(pay, "amount_eur", "85.00");
	test_lc_ok(t, pay);
}

/* Nothing is paid for a cancelled item. */
static void
test_lc_rule_cancelled_item(void **state)
{
	struct test_lc *t = *state;
	struct form_record *plan, *pay = test_lc_payment(t, "2", "50.00");
	struct form_rows *items;

	test_lc_departed(t);
	plan = test_lc_plan(t, "1000.00", "EUR", "900.00", "100.00");
	items = &plan->kids[fixture_field(plan->def, "items")];
	fixture_set(items->rows[1], "cancelled", "yes");
	fixture_set(items->rows[1], "cancel_reason", "Provider closed");
	test_lc_ok(t, plan);
	test_lc_refused(t, pay, "item 2 is cancelled (choose another item)");
	fixture_set(pay, "item_no", "1");
	test_lc_ok(t, pay);
}

/* "Completed" needs the arrival confirmed and every item paid or cancelled. */
static void
test_lc_rule_completed(void **state)
{
	struct test_lc *t = *state;
	struct form_record *clo = test_lc_new(t, "closure", t->case_id), *plan;
	struct form_rows *items;

	fixture_set(clo, "closed_on", "2026-06-01");
	fixture_set(clo, "reason", "completed");
	test_lc_departed(t);
	test_lc_refused(t, clo, "arrival not confirmed (confirm it or pick another reason)");
	test_lc_arrived(t);
	test_lc_ok(t, test_lc_plan(t, "1000.00", "EUR", "900.00", "100.00"));
	test_lc_ok(t, test_lc_payment(t, "1", "450.00"));
	test_lc_ok(t, test_lc_payment(t, "2", "100.00"));
	test_lc_refused(t, clo, "item 1 is paid 450.00 of 900.00 EUR (pay or cancel it)");
	plan = test_lc_load(t, "plan");
	items = &plan->kids[fixture_field(plan->def, "items")];
	fixture_set(items->rows[0], "cancelled", "yes");
	test_lc_ok(t, plan);
	test_lc_refused(t, clo, "item 1 is cancelled without a reason");
	plan = test_lc_load(t, "plan");
	items = &plan->kids[fixture_field(plan->def, "items")];
	fixture_set(items->rows[0], "cancel_reason", "The client found a job");
	test_lc_ok(t, plan);
	test_lc_ok(t, clo);
	assert_int_equal(test_lc_status(t), CASE_CLOSED);
}

/* Another reason closes a case whatever was paid. */
static void
test_lc_rule_completed_other_reason(void **state)
{
	struct test_lc *t = *state;
	struct form_record *clo = test_lc_new(t, "closure", t->case_id);

	fixture_set(clo, "closed_on", "2026-06-01");
	fixture_set(clo, "reason", "absconded");
	test_lc_departed(t);
	test_lc_ok(t, clo);
}

/* The departure is not before the first flight. */
static void
test_lc_rule_flight(void **state)
{
	struct test_lc *t = *state;
	struct form_record *prep = test_lc_new(t, "return_prep", t->case_id), *row, *dep;

	test_lc_ok(t, test_lc_person(t, t->case_id, "Petrenko", "Olena", "1985-03-02", "UA"));
	test_lc_consent(t, t->case_id, "yes");
	fixture_set(prep, "travel_doc", "passport");
	fixture_set(prep, "passport_no", "FX1");
	fixture_set(prep, "passport_expiry", "2031-01-01");
	fixture_set(prep, "escort", "none");
	row = form_record_add_row(prep, fixture_field(prep->def, "flights"));
	fixture_set(row, "flight_date", "2026-01-22");
	row = form_record_add_row(prep, fixture_field(prep->def, "flights"));
	fixture_set(row, "flight_date", "2026-01-20");
	test_lc_ok(t, prep);
	dep = test_lc_departure(t, t->case_id, "2026-01-15");
	test_lc_refused(t, dep, "first flight is on 2026-01-20 (fix Departed on)");
	fixture_set(dep, "departed_on", "2026-01-20");
	test_lc_ok(t, dep);
}

/* A date of birth years ago (today's clock, which the suite may move). */
static const char *
test_lc_born_ago(int years, char buf[DATE_LEN])
{
	struct date d = date_today();

	d.y -= years;
	if (d.m == 2 && d.d == 29)
		d.d = 28;
	date_format(&d, buf);
	return buf;
}

/* Age-bound vulnerabilities against the date of birth. */
static void
test_lc_rule_age(void **state)
{
	struct test_lc *t = *state;
	struct form_record *reg = test_lc_person(t, t->case_id, "Petrenko", "Olena",
	    "1990-03-02", "UA"), *row;
	char dob[DATE_LEN];

	fixture_set(reg, "vulnerabilities", "medical unaccompanied_minor");
	test_lc_refused(t, reg, ": not an unaccompanied minor (check Date of birth)");
	fixture_set(reg, "vulnerabilities", "elderly");
	test_lc_refused(t, reg, ": not elderly, under 60 (check Date of birth)");
	fixture_set(reg, "dob", "1950-03-02");
	/* A family member: the row is named. */
	row = form_record_add_row(reg, fixture_field(reg->def, "family"));
	fixture_set(row, "dob", "1990-01-01");
	fixture_set(row, "vulnerabilities", "unaccompanied_minor");
	test_lc_refused(t, reg, "family 1 aged ");
	fixture_set(row, "dob", test_lc_born_ago(11, dob));
	test_lc_ok(t, reg);
}

static void
test_lc_rule_age_minor(void **state)
{
	struct test_lc *t = *state;
	char dob[DATE_LEN];
	struct form_record *reg = test_lc_person(t, t->case_id, "Petrenko", "Ivan",
	    test_lc_born_ago(17, dob), "UA"), *old;

	/* 17 today: a minor; 18 (born a year earlier) is not. */
	fixture_set(reg, "vulnerabilities", "unaccompanied_minor");
	old = form_record_dup(reg);
	fixture_set(old, "dob", test_lc_born_ago(18, dob));
	test_lc_refused(t, old, "aged 18: not an unaccompanied minor");
	form_record_free(old);
	test_lc_ok(t, reg);
}

/* A money amount always names its currency: never a silent EUR. */
static void
test_lc_rule_money(void **state)
{
	struct test_lc *t = *state;
	struct form_record *plan, *proj = test_lc_new(t, "project", 0);

	fixture_set(proj, "code", "AMIF-1");
	fixture_set(proj, "name", "Return 2026");
	test_lc_money(proj, "approval_limit", "800.00", NULL);
	test_lc_refused(t, proj, "Approval limit per plan has no currency (choose one)");
	test_lc_money(proj, "approval_limit", "800.00", "EUR");
	test_lc_ok(t, proj);
	test_lc_departed(t);
	plan = test_lc_plan(t, "1000.00", NULL, "300.00", NULL);
	test_lc_refused(t, plan, "Budget has no currency");
	form_record_free(plan);
	test_lc_ok(t, test_lc_plan(t, "1000.00", "EUR", "300.00", NULL));
}

/* A plan over its grant, kept as the user's draft and sent for approval. */
static int64_t
test_lc_ask(struct test_lc *t, struct form_record *plan)
{
	char *msg = NULL;
	int64_t draft = 0;

	assert_int_equal(test_lc_save(t, plan, &msg), DB_APPROVAL);
	assert_int_equal(db_draft_save(t->db, &draft, plan, 0, NULL), DB_OK);
	assert_int_equal(db_approval_ask(t->db, draft, msg, NULL), DB_OK);
	free(msg);
	return draft;
}

/* Approvals as an action: an officer sends, only a supervisor sees what
 * awaits, loads it, signs it (name and date by the program) and saves it, or
 * sends it back with a comment the officer then reads. */
static void
test_lc_approval_flow(void **state)
{
	struct test_lc *t = *state;
	struct form_record *plan, *d = NULL;
	struct db_save_also also = { 0 };
	struct db_draft *list;
	int64_t draft;
	char *err = NULL;
	size_t n;
	int cursor;

	test_lc_departed(t);
	assert_int_equal(db_users_set(t->db, "boss", "supervisor", NULL), DB_OK);
	assert_int_equal(sqlite3_exec(t->db->sql, "UPDATE users SET full_name = 'Soňa Šimková'"
	    " WHERE name = 'boss'", NULL, NULL, NULL), SQLITE_OK);
	draft = test_lc_ask(t, plan = test_lc_plan(t, "1000.00", "EUR", "600.00", "500.00"));
	form_record_free(plan);
	/* The officer neither lists nor signs what awaits. */
	assert_int_equal(db_approval_count(t->db), 0);
	assert_int_equal(db_approval_list(t->db, &list, &n, &err), DB_REFUSED);
	assert_non_null(strstr(err, "Only a supervisor"));
	xfree(&err);
	/* Someone else who does not approve cannot load it either. */
	db_set_user(t->db, "eva");
	assert_int_equal(db_draft_load(t->db, draft, &d, &cursor, NULL), DB_NOTFOUND);
	db_set_user(t->db, "boss");
	assert_int_equal(db_approval_count(t->db), 1);
	assert_int_equal(db_approval_list(t->db, &list, &n, NULL), DB_OK);
	assert_int_equal(n, 1);
	assert_string_equal(list[0].user, "tester");
	assert_non_null(strstr(list[0].awaiting, "more than the grant of 1000.00 EUR"));
	assert_non_null(list[0].asked_at);
	db_drafts_free(list, n);
	assert_int_equal(db_draft_load(t->db, draft, &d, &cursor, NULL), DB_OK);
	assert_int_equal(db_approval_sign(t->db, d, NULL), DB_OK);
	assert_string_equal(fixture_get(d, "approved_by"), "Soňa Šimková");
	assert_string_equal(fixture_get(d, "approved_on"), "2026-11-22");	/* AVRR_TODAY */
	also.draft_id = draft;
	assert_int_equal(db_lifecycle_save_also(t->db, d, &also, NULL, NULL), DB_OK);
	form_record_free(d);
	assert_int_equal(db_approval_count(t->db), 0);
	assert_int_equal(test_lc_count(t, "SELECT count(*) FROM drafts"), 0);
	assert_int_equal(test_lc_count(t, "SELECT count(*) FROM plan WHERE approved_by ="
	    " 'Soňa Šimková' AND approved_on = '2026-11-22'"), 1);

	/* Raised over what was approved: sent again, and sent back this time. */
	db_set_user(t->db, "tester");
	assert_int_equal(db_record_load(t->db, form_set_find(t->set, "plan"),
	    test_lc_count(t, "SELECT id FROM plan"), &plan, NULL), DB_OK);
	test_lc_money(plan->kids[fixture_field(plan->def, "items")].rows[1], "budget", "900.00",
	    "EUR");
	draft = test_lc_ask(t, plan);
	form_record_free(plan);
	assert_int_equal(db_approval_send_back(t->db, draft, "Too much", &err), DB_REFUSED);
	xfree(&err);
	db_set_user(t->db, "boss");
	assert_int_equal(db_approval_send_back(t->db, draft, "Lower item 2 to 400", NULL), DB_OK);
	assert_int_equal(db_approval_count(t->db), 0);
	assert_int_equal(db_approval_send_back(t->db, draft, "again", NULL), DB_NOTFOUND);
	db_set_user(t->db, "tester");
	assert_int_equal(db_draft_list(t->db, "tester", &list, &n, NULL), DB_OK);
	assert_int_equal(n, 1);
	assert_null(list[0].awaiting);
	assert_string_equal(list[0].reply, "Lower item 2 to 400");
	assert_string_equal(list[0].reply_by, "boss");
	db_drafts_free(list, n);
	/* and no one but a supervisor signs */
	assert_int_equal(db_draft_load(t->db, draft, &d, &cursor, NULL), DB_OK);
	assert_int_equal(db_approval_sign(t->db, d, &err), DB_REFUSED);
	xfree(&err);
	form_record_free(d);
}

#define TEST_LC(f) cmocka_unit_test_setup_teardown(f, test_lc_setup, test_lc_teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		TEST_LC(test_lc_rule_consent),
		TEST_LC(test_lc_rule_consent_yes),
		TEST_LC(test_lc_consent_latest),
		TEST_LC(test_lc_consent_withdrawn),
		TEST_LC(test_lc_rule_departure),
		TEST_LC(test_lc_rule_replacement),
		TEST_LC(test_lc_rule_plan_grant),
		TEST_LC(test_lc_rule_plan_raised),
		TEST_LC(test_lc_rule_plan_limit),
		TEST_LC(test_lc_rule_plan_currency),
		TEST_LC(test_lc_rule_payment),
		TEST_LC(test_lc_rule_monitoring),
		TEST_LC(test_lc_rule_closure),
		TEST_LC(test_lc_rule_overpayment),
		TEST_LC(test_lc_rule_cancelled_item),
		TEST_LC(test_lc_rule_completed),
		TEST_LC(test_lc_rule_completed_other_reason),
		TEST_LC(test_lc_rule_flight),
		TEST_LC(test_lc_rule_age),
		TEST_LC(test_lc_rule_age_minor),
		TEST_LC(test_lc_rule_money),
		TEST_LC(test_lc_status_moves),
		TEST_LC(test_lc_summary_new),
		TEST_LC(test_lc_summary_flow),
		TEST_LC(test_lc_timeline_same_day),
		TEST_LC(test_lc_dups),
		TEST_LC(test_lc_dups_script),
		TEST_LC(test_lc_roles),
		TEST_LC(test_lc_approval_flow),
	};

	setenv("AVRR_TODAY", "2026-11-22", 1);	/* the day approvals are signed on */
	return cmocka_run_group_tests(tests, NULL, NULL);
}
