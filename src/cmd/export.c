/*
 * cmd/export: avrr export FORM [--format csv|json|xlsx] [--bom] [--labels LANG]
 * [--output FILE]: every record of a form the user may read, read through
 * the data layer (refused forms, masked fields), as CSV or JSON.
 *
 * CSV (RFC 4180, UTF-8): fields quoted when they hold a comma, a quote, CR
 * or LF, quotes doubled, CRLF line ends; --bom writes the UTF-8 BOM first
 * (into a file only: the standard output shows none). The columns: the case
 * number, the record id, then each field that holds a value in form order (a
 * type's second column, money's currency, as NAME<suffix> beside it); the
 * header names them, or gives the fields' labels in LANG with --labels.
 * Repeat groups are left out of a form's CSV; FORM.GROUP exports the group's
 * rows, each after its parent's case number and record id. JSON is
 * {"form":FORM,"records":[{"case_no":..,"id":..,fields..,"group":[..]}]}
 * (db/json's flat writer; a group's rows: "record_id" of the parent). Values
 * are as stored (canonical). XLSX (cmd/xlsx, into --output only) has the
 * same header and columns on a sheet named after the form, then a sheet per
 * repeat group named after it whose rows begin with the parent's case number
 * and record id (FORM.GROUP: that group's sheet alone); cells typed (numbers,
 * dates, money in its currency's number format), choices as their codes or,
 * with --labels, their labels in LANG. The records go oldest first; the
 * export is one audit row (form, format, how many: records, or a group's rows).
 */
#include "cmd/cmd.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db/audit.h"
#include "db/cases.h"
#include "db/json.h"
#include "db/record.h"
#include "cmd/xlsx.h"
#include "form/type.h"
#include "i18n/i18n.h"
#include "util/csv.h"
#include "util/mem.h"
#include "util/str.h"
#include "util/tr.h"

#define CMD_EXPORT_BOM	"\xEF\xBB\xBF"

/* An XLSX export: the sheet of the columns (the form's, or the group's of
 * FORM.GROUP), then for a form one sheet per repeat group. */
struct cmd_export_book {
	struct cmd_xlsx		*xl;
	struct cmd_xlsx_sheet	*main;
	uint32_t		 row;		/* the next row of main */
	struct cmd_xlsx_sheet	**group;	/* per field of the form: its sheet, or NULL */
	uint32_t		*grow;		/* the next row of each */
	form_tr_fn		 tr;		/* --labels: choices as labels */
};

struct cmd_export {
	struct db		*db;
	const struct form_set	*set;
	const char		*name;		/* FORM or FORM.GROUP as given */
	const struct form_def	*def;		/* the form read */
	const struct form_def	*cols;		/* whose fields are the columns */
	int			 group;		/* the repeat field of def, or -1 */
	const char		*lang;		/* --labels, or NULL */
	bool			 json;
	const char		*format;	/* "csv", "json" or "xlsx" */
	struct cmd_export_book	*book;		/* xlsx: the workbook, else NULL */
	size_t			 n;		/* records (rows) written */
	struct strbuf		 sb;
};

/* FORM or FORM.GROUP; false after a one-line message naming it. */
static bool
cmd_export_target(struct cmd_export *x, const struct form_set *set)
{
	const char *dot = strchr(x->name, '.');
	char *form = dot != NULL ? xstrndup(x->name, (size_t)(dot - x->name)) :
	    xstrdup(x->name);
	int i = -1;

	x->set = set;
	x->def = form_set_find(set, form);
	free(form);
	if (x->def != NULL && dot != NULL)
		i = form_field_index(x->def, dot + 1);
	if (x->def == NULL || (dot != NULL && (i < 0 || x->def->fields[i].type != FT_REPEAT))) {
		cmd_error(_("no form or repeat group named '%s'"), x->name);
		return false;
	}
	x->group = i;
	x->cols = i >= 0 ? x->def->fields[i].group : x->def;
	return true;
}

/* A msgid in the language of --labels. */
static const char *
cmd_export_tr(const struct cmd_export *x, const char *msgid)
{
	const char *t = i18n_lookup(x->lang, msgid);

	return t != NULL ? t : msgid;
}

/* A field's heading: its name (with suffix, a second column's), or its
 * label in x->lang (with the second column's word). Malloc'd. */
static char *
cmd_export_heading(const struct cmd_export *x, const struct form_field *f, const char *suffix)
{
	const char *label;

	if (x->lang == NULL)
		return xasprintf("%s%s", f->name, suffix != NULL ? suffix : "");
	label = cmd_export_tr(x, f->label != NULL ? f->label : f->name);
	if (suffix == NULL)
		return xstrdup(label);
	return xasprintf("%s (%s)", label, cmd_export_tr(x, N_("Currency")));
}

/* The headings of cols' columns, the case number's and the record's first:
 * names, or labels in x->lang. Malloc'd, as *n strings. */
static char **
cmd_export_heads(const struct cmd_export *x, const struct form_def *cols, size_t *n)
{
	char **h = xcalloc(2 + 2 * cols->nfields, sizeof *h);
	const struct form_type_col *extra;
	size_t i;

	h[0] = xstrdup(x->lang ? cmd_export_tr(x, N_("Case number")) : "case_no");
	h[1] = xstrdup(x->lang ? cmd_export_tr(x, N_("Record")) : "record_id");
	*n = 2;
	for (i = 0; i < cols->nfields; i++) {
		if (form_type_ncols(cols->fields[i].type) == 0)
			continue;
		h[(*n)++] = cmd_export_heading(x, &cols->fields[i], NULL);
		if ((extra = form_type(cols->fields[i].type)->extra) != NULL)
			h[(*n)++] = cmd_export_heading(x, &cols->fields[i], extra->suffix);
	}
	return h;
}

static void
cmd_export_heads_free(char **h, size_t n)
{
	while (n > 0)
		free(h[--n]);
	free(h);
}

/* The header: names, or labels in x->lang. */
static void
cmd_export_head(struct cmd_export *x)
{
	size_t n, i;
	char **h = cmd_export_heads(x, x->cols, &n);

	for (i = 0; i < n; i++)
		csv_field(&x->sb, h[i], i == 0);
	csv_end(&x->sb);
	cmd_export_heads_free(h, n);
}

/* One CSV line: the case number, the record id, rec's columns. */
static void
cmd_export_line(struct cmd_export *x, const char *case_no, int64_t id,
    const struct form_record *rec)
{
	char num[32];
	size_t i;
	int c;

	snprintf(num, sizeof num, "%lld", (long long)id);
	csv_field(&x->sb, case_no, true);
	csv_field(&x->sb, num, false);
	for (i = 0; i < rec->def->nfields; i++)
		for (c = 0; c < form_type_ncols(rec->def->fields[i].type); c++)
			csv_field(&x->sb, form_record_part(rec, i, c), false);
	csv_end(&x->sb);
	x->n++;
}

/* One JSON object: the case number (and the parent's id for a row), then
 * db/json's flat record after its opening brace. */
static void
cmd_export_object(struct cmd_export *x, const char *case_no, int64_t parent,
    const struct form_record *rec)
{
	struct db_json_style style = { .grouped = false, .ids = true,
	    .cur_suffix = form_type(FT_MONEY)->extra->suffix };
	struct strbuf one = STRBUF_INIT;

	if (x->n++ > 0)
		strbuf_putc(&x->sb, ',');
	strbuf_puts(&x->sb, "{\"case_no\":");
	db_json_str(&x->sb, case_no);
	if (parent != 0)
		strbuf_printf(&x->sb, ",\"record_id\":%lld", (long long)parent);
	db_json_record(&one, rec, &style);
	if (one.len > 2)
		strbuf_putc(&x->sb, ',');
	strbuf_puts(&x->sb, strbuf_str(&one) + 1);
	strbuf_free(&one);
}

/* One row of a sheet: the case number, the record id (of the parent for a
 * group's row), rec's columns. */
static void
cmd_export_cells(const struct cmd_export *x, struct cmd_xlsx_sheet *sh, uint32_t row,
    const char *case_no, int64_t id, const struct form_record *rec)
{
	char num[32];
	uint16_t col = 2;
	size_t i;

	snprintf(num, sizeof num, "%lld", (long long)id);
	cmd_xlsx_text(sh, row, 0, case_no);
	cmd_xlsx_number(sh, row, 1, num);
	for (i = 0; i < rec->def->nfields; i++)
		col = cmd_xlsx_field(sh, row, col, x->set, rec, i, x->book->tr);
}

/* A record into the workbook: its row and its groups' rows, or (FORM.GROUP)
 * the rows of the group. */
static void
cmd_export_book_record(struct cmd_export *x, const char *case_no, const struct form_record *rec)
{
	struct cmd_export_book *b = x->book;
	const struct form_rows *rows;
	size_t g, i;

	if (x->group >= 0) {
		rows = &rec->kids[x->group];
		for (i = 0; i < rows->n; i++, x->n++)
			cmd_export_cells(x, b->main, b->row++, case_no, rec->id, rows->rows[i]);
		return;
	}
	cmd_export_cells(x, b->main, b->row++, case_no, rec->id, rec);
	x->n++;
	for (g = 0; g < rec->def->nfields; g++)
		for (i = 0; b->group[g] != NULL && i < rec->kids[g].n; i++)
			cmd_export_cells(x, b->group[g], b->grow[g]++, case_no, rec->id,
			    rec->kids[g].rows[i]);
}

/* A record: itself, or the rows of the group. */
static void
cmd_export_record(struct cmd_export *x, const char *case_no, const struct form_record *rec)
{
	const struct form_rows *rows;
	size_t i;

	if (x->book != NULL) {
		cmd_export_book_record(x, case_no, rec);
		return;
	}
	if (x->group < 0) {
		if (x->json)
			cmd_export_object(x, case_no, 0, rec);
		else
			cmd_export_line(x, case_no, rec->id, rec);
		return;
	}
	rows = &rec->kids[x->group];
	for (i = 0; i < rows->n; i++) {
		if (x->json)
			cmd_export_object(x, case_no, rec->id, rows->rows[i]);
		else
			cmd_export_line(x, case_no, rec->id, rows->rows[i]);
	}
}

/* The case number of a record ("" for none; malloc'd). */
static char *
cmd_export_case_no(struct cmd_export *x, int64_t case_id)
{
	struct db_case c = { 0 };
	char *no;

	if (case_id == 0 || db_case_load_ex(x->db, case_id, false, &c, NULL) != DB_OK)
		return xstrdup("");
	no = xstrdup(c.case_no != NULL ? c.case_no : "");
	db_case_clear(&c);
	return no;
}

/* Every record of the form, oldest first, through the data layer's reads. */
static int
cmd_export_records(struct cmd_export *x)
{
	struct form_record *rec;
	int64_t *ids = NULL;
	size_t n = 0, i;
	char *err = NULL, *no;
	enum db_status st = db_record_list(x->db, x->def, 0, &ids, &n, &err);

	for (i = n; st == DB_OK && i > 0; i--) {
		if ((st = db_record_load(x->db, x->def, ids[i - 1], &rec, &err)) != DB_OK)
			break;
		no = cmd_export_case_no(x, rec->case_id);
		cmd_export_record(x, no, rec);
		free(no);
		form_record_free(rec);
	}
	free(ids);
	if (st == DB_OK)
		return 0;
	cmd_error("%s", err != NULL ? err : x->name);
	free(err);
	return 1;
}

/* A sheet of cols' rows: its header (bold, kept in view) in row 0. */
static struct cmd_xlsx_sheet *
cmd_export_sheet(struct cmd_export *x, const char *name, const struct form_def *cols)
{
	struct cmd_xlsx_sheet *sh = cmd_xlsx_sheet(x->book->xl, name);
	size_t n, i;
	char **h = cmd_export_heads(x, cols, &n);

	for (i = 0; i < n; i++)
		cmd_xlsx_head(sh, 0, (uint16_t)i, h[i]);
	cmd_xlsx_freeze(sh);
	cmd_export_heads_free(h, n);
	return sh;
}

/* The workbook for path, its sheets made: the form's (or FORM.GROUP's, named
 * as given), then one per repeat group, named after it. */
static void
cmd_export_book_new(struct cmd_export *x, const char *path)
{
	struct cmd_export_book *b = x->book = xcalloc(1, sizeof *b);
	size_t i;

	b->xl = cmd_xlsx_new(path, true);
	b->main = cmd_export_sheet(x, x->group >= 0 ? x->name : x->def->name, x->cols);
	b->row = 1;
	b->group = xcalloc(x->def->nfields, sizeof *b->group);
	b->grow = xcalloc(x->def->nfields, sizeof *b->grow);
	for (i = 0; x->group < 0 && i < x->def->nfields; i++) {
		if (x->def->fields[i].type != FT_REPEAT)
			continue;
		b->group[i] = cmd_export_sheet(x, x->def->fields[i].name, x->def->fields[i].group);
		b->grow[i] = 1;
	}
	if (x->lang != NULL) {	/* a choice's label in the language of the header */
		if (!i18n_set_client(x->lang))
			i18n_set_client(NULL);
		b->tr = i18n_client;
	}
}

/* Writes the workbook (0) or drops it (rc != 0); frees the book. */
static int
cmd_export_book_end(struct cmd_export *x, int rc)
{
	struct cmd_export_book *b = x->book;

	if (rc == 0)
		rc = cmd_xlsx_finish(b->xl);
	else
		cmd_xlsx_discard(b->xl);
	free(b->group);
	free(b->grow);
	free(b);
	x->book = NULL;
	return rc;
}

/* The document into x->sb, or the workbook into path (made by xlsx). */
static int
cmd_export_write(struct cmd_export *x, bool bom, const char *path)
{
	int rc;

	if (str_eq(x->format, "xlsx")) {
		cmd_export_book_new(x, path);
		return cmd_export_book_end(x, cmd_export_records(x));
	}
	if (bom)
		strbuf_puts(&x->sb, CMD_EXPORT_BOM);
	if (x->json) {
		strbuf_puts(&x->sb, "{\"form\":");
		db_json_str(&x->sb, x->name);
		strbuf_puts(&x->sb, ",\"records\":[");
	} else
		cmd_export_head(x);
	rc = cmd_export_records(x);
	if (x->json)
		strbuf_puts(&x->sb, "]}\n");
	return rc;
}

/* The export is an audit row: which form, in what format, how many. */
static int
cmd_export_audit(struct cmd_ctx *ctx, const struct cmd_export *x)
{
	char num[32];

	snprintf(num, sizeof num, "%zu", x->n);
	return cmd_audit_event(ctx, "export", "exported", x->name, "format", x->format,
	    "count", num, NULL);
}

/* --format, --bom, --labels; 2 on a usage error. */
static int
cmd_export_options(const struct cmd_args *a, struct cmd_export *x)
{
	const char *fmt = cmd_opt_get(a, "format");

	if (fmt != NULL && !str_eq(fmt, "csv") && !str_eq(fmt, "json") && !str_eq(fmt, "xlsx"))
		return cmd_opt_error(a->spec, _("--format is csv, json or xlsx, not '%s'"), fmt);
	x->format = fmt != NULL ? fmt : "csv";
	x->json = str_eq(fmt, "json");
	x->lang = cmd_opt_get(a, "labels");
	if (x->lang != NULL && i18n_lang_find(x->lang) == NULL)
		return cmd_opt_error(a->spec, _("--labels: no language '%s'"), x->lang);
	if (x->lang != NULL && x->json)
		return cmd_opt_error(a->spec, _("--labels is for csv and xlsx only"));
	if (str_eq(x->format, "xlsx") && cmd_opt_get(a, "output") == NULL)
		return cmd_opt_error(a->spec, _("--format xlsx needs --output (a workbook is "
		    "a file)"));
	if (str_eq(x->format, "xlsx") && cmd_opt_get(a, "bom") != NULL)
		return cmd_opt_error(a->spec, _("--bom is for csv only"));
	if (cmd_opt_get(a, "bom") != NULL && cmd_opt_get(a, "output") == NULL)
		return cmd_opt_error(a->spec, _("--bom needs --output (the standard output "
		    "shows no BOM)"));
	return 0;
}

/* The workbook is written, then audited; the file goes when the audit fails. */
static int
cmd_export_xlsx(struct cmd_ctx *ctx, struct cmd_export *x, const char *output)
{
	int rc = cmd_export_write(x, false, output);

	if (rc == 0 && (rc = cmd_export_audit(ctx, x)) != 0)
		unlink(output);
	return rc;
}

int
cmd_export(const struct cmd_args *a)
{
	struct cmd_ctx ctx = { .db_path = cmd_opt_get(a, "db") };
	struct cmd_export x = { .name = a->operands[0], .sb = STRBUF_INIT };
	const char *output = cmd_opt_get(a, "output");
	int rc;

	if ((rc = cmd_export_options(a, &x)) != 0)
		return rc;
	if ((rc = cmd_open(&ctx, DB_OPEN_READ)) != 0 || (rc = cmd_identity(&ctx, NULL)) != 0) {
		cmd_close(&ctx);
		return rc;
	}
	x.db = ctx.db;
	if (!cmd_export_target(&x, ctx.forms))
		rc = 1;
	else if (str_eq(x.format, "xlsx"))
		rc = cmd_export_xlsx(&ctx, &x, output);
	else
		rc = cmd_export_write(&x, cmd_opt_get(a, "bom") != NULL, NULL);
	if (rc == 0 && output != NULL && !str_eq(x.format, "xlsx")) {
		/* the file first: an existing one is refused before anything is audited */
		if ((rc = cmd_write_new(output, strbuf_str(&x.sb), x.sb.len)) == 0 &&
		    (rc = cmd_export_audit(&ctx, &x)) != 0)
			unlink(output);
	} else if (rc == 0 && output == NULL && (rc = cmd_export_audit(&ctx, &x)) == 0 &&
	    (fwrite(strbuf_str(&x.sb), 1, x.sb.len, stdout) != x.sb.len || fflush(stdout) != 0))
		rc = 1;
	strbuf_free(&x.sb);
	cmd_close(&ctx);
	return rc;
}
