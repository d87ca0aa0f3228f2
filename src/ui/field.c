#include "ui/field.h"

#include <stdlib.h>
#include <string.h>

#include "form/type.h"
#include "util/date.h"
#include "util/mem.h"
#include "util/str.h"
#include "util/tr.h"

#define UI_FIELD_SUMMARY_VALUES	4	/* values a row's summary lists */

bool
ui_field_is_text(const struct form_field *fd)
{
	return form_type(fd->type)->typed && !fd->readonly;
}

bool
ui_field_focusable(const struct form_field *fd)
{
	return fd->type != FT_NOTE && fd->type != FT_REPEAT && fd->type != FT_CALCULATED &&
	    !fd->readonly;
}

char *
ui_field_display(const struct form_set *set, const struct form_record *rec, size_t i)
{
	return ui_field_display_tr(set, rec, i, util_tr);
}

char *
ui_field_display_tr(const struct form_set *set, const struct form_record *rec, size_t i,
    ui_field_tr_fn tr)
{
	const struct form_field *fd = &rec->def->fields[i];
	const char *v = rec->vals[i];

	if (str_empty(v))
		return xstrdup("");
	if (form_type(fd->type)->display != NULL)
		return form_type(fd->type)->display(set, rec, i, tr);
	return xstrdup(v);
}

char *
ui_field_edit_text(const struct form_record *rec, size_t i)
{
	const char *v = rec->vals[i];

	return xstrdup(str_empty(v) ? "" : v);	/* a money field shows its currency beside */
}

/* An error of field i: kind, the text typed and the line said now (msg taken). */
static struct ui_ferr *
ui_field_err(enum ui_ferr_kind kind, const char *typed, char *msg)
{
	struct ui_ferr *e = xcalloc(1, sizeof *e);

	e->kind = kind;
	e->typed = xstrdup(typed);
	e->said = msg;
	return e;
}

/* The field's constraint on its stored value: NULL when it holds. */
static struct ui_ferr *
ui_field_constraint(struct db_expr *expr, struct form_record *rec, size_t i)
{
	const struct form_field *fd = &rec->def->fields[i];
	struct ui_ferr *e;

	if (fd->constraint == NULL || str_empty(rec->vals[i]))
		return NULL;
	if (db_expr_truth(expr, fd->constraint, rec, true))
		return NULL;
	e = ui_field_err(UI_FERR_RULE, "", NULL);
	e->said = ui_ferr_text(e, NULL, rec, i);
	return e;
}

struct ui_ferr *
ui_field_commit(const struct form_set *set, struct db_expr *expr, struct form_record *rec,
    size_t i, const char *text)
{
	const struct form_field *fd = &rec->def->fields[i];
	char *t = xstrdup(text != NULL ? text : ""), *canon = NULL, *msg = NULL;
	const char *trimmed = str_trim(t);
	struct ui_ferr *e = NULL;

	if (*trimmed == '\0') {
		form_record_set(rec, i, NULL);
	} else if (form_type(fd->type)->enter != NULL) {
		msg = form_type(fd->type)->enter(set, rec, i, trimmed);
	} else if (form_value_check(set, fd, trimmed, &canon, &msg)) {
		form_record_set(rec, i, canon);
	} else {
		form_record_set(rec, i, trimmed);
	}
	if (msg != NULL)
		e = ui_field_err(UI_FERR_TYPED, trimmed, msg);
	free(canon);
	free(t);
	return e != NULL ? e : ui_field_constraint(expr, rec, i);
}

/* Adds to sb the values of rec's fields that are (or are not) key facts,
 * up to max in all. */
static void
ui_field_summary_add(struct strbuf *sb, const struct form_set *set,
    const struct form_record *rec, bool key, size_t max, size_t *shown)
{
	size_t i;
	char *d;

	for (i = 0; i < rec->def->nfields && *shown < max; i++) {
		if (str_empty(rec->vals[i]) || rec->def->fields[i].summary != key ||
		    rec->def->fields[i].hidden)
			continue;
		d = ui_field_display(set, rec, i);
		if (sb->len > 0)
			strbuf_puts(sb, ", ");
		strbuf_puts(sb, d);
		free(d);
		(*shown)++;
	}
}

char *
ui_field_row_summary(const struct form_set *set, const struct form_record *rec)
{
	return ui_field_row_summary_n(set, rec, UI_FIELD_SUMMARY_VALUES);
}

size_t
ui_field_summary_values(int cols)
{
	return UI_FIELD_SUMMARY_VALUES + (cols > 80 ? (size_t)(cols - 80) / 20 : 0);
}

char *
ui_field_row_summary_n(const struct form_set *set, const struct form_record *rec,
    size_t max)
{
	struct strbuf sb = STRBUF_INIT;
	size_t shown = 0;

	ui_field_summary_add(&sb, set, rec, true, max, &shown);	/* the key facts first */
	ui_field_summary_add(&sb, set, rec, false, max, &shown);
	if (sb.len == 0)
		strbuf_puts(&sb, _("(empty row)"));
	return strbuf_take(&sb);
}
