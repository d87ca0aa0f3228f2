/*
 * db/worklist: one SELECT per worklist, its tables and columns named by the
 * workflow table; ?1 is today, ?2 the user, ?3 the limit. Callbacks and
 * visits are read from work_due, which every save of a call, departure or
 * monitoring record brings up to date for its case (db_work_touch), so that
 * the start screen counts them from an index whatever the size of the office.
 */
#include "db/worklist.h"

#include <stdlib.h>
#include <string.h>

#include "db/internal.h"
#include "db/perm.h"
#include "db/settings.h"
#include "form/workflow.h"
#include "util/date.h"
#include "util/mem.h"
#include "util/str.h"

/* The columns every worklist gives, in struct db_work_item's order. */
#define DB_WORK_NCOLS 8

/* The quoted name of a stage's table, or NULL; perm: only if the role may
 * read it. */
static char *
db_work_table(struct db *db, enum form_wf_stage stage, bool perm)
{
	const struct form_def *def = form_workflow_def(db_forms(db), stage);

	if (def == NULL || !str_is_ident(def->table) ||
	    (perm && !db_perm_form(db, def, FA_READ)))
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

static void
db_work_free_all(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
}

/* ---- what falls due, kept in work_due at every save ---------------------- */

/* The kinds of work_due (migration 9), as numbers and as SQL text. */
#define DB_DUE_CALLBACK		1
#define DB_DUE_VISIT		2
#define DB_DUE_SQL_(k)		#k
#define DB_DUE_SQL(k)		DB_DUE_SQL_(k)

/* The rows of work_due for callbacks: the calls with a callback on a day and
 * no later call of their case; scope: "" for all, else the call ?1 and the
 * calls of the case ?2. */
static char *
db_due_callbacks_sql(struct db *db, bool all)
{
	char *v[4] = { db_work_table(db, WFS_CALL, false),
	    db_work_col(db, WFS_CALL, WFR_CALL_CALLBACK, NULL),
	    db_work_col(db, WFS_CALL, WFR_CALL_CALLBACK_ON, NULL),
	    db_work_col(db, WFS_CALL, WFR_CALL_STARTED, NULL) };
	char *sql = NULL;

	if (v[0] != NULL && v[1] != NULL && v[2] != NULL && v[3] != NULL)
		sql = xasprintf("INSERT OR REPLACE INTO work_due (kind, case_id, record_id, due_on)"
		    " SELECT %d, coalesce(k.case_id, 0), k.id, k.%s FROM %s k WHERE k.%s = 'yes'"
		    " AND coalesce(k.%s, '') <> '' AND NOT (coalesce(k.case_id, 0) <> 0 AND"
		    " EXISTS (SELECT 1 FROM %s n WHERE n.case_id = k.case_id AND n.%s > k.%s))%s",
		    DB_DUE_CALLBACK, v[2], v[0], v[1], v[2], v[0], v[3], v[3], all ? "" :
		    " AND (k.id = ?1 OR (?2 <> 0 AND k.case_id = ?2))");
	db_work_free_all(v, 4);
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

/* The rows of work_due for visits: each open departed case's next visit
 * (the k-th after k-1 monitoring records); scope: all, or the case ?2. */
static char *
db_due_visits_sql(struct db *db, bool all)
{
	size_t n = 0;
	char *v[4] = { db_work_table(db, WFS_DEPARTURE, false),
	    db_work_table(db, WFS_MONITORING, false),
	    db_work_col(db, WFS_DEPARTURE, WFR_DEP_ON, NULL), db_work_due_values(db, &n) };
	char *sql = NULL;

	if (v[0] != NULL && v[1] != NULL && v[2] != NULL && v[3] != NULL)
		sql = xasprintf("INSERT OR REPLACE INTO work_due (kind, case_id, record_id, due_on,"
		    " visit) SELECT %d, n.case_id, 0, date(n.dep, '+' || due.column2 || ' months'), n.k + 1"
		    " FROM (SELECT d.case_id, d.%s AS dep, (SELECT count(*) FROM %s m"
		    " WHERE m.case_id = d.case_id) AS k FROM %s d JOIN cases c ON c.id = d.case_id"
		    " WHERE c.status <> 'closed' AND coalesce(d.%s, '') <> ''%s)"
		    " n JOIN (%s) due ON due.column1 = n.k WHERE date(n.dep, '+' || due.column2 ||"
		    " ' months') IS NOT NULL", DB_DUE_VISIT, v[2], v[1], v[0], v[2],
		    all ? "" : " AND d.case_id = ?2", v[3]);
	db_work_free_all(v, 4);
	return sql;
}

static enum db_status
db_due_run(struct db *db, const char *sql, int64_t record_id, int64_t case_id, char **err)
{
	sqlite3_stmt *s = db_prep(db, sql, err);
	int n, rc;

	if (s == NULL)
		return DB_ERROR;
	n = sqlite3_bind_parameter_count(s);
	if (n >= 1)
		sqlite3_bind_int64(s, 1, record_id);
	if (n >= 2)
		sqlite3_bind_int64(s, 2, case_id);
	rc = db_step(db, s);
	db_finish(db, s);
	return rc == SQLITE_DONE ? DB_OK : db_sqlerr(db, err);
}

/*
 * Forgets the rows of one kind in the scope (the record's, and the case's
 * when there is one), then makes them again. Two deletes, not one with OR:
 * each reads its own index (the primary key, work_due_case), where the OR
 * read every row of the kind at each save (56,000 at 100,000 cases).
 */
static enum db_status
db_due_redo(struct db *db, int kind, char *sql, int64_t record_id, int64_t case_id,
    char **err)
{
	char *by_record = xasprintf("DELETE FROM work_due WHERE kind = %d AND record_id = ?1",
	    kind);
	char *by_case = xasprintf("DELETE FROM work_due WHERE kind = %d AND case_id = ?2", kind);
	enum db_status st = DB_OK;

	if (sql != NULL) {
		st = db_due_run(db, by_record, record_id, case_id, err);
		if (st == DB_OK && case_id != 0)
			st = db_due_run(db, by_case, record_id, case_id, err);
		if (st == DB_OK)
			st = db_due_run(db, sql, record_id, case_id, err);
	}
	free(by_record);
	free(by_case);
	free(sql);
	return st;
}

static bool
db_due_is(struct db *db, const struct form_def *def, enum form_wf_stage stage)
{
	return def == NULL || def == form_workflow_def(db_forms(db), stage);
}

enum db_status
db_work_touch(struct db *db, const struct form_def *def, int64_t record_id, int64_t case_id,
    char **err)
{
	enum db_status st = DB_OK;

	if (db_forms(db) == NULL)
		return DB_OK;
	if (db_due_is(db, def, WFS_CALL))
		st = db_due_redo(db, DB_DUE_CALLBACK, db_due_callbacks_sql(db, false),
		    def != NULL ? record_id : -1, case_id, err);
	if (st == DB_OK && case_id != 0 && (db_due_is(db, def, WFS_DEPARTURE) ||
	    db_due_is(db, def, WFS_MONITORING)))
		st = db_due_redo(db, DB_DUE_VISIT, db_due_visits_sql(db, false), -1, case_id, err);
	return st;
}

#define DB_DUE_SETTING	"work_due"

/* What work_due was made by: both statements, so that forms that change
 * either make it again. */
static char *
db_due_print(struct db *db, char **cb, char **visits)
{
	*cb = db_due_callbacks_sql(db, true);
	*visits = db_due_visits_sql(db, true);
	return xasprintf("1\n%s\n%s", *cb != NULL ? *cb : "", *visits != NULL ? *visits : "");
}

static enum db_status
db_due_rebuild_tx(struct db *db, void *arg, char **err)
{
	char *cb, *visits, *print = db_due_print(db, &cb, &visits);
	enum db_status st = db_exec(db, "DELETE FROM work_due", err);
	sqlite3_stmt *s;

	(void)arg;
	if (st == DB_OK && cb != NULL)
		st = db_due_run(db, cb, 0, 0, err);
	if (st == DB_OK && visits != NULL)
		st = db_due_run(db, visits, 0, 0, err);
	s = st == DB_OK ? db_prep(db, "INSERT OR REPLACE INTO settings (key, value)"
	    " VALUES ('" DB_DUE_SETTING "', ?1)", err) : NULL;
	if (s != NULL) {
		db_bind_text(s, 1, print);
		st = db_step(db, s) == SQLITE_DONE ? DB_OK : db_sqlerr(db, err);
		db_finish(db, s);
	} else if (st == DB_OK)
		st = DB_ERROR;
	free(cb);
	free(visits);
	free(print);
	return st;
}

enum db_status
db_work_sync(struct db *db, char **err)
{
	char *cb, *visits, *print, *have;
	bool same;

	if (db_forms(db) == NULL || db->readonly)
		return DB_OK;
	print = db_due_print(db, &cb, &visits);
	have = db_setting_get(db, DB_DUE_SETTING);
	same = str_eq(have, print);
	free(cb);
	free(visits);
	free(print);
	free(have);
	return same ? DB_OK : db_tx(db, db_due_rebuild_tx, NULL, err);
}

/* ---- the lists, read from work_due ---------------------------------------- */

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
	char *t = db_work_table(db, WFS_CALL, true), *sql = NULL;
	bool hide_name = true, hide_phone = true;
	char *name = db_work_col(db, WFS_CALL, WFR_CALL_CALLER, &hide_name);
	char *phone = db_work_col(db, WFS_CALL, WFR_CALL_PHONE, &hide_phone);

	if (t != NULL)
		sql = xasprintf("SELECT k.case_id, k.id, c.case_no, %s, w.due_on, %s, 0, 0"
		    " FROM work_due w JOIN %s k ON k.id = w.record_id LEFT JOIN cases c"
		    " ON c.id = k.case_id WHERE w.kind = %d AND w.due_on <= ?1"
		    " ORDER BY w.due_on, w.record_id",
		    name != NULL && !hide_name ? name : "NULL",
		    phone != NULL && !hide_phone ? phone : "NULL", t, DB_DUE_CALLBACK);
	free(t);
	free(name);
	free(phone);
	return sql;
}

static char *
db_work_visits_sql(struct db *db)
{
	char *mon = db_work_table(db, WFS_MONITORING, true), *sql = NULL;
	size_t n = 0;

	if (mon != NULL && form_workflow_due(db_forms(db), WFS_MONITORING, &n) != NULL)
		sql = xasprintf("SELECT w.case_id, 0, c.case_no, x.display, w.due_on, c.status,"
		    " w.visit, %zu FROM work_due w JOIN cases c ON c.id = w.case_id"
		    " LEFT JOIN search x ON x.rowid = w.case_id WHERE w.kind = %d"
		    " AND w.due_on <= ?1 AND c.status <> 'closed' ORDER BY w.due_on, w.case_id",
		    n, DB_DUE_VISIT);
	free(mon);
	return sql;
}

static char *(*const db_work_sql[DB_WORK__COUNT])(struct db *) = {
	[DB_WORK_MINE] = db_work_mine_sql,
	[DB_WORK_CALLBACKS] = db_work_callbacks_sql,
	[DB_WORK_VISITS] = db_work_visits_sql,
};

/* How many items each list has, from an index alone (the start screen asks
 * on every return to it). */
static const char *const db_work_count_sql[DB_WORK__COUNT] = {
	[DB_WORK_MINE] = "SELECT count(*) FROM cases WHERE created_by = ?2"
	    " AND status <> 'closed'",
	[DB_WORK_CALLBACKS] = "SELECT count(*) FROM work_due WHERE kind = "
	    DB_DUE_SQL(DB_DUE_CALLBACK) " AND due_on <= ?1",
	[DB_WORK_VISITS] = "SELECT count(*) FROM work_due WHERE kind = "
	    DB_DUE_SQL(DB_DUE_VISIT) " AND due_on <= ?1",
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

/* How many items the list has. */
static enum db_status
db_work_total(struct db *db, enum db_work_kind kind, const char *today, size_t *total,
    char **err)
{
	sqlite3_stmt *s = db_prep(db, db_work_count_sql[kind], err);
	int rc;

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
	st = db_work_total(db, kind, day, total, err);
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
