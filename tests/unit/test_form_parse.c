/*
 * form/form: the parser, the cross-checks, the writer (golden round trips)
 * and the look-ups. Run from the top of the tree (tests/data/...).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "form/form.h"
#include "util/mem.h"
#include "util/str.h"
#include "util/tr.h"

#define BAD	"tests/data/forms-bad"
#define GOLDEN	"tests/data/golden"

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

/* Every form, then every list of the file, as the golden .out files hold them. */
static char *
write_all(const struct form_set *set)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	for (i = 0; i < set->nforms; i++) {
		char *s = form_def_write(set->forms[i]);

		strbuf_printf(&sb, "%s%s", sb.len > 0 ? "\n" : "", s);
		free(s);
	}
	for (i = 0; i < set->nchoices; i++) {
		char *s;

		if (set->choices[i]->builtin)
			continue;
		s = form_choices_write(set->choices[i]);
		strbuf_printf(&sb, "%s%s", sb.len > 0 ? "\n" : "", s);
		free(s);
	}
	return strbuf_take(&sb);
}

static struct form_set *
parse(const char *text)
{
	struct form_set *set = form_set_new();

	form_set_parse(set, "t.form", text);
	form_set_finish(set);
	return set;
}

static void
print_errors(const struct form_set *set)
{
	size_t i;

	for (i = 0; i < set->nerrors; i++)
		print_message("  %s\n", set->errors[i]);
}

/* Every bad form of tests/data/forms-bad gives exactly the expected messages. */
static void
test_bad_forms(void **state)
{
	struct form_set *set = form_set_load_dir(BAD);
	char *expected = slurp(BAD "/expected.txt");
	char *line, *save = NULL;
	size_t i = 0;

	(void)state;
	for (line = strtok_r(expected, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save), i++) {
		if (i >= set->nerrors)
			fail_msg("missing error: %s", line);
		if (strcmp(line, set->errors[i]) != 0)
			fail_msg("error %zu:\n  expected: %s\n  got:      %s", i + 1, line,
			    set->errors[i]);
	}
	if (i != set->nerrors) {
		print_errors(set);
		fail_msg("%zu errors expected, %zu reported", i, set->nerrors);
	}
	free(expected);
	form_set_free(set);
}

/* Each bad file on its own still reports its problem (never stops early). */
static void
test_every_bad_file_has_errors(void **state)
{
	static const char *const files[] = {
		"bad_escape", "bad_length", "bad_minmax", "bad_name", "bad_type",
		"bad_values", "calc", "choices_bad", "control", "dup_field", "end_without",
		"key_outside", "key_twice", "nested_repeat", "no_form", "no_title",
		"notes", "reserved", "two_forms", "unknown_block", "unknown_key",
		"unterminated", "utf8", "repeat_unended", "empty",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof files / sizeof files[0]; i++) {
		char *path = xasprintf(BAD "/%s.form", files[i]);
		char *text = slurp(path);
		struct form_set *set = form_set_new();

		form_set_parse(set, path, text);
		if (set->nerrors == 0)
			fail_msg("%s: no error", path);
		form_set_free(set);
		free(text);
		free(path);
	}
}

static void
golden_one(const char *name)
{
	char *in_path = xasprintf(GOLDEN "/%s.form", name);
	char *out_path = xasprintf(GOLDEN "/%s.out", name);
	char *in = slurp(in_path), *want = slurp(out_path), *got, *again;
	struct form_set *set = form_set_new(), *set2 = form_set_new();

	form_set_parse(set, in_path, in);
	print_errors(set);
	assert_int_equal(set->nerrors, 0);
	got = write_all(set);
	assert_string_equal(got, want);
	form_set_parse(set2, out_path, got);
	assert_int_equal(set2->nerrors, 0);
	again = write_all(set2);
	assert_string_equal(again, got);
	free(again);
	free(got);
	free(in);
	free(want);
	free(in_path);
	free(out_path);
	form_set_free(set);
	form_set_free(set2);
}

static void
test_golden_round_trip(void **state)
{
	(void)state;
	golden_one("family");
	golden_one("lists");
	golden_one("groups");
}

/* Groups nest, a section lasts until the next one or its group's end, each
 * keeps its relevance; hidden, count and bounds that are expressions. */
static void
test_groups_model(void **state)
{
	struct form_set *set = form_set_new();
	char *in = slurp(GOLDEN "/groups.form");
	const struct form_def *def, *people;
	const struct form_field *f;

	(void)state;
	form_set_parse(set, "groups.form", in);
	form_set_finish(set);
	print_errors(set);
	assert_int_equal(set->nerrors, 0);
	def = set->forms[0];
	assert_int_equal(def->ngroups, 3);
	f = &def->fields[form_field_index(def, "size")];
	assert_string_equal(f->grp->label, "Household");
	assert_false(f->grp->section);
	assert_string_equal(f->grp->relevant, ":size > 0");
	assert_int_equal(f->grp->depth, 0);
	f = &def->fields[form_field_index(def, "born")];
	assert_string_equal(f->grp->label, "Money");
	assert_true(f->grp->section);
	assert_string_equal(f->grp->relevant, ":size > 1");
	assert_string_equal(f->grp->up->label, "Household");
	assert_string_equal(f->section, "Money");
	f = &def->fields[form_field_index(def, "arrived")];
	assert_true(form_bound_is_expr(f->min));
	assert_true(form_bound_is_expr(f->max));
	assert_false(form_bound_is_expr("2026-01-01"));
	assert_false(form_bound_is_expr("08:30"));
	assert_false(form_bound_is_expr("today"));
	f = &def->fields[form_field_index(def, "deep")];
	assert_int_equal(f->grp->depth, 2);
	assert_string_equal(f->grp->up->up->label, "Household");
	f = &def->fields[form_field_index(def, "people")];
	assert_null(f->grp);			/* after the group's end */
	assert_string_equal(f->count, ":size");
	assert_string_equal(f->max, ":size + 1");
	people = f->group;
	assert_string_equal(people->fields[0].grp->label, "In a row");
	assert_ptr_equal(people->parent, def);
	f = &def->fields[form_field_index(def, "office")];
	assert_true(f->hidden);
	assert_null(f->grp);
	free(in);
	form_set_free(set);
}

struct refs_seen {
	char	buf[128];
};

static void
refs_add(void *arg, const char *name, size_t len)
{
	struct refs_seen *r = arg;

	strncat(r->buf, name, len);
	strcat(r->buf, ";");
}

/* ${name} in texts: each found once, and a ${ that is none refused. */
static void
test_text_refs(void **state)
{
	struct refs_seen r = { "" };

	(void)state;
	form_text_refs("Hello ${surname}, ${given_names}! $5 {x} ${", refs_add, &r);
	assert_string_equal(r.buf, "surname;given_names;");
	assert_true(form_text_refs_ok("Price $5 and {braces}"));
	assert_false(form_text_refs_ok("Hello ${ surname}"));
	assert_false(form_text_refs_ok("Hello ${Surname}"));
	assert_false(form_text_refs_ok("Hello ${surname"));
}

/* The golden folder loads clean as a whole: lists found, tables derived. */
static void
test_golden_folder(void **state)
{
	struct form_set *set = form_set_load_dir(GOLDEN);
	const struct form_def *def;
	int i;

	(void)state;
	print_errors(set);
	assert_int_equal(set->nerrors, 0);
	assert_int_equal(set->nforms, 2);
	def = form_set_find(set, "family");
	assert_non_null(def);
	i = form_field_index(def, "members");
	assert_true(i >= 0);
	assert_string_equal(def->fields[i].group->table, "family_members");
	assert_ptr_equal(def->fields[i].group->parent, def);
	form_set_free(set);
}

/* The real forms/ folder survives write -> parse -> write unchanged. */
static void
test_real_forms_round_trip(void **state)
{
	struct form_set *set = form_set_load_dir("forms");
	size_t i;

	(void)state;
	if (set->nforms == 0)
		skip();
	for (i = 0; i < set->nforms; i++) {
		char *a = form_def_write(set->forms[i]), *b;
		struct form_set *set2 = form_set_new();

		form_set_parse(set2, "again.form", a);
		assert_int_equal(set2->nforms, 1);
		b = form_def_write(set2->forms[0]);
		assert_string_equal(a, b);
		free(a);
		free(b);
		form_set_free(set2);
	}
	form_set_free(set);
}

static const char model_text[] =
    "form visit\n"
    "  title \"Visit\"\n"
    "  case required\n"
    "  once\n"
    "field day\n"
    "  type date\n"
    "  min 2020-01-01\n"
    "  max today\n"
    "  required\n"
    "section \"Where\"\n"
    "field country\n"
    "  type select_one country\n"
    "field town\n"
    "  type select_one town\n"
    "  filter country\n"
    "  search name\n"
    "repeat people\n"
    "  label \"People\"\n"
    "  max 9\n"
    "field who\n"
    "  type text\n"
    "  length 40\n"
    "  summary\n"
    "end\n"
    "choices town\n"
    "  ba \"Bratislava\" sk\n"
    "  ke \"Ko\xc5\xa1ice\" sk\n"
    "  wien \"Vienna\" at\n";

static void
test_model(void **state)
{
	struct form_set *set = parse(model_text);
	const struct form_def *def;
	const struct form_field *f;
	const struct form_choices *c;

	(void)state;
	print_errors(set);
	assert_int_equal(set->nerrors, 0);
	def = form_set_find(set, "visit");
	assert_non_null(def);
	assert_string_equal(def->table, "visit");
	assert_string_equal(def->title, "Visit");
	assert_true(def->needs_case);
	assert_true(def->once);
	assert_int_equal(def->nfields, 4);
	f = &def->fields[0];
	assert_int_equal(f->type, FT_DATE);
	assert_null(f->label);
	assert_null(f->section);
	assert_string_equal(f->min, "2020-01-01");
	assert_string_equal(f->max, "today");
	assert_true(f->required);
	f = &def->fields[2];
	assert_string_equal(f->section, "Where");
	assert_string_equal(f->filter, "country");
	assert_int_equal(f->search, FS_NAME);
	f = &def->fields[3];
	assert_int_equal(f->type, FT_REPEAT);
	assert_string_equal(f->max, "9");
	assert_string_equal(f->group->table, "visit_people");
	assert_string_equal(f->group->title, "People");
	assert_int_equal(f->group->fields[0].length, 40);
	assert_true(f->group->fields[0].summary);	/* first in its row's summary */
	assert_false(def->fields[0].summary);
	assert_null(f->group->fields[0].section);
	c = form_set_choices(set, "town");
	assert_int_equal(c->nitems, 3);
	assert_string_equal(form_choice_find(c, "ke")->label, "Ko\xc5\xa1ice");
	assert_string_equal(form_choice_find(c, "wien")->parent, "at");
	assert_null(form_choice_find(c, "zz"));
	assert_int_equal(form_field_index(def, "nothing"), -1);
	assert_null(form_set_find(set, "nothing"));
	form_set_free(set);
}

/* Choice codes as real lists write them (capitals, hyphens, leading digits)
 * are kept exactly; a value is matched to its code exactly first. */
static void
test_real_choice_codes(void **state)
{
	struct form_set *set = parse("form a\n  title \"A\"\nfield o\n  type select_one oblast\n"
	    "choices oblast\n  CEJ001 \"Cherkasy\"\n  ivano-frankivska \"Ivano-Frankivsk\"\n"
	    "  1st \"First\"\n  v2.5 \"Version 2.5\"\n");
	const struct form_choices *c;

	(void)state;
	print_errors(set);
	assert_int_equal(set->nerrors, 0);
	c = form_set_choices(set, "oblast");
	assert_int_equal(c->nitems, 4);
	assert_string_equal(c->items[0].code, "CEJ001");
	assert_string_equal(c->items[1].code, "ivano-frankivska");
	assert_string_equal(c->items[2].code, "1st");
	assert_non_null(form_choice_find(c, "v2.5"));
	assert_null(form_choice_find(c, "cej001"));
	form_set_free(set);
}

static int test_fills;

static void
test_fill(struct form_choices *c)
{
	test_fills++;
	c->items = calloc(1, sizeof *c->items);
	c->items[0].code = strdup("SK");
	c->items[0].label = strdup("Slovakia");
	c->nitems = 1;
}

/* A built-in list is filled the first time it is asked for, once; loading
 * forms that name it does not (a start-up that shows none reads none). */
static void
test_builtin_filled_on_use(void **state)
{
	struct form_set *set;
	struct form_choices *c;

	(void)state;
	set = parse("form a\n  title \"A\"\nfield c\n  type select_one country\n");
	set->fill = test_fill;
	assert_int_equal(test_fills, 0);
	c = form_set_choices(set, "country");
	assert_int_equal(test_fills, 1);
	assert_int_equal(c->nitems, 1);
	assert_string_equal(c->items[0].code, "SK");
	form_set_choices(set, "country");
	assert_int_equal(test_fills, 1);
	form_set_free(set);
}

static void
test_builtin_lists(void **state)
{
	static const char *const names[] = { "country", "language", "currency" };
	struct form_set *set = form_set_new();
	size_t i;

	(void)state;
	for (i = 0; i < 3; i++) {
		struct form_choices *c = form_set_choices(set, names[i]);

		assert_non_null(c);
		assert_true(c->builtin);
		assert_int_equal(c->nitems, 0);
	}
	assert_null(form_set_choices(set, "nationality"));
	form_set_free(set);
	set = parse("form a\n  title \"A\"\nfield l\n  type select_many language\n"
	    "field c\n  type select_one currency\n");
	assert_int_equal(set->nerrors, 0);
	form_set_free(set);
}

/* Windows line ends and a missing last newline read like plain text. */
static void
test_crlf(void **state)
{
	struct form_set *set = parse("form a\r\n  title \"A\"\r\n\r\nfield b\r\n  type text");

	(void)state;
	print_errors(set);
	assert_int_equal(set->nerrors, 0);
	assert_string_equal(set->forms[0]->title, "A");
	assert_int_equal(set->forms[0]->fields[0].type, FT_TEXT);
	form_set_free(set);
}

static void
test_folder_problems(void **state)
{
	char tmpl[] = "/tmp/avrr-test-XXXXXX";
	struct form_set *set;
	char *dir;

	(void)state;
	set = form_set_load_dir("/nonexistent/forms");
	assert_int_equal(set->nerrors, 1);
	assert_non_null(strstr(set->errors[0], "/nonexistent/forms: cannot read the folder"));
	form_set_free(set);
	dir = mkdtemp(tmpl);
	assert_non_null(dir);
	set = form_set_load_dir(dir);
	assert_int_equal(set->nerrors, 1);
	assert_non_null(strstr(set->errors[0], "no .form files in the folder"));
	assert_ptr_equal(strstr(set->errors[0], dir), set->errors[0]);
	form_set_free(set);
	rmdir(dir);
}

static const char *
shout(const char *msgid)
{
	return strcmp(msgid, "'end' without 'repeat' or 'group'") == 0 ? "END BEZ REPEAT" : msgid;
}

/* Messages go through the translation hook. */
static void
test_messages_translated(void **state)
{
	struct form_set *set;

	(void)state;
	util_set_tr(shout);
	set = parse("form a\n  title \"A\"\nfield b\n  type text\nend\n");
	util_set_tr(NULL);
	assert_int_equal(set->nerrors, 1);
	assert_string_equal(set->errors[0], "t.form:5: END BEZ REPEAT");
	form_set_free(set);
}

static void
test_type_names(void **state)
{
	int t;

	(void)state;
	for (t = 0; t < FT__COUNT; t++)
		assert_string_not_equal(form_type_name((enum form_type)t), "?");
	assert_string_equal(form_type_name(FT_SELECT_MANY), "select_many");
	assert_false(form_type_has_value(FT_NOTE));
	assert_false(form_type_has_value(FT_REPEAT));
	assert_true(form_type_has_value(FT_CALCULATED));
	assert_true(form_type_is_numeric(FT_MONEY));
	assert_false(form_type_is_numeric(FT_DATE));
}

/* Codes and field names are found by their sorted indexes as by a walk
 * through the list, in any order they were written, and an index follows
 * items added later. */
static void
test_choice_lookup(void **state)
{
	static const char text[] = "form f\n  title \"F\"\nfield z\n  type text\n"
	    "field a\n  type select_one big\nfield m\n  type text\n"
	    "choices big\n  zw \"Z\"\n  ab \"A\"\n  mm \"M\"\n  ac \"C\"\n  a \"A1\"\n";
	struct form_set *set = form_set_new();
	struct form_choices *c;
	const char *codes[] = { "zw", "ab", "mm", "ac", "a" };
	size_t i;

	(void)state;
	form_set_parse(set, "f.form", text);
	form_set_finish(set);
	for (i = 0; i < set->nerrors; i++)
		print_error("%s\n", set->errors[i]);
	assert_int_equal(set->nerrors, 0);
	assert_non_null(set->forms[0]->by_name);
	assert_int_equal(form_field_index(set->forms[0], "z"), 0);
	assert_int_equal(form_field_index(set->forms[0], "a"), 1);
	assert_int_equal(form_field_index(set->forms[0], "m"), 2);
	assert_int_equal(form_field_index(set->forms[0], "b"), -1);
	c = form_set_choices(set, "big");
	assert_non_null(c->by_code);
	for (i = 0; i < 5; i++)
		assert_ptr_equal(form_choice_find(c, codes[i]), &c->items[i]);
	assert_null(form_choice_find(c, "b"));
	assert_null(form_choice_find(c, ""));
	assert_null(form_choice_find(c, "zz"));
	c->items = xrealloc(c->items, 6 * sizeof *c->items);
	memset(&c->items[5], 0, sizeof c->items[5]);
	c->items[5].code = xstrdup("aa");
	c->items[5].label = xstrdup("AA");
	c->nitems = 6;
	form_choices_index(c);
	assert_ptr_equal(form_choice_find(c, "aa"), &c->items[5]);
	assert_ptr_equal(form_choice_find(c, "zw"), &c->items[0]);
	form_set_free(set);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bad_forms),
		cmocka_unit_test(test_every_bad_file_has_errors),
		cmocka_unit_test(test_golden_round_trip),
		cmocka_unit_test(test_groups_model),
		cmocka_unit_test(test_text_refs),
		cmocka_unit_test(test_golden_folder),
		cmocka_unit_test(test_real_forms_round_trip),
		cmocka_unit_test(test_model),
		cmocka_unit_test(test_builtin_lists),
		cmocka_unit_test(test_builtin_filled_on_use),
		cmocka_unit_test(test_real_choice_codes),
		cmocka_unit_test(test_choice_lookup),
		cmocka_unit_test(test_crlf),
		cmocka_unit_test(test_folder_problems),
		cmocka_unit_test(test_messages_translated),
		cmocka_unit_test(test_type_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
