/* bench/office_search: a search as typed into Find (see office.h). */
#include "bench/office.h"

#include <stdlib.h>
#include <string.h>

#include "db/search.h"
#include "util/mem.h"

/* Surnames of the demo, parts of case numbers, one letter, a Cyrillic name. */
static const char *const bench_queries[] = {
	"ivanov", "gelashvili", "301", "avrr-2", "a", "Иванов", NULL
};

#define BENCH_SHOWN	200	/* the rows Find reads (ui/caselist) */

/* The prefix of q that is its first n characters (UTF-8). */
static char *
bench_prefix(const char *q, size_t n)
{
	const char *p = q;

	while (*p != '\0' && n > 0) {
		p++;
		while (((unsigned char)*p & 0xc0) == 0x80)
			p++;
		n--;
	}
	return xstrndup(q, (size_t)(p - q));
}

static size_t
bench_chars(const char *q)
{
	size_t n = 0;

	for (; *q != '\0'; q++)
		n += ((unsigned char)*q & 0xc0) != 0x80;
	return n;
}

/* What a keystroke in Find reads: the rows shown and the count of all. */
static double
bench_keystroke(struct db *db, const char *q)
{
	struct db_hit *h = NULL;
	size_t n = 0, total = 0;
	double t0 = bench_ms();

	db_search(db, q, BENCH_SHOWN, &h, &n, NULL);
	db_search_count(db, q, &total, NULL);
	t0 = bench_ms() - t0;
	db_hits_free(h, n);
	return t0;
}

void
bench_search_db(struct db *db, int runs, struct bench_runs *ms)
{
	size_t i, k;
	char *p;
	int r;

	for (r = 0; r < runs; r++)
		for (i = 0; bench_queries[i] != NULL; i++)
			for (k = 1; k <= bench_chars(bench_queries[i]); k++) {
				p = bench_prefix(bench_queries[i], k);
				bench_runs_add(ms, bench_keystroke(db, p));
				free(p);
			}
}

/* The heading Find shows for query q, as ui/caselist words it. */
static char *
bench_heading(struct db *db, const char *q)
{
	size_t total = 0;

	db_search_count(db, q, &total, NULL);
	return xasprintf("Cases found: %zu", total);
}

/* True when row 3 is the heading of the result (not one that starts alike). */
static bool
bench_heading_shown(struct vt *vt, const char *head)
{
	const char *row = vt_row(vt, 3), *at = strstr(row, head);
	char next;

	if (at == NULL)
		return false;
	next = at[strlen(head)];
	return next < '0' || next > '9';
}

/* One key typed into Find: from the key to the result on screen. */
static double
bench_search_key(struct vt *vt, struct db *db, const char *prefix, const char *key)
{
	char *head = bench_heading(db, prefix);
	double t0 = bench_ms(), shown = -1, last;

	vt_type(vt, key);
	if (vt_wait_row_text(vt, 1, prefix, 10000))
		while (bench_ms() - t0 < 10000) {
			if (bench_heading_shown(vt, head)) {
				shown = bench_ms();
				break;
			}
			vt_wait_row_text(vt, 3, head, 10);
		}
	free(head);
	if (shown < 0)
		return -1;
	last = bench_pty_settle(vt, 30, 2000);
	return (last > 0 ? last : shown) - t0;
}

/* Each query from an empty Find: Esc and ^F again in between. */
static bool
bench_search_query(struct vt *vt, struct db *db, const char *q, struct bench_runs *ms)
{
	size_t k, n = bench_chars(q), done = 0;
	char *p, *key;
	double t;
	bool ok = true;

	vt_ctrl(vt, 'f');
	if (!vt_wait_text(vt, "Recently changed cases", 10000))
		return false;
	bench_pty_settle(vt, 40, 2000);
	for (k = 1; ok && k <= n; k++) {
		p = bench_prefix(q, k);
		key = xstrndup(p + done, strlen(p) - done);	/* the k-th character */
		done = strlen(p);
		t = bench_search_key(vt, db, p, key);
		ok = t >= 0;
		if (ok)
			bench_runs_add(ms, t);
		free(key);
		free(p);
	}
	vt_key(vt, VT_ESC);
	vt_wait_text(vt, "Register a new case", 10000);
	bench_pty_settle(vt, 40, 2000);
	return ok;
}

bool
bench_search_tui(struct db *db, const char *path, const char *user, int runs,
    struct bench_runs *ms)
{
	struct bench_prog p;
	struct bench_start s;
	size_t i;
	bool ok;
	int r;

	bench_pty_avrr(&p, path, user);
	if (!bench_pty_start(&p, &s))
		return false;
	for (ok = true, r = 0; ok && r < runs; r++)
		for (i = 0; ok && bench_queries[i] != NULL; i++)
			ok = bench_search_query(s.vt, db, bench_queries[i], ms);
	if (!ok)
		vt_dump(s.vt, stderr);
	bench_pty_quit(s.vt, 'x');
	return ok;
}
