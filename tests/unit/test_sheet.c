/*
 * util/sheet: CSV as spreadsheets write it (quotes, line feeds in a cell,
 * semicolons, a BOM, CRLF, blank lines that keep the row numbers) and its
 * errors (an unclosed quote, a stray quote, text that is not UTF-8, each
 * naming the file and row); XLSX workbooks made here with libxlsxwriter:
 * shared and inline strings, numbers, booleans, dates in built-in and custom
 * formats, a second sheet by name, a missing sheet, a file that is no zip.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include <xlsxwriter.h>

#include "util/mem.h"
#include "util/sheet.h"

struct ts {
	char	*path;
	struct sheet s;
	char	*err;
};

static int
ts_setup(void **state)
{
	struct ts *t = xcalloc(1, sizeof *t);
	char tmpl[] = "/tmp/avrr-sheet-XXXXXX";
	int fd = mkstemp(tmpl);

	assert_true(fd >= 0);
	close(fd);
	t->path = xstrdup(tmpl);
	*state = t;
	return 0;
}

static int
ts_teardown(void **state)
{
	struct ts *t = *state;

	unlink(t->path);
	free(t->path);
	sheet_free(&t->s);
	free(t->err);
	free(t);
	return 0;
}

static void
ts_write(struct ts *t, const char *text, size_t len)
{
	FILE *f = fopen(t->path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, len, f), len);
	fclose(f);
}

/* Reads text as CSV; true when it was read. */
static bool
ts_csv(struct ts *t, const char *text)
{
	ts_write(t, text, strlen(text));
	sheet_free(&t->s);
	free(t->err);
	t->err = NULL;
	return sheet_read_csv(t->path, &t->s, &t->err);
}

static const char *
ts_at(const struct ts *t, size_t row, size_t col)
{
	assert_true(row < t->s.nrows);
	return sheet_cell(&t->s.rows[row], col);
}

static void
test_csv_quotes_and_newlines(void **state)
{
	struct ts *t = *state;

	assert_true(ts_csv(t, "a,b,c\n\"x, \"\"y\"\"\",\"line1\nline2\",\n"));
	assert_int_equal(t->s.nrows, 2);
	assert_string_equal(ts_at(t, 0, 2), "c");
	assert_string_equal(ts_at(t, 1, 0), "x, \"y\"");
	assert_string_equal(ts_at(t, 1, 1), "line1\nline2");
	assert_null(ts_at(t, 1, 2));
	assert_null(ts_at(t, 1, 7));
	assert_int_equal(t->s.rows[1].no, 2);
}

/* Excel in many locales: semicolons, a BOM, CRLF, a CRLF inside a cell. */
static void
test_csv_semicolon_bom_crlf(void **state)
{
	struct ts *t = *state;

	assert_true(ts_csv(t, "\xEF\xBB\xBFname;note\r\nNovák;\"a;b\r\nc\"\r\nX;1,5\r\n"));
	assert_int_equal(t->s.nrows, 3);
	assert_string_equal(ts_at(t, 0, 0), "name");
	assert_string_equal(ts_at(t, 1, 0), "Novák");
	assert_string_equal(ts_at(t, 1, 1), "a;b\nc");
	assert_string_equal(ts_at(t, 2, 1), "1,5");
	assert_int_equal(t->s.rows[2].no, 3);
	/* a tab-separated file, its cells' blanks trimmed but not its tabs' */
	assert_true(ts_csv(t, "a\tb\n1\t 2 \n"));
	assert_string_equal(ts_at(t, 1, 1), "2");
}

/* A blank line is no row, but the rows after it keep their line numbers;
 * the last line may lack its line end. */
static void
test_csv_row_numbers(void **state)
{
	struct ts *t = *state;

	assert_true(ts_csv(t, "h\r\n\r\nv1\r\n\"two\nlines\"\r\nv3"));
	assert_int_equal(t->s.nrows, 4);
	assert_int_equal(t->s.rows[1].no, 3);
	assert_int_equal(t->s.rows[2].no, 4);
	assert_int_equal(t->s.rows[3].no, 5);
	assert_string_equal(ts_at(t, 3, 0), "v3");
}

static void
test_csv_errors(void **state)
{
	struct ts *t = *state;
	char *want;

	assert_false(ts_csv(t, "a,b\n1,2\n3,\"open\n4,5\n"));
	want = xasprintf("%s:3: a quoted cell is not closed", t->path);
	assert_string_equal(t->err, want);
	free(want);
	assert_int_equal(t->s.nrows, 0);
	assert_false(ts_csv(t, "a,b\n1,x\"y\"z\n"));
	want = xasprintf("%s:2: ", t->path);
	assert_int_equal(strncmp(t->err, want, strlen(want)), 0);
	free(want);
	assert_false(ts_csv(t, "a,b\n1,2\n\xE9t\xE9,3\n"));
	want = xasprintf("%s:3: ", t->path);
	assert_int_equal(strncmp(t->err, want, strlen(want)), 0);
	assert_non_null(strstr(t->err, "UTF-8"));
	free(want);
	free(t->err);
	t->err = NULL;
	assert_false(sheet_read_csv("/nonexistent/x.csv", &t->s, &t->err));
	assert_non_null(strstr(t->err, "/nonexistent/x.csv"));
}

/* A workbook of two sheets: "People" (strings, numbers, a boolean, dates in
 * a built-in and a custom format, a date-time, a blank row) and "Second". */
static void
ts_workbook(const char *path)
{
	lxw_workbook *wb = workbook_new(path);
	lxw_worksheet *ws = workbook_add_worksheet(wb, "People");
	lxw_worksheet *ws2 = workbook_add_worksheet(wb, "Second");
	lxw_format *builtin = workbook_add_format(wb), *custom = workbook_add_format(wb);
	lxw_format *stamp = workbook_add_format(wb);
	lxw_datetime dob = { 1990, 3, 15, 0, 0, 0 }, at = { 2026, 11, 22, 14, 30, 0 };
	lxw_datetime old = { 1900, 1, 1, 0, 0, 0 };

	format_set_num_format_index(builtin, 14);
	format_set_num_format(custom, "dd.mm.yyyy");
	format_set_num_format(stamp, "yyyy-mm-dd hh:mm");
	worksheet_write_string(ws, 0, 0, "name", NULL);
	worksheet_write_string(ws, 0, 1, "count", NULL);
	worksheet_write_string(ws, 0, 2, "born", NULL);
	worksheet_write_string(ws, 0, 3, "flag", NULL);
	worksheet_write_string(ws, 0, 4, "at", NULL);
	worksheet_write_string(ws, 1, 0, "Nováková\nAnna", NULL);
	worksheet_write_number(ws, 1, 1, 42.5, NULL);
	worksheet_write_datetime(ws, 1, 2, &dob, builtin);
	worksheet_write_boolean(ws, 1, 3, 1, NULL);
	worksheet_write_datetime(ws, 1, 4, &at, stamp);
	worksheet_write_string(ws, 3, 0, "Kapanadze", NULL);
	worksheet_write_number(ws, 3, 1, 7, NULL);
	worksheet_write_datetime(ws, 3, 2, &dob, custom);
	worksheet_write_datetime(ws, 3, 4, &old, custom);
	worksheet_write_string(ws2, 0, 0, "only", NULL);
	worksheet_write_string(ws2, 1, 1, "B2", NULL);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
}

static void
test_xlsx_cells(void **state)
{
	struct ts *t = *state;

	ts_workbook(t->path);
	assert_true(sheet_read_xlsx(t->path, NULL, &t->s, &t->err));
	assert_int_equal(t->s.nrows, 3);
	assert_string_equal(ts_at(t, 0, 4), "at");
	assert_string_equal(ts_at(t, 1, 0), "Nováková\nAnna");
	assert_string_equal(ts_at(t, 1, 1), "42.5");
	assert_string_equal(ts_at(t, 1, 2), "1990-03-15");
	assert_string_equal(ts_at(t, 1, 3), "TRUE");
	assert_string_equal(ts_at(t, 1, 4), "2026-11-22 14:30");
	/* the blank third row left out, the fourth keeps its number */
	assert_int_equal(t->s.rows[2].no, 4);
	assert_string_equal(ts_at(t, 2, 1), "7");
	assert_string_equal(ts_at(t, 2, 2), "1990-03-15");
	assert_null(ts_at(t, 2, 3));
	assert_string_equal(ts_at(t, 2, 4), "1900-01-01");
}

static void
test_xlsx_sheet_by_name(void **state)
{
	struct ts *t = *state;
	char *want;

	ts_workbook(t->path);
	assert_true(sheet_read_xlsx(t->path, "Second", &t->s, &t->err));
	assert_int_equal(t->s.nrows, 2);
	assert_string_equal(ts_at(t, 0, 0), "only");
	assert_null(ts_at(t, 1, 0));
	assert_string_equal(ts_at(t, 1, 1), "B2");
	sheet_free(&t->s);
	assert_false(sheet_read_xlsx(t->path, "Missing", &t->s, &t->err));
	want = xasprintf("%s: no sheet named 'Missing'", t->path);
	assert_string_equal(t->err, want);
	free(want);
	assert_int_equal(t->s.nrows, 0);
}

/* A file that is no zip, and a CSV read as a workbook, each one line. */
static void
test_xlsx_broken(void **state)
{
	struct ts *t = *state;
	char *want = xasprintf("%s: not an XLSX workbook", t->path);

	ts_write(t, "PK\x03\x04 broken", 11);
	assert_false(sheet_read_xlsx(t->path, NULL, &t->s, &t->err));
	assert_int_equal(strncmp(t->err, want, strlen(want)), 0);
	assert_null(strchr(t->err, '\n'));
	free(want);
}

static void
test_col_letters(void **state)
{
	char buf[8];

	sheet_col_letters(0, buf);
	assert_string_equal(buf, "A");
	sheet_col_letters(25, buf);
	assert_string_equal(buf, "Z");
	sheet_col_letters(26, buf);
	assert_string_equal(buf, "AA");
	sheet_col_letters(701, buf);
	assert_string_equal(buf, "ZZ");
	sheet_col_letters(702, buf);
	assert_string_equal(buf, "AAA");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_csv_quotes_and_newlines, ts_setup, ts_teardown),
		cmocka_unit_test_setup_teardown(test_csv_semicolon_bom_crlf, ts_setup, ts_teardown),
		cmocka_unit_test_setup_teardown(test_csv_row_numbers, ts_setup, ts_teardown),
		cmocka_unit_test_setup_teardown(test_csv_errors, ts_setup, ts_teardown),
		cmocka_unit_test_setup_teardown(test_xlsx_cells, ts_setup, ts_teardown),
		cmocka_unit_test_setup_teardown(test_xlsx_sheet_by_name, ts_setup, ts_teardown),
		cmocka_unit_test_setup_teardown(test_xlsx_broken, ts_setup, ts_teardown),
		cmocka_unit_test(test_col_letters),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
