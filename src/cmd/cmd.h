/*
 * cmd/cmd: the commands of avrr and what they share.
 *
 * Contract: each command is an entry of cmd_table: its name, the options
 * and operands it takes (a cmd_spec, see cmd/opt), and a function that gets
 * them parsed and returns the exit status: 0 success, 1 user error (a
 * one-line message on stderr naming what is wrong), 2 usage error (in the
 * one wording of cmd/opt). cmd_exec() parses the arguments after the
 * command's name by its spec, answers --help from it and runs it; main.c
 * dispatches through it, and avrr --help lists the entries' usage lines.
 * Every message goes through _().
 */
#ifndef CMD_CMD_H
#define CMD_CMD_H

#include <stdbool.h>

#include "cmd/opt.h"
#include "db/db.h"
#include "db/expr.h"
#include "db/users.h"
#include "form/form.h"

struct cmd_entry {
	const char	*name;		/* what follows avrr: "init" */
	struct cmd_spec	 spec;		/* options, operands, summary: parsed and shown */
	int		(*run)(const struct cmd_args *);
};

/* Ends with a NULL name; "tui" is the command run when none is named. */
extern const struct cmd_entry cmd_table[];

const struct cmd_entry	*cmd_find(const char *name);
/* Parses argv (argv[0]: the command's name, or the program's) by the entry's
 * spec and runs it; after --help 0, after a usage error 2. */
int		 cmd_exec(const struct cmd_entry *, int argc, char **argv);
/* cmd_exec() of the command named (which must exist). */
int		 cmd_run(const char *name, int argc, char **argv);

/* Everything a command that works on the database holds. */
struct cmd_ctx {
	const char		*db_path;
	struct form_set		*forms;
	struct db_expr		*expr;
	struct db		*db;
	bool			 quiet;	/* the TUI shows db_state_message() itself */
	struct db_user_info	 who;	/* the user acting, after cmd_identity() */
};

/* Folders of forms/ and compiled catalogs: $AVRR_FORMS / $AVRR_LOCALE, else
 * beside the binary (a build tree), else the installed data folder. */
const char	*cmd_forms_dir(void);
const char	*cmd_locale_dir(void);

/* Loads forms (failing with their errors) and opens the database: mode
 * DB_OPEN_READ for every command but init and demo, which never writes at
 * the open and leaves tables as they are (forms that differ cannot be saved,
 * which a line on stderr says unless quiet); DB_OPEN_INIT syncs the tables
 * to the forms; DB_OPEN_CREATE (demo) syncs only a database it has just made
 * and refuses an existing one whose forms differ. */
int		 cmd_open(struct cmd_ctx *, enum db_open_mode);
void		 cmd_close(struct cmd_ctx *);
/* Loads and checks forms; prints every error; NULL on errors. */
struct form_set	*cmd_load_forms(const char *dir, struct db_expr *);

/* Writes len bytes of text into the new file path (mode 0600): an existing
 * file is refused; 0, or 1 after a one-line message (a partly written file
 * removed). */
int		 cmd_write_new(const char *path, const char *text, size_t len);
/* One audit row of what a command did (db_audit_event, no case): the
 * NULL-ended NAME, VALUE pairs as its JSON detail (a NULL value is left
 * out). 0, or 1 after a one-line message. */
int		 cmd_audit_event(struct cmd_ctx *, const char *action, ...);

/* Prints "avrr: <msg>" to stderr. */
void		 cmd_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The commands, run by cmd_exec() with their arguments parsed. */
int	cmd_tui(const struct cmd_args *);
int	cmd_init(const struct cmd_args *);
int	cmd_check_forms(const struct cmd_args *);
int	cmd_demo(const struct cmd_args *);
int	cmd_i18n_status(const struct cmd_args *);
int	cmd_user(const struct cmd_args *);
int	cmd_backup(const struct cmd_args *);
int	cmd_audit(const struct cmd_args *);
int	cmd_purge(const struct cmd_args *);
int	cmd_subject_export(const struct cmd_args *);
int	cmd_report(const struct cmd_args *);
int	cmd_export(const struct cmd_args *);
int	cmd_import(const struct cmd_args *);
int	cmd_xlsform(const struct cmd_args *);

/* The place of --project among report's options (its name is also a field's). */
#define CMD_REPORT_PROJECT 1

/* The Unix account running the program. */
const char	*cmd_unix_account(void);
/*
 * Who acts (README "Who is who"): on a test database (avrr init --test, avrr
 * demo) the user named by opt_user (--user), else $AVRR_USER, else the user
 * bound to the Unix account, else the Unix account's name. On any other
 * database only the user bound to the Unix account, and --user or AVRR_USER
 * is refused. A disabled user is refused. Sets db_user() and ctx->who;
 * 0, or 1 after a one-line message.
 */
int		 cmd_identity(struct cmd_ctx *, const char *opt_user);
/* A password from the terminal without echo (prompt on stderr), or one line
 * of stdin when it is not a terminal; false at the end of input. */
bool		 cmd_password_read(const char *prompt, char *buf, size_t len);
/* A new password for name: twice on a terminal (the same both times), once
 * from stdin; false after a one-line message when none was given. */
bool		 cmd_password_new(const char *name, char *buf, size_t len);

#endif
