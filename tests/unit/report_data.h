/*
 * A small database with known report answers, saved through the data layer
 * on the real forms/ (db_record_save: no lifecycle rules, only rows). Shared
 * by tests/unit/test_db_report.c and the CLI test (tests/e2e/test_cli.c).
 *
 * Project P1, the period 2026-01-01 .. 2026-12-31:
 *   A  man (1990), wife, two children (2015, 2020; the younger one medical),
 *      to UA, departed 2026-03-15; plan: business 2000 EUR (unpaid),
 *      material 500 EUR paid 2026-04-01; a call with an interpreter.
 *   B  woman (1960, elderly) to GE, departed 2026-12-31 (the last day);
 *      plan: education 1000 EUR paid 2027-01-05 (the next period).
 *   C  man to GE, departed 2027-01-01 (the day after the period).
 *   D  man to AM, departed 2025-12-31 (the day before); a plan of one unpaid
 *      item; cash allowance 200 EUR paid 2026-01-01 (the first day).
 * Project P2: E man to MD, departed 2026-06-01, material paid 2026-06-10.
 * A call of nobody's case on 2026-02-02, and one on 2027-01-01.
 * A monitoring visit of A on 2026-09-09: economic 5 4 3, social 3 3 3,
 * psychosocial 2 2 2, score 3.1, item 2 in use. Campaign activities on
 * 2026-06-06 (20 participants, 100 leaflets and posters) and 2027-01-01.
 */
#ifndef TESTS_REPORT_DATA_H
#define TESTS_REPORT_DATA_H

#include "unit/db_fixture.h"

#include "db/cases.h"
#include "db/record.h"

static inline struct form_record *
rdata_new(const struct form_set *set, const char *form, int64_t case_id)
{
	const struct form_def *def = form_set_find(set, form);
	struct form_record *rec;

	if (def == NULL)
		fail_msg("no form %s", form);
	rec = form_record_new(def);
	rec->case_id = case_id;
	return rec;
}

static inline void
rdata_save(struct db *db, struct form_record *rec)
{
	char *err = NULL;

	if (db_record_save(db, rec, NULL, &err) != DB_OK)
		fail_msg("save %s: %s", rec->def->name, err);
	form_record_free(rec);
}

static inline void
rdata_money(struct form_record *rec, const char *name, const char *amount)
{
	size_t i = fixture_field(rec->def, name);

	form_record_set(rec, i, amount);
	form_record_set_part(rec, i, 1, "EUR");
}

static inline void
rdata_person(struct form_record *rec, const char *sex, const char *dob, const char *vuln)
{
	fixture_set(rec, "surname", "Test");
	fixture_set(rec, "given_names", "Person");
	fixture_set(rec, "sex", sex);
	fixture_set(rec, "dob", dob);
	fixture_set(rec, "nationality", "UA");
	fixture_set(rec, "vulnerabilities", vuln);
}

/* A case of project with its registration and departure; the family as
 * "sex dob vuln" triples. */
static inline int64_t
rdata_case(struct db *db, const struct form_set *set, const char *project, const char *sex,
    const char *dob, const char *vuln, const char *country, const char *departed,
    const char *const *family)
{
	struct form_record *rec, *kid;
	struct db_case c;
	char *err = NULL;
	int64_t id;

	if (db_case_create(db, project, NULL, &c, &err) != DB_OK)
		fail_msg("case: %s", err);
	id = c.id;
	db_case_clear(&c);
	rec = rdata_new(set, "registration", id);
	rdata_person(rec, sex, dob, vuln);
	fixture_set(rec, "return_country", country);
	fixture_set(rec, "legal_status", "rejected");
	fixture_set(rec, "project", project);
	for (; family != NULL && family[0] != NULL; family += 3) {
		kid = form_record_add_row(rec, fixture_field(rec->def, "family"));
		rdata_person(kid, family[0], family[1], family[2]);
		fixture_set(kid, "relationship", "child");
	}
	rdata_save(db, rec);
	rec = rdata_new(set, "departure", id);
	fixture_set(rec, "departed_on", departed);
	fixture_set(rec, "arrival_confirmed", "no");
	rdata_save(db, rec);
	return id;
}

/* A plan of items "type budget" pairs. */
static inline void
rdata_plan(struct db *db, const struct form_set *set, int64_t id, const char *const *items)
{
	struct form_record *rec = rdata_new(set, "plan", id), *row;

	rdata_money(rec, "grant", "5000");
	fixture_set(rec, "prepared_on", "2026-01-01");
	fixture_set(rec, "timing", "after");
	for (; items[0] != NULL; items += 2) {
		row = form_record_add_row(rec, fixture_field(rec->def, "items"));
		fixture_set(row, "item_type", items[0]);
		fixture_set(row, "description", "Item");
		rdata_money(row, "budget", items[1]);
	}
	rdata_save(db, rec);
}

static inline void
rdata_pay(struct db *db, const struct form_set *set, int64_t id, const char *item,
    const char *on, const char *amount)
{
	struct form_record *rec = rdata_new(set, "payment", id);

	fixture_set(rec, "item_no", item);
	fixture_set(rec, "paid_on", on);
	rdata_money(rec, "amount", amount);
	fixture_set(rec, "rate", "1");
	fixture_set(rec, "invoice_no", "INV-1");
	fixture_set(rec, "mission", "UA");
	rdata_save(db, rec);
}

static inline void
rdata_call(struct db *db, const struct form_set *set, int64_t id, const char *at,
    const char *interpreted)
{
	struct form_record *rec = rdata_new(set, "call", id);

	fixture_set(rec, "started_at", at);
	fixture_set(rec, "language", "uk");
	fixture_set(rec, "interpreted", interpreted);
	if (*interpreted == 'y')
		fixture_set(rec, "interpreter_language", "uk");
	fixture_set(rec, "caller_type", "migrant");
	fixture_set(rec, "topics", "return");
	fixture_set(rec, "outcome", "information");
	rdata_save(db, rec);
}

static inline void
rdata_monitoring(struct db *db, const struct form_set *set, int64_t id)
{
	static const char *const ind[][2] = { { "eco_income", "5" }, { "eco_activity", "4" },
	    { "eco_housing", "3" }, { "soc_network", "3" }, { "soc_services", "3" },
	    { "soc_documents", "3" }, { "psy_wellbeing", "2" }, { "psy_safety", "2" },
	    { "psy_future", "2" } };
	struct form_record *rec = rdata_new(set, "monitoring", id), *row;
	size_t i;

	fixture_set(rec, "monitored_on", "2026-09-09");
	fixture_set(rec, "mode", "visit");
	fixture_set(rec, "mission", "UA");
	for (i = 0; i < sizeof ind / sizeof ind[0]; i++)
		fixture_set(rec, ind[i][0], ind[i][1]);
	fixture_set(rec, "sustainability", "3.1");
	row = form_record_add_row(rec, fixture_field(rec->def, "item_status"));
	fixture_set(row, "item_no", "2");
	fixture_set(row, "state", "in_use");
	rdata_save(db, rec);
}

static inline void
rdata_campaign(struct db *db, const struct form_set *set, const char *on)
{
	struct form_record *rec = rdata_new(set, "campaign", 0);

	fixture_set(rec, "activity_date", on);
	fixture_set(rec, "activity_type", "facility_meeting");
	fixture_set(rec, "place", "humenne");
	fixture_set(rec, "participants", "20");
	fixture_set(rec, "materials", "leaflet poster");
	fixture_set(rec, "materials_count", "100");
	rdata_save(db, rec);
}

static inline void
rdata_fill(struct db *db, const struct form_set *set)
{
	static const char *const fam_a[] = { "female", "1992-01-01", "none",
	    "female", "2015-03-03", "none", "male", "2020-07-07", "medical", NULL };
	static const char *const plan_a[] = { "business", "2000", "material", "500", NULL };
	static const char *const plan_b[] = { "education", "1000", NULL };
	static const char *const plan_d[] = { "training", "800", NULL };
	static const char *const plan_e[] = { "material", "300", NULL };
	struct form_record *rec;
	int64_t a, b, d, e;

	a = rdata_case(db, set, "P1", "male", "1990-05-10", "none", "UA", "2026-03-15", fam_a);
	rdata_plan(db, set, a, plan_a);
	rdata_pay(db, set, a, "2", "2026-04-01", "500");
	rdata_call(db, set, a, "2026-05-05 10:00", "yes");
	rdata_monitoring(db, set, a);
	b = rdata_case(db, set, "P1", "female", "1960-01-01", "elderly", "GE", "2026-12-31",
	    NULL);
	rdata_plan(db, set, b, plan_b);
	rdata_pay(db, set, b, "1", "2027-01-05", "1000");
	(void)rdata_case(db, set, "P1", "male", "2000-01-01", "none", "GE", "2027-01-01", NULL);
	d = rdata_case(db, set, "P1", "male", "1980-01-01", "none", "AM", "2025-12-31", NULL);
	rdata_plan(db, set, d, plan_d);
	rec = rdata_new(set, "return_prep", d);
	fixture_set(rec, "travel_doc", "passport");
	fixture_set(rec, "escort", "none");
	rdata_money(rec, "allowance", "200");
	fixture_set(rec, "allowance_paid_on", "2026-01-01");
	rdata_save(db, rec);
	e = rdata_case(db, set, "P2", "male", "1985-01-01", "none", "MD", "2026-06-01", NULL);
	rdata_plan(db, set, e, plan_e);
	rdata_pay(db, set, e, "1", "2026-06-10", "300");
	rdata_call(db, set, 0, "2026-02-02 09:00", "no");
	rdata_call(db, set, 0, "2027-01-01 00:05", "no");
	rdata_campaign(db, set, "2026-06-06");
	rdata_campaign(db, set, "2027-01-01");
}

#endif
