/*
 * cmd/demo: avrr demo [--db FILE] [--cases N] [--seed S]: the values of --cases
 * and --seed, and what the generator (src/demo) did, printed. A database it
 * makes is a test database (README "Who is who"); the first demo user of each
 * role gets a random password, shown only on the terminal that made it.
 */
#include "cmd/cmd.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sodium.h>
#include <string.h>
#include <unistd.h>

#include "db/users.h"
#include "demo/demo.h"
#include "util/str.h"
#include "util/tr.h"

#define CMD_DEMO_CASES	200

/* A positive integer, all of the text; false otherwise. */
static bool
cmd_demo_number(const char *s, long *out)
{
	char *end;
	long v;

	if (s == NULL || *s < '0' || *s > '9')
		return false;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || *end != '\0')
		return false;
	*out = v;
	return true;
}

/* --cases and --seed, when given; 0, or 2 after a usage message. */
static int
cmd_demo_args(const struct cmd_args *a, long *cases, long *seed)
{
	const char *v;

	if ((v = cmd_opt_get(a, "cases")) != NULL && (!cmd_demo_number(v, cases) || *cases <= 0))
		return cmd_opt_error(a->spec, _("--cases: '%s' is not a positive whole number"), v);
	if ((v = cmd_opt_get(a, "seed")) != NULL && !cmd_demo_number(v, seed))
		return cmd_opt_error(a->spec, _("--seed: '%s' is not a whole number"), v);
	return 0;
}

#define CMD_DEMO_PW	10	/* characters of a demo password */

/* A random password of letters and digits that cannot be mistaken for each other. */
static void
cmd_demo_password(char out[CMD_DEMO_PW + 2])
{
	static const char abc[] = "abcdefghjkmnpqrstuvwxyz23456789";
	size_t i, k = 0;

	for (i = 0; i < CMD_DEMO_PW; i++) {
		if (i == CMD_DEMO_PW / 2)
			out[k++] = '-';
		out[k++] = abc[randombytes_uniform(sizeof abc - 1)];
	}
	out[k] = '\0';
}

/* The first user of each role gets a random password, printed to the
 * terminal that made the database (and nowhere else). */
static int
cmd_demo_passwords(struct cmd_ctx *ctx)
{
	struct db_user_row *rows = NULL;
	char pw[CMD_DEMO_PW + 2], *err = NULL;
	bool tty = isatty(STDOUT_FILENO);
	size_t n = 0, i, k;
	int rc = 0;

	if (sodium_init() < 0 || db_users_list(ctx->db, &rows, &n, &err) != DB_OK)
		rc = 1;
	for (i = 0; i < n && rc == 0; i++)
		if (str_eq(rows[i].role, "admin"))
			db_set_user(ctx->db, rows[i].name);
	if (rc == 0)
		printf("%s\n", tty ? _("demo users (each logs in with --user NAME and the "
		    "password; shown only now):") : _("demo users (their passwords are "
		    "shown only on a terminal):"));
	for (i = 0; i < n && rc == 0; i++) {
		for (k = 0; k < i && !str_eq(rows[k].role, rows[i].role); k++)
			;
		if (k < i)
			continue;	/* not the first of its role */
		cmd_demo_password(pw);
		if (db_users_passwd(ctx->db, rows[i].name, pw, &err) != DB_OK)
			rc = 1;
		else
			printf("  %-12s %-24s %s\n", rows[i].name, _(db_users_role_name(rows[i].role)),
			    tty ? pw : "-");
		sodium_memzero(pw, sizeof pw);
	}
	if (rc != 0)
		cmd_error("%s", err != NULL ? err : ctx->db_path);
	free(err);
	db_users_free(rows, n);
	return rc;
}

int
cmd_demo(const struct cmd_args *a)
{
	struct cmd_ctx ctx = { .db_path = cmd_opt_get(a, "db") };
	struct demo_ctx dc;
	struct demo_stats stats = { 0 };
	long cases = CMD_DEMO_CASES, seed = 1;
	char *err = NULL;
	size_t i;
	int rc;

	if (cmd_demo_args(a, &cases, &seed) != 0)
		return 2;
	if ((rc = cmd_open(&ctx, DB_OPEN_CREATE)) != 0)
		return rc;
	if (db_created(ctx.db) && db_users_mark_test(ctx.db, &err) != DB_OK)
		rc = 1;
	dc = (struct demo_ctx){ .db = ctx.db, .forms = ctx.forms, .expr = ctx.expr };
	if (rc == 0)
		rc = demo_fill(&dc, cases, (unsigned long)seed, &stats, &err);
	for (i = 0; i < stats.nwarnings; i++)
		cmd_error("%s", stats.warnings[i]);
	if (rc != 0)
		cmd_error("%s", err != NULL ? err : ctx.db_path);
	else
		printf(_("%s: %ld cases, %ld records\n"), ctx.db_path, stats.cases,
		    stats.records);
	if (rc == 0 && db_created(ctx.db))
		rc = cmd_demo_passwords(&ctx);
	free(err);
	demo_stats_free(&stats);
	cmd_close(&ctx);
	return rc;
}
