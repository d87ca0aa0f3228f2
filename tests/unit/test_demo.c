/*
 * demo/demo: the generator run on a temporary file database, checked through
 * the db API as the program would read it.
 */
#include "db_fixture.h"

#include "cmd/cmd.h"
#include "db/cases.h"
#include "db/internal.h"
#include "db/record.h"
#include "db/search.h"
#include "db/users.h"
#include "demo/demo.h"
#include "util/str.h"

#define TEST_CASES	80

struct test_demo {
	char		*path;
	struct cmd_ctx	 ctx;
	struct demo_ctx	 demo;	/* what the generator writes through, from ctx */
};

static struct test_demo *
test_demo_open(void)
{
	struct test_demo *t = xcalloc(1, sizeof *t);

	setenv("AVRR_FORMS", "forms", 0);
	setenv("AVRR_TODAY", "2026-05-20", 1);
	t->path = fixture_path();
	t->ctx.db_path = t->path;
	if (cmd_open(&t->ctx, DB_OPEN_CREATE) != 0)
		fail_msg("cannot open %s with the forms of %s", t->path, getenv("AVRR_FORMS"));
	t->demo = (struct demo_ctx){ .db = t->ctx.db, .forms = t->ctx.forms, .expr = t->ctx.expr };
	return t;
}

static void
test_demo_close(struct test_demo *t)
{
	cmd_close(&t->ctx);
	fixture_unlink(t->path);
	free(t->path);
	free(t);
}

static void
test_demo_fill(struct test_demo *t, long cases, unsigned long seed)
{
	struct demo_stats stats;
	char *err = NULL;
	size_t i;

	if (demo_fill(&t->demo, cases, seed, &stats, &err) != 0)
		fail_msg("demo_fill: %s", err != NULL ? err : "?");
	for (i = 0; i < stats.nwarnings; i++)
		fprintf(stderr, "demo warning: %s\n", stats.warnings[i]);
	assert_int_equal(stats.nwarnings, 0);
	assert_int_equal(stats.cases, cases);
	assert_true(stats.records > cases * 3);
	demo_stats_free(&stats);
}

/* Every case, oldest first (*n of them). */
static struct db_case *
test_demo_cases(struct test_demo *t, size_t *n)
{
	struct db_case *c = NULL;

	assert_int_equal(db_case_recent(t->ctx.db, 100000, &c, n, NULL), DB_OK);
	return c;
}

/* The one record of a once form of case id, or NULL. */
static struct form_record *
test_demo_once(struct test_demo *t, const char *form, int64_t case_id)
{
	const struct form_def *def = form_set_find(t->ctx.forms, form);
	struct form_record *rec = NULL;
	int64_t *ids = NULL;
	size_t n = 0;

	assert_non_null(def);
	assert_int_equal(db_record_list(t->ctx.db, def, case_id, &ids, &n, NULL), DB_OK);
	assert_true(n <= 1);
	if (n == 1)
		assert_int_equal(db_record_load(t->ctx.db, def, ids[0], &rec, NULL), DB_OK);
	free(ids);
	return rec;
}

/* One database of TEST_CASES cases for the group; the tests that read it take it as
 * their state, the others make their own. */
static int
test_demo_setup(void **state)
{
	struct test_demo *t = test_demo_open();

	test_demo_fill(t, TEST_CASES, 1);
	*state = t;
	return 0;
}

static int
test_demo_teardown(void **state)
{
	test_demo_close(*state);
	return 0;
}

static void
test_demo_every_status(void **state)
{
	struct test_demo *t = *state;
	bool seen[CASE__COUNT] = { false };
	struct db_case *c;
	size_t n, i;

	c = test_demo_cases(t, &n);
	assert_int_equal(n, TEST_CASES);
	for (i = 0; i < n; i++) {
		seen[c[i].status] = true;
		assert_non_null(c[i].client_lang);
		assert_non_null(c[i].project);
	}
	for (i = 0; i < CASE__COUNT; i++)
		if (!seen[i])
			fail_msg("no case has status %s", db_case_status_code((enum db_case_status)i));
	db_case_free_array(c, n);
}

/* Records of form in the cases (case forms) or record 1 (forms without a case). */
static bool
test_demo_form_used(struct test_demo *t, const struct form_def *def, const struct db_case *c,
    size_t n)
{
	struct form_record *rec = NULL;
	int64_t *ids = NULL;
	size_t i, k = 0;

	if (!def->needs_case) {
		if (db_record_load(t->ctx.db, def, 1, &rec, NULL) != DB_OK)
			return false;
		form_record_free(rec);
		return true;
	}
	for (i = 0; i < n && k == 0; i++) {
		assert_int_equal(db_record_list(t->ctx.db, def, c[i].id, &ids, &k, NULL), DB_OK);
		free(ids);
	}
	return k > 0;
}

static void
test_demo_every_form(void **state)
{
	struct test_demo *t = *state;
	struct db_case *c;
	size_t n, i;

	c = test_demo_cases(t, &n);
	for (i = 0; i < t->ctx.forms->nforms; i++)
		if (!test_demo_form_used(t, t->ctx.forms->forms[i], c, n))
			fail_msg("no record of form %s", t->ctx.forms->forms[i]->name);
	db_case_free_array(c, n);
}

/* A plan over the project's limit carries a supervisor's approval. */
static void
test_demo_approval(struct test_demo *t, int64_t case_id)
{
	struct form_record *plan = test_demo_once(t, "plan", case_id);
	const char *by;

	if (plan == NULL)
		return;
	by = fixture_get(plan, "approved_by");
	if (!str_empty(by))
		assert_string_equal(db_users_role(t->ctx.db, by), "supervisor");
	form_record_free(plan);
}

/* The lifecycle holds: what a case's status says it went through is there. */
static void
test_demo_lifecycle(void **state)
{
	struct test_demo *t = *state;
	struct form_record *reg, *dep, *clo;
	struct db_case *c;
	size_t n, i;

	c = test_demo_cases(t, &n);
	for (i = 0; i < n; i++) {
		reg = test_demo_once(t, "registration", c[i].id);
		dep = test_demo_once(t, "departure", c[i].id);
		clo = test_demo_once(t, "closure", c[i].id);
		assert_non_null(reg);
		assert_false(str_empty(fixture_get(reg, "surname")));
		assert_string_equal(fixture_get(reg, "project"), c[i].project);
		if (c[i].status >= CASE_DEPARTED && c[i].status != CASE_CLOSED)
			assert_non_null(dep);
		if (c[i].status < CASE_DEPARTED)
			assert_null(dep);
		assert_true((clo != NULL) == (c[i].status == CASE_CLOSED));
		test_demo_approval(t, c[i].id);
		form_record_free(reg);
		form_record_free(dep);
		form_record_free(clo);
	}
	db_case_free_array(c, n);
}

/* "PETROVIĆ" -> "petrovic"; NULL when a letter has no plain form here. */
static char *
test_demo_plain(const char *s)
{
	static const char *const map[][2] = { { "Ć", "c" }, { "Š", "s" }, { "Ă", "a" },
	    { "Î", "i" }, { "Ț", "t" }, { "Ș", "s" } };
	struct strbuf sb = STRBUF_INIT;
	bool changed = false;
	size_t k;

	while (*s != '\0') {
		for (k = 0; k < sizeof map / sizeof map[0]; k++)
			if (strncmp(s, map[k][0], strlen(map[k][0])) == 0)
				break;
		if (k < sizeof map / sizeof map[0]) {
			strbuf_puts(&sb, map[k][1]);
			s += strlen(map[k][0]);
			changed = true;
		} else if ((unsigned char)*s >= 0x80) {
			strbuf_free(&sb);
			return NULL;
		} else
			strbuf_putc(&sb, (char)(*s++ | 0x20));
	}
	if (!changed) {
		strbuf_free(&sb);
		return NULL;
	}
	return strbuf_take(&sb);
}

static bool
test_demo_finds(struct test_demo *t, const char *query, int64_t case_id)
{
	struct db_hit *h = NULL;
	size_t n = 0, i;
	bool found = false;

	assert_int_equal(db_search(t->ctx.db, query, 1000, &h, &n, NULL), DB_OK);
	for (i = 0; i < n; i++)
		found |= h[i].case_id == case_id;
	db_hits_free(h, n);
	return found;
}

static void
test_demo_search(void **state)
{
	struct test_demo *t = *state;
	struct form_record *reg;
	struct db_case *c;
	size_t n, i, plain = 0;
	char *q;

	c = test_demo_cases(t, &n);
	for (i = 0; i < n; i++) {
		reg = test_demo_once(t, "registration", c[i].id);
		assert_true(test_demo_finds(t, fixture_get(reg, "native_name"), c[i].id));
		assert_true(test_demo_finds(t, c[i].case_no, c[i].id));
		if ((q = test_demo_plain(fixture_get(reg, "surname"))) != NULL) {
			if (!test_demo_finds(t, q, c[i].id))
				fail_msg("'%s' does not find %s", q, fixture_get(reg, "surname"));
			plain++;
			free(q);
		}
		form_record_free(reg);
	}
	assert_true(plain > 0);
	db_case_free_array(c, n);
}

/* "SURNAME Given YYYY-MM-DD; ..." of every case in order. */
static char *
test_demo_people(long cases, unsigned long seed)
{
	struct test_demo *t = test_demo_open();
	struct strbuf sb = STRBUF_INIT;
	struct form_record *reg;
	struct db_case *c;
	size_t n, i;

	test_demo_fill(t, cases, seed);
	c = test_demo_cases(t, &n);
	for (i = n; i-- > 0;) {
		reg = test_demo_once(t, "registration", c[i].id);
		strbuf_printf(&sb, "%s %s %s %s; ", fixture_get(reg, "surname"),
		    fixture_get(reg, "given_names"), fixture_get(reg, "dob"),
		    db_case_status_code(c[i].status));
		form_record_free(reg);
	}
	db_case_free_array(c, n);
	test_demo_close(t);
	return strbuf_take(&sb);
}

static void
test_demo_same_seed(void **state)
{
	char *a = test_demo_people(25, 42), *b = test_demo_people(25, 42);
	char *other = test_demo_people(25, 43);

	(void)state;
	assert_string_equal(a, b);
	assert_string_not_equal(a, other);
	free(a);
	free(b);
	free(other);
}

/* A second run adds cases to the database; the projects are written once. */
static void
test_demo_adds(void **state)
{
	struct test_demo *t = test_demo_open();
	const struct form_def *proj = form_set_find(t->ctx.forms, "project");
	struct form_record *rec = NULL;
	struct db_case *c;
	size_t n;

	(void)state;
	test_demo_fill(t, 10, 5);
	test_demo_fill(t, 12, 6);
	c = test_demo_cases(t, &n);
	assert_int_equal(n, 22);
	db_case_free_array(c, n);
	assert_non_null(proj);
	assert_int_equal(db_record_load(t->ctx.db, proj, 3, &rec, NULL), DB_OK);
	form_record_free(rec);
	assert_int_equal(db_record_load(t->ctx.db, proj, 4, &rec, NULL), DB_NOTFOUND);
	test_demo_close(t);
}

/*
 * Each case is written at the dates of its own history: numbered in the year
 * it was opened, opened before anything else of it was written, and its
 * closure after its arrival.
 */
static void
test_demo_history(void **state)
{
	struct test_demo *t = test_demo_open();
	sqlite3 *sql = t->ctx.db->sql;

	(void)state;
	test_demo_fill(t, 300, 11);
	assert_int_equal(fixture_count(sql, "SELECT count(*) FROM cases"
	    " WHERE substr(case_no, 6, 4) <> substr(created_at, 1, 4)"), 0);
	assert_true(fixture_count(sql, "SELECT count(DISTINCT substr(created_at, 1, 4))"
	    " FROM cases") >= 2);
	assert_int_equal(fixture_count(sql, "SELECT count(*) FROM cases WHERE created_at >"
	    " '2026-05-20 23:59:59'"), 0);
	assert_int_equal(fixture_count(sql, "SELECT count(*) FROM audit a JOIN cases c"
	    " ON c.id = a.case_id WHERE a.at < c.created_at"), 0);
	assert_int_equal(fixture_count(sql, "SELECT count(*) FROM closure x JOIN departure r"
	    " ON r.case_id = x.case_id WHERE x.created_at < r.created_at"), 0);
	assert_true(fixture_count(sql, "SELECT count(*) FROM closure") > 0);
	/* Nobody is born after their registration. */
	assert_int_equal(fixture_count(sql, "SELECT count(*) FROM registration_family f JOIN"
	    " registration r ON r.id = f.parent_id WHERE f.dob > substr(r.created_at, 1, 10)"), 0);
	assert_int_equal(fixture_count(sql, "SELECT count(*) FROM registration"
	    " WHERE dob > substr(created_at, 1, 10)"), 0);
	test_demo_close(t);
}

/* A run that fails half-way keeps none of its cases. */
static void
test_demo_all_or_nothing(void **state)
{
	struct test_demo *t = test_demo_open();
	struct demo_stats stats;
	char *err = NULL;

	(void)state;
	assert_int_equal(sqlite3_exec(t->ctx.db->sql, "CREATE TRIGGER full AFTER INSERT ON"
	    " cases WHEN (SELECT count(*) FROM cases) > 30 BEGIN SELECT RAISE(ABORT,"
	    " 'disk full'); END", NULL, NULL, NULL), SQLITE_OK);
	assert_int_not_equal(demo_fill(&t->demo, 40, 3, &stats, &err), 0);
	assert_non_null(err);
	free(err);
	demo_stats_free(&stats);
	assert_int_equal(fixture_count(t->ctx.db->sql, "SELECT count(*) FROM cases"), 0);
	assert_int_equal(fixture_count(t->ctx.db->sql, "SELECT count(*) FROM audit"), 0);
	test_demo_close(t);
}

static void
test_demo_bad_cases(void **state)
{
	char *bad[][3] = { { "demo", "--cases", "abc" }, { "demo", "--cases", "0" },
	    { "demo", "--cases", "-5" }, { "demo", "--seed", "x" } };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_int_equal(cmd_run("demo", 3, bad[i]), 2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_demo_every_status),
		cmocka_unit_test(test_demo_every_form),
		cmocka_unit_test(test_demo_lifecycle),
		cmocka_unit_test(test_demo_search),
		cmocka_unit_test(test_demo_same_seed),
		cmocka_unit_test(test_demo_adds),
		cmocka_unit_test(test_demo_history),
		cmocka_unit_test(test_demo_all_or_nothing),
		cmocka_unit_test(test_demo_bad_cases),
	};

	return cmocka_run_group_tests(tests, test_demo_setup, test_demo_teardown);
}
