/* bench/office_table: the one table of bench_office (see office.h). */
#include "bench/office.h"

#include <stdlib.h>
#include <string.h>

#include "util/mem.h"

static const char *const bench_heads[BENCH_COLS] = {
	"#", "figure", "avrr median", "avrr worst", "peer (same run)", "ratio", "target",
	"verdict", "note"
};

void
bench_fmt(char *buf, size_t len, double v, const char *unit)
{
	if (strcmp(unit, "ms") == 0)
		snprintf(buf, len, v < 10 ? "%.2f ms" : "%.1f ms", v);
	else if (strcmp(unit, "B") == 0)
		snprintf(buf, len, "%.0f B", v);
	else if (strcmp(unit, "B/key") == 0)
		snprintf(buf, len, "%.1f B", v);
	else if (strcmp(unit, "/s") == 0)
		snprintf(buf, len, "%.0f/s", v);
	else
		snprintf(buf, len, "%.2f %s", v, unit);
}

/* The ratio of the figure's value to its peer's, when there is one. */
static bool
bench_ratio(const struct bench_fig *f, double *r)
{
	if (!f->have || !f->have_peer || f->peer <= 0)
		return false;
	*r = f->median / f->peer;
	return true;
}

static const char *
bench_verdict(const struct bench_fig *f)
{
	double v = f->on_worst ? f->worst : f->median, r;

	if (!f->have)
		return f->goal == BG_NONE ? "" : "not measured";
	switch (f->goal) {
	case BG_RATIO_MAX: return !bench_ratio(f, &r) ? "no peer" : r <= f->limit ? "met" : "missed";
	case BG_RATIO_MIN: return !bench_ratio(f, &r) ? "no peer" : r >= f->limit ? "met" : "missed";
	case BG_MAX: return v <= f->limit ? "met" : "missed";
	case BG_LESS: return v < f->limit ? "met" : "missed";
	case BG_GIVEN: return f->met ? "met" : "missed";
	case BG_NONE: break;
	}
	return "";
}

static char **
bench_cells(const struct bench_fig *f)
{
	char **c = xcalloc(BENCH_COLS, sizeof *c), v[48], w[48];
	double r;

	bench_fmt(v, sizeof v, f->median, f->unit);
	bench_fmt(w, sizeof w, f->worst, f->unit);
	c[0] = xstrdup(f->id);
	c[1] = xstrdup(f->what);
	c[2] = xstrdup(!f->have ? "-" : f->median_text != NULL ? f->median_text : v);
	c[3] = !f->have || f->no_worst ? xstrdup("-") :
	    xasprintf("%s%s", f->worst_label != NULL ? f->worst_label : "", w);
	bench_fmt(v, sizeof v, f->peer, f->unit);
	c[4] = f->have_peer ? xasprintf("%s %s", f->peer_name, v) : xstrdup("-");
	c[5] = bench_ratio(f, &r) ? xasprintf("%.2fx", r) : xstrdup("-");
	c[6] = xstrdup(f->target != NULL ? f->target : "-");
	c[7] = xstrdup(bench_verdict(f));
	c[8] = xstrdup(f->note);
	return c;
}

void
bench_table_add(struct bench_table *t, const struct bench_fig *f)
{
	t->cells = xgrow(t->cells, &t->cap, t->n + 1, sizeof *t->cells);
	t->cells[t->n++] = bench_cells(f);
}

/* Characters, not bytes: the targets hold a few non-ASCII signs. */
static size_t
bench_width(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

static void
bench_pad(FILE *out, const char *s, size_t width, bool right)
{
	size_t w = bench_width(s);

	if (right)
		fprintf(out, "%*s", (int)(width > w ? width - w : 0), "");
	fputs(s, out);
	if (!right)
		fprintf(out, "%*s", (int)(width > w ? width - w : 0), "");
}

static void
bench_line(FILE *out, const char *const *cells, const size_t *width)
{
	size_t k;

	for (k = 0; k < BENCH_COLS; k++) {
		bench_pad(out, cells[k], width[k], k >= 2 && k <= 5);
		fputs(k + 1 < BENCH_COLS ? "  " : "\n", out);
	}
}

void
bench_table_print(const struct bench_table *t, FILE *out)
{
	size_t width[BENCH_COLS], i, k;

	for (k = 0; k < BENCH_COLS; k++)
		width[k] = bench_width(bench_heads[k]);
	for (i = 0; i < t->n; i++)
		for (k = 0; k < BENCH_COLS; k++)
			if (bench_width(t->cells[i][k]) > width[k])
				width[k] = bench_width(t->cells[i][k]);
	width[BENCH_COLS - 1] = 0;	/* the last column is not padded */
	bench_line(out, bench_heads, width);
	for (i = 0; i < t->n; i++)
		bench_line(out, (const char *const *)t->cells[i], width);
}

static void
bench_md_line(FILE *out, const char *const *cells)
{
	const char *p;
	size_t k;

	for (k = 0; k < BENCH_COLS; k++) {
		fputs("| ", out);
		for (p = cells[k]; *p != '\0'; p++)
			fputs(*p == '|' ? "\\|" : (char[]){ *p, '\0' }, out);
		fputc(' ', out);
	}
	fputs("|\n", out);
}

void
bench_table_markdown(const struct bench_table *t, FILE *out)
{
	static const char *const rule[BENCH_COLS] = {
		"---", "---", "---:", "---:", "---:", "---:", "---", "---", "---"
	};
	size_t i;

	bench_md_line(out, bench_heads);
	bench_md_line(out, rule);
	for (i = 0; i < t->n; i++)
		bench_md_line(out, (const char *const *)t->cells[i]);
}

void
bench_table_free(struct bench_table *t)
{
	size_t i, k;

	for (i = 0; i < t->n; i++) {
		for (k = 0; k < BENCH_COLS; k++)
			free(t->cells[i][k]);
		free(t->cells[i]);
	}
	free(t->cells);
	memset(t, 0, sizeof *t);
}
