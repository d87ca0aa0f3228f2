/*
 * cmd/xlsform: the XPath translator (a table of cases), names and plain
 * texts, and whole workbooks made here with libxlsxwriter: the form text
 * they give passes the parser and the expression check, the PO fragment
 * holds the translations, and every row that cannot be carried over is
 * one line FILE:SHEET:ROW: message.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include <xlsxwriter.h>

#include "cmd/xlsform.h"
#include "db/expr.h"
#include "form/form.h"
#include "util/mem.h"

/* ---- the translator --------------------------------------------------------- */

static const struct xf_ref test_names_tab[] = {
	{ "age", NULL, false, false },
	{ "size", NULL, false, false },
	{ "first_name", NULL, false, false },
	{ "members", NULL, true, false },
	{ "income", "members", false, false },
	{ "rel", "members", false, false },
	{ "household", NULL, false, true },
};

static bool
test_find(void *arg, const char *xname, struct xf_ref *out)
{
	size_t i;

	(void)arg;
	if (strcmp(xname, "First Name") == 0) {
		*out = test_names_tab[2];
		return true;
	}
	for (i = 0; i < sizeof test_names_tab / sizeof test_names_tab[0]; i++)
		if (strcmp(test_names_tab[i].name, xname) == 0) {
			*out = test_names_tab[i];
			return true;
		}
	return false;
}

static const struct {
	const char	*xpath;
	const char	*self;
	const char	*repeat;
	const char	*want;		/* NULL: refused */
	const char	*why;		/* a part of the reason */
} test_expr_cases[] = {
	{ "${age} >= 18", NULL, NULL, ":age >= 18", NULL },
	{ ". > 0 and . < 120", "age", NULL, ":age > 0 AND :age < 120", NULL },
	{ "${size} div 2 + ${size} mod 2", NULL, NULL, ":size / 2 + :size % 2", NULL },
	{ "${age} != \"x\" or ${age}='it''s'", NULL, NULL, ":age != 'x' OR :age='it''s'",
	    NULL },
	{ "\"it's\"", NULL, NULL, "'it''s'", NULL },
	{ "if(${age} < 18, 'minor', 'adult')", NULL, NULL, "iif(:age < 18, 'minor', 'adult')",
	    NULL },
	{ "not(${age} = 1) = true()", NULL, NULL, "(NOT (:age = 1)) = true()", NULL },
	{ "string-length(.) <= 20", "first_name", NULL, "string_length(:first_name) <= 20",
	    NULL },
	{ "count-selected(${first_name}) > 1", NULL, NULL, "count_selected(:first_name) > 1",
	    NULL },
	{ "selected-at(${first_name}, 0)", NULL, NULL, "selected_at(:first_name, 0)", NULL },
	{ "starts-with(${First Name}, 'A')", NULL, NULL, "starts_with(:first_name, 'A')",
	    NULL },
	{ "format-date(today(), '%Y')", NULL, NULL, "format_date(today(), '%Y')", NULL },
	{ "${first_name} = ''", NULL, NULL, "coalesce(:first_name, '') = ''", NULL },
	{ "'' != ${first_name}", NULL, NULL, "'' != coalesce(:first_name, '')", NULL },
	{ "sum(${income})", NULL, NULL, "sum(:members.income)", NULL },
	{ "max(${income}) > 100", NULL, NULL, "max(:members.income) > 100", NULL },
	{ "count(${members})", NULL, NULL, "count(:members)", NULL },
	{ "${income} * 12", NULL, "members", ":income * 12", NULL },
	{ "${age} > 17", NULL, "members", ":age > 17", NULL },
	{ ".5 + 1.25", NULL, NULL, "0.5 + 1.25", NULL },
	{ "regex(., '^[0-9]+$')", "age", NULL, "regex(:age, '^[0-9]+$')", NULL },
	{ "${income} > 0", NULL, NULL, NULL, "repeat 'members'" },
	{ "${members} > 0", NULL, NULL, NULL, "repeat 'members'" },
	{ "position(..) = 1", NULL, "members", NULL, "position()" },
	{ "indexed-repeat(${income}, ${members}, 1)", NULL, NULL, NULL, "indexed-repeat()" },
	{ "jr:choice-name(${age}, '${age}')", NULL, NULL, NULL, "jr:choice-name()" },
	{ "pulldata('f', 'a', 'b', ${age})", NULL, NULL, NULL, "pulldata()" },
	{ "once(uuid())", NULL, NULL, NULL, "once()" },
	{ "random()", NULL, NULL, NULL, "random()" },
	{ "${nobody} = 1", NULL, NULL, NULL, "${nobody}" },
	{ "${household} = 1", NULL, NULL, NULL, "group" },
	{ "/data/age > 1", NULL, NULL, NULL, "'/'" },
	{ "${age} | ${size}", NULL, NULL, NULL, "'|'" },
	{ "(${age} > 1", NULL, NULL, NULL, "'('" },
	{ ". > 1", NULL, NULL, NULL, "'.'" },
	{ "age > 1", NULL, NULL, NULL, "'age'" },
};

static void
test_expr(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof test_expr_cases / sizeof test_expr_cases[0]; i++) {
		struct xf_expr_ctx x = { test_find, NULL, test_expr_cases[i].self,
		    test_expr_cases[i].repeat };
		char *why = NULL, *note = NULL;
		char *got = cmd_xlsform_expr(test_expr_cases[i].xpath, &x, &why, &note);

		if (test_expr_cases[i].want != NULL) {
			if (got == NULL)
				fail_msg("%s: refused: %s", test_expr_cases[i].xpath, why);
			assert_string_equal(got, test_expr_cases[i].want);
		} else {
			if (got != NULL)
				fail_msg("%s: gave %s", test_expr_cases[i].xpath, got);
			if (strstr(why, test_expr_cases[i].why) == NULL)
				fail_msg("%s: %s", test_expr_cases[i].xpath, why);
		}
		free(got);
		free(why);
		free(note);
	}
}

static void
test_expr_notes_defaults(void **state)
{
	struct xf_expr_ctx x = { test_find, NULL, NULL, NULL };
	char *why, *note, *got;

	(void)state;
	got = cmd_xlsform_expr("substr(${first_name}, 0, 2)", &x, &why, &note);
	assert_string_equal(got, "substr(:first_name, 0, 2)");
	assert_non_null(strstr(note, "substr()"));
	free(got);
	free(note);
	got = cmd_xlsform_default("BA", &x, &why, &note);
	assert_string_equal(got, "'BA'");
	free(got);
	got = cmd_xlsform_default("O'Brien", &x, &why, &note);
	assert_string_equal(got, "'O''Brien'");
	free(got);
	got = cmd_xlsform_default("3.5", &x, &why, &note);
	assert_string_equal(got, "3.5");
	free(got);
	got = cmd_xlsform_default("today()", &x, &why, &note);
	assert_string_equal(got, "today()");
	free(got);
	got = cmd_xlsform_default("${age} + 1", &x, &why, &note);
	assert_string_equal(got, ":age + 1");
	free(got);
}

static void
test_names(void **state)
{
	static const char *const cases[][2] = {
		{ "first_name", "first_name" }, { "First Name", "first_name" },
		{ "Q1.a-b", "q1_a_b" }, { "1st", "q_1st" }, { "__x__", "x" },
		{ "id", "id_q" }, { "version", "version_q" }, { "", "q" },
		{ "vuln\xc3\xa9rabilit\xc3\xa9", "vuln_rabilit" },
	};
	size_t i;
	char *n;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		n = cmd_xlsform_name(cases[i][0]);
		assert_string_equal(n, cases[i][1]);
		free(n);
	}
}

static void
test_plain(void **state)
{
	static const struct { const char *in, *out; bool changed; } cases[] = {
		{ "Plain ${first_name} text", "Plain ${first_name} text", false },
		{ "## Heading", "Heading", true },
		{ "This is **bold** and *it* and _em_", "This is bold and it and em", true },
		{ "<span style=\"color:red\">Red</span> word", "Red word", true },
		{ "See [the guide](http://example.org)", "See the guide (http://example.org)",
		    true },
		{ "Two\nlines", "Two lines", false },
		{ "snake_case stays", "snake_case stays", false },
		{ "a < b", "a < b", false },
	};
	size_t i;
	char *out;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		assert_int_equal(cmd_xlsform_plain(cases[i].in, &out), cases[i].changed);
		assert_string_equal(out, cases[i].out);
		free(out);
	}
}

static void
test_po_str(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	cmd_xlsform_po_str(&sb, "Say \"yes\"\\no\ttab\nline");
	assert_string_equal(strbuf_str(&sb), "\"Say \\\"yes\\\"\\\\no\\ttab\\nline\"");
	strbuf_free(&sb);
}

/* ---- whole workbooks ---------------------------------------------------------- */

#define TW_COLS 14

struct tw {
	char	path[64];
	struct xf_result res;
};

static void
tw_sheet(lxw_workbook *wb, const char *name, const char *const (*rows)[TW_COLS], size_t n)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, name);
	size_t r, c;

	for (r = 0; r < n; r++)
		for (c = 0; c < TW_COLS; c++)
			if (rows[r][c] != NULL)
				worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)c, rows[r][c], NULL);
}

static int
tw_setup(void **state)
{
	struct tw *t = xcalloc(1, sizeof *t);
	int fd;

	snprintf(t->path, sizeof t->path, "/tmp/avrr-xlsform-XXXXXX");
	fd = mkstemp(t->path);
	assert_true(fd >= 0);
	close(fd);
	*state = t;
	return 0;
}

static int
tw_teardown(void **state)
{
	struct tw *t = *state;

	unlink(t->path);
	cmd_xlsform_result_free(&t->res);
	free(t);
	return 0;
}

/* The text passes what check-forms checks. */
static void
tw_check_form(const char *text)
{
	struct form_set *set = form_set_new();
	struct db_expr *x = db_expr_new();
	size_t i;

	form_set_parse(set, "t.form", text);
	form_set_finish(set);
	db_expr_check_set(x, set);
	for (i = 0; i < set->nerrors; i++)
		print_error("%s\n", set->errors[i]);
	if (set->nerrors > 0)
		print_error("%s", text);
	assert_int_equal(set->nerrors, 0);
	db_expr_free(x);
	form_set_free(set);
}

static void
tw_lines(const struct tw *t, const char *const *want, size_t n)
{
	size_t i;
	char *line;

	for (i = 0; i < t->res.nlines; i++)
		print_message("got: %s\n", t->res.lines[i]);
	for (i = 0; i < n && i < t->res.nlines; i++) {
		bool same;

		line = xasprintf("%s:%s", t->path, want[i]);
		same = strcmp(t->res.lines[i], line) == 0;
		if (!same)
			print_error("want: %s\n", line);
		free(line);
		assert_true(same);
	}
	assert_int_equal(t->res.nlines, n);
}

static bool
tw_has(const char *text, const char *part)
{
	if (strstr(text, part) != NULL)
		return true;
	print_error("no '%s' in:\n%s\n", part, text);
	return false;
}

/* An intake in English and Ukrainian: settings, groups with relevance,
 * nested groups, a repeat counted by a field, a sum over it, a choice
 * filter, types a terminal has not, an expression avrr cannot run. */
static void
test_workbook(void **state)
{
	static const char *const survey[][TW_COLS] = {
		{ "type", "name", "label::English (en)", "label::Ukrainian (uk)",
		    "hint::English (en)", "hint::Ukrainian (uk)", "required", "relevant",
		    "constraint", "constraint_message::English (en)", "calculation",
		    "repeat_count", "choice_filter" },
		{ "start", "start" },
		{ "select_one yn", "consent", "Do you **agree**?", "Ви згодні?", NULL, NULL,
		    "yes" },
		{ "begin group", "about", "About the household", "Про домогосподарство", NULL,
		    NULL, NULL, "${consent} = 'yes'" },
		{ "integer", "hh_size", "Household size", "Розмір домогосподарства",
		    "All who live here", "Усі, хто тут живе", "true", NULL, ". > 0 and . < 30",
		    "Between 1 and 29" },
		{ "begin_group", "place" },
		{ "select_one region", "region", "Region", "Область" },
		{ "select_one town", "town", "Town", "Місто", NULL, NULL, NULL, NULL, NULL, NULL,
		    NULL, NULL, "region = ${region}" },
		{ "end_group" },
		{ "end group" },
		{ "begin repeat", "members", "Members", "Члени", NULL, NULL, NULL, NULL, NULL,
		    NULL, NULL, "${hh_size}" },
		{ "text", "Member Name", "Name of ${hh_size}", "Ім'я" },
		{ "decimal", "income", "Monthly income", NULL },
		{ "end repeat" },
		{ "calculate", "total", NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
		    "sum(${income})" },
		{ "geopoint", "where", "Where", "Де" },
		{ "image", "photo", "Photo" },
		{ "integer", "lucky", "Lucky number", NULL, NULL, NULL, NULL,
		    "pulldata('x', 'y', 'z', ${hh_size}) > 1" },
	};
	static const char *const choices[][TW_COLS] = {
		{ "list_name", "name", "label::English (en)", "label::Ukrainian (uk)", "region",
		    "media::image" },
		{ "yn", "yes", "Yes", "Так" },
		{ "yn", "no", "No", "Ні" },
		{ "region", "ba", "Bratislava", "Братислава" },
		{ "region", "ke", "Kosice", NULL },
		{ "town", "petr", "Petrzalka", "Петржалка", "ba" },
		{ "town", "sever", "Sever", NULL, "ke", "x.png" },
		{ "town", "bad code!", "Bad" },
	};
	static const char *const settings[][TW_COLS] = {
		{ "form_title", "form_id", "version", "default_language", "instance_name" },
		{ "Intake", "intake", "2026-11", "English (en)", "concat(${hh_size})" },
	};
	static const char *const want[] = {
		"survey:3: label: markdown or HTML made plain text",
		"survey:16: type 'geopoint' is a location: a terminal has no GPS: left out",
		"survey:17: type 'image' is a photo or a drawing: a terminal form holds text only: "
		    "left out",
		"survey:18: relevant: avrr has no function pulldata(): left out",
		"choices:1: column 'media::image' has no place in a terminal form: ignored",
		"choices:8: the choice code 'bad code!' is none avrr stores (letters, digits, then "
		    "also _ - and ., at most 64): left out",
		"settings:1: column 'instance_name' has no place in a terminal form: ignored",
	};
	struct tw *t = *state;
	lxw_workbook *wb = workbook_new(t->path);
	const char *text;

	tw_sheet(wb, "survey", survey, sizeof survey / sizeof survey[0]);
	tw_sheet(wb, "choices", choices, sizeof choices / sizeof choices[0]);
	tw_sheet(wb, "settings", settings, sizeof settings / sizeof settings[0]);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
	assert_true(cmd_xlsform_convert(t->path, &t->res));
	text = t->res.form_text;
	tw_check_form(text);
	assert_string_equal(t->res.form_name, "intake");
	assert_true(tw_has(text, "form intake\n  title \"Intake\"\n"));
	assert_true(tw_has(text, "# XLSForm version: 2026-11\n"));
	assert_true(tw_has(text, "field start\n  type datetime\n  hidden\n  default now\n"));
	assert_true(tw_has(text, "  type select_one intake_yn\n  label \"Do you agree?\"\n"
	    "  required\n"));
	assert_true(tw_has(text, "group \"About the household\"\n  relevant :consent = 'yes'\n"));
	assert_true(tw_has(text, "  constraint :hh_size > 0 AND :hh_size < 30\n"
	    "  message \"Between 1 and 29\"\n"));
	assert_true(tw_has(text, "group \"place\"\nfield region\n"));
	assert_true(tw_has(text, "end\nend\nrepeat members\n  label \"Members\"\n"
	    "  count :hh_size\n"));
	assert_true(tw_has(text, "# XLSForm name: Member Name\nfield member_name\n"));
	assert_true(tw_has(text, "  label \"Name of ${hh_size}\"\n"));
	assert_true(tw_has(text, "field total\n  type calculated\n  hidden\n"
	    "  calc sum(:members.income)\n"));
	assert_true(tw_has(text, "field lucky\n  type integer\n  label \"Lucky number\"\n"));
	assert_null(strstr(text, "where"));
	assert_true(tw_has(text, "choices intake_town\n  petr \"Petrzalka\" ba\n"
	    "  sever \"Sever\" ke\n"));
	assert_true(tw_has(text, "  filter region\n"));
	tw_lines(t, want, sizeof want / sizeof want[0]);
	/* one catalog: Ukrainian; English is the staff language */
	assert_int_equal(t->res.npo, 1);
	assert_string_equal(t->res.po_codes[0], "uk");
	text = t->res.po_texts[0];
	assert_true(tw_has(text, "\"Content-Type: text/plain; charset=UTF-8\\n\"\n"));
	assert_true(tw_has(text, "msgid \"Do you agree?\"\nmsgstr \"Ви згодні?\"\n"));
	assert_true(tw_has(text, "msgid \"All who live here\"\nmsgstr \"Усі, хто тут живе\"\n"));
	assert_true(tw_has(text, "msgid \"About the household\"\nmsgstr \"Про "
	    "домогосподарство\"\n"));
	assert_true(tw_has(text, "msgid \"Kosice\"\nmsgstr \"\"\n"));
	assert_true(tw_has(text, "msgid \"Intake\"\nmsgstr \"\"\n"));
	/* Intake, Between 1 and 29, place, Monthly income, Kosice, Sever, Lucky number */
	assert_int_equal(t->res.po_missing[0], 7);
}

/* A plain label column is the staff language; a nested repeat, an
 * unknown language, an end without begin, a select of a list that is not
 * there and what check-forms refuses are reported. */
static void
test_workbook_losses(void **state)
{
	static const char *const survey[][TW_COLS] = {
		{ "type", "name", "label", "label::French", "label::Klingon", "appearance",
		    "required_message", "constraint_message", "required", "constraint",
		    "default", "media::image" },
		{ "text", "1st name", "First name", "Prenom", "x", "multiline", "Needed",
		    "Too short", "yes", "string-length(.) > 1", "Ann", "a.png" },
		{ "select_one nolist", "pick", "Pick" },
		{ "begin repeat", "kids", "Kids" },
		{ "begin repeat", "toys", "Toys" },
		{ "text", "toy", "Toy" },
		{ "end repeat" },
		{ "integer", "age", "Age", NULL, NULL, "minimal", NULL, NULL, "${1st name} = 'x'" },
		{ "end repeat" },
		{ "end group" },
		{ "note", "n", "Hello ${nobody}", NULL, NULL, NULL, NULL, NULL, "yes" },
		{ "calculate", "c", NULL, NULL, NULL, NULL, NULL, NULL, "yes", NULL, NULL },
	};
	static const char *const want[] = {
		"survey:1: the language 'Klingon' has no code (write it 'Name (code)', as "
		    "'Ukrainian (uk)'): its columns are ignored",
		"survey:1: column 'media::image' has no place in a terminal form: ignored",
		"survey:2: required_message: avrr has one message for the rule and the required "
		    "answer; the constraint's is kept: left out",
		"survey:3: the choice list 'nolist' is not on the choices sheet: left out",
		"survey:5: a repeat within a repeat: avrr has none, so it is left out with every "
		    "row in it",
		"survey:6: left out with the repeat of row 5",
		"survey:7: left out with the repeat of row 5",
		"survey:8: appearance 'minimal' has no place in a terminal form: ignored",
		"survey:8: required: '${1st name} = 'x'' depends on other answers, which avrr "
		    "cannot carry over: left out",
		"survey:10: this end closes no open group or repeat: ignored",
		"survey:11: label: ${nobody} names no question avrr keeps with a value: written "
		    "nobody",
		"survey:11: check-forms would refuse it (a note holds no value; it cannot be "
		    "required): 'required' is left out",
		"survey:12: a calculate without calculation: left out",
	};
	struct tw *t = *state;
	lxw_workbook *wb = workbook_new(t->path);
	const char *text;

	tw_sheet(wb, "survey", survey, sizeof survey / sizeof survey[0]);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
	assert_true(cmd_xlsform_convert(t->path, &t->res));
	text = t->res.form_text;
	tw_check_form(text);
	assert_true(tw_has(text, "field q_1st_name\n  type multiline\n  label \"First name\"\n"
	    "  required\n  constraint string_length(:q_1st_name) > 1\n"
	    "  message \"Too short\"\n  default 'Ann'\n"));
	assert_true(tw_has(text, "repeat kids\n  label \"Kids\"\nfield age\n"));
	assert_null(strstr(text, "toy"));
	assert_true(tw_has(text, "  label \"Hello nobody\"\n"));
	tw_lines(t, want, sizeof want / sizeof want[0]);
	assert_int_equal(t->res.npo, 1);
	assert_string_equal(t->res.po_codes[0], "fr");
	assert_true(tw_has(t->res.po_texts[0], "msgid \"First name\"\nmsgstr \"Prenom\"\n"));
}

static void
test_refused(void **state)
{
	static const char *const other[][TW_COLS] = { { "type", "name" }, { "text", "a" } };
	static const char *const only_geo[][TW_COLS] = {
		{ "type", "name", "label" }, { "geopoint", "here", "Here" }
	};
	struct tw *t = *state;
	lxw_workbook *wb = workbook_new(t->path);
	FILE *f;

	tw_sheet(wb, "questions", other, 2);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
	assert_false(cmd_xlsform_convert(t->path, &t->res));
	assert_non_null(strstr(t->res.error, "survey"));
	cmd_xlsform_result_free(&t->res);
	wb = workbook_new(t->path);
	tw_sheet(wb, "survey", only_geo, 2);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
	assert_false(cmd_xlsform_convert(t->path, &t->res));
	assert_non_null(strstr(t->res.error, "no question"));
	assert_int_equal(t->res.nlines, 1);
	cmd_xlsform_result_free(&t->res);
	f = fopen(t->path, "w");
	fputs("not a workbook", f);
	fclose(f);
	assert_false(cmd_xlsform_convert(t->path, &t->res));
	assert_non_null(t->res.error);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_expr),
		cmocka_unit_test(test_expr_notes_defaults),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_plain),
		cmocka_unit_test(test_po_str),
		cmocka_unit_test_setup_teardown(test_workbook, tw_setup, tw_teardown),
		cmocka_unit_test_setup_teardown(test_workbook_losses, tw_setup, tw_teardown),
		cmocka_unit_test_setup_teardown(test_refused, tw_setup, tw_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
