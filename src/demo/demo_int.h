/*
 * demo/demo_int: what the files of the demo generator share: its random
 * numbers, the tables of nations, names and texts, the helpers that fill a
 * record by field name (the workflow table's by stage and role; skipping,
 * with a warning, what the forms lack), and the steps of one case.
 */
#ifndef DEMO_DEMO_INT_H
#define DEMO_DEMO_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db/cases.h"
#include "demo/demo.h"
#include "form/value.h"
#include "form/workflow.h"
#include "util/date.h"

struct demo_name {
	const char	*latin;
	const char	*native;
};

struct demo_surname {
	const char	*latin, *native;	/* male or common form */
	const char	*latin_f, *native_f;	/* female form; NULL = the same */
};

struct demo_leg {
	const char	*from, *to;
	const char	*carrier;		/* NULL: surface travel, no flight number */
};

#define DEMO_LEGS	3

struct demo_nation {
	const char			*country;	/* ISO 3166 alpha-2 */
	const char			*langs;		/* ISO 639-1, the first is the client's */
	int				 weight;
	const char			*currency;	/* ISO 4217 */
	double				 rate;		/* EUR for one unit */
	const char			*phone_cc;
	bool				 native_given_first;
	const struct demo_surname	*surnames;
	size_t				 nsurnames;
	const struct demo_name	*male, *female;
	size_t				 nmale, nfemale;
	const char *const		*places;
	size_t				 nplaces;
	const struct demo_leg	(*routes)[DEMO_LEGS];
	size_t				 nroutes;
};

/* A code and its weight, for weighted choices; a list ends with NULL. */
struct demo_w {
	const char	*code;
	int		 weight;
};

struct demo_project {
	char	code[24];
	long	from, to;		/* days */
	double	grant, limit;
};

#define DEMO_NPROJECTS	3

struct demo {
	const struct demo_ctx	*ctx;
	struct demo_stats	*stats;
	uint64_t		 rng;
	long			 today;		/* days since 1970-01-01 */
	long			 day;		/* the next rows are written on this day */
	long			 clock_day;	/* the clock's day and minute so far */
	int			 clock_min;
	struct demo_project	 projects[DEMO_NPROJECTS];
};

/* One person of a case. */
struct demo_person {
	bool		 female;
	const char	*surname, *surname_native;
	const char	*given, *given_native;
	long		 dob;			/* days */
};

/* What one case is to become, decided before anything is written. */
struct demo_case {
	const struct demo_nation	*nat;
	const struct demo_project	*project;
	struct demo_person		 person;
	struct db_case			 c;
	enum db_case_status		 stage;		/* furthest stage reached */
	const char			*close_reason;	/* NULL: still open */
	const char			*location;
	const char			*lang;		/* client language */
	char				 langbuf[8];
	const char			*idea;		/* from reintegration counselling */
	bool				 interpreter;
	bool				 consent;
	char				 phone[32];
	long				 day0;		/* registration */
	long				 depart;	/* departure (may be ahead) */
	long				 last;		/* the latest day written */
	int				 nmon;		/* monitoring records */
	int				 nitems;	/* plan items */
	double				 budgets[4];
	const char			*item_types[4];
};

/* demo.c: random numbers (splitmix64). */
uint64_t	 demo_next(struct demo *);
long		 demo_range(struct demo *, long lo, long hi);	/* inclusive */
bool		 demo_chance(struct demo *, int percent);
const char	*demo_weighted(struct demo *, const struct demo_w *);
#define DEMO_ONE(d, arr) ((arr)[demo_range((d), 0, (long)(sizeof (arr) / sizeof (arr)[0]) - 1)])

/* demo_names.c: nations and people. */
const struct demo_nation *demo_nation_pick(struct demo *);
void		 demo_person(struct demo *, const struct demo_nation *, bool female,
		    long dob, const char *family_surname, struct demo_person *);
/* "Given Surname" or the native order, in native script (malloc'd). */
char		*demo_native_name(const struct demo_nation *, const struct demo_person *);
void		 demo_phone(struct demo *, const char *cc, char *buf, size_t len);
const char	*demo_slovak_name(struct demo *);
const char	*demo_slovak_address(struct demo *);

/* demo_text.c: free texts. */
const char	*demo_text(struct demo *, const char *topic);
const char	*demo_provider(struct demo *, const char *item_type, bool local);
const char	*demo_staff(struct demo *, const char *role);
const char	*demo_closure_note(int idx);

/*
 * Words of the workflow table written where they mean something else, so
 * that the scan for form and field names (test_wf_no_literals in
 * tests/unit/test_form_workflow.c) tells them apart; each stands for its
 * second argument. DEMO_CODE(list, "code"): a choice code of the list (the
 * caller type "family" is no field). DEMO_OWN(form, "field"): a field of the
 * form that the table does not name (the session's own "interpreter", not
 * the registration's). The test checks that the list has the code and the
 * form the field, and that the table names no such field of the form.
 */
#define DEMO_CODE(list, code)	code
#define DEMO_OWN(form, field)	field

/* demo_rec.c: records filled by field name. Names of the workflow table
 * (form/workflow.h) are asked for by stage and role: demo_stage() and
 * demo_f(); NULL (the table leaves it out) makes the helpers below skip
 * the record or field and warn, naming it DEMO_UNNAMED. */
#define DEMO_UNNAMED	"?"
void		 demo_warn(struct demo *, const char *fmt, ...)
		    __attribute__((format(printf, 2, 3)));
struct form_record *demo_record(struct demo *, const char *form, int64_t case_id);
/* The record of a stage's form (demo_record of form_workflow_form). */
struct form_record *demo_stage(struct demo *, enum form_wf_stage, int64_t case_id);
/* The field the table names for role, or NULL. */
const char	*demo_f(const struct demo *, enum form_wf_role);
struct form_record *demo_row(struct demo *, struct form_record *, const char *field);
void		 demo_set(struct demo *, struct form_record *, const char *field,
		    const char *val);
void		 demo_setf(struct demo *, struct form_record *, const char *field,
		    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void		 demo_date(struct demo *, struct form_record *, const char *field,
		    long day);
void		 demo_money(struct demo *, struct form_record *, const char *field,
		    double amount, const char *currency);
/* A choice: code when the field's list has it, else one of the list by chance. */
void		 demo_pick(struct demo *, struct form_record *, const char *field,
		    const char *code);
void		 demo_pick_w(struct demo *, struct form_record *, const char *field,
		    const struct demo_w *);
void		 demo_pick_idx(struct demo *, struct form_record *, const char *field,
		    size_t idx);
/* select_many: the codes of the space-separated list the field's list has. */
void		 demo_many(struct demo *, struct form_record *, const char *field,
		    const char *codes);
/* select_many: n distinct codes of the list by chance. */
void		 demo_many_any(struct demo *, struct form_record *, const char *field,
		    size_t n);
/* v as plain decimal text ("0.000036", "1"), never with an exponent. */
void		 demo_decimal(char *buf, size_t len, double v);
bool		 demo_has_code(struct demo *, const char *list, const char *code);
/* Applies the form's logic and saves as the program does (lifecycle rules
 * before, status move after); counts new records. 0, or 1 with *err. */
int		 demo_store(struct demo *, struct form_record *, char **err);
/* demo_store(), then frees rec (NULL: nothing to save). */
int		 demo_save(struct demo *, struct form_record *, char **err);

/* The steps of a case (demo_case.c, demo_person.c, demo_return.c, demo_reint.c);
 * each returns 0, or 1 with *err. */
int		 demo_case(struct demo *, char **err);
/* day, but not after today; c->last (when c) follows the latest day written. */
long		 demo_past(struct demo *, struct demo_case *, long day);
/* Holds the clock on day, a few minutes after the last row written that day. */
void		 demo_at(struct demo *, long day);
int		 demo_registration(struct demo *, struct demo_case *, char **err);
int		 demo_consent(struct demo *, struct demo_case *, char **err);
int		 demo_sessions(struct demo *, struct demo_case *, char **err);
int		 demo_return_prep(struct demo *, struct demo_case *, char **err);
int		 demo_departure(struct demo *, struct demo_case *, char **err);
int		 demo_reintegration(struct demo *, struct demo_case *, char **err);
int		 demo_closure(struct demo *, struct demo_case *, char **err);
/* demo_office.c */
int		 demo_call(struct demo *, const struct demo_case *, long day,
		    char **err);
int		 demo_campaign(struct demo *, char **err);
/* Projects, staff users and exchange rates of a new database. */
int		 demo_office(struct demo *, bool empty, char **err);
/* The nations' currencies and rates, for the office's exchange-rate settings. */
size_t		 demo_currencies(const char *const **codes, const double **rates);

#endif
