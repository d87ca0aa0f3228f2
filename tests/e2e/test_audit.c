/*
 * End-to-end tests of the audit: opening a case and a record writes view
 * rows; the case's history screen at 80x24 (supervisors only, for now);
 * `avrr audit` lists with its filters and prints stored text made harmless;
 * `avrr audit verify` exits 0 on a clean database and 1 naming the row after
 * an audit row or a record was changed with SQLite behind the program's back;
 * after `avrr demo` every record row has its insert and its updates audited.
 */
#include <sqlite3.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "app.h"
#include "db/users.h"
#include "util/mem.h"

#define T	E2E_T
#define AU_F11	"\033[23~"	/* as xterm sends it (the harness has keys up to F10) */

struct t {
	struct e2e_db	*db;
	struct vt	*vt;
	char		*out;	/* what the last command printed */
	char		*err;
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

	vt_free(t->vt);
	e2e_db_free(t->db);
	free(t->out);
	free(t->err);
	free(t);
	return 0;
}

static long long
au_count(struct t *t, const char *sql)
{
	return e2e_sql_count(t->db, sql);
}

/* SQL run on a connection of its own, as someone with sqlite3 would. */
static void
au_sql(struct t *t, const char *sql)
{
	e2e_sql(t->db, sql);
}

/* The one integer a query answers (-1: none). */
static long long
au_answer(sqlite3 *raw, const char *sql)
{
	sqlite3_stmt *st;
	long long n = -1;

	assert_int_equal(sqlite3_prepare_v2(raw, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

static void
au_role(struct t *t, const char *user, const char *role)
{
	e2e_db_open(t->db);
	assert_int_equal(db_users_set(t->db->db, user, role, NULL), DB_OK);
	e2e_db_close(t->db);
}

/* ---- the screens --------------------------------------------------------------- */

static void
au_open_case(struct t *t)
{
	vt_ctrl(t->vt, 'f');
	VT_ASSERT_TEXT(t->vt, "Find:", T);
	vt_type(t->vt, "Kapanadze");
	VT_ASSERT_TEXT(t->vt, "Cases found: 1", T);
	vt_key(t->vt, VT_ENTER);
	VT_ASSERT_TEXT(t->vt, "Forms of this case", T);
}

/* The case overview and a record opened in the form view: one view row each. */
static void
test_views_audited(void **state)
{
	struct t *t = *state;

	e2e_add_case(t->db, "surname", "Kapanadze", "given_names", "Giorgi", NULL);
	t->vt = e2e_start(t->db, NULL, 24, 80);
	au_open_case(t);
	assert_int_equal(au_count(t, "SELECT count(*) FROM audit WHERE action = 'view'"
	    " AND tbl = 'cases' AND user = 'tester'"), 1);
	vt_key(t->vt, VT_ENTER);	/* the registration, the first form */
	VT_ASSERT_TEXT(t->vt, "Surname", T);
	assert_int_equal(au_count(t, "SELECT count(*) FROM audit WHERE action = 'view'"
	    " AND tbl = 'registration' AND user = 'tester'"), 1);
	assert_int_equal(au_count(t, "SELECT count(*) FROM audit WHERE action = 'view'"), 2);
}

static void
test_history_screen(void **state)
{
	struct t *t = *state;

	e2e_add_case(t->db, "surname", "Kapanadze", "given_names", "Giorgi", NULL);
	au_role(t, "tester", "supervisor");
	t->vt = e2e_start(t->db, NULL, 24, 80);
	au_open_case(t);
	vt_type(t->vt, AU_F11);
	VT_ASSERT_ROW(t->vt, 0, "History of the case", T);
	VT_ASSERT_TEXT(t->vt, "What changed", T);
	/* newest first: this view, then the registration, then the case made */
	VT_ASSERT_ROW(t->vt, 2, "tester", T);
	VT_ASSERT_ROW(t->vt, 2, "viewed", T);
	VT_ASSERT_ROW(t->vt, 3, "setup", T);
	VT_ASSERT_ROW(t->vt, 3, "created", T);
	VT_ASSERT_ROW(t->vt, 3, "surname: Kapanadze", T);
	VT_ASSERT_ROW(t->vt, 4, "Case", T);
	vt_key(t->vt, VT_ESC);
	VT_ASSERT_TEXT(t->vt, "Forms of this case", T);
	vt_ctrl(t->vt, 'y');	/* the control-key alternative */
	VT_ASSERT_ROW(t->vt, 0, "History of the case", T);
}

static void
test_history_refused(void **state)
{
	struct t *t = *state;

	e2e_add_case(t->db, "surname", "Kapanadze", "given_names", "Giorgi", NULL);
	t->vt = e2e_start(t->db, NULL, 24, 80);	/* a counsellor */
	au_open_case(t);
	vt_type(t->vt, AU_F11);
	VT_ASSERT_TEXT(t->vt, "Only a supervisor or an administrator", T);
	assert_false(vt_wait_text(t->vt, "History of the case", 300));
}

/* ---- the commands --------------------------------------------------------------- */

static char *
au_slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	size_t n = 0, cap = 4096;
	char *buf = xmalloc(cap);

	assert_non_null(f);
	while ((n += fread(buf + n, 1, cap - 1 - n, f)) == cap - 1)
		buf = xrealloc(buf, cap *= 2);
	buf[n] = '\0';
	fclose(f);
	unlink(path);
	return buf;
}

/* Runs avrr cmd --db db with args on forms; returns the exit status, with
 * t->out and t->err. */
static int
au_exec(struct t *t, const char *forms, const char *db, const char *cmd, va_list ap)
{
	const char *bin = getenv("AVRR_BIN") != NULL ? getenv("AVRR_BIN") : "build/test/avrr";
	char *argv[16], out[] = "/tmp/avrr-au-out-XXXXXX", err[] = "/tmp/avrr-au-err-XXXXXX";
	int fo = mkstemp(out), fe = mkstemp(err), n = 0, status;
	pid_t pid;

	argv[n++] = (char *)bin;
	argv[n++] = (char *)cmd;
	argv[n++] = "--db";
	argv[n++] = (char *)db;
	while (n < 15 && (argv[n] = va_arg(ap, char *)) != NULL)
		n++;
	argv[n] = NULL;
	assert_true(fo >= 0 && fe >= 0);
	if ((pid = fork()) == 0) {
		dup2(fo, 1);
		dup2(fe, 2);
		setenv("AVRR_FORMS", forms, 1);
		setenv("AVRR_USER", "auditor", 1);
		setenv("AVRR_TODAY", "2026-11-22", 1);
		execv(bin, argv);
		_exit(127);
	}
	close(fo);
	close(fe);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	free(t->out);
	free(t->err);
	t->out = au_slurp(out);
	t->err = au_slurp(err);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* avrr audit with args (NULL-terminated) on the test's database. */
static int
au_run(struct t *t, ...)
{
	va_list ap;
	int rc;

	va_start(ap, t);
	rc = au_exec(t, t->db->forms_dir, t->db->path, "audit", ap);
	va_end(ap);
	return rc;
}

static int
au_cmd(struct t *t, const char *db, const char *cmd, ...)
{
	va_list ap;
	int rc;

	va_start(ap, cmd);
	rc = au_exec(t, "forms", db, cmd, ap);
	va_end(ap);
	return rc;
}

static void
au_has(const char *text, const char *want)
{
	if (strstr(text, want) == NULL)
		fail_msg("\"%s\" lacks \"%s\"", text, want);
}

static size_t
au_lines(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		n += *s == '\n';
	return n;
}

static void
test_verify_clean_then_tampered(void **state)
{
	struct t *t = *state;

	e2e_add_case(t->db, "surname", "Kapanadze", "given_names", "Giorgi", NULL);
	assert_int_equal(au_run(t, "verify", NULL), 0);
	au_has(t->out, "audit: 2 rows in an unbroken chain, 2 records match their audit");
	/* one byte of the registration's audit row, the triggers dropped first */
	au_sql(t, "DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;"
	    " UPDATE audit SET changes = replace(changes, 'Kapanadze', 'Kapanadzf')"
	    " WHERE tbl = 'registration'");
	assert_int_equal(au_run(t, "verify", NULL), 1);
	au_has(t->err, "audit row 2: its hash does not match");
	assert_string_equal(t->out, "");
}

static void
test_verify_deleted_row(void **state)
{
	struct t *t = *state;

	e2e_add_case(t->db, "surname", "Kapanadze", NULL);
	e2e_add_case(t->db, "surname", "Beridze", NULL);
	au_sql(t, "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE id = 2");
	assert_int_equal(au_run(t, "verify", NULL), 1);
	au_has(t->err, "audit row 2 is missing (deleted)");
}

static void
test_verify_record_edited(void **state)
{
	struct t *t = *state;

	e2e_add_case(t->db, "surname", "Kapanadze", NULL);
	au_sql(t, "UPDATE registration SET surname = 'Beridze'");
	assert_int_equal(au_run(t, "verify", NULL), 1);
	au_has(t->err, "registration row 1: changed outside the program");
}

static void
test_verify_triggers(void **state)
{
	struct t *t = *state;
	sqlite3 *raw;

	e2e_add_case(t->db, "surname", "Kapanadze", NULL);
	assert_int_equal(sqlite3_open(t->db->path, &raw), SQLITE_OK);
	assert_int_equal(sqlite3_exec(raw, "UPDATE audit SET user = 'x'", NULL, NULL, NULL),
	    SQLITE_CONSTRAINT);
	assert_int_equal(sqlite3_exec(raw, "DELETE FROM audit", NULL, NULL, NULL),
	    SQLITE_CONSTRAINT);
	sqlite3_close(raw);
	assert_int_equal(au_run(t, "verify", NULL), 0);
}

/* The listing is a supervisor's: the commands' user (auditor) is made one in
 * the table itself, so that the rows counted are the test's own (users has
 * no audit check). */
#define AU_READER "INSERT INTO users (name, role, created_at)" \
	" VALUES ('auditor', 'supervisor', '2026-01-01')"

/* Another role is refused the listing, in the data layer. */
static void
test_list_refused(void **state)
{
	struct t *t = *state;

	e2e_add_case(t->db, "surname", "Kapanadze", NULL);
	assert_int_equal(au_run(t, NULL), 1);
	au_has(t->err, "The audit is for supervisors and administrators; your role "
	    "(Counsellor) may not");
	assert_null(strstr(t->out, "Kapanadze"));
}

/* An administrator reads the audit without the values of the classes the
 * role may not read (legal status: no; names: yes); a supervisor reads all. */
static void
test_list_masked(void **state)
{
	struct t *t = *state;

	e2e_db_free(t->db);
	t->db = e2e_db_new_forms("forms");	/* the real forms: their classes, their roles */
	e2e_add_case(t->db, "surname", "Kapanadze", "legal_status", "detained", NULL);
	au_sql(t, "INSERT INTO users (name, role, created_at)"
	    " VALUES ('auditor', 'admin', '2026-01-01')");
	assert_int_equal(au_run(t, NULL), 0);
	au_has(t->out, "surname: Kapanadze");
	assert_null(strstr(t->out, "legal_status"));
	assert_null(strstr(t->out, "detained"));
	au_sql(t, "UPDATE users SET role = 'supervisor' WHERE name = 'auditor'");
	assert_int_equal(au_run(t, NULL), 0);
	au_has(t->out, "legal_status: detained");
	au_has(t->out, "surname: Kapanadze");
}

static void
test_list_filters(void **state)
{
	struct t *t = *state;

	e2e_add_case(t->db, "surname", "Kapanadze", NULL);	/* by "setup" */
	au_sql(t, AU_READER);
	au_sql(t, "DROP TRIGGER audit_no_update;"
	    " UPDATE audit SET at = '2026-05-01 10:00:00' WHERE id = 1;"
	    " UPDATE audit SET user = 'jnovak' || char(27) || ']0;owned' || char(7)"
	    " WHERE id = 2");
	assert_int_equal(au_run(t, NULL), 0);
	assert_int_equal(au_lines(t->out), 2);
	assert_null(strchr(t->out, 27));	/* the title sequence made harmless */
	assert_null(strchr(t->out, 7));
	au_has(t->out, "registration 1");
	au_has(t->out, "surname: Kapanadze");
	assert_int_equal(au_run(t, "--user", "setup", NULL), 0);
	assert_int_equal(au_lines(t->out), 1);
	au_has(t->out, "cases 1");
	assert_int_equal(au_run(t, "--from", "2026-05-02", NULL), 0);
	assert_int_equal(au_lines(t->out), 1);
	au_has(t->out, "registration 1");
	assert_int_equal(au_run(t, "--to", "2026-05-01", NULL), 0);
	assert_int_equal(au_lines(t->out), 1);
	au_has(t->out, "2026-05-01 10:00:00");
	assert_int_equal(au_run(t, "--case", "nonesuch", NULL), 0);
	assert_int_equal(au_lines(t->out), 0);
	assert_int_equal(au_run(t, "--to", "May", NULL), 2);
	au_has(t->err, "'May' is not a date");
	assert_int_equal(au_run(t, "check", NULL), 2);
}

/* The case number filter: only the rows of that case. */
static void
test_list_case(void **state)
{
	struct t *t = *state;
	char no[64];
	sqlite3 *raw;
	sqlite3_stmt *st;

	e2e_add_case(t->db, "surname", "Kapanadze", NULL);
	e2e_add_case(t->db, "surname", "Beridze", NULL);
	au_sql(t, AU_READER);
	assert_int_equal(sqlite3_open(t->db->path, &raw), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(raw, "SELECT case_no FROM cases WHERE id = 2", -1,
	    &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	snprintf(no, sizeof no, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(raw);
	assert_int_equal(au_run(t, "--case", no, NULL), 0);
	assert_int_equal(au_lines(t->out), 2);
	au_has(t->out, "surname: Beridze");
	assert_null(strstr(t->out, "Kapanadze"));
}

/* Every record row of a demo database has its insert audited, and one
 * update row for every version after the first; the chain verifies. */
static void
test_demo_complete(void **state)
{
	struct t *t = *state;
	char *db = xasprintf("%s-demo.db", t->db->path), *q, *side;
	const char *tbl;
	sqlite3_stmt *st;
	sqlite3 *raw;
	int tables = 0;

	assert_int_equal(au_cmd(t, db, "demo", "--cases", "12", NULL), 0);
	assert_int_equal(sqlite3_open(db, &raw), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(raw, "SELECT DISTINCT s.tbl FROM form_schema s"
	    " WHERE EXISTS (SELECT 1 FROM pragma_table_info(s.tbl) WHERE name = 'uuid')"
	    " UNION SELECT 'cases'", -1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		tbl = (const char *)sqlite3_column_text(st, 0);
		q = sqlite3_mprintf("SELECT (SELECT count(*) FROM \"%w\") = (SELECT count(*) FROM"
		    " audit WHERE tbl = %Q AND action = 'insert') AND (SELECT coalesce(sum(version"
		    " - 1), 0) FROM \"%w\") = (SELECT count(*) FROM audit WHERE tbl = %Q AND"
		    " action = 'update') AND (SELECT count(*) FROM \"%w\") > 0", tbl, tbl, tbl,
		    tbl, tbl);
		if (au_answer(raw, q) != 1)
			fail_msg("%s: its rows and its audit rows differ", tbl);
		sqlite3_free(q);
		tables++;
	}
	sqlite3_finalize(st);
	sqlite3_close(raw);
	assert_true(tables >= 10);
	assert_int_equal(au_cmd(t, db, "audit", "verify", NULL), 0);
	au_has(t->out, "rows in an unbroken chain");
	unlink(db);
	side = xasprintf("%s-wal", db);
	unlink(side);
	free(side);
	side = xasprintf("%s-shm", db);
	unlink(side);
	free(side);
	free(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_views_audited, setup, teardown),
		cmocka_unit_test_setup_teardown(test_history_screen, setup, teardown),
		cmocka_unit_test_setup_teardown(test_history_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_verify_clean_then_tampered, setup, teardown),
		cmocka_unit_test_setup_teardown(test_verify_deleted_row, setup, teardown),
		cmocka_unit_test_setup_teardown(test_verify_record_edited, setup, teardown),
		cmocka_unit_test_setup_teardown(test_verify_triggers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_list_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_list_masked, setup, teardown),
		cmocka_unit_test_setup_teardown(test_list_filters, setup, teardown),
		cmocka_unit_test_setup_teardown(test_list_case, setup, teardown),
		cmocka_unit_test_setup_teardown(test_demo_complete, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
