/*
 * cmd/report: avrr report NAME [--project CODE] [--from DATE] [--to DATE]
 * [--format text|csv|xlsx] [--output FILE]: a report of db/report in the staff
 * language, as aligned text tables, as CSV (RFC 4180: fields with a comma,
 * quote, CR or LF quoted, CRLF line ends; one section per breakdown) or as
 * an XLSX workbook into --output (cmd/xlsx: one sheet, named after the
 * report, with the title, the period, the project, the donor summary's
 * sentences, then each breakdown as a titled table of label and numbers,
 * numbers as numbers, and a bar chart of it beside it when it has more than
 * one row, titled as the breakdown). The
 * period defaults to the current year of util/date's clock. Stored text
 * (codes, the project) is passed through utf8_sanitize before it is written.
 */
#include "cmd/cmd.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/xlsx.h"
#include "db/report.h"
#include "util/csv.h"
#include "util/date.h"
#include "util/mem.h"
#include "util/str.h"
#include "util/tr.h"
#include "util/utf8.h"

struct cmd_report {
	const struct form_set		*set;
	struct db_report_filter		 f;
	char				 from[DATE_LEN];
	char				 to[DATE_LEN];
	bool				 csv;
	bool				 xlsx;
	FILE				*out;
	struct cmd_xlsx			*xl;	/* xlsx: the workbook, its sheet, */
	struct cmd_xlsx_sheet		*sh;
	uint32_t			 row;	/* and the next row of it */
};

static char *
cmd_report_val(const char *v, bool csv)
{
	return v != NULL ? utf8_sanitize(v) : xstrdup(csv ? "" : "-");
}

/* A CSV record of n fields (sanitised by the caller). */
static void
cmd_report_csv_line(FILE *out, const char *const *fields, size_t n)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	for (i = 0; i < n; i++)
		csv_field(&sb, fields[i], i == 0);
	csv_end(&sb);
	fputs(strbuf_str(&sb), out);
	strbuf_free(&sb);
}

static void
cmd_report_pad(FILE *out, const char *s, int width, bool right)
{
	int pad = width - utf8_width(s);

	if (right)
		fprintf(out, "%*s%s", pad > 0 ? pad : 0, "", s);
	else
		fprintf(out, "%s%*s", s, pad > 0 ? pad : 0, "");
}

/* The cells of a table, heading first: cells[row * (ncols + 1) + col]. */
static char **
cmd_report_cells(const struct cmd_report *r, const struct db_report_table *t)
{
	size_t w = t->ncols + 1, i, c;
	char **cells = xcalloc((t->nrows + 1) * w, sizeof *cells);

	cells[0] = xstrdup(_(t->key_head));
	for (c = 0; c < t->ncols; c++)
		cells[c + 1] = xstrdup(_(t->heads[c]));
	for (i = 0; i < t->nrows; i++) {
		cells[(i + 1) * w] = db_report_key_text(r->set, t, t->rows[i].key);
		for (c = 0; c < t->ncols; c++)
			cells[(i + 1) * w + c + 1] = cmd_report_val(t->rows[i].val[c], r->csv);
	}
	return cells;
}

static void
cmd_report_text_table(const struct cmd_report *r, char **cells, size_t nrows, size_t w)
{
	int width[DB_REPORT_COLS + 1] = { 0 }, k;
	size_t i, c;

	for (i = 0; i <= nrows; i++)
		for (c = 0; c < w; c++)
			if ((k = utf8_width(cells[i * w + c])) > width[c])
				width[c] = k;
	for (i = 0; i <= nrows; i++) {
		for (c = 0; c < w; c++) {
			if (c > 0)
				fputs("  ", r->out);
			cmd_report_pad(r->out, cells[i * w + c], width[c], c > 0);
		}
		fputc('\n', r->out);
	}
}

static void
cmd_report_table(const struct cmd_report *r, const struct db_report_table *t)
{
	size_t w = t->ncols + 1, i, n = (t->nrows + 1) * w;
	char **cells = cmd_report_cells(r, t);
	const char *title = _(t->title);

	if (r->csv) {
		cmd_report_csv_line(r->out, &title, 1);
		for (i = 0; i <= t->nrows; i++)
			cmd_report_csv_line(r->out, (const char *const *)&cells[i * w], w);
		fputs("\r\n", r->out);
	} else {
		fprintf(r->out, "\n%s\n", title);
		if (t->nrows == 0)
			fprintf(r->out, "  %s\n", _("(nothing in this period)"));
		else
			cmd_report_text_table(r, cells, t->nrows, w);
	}
	for (i = 0; i < n; i++)
		free(cells[i]);
	free(cells);
}

/* The title, the period and the project. */
static void
cmd_report_head(const struct cmd_report *r, const struct db_report *rep)
{
	char *project = r->f.project != NULL ? utf8_sanitize(r->f.project) :
	    xstrdup(_("all projects"));
	const char *period[3] = { _("Period"), r->from, r->to };
	const char *proj[2] = { _("Project"), project };
	const char *title = _(rep->title);

	if (r->csv) {
		cmd_report_csv_line(r->out, &title, 1);
		cmd_report_csv_line(r->out, period, 3);
		cmd_report_csv_line(r->out, proj, 2);
		fputs("\r\n", r->out);
	} else {
		fprintf(r->out, "%s\n", title);
		fprintf(r->out, _("Period: %s to %s\n"), r->from, r->to);
		fprintf(r->out, _("Project: %s\n"), project);
	}
	free(project);
}

/* The donor summary's sentences. */
static void
cmd_report_sentences(const struct cmd_report *r, const struct db_report_headline *h)
{
	char *s[DB_REPORT_NSENT];
	size_t i;

	db_report_sentences(h, s);
	if (r->csv) {
		const char *t = _("Summary");

		cmd_report_csv_line(r->out, &t, 1);
	} else
		fputc('\n', r->out);
	for (i = 0; i < DB_REPORT_NSENT; i++) {
		if (r->csv)
			cmd_report_csv_line(r->out, (const char *const *)&s[i], 1);
		else
			fprintf(r->out, "%s%s\n", i > 0 ? "  " : "", s[i]);
		free(s[i]);
	}
	if (r->csv)
		fputs("\r\n", r->out);
}

/* XLSX: the title, the period and the project on the report's sheet. */
static void
cmd_report_book_head(struct cmd_report *r, const struct db_report *rep)
{
	char *project = r->f.project != NULL ? utf8_sanitize(r->f.project) :
	    xstrdup(_("all projects"));

	r->sh = cmd_xlsx_sheet(r->xl, _(rep->title));
	cmd_xlsx_head(r->sh, 0, 0, _(rep->title));
	cmd_xlsx_text(r->sh, 1, 0, _("Period"));
	cmd_xlsx_date(r->sh, 1, 1, r->from);
	cmd_xlsx_date(r->sh, 1, 2, r->to);
	cmd_xlsx_text(r->sh, 2, 0, _("Project"));
	cmd_xlsx_text(r->sh, 2, 1, project);
	r->row = 4;
	free(project);
}

/* XLSX: the donor summary's sentences under a heading. */
static void
cmd_report_book_sentences(struct cmd_report *r, const struct db_report_headline *h)
{
	char *s[DB_REPORT_NSENT];
	size_t i;

	db_report_sentences(h, s);
	cmd_xlsx_head(r->sh, r->row++, 0, _("Summary"));
	for (i = 0; i < DB_REPORT_NSENT; i++) {
		cmd_xlsx_note(r->sh, r->row++, 0, s[i]);
		free(s[i]);
	}
	r->row++;
}

/* XLSX: a breakdown as a titled table, its chart beside it. */
static void
cmd_report_book_table(struct cmd_report *r, const struct db_report_table *t)
{
	uint32_t top = r->row, end;
	size_t i, c;
	char *key;

	cmd_xlsx_head(r->sh, top, 0, _(t->title));
	cmd_xlsx_head(r->sh, top + 1, 0, _(t->key_head));
	for (c = 0; c < t->ncols; c++)
		cmd_xlsx_head(r->sh, top + 1, (uint16_t)(c + 1), _(t->heads[c]));
	for (i = 0; i < t->nrows; i++) {
		key = db_report_key_text(r->set, t, t->rows[i].key);
		cmd_xlsx_text(r->sh, top + 2 + (uint32_t)i, 0, key);
		free(key);
		for (c = 0; c < t->ncols; c++)
			cmd_xlsx_number(r->sh, top + 2 + (uint32_t)i, (uint16_t)(c + 1),
			    t->rows[i].val[c]);
	}
	if (t->nrows == 0)
		cmd_xlsx_note(r->sh, top + 2, 0, _("(nothing in this period)"));
	end = top + 2 + (uint32_t)(t->nrows > 0 ? t->nrows : 1) + 1;
	if (t->nrows > 1 && t->ncols > 0) {
		cmd_xlsx_chart(r->sh, _(t->title), top + 1, top + 2, top + 1 + (uint32_t)t->nrows,
		    0, 1, (uint16_t)t->ncols, top, (uint16_t)(t->ncols + 2));
		if (end < top + CMD_XLSX_CHART_ROWS + 1)
			end = top + CMD_XLSX_CHART_ROWS + 1;
	}
	r->row = end;
}

/* The report in its form: text, CSV, or the workbook's sheet. */
static void
cmd_report_out(struct cmd_report *r, const struct db_report *rep, const char *name,
    const struct db_report_headline *h)
{
	bool donor = str_eq(name, DB_REPORT_DONOR);
	size_t i;

	if (r->xlsx)
		cmd_report_book_head(r, rep);
	else
		cmd_report_head(r, rep);
	if (donor && r->xlsx)
		cmd_report_book_sentences(r, h);
	else if (donor)
		cmd_report_sentences(r, h);
	for (i = 0; i < rep->ntables; i++) {
		if (r->xlsx)
			cmd_report_book_table(r, &rep->tables[i]);
		else
			cmd_report_table(r, &rep->tables[i]);
	}
}

static int
cmd_report_write(struct cmd_report *r, struct db *db, const char *name)
{
	struct db_report rep;
	struct db_report_headline h;
	char *err = NULL;
	enum db_status st = db_report_run(db, name, &r->f, &rep, &err);

	if (st == DB_OK)
		db_report_headline_of(&rep, &h);	/* the donor summary's */
	if (st != DB_OK) {
		cmd_error("%s", err != NULL ? err : name);
		free(err);
		db_report_clear(&rep);
		return 1;
	}
	cmd_report_out(r, &rep, name, &h);
	db_report_clear(&rep);
	return 0;
}

static int
cmd_report_audit(struct cmd_ctx *ctx, const char *name, const struct db_report_filter *f)
{
	char *err = NULL;

	if (db_report_audit(ctx->db, name, f, &err) == DB_OK)
		return 0;
	cmd_error("%s", err != NULL ? err : ctx->db_path);
	free(err);
	return 1;
}

/* --from, --to (else the current year) and --format; 2 on a usage error. */
static int
cmd_report_options(const struct cmd_args *a, struct cmd_report *r)
{
	const char *from = cmd_opt_get(a, "from"), *to = cmd_opt_get(a, "to");
	const char *fmt = cmd_opt_get(a, "format");
	struct date today = date_today(), d;

	snprintf(r->from, sizeof r->from, "%04d-01-01", today.y);
	snprintf(r->to, sizeof r->to, "%04d-12-31", today.y);
	if (from != NULL && !date_parse_iso(from, &d))
		return cmd_opt_error(a->spec, _("--from: '%s' is not a date (YYYY-MM-DD)"), from);
	if (from != NULL)
		date_format(&d, r->from);
	if (to != NULL && !date_parse_iso(to, &d))
		return cmd_opt_error(a->spec, _("--to: '%s' is not a date (YYYY-MM-DD)"), to);
	if (to != NULL)
		date_format(&d, r->to);
	if (strcmp(r->from, r->to) > 0)
		return cmd_opt_error(a->spec, _("the period ends (%s) before it starts (%s)"),
		    r->to, r->from);
	if (fmt != NULL && !str_eq(fmt, "text") && !str_eq(fmt, "csv") && !str_eq(fmt, "xlsx"))
		return cmd_opt_error(a->spec, _("--format is text, csv or xlsx, not '%s'"), fmt);
	r->csv = str_eq(fmt, "csv");
	r->xlsx = str_eq(fmt, "xlsx");
	if (r->xlsx && cmd_opt_get(a, "output") == NULL)
		return cmd_opt_error(a->spec, _("--format xlsx needs --output (a workbook is "
		    "a file)"));
	r->f.project = a->val[CMD_REPORT_PROJECT];
	r->f.from = r->from;
	r->f.to = r->to;
	return 0;
}

int
cmd_report(const struct cmd_args *a)
{
	struct cmd_ctx ctx = { .db_path = cmd_opt_get(a, "db") };
	struct cmd_report r = { .out = stdout };
	const char *output = cmd_opt_get(a, "output");
	int rc;

	if ((rc = cmd_report_options(a, &r)) != 0)
		return rc;
	if ((rc = cmd_open(&ctx, DB_OPEN_READ)) != 0 || (rc = cmd_identity(&ctx, NULL)) != 0) {
		cmd_close(&ctx);
		return rc;
	}
	r.set = ctx.forms;
	if (r.xlsx)
		r.xl = cmd_xlsx_new(output, false);	/* replaced, as the text is */
	else if (output != NULL && (r.out = fopen(output, "w")) == NULL) {
		cmd_error("%s: %s", output, strerror(errno));
		cmd_close(&ctx);
		return 1;
	}
	rc = cmd_report_write(&r, ctx.db, a->sub->name);
	if (r.xlsx && rc == 0)
		rc = cmd_xlsx_finish(r.xl);
	else if (r.xlsx)
		cmd_xlsx_discard(r.xl);
	if (rc == 0)
		rc = cmd_report_audit(&ctx, a->sub->name, &r.f);
	if (output != NULL && !r.xlsx && fclose(r.out) != 0 && rc == 0) {
		cmd_error("%s: %s", output, strerror(errno));
		rc = 1;
	}
	cmd_close(&ctx);
	return rc;
}
