#include "bench/bench.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "db/users.h"
#include "demo/demo.h"
#include "util/mem.h"

double
bench_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

long
bench_env(const char *name, long dflt)
{
	const char *v = getenv(name);
	long n = v != NULL ? atol(v) : 0;

	return n > 0 ? n : dflt;
}

const char *
bench_env_str(const char *name, const char *dflt)
{
	const char *v = getenv(name);

	return v != NULL && *v != '\0' ? v : dflt;
}

/* ---- runs --- */

void
bench_runs_add(struct bench_runs *r, double v)
{
	r->v = xgrow(r->v, &r->cap, r->n + 1, sizeof *r->v);
	r->v[r->n++] = v;
	r->sorted = false;
}

static int
bench_cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static void
bench_runs_sort(struct bench_runs *r)
{
	if (!r->sorted && r->n > 1)
		qsort(r->v, r->n, sizeof *r->v, bench_cmp_double);
	r->sorted = true;
}

double
bench_runs_median(struct bench_runs *r)
{
	if (r->n == 0)
		return 0;
	bench_runs_sort(r);
	return r->n % 2 ? r->v[r->n / 2] : (r->v[r->n / 2 - 1] + r->v[r->n / 2]) / 2;
}

double
bench_runs_worst(struct bench_runs *r)
{
	if (r->n == 0)
		return 0;
	bench_runs_sort(r);
	return r->v[r->n - 1];
}

double
bench_runs_least(struct bench_runs *r)
{
	if (r->n == 0)
		return 0;
	bench_runs_sort(r);
	return r->v[0];
}

double
bench_runs_pct(struct bench_runs *r, double p)
{
	size_t k;

	if (r->n == 0)
		return 0;
	bench_runs_sort(r);
	k = (size_t)(p / 100.0 * (double)r->n + 0.999999);
	return r->v[k == 0 ? 0 : (k > r->n ? r->n : k) - 1];
}

void
bench_runs_free(struct bench_runs *r)
{
	free(r->v);
	memset(r, 0, sizeof *r);
}

/* ---- the demo databases --- */

static int
bench_demo_fill(struct cmd_ctx *ctx, long cases)
{
	struct demo_ctx dc = { .db = ctx->db, .forms = ctx->forms, .expr = ctx->expr };
	struct demo_stats stats = { 0 };
	char *err = NULL;
	double t0 = bench_ms();

	printf("making %s: %ld demo cases (kept for the next runs)\n", ctx->db_path, cases);
	fflush(stdout);
	if (demo_fill(&dc, cases, 1, &stats, &err) != 0) {
		fprintf(stderr, "bench: %s: %s\n", ctx->db_path, err != NULL ? err : "demo failed");
		free(err);
		demo_stats_free(&stats);
		return 1;
	}
	printf("demo fill of %ld cases: %.1f s\n", cases, (bench_ms() - t0) / 1000.0);
	demo_stats_free(&stats);
	return 0;
}

int
bench_demo_open(struct cmd_ctx *ctx, const char *path, long cases, const char *user)
{
	char *err = NULL;

	ctx->db_path = path;
	ctx->quiet = true;
	/* a kept database made by an older avrr is brought up to date as init
	 * would (its schema, what falls due) */
	if (cmd_open(ctx, access(path, F_OK) == 0 ? DB_OPEN_INIT : DB_OPEN_CREATE) != 0)
		return 1;
	db_set_user(ctx->db, "bench");
	if (db_created(ctx->db) && bench_demo_fill(ctx, cases) != 0)
		return 1;
	if (!db_users_test_db(ctx->db) && db_users_mark_test(ctx->db, &err) != DB_OK) {
		fprintf(stderr, "bench: %s: %s\n", path, err != NULL ? err : "not marked");
		free(err);
		return 1;
	}
	db_set_user(ctx->db, user);
	return 0;
}

int
bench_db_copy(const char *from, const char *to)
{
	sqlite3 *src = NULL, *dst = NULL;
	sqlite3_backup *b;
	int rc = SQLITE_ERROR;

	bench_db_remove(to);
	if (sqlite3_open_v2(from, &src, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    sqlite3_open(to, &dst) == SQLITE_OK &&
	    (b = sqlite3_backup_init(dst, "main", src, "main")) != NULL) {
		sqlite3_backup_step(b, -1);
		rc = sqlite3_backup_finish(b);
	}
	if (rc != SQLITE_OK)
		fprintf(stderr, "bench: copying %s to %s: %s\n", from, to,
		    sqlite3_errmsg(dst != NULL ? dst : src));
	sqlite3_close(dst);
	sqlite3_close(src);
	return rc == SQLITE_OK ? 0 : 1;
}

void
bench_db_remove(const char *path)
{
	char *side;

	unlink(path);
	side = xasprintf("%s-wal", path);
	unlink(side);
	free(side);
	side = xasprintf("%s-shm", path);
	unlink(side);
	free(side);
}
