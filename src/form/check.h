/*
 * form/check: every problem of a whole record, as a save or an import must
 * refuse it: with no screen, so the form view, the demo and the commands that
 * read files all check records the same way.
 *
 * Contract: form_check_record() checks a copy of rec (rec is not changed)
 * after the record's logic was applied to it: each relevant field in order,
 * and at most one problem per field: a required field left empty; a value
 * that does not fit its type (form_value_check(): number, date, choice,
 * length, min/max; a draft may hold what was typed; a min/max that is an
 * expression is evaluated for the record); a money amount without a
 * currency or with one that is no currency code; a constraint that does not
 * hold, with its constraint message. A relevant repeat reports a row count
 * outside required/min/max (or other than its `count`), then every problem of each row, checked the same
 * way with the row's own logic. Fields that are not relevant and notes are
 * not checked; a calculated value only for required and its constraint.
 * Every problem is appended to *out, in
 * field order, so the first one is what a screen shows; the return value is
 * how many were appended.
 *
 * Relevance and constraints are expressions that SQLite evaluates (db/expr):
 * they come in through struct form_logic, so this module knows no SQL;
 * db_expr_logic() gives the real one.
 */
#ifndef FORM_CHECK_H
#define FORM_CHECK_H

#include <stdbool.h>
#include <stddef.h>

#include "form/value.h"

struct form_logic {
	void	*arg;
	/* Recomputes calculated fields of rec in place, clears the values of
	 * fields that are not relevant (in rows too) and fills relevant[]
	 * (def->nfields) with each field's relevance. */
	void	(*apply)(void *arg, struct form_record *, bool *relevant);
	/* False only when the expression is false for rec (NULL or an
	 * expression that cannot be evaluated passes). */
	bool	(*holds)(void *arg, const char *expr, const struct form_record *);
	/* The value of an expression for rec (malloc'd), NULL when it is NULL
	 * or cannot be evaluated: bounds that are expressions (`max :arrived`,
	 * a repeat's `count`). May be NULL: such bounds are then not checked. */
	char	*(*value)(void *arg, const char *expr, const struct form_record *);
};

enum form_problem_kind {
	FORM_PROBLEM_REQUIRED,	/* a required field is empty */
	FORM_PROBLEM_TYPE,	/* the value does not fit the field's type */
	FORM_PROBLEM_CURRENCY,	/* a further column wrong (check_cols of the type):
				 * a money amount without a (valid) currency */
	FORM_PROBLEM_CONSTRAINT,
	FORM_PROBLEM_ROWS	/* a repeat's row count is outside its bounds */
};

/* One step down: row `row` of repeat field `field`. */
struct form_step {
	size_t	field;
	size_t	row;
};

struct form_problem {
	enum form_problem_kind	 kind;
	/* The field of the checked record: the one at fault, or the repeat
	 * that holds the row at fault. */
	size_t			 field;
	struct form_step	*path;	/* depth steps from the record to the row */
	size_t			 depth;	/* 0: a field of the checked record itself */
	const struct form_def	*def;	/* the form or repeat group of the field at fault */
	size_t			 at;	/* the field at fault, in def */
	char			*msg;	/* one line, staff language; "Row 2: ..." in a row */
};

struct form_problems {
	struct form_problem	*items;
	size_t			 n;
	size_t			 cap;
};

size_t	form_check_record(const struct form_set *, const struct form_logic *,
	    const struct form_record *, struct form_problems *out);
/* Frees every problem and empties the list (it can be filled again). */
void	form_check_clear(struct form_problems *);

/* The words of a problem, for a screen that says it again later (in the
 * language of the moment): the line of a problem of kind for field at of
 * row r as it stands (malloc'd), or NULL when r no longer shows it (a
 * required or constraint problem is said as long as the field exists). */
char	*form_problem_say(const struct form_set *, const struct form_record *r,
	    enum form_problem_kind, size_t at);
/* msg (taken) with "Row N: " before it for each step of path, outermost
 * first; the result is malloc'd. */
char	*form_problem_in_rows(const struct form_step *path, size_t depth, char *msg);

#endif
