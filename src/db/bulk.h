/*
 * db/bulk: one long write transaction for loading many records at once
 * (avrr demo, imports).
 *
 * Contract: db_bulk_begin() opens one BEGIN IMMEDIATE transaction (waiting
 * for other writers as long as they write, up to DB_BULK_WAIT_S), switches
 * synchronous to OFF and enlarges the page cache for its duration; until
 * db_bulk_commit() or db_bulk_abort(), every write of the db layer runs inside
 * it. A write that fails after it changed a row may leave part of itself in
 * the batch, so it spoils the batch: later writes fail at once and
 * db_bulk_commit() rolls everything back and reports it; one that fails
 * before changing anything (a refused rule, a conflict) leaves the batch as
 * it was, and the load goes on. db_bulk_commit() commits and restores the settings;
 * db_bulk_abort() rolls the whole batch back. Nothing is durable before the
 * commit returns. Not for interactive use: the write lock is held throughout.
 *
 * Rows of their own (a load that reports every refusal, as an import does):
 * db_bulk_row_begin() opens a savepoint for one row's writes; db_bulk_row_end()
 * keeps them, db_bulk_row_undo() takes back all of them (the case it made, its
 * records, their audit rows and search entries) and the batch is unspoilt
 * again, so the next row is checked and saved as if the row had not been.
 */
#ifndef DB_BULK_H
#define DB_BULK_H

#include "db/db.h"

#define DB_BULK_WAIT_S	1800	/* how long a bulk load waits for its turn */

enum db_status	db_bulk_begin(struct db *, char **err);
enum db_status	db_bulk_commit(struct db *, char **err);
void		db_bulk_abort(struct db *);
enum db_status	db_bulk_row_begin(struct db *, char **err);
void		db_bulk_row_end(struct db *);
void		db_bulk_row_undo(struct db *);

#endif
