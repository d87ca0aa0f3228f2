/*
 * cmd/backup: avrr backup [--db FILE] TARGET: a consistent, checked copy of
 * the live database into a new file (db/backup). It needs no forms: it works
 * whatever the installation's forms are. A hardened avrr (cmd/secure: the
 * set-group-ID one of a shared server) copies only into the database's own
 * folder, which the group keeps from its users: a copy elsewhere would be a
 * file its user owns and reads, a way round the program.
 */
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "cmd/secure.h"
#include "db/backup.h"
#include "util/mem.h"
#include "util/str.h"
#include "util/tr.h"

/* The folder a file is (or would be) in, resolved; NULL when it is none. */
static char *
cmd_backup_dir(const char *file)
{
	char *copy = xstrdup(file), *dir = realpath(dirname(copy), NULL);

	free(copy);
	return dir;
}

/* Hardened: the target must be beside the database. */
static bool
cmd_backup_place_ok(const char *path, const char *target)
{
	char *want, *got;
	bool ok;

	if (!cmd_secure_active())
		return true;
	want = cmd_backup_dir(path);
	got = cmd_backup_dir(target);
	ok = want != NULL && got != NULL && str_eq(want, got);
	if (!ok)
		cmd_error(_("%s: this avrr copies the database only into its own folder (%s), "
		    "where the group keeps it"), target, want != NULL ? want : path);
	free(want);
	free(got);
	return ok;
}

int
cmd_backup(const struct cmd_args *a)
{
	const char *path = cmd_opt_get(a, "db"), *target = a->operands[0];
	struct db *db = NULL;
	char *err = NULL;
	long pages = 0;

	if (path == NULL)
		path = db_default_path();
	if (!cmd_backup_place_ok(path, target))
		return 1;
	if (db_open(&db, path, DB_OPEN_READ, &err) == DB_OK &&
	    db_backup(db, target, &pages, &err) == DB_OK) {
		printf(_("%s: copied to %s (%ld pages); the copy passed the integrity check\n"),
		    path, target, pages);
		db_close(db);
		return 0;
	}
	cmd_error("%s", err != NULL ? err : path);
	free(err);
	db_close(db);
	return 1;
}
