#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "db/settings.h"
#include "util/mem.h"

static char *
tmp_path(void)
{
	char tmpl[] = "/tmp/avrr-settings-XXXXXX";
	int fd = mkstemp(tmpl);

	assert_true(fd >= 0);
	close(fd);
	unlink(tmpl);
	return xstrdup(tmpl);
}

/* A value set is read back after the database is closed and opened again. */
static void
test_set_get_persist(void **state)
{
	char *path = tmp_path(), *v;
	struct db *db = NULL;

	(void)state;
	assert_int_equal(db_open(&db, path, true, NULL), DB_OK);
	assert_null(db_setting_get(db, "staff_lang:eva"));
	assert_int_equal(db_setting_set(db, "staff_lang:eva", "sk", NULL), DB_OK);
	assert_int_equal(db_setting_set(db, "staff_lang:eva", "en", NULL), DB_OK);
	db_close(db);
	assert_int_equal(db_open(&db, path, false, NULL), DB_OK);
	v = db_setting_get(db, "staff_lang:eva");
	assert_string_equal(v, "en");
	free(v);
	assert_int_equal(db_setting_set(db, "staff_lang:eva", NULL, NULL), DB_OK);
	assert_null(db_setting_get(db, "staff_lang:eva"));
	db_close(db);
	unlink(path);
	v = xasprintf("%s-wal", path);
	unlink(v);
	free(v);
	v = xasprintf("%s-shm", path);
	unlink(v);
	free(v);
	free(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_set_get_persist),
	};

	return cmocka_run_group_tests_name("db settings", tests, NULL, NULL);
}
