/*
 * ui/ferr: a field's error made into text when it is drawn says what the
 * check that found it said, word for word, for every kind of problem
 * form/check finds (rows included) and for what a typed value gets; and
 * after a switch of the staff language it says it in the new language, as
 * the check itself would then.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "db/expr.h"
#include "form/check.h"
#include "i18n/i18n.h"
#include "ui/field.h"
#include "util/mem.h"
#include "util/tr.h"

/* Every kind of problem: required, type, currency, a constraint with and
 * without its message, a row count, and problems inside rows. */
static const char ferr_form[] =
    "form f\n"
    "  title \"F\"\n"
    "field name\n  type text\n  label \"Name\"\n  required\n"
    "field age\n  type integer\n  label \"Age\"\n  min 0\n  max 120\n"
    "field mail\n  type text\n  label \"Mail\"\n  constraint :mail LIKE '%@%'\n"
    "  message \"This does not look like an email address.\"\n"
    "field code\n  type text\n  label \"Code\"\n  constraint length(:code) = 3\n"
    "field grant\n  type money\n  label \"Grant\"\n"
    "repeat kids\n  label \"Children\"\n  max 2\n"
    "field kid\n  type text\n  label \"Child\"\n  required\n"
    "field born\n  type date\n  label \"Born\"\n"
    "end\n";

struct t {
	struct form_set		*set;
	struct db_expr		*expr;
	struct form_record	*rec;
};

static void
ferr_set(struct form_record *rec, const char *name, const char *v)
{
	int i = form_field_index(rec->def, name);

	assert_true(i >= 0);
	form_record_set(rec, (size_t)i, v);
}

static int
setup(void **state)
{
	const char *dir = getenv("AVRR_LOCALE");
	struct t *t = xcalloc(1, sizeof *t);
	struct form_record *row;
	char *err = NULL;
	int k, kids;

	setenv("AVRR_TODAY", "2026-06-15", 1);
	if (!i18n_init(dir != NULL ? dir : "build/locale", &err) || !i18n_set_staff("sk")) {
		free(err);
		fail_msg("no Slovak catalog in %s", dir != NULL ? dir : "build/locale");
	}
	util_set_tr(i18n_staff);	/* as main() does */
	i18n_set_staff("en");
	t->set = form_set_new();
	form_set_parse(t->set, "f.form", ferr_form);
	form_set_finish(t->set);
	if (t->set->nerrors > 0)
		fail_msg("%s", t->set->errors[0]);
	t->expr = db_expr_new();
	t->rec = form_record_new(form_set_find(t->set, "f"));
	ferr_set(t->rec, "age", "200");
	ferr_set(t->rec, "mail", "nobody");
	ferr_set(t->rec, "code", "ab");
	ferr_set(t->rec, "grant", "12");
	kids = form_field_index(t->rec->def, "kids");
	for (k = 0; k < 3; k++) {
		row = form_record_add_row(t->rec, (size_t)kids);
		ferr_set(row, "kid", k == 1 ? NULL : "Ema");
		ferr_set(row, "born", k == 2 ? "2026-13-40" : NULL);
	}
	*state = t;
	return 0;
}

static int
teardown(void **state)
{
	struct t *t = *state;

	form_record_free(t->rec);
	db_expr_free(t->expr);
	form_set_free(t->set);
	util_set_tr(NULL);
	i18n_shutdown();
	free(t);
	return 0;
}

static void
ferr_check(struct t *t, struct form_problems *ps)
{
	struct form_logic logic = db_expr_logic(t->expr);

	form_check_clear(ps);
	form_check_record(t->set, &logic, t->rec, ps);
}

/* Kept in English, drawn in English and then in Slovak: each time what the
 * check says in that language. */
static void
test_problems_as_the_check_says_them(void **state)
{
	struct t *t = *state;
	struct form_problems ps = { 0 }, now = { 0 };
	struct ui_ferr **e;
	size_t k, kinds = 0;
	char *text;

	ferr_check(t, &ps);
	assert_true(ps.n >= 8);
	e = xcalloc(ps.n, sizeof *e);
	for (k = 0; k < ps.n; k++) {
		e[k] = ui_ferr_problem(&ps.items[k]);
		kinds |= 1u << ps.items[k].kind;
		text = ui_ferr_text(e[k], t->set, t->rec, ps.items[k].field);
		assert_string_equal(text, ps.items[k].msg);
		free(text);
	}
	assert_int_equal(kinds, 0x1f);	/* all five kinds */
	assert_true(i18n_set_staff("sk"));
	ferr_check(t, &now);
	assert_int_equal(now.n, ps.n);
	for (k = 0; k < ps.n; k++) {
		text = ui_ferr_text(e[k], t->set, t->rec, ps.items[k].field);
		assert_string_equal(text, now.items[k].msg);
		assert_string_not_equal(text, ps.items[k].msg);
		free(text);
		ui_ferr_free(e[k]);
	}
	free(e);
	form_check_clear(&ps);
	form_check_clear(&now);
}

/* A typed value that does not fit, and one that breaks the constraint. */
static void
test_typed_in_the_language_of_the_moment(void **state)
{
	struct t *t = *state;
	int age = form_field_index(t->rec->def, "age");
	int code = form_field_index(t->rec->def, "code");
	struct ui_ferr *typed, *rule;
	char *text, *sk;

	typed = ui_field_commit(t->set, t->expr, t->rec, (size_t)age, "abc");
	rule = ui_field_commit(t->set, t->expr, t->rec, (size_t)code, "abcd");
	assert_non_null(typed);
	assert_non_null(rule);
	text = ui_ferr_text(typed, t->set, t->rec, (size_t)age);
	assert_string_equal(text, "'abc' is not a whole number");
	free(text);
	text = ui_ferr_text(rule, t->set, t->rec, (size_t)code);
	assert_string_equal(text, "The value does not meet the rule length(:code) = 3");
	free(text);
	assert_true(i18n_set_staff("sk"));
	text = ui_ferr_text(typed, t->set, t->rec, (size_t)age);
	sk = xasprintf(i18n_lookup("sk", "'%s' is not a whole number"), "abc");
	assert_string_equal(text, sk);
	free(text);
	free(sk);
	text = ui_ferr_text(rule, t->set, t->rec, (size_t)code);
	sk = xasprintf(i18n_lookup("sk", "The value does not meet the rule %s"),
	    "length(:code) = 3");
	assert_string_equal(text, sk);
	free(text);
	free(sk);
	ui_ferr_free(typed);
	ui_ferr_free(rule);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_problems_as_the_check_says_them, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_typed_in_the_language_of_the_moment, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
