/*
 * End-to-end tests of the form runtime: the real avrr in a pty, read through
 * libvterm, with the rows it wrote read back through the data layer.
 */
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "db/cases.h"
#include "db/record.h"
#include "util/mem.h"

struct t {
	struct e2e_db	*db;
	struct vt	*vt;
};

static int
setup(void **state)
{
	struct t *t = xcalloc(1, sizeof *t);

	t->db = e2e_db_new();
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
start(struct t *t, const char *const env[], int rows, int cols)
{
	t->vt = e2e_start(t->db, env, rows, cols);
	VT_ASSERT_TEXT(t->vt, "Find a case", 8000);
}

static void
assert_value(struct t *t, const char *form, const char *field, const char *want)
{
	char *v = e2e_value(t->db, form, field);

	if (want == NULL)
		assert_null(v);
	else
		assert_string_equal(v != NULL ? v : "(null)", want);
	free(v);
}

/* Relevance, a calculation, a picker, a constraint error, then a save. */
static void
test_fill_and_save(void **state)
{
	struct t *t = *state;

	start(t, NULL, 24, 80);
	vt_ctrl(t->vt, 'n');
	VT_ASSERT_TEXT(t->vt, "Surname", 5000);
	assert_false(vt_wait_text(t->vt, "Interpreter's language", 50));
	vt_type(t->vt, "Novák");
	vt_key(t->vt, VT_TAB);
	vt_type(t->vt, "Ján");
	vt_key(t->vt, VT_TAB);
	vt_type(t->vt, "1.2.1990");
	VT_ASSERT_ROW(t->vt, 6, "36", 5000);	/* age, calculated as typed, before Tab */
	vt_key(t->vt, VT_TAB);
	VT_ASSERT_TEXT(t->vt, "1990-02-01 Thu", 5000);
	vt_type(t->vt, "slovak");
	VT_ASSERT_TEXT(t->vt, "Filter:", 5000);
	vt_key(t->vt, VT_ENTER);
	VT_ASSERT_TEXT(t->vt, "Slovakia", 5000);
	vt_key(t->vt, VT_TAB);
	vt_type(t->vt, "y");
	VT_ASSERT_TEXT(t->vt, "Interpreter's language", 5000);
	vt_key(t->vt, VT_TAB);
	vt_type(t->vt, "ukrain");
	VT_ASSERT_TEXT(t->vt, "Filter:", 5000);
	vt_key(t->vt, VT_ENTER);
	VT_ASSERT_TEXT(t->vt, "Ukrainian", 5000);
	vt_key(t->vt, VT_TAB);
	vt_type(t->vt, "20");
	vt_key(t->vt, VT_TAB);
	VT_ASSERT_TEXT(t->vt, "More than 14 children? Check the number.", 5000);
	vt_ctrl(t->vt, 'o');
	VT_ASSERT_TEXT(t->vt, "Not saved", 5000);
	assert_int_equal(e2e_count(t->db, "registration"), 0);
	vt_ctrl(t->vt, 'u');
	vt_type(t->vt, "2\t\t");	/* children, phone: to the notes */
	vt_type(t->vt, "first line");
	vt_key(t->vt, VT_ENTER);	/* multi-line: a new line, not the next field */
	vt_type(t->vt, "second");
	VT_ASSERT_TEXT(t->vt, "first line\u21b5second", 5000);
	vt_ctrl(t->vt, 'o');
	VT_ASSERT_TEXT(t->vt, "Saved.", 5000);
	assert_value(t, "registration", "notes", "first line\nsecond");
	VT_ASSERT_TEXT(t->vt, "Forms of this case", 5000);
	assert_value(t, "registration", "surname", "Novák");
	assert_value(t, "registration", "dob", "1990-02-01");
	assert_value(t, "registration", "age", "36");
	assert_value(t, "registration", "nationality", "SK");
	assert_value(t, "registration", "interpreter_language", "uk");
	assert_value(t, "registration", "children", "2");
}

/* The cursor moves over wide characters and whole clusters (a base letter
 * with its combining mark); Backspace removes a cluster at once. */
static void
test_wide_and_combining(void **state)
{
	struct t *t = *state;
	int row, col, x0;

	start(t, NULL, 24, 80);
	vt_ctrl(t->vt, 'n');
	VT_ASSERT_TEXT(t->vt, "Surname", 5000);
	assert_true(vt_wait_cursor(t->vt, 3, 34, 5000));
	vt_cursor(t->vt, &row, &x0);
	vt_type(t->vt, "王小");
	assert_true(vt_wait_cursor(t->vt, row, x0 + 4, 5000));	/* two columns each */
	vt_type(t->vt, "e\xcc\x81");	/* e + COMBINING ACUTE: one column */
	assert_true(vt_wait_cursor(t->vt, row, x0 + 5, 5000));
	vt_key(t->vt, VT_BACKSPACE);	/* the whole é */
	assert_true(vt_wait_cursor(t->vt, row, x0 + 4, 5000));
	vt_key(t->vt, VT_LEFT);
	assert_true(vt_wait_cursor(t->vt, row, x0 + 2, 5000));
	vt_type(t->vt, "x");
	VT_ASSERT_TEXT(t->vt, "王x小", 5000);
	vt_cursor(t->vt, &row, &col);
	assert_int_equal(col, x0 + 3);
	vt_ctrl(t->vt, 'o');
	VT_ASSERT_TEXT(t->vt, "Saved.", 5000);
	assert_value(t, "registration", "surname", "王x小");
}

/* A field that stops being relevant is not saved. */
static void
test_irrelevant_not_saved(void **state)
{
	struct t *t = *state;

	start(t, NULL, 24, 80);
	vt_ctrl(t->vt, 'n');
	VT_ASSERT_TEXT(t->vt, "Surname", 5000);
	vt_type(t->vt, "Petrova\t\t\t\ty\t");
	VT_ASSERT_TEXT(t->vt, "Interpreter's language", 5000);
	vt_type(t->vt, "serb");	/* labels starting so, shortest first */
	VT_ASSERT_ROW(t->vt, 3, "Serbian", 5000);
	VT_ASSERT_ROW(t->vt, 4, "Serbo-Croatian", 5000);
	vt_key(t->vt, VT_ESC);
	assert_true(e2e_wait_gone(t->vt, "Filter:", 5000));
	vt_type(t->vt, "russ");
	VT_ASSERT_TEXT(t->vt, "Filter:", 5000);
	vt_key(t->vt, VT_ENTER);
	VT_ASSERT_TEXT(t->vt, "Russian", 5000);
	vt_key(t->vt, VT_UP);
	vt_type(t->vt, "n");
	assert_true(vt_wait_text(t->vt, "No", 5000));
	vt_ctrl(t->vt, 'o');
	VT_ASSERT_TEXT(t->vt, "Saved.", 5000);
	assert_value(t, "registration", "interpreter", "no");
	assert_value(t, "registration", "interpreter_language", NULL);
}

static void
test_required_on_save(void **state)
{
	struct t *t = *state;

	start(t, NULL, 24, 80);
	vt_ctrl(t->vt, 'n');
	VT_ASSERT_TEXT(t->vt, "Surname", 5000);
	vt_key(t->vt, VT_F2);
	VT_ASSERT_TEXT(t->vt, "Surname is required", 5000);
	assert_int_equal(e2e_count(t->db, "registration"), 0);
}

/* A save shows every problem at once: the first with the cursor on its
 * field, the others marked under theirs; each goes when it is put right. */
static void
test_save_marks_every_problem(void **state)
{
	struct t *t = *state;

	start(t, NULL, 24, 80);
	vt_ctrl(t->vt, 'n');
	VT_ASSERT_TEXT(t->vt, "Surname", 5000);
	vt_type(t->vt, "\t\t\t\ty\t");
	VT_ASSERT_TEXT(t->vt, "Interpreter's language", 5000);
	vt_ctrl(t->vt, 'o');
	VT_ASSERT_TEXT(t->vt, "Surname is required", 5000);
	VT_ASSERT_TEXT(t->vt, "Interpreter's language is required", 5000);
	assert_true(vt_wait_cursor(t->vt, 3, 34, 5000));	/* on the surname */
	assert_int_equal(e2e_count(t->db, "registration"), 0);
	vt_type(t->vt, "Novák");
	vt_ctrl(t->vt, 'o');
	assert_true(e2e_wait_gone(t->vt, "Surname is required", 5000));
	VT_ASSERT_TEXT(t->vt, "Interpreter's language is required", 5000);
	assert_int_equal(e2e_count(t->db, "registration"), 0);
	vt_type(t->vt, "ukrain");
	VT_ASSERT_TEXT(t->vt, "Filter:", 5000);
	vt_key(t->vt, VT_ENTER);
	assert_true(e2e_wait_gone(t->vt, "Interpreter's language is required", 5000));
	vt_ctrl(t->vt, 'o');
	VT_ASSERT_TEXT(t->vt, "Saved.", 5000);
	assert_value(t, "registration", "interpreter_language", "uk");
}

static void
test_search_and_open(void **state)
{
	struct t *t = *state;

	e2e_add_case(t->db, "surname", "Novák", "given_names", "Ján", "phone",
	    "+421 900 123 456", NULL);
	e2e_add_case(t->db, "surname", "Horváthová", "given_names", "Eva", NULL);
	start(t, NULL, 24, 80);
	vt_ctrl(t->vt, 'f');
	VT_ASSERT_TEXT(t->vt, "Find:", 5000);
	vt_type(t->vt, "novak");
	VT_ASSERT_TEXT(t->vt, "Find:      novak", 5000);
	VT_ASSERT_TEXT(t->vt, "Cases found: 1", 5000);
	VT_ASSERT_TEXT(t->vt, "Novák", 5000);
	if (!e2e_wait_gone(t->vt, "Horváthová", 5000)) {
		vt_dump(t->vt, stderr);
		fail_msg("a case that does not match is listed");
	}
	vt_ctrl(t->vt, 'u');
	vt_type(t->vt, "900123");
	VT_ASSERT_TEXT(t->vt, "Novák", 5000);
	vt_key(t->vt, VT_ENTER);
	VT_ASSERT_TEXT(t->vt, "Forms of this case", 5000);
	VT_ASSERT_TEXT(t->vt, "AVRR-", 5000);
	vt_key(t->vt, VT_ENTER);	/* the registration, filled in */
	VT_ASSERT_TEXT(t->vt, "Ján", 5000);
}

static void
test_resize_while_typing(void **state)
{
	struct t *t = *state;

	start(t, NULL, 24, 80);
	vt_ctrl(t->vt, 'n');
	VT_ASSERT_TEXT(t->vt, "Surname", 5000);
	vt_type(t->vt, "Kovač");
	VT_ASSERT_TEXT(t->vt, "Kovač", 5000);
	vt_resize(t->vt, 30, 100);
	VT_ASSERT_ROW(t->vt, 29, "Help", 5000);
	vt_type(t->vt, "ová");
	VT_ASSERT_TEXT(t->vt, "Kovačová", 5000);
	vt_resize(t->vt, 12, 50);
	VT_ASSERT_TEXT(t->vt, "Window too small", 5000);
	vt_resize(t->vt, 24, 80);
	VT_ASSERT_TEXT(t->vt, "Kovačová", 5000);
	vt_ctrl(t->vt, 'o');
	VT_ASSERT_TEXT(t->vt, "Saved.", 5000);
	assert_value(t, "registration", "surname", "Kovačová");
}

static void
test_hangup_keeps_draft(void **state)
{
	struct t *t = *state;

	start(t, NULL, 24, 80);
	vt_ctrl(t->vt, 'n');
	VT_ASSERT_TEXT(t->vt, "Surname", 5000);
	vt_type(t->vt, "Hupová\tAnna");
	VT_ASSERT_TEXT(t->vt, "Anna", 5000);
	vt_signal(t->vt, SIGHUP);
	VT_ASSERT_EXIT(t->vt, 0, 8000);
	vt_free(t->vt);
	t->vt = NULL;
	assert_int_equal(e2e_count(t->db, "registration"), 0);
	start(t, NULL, 24, 80);
	VT_ASSERT_TEXT(t->vt, "Drafts", 5000);
	VT_ASSERT_TEXT(t->vt, "Hupová", 5000);
	vt_pump(t->vt, 200);
	for (int i = 0; i < 6; i++)
		vt_key(t->vt, VT_DOWN);
	vt_key(t->vt, VT_ENTER);
	VT_ASSERT_TEXT(t->vt, "Given names", 5000);
	VT_ASSERT_TEXT(t->vt, "Anna", 5000);
	vt_ctrl(t->vt, 'o');
	VT_ASSERT_TEXT(t->vt, "Saved.", 5000);
	assert_value(t, "registration", "given_names", "Anna");
	vt_key(t->vt, VT_ESC);
	VT_ASSERT_TEXT(t->vt, "Recent cases", 5000);
	assert_false(vt_wait_text(t->vt, "Drafts", 100));
}

/* Esc keeps an unsaved form as a draft; Ctrl-D on it asks, then deletes it. */
static void
test_draft_delete(void **state)
{
	struct t *t = *state;
	int i;

	start(t, NULL, 24, 80);
	vt_ctrl(t->vt, 'n');
	VT_ASSERT_TEXT(t->vt, "Surname", 5000);
	vt_type(t->vt, "Zabudnutá");
	vt_key(t->vt, VT_ESC);
	VT_ASSERT_TEXT(t->vt, "kept as a draft", 5000);
	VT_ASSERT_TEXT(t->vt, "Zabudnutá", 5000);
	for (i = 0; i < 6; i++)
		vt_key(t->vt, VT_DOWN);
	vt_ctrl(t->vt, 'd');
	VT_ASSERT_TEXT(t->vt, "Delete this draft?", 5000);
	VT_ASSERT_ROW(t->vt, 0, "Start", 5000);
	vt_type(t->vt, "n");
	assert_true(e2e_wait_gone(t->vt, "Delete this draft?", 5000));
	VT_ASSERT_TEXT(t->vt, "Zabudnutá", 5000);
	vt_ctrl(t->vt, 'd');
	VT_ASSERT_TEXT(t->vt, "Delete this draft?", 5000);
	vt_type(t->vt, "y");
	VT_ASSERT_TEXT(t->vt, "Draft deleted", 5000);
	assert_true(e2e_wait_gone(t->vt, "Zabudnutá", 5000));
}

static void
test_escape_sequences_harmless(void **state)
{
	struct t *t = *state;
	const char *raw;
	size_t len;

	e2e_add_case(t->db, "surname", "Evil\x1b]0;pwned\x07\x1b[2J", "given_names",
	    "X\x1b[31mred", NULL);
	start(t, NULL, 24, 80);
	vt_ctrl(t->vt, 'f');
	vt_type(t->vt, "evil");
	VT_ASSERT_TEXT(t->vt, "Evil", 5000);
	vt_key(t->vt, VT_ENTER);
	VT_ASSERT_TEXT(t->vt, "Forms of this case", 5000);
	vt_key(t->vt, VT_ENTER);
	VT_ASSERT_TEXT(t->vt, "Given names", 5000);
	VT_ASSERT_TEXT(t->vt, "Evil", 5000);
	raw = vt_raw_output(t->vt, &len);
	assert_null(memmem(raw, len, "\x1b]0;", 4));
	assert_null(memmem(raw, len, "\x1b[31mred", 8));
	assert_non_null(strstr(vt_row(t->vt, 0), "avrr"));	/* not cleared */
}

static void
test_vt100_start(void **state)
{
	struct t *t = *state;
	const char *env[] = { "TERM=vt100", NULL };

	start(t, env, 24, 80);
	vt_ctrl(t->vt, 'f');
	VT_ASSERT_TEXT(t->vt, "Find:", 5000);
	vt_key(t->vt, VT_ESC);
	VT_ASSERT_TEXT(t->vt, "Register a new case", 5000);
	vt_ctrl(t->vt, 'x');
	VT_ASSERT_EXIT(t->vt, 0, 8000);
}

static void
test_repeat_rows(void **state)
{
	struct t *t = *state;
	const struct form_def *def;
	struct form_record *rec = NULL;
	int64_t *ids = NULL;
	size_t n = 0;
	int fam;

	start(t, NULL, 24, 80);
	vt_ctrl(t->vt, 'n');
	VT_ASSERT_TEXT(t->vt, "Surname", 5000);
	vt_type(t->vt, "Familyová");
	vt_key(t->vt, VT_PAGEDOWN);
	vt_key(t->vt, VT_PAGEDOWN);
	VT_ASSERT_TEXT(t->vt, "Add a row", 5000);
	vt_key(t->vt, VT_ENTER);
	VT_ASSERT_TEXT(t->vt, "Relationship", 5000);
	vt_type(t->vt, "Petr\t2");	/* a number picks by position: 2 = Child */
	VT_ASSERT_TEXT(t->vt, "Filter:", 5000);
	VT_ASSERT_TEXT(t->vt, " 3 Parent", 5000);
	vt_key(t->vt, VT_ENTER);
	VT_ASSERT_TEXT(t->vt, "Child", 5000);
	vt_key(t->vt, VT_ESC);	/* the row kept, back to the form */
	VT_ASSERT_TEXT(t->vt, "1. Petr, Child", 5000);
	vt_ctrl(t->vt, 'o');
	VT_ASSERT_TEXT(t->vt, "Saved.", 5000);
	def = form_set_find(t->db->forms, "registration");
	fam = form_field_index(def, "family");
	e2e_db_open(t->db);
	assert_int_equal(db_record_list(t->db->db, def, 0, &ids, &n, NULL), DB_OK);
	assert_int_equal(n, 1);
	assert_int_equal(db_record_load(t->db->db, def, ids[0], &rec, NULL), DB_OK);
	assert_int_equal(rec->kids[fam].n, 1);
	assert_string_equal(rec->kids[fam].rows[0]->vals[0], "Petr");
	form_record_free(rec);
	free(ids);
}

/* Another user saves first: both values shown, nothing overwritten. */
static void
test_conflict_shown(void **state)
{
	struct t *t = *state;
	const struct form_def *def = form_set_find(t->db->forms, "registration");
	struct form_record *rec = NULL;
	int64_t *ids = NULL;
	size_t n = 0;

	e2e_add_case(t->db, "surname", "Original", NULL);
	start(t, NULL, 24, 80);
	vt_ctrl(t->vt, 'f');
	vt_type(t->vt, "original");
	VT_ASSERT_TEXT(t->vt, "Cases found: 1", 5000);
	vt_key(t->vt, VT_ENTER);
	VT_ASSERT_TEXT(t->vt, "Forms of this case", 5000);
	vt_key(t->vt, VT_ENTER);
	VT_ASSERT_TEXT(t->vt, "Given names", 5000);
	vt_ctrl(t->vt, 'u');
	vt_type(t->vt, "Mine");
	e2e_db_open(t->db);
	assert_int_equal(db_record_list(t->db->db, def, 0, &ids, &n, NULL), DB_OK);
	assert_int_equal(db_record_load(t->db->db, def, ids[0], &rec, NULL), DB_OK);
	form_record_set(rec, 0, "Theirs");
	assert_int_equal(db_record_save(t->db->db, rec, NULL, NULL), DB_OK);
	form_record_free(rec);
	free(ids);
	e2e_db_close(t->db);
	vt_ctrl(t->vt, 'o');
	VT_ASSERT_TEXT(t->vt, "Someone else saved", 5000);
	VT_ASSERT_TEXT(t->vt, "Mine", 5000);
	VT_ASSERT_TEXT(t->vt, "Theirs", 5000);
	vt_key(t->vt, VT_ESC);
	VT_ASSERT_TEXT(t->vt, "Given names", 5000);
	assert_value(t, "registration", "surname", "Theirs");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_fill_and_save, setup, teardown),
		cmocka_unit_test_setup_teardown(test_irrelevant_not_saved, setup, teardown),
		cmocka_unit_test_setup_teardown(test_wide_and_combining, setup, teardown),
		cmocka_unit_test_setup_teardown(test_required_on_save, setup, teardown),
		cmocka_unit_test_setup_teardown(test_save_marks_every_problem, setup, teardown),
		cmocka_unit_test_setup_teardown(test_search_and_open, setup, teardown),
		cmocka_unit_test_setup_teardown(test_resize_while_typing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hangup_keeps_draft, setup, teardown),
		cmocka_unit_test_setup_teardown(test_draft_delete, setup, teardown),
		cmocka_unit_test_setup_teardown(test_escape_sequences_harmless, setup, teardown),
		cmocka_unit_test_setup_teardown(test_vt100_start, setup, teardown),
		cmocka_unit_test_setup_teardown(test_repeat_rows, setup, teardown),
		cmocka_unit_test_setup_teardown(test_conflict_shown, setup, teardown),
	};

	return cmocka_run_group_tests_name("form runtime", tests, NULL, NULL);
}
