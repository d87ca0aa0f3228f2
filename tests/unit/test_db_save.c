/*
 * db/lifecycle + db/draft: one user's save is one transaction (the new case,
 * its registration and family rows, the audit rows, the removal of the
 * draft), and a user has one draft per form, case and record.
 */
#include "db_fixture.h"

#include <sqlite3.h>

#include "db/cases.h"
#include "db/draft.h"
#include "db/internal.h"
#include "db/lifecycle.h"
#include "db/record.h"

static long long
test_sv_count(struct fixture_db *t, const char *sql)
{
	return fixture_count(t->db->sql, sql);
}

/* A new registration with two family members, kept as a draft first. */
static struct form_record *
test_sv_registration(struct fixture_db *t, int64_t *draft)
{
	struct form_record *rec = form_record_new(form_set_find(t->set, "registration"));
	size_t fam = fixture_field(rec->def, "family");
	struct form_record *kid;

	fixture_set(rec, "surname", "GELASHVILI");
	fixture_set(rec, "given_names", "Tornike");
	fixture_set(rec, "dob", "1988-04-02");
	fixture_set(rec, "project", "AMIF-1");
	kid = form_record_add_row(rec, fam);
	fixture_set(kid, "given_names", "Nino");
	kid = form_record_add_row(rec, fam);
	fixture_set(kid, "given_names", "Luka");
	*draft = 0;
	assert_int_equal(db_draft_save(t->db, draft, rec, 0, NULL), DB_OK);
	return rec;
}

static void
test_save_new_case_whole(void **state)
{
	struct fixture_db *t = *state;
	int64_t draft;
	struct form_record *rec = test_sv_registration(t, &draft);
	struct db_save_also also = { .draft_id = draft, .make_case = true,
	    .client_lang = "ka" };
	char *err = NULL;

	assert_int_equal(db_lifecycle_save_also(t->db, rec, &also, NULL, &err), DB_OK);
	assert_true(rec->case_id > 0);
	assert_true(rec->id > 0);
	assert_int_equal(test_sv_count(t, "SELECT count(*) FROM cases WHERE client_lang = 'ka'"
	    " AND project = 'AMIF-1'"), 1);
	assert_int_equal(test_sv_count(t, "SELECT count(*) FROM registration r JOIN cases c"
	    " ON c.id = r.case_id"), 1);
	assert_int_equal(test_sv_count(t, "SELECT count(*) FROM registration_family"), 2);
	assert_int_equal(test_sv_count(t, "SELECT count(*) FROM drafts"), 0);
	/* The case and its registration were written by one save, at one time. */
	assert_int_equal(test_sv_count(t, "SELECT count(DISTINCT at) FROM audit"), 1);
	assert_int_equal(test_sv_count(t, "SELECT count(*) FROM audit WHERE tbl = 'cases'"), 1);
	form_record_free(rec);
}

/* A save that fails half-way leaves nothing: no case, no number used, the draft kept. */
static void
test_save_new_case_rolled_back(void **state)
{
	struct fixture_db *t = *state;
	int64_t draft;
	struct form_record *rec = test_sv_registration(t, &draft);
	struct db_save_also also = { .draft_id = draft, .make_case = true };
	struct db_case c;
	char *err = NULL;

	assert_int_equal(sqlite3_exec(t->db->sql, "CREATE TRIGGER full BEFORE INSERT ON"
	    " registration_family BEGIN SELECT RAISE(ABORT, 'disk full'); END", NULL, NULL,
	    NULL), SQLITE_OK);
	assert_int_not_equal(db_lifecycle_save_also(t->db, rec, &also, NULL, &err), DB_OK);
	assert_non_null(err);
	free(err);
	err = NULL;
	assert_int_equal(rec->case_id, 0);
	assert_int_equal(rec->id, 0);
	assert_int_equal(test_sv_count(t, "SELECT count(*) FROM cases"), 0);
	assert_int_equal(test_sv_count(t, "SELECT count(*) FROM registration"), 0);
	assert_int_equal(test_sv_count(t, "SELECT count(*) FROM audit"), 0);
	assert_int_equal(test_sv_count(t, "SELECT count(*) FROM drafts"), 1);

	assert_int_equal(sqlite3_exec(t->db->sql, "DROP TRIGGER full", NULL, NULL, NULL),
	    SQLITE_OK);
	assert_int_equal(db_lifecycle_save_also(t->db, rec, &also, NULL, &err), DB_OK);
	assert_int_equal(db_case_load(t->db, rec->case_id, &c, NULL), DB_OK);
	assert_non_null(strstr(c.case_no, "-00001"));	/* no number was lost */
	db_case_clear(&c);
	assert_int_equal(test_sv_count(t, "SELECT count(*) FROM drafts"), 0);
	form_record_free(rec);
}

static int64_t
test_sv_case(struct fixture_db *t)
{
	struct db_case c;
	int64_t id;

	assert_int_equal(db_case_create(t->db, "AMIF-1", NULL, &c, NULL), DB_OK);
	id = c.id;
	db_case_clear(&c);
	return id;
}

static struct form_record *
test_sv_consent(struct fixture_db *t, int64_t case_id, const char *on)
{
	struct form_record *rec = form_record_new(form_set_find(t->set, "consent"));

	rec->case_id = case_id;
	fixture_set(rec, "consent_given", "yes");
	fixture_set(rec, "consent_on", on);
	return rec;
}

/* One draft per form, case and record; new registrations are each someone else. */
static void
test_draft_one_per_record(void **state)
{
	struct fixture_db *t = *state;
	int64_t case_id = test_sv_case(t), a = 0, b = 0, r1, r2;
	struct form_record *rec = test_sv_consent(t, case_id, "2026-01-05");
	struct form_record *r;
	struct db_save_also also = { .make_case = false };

	assert_int_equal(db_draft_save(t->db, &a, rec, 0, NULL), DB_OK);
	assert_int_equal(db_draft_save(t->db, &b, rec, 0, NULL), DB_OK);
	assert_int_not_equal(a, b);
	assert_int_equal(test_sv_count(t, "SELECT count(*) FROM drafts"), 1);
	assert_int_equal(db_draft_find(t->db, "consent", case_id, 0, &a, NULL), DB_OK);
	assert_int_equal(a, b);

	r = test_sv_registration(t, &r1);
	form_record_free(r);
	r = test_sv_registration(t, &r2);
	form_record_free(r);
	assert_int_equal(test_sv_count(t, "SELECT count(*) FROM drafts"), 3);

	/* Saving the consent (from another window: no draft id) removes its draft. */
	assert_int_equal(db_lifecycle_save_also(t->db, rec, &also, NULL, NULL), DB_OK);
	assert_int_equal(test_sv_count(t, "SELECT count(*) FROM drafts WHERE form = 'consent'"),
	    0);
	assert_int_equal(test_sv_count(t, "SELECT count(*) FROM drafts"), 2);
	form_record_free(rec);

	/* A record that has its case keeps it, whatever the caller asked. */
	rec = test_sv_consent(t, case_id, "2026-01-06");
	also.make_case = true;
	(void)db_lifecycle_save_also(t->db, rec, &also, NULL, NULL);	/* a second event */
	assert_int_equal(rec->case_id, case_id);
	assert_int_equal(test_sv_count(t, "SELECT count(*) FROM cases"), 1);
	form_record_free(rec);
}

/* A closure (once per case) of case_id on the day on. */
static struct form_record *
test_sv_closure(struct fixture_db *t, int64_t case_id, const char *on)
{
	struct form_record *rec = form_record_new(form_set_find(t->set, "closure"));

	rec->case_id = case_id;
	fixture_set(rec, "closed_on", on);
	fixture_set(rec, "reason", "withdrawn");
	return rec;
}

/* A draft of a new record that was saved meanwhile resumes as an edit of it
 * (a form of one record per case: the closure; consent is one per event). */
static void
test_draft_onto_stored(void **state)
{
	struct fixture_db *t = *state;
	int64_t case_id = test_sv_case(t), id = 0;
	struct form_record *mine = test_sv_closure(t, case_id, "2026-02-01");
	struct form_record *theirs = test_sv_closure(t, case_id, "2026-01-05");
	struct form_record *back = NULL;
	struct db_draft *list;
	size_t n;
	int cursor;

	fixture_set(theirs, "notes", "yes");
	assert_int_equal(db_draft_save(t->db, &id, mine, 0, NULL), DB_OK);
	db_set_user(t->db, "colleague");
	assert_int_equal(db_lifecycle_save(t->db, theirs, NULL, NULL), DB_OK);
	db_set_user(t->db, "tester");

	assert_int_equal(db_draft_list(t->db, "tester", &list, &n, NULL), DB_OK);
	assert_int_equal(n, 1);
	assert_non_null(list[0].case_no);
	assert_non_null(strstr(list[0].case_no, "AVRR-"));
	db_drafts_free(list, n);

	assert_int_equal(db_draft_load(t->db, id, &back, &cursor, NULL), DB_OK);
	assert_int_equal(back->id, theirs->id);
	assert_int_equal(back->version, theirs->version);
	assert_string_equal(fixture_get(back, "closed_on"), "2026-02-01");
	assert_string_equal(fixture_get(back, "notes"), "yes");
	form_record_free(back);
	form_record_free(mine);
	form_record_free(theirs);
}

/* The real forms without the permissions table: what is tested is the
 * save, not the roles (test_db_perm). */
#define TEST_SV(f) cmocka_unit_test_setup_teardown(f, fixture_db_setup_rules, fixture_db_teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		TEST_SV(test_save_new_case_whole),
		TEST_SV(test_save_new_case_rolled_back),
		TEST_SV(test_draft_one_per_record),
		TEST_SV(test_draft_onto_stored),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
