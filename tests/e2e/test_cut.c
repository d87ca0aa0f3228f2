/*
 * Nothing cut that matters, at 80x24: a value that must be cut ends with an
 * ellipsis ("..." on a terminal that is not UTF-8) so it never passes for
 * the whole; a label longer than its column goes on below in its column; a
 * field's error wraps in the value column and is read to its end; notes to
 * read aloud open at their first line and PgUp leaves no empty rows.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "app.h"
#include "util/mem.h"

#define T	E2E_T

/* A name longer than its column in the recent cases ends with an ellipsis. */
static void
cut_recent(struct e2e_fixture *t, const char *const env[], const char *mark)
{
	int r;

	e2e_add_case(t->db, "surname", "WOLKONSKAYA-KUZNETSOVA", "given_names",
	    "Zarema Aleksandrovna", NULL);
	e2e_add_case(t->db, "surname", "BERIDZE", "given_names", "Nino", NULL);
	t->vt = e2e_start(t->db, env, 24, 80);
	r = e2e_row_of(t->vt, "WOLKONSKAYA-KUZNETSOVA");
	assert_non_null(strstr(vt_row(t->vt, r), mark));
	assert_null(strstr(vt_row(t->vt, r), "Aleksandrovna"));	/* it is cut */
	r = e2e_row_of(t->vt, "BERIDZE Nino");	/* a name that fits has no mark */
	assert_null(strstr(vt_row(t->vt, r), mark));
}

static void
test_cut_value_ellipsis(void **state)
{
	cut_recent(*state, NULL, "\u2026");
}

static void
test_cut_value_ellipsis_ascii(void **state)
{
	const char *const env[] = { "LANG=C", "LC_ALL=C", "TERM=vt100", NULL };

	cut_recent(*state, env, "...");
}

/* "Family members returning together" does not fit the label column: its
 * end is on the next row, in the same column. */
static void
test_cut_label_wraps(void **state)
{
	struct e2e_fixture *t = *state;
	int r;

	t->vt = e2e_start(t->db, NULL, 24, 80);
	VT_ASSERT_TEXT(t->vt, "Find a case", T);
	vt_ctrl(t->vt, 'n');
	VT_ASSERT_TEXT(t->vt, "Surname", T);
	vt_key(t->vt, VT_PAGEDOWN);
	vt_key(t->vt, VT_PAGEDOWN);
	r = e2e_row_of(t->vt, "Family members returning");
	assert_true(r >= 0 && r < 22);
	assert_non_null(strstr(vt_row(t->vt, r + 1), " together"));
	assert_true(strncmp(vt_row(t->vt, r + 1), " together", 9) == 0);
}

/* A date that is not one: the error names the two ways to write a date,
 * to its end, over two rows of the value column. */
static void
test_cut_error_wraps(void **state)
{
	struct e2e_fixture *t = *state;
	int r;

	t->vt = e2e_start(t->db, NULL, 24, 80);
	VT_ASSERT_TEXT(t->vt, "Find a case", T);
	vt_ctrl(t->vt, 'n');
	VT_ASSERT_TEXT(t->vt, "Surname", T);
	vt_type(t->vt, "Kapanadze\tGiorgi\t\t\t");
	vt_type(t->vt, "31.02.1984\t");
	r = e2e_row_of(t->vt, "'31.02.1984' is not a date");
	assert_true(r >= 0 && r < 22);
	assert_non_null(strstr(vt_row(t->vt, r) , "'31.02.1984' is not a date"));
	assert_non_null(strstr(vt_row(t->vt, r + 1), "22.11.2026)"));
	assert_null(strstr(vt_screen(t->vt), "\u2026"));	/* nothing of it cut */
}

/* The consent's notes to read aloud open at their first line; Tab brings
 * the first question into view (not past it); PgUp shows the notes above
 * with no empty rows at the top. */
static void
test_cut_notes_open_at_start(void **state)
{
	struct e2e_fixture *t = *state;
	int r, empty;

	e2e_add_case(t->db, "surname", "Bondarenko", "given_names", "Olha", NULL);
	t->vt = e2e_start(t->db, NULL, 24, 80);
	VT_ASSERT_TEXT(t->vt, "Find a case", T);
	vt_ctrl(t->vt, 'f');
	vt_type(t->vt, "bondar");
	VT_ASSERT_TEXT(t->vt, "Bondarenko", T);
	vt_key(t->vt, VT_ENTER);
	VT_ASSERT_TEXT(t->vt, "Forms of this case", T);
	vt_key(t->vt, VT_DOWN);
	vt_key(t->vt, VT_ENTER);
	VT_ASSERT_TEXT(t->vt, "+ New", T);
	vt_key(t->vt, VT_ENTER);
	VT_ASSERT_ROW(t->vt, 2, "Consent statement", T);
	VT_ASSERT_ROW(t->vt, 3, "To help you return home", T);
	vt_key(t->vt, VT_TAB);
	r = e2e_row_of(t->vt, ">Consent given *");
	assert_true(r > 3);
	vt_key(t->vt, VT_PAGEUP);
	vt_pump(t->vt, 300);
	for (r = 1, empty = 0; r < 10; r++)	/* a section's blank line at most */
		empty += strspn(vt_row(t->vt, r), " ") == strlen(vt_row(t->vt, r));
	if (empty > 1) {
		vt_dump(t->vt, stderr);
		fail_msg("%d empty rows at the top after PgUp", empty);
	}
}

/* A wide window uses its width and its rows: at 132x43 the start screen
 * lists more than eight recent cases, and a long name whole. */
static void
test_cut_wide_window(void **state)
{
	struct e2e_fixture *t = *state;
	char name[32];
	int i, r, found = 0;

	for (i = 0; i < 14; i++) {
		snprintf(name, sizeof name, "Surname%02d", i);
		e2e_add_case(t->db, "surname", name, "given_names", i == 13 ?
		    "Zurab Tornike Giorgi Levan Davit" : "Nino", NULL);
	}
	t->vt = e2e_start(t->db, NULL, 43, 132);
	VT_ASSERT_TEXT(t->vt, "Recent cases", T);
	VT_ASSERT_TEXT(t->vt, "Surname13 Zurab Tornike Giorgi Levan Davit", T);
	VT_ASSERT_TEXT(t->vt, "Surname00", T);	/* the oldest, the frame whole */
	vt_pump(t->vt, 200);
	for (r = 0; r < 43; r++)
		found += strstr(vt_row(t->vt, r), "AVRR-20") != NULL;
	assert_int_equal(found, 14);
	assert_null(strstr(vt_screen(t->vt), "\u2026"));	/* nothing cut */
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_cut_wide_window, e2e_fixture_setup,
		    e2e_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_cut_value_ellipsis, e2e_fixture_setup, e2e_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_cut_value_ellipsis_ascii, e2e_fixture_setup, e2e_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_cut_label_wraps, e2e_fixture_setup, e2e_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_cut_error_wraps, e2e_fixture_setup, e2e_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_cut_notes_open_at_start, e2e_fixture_setup, e2e_fixture_teardown),
	};

	setenv("AVRR_TODAY", "2026-11-22", 1);	/* the cases this process makes */
	return cmocka_run_group_tests(tests, NULL, NULL);
}
