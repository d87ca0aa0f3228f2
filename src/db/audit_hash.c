/*
 * db/audit_hash: the hashes of the audit: a row's chain hash, the salted sum
 * of its changes, and the content hash of a case's or a record's row (with
 * its repeat rows) that a change leaves (see db/audit.h).
 */
#include <string.h>

#include <sodium.h>

#include "db/internal.h"
#include "form/form.h"
#include "util/mem.h"
#include "util/str.h"

/* ---- hashing ------------------------------------------------------------- */

/* What is being hashed: values gather in buf and go to BLAKE2b a block of
 * them at a time (one call per small value cost more than the hashing). */
struct db_audit_h {
	crypto_generichash_state	st;
	size_t				n;
	unsigned char			buf[2048];
};

static void
db_audit_h_init(struct db_audit_h *h)
{
	crypto_generichash_init(&h->st, NULL, 0, DB_AUDIT_HASH);
	h->n = 0;
}

static void
db_audit_h_add(struct db_audit_h *h, const void *p, size_t n)
{
	if (h->n + n > sizeof h->buf) {
		crypto_generichash_update(&h->st, h->buf, h->n);
		h->n = 0;
	}
	if (n > sizeof h->buf) {
		crypto_generichash_update(&h->st, p, n);
		return;
	}
	memcpy(h->buf + h->n, p, n);
	h->n += n;
}

static void
db_audit_h_final(struct db_audit_h *h, unsigned char out[DB_AUDIT_HASH])
{
	crypto_generichash_update(&h->st, h->buf, h->n);
	crypto_generichash_final(&h->st, out, DB_AUDIT_HASH);
}

/* Each value as a tag, its length and its bytes: no two sequences of values
 * feed the hash the same bytes. */
static void
db_audit_put(struct db_audit_h *h, char tag, const void *p, size_t n)
{
	unsigned char head[9];
	uint64_t v = n;
	int i;

	head[0] = (unsigned char)tag;
	for (i = 0; i < 8; i++)
		head[i + 1] = (unsigned char)(v >> (8 * i));
	db_audit_h_add(h, head, sizeof head);
	if (n > 0)
		db_audit_h_add(h, p, n);
}

static void
db_audit_put_int(struct db_audit_h *h, int64_t v)
{
	unsigned char b[8];
	int i;

	for (i = 0; i < 8; i++)
		b[i] = (unsigned char)((uint64_t)v >> (8 * i));
	db_audit_put(h, 'I', b, sizeof b);
}

static void
db_audit_put_text(struct db_audit_h *h, const char *s)
{
	if (s == NULL)
		db_audit_put(h, 'N', NULL, 0);
	else
		db_audit_put(h, 'T', s, strlen(s));
}

/* A column as SQLite holds it: its storage class is part of what is hashed. */
static void
db_audit_put_col(struct db_audit_h *h, sqlite3_stmt *st, int col)
{
	double d;

	switch (sqlite3_column_type(st, col)) {
	case SQLITE_INTEGER:
		db_audit_put_int(h, sqlite3_column_int64(st, col));
		break;
	case SQLITE_FLOAT:
		d = sqlite3_column_double(st, col);
		db_audit_put(h, 'R', &d, sizeof d);
		break;
	case SQLITE_NULL:
		db_audit_put(h, 'N', NULL, 0);
		break;
	case SQLITE_BLOB:
		db_audit_put(h, 'B', sqlite3_column_blob(st, col),
		    (size_t)sqlite3_column_bytes(st, col));
		break;
	default:
		db_audit_put(h, 'T', sqlite3_column_text(st, col),
		    (size_t)sqlite3_column_bytes(st, col));
	}
}

void
db_audit_sum(const struct db_audit_row *r, unsigned char out[DB_AUDIT_HASH])
{
	struct db_audit_h h;

	db_audit_h_init(&h);
	db_audit_put(&h, 'S', r->salt, DB_AUDIT_SALT);
	db_audit_put_text(&h, r->changes);
	db_audit_h_final(&h, out);
}

void
db_audit_chain_hash(const struct db_audit_row *r, int64_t id, const void *prev,
    size_t nprev, unsigned char out[DB_AUDIT_HASH])
{
	struct db_audit_h h;

	db_audit_h_init(&h);
	db_audit_put_int(&h, id);
	db_audit_put_text(&h, r->at);
	db_audit_put_text(&h, r->user);
	db_audit_put_text(&h, r->tbl);
	if (r->tbl != NULL)
		db_audit_put_int(&h, r->row);
	else
		db_audit_put(&h, 'N', NULL, 0);
	if (r->case_id != 0)
		db_audit_put_int(&h, r->case_id);
	else
		db_audit_put(&h, 'N', NULL, 0);
	db_audit_put_text(&h, r->action);
	if (r->has_sum)
		db_audit_put(&h, 'B', r->sum, DB_AUDIT_HASH);
	else
		db_audit_put(&h, 'N', NULL, 0);
	if (r->ncontent < 0)
		db_audit_put(&h, 'N', NULL, 0);
	else
		db_audit_put(&h, 'B', r->content, (size_t)r->ncontent);
	if (prev == NULL)
		db_audit_put(&h, 'N', NULL, 0);
	else
		db_audit_put(&h, 'B', prev, nprev);
	db_audit_h_final(&h, out);
}

/* ---- the content of a record ----------------------------------------------- */

bool
db_audit_hashed(struct db *db, const char *tbl, const struct form_def **def)
{
	size_t i;

	*def = NULL;
	if (tbl == NULL)
		return false;
	if (str_eq(tbl, "cases"))
		return true;
	for (i = 0; db->forms != NULL && i < db->forms->nforms; i++)
		if (str_eq(db->forms->forms[i]->table, tbl)) {
			*def = db->forms->forms[i];
			return true;
		}
	return false;
}

/* A case's updated_at and updated_by follow every save of its records, which
 * audits the record, not the case: they are left out of the case's content. */
static bool
db_audit_skip(const struct form_def *def, const char *col)
{
	return def == NULL && (str_eq(col, "updated_at") || str_eq(col, "updated_by"));
}

static char *
db_audit_sql_kids(const void *key)
{
	const struct form_def *g = key;

	return xasprintf("SELECT * FROM \"%s\" WHERE parent_id = ?1 ORDER BY position, id",
	    g->table);
}

#define DB_AUDIT_OP_KIDS	0x5a01	/* keyed statements of db_prep_keyed() */
#define DB_AUDIT_OP_ROW		0x5a02
#define DB_AUDIT_OP_CASE	0x5a04

static char *
db_audit_sql_same(const void *key)
{
	return xstrdup(key);
}

static const char db_audit_sql_case[] = "SELECT * FROM cases WHERE id = ?1";

static enum db_status db_audit_put_row(struct db *, struct db_audit_h *,
    const struct form_def *, sqlite3_stmt *, char **);

/* The rows of repeat group g under parent id, in their order. */
static enum db_status
db_audit_put_kids(struct db *db, struct db_audit_h *h, const struct form_def *g,
    int64_t id, char **err)
{
	sqlite3_stmt *s = db_prep_keyed(db, g, DB_AUDIT_OP_KIDS, db_audit_sql_kids, err);
	enum db_status st = DB_OK;
	int rc;

	if (s == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(s, 1, id);
	db_audit_put_text(h, g->table);
	while (st == DB_OK && (rc = db_step(db, s)) == SQLITE_ROW)
		st = db_audit_put_row(db, h, g, s, err);
	if (st == DB_OK && rc != SQLITE_DONE)
		st = db_sqlerr(db, err);
	db_finish(db, s);
	return st;
}

/* The named columns that hold a value, then the repeat groups. A column
 * added later (NULL in every older row) leaves older hashes as they were. */
static enum db_status
db_audit_put_row(struct db *db, struct db_audit_h *h, const struct form_def *def,
    sqlite3_stmt *st, char **err)
{
	enum db_status rc = DB_OK;
	int64_t id = 0;
	const char *name;
	int i, n = sqlite3_column_count(st);
	size_t k;

	for (i = 0; i < n; i++) {
		name = sqlite3_column_name(st, i);
		if (str_eq(name, "id"))
			id = sqlite3_column_int64(st, i);
		if (sqlite3_column_type(st, i) == SQLITE_NULL || db_audit_skip(def, name))
			continue;
		db_audit_put_text(h, name);
		db_audit_put_col(h, st, i);
	}
	for (k = 0; def != NULL && k < def->nfields && rc == DB_OK; k++)
		if (def->fields[k].type == FT_REPEAT && def->fields[k].group != NULL)
			rc = db_audit_put_kids(db, h, def->fields[k].group, id, err);
	return rc;
}

enum db_status
db_audit_row_hash(struct db *db, const struct form_def *def, sqlite3_stmt *st,
    unsigned char out[DB_AUDIT_HASH], char **err)
{
	struct db_audit_h h;
	enum db_status rc;

	db_audit_h_init(&h);
	rc = db_audit_put_row(db, &h, def, st, err);
	db_audit_h_final(&h, out);
	return rc;
}

static char *
db_audit_sql_row(const void *key)
{
	const struct form_def *def = key;

	return xasprintf("SELECT * FROM \"%s\" WHERE id = ?1", def->table);
}

/* r->content: the hash of row r->row of r->tbl as it is now (none left:
 * empty); left without one when the table carries none. */
enum db_status
db_audit_content(struct db *db, struct db_audit_row *r, char **err)
{
	const struct form_def *def;
	enum db_status st = DB_OK;
	sqlite3_stmt *s;
	int rc;

	r->ncontent = -1;
	if (!db_audit_hashed(db, r->tbl, &def))
		return DB_OK;
	s = def != NULL ? db_prep_keyed(db, def, DB_AUDIT_OP_ROW, db_audit_sql_row, err) :
	    db_prep_keyed(db, db_audit_sql_case, DB_AUDIT_OP_CASE, db_audit_sql_same, err);
	if (s == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(s, 1, r->row);
	rc = db_step(db, s);
	r->ncontent = 0;
	if (rc == SQLITE_ROW) {
		st = db_audit_row_hash(db, def, s, r->content, err);
		r->ncontent = DB_AUDIT_HASH;
	} else if (rc != SQLITE_DONE)
		st = db_sqlerr(db, err);
	db_finish(db, s);
	return st;
}

