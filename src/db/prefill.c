/*
 * db/prefill: the rules as tables of roles: which field of which stage takes
 * what from where.
 */
#include "db/prefill.h"

#include <stdlib.h>
#include <string.h>

#include "db/cases.h"
#include "db/internal.h"
#include "db/lifecycle_int.h"
#include "form/money.h"
#include "form/type.h"
#include "util/mem.h"
#include "util/str.h"

/* A field of a stage's new record that takes the case's client language. */
static const struct {
	enum form_wf_stage	stage;
	enum form_wf_role	role;
} db_prefill_lang[] = {
	{ WFS_CONSENT, WFR_CONSENT_EXPLAINED_IN },
	{ WFS_SESSION, WFR_SESSION_INTERPRETER_LANG },
};

/* A field of a new row that takes its parent's field. */
static const struct {
	enum form_wf_role	parent;
	enum form_wf_role	row;
} db_prefill_rows[] = {
	{ WFR_REG_SURNAME, WFR_FAM_SURNAME },
	{ WFR_REG_NATIONALITY, WFR_FAM_NATIONALITY },
};

/* The index of the role's field in def when it is empty in rec, else -1. */
static int
db_prefill_empty(struct db *db, const struct form_record *rec, enum form_wf_role role)
{
	const char *name = db_lifecycle_role(db, role);
	int k = name != NULL ? form_field_index(rec->def, name) : -1;

	return k >= 0 && str_empty(rec->vals[k]) ? k : -1;
}

/* The grant per person of project code: its amount and currency (malloc'd,
 * NULL when the project or its grant is not recorded). */
static bool
db_prefill_grant(struct db *db, const char *code, char **amount, char **cur)
{
	const struct form_def *def = form_workflow_def(db_forms(db), WFS_PROJECT);
	const char *cf = db_lifecycle_role(db, WFR_PROJECT_CODE);
	const char *gf = db_lifecycle_role(db, WFR_PROJECT_GRANT);
	int k = def != NULL && gf != NULL ? form_field_index(def, gf) : -1;
	sqlite3_stmt *s;
	char *sql;

	*amount = *cur = NULL;
	if (k < 0 || def->fields[k].type != FT_MONEY || str_empty(code) || cf == NULL ||
	    form_field_index(def, cf) < 0 || !str_is_ident(def->table))
		return false;
	sql = xasprintf("SELECT \"%s\", \"%s%s\" FROM \"%s\" WHERE \"%s\" = ?1 AND \"%s\""
	    " IS NOT NULL ORDER BY id DESC LIMIT 1", gf, gf, form_type(FT_MONEY)->extra->suffix,
	    def->table, cf, gf);
	s = db_prep(db, sql, NULL);
	free(sql);
	if (s == NULL)
		return false;
	db_bind_text(s, 1, code);
	if (db_step(db, s) == SQLITE_ROW && sqlite3_column_type(s, 0) != SQLITE_NULL) {
		/* as a record reads the REAL back: "2000.00" */
		*amount = xasprintf(form_type(FT_MONEY)->real_text != NULL ?
		    form_type(FT_MONEY)->real_text : "%.15g", sqlite3_column_double(s, 0));
		*cur = db_col_text(s, 1);
	}
	db_finish(db, s);
	return *amount != NULL;
}

/* Sets field k of rec to val and marks it filled. */
static void
db_prefill_set(struct form_record *rec, int k, const char *val, bool *filled)
{
	form_record_set(rec, (size_t)k, val);
	if (filled != NULL)
		filled[k] = true;
}

/* A new plan: the grant of the case's project. */
static void
db_prefill_plan(struct db *db, struct form_record *rec, const struct db_case *c,
    bool *filled)
{
	int k = db_prefill_empty(db, rec, WFR_PLAN_GRANT);
	char *amount, *cur;

	if (k < 0 || rec->def->fields[k].type != FT_MONEY || !db_prefill_grant(db, c->project,
	    &amount, &cur))
		return;
	db_prefill_set(rec, k, amount, filled);
	if (!str_empty(cur))
		form_record_set_part(rec, (size_t)k, FORM_MONEY_CUR, cur);
	free(amount);
	free(cur);
}

enum db_status
db_prefill_record(struct db *db, struct form_record *rec, bool *filled, char **err)
{
	struct db_case c;
	size_t i;
	int k;

	if (rec->id != 0 || rec->case_id == 0)
		return DB_OK;
	if (db_case_load_ex(db, rec->case_id, false, &c, err) != DB_OK)
		return DB_ERROR;
	for (i = 0; i < sizeof db_prefill_lang / sizeof db_prefill_lang[0]; i++)
		if (db_lifecycle_of(db, rec, db_prefill_lang[i].stage) && c.client_lang != NULL &&
		    (k = db_prefill_empty(db, rec, db_prefill_lang[i].role)) >= 0)
			db_prefill_set(rec, k, c.client_lang, filled);
	if (db_lifecycle_of(db, rec, WFS_PLAN))
		db_prefill_plan(db, rec, &c, filled);
	db_case_clear(&c);
	return DB_OK;
}

void
db_prefill_row(struct db *db, struct form_record *row, const struct form_record *parent,
    bool *filled)
{
	const char *from;
	size_t i;
	int k;

	for (i = 0; i < sizeof db_prefill_rows / sizeof db_prefill_rows[0]; i++) {
		from = db_lifecycle_vget(db, parent, db_prefill_rows[i].parent);
		if (!str_empty(from) && (k = db_prefill_empty(db, row, db_prefill_rows[i].row)) >= 0)
			db_prefill_set(row, k, from, filled);
	}
}
