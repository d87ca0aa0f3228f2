/*
 * db/search: one FTS5 row per case (rowid = case id) holding the case number,
 * the names and phones of every record of the case, the names' phonetic keys,
 * and the digits of the phones and of the case number as tokens (every suffix
 * without leading zeros) so that "0905 123 456", "+421905123456" and
 * "905123456" find each other, and "301" finds AVRR-2026-00301. User text is
 * turned into a query of quoted prefix phrases, so it can never be FTS5 syntax.
 */
#include "db/search_int.h"

#include <stdlib.h>
#include <string.h>

#include "db/internal.h"
#include "db/perm.h"
#include "i18n/phon.h"
#include "util/mem.h"
#include "util/str.h"
#include "util/tr.h"

#define DB_SEARCH_NSN	9	/* digits of a national number without prefixes */

struct db_search_doc {
	struct strbuf	case_no;
	struct strbuf	names;
	struct strbuf	phones;
	struct strbuf	digits;
	struct strbuf	phonetic;
	struct strbuf	display;
	struct strbuf	born;
	struct strbuf	nationality;
	struct strbuf	phone;		/* the first one */
	struct strbuf	serial;		/* the case number's: "301 202600301" */
	struct strbuf	seen;		/* " digits " of each phone added */
};

static void
db_search_add(struct strbuf *sb, const char *s)
{
	if (sb->len > 0)
		strbuf_puts(sb, " ");
	strbuf_puts(sb, s);
}

/* The digits of s without leading zeros (malloc'd). */
static char *
db_search_digits(const char *s)
{
	struct strbuf sb = STRBUF_INIT;

	for (; *s != '\0'; s++)
		if (*s >= '0' && *s <= '9' && !(*s == '0' && sb.len == 0))
			strbuf_putc(&sb, *s);
	return strbuf_take(&sb);
}

/* Every suffix of the digits d from least digits on that has no leading zero. */
static void
db_search_add_suffixes(struct db_search_doc *doc, const char *d, size_t least)
{
	size_t i, n = strlen(d);

	for (i = 0; i + least <= n; i++)
		if (d[i] != '0')
			db_search_add(&doc->digits, d + i);
}

/* A phone, once however often the case's records hold it. */
static void
db_search_add_phone(struct db_search_doc *doc, const char *phone)
{
	char *d = db_search_digits(phone), *tok = xasprintf(" %s ", d);

	if (strstr(strbuf_str(&doc->seen), tok) == NULL) {
		strbuf_puts(&doc->seen, tok);
		db_search_add(&doc->phones, phone);
		if (doc->phone.len == 0)
			strbuf_puts(&doc->phone, phone);
		db_search_add_suffixes(doc, d, 3);
	}
	free(tok);
	free(d);
}

/* The case's own number: its digits as tokens (down to the last one: "12"
 * finds AVRR-2026-00012), its serial for exact matches. */
static void
db_search_add_case_no(struct db_search_doc *doc, const char *case_no)
{
	char *d = db_search_digits(case_no);
	size_t n = strlen(case_no), k = n;

	strbuf_puts(&doc->case_no, case_no);
	db_search_add_suffixes(doc, d, 1);
	while (k > 0 && case_no[k - 1] >= '0' && case_no[k - 1] <= '9')
		k--;
	while (k < n && case_no[k] == '0')
		k++;
	strbuf_printf(&doc->serial, "%s %s", case_no + k, d);
	free(d);
}

static void
db_search_add_name(struct db_search_doc *doc, struct strbuf *names, const char *v)
{
	char *key = i18n_phon_key(v);

	db_search_add(names, v);
	if (key[0] != '\0')
		db_search_add(&doc->phonetic, key);
	free(key);
}

/* A value shown in the hit, from the case's own record: the first one kept. */
static void
db_search_add_shown(struct strbuf *sb, const struct form_def *def, const char *v)
{
	if (sb->len == 0 && def->parent == NULL)
		strbuf_puts(sb, v);
}

/* "FROM t0 JOIN t1 ON ... WHERE tN.case_id = ?1 ORDER BY tN.id, ..., t0.position" */
static void
db_search_from(struct strbuf *sb, const struct form_def *def)
{
	struct strbuf order = STRBUF_INIT;
	const struct form_def *d;
	int k = 0;

	strbuf_printf(sb, " FROM \"%s\" t0", def->table);
	for (d = def; d->parent != NULL; d = d->parent, k++)
		strbuf_printf(sb, " JOIN \"%s\" t%d ON t%d.parent_id = t%d.id",
		    d->parent->table, k + 1, k, k + 1);
	strbuf_printf(sb, " WHERE t%d.case_id = ?1 ORDER BY t%d.id", k, k);
	for (; k > 0; k--)
		strbuf_printf(&order, ", t%d.position, t%d.id", k - 1, k - 1);
	strbuf_puts(sb, strbuf_str(&order));
	strbuf_free(&order);
}

static void
db_search_row(struct db_search_doc *doc, const struct form_def *def, sqlite3_stmt *s)
{
	struct strbuf names = STRBUF_INIT;
	const char *v;
	size_t i;
	int col = 0;

	for (i = 0; i < def->nfields; i++) {
		if (def->fields[i].search == FS_NONE || !form_type_has_value(def->fields[i].type))
			continue;
		v = (const char *)sqlite3_column_text(s, col++);
		if (str_empty(v))
			continue;
		switch (def->fields[i].search) {
		case FS_NAME: db_search_add_name(doc, &names, v); break;
		case FS_PHONE: db_search_add_phone(doc, v); break;
		case FS_BIRTH: db_search_add_shown(&doc->born, def, v); break;
		case FS_NATIONALITY: db_search_add_shown(&doc->nationality, def, v); break;
		default: db_search_add(&doc->case_no, v); break;
		}
	}
	if (names.len > 0) {
		db_search_add(&doc->names, names.s);
		if (doc->display.len == 0 && def->parent == NULL)
			strbuf_puts(&doc->display, names.s);
	}
	strbuf_free(&names);
}

static enum db_status
db_search_def(struct db *db, const struct form_def *def, int64_t case_id,
    struct db_search_doc *doc, char **err)
{
	struct strbuf sb = STRBUF_INIT;
	enum db_status st = DB_OK;
	sqlite3_stmt *s;
	size_t i;
	int rc;

	for (i = 0; i < def->nfields; i++)
		if (def->fields[i].search != FS_NONE && form_type_has_value(def->fields[i].type))
			strbuf_printf(&sb, "%st0.\"%s\"", sb.len == 0 ? "SELECT " : ", ",
			    def->fields[i].name);
	if (sb.len > 0) {
		db_search_from(&sb, def);
		s = db_prep(db, strbuf_str(&sb), err);
		if (s == NULL)
			st = DB_ERROR;
		else {
			sqlite3_bind_int64(s, 1, case_id);
			while ((rc = db_step(db, s)) == SQLITE_ROW)
				db_search_row(doc, def, s);
			if (rc != SQLITE_DONE)
				st = db_sqlerr(db, err);
			db_finish(db, s);
		}
	}
	strbuf_free(&sb);
	for (i = 0; i < def->nfields && st == DB_OK; i++)
		if (def->fields[i].group != NULL)
			st = db_search_def(db, def->fields[i].group, case_id, doc, err);
	return st;
}

static enum db_status
db_search_store(struct db *db, int64_t case_id, struct db_search_doc *doc, char **err)
{
	sqlite3_stmt *s;
	int rc;

	s = db_prep(db, "DELETE FROM search WHERE rowid = ?1", err);
	if (s == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(s, 1, case_id);
	rc = db_step(db, s);
	db_finish(db, s);
	if (rc != SQLITE_DONE)
		return db_sqlerr(db, err);
	s = db_prep(db, "INSERT INTO search (rowid, case_no, names, phones, digits, phonetic,"
	    " display, born, nationality, phone, serial)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)", err);
	if (s == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(s, 1, case_id);
	db_bind_text(s, 2, strbuf_str(&doc->case_no));
	db_bind_text(s, 3, strbuf_str(&doc->names));
	db_bind_text(s, 4, strbuf_str(&doc->phones));
	db_bind_text(s, 5, strbuf_str(&doc->digits));
	db_bind_text(s, 6, strbuf_str(&doc->phonetic));
	db_bind_text(s, 7, strbuf_str(&doc->display));
	db_bind_text(s, 8, strbuf_str(&doc->born));
	db_bind_text(s, 9, strbuf_str(&doc->nationality));
	db_bind_text(s, 10, strbuf_str(&doc->phone));
	db_bind_text(s, 11, strbuf_str(&doc->serial));
	rc = db_step(db, s);
	db_finish(db, s);
	return rc == SQLITE_DONE ? DB_OK : db_sqlerr(db, err);
}

static void
db_search_doc_free(struct db_search_doc *doc)
{
	strbuf_free(&doc->case_no);
	strbuf_free(&doc->names);
	strbuf_free(&doc->phones);
	strbuf_free(&doc->digits);
	strbuf_free(&doc->phonetic);
	strbuf_free(&doc->display);
	strbuf_free(&doc->born);
	strbuf_free(&doc->nationality);
	strbuf_free(&doc->phone);
	strbuf_free(&doc->serial);
	strbuf_free(&doc->seen);
}

static enum db_status db_search_index_now(struct db *, int64_t, char **);

enum db_status
db_search_index_case(struct db *db, int64_t case_id, char **err)
{
	if (!db->bulk)
		return db_search_index_now(db, case_id, err);
	if (db->nbulk_cases == 0 || db->bulk_cases[db->nbulk_cases - 1] != case_id) {
		db->bulk_cases = xgrow(db->bulk_cases, &db->capbulk_cases, db->nbulk_cases + 1,
		    sizeof *db->bulk_cases);
		db->bulk_cases[db->nbulk_cases++] = case_id;
	}
	return DB_OK;
}

static int
db_search_cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

enum db_status
db_search_flush(struct db *db, char **err)
{
	enum db_status st = DB_OK;
	size_t i;

	if (db->nbulk_cases > 1)	/* none: a batch of records no case indexes */
		qsort(db->bulk_cases, db->nbulk_cases, sizeof *db->bulk_cases, db_search_cmp_id);
	for (i = 0; i < db->nbulk_cases && st == DB_OK; i++)
		if (i == 0 || db->bulk_cases[i] != db->bulk_cases[i - 1])
			st = db_search_index_now(db, db->bulk_cases[i], err);
	db->nbulk_cases = 0;
	return st;
}

static enum db_status
db_search_index_now(struct db *db, int64_t case_id, char **err)
{
	struct db_search_doc doc;
	enum db_status st;
	sqlite3_stmt *s;
	size_t i;
	int rc, pass;

	memset(&doc, 0, sizeof doc);
	s = db_prep(db, "SELECT case_no FROM cases WHERE id = ?1", err);
	if (s == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(s, 1, case_id);
	rc = db_step(db, s);
	if (rc == SQLITE_ROW)
		db_search_add_case_no(&doc, (const char *)sqlite3_column_text(s, 0));
	db_finish(db, s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_sqlerr(db, err);
	st = DB_OK;
	/* The case's own once-per-case forms (registration) first: the display
	 * name is the applicant's, not a caller's from a linked call. */
	for (pass = 0; pass < 2; pass++)
		for (i = 0; db->forms != NULL && i < db->forms->nforms && st == DB_OK; i++) {
			const struct form_def *d = db->forms->forms[i];

			if ((d->once && d->needs_case) == (pass == 0))
				st = db_search_def(db, d, case_id, &doc, err);
		}
	if (st == DB_OK)
		st = db_search_store(db, case_id, &doc, err);
	db_search_doc_free(&doc);
	return st;
}

static enum db_status
db_search_rebuild_tx(struct db *db, void *arg, char **err)
{
	enum db_status st = DB_OK;
	int64_t *ids = NULL;
	size_t n = 0, cap = 0, i;
	sqlite3_stmt *s;
	int rc;

	(void)arg;
	s = db_prep(db, "SELECT id FROM cases ORDER BY id", err);
	if (s == NULL)
		return DB_ERROR;
	while ((rc = db_step(db, s)) == SQLITE_ROW) {
		ids = xgrow(ids, &cap, n + 1, sizeof *ids);
		ids[n++] = sqlite3_column_int64(s, 0);
	}
	db_finish(db, s);
	if (rc != SQLITE_DONE)
		st = db_sqlerr(db, err);
	if (st == DB_OK)
		st = db_exec(db, "DELETE FROM search", err);
	for (i = 0; i < n && st == DB_OK; i++)
		st = db_search_index_case(db, ids[i], err);
	free(ids);
	return st;
}

enum db_status
db_search_rebuild(struct db *db, char **err)
{
	return db_tx(db, db_search_rebuild_tx, NULL, err);
}

/* s as a quoted FTS5 phrase, its quotes doubled, as a prefix. */
static void
db_search_phrase(struct strbuf *q, const char *s, size_t n)
{
	size_t i;

	strbuf_putc(q, '"');
	for (i = 0; i < n; i++) {
		if (s[i] == '"')
			strbuf_putc(q, '"');
		strbuf_putc(q, s[i]);
	}
	strbuf_puts(q, "\"*");
}

/* A word as a quoted prefix phrase, or its phonetic key as a prefix of the
 * keys; words without a letter or digit are skipped. */
static void
db_search_word(struct strbuf *q, const char *w, size_t n)
{
	bool any = false;
	char *word, *key;
	size_t i;

	for (i = 0; i < n; i++)
		if ((unsigned char)w[i] >= 0x80 || (w[i] >= '0' && w[i] <= '9') ||
		    (w[i] >= 'a' && w[i] <= 'z') || (w[i] >= 'A' && w[i] <= 'Z'))
			any = true;
	if (!any)
		return;
	word = xstrndup(w, n);
	key = i18n_phon_key(word);
	strbuf_puts(q, q->len > 0 ? " AND (" : "(");
	db_search_phrase(q, w, n);
	if (key[0] != '\0') {
		strbuf_puts(q, " OR phonetic : ");
		db_search_phrase(q, key, strlen(key));
	}
	strbuf_putc(q, ')');
	free(key);
	free(word);
}

/* How many digits q has when it is only digits and a phone's separators
 * (-1 when it has anything else). */
static int
db_search_ndigits(const char *q)
{
	int digits = 0;

	for (; *q != '\0'; q++) {
		if (*q >= '0' && *q <= '9')
			digits++;
		else if (strchr(" \t+-()/.", *q) == NULL)
			return -1;
	}
	return digits;
}

static bool
db_search_is_phone(const char *q)
{
	return db_search_ndigits(q) >= 3;
}

/* The FTS5 query for user text; "" when there is nothing to look for. */
char *
db_search_query(const char *text)
{
	struct strbuf q = STRBUF_INIT, words = STRBUF_INIT;
	const char *p = text, *w;
	char *d;

	while (*p != '\0') {
		while (*p != '\0' && strchr(" \t\r\n\v\f", *p) != NULL)
			p++;
		for (w = p; *p != '\0' && strchr(" \t\r\n\v\f", *p) == NULL; p++)
			;
		db_search_word(&words, w, (size_t)(p - w));
	}
	d = db_search_is_phone(text) ? db_search_digits(text) : NULL;
	if (d != NULL && d[0] != '\0') {
		strbuf_printf(&q, "digits : (\"%s\"*", d);
		if (strlen(d) > DB_SEARCH_NSN)
			strbuf_printf(&q, " OR \"%s\"*", d + strlen(d) - DB_SEARCH_NSN);
		strbuf_putc(&q, ')');
		if (words.len > 0)
			strbuf_printf(&q, " OR (%s)", words.s);
		strbuf_free(&words);
		free(d);
		return strbuf_take(&q);
	}
	free(d);
	return strbuf_take(&words);
}

/* A hit; what identifies the person only for a role that may read identity. */
void
db_search_hit(struct db_hit *h, sqlite3_stmt *s, bool identity)
{
	h->case_id = sqlite3_column_int64(s, 0);
	h->case_no = db_col_text(s, 1);
	h->names = identity ? db_col_text(s, 2) : NULL;
	h->phones = identity ? db_col_text(s, 3) : NULL;
	h->display = identity ? db_col_text(s, 4) : NULL;
	h->born = identity ? db_col_text(s, 5) : NULL;
	h->nationality = db_col_text(s, 6);
	h->phone = identity ? db_col_text(s, 7) : NULL;
	h->status = db_case_status_from_code((const char *)sqlite3_column_text(s, 8));
}

/*
 * The best hits first; a number query puts the cases whose number it is
 * (its serial or all its digits, ?3) before the rest. Only the rowids and
 * ranks of the matches are sorted; the columns shown and the status are read
 * for the hits kept.
 */
#define DB_SEARCH_SQL(boost, order) \
	"SELECT s.id, x.case_no, x.names, x.phones, x.display, x.born, x.nationality," \
	" x.phone, c.status FROM (SELECT rowid AS id, rank AS r, " boost " AS b" \
	" FROM search WHERE search MATCH ?1 ORDER BY " order " LIMIT ?2) s" \
	" JOIN search x ON x.rowid = s.id LEFT JOIN cases c ON c.id = s.id" \
	" ORDER BY s.b DESC, s.r, s.id DESC"
#define DB_SEARCH_BOOST \
	"(instr(' ' || serial || ' ', ' ' || ?3 || ' ') > 0)"

/*
 * Ranking costs a few microseconds a match (bm25 reads each one's phrase
 * counts): 450 ms for the 100,000 cases "a" matches. So the matches are
 * ranked only when they are at most DB_SEARCH_RANKED; a broader query (a
 * letter or two, the first digit of a number) lists the newest cases that
 * match instead, in the time it takes FTS5 to walk its doclists.
 */
#define DB_SEARCH_RANKED	2000

/* More than most matches of q? */
static enum db_status
db_search_more(struct db *db, const char *q, size_t most, bool *more, char **err)
{
	sqlite3_stmt *s = db_prep(db, "SELECT count(*) FROM (SELECT 1 FROM search"
	    " WHERE search MATCH ?1 LIMIT ?2)", err);
	int rc;

	*more = false;
	if (s == NULL)
		return DB_ERROR;
	db_bind_text(s, 1, q);
	sqlite3_bind_int64(s, 2, (sqlite3_int64)most + 1);
	if ((rc = db_step(db, s)) == SQLITE_ROW)
		*more = sqlite3_column_int64(s, 0) > (sqlite3_int64)most;
	db_finish(db, s);
	return rc == SQLITE_ROW ? DB_OK : db_sqlerr(db, err);
}

static const char *
db_search_sql(bool digits, bool broad)
{
	if (broad)
		return DB_SEARCH_SQL("0", "rowid DESC");
	return digits ? DB_SEARCH_SQL(DB_SEARCH_BOOST, "b DESC, rank") :
	    DB_SEARCH_SQL("0", "rank");
}

static enum db_status
db_search_run(struct db *db, const char *q, const char *text, size_t limit,
    struct db_hit **out, size_t *n, char **err)
{
	char *d = db_search_ndigits(text) > 0 ? db_search_digits(text) : NULL;
	bool identity = form_perm_class(db_forms(db), db_perm_role(db), FC_IDENTITY, FA_READ);
	size_t cap = 0;
	sqlite3_stmt *s = NULL;
	int rc = SQLITE_DONE;
	bool broad;

	if (db_search_more(db, q, DB_SEARCH_RANKED, &broad, err) == DB_OK)
		s = db_prep(db, db_search_sql(d != NULL, broad), err);
	if (s != NULL) {
		db_bind_text(s, 1, q);
		sqlite3_bind_int64(s, 2, (sqlite3_int64)limit);
		if (d != NULL)
			db_bind_text(s, 3, d);
		while ((rc = db_step(db, s)) == SQLITE_ROW) {
			*out = xgrow(*out, &cap, *n + 1, sizeof **out);
			db_search_hit(&(*out)[(*n)++], s, identity);
		}
		db_finish(db, s);
	}
	free(d);
	if (s != NULL && rc == SQLITE_DONE)
		return DB_OK;
	return s == NULL ? DB_ERROR : db_sqlerr(db, err);
}

enum db_status
db_search(struct db *db, const char *query, size_t limit, struct db_hit **out,
    size_t *n, char **err)
{
	struct db_search_filter f;
	char *text = db_search_split(query, &f), *q = db_search_query(text);
	enum db_status st = DB_OK;

	*out = NULL;
	*n = 0;
	if (f.any && limit > 0)
		st = db_search_filtered(db, &f, q, limit, out, n, err);
	else if (q[0] != '\0' && limit > 0)
		st = db_search_run(db, q, text, limit, out, n, err);
	free(q);
	free(text);
	db_search_filter_clear(&f);
	if (st != DB_OK) {
		db_hits_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return st;
}

/* Only the ids: no column of a hit is read. A query with more than
 * DB_SEARCH_IDS_RANKED matches per id wanted gives the newest. */
#define DB_SEARCH_IDS_RANKED	4

/* The rowids sql gives for q (?2 the limit) into ids. */
static enum db_status
db_search_ids_read(struct db *db, const char *sql, const char *q, size_t limit,
    int64_t **ids, size_t *n, char **err)
{
	sqlite3_stmt *s = db_prep(db, sql, err);
	size_t cap = 0;
	int rc;

	if (s == NULL)
		return DB_ERROR;
	db_bind_text(s, 1, q);
	sqlite3_bind_int64(s, 2, (sqlite3_int64)limit);
	while ((rc = db_step(db, s)) == SQLITE_ROW) {
		*ids = xgrow(*ids, &cap, *n + 1, sizeof **ids);
		(*ids)[(*n)++] = sqlite3_column_int64(s, 0);
	}
	db_finish(db, s);
	return rc == SQLITE_DONE ? DB_OK : db_sqlerr(db, err);
}

/* Ranked when few enough match, else the newest. */
static enum db_status
db_search_ids_run(struct db *db, const char *q, size_t limit, int64_t **ids, size_t *n,
    char **err)
{
	bool broad;
	enum db_status st = db_search_more(db, q, limit * DB_SEARCH_IDS_RANKED, &broad, err);

	if (st != DB_OK)
		return st;
	return db_search_ids_read(db, broad ? "SELECT rowid FROM search WHERE search MATCH ?1"
	    " ORDER BY rowid DESC LIMIT ?2" : "SELECT rowid FROM search WHERE search MATCH ?1"
	    " ORDER BY rank LIMIT ?2", q, limit, ids, n, err);
}

enum db_status
db_search_ids(struct db *db, const char *text, size_t limit, int64_t **ids, size_t *n,
    char **err)
{
	char *q = db_search_query(text);
	enum db_status st = DB_OK;

	*ids = NULL;
	*n = 0;
	if (q[0] != '\0' && limit > 0)
		st = db_search_ids_run(db, q, limit, ids, n, err);
	free(q);
	if (st != DB_OK) {
		free(*ids);
		*ids = NULL;
		*n = 0;
	}
	return st;
}

enum db_status
db_search_count(struct db *db, const char *query, size_t *count, char **err)
{
	struct db_search_filter f;
	char *text = db_search_split(query, &f), *q = db_search_query(text);
	enum db_status st = DB_OK;
	sqlite3_stmt *s = NULL;
	int rc = SQLITE_DONE;

	*count = 0;
	if (f.any)
		st = db_search_filtered_count(db, &f, q, count, err);
	else if (q[0] != '\0' && (s = db_prep(db, "SELECT count(*) FROM search WHERE search"
	    " MATCH ?1", err)) == NULL)
		st = DB_ERROR;
	if (s != NULL) {
		db_bind_text(s, 1, q);
		if ((rc = db_step(db, s)) == SQLITE_ROW)
			*count = (size_t)sqlite3_column_int64(s, 0);
		db_finish(db, s);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			st = db_sqlerr(db, err);
	}
	free(q);
	free(text);
	db_search_filter_clear(&f);
	return st;
}

void
db_hits_free(struct db_hit *h, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(h[i].case_no);
		free(h[i].names);
		free(h[i].phones);
		free(h[i].display);
		free(h[i].born);
		free(h[i].nationality);
		free(h[i].phone);
	}
	free(h);
}
