/*
 * The type `percent` of tests/types/type_percent.c, built into a copy of the
 * lower layers by tests/types/new_type.sh with nothing else changed: the
 * form language takes it, values are checked by its descriptor, the data
 * layer gives it the column it asks for and stores and loads its values.
 */
#include "unit/db_fixture.h"

#include "db/internal.h"
#include "db/record.h"
#include "form/type.h"

static const char probe_form[] =
    "form survey\n"
    "  title \"Survey\"\n"
    "  table surveys\n"
    "field share\n  type percent\n  required\n";

static struct form_set *
probe_set(void)
{
	struct form_set *set = form_set_new();

	form_set_parse(set, "survey.form", probe_form);
	form_set_finish(set);
	return set;
}

/* The build collected the type into the enum and the table. */
static void
probe_in_table(void **state)
{
	(void)state;
	assert_string_equal(form_type_name(FT_PERCENT), "percent");
	assert_string_equal(form_type(FT_PERCENT)->coltype, "INTEGER");
	assert_int_equal(form_type_ncols(FT_PERCENT), 1);
}

static void
probe_value(const struct form_set *set, const char *in, const char *want)
{
	const struct form_field *f = &set->forms[0]->fields[0];
	char *canon = NULL, *msg = NULL;
	bool ok = form_value_check(set, f, in, &canon, &msg);

	if (want == NULL) {
		assert_false(ok);
		assert_non_null(strstr(msg, "not a percentage"));
	} else {
		assert_true(ok);
		assert_string_equal(canon, want);
	}
	free(canon);
	free(msg);
}

/* A form uses it by name; its check and canonical text are the descriptor's. */
static void
probe_form_values(void **state)
{
	struct form_set *set = probe_set();

	(void)state;
	assert_int_equal(set->nerrors, 0);
	assert_int_equal(set->forms[0]->fields[0].type, FT_PERCENT);
	probe_value(set, "45", "45");
	probe_value(set, "45 %", "45");
	probe_value(set, "100%", "100");
	probe_value(set, "101", NULL);
	probe_value(set, "half", NULL);
	form_set_free(set);
}

/* The data layer makes an INTEGER column and keeps the value. */
static void
probe_stored(void **state)
{
	struct form_set *set = probe_set();
	char *path = fixture_path(), *err = NULL;
	struct db *db = fixture_open(path, set);
	struct form_record *rec = form_record_new(set->forms[0]), *back = NULL;

	(void)state;
	fixture_set(rec, "share", "45");
	assert_int_equal(db_record_save(db, rec, NULL, &err), DB_OK);
	assert_int_equal(db_record_load(db, rec->def, rec->id, &back, &err), DB_OK);
	assert_string_equal(fixture_get(back, "share"), "45");
	assert_int_equal(fixture_count(db->sql, "SELECT count(*) FROM pragma_table_info"
	    "('surveys') WHERE name = 'share' AND type = 'INTEGER'"), 1);
	assert_int_equal(fixture_count(db->sql, "SELECT typeof(share) = 'integer' FROM surveys"), 1);
	form_record_free(back);
	form_record_free(rec);
	db_close(db);
	fixture_unlink(path);
	free(path);
	form_set_free(set);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(probe_in_table),
		cmocka_unit_test(probe_form_values),
		cmocka_unit_test(probe_stored),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
