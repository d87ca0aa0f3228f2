/*
 * `avrr export` through the real binary on the real forms and their
 * permissions: CSV as RFC 4180 has it (a value with a comma, a quote, a line
 * feed and a semicolon quoted, quotes doubled, CRLF line ends, the same bytes
 * on the standard output as in the file), the BOM with --bom, a header of
 * Slovak labels with --labels sk, a repeat group's rows with FORM.GROUP, JSON
 * that parses and holds the records with their rows; a hotline operator's
 * export holds no legal status, and a form the role may not read is refused;
 * an export is one audit row; an unknown form is exit 1 with one line naming
 * it; --output makes a new file only its owner reads and refuses an existing
 * one.
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

#include "app.h"
#include "db/cases.h"
#include "db/record.h"
#include "util/json.h"
#include "util/mem.h"
#include "util/str.h"

/* A comma, a quote, a line feed and a semicolon; in CSV as it must be. */
#define TE_ADDR		"Hlavná 5, \"U Lipy\"\nbyt 3; Košice"
#define TE_ADDR_CSV	"\"Hlavná 5, \"\"U Lipy\"\"\nbyt 3; Košice\""
#define TE_BOM		"\xEF\xBB\xBF"

struct t {
	struct e2e_db	*db;
	char		*out;	/* what the last command printed */
	char		*err;
	char		*file;	/* a path for --output (not made) */
	int64_t		 case_id;
};

static void
te_sql(struct t *t, const char *sql)
{
	e2e_sql(t->db, sql);
}

static long long
te_count(struct t *t, const char *sql)
{
	return e2e_sql_count(t->db, sql);
}

/* A case with a registration of two family members, the address hostile. */
static void
te_case(struct t *t)
{
	struct form_record *rec;
	struct db_case c;

	e2e_db_open(t->db);
	assert_int_equal(db_case_create(t->db->db, NULL, NULL, &c, NULL), DB_OK);
	t->case_id = c.id;
	db_case_clear(&c);
	rec = e2e_rec(t->db, t->case_id, "registration", "surname", "Kapanadze",
	    "given_names", "Nino", "address", TE_ADDR, "legal_status", "detained",
	    "sex", "female", NULL);
	e2e_row(rec, "family", "surname", "Kapanadze", "given_names", "Levan",
	    "relationship", "spouse", NULL);
	e2e_row(rec, "family", "surname", "Kapanadze", "given_names", "Mariam",
	    "relationship", "child", NULL);
	assert_int_equal(db_record_save(t->db->db, rec, NULL, NULL), DB_OK);
	form_record_free(rec);
	e2e_db_close(t->db);
}

static int
setup(void **state)
{
	struct t *t = xcalloc(1, sizeof *t);
	char tmpl[] = "/tmp/avrr-export-XXXXXX";
	int fd = mkstemp(tmpl);

	assert_true(fd >= 0);
	close(fd);
	unlink(tmpl);
	t->file = xasprintf("%s.csv", tmpl);
	t->db = e2e_db_new_forms("forms");	/* the real forms: their classes, their roles */
	te_case(t);
	te_sql(t, "INSERT INTO users (name, role, created_at)"
	    " VALUES ('exporter', 'supervisor', '2026-01-01')");
	*state = t;
	return 0;
}

static int
teardown(void **state)
{
	struct t *t = *state;

	unlink(t->file);
	free(t->file);
	e2e_db_free(t->db);
	free(t->out);
	free(t->err);
	free(t);
	return 0;
}

/* avrr export --db DB args... as the user exporter; the exit status, with
 * t->out and t->err. */
static int
te_run(struct t *t, ...)
{
	const char *bin = getenv("AVRR_BIN") != NULL ? getenv("AVRR_BIN") : "build/test/avrr";
	char *argv[16], out[] = "/tmp/avrr-te-out-XXXXXX", err[] = "/tmp/avrr-te-err-XXXXXX";
	int fo = mkstemp(out), fe = mkstemp(err), n = 0, status;
	va_list ap;
	pid_t pid;

	argv[n++] = (char *)bin;
	argv[n++] = "export";
	argv[n++] = "--db";
	argv[n++] = t->db->path;
	va_start(ap, t);
	while (n < 15 && (argv[n] = va_arg(ap, char *)) != NULL)
		n++;
	va_end(ap);
	argv[n] = NULL;
	assert_true(fo >= 0 && fe >= 0);
	if ((pid = fork()) == 0) {
		dup2(fo, 1);
		dup2(fe, 2);
		setenv("AVRR_FORMS", "forms", 1);
		setenv("AVRR_USER", "exporter", 1);
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

static void
te_has(const char *text, const char *want)
{
	if (strstr(text, want) == NULL)
		fail_msg("\"%s\" lacks \"%s\"", text, want);
}

static size_t
te_count_str(const char *s, const char *what)
{
	size_t n = 0;

	for (; (s = strstr(s, what)) != NULL; s++)
		n++;
	return n;
}

/* The value quoted, its quotes doubled; every line ends CRLF (the header's
 * and the record's: the value's own line feed is inside the quotes); the
 * standard output has the same bytes as the file. */
static void
test_csv_quoting(void **state)
{
	struct t *t = *state;
	char *file;

	assert_int_equal(te_run(t, "registration", "--output", t->file, NULL), 0);
	file = e2e_slurp(t->file, NULL);
	assert_non_null(file);
	assert_int_equal(strncmp(file, "case_no,record_id,surname,given_names,", 38), 0);
	te_has(file, "," TE_ADDR_CSV ",");
	te_has(file, ",Kapanadze,Nino,");
	assert_int_equal(te_count_str(file, "\r\n"), 2);
	assert_int_equal(te_count_str(file, "\n"), 3);
	assert_string_equal(file + strlen(file) - 2, "\r\n");
	assert_int_equal(strncmp(file, TE_BOM, 3) == 0, 0);
	assert_int_equal(te_run(t, "registration", NULL), 0);
	assert_string_equal(t->out, file);
	free(file);
}

static void
test_bom(void **state)
{
	struct t *t = *state;
	char *file;

	assert_int_equal(te_run(t, "registration", "--bom", "--output", t->file, NULL), 0);
	file = e2e_slurp(t->file, NULL);
	assert_non_null(file);
	assert_int_equal(strncmp(file, TE_BOM "case_no,", 11), 0);
	free(file);
	/* the standard output would show no BOM */
	assert_int_equal(te_run(t, "registration", "--bom", NULL), 2);
	assert_string_equal(t->out, "");
}

static void
test_labels_sk(void **state)
{
	struct t *t = *state;

	assert_int_equal(te_run(t, "registration", "--labels", "sk", NULL), 0);
	assert_int_equal(strncmp(t->out, "Číslo prípadu,Záznam,Priezvisko (ako v pase),"
	    "Meno (ako v pase),", strlen("Číslo prípadu,Záznam,Priezvisko (ako v pase),"
	    "Meno (ako v pase),")), 0);
	assert_int_equal(te_run(t, "registration", "--labels", "xx", NULL), 2);
}

/* One line per family member, after the parent's case number and record id. */
static void
test_group(void **state)
{
	struct t *t = *state;

	assert_int_equal(te_run(t, "registration.family", NULL), 0);
	assert_int_equal(strncmp(t->out, "case_no,record_id,surname,given_names,", 38), 0);
	assert_int_equal(te_count_str(t->out, "\r\n"), 3);
	te_has(t->out, "\r\nAVRR-2026-00001,1,Kapanadze,Levan,");
	te_has(t->out, "\r\nAVRR-2026-00001,1,Kapanadze,Mariam,");
	assert_null(strstr(t->out, "Nino"));
	assert_int_equal(te_run(t, "registration.surname", NULL), 1);
	te_has(t->err, "registration.surname");
}

static void
test_json(void **state)
{
	struct t *t = *state;
	const struct json *recs, *r, *fam;
	struct json *doc;
	char *err = NULL;

	assert_int_equal(te_run(t, "registration", "--format", "json", NULL), 0);
	doc = json_parse(t->out, strlen(t->out), &err);
	if (doc == NULL)
		fail_msg("%s: %s", t->out, err);
	assert_string_equal(json_get_str(doc, "form"), "registration");
	recs = json_get(doc, "records");
	assert_non_null(recs);
	assert_int_equal(recs->type, JSON_ARRAY);
	assert_int_equal(recs->n, 1);
	r = &recs->items[0];
	assert_string_equal(json_get_str(r, "case_no"), "AVRR-2026-00001");
	assert_string_equal(json_get_str(r, "address"), TE_ADDR);
	assert_string_equal(json_get_str(r, "legal_status"), "detained");
	fam = json_get(r, "family");
	assert_non_null(fam);
	assert_int_equal(fam->n, 2);
	assert_string_equal(json_get_str(&fam->items[1], "given_names"), "Mariam");
	json_free(doc);
	assert_int_equal(te_run(t, "registration", "--format", "xml", NULL), 2);
}

/* A hotline operator reads registrations but not the legal status: no value
 * of it in either format; the plan is refused with the data layer's line. */
static void
test_masked(void **state)
{
	struct t *t = *state;

	te_sql(t, "UPDATE users SET role = 'hotline' WHERE name = 'exporter'");
	assert_int_equal(te_run(t, "registration", NULL), 0);
	te_has(t->out, ",Kapanadze,Nino,");
	assert_null(strstr(t->out, "detained"));
	assert_int_equal(te_run(t, "registration", "--format", "json", NULL), 0);
	te_has(t->out, "\"Nino\"");
	assert_null(strstr(t->out, "detained"));
	assert_null(strstr(t->out, "\"legal_status\""));
	assert_int_equal(te_run(t, "plan", NULL), 1);
	assert_string_equal(t->out, "");
	te_has(t->err, "may not read");
	assert_int_equal(te_count_str(t->err, "\n"), 1);
}

static void
test_audited(void **state)
{
	struct t *t = *state;

	assert_int_equal(te_count(t, "SELECT count(*) FROM audit WHERE action = 'export'"), 0);
	assert_int_equal(te_run(t, "registration.family", "--format", "json", NULL), 0);
	assert_int_equal(te_count(t, "SELECT count(*) FROM audit WHERE action = 'export'"
	    " AND user = 'exporter' AND changes LIKE '%registration.family%'"
	    " AND changes LIKE '%json%' AND changes LIKE '%\"2\"%'"), 1);
}

static void
test_unknown(void **state)
{
	struct t *t = *state;

	assert_int_equal(te_run(t, "nonesuch", NULL), 1);
	assert_string_equal(t->out, "");
	te_has(t->err, "'nonesuch'");
	assert_int_equal(te_count_str(t->err, "\n"), 1);
	assert_int_equal(te_count(t, "SELECT count(*) FROM audit WHERE action = 'export'"), 0);
}

/* A new file of mode 0600; an existing one is refused and left as it was,
 * and nothing is audited. */
static void
test_output_new(void **state)
{
	struct t *t = *state;
	struct stat st;
	FILE *f;
	char *file;

	assert_int_equal(te_run(t, "registration", "--output", t->file, NULL), 0);
	assert_int_equal(stat(t->file, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	unlink(t->file);
	assert_non_null(f = fopen(t->file, "w"));
	fputs("keep me", f);
	fclose(f);
	assert_int_equal(te_run(t, "registration", "--output", t->file, NULL), 1);
	te_has(t->err, t->file);
	file = e2e_slurp(t->file, NULL);
	assert_string_equal(file, "keep me");
	free(file);
	assert_int_equal(te_count(t, "SELECT count(*) FROM audit WHERE action = 'export'"), 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_csv_quoting, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bom, setup, teardown),
		cmocka_unit_test_setup_teardown(test_labels_sk, setup, teardown),
		cmocka_unit_test_setup_teardown(test_group, setup, teardown),
		cmocka_unit_test_setup_teardown(test_json, setup, teardown),
		cmocka_unit_test_setup_teardown(test_masked, setup, teardown),
		cmocka_unit_test_setup_teardown(test_audited, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unknown, setup, teardown),
		cmocka_unit_test_setup_teardown(test_output_new, setup, teardown),
	};

	/* the cases this process makes are numbered in the year of the one
	 * clock, the commands' own (AVRR_TODAY), whatever the system's */
	setenv("AVRR_TODAY", "2026-11-22", 1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
