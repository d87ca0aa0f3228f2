/* util/sheet: the rows and cells, and the CSV reader (libcsv). */
#include "util/sheet.h"

#include <csv.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/mem.h"
#include "util/tr.h"
#include "util/utf8.h"

struct sheet_row *
sheet_add_row(struct sheet *s, long no)
{
	struct sheet_row *r;

	s->rows = xgrow(s->rows, &s->cap, s->nrows + 1, sizeof *s->rows);
	r = &s->rows[s->nrows++];
	memset(r, 0, sizeof *r);
	r->no = no;
	return r;
}

void
sheet_set_cell(struct sheet_row *r, size_t col, char *text)
{
	r->cells = xgrow(r->cells, &r->cap, col + 1, sizeof *r->cells);
	while (r->ncells <= col)
		r->cells[r->ncells++] = NULL;
	free(r->cells[col]);
	r->cells[col] = text;
}

const char *
sheet_cell(const struct sheet_row *r, size_t col)
{
	return col < r->ncells ? r->cells[col] : NULL;
}

void
sheet_free(struct sheet *s)
{
	size_t i, k;

	for (i = 0; i < s->nrows; i++) {
		for (k = 0; k < s->rows[i].ncells; k++)
			free(s->rows[i].cells[k]);
		free(s->rows[i].cells);
	}
	free(s->rows);
	memset(s, 0, sizeof *s);
}

void
sheet_col_letters(size_t col, char buf[8])
{
	char tmp[8];
	size_t n = 0, i;

	col++;
	while (col > 0 && n < 7) {
		tmp[n++] = (char)('A' + (col - 1) % 26);
		col = (col - 1) / 26;
	}
	for (i = 0; i < n; i++)
		buf[i] = tmp[n - 1 - i];
	buf[n] = '\0';
}

/* The whole file (malloc'd, NUL after it), or NULL with *err. */
static char *
sheet_slurp(const char *path, size_t *len, char **err)
{
	FILE *f = fopen(path, "rb");
	size_t n = 0, cap = 0, got;
	char *buf = NULL;

	if (f == NULL) {
		*err = xasprintf("%s: %s", path, strerror(errno));
		return NULL;
	}
	do {
		buf = xgrow(buf, &cap, n + 65536 + 1, 1);
		got = fread(buf + n, 1, cap - n - 1, f);
		n += got;
	} while (got > 0 && n <= SHEET_MAX_BYTES);
	if (ferror(f) || n > SHEET_MAX_BYTES) {
		*err = ferror(f) ? xasprintf("%s: %s", path, strerror(errno)) :
		    xasprintf(_("%s: the file is too large"), path);
		free(buf);
		buf = NULL;
	} else {
		buf[n] = '\0';
		*len = n;
	}
	fclose(f);
	return buf;
}

/* The delimiter the first line holds most of outside quotes. */
static unsigned char
sheet_csv_delim(const char *s, size_t n)
{
	static const unsigned char cand[] = { ',', ';', '\t' };
	size_t count[3] = { 0 }, i, k, best = 0;
	bool quoted = false;

	for (i = 0; i < n && (quoted || (s[i] != '\n' && s[i] != '\r')); i++) {
		if (s[i] == '"')
			quoted = !quoted;
		for (k = 0; k < 3 && !quoted; k++)
			count[k] += (unsigned char)s[i] == cand[k];
	}
	for (k = 1; k < 3; k++)
		if (count[k] > count[best])
			best = k;
	return cand[best];
}

/* What the libcsv callbacks fill. */
struct sheet_csv {
	const char	*path;
	struct sheet	*out;
	struct sheet_row *row;		/* the row being read, or NULL */
	size_t		 col;
	long		 no;		/* the number of the line being read */
	int		 last_end;	/* the character that ended the last line */
	char		*err;
};

/* A cell: its CRLF as LF; text that is not UTF-8 is an error of its row. */
static void
sheet_csv_cell(void *s, size_t len, void *arg)
{
	struct sheet_csv *c = arg;
	char *t = xmalloc(len + 1), *p = s;
	size_t i, n = 0;

	for (i = 0; i < len; i++)
		if (!(p[i] == '\r' && i + 1 < len && p[i + 1] == '\n'))
			t[n++] = p[i];
	t[n] = '\0';
	if (c->err == NULL && !utf8_valid(t, n))
		c->err = xasprintf(_("%s:%ld: the text is not UTF-8 (save the file as CSV "
		    "UTF-8)"), c->path, c->no);
	if (c->row == NULL)
		c->row = sheet_add_row(c->out, c->no);
	if (len == 0) {
		free(t);
		t = NULL;
	}
	sheet_set_cell(c->row, c->col++, t);
}

/* A line end (every one: CSV_REPALL_NL). The LF of a CRLF that ended no row
 * is no line of its own; any other end without cells is a blank line. */
static void
sheet_csv_end(int ch, void *arg)
{
	struct sheet_csv *c = arg;

	if (c->row == NULL && ch == '\n' && c->last_end == '\r') {
		c->last_end = ch;
		return;
	}
	c->last_end = ch;
	if (c->row != NULL || ch != -1)
		c->no++;
	c->row = NULL;
	c->col = 0;
}

/* Only blanks are trimmed around an unquoted cell (a tab may delimit). */
static int
sheet_csv_space(unsigned char ch)
{
	return ch == ' ';
}

/* Runs libcsv over text; false with c->err. */
static bool
sheet_csv_parse(struct sheet_csv *c, const char *text, size_t len)
{
	struct csv_parser p;
	bool ok;

	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL) != 0)
		util_die("csv_init failed");
	csv_set_delim(&p, sheet_csv_delim(text, len));
	csv_set_space_func(&p, sheet_csv_space);
	ok = csv_parse(&p, text, len, sheet_csv_cell, sheet_csv_end, c) == len;
	if (ok)
		ok = csv_fini(&p, sheet_csv_cell, sheet_csv_end, c) == 0;
	if (!ok && c->err == NULL)
		c->err = xasprintf(csv_error(&p) == CSV_EPARSE ? (p.quoted ?
		    _("%s:%ld: a quoted cell is not closed") :
		    _("%s:%ld: a stray quote (a quote inside a cell must be doubled and the "
		    "cell quoted)")) : _("%s:%ld: the file cannot be read as CSV"),
		    c->path, c->no);
	csv_free(&p);
	return ok && c->err == NULL;
}

bool
sheet_read_csv(const char *path, struct sheet *out, char **err)
{
	struct sheet_csv c = { .path = path, .out = out, .no = 1 };
	size_t len, skip = 0;
	char *text;
	bool ok;

	memset(out, 0, sizeof *out);
	if ((text = sheet_slurp(path, &len, err)) == NULL)
		return false;
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		skip = 3;
	ok = sheet_csv_parse(&c, text + skip, len - skip);
	if (!ok) {
		*err = c.err;
		sheet_free(out);
	}
	free(text);
	return ok;
}
