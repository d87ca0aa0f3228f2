/*
 * cmd/opt: the options each command declares, and the one parser of them.
 *
 * Contract: a command lists its options in a table (name without the dashes,
 * the msgid of its argument or NULL for a flag, the msgid of its help) ending
 * with a NULL name, and its operands: a usage msgid with their bounds, or a
 * table of subcommands (the first operand names one, followed by exactly its
 * operands). cmd_opt_parse() takes the options in any order, as `--db FILE`
 * or `--db=FILE` (a value is never empty, and a separate one never starts
 * with `--`: either is a missing argument), with the operands
 * and the subcommand before, between or after them (`--` ends the options),
 * and answers 0 when parsed, 1 when it printed the command's help (for -h or
 * --help: the caller exits 0) and 2 when it printed a usage error on stderr
 * (the caller exits 2). A usage error has one wording for every command:
 * "avrr NAME: <message>" and then "usage: <the usage line>". The usage and
 * the help are made from the tables, so what they say is what is parsed.
 */
#ifndef CMD_OPT_H
#define CMD_OPT_H

#include <stdio.h>

struct cmd_opt {
	const char	*name;		/* "db" for --db */
	const char	*arg;		/* msgid of its argument ("FILE"); NULL: a flag */
	const char	*help;		/* msgid */
};

struct cmd_sub {
	const char	*name;		/* "role" */
	const char	*operands;	/* msgid of what follows it ("NAME ROLE"), or NULL */
	int		 noperands;	/* exactly this many follow */
	const char	*help;		/* msgid */
};

struct cmd_spec {
	const char		*name;		/* the command: "demo"; NULL: avrr itself */
	const char		*summary;	/* msgid: what it does, in one line */
	const struct cmd_opt	*opts;
	const char		*operands;	/* msgid of the operands' usage, or NULL */
	int			 min_operands;
	int			 max_operands;	/* -1: any number */
	const struct cmd_sub	*subs;		/* NULL-named end; when set, instead of the above */
	const char		*missing;	/* msgid when an operand is missing, or NULL */
};

struct cmd_args {
	const struct cmd_spec	 *spec;
	const char		**val;		/* per option: its value, "" for a flag, NULL if absent */
	const struct cmd_sub	 *sub;		/* the subcommand given, or NULL */
	char			**operands;	/* into argv; after the subcommand's name */
	int			  noperands;
};

int		 cmd_opt_parse(const struct cmd_spec *, int argc, char **argv, struct cmd_args *);
void		 cmd_opt_free(struct cmd_args *);
/* The value of option name, or NULL when it was not given; name must be one
 * the spec declares (anything else is a broken invariant: util_die). */
const char	*cmd_opt_get(const struct cmd_args *, const char *name);
/* "avrr demo [--db FILE] [--cases N] ..." (translated, malloc'd). */
char		*cmd_opt_usage(const struct cmd_spec *);
/* The usage, the summary, then one line per subcommand and per option. */
void		 cmd_opt_help(const struct cmd_spec *, FILE *);
/* A usage error of the command's own (a value out of range): the message
 * (printf format) in the one wording, then the usage; returns 2. */
int		 cmd_opt_error(const struct cmd_spec *, const char *fmt, ...)
		    __attribute__((format(printf, 2, 3)));

#endif
