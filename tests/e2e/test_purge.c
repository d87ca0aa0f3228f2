/*
 * Retention and the data subject's rights, through the real binary on the
 * real forms: `avrr purge` leaves no byte of a purged case's identifying
 * values in the database file, its -wal or its -shm (grep -c finds the
 * canary in none of them), keeps what the reports count (status,
 * nationality, payments, closure reason, family size, year of birth) and
 * leaves a case that is not due as it was; `--dry-run` lists the case and
 * changes no byte; `avrr subject-export` writes the case's records, calls,
 * drafts and audit and nothing of another case, and audits itself.
 */
#include <fcntl.h>
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

#include "app.h"
#include "db/cases.h"
#include "db/draft.h"
#include "db/record.h"
#include "db/users.h"
#include "form/form.h"
#include "form/value.h"
#include "util/json.h"
#include "util/mem.h"
#include "util/str.h"

#define CANARY	"CANARY-7f3a"
#define CANARY6	"CANARY"	/* what is looked for: the part every field can hold */
#define PHONE	"+421 905 777 313"
#define OTHER	"KEEPME-91c2"
#define LATER	"2040-01-01"	/* today for the purge: the closure is years ago */

struct t {
	struct e2e_db	*db;
	int64_t		 purged, kept;
};

/* ---- the cases ------------------------------------------------------------ */

/* A value for a field of type f->type: the canary in every text. */
static const char *
tp_value(const struct form_set *set, const struct form_field *f, const char *text)
{
	const struct form_choices *list;

	switch (f->type) {
	case FT_TEXT: case FT_MULTILINE:
		return text;
	case FT_PHONE:
		return str_eq(text, CANARY) ? PHONE : "+421 911 222 333";
	case FT_DATE:
		return "1980-05-17";
	case FT_DATETIME:
		return "2025-01-05 10:30";
	case FT_INTEGER:
		return "1";
	case FT_DECIMAL:
		return "1.5";
	case FT_MONEY:
		return "250.00";
	case FT_YESNO:
		return "yes";
	case FT_SELECT_ONE: case FT_SELECT_MANY:
		if ((list = form_set_choices(set, f->choices)) == NULL)
			return NULL;
		if (list->builtin)
			return str_eq(list->name, "country") ? "GE" :
			    str_eq(list->name, "language") ? "ka" : "EUR";
		return list->nitems > 0 ? list->items[0].code : NULL;
	default:
		return NULL;
	}
}

static void
tp_fill(const struct form_set *set, struct form_record *rec, const char *text)
{
	const struct form_def *def = rec->def;
	char cut[64];
	size_t i;

	for (i = 0; i < def->nfields; i++) {
		if (def->fields[i].type == FT_REPEAT) {
			tp_fill(set, form_record_add_row(rec, i), text);
			tp_fill(set, form_record_add_row(rec, i), text);
			continue;
		}
		/* a short field takes what fits (the canary's first six letters fit all) */
		snprintf(cut, sizeof cut, "%.*s", form_field_limit(&def->fields[i]), text);
		form_record_set(rec, i, tp_value(set, &def->fields[i], cut));
		if (def->fields[i].type == FT_MONEY)
			form_record_set_part(rec, i, 1, "EUR");
	}
}

static void
tp_set(struct form_record *rec, const char *field, const char *v)
{
	int k = form_field_index(rec->def, field);

	assert_true(k >= 0);
	form_record_set(rec, (size_t)k, v);
}

static void
tp_save(struct t *t, struct form_record *rec)
{
	char *err = NULL;

	if (db_record_save(t->db->db, rec, NULL, &err) != DB_OK)
		fail_msg("%s not saved: %s", rec->def->name, err != NULL ? err : "?");
}

/* One record of every form that belongs to a case, texts all text. */
static void
tp_records(struct t *t, int64_t case_id, const char *text)
{
	const struct form_set *set = t->db->forms;
	struct form_record *rec;
	int64_t draft = 0;
	size_t i;

	for (i = 0; i < set->nforms; i++) {
		if (set->forms[i]->parent != NULL || str_eq(set->forms[i]->name, "campaign") ||
		    str_eq(set->forms[i]->name, "project"))
			continue;
		rec = form_record_new(set->forms[i]);
		rec->case_id = case_id;
		tp_fill(set, rec, text);
		if (str_eq(rec->def->name, "closure")) {
			tp_set(rec, "closed_on", "2030-03-10");
			tp_set(rec, "reason", "withdrawn");
		}
		if (str_eq(rec->def->name, "call")) {	/* a call linked after it was saved */
			rec->case_id = 0;
			tp_save(t, rec);
			rec->case_id = case_id;
		}
		if (str_eq(rec->def->name, "payment")) {
			tp_save(t, rec);
			rec->id = 0;
			rec->version = 0;
			tp_set(rec, "amount", "100.00");
		}
		tp_save(t, rec);
		if (str_eq(rec->def->name, "registration"))
			assert_int_equal(db_draft_save(t->db->db, &draft, rec, 0, NULL), DB_OK);
		form_record_free(rec);
	}
	/* a draft of a record not saved yet: only its case names it */
	rec = form_record_new(form_set_find(set, "session"));
	rec->case_id = case_id;
	tp_fill(set, rec, text);
	draft = 0;
	assert_int_equal(db_draft_save(t->db->db, &draft, rec, 0, NULL), DB_OK);
	form_record_free(rec);
}

static int64_t
tp_case(struct t *t, const char *text, bool closed)
{
	struct db_case c;
	int64_t id;

	assert_int_equal(db_case_create(t->db->db, NULL, "ka", &c, NULL), DB_OK);
	id = c.id;
	db_case_clear(&c);
	tp_records(t, id, text);
	assert_int_equal(db_case_load(t->db->db, id, &c, NULL), DB_OK);
	if (closed)
		assert_int_equal(db_case_set_status(t->db->db, &c, CASE_CLOSED, NULL), DB_OK);
	db_case_clear(&c);
	return id;
}

static int
tp_setup(void **state)
{
	struct t *t = xcalloc(1, sizeof *t);

	t->db = e2e_db_new_rules("forms");
	e2e_db_open(t->db);
	/* the purge and a subject's export are a supervisor's */
	assert_int_equal(db_users_set(t->db->db, "tester", "supervisor", NULL), DB_OK);
	t->purged = tp_case(t, CANARY, true);
	t->kept = tp_case(t, OTHER, false);
	e2e_db_close(t->db);
	*state = t;
	return 0;
}

static int
tp_teardown(void **state)
{
	struct t *t = *state;

	e2e_db_free(t->db);
	free(t);
	return 0;
}

/* ---- the binary and the files --------------------------------------------- */

/* Runs avrr with args (NULL-terminated) at today; its stdout (malloc'd). */
static char *
tp_run(const char *today, int want, ...)
{
	char *argv[12] = { "avrr" }, path[] = "/tmp/avrr-purge-out-XXXXXX", *out;
	const char *bin = getenv("AVRR_BIN");
	struct strbuf sb = STRBUF_INIT;
	int n = 1, fd, status;
	char buf[4096];
	ssize_t r;
	va_list ap;
	pid_t pid;

	va_start(ap, want);
	while (n < 11 && (argv[n] = va_arg(ap, char *)) != NULL)
		n++;
	va_end(ap);
	argv[n] = NULL;
	assert_true((fd = mkstemp(path)) >= 0);
	fflush(NULL);
	if ((pid = fork()) == 0) {
		dup2(fd, 1);
		setenv("AVRR_TODAY", today, 1);
		setenv("AVRR_USER", "tester", 1);
		setenv("LANG", "C.UTF-8", 1);
		unsetenv("AVRR_LANG");
		execv(bin != NULL ? bin : "build/test/avrr", argv);
		_exit(127);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), want);
	lseek(fd, 0, SEEK_SET);
	while ((r = read(fd, buf, sizeof buf)) > 0)
		strbuf_add(&sb, buf, (size_t)r);
	close(fd);
	unlink(path);
	strbuf_puts(&sb, "");
	out = strbuf_take(&sb);
	return out;
}

/* What `grep -c -i text file` counts (0 for a file that is not there): the
 * search index keeps its words in lower case. */
static long
tp_grep(const char *path, const char *suffix, const char *text)
{
	char *cmd = xasprintf("grep -c -i -- '%s' '%s%s' 2>/dev/null", text, path, suffix);
	FILE *p = popen(cmd, "r");
	long n = 0;

	assert_non_null(p);
	if (fscanf(p, "%ld", &n) != 1)
		n = 0;
	pclose(p);
	free(cmd);
	return n;
}

static long
tp_grep_all(const char *path, const char *text)
{
	return tp_grep(path, "", text) + tp_grep(path, "-wal", text) +
	    tp_grep(path, "-shm", text);
}

static char *
tp_read(const char *path, size_t *len)
{
	struct strbuf sb = STRBUF_INIT;
	FILE *f = fopen(path, "rb");
	char buf[4096];
	size_t n;

	assert_non_null(f);
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		strbuf_add(&sb, buf, n);
	fclose(f);
	*len = sb.len;
	return strbuf_take(&sb);
}

static char *
tp_sql(sqlite3 *raw, const char *sql, int64_t id)
{
	sqlite3_stmt *st;
	char *v = NULL;

	assert_int_equal(sqlite3_prepare_v2(raw, sql, -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0) != NULL)
		v = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return v;
}

static void
tp_sql_is(sqlite3 *raw, const char *sql, int64_t id, const char *want)
{
	char *v = tp_sql(raw, sql, id);

	if (want == NULL)
		assert_null(v);
	else
		assert_string_equal(v != NULL ? v : "(null)", want);
	free(v);
}

/* ---- the tests ------------------------------------------------------------ */

/* Purge: the canary is gone from the file, its WAL and -shm (another
 * connection stays open, so the WAL is not simply removed at the end), and
 * the case that is not due keeps its values. */
static void
test_purge_canary(void **state)
{
	struct t *t = *state;
	char *out, *wal = xasprintf("%s-wal", t->db->path);
	sqlite3 *idle;

	assert_int_equal(sqlite3_open(t->db->path, &idle), SQLITE_OK);
	assert_int_equal(sqlite3_exec(idle, "SELECT count(*) FROM cases", NULL, NULL, NULL),
	    SQLITE_OK);
	assert_true(tp_grep_all(t->db->path, CANARY6) > 0);
	assert_true(tp_grep_all(t->db->path, "905 777 313") > 0);
	out = tp_run(LATER, 0, "purge", "--db", t->db->path, NULL);
	assert_non_null(strstr(out, "anonymised"));
	assert_non_null(strstr(out, "cases due for anonymisation: 1 "));
	free(out);
	assert_int_equal(tp_grep(t->db->path, "", CANARY6), 0);
	assert_int_equal(tp_grep(t->db->path, "-wal", CANARY6), 0);
	assert_int_equal(tp_grep(t->db->path, "-shm", CANARY6), 0);
	assert_int_equal(tp_grep_all(t->db->path, "905 777 313"), 0);
	assert_true(tp_grep_all(t->db->path, OTHER) > 0);
	assert_int_equal(access(wal, F_OK), 0);		/* the WAL is still there */
	free(wal);
	sqlite3_close(idle);
	assert_int_equal(tp_grep_all(t->db->path, CANARY6), 0);
	/* done once: the case is not due again */
	out = tp_run(LATER, 0, "purge", "--dry-run", "--db", t->db->path, NULL);
	assert_non_null(strstr(out, "cases due for anonymisation: 0 "));
	free(out);
}

/* What the reports count is still there after the purge. */
static void
test_purge_keeps_counts(void **state)
{
	struct t *t = *state;
	sqlite3 *raw;

	free(tp_run(LATER, 0, "purge", "--db", t->db->path, NULL));
	assert_int_equal(sqlite3_open(t->db->path, &raw), SQLITE_OK);
	tp_sql_is(raw, "SELECT status FROM cases WHERE id = ?1", t->purged, "closed");
	tp_sql_is(raw, "SELECT nationality FROM registration WHERE case_id = ?1", t->purged,
	    "GE");
	tp_sql_is(raw, "SELECT dob FROM registration WHERE case_id = ?1", t->purged,
	    "1980-01-01");
	tp_sql_is(raw, "SELECT surname FROM registration WHERE case_id = ?1", t->purged, NULL);
	tp_sql_is(raw, "SELECT count(*) FROM registration_family f JOIN registration r"
	    " ON r.id = f.parent_id WHERE r.case_id = ?1", t->purged, "2");
	tp_sql_is(raw, "SELECT printf('%.2f', sum(amount)) FROM payment WHERE case_id = ?1",
	    t->purged, "350.00");
	tp_sql_is(raw, "SELECT amount_currency FROM payment WHERE case_id = ?1", t->purged,
	    "EUR");
	tp_sql_is(raw, "SELECT invoice_no FROM payment WHERE case_id = ?1", t->purged, NULL);
	tp_sql_is(raw, "SELECT reason FROM closure WHERE case_id = ?1", t->purged, "withdrawn");
	tp_sql_is(raw, "SELECT count(*) FROM drafts WHERE case_id = ?1", t->purged, "0");
	tp_sql_is(raw, "SELECT count(*) FROM drafts WHERE case_id = ?1", t->kept, "2");
	tp_sql_is(raw, "SELECT surname FROM registration WHERE case_id = ?1", t->kept, OTHER);
	/* what the audit said of the case is erased; the purge's own rows (one per
	 * record, one for the case) name the fields it cleared, never a value */
	tp_sql_is(raw, "SELECT count(*) FROM audit WHERE case_id = ?1 AND changes IS NULL",
	    t->purged, "13");	/* 11 records saved, the case made and closed */
	tp_sql_is(raw, "SELECT count(*) FROM audit WHERE case_id = ?1 AND changes LIKE"
	    " '%surname\":{\"old\":\"[purged]\"}%'", t->purged, "1");
	tp_sql_is(raw, "SELECT count(*) FROM audit WHERE case_id = ?1 AND changes LIKE"
	    " '%purged%'", t->purged, "12");
	tp_sql_is(raw, "SELECT count(*) FROM audit WHERE case_id = ?1 AND changes IS NULL",
	    t->kept, "0");
	sqlite3_close(raw);
}

/* --dry-run names the case and changes no byte of the file. */
static void
test_purge_dry_run(void **state)
{
	struct t *t = *state;
	size_t alen, blen;
	char *before, *after, *out;
	sqlite3 *raw;

	assert_int_equal(sqlite3_open(t->db->path, &raw), SQLITE_OK);
	assert_int_equal(sqlite3_exec(raw, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL),
	    SQLITE_OK);
	sqlite3_close(raw);
	before = tp_read(t->db->path, &blen);
	out = tp_run(LATER, 0, "purge", "--dry-run", "--db", t->db->path, NULL);
	assert_non_null(strstr(out, "would be anonymised"));
	assert_non_null(strstr(out, "cases due for anonymisation: 1 "));
	after = tp_read(t->db->path, &alen);
	assert_int_equal(alen, blen);
	assert_memory_equal(before, after, blen);
	assert_true(tp_grep_all(t->db->path, CANARY6) > 0);
	free(out);
	free(before);
	free(after);
	/* not yet due at the day the closure is four years old */
	out = tp_run("2034-03-09", 0, "purge", "--dry-run", "--db", t->db->path, NULL);
	assert_non_null(strstr(out, "cases due for anonymisation: 0 "));
	free(out);
}

/* The records of the document, by form. */
static size_t
tp_count_form(const struct json *doc, const char *form)
{
	const struct json *recs = json_get(doc, "records");
	size_t i, n = 0;

	assert_non_null(recs);
	for (i = 0; i < recs->n; i++)
		n += str_eq(json_get_str(&recs->items[i], "form"), form);
	return n;
}

/* The export holds the case's records (calls included), drafts and audit,
 * nothing of the other case, and is audited. */
static void
test_subject_export(void **state)
{
	struct t *t = *state;
	char *out, *no, *err = NULL;
	struct json *doc;
	sqlite3 *raw;

	assert_int_equal(sqlite3_open(t->db->path, &raw), SQLITE_OK);
	no = tp_sql(raw, "SELECT case_no FROM cases WHERE id = ?1", t->purged);
	out = tp_run(LATER, 0, "subject-export", no, "--db", t->db->path, NULL);
	doc = json_parse(out, strlen(out), &err);
	assert_non_null(doc);
	assert_string_equal(json_get_str(json_get(doc, "case"), "case_no"), no);
	assert_int_equal(tp_count_form(doc, "registration"), 1);
	assert_int_equal(tp_count_form(doc, "call"), 1);
	assert_int_equal(tp_count_form(doc, "payment"), 2);
	assert_int_equal(json_get(doc, "drafts")->n, 2);
	assert_true(json_get(doc, "audit")->n >= 13);
	assert_non_null(strstr(out, "\"surname\":\"" CANARY "\""));
	assert_non_null(strstr(out, "subject_export"));
	assert_null(strstr(out, OTHER));
	tp_sql_is(raw, "SELECT count(*) FROM audit WHERE case_id = ?1 AND changes LIKE"
	    " '%subject_export%' AND user = 'tester'", t->purged, "1");
	sqlite3_close(raw);
	json_free(doc);
	free(out);
	free(no);
	/* no such case: one line, exit 1 */
	free(tp_run(LATER, 1, "subject-export", "AVRR-1999-99999", "--db", t->db->path, NULL));
}

/* A subject's export and the purge are refused to a counsellor, who reads
 * every record (and to every role but supervisor and administrator), in the
 * data layer: nothing of the case is printed, nothing is purged. */
static void
test_oversight_refused(void **state)
{
	struct t *t = *state;
	char *out, *no;
	sqlite3 *raw;

	assert_int_equal(sqlite3_open(t->db->path, &raw), SQLITE_OK);
	no = tp_sql(raw, "SELECT case_no FROM cases WHERE id = ?1", t->purged);
	sqlite3_close(raw);
	e2e_db_open(t->db);
	assert_int_equal(db_users_set(t->db->db, "tester", "counsellor", NULL), DB_OK);
	e2e_db_close(t->db);
	out = tp_run(LATER, 1, "subject-export", no, "--db", t->db->path, NULL);
	assert_null(strstr(out, CANARY));
	free(out);
	free(tp_run(LATER, 1, "purge", "--db", t->db->path, NULL));
	free(tp_run(LATER, 1, "purge", "--dry-run", "--db", t->db->path, NULL));
	assert_true(tp_grep_all(t->db->path, CANARY) > 0);	/* still there */
	free(no);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_purge_canary, tp_setup, tp_teardown),
		cmocka_unit_test_setup_teardown(test_purge_keeps_counts, tp_setup, tp_teardown),
		cmocka_unit_test_setup_teardown(test_purge_dry_run, tp_setup, tp_teardown),
		cmocka_unit_test_setup_teardown(test_subject_export, tp_setup, tp_teardown),
		cmocka_unit_test_setup_teardown(test_oversight_refused, tp_setup, tp_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
