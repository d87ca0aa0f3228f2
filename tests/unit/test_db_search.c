/*
 * db/search: names without diacritics, phone digits however written, case
 * numbers, and user text that never becomes FTS5 syntax.
 */
#include "db_fixture.h"

#include "db/cases.h"
#include "db/record.h"
#include "db/search.h"

struct test_search {
	char		*path;
	struct form_set	*set;
	struct db	*db;
	struct db_case	 novak, kovac;
};

static void
test_search_person(struct test_search *t, struct db_case *c, const char *surname,
    const char *given, const char *phone, const char *member)
{
	struct form_record *rec = form_record_new(form_set_find(t->set, "reg"));
	char *err = NULL;

	if (db_case_create(t->db, NULL, NULL, c, &err) != DB_OK)
		fail_msg("case: %s", err);
	rec->case_id = c->id;
	fixture_set(rec, "surname", surname);
	fixture_set(rec, "given", given);
	fixture_set(rec, "phone", phone);
	if (member != NULL)
		fixture_set(form_record_add_row(rec, fixture_field(rec->def, "members")),
		    "name", member);
	if (db_record_save(t->db, rec, NULL, &err) != DB_OK)
		fail_msg("save: %s", err);
	form_record_free(rec);
}

static int
test_search_setup(void **state)
{
	struct test_search *t = xcalloc(1, sizeof *t);

	t->path = fixture_path();
	t->set = fixture_forms("reg.form", fixture_reg_form);
	t->db = fixture_open(t->path, t->set);
	test_search_person(t, &t->novak, "Novák", "Jan", "0905 123 456", "Olena Шевченко");
	test_search_person(t, &t->kovac, "Kováč", "Peter", "+421-2-5555-1234", NULL);
	*state = t;
	return 0;
}

static int
test_search_teardown(void **state)
{
	struct test_search *t = *state;

	db_case_clear(&t->novak);
	db_case_clear(&t->kovac);
	db_close(t->db);
	form_set_free(t->set);
	fixture_unlink(t->path);
	free(t->path);
	free(t);
	return 0;
}

/* The one case found by q, 0 for none, -1 for several. */
static int64_t
test_search_one(struct test_search *t, const char *q)
{
	struct db_hit *hits;
	size_t n;
	char *err = NULL;
	int64_t id;

	if (db_search(t->db, q, 10, &hits, &n, &err) != DB_OK)
		fail_msg("search '%s': %s", q, err);
	id = n == 0 ? 0 : n == 1 ? hits[0].case_id : -1;
	db_hits_free(hits, n);
	return id;
}

static void
test_search_names(void **state)
{
	struct test_search *t = *state;

	assert_int_equal(test_search_one(t, "novak"), t->novak.id);
	assert_int_equal(test_search_one(t, "NOVAK jan"), t->novak.id);
	assert_int_equal(test_search_one(t, "KOVAC"), t->kovac.id);
	assert_int_equal(test_search_one(t, "kov"), t->kovac.id);
	assert_int_equal(test_search_one(t, "olena"), t->novak.id);	/* family member */
	assert_int_equal(test_search_one(t, "шевч"), t->novak.id);	/* native script */
	assert_int_equal(test_search_one(t, "novak peter"), 0);
	assert_int_equal(test_search_one(t, "horvath"), 0);
}

static void
test_search_phones(void **state)
{
	struct test_search *t = *state;

	assert_int_equal(test_search_one(t, "0905123456"), t->novak.id);
	assert_int_equal(test_search_one(t, "+421 905 123 456"), t->novak.id);
	assert_int_equal(test_search_one(t, "905-123"), t->novak.id);
	assert_int_equal(test_search_one(t, "421255551234"), t->kovac.id);
	assert_int_equal(test_search_one(t, "5555 1234"), t->kovac.id);
	assert_int_equal(test_search_one(t, "777 888 999"), 0);
}

static void
test_search_case_no(void **state)
{
	struct test_search *t = *state;
	struct db_case c;
	char *err = NULL;

	assert_int_equal(test_search_one(t, t->kovac.case_no), t->kovac.id);
	/* A case without any record yet is found by its number. */
	assert_int_equal(db_case_create(t->db, NULL, NULL, &c, &err), DB_OK);
	assert_int_equal(test_search_one(t, c.case_no), c.id);
	db_case_clear(&c);
	/* display names come from the index */
	assert_int_equal(db_case_load(t->db, t->novak.id, &c, &err), DB_OK);
	assert_string_equal(c.display_name, "Novák Jan");
	db_case_clear(&c);
}

static void
test_search_hostile(void **state)
{
	static const char *const qs[] = {
		"\"", "\"\"", "novak\"", "*", "**", "nov*", "(", ")", "(novak", "novak)",
		"NEAR(novak jan)", "novak AND", "OR", "NOT novak", "-novak", "+", "^novak",
		"surname:novak", "{surname}:novak", ":", "'", "novak'; DROP TABLE cases;--",
		"\t \n", "\x01\x02", "\xff\xfe", "–", "…", "a\"b\"c", "100%", "\\", NULL
	};
	struct test_search *t = *state;
	struct db_hit *hits;
	char *err = NULL;
	size_t i, n;

	for (i = 0; qs[i] != NULL; i++) {
		if (db_search(t->db, qs[i], 10, &hits, &n, &err) != DB_OK)
			fail_msg("query '%s': %s", qs[i], err);
		db_hits_free(hits, n);
	}
	assert_int_equal(test_search_one(t, "(novak"), t->novak.id);
	assert_int_equal(test_search_one(t, "novak\""), t->novak.id);
	assert_int_equal(db_search(t->db, "", 10, &hits, &n, &err), DB_OK);
	assert_int_equal(n, 0);
	assert_int_equal(db_search(t->db, "   ", 10, &hits, &n, &err), DB_OK);
	assert_int_equal(n, 0);
	assert_null(err);
}

static void
test_search_follows_changes(void **state)
{
	struct test_search *t = *state;
	struct form_record *rec;
	int64_t *ids;
	size_t n;
	char *err = NULL;
	const struct form_def *def = form_set_find(t->set, "reg");

	assert_int_equal(db_record_list(t->db, def, t->kovac.id, &ids, &n, &err), DB_OK);
	assert_int_equal(n, 1);
	assert_int_equal(db_record_load(t->db, def, ids[0], &rec, &err), DB_OK);
	fixture_set(rec, "surname", "Horváth");
	assert_int_equal(db_record_save(t->db, rec, NULL, &err), DB_OK);
	assert_int_equal(test_search_one(t, "kovac"), 0);
	assert_int_equal(test_search_one(t, "horvath"), t->kovac.id);
	assert_int_equal(db_record_delete(t->db, def, rec->id, rec->version, &err), DB_OK);
	assert_int_equal(test_search_one(t, "horvath"), 0);
	assert_int_equal(db_search_rebuild(t->db, &err), DB_OK);
	assert_int_equal(test_search_one(t, "novak"), t->novak.id);
	form_record_free(rec);
	free(ids);
	assert_null(err);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_search_names, test_search_setup,
		    test_search_teardown),
		cmocka_unit_test_setup_teardown(test_search_phones, test_search_setup,
		    test_search_teardown),
		cmocka_unit_test_setup_teardown(test_search_case_no, test_search_setup,
		    test_search_teardown),
		cmocka_unit_test_setup_teardown(test_search_hostile, test_search_setup,
		    test_search_teardown),
		cmocka_unit_test_setup_teardown(test_search_follows_changes, test_search_setup,
		    test_search_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
