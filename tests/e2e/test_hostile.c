/*
 * Hostile text never reaches the terminal raw. Every kind of field of a case
 * (text, multi-line, date, choice, yes/no, integer, phone, a repeat row, a
 * call), its case number and the user's name hold C0 and C1 controls, CSI,
 * OSC and DCS sequences, bidi controls, zero-width characters and invalid
 * UTF-8; the case list, the search (typed hostile text too), the case
 * overview and the form view are shown, and every command that prints stored
 * or given text runs; in every byte the program sent to the pty none of them
 * appears (util/utf8 makes each a visible U+FFFD; ui/draw and cmd/out are the
 * two doors).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "e2e/app.h"
#include "util/mem.h"
#include "util/str.h"
#include "util/utf8.h"

#define T	E2E_T

/* Every class: C0 (ENQ, VT, FF, SO, FS, DEL), 8-bit CSI, NEL, a CSI, an OSC
 * that sets the title, a DCS, bidi override, isolates and marks, zero-width
 * characters, an OSC never ended, then invalid UTF-8 (a lone 0xFF, an
 * overlong lead, a cut sequence). */
#define HOSTILE_VALID	"\x01\x05\x0b\x0c\x0e\x1c\x7f" "\xC2\x9B" "31m\xC2\x85" \
	"\x1b[66;1t\x1b]0;PWNTITLE\x07\x1bP1$qm\x1b\\" \
	"\xE2\x80\xAE" "gnp.exe\xE2\x80\xAC\xE2\x81\xA6x\xE2\x81\xA9" \
	"\xE2\x80\x8B\xE2\x80\x8D\xEF\xBB\xBF\xE2\x81\xA0\xE2\x80\x8E\xD8\x9C" "\x1b]2;unended"
#define HOSTILE	HOSTILE_VALID "\xFF\xC0\xE2\x80" "Z"
/* What a form file may hold (the parser refuses controls and bad UTF-8). */
#define HOSTILE_FORM	"\xE2\x80\xAE" "gnp\xE2\x81\xA6\xE2\x80\x8B\xEF\xBB\xBF\xD8\x9C"

struct t {
	struct e2e_db	*db;
	struct vt	*vt;
	char		*dir;	/* forms with hostile labels */
};

static int
setup(void **state)
{
	struct t *t = xcalloc(1, sizeof *t);

	t->db = e2e_db_new();
	*state = t;
	return 0;
}

static int
teardown(void **state)
{
	struct t *t = *state;

	vt_free(t->vt);
	e2e_db_free(t->db);
	if (t->dir != NULL) {
		char *f = xasprintf("%s/x.form", t->dir);

		unlink(f);
		rmdir(t->dir);
		free(f);
		free(t->dir);
	}
	free(t);
	return 0;
}

/* What a terminal may get that is not text: cursor and line controls, and ESC
 * starting the sequences curses sends (never a string: OSC, DCS, SOS, PM, APC). */
static bool
hostile_allowed_control(const char *raw, size_t i, size_t len)
{
	unsigned char c = (unsigned char)raw[i];

	if (c == '\b' || c == '\t' || c == '\n' || c == '\r' || c == 0x07)
		return true;
	if (c != 0x1b)
		return false;
	if (i + 1 < len && strchr("]P_^X", raw[i + 1]) != NULL)
		return false;
	return len - i < 7 || memcmp(raw + i, "\x1b[66;1t", 7) != 0;
}

/* Fails naming where and the offset when a hostile byte or sequence is in raw. */
static void
hostile_assert_clean(const char *raw, size_t len, const char *where)
{
	size_t i = 0, k;
	uint32_t cp;

	while (i < len) {
		k = utf8_decode(raw + i, len - i, &cp);
		if (cp == UTF8_REPLACEMENT && k == 1)
			fail_msg("%s: invalid UTF-8 byte 0x%02X at %zu of %zu", where,
			    (unsigned char)raw[i], i, len);
		if (cp < 0x20 || cp == 0x7f) {
			if (!hostile_allowed_control(raw, i, len))
				fail_msg("%s: control 0x%02X (then '%.6s') at %zu of %zu",
				    where, (unsigned)cp, raw + i + 1, i, len);
		} else if (cp != UTF8_REPLACEMENT && utf8_cp_harmful(cp))
			fail_msg("%s: U+%04X at %zu of %zu", where, (unsigned)cp, i, len);
		i += k;
	}
}

static void
hostile_sql(struct e2e_db *db, const char *sql)
{
	sqlite3 *raw;
	char *err = NULL;

	assert_int_equal(sqlite3_open(db->path, &raw), SQLITE_OK);
	if (sqlite3_exec(raw, sql, NULL, NULL, &err) != SQLITE_OK)
		fail_msg("%s: %s", sql, err);
	sqlite3_close(raw);
}

/* One case whose every stored value is hostile, as a tampered file or an
 * import could leave it. */
static void
hostile_case(struct e2e_db *db)
{
	char *sql;

	e2e_add_case(db, "surname", "Hostile", "given_names", "Hostile", NULL);
	sql = xasprintf("UPDATE registration SET surname = 'Hostile%1$s',"
	    " given_names = '%1$s', dob = '%1$s', nationality = '%1$s',"
	    " interpreter = 'yes', interpreter_language = '%1$s', children = '%1$s',"
	    " phone = '%1$s', notes = 'line 1\n%1$s\nline 3', created_by = '%1$s',"
	    " updated_by = '%1$s';"
	    " INSERT INTO registration_family (parent_id, position, name, relation)"
	    " SELECT id, 0, '%1$s', '%1$s' FROM registration;"
	    " INSERT INTO calls (uuid, case_id, created_at, updated_at, created_by,"
	    " updated_by, started_at, caller, summary) SELECT 'hostile-call', id,"
	    " '2026-11-21 10:00:00', '2026-11-21 10:00:00', '%1$s', '%1$s',"
	    " '2026-11-21 10:00%1$s', '%1$s', '%1$s' FROM cases;"
	    " UPDATE cases SET case_no = case_no || '%1$s', updated_by = '%1$s';"
	    " UPDATE search SET display = display || '%1$s', case_no = case_no || '%1$s';",
	    HOSTILE);
	hostile_sql(db, sql);
	free(sql);
}

static void
hostile_check_vt(struct vt *vt, const char *where)
{
	size_t len;
	const char *raw = vt_raw_output(vt, &len);

	hostile_assert_clean(raw, len, where);
}

static void
test_screens_show_hostile_text_harmless(void **state)
{
	struct t *t = *state;
	const char *const args[] = { "--user", "Hostile" HOSTILE, NULL };

	hostile_case(t->db);
	t->vt = e2e_start_ex(t->db, NULL, args, 24, 80, NULL);
	VT_ASSERT_TEXT(t->vt, "Hostile", T);		/* home: recent cases */
	hostile_check_vt(t->vt, "home");
	vt_ctrl(t->vt, 'f');
	VT_ASSERT_TEXT(t->vt, "Find:", T);
	vt_type(t->vt, "Hostile");
	VT_ASSERT_TEXT(t->vt, "Cases found: 1", T);	/* search */
	hostile_check_vt(t->vt, "search");
	vt_key(t->vt, VT_ENTER);
	VT_ASSERT_TEXT(t->vt, "Forms of this case", T);	/* overview */
	VT_ASSERT_TEXT(t->vt, "gnp.exe", T);
	hostile_check_vt(t->vt, "overview");
	vt_key(t->vt, VT_PAGEUP);
	vt_key(t->vt, VT_ENTER);
	VT_ASSERT_TEXT(t->vt, "Given names", T);	/* the form */
	VT_ASSERT_TEXT(t->vt, "Children", T);
	hostile_check_vt(t->vt, "form");
	e2e_tabs(t->vt, 12);	/* down to the notes and the family row */
	VT_ASSERT_TEXT(t->vt, "Rows: 1", T);
	assert_non_null(strstr(vt_screen(t->vt), "\xEF\xBF\xBD"));	/* visible */
	hostile_check_vt(t->vt, "form, its end");
}

/* Fills the statement's ?1 with HOSTILE and runs it. */
static void
hostile_exec(sqlite3 *raw, const char *sql)
{
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(raw, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(raw));
	sqlite3_bind_text(st, 1, HOSTILE, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		fail_msg("%s: %s", sql, sqlite3_errmsg(raw));
	sqlite3_finalize(st);
}

/* The table a child table's parent_id points to (malloc'd). */
static char *
hostile_parent(sqlite3 *raw, const char *tbl)
{
	char *sql = xasprintf("SELECT \"table\" FROM pragma_foreign_key_list('%s')"
	    " WHERE \"from\" = 'parent_id'", tbl), *p = NULL;
	sqlite3_stmt *st;

	assert_int_equal(sqlite3_prepare_v2(raw, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		p = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	free(sql);
	return p;
}

/* A row of tbl for the case (or its parent's newest row) whose every field
 * column is hostile: the form_schema columns, whatever their type. */
static void
hostile_fill_table(sqlite3 *raw, const char *tbl, int64_t case_id)
{
	struct strbuf sql = STRBUF_INIT;
	char *parent = hostile_parent(raw, tbl);
	sqlite3_stmt *st;
	char *q = xasprintf("SELECT col FROM form_schema WHERE tbl = '%s'", tbl);

	if (parent != NULL)
		strbuf_printf(&sql, "INSERT INTO \"%s\" (parent_id, position", tbl);
	else
		strbuf_printf(&sql, "INSERT INTO \"%s\" (uuid, case_id, created_at, updated_at,"
		    " created_by, updated_by", tbl);
	assert_int_equal(sqlite3_prepare_v2(raw, q, -1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW)
		strbuf_printf(&sql, ", \"%s\"", (const char *)sqlite3_column_text(st, 0));
	strbuf_puts(&sql, ") SELECT ");
	if (parent != NULL)
		strbuf_printf(&sql, "(SELECT max(id) FROM \"%s\"), 0", parent);
	else
		strbuf_printf(&sql, "'%s-hostile', %lld, '2026-11-21 10:00:00',"
		    " '2026-11-21 10:00:00', ?1, ?1", tbl, (long long)case_id);
	sqlite3_reset(st);
	while (sqlite3_step(st) == SQLITE_ROW)
		strbuf_puts(&sql, ", ?1");
	sqlite3_finalize(st);
	hostile_exec(raw, sql.s);
	strbuf_free(&sql);
	free(parent);
	free(q);
}

/* With the real forms: a case with one record of every form and a row of
 * every repeat, every field of every type (money and its currency, decimal,
 * select_many, time, calculated, yes/no...) hostile. */
static int64_t
hostile_every_form(struct e2e_db *db)
{
	int64_t id = e2e_add_case(db, "surname", "Hostile", NULL);
	sqlite3_stmt *st;
	sqlite3 *raw;

	assert_int_equal(sqlite3_open(db->path, &raw), SQLITE_OK);
	hostile_exec(raw, "DELETE FROM registration");
	assert_int_equal(sqlite3_prepare_v2(raw, "SELECT DISTINCT tbl FROM form_schema"
	    " ORDER BY instr(tbl, '_') > 0, tbl", -1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		char *tbl = xstrdup((const char *)sqlite3_column_text(st, 0));

		hostile_fill_table(raw, tbl, id);
		free(tbl);
	}
	sqlite3_finalize(st);
	hostile_exec(raw, "UPDATE registration SET surname = 'Hostile' || ?1");
	sqlite3_close(raw);
	return id;
}

/* Waits for what Enter on a form opened: true for its list of records,
 * false for the form itself. */
static bool
hostile_list_or_form(struct vt *vt)
{
	for (int waited = 0; waited < T; waited += 20) {
		if (strstr(vt_screen(vt), "+ New") != NULL)
			return true;
		if (strstr(vt_row(vt, 0), " - AVRR-") != NULL)
			return false;
		vt_pump(vt, 20);
	}
	vt_dump(vt, stderr);
	fail_msg("neither a list nor a form opened");
	return false;
}

static void
test_every_form_and_type_harmless(void **state)
{
	struct t *t = *state;
	char what[64];
	bool list;

	e2e_db_free(t->db);
	t->db = e2e_db_new_forms("forms");
	hostile_every_form(t->db);
	t->vt = e2e_start(t->db, NULL, 24, 80);
	VT_ASSERT_TEXT(t->vt, "Hostile", T);
	vt_ctrl(t->vt, 'f');
	VT_ASSERT_TEXT(t->vt, "Find:", T);
	vt_type(t->vt, "Hostile");
	VT_ASSERT_TEXT(t->vt, "Cases found: 1", T);
	vt_key(t->vt, VT_ENTER);
	VT_ASSERT_TEXT(t->vt, "Forms of this case", T);
	hostile_check_vt(t->vt, "overview of every form");
	for (int line = 0; line < 9; line++) {
		vt_key(t->vt, VT_PAGEUP);
		for (int i = 0; i < line; i++)
			vt_key(t->vt, VT_DOWN);
		vt_key(t->vt, VT_ENTER);
		list = hostile_list_or_form(t->vt);
		if (list) {	/* the list of its records: the one record */
			hostile_check_vt(t->vt, "a list of records");
			vt_key(t->vt, VT_DOWN);
			vt_key(t->vt, VT_ENTER);
		}
		VT_ASSERT_ROW(t->vt, 0, " - AVRR-", T);
		snprintf(what, sizeof what, "the form on line %d", line);
		hostile_check_vt(t->vt, what);
		vt_key(t->vt, VT_PAGEDOWN);	/* the rest of it */
		vt_key(t->vt, VT_PAGEDOWN);
		vt_key(t->vt, VT_ESC);
		if (list) {
			VT_ASSERT_TEXT(t->vt, "+ New", T);
			vt_key(t->vt, VT_ESC);
		}
		VT_ASSERT_TEXT(t->vt, "Forms of this case", T);
		hostile_check_vt(t->vt, what);
	}
}

/* Under LANG=C the terminal gets ASCII only: what was harmful shows as '?'. */
static void
hostile_assert_ascii(struct vt *vt, const char *where)
{
	size_t len, i;
	const char *raw = vt_raw_output(vt, &len);

	for (i = 0; i < len; i++)
		if ((unsigned char)raw[i] >= 0x80)
			fail_msg("%s: byte 0x%02X at %zu of %zu", where, (unsigned char)raw[i],
			    i, len);
	hostile_assert_clean(raw, len, where);
}

static void
test_non_utf8_terminal_hostile_text_harmless(void **state)
{
	struct t *t = *state;
	const char *const env[] = { "LANG=C", NULL };
	const char *const args[] = { "--user", "Hostile" HOSTILE, NULL };
	const char *const list[] = { "avrr", "user", "list", "--db", t->db->path, NULL };
	const char *const role[] = { "avrr", "user", "role", "Hostile" HOSTILE,
	    "counsellor", "--db", t->db->path, NULL };

	hostile_case(t->db);
	t->vt = e2e_start_ex(t->db, env, args, 24, 80, &(struct vt_options){ .no_utf8 = true });
	VT_ASSERT_TEXT(t->vt, "Hostile", T);
	vt_ctrl(t->vt, 'f');
	VT_ASSERT_TEXT(t->vt, "Find:", T);
	vt_type(t->vt, "Hostile");
	VT_ASSERT_TEXT(t->vt, "Cases found: 1", T);
	vt_key(t->vt, VT_ENTER);
	VT_ASSERT_TEXT(t->vt, "gnp.exe", T);
	hostile_assert_ascii(t->vt, "LANG=C screens");
	vt_free(t->vt);
	t->vt = NULL;
	e2e_db_close(t->db);
	t->vt = vt_spawn_ex(role, env, 24, 80, &(struct vt_options){ .no_utf8 = true });
	assert_int_equal(vt_wait_exit(t->vt, T), 0);
	vt_free(t->vt);
	t->vt = vt_spawn_ex(list, env, 24, 80, &(struct vt_options){ .no_utf8 = true });
	assert_int_equal(vt_wait_exit(t->vt, T), 0);
	VT_ASSERT_TEXT(t->vt, "31m", T);
	hostile_assert_ascii(t->vt, "LANG=C avrr user list");
}

/* Typed: bidi, zero-width and invalid bytes into the search field. */
static void
test_typed_hostile_text_harmless(void **state)
{
	struct t *t = *state;

	e2e_add_case(t->db, "surname", "Novak", NULL);
	t->vt = e2e_start(t->db, NULL, 24, 80);
	VT_ASSERT_TEXT(t->vt, "Novak", T);
	vt_ctrl(t->vt, 'f');
	VT_ASSERT_TEXT(t->vt, "Find:", T);
	vt_type(t->vt, "ab\xE2\x80\xAE\xE2\x81\xA6\xE2\x80\x8B\xEF\xBB\xBF\xC2\x85\xFF" "cd");
	VT_ASSERT_TEXT(t->vt, "cd", T);
	hostile_check_vt(t->vt, "typed");
}

/* Runs a command in the pty, which shows the text shows (what is left of the
 * hostile text: so the path was taken), and checks every byte it sent. */
static void
hostile_cmd(struct t *t, const char *const argv[], const char *const env[], int want,
    const char *shows)
{
	struct vt *vt = vt_spawn(argv, env, 24, 80);
	char where[256];

	int got;

	assert_non_null(vt);
	t->vt = vt;
	snprintf(where, sizeof where, "avrr %s %s", argv[1], argv[2] != NULL ? argv[2] : "");
	if ((got = vt_wait_exit(vt, T)) != want) {
		vt_dump(vt, stderr);
		fail_msg("%s: exit %d, not %d", where, got, want);
	}
	hostile_check_vt(vt, where);
	if (strstr(vt_screen(vt), shows) == NULL) {
		vt_dump(vt, stderr);
		fail_msg("%s: \"%s\" not shown", where, shows);
	}
	vt_free(vt);
	t->vt = NULL;
}

/* A form whose title and label hold what a form may; with bad, also a field
 * whose type is hostile (check-forms quotes it). */
static void
hostile_form_dir(struct t *t, bool bad)
{
	char tmpl[] = "/tmp/avrr-hostile-XXXXXX";
	char *f;
	FILE *fp;

	if (t->dir == NULL) {
		assert_non_null(mkdtemp(tmpl));
		t->dir = xstrdup(tmpl);
	}
	f = xasprintf("%s/x.form", t->dir);
	fp = fopen(f, "w");
	assert_non_null(fp);
	fprintf(fp, "form x\n  title \"T" HOSTILE_FORM "\"\nfield a\n  type text\n"
	    "  label \"L" HOSTILE_FORM "\"\n%s\n", bad ? "field b\n  type nosuch"
	    HOSTILE_VALID : "");
	fclose(fp);
	free(f);
}

static void
test_commands_print_hostile_text_harmless(void **state)
{
	struct t *t = *state;
	const char *db = t->db->path;
	char *forms, *bad_target = xasprintf("%s" HOSTILE "/copy.db", db);
	const char *const env[] = { "AVRR_USER=tester", "AVRR_FORMS=" E2E_FORMS, NULL };

	hostile_case(t->db);
	e2e_db_close(t->db);
	hostile_form_dir(t, true);
	forms = xasprintf("AVRR_FORMS=%s", t->dir);
	{
		const char *const role[] = { "avrr", "user", "role", "Hostile" HOSTILE,
		    "counsellor", "--db", db, NULL };
		const char *const badrole[] = { "avrr", "user", "role", "x", HOSTILE,
		    "--db", db, NULL };
		const char *const list[] = { "avrr", "user", "list", "--db", db, NULL };
		const char *const unknown[] = { "avrr", HOSTILE, NULL };
		const char *const badopt[] = { "avrr", "init", "--" HOSTILE, NULL };
		const char *const nodb[] = { "avrr", "user", "list", "--db",
		    "/nonexistent" HOSTILE "/x.db", NULL };
		const char *const backup[] = { "avrr", "backup", "--db", db, bad_target, NULL };
		const char *const check[] = { "avrr", "check-forms", t->dir, NULL };
		const char *const i18n[] = { "avrr", "i18n-status", "--missing", "sk", NULL };
		const char *const i18n_env[] = { forms, NULL };
		const char *const lang[] = { "avrr", "--lang", HOSTILE, "--db", db, NULL };

		hostile_cmd(t, role, env, 0, "31m");
		hostile_cmd(t, list, env, 0, "31m");
		hostile_cmd(t, badrole, env, 1, "31m");
		hostile_cmd(t, unknown, env, 2, "31m");
		hostile_cmd(t, badopt, env, 2, "31m");
		hostile_cmd(t, nodb, env, 1, "31m");
		hostile_cmd(t, backup, env, 1, "31m");
		hostile_cmd(t, check, env, 1, "31m");
		hostile_form_dir(t, false);
		hostile_cmd(t, i18n, i18n_env, 0, "gnp");
		hostile_cmd(t, lang, env, 1, "31m");
	}
	{	/* the audit's listing (a supervisor's) and a report print stored text */
		const char *const sup[] = { "avrr", "user", "role", "auditor", "supervisor",
		    "--db", db, NULL };
		const char *const audit[] = { "avrr", "audit", "--db", db, NULL };
		const char *const verify[] = { "avrr", "audit", "verify", "--db", db, NULL };
		const char *const report[] = { "avrr", "report", "hotline", "--from", "2000-01-01",
		    "--to", "2099-12-31", "--db", db, NULL };
		const char *const aenv[] = { "AVRR_USER=auditor", "AVRR_FORMS=" E2E_FORMS, NULL };

		hostile_cmd(t, sup, env, 0, "auditor");
		hostile_cmd(t, audit, aenv, 0, "31m");
		/* the hostile case number was written with sqlite3: verify says so */
		hostile_cmd(t, verify, aenv, 1, "changed outside the program");
		/* the test forms lack what the report reads: it says so, harmlessly */
		hostile_cmd(t, report, aenv, 1, "the forms lack");
	}
	{	/* what init and demo say names the new file */
		char *made = xasprintf("%s/new" HOSTILE ".db", t->dir);
		char *made2 = xasprintf("%s/demo" HOSTILE ".db", t->dir);
		const char *const init[] = { "avrr", "init", "--test", "--db", made, NULL };
		const char *const demo[] = { "avrr", "demo", "--db", made2, "--cases", "2", NULL };
		const char *const sides[] = { "", "-wal", "-shm" };

		hostile_cmd(t, init, env, 0, "31m");
		hostile_cmd(t, demo, env, 0, "31m");
		for (size_t i = 0; i < 3; i++) {
			char *a = xasprintf("%s%s", made, sides[i]), *b = xasprintf("%s%s", made2,
			    sides[i]);

			unlink(a);
			unlink(b);
			free(a);
			free(b);
		}
		free(made);
		free(made2);
	}
	free(forms);
	free(bad_target);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_screens_show_hostile_text_harmless,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_typed_hostile_text_harmless, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_non_utf8_terminal_hostile_text_harmless,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_every_form_and_type_harmless,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_commands_print_hostile_text_harmless,
		    setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
