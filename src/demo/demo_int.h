/*
 * demo/demo_int: what the files of the demo generator share: its random
 * numbers, the tables of nations, names and texts, the helpers that fill a
 * record by field name (skipping, with a warning, what the forms lack), and
 * the steps of one case.
 */
#ifndef DEMO_DEMO_INT_H
#define DEMO_DEMO_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db/cases.h"
#include "demo/demo.h"
#include "form/value.h"
#include "util/date.h"

struct cmd_demo_name {
	const char	*latin;
	const char	*native;
};

struct cmd_demo_surname {
	const char	*latin, *native;	/* male or common form */
	const char	*latin_f, *native_f;	/* female form; NULL = the same */
};

struct cmd_demo_leg {
	const char	*from, *to;
	const char	*carrier;		/* NULL: surface travel, no flight number */
};

#define CMD_DEMO_LEGS	3

struct cmd_demo_nation {
	const char			*country;	/* ISO 3166 alpha-2 */
	const char			*langs;		/* ISO 639-1, the first is the client's */
	int				 weight;
	const char			*currency;	/* ISO 4217 */
	double				 rate;		/* EUR for one unit */
	const char			*phone_cc;
	bool				 native_given_first;
	const struct cmd_demo_surname	*surnames;
	size_t				 nsurnames;
	const struct cmd_demo_name	*male, *female;
	size_t				 nmale, nfemale;
	const char *const		*places;
	size_t				 nplaces;
	const struct cmd_demo_leg	(*routes)[CMD_DEMO_LEGS];
	size_t				 nroutes;
};

/* A code and its weight, for weighted choices; a list ends with NULL. */
struct cmd_demo_w {
	const char	*code;
	int		 weight;
};

struct cmd_demo_project {
	char	code[24];
	long	from, to;		/* days */
	double	grant, limit;
};

#define CMD_DEMO_NPROJECTS	3

struct cmd_demo {
	const struct demo_ctx	*ctx;
	struct cmd_demo_stats	*stats;
	uint64_t		 rng;
	long			 today;		/* days since 1970-01-01 */
	long			 day;		/* the next rows are written on this day */
	long			 clock_day;	/* the clock's day and minute so far */
	int			 clock_min;
	struct cmd_demo_project	 projects[CMD_DEMO_NPROJECTS];
};

/* One person of a case. */
struct cmd_demo_person {
	bool		 female;
	const char	*surname, *surname_native;
	const char	*given, *given_native;
	long		 dob;			/* days */
};

/* What one case is to become, decided before anything is written. */
struct cmd_demo_case {
	const struct cmd_demo_nation	*nat;
	const struct cmd_demo_project	*project;
	struct cmd_demo_person		 person;
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
uint64_t	 cmd_demo_next(struct cmd_demo *);
long		 cmd_demo_range(struct cmd_demo *, long lo, long hi);	/* inclusive */
bool		 cmd_demo_chance(struct cmd_demo *, int percent);
const char	*cmd_demo_weighted(struct cmd_demo *, const struct cmd_demo_w *);
#define CMD_DEMO_ONE(d, arr) ((arr)[cmd_demo_range((d), 0, (long)(sizeof (arr) / sizeof (arr)[0]) - 1)])

/* demo_names.c: nations and people. */
const struct cmd_demo_nation *cmd_demo_nation_pick(struct cmd_demo *);
void		 cmd_demo_person(struct cmd_demo *, const struct cmd_demo_nation *, bool female,
		    long dob, const char *family_surname, struct cmd_demo_person *);
/* "Given Surname" or the native order, in native script (malloc'd). */
char		*cmd_demo_native_name(const struct cmd_demo_nation *, const struct cmd_demo_person *);
void		 cmd_demo_phone(struct cmd_demo *, const char *cc, char *buf, size_t len);
const char	*cmd_demo_slovak_name(struct cmd_demo *);
const char	*cmd_demo_slovak_address(struct cmd_demo *);

/* demo_text.c: free texts. */
const char	*cmd_demo_text(struct cmd_demo *, const char *topic);
const char	*cmd_demo_provider(struct cmd_demo *, const char *item_type, bool local);
const char	*cmd_demo_staff(struct cmd_demo *, const char *role);
const char	*cmd_demo_closure_note(int idx);

/* demo_rec.c: records filled by field name. */
void		 cmd_demo_warn(struct cmd_demo *, const char *fmt, ...)
		    __attribute__((format(printf, 2, 3)));
struct form_record *cmd_demo_record(struct cmd_demo *, const char *form, int64_t case_id);
struct form_record *cmd_demo_row(struct cmd_demo *, struct form_record *, const char *field);
void		 cmd_demo_set(struct cmd_demo *, struct form_record *, const char *field,
		    const char *val);
void		 cmd_demo_setf(struct cmd_demo *, struct form_record *, const char *field,
		    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void		 cmd_demo_date(struct cmd_demo *, struct form_record *, const char *field,
		    long day);
void		 cmd_demo_money(struct cmd_demo *, struct form_record *, const char *field,
		    double amount, const char *currency);
/* A choice: code when the field's list has it, else one of the list by chance. */
void		 cmd_demo_pick(struct cmd_demo *, struct form_record *, const char *field,
		    const char *code);
void		 cmd_demo_pick_w(struct cmd_demo *, struct form_record *, const char *field,
		    const struct cmd_demo_w *);
void		 cmd_demo_pick_idx(struct cmd_demo *, struct form_record *, const char *field,
		    size_t idx);
/* select_many: the codes of the space-separated list the field's list has. */
void		 cmd_demo_many(struct cmd_demo *, struct form_record *, const char *field,
		    const char *codes);
/* select_many: n distinct codes of the list by chance. */
void		 cmd_demo_many_any(struct cmd_demo *, struct form_record *, const char *field,
		    size_t n);
/* v as plain decimal text ("0.000036", "1"), never with an exponent. */
void		 cmd_demo_decimal(char *buf, size_t len, double v);
bool		 cmd_demo_has_code(struct cmd_demo *, const char *list, const char *code);
/* Applies the form's logic and saves as the program does (lifecycle rules
 * before, status move after); counts new records. 0, or 1 with *err. */
int		 cmd_demo_store(struct cmd_demo *, struct form_record *, char **err);
/* cmd_demo_store(), then frees rec (NULL: nothing to save). */
int		 cmd_demo_save(struct cmd_demo *, struct form_record *, char **err);

/* The steps of a case (demo_case.c, demo_person.c, demo_return.c, demo_reint.c);
 * each returns 0, or 1 with *err. */
int		 cmd_demo_case(struct cmd_demo *, char **err);
/* day, but not after today; c->last (when c) follows the latest day written. */
long		 cmd_demo_past(struct cmd_demo *, struct cmd_demo_case *, long day);
/* Holds the clock on day, a few minutes after the last row written that day. */
void		 cmd_demo_at(struct cmd_demo *, long day);
int		 cmd_demo_registration(struct cmd_demo *, struct cmd_demo_case *, char **err);
int		 cmd_demo_consent(struct cmd_demo *, struct cmd_demo_case *, char **err);
int		 cmd_demo_sessions(struct cmd_demo *, struct cmd_demo_case *, char **err);
int		 cmd_demo_return_prep(struct cmd_demo *, struct cmd_demo_case *, char **err);
int		 cmd_demo_departure(struct cmd_demo *, struct cmd_demo_case *, char **err);
int		 cmd_demo_reintegration(struct cmd_demo *, struct cmd_demo_case *, char **err);
int		 cmd_demo_closure(struct cmd_demo *, struct cmd_demo_case *, char **err);
/* demo_office.c */
int		 cmd_demo_call(struct cmd_demo *, const struct cmd_demo_case *, long day,
		    char **err);
int		 cmd_demo_campaign(struct cmd_demo *, char **err);
/* Projects, staff users and exchange rates of a new database. */
int		 cmd_demo_office(struct cmd_demo *, bool empty, char **err);
/* The nations' currencies and rates, for the office's exchange-rate settings. */
size_t		 cmd_demo_currencies(const char *const **codes, const double **rates);

#endif
