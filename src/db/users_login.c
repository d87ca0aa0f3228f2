/*
 * db/users_login: passwords (argon2id through libsodium), logins, the
 * lockout, disabling, what the program reads of a user before acting as
 * them, and the list.
 */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/json.h"
#include "db/settings.h"
#include "db/users_int.h"
#include "util/mem.h"
#include "util/tr.h"

#define DB_USERS_TEST_KEY	"test_database"

/* What the database's hashes are made with: the cheapest on a test database. */
static void
db_users_limits(struct db *db, unsigned long long *ops, size_t *mem)
{
	bool test = db_users_test_db(db);

	*ops = test ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE;
	*mem = test ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE;
}

static bool
db_users_sodium(char **err)
{
	static int ready;

	if (ready == 0)
		ready = sodium_init() >= 0 ? 1 : -1;
	if (ready < 0)
		db_seterr(err, "%s", _("the password library cannot start"));
	return ready > 0;
}

char *
db_users_hash(struct db *db, const char *password, char **err)
{
	char out[crypto_pwhash_STRBYTES];
	unsigned long long ops;
	size_t mem;

	if (!db_users_sodium(err))
		return NULL;
	if (str_empty(password) || strlen(password) > DB_USERS_PW_MAX) {
		db_seterr(err, _("a password is 1 to %d bytes long"), DB_USERS_PW_MAX);
		return NULL;
	}
	db_users_limits(db, &ops, &mem);
	if (crypto_pwhash_str(out, password, strlen(password), ops, mem) != 0) {
		db_seterr(err, "%s", _("out of memory"));
		return NULL;
	}
	return xstrdup(out);
}

bool
db_users_test_db(struct db *db)
{
	char *v = db_setting_get(db, DB_USERS_TEST_KEY);
	bool test = str_eq(v, "1");

	free(v);
	return test;
}

enum db_status
db_users_mark_test(struct db *db, char **err)
{
	return db_setting_set(db, DB_USERS_TEST_KEY, "1", err);
}

/* The row of a user as a login reads it. */
struct db_users_auth {
	int64_t	 row;
	char	*hash;
	bool	 disabled;
	int	 failures;
	char	*locked_until;
};

static void
db_users_auth_clear(struct db_users_auth *a)
{
	if (a->hash != NULL)
		sodium_memzero(a->hash, strlen(a->hash));
	free(a->hash);
	free(a->locked_until);
	memset(a, 0, sizeof *a);
}

static enum db_status
db_users_auth_read(struct db *db, const char *user, struct db_users_auth *a, char **err)
{
	sqlite3_stmt *s = db_prep(db, "SELECT rowid, password, disabled, failures, locked_until"
	    " FROM users WHERE name = ?1", err);
	int rc;

	memset(a, 0, sizeof *a);
	if (s == NULL)
		return DB_ERROR;
	db_bind_text(s, 1, user);
	rc = db_step(db, s);
	if (rc == SQLITE_ROW) {
		a->row = sqlite3_column_int64(s, 0);
		a->hash = db_col_text(s, 1);
		a->disabled = sqlite3_column_int(s, 2) != 0;
		a->failures = sqlite3_column_int(s, 3);
		a->locked_until = db_col_text(s, 4);
	}
	db_finish(db, s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? DB_OK : db_sqlerr(db, err);
}

/* UPDATE users SET <set> WHERE rowid = ?1, with ?2 and ?3 bound as texts. */
static enum db_status
db_users_update(struct db *db, int64_t row, const char *set, const char *a2, const char *a3,
    char **err)
{
	char *sql = xasprintf("UPDATE users SET %s WHERE rowid = ?1", set);
	sqlite3_stmt *s = db_prep(db, sql, err);
	int rc;

	free(sql);
	if (s == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(s, 1, row);
	db_bind_text(s, 2, a2);
	db_bind_text(s, 3, a3);
	rc = db_step(db, s);
	db_finish(db, s);
	return rc == SQLITE_DONE ? DB_OK : db_sqlerr(db, err);
}

struct db_users_login_op {
	const char	*user, *password;
	enum db_login	*res;
	char		*until;
	char		*now;
};

/* The end of a lockout that starts now (SQLite's date arithmetic on the stamp). */
static char *
db_users_lock_end(struct db *db, const char *now)
{
	sqlite3_stmt *s = db_prep(db, "SELECT datetime(?1, ?2)", NULL);
	char mod[32], *v = NULL;

	if (s == NULL)
		return xstrdup(now);
	snprintf(mod, sizeof mod, "+%d minutes", DB_USERS_LOCK_MINUTES);
	db_bind_text(s, 1, now);
	db_bind_text(s, 2, mod);
	if (db_step(db, s) == SQLITE_ROW)
		v = db_col_text(s, 0);
	db_finish(db, s);
	return v != NULL ? v : xstrdup(now);
}

/* A wrong password: one more failure, and at the last one the lockout. */
static enum db_status
db_users_login_wrong(struct db *db, struct db_users_login_op *op, struct db_users_auth *a,
    char **err)
{
	struct strbuf json = STRBUF_INIT;
	char old[16], new[16], *end = NULL;
	enum db_status st;
	bool first = true, lock = a->failures + 1 >= DB_USERS_MAX_FAILURES;

	snprintf(old, sizeof old, "%d", a->failures);
	snprintf(new, sizeof new, "%d", lock ? 0 : a->failures + 1);
	if (lock)
		end = db_users_lock_end(db, op->now);
	st = db_users_update(db, a->row, "failures = ?2, locked_until = ?3", new, end, err);
	db_json_change(&json, &first, "failures", "", old, new);
	db_json_change(&json, &first, "locked_until", "", a->locked_until, end);
	if (st == DB_OK)
		st = db_users_audit_json(db, a->row, lock ? "lockout" : "login_failed", &json,
		    op->now, err);
	*op->res = lock ? DB_LOGIN_LOCKED : DB_LOGIN_WRONG;
	if (lock)
		snprintf(op->until, 20, "%s", end);
	strbuf_free(&json);
	free(end);
	return st;
}

/* The right password: the count cleared, the hash renewed if its limits are old. */
static enum db_status
db_users_login_right(struct db *db, struct db_users_login_op *op, struct db_users_auth *a,
    char **err)
{
	struct strbuf json = STRBUF_INIT;
	unsigned long long ops;
	enum db_status st;
	char *hash = NULL, old[16];
	bool first = true;
	size_t mem;

	db_users_limits(db, &ops, &mem);
	if (crypto_pwhash_str_needs_rehash(a->hash, ops, mem) != 0 &&
	    (hash = db_users_hash(db, op->password, err)) == NULL)
		return DB_ERROR;
	snprintf(old, sizeof old, "%d", a->failures);
	st = db_users_update(db, a->row, hash != NULL ? "failures = 0, locked_until = NULL,"
	    " last_login = ?2, password = ?3" : "failures = 0, locked_until = NULL,"
	    " last_login = ?2", op->now, hash, err);
	db_json_change(&json, &first, "failures", "", old, "0");
	if (hash != NULL)
		db_json_change(&json, &first, "password", "", NULL, "rehashed");
	if (st == DB_OK)
		st = db_users_audit_json(db, a->row, "login", &json, op->now, err);
	*op->res = DB_LOGIN_OK;
	strbuf_free(&json);
	free(hash);
	return st;
}

static bool
db_users_verify(const struct db_users_auth *a, const char *password)
{
	return a->hash != NULL && password != NULL && strlen(password) <= DB_USERS_PW_MAX &&
	    crypto_pwhash_str_verify(a->hash, password, strlen(password)) == 0;
}

/* A try while disabled or locked: no password is checked, the try is audited. */
static enum db_status
db_users_login_refused(struct db *db, struct db_users_login_op *op,
    const struct db_users_auth *a, const char *event, char **err)
{
	struct strbuf json = STRBUF_INIT;
	enum db_status st = db_users_audit_json(db, a->row, event, &json, op->now, err);

	strbuf_free(&json);
	return st;
}

static enum db_status
db_users_login_tx(struct db *db, void *arg, char **err)
{
	struct db_users_login_op *op = arg;
	struct db_users_auth a;
	enum db_status st;

	if ((st = db_users_auth_read(db, op->user, &a, err)) != DB_OK)
		return st;
	if (a.row == 0) {
		*op->res = DB_LOGIN_UNKNOWN;
	} else if (a.disabled) {
		*op->res = DB_LOGIN_DISABLED;
		st = db_users_login_refused(db, op, &a, "login_disabled", err);
	} else if (a.locked_until != NULL && strcmp(a.locked_until, op->now) > 0) {
		*op->res = DB_LOGIN_LOCKED;
		snprintf(op->until, 20, "%s", a.locked_until);
		st = db_users_login_refused(db, op, &a, "login_locked", err);
	} else {
		if (a.locked_until != NULL)
			a.failures = 0;	/* the lockout is over: a new count */
		st = db_users_verify(&a, op->password) ? db_users_login_right(db, op, &a, err) :
		    db_users_login_wrong(db, op, &a, err);
	}
	db_users_auth_clear(&a);
	return st;
}

enum db_status
db_users_login(struct db *db, const char *user, const char *password, enum db_login *res,
    char until[20], char **err)
{
	struct db_users_login_op op = { user, password, res, until, NULL };
	enum db_status st;

	*res = DB_LOGIN_WRONG;
	until[0] = '\0';
	if (!db_users_sodium(err))
		return DB_ERROR;
	op.now = db_now();
	st = db_tx(db, db_users_login_tx, &op, err);
	free(op.now);
	return st;
}
