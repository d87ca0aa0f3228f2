/*
 * db/users_int: what users.c and users_login.c share (inside src/db only).
 */
#ifndef DB_USERS_INT_H
#define DB_USERS_INT_H

#include "db/internal.h"
#include "db/users.h"
#include "util/str.h"

/* DB_OK when the current user may change user (admin, or no enabled admin
 * exists; self_ok: the change is allowed on oneself); else DB_REFUSED. */
enum db_status	 db_users_may(struct db *, const char *user, bool self_ok, char **err);
/* The rowid of user, 0 when there is none. */
int64_t		 db_users_rowid(struct db *, const char *user);
/* One audit row for the users row: json is the inside of the object. */
enum db_status	 db_users_audit_json(struct db *, int64_t row, const char *action,
		    const struct strbuf *json, const char *now, char **err);
/* A fresh hash of password (malloc'd), NULL on failure (message in *err). */
char		*db_users_hash(struct db *, const char *password, char **err);

#endif
