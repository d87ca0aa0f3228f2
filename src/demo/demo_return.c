/*
 * demo/demo_return: counselling sessions, return preparation (travel document
 * and the flights home) and the departure of a case.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "demo/demo_int.h"
#include "util/str.h"

static const char *const cmd_demo_kinds[] = { "pre_return", "return", "reintegration" };
static const char *const cmd_demo_topics[] = {
	"programme eligibility consent", "documents travel allowance legal_status",
	"reintegration plan family origin health",
};

static void
cmd_demo_needs(struct cmd_demo *d, struct form_record *rec, struct cmd_demo_case *c)
{
	static const struct cmd_demo_w edu[] = { { "none", 5 }, { "primary", 15 },
	    { "secondary", 45 }, { "vocational", 25 }, { "university", 10 }, { NULL, 0 } };
	static const struct cmd_demo_w idea[] = { { "business", 45 }, { "studies", 10 },
	    { "job", 25 }, { "other", 5 }, { "undecided", 15 }, { NULL, 0 } };

	c->idea = cmd_demo_weighted(d, idea);
	cmd_demo_pick_w(d, rec, "education", edu);
	cmd_demo_set(d, rec, "work_experience", cmd_demo_text(d, "work"));
	cmd_demo_set(d, rec, "skills", cmd_demo_text(d, "skills"));
	cmd_demo_set(d, rec, "family_situation", cmd_demo_text(d, "family"));
	cmd_demo_set(d, rec, "health", cmd_demo_text(d, "health"));
	cmd_demo_pick(d, rec, "idea", c->idea);
	cmd_demo_set(d, rec, "idea_description", cmd_demo_text(d, "idea"));
}

static int
cmd_demo_session(struct cmd_demo *d, struct cmd_demo_case *c, int kind, long day,
    char **err)
{
	static const struct cmd_demo_w mode[] = { { "in_person", 60 }, { "phone", 25 },
	    { "video", 15 }, { NULL, 0 } };
	struct form_record *rec = cmd_demo_record(d, "session", c->c.id);
	bool facility = !str_eq(c->location, "private_address") && !str_eq(c->location, "other");

	if (rec == NULL)
		return 0;
	cmd_demo_pick(d, rec, "kind", cmd_demo_kinds[kind]);
	cmd_demo_date(d, rec, "session_date", cmd_demo_past(d, c, day));
	cmd_demo_pick_w(d, rec, "mode", mode);
	cmd_demo_pick(d, rec, "place", facility ? c->location : "office");
	cmd_demo_set(d, rec, "interpreter", c->interpreter ? "yes" : "no");
	cmd_demo_pick(d, rec, "interpreter_language", c->lang);
	cmd_demo_pick(d, rec, "interpreter_mode", cmd_demo_chance(d, 40) ? "in_person" :
	    "conference");
	cmd_demo_many(d, rec, "topics", cmd_demo_topics[kind]);
	if (cmd_demo_chance(d, 80))
		cmd_demo_set(d, rec, "questions", cmd_demo_text(d, "questions"));
	cmd_demo_set(d, rec, "next_steps", cmd_demo_text(d, "next_steps"));
	cmd_demo_setf(d, rec, "duration_min", "%ld", 15 * cmd_demo_range(d, 2, 8));
	if (kind == 2)
		cmd_demo_needs(d, rec, c);
	return cmd_demo_save(d, rec, err);
}

int
cmd_demo_sessions(struct cmd_demo *d, struct cmd_demo_case *c, char **err)
{
	static const long from[] = { 0, 5, 12 }, to[] = { 2, 15, 25 };
	int n = c->stage >= CASE_DEPARTED ? 3 : c->stage >= CASE_PREPARING ?
	    (int)cmd_demo_range(d, 2, 3) : (int)cmd_demo_range(d, 1, 2);
	int k;

	c->idea = "undecided";
	db_set_user(d->ctx->db, cmd_demo_staff(d, "counsellor"));
	for (k = 0; k < n; k++)
		if (cmd_demo_session(d, c, k, c->day0 + cmd_demo_range(d, from[k], to[k]),
		    err) != 0)
			return 1;
	return 0;
}

static void
cmd_demo_document(struct cmd_demo *d, struct form_record *rec, struct cmd_demo_case *c)
{
	static const struct cmd_demo_w doc[] = { { "passport", 35 }, { "replacement", 60 },
	    { "other", 5 }, { NULL, 0 } };
	const char *kind = cmd_demo_weighted(d, doc);
	long asked = c->day0 + cmd_demo_range(d, 8, 15);
	long issued = asked + cmd_demo_range(d, 10, 30);

	cmd_demo_pick(d, rec, "travel_doc", kind);
	cmd_demo_set(d, rec, "travel_doc_other", "Laissez-passer of the embassy");
	cmd_demo_setf(d, rec, "passport_no", "%c%c%07ld", (int)cmd_demo_range(d, 'A', 'Z'),
	    (int)cmd_demo_range(d, 'A', 'Z'), cmd_demo_range(d, 0, 9999999));
	cmd_demo_pick(d, rec, "embassy", c->nat->country);
	c->depart = str_eq(kind, "passport") ? c->day0 + cmd_demo_range(d, 20, 40) :
	    issued + cmd_demo_range(d, 5, 15);
	cmd_demo_date(d, rec, "passport_expiry", (c->depart > d->today ? c->depart : d->today) +
	    cmd_demo_range(d, 200, 2500));
	cmd_demo_date(d, rec, "requested_on", cmd_demo_past(d, c, asked));
	/* A case still in preparation may wait for its document. */
	if (issued <= d->today && (c->stage > CASE_PREPARING || cmd_demo_chance(d, 60)))
		cmd_demo_date(d, rec, "issued_on", cmd_demo_past(d, c, issued));
}

static void
cmd_demo_flights(struct cmd_demo *d, struct form_record *rec, struct cmd_demo_case *c)
{
	const struct cmd_demo_leg *route = c->nat->routes[cmd_demo_range(d, 0,
	    (long)c->nat->nroutes - 1)];
	struct form_record *row;
	int k;

	for (k = 0; k < CMD_DEMO_LEGS && route[k].from != NULL; k++) {
		if ((row = cmd_demo_row(d, rec, "flights")) == NULL)
			return;
		cmd_demo_date(d, row, "flight_date", c->depart);
		cmd_demo_set(d, row, "from_airport", route[k].from);
		cmd_demo_set(d, row, "to_airport", route[k].to);
		if (route[k].carrier != NULL)
			cmd_demo_setf(d, row, "flight_no", "%s %ld", route[k].carrier,
			    cmd_demo_range(d, 100, 1999));
	}
	cmd_demo_set(d, rec, "transit", k > 1 ? "yes" : "no");
}

int
cmd_demo_return_prep(struct cmd_demo *d, struct cmd_demo_case *c, char **err)
{
	static const struct cmd_demo_w escort[] = { { "none", 92 }, { "operational", 5 },
	    { "medical", 3 }, { NULL, 0 } };
	struct form_record *rec = cmd_demo_record(d, "return_prep", c->c.id);

	db_set_user(d->ctx->db, cmd_demo_staff(d, "return"));
	if (rec == NULL)
		return 0;
	cmd_demo_document(d, rec, c);
	cmd_demo_flights(d, rec, c);
	cmd_demo_pick_w(d, rec, "escort", escort);
	cmd_demo_set(d, rec, "airport_transport", cmd_demo_chance(d, 80) ? "yes" : "no");
	cmd_demo_set(d, rec, "arrival_reception", cmd_demo_chance(d, 70) ? "yes" : "no");
	cmd_demo_money(d, rec, "allowance", 50.0 * (double)cmd_demo_range(d, 4, 10), "EUR");
	if (c->stage >= CASE_DEPARTED)
		cmd_demo_date(d, rec, "allowance_paid_on", cmd_demo_past(d, c, c->depart));
	if (cmd_demo_chance(d, 15))
		cmd_demo_set(d, rec, "medical_needs", cmd_demo_text(d, "medical_needs"));
	if (cmd_demo_chance(d, 5))
		cmd_demo_set(d, rec, "accommodation_needs",
		    "Shelter for one night before the early flight.");
	return cmd_demo_save(d, rec, err);
}

int
cmd_demo_departure(struct cmd_demo *d, struct cmd_demo_case *c, char **err)
{
	struct form_record *rec = cmd_demo_record(d, "departure", c->c.id);
	bool confirmed = c->stage > CASE_DEPARTED || cmd_demo_chance(d, 85);

	if (rec == NULL)
		return 0;
	cmd_demo_date(d, rec, "departed_on", cmd_demo_past(d, c, c->depart));
	cmd_demo_set(d, rec, "arrival_confirmed", confirmed ? "yes" : "no");
	cmd_demo_date(d, rec, "confirmed_on", cmd_demo_past(d, c, c->depart +
	    cmd_demo_range(d, 0, 3)));
	cmd_demo_pick(d, rec, "confirmed_by", c->nat->country);
	cmd_demo_set(d, rec, "reception", cmd_demo_chance(d, 75) ? "yes" : "no");
	cmd_demo_set(d, rec, "onward_transport", cmd_demo_chance(d, 50) ? "yes" : "no");
	cmd_demo_set(d, rec, "final_address", c->nat->places[cmd_demo_range(d, 0,
	    (long)c->nat->nplaces - 1)]);
	return cmd_demo_save(d, rec, err);
}
