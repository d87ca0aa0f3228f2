/*
 * db/expr: form expressions (relevant, constraint, calculated, default),
 * compiled and evaluated by SQLite on a private in-memory connection that can
 * read no table (an authorizer refuses every table access).
 *
 * An expression is SQLite expression syntax where :name is the value of field
 * name of the same form (or repeat group; a row also reads the fields of the
 * forms it is in, through form_record.up), and sum(:g.f), count(:g.f),
 * min(:g.f), max(:g.f) and count(:g) read the rows of repeat g (db/expr_int.h). Values are bound by field type:
 * integer fields as integers, decimal and money as reals, empty as NULL, the rest
 * as text. Helpers: today(), now(), age(date), selected(list, code),
 * count_selected(list), and the XLSForm functions of db/expr_fn.h (names with
 * '_' for '-'): concat(a, ...), int(x), number(x), string(x), pow(x, y),
 * regex(text, pattern), string_length(s), contains(s, t), starts_with(s, t),
 * ends_with(s, t), boolean_from_string(s), true(), false(),
 * selected_at(list, n), format_date(date, fmt), format_date_time(datetime,
 * fmt); SQLite's own coalesce, round, abs, substr, max, min, date and the
 * rest. "default now" and "default today" are shorthands.
 * Compiled statements are cached per expression text.
 *
 * Contract: db_expr_check_set() compiles every expression of a parsed form
 * set and adds "file:line: message" errors to it (syntax errors, unknown
 * fields, table access). db_expr_eval*() never fail loudly at run time: an
 * expression that cannot be evaluated counts as NULL (relevant: true,
 * constraint: passes) and the reason is in *err when asked.
 */
#ifndef DB_EXPR_H
#define DB_EXPR_H

#include <stdbool.h>

#include "form/check.h"
#include "form/form.h"
#include "form/value.h"

struct db_expr;

struct db_expr	*db_expr_new(void);
void		 db_expr_free(struct db_expr *);

/* Adds errors for every expression of the set that does not compile. */
void		 db_expr_check_set(struct db_expr *, struct form_set *);

/* Evaluates text against rec; result as malloc'd text (NULL for SQL NULL). */
bool		 db_expr_eval(struct db_expr *, const char *text,
		    const struct form_record *rec, char **result, char **err);
/* Truth of an expression: NULL and errors give dflt. */
bool		 db_expr_truth(struct db_expr *, const char *text,
		    const struct form_record *rec, bool dflt);
/*
 * Applies a record's logic in place: fills defaults of empty fields when
 * fill_defaults, recomputes calculated fields, and clears the values of fields
 * that are not relevant. relevant[] (def->nfields, may be NULL) receives each
 * field's relevance. Here a relevant expression that is NULL (it compares an
 * empty field) counts as not relevant, so an unanswered question hides what
 * depends on it; one that cannot be evaluated counts as relevant. Repeat
 * groups: each child row is applied with its own def.
 */
void		 db_expr_apply(struct db_expr *, struct form_record *, bool fill_defaults,
		    bool *relevant);
/* Sets field i of rec to its default's value now (a default that reads
 * other fields, `default :nationality`, follows them); true when it changed. */
bool		 db_expr_default(struct db_expr *, struct form_record *, size_t i);
/* The record logic form_check_record() needs: db_expr_apply() without
 * defaults, and constraints through db_expr_truth() (NULL passes). */
struct form_logic db_expr_logic(struct db_expr *);

#endif
