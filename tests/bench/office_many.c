/*
 * bench/office_many: the processes bench_office starts from its own binary
 * (see office.h). Each is a fresh exec, never a fork that goes on: SQLite
 * connections must not cross a fork, and a forked child would carry the
 * bench's memory into the peak RSS of the program it runs.
 *   --writer DB            keeps writing until its standard input closes
 *   --saver DB USER N K    K saves as F2, started by the end of its input
 *   --rss avrr DB USER | --rss dialog   a pty session; prints ru_maxrss (KB)
 */
#include "bench/office.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "util/mem.h"
#include "util/str.h"

extern char **environ;

#define BENCH_HOLD_MS	30	/* the writer holds the write lock this long */
#define BENCH_GAP_MS	10	/* and lets go of it this long */
#define BENCH_MAXPROCS	64

static void
bench_sleep_ms(int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/* Starts the bench's own binary with args; its input and output are the
 * pipes given (-1: none). */
static pid_t
bench_self(const char *const args[], int in, int out)
{
	const char *argv[12] = { "bench_office" };
	posix_spawn_file_actions_t fa;
	pid_t pid = -1;
	size_t n;

	for (n = 1; args[n - 1] != NULL && n < 11; n++)
		argv[n] = args[n - 1];
	argv[n] = NULL;
	posix_spawn_file_actions_init(&fa);
	if (in >= 0)
		posix_spawn_file_actions_adddup2(&fa, in, 0);
	if (out >= 0)
		posix_spawn_file_actions_adddup2(&fa, out, 1);
	if (posix_spawn(&pid, "/proc/self/exe", &fa, NULL, (char *const *)argv, environ) != 0)
		pid = -1;
	posix_spawn_file_actions_destroy(&fa);
	return pid;
}

static void
bench_wait(pid_t pid)
{
	int st;

	while (pid > 0 && waitpid(pid, &st, 0) < 0)
		continue;
}

/* ---- the writer --- */

static bool
bench_input_closed(void)
{
	struct pollfd p = { .fd = 0, .events = POLLIN };
	char c;

	return poll(&p, 1, 0) > 0 && read(0, &c, 1) <= 0;
}

static bool
bench_exec(sqlite3 *db, const char *sql)
{
	return sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK;
}

/* One transaction: 20 rows, the write lock held BENCH_HOLD_MS. */
static bool
bench_write_once(sqlite3 *db, sqlite3_stmt *ins)
{
	int i;

	if (!bench_exec(db, "BEGIN IMMEDIATE"))
		return false;
	for (i = 0; i < 20; i++) {
		sqlite3_bind_double(ins, 1, bench_ms());
		sqlite3_step(ins);
		sqlite3_reset(ins);
	}
	bench_sleep_ms(BENCH_HOLD_MS);
	return bench_exec(db, "COMMIT");
}

static int
bench_writer_main(const char *path)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *ins = NULL;
	bool told = false;

	if (sqlite3_open(path, &db) != SQLITE_OK || !bench_exec(db, "PRAGMA synchronous=FULL") ||
	    sqlite3_prepare_v2(db, "INSERT INTO bench_scratch (at, pad) VALUES (?1, "
	    "printf('%.200c', 'x'))", -1, &ins, NULL) != SQLITE_OK) {
		fprintf(stderr, "bench: writer: %s\n", sqlite3_errmsg(db));
		return 1;
	}
	sqlite3_busy_timeout(db, 10000);
	while (!bench_input_closed()) {
		if (bench_write_once(db, ins) && !told) {
			told = write(1, "w", 1) == 1;	/* it writes: the runs may start */
			close(1);
		}
		bench_sleep_ms(BENCH_GAP_MS);
	}
	sqlite3_finalize(ins);
	sqlite3_close(db);
	return 0;
}

pid_t
bench_many_writer(const char *path, int *pipe_fd)
{
	const char *args[] = { "--writer", path, NULL };
	int in[2], out[2];
	sqlite3 *db;
	pid_t pid;
	char c;

	if (sqlite3_open(path, &db) != SQLITE_OK || !bench_exec(db, "CREATE TABLE IF NOT EXISTS "
	    "bench_scratch (id INTEGER PRIMARY KEY, at REAL, pad TEXT)")) {
		sqlite3_close(db);
		return -1;
	}
	sqlite3_close(db);
	if (pipe2(in, O_CLOEXEC) != 0 || pipe2(out, O_CLOEXEC) != 0)
		return -1;
	pid = bench_self(args, in[0], out[1]);
	close(in[0]);
	close(out[1]);
	if (pid < 0 || read(out[0], &c, 1) != 1) {
		close(in[1]);
		bench_wait(pid);
		pid = -1;
	}
	close(out[0]);
	*pipe_fd = in[1];
	return pid;
}

void
bench_many_stop(pid_t pid, int pipe_fd)
{
	if (pid <= 0)
		return;
	close(pipe_fd);
	bench_wait(pid);
}

/* ---- the savers --- */

static int
bench_saver_main(const char *path, const char *user, long n, int k)
{
	struct cmd_ctx ctx = { .db_path = path, .quiet = true };
	struct form_record *tmpl, *recs[BENCH_MAXPROCS];
	int64_t drafts[BENCH_MAXPROCS];
	double t;
	char c;
	int i;

	k = k > BENCH_MAXPROCS ? BENCH_MAXPROCS : k;
	if (cmd_open(&ctx, DB_OPEN_READ) != 0)
		return 1;
	db_set_user(ctx.db, user);
	if ((tmpl = bench_save_template(&ctx)) == NULL)
		return 1;
	for (i = 0; i < k; i++) {	/* the drafts are written as the forms are filled */
		recs[i] = bench_save_record(tmpl, n + i);
		drafts[i] = bench_save_draft(&ctx, recs[i]);
	}
	printf("ready\n");
	fflush(stdout);
	while (read(0, &c, 1) > 0)
		continue;	/* all start when the bench closes the pipe */
	for (i = 0; i < k; i++) {
		t = bench_save_f2(&ctx, recs[i], drafts[i], NULL);
		printf("save %.3f\n", t);
		form_record_free(recs[i]);
	}
	printf("end %.3f\n", bench_ms());
	form_record_free(tmpl);
	cmd_close(&ctx);
	return 0;
}

/* A saver's lines: its latencies and when it ended. */
static void
bench_saver_read(FILE *f, struct bench_burst *b, double *end)
{
	char line[128];
	double v;

	while (fgets(line, sizeof line, f) != NULL) {
		if (sscanf(line, "save %lf", &v) == 1 && v >= 0) {
			b->done++;
			b->worst = v > b->worst ? v : b->worst;
		} else if (sscanf(line, "save %lf", &v) == 1) {
			b->failed++;
		} else if (sscanf(line, "end %lf", &v) == 1 && v > *end) {
			*end = v;
		}
	}
}

/* Starts procs savers; each has said "ready" on its pipe in outs[]. */
static int
bench_savers_start(const char *path, const char *user, int procs, int k, int go,
    pid_t *pids, FILE **outs)
{
	static long round;
	char n[32], ks[16], line[32];
	int i, out[2];

	snprintf(ks, sizeof ks, "%d", k);
	for (i = 0; i < procs; i++) {
		const char *args[] = { "--saver", path, user, n, ks, NULL };

		snprintf(n, sizeof n, "%ld", 10000 + (round * procs + i) * k);
		if (pipe2(out, O_CLOEXEC) != 0)
			return i;
		pids[i] = bench_self(args, go, out[1]);
		close(out[1]);
		outs[i] = fdopen(out[0], "r");
		if (pids[i] < 0 || fgets(line, sizeof line, outs[i]) == NULL) {
			fclose(outs[i]);
			bench_wait(pids[i]);
			return i;
		}
	}
	round++;
	return procs;
}

void
bench_many_savers(const char *path, const char *user, int procs, int k,
    struct bench_burst *b)
{
	pid_t pids[BENCH_MAXPROCS];
	FILE *outs[BENCH_MAXPROCS];
	double t0, end = 0;
	int go[2], started, i;

	memset(b, 0, sizeof *b);
	procs = procs > BENCH_MAXPROCS ? BENCH_MAXPROCS : procs;
	if (pipe2(go, O_CLOEXEC) != 0)
		return;
	started = bench_savers_start(path, user, procs, k, go[0], pids, outs);
	close(go[0]);
	t0 = bench_ms();
	close(go[1]);	/* all of them at once */
	for (i = 0; i < started; i++) {
		bench_saver_read(outs[i], b, &end);
		fclose(outs[i]);
		bench_wait(pids[i]);
	}
	b->failed += (procs - started) * k;
	b->rate = end > t0 ? b->done / ((end - t0) / 1000.0) : 0;
}

/* ---- peak RSS --- */

/* What a person does before the figure is read: a search, then a form. */
static bool
bench_rss_avrr(struct vt *vt)
{
	vt_ctrl(vt, 'f');
	if (!vt_wait_text(vt, "Find:", 10000))
		return false;
	vt_type(vt, "ivanov");
	if (!vt_wait_text(vt, "Cases found", 10000))
		return false;
	bench_pty_settle(vt, 60, 3000);
	vt_key(vt, VT_ESC);
	vt_wait_text(vt, "Register a new case", 10000);
	vt_ctrl(vt, 'n');
	if (!vt_wait_text(vt, "Surname", 10000))
		return false;
	bench_pty_settle(vt, 60, 3000);
	vt_key(vt, VT_ESC);
	vt_wait_text(vt, "Register a new case", 10000);
	bench_pty_settle(vt, 60, 3000);
	vt_ctrl(vt, 'x');
	return true;
}

static int
bench_rss_main(int argc, char **argv)
{
	struct bench_prog p;
	struct bench_start s;
	struct rusage ru;
	bool avrr = argc >= 5 && str_eq(argv[2], "avrr"), ok;

	if (avrr)
		bench_pty_avrr(&p, argv[3], argv[4]);
	else
		bench_pty_dialog(&p);
	if (!bench_pty_start(&p, &s))
		return 1;
	ok = avrr ? bench_rss_avrr(s.vt) : (vt_type(s.vt, "abc"), vt_key(s.vt, VT_ESC), true);
	if (vt_wait_exit(s.vt, 5000) < 0) {
		vt_signal(s.vt, SIGTERM);
		ok = ok && vt_wait_exit(s.vt, 5000) >= 0;
	}
	if (ok && getrusage(RUSAGE_CHILDREN, &ru) == 0)
		printf("%ld\n", ru.ru_maxrss);
	vt_free(s.vt);
	return ok ? 0 : 1;
}

long
bench_many_rss(const char *path, const char *user)
{
	const char *args[] = { "--rss", path != NULL ? "avrr" : "dialog", path, user, NULL };
	long kb = -1;
	int out[2];
	pid_t pid;
	FILE *f;

	if (pipe2(out, O_CLOEXEC) != 0)
		return -1;
	pid = bench_self(args, -1, out[1]);
	close(out[1]);
	f = fdopen(out[0], "r");
	if (pid < 0 || fscanf(f, "%ld", &kb) != 1)
		kb = -1;
	fclose(f);
	bench_wait(pid);
	return kb;
}

int
bench_many_main(int argc, char **argv, int *rc)
{
	if (argc >= 3 && str_eq(argv[1], "--writer"))
		*rc = bench_writer_main(argv[2]);
	else if (argc >= 6 && str_eq(argv[1], "--saver"))
		*rc = bench_saver_main(argv[2], argv[3], atol(argv[4]), atoi(argv[5]));
	else if (argc >= 3 && str_eq(argv[1], "--rss"))
		*rc = bench_rss_main(argc, argv);
	else
		return 0;
	return 1;
}
