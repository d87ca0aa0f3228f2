/*
 * db/audit: the audit rows written beside every change, and the JSON they
 * carry (which fields changed, from what, to what; written by db/json); each
 * row chained to the one before it by its hash (see db/audit.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "db/audit.h"
#include "db/internal.h"
#include "db/json.h"
#include "form/type.h"
#include "form/form.h"
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

/* ---- writing ---------------------------------------------------------------- */

#define DB_AUDIT_OP_SQL		0x5a03	/* key: the SQL text itself */

/* A statement of fixed text found by its address: these run once per row
 * written, and finding them by their text costs more than running them. */
static char *
db_audit_sql_same(const void *key)
{
	return xstrdup(key);
}

static sqlite3_stmt *
db_audit_prep(struct db *db, const char *sql, char **err)
{
	return db_prep_keyed(db, sql, DB_AUDIT_OP_SQL, db_audit_sql_same, err);
}


enum db_audit_fmt
db_audit_format(struct db *db, char **err)
{
	sqlite3_stmt *s;

	if (db->audit_fmt != DB_AUDIT_UNKNOWN)
		return db->audit_fmt;
	s = db_prep(db, "SELECT count(*) FROM pragma_table_info('audit') WHERE name = 'sum'",
	    err);
	if (s == NULL)
		return DB_AUDIT_UNKNOWN;
	if (db_step(db, s) == SQLITE_ROW)
		db->audit_fmt = sqlite3_column_int(s, 0) > 0 ? DB_AUDIT_CHAINED : DB_AUDIT_OLD;
	db_finish(db, s);
	return db->audit_fmt;
}

#define DB_AUDIT_COLS	"INSERT INTO audit (id, at, user, tbl, row_id, case_id, action, changes," \
			" content, hash, salt, sum) VALUES "
#define DB_AUDIT_ROW	"(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
#define DB_AUDIT_NCOLS	12

static const char db_audit_one[] = DB_AUDIT_COLS DB_AUDIT_ROW;
static const char db_audit_old[] = "INSERT INTO audit (at, user, tbl, row_id, case_id,"
    " action, changes) VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8)";

/* The values of one row from parameter base + 1 on. The texts stay bound
 * as they are (no copy): they live until after the statement is reset. */
static void
db_audit_bind(sqlite3_stmt *st, int base, const struct db_audit_row *r, int64_t id,
    const unsigned char *hash)
{
	const char *text[] = { r->at, r->user, r->tbl, NULL, NULL, r->action, r->changes };
	int i;

	if (hash != NULL)
		sqlite3_bind_int64(st, base + 1, id);
	for (i = 0; i < 7; i++)
		if (text[i] != NULL)
			sqlite3_bind_text(st, base + i + 2, text[i], -1, SQLITE_STATIC);
	if (r->tbl != NULL)
		sqlite3_bind_int64(st, base + 5, r->row);
	if (r->case_id != 0)
		sqlite3_bind_int64(st, base + 6, r->case_id);
	if (r->ncontent >= 0)
		sqlite3_bind_blob(st, base + 9, r->content, r->ncontent, SQLITE_STATIC);
	if (hash != NULL)
		sqlite3_bind_blob(st, base + 10, hash, DB_AUDIT_HASH, SQLITE_STATIC);
	if (hash != NULL && r->has_sum) {
		sqlite3_bind_blob(st, base + 11, r->salt, DB_AUDIT_SALT, SQLITE_STATIC);
		sqlite3_bind_blob(st, base + 12, r->sum, DB_AUDIT_HASH, SQLITE_STATIC);
	}
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

static const char db_audit_sql_last[] = "SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1";

/* The id and hash of the newest row, which the next row chains to (the
 * write transaction holds the lock: no other writer comes between). */
static enum db_status
db_audit_last(struct db *db, int64_t *id, unsigned char prev[DB_AUDIT_HASH], bool *has,
    char **err)
{
	sqlite3_stmt *s = db_audit_prep(db, db_audit_sql_last, err);
	int rc;

	if (s == NULL)
		return DB_ERROR;
	*id = 0;
	*has = false;
	rc = db_step(db, s);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(s, 0);
		*has = sqlite3_column_bytes(s, 1) == DB_AUDIT_HASH;
		if (*has)
			memcpy(prev, sqlite3_column_blob(s, 1), DB_AUDIT_HASH);
	}
	db_finish(db, s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? DB_OK : db_sqlerr(db, err);
}

/* Writes rows[0..n-1] chained after the newest row: n is 1 or DB_AUDIT_BATCH.
 * Each row with changes gets a fresh salt and their sum. */
static enum db_status
db_audit_write(struct db *db, struct db_audit_row *rows, size_t n, char **err)
{
	unsigned char hash[DB_AUDIT_BATCH][DB_AUDIT_HASH];
	enum db_status st;
	sqlite3_stmt *s;
	bool has;
	int64_t id;
	size_t i;
	int rc;

	if ((st = db_audit_last(db, &id, hash[0], &has, err)) != DB_OK)
		return st;
	for (i = 0; i < n; i++) {
		rows[i].has_sum = rows[i].changes != NULL;
		if (rows[i].has_sum) {
			randombytes_buf(rows[i].salt, DB_AUDIT_SALT);
			db_audit_sum(&rows[i], rows[i].sum);
		}
		db_audit_chain_hash(&rows[i], id + 1 + (int64_t)i, i > 0 ? hash[i - 1] :
		    has ? hash[0] : NULL, DB_AUDIT_HASH, hash[i]);
	}
	s = n == 1 ? db_audit_prep(db, db_audit_one, err) :
	    db_prep_keyed(db, db_audit_one, 0, db_audit_sql_batch, err);
	if (s == NULL)
		return DB_ERROR;
	for (i = 0; i < n; i++)
		db_audit_bind(s, (int)i * DB_AUDIT_NCOLS, &rows[i], id + 1 + (int64_t)i,
		    hash[i]);
	rc = db_step(db, s);
	db_finish(db, s);
	return rc == SQLITE_DONE ? DB_OK : db_sqlerr(db, err);
}

/* A table init has not upgraded: the row as it was written before the chain. */
static enum db_status
db_audit_write_old(struct db *db, const struct db_audit_row *r, char **err)
{
	sqlite3_stmt *s = db_audit_prep(db, db_audit_old, err);
	int rc;

	if (s == NULL)
		return DB_ERROR;
	db_audit_bind(s, 0, r, 0, NULL);
	rc = db_step(db, s);
	db_finish(db, s);
	return rc == SQLITE_DONE ? DB_OK : db_sqlerr(db, err);
}

static enum db_status
db_audit_put_rows(struct db *db, struct db_audit_row *rows, size_t n, char **err)
{
	enum db_audit_fmt fmt = db_audit_format(db, err);
	enum db_status st = DB_OK;
	size_t i;

	if (fmt == DB_AUDIT_UNKNOWN)
		return db_sqlerr(db, err);
	if (fmt == DB_AUDIT_CHAINED)
		return db_audit_write(db, rows, n, err);
	for (i = 0; i < n && st == DB_OK; i++)
		st = db_audit_write_old(db, &rows[i], err);
	return st;
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

void
db_audit_drop_since(struct db *db, uint64_t mark)
{
	uint64_t added = db->naudit > mark ? db->naudit - mark : 0;

	while (added > 0 && db->naudit_q > 0) {
		db_audit_row_free(&db->audit_q[--db->naudit_q]);
		added--;
	}
	db->naudit = mark;
}

enum db_status
db_audit_flush(struct db *db, char **err)
{
	enum db_status st = DB_OK;
	size_t i;

	if (db->naudit_q == DB_AUDIT_BATCH)
		st = db_audit_put_rows(db, db->audit_q, DB_AUDIT_BATCH, err);
	else
		for (i = 0; i < db->naudit_q && st == DB_OK; i++)
			st = db_audit_put_rows(db, &db->audit_q[i], 1, err);
	db_audit_drop(db);
	return st;
}

/* Writes r now, or queues a copy of it in a bulk batch. */
static enum db_status
db_audit_queue(struct db *db, struct db_audit_row *r, char **err)
{
	struct db_audit_row *q;

	db->naudit++;
	if (!db->bulk)
		return db_audit_put_rows(db, r, 1, err);
	if (db->audit_q == NULL)
		db->audit_q = xcalloc(DB_AUDIT_BATCH, sizeof *db->audit_q);
	q = &db->audit_q[db->naudit_q++];
	*q = *r;
	q->at = xstrdup(r->at);
	q->user = xstrdup0(r->user);
	q->tbl = xstrdup0(r->tbl);
	q->action = xstrdup(r->action);
	q->changes = xstrdup0(r->changes);
	return db->naudit_q == DB_AUDIT_BATCH ? db_audit_flush(db, err) : DB_OK;
}

enum db_status
db_audit_add(struct db *db, const char *table, int64_t row, int64_t case_id,
    const char *action, const char *changes, const char *now, char **err)
{
	struct db_audit_row r = { .at = now, .user = db->user, .tbl = table, .action = action,
	    .changes = changes, .row = row, .case_id = case_id, .ncontent = -1 };
	enum db_status st;
	enum db_audit_fmt fmt = db_audit_format(db, NULL);

	if (fmt == DB_AUDIT_CHAINED && (st = db_audit_content(db, &r, err)) != DB_OK)
		return st;
	/* a table init has not brought up to date takes three actions only */
	if (fmt == DB_AUDIT_OLD && !str_eq(action, "insert") && !str_eq(action, "delete"))
		r.action = "update";
	return db_audit_queue(db, &r, err);
}

/* ---- views and events --------------------------------------------------------- */

static enum db_status
db_audit_ev_tx(struct db *db, void *arg, char **err)
{
	return db_audit_queue(db, arg, err);
}

static enum db_status
db_audit_ev_write(struct db *db, struct db_audit_row *r, char **err)
{
	enum db_status st;
	char *now;

	if (db->readonly || db->damaged)	/* nothing can be written, nor changed */
		return DB_OK;
	if (db_audit_format(db, err) != DB_AUDIT_CHAINED)
		return db->audit_fmt == DB_AUDIT_OLD ? DB_OK : db_sqlerr(db, err);
	now = db_now();
	r->at = now;
	r->user = db->user;
	st = db_tx(db, db_audit_ev_tx, r, err);
	free(now);
	return st;
}

enum db_status
db_audit_view(struct db *db, const char *table, int64_t row, int64_t case_id, char **err)
{
	struct db_audit_row r = { .tbl = table, .action = "view", .row = row,
	    .case_id = case_id, .ncontent = -1 };

	return db_audit_ev_write(db, &r, err);
}

enum db_status
db_audit_event(struct db *db, const char *action, int64_t case_id, const char *detail,
    char **err)
{
	struct db_audit_row r = { .action = action, .changes = detail, .case_id = case_id,
	    .ncontent = -1 };

	return db_audit_ev_write(db, &r, err);
}

/* ---- a purge erases what the audit rows of a case say ------------------- */

/* The rows of the case, and of each record of it (a call saved before it
 * was linked to the case has rows with no case); rows without a sum were
 * written before the chain and are not changed. */
static char *
db_audit_case_rows(struct db *db)
{
	const struct form_set *set = db_forms(db);
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	strbuf_puts(&sb, "UPDATE audit SET changes = NULL, salt = NULL"
	    " WHERE changes IS NOT NULL AND sum IS NOT NULL AND (case_id = ?1");
	for (i = 0; set != NULL && i < set->nforms; i++)
		if (set->forms[i]->parent == NULL && str_is_ident(set->forms[i]->table))
			strbuf_printf(&sb, " OR (tbl = '%s' AND row_id IN (SELECT id FROM \"%s\""
			    " WHERE case_id = ?1))", set->forms[i]->table, set->forms[i]->table);
	strbuf_putc(&sb, ')');
	return strbuf_take(&sb);
}

enum db_status
db_audit_redact_case(struct db *db, int64_t case_id, const char *now, char **err)
{
	enum db_status st;
	char detail[64], *sql;
	sqlite3_stmt *s;
	int rc;

	if (db->naudit_q > 0 && (st = db_audit_flush(db, err)) != DB_OK)
		return st;	/* the case's rows still queued are written first */
	sql = db_audit_case_rows(db);
	s = db_prep(db, sql, err);
	free(sql);
	if (s == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(s, 1, case_id);
	rc = db_step(db, s);
	db_finish(db, s);
	if (rc != SQLITE_DONE)
		return db_sqlerr(db, err);
	snprintf(detail, sizeof detail, "{\"rows\":%d}", sqlite3_changes(db->sql));
	return db_audit_add(db, "cases", case_id, case_id, "redact", detail, now, err);
}
