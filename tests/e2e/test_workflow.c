/*
 * End-to-end tests of the case workflow with the real forms (forms/): one
 * case walked on screen from registration to closure, the refusals of the
 * lifecycle rules (forms/LIFECYCLE.md), a supervisor's approval, and the
 * duplicate check before a new case. Earlier stages of a case are set up
 * through the data layer; every stage is walked on screen in some test.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "db/cases.h"
#include "db/draft.h"
#include "db/lifecycle.h"
#include "db/record.h"
#include "db/users.h"
#include "util/mem.h"

#define T	15000	/* generous: a deadline costs time only when a test fails */
#define ROWS	24	/* the size our users have */
#define COLS	80

/* Lines of the case overview's "Forms of this case", in lifecycle order. */
enum wf_line {
	WF_REGISTRATION, WF_CONSENT, WF_SESSION, WF_RETURN_PREP, WF_DEPARTURE,
	WF_PLAN, WF_PAYMENT, WF_MONITORING, WF_CLOSURE
};

struct t {
	struct e2e_db		*db;
	struct vt		*vt;
	char			*no;	/* a case number the test holds */
	struct form_record	*rec;	/* a record the test reads */
};

static int
wf_setup(void **state)
{
	struct t *t = xcalloc(1, sizeof *t);

	t->db = e2e_db_new_rules("forms");
	*state = t;
	return 0;
}

static int
wf_teardown(void **state)
{
	struct t *t = *state;

	vt_free(t->vt);
	form_record_free(t->rec);	/* before its form definitions */
	e2e_db_free(t->db);
	free(t->no);
	free(t);
	return 0;
}

static void
wf_start(struct t *t)
{
	t->vt = e2e_start(t->db, NULL, ROWS, COLS);
	VT_ASSERT_TEXT(t->vt, "Find a case", T);
}

/* ---- the data layer ------------------------------------------------------ */

static struct db *
wf_db(struct t *t)
{
	return t->db->db != NULL ? t->db->db : e2e_db_open(t->db);
}

/* The currency of money field name of rec. */
static void
wf_cur(struct form_record *rec, const char *name, const char *cur)
{
	int i = form_field_index(rec->def, name);

	assert_true(i >= 0);
	form_record_set_part(rec, i, 1, cur);
}

static int64_t
wf_case(struct t *t, const char *surname, const char *given, const char *dob)
{
	struct db_case c;
	int64_t id;

	assert_int_equal(db_case_create(wf_db(t), "AMIF-2026-01", NULL, &c, NULL), DB_OK);
	id = c.id;
	db_case_clear(&c);
	e2e_put(t->db, e2e_rec(t->db, id, "registration", "surname", surname, "given_names", given,
	    "sex", "male", "dob", dob, "nationality", "GE", "return_country", "GE",
	    "languages", "ka", "interpreter", "no", "location", "humenne",
	    "legal_status", "rejected", "vulnerabilities", "none", "project", "AMIF-2026-01",
	    NULL));
	return id;
}

enum wf_stage {
	WF_AT_REGISTERED, WF_AT_CONSENT, WF_AT_PREPARED, WF_AT_DEPARTED, WF_AT_PLAN
};

/* A case of "Kapanadze Levan" carried up to the stage through the data layer. */
static int64_t
wf_case_at(struct t *t, enum wf_stage stage)
{
	int64_t id = wf_case(t, "Kapanadze", "Levan", "1985-07-14");
	struct form_record *rec;

	if (stage >= WF_AT_CONSENT)
		e2e_put(t->db, e2e_rec(t->db, id, "consent", "consent_given", "yes", "consent_on",
		    "2026-11-02", "explained_in", "ka", "by_interpreter", "no", "signed_paper",
		    "yes", NULL));
	if (stage >= WF_AT_PREPARED) {
		rec = e2e_rec(t->db, id, "return_prep", "travel_doc", "passport", "passport_no",
		    "13AB45678", "passport_expiry", "2030-01-31", "escort", "none", NULL);
		e2e_row(rec, "flights", "flight_date", "2026-11-10", "from_airport", "VIE",
		    "to_airport", "TBS", NULL);
		e2e_put(t->db, rec);
	}
	if (stage >= WF_AT_DEPARTED)
		e2e_put(t->db, e2e_rec(t->db, id, "departure", "departed_on", "2026-11-10",
		    "arrival_confirmed", "yes", "confirmed_on", "2026-11-11", "confirmed_by", "GE",
		    NULL));
	if (stage >= WF_AT_PLAN) {
		rec = e2e_rec(t->db, id, "plan", "grant", "2000", "prepared_on", "2026-11-12",
		    "timing", "after", NULL);
		e2e_row(rec, "items", "item_type", "business", "description", "Bakery oven",
		    "budget", "1500", NULL);
		wf_cur(rec, "grant", "EUR");
		wf_cur(rec->kids[form_field_index(rec->def, "items")].rows[0], "budget", "EUR");
		e2e_put(t->db, rec);
	}
	e2e_db_close(t->db);
	return id;
}

/* The newest record of form (NULL when none); the caller frees it. */
static struct form_record *
wf_newest(struct t *t, const char *form)
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
	if (best > 0)
		assert_int_equal(db_record_load(t->db->db, def, best, &rec, NULL), DB_OK);
	e2e_db_close(t->db);
	return rec;
}

static enum db_case_status
wf_status(struct t *t, int64_t case_id)
{
	struct db_case c;
	enum db_case_status st;

	e2e_db_open(t->db);
	assert_int_equal(db_case_load(t->db->db, case_id, &c, NULL), DB_OK);
	st = c.status;
	db_case_clear(&c);
	e2e_db_close(t->db);
	return st;
}

static size_t
wf_ncases(struct t *t)
{
	struct db_case *cs = NULL;
	size_t n = 0;

	e2e_db_open(t->db);
	assert_int_equal(db_case_recent(t->db->db, 1000, &cs, &n, NULL), DB_OK);
	db_case_free_array(cs, n);
	e2e_db_close(t->db);
	return n;
}

static void
wf_assert_value(struct t *t, const char *form, const char *field, const char *want)
{
	char *v = e2e_value(t->db, form, field);
	char got[256];

	snprintf(got, sizeof got, "%s", v != NULL ? v : "(null)");
	free(v);
	if (strcmp(got, want) != 0)
		fail_msg("%s.%s is \"%s\", expected \"%s\"", form, field, got, want);
}

/* ---- the screen ------------------------------------------------------------ */

static bool
wf_row_has(struct vt *vt, const char *a, const char *b)
{
	const char *row, *p;
	int r;

	for (r = 0; r < ROWS; r++) {
		row = vt_row(vt, r);
		if ((p = strstr(row, a)) != NULL && strstr(p + strlen(a), b) != NULL)
			return true;
	}
	return false;
}

/* Waits for a row showing a and, after it, b (column widths may change). */
static void
wf_wait_row(struct vt *vt, const char *a, const char *b)
{
	int waited;

	for (waited = 0; waited <= T; waited += 20) {
		if (wf_row_has(vt, a, b))
			return;
		vt_pump(vt, 20);
	}
	vt_dump(vt, stderr);
	fail_msg("no row shows \"%s\" ... \"%s\" within %d ms", a, b, T);
}

/* On the case overview: a row showing a ... b, the body paged down to it when
 * it is below the screen (at 80x24 the timeline starts near the bottom),
 * then paged back to the top. */
static void
wf_see_row(struct vt *vt, const char *a, const char *b)
{
	bool seen = false;
	int i, pages = 0;

	vt_pump(vt, 100);
	for (i = 0; !seen && i < 8; i++) {
		if (vt_wait_text(vt, a, 50) && wf_row_has(vt, a, b)) {
			seen = true;
			break;
		}
		vt_key(vt, VT_PAGEDOWN);
		vt_pump(vt, 100);
		pages++;
	}
	if (!seen && !wf_row_has(vt, a, b)) {
		vt_dump(vt, stderr);
		fail_msg("the case overview has no row \"%s\" ... \"%s\"", a, b);
	}
	for (pages += 4; pages > 0; pages--)	/* back to the top, whatever the cursor did */
		vt_key(vt, VT_PAGEUP);
	vt_pump(vt, 100);
}

/* From the case overview: selects a form line and opens it (a list's "+ New"). */
static void
wf_open_form(struct vt *vt, enum wf_line line, const char *title, bool list)
{
	char want[128];
	int i;

	snprintf(want, sizeof want, "%s - AVRR-", title);
	VT_ASSERT_TEXT(vt, "Forms of this case", T);
	vt_key(vt, VT_PAGEUP);
	for (i = 0; i < (int)line; i++)
		vt_key(vt, VT_DOWN);
	vt_key(vt, VT_ENTER);
	if (list) {
		VT_ASSERT_TEXT(vt, "+ New", T);
		vt_key(vt, VT_ENTER);
	}
	VT_ASSERT_ROW(vt, 0, want, T);
}

/* From the start screen: finds a case by name and opens its overview. */
static void
wf_open_case(struct vt *vt, const char *name)
{
	vt_ctrl(vt, 'f');
	VT_ASSERT_TEXT(vt, "Find:", T);
	vt_type(vt, name);
	VT_ASSERT_TEXT(vt, "Cases found: 1", T);
	vt_key(vt, VT_ENTER);
	VT_ASSERT_TEXT(vt, "Forms of this case", T);
}

/* Waits for a refusal on the message line, and the form still open. */
static void
wf_refused(struct vt *vt, const char *title, const char *why)
{
	char head[128];

	snprintf(head, sizeof head, "%s refused: ", title);
	e2e_joined_text(vt, head);	/* wrapped over rows at 80 columns */
	e2e_joined_text(vt, why);
	assert_false(vt_wait_text(vt, "Forms of this case", 200));
}

/* ---- filling the forms ----------------------------------------------------- */

/* The registration of a man from Georgia, up to the project code. */
static void
wf_fill_registration(struct vt *vt, const char *surname, const char *given,
    const char *dob)
{
	VT_ASSERT_TEXT(vt, "Surname (as in passport)", T);
	e2e_text(vt, surname);
	e2e_text(vt, given);
	e2e_tabs(vt, 1);			/* name in native script */
	e2e_pick(vt, "mal", "Male");
	e2e_tabs(vt, 1);
	e2e_text(vt, dob);
	e2e_pick(vt, "georgia", "Georgia");
	e2e_tabs(vt, 1);
	e2e_pick(vt, "georgia", "Georgia");
	e2e_tabs(vt, 1);
	e2e_text(vt, "Tbilisi");
	e2e_tick(vt, "georg", "Georgian");
	e2e_tabs(vt, 1);
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

/* From the project code: adds the wife as a family member. */
static void
wf_fill_family(struct vt *vt)
{
	e2e_tabs(vt, 1);
	VT_ASSERT_TEXT(vt, "+ Add a row", T);
	vt_key(vt, VT_ENTER);
	VT_ASSERT_ROW(vt, 0, "Family members returning together 1", T);
	e2e_text(vt, "Nováková");
	e2e_text(vt, "Eva");
	e2e_tabs(vt, 1);
	e2e_pick(vt, "fem", "Female");
	e2e_tabs(vt, 1);
	e2e_text(vt, "1982-03-03");
	e2e_pick(vt, "spou", "Spouse");
	e2e_tabs(vt, 1);
	e2e_pick(vt, "georgia", "Georgia");
	vt_key(vt, VT_ESC);	/* the row kept, back to the form */
	VT_ASSERT_TEXT(vt, "1. Spouse, Nováková, Eva", T);	/* the key fact first */
}

static void
wf_fill_consent(struct vt *vt)
{
	VT_ASSERT_TEXT(vt, "Consent statement", T);	/* the notes open at their start */
	vt_key(vt, VT_TAB);			/* brings the first question into view */
	VT_ASSERT_TEXT(vt, ">Consent given *", T);
	vt_type(vt, "y");
	VT_ASSERT_TEXT(vt, "Yes", T);
	e2e_tabs(vt, 2);			/* the date of consent is today */
	e2e_pick(vt, "georg", "Georgian");
	e2e_tabs(vt, 1);
	vt_type(vt, "n");
	e2e_tabs(vt, 1);
	vt_type(vt, "y");
}

/* A return counselling session by phone, interpreted by a conference call. */
static void
wf_fill_session(struct vt *vt)
{
	VT_ASSERT_TEXT(vt, "Kind of session *", T);
	e2e_pick(vt, "return c", "Return counselling");
	e2e_tabs(vt, 2);			/* the date is today */
	e2e_pick(vt, "pho", "Phone");
	e2e_tabs(vt, 1);
	vt_type(vt, "y");
	VT_ASSERT_TEXT(vt, "Interpreter's language", T);
	e2e_tabs(vt, 1);
	e2e_pick(vt, "georg", "Georgian");
	e2e_tabs(vt, 1);
	e2e_pick(vt, "conf", "Joined by conference call");
	e2e_tabs(vt, 1);
	e2e_tick(vt, "arrang", "Travel arrangements");
}

/* A valid passport and one flight; escort none. */
static void
wf_fill_return_prep(struct vt *vt)
{
	VT_ASSERT_TEXT(vt, "Travel document *", T);
	e2e_pick(vt, "pass", "Valid passport");
	e2e_tabs(vt, 1);
	e2e_text(vt, "13AB45678");
	e2e_text(vt, "2030-01-31");
	VT_ASSERT_TEXT(vt, "+ Add a row", T);
	vt_key(vt, VT_ENTER);
	VT_ASSERT_ROW(vt, 0, "Flight segments 1", T);
	e2e_text(vt, "2026-11-20");
	e2e_text(vt, "VIE Vienna");
	e2e_text(vt, "TBS Tbilisi");
	vt_type(vt, "OS123");
	VT_ASSERT_TEXT(vt, "OS123", T);
	vt_key(vt, VT_ESC);	/* the row kept, back to the form */
	VT_ASSERT_TEXT(vt, "1. 2026-11-20", T);
	e2e_tabs(vt, 2);			/* transit assistance, escort */
	e2e_pick(vt, "non", "None");
}

static void
wf_fill_departure(struct vt *vt)
{
	VT_ASSERT_TEXT(vt, "Departed on *", T);
	e2e_text(vt, "2026-11-20");
	vt_type(vt, "y");
	VT_ASSERT_TEXT(vt, "Confirmed on *", T);
	e2e_tabs(vt, 1);
	e2e_text(vt, "2026-11-21");
	e2e_pick(vt, "georgia", "Georgia");
}

/* A plan after return with one item of material assistance. */
static void
wf_fill_plan(struct vt *vt, const char *grant, const char *budget)
{
	VT_ASSERT_TEXT(vt, "Reintegration grant *", T);
	e2e_text(vt, grant);
	e2e_tabs(vt, 1);			/* prepared today */
	e2e_pick(vt, "after", "After return");
	e2e_tabs(vt, 1);
	VT_ASSERT_TEXT(vt, "+ Add a row", T);
	vt_key(vt, VT_ENTER);
	VT_ASSERT_ROW(vt, 0, "Plan items 1", T);
	e2e_pick(vt, "mater", "Material assistance");
	e2e_tabs(vt, 1);
	e2e_text(vt, "Fridge and cooker");
	e2e_text(vt, "Elektro Tbilisi");
	e2e_pick(vt, "georgia", "Georgia");
	e2e_tabs(vt, 1);
	vt_type(vt, budget);
	VT_ASSERT_TEXT(vt, budget, T);
	vt_key(vt, VT_ESC);	/* the row kept, back to the form */
	VT_ASSERT_TEXT(vt, "1. Material assistance", T);
}

static void
wf_fill_payment(struct vt *vt, const char *item, const char *amount)
{
	VT_ASSERT_TEXT(vt, "Plan item number *", T);
	vt_type(vt, item);
	e2e_tabs(vt, 2);			/* paid today */
	e2e_text(vt, amount);
	e2e_tabs(vt, 1);			/* rate 1; the amount in EUR is calculated */
	e2e_text(vt, "INV-77");
	e2e_pick(vt, "georgia", "Georgia");
}

/* A visit with item 1 in use and every indicator 4 (good). */
static void
wf_fill_monitoring(struct vt *vt, bool item)
{
	int i;

	VT_ASSERT_TEXT(vt, "Mode *", T);
	e2e_tabs(vt, 1);
	e2e_pick(vt, "visit", "Visit");
	e2e_tabs(vt, 1);
	e2e_pick(vt, "georgia", "Georgia");
	e2e_tabs(vt, 1);
	if (item) {
		vt_key(vt, VT_ENTER);
		VT_ASSERT_ROW(vt, 0, "State of the plan items 1", T);
		e2e_text(vt, "1");
		e2e_pick(vt, "in use", "In use");
		vt_key(vt, VT_ESC);	/* the row kept, back to the form */
		VT_ASSERT_TEXT(vt, "1. 1, In use", T);
	}
	for (i = 0; i < 9; i++) {
		e2e_tabs(vt, 1);
		e2e_pick(vt, "4", "4 - good");
	}
}

static void
wf_fill_closure(struct vt *vt, const char *filter, const char *label)
{
	VT_ASSERT_TEXT(vt, "Closed on *", T);
	e2e_tabs(vt, 1);
	e2e_pick(vt, filter, label);
}

/* Saves the form shown and waits for the case overview with the status. */
static void
wf_save_to_case(struct vt *vt, const char *status)
{
	char want[128];

	snprintf(want, sizeof want, "Status: %s ", status);
	vt_ctrl(vt, 'o');
	VT_ASSERT_TEXT(vt, "Forms of this case", T);
	VT_ASSERT_TEXT(vt, want, T);
}

/* Saves a form of a list (several per case), then back to the overview. */
static void
wf_save_in_list(struct vt *vt, const char *listed, const char *status)
{
	char want[128];

	snprintf(want, sizeof want, "Status: %s ", status);
	vt_ctrl(vt, 'o');
	VT_ASSERT_TEXT(vt, "+ New", T);
	VT_ASSERT_TEXT(vt, listed, T);
	vt_key(vt, VT_ESC);
	VT_ASSERT_TEXT(vt, "Forms of this case", T);
	VT_ASSERT_TEXT(vt, want, T);
}

/* ---- the tests ---------------------------------------------------------- */

/* Registration with a family member, consent, a session: on screen. */
static void
wf_walk_first_stages(struct vt *vt)
{
	vt_ctrl(vt, 'n');
	wf_fill_registration(vt, "Novák", "Ján", "1980-05-05");
	wf_fill_family(vt);
	wf_save_to_case(vt, "Registered");
	VT_ASSERT_TEXT(vt, "Family: Nováková Eva (Spouse)", T);
	VT_ASSERT_TEXT(vt, "Consent not recorded", T);
	wf_open_form(vt, WF_CONSENT, "Consent to data processing", true);	/* an event */
	wf_fill_consent(vt);
	wf_save_in_list(vt, "Yes, 2026-11-22 Sun, Georgian", "Registered");
	wf_wait_row(vt, "Consent to data processing", "1");
	VT_ASSERT_TEXT(vt, "Status: Registered ", T);
	e2e_gone(vt, "Consent not recorded");
	wf_open_form(vt, WF_SESSION, "Counselling session", true);
	wf_fill_session(vt);
	wf_save_in_list(vt, "Return counselling, 2026-11-22", "Counselling");
}

static void
wf_walk_return(struct vt *vt)
{
	wf_open_form(vt, WF_RETURN_PREP, "Return preparation", false);
	wf_fill_return_prep(vt);
	wf_save_to_case(vt, "Return preparation");
	wf_see_row(vt, "Flight", "VIE Vienna - TBS Tbilisi OS123");
	wf_open_form(vt, WF_DEPARTURE, "Departure and arrival", false);
	wf_fill_departure(vt);
	wf_save_to_case(vt, "Departed");
	wf_see_row(vt, "Arrival confirmed", "GE");
}

static void
wf_walk_reintegration(struct vt *vt)
{
	wf_open_form(vt, WF_PLAN, "Reintegration plan", false);
	wf_fill_plan(vt, "2000", "1500");
	wf_save_to_case(vt, "Reintegration");
	wf_wait_row(vt, "Item 1: paid 0.00", "1500.00 EUR");
	wf_open_form(vt, WF_PAYMENT, "Payment to a provider", true);
	wf_fill_payment(vt, "1", "1500");
	wf_save_in_list(vt, "1500.00 EUR", "Reintegration");
	e2e_gone(vt, "Item 1: paid");
	wf_open_form(vt, WF_MONITORING, "Monitoring after return", true);
	wf_fill_monitoring(vt, true);
	wf_save_in_list(vt, "Visit", "Monitoring");
}

static void
wf_assert_all_saved(struct t *t)
{
	static const char *const forms[] = { "registration", "consent", "session",
	    "return_prep", "departure", "plan", "payment", "monitoring", "closure" };
	struct form_record *reg = t->rec = wf_newest(t, "registration");
	const struct form_rows *fam;
	size_t i;

	for (i = 0; i < sizeof forms / sizeof forms[0]; i++)
		if (e2e_count(t->db, forms[i]) != 1)
			fail_msg("%zu records of %s, expected 1", e2e_count(t->db, forms[i]),
			    forms[i]);
	assert_non_null(reg);
	assert_int_equal(wf_status(t, reg->case_id), CASE_CLOSED);
	fam = &reg->kids[form_field_index(reg->def, "family")];
	assert_int_equal(fam->n, 1);
	assert_string_equal(form_record_get(fam->rows[0], 0), "Nováková");
	wf_assert_value(t, "session", "interpreter_mode", "conference");
	wf_assert_value(t, "session", "interpreter_language", "ka");
	wf_assert_value(t, "return_prep", "passport_no", "13AB45678");
	wf_assert_value(t, "departure", "departed_on", "2026-11-20");
	wf_assert_value(t, "payment", "item_no", "1");
	wf_assert_value(t, "closure", "reason", "completed");
}

/* One case from registration to closure, every stage on screen. */
static void
test_whole_lifecycle(void **state)
{
	struct t *t = *state;
	static const char *const events[] = { "Case opened", "Consent given",
	    "Counselling session", "Flight", "Departed", "Arrival confirmed",
	    "Reintegration plan", "Payment", "Monitoring", "Case closed" };
	size_t i;

	wf_start(t);
	wf_walk_first_stages(t->vt);
	wf_walk_return(t->vt);
	wf_walk_reintegration(t->vt);
	wf_open_form(t->vt, WF_CLOSURE, "Case closure", false);
	wf_fill_closure(t->vt, "compl", "Completed");
	wf_save_to_case(t->vt, "Closed");
	VT_ASSERT_TEXT(t->vt, "Timeline", T);
	for (i = 0; i < sizeof events / sizeof events[0]; i++)
		wf_see_row(t->vt, "2026-11-", events[i]);
	wf_see_row(t->vt, "Case closed", "Completed");
	wf_assert_all_saved(t);
}

/* Rule 2: no departure without a travel document. */
static void
test_departure_needs_travel_document(void **state)
{
	struct t *t = *state;

	wf_case_at(t, WF_AT_CONSENT);
	wf_start(t);
	wf_open_case(t->vt, "Kapanadze");
	wf_open_form(t->vt, WF_DEPARTURE, "Departure and arrival", false);
	wf_fill_departure(t->vt);
	vt_ctrl(t->vt, 'o');
	wf_refused(t->vt, "Departure and arrival", "the case has no travel document yet");
	assert_int_equal(e2e_count(t->db, "departure"), 0);
}

/* Rule 3: the items may not exceed the grant without an approval. */
static void
test_plan_over_grant_refused(void **state)
{
	struct t *t = *state;

	wf_case_at(t, WF_AT_DEPARTED);
	wf_start(t);
	wf_open_case(t->vt, "Kapanadze");
	wf_open_form(t->vt, WF_PLAN, "Reintegration plan", false);
	wf_fill_plan(t->vt, "1000", "1500");
	vt_ctrl(t->vt, 'o');
	wf_refused(t->vt, "Reintegration plan",
	    "the items total 1500.00 EUR, more than the grant of 1000.00 EUR");
	assert_int_equal(e2e_count(t->db, "plan"), 0);
}

/* The project AMIF-2026-01 with an approval limit of 1000 EUR, and a plan of
 * 1500 EUR within its 2000 EUR grant saved for the departed case (F2). */
static void
wf_plan_over_limit(struct t *t)
{
	struct form_record *proj = e2e_rec(t->db, 0, "project", "code", "AMIF-2026-01", "name",
	    "AMIF returns 2026", "donor", "amif", "period_from", "2026-01-01", "period_to",
	    "2027-12-31", "approval_limit", "1000", NULL);

	wf_cur(proj, "approval_limit", "EUR");
	e2e_put(t->db, proj);
	wf_case_at(t, WF_AT_DEPARTED);
	wf_start(t);
	wf_open_case(t->vt, "Kapanadze");
	wf_open_form(t->vt, WF_PLAN, "Reintegration plan", false);
	wf_fill_plan(t->vt, "2000", "1500");
	vt_ctrl(t->vt, 'o');
}

/* Rule 3: a plan over the project's approval limit (within the grant) is
 * kept, but takes no payment until a supervisor approves it. */
static void
test_plan_over_limit_blocks_payment(void **state)
{
	struct t *t = *state;

	wf_plan_over_limit(t);
	/* kept, and offered to a supervisor: declined here, sent below */
	e2e_joined_text(t->vt, "Saved. Reintegration plan: the items total 1500.00 EUR, more "
	    "than the project's approval limit of 1000.00 EUR");
	vt_type(t->vt, "n");
	VT_ASSERT_TEXT(t->vt, "Status: Reintegration ", T);
	VT_ASSERT_TEXT(t->vt, "Plan needs a supervisor's approval", T);
	assert_int_equal(e2e_count(t->db, "plan"), 1);
	wf_open_form(t->vt, WF_PAYMENT, "Payment to a provider", true);
	wf_fill_payment(t->vt, "1", "500");
	vt_ctrl(t->vt, 'o');
	wf_refused(t->vt, "Payment to a provider",
	    "the plan (total 1500.00 EUR) needs a supervisor's approval before any payment");
	assert_int_equal(e2e_count(t->db, "payment"), 0);
}

/* The plan saved over the limit, sent for approval after the save: the
 * supervisor approves the saved plan. */
static void
test_plan_over_limit_sent(void **state)
{
	struct t *t = *state;
	const char *const boss[] = { "AVRR_USER=boss", NULL };

	assert_int_equal(db_users_set(wf_db(t), "boss", "supervisor", NULL), DB_OK);
	wf_plan_over_limit(t);
	e2e_joined_text(t->vt, "Send it to a supervisor for approval? (y/n)");
	vt_type(t->vt, "y");
	VT_ASSERT_TEXT(t->vt, "Sent to a supervisor for approval.", T);
	vt_ctrl(t->vt, 'x');
	VT_ASSERT_EXIT(t->vt, 0, T);
	vt_free(t->vt);
	t->vt = e2e_start(t->db, boss, ROWS, COLS);
	e2e_select(t->vt, "Awaiting approval (1)");
	vt_key(t->vt, VT_ENTER);
	wf_wait_row(t->vt, "AVRR-", "tester");
	vt_key(t->vt, VT_ENTER);
	e2e_joined_text(t->vt, "tester asks for approval: Reintegration plan: the items total");
	vt_ctrl(t->vt, 'o');
	VT_ASSERT_TEXT(t->vt, "Saved.", T);
	wf_assert_value(t, "plan", "approved_by", "boss");
	assert_int_equal(e2e_count(t->db, "plan"), 1);
	assert_int_equal(e2e_sql_count(t->db, "SELECT count(*) FROM drafts"), 0);
}

/* Rule 4: a payment names an existing item of the plan. */
static void
test_payment_for_missing_item(void **state)
{
	struct t *t = *state;

	wf_case_at(t, WF_AT_PLAN);
	wf_start(t);
	wf_open_case(t->vt, "Kapanadze");
	wf_open_form(t->vt, WF_PAYMENT, "Payment to a provider", true);
	wf_fill_payment(t->vt, "2", "300");
	vt_ctrl(t->vt, 'o');
	wf_refused(t->vt, "Payment to a provider",
	    "the plan has no item 2 (it has 1; 1 is the first)");
	assert_int_equal(e2e_count(t->db, "payment"), 0);
}

/* Rule 1: consent before anything else. */
static void
test_records_need_consent(void **state)
{
	struct t *t = *state;

	wf_case_at(t, WF_AT_REGISTERED);
	wf_start(t);
	wf_open_case(t->vt, "Kapanadze");
	VT_ASSERT_TEXT(t->vt, "Consent not recorded", T);
	wf_open_form(t->vt, WF_SESSION, "Counselling session", true);
	wf_fill_session(t->vt);
	vt_ctrl(t->vt, 'o');
	wf_refused(t->vt, "Counselling session", "consent to data processing is not recorded");
	assert_int_equal(e2e_count(t->db, "session"), 0);
}

/* Rule 3, as an action. The officer (tester): a plan over its grant, F2,
 * "Send it to a supervisor?" yes; nothing is saved, the program quits. */
static void
wf_send_for_approval(struct t *t, bool look)
{
	int i;

	assert_int_equal(db_users_set(wf_db(t), "boss", "supervisor", NULL), DB_OK);
	wf_case_at(t, WF_AT_DEPARTED);
	wf_start(t);
	wf_open_case(t->vt, "Kapanadze");
	wf_open_form(t->vt, WF_PLAN, "Reintegration plan", false);
	wf_fill_plan(t->vt, "1000", "1500");
	wf_wait_row(t->vt, "Approved by", "_");
	for (i = 0; look && i < 12; i++) {	/* the program's fields: no cursor stops there */
		vt_key(t->vt, VT_TAB);
		vt_pump(t->vt, 50);
		if (wf_row_has(t->vt, ">Approved", ""))
			fail_msg("the cursor stops on the approval");
	}
	vt_ctrl(t->vt, 'o');
	e2e_joined_text(t->vt, "Send it to a supervisor for approval? (y/n)");
	e2e_joined_text(t->vt, "more than the grant of 1000.00 EUR");
	vt_type(t->vt, "y");
	VT_ASSERT_TEXT(t->vt, "Sent to a supervisor for approval.", T);
	VT_ASSERT_TEXT(t->vt, "Forms of this case", T);
	assert_int_equal(e2e_count(t->db, "plan"), 0);
	vt_ctrl(t->vt, 'x');
	VT_ASSERT_EXIT(t->vt, 0, T);
	vt_free(t->vt);
}

/* The supervisor (boss) opens what awaits from the start screen and reads
 * who asked and why. */
static void
wf_review(struct t *t)
{
	const char *const boss[] = { "AVRR_USER=boss", NULL };

	t->vt = e2e_start(t->db, boss, ROWS, COLS);
	e2e_select(t->vt, "Awaiting approval (1)");
	vt_key(t->vt, VT_ENTER);
	wf_wait_row(t->vt, "AVRR-", "tester");
	vt_key(t->vt, VT_ENTER);
	VT_ASSERT_TEXT(t->vt, "tester asks for approval: Reintegration plan refused:", T);
	VT_ASSERT_TEXT(t->vt, "F2/^O Approve", T);
	VT_ASSERT_TEXT(t->vt, "F4/^N Send back", T);
}

/* The approval is not typed (the fields are the program's); the supervisor
 * approves with F2, and the program signs it with their name and today. */
static void
test_approval_sent_and_approved(void **state)
{
	struct t *t = *state;

	wf_send_for_approval(t, true);
	wf_review(t);
	VT_ASSERT_TEXT(t->vt, "1. Material assistance, 1500", T);	/* key facts first */
	vt_key(t->vt, VT_F1);		/* help names the keys too */
	VT_ASSERT_TEXT(t->vt, "On this screen: F1/^G Help, F2/^O Approve, F4/^N Send back", T);
	vt_key(t->vt, VT_ESC);
	VT_ASSERT_TEXT(t->vt, "F2/^O Approve", T);
	vt_ctrl(t->vt, 'o');
	VT_ASSERT_TEXT(t->vt, "Saved.", T);
	VT_ASSERT_TEXT(t->vt, "Nothing awaits approval.", T);
	wf_assert_value(t, "plan", "approved_by", "boss");
	wf_assert_value(t, "plan", "approved_on", "2026-11-22");
	assert_int_equal(e2e_sql_count(t->db, "SELECT count(*) FROM drafts"), 0);
}

/* Sent back with a comment: the officer reads it in the drafts and where
 * the form opens again. */
static void
test_approval_sent_back(void **state)
{
	struct t *t = *state;

	wf_send_for_approval(t, false);
	wf_review(t);
	vt_ctrl(t->vt, 'n');
	VT_ASSERT_TEXT(t->vt, "Send back to who asked, with a comment", T);
	vt_type(t->vt, "Lower the second item to 400");
	vt_key(t->vt, VT_ENTER);
	VT_ASSERT_TEXT(t->vt, "Sent back with your comment", T);
	VT_ASSERT_TEXT(t->vt, "Nothing awaits approval.", T);
	vt_ctrl(t->vt, 'x');
	VT_ASSERT_EXIT(t->vt, 0, T);
	vt_free(t->vt);
	assert_int_equal(e2e_count(t->db, "plan"), 0);

	wf_start(t);
	wf_wait_row(t->vt, "Reintegration plan", "sent back by boss");	/* the rest when opened */
	e2e_select(t->vt, "sent back by boss");
	vt_key(t->vt, VT_ENTER);
	VT_ASSERT_TEXT(t->vt, "Sent back by boss: Lower the second item to 400", T);
	VT_ASSERT_TEXT(t->vt, "Reintegration plan - AVRR-", T);
}

/* A supervisor's own plan over its grant: approved in their name on the
 * spot, and it then takes a payment. */
static void
test_supervisor_approves(void **state)
{
	struct t *t = *state;

	assert_int_equal(db_users_set(wf_db(t), "tester", "supervisor", NULL), DB_OK);
	wf_case_at(t, WF_AT_DEPARTED);
	wf_start(t);
	wf_open_case(t->vt, "Kapanadze");
	wf_open_form(t->vt, WF_PLAN, "Reintegration plan", false);
	wf_fill_plan(t->vt, "1000", "1500");
	vt_ctrl(t->vt, 'o');
	VT_ASSERT_TEXT(t->vt, "Approve it now, in your name? (y/n)", T);
	vt_type(t->vt, "y");
	VT_ASSERT_TEXT(t->vt, "Forms of this case", T);
	VT_ASSERT_TEXT(t->vt, "Status: Reintegration ", T);
	wf_wait_row(t->vt, "Plan approved", "tester");
	wf_assert_value(t, "plan", "approved_by", "tester");
	wf_assert_value(t, "plan", "approved_on", "2026-11-22");
	wf_open_form(t->vt, WF_PAYMENT, "Payment to a provider", true);
	wf_fill_payment(t->vt, "1", "1500");
	wf_save_in_list(t->vt, "1500.00 EUR", "Reintegration");
	assert_int_equal(e2e_count(t->db, "payment"), 1);
}

/* Rule 6: a reason, and "other" described; the form's required checks. */
static void
test_closure_needs_reason(void **state)
{
	struct t *t = *state;
	int64_t id = wf_case_at(t, WF_AT_CONSENT);

	wf_start(t);
	wf_open_case(t->vt, "Kapanadze");
	wf_open_form(t->vt, WF_CLOSURE, "Case closure", false);
	VT_ASSERT_TEXT(t->vt, "Closed on *", T);
	vt_ctrl(t->vt, 'o');
	VT_ASSERT_TEXT(t->vt, "Reason is required", T);
	VT_ASSERT_TEXT(t->vt, "Not saved", T);
	assert_int_equal(e2e_count(t->db, "closure"), 0);
	e2e_pick(t->vt, "other", "Other");
	VT_ASSERT_TEXT(t->vt, "Reason: other *", T);
	vt_ctrl(t->vt, 'o');
	VT_ASSERT_TEXT(t->vt, "Reason: other is required", T);
	assert_int_equal(e2e_count(t->db, "closure"), 0);
	assert_int_equal(wf_status(t, id), CASE_REGISTERED);
	vt_type(t->vt, "Moved to a third country");
	VT_ASSERT_TEXT(t->vt, "Moved to a third country", T);
	wf_save_to_case(t->vt, "Closed");
	wf_assert_value(t, "closure", "reason_other", "Moved to a third country");
	assert_int_equal(wf_status(t, id), CASE_CLOSED);
}

/* Rule 5: monitoring only after departure. */
static void
test_monitoring_needs_departure(void **state)
{
	struct t *t = *state;

	wf_case_at(t, WF_AT_PREPARED);
	wf_start(t);
	wf_open_case(t->vt, "Kapanadze");
	wf_open_form(t->vt, WF_MONITORING, "Monitoring after return", true);
	wf_fill_monitoring(t->vt, false);
	vt_ctrl(t->vt, 'o');
	wf_refused(t->vt, "Monitoring after return", "the case has not departed yet");
	assert_int_equal(e2e_count(t->db, "monitoring"), 0);
}

/* Rule 6: a closed case takes no new record (but from a supervisor). */
static void
test_closed_case_takes_no_records(void **state)
{
	struct t *t = *state;
	int64_t id = wf_case_at(t, WF_AT_CONSENT);

	e2e_put(t->db, e2e_rec(t->db, id, "closure", "closed_on", "2026-11-20", "reason", "withdrawn",
	    NULL));
	e2e_db_close(t->db);
	wf_start(t);
	wf_open_case(t->vt, "Kapanadze");
	VT_ASSERT_TEXT(t->vt, "Status: Closed", T);
	wf_open_form(t->vt, WF_SESSION, "Counselling session", true);
	wf_fill_session(t->vt);
	vt_ctrl(t->vt, 'o');
	wf_refused(t->vt, "Counselling session",
	    "the case is closed (only a supervisor can add records to a closed case)");
	assert_int_equal(e2e_count(t->db, "session"), 0);
}

/* "Novak Jan" is listed as a possible duplicate of "Novák Ján" (t->no). */
static void
wf_register_duplicate(struct t *t)
{
	int64_t id = wf_case(t, "Novák", "Ján", "1980-05-05");
	struct db_case c;

	assert_int_equal(db_case_load(wf_db(t), id, &c, NULL), DB_OK);
	t->no = xstrdup(c.case_no);
	db_case_clear(&c);
	wf_start(t);
	vt_ctrl(t->vt, 'n');
	wf_fill_registration(t->vt, "Novak", "Jan", "1980-05-05");
	vt_ctrl(t->vt, 'o');
	VT_ASSERT_ROW(t->vt, 0, "Possible duplicates", T);
	VT_ASSERT_TEXT(t->vt, "These existing cases may be the same person", T);
	wf_wait_row(t->vt, t->no, "Novák Ján");
	wf_wait_row(t->vt, "Novák Ján", "1980-05-05");
	assert_int_equal(wf_ncases(t), 1);
}

static void
test_duplicate_opens_existing(void **state)
{
	struct t *t = *state;
	wf_register_duplicate(t);
	vt_key(t->vt, VT_ENTER);
	VT_ASSERT_TEXT(t->vt, "Forms of this case", T);
	wf_wait_row(t->vt, t->no, "Novák Ján");
	assert_int_equal(wf_ncases(t), 1);
	assert_int_equal(e2e_count(t->db, "registration"), 1);
}

/* The list says "F2 (^O) makes a new case anyway"; the program asks for a
 * second F2 (see the report of this test's author): both are pressed. */
static void
test_duplicate_new_case_anyway(void **state)
{
	struct t *t = *state;
	wf_register_duplicate(t);
	vt_key(t->vt, VT_F2);
	e2e_gone(t->vt, "These existing cases may be the same person");
	if (!vt_wait_text(t->vt, "Forms of this case", 1000)) {
		VT_ASSERT_TEXT(t->vt, "Press F2 (^O) again to make the new case.", T);
		vt_key(t->vt, VT_F2);
	}
	VT_ASSERT_TEXT(t->vt, "Forms of this case", T);
	VT_ASSERT_TEXT(t->vt, "Status: Registered", T);
	wf_wait_row(t->vt, "AVRR-", "Novak Jan");
	assert_false(wf_row_has(t->vt, t->no, "Novak"));
	assert_int_equal(wf_ncases(t), 2);
	assert_int_equal(e2e_count(t->db, "registration"), 2);
}

static size_t
wf_ndrafts(struct t *t)
{
	struct db_draft *d = NULL;
	size_t n = 0;

	e2e_db_open(t->db);
	assert_int_equal(db_draft_list(t->db->db, NULL, &d, &n, NULL), DB_OK);
	db_drafts_free(d, n);
	e2e_db_close(t->db);
	return n;
}

/*
 * At 80x24: a form left half filled from the case overview is listed on the
 * start screen with its case number and person, comes back when the same form
 * is opened from the overview again, and is gone once saved.
 */
static void
test_draft_comes_back(void **state)
{
	struct t *t = *state;

	wf_case_at(t, WF_AT_REGISTERED);
	t->vt = e2e_start(t->db, NULL, 24, 80);
	wf_open_case(t->vt, "Kapanadze");
	wf_open_form(t->vt, WF_CONSENT, "Consent to data processing", true);
	VT_ASSERT_TEXT(t->vt, "Consent statement", T);	/* the notes open at their start */
	vt_key(t->vt, VT_TAB);	/* brings the first question into view */
	VT_ASSERT_TEXT(t->vt, "Consent given *", T);
	vt_type(t->vt, "y");
	VT_ASSERT_TEXT(t->vt, "Yes", T);
	e2e_tabs(t->vt, 2);
	e2e_pick(t->vt, "georg", "Georgian");
	vt_key(t->vt, VT_ESC);
	VT_ASSERT_TEXT(t->vt, "kept as a draft", T);
	VT_ASSERT_TEXT(t->vt, "+ New", T);		/* consent events are a list */
	vt_key(t->vt, VT_ESC);
	VT_ASSERT_TEXT(t->vt, "Forms of this case", T);
	vt_key(t->vt, VT_ESC);
	VT_ASSERT_TEXT(t->vt, "Cases found: 1", T);
	vt_key(t->vt, VT_ESC);
	VT_ASSERT_TEXT(t->vt, "Drafts", T);
	wf_wait_row(t->vt, "AVRR-20", "Consent to data");
	wf_wait_row(t->vt, "Consent to data", "Kapanadze");
	assert_int_equal(wf_ndrafts(t), 1);

	wf_open_case(t->vt, "Kapanadze");
	wf_open_form(t->vt, WF_CONSENT, "Consent to data processing", true);
	VT_ASSERT_TEXT(t->vt, "Georgian", T);	/* the draft, not an empty form */
	e2e_tabs(t->vt, 1);			/* from where the draft was left */
	vt_type(t->vt, "n");
	e2e_tabs(t->vt, 1);
	vt_type(t->vt, "y");
	vt_ctrl(t->vt, 'o');
	VT_ASSERT_TEXT(t->vt, "+ New", T);
	vt_key(t->vt, VT_ESC);
	wf_wait_row(t->vt, "Consent to data processing", "1");
	wf_assert_value(t, "consent", "explained_in", "ka");
	assert_int_equal(wf_ndrafts(t), 0);
	vt_key(t->vt, VT_ESC);
	VT_ASSERT_TEXT(t->vt, "Cases found: 1", T);
	vt_key(t->vt, VT_ESC);
	VT_ASSERT_TEXT(t->vt, "Recent cases", T);
	assert_false(vt_wait_text(t->vt, "Drafts", 300));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_whole_lifecycle, wf_setup, wf_teardown),
		cmocka_unit_test_setup_teardown(test_departure_needs_travel_document, wf_setup,
		    wf_teardown),
		cmocka_unit_test_setup_teardown(test_plan_over_grant_refused, wf_setup,
		    wf_teardown),
		cmocka_unit_test_setup_teardown(test_plan_over_limit_blocks_payment, wf_setup,
		    wf_teardown),
		cmocka_unit_test_setup_teardown(test_payment_for_missing_item, wf_setup,
		    wf_teardown),
		cmocka_unit_test_setup_teardown(test_records_need_consent, wf_setup, wf_teardown),
		cmocka_unit_test_setup_teardown(test_approval_sent_and_approved, wf_setup,
		    wf_teardown),
		cmocka_unit_test_setup_teardown(test_plan_over_limit_sent, wf_setup, wf_teardown),
		cmocka_unit_test_setup_teardown(test_approval_sent_back, wf_setup,
		    wf_teardown),
		cmocka_unit_test_setup_teardown(test_supervisor_approves, wf_setup, wf_teardown),
		cmocka_unit_test_setup_teardown(test_closure_needs_reason, wf_setup, wf_teardown),
		cmocka_unit_test_setup_teardown(test_monitoring_needs_departure, wf_setup,
		    wf_teardown),
		cmocka_unit_test_setup_teardown(test_closed_case_takes_no_records, wf_setup,
		    wf_teardown),
		cmocka_unit_test_setup_teardown(test_duplicate_opens_existing, wf_setup,
		    wf_teardown),
		cmocka_unit_test_setup_teardown(test_duplicate_new_case_anyway, wf_setup,
		    wf_teardown),
		cmocka_unit_test_setup_teardown(test_draft_comes_back, wf_setup, wf_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
