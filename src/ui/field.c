#include "ui/field.h"

#include <stdlib.h>
#include <string.h>

#include "form/type.h"
#include "util/date.h"
#include "util/mem.h"
#include "util/str.h"
#include "util/tr.h"

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

static char *
ui_field_constraint(const struct form_set *set, struct db_expr *expr,
    struct form_record *rec, size_t i)
{
	const struct form_field *fd = &rec->def->fields[i];

	(void)set;
	if (fd->constraint == NULL || str_empty(rec->vals[i]))
		return NULL;
	if (db_expr_truth(expr, fd->constraint, rec, true))
		return NULL;
	if (fd->constraint_msg != NULL)
		return xstrdup(_(fd->constraint_msg));
	return xasprintf(_("The value does not meet the rule %s"), fd->constraint);
}

char *
ui_field_commit(const struct form_set *set, struct db_expr *expr, struct form_record *rec,
    size_t i, const char *text)
{
	const struct form_field *fd = &rec->def->fields[i];
	char *t = xstrdup(text != NULL ? text : ""), *canon = NULL, *msg = NULL;
	const char *trimmed = str_trim(t);

	if (*trimmed == '\0') {
		form_record_set(rec, i, NULL);
	} else if (form_type(fd->type)->enter != NULL) {
		msg = form_type(fd->type)->enter(set, rec, i, trimmed);
	} else if (form_value_check(set, fd, trimmed, &canon, &msg)) {
		form_record_set(rec, i, canon);
	} else {
		form_record_set(rec, i, trimmed);
	}
	free(canon);
	free(t);
	if (msg == NULL)
		msg = ui_field_constraint(set, expr, rec, i);
	return msg;
}

char *
ui_field_row_summary(const struct form_set *set, const struct form_record *rec)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i, shown = 0;
	char *d;

	for (i = 0; i < rec->def->nfields && shown < 4; i++) {
		if (str_empty(rec->vals[i]))
			continue;
		d = ui_field_display(set, rec, i);
		if (sb.len > 0)
			strbuf_puts(&sb, ", ");
		strbuf_puts(&sb, d);
		free(d);
		shown++;
	}
	if (sb.len == 0)
		strbuf_puts(&sb, _("(empty row)"));
	return strbuf_take(&sb);
}
