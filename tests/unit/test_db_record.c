/*
 * db/record: save/load round trips, optimistic versions, audit rows, case rules.
 */
#include "db_fixture.h"

#include <sqlite3.h>

#include "db/cases.h"
#include "db/internal.h"
#include "db/record.h"
#include "form/merge.h"
#include "form/type.h"

struct test_rec {
	char		*path;
	struct form_set	*set;
	struct db	*db;
	struct db_case	 c;
};

static int
test_rec_setup(void **state)
{
	struct test_rec *t = xcalloc(1, sizeof *t);
	char *err = NULL;

	t->path = fixture_path();
	t->set = fixture_forms2(fixture_reg_form, fixture_call_form);
	t->db = fixture_open(t->path, t->set);
	if (db_case_create(t->db, "AMIF-2026", "uk", &t->c, &err) != DB_OK)
		fail_msg("case: %s", err);
	*state = t;
	return 0;
}

static int
test_rec_teardown(void **state)
{
	struct test_rec *t = *state;

	db_case_clear(&t->c);
	db_close(t->db);
	form_set_free(t->set);
	fixture_unlink(t->path);
	free(t->path);
	free(t);
	return 0;
}

static struct form_record *
test_rec_new(struct test_rec *t)
{
	struct form_record *rec = form_record_new(form_set_find(t->set, "reg"));
	struct form_record *kid;
	size_t members = fixture_field(rec->def, "members");

	rec->case_id = t->c.id;
	fixture_set(rec, "surname", "Novák");
	fixture_set(rec, "given", "Jan");
	fixture_set(rec, "phone", "+421 905 123 456");
	fixture_set(rec, "born", "1990-05-17");
	fixture_set(rec, "grant", "1500.00");
	form_record_set_part(rec, fixture_field(rec->def, "grant"), 1, "EUR");
	fixture_set(rec, "children", "2");
	fixture_set(rec, "vuln", "minor elderly");
	kid = form_record_add_row(rec, members);
	fixture_set(kid, "name", "Marta Nováková");
	fixture_set(kid, "born", "1992-01-02");
	kid = form_record_add_row(rec, members);
	fixture_set(kid, "name", "Petr Novák");
	return rec;
}

static void
test_rec_round_trip(void **state)
{
	struct test_rec *t = *state;
	struct form_record *rec = test_rec_new(t), *back;
	size_t members = fixture_field(rec->def, "members");
	char *err = NULL;

	assert_int_equal(db_record_save(t->db, rec, NULL, &err), DB_OK);
	assert_true(rec->id > 0);
	assert_int_equal(rec->version, 1);
	assert_int_equal(db_record_load(t->db, rec->def, rec->id, &back, &err), DB_OK);
	assert_int_equal(back->case_id, t->c.id);
	assert_int_equal(back->version, 1);
	assert_string_equal(fixture_get(back, "surname"), "Novák");
	assert_string_equal(fixture_get(back, "phone"), "+421 905 123 456");
	assert_string_equal(fixture_get(back, "grant"), "1500.00");
	assert_string_equal(form_record_part(back, fixture_field(back->def, "grant"), 1), "EUR");
	assert_string_equal(fixture_get(back, "children"), "2");
	assert_string_equal(fixture_get(back, "vuln"), "minor elderly");
	assert_null(fixture_get(back, "interpreted"));
	assert_int_equal(back->kids[members].n, 2);
	assert_string_equal(fixture_get(back->kids[members].rows[0], "name"),
	    "Marta Nováková");
	assert_string_equal(fixture_get(back->kids[members].rows[0], "born"), "1992-01-02");
	assert_string_equal(fixture_get(back->kids[members].rows[1], "name"), "Petr Novák");
	/* Stored as numbers, so reports can sum them. */
	assert_int_equal(fixture_count(t->db->sql,
	    "SELECT typeof(grant) = 'real' AND typeof(children) = 'integer'"
	    " FROM registrations"), 1);

	/* Child rows are replaced as a whole. */
	form_record_del_row(back, members, 0);
	assert_int_equal(db_record_save(t->db, back, NULL, &err), DB_OK);
	assert_int_equal(back->version, 2);
	assert_int_equal(fixture_count(t->db->sql,
	    "SELECT count(*) FROM registrations_members"), 1);
	form_record_free(back);
	form_record_free(rec);
	assert_null(err);
}

/* Every column a type owns goes through the data layer by the generic
 * accessors: set by form_record_set_part(), stored in the columns the
 * descriptor names, read back by form_record_part(), copied by
 * form_record_dup(), and cleared. A field of one column has no second. */
static void
test_rec_every_column(void **state)
{
	struct test_rec *t = *state;
	struct form_record *rec = form_record_new(form_set_find(t->set, "reg")), *back, *copy;
	size_t i, two = rec->def->nfields, one = fixture_field(rec->def, "surname");
	char *err = NULL;

	for (i = 0; i < rec->def->nfields && two == rec->def->nfields; i++)
		if (form_type_ncols(rec->def->fields[i].type) == 2)
			two = i;
	assert_true(two < rec->def->nfields);	/* the fixture's money field */
	rec->case_id = t->c.id;
	fixture_set(rec, "surname", "Novák");
	form_record_set_part(rec, two, 0, "12.50");
	form_record_set_part(rec, two, 1, "USD");
	form_record_set_part(rec, one, 1, NULL);	/* nothing to clear */
	assert_null(form_record_part(rec, one, 1));
	assert_int_equal(db_record_save(t->db, rec, NULL, &err), DB_OK);
	assert_int_equal(fixture_count(t->db->sql,
	    "SELECT count(*) FROM registrations WHERE grant_currency = 'USD'"), 1);
	assert_int_equal(db_record_load(t->db, rec->def, rec->id, &back, &err), DB_OK);
	assert_string_equal(form_record_part(back, two, 0), "12.50");
	assert_string_equal(form_record_part(back, two, 1), "USD");
	assert_string_equal(form_record_part(back, one, 0), "Novák");
	assert_null(form_record_part(back, one, 1));
	copy = form_record_dup(back);
	assert_string_equal(form_record_part(copy, two, 1), "USD");
	form_record_set_part(back, two, 1, form_record_part(back, two, 1));	/* itself */
	assert_string_equal(form_record_part(back, two, 1), "USD");

	form_record_set_part(back, two, 1, NULL);
	assert_int_equal(db_record_save(t->db, back, NULL, &err), DB_OK);
	form_record_free(back);
	assert_int_equal(db_record_load(t->db, rec->def, rec->id, &back, &err), DB_OK);
	assert_string_equal(form_record_part(back, two, 0), "12.50");
	assert_null(form_record_part(back, two, 1));
	assert_string_equal(form_record_part(copy, two, 1), "USD");	/* a copy of its own */
	form_record_free(copy);
	form_record_free(back);
	form_record_free(rec);
	assert_null(err);
}

/* The data layer refuses a value over its field's limit, whichever path
 * wrote it, naming the form and the field; nothing is stored. */
static void
test_rec_too_long(void **state)
{
	struct test_rec *t = *state;
	struct form_record *rec = test_rec_new(t);
	size_t members = fixture_field(rec->def, "members");
	char *big = xmalloc(FORM_LEN_TEXT + 2), *err = NULL;

	memset(big, 'x', FORM_LEN_TEXT + 1);
	big[FORM_LEN_TEXT + 1] = '\0';
	fixture_set(rec, "given", big);
	assert_int_equal(db_record_save(t->db, rec, NULL, &err), DB_REFUSED);
	assert_string_equal(err, "Registration refused: 'given' holds 501 characters, at most "
	    "500 fit (shorten it)");
	free(err);
	err = NULL;
	assert_int_equal(rec->id, 0);
	assert_int_equal(fixture_count(t->db->sql, "SELECT count(*) FROM registrations"), 0);
	big[FORM_LEN_TEXT] = '\0';	/* exactly the limit: saved */
	fixture_set(rec, "given", big);
	fixture_set(rec->kids[members].rows[1], "name", big);
	assert_int_equal(db_record_save(t->db, rec, NULL, &err), DB_OK);
	assert_int_equal(fixture_count(t->db->sql,
	    "SELECT length(given) FROM registrations"), FORM_LEN_TEXT);
	strcat(big, "y");	/* a child row over it */
	fixture_set(rec->kids[members].rows[1], "name", big);
	assert_int_equal(db_record_save(t->db, rec, NULL, &err), DB_REFUSED);
	assert_non_null(strstr(err, "'name' holds 501 characters"));
	free(err);
	free(big);
	form_record_free(rec);
}

static void
test_rec_conflict(void **state)
{
	struct test_rec *t = *state;
	struct form_record *mine = test_rec_new(t), *yours, *theirs = NULL, *back;
	char *err = NULL;

	assert_int_equal(db_record_save(t->db, mine, NULL, &err), DB_OK);
	yours = form_record_dup(mine);
	fixture_set(mine, "given", "Ján");
	assert_int_equal(db_record_save(t->db, mine, NULL, &err), DB_OK);
	fixture_set(yours, "given", "John");
	assert_int_equal(db_record_save(t->db, yours, &theirs, &err), DB_CONFLICT);
	assert_non_null(err);
	assert_non_null(theirs);
	assert_int_equal(theirs->version, 2);
	assert_string_equal(fixture_get(theirs, "given"), "Ján");
	assert_int_equal(yours->version, 1);	/* untouched: the caller decides */
	assert_int_equal(db_record_load(t->db, mine->def, mine->id, &back, NULL), DB_OK);
	assert_string_equal(fixture_get(back, "given"), "Ján");
	assert_int_equal(back->version, 2);
	assert_int_equal(fixture_count(t->db->sql, "SELECT count(*) FROM audit"
	    " WHERE tbl = 'registrations'"), 2);
	/* A stale delete is a conflict too, and deletes nothing. */
	assert_int_equal(db_record_delete(t->db, mine->def, mine->id, 1, &err), DB_CONFLICT);
	assert_int_equal(fixture_count(t->db->sql, "SELECT count(*) FROM registrations"), 1);
	form_record_free(back);
	form_record_free(theirs);
	form_record_free(yours);
	form_record_free(mine);
	free(err);
}

/* A child row keeps its id across saves (updated in place); a new row gets
 * one, a row gone is deleted. The id is what a conflict matches rows by. */
static void
test_rec_row_identity(void **state)
{
	struct test_rec *t = *state;
	struct form_record *rec = test_rec_new(t), *back, *again;
	size_t members = fixture_field(rec->def, "members");
	int64_t marta, petr;
	char *err = NULL;

	assert_int_equal(db_record_save(t->db, rec, NULL, &err), DB_OK);
	assert_int_equal(db_record_load(t->db, rec->def, rec->id, &back, &err), DB_OK);
	marta = back->kids[members].rows[0]->id;
	petr = back->kids[members].rows[1]->id;
	assert_true(marta > 0 && petr > 0 && marta != petr);
	fixture_set(back->kids[members].rows[1], "name", "Peter Novák");
	form_record_del_row(back, members, 0);
	fixture_set(form_record_add_row(back, members), "name", "Eva Nováková");
	assert_int_equal(db_record_save(t->db, back, NULL, &err), DB_OK);
	assert_int_equal(db_record_load(t->db, rec->def, rec->id, &again, &err), DB_OK);
	assert_int_equal(again->kids[members].n, 2);
	assert_int_equal(again->kids[members].rows[0]->id, petr);
	assert_string_equal(fixture_get(again->kids[members].rows[0], "name"), "Peter Novák");
	assert_true(again->kids[members].rows[1]->id != marta);
	assert_string_equal(fixture_get(again->kids[members].rows[1], "name"), "Eva Nováková");
	assert_int_equal(fixture_count(t->db->sql,
	    "SELECT count(*) FROM registrations_members"), 2);
	form_record_free(again);
	form_record_free(back);
	form_record_free(rec);
	assert_null(err);
}

/* The case through the data layer: A changes a member's name and
 * saves, B (loaded before) changes the surname; B's stale save is a conflict,
 * and the merge of B's own change on A's version keeps A's name. */
static void
test_rec_conflict_merge(void **state)
{
	struct test_rec *t = *state;
	struct form_record *rec = test_rec_new(t), *a, *b, *base, *theirs = NULL, *merged;
	struct form_record *back;
	size_t members = fixture_field(rec->def, "members");
	struct form_merge m;
	char *err = NULL;

	assert_int_equal(db_record_save(t->db, rec, NULL, &err), DB_OK);
	assert_int_equal(db_record_load(t->db, rec->def, rec->id, &a, &err), DB_OK);
	assert_int_equal(db_record_load(t->db, rec->def, rec->id, &b, &err), DB_OK);
	base = form_record_dup(b);
	fixture_set(a->kids[members].rows[1], "name", "Pavel Novák");
	assert_int_equal(db_record_save(t->db, a, NULL, &err), DB_OK);
	fixture_set(b, "surname", "Nowak");
	assert_int_equal(db_record_save(t->db, b, &theirs, &err), DB_CONFLICT);
	xfree(&err);
	form_merge_diff(base, b, theirs, &m);
	assert_int_equal(m.n, 2);
	assert_true(form_merge_decided(&m));
	merged = form_merge_apply(b, theirs, &m);
	assert_int_equal(db_record_save(t->db, merged, NULL, &err), DB_OK);
	assert_int_equal(db_record_load(t->db, rec->def, rec->id, &back, &err), DB_OK);
	assert_string_equal(fixture_get(back, "surname"), "Nowak");
	assert_string_equal(fixture_get(back->kids[members].rows[1], "name"), "Pavel Novák");
	assert_int_equal(back->version, 3);
	form_record_free(back);
	form_record_free(merged);
	form_merge_free(&m);
	form_record_free(theirs);
	form_record_free(base);
	form_record_free(b);
	form_record_free(a);
	form_record_free(rec);
	assert_null(err);
}

static void
test_rec_audit(void **state)
{
	struct test_rec *t = *state;
	struct form_record *rec = test_rec_new(t);
	char *err = NULL;

	assert_int_equal(db_record_save(t->db, rec, NULL, &err), DB_OK);
	fixture_set(rec, "given", "Ján");
	assert_int_equal(db_record_save(t->db, rec, NULL, &err), DB_OK);
	assert_int_equal(db_record_delete(t->db, rec->def, rec->id, rec->version, &err),
	    DB_OK);
	assert_int_equal(fixture_count(t->db->sql, "SELECT count(*) FROM registrations"), 0);
	assert_int_equal(fixture_count(t->db->sql,
	    "SELECT count(*) FROM registrations_members"), 0);
	assert_int_equal(fixture_count(t->db->sql, "SELECT count(*) FROM audit"
	    " WHERE tbl = 'registrations' AND user = 'tester' AND case_id IS NOT NULL"), 3);
	assert_int_equal(fixture_count(t->db->sql, "SELECT count(*) FROM audit"
	    " WHERE action = 'insert' AND changes ->> '$.surname.new' = 'Novák'"
	    " AND changes -> '$.members.new' IS NOT NULL"), 1);
	/* An insert has nothing old, a delete nothing new: those sides are left out. */
	assert_int_equal(fixture_count(t->db->sql, "SELECT count(*) FROM audit"
	    " WHERE (action = 'insert' AND changes LIKE '%\"old\"%')"
	    " OR (action = 'delete' AND changes LIKE '%\"new\"%')"), 0);
	/* The update names only what changed, old and new. */
	assert_int_equal(fixture_count(t->db->sql, "SELECT count(*) FROM audit"
	    " WHERE action = 'update' AND changes ->> '$.given.old' = 'Jan'"
	    " AND changes ->> '$.given.new' = 'Ján'"
	    " AND (SELECT count(*) FROM json_each(changes)) = 1"), 1);
	assert_int_equal(fixture_count(t->db->sql, "SELECT count(*) FROM audit"
	    " WHERE action = 'delete' AND changes ->> '$.surname.old' = 'Novák'"
	    " AND changes ->> '$.grant_currency.old' = 'EUR'"), 1);
	assert_int_equal(db_record_delete(t->db, rec->def, rec->id, rec->version, &err),
	    DB_NOTFOUND);
	form_record_free(rec);
	free(err);
}

static void
test_rec_case_rules(void **state)
{
	struct test_rec *t = *state;
	struct form_record *a = test_rec_new(t), *b = test_rec_new(t);
	struct form_record *call = form_record_new(form_set_find(t->set, "call"));
	char *err = NULL;
	int64_t *ids;
	size_t n;

	assert_int_equal(db_record_save(t->db, a, NULL, &err), DB_OK);
	/* "once": a second registration in the same case is refused. */
	assert_int_equal(db_record_save(t->db, b, NULL, &err), DB_REFUSED);
	assert_non_null(strstr(err, "Registration"));
	xfree(&err);
	/* "case required": not without a case. */
	b->case_id = 0;
	assert_int_equal(db_record_save(t->db, b, NULL, &err), DB_REFUSED);
	xfree(&err);
	b->case_id = 999;
	assert_int_equal(db_record_save(t->db, b, NULL, &err), DB_NOTFOUND);
	xfree(&err);
	/* A hotline call needs no case. */
	fixture_set(call, "caller", "Robert \"Bob\" O'Neil; DROP TABLE calls;--");
	assert_int_equal(db_record_save(t->db, call, NULL, &err), DB_OK);
	assert_int_equal(fixture_count(t->db->sql, "SELECT count(*) FROM calls"
	    " WHERE caller LIKE 'Robert \"Bob\" O''Neil;%' AND case_id IS NULL"), 1);
	assert_int_equal(db_record_list(t->db, a->def, t->c.id, &ids, &n, &err), DB_OK);
	assert_int_equal(n, 1);
	assert_int_equal(ids[0], a->id);
	free(ids);
	form_record_free(a);
	form_record_free(b);
	form_record_free(call);
	assert_null(err);
}

/* The records of one case at once, child rows included; other cases' not. */
static void
test_rec_load_case(void **state)
{
	struct test_rec *t = *state;
	struct form_record *a = test_rec_new(t), **recs;
	const struct form_rows *kids;
	char *err = NULL;
	size_t n;

	assert_int_equal(db_record_save(t->db, a, NULL, &err), DB_OK);
	assert_int_equal(db_record_load_case(t->db, a->def, t->c.id, 0, &recs, &n, &err),
	    DB_OK);
	assert_int_equal(n, 1);
	assert_int_equal(recs[0]->id, a->id);
	assert_int_equal(recs[0]->version, 1);
	assert_string_equal(fixture_get(recs[0], "surname"), "Novák");
	kids = &recs[0]->kids[fixture_field(a->def, "members")];
	assert_int_equal(kids->n, 2);
	assert_string_equal(fixture_get(kids->rows[1], "name"), "Petr Novák");
	form_record_free(recs[0]);
	free(recs);
	assert_int_equal(db_record_load_case(t->db, a->def, t->c.id + 1, 0, &recs, &n, &err),
	    DB_OK);
	assert_int_equal(n, 0);
	free(recs);
	form_record_free(a);
	assert_null(err);
}

static void
test_rec_load_missing(void **state)
{
	struct test_rec *t = *state;
	struct form_record *rec = (void *)1;
	char *err = NULL;

	assert_int_equal(db_record_load(t->db, form_set_find(t->set, "reg"), 4242, &rec,
	    &err), DB_NOTFOUND);
	assert_null(rec);
	assert_non_null(strstr(err, "4242"));
	free(err);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_rec_round_trip, test_rec_setup,
		    test_rec_teardown),
		cmocka_unit_test_setup_teardown(test_rec_every_column, test_rec_setup,
		    test_rec_teardown),
		cmocka_unit_test_setup_teardown(test_rec_too_long, test_rec_setup,
		    test_rec_teardown),
		cmocka_unit_test_setup_teardown(test_rec_conflict, test_rec_setup,
		    test_rec_teardown),
		cmocka_unit_test_setup_teardown(test_rec_row_identity, test_rec_setup,
		    test_rec_teardown),
		cmocka_unit_test_setup_teardown(test_rec_conflict_merge, test_rec_setup,
		    test_rec_teardown),
		cmocka_unit_test_setup_teardown(test_rec_audit, test_rec_setup,
		    test_rec_teardown),
		cmocka_unit_test_setup_teardown(test_rec_case_rules, test_rec_setup,
		    test_rec_teardown),
		cmocka_unit_test_setup_teardown(test_rec_load_case, test_rec_setup,
		    test_rec_teardown),
		cmocka_unit_test_setup_teardown(test_rec_load_missing, test_rec_setup,
		    test_rec_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
