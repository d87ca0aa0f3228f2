/*
 * db/approval: a save that needs a supervisor, as an action instead of a
 * private draft.
 *
 * Contract: db_lifecycle_save() answers DB_APPROVAL (not DB_REFUSED) where a
 * supervisor's approval would let the save through: a plan over its grant, an
 * approved plan whose total was raised, a payment over what is left of its
 * item. The user then sends the draft the form is kept in (db/draft) with
 * the refusal as its reason: db_approval_ask(). Drafts awaiting approval are
 * listed to those who approve (db_perm_approves), with who asked, when and
 * why, and only they may load someone else's draft that awaits. A supervisor
 * approves by db_approval_sign(), which sets the record's approval (the plan's
 * Approved by / on, or the payment's overrun by / on, found through the
 * workflow table) to the supervisor's full name (else user name) and today
 * (the util/date clock), never typed; saving the record then removes the
 * draft. Or sends it back: the draft is the asker's again, no longer
 * awaiting, with the comment and who wrote it, shown when it is resumed.
 * Everyone else's tries are DB_REFUSED with one line saying who may. A plan
 * saved over the project's approval limit is kept, and db_approval_wanted()
 * says so, for the user to send it for approval the same way (a draft of
 * the saved record).
 */
#ifndef DB_APPROVAL_H
#define DB_APPROVAL_H

#include "db/db.h"
#include "db/draft.h"
#include "form/value.h"

/* Sends the user's draft id to the supervisors with why (one line). */
enum db_status	db_approval_ask(struct db *, int64_t id, const char *why, char **err);
/* Every draft awaiting approval, oldest request first. */
enum db_status	db_approval_list(struct db *, struct db_draft **out, size_t *n, char **err);
/* How many drafts await approval (0 for whoever does not approve). */
size_t		db_approval_count(struct db *);
/* Sets rec's approval fields to the approver and today; DB_NOTFOUND when
 * rec's form has none (the workflow table names none for its stage). */
enum db_status	db_approval_sign(struct db *, struct form_record *rec, char **err);
/* A saved record that takes nothing further until a supervisor approves it
 * (a plan over the project's approval limit, within its grant, takes no
 * payment): true with why (one line, malloc'd). */
bool		db_approval_wanted(struct db *, const struct form_record *rec, char **why);
/* Gives the awaiting draft id back to who asked, with comment. */
enum db_status	db_approval_send_back(struct db *, int64_t id, const char *comment,
		    char **err);

#endif
