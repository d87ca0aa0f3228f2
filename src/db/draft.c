/*
 * db/draft: forms being edited, as JSON in the drafts table. A record is
 * {"id":N, "vals":{field:text}, "curs":{field:currency}, "kids":{field:[record...]}}
 * ("id" only for a stored record or row: a row keeps its identity);
 * the draft wraps it with the form name, ids, version and cursor. Reading
 * goes through SQLite's json_each, so no JSON parser of our own is needed.
 */
#include "db/draft.h"

#include <stdlib.h>
#include <string.h>

#include "db/internal.h"
#include "db/perm.h"
#include "db/json.h"
#include "db/record.h"
#include "form/type.h"
#include "form/value.h"
#include "util/mem.h"
#include "util/str.h"
#include "util/tr.h"

#define DB_DRAFT_SUMMARY 80	/* bytes of the summary, cut at a character */

/* A draft as listed: with its case's number and name, and its approval. */
#define DB_DRAFT_COLS "SELECT d.id, d.form, d.record_id, d.case_id, d.user," \
	" d.updated_at, d.summary, c.case_no, x.display, d.awaiting, d.asked_at, d.reply," \
	" d.reply_by FROM drafts d LEFT JOIN cases c ON c.id = d.case_id" \
	" LEFT JOIN search x ON x.rowid = d.case_id"

struct db_draft_op {
	const struct form_record	*rec;
	int				 cursor;
	int64_t				 id;
	char				*data;
	char				*summary;
	char				*now;
};

static char *
db_draft_summary(const struct form_record *rec)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i, n = 0;

	for (i = 0; i < rec->def->nfields && n < 3; i++) {
		if (rec->def->fields[i].type != FT_TEXT || str_empty(rec->vals[i]))
			continue;
		if (n++ > 0)
			strbuf_puts(&sb, ", ");
		strbuf_puts(&sb, rec->vals[i]);
	}
	if (sb.len > DB_DRAFT_SUMMARY) {
		n = DB_DRAFT_SUMMARY;
		while (n > 0 && ((unsigned char)sb.s[n] & 0xc0) == 0x80)
			n--;
		sb.s[n] = '\0';
		sb.len = n;
		strbuf_puts(&sb, "...");
	}
	return strbuf_take(&sb);
}

/*
 * The user's drafts of rec's form, case and record other than keep: a newer
 * draft replaces them, a save removes them. A new record of no case has no
 * such twins (two new registrations are two people).
 */
static enum db_status
db_draft_drop_twins(struct db *db, int64_t keep, const struct form_record *rec, char **err)
{
	sqlite3_stmt *s;
	int rc;

	if (rec->case_id == 0 && rec->id == 0)
		return DB_OK;
	s = db_prep(db, "DELETE FROM drafts WHERE user = ?1 AND form = ?2 AND case_id = ?3"
	    " AND record_id = ?4 AND id <> ?5", err);
	if (s == NULL)
		return DB_ERROR;
	db_bind_text(s, 1, db->user);
	db_bind_text(s, 2, rec->def->name);
	sqlite3_bind_int64(s, 3, rec->case_id);
	sqlite3_bind_int64(s, 4, rec->id);
	sqlite3_bind_int64(s, 5, keep);
	rc = db_step(db, s);
	db_finish(db, s);
	return rc == SQLITE_DONE ? DB_OK : db_sqlerr(db, err);
}

static enum db_status
db_draft_write(struct db *db, struct db_draft_op *op, char **err)
{
	sqlite3_stmt *s;
	int rc;

	s = db_prep(db, op->id != 0 ? "UPDATE drafts SET form = ?2, record_id = ?3,"
	    " case_id = ?4, cursor = ?5, data = ?6, summary = ?7, updated_at = ?8"
	    " WHERE id = ?1" : "INSERT INTO drafts (user, form, record_id, case_id, cursor,"
	    " data, summary, created_at, updated_at) VALUES (?9, ?2, ?3, ?4, ?5, ?6, ?7,"
	    " ?8, ?8)", err);
	if (s == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(s, 1, op->id);
	db_bind_text(s, 2, op->rec->def->name);
	sqlite3_bind_int64(s, 3, op->rec->id);
	sqlite3_bind_int64(s, 4, op->rec->case_id);
	sqlite3_bind_int(s, 5, op->cursor);
	db_bind_text(s, 6, op->data);
	db_bind_text(s, 7, op->summary);
	db_bind_text(s, 8, op->now);
	db_bind_text(s, 9, db->user);
	rc = db_step(db, s);
	db_finish(db, s);
	if (rc != SQLITE_DONE)
		return db_sqlerr(db, err);
	if (op->id == 0)
		op->id = sqlite3_last_insert_rowid(db->sql);
	else if (sqlite3_changes(db->sql) == 0) {
		op->id = 0;	/* deleted meanwhile: keep it as a new draft */
		return db_draft_write(db, op, err);
	}
	return DB_OK;
}

static enum db_status
db_draft_save_tx(struct db *db, void *arg, char **err)
{
	struct db_draft_op *op = arg;
	enum db_status st = db_draft_write(db, op, err);

	return st == DB_OK ? db_draft_drop_twins(db, op->id, op->rec, err) : st;
}

/* The draft of rec as written: its JSON, summary and time. A draft never
 * holds more than its fields may: values over their limit are cut. */
static void
db_draft_op_fill(struct db_draft_op *op, const struct form_record *rec, int cursor)
{
	struct strbuf sb = STRBUF_INIT;
	struct form_record *fit = form_record_dup(rec);

	op->rec = rec;
	op->cursor = cursor;
	form_record_clamp(fit);
	rec = fit;
	strbuf_printf(&sb, "{\"form\":");
	db_json_str(&sb, rec->def->name);
	strbuf_printf(&sb, ",\"id\":%lld,\"case_id\":%lld,\"version\":%lld,\"cursor\":%d,"
	    "\"record\":", (long long)rec->id, (long long)rec->case_id,
	    (long long)rec->version, cursor);
	db_json_record(&sb, rec, &db_json_draft);
	strbuf_putc(&sb, '}');
	op->data = strbuf_take(&sb);
	op->summary = db_draft_summary(rec);
	op->now = db_now();
	form_record_free(fit);
}

static void
db_draft_op_clear(struct db_draft_op *op)
{
	free(op->data);
	free(op->summary);
	free(op->now);
}

enum db_status
db_draft_save_in(struct db *db, int64_t *id, const struct form_record *rec, int cursor,
    char **err)
{
	struct db_draft_op op = { .id = *id };
	enum db_status st;

	db_draft_op_fill(&op, rec, cursor);
	st = db_draft_save_tx(db, &op, err);
	if (st == DB_OK)
		*id = op.id;
	db_draft_op_clear(&op);
	return st;
}

enum db_status
db_draft_save(struct db *db, int64_t *id, const struct form_record *rec, int cursor,
    char **err)
{
	struct db_draft_op op = { .id = *id };
	enum db_status st;

	db_draft_op_fill(&op, rec, cursor);
	st = db_tx(db, db_draft_save_tx, &op, err);
	if (st == DB_OK)
		*id = op.id;
	db_draft_op_clear(&op);
	return st;
}

/* Rows of json_each(json, path) as (key, value) pairs, handed to fn. */
static enum db_status
db_draft_each(struct db *db, const char *json, const char *path,
    enum db_status (*fn)(struct db *, struct form_record *, const char *, const char *,
    char **), struct form_record *rec, char **err)
{
	sqlite3_stmt *s = db_prep(db, "SELECT key, value FROM json_each(?1, ?2)", err);
	enum db_status st = DB_OK;
	int rc;

	if (s == NULL)
		return DB_ERROR;
	db_bind_text(s, 1, json);
	db_bind_text(s, 2, path);
	while (st == DB_OK && (rc = db_step(db, s)) == SQLITE_ROW)
		st = fn(db, rec, (const char *)sqlite3_column_text(s, 0),
		    (const char *)sqlite3_column_text(s, 1), err);
	if (st == DB_OK && rc != SQLITE_DONE)
		st = db_sqlerr(db, err);
	db_finish(db, s);
	return st;
}

static enum db_status
db_draft_val(struct db *db, struct form_record *rec, const char *key, const char *val,
    char **err)
{
	int i = form_field_index(rec->def, key != NULL ? key : "");

	(void)db, (void)err;
	if (i >= 0)
		form_record_set(rec, (size_t)i, val);
	return DB_OK;
}

static enum db_status
db_draft_cur(struct db *db, struct form_record *rec, const char *key, const char *val,
    char **err)
{
	int i = form_field_index(rec->def, key != NULL ? key : "");

	(void)db, (void)err;
	if (i >= 0 && form_type(rec->def->fields[i].type)->extra != NULL &&
	    !str_empty(val)) {
		form_record_set_part(rec, (size_t)i, 1, val);
	}
	return DB_OK;
}

static enum db_status db_draft_fill(struct db *, struct form_record *, const char *,
    char **);

static enum db_status
db_draft_kid(struct db *db, struct form_record *rec, const char *key, const char *val,
    char **err)
{
	int i = form_field_index(rec->def, key != NULL ? key : "");
	sqlite3_stmt *s;
	enum db_status st = DB_OK;
	int rc;

	if (i < 0 || rec->def->fields[i].group == NULL)
		return DB_OK;
	s = db_prep(db, "SELECT value FROM json_each(?1)", err);
	if (s == NULL)
		return DB_ERROR;
	db_bind_text(s, 1, val);
	while (st == DB_OK && (rc = db_step(db, s)) == SQLITE_ROW)
		st = db_draft_fill(db, form_record_add_row(rec, (size_t)i),
		    (const char *)sqlite3_column_text(s, 0), err);
	if (st == DB_OK && rc != SQLITE_DONE)
		st = db_sqlerr(db, err);
	db_finish(db, s);
	return st;
}

/* The id a stored row had (absent: a new row). */
static enum db_status
db_draft_id(struct db *db, struct form_record *rec, const char *json, char **err)
{
	sqlite3_stmt *s = db_prep(db, "SELECT json_extract(?1, '$.id')", err);
	int rc;

	if (s == NULL)
		return DB_ERROR;
	db_bind_text(s, 1, json);
	rc = db_step(db, s);
	if (rc == SQLITE_ROW && sqlite3_column_type(s, 0) == SQLITE_INTEGER)
		rec->id = sqlite3_column_int64(s, 0);
	db_finish(db, s);
	return rc == SQLITE_ROW ? DB_OK : db_sqlerr(db, err);
}

static enum db_status
db_draft_fill(struct db *db, struct form_record *rec, const char *json, char **err)
{
	enum db_status st = db_draft_id(db, rec, json, err);

	if (st == DB_OK)
		st = db_draft_each(db, json, "$.vals", db_draft_val, rec, err);

	if (st == DB_OK)
		st = db_draft_each(db, json, "$.curs", db_draft_cur, rec, err);
	if (st == DB_OK)
		st = db_draft_each(db, json, "$.kids", db_draft_kid, rec, err);
	return st;
}

/*
 * A draft of a new record of a once form whose case has that record by now
 * (saved from another window or by a colleague): it becomes an edit of the
 * stored record, with what the draft holds over it (its rows only where the
 * stored record has none).
 */
static enum db_status
db_draft_onto_stored(struct db *db, struct form_record **rec, char **err)
{
	struct form_record *d = *rec, **stored = NULL, *s;
	enum db_status st;
	size_t n = 0, i;

	if (d->id != 0 || d->case_id == 0 || !d->def->once)
		return DB_OK;
	st = db_record_load_case(db, d->def, d->case_id, 1, &stored, &n, err);
	if (st != DB_OK || n == 0) {
		free(stored);
		return st;
	}
	s = stored[0];
	free(stored);
	for (i = 0; i < d->def->nfields; i++) {
		if (d->def->fields[i].type == FT_REPEAT) {
			if (s->kids[i].n == 0 && d->kids[i].n > 0) {
				free(s->kids[i].rows);
				s->kids[i] = d->kids[i];
				memset(&d->kids[i], 0, sizeof d->kids[i]);
			}
		} else if (!str_empty(d->vals[i])) {
			form_record_set(s, i, d->vals[i]);
			form_record_set_part(s, i, 1, form_record_part(d, i, 1));
		}
	}
	form_record_free(d);
	*rec = s;
	return DB_OK;
}

enum db_status
db_draft_load(struct db *db, int64_t id, struct form_record **rec, int *cursor,
    char **err)
{
	const struct form_def *def = NULL;
	enum db_status st = DB_OK;
	sqlite3_stmt *s;
	int rc;

	*rec = NULL;
	s = db_prep(db, "SELECT form, record_id, case_id, cursor, json_extract(data,"
	    " '$.version'), json_extract(data, '$.record') FROM drafts WHERE id = ?1"
	    " AND (user IS ?2 OR awaiting IS NOT NULL AND ?3)", err);
	if (s == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(s, 1, id);
	db_bind_text(s, 2, db->user);
	sqlite3_bind_int(s, 3, db_perm_approves(db));
	rc = db_step(db, s);
	if (rc == SQLITE_ROW && db->forms != NULL)
		def = form_set_find(db->forms, (const char *)sqlite3_column_text(s, 0));
	if (rc == SQLITE_ROW && def != NULL) {
		*rec = form_record_new(def);
		(*rec)->id = sqlite3_column_int64(s, 1);
		(*rec)->case_id = sqlite3_column_int64(s, 2);
		*cursor = sqlite3_column_int(s, 3);
		(*rec)->version = sqlite3_column_int64(s, 4);
		st = db_draft_fill(db, *rec, (const char *)sqlite3_column_text(s, 5), err);
		form_record_clamp(*rec);	/* kept before the limits were what they are */
	} else if (rc == SQLITE_ROW || rc == SQLITE_DONE) {
		db_seterr(err, _("draft %lld not found, or its form no longer exists"),
		    (long long)id);
		st = DB_NOTFOUND;
	} else
		st = db_sqlerr(db, err);
	db_finish(db, s);
	if (st == DB_OK)
		st = db_draft_onto_stored(db, rec, err);
	if (st == DB_OK)
		db_perm_mask(db, *rec);
	if (st != DB_OK) {
		form_record_free(*rec);
		*rec = NULL;
	}
	return st;
}

static enum db_status
db_draft_delete_tx(struct db *db, void *arg, char **err)
{
	sqlite3_stmt *s = db_prep(db, "DELETE FROM drafts WHERE id = ?1", err);
	int rc;

	if (s == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(s, 1, *(int64_t *)arg);
	rc = db_step(db, s);
	db_finish(db, s);
	if (rc != SQLITE_DONE)
		return db_sqlerr(db, err);
	if (sqlite3_changes(db->sql) == 0) {
		db_seterr(err, _("draft %lld not found"), (long long)*(int64_t *)arg);
		return DB_NOTFOUND;
	}
	return DB_OK;
}

enum db_status
db_draft_delete(struct db *db, int64_t id, char **err)
{
	return db_tx(db, db_draft_delete_tx, &id, err);
}

enum db_status
db_draft_drop_in(struct db *db, int64_t id, const struct form_record *rec, char **err)
{
	enum db_status st = id != 0 ? db_draft_delete_tx(db, &id, err) : DB_OK;

	if (st == DB_NOTFOUND) {	/* removed meanwhile (another window) */
		if (err != NULL)
			xfree(err);
		st = DB_OK;
	}
	return st == DB_OK ? db_draft_drop_twins(db, 0, rec, err) : st;
}

enum db_status
db_draft_find(struct db *db, const char *form, int64_t case_id, int64_t record_id,
    int64_t *id, char **err)
{
	sqlite3_stmt *s = db_prep(db, "SELECT id FROM drafts WHERE user = ?1 AND form = ?2"
	    " AND (?4 <> 0 AND record_id = ?4 OR ?4 = 0 AND record_id = 0 AND case_id = ?3)"
	    " ORDER BY updated_at DESC, id DESC", err);
	int rc;

	*id = 0;
	if (s == NULL)
		return DB_ERROR;
	db_bind_text(s, 1, db->user);
	db_bind_text(s, 2, form);
	sqlite3_bind_int64(s, 3, case_id);
	sqlite3_bind_int64(s, 4, record_id);
	rc = db_step(db, s);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(s, 0);
	db_finish(db, s);
	if (rc == SQLITE_ROW)
		return DB_OK;
	return rc == SQLITE_DONE ? DB_NOTFOUND : db_sqlerr(db, err);
}

enum db_status
db_draft_query(struct db *db, bool awaiting, const char *user, struct db_draft **out,
    size_t *n, char **err)
{
	bool identity = db_perm_class(db, FC_IDENTITY, FA_READ);	/* the case's name */
	sqlite3_stmt *s = db_prep(db, awaiting ? DB_DRAFT_COLS
	    " WHERE d.awaiting IS NOT NULL ORDER BY d.asked_at, d.id" : DB_DRAFT_COLS
	    " WHERE ?1 IS NULL OR d.user = ?1 ORDER BY d.updated_at DESC, d.id DESC", err);
	struct db_draft *d;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (s == NULL)
		return DB_ERROR;
	if (!awaiting)
		db_bind_text(s, 1, user);
	while ((rc = db_step(db, s)) == SQLITE_ROW) {
		*out = xgrow(*out, &cap, *n + 1, sizeof **out);
		d = &(*out)[(*n)++];
		d->id = sqlite3_column_int64(s, 0);
		d->form = db_col_text(s, 1);
		d->record_id = sqlite3_column_int64(s, 2);
		d->case_id = sqlite3_column_int64(s, 3);
		d->user = db_col_text(s, 4);
		d->updated_at = db_col_text(s, 5);
		d->summary = db_col_text(s, 6);
		d->case_no = db_col_text(s, 7);
		d->name = identity ? db_col_text(s, 8) : NULL;
		d->awaiting = db_col_text(s, 9);
		d->asked_at = db_col_text(s, 10);
		d->reply = db_col_text(s, 11);
		d->reply_by = db_col_text(s, 12);
	}
	db_finish(db, s);
	if (rc == SQLITE_DONE)
		return DB_OK;
	db_drafts_free(*out, *n);
	*out = NULL;
	*n = 0;
	return db_sqlerr(db, err);
}

enum db_status
db_draft_list(struct db *db, const char *user, struct db_draft **out, size_t *n,
    char **err)
{
	return db_draft_query(db, false, user, out, n, err);
}

void
db_drafts_free(struct db_draft *d, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(d[i].form);
		free(d[i].user);
		free(d[i].updated_at);
		free(d[i].summary);
		free(d[i].case_no);
		free(d[i].name);
		free(d[i].awaiting);
		free(d[i].asked_at);
		free(d[i].reply);
		free(d[i].reply_by);
	}
	free(d);
}
