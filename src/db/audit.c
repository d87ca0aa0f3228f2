/*
 * db/audit: the audit rows written beside every change, and the JSON they
 * carry (which fields changed, from what, to what; written by db/json).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/internal.h"
#include "db/json.h"
#include "form/type.h"
#include "form/value.h"
#include "util/mem.h"
#include "util/str.h"

static void
db_audit_rows(struct strbuf *sb, bool *first, const char *name,
    const struct form_rows *old, const struct form_rows *new)
{
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;

	db_json_rows(&a, old, &db_json_audit);
	db_json_rows(&b, new, &db_json_audit);
	if (strcmp(strbuf_str(&a), strbuf_str(&b)) != 0) {
		db_json_key(sb, first, name, "");
		db_json_sides(sb, old != NULL ? strbuf_str(&a) : NULL,
		    new != NULL ? strbuf_str(&b) : NULL, true);
	}
	strbuf_free(&a);
	strbuf_free(&b);
}

char *
db_audit_diff(const struct form_record *old, const struct form_record *new)
{
	const struct form_def *def = old != NULL ? old->def : new->def;
	const struct form_field *f;
	struct strbuf sb = STRBUF_INIT;
	bool first = true;
	size_t i;

	strbuf_putc(&sb, '{');
	for (i = 0; i < def->nfields; i++) {
		f = &def->fields[i];
		if (f->type == FT_REPEAT) {
			db_audit_rows(&sb, &first, f->name, old != NULL ? &old->kids[i] : NULL,
			    new != NULL ? &new->kids[i] : NULL);
			continue;
		}
		if (!form_type_has_value(f->type))
			continue;
		db_json_change(&sb, &first, f->name, "", old != NULL ? old->vals[i] : NULL,
		    new != NULL ? new->vals[i] : NULL);
		if (form_type(f->type)->extra != NULL)
			db_json_change(&sb, &first, f->name, form_type(f->type)->extra->suffix,
			    old != NULL ? form_record_part(old, i, 1) : NULL,
			    new != NULL ? form_record_part(new, i, 1) : NULL);
	}
	strbuf_putc(&sb, '}');
	return strbuf_take(&sb);
}

/* Borrowed texts when written at once; copies while in db->audit_q. */
struct db_audit_row {
	const char	*at, *user, *tbl, *action, *changes;
	int64_t		 row, case_id;
};

#define DB_AUDIT_COLS	"INSERT INTO audit (at, user, tbl, row_id, case_id, action, changes)" \
			" VALUES "
#define DB_AUDIT_ROW	"(?, ?, ?, ?, ?, ?, ?)"

static const char db_audit_one[] = DB_AUDIT_COLS DB_AUDIT_ROW;

/* The values of one row from parameter base + 1 on. The texts stay bound
 * as they are (no copy): they live until after the statement is reset. */
static void
db_audit_bind(sqlite3_stmt *st, int base, const struct db_audit_row *r)
{
	const char *text[] = { r->at, r->user, r->tbl, NULL, NULL, r->action, r->changes };
	int i;

	for (i = 0; i < 7; i++)
		if (text[i] != NULL)
			sqlite3_bind_text(st, base + i + 1, text[i], -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, base + 4, r->row);
	if (r->case_id != 0)
		sqlite3_bind_int64(st, base + 5, r->case_id);
}

static char *
db_audit_sql_batch(const void *key)
{
	struct strbuf sb = STRBUF_INIT;
	int i;

	strbuf_puts(&sb, DB_AUDIT_COLS);
	for (i = 0; i < DB_AUDIT_BATCH; i++)
		strbuf_puts(&sb, i == 0 ? DB_AUDIT_ROW : ", " DB_AUDIT_ROW);
	return strbuf_take(&sb);
}

/* Writes rows[0..n-1]: n is 1 or DB_AUDIT_BATCH. */
static enum db_status
db_audit_write(struct db *db, const struct db_audit_row *rows, size_t n, char **err)
{
	sqlite3_stmt *st = n == 1 ? db_prep(db, db_audit_one, err) :
	    db_prep_keyed(db, db_audit_one, 0, db_audit_sql_batch, err);
	size_t i;
	int rc;

	if (st == NULL)
		return DB_ERROR;
	for (i = 0; i < n; i++)
		db_audit_bind(st, (int)i * 7, &rows[i]);
	rc = db_step(db, st);
	db_finish(db, st);
	return rc == SQLITE_DONE ? DB_OK : db_sqlerr(db, err);
}

static void
db_audit_row_free(struct db_audit_row *r)
{
	free((char *)r->at);
	free((char *)r->user);
	free((char *)r->tbl);
	free((char *)r->action);
	free((char *)r->changes);
}

void
db_audit_drop(struct db *db)
{
	size_t i;

	for (i = 0; i < db->naudit_q; i++)
		db_audit_row_free(&db->audit_q[i]);
	db->naudit_q = 0;
}

enum db_status
db_audit_flush(struct db *db, char **err)
{
	enum db_status st = DB_OK;
	size_t i;

	if (db->naudit_q == DB_AUDIT_BATCH)
		st = db_audit_write(db, db->audit_q, DB_AUDIT_BATCH, err);
	else
		for (i = 0; i < db->naudit_q && st == DB_OK; i++)
			st = db_audit_write(db, &db->audit_q[i], 1, err);
	db_audit_drop(db);
	return st;
}

enum db_status
db_audit_add(struct db *db, const char *table, int64_t row, int64_t case_id,
    const char *action, const char *changes, const char *now, char **err)
{
	struct db_audit_row r = { now, db->user, table, action, changes, row, case_id };
	struct db_audit_row *q;

	db->naudit++;
	if (!db->bulk)
		return db_audit_write(db, &r, 1, err);
	if (db->audit_q == NULL)
		db->audit_q = xcalloc(DB_AUDIT_BATCH, sizeof *db->audit_q);
	q = &db->audit_q[db->naudit_q++];
	*q = r;
	q->at = xstrdup(now);
	q->user = xstrdup0(db->user);
	q->tbl = xstrdup(table);
	q->action = xstrdup(action);
	q->changes = xstrdup0(changes);
	return db->naudit_q == DB_AUDIT_BATCH ? db_audit_flush(db, err) : DB_OK;
}

/* ---- a purge erases what the audit rows of a case say ------------------- */

/* The rows of the case, and of each record of it (a call saved before it
 * was linked to the case has rows with no case). */
static char *
db_audit_case_rows(struct db *db)
{
	const struct form_set *set = db_forms(db);
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	strbuf_puts(&sb, "UPDATE audit SET changes = NULL WHERE changes IS NOT NULL AND"
	    " (case_id = ?1");
	for (i = 0; set != NULL && i < set->nforms; i++)
		if (set->forms[i]->parent == NULL)
			strbuf_printf(&sb, " OR (tbl = '%s' AND row_id IN (SELECT id FROM \"%s\""
			    " WHERE case_id = ?1))", set->forms[i]->table, set->forms[i]->table);
	strbuf_putc(&sb, ')');
	return strbuf_take(&sb);
}

enum db_status
db_audit_redact_case(struct db *db, int64_t case_id, const char *now, char **err)
{
	char *sql = db_audit_case_rows(db);
	sqlite3_stmt *s = db_prep(db, sql, err);
	int rc;

	free(sql);
	if (s == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(s, 1, case_id);
	rc = db_step(db, s);
	db_finish(db, s);
	return rc == SQLITE_DONE ? DB_OK : db_sqlerr(db, err);
}
