/*
 * db/users_admin: disabling users, setting passwords, and what is read of
 * users (one, by Unix account, all).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/json.h"
#include "db/users_int.h"
#include "util/mem.h"
#include "util/tr.h"

struct db_users_admin_op {
	const char	*user, *password;
	char		*now;
};

/* The row of op->user, or DB_ERROR naming it when there is none. */
static enum db_status
db_users_existing(struct db *db, const char *user, int64_t *row, char **err)
{
	if ((*row = db_users_rowid(db, user)) != 0)
		return DB_OK;
	db_seterr(err, _("%s: no such user"), user);
	return DB_ERROR;
}

static enum db_status
db_users_disable_tx(struct db *db, void *arg, char **err)
{
	struct db_users_admin_op *op = arg;
	struct strbuf json = STRBUF_INIT;
	sqlite3_stmt *s;
	enum db_status st;
	bool first = true;
	int64_t row;
	int rc;

	if ((st = db_users_may(db, op->user, false, err)) != DB_OK ||
	    (st = db_users_existing(db, op->user, &row, err)) != DB_OK)
		return st;
	if (str_eq(op->user, db_user(db))) {
		db_seterr(err, _("%s: no one disables themselves"), op->user);
		return DB_REFUSED;
	}
	if ((s = db_prep(db, "UPDATE users SET disabled = 1 WHERE rowid = ?1", err)) == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(s, 1, row);
	rc = db_step(db, s);
	db_finish(db, s);
	if (rc != SQLITE_DONE)
		return db_sqlerr(db, err);
	db_json_change(&json, &first, "disabled", "", "0", "1");
	st = db_users_audit_json(db, row, "update", &json, op->now, err);
	strbuf_free(&json);
	return st;
}

static enum db_status
db_users_passwd_tx(struct db *db, void *arg, char **err)
{
	struct db_users_admin_op *op = arg;
	struct strbuf json = STRBUF_INIT;
	sqlite3_stmt *s;
	enum db_status st;
	char *hash;
	bool first = true;
	int64_t row;
	int rc;

	if ((st = db_users_may(db, op->user, true, err)) != DB_OK ||
	    (st = db_users_existing(db, op->user, &row, err)) != DB_OK)
		return st;
	if ((hash = db_users_hash(db, op->password, err)) == NULL)
		return DB_ERROR;
	s = db_prep(db, "UPDATE users SET password = ?2, failures = 0, locked_until = NULL"
	    " WHERE rowid = ?1", err);
	if (s != NULL) {
		sqlite3_bind_int64(s, 1, row);
		db_bind_text(s, 2, hash);
		rc = db_step(db, s);
		db_finish(db, s);
	}
	free(hash);
	if (s == NULL)
		return DB_ERROR;
	if (rc != SQLITE_DONE)
		return db_sqlerr(db, err);
	db_json_change(&json, &first, "password", "", NULL, "set");
	st = db_users_audit_json(db, row, "update", &json, op->now, err);
	strbuf_free(&json);
	return st;
}

static enum db_status
db_users_admin_run(struct db *db, db_tx_fn fn, struct db_users_admin_op *op, char **err)
{
	enum db_status st;

	if (str_empty(op->user)) {
		db_seterr(err, "%s", _("a user needs a name"));
		return DB_ERROR;
	}
	op->now = db_now();
	st = db_tx(db, fn, op, err);
	free(op->now);
	return st;
}

enum db_status
db_users_disable(struct db *db, const char *user, char **err)
{
	struct db_users_admin_op op = { user, NULL, NULL };

	return db_users_admin_run(db, db_users_disable_tx, &op, err);
}

enum db_status
db_users_passwd(struct db *db, const char *user, const char *password, char **err)
{
	struct db_users_admin_op op = { user, password, NULL };

	return db_users_admin_run(db, db_users_passwd_tx, &op, err);
}

void
db_users_info(struct db *db, const char *user, struct db_user_info *info)
{
	sqlite3_stmt *s = db_prep(db, "SELECT disabled, password IS NOT NULL, unix_account,"
	    " CASE WHEN locked_until > ?2 THEN locked_until END"
	    " FROM users WHERE name = ?1", NULL);
	char *now = db_now(), *until;

	memset(info, 0, sizeof *info);
	if (s != NULL) {
		db_bind_text(s, 1, user);
		db_bind_text(s, 2, now);
		if (db_step(db, s) == SQLITE_ROW) {
			info->exists = true;
			info->disabled = sqlite3_column_int(s, 0) != 0;
			info->has_password = sqlite3_column_int(s, 1) != 0;
			info->unix_account = db_col_text(s, 2);
			until = db_col_text(s, 3);
			snprintf(info->locked_until, sizeof info->locked_until, "%s",
			    until != NULL ? until : "");
			free(until);
		}
		db_finish(db, s);
	}
	free(now);
}

void
db_users_info_clear(struct db_user_info *info)
{
	free(info->unix_account);
	memset(info, 0, sizeof *info);
}

bool
db_users_have_admin(struct db *db)
{
	sqlite3_stmt *s = db_prep(db, "SELECT count(*) FROM users WHERE role = 'admin'"
	    " AND disabled = 0", NULL);
	bool have = false;

	if (s == NULL)
		return false;
	if (db_step(db, s) == SQLITE_ROW)
		have = sqlite3_column_int(s, 0) > 0;
	db_finish(db, s);
	return have;
}

char *
db_users_by_unix(struct db *db, const char *unix_account)
{
	sqlite3_stmt *s = db_prep(db, "SELECT name FROM users WHERE unix_account = ?1", NULL);
	char *name = NULL;

	if (s == NULL)
		return NULL;
	db_bind_text(s, 1, unix_account);
	if (db_step(db, s) == SQLITE_ROW)
		name = db_col_text(s, 0);
	db_finish(db, s);
	return name;
}

enum db_status
db_users_list(struct db *db, struct db_user_row **out, size_t *n, char **err)
{
	sqlite3_stmt *s = db_prep(db, "SELECT name, unix_account, disabled FROM users"
	    " ORDER BY name", err);
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (s == NULL)
		return DB_ERROR;
	while ((rc = db_step(db, s)) == SQLITE_ROW) {
		*out = xgrow(*out, &cap, *n + 1, sizeof **out);
		(*out)[*n].name = db_col_text(s, 0);
		(*out)[*n].unix_account = db_col_text(s, 1);
		(*out)[*n].disabled = sqlite3_column_int(s, 2) != 0;
		(*out)[*n].role = db_users_role(db, (*out)[*n].name);
		(*n)++;
	}
	db_finish(db, s);
	if (rc == SQLITE_DONE)
		return DB_OK;
	db_users_free(*out, *n);
	*out = NULL;
	*n = 0;
	return db_sqlerr(db, err);
}

void
db_users_free(struct db_user_row *rows, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(rows[i].name);
		free(rows[i].unix_account);
	}
	free(rows);
}
