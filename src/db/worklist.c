/*
 * db/worklist: one SELECT per worklist, its tables and columns named by the
 * workflow table; ?1 is today, ?2 the user, ?3 the limit.
 */
#include "db/worklist.h"

#include <stdlib.h>
#include <string.h>

#include "db/internal.h"
#include "db/perm.h"
#include "form/workflow.h"
#include "util/date.h"
#include "util/mem.h"
#include "util/str.h"

/* The columns every worklist gives, in struct db_work_item's order. */
#define DB_WORK_NCOLS 8

/* The quoted name of a stage's table the role may read, or NULL. */
static char *
db_work_table(struct db *db, enum form_wf_stage stage)
{
	const struct form_def *def = form_workflow_def(db_forms(db), stage);

	if (def == NULL || !str_is_ident(def->table) || !db_perm_form(db, def, FA_READ))
		return NULL;
	return xasprintf("\"%s\"", def->table);
}

/* The quoted column of a role in its stage's form, or NULL; hidden: the role
 * may not read it. */
static char *
db_work_col(struct db *db, enum form_wf_stage stage, enum form_wf_role role, bool *hidden)
{
	const struct form_def *def = form_workflow_def(db_forms(db), stage);
	const char *name = form_workflow_field(db_forms(db), role);
	int k = def != NULL && name != NULL ? form_field_index(def, name) : -1;

	if (k < 0 || !str_is_ident(name))
		return NULL;
	if (hidden != NULL)
		*hidden = !db_perm_field(db, &def->fields[k], FA_READ);
	return xasprintf("\"%s\"", name);
}

static char *
db_work_mine_sql(struct db *db)
{
	(void)db;
	return xstrdup("SELECT c.id, 0, c.case_no, x.display, NULL, c.status, 0, 0"
	    " FROM cases c LEFT JOIN search x ON x.rowid = c.id WHERE c.created_by = ?2"
	    " AND c.status <> 'closed' ORDER BY c.updated_at DESC, c.id DESC");
}

static char *
db_work_callbacks_sql(struct db *db)
{
	char *t = db_work_table(db, WFS_CALL), *sql = NULL;
	char *cb = db_work_col(db, WFS_CALL, WFR_CALL_CALLBACK, NULL);
	char *on = db_work_col(db, WFS_CALL, WFR_CALL_CALLBACK_ON, NULL);
	char *at = db_work_col(db, WFS_CALL, WFR_CALL_STARTED, NULL), *later;
	bool hide_name = true, hide_phone = true;
	char *name = db_work_col(db, WFS_CALL, WFR_CALL_CALLER, &hide_name);
	char *phone = db_work_col(db, WFS_CALL, WFR_CALL_PHONE, &hide_phone);

	/* called back: a later call of the same case */
	later = at != NULL && t != NULL ? xasprintf(" AND NOT (coalesce(k.case_id, 0) <> 0 AND"
	    " EXISTS (SELECT 1 FROM %s n WHERE n.case_id = k.case_id AND n.%s > k.%s))", t, at,
	    at) : xstrdup("");
	if (t != NULL && cb != NULL && on != NULL)
		sql = xasprintf("SELECT k.case_id, k.id, c.case_no, %s, k.%s, %s, 0, 0"
		    " FROM %s k LEFT JOIN cases c ON c.id = k.case_id WHERE k.%s = 'yes'"
		    " AND k.%s <= ?1%s ORDER BY k.%s, k.id",
		    name != NULL && !hide_name ? name : "NULL", on,
		    phone != NULL && !hide_phone ? phone : "NULL", t, cb, on, later, on);
	free(t);
	free(cb);
	free(on);
	free(at);
	free(later);
	free(name);
	free(phone);
	return sql;
}

/* VALUES (0, 3), (1, 6), ...: the visit a case with k records waits for. */
static char *
db_work_due_values(struct db *db, size_t *n)
{
	const int *due = form_workflow_due(db_forms(db), WFS_MONITORING, n);
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	if (due == NULL)
		return NULL;
	for (i = 0; i < *n; i++)
		strbuf_printf(&sb, "%s(%zu, %d)", i > 0 ? ", " : "VALUES ", i, due[i]);
	return strbuf_take(&sb);
}

static char *
db_work_visits_sql(struct db *db)
{
	char *dep = db_work_table(db, WFS_DEPARTURE), *mon = db_work_table(db, WFS_MONITORING);
	char *on = db_work_col(db, WFS_DEPARTURE, WFR_DEP_ON, NULL), *due, *sql = NULL;
	size_t n = 0;

	due = db_work_due_values(db, &n);
	if (dep != NULL && mon != NULL && on != NULL && due != NULL)
		sql = xasprintf("WITH due(k, m) AS (%s), n AS (SELECT d.case_id, d.%s AS dep,"
		    " (SELECT count(*) FROM %s m WHERE m.case_id = d.case_id) AS k FROM %s d"
		    " WHERE coalesce(d.%s, '') <> '') SELECT n.case_id, 0, c.case_no, x.display,"
		    " date(n.dep, '+' || due.m || ' months') AS due_on, c.status, n.k + 1, %zu"
		    " FROM n JOIN due ON due.k = n.k JOIN cases c ON c.id = n.case_id"
		    " LEFT JOIN search x ON x.rowid = n.case_id WHERE c.status <> 'closed'"
		    " AND due_on <= ?1 ORDER BY due_on, n.case_id", due, on, mon, dep, on, n);
	free(dep);
	free(mon);
	free(on);
	free(due);
	return sql;
}

static char *(*const db_work_sql[DB_WORK__COUNT])(struct db *) = {
	[DB_WORK_MINE] = db_work_mine_sql,
	[DB_WORK_CALLBACKS] = db_work_callbacks_sql,
	[DB_WORK_VISITS] = db_work_visits_sql,
};

static void
db_work_bind(struct db *db, sqlite3_stmt *s, const char *today, size_t limit)
{
	int n = sqlite3_bind_parameter_count(s);

	if (n >= 1)
		db_bind_text(s, 1, today);
	if (n >= 2)
		db_bind_text(s, 2, db->user);
	if (n >= 3)
		sqlite3_bind_int64(s, 3, (sqlite3_int64)limit);
}

static void
db_work_fill(struct db_work_item *it, sqlite3_stmt *s, bool identity)
{
	it->case_id = sqlite3_column_int64(s, 0);
	it->record_id = sqlite3_column_int64(s, 1);
	it->case_no = db_col_text(s, 2);
	it->name = identity ? db_col_text(s, 3) : NULL;
	it->due = db_col_text(s, 4);
	it->detail = db_col_text(s, 5);
	it->visit = sqlite3_column_int(s, 6);
	it->visits = sqlite3_column_int(s, 7);
}

/* How many rows core gives. */
static enum db_status
db_work_total(struct db *db, const char *core, const char *today, size_t *total, char **err)
{
	char *sql = xasprintf("SELECT count(*) FROM (%s)", core);
	sqlite3_stmt *s = db_prep(db, sql, err);
	int rc;

	free(sql);
	if (s == NULL)
		return DB_ERROR;
	db_work_bind(db, s, today, 0);
	rc = db_step(db, s);
	if (rc == SQLITE_ROW)
		*total = (size_t)sqlite3_column_int64(s, 0);
	db_finish(db, s);
	return rc == SQLITE_ROW ? DB_OK : db_sqlerr(db, err);
}

static enum db_status
db_work_read(struct db *db, const char *core, const char *today, size_t limit,
    struct db_work_item **out, size_t *n, char **err)
{
	bool identity = db_perm_class(db, FC_IDENTITY, FA_READ);
	char *sql = xasprintf("%s LIMIT ?3", core);
	sqlite3_stmt *s = db_prep(db, sql, err);
	size_t cap = 0;
	int rc;

	free(sql);
	if (s == NULL)
		return DB_ERROR;
	db_work_bind(db, s, today, limit);
	while ((rc = db_step(db, s)) == SQLITE_ROW) {
		*out = xgrow(*out, &cap, *n + 1, sizeof **out);
		memset(&(*out)[*n], 0, sizeof **out);
		db_work_fill(&(*out)[(*n)++], s, identity);
	}
	db_finish(db, s);
	return rc == SQLITE_DONE ? DB_OK : db_sqlerr(db, err);
}

enum db_status
db_work_list(struct db *db, enum db_work_kind kind, size_t limit, struct db_work_item **out,
    size_t *n, size_t *total, char **err)
{
	struct date today = date_today();
	char day[DATE_LEN], *core;
	enum db_status st;

	*out = NULL;
	*n = *total = 0;
	if ((unsigned)kind >= DB_WORK__COUNT || (core = db_work_sql[kind](db)) == NULL)
		return DB_OK;	/* the forms have no such list */
	date_format(&today, day);
	st = db_work_total(db, core, day, total, err);
	if (st == DB_OK && limit > 0 && *total > 0)
		st = db_work_read(db, core, day, limit, out, n, err);
	free(core);
	if (st != DB_OK) {
		db_work_free(*out, *n);
		*out = NULL;
		*n = *total = 0;
	}
	return st;
}

void
db_work_free(struct db_work_item *it, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(it[i].case_no);
		free(it[i].name);
		free(it[i].due);
		free(it[i].detail);
	}
	free(it);
}
