/* form/value: records, and each field type's check and canonical text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "form/value.h"

static struct form_set *set;

static const char form_text[] =
    "form t\n"
    "  title \"T\"\n"
    "field txt\n  type text\n  length 6\n"
    "field lines\n  type multiline\n"
    "field int\n  type integer\n  min -10\n  max 1000\n"
    "field dec\n  type decimal\n"
    "field pay\n  type money\n  min 0\n  max 1500.50\n"
    "field day\n  type date\n  min 2020-01-01\n  max today\n"
    "field any_day\n  type date\n"
    "field at\n  type datetime\n"
    "field yn\n  type yesno\n"
    "field one\n  type select_one colour\n"
    "field many\n  type select_many colour\n"
    "field land\n  type select_many country\n"
    "field lang\n  type select_one language\n"
    "field tel\n  type phone\n"
    "field remark\n  type note\n  label \"Read this\"\n"
    "repeat kids\nfield kid\n  type text\nend\n"
    "choices colour\n  red \"Red\"\n  green \"Green\"\n  blue \"Blue\"\n";

static int
setup(void **state)
{
	(void)state;
	setenv("AVRR_TODAY", "2026-06-15", 1);
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
	unsetenv("AVRR_TODAY");
	return 0;
}

static const struct form_field *
field(const char *name)
{
	const struct form_def *def = set->forms[0];
	int i = form_field_index(def, name);

	if (i < 0)
		fail_msg("no field %s", name);
	return &def->fields[i];
}

/* Asserts that input is accepted as want. */
static void
ok(const char *name, const char *input, const char *want)
{
	char *canon = NULL, *msg = NULL;

	if (!form_value_check(set, field(name), input, &canon, &msg))
		fail_msg("%s: '%s' refused: %s", name, input, msg);
	if (strcmp(canon, want) != 0)
		fail_msg("%s: '%s' became '%s', not '%s'", name, input, canon, want);
	assert_null(msg);
	free(canon);
}

/* Asserts that input is refused with exactly the message want. */
static void
bad(const char *name, const char *input, const char *want)
{
	char *canon = NULL, *msg = NULL;

	if (form_value_check(set, field(name), input, &canon, &msg))
		fail_msg("%s: '%s' accepted as '%s'", name, input, canon);
	assert_null(canon);
	if (want != NULL && strcmp(msg, want) != 0)
		fail_msg("%s: '%s': message '%s', not '%s'", name, input, msg, want);
	free(msg);
}

static void
test_empty(void **state)
{
	(void)state;
	ok("int", "", "");
	ok("day", "   ", "");
	ok("one", NULL, "");
	ok("remark", "anything", "");
}

static void
test_integer(void **state)
{
	(void)state;
	ok("int", "42", "42");
	ok("int", " 007 ", "7");
	ok("int", "-5", "-5");
	ok("int", "+5", "5");
	ok("int", "1 000", "1000");
	ok("int", "-0", "0");
	bad("int", "4.5", "'4.5' is not a whole number");
	bad("int", "12a", "'12a' is not a whole number");
	bad("int", "-", "'-' is not a whole number");
	bad("int", "1  000", NULL);
	bad("int", "1001", "'1001' is more than the maximum 1000");
	bad("int", "-11", "'-11' is less than the minimum -10");
	bad("int", "99999999999999999999", "'99999999999999999999' is too large");
}

static void
test_decimal_and_money(void **state)
{
	(void)state;
	ok("dec", "3,14", "3.14");
	ok("dec", "3.14", "3.14");
	ok("dec", "1 200,50", "1200.50");
	ok("dec", "1\xc2\xa0" "200,5", "1200.5");
	ok("dec", ".5", "0.5");
	ok("dec", "5.", "5");
	ok("dec", "-0.0", "0.0");
	ok("dec", "-2,5", "-2.5");
	bad("dec", "1.2.3", "'1.2.3' is not a number");
	bad("dec", "1,200.50", "'1,200.50' is not a number");
	bad("dec", "abc", "'abc' is not a number");
	bad("dec", ",", "',' is not a number");
	ok("pay", "120,50", "120.50");
	ok("pay", "1500.50", "1500.50");
	bad("pay", "1500.51", "'1500.51' is more than the maximum 1500.50");
	bad("pay", "-1", "'-1' is less than the minimum 0");
	bad("pay", "12 EUR", "'12 EUR' is not a number");
}

static void
test_date(void **state)
{
	(void)state;
	ok("any_day", "22.11.2026", "2026-11-22");
	ok("any_day", "22/11/2026", "2026-11-22");
	ok("any_day", "2026-11-22", "2026-11-22");
	ok("any_day", "22.11.26", "2026-11-22");
	ok("any_day", "today", "2026-06-15");
	ok("any_day", "+3", "2026-06-18");
	ok("any_day", "29.02.2024", "2024-02-29");
	bad("any_day", "31.02.2026", "'31.02.2026' is not a date (use 2026-11-22 or 22.11.2026)");
	bad("any_day", "29.02.2025", "'29.02.2025' is not a date (use 2026-11-22 or 22.11.2026)");
	bad("any_day", "tomorrow", NULL);
	ok("day", "15.06.2026", "2026-06-15");
	ok("day", "1.1.2020", "2020-01-01");
	bad("day", "16.06.2026", "'16.06.2026' is after the latest allowed date 2026-06-15");
	bad("day", "31.12.2019", "'31.12.2019' is before the earliest allowed date 2020-01-01");
}

static void
test_datetime(void **state)
{
	(void)state;
	ok("at", "22.11.2026 14:30", "2026-11-22 14:30");
	ok("at", "2026-11-22 9:05", "2026-11-22 09:05");
	ok("at", "now", "2026-06-15 12:00");
	bad("at", "22.11.2026",
	    "'22.11.2026' is not a date and time (use 2026-11-22 14:30 or 22.11.2026 14:30)");
	bad("at", "22.11.2026 25:00", NULL);
}

static void
test_yesno(void **state)
{
	static const char *const yes[] = { "yes", "Y", "1", "ano", "\xc3\xa1no", "TRUE" };
	static const char *const no[] = { "no", "N", "0", "nie", "false" };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof yes / sizeof yes[0]; i++)
		ok("yn", yes[i], "yes");
	for (i = 0; i < sizeof no / sizeof no[0]; i++)
		ok("yn", no[i], "no");
	bad("yn", "maybe", "'maybe' is not yes or no");
}

static void
test_select(void **state)
{
	(void)state;
	ok("one", "green", "green");
	ok("one", " RED ", "red");
	bad("one", "pink", "'pink' is not one of the choices");
	bad("one", "red blue", NULL);
	ok("many", "blue red", "red blue");
	ok("many", "blue,red, green", "red green blue");
	ok("many", "red red", "red");
	bad("many", "red pink", "'pink' is not one of the choices");
	ok("land", "sk, cz sk", "SK CZ");
	ok("lang", "UKR", "ukr");
	bad("lang", "u1", "'u1' is not one of the choices");
	bad("lang", "ukra", NULL);
}

static void
test_text_and_phone(void **state)
{
	char *canon, *msg;

	(void)state;
	ok("txt", "  \xc5\xbdilina ", "\xc5\xbdilina");
	bad("txt", "\xc5\xbdilinaa", "'\xc5\xbdilinaa' is longer than 6 characters");
	bad("txt", "a\x1b[2Jb", "'a?[2Jb' holds a control character");
	bad("txt", "\xc5", "the text is not valid UTF-8");
	ok("lines", "one  \r\ntwo\n\n", "one\ntwo");
	bad("lines", "bell\a", NULL);
	ok("tel", "+421 2  123 456", "+421 2 123 456");
	ok("tel", "(02) 123-456", "(02) 123-456");
	bad("tel", "12a456", "'12a456' is not a phone number (use digits, blanks and + - ( ))");
	bad("tel", "1+2345", NULL);
	bad("tel", "+1", NULL);
	assert_false(form_value_check(set, field("txt"),
	    "a very long value that goes on and on well past the shortening point",
	    &canon, &msg));
	assert_string_equal(msg, "'a very long value that goes on a...' is longer than 6 "
	    "characters");
	free(msg);
}

static void
test_records(void **state)
{
	const struct form_def *def = set->forms[0];
	struct form_record *rec = form_record_new(def), *copy, *kid;
	size_t yn = (size_t)form_field_index(def, "yn");
	size_t kids = (size_t)form_field_index(def, "kids");
	size_t remark = (size_t)form_field_index(def, "remark");

	(void)state;
	assert_null(form_record_get(rec, yn));
	form_record_set(rec, yn, "yes");
	assert_string_equal(form_record_get(rec, yn), "yes");
	form_record_set(rec, remark, "no value for notes");
	assert_null(form_record_get(rec, remark));
	kid = form_record_add_row(rec, kids);
	assert_ptr_equal(kid->def, def->fields[kids].group);
	form_record_set(kid, 0, "Anna");
	form_record_set(form_record_add_row(rec, kids), 0, "Boris");
	copy = form_record_dup(rec);
	form_record_set(rec, yn, "");
	assert_null(form_record_get(rec, yn));
	assert_string_equal(form_record_get(copy, yn), "yes");
	form_record_del_row(rec, kids, 0);
	assert_int_equal(rec->kids[kids].n, 1);
	assert_string_equal(form_record_get(rec->kids[kids].rows[0], 0), "Boris");
	assert_int_equal(copy->kids[kids].n, 2);
	assert_string_equal(form_record_get(copy->kids[kids].rows[0], 0), "Anna");
	form_record_free(rec);
	form_record_free(copy);
}

/* A string of n times c (malloc'd). */
static char *
repeat_char(char c, size_t n)
{
	char *s = malloc(n + 1);

	assert_non_null(s);
	memset(s, c, n);
	s[n] = '\0';
	return s;
}

/* Every field typed into has a limit, `length` or its type's default. */
static void
test_default_limits(void **state)
{
	char *canon = NULL, *msg = NULL, *big;

	(void)state;
	assert_int_equal(form_field_limit(field("txt")), 6);
	assert_int_equal(form_field_limit(field("lines")), FORM_LEN_MULTILINE);
	assert_int_equal(form_field_limit(set->forms[0]->fields[form_field_index(
	    set->forms[0], "kids")].group->fields), FORM_LEN_TEXT);
	assert_int_equal(form_field_limit(field("tel")), 40);
	assert_int_equal(form_field_limit(field("int")), FORM_LEN_TYPED);
	assert_int_equal(form_field_limit(field("day")), FORM_LEN_TYPED);
	assert_int_equal(form_field_limit(field("yn")), 0);
	assert_int_equal(form_field_limit(field("one")), 0);
	assert_int_equal(form_field_limit(field("remark")), 0);
	assert_true(FORM_LEN_TEXT >= 200 && FORM_LEN_TEXT <= 1000);
	assert_true(FORM_LEN_MULTILINE >= 2000 && FORM_LEN_MULTILINE <= 10000);
	/* The check of a typed value holds to the default too. */
	big = repeat_char('x', FORM_LEN_MULTILINE);
	assert_true(form_value_check(set, field("lines"), big, &canon, &msg));
	free(canon);
	free(big);
	big = repeat_char('x', FORM_LEN_MULTILINE + 1);
	assert_false(form_value_check(set, field("lines"), big, &canon, &msg));
	assert_non_null(strstr(msg, "is longer than 4000 characters"));
	free(msg);
	free(big);
}

/* Cut at the limit (a draft of old) and refused over it (a save), child rows too. */
static void
test_too_long(void **state)
{
	const struct form_def *def = set->forms[0];
	struct form_record *rec = form_record_new(def), *kid;
	size_t lines = (size_t)form_field_index(def, "lines");
	size_t txt = (size_t)form_field_index(def, "txt");
	size_t kids = (size_t)form_field_index(def, "kids");
	char *big = repeat_char('y', FORM_LEN_TEXT + 7), *msg;

	(void)state;
	form_record_set(rec, txt, "\xc5\xbe" "ab" "\xc4\x8d");	/* 4 characters fit in 6 */
	assert_null(form_record_too_long(rec));
	form_record_set(rec, txt, "\xc5\xbe\xc5\xbe\xc5\xbe\xc5\xbe\xc5\xbe\xc5\xbe\xc5\xbe");
	msg = form_record_too_long(rec);
	assert_string_equal(msg, "T refused: 'txt' holds 7 characters, at most 6 fit (shorten it)");
	free(msg);
	kid = form_record_add_row(rec, kids);
	form_record_set(kid, 0, big);
	form_record_set(rec, lines, "short");
	assert_int_equal(form_record_clamp(rec), 2);
	assert_string_equal(form_record_get(rec, txt),
	    "\xc5\xbe\xc5\xbe\xc5\xbe\xc5\xbe\xc5\xbe\xc5\xbe");	/* whole characters */
	assert_int_equal(strlen(form_record_get(kid, 0)), FORM_LEN_TEXT);
	assert_string_equal(form_record_get(rec, lines), "short");
	assert_null(form_record_too_long(rec));
	assert_int_equal(form_record_clamp(rec), 0);
	form_record_set(kid, 0, big);
	msg = form_record_too_long(rec);
	assert_non_null(strstr(msg, "'kid' holds 507 characters, at most 500 fit"));
	free(msg);
	free(big);
	form_record_free(rec);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_integer),
		cmocka_unit_test(test_decimal_and_money),
		cmocka_unit_test(test_date),
		cmocka_unit_test(test_datetime),
		cmocka_unit_test(test_yesno),
		cmocka_unit_test(test_select),
		cmocka_unit_test(test_text_and_phone),
		cmocka_unit_test(test_records),
		cmocka_unit_test(test_default_limits),
		cmocka_unit_test(test_too_long),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
