/*
 * cmd/import_int: what the two files of avrr import share (cmd/import.c:
 * the command, its rows, checks and the one transaction; cmd/import_cols.c:
 * the columns matched to fields and the cells made values).
 *
 * Contract: cmd_import_columns() maps every header cell of row 1 to what it
 * holds (a field's value or currency, the case number, the record id), each
 * unknown or repeated header an error "FILE:1:HEADER: ..." (cmd_import_say);
 * cmd_import_fill() puts one row's cells into a new record, each cell made
 * canonical where it can be (a choice's label in any catalog language its
 * code), else left as written so the record check names it.
 */
#ifndef CMD_IMPORT_INT_H
#define CMD_IMPORT_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "cmd/cmd.h"
#include "form/value.h"
#include "util/sheet.h"

enum cmd_import_kind {
	CMD_IMPORT_SKIP,	/* an empty header over empty cells */
	CMD_IMPORT_FIELD,	/* a column of a field: part 0 its value, 1 its currency */
	CMD_IMPORT_CASE_NO,
	CMD_IMPORT_RECORD_ID	/* read and left: an import adds new records */
};

struct cmd_import_col {
	enum cmd_import_kind	 kind;
	size_t			 field;
	int			 part;
	char			*head;	/* how the file names it (or its letters) */
};

/* A choice list's codes by folded label, every catalog language (lazily). */
struct cmd_import_labels {
	const struct form_choices *list;
	struct cmd_import_label	 *v;
	size_t			  n;
};

/* A line said, printed in row order when the checks are done. */
struct cmd_import_msg {
	long	 row;
	size_t	 seq;
	char	*text;
};

struct cmd_import {
	struct cmd_ctx		*ctx;
	const char		*name;		/* FORM or FORM.GROUP as given */
	const char		*path;
	const struct form_def	*def;		/* whose fields the columns are */
	const struct form_def	*form;		/* the form saved: def, or the group's */
	int			 group;		/* FORM.GROUP: the repeat field of form, else -1 */
	struct sheet		 sheet;
	struct cmd_import_col	*cols;		/* one per column of row 1 */
	size_t			 ncols;
	int			 case_col;	/* the case number's column, or -1 */
	int			 id_col;	/* the record id's column, or -1 */
	struct cmd_import_labels *lists;
	size_t			 nlists;
	struct cmd_import_msg	*msgs;
	size_t			 nmsgs, capmsgs;
	size_t			 nerr;		/* errors said */
	bool			 dry_run;
	bool			 allow_dups;
	bool			 makes_case;	/* a row of this form makes its case */
};

/* A row of the file made a record (of def). */
struct cmd_import_row {
	long			 no;
	struct form_record	*rec;
	bool			 bad;		/* an error was said for it */
	bool			 new_case;	/* its save makes its case */
	int64_t			 parent;	/* FORM.GROUP: the record it joins */
};

struct cmd_import_rows {
	struct cmd_import_row	*v;
	size_t			 n;
	size_t			 saved;		/* rows saved in the transaction */
	size_t			 dups;		/* rows refused as likely duplicates */
};

/* Says "FILE:ROW:COLUMN: message" (col NULL: "FILE:ROW: message") and
 * counts it as an error unless note; the lines go to stderr in row order
 * (each row's in the order said) at cmd_import_flush(). */
void	cmd_import_say(struct cmd_import *, bool note, long row, const char *col,
	    const char *fmt, ...) __attribute__((format(printf, 5, 6)));
void	cmd_import_flush(struct cmd_import *);
/* Lower case, trimmed (what labels are compared as); malloc'd. */
char	*cmd_import_fold(const char *);

/* 0, or the number of errors said. */
size_t	cmd_import_columns(struct cmd_import *);
void	cmd_import_fill(struct cmd_import *, const struct sheet_row *, struct form_record *);
void	cmd_import_cols_free(struct cmd_import *);

/* FORM.GROUP (cmd/import_group.c): the record of x->form a row joins, by its
 * case_no (the case's one record of the form) or its record_id; then every
 * good row added to its record, each record saved once with the rules. */
void	cmd_import_group_parent(struct cmd_import *, struct cmd_import_row *,
	    const struct sheet_row *);
void	cmd_import_group_save(struct cmd_import *, struct cmd_import_rows *);

#endif
