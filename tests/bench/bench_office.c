/*
 * bench_office: avrr at office scale, each figure beside its peer measured
 * in the same run (the peer's runs between avrr's) and its target. One
 * table on stdout, the same as markdown in
 * $BENCH_RESULTS/<date>-<commit>.md (default bench/results; the date from
 * the program's clock, date_today(), which AVRR_TODAY fixes; the commit
 * from $BENCH_COMMIT), then how start-up, search and save grow from the
 * small database to the large one.
 *
 * The databases are the demo's (demo_fill, seed 1), made once and kept in
 * $BENCH_DIR (default build/bench) as report-CASES.db, the files
 * bench_report reads: BENCH_CASES (default 100000) and BENCH_SMALL (default
 * 10000) cases. Each run works on a copy of them (SQLite's backup), so the
 * saves, drafts and a peer's rows never reach the kept files. avrr runs as
 * BENCH_USER (default mkovac, a counsellor), BENCH_RUNS times (default 5)
 * for each figure.
 *
 * The figures:
 *  1  start-up to the first full screen: avrr --db DB --user U in a pty of
 *     80x24 (TERM=xterm-256color) from the spawn to the last byte of the
 *     start screen (its key bar shown, then 50 ms without output); peer:
 *     dialog --form with six fields, to its buttons.
 *  2  the same while another process writes to the database (a writer
 *     started from this binary holds the write lock ~30 ms in every 40).
 *  3  a search as typed: every prefix of real queries read as the Find
 *     screen reads it (the 200 rows shown and the count), in-process;
 *     3b the same typed into Find through the pty, from the key to the
 *     screen showing that prefix's count, then quiet.
 *  4  a registration with three family members saved as F2 saves it
 *     (check, duplicates, logic, the save with its new case and draft):
 *     in-process, and 4b through the pty (its draft opened from the start
 *     screen, F2 until "Saved."); peer: the sqlite3 shell inserting the
 *     rows that save wrote in one transaction (WAL, synchronous=FULL),
 *     N transactions in one shell less a shell that only starts, over N.
 *  5  peak RSS (ru_maxrss) of avrr after a search and opening a form, and
 *     of dialog, each run by a fresh process of this binary.
 *  6  database size per case, and the audit table's share of the file
 *     (SQLite's dbstat).
 *  7  bytes written to the pty until the first screen is whole; 8 a
 *     character typed into a text field (mean of ten); 9 the first two keys
 *     typed into Find, and whether only rows that changed were written;
 *     and a few more screens' bytes without targets.
 *  10 sixteen processes pressing F2 at once, each with its own connection,
 *     BENCH_SAVES saves each (default 4): saves per second and the slowest
 *     save; peer: sixteen sqlite3 shells doing the same transactions
 *     (.timeout 5000, each transaction timed by .timer).
 *  11 a 100 KB paste into a one-line field and into Notes through the pty
 *     (the small test forms), and 1 MB once each.
 * Numbers only: nothing here asserts, and a figure that cannot be measured
 * says so in its row.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "bench/office.h"
#include "util/date.h"
#include "util/mem.h"

#define BENCH_TX	20	/* transactions in one shell, for the per-save figure */

struct bench_point {
	double	start, search, search_p99, save;
};

struct bench_office {
	const char		*user, *dir, *results, *commit;
	int			 runs;
	long			 cases, small;
	char			*kept, *kept_small, *work;
	struct cmd_ctx		 ctx;		/* on work, as user */
	struct form_record	*tmpl;		/* the registration the saves copy */
	struct bench_rows	*rows;		/* what one save wrote */
	long			 serial;	/* the surnames of the saves */
	double			 shell_start;	/* the shell's own start-up */
	size_t			 first_avrr, first_dialog;
	struct bench_table	 table;
	struct bench_point	 big, low;
};

static void
bench_say(const char *what)
{
	printf("  %s\n", what);
	fflush(stdout);
}

/* ---- the databases --- */

static int
bench_keep(const char *path, long cases, const char *user)
{
	struct cmd_ctx ctx = { 0 };
	int rc = bench_demo_open(&ctx, path, cases, user);

	cmd_close(&ctx);
	return rc;
}

/* A fresh copy of kept as this run's database, open in-process as user. */
static int
bench_work(struct bench_office *o, const char *kept)
{
	double t0 = bench_ms();

	if (bench_db_copy(kept, o->work) != 0)
		return 1;
	printf("  copied %s for this run: %.1f s\n", kept, (bench_ms() - t0) / 1000.0);
	memset(&o->ctx, 0, sizeof o->ctx);
	o->ctx.db_path = o->work;
	o->ctx.quiet = true;
	if (cmd_open(&o->ctx, DB_OPEN_READ) != 0)
		return 1;
	db_set_user(o->ctx.db, o->user);
	o->tmpl = bench_save_template(&o->ctx);
	if (o->tmpl == NULL)
		fprintf(stderr, "bench: %s has no registration with three family members\n", kept);
	return 0;
}

static void
bench_work_end(struct bench_office *o)
{
	form_record_free(o->tmpl);
	o->tmpl = NULL;
	cmd_close(&o->ctx);
	bench_db_remove(o->work);
}

/* ---- 1, 2 and 7: start-up --- */

/* One start of prog to its full screen: its time and bytes, then quit. */
static void
bench_start_once(const struct bench_prog *p, struct bench_runs *ms, struct bench_runs *bytes)
{
	struct bench_start s;

	if (!bench_pty_start(p, &s))
		return;
	bench_runs_add(ms, s.ms);
	if (bytes != NULL)
		bench_runs_add(bytes, (double)s.bytes);
	bench_pty_quit(s.vt, strcmp(p->name, "avrr") == 0 ? 'x' : 0);
}

static void
bench_start_writing(const struct bench_office *o, const struct bench_prog *p,
    struct bench_runs *ms)
{
	int fd = -1;
	pid_t w = bench_many_writer(o->work, &fd);

	if (w < 0) {
		fprintf(stderr, "bench: the writer did not start\n");
		return;
	}
	bench_start_once(p, ms, NULL);
	bench_many_stop(w, fd);
}

static void
bench_fig_start(struct bench_office *o)
{
	struct bench_runs a = { 0 }, d = { 0 }, w = { 0 }, ab = { 0 }, db = { 0 };
	struct bench_prog avrr, dialog;
	int r;

	bench_say("start-up, alone and beside a writer; dialog");
	bench_pty_avrr(&avrr, o->work, o->user);
	bench_pty_dialog(&dialog);
	for (r = 0; r < o->runs; r++) {
		if (r % 2 == 1)
			bench_start_once(&dialog, &d, &db);
		bench_start_once(&avrr, &a, &ab);
		if (r % 2 == 0)
			bench_start_once(&dialog, &d, &db);
		bench_start_writing(o, &avrr, &w);
	}
	bench_table_add(&o->table, &(struct bench_fig){ .id = "1",
	    .what = "start-up to the first full screen", .unit = "ms", .have = a.n > 0,
	    .median = bench_runs_median(&a), .worst = bench_runs_worst(&a),
	    .have_peer = d.n > 0, .peer_name = "dialog", .peer = bench_runs_median(&d),
	    .goal = BG_RATIO_MAX, .limit = 1.0, .target = "<= 1.0x dialog" });
	bench_table_add(&o->table, &(struct bench_fig){ .id = "2",
	    .what = "start-up while another process writes", .unit = "ms", .have = w.n > 0,
	    .median = bench_runs_median(&w), .worst = bench_runs_worst(&w),
	    .have_peer = a.n > 0, .peer_name = "alone", .peer = bench_runs_median(&a),
	    .goal = BG_RATIO_MAX, .limit = 1.2, .target = "as alone (<= 1.2x row 1)" });
	o->big.start = bench_runs_median(&a);
	o->first_avrr = (size_t)bench_runs_median(&ab);
	o->first_dialog = (size_t)bench_runs_median(&db);
	bench_runs_free(&a);
	bench_runs_free(&d);
	bench_runs_free(&w);
	bench_runs_free(&ab);
	bench_runs_free(&db);
}

/* ---- 3: search --- */

static void
bench_fig_search(struct bench_office *o)
{
	struct bench_runs ms = { 0 }, tui = { 0 };
	struct bench_fig f = { .id = "3", .what = "search per keystroke (in-process)",
	    .unit = "ms", .worst_label = "p99 ", .on_worst = true, .goal = BG_LESS,
	    .limit = 10, .target = "p99 < 10 ms" };
	bool ok;

	bench_say("search as typed, in-process and through the pty");
	bench_search_db(o->ctx.db, o->runs, &ms);
	ok = bench_search_tui(o->ctx.db, o->work, o->user, (o->runs + 1) / 2, &tui);
	f.have = ms.n > 0;
	f.median = o->big.search = bench_runs_median(&ms);
	f.worst = o->big.search_p99 = bench_runs_pct(&ms, 99);
	snprintf(f.note, sizeof f.note, "%zu keystrokes, slowest %.1f ms", ms.n,
	    bench_runs_worst(&ms));
	bench_table_add(&o->table, &f);
	f.id = "3b";
	f.what = "search per keystroke (through the pty)";
	f.have = ok && tui.n > 0;
	f.median = bench_runs_median(&tui);
	f.worst = bench_runs_pct(&tui, 99);
	snprintf(f.note, sizeof f.note, "%zu keystrokes, key to result on screen", tui.n);
	bench_table_add(&o->table, &f);
	bench_runs_free(&ms);
	bench_runs_free(&tui);
}

/* ---- 4: a save --- */

/* A save in-process; its time, or -1; the duplicates' share into dups. */
static double
bench_save(struct bench_office *o, struct bench_runs *dups)
{
	struct form_record *rec = bench_save_record(o->tmpl, o->serial++);
	int64_t draft = bench_save_draft(&o->ctx, rec);
	double d = 0, t = draft != 0 ? bench_save_f2(&o->ctx, rec, draft, &d) : -1;

	if (t >= 0 && dups != NULL)
		bench_runs_add(dups, d);
	form_record_free(rec);
	return t;
}

/* A first save, not timed: what it writes is what the shell writes. */
static void
bench_capture(struct bench_office *o)
{
	struct form_record *rec = bench_save_record(o->tmpl, o->serial++);
	int64_t draft = bench_save_draft(&o->ctx, rec), marks[5];

	bench_shell_marks(o->work, marks);
	if (draft != 0 && bench_save_f2(&o->ctx, rec, draft, NULL) >= 0)
		o->rows = bench_shell_capture(o->work, marks);
	form_record_free(rec);
	o->shell_start = bench_shell_startup(o->work);
}

static void
bench_save_runs(struct bench_office *o, struct bench_runs *own, struct bench_runs *dups,
    struct bench_runs *shell, struct bench_runs *tui)
{
	double t;
	int r;

	for (r = 0; r < o->runs; r++) {
		if ((t = bench_save(o, dups)) >= 0)
			bench_runs_add(own, t);
		if (o->rows != NULL && (t = bench_shell_tx(o->work, o->rows, BENCH_TX)) >= 0)
			bench_runs_add(shell, t);
		if ((t = bench_save_tui(&o->ctx, o->tmpl, o->work, o->user, o->serial++)) >= 0)
			bench_runs_add(tui, t);
	}
}

static void
bench_fig_save(struct bench_office *o)
{
	struct bench_runs own = { 0 }, dups = { 0 }, shell = { 0 }, tui = { 0 };
	char rows[120];
	struct bench_fig f = { .id = "4", .what = "save a registration + 3 family (in-process)",
	    .unit = "ms", .peer_name = "sqlite3", .goal = BG_RATIO_MAX, .limit = 1.25,
	    .target = "<= 1.25x sqlite3" };

	bench_say("saves: in-process, the sqlite3 shell, through the pty");
	if (o->tmpl != NULL) {
		bench_capture(o);
		bench_save_runs(o, &own, &dups, &shell, &tui);
	}
	f.have = own.n > 0;
	f.median = o->big.save = bench_runs_median(&own);
	f.worst = bench_runs_worst(&own);
	f.have_peer = shell.n > 0;
	f.peer = bench_runs_median(&shell);
	bench_shell_describe(o->rows, rows, sizeof rows);
	snprintf(f.note, sizeof f.note, "the duplicate check %.1f ms of it; rows: %s",
	    bench_runs_median(&dups), rows);
	bench_table_add(&o->table, &f);
	f.id = "4b";
	f.what = "save a registration + 3 family (pty: F2 to \"Saved.\")";
	f.have = tui.n > 0;
	f.median = bench_runs_median(&tui);
	f.worst = bench_runs_worst(&tui);
	f.limit = 2.0;
	f.target = "<= 2x sqlite3";
	snprintf(f.note, sizeof f.note, "its draft opened from the start screen");
	bench_table_add(&o->table, &f);
	bench_runs_free(&own);
	bench_runs_free(&dups);
	bench_runs_free(&shell);
	bench_runs_free(&tui);
}

/* ---- 5: peak RSS --- */

static void
bench_fig_rss(struct bench_office *o)
{
	struct bench_runs a = { 0 }, d = { 0 };
	long kb;
	int r;

	bench_say("peak RSS of avrr and dialog");
	for (r = 0; r < o->runs; r++) {
		if ((kb = bench_many_rss(o->work, o->user)) > 0)
			bench_runs_add(&a, (double)kb / 1024.0);
		if ((kb = bench_many_rss(NULL, NULL)) > 0)
			bench_runs_add(&d, (double)kb / 1024.0);
	}
	bench_table_add(&o->table, &(struct bench_fig){ .id = "5",
	    .what = "peak RSS after a search and opening a form", .unit = "MB",
	    .have = a.n > 0, .median = bench_runs_median(&a), .worst = bench_runs_worst(&a),
	    .have_peer = d.n > 0, .peer_name = "dialog", .peer = bench_runs_median(&d),
	    .goal = BG_MAX, .limit = 6.0, .target = "<= 6 MB",
	    .note = "ru_maxrss of the reaped program; MB of 2^20 bytes" });
	bench_runs_free(&a);
	bench_runs_free(&d);
}

/* ---- 6: the database's size --- */

static long long
bench_file_size(const char *path)
{
	struct stat st;
	char *wal = xasprintf("%s-wal", path);
	long long n = stat(path, &st) == 0 ? (long long)st.st_size : 0;

	if (stat(wal, &st) == 0)
		n += (long long)st.st_size;
	free(wal);
	return n;
}

static long long
bench_sql_number(sqlite3 *db, const char *sql, bool *ok)
{
	sqlite3_stmt *s;
	long long n = 0;

	*ok = sqlite3_prepare_v2(db, sql, -1, &s, NULL) == SQLITE_OK &&
	    sqlite3_step(s) == SQLITE_ROW;
	if (*ok)
		n = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return n;
}

/* The audit table's and its indexes' pages, as a share of the file's. */
static void
bench_audit_share(sqlite3 *db, char *note, size_t len, long long bytes)
{
	bool ok;
	long long audit = bench_sql_number(db, "SELECT coalesce(sum(pgsize), 0) FROM dbstat "
	    "WHERE aggregate = 1 AND name IN (SELECT name FROM sqlite_schema "
	    "WHERE tbl_name = 'audit')", &ok);

	if (ok)
		snprintf(note, len, "audit %.0f%% of the file (dbstat); %.2f GB in all",
		    100.0 * (double)audit / (double)bytes, (double)bytes / 1e9);
	else
		snprintf(note, len, "this SQLite has no dbstat: the audit's share not known; "
		    "%.2f GB in all", (double)bytes / 1e9);
}

static void
bench_fig_size(struct bench_office *o)
{
	struct bench_fig f = { .id = "6", .what = "database size per case", .unit = "KB",
	    .no_worst = true, .goal = BG_MAX, .limit = 6.0, .target = "<= 6 KB" };
	long long bytes = bench_file_size(o->kept), cases = 0;
	sqlite3 *db = NULL;
	bool ok = false;

	bench_say("the database's size");
	if (sqlite3_open_v2(o->kept, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK)
		cases = bench_sql_number(db, "SELECT count(*) FROM cases", &ok);
	if (ok && cases > 0) {
		f.have = true;
		f.median = (double)bytes / (double)cases / 1024.0;
		bench_audit_share(db, f.note, sizeof f.note, bytes);
	}
	sqlite3_close(db);
	bench_table_add(&o->table, &f);
}

/* ---- 7, 8 and 9: bytes on the wire --- */

static void
bench_fig_bytes(struct bench_office *o, const struct bench_wire *w, const char *id,
    const char *what, double v, double peer, bool has_peer)
{
	bench_table_add(&o->table, &(struct bench_fig){ .id = id, .what = what, .unit = "B",
	    .have = w->ok, .median = v, .no_worst = true, .have_peer = has_peer,
	    .peer_name = "dialog", .peer = peer, .goal = BG_NONE });
}

static void
bench_fig_search_bytes(struct bench_office *o, const struct bench_wire *w)
{
	struct bench_fig f = { .id = "9", .what = "a search keystroke (first two keys in Find)",
	    .unit = "B", .have = w->ok, .no_worst = true, .goal = BG_GIVEN,
	    .met = !w->extra[0] && !w->extra[1], .target = "only the rows that changed" };
	char v[48];

	snprintf(v, sizeof v, "%zu B / %zu B", w->key[0], w->key[1]);
	f.median_text = v;
	snprintf(f.note, sizeof f.note, "rows written/changed: key 1 %d/%d, key 2 %d/%d",
	    w->written[0], w->changed[0], w->written[1], w->changed[1]);
	bench_table_add(&o->table, &f);
}

static void
bench_fig_wire(struct bench_office *o)
{
	struct bench_wire w;

	bench_say("bytes on the wire");
	bench_wire_measure(o->work, o->user, &w);
	bench_table_add(&o->table, &(struct bench_fig){ .id = "7",
	    .what = "first screen bytes", .unit = "B", .have = o->first_avrr > 0,
	    .median = (double)o->first_avrr, .no_worst = true, .have_peer = o->first_dialog > 0,
	    .peer_name = "dialog", .peer = (double)o->first_dialog, .goal = BG_MAX,
	    .limit = 1250, .target = "<= 1,250 B", .note = "median of the start-up runs" });
	bench_table_add(&o->table, &(struct bench_fig){ .id = "8",
	    .what = "bytes per typed character (text field)", .unit = "B/key", .have = w.ok,
	    .median = w.char_avrr, .no_worst = true, .have_peer = w.ok, .peer_name = "dialog",
	    .peer = w.char_dialog, .goal = BG_MAX, .limit = 1.0, .target = "1 B",
	    .note = "mean of 10" });
	bench_fig_bytes(o, &w, "8b", "Tab to the next field", (double)w.tab_avrr,
	    (double)w.tab_dialog, true);
	bench_fig_search_bytes(o, &w);
	bench_fig_bytes(o, &w, "7b", "open the registration form (^N)", (double)w.form, 0, false);
	bench_fig_bytes(o, &w, "7c", "Esc back to the start screen", (double)w.back, 0, false);
	bench_fig_bytes(o, &w, "7d", "open Find (^F)", (double)w.find, 0, false);
}

/* ---- 10: sixteen at once --- */

struct bench_many {
	struct bench_runs	rate, worst, srate, sworst;
	int			failed, sfailed;	/* saves and transactions not done */
};

/* Rounds of sixteen avrr savers, then sixteen shells, k each. */
static void
bench_many_rounds(struct bench_office *o, int k, struct bench_many *m)
{
	struct bench_burst b;
	int r;

	for (r = 0; o->rows != NULL && r < (o->runs + 1) / 2; r++) {
		bench_many_savers(o->work, o->user, 16, k, &b);
		m->failed += 16 * k - b.done;
		if (b.done > 0) {
			bench_runs_add(&m->rate, b.rate);
			bench_runs_add(&m->worst, b.worst);
		}
		bench_shell_burst(o->work, o->rows, 16, k, &b);
		m->sfailed += 16 * k - b.done;
		if (b.done > 0) {
			bench_runs_add(&m->srate, b.rate);
			bench_runs_add(&m->sworst, b.worst);
		}
	}
}

static void
bench_fig_many(struct bench_office *o)
{
	struct bench_many m = { 0 };
	int k = (int)bench_env("BENCH_SAVES", 4);
	char what[80];
	struct bench_fig f = { .id = "10", .what = what, .unit = "/s",
	    .worst_label = "lowest ", .peer_name = "sqlite3", .goal = BG_RATIO_MIN,
	    .limit = 3.0, .target = ">= 3x the shells" };

	bench_say("sixteen saving at once; sixteen sqlite3 shells");
	bench_many_rounds(o, k, &m);
	snprintf(what, sizeof what, "16 pressing F2 at once (%d saves each): rate", k);
	f.have = m.rate.n > 0;
	f.median = bench_runs_median(&m.rate);
	f.worst = bench_runs_least(&m.rate);
	f.have_peer = m.srate.n > 0;
	f.peer = bench_runs_median(&m.srate);
	if (m.failed > 0 || m.sfailed > 0)
		snprintf(f.note, sizeof f.note, "not done: %d saves, %d shell transactions",
		    m.failed, m.sfailed);
	bench_table_add(&o->table, &f);
	bench_table_add(&o->table, &(struct bench_fig){ .id = "10b",
	    .what = "16 pressing F2 at once: slowest save", .unit = "ms", .have = m.worst.n > 0,
	    .median = bench_runs_median(&m.worst), .worst = bench_runs_worst(&m.worst),
	    .on_worst = true, .have_peer = m.sworst.n > 0, .peer_name = "sqlite3",
	    .peer = bench_runs_median(&m.sworst), .goal = BG_LESS, .limit = 250,
	    .target = "< 250 ms", .note = "the slowest of each round; the shells' slowest "
	    "transaction by .timer" });
	bench_runs_free(&m.rate);
	bench_runs_free(&m.worst);
	bench_runs_free(&m.srate);
	bench_runs_free(&m.sworst);
}

/* ---- 11: pastes --- */

static void
bench_fig_paste(struct bench_office *o)
{
	struct bench_paste p;
	struct bench_fig f = { .id = "11", .what = "100 KB paste, one-line field", .unit = "ms",
	    .goal = BG_LESS, .limit = 100, .target = "< 100 ms" };

	bench_say("pastes");
	bench_paste_measure(o->runs, &p);
	f.have = p.line.n > 0;
	f.median = bench_runs_median(&p.line);
	f.worst = bench_runs_worst(&p.line);
	bench_table_add(&o->table, &f);
	f.id = "11b";
	f.what = "100 KB paste, multi-line (Notes)";
	f.have = p.multi.n > 0;
	f.median = bench_runs_median(&p.multi);
	f.worst = bench_runs_worst(&p.multi);
	bench_table_add(&o->table, &f);
	bench_table_add(&o->table, &(struct bench_fig){ .id = "11c",
	    .what = "1 MB paste, one-line field", .unit = "ms", .have = p.line_mb >= 0,
	    .median = p.line_mb, .no_worst = true, .note = "once; cut at the field's limit" });
	bench_table_add(&o->table, &(struct bench_fig){ .id = "11d",
	    .what = "1 MB paste, multi-line (Notes)", .unit = "ms", .have = p.multi_mb >= 0,
	    .median = p.multi_mb, .no_worst = true, .note = "once" });
	bench_runs_free(&p.line);
	bench_runs_free(&p.multi);
}

/* ---- the small point --- */

static void
bench_small(struct bench_office *o)
{
	struct bench_runs a = { 0 }, s = { 0 }, v = { 0 };
	struct bench_prog avrr;
	double t;
	int r;

	printf("the small point: %ld cases\n", o->small);
	if (bench_work(o, o->kept_small) != 0)
		return;
	bench_pty_avrr(&avrr, o->work, o->user);
	for (r = 0; r < o->runs; r++)
		bench_start_once(&avrr, &a, NULL);
	bench_search_db(o->ctx.db, o->runs, &s);
	for (r = 0; o->tmpl != NULL && r <= o->runs; r++)
		if ((t = bench_save(o, NULL)) >= 0 && r > 0)	/* the first warms up, as above */
			bench_runs_add(&v, t);
	o->low = (struct bench_point){ bench_runs_median(&a), bench_runs_median(&s),
	    bench_runs_pct(&s, 99), bench_runs_median(&v) };
	bench_work_end(o);
	bench_runs_free(&a);
	bench_runs_free(&s);
	bench_runs_free(&v);
}

/* ---- the output --- */

static void
bench_growth_line(FILE *out, bool md, const char *what, double low, double big)
{
	const char *fmt = md ? "| %s | %.2f ms | %.2f ms | %.2fx |\n" :
	    "  %-36s %9.2f ms %9.2f ms %7.2fx\n";

	fprintf(out, fmt, what, low, big, low > 0 ? big / low : 0.0);
}

static void
bench_growth(const struct bench_office *o, FILE *out, bool md)
{
	if (o->small >= o->cases || o->low.start <= 0)
		return;
	if (md)
		fprintf(out, "\n## Growth from %ld to %ld cases\n\n| figure | %ld cases | "
		    "%ld cases | growth |\n| --- | ---: | ---: | ---: |\n", o->small, o->cases,
		    o->small, o->cases);
	else
		fprintf(out, "\ngrowth from %ld to %ld cases (x%.1f):\n  %-36s %12ld %12ld\n",
		    o->small, o->cases, (double)o->cases / (double)o->small, "median",
		    o->small, o->cases);
	bench_growth_line(out, md, "start-up to the first full screen", o->low.start,
	    o->big.start);
	bench_growth_line(out, md, "search per keystroke", o->low.search, o->big.search);
	bench_growth_line(out, md, "search per keystroke, p99", o->low.search_p99,
	    o->big.search_p99);
	bench_growth_line(out, md, "save a registration + 3 family", o->low.save, o->big.save);
}

static void
bench_header(const struct bench_office *o, FILE *out, const char *day)
{
	fprintf(out, "# avrr at office scale: %s, commit %s\n\n", day, o->commit);
	fprintf(out, "%ld demo cases (%s), %d runs of each figure, peers measured between "
	    "avrr's runs; a pty of 80x24, TERM=xterm-256color; SQLite %s; %ld cores. "
	    "Made by `make bench` (tests/bench/bench_office.c says how each figure is "
	    "measured).\n\n", o->cases, o->kept, o->runs, sqlite3_libversion(),
	    sysconf(_SC_NPROCESSORS_ONLN));
}

static void
bench_write_results(const struct bench_office *o)
{
	struct date today = date_today();
	char day[DATE_LEN], *path;
	FILE *f;

	date_format(&today, day);
	mkdir(o->results, 0777);
	path = xasprintf("%s/%s-%s.md", o->results, day, o->commit);
	if ((f = fopen(path, "w")) == NULL) {
		perror(path);
		free(path);
		return;
	}
	bench_header(o, f, day);
	bench_table_markdown(&o->table, f);
	bench_growth(o, f, true);
	fclose(f);
	printf("\nwritten to %s\n", path);
	free(path);
}

/* ---- the run --- */

static void
bench_setup(struct bench_office *o)
{
	memset(o, 0, sizeof *o);
	o->cases = bench_env("BENCH_CASES", 100000);
	o->small = bench_env("BENCH_SMALL", 10000);
	o->runs = (int)bench_env("BENCH_RUNS", 5);
	o->user = bench_env_str("BENCH_USER", "mkovac");
	o->dir = bench_env_str("BENCH_DIR", "build/bench");
	o->results = bench_env_str("BENCH_RESULTS", "bench/results");
	o->commit = bench_env_str("BENCH_COMMIT", "unknown");
	o->kept = xasprintf("%s/report-%ld.db", o->dir, o->cases);
	o->kept_small = xasprintf("%s/report-%ld.db", o->dir, o->small);
	o->work = xasprintf("%s/office-run.db", o->dir);
	o->serial = 1;
}

static void
bench_run(struct bench_office *o)
{
	printf("office figures over %ld cases, %d runs each\n", o->cases, o->runs);
	if (bench_work(o, o->kept) != 0)
		return;
	bench_fig_start(o);
	bench_fig_search(o);
	bench_fig_save(o);
	bench_fig_rss(o);
	bench_fig_size(o);
	bench_fig_wire(o);
	bench_fig_many(o);
	bench_shell_rows_free(o->rows);
	o->rows = NULL;
	bench_work_end(o);
	bench_fig_paste(o);
	if (o->small < o->cases)
		bench_small(o);
}

int
main(int argc, char **argv)
{
	struct bench_office o;
	int rc = 0;

	if (bench_many_main(argc, argv, &rc))
		return rc;
	bench_setup(&o);
	mkdir(o.dir, 0777);
	if (bench_keep(o.kept, o.cases, o.user) != 0 ||
	    (o.small < o.cases && bench_keep(o.kept_small, o.small, o.user) != 0))
		return 1;
	bench_run(&o);
	printf("\n");
	bench_table_print(&o.table, stdout);
	bench_growth(&o, stdout, false);
	bench_write_results(&o);
	bench_table_free(&o.table);
	free(o.kept);
	free(o.kept_small);
	free(o.work);
	return 0;
}
