/*
 * db/internal: what the modules of src/db share and nothing outside uses.
 *
 * Contract: struct db is the connection and its state. Every write runs inside
 * db_tx(), which begins IMMEDIATE, calls the function, commits, and runs the
 * whole function again when SQLite reported busy; such functions therefore
 * change nothing in memory but their own argument. Statements come from
 * db_prep() and are finalized by the function that prepared them before it
 * returns. *err may be NULL everywhere (the caller ignores the message).
 */
#ifndef DB_INTERNAL_H
#define DB_INTERNAL_H

#include <sqlite3.h>

#include "db/db.h"
#include "util/str.h"

#define DB_STMT_BUCKETS 256

/* A prepared statement kept for reuse (db_prep / db_finish). */
struct db_stmt {
	char		*sql;
	sqlite3_stmt	*st;
	bool		 in_use;
	struct db_stmt	*next;
};

/* A statement found by (key, op) without building its SQL (db_prep_keyed). */
struct db_keyed {
	const void		*key;
	int			 op;
	struct db_stmt		*e;
	struct db_keyed		*next;
};

#define DB_KEYED_BUCKETS 64

struct db {
	sqlite3			*sql;
	struct db_keyed		*keyed[DB_KEYED_BUCKETS];
	const void		*checked[64];	/* form definitions whose names were checked */
	size_t			 nchecked;
	struct db_stmt		*stmts[DB_STMT_BUCKETS];
	size_t			 nstmts;
	struct db_stmt		*inuse[32];	/* handed out, newest last */
	size_t			 ninuse;
	char			*path;
	char			*user;
	const struct form_set	*forms;
	int			 busy_ms;
	bool			 created;	/* this open made the database */
	bool			 readonly;	/* saving is off: read-only file or mount */
	bool			 damaged;	/* saving is off: SQLite said corrupt */
	const struct form_def	**differ;	/* forms whose tables differ */
	size_t			 ndiffer;
	bool			 busy;	/* a step met SQLITE_BUSY: retry the transaction */
	bool			 bulk;	/* db/bulk: a batch transaction is open */
	bool			 bulk_failed;	/* a write of the batch failed */
	int64_t			*bulk_cases;	/* cases to index when the batch commits */
	size_t			 nbulk_cases;
	size_t			 capbulk_cases;
	int			 bulk_sync;	/* settings restored when it ends */
	int			 bulk_cache;
	struct db_audit_row	*audit_q;	/* audit rows the batch writes together */
	size_t			 naudit_q;
	uint64_t		 naudit;	/* audit rows added since the open */
};

/* Library-wide settings, before the first connection opens (db.c). */
void		 db_lib_setup(void);

typedef enum db_status (*db_tx_fn)(struct db *, void *arg, char **err);

enum db_status	 db_tx(struct db *, db_tx_fn, void *arg, char **err);
/* DB_OK when saving is on; else the reason in *err (read-only: DB_REFUSED,
 * damaged: DB_ERROR). Every write path asks before it begins. */
enum db_status	 db_writable(struct db *, char **err);
/* Notes what a result code says about the database (damaged, read-only). */
void		 db_note_rc(struct db *, int rc);
/* bulk.c: runs fn inside the open batch (db_tx() does, when bulk). */
enum db_status	 db_bulk_tx(struct db *, db_tx_fn, void *arg, char **err);
enum db_status	 db_exec(struct db *, const char *sql, char **err);
/* A statement for sql: a cached one when free (parsing costs more than the
 * work of most statements here), else a new one. Every db_prep() is paired
 * with db_finish(), which resets a cached statement (no statement is left
 * un-reset) or finalizes an uncached one. */
sqlite3_stmt	*db_prep(struct db *, const char *sql, char **err);
void		 db_finish(struct db *, sqlite3_stmt *);
/* db_prep() for SQL that depends only on (key, op), e.g. a form's INSERT: the
 * text is built by build(key) the first time only. db_keyed_forget() drops
 * the keys and the list of checked definitions (they are about to change). */
sqlite3_stmt	*db_prep_keyed(struct db *, const void *key, int op,
		    char *(*build)(const void *key), char **err);
void		 db_keyed_forget(struct db *);
int		 db_step(struct db *, sqlite3_stmt *);
/* Sets *err to "<path>: <sqlite message>" and returns DB_ERROR. */
enum db_status	 db_sqlerr(struct db *, char **err);
void		 db_seterr(char **err, const char *fmt, ...)
		    __attribute__((format(printf, 2, 3)));

void		 db_bind_text(sqlite3_stmt *, int idx, const char *);
/* A field value bound by its type: integers as integers, decimal and money as
 * reals (calculated ones as numbers too when calc_numeric and they look like
 * one), empty as NULL, anything that does not parse as text. */
void		 db_bind_typed(sqlite3_stmt *, int idx, enum form_type, const char *v,
		    bool calc_numeric);
char		*db_col_text(sqlite3_stmt *, int col);	/* malloc'd, NULL for NULL */
char		*db_now(void);				/* "YYYY-MM-DD HH:MM:SS", local */
char		*db_uuid(void);				/* version 7: time-ordered, then random */

/* audit.c: one audit row at time now (the db_now() of the write, so it equals
 * the rows' created_at / updated_at); changes is a JSON object or NULL. In a bulk batch
 * the row waits in db->audit_q and is written with the next DB_AUDIT_BATCH
 * (one statement for many rows costs a third of a statement each), or by
 * db_audit_flush() before the batch commits; db_audit_drop() forgets them. */
#define DB_AUDIT_BATCH	32
struct db_audit_row;
enum db_status	 db_audit_add(struct db *, const char *table, int64_t row, int64_t case_id,
		    const char *action, const char *changes, const char *now, char **err);
enum db_status	 db_audit_flush(struct db *, char **err);
void		 db_audit_drop(struct db *);
/* The changed fields of old -> new (either may be NULL) as {"f":{"old":..,"new":..}}. */
char		*db_audit_diff(const struct form_record *old, const struct form_record *new);
/* db/purge, inside its transaction, after the case's records were
 * anonymised: erases the changes (old and new values) of every audit row of
 * case_id and of each of its records (a call audited before it was linked to
 * the case included); who did what to which row when stays. The one way the
 * audit's rows are ever changed. now: the purge's time. */
enum db_status	 db_audit_redact_case(struct db *, int64_t case_id, const char *now,
		    char **err);

/* search.c: rebuilds the index row of one case from every form's search fields.
 * In a bulk batch the case is only noted, and db_search_flush() indexes each
 * noted case once before the batch commits. */
enum db_status	 db_search_index_case(struct db *, int64_t case_id, char **err);
enum db_status	 db_search_flush(struct db *, char **err);

/* record.c: db_record_save() inside the open transaction. rec is left as it
 * is (the transaction may still roll back, or run again when busy): out gets
 * the id and version it became and, on DB_CONFLICT, the stored record in
 * theirs (the caller frees it). rec and now are for db_tx functions;
 * case_read says the caller read the record's case row in this transaction
 * (so it exists). */
struct db_saved {
	const struct form_record	*rec;
	const char			*now;
	bool				 case_read;
	int64_t				 id;
	int64_t				 version;
	struct form_record		*theirs;
	void				*arg;	/* the caller's, for fn */
};
enum db_status	 db_record_save_in(struct db *, const struct form_record *rec,
		    const char *now, struct db_saved *out, char **err);
/* Runs fn (given a struct db_saved with rec and now) as the transaction of a
 * save, then updates rec's id and version, or hands over theirs on conflict,
 * as db_record_save() does. */
enum db_status	 db_record_save_via(struct db *, struct form_record *rec, db_tx_fn fn,
		    void *arg, struct form_record **theirs, char **err);

/* cases.c: a new case (as db_case_create()) inside the open transaction. */
enum db_status	 db_case_create_in(struct db *, const char *project, const char *client_lang,
		    const char *now, int64_t *id, char **err);
/* draft.c: inside the open transaction, removes draft id (0: none) and every
 * other draft of the user for rec's form, case and record (a saved record has
 * no draft left). */
enum db_status	 db_draft_drop_in(struct db *, int64_t id, const struct form_record *rec,
		    char **err);
/* draft.c: db_draft_save() inside the open transaction. */
enum db_status	 db_draft_save_in(struct db *, int64_t *id, const struct form_record *rec,
		    int cursor, char **err);

/* cases.c: sets column col ("status" or "client_lang") of case id from old
 * (as the caller read it) to val inside the open transaction, if its version
 * is still version (else DB_CONFLICT), with an audit row. */
enum db_status	 db_case_update_in(struct db *, int64_t id, int64_t version,
		    const char *col, const char *old, const char *val, const char *now,
		    char **err);

/* schema.c: column type of a field. */
const char	*db_schema_coltype(enum form_type);
/* DB_REFUSED with the message for a form that differs (!db_form_matches()). */
enum db_status	 db_schema_refuse(struct db *, const struct form_def *, char **err);

#endif
