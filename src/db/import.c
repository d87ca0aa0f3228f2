#include "db/import.h"

#include "db/internal.h"

enum db_status
db_import_case_id(struct db *db, const char *case_no, int64_t *id, char **err)
{
	sqlite3_stmt *s = db_prep(db, "SELECT id FROM cases WHERE case_no = ?1", err);
	int rc;

	*id = 0;
	if (s == NULL)
		return DB_ERROR;
	db_bind_text(s, 1, case_no);
	rc = db_step(db, s);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(s, 0);
	db_finish(db, s);
	if (rc == SQLITE_ROW)
		return DB_OK;
	return rc == SQLITE_DONE ? DB_NOTFOUND : db_sqlerr(db, err);
}
