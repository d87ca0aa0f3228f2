/*
 * cmd/audit: `avrr audit [--user U] [--case C] [--from DATE] [--to DATE]`
 * lists audit rows, one a line; `avrr audit verify` checks the hash chain and
 * every record against its latest audit row, naming the first fault (exit 1).
 * Every stored text passes utf8_sanitize() before it is printed.
 */
#include "cmd/cmd.h"

#include <stdio.h>
#include <stdlib.h>

#include "db/audit.h"
#include "util/date.h"
#include "util/mem.h"
#include "util/str.h"
#include "util/tr.h"
#include "util/utf8.h"

#define CMD_AUDIT_SUMMARY	60	/* columns of the changes on a line */

/* One stored text made harmless and at most cols columns (0: any). */
static char *
cmd_audit_safe(const char *s, int cols)
{
	char *clean = utf8_sanitize(s != NULL ? s : "-"), *t;

	if (cols <= 0 || utf8_width(clean) <= cols)
		return clean;
	t = utf8_truncate(clean, cols);
	free(clean);
	return t;
}

static void
cmd_audit_line(const struct db_audit_entry *e)
{
	char *at = cmd_audit_safe(e->at, 0), *user = cmd_audit_safe(e->user, 0);
	char *act = cmd_audit_safe(e->action, 0);
	char *what = e->tbl != NULL ? xasprintf("%s %lld", e->tbl, (long long)e->row_id) :
	    xstrdup("-");
	char *where = cmd_audit_safe(what, 0);
	char *cno = cmd_audit_safe(e->case_no != NULL ? e->case_no : "-", 0);
	char *sum = cmd_audit_safe(e->summary != NULL ? e->summary : "", CMD_AUDIT_SUMMARY);

	printf("%6lld  %s  %-12s %-7s %-20s %-12s %s\n", (long long)e->id, at, user, act,
	    where, cno, sum);
	free(at);
	free(user);
	free(act);
	free(what);
	free(where);
	free(cno);
	free(sum);
}

static int
cmd_audit_list(struct cmd_ctx *ctx, const struct db_audit_filter *f)
{
	struct db_audit_entry *e = NULL;
	char *err = NULL;
	size_t n = 0, i;

	if (db_audit_list(ctx->db, f, &e, &n, &err) != DB_OK) {
		cmd_error("%s", err != NULL ? err : ctx->db_path);
		free(err);
		return 1;
	}
	for (i = 0; i < n; i++)
		cmd_audit_line(&e[i]);
	db_audit_entries_free(e, n);
	return 0;
}

static int
cmd_audit_verify(struct cmd_ctx *ctx)
{
	struct db_audit_report rep;
	char *err = NULL;
	int rc = 0;

	if (db_audit_verify(ctx->db, &rep, &err) != DB_OK) {
		cmd_error("%s", err != NULL ? err : ctx->db_path);
		free(err);
		return 1;
	}
	if (rep.bad != NULL) {
		cmd_error("%s", rep.bad);
		rc = 1;
	} else {
		printf(_("audit: %llu rows in an unbroken chain, %llu records match their "
		    "audit\n"), (unsigned long long)rep.rows, (unsigned long long)rep.records);
		if (rep.prechain > 0 || rep.unverified > 0)
			printf(_("not verified: %llu audit rows and %llu records written before "
			    "the chain began\n"), (unsigned long long)rep.prechain,
			    (unsigned long long)rep.unverified);
		if (rep.redacted > 0)
			printf(_("erased by the purge: the changes of %llu audit rows\n"),
			    (unsigned long long)rep.redacted);
		if (rep.head_id > 0)
			printf(_("last row %lld, hash %s\n"), (long long)rep.head_id, rep.head);
	}
	db_audit_report_clear(&rep);
	return rc;
}

/* A date or a date and time, as the audit stores them. */
static bool
cmd_audit_when(const char *s)
{
	struct date d;
	struct date_time t;

	return s == NULL || date_parse_iso(s, &d) || date_time_parse_iso(s, &t);
}

int
cmd_audit(const struct cmd_args *a)
{
	struct cmd_ctx ctx = { .db_path = cmd_opt_get(a, "db") };
	struct db_audit_filter f = { .user = cmd_opt_get(a, "user"),
	    .case_no = cmd_opt_get(a, "case"), .from = cmd_opt_get(a, "from"),
	    .to = cmd_opt_get(a, "to") };
	bool verify = a->noperands == 1;
	int rc;

	if (verify && !str_eq(a->operands[0], "verify"))
		return cmd_opt_error(a->spec, _("unknown subcommand '%s'"), a->operands[0]);
	if (!cmd_audit_when(f.from) || !cmd_audit_when(f.to))
		return cmd_opt_error(a->spec, _("'%s' is not a date (YYYY-MM-DD)"),
		    cmd_audit_when(f.from) ? f.to : f.from);
	if ((rc = cmd_open(&ctx, DB_OPEN_READ)) != 0) {
		cmd_close(&ctx);
		return rc;
	}
	if ((rc = cmd_identity(&ctx, NULL)) != 0) {
		cmd_close(&ctx);
		return rc;
	}
	rc = verify ? cmd_audit_verify(&ctx) : cmd_audit_list(&ctx, &f);
	cmd_close(&ctx);
	return rc;
}
