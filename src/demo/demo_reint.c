/*
 * demo/demo_reint: after the return: the reintegration plan and its items, the
 * payments to providers, monitoring by the mission, and the closure.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "demo/demo_int.h"
#include "db/cases.h"
#include "util/str.h"

/* The plan's item types follow the client's own idea. */
static void
demo_item_types(struct demo *d, struct demo_case *c)
{
	const char *first = "material", *second = demo_chance(d, 50) ? "medical" : "legal";

	if (str_eq(c->idea, "business"))
		first = "business", second = "material";
	else if (str_eq(c->idea, "studies"))
		first = "education", second = "accommodation";
	else if (str_eq(c->idea, "job"))
		first = "training", second = "job";
	c->nitems = 0;
	c->item_types[c->nitems++] = first;
	if (demo_chance(d, 55))
		c->item_types[c->nitems++] = second;
	if (demo_chance(d, 15))
		c->item_types[c->nitems++] = "accommodation";
	if (demo_chance(d, 10))
		c->item_types[c->nitems++] = "medical";
}

static void
demo_item(struct demo *d, struct form_record *plan, struct demo_case *c, int k)
{
	struct form_record *row = demo_row(d, plan, demo_f(d, WFR_PLAN_ITEMS));
	const char *type = c->item_types[k];
	bool local = !str_eq(type, "training") || demo_chance(d, 70);

	if (row == NULL)
		return;
	demo_pick(d, row, demo_f(d, WFR_ITEM_TYPE), type);
	demo_set(d, row, "description", demo_text(d, type));
	demo_set(d, row, demo_f(d, WFR_ITEM_PROVIDER), demo_provider(d, type, local));
	demo_pick(d, row, "provider_country", local ? c->nat->country : "SK");
	demo_money(d, row, demo_f(d, WFR_ITEM_BUDGET), c->budgets[k], "EUR");
	demo_set(d, row, "justification", demo_text(d, "justification"));
}

/* Budgets of the items: most to the first, all within the grant. */
static double
demo_budgets(struct demo *d, struct demo_case *c)
{
	double grant = c->project->grant, total = 0, left;
	int k;

	left = grant * (double)demo_range(d, 60, 100) / 100.0;
	for (k = 0; k < c->nitems; k++) {
		c->budgets[k] = k + 1 == c->nitems ? left :
		    left * (double)demo_range(d, 50, 80) / 100.0;
		c->budgets[k] = (double)(long)(c->budgets[k] / 10.0) * 10.0;
		left -= c->budgets[k];
		total += c->budgets[k];
	}
	return total;
}

/* Over the project's limit: a supervisor approves the saved plan. */
static void
demo_approve(struct demo *d, struct demo_case *c, struct form_record *plan,
    long day)
{
	const char *boss = demo_staff(d, "supervisor");

	demo_set(d, plan, demo_f(d, WFR_PLAN_APPROVED_BY), boss);
	demo_date(d, plan, demo_f(d, WFR_PLAN_APPROVED_ON),
	    demo_past(d, c, day + demo_range(d, 1, 6)));
	db_set_user(d->ctx->db, boss);
}

static int
demo_plan(struct demo *d, struct demo_case *c, char **err)
{
	struct form_record *rec = demo_stage(d, WFS_PLAN, c->c.id);
	bool before = demo_chance(d, 40);
	long day = before ? c->depart - demo_range(d, 2, 7) :
	    c->depart + demo_range(d, 10, 30);
	double total;
	int k;

	demo_item_types(d, c);
	total = demo_budgets(d, c);
	if (rec == NULL)
		return 0;
	demo_money(d, rec, demo_f(d, WFR_PLAN_GRANT), c->project->grant, "EUR");
	demo_date(d, rec, demo_f(d, WFR_PLAN_PREPARED), demo_past(d, c, day));
	demo_pick(d, rec, demo_f(d, WFR_PLAN_TIMING), before ? "before" : "after");
	for (k = 0; k < c->nitems; k++)
		demo_item(d, rec, c, k);
	if (total > c->project->limit) {
		if (demo_store(d, rec, err) != 0) {
			form_record_free(rec);
			return 1;
		}
		demo_approve(d, c, rec, day);
	}
	return demo_save(d, rec, err);
}

static int
demo_payment(struct demo *d, struct demo_case *c, int item, double eur, long day,
    char **err)
{
	struct form_record *rec = demo_stage(d, WFS_PAYMENT, c->c.id);
	bool local = demo_chance(d, 60) && c->nat->rate != 1.0;
	double rate = local ? c->nat->rate * (double)demo_range(d, 970, 1030) / 1000.0 : 1.0;
	struct date dt = date_from_days(day);
	char buf[32];

	if (rec == NULL)
		return 0;
	demo_setf(d, rec, demo_f(d, WFR_PAY_ITEM), "%d", item + 1);
	demo_date(d, rec, demo_f(d, WFR_PAY_ON), demo_past(d, c, day));
	demo_money(d, rec, demo_f(d, WFR_PAY_AMOUNT),
	    (double)(long)(eur / rate * 100.0 + 0.5) / 100.0,
	    local ? c->nat->currency : "EUR");
	demo_decimal(buf, sizeof buf, rate);
	demo_set(d, rec, demo_f(d, WFR_PAY_RATE), buf);
	demo_setf(d, rec, demo_f(d, WFR_PAY_INVOICE), "%s-%d/%04ld", c->nat->country, dt.y,
	    demo_range(d, 1, 9999));
	demo_pick(d, rec, "mission", c->nat->country);
	return demo_save(d, rec, err);
}

/* Items are paid in one or two parts; all of them once monitoring starts. */
static int
demo_payments(struct demo *d, struct demo_case *c, char **err)
{
	bool all = c->stage >= CASE_MONITORING;
	long day = c->depart + demo_range(d, 20, 50);
	double part;
	int k;

	for (k = 0; k < c->nitems; k++) {
		if (!all && !demo_chance(d, 50))
			continue;
		part = c->budgets[k] >= 1000 && demo_chance(d, 50) ?
		    (double)(long)(c->budgets[k] * 0.6) : c->budgets[k];
		if (demo_payment(d, c, k, part, day, err) != 0)
			return 1;
		if (part < c->budgets[k] && demo_payment(d, c, k, c->budgets[k] - part,
		    day + demo_range(d, 20, 60), err) != 0)
			return 1;
		day += demo_range(d, 3, 20);
	}
	return 0;
}

static void
demo_scores(struct demo *d, struct form_record *rec, long q)
{
	static const enum form_wf_role ind[] = { WFR_MON_ECO1, WFR_MON_ECO2, WFR_MON_ECO3,
	    WFR_MON_SOC1, WFR_MON_SOC2, WFR_MON_SOC3, WFR_MON_PSY1, WFR_MON_PSY2,
	    WFR_MON_PSY3 };
	long s;
	size_t i;

	for (i = 0; i < sizeof ind / sizeof ind[0]; i++) {
		s = q + demo_range(d, -1, 1);
		s = s < 1 ? 1 : s > 5 ? 5 : s;
		demo_pick_idx(d, rec, demo_f(d, ind[i]), (size_t)(s - 1));
	}
	demo_set(d, rec, "success_story", q >= 4 && demo_chance(d, 40) ? "yes" : "no");
}

static int
demo_monitoring(struct demo *d, struct demo_case *c, long day, long q,
    char **err)
{
	static const struct demo_w mode[] = { { "visit", 60 }, { "phone", 30 },
	    { "video", 10 }, { NULL, 0 } };
	static const struct demo_w state[] = { { "in_use", 70 }, { "partly", 20 },
	    { "not_used", 10 }, { NULL, 0 } };
	struct form_record *rec = demo_stage(d, WFS_MONITORING, c->c.id), *row;
	int k;

	if (rec == NULL)
		return 0;
	demo_date(d, rec, demo_f(d, WFR_MON_ON), demo_past(d, c, day));
	demo_pick_w(d, rec, demo_f(d, WFR_MON_MODE), mode);
	demo_pick(d, rec, "mission", c->nat->country);
	for (k = 0; k < c->nitems; k++) {
		if ((row = demo_row(d, rec, demo_f(d, WFR_MON_ITEMS))) == NULL)
			break;
		demo_setf(d, row, demo_f(d, WFR_MON_ITEM_NO), "%d", k + 1);
		demo_pick_w(d, row, demo_f(d, WFR_MON_ITEM_STATE), state);
		if (demo_chance(d, 30))
			demo_set(d, row, "comment", demo_text(d, "monitoring"));
	}
	demo_scores(d, rec, q);
	demo_set(d, rec, "notes", demo_text(d, "monitoring"));
	return demo_save(d, rec, err);
}

int
demo_reintegration(struct demo *d, struct demo_case *c, char **err)
{
	const char *officer = demo_staff(d, "reintegration");
	long q, k;

	db_set_user(d->ctx->db, officer);
	if (demo_plan(d, c, err) != 0)
		return 1;
	db_set_user(d->ctx->db, officer);
	if (demo_payments(d, c, err) != 0)
		return 1;
	if (c->stage < CASE_MONITORING)
		return 0;
	q = demo_range(d, 2, 4);
	for (k = 0; k < c->nmon; k++)
		if (demo_monitoring(d, c, c->depart + 90 + 150 * k + demo_range(d, 0, 60),
		    q + (k > 0 && q < 4), err) != 0)
			return 1;
	return 0;
}

int
demo_closure(struct demo *d, struct demo_case *c, char **err)
{
	static const struct {
		const char	*reason;
		int		 note;	/* index of demo_closure_note() */
	} notes[] = { { "completed", 0 }, { "withdrawn", 1 }, { "no_show", 2 },
	    { "absconded", 3 }, { "forced_return", 4 }, { "other", 5 } };
	struct form_record *rec = demo_stage(d, WFS_CLOSURE, c->c.id);
	size_t i;

	db_set_user(d->ctx->db, demo_staff(d, "supervisor"));
	if (rec == NULL)
		return 0;
	demo_date(d, rec, demo_f(d, WFR_CLOSE_ON), demo_past(d, c, c->last +
	    demo_range(d, 5, 30)));
	demo_pick(d, rec, demo_f(d, WFR_CLOSE_REASON), c->close_reason);
	demo_set(d, rec, demo_f(d, WFR_CLOSE_REASON_OTHER), "Moved to another EU country");
	for (i = 0; i < sizeof notes / sizeof notes[0]; i++)
		if (str_eq(notes[i].reason, c->close_reason))
			demo_set(d, rec, "notes", demo_closure_note(notes[i].note));
	return demo_save(d, rec, err);
}
