/*
 * bench_report: every report over an office-sized database. Makes (once, and
 * keeps) a demo database of BENCH_CASES cases (default 100000) at
 * BENCH_REPORT_DB (default build/bench/report-CASES.db), then runs each report
 * for the current year and every project BENCH_RUNS times (default 5) and
 * prints the median and the worst beside the target (300 ms); with
 * BENCH_PROFILE=1, each statement of a run that took 20 ms or more, and how
 * long. Numbers go in notes; nothing is asserted.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "db/internal.h"
#include "db/report.h"
#include "demo/demo.h"
#include "util/date.h"
#include "util/mem.h"

#define BENCH_TARGET_MS	300.0

static double
bench_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int
bench_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* BENCH_PROFILE: the statements that take 20 ms or more. */
static int
bench_profile(unsigned type, void *arg, void *p, void *x)
{
	long long ns = *(const long long *)x;
	const char *sql = sqlite3_sql(p);

	(void)type;
	(void)arg;
	if (ns >= 20000000LL)
		printf("    %8.1f ms  %.150s\n", (double)ns / 1e6, sql != NULL ? sql : "?");
	return 0;
}

/* A new database filled by the demo (one transaction). */
static int
bench_fill(struct cmd_ctx *ctx, long cases)
{
	struct demo_ctx dc = { .db = ctx->db, .forms = ctx->forms, .expr = ctx->expr };
	struct demo_stats stats = { 0 };
	double t0 = bench_now();

	printf("making %s: %ld demo cases (kept for the next runs)\n", ctx->db_path, cases);
	fflush(stdout);
	if (demo_fill(&dc, cases, 1, &stats, NULL) != 0)
		return 1;
	printf("%-40s %10.1f s\n", "demo fill", bench_now() - t0);
	demo_stats_free(&stats);
	return 0;
}

/* Runs report name runs times; ms[] gets each run's time. */
static int
bench_report(struct db *db, const char *name, const struct db_report_filter *f, int runs,
    double *ms)
{
	struct db_report rep;
	char *err = NULL;
	double t0;
	int i;

	for (i = 0; i < runs; i++) {
		t0 = bench_now();
		if (db_report_run(db, name, f, &rep, &err) != DB_OK) {
			fprintf(stderr, "%s: %s\n", name, err != NULL ? err : "failed");
			free(err);
			return 1;
		}
		ms[i] = (bench_now() - t0) * 1000.0;
		db_report_clear(&rep);
	}
	qsort(ms, (size_t)runs, sizeof *ms, bench_cmp);
	return 0;
}

int
main(void)
{
	const char *env = getenv("BENCH_CASES"), *runs_env = getenv("BENCH_RUNS");
	const char *path_env = getenv("BENCH_REPORT_DB"), *name, *title;
	long cases = env != NULL ? atol(env) : 100000;
	int runs = runs_env != NULL ? atoi(runs_env) : 5, rc = 0;
	struct cmd_ctx ctx = { 0 };
	struct date today = date_today();
	char from[DATE_LEN], to[DATE_LEN], *path;
	struct db_report_filter f = { NULL, from, to };
	double *ms;
	bool made;
	size_t i;

	runs = runs < 1 ? 1 : runs;
	path = path_env != NULL ? xstrdup(path_env) : xasprintf("build/bench/report-%ld.db", cases);
	made = access(path, F_OK) != 0;
	ctx.db_path = path;
	if (cmd_open(&ctx, DB_OPEN_CREATE) != 0)
		return 1;
	db_set_user(ctx.db, "bench");
	if (made && bench_fill(&ctx, cases) != 0)
		return 1;
	if (getenv("BENCH_PROFILE") != NULL)
		sqlite3_trace_v2(ctx.db->sql, SQLITE_TRACE_PROFILE, bench_profile, NULL);
	snprintf(from, sizeof from, "%04d-01-01", today.y);
	snprintf(to, sizeof to, "%04d-12-31", today.y);
	printf("reports over %s (%ld cases), %s to %s, every project, %d runs\n", path, cases,
	    from, to, runs);
	printf("%-16s %12s %12s %12s\n", "report", "median ms", "worst ms", "target ms");
	ms = xcalloc((size_t)runs, sizeof *ms);
	for (i = 0; rc == 0 && db_report_nth(i, &name, &title); i++) {
		rc = bench_report(ctx.db, name, &f, runs, ms);
		if (rc == 0)
			printf("%-16s %12.1f %12.1f %12.0f%s\n", name, ms[runs / 2], ms[runs - 1],
			    BENCH_TARGET_MS, ms[runs / 2] > BENCH_TARGET_MS ? "  missed" : "");
	}
	free(ms);
	cmd_close(&ctx);
	free(path);
	return rc;
}
