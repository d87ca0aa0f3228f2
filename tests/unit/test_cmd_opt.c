/*
 * cmd/opt: options in any order, --opt VALUE and --opt=VALUE, operands
 * anywhere, one wording for a bad option, help made from the table.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/opt.h"

static const struct cmd_opt test_opts[] = {
	{ "db", "FILE", "the database" },
	{ "cases", "N", "how many cases" },
	{ "dry-run", NULL, "change nothing" },
	{ NULL, NULL, NULL },
};

static const struct cmd_spec test_spec = { "demo", test_opts, "[DIR]", 0, 1 };

static int
test_parse(struct cmd_args *a, int argc, ...)
{
	char *argv[16];
	va_list ap;
	int i;

	va_start(ap, argc);
	for (i = 0; i < argc && i < 16; i++)
		argv[i] = va_arg(ap, char *);
	va_end(ap);
	return cmd_opt_parse(&test_spec, argc, argv, a);
}

static void
test_opt_any_order(void **state)
{
	struct cmd_args a;

	(void)state;
	assert_int_equal(test_parse(&a, 5, "demo", "forms", "--cases=7", "--db", "x.db"), 0);
	assert_string_equal(cmd_opt_get(&test_spec, &a, "db"), "x.db");
	assert_string_equal(cmd_opt_get(&test_spec, &a, "cases"), "7");
	assert_null(cmd_opt_get(&test_spec, &a, "dry-run"));
	assert_int_equal(a.noperands, 1);
	assert_string_equal(a.operands[0], "forms");
	cmd_opt_free(&a);
	assert_int_equal(test_parse(&a, 4, "demo", "--db=y.db", "--dry-run", "--"), 0);
	assert_string_equal(cmd_opt_get(&test_spec, &a, "db"), "y.db");
	assert_string_equal(cmd_opt_get(&test_spec, &a, "dry-run"), "");
	cmd_opt_free(&a);
	assert_int_equal(test_parse(&a, 3, "demo", "--", "--db"), 0);	/* an operand */
	assert_int_equal(a.noperands, 1);
	cmd_opt_free(&a);
}

static void
test_opt_bad(void **state)
{
	struct cmd_args a;

	(void)state;
	assert_int_equal(test_parse(&a, 2, "demo", "--bogus"), 2);
	cmd_opt_free(&a);
	assert_int_equal(test_parse(&a, 2, "demo", "-x"), 2);
	cmd_opt_free(&a);
	assert_int_equal(test_parse(&a, 2, "demo", "--db"), 2);		/* no value */
	cmd_opt_free(&a);
	assert_int_equal(test_parse(&a, 2, "demo", "--dry-run=1"), 2);	/* a flag */
	cmd_opt_free(&a);
	assert_int_equal(test_parse(&a, 3, "demo", "a", "b"), 2);	/* one operand at most */
	cmd_opt_free(&a);
	assert_int_equal(test_parse(&a, 3, "demo", "a", "--help"), 1);
	cmd_opt_free(&a);
}

static void
test_opt_usage(void **state)
{
	char *u = cmd_opt_usage(&test_spec);

	(void)state;
	assert_string_equal(u, "avrr demo [--db FILE] [--cases N] [--dry-run] [DIR]");
	free(u);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_opt_any_order),
		cmocka_unit_test(test_opt_bad),
		cmocka_unit_test(test_opt_usage),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
