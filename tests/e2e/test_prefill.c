/*
 * What is known is filled in, at 80x24: in a new registration the country of
 * return follows the nationality (a default that reads another field) until
 * the user chooses another country, which then stays.
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

/* The value shown beside label (the row that holds it). */
static void
pf_shows(struct vt *vt, const char *label, const char *value)
{
	char want[128];

	snprintf(want, sizeof want, "%s", label);
	VT_ASSERT_TEXT(vt, value, T);
	if (strstr(vt_row(vt, e2e_row_of(vt, want)), value) == NULL) {
		vt_dump(vt, stderr);
		fail_msg("%s does not show %s", label, value);
	}
}

static void
test_prefill_return_country(void **state)
{
	struct e2e_fixture *t = *state;

	t->vt = e2e_start(t->db, NULL, 24, 80);
	VT_ASSERT_TEXT(t->vt, "Find a case", T);
	vt_ctrl(t->vt, 'n');
	VT_ASSERT_TEXT(t->vt, "Surname", T);
	vt_type(t->vt, "Beridze\tNino\t\t");
	e2e_pick(t->vt, "fem", "Female");
	vt_type(t->vt, "\t1990-01-01\t");
	VT_ASSERT_TEXT(t->vt, ">Nationality *", T);
	e2e_pick(t->vt, "georgia", "Georgia");
	pf_shows(t->vt, "Country of return *", "Georgia");	/* followed */
	e2e_pick(t->vt, "armen", "Armenia");	/* the nationality again */
	pf_shows(t->vt, "Country of return *", "Armenia");	/* followed again */
	vt_key(t->vt, VT_TAB);
	VT_ASSERT_TEXT(t->vt, ">Country of return *", T);
	e2e_pick(t->vt, "ukrai", "Ukraine");	/* chosen: it stays */
	vt_key(t->vt, VT_UP);
	VT_ASSERT_TEXT(t->vt, ">Nationality *", T);
	e2e_pick(t->vt, "moldo", "Moldova");
	pf_shows(t->vt, "Nationality *", "Moldova");
	pf_shows(t->vt, "Country of return *", "Ukraine");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_prefill_return_country, e2e_fixture_setup,
		    e2e_fixture_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
