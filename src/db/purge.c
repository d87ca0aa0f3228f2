/*
 * db/purge: the anonymisation of a case past its retention period, and the
 * compaction that leaves no cleared value in the file or its WAL.
 */
#include "db/purge.h"

#include <stdlib.h>
#include <string.h>

#include "db/cases.h"
#include "db/internal.h"
#include "db/perm.h"
#include "db/json.h"
#include "db/settings.h"
#include "db/worklist.h"
#include "form/retention.h"
#include "form/type.h"
#include "form/workflow.h"
#include "util/date.h"
#include "util/mem.h"
#include "util/str.h"
#include "util/tr.h"

/* The day a closure must be on or before to be due: today less the years. */
static void
db_purge_cutoff(struct db *db, char out[DATE_LEN])
{
	struct date d = date_today();

	d.y -= db_setting_retention_years(db);
	if (d.m == 2 && d.d == 29 && !date_is_leap(d.y))
		d.d = 28;
	date_format(&d, out);
}

static char *
db_purge_list_sql(const char *table, const char *col)
{
	return xasprintf("SELECT c.id, c.case_no, k.\"%s\" FROM cases c"
	    " JOIN \"%s\" k ON k.case_id = c.id WHERE c.status = ?1 AND k.\"%s\" <= ?2"
	    " AND k.\"%s\" <> '' AND NOT EXISTS (SELECT 1 FROM settings s"
	    " WHERE s.key = 'purged:' || c.id) ORDER BY k.\"%s\", c.id", col, table, col, col,
	    col);
}

enum db_status
db_purge_list(struct db *db, struct db_purge_due **out, size_t *n, char cutoff[DATE_LEN],
    char **err)
{
	const struct form_def *def = form_workflow_def(db_forms(db), WFS_CLOSURE);
	const char *col = form_workflow_field(db_forms(db), WFR_CLOSE_ON);
	sqlite3_stmt *s;
	size_t cap = 0;
	enum db_status st;
	char *sql;
	int rc;

	*out = NULL;
	*n = 0;
	db_purge_cutoff(db, cutoff);
	if ((st = db_perm_oversee(db, N_("The purge of closed cases"), err)) != DB_OK)
		return st;
	if (def == NULL || col == NULL)
		return DB_OK;
	sql = db_purge_list_sql(def->table, col);
	s = db_prep(db, sql, err);
	free(sql);
	if (s == NULL)
		return DB_ERROR;
	db_bind_text(s, 1, db_case_status_code(CASE_CLOSED));
	db_bind_text(s, 2, cutoff);
	while ((rc = db_step(db, s)) == SQLITE_ROW) {
		*out = xgrow(*out, &cap, *n + 1, sizeof **out);
		(*out)[*n].id = sqlite3_column_int64(s, 0);
		(*out)[*n].case_no = db_col_text(s, 1);
		(*out)[(*n)++].closed_on = db_col_text(s, 2);
	}
	db_finish(db, s);
	return rc == SQLITE_DONE ? DB_OK : db_sqlerr(db, err);
}

void
db_purge_list_free(struct db_purge_due *d, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(d[i].case_no);
		free(d[i].closed_on);
	}
	free(d);
}

/* ---- one case ------------------------------------------------------------ */

/* The expression a kept date becomes (its month or year), or NULL to clear. */
static char *
db_purge_expr(enum form_keep keep, const struct form_field *f)
{
	const char *tail = f->type == FT_DATETIME ? " 00:00" : "";

	if (keep == FORM_KEEP_MONTH)
		return xasprintf("CASE WHEN length(\"%s\") >= 10 THEN substr(\"%s\", 1, 7)"
		    " || '-01%s' END", f->name, f->name, tail);
	if (keep == FORM_KEEP_YEAR)
		return xasprintf("CASE WHEN length(\"%s\") >= 10 THEN substr(\"%s\", 1, 4)"
		    " || '-01-01%s' END", f->name, f->name, tail);
	return NULL;
}

/* Appends "col" = what the purge leaves of field f to set (nothing for a
 * field kept whole), and its name to the audit's changes when cleared. */
static void
db_purge_field(struct db *db, const struct form_def *def, const struct form_field *f,
    struct strbuf *set, struct strbuf *changes, bool *first)
{
	enum form_keep keep = form_retention_keep(db_forms(db), def, f);
	const struct form_type_col *x = form_type(f->type)->extra;
	char *e;

	if (keep == FORM_KEEP_ALL)
		return;
	e = db_purge_expr(keep, f);
	strbuf_printf(set, "%s\"%s\" = %s", set->len > 0 ? ", " : "", f->name,
	    e != NULL ? e : "NULL");
	if (e == NULL && x != NULL)
		strbuf_printf(set, ", \"%s%s\" = NULL", f->name, x->suffix);
	if (e == NULL && changes != NULL)
		db_json_change(changes, first, f->name, "", DB_PURGE_MARKER, NULL);
	free(e);
}

static enum db_status
db_purge_run(struct db *db, const char *sql, int64_t case_id, const char *now, char **err)
{
	sqlite3_stmt *s = db_prep(db, sql, err);
	int rc;

	if (s == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(s, 1, case_id);
	if (sqlite3_bind_parameter_count(s) >= 2)
		db_bind_text(s, 2, now);
	if (sqlite3_bind_parameter_count(s) >= 3)
		db_bind_text(s, 3, db_user(db));
	rc = db_step(db, s);
	db_finish(db, s);
	return rc == SQLITE_DONE ? DB_OK : db_sqlerr(db, err);
}

/* Clears the rows of repeat group g of the case's records of def. */
static enum db_status
db_purge_group(struct db *db, const struct form_def *def, const struct form_def *g,
    int64_t case_id, struct strbuf *changes, bool *first, char **err)
{
	struct strbuf set = STRBUF_INIT;
	enum db_status st = DB_OK;
	bool cleared = false, gfirst = true;
	size_t i;
	char *sql;

	for (i = 0; i < g->nfields; i++)
		if (form_type_has_value(g->fields[i].type))
			db_purge_field(db, g, &g->fields[i], &set, NULL, &gfirst);
	cleared = set.len > 0;
	if (cleared) {
		sql = xasprintf("UPDATE \"%s\" SET %s WHERE parent_id IN (SELECT id FROM \"%s\""
		    " WHERE case_id = ?1)", g->table, strbuf_str(&set), def->table);
		st = db_purge_run(db, sql, case_id, NULL, err);
		free(sql);
	}
	strbuf_free(&set);
	for (i = 0; cleared && i < def->nfields; i++)
		if (def->fields[i].group == g)
			db_json_change(changes, first, def->fields[i].name, "", DB_PURGE_MARKER,
			    NULL);
	return st;
}

/* The ids of the case's records of def. */
static enum db_status
db_purge_ids(struct db *db, const struct form_def *def, int64_t case_id, int64_t **ids,
    size_t *n, char **err)
{
	char *sql = xasprintf("SELECT id FROM \"%s\" WHERE case_id = ?1 ORDER BY id", def->table);
	sqlite3_stmt *s = db_prep(db, sql, err);
	size_t cap = 0;
	int rc;

	free(sql);
	*ids = NULL;
	*n = 0;
	if (s == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(s, 1, case_id);
	while ((rc = db_step(db, s)) == SQLITE_ROW) {
		*ids = xgrow(*ids, &cap, *n + 1, sizeof **ids);
		(*ids)[(*n)++] = sqlite3_column_int64(s, 0);
	}
	db_finish(db, s);
	return rc == SQLITE_DONE ? DB_OK : db_sqlerr(db, err);
}

/* The action of the audit row the purge writes for each record it rewrote
 * (this schema's audit table takes insert, update and delete). */
#define DB_PURGE_ACTION	"update"

/* After the audit of the case is erased: one row per record of def the
 * purge rewrote, naming the fields it cleared (changes). */
static enum db_status
db_purge_records_audit(struct db *db, const struct form_def *def, int64_t case_id,
    const char *changes, const char *now, char **err)
{
	enum db_status st;
	int64_t *ids;
	size_t n, i;

	if ((st = db_purge_ids(db, def, case_id, &ids, &n, err)) != DB_OK)
		return st;
	for (i = 0; i < n && st == DB_OK; i++)
		st = db_audit_add(db, def->table, ids[i], case_id, DB_PURGE_ACTION, changes, now,
		    err);
	free(ids);
	return st;
}

/* Clears the case's records of the form def and their repeat rows, and
 * removes their drafts; *changes gets the fields cleared (for the audit). */
static enum db_status
db_purge_form(struct db *db, const struct form_def *def, int64_t case_id, const char *now,
    char **changes, char **err)
{
	struct strbuf set = STRBUF_INIT, ch = STRBUF_INIT;
	enum db_status st = DB_OK;
	bool first = true;
	size_t i;
	char *sql;

	if (!db_form_matches(db, def))
		return db_schema_refuse(db, def, err);
	strbuf_putc(&ch, '{');
	for (i = 0; i < def->nfields && st == DB_OK; i++) {
		if (def->fields[i].type == FT_REPEAT)
			st = db_purge_group(db, def, def->fields[i].group, case_id, &ch, &first,
			    err);
		else if (form_type_has_value(def->fields[i].type))
			db_purge_field(db, def, &def->fields[i], &set, &ch, &first);
	}
	strbuf_putc(&ch, '}');
	*changes = strbuf_take(&ch);
	sql = xasprintf("UPDATE \"%s\" SET %s%sversion = version + 1, updated_at = ?2,"
	    " updated_by = ?3 WHERE case_id = ?1", def->table, strbuf_str(&set),
	    set.len > 0 ? ", " : "");
	if (st == DB_OK)
		st = db_purge_run(db, sql, case_id, now, err);
	free(sql);
	strbuf_free(&set);
	sql = xasprintf("DELETE FROM drafts WHERE form = '%s' AND record_id IN"
	    " (SELECT id FROM \"%s\" WHERE case_id = ?1)", def->name, def->table);
	if (st == DB_OK)
		st = db_purge_run(db, sql, case_id, NULL, err);
	free(sql);
	return st;
}

/* The case's own rows: its drafts, its mark, its audit row. */
static enum db_status
db_purge_mark(struct db *db, int64_t case_id, const char *now, char **err)
{
	struct strbuf sb = STRBUF_INIT;
	enum db_status st;
	bool first = true;
	char *changes;

	st = db_purge_run(db, "DELETE FROM drafts WHERE case_id = ?1", case_id, NULL, err);
	if (st == DB_OK)
		st = db_purge_run(db, "INSERT OR REPLACE INTO settings (key, value)"
		    " VALUES ('purged:' || ?1, ?2)", case_id, now, err);
	strbuf_putc(&sb, '{');
	db_json_change(&sb, &first, "purged", "", NULL, now);
	strbuf_putc(&sb, '}');
	changes = strbuf_take(&sb);
	if (st == DB_OK)
		st = db_audit_add(db, "cases", case_id, case_id, DB_PURGE_ACTION, changes, now,
		    err);
	free(changes);
	return st;
}

/* The records first, then the audit: what it said of the case is erased,
 * and the purge's own rows (after the records changed) say what it did. */
static enum db_status
db_purge_tx(struct db *db, void *arg, char **err)
{
	const struct form_set *set = db_forms(db);
	int64_t case_id = *(const int64_t *)arg;
	size_t i, n = set != NULL ? set->nforms : 0;
	char **changes = xcalloc(n + 1, sizeof *changes), *now = db_now();
	enum db_status st = DB_OK;

	for (i = 0; i < n && st == DB_OK; i++)
		if (set->forms[i]->parent == NULL)
			st = db_purge_form(db, set->forms[i], case_id, now, &changes[i], err);
	if (st == DB_OK)
		st = db_audit_redact_case(db, case_id, now, err);
	for (i = 0; i < n && st == DB_OK; i++)
		if (changes[i] != NULL)
			st = db_purge_records_audit(db, set->forms[i], case_id, changes[i], now,
			    err);
	if (st == DB_OK)
		st = db_purge_mark(db, case_id, now, err);
	if (st == DB_OK)
		st = db_search_index_case(db, case_id, err);
	if (st == DB_OK)
		st = db_work_touch(db, NULL, -1, case_id, err);
	for (i = 0; i < n; i++)
		free(changes[i]);
	free(changes);
	free(now);
	return st;
}

enum db_status
db_purge_case(struct db *db, int64_t case_id, char **err)
{
	enum db_status st;

	if ((st = db_writable(db, err)) != DB_OK ||
	    (st = db_perm_oversee(db, N_("The purge of closed cases"), err)) != DB_OK)
		return st;
	if ((st = db_exec(db, "PRAGMA secure_delete = ON", err)) != DB_OK)
		return st;
	return db_tx(db, db_purge_tx, &case_id, err);
}

/* ---- compaction ---------------------------------------------------------- */

static enum db_status
db_purge_checkpoint(struct db *db, char **err)
{
	sqlite3_stmt *s = db_prep(db, "PRAGMA wal_checkpoint(TRUNCATE)", err);
	int rc, busy = 1;

	if (s == NULL)
		return DB_ERROR;
	if ((rc = db_step(db, s)) == SQLITE_ROW)
		busy = sqlite3_column_int(s, 0);
	db_finish(db, s);
	if (rc != SQLITE_ROW)
		return db_sqlerr(db, err);
	if (busy != 0) {
		db_seterr(err, _("%s: another program has the database open; the purged values "
		    "may stay in its -wal file until it closes (run avrr purge again then)"),
		    db->path);
		return DB_ERROR;
	}
	return DB_OK;
}

enum db_status
db_purge_compact(struct db *db, char **err)
{
	enum db_status st;

	if ((st = db_writable(db, err)) != DB_OK)
		return st;
	st = db_exec(db, "PRAGMA secure_delete = ON", err);
	if (st == DB_OK)
		st = db_exec(db, "INSERT INTO search (search) VALUES ('optimize')", err);
	if (st == DB_OK)
		st = db_purge_checkpoint(db, err);
	if (st == DB_OK)
		st = db_exec(db, "VACUUM", err);
	if (st == DB_OK)
		st = db_purge_checkpoint(db, err);
	return st;
}
