/*
 * bench/office_shell: the peer of a save: Debian's sqlite3 shell inserting
 * the rows one save of avrr wrote (the case, the registration, its family,
 * the audit rows, the search row), each time with keys of its own, in one
 * transaction, with journal_mode WAL, synchronous=FULL and foreign keys on,
 * as avrr's connections have them (see office.h).
 */
#include "bench/office.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sqlite3.h>

#include "e2e/app.h"
#include "util/mem.h"
#include "util/str.h"

extern char **environ;

/* The tables a registration's save writes; search's rowid is the case's id. */
enum { BT_CASES, BT_REG, BT_FAMILY, BT_AUDIT, BT_SEARCH, BT__COUNT };
static const char *const bench_tables[BT__COUNT] = {
	"cases", "registration", "registration_family", "audit", "search"
};

struct bench_cap {
	int	 table;
	int64_t	 rowid;
	char	**cols, **vals;		/* vals are SQL literals (quote()) */
	size_t	 n;
	int	 audit_of;		/* audit rows: the table of row_id, or -1 */
};

struct bench_rows {
	struct bench_cap	*caps;
	size_t			 n, cap;
	int64_t			 first[BT__COUNT];	/* the smallest rowid captured */
	int64_t			 span[BT__COUNT];	/* rows captured */
};

static int
bench_table_no(const char *name)
{
	int t;

	for (t = 0; t < BT__COUNT; t++)
		if (str_eq(bench_tables[t], name))
			return t;
	return -1;
}

static int64_t
bench_max_rowid(sqlite3 *db, const char *table)
{
	char *sql = xasprintf("SELECT coalesce(max(rowid), 0) FROM \"%s\"", table);
	sqlite3_stmt *s;
	int64_t n = 0;

	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	free(sql);
	return n;
}

void
bench_shell_marks(const char *path, int64_t marks[BT__COUNT])
{
	sqlite3 *db;
	int t;

	memset(marks, 0, BT__COUNT * sizeof *marks);
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK)
		for (t = 0; t < BT__COUNT; t++)
			marks[t] = bench_max_rowid(db, bench_tables[t]);
	sqlite3_close(db);
}

/* The table a quoted name ('cases') is, or -1. */
static int
bench_unquoted_table(const char *quoted)
{
	size_t len = strlen(quoted);
	char *name = len >= 2 ? xstrndup(quoted + 1, len - 2) : xstrdup("");
	int t = bench_table_no(name);

	free(name);
	return t;
}

/* The columns of a table (its rowid alias among them). */
static char **
bench_columns(sqlite3 *db, const char *table, size_t *n)
{
	char *sql = xasprintf("PRAGMA table_info(\"%s\")", table), **cols = NULL;
	size_t cap = 0;
	sqlite3_stmt *s;

	*n = 0;
	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) == SQLITE_OK)
		while (sqlite3_step(s) == SQLITE_ROW) {
			cols = xgrow(cols, &cap, *n + 1, sizeof *cols);
			cols[(*n)++] = xstrdup((const char *)sqlite3_column_text(s, 1));
		}
	sqlite3_finalize(s);
	free(sql);
	return cols;
}

/* Every row of table past mark, captured as literals. */
static void
bench_capture_table(sqlite3 *db, struct bench_rows *rows, int t, int64_t mark)
{
	struct strbuf sb = STRBUF_INIT;
	sqlite3_stmt *s;
	char **cols;
	size_t n, k;

	cols = bench_columns(db, bench_tables[t], &n);
	strbuf_printf(&sb, "SELECT rowid");
	for (k = 0; k < n; k++)
		strbuf_printf(&sb, ", quote(\"%s\")", cols[k]);
	strbuf_printf(&sb, " FROM \"%s\" WHERE rowid > ?1 ORDER BY rowid", bench_tables[t]);
	if (sqlite3_prepare_v2(db, strbuf_str(&sb), -1, &s, NULL) == SQLITE_OK) {
		sqlite3_bind_int64(s, 1, mark);
		while (sqlite3_step(s) == SQLITE_ROW) {
			struct bench_cap c = { t, sqlite3_column_int64(s, 0), NULL, NULL, n, -1 };

			c.cols = xcalloc(n, sizeof *c.cols);
			c.vals = xcalloc(n, sizeof *c.vals);
			for (k = 0; k < n; k++) {
				c.cols[k] = xstrdup(cols[k]);
				c.vals[k] = xstrdup((const char *)sqlite3_column_text(s, (int)k + 1));
				if (str_eq(cols[k], "tbl") && t == BT_AUDIT)
					c.audit_of = bench_unquoted_table(c.vals[k]);
			}
			if (rows->span[t]++ == 0)
				rows->first[t] = c.rowid;
			rows->caps = xgrow(rows->caps, &rows->cap, rows->n + 1, sizeof *rows->caps);
			rows->caps[rows->n++] = c;
		}
	}
	sqlite3_finalize(s);
	for (k = 0; k < n; k++)
		free(cols[k]);
	free(cols);
	strbuf_free(&sb);
}

struct bench_rows *
bench_shell_capture(const char *path, const int64_t *before)
{
	struct bench_rows *rows = xcalloc(1, sizeof *rows);
	sqlite3 *db;
	int t;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK)
		for (t = 0; t < BT__COUNT; t++)
			bench_capture_table(db, rows, t, before[t]);
	sqlite3_close(db);
	return rows;
}

void
bench_shell_rows_free(struct bench_rows *rows)
{
	size_t i, k;

	if (rows == NULL)
		return;
	for (i = 0; i < rows->n; i++) {
		for (k = 0; k < rows->caps[i].n; k++) {
			free(rows->caps[i].cols[k]);
			free(rows->caps[i].vals[k]);
		}
		free(rows->caps[i].cols);
		free(rows->caps[i].vals);
	}
	free(rows->caps);
	free(rows);
}

/* ---- the transactions --- */

/* The key a captured row of table t gets in transaction j. */
static int64_t
bench_key(const struct bench_rows *rows, const int64_t *base, int t, int64_t rowid, long j)
{
	if (t == BT_SEARCH)
		t = BT_CASES;	/* one search row per case, keyed by its id */
	if (t < 0 || rows->span[t] == 0)
		return rowid;
	return base[t] + 1 + j * rows->span[t] + (rowid - rows->first[t]);
}

/* A value of row c in transaction j: keys moved, unique texts made unique. */
static void
bench_value(struct strbuf *sb, const struct bench_rows *rows, const int64_t *base,
    const struct bench_cap *c, size_t k, long j)
{
	const char *col = c->cols[k], *v = c->vals[k];
	int64_t case_key = bench_key(rows, base, BT_CASES, rows->first[BT_CASES], j);

	if (str_eq(v, "NULL"))
		strbuf_printf(sb, "NULL");
	else if (str_eq(col, "id"))
		strbuf_printf(sb, "%lld", (long long)bench_key(rows, base, c->table, c->rowid, j));
	else if (str_eq(col, "case_id"))
		strbuf_printf(sb, "%lld", (long long)case_key);
	else if (str_eq(col, "parent_id"))
		strbuf_printf(sb, "%lld", (long long)bench_key(rows, base, BT_REG,
		    atoll(v), j));
	else if (str_eq(col, "row_id") && c->table == BT_AUDIT)
		strbuf_printf(sb, "%lld", (long long)bench_key(rows, base, c->audit_of,
		    atoll(v), j));
	else if (str_eq(col, "uuid"))
		strbuf_printf(sb, "%.*s-%lld'", (int)strlen(v) - 1, v, (long long)case_key);
	else if (str_eq(col, "case_no"))
		strbuf_printf(sb, "'SHELL-%lld'", (long long)case_key);
	else
		strbuf_printf(sb, "%s", v);
}

static void
bench_insert(struct strbuf *sb, const struct bench_rows *rows, const int64_t *base,
    const struct bench_cap *c, long j)
{
	size_t k;

	strbuf_printf(sb, "INSERT INTO \"%s\" (%s", bench_tables[c->table],
	    c->table == BT_SEARCH ? "rowid" : "");
	for (k = 0; k < c->n; k++)
		strbuf_printf(sb, "%s\"%s\"", k > 0 || c->table == BT_SEARCH ? ", " : "",
		    c->cols[k]);
	strbuf_printf(sb, ") VALUES (");
	if (c->table == BT_SEARCH)
		strbuf_printf(sb, "%lld", (long long)bench_key(rows, base, BT_SEARCH, c->rowid, j));
	for (k = 0; k < c->n; k++) {
		if (k > 0 || c->table == BT_SEARCH)
			strbuf_printf(sb, ", ");
		bench_value(sb, rows, base, c, k, j);
	}
	strbuf_printf(sb, ");\n");
}

/* A script: the connection as avrr sets it up, then transactions from..to. */
static char *
bench_script(const char *path, const struct bench_rows *rows, long from, long to, bool burst)
{
	struct strbuf sb = STRBUF_INIT;
	int64_t base[BT__COUNT];
	size_t i;
	long j;

	bench_shell_marks(path, base);
	/* the busy timeout first: setting the journal mode may wait for a lock */
	strbuf_printf(&sb, ".bail on\n.timeout 5000\nPRAGMA journal_mode=WAL;\n"
	    "PRAGMA synchronous=FULL;\nPRAGMA foreign_keys=ON;\n%s", burst ? ".timer on\n" : "");
	for (j = from; rows != NULL && j < to; j++) {
		strbuf_printf(&sb, "BEGIN IMMEDIATE;\n");
		for (i = 0; i < rows->n; i++)
			bench_insert(&sb, rows, base, &rows->caps[i], j);
		strbuf_printf(&sb, "COMMIT;\n");
	}
	return strbuf_take(&sb);
}

/* ---- running the shell --- */

static char *
bench_write_temp(const char *text)
{
	char tmpl[] = "/tmp/avrr-bench-sql-XXXXXX";
	int fd = mkstemp(tmpl);
	size_t len = strlen(text);

	if (fd < 0 || write(fd, text, len) != (ssize_t)len) {
		perror("bench: a script for sqlite3");
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	close(fd);
	return xstrdup(tmpl);
}

/* Starts sqlite3 on path reading script, its output into out (a file path,
 * or NULL for /dev/null). */
static pid_t
bench_spawn_shell(const char *path, const char *script, const char *out)
{
	const char *argv[] = { "sqlite3", "-batch", path, NULL };
	posix_spawn_file_actions_t fa;
	pid_t pid = -1;

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, script, O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, out != NULL ? out : "/dev/null",
	    O_WRONLY | O_CREAT | O_TRUNC, 0600);
	posix_spawn_file_actions_adddup2(&fa, 1, 2);
	if (posix_spawnp(&pid, "sqlite3", &fa, NULL, (char *const *)argv, environ) != 0)
		pid = -1;
	posix_spawn_file_actions_destroy(&fa);
	return pid;
}

static bool
bench_reap(pid_t pid)
{
	int st;

	while (waitpid(pid, &st, 0) < 0)
		continue;
	return WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

/* The wall time of one shell running script; -1 when it failed. */
static double
bench_time_script(const char *path, const char *text)
{
	char *script = bench_write_temp(text);
	double t0 = bench_ms();
	pid_t pid;
	bool ok;

	if (script == NULL)
		return -1;
	pid = bench_spawn_shell(path, script, NULL);
	ok = pid > 0 && bench_reap(pid);
	t0 = bench_ms() - t0;
	unlink(script);
	free(script);
	if (!ok)
		fprintf(stderr, "bench: sqlite3 failed on %s\n", path);
	return ok ? t0 : -1;
}

double
bench_shell_startup(const char *path)
{
	char *text = bench_script(path, NULL, 0, 0, false);
	double t = bench_time_script(path, text);

	free(text);
	return t;
}

double
bench_shell_tx(const char *path, const struct bench_rows *rows, int n)
{
	char *text = bench_script(path, rows, 0, n, false);
	double all = bench_time_script(path, text), start = bench_shell_startup(path);

	free(text);
	return all < 0 || start < 0 ? -1 : (all - start) / n;
}

/* The transactions' times in a shell's .timer output: stmts lines each. */
static void
bench_timer_read(const char *out, size_t stmts, struct bench_burst *b, int *done)
{
	char *text = e2e_slurp(out, NULL), *p;
	double tx = 0, real;
	size_t k = 0;

	for (p = text; p != NULL && (p = strstr(p, "Run Time: real ")) != NULL; p++) {
		real = atof(p + 15) * 1000.0;
		tx += real;
		if (++k == stmts) {
			if (tx > b->worst)
				b->worst = tx;
			(*done)++;
			tx = 0;
			k = 0;
		}
	}
	free(text);
}

void
bench_shell_burst(const char *path, const struct bench_rows *rows, int procs, int k,
    struct bench_burst *b)
{
	char *scripts[64], *outs[64], *text;
	pid_t pids[64];
	double t0, start = bench_shell_startup(path);
	int i;

	memset(b, 0, sizeof *b);
	procs = procs > 64 ? 64 : procs;
	for (i = 0; i < procs; i++) {
		text = bench_script(path, rows, (long)i * k, (long)(i + 1) * k, true);
		scripts[i] = bench_write_temp(text);
		outs[i] = xasprintf("%s.out", scripts[i] != NULL ? scripts[i] : "/tmp/avrr-bench");
		free(text);
	}
	t0 = bench_ms();
	for (i = 0; i < procs; i++)
		pids[i] = scripts[i] != NULL ? bench_spawn_shell(path, scripts[i], outs[i]) : -1;
	for (i = 0; i < procs; i++)
		if (pids[i] <= 0 || !bench_reap(pids[i]))
			b->failed++;
	t0 = bench_ms() - t0 - (start > 0 ? start : 0);
	for (i = 0; i < procs; i++) {
		bench_timer_read(outs[i], rows->n + 2, b, &b->done);
		if (scripts[i] != NULL)
			unlink(scripts[i]);
		unlink(outs[i]);
		free(scripts[i]);
		free(outs[i]);
	}
	b->rate = t0 > 0 ? b->done / (t0 / 1000.0) : 0;
}

void
bench_shell_describe(const struct bench_rows *rows, char *buf, size_t len)
{
	size_t used = 0;
	int t;

	buf[0] = '\0';
	for (t = 0; rows != NULL && t < BT__COUNT && used < len; t++)
		if (rows->span[t] > 0)
			used += (size_t)snprintf(buf + used, len - used, "%s%s %lld",
			    used > 0 ? ", " : "", bench_tables[t], (long long)rows->span[t]);
}
