/*
 * demo/demo_rec: filling records by field name; the names of the forms and
 * fields the workflow table knows come from it (demo_stage, demo_f). The forms
 * may change under the demo: a form, field or choice code it expects but does
 * not find is skipped (or replaced by a choice of the list) and named once in
 * the warnings.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "demo/demo_int.h"
#include "db/expr.h"
#include "db/lifecycle.h"
#include "db/record.h"
#include "form/money.h"
#include "form/workflow.h"
#include "util/mem.h"
#include "util/str.h"
#include "util/tr.h"

void
demo_warn(struct demo *d, const char *fmt, ...)
{
	struct demo_stats *s = d->stats;
	va_list ap;
	char *msg;
	size_t i, cap;

	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) < 0)
		util_die("out of memory");
	va_end(ap);
	for (i = 0; i < s->nwarnings; i++) {
		if (str_eq(s->warnings[i], msg)) {
			free(msg);
			return;
		}
	}
	cap = s->nwarnings;
	s->warnings = xgrow(s->warnings, &cap, s->nwarnings + 1, sizeof *s->warnings);
	s->warnings[s->nwarnings++] = msg;
}

const char *
demo_f(const struct demo *d, enum form_wf_role role)
{
	return form_workflow_field(d->ctx->forms, role);
}

struct form_record *
demo_record(struct demo *d, const char *form, int64_t case_id)
{
	const struct form_def *def = form != NULL ? form_set_find(d->ctx->forms, form) :
	    NULL;
	struct form_record *rec;

	if (def == NULL) {
		demo_warn(d, _("no form '%s': its records were skipped"),
		    form != NULL ? form : DEMO_UNNAMED);
		return NULL;
	}
	rec = form_record_new(def);
	rec->case_id = case_id;
	return rec;
}

struct form_record *
demo_stage(struct demo *d, enum form_wf_stage stage, int64_t case_id)
{
	return demo_record(d, form_workflow_form(d->ctx->forms, stage), case_id);
}

static const struct form_field *
demo_field(struct demo *d, const struct form_record *rec, const char *name,
    size_t *idx)
{
	int i = name != NULL ? form_field_index(rec->def, name) : -1;

	if (i < 0) {
		demo_warn(d, _("form '%s' has no field '%s': skipped"), rec->def->name,
		    name != NULL ? name : DEMO_UNNAMED);
		return NULL;
	}
	*idx = (size_t)i;
	return &rec->def->fields[i];
}

struct form_record *
demo_row(struct demo *d, struct form_record *rec, const char *field)
{
	const struct form_field *f;
	size_t i;

	if (rec == NULL || (f = demo_field(d, rec, field, &i)) == NULL)
		return NULL;
	if (f->type != FT_REPEAT || f->group == NULL) {
		demo_warn(d, _("form '%s': '%s' is no repeat group: skipped"),
		    rec->def->name, field);
		return NULL;
	}
	return form_record_add_row(rec, i);
}

void
demo_set(struct demo *d, struct form_record *rec, const char *field,
    const char *val)
{
	size_t i;

	if (rec != NULL && demo_field(d, rec, field, &i) != NULL)
		form_record_set(rec, i, val);
}

void
demo_setf(struct demo *d, struct form_record *rec, const char *field,
    const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		util_die("out of memory");
	va_end(ap);
	demo_set(d, rec, field, s);
	free(s);
}

void
demo_date(struct demo *d, struct form_record *rec, const char *field, long day)
{
	struct date dt = date_from_days(day);
	char buf[DATE_LEN];

	date_format(&dt, buf);
	demo_set(d, rec, field, buf);
}

void
demo_decimal(char *buf, size_t len, double v)
{
	size_t n;

	snprintf(buf, len, "%.10f", v);
	n = strlen(buf);
	while (n > 1 && buf[n - 1] == '0' && strchr(buf, '.') != NULL)
		buf[--n] = '\0';
	if (n > 0 && buf[n - 1] == '.')
		buf[--n] = '\0';
}

bool
demo_has_code(struct demo *d, const char *list, const char *code)
{
	const struct form_choices *cl = form_set_choices(d->ctx->forms, list);

	return cl != NULL && form_choice_find(cl, code) != NULL;
}

void
demo_money(struct demo *d, struct form_record *rec, const char *field,
    double amount, const char *currency)
{
	size_t i;

	if (rec == NULL || demo_field(d, rec, field, &i) == NULL)
		return;
	demo_setf(d, rec, field, "%.2f", amount);
	if (rec->def->fields[i].type != FT_MONEY)
		return;
	if (!demo_has_code(d, "currency", currency))
		currency = "EUR";
	form_record_set_part(rec, i, FORM_MONEY_CUR, currency);
}

/* The choice list of a select field; NULL (and a warning) when there is none. */
static const struct form_choices *
demo_list(struct demo *d, struct form_record *rec, const char *field, size_t *idx)
{
	const struct form_field *f;
	const struct form_choices *cl;

	if (rec == NULL || (f = demo_field(d, rec, field, idx)) == NULL)
		return NULL;
	cl = f->choices != NULL ? form_set_choices(d->ctx->forms, f->choices) : NULL;
	if (cl == NULL || cl->nitems == 0) {
		demo_warn(d, _("form '%s': field '%s' has no choices: skipped"),
		    rec->def->name, field);
		return NULL;
	}
	return cl;
}

void
demo_pick_idx(struct demo *d, struct form_record *rec, const char *field,
    size_t idx)
{
	const struct form_choices *cl;
	size_t i;

	if ((cl = demo_list(d, rec, field, &i)) != NULL)
		form_record_set(rec, i, cl->items[idx % cl->nitems].code);
}

void
demo_pick(struct demo *d, struct form_record *rec, const char *field,
    const char *code)
{
	const struct form_choices *cl;
	size_t i;
	long k;

	if ((cl = demo_list(d, rec, field, &i)) == NULL)
		return;
	if (form_choice_find(cl, code) != NULL) {
		form_record_set(rec, i, code);
		return;
	}
	demo_warn(d, _("choice list '%s' has no code '%s': chose others by chance"),
	    cl->name, code);
	k = demo_range(d, 0, (long)cl->nitems - 1);
	form_record_set(rec, i, cl->items[k].code);
}

void
demo_pick_w(struct demo *d, struct form_record *rec, const char *field,
    const struct demo_w *w)
{
	demo_pick(d, rec, field, demo_weighted(d, w));
}

void
demo_many(struct demo *d, struct form_record *rec, const char *field,
    const char *codes)
{
	const struct form_choices *cl;
	struct strbuf sb = STRBUF_INIT;
	char *copy, *tok, *save = NULL;
	size_t i;

	if ((cl = demo_list(d, rec, field, &i)) == NULL)
		return;
	copy = xstrdup(codes);
	for (tok = strtok_r(copy, " ", &save); tok != NULL; tok = strtok_r(NULL, " ", &save)) {
		if (form_choice_find(cl, tok) == NULL) {
			demo_warn(d, _("choice list '%s' has no code '%s': left out"),
			    cl->name, tok);
			continue;
		}
		if (sb.len > 0)
			strbuf_putc(&sb, ' ');
		strbuf_puts(&sb, tok);
	}
	free(copy);
	if (sb.len == 0)
		strbuf_puts(&sb, cl->items[demo_range(d, 0, (long)cl->nitems - 1)].code);
	form_record_set(rec, i, sb.s);
	strbuf_free(&sb);
}

void
demo_many_any(struct demo *d, struct form_record *rec, const char *field, size_t n)
{
	const struct form_choices *cl;
	struct strbuf sb = STRBUF_INIT;
	bool taken[64] = { false };
	size_t i, k, got = 0, tries;

	if ((cl = demo_list(d, rec, field, &i)) == NULL)
		return;
	for (tries = 0; got < n && tries < 4 * n + 4; tries++) {
		k = (size_t)demo_range(d, 0, (long)cl->nitems - 1);
		if (k < 64 && taken[k])
			continue;
		if (k < 64)
			taken[k] = true;
		if (str_eq(cl->items[k].code, "none") && n > 1)
			continue;
		if (sb.len > 0)
			strbuf_putc(&sb, ' ');
		strbuf_puts(&sb, cl->items[k].code);
		got++;
	}
	form_record_set(rec, i, sb.len > 0 ? sb.s : cl->items[0].code);
	strbuf_free(&sb);
}

/* Names required fields that the demo left empty (the form grew one): the
 * record's check (form/check), as a save from the screen makes it. */
static void
demo_check(struct demo *d, const struct form_record *rec)
{
	struct form_logic logic = db_expr_logic(d->ctx->expr);
	struct form_problems ps = { 0 };
	const struct form_problem *p;
	size_t k;

	form_check_record(d->ctx->forms, &logic, rec, &ps);
	for (k = 0; k < ps.n; k++) {
		p = &ps.items[k];
		if (p->kind == FORM_PROBLEM_REQUIRED)
			demo_warn(d, _("form '%s': required field '%s' left empty"),
			    p->def->name, p->def->fields[p->at].name);
	}
	form_check_clear(&ps);
}

void
demo_at(struct demo *d, long day)
{
	struct date_time t;

	if (day != d->clock_day) {
		d->clock_day = day;
		d->clock_min = 8 * 60 + (int)demo_range(d, 0, 90);
	} else if (d->clock_min < 23 * 60)
		d->clock_min += (int)demo_range(d, 2, 20);
	t.date = date_from_days(day);
	t.hour = d->clock_min / 60;
	t.min = d->clock_min % 60;
	date_clock_set(&t);
}

/* As the program saves: the lifecycle rules, the save, the status it moves to. */
int
demo_store(struct demo *d, struct form_record *rec, char **err)
{
	struct db *db = d->ctx->db;
	enum db_status st;

	demo_at(d, d->day);
	db_expr_apply(d->ctx->expr, rec, false, NULL);
	demo_check(d, rec);
	st = db_lifecycle_save(db, rec, NULL, err);
	if (st != DB_OK)
		return 1;
	d->stats->records += rec->version == 1;
	return 0;
}

int
demo_save(struct demo *d, struct form_record *rec, char **err)
{
	int rc;

	if (rec == NULL)
		return 0;
	rc = demo_store(d, rec, err);
	form_record_free(rec);
	return rc;
}
