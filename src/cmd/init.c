/*
 * cmd/init: avrr init [--db FILE]: creates the database, or brings an
 * existing one up to date (core migrations, form tables, search index).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "db/search.h"
#include "util/tr.h"

static int
cmd_init_args(int argc, char **argv, struct cmd_ctx *ctx)
{
	int i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--db") == 0 && i + 1 < argc)
			ctx->db_path = argv[++i];
		else if (strncmp(argv[i], "--db=", 5) == 0 && argv[i][5] != '\0')
			ctx->db_path = argv[i] + 5;
		else
			return -1;
	}
	return 0;
}

int
cmd_init(int argc, char **argv)
{
	struct cmd_ctx ctx = { 0 };
	char *err = NULL;
	int rc;

	if (cmd_wants_help(argc, argv, "init"))
		return 0;
	if (cmd_init_args(argc, argv, &ctx) != 0)
		return cmd_usage("init");
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
