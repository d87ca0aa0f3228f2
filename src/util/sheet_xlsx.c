/*
 * util/sheet: the XLSX reader. libzip opens the workbook's parts, expat
 * reads each (namespace-aware: elements and attributes are matched by their
 * local names, whatever prefix a writer gave them).
 */
#include "util/sheet.h"

#include <expat.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "util/date.h"
#include "util/mem.h"
#include "util/str.h"
#include "util/tr.h"
#include "util/utf8.h"

#define SHEET_NS_SEP	'|'

/* How a cell style shows a number. */
enum sheet_num { SHEET_NUM_PLAIN, SHEET_NUM_DATE, SHEET_NUM_DATETIME };

struct sheet_book {
	const char	*path;
	zip_t		*zip;
	char		**strings;	/* the shared strings */
	size_t		 nstrings, capstrings;
	unsigned char	*xfs;		/* enum sheet_num of each cell style */
	size_t		 nxfs, capxfs;
	bool		 date1904;
	char		*err;
};

/* The local part of an expat name ("uri|local" or "local"). */
static const char *
sheet_local(const char *name)
{
	const char *bar = strrchr(name, SHEET_NS_SEP);

	return bar != NULL ? bar + 1 : name;
}

static const char *
sheet_attr(const char **atts, const char *local)
{
	for (; atts[0] != NULL; atts += 2)
		if (strcmp(sheet_local(atts[0]), local) == 0)
			return atts[1];
	return NULL;
}

/* A part of the workbook (malloc'd, NUL after it); NULL when absent, or with
 * book->err when it cannot be read. */
static char *
sheet_part(struct sheet_book *b, const char *name, size_t *len)
{
	zip_stat_t st;
	zip_file_t *f;
	char *text;
	zip_int64_t got;

	if (zip_stat(b->zip, name, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE))
		return NULL;
	if (st.size > SHEET_MAX_BYTES || (f = zip_fopen(b->zip, name, 0)) == NULL) {
		b->err = xasprintf(_("%s: the part %s of the workbook cannot be read"),
		    b->path, name);
		return NULL;
	}
	text = xmalloc((size_t)st.size + 1);
	got = zip_fread(f, text, st.size);
	zip_fclose(f);
	if (got < 0 || (zip_uint64_t)got != st.size) {
		b->err = xasprintf(_("%s: the part %s of the workbook is damaged"), b->path,
		    name);
		free(text);
		return NULL;
	}
	text[st.size] = '\0';
	*len = (size_t)st.size;
	return text;
}

/* Runs expat over a part with the handlers and arg; false with b->err. */
static bool
sheet_xml(struct sheet_book *b, const char *name, bool needed, XML_StartElementHandler start,
    XML_EndElementHandler end, XML_CharacterDataHandler text, void *arg)
{
	size_t len = 0;
	char *xml = sheet_part(b, name, &len);
	XML_Parser p;
	bool ok;

	if (xml == NULL) {
		if (b->err == NULL && needed)
			b->err = xasprintf(_("%s: not an XLSX workbook (no %s)"), b->path, name);
		return b->err == NULL;
	}
	p = XML_ParserCreateNS("UTF-8", SHEET_NS_SEP);
	if (p == NULL)
		util_die("out of memory");
	XML_SetUserData(p, arg);
	XML_SetElementHandler(p, start, end);
	XML_SetCharacterDataHandler(p, text);
	ok = XML_Parse(p, xml, (int)len, 1) == XML_STATUS_OK;
	if (!ok && b->err == NULL)
		b->err = xasprintf(_("%s: the part %s of the workbook is damaged (line %lu: %s)"),
		    b->path, name, (unsigned long)XML_GetCurrentLineNumber(p),
		    XML_ErrorString(XML_GetErrorCode(p)));
	XML_ParserFree(p);
	free(xml);
	return ok && b->err == NULL;
}

/* ---- the workbook and its relationships ------------------------------- */

struct sheet_find {
	const char	*want;		/* the sheet's name, NULL: the first */
	char		*rid;		/* its relationship */
	char		*target;	/* the part the relationship names */
	bool		*date1904;
};

static void
sheet_book_start(void *arg, const char *el, const char **atts)
{
	struct sheet_find *f = arg;
	const char *name = sheet_attr(atts, "name"), *id = sheet_attr(atts, "id");
	const char *d = sheet_attr(atts, "date1904");

	el = sheet_local(el);
	if (strcmp(el, "workbookPr") == 0 && d != NULL)
		*f->date1904 = str_eq(d, "1") || str_eq(d, "true");
	if (strcmp(el, "sheet") != 0 || f->rid != NULL || name == NULL || id == NULL)
		return;
	if (f->want == NULL || strcmp(f->want, name) == 0)
		f->rid = xstrdup(id);
}

static void
sheet_rels_start(void *arg, const char *el, const char **atts)
{
	struct sheet_find *f = arg;
	const char *id = sheet_attr(atts, "Id"), *target = sheet_attr(atts, "Target");

	if (strcmp(sheet_local(el), "Relationship") != 0 || id == NULL || target == NULL ||
	    f->target != NULL || !str_eq(id, f->rid))
		return;
	/* relative to xl/, or absolute within the package */
	f->target = target[0] == '/' ? xstrdup(target + 1) : xasprintf("xl/%s", target);
}

static void
sheet_no_end(void *arg, const char *el)
{
}

static void
sheet_no_text(void *arg, const char *s, int len)
{
}

/* The part of the sheet wanted (malloc'd), or NULL with b->err. */
static char *
sheet_book_find(struct sheet_book *b, const char *want)
{
	struct sheet_find f = { .want = want, .date1904 = &b->date1904 };

	if (!sheet_xml(b, "xl/workbook.xml", true, sheet_book_start, sheet_no_end,
	    sheet_no_text, &f))
		return NULL;
	if (f.rid == NULL) {
		b->err = want != NULL ? xasprintf(_("%s: no sheet named '%s'"), b->path, want) :
		    xasprintf(_("%s: the workbook has no sheet"), b->path);
		return NULL;
	}
	if (sheet_xml(b, "xl/_rels/workbook.xml.rels", true, sheet_rels_start, sheet_no_end,
	    sheet_no_text, &f) && f.target == NULL)
		b->err = xasprintf(_("%s: the workbook names no part for the sheet"), b->path);
	free(f.rid);
	if (b->err != NULL) {
		free(f.target);
		return NULL;
	}
	return f.target;
}

/* ---- shared strings ------------------------------------------------------ */

struct sheet_sst {
	struct sheet_book *b;
	struct strbuf	 sb;
	int		 in_si, in_t, in_rph;
};

static void
sheet_sst_start(void *arg, const char *el, const char **atts)
{
	struct sheet_sst *s = arg;

	el = sheet_local(el);
	if (strcmp(el, "si") == 0) {
		s->in_si = 1;
		strbuf_reset(&s->sb);
	} else if (strcmp(el, "rPh") == 0)
		s->in_rph++;	/* phonetic guides are no part of the text */
	else if (strcmp(el, "t") == 0)
		s->in_t++;
}

static void
sheet_sst_end(void *arg, const char *el)
{
	struct sheet_sst *s = arg;
	struct sheet_book *b = s->b;

	el = sheet_local(el);
	if (strcmp(el, "rPh") == 0)
		s->in_rph--;
	else if (strcmp(el, "t") == 0)
		s->in_t--;
	else if (strcmp(el, "si") == 0) {
		b->strings = xgrow(b->strings, &b->capstrings, b->nstrings + 1,
		    sizeof *b->strings);
		b->strings[b->nstrings++] = xstrdup(strbuf_str(&s->sb));
		s->in_si = 0;
	}
}

static void
sheet_sst_text(void *arg, const char *t, int len)
{
	struct sheet_sst *s = arg;

	if (s->in_si && s->in_t > 0 && s->in_rph == 0)
		strbuf_add(&s->sb, t, (size_t)len);
}

static bool
sheet_book_strings(struct sheet_book *b)
{
	struct sheet_sst s = { .b = b, .sb = STRBUF_INIT };
	bool ok = sheet_xml(b, "xl/sharedStrings.xml", false, sheet_sst_start, sheet_sst_end,
	    sheet_sst_text, &s);

	strbuf_free(&s.sb);
	return ok;
}

/* ---- styles: which cell styles show dates --------------------------------- */

struct sheet_fmt {
	long	id;
	enum sheet_num kind;
};

struct sheet_styles {
	struct sheet_book *b;
	struct sheet_fmt *fmts;
	size_t		 nfmts, capfmts;
	int		 in_xfs;
};

/* A custom format's kind: a date when it shows days, months or years
 * (outside quoted text, escapes and [brackets]); "m" beside hours or
 * seconds is minutes. */
static enum sheet_num
sheet_fmt_kind(const char *code)
{
	bool day = false, mon = false, hour = false, quoted = false;
	int bracket = 0;
	const char *s;

	for (s = code; *s != '\0'; s++) {
		if (*s == '\\' && s[1] != '\0') {
			s++;
			continue;
		}
		quoted ^= *s == '"';
		bracket += *s == '[' ? 1 : *s == ']' && bracket > 0 ? -1 : 0;
		if (quoted || bracket > 0)
			continue;
		day |= strchr("dDyY", *s) != NULL;
		mon |= strchr("mM", *s) != NULL;
		hour |= strchr("hHsS", *s) != NULL;
	}
	if (day || (mon && !hour))
		return hour ? SHEET_NUM_DATETIME : SHEET_NUM_DATE;
	return SHEET_NUM_PLAIN;
}

/* The kind of number format id: the built-in dates, else a custom one. */
static enum sheet_num
sheet_styles_kind(const struct sheet_styles *s, long id)
{
	size_t i;

	if (id >= 14 && id <= 17)
		return SHEET_NUM_DATE;
	if (id == 22)
		return SHEET_NUM_DATETIME;
	for (i = 0; i < s->nfmts; i++)
		if (s->fmts[i].id == id)
			return s->fmts[i].kind;
	return SHEET_NUM_PLAIN;
}

static void
sheet_styles_start(void *arg, const char *el, const char **atts)
{
	struct sheet_styles *s = arg;
	struct sheet_book *b = s->b;
	const char *id = sheet_attr(atts, "numFmtId"), *code = sheet_attr(atts, "formatCode");

	el = sheet_local(el);
	if (strcmp(el, "cellXfs") == 0)
		s->in_xfs = 1;
	else if (strcmp(el, "numFmt") == 0 && id != NULL && code != NULL) {
		s->fmts = xgrow(s->fmts, &s->capfmts, s->nfmts + 1, sizeof *s->fmts);
		s->fmts[s->nfmts].id = strtol(id, NULL, 10);
		s->fmts[s->nfmts++].kind = sheet_fmt_kind(code);
	} else if (strcmp(el, "xf") == 0 && s->in_xfs) {
		b->xfs = xgrow(b->xfs, &b->capxfs, b->nxfs + 1, 1);
		b->xfs[b->nxfs++] = (unsigned char)(id != NULL ?
		    sheet_styles_kind(s, strtol(id, NULL, 10)) : SHEET_NUM_PLAIN);
	}
}

static void
sheet_styles_end(void *arg, const char *el)
{
	struct sheet_styles *s = arg;

	if (strcmp(sheet_local(el), "cellXfs") == 0)
		s->in_xfs = 0;
}

static bool
sheet_book_styles(struct sheet_book *b)
{
	struct sheet_styles s = { .b = b };
	bool ok = sheet_xml(b, "xl/styles.xml", false, sheet_styles_start, sheet_styles_end,
	    sheet_no_text, &s);

	free(s.fmts);
	return ok;
}

/* ---- the sheet's cells ------------------------------------------------------ */

struct sheet_cells {
	struct sheet_book *b;
	struct sheet	*out;
	struct sheet_row *row;
	long		 last_row;
	long		 col;		/* the cell's column, 0-based */
	char		 type[16];	/* its t attribute */
	long		 style;
	int		 in_c, in_v, in_t;
	struct strbuf	 sb;
};

/* The column of a reference such as "BC12" (0-based), -1 without letters. */
static long
sheet_ref_col(const char *ref)
{
	long col = 0;
	const char *s;

	for (s = ref; *s >= 'A' && *s <= 'Z' && col < 100000; s++)
		col = col * 26 + (*s - 'A' + 1);
	return s == ref ? -1 : col - 1;
}

static void
sheet_cells_row(struct sheet_cells *c, const char **atts)
{
	const char *r = sheet_attr(atts, "r");
	long no = r != NULL ? strtol(r, NULL, 10) : 0;

	if (no <= c->last_row)
		no = c->last_row + 1;
	c->last_row = no;
	c->row = sheet_add_row(c->out, no);
	c->col = -1;
}

static void
sheet_cells_start(void *arg, const char *el, const char **atts)
{
	struct sheet_cells *c = arg;
	const char *ref, *t, *s;
	long col;

	el = sheet_local(el);
	if (strcmp(el, "row") == 0)
		sheet_cells_row(c, atts);
	else if (strcmp(el, "c") == 0 && c->row != NULL) {
		ref = sheet_attr(atts, "r");
		t = sheet_attr(atts, "t");
		s = sheet_attr(atts, "s");
		col = ref != NULL ? sheet_ref_col(ref) : -1;
		c->col = col >= 0 && col > c->col ? col : c->col + 1;
		snprintf(c->type, sizeof c->type, "%s", t != NULL ? t : "n");
		c->style = s != NULL ? strtol(s, NULL, 10) : 0;
		c->in_c = 1;
		strbuf_reset(&c->sb);
	} else if (c->in_c && strcmp(el, "v") == 0)
		c->in_v = 1;
	else if (c->in_c && strcmp(el, "t") == 0)
		c->in_t = 1;	/* an inline string's text (rich runs too) */
}

/* A date serial as YYYY-MM-DD (and HH:MM when asked and not midnight);
 * NULL when it is no date. */
static char *
sheet_date_text(const struct sheet_book *b, const char *v, enum sheet_num kind)
{
	static const struct date base1900 = { 1899, 12, 30 }, base1904 = { 1904, 1, 1 };
	char *end, buf[DATE_LEN];
	double serial = strtod(v, &end);
	long days, mins;
	struct date d;

	if (end == v || *end != '\0' || !(serial >= 0 && serial < 2958466))
		return NULL;
	days = (long)serial;	/* not negative: truncation is the floor */
	mins = (long)((serial - (double)days) * 24 * 60 + 0.5);
	if (mins >= 24 * 60) {
		days++;
		mins = 0;
	}
	/* 1900 system: serial 60 is the 29th of February 1900 Excel believes in */
	if (!b->date1904 && days < 61)
		days += days == 60 ? 0 : 1;
	d = date_from_days(date_to_days(b->date1904 ? &base1904 : &base1900) + days);
	date_format(&d, buf);
	if (kind == SHEET_NUM_DATETIME && mins != 0)
		return xasprintf("%s %02ld:%02ld", buf, mins / 60, mins % 60);
	return xstrdup(buf);
}

/* The text of the cell just read, NULL when empty. */
static char *
sheet_cells_value(struct sheet_cells *c)
{
	const char *v = strbuf_str(&c->sb);
	struct sheet_book *b = c->b;
	char *end, *t;
	long k;

	if (c->sb.len == 0)
		return NULL;
	if (strcmp(c->type, "s") == 0) {
		k = strtol(v, &end, 10);
		return end != v && k >= 0 && (size_t)k < b->nstrings && b->strings[k][0] != '\0' ?
		    xstrdup(b->strings[k]) : NULL;
	}
	if (strcmp(c->type, "b") == 0)
		return xstrdup(str_eq(v, "1") ? "TRUE" : "FALSE");
	if (strcmp(c->type, "n") == 0 && c->style >= 0 && (size_t)c->style < b->nxfs &&
	    b->xfs[c->style] != SHEET_NUM_PLAIN &&
	    (t = sheet_date_text(b, v, (enum sheet_num)b->xfs[c->style])) != NULL)
		return t;
	return xstrdup(v);
}

static void
sheet_cells_end(void *arg, const char *el)
{
	struct sheet_cells *c = arg;
	char *v;

	el = sheet_local(el);
	if (strcmp(el, "v") == 0)
		c->in_v = 0;
	else if (strcmp(el, "t") == 0)
		c->in_t = 0;
	else if (strcmp(el, "c") == 0 && c->in_c) {
		c->in_c = 0;
		if ((v = sheet_cells_value(c)) != NULL)
			sheet_set_cell(c->row, (size_t)c->col, v);
	} else if (strcmp(el, "row") == 0)
		c->row = NULL;
}

static void
sheet_cells_text(void *arg, const char *t, int len)
{
	struct sheet_cells *c = arg;
	bool inl = strcmp(c->type, "inlineStr") == 0;

	if ((c->in_v && !inl) || (c->in_t && inl))
		strbuf_add(&c->sb, t, (size_t)len);
}

/* A CRLF or CR that a writer left inside a cell becomes LF. */
static void
sheet_cells_lf(struct sheet *out)
{
	size_t i, k, n;
	char *s;

	for (i = 0; i < out->nrows; i++)
		for (k = 0; k < out->rows[i].ncells; k++) {
			if ((s = out->rows[i].cells[k]) == NULL)
				continue;
			for (n = 0; *s != '\0'; s++)
				if (!(s[0] == '\r' && s[1] == '\n'))
					out->rows[i].cells[k][n++] = *s == '\r' ? '\n' : *s;
			out->rows[i].cells[k][n] = '\0';
		}
}

static bool
sheet_book_cells(struct sheet_book *b, const char *part, struct sheet *out)
{
	struct sheet_cells c = { .b = b, .out = out, .sb = STRBUF_INIT };
	bool ok = sheet_xml(b, part, true, sheet_cells_start, sheet_cells_end,
	    sheet_cells_text, &c);

	strbuf_free(&c.sb);
	if (ok)
		sheet_cells_lf(out);
	return ok;
}

static void
sheet_book_close(struct sheet_book *b)
{
	size_t i;

	for (i = 0; i < b->nstrings; i++)
		free(b->strings[i]);
	free(b->strings);
	free(b->xfs);
	if (b->zip != NULL)
		zip_discard(b->zip);
}

bool
sheet_read_xlsx(const char *path, const char *name, struct sheet *out, char **err)
{
	struct sheet_book b = { .path = path };
	zip_error_t ze;
	char *part = NULL;
	int code = 0;

	memset(out, 0, sizeof *out);
	if ((b.zip = zip_open(path, ZIP_RDONLY, &code)) == NULL) {
		zip_error_init_with_code(&ze, code);
		b.err = xasprintf(_("%s: not an XLSX workbook (%s)"), path,
		    zip_error_strerror(&ze));
		zip_error_fini(&ze);
	} else if ((part = sheet_book_find(&b, name)) != NULL && sheet_book_strings(&b) &&
	    sheet_book_styles(&b))
		sheet_book_cells(&b, part, out);
	free(part);
	sheet_book_close(&b);
	if (b.err != NULL) {
		sheet_free(out);
		*err = b.err;
		return false;
	}
	return true;
}
