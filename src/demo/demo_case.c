/*
 * demo/demo_case: one case: what it is to become (nation, person, furthest
 * stage, closure reason, dates), then its calls and the records of every
 * stage it reaches, in the order the office writes them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "demo/demo_int.h"
#include "db/cases.h"
#include "util/mem.h"
#include "util/str.h"

static const struct demo_w demo_stages[] = {
	{ "registered", 8 }, { "counselling", 10 }, { "preparing", 10 }, { "departed", 6 },
	{ "reintegration", 14 }, { "monitoring", 14 }, { "closed", 38 }, { NULL, 0 },
};
static const struct demo_w demo_reasons[] = {
	{ "completed", 55 }, { "withdrawn", 14 }, { "no_show", 8 }, { "absconded", 10 },
	{ "forced_return", 5 }, { "other", 8 }, { NULL, 0 },
};
static const struct demo_w demo_locations[] = {
	{ "humenne", 12 }, { "opatovska", 10 }, { "rohovce", 5 }, { "zvolen", 3 },
	{ "medvedov", 10 }, { "secovce", 8 }, { "asylum_other", 2 }, { "detention_other", 2 },
	{ "office", 5 }, { "private_address", 35 }, { "other", 3 }, { NULL, 0 },
};

static enum db_case_status
demo_status(const char *code)
{
	int i;

	for (i = 0; i < CASE__COUNT; i++)
		if (str_eq(db_case_status_code((enum db_case_status)i), code))
			return (enum db_case_status)i;
	return CASE_REGISTERED;
}

/* The stage a case closed for `reason` had reached. */
static enum db_case_status
demo_closed_stage(struct demo *d, const char *reason)
{
	if (str_eq(reason, "completed"))
		return CASE_MONITORING;
	if (str_eq(reason, "no_show"))
		return CASE_PREPARING;
	if (str_eq(reason, "withdrawn"))
		return (enum db_case_status)demo_range(d, CASE_REGISTERED, CASE_PREPARING);
	if (str_eq(reason, "other"))
		return (enum db_case_status)demo_range(d, CASE_REGISTERED, CASE_REINTEGRATION);
	return (enum db_case_status)demo_range(d, CASE_COUNSELLING, CASE_PREPARING);
}

/* Days from registration to the latest record of a case at that stage. */
static long
demo_span(const struct demo_case *c)
{
	static const long span[CASE__COUNT] = { 2, 25, 45, 75, 200, 230, 0 };
	long s = span[c->stage];

	if (c->stage == CASE_MONITORING && c->nmon > 1)
		s += 150;
	return c->close_reason != NULL ? s + 30 : s;
}

static void
demo_case_dates(struct demo *d, struct demo_case *c)
{
	long span = demo_span(c), slack;

	slack = c->close_reason != NULL ? demo_range(d, 0, span < 1000 ? 1000 - span : 0) :
	    demo_range(d, 0, 20);
	c->day0 = d->today - span - slack;
	c->last = c->day0;
	c->project = &d->projects[0];
	for (size_t i = 0; i < DEMO_NPROJECTS; i++)
		if (c->day0 >= d->projects[i].from)
			c->project = &d->projects[i];
}

static const char *
demo_client_lang(struct demo *d, const struct demo_nation *nat, char *buf,
    size_t len)
{
	const char *sp;

	snprintf(buf, len, "%s", nat->langs);
	if ((sp = strchr(nat->langs, ' ')) != NULL && (size_t)(sp - nat->langs) < len)
		buf[sp - nat->langs] = '\0';
	return demo_has_code(d, "language", buf) ? buf : "en";
}

static void
demo_case_plan(struct demo *d, struct demo_case *c)
{
	long age;
	bool female;

	memset(c, 0, sizeof *c);
	c->nat = demo_nation_pick(d);
	age = demo_chance(d, 3) ? demo_range(d, 15, 17) :
	    19 + demo_range(d, 0, 26) + demo_range(d, 0, 20);
	female = demo_chance(d, 30);
	c->stage = demo_status(demo_weighted(d, demo_stages));
	if (c->stage == CASE_CLOSED) {
		c->close_reason = demo_weighted(d, demo_reasons);
		c->stage = demo_closed_stage(d, c->close_reason);
	}
	c->nmon = demo_chance(d, 40) ? 2 : 1;
	c->location = demo_weighted(d, demo_locations);
	c->interpreter = !str_eq(c->nat->country, "RS") ? demo_chance(d, 90) :
	    demo_chance(d, 40);
	c->consent = c->stage > CASE_REGISTERED || !demo_chance(d, 10);
	demo_phone(d, c->nat->phone_cc, c->phone, sizeof c->phone);
	demo_case_dates(d, c);
	/* The age is the one at registration. */
	demo_person(d, c->nat, female, c->day0 - age * 365 - demo_range(d, 0, 364), NULL,
	    &c->person);
	c->lang = demo_client_lang(d, c->nat, c->langbuf, sizeof c->langbuf);
}

long
demo_past(struct demo *d, struct demo_case *c, long day)
{
	if (day > d->today)
		day = d->today;
	if (c != NULL && day > c->last)
		c->last = day;
	if (c != NULL)
		d->day = c->last;
	return day;
}

/*
 * Calls about the case: n before registration (the first of them opened the
 * case, on day `opened`), and some while it goes on.
 */
static int
demo_case_calls(struct demo *d, struct demo_case *c, long n, long opened,
    char **err)
{
	long k, day;

	for (k = 0; k < n; k++) {
		day = opened < 0 ? demo_range(d, c->day0 + 1, c->last) :
		    k == 0 ? opened : demo_range(d, opened, c->day0);
		if (demo_call(d, c, demo_past(d, NULL, day), err) != 0)
			return 1;
	}
	return 0;
}

/* The records of each stage reached; the data layer moves the status on. */
static int
demo_case_steps(struct demo *d, struct demo_case *c, char **err)
{
	db_set_user(d->ctx->db, demo_staff(d, "counsellor"));
	d->day = c->day0;
	if (demo_registration(d, c, err) != 0 || demo_consent(d, c, err) != 0)
		return 1;
	if (c->stage >= CASE_COUNSELLING && demo_sessions(d, c, err) != 0)
		return 1;
	if (c->stage >= CASE_PREPARING && demo_return_prep(d, c, err) != 0)
		return 1;
	if (c->stage >= CASE_DEPARTED && demo_departure(d, c, err) != 0)
		return 1;
	if (c->stage >= CASE_REINTEGRATION && demo_reintegration(d, c, err) != 0)
		return 1;
	return 0;
}

int
demo_case(struct demo *d, char **err)
{
	struct demo_case c;
	long calls, opened;
	char *msg;
	int rc;

	demo_case_plan(d, &c);
	calls = demo_range(d, 0, 2);
	opened = calls > 0 ? c.day0 - demo_range(d, 1, 30) : c.day0;
	db_set_user(d->ctx->db, demo_staff(d, "counsellor"));
	demo_at(d, opened);
	if (db_case_create(d->ctx->db, c.project->code, c.lang, &c.c, err) != DB_OK)
		return 1;
	rc = demo_case_calls(d, &c, calls, opened, err);
	if (rc == 0)
		rc = demo_case_steps(d, &c, err);
	if (rc == 0)
		rc = demo_case_calls(d, &c, demo_range(d, 0, 2), -1, err);
	if (rc == 0 && c.close_reason != NULL)
		rc = demo_closure(d, &c, err);
	if (rc != 0 && err != NULL && *err != NULL) {
		msg = xasprintf("%s: %s", c.c.case_no, *err);
		free(*err);
		*err = msg;
	}
	db_case_clear(&c.c);
	return rc;
}
