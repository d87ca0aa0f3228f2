/*
 * db/json: the one writer of records as JSON. Stored drafts and audit rows
 * are read back later (a draft resumed, an audit shown), so the bytes each
 * style writes are fixed here exactly as they were stored before the writer
 * was shared.
 */
#include "db_fixture.h"

#include "db/draft.h"
#include "db/internal.h"
#include "db/json.h"
#include "util/str.h"

#define TEST_SURNAME	"Novák \"Q\" \\ \t\x01\n\x7f end"
#define TEST_SURNAME_JSON "\"Novák \\\"Q\\\" \\\\ \\t\\u0001\\n\\u007f end\""

struct test_json {
	struct fixture_db	 f;	/* first: fixture_db_teardown frees the whole */
	struct form_record	*rec;
	size_t			 members, grant;
};

/* A stored record with text to escape, money with its currency, a stored
 * row and a new empty one. */
static int
test_json_setup(void **state)
{
	struct test_json *t = xcalloc(1, sizeof *t);
	struct form_record *kid;

	t->f.set = fixture_forms("reg.form", fixture_reg_form);
	t->f.path = fixture_path();
	t->f.db = fixture_open(t->f.path, t->f.set);
	t->rec = form_record_new(t->f.set->forms[0]);
	t->members = fixture_field(t->rec->def, "members");
	t->grant = fixture_field(t->rec->def, "grant");
	t->rec->id = 7;
	t->rec->case_id = 3;
	t->rec->version = 2;
	fixture_set(t->rec, "surname", TEST_SURNAME);
	fixture_set(t->rec, "given", "Jan");
	fixture_set(t->rec, "grant", "99.90");
	form_record_set_part(t->rec, t->grant, 1, "EUR");
	kid = form_record_add_row(t->rec, t->members);
	fixture_set(kid, "name", "Marta");
	kid->id = 41;
	form_record_add_row(t->rec, t->members);
	*state = t;
	return 0;
}

static int
test_json_teardown(void **state)
{
	struct test_json *t = *state;

	form_record_free(t->rec);
	*state = &t->f;
	return fixture_db_teardown(state);
}

static const char test_json_draft_record[] =
    "{\"id\":7,\"vals\":{\"surname\":" TEST_SURNAME_JSON ",\"given\":\"Jan\","
    "\"grant\":\"99.90\"},\"curs\":{\"grant\":\"EUR\"},\"kids\":{\"members\":["
    "{\"id\":41,\"vals\":{\"name\":\"Marta\"},\"curs\":{},\"kids\":{}},"
    "{\"vals\":{},\"curs\":{},\"kids\":{}}]}}";

static const char test_json_audit_record[] =
    "{\"surname\":" TEST_SURNAME_JSON ",\"given\":\"Jan\",\"grant\":\"99.90\","
    "\"grant_currency\":\"EUR\",\"members\":[{\"name\":\"Marta\"},{}]}";

/* The drafts table holds the bytes a draft was always stored as. */
static void
test_json_draft_stored(void **state)
{
	struct test_json *t = *state;
	struct strbuf want = STRBUF_INIT;
	sqlite3_stmt *st;
	char *err = NULL;
	int64_t id = 0;

	assert_int_equal(db_draft_save(t->f.db, &id, t->rec, 5, &err), DB_OK);
	assert_int_equal(sqlite3_prepare_v2(t->f.db->sql, "SELECT data FROM drafts WHERE id = ?1",
	    -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_int64(st, 1, id);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	strbuf_printf(&want, "{\"form\":\"reg\",\"id\":7,\"case_id\":3,\"version\":2,"
	    "\"cursor\":5,\"record\":%s}", test_json_draft_record);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), strbuf_str(&want));
	sqlite3_finalize(st);
	strbuf_free(&want);
	assert_null(err);
}

/* An insert, an update and a delete write the changes they always wrote. */
static void
test_json_audit_changes(void **state)
{
	struct test_json *t = *state;
	struct form_record *old = form_record_dup(t->rec);
	char *d;

	d = db_audit_diff(NULL, t->rec);
	assert_string_equal(d, "{\"surname\":{\"new\":" TEST_SURNAME_JSON "},"
	    "\"given\":{\"new\":\"Jan\"},\"grant\":{\"new\":\"99.90\"},"
	    "\"grant_currency\":{\"new\":\"EUR\"},"
	    "\"members\":{\"new\":[{\"name\":\"Marta\"},{}]}}");
	free(d);
	fixture_set(t->rec, "given", "Ján");
	form_record_set_part(t->rec, t->grant, 1, "USD");
	fixture_set(t->rec->kids[t->members].rows[1], "born", "2001-02-03");
	d = db_audit_diff(old, t->rec);
	assert_string_equal(d, "{\"given\":{\"old\":\"Jan\",\"new\":\"Ján\"},"
	    "\"grant_currency\":{\"old\":\"EUR\",\"new\":\"USD\"},"
	    "\"members\":{\"old\":[{\"name\":\"Marta\"},{}],"
	    "\"new\":[{\"name\":\"Marta\"},{\"born\":\"2001-02-03\"}]}}");
	free(d);
	d = db_audit_diff(t->rec, NULL);
	assert_string_equal(d, "{\"surname\":{\"old\":" TEST_SURNAME_JSON "},"
	    "\"given\":{\"old\":\"Ján\"},\"grant\":{\"old\":\"99.90\"},"
	    "\"grant_currency\":{\"old\":\"USD\"},"
	    "\"members\":{\"old\":[{\"name\":\"Marta\"},{\"born\":\"2001-02-03\"}]}}");
	free(d);
	form_record_free(old);
}

/* The one writer gives each of them its shape, nested rows in the same one. */
static void
test_json_record_styles(void **state)
{
	struct test_json *t = *state;
	struct strbuf sb = STRBUF_INIT;

	db_json_record(&sb, t->rec, &db_json_draft);
	assert_string_equal(strbuf_str(&sb), test_json_draft_record);
	strbuf_free(&sb);
	db_json_record(&sb, t->rec, &db_json_audit);
	assert_string_equal(strbuf_str(&sb), test_json_audit_record);
	strbuf_free(&sb);
	db_json_rows(&sb, NULL, &db_json_audit);
	assert_string_equal(strbuf_str(&sb), "[]");
	strbuf_free(&sb);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_json_draft_stored, test_json_setup,
		    test_json_teardown),
		cmocka_unit_test_setup_teardown(test_json_audit_changes, test_json_setup,
		    test_json_teardown),
		cmocka_unit_test_setup_teardown(test_json_record_styles, test_json_setup,
		    test_json_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
