/* util/hash: 32-bit FNV-1a, the same on every run. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "util/hash.h"

/* The published FNV-1a test values: a table built on another machine, or by
 * an earlier run, puts a text in the same bucket. */
static void
test_hash_fnv1a(void **state)
{
	(void)state;
	assert_int_equal(hash_str(""), 0x811c9dc5u);
	assert_int_equal(hash_str("a"), 0xe40c292cu);
	assert_int_equal(hash_str("foobar"), 0xbf9cf968u);
}

/* Every byte counts, high ones as unsigned (UTF-8 and SQL text alike). */
static void
test_hash_bytes(void **state)
{
	(void)state;
	assert_int_not_equal(hash_str("SELECT 1"), hash_str("SELECT 2"));
	assert_int_not_equal(hash_str("\xc3\xa1"), hash_str("\xc3\xa0"));
	assert_int_equal(hash_str("\xff"), (0x811c9dc5u ^ 0xffu) * 16777619u);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hash_fnv1a),
		cmocka_unit_test(test_hash_bytes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
