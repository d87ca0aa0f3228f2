/* form/merge: the three-way comparison of a stale save and the merge on theirs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "form/merge.h"

static struct form_set *set;

static const char form_text[] =
    "form reg\n"
    "  title \"Registration\"\n"
    "field surname\n  type text\n"
    "field place\n  type text\n"
    "field grant\n  type money\n"
    "field age\n  type calculated\n  calc 1\n"
    "repeat family\n"
    "field given\n  type text\n"
    "field born\n  type date\n"
    "end\n";

/* The three sides of one stale save: each test changes mine and theirs. */
struct sides {
	struct form_record	*base;
	struct form_record	*mine;
	struct form_record	*theirs;
	struct form_merge	 m;
};

static int
setup(void **state)
{
	(void)state;
	set = form_set_new();
	form_set_parse(set, "reg.form", form_text);
	form_set_finish(set);
	return set->nerrors == 0 ? 0 : -1;
}

static int
teardown(void **state)
{
	(void)state;
	form_set_free(set);
	return 0;
}

static size_t
fld(const struct form_record *rec, const char *name)
{
	int i = form_field_index(rec->def, name);

	assert_true(i >= 0);
	return (size_t)i;
}

static void
set_val(struct form_record *rec, const char *name, const char *val)
{
	form_record_set(rec, fld(rec, name), val);
}

static const char *
get_val(const struct form_record *rec, const char *name)
{
	const char *v = rec->vals[fld(rec, name)];

	return v != NULL ? v : "(null)";
}

static struct form_record *
add_member(struct form_record *rec, int64_t id, const char *given)
{
	struct form_record *row = form_record_add_row(rec, fld(rec, "family"));

	row->id = id;
	set_val(row, "given", given);
	set_val(row, "born", "2015-03-01");
	return row;
}

static struct form_record *
member(const struct form_record *rec, size_t r)
{
	assert_true(r < rec->kids[fld(rec, "family")].n);
	return rec->kids[fld(rec, "family")].rows[r];
}

static size_t
members(const struct form_record *rec)
{
	return rec->kids[fld(rec, "family")].n;
}

/* A stored record of version 3 with two family members (ids 11 and 12). */
static void
sides_new(struct sides *s)
{
	memset(s, 0, sizeof *s);
	s->base = form_record_new(set->forms[0]);
	s->base->id = 7;
	s->base->case_id = 5;
	s->base->version = 3;
	set_val(s->base, "surname", "HASANI");
	set_val(s->base, "place", "Tbilisi");
	set_val(s->base, "grant", "500.00");
	form_record_set_part(s->base, fld(s->base, "grant"), 1, "EUR");
	add_member(s->base, 11, "Amina");
	add_member(s->base, 12, "Ali");
	s->mine = form_record_dup(s->base);
	s->theirs = form_record_dup(s->base);
	s->theirs->version = 4;
}

static void
sides_diff(struct sides *s)
{
	form_merge_diff(s->base, s->mine, s->theirs, &s->m);
}

static void
sides_free(struct sides *s)
{
	form_merge_free(&s->m);
	form_record_free(s->base);
	form_record_free(s->mine);
	form_record_free(s->theirs);
}

static struct form_record *
sides_apply(struct sides *s)
{
	struct form_record *out;

	assert_true(form_merge_decided(&s->m));
	out = form_merge_apply(s->mine, s->theirs, &s->m);
	assert_int_equal(out->id, 7);
	assert_int_equal(out->version, 4);	/* saved against theirs */
	return out;
}

/* The issue's case: they changed a member's given names, I the place. */
static void
test_merge_issue_case(void **state)
{
	struct sides s;
	struct form_record *out;
	const struct form_merge_diff *d;

	(void)state;
	sides_new(&s);
	set_val(member(s.theirs, 0), "given", "Amira");
	set_val(s.mine, "place", "Batumi");
	sides_diff(&s);
	assert_int_equal(s.m.n, 2);
	d = &s.m.d[0];	/* fields in form order: place first */
	assert_int_equal(d->kind, FM_VALUE);
	assert_false(d->in_row);
	assert_int_equal(d->field, fld(s.mine, "place"));
	assert_int_equal(d->who, FM_BY_MINE);
	assert_int_equal(d->pick, FM_PICK_MINE);
	d = &s.m.d[1];
	assert_int_equal(d->kind, FM_VALUE);
	assert_true(d->in_row);
	assert_int_equal(d->field, fld(s.mine, "family"));
	assert_int_equal(d->sub, fld(member(s.mine, 0), "given"));
	assert_int_equal(d->row_id, 11);
	assert_int_equal(d->mine_pos, 1);
	assert_int_equal(d->theirs_pos, 1);
	assert_ptr_equal(d->mine_row, member(s.mine, 0));
	assert_ptr_equal(d->theirs_row, member(s.theirs, 0));
	assert_int_equal(d->who, FM_BY_THEIRS);
	assert_int_equal(d->pick, FM_PICK_THEIRS);
	out = sides_apply(&s);
	assert_string_equal(get_val(out, "place"), "Batumi");
	assert_string_equal(get_val(member(out, 0), "given"), "Amira");
	assert_int_equal(member(out, 0)->id, 11);
	assert_string_equal(get_val(member(out, 1), "given"), "Ali");
	form_record_free(out);
	sides_free(&s);
}

/* Both changed the same field: undecided until picked, then the pick wins. */
static void
test_merge_both_changed(void **state)
{
	struct sides s;
	struct form_record *out;

	(void)state;
	sides_new(&s);
	set_val(s.theirs, "place", "Kutaisi");
	set_val(s.mine, "place", "Batumi");
	set_val(member(s.theirs, 1), "given", "Alim");
	set_val(member(s.mine, 1), "given", "Alik");
	sides_diff(&s);
	assert_int_equal(s.m.n, 2);
	assert_int_equal(s.m.d[0].who, FM_BY_BOTH);
	assert_int_equal(s.m.d[0].pick, FM_UNDECIDED);
	assert_int_equal(s.m.d[1].who, FM_BY_BOTH);
	assert_int_equal(s.m.d[1].row_id, 12);
	assert_false(form_merge_decided(&s.m));
	s.m.d[0].pick = FM_PICK_MINE;
	assert_false(form_merge_decided(&s.m));
	s.m.d[1].pick = FM_PICK_THEIRS;
	out = sides_apply(&s);
	assert_string_equal(get_val(out, "place"), "Batumi");
	assert_string_equal(get_val(member(out, 1), "given"), "Alim");
	form_record_free(out);
	form_merge_pick_all(&s.m, FM_PICK_MINE);
	out = sides_apply(&s);
	assert_string_equal(get_val(member(out, 1), "given"), "Alik");
	form_record_free(out);
	sides_free(&s);
}

/* The same new value on both sides, a calculated field: no difference. */
static void
test_merge_same_change_and_calculated(void **state)
{
	struct sides s;

	(void)state;
	sides_new(&s);
	set_val(s.theirs, "place", "Batumi");
	set_val(s.mine, "place", "Batumi");
	set_val(s.theirs, "age", "40");
	set_val(s.mine, "age", "41");
	set_val(s.mine, "surname", "");
	set_val(s.theirs, "surname", NULL);
	set_val(s.base, "surname", NULL);
	sides_diff(&s);
	assert_int_equal(s.m.n, 0);
	sides_free(&s);
}

/* Money compares amount and currency; a field changed back by the user still
 * counts as theirs only when mine equals base. */
static void
test_merge_money_currency(void **state)
{
	struct sides s;
	struct form_record *out;
	size_t g;

	(void)state;
	sides_new(&s);
	g = fld(s.theirs, "grant");
	form_record_set_part(s.theirs, g, 1, "GEL");
	sides_diff(&s);
	assert_int_equal(s.m.n, 1);
	assert_int_equal(s.m.d[0].field, g);
	assert_int_equal(s.m.d[0].who, FM_BY_THEIRS);
	out = sides_apply(&s);
	assert_string_equal(form_record_part(out, g, 1), "GEL");
	form_record_free(out);
	s.m.d[0].pick = FM_PICK_MINE;	/* chosen on the screen: mine wins */
	out = sides_apply(&s);
	assert_string_equal(form_record_part(out, g, 1), "EUR");
	assert_string_equal(get_val(out, "grant"), "500.00");
	form_record_free(out);
	sides_free(&s);
}

/* Rows they added stay, rows I added are appended (as new rows). */
static void
test_merge_rows_added(void **state)
{
	struct sides s;
	struct form_record *out;

	(void)state;
	sides_new(&s);
	add_member(s.theirs, 13, "Leyla");
	add_member(s.mine, 0, "Omar");
	sides_diff(&s);
	assert_int_equal(s.m.n, 2);
	assert_int_equal(s.m.d[0].kind, FM_ROW);
	assert_int_equal(s.m.d[0].who, FM_BY_THEIRS);
	assert_int_equal(s.m.d[0].theirs_pos, 3);
	assert_null(s.m.d[0].mine_row);
	assert_int_equal(s.m.d[1].kind, FM_ROW);
	assert_int_equal(s.m.d[1].who, FM_BY_MINE);
	assert_int_equal(s.m.d[1].mine_pos, 3);
	assert_null(s.m.d[1].theirs_row);
	out = sides_apply(&s);
	assert_int_equal(members(out), 4);
	assert_string_equal(get_val(member(out, 2), "given"), "Leyla");
	assert_int_equal(member(out, 2)->id, 13);
	assert_string_equal(get_val(member(out, 3), "given"), "Omar");
	assert_int_equal(member(out, 3)->id, 0);
	form_record_free(out);
	sides_free(&s);
}

/* A row they removed is not brought back unless picked (then as a new row). */
static void
test_merge_row_removed_by_them(void **state)
{
	struct sides s;
	struct form_record *out;

	(void)state;
	sides_new(&s);
	form_record_del_row(s.theirs, fld(s.theirs, "family"), 0);
	sides_diff(&s);
	assert_int_equal(s.m.n, 1);
	assert_int_equal(s.m.d[0].kind, FM_ROW);
	assert_int_equal(s.m.d[0].who, FM_BY_THEIRS);
	assert_int_equal(s.m.d[0].row_id, 11);
	out = sides_apply(&s);
	assert_int_equal(members(out), 1);
	assert_string_equal(get_val(member(out, 0), "given"), "Ali");
	form_record_free(out);
	s.m.d[0].pick = FM_PICK_MINE;
	out = sides_apply(&s);
	assert_int_equal(members(out), 2);
	assert_string_equal(get_val(member(out, 1), "given"), "Amina");
	assert_int_equal(member(out, 1)->id, 0);
	form_record_free(out);
	sides_free(&s);
}

/* A row they removed that I changed: both, undecided. */
static void
test_merge_row_removed_changed(void **state)
{
	struct sides s;

	(void)state;
	sides_new(&s);
	form_record_del_row(s.theirs, fld(s.theirs, "family"), 1);
	set_val(member(s.mine, 1), "born", "2016-01-01");
	sides_diff(&s);
	assert_int_equal(s.m.n, 1);
	assert_int_equal(s.m.d[0].kind, FM_ROW);
	assert_int_equal(s.m.d[0].who, FM_BY_BOTH);
	assert_int_equal(s.m.d[0].pick, FM_UNDECIDED);
	sides_free(&s);
}

/* A row I removed goes, unless they changed it meanwhile (then: both). */
static void
test_merge_row_removed_by_me(void **state)
{
	struct sides s;
	struct form_record *out;

	(void)state;
	sides_new(&s);
	form_record_del_row(s.mine, fld(s.mine, "family"), 0);
	set_val(s.theirs, "surname", "HASANI-BEG");
	sides_diff(&s);
	assert_int_equal(s.m.n, 2);
	assert_int_equal(s.m.d[0].who, FM_BY_THEIRS);
	assert_int_equal(s.m.d[1].kind, FM_ROW);
	assert_int_equal(s.m.d[1].who, FM_BY_MINE);
	assert_int_equal(s.m.d[1].pick, FM_PICK_MINE);
	assert_ptr_equal(s.m.d[1].theirs_row, member(s.theirs, 0));
	out = sides_apply(&s);
	assert_int_equal(members(out), 1);
	assert_int_equal(member(out, 0)->id, 12);
	assert_string_equal(get_val(out, "surname"), "HASANI-BEG");
	form_record_free(out);
	form_merge_free(&s.m);
	set_val(member(s.theirs, 0), "given", "Amira");
	sides_diff(&s);
	assert_int_equal(s.m.n, 2);
	assert_int_equal(s.m.d[1].who, FM_BY_BOTH);
	assert_int_equal(s.m.d[1].pick, FM_UNDECIDED);
	sides_free(&s);
}

/* Rows matched by id: a reordering is no difference, and a change follows
 * its row, not its position. */
static void
test_merge_rows_reordered(void **state)
{
	struct sides s;
	struct form_record *out, *tmp;
	struct form_rows *rows;

	(void)state;
	sides_new(&s);
	rows = &s.theirs->kids[fld(s.theirs, "family")];
	tmp = rows->rows[0];
	rows->rows[0] = rows->rows[1];
	rows->rows[1] = tmp;
	sides_diff(&s);
	assert_int_equal(s.m.n, 0);
	form_merge_free(&s.m);
	set_val(member(s.mine, 1), "given", "Alik");	/* Ali, id 12: their row 1 */
	sides_diff(&s);
	assert_int_equal(s.m.n, 1);
	assert_int_equal(s.m.d[0].row_id, 12);
	assert_int_equal(s.m.d[0].mine_pos, 2);
	assert_int_equal(s.m.d[0].theirs_pos, 1);
	assert_int_equal(s.m.d[0].who, FM_BY_MINE);
	out = sides_apply(&s);
	assert_string_equal(get_val(member(out, 0), "given"), "Alik");
	assert_string_equal(get_val(member(out, 1), "given"), "Amina");
	form_record_free(out);
	sides_free(&s);
}

/* Without the loaded version every difference is the user's to decide. */
static void
test_merge_without_base(void **state)
{
	struct sides s;
	struct form_record *out;

	(void)state;
	sides_new(&s);
	set_val(s.theirs, "place", "Kutaisi");
	add_member(s.theirs, 13, "Leyla");
	form_record_free(s.base);
	s.base = NULL;
	sides_diff(&s);
	assert_int_equal(s.m.n, 2);
	assert_int_equal(s.m.d[0].who, FM_BY_BOTH);
	assert_int_equal(s.m.d[1].who, FM_BY_BOTH);
	assert_false(form_merge_decided(&s.m));
	form_merge_pick_all(&s.m, FM_PICK_THEIRS);
	out = form_merge_apply(s.mine, s.theirs, &s.m);
	assert_string_equal(get_val(out, "place"), "Kutaisi");
	assert_int_equal(members(out), 3);
	form_record_free(out);
	sides_free(&s);
}

/* The case a record belongs to is compared three-way like a field. */
static void
test_merge_case(void **state)
{
	struct sides s;
	struct form_record *out;

	(void)state;
	sides_new(&s);
	s.mine->case_id = 6;
	sides_diff(&s);
	assert_int_equal(s.m.n, 1);
	assert_int_equal(s.m.d[0].kind, FM_CASE);
	assert_int_equal(s.m.d[0].who, FM_BY_MINE);
	out = sides_apply(&s);
	assert_int_equal(out->case_id, 6);
	form_record_free(out);
	sides_free(&s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_merge_issue_case),
		cmocka_unit_test(test_merge_both_changed),
		cmocka_unit_test(test_merge_same_change_and_calculated),
		cmocka_unit_test(test_merge_money_currency),
		cmocka_unit_test(test_merge_rows_added),
		cmocka_unit_test(test_merge_row_removed_by_them),
		cmocka_unit_test(test_merge_row_removed_changed),
		cmocka_unit_test(test_merge_row_removed_by_me),
		cmocka_unit_test(test_merge_rows_reordered),
		cmocka_unit_test(test_merge_without_base),
		cmocka_unit_test(test_merge_case),
	};

	return cmocka_run_group_tests_name("form merge", tests, setup, teardown);
}
