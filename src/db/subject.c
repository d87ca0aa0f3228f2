/*
 * db/subject: the data subject's export: the case, its records (calls
 * included), drafts and audit rows as one JSON document.
 */
#include "db/subject.h"

#include <stdlib.h>
#include <string.h>

#include "db/internal.h"
#include "db/perm.h"
#include "db/json.h"
#include "db/record.h"
#include "form/value.h"
#include "util/json.h"
#include "util/mem.h"
#include "util/str.h"
#include "util/tr.h"

struct db_subject_op {
	const char	*case_no;
	struct strbuf	*out;
	int64_t		 case_id;
};

/* Columns whose text is JSON written by db/json: embedded as it is. */
static bool
db_subject_raw(const char *col, const char *text)
{
	struct json *j;
	bool ok;

	if (strcmp(col, "changes") != 0 && strcmp(col, "data") != 0)
		return false;
	j = json_parse(text, strlen(text), NULL);
	ok = j != NULL;
	json_free(j);
	return ok;
}

/* The columns of the statement's current row as members of an object. */
static void
db_subject_cols(struct strbuf *sb, bool *first, sqlite3_stmt *s)
{
	const char *name, *text;
	int i;

	for (i = 0; i < sqlite3_column_count(s); i++) {
		name = sqlite3_column_name(s, i);
		db_json_key(sb, first, name, "");
		text = (const char *)sqlite3_column_text(s, i);
		if (sqlite3_column_type(s, i) == SQLITE_INTEGER)
			strbuf_printf(sb, "%lld", (long long)sqlite3_column_int64(s, i));
		else if (text != NULL && db_subject_raw(name, text))
			strbuf_puts(sb, text);
		else
			db_json_str(sb, text);
	}
}

/* "key":[{row}, ..] of every row sql (?1 = the case) answers. */
static enum db_status
db_subject_rows(struct db *db, struct strbuf *sb, const char *key, const char *sql,
    int64_t case_id, char **err)
{
	sqlite3_stmt *s = db_prep(db, sql, err);
	bool rfirst;
	int rc, n = 0;

	if (s == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(s, 1, case_id);
	strbuf_printf(sb, ",\"%s\":[", key);
	while ((rc = db_step(db, s)) == SQLITE_ROW) {
		strbuf_puts(sb, n++ > 0 ? ",{" : "{");
		rfirst = true;
		db_subject_cols(sb, &rfirst, s);
		strbuf_putc(sb, '}');
	}
	db_finish(db, s);
	strbuf_putc(sb, ']');
	return rc == SQLITE_DONE ? DB_OK : db_sqlerr(db, err);
}

/* One record: its form, stored columns, then its values. */
static enum db_status
db_subject_record(struct db *db, struct strbuf *sb, const struct form_def *def,
    sqlite3_stmt *meta, char **err)
{
	struct form_record *rec = NULL;
	enum db_status st;
	bool first = true;

	st = db_record_load(db, def, sqlite3_column_int64(meta, 0), &rec, err);
	if (st != DB_OK)
		return st;
	strbuf_putc(sb, '{');
	db_json_key(sb, &first, "form", "");
	db_json_str(sb, def->name);
	db_subject_cols(sb, &first, meta);
	db_json_key(sb, &first, "values", "");
	db_json_record(sb, rec, &db_json_audit);
	strbuf_putc(sb, '}');
	form_record_free(rec);
	return DB_OK;
}

/* The case's records of form def, after *n written ones. */
static enum db_status
db_subject_form(struct db *db, struct strbuf *sb, const struct form_def *def,
    int64_t case_id, size_t *n, char **err)
{
	char *sql = xasprintf("SELECT id, created_at, created_by, updated_at, updated_by"
	    " FROM \"%s\" WHERE case_id = ?1 ORDER BY id", def->table);
	sqlite3_stmt *s = db_prep(db, sql, err);
	enum db_status st = DB_OK;
	int rc;

	free(sql);
	if (s == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(s, 1, case_id);
	while (st == DB_OK && (rc = db_step(db, s)) == SQLITE_ROW) {
		if ((*n)++ > 0)
			strbuf_putc(sb, ',');
		st = db_subject_record(db, sb, def, s, err);
	}
	db_finish(db, s);
	if (st == DB_OK && rc != SQLITE_DONE)
		st = db_sqlerr(db, err);
	return st;
}

/* The condition on drafts (rows: "form", "record_id") or audit rows ("tbl",
 * "row_id") that picks the case's and its records'. */
static char *
db_subject_where(const struct form_set *set, bool audit)
{
	struct strbuf sb = STRBUF_INIT;
	const struct form_def *def;
	size_t i;

	strbuf_puts(&sb, " WHERE case_id = ?1");
	for (i = 0; set != NULL && i < set->nforms; i++) {
		if ((def = set->forms[i])->parent != NULL)
			continue;
		strbuf_printf(&sb, " OR (%s = '%s' AND %s IN (SELECT id FROM \"%s\""
		    " WHERE case_id = ?1))", audit ? "tbl" : "form", audit ? def->table : def->name,
		    audit ? "row_id" : "record_id", def->table);
	}
	return strbuf_take(&sb);
}

static enum db_status
db_subject_lists(struct db *db, struct db_subject_op *op, char **err)
{
	char *where = db_subject_where(db_forms(db), false), *sql;
	enum db_status st;

	sql = xasprintf("SELECT form, user, record_id, created_at, updated_at, data FROM drafts"
	    "%s ORDER BY id", where);
	st = db_subject_rows(db, op->out, "drafts", sql, op->case_id, err);
	free(sql);
	free(where);
	where = db_subject_where(db_forms(db), true);
	sql = xasprintf("SELECT id, at, user, tbl AS \"table\", row_id AS row, action, changes"
	    " FROM audit%s ORDER BY id", where);
	if (st == DB_OK)
		st = db_subject_rows(db, op->out, "audit", sql, op->case_id, err);
	free(sql);
	free(where);
	return st;
}

static enum db_status
db_subject_case(struct db *db, struct db_subject_op *op, char **err)
{
	sqlite3_stmt *s = db_prep(db, "SELECT id, case_no, status, client_lang, project,"
	    " created_at, created_by, updated_at, updated_by FROM cases WHERE case_no = ?1", err);
	bool first = true;
	int rc;

	if (s == NULL)
		return DB_ERROR;
	db_bind_text(s, 1, op->case_no);
	if ((rc = db_step(db, s)) == SQLITE_ROW) {
		op->case_id = sqlite3_column_int64(s, 0);
		strbuf_puts(op->out, "{\"case\":{");
		db_subject_cols(op->out, &first, s);
		strbuf_putc(op->out, '}');
	}
	db_finish(db, s);
	if (rc == SQLITE_ROW)
		return DB_OK;
	if (rc != SQLITE_DONE)
		return db_sqlerr(db, err);
	db_seterr(err, _("no case %s"), op->case_no);
	return DB_NOTFOUND;
}

static enum db_status
db_subject_tx(struct db *db, void *arg, char **err)
{
	struct db_subject_op *op = arg;
	const struct form_set *set = db_forms(db);
	enum db_status st;
	char *now = db_now(), *changes;
	size_t i, n = 0;

	strbuf_reset(op->out);
	st = db_subject_case(db, op, err);
	changes = xasprintf("{\"subject_export\":{\"new\":\"%s\"}}", now);
	if (st == DB_OK)
		st = db_audit_add(db, "cases", op->case_id, op->case_id, "update", changes, now,
		    err);
	free(changes);
	free(now);
	if (st == DB_OK)
		strbuf_puts(op->out, ",\"records\":[");
	for (i = 0; set != NULL && i < set->nforms && st == DB_OK; i++)
		if (set->forms[i]->parent == NULL)
			st = db_subject_form(db, op->out, set->forms[i], op->case_id, &n, err);
	if (st == DB_OK)
		strbuf_putc(op->out, ']');
	if (st == DB_OK)
		st = db_subject_lists(db, op, err);
	if (st == DB_OK)
		strbuf_puts(op->out, "}\n");
	return st;
}

enum db_status
db_subject_export(struct db *db, const char *case_no, struct strbuf *out, char **err)
{
	struct db_subject_op op = { case_no, out, 0 };
	enum db_status st;

	if ((st = db_writable(db, err)) != DB_OK ||
	    (st = db_perm_oversee(db, N_("A data subject's export"), err)) != DB_OK)
		return st;
	return db_tx(db, db_subject_tx, &op, err);
}
