/*
 * db/expr_agg: sum, count, min and max over the rows of a repeat, rewritten
 * out of an expression's text and computed here (see db/expr_int.h).
 */
#include "db/expr_int.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "form/type.h"
#include "util/mem.h"
#include "util/str.h"
#include "util/tr.h"

static const struct {
	const char		*name;
	enum db_expr_agg_fn	 fn;
} db_expr_agg_names[] = {
	{ "sum", DB_AGG_SUM },
	{ "count", DB_AGG_COUNT },
	{ "min", DB_AGG_MIN },
	{ "max", DB_AGG_MAX },
};

static bool
db_expr_agg_idc(char c)
{
	return isalnum((unsigned char)c) || c == '_';
}

/* Length of the field name at s (a-z, 0-9, _, a letter first), 0 if none. */
static size_t
db_expr_agg_name(const char *s)
{
	size_t n = 0;

	if (!islower((unsigned char)s[0]))
		return 0;
	while (db_expr_agg_idc(s[n]))
		n++;
	return n;
}

static const char *
db_expr_agg_space(const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	return s;
}

/* The aggregate function whose name is the word s (wlen); -1 when none. */
static int
db_expr_agg_fn_of(const char *s, size_t wlen)
{
	size_t i;

	for (i = 0; i < sizeof db_expr_agg_names / sizeof db_expr_agg_names[0]; i++)
		if (strlen(db_expr_agg_names[i].name) == wlen &&
		    strncasecmp(s, db_expr_agg_names[i].name, wlen) == 0)
			return (int)db_expr_agg_names[i].fn;
	return -1;
}

/*
 * At s, the word of fn (wlen): `fn( :g.f )` or `count( :g )`. On a match
 * fills a and returns the text after ')'; else NULL.
 */
static const char *
db_expr_agg_match(const char *s, size_t wlen, int fn, struct db_expr_agg *a)
{
	const char *p = db_expr_agg_space(s + wlen), *g, *f = NULL;
	size_t glen, flen = 0;

	if (*p++ != '(')
		return NULL;
	p = db_expr_agg_space(p);
	if (*p++ != ':' || (glen = db_expr_agg_name(g = p)) == 0)
		return NULL;
	p += glen;
	if (*p == '.') {
		if ((flen = db_expr_agg_name(f = p + 1)) == 0)
			return NULL;
		p += 1 + flen;
	}
	p = db_expr_agg_space(p);
	if (*p != ')' || (f == NULL && fn != DB_AGG_COUNT))
		return NULL;
	a->fn = (enum db_expr_agg_fn)fn;
	a->group = xstrndup(g, glen);
	a->field = f != NULL ? xstrndup(f, flen) : NULL;
	return p + 1;
}

/* Copies a quoted text at s (its quote char first) to out; returns after it. */
static const char *
db_expr_agg_quoted(const char *s, struct strbuf *out)
{
	const char *p = s + 1;

	while (*p != '\0' && *p != *s)
		p++;
	if (*p != '\0')
		p++;
	strbuf_add(out, s, (size_t)(p - s));
	return p;
}

/* A `:g.f` at s (s[0] == ':'): the message that refuses it, else NULL. */
static char *
db_expr_agg_stray(const char *s)
{
	size_t glen = db_expr_agg_name(s + 1), flen;

	if (glen == 0 || s[1 + glen] != '.' ||
	    (flen = db_expr_agg_name(s + 2 + glen)) == 0)
		return NULL;
	return xasprintf(_("':%.*s' is read only inside sum(), count(), min() or max()"),
	    (int)(glen + 1 + flen), s + 1);
}

/* At a word: an aggregate appended as :Qn, or the word copied. */
static const char *
db_expr_agg_word(const char *p, struct strbuf *out, struct db_expr_agg **aggs,
    size_t *naggs)
{
	size_t wlen = 0;
	struct db_expr_agg a;
	const char *after;
	int fn;

	while (db_expr_agg_idc(p[wlen]))
		wlen++;
	fn = db_expr_agg_fn_of(p, wlen);
	if (fn >= 0 && (after = db_expr_agg_match(p, wlen, fn, &a)) != NULL) {
		*aggs = xrealloc(*aggs, (*naggs + 1) * sizeof **aggs);
		(*aggs)[*naggs] = a;
		strbuf_printf(out, ":Q%zu", (*naggs)++);
		return after;
	}
	strbuf_add(out, p, wlen);
	return p + wlen;
}

char *
db_expr_agg_rewrite(const char *text, struct db_expr_agg **aggs, size_t *naggs,
    char **err)
{
	struct strbuf out = { 0 };
	const char *p = text;

	*aggs = NULL;
	*naggs = 0;
	while (*p != '\0') {
		if (*p == '\'' || *p == '"')
			p = db_expr_agg_quoted(p, &out);
		else if (isalpha((unsigned char)*p) && (p == text || !db_expr_agg_idc(p[-1])))
			p = db_expr_agg_word(p, &out, aggs, naggs);
		else if (*p == ':' && (*err = db_expr_agg_stray(p)) != NULL) {
			strbuf_free(&out);
			db_expr_agg_free(*aggs, *naggs);
			*aggs = NULL;
			*naggs = 0;
			return NULL;
		} else
			strbuf_add(&out, p++, 1);
	}
	return strbuf_take(&out);
}

void
db_expr_agg_free(struct db_expr_agg *aggs, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(aggs[i].group);
		free(aggs[i].field);
	}
	free(aggs);
}

/* What the rows hold: how many values, their sum, and the least and most. */
struct db_expr_agg_acc {
	long		 n;
	double		 sum, lo, hi;
	const char	*tlo, *thi;
};

static void
db_expr_agg_add(struct db_expr_agg_acc *acc, const char *v, bool numeric)
{
	double d = numeric ? strtod(v, NULL) : 0;

	if (numeric) {
		acc->sum += d;
		if (acc->n == 0 || d < acc->lo)
			acc->lo = d;
		if (acc->n == 0 || d > acc->hi)
			acc->hi = d;
	} else {
		if (acc->tlo == NULL || strcmp(v, acc->tlo) < 0)
			acc->tlo = v;
		if (acc->thi == NULL || strcmp(v, acc->thi) > 0)
			acc->thi = v;
	}
	acc->n++;
}

static void
db_expr_agg_num(sqlite3_stmt *st, int i, double d)
{
	if (d == (double)(int64_t)d && d > -9e15 && d < 9e15)
		sqlite3_bind_int64(st, i, (int64_t)d);
	else
		sqlite3_bind_double(st, i, d);
}

static void
db_expr_agg_result(sqlite3_stmt *st, int i, enum db_expr_agg_fn fn,
    const struct db_expr_agg_acc *acc, bool numeric)
{
	const char *t = fn == DB_AGG_MIN ? acc->tlo : acc->thi;

	if (fn == DB_AGG_COUNT)
		sqlite3_bind_int64(st, i, acc->n);
	else if (fn == DB_AGG_SUM)
		db_expr_agg_num(st, i, acc->sum);
	else if (acc->n == 0)
		sqlite3_bind_null(st, i);
	else if (numeric)
		db_expr_agg_num(st, i, fn == DB_AGG_MIN ? acc->lo : acc->hi);
	else
		sqlite3_bind_text(st, i, t, -1, SQLITE_TRANSIENT);
}

void
db_expr_agg_bind(sqlite3_stmt *st, int i, const struct db_expr_agg *a,
    const struct form_record *rec, int k, int sub)
{
	const struct form_rows *rows;
	struct db_expr_agg_acc acc = { 0 };
	bool numeric;
	size_t r;

	if (rec == NULL || k < 0) {
		sqlite3_bind_null(st, i);
		return;
	}
	if (rec->def->fields[k].type != FT_REPEAT || a->field == NULL || sub < 0) {
		sqlite3_bind_int64(st, i, rec->def->fields[k].type == FT_REPEAT ?
		    (int64_t)rec->kids[k].n : !str_empty(rec->vals[k]));
		return;
	}
	rows = &rec->kids[k];
	numeric = form_type(rec->def->fields[k].group->fields[sub].type)->numeric;
	for (r = 0; r < rows->n; r++)
		if (!str_empty(rows->rows[r]->vals[sub]))
			db_expr_agg_add(&acc, rows->rows[r]->vals[sub], numeric);
	db_expr_agg_result(st, i, a->fn, &acc, numeric);
}
