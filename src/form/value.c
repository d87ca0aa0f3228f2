/*
 * form/value: records (one filled-in form with its child rows). The checks
 * of single values are in types.c.
 */
#include "form/value.h"

#include <stdlib.h>
#include <string.h>

#include "form/internal.h"
#include "form/type.h"
#include "util/mem.h"
#include "util/str.h"
#include "util/tr.h"
#include "util/utf8.h"

struct form_record *
form_record_new(const struct form_def *def)
{
	struct form_record *rec = xcalloc(1, sizeof *rec);
	size_t i, n = def->nfields > 0 ? def->nfields : 1;
	int more;

	rec->def = def;
	rec->vals = xcalloc(n, sizeof *rec->vals);
	rec->more = xcalloc(n, sizeof *rec->more);
	rec->kids = xcalloc(n, sizeof *rec->kids);
	for (i = 0; i < def->nfields; i++) {
		more = form_type_ncols(def->fields[i].type) - 1;
		if (more > 0)
			rec->more[i] = xcalloc((size_t)more, sizeof *rec->more[i]);
	}
	return rec;
}

/* How many columns beyond the first field i of rec owns. */
static int
form_record_nmore(const struct form_record *rec, size_t field)
{
	int n = form_type_ncols(rec->def->fields[field].type) - 1;

	return n > 0 ? n : 0;
}

static void
form_record_free_more(struct form_record *rec, size_t field)
{
	int k;

	if (rec->more[field] == NULL)
		return;
	for (k = 0; k < form_record_nmore(rec, field); k++)
		free(rec->more[field][k]);
	free(rec->more[field]);
}

static void
form_rows_clear(struct form_rows *rows)
{
	size_t i;

	for (i = 0; i < rows->n; i++)
		form_record_free(rows->rows[i]);
	free(rows->rows);
	memset(rows, 0, sizeof *rows);
}

void
form_record_free(struct form_record *rec)
{
	size_t i;

	if (rec == NULL)
		return;
	for (i = 0; i < rec->def->nfields; i++) {
		free(rec->vals[i]);
		form_record_free_more(rec, i);
		form_rows_clear(&rec->kids[i]);
	}
	free(rec->vals);
	free(rec->more);
	free(rec->kids);
	free(rec);
}

struct form_record *
form_record_dup(const struct form_record *rec)
{
	struct form_record *copy = form_record_new(rec->def);
	size_t i, j;
	int k;

	copy->id = rec->id;
	copy->case_id = rec->case_id;
	copy->version = rec->version;
	copy->up = rec->up;
	for (i = 0; i < rec->def->nfields; i++) {
		const struct form_rows *from = &rec->kids[i];
		struct form_rows *to = &copy->kids[i];

		copy->vals[i] = xstrdup0(rec->vals[i]);
		for (k = 0; k < form_record_nmore(rec, i); k++)
			copy->more[i][k] = xstrdup0(rec->more[i][k]);
		if (from->n == 0)
			continue;
		to->rows = xcalloc(from->n, sizeof *to->rows);
		to->cap = to->n = from->n;
		for (j = 0; j < from->n; j++) {
			to->rows[j] = form_record_dup(from->rows[j]);
			to->rows[j]->up = copy;
		}
	}
	return copy;
}

void
form_record_set(struct form_record *rec, size_t field, const char *val)
{
	if (field >= rec->def->nfields)
		util_die("form_record_set: field %zu of %zu", field, rec->def->nfields);
	xfree(&rec->vals[field]);
	if (!str_empty(val) && form_type_has_value(rec->def->fields[field].type))
		rec->vals[field] = xstrdup(val);
}

const char *
form_record_get(const struct form_record *rec, size_t field)
{
	if (field >= rec->def->nfields)
		util_die("form_record_get: field %zu of %zu", field, rec->def->nfields);
	return rec->vals[field];
}

const char *
form_record_part(const struct form_record *rec, size_t field, int col)
{
	if (field >= rec->def->nfields || col < 0)
		util_die("form_record_part: field %zu of %zu, column %d", field,
		    rec->def->nfields, col);
	if (col == 0)
		return rec->vals[field];
	return col <= form_record_nmore(rec, field) ? rec->more[field][col - 1] : NULL;
}

void
form_record_set_part(struct form_record *rec, size_t field, int col, const char *val)
{
	char *copy;

	if (field >= rec->def->nfields || col < 0)
		util_die("form_record_set_part: field %zu of %zu, column %d", field,
		    rec->def->nfields, col);
	if (col == 0) {
		form_record_set(rec, field, val);
		return;
	}
	if (col > form_record_nmore(rec, field)) {
		if (val != NULL)
			util_die("form_record_set_part: field %s owns no column %d",
			    rec->def->fields[field].name, col);
		return;
	}
	copy = xstrdup0(val);	/* val may be the column itself */
	free(rec->more[field][col - 1]);
	rec->more[field][col - 1] = copy;
}

struct form_record *
form_record_add_row(struct form_record *rec, size_t field)
{
	struct form_rows *rows;
	struct form_record *kid;

	if (field >= rec->def->nfields || rec->def->fields[field].group == NULL)
		util_die("form_record_add_row: field %zu is no repeat", field);
	rows = &rec->kids[field];
	kid = form_record_new(rec->def->fields[field].group);
	kid->case_id = rec->case_id;
	kid->up = rec;
	rows->rows = xgrow(rows->rows, &rows->cap, rows->n + 1, sizeof *rows->rows);
	rows->rows[rows->n++] = kid;
	return kid;
}

void
form_record_del_row(struct form_record *rec, size_t field, size_t row)
{
	struct form_rows *rows;

	if (field >= rec->def->nfields || row >= rec->kids[field].n)
		util_die("form_record_del_row: field %zu row %zu", field, row);
	rows = &rec->kids[field];
	form_record_free(rows->rows[row]);
	memmove(&rows->rows[row], &rows->rows[row + 1],
	    (rows->n - row - 1) * sizeof *rows->rows);
	rows->n--;
}

/* Byte length of the first n code points of s. */

size_t
form_record_clamp(struct form_record *rec)
{
	size_t i, j, cut = 0;

	for (i = 0; i < rec->def->nfields; i++) {
		int limit = form_field_limit(&rec->def->fields[i]);
		char *v = rec->vals[i];

		if (v != NULL && limit > 0 && utf8_len(v) > (size_t)limit) {
			v[utf8_offset(v, (size_t)limit)] = '\0';
			cut++;
		}
		for (j = 0; j < rec->kids[i].n; j++)
			cut += form_record_clamp(rec->kids[i].rows[j]);
	}
	return cut;
}

char *
form_record_too_long(const struct form_record *rec)
{
	size_t i, j, n;
	char *msg;

	for (i = 0; i < rec->def->nfields; i++) {
		const struct form_field *f = &rec->def->fields[i];
		int limit = form_field_limit(f);

		if (rec->vals[i] != NULL && limit > 0 &&
		    (n = utf8_len(rec->vals[i])) > (size_t)limit)
			return xasprintf(_("%s refused: '%s' holds %zu characters, at most %d "
			    "fit (shorten it)"), _(rec->def->title != NULL ? rec->def->title :
			    rec->def->name), _(f->label != NULL ? f->label : f->name), n, limit);
		for (j = 0; j < rec->kids[i].n; j++)
			if ((msg = form_record_too_long(rec->kids[i].rows[j])) != NULL)
				return msg;
	}
	return NULL;
}
