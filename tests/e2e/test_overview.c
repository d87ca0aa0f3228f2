/*
 * The case overview at 80x24 with more than a screen of lines: the head (the
 * case number, the person, the status) stays on the top rows however far the
 * body scrolls, the timeline shows the newest entry first, and the overview
 * comes back with its head and the entry it left from after a form opened
 * from it is closed (scrolled no further than that entry needs).
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

/* Fifteen calls of the case, one a day from 1 to 15 November. */
static int64_t
ov_case(struct e2e_fixture *t)
{
	int64_t id = e2e_add_case(t->db, "surname", "Gelashvili", "given_names", "Tornike",
	    NULL);
	char at[32];
	int d;

	for (d = 1; d <= 15; d++) {
		snprintf(at, sizeof at, "2026-11-%02d 10:00", d);
		e2e_put(t->db, e2e_rec(t->db, id, "call", "started_at", at, "language", "ka",
		    "interpreted", "no", "caller_type", "migrant", "topics", "return",
		    "outcome", "information", NULL));
	}
	return id;
}

static void
test_overview_head_stays(void **state)
{
	struct e2e_fixture *t = *state;
	int i, r;

	ov_case(t);
	t->vt = e2e_start(t->db, NULL, 24, 80);
	VT_ASSERT_TEXT(t->vt, "Find a case", T);
	vt_ctrl(t->vt, 'f');
	vt_type(t->vt, "gelash");
	VT_ASSERT_TEXT(t->vt, "Gelashvili", T);
	vt_key(t->vt, VT_ENTER);
	VT_ASSERT_TEXT(t->vt, "Forms of this case", T);
	VT_ASSERT_ROW(t->vt, 1, "AVRR-2026-00001", T);
	for (i = 0; i < 11; i++)	/* past the forms, to the first entry */
		vt_key(t->vt, VT_DOWN);
	/* newest first: the first entry under the heading is 15 November's */
	r = e2e_row_of(t->vt, "Timeline (newest first)");
	VT_ASSERT_ROW(t->vt, r + 1, "2026-11-22       Case opened", T);	/* AVRR_TODAY */
	VT_ASSERT_ROW(t->vt, r + 2, "2026-11-15 10:00", T);
	VT_ASSERT_ROW(t->vt, 1, "AVRR-2026-00001", T);
	for (i = 0; i < 30; i++)
		vt_key(t->vt, VT_DOWN);
	VT_ASSERT_TEXT(t->vt, "2026-11-01 10:00", T);	/* the oldest, at the end */
	VT_ASSERT_ROW(t->vt, 1, "AVRR-2026-00001  Gelashvili Tornike", T);
	VT_ASSERT_ROW(t->vt, 2, "Status: ", T);
	assert_false(vt_wait_text(t->vt, "Forms of this case", 300));	/* scrolled away */
	vt_key(t->vt, VT_ENTER);	/* the oldest entry opens its record... */
	VT_ASSERT_ROW(t->vt, 0, "Hotline call", T);
	vt_key(t->vt, VT_ESC);	/* ...and the overview is back with its head, */
	VT_ASSERT_ROW(t->vt, 1, "AVRR-2026-00001", T);	/* the entry in view at the bottom */
	r = e2e_row_of(t->vt, "2026-11-01 10:00");
	assert_int_equal(r, 21);
	VT_ASSERT_ROW(t->vt, 20, "2026-11-02 10:00", T);
	/* Home, or PgUp enough: back at the first form, its heading above it */
	vt_key(t->vt, VT_HOME);
	VT_ASSERT_TEXT(t->vt, "Forms of this case", T);
	vt_key(t->vt, VT_END);
	e2e_gone(t->vt, "Forms of this case");
	for (i = 0; i < 4; i++)
		vt_key(t->vt, VT_PAGEUP);
	VT_ASSERT_TEXT(t->vt, "Forms of this case", T);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_overview_head_stays, e2e_fixture_setup, e2e_fixture_teardown),
	};

	setenv("AVRR_TODAY", "2026-11-22", 1);	/* the cases this process opens */
	return cmocka_run_group_tests(tests, NULL, NULL);
}
