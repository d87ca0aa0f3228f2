/*
 * What is known is filled in, at 80x24: in a new registration the country of
 * return follows the nationality (a default that reads another field) until
 * the user chooses another country, which then stays; a family member starts
 * with the applicant's surname and nationality; a plan with its project's
 * grant; a consent and a session with the case's client language.
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

/* A new registration of Nino Beridze, born 1990, up to her nationality. */
static void
pf_new_beridze(struct e2e_fixture *t)
{
	t->vt = e2e_start(t->db, NULL, 24, 80);
	VT_ASSERT_TEXT(t->vt, "Find a case", T);
	vt_ctrl(t->vt, 'n');
	VT_ASSERT_TEXT(t->vt, "Surname", T);
	vt_type(t->vt, "Beridze\tNino\t\t");
	e2e_pick(t->vt, "fem", "Female");
	vt_type(t->vt, "\t1990-01-01\t");
	VT_ASSERT_TEXT(t->vt, ">Nationality *", T);
}

static void
test_prefill_return_country(void **state)
{
	struct e2e_fixture *t = *state;

	pf_new_beridze(t);
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

/* From the start screen: the case found by name, and a form of it opened
 * from the case overview (list: its list's "+ New"). */
static void
pf_open(struct vt *vt, const char *name, const char *form, bool list)
{
	vt_ctrl(vt, 'f');
	VT_ASSERT_TEXT(vt, "Find:", T);
	vt_type(vt, name);
	VT_ASSERT_TEXT(vt, "Cases found: 1", T);
	vt_key(vt, VT_ENTER);
	VT_ASSERT_TEXT(vt, "Forms of this case", T);
	e2e_select(vt, form);
	vt_key(vt, VT_ENTER);
	if (list) {
		VT_ASSERT_TEXT(vt, "+ New", T);
		vt_key(vt, VT_ENTER);
	}
}

static void
test_prefill_family(void **state)
{
	struct e2e_fixture *t = *state;
	int r;

	pf_new_beridze(t);
	e2e_pick(t->vt, "georgia", "Georgia");
	e2e_select(t->vt, "+ Add a row");
	vt_key(t->vt, VT_ENTER);
	VT_ASSERT_ROW(t->vt, 0, "Family members returning together 1", T);
	pf_shows(t->vt, "Surname (as in passport) *", "Beridze");
	pf_shows(t->vt, "Nationality *", "Georgia");
	r = e2e_row_of(t->vt, "Given names (as in passport) *");
	assert_non_null(strstr(vt_row(t->vt, r), "_"));	/* not known: left empty */
	VT_ASSERT_TEXT(t->vt, ">Surname (as in passport) *", T);
	e2e_text(t->vt, "Gelashvili");		/* the first key typed replaces it */
	pf_shows(t->vt, "Surname (as in passport) *", "Gelashvili");
	assert_null(strstr(vt_screen(t->vt), "BeridzeGelashvili"));
}

static void
test_prefill_from_case(void **state)
{
	struct e2e_fixture *t = *state;
	struct form_record *proj = e2e_rec(t->db, 0, "project", "code", "P-7", "name",
	    "Returns 2026", "grant_per_person", "2000", NULL);
	int i;

	form_record_set_part(proj, (size_t)form_field_index(proj->def, "grant_per_person"), 1,
	    "GEL");
	e2e_put(t->db, proj);
	e2e_add_case(t->db, "surname", "Lomidze", "given_names", "Nika", NULL);
	e2e_sql(t->db, "UPDATE cases SET project = 'P-7', client_lang = 'ka'");
	t->vt = e2e_start(t->db, NULL, 24, 80);
	VT_ASSERT_TEXT(t->vt, "Find a case", T);
	pf_open(t->vt, "Lomidze", "Reintegration plan", false);
	pf_shows(t->vt, "Reintegration grant *", "2000.00");
	pf_shows(t->vt, "Reintegration grant *", "GEL");
	vt_key(t->vt, VT_ESC);
	VT_ASSERT_TEXT(t->vt, "Forms of this case", T);
	e2e_select(t->vt, "Consent to data processing");
	vt_key(t->vt, VT_ENTER);
	VT_ASSERT_TEXT(t->vt, "+ New", T);
	vt_key(t->vt, VT_ENTER);
	VT_ASSERT_ROW(t->vt, 0, "Consent to data processing - AVRR-", T);
	for (i = 0; i < 20 && !vt_wait_text(t->vt, ">Explained in language", 100); i++)
		vt_key(t->vt, VT_TAB);
	pf_shows(t->vt, "Explained in language *", "Georgian");
}

/* The project of a registration picked from the projects recorded: Enter on
 * the empty field lists them, typing narrows, Enter takes the code. */
static void
test_prefill_project_list(void **state)
{
	struct e2e_fixture *t = *state;
	int i;

	e2e_put(t->db, e2e_rec(t->db, 0, "project", "code", "AMIF-2026-01", "name",
	    "AVRR and stabilisation support", NULL));
	e2e_put(t->db, e2e_rec(t->db, 0, "project", "code", "MV-SR-2025", "name",
	    "National return programme", NULL));
	pf_new_beridze(t);
	for (i = 0; i < 30 && !vt_wait_text(t->vt, ">Project code *", 100); i++)
		vt_key(t->vt, VT_TAB);
	VT_ASSERT_TEXT(t->vt, "Enter when empty lists them.", T);
	vt_key(t->vt, VT_ENTER);
	VT_ASSERT_ROW(t->vt, 0, "Projects", T);
	VT_ASSERT_TEXT(t->vt, "AVRR and stabilisation support", T);
	vt_type(t->vt, "nat");			/* a word of the name */
	e2e_gone(t->vt, "AMIF-2026-01");
	vt_key(t->vt, VT_ENTER);
	pf_shows(t->vt, "Project code *", "MV-SR-2025");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_prefill_return_country, e2e_fixture_setup,
		    e2e_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_prefill_family, e2e_fixture_setup,
		    e2e_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_prefill_from_case, e2e_fixture_setup,
		    e2e_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_prefill_project_list, e2e_fixture_setup,
		    e2e_fixture_teardown),
	};

	setenv("AVRR_TODAY", "2026-11-22", 1);	/* the cases this process makes */
	return cmocka_run_group_tests(tests, NULL, NULL);
}
