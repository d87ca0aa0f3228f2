/*
 * db/expr: form expressions on a private in-memory SQLite connection. Each
 * expression text is prepared once as "SELECT (text)" and cached; an
 * authorizer that allows only SELECT and function calls makes every table
 * unreadable. Parameters :name are mapped to field indexes per form_def.
 */
#include "db/expr.h"

#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form/type.h"
#include "form/value.h"
#include "db/expr_fn.h"
#include "db/expr_int.h"
#include "db/internal.h"
#include "util/date.h"
#include "util/hash.h"
#include "util/mem.h"
#include "util/str.h"
#include "util/tr.h"

#define DB_EXPR_NBUCKETS 256
#define DB_EXPR_MOST_ROWS 200

/* What parameter i+1 reads: field k of the record up levels above (0: the
 * record itself, 1: the form a row is in), or for an aggregate, field sub of
 * the rows of repeat k. k < 0: nothing (bound NULL). */
struct db_expr_ref {
	int	up;
	int	k;
	int	sub;
	int	agg;	/* index into aggs, or -1 */
};

struct db_expr_entry {
	char			*text;
	sqlite3_stmt		*st;
	const struct form_def	*def;	/* the def map[] was made for */
	struct db_expr_ref	*map;	/* parameter i+1 */
	int			 nparams;
	struct db_expr_agg	*aggs;
	size_t			 naggs;
	struct db_expr_entry	*next;
};

struct db_expr {
	sqlite3			*sql;
	int			 denied;	/* the authorizer refused something */
	struct db_expr_entry	*buckets[DB_EXPR_NBUCKETS];
};

static int
db_expr_auth(void *arg, int action, const char *a, const char *b, const char *c,
    const char *d)
{
	struct db_expr *x = arg;

	(void)a, (void)b, (void)c, (void)d;
	if (action == SQLITE_SELECT || action == SQLITE_FUNCTION)
		return SQLITE_OK;
	x->denied = 1;
	return SQLITE_DENY;
}

static const char *
db_expr_arg_text(sqlite3_value *v)
{
	return (const char *)sqlite3_value_text(v);
}

static void
db_expr_fn_today(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	char buf[DATE_LEN];
	struct date d = date_today();

	(void)argc, (void)argv;
	date_format(&d, buf);
	sqlite3_result_text(ctx, buf, -1, SQLITE_TRANSIENT);
}

static void
db_expr_fn_now(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	char buf[DATE_TIME_LEN];
	struct date_time t = date_now();

	(void)argc, (void)argv;
	date_time_format(&t, buf);
	sqlite3_result_text(ctx, buf, -1, SQLITE_TRANSIENT);
}

/* The date at the start of s (a date or a datetime). */
static bool
db_expr_date(const char *s, struct date *d)
{
	char buf[DATE_LEN];

	if (s == NULL || strlen(s) < DATE_LEN - 1)
		return false;
	memcpy(buf, s, DATE_LEN - 1);
	buf[DATE_LEN - 1] = '\0';
	return date_parse_iso(buf, d);
}

/* age(date [, at]): whole years from date to at (default today). */
static void
db_expr_fn_age(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct date born, at;
	int years;

	if (!db_expr_date(db_expr_arg_text(argv[0]), &born)) {
		sqlite3_result_null(ctx);
		return;
	}
	if (argc > 1) {
		if (!db_expr_date(db_expr_arg_text(argv[1]), &at)) {
			sqlite3_result_null(ctx);
			return;
		}
	} else
		at = date_today();
	years = at.y - born.y;
	if (at.m < born.m || (at.m == born.m && at.d < born.d))
		years--;
	sqlite3_result_int(ctx, years);
}

/* Codes of a select_many value: calls fn for each; counts them. */
static int
db_expr_codes(const char *list, const char *want)
{
	const char *p = list, *w;
	size_t wlen = want != NULL ? strlen(want) : 0;
	int n = 0;

	while (p != NULL && *p != '\0') {
		while (*p == ' ')
			p++;
		for (w = p; *p != '\0' && *p != ' '; p++)
			;
		if (p == w)
			continue;
		if (want == NULL)
			n++;
		else if ((size_t)(p - w) == wlen && memcmp(w, want, wlen) == 0)
			return 1;
	}
	return n;
}

static void
db_expr_fn_selected(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *code = db_expr_arg_text(argv[1]);

	(void)argc;
	sqlite3_result_int(ctx, str_empty(code) ? 0 :
	    db_expr_codes(db_expr_arg_text(argv[0]), code));
}

static void
db_expr_fn_count(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	sqlite3_result_int(ctx, db_expr_codes(db_expr_arg_text(argv[0]), NULL));
}

static void
db_expr_functions(sqlite3 *sql)
{
	static const struct {
		const char	*name;
		int		 nargs;
		void		(*fn)(sqlite3_context *, int, sqlite3_value **);
	} fns[] = {
		{ "today", 0, db_expr_fn_today },
		{ "now", 0, db_expr_fn_now },
		{ "age", 1, db_expr_fn_age },
		{ "age", 2, db_expr_fn_age },
		{ "selected", 2, db_expr_fn_selected },
		{ "count_selected", 1, db_expr_fn_count },
	};
	size_t i;

	for (i = 0; i < sizeof fns / sizeof fns[0]; i++)
		if (sqlite3_create_function(sql, fns[i].name, fns[i].nargs,
		    SQLITE_UTF8 | SQLITE_INNOCUOUS, NULL, fns[i].fn, NULL, NULL) != SQLITE_OK)
			util_die("sqlite3_create_function %s: %s", fns[i].name,
			    sqlite3_errmsg(sql));
}

struct db_expr *
db_expr_new(void)
{
	struct db_expr *x = xcalloc(1, sizeof *x);

	db_lib_setup();
	if (sqlite3_open_v2(":memory:", &x->sql, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_MEMORY | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
		util_die("expressions: %s", x->sql != NULL ? sqlite3_errmsg(x->sql) :
		    "out of memory");
	sqlite3_db_config(x->sql, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	db_expr_functions(x->sql);
	db_expr_fn_register(x->sql);
	sqlite3_set_authorizer(x->sql, db_expr_auth, x);
	return x;
}

void
db_expr_free(struct db_expr *x)
{
	struct db_expr_entry *e, *next;
	size_t i;

	if (x == NULL)
		return;
	for (i = 0; i < DB_EXPR_NBUCKETS; i++)
		for (e = x->buckets[i]; e != NULL; e = next) {
			next = e->next;
			sqlite3_finalize(e->st);
			free(e->text);
			free(e->map);
			db_expr_agg_free(e->aggs, e->naggs);
			free(e);
		}
	sqlite3_close(x->sql);
	free(x);
}

/* "now" and "today" as a whole expression are the helpers. */
static const char *
db_expr_text(const char *text)
{
	if (strcmp(text, "now") == 0)
		return "now()";
	if (strcmp(text, "today") == 0)
		return "today()";
	return text;
}

static unsigned
db_expr_hash(const char *s)
{
	return hash_str(s) % DB_EXPR_NBUCKETS;
}

static bool
db_expr_blank(const char *s)
{
	for (; *s != '\0'; s++)
		if (strchr(" \t\r\n", *s) == NULL)
			return false;
	return true;
}

/* Prepares "SELECT (text)" (text as rewritten, shown as written);
 * NULL with a message in *err. */
static sqlite3_stmt *
db_expr_prepare(struct db_expr *x, const char *text, const char *shown, char **err)
{
	char *sql = xasprintf("SELECT (%s\n)", text);
	sqlite3_stmt *st = NULL;
	const char *tail = NULL;
	int rc;

	x->denied = 0;
	rc = sqlite3_prepare_v3(x->sql, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, &tail);
	if (rc == SQLITE_OK && (st == NULL || !db_expr_blank(tail) ||
	    sqlite3_column_count(st) != 1)) {
		sqlite3_finalize(st);
		st = NULL;
		*err = xasprintf(_("'%s' is not one expression"), shown);
	} else if (rc != SQLITE_OK) {
		*err = x->denied || strncmp(sqlite3_errmsg(x->sql), "no such table", 13) == 0 ?
		    xstrdup(_("expressions cannot read tables")) :
		    xstrdup(sqlite3_errmsg(x->sql));
		st = NULL;
	}
	free(sql);
	return st;
}

static struct db_expr_entry *
db_expr_get(struct db_expr *x, const char *text, char **err)
{
	unsigned h;
	struct db_expr_entry *e;
	struct db_expr_agg *aggs;
	size_t naggs;
	sqlite3_stmt *st;
	char *sql;

	text = db_expr_text(text);
	h = db_expr_hash(text);
	for (e = x->buckets[h]; e != NULL; e = e->next)
		if (strcmp(e->text, text) == 0)
			return e;
	if ((sql = db_expr_agg_rewrite(text, &aggs, &naggs, err)) == NULL)
		return NULL;
	st = db_expr_prepare(x, sql, text, err);
	free(sql);
	if (st == NULL) {
		db_expr_agg_free(aggs, naggs);
		return NULL;
	}
	e = xcalloc(1, sizeof *e);
	e->text = xstrdup(text);
	e->st = st;
	e->aggs = aggs;
	e->naggs = naggs;
	e->nparams = sqlite3_bind_parameter_count(st);
	e->map = xcalloc((size_t)e->nparams + 1, sizeof *e->map);
	e->next = x->buckets[h];
	x->buckets[h] = e;
	return e;
}

/* The def up levels above def (0: def itself), NULL when there is none. */
static const struct form_def *
db_expr_def_up(const struct form_def *def, int up)
{
	while (def != NULL && up-- > 0)
		def = def->parent;
	return def;
}

/* Finds name in def or a form above it: ref->up and ref->k; false if none. */
static bool
db_expr_find(const struct form_def *def, const char *name, struct db_expr_ref *ref)
{
	int up, k;

	for (up = 0; def != NULL; up++, def = def->parent)
		if ((k = form_field_index(def, name)) >= 0) {
			ref->up = up;
			ref->k = k;
			return true;
		}
	return false;
}

/* An aggregate's repeat and row field; false with a message when none. */
static bool
db_expr_param_agg(const struct db_expr_agg *a, const struct form_def *def,
    struct db_expr_ref *ref, char **err)
{
	const struct form_field *g;

	if (!db_expr_find(def, a->group, ref)) {
		*err = xasprintf(_("unknown field ':%s'"), a->group);
		return false;
	}
	g = &db_expr_def_up(def, ref->up)->fields[ref->k];
	if (a->field == NULL)
		return true;
	if (g->type != FT_REPEAT) {
		*err = xasprintf(_("':%s' is no repeat group"), a->group);
		return false;
	}
	ref->sub = form_field_index(g->group, a->field);
	if (ref->sub < 0 || !form_type_has_value(g->group->fields[ref->sub].type)) {
		*err = xasprintf(ref->sub < 0 ? _("unknown field ':%s.%s'") :
		    _("field ':%s.%s' has no value"), a->group, a->field);
		return false;
	}
	return true;
}

/* What parameter i (1-based) reads in def, found in def or the forms above
 * it; false with a message when nothing. */
static bool
db_expr_param(const struct db_expr_entry *e, const struct form_def *def, int i,
    struct db_expr_ref *ref, char **err)
{
	const char *name = sqlite3_bind_parameter_name(e->st, i);
	unsigned long n;
	char *end;

	*ref = (struct db_expr_ref){ 0, -1, -1, -1 };
	if (name == NULL || name[0] != ':') {
		*err = xasprintf(_("'%s': fields are written :name"), name != NULL ? name : "?");
		return false;
	}
	if (name[1] == 'Q' && (n = strtoul(name + 2, &end, 10)) < e->naggs && *end == '\0') {
		ref->agg = (int)n;
		return db_expr_param_agg(&e->aggs[n], def, ref, err);
	}
	if (!db_expr_find(def, name + 1, ref) ||
	    !form_type_has_value(db_expr_def_up(def, ref->up)->fields[ref->k].type)) {
		*err = xasprintf(ref->k < 0 ? _("unknown field '%s'") :
		    _("field '%s' has no value"), name);
		ref->k = -1;
		return false;
	}
	return true;
}

static void
db_expr_map(struct db_expr_entry *e, const struct form_def *def)
{
	char *msg;
	int i;

	for (i = 1; i <= e->nparams; i++) {
		msg = NULL;
		if (!db_expr_param(e, def, i, &e->map[i - 1], &msg))
			e->map[i - 1].k = -1;
		free(msg);
	}
	e->def = def;
}

/* The name a ref was made for (a freed def's address may have been reused:
 * the names must agree). */
static bool
db_expr_ref_ok(const struct db_expr_entry *e, const struct form_def *def, int i)
{
	const struct db_expr_ref *ref = &e->map[i];
	const char *name = sqlite3_bind_parameter_name(e->st, i + 1) + 1;

	if (ref->k < 0)
		return true;
	def = db_expr_def_up(def, ref->up);
	if (ref->agg >= 0)
		name = e->aggs[ref->agg].group;
	return def != NULL && (size_t)ref->k < def->nfields &&
	    strcmp(def->fields[ref->k].name, name) == 0;
}

static bool
db_expr_map_ok(const struct db_expr_entry *e, const struct form_def *def)
{
	int i;

	if (e->def != def)
		return false;
	for (i = 0; i < e->nparams; i++)
		if (!db_expr_ref_ok(e, def, i))
			return false;
	return true;
}

/* The record up levels above rec, NULL when there is none. */
static const struct form_record *
db_expr_rec_up(const struct form_record *rec, int up)
{
	while (rec != NULL && up-- > 0)
		rec = rec->up;
	return rec;
}

static void
db_expr_bind(const struct db_expr_entry *e, int i, const struct form_record *rec)
{
	const struct db_expr_ref *ref = &e->map[i - 1];

	rec = db_expr_rec_up(rec, ref->up);
	if (ref->agg >= 0)
		db_expr_agg_bind(e->st, i, &e->aggs[ref->agg], rec, ref->k, ref->sub);
	else if (ref->k < 0 || rec == NULL)
		sqlite3_bind_null(e->st, i);
	else
		db_bind_typed(e->st, i, rec->def->fields[ref->k].type, rec->vals[ref->k], true);
}

/*
 * Runs text against rec: the statement on its result row (the caller resets
 * it with db_expr_done), or NULL for an error (message in *err if asked).
 */
static sqlite3_stmt *
db_expr_run(struct db_expr *x, const char *text, const struct form_record *rec,
    char **err)
{
	struct db_expr_entry *e;
	char *msg = NULL;
	int i, rc;

	if (text == NULL || (e = db_expr_get(x, text, &msg)) == NULL) {
		if (err != NULL)
			*err = msg != NULL ? msg : xstrdup(_("no expression"));
		else
			free(msg);
		return NULL;
	}
	if (!db_expr_map_ok(e, rec->def))
		db_expr_map(e, rec->def);
	for (i = 1; i <= e->nparams; i++)
		db_expr_bind(e, i, rec);
	rc = sqlite3_step(e->st);
	if (rc == SQLITE_ROW)
		return e->st;
	if (err != NULL)
		*err = xstrdup(sqlite3_errmsg(x->sql));
	sqlite3_reset(e->st);
	sqlite3_clear_bindings(e->st);
	return NULL;
}

static void
db_expr_done(sqlite3_stmt *st)
{
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
}

bool
db_expr_eval(struct db_expr *x, const char *text, const struct form_record *rec,
    char **result, char **err)
{
	sqlite3_stmt *st = db_expr_run(x, text, rec, err);
	char buf[64];

	*result = NULL;
	if (st == NULL)
		return false;
	if (sqlite3_column_type(st, 0) == SQLITE_FLOAT) {
		snprintf(buf, sizeof buf, "%.15g", sqlite3_column_double(st, 0));
		*result = xstrdup(buf);
	} else if (sqlite3_column_type(st, 0) != SQLITE_NULL)
		*result = xstrdup((const char *)sqlite3_column_text(st, 0));
	db_expr_done(st);
	return true;
}

/* 1 true, 0 false, -1 NULL, -2 error. */
static int
db_expr_truth3(struct db_expr *x, const char *text, const struct form_record *rec)
{
	sqlite3_stmt *st = db_expr_run(x, text, rec, NULL);
	int v;

	if (st == NULL)
		return -2;
	if (sqlite3_column_type(st, 0) == SQLITE_NULL)
		v = -1;
	else
		v = sqlite3_column_double(st, 0) != 0.0;
	db_expr_done(st);
	return v;
}

bool
db_expr_truth(struct db_expr *x, const char *text, const struct form_record *rec,
    bool dflt)
{
	int v = db_expr_truth3(x, text, rec);

	return v < 0 ? dflt : v == 1;
}

static bool
db_expr_clear(struct form_record *rec, size_t i)
{
	int k, n = form_type_ncols(rec->def->fields[i].type);
	bool had = rec->vals[i] != NULL || rec->kids[i].n > 0;

	for (k = 1; k < n; k++) {
		had = had || form_record_part(rec, i, k) != NULL;
		form_record_set_part(rec, i, k, NULL);
	}
	xfree(&rec->vals[i]);
	while (rec->kids[i].n > 0)
		form_record_del_row(rec, i, rec->kids[i].n - 1);
	return had;
}

/* Sets field i from an expression when the value differs; true if it changed. */
static bool
db_expr_set(struct db_expr *x, struct form_record *rec, size_t i, const char *text)
{
	char *v = NULL;
	bool changed = false;

	if (db_expr_eval(x, text, rec, &v, NULL) && !str_eq(v, rec->vals[i])) {
		form_record_set(rec, i, v);
		changed = true;
	}
	free(v);
	return changed;
}

/* A relevant expression's verdict here: NULL (it compares an empty field)
 * is not relevant, an error is. */
static bool
db_expr_relevant(struct db_expr *x, const char *text, const struct form_record *rec)
{
	int v = text != NULL ? db_expr_truth3(x, text, rec) : 1;

	return v == 1 || v == -2;
}

/* Whether group g and every group around it are relevant, each worked out
 * once per pass: memo[index] is -1 until then. */
static bool
db_expr_group_relevant(struct db_expr *x, const struct form_record *rec,
    const struct form_group *g, signed char *memo)
{
	if (g == NULL)
		return true;
	if (memo[g->index] < 0)
		memo[g->index] = db_expr_relevant(x, g->relevant, rec) &&
		    db_expr_group_relevant(x, rec, g->up, memo);
	return memo[g->index] == 1;
}

/*
 * One field: relevance (its own and its groups'), then calculation or
 * default. True when a value changed.
 */
static bool
db_expr_apply_field(struct db_expr *x, struct form_record *rec, size_t i, bool fill,
    signed char *memo, bool *relevant)
{
	const struct form_field *f = &rec->def->fields[i];

	*relevant = db_expr_relevant(x, f->relevant, rec) &&
	    db_expr_group_relevant(x, rec, f->grp, memo);
	if (!*relevant)
		return db_expr_clear(rec, i);
	if (f->type == FT_CALCULATED && f->calc != NULL)
		return db_expr_set(x, rec, i, f->calc);
	if (fill && f->default_expr != NULL && form_type_has_value(f->type) &&
	    str_empty(rec->vals[i]))
		return db_expr_set(x, rec, i, f->default_expr);
	return false;
}

bool
db_expr_default(struct db_expr *x, struct form_record *rec, size_t i)
{
	const struct form_field *f = &rec->def->fields[i];

	return f->default_expr != NULL && form_type_has_value(f->type) &&
	    db_expr_set(x, rec, i, f->default_expr);
}

/* A repeat with a `count`: rows added until it has that many (at most
 * DB_EXPR_MOST_ROWS); rows beyond it are kept (they hold what was typed)
 * and the record check reports them. */
static void
db_expr_count_rows(struct db_expr *x, struct form_record *rec, size_t i)
{
	const struct form_field *f = &rec->def->fields[i];
	char *v = NULL;
	long want;

	if (f->count == NULL || !db_expr_eval(x, f->count, rec, &v, NULL) || v == NULL) {
		free(v);
		return;
	}
	want = strtol(v, NULL, 10);
	free(v);
	if (want > DB_EXPR_MOST_ROWS)
		want = DB_EXPR_MOST_ROWS;
	while ((long)rec->kids[i].n < want)
		form_record_add_row(rec, i);
}

void
db_expr_apply(struct db_expr *x, struct form_record *rec, bool fill_defaults,
    bool *relevant)
{
	size_t n = rec->def->nfields, ng = rec->def->ngroups, i, r;
	bool *rel = xcalloc(n > 0 ? n : 1, sizeof *rel);
	signed char *memo = xmalloc(ng > 0 ? ng : 1);
	bool changed = true;
	int pass;

	/* Later fields may feed earlier ones: repeat until nothing moves. */
	for (pass = 0; pass < 4 && changed; pass++) {
		changed = false;
		memset(memo, -1, ng);
		for (i = 0; i < n; i++)
			changed |= db_expr_apply_field(x, rec, i, fill_defaults, memo, &rel[i]);
	}
	free(memo);
	for (i = 0; i < n; i++) {
		if (rel[i] && rec->def->fields[i].type == FT_REPEAT)
			db_expr_count_rows(x, rec, i);
		for (r = 0; rel[i] && r < rec->kids[i].n; r++) {
			rec->kids[i].rows[r]->up = rec;
			db_expr_apply(x, rec->kids[i].rows[r], fill_defaults, NULL);
		}
	}
	if (relevant != NULL)
		memcpy(relevant, rel, n * sizeof *rel);
	free(rel);
}

static void
db_expr_logic_apply(void *arg, struct form_record *rec, bool *relevant)
{
	db_expr_apply(arg, rec, false, relevant);
}

static bool
db_expr_logic_holds(void *arg, const char *text, const struct form_record *rec)
{
	return db_expr_truth(arg, text, rec, true);
}

static char *
db_expr_logic_value(void *arg, const char *text, const struct form_record *rec)
{
	char *v = NULL;

	if (!db_expr_eval(arg, text, rec, &v, NULL))
		return NULL;
	return v;
}

struct form_logic
db_expr_logic(struct db_expr *x)
{
	return (struct form_logic){ x, db_expr_logic_apply, db_expr_logic_holds,
	    db_expr_logic_value };
}

/* Compiles text for def; a one-line reason when it cannot be used. */
static char *
db_expr_check(struct db_expr *x, const struct form_def *def, const char *text)
{
	struct db_expr_entry *e;
	struct db_expr_ref ref;
	char *msg = NULL;
	int i;

	if ((e = db_expr_get(x, text, &msg)) == NULL)
		return msg;
	for (i = 1; i <= e->nparams; i++)
		if (!db_expr_param(e, def, i, &ref, &msg))
			return msg;
	return NULL;
}

static void
db_expr_check_key(struct db_expr *x, struct form_set *set, const struct form_def *def,
    const struct form_field *f, const char *key, const char *text)
{
	char *msg;

	if (text == NULL || (msg = db_expr_check(x, def, text)) == NULL)
		return;
	form_set_error(set, def->file, f->line, _("field '%s': %s: %s"), f->name, key, msg);
	free(msg);
}

static void
db_expr_check_group(struct db_expr *x, struct form_set *set, const struct form_def *def,
    const struct form_group *g)
{
	char *msg;

	if (g->relevant == NULL || (msg = db_expr_check(x, def, g->relevant)) == NULL)
		return;
	form_set_error(set, def->file, g->line, _("%s \"%s\": relevant: %s"),
	    g->section ? "section" : "group", g->label, msg);
	free(msg);
}

static void
db_expr_check_def(struct db_expr *x, struct form_set *set, const struct form_def *def)
{
	const struct form_field *f;
	size_t i;

	for (i = 0; i < def->ngroups; i++)
		db_expr_check_group(x, set, def, def->groups[i]);
	for (i = 0; i < def->nfields; i++) {
		f = &def->fields[i];
		db_expr_check_key(x, set, def, f, "relevant", f->relevant);
		db_expr_check_key(x, set, def, f, "constraint", f->constraint);
		db_expr_check_key(x, set, def, f, "default", f->default_expr);
		db_expr_check_key(x, set, def, f, "calc", f->calc);
		db_expr_check_key(x, set, def, f, "count", f->count);
		if (f->min != NULL && form_bound_is_expr(f->min))
			db_expr_check_key(x, set, def, f, "min", f->min);
		if (f->max != NULL && form_bound_is_expr(f->max))
			db_expr_check_key(x, set, def, f, "max", f->max);
		if (f->group != NULL)
			db_expr_check_def(x, set, f->group);
	}
}

void
db_expr_check_set(struct db_expr *x, struct form_set *set)
{
	size_t i;

	for (i = 0; i < set->nforms; i++)
		db_expr_check_def(x, set, set->forms[i]);
}
