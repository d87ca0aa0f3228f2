/* bench/office_pty: avrr and its peer dialog in a pty (see office.h). */
#include "bench/office.h"

#include <stdlib.h>
#include <string.h>

#define BENCH_ROWS	24
#define BENCH_COLS_PTY	80
#define BENCH_QUIET	50	/* ms without a byte: the screen is whole */

/* AVRR_TODAY goes on to the programs when the bench runs under it. */
static void
bench_pty_env(struct bench_prog *p)
{
	const char *today = getenv("AVRR_TODAY");

	memset(p->env, 0, sizeof p->env);
	if (today != NULL) {
		snprintf(p->today, sizeof p->today, "AVRR_TODAY=%s", today);
		p->env[0] = p->today;
	}
}

void
bench_pty_avrr(struct bench_prog *p, const char *db, const char *user)
{
	static const char *const args[] = { "avrr", "--db", NULL, "--user", NULL, NULL };

	memset(p, 0, sizeof *p);
	memcpy(p->argv, args, sizeof args);
	p->argv[2] = db;
	p->argv[4] = user;
	p->name = "avrr";
	p->last_text = "F10/^X Quit";	/* the key bar, the bottom row */
	bench_pty_env(p);
}

/* dialog --form with six fields, the size of a short registration. */
void
bench_pty_dialog(struct bench_prog *p)
{
	static const char *const head[] = {
		"dialog", "--title", "Registration", "--form", "New case", "14", "60", "6"
	};
	static const char *const labels[] = {
		"Surname:", "Given names:", "Date of birth:", "Nationality:", "Phone:", "Project:"
	};
	static const char *const rows[] = { "1", "2", "3", "4", "5", "6" };
	size_t i, n = sizeof head / sizeof head[0];

	memset(p, 0, sizeof *p);
	memcpy(p->argv, head, sizeof head);
	for (i = 0; i < 6; i++) {
		const char *item[] = { labels[i], rows[i], "1", "", rows[i], "16", "30", "100" };

		memcpy(p->argv + n, item, sizeof item);
		n += 8;
	}
	p->argv[n] = NULL;
	p->name = "dialog";
	p->last_text = "<Cancel>";	/* the buttons, written with the rest at once */
	bench_pty_env(p);
}

double
bench_pty_settle(struct vt *vt, int quiet_ms, int cap_ms)
{
	double start = bench_ms(), last = 0, now = start;
	size_t bytes = vt_bytes(vt);

	while (now - (last > 0 ? last : start) < quiet_ms && now - start < cap_ms) {
		vt_pump(vt, 1);
		now = bench_ms();
		if (vt_bytes(vt) != bytes) {
			bytes = vt_bytes(vt);
			last = now;
		}
	}
	return last;
}

bool
bench_pty_start(const struct bench_prog *p, struct bench_start *s)
{
	double t0 = bench_ms(), shown, last;

	memset(s, 0, sizeof *s);
	s->vt = vt_spawn(p->argv, p->env, BENCH_ROWS, BENCH_COLS_PTY);
	if (!vt_wait_text(s->vt, p->last_text, 10000)) {
		fprintf(stderr, "bench: %s never showed \"%s\"\n", p->name, p->last_text);
		vt_dump(s->vt, stderr);
		vt_free(s->vt);
		s->vt = NULL;
		return false;
	}
	shown = bench_ms();
	last = bench_pty_settle(s->vt, BENCH_QUIET, 3000);
	s->ms = (last > 0 ? last : shown) - t0;
	s->bytes = vt_bytes(s->vt);
	return true;
}

double
bench_pty_until(struct vt *vt, const char *text, double since, int timeout_ms)
{
	double shown, last;

	if (!vt_wait_text(vt, text, timeout_ms))
		return -1;
	shown = bench_ms();
	last = bench_pty_settle(vt, 40, 3000);
	return (last > 0 ? last : shown) - since;
}

void
bench_pty_quit(struct vt *vt, char ctrl_key)
{
	if (vt == NULL)
		return;
	if (ctrl_key != 0)
		vt_ctrl(vt, ctrl_key);
	else
		vt_key(vt, VT_ESC);
	vt_wait_exit(vt, 2000);
	vt_free(vt);
}

/* The row holding text, or -1. */
static int
bench_pty_row_of(struct vt *vt, const char *text)
{
	int r, rows, cols;

	vt_size(vt, &rows, &cols);
	for (r = 0; r < rows; r++)
		if (strstr(vt_row(vt, r), text) != NULL)
			return r;
	return -1;
}

/* The screen column where text starts in row (in characters). */
static int
bench_pty_col_of(struct vt *vt, int row, const char *text)
{
	const char *line = vt_row(vt, row), *at = strstr(line, text), *p;
	int col = 0;

	for (p = line; at != NULL && p < at; p++)
		col += ((unsigned char)*p & 0xc0) != 0x80;
	return col;
}

bool
bench_pty_select(struct vt *vt, const char *text)
{
	int i, r;

	for (i = 0; i < 80; i++) {
		r = bench_pty_row_of(vt, text);
		if (r < 0)
			return false;
		if (vt_cell_attr(vt, r, bench_pty_col_of(vt, r, text), VT_REVERSE))
			return true;
		vt_key(vt, VT_DOWN);
		bench_pty_settle(vt, 30, 1000);
	}
	return false;
}
