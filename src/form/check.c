#include "form/check.h"

#include <stdlib.h>
#include <string.h>

#include "form/type.h"
#include "util/mem.h"
#include "util/str.h"
#include "util/tr.h"

/* A walk down one record: where it is and what it found. */
struct form_check_walk {
	const struct form_set	*set;
	const struct form_logic	*logic;
	struct form_problems	*out;
	struct form_step	*path;
	size_t			 depth;
	size_t			 cap;
	size_t			 added;
};

static const char *
form_check_label(const struct form_field *fd)
{
	return _(fd->label != NULL ? fd->label : fd->name);
}

char *
form_problem_in_rows(const struct form_step *path, size_t depth, char *msg)
{
	char *line;

	while (depth-- > 0) {
		line = xasprintf(_("Row %zu: %s"), path[depth].row + 1, msg);
		free(msg);
		msg = line;
	}
	return msg;
}

/* The words of each kind of problem, for field at of row r. */
static char *
form_check_say_required(const struct form_set *set, const struct form_record *r, size_t at)
{
	const struct form_field *fd = &r->def->fields[at];

	/* a required field's own message, when no rule has it */
	if (fd->constraint == NULL && fd->constraint_msg != NULL)
		return xstrdup(_(fd->constraint_msg));
	return xasprintf(_("%s is required"), form_check_label(fd));
}

static char *
form_check_say_type(const struct form_set *set, const struct form_record *r, size_t at)
{
	char *canon = NULL, *msg = NULL;

	if (r->vals[at] == NULL || form_value_check(set, &r->def->fields[at], r->vals[at],
	    &canon, &msg)) {
		free(canon);
		return NULL;
	}
	return msg;
}

static char *
form_check_say_cols(const struct form_set *set, const struct form_record *r, size_t at)
{
	const struct form_type_desc *t = form_type(r->def->fields[at].type);

	return t->check_cols != NULL ? t->check_cols(set, r, at) : NULL;
}

static char *
form_check_say_constraint(const struct form_set *set, const struct form_record *r,
    size_t at)
{
	const struct form_field *fd = &r->def->fields[at];

	return fd->constraint_msg != NULL ? xstrdup(_(fd->constraint_msg)) :
	    xasprintf(_("%s does not meet the rule %s"), form_check_label(fd), fd->constraint);
}

/* The row count of repeat field at against required, min and max. */
static char *
form_check_say_rows(const struct form_set *set, const struct form_record *r, size_t at)
{
	const struct form_field *fd = &r->def->fields[at];
	size_t n = r->kids != NULL ? r->kids[at].n : 0;

	if (fd->required && n == 0)
		return xasprintf(_("%s: add at least one row"), form_check_label(fd));
	if (fd->min != NULL && !form_bound_is_expr(fd->min) && n < (size_t)atoi(fd->min))
		return xasprintf(_("%s: at least %s rows are needed"), form_check_label(fd),
		    fd->min);
	if (fd->max != NULL && !form_bound_is_expr(fd->max) && n > (size_t)atoi(fd->max))
		return xasprintf(_("%s: at most %s rows are allowed"), form_check_label(fd),
		    fd->max);
	return NULL;
}

static char *(*const form_check_says[])(const struct form_set *,
    const struct form_record *, size_t) = {
	[FORM_PROBLEM_REQUIRED] = form_check_say_required,
	[FORM_PROBLEM_TYPE] = form_check_say_type,
	[FORM_PROBLEM_CURRENCY] = form_check_say_cols,
	[FORM_PROBLEM_CONSTRAINT] = form_check_say_constraint,
	[FORM_PROBLEM_ROWS] = form_check_say_rows,
};

char *
form_problem_say(const struct form_set *set, const struct form_record *r,
    enum form_problem_kind kind, size_t at)
{
	return at < r->def->nfields ? form_check_says[kind](set, r, at) : NULL;
}

/* Appends the problem of field at of def (msg taken), "Row N: " before it
 * for each row it lies in. */
static void
form_check_add(struct form_check_walk *w, const struct form_def *def, size_t at,
    enum form_problem_kind kind, char *msg)
{
	struct form_problem *p;

	msg = form_problem_in_rows(w->path, w->depth, msg);
	w->out->items = xgrow(w->out->items, &w->out->cap, w->out->n + 1,
	    sizeof *w->out->items);
	p = &w->out->items[w->out->n++];
	memset(p, 0, sizeof *p);
	p->kind = kind;
	p->field = w->depth > 0 ? w->path[0].field : at;
	p->depth = w->depth;
	if (w->depth > 0) {
		p->path = xcalloc(w->depth, sizeof *p->path);
		memcpy(p->path, w->path, w->depth * sizeof *p->path);
	}
	p->def = def;
	p->at = at;
	p->msg = msg;
	w->added++;
}

/* A bound as it stands for rec: a literal as written, an expression as it
 * evaluates (NULL when it cannot be). */
static char *
form_check_bound(const struct form_check_walk *w, const char *bound,
    const struct form_record *rec)
{
	if (bound == NULL || !form_bound_is_expr(bound))
		return xstrdup0(bound);
	return w->logic->value != NULL ? w->logic->value(w->logic->arg, bound, rec) : NULL;
}

/* The value against a min or max that is an expression: the type's own
 * check, with the bounds as they evaluate for rec. */
static char *
form_check_expr_bounds(struct form_check_walk *w, const struct form_record *rec, size_t i)
{
	const struct form_field *fd = &rec->def->fields[i];
	struct form_field now;
	char *canon = NULL, *msg = NULL;

	if (!form_bound_is_expr(fd->min) && !form_bound_is_expr(fd->max))
		return NULL;
	now = *fd;
	now.min = form_check_bound(w, fd->min, rec);
	now.max = form_check_bound(w, fd->max, rec);
	if (form_value_check(w->set, &now, rec->vals[i], &canon, &msg))
		msg = NULL;
	free(canon);
	free(now.min);
	free(now.max);
	return msg;
}

/* A row count from an expression: whole and not negative, else -1. */
static long
form_check_count(const struct form_check_walk *w, const char *bound,
    const struct form_record *rec)
{
	char *v = form_bound_is_expr(bound) ? form_check_bound(w, bound, rec) : NULL;
	char *end = NULL;
	double d = v != NULL ? strtod(v, &end) : -1;
	long n = end != NULL && end != v && *end == '\0' && d >= 0 && d <= 100000 ?
	    (long)d : -1;

	free(v);
	return n;
}

/* The row count against `count`, and a min or max that is an expression. */
static char *
form_check_expr_rows(struct form_check_walk *w, const struct form_record *rec, size_t i)
{
	const struct form_field *fd = &rec->def->fields[i];
	long n = (long)rec->kids[i].n;
	long want = fd->count != NULL ? form_check_count(w, fd->count, rec) : -1;
	long lo = form_check_count(w, fd->min, rec), hi = form_check_count(w, fd->max, rec);

	if (want >= 0 && n != want)
		return xasprintf(_("%s: %ld rows are needed, not %ld"), form_check_label(fd),
		    want, n);
	if (lo >= 0 && n < lo)
		return xasprintf(_("%s: at least %ld rows are needed"), form_check_label(fd), lo);
	if (hi >= 0 && n > hi)
		return xasprintf(_("%s: at most %ld rows are allowed"), form_check_label(fd), hi);
	return NULL;
}

/* The problem of a field that holds a value, or NULL (a calculated value
 * is not typed: only its constraint). */
static char *
form_check_value(struct form_check_walk *w, const struct form_record *rec, size_t i,
    enum form_problem_kind *kind)
{
	const struct form_field *fd = &rec->def->fields[i];
	char *msg;

	*kind = FORM_PROBLEM_TYPE;
	if (fd->type != FT_CALCULATED && (msg = form_check_say_type(w->set, rec, i)) != NULL)
		return msg;
	if (fd->type != FT_CALCULATED && (msg = form_check_expr_bounds(w, rec, i)) != NULL)
		return msg;
	*kind = FORM_PROBLEM_CURRENCY;
	if ((msg = form_check_say_cols(w->set, rec, i)) != NULL)
		return msg;
	*kind = FORM_PROBLEM_CONSTRAINT;
	if (fd->constraint == NULL || w->logic->holds(w->logic->arg, fd->constraint, rec))
		return NULL;
	return form_check_say_constraint(w->set, rec, i);
}

static void form_check_walk(struct form_check_walk *, struct form_record *);

static void
form_check_rows(struct form_check_walk *w, struct form_record *rec, size_t i)
{
	struct form_rows *rows = &rec->kids[i];
	char *msg = form_check_say_rows(w->set, rec, i);
	size_t r;

	if (msg == NULL)
		msg = form_check_expr_rows(w, rec, i);
	if (msg != NULL)
		form_check_add(w, rec->def, i, FORM_PROBLEM_ROWS, msg);
	w->path = xgrow(w->path, &w->cap, w->depth + 1, sizeof *w->path);
	for (r = 0; r < rows->n; r++) {
		w->path[w->depth] = (struct form_step){ i, r };
		w->depth++;
		form_check_walk(w, rows->rows[r]);
		w->depth--;
	}
}

static void
form_check_field(struct form_check_walk *w, struct form_record *rec, size_t i)
{
	const struct form_field *fd = &rec->def->fields[i];
	enum form_problem_kind kind = FORM_PROBLEM_REQUIRED;
	char *msg = NULL;

	if (fd->type == FT_NOTE)
		return;
	if (fd->type == FT_REPEAT) {
		form_check_rows(w, rec, i);
		return;
	}
	if (str_empty(rec->vals[i])) {
		if (fd->required)
			msg = form_check_say_required(w->set, rec, i);
	} else {
		msg = form_check_value(w, rec, i, &kind);
	}
	if (msg != NULL)
		form_check_add(w, rec->def, i, kind, msg);
}

/* rec is the walk's own copy: the logic is applied to it in place. */
static void
form_check_walk(struct form_check_walk *w, struct form_record *rec)
{
	bool *rel = xcalloc(rec->def->nfields + 1, sizeof *rel);
	size_t i;

	w->logic->apply(w->logic->arg, rec, rel);
	for (i = 0; i < rec->def->nfields; i++)
		if (rel[i])
			form_check_field(w, rec, i);
	free(rel);
}

size_t
form_check_record(const struct form_set *set, const struct form_logic *logic,
    const struct form_record *rec, struct form_problems *out)
{
	struct form_check_walk w = { set, logic, out, NULL, 0, 0, 0 };
	struct form_record *copy = form_record_dup(rec);

	form_check_walk(&w, copy);
	form_record_free(copy);
	free(w.path);
	return w.added;
}

void
form_check_clear(struct form_problems *ps)
{
	size_t i;

	for (i = 0; i < ps->n; i++) {
		free(ps->items[i].path);
		free(ps->items[i].msg);
	}
	free(ps->items);
	memset(ps, 0, sizeof *ps);
}
