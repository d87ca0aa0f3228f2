/*
 * form/check: every problem of a whole record with its field, as a command
 * with no screen (an import) gets them, with the real expression logic
 * (db/expr): on a form made for the test and on the real forms/ folder.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "db/expr.h"
#include "form/check.h"
#include "util/mem.h"

struct t {
	struct form_set		*set;
	struct db_expr		*expr;
	struct form_logic	 logic;
	struct form_problems	 ps;
	const struct form_def	*top;	/* of the record checked last */
};

static const char form_text[] =
    "form t\n"
    "  title \"T\"\n"
    "field name\n  type text\n  label \"Name\"\n  required\n"
    "field age\n  type integer\n  label \"Age\"\n  min 0\n  max 120\n"
    "field asked\n  type yesno\n  label \"Asked\"\n"
    "field why\n  type text\n  label \"Why\"\n  relevant :asked = 'yes'\n  required\n"
    "field mail\n  type text\n  label \"Mail\"\n  constraint :mail LIKE '%@%'\n"
    "  message \"This does not look like an email address.\"\n"
    "field code\n  type text\n  constraint length(:code) = 3\n"
    "field grant\n  type money\n  label \"Grant\"\n"
    "field remark\n  type note\n  label \"Read this\"\n"
    "repeat kids\n  label \"Children\"\n  min 1\n  max 2\n"
    "field kid\n  type text\n  label \"Child's name\"\n  required\n"
    "field born\n  type date\n  label \"Born\"\n"
    "end\n";

static struct t *
t_new(struct form_set *set)
{
	struct t *t = xcalloc(1, sizeof *t);

	t->set = set;
	t->expr = db_expr_new();
	t->logic = db_expr_logic(t->expr);
	return t;
}

static int
setup(void **state)
{
	struct form_set *set = form_set_new();

	setenv("AVRR_TODAY", "2026-06-15", 1);
	form_set_parse(set, "t.form", form_text);
	form_set_finish(set);
	if (set->nerrors > 0)
		fail_msg("%s", set->errors[0]);
	*state = t_new(set);
	return 0;
}

static int
setup_real(void **state)
{
	const char *dir = getenv("AVRR_FORMS");
	struct form_set *set;

	setenv("AVRR_TODAY", "2026-06-15", 1);
	set = form_set_load_dir(dir != NULL ? dir : "forms");
	if (set->nerrors > 0)
		fail_msg("%s", set->errors[0]);
	*state = t_new(set);
	return 0;
}

static int
teardown(void **state)
{
	struct t *t = *state;

	form_check_clear(&t->ps);
	db_expr_free(t->expr);
	form_set_free(t->set);
	free(t);
	unsetenv("AVRR_TODAY");
	return 0;
}

static size_t
idx(const struct form_def *def, const char *name)
{
	int i = form_field_index(def, name);

	if (i < 0)
		fail_msg("%s has no field %s", def->name, name);
	return (size_t)i;
}

static void
set(struct form_record *rec, const char *name, const char *val)
{
	form_record_set(rec, idx(rec->def, name), val);
}

static void
set_cur(struct form_record *rec, const char *name, const char *cur)
{
	size_t i = idx(rec->def, name);

	form_record_set_part(rec, i, 1, cur);
}

static struct form_record *
row(struct form_record *rec, const char *repeat)
{
	return form_record_add_row(rec, idx(rec->def, repeat));
}

/* A record of the test form with no problem. */
static struct form_record *
good(struct t *t)
{
	struct form_record *rec = form_record_new(t->set->forms[0]);

	set(rec, "name", "Ana");
	set(rec, "age", "30");
	set(rec, "mail", "ana@example.org");
	set(rec, "code", "abc");
	set(rec, "grant", "100.00");
	set_cur(rec, "grant", "EUR");
	set(row(rec, "kids"), "kid", "Ivo");
	return rec;
}

static size_t
check(struct t *t, const struct form_record *rec)
{
	form_check_clear(&t->ps);
	t->top = rec->def;
	return form_check_record(t->set, &t->logic, rec, &t->ps);
}

/* Problem k is of kind at field (of the checked record) with message msg;
 * in a row when row_at is not NULL (the field at fault in row `row`). */
static void
is(struct t *t, size_t k, enum form_problem_kind kind, const char *field,
    const char *row_at, size_t r, const char *msg)
{
	const struct form_problem *p;
	const struct form_def *top = t->top;

	if (k >= t->ps.n)
		fail_msg("problem %zu of %zu: none", k, t->ps.n);
	p = &t->ps.items[k];
	if (strcmp(p->msg, msg) != 0)
		fail_msg("problem %zu: '%s', not '%s'", k, p->msg, msg);
	assert_int_equal(p->kind, kind);
	assert_int_equal(p->field, idx(p->depth > 0 ? top : p->def, field));
	if (row_at == NULL) {
		assert_int_equal(p->depth, 0);
		assert_int_equal(p->at, p->field);
		return;
	}
	assert_int_equal(p->depth, 1);
	assert_int_equal(p->path[0].field, p->field);
	assert_int_equal(p->path[0].row, r);
	assert_ptr_equal(p->def, top->fields[p->field].group);
	assert_int_equal(p->at, idx(p->def, row_at));
}

/* A required field may say in its own words what is missing; a message
 * with neither a rule nor required is refused by the parser. */
static void
test_check_required_message(void **state)
{
	struct t *t = *state;
	struct form_set *set = form_set_new();
	struct form_record *rec;

	form_set_parse(set, "r.form", "form r\n  title \"R\"\nfield id_no\n  type text\n"
	    "  required\n  message \"Ask for the number on the back of the card\"\n"
	    "field other\n  type text\n  required\n");
	assert_int_equal(set->nerrors, 0);
	rec = form_record_new(set->forms[0]);
	form_check_clear(&t->ps);
	assert_int_equal(form_check_record(set, &t->logic, rec, &t->ps), 2);
	assert_string_equal(t->ps.items[0].msg, "Ask for the number on the back of the card");
	assert_string_equal(t->ps.items[1].msg, "other is required");
	form_check_clear(&t->ps);
	form_record_free(rec);
	form_set_free(set);
	set = form_set_new();
	form_set_parse(set, "s.form", "form s\n  title \"S\"\nfield a\n  type text\n"
	    "  message \"Said of nothing\"\n");
	assert_int_equal(set->nerrors, 1);
	assert_string_equal(set->errors[0], "s.form:5: 'message' without 'constraint' or 'required'");
	form_set_free(set);
}

static void
test_check_good(void **state)
{
	struct t *t = *state;
	struct form_record *rec = good(t);

	assert_int_equal(check(t, rec), 0);
	assert_int_equal(t->ps.n, 0);
	form_record_free(rec);
}

/* One record with a problem of every kind: all of them, in field order. */
static void
test_check_every_problem(void **state)
{
	struct t *t = *state;
	struct form_record *rec = good(t), *r;

	set(rec, "name", NULL);
	set(rec, "age", "abc");
	set(rec, "asked", "yes");
	set(rec, "mail", "ana");
	set(rec, "code", "ab");
	set_cur(rec, "grant", NULL);
	r = row(rec, "kids");
	set(r, "born", "31.02.2020");
	row(rec, "kids");
	assert_int_equal(check(t, rec), 10);
	is(t, 0, FORM_PROBLEM_REQUIRED, "name", NULL, 0, "Name is required");
	is(t, 1, FORM_PROBLEM_TYPE, "age", NULL, 0, "'abc' is not a whole number");
	is(t, 2, FORM_PROBLEM_REQUIRED, "why", NULL, 0, "Why is required");
	is(t, 3, FORM_PROBLEM_CONSTRAINT, "mail", NULL, 0,
	    "This does not look like an email address.");
	is(t, 4, FORM_PROBLEM_CONSTRAINT, "code", NULL, 0,
	    "code does not meet the rule length(:code) = 3");
	is(t, 5, FORM_PROBLEM_CURRENCY, "grant", NULL, 0,
	    "Grant: choose the currency (type its letters)");
	is(t, 6, FORM_PROBLEM_ROWS, "kids", NULL, 0, "Children: at most 2 rows are allowed");
	is(t, 7, FORM_PROBLEM_REQUIRED, "kids", "kid", 1, "Row 2: Child's name is required");
	assert_int_equal(t->ps.items[8].kind, FORM_PROBLEM_TYPE);
	assert_int_equal(t->ps.items[8].path[0].row, 1);
	assert_int_equal(t->ps.items[8].at, idx(t->ps.items[8].def, "born"));
	assert_non_null(strstr(t->ps.items[8].msg, "Row 2: "));
	is(t, 9, FORM_PROBLEM_REQUIRED, "kids", "kid", 2, "Row 3: Child's name is required");
	form_record_free(rec);
}

/* A hidden field is not checked (required or not, whatever it holds), and
 * the record checked is left as it was. */
static void
test_check_relevance(void **state)
{
	struct t *t = *state;
	struct form_record *rec = good(t);

	set(rec, "why", "x");
	set(rec, "asked", "no");
	assert_int_equal(check(t, rec), 0);
	assert_string_equal(rec->vals[idx(rec->def, "why")], "x");
	set(rec, "why", NULL);
	set(rec, "asked", NULL);
	assert_int_equal(check(t, rec), 0);
	set(rec, "asked", "yes");
	assert_int_equal(check(t, rec), 1);
	is(t, 0, FORM_PROBLEM_REQUIRED, "why", NULL, 0, "Why is required");
	form_record_free(rec);
}

/* Too few rows; the rows of a bad count are checked too. */
static void
test_check_row_bounds(void **state)
{
	struct t *t = *state;
	struct form_record *rec = good(t);

	form_record_del_row(rec, idx(rec->def, "kids"), 0);
	assert_int_equal(check(t, rec), 1);
	is(t, 0, FORM_PROBLEM_ROWS, "kids", NULL, 0, "Children: at least 1 rows are needed");
	set(row(rec, "kids"), "born", "2026-13-01");
	set(row(rec, "kids"), "kid", "Eva");
	set(row(rec, "kids"), "kid", "Max");
	assert_int_equal(check(t, rec), 3);
	is(t, 0, FORM_PROBLEM_ROWS, "kids", NULL, 0, "Children: at most 2 rows are allowed");
	is(t, 1, FORM_PROBLEM_REQUIRED, "kids", "kid", 0, "Row 1: Child's name is required");
	assert_int_equal(t->ps.items[2].kind, FORM_PROBLEM_TYPE);
	assert_int_equal(t->ps.items[2].path[0].row, 0);
	form_record_free(rec);
}

/* A money amount needs a currency that is one; a bad amount is a type problem. */
static void
test_check_money(void **state)
{
	struct t *t = *state;
	struct form_record *rec = good(t);

	set_cur(rec, "grant", "eur");
	assert_int_equal(check(t, rec), 1);
	is(t, 0, FORM_PROBLEM_CURRENCY, "grant", NULL, 0,
	    "'eur' is not a currency code (e.g. EUR, USD)");
	set_cur(rec, "grant", "EUR");
	set(rec, "grant", "12 EUR");
	assert_int_equal(check(t, rec), 1);
	is(t, 0, FORM_PROBLEM_TYPE, "grant", NULL, 0, "'12 EUR' is not a number");
	set(rec, "grant", NULL);
	set_cur(rec, "grant", NULL);
	assert_int_equal(check(t, rec), 0);	/* no amount, no currency needed */
	form_record_free(rec);
}

/* A registration of the real forms with many problems, as an import would
 * read it: every one comes back with its field. */
static void
test_check_real_registration(void **state)
{
	struct t *t = *state;
	const struct form_def *def = form_set_find(t->set, "registration");
	struct form_record *rec, *r;
	size_t fam, k;

	assert_non_null(def);
	rec = form_record_new(def);
	set(rec, "given_names", "Nino");
	set(rec, "dob", "2027-01-01");		/* after today */
	set(rec, "interpreter", "no");		/* interpreter_language hidden */
	set(rec, "email", "nino at example");
	r = row(rec, "family");
	set(r, "surname", "Beridze");
	fam = idx(def, "family");
	assert_true(check(t, rec) >= 8);
	is(t, 0, FORM_PROBLEM_REQUIRED, "surname", NULL, 0, "Surname (as in passport) is required");
	assert_int_equal(t->ps.items[1].field, idx(def, "sex"));
	assert_int_equal(t->ps.items[2].kind, FORM_PROBLEM_TYPE);
	assert_int_equal(t->ps.items[2].field, idx(def, "dob"));
	for (k = 0; k < t->ps.n; k++) {
		const struct form_problem *p = &t->ps.items[k];

		assert_int_not_equal(p->field, idx(def, "interpreter_language"));
		if (p->field == idx(def, "email"))
			assert_string_equal(p->msg, "This does not look like an email address.");
	}
	is(t, t->ps.n - 1, FORM_PROBLEM_REQUIRED, "family", "nationality", 0,
	    "Row 1: Nationality is required");
	k = t->ps.n;
	while (k > 0 && t->ps.items[k - 1].field == fam)
		k--;
	is(t, k, FORM_PROBLEM_REQUIRED, "family", "given_names", 0,
	    "Row 1: Given names (as in passport) is required");
	form_record_free(rec);
}

/* A plan whose grant and one item's budget have no currency. */
static void
test_check_real_plan_money(void **state)
{
	struct t *t = *state;
	const struct form_def *def = form_set_find(t->set, "plan");
	struct form_record *rec, *r;
	size_t k, n = 0;

	assert_non_null(def);
	rec = form_record_new(def);
	set(rec, "grant", "1500");
	r = row(rec, "items");
	set(r, "budget", "900");
	check(t, rec);
	for (k = 0; k < t->ps.n; k++) {
		const struct form_problem *p = &t->ps.items[k];

		if (p->kind != FORM_PROBLEM_CURRENCY)
			continue;
		assert_int_equal(p->at, idx(p->def, n == 0 ? "grant" : "budget"));
		assert_int_equal(p->depth, n);
		n++;
	}
	assert_int_equal(n, 2);
	form_record_free(rec);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_check_good, setup, teardown),
		cmocka_unit_test_setup_teardown(test_check_required_message, setup, teardown),
		cmocka_unit_test_setup_teardown(test_check_every_problem, setup, teardown),
		cmocka_unit_test_setup_teardown(test_check_relevance, setup, teardown),
		cmocka_unit_test_setup_teardown(test_check_row_bounds, setup, teardown),
		cmocka_unit_test_setup_teardown(test_check_money, setup, teardown),
		cmocka_unit_test_setup_teardown(test_check_real_registration, setup_real,
		    teardown),
		cmocka_unit_test_setup_teardown(test_check_real_plan_money, setup_real,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
