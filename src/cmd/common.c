#include "cmd/cmd.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pwd.h>
#include <signal.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "cmd/out.h"
#include "db/audit.h"
#include "db/cases.h"
#include "db/json.h"
#include "db/users.h"
#include "i18n/iso.h"
#include "util/mem.h"
#include "util/str.h"
#include "util/tr.h"

static char cmd_exe_dir[PATH_MAX];

static const char *
cmd_exe_dir_get(void)
{
	ssize_t n;
	char *slash;

	if (cmd_exe_dir[0] != '\0')
		return cmd_exe_dir;
	n = readlink("/proc/self/exe", cmd_exe_dir, sizeof cmd_exe_dir - 1);
	if (n <= 0) {
		snprintf(cmd_exe_dir, sizeof cmd_exe_dir, ".");
		return cmd_exe_dir;
	}
	cmd_exe_dir[n] = '\0';
	slash = strrchr(cmd_exe_dir, '/');
	if (slash != NULL)
		*slash = '\0';
	return cmd_exe_dir;
}

static bool
cmd_is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Looks for rel beside the binary and one and two folders up (build trees),
 * then for share/avrr/inst next to the binary's bin/ (an install under any
 * PREFIX), then at the compiled-in data folder. */
static const char *
cmd_find_dir(const char *env, const char *rel, const char *inst, const char *installed,
    char *buf, size_t len)
{
	static const char *ups[] = { "", "/..", "/../.." };
	const char *e = getenv(env);
	size_t i;

	if (!str_empty(e))
		return e;
	for (i = 0; i < sizeof ups / sizeof ups[0]; i++) {
		snprintf(buf, len, "%s%s/%s", cmd_exe_dir_get(), ups[i], rel);
		if (cmd_is_dir(buf))
			return buf;
	}
	snprintf(buf, len, "%s/../share/avrr/%s", cmd_exe_dir_get(), inst);
	if (cmd_is_dir(buf))
		return buf;
	return installed;
}

const char *
cmd_forms_dir(void)
{
	static char buf[PATH_MAX + 32];

	return cmd_find_dir("AVRR_FORMS", "forms", "forms", AVRR_DATADIR "/forms", buf,
	    sizeof buf);
}

const char *
cmd_locale_dir(void)
{
	static char buf[PATH_MAX + 32];

	return cmd_find_dir("AVRR_LOCALE", "build/locale", "locale", AVRR_DATADIR "/locale",
	    buf, sizeof buf);
}

/* The Unix account running the program (see DESIGN.md, deployment). */
const char *
cmd_unix_account(void)
{
	struct passwd *pw = getpwuid(getuid());

	return pw != NULL ? pw->pw_name : "unknown";
}

/* Who may be picked by name: only on a test database. */
static char *
cmd_identity_pick(struct cmd_ctx *ctx, const char *pick, bool test)
{
	char *name;

	if (!str_empty(pick)) {
		if (test)
			return xstrdup(pick);
		cmd_error("%s", _("--user and AVRR_USER pick a user only on a test or demo "
		    "database (avrr init --test, avrr demo)"));
		return NULL;
	}
	if ((name = db_users_by_unix(ctx->db, cmd_unix_account())) != NULL)
		return name;
	if (test)
		return xstrdup(cmd_unix_account());
	cmd_error(_("the Unix account '%s' is no user of %s; an administrator adds it with "
	    "'avrr user add'"), cmd_unix_account(), ctx->db_path);
	return NULL;
}

int
cmd_identity(struct cmd_ctx *ctx, const char *opt_user)
{
	const char *pick = !str_empty(opt_user) ? opt_user : getenv("AVRR_USER");
	bool test = db_users_test_db(ctx->db);
	char *name = cmd_identity_pick(ctx, pick, test);
	int rc = 0;

	if (name == NULL)
		return 1;
	db_users_info(ctx->db, name, &ctx->who);
	/* a second guard: off a test database the name came from the binding */
	if (!test && ctx->who.exists && !str_eq(ctx->who.unix_account, cmd_unix_account())) {
		cmd_error(_("%s belongs to another Unix account; avrr does not act as %s for '%s'"),
		    name, name, cmd_unix_account());
		rc = 1;
	} else if (ctx->who.disabled) {
		cmd_error(_("%s: disabled by an administrator"), name);
		rc = 1;
	}
	if (rc == 0)
		db_set_user(ctx->db, name);
	free(name);
	return rc;
}

/* One line of stdin into buf, without its newline; false at the end of input. */
static bool
cmd_password_line(char *buf, size_t len)
{
	size_t n;

	if (fgets(buf, (int)len, stdin) == NULL)
		return false;
	n = strlen(buf);
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
		buf[--n] = '\0';
	return true;
}

/* While echo is off, ^C, ^\ and ^Z do not leave the terminal so (Enter alone
 * gives up: no password). */
static void
cmd_password_signals(bool ignore)
{
	static const int sigs[] = { SIGINT, SIGQUIT, SIGTSTP };
	static struct sigaction saved[3];
	struct sigaction ign = { .sa_handler = SIG_IGN };
	size_t i;

	for (i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		if (ignore)
			sigaction(sigs[i], &ign, &saved[i]);
		else
			sigaction(sigs[i], &saved[i], NULL);
}

bool
cmd_password_read(const char *prompt, char *buf, size_t len)
{
	struct termios old, quiet;
	bool ok, tty = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &old) == 0;

	buf[0] = '\0';
	if (!tty)
		return cmd_password_line(buf, len);
	quiet = old;
	quiet.c_lflag &= ~(tcflag_t)(ECHO | ECHONL);
	quiet.c_lflag |= ICANON;
	cmd_password_signals(true);
	/* echo off before the prompt: what is typed once it shows is never echoed */
	tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
	fprintf(stderr, "%s ", prompt);
	cmd_out_prompt(stderr);
	ok = cmd_password_line(buf, len);
	tcsetattr(STDIN_FILENO, TCSANOW, &old);
	cmd_password_signals(false);
	fputc('\n', stderr);
	return ok;
}

bool
cmd_password_new(const char *name, char *buf, size_t len)
{
	char again[DB_USERS_PW_MAX + 2];
	char *prompt = xasprintf(_("New password for %s:"), name);
	bool ok = cmd_password_read(prompt, buf, len) && buf[0] != '\0';

	free(prompt);
	if (ok && isatty(STDIN_FILENO)) {
		ok = cmd_password_read(_("The same again:"), again, sizeof again) &&
		    str_eq(buf, again);
		if (!ok)
			cmd_error("%s", _("the two passwords differ; nothing was changed"));
		sodium_memzero(again, sizeof again);
		return ok;
	}
	if (!ok)
		cmd_error("%s", _("no password given; nothing was changed"));
	return ok;
}

void
cmd_error(const char *fmt, ...)
{
	va_list ap;

	fputs("avrr: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

const struct cmd_entry *
cmd_find(const char *name)
{
	const struct cmd_entry *c;

	for (c = cmd_table; c->name != NULL; c++)
		if (str_eq(c->name, name))
			return c;
	return NULL;
}

int
cmd_exec(const struct cmd_entry *c, int argc, char **argv)
{
	struct cmd_args a;
	int rc = cmd_opt_parse(&c->spec, argc, argv, &a);

	if (rc == 0)
		rc = c->run(&a);
	else if (rc == 1)
		rc = 0;		/* the help was asked for, and printed */
	cmd_opt_free(&a);
	return rc;
}

int
cmd_run(const char *name, int argc, char **argv)
{
	const struct cmd_entry *c = cmd_find(name);

	if (c == NULL)
		util_die("cmd_run: no command '%s'", name);
	return cmd_exec(c, argc, argv);
}

/* Fills a built-in choice list (country, language, currency) from
 * iso-codes, on its first use (form_set_choices): parsing iso-codes' JSON is
 * most of a start-up that shows none of them. */
static void
cmd_fill_builtin(struct form_choices *cl)
{
	static const struct {
		const char		*name;
		enum i18n_iso_kind	 kind;
	} lists[] = {
		{ "country", I18N_ISO_COUNTRY },
		{ "language", I18N_ISO_LANGUAGE },
		{ "currency", I18N_ISO_CURRENCY },
	};
	const struct i18n_iso_entry *e;
	size_t i, k, n;

	for (i = 0; i < sizeof lists / sizeof lists[0]; i++) {
		if (strcmp(cl->name, lists[i].name) != 0 || cl->nitems > 0)
			continue;
		n = i18n_iso_list(lists[i].kind, &e);
		free(cl->items);
		cl->items = xcalloc(n ? n : 1, sizeof *cl->items);
		for (k = 0; k < n; k++) {
			cl->items[k].code = xstrdup(e[k].code);
			cl->items[k].label = xstrdup(e[k].name);
		}
		cl->nitems = n;
		form_choices_index(cl);
	}
}

struct form_set *
cmd_load_forms(const char *dir, struct db_expr *expr)
{
	struct form_set *set = form_set_load_dir(dir);
	size_t i;

	if (expr != NULL)
		db_expr_check_set(expr, set);
	db_case_check_workflow(set);
	if (set->nerrors == 0) {
		set->fill = cmd_fill_builtin;
		return set;
	}
	for (i = 0; i < set->nerrors; i++)
		fprintf(stderr, "%s\n", set->errors[i]);
	form_set_free(set);
	return NULL;
}

/* The forms given to the open database: synced only by init (and by demo
 * into the database it has just made); compared everywhere else. */
static enum db_status
cmd_open_forms(struct cmd_ctx *ctx, enum db_open_mode mode, char **err)
{
	enum db_status st;

	if (mode == DB_OPEN_INIT || (mode == DB_OPEN_CREATE && db_created(ctx->db)))
		return db_sync_forms(ctx->db, ctx->forms, err);
	st = db_use_forms(ctx->db, ctx->forms, err);
	if (st == DB_OK && mode == DB_OPEN_CREATE && (db_state(ctx->db) & DB_STATE_FORMS_DIFFER)) {
		*err = db_state_message(ctx->db);
		return DB_ERROR;
	}
	return st;
}

int
cmd_open(struct cmd_ctx *ctx, enum db_open_mode mode)
{
	char *err = NULL;
	enum db_status st;

	if (ctx->db_path == NULL)
		ctx->db_path = db_default_path();
	ctx->expr = db_expr_new();
	ctx->forms = cmd_load_forms(cmd_forms_dir(), ctx->expr);
	if (ctx->forms == NULL)
		return 1;
	st = db_open(&ctx->db, ctx->db_path, mode, &err);
	if (st == DB_OK)
		st = cmd_open_forms(ctx, mode, &err);
	if (st != DB_OK) {
		cmd_error("%s", err != NULL ? err : ctx->db_path);
		free(err);
		return 1;
	}
	if (!ctx->quiet && (err = db_state_message(ctx->db)) != NULL) {
		cmd_error("%s", err);
		free(err);
	}
	return 0;
}

void
cmd_close(struct cmd_ctx *ctx)
{
	if (ctx->db != NULL)
		db_close(ctx->db);
	if (ctx->forms != NULL)
		form_set_free(ctx->forms);
	if (ctx->expr != NULL)
		db_expr_free(ctx->expr);
	db_users_info_clear(&ctx->who);
	memset(ctx, 0, sizeof *ctx);
}

/* cmd_write_new(): see cmd/cmd.h. */
int
cmd_write_new(const char *path, const char *text, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	ssize_t w = 0;
	size_t done = 0;

	if (fd < 0) {
		cmd_error(_("%s: cannot create: %s"), path, strerror(errno));
		return 1;
	}
	while (done < len && (w = write(fd, text + done, len - done)) > 0)
		done += (size_t)w;
	if (close(fd) != 0 || done < len) {
		cmd_error(_("%s: cannot write: %s"), path, strerror(errno));
		unlink(path);
		return 1;
	}
	return 0;
}

int
cmd_audit_event(struct cmd_ctx *ctx, const char *action, ...)
{
	struct strbuf sb = STRBUF_INIT;
	const char *name, *value;
	bool first = true;
	char *err = NULL;
	enum db_status st;
	va_list ap;

	strbuf_putc(&sb, '{');
	va_start(ap, action);
	while ((name = va_arg(ap, const char *)) != NULL) {
		value = va_arg(ap, const char *);
		db_json_change(&sb, &first, name, "", NULL, value);
	}
	va_end(ap);
	strbuf_putc(&sb, '}');
	st = db_audit_event(ctx->db, action, 0, strbuf_str(&sb), &err);
	strbuf_free(&sb);
	if (st == DB_OK)
		return 0;
	cmd_error("%s", err != NULL ? err : ctx->db_path);
	free(err);
	return 1;
}
