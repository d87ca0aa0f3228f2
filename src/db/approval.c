/*
 * db/approval: drafts sent to a supervisor (the awaiting, asked_at, reply and
 * reply_by columns of drafts), and the approval a supervisor signs.
 */
#include "db/approval.h"

#include <stdlib.h>
#include <string.h>

#include "db/internal.h"
#include "db/lifecycle_int.h"
#include "db/perm.h"
#include "form/workflow.h"
#include "util/date.h"
#include "util/mem.h"
#include "util/str.h"
#include "util/tr.h"

/* The fields an approval of a stage's record sets: who, and on which day. */
static const struct {
	enum form_wf_stage	stage;
	enum form_wf_role	by;
	enum form_wf_role	on;
} db_approval_fields[] = {
	{ WFS_PLAN, WFR_PLAN_APPROVED_BY, WFR_PLAN_APPROVED_ON },
	{ WFS_PAYMENT, WFR_PAY_OVERRUN_BY, WFR_PAY_OVERRUN_ON },
};

struct db_approval_op {
	int64_t		 id;
	const char	*text;
	bool		 back;	/* send back (else ask) */
};

static enum db_status
db_approval_refuse(char **err)
{
	db_seterr(err, "%s", _("Only a supervisor approves or sends back what awaits "
	    "approval"));
	return DB_REFUSED;
}

static enum db_status
db_approval_write(struct db *db, void *arg, char **err)
{
	struct db_approval_op *op = arg;
	char *now = db_now();
	sqlite3_stmt *s;
	int rc;

	s = db_prep(db, op->back ? "UPDATE drafts SET awaiting = NULL, reply = ?2,"
	    " reply_by = ?3, updated_at = ?4 WHERE id = ?1 AND awaiting IS NOT NULL" :
	    "UPDATE drafts SET awaiting = ?2, asked_at = ?4, reply = NULL, reply_by = NULL"
	    " WHERE id = ?1 AND user IS ?3", err);
	if (s == NULL) {
		free(now);
		return DB_ERROR;
	}
	sqlite3_bind_int64(s, 1, op->id);
	db_bind_text(s, 2, op->text);
	db_bind_text(s, 3, db->user);
	db_bind_text(s, 4, now);
	rc = db_step(db, s);
	db_finish(db, s);
	free(now);
	if (rc != SQLITE_DONE)
		return db_sqlerr(db, err);
	if (sqlite3_changes(db->sql) == 0) {
		db_seterr(err, op->back ? _("draft %lld no longer awaits approval") :
		    _("draft %lld not found"), (long long)op->id);
		return DB_NOTFOUND;
	}
	return DB_OK;
}

enum db_status
db_approval_ask(struct db *db, int64_t id, const char *why, char **err)
{
	struct db_approval_op op = { id, str_empty(why) ? "?" : why, false };

	return db_tx(db, db_approval_write, &op, err);
}

enum db_status
db_approval_send_back(struct db *db, int64_t id, const char *comment, char **err)
{
	struct db_approval_op op = { id, comment, true };

	if (!db_perm_approves(db))
		return db_approval_refuse(err);
	return db_tx(db, db_approval_write, &op, err);
}

enum db_status
db_approval_list(struct db *db, struct db_draft **out, size_t *n, char **err)
{
	*out = NULL;
	*n = 0;
	if (!db_perm_approves(db))
		return db_approval_refuse(err);
	return db_draft_query(db, true, NULL, out, n, err);
}

size_t
db_approval_count(struct db *db)
{
	sqlite3_stmt *s;
	size_t n = 0;

	if (!db_perm_approves(db) || (s = db_prep(db, "SELECT count(*) FROM drafts"
	    " WHERE awaiting IS NOT NULL", NULL)) == NULL)
		return 0;
	if (db_step(db, s) == SQLITE_ROW)
		n = (size_t)sqlite3_column_int64(s, 0);
	db_finish(db, s);
	return n;
}

/* The approver's name as an approval records it: the full name, else the
 * user name (malloc'd). */
static char *
db_approval_signer(struct db *db)
{
	sqlite3_stmt *s = db_prep(db, "SELECT full_name FROM users WHERE name = ?1", NULL);
	char *name = NULL;

	if (s != NULL) {
		db_bind_text(s, 1, db->user);
		if (db_step(db, s) == SQLITE_ROW)
			name = db_col_text(s, 0);
		db_finish(db, s);
	}
	if (str_empty(name)) {
		free(name);
		name = xstrdup(db->user != NULL ? db->user : "?");
	}
	return name;
}

/* Sets the field of role in rec, if rec's form has it. */
static bool
db_approval_set(struct db *db, struct form_record *rec, enum form_wf_role role,
    const char *val)
{
	const char *name = form_workflow_field(db_forms(db), role);
	int k = name != NULL ? form_field_index(rec->def, name) : -1;

	if (k < 0)
		return false;
	form_record_set(rec, (size_t)k, val);
	return true;
}

enum db_status
db_approval_sign(struct db *db, struct form_record *rec, char **err)
{
	struct date today = date_today();
	enum form_wf_stage stage;
	char day[DATE_LEN], *who;
	size_t i;
	bool set = false;

	if (!db_perm_approves(db))
		return db_approval_refuse(err);
	if (!form_workflow_stage_of(db_forms(db), rec->def->name, &stage))
		stage = WFS__COUNT;
	date_format(&today, day);
	who = db_approval_signer(db);
	for (i = 0; i < sizeof db_approval_fields / sizeof db_approval_fields[0]; i++) {
		if (db_approval_fields[i].stage != stage)
			continue;
		set = db_approval_set(db, rec, db_approval_fields[i].by, who);
		set = db_approval_set(db, rec, db_approval_fields[i].on, day) && set;
	}
	free(who);
	if (set)
		return DB_OK;
	db_seterr(err, _("%s has no approval to give (see forms/workflow)"), _(rec->def->title));
	return DB_NOTFOUND;
}

bool
db_approval_wanted(struct db *db, const struct form_record *rec, char **why)
{
	struct db_lifecycle_case lc;
	struct db_lifecycle_plan p;
	char *total, *limit;
	bool wanted = false;

	*why = NULL;
	if (rec->case_id == 0 || !db_lifecycle_of(db, rec, WFS_PLAN) ||
	    db_lifecycle_load_some(db, rec->case_id, 0, &lc, NULL) != DB_OK)
		return false;
	if (db_lifecycle_plan_facts(db, &lc, rec, &p, NULL) == DB_OK && !p.approved &&
	    p.over_limit && !p.over_grant) {
		total = db_lifecycle_money_text(p.total);
		limit = db_lifecycle_money_text(p.limit);
		*why = xasprintf(_("%s: the items total %s %s, more than the project's approval "
		    "limit of %s %s; no payment until a supervisor approves it"),
		    _(rec->def->title), total, p.cur, limit, p.cur);
		free(total);
		free(limit);
		wanted = true;
	}
	db_lifecycle_case_clear(&lc);
	return wanted;
}
