/*
 * db/bulk: the long transaction of a bulk load. db_tx() hands its function to
 * db_bulk_tx() while a batch is open, which runs it inside the batch.
 */
#include "db/bulk.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "db/internal.h"
#include "util/date.h"
#include "util/mem.h"
#include "util/tr.h"

#define DB_BULK_CACHE_KB	65536	/* page cache while a batch is open */

/* An integer pragma's value; dflt when it cannot be read. */
static int
db_bulk_pragma(struct db *db, const char *sql, int dflt)
{
	sqlite3_stmt *s = db_prep(db, sql, NULL);
	int v = dflt;

	if (s == NULL)
		return dflt;
	if (db_step(db, s) == SQLITE_ROW)
		v = sqlite3_column_int(s, 0);
	db_finish(db, s);
	return v;
}

static void
db_bulk_settings(struct db *db, int sync, int cache)
{
	char sql[96];

	snprintf(sql, sizeof sql, "PRAGMA synchronous = %d; PRAGMA cache_size = %d", sync,
	    cache);
	sqlite3_exec(db->sql, sql, NULL, NULL, NULL);
}

/* Rolls the batch back and restores the settings (db->bulk already false). */
static void
db_bulk_abort_tx(struct db *db)
{
	db->nbulk_cases = 0;
	db->bulk_failed = false;
	db_audit_drop(db);
	if (!sqlite3_get_autocommit(db->sql))
		sqlite3_exec(db->sql, "ROLLBACK", NULL, NULL, NULL);
	db_bulk_settings(db, db->bulk_sync, db->bulk_cache);
}

/* BEGIN IMMEDIATE, waiting for the writers before this one to finish. */
static enum db_status
db_bulk_wait_turn(struct db *db, char **err)
{
	struct timespec nap = { 0, 50 * 1000000L };
	long start = date_elapsed();
	enum db_status st;

	for (;;) {
		db->busy = false;
		st = db_exec(db, "BEGIN IMMEDIATE", err);
		if (st == DB_OK || !db->busy)
			return st;
		if (date_elapsed() - start >= DB_BULK_WAIT_S) {
			db_seterr(err, _("%s: another program kept writing for %d minutes; try "
			    "again later"), db->path, DB_BULK_WAIT_S / 60);
			return DB_ERROR;
		}
		if (err != NULL)
			xfree(err);
		nanosleep(&nap, NULL);
	}
}

enum db_status
db_bulk_begin(struct db *db, char **err)
{
	enum db_status st;

	if (db->bulk) {
		db_seterr(err, _("%s: a bulk load is already open"), db->path);
		return DB_ERROR;
	}
	if ((st = db_writable(db, err)) != DB_OK)
		return st;
	db->bulk_sync = db_bulk_pragma(db, "PRAGMA synchronous", 2);
	db->bulk_cache = db_bulk_pragma(db, "PRAGMA cache_size", -2000);
	db_bulk_settings(db, 0, -DB_BULK_CACHE_KB);
	db->bulk_failed = false;
	st = db_bulk_wait_turn(db, err);
	if (st != DB_OK) {
		db_bulk_settings(db, db->bulk_sync, db->bulk_cache);
		return st;
	}
	db->bulk = true;
	return DB_OK;
}

enum db_status
db_bulk_commit(struct db *db, char **err)
{
	enum db_status st;

	if (!db->bulk) {
		db_seterr(err, _("%s: no bulk load is open"), db->path);
		return DB_ERROR;
	}
	db->bulk = false;
	if (db->bulk_failed) {
		db_bulk_abort_tx(db);
		db_seterr(err, _("%s: a write of this bulk load failed; nothing of it was "
		    "kept"), db->path);
		return DB_ERROR;
	}
	st = db_audit_flush(db, err);
	if (st == DB_OK)
		st = db_search_flush(db, err);
	if (st == DB_OK)
		st = db_exec(db, "COMMIT", err);
	if (st != DB_OK && !sqlite3_get_autocommit(db->sql))
		sqlite3_exec(db->sql, "ROLLBACK", NULL, NULL, NULL);
	db_bulk_settings(db, db->bulk_sync, db->bulk_cache);
	return st;
}

void
db_bulk_abort(struct db *db)
{
	if (!db->bulk)
		return;
	db->bulk = false;
	db_bulk_abort_tx(db);
}

enum db_status
db_bulk_row_begin(struct db *db, char **err)
{
	enum db_status st;

	if (!db->bulk || db->bulk_row) {
		db_seterr(err, _("%s: no bulk load is open"), db->path);
		return DB_ERROR;
	}
	if ((st = db_exec(db, "SAVEPOINT bulk_row", err)) != DB_OK)
		return st;
	db->bulk_row = true;
	db->bulk_row_naudit = db->naudit;
	db->bulk_row_cases = db->nbulk_cases;
	return DB_OK;
}

void
db_bulk_row_end(struct db *db)
{
	if (!db->bulk_row)
		return;
	db->bulk_row = false;
	if (db_exec(db, "RELEASE bulk_row", NULL) != DB_OK)
		db->bulk_failed = true;
}

void
db_bulk_row_undo(struct db *db)
{
	if (!db->bulk_row)
		return;
	db->bulk_row = false;
	if (db_exec(db, "ROLLBACK TO bulk_row", NULL) != DB_OK ||
	    db_exec(db, "RELEASE bulk_row", NULL) != DB_OK) {
		db->bulk_failed = true;	/* what it wrote may still be there */
		return;
	}
	db_audit_drop_since(db, db->bulk_row_naudit);
	db->nbulk_cases = db->bulk_row_cases;
	db->bulk_failed = false;
}

/*
 * A write inside the batch: no savepoint of its own (copying every page it
 * touched into a statement journal cost a tenth of a demo run). A write that
 * fails after it changed something may have left part of itself behind, so
 * it spoils the batch: the commit then refuses and rolls everything back. One
 * refused before any change (a rule, a conflict) leaves the batch as it was.
 */
enum db_status
db_bulk_tx(struct db *db, db_tx_fn fn, void *arg, char **err)
{
	sqlite3_int64 changes = sqlite3_total_changes64(db->sql);
	uint64_t audits = db->naudit;
	enum db_status st;

	if (db->bulk_failed) {
		db_seterr(err, _("%s: an earlier write of this bulk load failed"), db->path);
		return DB_ERROR;
	}
	db->busy = false;
	st = fn(db, arg, err);
	if (st != DB_OK && (sqlite3_total_changes64(db->sql) != changes ||
	    db->naudit != audits))
		db->bulk_failed = true;
	return st;
}
