/*
 * db/search_filter: "status:departed project:AMIF country:GE officer:eva" in
 * a search query: each key:value word narrows the cases, the other words are
 * searched as usual (db/search). One SELECT over cases, the registration's
 * country of return (found by its workflow role) and the index.
 */
#include "db/search_int.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "db/internal.h"
#include "db/perm.h"
#include "form/perm.h"
#include "form/workflow.h"
#include "util/mem.h"
#include "util/str.h"

/* The keys a query may narrow by, each as the start a key typed must have
 * ("proj:", "project:"), and where its value goes. */
static const struct {
	const char	*key;
	size_t		 off;
} db_search_keys[] = {
	{ "stat", offsetof(struct db_search_filter, status) },
	{ "proj", offsetof(struct db_search_filter, project) },
	{ "countr", offsetof(struct db_search_filter, country) },
	{ "offic", offsetof(struct db_search_filter, officer) },
};

#define DB_SEARCH_KEY_MAX	10	/* letters of a key typed */

/* The key typed is letters only. */
static bool
db_search_key_letters(const char *w, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (!((w[i] >= 'a' && w[i] <= 'z') || (w[i] >= 'A' && w[i] <= 'Z')))
			return false;
	return true;
}

/* A key:value word into f; false when it is no such word. */
static bool
db_search_key_word(struct db_search_filter *f, const char *w, size_t len)
{
	const char *colon = memchr(w, ':', len);
	size_t i, klen;
	char **slot;

	if (colon == NULL || colon + 1 == w + len)
		return false;
	klen = (size_t)(colon - w);
	for (i = 0; i < sizeof db_search_keys / sizeof db_search_keys[0]; i++) {
		if (klen < strlen(db_search_keys[i].key) || klen > DB_SEARCH_KEY_MAX ||
		    strncasecmp(db_search_keys[i].key, w, strlen(db_search_keys[i].key)) != 0 ||
		    !db_search_key_letters(w, klen))
			continue;
		slot = (char **)((char *)f + db_search_keys[i].off);
		free(*slot);
		*slot = xstrndup(colon + 1, len - klen - 1);
		f->any = true;
		return true;
	}
	return false;
}

char *
db_search_split(const char *text, struct db_search_filter *f)
{
	struct strbuf rest = STRBUF_INIT;
	const char *p = text != NULL ? text : "", *w;

	memset(f, 0, sizeof *f);
	while (*p != '\0') {
		while (*p != '\0' && strchr(" \t\r\n\v\f", *p) != NULL)
			p++;
		for (w = p; *p != '\0' && strchr(" \t\r\n\v\f", *p) == NULL; p++)
			;
		if (p > w && !db_search_key_word(f, w, (size_t)(p - w))) {
			if (rest.len > 0)
				strbuf_putc(&rest, ' ');
			strbuf_add(&rest, w, (size_t)(p - w));
		}
	}
	return rest.len > 0 ? strbuf_take(&rest) : xstrdup("");
}

void
db_search_filter_clear(struct db_search_filter *f)
{
	free(f->status);
	free(f->project);
	free(f->country);
	free(f->officer);
	memset(f, 0, sizeof *f);
}

/* The cases of the filter (and of the FTS query q, when not empty), newest
 * first; count: only how many. */
static char *
db_search_filter_sql(struct db *db, bool count)
{
	const struct form_def *reg = form_workflow_def(db_forms(db), WFS_REGISTRATION);
	const char *cf = form_workflow_field(db_forms(db), WFR_REG_RETURN_COUNTRY);
	char *country = reg != NULL && cf != NULL && str_is_ident(cf) && str_is_ident(reg->table) &&
	    form_field_index(reg, cf) >= 0 ? xasprintf(" AND (?3 IS NULL OR EXISTS (SELECT 1"
	    " FROM \"%s\" r WHERE r.case_id = c.id AND upper(r.\"%s\") = upper(?3)))",
	    reg->table, cf) : xstrdup(" AND ?3 IS NULL");
	char *sql = xasprintf("SELECT %s FROM cases c LEFT JOIN search x ON x.rowid = c.id"
	    " WHERE (?1 IS NULL OR c.status LIKE ?1 || '%%')"
	    " AND (?2 IS NULL OR c.project LIKE ?2 || '%%')%s"
	    " AND (?4 IS NULL OR c.created_by = ?4)"
	    " AND (?5 = '' OR c.id IN (SELECT rowid FROM search WHERE search MATCH ?5))%s",
	    count ? "count(*)" : "c.id, c.case_no, x.names, x.phones, x.display, x.born,"
	    " x.nationality, x.phone, c.status", country,
	    count ? "" : " ORDER BY c.updated_at DESC, c.id DESC LIMIT ?6");

	free(country);
	return sql;
}

static sqlite3_stmt *
db_search_filter_prep(struct db *db, const struct db_search_filter *f, const char *q,
    bool count, char **err)
{
	char *sql = db_search_filter_sql(db, count);
	sqlite3_stmt *s = db_prep(db, sql, err);

	free(sql);
	if (s == NULL)
		return NULL;
	db_bind_text(s, 1, f->status);
	db_bind_text(s, 2, f->project);
	db_bind_text(s, 3, f->country);
	db_bind_text(s, 4, f->officer);
	db_bind_text(s, 5, q);
	return s;
}

enum db_status
db_search_filtered(struct db *db, const struct db_search_filter *f, const char *q,
    size_t limit, struct db_hit **out, size_t *n, char **err)
{
	bool identity = form_perm_class(db_forms(db), db_perm_role(db), FC_IDENTITY, FA_READ);
	sqlite3_stmt *s = db_search_filter_prep(db, f, q, false, err);
	size_t cap = 0;
	int rc;

	if (s == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(s, 6, (sqlite3_int64)limit);
	while ((rc = db_step(db, s)) == SQLITE_ROW) {
		*out = xgrow(*out, &cap, *n + 1, sizeof **out);
		db_search_hit(&(*out)[(*n)++], s, identity);
	}
	db_finish(db, s);
	return rc == SQLITE_DONE ? DB_OK : db_sqlerr(db, err);
}

enum db_status
db_search_filtered_count(struct db *db, const struct db_search_filter *f, const char *q,
    size_t *count, char **err)
{
	sqlite3_stmt *s = db_search_filter_prep(db, f, q, true, err);
	int rc;

	if (s == NULL)
		return DB_ERROR;
	if ((rc = db_step(db, s)) == SQLITE_ROW)
		*count = (size_t)sqlite3_column_int64(s, 0);
	db_finish(db, s);
	return rc == SQLITE_ROW ? DB_OK : db_sqlerr(db, err);
}
