/*
 * db/expr: compile errors as check-forms shows them, helper values, and
 * db_expr_apply (defaults, calculations, relevance clearing values).
 */
#include "db_fixture.h"

#include "db/expr.h"

static struct form_set *
test_expr_errors(struct db_expr *x, const char *text)
{
	struct form_set *set = fixture_forms("t.form", text);

	db_expr_check_set(x, set);
	return set;
}

static void
test_expr_compile_errors(void **state)
{
	static const char text[] =
	    "form t\n  title \"T\"\n"
	    "field a\n  type yesno\n"
	    "field b\n  type text\n  relevant :a = 'yes' and :y > 1\n"
	    "field c\n  type integer\n  constraint :c > (\n"
	    "field d\n  type integer\n  constraint :d < (select count(*) from sqlite_master)\n"
	    "field e\n  type integer\n  constraint :e < (select count(*) from cases)\n"
	    "field f\n  type text\n  default 1); DROP TABLE x; --\n"
	    "field g\n  type calculated\n  calc :a || :b\n";
	struct db_expr *x = db_expr_new();
	struct form_set *set = test_expr_errors(x, text);
	size_t i;

	(void)state;
	for (i = 0; i < set->nerrors; i++)
		printf("# %s\n", set->errors[i]);
	assert_int_equal(set->nerrors, 5);
	assert_string_equal(set->errors[0],
	    "t.form:5: field 'b': relevant: unknown field ':y'");
	assert_non_null(strstr(set->errors[1], "t.form:8: field 'c': constraint: "));
	assert_string_equal(set->errors[2],
	    "t.form:11: field 'd': constraint: expressions cannot read tables");
	assert_string_equal(set->errors[3],
	    "t.form:14: field 'e': constraint: expressions cannot read tables");
	assert_non_null(strstr(set->errors[4], "t.form:17: field 'f': default: "));
	form_set_free(set);
	db_expr_free(x);
}

static void
test_expr_values(void **state)
{
	struct form_set *set = fixture_forms("reg.form", fixture_reg_form);
	struct form_record *rec = form_record_new(set->forms[0]);
	struct db_expr *x = db_expr_new();
	char *v = NULL, *err = NULL;

	(void)state;
	setenv("AVRR_TODAY", "2026-11-22", 1);
	fixture_set(rec, "born", "2008-11-23");
	fixture_set(rec, "vuln", "elderly minor");
	fixture_set(rec, "children", "3");
	assert_true(db_expr_eval(x, "age(:born)", rec, &v, &err));
	assert_string_equal(v, "17");
	xfree(&v);
	fixture_set(rec, "born", "2008-11-22");
	assert_true(db_expr_eval(x, "age(:born)", rec, &v, &err));
	assert_string_equal(v, "18");
	xfree(&v);
	assert_true(db_expr_eval(x, "today()", rec, &v, &err));
	assert_string_equal(v, "2026-11-22");
	xfree(&v);
	assert_true(db_expr_eval(x, "now", rec, &v, &err));
	assert_true(strncmp(v, "2026-11-22 ", 11) == 0);
	xfree(&v);
	assert_true(db_expr_truth(x, "selected(:vuln, 'minor')", rec, false));
	assert_false(db_expr_truth(x, "selected(:vuln, 'min')", rec, true));
	assert_true(db_expr_eval(x, "count_selected(:vuln)", rec, &v, &err));
	assert_string_equal(v, "2");
	xfree(&v);
	assert_true(db_expr_truth(x, ":children > 2", rec, false));	/* an integer, not text */
	assert_true(db_expr_eval(x, ":interpreted", rec, &v, &err));
	assert_null(v);		/* empty is NULL */
	assert_true(db_expr_truth(x, ":interpreted = 'yes'", rec, true));	/* NULL: dflt */
	assert_false(db_expr_truth(x, "no such syntax (", rec, false));
	assert_false(db_expr_eval(x, "no such syntax (", rec, &v, &err));
	assert_non_null(err);
	free(err);
	unsetenv("AVRR_TODAY");
	form_record_free(rec);
	form_set_free(set);
	db_expr_free(x);
}

static void
test_expr_apply(void **state)
{
	struct form_set *set = fixture_forms("reg.form", fixture_reg_form);
	const struct form_def *def = set->forms[0];
	struct form_record *rec = form_record_new(def), *kid;
	struct db_expr *x = db_expr_new();
	bool *rel = xcalloc(def->nfields, sizeof *rel);
	size_t lang = fixture_field(def, "interpreter_language");

	(void)state;
	setenv("AVRR_TODAY", "2026-11-22", 1);
	fixture_set(rec, "born", "1990-05-17");
	fixture_set(rec, "interpreted", "yes");
	fixture_set(rec, "interpreter_language", "uk");
	fixture_set(rec, "vuln", "minor");
	kid = form_record_add_row(rec, fixture_field(def, "members"));
	fixture_set(kid, "born", "2015-01-01");
	db_expr_apply(x, rec, true, rel);
	assert_true(rel[lang]);
	assert_string_equal(fixture_get(rec, "interpreter_language"), "uk");
	assert_string_equal(fixture_get(rec, "age"), "36");
	assert_string_equal(fixture_get(rec, "minor"), "1");
	assert_string_equal(fixture_get(rec, "children"), "0");		/* default 0 */
	assert_string_equal(fixture_get(rec, "registered_on"), "2026-11-22"); /* today */
	assert_string_equal(fixture_get(kid, "adult"), "0");		/* per child row */

	/* No longer relevant: the value goes. Unanswered: not relevant either. */
	fixture_set(rec, "interpreted", "no");
	fixture_set(rec, "children", "4");
	db_expr_apply(x, rec, true, rel);
	assert_false(rel[lang]);
	assert_null(fixture_get(rec, "interpreter_language"));
	assert_string_equal(fixture_get(rec, "children"), "4");		/* kept */
	fixture_set(rec, "interpreted", NULL);
	db_expr_apply(x, rec, false, rel);
	assert_false(rel[lang]);
	fixture_set(rec, "born", NULL);
	db_expr_apply(x, rec, false, NULL);
	assert_null(fixture_get(rec, "age"));
	unsetenv("AVRR_TODAY");
	free(rel);
	form_record_free(rec);
	form_set_free(set);
	db_expr_free(x);
}

/* The same text in two forms binds each form's own fields (cache per text). */
static void
test_expr_cache_two_forms(void **state)
{
	struct form_set *set = form_set_new();
	struct form_record *ra, *rb;
	struct db_expr *x = db_expr_new();
	char *v = NULL;
	int i;

	(void)state;
	form_set_parse(set, "a.form", "form a\n  title \"A\"\nfield z\n  type text\n"
	    "field n\n  type integer\n");
	form_set_parse(set, "b.form", "form b\n  title \"B\"\nfield n\n  type integer\n");
	form_set_finish(set);
	assert_int_equal(set->nerrors, 0);
	ra = form_record_new(form_set_find(set, "a"));
	rb = form_record_new(form_set_find(set, "b"));
	fixture_set(ra, "n", "1");
	fixture_set(rb, "n", "2");
	for (i = 0; i < 3; i++) {
		assert_true(db_expr_eval(x, ":n * 10", ra, &v, NULL));
		assert_string_equal(v, "10");
		xfree(&v);
		assert_true(db_expr_eval(x, ":n * 10", rb, &v, NULL));
		assert_string_equal(v, "20");
		xfree(&v);
	}
	form_record_free(ra);
	form_record_free(rb);
	form_set_free(set);
	db_expr_free(x);
}

/* A household form: groups with relevance, a repeat counted by a field, its
 * rows reading the form's fields, and sums and counts over the rows. */
static const char lang_form[] =
    "form h\n  title \"H\"\n"
    "field consent\n  type yesno\n"
    "field size\n  type integer\n"
    "field arrived\n  type date\n  min :born\n"
    "field born\n  type date\n"
    "group \"Household\"\n  relevant :size > 0\n"
    "group \"Inner\"\n  relevant :consent = 'yes'\n"
    "field note\n  type text\n"
    "end\n"
    "repeat members\n  count :size\n"
    "field name\n  type text\n"
    "field income\n  type decimal\n"
    "field share\n  type yesno\n  relevant :consent = 'yes'\n"
    "end\n"
    "field total\n  type calculated\n  calc sum(:members.income)\n"
    "field named\n  type calculated\n  calc count(:members.name)\n"
    "field rows\n  type calculated\n  calc count(:members)\n"
    "field most\n  type calculated\n  calc max(:members.income)\n"
    "field first\n  type calculated\n  calc min(:members.name)\n"
    "end\n";

/* sum, count, min and max read the rows; quoted text is never rewritten. */
static void
test_expr_aggregates(void **state)
{
	struct form_set *set = fixture_forms("h.form", lang_form);
	const struct form_def *def = set->forms[0];
	struct form_record *rec = form_record_new(def), *a, *b;
	struct db_expr *x = db_expr_new();
	size_t members = fixture_field(def, "members");
	char *v = NULL, *err = NULL;

	(void)state;
	fixture_set(rec, "size", "2");
	a = form_record_add_row(rec, members);
	b = form_record_add_row(rec, members);
	fixture_set(a, "name", "Oleh");
	fixture_set(a, "income", "250.5");
	fixture_set(b, "income", "100");
	db_expr_apply(x, rec, false, NULL);
	assert_string_equal(fixture_get(rec, "total"), "350.5");
	assert_string_equal(fixture_get(rec, "named"), "1");
	assert_string_equal(fixture_get(rec, "rows"), "2");
	assert_string_equal(fixture_get(rec, "most"), "250.5");	/* as numbers, not text */
	assert_string_equal(fixture_get(rec, "first"), "Oleh");
	assert_true(db_expr_eval(x, "'sum(:members.income)' || count(:size)", rec, &v, &err));
	assert_string_equal(v, "sum(:members.income)1");
	xfree(&v);
	fixture_set(b, "income", NULL);
	fixture_set(a, "income", NULL);
	db_expr_apply(x, rec, false, NULL);
	assert_string_equal(fixture_get(rec, "total"), "0");		/* no values: 0 */
	assert_null(fixture_get(rec, "most"));				/* and no max */
	form_record_free(rec);
	form_set_free(set);
	db_expr_free(x);
}

/* A row reads its form's fields; a group's relevance covers its fields; a
 * counted repeat gets its rows. */
static void
test_expr_groups_and_rows(void **state)
{
	struct form_set *set = fixture_forms("h.form", lang_form);
	const struct form_def *def = set->forms[0];
	struct form_record *rec = form_record_new(def), *row;
	struct db_expr *x = db_expr_new();
	size_t members = fixture_field(def, "members"), note = fixture_field(def, "note");
	size_t total = fixture_field(def, "total");
	bool *rel = xcalloc(def->nfields, sizeof *rel), rrel[3];

	(void)state;
	fixture_set(rec, "note", "kept?");
	db_expr_apply(x, rec, false, rel);
	assert_false(rel[note]);		/* size unanswered: the group is not relevant */
	assert_false(rel[total]);
	assert_null(fixture_get(rec, "note"));
	fixture_set(rec, "size", "3");
	fixture_set(rec, "consent", "no");
	db_expr_apply(x, rec, false, rel);
	assert_true(rel[total]);
	assert_false(rel[note]);		/* the inner group: consent is no */
	assert_int_equal(rec->kids[members].n, 3);	/* count :size */
	row = rec->kids[members].rows[0];
	assert_ptr_equal(row->up, rec);
	db_expr_apply(x, row, false, rrel);
	assert_false(rrel[2]);			/* share: the form's consent is no */
	fixture_set(rec, "consent", "yes");
	db_expr_apply(x, row, false, rrel);
	assert_true(rrel[2]);
	fixture_set(rec, "size", "1");		/* fewer: what was typed is kept */
	db_expr_apply(x, rec, false, rel);
	assert_int_equal(rec->kids[members].n, 3);
	fixture_set(rec, "size", "100000");
	db_expr_apply(x, rec, false, rel);
	assert_int_equal(rec->kids[members].n, 200);	/* at most 200 */
	free(rel);
	form_record_free(rec);
	form_set_free(set);
	db_expr_free(x);
}

/* The record check: a bound from another field, a repeat with too few or too
 * many rows for its count. */
static void
test_expr_check_bounds(void **state)
{
	struct form_set *set = fixture_forms("h.form", lang_form);
	const struct form_def *def = set->forms[0];
	struct form_record *rec = form_record_new(def);
	struct db_expr *x = db_expr_new();
	struct form_logic logic = db_expr_logic(x);
	struct form_problems out = { 0 };
	size_t members = fixture_field(def, "members");

	(void)state;
	fixture_set(rec, "born", "1990-02-01");
	fixture_set(rec, "arrived", "1980-01-01");
	fixture_set(rec, "size", "2");
	form_record_add_row(rec, members);
	form_record_add_row(rec, members);
	form_record_add_row(rec, members);
	assert_int_equal(form_check_record(set, &logic, rec, &out), 2);
	assert_int_equal(out.items[0].kind, FORM_PROBLEM_TYPE);
	assert_string_equal(out.items[0].msg,
	    "'1980-01-01' is before the earliest allowed date 1990-02-01");
	assert_int_equal(out.items[1].kind, FORM_PROBLEM_ROWS);
	assert_string_equal(out.items[1].msg, "members: 2 rows are needed, not 3");
	form_check_clear(&out);
	fixture_set(rec, "arrived", "2020-03-01");
	form_record_del_row(rec, members, 2);
	assert_int_equal(form_check_record(set, &logic, rec, &out), 0);
	logic.value = NULL;		/* no way to evaluate: not checked */
	fixture_set(rec, "arrived", "1980-01-01");
	assert_int_equal(form_check_record(set, &logic, rec, &out), 0);
	form_check_clear(&out);
	form_record_free(rec);
	form_set_free(set);
	db_expr_free(x);
}

/* check-forms: expressions of groups, bounds and counts, and aggregates. */
static void
test_expr_lang_errors(void **state)
{
	static const char text[] =
	    "form t\n  title \"T\"\n"
	    "field a\n  type integer\n"
	    "group \"G\"\n  relevant :nosuch = 1\n"
	    "field b\n  type date\n  min :nodate\n  max today()\n"
	    "end\n"
	    "repeat r\n  count :a + :zz\n"
	    "field c\n  type integer\n  relevant :a > 0 and :b is not null\n"
	    "end\n"
	    "field d\n  type calculated\n  calc :r.c + 1\n"
	    "field e\n  type calculated\n  calc sum(:a.c)\n"
	    "field f\n  type calculated\n  calc sum(:r.nothing)\n"
	    "field g\n  type calculated\n  calc sum(:r.c) + count(:r)\n";
	struct db_expr *x = db_expr_new();
	struct form_set *set = test_expr_errors(x, text);
	size_t i;

	(void)state;
	for (i = 0; i < set->nerrors; i++)
		printf("# %s\n", set->errors[i]);
	assert_int_equal(set->nerrors, 6);
	assert_string_equal(set->errors[0], "t.form:5: group \"G\": relevant: unknown field ':nosuch'");
	assert_string_equal(set->errors[1], "t.form:7: field 'b': min: unknown field ':nodate'");
	assert_string_equal(set->errors[2], "t.form:12: field 'r': count: unknown field ':zz'");
	assert_string_equal(set->errors[3], "t.form:18: field 'd': calc: "
	    "':r.c' is read only inside sum(), count(), min() or max()");
	assert_string_equal(set->errors[4], "t.form:21: field 'e': calc: ':a' is no repeat group");
	assert_string_equal(set->errors[5],
	    "t.form:24: field 'f': calc: unknown field ':r.nothing'");
	form_set_free(set);
	db_expr_free(x);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_expr_compile_errors),
		cmocka_unit_test(test_expr_values),
		cmocka_unit_test(test_expr_apply),
		cmocka_unit_test(test_expr_cache_two_forms),
		cmocka_unit_test(test_expr_aggregates),
		cmocka_unit_test(test_expr_groups_and_rows),
		cmocka_unit_test(test_expr_lang_errors),
		cmocka_unit_test(test_expr_check_bounds),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
