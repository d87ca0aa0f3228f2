/* avrr user: roles given from the command line, read back through the data layer;
 * a read command that meets an empty file leaves it empty. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "cmd/cmd.h"
#include "db/users.h"
#include "util/mem.h"

static char *
tmp_db(void)
{
	char tmpl[] = "/tmp/avrr-user-XXXXXX";
	int fd = mkstemp(tmpl);
	char *argv[] = { "init", "--test", "--db", NULL, NULL };
	char *path;

	assert_true(fd >= 0);
	close(fd);
	unlink(tmpl);
	path = xstrdup(tmpl);
	argv[3] = path;
	setenv("AVRR_FORMS", "forms", 1);
	assert_int_equal(cmd_run("init", 4, argv), 0);
	return path;
}

static void
rm_db(char *path)
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

/* A role given with `avrr user role` is the role the rules see. */
static void
test_role_and_list(void **state)
{
	char *path = tmp_db();
	char *role[] = { "user", "--db", path, "role", "eva", "supervisor", NULL };
	char *bad[] = { "user", "--db", path, "role", "jan", "boss", NULL };
	char *usage[] = { "user", "--db", path, "role", "eva", NULL };
	struct db_user_row *rows = NULL;
	struct db *db = NULL;
	size_t n = 0, k;

	(void)state;
	assert_int_equal(cmd_run("user", 6, role), 0);
	assert_int_equal(cmd_run("user", 6, bad), 1);
	assert_int_equal(cmd_run("user", 5, usage), 2);
	assert_int_equal(db_open(&db, path, false, NULL), DB_OK);
	assert_string_equal(db_users_role(db, "eva"), "supervisor");
	assert_string_equal(db_users_role(db, "jan"), "counsellor");
	assert_int_equal(db_users_list(db, &rows, &n, NULL), DB_OK);
	assert_int_equal(n, 2);		/* eva, and the administrator init made */
	k = strcmp(rows[0].name, "eva") == 0 ? 0 : 1;
	assert_string_equal(rows[k].name, "eva");
	assert_string_equal(rows[1 - k].role, "admin");
	db_users_free(rows, n);
	db_close(db);
	rm_db(path);
}

/* Options before, between or after the subcommand, as --db FILE or --db=FILE. */
static void
test_options_anywhere(void **state)
{
	char *path = tmp_db(), *eq = xasprintf("--db=%s", path);
	char *after[] = { "user", "role", "eva", "supervisor", eq, NULL };
	char *between[] = { "user", "add", "--db", path, "jan", "admin", "--no-password", NULL };
	char *list[] = { "user", "list", "--db", path, NULL };
	char *none[] = { "user", eq, NULL };
	char *unknown[] = { "user", "list", "--dbx", path, NULL };
	struct db *db = NULL;

	(void)state;
	assert_int_equal(cmd_run("user", 5, after), 0);
	assert_int_equal(cmd_run("user", 7, between), 0);
	assert_int_equal(cmd_run("user", 4, list), 0);
	assert_int_equal(cmd_run("user", 2, none), 2);
	assert_int_equal(cmd_run("user", 4, unknown), 2);
	assert_int_equal(db_open(&db, path, false, NULL), DB_OK);
	assert_string_equal(db_users_role(db, "eva"), "supervisor");
	assert_string_equal(db_users_role(db, "jan"), "admin");
	db_close(db);
	free(eq);
	rm_db(path);
}

/* A read command refuses a 0-byte file, and leaves it 0 bytes (no -wal either). */
static void
test_list_refuses_empty_file(void **state)
{
	char tmpl[] = "/tmp/avrr-user-XXXXXX";
	int fd = mkstemp(tmpl);
	char *list[] = { "user", "--db", tmpl, "list", NULL };
	char *side;
	struct stat sb;

	(void)state;
	assert_true(fd >= 0);
	close(fd);
	setenv("AVRR_FORMS", "forms", 1);
	assert_int_equal(cmd_run("user", 4, list), 1);
	assert_int_equal(stat(tmpl, &sb), 0);
	assert_int_equal(sb.st_size, 0);
	side = xasprintf("%s-wal", tmpl);
	assert_int_equal(access(side, F_OK), -1);
	free(side);
	rm_db(xstrdup(tmpl));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_role_and_list),
		cmocka_unit_test(test_options_anywhere),
		cmocka_unit_test(test_list_refuses_empty_file),
	};

	return cmocka_run_group_tests_name("avrr user", tests, NULL, NULL);
}
