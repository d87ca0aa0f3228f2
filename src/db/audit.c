/*
 * db/audit: the audit rows written beside every change, and the JSON they
 * carry (which fields changed, from what, to what).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/internal.h"
#include "form/value.h"
#include "util/mem.h"
#include "util/str.h"

void
db_json_str(struct strbuf *sb, const char *s)
{
	const unsigned char *p;

	if (s == NULL) {
		strbuf_puts(sb, "null");
		return;
	}
	strbuf_putc(sb, '"');
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\') {
			strbuf_putc(sb, '\\');
			strbuf_putc(sb, (char)*p);
		} else if (*p == '\n')
			strbuf_puts(sb, "\\n");
		else if (*p == '\t')
			strbuf_puts(sb, "\\t");
		else if (*p < 0x20 || *p == 0x7f)
			strbuf_printf(sb, "\\u%04x", *p);
		else
			strbuf_putc(sb, (char)*p);
	}
	strbuf_putc(sb, '"');
}

static void
db_json_key(struct strbuf *sb, bool *first, const char *name, const char *suffix)
{
	if (!*first)
		strbuf_putc(sb, ',');
	*first = false;
	strbuf_printf(sb, "\"%s%s\":", name, suffix);
}

static void
db_json_rows(struct strbuf *sb, const struct form_rows *rows)
{
	size_t r;

	strbuf_putc(sb, '[');
	for (r = 0; rows != NULL && r < rows->n; r++) {
		if (r > 0)
			strbuf_putc(sb, ',');
		db_json_values(sb, rows->rows[r]);
	}
	strbuf_putc(sb, ']');
}

void
db_json_values(struct strbuf *sb, const struct form_record *rec)
{
	const struct form_field *f;
	bool first = true;
	size_t i;

	strbuf_putc(sb, '{');
	for (i = 0; i < rec->def->nfields; i++) {
		f = &rec->def->fields[i];
		if (f->type == FT_REPEAT) {
			if (rec->kids[i].n == 0)
				continue;
			db_json_key(sb, &first, f->name, "");
			db_json_rows(sb, &rec->kids[i]);
			continue;
		}
		if (rec->vals[i] != NULL) {
			db_json_key(sb, &first, f->name, "");
			db_json_str(sb, rec->vals[i]);
		}
		if (f->type == FT_MONEY && rec->curs[i] != NULL) {
			db_json_key(sb, &first, f->name, "_currency");
			db_json_str(sb, rec->curs[i]);
		}
	}
	strbuf_putc(sb, '}');
}

static void
db_audit_pair(struct strbuf *sb, bool *first, const char *name, const char *suffix,
    const char *old, const char *new)
{
	if (str_eq(old, new))
		return;
	db_json_key(sb, first, name, suffix);
	strbuf_puts(sb, "{\"old\":");
	db_json_str(sb, old);
	strbuf_puts(sb, ",\"new\":");
	db_json_str(sb, new);
	strbuf_putc(sb, '}');
}

static void
db_audit_rows(struct strbuf *sb, bool *first, const char *name,
    const struct form_rows *old, const struct form_rows *new)
{
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;

	db_json_rows(&a, old);
	db_json_rows(&b, new);
	if (strcmp(strbuf_str(&a), strbuf_str(&b)) != 0) {
		db_json_key(sb, first, name, "");
		strbuf_printf(sb, "{\"old\":%s,\"new\":%s}", strbuf_str(&a), strbuf_str(&b));
	}
	strbuf_free(&a);
	strbuf_free(&b);
}

char *
db_audit_diff(const struct form_record *old, const struct form_record *new)
{
	const struct form_def *def = old != NULL ? old->def : new->def;
	const struct form_field *f;
	struct strbuf sb = STRBUF_INIT;
	bool first = true;
	size_t i;

	strbuf_putc(&sb, '{');
	for (i = 0; i < def->nfields; i++) {
		f = &def->fields[i];
		if (f->type == FT_REPEAT) {
			db_audit_rows(&sb, &first, f->name, old != NULL ? &old->kids[i] : NULL,
			    new != NULL ? &new->kids[i] : NULL);
			continue;
		}
		if (!form_type_has_value(f->type))
			continue;
		db_audit_pair(&sb, &first, f->name, "", old != NULL ? old->vals[i] : NULL,
		    new != NULL ? new->vals[i] : NULL);
		if (f->type == FT_MONEY)
			db_audit_pair(&sb, &first, f->name, "_currency",
			    old != NULL ? old->curs[i] : NULL,
			    new != NULL ? new->curs[i] : NULL);
	}
	strbuf_putc(&sb, '}');
	return strbuf_take(&sb);
}

enum db_status
db_audit_add(struct db *db, const char *table, int64_t row, int64_t case_id,
    const char *action, const char *changes, char **err)
{
	sqlite3_stmt *st = db_prep(db, "INSERT INTO audit (at, user, tbl, row_id, case_id,"
	    " action, changes) VALUES (?7, ?1, ?2, ?3, ?4, ?5, ?6)", err);
	char *now;
	int rc;

	if (st == NULL)
		return DB_ERROR;
	now = db_now();	/* the same clock as the rows' created_at / updated_at */
	db_bind_text(st, 7, now);
	free(now);
	db_bind_text(st, 1, db->user);
	db_bind_text(st, 2, table);
	sqlite3_bind_int64(st, 3, row);
	if (case_id != 0)
		sqlite3_bind_int64(st, 4, case_id);
	db_bind_text(st, 5, action);
	db_bind_text(st, 6, changes);
	rc = db_step(db, st);
	db_finish(db, st);
	return rc == SQLITE_DONE ? DB_OK : db_sqlerr(db, err);
}
