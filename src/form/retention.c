/*
 * form/retention: the list of kept values (forms/retention), parsed and
 * verified against the forms.
 */
#include "form/retention.h"

#include <stdlib.h>
#include <string.h>

#include "util/mem.h"
#include "util/str.h"
#include "util/tr.h"

struct form_retention_line {
	char		*form;
	char		*field;		/* FIELD or GROUP.FIELD */
	enum form_keep	 keep;
	int		 line;
};

struct form_retention {
	char				*file;
	struct form_retention_line	*lines;
	size_t				 n, cap;
};

/* The next blank-separated word of *s (NUL-terminated in place), or NULL at
 * the end or a comment. */
static char *
form_retention_word(char **s)
{
	char *w = *s;

	while (*w == ' ' || *w == '\t')
		w++;
	if (*w == '\0' || *w == '#')
		return NULL;
	*s = w + strcspn(w, " \t");
	if (**s != '\0')
		*(*s)++ = '\0';
	return w;
}

static enum form_keep
form_retention_how(const char *w)
{
	if (w == NULL)
		return FORM_KEEP_ALL;
	if (strcmp(w, "month") == 0)
		return FORM_KEEP_MONTH;
	if (strcmp(w, "year") == 0)
		return FORM_KEEP_YEAR;
	return FORM_KEEP_NONE;
}

static void
form_retention_line(struct form_set *set, struct form_retention *r, char *text, int line)
{
	char *kw = form_retention_word(&text), *form, *field, *how;
	enum form_keep keep;

	if (kw == NULL)
		return;
	form = form_retention_word(&text);
	field = form != NULL ? form_retention_word(&text) : NULL;
	how = field != NULL ? form_retention_word(&text) : NULL;
	if (strcmp(kw, "keep") != 0 || field == NULL ||
	    (how != NULL && form_retention_word(&text) != NULL)) {
		form_set_error(set, r->file, line, "%s",
		    _("expected 'keep FORM FIELD [month|year]'"));
		return;
	}
	if ((keep = form_retention_how(how)) == FORM_KEEP_NONE) {
		form_set_error(set, r->file, line, _("'%s' is not month or year"), how);
		return;
	}
	r->lines = xgrow(r->lines, &r->cap, r->n + 1, sizeof *r->lines);
	r->lines[r->n++] = (struct form_retention_line){ xstrdup(form), xstrdup(field), keep,
	    line };
}

void
form_retention_parse(struct form_set *set, const char *name, const char *text)
{
	struct form_retention *r;
	char *copy, *line, *next;
	int no = 0;

	if (set->retention != NULL) {
		form_set_error(set, name, 0, "%s", _("a second retention list"));
		return;
	}
	r = xcalloc(1, sizeof *r);
	r->file = xstrdup(name);
	set->retention = r;
	copy = xstrdup(text);
	for (line = copy; line != NULL; line = next) {
		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		line[strcspn(line, "\r")] = '\0';
		form_retention_line(set, r, line, ++no);
	}
	free(copy);
}

/* The field a line names, or NULL (the msgid of why in *why). */
static const struct form_field *
form_retention_find(const struct form_set *set, const struct form_retention_line *l,
    const char **why)
{
	const struct form_def *def = form_set_find(set, l->form);
	const char *dot = strchr(l->field, '.');
	char *group;
	int k;

	if (def == NULL || def->parent != NULL) {
		*why = N_("no form '%s'");
		return NULL;
	}
	if (dot != NULL) {
		group = xstrndup(l->field, (size_t)(dot - l->field));
		k = form_field_index(def, group);
		free(group);
		if (k < 0 || def->fields[k].type != FT_REPEAT) {
			*why = N_("form '%s' has no repeat group of that name");
			return NULL;
		}
		def = def->fields[k].group;
	}
	k = form_field_index(def, dot != NULL ? dot + 1 : l->field);
	if (k < 0 || !form_type_has_value(def->fields[k].type)) {
		*why = N_("form '%s' has no field of that name that holds a value");
		return NULL;
	}
	return &def->fields[k];
}

void
form_retention_check(struct form_set *set)
{
	const struct form_retention *r = set->retention;
	const struct form_field *f;
	const char *why = NULL;
	size_t i;

	for (i = 0; r != NULL && i < r->n; i++) {
		if ((f = form_retention_find(set, &r->lines[i], &why)) == NULL)
			form_set_error(set, r->file, r->lines[i].line, _(why), r->lines[i].form);
		else if (r->lines[i].keep != FORM_KEEP_ALL && f->type != FT_DATE &&
		    f->type != FT_DATETIME)
			form_set_error(set, r->file, r->lines[i].line,
			    _("field '%s' is not a date: it is kept whole or not at all"),
			    r->lines[i].field);
	}
}

void
form_retention_free(struct form_retention *r)
{
	size_t i;

	if (r == NULL)
		return;
	for (i = 0; i < r->n; i++) {
		free(r->lines[i].form);
		free(r->lines[i].field);
	}
	free(r->lines);
	free(r->file);
	free(r);
}

/* The repeat field of def's parent whose group is def, or NULL. */
static const char *
form_retention_group(const struct form_def *def)
{
	size_t i;

	for (i = 0; i < def->parent->nfields; i++)
		if (def->parent->fields[i].group == def)
			return def->parent->fields[i].name;
	return NULL;
}

/* Line l names field f of def (group: the repeat field def is the rows of). */
static bool
form_retention_names(const struct form_retention_line *l, const struct form_def *top,
    const char *group, const struct form_field *f)
{
	size_t glen = group != NULL ? strlen(group) : 0;
	const char *name = l->field;

	if (strcmp(l->form, top->name) != 0)
		return false;
	if (group == NULL)
		return strcmp(name, f->name) == 0;
	return strncmp(name, group, glen) == 0 && name[glen] == '.' &&
	    strcmp(name + glen + 1, f->name) == 0;
}

enum form_keep
form_retention_keep(const struct form_set *set, const struct form_def *def,
    const struct form_field *f)
{
	const struct form_retention *r = set != NULL ? set->retention : NULL;
	const struct form_def *top = def->parent != NULL ? def->parent : def;
	const char *group = def->parent != NULL ? form_retention_group(def) : NULL;
	size_t i;

	if (def->parent != NULL && group == NULL)
		return FORM_KEEP_NONE;
	for (i = 0; r != NULL && i < r->n; i++)
		if (form_retention_names(&r->lines[i], top, group, f))
			return r->lines[i].keep;
	return FORM_KEEP_NONE;
}
