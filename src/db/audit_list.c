/*
 * db/audit_list: the audit rows a filter picks, each with a short summary of
 * what changed (avrr audit, the case's history screen).
 */
#include <stdlib.h>
#include <string.h>

#include "db/audit.h"
#include "db/internal.h"
#include "db/perm.h"
#include "form/type.h"
#include "util/mem.h"
#include "util/str.h"
#include "util/tr.h"

/* One "field: old -> new" per changed field (a repeat group or a value that
 * is not a change: its name only); an event's detail as it is. */
#define DB_AL_SUMMARY \
	"CASE WHEN json_valid(a.changes) AND json_type(a.changes) = 'object' THEN" \
	" (SELECT group_concat(CASE WHEN j.type <> 'object' THEN j.key" \
	"  WHEN json_type(j.value, '$.old') IN ('array', 'object')" \
	"   OR json_type(j.value, '$.new') IN ('array', 'object') THEN j.key" \
	"  WHEN json_type(j.value, '$.old') IS NULL" \
	"   THEN j.key || ': ' || coalesce(j.value ->> '$.new', '')" \
	"  ELSE j.key || ': ' || coalesce(j.value ->> '$.old', '') || ' -> '" \
	"   || coalesce(j.value ->> '$.new', '') END, '; ') FROM json_each(a.changes) j" \
	"  WHERE NOT EXISTS (SELECT 1 FROM json_each(?7) h" \
	"   WHERE h.value = a.tbl || '.' || j.key))" \
	" ELSE a.changes END"

static const char db_al_sql[] =
    "SELECT a.id, a.at, a.user, a.tbl, a.row_id, a.case_id, c.case_no, a.action, "
    DB_AL_SUMMARY " FROM audit a LEFT JOIN cases c ON c.id = a.case_id"
    " WHERE (?1 IS NULL OR a.user = ?1) AND (?2 IS NULL OR c.case_no = ?2)"
    " AND (?3 = 0 OR a.case_id = ?3) AND (?4 IS NULL OR a.at >= ?4)"
    " AND (?5 IS NULL OR substr(a.at, 1, length(?5)) <= ?5)"
    " AND (?6 IS NULL OR a.action = ?6)";

static void
db_al_fill(struct db_audit_entry *e, sqlite3_stmt *s)
{
	e->id = sqlite3_column_int64(s, 0);
	e->at = db_col_text(s, 1);
	e->user = db_col_text(s, 2);
	e->tbl = db_col_text(s, 3);
	e->row_id = sqlite3_column_int64(s, 4);
	e->case_id = sqlite3_column_int64(s, 5);
	e->case_no = db_col_text(s, 6);
	e->action = db_col_text(s, 7);
	e->summary = db_col_text(s, 8);
	if (e->at == NULL)
		e->at = xstrdup("");
	if (e->action == NULL)
		e->action = xstrdup("");
}

/* "table.column" of every column whose field the role may not read, as a
 * JSON array: their changes are left out of the summaries. */
static char *
db_al_hidden(struct db *db)
{
	const struct form_set *set = db_forms(db);
	struct strbuf sb = STRBUF_INIT;
	const struct form_field *f;
	size_t i, k;

	strbuf_putc(&sb, '[');
	for (i = 0; set != NULL && i < set->nforms; i++)
		for (k = 0; k < set->forms[i]->nfields; k++) {
			f = &set->forms[i]->fields[k];
			if (db_perm_field(db, f, FA_READ))
				continue;
			strbuf_printf(&sb, "%s\"%s.%s\"", sb.len > 1 ? "," : "",
			    set->forms[i]->table, f->name);
			if (form_type(f->type)->extra != NULL)
				strbuf_printf(&sb, ",\"%s.%s%s\"", set->forms[i]->table, f->name,
				    form_type(f->type)->extra->suffix);
		}
	strbuf_putc(&sb, ']');
	return strbuf_take(&sb);
}

enum db_status
db_audit_list(struct db *db, const struct db_audit_filter *f, struct db_audit_entry **out,
    size_t *n, char **err)
{
	char *sql = xasprintf("%s ORDER BY a.id%s", db_al_sql, f->newest_first ? " DESC" : "");
	size_t cap = 0;
	sqlite3_stmt *s;
	enum db_status st;
	char *hidden;
	int rc;

	*out = NULL;
	*n = 0;
	if ((st = db_perm_oversee(db, N_("The audit"), err)) != DB_OK) {
		free(sql);
		return st;
	}
	s = db_prep(db, sql, err);
	free(sql);
	if (s == NULL)
		return DB_ERROR;
	db_bind_text(s, 1, f->user);
	db_bind_text(s, 2, f->case_no);
	sqlite3_bind_int64(s, 3, f->case_id);
	db_bind_text(s, 4, f->from);
	db_bind_text(s, 5, f->to);
	db_bind_text(s, 6, f->action);
	hidden = db_al_hidden(db);
	sqlite3_bind_text(s, 7, hidden, -1, SQLITE_TRANSIENT);
	free(hidden);
	while ((rc = db_step(db, s)) == SQLITE_ROW) {
		*out = xgrow(*out, &cap, *n + 1, sizeof **out);
		db_al_fill(&(*out)[(*n)++], s);
	}
	db_finish(db, s);
	if (rc == SQLITE_DONE)
		return DB_OK;
	db_audit_entries_free(*out, *n);
	*out = NULL;
	*n = 0;
	return db_sqlerr(db, err);
}

void
db_audit_entries_free(struct db_audit_entry *e, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(e[i].at);
		free(e[i].user);
		free(e[i].tbl);
		free(e[i].case_no);
		free(e[i].action);
		free(e[i].summary);
	}
	free(e);
}
