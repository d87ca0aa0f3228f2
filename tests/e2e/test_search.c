/*
 * End-to-end tests of finding a case at 80x24: a spelling variant finds the
 * case, each row shows the date of birth, nationality, status and one phone
 * so that namesakes can be told apart, a name too long for its column ends
 * with an ellipsis ("..." on a terminal that is not UTF-8), a phone too long
 * for its column is shown without its blanks, and the heading
 * says how many cases were found in all, not how many are shown.
 */
#include <stdbool.h>
#include <stdio.h>
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

/* Three namesakes, told apart by their dates of birth. */
static void
search_namesakes(struct t *t)
{
	e2e_add_case(t->db, "surname", "GELASHVILI", "given_names", "Tornike", "dob",
	    "1984-03-12", "nationality", "GE", "phone", "+995 599 12 34 56", NULL);
	e2e_add_case(t->db, "surname", "GELASHVILI", "given_names", "Tornike", "dob",
	    "1991-07-30", "nationality", "GE", NULL);
	e2e_add_case(t->db, "surname", "GELASHVILI", "given_names",
	    "Zurab Tornike Giorgi Levan Davit", "dob", "1979-01-05", "nationality", "GE", NULL);
}

/* The row that holds text, -1 when none does. */
static int
search_row_of(struct vt *vt, const char *text)
{
	int y;

	for (y = 0; y < 24; y++)
		if (strstr(vt_row(vt, y), text) != NULL)
			return y;
	return -1;
}

/* Row y holds each of the texts, in this order. */
static void
search_row_has(struct vt *vt, int y, const char *const *texts)
{
	const char *row = vt_row(vt, y), *p = row;

	for (; *texts != NULL; texts++) {
		if ((p = strstr(p, *texts)) == NULL) {
			vt_dump(vt, stderr);
			fail_msg("row %d lacks \"%s\" (in its place)", y, *texts);
		}
		p += strlen(*texts);
	}
}

static void
test_search_rows_tell_apart(void **state)
{
	static const char *const first[] = { "AVRR-2026-00001", "GELASHVILI Tornike",
	    "1984-03-12", "GE", "Registered", "+995599123456", NULL };
	static const char *const second[] = { "AVRR-2026-00002", "GELASHVILI Tornike",
	    "1991-07-30", "GE", "Registered", NULL };
	struct t *t = *state;
	int y;

	search_namesakes(t);
	t->vt = e2e_start(t->db, NULL, 24, 80);
	vt_ctrl(t->vt, 'f');
	VT_ASSERT_TEXT(t->vt, "Find:", T);
	vt_type(t->vt, "gelaschwili");		/* a German spelling */
	VT_ASSERT_TEXT(t->vt, "Cases found: 3", T);
	VT_ASSERT_TEXT(t->vt, "1984-03-12", T);
	search_row_has(t->vt, search_row_of(t->vt, "1984-03-12"), first);
	search_row_has(t->vt, search_row_of(t->vt, "1991-07-30"), second);
	y = search_row_of(t->vt, "1979-01-05");
	assert_true(y > 0);
	/* the long name is cut with an ellipsis, its date of birth in its column */
	search_row_has(t->vt, y, (const char *const[]){ "GELASHVILI Zurab",
	    "\u2026 1979-01-05", NULL });
	vt_ctrl(t->vt, 'x');
	VT_ASSERT_EXIT(t->vt, 0, T);
}

/* The same rows on a terminal that is not UTF-8: "..." ends the cut name. */
static void
test_search_rows_ascii(void **state)
{
	const char *const env[] = { "LANG=C", NULL };
	struct t *t = *state;
	int y;

	search_namesakes(t);
	t->vt = e2e_start_ex(t->db, env, NULL, 24, 80, &(struct vt_options){ .no_utf8 = true,
	    .term = "vt100" });
	vt_ctrl(t->vt, 'f');
	VT_ASSERT_TEXT(t->vt, "Find:", T);
	vt_type(t->vt, "gelashvili");
	VT_ASSERT_TEXT(t->vt, "Cases found: 3", T);
	VT_ASSERT_TEXT(t->vt, "1979-01-05", T);
	y = search_row_of(t->vt, "1979-01-05");
	search_row_has(t->vt, y, (const char *const[]){ "GELASHVILI Zura... 1979-01-05",
	    "GE", "Registered", NULL });
	vt_ctrl(t->vt, 'x');
	VT_ASSERT_EXIT(t->vt, 0, T);
}

/* More cases match than are shown: the heading says how many in all. */
static void
test_search_true_count(void **state)
{
	struct t *t = *state;
	char given[16];
	int i;

	for (i = 0; i < 205; i++) {
		snprintf(given, sizeof given, "Nino%03d", i);
		e2e_add_case(t->db, "surname", "BERIDZE", "given_names", given, NULL);
	}
	t->vt = e2e_start(t->db, NULL, 24, 80);
	vt_ctrl(t->vt, 'f');
	VT_ASSERT_TEXT(t->vt, "Find:", T);
	vt_type(t->vt, "beridze");
	VT_ASSERT_TEXT(t->vt, "Cases found: 205 (the best 200 shown", T);
	vt_type(t->vt, " nino1");		/* narrowed: all of them shown */
	VT_ASSERT_TEXT(t->vt, "Cases found: 100", T);
	vt_ctrl(t->vt, 'x');
	VT_ASSERT_EXIT(t->vt, 0, T);
}

/* Any part of a case number finds the case. */
static void
test_search_case_number_part(void **state)
{
	struct t *t = *state;
	int i;

	for (i = 0; i < 12; i++)
		e2e_add_case(t->db, "surname", i == 11 ? "KAPANADZE" : "LOMIDZE", NULL);
	t->vt = e2e_start(t->db, NULL, 24, 80);
	vt_ctrl(t->vt, 'f');
	VT_ASSERT_TEXT(t->vt, "Find:", T);
	vt_type(t->vt, "012");
	VT_ASSERT_TEXT(t->vt, "Cases found: 1", T);
	VT_ASSERT_TEXT(t->vt, "AVRR-2026-00012", T);
	VT_ASSERT_TEXT(t->vt, "KAPANADZE", T);
	vt_ctrl(t->vt, 'x');
	VT_ASSERT_EXIT(t->vt, 0, T);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_search_rows_tell_apart, setup, teardown),
		cmocka_unit_test_setup_teardown(test_search_rows_ascii, setup, teardown),
		cmocka_unit_test_setup_teardown(test_search_true_count, setup, teardown),
		cmocka_unit_test_setup_teardown(test_search_case_number_part, setup, teardown),
	};

	/* the cases this process makes are numbered in the year of the one clock */
	setenv("AVRR_TODAY", "2026-11-22", 1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
