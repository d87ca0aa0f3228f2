/*
 * cmd/xlsx: an Excel workbook (XLSX) written through libxlsxwriter, for
 * avrr export --format xlsx and avrr report --format xlsx.
 *
 * Contract: cmd_xlsx_new() touches no file; the cells live in memory until
 * cmd_xlsx_finish() writes the workbook to its path (a new file of mode 0600
 * when made with new_only, where an existing one is refused; else made or
 * replaced), or cmd_xlsx_discard() drops it. A sheet's name is the name asked
 * for without what Excel refuses in one ([]:*?/\ and control characters
 * become '_', apostrophes at the ends are dropped), cut to Excel's 31
 * characters and made unique in the workbook (a "~2" suffix). Cells hold
 * numbers as numbers (read in the C locale, whatever LC_NUMERIC says), dates
 * and date-times as Excel dates with a date number format, money as a number
 * whose number format names its currency, text as shared strings; an empty
 * value is no cell. A column's width follows what was written into it.
 * Errors of libxlsxwriter are kept: the first is reported by
 * cmd_xlsx_finish(), which then writes nothing.
 */
#ifndef CMD_XLSX_H
#define CMD_XLSX_H

#include <stdbool.h>
#include <stdint.h>

#include "form/type.h"

struct cmd_xlsx;
struct cmd_xlsx_sheet;

struct cmd_xlsx	*cmd_xlsx_new(const char *path, bool new_only);
/* The next sheet; it lives as long as its workbook. */
struct cmd_xlsx_sheet *cmd_xlsx_sheet(struct cmd_xlsx *, const char *name);
/* 0, or 1 after a one-line message naming the path; frees the workbook. */
int		 cmd_xlsx_finish(struct cmd_xlsx *);
void		 cmd_xlsx_discard(struct cmd_xlsx *);

/* A bold cell (a heading); the first row of a sheet of headings stays in
 * view with cmd_xlsx_freeze(). */
void	cmd_xlsx_head(struct cmd_xlsx_sheet *, uint32_t row, uint16_t col, const char *text);
void	cmd_xlsx_freeze(struct cmd_xlsx_sheet *);
/* Text as it is (NULL or "": no cell); a note is long text that does not
 * widen its column. */
void	cmd_xlsx_text(struct cmd_xlsx_sheet *, uint32_t row, uint16_t col, const char *text);
void	cmd_xlsx_note(struct cmd_xlsx_sheet *, uint32_t row, uint16_t col, const char *text);
/* A number read from text; text that is no number is written as text. */
void	cmd_xlsx_number(struct cmd_xlsx_sheet *, uint32_t row, uint16_t col, const char *text);
/* YYYY-MM-DD or YYYY-MM-DD HH:MM as an Excel date; anything else as text. */
void	cmd_xlsx_date(struct cmd_xlsx_sheet *, uint32_t row, uint16_t col, const char *text);
/* An amount in currency (a 3-letter code; another is no currency shown). */
void	cmd_xlsx_money(struct cmd_xlsx_sheet *, uint32_t row, uint16_t col, const char *amount,
	    const char *currency);

/* The columns of field i of rec from col on (form_type_ncols() of them),
 * each as its type is: integers, decimals and money numbers (and money's
 * currency code beside it), dates dates, choices and yes/no their stored
 * code, or their label translated by tr when tr is not NULL; a calculated
 * value a number or a date when it reads as one. Returns the next column. */
uint16_t cmd_xlsx_field(struct cmd_xlsx_sheet *, uint32_t row, uint16_t col,
	    const struct form_set *, const struct form_record *, size_t i, form_tr_fn tr);

/* A bar chart titled title beside a table: the categories are rows first..
 * last of column key_col, one series per column of vals_first..vals_last
 * (its name the heading in row head), placed with its top left corner at
 * (at_row, at_col). CMD_XLSX_CHART_ROWS rows is the height it covers. */
#define CMD_XLSX_CHART_ROWS	16
void	cmd_xlsx_chart(struct cmd_xlsx_sheet *, const char *title, uint32_t head,
	    uint32_t first, uint32_t last, uint16_t key_col, uint16_t vals_first,
	    uint16_t vals_last, uint32_t at_row, uint16_t at_col);

#endif
