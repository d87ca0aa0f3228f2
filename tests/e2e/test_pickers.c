/*
 * Pickers at 80x24, in a hotline call: `ka` puts Georgian (whose code it is)
 * before Kazakh; without a filter the languages go by their names in the
 * staff language, not by code; End reaches the last and Home the first; in
 * a short numbered list a number picks at once; a ticked choice of a
 * multi-select stays in view, on top, when the filter is cleared.
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

#define T	E2E_T

/* A new call, the cursor on the caller's language. */
static void
pk_call(struct e2e_fixture *t)
{
	t->vt = e2e_start(t->db, NULL, 24, 80);
	VT_ASSERT_TEXT(t->vt, "Find a case", T);
	vt_key(t->vt, VT_F5);
	VT_ASSERT_TEXT(t->vt, ">Caller's language *", T);
}

static void
test_picker_exact_code_first(void **state)
{
	struct e2e_fixture *t = *state;

	pk_call(t);
	vt_type(t->vt, "ka");
	VT_ASSERT_ROW(t->vt, 3, "Georgian", T);
	VT_ASSERT_ROW(t->vt, 4, "Kazakh", T);
	vt_key(t->vt, VT_ENTER);
	VT_ASSERT_TEXT(t->vt, "Georgian", T);
	VT_ASSERT_ROW(t->vt, 0, "Hotline call", T);
}

static void
test_picker_by_name_home_end(void **state)
{
	struct e2e_fixture *t = *state;

	pk_call(t);
	vt_key(t->vt, VT_ENTER);
	VT_ASSERT_TEXT(t->vt, "Filter:", T);
	VT_ASSERT_ROW(t->vt, 3, "Abkhazian", T);	/* ab before aa (Afar) */
	VT_ASSERT_ROW(t->vt, 4, "Afar", T);
	vt_key(t->vt, VT_END);
	vt_key(t->vt, VT_ENTER);	/* the last: Zulu */
	VT_ASSERT_TEXT(t->vt, "Zulu", T);
	VT_ASSERT_ROW(t->vt, 0, "Hotline call", T);
}

static void
test_picker_number_picks(void **state)
{
	struct e2e_fixture *t = *state;
	int r;

	pk_call(t);
	vt_type(t->vt, "ka");
	vt_key(t->vt, VT_ENTER);
	VT_ASSERT_TEXT(t->vt, "Georgian", T);
	vt_key(t->vt, VT_TAB);	/* interpreter */
	vt_type(t->vt, "n");
	vt_key(t->vt, VT_TAB);	/* who called: a short list, numbered */
	VT_ASSERT_TEXT(t->vt, ">Who called *", T);
	vt_key(t->vt, VT_ENTER);
	VT_ASSERT_TEXT(t->vt, " 2 Family member", T);
	vt_type(t->vt, "2");	/* picks at once: no longer number starts with 2 */
	r = e2e_row_of(t->vt, "Who called *");
	assert_non_null(strstr(vt_row(t->vt, r), "Family member"));
	VT_ASSERT_ROW(t->vt, 0, "Hotline call", T);
}

static void
test_picker_ticked_stay(void **state)
{
	struct e2e_fixture *t = *state;
	int i;

	pk_call(t);
	for (i = 0; i < 6; i++)	/* language .. where the caller is, to the topics */
		vt_key(t->vt, VT_DOWN);
	VT_ASSERT_TEXT(t->vt, ">Topics asked *", T);
	vt_type(t->vt, "docu");
	VT_ASSERT_ROW(t->vt, 3, "[ ] Travel documents", T);
	vt_type(t->vt, " ");	/* ticked */
	VT_ASSERT_ROW(t->vt, 3, "[x] Travel documents", T);
	vt_ctrl(t->vt, 'u');	/* the filter cleared: it stays on top */
	VT_ASSERT_ROW(t->vt, 3, "[x] Travel documents", T);
	VT_ASSERT_ROW(t->vt, 4, "[ ] Voluntary return", T);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_picker_exact_code_first, e2e_fixture_setup,
		    e2e_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_picker_by_name_home_end, e2e_fixture_setup,
		    e2e_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_picker_number_picks, e2e_fixture_setup,
		    e2e_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_picker_ticked_stay, e2e_fixture_setup,
		    e2e_fixture_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
