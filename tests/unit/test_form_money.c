/* form/money: an amount and its currency read from text, and written back. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "form/money.h"
#include "util/tr.h"
#include "form/type.h"
#include "form/value.h"
#include "util/mem.h"

static struct form_set *set;

static const char form_text[] =
    "form t\n"
    "  title \"T\"\n"
    "field pay\n  type money\n  min 0\n  max 1500.50\n";

/* The built-in currency list as iso-codes fills it (a few codes). */
static void
fill_currencies(void)
{
	static const char *const codes[] = { "EUR", "GEL", "USD" };
	struct form_choices *cl = form_set_choices(set, "currency");
	size_t i;

	cl->items = xcalloc(3, sizeof *cl->items);
	for (i = 0; i < 3; i++) {
		cl->items[i].code = xstrdup(codes[i]);
		cl->items[i].label = xstrdup(codes[i]);
	}
	cl->nitems = 3;
	form_choices_index(cl);
}

static int
setup(void **state)
{
	(void)state;
	set = form_set_new();
	form_set_parse(set, "t.form", form_text);
	form_set_finish(set);
	return set->nerrors == 0 ? 0 : -1;
}

static int
teardown(void **state)
{
	(void)state;
	form_set_free(set);
	return 0;
}

static const struct form_field *
pay(void)
{
	return &set->forms[0]->fields[form_field_index(set->forms[0], "pay")];
}

/* text is read as amount and currency ("" for none). */
static void
ok(const char *text, const char *amount, const char *cur)
{
	char *got = NULL, *msg = NULL, c[4];

	if (!form_money_parse(set, pay(), text, &got, c, &msg))
		fail_msg("'%s' refused: %s", text, msg);
	assert_null(msg);
	assert_string_equal(got, amount);
	assert_string_equal(c, cur);
	free(got);
}

/* text is refused with the message want. */
static void
bad(const char *text, const char *want)
{
	char *got = NULL, *msg = NULL, c[4] = "EUR";	/* must come back empty */

	if (form_money_parse(set, pay(), text, &got, c, &msg))
		fail_msg("'%s' accepted as '%s' '%s'", text, got, c);
	assert_null(got);
	assert_string_equal(c, "");
	assert_string_equal(msg, want);
	free(msg);
}

static void
test_money_amount_alone(void **state)
{
	(void)state;
	ok("1200,50", "1200.50", "");
	ok(" 1500.50 ", "1500.50", "");
	ok("1 200,50", "1200.50", "");
	bad("1500.51", "'1500.51' is more than the maximum 1500.50");
	bad("-1", "'-1' is less than the minimum 0");
	bad("12a", "'12a' is not a number");
}

/* A currency after the amount, in any case; never taken from thin air. */
static void
test_money_with_currency(void **state)
{
	(void)state;
	ok("1200.50 usd", "1200.50", "USD");
	ok("12 Eur", "12", "EUR");
	ok("12   EUR", "12", "EUR");
	bad("12 e1r", "'e1r' is not a currency code (e.g. EUR, USD)");
	bad("12 345", /* three characters after the last space are a code */
	    "'345' is not a currency code (e.g. EUR, USD)");
	bad("12 eu", "'12 eu' is not a number");
	bad("abc usd", "'abc' is not a number");
	bad("2000 usd", "'2000' is more than the maximum 1500.50");
}

/* Once iso-codes filled the list, a code must be one of it. */
static void
test_money_known_currency(void **state)
{
	(void)state;
	ok("12 xyz", "12", "XYZ");	/* no list: any three letters */
	fill_currencies();
	ok("12 gel", "12", "GEL");
	bad("12 xyz", "'xyz' is not a currency code (e.g. EUR, USD)");
	assert_true(form_money_currency_ok(set, "EUR"));
	assert_false(form_money_currency_ok(set, "eur"));
	assert_false(form_money_currency_ok(set, "XYZ"));
	assert_false(form_money_currency_ok(set, "EURO"));
	assert_false(form_money_currency_ok(set, ""));
	assert_false(form_money_currency_ok(set, NULL));
}

static void
test_money_text(void **state)
{
	char *s;

	(void)state;
	s = form_money_text("1200.50", "EUR");
	assert_string_equal(s, "1200.50 EUR");
	free(s);
	s = form_money_text("1200.50", NULL);
	assert_string_equal(s, "1200.50");
	free(s);
	s = form_money_text("1200.50", "");
	assert_string_equal(s, "1200.50");
	free(s);
	s = form_money_text(NULL, "EUR");
	assert_string_equal(s, "");
	free(s);
}

/* Money's descriptor fills and shows both its columns: typed text through
 * its enter hook, the text shown through its display hook, the currency
 * edited beside the amount and picked from the currency list. */
static void
test_money_descriptor_hooks(void **state)
{
	const struct form_type_desc *d = form_type(FT_MONEY);
	struct form_record *rec = form_record_new(set->forms[0]);
	size_t i = (size_t)form_field_index(set->forms[0], "pay");
	char *msg, *shown;

	(void)state;
	assert_int_equal(form_type_ncols(FT_MONEY), 2);
	assert_int_equal(d->edit_side, 1);
	assert_string_equal(d->side_field->choices, "currency");
	msg = d->enter(set, rec, i, "12");	/* no currency yet: asked for */
	assert_string_equal(msg, "Choose the currency: type its letters (e.g. eur)");
	free(msg);
	assert_string_equal(form_record_part(rec, i, 0), "12");
	assert_null(form_record_part(rec, i, 1));
	assert_null(d->enter(set, rec, i, "1200,50 usd"));
	assert_string_equal(form_record_part(rec, i, 0), "1200.50");
	assert_string_equal(form_record_part(rec, i, 1), "USD");
	assert_null(d->enter(set, rec, i, "99"));	/* keeps the currency */
	assert_string_equal(form_record_part(rec, i, 1), "USD");
	shown = d->display(set, rec, i, util_tr);
	assert_string_equal(shown, "99 USD");
	free(shown);
	msg = d->enter(set, rec, i, "abc");	/* kept as typed, with the message */
	assert_string_equal(msg, "'abc' is not a number");
	assert_string_equal(form_record_part(rec, i, 0), "abc");
	free(msg);
	form_record_free(rec);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_money_amount_alone),
		cmocka_unit_test(test_money_with_currency),
		cmocka_unit_test(test_money_known_currency),
		cmocka_unit_test(test_money_text),
		cmocka_unit_test(test_money_descriptor_hooks),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
