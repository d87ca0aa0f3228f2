/*
 * db/bulk: the long transaction of a bulk load. db_tx() hands its function to
 * db_bulk_tx() while a batch is open; a savepoint stands in for the
 * transaction a write would otherwise have of its own.
 */
#include "db/bulk.h"

#include <stdio.h>
#include <stdlib.h>

#include "db/internal.h"
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

enum db_status
db_bulk_begin(struct db *db, char **err)
{
	enum db_status st;

	if (db->bulk) {
		db_seterr(err, _("%s: a bulk load is already open"), db->path);
		return DB_ERROR;
	}
	db->bulk_sync = db_bulk_pragma(db, "PRAGMA synchronous", 2);
	db->bulk_cache = db_bulk_pragma(db, "PRAGMA cache_size", -2000);
	db_bulk_settings(db, 0, -DB_BULK_CACHE_KB);
	db->busy = false;
	st = db_exec(db, "BEGIN IMMEDIATE", err);
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
	db->nbulk_cases = 0;
	if (!sqlite3_get_autocommit(db->sql))
		sqlite3_exec(db->sql, "ROLLBACK", NULL, NULL, NULL);
	db_bulk_settings(db, db->bulk_sync, db->bulk_cache);
}

/* One cached statement run to its end (a savepoint is taken for every write
 * of a batch: parsing it each time cost more than the write). */
static enum db_status
db_bulk_run(struct db *db, const char *sql, char **err)
{
	sqlite3_stmt *s = db_prep(db, sql, err);
	int rc;

	if (s == NULL)
		return DB_ERROR;
	rc = db_step(db, s);
	db_finish(db, s);
	return rc == SQLITE_DONE ? DB_OK : db_sqlerr(db, err);
}

enum db_status
db_bulk_tx(struct db *db, db_tx_fn fn, void *arg, char **err)
{
	enum db_status st;

	db->busy = false;
	if ((st = db_bulk_run(db, "SAVEPOINT db_bulk", err)) != DB_OK)
		return st;
	st = fn(db, arg, err);
	if (st != DB_OK)
		db_bulk_run(db, "ROLLBACK TO db_bulk", NULL);
	db_bulk_run(db, "RELEASE db_bulk", NULL);
	return st;
}
