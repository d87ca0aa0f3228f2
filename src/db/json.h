/*
 * db/json: records and changes written as JSON, for what the data layer
 * stores as text: the changes of an audit row (db/audit) and a draft
 * (db/draft). One writer serves both; a style says which shape.
 *
 * Contract: the bytes are stable, because stored drafts and audit rows are
 * read back later: keys in the order of the form's fields, no white space,
 * field names as they are (identifiers need no escaping), strings with '"',
 * '\\', line feed and tab escaped and every other byte below 0x20 and DEL as
 * \u00XX; nothing else is changed (UTF-8 passes through). The writer only
 * appends to the strbuf and cannot fail.
 *
 * The audit style, {"f":"v","m":"12.50","m_currency":"EUR","r":[{..},{..}]}:
 * one object of what each field's type has (a repeat's rows, a value, a
 * money field's currency), fields with nothing left out. The draft style,
 * {"id":N,"vals":{"f":"v"},"curs":{"m":"EUR"},"kids":{"r":[{..}]}}: every
 * value, currency and list of rows the record holds, in three objects, and
 * "id" for a stored record or row (0 is left out), so a row keeps its
 * identity across a resumed edit. Rows are written in the record's style.
 */
#ifndef DB_JSON_H
#define DB_JSON_H

#include <stdbool.h>

#include "form/value.h"
#include "util/str.h"

struct db_json_style {
	bool		 grouped;	/* "vals", "curs", "kids" objects; else one flat one */
	bool		 ids;		/* "id":N of a stored record or row first */
	const char	*cur_suffix;	/* appended to a currency's key */
};

extern const struct db_json_style db_json_audit;	/* flat, no ids, "_currency" */
extern const struct db_json_style db_json_draft;	/* grouped, ids */

void		 db_json_record(struct strbuf *, const struct form_record *,
		    const struct db_json_style *);
/* [record, ...] of rows (NULL: []). */
void		 db_json_rows(struct strbuf *, const struct form_rows *,
		    const struct db_json_style *);

/* A string value (null for NULL), escaped as above. */
void		 db_json_str(struct strbuf *, const char *);
/* "name<suffix>": after a comma unless *first (then cleared). */
void		 db_json_key(struct strbuf *, bool *first, const char *name, const char *suffix);
/* {"old":..,"new":..} with a NULL side left out; raw sides are JSON already,
 * others are strings to quote. */
void		 db_json_sides(struct strbuf *, const char *old, const char *new, bool raw);
/* One changed field as "name<suffix>":{"old":..,"new":..}, after a comma
 * unless *first; a side that is NULL is left out (an insert has no "old", a
 * delete no "new"), and nothing is written when old equals new. */
void		 db_json_change(struct strbuf *, bool *first, const char *name,
		    const char *suffix, const char *old, const char *new);

#endif
