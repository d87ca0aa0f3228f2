/*
 * bench/office_paste: how long a paste takes through the pty: 100 KB and
 * 1 MB of text pasted into a one-line field (Given names) and into a
 * multi-line field (Notes) of a new registration of the small test forms,
 * timed from the first byte written until the program has acted on the key
 * that follows the paste (Shift-Tab: the cursor is on the field before).
 */
#include "bench/office.h"

#include <stdlib.h>
#include <string.h>

#include "e2e/app.h"

#define BENCH_CAP	120000	/* ms; a paste slower than this is cut short */

struct bench_field {
	int	tabs;		/* from Surname to the field */
	int	back_row;	/* the cursor row of the field before it */
	bool	lines;		/* the text has line breaks */
};

static const struct bench_field bench_line = { 1, 3, false };	/* Given names */
static const struct bench_field bench_multi = { 7, 10, true };	/* Notes */

/* Words and line breaks, as text copied from a document would be. */
static char *
bench_text(size_t len, bool lines)
{
	static const char words[] = "Lorem ipsum dolor sit amet consectetur adipiscing elit ";
	char *s = malloc(len + 1);
	size_t i;

	if (s == NULL)
		abort();
	for (i = 0; i < len; i++)
		s[i] = words[i % (sizeof words - 1)];
	for (i = 70; lines && i < len; i += 71)
		s[i] = '\r';	/* what a terminal sends for a pasted line break */
	s[len] = '\0';
	return s;
}

/* The time of one paste of len bytes, -1 when it was cut short. */
static double
bench_paste_one(const struct bench_field *f, size_t len)
{
	struct e2e_db *db = e2e_db_new();
	struct vt *vt = e2e_start(db, NULL, 24, 80);
	char *text = bench_text(len, f->lines);
	double t0, t = -1;
	size_t sent;

	vt_wait_text(vt, "Find a case", 8000);
	vt_ctrl(vt, 'n');
	vt_wait_text(vt, "Surname", 5000);
	e2e_tabs(vt, f->tabs);
	vt_wait_cursor(vt, f->back_row + 1, 34, 5000);
	t0 = bench_ms();
	sent = vt_paste(vt, text, len, BENCH_CAP);
	vt_key(vt, VT_BACKTAB);
	if (vt_wait_cursor(vt, f->back_row, 34, (int)(BENCH_CAP - (bench_ms() - t0))) &&
	    sent == len)
		t = bench_ms() - t0;
	free(text);
	vt_free(vt);
	e2e_db_free(db);
	return t;
}

void
bench_paste_measure(int runs, struct bench_paste *p)
{
	double t;
	int r;

	memset(p, 0, sizeof *p);
	for (r = 0; r < runs; r++) {
		if ((t = bench_paste_one(&bench_line, 100000)) >= 0)
			bench_runs_add(&p->line, t);
		if ((t = bench_paste_one(&bench_multi, 100000)) >= 0)
			bench_runs_add(&p->multi, t);
	}
	p->line_mb = bench_paste_one(&bench_line, 1000000);
	p->multi_mb = bench_paste_one(&bench_multi, 1000000);
}
