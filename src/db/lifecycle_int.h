/*
 * db/lifecycle_int: what lifecycle.c, timeline.c and dupes.c share: the
 * records of one case, read through the form definitions, and money.
 *
 * Contract: forms and fields are named by their stage and role in the
 * workflow table (form/workflow.h), never by name.
 * db_lifecycle_load() reads the case row and the newest record of
 * each once-per-case form; with all, also every session, payment, monitoring
 * record and linked call (newest first). A form missing from the set leaves
 * its member NULL / empty. Amounts are integer cents.
 */
#ifndef DB_LIFECYCLE_INT_H
#define DB_LIFECYCLE_INT_H

#include "db/lifecycle.h"
#include "form/value.h"
#include "form/workflow.h"

struct db_lifecycle_list {
	struct form_record	**recs;
	size_t			  n;
};

struct db_lifecycle_case {
	struct db_case			c;
	struct form_record		*reg, *consent, *prep, *dep, *plan, *closure;
	struct db_lifecycle_list	 sessions, payments, monitoring, calls;
};

enum db_lifecycle_doc {
	DB_DOC_OK,
	DB_DOC_NONE,		/* no return preparation or no document chosen */
	DB_DOC_PASSPORT_NO,	/* passport without a number */
	DB_DOC_EXPIRY,		/* passport expires on or before the departure */
	DB_DOC_NOT_ISSUED,	/* replacement not issued */
	DB_DOC_UNDESCRIBED	/* other, not described */
};

/* The plan against its grant and the project's approval limit. */
struct db_lifecycle_plan {
	const char	*cur;		/* grant currency ("EUR" when empty) */
	int64_t		 grant;
	int64_t		 total;		/* items' budgets in cur */
	int64_t		 limit;		/* approval limit in cur, when has_limit */
	bool		 has_limit;
	char		 norate[16];	/* a currency with no known rate, or "" */
	size_t		 norate_item;	/* its item (1-based), 0 = the approval limit */
	bool		 over_grant;
	bool		 over_limit;
	bool		 approved;
};

/* Only the case row and the records named in want (DB_LC_* bits): a rule
 * reads what it needs, and saves of sessions and calls, the most frequent,
 * read two records instead of every form's. */
#define DB_LC_CONSENT	0x01u
#define DB_LC_CLOSURE	0x02u
#define DB_LC_PREP	0x04u
#define DB_LC_DEP	0x08u
#define DB_LC_PLAN	0x10u
#define DB_LC_PAYMENTS	0x20u
enum db_status	db_lifecycle_load_some(struct db *, int64_t case_id, unsigned want,
		    struct db_lifecycle_case *, char **err);
/* The newest record of a stage's form of a case (*out NULL when none). */
enum db_status	db_lifecycle_read_one(struct db *, enum form_wf_stage, int64_t case_id,
		    struct form_record **out, char **err);
enum db_status	db_lifecycle_load(struct db *, int64_t case_id, bool all,
		    struct db_lifecycle_case *, char **err);
void		db_lifecycle_case_clear(struct db_lifecycle_case *);

/* The field name of a role in the database's forms (NULL: the table has none). */
const char	*db_lifecycle_role(struct db *, enum form_wf_role);
/* rec is a record of the stage's form. */
bool		db_lifecycle_of(struct db *, const struct form_record *, enum form_wf_stage);
/* As below, of the field a role names. */
const char	*db_lifecycle_vget(struct db *, const struct form_record *, enum form_wf_role);
const char	*db_lifecycle_vcur(struct db *, const struct form_record *, enum form_wf_role);
const struct form_rows *db_lifecycle_vrows(struct db *, const struct form_record *,
		    enum form_wf_role);
const char	*db_lifecycle_vlabel(struct db *, const struct form_record *, enum form_wf_role);
/* The roles of a person's fields: the applicant's in the registration, or a
 * family member's in its rows (relationship: WFR__COUNT, none, for the applicant). */
struct db_lifecycle_person {
	enum form_wf_role	surname, given, native, dob, nationality, relationship, other;
};
/* family false: the applicant's roles; true: a family member's. */
const struct db_lifecycle_person *db_lifecycle_person_roles(bool family);
/* Value / currency / rows of the field called name; NULL when rec, name or field absent. */
const char	*db_lifecycle_get(const struct form_record *, const char *name);
const char	*db_lifecycle_cur(const struct form_record *, const char *name);
const struct form_rows *db_lifecycle_rows(const struct form_record *, const char *name);
/* msgid of the choice label of a select_one value, or NULL. */
const char	*db_lifecycle_label(struct db *, const struct form_record *, const char *name);

bool		db_lifecycle_cents(const char *amount, int64_t *cents);
char		*db_lifecycle_amount(int64_t cents);	/* "1234.50", malloc'd */
/* cents in currency from converted to currency to; false when no rate is known. */
bool		db_lifecycle_convert(struct db *, int64_t cents, const char *from,
		    const char *to, int64_t *out);
const char	*db_lifecycle_currency(const char *cur);	/* "EUR" for empty */

/* The travel document of return preparation prep for a departure on date
 * (YYYY-MM-DD; NULL = today). */
enum db_lifecycle_doc db_lifecycle_travel_doc(struct db *, const struct form_record *prep,
		    const char *date);
enum db_status	db_lifecycle_plan_facts(struct db *, const struct db_lifecycle_case *,
		    const struct form_record *plan, struct db_lifecycle_plan *, char **err);
/* Adds the items' budgets of plan, in p->cur, to p->total (noting in p->norate
 * the first currency with no rate). */
void		db_lifecycle_plan_total(struct db *, const struct form_record *plan,
		    struct db_lifecycle_plan *p);
/* Row k (1-based) of the plan's items, or NULL. */
const struct form_record *db_lifecycle_item(struct db *, const struct form_record *plan,
		    long k);
/* The item number a payment or monitoring row names (0 when none). */
long		db_lifecycle_item_no(const char *item_no);
/* The amount of payment pay in currency cur: from its own amount in EUR (or
 * its rate), else by the settings' rates; false when none can tell. */
bool		db_lifecycle_pay_in(struct db *, const struct form_record *pay,
		    const char *cur, int64_t *cents);
/* What the payments of item k (1-based) add up to in cur, leaving out the
 * payment whose id is skip (0 = none); false when one cannot be converted. */
bool		db_lifecycle_item_paid(struct db *, const struct db_lifecycle_list *payments,
		    long k, int64_t skip, const char *cur, int64_t *paid);
/* The day a saved record was first stored (YYYY-MM-DD); false for a new one. */
bool		db_lifecycle_created_on(struct db *, const struct form_record *rec,
		    char at[11]);
/* The plan needs a supervisor's approval it does not have. */
bool		db_lifecycle_plan_blocked(const struct db_lifecycle_plan *);
bool		db_lifecycle_departed(struct db *, const struct db_lifecycle_case *);

#endif
