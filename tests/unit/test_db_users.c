/*
 * db/users through the data layer: only an enabled administrator adds users,
 * changes roles and passwords of others and disables them; no one changes
 * their own role; every change is audited under the real actor. Logins:
 * DB_USERS_MAX_FAILURES wrong passwords lock the user for
 * DB_USERS_LOCK_MINUTES by the program's clock (held with date_clock_set),
 * during which not even the right password opens; each login, failure and
 * lockout is an audit row. A hash made with other limits is made again at the
 * next login; no password is ever stored as it was typed.
 */
#include "unit/db_fixture.h"

#include <sodium.h>

#include "db/internal.h"
#include "db/settings.h"
#include "db/users.h"
#include "util/date.h"

#define PW	"Correct-Horse-7"

static int
setup(void **state)
{
	struct fixture_db *t = xcalloc(1, sizeof *t);

	t->path = fixture_path();
	t->set = form_set_new();	/* no forms; the core tables as avrr init makes them */
	form_set_finish(t->set);
	t->db = fixture_open(t->path, t->set);
	/* cheap hashes; the users are bound to accounts by name */
	assert_int_equal(db_users_mark_test(t->db, NULL), DB_OK);
	db_set_user(t->db, "adm");
	assert_int_equal(db_users_add(t->db, "adm", "admin", NULL, PW, NULL), DB_OK);
	assert_int_equal(db_users_add(t->db, "eva", "counsellor", NULL, PW, NULL), DB_OK);
	*state = t;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture_db *t = *state;

	date_clock_set(NULL);
	db_close(t->db);
	form_set_free(t->set);
	fixture_unlink(t->path);
	free(t->path);
	free(t);
	return 0;
}

static long long
tu_count(struct fixture_db *t, const char *where)
{
	char *q = xasprintf("SELECT count(*) FROM audit WHERE tbl = 'users' AND %s", where);
	long long n = fixture_count(t->db->sql, q);

	free(q);
	return n;
}

/* A counsellor manages no one; the administrator does, audited as themself. */
static void
test_users_admin_only(void **state)
{
	struct fixture_db *t = *state;
	char *err = NULL;

	db_set_user(t->db, "eva");
	assert_int_equal(db_users_add(t->db, "jan", "hotline", NULL, NULL, &err), DB_REFUSED);
	assert_non_null(strstr(err, "only an administrator manages users"));
	xfree(&err);
	assert_int_equal(db_users_set(t->db, "jan", "supervisor", NULL), DB_REFUSED);
	assert_int_equal(db_users_set(t->db, "adm", "counsellor", NULL), DB_REFUSED);
	assert_int_equal(db_users_disable(t->db, "adm", NULL), DB_REFUSED);
	assert_int_equal(db_users_passwd(t->db, "adm", "taken-over", NULL), DB_REFUSED);
	assert_string_equal(db_users_role(t->db, "adm"), "admin");
	assert_int_equal(fixture_count(t->db->sql, "SELECT count(*) FROM users"), 2);
	/* one's own password, yes */
	assert_int_equal(db_users_passwd(t->db, "eva", "Eva-new-pass", NULL), DB_OK);
	db_set_user(t->db, "adm");
	assert_int_equal(db_users_add(t->db, "jan", "hotline", "jhorak", NULL, NULL), DB_OK);
	assert_int_equal(db_users_set(t->db, "eva", "supervisor", NULL), DB_OK);
	assert_int_equal(db_users_passwd(t->db, "eva", "Reset-by-adm", NULL), DB_OK);
	assert_int_equal(db_users_disable(t->db, "jan", NULL), DB_OK);
	assert_string_equal(db_users_role(t->db, "eva"), "supervisor");
	assert_int_equal(tu_count(t, "user = 'adm' AND changes LIKE '%\"supervisor\"%'"), 1);
	assert_int_equal(tu_count(t, "user = 'adm' AND changes LIKE '%\"disabled\"%'"), 1);
	assert_int_equal(tu_count(t, "user = 'eva' AND changes LIKE "
	    "'%\"password\":{\"new\":\"set\"}%'"), 1);
	/* a disabled administrator is no administrator */
	assert_int_equal(db_users_add(t->db, "ida", "admin", NULL, NULL, NULL), DB_OK);
	db_set_user(t->db, "ida");
	assert_int_equal(db_users_disable(t->db, "adm", NULL), DB_OK);
	db_set_user(t->db, "adm");
	assert_int_equal(db_users_set(t->db, "eva", "hotline", NULL), DB_REFUSED);
}

/* No one changes their own role or disables themselves, an administrator neither. */
static void
test_users_not_own_role(void **state)
{
	struct fixture_db *t = *state;
	char *err = NULL;

	assert_int_equal(db_users_set(t->db, "adm", "supervisor", &err), DB_REFUSED);
	assert_string_equal(err, "adm: no one changes their own role");
	xfree(&err);
	assert_int_equal(db_users_disable(t->db, "adm", NULL), DB_REFUSED);
	assert_string_equal(db_users_role(t->db, "adm"), "admin");
	db_set_user(t->db, "eva");
	assert_int_equal(db_users_set(t->db, "eva", "admin", NULL), DB_REFUSED);
	assert_string_equal(db_users_role(t->db, "eva"), "counsellor");
}

static enum db_login
tu_login(struct fixture_db *t, const char *pw, char until[20])
{
	enum db_login res;

	db_set_user(t->db, "eva");
	assert_int_equal(db_users_login(t->db, "eva", pw, &res, until, NULL), DB_OK);
	return res;
}

static void
tu_at(const char *when)
{
	struct date_time dt;

	assert_true(date_time_parse_iso(when, &dt));
	date_clock_set(&dt);
}

/* Five wrong passwords lock for 15 minutes by the program's clock. */
static void
test_users_lockout(void **state)
{
	struct fixture_db *t = *state;
	struct db_user_info info;
	char until[20];
	int i;

	tu_at("2026-11-22 10:00");
	assert_int_equal(tu_login(t, PW, until), DB_LOGIN_OK);
	for (i = 1; i < DB_USERS_MAX_FAILURES; i++)
		assert_int_equal(tu_login(t, "wrong", until), DB_LOGIN_WRONG);
	assert_int_equal(tu_login(t, "wrong", until), DB_LOGIN_LOCKED);
	assert_string_equal(until, "2026-11-22 10:15:00");
	db_users_info(t->db, "eva", &info);
	assert_string_equal(info.locked_until, "2026-11-22 10:15:00");
	db_users_info_clear(&info);
	tu_at("2026-11-22 10:14");
	assert_int_equal(tu_login(t, PW, until), DB_LOGIN_LOCKED);
	tu_at("2026-11-22 10:15");
	assert_int_equal(tu_login(t, PW, until), DB_LOGIN_OK);
	db_users_info(t->db, "eva", &info);
	assert_string_equal(info.locked_until, "");
	db_users_info_clear(&info);
	/* a new count after the lockout: four wrong ones do not lock */
	for (i = 1; i < DB_USERS_MAX_FAILURES; i++)
		assert_int_equal(tu_login(t, "wrong", until), DB_LOGIN_WRONG);
	assert_int_equal(tu_login(t, PW, until), DB_LOGIN_OK);
	assert_int_equal(tu_count(t, "user = 'eva' AND action = 'login_failed'"),
	    2 * (DB_USERS_MAX_FAILURES - 1));
	assert_int_equal(tu_count(t, "user = 'eva' AND action = 'lockout'"), 1);
	assert_int_equal(tu_count(t, "user = 'eva' AND action = 'login_locked'"),
	    1);
	assert_int_equal(tu_count(t, "user = 'eva' AND action = 'login'"), 3);
}

/* Disabled and unknown users do not log in; a disabled user's try is audited. */
static void
test_users_disabled(void **state)
{
	struct fixture_db *t = *state;
	enum db_login res;
	char until[20];

	assert_int_equal(db_users_disable(t->db, "eva", NULL), DB_OK);
	assert_int_equal(tu_login(t, PW, until), DB_LOGIN_DISABLED);
	assert_int_equal(db_users_login(t->db, "nobody", PW, &res, until, NULL), DB_OK);
	assert_int_equal(res, DB_LOGIN_UNKNOWN);
	assert_int_equal(tu_count(t, "action = 'login_disabled'"), 1);
}

static char *
tu_hash(struct fixture_db *t)
{
	sqlite3_stmt *st;
	char *h = NULL;

	assert_int_equal(sqlite3_prepare_v2(t->db->sql, "SELECT password FROM users"
	    " WHERE name = 'eva'", -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		h = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	assert_non_null(h);
	return h;
}

/* The test database's cheap hash is made again with the INTERACTIVE limits
 * at the first login once the database is no test database. */
static void
test_users_rehash(void **state)
{
	struct fixture_db *t = *state;
	char until[20], *before, *after;

	before = tu_hash(t);
	assert_true(strncmp(before, "$argon2id$", 10) == 0);
	assert_int_equal(tu_login(t, PW, until), DB_LOGIN_OK);
	after = tu_hash(t);
	assert_string_equal(before, after);	/* the same limits: kept */
	free(after);
	assert_int_equal(db_setting_set(t->db, "test_database", NULL, NULL), DB_OK);
	assert_int_equal(tu_login(t, PW, until), DB_LOGIN_OK);
	after = tu_hash(t);
	assert_string_not_equal(before, after);
	assert_int_equal(crypto_pwhash_str_needs_rehash(after, crypto_pwhash_OPSLIMIT_INTERACTIVE,
	    crypto_pwhash_MEMLIMIT_INTERACTIVE), 0);
	assert_int_equal(tu_login(t, PW, until), DB_LOGIN_OK);	/* the new hash opens */
	assert_int_equal(tu_count(t, "changes LIKE '%rehashed%'"), 1);
	free(before);
	free(after);
}

/* The typed password is in neither the database file nor its WAL. */
static void
test_users_password_not_stored(void **state)
{
	struct fixture_db *t = *state;
	const char *pw = "Canary-Password-0815";
	char *files[2], *buf;
	size_t len, i;

	db_set_user(t->db, "adm");
	assert_int_equal(db_users_passwd(t->db, "eva", pw, NULL), DB_OK);
	assert_int_equal(tu_login(t, pw, (char[20]){ 0 }), DB_LOGIN_OK);
	files[0] = xstrdup(t->path);
	files[1] = xasprintf("%s-wal", t->path);
	for (i = 0; i < 2; i++) {
		buf = fixture_slurp(files[i], &len);
		assert_non_null(buf);
		assert_null(memmem(buf, len, pw, strlen(pw)));
		free(buf);
		free(files[i]);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_users_admin_only, setup, teardown),
		cmocka_unit_test_setup_teardown(test_users_not_own_role, setup, teardown),
		cmocka_unit_test_setup_teardown(test_users_lockout, setup, teardown),
		cmocka_unit_test_setup_teardown(test_users_disabled, setup, teardown),
		cmocka_unit_test_setup_teardown(test_users_rehash, setup, teardown),
		cmocka_unit_test_setup_teardown(test_users_password_not_stored, setup, teardown),
	};

	return cmocka_run_group_tests_name("db/users", tests, NULL, NULL);
}
