/*
 * form/type: the descriptors of the field types, and the type `time` that is
 * only a descriptor (form/type_time.c): its values, its bounds, the form
 * language, and a record with a time stored and loaded by the data layer.
 */
#include "db_fixture.h"

#include "db/internal.h"
#include "db/record.h"
#include "form/type.h"

#define TYPES_DIR "tests/data/types"

static const char types_form[] =
    "form t\n"
    "  title \"T\"\n"
    "field at\n  type time\n"
    "field shift\n  type time\n  min 08:00\n  max 17:30\n"
    "field day\n  type date\n";

static struct form_set *
types_set(const char *text)
{
	struct form_set *set = form_set_new();

	form_set_parse(set, "t.form", text);
	form_set_finish(set);
	return set;
}

/* Asserts that field of set takes input as want (NULL: refuses it with msg). */
static void
types_value(const struct form_set *set, const char *name, const char *input,
    const char *want, const char *msg_want)
{
	const struct form_def *def = set->forms[0];
	char *canon = NULL, *msg = NULL;
	bool ok = form_value_check(set, &def->fields[form_field_index(def, name)], input,
	    &canon, &msg);

	if (want != NULL && !ok)
		fail_msg("%s: '%s' refused: %s", name, input, msg);
	if (want == NULL && ok)
		fail_msg("%s: '%s' accepted as '%s'", name, input, canon);
	if (want != NULL)
		assert_string_equal(canon, want);
	if (msg_want != NULL)
		assert_string_equal(msg, msg_want);
	free(canon);
	free(msg);
}

/* Every type has a descriptor with a name the form language finds it by,
 * and a check; exactly note and repeat own no column. */
static void
test_types_table(void **state)
{
	struct form_set *set = form_set_new();
	int t;

	(void)state;
	for (t = 0; t < FT__COUNT; t++) {
		const struct form_type_desc *d = form_type((enum form_type)t);

		assert_non_null(d->name);
		assert_non_null(d->check);
		assert_string_equal(form_type_name((enum form_type)t), d->name);
		assert_int_equal(d->coltype == NULL, t == FT_NOTE || t == FT_REPEAT);
		assert_int_equal(d->bound_ok == NULL, d->bound_msg == NULL);
		assert_int_equal(d->bound_ok == NULL, d->bound_cmp == NULL);
	}
	/* Columns: none for a note, one for a text, an amount and its currency
	 * for money, all read from the descriptors by the data layer. */
	assert_int_equal(form_type_ncols(FT_NOTE), 0);
	assert_int_equal(form_type_ncols(FT_TEXT), 1);
	assert_int_equal(form_type_ncols(FT_TIME), 1);
	assert_int_equal(form_type_ncols(FT_MONEY), 2);
	assert_string_equal(form_type(FT_MONEY)->extra->suffix, "_currency");
	form_set_free(set);
}

static void
test_types_time_values(void **state)
{
	struct form_set *set = types_set(types_form);

	(void)state;
	assert_int_equal(set->nerrors, 0);
	types_value(set, "at", "9:05", "09:05", NULL);
	types_value(set, "at", " 09:05 ", "09:05", NULL);
	types_value(set, "at", "0905", "09:05", NULL);
	types_value(set, "at", "23.59", "23:59", NULL);
	types_value(set, "at", "0:00", "00:00", NULL);
	types_value(set, "at", "now", "14:07", NULL);
	types_value(set, "at", "", "", NULL);
	types_value(set, "at", "24:00", NULL, "'24:00' is not a time (use 14:30 or 9:05)");
	types_value(set, "at", "9:60", NULL, "'9:60' is not a time (use 14:30 or 9:05)");
	types_value(set, "at", "905", NULL, NULL);
	types_value(set, "at", "9:5", NULL, NULL);
	types_value(set, "at", "123:45", NULL, NULL);
	types_value(set, "at", "ab:cd", NULL, NULL);
	types_value(set, "at", "-1:00", NULL, NULL);
	types_value(set, "shift", "8:00", "08:00", NULL);
	types_value(set, "shift", "17:30", "17:30", NULL);
	types_value(set, "shift", "7:59", NULL,
	    "'7:59' is before the earliest allowed time 08:00");
	types_value(set, "shift", "17:31", NULL,
	    "'17:31' is after the latest allowed time 17:30");
	form_set_free(set);
}

/* Bounds of a time are times HH:MM, in order; a time takes no length. */
static void
test_types_time_bounds(void **state)
{
	struct form_set *set = types_set("form t\n  title \"T\"\n"
	    "field a\n  type time\n  min 8:00\n"
	    "field b\n  type time\n  max 18:00\n  min 19:00\n"
	    "field c\n  type time\n  length 5\n");

	(void)state;
	assert_int_equal(set->nerrors, 3);
	assert_string_equal(set->errors[0], "t.form:5: 'min' must be a time (HH:MM), not '8:00'");
	assert_string_equal(set->errors[1], "t.form:8: 'min' 19:00 is greater than 'max' 18:00");
	assert_string_equal(set->errors[2],
	    "t.form:12: 'length' is only for text, multiline and phone fields");
	form_set_free(set);
}

/* The writer gives `type time` and its bounds back; the folder in
 * tests/data/types loads without errors, as check-forms wants it. */
static void
test_types_time_form(void **state)
{
	struct form_set *set = form_set_load_dir(TYPES_DIR);
	struct form_set *again;
	char *text;

	(void)state;
	assert_int_equal(set->nerrors, 0);
	text = form_def_write(form_set_find(set, "visit"));
	assert_non_null(strstr(text, "field arrived_at\n  type time\n"));
	assert_non_null(strstr(text, "  min 06:00\n  max 22:00\n"));
	again = types_set(text);
	assert_int_equal(again->nerrors, 0);
	assert_int_equal(again->forms[0]->fields[1].type,
	    form_set_find(set, "visit")->fields[1].type);
	form_set_free(again);
	free(text);
	form_set_free(set);
}

/* A time is a TEXT column holding HH:MM; saved and loaded unchanged. */
static void
test_types_time_stored(void **state)
{
	struct form_set *set = form_set_load_dir(TYPES_DIR);
	char *path = fixture_path(), *err = NULL;
	struct db *db;
	struct form_record *rec, *back;

	(void)state;
	assert_int_equal(set->nerrors, 0);
	db = fixture_open(path, set);
	rec = form_record_new(form_set_find(set, "visit"));
	fixture_set(rec, "visited_on", "2026-06-15");
	fixture_set(rec, "arrived_at", "09:05");
	fixture_set(rec, "left_at", "10:30");
	assert_int_equal(db_record_save(db, rec, NULL, &err), DB_OK);
	assert_int_equal(db_record_load(db, rec->def, rec->id, &back, &err), DB_OK);
	assert_string_equal(fixture_get(back, "arrived_at"), "09:05");
	assert_string_equal(fixture_get(back, "left_at"), "10:30");
	assert_int_equal(fixture_count(db->sql,
	    "SELECT count(*) FROM pragma_table_info('visits')"
	    " WHERE name = 'arrived_at' AND type = 'TEXT'"), 1);
	assert_int_equal(fixture_count(db->sql,
	    "SELECT typeof(arrived_at) = 'text' FROM visits"), 1);
	assert_null(err);
	form_record_free(back);
	form_record_free(rec);
	db_close(db);
	fixture_unlink(path);
	free(path);
	form_set_free(set);
}

static const char test_types_show_form[] =
	"form show\n  title \"Show\"\n  table shows\n"
	"field ok\n  type yesno\n"
	"field rel\n  type select_one relationship\n"
	"field langs\n  type select_many relationship\n"
	"field on\n  type date\n"
	"choices relationship\n  spouse \"Spouse\"\n  child \"Child\"\n";

/* A translation of two msgids, to see that the display goes through tr. */
static const char *
test_types_tr(const char *msgid)
{
	return strcmp(msgid, "Yes") == 0 ? "Ano" : strcmp(msgid, "Spouse") == 0 ? "Manžel" :
	    strcmp(msgid, "Sun") == 0 ? "Ne" : msgid;
}

static char *
test_types_show(const struct form_set *set, const struct form_record *rec, const char *name)
{
	size_t i = fixture_field(rec->def, name);

	assert_non_null(form_type(rec->def->fields[i].type)->display);
	return form_type(rec->def->fields[i].type)->display(set, rec, i, test_types_tr);
}

/* Each type says how its value shows, in the language it is given. */
static void
test_types_display(void **state)
{
	struct form_set *set = fixture_forms("show.form", test_types_show_form);
	struct form_record *rec = form_record_new(set->forms[0]);
	char *t;

	(void)state;
	fixture_set(rec, "ok", "yes");
	fixture_set(rec, "rel", "spouse");
	fixture_set(rec, "langs", "spouse child");
	fixture_set(rec, "on", "2026-11-22");
	t = test_types_show(set, rec, "ok");
	assert_string_equal(t, "Ano");
	free(t);
	t = test_types_show(set, rec, "rel");
	assert_string_equal(t, "Manžel");
	free(t);
	t = test_types_show(set, rec, "langs");
	assert_string_equal(t, "Manžel, Child");
	free(t);
	t = test_types_show(set, rec, "on");
	assert_string_equal(t, "2026-11-22 Ne");
	free(t);
	form_record_free(rec);
	form_set_free(set);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_types_table),
		cmocka_unit_test(test_types_time_values),
		cmocka_unit_test(test_types_time_bounds),
		cmocka_unit_test(test_types_time_form),
		cmocka_unit_test(test_types_time_stored),
		cmocka_unit_test(test_types_display),
	};

	setenv("AVRR_TODAY", "2026-06-15 14:07", 1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
