/*
 * db/bulk: one long transaction for many writes; audit rows written in
 * batches, the search index at commit, and a failed write that spoils it.
 */
#include "db_fixture.h"

#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "db/bulk.h"
#include "db/cases.h"
#include "db/internal.h"
#include "db/record.h"
#include "db/search.h"

struct test_bulk {
	char		*path;
	struct form_set	*set;
	struct db	*db;
};

static int
test_bulk_setup(void **state)
{
	struct test_bulk *t = xcalloc(1, sizeof *t);

	t->path = fixture_path();
	t->set = fixture_forms2(fixture_reg_form, fixture_call_form);
	t->db = fixture_open(t->path, t->set);
	*state = t;
	return 0;
}

static int
test_bulk_teardown(void **state)
{
	struct test_bulk *t = *state;

	db_bulk_abort(t->db);
	db_close(t->db);
	form_set_free(t->set);
	fixture_unlink(t->path);
	free(t->path);
	free(t);
	return 0;
}

/* A new case with a registration of surname (and one family member). */
static enum db_status
test_bulk_case(struct test_bulk *t, const char *surname, char **err)
{
	struct form_record *rec = form_record_new(form_set_find(t->set, "reg"));
	struct form_record *kid;
	struct db_case c;
	enum db_status st;

	st = db_case_create(t->db, "AMIF-2026", "uk", &c, err);
	if (st != DB_OK) {
		form_record_free(rec);
		return st;
	}
	rec->case_id = c.id;
	fixture_set(rec, "surname", surname);
	kid = form_record_add_row(rec, fixture_field(rec->def, "members"));
	fixture_set(kid, "name", "Marta");
	st = db_record_save(t->db, rec, NULL, err);
	form_record_free(rec);
	db_case_clear(&c);
	return st;
}

static long long
test_bulk_count(struct test_bulk *t, const char *sql)
{
	return fixture_count(t->db->sql, sql);
}

static void
test_bulk_commit_writes_all(void **state)
{
	struct test_bulk *t = *state;
	struct db_hit *hits = NULL;
	char *err = NULL, name[32];
	size_t n = 0;
	int i;

	assert_int_equal(db_bulk_begin(t->db, &err), DB_OK);
	assert_int_equal(test_bulk_count(t, "PRAGMA synchronous"), 0);
	for (i = 0; i < 40; i++) {
		snprintf(name, sizeof name, "Kováč%02d", i);
		assert_int_equal(test_bulk_case(t, name, &err), DB_OK);
	}
	/* 80 audit rows (case + registration each): the full batches are
	 * written, the rest waits for the commit. */
	assert_int_equal(test_bulk_count(t, "SELECT count(*) FROM audit"),
	    80 / DB_AUDIT_BATCH * DB_AUDIT_BATCH);
	assert_int_equal(db_bulk_commit(t->db, &err), DB_OK);
	assert_int_equal(test_bulk_count(t, "PRAGMA synchronous"), 2);
	assert_int_equal(test_bulk_count(t, "SELECT count(*) FROM registrations"), 40);
	assert_int_equal(test_bulk_count(t, "SELECT count(*) FROM registrations_members"), 40);
	assert_int_equal(test_bulk_count(t, "SELECT count(*) FROM audit"), 80);
	/* in the order they were made, each naming its row */
	assert_int_equal(test_bulk_count(t, "SELECT count(*) FROM audit a JOIN registrations r"
	    " ON a.tbl = 'registrations' AND a.row_id = r.id"
	    " WHERE a.changes ->> '$.surname.new' = r.surname"), 40);
	assert_int_equal(test_bulk_count(t, "SELECT count(*) FROM audit a, audit b"
	    " WHERE a.tbl = b.tbl AND a.id < b.id AND a.row_id > b.row_id"), 0);
	assert_int_equal(db_search(t->db, "kovac07", 10, &hits, &n, &err), DB_OK);
	assert_int_equal(n, 1);
	db_hits_free(hits, n);
	free(err);
}

static void
test_bulk_abort_keeps_nothing(void **state)
{
	struct test_bulk *t = *state;
	char *err = NULL;

	assert_int_equal(test_bulk_case(t, "Before", &err), DB_OK);
	assert_int_equal(db_bulk_begin(t->db, &err), DB_OK);
	assert_int_equal(test_bulk_case(t, "During", &err), DB_OK);
	db_bulk_abort(t->db);
	assert_int_equal(test_bulk_count(t, "SELECT count(*) FROM registrations"), 1);
	assert_int_equal(test_bulk_count(t, "SELECT count(*) FROM audit"), 2);
	assert_int_equal(test_bulk_count(t, "PRAGMA synchronous"), 2);
	/* and the next write is a transaction of its own again */
	assert_int_equal(test_bulk_case(t, "After", &err), DB_OK);
	assert_int_equal(test_bulk_count(t, "SELECT count(*) FROM audit"), 4);
	free(err);
}

/* A save refused before it wrote anything leaves the batch going. */
static void
test_bulk_refusal_goes_on(void **state)
{
	struct test_bulk *t = *state;
	struct form_record *again;
	char *err = NULL;
	int64_t case_id;

	assert_int_equal(db_bulk_begin(t->db, &err), DB_OK);
	assert_int_equal(test_bulk_case(t, "First", &err), DB_OK);
	case_id = test_bulk_count(t, "SELECT max(id) FROM cases");
	again = form_record_new(form_set_find(t->set, "reg"));
	again->case_id = case_id;
	fixture_set(again, "surname", "Twice");
	assert_int_equal(db_record_save(t->db, again, NULL, &err), DB_REFUSED);
	xfree(&err);
	assert_int_equal(test_bulk_case(t, "Second", &err), DB_OK);
	assert_int_equal(db_bulk_commit(t->db, &err), DB_OK);
	assert_int_equal(test_bulk_count(t, "SELECT count(*) FROM registrations"), 2);
	assert_int_equal(test_bulk_count(t, "SELECT count(*) FROM audit"), 4);
	form_record_free(again);
	free(err);
}

/* A write that failed half-way spoils the batch: nothing of it is kept. */
static void
test_bulk_failed_write_spoils(void **state)
{
	struct test_bulk *t = *state;
	char *err = NULL;

	assert_int_equal(db_bulk_begin(t->db, &err), DB_OK);
	assert_int_equal(test_bulk_case(t, "Kept?", &err), DB_OK);
	assert_int_equal(sqlite3_exec(t->db->sql, "CREATE TEMP TRIGGER no_kids BEFORE INSERT"
	    " ON registrations_members BEGIN SELECT RAISE(ABORT, 'no family'); END",
	    NULL, NULL, NULL), SQLITE_OK);
	/* the registration row is in before its family member fails */
	assert_int_equal(test_bulk_case(t, "Half", &err), DB_ERROR);
	assert_non_null(strstr(err, "no family"));
	xfree(&err);
	assert_int_equal(sqlite3_exec(t->db->sql, "DROP TRIGGER temp.no_kids", NULL, NULL,
	    NULL), SQLITE_OK);
	assert_int_equal(test_bulk_case(t, "Later", &err), DB_ERROR);
	assert_non_null(strstr(err, "earlier write"));
	xfree(&err);
	assert_int_equal(db_bulk_commit(t->db, &err), DB_ERROR);
	assert_non_null(strstr(err, "nothing of it was kept"));
	assert_int_equal(test_bulk_count(t, "SELECT count(*) FROM cases"), 0);
	assert_int_equal(test_bulk_count(t, "SELECT count(*) FROM audit"), 0);
	assert_int_equal(test_bulk_count(t, "PRAGMA synchronous"), 2);
	xfree(&err);
	assert_int_equal(test_bulk_case(t, "Fresh", &err), DB_OK);
	assert_int_equal(test_bulk_count(t, "SELECT count(*) FROM registrations"), 1);
	free(err);
}

/*
 * Another program holds the write lock for 600 ms, longer than one wait of
 * the busy handler: the bulk load waits for its turn instead of failing.
 */
static void
test_bulk_waits_its_turn(void **state)
{
	struct test_bulk *t = *state;
	int ready[2];
	char c;
	pid_t pid;
	char *err = NULL;

	assert_int_equal(pipe(ready), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		sqlite3 *other;
		struct timespec ts = { 0, 600 * 1000000L };

		if (sqlite3_open(t->path, &other) != SQLITE_OK ||
		    sqlite3_exec(other, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
			_exit(1);
		(void)!write(ready[1], "x", 1);
		nanosleep(&ts, NULL);
		sqlite3_exec(other, "COMMIT", NULL, NULL, NULL);
		sqlite3_close(other);
		_exit(0);
	}
	assert_int_equal(read(ready[0], &c, 1), 1);
	db_set_busy_timeout(t->db, 50);
	assert_int_equal(db_bulk_begin(t->db, &err), DB_OK);
	assert_int_equal(test_bulk_case(t, "Patient", &err), DB_OK);
	assert_int_equal(db_bulk_commit(t->db, &err), DB_OK);
	assert_int_equal(test_bulk_count(t, "SELECT count(*) FROM registrations"), 1);
	assert_int_equal(waitpid(pid, NULL, 0), pid);
	close(ready[0]);
	close(ready[1]);
	free(err);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_bulk_commit_writes_all, test_bulk_setup,
		    test_bulk_teardown),
		cmocka_unit_test_setup_teardown(test_bulk_abort_keeps_nothing, test_bulk_setup,
		    test_bulk_teardown),
		cmocka_unit_test_setup_teardown(test_bulk_refusal_goes_on, test_bulk_setup,
		    test_bulk_teardown),
		cmocka_unit_test_setup_teardown(test_bulk_failed_write_spoils, test_bulk_setup,
		    test_bulk_teardown),
		cmocka_unit_test_setup_teardown(test_bulk_waits_its_turn, test_bulk_setup,
		    test_bulk_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
