/*
 * cmd/purge: avrr purge [--dry-run] [--db FILE]: anonymises the closed cases
 * past the retention period (db/purge), or with --dry-run only lists them.
 */
#include "cmd/cmd.h"

#include <stdio.h>
#include <stdlib.h>

#include "db/purge.h"
#include "db/settings.h"
#include "util/tr.h"

static int
cmd_purge_fail(char *err, const char *path)
{
	cmd_error("%s", err != NULL ? err : path);
	free(err);
	return 1;
}

/* Anonymises every case of the list, then compacts the file. */
static int
cmd_purge_run(struct cmd_ctx *ctx, const struct db_purge_due *due, size_t n)
{
	char *err = NULL;
	size_t i;

	for (i = 0; i < n; i++) {
		if (db_purge_case(ctx->db, due[i].id, &err) != DB_OK)
			return cmd_purge_fail(err, ctx->db_path);
		printf(_("%s (closed on %s): anonymised\n"), due[i].case_no, due[i].closed_on);
	}
	if (n > 0 && db_purge_compact(ctx->db, &err) != DB_OK)
		return cmd_purge_fail(err, ctx->db_path);
	return 0;
}

int
cmd_purge(const struct cmd_args *a)
{
	struct cmd_ctx ctx = { .db_path = cmd_opt_get(a, "db") };
	bool dry = cmd_opt_get(a, "dry-run") != NULL;
	struct db_purge_due *due = NULL;
	char cutoff[11], *err = NULL;
	size_t n = 0, i;
	int rc;

	if ((rc = cmd_open(&ctx, DB_OPEN_READ)) != 0) {
		cmd_close(&ctx);
		return rc;
	}
	if ((rc = cmd_identity(&ctx, NULL)) != 0) {
		cmd_close(&ctx);
		return rc;
	}
	if (db_purge_list(ctx.db, &due, &n, cutoff, &err) != DB_OK)
		rc = cmd_purge_fail(err, ctx.db_path);
	else if (dry) {
		for (i = 0; i < n; i++)
			printf(_("%s (closed on %s): would be anonymised\n"), due[i].case_no,
			    due[i].closed_on);
	} else
		rc = cmd_purge_run(&ctx, due, n);
	if (rc == 0)
		printf(_("cases due for anonymisation: %zu (closed on or before %s, retention %d years)\n"),
		    n, cutoff,
		    db_setting_retention_years(ctx.db));
	db_purge_list_free(due, n);
	cmd_close(&ctx);
	return rc;
}
