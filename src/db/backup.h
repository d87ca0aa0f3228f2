/*
 * db/backup: a consistent copy of a live database (avrr backup).
 *
 * Contract: db_backup() copies the open database into target with SQLite's
 * online backup API in one step, which is one read transaction: the copy is
 * the database as it was at one moment, holding every row committed before
 * it, while other processes go on writing (in WAL a reader does not hold up
 * the writer). target must not exist: it is created (mode 0600, it holds
 * personal data) and an existing file is refused, never overwritten. The copy
 * is then checked with PRAGMA integrity_check; a copy that fails the check, or
 * any error on the way, is removed. *pages gets the copy's size in pages.
 * Copying the file any other way (cp of a live database) is not safe.
 */
#ifndef DB_BACKUP_H
#define DB_BACKUP_H

#include "db/db.h"

enum db_status	 db_backup(struct db *, const char *target, long *pages, char **err);

#endif
