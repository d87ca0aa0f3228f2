/* cmd/xlsx: a workbook through libxlsxwriter (cmd/xlsx.h). */
#include "cmd/xlsx.h"

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "cmd/cmd.h"
#include "form/value.h"
#include "util/date.h"
#include "util/mem.h"
#include "util/str.h"
#include "util/tr.h"
#include "util/utf8.h"

#define CMD_XLSX_NAME_MAX	31	/* Excel's limit of a sheet's name */
#define CMD_XLSX_WIDTH_MIN	8
#define CMD_XLSX_WIDTH_MAX	60
#define CMD_XLSX_NCUR		16	/* currencies given a number format of their own */
#define CMD_XLSX_NDEC		6	/* decimals shown as written, up to this many */

struct cmd_xlsx_sheet {
	struct cmd_xlsx	*x;
	lxw_worksheet	*ws;
	char		*name;
	int		*width;		/* per column, as written */
	uint16_t	 ncols;
};

struct cmd_xlsx {
	lxw_workbook		*wb;
	char			*path;
	bool			 new_only;
	lxw_error		 err;		/* the first error, or LXW_NO_ERROR */
	locale_t		 c_num;		/* the C locale's numbers while the workbook lives */
	locale_t		 was;
	lxw_format		*bold, *date, *datetime, *money;
	struct {
		char		 code[4];
		lxw_format	*fmt;
	}			 cur[CMD_XLSX_NCUR];
	size_t			 ncur;
	lxw_format		*dec[CMD_XLSX_NDEC + 1];	/* 0.0, 0.00, ... */
	struct cmd_xlsx_sheet	**sheets;
	size_t			 nsheets;
};

static void
cmd_xlsx_fail(struct cmd_xlsx *x, lxw_error err)
{
	if (x->err == LXW_NO_ERROR)
		x->err = err;
}

static lxw_format *
cmd_xlsx_format(struct cmd_xlsx *x, const char *num, bool bold)
{
	lxw_format *f = workbook_add_format(x->wb);

	if (f == NULL)
		util_die("libxlsxwriter: out of memory");
	if (num != NULL)
		format_set_num_format(f, num);
	if (bold)
		format_set_bold(f);
	return f;
}

/* The workbook's creation time from util/date's clock, not the library's
 * own reading of the wall clock. */
static void
cmd_xlsx_created(struct cmd_xlsx *x)
{
	struct date_time now = date_now();
	struct tm tm = { .tm_year = now.date.y - 1900, .tm_mon = now.date.m - 1,
	    .tm_mday = now.date.d, .tm_hour = now.hour, .tm_min = now.min };
	lxw_doc_properties props = { .created = timegm(&tm) };

	cmd_xlsx_fail(x, workbook_set_properties(x->wb, &props));
}

struct cmd_xlsx *
cmd_xlsx_new(const char *path, bool new_only)
{
	struct cmd_xlsx *x = xcalloc(1, sizeof *x);
	locale_t base = duplocale(LC_GLOBAL_LOCALE);

	/* libxlsxwriter prints numbers with printf: a decimal comma is no number */
	if (base == (locale_t)0 || (x->c_num = newlocale(LC_NUMERIC_MASK, "C", base)) ==
	    (locale_t)0)
		util_die("newlocale: %s", strerror(errno));
	x->was = uselocale(x->c_num);
	x->path = xstrdup(path);
	x->new_only = new_only;
	if ((x->wb = workbook_new(path)) == NULL)
		util_die("libxlsxwriter: out of memory");
	cmd_xlsx_created(x);
	x->bold = cmd_xlsx_format(x, NULL, true);
	x->date = cmd_xlsx_format(x, "yyyy-mm-dd", false);
	x->datetime = cmd_xlsx_format(x, "yyyy-mm-dd hh:mm", false);
	x->money = cmd_xlsx_format(x, "#,##0.00", false);
	return x;
}

static void
cmd_xlsx_free(struct cmd_xlsx *x)
{
	size_t i;

	for (i = 0; i < x->nsheets; i++) {
		free(x->sheets[i]->name);
		free(x->sheets[i]->width);
		free(x->sheets[i]);
	}
	free(x->sheets);
	uselocale(x->was);
	freelocale(x->c_num);
	free(x->path);
	free(x);
}

void
cmd_xlsx_discard(struct cmd_xlsx *x)
{
	lxw_workbook_free(x->wb);
	cmd_xlsx_free(x);
}

static void
cmd_xlsx_widths(struct cmd_xlsx *x)
{
	struct cmd_xlsx_sheet *s;
	size_t i;
	uint16_t c;

	for (i = 0; i < x->nsheets; i++)
		for (s = x->sheets[i], c = 0; c < s->ncols; c++)
			worksheet_set_column(s->ws, c, c, s->width[c] < CMD_XLSX_WIDTH_MIN ?
			    CMD_XLSX_WIDTH_MIN : s->width[c] > CMD_XLSX_WIDTH_MAX ?
			    CMD_XLSX_WIDTH_MAX : s->width[c] + 2, NULL);
}

int
cmd_xlsx_finish(struct cmd_xlsx *x)
{
	lxw_error err = x->err;
	int fd = -1;

	if (err != LXW_NO_ERROR) {	/* nothing written */
		cmd_error(_("%s: cannot write: %s"), x->path, lxw_strerror(err));
		cmd_xlsx_discard(x);
		return 1;
	}
	if (x->new_only &&
	    (fd = open(x->path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)) < 0) {
		cmd_error(_("%s: cannot create: %s"), x->path, strerror(errno));
		cmd_xlsx_discard(x);
		return 1;
	}
	if (x->new_only)
		close(fd);	/* libxlsxwriter writes into it: its mode stays */
	cmd_xlsx_widths(x);
	if ((err = workbook_close(x->wb)) != LXW_NO_ERROR) {
		cmd_error(_("%s: cannot write: %s"), x->path, lxw_strerror(err));
		unlink(x->path);
	}
	cmd_xlsx_free(x);
	return err != LXW_NO_ERROR;
}

/* name cleaned of what Excel refuses in a sheet's name, cut to its limit
 * less room bytes (whole characters). */
static char *
cmd_xlsx_clean(const char *name, size_t room)
{
	char *s = utf8_sanitize(name), *p, *out;
	size_t chars = 0, len = 0;

	for (p = s; *p != '\0'; p++)
		if (strchr("[]:*?/\\", *p) != NULL || (unsigned char)*p < 0x20)
			*p = '_';
	for (p = s; *p == '\''; p++)
		;
	for (; p[len] != '\0'; len++)
		if (((unsigned char)p[len] & 0xC0) != 0x80 && chars++ == CMD_XLSX_NAME_MAX - room)
			break;
	while (len > 0 && p[len - 1] == '\'')
		len--;
	out = len > 0 ? xstrndup(p, len) : xstrdup("Sheet");
	free(s);
	return out;
}

static bool
cmd_xlsx_taken(const struct cmd_xlsx *x, const char *name)
{
	size_t i;

	for (i = 0; i < x->nsheets; i++)
		if (strcasecmp(x->sheets[i]->name, name) == 0)
			return true;
	return false;
}

struct cmd_xlsx_sheet *
cmd_xlsx_sheet(struct cmd_xlsx *x, const char *name)
{
	struct cmd_xlsx_sheet *s = xcalloc(1, sizeof *s);
	char *n = cmd_xlsx_clean(name, 0), *base;
	int k;

	for (k = 2; cmd_xlsx_taken(x, n); k++) {
		free(n);
		base = cmd_xlsx_clean(name, k < 10 ? 2 : 4);
		n = xasprintf("%s~%d", base, k);
		free(base);
	}
	s->x = x;
	s->name = n;
	if ((s->ws = workbook_add_worksheet(x->wb, n)) == NULL)
		util_die("libxlsxwriter: sheet '%s' refused", n);
	x->sheets = xrealloc(x->sheets, (x->nsheets + 1) * sizeof *x->sheets);
	x->sheets[x->nsheets++] = s;
	return s;
}

static void
cmd_xlsx_widen(struct cmd_xlsx_sheet *s, uint16_t col, int width)
{
	if (col >= s->ncols) {
		s->width = xrealloc(s->width, ((size_t)col + 1) * sizeof *s->width);
		memset(s->width + s->ncols, 0, ((size_t)col + 1 - s->ncols) * sizeof *s->width);
		s->ncols = col + 1;
	}
	if (width > s->width[col])
		s->width[col] = width;
}

static void
cmd_xlsx_string(struct cmd_xlsx_sheet *s, uint32_t row, uint16_t col, const char *text,
    lxw_format *f, bool widen)
{
	char *t;

	if (text == NULL || *text == '\0')
		return;
	t = utf8_sanitize_lines(text);
	cmd_xlsx_fail(s->x, worksheet_write_string(s->ws, row, col, t, f));
	if (widen)
		cmd_xlsx_widen(s, col, utf8_width(t));
	free(t);
}

void
cmd_xlsx_head(struct cmd_xlsx_sheet *s, uint32_t row, uint16_t col, const char *text)
{
	cmd_xlsx_string(s, row, col, text, s->x->bold, true);
}

void
cmd_xlsx_freeze(struct cmd_xlsx_sheet *s)
{
	worksheet_freeze_panes(s->ws, 1, 0);
}

void
cmd_xlsx_text(struct cmd_xlsx_sheet *s, uint32_t row, uint16_t col, const char *text)
{
	cmd_xlsx_string(s, row, col, text, NULL, true);
}

void
cmd_xlsx_note(struct cmd_xlsx_sheet *s, uint32_t row, uint16_t col, const char *text)
{
	cmd_xlsx_string(s, row, col, text, NULL, false);
}

/* text as a whole number (in the C locale of the workbook). */
static bool
cmd_xlsx_parse(const char *text, double *out)
{
	char *end;

	if (text == NULL || *text == '\0' || strchr("+-.0123456789", *text) == NULL)
		return false;
	errno = 0;
	*out = strtod(text, &end);
	return *end == '\0' && errno == 0;
}

static void
cmd_xlsx_num(struct cmd_xlsx_sheet *s, uint32_t row, uint16_t col, const char *text,
    lxw_format *f)
{
	double v;

	if (!cmd_xlsx_parse(text, &v)) {
		cmd_xlsx_text(s, row, col, text);
		return;
	}
	cmd_xlsx_fail(s->x, worksheet_write_number(s->ws, row, col, v, f));
	cmd_xlsx_widen(s, col, (int)strlen(text) + 3);
}

/* The format that shows as many decimals as text has ("3.10": 0.00), or
 * NULL (General) for a whole number. */
static lxw_format *
cmd_xlsx_decimals(struct cmd_xlsx *x, const char *text)
{
	const char *dot = strchr(text, '.');
	size_t n = dot != NULL ? strspn(dot + 1, "0123456789") : 0;
	char num[16] = "0.";

	if (n == 0)
		return NULL;
	if (n > CMD_XLSX_NDEC)
		n = CMD_XLSX_NDEC;
	if (x->dec[n] == NULL) {
		memset(num + 2, '0', n);
		num[2 + n] = '\0';
		x->dec[n] = cmd_xlsx_format(x, num, false);
	}
	return x->dec[n];
}

void
cmd_xlsx_number(struct cmd_xlsx_sheet *s, uint32_t row, uint16_t col, const char *text)
{
	cmd_xlsx_num(s, row, col, text, text != NULL ? cmd_xlsx_decimals(s->x, text) : NULL);
}

/* YYYY-MM-DD or YYYY-MM-DD HH:MM of a year Excel counts (1900 on). */
static bool
cmd_xlsx_when(const char *text, lxw_datetime *dt)
{
	char day[DATE_LEN];
	struct date d;
	size_t n = text != NULL ? strlen(text) : 0;

	if (n != 10 && n != 16)
		return false;
	memcpy(day, text, 10);
	day[10] = '\0';
	if (!date_parse_iso(day, &d) || d.y < 1900)
		return false;
	*dt = (lxw_datetime){ .year = d.y, .month = d.m, .day = d.d };
	if (n == 10)
		return true;
	if (text[10] != ' ' || text[13] != ':' || strspn(text + 11, "0123456789:") != 5)
		return false;
	dt->hour = atoi(text + 11);
	dt->min = atoi(text + 14);
	return dt->hour < 24 && dt->min < 60;
}

void
cmd_xlsx_date(struct cmd_xlsx_sheet *s, uint32_t row, uint16_t col, const char *text)
{
	lxw_datetime dt;
	bool time = text != NULL && strlen(text) == 16;

	if (!cmd_xlsx_when(text, &dt)) {
		cmd_xlsx_text(s, row, col, text);
		return;
	}
	cmd_xlsx_fail(s->x, worksheet_write_datetime(s->ws, row, col, &dt,
	    time ? s->x->datetime : s->x->date));
	cmd_xlsx_widen(s, col, time ? 16 : 10);
}

/* The number format of an amount in currency: #,##0.00 "EUR". */
static lxw_format *
cmd_xlsx_cur(struct cmd_xlsx *x, const char *currency)
{
	char num[32];
	size_t i;

	if (currency == NULL || strlen(currency) != 3 || strspn(currency,
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != 3)
		return x->money;
	for (i = 0; i < x->ncur; i++)
		if (str_eq(x->cur[i].code, currency))
			return x->cur[i].fmt;
	if (x->ncur == CMD_XLSX_NCUR)
		return x->money;
	snprintf(num, sizeof num, "#,##0.00 \"%s\"", currency);
	memcpy(x->cur[x->ncur].code, currency, 4);
	x->cur[x->ncur].fmt = cmd_xlsx_format(x, num, false);
	return x->cur[x->ncur++].fmt;
}

void
cmd_xlsx_money(struct cmd_xlsx_sheet *s, uint32_t row, uint16_t col, const char *amount,
    const char *currency)
{
	cmd_xlsx_num(s, row, col, amount, cmd_xlsx_cur(s->x, currency));
	if (amount != NULL && *amount != '\0')
		cmd_xlsx_widen(s, col, (int)strlen(amount) + 8);
}

/* A calculated value: a number, a date, or text. */
static void
cmd_xlsx_guess(struct cmd_xlsx_sheet *s, uint32_t row, uint16_t col, const char *text)
{
	lxw_datetime dt;
	double v;

	if (cmd_xlsx_parse(text, &v))
		cmd_xlsx_number(s, row, col, text);
	else if (cmd_xlsx_when(text, &dt))
		cmd_xlsx_date(s, row, col, text);
	else
		cmd_xlsx_text(s, row, col, text);
}

/* Column 0 of field i: a writer per type that is not text. */
struct cmd_xlsx_val {
	struct cmd_xlsx_sheet		*s;
	uint32_t			 row;
	uint16_t			 col;
	const struct form_set		*set;
	const struct form_record	*rec;
	size_t				 i;
	form_tr_fn			 tr;
	const char			*v;
};

static void
cmd_xlsx_w_num(const struct cmd_xlsx_val *w)
{
	cmd_xlsx_number(w->s, w->row, w->col, w->v);
}

static void
cmd_xlsx_w_money(const struct cmd_xlsx_val *w)
{
	cmd_xlsx_money(w->s, w->row, w->col, w->v, form_record_part(w->rec, w->i, 1));
}

static void
cmd_xlsx_w_date(const struct cmd_xlsx_val *w)
{
	cmd_xlsx_date(w->s, w->row, w->col, w->v);
}

static void
cmd_xlsx_w_guess(const struct cmd_xlsx_val *w)
{
	cmd_xlsx_guess(w->s, w->row, w->col, w->v);
}

/* A choice or yes/no: its code, or its label with tr. */
static void
cmd_xlsx_w_code(const struct cmd_xlsx_val *w)
{
	const struct form_type_desc *t = form_type(w->rec->def->fields[w->i].type);
	char *shown;

	if (w->tr == NULL || w->v == NULL || t->display == NULL) {
		cmd_xlsx_text(w->s, w->row, w->col, w->v);
		return;
	}
	shown = t->display(w->set, w->rec, w->i, w->tr);
	cmd_xlsx_text(w->s, w->row, w->col, shown);
	free(shown);
}

static void (*const cmd_xlsx_writers[FT__COUNT])(const struct cmd_xlsx_val *) = {
	[FT_INTEGER] = cmd_xlsx_w_num,
	[FT_DECIMAL] = cmd_xlsx_w_num,
	[FT_MONEY] = cmd_xlsx_w_money,
	[FT_DATE] = cmd_xlsx_w_date,
	[FT_DATETIME] = cmd_xlsx_w_date,
	[FT_YESNO] = cmd_xlsx_w_code,
	[FT_SELECT_ONE] = cmd_xlsx_w_code,
	[FT_SELECT_MANY] = cmd_xlsx_w_code,
	[FT_CALCULATED] = cmd_xlsx_w_guess,
};

uint16_t
cmd_xlsx_field(struct cmd_xlsx_sheet *s, uint32_t row, uint16_t col,
    const struct form_set *set, const struct form_record *rec, size_t i, form_tr_fn tr)
{
	const struct cmd_xlsx_val w = { .s = s, .row = row, .col = col, .set = set,
	    .rec = rec, .i = i, .tr = tr, .v = form_record_part(rec, i, 0) };
	enum form_type type = rec->def->fields[i].type;
	int n = form_type_ncols(type), c;

	if (n == 0)
		return col;
	if (cmd_xlsx_writers[type] != NULL)
		cmd_xlsx_writers[type](&w);
	else
		cmd_xlsx_text(s, row, col, w.v);
	for (c = 1; c < n; c++)	/* money's currency, a type's further columns */
		cmd_xlsx_text(s, row, (uint16_t)(col + c), form_record_part(rec, i, c));
	return (uint16_t)(col + n);
}

void
cmd_xlsx_chart(struct cmd_xlsx_sheet *s, const char *title, uint32_t head,
    uint32_t first, uint32_t last, uint16_t key_col, uint16_t vals_first,
    uint16_t vals_last, uint32_t at_row, uint16_t at_col)
{
	lxw_chart *ch = workbook_add_chart(s->x->wb, LXW_CHART_BAR);
	lxw_chart_series *ser;
	uint16_t c;

	if (ch == NULL)
		util_die("libxlsxwriter: out of memory");
	chart_title_set_name(ch, title);
	for (c = vals_first; c <= vals_last; c++) {
		ser = chart_add_series(ch, NULL, NULL);
		chart_series_set_categories(ser, s->name, first, key_col, last, key_col);
		chart_series_set_values(ser, s->name, first, c, last, c);
		chart_series_set_name_range(ser, s->name, head, c);
	}
	if (vals_first == vals_last)
		chart_legend_set_position(ch, LXW_CHART_LEGEND_NONE);
	cmd_xlsx_fail(s->x, worksheet_insert_chart(s->ws, at_row, at_col, ch));
}
