/*
 * cmd/subject_export: avrr subject-export CASE [--db FILE] [--out FILE]:
 * everything held about the person of a case as one JSON document
 * (db/subject), on the standard output or into a new file only its owner
 * may read.
 */
#include "cmd/cmd.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db/subject.h"
#include "util/str.h"
#include "util/tr.h"

int
cmd_subject_export(const struct cmd_args *a)
{
	struct cmd_ctx ctx = { .db_path = cmd_opt_get(a, "db") };
	const char *out = cmd_opt_get(a, "out");
	struct strbuf sb = STRBUF_INIT;
	char *err = NULL;
	int rc;

	if ((rc = cmd_open(&ctx, DB_OPEN_READ)) != 0) {
		cmd_close(&ctx);
		return rc;
	}
	if ((rc = cmd_identity(&ctx, NULL)) != 0) {
		cmd_close(&ctx);
		return rc;
	}
	if (db_subject_export(ctx.db, a->operands[0], &sb, &err) != DB_OK) {
		cmd_error("%s", err != NULL ? err : ctx.db_path);
		rc = 1;
	} else if (out != NULL)
		rc = cmd_write_new(out, strbuf_str(&sb), sb.len);
	else if (fwrite(strbuf_str(&sb), 1, sb.len, stdout) != sb.len || fflush(stdout) != 0)
		rc = 1;
	free(err);
	strbuf_free(&sb);
	cmd_close(&ctx);
	return rc;
}
