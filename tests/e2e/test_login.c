/*
 * End-to-end tests of the login and the idle lock through the pty (80x24):
 * the password is asked at the start and never shown as it is typed; a wrong
 * one is said so, three end the program, the fifth in a row locks the user
 * with the time it ends; --user / AVRR_USER on a database that is not a test
 * database is refused in one line. The idle lock comes after the set time
 * without a key press (the clock moved through AVRR_CLOCK_FILE; a tick is not
 * a key press; the setting idle_lock_minutes when set), hides the case, and
 * gives back every typed value with the password. avrr init asks for the
 * first administrator's password on the terminal without echo.
 */
#include <setjmp.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "app.h"
#include "db/settings.h"
#include "db/users.h"
#include "util/mem.h"

#define T	E2E_T
#define ROWS	24
#define COLS	80
#define PW	"Kestrel-Moss-42"
#define PROMPT	"Password (not shown):"

struct t {
	struct e2e_db	*db;
	struct vt	*vt;
	char		*clock;		/* the file AVRR_CLOCK_FILE names */
	char		*clock_env;
};

static int
setup(void **state)
{
	struct t *t = xcalloc(1, sizeof *t);
	char tmpl[] = "/tmp/avrr-clock-XXXXXX";
	int fd = mkstemp(tmpl);

	assert_true(fd >= 0);
	close(fd);
	t->clock = xstrdup(tmpl);
	t->clock_env = xasprintf("AVRR_CLOCK_FILE=%s", t->clock);
	t->db = e2e_db_new_forms("forms");
	e2e_db_open(t->db);
	/* the first user of a database with no administrator yet: allowed */
	assert_int_equal(db_users_add(t->db->db, "tester", "counsellor", NULL, PW, NULL), DB_OK);
	e2e_db_close(t->db);
	*state = t;
	return 0;
}

static int
teardown(void **state)
{
	struct t *t = *state;

	vt_free(t->vt);
	e2e_db_free(t->db);
	unlink(t->clock);
	free(t->clock);
	free(t->clock_env);
	free(t);
	return 0;
}

/* Moves the program's idle clock to sec (written whole, then renamed). */
static void
tl_clock(struct t *t, long sec)
{
	char *tmp = xasprintf("%s.new", t->clock);
	FILE *f = fopen(tmp, "w");

	assert_non_null(f);
	fprintf(f, "%ld\n", sec);
	fclose(f);
	assert_int_equal(rename(tmp, t->clock), 0);
	free(tmp);
}

static void
tl_start(struct t *t)
{
	const char *env[] = { t->clock_env, NULL };

	tl_clock(t, 0);
	t->vt = e2e_start(t->db, env, ROWS, COLS);
	VT_ASSERT_TEXT(t->vt, PROMPT, T);
}

/* Types text and Enter; the text must never be on the screen. */
static void
tl_password(struct t *t, const char *pw)
{
	vt_type(t->vt, pw);
	vt_pump(t->vt, 100);
	assert_null(strstr(vt_screen(t->vt), pw));
	vt_key(t->vt, VT_ENTER);
}

/* Audit rows of tester's logins with the event, read as an outsider would. */
static int
tl_audit(struct t *t, const char *event)
{
	sqlite3_stmt *st;
	sqlite3 *raw;
	int n = -1;

	assert_int_equal(sqlite3_open_v2(t->db->path, &raw, SQLITE_OPEN_READONLY, NULL),
	    SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(raw, "SELECT count(*) FROM audit WHERE tbl = 'users'"
	    " AND user = 'tester' AND action = ?1", -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_text(st, 1, event, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(raw);
	return n;
}

/* The prompt before anything else; a wrong password is said so, the right one
 * opens the program; neither is ever shown. */
static void
test_login_prompt(void **state)
{
	struct t *t = *state;

	tl_start(t);
	assert_null(strstr(vt_screen(t->vt), "Find a case"));
	tl_password(t, "nope-nope");
	VT_ASSERT_TEXT(t->vt, "Wrong password; try again.", T);
	assert_null(strstr(vt_screen(t->vt), "nope"));
	tl_password(t, PW);
	VT_ASSERT_TEXT(t->vt, "Find a case", T);
	assert_null(strstr(vt_screen(t->vt), PW));
	vt_key(t->vt, VT_F10);
	VT_ASSERT_EXIT(t->vt, 0, T);
	assert_int_equal(tl_audit(t, "login_failed"), 1);
	assert_int_equal(tl_audit(t, "login"), 1);
}

/* The quit key leaves the prompt and the program, with no message. */
static void
test_login_quit(void **state)
{
	struct t *t = *state;

	tl_start(t);
	vt_key(t->vt, VT_F10);
	VT_ASSERT_EXIT(t->vt, 0, T);
	assert_null(strstr(vt_screen(t->vt), "avrr:"));
}

/* Three wrong passwords end the program with one line. */
static void
test_login_three_wrong(void **state)
{
	struct t *t = *state;
	int i;

	tl_start(t);
	for (i = 0; i < 3; i++) {
		tl_password(t, "wrong-one");
		if (i < 2)
			VT_ASSERT_TEXT(t->vt, "Wrong password; try again.", T);
	}
	VT_ASSERT_EXIT(t->vt, 1, T);
	VT_ASSERT_TEXT(t->vt, "avrr: 3 wrong passwords; avrr ends", T);
	assert_int_equal(tl_audit(t, "login_failed"), 3);
}

/* The fifth wrong password in a row locks the user, shown with the time it
 * ends; while locked the program does not even start. */
static void
test_login_lockout(void **state)
{
	struct t *t = *state;

	tl_start(t);
	tl_password(t, "wrong-a");
	tl_password(t, "wrong-b");
	tl_password(t, "wrong-c");
	VT_ASSERT_EXIT(t->vt, 1, T);
	vt_free(t->vt);
	t->vt = NULL;
	tl_start(t);
	tl_password(t, "wrong-d");
	VT_ASSERT_TEXT(t->vt, "Wrong password; try again.", T);
	tl_password(t, "wrong-e");
	VT_ASSERT_EXIT(t->vt, 1, T);
	VT_ASSERT_TEXT(t->vt, "tester: locked after 5 wrong passwords until 2026-11-22 12:15:00", T);
	vt_free(t->vt);
	t->vt = NULL;
	t->vt = e2e_start(t->db, NULL, ROWS, COLS);
	VT_ASSERT_EXIT(t->vt, 1, T);
	VT_ASSERT_TEXT(t->vt, "tester: locked after 5 wrong passwords until 2026-11-22 12:15:00", T);
	assert_int_equal(tl_audit(t, "lockout"), 1);
}

/* On a database that is not a test database AVRR_USER picks no one. */
static void
test_login_user_env_refused(void **state)
{
	struct t *t = *state;

	e2e_db_open(t->db);
	assert_int_equal(db_setting_set(t->db->db, "test_database", NULL, NULL), DB_OK);
	e2e_db_close(t->db);
	t->vt = e2e_start(t->db, NULL, ROWS, COLS);
	VT_ASSERT_EXIT(t->vt, 1, T);
	VT_ASSERT_TEXT(t->vt, "avrr: --user and AVRR_USER pick a user only on a test or demo "
	    "database", T);
	assert_null(strstr(vt_screen(t->vt), PROMPT));
}

/* The idle lock: a new registration half typed; ticks do not count as keys;
 * after the idle time the screen shows nothing of it, and the password gives
 * every value back. */
static void
test_idle_lock(void **state)
{
	struct t *t = *state;

	tl_start(t);
	tl_password(t, PW);
	VT_ASSERT_TEXT(t->vt, "Find a case", T);
	vt_ctrl(t->vt, 'n');
	VT_ASSERT_TEXT(t->vt, "Surname (as in passport)", T);
	e2e_text(t->vt, "Zakharchenko");
	e2e_text(t->vt, "Oleksandra");
	VT_ASSERT_TEXT(t->vt, ">Name in native script", T);	/* the last key arrived */
	tl_clock(t, 400);		/* 400 s: ticks come, no key */
	vt_pump(t->vt, 2500);
	VT_ASSERT_TEXT(t->vt, "Zakharchenko", T);
	assert_null(strstr(vt_screen(t->vt), PROMPT));
	tl_clock(t, 601);		/* 601 s after the last key */
	VT_ASSERT_TEXT(t->vt, PROMPT, T);
	VT_ASSERT_TEXT(t->vt, "Locked", T);
	assert_null(strstr(vt_screen(t->vt), "Zakharchenko"));
	assert_null(strstr(vt_screen(t->vt), "Oleksandra"));
	assert_null(strstr(vt_screen(t->vt), "Surname"));
	tl_password(t, "not-it");
	VT_ASSERT_TEXT(t->vt, "Wrong password; try again.", T);
	assert_null(strstr(vt_screen(t->vt), "Zakharchenko"));
	tl_password(t, PW);
	VT_ASSERT_TEXT(t->vt, "Zakharchenko", T);
	VT_ASSERT_TEXT(t->vt, "Oleksandra", T);
	assert_null(strstr(vt_screen(t->vt), PROMPT));
	/* the form goes on where it was: the next field, the values still there */
	e2e_text(t->vt, "Захарченко");
	VT_ASSERT_TEXT(t->vt, "Zakharchenko", T);
	VT_ASSERT_TEXT(t->vt, "Oleksandra", T);
}

/* The idle time is the setting idle_lock_minutes when there is one. */
static void
test_idle_lock_setting(void **state)
{
	struct t *t = *state;

	e2e_db_open(t->db);
	assert_int_equal(db_setting_set(t->db->db, "idle_lock_minutes", "2", NULL), DB_OK);
	e2e_db_close(t->db);
	tl_start(t);
	tl_password(t, PW);
	VT_ASSERT_TEXT(t->vt, "Find a case", T);
	tl_clock(t, 119);
	vt_pump(t->vt, 2500);
	VT_ASSERT_TEXT(t->vt, "Find a case", T);
	tl_clock(t, 120);
	VT_ASSERT_TEXT(t->vt, "Locked", T);
	assert_null(strstr(vt_screen(t->vt), "Find a case"));
}

/* avrr init on a terminal: the first administrator's password asked twice,
 * never echoed; two that differ change nothing. */
static void
test_init_password_no_echo(void **state)
{
	struct t *t = *state;
	char *path = xasprintf("%s-new.db", t->db->path), *db = xasprintf("--db=%s", path);
	const char *argv[] = { "avrr", "init", db, NULL };
	const char *env[] = { "AVRR_FORMS=forms", "AVRR_TODAY=2026-11-22", NULL };
	char *side;

	t->vt = vt_spawn(argv, env, ROWS, COLS);
	VT_ASSERT_TEXT(t->vt, "New password for", T);
	vt_type(t->vt, "First-Pass-1\r");
	VT_ASSERT_TEXT(t->vt, "The same again:", T);
	vt_type(t->vt, "Other-Pass-2\r");
	VT_ASSERT_EXIT(t->vt, 1, T);
	VT_ASSERT_TEXT(t->vt, "the two passwords differ; nothing was changed", T);
	assert_null(strstr(vt_screen(t->vt), "Pass-"));
	vt_free(t->vt);
	t->vt = vt_spawn(argv, env, ROWS, COLS);
	VT_ASSERT_TEXT(t->vt, "New password for", T);
	vt_type(t->vt, "First-Pass-1\r");
	VT_ASSERT_TEXT(t->vt, "The same again:", T);
	vt_type(t->vt, "First-Pass-1\r");
	VT_ASSERT_EXIT(t->vt, 0, T);
	VT_ASSERT_TEXT(t->vt, "is the administrator of", T);
	assert_null(strstr(vt_screen(t->vt), "Pass-"));
	unlink(path);
	side = xasprintf("%s-wal", path);
	unlink(side);
	free(side);
	side = xasprintf("%s-shm", path);
	unlink(side);
	free(side);
	free(path);
	free(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_login_prompt, setup, teardown),
		cmocka_unit_test_setup_teardown(test_login_quit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_login_three_wrong, setup, teardown),
		cmocka_unit_test_setup_teardown(test_login_lockout, setup, teardown),
		cmocka_unit_test_setup_teardown(test_login_user_env_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_idle_lock, setup, teardown),
		cmocka_unit_test_setup_teardown(test_idle_lock_setting, setup, teardown),
		cmocka_unit_test_setup_teardown(test_init_password_no_echo, setup, teardown),
	};

	return cmocka_run_group_tests_name("login and idle lock", tests, NULL, NULL);
}
