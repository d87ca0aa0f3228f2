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

static const struct cmd_demo_w cmd_demo_callers_case[] = {
	{ "migrant", 60 }, { "family", 10 }, { "asylum_facility", 10 },
	{ "detention_facility", 8 }, { "ngo", 7 }, { "police", 5 }, { NULL, 0 },
};
static const struct cmd_demo_w cmd_demo_callers[] = {
	{ "migrant", 45 }, { "family", 12 }, { "community", 8 }, { "ngo", 10 },
	{ "police", 8 }, { "asylum_facility", 7 }, { "detention_facility", 5 },
	{ "embassy", 3 }, { "other", 2 }, { NULL, 0 },
};

/* The caller's name and phone, as the operator hears them. */
static void
cmd_demo_caller(struct cmd_demo *d, struct form_record *rec, const struct cmd_demo_case *c,
    const struct cmd_demo_nation *nat, const char *type)
{
	struct cmd_demo_person p;
	char phone[32];

	if (c != NULL && str_eq(type, "migrant")) {
		cmd_demo_setf(d, rec, "caller_name", "%s %s", c->person.surname, c->person.given);
		cmd_demo_set(d, rec, "caller_phone", c->phone);
		return;
	}
	if (str_eq(type, "migrant") || str_eq(type, "family") || str_eq(type, "community")) {
		cmd_demo_person(d, nat, cmd_demo_chance(d, 40), 0, NULL, &p);
		if (c == NULL)
			cmd_demo_setf(d, rec, "caller_name", "%s %s", p.surname, p.given);
		cmd_demo_phone(d, nat->phone_cc, phone, sizeof phone);
		cmd_demo_set(d, rec, "caller_phone", phone);
		return;
	}
	/* Names of others are not put on a case: the index would show them as its name. */
	if (c == NULL && cmd_demo_chance(d, 70))
		cmd_demo_set(d, rec, "caller_name", cmd_demo_slovak_name(d));
	cmd_demo_phone(d, NULL, phone, sizeof phone);
	cmd_demo_set(d, rec, "caller_phone", phone);
}

static void
cmd_demo_call_language(struct cmd_demo *d, struct form_record *rec, const char *lang,
    bool slovak)
{
	cmd_demo_pick(d, rec, "language", slovak ? "sk" : lang);
	if (!slovak && cmd_demo_chance(d, 55)) {
		cmd_demo_set(d, rec, "interpreted", "yes");
		cmd_demo_pick(d, rec, "interpreter_language", lang);
	} else
		cmd_demo_set(d, rec, "interpreted", "no");
}

static void
cmd_demo_call_topic(struct cmd_demo *d, struct form_record *rec, const struct cmd_demo_case *c)
{
	static const struct cmd_demo_w first[] = { { "registration", 40 },
	    { "counselling", 40 }, { "information", 20 }, { NULL, 0 } };
	static const struct cmd_demo_w none[] = { { "information", 50 }, { "referred", 20 },
	    { "none", 20 }, { "counselling", 10 }, { NULL, 0 } };

	if (cmd_demo_chance(d, 5))
		cmd_demo_many(d, rec, "topics", "other");
	else
		cmd_demo_many_any(d, rec, "topics", (size_t)cmd_demo_range(d, 1, 2));
	cmd_demo_set(d, rec, "topic_other", "Luggage allowance on the flight");
	cmd_demo_set(d, rec, "summary", cmd_demo_text(d, "call"));
	cmd_demo_pick_w(d, rec, "outcome", c != NULL ? first : none);
}

/* One hotline call on day; c NULL: nobody's case (yet). */
int
cmd_demo_call(struct cmd_demo *d, const struct cmd_demo_case *c, long day, char **err)
{
	const struct cmd_demo_nation *nat = c != NULL ? c->nat : cmd_demo_nation_pick(d);
	const char *type = cmd_demo_weighted(d, c != NULL ? cmd_demo_callers_case :
	    cmd_demo_callers);
	bool own = str_eq(type, "migrant") || str_eq(type, "family") || str_eq(type, "community");
	struct form_record *rec = cmd_demo_record(d, "call", c != NULL ? c->c.id : 0);
	struct date_time at;
	char lang[8];

	db_set_user(d->ctx->db, cmd_demo_staff(d, "hotline"));
	if (rec == NULL)
		return 0;
	snprintf(lang, sizeof lang, "%.*s", (int)strcspn(nat->langs, " "), nat->langs);
	d->day = day;
	cmd_demo_at(d, day);
	at = date_now();
	cmd_demo_setf(d, rec, "started_at", "%04d-%02d-%02d %02d:%02d", at.date.y, at.date.m,
	    at.date.d, at.hour, at.min);
	cmd_demo_call_language(d, rec, lang, !own);
	cmd_demo_pick(d, rec, "caller_type", type);
	cmd_demo_set(d, rec, "caller_type_other", "Lawyer of the client");
	cmd_demo_caller(d, rec, c, nat, type);
	cmd_demo_pick(d, rec, "caller_location", c != NULL && str_eq(type, "migrant") ?
	    c->location : str_eq(type, "family") ? "abroad" : "other");
	cmd_demo_call_topic(d, rec, c);
	if (cmd_demo_chance(d, 15)) {
		cmd_demo_set(d, rec, "callback", "yes");
		cmd_demo_date(d, rec, "callback_on", day + cmd_demo_range(d, 1, 5));
	} else
		cmd_demo_set(d, rec, "callback", "no");
	cmd_demo_setf(d, rec, "duration_min", "%ld", cmd_demo_range(d, 2, 25));
	return cmd_demo_save(d, rec, err);
}

int
cmd_demo_campaign(struct cmd_demo *d, char **err)
{
	static const struct cmd_demo_w type[] = { { "facility_meeting", 40 },
	    { "community_meeting", 20 }, { "distribution", 20 }, { "police_briefing", 15 },
	    { "other", 5 }, { NULL, 0 } };
	static const char *const facilities[] = { "humenne", "opatovska", "rohovce", "zvolen",
	    "medvedov", "secovce" };
	struct form_record *rec = cmd_demo_record(d, "campaign", 0);
	const char *t = cmd_demo_weighted(d, type), *place = CMD_DEMO_ONE(d, facilities);
	const struct cmd_demo_nation *a = cmd_demo_nation_pick(d), *b = cmd_demo_nation_pick(d);
	char langs[64];

	db_set_user(d->ctx->db, cmd_demo_staff(d, "counsellor"));
	if (rec == NULL)
		return 0;
	if (str_eq(t, "police_briefing"))
		place = cmd_demo_chance(d, 60) ? "police" : "border";
	else if (str_eq(t, "community_meeting"))
		place = "community";
	d->day = d->today - cmd_demo_range(d, 0, 1000);
	cmd_demo_date(d, rec, "activity_date", d->day);
	cmd_demo_pick(d, rec, "activity_type", t);
	cmd_demo_set(d, rec, "activity_type_other", "Radio interview");
	cmd_demo_pick(d, rec, "place", place);
	cmd_demo_set(d, rec, "place_detail", cmd_demo_text(d, "place_detail"));
	cmd_demo_setf(d, rec, "participants", "%ld", str_eq(t, "police_briefing") ?
	    cmd_demo_range(d, 5, 20) : cmd_demo_range(d, 4, 60));
	snprintf(langs, sizeof langs, "%s %s", a->langs, a == b ? "en" : b->langs);
	cmd_demo_many(d, rec, "languages", langs);
	cmd_demo_many_any(d, rec, "materials", (size_t)cmd_demo_range(d, 1, 3));
	cmd_demo_setf(d, rec, "materials_count", "%ld", 10 * cmd_demo_range(d, 2, 40));
	if (cmd_demo_chance(d, 60))
		cmd_demo_set(d, rec, "notes", cmd_demo_text(d, "campaign"));
	return cmd_demo_save(d, rec, err);
}

static int
cmd_demo_project(struct cmd_demo *d, const struct cmd_demo_project *p, const char *donor,
    const char *name, double budget, char **err)
{
	struct form_record *rec = cmd_demo_record(d, "project", 0);

	if (rec == NULL)
		return 0;
	d->day = p->from;
	cmd_demo_set(d, rec, "code", p->code);
	cmd_demo_set(d, rec, "name", name);
	cmd_demo_pick(d, rec, "donor", donor);
	cmd_demo_date(d, rec, "period_from", p->from);
	cmd_demo_date(d, rec, "period_to", p->to);
	cmd_demo_money(d, rec, "budget", budget, "EUR");
	cmd_demo_set(d, rec, "cofinancing", str_eq(donor, "amif") ? "75" : "100");
	cmd_demo_money(d, rec, "grant_per_person", p->grant, "EUR");
	cmd_demo_money(d, rec, "approval_limit", p->limit, "EUR");
	return cmd_demo_save(d, rec, err);
}

static int
cmd_demo_projects(struct cmd_demo *d, char **err)
{
	const struct cmd_demo_project *p = d->projects;

	if (cmd_demo_project(d, &p[0], "amif", "Assisted voluntary return and reintegration "
	    "of third-country nationals", 1850000, err) != 0 ||
	    cmd_demo_project(d, &p[1], "interior", "National programme of assisted "
	    "voluntary return (Ministry of Interior of the Slovak Republic)", 420000, err) != 0)
		return 1;
	return cmd_demo_project(d, &p[2], "amif", "AVRR and stabilisation support after "
	    "return", 2400000, err);
}

/* The office's exchange rates (EUR for one unit), as the lifecycle rules read them. */
static int
cmd_demo_rates(struct cmd_demo *d, char **err)
{
	const char *const *codes;
	const double *rates;
	char key[32], val[32];
	size_t i, n = cmd_demo_currencies(&codes, &rates);

	for (i = 0; i < n; i++) {
		if (str_eq(codes[i], "EUR"))
			continue;
		snprintf(key, sizeof key, "rate:%s", codes[i]);
		cmd_demo_decimal(val, sizeof val, rates[i]);
		if (db_setting_set(d->ctx->db, key, val, err) != DB_OK)
			return 1;
	}
	return 0;
}

/* The staff, with the roles the lifecycle rules ask for. In a database that
 * has cases already, only those whose role is missing are set. */
static int
cmd_demo_users(struct cmd_demo *d, bool all, char **err)
{
	static const char *const staff[][2] = {
		{ "jnovakova", "counsellor" }, { "mkovac", "counsellor" },
		{ "lhorvathova", "counsellor" }, { "pvarga", "return_officer" },
		{ "ztothova", "return_officer" }, { "mbalaz", "reintegration_officer" },
		{ "knagyova", "reintegration_officer" }, { "eszabo", "hotline" },
		{ "tmolnar", "hotline" }, { "ssimkova", "supervisor" },
	};
	size_t i;

	for (i = 0; i < sizeof staff / sizeof staff[0]; i++) {
		if (!all && str_eq(db_users_role(d->ctx->db, staff[i][0]), staff[i][1]))
			continue;
		if (db_users_set(d->ctx->db, staff[i][0], staff[i][1], err) != DB_OK)
			return 1;
	}
	return 0;
}

int
cmd_demo_office(struct cmd_demo *d, bool empty, char **err)
{
	db_set_user(d->ctx->db, cmd_demo_staff(d, "supervisor"));
	if (cmd_demo_users(d, empty, err) != 0)
		return 1;
	if (!empty)
		return 0;
	return cmd_demo_rates(d, err) != 0 || cmd_demo_projects(d, err) != 0;
}
