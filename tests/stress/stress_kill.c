/*
 * Stress: kill -9 at random moments of a save, many times over.
 *
 * Each round leaves a draft in the database (a new registration with two
 * family members, or a payment), starts the real avrr at 80x24, resumes the
 * draft from the start screen, presses F2 and kills the program 0-40 ms
 * (a registration, with its duplicate check) or 0-20 ms (a payment) later,
 * which with the sanitizer build spans the save (STRESS_MAX_US sets both). Afterwards the database must be whole (integrity_check), every case
 * must have its registration, no draft may be left of a saved record, and
 * resuming what is left (as the program does) must register nobody twice.
 *
 * STRESS_KILLS sets the rounds of each test (default 200); STRESS_SEED the
 * random moments. The figures are printed for the notes.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "e2e/app.h"
#include "db/cases.h"
#include "db/draft.h"
#include "db/internal.h"
#include "db/lifecycle.h"
#include "db/record.h"
#include "util/mem.h"

#define T	15000

struct st {
	struct e2e_db	*db;
	int		 rounds;
	unsigned	 seed;
	int		 saved, left;	/* rounds whose record was saved / left as a draft */
	int		 max_us;	/* the kill comes 0 .. max_us after F2 (0: the test's) */
};

static int
st_setup(void **state)
{
	struct st *t = xcalloc(1, sizeof *t);
	const char *n = getenv("STRESS_KILLS"), *seed = getenv("STRESS_SEED");
	const char *us = getenv("STRESS_MAX_US");

	/* the real forms without the permissions table: the kills test the save,
	 * not the roles (one user walks a case through every stage) */
	t->db = e2e_db_new_rules("forms");
	t->rounds = n != NULL && atoi(n) > 0 ? atoi(n) : 200;
	t->seed = seed != NULL ? (unsigned)atoi(seed) : 1;
	t->max_us = us != NULL && atoi(us) > 0 ? atoi(us) : 0;
	*state = t;
	return 0;
}

static int
st_teardown(void **state)
{
	struct st *t = *state;

	e2e_db_free(t->db);
	free(t);
	return 0;
}

static void
st_set(struct form_record *rec, const char *name, const char *val)
{
	int i = form_field_index(rec->def, name);

	if (i < 0)
		fail_msg("form %s has no field %s", rec->def->name, name);
	form_record_set(rec, (size_t)i, val);
}

static void
st_money(struct form_record *rec, const char *name, const char *amount)
{
	int i = form_field_index(rec->def, name);

	st_set(rec, name, amount);
	form_record_set_part(rec, i, 1, "EUR");
}

static struct form_record *
st_new(struct st *t, const char *form, int64_t case_id)
{
	struct form_record *rec = form_record_new(form_set_find(t->db->forms, form));

	rec->case_id = case_id;
	return rec;
}

static void
st_member(struct form_record *rec, const char *given, const char *rel)
{
	struct form_record *m = form_record_add_row(rec,
	    (size_t)form_field_index(rec->def, "family"));

	st_set(m, "surname", form_record_get(rec, (size_t)form_field_index(rec->def,
	    "surname")));
	st_set(m, "given_names", given);
	st_set(m, "sex", "female");
	st_set(m, "dob", "2015-03-03");
	st_set(m, "relationship", rel);
	st_set(m, "nationality", "GE");
	st_set(m, "vulnerabilities", "none");
}

/* A surname no other round has: letters only, so the search folds it alike. */
static void
st_surname(int round, char *buf, size_t len)
{
	size_t k = 0;

	buf[k++] = 'Q';
	do {
		buf[k++] = (char)('a' + round % 26);
		round /= 26;
	} while (round > 0 && k + 1 < len);
	memcpy(buf + k, "vili", 5);
}

static struct form_record *
st_registration(struct st *t, int round, char *surname, size_t len)
{
	struct form_record *rec = st_new(t, "registration", 0);
	char dob[16];

	st_surname(round, surname, len);
	snprintf(dob, sizeof dob, "19%02d-%02d-%02d", 50 + round % 50, 1 + round % 12,
	    1 + round % 28);
	st_set(rec, "surname", surname);
	st_set(rec, "given_names", "Levan");
	st_set(rec, "sex", "male");
	st_set(rec, "dob", dob);
	st_set(rec, "nationality", "GE");
	st_set(rec, "return_country", "GE");
	st_set(rec, "languages", "ka");
	st_set(rec, "interpreter", "no");
	st_set(rec, "location", "humenne");
	st_set(rec, "legal_status", "rejected");
	st_set(rec, "vulnerabilities", "none");
	st_set(rec, "project", "AMIF-2026-01");
	st_member(rec, "Nino", "spouse");
	st_member(rec, "Mariam", "child");
	return rec;
}

/* Leaves rec as the user's draft; frees it. */
static void
st_draft(struct st *t, struct form_record *rec)
{
	int64_t id = 0;

	e2e_db_open(t->db);
	db_set_user(t->db->db, "tester");
	assert_int_equal(db_draft_save(t->db->db, &id, rec, 0, NULL), DB_OK);
	e2e_db_close(t->db);
	form_record_free(rec);
}

/* Starts avrr, resumes the newest draft, presses F2 and kills it a moment later. */
static void
st_round(struct st *t, const char *title, int max_us)
{
	struct vt *vt = e2e_start(t->db, NULL, 24, 80);
	struct timespec ts;

	VT_ASSERT_TEXT(vt, "Drafts", T);
	e2e_select(vt, title);		/* the draft's line (past the menu and the work) */
	vt_key(vt, VT_ENTER);
	VT_ASSERT_ROW(vt, 0, title, T);
	vt_key(vt, VT_F2);
	ts.tv_sec = 0;
	ts.tv_nsec = (long)(rand_r(&t->seed) % (unsigned)(t->max_us > 0 ? t->max_us : max_us)) *
	    1000L;
	nanosleep(&ts, NULL);
	vt_signal(vt, SIGKILL);
	vt_wait_exit(vt, T);
	vt_free(vt);
}

static long long
st_count(struct st *t, const char *sql)
{
	sqlite3_stmt *s;
	long long n = -1;

	e2e_db_open(t->db);
	if (sqlite3_prepare_v2(t->db->db->sql, sql, -1, &s, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(t->db->db->sql));
	if (sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	e2e_db_close(t->db);
	return n;
}

static void
st_whole(struct st *t)
{
	sqlite3_stmt *s;

	e2e_db_open(t->db);
	assert_int_equal(sqlite3_prepare_v2(t->db->db->sql, "PRAGMA integrity_check", -1, &s,
	    NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(s, 0), "ok");
	sqlite3_finalize(s);
	e2e_db_close(t->db);
}

/* Resumes and saves every draft left, as the program does. */
static void
st_resume_all(struct st *t)
{
	struct db_draft *d = NULL;
	struct form_record *rec;
	size_t n = 0, i;
	int cursor;

	e2e_db_open(t->db);
	db_set_user(t->db->db, "tester");
	assert_int_equal(db_draft_list(t->db->db, "tester", &d, &n, NULL), DB_OK);
	for (i = 0; i < n; i++) {
		struct db_save_also also = { .draft_id = d[i].id, .make_case = true };
		char *err = NULL;

		assert_int_equal(db_draft_load(t->db->db, d[i].id, &rec, &cursor, NULL), DB_OK);
		if (db_lifecycle_save_also(t->db->db, rec, &also, NULL, &err) != DB_OK)
			fail_msg("resuming draft %lld: %s", (long long)d[i].id, err);
		form_record_free(rec);
	}
	db_drafts_free(d, n);
	e2e_db_close(t->db);
}

static void
test_kill_registration(void **state)
{
	struct st *t = *state;
	char surname[32];
	int r;

	for (r = 0; r < t->rounds; r++) {
		st_draft(t, st_registration(t, r, surname, sizeof surname));
		st_round(t, "Registration", 40000);
	}
	st_whole(t);
	t->saved = (int)st_count(t, "SELECT count(*) FROM registration");
	t->left = (int)st_count(t, "SELECT count(*) FROM drafts");
	printf("stress: %d kills during a registration's save: %d saved, %d left as drafts\n",
	    t->rounds, t->saved, t->left);
	assert_int_equal(st_count(t, "SELECT count(*) FROM cases c WHERE NOT EXISTS"
	    " (SELECT 1 FROM registration r WHERE r.case_id = c.id)"), 0);
	assert_int_equal(st_count(t, "SELECT count(*) FROM registration r JOIN"
	    " registration_family f ON f.parent_id = r.id"), 2 * (long long)t->saved);
	assert_int_equal(st_count(t, "SELECT count(*) FROM drafts d JOIN registration r"
	    " ON json_extract(d.data, '$.record.vals.surname') = r.surname"), 0);
	assert_int_equal(t->saved + t->left, t->rounds);
	st_resume_all(t);
	assert_int_equal(st_count(t, "SELECT count(*) FROM registration"), t->rounds);
	assert_int_equal(st_count(t, "SELECT count(*) FROM (SELECT surname FROM registration"
	    " GROUP BY surname HAVING count(*) > 1)"), 0);
	assert_int_equal(st_count(t, "SELECT count(*) FROM drafts"), 0);
	assert_int_equal(st_count(t, "SELECT count(*) FROM cases"), t->rounds);
}

/* A case with a plan whose one item has room for every payment of the test. */
static int64_t
st_case_with_plan(struct st *t)
{
	struct form_record *rec;
	char surname[32];
	int64_t id;
	struct db_save_also also = { .make_case = true };
	char *err = NULL;

	e2e_db_open(t->db);
	rec = st_registration(t, 9999, surname, sizeof surname);
	if (db_lifecycle_save_also(t->db->db, rec, &also, NULL, &err) != DB_OK)
		fail_msg("registration: %s", err);
	id = rec->case_id;
	form_record_free(rec);
	e2e_put(t->db, e2e_rec(t->db, id, "consent", "consent_given", "yes", "consent_on",
	    "2026-11-02", "explained_in", "ka", "by_interpreter", "no", "signed_paper", "yes",
	    NULL));
	rec = e2e_rec(t->db, id, "return_prep", "travel_doc", "passport", "passport_no",
	    "13AB45678", "passport_expiry", "2030-01-31", "escort", "none", NULL);
	e2e_row(rec, "flights", "flight_date", "2026-11-10", "from_airport", "VIE",
	    "to_airport", "TBS", NULL);
	e2e_put(t->db, rec);
	e2e_put(t->db, e2e_rec(t->db, id, "departure", "departed_on", "2026-11-10",
	    "arrival_confirmed", "yes", "confirmed_on", "2026-11-11", "confirmed_by", "GE", NULL));
	rec = e2e_rec(t->db, id, "plan", "grant", "2000", "prepared_on", "2026-11-12", "timing",
	    "after", NULL);
	e2e_row(rec, "items", "item_type", "business", "description", "Bakery oven", "budget",
	    "1500", NULL);
	e2e_put(t->db, rec);
	e2e_db_close(t->db);
	return id;
}

static struct form_record *
st_payment(struct st *t, int64_t case_id, int round)
{
	struct form_record *rec = st_new(t, "payment", case_id);
	char inv[32];

	snprintf(inv, sizeof inv, "INV-%05d", round);
	st_set(rec, "item_no", "1");
	st_set(rec, "paid_on", "2026-11-20");
	st_money(rec, "amount", "1");
	st_set(rec, "rate", "1");
	st_set(rec, "invoice_no", inv);
	st_set(rec, "mission", "GE");
	return rec;
}

static void
test_kill_payment(void **state)
{
	struct st *t = *state;
	int64_t case_id = st_case_with_plan(t);
	int r;

	/* A payment left as a draft is resumed in the next round: a new one of
	 * the same case would replace it (one draft per form, case and record). */
	for (r = 0; r < t->rounds; r++) {
		if (st_count(t, "SELECT count(*) FROM drafts") == 0)
			st_draft(t, st_payment(t, case_id, r));
		st_round(t, "Payment to a provider", 20000);
	}
	st_whole(t);
	t->saved = (int)st_count(t, "SELECT count(*) FROM payment");
	t->left = (int)st_count(t, "SELECT count(*) FROM drafts");
	printf("stress: %d kills during a payment's save: %d saved, %d left as drafts\n",
	    t->rounds, t->saved, t->left);
	assert_int_equal(st_count(t, "SELECT count(*) FROM drafts d JOIN payment p"
	    " ON json_extract(d.data, '$.record.vals.invoice_no') = p.invoice_no"), 0);
	assert_true(t->left <= 1);
	st_resume_all(t);
	assert_int_equal(st_count(t, "SELECT count(*) FROM (SELECT invoice_no FROM payment"
	    " GROUP BY invoice_no HAVING count(*) > 1)"), 0);
	assert_int_equal(st_count(t, "SELECT count(*) FROM payment"), t->saved + t->left);
	assert_int_equal(st_count(t, "SELECT count(*) FROM drafts"), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_kill_registration, st_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_kill_payment, st_setup, st_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
