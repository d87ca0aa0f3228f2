/*
 * `avrr import` through the real binary on the real forms and their
 * permissions: an export imported into a fresh database exports the same
 * bytes again (by field names, by Slovak labels with --labels sk, and a
 * repeat group's rows with FORM.GROUP); CSV
 * as spreadsheets write it (semicolons, a BOM, CRLF, quotes, a line feed in
 * a cell) and a workbook made here with libxlsxwriter (a date cell, a
 * boolean) import; a malformed file, an unknown column, a bad cell or a value
 * in a field that does not apply import nothing and are named
 * FILE:ROW:COLUMN; a choice by its Slovak label; --dry-run writes nothing; a
 * registered person (names and date of birth) refuses the import unless
 * --allow-duplicates, a weaker likeness is a note; a role that may not add the form is refused before
 * anything is read; the import is one audit row, and its cases are found by
 * the search at once.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <xlsxwriter.h>

#include "app.h"
#include "db/cases.h"
#include "db/search.h"
#include "util/mem.h"
#include "util/str.h"

/* A comma, quotes, a line feed and a semicolon in one value. */
#define TI_ADDR		"Hlavná 5, \"U Lipy\"\nbyt 3; Košice"

#define TI_HEAD		"case_no,record_id,surname,given_names,sex,dob,nationality," \
			"return_country,languages,interpreter,interpreter_language,location," \
			"address,legal_status,vulnerabilities,project\r\n"
/* A good row after TI_HEAD for the person SURNAME GIVEN. */
#define TI_ROW(sur, giv, dob) ",," sur "," giv ",female," dob ",GE,GE,ka ru,yes,ka," \
			"rohovce,,rejected,none,AMIF-2026-01\r\n"

struct t {
	struct e2e_db	*db;
	struct e2e_db	*fresh;	/* a second database, for the round trips */
	char		*out;
	char		*err;
	char		*file;	/* a path for files the tests write */
	char		*file2;
};

static long long
ti_count(struct e2e_db *db, const char *sql)
{
	sqlite3_stmt *st;
	sqlite3 *raw;
	long long n = -1;

	assert_int_equal(sqlite3_open(db->path, &raw), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(raw, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(raw);
	return n;
}

static char *
ti_text(struct e2e_db *db, const char *sql)
{
	sqlite3_stmt *st;
	sqlite3 *raw;
	char *v = NULL;

	assert_int_equal(sqlite3_open(db->path, &raw), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(raw, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0) != NULL)
		v = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(raw);
	return v;
}

static void
ti_sql(struct e2e_db *db, const char *sql)
{
	sqlite3 *raw;
	char *msg = NULL;

	assert_int_equal(sqlite3_open(db->path, &raw), SQLITE_OK);
	if (sqlite3_exec(raw, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", sql, msg);
	sqlite3_close(raw);
}

/* The users of a database: who imports, a hotline operator, a supervisor. */
static void
ti_users(struct e2e_db *db)
{
	ti_sql(db, "INSERT INTO users (name, role, created_at) VALUES"
	    " ('importer', 'counsellor', '2026-01-01'), ('hotliner', 'hotline', '2026-01-01'),"
	    " ('boss', 'supervisor', '2026-01-01')");
}

/* A new case of the project (its id). */
static int64_t
ti_case(struct t *t)
{
	struct db_case c;
	int64_t id;

	assert_int_equal(db_case_create(t->db->db, "AMIF-2026-01", NULL, &c, NULL), DB_OK);
	id = c.id;
	db_case_clear(&c);
	return id;
}

/* Two registrations, saved as the program saves them: Kapanadze with a
 * hostile address at a private address, Ciobanu at Rohovce. */
static void
ti_cases(struct t *t)
{
	struct form_record *rec;

	rec = e2e_rec(t->db, 0, "registration", "surname", "KAPANADZE", "given_names", "Nino",
	    "native_name", "ნინო კაპანაძე", "sex", "female", "dob", "1990-03-15",
	    "nationality", "GE", "return_country", "GE", "languages", "ka ru",
	    "interpreter", "yes", "interpreter_language", "ka", "location", "private_address",
	    "address", TI_ADDR, "legal_status", "detained", "vulnerabilities", "medical pregnancy",
	    "vulnerability_notes", "Needs insulin", "project", "AMIF-2026-01", NULL);
	e2e_row(rec, "family", "surname", "KAPANADZE", "given_names", "Levan", "sex", "male",
	    "dob", "1988-01-02", "relationship", "spouse", "nationality", "GE",
	    "vulnerabilities", "none", NULL);
	e2e_row(rec, "family", "surname", "KAPANADZE", "given_names", "Mariam", "sex", "female",
	    "dob", "2019-05-06", "relationship", "child", "nationality", "GE",
	    "vulnerabilities", "none", NULL);
	rec->case_id = ti_case(t);
	e2e_put(t->db, rec);
	rec = e2e_rec(t->db, 0, "registration", "surname", "CIOBANU", "given_names", "Ana",
	    "sex", "female", "dob", "1993-02-01", "nationality", "MD", "return_country", "MD",
	    "languages", "ro", "interpreter", "no", "location", "rohovce",
	    "legal_status", "asylum_seeker", "vulnerabilities", "none", "phone", "+373 102 795 839",
	    "project", "AMIF-2026-01", NULL);
	rec->case_id = ti_case(t);
	e2e_put(t->db, rec);
	e2e_db_close(t->db);
}

static char *
ti_tmp(const char *suffix)
{
	char tmpl[] = "/tmp/avrr-import-XXXXXX";
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

	t->file = ti_tmp(".csv");
	t->file2 = ti_tmp(".csv");
	t->db = e2e_db_new_forms("forms");	/* the real forms: their classes, their roles */
	t->fresh = e2e_db_new_forms("forms");
	e2e_db_close(t->fresh);
	ti_cases(t);
	ti_users(t->db);
	ti_users(t->fresh);
	*state = t;
	return 0;
}

static int
teardown(void **state)
{
	struct t *t = *state;

	unlink(t->file);
	unlink(t->file2);
	free(t->file);
	free(t->file2);
	e2e_db_free(t->db);
	e2e_db_free(t->fresh);
	free(t->out);
	free(t->err);
	free(t);
	return 0;
}

static void
ti_write(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* avrr CMD --db DB args... as user; the exit status, with t->out and t->err. */
static int
ti_run(struct t *t, struct e2e_db *db, const char *user, const char *cmd, ...)
{
	const char *bin = getenv("AVRR_BIN") != NULL ? getenv("AVRR_BIN") : "build/test/avrr";
	char *argv[16], out[] = "/tmp/avrr-ti-out-XXXXXX", err[] = "/tmp/avrr-ti-err-XXXXXX";
	int fo = mkstemp(out), fe = mkstemp(err), n = 0, status;
	va_list ap;
	pid_t pid;

	argv[n++] = (char *)bin;
	argv[n++] = (char *)cmd;
	argv[n++] = "--db";
	argv[n++] = db->path;
	va_start(ap, cmd);
	while (n < 15 && (argv[n] = va_arg(ap, char *)) != NULL)
		n++;
	va_end(ap);
	argv[n] = NULL;
	assert_true(fo >= 0 && fe >= 0);
	if ((pid = fork()) == 0) {
		dup2(fo, 1);
		dup2(fe, 2);
		setenv("AVRR_FORMS", "forms", 1);
		setenv("AVRR_USER", user, 1);
		setenv("AVRR_TODAY", "2026-11-22", 1);
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

/* avrr import --db DB FORM FILE args... as importer. */
#define ti_import(t, db, ...) ti_run((t), (db), "importer", "import", __VA_ARGS__, NULL)

static void
ti_has(const char *text, const char *want)
{
	if (strstr(text, want) == NULL)
		fail_msg("\"%s\" lacks \"%s\"", text, want);
}

static size_t
ti_lines(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		n += *s == '\n';
	return n;
}

static long long
ti_regs(struct e2e_db *db)
{
	return ti_count(db, "SELECT count(*) FROM registration");
}

/* The export of one database imported into a fresh one exports the same
 * bytes: the same case numbers, record ids, values (the hostile address, the
 * choices, the native script), by field names and by Slovak labels. */
static void
test_round_trip(void **state)
{
	struct t *t = *state;
	char *one, *two;
	int labels;

	for (labels = 0; labels < 2; labels++) {
		unlink(t->file);
		unlink(t->file2);
		if (labels)
			assert_int_equal(ti_run(t, t->db, "importer", "export", "registration",
			    "--labels", "sk", "--output", t->file, NULL), 0);
		else
			assert_int_equal(ti_run(t, t->db, "importer", "export", "registration",
			    "--output", t->file, NULL), 0);
		assert_int_equal(ti_import(t, t->fresh, "registration", t->file), 0);
		assert_string_equal(t->err, "");
		ti_has(t->out, "2 records of form 'registration' imported");
		assert_int_equal(ti_run(t, t->fresh, "importer", "export", "registration",
		    "--output", t->file2, NULL), 0);
		unlink(t->file);
		assert_int_equal(ti_run(t, t->db, "importer", "export", "registration",
		    "--output", t->file, NULL), 0);
		one = e2e_slurp(t->file, NULL);
		two = e2e_slurp(t->file2, NULL);
		assert_string_equal(two, one);
		ti_has(one, "medical pregnancy");
		free(one);
		free(two);
		if (!labels) {
			/* the second round into an emptied database */
			e2e_db_free(t->fresh);
			t->fresh = e2e_db_new_forms("forms");
			e2e_db_close(t->fresh);
			ti_users(t->fresh);
		}
	}
}

/* A repeat group's rows (FORM.GROUP) after their records: the family
 * members join the registrations their case numbers name, and export the
 * same bytes again; a row naming no case is named. */
static void
test_round_trip_group(void **state)
{
	struct t *t = *state;
	char *one, *two, *want;

	assert_int_equal(ti_run(t, t->db, "importer", "export", "registration", "--output",
	    t->file, NULL), 0);
	assert_int_equal(ti_import(t, t->fresh, "registration", t->file), 0);
	unlink(t->file);
	assert_int_equal(ti_run(t, t->db, "importer", "export", "registration.family",
	    "--output", t->file, NULL), 0);
	assert_int_equal(ti_import(t, t->fresh, "registration.family", t->file, "--dry-run"), 0);
	ti_has(t->out, "2 records of form 'registration.family' would be imported");
	assert_int_equal(ti_import(t, t->fresh, "registration.family", t->file), 0);
	assert_int_equal(ti_run(t, t->fresh, "importer", "export", "registration.family",
	    "--output", t->file2, NULL), 0);
	one = e2e_slurp(t->file, NULL);
	two = e2e_slurp(t->file2, NULL);
	assert_string_equal(two, one);
	ti_has(one, ",Mariam,");
	free(one);
	free(two);
	ti_write(t->file, "case_no,surname,given_names,sex,dob,relationship,nationality,"
	    "vulnerabilities\r\nAVRR-2026-00099,X,Y,male,2000-01-01,child,GE,none\r\n");
	assert_int_equal(ti_import(t, t->fresh, "registration.family", t->file), 1);
	want = xasprintf("%s:2:case_no: no case is numbered 'AVRR-2026-00099'\n", t->file);
	assert_int_equal(strncmp(t->err, want, strlen(want)), 0);
	free(want);
	assert_int_equal(ti_count(t->fresh, "SELECT count(*) FROM registration_family"), 2);
}

/* Semicolons, a BOM, CRLF, a quoted value with a line feed, quotes and a
 * semicolon, and a choice by its Slovak label ("Žena", "gruzínčina"). */
static void
test_csv_as_excel_writes(void **state)
{
	struct t *t = *state;
	char *v;

	ti_write(t->file, "\xEF\xBB\xBF" "surname;given_names;sex;dob;nationality;return_country;"
	    "languages;interpreter;interpreter_language;location;address;legal_status;"
	    "vulnerabilities;project\r\n"
	    "NOVAK;Jan;Žena;22.11.1990;GE;GE;gruzínčina;áno;ka;private_address;"
	    "\"Hlavná 5, \"\"U Lipy\"\"\r\nbyt 3; Košice\";irregular;none;AMIF-2026-01\r\n");
	assert_int_equal(ti_import(t, t->fresh, "registration", t->file), 0);
	assert_int_equal(ti_regs(t->fresh), 1);
	v = ti_text(t->fresh, "SELECT sex || '|' || dob || '|' || languages || '|' || interpreter"
	    " || '|' || address FROM registration");
	assert_string_equal(v, "female|1990-11-22|ka|yes|" TI_ADDR);
	free(v);
}

/* An unclosed quote: one line naming the file and the row, nothing imported,
 * nothing audited. */
static void
test_malformed(void **state)
{
	struct t *t = *state;
	long long audit = ti_count(t->fresh, "SELECT count(*) FROM audit");
	char *want;

	ti_write(t->file, TI_HEAD TI_ROW("ONE", "A", "1990-01-01") ",,\"TWO,B,female\r\n");
	assert_int_equal(ti_import(t, t->fresh, "registration", t->file), 1);
	want = xasprintf("avrr: %s:3: a quoted cell is not closed\n", t->file);
	assert_string_equal(t->err, want);
	free(want);
	assert_int_equal(ti_regs(t->fresh), 0);
	assert_int_equal(ti_count(t->fresh, "SELECT count(*) FROM cases"), 0);
	assert_int_equal(ti_count(t->fresh, "SELECT count(*) FROM audit"), audit);
}

/* A header no field has: FILE:1:HEADER. */
static void
test_unknown_column(void **state)
{
	struct t *t = *state;
	char *want;

	ti_write(t->file, "surname,\"Shoe\nsize\"\r\nX,42\r\n");
	assert_int_equal(ti_import(t, t->fresh, "registration", t->file), 1);
	/* the header's line feed does not break the message's line */
	want = xasprintf("%s:1:Shoe size: form 'registration' has no field of this name or "
	    "label\n", t->file);
	assert_int_equal(strncmp(t->err, want, strlen(want)), 0);
	free(want);
	assert_int_equal(ti_lines(t->err), 2);
	assert_int_equal(ti_regs(t->fresh), 0);
	/* a CSV file has no sheets: a usage error */
	assert_int_equal(ti_import(t, t->fresh, "registration", t->file, "--sheet", "Cases"), 2);
	ti_has(t->err, "--sheet");
}

/* One bad cell among good rows: named FILE:ROW:COLUMN, and not even the good
 * rows are imported. A value in a field that does not apply (an address at
 * an asylum centre) is named, not dropped. */
static void
test_bad_cell(void **state)
{
	struct t *t = *state;
	char *want;

	ti_write(t->file, TI_HEAD TI_ROW("ONE", "A", "1990-01-01") TI_ROW("TWO", "B", "31.02.1990")
	    TI_ROW("THREE", "C", "1990-01-03"));
	assert_int_equal(ti_import(t, t->fresh, "registration", t->file), 1);
	want = xasprintf("%s:3:dob: '31.02.1990' is not a date", t->file);
	assert_int_equal(strncmp(t->err, want, strlen(want)), 0);
	free(want);
	assert_int_equal(ti_lines(t->err), 2);
	ti_has(t->err, "nothing was imported");
	assert_int_equal(ti_regs(t->fresh), 0);
	assert_int_equal(ti_count(t->fresh, "SELECT count(*) FROM cases"), 0);
	assert_int_equal(ti_count(t->fresh, "SELECT count(*) FROM audit WHERE action = 'import'"), 0);

	ti_write(t->file, TI_HEAD ",,ONE,A,female,1990-01-01,GE,GE,ka,no,,rohovce,"
	    "\"Hlavná 5\",rejected,none,AMIF-2026-01\r\n");
	assert_int_equal(ti_import(t, t->fresh, "registration", t->file), 1);
	want = xasprintf("%s:2:address: a value is given, but the field does not apply", t->file);
	assert_int_equal(strncmp(t->err, want, strlen(want)), 0);
	free(want);
	assert_int_equal(ti_regs(t->fresh), 0);
}

/* A rule that refuses a row after its new case was made (an unaccompanied
 * minor aged 36) takes that row back whole: the rows after it are still
 * checked, so every refusal is reported, and nothing is imported. */
static void
test_every_refusal(void **state)
{
	struct t *t = *state;
	char *want;

#define TI_MINOR(sur, giv) ",," sur "," giv ",female,1990-01-01,GE,GE,ka ru,yes,ka," \
			"rohovce,,rejected,unaccompanied_minor,AMIF-2026-01\r\n"
	ti_write(t->file, TI_HEAD TI_MINOR("ONE", "A") TI_ROW("TWO", "B", "1990-01-02")
	    TI_MINOR("THREE", "C"));
#undef TI_MINOR
	assert_int_equal(ti_import(t, t->fresh, "registration", t->file), 1);
	want = xasprintf("%s:2: Registration refused: aged 36", t->file);
	assert_int_equal(strncmp(t->err, want, strlen(want)), 0);
	free(want);
	want = xasprintf("\n%s:4: Registration refused: aged 36", t->file);
	ti_has(t->err, want);
	free(want);
	assert_int_equal(ti_lines(t->err), 3);	/* the two, and nothing was imported */
	assert_int_equal(ti_regs(t->fresh), 0);
	assert_int_equal(ti_count(t->fresh, "SELECT count(*) FROM cases"), 0);
}

/* --dry-run checks, says how many, writes nothing. */
static void
test_dry_run(void **state)
{
	struct t *t = *state;
	long long audit = ti_count(t->fresh, "SELECT count(*) FROM audit");

	ti_write(t->file, TI_HEAD TI_ROW("ONE", "A", "1990-01-01") TI_ROW("TWO", "B", "1990-01-02"));
	assert_int_equal(ti_import(t, t->fresh, "registration", t->file, "--dry-run"), 0);
	ti_has(t->out, "2 records of form 'registration' would be imported");
	assert_int_equal(ti_regs(t->fresh), 0);
	assert_int_equal(ti_count(t->fresh, "SELECT count(*) FROM cases"), 0);
	assert_int_equal(ti_count(t->fresh, "SELECT count(*) FROM audit"), audit);
	assert_int_equal(ti_import(t, t->fresh, "registration", t->file), 0);
	assert_int_equal(ti_regs(t->fresh), 2);
}

/* A workbook made here: the header, a date cell, a boolean, a number-typed
 * phone left as text, on the sheet --sheet names. */
static void
test_xlsx(void **state)
{
	struct t *t = *state;
	static const char *const head[] = { "surname", "given_names", "sex", "dob", "nationality",
	    "return_country", "languages", "interpreter", "location", "legal_status",
	    "vulnerabilities", "project", NULL };
	static const char *const vals[] = { "LOMIDZE", "Giorgi", "male", NULL, "GE", "GE", "ka",
	    NULL, "rohovce", "irregular", "none", "AMIF-2026-01", NULL };
	char *path = ti_tmp(".xlsx"), *v;
	lxw_workbook *wb = workbook_new(path);
	lxw_worksheet *first = workbook_add_worksheet(wb, "Notes");
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Cases");
	lxw_format *date = workbook_add_format(wb);
	lxw_datetime dob = { 1985, 7, 4, 0, 0, 0 };
	lxw_col_t c;

	format_set_num_format(date, "dd.mm.yyyy");
	worksheet_write_string(first, 0, 0, "not the cases", NULL);
	for (c = 0; head[c] != NULL; c++) {
		worksheet_write_string(ws, 0, c, head[c], NULL);
		if (vals[c] != NULL)
			worksheet_write_string(ws, 1, c, vals[c], NULL);
	}
	worksheet_write_datetime(ws, 1, 3, &dob, date);
	worksheet_write_boolean(ws, 1, 7, 0, NULL);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
	assert_int_equal(ti_import(t, t->fresh, "registration", path), 1);	/* "Notes" */
	ti_has(t->err, ":1:not the cases:");
	assert_int_equal(ti_import(t, t->fresh, "registration", path, "--sheet", "Cases"), 0);
	v = ti_text(t->fresh, "SELECT surname || '|' || dob || '|' || interpreter FROM registration");
	assert_string_equal(v, "LOMIDZE|1985-07-04|no");
	free(v);
	unlink(path);
	free(path);
}

/* A person already registered (names and date of birth): reported FILE:ROW:
 * with the case, the import refused; with --allow-duplicates imported, the
 * line said as a note. The same names born on another day are only a note. */
static void
test_duplicate(void **state)
{
	struct t *t = *state;
	char *want, *note;

	ti_write(t->file, TI_HEAD TI_ROW("LOMIDZE", "Giorgi", "1985-07-04")
	    TI_ROW("KAPANADZE", "Nino", "1990-03-15"));
	assert_int_equal(ti_import(t, t->db, "registration", t->file), 1);
	want = xasprintf("%s:3: possibly the same person as in case AVRR-2026-00001: "
	    "KAPANADZE Nino, born 1990-03-15", t->file);
	note = xasprintf("%s:3: note: possibly the same person as in case AVRR-2026-00001: "
	    "KAPANADZE Nino", t->file);
	assert_int_equal(strncmp(t->err, want, strlen(want)), 0);
	ti_has(t->err, "--allow-duplicates");
	assert_int_equal(ti_regs(t->db), 2);
	assert_int_equal(ti_import(t, t->db, "registration", t->file, "--allow-duplicates"), 0);
	assert_int_equal(strncmp(t->err, note, strlen(note)), 0);
	assert_int_equal(ti_regs(t->db), 4);
	ti_write(t->file, TI_HEAD TI_ROW("ONE", "A", "1990-01-01")
	    TI_ROW("KAPANADZE", "Nino", "1977-07-07"));
	free(want);
	free(note);
	assert_int_equal(ti_import(t, t->db, "registration", t->file), 0);
	/* either registration of hers, equally like */
	note = xasprintf("%s:3: note: possibly the same person as in case AVRR-2026-0000", t->file);
	assert_int_equal(strncmp(t->err, note, strlen(note)), 0);
	ti_has(t->err, "KAPANADZE Nino, born 1990-03-15 (a match of 65 in 100)");
	free(note);
	assert_int_equal(ti_regs(t->db), 6);
}

/* A hotline operator may read registrations but not add them: one line,
 * the file not even read, nothing imported. */
static void
test_role_refused(void **state)
{
	struct t *t = *state;

	ti_write(t->file, TI_HEAD TI_ROW("ONE", "A", "1990-01-01"));
	assert_int_equal(ti_run(t, t->fresh, "hotliner", "import", "registration", t->file,
	    NULL), 1);
	ti_has(t->err, "may not");
	assert_int_equal(ti_lines(t->err), 1);
	assert_null(strstr(t->err, t->file));
	assert_int_equal(ti_regs(t->fresh), 0);
}

/* One audit row of the import (form, file, rows); the cases found by the
 * search the moment the command returns, by a name without its diacritics. */
static void
test_audit_and_search(void **state)
{
	struct t *t = *state;
	struct db_hit *hits = NULL;
	struct db *db;
	size_t n = 0;
	char *like;

	ti_write(t->file, TI_HEAD TI_ROW("NOVÁKOVÁ", "Eva", "1990-01-01")
	    TI_ROW("LOMIDZE", "Giorgi", "1985-07-04"));
	assert_int_equal(ti_import(t, t->fresh, "registration", t->file), 0);
	like = xasprintf("SELECT count(*) FROM audit WHERE action = 'import' AND user = 'importer'"
	    " AND changes LIKE '%%registration%%' AND changes LIKE '%%%s%%'"
	    " AND changes LIKE '%%\"2\"%%'", t->file);
	assert_int_equal(ti_count(t->fresh, like), 1);
	free(like);
	db = e2e_db_open(t->fresh);
	db_set_user(db, "importer");
	assert_int_equal(db_search(db, "novakova", 10, &hits, &n, NULL), DB_OK);
	assert_int_equal(n, 1);
	assert_string_equal(hits[0].case_no, "AVRR-2026-00001");
	db_hits_free(hits, n);
	e2e_db_close(t->fresh);
}

/* A row of a form of a case names its case by number; an unknown number is
 * named; the lifecycle rules of the save refuse what they refuse (a session
 * before the consent), FILE:ROW:. */
static void
test_case_rows(void **state)
{
	struct t *t = *state;
	char *want;

	ti_write(t->file, "case_no,consent_given,consent_on,explained_in,by_interpreter,"
	    "signed_paper,scope,event\r\n"
	    "AVRR-2026-00002,yes,2026-11-20,ro,no,yes,processing,given\r\n"
	    "AVRR-2026-00077,yes,2026-11-20,ro,no,yes,processing,given\r\n");
	assert_int_equal(ti_import(t, t->db, "consent", t->file), 1);
	want = xasprintf("%s:3:case_no: no case is numbered 'AVRR-2026-00077'\n", t->file);
	assert_int_equal(strncmp(t->err, want, strlen(want)), 0);
	free(want);
	ti_write(t->file, "case_no,consent_given,consent_on,explained_in,by_interpreter,"
	    "signed_paper,scope,event\r\n"
	    "AVRR-2026-00002,yes,2026-11-20,ro,no,yes,processing,given\r\n");
	if (ti_import(t, t->db, "consent", t->file) != 0)
		fail_msg("%s", t->err);
	assert_int_equal(ti_count(t->db, "SELECT count(*) FROM consent WHERE case_id = 2"), 1);
	/* case 1 has no consent: its counselling session is refused by the rules */
	ti_write(t->file, "case_no,kind,session_date,mode,interpreter,topics\r\n"
	    "AVRR-2026-00002,return,2026-11-21,phone,no,programme\r\n"
	    "AVRR-2026-00001,return,2026-11-21,phone,no,programme\r\n");
	assert_int_equal(ti_import(t, t->db, "session", t->file), 1);
	want = xasprintf("%s:3: Counselling session refused", t->file);
	assert_int_equal(strncmp(t->err, want, strlen(want)), 0);
	free(want);
	assert_int_equal(ti_lines(t->err), 2);
	assert_int_equal(ti_count(t->db, "SELECT count(*) FROM session"), 0);
}

/* Money: the amount with its currency column (a code in small letters, or
 * the currency's name), or both in one cell; an amount without a currency is
 * named at the currency's column. */
static void
test_money(void **state)
{
	struct t *t = *state;
	char *want, *v;

	ti_write(t->file, "code,name,donor,period_from,period_to,budget,budget_currency,"
	    "grant_per_person\r\n"
	    "P-1,One,amif,2026-01-01,2026-12-31,1000.50,eur,120 EUR\r\n"
	    "P-2,Two,Ministry of Interior,2026-01-01,2026-12-31,500,,\r\n");
	assert_int_equal(ti_run(t, t->fresh, "boss", "import", "project", t->file, NULL), 1);
	want = xasprintf("%s:3:budget_currency: ", t->file);
	assert_int_equal(strncmp(t->err, want, strlen(want)), 0);
	free(want);
	ti_write(t->file, "code,name,donor,period_from,period_to,budget,budget_currency,"
	    "grant_per_person\r\n"
	    "P-1,One,amif,2026-01-01,2026-12-31,1000.50,eur,120 EUR\r\n"
	    "P-2,Two,Ministry of Interior,2026-01-01,2026-12-31,500,Euro,\r\n");
	if (ti_run(t, t->fresh, "boss", "import", "project", t->file, NULL) != 0)
		fail_msg("%s", t->err);
	v = ti_text(t->fresh, "SELECT group_concat(code || ' ' || donor || ' ' || budget || ' ' ||"
	    " budget_currency || ' ' || coalesce(grant_per_person || ' ' ||"
	    " grant_per_person_currency, '-'), '|') FROM project_details");
	assert_string_equal(v, "P-1 amif 1000.5 EUR 120.0 EUR|P-2 interior 500.0 EUR -");
	free(v);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_round_trip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_round_trip_group, setup, teardown),
		cmocka_unit_test_setup_teardown(test_csv_as_excel_writes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_malformed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unknown_column, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_cell, setup, teardown),
		cmocka_unit_test_setup_teardown(test_every_refusal, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dry_run, setup, teardown),
		cmocka_unit_test_setup_teardown(test_xlsx, setup, teardown),
		cmocka_unit_test_setup_teardown(test_duplicate, setup, teardown),
		cmocka_unit_test_setup_teardown(test_role_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_audit_and_search, setup, teardown),
		cmocka_unit_test_setup_teardown(test_case_rows, setup, teardown),
		cmocka_unit_test_setup_teardown(test_money, setup, teardown),
	};

	/* the cases this process makes are numbered in the year of the one
	 * clock, the commands' own (AVRR_TODAY), whatever the system's */
	setenv("AVRR_TODAY", "2026-11-22", 1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
