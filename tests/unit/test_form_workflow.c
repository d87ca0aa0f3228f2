/*
 * form/workflow: the workflow table's parser, its check against the forms,
 * the look-ups, check-forms on a forms folder whose consent_given was
 * renamed, and that no form or rule field name is written in src/ outside
 * the table's loader. Run from the top of the tree (forms/, src/).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "cmd/cmd.h"
#include "db/cases.h"
#include "form/form.h"
#include "form/workflow.h"
#include "util/mem.h"
#include "util/str.h"

static char *
slurp(const char *path)
{
	struct strbuf sb = STRBUF_INIT;
	char buf[4096];
	size_t n;
	FILE *f = fopen(path, "rb");

	if (f == NULL)
		fail_msg("cannot open %s (run the tests from the top of the tree)", path);
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		strbuf_add(&sb, buf, n);
	fclose(f);
	return strbuf_take(&sb);
}

static void
spit(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static const char forms_text[] =
    "form consent\n"
    "  title \"Consent\"\n"
    "  case required\n"
    "field consent_given\n"
    "  type yesno\n"
    "field consent_on\n"
    "  type date\n"
    "\n"
    "form closure\n"
    "  title \"Closure\"\n"
    "  case required\n"
    "  once\n"
    "field reason\n"
    "  type select_one closure_reason\n"
    "field why\n"
    "  type text\n"
    "choices closure_reason\n"
    "  completed \"Completed\"\n"
    "  other \"Other\"\n"
    "\n"
    "form monitoring\n"
    "  title \"Monitoring\"\n"
    "  case required\n"
    "field monitored_on\n"
    "  type date\n"
    "repeat item_status\n"
    "field item_no\n"
    "  type integer\n"
    "end\n";

/* A set of the forms of text (one file per form) and the table text. */
static struct form_set *
set_of(const char *forms, const char *table)
{
	struct form_set *set = form_set_new();
	const char *plan = strstr(forms, "form monitoring");
	const char *closure = strstr(forms, "form closure");
	char *consent = xstrndup(forms, (size_t)(closure - forms));
	char *close = xstrndup(closure, (size_t)(plan - closure));

	form_set_parse(set, "consent.form", consent);
	form_set_parse(set, "closure.form", close);
	form_set_parse(set, "monitoring.form", plan);
	free(consent);
	free(close);
	form_set_finish(set);
	assert_int_equal(set->nerrors, 0);
	form_workflow_parse(set, "workflow", table);
	form_workflow_check(set);
	return set;
}

static struct form_set *
set_with(const char *table)
{
	return set_of(forms_text, table);
}

static const char good_table[] =
    "# a comment\n"
    "stage consent\n"
    "  form consent\n"
    "  status registered\n"
    "  records many\n"
    "  order 2\n"
    "  field given = consent_given yesno\n"
    "\n"
    "stage closure\n"
    "  form closure\n"
    "  status closed\n"
    "  records one\n"
    "  order 9\n"
    "  field reason = reason select_one closure_reason\n"
    "  field reason_other = why text\n"
    "\n"
    "stage monitoring\n"
    "  form monitoring\n"
    "  status none\n"
    "  records many\n"
    "  field items = item_status repeat\n"
    "  field items.item_no = item_no integer\n";

static void
test_wf_lookups(void **state)
{
	struct form_set *set = set_with(good_table);
	enum form_wf_stage st;

	(void)state;
	assert_int_equal(set->nerrors, 0);
	assert_string_equal(form_workflow_form(set, WFS_CONSENT), "consent");
	assert_string_equal(form_workflow_field(set, WFR_CONSENT_GIVEN), "consent_given");
	assert_string_equal(form_workflow_field(set, WFR_CLOSE_REASON_OTHER), "why");
	assert_string_equal(form_workflow_field(set, WFR_MON_ITEM_NO), "item_no");
	assert_string_equal(form_workflow_status(set, WFS_CLOSURE), "closed");
	assert_null(form_workflow_status(set, WFS_MONITORING));	/* none */
	assert_int_equal(form_workflow_order(set, WFS_CLOSURE), 9);
	assert_false(form_workflow_once(set, WFS_CONSENT));	/* one record per event */
	assert_false(form_workflow_once(set, WFS_MONITORING));
	assert_true(form_workflow_stage_of(set, "closure", &st));
	assert_int_equal(st, WFS_CLOSURE);
	assert_false(form_workflow_stage_of(set, "nothing", &st));
	assert_ptr_equal(form_workflow_def(set, WFS_MONITORING), form_set_find(set, "monitoring"));
	/* Left out of the table, or no table at all: nothing. */
	assert_null(form_workflow_form(set, WFS_DEPARTURE));
	assert_null(form_workflow_field(set, WFR_DEP_ON));
	assert_null(form_workflow_field(NULL, WFR_CONSENT_GIVEN));
	assert_int_equal(db_case_stage_status(set, WFS_CLOSURE), CASE_CLOSED);
	assert_int_equal(db_case_stage_status(set, WFS_MONITORING), -1);
	form_set_free(set);
}

/* The table with line `line` (1-based) of good_table replaced by repl. */
static char *
table_with(int line, const char *repl)
{
	struct strbuf sb = STRBUF_INIT;
	const char *p = good_table, *nl;
	int n;

	for (n = 1; *p != '\0'; n++, p = nl + 1) {
		nl = strchr(p, '\n');
		if (n == line)
			strbuf_printf(&sb, "%s\n", repl);
		else
			strbuf_add(&sb, p, (size_t)(nl - p + 1));
	}
	return strbuf_take(&sb);
}

static void
expect_error(int line, const char *repl, const char *want)
{
	char *text = table_with(line, repl);
	struct form_set *set = set_with(text);

	if (set->nerrors != 1 || strcmp(set->errors[0], want) != 0)
		fail_msg("line %d \"%s\": got %zu errors, first \"%s\", want \"%s\"", line, repl,
		    set->nerrors, set->nerrors > 0 ? set->errors[0] : "", want);
	form_set_free(set);
	free(text);
}

static void
test_wf_parse_errors(void **state)
{
	(void)state;
	expect_error(2, "stage consented", "workflow:2: unknown stage 'consented'");
	expect_error(7, "  field agreed = consent_given yesno",
	    "workflow:7: unknown role 'agreed' of stage 'consent'");
	expect_error(7, "  field given = consent_given text",
	    "workflow:7: role 'given' is read as yesno");
	expect_error(7, "  field given consent_given yesno",
	    "workflow:7: expected: field ROLE = FIELD TYPE [LIST]");
	expect_error(5, "  records several", "workflow:5: records is one or many, not 'several'");
	expect_error(6, "  order first", "workflow:6: order is a number from 1 to 999, not 'first'");
	expect_error(6, "  colour blue", "workflow:6: unknown or repeated key 'colour'");
	expect_error(1, "field x = y text", "workflow:1: unknown block 'field'");
	expect_error(1, "  form consent", "workflow:1: 'form' outside a stage");
	expect_error(17, "stage closure", "workflow:17: stage 'closure' given twice");
	expect_error(20, "  records one",
	    "workflow:20: stage 'monitoring' is read as many records per case");
	expect_error(5, "  records one",
	    "workflow:5: stage 'consent' is read as many records per case");	/* events */
	expect_error(12, "  records many",
	    "workflow:12: stage 'closure' is read as one record per case");
}

static void
test_wf_check_errors(void **state)
{
	(void)state;
	expect_error(3, "  form agreement", "workflow:2: stage 'consent': no form 'agreement'");
	expect_error(7, "  field given = consent_agreed yesno",
	    "workflow:7: form 'consent' has no field 'consent_agreed'");
	expect_error(7, "  field given = consent_on yesno",
	    "workflow:7: field 'consent_on' of form 'consent' is date, not yesno");
	expect_error(14, "  field reason = reason select_one reasons",
	    "workflow:14: field 'reason' of form 'closure' has the list 'closure_reason', "
	    "not 'reasons'");
	expect_error(22, "  field items.item_no = count integer",
	    "workflow:22: form 'item_status' has no field 'count'");
}

/* The table and the code read consent as once per case; the form is not. */
static void
test_wf_check_once(void **state)
{
	char *text = xstrdup(forms_text);
	char *p = strstr(text, "  once\n");
	struct form_set *set;

	(void)state;
	memcpy(p, "#     \n", 7);
	set = set_of(text, good_table);
	assert_int_equal(set->nerrors, 1);
	assert_string_equal(set->errors[0],
	    "workflow:9: stage 'closure': form 'closure' is not once per case");
	form_set_free(set);
	free(text);
}

/* A code the rules compare with (closure "completed") missing from the list. */
static void
test_wf_check_codes(void **state)
{
	char *text = xstrdup(forms_text);
	char *p = strstr(text, "  completed");
	struct form_set *set;

	(void)state;
	memcpy(p, "  finished ", 11);
	set = set_of(text, good_table);
	assert_int_equal(set->nerrors, 1);
	assert_string_equal(set->errors[0], "workflow:14: choice list 'closure_reason' has no "
	    "code 'completed', which the rules compare with");
	form_set_free(set);
	free(text);
}

static void
test_wf_status_checked(void **state)
{
	char *text = table_with(4, "  status waiting");
	struct form_set *set = set_with(text);

	(void)state;
	assert_int_equal(set->nerrors, 0);
	db_case_check_workflow(set);
	assert_int_equal(set->nerrors, 1);
	assert_string_equal(set->errors[0], "workflow:4: unknown case status 'waiting'");
	form_set_free(set);
	free(text);
}

/* The shipped table: loads with the forms, and names every role and stage. */
static void
test_wf_real_forms(void **state)
{
	struct form_set *set = form_set_load_dir("forms");
	int i;

	(void)state;
	for (i = 0; i < (int)set->nerrors; i++)
		print_error("%s\n", set->errors[i]);
	assert_int_equal(set->nerrors, 0);
	db_case_check_workflow(set);
	assert_int_equal(set->nerrors, 0);
	for (i = 0; i < WFS__COUNT; i++)
		if (form_workflow_def(set, (enum form_wf_stage)i) == NULL)
			fail_msg("stage %d has no form in forms/workflow", i);
	for (i = 0; i < WFR__COUNT; i++)
		if (form_workflow_field(set, (enum form_wf_role)i) == NULL)
			fail_msg("role %d is not in forms/workflow", i);
	form_set_free(set);
}

/* text (freed) with every from replaced by to, malloc'd. */
static char *
renamed(char *text, const char *from, const char *to)
{
	struct strbuf sb = STRBUF_INIT;
	const char *p = text, *q;

	while ((q = strstr(p, from)) != NULL) {
		strbuf_add(&sb, p, (size_t)(q - p));
		strbuf_puts(&sb, to);
		p = q + strlen(from);
	}
	strbuf_puts(&sb, p);
	free(text);
	return strbuf_take(&sb);
}

/* Copies forms/ to dir, renaming consent_given in consent.form (and in the
 * retention list, which check-forms verifies too). */
static void
copy_forms_renamed(const char *dir)
{
	DIR *d = opendir("forms");
	struct dirent *e;
	char *path, *text;

	assert_non_null(d);
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.' || strstr(e->d_name, ".md") != NULL)
			continue;
		path = xasprintf("forms/%s", e->d_name);
		text = slurp(path);
		free(path);
		if (strcmp(e->d_name, "consent.form") == 0 || strcmp(e->d_name, "retention") == 0)
			text = renamed(text, "consent_given", "consent_agreed");
		path = xasprintf("%s/%s", dir, e->d_name);
		spit(path, text);
		free(path);
		free(text);
	}
	closedir(d);
}

/* check-forms on the copy: exit 1, "file:line:" naming the workflow line. */
static void
test_wf_check_forms_renamed(void **state)
{
	char dir[] = "/tmp/avrr-wf-XXXXXX";
	char *argv[3], *errpath, *err, *cmd, *table, *line;
	int saved, fd, rc, want = 0, n = 0;

	(void)state;
	assert_non_null(mkdtemp(dir));
	copy_forms_renamed(dir);
	table = slurp("forms/workflow");
	for (line = table; line != NULL && want == 0; line = strchr(line, '\n'), line += line != NULL) {
		n++;
		if (strncmp(line, "  field given = consent_given ", 30) == 0)
			want = n;
	}
	free(table);
	assert_int_not_equal(want, 0);
	errpath = xasprintf("%s/stderr", dir);
	fflush(stderr);
	saved = dup(2);
	fd = open(errpath, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	dup2(fd, 2);
	close(fd);
	argv[0] = (char *)"check-forms";
	argv[1] = dir;
	argv[2] = NULL;
	rc = cmd_run("check-forms", 2, argv);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	err = slurp(errpath);
	cmd = xasprintf("%s/workflow:%d: form 'consent' has no field 'consent_given'\n", dir, want);
	assert_int_equal(rc, 1);
	assert_string_equal(err, cmd);
	free(cmd);
	free(err);
	free(errpath);
	cmd = xasprintf("rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
}

/* Words that are form or field names and also another vocabulary's: type
 * names, built-in lists, case status codes, and the cases table's own
 * column "project" (db/cases.c). */
static bool
allowed_word(const char *file, const char *w)
{
	static const char *const lists[] = { "country", "language", "currency" };
	size_t i;

	for (i = 0; i < FT__COUNT; i++)
		if (strcmp(form_type_name((enum form_type)i), w) == 0)
			return true;
	for (i = 0; i < sizeof lists / sizeof lists[0]; i++)
		if (strcmp(lists[i], w) == 0)
			return true;
	for (i = 0; i < CASE__COUNT; i++)
		if (strcmp(db_case_status_code((enum db_case_status)i), w) == 0)
			return true;
	return strcmp(w, "project") == 0 && strcmp(file, "src/db/cases.c") == 0;
}

/* What the scan looks for, and what it lets through. */
struct wf_scan {
	char		**names;	/* "\"name\"" of each form and field of the table */
	size_t		  n;
	char		**pairs;	/* "form field" of each field the table names */
	size_t		  npairs;
	struct form_set	 *set;		/* the shipped forms */
};

static void
wf_scan_add(char ***v, size_t *n, size_t *cap, char *s)
{
	*v = xgrow(*v, cap, *n + 1, sizeof **v);
	(*v)[(*n)++] = s;
}

/* Form and field names of the shipped table, one "\"name\"" each, and the
 * fields it names as "form field". */
static void
table_names(struct wf_scan *sc)
{
	char *text = slurp("forms/workflow"), *line, *next, w[64], form[64] = "";
	size_t cap = 0, pcap = 0;

	for (line = text; line != NULL; line = next) {
		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		if (sscanf(line, "  form %63s", w) == 1) {
			snprintf(form, sizeof form, "%s", w);
			wf_scan_add(&sc->names, &sc->n, &cap, xasprintf("\"%s\"", w));
		} else if (sscanf(line, "  field %*s = %63s", w) == 1) {
			wf_scan_add(&sc->names, &sc->n, &cap, xasprintf("\"%s\"", w));
			wf_scan_add(&sc->pairs, &sc->npairs, &pcap,
			    xasprintf("%s %s", form, w));
		}
	}
	free(text);
}

/* DEMO_OWN(form, "w"): form has the field w and the table names no field w of form. */
static bool
wf_own_field(const struct wf_scan *sc, const char *form, const char *w)
{
	const struct form_def *def = form_set_find(sc->set, form);
	char *pair;
	size_t i;
	bool named = false;

	if (def == NULL || form_field_index(def, w) < 0)
		return false;
	pair = xasprintf("%s %s", form, w);
	for (i = 0; i < sc->npairs; i++)
		named |= strcmp(sc->pairs[i], pair) == 0;
	free(pair);
	return !named;
}

/* DEMO_CODE(list, "w"): the list has the code w. */
static bool
wf_list_code(const struct wf_scan *sc, const char *list, const char *w)
{
	const struct form_choices *cl = form_set_choices(sc->set, list);

	return cl != NULL && form_choice_find(cl, w) != NULL;
}

/* The literal at q (quoted, "\"w\"") is the second argument of a
 * DEMO_CODE(list, ...) or DEMO_OWN(form, ...) that the forms bear out. */
static bool
wf_marked_at(const struct wf_scan *sc, const char *line, const char *q, const char *quoted)
{
	const char *e = q - 2, *b;
	char *arg, *w;
	bool ok = false;

	if (q - line < 2 || strncmp(e, ", ", 2) != 0 || q[strlen(quoted)] != ')')
		return false;
	for (b = e; b > line && (b[-1] == '_' || (b[-1] >= 'a' && b[-1] <= 'z') ||
	    (b[-1] >= '0' && b[-1] <= '9')); b--)
		;
	if (b == e || b - line < 1 || b[-1] != '(')
		return false;
	arg = xstrndup(b, (size_t)(e - b));
	w = xstrndup(quoted + 1, strlen(quoted) - 2);
	if (b - line >= 10 && strncmp(b - 10, "DEMO_CODE(", 10) == 0)
		ok = wf_list_code(sc, arg, w);
	else if (b - line >= 9 && strncmp(b - 9, "DEMO_OWN(", 9) == 0)
		ok = wf_own_field(sc, arg, w);
	free(arg);
	free(w);
	return ok;
}

/* Every occurrence of quoted on line is marked (src/demo/demo_int.h). */
static bool
wf_marked(const struct wf_scan *sc, const char *line, const char *quoted)
{
	const char *q;

	for (q = strstr(line, quoted); q != NULL; q = strstr(q + 1, quoted))
		if (!wf_marked_at(sc, line, q, quoted))
			return false;
	return true;
}

/* The literal names on one line of code (not a comment, not a msgid). */
static int
scan_line(const struct wf_scan *sc, const char *file, int no, const char *line)
{
	const char *t = line + strspn(line, " \t");
	int bad = 0;
	size_t i;

	if (t[0] == '*' || strncmp(t, "/*", 2) == 0 || strstr(line, "_(\"") != NULL)
		return 0;
	for (i = 0; i < sc->n; i++) {
		char *w;

		if (strstr(line, sc->names[i]) == NULL || wf_marked(sc, line, sc->names[i]))
			continue;
		w = xstrndup(sc->names[i] + 1, strlen(sc->names[i]) - 2);
		if (!allowed_word(file, w)) {
			print_error("%s:%d: %s\n", file, no, sc->names[i]);
			bad++;
		}
		free(w);
	}
	return bad;
}

static int
scan_dir(const struct wf_scan *sc, const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int bad = 0;

	assert_non_null(d);
	while ((e = readdir(d)) != NULL) {
		char *path = xasprintf("%s/%s", dir, e->d_name), *text, *line, *next;
		struct stat st;
		int no = 0;

		if (e->d_name[0] == '.' || stat(path, &st) != 0 || strcmp(path,
		    "src/form/workflow.c") == 0) {
			free(path);
			continue;
		}
		if (S_ISDIR(st.st_mode))
			bad += scan_dir(sc, path);
		else if (strstr(e->d_name, ".c") != NULL || strstr(e->d_name, ".h") != NULL) {
			text = slurp(path);
			for (line = text; line != NULL; line = next) {
				next = strchr(line, '\n');
				if (next != NULL)
					*next++ = '\0';
				bad += scan_line(sc, path, ++no, line);
			}
			free(text);
		}
		free(path);
	}
	closedir(d);
	return bad;
}

/* No form name or field name of the table is a string literal in src/,
 * outside the table's loader. A word of the table that the demo writes in
 * another sense is marked so, and the forms must bear the mark out: as
 * DEMO_CODE(list, "word"), a choice code of that list (the caller type
 * "family", the call outcome "registration": codes that happen to be spelt
 * as a field or a form); as
 * DEMO_OWN(form, "word"), a field of that form the table does not name (the
 * session's "interpreter", spelt as the registration's). A mark on a word
 * the list or form lacks, or on a field the table names, is no excuse. */
static void
test_wf_no_literals(void **state)
{
	struct wf_scan sc = { 0 };
	size_t i;
	int bad;

	(void)state;
	table_names(&sc);
	sc.set = form_set_load_dir("forms");
	assert_true(sc.n > 50);
	assert_int_equal(sc.set->nerrors, 0);
	bad = scan_dir(&sc, "src");
	for (i = 0; i < sc.n; i++)
		free(sc.names[i]);
	for (i = 0; i < sc.npairs; i++)
		free(sc.pairs[i]);
	free(sc.names);
	free(sc.pairs);
	form_set_free(sc.set);
	assert_int_equal(bad, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_wf_lookups),
		cmocka_unit_test(test_wf_parse_errors),
		cmocka_unit_test(test_wf_check_errors),
		cmocka_unit_test(test_wf_check_once),
		cmocka_unit_test(test_wf_check_codes),
		cmocka_unit_test(test_wf_status_checked),
		cmocka_unit_test(test_wf_real_forms),
		cmocka_unit_test(test_wf_check_forms_renamed),
		cmocka_unit_test(test_wf_no_literals),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
