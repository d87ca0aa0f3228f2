/*
 * db/lifecycle: the rules between the stages of a case (forms/LIFECYCLE.md),
 * checked in the save of a record, and the status the case reaches by it
 * (lifecycle.c); and the records of one case as the rules read them: money,
 * currencies, the plan's items, a person (lifecycle_case.c). What the case
 * overview shows is db/timeline, likely earlier registrations db/dupes.
 *
 * Contract: db_lifecycle_save() saves a record as db_record_save() does
 * (conflicts included), with the rules checked first and the case status
 * moved after, all in one transaction: a refused save writes nothing. It
 * answers DB_OK, DB_REFUSED with a one-line translated message naming the
 * rule and what to do, DB_APPROVAL (the same, where a supervisor's approval
 * would let it through: db/approval), DB_CONFLICT (with theirs), DB_NOTFOUND
 * or DB_ERROR.
 * Forms and the fields the rules read are found through the workflow table
 * of db_forms() (form/workflow.h: by stage and role, never by name); a rule
 * whose stage or role the table leaves out, or whose form is not in the set,
 * is not checked. Money is compared in the plan grant's currency; an
 * empty currency is EUR; other currencies convert through the setting
 * "rate:<CODE>" (EUR for one unit, db/settings); with no rate the save is
 * refused. A money amount without its currency is refused in every form
 * (never taken as EUR). Only a user whose role is supervisor (db/users) may set
 * a plan's approval or a payment's overrun approval, or add records to a
 * closed case. Registration, consent, calls and
 * closure need no consent; calls may still be linked to a closed case. A
 * record of no case is checked only for what it holds itself.
 *
 * The save moves the case status forward (never back) to the status the
 * table gives the record's stage (forms/workflow: session counselling,
 * return preparation preparing, departure departed once it has its date,
 * plan and payment reintegration once the case departed, monitoring,
 * closure closed).
 * A plan made before return waits: the departure then moves to reintegration.
 *
 * db_lifecycle_save_also() does the rest of one user's save in the same
 * transaction, so a crash leaves all of it or none: the new case of a record
 * that needs one (its number, its project from the record's project field,
 * its client language; rec->case_id is set only when the save commits) and
 * the removal of the draft the record was edited in, with any other draft of
 * the user for the same form, case and record, and the link of the record
 * the new case was started from (its draft then holds the new case).
 */
#ifndef DB_LIFECYCLE_H
#define DB_LIFECYCLE_H

#include "db/cases.h"
#include "db/db.h"

enum db_status	db_lifecycle_save(struct db *, struct form_record *rec,
		    struct form_record **theirs, char **msg);

struct db_save_also {
	int64_t		 draft_id;	/* removed with the save (0: none) */
	bool		 make_case;	/* a record with no case that needs one makes it */
	const char	*client_lang;	/* the new case's (NULL: none) */
	/* A record still being edited (the call a registration was started from)
	 * linked to the new case: its draft (*link_draft, 0 = a new one, set) is
	 * written with the new case in the same transaction. */
	const struct form_record *link;
	int64_t		*link_draft;
};
enum db_status	db_lifecycle_save_also(struct db *, struct form_record *rec,
		    const struct db_save_also *, struct form_record **theirs, char **msg);
/* The currency a new money amount of the case starts with (shown, and
 * changed by the user): the project's (the currency of its details' grant per
 * person, budget or approval limit), else the office's (setting "currency"),
 * else EUR, the currency of the office's country (Slovakia). malloc'd; NULL
 * with *err when the case cannot be read. */
char		*db_lifecycle_default_currency(struct db *, int64_t case_id, char **err);
/* Gives every money field of rec (not its rows) that has no currency one:
 * the first currency a money field of from holds (a new plan item takes the
 * grant's; from may be NULL), else the case's default currency. DB_ERROR
 * with *err (the currencies left empty) when the case cannot be read. */
enum db_status	 db_lifecycle_currencies(struct db *, struct form_record *rec,
		    const struct form_record *from, int64_t case_id, char **err);

/* A plan item as a payment picks it: its type, provider and what is left. */
struct db_plan_item {
	long		 no;		/* 1-based */
	const char	*type;		/* msgid of the assistance type, or NULL */
	char		*provider;	/* data, or NULL */
	char		 cur[8];	/* the budget's currency */
	int64_t		 budget;	/* cents in cur */
	int64_t		 paid;		/* cents in cur; -1 when a payment cannot convert */
	bool		 cancelled;
};

/* The items of the case's plan (*n 0 when it has none). */
enum db_status	db_lifecycle_items(struct db *, int64_t case_id, struct db_plan_item **out,
		    size_t *n, char **err);
void		db_lifecycle_items_free(struct db_plan_item *, size_t n);
/* What the list of a plan's items says beside its rows: the items' total
 * against the grant, in the grant's currency ("total 1220.00 of 2000.00
 * EUR", and "over the grant" when it is), translated, malloc'd; NULL when
 * field is not the items of a plan or an item does not convert. */
char		*db_lifecycle_items_tally(struct db *, const struct form_record *rec, int field);
/* A project as a registration picks it: its code and name (the project
 * form's first text field marked summary; NULL when not recorded). */
struct db_project {
	char	*code;
	char	*name;
};
/* The projects recorded (the project stage's records), by code; *n 0 for
 * none or when the forms have no project stage. */
enum db_status	db_lifecycle_projects(struct db *, struct db_project **out, size_t *n,
		    char **err);
void		db_lifecycle_projects_free(struct db_project *, size_t n);
/* "1234.50", malloc'd. */
char		*db_lifecycle_money_text(int64_t cents);

/* A person of the case as the registration (or a family row) records them. */
struct db_case_person {
	char		*surname;	/* NULL when not recorded */
	char		*given_names;
	char		*native_name;
	char		*dob;
	char		*nationality;	/* country code */
	const char	*relationship;	/* msgid of the choice label; NULL for the principal */
	char		*relationship_other;
};

#endif
