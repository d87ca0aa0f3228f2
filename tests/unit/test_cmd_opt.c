/*
 * cmd/opt: options in any order, --opt VALUE and --opt=VALUE, operands and
 * subcommands anywhere, one wording for a bad option, help made from the table.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd/opt.h"
#include "util/mem.h"

static const struct cmd_opt test_opts[] = {
	{ "db", "FILE", "the database" },
	{ "cases", "N", "how many cases" },
	{ "dry-run", NULL, "change nothing" },
	{ NULL, NULL, NULL },
};

static const struct cmd_spec test_spec = { .name = "demo", .opts = test_opts,
    .operands = "[DIR]", .min_operands = 0, .max_operands = 1 };

static const struct cmd_sub test_subs[] = {
	{ "list", NULL, 0, "every user" },
	{ "role", "NAME ROLE", 2, "give a role" },
	{ NULL, NULL, 0, NULL },
};

static const struct cmd_spec test_user = { .name = "user", .opts = test_opts,
    .subs = test_subs, .summary = "users and roles" };

static const struct cmd_spec test_top = { .name = NULL, .opts = test_opts };

static int
test_parse_v(const struct cmd_spec *spec, struct cmd_args *a, int argc, va_list ap)
{
	static char *argv[16];
	int i;

	for (i = 0; i < argc && i < 16; i++)
		argv[i] = va_arg(ap, char *);
	return cmd_opt_parse(spec, argc, argv, a);
}

static int
test_parse(struct cmd_args *a, int argc, ...)
{
	va_list ap;
	int rc;

	va_start(ap, argc);
	rc = test_parse_v(&test_spec, a, argc, ap);
	va_end(ap);
	return rc;
}

static int
test_parse_spec(const struct cmd_spec *spec, struct cmd_args *a, int argc, ...)
{
	va_list ap;
	int rc;

	va_start(ap, argc);
	rc = test_parse_v(spec, a, argc, ap);
	va_end(ap);
	return rc;
}

/* What the parse of argc arguments wrote on fd (1 or 2), malloc'd; *rc its answer. */
static char *
test_output(int fd, const struct cmd_spec *spec, int *rc, int argc, ...)
{
	FILE *tmp = tmpfile(), *stream = fd == 1 ? stdout : stderr;
	int saved = dup(fd);
	struct cmd_args a;
	char *buf = xcalloc(4096, 1);
	va_list ap;

	assert_non_null(tmp);
	fflush(stream);
	dup2(fileno(tmp), fd);
	va_start(ap, argc);
	*rc = test_parse_v(spec, &a, argc, ap);
	va_end(ap);
	fflush(stream);
	dup2(saved, fd);
	close(saved);
	cmd_opt_free(&a);
	rewind(tmp);
	assert_true(fread(buf, 1, 4095, tmp) < 4095);
	fclose(tmp);
	return buf;
}

static void
test_opt_any_order(void **state)
{
	struct cmd_args a;

	(void)state;
	assert_int_equal(test_parse(&a, 5, "demo", "forms", "--cases=7", "--db", "x.db"), 0);
	assert_string_equal(cmd_opt_get(&a, "db"), "x.db");
	assert_string_equal(cmd_opt_get(&a, "cases"), "7");
	assert_null(cmd_opt_get(&a, "dry-run"));
	assert_int_equal(a.noperands, 1);
	assert_string_equal(a.operands[0], "forms");
	cmd_opt_free(&a);
	assert_int_equal(test_parse(&a, 4, "demo", "--db=y.db", "--dry-run", "--"), 0);
	assert_string_equal(cmd_opt_get(&a, "db"), "y.db");
	assert_string_equal(cmd_opt_get(&a, "dry-run"), "");
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
	assert_int_equal(test_parse(&a, 4, "demo", "--db", "--cases", "3"), 2);	/* nor here */
	cmd_opt_free(&a);
	assert_int_equal(test_parse(&a, 2, "demo", "--db="), 2);	/* empty: none */
	cmd_opt_free(&a);
	assert_int_equal(test_parse(&a, 3, "demo", "--db", ""), 2);
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

/* One wording for every usage error: "avrr NAME: message", then the usage. */
static void
test_opt_wording(void **state)
{
	static const char usage[] = "usage: avrr demo [--db FILE] [--cases N] [--dry-run] [DIR]\n";
	char *out, *want;
	int rc;

	(void)state;
	out = test_output(2, &test_spec, &rc, 3, "demo", "x", "--bogus");
	want = xasprintf("avrr demo: unknown option '--bogus'\n%s", usage);
	assert_int_equal(rc, 2);
	assert_string_equal(out, want);
	free(out);
	free(want);
	out = test_output(2, &test_spec, &rc, 3, "demo", "--db=x", "--cases");
	want = xasprintf("avrr demo: --cases needs N\n%s", usage);
	assert_int_equal(rc, 2);
	assert_string_equal(out, want);
	free(out);
	free(want);
	out = test_output(2, &test_spec, &rc, 2, "demo", "-x");
	assert_string_equal(out, "avrr demo: unknown option '-x'\n"
	    "usage: avrr demo [--db FILE] [--cases N] [--dry-run] [DIR]\n");
	free(out);
	out = test_output(2, &test_top, &rc, 2, "avrr", "--lang=sk");
	assert_int_equal(rc, 2);
	assert_string_equal(out, "avrr: unknown option '--lang=sk'\n"
	    "usage: avrr [--db FILE] [--cases N] [--dry-run]\n");
	free(out);
}

/* A command's own value check says its message in the same wording. */
static void
test_opt_error(void **state)
{
	FILE *tmp = tmpfile();
	int saved = dup(2), rc;
	char buf[512] = { 0 };

	(void)state;
	assert_non_null(tmp);
	fflush(stderr);
	dup2(fileno(tmp), 2);
	rc = cmd_opt_error(&test_spec, "--cases: '%s' is not a positive whole number", "0");
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	rewind(tmp);
	assert_true(fread(buf, 1, sizeof buf - 1, tmp) > 0);
	fclose(tmp);
	assert_int_equal(rc, 2);
	assert_string_equal(buf, "avrr demo: --cases: '0' is not a positive whole number\n"
	    "usage: avrr demo [--db FILE] [--cases N] [--dry-run] [DIR]\n");
}

/* A subcommand before, between or after the options, with exactly its operands. */
static void
test_opt_subcommands(void **state)
{
	struct cmd_args a;
	char *u = cmd_opt_usage(&test_user), *out;
	int rc;

	(void)state;
	assert_string_equal(u, "avrr user [--db FILE] [--cases N] [--dry-run] list | role NAME ROLE");
	free(u);
	assert_int_equal(test_parse_spec(&test_user, &a, 6, "user", "role", "--db", "x.db",
	    "eva", "supervisor"), 0);
	assert_string_equal(a.sub->name, "role");
	assert_int_equal(a.noperands, 2);
	assert_string_equal(a.operands[0], "eva");
	assert_string_equal(a.operands[1], "supervisor");
	assert_string_equal(cmd_opt_get(&a, "db"), "x.db");
	cmd_opt_free(&a);
	assert_int_equal(test_parse_spec(&test_user, &a, 3, "user", "list", "--db=y.db"), 0);
	assert_string_equal(a.sub->name, "list");
	assert_int_equal(a.noperands, 0);
	assert_string_equal(cmd_opt_get(&a, "db"), "y.db");
	cmd_opt_free(&a);
	assert_int_equal(test_parse_spec(&test_user, &a, 3, "user", "--db=y.db", "list"), 0);
	cmd_opt_free(&a);
	assert_int_equal(test_parse_spec(&test_user, &a, 2, "user", "--db=y.db"), 2);
	cmd_opt_free(&a);
	assert_int_equal(test_parse_spec(&test_user, &a, 3, "user", "role", "eva"), 2);
	cmd_opt_free(&a);
	assert_int_equal(test_parse_spec(&test_user, &a, 3, "user", "list", "eva"), 2);
	cmd_opt_free(&a);
	out = test_output(2, &test_user, &rc, 2, "user", "lst");
	assert_int_equal(rc, 2);
	assert_string_equal(out, "avrr user: unknown subcommand 'lst'\nusage: avrr user [--db FILE]"
	    " [--cases N] [--dry-run] list | role NAME ROLE\n");
	free(out);
}

/* --help anywhere before `--` prints the usage, the summary, every subcommand and option. */
static void
test_opt_help(void **state)
{
	char *out;
	int rc;

	(void)state;
	out = test_output(1, &test_user, &rc, 4, "user", "role", "--db=x", "--help");
	assert_int_equal(rc, 1);
	assert_string_equal(out,
	    "usage: avrr user [--db FILE] [--cases N] [--dry-run] list | role NAME ROLE\n"
	    "users and roles\n"
	    "  list              every user\n"
	    "  role NAME ROLE    give a role\n"
	    "  --db FILE         the database\n"
	    "  --cases N         how many cases\n"
	    "  --dry-run         change nothing\n"
	    "  -h, --help        show this help\n");
	free(out);
	out = test_output(1, &test_spec, &rc, 2, "demo", "-h");
	assert_int_equal(rc, 1);
	assert_non_null(strstr(out, "  --cases N "));
	free(out);
	out = test_output(1, &test_spec, &rc, 3, "demo", "--", "--help");	/* an operand */
	assert_int_equal(rc, 0);
	assert_string_equal(out, "");
	free(out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_opt_any_order),
		cmocka_unit_test(test_opt_bad),
		cmocka_unit_test(test_opt_usage),
		cmocka_unit_test(test_opt_wording),
		cmocka_unit_test(test_opt_error),
		cmocka_unit_test(test_opt_subcommands),
		cmocka_unit_test(test_opt_help),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
