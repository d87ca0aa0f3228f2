/*
 * demo/demo_return: counselling sessions, return preparation (travel document
 * and the flights home) and the departure of a case.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "demo/demo_int.h"
#include "util/str.h"

static const char *const demo_kinds[] = { "pre_return", "return", "reintegration" };
static const char *const demo_topics[] = {
	"programme eligibility consent", "documents travel allowance legal_status",
	"reintegration plan family origin health",
};

static void
demo_needs(struct demo *d, struct form_record *rec, struct demo_case *c)
{
	static const struct demo_w edu[] = { { "none", 5 }, { "primary", 15 },
	    { "secondary", 45 }, { "vocational", 25 }, { "university", 10 }, { NULL, 0 } };
	static const struct demo_w idea[] = { { "business", 45 }, { "studies", 10 },
	    { "job", 25 }, { "other", 5 }, { "undecided", 15 }, { NULL, 0 } };

	c->idea = demo_weighted(d, idea);
	demo_pick_w(d, rec, "education", edu);
	demo_set(d, rec, "work_experience", demo_text(d, "work"));
	demo_set(d, rec, "skills", demo_text(d, "skills"));
	demo_set(d, rec, "family_situation", demo_text(d, "household"));
	demo_set(d, rec, "health", demo_text(d, "health"));
	demo_pick(d, rec, "idea", c->idea);
	demo_set(d, rec, "idea_description", demo_text(d, "idea"));
}

static int
demo_session(struct demo *d, struct demo_case *c, int kind, long day,
    char **err)
{
	static const struct demo_w mode[] = { { "in_person", 60 }, { "phone", 25 },
	    { "video", 15 }, { NULL, 0 } };
	struct form_record *rec = demo_stage(d, WFS_SESSION, c->c.id);
	bool facility = !str_eq(c->location, "private_address") && !str_eq(c->location, "other");

	if (rec == NULL)
		return 0;
	demo_pick(d, rec, demo_f(d, WFR_SESSION_KIND), demo_kinds[kind]);
	demo_date(d, rec, demo_f(d, WFR_SESSION_DATE), demo_past(d, c, day));
	demo_pick_w(d, rec, demo_f(d, WFR_SESSION_MODE), mode);
	demo_pick(d, rec, DEMO_OWN(session, "place"), facility ? c->location : "office");
	demo_set(d, rec, DEMO_OWN(session, "interpreter"), c->interpreter ? "yes" : "no");
	demo_pick(d, rec, demo_f(d, WFR_SESSION_INTERPRETER_LANG), c->lang);
	demo_pick(d, rec, "interpreter_mode", demo_chance(d, 40) ? "in_person" :
	    "conference");
	demo_many(d, rec, DEMO_OWN(session, "topics"), demo_topics[kind]);
	if (demo_chance(d, 80))
		demo_set(d, rec, "questions", demo_text(d, "questions"));
	demo_set(d, rec, demo_f(d, WFR_SESSION_NEXT), demo_text(d, "steps"));
	demo_setf(d, rec, DEMO_OWN(session, "duration_min"), "%ld",
	    15 * demo_range(d, 2, 8));
	if (kind == 2)
		demo_needs(d, rec, c);
	return demo_save(d, rec, err);
}

int
demo_sessions(struct demo *d, struct demo_case *c, char **err)
{
	static const long from[] = { 0, 5, 12 }, to[] = { 2, 15, 25 };
	int n = c->stage >= CASE_DEPARTED ? 3 : c->stage >= CASE_PREPARING ?
	    (int)demo_range(d, 2, 3) : (int)demo_range(d, 1, 2);
	int k;

	c->idea = "undecided";
	db_set_user(d->ctx->db, demo_staff(d, "counsellor"));
	for (k = 0; k < n; k++)
		if (demo_session(d, c, k, c->day0 + demo_range(d, from[k], to[k]),
		    err) != 0)
			return 1;
	return 0;
}

static void
demo_document(struct demo *d, struct form_record *rec, struct demo_case *c)
{
	static const struct demo_w doc[] = { { "passport", 35 }, { "replacement", 60 },
	    { "other", 5 }, { NULL, 0 } };
	const char *kind = demo_weighted(d, doc);
	long asked = c->day0 + demo_range(d, 8, 15);
	long issued = asked + demo_range(d, 10, 30);

	demo_pick(d, rec, demo_f(d, WFR_PREP_DOC), kind);
	demo_set(d, rec, demo_f(d, WFR_PREP_DOC_OTHER), "Laissez-passer of the embassy");
	demo_setf(d, rec, demo_f(d, WFR_PREP_PASSPORT_NO), "%c%c%07ld",
	    (int)demo_range(d, 'A', 'Z'), (int)demo_range(d, 'A', 'Z'),
	    demo_range(d, 0, 9999999));
	demo_pick(d, rec, demo_f(d, WFR_PREP_EMBASSY), c->nat->country);
	c->depart = str_eq(kind, "passport") ? c->day0 + demo_range(d, 20, 40) :
	    issued + demo_range(d, 5, 15);
	demo_date(d, rec, demo_f(d, WFR_PREP_EXPIRY),
	    (c->depart > d->today ? c->depart : d->today) + demo_range(d, 200, 2500));
	demo_date(d, rec, demo_f(d, WFR_PREP_REQUESTED), demo_past(d, c, asked));
	/* A case still in preparation may wait for its document. */
	if (issued <= d->today && (c->stage > CASE_PREPARING || demo_chance(d, 60)))
		demo_date(d, rec, demo_f(d, WFR_PREP_ISSUED), demo_past(d, c, issued));
}

static void
demo_flights(struct demo *d, struct form_record *rec, struct demo_case *c)
{
	const struct demo_leg *route = c->nat->routes[demo_range(d, 0,
	    (long)c->nat->nroutes - 1)];
	struct form_record *row;
	int k;

	for (k = 0; k < DEMO_LEGS && route[k].from != NULL; k++) {
		if ((row = demo_row(d, rec, demo_f(d, WFR_PREP_FLIGHTS))) == NULL)
			return;
		demo_date(d, row, demo_f(d, WFR_FLIGHT_DATE), c->depart);
		demo_set(d, row, demo_f(d, WFR_FLIGHT_FROM), route[k].from);
		demo_set(d, row, demo_f(d, WFR_FLIGHT_TO), route[k].to);
		if (route[k].carrier != NULL)
			demo_setf(d, row, demo_f(d, WFR_FLIGHT_NO), "%s %ld",
			    route[k].carrier, demo_range(d, 100, 1999));
	}
	demo_set(d, rec, "transit", k > 1 ? "yes" : "no");
}

int
demo_return_prep(struct demo *d, struct demo_case *c, char **err)
{
	static const struct demo_w escort[] = { { "none", 92 }, { "operational", 5 },
	    { "medical", 3 }, { NULL, 0 } };
	struct form_record *rec = demo_stage(d, WFS_PREP, c->c.id);

	db_set_user(d->ctx->db, demo_staff(d, "return"));
	if (rec == NULL)
		return 0;
	demo_document(d, rec, c);
	demo_flights(d, rec, c);
	demo_pick_w(d, rec, "escort", escort);
	demo_set(d, rec, "airport_transport", demo_chance(d, 80) ? "yes" : "no");
	demo_set(d, rec, "arrival_reception", demo_chance(d, 70) ? "yes" : "no");
	demo_money(d, rec, demo_f(d, WFR_PREP_ALLOWANCE),
	    50.0 * (double)demo_range(d, 4, 10), "EUR");
	if (c->stage >= CASE_DEPARTED)
		demo_date(d, rec, demo_f(d, WFR_PREP_ALLOWANCE_PAID),
		    demo_past(d, c, c->depart));
	if (demo_chance(d, 15))
		demo_set(d, rec, "medical_needs", demo_text(d, "medical_needs"));
	if (demo_chance(d, 5))
		demo_set(d, rec, "accommodation_needs",
		    "Shelter for one night before the early flight.");
	return demo_save(d, rec, err);
}

int
demo_departure(struct demo *d, struct demo_case *c, char **err)
{
	struct form_record *rec = demo_stage(d, WFS_DEPARTURE, c->c.id);
	bool confirmed = c->stage > CASE_DEPARTED || demo_chance(d, 85);

	if (rec == NULL)
		return 0;
	demo_date(d, rec, demo_f(d, WFR_DEP_ON), demo_past(d, c, c->depart));
	demo_set(d, rec, demo_f(d, WFR_DEP_ARRIVED), confirmed ? "yes" : "no");
	demo_date(d, rec, demo_f(d, WFR_DEP_CONFIRMED_ON), demo_past(d, c, c->depart +
	    demo_range(d, 0, 3)));
	demo_pick(d, rec, demo_f(d, WFR_DEP_CONFIRMED_BY), c->nat->country);
	demo_set(d, rec, "reception", demo_chance(d, 75) ? "yes" : "no");
	demo_set(d, rec, "onward_transport", demo_chance(d, 50) ? "yes" : "no");
	demo_set(d, rec, "final_address", c->nat->places[demo_range(d, 0,
	    (long)c->nat->nplaces - 1)]);
	return demo_save(d, rec, err);
}
