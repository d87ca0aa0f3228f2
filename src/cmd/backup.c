/*
 * cmd/backup: avrr backup [--db FILE] TARGET: a consistent, checked copy of
 * the live database into a new file (db/backup). It needs no forms: it works
 * whatever the installation's forms are.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "db/backup.h"
#include "util/tr.h"

static int
cmd_backup_args(int argc, char **argv, const char **db, const char **target)
{
	int i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--db") == 0 && i + 1 < argc)
			*db = argv[++i];
		else if (strncmp(argv[i], "--db=", 5) == 0 && argv[i][5] != '\0')
			*db = argv[i] + 5;
		else if (argv[i][0] != '-' && *target == NULL)
			*target = argv[i];
		else {
			cmd_error(_("unexpected argument '%s'"), argv[i]);
			return 2;
		}
	}
	if (*target == NULL) {
		cmd_error("%s", _("name the file to copy the database into"));
		return 2;
	}
	return 0;
}

int
cmd_backup(int argc, char **argv)
{
	const char *path = NULL, *target = NULL;
	struct db *db = NULL;
	char *err = NULL;
	long pages = 0;

	if (cmd_wants_help(argc, argv, "backup"))
		return 0;
	if (cmd_backup_args(argc, argv, &path, &target) != 0)
		return cmd_usage("backup");
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
