/*
 * db/db: opening the database, pragmas, core migrations, transactions with
 * busy retry, and the small helpers the other db modules share.
 */
#include "db/db.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "db/internal.h"
#include "form/type.h"
#include "util/date.h"
#include "util/hash.h"
#include "util/mem.h"
#include "util/str.h"
#include "util/tr.h"

#define DB_BUSY_MS	5000	/* SQLite's own busy wait per attempt */
#define DB_RETRIES	8	/* whole transactions retried after that */

/* Numbered core migrations; entry i brings the schema to version i + 1. */
static const char *const db_migrations[] = {
	/* 1: projects and users */
	"CREATE TABLE projects (code TEXT PRIMARY KEY, name TEXT NOT NULL,"
	" starts_on TEXT, ends_on TEXT, budget REAL, cofinancing REAL,"
	" created_at TEXT NOT NULL);"
	"CREATE TABLE users (name TEXT PRIMARY KEY, full_name TEXT,"
	" role TEXT NOT NULL DEFAULT 'counsellor', password TEXT,"
	" disabled INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL);",
	/* 2: cases */
	"CREATE TABLE cases (id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE,"
	" case_no TEXT NOT NULL UNIQUE, status TEXT NOT NULL DEFAULT 'registered',"
	" client_lang TEXT, project TEXT, version INTEGER NOT NULL DEFAULT 1,"
	" created_at TEXT NOT NULL, created_by TEXT, updated_at TEXT NOT NULL,"
	" updated_by TEXT);"
	"CREATE INDEX cases_updated ON cases (updated_at);",
	/* 3: audit */
	"CREATE TABLE audit (id INTEGER PRIMARY KEY, at TEXT NOT NULL, user TEXT,"
	" tbl TEXT NOT NULL, row_id INTEGER NOT NULL, case_id INTEGER,"
	" action TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete')),"
	" changes TEXT);"
	"CREATE INDEX audit_case ON audit (case_id);"
	"CREATE INDEX audit_at ON audit (at);",
	/* 4: drafts and settings */
	"CREATE TABLE drafts (id INTEGER PRIMARY KEY, user TEXT, form TEXT NOT NULL,"
	" record_id INTEGER NOT NULL DEFAULT 0, case_id INTEGER NOT NULL DEFAULT 0,"
	" cursor INTEGER NOT NULL DEFAULT 0, data TEXT NOT NULL, summary TEXT,"
	" created_at TEXT NOT NULL, updated_at TEXT NOT NULL);"
	"CREATE INDEX drafts_user ON drafts (user, updated_at);"
	"CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT);",
	/* 5: the case search index and the record of synced form tables */
	"CREATE VIRTUAL TABLE search USING fts5 (case_no, names, phones, digits,"
	" display UNINDEXED, tokenize = 'unicode61 remove_diacritics 2');"
	"CREATE TABLE form_schema (tbl TEXT NOT NULL, col TEXT NOT NULL,"
	" type TEXT NOT NULL, form TEXT NOT NULL, field TEXT NOT NULL,"
	" search TEXT, synced_at TEXT NOT NULL, PRIMARY KEY (tbl, col));",
	/* 6: logins (db/users): the Unix account a user is bound to, failed
	 * tries, the lockout, the last login; users.password holds argon2id */
	"ALTER TABLE users ADD COLUMN unix_account TEXT;"
	"ALTER TABLE users ADD COLUMN failures INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE users ADD COLUMN locked_until TEXT;"
	"ALTER TABLE users ADD COLUMN last_login TEXT;"
	"UPDATE users SET unix_account = name;"	/* the name was the Unix account */
	"CREATE UNIQUE INDEX users_unix ON users (unix_account);",
	/* 7: the search index with the names' phonetic keys (i18n/phon) and what a
	 * hit shows: date of birth, nationality, one phone; the case number's
	 * serial for exact matches. avrr init fills it again. */
	"DROP TABLE search;"
	"CREATE VIRTUAL TABLE search USING fts5 (case_no, names, phones, digits, phonetic,"
	" display UNINDEXED, born UNINDEXED, nationality UNINDEXED, phone UNINDEXED,"
	" serial UNINDEXED, tokenize = 'unicode61 remove_diacritics 2');",
	/* 8: approvals (db/approval): a draft sent to a supervisor holds why
	 * (awaiting) and when; one sent back holds the supervisor's comment */
	"ALTER TABLE drafts ADD COLUMN awaiting TEXT;"
	"ALTER TABLE drafts ADD COLUMN asked_at TEXT;"
	"ALTER TABLE drafts ADD COLUMN reply TEXT;"
	"ALTER TABLE drafts ADD COLUMN reply_by TEXT;"
	"CREATE INDEX drafts_awaiting ON drafts (awaiting) WHERE awaiting IS NOT NULL;",
	/* 9: what falls due (db/worklist): kept at every save so that the start
	 * screen counts it from an index; kind 1 a call's callback (record_id
	 * the call), kind 2 a case's next monitoring visit (record_id 0) */
	"CREATE TABLE work_due (kind INTEGER NOT NULL, case_id INTEGER NOT NULL,"
	" record_id INTEGER NOT NULL, due_on TEXT NOT NULL, visit INTEGER NOT NULL DEFAULT 0,"
	" PRIMARY KEY (kind, record_id, case_id)) WITHOUT ROWID;"
	"CREATE INDEX work_due_on ON work_due (kind, due_on);"
	"CREATE INDEX work_due_case ON work_due (case_id);"
	"CREATE INDEX cases_mine ON cases (created_by, status, updated_at);",
	/* 10: the search index keeps its words' first one to three characters
	 * too, so that a query of a letter or a digit ("a", "3", "avrr-2")
	 * reads one list instead of merging every word that starts so (146 and
	 * 310 ms at 100,000 cases, 8 and 11 ms with it); its rows are copied */
	"CREATE VIRTUAL TABLE search_new USING fts5 (case_no, names, phones, digits, phonetic,"
	" display UNINDEXED, born UNINDEXED, nationality UNINDEXED, phone UNINDEXED,"
	" serial UNINDEXED, tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3');"
	"INSERT INTO search_new (rowid, case_no, names, phones, digits, phonetic, display,"
	" born, nationality, phone, serial) SELECT rowid, case_no, names, phones, digits,"
	" phonetic, display, born, nationality, phone, serial FROM search;"
	"DROP TABLE search;"
	"ALTER TABLE search_new RENAME TO search;",
};

#define DB_NMIGRATIONS ((int)(sizeof db_migrations / sizeof db_migrations[0]))

int
db_schema_version(void)
{
	return DB_NMIGRATIONS;
}

const char *
db_default_path(void)
{
	const char *e = getenv("AVRR_DB");

	return !str_empty(e) ? e : "/var/lib/avrr/avrr.db";
}

void
db_seterr(char **err, const char *fmt, ...)
{
	va_list ap;
	char *s;
	int n;

	if (err == NULL)
		return;
	va_start(ap, fmt);
	n = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (n < 0)
		util_die("out of memory");
	free(*err);
	*err = s;
}

static bool
db_is_damage(int rc)
{
	rc &= 0xff;
	return rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB;
}

void
db_note_rc(struct db *db, int rc)
{
	if (db_is_damage(rc))
		db->damaged = true;
	else if ((rc & 0xff) == SQLITE_READONLY)
		db->readonly = true;
}

static void
db_damaged_err(const struct db *db, char **err)
{
	db_seterr(err, _("%s: the database is damaged; saving is off: restore the last copy "
	    "made with 'avrr backup'"), db->path);
}

static void
db_readonly_err(const struct db *db, char **err)
{
	db_seterr(err, _("%s: the database is read-only for you; saving is off"), db->path);
}

enum db_status
db_sqlerr(struct db *db, char **err)
{
	int rc = sqlite3_extended_errcode(db->sql);

	db_note_rc(db, rc);
	if (db_is_damage(rc))
		db_damaged_err(db, err);
	else
		db_seterr(err, "%s: %s", db->path, sqlite3_errmsg(db->sql));
	return DB_ERROR;
}

enum db_status
db_writable(struct db *db, char **err)
{
	if (db->damaged) {
		db_damaged_err(db, err);
		return DB_ERROR;
	}
	if (db->readonly) {
		db_readonly_err(db, err);
		return DB_REFUSED;
	}
	return DB_OK;
}

static bool
db_is_busy(int rc)
{
	rc &= 0xff;
	return rc == SQLITE_BUSY || rc == SQLITE_LOCKED;
}

int
db_step(struct db *db, sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);

	if (db_is_busy(rc))
		db->busy = true;
	else if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		db_note_rc(db, rc);
	return rc;
}

#define DB_STMT_MAX 1024

static unsigned
db_stmt_hash(const char *sql)
{
	return hash_str(sql) % DB_STMT_BUCKETS;
}

sqlite3_stmt *
db_prep(struct db *db, const char *sql, char **err)
{
	unsigned h = db_stmt_hash(sql);
	struct db_stmt *e;
	sqlite3_stmt *st = NULL;
	int rc;

	for (e = db->stmts[h]; e != NULL; e = e->next)
		if (!e->in_use && strcmp(e->sql, sql) == 0 &&
		    db->ninuse < sizeof db->inuse / sizeof db->inuse[0]) {
			e->in_use = true;
			db->inuse[db->ninuse++] = e;
			return e->st;
		}
	rc = sqlite3_prepare_v3(db->sql, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL);
	if (rc != SQLITE_OK) {
		if (db_is_busy(rc))
			db->busy = true;
		db_sqlerr(db, err);
		sqlite3_finalize(st);
		return NULL;
	}
	if (db->nstmts < DB_STMT_MAX && db->ninuse < sizeof db->inuse / sizeof db->inuse[0]) {
		e = xcalloc(1, sizeof *e);
		e->sql = xstrdup(sql);
		e->st = st;
		e->in_use = true;
		e->next = db->stmts[h];
		db->stmts[h] = e;
		db->nstmts++;
		db->inuse[db->ninuse++] = e;
	}
	return st;
}

/* The statements in use are few (nested reads): found from the newest. */
void
db_finish(struct db *db, sqlite3_stmt *st)
{
	struct db_stmt *e;
	size_t i;

	for (i = db->ninuse; i-- > 0;) {
		e = db->inuse[i];
		if (e->st != st)
			continue;
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
		e->in_use = false;
		db->inuse[i] = db->inuse[--db->ninuse];
		return;
	}
	sqlite3_finalize(st);
}

sqlite3_stmt *
db_prep_keyed(struct db *db, const void *key, int op, char *(*build)(const void *), char **err)
{
	unsigned h = (unsigned)(((uintptr_t)key >> 4) * 31u + (unsigned)op) % DB_KEYED_BUCKETS;
	struct db_keyed *k;
	sqlite3_stmt *st;
	char *sql;

	for (k = db->keyed[h]; k != NULL; k = k->next)
		if (k->key == key && k->op == op && !k->e->in_use &&
		    db->ninuse < sizeof db->inuse / sizeof db->inuse[0]) {
			k->e->in_use = true;
			db->inuse[db->ninuse++] = k->e;
			return k->e->st;
		}
	sql = build(key);
	st = db_prep(db, sql, err);
	free(sql);
	if (st != NULL && db->ninuse > 0 && db->inuse[db->ninuse - 1]->st == st) {
		k = xcalloc(1, sizeof *k);
		k->key = key;
		k->op = op;
		k->e = db->inuse[db->ninuse - 1];
		k->next = db->keyed[h];
		db->keyed[h] = k;
	}
	return st;
}

void
db_keyed_forget(struct db *db)
{
	struct db_keyed *k, *next;
	size_t i;

	for (i = 0; i < DB_KEYED_BUCKETS; i++) {
		for (k = db->keyed[i]; k != NULL; k = next) {
			next = k->next;
			free(k);
		}
		db->keyed[i] = NULL;
	}
	db->nchecked = 0;
}

static void
db_stmts_free(struct db *db)
{
	struct db_stmt *e, *next;
	size_t i;

	for (i = 0; i < DB_STMT_BUCKETS; i++) {
		for (e = db->stmts[i]; e != NULL; e = next) {
			next = e->next;
			sqlite3_finalize(e->st);
			free(e->sql);
			free(e);
		}
		db->stmts[i] = NULL;
	}
	db->nstmts = 0;
}

enum db_status
db_exec(struct db *db, const char *sql, char **err)
{
	int rc = sqlite3_exec(db->sql, sql, NULL, NULL, NULL);

	if (rc == SQLITE_OK)
		return DB_OK;
	if (db_is_busy(rc))
		db->busy = true;
	return db_sqlerr(db, err);	/* notes damage and read-only */
}

void
db_bind_text(sqlite3_stmt *st, int idx, const char *s)
{
	if (s == NULL)
		sqlite3_bind_null(st, idx);
	else
		sqlite3_bind_text(st, idx, s, -1, SQLITE_TRANSIENT);
}

void
db_bind_typed(sqlite3_stmt *st, int idx, enum form_type t, const char *v, bool calc_numeric)
{
	const char *col = form_type(t)->coltype;
	bool calc = calc_numeric && t == FT_CALCULATED;
	char *end;
	long long ll;
	double d;

	if (str_empty(v)) {
		sqlite3_bind_null(st, idx);
		return;
	}
	if ((col != NULL && strcmp(col, "INTEGER") == 0) || calc) {
		ll = strtoll(v, &end, 10);
		if (*end == '\0') {
			sqlite3_bind_int64(st, idx, ll);
			return;
		}
	}
	if ((col != NULL && strcmp(col, "REAL") == 0) || calc) {
		d = strtod(v, &end);
		if (*end == '\0') {
			sqlite3_bind_double(st, idx, d);
			return;
		}
	}
	db_bind_text(st, idx, v);
}

char *
db_col_text(sqlite3_stmt *st, int col)
{
	const unsigned char *s = sqlite3_column_text(st, col);

	return s != NULL ? xstrdup((const char *)s) : NULL;
}

char *
db_now(void)
{
	char buf[DATE_STAMP_LEN];

	date_stamp(buf);
	return xstrdup(buf);
}

/* The 36-character text of 16 bytes, with dashes after bytes 4, 6, 8 and 10. */
static char *
db_uuid_text(const unsigned char *b)
{
	static const char hex[] = "0123456789abcdef";
	char *out = xmalloc(37), *p = out;
	int i;

	for (i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			*p++ = '-';
		*p++ = hex[b[i] >> 4];
		*p++ = hex[b[i] & 15];
	}
	*p = '\0';
	return out;
}

/*
 * A version 7 UUID: 48 bits of Unix time in milliseconds, then random bits.
 * New rows' uuids then sort after older ones, so the unique index on uuid
 * grows at its end instead of at random pages (which, in a database larger
 * than the page cache, made every insert read from disk).
 */
char *
db_uuid(void)
{
	unsigned char b[16];
	uint64_t ms = date_clock_ms();
	int i;

	sqlite3_randomness(sizeof b, b);
	for (i = 0; i < 6; i++)
		b[i] = (unsigned char)(ms >> (40 - 8 * i));
	b[6] = (unsigned char)((b[6] & 0x0f) | 0x70);
	b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);
	return db_uuid_text(b);
}

static void
db_nap(int attempt)
{
	struct timespec ts = { 0, (long)(20 + 30 * attempt) * 1000000L };

	nanosleep(&ts, NULL);
}

/* One attempt: BEGIN IMMEDIATE, fn, COMMIT; rolled back on any failure. */
static enum db_status
db_tx_once(struct db *db, db_tx_fn fn, void *arg, char **err)
{
	enum db_status st;

	db->busy = false;
	st = db_exec(db, "BEGIN IMMEDIATE", err);
	if (st != DB_OK)
		return st;
	st = fn(db, arg, err);
	if (st == DB_OK)
		st = db_exec(db, "COMMIT", err);
	if (st != DB_OK && !sqlite3_get_autocommit(db->sql))
		sqlite3_exec(db->sql, "ROLLBACK", NULL, NULL, NULL);
	return st;
}

enum db_status
db_tx(struct db *db, db_tx_fn fn, void *arg, char **err)
{
	enum db_status st;
	int attempt;

	if (db->bulk)
		return db_bulk_tx(db, fn, arg, err);
	if ((st = db_writable(db, err)) != DB_OK)
		return st;
	for (attempt = 0;; attempt++) {
		st = db_tx_once(db, fn, arg, err);
		if (st != DB_OK && (db->damaged || db->readonly))
			return db_writable(db, err);	/* found out by this write */
		if (st == DB_OK && attempt > 0 && err != NULL)
			xfree(err);	/* the message of a busy attempt */
		if (st == DB_OK || !db->busy)
			return st;
		if (attempt == DB_RETRIES) {
			db_seterr(err, _("%s: the database stayed busy; try again"), db->path);
			return DB_ERROR;
		}
		db_nap(attempt);
	}
}

/*
 * SQLite's own busy wait sleeps 1, 2, 5, 10, ... then 100 ms between tries,
 * so a save queued behind others waits on long after the lock is free (16
 * people saving at once: the slowest save 730 ms). This one tries again
 * every millisecond, for busy_ms tries.
 */
static int
db_busy_wait(void *arg, int tries)
{
	const struct db *db = arg;
	struct timespec ts = { 0, 1000000L };

	if (tries >= db->busy_ms)
		return 0;
	nanosleep(&ts, NULL);
	return 1;
}

void
db_set_busy_timeout(struct db *db, int ms)
{
	db->busy_ms = ms;
	sqlite3_busy_handler(db->sql, db_busy_wait, db);
}

void
db_set_user(struct db *db, const char *user)
{
	free(db->user);
	db->user = xstrdup0(user);
}

const char *
db_user(const struct db *db)
{
	return db->user;
}

const struct form_set *
db_forms(const struct db *db)
{
	return db->forms;
}

/* A pragma that answers one value; *out receives it as text (malloc'd). */
static enum db_status
db_pragma(struct db *db, const char *sql, char **out, char **err)
{
	sqlite3_stmt *st = db_prep(db, sql, err);
	int rc;

	*out = NULL;
	if (st == NULL)
		return DB_ERROR;
	while ((rc = db_step(db, st)) == SQLITE_ROW)
		if (*out == NULL)
			*out = db_col_text(st, 0);
	db_finish(db, st);
	if (rc != SQLITE_DONE)
		return db_sqlerr(db, err);
	return DB_OK;
}

static enum db_status
db_user_version(struct db *db, int *v, char **err)
{
	char *s;
	enum db_status st = db_pragma(db, "PRAGMA user_version", &s, err);

	*v = s != NULL ? atoi(s) : 0;
	free(s);
	return st;
}

static enum db_status
db_migrate_tx(struct db *db, void *arg, char **err)
{
	enum db_status st;
	char *sql, now[DATE_STAMP_LEN];
	int v, i;

	(void)arg;
	if ((st = db_user_version(db, &v, err)) != DB_OK)
		return st;
	if (v > DB_NMIGRATIONS)
		return DB_TOONEW;
	if (v == 0 && (st = db_exec(db, "CREATE TABLE IF NOT EXISTS schema_migrations"
	    " (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)", err)) != DB_OK)
		return st;
	date_stamp(now);
	for (i = v; i < DB_NMIGRATIONS; i++) {
		if ((st = db_exec(db, db_migrations[i], err)) != DB_OK)
			return st;
		sql = xasprintf("INSERT INTO schema_migrations VALUES (%d, '%s');"
		    "PRAGMA user_version = %d", i + 1, now, i + 1);
		st = db_exec(db, sql, err);
		free(sql);
		if (st != DB_OK)
			return st;
	}
	return DB_OK;
}

static enum db_status
db_toonew(struct db *db, int v, char **err)
{
	db_seterr(err, _("%s: database schema %d is newer than this program (%d); "
	    "update avrr"), db->path, v, DB_NMIGRATIONS);
	return DB_TOONEW;
}

static enum db_status
db_migrate(struct db *db, char **err)
{
	enum db_status st;
	int v;

	if ((st = db_user_version(db, &v, err)) != DB_OK)
		return st;
	if (v > DB_NMIGRATIONS)
		return db_toonew(db, v, err);
	if (v == DB_NMIGRATIONS)
		return DB_OK;
	st = db_tx(db, db_migrate_tx, NULL, err);
	if (st == DB_TOONEW) {
		db_user_version(db, &v, NULL);
		return db_toonew(db, v, err);
	}
	return st;
}

/* init and demo only: WAL is a property of the file, set once. */
static enum db_status
db_set_wal(struct db *db, char **err)
{
	enum db_status st;
	char *mode = NULL;

	st = db_pragma(db, "PRAGMA journal_mode", &mode, err);
	if (st == DB_OK && !str_eq(mode, "wal")) {
		free(mode);
		st = db_pragma(db, "PRAGMA journal_mode = WAL", &mode, err);
	}
	if (st == DB_OK && !str_eq(mode, "wal")) {
		db_seterr(err, _("%s: cannot switch the database to WAL mode (%s)"),
		    db->path, mode != NULL ? mode : "?");
		st = DB_ERROR;
	}
	free(mode);
	return st;
}

void
db_lib_setup(void)
{
	static bool done;

	/* Before SQLite starts: no counting of every allocation under a global
	 * lock (a tenth of the locking a save does). Once the library has
	 * started this is refused, harmlessly. */
	if (!done)
		sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	done = true;
}

/*
 * init and demo make the file themselves, 0660 whatever the umask (fchmod:
 * the group shares it, nobody else reads it); SQLite gives its -wal and -shm
 * files the database file's mode. Nothing holds a lock yet, so closing this
 * descriptor drops none.
 */
static enum db_status
db_open_make(struct db *db, char **err)
{
	int fd = open(db->path, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
	    DB_FILE_MODE);

	if (fd < 0 && errno == EEXIST)
		return DB_OK;	/* made meanwhile: SQLite opens it as it is */
	if (fd < 0 || fchmod(fd, DB_FILE_MODE) != 0) {
		db_seterr(err, "%s: %s", db->path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return DB_ERROR;
	}
	close(fd);
	return DB_OK;
}

/* init on an existing file: what others could read or write is taken away
 * (a database made before init set the modes); nothing is ever added. */
static void
db_open_tighten(struct db *db, const struct stat *sb)
{
	if ((sb->st_mode & 0007) != 0 && sb->st_uid == geteuid())
		chmod(db->path, sb->st_mode & 07770);
}

/* What stat() can tell before SQLite touches the file. */
static enum db_status
db_open_stat(struct db *db, enum db_open_mode mode, char **err)
{
	struct stat sb;

	if (stat(db->path, &sb) != 0) {
		if (errno == ENOENT && mode != DB_OPEN_READ)
			return db_open_make(db, err);	/* init and demo make it */
		db_seterr(err, _("%s: no database here (%s); create one with 'avrr init'"),
		    db->path, strerror(errno));
		return DB_ERROR;
	}
	if (!S_ISREG(sb.st_mode)) {
		db_seterr(err, _("%s: not a file, so not an avrr database"), db->path);
		return DB_ERROR;
	}
	if (mode == DB_OPEN_INIT)
		db_open_tighten(db, &sb);
	if (sb.st_size == 0 && mode == DB_OPEN_READ) {
		db_seterr(err, _("%s: an empty file, not an avrr database; create one with "
		    "'avrr init'"), db->path);
		return DB_ERROR;
	}
	return DB_OK;
}

static enum db_status
db_open_file(struct db *db, enum db_open_mode mode, char **err)
{
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;

	if (mode != DB_OPEN_READ)
		flags |= SQLITE_OPEN_CREATE;
	db_lib_setup();
	if (sqlite3_open_v2(db->path, &db->sql, flags, NULL) != SQLITE_OK) {
		if (db->sql == NULL) {
			db_seterr(err, "%s: %s", db->path, _("out of memory"));
			return DB_ERROR;
		}
		return db_sqlerr(db, err);
	}
	sqlite3_extended_result_codes(db->sql, 1);
	/* No temporary file ever holds a sorted or indexed copy of records. */
	sqlite3_exec(db->sql, "PRAGMA temp_store = MEMORY", NULL, NULL, NULL);
	db_set_busy_timeout(db, DB_BUSY_MS);
	/* SQLite opens a file it may not write read-only, without a word. */
	db->readonly = sqlite3_db_readonly(db->sql, "main") == 1;
	return DB_OK;
}

/* Settings of this connection only, once the file is known to be avrr's. */
static enum db_status
db_open_settings(struct db *db, char **err)
{
	return db_exec(db, "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;"
	    " PRAGMA temp_store = MEMORY", err);
}

/*
 * In a read-only directory or mount SQLite cannot make the -shm file a WAL
 * reader needs, and refuses even to read ("attempt to write a readonly
 * database"). Nobody can write such a database then, so it is read as
 * immutable; only when no -wal file holds commits not yet in the file.
 */
static bool
db_open_immutable(struct db *db)
{
	struct strbuf uri = STRBUF_INIT;
	char *wal = xasprintf("%s-wal", db->path);
	const char *p;
	bool ok = access(wal, F_OK) != 0;

	free(wal);
	if (!ok)
		return false;
	strbuf_puts(&uri, "file:");
	for (p = db->path; *p != '\0'; p++)
		if (strchr("?#%", *p) != NULL || (unsigned char)*p < 0x20)
			strbuf_printf(&uri, "%%%02X", (unsigned char)*p);
		else
			strbuf_putc(&uri, *p);
	strbuf_puts(&uri, "?immutable=1");
	sqlite3_close(db->sql);
	db->sql = NULL;
	ok = sqlite3_open_v2(uri.s, &db->sql, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI |
	    SQLITE_OPEN_NOMUTEX, NULL) == SQLITE_OK;
	strbuf_free(&uri);
	if (ok) {
		sqlite3_extended_result_codes(db->sql, 1);
		sqlite3_exec(db->sql, "PRAGMA temp_store = MEMORY", NULL, NULL, NULL);
		db->readonly = true;
	}
	return ok;
}

/* The first read failed for want of a -shm file (read-only directory, mount). */
static bool
db_open_cannot_read(struct db *db)
{
	int rc = sqlite3_extended_errcode(db->sql) & 0xff;

	return rc == SQLITE_READONLY || rc == SQLITE_CANTOPEN;
}

enum db_kind { DB_KIND_EMPTY, DB_KIND_AVRR, DB_KIND_OTHER };

static enum db_status
db_identify_err(struct db *db, char **err)
{
	if ((sqlite3_extended_errcode(db->sql) & 0xff) == SQLITE_NOTADB) {
		db_seterr(err, _("%s: not an SQLite file, so not an avrr database; nothing "
		    "was changed"), db->path);
		return DB_ERROR;
	}
	return db_sqlerr(db, err);
}

/* Reads what kind of file it is: no tables, avrr's (and its version), other. */
static enum db_status
db_identify(struct db *db, enum db_kind *kind, int *version, char **err)
{
	sqlite3_stmt *st;
	int rc;

	*kind = DB_KIND_OTHER;
	*version = 0;
	if (sqlite3_prepare_v2(db->sql, "SELECT (SELECT count(*) FROM sqlite_master),"
	    " (SELECT count(*) FROM sqlite_master WHERE type = 'table'"
	    " AND name = 'schema_migrations'), (SELECT user_version FROM pragma_user_version)",
	    -1, &st, NULL) != SQLITE_OK)
		return db_identify_err(db, err);
	rc = db_step(db, st);
	if (rc == SQLITE_ROW) {
		*version = sqlite3_column_int(st, 2);
		if (sqlite3_column_int(st, 0) == 0)
			*kind = DB_KIND_EMPTY;
		else if (sqlite3_column_int(st, 1) == 1 && *version > 0)
			*kind = DB_KIND_AVRR;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? DB_OK : db_identify_err(db, err);
}

static enum db_status
db_open_avrr(struct db *db, enum db_open_mode mode, int v, char **err)
{
	enum db_status st;

	if (v > DB_NMIGRATIONS)
		return db_toonew(db, v, err);
	if (v < DB_NMIGRATIONS && mode != DB_OPEN_INIT) {
		db_seterr(err, _("%s: database schema %d is older than this program (%d); "
		    "the administrator runs 'avrr init'"), db->path, v, DB_NMIGRATIONS);
		return DB_ERROR;
	}
	if (mode == DB_OPEN_READ)
		return DB_OK;
	if ((st = db_set_wal(db, err)) != DB_OK)
		return st;
	return db_migrate(db, err);
}

/* Opens the file and checks it is avrr's; makes or migrates it when allowed. */
static enum db_status
db_open_check(struct db *db, enum db_open_mode mode, char **err)
{
	enum db_status st;
	enum db_kind kind;
	int v;

	if ((st = db_open_stat(db, mode, err)) != DB_OK)
		return st;
	if ((st = db_open_file(db, mode, err)) != DB_OK)
		return st;
	st = db_identify(db, &kind, &v, err);
	if (st != DB_OK && mode == DB_OPEN_READ && db_open_cannot_read(db) &&
	    db_open_immutable(db) &&
	    (st = db_identify(db, &kind, &v, err)) == DB_OK && err != NULL)
		xfree(err);	/* the message of the first try */
	if (st != DB_OK)
		return st;
	if (kind != DB_KIND_OTHER && (st = db_open_settings(db, err)) != DB_OK)
		return st;
	if (kind == DB_KIND_AVRR)
		return db_open_avrr(db, mode, v, err);
	if (kind == DB_KIND_OTHER) {
		db_seterr(err, _("%s: another program's SQLite database, not avrr's; nothing "
		    "was changed"), db->path);
		return DB_ERROR;
	}
	if (mode == DB_OPEN_READ) {
		db_seterr(err, _("%s: an empty database, not an avrr one; create one with "
		    "'avrr init'"), db->path);
		return DB_ERROR;
	}
	db->created = true;
	if ((st = db_set_wal(db, err)) != DB_OK)
		return st;
	return db_migrate(db, err);
}

enum db_status
db_open(struct db **out, const char *path, enum db_open_mode mode, char **err)
{
	struct db *db = xcalloc(1, sizeof *db);
	enum db_status st;

	*out = NULL;
	db->path = xstrdup(path);
	db->user = xstrdup(getenv("USER") != NULL ? getenv("USER") : "unknown");
	st = db_open_check(db, mode, err);
	if (st != DB_OK) {
		db_close(db);
		return st;
	}
	*out = db;
	return DB_OK;
}

bool
db_created(const struct db *db)
{
	return db->created;
}

unsigned
db_state(const struct db *db)
{
	return (db->readonly ? DB_STATE_READONLY : 0u) | (db->damaged ? DB_STATE_DAMAGED : 0u) |
	    (db->ndiffer > 0 ? DB_STATE_FORMS_DIFFER : 0u);
}

char *
db_state_message(const struct db *db)
{
	struct strbuf sb = STRBUF_INIT;
	char *msg = NULL;
	size_t i;

	if (db->damaged)
		db_damaged_err(db, &msg);
	else if (db->readonly)
		db_readonly_err(db, &msg);
	if (msg != NULL || db->ndiffer == 0)
		return msg;
	for (i = 0; i < db->ndiffer; i++)
		strbuf_printf(&sb, "%s%s", i > 0 ? ", " : "", _(db->differ[i]->title));
	db_seterr(&msg, _("%s: these forms differ from the database's and cannot be saved "
	    "until the administrator runs 'avrr init': %s"), db->path, sb.s);
	strbuf_free(&sb);
	return msg;
}

void
db_close(struct db *db)
{
	if (db == NULL)
		return;
	db_keyed_forget(db);
	db_stmts_free(db);
	free(db->bulk_cases);
	db_audit_drop(db);
	free(db->audit_q);
	free(db->differ);
	sqlite3_close(db->sql);
	free(db->path);
	free(db->user);
	free(db);
}
