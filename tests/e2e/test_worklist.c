/*
 * The start screen's worklists at 80x24: a callback due and a monitoring
 * visit due show with their counts, and Enter opens where the work is: the
 * call to return, a new monitoring record of the case. Help names the keys
 * of the screen it was asked on. Find narrows the case list by status and
 * country of return.
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
#include "db/record.h"

#define T	E2E_T

/* rec saved as it is, without the lifecycle's rules (the lists only read). */
static void
wl_save(struct e2e_db *db, struct form_record *rec)
{
	char *err = NULL;

	if (db_record_save(e2e_db_open(db), rec, NULL, &err) != DB_OK)
		fail_msg("%s: %s", rec->def->name, err);
	form_record_free(rec);
	e2e_db_close(db);
}

static void
test_worklist_callback(void **state)
{
	struct e2e_fixture *t = *state;

	wl_save(t->db, e2e_rec(t->db, 0, "call", "started_at", "2026-11-20 10:15",
	    "caller_name", "Aslan Dudayev", "caller_phone", "+421900111222", "callback", "yes",
	    "callback_on", "2026-11-21", NULL));
	wl_save(t->db, e2e_rec(t->db, 0, "call", "started_at", "2026-11-21 09:00",
	    "caller_name", "Not yet", "callback", "yes", "callback_on", "2026-11-30", NULL));
	t->vt = e2e_start(t->db, NULL, 24, 80);
	VT_ASSERT_TEXT(t->vt, "To do (Enter opens the list)", T);
	e2e_select(t->vt, "Callbacks due (1)");
	vt_key(t->vt, VT_ENTER);
	VT_ASSERT_TEXT(t->vt, "Callbacks due (1)", T);	/* the title */
	VT_ASSERT_TEXT(t->vt, "Call back on", T);
	VT_ASSERT_TEXT(t->vt, "2026-11-21", T);
	VT_ASSERT_TEXT(t->vt, "+421900111222", T);
	assert_false(vt_wait_text(t->vt, "Not yet", 200));
	e2e_select(t->vt, "Aslan Dudayev");
	vt_key(t->vt, VT_ENTER);
	VT_ASSERT_TEXT(t->vt, "Hotline call", T);
	VT_ASSERT_TEXT(t->vt, "Aslan Dudayev", T);
}

static void
test_worklist_visit(void **state)
{
	struct e2e_fixture *t = *state;
	int64_t id = e2e_add_case(t->db, "surname", "Beridze", "given_names", "Nino", NULL);

	wl_save(t->db, e2e_rec(t->db, id, "departure", "departed_on", "2026-08-01", NULL));
	t->vt = e2e_start(t->db, NULL, 24, 80);
	e2e_select(t->vt, "Monitoring visits due (1)");
	vt_key(t->vt, VT_ENTER);
	VT_ASSERT_TEXT(t->vt, "Due on", T);
	VT_ASSERT_TEXT(t->vt, "2026-11-01", T);	/* three months after the departure */
	VT_ASSERT_TEXT(t->vt, "1/3", T);
	vt_key(t->vt, VT_F1);
	VT_ASSERT_TEXT(t->vt, "On this screen: F1/^G Help, Enter Open, Esc Back", T);
	vt_key(t->vt, VT_ESC);
	e2e_select(t->vt, "Beridze");
	vt_key(t->vt, VT_ENTER);
	VT_ASSERT_TEXT(t->vt, "Monitoring after return - AVRR-", T);
	VT_ASSERT_TEXT(t->vt, ">Date *", T);
}

/* The case list narrowed by status and country of return, from Find. */
static void
test_case_list_filtered(void **state)
{
	struct e2e_fixture *t = *state;

	e2e_add_case(t->db, "surname", "Beridze", "given_names", "Nino", "return_country", "GE",
	    NULL);
	e2e_add_case(t->db, "surname", "Petrenko", "given_names", "Olena", "return_country",
	    "UA", NULL);
	e2e_add_case(t->db, "surname", "Lomidze", "given_names", "Nika", "return_country", "GE",
	    NULL);
	e2e_sql(t->db, "UPDATE cases SET status = 'departed' WHERE id IN (1, 2)");
	t->vt = e2e_start(t->db, NULL, 24, 80);
	VT_ASSERT_TEXT(t->vt, "Find a case", T);
	vt_ctrl(t->vt, 'f');
	e2e_joined_text(t->vt, "Narrow with status:, project:, country:, officer:");
	vt_type(t->vt, "status:departed");
	VT_ASSERT_TEXT(t->vt, "Cases found: 2", T);
	vt_type(t->vt, " country:ge");
	VT_ASSERT_TEXT(t->vt, "Cases found: 1", T);
	VT_ASSERT_TEXT(t->vt, "Beridze Nino", T);
	assert_false(vt_wait_text(t->vt, "Lomidze", 100));	/* not departed */
	vt_key(t->vt, VT_ENTER);
	VT_ASSERT_TEXT(t->vt, "Forms of this case", T);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_worklist_callback, e2e_fixture_setup,
		    e2e_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_worklist_visit, e2e_fixture_setup,
		    e2e_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_case_list_filtered, e2e_fixture_setup,
		    e2e_fixture_teardown),
	};

	setenv("AVRR_TODAY", "2026-11-22", 1);	/* the cases this process makes */
	return cmocka_run_group_tests(tests, NULL, NULL);
}
