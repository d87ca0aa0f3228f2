/*
 * End-to-end tests of bounded input: a paste of a million characters into a
 * one-line and into a multi-line field of the test registration (neither has
 * a `length`, so the defaults of form/form.h hold) is cut at the limit with a
 * message, the program acts on the next key at once, and the draft and the
 * saved record hold exactly the limit. Nothing here measures time: the
 * figures are tests/bench/bench_paste's.
 */
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "form/form.h"
#include "util/mem.h"

#define PASTE_LEN	1000000
#define PASTE_T		120000	/* for writing it; only a failing test waits so long */

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

/* Letters, and with lines a line break (a terminal sends CR) every 71. */
static char *
paste_text(bool lines)
{
	char *s = xmalloc(PASTE_LEN + 1);
	size_t i;

	for (i = 0; i < PASTE_LEN; i++)
		s[i] = lines && i % 71 == 70 ? '\r' : (char)('a' + i % 26);
	s[PASTE_LEN] = '\0';
	return s;
}

/* Characters of a value in the program's draft, read from the file as it is
 * (loading it through db/draft would cut it and hide an over-long one). */
static long long
draft_chars(struct t *t, const char *field)
{
	sqlite3 *sql;
	sqlite3_stmt *st;
	char *q = xasprintf("SELECT length(json_extract(data, '$.record.vals.%s')) FROM drafts",
	    field);
	long long n = -1;

	assert_int_equal(sqlite3_open_v2(t->db->path, &sql, SQLITE_OPEN_READONLY, NULL),
	    SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(sql, q, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(sql);
	free(q);
	return n;
}

/* Opens a new registration, names the applicant and goes tabs fields on. */
static void
open_at(struct t *t, int tabs, int row)
{
	t->vt = e2e_start(t->db, NULL, 24, 80);
	VT_ASSERT_TEXT(t->vt, "Find a case", E2E_T);
	vt_ctrl(t->vt, 'n');
	VT_ASSERT_TEXT(t->vt, "Surname", E2E_T);
	vt_type(t->vt, "Vlozena");
	VT_ASSERT_TEXT(t->vt, "Vlozena", E2E_T);
	e2e_tabs(t->vt, tabs);
	if (!vt_wait_cursor(t->vt, row, 34, E2E_T)) {
		vt_dump(t->vt, stderr);
		fail_msg("the cursor is not in the field on row %d", row);
	}
}

/* The paste, its message, the next key, the draft, the save. */
static void
paste_and_save(struct t *t, bool lines, const char *field, int limit, const char *msg,
    int back_row, int back_col)
{
	char *text = paste_text(lines), *v;

	assert_int_equal(vt_paste(t->vt, text, PASTE_LEN, PASTE_T), PASTE_LEN);
	free(text);
	VT_ASSERT_TEXT(t->vt, msg, E2E_T);
	vt_key(t->vt, VT_BACKTAB);	/* acted on at once: the field before */
	if (!vt_wait_cursor(t->vt, back_row, back_col, E2E_T)) {
		vt_dump(t->vt, stderr);
		fail_msg("Shift-Tab after the paste did not reach row %d", back_row);
	}
	vt_type(t->vt, "777");	/* typed there; the message lasts until a key */
	if (!vt_wait_cursor(t->vt, back_row, back_col + 3, E2E_T)) {
		vt_dump(t->vt, stderr);
		fail_msg("a key typed after the paste did not show");
	}
	e2e_gone(t->vt, msg);
	assert_int_equal(draft_chars(t, field), limit);
	vt_ctrl(t->vt, 'o');
	VT_ASSERT_TEXT(t->vt, "Saved.", E2E_T);
	v = e2e_value(t->db, "registration", field);
	assert_non_null(v);
	assert_int_equal(strlen(v), (size_t)limit);	/* ASCII: bytes are characters */
	free(v);
}

static void
test_paste_one_line(void **state)
{
	struct t *t = *state;

	open_at(t, 1, 4);	/* Given names */
	paste_and_save(t, false, "given_names", FORM_LEN_TEXT,
	    "Cut at 500 characters: the field holds no more", 3, 34 + 7);
}

static void
test_paste_multiline(void **state)
{
	struct t *t = *state;

	open_at(t, 7, 11);	/* Notes */
	paste_and_save(t, true, "notes", FORM_LEN_MULTILINE,
	    "Cut at 4000 characters: the field holds no more", 10, 34);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_paste_one_line, setup, teardown),
		cmocka_unit_test_setup_teardown(test_paste_multiline, setup, teardown),
	};

	return cmocka_run_group_tests_name("paste", tests, NULL, NULL);
}
