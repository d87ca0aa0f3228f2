/*
 * The command line of the real binary: every command takes `--db FILE` and
 * `--db=FILE` before, between or after its operands and subcommand;
 * `avrr COMMAND --help` lists every option of the command's entry; an
 * unknown option and a missing option argument are one wording and exit 2
 * for every command. The expected usage lines come from cmd_table, so a
 * command whose entry and parser disagree fails here.
 */
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "cmd/cmd.h"
#include "db/users.h"
#include "unit/report_data.h"
#include "util/mem.h"
#include "util/str.h"
#include "vt.h"

#define T	15000

struct cli {
	int	 status;	/* exit status, or -1 */
	char	*out;		/* stdout, malloc'd */
	char	*err;		/* stderr, malloc'd */
};

static char *
cli_slurp(FILE *f)
{
	struct strbuf sb = STRBUF_INIT;
	char buf[4096];
	size_t n;

	rewind(f);
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		strbuf_add(&sb, buf, n);
	fclose(f);
	strbuf_puts(&sb, "");
	return strbuf_take(&sb);
}

/* The child: English, no terminal, a default database that does not exist
 * (so a --db that is not taken cannot pass), then the binary. */
static void
cli_child(FILE *out, FILE *err, char *const argv[])
{
	const char *bin = getenv("AVRR_BIN");
	int null = open("/dev/null", O_RDONLY);

	dup2(null, 0);
	dup2(fileno(out), 1);
	dup2(fileno(err), 2);
	unsetenv("AVRR_LANG");
	setenv("LANG", "C.UTF-8", 1);
	setenv("AVRR_DB", "/nonexistent-dir/avrr.db", 1);
	setenv("AVRR_USER", "tester", 1);
	setenv("AVRR_TODAY", "2026-11-22", 1);
	execv(bin != NULL ? bin : "build/test/avrr", argv);
	_exit(127);
}

#define CLI_MAX	24

/* argv: "avrr", then first and what follows it up to a NULL. */
static void
cli_collect(char *argv[CLI_MAX], const char *first, va_list ap)
{
	const char *arg;
	int n = 1;

	argv[0] = "avrr";
	for (arg = first; arg != NULL && n < CLI_MAX - 1; arg = va_arg(ap, const char *))
		argv[n++] = (char *)arg;
	argv[n] = NULL;
}

static struct cli
cli_runa(char *const argv[])
{
	FILE *out = tmpfile(), *err = tmpfile();
	struct cli r = { -1, NULL, NULL };
	int status;
	pid_t pid;

	assert_true(out != NULL && err != NULL);
	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0)
		cli_child(out, err, argv);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	if (WIFEXITED(status))
		r.status = WEXITSTATUS(status);
	r.out = cli_slurp(out);
	r.err = cli_slurp(err);
	return r;
}

/* Runs avrr with the NULL-terminated arguments after "avrr". */
static struct cli
cli_run(const char *arg, ...)
{
	char *argv[CLI_MAX];
	va_list ap;

	va_start(ap, arg);
	cli_collect(argv, arg, ap);
	va_end(ap);
	return cli_runa(argv);
}

static void
cli_free(struct cli *r)
{
	free(r->out);
	free(r->err);
}

/* Asserts the exit status, showing what the program said when it differs. */
static void
cli_status(const struct cli *r, int want)
{
	if (r->status != want)
		fprintf(stderr, "exit %d, stdout:\n%s\nstderr:\n%s\n", r->status, r->out, r->err);
	assert_int_equal(r->status, want);
}

static char *
cli_tmp(void)
{
	char tmpl[] = "/tmp/avrr-cli-XXXXXX";
	int fd = mkstemp(tmpl);

	assert_true(fd >= 0);
	close(fd);
	unlink(tmpl);
	return xstrdup(tmpl);
}

static void
cli_rm(char *path)
{
	char *side;

	unlink(path);
	side = xasprintf("%s-wal", path);
	unlink(side);
	free(side);
	side = xasprintf("%s-shm", path);
	unlink(side);
	free(side);
	free(path);
}

/* A database made by avrr init --db FILE. */
static char *
cli_db(void)
{
	char *path = cli_tmp();
	struct cli r = cli_run("init", "--test", "--db", path, NULL);

	cli_status(&r, 0);
	cli_free(&r);
	return path;
}

/* The interactive program is named by no word. */
static const char *
cli_name(const struct cmd_entry *c)
{
	return c->spec.name;
}

/* "avrr NAME: " or "avrr: " */
static char *
cli_prefix(const struct cmd_entry *c)
{
	return c->spec.name != NULL ? xasprintf("avrr %s: ", c->spec.name) : xstrdup("avrr: ");
}

/* avrr COMMAND --help: exit 0, the usage line of the entry, every option. */
static void
test_cli_help(void **state)
{
	const struct cmd_entry *c;
	const struct cmd_opt *o;
	char *usage, *want, *opt;
	struct cli r;

	(void)state;
	for (c = cmd_table; c->name != NULL; c++) {
		r = cli_name(c) != NULL ? cli_run(cli_name(c), "--help", NULL) :
		    cli_run("--db", "x.db", "--help", NULL);
		cli_status(&r, 0);
		usage = cmd_opt_usage(&c->spec);
		want = xasprintf("usage: %s\n%s\n", usage, c->spec.summary);
		assert_true(strncmp(r.out, want, strlen(want)) == 0);
		for (o = c->spec.opts; o != NULL && o->name != NULL; o++) {
			opt = xasprintf("\n  --%s%s%s ", o->name, o->arg != NULL ? " " : "",
			    o->arg != NULL ? o->arg : "");
			assert_non_null(strstr(r.out, opt));
			free(opt);
		}
		assert_non_null(strstr(r.out, "\n  -h, --help "));
		assert_string_equal(r.err, "");
		free(usage);
		free(want);
		cli_free(&r);
	}
}

/* What the help says, as a person reads it (not only what the table holds). */
static void
test_cli_help_texts(void **state)
{
	static const char *const expect[][2] = {
		{ "demo", "  --cases N " }, { "demo", "  --seed S " },
		{ "demo", "  --db FILE " }, { "init", "  --db FILE " },
		{ "user", "  role NAME ROLE " }, { "user", "  list " },
		{ "user", "  --db FILE " }, { "backup", "usage: avrr backup [--db FILE] TARGET\n" },
		{ "i18n-status", "  --missing CODE " },
		{ "check-forms", "usage: avrr check-forms [DIR]\n" },
	};
	struct cli r;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof expect / sizeof expect[0]; i++) {
		r = cli_run(expect[i][0], "-h", NULL);
		cli_status(&r, 0);
		assert_non_null(strstr(r.out, expect[i][1]));
		cli_free(&r);
	}
	r = cli_run("--user", "eva", "--help", NULL);
	cli_status(&r, 0);
	assert_non_null(strstr(r.out, "usage: avrr [--db FILE] [--lang CODE] [--client-lang CODE]"
	    " [--user NAME]\n"));
	assert_non_null(strstr(r.out, "  --client-lang CODE "));
	cli_free(&r);
}

/* avrr --help: one usage line per entry. */
static void
test_cli_main_help(void **state)
{
	const struct cmd_entry *c;
	struct cli r = cli_run("--help", NULL);
	char *usage, *line;

	(void)state;
	cli_status(&r, 0);
	for (c = cmd_table; c->name != NULL; c++) {
		usage = cmd_opt_usage(&c->spec);
		line = xasprintf("\n  %s\n      %s\n", usage, c->spec.summary);
		assert_non_null(strstr(r.out, line));
		free(usage);
		free(line);
	}
	assert_non_null(strstr(r.out, "  avrr user [--db FILE] [--unix ACCOUNT] [--no-password] "
	    "list | add NAME ROLE | role NAME ROLE | disable NAME | passwd NAME"));
	cli_free(&r);
}

/* The one wording: "avrr COMMAND: unknown option '--x'", the usage, exit 2. */
static void
cli_unknown(const struct cmd_entry *c, const char *bad)
{
	char *usage = cmd_opt_usage(&c->spec), *prefix = cli_prefix(c), *want;
	struct cli r = cli_name(c) != NULL ? cli_run(cli_name(c), bad, NULL) :
	    cli_run(bad, NULL);

	want = xasprintf("%sunknown option '%s'\nusage: %s\n", prefix, bad, usage);
	cli_status(&r, 2);
	assert_string_equal(r.err, want);
	assert_string_equal(r.out, "");
	free(want);
	free(prefix);
	free(usage);
	cli_free(&r);
}

static void
test_cli_unknown_option(void **state)
{
	const struct cmd_entry *c;

	(void)state;
	for (c = cmd_table; c->name != NULL; c++) {
		cli_unknown(c, "--x");
		cli_unknown(c, "-x");
		cli_unknown(c, "--db-file=y");
	}
}

/* Each option that takes an argument, given without one: exit 2, "--db needs FILE". */
static void
test_cli_missing_argument(void **state)
{
	const struct cmd_entry *c;
	const struct cmd_opt *o;
	char *flag, *prefix, *want;
	struct cli r;
	int n = 0;

	(void)state;
	for (c = cmd_table; c->name != NULL; c++) {
		for (o = c->spec.opts; o != NULL && o->name != NULL; o++, n++) {
			if (o->arg == NULL)
				continue;
			flag = xasprintf("--%s", o->name);
			r = cli_name(c) != NULL ? cli_run(cli_name(c), flag, NULL) :
			    cli_run(flag, NULL);
			prefix = cli_prefix(c);
			want = xasprintf("%s--%s needs %s\n", prefix, o->name, o->arg);
			cli_status(&r, 2);
			assert_true(strncmp(r.err, want, strlen(want)) == 0);
			free(flag);
			free(prefix);
			free(want);
			cli_free(&r);
		}
	}
	assert_true(n >= 8);	/* tui 4, init, demo 3, i18n-status, user, backup */
	r = cli_run("user", "list", "--db", NULL);
	cli_status(&r, 2);
	assert_true(strncmp(r.err, "avrr user: --db needs FILE\n", 27) == 0);
	cli_free(&r);
}

/* Runs avrr with the arguments and asserts the exit status; stdout, malloc'd. */
static char *
cli_ok(int want, const char *arg, ...)
{
	char *argv[CLI_MAX];
	struct cli r;
	va_list ap;

	va_start(ap, arg);
	cli_collect(argv, arg, ap);
	va_end(ap);
	r = cli_runa(argv);
	cli_status(&r, want);
	free(r.err);
	return r.out;
}

/* init and user: --db FILE and --db=FILE, before, between and after. */
static void
test_cli_db_user(void **state)
{
	char *path = cli_tmp(), *other = cli_tmp();
	char *eq = xasprintf("--db=%s", path), *other_eq = xasprintf("--db=%s", other), *out;

	(void)state;
	free(cli_ok(2, "init", "--db=", NULL));		/* an empty name is no database */
	free(cli_ok(0, "init", "--test", "--db", path, NULL));
	free(cli_ok(0, "init", other_eq, "--test", NULL));
	free(cli_ok(0, "user", other_eq, "role", "eva", "supervisor", NULL));
	free(cli_ok(0, "user", "--db", path, "role", "eva", "supervisor", NULL));
	free(cli_ok(0, "user", "role", "--db", path, "jan", "hotline", NULL));
	free(cli_ok(0, "user", "role", "ida", eq, "admin", NULL));
	free(cli_ok(0, "user", "add", "ana", "admin", "--db", path, "--no-password", NULL));
	out = cli_ok(0, "user", "list", eq, NULL);
	assert_non_null(strstr(out, "eva"));
	assert_non_null(strstr(out, "jan"));
	assert_non_null(strstr(out, "ida"));
	assert_non_null(strstr(out, "ana"));
	free(out);
	out = cli_ok(0, "user", "--db", other, "list", NULL);
	assert_non_null(strstr(out, "Supervisor"));
	assert_null(strstr(out, "jan"));
	free(out);
	free(cli_ok(1, "user", "list", NULL));	/* the default database does not exist */
	free(cli_ok(2, "user", "--db", path, NULL));	/* no subcommand */
	free(cli_ok(2, "user", "role", "eva", "--db", path, NULL));
	free(cli_ok(2, "user", "lst", "--db", path, NULL));
	free(eq);
	free(other_eq);
	cli_rm(path);
	cli_rm(other);
}

static bool
cli_exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

/* backup and demo: --db FILE and --db=FILE before and after their operands and options. */
static void
test_cli_db_backup_demo(void **state)
{
	char *path = cli_db(), *one = cli_tmp(), *two = cli_tmp(), *demo = cli_tmp();
	char *eq = xasprintf("--db=%s", path), *demo_eq = xasprintf("--db=%s", demo);
	struct cli r;

	(void)state;
	r = cli_run("backup", eq, one, NULL);
	cli_status(&r, 0);
	assert_true(cli_exists(one));
	cli_free(&r);
	r = cli_run("backup", two, "--db", path, NULL);
	cli_status(&r, 0);
	assert_true(cli_exists(two));
	cli_free(&r);
	r = cli_run("backup", "--db", path, NULL);
	cli_status(&r, 2);
	assert_true(strncmp(r.err, "avrr backup: name the file to copy the database into\n",
	    53) == 0);
	cli_free(&r);
	r = cli_run("demo", "--cases", "2", demo_eq, "--seed=3", NULL);
	cli_status(&r, 0);
	assert_non_null(strstr(r.out, ": 2 cases"));
	cli_free(&r);
	r = cli_run("demo", "--db", demo, "--cases=1", NULL);
	cli_status(&r, 0);
	assert_non_null(strstr(r.out, ": 1 cases"));
	cli_free(&r);
	r = cli_run("demo", "--db", demo, "--cases=0", NULL);
	cli_status(&r, 2);
	assert_string_equal(r.err, "avrr demo: --cases: '0' is not a positive whole number\n"
	    "usage: avrr demo [--db FILE] [--cases N] [--seed S]\n");
	cli_free(&r);
	free(eq);
	free(demo_eq);
	cli_rm(path);
	cli_rm(one);
	cli_rm(two);
	cli_rm(demo);
}

/* check-forms and i18n-status: operands and options in either form. */
static void
test_cli_forms_and_i18n(void **state)
{
	const char *forms = getenv("AVRR_FORMS");
	struct cli a, b;

	(void)state;
	a = cli_run("check-forms", "--", forms != NULL ? forms : "forms", NULL);
	cli_status(&a, 0);
	cli_free(&a);
	a = cli_run("check-forms", "forms", "other", NULL);
	cli_status(&a, 2);
	assert_true(strncmp(a.err, "avrr check-forms: unexpected argument 'other'\n", 46) == 0);
	cli_free(&a);
	a = cli_run("i18n-status", "--missing=sk", NULL);
	b = cli_run("i18n-status", "--missing", "sk", NULL);
	cli_status(&a, 0);
	cli_status(&b, 0);
	assert_string_equal(a.out, b.out);
	cli_free(&a);
	cli_free(&b);
	a = cli_run("i18n-status", "--missing=zz", NULL);
	cli_status(&a, 1);
	cli_free(&a);
}

/* check-forms names every bad line of a permissions table (file:line:
 * message), exactly those of tests/data/perms-bad/expected.txt. */
static void
test_cli_check_forms_permissions(void **state)
{
	FILE *f = fopen("tests/data/perms-bad/expected.txt", "r");
	char want[4096];
	size_t n;
	struct cli a;

	(void)state;
	assert_non_null(f);
	n = fread(want, 1, sizeof want - 1, f);
	fclose(f);
	want[n] = '\0';
	a = cli_run("check-forms", "tests/data/perms-bad", NULL);
	cli_status(&a, 1);
	assert_string_equal(a.err, want);
	cli_free(&a);
}

static void
cli_starts(const char *s, const char *prefix)
{
	if (strncmp(s, prefix, strlen(prefix)) != 0)
		fail_msg("\"%s\" does not start with \"%s\"", s, prefix);
}

/* A database with known report answers (tests/unit/report_data.h). */
static char *
cli_report_db(void)
{
	const char *dir = getenv("AVRR_FORMS");
	struct form_set *set = form_set_load_dir(dir != NULL ? dir : "forms");
	char *path = cli_tmp();
	struct db *db;

	assert_int_equal(set->nerrors, 0);
	fixture_no_perms(set);	/* the data as one user walks it through */
	db = fixture_open(path, set);
	assert_int_equal(db_users_mark_test(db, NULL), DB_OK);	/* AVRR_USER may act */
	rdata_fill(db, set);
	db_close(db);
	form_set_free(set);
	return path;
}

/* avrr report donor: the headline sentences and the tables, as text, as CSV
 * (CRLF, one section per breakdown) and into --output; a bad period is a
 * usage error. */
static void
test_cli_report(void **state)
{
	char *path = cli_report_db(), *file = cli_tmp(), *text, *want;
	struct cli r;
	size_t len;

	(void)state;
	r = cli_run("report", "donor", "--project", "P1", "--from", "2026-01-01", "--to",
	    "2026-12-31", "--db", path, NULL);
	cli_status(&r, 0);
	cli_starts(r.out, "Donor summary\nPeriod: 2026-01-01 to 2026-12-31\nProject: P1\n");
	assert_non_null(strstr(r.out, "reintegration schemes implemented: 1, in countries: 1;"));
	assert_non_null(strstr(r.out, "persons who returned voluntarily: 5 (cases: 2);"));
	assert_non_null(strstr(r.out, "cases given stabilisation support: 2."));
	assert_non_null(strstr(r.out, "\nBy country of return\nCountry  Persons\n"
	    "Ukraine        4\nGeorgia        1\n"));
	assert_string_equal(r.err, "");
	cli_free(&r);
	r = cli_run("report", "donor", "--project=P1", "--from=2026-01-01", "--to=2026-12-31",
	    "--format", "csv", "--db", path, NULL);
	cli_status(&r, 0);
	cli_starts(r.out, "Donor summary\r\nPeriod,2026-01-01,2026-12-31\r\n"
	    "Project,P1\r\n\r\nSummary\r\nIn this period:\r\n");
	assert_non_null(strstr(r.out, "\r\nReturns\r\nFigure,Number\r\nPersons returned,5\r\n"));
	assert_non_null(strstr(r.out, "\r\npersons who returned voluntarily: 5 (cases: 2);\r\n"));
	assert_non_null(strstr(r.out, "\"reintegration schemes implemented: 1, in countries: 1;\""
	    "\r\n"));
	assert_null(strstr(r.out, "\n\n"));
	cli_free(&r);
	r = cli_run("report", "returns", "--db", path, "--output", file, "--from", "2026-01-01",
	    NULL);
	cli_status(&r, 0);
	assert_string_equal(r.out, "");
	text = fixture_slurp(file, &len);
	assert_non_null(text);
	text[len] = '\0';
	cli_starts(text, "Returns\nPeriod: 2026-01-01 to 2026-12-31\nProject: all projects\n");
	want = xasprintf("\n%-28s  %6s\n", "Persons returned", "6");
	assert_non_null(strstr(text, want));
	free(want);
	free(text);
	cli_free(&r);
	r = cli_run("report", "hotline", "--project", "P\033]0;x\007", "--db", path, NULL);
	cli_status(&r, 0);
	assert_null(strchr(r.out, '\033'));
	assert_non_null(strstr(r.out, "Project: P"));
	cli_free(&r);
	r = cli_run("report", "donor", "--from", "2026-13-01", "--db", path, NULL);
	cli_status(&r, 2);
	cli_starts(r.err, "avrr report: --from: '2026-13-01' is not a date");
	cli_free(&r);
	r = cli_run("report", "donor", "--from", "2026-05-01", "--to", "2026-04-30", "--db",
	    path, NULL);
	cli_status(&r, 2);
	cli_free(&r);
	r = cli_run("report", "donor", "--format", "xml", "--db", path, NULL);
	cli_status(&r, 2);
	cli_free(&r);
	r = cli_run("report", "--db", path, NULL);
	cli_status(&r, 2);
	cli_free(&r);
	cli_rm(path);
	cli_rm(file);
}

/* The interactive program takes --db=FILE and --user NAME in either order. */
static void
cli_tui(const char *const argv[])
{
	const char *const env[] = { "AVRR_TODAY=2026-11-22", NULL };
	struct vt *vt = vt_spawn(argv, env, 24, 80);

	assert_non_null(vt);
	if (!vt_wait_text(vt, "Find a case", T)) {
		vt_dump(vt, stderr);
		vt_free(vt);
		fail();
	}
	vt_ctrl(vt, 'x');
	assert_int_equal(vt_wait_exit(vt, T), 0);
	vt_free(vt);
}

static void
test_cli_db_tui(void **state)
{
	char *path = cli_db(), *eq = xasprintf("--db=%s", path);

	(void)state;
	cli_tui((const char *[]){ "avrr", "--user", "tester", eq, NULL });
	cli_tui((const char *[]){ "avrr", "--db", path, "--user=tester", NULL });
	free(eq);
	cli_rm(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cli_help),
		cmocka_unit_test(test_cli_help_texts),
		cmocka_unit_test(test_cli_main_help),
		cmocka_unit_test(test_cli_unknown_option),
		cmocka_unit_test(test_cli_missing_argument),
		cmocka_unit_test(test_cli_db_user),
		cmocka_unit_test(test_cli_db_backup_demo),
		cmocka_unit_test(test_cli_forms_and_i18n),
		cmocka_unit_test(test_cli_check_forms_permissions),
		cmocka_unit_test(test_cli_db_tui),
		cmocka_unit_test(test_cli_report),
	};

	return cmocka_run_group_tests_name("avrr command line", tests, NULL, NULL);
}
