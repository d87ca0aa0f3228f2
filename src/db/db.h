/*
 * db/db: the one shared SQLite database, opened safely for many users.
 *
 * Contract: opening only reads. db_open() in DB_OPEN_READ (every command but
 * init and demo) refuses, with a one-line message naming the file and leaving
 * it as it was, a missing file, an empty one, one that is not an SQLite file,
 * another program's SQLite database, and an avrr database whose core schema is
 * older (run 'avrr init') or newer (DB_TOONEW) than this program; it writes
 * nothing (no migration, no journal mode change, no form sync). DB_OPEN_CREATE
 * (demo) also makes a new database of a missing, empty or table-less file;
 * DB_OPEN_INIT (init) also brings an older one's core schema up to date. Both
 * set WAL; every connection uses synchronous=FULL, foreign_keys=ON,
 * temp_store=MEMORY (no temporary file holds a sorted or indexed copy of
 * records) and a busy timeout. A database file init or demo makes is
 * DB_FILE_MODE (0660) whatever the umask, and SQLite gives its -wal and -shm
 * the same mode; init takes the permissions of others away from an existing
 * file of its owner (never adding any).
 *
 * The form tables follow the forms only through db_sync_forms(), which only
 * `avrr init` (and demo, on the database it has just created) calls: new
 * fields add columns, a field with "was OLD" renames column OLD, nothing is
 * ever dropped, and form_schema then records per form exactly the columns it
 * needs. Everything else calls db_use_forms(), which compares each form's
 * columns and child tables with what form_schema records: a form that differs
 * is never saved into (DB_REFUSED, "run avrr init") and the database stays as
 * it is.
 *
 * Saving is off for the rest of the run, every write refused with one line
 * naming the file, when the database is read-only for this process, and when
 * SQLite reported it damaged (SQLITE_CORRUPT / SQLITE_NOTADB) at any point:
 * open, read or write. db_state() and db_state_message() say so for the start
 * screen and stderr.
 *
 * Every write in this layer is one BEGIN IMMEDIATE transaction retried on
 * SQLITE_BUSY; the caller never sees SQLITE_BUSY. No transaction or statement is
 * left open when a function returns. Messages (*err, malloc'd, may be NULL to
 * ignore) are one line, translated with _().
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
	DB_REFUSED,	/* a rule refused the change; message in *err */
	DB_APPROVAL	/* refused, and a supervisor's approval would let it through
			 * (db/approval); message in *err */
};

struct db;

/* Schema version this program writes (core migrations). */
int		 db_schema_version(void);

#define DB_FILE_MODE	0660

enum db_open_mode {
	DB_OPEN_READ = 0,	/* an existing avrr database; the open writes nothing */
	DB_OPEN_CREATE,		/* demo: may also make a new one */
	DB_OPEN_INIT		/* init: may also bring an older core schema up to date */
};

enum db_status	 db_open(struct db **out, const char *path, enum db_open_mode, char **err);
void		 db_close(struct db *);
/* True when this open made the database (it had no tables). */
bool		 db_created(const struct db *);
/* avrr init: creates or extends tables for every form of the set (set must
 * have no errors) and records what each form needs in form_schema. */
enum db_status	 db_sync_forms(struct db *, const struct form_set *, char **err);
/* Every other command: takes the set without changing the database; the forms
 * whose tables differ from what the database records are refused on save.
 * DB_ERROR only when form_schema cannot be read. */
enum db_status	 db_use_forms(struct db *, const struct form_set *, char **err);
/* The form set db_sync_forms() or db_use_forms() was given (not owned). */
const struct form_set *db_forms(const struct db *);
/* False when the form (or the form of a repeat group) differs from the database. */
bool		 db_form_matches(const struct db *, const struct form_def *);

/* Why saving is off, or some forms cannot be saved (bits). */
#define DB_STATE_READONLY	1u	/* the file is read-only for this process */
#define DB_STATE_DAMAGED	2u	/* SQLite reported the database damaged */
#define DB_STATE_FORMS_DIFFER	4u	/* some forms differ from the database's */
unsigned	 db_state(const struct db *);
/* The state as one translated line naming the file (malloc'd), NULL when all
 * is well; the worst first (damaged, read-only, forms). */
char		*db_state_message(const struct db *);
/* Default path: $AVRR_DB, else /var/lib/avrr/avrr.db. */
const char	*db_default_path(void);

/* The user name written to created_by / updated_by / audit (copied). */
void		 db_set_user(struct db *, const char *user);
const char	*db_user(const struct db *);
/* How long one attempt waits for another writer (default 5000 ms); tests shorten it. */
void		 db_set_busy_timeout(struct db *, int ms);

#endif
