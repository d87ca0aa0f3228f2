/*
 * db/draft: a form being edited, kept in the database so nothing typed is lost.
 *
 * Contract: a draft is the whole form_record being edited (values, currencies,
 * child rows with their ids, its id/case/version) plus the field the cursor was on, stored as
 * JSON in the drafts table under the user's name. db_draft_save() with
 * *id == 0 creates one and sets *id; with an id it replaces it. Saving a
 * draft is cheap (one small transaction) so the UI calls it when the user
 * leaves a field. A draft whose form no longer exists loads as DB_NOTFOUND.
 * A user has one draft per form, case and record: a newer one replaces the
 * older (new records of no case excepted: each is someone else). Saving the
 * record removes its drafts in the save's transaction (db/lifecycle). A draft
 * of a new record of a once form whose case has that record by now loads as
 * that record, with the draft's values over it. A user loads only their own
 * drafts, and those who approve also the drafts awaiting approval
 * (db/approval); anyone else's is DB_NOTFOUND.
 */
#ifndef DB_DRAFT_H
#define DB_DRAFT_H

#include "db/db.h"

struct db_draft {
	int64_t	 id;
	char	*form;		/* form name */
	int64_t	 record_id;	/* 0 = a new record */
	int64_t	 case_id;
	char	*user;
	char	*updated_at;
	char	*summary;	/* first non-empty text values, for the list */
	char	*case_no;	/* of case_id; NULL for none */
	char	*name;		/* the case's person, NULL for none */
	char	*awaiting;	/* why it awaits a supervisor's approval, or NULL */
	char	*asked_at;	/* when it was sent for approval */
	char	*reply;		/* the comment it was sent back with, or NULL */
	char	*reply_by;	/* who sent it back */
};

enum db_status	db_draft_save(struct db *, int64_t *id, const struct form_record *rec,
		    int cursor, char **err);
enum db_status	db_draft_load(struct db *, int64_t id, struct form_record **rec,
		    int *cursor, char **err);
enum db_status	db_draft_delete(struct db *, int64_t id, char **err);
/* The user's draft of form for that record, or (record_id 0) of a new record
 * of that case; DB_NOTFOUND when there is none. */
enum db_status	db_draft_find(struct db *, const char *form, int64_t case_id,
		    int64_t record_id, int64_t *id, char **err);
/* Drafts of one user (NULL = all), newest first. */
enum db_status	db_draft_list(struct db *, const char *user, struct db_draft **out,
		    size_t *n, char **err);
void		db_drafts_free(struct db_draft *, size_t n);

#endif
