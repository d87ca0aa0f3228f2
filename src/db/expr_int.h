/*
 * db/expr_int: aggregates over a repeat in form expressions, for db/expr.c.
 *
 * `sum(:g.f)`, `min(:g.f)`, `max(:g.f)`, `count(:g.f)` and `count(:g)` read
 * the rows of repeat g (of the record or of a form above it): f's values in
 * every row where f has one, or the number of rows. SQLite never sees them:
 * the text is rewritten first, each aggregate becoming the parameter :Qn (n
 * its index; field names are lower case, so no field is called that), and
 * its value is computed here and bound. A `:g.f` anywhere else is an error.
 *
 * Contract: sum of no values is 0, min and max of none NULL; numbers (a
 * numeric row field) are summed and compared as numbers, the rest compared
 * as text. count(:x) of a field that is no repeat is 1 when it has a value,
 * else 0. Quoted text ('...', "...") is never rewritten.
 */
#ifndef DB_EXPR_INT_H
#define DB_EXPR_INT_H

#include <sqlite3.h>
#include <stddef.h>

#include "form/value.h"

enum db_expr_agg_fn { DB_AGG_SUM, DB_AGG_COUNT, DB_AGG_MIN, DB_AGG_MAX };

struct db_expr_agg {
	enum db_expr_agg_fn	 fn;
	char			*group;		/* the repeat's name */
	char			*field;		/* its row field; NULL: count(:g) */
};

/* The text SQLite is given, malloc'd, with the aggregates in *aggs (naggs);
 * NULL with a one-line *err when a `:g.f` stands outside an aggregate. */
char	*db_expr_agg_rewrite(const char *text, struct db_expr_agg **aggs,
	    size_t *naggs, char **err);
void	 db_expr_agg_free(struct db_expr_agg *, size_t);

/* Binds to parameter i the aggregate a of field sub of the rows of rec's
 * field k (a repeat; else count(:k) as above); rec NULL or k < 0: NULL. */
void	 db_expr_agg_bind(sqlite3_stmt *, int i, const struct db_expr_agg *a,
	    const struct form_record *rec, int k, int sub);

#endif
