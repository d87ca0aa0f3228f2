/*
 * cmd/import: avrr import FORM[.GROUP] FILE.csv|FILE.xlsx [--sheet NAME]
 * [--dry-run] [--allow-duplicates]: new records of FORM from the rows of a
 * file, all of them or none (docs/import.md); FORM.GROUP adds rows of a
 * repeat group to stored records (cmd/import_group.c).
 *
 * The file is read by util/sheet (a name ending in .xlsx is a workbook, its
 * first sheet unless --sheet; anything else CSV); row 1 is the header,
 * matched to the form by cmd/import_cols. Each row is made a record and
 * checked as a save from the screen is (ui/formsave): the record check
 * (form/check through db_expr_logic: types, choices, constraints, required,
 * relevance), then the record's logic applied (db_expr_apply, without the
 * form's defaults: the file is the record) and the save with the lifecycle
 * rules (db_lifecycle_save_also). A value in a field that
 * does not apply to its record (not relevant) is an error rather than
 * dropped, and so is a value in a field the user's role may not fill in.
 *
 * Cases: a row of the form that starts a case (the workflow's registration)
 * makes a new case, unless its case_no names one that exists before the
 * import (then it is that case's record); any other form's row belongs to the
 * case its case_no names, which must exist, or to none where the form
 * allows. record_id is read and left: an import only adds records (for
 * FORM.GROUP it names the record a row joins).
 *
 * Duplicates: each row that makes a new case is compared with the cases
 * already in the database (db/dupes, as the new-case screen does), and the
 * best likely earlier registration is said as FILE:ROW:. One whose names and
 * date of birth agree (a score of CMD_IMPORT_DUP_REFUSE or more: the same
 * person already registered) is an error that refuses the import, unless
 * --allow-duplicates; a weaker one (the names alone, say) is a note "note:
 * ...", and so is every one with --allow-duplicates.
 *
 * All or none: the rows are saved in one bulk transaction (db/bulk) with one
 * audit row of the import (form, file, rows); any error rolls all of it back.
 * Every error is one line "FILE:ROW:COLUMN: message" (COLUMN: the header
 * as the file writes it, or the field's name when the file has no column for
 * it; "FILE:ROW: message" for what belongs to the whole row), the text
 * sanitised by cmd/out; then a line of how many, and the exit status is 1.
 * --dry-run checks everything the same way, rolls back and says how many
 * records would be imported. Nothing is read or written before the user's
 * role is found allowed to add records of FORM (db/perm).
 */
#include "cmd/import_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "db/bulk.h"
#include "db/dupes.h"
#include "db/expr.h"
#include "db/import.h"
#include "db/lifecycle.h"
#include "db/perm.h"
#include "form/type.h"
#include "form/workflow.h"
#include "i18n/conv.h"
#include "util/mem.h"
#include "util/str.h"
#include "util/tr.h"

/* A likely duplicate this good refuses the import: both names (or the full
 * name) and the date of birth agree (db/dupes: names 55, date of birth 35). */
#define CMD_IMPORT_DUP_REFUSE	80

void
cmd_import_say(struct cmd_import *x, bool note, long row, const char *col, const char *fmt,
    ...)
{
	struct cmd_import_msg *m;
	char *msg, *p;
	va_list ap;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	x->msgs = xgrow(x->msgs, &x->capmsgs, x->nmsgs + 1, sizeof *x->msgs);
	m = &x->msgs[x->nmsgs];
	m->row = row;
	m->seq = x->nmsgs++;
	m->text = col != NULL ? xasprintf("%s:%ld:%s: %s", x->path, row, col, msg) :
	    xasprintf("%s:%ld: %s", x->path, row, msg);
	for (p = m->text; *p != '\0'; p++)	/* one line, whatever a cell held */
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	free(msg);
	x->nerr += !note;
}

static int
cmd_import_msg_cmp(const void *a, const void *b)
{
	const struct cmd_import_msg *x = a, *y = b;

	if (x->row != y->row)
		return x->row < y->row ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void
cmd_import_flush(struct cmd_import *x)
{
	size_t i;

	if (x->nmsgs > 1)
		qsort(x->msgs, x->nmsgs, sizeof *x->msgs, cmd_import_msg_cmp);
	for (i = 0; i < x->nmsgs; i++) {
		fprintf(stderr, "%s\n", x->msgs[i].text);
		free(x->msgs[i].text);
	}
	free(x->msgs);
	x->msgs = NULL;
	x->nmsgs = x->capmsgs = 0;
}

/* The header of field i's column (part 1: its currency), or the field's own
 * name when the file has none. */
static const char *
cmd_import_col_of(const struct cmd_import *x, size_t i, int part, char **own)
{
	const struct form_field *f = &x->def->fields[i];
	size_t k;
	int p;

	for (p = part; p >= 0; p--)
		for (k = 0; k < x->ncols; k++)
			if (x->cols[k].kind == CMD_IMPORT_FIELD && x->cols[k].field == i &&
			    x->cols[k].part == p)
				return x->cols[k].head;
	*own = part == 1 ? xasprintf("%s%s", f->name, form_type(f->type)->extra->suffix) :
	    xstrdup(f->name);
	return *own;
}

static void
cmd_import_say_at(struct cmd_import *x, struct cmd_import_row *r, size_t field, int part,
    const char *msg)
{
	char *own = NULL;

	cmd_import_say(x, false, r->no, cmd_import_col_of(x, field, part, &own), "%s", msg);
	free(own);
	r->bad = true;
}

/* The case of a row from its case_no (looked up before anything is saved). */
static void
cmd_import_case(struct cmd_import *x, struct cmd_import_row *r, const struct sheet_row *row)
{
	const char *cell = x->case_col >= 0 ? sheet_cell(row, (size_t)x->case_col) : NULL;
	char *raw = xstrdup(cell != NULL ? cell : ""), *no = str_trim(raw), *err = NULL;
	const char *col = x->case_col >= 0 ? x->cols[x->case_col].head : "case_no";
	enum db_status st = DB_NOTFOUND;

	if (*no != '\0')
		st = db_import_case_id(x->ctx->db, no, &r->rec->case_id, &err);
	if (st == DB_ERROR)
		cmd_import_say(x, false, r->no, col, "%s", err != NULL ? err : no);
	else if (st == DB_NOTFOUND && x->makes_case)
		r->new_case = true;
	else if (st == DB_NOTFOUND && *no != '\0')
		cmd_import_say(x, false, r->no, col, _("no case is numbered '%s'"), no);
	else if (st == DB_NOTFOUND && x->def->needs_case)
		cmd_import_say(x, false, r->no, col, "%s", _("the records of this form belong to "
		    "a case: give its case number"));
	r->bad |= st == DB_ERROR || (st == DB_NOTFOUND && !x->makes_case &&
	    (*no != '\0' || x->def->needs_case));
	free(err);
	free(raw);
}

/* A value in a field the role may not fill in is refused, not dropped. */
static void
cmd_import_check_perm(struct cmd_import *x, struct cmd_import_row *r)
{
	const struct form_def *def = x->def;
	size_t i;
	char *msg;

	for (i = 0; i < def->nfields; i++) {
		if (form_type_ncols(def->fields[i].type) == 0 || str_empty(r->rec->vals[i]) ||
		    db_perm_field(x->ctx->db, &def->fields[i], FA_EDIT))
			continue;
		msg = xasprintf(_("the role '%s' may not fill in this field"),
		    db_perm_role(x->ctx->db));
		cmd_import_say_at(x, r, i, 0, msg);
		free(msg);
	}
}

/* The record check of the screen; then the record's logic applied as the
 * save from the screen applies it, a value it would clear (a field that
 * does not apply to the record) said instead of dropped. */
static void
cmd_import_check(struct cmd_import *x, struct cmd_import_row *r)
{
	struct form_logic logic = db_expr_logic(x->ctx->expr);
	struct form_problems ps = { 0 };
	const struct form_problem *p;
	bool *relevant = xcalloc(x->def->nfields ? x->def->nfields : 1, sizeof *relevant);
	struct form_record *applied;
	size_t k;

	form_check_record(x->ctx->forms, &logic, r->rec, &ps);
	for (k = 0; k < ps.n; k++) {
		p = &ps.items[k];
		cmd_import_say_at(x, r, p->field, p->depth == 0 &&
		    p->kind == FORM_PROBLEM_CURRENCY ? 1 : 0, p->msg);
	}
	form_check_clear(&ps);
	applied = form_record_dup(r->rec);
	db_expr_apply(x->ctx->expr, applied, false, relevant);
	for (k = 0; k < x->def->nfields; k++)
		if (!relevant[k] && x->def->fields[k].type != FT_CALCULATED &&
		    !str_empty(r->rec->vals[k]))
			cmd_import_say_at(x, r, k, 0, _("a value is given, but the field does not "
			    "apply to this record"));
	free(relevant);
	form_record_free(r->rec);
	r->rec = applied;
}

/* Whether a row has no value at all (a spreadsheet's empty row). */
static bool
cmd_import_blank(const struct sheet_row *row)
{
	size_t k;

	for (k = 0; k < row->ncells; k++)
		if (row->cells[k] != NULL && row->cells[k][strspn(row->cells[k], " \t\r\n")] != '\0')
			return false;
	return true;
}

/* Every row made a record and checked (its case looked up before anything
 * is saved); nothing is written. */
static void
cmd_import_rows(struct cmd_import *x, struct cmd_import_rows *rs)
{
	const struct sheet_row *row;
	struct cmd_import_row *r;
	size_t i;

	rs->v = xcalloc(x->sheet.nrows, sizeof *rs->v);
	for (i = 1; i < x->sheet.nrows; i++) {
		row = &x->sheet.rows[i];
		if (cmd_import_blank(row))
			continue;
		r = &rs->v[rs->n++];
		r->no = row->no;
		r->rec = form_record_new(x->def);
		cmd_import_fill(x, row, r->rec);
		if (x->group >= 0)
			cmd_import_group_parent(x, r, row);
		else
			cmd_import_case(x, r, row);
		cmd_import_check_perm(x, r);
		cmd_import_check(x, r);
	}
}

/* The best of n likely earlier registrations of the row's person: an
 * error when it refuses the import, else a note. */
static void
cmd_import_dup_say(struct cmd_import *x, const struct cmd_import_row *r, const struct db_dup *d,
    size_t n, bool refuses)
{
	char *more = n > 1 ? xasprintf(_(" (and %zu more cases)"), n - 1) : xstrdup("");
	char *what = xasprintf(_("possibly the same person as in case %s: %s %s, born %s (a "
	    "match of %d in 100)%s"), d->case_no,
	    d->person.surname != NULL ? d->person.surname : "",
	    d->person.given_names != NULL ? d->person.given_names : "",
	    d->person.dob != NULL ? d->person.dob : "?", d->score, more);

	if (refuses)
		cmd_import_say(x, false, r->no, NULL, "%s", what);
	else
		cmd_import_say(x, true, r->no, NULL, _("note: %s"), what);
	free(what);
	free(more);
}

/* Likely earlier registrations of the person of each row that makes a case,
 * as the new-case screen finds them; one whose names and date of birth agree
 * (CMD_IMPORT_DUP_REFUSE) refuses the import unless --allow-duplicates. */
static void
cmd_import_dupes(struct cmd_import *x, struct cmd_import_rows *rs)
{
	struct cmd_import_row *r;
	struct db_dup *d;
	size_t i, n;
	char *err = NULL;
	bool refuses;

	for (i = 0; i < rs->n; i++) {
		r = &rs->v[i];
		if (r->bad || !r->new_case)
			continue;
		if (db_dup_find(x->ctx->db, r->rec, i18n_fold_name, &d, &n, &err) != DB_OK) {
			cmd_import_say(x, false, r->no, NULL, "%s", err != NULL ? err : "");
			free(err);
			err = NULL;
			continue;
		}
		/* best first */
		refuses = n > 0 && d[0].score >= CMD_IMPORT_DUP_REFUSE && !x->allow_dups;
		if (n > 0)
			cmd_import_dup_say(x, r, d, n, refuses);
		rs->dups += refuses;
		r->bad |= refuses;
		db_dup_free(d, n);
	}
}

/* The import's audit row, in its transaction. */
static int
cmd_import_audit(struct cmd_import *x, const struct cmd_import_rows *rs)
{
	char num[32];

	snprintf(num, sizeof num, "%zu", rs->saved);
	return cmd_audit_event(x->ctx, "import", "imported", x->name, "file", x->path,
	    "rows", num, NULL);
}

/* Every good row saved with the rules, in the transaction. */
static void
cmd_import_save(struct cmd_import *x, struct cmd_import_rows *rs)
{
	struct cmd_import_row *r;
	enum db_status st = DB_OK;
	char *err = NULL;
	size_t i;

	for (i = 0; i < rs->n && st != DB_ERROR; i++) {
		struct db_save_also also = { .make_case = rs->v[i].new_case };

		if ((r = &rs->v[i])->bad)
			continue;
		/* a refused row is taken back whole, so every later row is checked */
		if ((st = db_bulk_row_begin(x->ctx->db, &err)) == DB_OK &&
		    (st = db_lifecycle_save_also(x->ctx->db, r->rec, &also, NULL, &err)) == DB_OK) {
			db_bulk_row_end(x->ctx->db);
			rs->saved++;
		} else {
			db_bulk_row_undo(x->ctx->db);
			cmd_import_say(x, false, r->no, NULL, "%s", err != NULL ? err : "");
		}
		free(err);
		err = NULL;
	}
	if (st == DB_ERROR && i < rs->n)
		cmd_import_say(x, true, rs->v[i - 1].no, NULL, "%s", _("the rows after this one "
		    "were not checked against the rules"));
}

/* One transaction around all of it (its reads take no lock of their own):
 * the rows checked, compared with the cases there, saved; kept only when
 * nothing went wrong and this is no dry run. */
static void
cmd_import_batch(struct cmd_import *x, struct cmd_import_rows *rs)
{
	struct db *db = x->ctx->db;
	char *err = NULL;

	if (db_bulk_begin(db, &err) != DB_OK) {
		cmd_error("%s", err != NULL ? err : x->ctx->db_path);
		free(err);
		x->nerr++;
		return;
	}
	cmd_import_rows(x, rs);
	cmd_import_dupes(x, rs);
	if (x->group >= 0)
		cmd_import_group_save(x, rs);
	else
		cmd_import_save(x, rs);
	if (x->nerr > 0 || x->dry_run || cmd_import_audit(x, rs) != 0) {
		db_bulk_abort(db);
		x->nerr += x->nerr == 0 && !x->dry_run;
	} else if (db_bulk_commit(db, &err) != DB_OK) {
		cmd_error("%s", err != NULL ? err : x->ctx->db_path);
		free(err);
		x->nerr++;
	}
}

static void
cmd_import_rows_free(struct cmd_import_rows *rs)
{
	size_t i;

	for (i = 0; i < rs->n; i++)
		form_record_free(rs->v[i].rec);
	free(rs->v);
}

/* The file's rows, checked, saved; the exit status. */
static int
cmd_import_run(struct cmd_import *x)
{
	struct cmd_import_rows rs = { 0 };

	if (cmd_import_columns(x) == 0) {
		cmd_import_batch(x, &rs);
	}
	cmd_import_flush(x);
	if (x->nerr > 0) {
		if (rs.dups > 0)
			cmd_error("%s", _("a likely duplicate refuses the import; --allow-duplicates "
			    "imports such rows all the same"));
		cmd_error(_("%s: nothing was imported (errors: %zu)"), x->path, x->nerr);
	} else if (x->dry_run)
		printf(_("%s: %zu records of form '%s' would be imported; nothing was written "
		    "(--dry-run)\n"), x->path, rs.saved, x->name);
	else
		printf(_("%s: %zu records of form '%s' imported\n"), x->path, rs.saved, x->name);
	cmd_import_rows_free(&rs);
	return x->nerr > 0 ? 1 : 0;
}

/* Whether a file is read as a workbook: its name ends in .xlsx. */
static bool
cmd_import_is_xlsx(const char *path)
{
	size_t n = strlen(path);

	return n >= 5 && strcasecmp(path + n - 5, ".xlsx") == 0;
}

/* FORM or FORM.GROUP (as avrr export names them); false after its error. */
static bool
cmd_import_target(struct cmd_import *x)
{
	const char *dot = strchr(x->name, '.');
	char *form = dot != NULL ? xstrndup(x->name, (size_t)(dot - x->name)) :
	    xstrdup(x->name);
	int i = -1;

	x->form = form_set_find(x->ctx->forms, form);
	free(form);
	if (x->form != NULL && dot != NULL)
		i = form_field_index(x->form, dot + 1);
	if (x->form == NULL || (dot != NULL && (i < 0 || x->form->fields[i].type != FT_REPEAT))) {
		cmd_error(_("no form or repeat group named '%s'"), x->name);
		return false;
	}
	x->group = i;
	x->def = i >= 0 ? x->form->fields[i].group : x->form;
	return true;
}

/* The form, the role's right to add its records (a group's rows: to change
 * its form's), the file read. */
static int
cmd_import_open(struct cmd_import *x, const char *sheet)
{
	char *err = NULL;
	bool ok;

	if (!cmd_import_target(x))
		return 1;
	if (db_perm_refuse(x->ctx->db, x->form, x->group >= 0 ? FA_EDIT : FA_CREATE,
	    &err) != DB_OK) {
		cmd_error("%s", err != NULL ? err : x->name);
		free(err);
		return 1;
	}
	x->makes_case = x->group < 0 &&
	    str_eq(x->name, form_workflow_form(x->ctx->forms, WFS_REGISTRATION));
	ok = cmd_import_is_xlsx(x->path) ? sheet_read_xlsx(x->path, sheet, &x->sheet, &err) :
	    sheet_read_csv(x->path, &x->sheet, &err);
	if (ok && x->sheet.nrows == 0) {
		ok = false;
		err = xasprintf(_("%s: the file is empty: its first row must name the columns"),
		    x->path);
	}
	if (!ok) {
		cmd_error("%s", err);
		free(err);
		return 1;
	}
	return 0;
}

int
cmd_import(const struct cmd_args *a)
{
	struct cmd_ctx ctx = { .db_path = cmd_opt_get(a, "db") };
	struct cmd_import x = { .ctx = &ctx, .name = a->operands[0], .path = a->operands[1],
	    .dry_run = cmd_opt_get(a, "dry-run") != NULL,
	    .allow_dups = cmd_opt_get(a, "allow-duplicates") != NULL };
	const char *sheet = cmd_opt_get(a, "sheet");
	int rc;

	if (sheet != NULL && !cmd_import_is_xlsx(x.path))
		return cmd_opt_error(a->spec, _("--sheet is for a workbook (FILE.xlsx) only"));
	if ((rc = cmd_open(&ctx, DB_OPEN_READ)) == 0 && (rc = cmd_identity(&ctx, NULL)) == 0 &&
	    (rc = cmd_import_open(&x, sheet)) == 0)
		rc = cmd_import_run(&x);
	cmd_import_flush(&x);
	cmd_import_cols_free(&x);
	sheet_free(&x.sheet);
	cmd_close(&ctx);
	return rc;
}
