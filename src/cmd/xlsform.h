/*
 * cmd/xlsform: avrr xlsform FILE.xlsx [--output DIR]: an XLSForm (the
 * ODK / KoboToolbox questionnaire workbook: sheets survey, choices,
 * settings) made an avrr form file DIR/NAME.form and, for each label
 * language other than the staff one, a PO fragment DIR/locale/CODE.po
 * (docs/xlsform.md).
 *
 * Contract: cmd_xlsform_convert() reads the workbook and fills a struct
 * xf_result: the form text, one PO text per other language and every
 * row or cell it could not carry over as one line "FILE:SHEET:ROW:
 * message" (FILE as given, SHEET survey, choices or settings, ROW the
 * row of the sheet; 1 the header), in sheet and row order. Nothing is
 * dropped without a line. The form text it returns passes the parser,
 * the cross-checks and the expression check (form_set_parse,
 * form_set_finish, db_expr_check_set): what they refuse is left out and
 * reported at its row. It returns false (with one line in res->error)
 * when nothing can be written: no survey sheet, an unreadable file, no
 * question left. The command writes the files (none that exists is
 * overwritten), prints the lines on stderr and a summary on stdout.
 *
 * cmd_xlsform_expr() translates one XPath expression of XLSForm into the
 * SQLite expression of the form language (db/expr): ${x} becomes :x, `.`
 * the field's own :name, `div` / `mod` `/` / `%`, double-quoted strings
 * single-quoted, if() iif(), hyphenated functions underscored, sum(),
 * count(), min() and max() of a field of a repeat read from outside it
 * sum(:r.f). It returns NULL with a reason (*why, malloc'd, staff
 * language) when the expression cannot be carried over (a function avrr
 * lacks, a path, a repeat's field read outside it); *note (may be NULL)
 * gets a remark on an expression kept (substr's indexing).
 *
 * cmd_xlsform_name() makes an avrr name ([a-z][a-z0-9_]*, not reserved)
 * of an XLSForm name; cmd_xlsform_plain() makes a label plain text
 * (markdown and HTML removed, line ends blanks), true when it changed
 * more than blanks. cmd_xlsform_po_str() appends a PO string literal.
 */
#ifndef CMD_XLSFORM_H
#define CMD_XLSFORM_H

#include <stdbool.h>
#include <stddef.h>

#include "util/str.h"

/* How a name of the XLSForm is known to its expressions. */
struct xf_ref {
	const char	*name;		/* the avrr name */
	const char	*repeat;	/* the avrr name of the repeat it stands in, or NULL */
	bool		 is_repeat;	/* it is a repeat itself */
	bool		 is_group;	/* a group: no value */
};

struct xf_expr_ctx {
	/* Looks an XLSForm name up; false when the form has no such name. */
	bool		(*find)(void *arg, const char *xname, struct xf_ref *out);
	void		*arg;
	const char	*self;		/* avrr name `.` stands for, or NULL */
	const char	*repeat;	/* the repeat the expression stands in, or NULL */
};

char	*cmd_xlsform_expr(const char *xpath, const struct xf_expr_ctx *, char **why,
	    char **note);
/* A default: a number stays, a literal is quoted, an expression converted. */
char	*cmd_xlsform_default(const char *value, const struct xf_expr_ctx *, char **why,
	    char **note);

char	*cmd_xlsform_name(const char *xname);
/* Fills *out (malloc'd) with text made plain; true when markup was removed. */
bool	 cmd_xlsform_plain(const char *text, char **out);
void	 cmd_xlsform_po_str(struct strbuf *, const char *text);

struct xf_result {
	char	 *form_name;	/* the file DIR/form_name.form */
	char	 *form_text;
	char	**po_codes;	/* npo languages: their codes and PO texts */
	char	**po_texts;
	size_t	 *po_missing;	/* texts without a translation, per language */
	size_t	  npo;
	size_t	  ntexts;	/* texts of the form a catalog may translate */
	size_t	  nfields;	/* questions written */
	char	**lines;	/* "FILE:SHEET:ROW: message" */
	size_t	  nlines;
	char	 *error;	/* when nothing could be written */
};

bool	cmd_xlsform_convert(const char *path, struct xf_result *);
void	cmd_xlsform_result_free(struct xf_result *);

#endif
