/*
 * db/record: records of form tables. Reading builds a form_record from the
 * row and its child rows; writing is one transaction holding the row, its
 * child rows, the audit row and the case's search index entry.
 */
#include "db/record.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/internal.h"
#include "db/perm.h"
#include "db/worklist.h"
#include "form/type.h"
#include "form/value.h"
#include "util/mem.h"
#include "util/str.h"
#include "util/tr.h"

struct db_save {
	const struct form_record	*rec;
	struct form_record		*theirs;	/* the stored record on conflict */
	int64_t				 id;		/* what the record became */
	int64_t				 version;
	int64_t				 del_version;	/* delete: the expected version */
	const char			*now;
	bool				 case_read;	/* the case row was read in this transaction */
};

static enum db_status db_record_read(struct db *, const struct form_def *, int64_t id,
    struct form_record **, char **);
static bool db_record_def_ok(struct db *, const struct form_def *, char **err);

/* The value columns of def, comma-separated, each prefixed by sep. */
static void
db_record_colnames(struct strbuf *sb, const struct form_def *def, const char *sep)
{
	const struct form_field *f;
	size_t i;

	for (i = 0; i < def->nfields; i++) {
		f = &def->fields[i];
		if (!form_type_has_value(f->type))
			continue;
		/* puts, not printf: this runs for every column of every read */
		strbuf_puts(sb, sep);
		strbuf_putc(sb, '"');
		strbuf_puts(sb, f->name);
		strbuf_putc(sb, '"');
		if (form_type(f->type)->extra != NULL) {
			strbuf_puts(sb, sep);
			strbuf_putc(sb, '"');
			strbuf_puts(sb, f->name);
			strbuf_puts(sb, form_type(f->type)->extra->suffix);
			strbuf_putc(sb, '"');
		}
	}
}

static int
db_record_ncols(const struct form_def *def)
{
	size_t i;
	int n = 0;

	for (i = 0; i < def->nfields; i++)
		n += form_type_ncols(def->fields[i].type);
	return n;
}

static char *
db_record_coltext(sqlite3_stmt *st, int col, enum form_type t)
{
	const char *fmt = form_type(t)->real_text;
	char buf[64];

	switch (sqlite3_column_type(st, col)) {
	case SQLITE_NULL:
		return NULL;
	case SQLITE_FLOAT:
		snprintf(buf, sizeof buf, fmt != NULL ? fmt : "%.15g",
		    sqlite3_column_double(st, col));
		return xstrdup(buf);
	default:
		return db_col_text(st, col);
	}
}

/* Fills the values of rec from columns first.. of the current row. */
static void
db_record_fill(struct form_record *rec, sqlite3_stmt *st, int first)
{
	const struct form_field *f;
	int col = first;
	size_t i;

	for (i = 0; i < rec->def->nfields; i++) {
		f = &rec->def->fields[i];
		if (!form_type_has_value(f->type))
			continue;
		free(rec->vals[i]);
		rec->vals[i] = db_record_coltext(st, col++, f->type);
		if (form_type(f->type)->extra != NULL) {
			char *t = db_col_text(st, col++);

			form_record_set_part(rec, i, 1, t);
			free(t);
		}
	}
}

/* Fills rec from a row of db_record_sql_select(). */
static void
db_record_fill_head(struct form_record *rec, sqlite3_stmt *st)
{
	rec->id = sqlite3_column_int64(st, 0);
	rec->case_id = sqlite3_column_int64(st, 1);
	rec->version = sqlite3_column_int64(st, 2);
	db_record_fill(rec, st, 3);
}

/* Binds the values of rec from parameter first on; returns the next one. */
static int
db_record_bind_values(sqlite3_stmt *st, const struct form_record *rec, int first)
{
	const struct form_field *f;
	int idx = first;
	size_t i;

	for (i = 0; i < rec->def->nfields; i++) {
		f = &rec->def->fields[i];
		if (!form_type_has_value(f->type))
			continue;
		db_bind_typed(st, idx++, f->type, rec->vals[i], false);
		if (form_type(f->type)->extra != NULL)
			db_bind_text(st, idx++, str_empty(form_record_part(rec, i, 1)) ? NULL :
			    form_record_part(rec, i, 1));
	}
	return idx;
}

/* The SQL of each statement on a form's table, built once per form (keyed). */
enum { DB_SQL_KIDS, DB_SQL_ROW, DB_SQL_INSERT_ROW, DB_SQL_INSERT, DB_SQL_UPDATE,
	DB_SQL_DELETE_KIDS, DB_SQL_CASE_ROWS, DB_SQL_ONCE, DB_SQL_UPDATE_ROW };

static char *
db_record_sql_kids(const void *key)
{
	const struct form_def *g = key;
	struct strbuf sb = STRBUF_INIT;

	strbuf_puts(&sb, "SELECT id");
	db_record_colnames(&sb, g, ", ");
	strbuf_printf(&sb, " FROM \"%s\" WHERE parent_id = ?1 ORDER BY position", g->table);
	return strbuf_take(&sb);
}

/* The columns a record is read from (id, case_id, version, values), then where. */
static char *
db_record_sql_select(const struct form_def *def, const char *where)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_puts(&sb, "SELECT id, case_id, version");
	db_record_colnames(&sb, def, ", ");
	strbuf_printf(&sb, " FROM \"%s\" %s", def->table, where);
	return strbuf_take(&sb);
}

static char *
db_record_sql_row(const void *key)
{
	return db_record_sql_select(key, "WHERE id = ?1");
}

static enum db_status
db_record_read_kids(struct db *db, struct form_record *rec, size_t field, char **err)
{
	const struct form_def *g = rec->def->fields[field].group;
	struct form_record *row;
	enum db_status st = DB_OK;
	sqlite3_stmt *s;
	int rc;

	s = db_prep_keyed(db, g, DB_SQL_KIDS, db_record_sql_kids, err);
	if (s == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(s, 1, rec->id);
	while (st == DB_OK && (rc = db_step(db, s)) == SQLITE_ROW) {
		row = form_record_add_row(rec, field);
		row->id = sqlite3_column_int64(s, 0);
		db_record_fill(row, s, 1);
		for (size_t i = 0; i < g->nfields && st == DB_OK; i++)
			if (g->fields[i].type == FT_REPEAT && g->fields[i].group != NULL)
				st = db_record_read_kids(db, row, i, err);
	}
	if (st == DB_OK && rc != SQLITE_DONE)
		st = db_sqlerr(db, err);
	db_finish(db, s);
	return st;
}

static enum db_status
db_record_read_row(struct db *db, const struct form_def *def, int64_t id,
    struct form_record *rec, char **err)
{
	sqlite3_stmt *s;
	int rc;

	s = db_prep_keyed(db, def, DB_SQL_ROW, db_record_sql_row, err);
	if (s == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(s, 1, id);
	rc = db_step(db, s);
	if (rc == SQLITE_ROW)
		db_record_fill_head(rec, s);
	db_finish(db, s);
	if (rc == SQLITE_ROW)
		return DB_OK;
	if (rc == SQLITE_DONE) {
		db_seterr(err, _("%s: record %lld not found"), def->table, (long long)id);
		return DB_NOTFOUND;
	}
	return db_sqlerr(db, err);
}

/* Reads a record (inside whatever transaction is open). */
static enum db_status
db_record_read(struct db *db, const struct form_def *def, int64_t id,
    struct form_record **out, char **err)
{
	struct form_record *rec = form_record_new(def);
	enum db_status st = db_record_read_row(db, def, id, rec, err);
	size_t i;

	for (i = 0; i < def->nfields && st == DB_OK; i++)
		if (def->fields[i].type == FT_REPEAT && def->fields[i].group != NULL)
			st = db_record_read_kids(db, rec, i, err);
	if (st != DB_OK) {
		form_record_free(rec);
		rec = NULL;
	}
	*out = rec;
	return st;
}

enum db_status
db_record_load(struct db *db, const struct form_def *def, int64_t id,
    struct form_record **out, char **err)
{
	bool own = sqlite3_get_autocommit(db->sql);
	enum db_status st;

	*out = NULL;
	if (!db_record_def_ok(db, def, err))
		return DB_ERROR;
	if (db_perm_refuse(db, def, FA_READ, err) != DB_OK)
		return DB_REFUSED;
	/* One read transaction, so the row and its child rows are one snapshot. */
	if (own && db_exec(db, "BEGIN", err) != DB_OK)
		return DB_ERROR;
	st = db_record_read(db, def, id, out, err);
	if (own)
		sqlite3_exec(db->sql, "COMMIT", NULL, NULL, NULL);
	db_perm_mask(db, *out);
	return st;
}

static char *
db_record_sql_case_rows(const void *key)
{
	return db_record_sql_select(key, "WHERE case_id = ?1 ORDER BY id DESC LIMIT ?2");
}

/* The rows of the case (without their child rows) into *out. */
static enum db_status
db_record_case_rows(struct db *db, const struct form_def *def, int64_t case_id,
    size_t max, struct form_record ***out, size_t *n, char **err)
{
	struct form_record *rec;
	size_t cap = 0;
	sqlite3_stmt *s;
	int rc;

	s = db_prep_keyed(db, def, DB_SQL_CASE_ROWS, db_record_sql_case_rows, err);
	if (s == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(s, 1, case_id);
	sqlite3_bind_int64(s, 2, max > 0 ? (int64_t)max : -1);
	while ((rc = db_step(db, s)) == SQLITE_ROW) {
		rec = form_record_new(def);
		db_record_fill_head(rec, s);
		*out = xgrow(*out, &cap, *n + 1, sizeof **out);
		(*out)[(*n)++] = rec;
	}
	db_finish(db, s);
	return rc == SQLITE_DONE ? DB_OK : db_sqlerr(db, err);
}

enum db_status
db_record_load_case(struct db *db, const struct form_def *def, int64_t case_id,
    size_t max, struct form_record ***out, size_t *n, char **err)
{
	enum db_status st;
	size_t i;

	*out = NULL;
	*n = 0;
	if (db_perm_refuse(db, def, FA_READ, err) != DB_OK)
		return DB_REFUSED;
	st = db_record_load_case_raw(db, def, case_id, max, out, n, err);
	for (i = 0; i < *n; i++)
		db_perm_mask(db, (*out)[i]);
	return st;
}

enum db_status
db_record_load_case_raw(struct db *db, const struct form_def *def, int64_t case_id,
    size_t max, struct form_record ***out, size_t *n, char **err)
{
	bool own = sqlite3_get_autocommit(db->sql);
	enum db_status st;
	size_t i, k;

	*out = NULL;
	*n = 0;
	if (!db_record_def_ok(db, def, err))
		return DB_ERROR;
	if (own && db_exec(db, "BEGIN", err) != DB_OK)
		return DB_ERROR;
	st = db_record_case_rows(db, def, case_id, max, out, n, err);
	for (i = 0; i < *n && st == DB_OK; i++)
		for (k = 0; k < def->nfields && st == DB_OK; k++)
			if (def->fields[k].type == FT_REPEAT && def->fields[k].group != NULL)
				st = db_record_read_kids(db, (*out)[i], k, err);
	if (own)
		sqlite3_exec(db->sql, "COMMIT", NULL, NULL, NULL);
	if (st != DB_OK) {
		for (i = 0; i < *n; i++)
			form_record_free((*out)[i]);
		xfree(out);
		*n = 0;
	}
	return st;
}

static enum db_status
db_record_write_kids(struct db *db, const struct form_record *rec, bool fresh, char **err);

static char *
db_record_sql_insert_row(const void *key)
{
	const struct form_def *def = key;
	struct strbuf sb = STRBUF_INIT;
	int i, n = db_record_ncols(def) + 3;

	strbuf_printf(&sb, "INSERT INTO \"%s\" (parent_id, position", def->table);
	db_record_colnames(&sb, def, ", ");
	strbuf_puts(&sb, ") VALUES (?1, ?2");
	for (i = 3; i < n; i++)
		strbuf_puts(&sb, ", ?");	/* SQLite numbers a bare ? after the largest so far */
	strbuf_putc(&sb, ')');
	return strbuf_take(&sb);
}

static enum db_status
db_record_insert_row(struct db *db, const struct form_record *row, int64_t parent,
    int64_t pos, char **err)
{
	struct form_record tmp;
	sqlite3_stmt *s;
	int rc;

	s = db_prep_keyed(db, row->def, DB_SQL_INSERT_ROW, db_record_sql_insert_row, err);
	if (s == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(s, 1, parent);
	sqlite3_bind_int64(s, 2, pos);
	db_record_bind_values(s, row, 3);
	rc = db_step(db, s);
	db_finish(db, s);
	if (rc != SQLITE_DONE)
		return db_sqlerr(db, err);
	tmp = *row;
	tmp.id = sqlite3_last_insert_rowid(db->sql);
	return db_record_write_kids(db, &tmp, true, err);
}

static char *
db_record_sql_delete_kids(const void *key)
{
	const struct form_def *g = key;

	return xasprintf("DELETE FROM \"%s\" WHERE parent_id = ?1"
	    " AND id NOT IN (SELECT value FROM json_each(?2))", g->table);
}

/* Removes the child rows of group g under parent that rows no longer holds
 * (their own child rows go by cascade). */
static enum db_status
db_record_delete_kids(struct db *db, const struct form_def *g, int64_t parent,
    const struct form_rows *rows, char **err)
{
	struct strbuf keep = STRBUF_INIT;
	sqlite3_stmt *s;
	size_t r;
	int rc;

	strbuf_putc(&keep, '[');
	for (r = 0; r < rows->n; r++)
		strbuf_printf(&keep, "%s%lld", r > 0 ? "," : "", (long long)rows->rows[r]->id);
	strbuf_putc(&keep, ']');
	s = db_prep_keyed(db, g, DB_SQL_DELETE_KIDS, db_record_sql_delete_kids, err);
	if (s == NULL) {
		strbuf_free(&keep);
		return DB_ERROR;
	}
	sqlite3_bind_int64(s, 1, parent);
	db_bind_text(s, 2, strbuf_str(&keep));
	rc = db_step(db, s);
	db_finish(db, s);
	strbuf_free(&keep);
	return rc == SQLITE_DONE ? DB_OK : db_sqlerr(db, err);
}

static char *
db_record_sql_update_row(const void *key)
{
	const struct form_def *g = key;
	struct strbuf sb = STRBUF_INIT;

	strbuf_printf(&sb, "UPDATE \"%s\" SET position = ?3", g->table);
	for (size_t i = 0, k = 4; i < g->nfields; i++) {
		const struct form_field *f = &g->fields[i];

		if (!form_type_has_value(f->type))
			continue;
		strbuf_printf(&sb, ", \"%s\" = ?%zu", f->name, k++);
		if (form_type(f->type)->extra != NULL)
			strbuf_printf(&sb, ", \"%s%s\" = ?%zu", f->name,
			    form_type(f->type)->extra->suffix, k++);
	}
	strbuf_puts(&sb, " WHERE id = ?1 AND parent_id = ?2");
	return strbuf_take(&sb);
}

/* Updates a child row in place, so it keeps its id (its identity for a later
 * conflict); *found is false when parent holds no row of that id. */
static enum db_status
db_record_update_kid(struct db *db, const struct form_record *row, int64_t parent,
    int64_t pos, bool *found, char **err)
{
	sqlite3_stmt *s;
	int rc;

	*found = false;
	s = db_prep_keyed(db, row->def, DB_SQL_UPDATE_ROW, db_record_sql_update_row, err);
	if (s == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(s, 1, row->id);
	sqlite3_bind_int64(s, 2, parent);
	sqlite3_bind_int64(s, 3, pos);
	db_record_bind_values(s, row, 4);
	rc = db_step(db, s);
	db_finish(db, s);
	if (rc != SQLITE_DONE)
		return db_sqlerr(db, err);
	*found = sqlite3_changes(db->sql) > 0;
	return *found ? db_record_write_kids(db, row, false, err) : DB_OK;
}

/* Writes one child row: in place when it has an id under parent, else new. */
static enum db_status
db_record_write_kid(struct db *db, const struct form_record *row, int64_t parent,
    int64_t pos, bool fresh, char **err)
{
	enum db_status st;
	bool found = false;

	if (!fresh && row->id != 0) {
		st = db_record_update_kid(db, row, parent, pos, &found, err);
		if (st != DB_OK || found)
			return st;
	}
	return db_record_insert_row(db, row, parent, pos, err);
}

/* Brings the child rows of rec (whose id is set) to what rec holds: rows with
 * an id are updated in place, rows without one inserted, rows gone deleted. A
 * fresh record has none yet. */
static enum db_status
db_record_write_kids(struct db *db, const struct form_record *rec, bool fresh, char **err)
{
	const struct form_def *g;
	enum db_status st = DB_OK;
	size_t i, r;

	for (i = 0; i < rec->def->nfields && st == DB_OK; i++) {
		g = rec->def->fields[i].group;
		if (rec->def->fields[i].type != FT_REPEAT || g == NULL)
			continue;
		if (!fresh)
			st = db_record_delete_kids(db, g, rec->id, &rec->kids[i], err);
		for (r = 0; r < rec->kids[i].n && st == DB_OK; r++)
			st = db_record_write_kid(db, rec->kids[i].rows[r], rec->id,
			    (int64_t)r + 1, fresh, err);
	}
	return st;
}

static bool
db_record_has_search(const struct form_def *def)
{
	size_t i;

	for (i = 0; i < def->nfields; i++) {
		if (def->fields[i].search != FS_NONE)
			return true;
		if (def->fields[i].group != NULL && db_record_has_search(def->fields[i].group))
			return true;
	}
	return false;
}

/* After a change of record id in a case: what falls due, its search entry
 * and its "last updated" time. */
static enum db_status
db_record_touch_case(struct db *db, const struct form_def *def, int64_t id, int64_t case_id,
    const char *now, char **err)
{
	enum db_status st = db_work_touch(db, def, id, case_id, err);
	sqlite3_stmt *s;
	int rc;

	if (st != DB_OK || case_id == 0)
		return st;
	/* Saves of one case come in runs: a row that says so already is left
	 * alone (and no page of it written). */
	s = db_prep(db, "UPDATE cases SET updated_at = ?1, updated_by = ?2 WHERE id = ?3"
	    " AND (updated_at IS NOT ?1 OR updated_by IS NOT ?2)", err);
	if (s == NULL)
		return DB_ERROR;
	db_bind_text(s, 1, now);
	db_bind_text(s, 2, db->user);
	sqlite3_bind_int64(s, 3, case_id);
	rc = db_step(db, s);
	db_finish(db, s);
	if (rc != SQLITE_DONE)
		return db_sqlerr(db, err);
	return db_record_has_search(def) ? db_search_index_case(db, case_id, err) : DB_OK;
}

/* The answer of a count with two bound ids (an unused ?2 is ignored). */
static enum db_status
db_record_count(struct db *db, sqlite3_stmt *s, int64_t a, int64_t b, int64_t *n,
    char **err)
{
	int rc;

	if (s == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(s, 1, a);
	sqlite3_bind_int64(s, 2, b);
	rc = db_step(db, s);
	*n = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	db_finish(db, s);
	return rc == SQLITE_ROW ? DB_OK : db_sqlerr(db, err);
}

static char *
db_record_sql_once(const void *key)
{
	const struct form_def *def = key;

	return xasprintf("SELECT count(*) FROM \"%s\" WHERE case_id = ?1 AND id <> ?2",
	    def->table);
}

/* Rules on the case of a record: needed, existing (unless the caller read it
 * in this transaction already), at most one when "once". */
static enum db_status
db_record_check_case(struct db *db, const struct form_record *rec, bool case_read,
    char **err)
{
	const struct form_def *def = rec->def;
	enum db_status st = DB_OK;
	int64_t n = 0;

	if (rec->case_id == 0) {
		if (!def->needs_case)
			return DB_OK;
		db_seterr(err, _("%s: the record must belong to a case"), _(def->title));
		return DB_REFUSED;
	}
	if (!case_read)
		st = db_record_count(db, db_prep(db, "SELECT count(*) FROM cases WHERE id = ?1",
		    err), rec->case_id, 0, &n, err);
	if (st == DB_OK && !case_read && n == 0) {
		db_seterr(err, _("case %lld not found"), (long long)rec->case_id);
		return DB_NOTFOUND;
	}
	if (st != DB_OK || !def->once)
		return st;
	st = db_record_count(db, db_prep_keyed(db, def, DB_SQL_ONCE, db_record_sql_once, err),
	    rec->case_id, rec->id, &n, err);
	if (st == DB_OK && n > 0) {
		db_seterr(err, _("%s: the case already has one"), _(def->title));
		return DB_REFUSED;
	}
	return st;
}

static char *
db_record_sql_insert(const void *key)
{
	const struct form_def *def = key;
	struct strbuf sb = STRBUF_INIT;
	int i, n = db_record_ncols(def) + 5;

	strbuf_printf(&sb, "INSERT INTO \"%s\" (uuid, case_id, version, created_at,"
	    " created_by, updated_at, updated_by", def->table);
	db_record_colnames(&sb, def, ", ");
	strbuf_puts(&sb, ") VALUES (?1, ?2, 1, ?3, ?4, ?3, ?4");
	for (i = 5; i < n; i++)
		strbuf_puts(&sb, ", ?");	/* SQLite numbers a bare ? after the largest so far */
	strbuf_putc(&sb, ')');
	return strbuf_take(&sb);
}

static enum db_status
db_record_insert(struct db *db, struct db_save *sv, char **err)
{
	const struct form_record *rec = sv->rec;
	struct form_record tmp = *rec;
	enum db_status st;
	sqlite3_stmt *s;
	char *uuid, *diff;
	int rc;

	s = db_prep_keyed(db, rec->def, DB_SQL_INSERT, db_record_sql_insert, err);
	if (s == NULL)
		return DB_ERROR;
	uuid = db_uuid();
	db_bind_text(s, 1, uuid);
	if (rec->case_id != 0)
		sqlite3_bind_int64(s, 2, rec->case_id);
	db_bind_text(s, 3, sv->now);
	db_bind_text(s, 4, db->user);
	db_record_bind_values(s, rec, 5);
	rc = db_step(db, s);
	db_finish(db, s);
	free(uuid);
	if (rc != SQLITE_DONE)
		return db_sqlerr(db, err);
	tmp.id = sv->id = sqlite3_last_insert_rowid(db->sql);
	sv->version = 1;
	if ((st = db_record_write_kids(db, &tmp, true, err)) != DB_OK)
		return st;
	diff = db_audit_diff(NULL, rec);
	st = db_audit_add(db, rec->def->table, sv->id, rec->case_id, "insert", diff, sv->now,
	    err);
	free(diff);
	return st;
}

static enum db_status
db_record_conflict(struct db_save *sv, struct form_record *stored, char **err)
{
	sv->theirs = stored;
	db_seterr(err, _("%s: someone else saved this record meanwhile (version %lld, "
	    "yours %lld)"), _(stored->def->title), (long long)stored->version,
	    (long long)sv->rec->version);
	return DB_CONFLICT;
}

static enum db_status
db_record_update_row(struct db *db, struct db_save *sv, char **err)
{
	const struct form_record *rec = sv->rec;
	struct strbuf sb = STRBUF_INIT;
	sqlite3_stmt *s;
	int n, rc;

	n = db_record_ncols(rec->def);
	strbuf_printf(&sb, "UPDATE \"%s\" SET version = version + 1, case_id = ?1,"
	    " updated_at = ?2, updated_by = ?3", rec->def->table);
	for (size_t i = 0, k = 4; i < rec->def->nfields; i++) {
		const struct form_field *f = &rec->def->fields[i];

		if (!form_type_has_value(f->type))
			continue;
		strbuf_printf(&sb, ", \"%s\" = ?%zu", f->name, k++);
		if (form_type(f->type)->extra != NULL)
			strbuf_printf(&sb, ", \"%s%s\" = ?%zu", f->name,
			    form_type(f->type)->extra->suffix, k++);
	}
	strbuf_printf(&sb, " WHERE id = ?%d AND version = ?%d", n + 4, n + 5);
	s = db_prep(db, strbuf_str(&sb), err);
	strbuf_free(&sb);
	if (s == NULL)
		return DB_ERROR;
	if (rec->case_id != 0)
		sqlite3_bind_int64(s, 1, rec->case_id);
	db_bind_text(s, 2, sv->now);
	db_bind_text(s, 3, db->user);
	db_record_bind_values(s, rec, 4);
	sqlite3_bind_int64(s, n + 4, rec->id);
	sqlite3_bind_int64(s, n + 5, rec->version);
	rc = db_step(db, s);
	db_finish(db, s);
	if (rc != SQLITE_DONE)
		return db_sqlerr(db, err);
	return DB_OK;
}

static enum db_status
db_record_update(struct db *db, struct db_save *sv, char **err)
{
	const struct form_record *rec = sv->rec;
	struct form_record *stored;
	enum db_status st;
	char *diff;

	st = db_record_read(db, rec->def, rec->id, &stored, err);
	if (st != DB_OK)
		return st;
	if (stored->version != rec->version)
		return db_record_conflict(sv, stored, err);
	st = db_record_update_row(db, sv, err);
	if (st == DB_OK)
		st = db_record_write_kids(db, rec, false, err);
	if (st == DB_OK) {
		diff = db_audit_diff(stored, rec);
		st = db_audit_add(db, rec->def->table, rec->id, rec->case_id, "update",
		    diff, sv->now, err);
		free(diff);
	}
	if (st == DB_OK && stored->case_id != rec->case_id)
		st = db_record_touch_case(db, rec->def, rec->id, stored->case_id, sv->now, err);
	form_record_free(stored);
	sv->id = rec->id;
	sv->version = rec->version + 1;
	return st;
}

static enum db_status
db_record_save_tx(struct db *db, struct db_save *sv, char **err)
{
	enum db_status st;

	st = db_record_check_case(db, sv->rec, sv->case_read, err);
	if (st == DB_OK)
		st = sv->rec->id == 0 ? db_record_insert(db, sv, err) :
		    db_record_update(db, sv, err);
	if (st == DB_OK)
		st = db_record_touch_case(db, sv->rec->def, sv->id, sv->rec->case_id, sv->now,
		    err);
	return st;
}

/* Table names come from form files: checked again before they meet SQL. */
static bool
db_record_names_ok(const struct form_def *def, char **err)
{
	size_t i;

	if (!str_is_ident(def->table)) {
		db_seterr(err, _("'%s' cannot be a table name"), def->table);
		return false;
	}
	for (i = 0; i < def->nfields; i++) {
		if (!str_is_ident(def->fields[i].name)) {
			db_seterr(err, _("'%s' cannot be a column name"), def->fields[i].name);
			return false;
		}
		if (def->fields[i].group != NULL && !db_record_names_ok(def->fields[i].group, err))
			return false;
	}
	return true;
}

/* db_record_names_ok(), once per definition (until db_keyed_forget()). */
static bool
db_record_def_ok(struct db *db, const struct form_def *def, char **err)
{
	size_t i;

	for (i = 0; i < db->nchecked; i++)
		if (db->checked[i] == def)
			return true;
	if (!db_record_names_ok(def, err))
		return false;
	if (db->nchecked < sizeof db->checked / sizeof db->checked[0])
		db->checked[db->nchecked++] = def;
	return true;
}

enum db_status
db_record_save_in(struct db *db, const struct form_record *rec, const char *now,
    struct db_saved *out, char **err)
{
	struct db_save sv = { .rec = rec, .now = now, .case_read = out->case_read };
	enum db_status st;
	char *long_msg;

	form_record_free(out->theirs);	/* of an attempt that was busy */
	out->theirs = NULL;
	if (!db_form_matches(db, rec->def))
		return db_schema_refuse(db, rec->def, err);
	if (!db_record_def_ok(db, rec->def, err))
		return DB_ERROR;
	if ((long_msg = form_record_too_long(rec)) != NULL) {
		db_seterr(err, "%s", long_msg);
		free(long_msg);
		return DB_REFUSED;
	}
	st = db_record_save_tx(db, &sv, err);
	out->id = sv.id;
	out->version = sv.version;
	if (st == DB_CONFLICT)
		out->theirs = sv.theirs;
	else
		form_record_free(sv.theirs);
	return st;
}

/* A save's transaction with the permissions applied first: the fields the
 * role may not change take their stored values (db/perm). */
struct db_record_perm_tx {
	struct form_record	*rec;
	db_tx_fn		 fn;
	struct db_saved		*sv;
};

static enum db_status
db_record_perm_tx(struct db *db, void *arg, char **err)
{
	struct db_record_perm_tx *p = arg;
	struct form_record *stored = NULL;
	enum db_status st;

	if (p->rec->id != 0) {
		st = db_record_read(db, p->rec->def, p->rec->id, &stored, err);
		if (st != DB_OK)
			return st;
	}
	db_perm_keep(db, p->rec, stored);
	form_record_free(stored);
	return p->fn(db, p->sv, err);
}

enum db_status
db_record_save_via(struct db *db, struct form_record *rec, db_tx_fn fn, void *arg,
    struct form_record **theirs, char **err)
{
	struct db_saved sv = { .rec = rec, .arg = arg };
	struct db_record_perm_tx ptx = { rec, fn, &sv };
	bool keep;
	enum db_status st;
	char *now;

	if (theirs != NULL)
		*theirs = NULL;
	if (!db_form_matches(db, rec->def))
		return db_schema_refuse(db, rec->def, err);
	if (db_perm_refuse(db, rec->def, rec->id == 0 ? FA_CREATE : FA_EDIT, err) != DB_OK)
		return DB_REFUSED;
	keep = db_perm_limits(db, rec->def, FA_EDIT);
	sv.now = now = db_now();
	st = keep ? db_tx(db, db_record_perm_tx, &ptx, err) : db_tx(db, fn, &sv, err);
	free(now);
	db_perm_mask(db, rec);
	db_perm_mask(db, sv.theirs);
	if (st == DB_OK) {
		rec->id = sv.id;
		rec->version = sv.version;
	}
	if (st == DB_CONFLICT && theirs != NULL)
		*theirs = sv.theirs;
	else
		form_record_free(sv.theirs);
	return st;
}

static enum db_status
db_record_save_fn(struct db *db, void *arg, char **err)
{
	struct db_saved *sv = arg;

	return db_record_save_in(db, sv->rec, sv->now, sv, err);
}

enum db_status
db_record_save(struct db *db, struct form_record *rec, struct form_record **theirs,
    char **err)
{
	return db_record_save_via(db, rec, db_record_save_fn, NULL, theirs, err);
}

static enum db_status
db_record_delete_tx(struct db *db, void *arg, char **err)
{
	struct db_save *sv = arg;
	struct form_record *stored;
	enum db_status st;
	char *sql, *diff;

	st = db_record_read(db, sv->rec->def, sv->id, &stored, err);
	if (st != DB_OK)
		return st;
	if (stored->version != sv->del_version) {
		db_seterr(err, _("%s: someone else saved this record meanwhile (version %lld, "
		    "yours %lld)"), _(stored->def->title), (long long)stored->version,
		    (long long)sv->del_version);
		form_record_free(stored);
		return DB_CONFLICT;
	}
	sql = xasprintf("DELETE FROM \"%s\" WHERE id = %lld", stored->def->table,
	    (long long)sv->id);
	st = db_exec(db, sql, err);
	free(sql);
	if (st == DB_OK) {
		diff = db_audit_diff(stored, NULL);
		st = db_audit_add(db, stored->def->table, sv->id, stored->case_id, "delete",
		    diff, sv->now, err);
		free(diff);
	}
	if (st == DB_OK)
		st = db_record_touch_case(db, stored->def, sv->id, stored->case_id, sv->now, err);
	form_record_free(stored);
	return st;
}

enum db_status
db_record_delete(struct db *db, const struct form_def *def, int64_t id, int64_t version,
    char **err)
{
	struct form_record probe = { .def = def };
	struct db_save sv = { .rec = &probe, .id = id, .del_version = version };
	enum db_status st;
	char *now;

	if (!db_form_matches(db, def))
		return db_schema_refuse(db, def, err);
	if (!db_record_def_ok(db, def, err))
		return DB_ERROR;
	if (db_perm_refuse(db, def, FA_EDIT, err) != DB_OK)
		return DB_REFUSED;
	sv.now = now = db_now();
	st = db_tx(db, db_record_delete_tx, &sv, err);
	free(now);
	return st;
}

enum db_status
db_record_list(struct db *db, const struct form_def *def, int64_t case_id, int64_t **ids,
    size_t *n, char **err)
{
	size_t cap = 0;
	sqlite3_stmt *s;
	char *sql;
	int rc;

	*ids = NULL;
	*n = 0;
	if (!db_record_def_ok(db, def, err))
		return DB_ERROR;
	if (db_perm_refuse(db, def, FA_READ, err) != DB_OK)
		return DB_REFUSED;
	/* Two statements, so the case_id index serves the case's list. */
	sql = xasprintf(case_id == 0 ? "SELECT id FROM \"%s\" WHERE ?1 = 0 ORDER BY id DESC" :
	    "SELECT id FROM \"%s\" WHERE case_id = ?1 ORDER BY id DESC", def->table);
	s = db_prep(db, sql, err);
	free(sql);
	if (s == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(s, 1, case_id);
	while ((rc = db_step(db, s)) == SQLITE_ROW) {
		*ids = xgrow(*ids, &cap, *n + 1, sizeof **ids);
		(*ids)[(*n)++] = sqlite3_column_int64(s, 0);
	}
	db_finish(db, s);
	if (rc == SQLITE_DONE)
		return DB_OK;
	xfree(ids);
	*n = 0;
	return db_sqlerr(db, err);
}
