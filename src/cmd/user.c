/*
 * cmd/user: `avrr user list` and `avrr user role NAME ROLE` (also `add`;
 * options before or after the subcommand): who may approve plans and reopen closed cases is a matter of roles.
 * The program's user name is the Unix account (or --user / $AVRR_USER).
 */
#include "cmd/cmd.h"

#include <stdio.h>
#include <stdlib.h>

#include "db/users.h"
#include "util/str.h"
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
cmd_user(const struct cmd_args *a)
{
	struct cmd_ctx ctx = { .db_path = cmd_opt_get(a, "db") };
	int rc;

	if ((rc = cmd_open(&ctx, DB_OPEN_READ)) != 0) {
		cmd_close(&ctx);
		return rc;
	}
	db_set_user(ctx.db, cmd_user_name());
	/* the parser has checked the subcommand and its operands (role and add: two) */
	rc = str_eq(a->sub->name, "list") ? cmd_user_list(&ctx) :
	    cmd_user_role(&ctx, a->operands[0], a->operands[1]);
	cmd_close(&ctx);
	return rc;
}
