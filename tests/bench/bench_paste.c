/*
 * bench_paste: how long a paste takes, through a pty and libvterm: 100 KB and
 * 1 MB of text pasted into a one-line field and into a multi-line field of a
 * new registration, timed from the first byte written until the program has
 * acted on the key that follows the paste (Shift-Tab: the cursor is on the
 * field before). Prints a table; asserts nothing (numbers go in notes).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "e2e/app.h"

#define BENCH_CAP	120000	/* ms; a paste slower than this is cut short */

struct bench_case {
	const char	*what;
	int		 tabs;		/* from Surname to the field */
	int		 back_row;	/* the cursor row of the field before it */
	bool		 lines;		/* the text has line breaks */
};

static const struct bench_case bench_cases[] = {
	{ "one-line text (Given names)", 1, 3, false },
	{ "multi-line text (Notes)", 7, 10, true },
};

static long long
bench_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

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

static void
bench_one(const struct bench_case *c, size_t len)
{
	struct e2e_db *db = e2e_db_new();
	struct vt *vt = e2e_start(db, NULL, 24, 80);
	char *text = bench_text(len, c->lines);
	long long t0, t1;
	size_t sent;
	bool ok;

	vt_wait_text(vt, "Find a case", 8000);
	vt_ctrl(vt, 'n');
	vt_wait_text(vt, "Surname", 5000);
	e2e_tabs(vt, c->tabs);
	vt_wait_cursor(vt, c->back_row + 1, 34, 5000);
	t0 = bench_ms();
	sent = vt_paste(vt, text, len, BENCH_CAP);
	vt_key(vt, VT_BACKTAB);
	ok = vt_wait_cursor(vt, c->back_row, 34, (int)(BENCH_CAP - (bench_ms() - t0)));
	t1 = bench_ms();
	if (ok && sent == len)
		printf("%-32s %8zu KB %10lld\n", c->what, len / 1000, t1 - t0);
	else
		printf("%-32s %8zu KB %10s (%zu bytes taken)\n", c->what, len / 1000, "> cap",
		    sent);
	fflush(stdout);
	free(text);
	vt_free(vt);
	e2e_db_free(db);
}

int
main(int argc, char **argv)
{
	size_t sizes[] = { 100000, 1000000 };
	size_t i, k, nsizes = 2;

	if (argc > 1) {		/* bench_paste BYTES: that size only */
		sizes[0] = strtoul(argv[1], NULL, 10);
		nsizes = 1;
	}
	printf("%-32s %11s %10s\n", "paste at 80x24 into", "size", "ms");
	for (i = 0; i < sizeof bench_cases / sizeof bench_cases[0]; i++)
		for (k = 0; k < nsizes; k++)
			bench_one(&bench_cases[i], sizes[k]);
	return 0;
}
