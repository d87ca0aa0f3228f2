/*
 * db/import: what avrr import needs of the data layer beyond the record
 * save (db/lifecycle in one bulk transaction, db/bulk) and the duplicate
 * search (db/dupes): the case a row names by its number.
 *
 * Contract: db_import_case_id() only reads; DB_OK with *id the case numbered
 * case_no (compared exactly), DB_NOTFOUND with *id 0 when there is none.
 */
#ifndef DB_IMPORT_H
#define DB_IMPORT_H

#include "db/db.h"

enum db_status	db_import_case_id(struct db *, const char *case_no, int64_t *id, char **err);

#endif
