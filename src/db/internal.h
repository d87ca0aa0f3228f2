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
#include "db/draft.h"
#include "util/str.h"

#define DB_STMT_BUCKETS 256

/* audit.c: whether the audit table has the chain (see below). */
enum db_audit_fmt { DB_AUDIT_UNKNOWN, DB_AUDIT_OLD, DB_AUDIT_CHAINED };

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
	bool			 bulk_row;	/* a row's savepoint is open (db_bulk_row_begin) */
	uint64_t		 bulk_row_naudit;	/* naudit when it opened */
	size_t			 bulk_row_cases;	/* nbulk_cases when it opened */
	int64_t			*bulk_cases;	/* cases to index when the batch commits */
	size_t			 nbulk_cases;
	size_t			 capbulk_cases;
	int			 bulk_sync;	/* settings restored when it ends */
	int			 bulk_cache;
	struct db_audit_row	*audit_q;	/* audit rows the batch writes together */
	size_t			 naudit_q;
	uint64_t		 naudit;	/* audit rows added since the open */
	enum db_audit_fmt	 audit_fmt;	/* the audit table's columns, once known */
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
 * db_audit_flush() before the batch commits; db_audit_drop() forgets them.
 * Rows are chained (db/audit.h) once avrr init gave the table the chain's
 * columns (db->audit_fmt caches whether it has). A row for "cases" or a
 * form's table carries the content hash of that row as it is at the call
 * (read back in the transaction; none left: deleted). So whatever rewrites a
 * record by other means, as the purge's anonymisation will, calls
 * db_audit_add(db, table, id, case_id, "anonymise", changes, now, err) after
 * its UPDATE in the same transaction (changes then without the old values),
 * and verify takes the new content as the record's. db_audit_redact_case()
 * then erases the changes (old and new values) of every audit row of the
 * case, which only a "redact" row after them makes acceptable to verify. */
#define DB_AUDIT_BATCH	32
#define DB_AUDIT_HASH	32
#define DB_AUDIT_SALT	16
/* Borrowed texts when written at once; copies while in db->audit_q. The
 * chain covers the changes through sum, the hash of salt and changes: a
 * redaction erases changes and salt (the purge's), sum stays and reveals
 * nothing of what was erased. */
struct db_audit_row {
	const char	*at, *user, *tbl, *action, *changes;
	int64_t		 row, case_id;
	int		 ncontent;	/* -1: none; 0: the row is gone; DB_AUDIT_HASH */
	unsigned char	 content[DB_AUDIT_HASH];
	bool		 has_sum;	/* false: no changes were written */
	unsigned char	 salt[DB_AUDIT_SALT];
	unsigned char	 sum[DB_AUDIT_HASH];
};
enum db_status	 db_audit_add(struct db *, const char *table, int64_t row, int64_t case_id,
		    const char *action, const char *changes, const char *now, char **err);
enum db_status	 db_audit_flush(struct db *, char **err);
void		 db_audit_drop(struct db *);
/* Forgets the queued audit rows added after the count naudit was mark (those
 * already written go with the rollback that takes them back). */
void		 db_audit_drop_since(struct db *, uint64_t mark);
/* The changed fields of old -> new (either may be NULL) as {"f":{"old":..,"new":..}}. */
char		*db_audit_diff(const struct form_record *old, const struct form_record *new);
/* The sum of r->changes under r->salt. */
void		 db_audit_sum(const struct db_audit_row *r, unsigned char out[DB_AUDIT_HASH]);
/* The chain hash of r written as row id after a row whose hash is prev
 * (nprev bytes; NULL: none or unhashed). */
void		 db_audit_chain_hash(const struct db_audit_row *r, int64_t id,
		    const void *prev, size_t nprev, unsigned char out[DB_AUDIT_HASH]);
/* True when rows of tbl carry content hashes (cases and every form's
 * table); *def is the form (NULL for cases). */
bool		 db_audit_hashed(struct db *, const char *tbl, const struct form_def **def);
/* audit_hash.c: r->content, the hash of row r->row of r->tbl as it is now
 * (none left: empty); left without one (-1) when the table carries none. */
enum db_status	 db_audit_content(struct db *, struct db_audit_row *r, char **err);
/* The content hash of the row st stands on (a SELECT * of the table of
 * def, or of cases for def NULL) with its repeat rows. */
enum db_status	 db_audit_row_hash(struct db *, const struct form_def *def, sqlite3_stmt *st,
		    unsigned char out[DB_AUDIT_HASH], char **err);
/* Inside the purge's transaction (db/purge), after the case's records were
 * anonymised: erases the changes (old and new values) of every audit row of
 * case_id and of each of its records (a call audited before it was linked to
 * the case included; the triggers allow only that change) and writes a
 * "redact" row; who did what to which row when stays. */
enum db_status	 db_audit_redact_case(struct db *, int64_t case_id, const char *now,
		    char **err);
/* Whether the audit table has the chain's columns (cached). */
enum db_audit_fmt db_audit_format(struct db *, char **err);

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

/* record.c: db_record_load_case() without the permissions (the rules read
 * every value; what they hand out they mask themselves). */
enum db_status	 db_record_load_case_raw(struct db *, const struct form_def *,
		    int64_t case_id, size_t max, struct form_record ***out, size_t *n,
		    char **err);

/* cases.c: a new case (as db_case_create()) inside the open transaction. */
enum db_status	 db_case_create_in(struct db *, const char *project, const char *client_lang,
		    const char *now, int64_t *id, char **err);
/* draft.c: inside the open transaction, removes draft id (0: none) and every
 * other draft of the user for rec's form, case and record (a saved record has
 * no draft left). */
enum db_status	 db_draft_drop_in(struct db *, int64_t id, const struct form_record *rec,
		    char **err);
/* draft.c: the drafts of user (NULL: all), newest first; with awaiting,
 * every draft awaiting approval, oldest request first (db/approval). */
enum db_status	 db_draft_query(struct db *, bool awaiting, const char *user,
		    struct db_draft **out, size_t *n, char **err);
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
