/*
 * cmd/cmd: the commands of avrr and what they share.
 *
 * Contract: each command is a function taking the arguments after its name
 * (argv[0] is the command name) and returning the exit status: 0 success,
 * 1 user error (a one-line message on stderr naming what is wrong), 2 usage
 * error. main.c dispatches through cmd_table. Every message goes through _().
 */
#ifndef CMD_CMD_H
#define CMD_CMD_H

#include <stdbool.h>

#include "db/db.h"
#include "db/expr.h"
#include "form/form.h"

struct cmd_entry {
	const char	*name;
	const char	*usage;		/* msgid: "avrr init [--db FILE]" */
	const char	*summary;	/* msgid: one line */
	int		(*exec)(int argc, char **argv);
};

extern const struct cmd_entry cmd_table[];

/* Everything a command that works on the database holds. */
struct cmd_ctx {
	const char		*db_path;
	struct form_set		*forms;
	struct db_expr		*expr;
	struct db		*db;
	bool			 quiet;	/* the TUI shows db_state_message() itself */
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

/* Prints "avrr: <msg>" to stderr. */
void		 cmd_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Usage error: prints usage of the named command, returns 2. */
int		 cmd_usage(const char *name);
/* True when argv[i] is --help or -h: prints the command's help. */
bool		 cmd_wants_help(int argc, char **argv, const char *name);

int	cmd_tui(int argc, char **argv);
int	cmd_init(int argc, char **argv);
int	cmd_check_forms(int argc, char **argv);
int	cmd_demo(int argc, char **argv);
int	cmd_i18n_status(int argc, char **argv);
int	cmd_user(int argc, char **argv);
int	cmd_backup(int argc, char **argv);

/* Who runs the program: $AVRR_USER, else the Unix account. */
const char	*cmd_user_name(void);

#endif
