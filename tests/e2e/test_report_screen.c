/*
 * The report screen at 80x24, on a database with known answers
 * (tests/unit/report_data.h): reached from the start screen, it shows the
 * same figures as `avrr report` (the donor summary's sentences, the returns
 * by country) with a bar per row, as long as its share of the largest; the
 * period changed on screen changes the figures; F6 shows them in Slovak; a
 * terminal that is not UTF-8 gets '#' bars; ^W on a project in the list of
 * projects opens that project's reports; opening one is an audit row.
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
#include "unit/report_data.h"

#define ROWS	24
#define COLS	80

/* The database with known answers (tests/unit/report_data.h). */
static int
setup(void **state)
{
	struct e2e_fixture *t;

	e2e_fixture_setup(state);
	t = *state;
	rdata_fill(e2e_db_open(t->db), t->db->forms);
	e2e_db_close(t->db);
	return 0;
}

static void
tr_wait(struct vt *vt, const char *text)
{
	if (!vt_wait_text(vt, text, E2E_T)) {
		vt_dump(vt, stderr);
		fail_msg("not on screen: %s", text);
	}
}

/* How many times mark stands in row r. */
static int
tr_count(struct vt *vt, int r, const char *mark)
{
	const char *p = vt_row(vt, r);
	int n = 0;

	while ((p = strstr(p, mark)) != NULL) {
		n++;
		p += strlen(mark);
	}
	return n;
}

static long long
tr_audit_reports(struct e2e_fixture *t)
{
	return e2e_sql_count(t->db, "SELECT count(*) FROM audit WHERE action = 'report' AND "
	    "changes LIKE '%\"donor\"%'");
}

/* From the start screen: the 6th line is Reports. */
static void
tr_open_reports(struct vt *vt)
{
	int i;

	tr_wait(vt, "Find a case");
	for (i = 0; i < 5; i++)
		vt_key(vt, VT_DOWN);
	vt_type(vt, "\r");
	tr_wait(vt, "Reports (Enter shows one)");
	tr_wait(vt, "all projects");
}

/* The donor summary: the sentences avrr report prints, and a bar for each
 * country as long as its share of the largest (Ukraine 4, Georgia 1). */
static void
test_report_screen_donor(void **state)
{
	struct e2e_fixture *t = *state;
	const char *const env[] = { "AVRR_TODAY=2026-11-22", NULL };
	int ua, ge, full;

	t->vt = e2e_start(t->db, env, ROWS, COLS);
	tr_open_reports(t->vt);
	tr_wait(t->vt, "2026-01-01");
	tr_wait(t->vt, "2026-12-31");
	vt_type(t->vt, "\r");	/* the first report: the donor summary */
	tr_wait(t->vt, "Period: 2026-01-01 to 2026-12-31");
	tr_wait(t->vt, "persons who returned voluntarily: 6 (cases: 3);");
	tr_wait(t->vt, "cases given stabilisation support: 3.");
	tr_wait(t->vt, "Moldova");
	vt_pump(t->vt, 200);	/* the whole frame */
	ua = e2e_row_of(t->vt, "Ukraine");
	ge = e2e_row_of(t->vt, "Georgia");
	assert_non_null(strstr(vt_row(t->vt, ua), " 4  "));
	full = tr_count(t->vt, ua, "\u2588");
	assert_true(full >= 20);
	assert_int_equal(tr_count(t->vt, ge, "\u2588"), full / 4);	/* a quarter */
	assert_int_equal(tr_audit_reports(t), 1);
	vt_key(t->vt, VT_F6);		/* the staff language: Slovak */
	tr_wait(t->vt, "Slovak (sk)");
	vt_type(t->vt, "sk");
	vt_pump(t->vt, 200);
	vt_key(t->vt, VT_ENTER);
	tr_wait(t->vt, "Ukrajina");
	assert_non_null(strstr(vt_row(t->vt, e2e_row_of(t->vt, "Ukrajina")), " 4  "));
}

/* From 2026-06-01 on only B (31 December) and E (1 June) returned. */
static void
test_report_screen_period(void **state)
{
	struct e2e_fixture *t = *state;
	const char *const env[] = { "AVRR_TODAY=2026-11-22", NULL };
	int r;

	t->vt = e2e_start(t->db, env, ROWS, COLS);
	tr_open_reports(t->vt);
	vt_key(t->vt, VT_UP);
	vt_key(t->vt, VT_UP);
	vt_key(t->vt, VT_UP);	/* From */
	vt_type(t->vt, "\r");
	vt_ctrl(t->vt, 'u');
	vt_type(t->vt, "1.6.2026\r");
	tr_wait(t->vt, "2026-06-01");
	vt_key(t->vt, VT_DOWN);	/* To */
	vt_type(t->vt, "\r");
	vt_ctrl(t->vt, 'u');
	vt_type(t->vt, "31.02.2026\r");
	tr_wait(t->vt, "'31.02.2026' is not a date");
	vt_key(t->vt, VT_ESC);	/* the end stays as it was */
	tr_wait(t->vt, "2026-12-31");
	vt_key(t->vt, VT_DOWN);
	vt_key(t->vt, VT_DOWN);
	vt_key(t->vt, VT_DOWN);	/* Returns */
	vt_type(t->vt, "\r");
	tr_wait(t->vt, "Period: 2026-06-01 to 2026-12-31");
	r = e2e_row_of(t->vt, "Persons returned");
	assert_non_null(strstr(vt_row(t->vt, r), " 2"));
	assert_null(strstr(vt_screen(t->vt), "Ukraine"));
}

/* Not UTF-8: the bars are '#'. */
static void
test_report_screen_ascii(void **state)
{
	struct e2e_fixture *t = *state;
	const char *const env[] = { "AVRR_TODAY=2026-11-22", "LANG=C", "LC_ALL=C", "TERM=vt100",
	    NULL };
	int ua, ge;

	t->vt = e2e_start(t->db, env, ROWS, COLS);
	tr_open_reports(t->vt);
	vt_key(t->vt, VT_DOWN);
	vt_type(t->vt, "\r");	/* Returns */
	tr_wait(t->vt, "Moldova");
	vt_pump(t->vt, 200);
	ua = e2e_row_of(t->vt, "Ukraine");
	ge = e2e_row_of(t->vt, "Georgia");
	assert_true(tr_count(t->vt, ua, "#") >= 20);
	assert_int_equal(tr_count(t->vt, ge, "#"), (tr_count(t->vt, ua, "#") + 2) / 4);
	assert_null(strstr(vt_screen(t->vt), "\u2588"));
}

/* ^W on project P1 in the list of projects: P1's figures only. */
static void
test_report_screen_project(void **state)
{
	struct e2e_fixture *t = *state;
	const char *const env[] = { "AVRR_TODAY=2026-11-22", NULL };
	int i;

	e2e_put(t->db, e2e_rec(t->db, 0, "project", "code", "P1", "name", "Returns 2026",
	    "donor", "amif", "period_from", "2026-01-01", "period_to", "2026-12-31", NULL));
	t->vt = e2e_start(t->db, env, ROWS, COLS);
	tr_wait(t->vt, "Find a case");
	for (i = 0; i < 4; i++)
		vt_key(t->vt, VT_DOWN);
	vt_type(t->vt, "\r");	/* Projects */
	tr_wait(t->vt, "Returns 2026");
	tr_wait(t->vt, "Reports");	/* the key bar offers them */
	vt_key(t->vt, VT_DOWN);
	vt_ctrl(t->vt, 'w');
	tr_wait(t->vt, "Reports (Enter shows one)");
	assert_non_null(strstr(vt_row(t->vt, e2e_row_of(t->vt, "Project  ")), "P1"));
	vt_type(t->vt, "\r");
	tr_wait(t->vt, "Project: P1");
	tr_wait(t->vt, "persons who returned voluntarily: 5 (cases: 2);");
	assert_int_equal(tr_audit_reports(t), 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_report_screen_donor, setup, e2e_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_report_screen_period, setup, e2e_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_report_screen_ascii, setup, e2e_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_report_screen_project, setup, e2e_fixture_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
