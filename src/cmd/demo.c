/*
 * cmd/demo: avrr demo [--db FILE] [--cases N] [--seed S]: the values of --cases
 * and --seed, and what the generator (src/demo) did, printed.
 */
#include "cmd/cmd.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "demo/demo.h"
#include "util/tr.h"

#define CMD_DEMO_CASES	200

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
	struct demo_ctx dc;
	struct demo_stats stats;
	long cases = CMD_DEMO_CASES, seed = 1;
	char *err = NULL;
	size_t i;
	int rc;

	if (cmd_demo_args(a, &cases, &seed) != 0)
		return 2;
	if ((rc = cmd_open(&ctx, DB_OPEN_CREATE)) != 0)
		return rc;
	dc = (struct demo_ctx){ .db = ctx.db, .forms = ctx.forms, .expr = ctx.expr };
	rc = demo_fill(&dc, cases, (unsigned long)seed, &stats, &err);
	for (i = 0; i < stats.nwarnings; i++)
		cmd_error("%s", stats.warnings[i]);
	if (rc != 0)
		cmd_error("%s", err != NULL ? err : ctx.db_path);
	else
		printf(_("%s: %ld cases, %ld records\n"), ctx.db_path, stats.cases,
		    stats.records);
	free(err);
	demo_stats_free(&stats);
	cmd_close(&ctx);
	return rc;
}
