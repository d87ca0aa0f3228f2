/*
 * End-to-end tests of the values a user means, at 80x24 with the real forms
 * (forms/): the client language stays with its case; typing over a default
 * replaces it; a money field shows its currency and the user picks it; a
 * payment is refused above what is left of its item (picked from a list of
 * the plan's items); "completed" closure, monitoring before arrival, a
 * departure before the first flight and an "unaccompanied minor" born in
 * 1990 are refused with a message that fits the line. Earlier stages are
 * set up through the data layer.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "db/cases.h"
#include "db/lifecycle.h"
#include "db/record.h"
#include "util/mem.h"

#define T	E2E_T
#define ROWS	24
#define COLS	80
#define MSGROW	(ROWS - 2)	/* the message line, above the key bar */

/* Lines of the case overview's "Forms of this case", in lifecycle order. */
enum tv_line {
	TV_REGISTRATION, TV_CONSENT, TV_SESSION, TV_RETURN_PREP, TV_DEPARTURE,
	TV_PLAN, TV_PAYMENT, TV_MONITORING, TV_CLOSURE
};

enum tv_stage { TV_AT_CONSENT, TV_AT_PREPARED, TV_AT_DEPARTED, TV_AT_ARRIVED, TV_AT_PLAN };

struct t {
	struct e2e_db	*db;
	struct vt	*vt;
	int64_t		 case_id;
};

static int
tv_setup(void **state)
{
	struct t *t = xcalloc(1, sizeof *t);

	t->db = e2e_db_new_rules("forms");
	*state = t;
	return 0;
}

static int
tv_teardown(void **state)
{
	struct t *t = *state;

	vt_free(t->vt);
	e2e_db_free(t->db);
	free(t);
	return 0;
}

static void
tv_start(struct t *t)
{
	t->vt = e2e_start(t->db, NULL, ROWS, COLS);
	VT_ASSERT_TEXT(t->vt, "Find a case", T);
}

/* ---- the data layer ------------------------------------------------------ */

static struct db *
tv_db(struct t *t)
{
	return t->db->db != NULL ? t->db->db : e2e_db_open(t->db);
}

static int64_t
tv_case(struct t *t, const char *client_lang)
{
	struct db_case c;
	int64_t id;

	assert_int_equal(db_case_create(tv_db(t), "AMIF-2026-01", client_lang, &c, NULL),
	    DB_OK);
	id = c.id;
	db_case_clear(&c);
	e2e_put(t->db, e2e_rec(t->db, id, "registration", "surname", "Kapanadze", "given_names",
	    "Levan", "sex", "male", "dob", "1985-07-14", "nationality", "GE",
	    "return_country", "GE", "languages", "ka", "interpreter", "no", "location",
	    "humenne", "legal_status", "rejected", "vulnerabilities", "none", "project",
	    "AMIF-2026-01", NULL));
	return id;
}

/* A case of "Kapanadze Levan" carried up to the stage through the data layer;
 * its plan has one item of 900 EUR (material assistance, Elektro Tbilisi). */
static void
tv_case_at(struct t *t, enum tv_stage stage)
{
	int64_t id = t->case_id = tv_case(t, NULL);
	struct form_record *rec;

	e2e_put(t->db, e2e_rec(t->db, id, "consent", "consent_given", "yes", "consent_on",
	    "2026-11-02", "explained_in", "ka", "by_interpreter", "no", "signed_paper", "yes",
	    NULL));
	if (stage >= TV_AT_PREPARED) {
		rec = e2e_rec(t->db, id, "return_prep", "travel_doc", "passport", "passport_no",
		    "13AB45678", "passport_expiry", "2030-01-31", "escort", "none", NULL);
		e2e_row(rec, "flights", "flight_date", "2026-11-10", "from_airport", "VIE",
		    "to_airport", "TBS", NULL);
		e2e_put(t->db, rec);
	}
	if (stage == TV_AT_DEPARTED)
		e2e_put(t->db, e2e_rec(t->db, id, "departure", "departed_on", "2026-11-10",
		    "arrival_confirmed", "no", NULL));
	if (stage >= TV_AT_ARRIVED)
		e2e_put(t->db, e2e_rec(t->db, id, "departure", "departed_on", "2026-11-10",
		    "arrival_confirmed", "yes", "confirmed_on", "2026-11-11", "confirmed_by", "GE",
		    NULL));
	if (stage >= TV_AT_PLAN) {
		rec = e2e_rec(t->db, id, "plan", "grant", "2000", "prepared_on", "2026-11-12",
		    "timing", "after", NULL);
		e2e_row(rec, "items", "item_type", "material", "description", "Fridge",
		    "provider", "Elektro Tbilisi", "budget", "900", NULL);
		e2e_put(t->db, rec);
	}
	e2e_db_close(t->db);
}

static struct db_case
tv_case_row(struct t *t, int64_t id)
{
	struct db_case c;

	e2e_db_open(t->db);
	assert_int_equal(db_case_load(t->db->db, id, &c, NULL), DB_OK);
	e2e_db_close(t->db);
	return c;
}

/* The newest record of form, or NULL; the caller frees it. */
static struct form_record *
tv_newest(struct t *t, const char *form)
{
	const struct form_def *def = form_set_find(t->db->forms, form);
	struct form_record *rec = NULL;
	int64_t *ids = NULL, best = 0;
	size_t n = 0, i;

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

static void
tv_assert_value(struct t *t, const char *form, const char *field, const char *want)
{
	char *v = e2e_value(t->db, form, field);
	char got[256];

	snprintf(got, sizeof got, "%s", v != NULL ? v : "(null)");
	free(v);
	if (strcmp(got, want) != 0)
		fail_msg("%s.%s is \"%s\", expected \"%s\"", form, field, got, want);
}

/* ---- the screen ------------------------------------------------------------ */

/* Waits for row r to be exactly text (the whole line, nothing cut). */
static void
tv_wait_row_is(struct vt *vt, int r, const char *text)
{
	int waited;

	for (waited = 0; waited <= T; waited += 20) {
		if (strcmp(vt_row(vt, r), text) == 0)
			return;
		vt_pump(vt, 20);
	}
	vt_dump(vt, stderr);
	fail_msg("row %d is not \"%s\"", r, text);
}

/* A refusal shown whole on the message line, and the form still open. */
static void
tv_refused(struct vt *vt, const char *msg)
{
	assert_true(strlen(msg) <= COLS);
	tv_wait_row_is(vt, MSGROW, msg);
	assert_false(vt_wait_text(vt, "Forms of this case", 200));
}

static void
tv_open_case(struct vt *vt)
{
	vt_ctrl(vt, 'f');
	VT_ASSERT_TEXT(vt, "Find:", T);
	vt_type(vt, "Kapanadze");
	VT_ASSERT_TEXT(vt, "Cases found: 1", T);
	vt_key(vt, VT_ENTER);
	VT_ASSERT_TEXT(vt, "Forms of this case", T);
}

static void
tv_open_form(struct vt *vt, enum tv_line line, const char *title, bool list)
{
	char want[128];
	int i;

	snprintf(want, sizeof want, "%s - AVRR-", title);
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

/* A registration from the surname to the project code, with one vulnerability. */
static void
tv_fill_registration_ex(struct vt *vt, const char *surname, const char *dob,
    const char *lang, const char *vfilter, const char *vlabel)
{
	VT_ASSERT_TEXT(vt, "Surname (as in passport)", T);
	e2e_text(vt, surname);
	e2e_text(vt, "Giorgi");
	e2e_tabs(vt, 1);			/* name in native script */
	e2e_pick(vt, "mal", "Male");
	e2e_tabs(vt, 1);
	e2e_text(vt, dob);
	e2e_pick(vt, "georgia", "Georgia");
	e2e_tabs(vt, 1);
	e2e_pick(vt, "georgia", "Georgia");
	e2e_tabs(vt, 2);			/* place of return */
	e2e_tick(vt, lang, strcmp(lang, "russ") == 0 ? "Russian" : "Georgian");
	e2e_tabs(vt, 1);
	vt_type(vt, "n");			/* interpreter needed */
	e2e_tabs(vt, 3);			/* phone, email */
	e2e_pick(vt, "humen", "Humenné reception centre");
	e2e_tabs(vt, 1);
	e2e_pick(vt, "rej", "Rejected asylum seeker");
	e2e_tabs(vt, 1);
	e2e_tick(vt, vfilter, vlabel);
	e2e_tabs(vt, strcmp(vlabel, "None") == 0 ? 1 : 2);	/* details when not none */
	vt_type(vt, "AMIF-2026-01");
	VT_ASSERT_TEXT(vt, "AMIF-2026-01", T);
}

static void
tv_fill_registration(struct vt *vt, const char *surname, const char *dob,
    const char *vfilter, const char *vlabel)
{
	tv_fill_registration_ex(vt, surname, dob, "georg", vfilter, vlabel);
}

/* ---- the client language ---------------------------------------------------- */

static bool
tv_title_has(struct vt *vt, const char *text)
{
	return strstr(vt_row(vt, 0), text) != NULL;
}

/* The client language of one case (Georgian) shows with that case only: not
 * on the start screen, not in a new registration, not saved on the new case. */
static void
test_client_lang_stays_with_its_case(void **state)
{
	struct t *t = *state;
	struct form_record *reg;
	struct db_case c;

	tv_case(t, "ka");
	e2e_db_close(t->db);
	tv_start(t);
	assert_false(tv_title_has(t->vt, ">ka"));
	tv_open_case(t->vt);
	VT_ASSERT_ROW(t->vt, 0, "en>ka", T);
	vt_key(t->vt, VT_ESC);			/* back to the list found */
	VT_ASSERT_TEXT(t->vt, "Cases found: 1", T);
	e2e_gone(t->vt, "en>ka");
	vt_key(t->vt, VT_ESC);
	VT_ASSERT_TEXT(t->vt, "Recent cases", T);
	assert_false(tv_title_has(t->vt, ">"));
	vt_ctrl(t->vt, 'n');
	tv_fill_registration(t->vt, "Beridze", "1980-05-05", "none", "None");
	assert_false(tv_title_has(t->vt, ">ka"));
	vt_ctrl(t->vt, 'o');
	VT_ASSERT_TEXT(t->vt, "Forms of this case", T);
	VT_ASSERT_TEXT(t->vt, "Beridze", T);
	assert_false(tv_title_has(t->vt, ">ka"));
	reg = tv_newest(t, "registration");
	assert_non_null(reg);
	assert_string_equal(reg->vals[form_field_index(reg->def, "surname")], "Beridze");
	c = tv_case_row(t, reg->case_id);
	assert_null(c.client_lang);
	db_case_clear(&c);
	form_record_free(reg);
}

/* A registration started from a hotline call takes the caller's language. */
static void
test_client_lang_from_the_call(void **state)
{
	struct t *t = *state;
	struct form_record *reg;
	struct db_case c;

	tv_case(t, "uk");
	e2e_db_close(t->db);
	tv_start(t);
	tv_open_case(t->vt);
	VT_ASSERT_ROW(t->vt, 0, "en>uk", T);
	vt_key(t->vt, VT_ESC);
	VT_ASSERT_TEXT(t->vt, "Cases found: 1", T);
	vt_key(t->vt, VT_ESC);
	VT_ASSERT_TEXT(t->vt, "Recent cases", T);
	vt_ctrl(t->vt, 'p');
	VT_ASSERT_TEXT(t->vt, "Hotline call", T);
	e2e_pick(t->vt, "georg", "Georgian");	/* the caller's language */
	vt_ctrl(t->vt, 'n');
	VT_ASSERT_ROW(t->vt, 0, "en>ka", T);
	/* Georgian came from the call: Russian is ticked beside it. */
	tv_fill_registration_ex(t->vt, "Beridze", "1980-05-05", "russ", "none", "None");
	vt_ctrl(t->vt, 'o');
	VT_ASSERT_TEXT(t->vt, "The call will be saved with case", T);
	reg = tv_newest(t, "registration");
	c = tv_case_row(t, reg->case_id);
	assert_non_null(c.client_lang);
	assert_string_equal(c.client_lang, "ka");
	db_case_clear(&c);
	form_record_free(reg);
}

/* ---- defaults and money ------------------------------------------------------- */

/* "0.022" typed into the exchange rate that shows 1 is 0.022, not 10.022;
 * Backspace in a date that shows today edits it. */
static void
test_typing_replaces_default(void **state)
{
	struct t *t = *state;

	tv_case_at(t, TV_AT_PLAN);
	tv_start(t);
	tv_open_case(t->vt);
	tv_open_form(t->vt, TV_PAYMENT, "Payment to a provider", true);
	VT_ASSERT_TEXT(t->vt, "Plan item number *", T);
	vt_type(t->vt, "1");
	e2e_tabs(t->vt, 1);
	VT_ASSERT_TEXT(t->vt, "2026-11-22", T);
	vt_key(t->vt, VT_BACKSPACE);		/* editing the default: 2026-11-2 */
	vt_type(t->vt, "1");
	VT_ASSERT_TEXT(t->vt, "2026-11-21", T);
	e2e_tabs(t->vt, 1);
	e2e_text(t->vt, "100");
	vt_type(t->vt, "0.022");		/* the rate showed 1 */
	VT_ASSERT_TEXT(t->vt, "0.022", T);
	assert_false(vt_wait_text(t->vt, "10.022", 200));
	e2e_tabs(t->vt, 1);
	VT_ASSERT_TEXT(t->vt, "2.2", T);	/* the amount in EUR follows */
	e2e_text(t->vt, "INV-1");
	e2e_pick(t->vt, "georgia", "Georgia");
	vt_ctrl(t->vt, 'o');
	VT_ASSERT_TEXT(t->vt, "+ New", T);
	tv_assert_value(t, "payment", "rate", "0.022");
	tv_assert_value(t, "payment", "paid_on", "2026-11-21");
}

/* The grant shows the project's currency (GEL) before anything is typed; the
 * user picks EUR by typing its letters; the item's budget takes the grant's. */
static void
test_money_shows_and_picks_currency(void **state)
{
	struct t *t = *state;
	struct form_record *proj, *plan;
	const struct form_rows *items;
	int g;

	proj = e2e_rec(t->db, 0, "project", "code", "AMIF-2026-01", "name", "AMIF returns",
	    "donor", "amif", "period_from", "2026-01-01", "period_to", "2027-12-31",
	    "grant_per_person", "2000", NULL);
	form_record_set_part(proj, form_field_index(proj->def, "grant_per_person"), 1, "GEL");
	e2e_put(t->db, proj);
	tv_case_at(t, TV_AT_ARRIVED);
	tv_start(t);
	tv_open_case(t->vt);
	tv_open_form(t->vt, TV_PLAN, "Reintegration plan", false);
	VT_ASSERT_TEXT(t->vt, "Reintegration grant *", T);
	VT_ASSERT_TEXT(t->vt, "GEL", T);		/* shown before typing */
	vt_type(t->vt, "1500");
	VT_ASSERT_TEXT(t->vt, "1500", T);
	vt_type(t->vt, "e");				/* a letter: the currencies */
	VT_ASSERT_TEXT(t->vt, "Filter:", T);
	vt_type(t->vt, "ur");
	VT_ASSERT_ROW(t->vt, 3, "Euro", T);
	vt_key(t->vt, VT_ENTER);
	e2e_gone(t->vt, "Filter:");
	e2e_gone(t->vt, "GEL");
	VT_ASSERT_TEXT(t->vt, "EUR", T);
	e2e_tabs(t->vt, 2);				/* prepared today */
	e2e_pick(t->vt, "after", "After return");
	e2e_tabs(t->vt, 1);
	VT_ASSERT_TEXT(t->vt, "+ Add a row", T);
	vt_key(t->vt, VT_ENTER);
	VT_ASSERT_ROW(t->vt, 0, "Plan items 1", T);
	e2e_pick(t->vt, "mater", "Material assistance");
	e2e_tabs(t->vt, 1);
	e2e_text(t->vt, "Fridge");
	e2e_text(t->vt, "Elektro Tbilisi");
	e2e_tabs(t->vt, 1);
	vt_type(t->vt, "900");
	VT_ASSERT_TEXT(t->vt, "900", T);
	VT_ASSERT_TEXT(t->vt, "EUR", T);		/* the grant's currency */
	vt_key(t->vt, VT_ESC);	/* the row kept, back to the form */
	VT_ASSERT_TEXT(t->vt, "1. Material assistance", T);
	vt_ctrl(t->vt, 'o');
	VT_ASSERT_TEXT(t->vt, "Forms of this case", T);
	plan = tv_newest(t, "plan");
	assert_non_null(plan);
	g = form_field_index(plan->def, "grant");
	assert_string_equal(plan->vals[g], "1500.00");
	assert_string_equal(form_record_part(plan, g, 1), "EUR");
	items = &plan->kids[form_field_index(plan->def, "items")];
	assert_int_equal(items->n, 1);
	assert_string_equal(form_record_part(items->rows[0], form_field_index(items->rows[0]->def,
	    "budget"), 1), "EUR");
	form_record_free(plan);
}

/* ---- payments ------------------------------------------------------------------- */

/* 2000 against an item budgeted at 900 is refused with what is left; the
 * item is picked from a list with its type, provider and what is left. */
static void
test_overpayment_refused(void **state)
{
	struct t *t = *state;

	tv_case_at(t, TV_AT_PLAN);
	tv_start(t);
	tv_open_case(t->vt);
	tv_open_form(t->vt, TV_PAYMENT, "Payment to a provider", true);
	VT_ASSERT_TEXT(t->vt, "Plan item number *", T);
	vt_key(t->vt, VT_ENTER);
	VT_ASSERT_ROW(t->vt, 0, "Plan items", T);
	VT_ASSERT_ROW(t->vt, 2, "Material assistance", T);
	VT_ASSERT_ROW(t->vt, 2, "Elektro Tbilisi", T);
	VT_ASSERT_ROW(t->vt, 2, "left 900.00 of 900.00 EUR", T);
	vt_key(t->vt, VT_ENTER);
	VT_ASSERT_ROW(t->vt, 0, "Payment to a provider", T);
	e2e_tabs(t->vt, 2);			/* paid today */
	e2e_text(t->vt, "2000");
	e2e_tabs(t->vt, 1);			/* rate 1 */
	e2e_text(t->vt, "INV-77");
	e2e_pick(t->vt, "georgia", "Georgia");
	vt_ctrl(t->vt, 'o');
	/* a supervisor may approve the overrun: offered, and declined here */
	VT_ASSERT_TEXT(t->vt, "Send it to a supervisor for approval? (y/n)", T);
	vt_type(t->vt, "n");
	tv_refused(t->vt, "Payment to a provider refused: item 1 has 900.00 EUR left "
	    "(ask a supervisor)");
	assert_int_equal(e2e_count(t->db, "payment"), 0);
}

/* ---- closure, monitoring, departure, age ---------------------------------------- */

/* "Completed" with the arrival never confirmed, then with an item half paid. */
static void
test_completed_closure_refused(void **state)
{
	struct t *t = *state;
	struct form_record *dep;

	tv_case_at(t, TV_AT_DEPARTED);
	tv_start(t);
	tv_open_case(t->vt);
	tv_open_form(t->vt, TV_CLOSURE, "Case closure", false);
	VT_ASSERT_TEXT(t->vt, "Closed on *", T);
	e2e_tabs(t->vt, 1);
	e2e_pick(t->vt, "compl", "Completed");
	vt_ctrl(t->vt, 'o');
	tv_refused(t->vt, "Case closure refused: arrival not confirmed (confirm it or "
	    "pick another reason)");
	/* Meanwhile the arrival is confirmed and half of the item paid. */
	dep = tv_newest(t, "departure");
	form_record_set(dep, (size_t)form_field_index(dep->def, "arrival_confirmed"), "yes");
	form_record_set(dep, (size_t)form_field_index(dep->def, "confirmed_on"), "2026-11-11");
	form_record_set(dep, (size_t)form_field_index(dep->def, "confirmed_by"), "GE");
	e2e_put(t->db, dep);
	dep = e2e_rec(t->db, t->case_id, "plan", "grant", "2000", "prepared_on", "2026-11-12",
	    "timing", "after", NULL);
	e2e_row(dep, "items", "item_type", "material", "description", "Fridge", "budget",
	    "900", NULL);
	e2e_put(t->db, dep);
	e2e_put(t->db, e2e_rec(t->db, t->case_id, "payment", "item_no", "1", "paid_on", "2026-11-15",
	    "amount", "450", "rate", "1", "amount_eur", "450", "invoice_no", "I-1", "mission",
	    "GE", NULL));
	e2e_db_close(t->db);
	vt_ctrl(t->vt, 'o');
	tv_refused(t->vt, "Case closure refused: item 1 is paid 450.00 of 900.00 EUR (pay "
	    "or cancel it)");
	assert_int_equal(e2e_count(t->db, "closure"), 0);
}

static void
test_monitoring_before_arrival_refused(void **state)
{
	struct t *t = *state;
	int i;

	tv_case_at(t, TV_AT_DEPARTED);
	tv_start(t);
	tv_open_case(t->vt);
	tv_open_form(t->vt, TV_MONITORING, "Monitoring after return", true);
	VT_ASSERT_TEXT(t->vt, "Mode *", T);
	e2e_tabs(t->vt, 1);
	e2e_pick(t->vt, "visit", "Visit");
	e2e_tabs(t->vt, 1);
	e2e_pick(t->vt, "georgia", "Georgia");
	e2e_tabs(t->vt, 1);			/* the items' state */
	for (i = 0; i < 9; i++) {
		e2e_tabs(t->vt, 1);
		e2e_pick(t->vt, "4", "4 - good");
	}
	vt_ctrl(t->vt, 'o');
	tv_refused(t->vt, "Monitoring after return refused: arrival not confirmed (confirm "
	    "it first)");
	assert_int_equal(e2e_count(t->db, "monitoring"), 0);
}

static void
test_departure_before_flight_refused(void **state)
{
	struct t *t = *state;

	tv_case_at(t, TV_AT_PREPARED);
	tv_start(t);
	tv_open_case(t->vt);
	tv_open_form(t->vt, TV_DEPARTURE, "Departure and arrival", false);
	VT_ASSERT_TEXT(t->vt, "Departed on *", T);
	e2e_text(t->vt, "2026-11-05");
	vt_type(t->vt, "n");
	VT_ASSERT_TEXT(t->vt, "No", T);
	vt_ctrl(t->vt, 'o');
	tv_refused(t->vt, "Departure and arrival refused: first flight is on 2026-11-10 "
	    "(fix Departed on)");
	assert_int_equal(e2e_count(t->db, "departure"), 0);
}

/* "Unaccompanied minor" for an applicant born in 1990. */
static void
test_minor_born_1990_refused(void **state)
{
	struct t *t = *state;

	tv_start(t);
	vt_ctrl(t->vt, 'n');
	tv_fill_registration(t->vt, "Beridze", "1990-05-05", "unacc", "Unaccompanied minor");
	vt_ctrl(t->vt, 'o');
	tv_refused(t->vt, "Registration refused: aged 36: not an unaccompanied minor (check "
	    "Date of birth)");
	assert_int_equal(e2e_count(t->db, "registration"), 0);
}

#define TV(f) cmocka_unit_test_setup_teardown(f, tv_setup, tv_teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		TV(test_client_lang_stays_with_its_case),
		TV(test_client_lang_from_the_call),
		TV(test_typing_replaces_default),
		TV(test_money_shows_and_picks_currency),
		TV(test_overpayment_refused),
		TV(test_completed_closure_refused),
		TV(test_monitoring_before_arrival_refused),
		TV(test_departure_before_flight_refused),
		TV(test_minor_born_1990_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
