/*
 * The XLSX files of the real binary, opened as the zip they are (libzip)
 * and read in their XML parts: `avrr export FORM --format xlsx` names the
 * form's sheet and a sheet per repeat group in xl/workbook.xml, its header
 * is the fields' names (shared strings; Slovak labels and choice labels with
 * --labels sk), a group's rows begin with the parent's case number, a date
 * is a number cell with a date number format in xl/styles.xml, an amount a
 * number cell whose format names its currency; masked fields stay out and a
 * refused form makes no file; the export is one audit row; an existing file
 * is refused. `avrr report donor --format xlsx` has a chart
 * (xl/charts/chart1.xml) titled in the staff language and, on its sheet, the
 * figures of `--format csv` of the same report, numbers as numbers. Without
 * --output both refuse xlsx as a usage error: one line saying so, then the
 * usage line.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <zip.h>

#include "app.h"
#include "db/cases.h"
#include "db/record.h"
#include "db/users.h"
#include "unit/report_data.h"
#include "util/mem.h"
#include "util/str.h"

struct t {
	struct e2e_db	*db;
	char		*path;	/* the database the commands run on */
	const char	*user;
	char		*out;	/* what the last command printed */
	char		*err;
	char		*file;	/* a path for --output (not made) */
	int64_t		 case_id;
};

static void
tx_sql(struct t *t, const char *sql)
{
	sqlite3 *raw;
	char *msg = NULL;

	assert_int_equal(sqlite3_open(t->path, &raw), SQLITE_OK);
	if (sqlite3_exec(raw, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", sql, msg);
	sqlite3_close(raw);
}

static long long
tx_count(struct t *t, const char *sql)
{
	sqlite3_stmt *st;
	sqlite3 *raw;
	long long n = -1;

	assert_int_equal(sqlite3_open(t->path, &raw), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(raw, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(raw);
	return n;
}

/* A case: a registration (born 1990-05-10, detained) of two family members,
 * and a plan of 5000 EUR prepared on 2026-02-03 with an item of 750.5 EUR. */
static void
tx_case(struct t *t)
{
	struct form_record *rec;
	struct db_case c;

	e2e_db_open(t->db);
	assert_int_equal(db_case_create(t->db->db, NULL, NULL, &c, NULL), DB_OK);
	t->case_id = c.id;
	db_case_clear(&c);
	rec = e2e_rec(t->db, t->case_id, "registration", "surname", "Kapanadze",
	    "given_names", "Nino", "dob", "1990-05-10", "legal_status", "detained",
	    "sex", "female", NULL);
	e2e_row(rec, "family", "surname", "Kapanadze", "given_names", "Levan",
	    "relationship", "spouse", NULL);
	e2e_row(rec, "family", "surname", "Kapanadze", "given_names", "Mariam",
	    "relationship", "child", NULL);
	assert_int_equal(db_record_save(t->db->db, rec, NULL, NULL), DB_OK);
	form_record_free(rec);
	rec = e2e_rec(t->db, t->case_id, "plan", "grant", "5000", "prepared_on", "2026-02-03",
	    "timing", "after", NULL);
	e2e_row(rec, "items", "item_type", "business", "description", "Tools",
	    "budget", "750.5", NULL);
	assert_int_equal(db_record_save(t->db->db, rec, NULL, NULL), DB_OK);
	form_record_free(rec);
	e2e_db_close(t->db);
}

static char *
tx_tmp(const char *suffix)
{
	char tmpl[] = "/tmp/avrr-xlsx-XXXXXX";
	int fd = mkstemp(tmpl);

	assert_true(fd >= 0);
	close(fd);
	unlink(tmpl);
	return xasprintf("%s%s", tmpl, suffix);
}

static int
setup(void **state)
{
	struct t *t = xcalloc(1, sizeof *t);

	t->file = tx_tmp(".xlsx");
	t->db = e2e_db_new_forms("forms");	/* the real forms: their classes, their roles */
	t->path = xstrdup(t->db->path);
	t->user = "exporter";
	tx_case(t);
	tx_sql(t, "INSERT INTO users (name, role, created_at)"
	    " VALUES ('exporter', 'supervisor', '2026-01-01')");
	*state = t;
	return 0;
}

/* The database of tests/unit/report_data.h, whose answers are known. */
static int
setup_report(void **state)
{
	const char *dir = getenv("AVRR_FORMS");
	struct form_set *set = form_set_load_dir(dir != NULL ? dir : "forms");
	struct t *t = xcalloc(1, sizeof *t);
	struct db *db;

	t->file = tx_tmp(".xlsx");
	t->path = tx_tmp(".db");
	t->user = "tester";
	assert_int_equal(set->nerrors, 0);
	fixture_no_perms(set);	/* the data as one user walks it through */
	db = fixture_open(t->path, set);
	assert_int_equal(db_users_mark_test(db, NULL), DB_OK);	/* AVRR_USER may act */
	rdata_fill(db, set);
	db_close(db);
	form_set_free(set);
	*state = t;
	return 0;
}

static int
teardown(void **state)
{
	struct t *t = *state;
	char *p;

	unlink(t->file);
	free(t->file);
	if (t->db != NULL)
		e2e_db_free(t->db);
	else {
		unlink(t->path);
		p = xasprintf("%s-wal", t->path);
		unlink(p);
		free(p);
		p = xasprintf("%s-shm", t->path);
		unlink(p);
		free(p);
	}
	free(t->path);
	free(t->out);
	free(t->err);
	free(t);
	return 0;
}

/* avrr COMMAND --db DB args... as t->user in English (or the language of
 * lang); the exit status, with t->out and t->err. */
static int
tx_runl(struct t *t, const char *lang, const char *cmd, ...)
{
	const char *bin = getenv("AVRR_BIN") != NULL ? getenv("AVRR_BIN") : "build/test/avrr";
	char *argv[24], out[] = "/tmp/avrr-tx-out-XXXXXX", err[] = "/tmp/avrr-tx-err-XXXXXX";
	int fo = mkstemp(out), fe = mkstemp(err), n = 0, status;
	va_list ap;
	pid_t pid;

	argv[n++] = (char *)bin;
	argv[n++] = (char *)cmd;
	argv[n++] = "--db";
	argv[n++] = t->path;
	va_start(ap, cmd);
	while (n < 23 && (argv[n] = va_arg(ap, char *)) != NULL)
		n++;
	va_end(ap);
	argv[n] = NULL;
	assert_true(fo >= 0 && fe >= 0);
	if ((pid = fork()) == 0) {
		dup2(fo, 1);
		dup2(fe, 2);
		setenv("AVRR_FORMS", "forms", 1);
		setenv("AVRR_USER", t->user, 1);
		setenv("AVRR_TODAY", "2026-11-22", 1);
		setenv("LANG", "C.UTF-8", 1);
		if (lang != NULL)
			setenv("AVRR_LANG", lang, 1);
		else
			unsetenv("AVRR_LANG");
		execv(bin, argv);
		_exit(127);
	}
	close(fo);
	close(fe);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	free(t->out);
	free(t->err);
	t->out = e2e_slurp(out, NULL);
	t->err = e2e_slurp(err, NULL);
	unlink(out);
	unlink(err);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

#define tx_run(t, ...) tx_runl((t), NULL, __VA_ARGS__)

static void
tx_has(const char *text, const char *want)
{
	if (text == NULL || strstr(text, want) == NULL)
		fail_msg("\"%.2000s\" lacks \"%s\"", text != NULL ? text : "(null)", want);
}

static size_t
tx_lines(const char *s)
{
	size_t n = 0;

	for (; (s = strchr(s, '\n')) != NULL; s++)
		n++;
	return n;
}

/* A usage error: one line of message, then cmd/opt's usage line. */
static void
tx_usage(const char *err, const char *msg)
{
	if (strncmp(err, msg, strlen(msg)) != 0)
		fail_msg("\"%s\" does not start with \"%s\"", err, msg);
	assert_int_equal(tx_lines(err), 2);
	tx_has(strchr(err, '\n'), "\nusage: ");
}

/* ---- the workbook: a zip of XML parts ---------------------------------- */

struct book {
	zip_t	*zip;
	char	**sst;		/* the shared strings, in order */
	size_t	 nsst;
	char	*styles;
};

/* The part name of the workbook (NULL when it has none). */
static char *
book_part(struct book *b, const char *name)
{
	zip_stat_t st;
	zip_file_t *f;
	char *buf;

	if (zip_stat(b->zip, name, 0, &st) != 0)
		return NULL;
	assert_non_null(f = zip_fopen(b->zip, name, 0));
	buf = xmalloc(st.size + 1);
	assert_int_equal(zip_fread(f, buf, st.size), (zip_int64_t)st.size);
	buf[st.size] = '\0';
	zip_fclose(f);
	return buf;
}

/* The text between "<tag" ... ">" and "</tag>" after s, or NULL. */
static char *
book_inner(const char *s, const char *tag, const char **next)
{
	char *open = xasprintf("<%s", tag), *close = xasprintf("</%s>", tag);
	const char *a = strstr(s, open), *b;
	char *in = NULL;

	while (a != NULL && a[strlen(open)] != '>' && a[strlen(open)] != ' ')
		a = strstr(a + 1, open);
	if (a != NULL && (a = strchr(a, '>')) != NULL && (b = strstr(a, close)) != NULL) {
		in = xstrndup(a + 1, (size_t)(b - a - 1));
		if (next != NULL)
			*next = b + strlen(close);
	}
	free(open);
	free(close);
	return in;
}

static void
book_open(struct book *b, const char *path)
{
	const char *p;
	char *sst, *si;
	int err = 0;

	memset(b, 0, sizeof *b);
	b->zip = zip_open(path, ZIP_RDONLY, &err);
	if (b->zip == NULL)
		fail_msg("%s does not open as a zip (%d)", path, err);
	sst = book_part(b, "xl/sharedStrings.xml");
	for (p = sst; p != NULL && (si = book_inner(p, "si", &p)) != NULL; ) {
		b->sst = xrealloc(b->sst, (b->nsst + 1) * sizeof *b->sst);
		b->sst[b->nsst++] = book_inner(si, "t", NULL);
		free(si);
	}
	free(sst);
	assert_non_null(b->styles = book_part(b, "xl/styles.xml"));
}

static void
book_close(struct book *b)
{
	size_t i;

	for (i = 0; i < b->nsst; i++)
		free(b->sst[i]);
	free(b->sst);
	free(b->styles);
	zip_discard(b->zip);
}

/* A cell of a sheet's XML: its type (t, "" when absent), style (s) and
 * value (<v>), which for a shared string is the string. */
struct cell {
	char	 t[16];
	int	 s;
	char	*v;
};

static bool
cell_attr(const char *c, const char *end, const char *name, char *out, size_t len)
{
	char *key = xasprintf(" %s=\"", name);
	const char *a = strstr(c, key);
	size_t n;

	if (a == NULL || a > end) {
		free(key);
		return false;
	}
	a += strlen(key);
	free(key);
	n = strcspn(a, "\"");
	snprintf(out, len, "%.*s", (int)n, a);
	return true;
}

/* The cell ref ("B2") of sheet xml; false when there is none. */
static bool
book_cell(const struct book *b, const char *xml, const char *ref, struct cell *c)
{
	char *key = xasprintf("<c r=\"%s\"", ref), num[16];
	const char *a = strstr(xml, key), *end;
	char *v;

	free(key);
	memset(c, 0, sizeof *c);
	if (a == NULL)
		return false;
	end = strchr(a, '>');
	cell_attr(a, end, "t", c->t, sizeof c->t);
	if (cell_attr(a, end, "s", num, sizeof num))
		c->s = atoi(num);
	v = end[-1] == '/' ? NULL : book_inner(a, "v", NULL);
	if (v != NULL && str_eq(c->t, "s")) {
		assert_true((size_t)atoi(v) < b->nsst);
		c->v = xstrdup(b->sst[atoi(v)]);
		free(v);
	} else
		c->v = v;
	return true;
}

/* The column letters of the heading head in row 1 of sheet xml. */
static void
book_col(const struct book *b, const char *xml, const char *head, char col[4])
{
	struct cell c;
	char ref[8];
	int i;

	for (i = 0; i < 26 * 27; i++) {
		if (i < 26)
			snprintf(col, 4, "%c", 'A' + i);
		else
			snprintf(col, 4, "%c%c", 'A' + i / 26 - 1, 'A' + i % 26);
		snprintf(ref, sizeof ref, "%s1", col);
		if (!book_cell(b, xml, ref, &c))
			break;
		if (c.v != NULL && str_eq(c.v, head)) {
			free(c.v);
			return;
		}
		free(c.v);
	}
	fail_msg("no heading %s", head);
}

/* The number format of style s (cellXfs' s-th xf): its code, or "" for
 * a built-in one. */
static char *
book_numfmt(const struct book *b, int s)
{
	const char *p = strstr(b->styles, "<cellXfs");
	char id[16], *key, *code;
	const char *f;
	int i;

	assert_non_null(p);
	for (i = 0; i <= s; i++)
		assert_non_null(p = strstr(p + 1, "<xf "));
	assert_true(cell_attr(p, strchr(p, '>'), "numFmtId", id, sizeof id));
	key = xasprintf("<numFmt numFmtId=\"%s\" formatCode=\"", id);
	f = strstr(b->styles, key);
	code = f != NULL ? xstrndup(f + strlen(key), strcspn(f + strlen(key), "\"")) :
	    xstrdup("");
	free(key);
	return code;
}

/* The cell under heading head in row of sheet xml. */
static void
book_at(const struct book *b, const char *xml, const char *head, int row, struct cell *c)
{
	char col[4], ref[16];

	book_col(b, xml, head, col);
	snprintf(ref, sizeof ref, "%s%d", col, row);
	if (!book_cell(b, xml, ref, c))
		fail_msg("no cell %s (%s)", ref, head);
}

/* ---- export ------------------------------------------------------------ */

/* The form's sheet and its group's by name; the header of names in shared
 * strings; the group's rows after the parent's case number and record id. */
static void
test_export_sheets(void **state)
{
	struct t *t = *state;
	struct book b;
	struct cell c;
	char *wb, *sheet, *fam;

	assert_int_equal(tx_run(t, "export", "registration", "--format", "xlsx", "--output",
	    t->file, NULL), 0);
	assert_string_equal(t->out, "");
	book_open(&b, t->file);
	assert_non_null(wb = book_part(&b, "xl/workbook.xml"));
	tx_has(wb, "<sheet name=\"registration\" sheetId=\"1\"");
	tx_has(wb, "<sheet name=\"family\" sheetId=\"2\"");
	assert_non_null(sheet = book_part(&b, "xl/worksheets/sheet1.xml"));
	assert_non_null(fam = book_part(&b, "xl/worksheets/sheet2.xml"));
	assert_true(book_cell(&b, sheet, "A1", &c));
	assert_string_equal(c.t, "s");
	assert_string_equal(c.v, "case_no");
	free(c.v);
	book_at(&b, sheet, "surname", 2, &c);
	assert_string_equal(c.v, "Kapanadze");
	free(c.v);
	tx_has(sheet, "state=\"frozen\"");	/* the header stays in view */
	book_at(&b, fam, "given_names", 3, &c);
	assert_string_equal(c.v, "Mariam");
	free(c.v);
	book_at(&b, fam, "case_no", 3, &c);
	assert_string_equal(c.v, "AVRR-2026-00001");
	free(c.v);
	book_at(&b, fam, "record_id", 3, &c);
	assert_true(c.t[0] == '\0' || str_eq(c.t, "n"));
	assert_string_equal(c.v, "1");
	free(c.v);
	assert_false(book_cell(&b, fam, "A4", &c));	/* two rows, no more */
	free(wb);
	free(sheet);
	free(fam);
	book_close(&b);
}

/* A date is a number of days with a date format; an amount a number whose
 * format names its currency, the currency code beside it. */
static void
test_export_types(void **state)
{
	struct t *t = *state;
	struct book b;
	struct cell c;
	char *sheet, *items, *fmt;

	assert_int_equal(tx_run(t, "export", "plan", "--format", "xlsx", "--output", t->file,
	    NULL), 0);
	book_open(&b, t->file);
	assert_non_null(sheet = book_part(&b, "xl/worksheets/sheet1.xml"));
	book_at(&b, sheet, "prepared_on", 2, &c);
	assert_true(c.t[0] == '\0' || str_eq(c.t, "n"));
	assert_string_equal(c.v, "46056");	/* 2026-02-03 in Excel's days */
	fmt = book_numfmt(&b, c.s);
	assert_string_equal(fmt, "yyyy-mm-dd");
	free(fmt);
	free(c.v);
	book_at(&b, sheet, "grant", 2, &c);
	assert_true(c.t[0] == '\0' || str_eq(c.t, "n"));
	assert_string_equal(c.v, "5000");
	fmt = book_numfmt(&b, c.s);
	tx_has(fmt, "&quot;EUR&quot;");
	tx_has(fmt, "0.00");
	free(fmt);
	free(c.v);
	book_at(&b, sheet, "grant_currency", 2, &c);
	assert_string_equal(c.t, "s");
	assert_string_equal(c.v, "EUR");
	free(c.v);
	book_at(&b, sheet, "timing", 2, &c);	/* a choice: its code */
	assert_string_equal(c.v, "after");
	free(c.v);
	assert_non_null(items = book_part(&b, "xl/worksheets/sheet2.xml"));
	book_at(&b, items, "budget", 2, &c);
	assert_true(c.t[0] == '\0' || str_eq(c.t, "n"));
	assert_string_equal(c.v, "750.5");
	free(c.v);
	free(items);
	free(sheet);
	book_close(&b);
}

/* --labels sk: the header in Slovak, a choice as its Slovak label. */
static void
test_export_labels(void **state)
{
	struct t *t = *state;
	struct book b;
	struct cell c;
	char *sheet;

	assert_int_equal(tx_run(t, "export", "registration", "--format", "xlsx", "--labels",
	    "sk", "--output", t->file, NULL), 0);
	book_open(&b, t->file);
	assert_non_null(sheet = book_part(&b, "xl/worksheets/sheet1.xml"));
	assert_true(book_cell(&b, sheet, "A1", &c));
	assert_string_equal(c.v, "Číslo prípadu");
	free(c.v);
	book_at(&b, sheet, "Priezvisko (ako v pase)", 2, &c);
	assert_string_equal(c.v, "Kapanadze");
	free(c.v);
	book_at(&b, sheet, "Pohlavie", 2, &c);
	assert_string_equal(c.v, "Žena");
	free(c.v);
	free(sheet);
	book_close(&b);
}

/* A hotline operator's workbook holds no legal status; the plan is refused
 * and makes no file. */
static void
test_export_masked(void **state)
{
	struct t *t = *state;
	struct book b;
	size_t i;

	tx_sql(t, "UPDATE users SET role = 'hotline' WHERE name = 'exporter'");
	assert_int_equal(tx_run(t, "export", "registration", "--format", "xlsx", "--output",
	    t->file, NULL), 0);
	book_open(&b, t->file);
	for (i = 0; i < b.nsst; i++) {
		if (strstr(b.sst[i], "etained") != NULL)
			fail_msg("a hotline operator's workbook has '%s'", b.sst[i]);
	}
	book_close(&b);
	unlink(t->file);
	assert_int_equal(tx_run(t, "export", "plan", "--format", "xlsx", "--output", t->file,
	    NULL), 1);
	tx_has(t->err, "may not read");
	assert_int_equal(tx_lines(t->err), 1);
	assert_int_equal(access(t->file, F_OK), -1);
}

/* One audit row: the form, xlsx, how many records. */
static void
test_export_audited(void **state)
{
	struct t *t = *state;

	assert_int_equal(tx_run(t, "export", "registration", "--format", "xlsx", "--output",
	    t->file, NULL), 0);
	assert_int_equal(tx_count(t, "SELECT count(*) FROM audit WHERE action = 'export'"
	    " AND user = 'exporter' AND changes LIKE '%\"registration\"%'"
	    " AND changes LIKE '%\"xlsx\"%' AND changes LIKE '%\"count\"%\"1\"%'"), 1);
	assert_int_equal(tx_count(t, "SELECT count(*) FROM audit WHERE action = 'export'"), 1);
}

/* xlsx needs --output: a usage error, nothing audited; a new file is
 * 0600, an existing one refused and left as it was. */
static void
test_export_output(void **state)
{
	struct t *t = *state;
	struct stat st;
	FILE *f;
	char *kept;

	assert_int_equal(tx_run(t, "export", "registration", "--format", "xlsx", NULL), 2);
	assert_string_equal(t->out, "");
	tx_usage(t->err, "avrr export: --format xlsx needs --output");
	assert_int_equal(tx_count(t, "SELECT count(*) FROM audit WHERE action = 'export'"), 0);
	assert_int_equal(tx_run(t, "export", "registration", "--format", "xlsx", "--output",
	    t->file, NULL), 0);
	assert_int_equal(stat(t->file, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	unlink(t->file);
	assert_non_null(f = fopen(t->file, "w"));
	fputs("keep me", f);
	fclose(f);
	assert_int_equal(tx_run(t, "export", "registration", "--format", "xlsx", "--output",
	    t->file, NULL), 1);
	tx_has(t->err, t->file);
	kept = e2e_slurp(t->file, NULL);
	assert_string_equal(kept, "keep me");
	free(kept);
	assert_int_equal(tx_count(t, "SELECT count(*) FROM audit WHERE action = 'export'"), 1);
}

/* ---- report ------------------------------------------------------------ */

/* Row `row` of a sheet: its cells from column A on, as text ("" for none). */
static size_t
book_row(const struct book *b, const char *xml, int row, char *cells[8])
{
	struct cell c;
	char ref[16];
	size_t n = 0, i;

	for (i = 0; i < 8; i++) {
		snprintf(ref, sizeof ref, "%c%d", (int)('A' + i), row);
		cells[i] = NULL;
		if (book_cell(b, xml, ref, &c)) {
			cells[i] = c.v != NULL ? c.v : xstrdup("");
			n = i + 1;
			/* a figure is a number cell, never a string */
			assert_true(i == 0 || c.v == NULL || !str_eq(c.t, "s") ||
			    strspn(c.v, "0123456789.") != strlen(c.v));
		}
	}
	return n;
}

/* Whether some row of the sheet has exactly the fields of a CSV line. */
static bool
book_has_row(const struct book *b, const char *xml, char **want, size_t n)
{
	char *cells[8];
	size_t k, i;
	bool same;
	int row;

	for (row = 1; row < 400; row++) {
		k = book_row(b, xml, row, cells);
		same = k == n;
		for (i = 0; i < n && same; i++)
			same = cells[i] != NULL && (str_eq(cells[i], want[i]) || (i > 0 &&
			    strtod(cells[i], NULL) == strtod(want[i], NULL)));
		for (i = 0; i < 8; i++)
			free(cells[i]);
		if (same)
			return true;
	}
	return false;
}

/* The CSV lines of label and numbers (simple fields only), each looked for
 * among the sheet's rows; how many were found. */
static size_t
book_same_figures(const struct book *b, const char *xml, char *csv)
{
	char *line, *save = NULL, *f[8], *p;
	size_t n, found = 0;

	for (line = strtok_r(csv, "\r\n", &save); line != NULL;
	    line = strtok_r(NULL, "\r\n", &save)) {
		if (strchr(line, '"') != NULL || strchr(line, ',') == NULL)
			continue;
		for (n = 0, p = line; n < 8 && p != NULL; n++) {
			f[n] = p;
			if ((p = strchr(p, ',')) != NULL)
				*p++ = '\0';
		}
		if (n < 2 || strspn(f[1], "0123456789.") != strlen(f[1]) || f[1][0] == '\0')
			continue;
		if (!book_has_row(b, xml, f, n))
			fail_msg("no row of the sheet is %s,%s...", f[0], f[1]);
		found++;
	}
	return found;
}

/* The donor summary's workbook: its sheet has every figure of the CSV, as
 * numbers, and the sentences; a chart per breakdown titled in the staff
 * language. */
static void
test_report_xlsx(void **state)
{
	struct t *t = *state;
	struct book b;
	char *csv, *sheet, *chart, *wb;
	size_t i;
	bool said = false;

	assert_int_equal(tx_run(t, "report", "donor", "--project", "P1", "--from",
	    "2026-01-01", "--to", "2026-12-31", "--format", "csv", NULL), 0);
	csv = t->out;
	t->out = NULL;
	assert_int_equal(tx_run(t, "report", "donor", "--project", "P1", "--from",
	    "2026-01-01", "--to", "2026-12-31", "--format", "xlsx", "--output", t->file,
	    NULL), 0);
	assert_string_equal(t->out, "");
	book_open(&b, t->file);
	assert_non_null(wb = book_part(&b, "xl/workbook.xml"));
	tx_has(wb, "<sheet name=\"Donor summary\"");
	assert_non_null(sheet = book_part(&b, "xl/worksheets/sheet1.xml"));
	assert_true(book_same_figures(&b, sheet, csv) >= 5);
	{
		char *persons[] = { "Persons returned", "5" }, *ua[] = { "Ukraine", "4" };

		assert_true(book_has_row(&b, sheet, persons, 2));
		assert_true(book_has_row(&b, sheet, ua, 2));
	}
	for (i = 0; i < b.nsst; i++)
		said |= str_eq(b.sst[i], "persons who returned voluntarily: 5 (cases: 2);");
	assert_true(said);
	assert_non_null(chart = book_part(&b, "xl/charts/chart1.xml"));
	tx_has(chart, "<c:barChart>");
	tx_has(chart, "<a:t>Returns</a:t>");
	tx_has(chart, "'Donor summary'!$A$");
	free(chart);
	free(sheet);
	free(wb);
	free(csv);
	book_close(&b);
	unlink(t->file);
	assert_int_equal(tx_runl(t, "sk", "report", "donor", "--project", "P1", "--from",
	    "2026-01-01", "--to", "2026-12-31", "--format", "xlsx", "--output", t->file,
	    NULL), 0);
	book_open(&b, t->file);
	assert_non_null(chart = book_part(&b, "xl/charts/chart1.xml"));
	tx_has(chart, "<a:t>Návraty</a:t>");
	free(chart);
	book_close(&b);
}

static void
test_report_needs_output(void **state)
{
	struct t *t = *state;

	assert_int_equal(tx_run(t, "report", "donor", "--format", "xlsx", NULL), 2);
	assert_string_equal(t->out, "");
	tx_usage(t->err, "avrr report: --format xlsx needs --output");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_export_sheets, setup, teardown),
		cmocka_unit_test_setup_teardown(test_export_types, setup, teardown),
		cmocka_unit_test_setup_teardown(test_export_labels, setup, teardown),
		cmocka_unit_test_setup_teardown(test_export_masked, setup, teardown),
		cmocka_unit_test_setup_teardown(test_export_audited, setup, teardown),
		cmocka_unit_test_setup_teardown(test_export_output, setup, teardown),
		cmocka_unit_test_setup_teardown(test_report_xlsx, setup_report, teardown),
		cmocka_unit_test_setup_teardown(test_report_needs_output, setup_report, teardown),
	};

	/* the cases this process makes are numbered in the year of the one
	 * clock, the commands' own (AVRR_TODAY), whatever the system's */
	setenv("AVRR_TODAY", "2026-11-22", 1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
