/*
 * db/users: the office's users, their roles, the Unix accounts they are bound
 * to, their passwords and logins (core table "users").
 *
 * Contract: a role is one of the codes counsellor, hotline, return_officer,
 * reintegration_officer, supervisor, admin. db_users_role() answers the role
 * of a user name; an unknown user, or a stored role this program does not
 * know, is a counsellor.
 *
 * Managing users is the administrator's: db_users_add(), db_users_set(),
 * db_users_disable() and db_users_passwd() of another user are DB_REFUSED
 * (one line) unless the current user (db_user()) is an enabled admin; the
 * only exception is a database that has no enabled admin at all (one made by
 * the data layer alone; avrr init and avrr demo always make one). No one
 * changes their own role or disables themselves (DB_REFUSED), and everyone may
 * change their own password. Every change is audited under the current user;
 * an unknown role code is DB_ERROR with a message.
 *
 * Passwords are stored only as argon2id hashes (crypto_pwhash_str, the
 * INTERACTIVE limits; the cheapest limits on a test database) and never
 * written anywhere else. db_users_login() checks one: after
 * DB_USERS_MAX_FAILURES wrong ones in a row the user is locked for
 * DB_USERS_LOCK_MINUTES by the program's clock (util/date), and no password
 * is even checked until then; a right one clears the count, and a hash made
 * with other limits is made again. Every login, failure and lockout is an
 * audit row (tbl users, action update) whose "event" names it, written under
 * the current user, which the caller sets to the user logging in.
 *
 * A test database (made by avrr init --test, or avrr demo) is marked in the
 * settings; db_users_test_db() tells. Only there do --user and AVRR_USER
 * pick a user (src/cmd).
 */
#ifndef DB_USERS_H
#define DB_USERS_H

#include "db/db.h"

#define DB_USERS_MAX_FAILURES	5
#define DB_USERS_LOCK_MINUTES	15
#define DB_USERS_PW_MAX		256	/* longest password, bytes */

/* The role code (static string, never NULL). */
const char	*db_users_role(struct db *, const char *user);
/* Creates the user (bound to the Unix account of the same name) or changes
 * the role. */
enum db_status	 db_users_set(struct db *, const char *user, const char *role, char **err);
/* A new user bound to unix_account (NULL: the user's name), with a password
 * (NULL: none yet); DB_ERROR when the user or the account exists. */
enum db_status	 db_users_add(struct db *, const char *user, const char *role,
		    const char *unix_account, const char *password, char **err);
enum db_status	 db_users_disable(struct db *, const char *user, char **err);
/* Sets the password (and unlocks the user). */
enum db_status	 db_users_passwd(struct db *, const char *user, const char *password,
		    char **err);
/* msgid naming a role code ("Supervisor"); NULL for an unknown code. */
const char	*db_users_role_name(const char *role);
/* True when the current user (db_user()) has the role. */
bool		 db_users_is(struct db *, const char *role);

enum db_login {
	DB_LOGIN_OK,
	DB_LOGIN_WRONG,		/* a wrong password (or none is set) */
	DB_LOGIN_LOCKED,	/* locked until *until */
	DB_LOGIN_DISABLED,
	DB_LOGIN_UNKNOWN	/* no such user */
};

/* Checks password; *until gets the end of a lockout ("YYYY-MM-DD HH:MM:SS")
 * when DB_LOGIN_LOCKED. DB_ERROR only when the database fails. */
enum db_status	 db_users_login(struct db *, const char *user, const char *password,
		    enum db_login *res, char until[20], char **err);

struct db_user_info {
	bool	 exists, disabled, has_password;
	char	*unix_account;	/* malloc'd, NULL when none */
	char	 locked_until[20];	/* "" unless locked now */
};

/* What the program needs to know of a user before acting as them. */
void		 db_users_info(struct db *, const char *user, struct db_user_info *);
void		 db_users_info_clear(struct db_user_info *);
/* True when the database has an enabled administrator. */
bool		 db_users_have_admin(struct db *);
/* The enabled or disabled user bound to the Unix account (malloc'd), or NULL. */
char		*db_users_by_unix(struct db *, const char *unix_account);

/* The test-database mark (avrr init --test, avrr demo). */
bool		 db_users_test_db(struct db *);
enum db_status	 db_users_mark_test(struct db *, char **err);

struct db_user_row {
	char		*name;
	const char	*role;	/* code, as db_users_role() */
	char		*unix_account;	/* NULL when none */
	bool		 disabled;
};

/* Every user, by name. */
enum db_status	 db_users_list(struct db *, struct db_user_row **out, size_t *n, char **err);
void		 db_users_free(struct db_user_row *, size_t n);

#endif
