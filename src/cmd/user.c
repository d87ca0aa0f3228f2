/*
 * cmd/user: `avrr user list|add|role|disable|passwd` (options before or after
 * the subcommand). The user acting is the one cmd_identity() finds; the data
 * layer (db/users) decides what they may do: an administrator manages users,
 * no one changes their own role, everyone sets their own password (after the
 * current one, when they have one).
 */
#include "cmd/cmd.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>

#include "db/users.h"
#include "util/str.h"
#include "util/tr.h"

struct cmd_user {
	struct cmd_ctx		 ctx;
	const struct cmd_args	*a;
};

static int
cmd_user_fail(char *err, const char *fallback)
{
	cmd_error("%s", err != NULL ? err : fallback);
	free(err);
	return 1;
}

static int
cmd_user_list(struct cmd_user *u)
{
	struct db_user_row *rows = NULL;
	char *err = NULL;
	size_t n = 0, i;

	if (db_users_list(u->ctx.db, &rows, &n, &err) != DB_OK)
		return cmd_user_fail(err, u->ctx.db_path);
	for (i = 0; i < n; i++)
		printf("%-20s %-24s %s%s\n", rows[i].name, _(db_users_role_name(rows[i].role)),
		    rows[i].unix_account != NULL ? rows[i].unix_account : "-",
		    rows[i].disabled ? _(" (disabled)") : "");
	db_users_free(rows, n);
	return 0;
}

static int
cmd_user_role(struct cmd_user *u)
{
	const char *name = u->a->operands[0], *role = u->a->operands[1];
	char *err = NULL;

	if (db_users_set(u->ctx.db, name, role, &err) != DB_OK)
		return cmd_user_fail(err, name);
	printf("%s: %s\n", name, _(db_users_role_name(role)));
	return 0;
}

static int
cmd_user_add(struct cmd_user *u)
{
	const char *name = u->a->operands[0], *role = u->a->operands[1];
	char pw[DB_USERS_PW_MAX + 2];
	bool none = cmd_opt_get(u->a, "no-password") != NULL;
	char *err = NULL;
	enum db_status st;

	if (!none && !cmd_password_new(name, pw, sizeof pw))
		return 1;
	st = db_users_add(u->ctx.db, name, role, cmd_opt_get(u->a, "unix"), none ? NULL : pw,
	    &err);
	sodium_memzero(pw, sizeof pw);
	if (st != DB_OK)
		return cmd_user_fail(err, name);
	printf("%s: %s\n", name, _(db_users_role_name(role)));
	return 0;
}

static int
cmd_user_disable(struct cmd_user *u)
{
	const char *name = u->a->operands[0];
	char *err = NULL;

	if (db_users_disable(u->ctx.db, name, &err) != DB_OK)
		return cmd_user_fail(err, name);
	printf(_("%s: disabled\n"), name);
	return 0;
}

/* One's own password is changed only after the current one. */
static int
cmd_user_current(struct cmd_user *u, const char *name)
{
	char pw[DB_USERS_PW_MAX + 2], until[20];
	enum db_login res = DB_LOGIN_WRONG;
	char *err = NULL;
	enum db_status st;

	if (!str_eq(name, db_user(u->ctx.db)) || !u->ctx.who.has_password)
		return 0;
	if (!cmd_password_read(_("Current password:"), pw, sizeof pw))
		pw[0] = '\0';
	st = db_users_login(u->ctx.db, name, pw, &res, until, &err);
	sodium_memzero(pw, sizeof pw);
	if (st != DB_OK)
		return cmd_user_fail(err, name);
	if (res == DB_LOGIN_LOCKED)
		cmd_error(_("%s: locked after %d wrong passwords until %s"), name,
		    DB_USERS_MAX_FAILURES, until);
	else if (res != DB_LOGIN_OK)
		cmd_error(_("%s: wrong password; nothing was changed"), name);
	return res == DB_LOGIN_OK ? 0 : 1;
}

static int
cmd_user_passwd(struct cmd_user *u)
{
	const char *name = u->a->operands[0];
	char pw[DB_USERS_PW_MAX + 2];
	char *err = NULL;
	enum db_status st;

	if (cmd_user_current(u, name) != 0 || !cmd_password_new(name, pw, sizeof pw))
		return 1;
	st = db_users_passwd(u->ctx.db, name, pw, &err);
	sodium_memzero(pw, sizeof pw);
	if (st != DB_OK)
		return cmd_user_fail(err, name);
	printf(_("%s: password set\n"), name);
	return 0;
}

static const struct {
	const char	*sub;
	int		(*run)(struct cmd_user *);
} cmd_user_subs[] = {
	{ "list", cmd_user_list }, { "role", cmd_user_role }, { "add", cmd_user_add },
	{ "disable", cmd_user_disable }, { "passwd", cmd_user_passwd },
};

int
cmd_user(const struct cmd_args *a)
{
	struct cmd_user u = { .ctx = { .db_path = cmd_opt_get(a, "db") }, .a = a };
	size_t i;
	int rc;

	if (!str_eq(a->sub->name, "add") && (cmd_opt_get(a, "unix") != NULL ||
	    cmd_opt_get(a, "no-password") != NULL))
		return cmd_opt_error(a->spec, "%s", _("--unix and --no-password are for add only"));
	if ((rc = cmd_open(&u.ctx, DB_OPEN_READ)) != 0 || (rc = cmd_identity(&u.ctx, NULL)) != 0) {
		cmd_close(&u.ctx);
		return rc;
	}
	/* the parser has checked the subcommand and its operands */
	for (i = 0; i < sizeof cmd_user_subs / sizeof cmd_user_subs[0]; i++)
		if (str_eq(a->sub->name, cmd_user_subs[i].sub))
			rc = cmd_user_subs[i].run(&u);
	cmd_close(&u.ctx);
	return rc;
}
