/*
 * cmd/init: avrr init [--db FILE] [--test]: creates the database, or brings
 * an existing one up to date (core migrations, form tables, search index).
 * A database without an administrator gets its first one: the Unix account
 * running init, whose password it asks for. --test marks a new database as a
 * test database (README "Who is who"); there the first administrator is
 * $AVRR_USER (else the Unix account) and has no password.
 */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>

#include "cmd/cmd.h"
#include "db/search.h"
#include "db/users.h"
#include "util/str.h"
#include "util/tr.h"

/* The test mark: on the database init has just made only. */
static int
cmd_init_test(struct cmd_ctx *ctx, bool test)
{
	char *err = NULL;

	if (!test || db_users_test_db(ctx->db))
		return 0;
	if (!db_created(ctx->db)) {
		cmd_error(_("%s: --test marks only a new database"), ctx->db_path);
		return 1;
	}
	if (db_users_mark_test(ctx->db, &err) == DB_OK)
		return 0;
	cmd_error("%s", err != NULL ? err : ctx->db_path);
	free(err);
	return 1;
}

/* The first administrator, when the database has none. */
static int
cmd_init_admin(struct cmd_ctx *ctx)
{
	bool test = db_users_test_db(ctx->db);
	const char *env = getenv("AVRR_USER");
	const char *name = test && !str_empty(env) ? env : cmd_unix_account();
	char pw[DB_USERS_PW_MAX + 2], *err = NULL;
	enum db_status st;

	if (db_users_have_admin(ctx->db))
		return 0;
	if (!test && !cmd_password_new(name, pw, sizeof pw))
		return 1;
	db_set_user(ctx->db, name);
	st = db_users_add(ctx->db, name, "admin", test ? NULL : cmd_unix_account(),
	    test ? NULL : pw, &err);
	sodium_memzero(pw, sizeof pw);
	if (st != DB_OK) {
		cmd_error("%s", err != NULL ? err : name);
		free(err);
		return 1;
	}
	printf(_("%s is the administrator of %s\n"), name, ctx->db_path);
	return 0;
}

int
cmd_init(const struct cmd_args *a)
{
	struct cmd_ctx ctx = { .db_path = cmd_opt_get(a, "db") };
	char *err = NULL;
	int rc;

	rc = cmd_open(&ctx, DB_OPEN_INIT);
	if (rc == 0)
		rc = cmd_init_test(&ctx, cmd_opt_get(a, "test") != NULL);
	if (rc == 0 && db_search_rebuild(ctx.db, &err) != DB_OK) {
		cmd_error("%s", err != NULL ? err : ctx.db_path);
		rc = 1;
	}
	if (rc == 0)
		rc = cmd_init_admin(&ctx);
	if (rc == 0)
		printf(_("database ready: %s (schema %d, %zu forms)\n"), ctx.db_path,
		    db_schema_version(), ctx.forms->nforms);
	free(err);
	cmd_close(&ctx);
	return rc;
}
