/*
 * db/perm: the permissions table (form/perm.h) applied to the current user
 * (db_user(), its role from db/users) in the data layer, so no screen or
 * command can get round it.
 *
 * Contract:
 * - db_perm_mask() clears, in a record and its child rows, every value of a
 *   field whose class the role may not read (the UI asks db_perm_field() to
 *   say so). Every read this layer hands out masks: db_record_load(),
 *   db_record_load_case(), the stored record of a conflict, the case overview
 *   (db/timeline), drafts, search hits; the case's names (db/cases, the
 *   drafts list) need identity.
 * - db_perm_form() answers whether the role may read, create or edit
 *   records of a form (a repeat group answers for its form); the loads refuse
 *   a form the role may not read, the saves one it may not create (id 0) or
 *   edit, each DB_REFUSED with one line naming the form and the role
 *   (db_perm_refuse()).
 * - db_perm_keep() is applied to a record inside its save's transaction:
 *   every field the role may not change takes the stored value (a new
 *   record: none, a new child row: none), so a role that cannot see a field
 *   never wipes or changes it; the audit sees no change there.
 * - db_perm_approves(): whether the role approves plans over the limit and
 *   payment overruns (the table's `approve`; without a table, a supervisor).
 * A database with no form set, or a set with no table, allows everything.
 */
#ifndef DB_PERM_H
#define DB_PERM_H

#include "db/db.h"
#include "form/perm.h"

/* The role code of the current user (db/users). */
const char	*db_perm_role(struct db *);
bool		 db_perm_form(struct db *, const struct form_def *, enum form_action);
bool		 db_perm_field(struct db *, const struct form_field *, enum form_action);
bool		 db_perm_class(struct db *, enum form_class, enum form_action);
bool		 db_perm_approves(struct db *);
/* The work over the whole office's data: reading the audit (what changed,
 * who saw what), a data subject's export and the retention purge are a
 * supervisor's or an administrator's; any other role is DB_REFUSED with
 * *err naming what (a msgid) and the role. */
enum db_status	 db_perm_oversee(struct db *, const char *what, char **err);
/* True when the role may not do action (FA_READ, FA_EDIT) on some field of
 * def or of its groups. */
bool		 db_perm_limits(struct db *, const struct form_def *, enum form_action);
void		 db_perm_mask(struct db *, struct form_record *);
/* DB_OK when the role may do action on def, else DB_REFUSED with *err. */
enum db_status	 db_perm_refuse(struct db *, const struct form_def *, enum form_action,
		    char **err);
/* DB_REFUSED with *err: the role may not read some field a list of def's
 * (the plan's items with their budgets) shows. */
enum db_status	 db_perm_refuse_field(struct db *, const struct form_def *, char **err);
/* Gives every field of rec the role may not change the value of stored
 * (NULL: a new record), child rows matched by id. */
void		 db_perm_keep(struct db *, struct form_record *rec,
		    const struct form_record *stored);

#endif
