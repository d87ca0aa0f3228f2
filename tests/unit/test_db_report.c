/*
 * db/report: every figure checked against a hand-built database with known
 * answers (tests/unit/report_data.h): a family of four is four returns, a
 * plan with only unpaid items is no scheme, the period cuts at its first and
 * last day, a return in December with its reintegration paid in January
 * counts in two periods, projects filter, the donor summary's numbers.
 */
#include "unit/report_data.h"

#include "db/internal.h"
#include "db/report.h"

struct test_rep {
	struct fixture_db	 fx;
	struct db_report	 r;
};

static int
test_rep_setup(void **state)
{
	struct test_rep *t = xcalloc(1, sizeof *t);
	void *fx;

	fixture_db_setup(&fx);
	t->fx = *(struct fixture_db *)fx;
	free(fx);
	fixture_no_perms(t->fx.set);	/* the data as one user walks it through */
	rdata_fill(t->fx.db, t->fx.set);
	*state = t;
	return 0;
}

static int
test_rep_teardown(void **state)
{
	struct test_rep *t = *state;
	void *fx = xmalloc(sizeof t->fx);

	db_report_clear(&t->r);
	memcpy(fx, &t->fx, sizeof t->fx);
	fixture_db_teardown(&fx);
	free(t);
	return 0;
}

static void
test_rep_run(struct test_rep *t, const char *name, const char *project, const char *from,
    const char *to)
{
	struct db_report_filter f = { project, from, to };
	char *err = NULL;

	db_report_clear(&t->r);
	if (db_report_run(t->fx.db, name, &f, &t->r, &err) != DB_OK)
		fail_msg("report %s: %s", name, err);
}

/* The value in column col of the row keyed key (NULL: not stated) of the
 * table titled title; "" when the table has no such row. */
static const char *
test_rep_val(const struct test_rep *t, const char *title, const char *key, size_t col)
{
	const struct db_report_table *tb;
	size_t i, k;

	for (i = 0; i < t->r.ntables; i++) {
		tb = &t->r.tables[i];
		if (strcmp(tb->title, title) != 0)
			continue;
		for (k = 0; k < tb->nrows; k++)
			if (key == NULL ? tb->rows[k].key == NULL :
			    tb->rows[k].key != NULL && strcmp(tb->rows[k].key, key) == 0)
				return tb->rows[k].val[col] != NULL ? tb->rows[k].val[col] : "";
		return "";
	}
	fail_msg("no table %s", title);
	return NULL;
}

#define VAL(t, title, key) test_rep_val(t, title, key, 0)

/* A family of four is four returns; the period cuts at its first and last day. */
static void
test_rep_returns(void **state)
{
	struct test_rep *t = *state;

	test_rep_run(t, "returns", "P1", "2026-01-01", "2026-12-31");
	assert_string_equal(VAL(t, "Returns", "Persons returned"), "5");
	assert_string_equal(VAL(t, "Returns", "Cases (a family counts once)"), "2");
	assert_string_equal(VAL(t, "By country of return", "UA"), "4");
	assert_string_equal(VAL(t, "By country of return", "GE"), "1");
	assert_string_equal(VAL(t, "By country of return", "AM"), "");
	assert_string_equal(VAL(t, "By sex", "male"), "2");
	assert_string_equal(VAL(t, "By sex", "female"), "3");
	assert_string_equal(VAL(t, "By age group (age on the day of departure)", "0-17"), "2");
	assert_string_equal(VAL(t, "By age group (age on the day of departure)", "18-59"), "2");
	assert_string_equal(VAL(t, "By age group (age on the day of departure)", "60+"), "1");
	assert_string_equal(VAL(t, "By status in the country", "rejected"), "5");
	assert_string_equal(VAL(t, "By vulnerability (a person may have several)", "none"), "3");
	assert_string_equal(VAL(t, "By vulnerability (a person may have several)", "medical"),
	    "1");
	assert_string_equal(VAL(t, "By vulnerability (a person may have several)", "elderly"),
	    "1");
	assert_string_equal(VAL(t, "By month of departure", "2026-03"), "4");
	assert_string_equal(VAL(t, "By month of departure", "2026-12"), "1");
	/* the day after the period is the next one's; every project without --project */
	test_rep_run(t, "returns", "P1", "2027-01-01", "2027-12-31");
	assert_string_equal(VAL(t, "Returns", "Persons returned"), "1");
	test_rep_run(t, "returns", NULL, "2026-01-01", "2026-12-31");
	assert_string_equal(VAL(t, "Returns", "Persons returned"), "6");
	test_rep_run(t, "returns", "P1", "2026-03-16", "2026-12-30");
	assert_string_equal(VAL(t, "Returns", "Persons returned"), "0");
}

/* A scheme is a plan with an item paid in the period: not one of only unpaid items. */
static void
test_rep_reintegration(void **state)
{
	struct test_rep *t = *state;

	test_rep_run(t, "reintegration", "P1", "2026-01-01", "2026-12-31");
	assert_string_equal(VAL(t, "Reintegration", "Reintegration schemes implemented"), "1");
	assert_string_equal(VAL(t, "Reintegration", "Countries reached"), "1");
	assert_string_equal(VAL(t, "Reintegration",
	    "Schemes of persons who returned before the period"), "0");
	assert_string_equal(VAL(t, "Reintegration", "Budgeted for the items paid (EUR)"),
	    "500.00");
	assert_string_equal(VAL(t, "Reintegration", "Paid to providers (EUR)"), "500.00");
	assert_string_equal(VAL(t, "Schemes by country of return", "UA"), "1");
	assert_string_equal(VAL(t, "Schemes by country of return", "AM"), "");
	assert_string_equal(VAL(t, "By type of assistance", "material"), "1");
	assert_string_equal(test_rep_val(t, "By type of assistance", "material", 3), "500.00");
	assert_string_equal(VAL(t, "By type of assistance", "business"), "");
	assert_string_equal(VAL(t, "In kind and in cash", "Cases given a cash allowance"), "1");
	assert_string_equal(VAL(t, "In kind and in cash", "Cash allowances (EUR)"), "200.00");
	/* B returned in December 2026; its scheme, paid in January, is 2027's, apart */
	test_rep_run(t, "reintegration", "P1", "2027-01-01", "2027-12-31");
	assert_string_equal(VAL(t, "Reintegration", "Reintegration schemes implemented"), "1");
	assert_string_equal(VAL(t, "Reintegration",
	    "Schemes of persons who returned before the period"), "1");
	assert_string_equal(VAL(t, "Schemes by country of return", "GE"), "1");
	assert_string_equal(test_rep_val(t, "Schemes by country of return", "GE", 1), "1");
	test_rep_run(t, "reintegration", NULL, "2026-01-01", "2026-12-31");
	assert_string_equal(VAL(t, "Reintegration", "Reintegration schemes implemented"), "2");
	assert_string_equal(VAL(t, "Reintegration", "Countries reached"), "2");
}

/* Cash allowance or material, medical or accommodation help paid in the period. */
static void
test_rep_stabilisation(void **state)
{
	struct test_rep *t = *state;

	test_rep_run(t, "stabilisation", "P1", "2026-01-01", "2026-12-31");
	assert_string_equal(VAL(t, "Stabilisation support", "Cases given stabilisation support"),
	    "2");
	assert_string_equal(VAL(t, "Stabilisation support", "Cases given a cash allowance"), "1");
	assert_string_equal(VAL(t, "Stabilisation support", "Persons in those cases"), "5");
	assert_string_equal(VAL(t, "Help in kind by type", "material"), "1");
	/* the allowance on the first day counts; the day after the period does not */
	test_rep_run(t, "stabilisation", "P1", "2026-01-02", "2026-12-31");
	assert_string_equal(VAL(t, "Stabilisation support", "Cases given a cash allowance"), "0");
	/* education (B's, paid in 2027) is no stabilisation support */
	test_rep_run(t, "stabilisation", "P1", "2027-01-01", "2027-12-31");
	assert_string_equal(VAL(t, "Stabilisation support", "Cases given stabilisation support"),
	    "0");
}

static void
test_rep_hotline(void **state)
{
	struct test_rep *t = *state;

	test_rep_run(t, "hotline", NULL, "2026-01-01", "2026-12-31");
	assert_string_equal(VAL(t, "Hotline", "Calls"), "2");
	assert_string_equal(VAL(t, "Hotline", "Calls with an interpreter"), "1");
	assert_string_equal(VAL(t, "By month", "2026-05"), "1");
	assert_string_equal(VAL(t, "By topic (a call may have several)", "return"), "2");
	test_rep_run(t, "hotline", "P1", "2026-01-01", "2026-12-31");
	assert_string_equal(VAL(t, "Hotline", "Calls"), "1");
}

/* Visits, item states and the mean of each dimension's indicators. */
static void
test_rep_monitoring(void **state)
{
	struct test_rep *t = *state;
	const char *dim = "Sustainability by dimension (mean, 1-5)";

	test_rep_run(t, "monitoring", "P1", "2026-01-01", "2026-12-31");
	assert_string_equal(VAL(t, "Monitoring", "Monitoring visits and calls"), "1");
	assert_string_equal(VAL(t, "Monitoring", "Mean sustainability score (1-5)"), "3.10");
	assert_string_equal(VAL(t, dim, "Economic"), "4.00");
	assert_string_equal(VAL(t, dim, "Social"), "3.00");
	assert_string_equal(VAL(t, dim, "Psychosocial"), "2.00");
	assert_string_equal(VAL(t, "State of the plan items", "in_use"), "1");
	assert_string_equal(VAL(t, "By mode", "visit"), "1");
	/* a dimension as the record keeps it, not as its indicators say today */
	assert_int_equal(sqlite3_exec(t->fx.db->sql, "UPDATE monitoring SET eco_score = 4.5",
	    NULL, NULL, NULL), SQLITE_OK);
	test_rep_run(t, "monitoring", "P1", "2026-01-01", "2026-12-31");
	assert_string_equal(VAL(t, dim, "Economic"), "4.50");
	assert_string_equal(VAL(t, dim, "Social"), "3.00");
	test_rep_run(t, "monitoring", "P2", "2026-01-01", "2026-12-31");
	assert_string_equal(VAL(t, "Monitoring", "Monitoring visits and calls"), "0");
	assert_string_equal(VAL(t, dim, "Economic"), "");
}

/* Activities in the period, whatever the project. */
static void
test_rep_campaign(void **state)
{
	struct test_rep *t = *state;

	test_rep_run(t, "campaign", "P1", "2026-01-01", "2026-12-31");
	assert_string_equal(VAL(t, "Information campaign", "Activities"), "1");
	assert_string_equal(VAL(t, "Information campaign", "Participants"), "20");
	assert_string_equal(VAL(t, "Information campaign", "Copies distributed"), "100");
	assert_string_equal(VAL(t, "By place", "humenne"), "1");
	assert_string_equal(VAL(t, "By material distributed (an activity may have several)",
	    "poster"), "1");
	test_rep_run(t, "campaign", NULL, "2026-01-01", "2027-12-31");
	assert_string_equal(VAL(t, "Information campaign", "Participants"), "40");
}

/* The donor summary's sentence numbers, and every report runs on the real forms. */
static void
test_rep_donor(void **state)
{
	static const char *const names[] = { "donor", "returns", "reintegration",
	    "stabilisation", "counselling", "monitoring", "hotline", "campaign" };
	struct test_rep *t = *state;
	struct db_report_filter f = { "P1", "2026-01-01", "2026-12-31" };
	struct db_report_headline h;
	char *err = NULL;
	size_t i;

	if (db_report_headline(t->fx.db, &f, &h, &err) != DB_OK)
		fail_msg("headline: %s", err);
	assert_int_equal(h.schemes, 1);
	assert_int_equal(h.countries, 1);
	assert_int_equal(h.persons, 5);
	assert_int_equal(h.cases, 2);
	assert_int_equal(h.stabilised, 2);
	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		test_rep_run(t, names[i], NULL, "2026-01-01", "2026-12-31");
		assert_true(t->r.ntables > 0);
	}
	db_report_clear(&t->r);
	assert_int_equal(db_report_run(t->fx.db, "nothing", &f, &t->r, &err), DB_NOTFOUND);
}

/* A report's working tables are its run's own: none is left after it, the
 * next run (another project) counts afresh, and a stored value with a quote,
 * a backslash and two blanks is counted as the codes it holds. */
static void
test_rep_working_tables(void **state)
{
	struct test_rep *t = *state;
	sqlite3 *raw = t->fx.db->sql;

	test_rep_run(t, "returns", "P1", "2026-01-01", "2026-12-31");
	assert_string_equal(VAL(t, "Returns", "Persons returned"), "5");
	assert_int_equal(fixture_count(raw, "SELECT count(*) FROM sqlite_temp_master"), 0);
	test_rep_run(t, "returns", "P2", "2026-01-01", "2026-12-31");
	assert_string_equal(VAL(t, "Returns", "Persons returned"), "1");
	assert_string_equal(VAL(t, "By country of return", "MD"), "1");
	assert_int_equal(sqlite3_exec(raw, "UPDATE registration SET vulnerabilities ="
	    " 'a\"b\\  none' WHERE project = 'P2'", NULL, NULL, NULL), SQLITE_OK);
	test_rep_run(t, "returns", "P2", "2026-01-01", "2026-12-31");
	assert_string_equal(VAL(t, "By vulnerability (a person may have several)", "a\"b\\"),
	    "1");
	assert_string_equal(VAL(t, "By vulnerability (a person may have several)", "none"), "1");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_rep_returns, test_rep_setup,
		    test_rep_teardown),
		cmocka_unit_test_setup_teardown(test_rep_reintegration, test_rep_setup,
		    test_rep_teardown),
		cmocka_unit_test_setup_teardown(test_rep_stabilisation, test_rep_setup,
		    test_rep_teardown),
		cmocka_unit_test_setup_teardown(test_rep_hotline, test_rep_setup,
		    test_rep_teardown),
		cmocka_unit_test_setup_teardown(test_rep_monitoring, test_rep_setup,
		    test_rep_teardown),
		cmocka_unit_test_setup_teardown(test_rep_campaign, test_rep_setup,
		    test_rep_teardown),
		cmocka_unit_test_setup_teardown(test_rep_donor, test_rep_setup,
		    test_rep_teardown),
		cmocka_unit_test_setup_teardown(test_rep_working_tables, test_rep_setup,
		    test_rep_teardown),
	};

	return cmocka_run_group_tests_name("db/report", tests, NULL, NULL);
}
