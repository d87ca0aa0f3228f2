/*
 * db/record: load, save and delete records of form tables, with optimistic
 * versions and an audit row per change.
 *
 * Contract: db_record_save() inserts a record with id 0 (giving it id, uuid,
 * version 1, created/updated time and user) or updates one whose stored version
 * equals rec->version (then version+1). A different stored version is
 * DB_CONFLICT: nothing is written, and *theirs (if not NULL) receives the stored
 * record so the caller can show both values. Child rows of repeat groups are
 * written in the same transaction: a row with an id keeps it (updated in
 * place, so the id is the row's identity across saves, e.g. for
 * form/merge), a row with id 0 is inserted, a stored row the record no
 * longer holds is deleted. Values of fields that
 * are not relevant must already be NULL (the caller evaluates relevance).
 * Each insert, update and delete writes one audit row (user, time, table, id,
 * action, changed fields as JSON: {"field":{"old":..,"new":..}}, a side that
 * is null left out, so an insert has only "new" and a delete only "old") in
 * the same transaction, and the search index is updated from fields with a
 * "search" key.
 */
#ifndef DB_RECORD_H
#define DB_RECORD_H

#include "db/db.h"

enum db_status	db_record_load(struct db *, const struct form_def *, int64_t id,
		    struct form_record **out, char **err);
/* The records of def in case case_id, newest first, at most max (0 = all):
 * *out is a malloc'd array of *n records (free each, then the array). */
enum db_status	db_record_load_case(struct db *, const struct form_def *, int64_t case_id,
		    size_t max, struct form_record ***out, size_t *n, char **err);
enum db_status	db_record_save(struct db *, struct form_record *rec,
		    struct form_record **theirs, char **err);
enum db_status	db_record_delete(struct db *, const struct form_def *, int64_t id,
		    int64_t version, char **err);

/* Ids of a form's records of one case, or of all when case_id is 0 (newest
 * first); *ids malloc'd. */
enum db_status	db_record_list(struct db *, const struct form_def *, int64_t case_id,
		    int64_t **ids, size_t *n, char **err);

#endif
