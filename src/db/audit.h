/*
 * db/audit: the audit trail: one row for every change, view, export, report,
 * login and failure, append-only and hash-chained.
 *
 * Contract: each row is written in the transaction of what it records. A row
 * carries the BLAKE2b hash of its own columns and of the row before it (by
 * id, ids one apart), so an edited, deleted or inserted row breaks the chain
 * at that row; triggers (made by avrr init) refuse UPDATE and DELETE on the
 * table. A row that records a change of a case or of a form's record also
 * carries the hash of that record's content as saved (its row, without a
 * case's updated_at/_by, and its repeat rows), so a record changed outside
 * the program no longer matches its latest audit row. Rows written before
 * avrr init brought the chain (the hash NULL) are counted, never verified.
 * The changes of a row enter the chain through their salted hash, so the
 * purge may erase them (and only them: the triggers allow nothing else),
 * followed by a "redact" row of the case; verify accepts nothing else.
 * A database init has not yet upgraded gets changes only (the old table's
 * rule allows no other action): views and events are then not written.
 */
#ifndef DB_AUDIT_H
#define DB_AUDIT_H

#include <stdbool.h>
#include <stdint.h>

#include "db/db.h"

/* The user opened row of table (a case: "cases", its id) to read it: one
 * "view" row. A read-only or damaged database records nothing (DB_OK):
 * nothing can change in it either. */
enum db_status	db_audit_view(struct db *, const char *table, int64_t row, int64_t case_id,
		    char **err);
/* An event that is not a change of a row, e.g. action "export" or "report"
 * with what was exported in detail (stored as the changes text, may be
 * NULL); case_id 0 for none. For commands, in a transaction of its own. */
enum db_status	db_audit_event(struct db *, const char *action, int64_t case_id,
		    const char *detail, char **err);

/* Which rows db_audit_list() returns; NULL / 0 for no condition. from and
 * to are dates (YYYY-MM-DD) or times, both ends included. */
struct db_audit_filter {
	const char	*user;
	const char	*case_no;	/* a case number */
	int64_t		 case_id;
	const char	*from;
	const char	*to;
	const char	*action;
	bool		 newest_first;
};

struct db_audit_entry {
	int64_t	 id;
	char	*at;
	char	*user;		/* may be NULL */
	char	*tbl;		/* may be NULL (an event) */
	int64_t	 row_id;
	int64_t	 case_id;
	char	*case_no;	/* of case_id, NULL when none */
	char	*action;
	char	*summary;	/* the changed fields, "name: old -> new; ..."; may be NULL */
};

/* The rows the filter picks, oldest first. */
enum db_status	db_audit_list(struct db *, const struct db_audit_filter *,
		    struct db_audit_entry **out, size_t *n, char **err);
void		db_audit_entries_free(struct db_audit_entry *, size_t n);

/* What db_audit_verify() found. bad names the first fault ("audit row 12:
 * ..." or "registrations row 5: ..."), NULL when every check passed. */
struct db_audit_report {
	uint64_t	 rows;		/* audit rows checked in the chain */
	uint64_t	 prechain;	/* rows written before the chain */
	uint64_t	 records;	/* record rows matched against their audit */
	uint64_t	 unverified;	/* record rows whose audit is all before the chain */
	uint64_t	 redacted;	/* rows whose changes a case's redaction erased */
	int64_t		 head_id;	/* the last row, and its hash (hex) */
	char		 head[65];
	char		*bad;
};

/* Walks the chain, then every row of cases and of the forms' tables. DB_OK
 * when it could look (report->bad says whether it found a fault), else the
 * reason in *err. */
enum db_status	db_audit_verify(struct db *, struct db_audit_report *, char **err);
void		db_audit_report_clear(struct db_audit_report *);

#endif
