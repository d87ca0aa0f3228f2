/*
 * cmd/backup and db/backup: a consistent, checked copy of a live database
 * while another process writes; an existing target is never overwritten; a
 * damaged database gives no copy.
 */
#include "db_fixture.h"

#include <sys/mman.h>
#include <sys/wait.h>

#include "cmd/cmd.h"

#define TEST_ROWS	20000	/* about 10 MB, so the copy takes a moment */

static void
test_backup_fill(const char *path)
{
	struct db *db = fixture_open(path, NULL);
	sqlite3 *raw;
	char sql[160];
	int i;

	db_close(db);
	assert_int_equal(sqlite3_open(path, &raw), SQLITE_OK);
	assert_int_equal(sqlite3_exec(raw, "BEGIN", NULL, NULL, NULL), SQLITE_OK);
	for (i = 0; i < TEST_ROWS; i++) {
		snprintf(sql, sizeof sql, "INSERT INTO settings VALUES ('old%05d',"
		    " printf('%%.500c', 'x'))", i);
		assert_int_equal(sqlite3_exec(raw, sql, NULL, NULL, NULL), SQLITE_OK);
	}
	assert_int_equal(sqlite3_exec(raw, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(raw);
}

/* Another process: one row per transaction (w000001, w000002, ...), counting
 * each commit in *done, until *stop. */
static void
test_backup_writer(const char *path, volatile int *done, volatile int *stop)
{
	sqlite3 *raw;
	char sql[96];
	int i;

	if (sqlite3_open(path, &raw) != SQLITE_OK)
		_exit(1);
	sqlite3_busy_timeout(raw, 5000);
	for (i = 1; !*stop && i < 1000000; i++) {
		snprintf(sql, sizeof sql, "BEGIN IMMEDIATE; INSERT INTO settings VALUES"
		    " ('w%06d', 'v'); COMMIT", i);
		if (sqlite3_exec(raw, sql, NULL, NULL, NULL) != SQLITE_OK)
			_exit(2);
		*done = i;
	}
	sqlite3_close(raw);
	_exit(0);
}

static void
test_backup_check_copy(const char *copy, long committed)
{
	sqlite3 *raw;
	sqlite3_stmt *st;
	long n, top;
	struct db *db = NULL;

	assert_int_equal(sqlite3_open(copy, &raw), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(raw, "PRAGMA integrity_check", -1, &st, NULL),
	    SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), "ok");
	sqlite3_finalize(st);
	assert_int_equal(fixture_count(raw, "SELECT count(*) FROM settings WHERE key LIKE"
	    " 'old%'"), TEST_ROWS);
	n = (long)fixture_count(raw, "SELECT count(*) FROM settings WHERE key LIKE 'w%'");
	top = (long)fixture_count(raw, "SELECT coalesce(max(CAST(substr(key, 2) AS INTEGER)),"
	    " 0) FROM settings WHERE key LIKE 'w%'");
	sqlite3_close(raw);
	fprintf(stderr, "backup: %ld rows committed before it began, %ld in the copy\n",
	    committed, n);
	assert_true(n >= committed);	/* every row committed before the copy */
	assert_int_equal(top, n);	/* one moment: no row without those before it */
	assert_int_equal(db_open(&db, copy, DB_OPEN_READ, NULL), DB_OK);
	db_close(db);
}

static void
test_backup_live(void **state)
{
	char *path = fixture_path(), *copy = fixture_path();
	char *argv[] = { "backup", "--db", path, copy, NULL };
	volatile int *shared;
	long committed;
	pid_t pid;
	int status;

	(void)state;
	test_backup_fill(path);
	shared = mmap(NULL, 2 * sizeof(int), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
	    -1, 0);
	assert_true(shared != MAP_FAILED);
	shared[0] = shared[1] = 0;
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0)
		test_backup_writer(path, &shared[0], &shared[1]);
	while (shared[0] < 50)
		sqlite3_sleep(5);
	committed = shared[0];
	assert_int_equal(cmd_run("backup", 4, argv), 0);
	fprintf(stderr, "backup: the writer had committed %d rows when the copy ended\n",
	    shared[0]);
	sqlite3_sleep(50);
	shared[1] = 1;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	assert_true(shared[0] > committed);	/* the writer went on meanwhile */
	test_backup_check_copy(copy, committed);
	munmap((void *)shared, 2 * sizeof(int));
	fixture_unlink(path);
	fixture_unlink(copy);
	free(path);
	free(copy);
}

static void
test_backup_never_overwrites(void **state)
{
	char *path = fixture_path(), *copy = fixture_path(), *back;
	char *argv[] = { "backup", "--db", path, copy, NULL };
	struct db *db = fixture_open(path, NULL);
	size_t n;
	FILE *f;

	(void)state;
	db_close(db);
	f = fopen(copy, "w");
	assert_non_null(f);
	fputs("last week's copy", f);
	fclose(f);
	assert_int_equal(cmd_run("backup", 4, argv), 1);
	back = fixture_slurp(copy, &n);
	assert_int_equal(n, strlen("last week's copy"));
	assert_memory_equal(back, "last week's copy", n);
	free(back);
	fixture_unlink(path);
	fixture_unlink(copy);
	free(path);
	free(copy);
}

static void
test_backup_usage(void **state)
{
	char *copy = fixture_path();
	char *help[] = { "backup", "--help", NULL };
	char *none[] = { "backup", NULL };
	char *bad[] = { "backup", "--frobnicate", copy, NULL };
	char *two[] = { "backup", copy, "other.db", NULL };
	char *missing[] = { "backup", "--db", "/nonexistent-dir/avrr.db", copy, NULL };

	(void)state;
	assert_int_equal(cmd_run("backup", 2, help), 0);
	assert_int_equal(cmd_run("backup", 1, none), 2);
	assert_int_equal(cmd_run("backup", 3, bad), 2);
	assert_int_equal(cmd_run("backup", 3, two), 2);
	assert_int_equal(cmd_run("backup", 4, missing), 1);
	assert_int_equal(access(copy, F_OK), -1);	/* nothing made */
	free(copy);
}

/* The copy of a damaged database fails integrity_check: no copy is left. */
static void
test_backup_damaged(void **state)
{
	char *path = fixture_path(), *copy = fixture_path();
	char *argv[] = { "backup", "--db", path, copy, NULL };

	(void)state;
	test_backup_fill(path);
	fixture_damage(path, "settings");
	assert_int_equal(cmd_run("backup", 4, argv), 1);
	assert_int_equal(access(copy, F_OK), -1);
	fixture_unlink(path);
	free(path);
	free(copy);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_backup_live),
		cmocka_unit_test(test_backup_never_overwrites),
		cmocka_unit_test(test_backup_usage),
		cmocka_unit_test(test_backup_damaged),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
