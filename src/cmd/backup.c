/*
 * cmd/backup: avrr backup [--db FILE] TARGET: a consistent, checked copy of
 * the live database into a new file (db/backup). It needs no forms: it works
 * whatever the installation's forms are.
 */
#include <stdio.h>
#include <stdlib.h>

#include "cmd/cmd.h"
#include "db/backup.h"
#include "util/tr.h"

int
cmd_backup(const struct cmd_args *a)
{
	const char *path = cmd_opt_get(a, "db"), *target = a->operands[0];
	struct db *db = NULL;
	char *err = NULL;
	long pages = 0;

	if (path == NULL)
		path = db_default_path();
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
