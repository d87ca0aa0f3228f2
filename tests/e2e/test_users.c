/*
 * avrr user and avrr init of the real binary on a database that is not a test
 * database: init makes the Unix account running it the first administrator
 * (the password from stdin); add, list, role, disable and passwd do what they
 * say; no one changes their own role (exit 1, one line); AVRR_USER is refused
 * in one line; a Unix account no user is bound to is refused, even when a
 * user bears its name, and so is a user that is no administrator managing
 * others. avrr demo makes a test database with one user per role that has a
 * password.
 */
#include <fcntl.h>
#include <pwd.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "db/db.h"
#include "db/users.h"
#include "util/mem.h"
#include "util/str.h"

struct run {
	int	 status;
	char	*out, *err;
};

static char *
tu_slurp(FILE *f)
{
	struct strbuf sb = STRBUF_INIT;
	char buf[4096];
	size_t n;

	rewind(f);
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		strbuf_add(&sb, buf, n);
	fclose(f);
	strbuf_puts(&sb, "");
	return strbuf_take(&sb);
}

/* Runs avrr with input on stdin and $AVRR_USER user (NULL: unset). */
static struct run
tu_run(const char *input, const char *user, const char *const args[])
{
	FILE *in = tmpfile(), *out = tmpfile(), *err = tmpfile();
	const char *bin = getenv("AVRR_BIN");
	const char *argv[16] = { "avrr" };
	struct run r = { -1, NULL, NULL };
	int status, n = 1;
	pid_t pid;

	assert_true(in != NULL && out != NULL && err != NULL);
	fputs(input != NULL ? input : "", in);
	rewind(in);
	while (*args != NULL && n < 15)
		argv[n++] = *args++;
	argv[n] = NULL;
	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		dup2(fileno(in), 0);
		dup2(fileno(out), 1);
		dup2(fileno(err), 2);
		setenv("LANG", "C.UTF-8", 1);
		unsetenv("AVRR_LANG");
		setenv("AVRR_TODAY", "2026-11-22", 1);
		if (user != NULL)
			setenv("AVRR_USER", user, 1);
		else
			unsetenv("AVRR_USER");
		execv(bin != NULL ? bin : "build/test/avrr", (char *const *)argv);
		_exit(127);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	if (WIFEXITED(status))
		r.status = WEXITSTATUS(status);
	fclose(in);
	r.out = tu_slurp(out);
	r.err = tu_slurp(err);
	return r;
}

/* Runs and checks the exit status; stderr must be empty on 0 and one line on 1. */
#define TU_OK(want, input, user, ...) tu_ok(want, input, user, \
	(const char *const []){ __VA_ARGS__, NULL })

static char *
tu_ok(int want, const char *input, const char *user, const char *const args[])
{
	struct run r = tu_run(input, user, args);

	if (r.status != want)
		fail_msg("exit %d, expected %d; stderr: %s", r.status, want, r.err);
	if (want == 1) {
		assert_true(r.err[0] != '\0');
		assert_non_null(strchr(r.err, '\n'));
		assert_true(strchr(r.err, '\n')[1] == '\0');	/* one line */
	}
	free(r.out);
	return r.err;
}

static char *
tu_out(const char *input, const char *user, const char *const args[])
{
	struct run r = tu_run(input, user, args);

	if (r.status != 0)
		fail_msg("exit %d; stderr: %s", r.status, r.err);
	free(r.err);
	return r.out;
}

static const char *
tu_me(void)
{
	struct passwd *pw = getpwuid(getuid());

	assert_non_null(pw);
	return pw->pw_name;
}

static char *
tu_path(void)
{
	char tmpl[] = "/tmp/avrr-users-XXXXXX";
	int fd = mkstemp(tmpl);

	assert_true(fd >= 0);
	close(fd);
	unlink(tmpl);
	return xasprintf("%s.db", tmpl);
}

static void
tu_rm(char *path)
{
	char *side;

	unlink(path);
	side = xasprintf("%s-wal", path);
	unlink(side);
	free(side);
	side = xasprintf("%s-shm", path);
	unlink(side);
	free(side);
	free(path);
}

static bool
tu_line(const char *out, const char *name, const char *role, const char *rest)
{
	char *want = xasprintf("%-20s %-24s %s\n", name, role, rest);
	bool ok = strstr(out, want) != NULL;

	if (!ok)
		fprintf(stderr, "no line \"%s\" in:\n%s", want, out);
	free(want);
	return ok;
}

/* A line "  NAME ..." of the demo's list, with no password shown ("-"). */
static bool
tu_line_name(const char *out, const char *name)
{
	char *want = xasprintf("\n  %-12s ", name);
	const char *p = strstr(out, want), *end;
	bool ok = p != NULL;

	if (ok) {
		end = strchr(p + 1, '\n');
		ok = end != NULL && end[-1] == '-' && end[-2] == ' ';
	}
	free(want);
	return ok;
}

/* The administrator's work, from init on. */
static void
test_users_cli(void **state)
{
	char *db = tu_path(), *eq = xasprintf("--db=%s", db), *out, *err;
	const char *me = tu_me();

	(void)state;
	out = tu_out("Admin-pass-1\n", NULL, (const char *const []){ "init", eq, NULL });
	assert_non_null(strstr(out, "is the administrator of"));
	free(out);
	free(TU_OK(0, "Eva-pass-1\n", NULL, "user", "add", "eva", "counsellor", eq));
	free(TU_OK(0, NULL, NULL, "user", "add", "jan", "hotline", "--unix", "jhorak",
	    "--no-password", eq));
	free(TU_OK(1, NULL, NULL, "user", "add", "eva", "hotline", "--no-password", eq));
	free(TU_OK(1, "", NULL, "user", "add", "ida", "hotline", eq));	/* no password */
	free(TU_OK(0, NULL, NULL, "user", "role", "eva", "supervisor", eq));
	free(TU_OK(0, NULL, NULL, "user", "disable", "jan", eq));
	free(TU_OK(0, "Eva-pass-2\n", NULL, "user", "passwd", "eva", eq));
	out = tu_out(NULL, NULL, (const char *const []){ "user", "list", eq, NULL });
	assert_true(tu_line(out, "eva", "Supervisor", "eva"));
	assert_true(tu_line(out, "jan", "Hotline operator", "jhorak (disabled)"));
	assert_true(tu_line(out, me, "Administrator", me));
	assert_null(strstr(out, "ida"));
	free(out);
	err = TU_OK(1, NULL, NULL, "user", "role", me, "counsellor", eq);
	assert_true(strstr(err, "no one changes their own role\n") != NULL);
	free(err);
	free(TU_OK(1, "wrong\nNew-pass\n", NULL, "user", "passwd", me, eq));
	free(TU_OK(0, "Admin-pass-1\nAdmin-pass-2\n", NULL, "user", "passwd", me, eq));
	free(TU_OK(1, "Admin-pass-1\nAdmin-pass-3\n", NULL, "user", "passwd", me, eq));
	free(eq);
	tu_rm(db);
}

/* AVRR_USER picks no one on a database that is not a test database. */
static void
test_users_env_refused(void **state)
{
	char *db = tu_path(), *eq = xasprintf("--db=%s", db), *err;

	(void)state;
	free(TU_OK(0, "Admin-pass-1\n", NULL, "init", eq));
	free(TU_OK(0, NULL, NULL, "user", "add", "eva", "admin", "--no-password", eq));
	err = TU_OK(1, NULL, "eva", "user", "list", eq);
	assert_string_equal(err, "avrr: --user and AVRR_USER pick a user only on a test or "
	    "demo database (avrr init --test, avrr demo)\n");
	free(err);
	err = TU_OK(1, NULL, "eva", "user", "role", tu_me(), "hotline", eq);
	free(err);
	/* a real database does not become a test database */
	err = TU_OK(1, NULL, NULL, "init", "--test", eq);
	assert_non_null(strstr(err, "--test marks only a new database"));
	free(err);
	free(TU_OK(1, NULL, "eva", "user", "list", eq));
	free(eq);
	tu_rm(db);
}

/* A database whose users are bound to other Unix accounts: this one is no one
 * there, not even as the user that bears its name; a counsellor bound to it
 * manages no one. */
static void
test_users_other_account(void **state)
{
	char *db = tu_path(), *eq = xasprintf("--db=%s", db), *err;
	const char *me = tu_me();
	struct db *d = NULL;
	const char *dir = getenv("AVRR_FORMS");
	struct form_set *forms = form_set_load_dir(dir != NULL ? dir : "forms");

	(void)state;
	assert_int_equal(db_open(&d, db, DB_OPEN_INIT, NULL), DB_OK);
	assert_int_equal(db_sync_forms(d, forms, NULL), DB_OK);	/* as avrr init */
	db_set_user(d, "adm");
	assert_int_equal(db_users_add(d, "adm", "admin", "some-admin", NULL, NULL), DB_OK);
	db_close(d);
	form_set_free(forms);
	free(TU_OK(0, "", NULL, "init", eq));	/* an administrator exists: nothing asked */
	assert_int_equal(db_open(&d, db, DB_OPEN_READ, NULL), DB_OK);
	db_set_user(d, "adm");
	assert_int_equal(db_users_add(d, me, "admin", "someone-else", NULL, NULL), DB_OK);
	db_close(d);
	err = TU_OK(1, NULL, NULL, "user", "list", eq);
	assert_non_null(strstr(err, "is no user of"));
	free(err);
	free(TU_OK(1, NULL, me, "user", "list", eq));
	free(TU_OK(1, NULL, "adm", "user", "list", eq));
	assert_int_equal(db_open(&d, db, DB_OPEN_READ, NULL), DB_OK);
	db_set_user(d, "adm");
	assert_int_equal(db_users_add(d, "cora", "counsellor", me, NULL, NULL), DB_OK);
	db_close(d);
	free(TU_OK(0, NULL, NULL, "user", "list", eq));		/* now she is cora */
	err = TU_OK(1, NULL, NULL, "user", "role", "adm", "hotline", eq);
	assert_string_equal(err, "avrr: cora: only an administrator manages users\n");
	free(err);
	free(TU_OK(1, NULL, NULL, "user", "add", "x", "admin", "--no-password", eq));
	free(eq);
	tu_rm(db);
}

/* avrr demo makes a test database with one user per role that has a password;
 * the passwords are not printed where there is no terminal. */
static void
test_users_demo(void **state)
{
	static const char *const roles[] = { "counsellor", "hotline", "return_officer",
	    "reintegration_officer", "supervisor", "admin" };
	char *db = tu_path(), *out;
	struct db_user_row *rows = NULL;
	struct db_user_info info;
	struct db *d = NULL;
	size_t n = 0, i, k, with;

	(void)state;
	out = tu_out(NULL, NULL, (const char *const []){ "demo", "--db", db, "--cases", "2",
	    NULL });
	assert_non_null(strstr(out, "demo users (their passwords are shown only on a terminal):"));
	assert_int_equal(db_open(&d, db, DB_OPEN_READ, NULL), DB_OK);
	assert_true(db_users_test_db(d));
	assert_int_equal(db_users_list(d, &rows, &n, NULL), DB_OK);
	for (k = 0; k < sizeof roles / sizeof roles[0]; k++) {
		with = 0;
		for (i = 0; i < n; i++) {
			if (strcmp(rows[i].role, roles[k]) != 0)
				continue;
			db_users_info(d, rows[i].name, &info);
			if (info.has_password) {
				with++;
				assert_true(tu_line_name(out, rows[i].name));
			}
			db_users_info_clear(&info);
		}
		assert_int_equal(with, 1);
	}
	db_users_free(rows, n);
	db_close(d);
	free(out);
	tu_rm(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_users_cli),
		cmocka_unit_test(test_users_env_refused),
		cmocka_unit_test(test_users_other_account),
		cmocka_unit_test(test_users_demo),
	};

	return cmocka_run_group_tests_name("avrr user on a real database", tests, NULL, NULL);
}
