/*
 * cmd/user: `avrr user list` and `avrr user role NAME ROLE` (also `add`):
 * who may approve plans and reopen closed cases is a matter of roles.
 * The program's user name is the Unix account (or --user / $AVRR_USER).
 */
#include "cmd/cmd.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/users.h"
#include "util/tr.h"

static int
cmd_user_list(struct cmd_ctx *ctx)
{
	struct db_user_row *rows = NULL;
	char *err = NULL;
	size_t n = 0, i;

	if (db_users_list(ctx->db, &rows, &n, &err) != DB_OK) {
		cmd_error("%s", err != NULL ? err : ctx->db_path);
		free(err);
		return 1;
	}
	for (i = 0; i < n; i++)
		printf("%-20s %s\n", rows[i].name, _(db_users_role_name(rows[i].role)));
	db_users_free(rows, n);
	return 0;
}

static int
cmd_user_role(struct cmd_ctx *ctx, const char *name, const char *role)
{
	char *err = NULL;

	if (db_users_set(ctx->db, name, role, &err) != DB_OK) {
		cmd_error("%s", err != NULL ? err : name);
		free(err);
		return 1;
	}
	printf("%s: %s\n", name, _(db_users_role_name(role)));
	return 0;
}

int
cmd_user(int argc, char **argv)
{
	struct cmd_ctx ctx = { 0 };
	int i = 1, rc;

	if (cmd_wants_help(argc, argv, "user"))
		return 0;
	if (i + 1 < argc && strcmp(argv[i], "--db") == 0) {
		ctx.db_path = argv[i + 1];
		i += 2;
	}
	if (i >= argc || !((strcmp(argv[i], "list") == 0 && i + 1 == argc) ||
	    ((strcmp(argv[i], "role") == 0 || strcmp(argv[i], "add") == 0) && i + 3 == argc)))
		return cmd_usage("user");
	if ((rc = cmd_open(&ctx, DB_OPEN_READ)) != 0) {
		cmd_close(&ctx);
		return rc;
	}
	db_set_user(ctx.db, cmd_user_name());
	rc = strcmp(argv[i], "list") == 0 ? cmd_user_list(&ctx) :
	    cmd_user_role(&ctx, argv[i + 1], argv[i + 2]);
	cmd_close(&ctx);
	return rc;
}
