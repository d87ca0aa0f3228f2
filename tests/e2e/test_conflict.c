/*
 * End-to-end tests of a stale save: user B has the registration open in avrr
 * (80x24, through the pty) while user A saves a change through the data
 * layer; B's save then meets the conflict screen. What ends up in the
 * database is read back through the data layer.
 */
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "db/cases.h"
#include "db/lifecycle.h"
#include "db/record.h"
#include "util/mem.h"

#define T 8000

struct t {
	struct e2e_db	*db;
	struct vt	*vt;
	int64_t		 case_id;
};

static int
setup(void **state)
{
	struct t *t = xcalloc(1, sizeof *t);

	t->db = e2e_db_new_forms("forms");
	*state = t;
	return 0;
}

static int
teardown(void **state)
{
	struct t *t = *state;

	vt_free(t->vt);
	e2e_db_free(t->db);
	free(t);
	return 0;
}

static void
set(struct form_record *rec, const char *name, const char *val)
{
	int i = form_field_index(rec->def, name);

	if (i < 0)
		fail_msg("form %s has no field %s", rec->def->name, name);
	form_record_set(rec, (size_t)i, val);
}

static const char *
get(const struct form_record *rec, const char *name)
{
	int i = form_field_index(rec->def, name);

	assert_true(i >= 0);
	return rec->vals[i] != NULL ? rec->vals[i] : "(null)";
}

static size_t
family(const struct form_record *rec)
{
	int i = form_field_index(rec->def, "family");

	assert_true(i >= 0);
	return (size_t)i;
}

static struct form_record *
add_member(struct form_record *rec, const char *given, const char *sex, const char *dob,
    const char *relationship)
{
	struct form_record *row = form_record_add_row(rec, family(rec));

	set(row, "surname", "HASANI");
	set(row, "given_names", given);
	set(row, "sex", sex);
	set(row, "dob", dob);
	set(row, "relationship", relationship);
	set(row, "nationality", "GE");
	set(row, "vulnerabilities", "none");
	return row;
}

/* A registration of a new case, with the principal's names; saved as the
 * program saves it. Returns the case id. */
static int64_t
save_case(struct t *t, struct form_record *rec, const char *surname, const char *given)
{
	struct db *db = e2e_db_open(t->db);
	struct db_case c;
	char *err = NULL;

	assert_int_equal(db_case_create(db, "AMIF-2026-01", NULL, &c, NULL), DB_OK);
	rec->case_id = c.id;
	db_case_clear(&c);
	set(rec, "surname", surname);
	set(rec, "given_names", given);
	set(rec, "sex", "male");
	set(rec, "dob", "1986-04-02");
	set(rec, "nationality", "GE");
	set(rec, "return_country", "GE");
	set(rec, "return_place", "Tbilisi");
	set(rec, "languages", "ka");
	set(rec, "interpreter", "no");
	set(rec, "location", "humenne");
	set(rec, "legal_status", "rejected");
	set(rec, "vulnerabilities", "none");
	set(rec, "project", "AMIF-2026-01");
	if (db_lifecycle_save(db, rec, NULL, &err) != DB_OK)
		fail_msg("registration not saved: %s", err != NULL ? err : "?");
	e2e_db_close(t->db);
	return rec->case_id;
}

/* The case of Karim HASANI, with his son Omar and his wife Amina (member 2),
 * and after it another case whose family rows come later in the table (so a
 * row written anew could not get its old id back by chance). */
static void
make_case(struct t *t)
{
	const struct form_def *def = form_set_find(t->db->forms, "registration");
	struct form_record *rec = form_record_new(def);

	add_member(rec, "Omar", "male", "2015-09-01", "child");
	add_member(rec, "Amina", "female", "1990-01-20", "spouse");
	t->case_id = save_case(t, rec, "HASANI", "Karim");
	form_record_free(rec);
	rec = form_record_new(def);
	set(add_member(rec, "Drita", "female", "1988-02-03", "spouse"), "surname", "BERISHA");
	save_case(t, rec, "BERISHA", "Luan");
	form_record_free(rec);
}

/* The registration as stored now (the caller frees it, before the forms). */
static struct form_record *
stored(struct t *t)
{
	const struct form_def *def = form_set_find(t->db->forms, "registration");
	struct form_record *rec = NULL;
	int64_t *ids = NULL;
	size_t n = 0;

	e2e_db_open(t->db);
	assert_int_equal(db_record_list(t->db->db, def, t->case_id, &ids, &n, NULL), DB_OK);
	assert_int_equal(n, 1);
	assert_int_equal(db_record_load(t->db->db, def, ids[0], &rec, NULL), DB_OK);
	free(ids);
	e2e_db_close(t->db);
	return rec;
}

/* User A's save, as the program makes it. */
static void
save_as_other(struct t *t, struct form_record *rec)
{
	char *err = NULL;

	e2e_db_open(t->db);
	db_set_user(t->db->db, "colleague");
	if (db_lifecycle_save(t->db->db, rec, NULL, &err) != DB_OK)
		fail_msg("the other user's save failed: %s", err != NULL ? err : "?");
	e2e_db_close(t->db);
	form_record_free(rec);
}

/* What user B's screens say, in the staff language of the run. */
struct texts {
	const char	*lang;
	const char	*home;
	const char	*find;
	const char	*found;
	const char	*forms;
	const char	*place_hint;
	const char	*conflict;
	const char	*saved;
};

static const struct texts en = { "en", "Find a case", "Find:", "Cases found: 1",
	"Forms of this case", "Town or village and region.", "Someone else saved",
	"Saved." };
static const struct texts sk = { "sk", "Vyhľadať prípad", "Hľadať:", "Nájdené prípady: 1",
	"Formuláre prípadu", "Mesto alebo obec a región.", "Kým ste tento záznam",
	"Uložené." };

/* User B: the program on the case's registration, loaded before A saves. */
static void
open_registration_at(struct t *t, const struct texts *x, int rows, int cols)
{
	const char *const args[] = { "--lang", x->lang, NULL };

	t->vt = e2e_start_ex(t->db, NULL, args, rows, cols, NULL);
	VT_ASSERT_TEXT(t->vt, x->home, T);
	vt_ctrl(t->vt, 'f');
	VT_ASSERT_TEXT(t->vt, x->find, T);
	vt_type(t->vt, "hasani");
	VT_ASSERT_TEXT(t->vt, x->found, T);
	vt_key(t->vt, VT_ENTER);
	VT_ASSERT_TEXT(t->vt, x->forms, T);
	vt_key(t->vt, VT_PAGEUP);
	vt_key(t->vt, VT_ENTER);
	VT_ASSERT_ROW(t->vt, 0, " - AVRR-", T);
	VT_ASSERT_TEXT(t->vt, "Karim", T);
}

static void
open_registration_in(struct t *t, const struct texts *x)
{
	open_registration_at(t, x, 24, 80);
}

static void
open_registration(struct t *t)
{
	open_registration_in(t, &en);
}

/* A wide window shows more of each family member than 80 columns do. */
static void
test_wide_rows_say_more(void **state)
{
	struct t *t = *state;

	make_case(t);
	open_registration_at(t, &en, 43, 132);
	/* 80 columns show four values: relationship, surname, given names, sex */
	VT_ASSERT_TEXT(t->vt, "2. Spouse, HASANI, Amina, Female, 1990-01-20 Sat, Georgia", T);
}

/* User B types a new place of return and saves. */
static void
type_place_in(struct t *t, const char *place, const struct texts *x)
{
	e2e_tabs(t->vt, 7);
	VT_ASSERT_TEXT(t->vt, x->place_hint, T);	/* the field's hint: it has the cursor */
	vt_ctrl(t->vt, 'u');
	vt_type(t->vt, place);
	VT_ASSERT_TEXT(t->vt, place, T);
	vt_ctrl(t->vt, 'o');
	VT_ASSERT_TEXT(t->vt, x->conflict, T);
}

static void
type_place(struct t *t, const char *place)
{
	type_place_in(t, place, &en);
}

static void
assert_saved(struct t *t)
{
	VT_ASSERT_TEXT(t->vt, "Saved.", T);
	assert_false(vt_wait_text(t->vt, "Someone else saved", 100));
}

/* The case: A changed a family member's given names, B the place of
 * return. B sees the member's difference, and saving B's changes keeps A's. */
static void
test_conflict_family_member(void **state)
{
	struct t *t = *state;
	struct form_record *a, *back;
	int64_t omar, amina;

	make_case(t);
	open_registration(t);
	a = stored(t);
	omar = a->kids[family(a)].rows[0]->id;
	amina = a->kids[family(a)].rows[1]->id;
	set(a->kids[family(a)].rows[1], "given_names", "Aminah");
	save_as_other(t, a);
	type_place(t, "Batumi");
	VT_ASSERT_TEXT(t->vt, "Family members returning together 2 (Spouse, HASANI, Amina", T);
	VT_ASSERT_TEXT(t->vt, "Given names (as in", T);	/* the row matched by its id */
	VT_ASSERT_TEXT(t->vt, "*Aminah", T);	/* theirs, changed by them */
	assert_false(vt_wait_text(t->vt, "Added by", 50));
	VT_ASSERT_TEXT(t->vt, "Place of return", T);
	VT_ASSERT_TEXT(t->vt, "*Batumi", T);	/* mine, changed by me */
	VT_ASSERT_ROW(t->vt, 23, "F7/^K Mine", T);	/* the key bar */
	vt_key(t->vt, VT_F2);
	assert_saved(t);
	back = stored(t);
	assert_string_equal(get(back, "return_place"), "Batumi");
	assert_int_equal(back->kids[family(back)].n, 2);
	assert_string_equal(get(back->kids[family(back)].rows[0], "given_names"), "Omar");
	assert_string_equal(get(back->kids[family(back)].rows[1], "given_names"), "Aminah");
	assert_int_equal(back->kids[family(back)].rows[0]->id, omar);
	assert_int_equal(back->kids[family(back)].rows[1]->id, amina);
	assert_int_equal(back->version, 3);
	form_record_free(back);
}

/* Both changed the place of return: both values shown, the save waits for a
 * choice, and saves the chosen one; A's other change stays. */
static void
test_conflict_same_field(void **state)
{
	struct t *t = *state;
	struct form_record *a, *back;

	make_case(t);
	open_registration(t);
	a = stored(t);
	set(a, "return_place", "Kutaisi");
	set(a->kids[family(a)].rows[0], "dob", "2015-09-02");
	save_as_other(t, a);
	type_place(t, "Batumi");
	VT_ASSERT_TEXT(t->vt, "*Kutaisi", T);
	VT_ASSERT_TEXT(t->vt, "*Batumi", T);
	VT_ASSERT_TEXT(t->vt, "Family members returning together 1 (Child, HASANI, Omar", T);
	vt_ctrl(t->vt, 'o');
	VT_ASSERT_TEXT(t->vt, "Choose yours or theirs for every line marked ?", T);
	vt_ctrl(t->vt, 'k');	/* the cursor went to the undecided line: mine */
	VT_ASSERT_TEXT(t->vt, "yours", T);
	vt_ctrl(t->vt, 'o');
	assert_saved(t);
	back = stored(t);
	assert_string_equal(get(back, "return_place"), "Batumi");
	assert_string_equal(get(back->kids[family(back)].rows[0], "dob"), "2015-09-02");
	form_record_free(back);
}

/* A removed Omar and added Leyla; B changed the place: both rows shown, and
 * saving B's change neither brings Omar back nor drops Leyla. */
static void
test_conflict_rows_added_removed(void **state)
{
	struct t *t = *state;
	struct form_record *a, *back;

	make_case(t);
	open_registration(t);
	a = stored(t);
	form_record_del_row(a, family(a), 0);
	add_member(a, "Leyla", "female", "2019-05-05", "child");
	save_as_other(t, a);
	type_place(t, "Batumi");
	VT_ASSERT_TEXT(t->vt, "Removed by the other user", T);
	VT_ASSERT_TEXT(t->vt, "Added by the other user", T);
	VT_ASSERT_TEXT(t->vt, "Leyla", T);
	vt_ctrl(t->vt, 'o');
	assert_saved(t);
	back = stored(t);
	assert_string_equal(get(back, "return_place"), "Batumi");
	assert_int_equal(back->kids[family(back)].n, 2);
	assert_string_equal(get(back->kids[family(back)].rows[0], "given_names"), "Amina");
	assert_string_equal(get(back->kids[family(back)].rows[1], "given_names"), "Leyla");
	form_record_free(back);
}

/* More differences than fit at 80x24: the list scrolls to the cursor, and
 * every line can be reached and decided. */
static void
test_conflict_long_list(void **state)
{
	static const char *const fields[] = { "surname", "given_names", "native_name" };
	struct t *t = *state;
	struct form_record *a, *back, *row;
	size_t i, r;

	make_case(t);
	open_registration(t);
	a = stored(t);
	for (i = 0; i < 3; i++) {
		set(a, fields[i], "X");
		for (r = 0; r < 2; r++)
			set(a->kids[family(a)].rows[r], fields[i], "Y");
	}
	set(a, "phone", "+995 555 123 456");
	set(a, "email", "karim@example.org");
	set(a, "return_place", "Kutaisi");
	for (r = 0; r < 2; r++)
		set(a->kids[family(a)].rows[r], "dob", "2001-01-01");
	row = add_member(a, "Leyla", "female", "2019-05-05", "child");
	set(row, "surname", "LAST");
	save_as_other(t, a);
	type_place(t, "Batumi");
	VT_ASSERT_TEXT(t->vt, "Place of return", T);
	assert_false(vt_wait_text(t->vt, "Added by the other user", 50));
	vt_key(t->vt, VT_END);
	VT_ASSERT_TEXT(t->vt, "Added by the other user", T);
	VT_ASSERT_TEXT(t->vt, "(Child, LAST, Leyla", T);	/* its heading scrolled in too */
	vt_key(t->vt, VT_HOME);
	VT_ASSERT_TEXT(t->vt, "Surname (as in passport)", T);
	vt_ctrl(t->vt, 'a');	/* all mine: the place, the only line both changed */
	vt_ctrl(t->vt, 'o');
	assert_saved(t);
	back = stored(t);
	assert_string_equal(get(back, "return_place"), "Batumi");
	assert_string_equal(get(back, "surname"), "X");
	assert_string_equal(get(back, "email"), "karim@example.org");
	assert_int_equal(back->kids[family(back)].n, 3);
	assert_string_equal(get(back->kids[family(back)].rows[1], "given_names"), "Y");
	form_record_free(back);
}

/* The screen in the staff language: labels, the row's name and the key bar
 * translated when drawn. */
static void
test_conflict_in_slovak(void **state)
{
	struct t *t = *state;
	struct form_record *a, *back;

	make_case(t);
	open_registration_in(t, &sk);
	a = stored(t);
	set(a->kids[family(a)].rows[1], "given_names", "Aminah");
	save_as_other(t, a);
	type_place_in(t, "Batumi", &sk);
	VT_ASSERT_TEXT(t->vt, "Spolu sa vracajúca rodina 2 (Manžel / manželka, HASANI, Amina", T);
	VT_ASSERT_TEXT(t->vt, "Meno (ako v pase)", T);
	VT_ASSERT_TEXT(t->vt, "Miesto návratu", T);
	VT_ASSERT_ROW(t->vt, 23, "F7/^K Moje", T);
	VT_ASSERT_ROW(t->vt, 23, "Esc Späť", T);
	vt_ctrl(t->vt, 'o');
	VT_ASSERT_TEXT(t->vt, sk.saved, T);
	back = stored(t);
	assert_string_equal(get(back, "return_place"), "Batumi");
	assert_string_equal(get(back->kids[family(back)].rows[1], "given_names"), "Aminah");
	form_record_free(back);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_wide_rows_say_more, setup, teardown),
		cmocka_unit_test_setup_teardown(test_conflict_family_member, setup, teardown),
		cmocka_unit_test_setup_teardown(test_conflict_same_field, setup, teardown),
		cmocka_unit_test_setup_teardown(test_conflict_rows_added_removed, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_conflict_long_list, setup, teardown),
		cmocka_unit_test_setup_teardown(test_conflict_in_slovak, setup, teardown),
	};

	return cmocka_run_group_tests_name("conflict", tests, NULL, NULL);
}
