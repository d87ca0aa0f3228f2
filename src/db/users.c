/*
 * db/users: roles of users and who may change them. The users table comes
 * from core migrations 1 (name PRIMARY KEY, role, password, disabled) and 6
 * (unix_account, failures, locked_until, last_login).
 */
#include "db/users.h"

#include <stdlib.h>
#include <string.h>

#include "db/json.h"
#include "db/users_int.h"
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
	const char	*unix_account;
	const char	*password;
	bool		 add;	/* db_users_add(): the user must be new */
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

/* One integer answer of sql with user bound as ?1 (-1 on error). */
static int64_t
db_users_int(struct db *db, const char *sql, const char *user)
{
	sqlite3_stmt *s = db_prep(db, sql, NULL);
	int64_t v = -1;

	if (s == NULL)
		return -1;
	if (user != NULL)
		db_bind_text(s, 1, user);
	if (db_step(db, s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	db_finish(db, s);
	return v;
}

int64_t
db_users_rowid(struct db *db, const char *user)
{
	int64_t v = db_users_int(db, "SELECT coalesce((SELECT rowid FROM users"
	    " WHERE name = ?1), 0)", user);

	return v > 0 ? v : 0;
}

enum db_status
db_users_may(struct db *db, const char *user, bool self_ok, char **err)
{
	const char *me = db_user(db);

	if (str_eq(me, user) && self_ok)
		return DB_OK;
	if (db_users_int(db, "SELECT count(*) FROM users WHERE role = 'admin'"
	    " AND disabled = 0", NULL) == 0)
		return DB_OK;	/* nobody to ask: the first administrator is being made */
	if (db_users_int(db, "SELECT count(*) FROM users WHERE name = ?1"
	    " AND role = 'admin' AND disabled = 0", me) == 1)
		return DB_OK;
	db_seterr(err, _("%s: only an administrator manages users"), me != NULL ? me : "?");
	return DB_REFUSED;
}

enum db_status
db_users_audit_json(struct db *db, int64_t row, const char *action, const struct strbuf *json,
    const char *now, char **err)
{
	char *changes = xasprintf("{%s}", strbuf_str(json));
	enum db_status st = db_audit_add(db, "users", row, 0, action, changes, now, err);

	free(changes);
	return st;
}

/* The stored role and rowid of user (*old NULL and *row 0 when absent). */
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

	if (row == 0) {
		db_json_change(&json, &first, "name", "", NULL, op->user);
		db_json_change(&json, &first, "unix_account", "", NULL,
		    op->unix_account != NULL ? op->unix_account : op->user);
		if (op->password != NULL)
			db_json_change(&json, &first, "password", "", NULL, "set");
	}
	db_json_change(&json, &first, "role", "", old, op->role);
	st = db_users_audit_json(db, row != 0 ? row : sqlite3_last_insert_rowid(db->sql),
	    row != 0 ? "update" : "insert", &json, op->now, err);
	strbuf_free(&json);
	return st;
}

/* INSERT of a new user, or UPDATE of the role. */
static enum db_status
db_users_write(struct db *db, const struct db_users_op *op, int64_t row, char **err)
{
	sqlite3_stmt *s;
	char *hash = NULL;
	int rc;

	if (row == 0 && op->password != NULL && (hash = db_users_hash(db, op->password, err)) == NULL)
		return DB_ERROR;
	s = db_prep(db, row != 0 ? "UPDATE users SET role = ?2 WHERE name = ?1" :
	    "INSERT INTO users (name, role, created_at, unix_account, password)"
	    " VALUES (?1, ?2, ?3, ?4, ?5)", err);
	if (s == NULL) {
		free(hash);
		return DB_ERROR;
	}
	db_bind_text(s, 1, op->user);
	db_bind_text(s, 2, op->role);
	if (row == 0) {
		db_bind_text(s, 3, op->now);
		db_bind_text(s, 4, op->unix_account != NULL ? op->unix_account : op->user);
		db_bind_text(s, 5, hash);
	}
	rc = db_step(db, s);
	db_finish(db, s);
	free(hash);
	return rc == SQLITE_DONE ? DB_OK : db_sqlerr(db, err);
}

static enum db_status
db_users_set_tx(struct db *db, void *arg, char **err)
{
	struct db_users_op *op = arg;
	enum db_status st;
	char *old;
	int64_t row;

	if ((st = db_users_may(db, op->user, false, err)) != DB_OK)
		return st;
	if ((st = db_users_current(db, op->user, &old, &row, err)) != DB_OK)
		return st;
	if (row != 0 && op->add) {
		db_seterr(err, _("%s: already a user"), op->user);
		st = DB_ERROR;
	} else if (row != 0 && str_eq(old, op->role)) {
		st = DB_OK;
	} else if (row != 0 && str_eq(op->user, db_user(db))) {
		db_seterr(err, _("%s: no one changes their own role"), op->user);
		st = DB_REFUSED;
	} else if ((st = db_users_write(db, op, row, err)) == DB_OK) {
		st = db_users_audit(db, op, old, row, err);
	}
	free(old);
	return st;
}

static enum db_status
db_users_run(struct db *db, struct db_users_op *op, const char *role, char **err)
{
	enum db_status st;

	op->role = db_users_code(role);
	if (str_empty(op->user)) {
		db_seterr(err, "%s", _("a user needs a name"));
		return DB_ERROR;
	}
	if (op->role == NULL) {
		db_seterr(err, _("%s: unknown role '%s' (counsellor, hotline, return_officer, "
		    "reintegration_officer, supervisor, admin)"), op->user, role != NULL ? role : "");
		return DB_ERROR;
	}
	op->now = db_now();
	st = db_tx(db, db_users_set_tx, op, err);
	free(op->now);
	if (st == DB_ERROR && err != NULL && *err != NULL && strstr(*err, "UNIQUE") != NULL)
		db_seterr(err, _("%s: the Unix account '%s' already belongs to a user"), op->user,
		    op->unix_account != NULL ? op->unix_account : op->user);
	return st;
}

enum db_status
db_users_set(struct db *db, const char *user, const char *role, char **err)
{
	struct db_users_op op = { .user = user };

	return db_users_run(db, &op, role, err);
}

enum db_status
db_users_add(struct db *db, const char *user, const char *role, const char *unix_account,
    const char *password, char **err)
{
	struct db_users_op op = { .user = user, .unix_account = unix_account,
	    .password = password, .add = true };

	return db_users_run(db, &op, role, err);
}
