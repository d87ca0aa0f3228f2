/*
 * db/audit_verify: avrr audit verify: the chain of the audit rows, then every
 * row of cases and of the forms' tables against its latest audit row.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "db/audit.h"
#include "db/internal.h"
#include "form/form.h"
#include "util/mem.h"
#include "util/str.h"
#include "util/tr.h"

/* The latest content an audit row gave one record row. */
struct db_av_latest {
	char		*tbl;
	int64_t		 row;
	int64_t		 audit_id;
	int		 ncontent;
	unsigned char	 content[DB_AUDIT_HASH];
	bool		 seen;		/* the row was found in its table */
};

struct db_av {
	struct db_audit_report	*rep;
	struct db_av_latest	*latest;	/* by tbl, then row */
	size_t			 nlatest;
	size_t			 cap;
};

/* Only the first fault is named: every walk stops once rep->bad is set. */
#define db_av_bad(v, ...)	db_seterr(&(v)->rep->bad, __VA_ARGS__)

/* The row st stands on (id, at, user, tbl, row_id, case_id, action,
 * changes, content, hash, salt, sum) as the writer saw it; false when its
 * salt, sum or content cannot be what the program wrote. */
static bool
db_av_row(sqlite3_stmt *st, struct db_audit_row *r)
{
	int nsalt = sqlite3_column_bytes(st, 10), nsum = sqlite3_column_bytes(st, 11);

	memset(r, 0, sizeof *r);
	r->at = (const char *)sqlite3_column_text(st, 1);
	r->user = (const char *)sqlite3_column_text(st, 2);
	r->tbl = (const char *)sqlite3_column_text(st, 3);
	r->row = sqlite3_column_int64(st, 4);
	r->case_id = sqlite3_column_type(st, 5) == SQLITE_NULL ? 0 :
	    sqlite3_column_int64(st, 5);
	r->action = (const char *)sqlite3_column_text(st, 6);
	r->changes = (const char *)sqlite3_column_text(st, 7);
	r->ncontent = -1;
	if (sqlite3_column_type(st, 8) != SQLITE_NULL) {
		r->ncontent = sqlite3_column_bytes(st, 8);
		if (r->ncontent != 0 && r->ncontent != DB_AUDIT_HASH)
			return false;
		if (r->ncontent > 0)
			memcpy(r->content, sqlite3_column_blob(st, 8), DB_AUDIT_HASH);
	}
	r->has_sum = sqlite3_column_type(st, 11) != SQLITE_NULL;
	if (r->has_sum && nsum != DB_AUDIT_HASH)
		return false;
	if (r->has_sum)
		memcpy(r->sum, sqlite3_column_blob(st, 11), DB_AUDIT_HASH);
	if (r->changes == NULL)	/* none written, or erased with the salt */
		return sqlite3_column_type(st, 10) == SQLITE_NULL;
	if (!r->has_sum || nsalt != DB_AUDIT_SALT)
		return false;
	memcpy(r->salt, sqlite3_column_blob(st, 10), DB_AUDIT_SALT);
	return true;
}

/* The case a record's row belongs to now, for an audit row written before
 * it had one (a call linked to a case later); 0 when none. */
static int64_t
db_av_case_of(struct db *db, const struct db_audit_row *r)
{
	const struct form_def *def = NULL;
	sqlite3_stmt *s;
	int64_t case_id = 0;
	char *sql;

	if (r->tbl == NULL || !db_audit_hashed(db, r->tbl, &def) || def == NULL ||
	    !str_is_ident(def->table))
		return 0;
	sql = xasprintf("SELECT case_id FROM \"%s\" WHERE id = ?1", def->table);
	s = db_prep(db, sql, NULL);
	free(sql);
	if (s == NULL)
		return 0;
	sqlite3_bind_int64(s, 1, r->row);
	if (db_step(db, s) == SQLITE_ROW)
		case_id = sqlite3_column_int64(s, 0);
	db_finish(db, s);
	return case_id;
}

/* Whether changes and sum agree: kept changes match their sum; erased
 * ones only after a "redact" row of their case, or of the case their
 * record belongs to now (else that is the fault). */
static bool
db_av_changes(struct db *db, struct db_av *v, const struct db_audit_row *r, int64_t id)
{
	unsigned char sum[DB_AUDIT_HASH];
	sqlite3_stmt *s;
	int64_t case_id;
	bool ok;

	if (r->changes != NULL) {
		db_audit_sum(r, sum);
		return sodium_memcmp(sum, r->sum, DB_AUDIT_HASH) == 0;
	}
	if (!r->has_sum)
		return true;
	case_id = r->case_id != 0 ? r->case_id : db_av_case_of(db, r);
	s = db_prep(db, "SELECT 1 FROM audit WHERE action = 'redact' AND case_id = ?1"
	    " AND id > ?2 LIMIT 1", NULL);
	if (s == NULL)
		return false;
	sqlite3_bind_int64(s, 1, case_id);
	sqlite3_bind_int64(s, 2, id);
	ok = case_id != 0 && db_step(db, s) == SQLITE_ROW;
	db_finish(db, s);
	if (ok)
		v->rep->redacted++;
	else
		db_av_bad(v, _("audit row %lld: its changes were erased, but not by a redaction "
		    "of its case"), (long long)id);
	return true;
}

/* One row of the chain; prev/nprev the hash of the row before (NULL: none). */
static void
db_av_link(struct db *db, struct db_av *v, sqlite3_stmt *st, int64_t last, const void *prev,
    size_t nprev)
{
	struct db_audit_row r;
	unsigned char want[DB_AUDIT_HASH];
	int64_t id = sqlite3_column_int64(st, 0);
	bool whole = db_av_row(st, &r);

	if (sqlite3_column_type(st, 9) == SQLITE_NULL) {
		db_av_bad(v, _("audit row %lld: no hash, though rows before it have one (a row "
		    "written outside the program)"), (long long)id);
		return;
	}
	if (last != 0 && id == last + 2) {
		db_av_bad(v, _("audit row %lld is missing (deleted): the chain goes from row "
		    "%lld to row %lld"), (long long)(last + 1), (long long)last, (long long)id);
		return;
	}
	if (last != 0 && id != last + 1) {
		db_av_bad(v, _("audit rows %lld to %lld are missing (deleted): the chain goes "
		    "from row %lld to row %lld"), (long long)(last + 1), (long long)(id - 1),
		    (long long)last, (long long)id);
		return;
	}
	db_audit_chain_hash(&r, id, prev, nprev, want);
	if (!whole || r.at == NULL || r.action == NULL || !db_av_changes(db, v, &r, id) ||
	    sqlite3_column_bytes(st, 9) != DB_AUDIT_HASH ||
	    sodium_memcmp(want, sqlite3_column_blob(st, 9), DB_AUDIT_HASH) != 0)
		db_av_bad(v, _("audit row %lld: its hash does not match what it holds (the row "
		    "was changed, or inserted outside the program)"), (long long)id);
}

/* Walks every row by id: the rows without a hash that come first were
 * written before the chain; from the first hash on, each must follow. */
static enum db_status
db_av_chain(struct db *db, struct db_av *v, char **err)
{
	sqlite3_stmt *s = db_prep(db, "SELECT id, at, user, tbl, row_id, case_id, action,"
	    " changes, content, hash, salt, sum FROM audit ORDER BY id", err);
	unsigned char prev[DB_AUDIT_HASH];
	bool started = false, has = false;
	int64_t last = 0;
	int rc;

	if (s == NULL)
		return DB_ERROR;
	while ((rc = db_step(db, s)) == SQLITE_ROW && v->rep->bad == NULL) {
		if (!started && sqlite3_column_type(s, 9) == SQLITE_NULL) {
			v->rep->prechain++;
			last = 0;
			continue;
		}
		db_av_link(db, v, s, started ? last : 0, has ? prev : NULL, DB_AUDIT_HASH);
		started = true;
		last = sqlite3_column_int64(s, 0);
		has = sqlite3_column_bytes(s, 9) == DB_AUDIT_HASH;
		if (has)
			memcpy(prev, sqlite3_column_blob(s, 9), DB_AUDIT_HASH);
		v->rep->rows++;
	}
	db_finish(db, s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_sqlerr(db, err);
	v->rep->head_id = last;
	if (has)
		sodium_bin2hex(v->rep->head, sizeof v->rep->head, prev, DB_AUDIT_HASH);
	return DB_OK;
}

/* The latest audit row with a content for every record row, sorted by
 * table and row (SQLite's max() picks the other columns from that row). */
static enum db_status
db_av_load_latest(struct db *db, struct db_av *v, char **err)
{
	sqlite3_stmt *s = db_prep(db, "SELECT tbl, row_id, content, max(id) FROM audit"
	    " WHERE content IS NOT NULL AND tbl IS NOT NULL GROUP BY tbl, row_id"
	    " ORDER BY tbl, row_id", err);
	struct db_av_latest *l;
	int rc, n;

	if (s == NULL)
		return DB_ERROR;
	while ((rc = db_step(db, s)) == SQLITE_ROW) {
		v->latest = xgrow(v->latest, &v->cap, v->nlatest + 1, sizeof *v->latest);
		l = &v->latest[v->nlatest++];
		memset(l, 0, sizeof *l);
		l->tbl = xstrdup((const char *)sqlite3_column_text(s, 0));
		l->row = sqlite3_column_int64(s, 1);
		l->audit_id = sqlite3_column_int64(s, 3);
		n = sqlite3_column_bytes(s, 2);
		l->ncontent = n == DB_AUDIT_HASH || n == 0 ? n : -1;
		if (n == DB_AUDIT_HASH)
			memcpy(l->content, sqlite3_column_blob(s, 2), DB_AUDIT_HASH);
	}
	db_finish(db, s);
	return rc == SQLITE_DONE ? DB_OK : db_sqlerr(db, err);
}

static struct db_av_latest *
db_av_find(struct db_av *v, const char *tbl, int64_t row)
{
	size_t lo = 0, hi = v->nlatest, mid;
	int c;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		c = strcmp(v->latest[mid].tbl, tbl);
		if (c == 0)
			c = v->latest[mid].row < row ? -1 : v->latest[mid].row > row;
		if (c == 0)
			return &v->latest[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* Whether row of tbl has an audit row from before the chain. */
static bool
db_av_prechain(struct db *db, const char *tbl, int64_t row)
{
	sqlite3_stmt *s = db_prep(db, "SELECT 1 FROM audit WHERE tbl = ?1 AND row_id = ?2"
	    " AND hash IS NULL LIMIT 1", NULL);
	bool found;

	if (s == NULL)
		return false;
	db_bind_text(s, 1, tbl);
	sqlite3_bind_int64(s, 2, row);
	found = db_step(db, s) == SQLITE_ROW;
	db_finish(db, s);
	return found;
}

/* One record row against its latest audit row. */
static enum db_status
db_av_record(struct db *db, struct db_av *v, const char *tbl, const struct form_def *def,
    sqlite3_stmt *st, char **err)
{
	int64_t id = sqlite3_column_int64(st, 0);
	unsigned char h[DB_AUDIT_HASH];
	struct db_av_latest *l = db_av_find(v, tbl, id);
	enum db_status rc;

	if ((rc = db_audit_row_hash(db, def, st, h, err)) != DB_OK)
		return rc;
	if (l != NULL)
		l->seen = true;
	if (l == NULL && db_av_prechain(db, tbl, id))
		v->rep->unverified++;
	else if (l == NULL)
		db_av_bad(v, _("%s row %lld: no audit row wrote it (made outside the program)"),
		    tbl, (long long)id);
	else if (l->ncontent != DB_AUDIT_HASH)
		db_av_bad(v, _("%s row %lld: audit row %lld deleted it, yet it is there (made "
		    "again outside the program)"), tbl, (long long)id, (long long)l->audit_id);
	else if (sodium_memcmp(h, l->content, DB_AUDIT_HASH) != 0)
		db_av_bad(v, _("%s row %lld: changed outside the program (it differs from what "
		    "audit row %lld saved)"), tbl, (long long)id, (long long)l->audit_id);
	else
		v->rep->records++;
	return DB_OK;
}

static enum db_status
db_av_table(struct db *db, struct db_av *v, const char *tbl, const struct form_def *def,
    char **err)
{
	char *sql = xasprintf("SELECT * FROM \"%s\" ORDER BY id", tbl);
	enum db_status st = DB_OK;
	sqlite3_stmt *s;
	int rc;

	s = db_prep(db, sql, err);
	free(sql);
	if (s == NULL)
		return DB_ERROR;
	while (st == DB_OK && v->rep->bad == NULL && (rc = db_step(db, s)) == SQLITE_ROW)
		st = db_av_record(db, v, tbl, def, s, err);
	if (st == DB_OK && v->rep->bad == NULL && rc != SQLITE_DONE)
		st = db_sqlerr(db, err);
	db_finish(db, s);
	return st;
}

/* Rows the audit says exist that are gone from their table. */
static void
db_av_missing(struct db *db, struct db_av *v)
{
	const struct form_def *def;
	size_t i;

	for (i = 0; i < v->nlatest && v->rep->bad == NULL; i++) {
		const struct db_av_latest *l = &v->latest[i];

		if (!l->seen && l->ncontent != 0 && db_audit_hashed(db, l->tbl, &def))
			db_av_bad(v, _("%s row %lld: deleted outside the program (audit row %lld "
			    "saved it)"), l->tbl, (long long)l->row, (long long)l->audit_id);
	}
}

static enum db_status
db_av_records(struct db *db, struct db_av *v, char **err)
{
	enum db_status st;
	size_t i;

	if ((st = db_av_load_latest(db, v, err)) != DB_OK)
		return st;
	st = db_av_table(db, v, "cases", NULL, err);
	for (i = 0; db->forms != NULL && i < db->forms->nforms && st == DB_OK; i++)
		if (v->rep->bad == NULL && db_form_matches(db, db->forms->forms[i]))
			st = db_av_table(db, v, db->forms->forms[i]->table,
			    db->forms->forms[i], err);
	if (st == DB_OK)
		db_av_missing(db, v);
	return st;
}

static enum db_status
db_av_tx(struct db *db, struct db_av *v, char **err)
{
	enum db_status st;

	if ((st = db_exec(db, "BEGIN", err)) != DB_OK)
		return st;
	st = db_av_chain(db, v, err);
	if (st == DB_OK && v->rep->bad == NULL)
		st = db_av_records(db, v, err);
	sqlite3_exec(db->sql, "COMMIT", NULL, NULL, NULL);
	return st;
}

enum db_status
db_audit_verify(struct db *db, struct db_audit_report *rep, char **err)
{
	struct db_av v = { .rep = rep };
	enum db_status st;
	size_t i;

	memset(rep, 0, sizeof *rep);
	if (db_audit_format(db, err) != DB_AUDIT_CHAINED) {
		if (db->audit_fmt == DB_AUDIT_OLD)
			db_seterr(err, _("%s: the audit has no hash chain yet; the administrator "
			    "runs 'avrr init'"), db->path);
		return DB_ERROR;
	}
	st = db_av_tx(db, &v, err);
	for (i = 0; i < v.nlatest; i++)
		free(v.latest[i].tbl);
	free(v.latest);
	return st;
}

void
db_audit_report_clear(struct db_audit_report *rep)
{
	free(rep->bad);
	memset(rep, 0, sizeof *rep);
}
