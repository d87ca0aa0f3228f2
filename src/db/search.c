/*
 * db/search: one FTS5 row per case (rowid = case id) holding the case number,
 * the names and phones of every record of the case, and the phones' digits as
 * tokens (every suffix without leading zeros) so that "0905 123 456",
 * "+421905123456" and "905123456" find each other. User text is turned into a
 * query of quoted prefix phrases, so it can never be FTS5 syntax.
 */
#include "db/search.h"

#include <stdlib.h>
#include <string.h>

#include "db/internal.h"
#include "db/perm.h"
#include "util/mem.h"
#include "util/str.h"
#include "util/tr.h"

#define DB_SEARCH_NSN	9	/* digits of a national number without prefixes */

struct db_search_doc {
	struct strbuf	case_no;
	struct strbuf	names;
	struct strbuf	phones;
	struct strbuf	digits;
	struct strbuf	display;
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

static void
db_search_add_phone(struct db_search_doc *doc, const char *phone)
{
	char *d = db_search_digits(phone);
	size_t i, n = strlen(d);

	db_search_add(&doc->phones, phone);
	for (i = 0; i + 3 <= n; i++)
		if (d[i] != '0')
			db_search_add(&doc->digits, d + i);
	free(d);
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
		if (def->fields[i].search == FS_NAME)
			db_search_add(&names, v);
		else if (def->fields[i].search == FS_PHONE)
			db_search_add_phone(doc, v);
		else
			db_search_add(&doc->case_no, v);
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
	s = db_prep(db, "INSERT INTO search (rowid, case_no, names, phones, digits, display)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)", err);
	if (s == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(s, 1, case_id);
	db_bind_text(s, 2, strbuf_str(&doc->case_no));
	db_bind_text(s, 3, strbuf_str(&doc->names));
	db_bind_text(s, 4, strbuf_str(&doc->phones));
	db_bind_text(s, 5, strbuf_str(&doc->digits));
	db_bind_text(s, 6, strbuf_str(&doc->display));
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
	strbuf_free(&doc->display);
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
		strbuf_puts(&doc.case_no, (const char *)sqlite3_column_text(s, 0));
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

/* A word as a quoted prefix phrase; words without a letter or digit are skipped. */
static void
db_search_word(struct strbuf *q, const char *w, size_t n)
{
	bool any = false;
	size_t i;

	for (i = 0; i < n; i++)
		if ((unsigned char)w[i] >= 0x80 || (w[i] >= '0' && w[i] <= '9') ||
		    (w[i] >= 'a' && w[i] <= 'z') || (w[i] >= 'A' && w[i] <= 'Z'))
			any = true;
	if (!any)
		return;
	if (q->len > 0)
		strbuf_putc(q, ' ');
	strbuf_putc(q, '"');
	for (i = 0; i < n; i++) {
		if (w[i] == '"')
			strbuf_putc(q, '"');
		strbuf_putc(q, w[i]);
	}
	strbuf_puts(q, "\"*");
}

static bool
db_search_is_phone(const char *q)
{
	int digits = 0;

	for (; *q != '\0'; q++) {
		if (*q >= '0' && *q <= '9')
			digits++;
		else if (strchr(" \t+-()/.", *q) == NULL)
			return false;
	}
	return digits >= 3;
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

/* A hit; its names and phones only for a role that may read identity. */
static void
db_search_hit(struct db_hit *h, sqlite3_stmt *s, bool identity)
{
	h->case_id = sqlite3_column_int64(s, 0);
	h->case_no = db_col_text(s, 1);
	h->names = identity ? db_col_text(s, 2) : NULL;
	h->phones = identity ? db_col_text(s, 3) : NULL;
}

enum db_status
db_search(struct db *db, const char *query, size_t limit, struct db_hit **out,
    size_t *n, char **err)
{
	char *q = db_search_query(query != NULL ? query : "");
	size_t cap = 0;
	sqlite3_stmt *s;
	int rc = SQLITE_DONE;
	bool identity;

	*out = NULL;
	*n = 0;
	if (q[0] == '\0' || limit == 0) {
		free(q);
		return DB_OK;
	}
	s = db_prep(db, "SELECT rowid, case_no, names, phones FROM search"
	    " WHERE search MATCH ?1 ORDER BY rank LIMIT ?2", err);
	identity = form_perm_class(db_forms(db), db_perm_role(db), FC_IDENTITY, FA_READ);
	if (s != NULL) {
		db_bind_text(s, 1, q);
		sqlite3_bind_int64(s, 2, (sqlite3_int64)limit);
		while ((rc = db_step(db, s)) == SQLITE_ROW) {
			*out = xgrow(*out, &cap, *n + 1, sizeof **out);
			db_search_hit(&(*out)[(*n)++], s, identity);
		}
		db_finish(db, s);
	}
	free(q);
	if (s != NULL && rc == SQLITE_DONE)
		return DB_OK;
	db_hits_free(*out, *n);
	*out = NULL;
	*n = 0;
	return s == NULL ? DB_ERROR : db_sqlerr(db, err);
}

void
db_hits_free(struct db_hit *h, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(h[i].case_no);
		free(h[i].names);
		free(h[i].phones);
	}
	free(h);
}
