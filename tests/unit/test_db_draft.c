/*
 * db/draft: a form being edited survives as JSON and comes back whole.
 */
#include "db_fixture.h"

#include "db/draft.h"
#include "db/internal.h"

static void
test_draft_round_trip(void **state)
{
	char *path = fixture_path(), *err = NULL;
	struct form_set *set = fixture_forms("reg.form", fixture_reg_form);
	struct db *db = fixture_open(path, set);
	struct form_record *rec = form_record_new(set->forms[0]), *back, *kid;
	size_t members = fixture_field(rec->def, "members");
	struct db_draft *list;
	int64_t id = 0, first;
	int cursor = -1;
	size_t n;

	(void)state;
	rec->id = 7;
	rec->case_id = 3;
	rec->version = 2;
	fixture_set(rec, "surname", "Nováк \"Q\" \\ \t\x01 end");
	fixture_set(rec, "given", "Jan");
	fixture_set(rec, "grant", "99.90");
	form_record_set_part(rec, fixture_field(rec->def, "grant"), 1, "EUR");
	kid = form_record_add_row(rec, members);
	fixture_set(kid, "name", "Марта");
	kid->id = 41;	/* a stored row keeps its identity in the draft */
	form_record_add_row(rec, members);	/* an empty row stays a row */
	assert_int_equal(db_draft_save(db, &id, rec, 5, &err), DB_OK);
	assert_true(id > 0);
	first = id;
	fixture_set(rec, "given", "Ján");
	assert_int_equal(db_draft_save(db, &id, rec, 6, &err), DB_OK);
	assert_int_equal(id, first);	/* replaced, not added */

	assert_int_equal(db_draft_load(db, id, &back, &cursor, &err), DB_OK);
	assert_int_equal(cursor, 6);
	assert_int_equal(back->id, 7);
	assert_int_equal(back->case_id, 3);
	assert_int_equal(back->version, 2);
	assert_string_equal(fixture_get(back, "surname"), "Nováк \"Q\" \\ \t\x01 end");
	assert_string_equal(fixture_get(back, "given"), "Ján");
	assert_string_equal(fixture_get(back, "grant"), "99.90");
	assert_string_equal(form_record_part(back, fixture_field(back->def, "grant"), 1), "EUR");
	assert_int_equal(back->kids[members].n, 2);
	assert_string_equal(fixture_get(back->kids[members].rows[0], "name"), "Марта");
	assert_int_equal(back->kids[members].rows[0]->id, 41);
	assert_int_equal(back->kids[members].rows[1]->id, 0);	/* a new row */
	form_record_free(back);

	assert_int_equal(db_draft_list(db, "tester", &list, &n, &err), DB_OK);
	assert_int_equal(n, 1);
	assert_string_equal(list[0].form, "reg");
	assert_int_equal(list[0].record_id, 7);
	assert_non_null(strstr(list[0].summary, "Ján"));
	db_drafts_free(list, n);
	assert_int_equal(db_draft_list(db, "someone", &list, &n, &err), DB_OK);
	assert_int_equal(n, 0);
	db_drafts_free(list, n);

	assert_int_equal(db_draft_delete(db, id, &err), DB_OK);
	assert_int_equal(db_draft_load(db, id, &back, &cursor, &err), DB_NOTFOUND);
	xfree(&err);
	/* Saving under a deleted id makes a new draft. */
	assert_int_equal(db_draft_save(db, &id, rec, 1, &err), DB_OK);
	assert_int_equal(db_draft_load(db, id, &back, &cursor, &err), DB_OK);
	assert_int_equal(cursor, 1);
	form_record_free(back);
	form_record_free(rec);
	db_close(db);
	form_set_free(set);
	fixture_unlink(path);
	free(path);
	assert_null(err);
}

/* A draft of a form that no longer exists loads as DB_NOTFOUND. */
static void
test_draft_form_gone(void **state)
{
	char *path = fixture_path(), *err = NULL;
	struct form_set *set = fixture_forms("call.form", fixture_call_form);
	struct form_set *other = fixture_forms("reg.form", fixture_reg_form);
	struct db *db = fixture_open(path, set);
	struct form_record *rec = form_record_new(set->forms[0]), *back = NULL;
	int64_t id = 0;
	int cursor;

	(void)state;
	fixture_set(rec, "caller", "x");
	assert_int_equal(db_draft_save(db, &id, rec, 0, &err), DB_OK);
	assert_int_equal(db_sync_forms(db, other, &err), DB_OK);
	assert_int_equal(db_draft_load(db, id, &back, &cursor, &err), DB_NOTFOUND);
	assert_null(back);
	free(err);
	form_record_free(rec);
	db_close(db);
	form_set_free(set);
	form_set_free(other);
	fixture_unlink(path);
	free(path);
}

/* A draft never holds more than a field may: cut when kept, and cut again
 * when one kept by an older program comes back. */
static void
test_draft_bounded(void **state)
{
	char *path = fixture_path(), *err = NULL, *big = xmalloc(FORM_LEN_MULTILINE + 101);
	struct form_set *set = fixture_forms("call.form", fixture_call_form);
	struct db *db = fixture_open(path, set);
	struct form_record *rec = form_record_new(set->forms[0]), *back = NULL;
	sqlite3_stmt *st;
	int64_t id = 0;
	int cursor;

	(void)state;
	memset(big, 'n', FORM_LEN_MULTILINE + 100);
	big[FORM_LEN_MULTILINE + 100] = '\0';
	fixture_set(rec, "notes", big);
	assert_int_equal(db_draft_save(db, &id, rec, 0, &err), DB_OK);
	assert_int_equal(strlen(fixture_get(rec, "notes")), FORM_LEN_MULTILINE + 100);
	assert_int_equal(fixture_count(db->sql, "SELECT length(json_extract(data,"
	    " '$.record.vals.notes')) FROM drafts"), FORM_LEN_MULTILINE);
	assert_int_equal(sqlite3_prepare_v2(db->sql, "UPDATE drafts SET data = json_set(data,"
	    " '$.record.vals.notes', ?1)", -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_text(st, 1, big, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
	assert_int_equal(db_draft_load(db, id, &back, &cursor, &err), DB_OK);
	assert_int_equal(strlen(fixture_get(back, "notes")), FORM_LEN_MULTILINE);
	assert_null(err);
	form_record_free(back);
	form_record_free(rec);
	free(big);
	db_close(db);
	form_set_free(set);
	fixture_unlink(path);
	free(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_draft_round_trip),
		cmocka_unit_test(test_draft_form_gone),
		cmocka_unit_test(test_draft_bounded),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
