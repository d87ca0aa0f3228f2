/*
 * db/lifecycle: the rules between the stages of a case (forms/LIFECYCLE.md),
 * the status a case reaches, what its overview shows, and duplicate matching.
 *
 * Contract: db_lifecycle_save() saves a record as db_record_save() does
 * (conflicts included), with the rules checked first and the case status
 * moved after, all in one transaction: a refused save writes nothing. It
 * answers DB_OK, DB_REFUSED with a one-line translated message naming the
 * rule and what to do, DB_CONFLICT (with theirs), DB_NOTFOUND or DB_ERROR.
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
 *
 * Everything the summary returns is data or a msgid: the UI translates.
 * A note is drawn as db_lifecycle_note_text(_(note->what), note).
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
 * else EUR, the currency of the office's country (Slovakia). malloc'd. */
char		*db_lifecycle_default_currency(struct db *, int64_t case_id);

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
/* "1234.50", malloc'd. */
char		*db_lifecycle_money_text(int64_t cents);

/* A line in the staff language: what is a msgid whose "%s" (or "%1$s" ...)
 * take arg[0] .. arg[3] in order (data, NULL reads as ""); "%%" is "%". */
#define DB_NOTE_ARGS 4
struct db_case_note {
	const char	*what;
	char		*arg[DB_NOTE_ARGS];
};

/* Translated format fmt (normally _(note->what)) with the note's arguments. */
char		*db_lifecycle_note_text(const char *fmt, const struct db_case_note *);

struct db_timeline_entry {
	char		*date;		/* YYYY-MM-DD, or YYYY-MM-DD HH:MM for calls */
	const char	*what;		/* msgid: "Counselling session", "Payment", ... */
	const char	*label;		/* msgid of a choice label ("Return counselling"), or NULL */
	char		*detail;	/* data (names, amounts, codes), or NULL */
	const char	*form;		/* form name of the record, NULL for the case itself */
	int64_t		 record_id;
};

struct db_case_person {
	char		*surname;	/* NULL when not recorded */
	char		*given_names;
	char		*native_name;
	char		*dob;
	char		*nationality;	/* country code */
	const char	*relationship;	/* msgid of the choice label; NULL for the principal */
	char		*relationship_other;
};

struct db_case_summary {
	struct db_case			 c;
	struct db_case_person		 principal;
	struct db_case_person		*family;
	size_t				 nfamily;
	struct db_case_note		*missing;	/* what the next step needs */
	size_t				 nmissing;
	struct db_timeline_entry	*timeline;	/* sorted by date */
	size_t				 ntimeline;
};

enum db_status	db_lifecycle_summary(struct db *, int64_t case_id, struct db_case_summary *out,
		    char **err);
void		db_lifecycle_summary_clear(struct db_case_summary *);

/* Folds a name for comparison (i18n_fold_name: romanised, no diacritics, lower
 * case); returns malloc'd text. */
typedef char	*(*db_fold_fn)(const char *utf8);

struct db_dup {
	int64_t		 case_id;
	char		*case_no;
	struct db_case_person person;	/* who matched: the principal or a family member */
	bool		 family;	/* person is a family member of that case */
	int		 score;		/* 0..100: names 55, date of birth 35, nationality 10 */
};

/* Likely earlier registrations of the person in registration (best first, at
 * most 10, score >= 40), from the search index and the date of birth; the
 * case of registration itself is left out. fold may be NULL (ASCII only). */
enum db_status	db_lifecycle_duplicates(struct db *, const struct form_record *registration,
		    db_fold_fn fold, struct db_dup **out, size_t *n, char **err);
void		db_lifecycle_dups_free(struct db_dup *, size_t n);

#endif
