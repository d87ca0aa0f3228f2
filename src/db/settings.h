/*
 * db/settings: small named values kept in the database (a user's staff
 * language, office-wide limits).
 *
 * Contract: keys are short ASCII strings ("staff_lang:<user>"); values are
 * text. A missing key reads as NULL. A write is one transaction like every
 * other write.
 */
#ifndef DB_SETTINGS_H
#define DB_SETTINGS_H

#include "db/db.h"

/* malloc'd value, or NULL when the key is not set (or on error). */
char		*db_setting_get(struct db *, const char *key);
/* NULL or "" removes the key. */
enum db_status	 db_setting_set(struct db *, const char *key, const char *value, char **err);

/* The retention period (avrr purge): whole years after a case's closure,
 * setting "retention_years", DB_RETENTION_YEARS when unset or not a number
 * from 1 to 100. */
#define DB_SETTING_RETENTION	"retention_years"
#define DB_RETENTION_YEARS	5
int		 db_setting_retention_years(struct db *);

#endif
