/*
 * db/cases: case numbers, status changes with versions and audit, recent list.
 */
#include "db_fixture.h"

#include <sqlite3.h>
#include "util/date.h"

#include "db/cases.h"
#include "db/internal.h"

static void
test_cases_numbers(void **state)
{
	char *path = fixture_path(), *err = NULL;
	struct db *db = fixture_open(path, NULL);
	struct db_case a, b;
	struct date_time then = { { 2024, 5, 6 }, 9, 30 };

	(void)state;
	/* The number's year and the stored time come from the one clock. */
	date_clock_set(&then);
	assert_int_equal(db_case_create(db, "AMIF-2026", "uk", &a, &err), DB_OK);
	assert_int_equal(db_case_create(db, NULL, NULL, &b, &err), DB_OK);
	date_clock_set(NULL);
	assert_string_equal(a.case_no, "AVRR-2024-00001");
	assert_string_equal(b.case_no, "AVRR-2024-00002");
	assert_int_equal(fixture_count(db->sql, "SELECT count(*) FROM cases"
	    " WHERE created_at = '2024-05-06 09:30:00'"), 2);
	assert_int_equal(a.status, CASE_REGISTERED);
	assert_string_equal(a.project, "AMIF-2026");
	assert_string_equal(a.client_lang, "uk");
	assert_null(b.project);
	assert_string_equal(b.display_name, "");
	assert_int_equal(a.version, 1);
	assert_int_equal(fixture_count(db->sql, "SELECT count(*) FROM audit WHERE tbl = 'cases'"
	    " AND action = 'insert' AND user = 'tester'"), 2);
	db_case_clear(&a);
	db_case_clear(&b);
	db_close(db);
	fixture_unlink(path);
	free(path);
	assert_null(err);
}

static void
test_cases_status(void **state)
{
	char *path = fixture_path(), *err = NULL;
	struct db *db = fixture_open(path, NULL);
	struct db_case a, stale, *recent;
	size_t n;

	(void)state;
	assert_int_equal(db_case_create(db, NULL, "ru", &a, &err), DB_OK);
	assert_int_equal(db_case_load(db, a.id, &stale, &err), DB_OK);
	assert_int_equal(db_case_set_status(db, &a, CASE_COUNSELLING, &err), DB_OK);
	assert_int_equal(a.status, CASE_COUNSELLING);
	assert_int_equal(a.version, 2);
	assert_string_equal(db_case_status_code(a.status), "counselling");
	/* The stale copy may not overwrite it. */
	assert_int_equal(db_case_set_status(db, &stale, CASE_CLOSED, &err), DB_CONFLICT);
	xfree(&err);
	assert_int_equal(db_case_set_client_lang(db, &a, "ka", &err), DB_OK);
	assert_string_equal(a.client_lang, "ka");
	assert_int_equal(fixture_count(db->sql, "SELECT count(*) FROM audit WHERE tbl = 'cases'"
	    " AND action = 'update' AND changes ->> '$.status.old' = 'registered'"
	    " AND changes ->> '$.status.new' = 'counselling'"), 1);
	assert_int_equal(fixture_count(db->sql, "SELECT count(*) FROM audit"
	    " WHERE changes ->> '$.client_lang.new' = 'ka'"), 1);
	db_case_clear(&stale);
	assert_int_equal(db_case_create(db, NULL, NULL, &stale, &err), DB_OK);
	assert_int_equal(db_case_recent(db, 10, &recent, &n, &err), DB_OK);
	assert_int_equal(n, 2);
	assert_int_equal(recent[0].id, stale.id);	/* newest first */
	db_case_free_array(recent, n);
	db_case_clear(&stale);
	assert_int_equal(db_case_load(db, 999, &stale, &err), DB_NOTFOUND);
	free(err);
	db_case_clear(&a);
	db_close(db);
	fixture_unlink(path);
	free(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases_numbers),
		cmocka_unit_test(test_cases_status),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
