/*
 * cmd/xlsx: a sheet's name is what Excel takes (its refused characters
 * replaced, cut to 31 characters between whole UTF-8 characters, unique
 * whatever the case); a number with decimals keeps them in its number
 * format, text that is no number or no date stays text, a date-time is an
 * Excel date with a time format; a cell libxlsxwriter refuses makes
 * cmd_xlsx_finish() fail with one line and no file; a discarded workbook
 * leaves no file.
 */
#include "db_fixture.h"

#include <sys/stat.h>
#include <zip.h>

#include "cmd/xlsx.h"
#include "util/str.h"

static char *
xt_path(void)
{
	char tmpl[] = "/tmp/avrr-xt-XXXXXX";
	int fd = mkstemp(tmpl);

	assert_true(fd >= 0);
	close(fd);
	unlink(tmpl);
	return xasprintf("%s.xlsx", tmpl);
}

/* A part of the workbook at path (malloc'd). */
static char *
xt_part(const char *path, const char *name)
{
	zip_t *z = zip_open(path, ZIP_RDONLY, NULL);
	zip_stat_t st;
	zip_file_t *f;
	char *buf;

	assert_non_null(z);
	assert_int_equal(zip_stat(z, name, 0, &st), 0);
	assert_non_null(f = zip_fopen(z, name, 0));
	buf = xmalloc(st.size + 1);
	assert_int_equal(zip_fread(f, buf, st.size), (zip_int64_t)st.size);
	buf[st.size] = '\0';
	zip_fclose(f);
	zip_discard(z);
	return buf;
}

static void
xt_has(const char *text, const char *want)
{
	if (strstr(text, want) == NULL)
		fail_msg("\"%.3000s\" lacks \"%s\"", text, want);
}

static void
test_xlsx_sheet_names(void **state)
{
	char *path = xt_path(), *wb, *want;
	struct cmd_xlsx *x = cmd_xlsx_new(path, true);
	static const char long_name[] = "abcdefghijklmnopqrstuvwxyz0123456789";	/* 36 */
	struct strbuf cz = STRBUF_INIT;
	int i;

	(void)state;
	for (i = 0; i < 35; i++)
		strbuf_puts(&cz, "č");
	cmd_xlsx_sheet(x, "a/b[c]:d*e?f\\g");
	cmd_xlsx_sheet(x, long_name);
	cmd_xlsx_sheet(x, long_name);
	cmd_xlsx_sheet(x, "Family");
	cmd_xlsx_sheet(x, "family");
	cmd_xlsx_sheet(x, "'quoted'");
	cmd_xlsx_sheet(x, strbuf_str(&cz));
	cmd_xlsx_sheet(x, "");
	assert_int_equal(cmd_xlsx_finish(x), 0);
	wb = xt_part(path, "xl/workbook.xml");
	xt_has(wb, "<sheet name=\"a_b_c__d_e_f_g\" sheetId=\"1\"");
	xt_has(wb, "<sheet name=\"abcdefghijklmnopqrstuvwxyz01234\" sheetId=\"2\"");
	xt_has(wb, "<sheet name=\"abcdefghijklmnopqrstuvwxyz012~2\" sheetId=\"3\"");
	xt_has(wb, "<sheet name=\"Family\" sheetId=\"4\"");
	xt_has(wb, "<sheet name=\"family~2\" sheetId=\"5\"");
	xt_has(wb, "<sheet name=\"quoted\" sheetId=\"6\"");
	strbuf_free(&cz);
	for (i = 0; i < 31; i++)
		strbuf_puts(&cz, "č");
	want = xasprintf("<sheet name=\"%s\" sheetId=\"7\"", strbuf_str(&cz));
	xt_has(wb, want);
	xt_has(wb, "<sheet name=\"Sheet\" sheetId=\"8\"");
	free(want);
	strbuf_free(&cz);
	free(wb);
	unlink(path);
	free(path);
}

/* The style number of cell ref in sheet xml; -1 for none. */
static int
xt_style(const char *xml, const char *ref)
{
	char *key = xasprintf("<c r=\"%s\"", ref);
	const char *c = strstr(xml, key), *s;

	free(key);
	assert_non_null(c);
	s = strstr(c, " s=\"");
	return s != NULL && s < strchr(c, '>') ? atoi(s + 4) : -1;
}

/* The format code of style s (the s-th xf of cellXfs), or "#N" for Excel's
 * built-in format N (2 is 0.00, 4 is #,##0.00). */
static char *
xt_fmt(const char *styles, int s)
{
	const char *p = strstr(styles, "<cellXfs");
	char *key, *code;
	const char *id, *f;
	int i;

	assert_non_null(p);
	for (i = 0; i <= s; i++)
		assert_non_null(p = strstr(p + 1, "<xf "));
	assert_non_null(id = strstr(p, "numFmtId=\""));
	key = xasprintf("<numFmt numFmtId=\"%d\" formatCode=\"", atoi(id + 10));
	if ((f = strstr(styles, key)) == NULL) {
		free(key);
		return xasprintf("#%d", atoi(id + 10));
	}
	f += strlen(key);
	code = xstrndup(f, strcspn(f, "\""));
	free(key);
	return code;
}

static void
test_xlsx_cells(void **state)
{
	char *path = xt_path(), *sheet, *styles, *fmt;
	struct cmd_xlsx *x = cmd_xlsx_new(path, true);
	struct cmd_xlsx_sheet *s = cmd_xlsx_sheet(x, "cells");

	(void)state;
	cmd_xlsx_number(s, 0, 0, "3.10");
	cmd_xlsx_number(s, 0, 1, "12");
	cmd_xlsx_number(s, 0, 2, "12abc");
	cmd_xlsx_date(s, 0, 3, "2026-02-03 18:00");
	cmd_xlsx_date(s, 0, 4, "2026-02-30");
	cmd_xlsx_date(s, 0, 5, "1850-01-01");
	cmd_xlsx_money(s, 0, 6, "12.5", "eur");	/* no code: no currency shown */
	cmd_xlsx_text(s, 0, 7, "");
	assert_int_equal(cmd_xlsx_finish(x), 0);
	sheet = xt_part(path, "xl/worksheets/sheet1.xml");
	styles = xt_part(path, "xl/styles.xml");
	xt_has(sheet, "<c r=\"A1\" s=\"");
	xt_has(sheet, "><v>3.1</v></c>");
	fmt = xt_fmt(styles, xt_style(sheet, "A1"));
	assert_true(str_eq(fmt, "0.00") || str_eq(fmt, "#2"));
	free(fmt);
	xt_has(sheet, "<c r=\"B1\"><v>12</v></c>");	/* a whole number: General */
	xt_has(sheet, "<c r=\"C1\" t=\"s\">");
	xt_has(sheet, "><v>46056.75</v></c>");	/* 18:00 is three quarters of the day */
	fmt = xt_fmt(styles, xt_style(sheet, "D1"));
	assert_string_equal(fmt, "yyyy-mm-dd hh:mm");
	free(fmt);
	xt_has(sheet, "<c r=\"E1\" t=\"s\">");
	xt_has(sheet, "<c r=\"F1\" t=\"s\">");
	fmt = xt_fmt(styles, xt_style(sheet, "G1"));
	assert_true(str_eq(fmt, "#,##0.00") || str_eq(fmt, "#4"));
	free(fmt);
	assert_null(strstr(sheet, "<c r=\"H1\""));
	free(sheet);
	free(styles);
	unlink(path);
	free(path);
}

/* A row past Excel's last: one line, exit 1, no file; a discarded workbook
 * writes none either. */
static void
test_xlsx_refused(void **state)
{
	char *path = xt_path();
	struct cmd_xlsx *x = cmd_xlsx_new(path, true);
	struct cmd_xlsx_sheet *s = cmd_xlsx_sheet(x, "big");

	(void)state;
	cmd_xlsx_text(s, 0, 0, "fine");
	cmd_xlsx_text(s, 1048576, 0, "one row too far");
	cmd_xlsx_text(s, 2, 0, "fine again");
	assert_int_equal(cmd_xlsx_finish(x), 1);
	assert_int_equal(access(path, F_OK), -1);
	x = cmd_xlsx_new(path, true);
	cmd_xlsx_text(cmd_xlsx_sheet(x, "s"), 0, 0, "dropped");
	cmd_xlsx_discard(x);
	assert_int_equal(access(path, F_OK), -1);
	free(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_xlsx_sheet_names),
		cmocka_unit_test(test_xlsx_cells),
		cmocka_unit_test(test_xlsx_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
