/*
 * db/db: opening (which only reads), pragmas, migrations, form table sync and
 * the check of forms that differ, busy retry, read-only, full and damaged
 * databases, avrr init.
 */
#include "db_fixture.h"

#include <pthread.h>
#include <sched.h>
#include <sqlite3.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>

#include "cmd/cmd.h"
#include "db/cases.h"
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
	form_record_set_part(rec, fixture_field(rec->def, "spent"), 1, "EUR");
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
	assert_string_equal(form_record_part(back, fixture_field(back->def, "cost"), 1), "EUR");
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
	assert_int_equal(test_db_int(db->sql,
	    "SELECT count(*) FROM settings WHERE key = 'lock'"), 1);
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
	char *argv_ok[] = { "init", "--test", "--db", path, NULL };
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
	assert_int_equal(cmd_run("init", 4, argv_ok), 0);
	assert_int_equal(cmd_run("init", 4, argv_ok), 0);	/* again: up to date, fine */
	assert_int_equal(cmd_run("init", 2, argv_bad), 2);
	assert_int_equal(cmd_run("init", 3, argv_nodir), 1);
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

/* ---- opening only reads -------------------------------------------------- */

static double
test_db_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

static const char test_db_note_form[] =
    "form note\n  title \"Note\"\n  table notes\n"
    "field topic\n  type text\n"
    "field spent\n  type money\n"
    "repeat steps\nfield what\n  type text\nend\n";

/* A private copy of the forms: topic renamed (was), a field added. */
static const char test_db_note_changed[] =
    "form note\n  title \"Note\"\n  table notes\n"
    "field subject\n  type text\n  was topic\n"
    "field spent\n  type money\n"
    "field extra\n  type integer\n"
    "repeat steps\nfield what\n  type text\nend\n";

/* Opening, taking the forms and reading leave the file as it was: no write
 * transaction (every commit changes the header's change counter). */
static void
test_db_open_writes_nothing(void **state)
{
	char *path = fixture_path(), *err = NULL, *before, *after;
	struct form_set *set = fixture_forms2(test_db_note_form, fixture_call_form);
	struct db *db = fixture_open(path, set);
	struct db_case *c = NULL;
	size_t n = 0, nb, na;

	(void)state;
	db_close(db);
	before = fixture_slurp(path, &nb);
	assert_int_equal(db_open(&db, path, DB_OPEN_READ, &err), DB_OK);
	assert_int_equal(db_use_forms(db, set, &err), DB_OK);
	assert_int_equal(db_state(db), 0);
	assert_int_equal(db_case_recent(db, 8, &c, &n, &err), DB_OK);
	db_case_free_array(c, n);
	db_close(db);
	after = fixture_slurp(path, &na);
	assert_int_equal(na, nb);
	assert_memory_equal(before, after, nb);
	free(before);
	free(after);
	form_set_free(set);
	fixture_unlink(path);
	free(path);
}

/* Another process holds a write transaction: opening does not wait for it. */
static void
test_db_open_behind_writer(void **state)
{
	char *path = fixture_path(), *err = NULL;
	struct form_set *set = fixture_forms2(test_db_note_form, fixture_call_form);
	struct db *db = fixture_open(path, set);
	struct db_case *c = NULL;
	size_t n = 0;
	sqlite3 *raw;
	double t0, ms;

	(void)state;
	db_close(db);
	assert_int_equal(sqlite3_open(path, &raw), SQLITE_OK);
	assert_int_equal(sqlite3_exec(raw, "BEGIN IMMEDIATE;"
	    " INSERT INTO settings VALUES ('held', 'x')", NULL, NULL, NULL), SQLITE_OK);
	t0 = test_db_ms();
	assert_int_equal(db_open(&db, path, DB_OPEN_READ, &err), DB_OK);
	assert_int_equal(db_use_forms(db, set, &err), DB_OK);
	assert_int_equal(db_case_recent(db, 8, &c, &n, &err), DB_OK);
	ms = test_db_ms() - t0;
	fprintf(stderr, "open behind a held write transaction: %.1f ms\n", ms);
	assert_true(ms < 1000.0);	/* loose: it used to wait for the writer */
	db_case_free_array(c, n);
	db_close(db);
	sqlite3_exec(raw, "COMMIT", NULL, NULL, NULL);
	sqlite3_close(raw);
	form_set_free(set);
	fixture_unlink(path);
	free(path);
}

static void
test_db_write_file(const char *path, const void *bytes, size_t n)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(bytes, 1, n, f), n);
	fclose(f);
}

/* db_open(mode) refuses path with a message naming it; the file stays as it was. */
static void
test_db_refused_unchanged(const char *path, enum db_open_mode mode, const char *says)
{
	char *err = NULL, *before, *after;
	struct db *db = NULL;
	size_t nb, na;

	before = fixture_slurp(path, &nb);
	assert_int_equal(db_open(&db, path, mode, &err), DB_ERROR);
	assert_null(db);
	assert_non_null(err);
	if (strstr(err, path) == NULL || strstr(err, says) == NULL)
		fail_msg("message: %s", err);
	after = fixture_slurp(path, &na);
	assert_int_equal(na, nb);
	if (nb > 0)
		assert_memory_equal(before, after, nb);
	free(before);
	free(after);
	free(err);
}

static void
test_db_refuses_foreign_files(void **state)
{
	char *path = fixture_path(), *side;
	unsigned char junk[8192];
	struct db *db = NULL;
	sqlite3 *raw;
	size_t i;

	(void)state;
	test_db_write_file(path, "", 0);	/* a 0-byte file */
	test_db_refused_unchanged(path, DB_OPEN_READ, "empty file");
	side = xasprintf("%s-wal", path);
	assert_int_equal(access(side, F_OK), -1);
	free(side);
	for (i = 0; i < sizeof junk; i++)
		junk[i] = (unsigned char)(i * 7919u >> 3);
	test_db_write_file(path, junk, sizeof junk);
	test_db_refused_unchanged(path, DB_OPEN_READ, "not an SQLite file");
	test_db_refused_unchanged(path, DB_OPEN_INIT, "not an SQLite file");
	unlink(path);
	assert_int_equal(sqlite3_open(path, &raw), SQLITE_OK);
	assert_int_equal(sqlite3_exec(raw, "CREATE TABLE photos (id INTEGER PRIMARY KEY,"
	    " name TEXT); INSERT INTO photos VALUES (1, 'x')", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(raw);
	test_db_refused_unchanged(path, DB_OPEN_READ, "another program");
	test_db_refused_unchanged(path, DB_OPEN_CREATE, "another program");
	test_db_refused_unchanged(path, DB_OPEN_INIT, "another program");
	/* init and demo may make a database of an empty file */
	fixture_unlink(path);
	test_db_write_file(path, "", 0);
	assert_int_equal(db_open(&db, path, DB_OPEN_CREATE, NULL), DB_OK);
	assert_true(db_created(db));
	db_close(db);
	assert_int_equal(db_open(&db, path, DB_OPEN_READ, NULL), DB_OK);
	assert_false(db_created(db));
	db_close(db);
	fixture_unlink(path);
	free(path);
}

/* Runs fn(arg) as a user who may not write path's file (root bypasses file
 * modes, so as root a child process becomes nobody). Fails on non-zero. */
static void
test_db_as_other(int (*fn)(const char *), const char *path)
{
	pid_t pid;
	int status;

	if (geteuid() != 0) {
		assert_int_equal(fn(path), 0);
		return;
	}
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		if (setgid(65534) != 0 || setuid(65534) != 0)
			_exit(90);
		_exit(fn(path));
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		fail_msg("as another user: step %d failed", WEXITSTATUS(status));
}

/* Reads work; every save is refused with the read-only line; nothing crashes. */
static int
test_db_readonly_child(const char *path)
{
	struct form_set *set = fixture_forms2(test_db_note_form, fixture_call_form);
	struct form_record *rec;
	struct db_case *c = NULL, made;
	struct db *db = NULL;
	char *err = NULL, *msg;
	size_t n = 0;
	int rc = 0;

	if (db_open(&db, path, DB_OPEN_READ, &err) != DB_OK) {
		fprintf(stderr, "read-only open: %s\n", err);
		return 1;
	}
	db_use_forms(db, set, NULL);
	msg = db_state_message(db);
	if (!(db_state(db) & DB_STATE_READONLY) || msg == NULL || strstr(msg, path) == NULL ||
	    strstr(msg, "saving is off") == NULL) {
		fprintf(stderr, "read-only state %u: %s\n", db_state(db), msg != NULL ? msg : "");
		rc = 2;
	}
	else if (db_case_recent(db, 8, &c, &n, &err) != DB_OK || n != 1) {
		fprintf(stderr, "read-only read: %zu cases, %s\n", n, err != NULL ? err : "");
		rc = 3;
	}
	else if (db_case_create(db, NULL, NULL, &made, &err) != DB_REFUSED ||
	    strstr(err, "read-only") == NULL)
		rc = 4;
	rec = form_record_new(form_set_find(set, "call"));
	fixture_set(rec, "caller", "x");
	if (rc == 0 && db_record_save(db, rec, NULL, NULL) != DB_REFUSED)
		rc = 5;
	form_record_free(rec);
	db_case_free_array(c, n);
	free(msg);
	free(err);
	db_close(db);
	form_set_free(set);
	return rc;
}

static char *
test_db_one_case(const struct form_set *set)
{
	char *path = fixture_path();
	struct db *db = fixture_open(path, set);
	struct db_case c;

	assert_int_equal(db_case_create(db, NULL, NULL, &c, NULL), DB_OK);
	db_case_clear(&c);
	db_close(db);
	return path;
}

static void
test_db_readonly_file(void **state)
{
	struct form_set *set = fixture_forms2(test_db_note_form, fixture_call_form);
	char *path = test_db_one_case(set);

	(void)state;
	assert_int_equal(chmod(path, 0444), 0);
	test_db_as_other(test_db_readonly_child, path);
	form_set_free(set);
	fixture_unlink(path);
	free(path);
}

/* A read-only directory: SQLite can make no -shm file there. */
static void
test_db_readonly_dir(void **state)
{
	struct form_set *set = fixture_forms2(test_db_note_form, fixture_call_form);
	char *old = test_db_one_case(set), dir[] = "/tmp/avrr-ro-XXXXXX", *path;
	size_t n;
	char *bytes = fixture_slurp(old, &n);

	(void)state;
	assert_non_null(mkdtemp(dir));
	path = xasprintf("%s/avrr.db", dir);
	test_db_write_file(path, bytes, n);
	assert_int_equal(chmod(dir, 0555), 0);
	test_db_as_other(test_db_readonly_child, path);
	chmod(dir, 0755);
	fixture_unlink(path);
	rmdir(dir);
	free(bytes);
	free(path);
	form_set_free(set);
	fixture_unlink(old);
	free(old);
}

/* Fills the file system of dir until only 64 KB are left. */
static int
test_db_fill_up(const char *fill)
{
	static char block[4096];
	long total = 0;
	FILE *f = fopen(fill, "wb");

	while (f != NULL && fwrite(block, 1, sizeof block, f) == sizeof block && fflush(f) == 0)
		total += (long)sizeof block;
	if (f != NULL)
		fclose(f);
	return truncate(fill, total > 65536 ? total - 65536 : 0);
}

/* The database at path on a nearly full file system, then remounted read-only:
 * it opens and reads; saving is off on the read-only mount. */
static int
test_db_full_steps(const char *dir, const char *path)
{
	struct db_case *c = NULL, made;
	struct db *db = NULL;
	char *err = NULL;
	size_t n = 0;
	int rc = 0;

	if (db_open(&db, path, DB_OPEN_READ, &err) != DB_OK) {
		fprintf(stderr, "full disk: %s\n", err);
		free(err);
		return 11;
	}
	if (db_state(db) != 0 || db_case_recent(db, 8, &c, &n, NULL) != DB_OK || n != 1)
		rc = 12;
	db_case_free_array(c, n);
	db_close(db);
	if (rc == 0 && mount("none", dir, "tmpfs", MS_REMOUNT | MS_RDONLY, "size=1m") != 0)
		rc = 13;
	if (rc == 0 && db_open(&db, path, DB_OPEN_READ, &err) != DB_OK) {
		fprintf(stderr, "read-only mount: %s\n", err);
		rc = 14;
	} else if (rc == 0) {
		if (!(db_state(db) & DB_STATE_READONLY) ||
		    db_case_create(db, NULL, NULL, &made, NULL) != DB_REFUSED)
			rc = 15;
		db_close(db);
	}
	free(err);
	return rc;
}

/* In a child with its own mount namespace: a 1 MB tmpfs holding a copy of
 * the database at src, filled up to 64 KB (77: no right to mount here). */
static int
test_db_full_child(const char *src)
{
	char dir[] = "/tmp/avrr-full-XXXXXX", *path, *bytes, *fill;
	size_t n;
	FILE *f;
	int rc;

	if (unshare(CLONE_NEWNS) != 0 ||
	    mount("none", "/", "none", MS_REC | MS_PRIVATE, "") != 0)
		return 77;
	if (mkdtemp(dir) == NULL || mount("none", dir, "tmpfs", 0, "size=1m") != 0)
		return 77;
	path = xasprintf("%s/avrr.db", dir);
	fill = xasprintf("%s/filler", dir);
	bytes = fixture_slurp(src, &n);
	f = fopen(path, "wb");	/* no cmocka assert in a child: it would go on with the suite */
	rc = f == NULL || fwrite(bytes, 1, n, f) != n ? 9 : 0;
	if (f != NULL)
		fclose(f);
	if (rc == 0)
		rc = test_db_fill_up(fill) != 0 ? 10 : test_db_full_steps(dir, path);
	umount(dir);
	rmdir(dir);
	free(bytes);
	free(fill);
	free(path);
	return rc;
}

static void
test_db_full_disk(void **state)
{
	struct form_set *set = fixture_forms2(test_db_note_form, fixture_call_form);
	char *path = test_db_one_case(set);
	pid_t pid;
	int status;

	(void)state;
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0)
		_exit(test_db_full_child(path));
	assert_int_equal(waitpid(pid, &status, 0), pid);
	form_set_free(set);
	fixture_unlink(path);
	free(path);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 77)
		skip();	/* no right to mount a file system here */
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		fail_msg("full disk: step %d failed", WEXITSTATUS(status));
}

/* ---- a damaged database stops all writing -------------------------------- */

static void
test_db_assert_damaged(struct db *db, const char *path, const char *err)
{
	if (err == NULL || strstr(err, path) == NULL || strstr(err, "damaged") == NULL ||
	    strstr(err, "avrr backup") == NULL)
		fail_msg("message: %s", err != NULL ? err : "(none)");
	assert_true(db_state(db) & DB_STATE_DAMAGED);
}

static void
test_db_damaged_stops_writes(void **state)
{
	char *path = fixture_path(), *err = NULL, *msg;
	struct form_set *set = fixture_forms2(test_db_note_form, fixture_call_form);
	struct db *db = fixture_open(path, set);
	const struct form_def *call = form_set_find(set, "call");
	struct form_record *rec = form_record_new(call);
	int64_t *ids = NULL;
	struct db_case c;
	size_t n = 0;
	sqlite3 *raw;

	(void)state;
	fixture_set(rec, "caller", "Alien Police");
	assert_int_equal(db_record_save(db, rec, NULL, NULL), DB_OK);
	db_close(db);
	fixture_damage(path, "calls");
	/* found by a read */
	assert_int_equal(db_open(&db, path, DB_OPEN_READ, &err), DB_OK);
	db_use_forms(db, set, NULL);
	assert_int_equal(db_state(db), 0);
	assert_int_not_equal(db_record_list(db, call, 0, &ids, &n, &err), DB_OK);
	test_db_assert_damaged(db, path, err);
	xfree(&err);
	assert_int_not_equal(db_case_create(db, NULL, NULL, &c, &err), DB_OK);
	test_db_assert_damaged(db, path, err);
	xfree(&err);
	msg = db_state_message(db);
	test_db_assert_damaged(db, path, msg);
	free(msg);
	db_close(db);
	/* found by a write: nothing after it is written either */
	assert_int_equal(db_open(&db, path, DB_OPEN_READ, &err), DB_OK);
	db_use_forms(db, set, NULL);
	rec->id = 0;
	assert_int_not_equal(db_record_save(db, rec, NULL, &err), DB_OK);
	test_db_assert_damaged(db, path, err);
	xfree(&err);
	assert_int_not_equal(db_case_create(db, NULL, NULL, &c, &err), DB_OK);
	test_db_assert_damaged(db, path, err);
	xfree(&err);
	db_close(db);
	assert_int_equal(sqlite3_open(path, &raw), SQLITE_OK);
	assert_int_equal(fixture_count(raw, "SELECT count(*) FROM cases"), 0);
	sqlite3_close(raw);
	free(ids);
	form_record_free(rec);
	form_set_free(set);
	fixture_unlink(path);
	free(path);
}

/* The schema's own page damaged: the open itself says so, and names the file. */
static void
test_db_damaged_at_open(void **state)
{
	char *path = fixture_path(), *err = NULL;
	struct form_set *set = fixture_forms2(test_db_note_form, fixture_call_form);
	struct db *db = fixture_open(path, set);
	char junk[400];
	FILE *f;

	(void)state;
	db_close(db);
	memset(junk, 0xa5, sizeof junk);
	f = fopen(path, "r+b");
	assert_non_null(f);
	assert_int_equal(fseek(f, 100, SEEK_SET), 0);	/* past the file header */
	assert_int_equal(fwrite(junk, 1, sizeof junk, f), sizeof junk);
	fclose(f);
	assert_int_equal(db_open(&db, path, DB_OPEN_READ, &err), DB_ERROR);
	assert_null(db);
	if (err == NULL || strstr(err, path) == NULL || strstr(err, "damaged") == NULL ||
	    strstr(err, "avrr backup") == NULL)
		fail_msg("message: %s", err != NULL ? err : "(none)");
	free(err);
	form_set_free(set);
	fixture_unlink(path);
	free(path);
}

/* ---- forms that differ change no table ----------------------------------- */

static char *
test_db_schema_text(const char *path)
{
	sqlite3 *raw;
	char *s;

	assert_int_equal(sqlite3_open(path, &raw), SQLITE_OK);
	s = test_db_text(raw, "SELECT group_concat(x, char(10)) FROM (SELECT name || ': ' ||"
	    " coalesce(sql, '') AS x FROM sqlite_master UNION ALL SELECT tbl || '.' || col ||"
	    " ' ' || type || ' ' || synced_at FROM form_schema ORDER BY 1)");
	sqlite3_close(raw);
	return s;
}

static void
test_db_forms_differ(void **state)
{
	char *path = fixture_path(), *err = NULL, *before, *after, *msg;
	struct form_set *v1 = fixture_forms2(test_db_note_form, fixture_call_form);
	struct form_set *v2 = fixture_forms2(test_db_note_changed, fixture_call_form);
	struct db *db = fixture_open(path, v1);
	struct form_record *note, *call;

	(void)state;
	db_close(db);
	before = test_db_schema_text(path);
	assert_int_equal(db_open(&db, path, DB_OPEN_READ, &err), DB_OK);
	assert_int_equal(db_use_forms(db, v2, &err), DB_OK);
	assert_int_equal(db_state(db), DB_STATE_FORMS_DIFFER);
	msg = db_state_message(db);
	if (strstr(msg, path) == NULL || strstr(msg, "Note") == NULL ||
	    strstr(msg, "avrr init") == NULL || strstr(msg, "Hotline call") != NULL)
		fail_msg("message: %s", msg);
	free(msg);
	note = form_record_new(form_set_find(v2, "note"));
	fixture_set(note, "subject", "travel document");
	assert_int_equal(db_record_save(db, note, NULL, &err), DB_REFUSED);
	if (strstr(err, "'Note'") == NULL || strstr(err, "avrr init") == NULL)
		fail_msg("refusal: %s", err);
	xfree(&err);
	call = form_record_new(form_set_find(v2, "call"));
	fixture_set(call, "caller", "Alien Police");
	assert_int_equal(db_record_save(db, call, NULL, &err), DB_OK);	/* matches: saves */
	db_close(db);
	after = test_db_schema_text(path);
	assert_string_equal(before, after);
	/* the administrator's avrr init brings the table to the forms */
	db = fixture_open(path, v2);
	assert_int_equal(db_use_forms(db, v2, &err), DB_OK);
	assert_int_equal(db_state(db), 0);
	assert_int_equal(db_record_save(db, note, NULL, &err), DB_OK);
	db_close(db);
	form_record_free(note);
	form_record_free(call);
	free(before);
	free(after);
	form_set_free(v1);
	form_set_free(v2);
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
		cmocka_unit_test(test_db_open_writes_nothing),
		cmocka_unit_test(test_db_open_behind_writer),
		cmocka_unit_test(test_db_refuses_foreign_files),
		cmocka_unit_test(test_db_readonly_file),
		cmocka_unit_test(test_db_readonly_dir),
		cmocka_unit_test(test_db_full_disk),
		cmocka_unit_test(test_db_damaged_stops_writes),
		cmocka_unit_test(test_db_damaged_at_open),
		cmocka_unit_test(test_db_forms_differ),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
