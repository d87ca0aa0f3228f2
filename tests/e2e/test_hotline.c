/*
 * End-to-end tests of the hotline quick entry with the real forms (forms/):
 * a call logged from the start screen with its running timer, a call linked
 * to a case found with F3, a call that registers the caller with F4, and a
 * call opened with F5 inside a case. The rows are read back through the
 * data layer.
 */
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "db/cases.h"
#include "db/draft.h"
#include "db/lifecycle.h"
#include "db/record.h"
#include "util/mem.h"

#define T	15000	/* generous: a deadline costs time only when a test fails */
#define ROWS	24
#define COLS	80

struct t {
	struct e2e_db		*db;
	struct vt		*vt;
	char			*no;		/* the case number of hl_case() */
	struct form_record	*rec[2];	/* records the test reads */
};

static int
hl_setup(void **state)
{
	struct t *t = xcalloc(1, sizeof *t);

	t->db = e2e_db_new_forms("forms");
	*state = t;
	return 0;
}

static int
hl_teardown(void **state)
{
	struct t *t = *state;

	vt_free(t->vt);
	form_record_free(t->rec[0]);	/* before their form definitions */
	form_record_free(t->rec[1]);
	e2e_db_free(t->db);
	free(t->no);
	free(t);
	return 0;
}

static void
hl_start(struct t *t)
{
	t->vt = e2e_start(t->db, NULL, ROWS, COLS);
	VT_ASSERT_TEXT(t->vt, "Find a case", T);
}

/* ---- the data layer ------------------------------------------------------ */

static struct db *
hl_db(struct t *t)
{
	return t->db->db != NULL ? t->db->db : e2e_db_open(t->db);
}

/* Saves a record of form: NULL-terminated name, value pairs. */
static void
hl_put(struct t *t, int64_t case_id, const char *form, ...)
{
	const struct form_def *def = form_set_find(t->db->forms, form);
	struct form_record *rec;
	const char *name, *value;
	char *err = NULL, why[256];
	va_list ap;

	assert_non_null(def);
	rec = form_record_new(def);
	rec->case_id = case_id;
	va_start(ap, form);
	while ((name = va_arg(ap, const char *)) != NULL) {
		value = va_arg(ap, const char *);
		assert_true(form_field_index(def, name) >= 0);
		form_record_set(rec, (size_t)form_field_index(def, name), value);
	}
	va_end(ap);
	if (db_lifecycle_save(hl_db(t), rec, NULL, &err) != DB_OK) {
		snprintf(why, sizeof why, "%s not saved: %s", form, err != NULL ? err : "?");
		free(err);
		form_record_free(rec);
		fail_msg("%s", why);
	}
	form_record_free(rec);
}

/* The registered case of "Kapanadze Nino"; t->no gets its number. */
static int64_t
hl_case(struct t *t)
{
	struct db_case c;
	int64_t id;

	assert_int_equal(db_case_create(hl_db(t), "AMIF-2026-01", NULL, &c, NULL), DB_OK);
	id = c.id;
	t->no = xstrdup(c.case_no);
	db_case_clear(&c);
	hl_put(t, id, "registration", "surname", "Kapanadze", "given_names", "Nino",
	    "sex", "female", "dob", "1991-04-09", "nationality", "GE", "return_country", "GE",
	    "languages", "ka", "interpreter", "no", "location", "rohovce",
	    "legal_status", "asylum_seeker", "vulnerabilities", "none",
	    "project", "AMIF-2026-01", NULL);
	e2e_db_close(t->db);
	return id;
}

/* The newest record of form (the test fails when there is none); the
 * caller keeps it in t->rec for the teardown to free. */
static struct form_record *
hl_newest(struct t *t, const char *form)
{
	const struct form_def *def = form_set_find(t->db->forms, form);
	struct form_record *rec = NULL;
	int64_t *ids = NULL, best = 0;
	size_t n = 0, i;

	assert_non_null(def);
	e2e_db_open(t->db);
	assert_int_equal(db_record_list(t->db->db, def, 0, &ids, &n, NULL), DB_OK);
	for (i = 0; i < n; i++)
		if (ids[i] > best)
			best = ids[i];
	free(ids);
	if (best == 0)
		fail_msg("no %s saved", form);
	assert_int_equal(db_record_load(t->db->db, def, best, &rec, NULL), DB_OK);
	e2e_db_close(t->db);
	return rec;
}

static const char *
hl_get(const struct form_record *rec, const char *field)
{
	int i = form_field_index(rec->def, field);

	assert_true(i >= 0);
	return rec->vals[i] != NULL ? rec->vals[i] : "(null)";
}

/* ---- the screen ------------------------------------------------------------ */

/* True once a row shows a and, after it, b; false at the deadline. */
static bool
hl_row_has(struct vt *vt, const char *a, const char *b, int timeout_ms)
{
	const char *row, *p;
	int waited, r;

	for (waited = 0; waited <= timeout_ms; waited += 20) {
		for (r = 0; r < ROWS; r++) {
			row = vt_row(vt, r);
			if ((p = strstr(row, a)) != NULL && strstr(p + strlen(a), b) != NULL)
				return true;
		}
		vt_pump(vt, 20);
	}
	return false;
}

/* Waits for a row showing a and, after it, b (column widths may change). */
static void
hl_wait_row(struct vt *vt, const char *a, const char *b)
{
	if (!hl_row_has(vt, a, b, T)) {
		vt_dump(vt, stderr);
		fail_msg("no row shows \"%s\" ... \"%s\" within %d ms", a, b, T);
	}
}

/* F5: a new call with its timer, the cursor on the caller's language. */
static void
hl_open_call(struct vt *vt)
{
	vt_key(vt, VT_F5);
	VT_ASSERT_ROW(vt, 0, "Hotline call  00:", T);
	VT_ASSERT_TEXT(vt, "Caller's language *", T);
	e2e_pick(vt, "georg", "Georgian");
}

/* From the caller's language: who called, name and phone (Tab commits it). */
static void
hl_fill_caller(struct vt *vt, const char *name, const char *phone)
{
	e2e_tabs(vt, 2);			/* interpreter, who called */
	e2e_pick(vt, "migr", "Migrant");
	e2e_tabs(vt, 1);
	e2e_text(vt, name);
	vt_type(vt, phone);
	VT_ASSERT_TEXT(vt, phone, T);
}

/* From the caller's phone: topics, summary and outcome. */
static void
hl_fill_call(struct vt *vt, const char *outcome_filter, const char *outcome)
{
	e2e_tabs(vt, 2);			/* where the caller is, topics */
	e2e_tick(vt, "volun", "Voluntary return");
	e2e_tabs(vt, 1);
	e2e_text(vt, "Asked how to get home");
	e2e_pick(vt, outcome_filter, outcome);
}

/* The rest of a registration started from a call (name, phone, language set). */
static void
hl_fill_registration(struct vt *vt)
{
	e2e_tabs(vt, 1);
	e2e_text(vt, "Giorgi");
	e2e_tabs(vt, 1);			/* name in native script */
	e2e_pick(vt, "mal", "Male");
	e2e_tabs(vt, 1);
	e2e_text(vt, "1990-01-01");
	e2e_pick(vt, "georgia", "Georgia");
	e2e_tabs(vt, 1);
	e2e_pick(vt, "georgia", "Georgia");
	e2e_tabs(vt, 3);			/* place of return, languages spoken */
	vt_type(vt, "n");		/* interpreter needed */
	e2e_tabs(vt, 3);			/* phone, email */
	e2e_pick(vt, "humen", "Humenné reception centre");
	e2e_tabs(vt, 1);
	e2e_pick(vt, "rej", "Rejected asylum seeker");
	e2e_tabs(vt, 1);
	e2e_tick(vt, "none", "None");
	e2e_tabs(vt, 1);
	vt_type(vt, "AMIF-2026-01");
	VT_ASSERT_TEXT(vt, "AMIF-2026-01", T);
}

/* ---- the tests ---------------------------------------------------------- */

static void
test_call_from_start_screen(void **state)
{
	struct t *t = *state;
	struct form_record *call;
	int minutes;

	hl_start(t);
	hl_open_call(t->vt);
	hl_fill_caller(t->vt, "Beridze Giorgi", "+421905555111");
	hl_fill_call(t->vt, "inform", "Information given");
	e2e_gone(t->vt, "Hotline call  00:00");	/* the timer runs */
	vt_ctrl(t->vt, 'o');
	VT_ASSERT_TEXT(t->vt, "Saved.", T);
	VT_ASSERT_TEXT(t->vt, "Find a case", T);
	assert_int_equal(e2e_count(t->db, "call"), 1);
	call = t->rec[0] = hl_newest(t, "call");
	assert_int_equal(call->case_id, 0);
	assert_string_equal(hl_get(call, "language"), "ka");
	assert_string_equal(hl_get(call, "caller_type"), "migrant");
	assert_string_equal(hl_get(call, "caller_name"), "Beridze Giorgi");
	assert_string_equal(hl_get(call, "caller_phone"), "+421905555111");
	assert_string_equal(hl_get(call, "summary"), "Asked how to get home");
	assert_string_equal(hl_get(call, "outcome"), "information");
	assert_string_equal(hl_get(call, "started_at"), "2026-11-22 12:00");
	minutes = atoi(hl_get(call, "duration_min"));
	if (minutes < 1 || minutes > 10)
		fail_msg("duration_min is \"%s\", expected the call's minutes",
		    hl_get(call, "duration_min"));
}

/* F3 in a call: find the case, Enter links the call to it. */
static void
test_call_linked_by_search(void **state)
{
	struct t *t = *state;
	int64_t id = hl_case(t);
	struct form_record *call;
	char msg[128];

	hl_start(t);
	hl_open_call(t->vt);
	vt_key(t->vt, VT_F3);
	VT_ASSERT_ROW(t->vt, 0, "Link to a case", T);
	VT_ASSERT_TEXT(t->vt, "Enter Link this case", T);	/* named for what it does here */
	VT_ASSERT_TEXT(t->vt, "Find:", T);
	vt_type(t->vt, "kapanad");
	VT_ASSERT_TEXT(t->vt, "Cases found: 1", T);
	vt_key(t->vt, VT_ENTER);
	snprintf(msg, sizeof msg, "The call will be saved with case %s", t->no);
	VT_ASSERT_TEXT(t->vt, msg, T);
	snprintf(msg, sizeof msg, "linked to %s", t->no);	/* the title names the case */
	VT_ASSERT_ROW(t->vt, 0, msg, T);
	hl_fill_caller(t->vt, "Kapanadze Nino", "+421905000222");
	hl_fill_call(t->vt, "couns", "Referred to counselling");
	vt_ctrl(t->vt, 'o');
	VT_ASSERT_TEXT(t->vt, "Saved.", T);
	call = t->rec[0] = hl_newest(t, "call");
	assert_int_equal(call->case_id, id);
	assert_string_equal(hl_get(call, "outcome"), "counselling");
}

/* F4 in a call: a registration with the caller's name, phone and language;
 * saving it makes the case, and the call is saved linked to it. */
static void
test_call_starts_registration(void **state)
{
	struct t *t = *state;
	struct form_record *call, *reg;

	hl_start(t);
	hl_open_call(t->vt);
	hl_fill_caller(t->vt, "Beridze", "+421905555111");
	hl_fill_call(t->vt, "regis", "Registration started");
	vt_key(t->vt, VT_F4);
	VT_ASSERT_ROW(t->vt, 0, "Registration", T);
	hl_wait_row(t->vt, "Surname (as in passport)", "Beridze");
	hl_wait_row(t->vt, "Phone", "+421905555111");
	hl_wait_row(t->vt, "Languages spoken", "Georgian");
	hl_fill_registration(t->vt);
	vt_ctrl(t->vt, 'o');
	VT_ASSERT_TEXT(t->vt, "The call will be saved with case AVRR-", T);
	VT_ASSERT_ROW(t->vt, 0, "linked to AVRR-", T);
	assert_int_equal(e2e_count(t->db, "call"), 0);
	vt_ctrl(t->vt, 'o');
	VT_ASSERT_TEXT(t->vt, "Saved.", T);
	VT_ASSERT_TEXT(t->vt, "Find a case", T);
	reg = t->rec[0] = hl_newest(t, "registration");
	call = t->rec[1] = hl_newest(t, "call");
	assert_true(reg->case_id != 0);
	assert_int_equal(call->case_id, reg->case_id);
	assert_string_equal(hl_get(reg, "surname"), "Beridze");
	assert_string_equal(hl_get(reg, "phone"), "+421905555111");
	assert_string_equal(hl_get(reg, "languages"), "ka");
	assert_string_equal(hl_get(call, "outcome"), "registration");
}

/* F4 in a call from "Aslan Dudayev": the program asks whether Dudayev is the
 * surname; yes gives Surname Dudayev and Given names Aslan, no the other way
 * round. A name with one word in capitals needs no question. */
static void
test_call_splits_caller_name(void **state)
{
	struct t *t = *state;

	hl_start(t);
	hl_open_call(t->vt);
	hl_fill_caller(t->vt, "Aslan Dudayev", "+421905555111");
	vt_key(t->vt, VT_F4);
	VT_ASSERT_TEXT(t->vt, "Is Dudayev the surname and Aslan the given names? (y/n", T);
	vt_type(t->vt, "y");
	VT_ASSERT_ROW(t->vt, 0, "Registration", T);
	hl_wait_row(t->vt, "Surname (as in passport)", "Dudayev");
	hl_wait_row(t->vt, "Given names (as in passport)", "Aslan");
	vt_key(t->vt, VT_ESC);			/* back in the call: the other reading */
	VT_ASSERT_ROW(t->vt, 0, "Hotline call", T);
	vt_key(t->vt, VT_F4);
	VT_ASSERT_TEXT(t->vt, "Is Dudayev the surname", T);
	vt_type(t->vt, "n");
	hl_wait_row(t->vt, "Surname (as in passport)", "Aslan");
	hl_wait_row(t->vt, "Given names (as in passport)", "Dudayev");
}

/* An interpreter joins: their language starts as the caller's. */
static void
test_call_interpreter_language(void **state)
{
	struct t *t = *state;

	hl_start(t);
	hl_open_call(t->vt);
	e2e_tabs(t->vt, 1);
	VT_ASSERT_TEXT(t->vt, ">Interpreter joined by conference", T);
	vt_type(t->vt, "y");
	hl_wait_row(t->vt, "Interpreter's language *", "Georgian");
}

/* The surname in capitals, as a passport writes it: no question. */
static void
test_call_caller_name_in_capitals(void **state)
{
	struct t *t = *state;

	hl_start(t);
	hl_open_call(t->vt);
	hl_fill_caller(t->vt, "Aslan DUDAYEV", "+421905555111");
	vt_key(t->vt, VT_F4);
	VT_ASSERT_ROW(t->vt, 0, "Registration", T);
	hl_wait_row(t->vt, "Surname (as in passport)", "DUDAYEV");
	hl_wait_row(t->vt, "Given names (as in passport)", "Aslan");
	assert_false(vt_wait_text(t->vt, "the surname and", 100));
}

/*
 * F4 pressed while the caller's phone is still being typed: the registration
 * gets the phone too (the field is stored before the call's action runs).
 */
static void
test_call_carries_field_being_typed(void **state)
{
	struct t *t = *state;

	hl_start(t);
	hl_open_call(t->vt);
	hl_fill_caller(t->vt, "Beridze", "+421905555111");
	vt_key(t->vt, VT_F4);			/* no Tab after the phone */
	VT_ASSERT_ROW(t->vt, 0, "Registration", T);
	hl_wait_row(t->vt, "Surname (as in passport)", "Beridze");
	if (!hl_row_has(t->vt, "Phone", "+421905555111", 2000)) {	/* same frame */
		vt_dump(t->vt, stderr);
		fail_msg("the phone typed in the call is not in the registration");
	}
}

/* F3 in a call that holds the caller's name: the search starts from it, and
 * the first character typed replaces it. */
static void
test_call_link_starts_from_caller(void **state)
{
	struct t *t = *state;
	char msg[128];

	hl_case(t);
	hl_start(t);
	hl_open_call(t->vt);
	hl_fill_caller(t->vt, "Kapanadze Nino", "+421905000222");
	vt_key(t->vt, VT_F3);
	VT_ASSERT_ROW(t->vt, 0, "Link to a case", T);
	VT_ASSERT_TEXT(t->vt, "Find:      Kapanadze Nino", T);
	VT_ASSERT_TEXT(t->vt, "Cases found: 1", T);
	VT_ASSERT_TEXT(t->vt, "1991-04-09", T);
	vt_type(t->vt, "nino");			/* replaces the caller's name */
	VT_ASSERT_ROW(t->vt, 1, "Find:      nino", T);
	assert_null(strstr(vt_row(t->vt, 1), "Kapanadze"));
	VT_ASSERT_TEXT(t->vt, "Cases found: 1", T);
	vt_key(t->vt, VT_ENTER);
	snprintf(msg, sizeof msg, "The call will be saved with case %s", t->no);
	VT_ASSERT_TEXT(t->vt, msg, T);
}

/* F5 inside a case: the call belongs to that case. */
static void
test_call_from_case_overview(void **state)
{
	struct t *t = *state;
	int64_t id = hl_case(t);
	struct form_record *call;

	hl_start(t);
	vt_ctrl(t->vt, 'f');
	VT_ASSERT_TEXT(t->vt, "Find:", T);
	vt_type(t->vt, "kapanad");
	VT_ASSERT_TEXT(t->vt, "Cases found: 1", T);
	vt_key(t->vt, VT_ENTER);
	VT_ASSERT_TEXT(t->vt, "Forms of this case", T);
	hl_open_call(t->vt);
	VT_ASSERT_ROW(t->vt, 0, "linked to AVRR-", T);
	hl_fill_caller(t->vt, "Kapanadze Nino", "+421905000222");
	hl_fill_call(t->vt, "inform", "Information given");
	vt_ctrl(t->vt, 'o');
	VT_ASSERT_TEXT(t->vt, "Forms of this case", T);
	hl_wait_row(t->vt, "Hotline call", "1");
	call = t->rec[0] = hl_newest(t, "call");
	assert_int_equal(call->case_id, id);
}

/*
 * A call linked to a case does not rename it: the case keeps the applicant's
 * name from the registration ("Kapanadze Nino"), not the caller's ("Kapanadze
 * Tamar", the sister who called), on the start screen and in search.
 */
static void
test_linked_call_keeps_case_name(void **state)
{
	struct t *t = *state;
	int64_t id = hl_case(t);

	hl_put(t, id, "call", "language", "ka", "caller_type", "family", "caller_name",
	    "Kapanadze Tamar", "topics", "return", "outcome", "information", NULL);
	e2e_db_close(t->db);
	hl_start(t);
	VT_ASSERT_TEXT(t->vt, t->no, T);
	if (!hl_row_has(t->vt, t->no, "Kapanadze Nino", 2000)) {	/* same frame */
		vt_dump(t->vt, stderr);
		fail_msg("case %s is not listed as Kapanadze Nino", t->no);
	}
}

/*
 * The registration started from a call links the call in its own save: a
 * crash right after it (kill -9) leaves the call as a draft of the new case.
 */
static void
test_call_link_survives_crash(void **state)
{
	struct t *t = *state;
	struct db_draft *d = NULL;
	struct form_record *reg;
	size_t n = 0;

	hl_start(t);
	hl_open_call(t->vt);
	hl_fill_caller(t->vt, "Beridze", "+421905555111");
	hl_fill_call(t->vt, "regis", "Registration started");
	vt_key(t->vt, VT_F4);
	VT_ASSERT_ROW(t->vt, 0, "Registration", T);
	hl_fill_registration(t->vt);
	vt_ctrl(t->vt, 'o');
	VT_ASSERT_TEXT(t->vt, "The call will be saved with case AVRR-", T);
	vt_signal(t->vt, SIGKILL);
	vt_wait_exit(t->vt, T);
	reg = t->rec[0] = hl_newest(t, "registration");
	assert_non_null(reg);
	e2e_db_open(t->db);
	assert_int_equal(db_draft_list(t->db->db, NULL, &d, &n, NULL), DB_OK);
	assert_int_equal(n, 1);
	assert_string_equal(d[0].form, "call");
	assert_int_equal(d[0].case_id, reg->case_id);
	db_drafts_free(d, n);
	e2e_db_close(t->db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_call_from_start_screen, hl_setup,
		    hl_teardown),
		cmocka_unit_test_setup_teardown(test_call_link_starts_from_caller, hl_setup,
		    hl_teardown),
		cmocka_unit_test_setup_teardown(test_call_linked_by_search, hl_setup,
		    hl_teardown),
		cmocka_unit_test_setup_teardown(test_call_starts_registration, hl_setup,
		    hl_teardown),
		cmocka_unit_test_setup_teardown(test_call_splits_caller_name, hl_setup, hl_teardown),
		cmocka_unit_test_setup_teardown(test_call_interpreter_language, hl_setup,
		    hl_teardown),
		cmocka_unit_test_setup_teardown(test_call_caller_name_in_capitals, hl_setup,
		    hl_teardown),
		cmocka_unit_test_setup_teardown(test_call_carries_field_being_typed, hl_setup,
		    hl_teardown),
		cmocka_unit_test_setup_teardown(test_call_from_case_overview, hl_setup,
		    hl_teardown),
		cmocka_unit_test_setup_teardown(test_linked_call_keeps_case_name, hl_setup,
		    hl_teardown),
		cmocka_unit_test_setup_teardown(test_call_link_survives_crash, hl_setup,
		    hl_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
