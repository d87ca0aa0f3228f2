/*
 * Shared by the tests of src/db: forms parsed from text, and a database in
 * a temporary FILE (not :memory:, so WAL, locks and a second connection are
 * real). Static functions only: each test file is its own binary.
 */
#ifndef TESTS_DB_FIXTURE_H
#define TESTS_DB_FIXTURE_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include <sqlite3.h>

#include "db/db.h"
#include "form/form.h"
#include "form/perm.h"
#include "form/value.h"
#include "util/mem.h"

/* A registration form with every kind of column, and a hotline call form. */
static const char fixture_reg_form[] =
    "form reg\n"
    "  title \"Registration\"\n"
    "  table registrations\n"
    "  case required\n"
    "  once\n"
    "\n"
    "field surname\n"
    "  type text\n"
    "  search name\n"
    "field given\n"
    "  type text\n"
    "  search name\n"
    "field phone\n"
    "  type phone\n"
    "  search phone\n"
    "field born\n"
    "  type date\n"
    "field age\n"
    "  type calculated\n"
    "  calc age(:born)\n"
    "field interpreted\n"
    "  type yesno\n"
    "field interpreter_language\n"
    "  type text\n"
    "  relevant :interpreted = 'yes'\n"
    "field vuln\n"
    "  type select_many vulnerability\n"
    "field minor\n"
    "  type calculated\n"
    "  calc selected(:vuln, 'minor')\n"
    "field grant\n"
    "  type money\n"
    "field children\n"
    "  type integer\n"
    "  default 0\n"
    "field registered_on\n"
    "  type date\n"
    "  default today\n"
    "repeat members\n"
    "  label \"Family members\"\n"
    "field name\n"
    "  type text\n"
    "  search name\n"
    "field born\n"
    "  type date\n"
    "field adult\n"
    "  type calculated\n"
    "  calc age(:born) >= 18\n"
    "end\n"
    "\n"
    "choices vulnerability\n"
    "  minor \"Unaccompanied minor\"\n"
    "  elderly \"Elderly\"\n";

static const char fixture_call_form[] =
    "form call\n"
    "  title \"Hotline call\"\n"
    "  table calls\n"
    "field started_at\n"
    "  type datetime\n"
    "  default now\n"
    "field caller\n"
    "  type text\n"
    "field notes\n"
    "  type multiline\n";

static inline struct form_set *
fixture_forms(const char *name, const char *text)
{
	struct form_set *set = form_set_new();
	size_t i;

	form_set_parse(set, name, text);
	form_set_finish(set);
	for (i = 0; i < set->nerrors; i++)
		fprintf(stderr, "fixture form: %s\n", set->errors[i]);
	assert_int_equal(set->nerrors, 0);
	return set;
}

static inline struct form_set *
fixture_forms2(const char *text1, const char *text2)
{
	struct form_set *set = form_set_new();

	form_set_parse(set, "reg.form", text1);
	form_set_parse(set, "call.form", text2);
	form_set_finish(set);
	assert_int_equal(set->nerrors, 0);
	return set;
}

/* The single integer a query answers on the program's own connection (-1 for
 * no row); for tests that look at rows the API does not show (audit, counts). */
static inline long long
fixture_count(sqlite3 *sql, const char *query)
{
	sqlite3_stmt *st;
	long long n = -1;

	assert_int_equal(sqlite3_prepare_v2(sql, query, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* A fresh database path in /tmp (the file itself does not exist yet). */
static inline char *
fixture_path(void)
{
	char tmpl[] = "/tmp/avrr-test-XXXXXX";
	int fd = mkstemp(tmpl);

	assert_true(fd >= 0);
	close(fd);
	unlink(tmpl);
	return xasprintf("%s.db", tmpl);
}

static inline void
fixture_unlink(const char *path)
{
	char *p;

	unlink(path);
	p = xasprintf("%s-wal", path);
	unlink(p);
	free(p);
	p = xasprintf("%s-shm", path);
	unlink(p);
	free(p);
}

static inline struct db *
fixture_open(const char *path, const struct form_set *set)
{
	struct db *db = NULL;
	char *err = NULL;

	if (db_open(&db, path, DB_OPEN_INIT, &err) != DB_OK)
		fail_msg("db_open: %s", err);
	if (set != NULL && db_sync_forms(db, set, &err) != DB_OK)
		fail_msg("db_sync_forms: %s", err);
	db_set_user(db, "tester");
	return db;
}

/* The bytes of a file (malloc'd, *len its size; NULL when it cannot be read). */
static inline char *
fixture_slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	*len = 0;
	if (f == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = xmalloc((size_t)n + 1);
	*len = fread(buf, 1, (size_t)n, f);
	fclose(f);
	return buf;
}

/* Writes garbage over the root page of table in the (closed) database at
 * path: the damaged page of a copy, as a bad disk leaves it. */
static inline void
fixture_damage(const char *path, const char *table)
{
	sqlite3 *raw;
	sqlite3_stmt *st;
	long page = 0, size = 0;
	char junk[512];
	FILE *f;

	assert_int_equal(sqlite3_open(path, &raw), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(raw, "SELECT rootpage,"
	    " (SELECT page_size FROM pragma_page_size) FROM sqlite_master WHERE name = ?1",
	    -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	page = sqlite3_column_int(st, 0);
	size = sqlite3_column_int(st, 1);
	sqlite3_finalize(st);
	sqlite3_close(raw);	/* the last connection: the WAL is folded in */
	assert_true(page > 1 && size > 0);
	memset(junk, 0xa5, sizeof junk);
	f = fopen(path, "r+b");
	assert_non_null(f);
	assert_int_equal(fseek(f, (page - 1) * size, SEEK_SET), 0);
	assert_int_equal(fwrite(junk, 1, sizeof junk, f), sizeof junk);
	fclose(f);
}

static inline size_t
fixture_field(const struct form_def *def, const char *name)
{
	int i = form_field_index(def, name);

	if (i < 0)
		fail_msg("no field %s", name);
	return (size_t)i;
}

static inline void
fixture_set(struct form_record *rec, const char *name, const char *val)
{
	form_record_set(rec, fixture_field(rec->def, name), val);
}

static inline const char *
fixture_get(const struct form_record *rec, const char *name)
{
	return form_record_get(rec, fixture_field(rec->def, name));
}

/* A temporary database with the real forms/ ($AVRR_FORMS), for a test's state. */
struct fixture_db {
	char		*path;
	struct form_set	*set;
	struct db	*db;
};

static inline int
fixture_db_setup(void **state)
{
	struct fixture_db *t = xcalloc(1, sizeof *t);
	const char *dir = getenv("AVRR_FORMS");

	t->set = form_set_load_dir(dir != NULL ? dir : "forms");
	assert_int_equal(t->set->nerrors, 0);
	t->path = fixture_path();
	t->db = fixture_open(t->path, t->set);
	*state = t;
	return 0;
}

/* set without its permissions table: every role may do everything, for a
 * test of the rules or of data one user walks through every stage (the
 * roles are test_db_perm's). The set may be in use by an open database. */
static inline void
fixture_no_perms(struct form_set *set)
{
	form_perms_free(set->perms);
	set->perms = NULL;
}

/* fixture_db_setup() on the real forms without the permissions table. */
static inline int
fixture_db_setup_rules(void **state)
{
	fixture_db_setup(state);
	fixture_no_perms(((struct fixture_db *)*state)->set);
	return 0;
}

static inline int
fixture_db_teardown(void **state)
{
	struct fixture_db *t = *state;

	db_close(t->db);
	form_set_free(t->set);
	fixture_unlink(t->path);
	free(t->path);
	free(t);
	return 0;
}

#endif
