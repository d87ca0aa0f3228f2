/*
 * db/audit: every action of a scripted session leaves its audit row; the
 * chain and the records' content hashes find a row changed, deleted or
 * inserted and a record changed outside the program (naming the first); the
 * triggers refuse UPDATE and DELETE; the listing's filters; an old table
 * brought to the chain by init.
 */
#include "db_fixture.h"

#include "db/audit.h"
#include "db/cases.h"
#include "db/internal.h"
#include "db/record.h"
#include "util/date.h"

static const char test_au_forms[] =
    "form person\n"
    "  title \"Person\"\n"
    "  table people_rec\n"
    "  case required\n"
    "field surname\n"
    "  type text\n"
    "field grant\n"
    "  type money\n"
    "repeat family\n"
    "  label \"Family\"\n"
    "field name\n"
    "  type text\n"
    "end\n";

static const char test_au_pay_form[] =
    "form pay\n"
    "  title \"Payment\"\n"
    "  table pay_rec\n"
    "  case required\n"
    "field amount\n"
    "  type money\n";

struct test_au {
	char		*path;
	struct form_set	*set;
	struct db	*db;
	int64_t		 case_id;
	int64_t		 person_id;
};

static void
test_au_at(int hour)
{
	struct date_time t = { { 2026, 3, 10 }, hour, 0 };

	date_clock_set(&t);
}

static struct form_record *
test_au_new(struct test_au *t, const char *form)
{
	struct form_record *rec = form_record_new(form_set_find(t->set, form));

	rec->case_id = t->case_id;
	return rec;
}

static void
test_au_save(struct test_au *t, struct form_record *rec)
{
	char *err = NULL;

	if (db_record_save(t->db, rec, NULL, &err) != DB_OK)
		fail_msg("save: %s", err);
}

/* The scripted session: a case, a person with one family member, the
 * person edited, a payment, the case and the person viewed, an export. */
static void
test_au_script(struct test_au *t)
{
	struct form_record *rec, *row;
	struct db_case c;
	char *err = NULL;

	test_au_at(9);
	assert_int_equal(db_case_create(t->db, NULL, NULL, &c, &err), DB_OK);
	t->case_id = c.id;
	db_case_clear(&c);
	rec = test_au_new(t, "person");
	fixture_set(rec, "surname", "Nováková");
	row = form_record_add_row(rec, fixture_field(rec->def, "family"));
	fixture_set(row, "name", "Ján");
	test_au_save(t, rec);
	t->person_id = rec->id;
	test_au_at(10);
	fixture_set(rec, "surname", "Novák");
	test_au_save(t, rec);
	form_record_free(rec);
	rec = test_au_new(t, "pay");
	form_record_set(rec, fixture_field(rec->def, "amount"), "120.00");
	form_record_set_part(rec, fixture_field(rec->def, "amount"), 1, "EUR");
	test_au_save(t, rec);
	form_record_free(rec);
	test_au_at(11);
	assert_int_equal(db_audit_view(t->db, "cases", t->case_id, t->case_id, &err), DB_OK);
	assert_int_equal(db_audit_view(t->db, "people_rec", t->person_id, t->case_id, &err),
	    DB_OK);
	assert_int_equal(db_audit_event(t->db, "export", 0, "person: 1 record", &err), DB_OK);
	free(err);
}

static int
test_au_setup(void **state)
{
	struct test_au *t = xcalloc(1, sizeof *t);

	t->set = fixture_forms2(test_au_forms, test_au_pay_form);
	t->path = fixture_path();
	t->db = fixture_open(t->path, t->set);
	test_au_script(t);
	*state = t;
	return 0;
}

static int
test_au_teardown(void **state)
{
	struct test_au *t = *state;

	db_close(t->db);
	form_set_free(t->set);
	fixture_unlink(t->path);
	free(t->path);
	free(t);
	return 0;
}

static long long
test_au_count(struct test_au *t, const char *sql)
{
	return fixture_count(t->db->sql, sql);
}

/* What verify says: NULL when clean (the message is malloc'd). */
static char *
test_au_verify(struct test_au *t, struct db_audit_report *rep)
{
	char *err = NULL, *bad;

	if (db_audit_verify(t->db, rep, &err) != DB_OK)
		fail_msg("verify: %s", err);
	bad = rep->bad;
	rep->bad = NULL;
	return bad;
}

/* Changes the file as an attacker with sqlite3 would: on a connection of
 * its own, the triggers dropped first. */
static void
test_au_tamper(struct test_au *t, const char *sql)
{
	sqlite3 *raw;
	char *msg = NULL;

	assert_int_equal(sqlite3_open(t->path, &raw), SQLITE_OK);
	if (sqlite3_exec(raw, "DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;",
	    NULL, NULL, &msg) != SQLITE_OK || sqlite3_exec(raw, sql, NULL, NULL, &msg) !=
	    SQLITE_OK)
		fail_msg("tamper: %s", msg);
	assert_true(sqlite3_changes(raw) > 0);
	sqlite3_close(raw);
}

static void
test_au_expect(struct test_au *t, const char *sql, const char *want)
{
	struct db_audit_report rep;
	char *bad;

	test_au_tamper(t, sql);
	bad = test_au_verify(t, &rep);
	if (bad == NULL || strstr(bad, want) == NULL)
		fail_msg("verify said \"%s\", not \"%s\"", bad != NULL ? bad : "(clean)", want);
	free(bad);
}

static const char *
test_au_hex_in(char *buf, const unsigned char *b)
{
	int i;

	for (i = 0; i < DB_AUDIT_HASH; i++)
		snprintf(buf + 2 * i, 3, "%02x", b[i]);
	return buf;
}

static const char *
test_au_hex(const unsigned char *b)
{
	static char buf[2 * DB_AUDIT_HASH + 1];

	return test_au_hex_in(buf, b);
}

static const char *
test_au_hex2(const unsigned char *b)
{
	static char buf[2 * DB_AUDIT_HASH + 1];

	return test_au_hex_in(buf, b);
}

/* ---- completeness ------------------------------------------------------------ */

static void
test_au_complete(void **state)
{
	struct test_au *t = *state;
	struct db_audit_report rep;

	assert_int_equal(test_au_count(t, "SELECT count(*) FROM audit"), 7);
	assert_int_equal(test_au_count(t, "SELECT count(*) FROM audit WHERE action = 'insert'"
	    " AND tbl = 'cases' AND content IS NOT NULL"), 1);
	assert_int_equal(test_au_count(t, "SELECT count(*) FROM audit WHERE action = 'insert'"
	    " AND tbl = 'people_rec'"), 1);
	assert_int_equal(test_au_count(t, "SELECT count(*) FROM audit WHERE action = 'update'"
	    " AND tbl = 'people_rec' AND changes ->> '$.surname.new' = 'Novák'"), 1);
	assert_int_equal(test_au_count(t, "SELECT count(*) FROM audit WHERE action = 'insert'"
	    " AND tbl = 'pay_rec' AND changes ->> '$.amount.new' = '120.00'"), 1);
	assert_int_equal(test_au_count(t, "SELECT count(*) FROM audit WHERE action = 'view'"
	    " AND user = 'tester' AND at = '2026-03-10 11:00:00'"), 2);
	assert_int_equal(test_au_count(t, "SELECT count(*) FROM audit WHERE action = 'export'"
	    " AND changes = 'person: 1 record'"), 1);
	/* every row chained, one apart */
	assert_int_equal(test_au_count(t, "SELECT count(*) FROM audit WHERE length(hash) = 32"),
	    7);
	assert_int_equal(test_au_count(t, "SELECT max(id) - min(id) FROM audit"), 6);
	assert_null(test_au_verify(t, &rep));
	assert_int_equal(rep.rows, 7);
	assert_int_equal(rep.records, 3);	/* the case, the person, the payment */
	assert_int_equal(rep.prechain, 0);
	assert_int_equal(rep.head_id, 7);
	assert_int_equal(strlen(rep.head), 64);
}

/* A deleted record keeps its last audit row, which says it is gone. */
static void
test_au_delete_audited(void **state)
{
	struct test_au *t = *state;
	struct db_audit_report rep;

	assert_int_equal(db_record_delete(t->db, form_set_find(t->set, "pay"),
	    test_au_count(t, "SELECT id FROM pay_rec"), 1, NULL), DB_OK);
	assert_int_equal(test_au_count(t, "SELECT count(*) FROM audit WHERE action = 'delete'"
	    " AND tbl = 'pay_rec' AND length(content) = 0"), 1);
	assert_null(test_au_verify(t, &rep));
	assert_int_equal(rep.records, 2);
}

/* ---- tampering ----------------------------------------------------------------- */

static void
test_au_byte_changed(void **state)
{
	test_au_expect(*state, "UPDATE audit SET changes = replace(changes, 'Novák\"',"
	    " 'Novak\"') WHERE id = 3", "audit row 3: its hash does not match");
}

/* Someone who knows the algorithm rewrites row 3 and gives it its right hash
 * (after row 2's): the link of row 4 to it breaks, so the last row's hash
 * holds the whole history. */
static void
test_au_row_rehashed(void **state)
{
	struct test_au *t = *state;
	struct db_audit_row r = { .at = "2026-03-10 10:00:00", .user = "tester",
	    .tbl = "people_rec", .action = "update", .row = 1, .ncontent = -1,
	    .changes = "{\"surname\":{\"old\":\"Nováková\",\"new\":\"Horváth\"}}",
	    .has_sum = true };
	unsigned char prev[DB_AUDIT_HASH], hash[DB_AUDIT_HASH];
	struct db_audit_report rep;
	sqlite3_stmt *st;
	char *sql, *bad;

	assert_int_equal(sqlite3_prepare_v2(t->db->sql, "SELECT hash, content, case_id FROM"
	    " audit WHERE id = 2 OR id = 3 ORDER BY id", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	memcpy(prev, sqlite3_column_blob(st, 0), DB_AUDIT_HASH);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	memcpy(r.content, sqlite3_column_blob(st, 1), DB_AUDIT_HASH);
	r.ncontent = DB_AUDIT_HASH;
	r.case_id = sqlite3_column_int64(st, 2);
	sqlite3_finalize(st);
	db_audit_sum(&r, r.sum);
	db_audit_chain_hash(&r, 3, prev, DB_AUDIT_HASH, hash);
	sql = sqlite3_mprintf("UPDATE audit SET changes = %Q, salt = zeroblob(%d), sum = X'%s',"
	    " hash = X'%s' WHERE id = 3", r.changes, DB_AUDIT_SALT, test_au_hex(r.sum),
	    test_au_hex2(hash));
	test_au_tamper(t, sql);
	sqlite3_free(sql);
	bad = test_au_verify(t, &rep);
	if (bad == NULL || strstr(bad, "audit row 4: its hash does not match") == NULL)
		fail_msg("verify said \"%s\"", bad != NULL ? bad : "(clean)");
	free(bad);
}

static void
test_au_row_deleted(void **state)
{
	test_au_expect(*state, "DELETE FROM audit WHERE id = 4",
	    "audit row 4 is missing (deleted)");
}

static void
test_au_row_inserted(void **state)
{
	test_au_expect(*state, "INSERT INTO audit (at, user, tbl, row_id, action, changes,"
	    " hash) VALUES ('2026-03-10 12:00:00', 'tester', 'cases', 1, 'view', NULL,"
	    " randomblob(32))", "audit row 8: its hash does not match");
}

static void
test_au_row_inserted_unhashed(void **state)
{
	test_au_expect(*state, "INSERT INTO audit (at, user, tbl, row_id, action) VALUES"
	    " ('2026-03-10 12:00:00', 'tester', 'cases', 1, 'view')", "audit row 8: no hash");
}

static void
test_au_record_edited(void **state)
{
	test_au_expect(*state, "UPDATE people_rec SET surname = 'Horváth'",
	    "people_rec row 1: changed outside the program (it differs from what audit "
	    "row 3 saved)");
}

static void
test_au_repeat_row_edited(void **state)
{
	test_au_expect(*state, "UPDATE people_rec_family SET name = 'Jana'",
	    "people_rec row 1: changed outside the program");
}

static void
test_au_case_edited(void **state)
{
	test_au_expect(*state, "UPDATE cases SET status = 'closed'",
	    "cases row 1: changed outside the program");
}

static void
test_au_record_deleted(void **state)
{
	test_au_expect(*state, "DELETE FROM pay_rec",
	    "pay_rec row 1: deleted outside the program (audit row 4 saved it)");
}

static void
test_au_record_inserted(void **state)
{
	test_au_expect(*state, "INSERT INTO pay_rec (uuid, case_id, created_at, updated_at,"
	    " amount) VALUES ('x', 1, '2026', '2026', 5)",
	    "pay_rec row 2: no audit row wrote it");
}

/* What a save touches besides (the case's updated_at) is no change. */
static void
test_au_case_touch_clean(void **state)
{
	struct test_au *t = *state;
	struct db_audit_report rep;

	assert_int_equal(test_au_count(t, "SELECT count(*) FROM cases WHERE updated_at ="
	    " '2026-03-10 10:00:00'"), 1);
	assert_null(test_au_verify(t, &rep));
}

/* ---- the purge's anonymisation and redaction ----------------------------------- */

struct test_au_purge {
	int64_t	 case_id;
	char	*now;
};

/* What the purge will do in its transaction: the record rewritten, audited
 * as an anonymisation, then the case's audit rows redacted. */
static enum db_status
test_au_purge_tx(struct db *db, void *arg, char **err)
{
	struct test_au_purge *p = arg;
	enum db_status st;

	st = db_exec(db, "UPDATE people_rec SET surname = 'X', version = version + 1;"
	    " UPDATE people_rec_family SET name = 'X'", err);
	if (st == DB_OK)
		st = db_audit_add(db, "people_rec", 1, p->case_id, "anonymise", NULL, p->now,
		    err);
	if (st == DB_OK)
		st = db_audit_redact_case(db, p->case_id, p->now, err);
	return st;
}

static void
test_au_purge(void **state)
{
	struct test_au *t = *state;
	struct test_au_purge p = { t->case_id, db_now() };
	struct db_audit_report rep;
	char *err = NULL;

	assert_int_equal(db_tx(t->db, test_au_purge_tx, &p, &err), DB_OK);
	free(p.now);
	assert_int_equal(test_au_count(t, "SELECT count(*) FROM audit WHERE changes LIKE"
	    " '%Nov%' OR changes LIKE '%Ján%'"), 0);
	assert_int_equal(test_au_count(t, "SELECT count(*) FROM audit WHERE action = 'redact'"
	    " AND changes = '{\"rows\":4}'"), 1);	/* case, person twice, payment */
	assert_null(test_au_verify(t, &rep));
	assert_int_equal(rep.redacted, 4);
	assert_int_equal(rep.records, 3);
	assert_int_equal(rep.rows, 9);
}

/* The one change the triggers let through is no way around verify. */
static void
test_au_erased_unredacted(void **state)
{
	test_au_expect(*state, "UPDATE audit SET changes = NULL, salt = NULL WHERE id = 3",
	    "audit row 3: its changes were erased, but not by a redaction of its case");
}

/* ---- the triggers ---------------------------------------------------------------- */

static void
test_au_triggers(void **state)
{
	struct test_au *t = *state;
	sqlite3 *raw;

	assert_int_equal(sqlite3_open(t->path, &raw), SQLITE_OK);
	assert_int_equal(sqlite3_exec(raw, "UPDATE audit SET user = 'x' WHERE id = 1", NULL,
	    NULL, NULL), SQLITE_CONSTRAINT);
	assert_non_null(strstr(sqlite3_errmsg(raw), "append-only"));
	assert_int_equal(sqlite3_exec(raw, "UPDATE audit SET changes = NULL, salt = NULL,"
	    " user = 'x' WHERE id = 3", NULL, NULL, NULL), SQLITE_CONSTRAINT);
	assert_int_equal(sqlite3_exec(raw, "UPDATE audit SET changes = '{}' WHERE id = 3",
	    NULL, NULL, NULL), SQLITE_CONSTRAINT);
	assert_int_equal(sqlite3_exec(raw, "DELETE FROM audit WHERE id = 7", NULL, NULL,
	    NULL), SQLITE_CONSTRAINT);
	assert_int_equal(sqlite3_exec(raw, "DELETE FROM audit", NULL, NULL, NULL),
	    SQLITE_CONSTRAINT);
	sqlite3_close(raw);
	assert_int_equal(test_au_count(t, "SELECT count(*) FROM audit WHERE user = 'tester'"),
	    7);
}

/* ---- the listing ----------------------------------------------------------------- */

static size_t
test_au_list(struct test_au *t, const struct db_audit_filter *f, struct db_audit_entry **e)
{
	size_t n = 0;
	char *sql = sqlite3_mprintf("INSERT OR REPLACE INTO users (name, role, created_at)"
	    " VALUES (%Q, 'supervisor', '2026-01-01')", db_user(t->db));

	/* the listing is a supervisor's (the role given in the table: no audit row) */
	assert_int_equal(sqlite3_exec(t->db->sql, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_free(sql);
	assert_int_equal(db_audit_list(t->db, f, e, &n, NULL), DB_OK);
	return n;
}

static void
test_au_filters(void **state)
{
	struct test_au *t = *state;
	struct db_audit_entry *e;
	struct db_case c;
	size_t n;

	db_set_user(t->db, "other");
	test_au_at(15);
	assert_int_equal(db_case_create(t->db, NULL, NULL, &c, NULL), DB_OK);
	n = test_au_list(t, &(struct db_audit_filter){ .user = "other" }, &e);
	assert_int_equal(n, 1);
	assert_string_equal(e[0].tbl, "cases");
	assert_string_equal(e[0].case_no, c.case_no);
	db_audit_entries_free(e, n);
	n = test_au_list(t, &(struct db_audit_filter){ .case_no = c.case_no }, &e);
	assert_int_equal(n, 1);
	db_audit_entries_free(e, n);
	n = test_au_list(t, &(struct db_audit_filter){ .case_id = t->case_id,
	    .newest_first = true }, &e);
	assert_int_equal(n, 6);	/* the export names no case */
	assert_string_equal(e[0].action, "view");
	assert_string_equal(e[5].action, "insert");
	assert_string_equal(e[3].summary, "surname: Nováková -> Novák");
	db_audit_entries_free(e, n);
	n = test_au_list(t, &(struct db_audit_filter){ .from = "2026-03-10 10:00",
	    .to = "2026-03-10 11:00" }, &e);
	assert_int_equal(n, 5);	/* 10:00 and 11:00 both ends included */
	db_audit_entries_free(e, n);
	n = test_au_list(t, &(struct db_audit_filter){ .to = "2026-03-09" }, &e);
	assert_int_equal(n, 0);
	db_audit_entries_free(e, n);
	n = test_au_list(t, &(struct db_audit_filter){ .from = "2026-03-10",
	    .to = "2026-03-10" }, &e);
	assert_int_equal(n, 8);
	db_audit_entries_free(e, n);
	db_case_clear(&c);
}

/* ---- a database from before the chain ---------------------------------------------- */

static void
test_au_upgrade(void **state)
{
	struct form_set *set = fixture_forms2(test_au_forms, test_au_pay_form);
	char *path = fixture_path(), *err = NULL;
	struct db_audit_report rep;
	struct db *db = fixture_open(path, NULL);	/* the old audit table */
	struct db_case c;

	(void)state;
	assert_int_equal(db_case_create(db, NULL, NULL, &c, NULL), DB_OK);
	db_case_clear(&c);
	assert_int_equal(db_audit_view(db, "cases", 1, 1, NULL), DB_OK);	/* not kept */
	assert_int_equal(fixture_count(db->sql, "SELECT count(*) FROM audit"), 1);
	assert_int_equal(db_audit_verify(db, &rep, &err), DB_ERROR);
	assert_non_null(strstr(err, "avrr init"));
	free(err);
	assert_int_equal(db_sync_forms(db, set, NULL), DB_OK);
	assert_int_equal(db_case_create(db, NULL, NULL, &c, NULL), DB_OK);
	db_case_clear(&c);
	assert_int_equal(db_audit_view(db, "cases", 1, 1, NULL), DB_OK);
	assert_int_equal(fixture_count(db->sql, "SELECT count(*) FROM audit"), 3);
	assert_int_equal(db_audit_verify(db, &rep, NULL), DB_OK);
	assert_null(rep.bad);
	assert_int_equal(rep.prechain, 1);
	assert_int_equal(rep.rows, 2);
	assert_int_equal(rep.unverified, 1);	/* case 1: audited before the chain */
	assert_int_equal(rep.records, 1);
	assert_int_equal(sqlite3_exec(db->sql, "DELETE FROM audit", NULL, NULL, NULL) & 0xff,
	    SQLITE_CONSTRAINT);
	db_close(db);
	form_set_free(set);
	fixture_unlink(path);
	free(path);
}

#define TEST_AU(f) cmocka_unit_test_setup_teardown(f, test_au_setup, test_au_teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		TEST_AU(test_au_complete),
		TEST_AU(test_au_delete_audited),
		TEST_AU(test_au_byte_changed),
		TEST_AU(test_au_row_rehashed),
		TEST_AU(test_au_row_deleted),
		TEST_AU(test_au_row_inserted),
		TEST_AU(test_au_row_inserted_unhashed),
		TEST_AU(test_au_record_edited),
		TEST_AU(test_au_repeat_row_edited),
		TEST_AU(test_au_case_edited),
		TEST_AU(test_au_record_deleted),
		TEST_AU(test_au_record_inserted),
		TEST_AU(test_au_case_touch_clean),
		TEST_AU(test_au_purge),
		TEST_AU(test_au_erased_unredacted),
		TEST_AU(test_au_triggers),
		TEST_AU(test_au_filters),
		cmocka_unit_test(test_au_upgrade),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
