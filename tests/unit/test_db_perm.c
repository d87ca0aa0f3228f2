/*
 * db/perm: the permissions table (forms/permissions) through the data layer.
 * The matrix test walks every role x form x action (read, create, edit) x
 * field class of the real forms and checks each answer of db/record against
 * what the table says (form/perm), so it follows the table; the hand-written
 * tests pin what the table must mean: a hotline operator never reads a health
 * field, a counsellor does, only a supervisor approves, a role that may not
 * change a field never wipes it, and the table's errors.
 */
#include "db_fixture.h"

#include "db/cases.h"
#include "db/draft.h"
#include "db/internal.h"
#include "db/lifecycle.h"
#include "db/perm.h"
#include "db/record.h"
#include "db/search.h"
#include "db/timeline.h"
#include "db/users.h"
#include "form/perm.h"
#include "form/money.h"
#include "form/type.h"
#include "util/str.h"

struct test_perm {
	char		*path;
	struct form_set	*set;
	struct db	*db;
	int64_t		 case_id;
	int64_t		 ids[64];	/* per form of the set: its stored record */
};

/* The one place the tests give a user a role (db/users may change how). */
static void
test_perm_as(struct db *db, const char *role)
{
	char user[64];

	snprintf(user, sizeof user, "u_%s", role);
	/* roles are the administrator's: one is made first (allowed while there
	 * is none), and gives the others theirs */
	if (!str_eq(db_users_role(db, "u_perm_admin"), "admin")) {
		db_set_user(db, "setup");
		if (db_users_set(db, "u_perm_admin", "admin", NULL) != DB_OK)
			fail_msg("cannot make the administrator");
	}
	db_set_user(db, "u_perm_admin");
	if (!str_eq(user, "u_admin") && db_users_set(db, user, role, NULL) != DB_OK)
		fail_msg("cannot give %s the role %s", user, role);
	db_set_user(db, str_eq(user, "u_admin") ? "u_perm_admin" : user);
}

/* A value of field f's type, different for each gen. */
static void
test_perm_value(struct form_record *rec, size_t i, int gen)
{
	const struct form_field *f = &rec->def->fields[i];
	char v[128];

	switch (f->type) {
	case FT_INTEGER: case FT_CALCULATED: snprintf(v, sizeof v, "%d", 10 + gen); break;
	case FT_DECIMAL: snprintf(v, sizeof v, "%d.5", 2 + gen); break;
	case FT_MONEY: snprintf(v, sizeof v, "%d", 100 * (gen + 1)); break;
	case FT_DATE: snprintf(v, sizeof v, "2026-01-0%d", gen + 1); break;
	case FT_DATETIME: snprintf(v, sizeof v, "2026-01-0%d 10:00", gen + 1); break;
	case FT_TIME: snprintf(v, sizeof v, "10:0%d", gen); break;
	case FT_YESNO: snprintf(v, sizeof v, "%s", gen ? "no" : "yes"); break;
	case FT_PHONE: snprintf(v, sizeof v, "0905 111 22%d", gen); break;
	default:
		snprintf(v, sizeof v, "%d %s", gen, f->name);
		if (form_field_limit(f) > 0 && strlen(v) > (size_t)form_field_limit(f))
			v[form_field_limit(f)] = '\0';
		break;
	}
	form_record_set(rec, i, v);
	if (f->type == FT_MONEY)
		form_record_set_part(rec, i, FORM_MONEY_CUR, gen ? "USD" : "EUR");
}

/* Every value field of rec (and of one row of each group) set for gen; with
 * only, the fields the role may read (what a form view holds). */
static void
test_perm_fill(struct form_record *rec, int gen, const struct form_set *set, const char *only)
{
	const struct form_field *f;
	size_t i;

	for (i = 0; i < rec->def->nfields; i++) {
		f = &rec->def->fields[i];
		if (f->type == FT_REPEAT && f->group != NULL) {
			if (rec->kids[i].n == 0)
				form_record_add_row(rec, i);
			test_perm_fill(rec->kids[i].rows[0], gen, set, only);
		} else if (form_type_has_value(f->type) && (only == NULL ||
		    form_perm_field(set, only, f, FA_READ)))
			test_perm_value(rec, i, gen);
	}
}

static int
test_perm_setup(void **state)
{
	struct test_perm *t = xcalloc(1, sizeof *t);
	const char *dir = getenv("AVRR_FORMS");
	struct form_record *rec;
	struct db_case c;
	char *msg = NULL;
	size_t k;

	t->set = form_set_load_dir(dir != NULL ? dir : "forms");
	assert_int_equal(t->set->nerrors, 0);
	assert_true(form_perms_declared(t->set));
	assert_true(t->set->nforms <= sizeof t->ids / sizeof t->ids[0]);
	t->path = fixture_path();
	t->db = fixture_open(t->path, t->set);
	test_perm_as(t->db, "supervisor");
	assert_int_equal(db_case_create(t->db, "AMIF-1", NULL, &c, NULL), DB_OK);
	t->case_id = c.id;
	db_case_clear(&c);
	for (k = 0; k < t->set->nforms; k++) {
		rec = form_record_new(t->set->forms[k]);
		rec->case_id = rec->def->needs_case ? t->case_id : 0;
		test_perm_fill(rec, 0, t->set, NULL);
		if (db_record_save(t->db, rec, NULL, &msg) != DB_OK)
			fail_msg("%s not saved: %s", rec->def->name, msg);
		t->ids[k] = rec->id;
		form_record_free(rec);
	}
	*state = t;
	return 0;
}

static int
test_perm_teardown(void **state)
{
	struct test_perm *t = *state;

	db_close(t->db);
	form_set_free(t->set);
	fixture_unlink(t->path);
	free(t->path);
	free(t);
	return 0;
}

/* The stored record, all of it (as a supervisor reads it). */
static struct form_record *
test_perm_raw(struct test_perm *t, const struct form_def *def, int64_t id)
{
	const char *user = db_user(t->db);
	struct form_record *rec = NULL;
	char *keep = xstrdup(user);

	test_perm_as(t->db, "supervisor");
	assert_int_equal(db_record_load(t->db, def, id, &rec, NULL), DB_OK);
	db_set_user(t->db, keep);
	free(keep);
	return rec;
}

/* A refusal names the form and the role, on one line. */
static void
test_perm_refusal(const struct form_def *def, const char *role, char *msg)
{
	assert_non_null(msg);
	if (strstr(msg, def->title) == NULL ||
	    strstr(msg, db_users_role_name(role)) == NULL || strchr(msg, '\n') != NULL)
		fail_msg("refusal \"%s\" does not name %s and %s", msg, def->title, role);
	free(msg);
}

/* Walks the fields of a (the role's view) and b (the stored record) side by
 * side, rows included; check says what each field must be. */
typedef void (*test_perm_check_fn)(const char *role, const struct form_record *a,
    const struct form_record *b, size_t i, const struct form_set *set);

static void
test_perm_walk(const char *role, const struct form_record *a, const struct form_record *b,
    test_perm_check_fn check, const struct form_set *set)
{
	const struct form_field *f;
	size_t i;

	for (i = 0; i < a->def->nfields; i++) {
		f = &a->def->fields[i];
		if (f->type == FT_REPEAT && f->group != NULL) {
			assert_int_equal(a->kids[i].n, b->kids[i].n);
			if (a->kids[i].n > 0)
				test_perm_walk(role, a->kids[i].rows[0], b->kids[i].rows[0], check,
				    set);
		} else if (form_type_has_value(f->type))
			check(role, a, b, i, set);
	}
}

/* Read: a value of a readable class is the stored one, any other none. */
static void
test_perm_check_read(const char *role, const struct form_record *seen,
    const struct form_record *raw, size_t i, const struct form_set *set)
{
	const struct form_field *f = &seen->def->fields[i];
	int c, n = form_type_ncols(f->type);

	assert_non_null(form_record_get(raw, i));
	for (c = 0; c < n; c++) {
		if (form_perm_class(set, role, f->klass, FA_READ)) {
			if (!str_eq(form_record_part(seen, i, c), form_record_part(raw, i, c)))
				fail_msg("%s reads %s.%s wrong", role, seen->def->name, f->name);
		} else if (form_record_part(seen, i, c) != NULL)
			fail_msg("%s reads %s.%s (class %s)", role, seen->def->name, f->name,
			    form_class_name(f->klass));
	}
}

static void
test_perm_read(struct test_perm *t, const char *role, size_t k)
{
	const struct form_def *def = t->set->forms[k];
	bool may = form_perm_form(t->set, role, def->name, FA_READ);
	struct form_record *seen = NULL, *raw, **list = NULL;
	char *msg = NULL;
	int64_t *ids = NULL;
	size_t n = 0;

	test_perm_as(t->db, role);
	if (!may) {
		assert_int_equal(db_record_load(t->db, def, t->ids[k], &seen, &msg), DB_REFUSED);
		assert_null(seen);
		test_perm_refusal(def, role, msg);
		assert_int_equal(db_record_load_case(t->db, def, t->case_id, 0, &list, &n, NULL),
		    DB_REFUSED);
		assert_int_equal(n, 0);
		assert_int_equal(db_record_list(t->db, def, 0, &ids, &n, NULL), DB_REFUSED);
		return;
	}
	assert_int_equal(db_record_load(t->db, def, t->ids[k], &seen, NULL), DB_OK);
	raw = test_perm_raw(t, def, t->ids[k]);
	test_perm_walk(role, seen, raw, test_perm_check_read, t->set);
	form_record_free(seen);
	if (def->needs_case) {
		test_perm_as(t->db, role);
		assert_int_equal(db_record_load_case(t->db, def, t->case_id, 0, &list, &n, NULL),
		    DB_OK);
		assert_int_equal(n, 1);
		test_perm_walk(role, list[0], raw, test_perm_check_read, t->set);
		form_record_free(list[0]);
		free(list);
	}
	form_record_free(raw);
}

/* Edit: a field of a class the role may change has the role's value, any
 * other keeps the stored one (never wiped). */
static void
test_perm_check_edit(const char *role, const struct form_record *after,
    const struct form_record *before, size_t i, const struct form_set *set)
{
	const struct form_field *f = &after->def->fields[i];
	bool may = form_perm_class(set, role, f->klass, FA_EDIT) &&
	    form_perm_class(set, role, f->klass, FA_READ);

	assert_non_null(form_record_get(after, i));
	if (may == str_eq(form_record_get(after, i), form_record_get(before, i)))
		fail_msg("%s %s %s.%s (class %s)", role, may ? "did not change" : "changed",
		    after->def->name, f->name, form_class_name(f->klass));
}

static void
test_perm_edit(struct test_perm *t, const char *role, size_t k)
{
	const struct form_def *def = t->set->forms[k];
	bool may = form_perm_form(t->set, role, def->name, FA_EDIT);
	struct form_record *before = test_perm_raw(t, def, t->ids[k]), *rec, *after;
	char *msg = NULL;

	test_perm_as(t->db, role);
	/* what the role's form view holds: the masked record, changed */
	if (db_record_load(t->db, def, t->ids[k], &rec, NULL) != DB_OK)
		rec = form_record_dup(before);
	test_perm_fill(rec, 1, t->set, role);
	if (!may) {
		assert_int_equal(db_record_save(t->db, rec, NULL, &msg), DB_REFUSED);
		test_perm_refusal(def, role, msg);
	} else if (db_record_save(t->db, rec, NULL, &msg) != DB_OK)
		fail_msg("%s cannot edit %s: %s", role, def->name, msg);
	after = test_perm_raw(t, def, t->ids[k]);
	if (may)
		test_perm_walk(role, after, before, test_perm_check_edit, t->set);
	else
		assert_int_equal(after->version, before->version);
	/* back to the first values, for the next role */
	before->version = after->version;
	test_perm_as(t->db, "supervisor");
	assert_int_equal(db_record_save(t->db, before, NULL, NULL), DB_OK);
	form_record_free(before);
	form_record_free(after);
	form_record_free(rec);
}

/* Create: a field of a class the role may not change stays empty, even when
 * the caller sets it. */
static void
test_perm_check_create(const char *role, const struct form_record *stored,
    const struct form_record *given, size_t i, const struct form_set *set)
{
	const struct form_field *f = &stored->def->fields[i];
	bool may = form_perm_class(set, role, f->klass, FA_EDIT);

	if (may != (form_record_get(stored, i) != NULL))
		fail_msg("%s created %s.%s %s (class %s)", role, stored->def->name, f->name,
		    may ? "empty" : "with a value", form_class_name(f->klass));
}

static void
test_perm_create(struct test_perm *t, const char *role, size_t k)
{
	const struct form_def *def = t->set->forms[k];
	bool may = form_perm_form(t->set, role, def->name, FA_CREATE);
	struct form_record *rec = form_record_new(def), *stored;
	struct db_case c;
	char *msg = NULL;

	test_perm_as(t->db, "supervisor");
	assert_int_equal(db_case_create(t->db, "AMIF-1", NULL, &c, NULL), DB_OK);
	rec->case_id = def->needs_case ? c.id : 0;
	db_case_clear(&c);
	test_perm_fill(rec, 1, t->set, NULL);
	test_perm_as(t->db, role);
	if (!may) {
		assert_int_equal(db_record_save(t->db, rec, NULL, &msg), DB_REFUSED);
		assert_int_equal(rec->id, 0);
		test_perm_refusal(def, role, msg);
	} else {
		if (db_record_save(t->db, rec, NULL, &msg) != DB_OK)
			fail_msg("%s cannot create %s: %s", role, def->name, msg);
		stored = test_perm_raw(t, def, rec->id);
		test_perm_walk(role, stored, rec, test_perm_check_create, t->set);
		form_record_free(stored);
	}
	form_record_free(rec);
}

/* Every role x form x action x class, against the table. */
static void
test_perm_matrix(void **state)
{
	struct test_perm *t = *state;
	const char *const *roles;
	size_t nroles, r, k;

	roles = form_perm_roles(&nroles);
	assert_int_equal(nroles, 6);
	for (r = 0; r < nroles; r++)
		for (k = 0; k < t->set->nforms; k++) {
			test_perm_read(t, roles[r], k);
			test_perm_edit(t, roles[r], k);
			test_perm_create(t, roles[r], k);
		}
}


/* The index of form name in the set. */
static size_t
test_perm_form(struct test_perm *t, const char *name)
{
	size_t k;

	for (k = 0; k < t->set->nforms; k++)
		if (strcmp(t->set->forms[k]->name, name) == 0)
			return k;
	fail_msg("no form %s", name);
	return 0;
}

static void
test_perm_no_text(const char *s, const char *what)
{
	if (s != NULL && strstr(s, "Diabetes") != NULL)
		fail_msg("the health text shows in %s: %s", what, s);
}

/* Nothing of the case overview holds the health text, nor an event of a
 * form the role may not read; how many events it has. */
static size_t
test_perm_summary_clean(struct test_perm *t, const char *role)
{
	struct db_case_summary s;
	size_t i, a, n;

	assert_int_equal(db_timeline_summary(t->db, t->case_id, &s, NULL), DB_OK);
	test_perm_no_text(s.principal.surname, "the name");
	for (i = 0; i < s.ntimeline; i++) {
		test_perm_no_text(s.timeline[i].detail, "the timeline");
		if (s.timeline[i].form != NULL &&
		    !form_perm_form(t->set, role, s.timeline[i].form, FA_READ))
			fail_msg("%s sees an event of %s", role, s.timeline[i].form);
	}
	for (i = 0; i < s.nmissing; i++)
		for (a = 0; a < DB_NOTE_ARGS; a++)
			test_perm_no_text(s.missing[i].arg[a], "the notes");
	n = s.ntimeline;
	db_timeline_summary_clear(&s);
	return n;
}

/* A hotline operator never reads a health field (a session's "health"), by
 * a load, the case's records, the overview or a draft; a counsellor does. */
static void
test_perm_hotline_health(void **state)
{
	struct test_perm *t = *state;
	size_t k = test_perm_form(t, "session");
	const struct form_def *def = t->set->forms[k];
	size_t h = fixture_field(def, "health");
	struct form_record *rec, *d = NULL;
	struct db_plan_item *items = NULL;
	int64_t draft = 0;
	size_t all, n = 0;
	char *msg = NULL;
	int cursor;

	rec = test_perm_raw(t, def, t->ids[k]);
	form_record_set(rec, h, "Diabetes type 2, needs insulin");
	assert_int_equal(db_record_save(t->db, rec, NULL, NULL), DB_OK);
	form_record_free(rec);
	assert_int_equal(def->fields[h].klass, FC_HEALTH);

	test_perm_as(t->db, "reintegration_officer");
	assert_int_equal(db_lifecycle_items(t->db, t->case_id, &items, &n, NULL), DB_OK);
	assert_int_equal(n, 1);
	db_lifecycle_items_free(items, n);
	test_perm_as(t->db, "counsellor");
	assert_int_equal(db_record_load(t->db, def, t->ids[k], &rec, NULL), DB_OK);
	assert_string_equal(form_record_get(rec, h), "Diabetes type 2, needs insulin");
	form_record_free(rec);
	all = test_perm_summary_clean(t, "counsellor");

	test_perm_as(t->db, "hotline");
	assert_false(db_perm_field(t->db, &def->fields[h], FA_READ));
	assert_true(db_perm_form(t->db, def, FA_READ));
	assert_false(db_perm_form(t->db, def, FA_EDIT));
	assert_int_equal(db_record_load(t->db, def, t->ids[k], &rec, NULL), DB_OK);
	assert_null(form_record_get(rec, h));
	/* the plan's items with their budgets (the payment's item list) */
	assert_int_equal(db_lifecycle_items(t->db, t->case_id, &items, &n, &msg), DB_REFUSED);
	test_perm_refusal(t->set->forms[test_perm_form(t, "plan")], "hotline", msg);
	/* the overview leaves out the plan, the payments, the travel documents */
	assert_true(test_perm_summary_clean(t, "hotline") < all);
	/* a draft that holds it (written by any path) comes back without it */
	form_record_set(rec, h, "Diabetes type 2, needs insulin");
	assert_int_equal(db_draft_save(t->db, &draft, rec, 0, NULL), DB_OK);
	assert_int_equal(db_draft_load(t->db, draft, &d, &cursor, NULL), DB_OK);
	assert_null(form_record_get(d, h));
	form_record_free(d);
	form_record_free(rec);
}

/* Only a supervisor approves (a plan over its limit, an overrun) and closes
 * a case: the table's word, and the rule of db/lifecycle refuses anyone else. */
static void
test_perm_only_supervisor_approves(void **state)
{
	struct test_perm *t = *state;
	const char *const *roles;
	size_t nroles, r, k = test_perm_form(t, "plan");
	struct form_record *rec;
	char *msg = NULL;

	roles = form_perm_roles(&nroles);
	for (r = 0; r < nroles; r++) {
		test_perm_as(t->db, roles[r]);
		assert_int_equal(db_perm_approves(t->db), strcmp(roles[r], "supervisor") == 0);
		/* and closes a case: the closure is its alone */
		assert_int_equal(db_perm_form(t->db, t->set->forms[test_perm_form(t, "closure")],
		    FA_CREATE), strcmp(roles[r], "supervisor") == 0);
	}
	test_perm_as(t->db, "reintegration_officer");
	assert_int_equal(db_record_load(t->db, t->set->forms[k], t->ids[k], &rec, NULL), DB_OK);
	fixture_set(rec, "approved_by", "u_reintegration_officer");
	assert_int_equal(db_lifecycle_save(t->db, rec, NULL, &msg), DB_REFUSED);
	if (msg == NULL || strstr(msg, "only a supervisor may approve a plan") == NULL)
		fail_msg("refused for another reason: %s", msg);
	free(msg);
	msg = NULL;
	test_perm_as(t->db, "supervisor");
	if (db_lifecycle_save(t->db, rec, NULL, &msg) != DB_OK)
		assert_null(strstr(msg, "only a supervisor may approve"));
	free(msg);
	form_record_free(rec);
}

/* A small form and table: a counsellor may change the note but not read
 * its health fields, of the record and of its rows. */
static const char test_perm_note_form[] =
    "form note\n  title \"Visit note\"\n  case required\n\n"
    "field who\n  type text\n  class identity\n  search name\n"
    "field health\n  type multiline\n  class health\n"
    "field topic\n  type text\n"
    "repeat people\n  label \"People\"\n"
    "field name\n  type text\n  class identity\n"
    "field illness\n  type text\n  class health\n"
    "end\n";
static const char test_perm_note_table[] =
    "role counsellor\n  form note = read create edit\n  class identity = read edit\n"
    "role supervisor\n  form * = read create edit\n  class identity = read edit\n"
    "  class health = read edit\n  approve\n"
    "role admin\n  form note = read\n";

static int
test_perm_note_setup(void **state)
{
	struct test_perm *t = xcalloc(1, sizeof *t);

	t->set = form_set_new();
	form_set_parse(t->set, "note.form", test_perm_note_form);
	form_set_finish(t->set);
	form_perms_parse(t->set, "permissions", test_perm_note_table);
	form_perms_check(t->set);
	assert_int_equal(t->set->nerrors, 0);
	t->path = fixture_path();
	t->db = fixture_open(t->path, t->set);
	*state = t;
	return 0;
}

static void test_perm_search(struct test_perm *, int64_t case_id);

/* Saving a record with fields the role may not read keeps their stored
 * values (never wiped, never changed, nothing of them in the audit), and a
 * conflict hands out the other version masked. */
static void
test_perm_keeps_hidden(void **state)
{
	struct test_perm *t = *state;
	const struct form_def *def = t->set->forms[0];
	struct form_record *rec, *mine, *theirs = NULL;
	struct db_case c;
	int64_t case_id;

	test_perm_as(t->db, "supervisor");
	assert_int_equal(db_case_create(t->db, "AMIF-1", NULL, &c, NULL), DB_OK);
	rec = form_record_new(def);
	rec->case_id = case_id = c.id;
	db_case_clear(&c);
	fixture_set(rec, "who", "Kapanadze");
	fixture_set(rec, "health", "Diabetes type 2, needs insulin");
	fixture_set(rec, "topic", "housing");
	fixture_set(form_record_add_row(rec, fixture_field(def, "people")), "illness", "flu");
	assert_int_equal(db_record_save(t->db, rec, NULL, NULL), DB_OK);
	t->ids[0] = rec->id;
	form_record_free(rec);

	test_perm_as(t->db, "counsellor");
	assert_int_equal(db_record_load(t->db, def, t->ids[0], &mine, NULL), DB_OK);
	assert_null(fixture_get(mine, "health"));
	assert_null(fixture_get(mine->kids[fixture_field(def, "people")].rows[0], "illness"));
	fixture_set(mine, "topic", "work");
	assert_int_equal(db_record_save(t->db, mine, NULL, NULL), DB_OK);
	fixture_set(mine, "health", "none");	/* a caller that tries */
	assert_int_equal(db_record_save(t->db, mine, NULL, NULL), DB_OK);

	rec = test_perm_raw(t, def, t->ids[0]);
	assert_string_equal(fixture_get(rec, "topic"), "work");
	assert_string_equal(fixture_get(rec, "health"), "Diabetes type 2, needs insulin");
	assert_string_equal(fixture_get(rec->kids[fixture_field(def, "people")].rows[0],
	    "illness"), "flu");
	assert_int_equal(fixture_count(t->db->sql, "SELECT count(*) FROM audit WHERE"
	    " action = 'update' AND (changes LIKE '%health%' OR changes LIKE '%illness%')"), 0);

	/* the supervisor saves meanwhile: the counsellor's conflict shows no health */
	fixture_set(rec, "topic", "school");
	test_perm_as(t->db, "supervisor");
	assert_int_equal(db_record_save(t->db, rec, NULL, NULL), DB_OK);
	test_perm_as(t->db, "counsellor");
	fixture_set(mine, "topic", "family");
	assert_int_equal(db_record_save(t->db, mine, &theirs, NULL), DB_CONFLICT);
	assert_non_null(theirs);
	assert_string_equal(fixture_get(theirs, "topic"), "school");
	assert_null(fixture_get(theirs, "health"));
	form_record_free(theirs);
	form_record_free(mine);
	form_record_free(rec);
	test_perm_search(t, case_id);
}

/* A role that may not read identity finds the case, not the name. */
static void
test_perm_search(struct test_perm *t, int64_t case_id)
{
	struct db_hit *hits = NULL;
	struct db_case c, *recent = NULL;
	struct db_draft *drafts = NULL;
	struct form_record *rec;
	int64_t draft = 0;
	size_t n = 0;

	assert_int_equal(db_search(t->db, "kapan", 10, &hits, &n, NULL), DB_OK);
	assert_int_equal(n, 1);
	assert_string_equal(hits[0].names, "Kapanadze");
	db_hits_free(hits, n);
	assert_int_equal(db_case_load(t->db, case_id, &c, NULL), DB_OK);
	assert_string_equal(c.display_name, "Kapanadze");
	db_case_clear(&c);
	test_perm_as(t->db, "admin");
	assert_int_equal(db_search(t->db, "kapan", 10, &hits, &n, NULL), DB_OK);
	assert_int_equal(n, 1);
	assert_null(hits[0].names);
	db_hits_free(hits, n);
	/* nor on the case's header, the list of recent cases, a draft's line */
	assert_int_equal(db_case_load(t->db, case_id, &c, NULL), DB_OK);
	assert_string_equal(c.display_name, "");
	db_case_clear(&c);
	assert_int_equal(db_case_recent(t->db, 5, &recent, &n, NULL), DB_OK);
	assert_int_equal(n, 1);
	assert_string_equal(recent[0].display_name, "");
	db_case_free_array(recent, n);
	rec = form_record_new(t->set->forms[0]);
	rec->case_id = case_id;
	assert_int_equal(db_draft_save(t->db, &draft, rec, 0, NULL), DB_OK);
	form_record_free(rec);
	assert_int_equal(db_draft_list(t->db, NULL, &drafts, &n, NULL), DB_OK);
	assert_int_equal(n, 1);
	assert_null(drafts[0].name);
	db_drafts_free(drafts, n);
}

/* What check-forms says of a bad table: every line named. */
static void
test_perm_table_errors(void **state)
{
	static const char bad[] =
	    "  form note = read\n"			/* 1: outside a role */
	    "role hotline\n"
	    "  form note = read write\n"		/* 3: unknown action */
	    "  form nowhere = read\n"			/* 4: unknown form */
	    "  class medical = read\n"			/* 5: unknown class */
	    "  class health = create\n"			/* 6: create is no class action */
	    "  form note = read\n"
	    "  form note = edit\n"			/* 8: twice */
	    "  may everything\n"			/* 9: unknown key */
	    "role nobody\n"				/* 10: unknown role */
	    "role hotline\n"				/* 11: twice */
	    "group staff\n";				/* 12: unknown block */
	static const char *const want[] = {
	    "permissions:1: 'form' outside a role block",
	    "permissions:3: unknown action 'write' (read, create, edit or none)",
	    "permissions:5: unknown class 'medical' (identity, health, legal, documents or "
	    "payments)",
	    "permissions:6: unknown action 'create' (read, edit or none)",
	    "permissions:8: form 'note' is given twice for the role",
	    "permissions:9: unknown key 'may'",
	    "permissions:10: unknown role 'nobody' (hotline, counsellor, return_officer, "
	    "reintegration_officer, supervisor or admin)",
	    "permissions:11: role 'hotline' is given twice",
	    "permissions:12: unknown block 'group'",
	    "permissions:4: unknown form 'nowhere'",
	    "note.form:7: field 'who' of class health cannot feed the search index",
	};
	struct form_set *set = form_set_new();
	size_t i;

	(void)state;
	form_set_parse(set, "note.form", "form note\n  title \"Note\"\n\nfield topic\n"
	    "  type text\n\nfield who\n  type text\n  class health\n  search name\n");
	form_set_finish(set);
	form_perms_parse(set, "permissions", bad);
	form_perms_check(set);
	if (set->nerrors != sizeof want / sizeof want[0])
		for (i = 0; i < set->nerrors; i++)
			fprintf(stderr, "%s\n", set->errors[i]);
	assert_int_equal(set->nerrors, sizeof want / sizeof want[0]);
	for (i = 0; i < set->nerrors; i++)
		assert_string_equal(set->errors[i], want[i]);
	form_set_free(set);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_perm_matrix, test_perm_setup,
		    test_perm_teardown),
		cmocka_unit_test_setup_teardown(test_perm_hotline_health, test_perm_setup,
		    test_perm_teardown),
		cmocka_unit_test_setup_teardown(test_perm_only_supervisor_approves,
		    test_perm_setup, test_perm_teardown),
		cmocka_unit_test_setup_teardown(test_perm_keeps_hidden, test_perm_note_setup,
		    test_perm_teardown),
		cmocka_unit_test(test_perm_table_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
