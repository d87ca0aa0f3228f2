/*
 * db/cases: the cases table. Case numbers count per year inside the
 * transaction that creates the case, so two offices never get the same one.
 */
#include "db/cases.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/internal.h"
#include "db/worklist.h"
#include "db/perm.h"
#include "db/json.h"
#include "form/workflow.h"
#include "util/date.h"
#include "util/mem.h"
#include "util/str.h"
#include "util/tr.h"

#define DB_CASE_COLS "SELECT c.id, c.version, c.case_no, c.status, c.client_lang," \
	" c.project, s.display, c.created_at, c.updated_at" \
	" FROM cases c LEFT JOIN search s ON s.rowid = c.id"

static const struct {
	const char	*code;
	const char	*name;
} db_case_statuses[CASE__COUNT] = {
	[CASE_REGISTERED] = { "registered", N_("Registered") },
	[CASE_COUNSELLING] = { "counselling", N_("Counselling") },
	[CASE_PREPARING] = { "preparing", N_("Return preparation") },
	[CASE_DEPARTED] = { "departed", N_("Departed") },
	[CASE_REINTEGRATION] = { "reintegration", N_("Reintegration") },
	[CASE_MONITORING] = { "monitoring", N_("Monitoring") },
	[CASE_CLOSED] = { "closed", N_("Closed") },
};

struct db_case_op {
	const char	*project;
	const char	*lang;
	int64_t		 id;
	int64_t		 version;
	const char	*col;		/* update: "status" or "client_lang" */
	const char	*val;
	const char	*now;
};

const char *
db_case_status_name(enum db_case_status s)
{
	return s < CASE__COUNT ? db_case_statuses[s].name : "?";
}

const char *
db_case_status_code(enum db_case_status s)
{
	return s < CASE__COUNT ? db_case_statuses[s].code : "?";
}

enum db_case_status
db_case_status_from_code(const char *code)
{
	int i;

	for (i = 0; i < CASE__COUNT; i++)
		if (str_eq(code, db_case_statuses[i].code))
			return (enum db_case_status)i;
	return CASE_REGISTERED;
}

/* The status a stage reaches, as the workflow table writes it; -1 for none
 * or a word that is no status. */
int
db_case_stage_status(const struct form_set *set, enum form_wf_stage stage)
{
	const char *code = form_workflow_status(set, stage);
	int i;

	for (i = 0; code != NULL && i < CASE__COUNT; i++)
		if (str_eq(code, db_case_statuses[i].code))
			return i;
	return -1;
}

void
db_case_check_workflow(struct form_set *set)
{
	int i;

	for (i = 0; i < WFS__COUNT; i++)
		if (form_workflow_status(set, (enum form_wf_stage)i) != NULL &&
		    db_case_stage_status(set, (enum form_wf_stage)i) < 0)
			form_set_error(set, form_workflow_file(set),
			    form_workflow_status_line(set, (enum form_wf_stage)i),
			    _("unknown case status '%s'"), form_workflow_status(set,
			    (enum form_wf_stage)i));
}

/* The case's names (the search index's) only for a role that may read
 * identity (db/perm). */
static void
db_case_fill(struct db_case *c, sqlite3_stmt *s, bool identity)
{
	char *display = identity ? db_col_text(s, 6) : NULL;

	c->id = sqlite3_column_int64(s, 0);
	c->version = sqlite3_column_int64(s, 1);
	c->case_no = db_col_text(s, 2);
	c->status = db_case_status_from_code((const char *)sqlite3_column_text(s, 3));
	c->client_lang = db_col_text(s, 4);
	c->project = db_col_text(s, 5);
	c->display_name = display != NULL ? display : xstrdup("");
	c->created_at = db_col_text(s, 7);
	c->updated_at = db_col_text(s, 8);
}

void
db_case_clear(struct db_case *c)
{
	free(c->case_no);
	free(c->client_lang);
	free(c->project);
	free(c->display_name);
	free(c->created_at);
	free(c->updated_at);
	memset(c, 0, sizeof *c);
}

void
db_case_free_array(struct db_case *c, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		db_case_clear(&c[i]);
	free(c);
}

enum db_status
db_case_load(struct db *db, int64_t id, struct db_case *out, char **err)
{
	return db_case_load_ex(db, id, true, out, err);
}

enum db_status
db_case_load_ex(struct db *db, int64_t id, bool display, struct db_case *out, char **err)
{
	/* Without the display name the search index is not read: the rules,
	 * run on every save, need only the status and the project. */
	bool identity = display && db_perm_class(db, FC_IDENTITY, FA_READ);
	sqlite3_stmt *s = db_prep(db, display ? DB_CASE_COLS " WHERE c.id = ?1" :
	    "SELECT c.id, c.version, c.case_no, c.status, c.client_lang, c.project, NULL,"
	    " c.created_at, c.updated_at FROM cases c WHERE c.id = ?1", err);
	int rc;

	memset(out, 0, sizeof *out);
	if (s == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(s, 1, id);
	rc = db_step(db, s);
	if (rc == SQLITE_ROW)
		db_case_fill(out, s, identity);
	db_finish(db, s);
	if (rc == SQLITE_ROW)
		return DB_OK;
	if (rc != SQLITE_DONE)
		return db_sqlerr(db, err);
	db_seterr(err, _("case %lld not found"), (long long)id);
	return DB_NOTFOUND;
}

/* One statement's single integer answer (0 when it has no row). */
static enum db_status
db_case_int(struct db *db, const char *sql, const char *a, const char *b, long long *out,
    char **err)
{
	sqlite3_stmt *s = db_prep(db, sql, err);
	int rc;

	if (s == NULL)
		return DB_ERROR;
	db_bind_text(s, 1, a);
	if (b != NULL)
		db_bind_text(s, 2, b);
	rc = db_step(db, s);
	*out = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	db_finish(db, s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? DB_OK : db_sqlerr(db, err);
}

/*
 * The year's next case number. A counter in settings ("case_seq:2026") keeps
 * it O(1); a database without one (older, or a new year) starts it from the
 * highest number already given, read once.
 */
static enum db_status
db_case_next_no(struct db *db, char **no, char **err)
{
	int year = date_today().y;
	char *prefix, *key, *pattern, *next;
	long long n = 0;
	enum db_status st;

	prefix = xasprintf("AVRR-%04d-", year);
	key = xasprintf("case_seq:%04d", year);
	pattern = xasprintf("%s%%", prefix);
	st = db_case_int(db, "SELECT CAST(value AS INTEGER) FROM settings WHERE key = ?1", key,
	    NULL, &n, err);
	if (st == DB_OK && n == 0)
		st = db_case_int(db, "SELECT coalesce(max(CAST(substr(case_no, 11) AS INTEGER)), 0)"
		    " FROM cases WHERE case_no LIKE ?1", pattern, NULL, &n, err);
	next = xasprintf("%lld", n + 1);
	if (st == DB_OK)
		st = db_case_int(db, "INSERT INTO settings (key, value) VALUES (?1, ?2)"
		    " ON CONFLICT (key) DO UPDATE SET value = excluded.value", key, next, &n, err);
	if (st == DB_OK)
		*no = xasprintf("%s%05lld", prefix, atoll(next));
	free(prefix);
	free(key);
	free(pattern);
	free(next);
	return st;
}

static char *
db_case_json(const char *case_no, const char *project, const char *lang)
{
	struct strbuf sb = STRBUF_INIT;
	bool first = true;

	strbuf_putc(&sb, '{');
	db_json_change(&sb, &first, "case_no", "", NULL, case_no);
	db_json_change(&sb, &first, "status", "", NULL, "registered");
	db_json_change(&sb, &first, "project", "", NULL, project);
	db_json_change(&sb, &first, "client_lang", "", NULL, lang);
	strbuf_putc(&sb, '}');
	return strbuf_take(&sb);
}

static enum db_status
db_case_create_tx(struct db *db, void *arg, char **err)
{
	struct db_case_op *op = arg;
	char *no = NULL, *uuid, *json;
	enum db_status st;
	sqlite3_stmt *s;
	int rc;

	if ((st = db_case_next_no(db, &no, err)) != DB_OK)
		return st;
	s = db_prep(db, "INSERT INTO cases (uuid, case_no, status, client_lang, project,"
	    " version, created_at, created_by, updated_at, updated_by)"
	    " VALUES (?1, ?2, 'registered', ?3, ?4, 1, ?5, ?6, ?5, ?6)", err);
	if (s == NULL) {
		free(no);
		return DB_ERROR;
	}
	uuid = db_uuid();
	db_bind_text(s, 1, uuid);
	db_bind_text(s, 2, no);
	db_bind_text(s, 3, str_empty(op->lang) ? NULL : op->lang);
	db_bind_text(s, 4, str_empty(op->project) ? NULL : op->project);
	db_bind_text(s, 5, op->now);
	db_bind_text(s, 6, db->user);
	rc = db_step(db, s);
	db_finish(db, s);
	free(uuid);
	st = rc == SQLITE_DONE ? DB_OK : db_sqlerr(db, err);
	op->id = sqlite3_last_insert_rowid(db->sql);
	json = db_case_json(no, str_empty(op->project) ? NULL : op->project,
	    str_empty(op->lang) ? NULL : op->lang);
	if (st == DB_OK)
		st = db_audit_add(db, "cases", op->id, op->id, "insert", json, op->now, err);
	if (st == DB_OK)
		st = db_search_index_case(db, op->id, err);
	free(json);
	free(no);
	return st;
}

enum db_status
db_case_create_in(struct db *db, const char *project, const char *client_lang,
    const char *now, int64_t *id, char **err)
{
	struct db_case_op op = { .project = project, .lang = client_lang, .now = now };
	enum db_status st = db_case_create_tx(db, &op, err);

	*id = st == DB_OK ? op.id : 0;
	return st;
}

enum db_status
db_case_create(struct db *db, const char *project, const char *client_lang,
    struct db_case *out, char **err)
{
	struct db_case_op op = { .project = project, .lang = client_lang };
	enum db_status st;
	char *now = db_now();

	memset(out, 0, sizeof *out);
	op.now = now;
	st = db_tx(db, db_case_create_tx, &op, err);
	free(now);
	if (st == DB_OK)
		st = db_case_load(db, op.id, out, err);
	return st;
}

/* The stored value of op->col; DB_NOTFOUND when the case is gone. */
static enum db_status
db_case_current(struct db *db, struct db_case_op *op, char **old, char **err)
{
	char *sql = xasprintf("SELECT %s FROM cases WHERE id = ?1", op->col);
	sqlite3_stmt *s = db_prep(db, sql, err);
	int rc;

	free(sql);
	if (s == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(s, 1, op->id);
	rc = db_step(db, s);
	if (rc == SQLITE_ROW)
		*old = db_col_text(s, 0);
	db_finish(db, s);
	if (rc == SQLITE_ROW)
		return DB_OK;
	if (rc != SQLITE_DONE)
		return db_sqlerr(db, err);
	db_seterr(err, _("case %lld not found"), (long long)op->id);
	return DB_NOTFOUND;
}

/* The UPDATE of op->col, if the case is still at op->version. */
static enum db_status
db_case_update_row(struct db *db, const struct db_case_op *op, char **err)
{
	char *sql = xasprintf("UPDATE cases SET %s = ?1, version = version + 1,"
	    " updated_at = ?2, updated_by = ?3 WHERE id = ?4 AND version = ?5", op->col);
	sqlite3_stmt *s = db_prep(db, sql, err);
	int rc;

	free(sql);
	if (s == NULL)
		return DB_ERROR;
	db_bind_text(s, 1, op->val);
	db_bind_text(s, 2, op->now);
	db_bind_text(s, 3, db->user);
	sqlite3_bind_int64(s, 4, op->id);
	sqlite3_bind_int64(s, 5, op->version);
	rc = db_step(db, s);
	db_finish(db, s);
	if (rc != SQLITE_DONE)
		return db_sqlerr(db, err);
	if (sqlite3_changes(db->sql) == 0) {
		db_seterr(err, _("case %lld: someone else changed it meanwhile"),
		    (long long)op->id);
		return DB_CONFLICT;
	}
	return DB_OK;
}

/* The update of op->col from old (its stored value) to op->val, audited. */
static enum db_status
db_case_update_from(struct db *db, const struct db_case_op *op, const char *old,
    char **err)
{
	struct strbuf json = STRBUF_INIT;
	enum db_status st;
	bool first = true;

	if ((st = db_case_update_row(db, op, err)) != DB_OK)
		return st;
	/* a closed case has no visit due, a reopened one has again */
	if (str_eq(op->col, "status") && (st = db_work_touch(db, NULL, -1, op->id, err)) != DB_OK)
		return st;
	strbuf_putc(&json, '{');
	db_json_change(&json, &first, op->col, "", old, op->val);
	strbuf_putc(&json, '}');
	st = db_audit_add(db, "cases", op->id, op->id, "update", json.s, op->now, err);
	strbuf_free(&json);
	return st;
}

static enum db_status
db_case_update_tx(struct db *db, void *arg, char **err)
{
	struct db_case_op *op = arg;
	char *old = NULL;
	enum db_status st;

	if ((st = db_case_current(db, op, &old, err)) != DB_OK)
		return st;
	st = db_case_update_from(db, op, old, err);
	free(old);
	return st;
}

enum db_status
db_case_update_in(struct db *db, int64_t id, int64_t version, const char *col,
    const char *old, const char *val, const char *now, char **err)
{
	struct db_case_op op = { .id = id, .version = version, .col = col, .val = val,
	    .now = now };

	return db_case_update_from(db, &op, old, err);
}

static enum db_status
db_case_update(struct db *db, struct db_case *c, const char *col, const char *val,
    char **err)
{
	struct db_case_op op = { .id = c->id, .version = c->version, .col = col,
	    .val = val };
	enum db_status st;
	char *now = db_now();

	op.now = now;
	st = db_tx(db, db_case_update_tx, &op, err);
	free(now);
	if (st == DB_OK) {
		db_case_clear(c);
		st = db_case_load(db, op.id, c, err);
	}
	return st;
}

enum db_status
db_case_set_status(struct db *db, struct db_case *c, enum db_case_status status,
    char **err)
{
	if (status >= CASE__COUNT) {
		db_seterr(err, _("case %s: unknown status %d"), c->case_no, (int)status);
		return DB_ERROR;
	}
	return db_case_update(db, c, "status", db_case_statuses[status].code, err);
}

enum db_status
db_case_set_client_lang(struct db *db, struct db_case *c, const char *lang, char **err)
{
	return db_case_update(db, c, "client_lang", str_empty(lang) ? NULL : lang, err);
}

enum db_status
db_case_recent(struct db *db, size_t limit, struct db_case **out, size_t *n, char **err)
{
	bool identity = db_perm_class(db, FC_IDENTITY, FA_READ);
	sqlite3_stmt *s = db_prep(db, DB_CASE_COLS
	    " ORDER BY c.updated_at DESC, c.id DESC LIMIT ?1", err);
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (s == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(s, 1, (sqlite3_int64)limit);
	while ((rc = db_step(db, s)) == SQLITE_ROW) {
		*out = xgrow(*out, &cap, *n + 1, sizeof **out);
		db_case_fill(&(*out)[(*n)++], s, identity);
	}
	db_finish(db, s);
	if (rc == SQLITE_DONE)
		return DB_OK;
	db_case_free_array(*out, *n);
	*out = NULL;
	*n = 0;
	return db_sqlerr(db, err);
}
