/*
 * util/sheet: tables of text cells read from a CSV file (libcsv) or from a
 * sheet of an XLSX workbook (libzip and expat): what avrr import reads, and
 * later the sheets of an XLSForm. It knows nothing of forms.
 *
 * Contract: a sheet is its rows in file order, each with its row number in
 * the file (1 = the first line or row; a blank CSV line or a row an XLSX file
 * leaves out is no row but keeps the numbers after it right) and its cells
 * in column order, column 0 first; an empty cell is NULL (trailing empty
 * cells may be absent). Every cell is valid UTF-8; a line end inside a cell
 * is LF (a CSV cell's CRLF becomes LF).
 *
 * sheet_read_csv(): RFC 4180 with what spreadsheets write: a UTF-8 BOM is
 * skipped; lines end in LF, CRLF or CR; quoted cells hold delimiters, quotes
 * (doubled) and line ends. The delimiter is the comma, the semicolon or the
 * tab, whichever the first line holds most of outside quotes (a comma when
 * none). A stray quote, an unclosed quoted cell or text that is not UTF-8
 * is an error.
 *
 * sheet_read_xlsx(): the sheet named name (NULL: the first of the workbook),
 * found through xl/workbook.xml and its relationships. Shared strings,
 * inline strings and formula results are text; booleans TRUE or FALSE;
 * numbers as written in the file, except that a number whose cell style has
 * a date format (built-in formats 14-17 and 22, or a custom format with
 * days, months or years) is the date it counts, YYYY-MM-DD, with HH:MM
 * after it when the format shows hours and the time is not midnight (the
 * 1900 and 1904 date systems both).
 *
 * Both return false with *err one malloc'd line (staff language) that names
 * the file, and the row where there is one ("FILE:ROW: message"), and leave
 * *out empty. sheet_col_letters() gives a column's spreadsheet name.
 */
#ifndef UTIL_SHEET_H
#define UTIL_SHEET_H

#include <stdbool.h>
#include <stddef.h>

struct sheet_row {
	long	  no;		/* row number in the file, 1 = the first */
	char	**cells;	/* ncells; NULL = an empty cell */
	size_t	  ncells;
	size_t	  cap;
};

struct sheet {
	struct sheet_row	*rows;
	size_t			 nrows;
	size_t			 cap;
};

#define SHEET_MAX_BYTES	((size_t)512 << 20)	/* larger files and parts are refused */

bool	sheet_read_csv(const char *path, struct sheet *out, char **err);
bool	sheet_read_xlsx(const char *path, const char *name, struct sheet *out, char **err);
void	sheet_free(struct sheet *);

/* The cell at col of row, NULL when empty or beyond the row's end. */
const char *sheet_cell(const struct sheet_row *, size_t col);
/* "A", "B", ..., "Z", "AA", ...: the name of column col (0-based). */
void	sheet_col_letters(size_t col, char buf[8]);

/* For the readers (util/sheet*.c): a new row numbered no at the end. */
struct sheet_row *sheet_add_row(struct sheet *, long no);
/* Sets the cell at col (taken; grows the row with empty cells). */
void	sheet_set_cell(struct sheet_row *, size_t col, char *text);

#endif
