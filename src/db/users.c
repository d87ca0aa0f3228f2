/*
 * db/users: roles of users. The users table comes from core migration 1
 * (name PRIMARY KEY, role TEXT NOT NULL DEFAULT 'counsellor').
 */
#include "db/users.h"

#include <stdlib.h>

#include "db/internal.h"
#include "db/json.h"
#include "util/mem.h"
#include "util/str.h"
#include "util/tr.h"

static const struct {
	const char	*code;
	const char	*name;
} db_users_roles[] = {
	{ "counsellor", N_("Counsellor") },	/* first: the default */
	{ "hotline", N_("Hotline operator") },
	{ "return_officer", N_("Return officer") },
	{ "reintegration_officer", N_("Reintegration officer") },
	{ "supervisor", N_("Supervisor") },
	{ "admin", N_("Administrator") },
};

#define DB_USERS_NROLES (sizeof db_users_roles / sizeof db_users_roles[0])

struct db_users_op {
	const char	*user;
	const char	*role;	/* one of db_users_roles[].code */
	char		*now;
};

/* The static code equal to role, or NULL. */
static const char *
db_users_code(const char *role)
{
	size_t i;

	for (i = 0; i < DB_USERS_NROLES; i++)
		if (str_eq(role, db_users_roles[i].code))
			return db_users_roles[i].code;
	return NULL;
}

const char *
db_users_role_name(const char *role)
{
	size_t i;

	for (i = 0; i < DB_USERS_NROLES; i++)
		if (str_eq(role, db_users_roles[i].code))
			return db_users_roles[i].name;
	return NULL;
}

const char *
db_users_role(struct db *db, const char *user)
{
	const char *code = NULL;
	sqlite3_stmt *s;

	if (str_empty(user))
		return db_users_roles[0].code;
	s = db_prep(db, "SELECT role FROM users WHERE name = ?1", NULL);
	if (s == NULL)
		return db_users_roles[0].code;
	db_bind_text(s, 1, user);
	if (db_step(db, s) == SQLITE_ROW)
		code = db_users_code((const char *)sqlite3_column_text(s, 0));
	db_finish(db, s);
	return code != NULL ? code : db_users_roles[0].code;
}

bool
db_users_is(struct db *db, const char *role)
{
	return str_eq(db_users_role(db, db_user(db)), role);
}

/* The stored role and rowid of op->user (*old NULL and *row 0 when absent). */
static enum db_status
db_users_current(struct db *db, const char *user, char **old, int64_t *row, char **err)
{
	sqlite3_stmt *s = db_prep(db, "SELECT rowid, role FROM users WHERE name = ?1", err);
	int rc;

	*old = NULL;
	*row = 0;
	if (s == NULL)
		return DB_ERROR;
	db_bind_text(s, 1, user);
	rc = db_step(db, s);
	if (rc == SQLITE_ROW) {
		*row = sqlite3_column_int64(s, 0);
		*old = db_col_text(s, 1);
	}
	db_finish(db, s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? DB_OK : db_sqlerr(db, err);
}

static enum db_status
db_users_audit(struct db *db, const struct db_users_op *op, const char *old, int64_t row,
    char **err)
{
	struct strbuf json = STRBUF_INIT;
	enum db_status st;
	bool first = true;

	strbuf_putc(&json, '{');
	if (row == 0)
		db_json_change(&json, &first, "name", "", NULL, op->user);
	db_json_change(&json, &first, "role", "", old, op->role);
	strbuf_putc(&json, '}');
	st = db_audit_add(db, "users", row != 0 ? row : sqlite3_last_insert_rowid(db->sql),
	    0, row != 0 ? "update" : "insert", json.s, op->now, err);
	strbuf_free(&json);
	return st;
}

static enum db_status
db_users_set_tx(struct db *db, void *arg, char **err)
{
	struct db_users_op *op = arg;
	enum db_status st;
	sqlite3_stmt *s;
	char *old;
	int64_t row;
	int rc;

	if ((st = db_users_current(db, op->user, &old, &row, err)) != DB_OK)
		return st;
	if (row != 0 && str_eq(old, op->role)) {
		free(old);
		return DB_OK;
	}
	s = db_prep(db, row != 0 ? "UPDATE users SET role = ?2 WHERE name = ?1" :
	    "INSERT INTO users (name, role, created_at) VALUES (?1, ?2, ?3)", err);
	if (s == NULL) {
		free(old);
		return DB_ERROR;
	}
	db_bind_text(s, 1, op->user);
	db_bind_text(s, 2, op->role);
	if (row == 0)
		db_bind_text(s, 3, op->now);
	rc = db_step(db, s);
	db_finish(db, s);
	st = rc == SQLITE_DONE ? db_users_audit(db, op, old, row, err) : db_sqlerr(db, err);
	free(old);
	return st;
}

enum db_status
db_users_set(struct db *db, const char *user, const char *role, char **err)
{
	struct db_users_op op = { .user = user, .role = db_users_code(role) };
	enum db_status st;

	if (str_empty(user)) {
		db_seterr(err, "%s", _("a user needs a name"));
		return DB_ERROR;
	}
	if (op.role == NULL) {
		db_seterr(err, _("%s: unknown role '%s' (counsellor, hotline, return_officer, "
		    "reintegration_officer, supervisor, admin)"), user, role != NULL ? role : "");
		return DB_ERROR;
	}
	op.now = db_now();
	st = db_tx(db, db_users_set_tx, &op, err);
	free(op.now);
	return st;
}

enum db_status
db_users_list(struct db *db, struct db_user_row **out, size_t *n, char **err)
{
	sqlite3_stmt *s = db_prep(db, "SELECT name, role FROM users ORDER BY name", err);
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (s == NULL)
		return DB_ERROR;
	while ((rc = db_step(db, s)) == SQLITE_ROW) {
		*out = xgrow(*out, &cap, *n + 1, sizeof **out);
		(*out)[*n].name = db_col_text(s, 0);
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

	for (i = 0; i < n; i++)
		free(rows[i].name);
	free(rows);
}
