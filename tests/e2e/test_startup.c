/*
 * End-to-end tests of start-up: the program opens a database only to read.
 * It shows its first screen while another process holds a write transaction,
 * opens a read-only database with a line saying saving is off, and with
 * forms that differ from the database's (a private AVRR_FORMS copy with a
 * renamed field) it says so, refuses to save that form and changes no table.
 * A damaged database stops saving with a line saying what to do.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "app.h"
#include "unit/db_fixture.h"	/* fixture_damage */
#include "util/mem.h"

#define T	E2E_T

struct t {
	struct e2e_db	*db;
	struct vt	*vt;
	char		*dir;	/* a private forms copy, removed at the end */
};

static int
setup(void **state)
{
	struct t *t = xcalloc(1, sizeof *t);

	t->db = e2e_db_new();
	*state = t;
	return 0;
}

static int
teardown(void **state)
{
	struct t *t = *state;
	char *cmd;

	vt_free(t->vt);
	chmod(t->db->path, 0644);
	e2e_db_free(t->db);
	if (t->dir != NULL) {
		cmd = xasprintf("rm -rf '%s'", t->dir);
		if (system(cmd) != 0)
			fprintf(stderr, "could not remove %s\n", t->dir);
		free(cmd);
		free(t->dir);
	}
	free(t);
	return 0;
}

static double
st_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

/* Every table's SQL and every form_schema row, to compare before and after. */
static char *
st_schema(const char *path)
{
	sqlite3 *raw;
	sqlite3_stmt *st;
	char *s = NULL;

	assert_int_equal(sqlite3_open(path, &raw), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(raw, "SELECT group_concat(x, char(10)) FROM"
	    " (SELECT name || ': ' || coalesce(sql, '') AS x FROM sqlite_master UNION ALL"
	    " SELECT tbl || '.' || col || ' ' || type || ' ' || synced_at FROM form_schema"
	    " ORDER BY 1)", -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		s = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(raw);
	return s;
}

static void
test_first_screen_behind_writer(void **state)
{
	struct t *t = *state;
	sqlite3 *raw;
	double t0, ms;

	assert_int_equal(sqlite3_open(t->db->path, &raw), SQLITE_OK);
	assert_int_equal(sqlite3_exec(raw, "BEGIN IMMEDIATE;"
	    " INSERT INTO settings VALUES ('held', 'x')", NULL, NULL, NULL), SQLITE_OK);
	t0 = st_ms();
	t->vt = e2e_start(t->db, NULL, 24, 80);
	VT_ASSERT_TEXT(t->vt, "Find a case", T);
	ms = st_ms() - t0;
	fprintf(stderr, "first screen behind a held write transaction: %.0f ms\n", ms);
	assert_true(ms < 1000.0);	/* loose (ASan, a shared machine); it waited seconds */
	assert_int_equal(sqlite3_exec(raw, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(raw);
	vt_ctrl(t->vt, 'x');
	VT_ASSERT_EXIT(t->vt, 0, T);
}

/* A call is typed and saved with Ctrl-O; the line that answers is returned. */
static void
st_save_call(struct vt *vt, const char *expect)
{
	vt_key(vt, VT_F5);
	VT_ASSERT_ROW(vt, 0, "Hotline call", T);
	vt_type(vt, "Beridze");
	VT_ASSERT_TEXT(vt, "Beridze", T);
	vt_ctrl(vt, 'o');
	VT_ASSERT_TEXT(vt, expect, T);
}

static void
test_readonly_database(void **state)
{
	struct t *t = *state;
	const char *bin = getenv("AVRR_BIN") != NULL ? getenv("AVRR_BIN") : "build/test/avrr";
	const char *args[] = { NULL };
	const char *env[] = { "ASAN_OPTIONS=detect_leaks=0", NULL };
	char *before = st_schema(t->db->path), *after;

	/* Closed first, as e2e_start_ex() does: the -wal and -shm this process
	 * made (0660 like the file, so not for nobody) go with it. */
	e2e_db_close(t->db);
	assert_int_equal(chmod(t->db->path, 0444), 0);
	if (geteuid() == 0) {
		/* root writes any file: the program runs as nobody */
		const char *argv[] = { "setpriv", "--reuid=65534", "--regid=65534",
		    "--clear-groups", bin, "--db", t->db->path, NULL };
		char *forms = xasprintf("AVRR_FORMS=%s", t->db->forms_dir);
		const char *envr[] = { forms, "AVRR_TODAY=2026-11-22", "AVRR_USER=tester",
		    "ASAN_OPTIONS=detect_leaks=0", NULL };

		t->vt = vt_spawn(argv, envr, 24, 80);
		free(forms);
	} else
		t->vt = e2e_start_ex(t->db, env, args, 24, 80, NULL);
	VT_ASSERT_TEXT(t->vt, "Find a case", T);
	VT_ASSERT_TEXT(t->vt, "read-only for you; saving is off", T);
	st_save_call(t->vt, "saving is off");
	vt_ctrl(t->vt, 'x');
	VT_ASSERT_EXIT(t->vt, 0, T);
	after = st_schema(t->db->path);
	assert_string_equal(before, after);
	free(before);
	free(after);
}

/* A private copy of the test forms (and their workflow table) whose call form
 * renames caller (was). */
static char *
st_changed_forms(void)
{
	char tmpl[] = "/tmp/avrr-forms-XXXXXX", *cmd;

	assert_non_null(mkdtemp(tmpl));
	cmd = xasprintf("cp %s/*.form %s/workflow %s/ && sed -i 's/^field caller$/field caller_name\\n"
	    "  was caller/; s/^field summary$/field topic\\n  type text\\n\\nfield summary/'"
	    " %s/call.form", E2E_FORMS, E2E_FORMS, tmpl, tmpl);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	return xstrdup(tmpl);
}

static void
test_changed_forms_change_nothing(void **state)
{
	struct t *t = *state;
	char *before = st_schema(t->db->path), *after, *env0;

	t->dir = st_changed_forms();
	env0 = xasprintf("AVRR_FORMS=%s", t->dir);
	t->vt = vt_spawn_ex((const char *[]){ "avrr", "--db", t->db->path, NULL },
	    (const char *[]){ env0, "AVRR_TODAY=2026-11-22", "AVRR_USER=tester", NULL },
	    24, 80, NULL);
	VT_ASSERT_TEXT(t->vt, "Find a case", T);
	VT_ASSERT_TEXT(t->vt, "these forms differ", T);
	VT_ASSERT_TEXT(t->vt, "Hotline call", T);
	st_save_call(t->vt, "differs from its table; needs 'avrr");
	VT_ASSERT_ROW(t->vt, 22, "init'", T);	/* the message whole, on the next row */
	vt_ctrl(t->vt, 'x');
	VT_ASSERT_EXIT(t->vt, 0, T);
	vt_free(t->vt);
	t->vt = NULL;
	after = st_schema(t->db->path);
	assert_string_equal(before, after);
	assert_int_equal(e2e_count(t->db, "call"), 0);
	/* the same program with the shared forms saves */
	t->vt = e2e_start(t->db, NULL, 24, 80);
	VT_ASSERT_TEXT(t->vt, "Find a case", T);
	st_save_call(t->vt, "Saved.");
	assert_int_equal(e2e_count(t->db, "call"), 1);
	free(env0);
	free(before);
	free(after);
}

/* A damaged page under the calls table: the save that meets it says so, and
 * the start screen then says saving is off and what to do. */
static void
test_damaged_database(void **state)
{
	struct t *t = *state;

	e2e_db_close(t->db);
	fixture_damage(t->db->path, "calls");
	t->vt = e2e_start(t->db, NULL, 24, 80);
	VT_ASSERT_TEXT(t->vt, "Find a case", T);
	st_save_call(t->vt, "database is damaged");
	vt_key(t->vt, VT_ESC);
	VT_ASSERT_TEXT(t->vt, "Find a case", T);
	/* no draft; the message wraps over the two rows above the key bar */
	VT_ASSERT_ROW(t->vt, 21, "database is damaged; saving is off", T);
	VT_ASSERT_ROW(t->vt, 22, "last copy made with 'avrr backup'", T);
	VT_ASSERT_TEXT(t->vt, "made with 'avrr backup'", T);	/* the start screen */
	vt_ctrl(t->vt, 'x');
	VT_ASSERT_EXIT(t->vt, 0, T);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_first_screen_behind_writer, setup, teardown),
		cmocka_unit_test_setup_teardown(test_readonly_database, setup, teardown),
		cmocka_unit_test_setup_teardown(test_changed_forms_change_nothing, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_damaged_database, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
