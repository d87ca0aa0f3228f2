/*
 * demo/demo_office: what the office logs beside cases: hotline calls (with a
 * case or without), information campaign activities, and the projects.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "demo/demo_int.h"
#include "db/settings.h"
#include "db/users.h"
#include "util/str.h"

/* The caller type of a relative; its code is also the name of registration's
 * family rows. */
static const char demo_kin[] = DEMO_CODE(caller_type, "family");

static const struct demo_w demo_callers_case[] = {
	{ "migrant", 60 }, { demo_kin, 10 }, { "asylum_facility", 10 },
	{ "detention_facility", 8 }, { "ngo", 7 }, { "police", 5 }, { NULL, 0 },
};
static const struct demo_w demo_callers[] = {
	{ "migrant", 45 }, { demo_kin, 12 }, { "community", 8 }, { "ngo", 10 },
	{ "police", 8 }, { "asylum_facility", 7 }, { "detention_facility", 5 },
	{ DEMO_CODE(caller_type, "embassy"), 3 }, { "other", 2 }, { NULL, 0 },
};

/* The caller's name and phone, as the operator hears them. */
static void
demo_caller(struct demo *d, struct form_record *rec, const struct demo_case *c,
    const struct demo_nation *nat, const char *type)
{
	struct demo_person p;
	char phone[32];

	if (c != NULL && str_eq(type, "migrant")) {
		demo_setf(d, rec, demo_f(d, WFR_CALL_CALLER), "%s %s", c->person.surname,
		    c->person.given);
		demo_set(d, rec, demo_f(d, WFR_CALL_PHONE), c->phone);
		return;
	}
	if (str_eq(type, "migrant") || str_eq(type, demo_kin) || str_eq(type, "community")) {
		demo_person(d, nat, demo_chance(d, 40), 0, NULL, &p);
		if (c == NULL)
			demo_setf(d, rec, demo_f(d, WFR_CALL_CALLER), "%s %s", p.surname,
			    p.given);
		demo_phone(d, nat->phone_cc, phone, sizeof phone);
		demo_set(d, rec, demo_f(d, WFR_CALL_PHONE), phone);
		return;
	}
	/* Names of others are not put on a case: the index would show them as its name. */
	if (c == NULL && demo_chance(d, 70))
		demo_set(d, rec, demo_f(d, WFR_CALL_CALLER), demo_slovak_name(d));
	demo_phone(d, NULL, phone, sizeof phone);
	demo_set(d, rec, demo_f(d, WFR_CALL_PHONE), phone);
}

static void
demo_call_language(struct demo *d, struct form_record *rec, const char *lang,
    bool slovak)
{
	demo_pick(d, rec, demo_f(d, WFR_CALL_LANGUAGE), slovak ? "sk" : lang);
	if (!slovak && demo_chance(d, 55)) {
		demo_set(d, rec, demo_f(d, WFR_CALL_INTERPRETED), "yes");
		demo_pick(d, rec, demo_f(d, WFR_CALL_INTERPRETER_LANG), lang);
	} else
		demo_set(d, rec, demo_f(d, WFR_CALL_INTERPRETED), "no");
}

static void
demo_call_topic(struct demo *d, struct form_record *rec, const struct demo_case *c)
{
	static const struct demo_w first[] = {
	    { DEMO_CODE(call_outcome, "registration"), 40 }, { "counselling", 40 },
	    { "information", 20 }, { NULL, 0 } };
	static const struct demo_w none[] = { { "information", 50 }, { "referred", 20 },
	    { "none", 20 }, { "counselling", 10 }, { NULL, 0 } };

	if (demo_chance(d, 5))
		demo_many(d, rec, demo_f(d, WFR_CALL_TOPICS), "other");
	else
		demo_many_any(d, rec, demo_f(d, WFR_CALL_TOPICS), (size_t)demo_range(d, 1, 2));
	demo_set(d, rec, "topic_other", "Luggage allowance on the flight");
	demo_set(d, rec, "summary", demo_text(d, "call_summary"));
	demo_pick_w(d, rec, demo_f(d, WFR_CALL_OUTCOME), c != NULL ? first : none);
}

/* One hotline call on day; c NULL: nobody's case (yet). */
int
demo_call(struct demo *d, const struct demo_case *c, long day, char **err)
{
	const struct demo_nation *nat = c != NULL ? c->nat : demo_nation_pick(d);
	const char *type = demo_weighted(d, c != NULL ? demo_callers_case :
	    demo_callers);
	bool own = str_eq(type, "migrant") || str_eq(type, demo_kin) ||
	    str_eq(type, "community");
	struct form_record *rec = demo_stage(d, WFS_CALL, c != NULL ? c->c.id : 0);
	struct date_time at;
	char lang[8];

	db_set_user(d->ctx->db, demo_staff(d, "hotline"));
	if (rec == NULL)
		return 0;
	snprintf(lang, sizeof lang, "%.*s", (int)strcspn(nat->langs, " "), nat->langs);
	d->day = day;
	demo_at(d, day);
	at = date_now();
	demo_setf(d, rec, demo_f(d, WFR_CALL_STARTED), "%04d-%02d-%02d %02d:%02d",
	    at.date.y, at.date.m, at.date.d, at.hour, at.min);
	demo_call_language(d, rec, lang, !own);
	demo_pick(d, rec, demo_f(d, WFR_CALL_CALLER_TYPE), type);
	demo_set(d, rec, "caller_type_other", "Lawyer of the client");
	demo_caller(d, rec, c, nat, type);
	demo_pick(d, rec, demo_f(d, WFR_CALL_LOCATION),
	    c != NULL && str_eq(type, "migrant") ? c->location :
	    str_eq(type, demo_kin) ? "abroad" : "other");
	demo_call_topic(d, rec, c);
	if (demo_chance(d, 15)) {
		demo_set(d, rec, demo_f(d, WFR_CALL_CALLBACK), "yes");
		demo_date(d, rec, demo_f(d, WFR_CALL_CALLBACK_ON), day + demo_range(d, 1, 5));
	} else
		demo_set(d, rec, demo_f(d, WFR_CALL_CALLBACK), "no");
	demo_setf(d, rec, demo_f(d, WFR_CALL_DURATION), "%ld", demo_range(d, 2, 25));
	return demo_save(d, rec, err);
}

int
demo_campaign(struct demo *d, char **err)
{
	static const struct demo_w type[] = { { "facility_meeting", 40 },
	    { "community_meeting", 20 }, { "distribution", 20 }, { "police_briefing", 15 },
	    { "other", 5 }, { NULL, 0 } };
	static const char *const facilities[] = { "humenne", "opatovska", "rohovce", "zvolen",
	    "medvedov", "secovce" };
	struct form_record *rec = demo_stage(d, WFS_CAMPAIGN, 0);
	const char *t = demo_weighted(d, type), *place = DEMO_ONE(d, facilities);
	const struct demo_nation *a = demo_nation_pick(d), *b = demo_nation_pick(d);
	char langs[64];

	db_set_user(d->ctx->db, demo_staff(d, "counsellor"));
	if (rec == NULL)
		return 0;
	if (str_eq(t, "police_briefing"))
		place = demo_chance(d, 60) ? "police" : "border";
	else if (str_eq(t, "community_meeting"))
		place = "community";
	d->day = d->today - demo_range(d, 0, 1000);
	demo_date(d, rec, demo_f(d, WFR_CAMP_DATE), d->day);
	demo_pick(d, rec, demo_f(d, WFR_CAMP_TYPE), t);
	demo_set(d, rec, "activity_type_other", "Radio interview");
	demo_pick(d, rec, demo_f(d, WFR_CAMP_PLACE), place);
	demo_set(d, rec, "place_detail", demo_text(d, "place_detail"));
	demo_setf(d, rec, demo_f(d, WFR_CAMP_PARTICIPANTS), "%ld",
	    str_eq(t, "police_briefing") ?
	    demo_range(d, 5, 20) : demo_range(d, 4, 60));
	snprintf(langs, sizeof langs, "%s %s", a->langs, a == b ? "en" : b->langs);
	demo_many(d, rec, DEMO_OWN(campaign, "languages"), langs);
	demo_many_any(d, rec, demo_f(d, WFR_CAMP_MATERIALS), (size_t)demo_range(d, 1, 3));
	demo_setf(d, rec, demo_f(d, WFR_CAMP_COPIES), "%ld", 10 * demo_range(d, 2, 40));
	if (demo_chance(d, 60))
		demo_set(d, rec, "notes", demo_text(d, "campaign_notes"));
	return demo_save(d, rec, err);
}

static int
demo_project(struct demo *d, const struct demo_project *p, const char *donor,
    const char *name, double budget, char **err)
{
	struct form_record *rec = demo_stage(d, WFS_PROJECT, 0);

	if (rec == NULL)
		return 0;
	d->day = p->from;
	demo_set(d, rec, demo_f(d, WFR_PROJECT_CODE), p->code);
	demo_set(d, rec, "name", name);
	demo_pick(d, rec, "donor", donor);
	demo_date(d, rec, "period_from", p->from);
	demo_date(d, rec, "period_to", p->to);
	demo_money(d, rec, demo_f(d, WFR_PROJECT_BUDGET), budget, "EUR");
	demo_set(d, rec, "cofinancing", str_eq(donor, "amif") ? "75" : "100");
	demo_money(d, rec, demo_f(d, WFR_PROJECT_GRANT), p->grant, "EUR");
	demo_money(d, rec, demo_f(d, WFR_PROJECT_LIMIT), p->limit, "EUR");
	return demo_save(d, rec, err);
}

static int
demo_projects(struct demo *d, char **err)
{
	const struct demo_project *p = d->projects;

	if (demo_project(d, &p[0], "amif", "Assisted voluntary return and reintegration "
	    "of third-country nationals", 1850000, err) != 0 ||
	    demo_project(d, &p[1], "interior", "National programme of assisted "
	    "voluntary return (Ministry of Interior of the Slovak Republic)", 420000, err) != 0)
		return 1;
	return demo_project(d, &p[2], "amif", "AVRR and stabilisation support after "
	    "return", 2400000, err);
}

/* The office's exchange rates (EUR for one unit), as the lifecycle rules read them. */
static int
demo_rates(struct demo *d, char **err)
{
	const char *const *codes;
	const double *rates;
	char key[32], val[32];
	size_t i, n = demo_currencies(&codes, &rates);

	for (i = 0; i < n; i++) {
		if (str_eq(codes[i], "EUR"))
			continue;
		snprintf(key, sizeof key, "rate:%s", codes[i]);
		demo_decimal(val, sizeof val, rates[i]);
		if (db_setting_set(d->ctx->db, key, val, err) != DB_OK)
			return 1;
	}
	return 0;
}

/* The staff, with the roles the lifecycle rules ask for, set by the office's
 * administrator (the first of them). In a database that has cases already,
 * only those whose role is missing are set. */
static int
demo_users(struct demo *d, bool all, char **err)
{
	static const char *const staff[][2] = {
		{ "rkral", "admin" }, { "jnovakova", "counsellor" }, { "mkovac", "counsellor" },
		{ "lhorvathova", "counsellor" }, { "pvarga", "return_officer" },
		{ "ztothova", "return_officer" }, { "mbalaz", "reintegration_officer" },
		{ "knagyova", "reintegration_officer" }, { "eszabo", "hotline" },
		{ "tmolnar", "hotline" }, { "ssimkova", "supervisor" },
	};
	size_t i;

	db_set_user(d->ctx->db, staff[0][0]);
	for (i = 0; i < sizeof staff / sizeof staff[0]; i++) {
		if (!all && str_eq(db_users_role(d->ctx->db, staff[i][0]), staff[i][1]))
			continue;
		if (db_users_set(d->ctx->db, staff[i][0], staff[i][1], err) != DB_OK)
			return 1;
	}
	return 0;
}

int
demo_office(struct demo *d, bool empty, char **err)
{
	if (demo_users(d, empty, err) != 0)
		return 1;
	db_set_user(d->ctx->db, demo_staff(d, "supervisor"));
	if (!empty)
		return 0;
	return demo_rates(d, err) != 0 || demo_projects(d, err) != 0;
}
