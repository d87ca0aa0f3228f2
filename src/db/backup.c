/*
 * db/backup: the online backup API into a new file, then integrity_check.
 */
#include "db/backup.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db/internal.h"
#include "util/mem.h"
#include "util/str.h"
#include "util/tr.h"

#define DB_BACKUP_TRIES	200	/* 50 ms each while the source is locked */

/* Creates target, which must not exist yet (O_EXCL: no race with another). */
static enum db_status
db_backup_claim(const char *target, char **err)
{
	int fd = open(target, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

	if (fd >= 0) {
		close(fd);
		return DB_OK;
	}
	if (errno == EEXIST)
		db_seterr(err, _("%s: the file exists; a backup never overwrites one, name a "
		    "new file"), target);
	else
		db_seterr(err, "%s: %s", target, strerror(errno));
	return DB_ERROR;
}

static void
db_backup_remove(const char *target)
{
	static const char *const sides[] = { "", "-wal", "-shm", "-journal" };
	size_t i;
	char *p;

	for (i = 0; i < sizeof sides / sizeof sides[0]; i++) {
		p = xasprintf("%s%s", target, sides[i]);
		unlink(p);
		free(p);
	}
}

/* All pages in one step: one read transaction of the source, one moment. */
static enum db_status
db_backup_copy(struct db *db, sqlite3 *dst, const char *target, long *pages, char **err)
{
	sqlite3_backup *b = sqlite3_backup_init(dst, "main", db->sql, "main");
	int rc, tries = 0;

	if (b == NULL) {
		db_seterr(err, "%s: %s", target, sqlite3_errmsg(dst));
		return DB_ERROR;
	}
	do {
		rc = sqlite3_backup_step(b, -1);
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			sqlite3_sleep(50);
	} while ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && ++tries < DB_BACKUP_TRIES);
	*pages = sqlite3_backup_pagecount(b);
	sqlite3_backup_finish(b);
	if (rc == SQLITE_DONE)
		return DB_OK;
	db_note_rc(db, sqlite3_extended_errcode(db->sql));
	if (db->damaged)
		return db_sqlerr(db, err);
	db_seterr(err, "%s: %s", target, sqlite3_errstr(rc));
	return DB_ERROR;
}

/* One line: the first problem, after the "*** in database main ***" heading. */
static void
db_backup_first_line(char *s)
{
	char *nl;

	if (s == NULL)
		return;
	if (strncmp(s, "***", 3) == 0 && (nl = strchr(s, '\n')) != NULL)
		memmove(s, nl + 1, strlen(nl + 1) + 1);
	if ((nl = strchr(s, '\n')) != NULL)
		*nl = '\0';
}

/* PRAGMA integrity_check on the copy: one row "ok", or the first problem. */
static enum db_status
db_backup_check(sqlite3 *dst, const char *target, char **err)
{
	sqlite3_stmt *st;
	char *first = NULL;
	bool ok = false;
	int rc;

	if (sqlite3_prepare_v2(dst, "PRAGMA integrity_check", -1, &st, NULL) != SQLITE_OK) {
		db_seterr(err, _("%s: the copy fails SQLite's integrity check (%s); it was "
		    "removed"), target, sqlite3_errmsg(dst));
		return DB_ERROR;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (first == NULL && sqlite3_column_text(st, 0) != NULL)
			first = xstrdup((const char *)sqlite3_column_text(st, 0));
	ok = rc == SQLITE_DONE && str_eq(first, "ok");
	db_backup_first_line(first);
	if (!ok)
		db_seterr(err, _("%s: the copy fails SQLite's integrity check (%s); it was "
		    "removed"), target, first != NULL ? first : sqlite3_errmsg(dst));
	sqlite3_finalize(st);
	free(first);
	return ok ? DB_OK : DB_ERROR;
}

enum db_status
db_backup(struct db *db, const char *target, long *pages, char **err)
{
	sqlite3 *dst = NULL;
	enum db_status st;

	*pages = 0;
	if ((st = db_backup_claim(target, err)) != DB_OK)
		return st;
	if (sqlite3_open_v2(target, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
	    NULL) != SQLITE_OK) {
		db_seterr(err, "%s: %s", target, dst != NULL ? sqlite3_errmsg(dst) :
		    _("out of memory"));
		st = DB_ERROR;
	} else {
		sqlite3_extended_result_codes(dst, 1);
		/* the integrity check sorts: in memory, never in a temporary file */
		sqlite3_exec(dst, "PRAGMA temp_store = MEMORY", NULL, NULL, NULL);
		st = db_backup_copy(db, dst, target, pages, err);
		if (st == DB_OK)
			st = db_backup_check(dst, target, err);
	}
	sqlite3_close(dst);
	if (st != DB_OK)
		db_backup_remove(target);
	return st;
}
