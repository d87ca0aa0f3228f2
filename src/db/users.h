/*
 * db/users: the office's users and their roles (core table "users").
 *
 * Contract: a role is one of the codes counsellor, hotline, return_officer,
 * reintegration_officer, supervisor, admin. db_users_role() answers the role
 * of a user name; an unknown user, or a stored role this program does not
 * know, is a counsellor. db_users_set() creates the user or changes the role,
 * audited like every change; an unknown role code is DB_ERROR with a message.
 */
#ifndef DB_USERS_H
#define DB_USERS_H

#include "db/db.h"

/* The role code (static string, never NULL). */
const char	*db_users_role(struct db *, const char *user);
enum db_status	 db_users_set(struct db *, const char *user, const char *role, char **err);
/* msgid naming a role code ("Supervisor"); NULL for an unknown code. */
const char	*db_users_role_name(const char *role);
/* True when the current user (db_user()) has the role. */
bool		 db_users_is(struct db *, const char *role);

struct db_user_row {
	char		*name;
	const char	*role;	/* code, as db_users_role() */
};

/* Every user, by name. */
enum db_status	 db_users_list(struct db *, struct db_user_row **out, size_t *n, char **err);
void		 db_users_free(struct db_user_row *, size_t n);

#endif
