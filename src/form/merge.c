/*
 * form/merge: three-way comparison of records and their repeat rows (rows
 * matched by id), and the merge that applies only the user's picks on top of
 * the other user's version.
 */
#include "form/merge.h"

#include <stdlib.h>
#include <string.h>

#include "form/type.h"
#include "util/mem.h"
#include "util/str.h"

/* Where the differences of one record (or row) go, and what they belong to. */
struct form_merge_at {
	struct form_merge	*out;
	size_t			 field;	/* the record's field (a repeat, in a row) */
	bool			 in_row;
	int64_t			 row_id;
	const struct form_record *mine_row;
	const struct form_record *theirs_row;
	size_t			 mine_pos;
	size_t			 theirs_pos;
};

static bool
form_merge_compared(const struct form_field *fd)
{
	return form_type_has_value(fd->type) && fd->type != FT_CALCULATED;
}

static const char *
form_merge_val(const struct form_record *rec, size_t i)
{
	return rec == NULL || str_empty(rec->vals[i]) ? NULL : rec->vals[i];
}

static const char *
form_merge_part(const struct form_record *rec, size_t i, int k)
{
	const char *v = rec == NULL ? NULL : form_record_part(rec, i, k);

	return str_empty(v) ? NULL : v;
}

/* The columns of field i to compare and copy: at least its value. */
static int
form_merge_ncols(const struct form_record *rec, size_t i)
{
	int n = form_type_ncols(rec->def->fields[i].type);

	return n > 1 ? n : 1;
}

/* Field i holds the same on both (NULL: a record with every field empty). */
static bool
form_merge_same(const struct form_record *a, const struct form_record *b, size_t i)
{
	const struct form_record *r = a != NULL ? a : b;
	int k;

	if (!str_eq(form_merge_val(a, i), form_merge_val(b, i)))
		return false;
	for (k = 1; r != NULL && k < form_merge_ncols(r, i); k++)
		if (!str_eq(form_merge_part(a, i, k), form_merge_part(b, i, k)))
			return false;
	return true;
}

static bool
form_merge_rows_same(const struct form_record *a, const struct form_record *b)
{
	size_t i;

	for (i = 0; i < a->def->nfields; i++)
		if (form_merge_compared(&a->def->fields[i]) && !form_merge_same(a, b, i))
			return false;
	return true;
}

static enum form_merge_pick
form_merge_default(enum form_merge_who who)
{
	return who == FM_BY_THEIRS ? FM_PICK_THEIRS : who == FM_BY_MINE ? FM_PICK_MINE :
	    FM_UNDECIDED;
}

static void
form_merge_add(const struct form_merge_at *at, enum form_merge_kind kind,
    enum form_merge_who who, size_t sub)
{
	struct form_merge *m = at->out;
	struct form_merge_diff *d;

	m->d = xgrow(m->d, &m->cap, m->n + 1, sizeof *m->d);
	d = &m->d[m->n++];
	memset(d, 0, sizeof *d);
	d->kind = kind;
	d->who = who;
	d->pick = form_merge_default(who);
	d->field = at->field;
	d->in_row = at->in_row;
	d->sub = sub;
	d->row_id = at->row_id;
	d->mine_row = at->mine_row;
	d->theirs_row = at->theirs_row;
	d->mine_pos = at->mine_pos;
	d->theirs_pos = at->theirs_pos;
}

/* Who changed something that differs, seen from base (NULL: not known). */
static enum form_merge_who
form_merge_who_of(bool have_base, bool mine_as_base, bool theirs_as_base)
{
	if (!have_base)
		return FM_BY_BOTH;
	if (mine_as_base)
		return FM_BY_THEIRS;
	return theirs_as_base ? FM_BY_MINE : FM_BY_BOTH;
}

/* The valued fields of one record or row; base may be NULL. */
static void
form_merge_values(const struct form_merge_at *at, const struct form_record *base,
    const struct form_record *mine, const struct form_record *theirs)
{
	size_t i;

	for (i = 0; i < mine->def->nfields; i++) {
		if (!form_merge_compared(&mine->def->fields[i]) ||
		    form_merge_same(mine, theirs, i))
			continue;
		form_merge_add(at, FM_VALUE, form_merge_who_of(base != NULL,
		    base != NULL && form_merge_same(base, mine, i),
		    base != NULL && form_merge_same(base, theirs, i)), i);
	}
}

/* The row of rows whose id is id (never a row without one); *pos 1-based. */
static const struct form_record *
form_merge_find(const struct form_rows *rows, int64_t id, size_t *pos)
{
	size_t r;

	for (r = 0; id != 0 && rows != NULL && r < rows->n; r++)
		if (rows->rows[r]->id == id) {
			if (pos != NULL)
				*pos = r + 1;
			return rows->rows[r];
		}
	if (pos != NULL)
		*pos = 0;
	return NULL;
}

/* Each row of theirs: changed values where the user holds it too, else a row
 * they added or the user removed. */
static void
form_merge_theirs_rows(struct form_merge_at *at, const struct form_rows *b,
    const struct form_rows *m, const struct form_rows *t)
{
	const struct form_record *br, *mr;
	size_t r;

	for (r = 0; r < t->n; r++) {
		at->theirs_row = t->rows[r];
		at->theirs_pos = r + 1;
		at->row_id = t->rows[r]->id;
		br = form_merge_find(b, at->row_id, NULL);
		mr = form_merge_find(m, at->row_id, &at->mine_pos);
		at->mine_row = mr;
		if (mr != NULL)
			form_merge_values(at, br, mr, t->rows[r]);
		else if (br != NULL)	/* the user removed it */
			form_merge_add(at, FM_ROW, form_merge_rows_same(br, t->rows[r]) ?
			    FM_BY_MINE : FM_BY_BOTH, 0);
		else			/* they added it */
			form_merge_add(at, FM_ROW, b != NULL ? FM_BY_THEIRS : FM_BY_BOTH, 0);
	}
}

/* Each row of mine that theirs does not hold: added by the user, or removed
 * by them. */
static void
form_merge_mine_rows(struct form_merge_at *at, const struct form_rows *b,
    const struct form_rows *m, const struct form_rows *t)
{
	const struct form_record *br;
	size_t r;

	for (r = 0; r < m->n; r++) {
		if (form_merge_find(t, m->rows[r]->id, NULL) != NULL)
			continue;
		at->mine_row = m->rows[r];
		at->mine_pos = r + 1;
		at->theirs_row = NULL;
		at->theirs_pos = 0;
		at->row_id = m->rows[r]->id;
		br = form_merge_find(b, at->row_id, NULL);
		if (at->row_id == 0)
			form_merge_add(at, FM_ROW, FM_BY_MINE, 0);
		else
			form_merge_add(at, FM_ROW, br != NULL &&
			    form_merge_rows_same(br, m->rows[r]) ? FM_BY_THEIRS : FM_BY_BOTH, 0);
	}
}

static void
form_merge_case(struct form_merge_at *at, const struct form_record *base,
    const struct form_record *mine, const struct form_record *theirs)
{
	if (mine->case_id == theirs->case_id)
		return;
	form_merge_add(at, FM_CASE, form_merge_who_of(base != NULL,
	    base != NULL && base->case_id == mine->case_id,
	    base != NULL && base->case_id == theirs->case_id), 0);
}

void
form_merge_diff(const struct form_record *base, const struct form_record *mine,
    const struct form_record *theirs, struct form_merge *out)
{
	struct form_merge_at at = { .out = out };
	size_t i;

	memset(out, 0, sizeof *out);
	form_merge_case(&at, base, mine, theirs);
	for (i = 0; i < mine->def->nfields; i++) {
		const struct form_field *fd = &mine->def->fields[i];

		memset(&at, 0, sizeof at);
		at.out = out;
		at.field = i;
		if (form_merge_compared(fd) && !form_merge_same(mine, theirs, i)) {
			form_merge_add(&at, FM_VALUE, form_merge_who_of(base != NULL,
			    base != NULL && form_merge_same(base, mine, i),
			    base != NULL && form_merge_same(base, theirs, i)), i);
		} else if (fd->type == FT_REPEAT && fd->group != NULL) {
			at.in_row = true;
			form_merge_theirs_rows(&at, base != NULL ? &base->kids[i] : NULL,
			    &mine->kids[i], &theirs->kids[i]);
			form_merge_mine_rows(&at, base != NULL ? &base->kids[i] : NULL,
			    &mine->kids[i], &theirs->kids[i]);
		}
	}
}

void
form_merge_free(struct form_merge *m)
{
	free(m->d);
	memset(m, 0, sizeof *m);
}

bool
form_merge_decided(const struct form_merge *m)
{
	size_t k;

	for (k = 0; k < m->n; k++)
		if (m->d[k].pick == FM_UNDECIDED)
			return false;
	return true;
}

void
form_merge_pick_all(struct form_merge *m, enum form_merge_pick pick)
{
	size_t k;

	for (k = 0; k < m->n; k++)
		if (m->d[k].who == FM_BY_BOTH || m->d[k].pick == FM_UNDECIDED)
			m->d[k].pick = pick;
}

/* Copies field i (every column it owns) from one record to another. */
static void
form_merge_take(struct form_record *to, const struct form_record *from, size_t i)
{
	int k;

	form_record_set(to, i, from->vals[i]);
	for (k = 1; k < form_merge_ncols(to, i); k++)
		form_record_set_part(to, i, k, form_record_part(from, i, k));
}

/* A copy of a row of mine to be inserted: it and its rows lose their ids. */
static struct form_record *
form_merge_new_row(const struct form_record *row)
{
	struct form_record *copy = form_record_dup(row);
	size_t i, r;

	copy->id = 0;
	for (i = 0; i < copy->def->nfields; i++)
		for (r = 0; r < copy->kids[i].n; r++)
			copy->kids[i].rows[r]->id = 0;
	return copy;
}

static void
form_merge_append(struct form_rows *rows, struct form_record *row)
{
	rows->rows = xgrow(rows->rows, &rows->cap, rows->n + 1, sizeof *rows->rows);
	rows->rows[rows->n++] = row;
}

/* The picks that belong to one row of repeat field i, applied to row. */
static void
form_merge_apply_row(struct form_record *row, const struct form_merge *m, size_t i,
    const struct form_record *theirs_row)
{
	size_t k;

	for (k = 0; k < m->n; k++) {
		const struct form_merge_diff *d = &m->d[k];

		if (d->kind == FM_VALUE && d->in_row && d->field == i &&
		    d->theirs_row == theirs_row && d->pick == FM_PICK_MINE)
			form_merge_take(row, d->mine_row, d->sub);
	}
}

/* The FM_ROW difference of a row (by the side's pointer), or NULL. */
static const struct form_merge_diff *
form_merge_row_diff(const struct form_merge *m, const struct form_record *row)
{
	size_t k;

	for (k = 0; k < m->n; k++)
		if (m->d[k].kind == FM_ROW &&
		    (m->d[k].theirs_row == row || m->d[k].mine_row == row))
			return &m->d[k];
	return NULL;
}

/* Repeat field i: theirs' rows in their order (less those the user picked
 * removed, with the user's picked values), then the rows of mine picked in. */
static void
form_merge_apply_rows(struct form_record *out, const struct form_record *mine,
    const struct form_record *theirs, const struct form_merge *m, size_t i)
{
	const struct form_rows *t = &theirs->kids[i], *mr = &mine->kids[i];
	const struct form_merge_diff *d;
	struct form_rows rows = { 0 };
	size_t r;

	for (r = 0; r < t->n; r++) {
		d = form_merge_row_diff(m, t->rows[r]);
		if (d != NULL && d->pick == FM_PICK_MINE)
			continue;
		form_merge_append(&rows, form_record_dup(t->rows[r]));
		form_merge_apply_row(rows.rows[rows.n - 1], m, i, t->rows[r]);
	}
	for (r = 0; r < mr->n; r++) {
		d = form_merge_row_diff(m, mr->rows[r]);
		if (d != NULL && d->theirs_row == NULL && d->pick == FM_PICK_MINE)
			form_merge_append(&rows, form_merge_new_row(mr->rows[r]));
	}
	for (r = 0; r < out->kids[i].n; r++)
		form_record_free(out->kids[i].rows[r]);
	free(out->kids[i].rows);
	out->kids[i] = rows;
}

struct form_record *
form_merge_apply(const struct form_record *mine, const struct form_record *theirs,
    const struct form_merge *m)
{
	struct form_record *out = form_record_dup(theirs);
	size_t i, k;

	for (k = 0; k < m->n; k++) {
		const struct form_merge_diff *d = &m->d[k];

		if (d->pick != FM_PICK_MINE)
			continue;
		if (d->kind == FM_CASE)
			out->case_id = mine->case_id;
		else if (d->kind == FM_VALUE && !d->in_row)
			form_merge_take(out, mine, d->field);
	}
	for (i = 0; i < out->def->nfields; i++)
		if (out->def->fields[i].type == FT_REPEAT && out->def->fields[i].group != NULL)
			form_merge_apply_rows(out, mine, theirs, m, i);
	return out;
}
