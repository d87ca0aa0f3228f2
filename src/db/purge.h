/*
 * db/purge: retention. A closed case whose closure date (the closure
 * stage's `on` role, forms/workflow) lies more than the retention period
 * (db/settings: retention_years) before today (util/date) is anonymised.
 *
 * Contract: db_purge_case() is the one way a case is anonymised, in one
 * transaction: every value of the case's records, of their repeat rows and
 * of the calls linked to it is cleared unless the retention list keeps it
 * (forms/retention, form/retention.h: what reports count, dates kept to
 * their month or year); the records' versions move on (an open edit of one
 * meets a conflict); the drafts of the case and of its records are
 * removed; its search index row is made again from what is left. Then the
 * audit: the changes (old and new values) of every audit row of the case and
 * of its records are erased (db_audit_redact_case: who did what to which
 * row when stays), after which one audit row per rewritten record names the
 * fields the purge cleared (as {"field":{"old":"[purged]"}}, no value), and
 * one for the case says when it was purged; the case is noted as
 * purged (setting "purged:<id>"), so it is never due again. The connection
 * has secure_delete on from the first purge, so freed space is zeroed.
 * db_purge_compact() then merges the search index (old index segments keep
 * removed words otherwise), checkpoints the WAL with TRUNCATE, VACUUMs and
 * checkpoints again, so no page of the file, its -wal or -shm holds a cleared
 * value; it answers DB_ERROR when another connection keeps the WAL from
 * being emptied.
 */
#ifndef DB_PURGE_H
#define DB_PURGE_H

#include <stddef.h>
#include <stdint.h>

#include "db/db.h"

#define DB_PURGE_MARKER	"[purged]"

struct db_purge_due {
	int64_t	 id;
	char	*case_no;
	char	*closed_on;	/* YYYY-MM-DD */
};

/* The cases due for anonymisation today, oldest closure first, and the day
 * a closure must be on or before (cutoff, YYYY-MM-DD). */
enum db_status	 db_purge_list(struct db *, struct db_purge_due **out, size_t *n,
		    char cutoff[11], char **err);
void		 db_purge_list_free(struct db_purge_due *, size_t n);
enum db_status	 db_purge_case(struct db *, int64_t case_id, char **err);
enum db_status	 db_purge_compact(struct db *, char **err);

#endif
