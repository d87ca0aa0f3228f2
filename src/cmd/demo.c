/*
 * cmd/demo: avrr demo [--db FILE] [--cases N] [--seed S]: the values of --cases
 * and --seed, the random numbers, and the loop that writes batches of cases.
 */
#include "cmd/demo.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/demo_int.h"
#include "db/bulk.h"
#include "util/mem.h"
#include "util/str.h"
#include "util/tr.h"

#define CMD_DEMO_CASES	200

/* splitmix64: small, fast, and the same everywhere. */
uint64_t
cmd_demo_next(struct cmd_demo *d)
{
	uint64_t z = (d->rng += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

long
cmd_demo_range(struct cmd_demo *d, long lo, long hi)
{
	if (hi <= lo)
		return lo;
	return lo + (long)(cmd_demo_next(d) % (uint64_t)(hi - lo + 1));
}

bool
cmd_demo_chance(struct cmd_demo *d, int percent)
{
	return cmd_demo_range(d, 0, 99) < percent;
}

const char *
cmd_demo_weighted(struct cmd_demo *d, const struct cmd_demo_w *w)
{
	long total = 0, r;
	size_t i;

	for (i = 0; w[i].code != NULL; i++)
		total += w[i].weight;
	r = cmd_demo_range(d, 0, total - 1);
	for (i = 0; w[i + 1].code != NULL && r >= w[i].weight; i++)
		r -= w[i].weight;
	return w[i].code;
}

/* Projects of the last years, named after today's year, so cases fall in one. */
static void
cmd_demo_plan_projects(struct cmd_demo *d)
{
	struct date today = date_from_days(d->today);
	struct date a = { today.y - 3, 1, 1 }, b = { today.y - 1, 6, 30 };
	struct date c = { today.y - 1, 7, 1 }, e = { today.y, 6, 30 };
	struct date f = { today.y, 7, 1 }, g = { today.y + 2, 6, 30 };
	struct cmd_demo_project *p = d->projects;

	snprintf(p[0].code, sizeof p[0].code, "AMIF-%d-01", a.y);
	p[0].from = date_to_days(&a), p[0].to = date_to_days(&b);
	p[0].grant = 3000, p[0].limit = 2500;
	snprintf(p[1].code, sizeof p[1].code, "MV-SR-%d", c.y);
	p[1].from = date_to_days(&c), p[1].to = date_to_days(&e);
	p[1].grant = 2000, p[1].limit = 1500;
	snprintf(p[2].code, sizeof p[2].code, "AMIF-%d-01", f.y);
	p[2].from = date_to_days(&f), p[2].to = date_to_days(&g);
	p[2].grant = 3500, p[2].limit = 3000;
}

/* True when the database holds no case yet (then the projects are written). */
static bool
cmd_demo_db_empty(struct cmd_demo *d)
{
	struct db_case *c = NULL;
	size_t n = 0;

	if (db_case_recent(d->ctx->db, 1, &c, &n, NULL) != DB_OK)
		return false;
	db_case_free_array(c, n);
	return n == 0;
}

/* Calls nobody turned into a case, and the campaign, spread over the cases. */
static int
cmd_demo_extras(struct cmd_demo *d, long i, long cases, char **err)
{
	long k, calls = (i + 1) * 3 / 5 - i * 3 / 5;
	long acts = (i + 1) / 8 - i / 8 + (i < 12 && cases < 96 ? 1 : 0);

	for (k = 0; k < calls; k++)
		if (cmd_demo_call(d, NULL, d->today - cmd_demo_range(d, 0, 1000), err) != 0)
			return 1;
	for (k = 0; k < acts; k++)
		if (cmd_demo_campaign(d, err) != 0)
			return 1;
	return 0;
}

static int
cmd_demo_batches(struct cmd_demo *d, long cases, char **err)
{
	struct db *db = d->ctx->db;
	long i;

	if (db_bulk_begin(db, err) != DB_OK)
		return 1;
	if (cmd_demo_office(d, cmd_demo_db_empty(d), err) != 0)
		goto fail;
	for (i = 0; i < cases; i++) {
		if (cmd_demo_case(d, err) != 0 || cmd_demo_extras(d, i, cases, err) != 0)
			goto fail;
		d->stats->cases++;
	}
	return db_bulk_commit(db, err) == DB_OK ? 0 : 1;
fail:
	db_bulk_abort(db);
	return 1;
}

int
cmd_demo_fill(struct cmd_ctx *ctx, long cases, unsigned long seed,
    struct cmd_demo_stats *stats, char **err)
{
	struct cmd_demo d = { .ctx = ctx, .stats = stats, .rng = seed };
	struct date today = date_today();
	char *user = xstrdup(db_user(ctx->db));
	int rc;

	memset(stats, 0, sizeof *stats);
	d.today = date_to_days(&today);
	cmd_demo_plan_projects(&d);
	d.day = d.clock_day = d.today;
	rc = cmd_demo_batches(&d, cases, err);
	date_clock_set(NULL);
	db_set_user(ctx->db, user);
	free(user);
	return rc;
}

void
cmd_demo_stats_free(struct cmd_demo_stats *s)
{
	size_t i;

	for (i = 0; i < s->nwarnings; i++)
		free(s->warnings[i]);
	free(s->warnings);
	memset(s, 0, sizeof *s);
}

/* A positive integer, all of the text; false otherwise. */
static bool
cmd_demo_number(const char *s, long *out)
{
	char *end;
	long v;

	if (s == NULL || *s < '0' || *s > '9')
		return false;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || *end != '\0')
		return false;
	*out = v;
	return true;
}

/* --cases and --seed, when given; 0, or 2 after a usage message. */
static int
cmd_demo_args(const struct cmd_args *a, long *cases, long *seed)
{
	const char *v;

	if ((v = cmd_opt_get(a, "cases")) != NULL && (!cmd_demo_number(v, cases) || *cases <= 0))
		return cmd_opt_error(a->spec, _("--cases: '%s' is not a positive whole number"), v);
	if ((v = cmd_opt_get(a, "seed")) != NULL && !cmd_demo_number(v, seed))
		return cmd_opt_error(a->spec, _("--seed: '%s' is not a whole number"), v);
	return 0;
}

int
cmd_demo(const struct cmd_args *a)
{
	struct cmd_ctx ctx = { .db_path = cmd_opt_get(a, "db") };
	struct cmd_demo_stats stats;
	long cases = CMD_DEMO_CASES, seed = 1;
	char *err = NULL;
	size_t i;
	int rc;

	if (cmd_demo_args(a, &cases, &seed) != 0)
		return 2;
	if ((rc = cmd_open(&ctx, DB_OPEN_CREATE)) != 0)
		return rc;
	rc = cmd_demo_fill(&ctx, cases, (unsigned long)seed, &stats, &err);
	for (i = 0; i < stats.nwarnings; i++)
		cmd_error("%s", stats.warnings[i]);
	if (rc != 0)
		cmd_error("%s", err != NULL ? err : ctx.db_path);
	else
		printf(_("%s: %ld cases, %ld records\n"), ctx.db_path, stats.cases,
		    stats.records);
	free(err);
	cmd_demo_stats_free(&stats);
	cmd_close(&ctx);
	return rc;
}
