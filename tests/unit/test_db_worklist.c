/*
 * db/worklist: my open cases, callbacks due and monitoring visits due, each
 * against a database built by hand, on the day AVRR_TODAY fixes.
 */
#include "db_fixture.h"

#include "db/cases.h"
#include "db/perm.h"
#include "db/record.h"
#include "db/users.h"
#include "db/worklist.h"
#include "form/perm.h"
#include "form/workflow.h"

/* A record of form saved as it is (no lifecycle rules: the lists only read). */
static int64_t
test_wl_save(struct fixture_db *t, const char *form, int64_t case_id, const char *const *kv)
{
	struct form_record *rec = form_record_new(form_set_find(t->set, form));
	char *err = NULL;
	int64_t id;

	rec->case_id = case_id;
	for (; kv[0] != NULL; kv += 2)
		fixture_set(rec, kv[0], kv[1]);
	if (db_record_save(t->db, rec, NULL, &err) != DB_OK)
		fail_msg("%s: %s", form, err);
	id = rec->id;
	form_record_free(rec);
	return id;
}

static int64_t
test_wl_case(struct fixture_db *t, enum db_case_status status)
{
	struct db_case c;
	int64_t id;

	assert_int_equal(db_case_create(t->db, "P-1", NULL, &c, NULL), DB_OK);
	if (status != CASE_REGISTERED)
		assert_int_equal(db_case_set_status(t->db, &c, status, NULL), DB_OK);
	id = c.id;
	db_case_clear(&c);
	return id;
}

/* A departed case with visits monitoring records; its id. */
static int64_t
test_wl_departed(struct fixture_db *t, const char *on, int visits, enum db_case_status st)
{
	int64_t id = test_wl_case(t, st);
	const char *dep[] = { "departed_on", on, NULL };
	const char *mon[] = { "monitored_on", "2026-01-01", NULL };

	test_wl_save(t, "departure", id, dep);
	while (visits-- > 0)
		test_wl_save(t, "monitoring", id, mon);
	return id;
}

static void
test_wl_get(struct fixture_db *t, enum db_work_kind k, struct db_work_item **it, size_t *n,
    size_t *total)
{
	char *err = NULL;

	if (db_work_list(t->db, k, 50, it, n, total, &err) != DB_OK)
		fail_msg("worklist %d: %s", (int)k, err);
}

static void
test_wl_callbacks(void **state)
{
	struct fixture_db *t = *state;
	const char *due[] = { "caller_name", "Aslan Dudayev", "caller_phone", "+421900111222",
	    "callback", "yes", "callback_on", "2026-11-20", NULL };
	const char *today[] = { "caller_name", "Today", "callback", "yes",
	    "callback_on", "2026-11-22", "started_at", "2026-11-20 09:00", NULL };
	const char *back[] = { "caller_name", "Today", "callback", "no",
	    "started_at", "2026-11-22 10:00", NULL };
	int64_t c;
	const char *later[] = { "caller_name", "Later", "callback", "yes",
	    "callback_on", "2026-11-23", NULL };
	const char *none[] = { "caller_name", "None", "callback", "no", NULL };
	struct db_work_item *it;
	int64_t first;
	size_t n, total;

	first = test_wl_save(t, "call", 0, due);
	test_wl_save(t, "call", 0, later);
	test_wl_save(t, "call", 0, none);
	test_wl_save(t, "call", c = test_wl_case(t, CASE_REGISTERED), today);
	test_wl_get(t, DB_WORK_CALLBACKS, &it, &n, &total);
	assert_int_equal(total, 2);	/* due today or earlier, oldest first */
	assert_int_equal(n, 2);
	assert_int_equal(it[0].record_id, first);
	assert_int_equal(it[0].case_id, 0);
	assert_string_equal(it[0].name, "Aslan Dudayev");
	assert_string_equal(it[0].detail, "+421900111222");
	assert_string_equal(it[0].due, "2026-11-20");
	assert_string_equal(it[1].name, "Today");
	assert_non_null(it[1].case_no);
	db_work_free(it, n);
	/* the count alone */
	assert_int_equal(db_work_list(t->db, DB_WORK_CALLBACKS, 0, &it, &n, &total, NULL), DB_OK);
	assert_int_equal(total, 2);
	assert_int_equal(n, 0);
	/* called back: a later call of that case takes its callback off the list */
	test_wl_save(t, "call", c, back);
	test_wl_get(t, DB_WORK_CALLBACKS, &it, &n, &total);
	assert_int_equal(total, 1);
	assert_int_equal(it[0].record_id, first);
	db_work_free(it, n);
}

static void
test_wl_visits(void **state)
{
	struct fixture_db *t = *state;
	struct db_work_item *it;
	int64_t first, second;
	size_t n, total;

	first = test_wl_departed(t, "2026-08-01", 0, CASE_MONITORING);	/* 1st due 11-01 */
	test_wl_departed(t, "2026-06-01", 1, CASE_MONITORING);	/* 2nd due 12-01: later */
	second = test_wl_departed(t, "2025-01-10", 1, CASE_MONITORING);	/* 2nd due 2025-07-10 */
	test_wl_departed(t, "2024-01-01", 3, CASE_MONITORING);	/* all three done */
	test_wl_departed(t, "2025-01-01", 0, CASE_CLOSED);	/* closed: none */
	test_wl_departed(t, "2026-08-23", 0, CASE_DEPARTED);	/* 1st due 11-23: tomorrow */
	test_wl_get(t, DB_WORK_VISITS, &it, &n, &total);
	assert_int_equal(total, 2);
	assert_int_equal(it[0].case_id, second);	/* the longest overdue first */
	assert_string_equal(it[0].due, "2025-07-10");
	assert_int_equal(it[0].visit, 2);
	assert_int_equal(it[0].visits, 3);
	assert_int_equal(it[1].case_id, first);
	assert_string_equal(it[1].due, "2026-11-01");
	assert_int_equal(it[1].visit, 1);
	db_work_free(it, n);
}

static void
test_wl_mine(void **state)
{
	struct fixture_db *t = *state;
	struct db_work_item *it;
	int64_t mine;
	size_t n, total;

	mine = test_wl_case(t, CASE_COUNSELLING);
	test_wl_case(t, CASE_CLOSED);
	db_set_user(t->db, "eva");
	test_wl_case(t, CASE_REGISTERED);	/* eva's */
	db_set_user(t->db, "tester");
	test_wl_get(t, DB_WORK_MINE, &it, &n, &total);
	assert_int_equal(total, 1);
	assert_int_equal(it[0].case_id, mine);
	assert_string_equal(it[0].detail, "counselling");
	db_work_free(it, n);
}

/* A role that may not read calls has no callbacks to make; one that may not
 * read names sees the calls without them. */
static void
test_wl_roles(void **state)
{
	struct fixture_db *t = *state;
	const char *due[] = { "caller_name", "Aslan Dudayev", "callback", "yes",
	    "callback_on", "2026-11-20", NULL };
	struct db_work_item *it;
	size_t n, total;

	test_wl_save(t, "call", 0, due);
	assert_int_equal(db_users_set(t->db, "ola", "hotline", NULL), DB_OK);
	db_set_user(t->db, "ola");
	test_wl_get(t, DB_WORK_CALLBACKS, &it, &n, &total);
	assert_int_equal(total, 1);
	assert_string_equal(it[0].name, "Aslan Dudayev");
	db_work_free(it, n);
	if (!db_perm_form(t->db, form_set_find(t->set, "call"), FA_READ))
		fail_msg("a hotline operator reads calls");
}

/* Without a due line in the workflow table there is no list of visits. */
static void
test_wl_no_schedule(void **state)
{
	struct fixture_db *t = *state;
	struct db_work_item *it;
	size_t n, total;

	test_wl_departed(t, "2025-01-01", 0, CASE_MONITORING);
	form_workflow_free(t->set->workflow);
	t->set->workflow = NULL;
	test_wl_get(t, DB_WORK_VISITS, &it, &n, &total);
	assert_int_equal(total, 0);
	assert_int_equal(n, 0);
}

static size_t
test_wl_total(struct fixture_db *t, enum db_work_kind k)
{
	struct db_work_item *it;
	size_t n, total;

	test_wl_get(t, k, &it, &n, &total);
	db_work_free(it, n);
	return total;
}

/* What falls due is kept at every change: a case closed has no visit due,
 * reopened it has again; and a database whose list was lost (or made by
 * other forms) has it made again from the records once the forms are used. */
static void
test_wl_kept(void **state)
{
	struct fixture_db *t = *state;
	const char *cb[] = { "caller_name", "Aslan Dudayev", "callback", "yes",
	    "callback_on", "2026-11-20", NULL };
	int64_t id = test_wl_departed(t, "2026-08-01", 0, CASE_MONITORING);
	struct db_case c;
	sqlite3 *raw;

	test_wl_save(t, "call", 0, cb);
	assert_int_equal(test_wl_total(t, DB_WORK_VISITS), 1);
	assert_int_equal(db_case_load(t->db, id, &c, NULL), DB_OK);
	assert_int_equal(db_case_set_status(t->db, &c, CASE_CLOSED, NULL), DB_OK);
	assert_int_equal(test_wl_total(t, DB_WORK_VISITS), 0);
	assert_int_equal(db_case_set_status(t->db, &c, CASE_MONITORING, NULL), DB_OK);
	assert_int_equal(test_wl_total(t, DB_WORK_VISITS), 1);
	db_case_clear(&c);

	assert_int_equal(sqlite3_open(t->path, &raw), SQLITE_OK);
	assert_int_equal(sqlite3_exec(raw, "DELETE FROM work_due; DELETE FROM settings"
	    " WHERE key = 'work_due'", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(raw);
	assert_int_equal(test_wl_total(t, DB_WORK_CALLBACKS), 0);
	assert_int_equal(db_use_forms(t->db, t->set, NULL), DB_OK);
	assert_int_equal(test_wl_total(t, DB_WORK_VISITS), 1);
	assert_int_equal(test_wl_total(t, DB_WORK_CALLBACKS), 1);
}

#define TEST_WL(f) cmocka_unit_test_setup_teardown(f, fixture_db_setup_rules, \
	fixture_db_teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		TEST_WL(test_wl_callbacks),
		TEST_WL(test_wl_visits),
		TEST_WL(test_wl_mine),
		TEST_WL(test_wl_no_schedule),
		TEST_WL(test_wl_kept),
		cmocka_unit_test_setup_teardown(test_wl_roles, fixture_db_setup,
		    fixture_db_teardown),
	};

	setenv("AVRR_TODAY", "2026-11-22", 1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
