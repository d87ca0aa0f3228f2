/*
 * i18n/name: a whole name split into surname and given names, and when the
 * split is sure.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "i18n/name.h"

static void
name_is(const char *whole, const char *surname, const char *given, bool sure)
{
	struct i18n_name n;

	i18n_name_split(whole, &n);
	assert_string_equal(n.surname, surname);
	assert_string_equal(n.given, given);
	assert_int_equal(n.sure, sure);
	i18n_name_clear(&n);
}

static void
test_name_split(void **state)
{
	(void)state;
	name_is("Aslan Dudayev", "Dudayev", "Aslan", false);	/* asked */
	name_is("DUDAYEV Aslan", "DUDAYEV", "Aslan", true);	/* capitals: the surname */
	name_is("Aslan  DUDAYEV ", "DUDAYEV", "Aslan", true);
	name_is("ДУДАЕВ Аслан", "ДУДАЕВ", "Аслан", true);	/* in Cyrillic too */
	name_is("Nguyen Van AN", "AN", "Nguyen Van", true);
	name_is("Beridze", "Beridze", "", true);		/* one word */
	name_is("", "", "", true);
	name_is("NGUYEN VAN AN", "AN", "NGUYEN VAN", false);	/* all capitals: no say */
	name_is("Maria José da SILVA", "SILVA", "Maria José da", true);
	name_is("A B", "B", "A", false);			/* one letter is no word in capitals */
}

static void
test_name_split_first(void **state)
{
	struct i18n_name n;

	(void)state;
	i18n_name_split_first("Dudayev Aslan Ruslanovich", &n);
	assert_string_equal(n.surname, "Dudayev");
	assert_string_equal(n.given, "Aslan Ruslanovich");
	i18n_name_clear(&n);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_name_split),
		cmocka_unit_test(test_name_split_first),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
