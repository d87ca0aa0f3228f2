/*
 * cmd/init: avrr init [--db FILE]: creates the database, or brings an
 * existing one up to date (core migrations, form tables, search index).
 */
#include <stdio.h>
#include <stdlib.h>

#include "cmd/cmd.h"
#include "db/search.h"
#include "util/tr.h"

int
cmd_init(const struct cmd_args *a)
{
	struct cmd_ctx ctx = { .db_path = cmd_opt_get(a, "db") };
	char *err = NULL;
	int rc;

	rc = cmd_open(&ctx, DB_OPEN_INIT);
	if (rc == 0 && db_search_rebuild(ctx.db, &err) != DB_OK) {
		cmd_error("%s", err != NULL ? err : ctx.db_path);
		rc = 1;
	}
	if (rc == 0)
		printf(_("database ready: %s (schema %d, %zu forms)\n"), ctx.db_path,
		    db_schema_version(), ctx.forms->nforms);
	free(err);
	cmd_close(&ctx);
	return rc;
}
