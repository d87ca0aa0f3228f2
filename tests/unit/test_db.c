/*
 * db/db: opening, pragmas, migrations, form table sync, busy retry, avrr init.
 */
#include "db_fixture.h"

#include <pthread.h>
#include <sqlite3.h>
#include <time.h>

#include "cmd/cmd.h"
#include "db/internal.h"
#include "db/record.h"

static long long
test_db_int(sqlite3 *sql, const char *query)
{
	sqlite3_stmt *st;
	long long v = -1;

	assert_int_equal(sqlite3_prepare_v2(sql, query, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static char *
test_db_text(sqlite3 *sql, const char *query)
{
	sqlite3_stmt *st;
	char *v = NULL;

	assert_int_equal(sqlite3_prepare_v2(sql, query, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0) != NULL)
		v = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return v;
}

static void
test_db_pragmas(void **state)
{
	char *path = fixture_path(), *mode;
	struct db *db = fixture_open(path, NULL);

	(void)state;
	mode = test_db_text(db->sql, "PRAGMA journal_mode");
	assert_string_equal(mode, "wal");
	free(mode);
	assert_int_equal(test_db_int(db->sql, "PRAGMA synchronous"), 2);
	assert_int_equal(test_db_int(db->sql, "PRAGMA foreign_keys"), 1);
	assert_int_equal(test_db_int(db->sql, "PRAGMA user_version"), db_schema_version());
	db_close(db);
	fixture_unlink(path);
	free(path);
}

static void
test_db_migrations_idempotent(void **state)
{
	char *path = fixture_path();
	struct db *db;
	int i;

	(void)state;
	for (i = 0; i < 3; i++) {
		db = fixture_open(path, NULL);
		assert_int_equal(test_db_int(db->sql, "SELECT count(*) FROM schema_migrations"),
		    db_schema_version());
		assert_int_equal(test_db_int(db->sql,
		    "SELECT count(*) FROM sqlite_master WHERE name IN ('cases', 'users',"
		    " 'projects', 'audit', 'drafts', 'settings', 'search')"), 7);
		db_close(db);
	}
	fixture_unlink(path);
	free(path);
}

static void
test_db_toonew_refused(void **state)
{
	char *path = fixture_path(), *err = NULL, *want;
	struct db *db = fixture_open(path, NULL);
	sqlite3 *raw;

	(void)state;
	db_close(db);
	assert_int_equal(sqlite3_open(path, &raw), SQLITE_OK);
	assert_int_equal(sqlite3_exec(raw, "PRAGMA user_version = 99", NULL, NULL, NULL),
	    SQLITE_OK);
	sqlite3_close(raw);
	assert_int_equal(db_open(&db, path, false, &err), DB_TOONEW);
	assert_null(db);
	want = xasprintf("%s: database schema 99 is newer than this program (%d); update avrr",
	    path, db_schema_version());
	assert_string_equal(err, want);
	free(want);
	free(err);
	fixture_unlink(path);
	free(path);
}

static void
test_db_missing_and_garbage(void **state)
{
	char *path = fixture_path(), *err = NULL;
	struct db *db = NULL;
	FILE *f;

	(void)state;
	assert_int_equal(db_open(&db, path, false, &err), DB_ERROR);
	assert_null(db);
	assert_non_null(strstr(err, path));
	assert_int_equal(access(path, F_OK), -1);	/* nothing was created */
	xfree(&err);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("this is not a database, but a shopping list: milk, eggs, bread, tea\n"
	    "and some more text to fill the first page of a file............\n", f);
	fclose(f);
	assert_int_equal(db_open(&db, path, false, &err), DB_ERROR);
	assert_non_null(strstr(err, path));
	free(err);
	fixture_unlink(path);
	free(path);
}

static const char test_db_v1[] =
    "form note\n  title \"Note\"\n  table notes\n"
    "field topic\n  type text\n"
    "field spent\n  type money\n"
    "repeat steps\nfield what\n  type text\nend\n";

/* v2: a new field, topic renamed to subject, spent renamed to cost. */
static const char test_db_v2[] =
    "form note\n  title \"Note\"\n  table notes\n"
    "field subject\n  type text\n  was topic\n"
    "field cost\n  type money\n  was spent\n"
    "field extra\n  type integer\n"
    "repeat steps\nfield what\n  type text\nfield done\n  type yesno\nend\n";

static void
test_db_sync_add_and_rename(void **state)
{
	char *path = fixture_path(), *err = NULL;
	struct form_set *v1 = fixture_forms("note.form", test_db_v1);
	struct form_set *v2 = fixture_forms("note.form", test_db_v2);
	struct db *db = fixture_open(path, v1);
	struct form_record *rec = form_record_new(v1->forms[0]), *back;
	int64_t id;

	(void)state;
	fixture_set(rec, "topic", "travel document");
	fixture_set(rec, "spent", "25.50");
	rec->curs[fixture_field(rec->def, "spent")] = xstrdup("EUR");
	fixture_set(form_record_add_row(rec, fixture_field(rec->def, "steps")), "what",
	    "call embassy");
	assert_int_equal(db_record_save(db, rec, NULL, &err), DB_OK);
	id = rec->id;
	form_record_free(rec);
	db_close(db);

	db = fixture_open(path, v2);
	assert_int_equal(db_sync_forms(db, v2, &err), DB_OK);	/* twice: no change */
	assert_int_equal(test_db_int(db->sql,
	    "SELECT count(*) FROM pragma_table_info('notes') WHERE name = 'topic'"), 0);
	assert_int_equal(db_record_load(db, v2->forms[0], id, &back, &err), DB_OK);
	assert_string_equal(fixture_get(back, "subject"), "travel document");
	assert_string_equal(fixture_get(back, "cost"), "25.50");
	assert_string_equal(back->curs[fixture_field(back->def, "cost")], "EUR");
	assert_null(fixture_get(back, "extra"));
	assert_int_equal(back->kids[fixture_field(back->def, "steps")].n, 1);
	fixture_set(back, "extra", "7");
	assert_int_equal(db_record_save(db, back, NULL, &err), DB_OK);
	assert_int_equal(test_db_int(db->sql, "SELECT extra FROM notes"), 7);
	form_record_free(back);
	db_close(db);
	form_set_free(v1);
	form_set_free(v2);
	fixture_unlink(path);
	free(path);
}

static void
test_db_sync_refuses_bad_names(void **state)
{
	char *path = fixture_path(), *err = NULL;
	struct form_set *set = fixture_forms("note.form", test_db_v1);
	struct db *db = fixture_open(path, NULL);

	(void)state;
	/* A name the parser would refuse, planted behind its back. */
	free(set->forms[0]->fields[0].name);
	set->forms[0]->fields[0].name = xstrdup("x\"; DROP TABLE cases; --");
	assert_int_equal(db_sync_forms(db, set, &err), DB_ERROR);
	assert_non_null(strstr(err, "cannot be a table or column name"));
	assert_int_equal(test_db_int(db->sql,
	    "SELECT count(*) FROM sqlite_master WHERE name = 'cases'"), 1);
	free(err);
	db_close(db);
	form_set_free(set);
	fixture_unlink(path);
	free(path);
}

struct test_db_locker {
	const char	*path;
	int		 ms;
	volatile int	 locked;
};

static void *
test_db_lock_thread(void *arg)
{
	struct test_db_locker *l = arg;
	struct timespec ts = { 0, (long)l->ms * 1000000L };
	sqlite3 *raw;

	if (sqlite3_open(l->path, &raw) != SQLITE_OK)
		return NULL;
	sqlite3_exec(raw, "BEGIN IMMEDIATE; INSERT INTO settings VALUES ('lock', 'x')",
	    NULL, NULL, NULL);
	l->locked = 1;
	nanosleep(&ts, NULL);
	sqlite3_exec(raw, "COMMIT", NULL, NULL, NULL);
	sqlite3_close(raw);
	return NULL;
}

/* Another process writes for 200 ms; a save waits (busy timeout or retry). */
static void
test_db_busy(int timeout_ms)
{
	char *path = fixture_path(), *err = NULL;
	struct form_set *set = fixture_forms("call.form", fixture_call_form);
	struct db *db = fixture_open(path, set);
	struct test_db_locker l = { path, 200, 0 };
	struct form_record *rec = form_record_new(set->forms[0]);
	struct timespec ts = { 0, 1000000L };
	pthread_t t;

	db_set_busy_timeout(db, timeout_ms);
	fixture_set(rec, "caller", "Alien Police");
	assert_int_equal(pthread_create(&t, NULL, test_db_lock_thread, &l), 0);
	while (!l.locked)
		nanosleep(&ts, NULL);
	if (db_record_save(db, rec, NULL, &err) != DB_OK)
		fail_msg("save while locked: %s", err);
	pthread_join(t, NULL);
	assert_int_equal(rec->version, 1);
	assert_int_equal(test_db_int(db->sql, "SELECT count(*) FROM settings"), 1);
	assert_int_equal(test_db_int(db->sql, "SELECT count(*) FROM calls"), 1);
	form_record_free(rec);
	db_close(db);
	form_set_free(set);
	fixture_unlink(path);
	free(path);
}

static void
test_db_busy_timeout(void **state)
{
	(void)state;
	test_db_busy(5000);
}

static void
test_db_busy_retry(void **state)
{
	(void)state;
	test_db_busy(10);	/* SQLite gives up after 10 ms: the retry loop must carry it */
}

static void
test_db_default_path(void **state)
{
	(void)state;
	setenv("AVRR_DB", "/tmp/somewhere.db", 1);
	assert_string_equal(db_default_path(), "/tmp/somewhere.db");
	unsetenv("AVRR_DB");
	assert_string_equal(db_default_path(), "/var/lib/avrr/avrr.db");
}

static void
test_db_init_command(void **state)
{
	char dir[] = "/tmp/avrr-forms-XXXXXX", *form, *path = fixture_path();
	char *argv_ok[] = { "init", "--db", path, NULL };
	char *argv_bad[] = { "init", "--frobnicate", NULL };
	char *argv_nodir[] = { "init", "--db", "/nonexistent-dir/x/avrr.db", NULL };
	FILE *f;
	struct db *db;

	(void)state;
	assert_non_null(mkdtemp(dir));
	form = xasprintf("%s/call.form", dir);
	f = fopen(form, "w");
	assert_non_null(f);
	fputs(fixture_call_form, f);
	fclose(f);
	setenv("AVRR_FORMS", dir, 1);
	assert_int_equal(cmd_init(3, argv_ok), 0);
	assert_int_equal(cmd_init(3, argv_ok), 0);	/* again: up to date, fine */
	assert_int_equal(cmd_init(2, argv_bad), 2);
	assert_int_equal(cmd_init(3, argv_nodir), 1);
	db = fixture_open(path, NULL);
	assert_int_equal(test_db_int(db->sql,
	    "SELECT count(*) FROM sqlite_master WHERE name = 'calls'"), 1);
	db_close(db);
	unsetenv("AVRR_FORMS");
	unlink(form);
	rmdir(dir);
	free(form);
	fixture_unlink(path);
	free(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_db_pragmas),
		cmocka_unit_test(test_db_migrations_idempotent),
		cmocka_unit_test(test_db_toonew_refused),
		cmocka_unit_test(test_db_missing_and_garbage),
		cmocka_unit_test(test_db_sync_add_and_rename),
		cmocka_unit_test(test_db_sync_refuses_bad_names),
		cmocka_unit_test(test_db_busy_timeout),
		cmocka_unit_test(test_db_busy_retry),
		cmocka_unit_test(test_db_default_path),
		cmocka_unit_test(test_db_init_command),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
