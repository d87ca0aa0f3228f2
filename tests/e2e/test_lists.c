/*
 * End-to-end tests of the list screens when the data layer fails: a table
 * taken away under the running program (renamed by another connection) is
 * said on the screen, in the message line and where the list would be,
 * never shown as an empty list; what the list keeps (the start screen's
 * menu) stays; the case overview keeps saying it too. And the help, a list
 * for reading: it scrolls a row at a time and never past its last page.
 */
#include <sqlite3.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "util/mem.h"

#define T	E2E_T

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

/* Another connection renames a table while the program runs. */
static void
lists_take_table(struct e2e_db *db, const char *sql)
{
	sqlite3 *raw;

	e2e_db_close(db);
	assert_int_equal(sqlite3_open(db->path, &raw), SQLITE_OK);
	assert_int_equal(sqlite3_exec(raw, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(raw);
}

/* Some row from 3 on (the list's body, not the message line) holds text. */
static bool
lists_in_body(struct vt *vt, const char *text)
{
	int y;

	for (y = 3; y < 22; y++)
		if (strstr(vt_row(vt, y), text) != NULL)
			return true;
	return false;
}

/* Waits until row no longer holds text; false at the deadline. */
static bool
lists_row_gone(struct vt *vt, int row, const char *text)
{
	int ms;

	for (ms = 0; ms < T; ms += 50) {
		if (strstr(vt_row(vt, row), text) == NULL)
			return true;
		vt_pump(vt, 50);
	}
	return false;
}

/* The start screen, back on top, reads its drafts again: the table is gone. */
static void
test_home_drafts_gone(void **state)
{
	struct t *t = *state;

	e2e_add_case(t->db, "surname", "Novák", "given_names", "Ján", NULL);
	t->vt = e2e_start(t->db, NULL, 24, 80);
	VT_ASSERT_TEXT(t->vt, "Novák", T);
	lists_take_table(t->db, "ALTER TABLE drafts RENAME TO drafts_gone");
	vt_key(t->vt, VT_F1);
	VT_ASSERT_TEXT(t->vt, "Help", T);
	vt_key(t->vt, VT_ESC);
	VT_ASSERT_ROW(t->vt, 22, "no such table: drafts", T);
	assert_true(lists_in_body(t->vt, "no such table: drafts"));
	VT_ASSERT_TEXT(t->vt, "Find a case", T);	/* the menu stays */
	vt_key(t->vt, VT_DOWN);	/* the message line clears; the body still says it */
	assert_true(lists_row_gone(t->vt, 22, "no such table"));
	assert_true(lists_in_body(t->vt, "no such table: drafts"));
	vt_ctrl(t->vt, 'x');
	VT_ASSERT_EXIT(t->vt, 0, T);
}

/* The case list with no query shows recent cases: their table is gone. */
static void
test_caselist_cases_gone(void **state)
{
	struct t *t = *state;

	e2e_add_case(t->db, "surname", "Novák", "given_names", "Ján", NULL);
	t->vt = e2e_start(t->db, NULL, 24, 80);
	VT_ASSERT_TEXT(t->vt, "Novák", T);
	lists_take_table(t->db, "ALTER TABLE cases RENAME TO cases_gone");
	vt_ctrl(t->vt, 'f');
	VT_ASSERT_TEXT(t->vt, "Recently changed cases", T);
	VT_ASSERT_ROW(t->vt, 22, "no such table", T);
	assert_true(lists_in_body(t->vt, "no such table"));
	vt_ctrl(t->vt, 'x');
	VT_ASSERT_EXIT(t->vt, 0, T);
}

/* The case overview, back on top, reads the case again: its registrations
 * are gone. The failure stays in the body (the case must not look as if it
 * held no records) after the message line has cleared. */
static void
test_caseview_records_gone(void **state)
{
	struct t *t = *state;
	int y;

	e2e_add_case(t->db, "surname", "Novák", "given_names", "Ján", NULL);
	t->vt = e2e_start(t->db, NULL, 24, 80);
	VT_ASSERT_TEXT(t->vt, "Novák", T);
	vt_ctrl(t->vt, 'f');
	vt_type(t->vt, "novak");
	VT_ASSERT_TEXT(t->vt, "Ján", T);
	vt_key(t->vt, VT_ENTER);
	VT_ASSERT_TEXT(t->vt, "Forms of this case", T);
	lists_take_table(t->db, "ALTER TABLE registration RENAME TO registration_gone");
	vt_key(t->vt, VT_F1);
	VT_ASSERT_ROW(t->vt, 0, "Help", T);
	vt_key(t->vt, VT_ESC);
	VT_ASSERT_ROW(t->vt, 22, "no such table: registration", T);
	vt_key(t->vt, VT_DOWN);
	assert_true(lists_row_gone(t->vt, 22, "no such table"));
	for (y = 1; y < 22 && strstr(vt_row(t->vt, y), "no such table: registration") == NULL;
	    y++)
		;
	if (y == 22) {
		vt_dump(t->vt, stderr);
		fail_msg("the failure is not in the body");
	}
}

/* The help scrolls by rows of text: PgDn shows its last page (the end of
 * the last action, the blank key, on the last row of the body), more keys move nothing past it, PgUp
 * brings the start back, Down moves one row. */
static void
test_help_reads(void **state)
{
	struct t *t = *state;

	t->vt = e2e_start(t->db, NULL, 24, 80);
	VT_ASSERT_TEXT(t->vt, "Find a case", T);
	vt_key(t->vt, VT_F1);
	/* first the keys of the screen it was asked on, named for what they do there */
	VT_ASSERT_ROW(t->vt, 1, "On this screen: F1/^G Help, F3/^F Find, F4/^N New case", T);
	assert_false(vt_wait_text(t->vt, "nothing typed is lost", 50));
	vt_key(t->vt, VT_PAGEDOWN);
	VT_ASSERT_ROW(t->vt, 21, "nothing typed is lost", T);
	vt_key(t->vt, VT_PAGEDOWN);
	vt_key(t->vt, VT_DOWN);
	vt_pump(t->vt, 200);
	VT_ASSERT_ROW(t->vt, 21, "nothing typed is lost", T);
	vt_key(t->vt, VT_PAGEUP);
	VT_ASSERT_ROW(t->vt, 1, "On this screen:", T);
	vt_key(t->vt, VT_DOWN);
	VT_ASSERT_ROW(t->vt, 1, "Every action has a function key", T);
	vt_key(t->vt, VT_ESC);
	VT_ASSERT_TEXT(t->vt, "Find a case", T);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_home_drafts_gone, setup, teardown),
		cmocka_unit_test_setup_teardown(test_caselist_cases_gone, setup, teardown),
		cmocka_unit_test_setup_teardown(test_caseview_records_gone, setup, teardown),
		cmocka_unit_test_setup_teardown(test_help_reads, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
