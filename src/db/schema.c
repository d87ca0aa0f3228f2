/*
 * db/schema: the tables of forms. A form's table has the common record columns
 * and one column per valued field; a repeat group has a child table. Columns
 * are added and renamed ("was"), never dropped. form_schema records what was
 * synced, column by column: what each form needs, nothing more. Only
 * db_sync_forms() (avrr init) changes a table; db_use_forms() compares.
 */
#include <stdlib.h>
#include <string.h>

#include "db/internal.h"
#include "db/report.h"
#include "db/worklist.h"
#include "form/type.h"
#include "util/mem.h"
#include "util/str.h"
#include "util/tr.h"

/* Existing columns of one table (none: the table does not exist). */
struct db_cols {
	char	**names;
	size_t	  n;
	size_t	  cap;
};

struct db_sync {
	const struct form_set	*set;
	char			*now;
};

const char *
db_schema_coltype(enum form_type t)
{
	const char *c = form_type(t)->coltype;

	return c != NULL ? c : "TEXT";
}

static void
db_schema_cols_free(struct db_cols *c)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		free(c->names[i]);
	free(c->names);
	memset(c, 0, sizeof *c);
}

static void
db_schema_cols_add(struct db_cols *c, const char *name)
{
	c->names = xgrow(c->names, &c->cap, c->n + 1, sizeof *c->names);
	c->names[c->n++] = xstrdup(name);
}

static bool
db_schema_cols_has(const struct db_cols *c, const char *name)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		if (strcmp(c->names[i], name) == 0)
			return true;
	return false;
}

static enum db_status
db_schema_cols_load(struct db *db, const char *table, struct db_cols *c, char **err)
{
	sqlite3_stmt *st = db_prep(db, "SELECT name FROM pragma_table_info(?1)", err);
	int rc;

	memset(c, 0, sizeof *c);
	if (st == NULL)
		return DB_ERROR;
	db_bind_text(st, 1, table);
	while ((rc = db_step(db, st)) == SQLITE_ROW)
		db_schema_cols_add(c, (const char *)sqlite3_column_text(st, 0));
	db_finish(db, st);
	return rc == SQLITE_DONE ? DB_OK : db_sqlerr(db, err);
}

static enum db_status
db_schema_exec(struct db *db, char *sql, char **err)
{
	enum db_status st = db_exec(db, sql, err);

	free(sql);
	return st;
}

static enum db_status
db_schema_badname(const struct form_def *def, int line, const char *name, char **err)
{
	db_seterr(err, _("%s:%d: '%s' cannot be a table or column name"),
	    def->file != NULL ? def->file : "?", line, name != NULL ? name : "");
	return DB_ERROR;
}

/* Checks every identifier of def (not its groups) before any SQL is built. */
static enum db_status
db_schema_check(const struct form_def *def, char **err)
{
	size_t i;

	if (!str_is_ident(def->table))
		return db_schema_badname(def, def->line, def->table, err);
	for (i = 0; i < def->nfields; i++)
		if (!str_is_ident(def->fields[i].name) ||
		    (def->fields[i].was != NULL && !str_is_ident(def->fields[i].was)))
			return db_schema_badname(def, def->fields[i].line,
			    def->fields[i].name, err);
	return DB_OK;
}

static void
db_schema_coldefs(struct strbuf *sb, const struct form_def *def)
{
	const struct form_field *f;
	const struct form_type_col *x;
	size_t i;

	for (i = 0; i < def->nfields; i++) {
		f = &def->fields[i];
		if (!form_type_has_value(f->type))
			continue;
		strbuf_printf(sb, ", \"%s\" %s", f->name, db_schema_coltype(f->type));
		if ((x = form_type(f->type)->extra) != NULL)
			strbuf_printf(sb, ", \"%s%s\" %s", f->name, x->suffix, x->coltype);
	}
}

static enum db_status
db_schema_create(struct db *db, const struct form_def *def, char **err)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_printf(&sb, "CREATE TABLE \"%s\" (id INTEGER PRIMARY KEY", def->table);
	if (def->parent != NULL)
		strbuf_printf(&sb, ", parent_id INTEGER NOT NULL REFERENCES \"%s\" (id)"
		    " ON DELETE CASCADE, position INTEGER NOT NULL", def->parent->table);
	else
		strbuf_printf(&sb, ", uuid TEXT NOT NULL UNIQUE, case_id INTEGER%s"
		    " REFERENCES cases (id), version INTEGER NOT NULL DEFAULT 1,"
		    " created_at TEXT NOT NULL, created_by TEXT, updated_at TEXT NOT NULL,"
		    " updated_by TEXT", def->needs_case ? " NOT NULL" : "");
	db_schema_coldefs(&sb, def);
	strbuf_printf(&sb, "); CREATE INDEX \"%s__%s\" ON \"%s\" (%s)", def->table,
	    def->parent != NULL ? "parent" : "case", def->table,
	    def->parent != NULL ? "parent_id, position" : "case_id");
	return db_schema_exec(db, strbuf_take(&sb), err);
}

/* Adds or renames one column. */
static enum db_status
db_schema_column(struct db *db, const char *table, struct db_cols *have,
    const char *col, const char *was, const char *type, char **err)
{
	enum db_status st;

	if (db_schema_cols_has(have, col))
		return DB_OK;
	if (was != NULL && db_schema_cols_has(have, was))
		st = db_schema_exec(db, xasprintf("ALTER TABLE \"%s\" RENAME COLUMN \"%s\""
		    " TO \"%s\"", table, was, col), err);
	else
		st = db_schema_exec(db, xasprintf("ALTER TABLE \"%s\" ADD COLUMN \"%s\" %s",
		    table, col, type), err);
	if (st == DB_OK)
		db_schema_cols_add(have, col);
	return st;
}

static enum db_status
db_schema_extend(struct db *db, const struct form_def *def, struct db_cols *have,
    char **err)
{
	const struct form_field *f;
	const struct form_type_col *x;
	enum db_status st = DB_OK;
	char *col, *was;
	size_t i;

	for (i = 0; i < def->nfields && st == DB_OK; i++) {
		f = &def->fields[i];
		if (!form_type_has_value(f->type))
			continue;
		st = db_schema_column(db, def->table, have, f->name, f->was,
		    db_schema_coltype(f->type), err);
		if (st != DB_OK || (x = form_type(f->type)->extra) == NULL)
			continue;
		col = xasprintf("%s%s", f->name, x->suffix);
		was = f->was != NULL ? xasprintf("%s%s", f->was, x->suffix) : NULL;
		st = db_schema_column(db, def->table, have, col, was, x->coltype, err);
		free(col);
		free(was);
	}
	return st;
}

/* A renamed repeat field renames its child table. */
static enum db_status
db_schema_rename_group(struct db *db, const struct form_def *def,
    const struct form_field *f, char **err)
{
	struct db_cols now, old;
	enum db_status st;
	char *oldname;

	if (f->was == NULL || f->group == NULL)
		return DB_OK;
	oldname = xasprintf("%s_%s", def->table, f->was);
	st = db_schema_cols_load(db, f->group->table, &now, err);
	if (st == DB_OK)
		st = db_schema_cols_load(db, oldname, &old, err);
	if (st == DB_OK && now.n == 0 && old.n > 0)
		st = db_schema_exec(db, xasprintf("ALTER TABLE \"%s\" RENAME TO \"%s\"",
		    oldname, f->group->table), err);
	db_schema_cols_free(&now);
	db_schema_cols_free(&old);
	free(oldname);
	return st;
}

static enum db_status
db_schema_record(struct db *db, const struct db_sync *sync, const struct form_def *def,
    char **err)
{
	sqlite3_stmt *st;
	const struct form_field *f;
	const struct form_type_col *x;
	const struct form_def *top = def;
	size_t i;
	int rc = SQLITE_DONE, k;

	while (top->parent != NULL)
		top = top->parent;
	st = db_prep(db, "INSERT OR REPLACE INTO form_schema (tbl, col, type, form, field,"
	    " search, synced_at) VALUES (?1, ?2 || ?3, ?4, ?5, ?2, ?6, ?7)", err);
	if (st == NULL)
		return DB_ERROR;
	for (i = 0; i < def->nfields && rc == SQLITE_DONE; i++) {
		f = &def->fields[i];
		if (!form_type_has_value(f->type))
			continue;
		x = form_type(f->type)->extra;
		for (k = 0; k < form_type_ncols(f->type) && rc == SQLITE_DONE; k++) {
			db_bind_text(st, 1, def->table);
			db_bind_text(st, 2, f->name);
			db_bind_text(st, 3, k == 0 ? "" : x->suffix);
			db_bind_text(st, 4, k == 0 ? form_type_name(f->type) : x->kind);
			db_bind_text(st, 5, top->name);
			db_bind_text(st, 6, form_search_name(f->search));
			db_bind_text(st, 7, sync->now);
			rc = db_step(db, st);
			sqlite3_reset(st);
		}
	}
	db_finish(db, st);
	return rc == SQLITE_DONE ? DB_OK : db_sqlerr(db, err);
}

static enum db_status
db_schema_def(struct db *db, const struct db_sync *sync, const struct form_def *def,
    char **err)
{
	struct db_cols have;
	enum db_status st;
	size_t i;

	if ((st = db_schema_check(def, err)) != DB_OK)
		return st;
	if ((st = db_schema_cols_load(db, def->table, &have, err)) != DB_OK)
		return st;
	if (have.n == 0)
		st = db_schema_create(db, def, err);
	else
		st = db_schema_extend(db, def, &have, err);
	db_schema_cols_free(&have);
	if (st == DB_OK)
		st = db_schema_record(db, sync, def, err);
	for (i = 0; i < def->nfields && st == DB_OK; i++) {
		if (def->fields[i].type != FT_REPEAT || def->fields[i].group == NULL)
			continue;
		st = db_schema_rename_group(db, def, &def->fields[i], err);
		if (st == DB_OK)
			st = db_schema_def(db, sync, def->fields[i].group, err);
	}
	return st;
}

/* form_schema then holds exactly what each form needs (db_use_forms compares). */
static enum db_status
db_schema_forget(struct db *db, const struct form_def *def, char **err)
{
	sqlite3_stmt *st = db_prep(db, "DELETE FROM form_schema WHERE form = ?1", err);
	int rc;

	if (st == NULL)
		return DB_ERROR;
	db_bind_text(st, 1, def->name);
	rc = db_step(db, st);
	db_finish(db, st);
	return rc == SQLITE_DONE ? DB_OK : db_sqlerr(db, err);
}

/* ---- the audit table: chained and append-only (db/audit.h) ---------------- */

/* The table before the chain allowed three actions and no events; SQLite
 * changes no CHECK in place, so it is made again with every row kept. */
static const char db_schema_audit_new[] =
    "CREATE TABLE audit_chained (id INTEGER PRIMARY KEY, at TEXT NOT NULL, user TEXT,"
    " tbl TEXT, row_id INTEGER, case_id INTEGER, action TEXT NOT NULL, changes TEXT,"
    " content BLOB, hash BLOB, salt BLOB, sum BLOB);"
    "INSERT INTO audit_chained (id, at, user, tbl, row_id, case_id, action, changes)"
    " SELECT id, at, user, tbl, row_id, case_id, action, changes FROM audit ORDER BY id;"
    "DROP TABLE audit;"
    "ALTER TABLE audit_chained RENAME TO audit;"
    "CREATE INDEX audit_case ON audit (case_id);"
    "CREATE INDEX audit_at ON audit (at);";

/* No row is deleted; the one change a row may take is the purge's erasure of
 * its changes and their salt (db_audit_redact_case), all else as it was. */
static const char db_schema_audit_guard[] =
    "CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit"
    " WHEN NOT (NEW.changes IS NULL AND NEW.salt IS NULL AND NEW.sum IS NOT NULL"
    " AND NEW.id IS OLD.id AND NEW.at IS OLD.at AND NEW.user IS OLD.user"
    " AND NEW.tbl IS OLD.tbl AND NEW.row_id IS OLD.row_id AND NEW.case_id IS OLD.case_id"
    " AND NEW.action IS OLD.action AND NEW.content IS OLD.content"
    " AND NEW.hash IS OLD.hash AND NEW.sum IS OLD.sum)"
    " BEGIN SELECT RAISE(ABORT, 'the audit is append-only: no row of it is changed'); END;"
    "CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit"
    " BEGIN SELECT RAISE(ABORT, 'the audit is append-only: no row of it is deleted'); END;";

static enum db_status
db_schema_audit(struct db *db, char **err)
{
	struct db_cols have;
	enum db_status st;
	bool chained;

	if ((st = db_schema_cols_load(db, "audit", &have, err)) != DB_OK)
		return st;
	chained = db_schema_cols_has(&have, "sum");
	db_schema_cols_free(&have);
	if (!chained && (st = db_exec(db, db_schema_audit_new, err)) != DB_OK)
		return st;
	db->audit_fmt = DB_AUDIT_UNKNOWN;
	return db_exec(db, db_schema_audit_guard, err);
}

static enum db_status
db_schema_sync_tx(struct db *db, void *arg, char **err)
{
	const struct db_sync *sync = arg;
	enum db_status st;
	size_t i;

	st = db_schema_audit(db, err);
	for (i = 0; i < sync->set->nforms && st == DB_OK; i++) {
		st = db_schema_forget(db, sync->set->forms[i], err);
		if (st == DB_OK)
			st = db_schema_def(db, sync, sync->set->forms[i], err);
	}
	return st;
}

enum db_status
db_sync_forms(struct db *db, const struct form_set *set, char **err)
{
	struct db_sync sync = { set, db_now() };
	enum db_status st;

	if (set->nerrors > 0) {
		db_seterr(err, "%s", set->errors[0]);
		free(sync.now);
		return DB_ERROR;
	}
	db_keyed_forget(db);	/* statements keyed by the old definitions */
	st = db_tx(db, db_schema_sync_tx, &sync, err);
	free(sync.now);
	if (st == DB_OK) {
		db->forms = set;
		db->ndiffer = 0;
		st = db_work_sync(db, err);
		if (st == DB_OK)
			st = db_report_indexes(db, err);
	}
	return st;
}

/* ---- does the database hold what the forms need? ------------------------- */

/* What one form needs, or what form_schema records for it: "tbl col type"
 * lines, sorted, compared as a whole (the form's fingerprint). */
struct db_print {
	char	**lines;
	size_t	  n;
	size_t	  cap;
};

static void
db_print_add(struct db_print *p, const char *tbl, const char *col, const char *type)
{
	p->lines = xgrow(p->lines, &p->cap, p->n + 1, sizeof *p->lines);
	p->lines[p->n++] = xasprintf("%s %s %s", tbl, col, type);
}

static void
db_print_free(struct db_print *p)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		free(p->lines[i]);
	free(p->lines);
	memset(p, 0, sizeof *p);
}

static int
db_print_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool
db_print_equal(struct db_print *a, struct db_print *b)
{
	size_t i;

	if (a->n != b->n)
		return false;
	if (a->n > 1) {
		qsort(a->lines, a->n, sizeof *a->lines, db_print_cmp);
		qsort(b->lines, b->n, sizeof *b->lines, db_print_cmp);
	}
	for (i = 0; i < a->n; i++)
		if (strcmp(a->lines[i], b->lines[i]) != 0)
			return false;
	return true;
}

/* The columns def and its repeat groups need, as db_schema_record() writes them. */
static void
db_print_def(struct db_print *p, const struct form_def *def)
{
	const struct form_field *f;
	const struct form_type_col *x;
	char *col;
	size_t i;

	for (i = 0; i < def->nfields; i++) {
		f = &def->fields[i];
		if (f->type == FT_REPEAT && f->group != NULL)
			db_print_def(p, f->group);
		if (!form_type_has_value(f->type))
			continue;
		db_print_add(p, def->table, f->name, form_type_name(f->type));
		if ((x = form_type(f->type)->extra) == NULL)
			continue;
		col = xasprintf("%s%s", f->name, x->suffix);
		db_print_add(p, def->table, col, x->kind);
		free(col);
	}
}

static enum db_status
db_print_recorded(struct db *db, const char *form, struct db_print *p, char **err)
{
	sqlite3_stmt *st = db_prep(db, "SELECT tbl, col, type FROM form_schema"
	    " WHERE form = ?1", err);
	int rc;

	if (st == NULL)
		return DB_ERROR;
	db_bind_text(st, 1, form);
	while ((rc = db_step(db, st)) == SQLITE_ROW)
		db_print_add(p, (const char *)sqlite3_column_text(st, 0),
		    (const char *)sqlite3_column_text(st, 1),
		    (const char *)sqlite3_column_text(st, 2));
	db_finish(db, st);
	return rc == SQLITE_DONE ? DB_OK : db_sqlerr(db, err);
}

static enum db_status
db_schema_compare(struct db *db, const struct form_def *def, bool *same, char **err)
{
	struct db_print want = { 0 }, have = { 0 };
	enum db_status st;

	*same = false;
	db_print_def(&want, def);
	st = db_print_recorded(db, def->name, &have, err);
	if (st == DB_OK)
		*same = db_print_equal(&want, &have);
	db_print_free(&want);
	db_print_free(&have);
	return st;
}

enum db_status
db_use_forms(struct db *db, const struct form_set *set, char **err)
{
	enum db_status st = DB_OK;
	size_t i;
	bool same;

	if (set->nerrors > 0) {
		db_seterr(err, "%s", set->errors[0]);
		return DB_ERROR;
	}
	db_keyed_forget(db);
	xfree(&db->differ);
	db->ndiffer = 0;
	db->differ = xcalloc(set->nforms + 1, sizeof *db->differ);
	for (i = 0; i < set->nforms && st == DB_OK; i++) {
		st = db_schema_compare(db, set->forms[i], &same, err);
		if (st == DB_OK && !same)
			db->differ[db->ndiffer++] = set->forms[i];
	}
	db->forms = set;
	/* What falls due is made again once for new forms; tables that differ
	 * from their forms cannot give it, and a busy database may next time. */
	if (st == DB_OK && db->ndiffer == 0)
		db_work_sync(db, NULL);
	return st;
}

bool
db_form_matches(const struct db *db, const struct form_def *def)
{
	size_t i;

	while (def->parent != NULL)
		def = def->parent;
	for (i = 0; i < db->ndiffer; i++)
		if (db->differ[i] == def)
			return false;
	return true;
}

enum db_status
db_schema_refuse(struct db *db, const struct form_def *def, char **err)
{
	while (def->parent != NULL)
		def = def->parent;
	db_seterr(err, _("%s: '%s' differs from its table; needs 'avrr init'"),
	    db->path, _(def->title));
	return DB_REFUSED;
}
