/*
 * End-to-end tests of the form language's constructs on screen, at 80x24,
 * on the form of tests/data/lang-forms: groups within groups and their
 * relevance, a repeat whose count comes from a field, sum and count over its
 * rows, a row reading a field of its form, a bound taken from another field,
 * a hidden field, a label showing another field's value, a time, the
 * XLSForm functions and choice codes as real lists write them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "util/mem.h"

#define LANG_FORMS "tests/data/lang-forms"

struct t {
	struct e2e_db	*db;
	struct vt	*vt;
};

static int
setup(void **state)
{
	struct t *t = xcalloc(1, sizeof *t);

	t->db = e2e_db_new_forms(LANG_FORMS);
	*state = t;
	return 0;
}

static int
teardown(void **state)
{
	struct t *t = *state;

	vt_free(t->vt);
	e2e_db_free(t->db);
	free(t);
	return 0;
}

static void
start(struct t *t)
{
	t->vt = e2e_start(t->db, NULL, 24, 80);
	VT_ASSERT_TEXT(t->vt, "Find a case", 8000);
	vt_ctrl(t->vt, 'n');
	VT_ASSERT_TEXT(t->vt, "Surname", 5000);
}

static void
assert_value(struct t *t, const char *field, const char *want)
{
	char *v = e2e_value(t->db, "registration", field);

	if (want == NULL)
		assert_null(v);
	else
		assert_string_equal(v != NULL ? v : "(null)", want);
	free(v);
}

/* The identity group filled in: surname, names, dates, a time, consent. */
static void
fill_identity(struct t *t, const char *consent, const char *size)
{
	vt_type(t->vt, "Novak\tJan\t1.2.1990\t1.3.2020\t\t9:30\t");
	vt_type(t->vt, consent);
	vt_type(t->vt, "\t");
	vt_type(t->vt, size);
}

/* A group shows, with its heading, only while its relevance holds; its
 * heading shows another field's value; a group within it is indented. */
static void
test_group_relevance(void **state)
{
	struct t *t = *state;
	int row;

	start(t);
	VT_ASSERT_ROW(t->vt, 2, " Identity", 5000);
	fill_identity(t, "y", "0");
	assert_false(vt_wait_text(t->vt, "Household of", 300));
	assert_false(vt_wait_text(t->vt, "Family members", 10));
	vt_ctrl(t->vt, 'u');
	vt_type(t->vt, "2");	/* as it is typed */
	VT_ASSERT_TEXT(t->vt, "Household of Novak", 5000);
	row = e2e_row_of(t->vt, "Household of Novak");
	VT_ASSERT_ROW(t->vt, row, " Household of Novak", 10);	/* a top heading */
	VT_ASSERT_ROW(t->vt, row + 1, "   Members", 10);		/* within it */
	VT_ASSERT_ROW(t->vt, row + 2, " Family members", 10);
	VT_ASSERT_TEXT(t->vt, "   Money", 10);
	vt_ctrl(t->vt, 'u');
	vt_type(t->vt, "0");
	assert_true(e2e_wait_gone(t->vt, "Household of", 5000));
	e2e_gone(t->vt, "Total income");
}

/* A repeat counted by a field gets its rows; a row reads its form's field;
 * the form sums and counts the rows; the hidden field is stored, not shown;
 * the time is stored as HH:MM. */
static void
test_count_sum_hidden(void **state)
{
	struct t *t = *state;

	start(t);
	fill_identity(t, "y", "2\t");
	VT_ASSERT_TEXT(t->vt, "Rows: 2", 5000);
	VT_ASSERT_TEXT(t->vt, "2. (empty row)", 10);
	VT_ASSERT_TEXT(t->vt, "09:30", 10);
	e2e_select(t->vt, "1. (empty row)");
	vt_key(t->vt, VT_ENTER);
	VT_ASSERT_TEXT(t->vt, "Family members 1", 5000);
	VT_ASSERT_TEXT(t->vt, "Share with the office?", 5000);	/* consent: yes */
	vt_type(t->vt, "Eva\t250.5\ty\t");
	vt_key(t->vt, VT_ESC);
	VT_ASSERT_TEXT(t->vt, "1. Eva, 250.5, Yes", 5000);
	VT_ASSERT_ROW(t->vt, e2e_row_of(t->vt, "Total income"), "250.5", 5000);
	e2e_gone(t->vt, "office");
	e2e_gone(t->vt, "BA");
	e2e_select(t->vt, "2. (empty row)");
	vt_key(t->vt, VT_ENTER);
	VT_ASSERT_TEXT(t->vt, "Family members 2", 5000);
	vt_type(t->vt, "Oleh\t100");
	vt_ctrl(t->vt, 'o');		/* in a row: checks it and saves the whole form */
	VT_ASSERT_TEXT(t->vt, "Saved.", 5000);
	assert_value(t, "total_income", "350.5");
	assert_value(t, "members_named", "2");
	assert_value(t, "office", "BA");
	assert_value(t, "visit_time", "09:30");
	assert_int_equal(e2e_sql_count(t->db, "SELECT count(*) FROM registration_family"), 2);
}

/* Without consent, a row does not ask what only consent allows. */
static void
test_row_reads_form(void **state)
{
	struct t *t = *state;

	start(t);
	fill_identity(t, "n", "1\t");
	VT_ASSERT_TEXT(t->vt, "Rows: 1", 5000);
	e2e_select(t->vt, "1. (empty row)");
	vt_key(t->vt, VT_ENTER);
	VT_ASSERT_TEXT(t->vt, "Monthly income", 5000);
	assert_false(vt_wait_text(t->vt, "Share with the office?", 300));
}

/* A date's earliest day is another field's value: checked on save. */
static void
test_bound_from_field(void **state)
{
	struct t *t = *state;

	start(t);
	vt_type(t->vt, "Novak\tJan\t1.2.1990\t1.1.1980\t");
	vt_ctrl(t->vt, 'o');
	VT_ASSERT_TEXT(t->vt, "'1980-01-01' is before the earliest allowed", 5000);
	assert_int_equal(e2e_count(t->db, "registration"), 0);
	vt_ctrl(t->vt, 'u');
	vt_type(t->vt, "1.3.2020");
	vt_ctrl(t->vt, 'o');
	VT_ASSERT_TEXT(t->vt, "Saved.", 5000);
	assert_value(t, "arrived", "2020-03-01");
}

/* concat() and int() as calculations, a regex() constraint with its
 * message, and choice codes with capitals and hyphens stored exactly. */
static void
test_functions_and_codes(void **state)
{
	struct t *t = *state;

	start(t);
	fill_identity(t, "y", "0\t");
	VT_ASSERT_TEXT(t->vt, "Jan Novak", 5000);	/* concat(given, ' ', surname) */
	vt_type(t->vt, "cej01\t");
	vt_ctrl(t->vt, 'o');
	VT_ASSERT_TEXT(t->vt, "Three capitals and three digits, as CEJ001", 5000);
	assert_int_equal(e2e_count(t->db, "registration"), 0);
	vt_ctrl(t->vt, 'u');
	vt_type(t->vt, "CEJ001\t");
	vt_type(t->vt, "ivano");
	VT_ASSERT_TEXT(t->vt, "Filter:", 5000);
	vt_key(t->vt, VT_ENTER);
	VT_ASSERT_TEXT(t->vt, "Ivano-Frankivsk", 5000);
	vt_ctrl(t->vt, 'o');
	VT_ASSERT_TEXT(t->vt, "Saved.", 5000);
	assert_value(t, "full_name", "Jan Novak");
	assert_value(t, "case_code", "CEJ001");
	assert_value(t, "district", "ivano-frankivska");
}

/* A required field's own message; a time typed as people type it, and one
 * that is no time. */
static void
test_required_message_and_time(void **state)
{
	struct t *t = *state;

	start(t);
	vt_ctrl(t->vt, 'o');
	VT_ASSERT_TEXT(t->vt, "Ask for the surname as the passport writes it", 5000);
	e2e_gone(t->vt, "Surname is required");
	vt_type(t->vt, "Novak\tJan\t1.2.1990\t1.3.2020\t\t25:00\t");
	VT_ASSERT_TEXT(t->vt, "'25:00' is not a time (use 14:30 or 9:05)", 5000);
	vt_ctrl(t->vt, 'o');
	VT_ASSERT_TEXT(t->vt, "Not saved", 5000);
	assert_int_equal(e2e_count(t->db, "registration"), 0);
	vt_ctrl(t->vt, 'u');		/* the cursor is on the time, at fault */
	vt_type(t->vt, "7.05\t");
	VT_ASSERT_TEXT(t->vt, "07:05", 5000);
	vt_ctrl(t->vt, 'o');
	VT_ASSERT_TEXT(t->vt, "Saved.", 5000);
	assert_value(t, "visit_time", "07:05");
}

/* What check-forms refuses, as a person running it sees it in a terminal:
 * markdown, HTML and ${} that name nothing, each with its file, line and
 * field. */
static void
test_check_forms_refuses(void **state)
{
	const char *bin = getenv("AVRR_BIN") != NULL ? getenv("AVRR_BIN") : "build/test/avrr";
	char dir[] = "/tmp/avrr-lang-bad-XXXXXX";
	char *src, *dst, *text;
	const char *argv[] = { bin, "check-forms", dir, NULL };
	struct vt *vt;
	FILE *f;

	(void)state;
	assert_non_null(mkdtemp(dir));
	text = e2e_slurp("tests/data/forms-bad/groups.form", NULL);
	assert_non_null(text);
	dst = xasprintf("%s/groups.form", dir);
	assert_non_null(f = fopen(dst, "w"));
	fputs(text, f);
	fclose(f);
	vt = vt_spawn(argv, NULL, 24, 80);
	assert_non_null(vt);
	/* 80 columns: the lines wrap, so each is looked for by its start */
	VT_ASSERT_TEXT(vt, "groups.form:18: field 'd': label: a markdown heading", 5000);
	VT_ASSERT_TEXT(vt, "groups.form:27: field 'g': say: an HTML tag", 5000);
	VT_ASSERT_TEXT(vt, "groups.form:30: field 'h': label: ${nobody} names no", 5000);
	VT_ASSERT_TEXT(vt, "groups.form:14: a hidden field is never shown", 5000);
	assert_int_equal(vt_wait_exit(vt, 5000), 1);
	vt_free(vt);
	src = xasprintf("%s", dir);
	unlink(dst);
	rmdir(src);
	free(src);
	free(dst);
	free(text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_group_relevance, setup, teardown),
		cmocka_unit_test_setup_teardown(test_count_sum_hidden, setup, teardown),
		cmocka_unit_test_setup_teardown(test_row_reads_form, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bound_from_field, setup, teardown),
		cmocka_unit_test_setup_teardown(test_functions_and_codes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_required_message_and_time, setup, teardown),
		cmocka_unit_test(test_check_forms_refuses),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
