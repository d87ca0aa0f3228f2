/*
 * form/type_show: how the built-in types show a stored value: a yes/no as
 * its word, a choice as its label, several choices as their labels, a date
 * with its weekday, each in the language tr translates into (the staff's,
 * or the client's in interpreter view).
 */
#include <stdlib.h>
#include <string.h>

#include "form/internal.h"
#include "form/value.h"
#include "util/date.h"
#include "util/mem.h"
#include "util/str.h"
#include "util/tr.h"

static const char *const form_type_weekdays[8] = {
	"", N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun")
};

char *
form_type_show_yesno(const struct form_set *set, const struct form_record *rec, size_t i,
    const char *(*tr)(const char *))
{
	const char *v = rec->vals[i];

	(void)set;
	return xstrdup(str_eq(v, "yes") ? tr(N_("Yes")) : str_eq(v, "no") ? tr(N_("No")) : v);
}

static const char *
form_type_label(const struct form_set *set, const struct form_field *fd, const char *code,
    const char *(*tr)(const char *))
{
	const struct form_choices *cl = form_set_choices(set, fd->choices);
	const struct form_choice *c = cl != NULL ? form_choice_find(cl, code) : NULL;

	return c != NULL ? tr(c->label) : code;
}

char *
form_type_show_one(const struct form_set *set, const struct form_record *rec, size_t i,
    const char *(*tr)(const char *))
{
	return xstrdup(form_type_label(set, &rec->def->fields[i], rec->vals[i], tr));
}

char *
form_type_show_many(const struct form_set *set, const struct form_record *rec, size_t i,
    const char *(*tr)(const char *))
{
	struct strbuf sb = STRBUF_INIT;
	char *copy = xstrdup(rec->vals[i]), *tok, *save = NULL;

	for (tok = strtok_r(copy, " ", &save); tok != NULL; tok = strtok_r(NULL, " ", &save)) {
		if (sb.len > 0)
			strbuf_puts(&sb, ", ");
		strbuf_puts(&sb, form_type_label(set, &rec->def->fields[i], tok, tr));
	}
	free(copy);
	return strbuf_take(&sb);
}

char *
form_type_show_date(const struct form_set *set, const struct form_record *rec, size_t i,
    const char *(*tr)(const char *))
{
	const char *v = rec->vals[i];
	struct date d;

	(void)set;
	if (!date_parse_iso(v, &d) || strlen(v) != 10)
		return xstrdup(v);
	return xasprintf("%s %s", v, tr(form_type_weekdays[date_weekday(&d)]));
}
