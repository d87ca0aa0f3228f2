/*
 * db/search: names without diacritics, phone digits however written, case
 * numbers, and user text that never becomes FTS5 syntax; spelling variants
 * across Latin spellings and scripts, any part of a case number, the true
 * count, and what a hit shows.
 */
#include "db_fixture.h"

#include <stdio.h>

#include "db/cases.h"
#include "db/record.h"
#include "db/search.h"
#include "db/settings.h"
#include "util/date.h"

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

/* ---- spelling variants, case numbers, count, hit rows ------------------- */

static const char test_search_people_form[] =
    "form person\n"
    "  title \"Person\"\n"
    "  table people\n"
    "  case required\n"
    "  once\n"
    "field surname\n"
    "  type text\n"
    "  search name\n"
    "field given\n"
    "  type text\n"
    "  search name\n"
    "field native\n"
    "  type text\n"
    "  search name\n"
    "field born\n"
    "  type date\n"
    "  search birth\n"
    "field nat\n"
    "  type text\n"
    "  search citizenship\n"
    "field phone\n"
    "  type phone\n"
    "  search phone\n"
    "field phone2\n"
    "  type phone\n"
    "  search phone\n";

/* The people of the table below: the serial of each one's case number (01301
 * made before 00301, and 00301 with more phone digits, so that "301" lists
 * 00301 first only because it is its number). */
static const struct {
	const char	*surname, *given, *native, *born, *nat;
	int		 serial;
	const char	*phone2;	/* NULL: the first phone written another way */
} test_search_people[] = {
	{ "SMIRNOV", "Ivan", "Смирнов Иван", "1979-11-02", "RU", 1301, NULL },
	{ "DUDAYEV", "Aslan", NULL, "1984-03-12", "RU", 301, "+421 905 111 222 333" },
	{ "NGUYEN", "Van Hung", "Nguyễn Văn Hùng", "1990-01-20", "VN", 302, NULL },
	{ "KHASANOV", "Ruslan", NULL, "1988-05-05", "RU", 303, NULL },
	{ "ALIYEV", "Elchin", NULL, "1975-07-07", "AZ", 304, NULL },
	{ "SHEVCHENKO", "Olena", NULL, "1992-09-09", "UA", 305, NULL },
	{ "VOLKOV", "Dmitrii", NULL, "1970-02-02", "RU", 306, NULL },
	{ "ABDULAEV", "Magomed", NULL, "1986-06-06", "RU", 307, NULL },
	{ NULL, NULL, "Кадыров Рамзан", "1976-10-05", "RU", 308, NULL },
	{ "GUSEINOV", "Yurii", NULL, "1981-04-04", "AZ", 309, NULL },
};
#define TEST_SEARCH_NPEOPLE (sizeof test_search_people / sizeof test_search_people[0])

struct test_people {
	char		*path;
	struct form_set	*set;
	struct db	*db;
	int64_t		 ids[TEST_SEARCH_NPEOPLE];
	char		*nos[TEST_SEARCH_NPEOPLE];
};

/* The year's case counter, so that the next case gets serial + 1. */
static void
test_search_seq(struct db *db, int serial)
{
	char key[32], val[16], *err = NULL;

	snprintf(key, sizeof key, "case_seq:%04d", date_today().y);
	snprintf(val, sizeof val, "%d", serial - 1);
	if (db_setting_set(db, key, val, &err) != DB_OK)
		fail_msg("setting: %s", err);
}

static int64_t
test_search_add(struct db *db, const struct form_set *set, const char *const *vals,
    int serial, char **no)
{
	static const char *const names[] = { "surname", "given", "native", "born", "nat",
	    "phone", "phone2" };
	struct form_record *rec = form_record_new(form_set_find(set, "person"));
	struct db_case c;
	char *err = NULL;
	int64_t id;
	size_t i;

	test_search_seq(db, serial);
	if (db_case_create(db, NULL, NULL, &c, &err) != DB_OK)
		fail_msg("case: %s", err);
	rec->case_id = c.id;
	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (vals[i] != NULL)
			fixture_set(rec, names[i], vals[i]);
	if (db_record_save(db, rec, NULL, &err) != DB_OK)
		fail_msg("save: %s", err);
	id = c.id;
	*no = xstrdup(c.case_no);
	db_case_clear(&c);
	form_record_free(rec);
	return id;
}

static int
test_people_setup(void **state)
{
	struct test_people *t = xcalloc(1, sizeof *t);
	size_t i;

	t->path = fixture_path();
	t->set = fixture_forms("person.form", test_search_people_form);
	t->db = fixture_open(t->path, t->set);
	for (i = 0; i < TEST_SEARCH_NPEOPLE; i++) {
		const char *v[] = { test_search_people[i].surname, test_search_people[i].given,
		    test_search_people[i].native, test_search_people[i].born,
		    test_search_people[i].nat, "+7 928 555 01 23",
		    test_search_people[i].phone2 != NULL ? test_search_people[i].phone2 :
		    "+7 (928) 555-01-23" };

		t->ids[i] = test_search_add(t->db, t->set, v, test_search_people[i].serial,
		    &t->nos[i]);
	}
	*state = t;
	return 0;
}

static int
test_people_teardown(void **state)
{
	struct test_people *t = *state;
	size_t i;

	for (i = 0; i < TEST_SEARCH_NPEOPLE; i++)
		free(t->nos[i]);
	db_close(t->db);
	form_set_free(t->set);
	fixture_unlink(t->path);
	free(t->path);
	free(t);
	return 0;
}

/* The case whose number ends in serial. */
static int64_t
test_people_id(const struct test_people *t, int serial)
{
	size_t i;

	for (i = 0; i < TEST_SEARCH_NPEOPLE; i++)
		if (test_search_people[i].serial == serial)
			return t->ids[i];
	fail_msg("no case %d", serial);
	return 0;
}

/* The first hit of q (0 for none). */
static int64_t
test_people_first(struct test_people *t, const char *q, size_t *n)
{
	struct db_hit *hits;
	char *err = NULL;
	int64_t id;

	if (db_search(t->db, q, 50, &hits, n, &err) != DB_OK)
		fail_msg("search '%s': %s", q, err);
	id = *n > 0 ? hits[0].case_id : 0;
	db_hits_free(hits, *n);
	return id;
}

/* Whether q finds the case id. */
static bool
test_people_has(struct test_people *t, const char *q, int64_t id)
{
	struct db_hit *hits;
	char *err = NULL;
	bool found = false;
	size_t n, i;

	if (db_search(t->db, q, 50, &hits, &n, &err) != DB_OK)
		fail_msg("search '%s': %s", q, err);
	for (i = 0; i < n; i++)
		found = found || hits[i].case_id == id;
	db_hits_free(hits, n);
	return found;
}

/* Each spelling finds its case, first and alone (names) or first (numbers). */
static void
test_search_spellings(void **state)
{
	static const struct {
		const char	*query;
		int		 serial;	/* the case expected first */
		bool		 alone;
	} table[] = {
		{ "dudaev", 301, true }, { "Dudajew", 301, true }, { "Дудаев", 301, true },
		{ "dudaiev aslan", 301, true }, { "duday", 301, true },
		{ "smirnow", 1301, true }, { "SMIRNOV", 1301, true }, { "Смирнов", 1301, true },
		{ "Нгуен", 302, true }, { "nguyen van", 302, true }, { "Nguyễn", 302, true },
		{ "hasanov", 303, true }, { "Chasanov", 303, true }, { "Хасанов", 303, true },
		{ "aliev", 304, true }, { "Alijew", 304, true }, { "Алиев", 304, true },
		{ "Schewtschenko", 305, true }, { "Szewczenko", 305, true },
		{ "Wolkow", 306, true }, { "Волков", 306, true },
		{ "Abdoulaev", 307, true }, { "abdulayev", 307, true },
		{ "kadirov", 308, true }, { "Kadyrov Ramzan", 308, true },
		{ "Guseynov Yuri", 309, true }, { "Гусейнов Юрий", 309, true },
		{ "301", 301, false }, { "1301", 1301, false }, { "00301", 301, false },
		{ "0301", 301, false }, { "-00301", 301, false },
	};
	struct test_people *t = *state;
	int64_t got;
	size_t i, n;

	for (i = 0; i < sizeof table / sizeof table[0]; i++) {
		got = test_people_first(t, table[i].query, &n);
		if (got != test_people_id(t, table[i].serial) || (table[i].alone && n != 1))
			fail_msg("'%s': first case %lld of %zu, not the one numbered %d",
			    table[i].query, (long long)got, n, table[i].serial);
	}
}

/* Any part of the case number, with its year, finds the case. */
static void
test_search_case_parts(void **state)
{
	struct test_people *t = *state;
	int64_t want = test_people_id(t, 301);
	char q[40];
	size_t n;
	int y = date_today().y;

	snprintf(q, sizeof q, "%04d-003", y);	/* 00301 to 00309, not 01301 */
	assert_true(test_people_has(t, q, want));
	assert_false(test_people_has(t, q, test_people_id(t, 1301)));
	snprintf(q, sizeof q, "%04d-00301", y);
	assert_int_equal(test_people_first(t, q, &n), want);
	assert_int_equal(n, 1);
	snprintf(q, sizeof q, "AVRR-%04d-00301", y);
	assert_int_equal(test_people_first(t, q, &n), want);
	assert_int_equal(n, 1);
	snprintf(q, sizeof q, "avrr-%04d-003", y);
	assert_true(test_people_has(t, q, want));
	assert_int_equal(test_people_first(t, "AVRR-1999-00301", &n), 0);
}

/* The count is every case found, however few are asked for. */
static void
test_search_count(void **state)
{
	struct test_people *t = *state;
	struct db_hit *hits;
	char *err = NULL, *no;
	size_t n, count, i;

	for (i = 0; i < 12; i++) {
		const char *v[] = { "GELASHVILI", "Tornike", NULL, "1980-01-01", "GE", NULL,
		    NULL };

		no = NULL;
		test_search_add(t->db, t->set, v, (int)(2000 + i), &no);
		free(no);
	}
	assert_int_equal(db_search(t->db, "gelash", 5, &hits, &n, &err), DB_OK);
	db_hits_free(hits, n);
	assert_int_equal(n, 5);
	assert_int_equal(db_search_count(t->db, "gelash", &count, &err), DB_OK);
	assert_int_equal(count, 12);
	assert_int_equal(db_search_count(t->db, "gelashwili tornike", &count, &err), DB_OK);
	assert_int_equal(count, 12);
	assert_int_equal(db_search_count(t->db, "nobody", &count, &err), DB_OK);
	assert_int_equal(count, 0);
	assert_int_equal(db_search_count(t->db, "\"(", &count, &err), DB_OK);
	assert_int_equal(count, 0);
	assert_null(err);
}

/* A hit has the date of birth, nationality, status and one phone. */
static void
test_search_hit_shows(void **state)
{
	struct test_people *t = *state;
	struct db_hit *hits;
	char *err = NULL;
	size_t n;

	assert_int_equal(db_search(t->db, "dudayev", 10, &hits, &n, &err), DB_OK);
	assert_int_equal(n, 1);
	assert_string_equal(hits[0].display, "DUDAYEV Aslan");
	assert_string_equal(hits[0].born, "1984-03-12");
	assert_string_equal(hits[0].nationality, "RU");
	assert_int_equal(hits[0].status, CASE_REGISTERED);
	assert_string_equal(hits[0].phone, "+7 928 555 01 23");
	assert_string_equal(hits[0].phones, "+7 928 555 01 23 +421 905 111 222 333");
	db_hits_free(hits, n);
	/* the same number written two ways is one phone */
	assert_int_equal(db_search(t->db, "wolkow", 10, &hits, &n, &err), DB_OK);
	assert_int_equal(n, 1);
	assert_string_equal(hits[0].phones, "+7 928 555 01 23");
	db_hits_free(hits, n);
}

/* A case of project, registered by user, at status, returning to country. */
static int64_t
test_filter_case(struct fixture_db *t, const char *user, const char *project,
    enum db_case_status status, const char *surname, const char *country)
{
	struct form_record *rec = form_record_new(form_set_find(t->set, "registration"));
	struct db_case c;
	int64_t id;

	db_set_user(t->db, user);
	assert_int_equal(db_case_create(t->db, project, NULL, &c, NULL), DB_OK);
	if (status != CASE_REGISTERED)
		assert_int_equal(db_case_set_status(t->db, &c, status, NULL), DB_OK);
	rec->case_id = id = c.id;
	fixture_set(rec, "surname", surname);
	fixture_set(rec, "return_country", country);
	assert_int_equal(db_record_save(t->db, rec, NULL, NULL), DB_OK);
	form_record_free(rec);
	db_case_clear(&c);
	return id;
}

/* How many cases q finds, and that the first is want (0: none found). */
static void
test_filter_finds(struct fixture_db *t, const char *q, size_t count, int64_t want)
{
	struct db_hit *hits;
	size_t n, total;
	char *err = NULL;

	if (db_search(t->db, q, 50, &hits, &n, &err) != DB_OK ||
	    db_search_count(t->db, q, &total, &err) != DB_OK)
		fail_msg("'%s': %s", q, err);
	if (n != count || total != count || (count > 0 && hits[0].case_id != want))
		fail_msg("'%s': %zu hits (%zu counted), expected %zu", q, n, total, count);
	db_hits_free(hits, n);
}

/* The case list filtered by status, project, country of return and
 * officer, alone or with a name. */
static void
test_search_filters(void **state)
{
	struct fixture_db *t = *state;
	int64_t a = test_filter_case(t, "eva", "AMIF-2026-01", CASE_DEPARTED, "Beridze", "GE");
	int64_t b = test_filter_case(t, "eva", "AMIF-2026-01", CASE_COUNSELLING, "Kapanadze",
	    "GE");
	int64_t c = test_filter_case(t, "ola", "MV-SR-2025", CASE_DEPARTED, "Petrenko", "UA");

	test_filter_finds(t, "status:departed", 2, c);		/* newest first */
	test_filter_finds(t, "status:dep country:ge", 1, a);
	test_filter_finds(t, "project:amif", 2, b);
	test_filter_finds(t, "officer:ola", 1, c);
	test_filter_finds(t, "officer:eva kapan", 1, b);	/* and a name */
	test_filter_finds(t, "officer:eva petrenko", 0, 0);
	test_filter_finds(t, "status:closed", 0, 0);
	test_filter_finds(t, "country:UA status:departed project:MV officer:ola", 1, c);
	test_filter_finds(t, "colour:red", 0, 0);	/* no such key: searched as text */
	test_filter_finds(t, "PROJ:mv stat:dep", 1, c);	/* a key's beginning, any case */
	test_filter_finds(t, "pro:mv", 0, 0);		/* too short: text */
}

static int
test_search_seen(void *arg, int ncols, char **vals, char **names)
{
	(void)ncols;
	(void)vals;
	(void)names;
	(*(size_t *)arg)++;
	return 0;
}

/* A query that matches more cases than are worth ranking (a letter or
 * two typed) lists the newest that match, and says how many match. */
static void
test_search_broad(void **state)
{
	struct test_search *t = *state;
	struct db_hit *h = NULL;
	size_t n = 0, total = 0;
	int64_t *ids;
	sqlite3 *raw;

	assert_int_equal(sqlite3_open(t->path, &raw), SQLITE_OK);
	assert_int_equal(sqlite3_exec(raw, "BEGIN; WITH RECURSIVE k(i) AS (SELECT 1001"
	    " UNION ALL SELECT i + 1 FROM k WHERE i < 3500) INSERT INTO search (rowid,"
	    " case_no, names, display) SELECT i, 'AVRR-2026-0' || i, 'Novotna Eva',"
	    " 'NOVOTNA Eva' FROM k; COMMIT", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(raw);
	assert_int_equal(db_search(t->db, "nov", 200, &h, &n, NULL), DB_OK);
	assert_int_equal(n, 200);
	assert_int_equal(h[0].case_id, 3500);
	assert_int_equal(h[199].case_id, 3301);
	db_hits_free(h, n);
	assert_int_equal(db_search_count(t->db, "nov", &total, NULL), DB_OK);
	assert_int_equal(total, 2501);
	assert_int_equal(db_search(t->db, "novák", 200, &h, &n, NULL), DB_OK);
	assert_int_equal(n, 1);
	assert_int_equal(h[0].case_id, t->novak.id);
	db_hits_free(h, n);
	/* the ids alone (the duplicate check's candidates): the same two ways */
	assert_int_equal(db_search_ids(t->db, "nov", 10, &ids, &n, NULL), DB_OK);
	assert_int_equal(n, 10);
	assert_int_equal(ids[0], 3500);
	assert_int_equal(ids[9], 3491);
	free(ids);
	assert_int_equal(db_search_ids(t->db, "novák jan", 10, &ids, &n, NULL), DB_OK);
	assert_int_equal(n, 1);
	assert_int_equal(ids[0], t->novak.id);
	free(ids);
}

/* A database whose index was made before it kept its words' beginnings
 * (schema 9) keeps every entry through the migration, and a one-letter
 * query finds them. */
static void
test_search_migrated(void **state)
{
	struct test_search *t = *state;
	char *sql = xasprintf("DROP TABLE search; CREATE VIRTUAL TABLE search USING fts5"
	    " (case_no, names, phones, digits, phonetic, display UNINDEXED, born UNINDEXED,"
	    " nationality UNINDEXED, phone UNINDEXED, serial UNINDEXED, tokenize ="
	    " 'unicode61 remove_diacritics 2'); INSERT INTO search (rowid, case_no, names,"
	    " display) VALUES (%lld, 'AVRR-2026-00001', 'Novak Jan', 'NOVAK Jan');"
	    " DELETE FROM schema_migrations WHERE version = 10; PRAGMA user_version = 9",
	    (long long)t->novak.id);
	struct db_hit *h = NULL;
	size_t n = 0, prefixed = 0;
	sqlite3 *raw;

	db_close(t->db);
	assert_int_equal(sqlite3_open(t->path, &raw), SQLITE_OK);
	assert_int_equal(sqlite3_exec(raw, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(raw);
	free(sql);
	t->db = fixture_open(t->path, t->set);
	assert_int_equal(db_search(t->db, "n", 200, &h, &n, NULL), DB_OK);
	assert_int_equal(n, 1);
	assert_int_equal(h[0].case_id, t->novak.id);
	assert_string_equal(h[0].display, "NOVAK Jan");
	db_hits_free(h, n);
	assert_int_equal(sqlite3_open(t->path, &raw), SQLITE_OK);
	assert_int_equal(sqlite3_exec(raw, "SELECT 1 FROM sqlite_master WHERE name = 'search'"
	    " AND sql LIKE '%prefix%'", test_search_seen, &prefixed, NULL), SQLITE_OK);
	sqlite3_close(raw);
	assert_int_equal(prefixed, 1);
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
		cmocka_unit_test_setup_teardown(test_search_broad, test_search_setup,
		    test_search_teardown),
		cmocka_unit_test_setup_teardown(test_search_migrated, test_search_setup,
		    test_search_teardown),
		cmocka_unit_test_setup_teardown(test_search_spellings, test_people_setup,
		    test_people_teardown),
		cmocka_unit_test_setup_teardown(test_search_case_parts, test_people_setup,
		    test_people_teardown),
		cmocka_unit_test_setup_teardown(test_search_count, test_people_setup,
		    test_people_teardown),
		cmocka_unit_test_setup_teardown(test_search_hit_shows, test_people_setup,
		    test_people_teardown),
		cmocka_unit_test_setup_teardown(test_search_filters, fixture_db_setup_rules,
		    fixture_db_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
