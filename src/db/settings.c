#include "db/settings.h"

#include <stdlib.h>

#include "db/internal.h"
#include "util/str.h"

struct db_setting_op {
	const char	*key;
	const char	*value;
};

char *
db_setting_get(struct db *db, const char *key)
{
	sqlite3_stmt *s = db_prep(db, "SELECT value FROM settings WHERE key = ?1", NULL);
	char *v = NULL;

	if (s == NULL)
		return NULL;
	db_bind_text(s, 1, key);
	if (db_step(db, s) == SQLITE_ROW)
		v = db_col_text(s, 0);
	db_finish(db, s);
	return v;
}

static enum db_status
db_setting_write(struct db *db, void *arg, char **err)
{
	struct db_setting_op *op = arg;
	sqlite3_stmt *s;
	int rc;

	s = db_prep(db, str_empty(op->value) ? "DELETE FROM settings WHERE key = ?1" :
	    "INSERT INTO settings (key, value) VALUES (?1, ?2)"
	    " ON CONFLICT (key) DO UPDATE SET value = excluded.value", err);
	if (s == NULL)
		return DB_ERROR;
	db_bind_text(s, 1, op->key);
	if (!str_empty(op->value))
		db_bind_text(s, 2, op->value);
	rc = db_step(db, s);
	db_finish(db, s);
	return rc == SQLITE_DONE ? DB_OK : db_sqlerr(db, err);
}

enum db_status
db_setting_set(struct db *db, const char *key, const char *value, char **err)
{
	struct db_setting_op op = { key, value };

	return db_tx(db, db_setting_write, &op, err);
}

int
db_setting_retention_years(struct db *db)
{
	char *v = db_setting_get(db, DB_SETTING_RETENTION), *end = NULL;
	long years = v != NULL ? strtol(v, &end, 10) : 0;
	bool ok = v != NULL && end != v && *end == '\0' && years >= 1 && years <= 100;

	free(v);
	return ok ? (int)years : DB_RETENTION_YEARS;
}
