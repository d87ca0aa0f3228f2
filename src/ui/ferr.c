/* ui/ferr: a field's error made into text at draw time (see ui/ferr.h). */
#include "ui/ferr.h"

#include <stdlib.h>
#include <string.h>

#include "form/type.h"
#include "util/mem.h"
#include "util/tr.h"

struct ui_ferr *
ui_ferr_problem(const struct form_problem *p)
{
	struct ui_ferr *e = xcalloc(1, sizeof *e);

	e->kind = UI_FERR_PROBLEM;
	e->pkind = p->kind;
	e->depth = p->depth;
	if (p->depth > 0) {
		e->path = xcalloc(p->depth, sizeof *e->path);
		memcpy(e->path, p->path, p->depth * sizeof *e->path);
	}
	e->at = p->at;
	e->said = p->msg != NULL ? xstrdup(p->msg) : NULL;
	return e;
}

/* The message form_value_check() gives for text, or NULL when it fits. */
static char *
ui_ferr_value(const struct form_set *set, const struct form_field *fd, const char *text)
{
	char *canon = NULL, *msg = NULL;

	if (text == NULL || form_value_check(set, fd, text, &canon, &msg)) {
		free(canon);
		return NULL;
	}
	return msg;
}

/* Typed text: split by its type's enter (on a copy) or checked by its type. */
static char *
ui_ferr_typed(const struct ui_ferr *e, const struct form_set *set,
    const struct form_record *rec, size_t field)
{
	const struct form_field *fd = &rec->def->fields[field];
	struct form_record *copy;
	char *msg;

	if (form_type(fd->type)->enter == NULL)
		return ui_ferr_value(set, fd, e->typed);
	copy = form_record_dup(rec);
	msg = form_type(fd->type)->enter(set, copy, field, e->typed != NULL ? e->typed : "");
	form_record_free(copy);
	return msg;
}

/* A problem: its row found down the path, "Row N: " for each row it lies in. */
static char *
ui_ferr_text_problem(const struct ui_ferr *e, const struct form_set *set,
    const struct form_record *rec)
{
	const struct form_record *r = rec;
	size_t k;
	char *msg;

	for (k = 0; k < e->depth; k++) {
		const struct form_step *s = &e->path[k];

		if (s->field >= r->def->nfields || r->kids == NULL || s->row >= r->kids[s->field].n)
			return NULL;
		r = r->kids[s->field].rows[s->row];
	}
	if ((msg = form_problem_say(set, r, e->pkind, e->at)) == NULL)
		return NULL;
	return form_problem_in_rows(e->path, e->depth, msg);
}

char *
ui_ferr_text(const struct ui_ferr *e, const struct form_set *set,
    const struct form_record *rec, size_t field)
{
	const struct form_field *fd = &rec->def->fields[field];
	char *msg = NULL;

	if (e->kind == UI_FERR_TYPED)
		msg = ui_ferr_typed(e, set, rec, field);
	else if (e->kind == UI_FERR_RULE && fd->constraint_msg != NULL)
		msg = xstrdup(_(fd->constraint_msg));
	else if (e->kind == UI_FERR_RULE)
		msg = xasprintf(_("The value does not meet the rule %s"),
		    fd->constraint != NULL ? fd->constraint : "");
	else
		msg = ui_ferr_text_problem(e, set, rec);
	return msg != NULL ? msg : xstrdup(e->said != NULL ? e->said : "");
}

void
ui_ferr_free(struct ui_ferr *e)
{
	if (e == NULL)
		return;
	free(e->typed);
	free(e->path);
	free(e->said);
	free(e);
}
