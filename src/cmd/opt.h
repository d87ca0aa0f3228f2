/*
 * cmd/opt: the options each command declares, and the one parser of them.
 *
 * Contract: a command lists its options in a table (name without the dashes,
 * the msgid of its argument or NULL for a flag, the msgid of its help) ending
 * with a NULL name. cmd_opt_parse() takes them in any order, as `--db FILE`
 * or `--db=FILE`, with its operands before, between or after (`--` ends the
 * options), and answers 0 when parsed, 1 when it printed the command's help
 * (for -h or --help: the caller exits 0) and 2 when it printed a one-line
 * message and the usage on stderr (the caller exits 2). The usage and the
 * help are made from the table, so what they say is what is parsed.
 */
#ifndef CMD_OPT_H
#define CMD_OPT_H

#include <stdio.h>

struct cmd_opt {
	const char	*name;		/* "db" for --db */
	const char	*arg;		/* msgid of its argument ("FILE"); NULL: a flag */
	const char	*help;		/* msgid */
};

struct cmd_spec {
	const char		*name;		/* the command: "demo" */
	const struct cmd_opt	*opts;
	const char		*operands;	/* msgid of the operands' usage, or NULL */
	int			 min_operands;
	int			 max_operands;	/* -1: any number */
};

struct cmd_args {
	const char	**val;		/* per option: its value, "" for a flag, NULL if absent */
	char		**operands;	/* into argv */
	int		  noperands;
};

int		 cmd_opt_parse(const struct cmd_spec *, int argc, char **argv, struct cmd_args *);
void		 cmd_opt_free(struct cmd_args *);
/* The value of option name, or NULL when it was not given. */
const char	*cmd_opt_get(const struct cmd_spec *, const struct cmd_args *, const char *name);
/* "avrr demo [--db FILE] [--cases N] ..." (translated, malloc'd). */
char		*cmd_opt_usage(const struct cmd_spec *);
/* The usage, then one line per option. */
void		 cmd_opt_help(const struct cmd_spec *, const char *summary, FILE *);

#endif
