/*
 * db/expr_fn: the XLSForm functions through db_expr_eval() on a small form
 * whose fields are bound as parameters (NULL handling, number and date
 * readings, regex errors and its cache), and check-forms taking them.
 */
#include "db_fixture.h"

#include "db/expr.h"

static const char test_fn_form[] =
    "form t\n  title \"T\"\n"
    "field first\n  type text\n"
    "field last\n  type text\n"
    "field name\n  type text\n"
    "field none\n  type text\n"
    "field phone\n  type phone\n"
    "field n\n  type integer\n"
    "field val\n  type decimal\n"
    "field codes\n  type text\n"
    "field born\n  type date\n"
    "field visit\n  type datetime\n"
    "field full\n  type calculated\n  calc concat(:first, ' ', :last)\n";

struct test_fn {
	struct form_set		*set;
	struct form_record	*rec;
	struct db_expr		*x;
};

/* An expression and the text it must give (NULL: SQL NULL). */
struct test_fn_case {
	const char	*expr;
	const char	*want;
};

static int
test_fn_setup(void **state)
{
	struct test_fn *t = xcalloc(1, sizeof *t);

	t->set = fixture_forms("t.form", test_fn_form);
	t->rec = form_record_new(t->set->forms[0]);
	t->x = db_expr_new();
	fixture_set(t->rec, "first", "Jana");
	fixture_set(t->rec, "last", "Nováková");
	fixture_set(t->rec, "name", "Čečenská");
	fixture_set(t->rec, "phone", "+421 905 123 456");
	fixture_set(t->rec, "n", "42");
	fixture_set(t->rec, "val", "-2.5");
	fixture_set(t->rec, "codes", "  a bb  ccc ");
	fixture_set(t->rec, "born", "2026-03-05");
	fixture_set(t->rec, "visit", "2026-03-05 09:07");
	*state = t;
	return 0;
}

static int
test_fn_teardown(void **state)
{
	struct test_fn *t = *state;

	db_expr_free(t->x);
	form_record_free(t->rec);
	form_set_free(t->set);
	free(t);
	return 0;
}

static void
test_fn_is(struct test_fn *t, const char *expr, const char *want)
{
	char *v = NULL, *err = NULL;

	if (!db_expr_eval(t->x, expr, t->rec, &v, &err))
		fail_msg("%s: error %s", expr, err);
	if (want == NULL ? v != NULL : v == NULL || strcmp(v, want) != 0)
		fail_msg("%s: '%s', not '%s'", expr, v != NULL ? v : "NULL",
		    want != NULL ? want : "NULL");
	free(v);
}

static void
test_fn_cases(struct test_fn *t, const struct test_fn_case *c, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		test_fn_is(t, c[i].expr, c[i].want);
}

#define TEST_FN_CASES(t, c) test_fn_cases((t), (c), sizeof (c) / sizeof (c)[0])

static void
test_fn_text(void **state)
{
	static const struct test_fn_case c[] = {
		{ "concat(:first, ' ', :last)", "Jana Nováková" },
		{ "concat(:first, :none, '-', :n, '-', :val)", "Jana-42--2.5" },
		{ "concat(:none)", "" },
		{ "concat()", "" },
		{ "concat(0.5 + 1.5)", "2" },		/* a real as it shows: not 2.0 */
		{ "string(:n)", "42" },
		{ "typeof(string(:n))", "text" },
		{ "string(4.0)", "4" },
		{ "string(:none)", NULL },
		{ "string_length(:name)", "8" },	/* characters, not bytes */
		{ "length(CAST(:name AS BLOB))", "11" },
		{ "string_length('')", "0" },
		{ "string_length(:none)", NULL },
		{ "contains(:name, 'čen')", "1" },
		{ "contains(:name, 'Čen')", "0" },
		{ "contains(:name, '')", "1" },
		{ "contains(:none, 'a')", NULL },
		{ "contains(:name, :none)", NULL },
		{ "starts_with(:phone, '+421')", "1" },
		{ "starts_with(:phone, '421')", "0" },
		{ "starts_with(:none, '4')", NULL },
		{ "ends_with(:name, 'ská')", "1" },
		{ "ends_with(:name, 'Čečenská!')", "0" },
		{ "ends_with('a', 'ba')", "0" },
		{ "ends_with(:name, :none)", NULL },
	};

	TEST_FN_CASES(*state, c);
}

static void
test_fn_numbers(void **state)
{
	static const struct test_fn_case c[] = {
		{ "int(-3.7)", "-3" },
		{ "int(3.7)", "3" },
		{ "typeof(int(-3.7))", "integer" },
		{ "int(:val)", "-2" },
		{ "int(:n)", "42" },
		{ "int(' 12.9 ')", "12" },
		{ "int(9007199254740993)", "9007199254740993" },	/* exact */
		{ "int('abc')", NULL },
		{ "int(1e300)", NULL },
		{ "int(:none)", NULL },
		{ "number(' 12.5 ')", "12.5" },
		{ "typeof(number(:n))", "real" },
		{ "number(:n) / 8", "5.25" },		/* real division */
		{ "number('')", NULL },
		{ "number('12abc')", NULL },
		{ "number('0x10')", NULL },
		{ "number(:none)", NULL },
		{ "pow(2, 10)", "1024" },
		{ "typeof(pow(2, 10))", "real" },
		{ "pow(:val, 2)", "6.25" },
		{ "pow('9', 0.5)", "3" },
		{ "pow(-8, 0.5)", NULL },
		{ "pow(0, -1)", NULL },
		{ "pow(:none, 2)", NULL },
		{ "pow(2, 'x')", NULL },
		{ "boolean_from_string('true')", "1" },
		{ "boolean_from_string('1')", "1" },
		{ "boolean_from_string(1)", "1" },
		{ "boolean_from_string('TRUE')", "0" },
		{ "boolean_from_string('yes')", "0" },
		{ "boolean_from_string(:none)", "0" },
		{ "true()", "1" },
		{ "false()", "0" },
		{ "true() AND NOT false()", "1" },
		/* SQLite's own, not redefined */
		{ "coalesce(:none, :first)", "Jana" },
		{ "round(:val)", "-3" },
		{ "abs(:val)", "2.5" },
		{ "substr(:name, 2, 3)", "eče" },
		{ "max(:n, 50)", "50" },
	};

	TEST_FN_CASES(*state, c);
}

static void
test_fn_regex(void **state)
{
	static const struct test_fn_case c[] = {
		{ "regex(:phone, '^\\+?[0-9 ]{9,16}$')", "1" },
		{ "regex('0905-123', '^\\+?[0-9 ]{9,16}$')", "0" },
		{ "regex(:first, '^[A-Z][a-z]+$')", "1" },
		{ "regex('jana', '^[A-Z][a-z]+$')", "0" },
		{ "regex('abc123', '[0-9]')", "1" },		/* searched */
		{ "regex(:name, '^.{8}$')", "1" },		/* characters */
		{ "regex(:name, '^Č')", "1" },
		{ "regex(:n, '^[0-9]+$')", "1" },
		{ "regex(:val, '^-[0-9]+\\.5$')", "1" },
		{ "regex(:none, '^$')", NULL },
		{ "regex(:first, :none)", NULL },
	};
	struct test_fn *t = *state;
	char *v = NULL, *err = NULL, expr[64];
	int round, i;

	TEST_FN_CASES(t, c);
	assert_false(db_expr_eval(t->x, "regex(:first, 'a(')", t->rec, &v, &err));
	assert_null(v);
	assert_non_null(err);
	assert_non_null(strstr(err, "regex: the pattern 'a(' is not valid: "));
	xfree(&err);
	assert_true(db_expr_truth(t->x, "regex(:first, '[')", t->rec, true));	/* dflt */
	assert_false(db_expr_truth(t->x, "regex(:first, '[')", t->rec, false));
	/* More patterns than the cache keeps, twice: the evicted compile again. */
	for (round = 0; round < 2; round++)
		for (i = 1; i <= 40; i++) {
			snprintf(expr, sizeof expr, "regex('aaa', '^a{1,%d}$')", i);
			test_fn_is(t, expr, i >= 3 ? "1" : "0");
		}
}

static void
test_fn_selected_at(void **state)
{
	static const struct test_fn_case c[] = {
		{ "selected_at(:codes, 0)", "a" },
		{ "selected_at(:codes, 1)", "bb" },
		{ "selected_at(:codes, 2)", "ccc" },
		{ "selected_at(:codes, 3)", "" },	/* beyond: '', not NULL */
		{ "selected_at(:codes, 1000000)", "" },
		{ "selected_at(:codes, -1)", "" },
		{ "selected_at(:codes, '1')", "bb" },
		{ "selected_at(:codes, 'x')", NULL },
		{ "selected_at(:codes, :none)", NULL },
		{ "selected_at(:none, 0)", NULL },
		{ "selected_at('', 0)", "" },
	};

	TEST_FN_CASES(*state, c);
}

static void
test_fn_format_date(void **state)
{
	static const struct test_fn_case c[] = {
		{ "format_date(:born, '%e %b %Y')", "5 Mar 2026" },
		{ "format_date(:born, '%d.%m.%y')", "05.03.26" },
		{ "format_date(:born, '%n/%e, %a')", "3/5, Thu" },
		{ "format_date('2026-12-13', '%a %e %b')", "Sun 13 Dec" },
		{ "format_date(:born, '100% %q %')", "100% %q %" },	/* copied */
		{ "format_date(:visit, '%Y-%m-%d')", "2026-03-05" },
		{ "format_date_time(:visit, '%H:%M:%S, %h h')", "09:07:00, 9 h" },
		{ "format_date_time('2026-03-05 23:59:30', '%h:%M:%S')", "23:59:30" },
		{ "format_date_time(:born, '%H:%M')", "00:00" },
		{ "format_date(date(:born, '+1 month'), '%e %b')", "5 Apr" },
		{ "format_date('2026-02-29', '%Y')", NULL },	/* no such day */
		{ "format_date('5.3.2026', '%Y')", NULL },
		{ "format_date('2026-03-05 9:07', '%Y')", NULL },
		{ "format_date_time('2026-03-05 09:07:60', '%S')", NULL },
		{ "format_date_time('2026-03-05 24:00', '%H')", NULL },
		{ "format_date(:none, '%Y')", NULL },
		{ "format_date(:born, :none)", NULL },
		{ "format_date(:n, '%Y')", NULL },
	};

	TEST_FN_CASES(*state, c);
}

/* A calculated field that uses one follows its inputs in db_expr_apply(). */
static void
test_fn_apply(void **state)
{
	struct test_fn *t = *state;

	db_expr_apply(t->x, t->rec, false, NULL);
	assert_string_equal(fixture_get(t->rec, "full"), "Jana Nováková");
	fixture_set(t->rec, "first", NULL);
	db_expr_apply(t->x, t->rec, false, NULL);
	assert_string_equal(fixture_get(t->rec, "full"), " Nováková");
}

static struct form_set *
test_fn_check(struct db_expr *x, const char *text)
{
	struct form_set *set = fixture_forms("c.form", text);

	db_expr_check_set(x, set);
	return set;
}

/* check-forms takes every function (arity included) and still refuses an
 * unknown one, or a known one with the wrong number of arguments. */
static void
test_fn_check_forms(void **state)
{
	static const char ok[] =
	    "form c\n  title \"C\"\n"
	    "field phone\n  type phone\n"
	    "  constraint regex(:phone, '^\\+?[0-9 ]{9,16}$')\n"
	    "field name\n  type text\n"
	    "  constraint string_length(:name) <= 40 and not contains(:name, '@')\n"
	    "field codes\n  type select_many language\n"
	    "field first_code\n  type calculated\n  calc selected_at(:codes, 0)\n"
	    "field born\n  type date\n"
	    "field born_text\n  type calculated\n"
	    "  calc format_date(:born, '%e %b %Y') || format_date_time(:born, '%H')\n"
	    "field amount\n  type decimal\n"
	    "field rounded\n  type calculated\n"
	    "  calc int(number(:amount) * pow(10, 2)) + coalesce(round(:amount), 0)\n"
	    "field label\n  type calculated\n"
	    "  calc concat(string(:amount), :name, 'x')\n"
	    "field flag\n  type yesno\n"
	    "  relevant starts_with(:name, 'A') or ends_with(:name, 'z') or true()\n"
	    "  default boolean_from_string('true') and not false()\n";
	static const char bad[] =
	    "form c\n  title \"C\"\n"
	    "field a\n  type text\n"
	    "field b\n  type calculated\n  calc nosuch(:a)\n"
	    "field c\n  type calculated\n  calc contains(:a)\n";
	struct db_expr *x = db_expr_new();
	struct form_set *set = test_fn_check(x, ok);
	size_t i;

	(void)state;
	for (i = 0; i < set->nerrors; i++)
		printf("# %s\n", set->errors[i]);
	assert_int_equal(set->nerrors, 0);
	form_set_free(set);
	set = test_fn_check(x, bad);
	assert_int_equal(set->nerrors, 2);
	assert_string_equal(set->errors[0],
	    "c.form:5: field 'b': calc: no such function: nosuch");
	assert_string_equal(set->errors[1],
	    "c.form:8: field 'c': calc: wrong number of arguments to function contains()");
	form_set_free(set);
	db_expr_free(x);
}

#define TEST_FN(f) cmocka_unit_test_setup_teardown(f, test_fn_setup, test_fn_teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		TEST_FN(test_fn_text),
		TEST_FN(test_fn_numbers),
		TEST_FN(test_fn_regex),
		TEST_FN(test_fn_selected_at),
		TEST_FN(test_fn_format_date),
		TEST_FN(test_fn_apply),
		cmocka_unit_test(test_fn_check_forms),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
