/*
 * bench_db: the data layer and expressions at office scale. Fills a database
 * with `avrr demo` data (BENCH_CASES, default 10000) and prints wall-clock
 * times: the fill, a search as typed (the hits, and with the count as the
 * Find screen reads both on a keystroke; spelling variants, part of a case
 * number), whether each spelling of a table finds its case, opening a case overview, a save with its
 * rules and audit, a duplicate check, and re-evaluating a form's logic after a
 * keystroke. Numbers go in notes; nothing is asserted.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench/bench.h"
#include "cmd/cmd.h"
#include "db/dupes.h"
#include "db/record.h"
#include "db/cases.h"
#include "db/search.h"
#include "db/timeline.h"
#include "demo/demo.h"
#include "i18n/conv.h"

#define BENCH(label, reps, body) do { \
	double t0_ = bench_ms(); \
	for (int r_ = 0; r_ < (reps); r_++) { body; } \
	printf("%-48s %10.3f ms\n", label, (bench_ms() - t0_) / (reps)); \
} while (0)

static void
bench_search(struct db *db, const char *q)
{
	struct db_hit *h = NULL;
	size_t n = 0;

	db_search(db, q, 200, &h, &n, NULL);
	db_hits_free(h, n);
}

/* A keystroke in Find: the hits shown and the count of all. */
static void
bench_keystroke(struct db *db, const char *q)
{
	size_t total = 0;

	bench_search(db, q);
	db_search_count(db, q, &total, NULL);
}

/* A case of the variants' table, registered as the program registers one. */
static int64_t
bench_person(struct cmd_ctx *ctx, const char *surname, const char *given)
{
	const struct form_def *reg = form_set_find(ctx->forms, "registration");
	struct form_record *rec = form_record_new(reg);
	struct db_case c;
	int64_t id = 0;

	if (db_case_create(ctx->db, NULL, NULL, &c, NULL) != DB_OK)
		return 0;
	rec->case_id = c.id;
	form_record_set(rec, (size_t)form_field_index(reg, "surname"), surname);
	form_record_set(rec, (size_t)form_field_index(reg, "given_names"), given);
	if (db_record_save(ctx->db, rec, NULL, NULL) == DB_OK)
		id = c.id;
	db_case_clear(&c);
	form_record_free(rec);
	return id;
}

/* Whether q lists case id among the 200 hits shown. */
static bool
bench_finds(struct db *db, const char *q, int64_t id)
{
	struct db_hit *h = NULL;
	size_t n = 0, i;
	bool found = false;

	db_search(db, q, 200, &h, &n, NULL);
	for (i = 0; i < n; i++)
		found = found || h[i].case_id == id;
	db_hits_free(h, n);
	return found;
}

/* The spellings of the issue, each looked for among the demo's cases. */
static void
bench_variants(struct cmd_ctx *ctx)
{
	static const struct {
		const char	*surname, *given, *query;
	} table[] = {
		{ "DUDAYEV", "Aslan", "dudaev aslan" }, { "DUDAYEV", "Aslan", "Дудаев" },
		{ "SMIRNOV", "Pyotr", "smirnow pyotr" }, { "NGUYEN", "Van Khanh", "Нгуен Ван Кхан" },
		{ "KHASANOV", "Timur", "hasanov timur" }, { "ALIYEV", "Ilham", "aliev ilham" },
		{ "SHEVCHENKO", "Yaroslav", "Schewtschenko Jaroslaw" },
		{ "ABDULAYEV", "Shamil", "abdoulaev shamil" },
	};
	size_t i, found = 0, n = sizeof table / sizeof table[0];
	int64_t id;

	for (i = 0; i < n; i++) {
		id = bench_person(ctx, table[i].surname, table[i].given);
		if (id != 0 && bench_finds(ctx->db, table[i].query, id))
			found++;
		else
			printf("  not found: '%s' (%s %s)\n", table[i].query, table[i].surname,
			    table[i].given);
	}
	printf("%-48s %6zu of %zu\n", "spellings that find their case", found, n);
	BENCH("search 'dudaev' (a spelling variant)", 50, bench_keystroke(ctx->db, "dudaev"));
	BENCH("search '301' (part of a case number)", 50, bench_keystroke(ctx->db, "301"));
}

static void
bench_summary(struct db *db, int64_t id)
{
	struct db_case_summary s;

	if (db_timeline_summary(db, id, &s, NULL) == DB_OK)
		db_timeline_summary_clear(&s);
}

static void
bench_dups(struct db *db, const struct form_record *reg)
{
	struct db_dup *d = NULL;
	size_t n = 0;

	db_dup_find(db, reg, i18n_fold_name, &d, &n, NULL);
	db_dup_free(d, n);
}

int
main(void)
{
	const char *env = getenv("BENCH_CASES");
	long cases = env != NULL ? atol(env) : 10000;
	struct cmd_ctx ctx = { 0 };
	struct demo_ctx dc;
	struct demo_stats stats = { 0 };
	const struct form_def *reg;
	struct form_record *rec = NULL, *call;
	char path[] = "/tmp/avrr-bench-XXXXXX";
	int64_t *ids = NULL;
	size_t n = 0;
	double t0;
	int fd = mkstemp(path);

	close(fd);
	unlink(path);
	ctx.db_path = path;
	if (cmd_open(&ctx, DB_OPEN_CREATE) != 0)
		return 1;
	db_set_user(ctx.db, "bench");
	dc = (struct demo_ctx){ .db = ctx.db, .forms = ctx.forms, .expr = ctx.expr };
	t0 = bench_ms();
	if (demo_fill(&dc, cases, 1, &stats, NULL) != 0)
		return 1;
	printf("%-48s %10.1f s\n", "demo fill", (bench_ms() - t0) / 1000.0);
	printf("%-48s %10ld\n", "cases", stats.cases);
	printf("%-48s %10ld\n", "records", stats.records);
	demo_stats_free(&stats);
	reg = form_set_find(ctx.forms, "registration");
	db_record_list(ctx.db, reg, 0, &ids, &n, NULL);
	if (n == 0 || db_record_load(ctx.db, reg, ids[n / 2], &rec, NULL) != DB_OK)
		return 1;
	BENCH("search 'ko' (prefix, many hits, 200 shown)", 50, bench_search(ctx.db, "ko"));
	BENCH("search a full name", 50, bench_search(ctx.db, rec->vals[0]));
	BENCH("keystroke in Find: 'ko' (hits + count)", 50, bench_keystroke(ctx.db, "ko"));
	BENCH("keystroke in Find: 'k' (hits + count)", 50, bench_keystroke(ctx.db, "k"));
	BENCH("keystroke in Find: a full name", 50, bench_keystroke(ctx.db, rec->vals[0]));
	bench_variants(&ctx);
	BENCH("case overview (summary + timeline)", 50, bench_summary(ctx.db, rec->case_id));
	BENCH("duplicate check of a registration", 50, bench_dups(ctx.db, rec));
	BENCH("re-evaluate a form after a keystroke", 1000,
	    db_expr_apply(ctx.expr, rec, false, NULL));
	call = form_record_new(form_set_find(ctx.forms, "call"));
	form_record_set(call, 1, "uk");
	BENCH("save a call (rules, audit, index)", 20,
	    call->id = 0; db_record_save(ctx.db, call, NULL, NULL));
	form_record_free(call);
	form_record_free(rec);
	free(ids);
	cmd_close(&ctx);
	bench_db_remove(path);
	return 0;
}
