/*
 * db/db: the one shared SQLite database, opened safely for many users.
 *
 * Contract: db_open() opens (creating when asked) the file with WAL,
 * synchronous=FULL, foreign_keys=ON and a busy timeout, runs the numbered core
 * migrations, and refuses a database whose schema is newer than this program
 * (DB_TOONEW, with a message). db_sync_forms() creates or extends the table of
 * every form (and child tables of repeat groups): new fields add columns, a
 * field with "was OLD" renames column OLD, nothing is ever dropped. Every write
 * in this layer is one BEGIN IMMEDIATE transaction retried on SQLITE_BUSY; the
 * caller never sees SQLITE_BUSY. No transaction or statement is left open when a
 * function returns. Messages (*err, malloc'd, may be NULL to ignore) are one line,
 * translated with _().
 */
#ifndef DB_DB_H
#define DB_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "form/form.h"
#include "form/value.h"

enum db_status {
	DB_OK = 0,
	DB_ERROR,	/* message in *err */
	DB_NOTFOUND,
	DB_CONFLICT,	/* saved by someone else since it was loaded */
	DB_TOONEW,	/* schema newer than the program */
	DB_REFUSED	/* a rule refused the change; message in *err */
};

struct db;

/* Schema version this program writes (core migrations). */
int		 db_schema_version(void);

enum db_status	 db_open(struct db **out, const char *path, bool create, char **err);
void		 db_close(struct db *);
/* Creates or extends tables for every form of the set (set must have no errors). */
enum db_status	 db_sync_forms(struct db *, const struct form_set *, char **err);
/* The form set db_sync_forms() was given (not owned). */
const struct form_set *db_forms(const struct db *);
/* Default path: $AVRR_DB, else /var/lib/avrr/avrr.db. */
const char	*db_default_path(void);

/* The user name written to created_by / updated_by / audit (copied). */
void		 db_set_user(struct db *, const char *user);
const char	*db_user(const struct db *);
/* How long one attempt waits for another writer (default 5000 ms); tests shorten it. */
void		 db_set_busy_timeout(struct db *, int ms);

#endif
