/*
 * cmd/import_group: avrr import FORM.GROUP FILE, the rows of a repeat group
 * (family members, plan items) as avrr export FORM.GROUP writes them, each
 * added to the record of FORM it names (cmd/import_int.h).
 *
 * A row names its record by case_no, the case's one record of FORM (a case
 * with several needs record_id too, naming one of them), or by record_id
 * alone. Rows are only added: a record's rows already stored stay as they
 * are. Each record is then checked for its number of rows (the group's
 * min/max) and saved once, with the rules, as a change of that record.
 */
#include "cmd/import_int.h"

#include <stdlib.h>
#include <string.h>

#include "db/expr.h"
#include "db/import.h"
#include "db/lifecycle.h"
#include "db/record.h"
#include "form/type.h"
#include "util/mem.h"
#include "util/str.h"
#include "util/tr.h"

/* A record rows are added to. */
struct cmd_import_parent {
	int64_t			 id;
	struct form_record	*rec;		/* NULL when it could not be read */
	long			 first;		/* the first file row added to it */
	size_t			 added;
};

/* The trimmed text of column k of row ("" without one; malloc'd). */
static char *
cmd_import_group_cell(const struct sheet_row *row, int k)
{
	const char *v = k >= 0 ? sheet_cell(row, (size_t)k) : NULL;
	char *raw = xstrdup(v != NULL ? v : ""), *t = xstrdup(str_trim(raw));

	free(raw);
	return t;
}

static const char *
cmd_import_group_head(const struct cmd_import *x, int k, const char *name)
{
	return k >= 0 ? x->cols[k].head : name;
}

/* The one record of x->form in case_id, or the one numbered id among them;
 * 0 after its error. */
static int64_t
cmd_import_group_in_case(struct cmd_import *x, struct cmd_import_row *r, int64_t case_id,
    const char *case_no, int64_t id)
{
	int64_t *ids = NULL, found = 0;
	size_t n = 0, i;
	char *err = NULL;

	if (db_record_list(x->ctx->db, x->form, case_id, &ids, &n, &err) != DB_OK) {
		cmd_import_say(x, false, r->no, NULL, "%s", err != NULL ? err : "");
		free(err);
		return 0;
	}
	for (i = 0; i < n; i++)
		if (id == 0 ? n == 1 : ids[i] == id)
			found = ids[i];
	free(ids);
	if (found == 0 && id == 0 && n > 1)
		cmd_import_say(x, false, r->no, cmd_import_group_head(x, x->id_col, "record_id"),
		    _("case %s has several records of form '%s': give the record_id"), case_no,
		    x->form->name);
	else if (found == 0)
		cmd_import_say(x, false, r->no, cmd_import_group_head(x, id != 0 ? x->id_col :
		    x->case_col, id != 0 ? "record_id" : "case_no"), _("case %s has no such "
		    "record of form '%s'"), case_no, x->form->name);
	return found;
}

/* A record id as written, 0 when it is none. */
static int64_t
cmd_import_group_id(const char *text)
{
	char *end;
	long long v = strtoll(text, &end, 10);

	return end != text && *end == '\0' && v > 0 ? (int64_t)v : 0;
}

void
cmd_import_group_parent(struct cmd_import *x, struct cmd_import_row *r,
    const struct sheet_row *row)
{
	char *no = cmd_import_group_cell(row, x->case_col);
	char *idt = cmd_import_group_cell(row, x->id_col), *err = NULL;
	int64_t id = cmd_import_group_id(idt), case_id = 0;
	enum db_status st;

	if (*idt != '\0' && id == 0)
		cmd_import_say(x, false, r->no, cmd_import_group_head(x, x->id_col, "record_id"),
		    _("'%s' is no record id"), idt);
	else if (*no != '\0') {
		st = db_import_case_id(x->ctx->db, no, &case_id, &err);
		if (st == DB_OK)
			r->parent = cmd_import_group_in_case(x, r, case_id, no, id);
		else
			cmd_import_say(x, false, r->no, cmd_import_group_head(x, x->case_col,
			    "case_no"), _("no case is numbered '%s'"), no);
	} else if (id != 0)
		r->parent = id;
	else
		cmd_import_say(x, false, r->no, cmd_import_group_head(x, x->case_col, "case_no"),
		    _("name the record of form '%s' the row belongs to: its case_no or "
		    "record_id"), x->form->name);
	r->rec->case_id = case_id;
	r->bad |= r->parent == 0;
	free(err);
	free(no);
	free(idt);
}

/* The entry of record id (read on first use). */
static struct cmd_import_parent *
cmd_import_group_find(struct cmd_import *x, struct cmd_import_parent **ps, size_t *n,
    size_t *cap, const struct cmd_import_row *r)
{
	struct cmd_import_parent *p;
	char *err = NULL;
	size_t i;

	for (i = *n; i > 0; i--)	/* a file's rows of one record stand together */
		if ((*ps)[i - 1].id == r->parent)
			return &(*ps)[i - 1];
	*ps = xgrow(*ps, cap, *n + 1, sizeof **ps);
	p = &(*ps)[(*n)++];
	memset(p, 0, sizeof *p);
	p->id = r->parent;
	p->first = r->no;
	if (db_record_load(x->ctx->db, x->form, r->parent, &p->rec, &err) != DB_OK) {
		cmd_import_say(x, false, r->no, cmd_import_group_head(x, x->id_col, "record_id"),
		    "%s", err != NULL ? err : "");
		p->rec = NULL;
	}
	free(err);
	return p;
}

/* A copy of the row's values as a new row of the record. */
static void
cmd_import_group_add(struct cmd_import *x, struct cmd_import_parent *p,
    const struct form_record *row)
{
	struct form_record *dst = form_record_add_row(p->rec, (size_t)x->group);
	size_t i;
	int c;

	for (i = 0; i < row->def->nfields; i++)
		for (c = 0; c < form_type_ncols(row->def->fields[i].type); c++)
			form_record_set_part(dst, i, c, form_record_part(row, i, c));
	p->added++;
}

/* The record's count of rows, then its save; false after an error. */
static bool
cmd_import_group_store(struct cmd_import *x, struct cmd_import_parent *p)
{
	struct form_logic logic = db_expr_logic(x->ctx->expr);
	struct form_problems ps = { 0 };
	struct db_save_also also = { 0 };
	char *err = NULL;
	size_t k;
	bool ok = true;

	form_check_record(x->ctx->forms, &logic, p->rec, &ps);
	for (k = 0; k < ps.n; k++)
		if (ps.items[k].kind == FORM_PROBLEM_ROWS && ps.items[k].depth == 0 &&
		    ps.items[k].field == (size_t)x->group) {
			cmd_import_say(x, false, p->first, NULL, "%s", ps.items[k].msg);
			ok = false;
		}
	form_check_clear(&ps);
	if (!ok)
		return false;
	db_expr_apply(x->ctx->expr, p->rec, false, NULL);
	if (db_lifecycle_save_also(x->ctx->db, p->rec, &also, NULL, &err) != DB_OK) {
		cmd_import_say(x, false, p->first, NULL, "%s", err != NULL ? err : "");
		ok = false;
	}
	free(err);
	return ok;
}

void
cmd_import_group_save(struct cmd_import *x, struct cmd_import_rows *rs)
{
	struct cmd_import_parent *ps = NULL, *p;
	size_t n = 0, cap = 0, i;

	for (i = 0; i < rs->n; i++) {
		if (rs->v[i].bad)
			continue;
		p = cmd_import_group_find(x, &ps, &n, &cap, &rs->v[i]);
		if (p->rec != NULL)
			cmd_import_group_add(x, p, rs->v[i].rec);
	}
	for (i = 0; i < n; i++) {
		if (ps[i].rec != NULL && cmd_import_group_store(x, &ps[i]))
			rs->saved += ps[i].added;
		form_record_free(ps[i].rec);
	}
	free(ps);
}
