/*
 * Roles through the screens, at 80x24 with the real forms and their
 * permissions table: a hotline operator opens a case whose counselling
 * session holds a health text and sees it on no screen (the case overview,
 * the session, the search), the field marked as not shown, and no Save; a
 * counsellor sees it.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "app.h"
#include "db/users.h"
#include "util/mem.h"

#define T	E2E_T
#define ROWS	24
#define COLS	80
#define HEALTH	"Diabetes type 2, needs insulin"

struct t {
	struct e2e_db	*db;
	struct vt	*vt;
};

static int
perm_setup(void **state)
{
	struct t *t = xcalloc(1, sizeof *t);
	struct form_record *rec;
	int64_t id;

	t->db = e2e_db_new_forms("forms");
	id = e2e_add_case(t->db, "surname", "Kapanadze", "given_names", "Nino",
	    "dob", "1991-04-09", "nationality", "GE", "languages", "ka",
	    "legal_status", "asylum_seeker", "vulnerabilities", "none", NULL);
	e2e_put(t->db, e2e_rec(t->db, id, "consent", "consent_given", "yes",
	    "consent_on", "2026-11-02", "explained_in", "ka", NULL));
	rec = e2e_rec(t->db, id, "session", "kind", "reintegration",
	    "session_date", "2026-11-20", "mode", "phone", "interpreter", "no",
	    "topics", "health", "health", HEALTH, "idea", "business", NULL);
	e2e_put(t->db, rec);
	e2e_db_close(t->db);
	*state = t;
	return 0;
}

static int
perm_teardown(void **state)
{
	struct t *t = *state;

	vt_free(t->vt);
	e2e_db_free(t->db);
	free(t);
	return 0;
}

/* The one place this test gives the program's user ("tester") a role. */
static void
perm_role(struct t *t, const char *role)
{
	struct db *db = e2e_db_open(t->db);

	assert_int_equal(db_users_set(db, "tester", role, NULL), DB_OK);
	e2e_db_close(t->db);
}

static void
perm_no_health(struct vt *vt, const char *where)
{
	if (strstr(vt_screen(vt), "Diabetes") != NULL || strstr(vt_screen(vt), "insulin"))
		fail_msg("the health text is on the %s screen:\n%s", where, vt_screen(vt));
}

/* From the start screen: the search, then the case overview. */
static void
perm_open_case(struct vt *vt)
{
	vt_ctrl(vt, 'f');
	VT_ASSERT_TEXT(vt, "Find:", T);
	vt_type(vt, "Kapanadze");
	VT_ASSERT_TEXT(vt, "Cases found: 1", T);
	perm_no_health(vt, "search");
	vt_key(vt, VT_ENTER);
	VT_ASSERT_TEXT(vt, "Forms of this case", T);
	VT_ASSERT_TEXT(vt, "Counselling session", T);
}

/* From the overview: the session's record (the third form listed, then the
 * one record under "New"). */
static void
perm_open_session(struct vt *vt)
{
	vt_key(vt, VT_PAGEUP);
	vt_key(vt, VT_DOWN);
	vt_key(vt, VT_DOWN);
	vt_key(vt, VT_ENTER);
	VT_ASSERT_TEXT(vt, "New", T);
	vt_key(vt, VT_DOWN);
	vt_key(vt, VT_ENTER);
	VT_ASSERT_ROW(vt, 0, "Counselling session - AVRR-", T);
}

/* Pages down the form until the Health field shows; its line. */
static const char *
perm_find_health(struct vt *vt)
{
	int i, r;

	for (i = 0; i < 8; i++) {
		for (r = 1; r < ROWS - 2; r++)
			if (strncmp(vt_row(vt, r), " Health", 7) == 0 ||
			    strncmp(vt_row(vt, r), ">Health", 7) == 0)
				return vt_row(vt, r);
		vt_key(vt, VT_PAGEDOWN);
		vt_pump(vt, 150);	/* let it draw */
	}
	fail_msg("no Health field:\n%s", vt_screen(vt));
	return NULL;
}

static void
test_hotline_sees_no_health(void **state)
{
	struct t *t = *state;
	const char *line;
	int i;

	perm_role(t, "hotline");
	t->vt = e2e_start(t->db, NULL, ROWS, COLS);
	VT_ASSERT_TEXT(t->vt, "Find a case", T);
	/* a new case is a counsellor's: one line, and no form opens */
	vt_key(t->vt, VT_F4);
	VT_ASSERT_TEXT(t->vt, "your role (Hotline operator) may not add records", T);
	assert_false(vt_wait_text(t->vt, "Surname", 300));
	/* nor from a call (F4 there starts a registration) */
	vt_key(t->vt, VT_F5);
	VT_ASSERT_ROW(t->vt, 0, "Hotline call", T);
	vt_key(t->vt, VT_F4);
	VT_ASSERT_TEXT(t->vt, "Registration: your role (Hotline operator) may not add", T);
	VT_ASSERT_ROW(t->vt, 0, "Hotline call", T);
	vt_key(t->vt, VT_ESC);
	VT_ASSERT_TEXT(t->vt, "Find a case", T);
	perm_open_case(t->vt);
	perm_no_health(t->vt, "case overview");
	perm_open_session(t->vt);
	VT_ASSERT_ROW(t->vt, ROWS - 1, "Back", T);
	for (i = 0; i < 8; i++) {
		perm_no_health(t->vt, "session");
		if (strstr(vt_row(t->vt, ROWS - 1), "Save") != NULL)
			fail_msg("Save is offered:\n%s", vt_screen(t->vt));
		vt_key(t->vt, VT_PAGEDOWN);
		vt_pump(t->vt, 150);
	}
	vt_key(t->vt, VT_PAGEUP);
	vt_key(t->vt, VT_PAGEUP);
	line = perm_find_health(t->vt);
	if (strstr(line, "(not shown to your role)") == NULL)
		fail_msg("the Health field is not marked:\n%s", vt_screen(t->vt));
	/* F2 anyway: refused, naming the form and the role */
	vt_key(t->vt, VT_F2);
	VT_ASSERT_TEXT(t->vt, "your role (Hotline operator) may not change", T);
	perm_no_health(t->vt, "session");
}

static void
test_counsellor_sees_health(void **state)
{
	struct t *t = *state;

	perm_role(t, "counsellor");
	t->vt = e2e_start(t->db, NULL, ROWS, COLS);
	VT_ASSERT_TEXT(t->vt, "Find a case", T);
	perm_open_case(t->vt);
	perm_open_session(t->vt);
	VT_ASSERT_ROW(t->vt, ROWS - 1, "Save", T);
	if (strstr(perm_find_health(t->vt), "Diabetes type 2") == NULL)
		fail_msg("the counsellor does not see the health text:\n%s", vt_screen(t->vt));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_hotline_sees_no_health, perm_setup,
		    perm_teardown),
		cmocka_unit_test_setup_teardown(test_counsellor_sees_health, perm_setup,
		    perm_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
