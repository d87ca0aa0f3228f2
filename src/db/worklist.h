/*
 * db/worklist: the work waiting for a user, for the start screen.
 *
 * Contract: each worklist is one query over the forms of the workflow table
 * (form/workflow.h: stages and roles, never field names), read on the
 * util/date clock:
 *   DB_WORK_MINE       open cases (not closed) the user registered, newest first;
 *   DB_WORK_CALLBACKS  calls whose Callback needed is yes and whose Call back
 *                      on is today or earlier, the oldest first (done: the
 *                      call's callback set to no, or to a later day, or a
 *                      later call logged for the same case);
 *   DB_WORK_VISITS     open departed cases whose next monitoring visit is due
 *                      today or earlier: the k-th visit is due the k-th number
 *                      of months of the monitoring stage's `due` line after
 *                      the departure, for a case with k-1 monitoring records.
 * Callbacks and visits are read from a table every save keeps up to date
 * (db_work_touch), counted from its index.
 * A worklist whose stage or roles the workflow table lacks, or whose form the
 * role may not read (db/perm), is empty. Names the role may not read
 * (identity class) are NULL.
 */
#ifndef DB_WORKLIST_H
#define DB_WORKLIST_H

#include "db/db.h"

struct form_def;

enum db_work_kind {
	DB_WORK_MINE,
	DB_WORK_CALLBACKS,
	DB_WORK_VISITS,
	DB_WORK__COUNT
};

struct db_work_item {
	int64_t	 case_id;	/* 0: a call of no case */
	int64_t	 record_id;	/* the call of a callback, else 0 */
	char	*case_no;	/* NULL for none */
	char	*name;		/* the case's person, or the caller; NULL when hidden */
	char	*due;		/* YYYY-MM-DD: the callback's or visit's day; NULL */
	char	*detail;	/* the caller's phone; the case's status code */
	int	 visit;		/* DB_WORK_VISITS: which visit is due (1-based) */
	int	 visits;	/* and how many the schedule has */
};

/* At most limit items of the list and how many there are in all. */
enum db_status	db_work_list(struct db *, enum db_work_kind, size_t limit,
		    struct db_work_item **out, size_t *n, size_t *total, char **err);
void		db_work_free(struct db_work_item *, size_t n);

/* Inside a write transaction, after a record of form def (NULL: any) with id
 * record_id of case case_id (0: none) was saved or deleted: what falls due
 * for them made again from the records. */
enum db_status	db_work_touch(struct db *, const struct form_def *def, int64_t record_id,
		    int64_t case_id, char **err);
/* Once the forms are known: work_due made again from every record when the
 * forms it was made by differ (a new database, new forms); its own write
 * transaction; nothing on a read-only database. */
enum db_status	db_work_sync(struct db *, char **err);

#endif
