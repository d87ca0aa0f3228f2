/*
 * form/finish: the checks that need every file of the folder: choice lists
 * named by fields, filter fields, column and table names that clash.
 */
#include "form/form.h"

#include <stdlib.h>
#include <string.h>

#include "form/internal.h"
#include "form/type.h"
#include "util/mem.h"
#include "util/tr.h"

/* Every parent of f's list must be a code of the filter field's list. */
static void
form_finish_parents(struct form_set *set, const struct form_field *f,
    const struct form_field *by)
{
	const struct form_choices *list = form_set_choices(set, f->choices);
	const struct form_choices *up = form_set_choices(set, by->choices);
	size_t i, nparents = 0;

	if (list == NULL || up == NULL || list->builtin)
		return;
	for (i = 0; i < list->nitems; i++) {
		const char *parent = list->items[i].parent;

		if (parent == NULL)
			continue;
		nparents++;
		if (!up->builtin && form_choice_find(up, parent) == NULL)
			form_set_error(set, list->file, list->line,
			    _("choice '%s' of list '%s': parent '%s' is not a code of list '%s'"),
			    list->items[i].code, list->name, parent, up->name);
	}
	if (nparents == 0)
		form_set_error(set, list->file, list->line,
		    _("list '%s' has no parent codes, so filter '%s' leaves no choice"),
		    list->name, f->filter);
}

static void
form_finish_filter(struct form_set *set, const struct form_def *def,
    const struct form_field *f)
{
	int i = form_field_index(def, f->filter);

	if (i < 0)
		form_set_error(set, def->file, f->line, _("filter names an unknown field '%s'"),
		    f->filter);
	else if (&def->fields[i] == f)
		form_set_error(set, def->file, f->line, "%s",
		    _("a field cannot filter its choices by itself"));
	else if (def->fields[i].type != FT_SELECT_ONE)
		form_set_error(set, def->file, f->line,
		    _("filter field '%s' must be a select_one field"), f->filter);
	else
		form_finish_parents(set, f, &def->fields[i]);
}

static void
form_finish_field(struct form_set *set, const struct form_def *def,
    const struct form_field *f)
{
	char *cur;

	if (form_type_is_select(f->type) && f->choices != NULL &&
	    form_set_choices(set, f->choices) == NULL)
		form_set_error(set, def->file, f->line, _("unknown choice list '%s'"), f->choices);
	if (f->filter != NULL && form_type_is_select(f->type))
		form_finish_filter(set, def, f);
	if (form_type(f->type)->extra != NULL) {
		cur = xasprintf("%s%s", f->name, form_type(f->type)->extra->suffix);
		if (form_field_index(def, cur) >= 0)
			form_set_error(set, def->file, f->line,
			    _("field '%s' clashes with the currency column of money field '%s'"),
			    cur, f->name);
		free(cur);
	}
}

/* Why text cannot be shown as written in a terminal, or NULL. */
static const char *
form_finish_markdown(const char *text)
{
	const char *s = text, *lt, *br;

	while (*s == ' ')
		s++;
	if (*s == '#')
		return N_("a markdown heading (#)");
	if (strstr(text, "**") != NULL)
		return N_("markdown bold (**)");
	if ((br = strchr(text, '[')) != NULL && strstr(br, "](") != NULL)
		return N_("a markdown link [text](address)");
	for (lt = strchr(text, '<'); lt != NULL; lt = strchr(lt + 1, '<'))
		if ((lt[1] == '/' || (lt[1] >= 'a' && lt[1] <= 'z')) && strchr(lt, '>') != NULL)
			return N_("an HTML tag (<...>)");
	return NULL;
}

struct form_finish_refs {
	struct form_set		*set;
	const struct form_def	*def;
	int			 line;
	const char		*key;
};

/* A ${name} of a text names a field with a value, of the def or around it. */
static void
form_finish_ref(void *arg, const char *name, size_t len)
{
	struct form_finish_refs *r = arg;
	const struct form_def *d;
	char *want = xstrndup(name, len);
	int i = -1;

	for (d = r->def; d != NULL; d = d->parent)
		if ((i = form_field_index(d, want)) >= 0)
			break;
	if (d == NULL || !form_type_has_value(d->fields[i].type))
		form_set_error(r->set, r->def->file, r->line,
		    _("%s: ${%s} names no field with a value"), r->key, want);
	free(want);
}

/* A label, hint, say or heading: plain text; ${name} only of real fields. */
static void
form_finish_text(struct form_set *set, const struct form_def *def, int line,
    const char *key, const char *text)
{
	struct form_finish_refs r = { set, def, line, key };
	const char *why;

	if (text == NULL)
		return;
	if ((why = form_finish_markdown(text)) != NULL)
		form_set_error(set, def->file, line,
		    _("%s: %s cannot be shown in a terminal; write plain text"), key, _(why));
	if (!form_text_refs_ok(text))
		form_set_error(set, def->file, line,
		    _("%s: '${' must start ${name}, a field's name in braces"), key);
	form_text_refs(text, form_finish_ref, &r);
}

static void
form_finish_texts(struct form_set *set, const struct form_def *def)
{
	static const char *const keys[] = { "label", "hint", "say" };
	const struct form_field *f;
	size_t i, k;
	char *who;

	for (i = 0; i < def->nfields; i++) {
		f = &def->fields[i];
		for (k = 0; k < sizeof keys / sizeof keys[0]; k++) {
			who = xasprintf(_("field '%s': %s"), f->name, keys[k]);
			form_finish_text(set, def, f->line, who,
			    k == 0 ? f->label : k == 1 ? f->hint : f->say);
			free(who);
		}
	}
	for (i = 0; i < def->ngroups; i++)
		form_finish_text(set, def, def->groups[i]->line, def->groups[i]->section ?
		    "section" : "group", def->groups[i]->label);
}

static void
form_finish_table(struct form_set *set, const struct form_def *def,
    const struct form_def **seen, size_t *nseen)
{
	size_t i;

	for (i = 0; i < *nseen; i++) {
		if (strcmp(seen[i]->table, def->table) == 0) {
			form_set_error(set, def->file, def->line,
			    _("table '%s' is used by '%s' in %s:%d too"), def->table,
			    seen[i]->name, seen[i]->file, seen[i]->line);
			return;
		}
	}
	seen[(*nseen)++] = def;
}

static void
form_finish_def(struct form_set *set, struct form_def *def, const struct form_def **seen,
    size_t *nseen)
{
	size_t i;

	form_finish_table(set, def, seen, nseen);
	form_def_index(def);
	form_finish_texts(set, def);
	for (i = 0; i < def->nfields; i++) {
		struct form_field *f = &def->fields[i];

		form_finish_field(set, def, f);
		if (f->group == NULL)
			continue;
		free(f->group->table);
		f->group->table = xasprintf("%s_%s", def->table, f->name);
		form_finish_def(set, f->group, seen, nseen);
	}
}

static size_t
form_finish_count(const struct form_def *def)
{
	size_t i, n = 1;

	for (i = 0; i < def->nfields; i++)
		if (def->fields[i].group != NULL)
			n += form_finish_count(def->fields[i].group);
	return n;
}

void
form_set_finish(struct form_set *set)
{
	const struct form_def **seen;
	size_t i, n = 0, nseen = 0;

	for (i = 0; i < set->nforms; i++)
		n += form_finish_count(set->forms[i]);
	seen = xcalloc(n + 1, sizeof *seen);
	for (i = 0; i < set->nforms; i++)
		form_finish_def(set, set->forms[i], seen, &nseen);
	free(seen);
	for (i = 0; i < set->nchoices; i++)
		form_choices_index(set->choices[i]);
}
