/*
 * form/form: the form set, its errors, look-ups and type names. The parser
 * is in parse.c, the cross-checks in finish.c, the writer in write.c.
 */
#include "form/form.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form/internal.h"
#include "form/type.h"
#include "form/perm.h"
#include "form/retention.h"
#include "form/workflow.h"
#include "util/mem.h"
#include "util/str.h"

/* Filled by iso-codes (i18n) after the set is made. */
static const char *const form_builtin_lists[] = { "country", "language", "currency" };

const char *
form_type_name(enum form_type t)
{
	if ((unsigned)t >= FT__COUNT)
		return "?";
	return form_type(t)->name;
}

static const char *const form_class_names[FC__COUNT] = {
	[FC_IDENTITY] = "identity", [FC_HEALTH] = "health", [FC_LEGAL] = "legal",
	[FC_DOCUMENTS] = "documents", [FC_PAYMENTS] = "payments"
};

const char *
form_class_name(enum form_class c)
{
	return (unsigned)c < FC__COUNT ? form_class_names[c] : NULL;
}

bool
form_class_from_name(const char *name, enum form_class *c)
{
	int i;

	for (i = 1; i < FC__COUNT; i++)
		if (strcmp(form_class_names[i], name) == 0) {
			*c = (enum form_class)i;
			return true;
		}
	return false;
}

static const char *const form_search_names[FS__COUNT] = {
	[FS_NAME] = "name", [FS_PHONE] = "phone", [FS_CASENO] = "caseno",
	[FS_BIRTH] = "birth", [FS_NATIONALITY] = "citizenship"
};

const char *
form_search_name(enum form_search k)
{
	return (unsigned)k < FS__COUNT ? form_search_names[k] : NULL;
}

bool
form_search_from_name(const char *name, enum form_search *k)
{
	int i;

	for (i = 1; i < FS__COUNT; i++)
		if (strcmp(form_search_names[i], name) == 0) {
			*k = (enum form_search)i;
			return true;
		}
	return false;
}

bool
form_type_from_name(const char *name, enum form_type *t)
{
	int i;

	for (i = 0; i < FT__COUNT; i++) {
		if (strcmp(form_type((enum form_type)i)->name, name) == 0) {
			*t = (enum form_type)i;
			return true;
		}
	}
	return false;
}

/* A type owns a column when it holds a value (not note, not repeat). */
bool
form_type_has_value(enum form_type t)
{
	return form_type(t)->coltype != NULL;
}

bool
form_type_is_numeric(enum form_type t)
{
	return form_type(t)->numeric;
}

bool
form_type_is_select(enum form_type t)
{
	return form_type(t)->select;
}

/* Characters a value may hold (forms/README.md): see form/type.h. */
int
form_field_limit(const struct form_field *f)
{
	if (f->length > 0)
		return f->length;
	return (unsigned)f->type < FT__COUNT ? form_type(f->type)->len_default : 0;
}

int
form_type_length_most(enum form_type t)
{
	return (unsigned)t < FT__COUNT ? form_type(t)->len_most : 0;
}

struct form_set *
form_set_new(void)
{
	struct form_set *set = xcalloc(1, sizeof *set);
	size_t i, n = sizeof form_builtin_lists / sizeof form_builtin_lists[0];

	for (i = 0; i < n; i++) {
		struct form_choices *c = form_choices_new(set, form_builtin_lists[i], NULL, 0);

		c->builtin = true;
	}
	return set;
}

struct form_choices *
form_choices_new(struct form_set *set, const char *name, const char *file, int line)
{
	struct form_choices *c = xcalloc(1, sizeof *c);

	c->name = xstrdup(name);
	c->file = xstrdup0(file);
	c->line = line;
	set->choices = xrealloc(set->choices, (set->nchoices + 1) * sizeof *set->choices);
	set->choices[set->nchoices++] = c;
	return c;
}

void
form_choices_free(struct form_choices *c)
{
	size_t i;

	for (i = 0; i < c->nitems; i++) {
		free(c->items[i].code);
		free(c->items[i].label);
		free(c->items[i].parent);
	}
	free(c->items);
	free(c->by_code);
	free(c->name);
	free(c->file);
	free(c);
}

static void
form_field_free(struct form_field *f)
{
	free(f->name);
	free(f->label);
	free(f->hint);
	free(f->say);
	free(f->section);
	free(f->choices);
	free(f->filter);
	free(f->relevant);
	free(f->constraint);
	free(f->constraint_msg);
	free(f->default_expr);
	free(f->calc);
	free(f->min);
	free(f->max);
	free(f->count);
	free(f->was);
	if (f->group != NULL)
		form_def_free(f->group);
}

void
form_def_free(struct form_def *def)
{
	size_t i;

	for (i = 0; i < def->nfields; i++)
		form_field_free(&def->fields[i]);
	for (i = 0; i < def->ngroups; i++) {
		free(def->groups[i]->label);
		free(def->groups[i]->relevant);
		free(def->groups[i]);
	}
	free(def->groups);
	free(def->fields);
	free(def->by_name);
	free(def->name);
	free(def->table);
	free(def->title);
	free(def->hint);
	free(def->file);
	free(def);
}

void
form_set_free(struct form_set *set)
{
	size_t i;

	if (set == NULL)
		return;
	for (i = 0; i < set->nforms; i++)
		form_def_free(set->forms[i]);
	for (i = 0; i < set->nchoices; i++)
		form_choices_free(set->choices[i]);
	for (i = 0; i < set->nerrors; i++)
		free(set->errors[i]);
	free(set->forms);
	free(set->choices);
	free(set->errors);
	form_workflow_free(set->workflow);
	form_perms_free(set->perms);
	form_retention_free(set->retention);
	free(set);
}

void
form_set_error(struct form_set *set, const char *file, int line, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;
	char *msg;
	int n;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	if (line > 0)
		strbuf_printf(&sb, "%s:%d: %s", file, line, msg);
	else
		strbuf_printf(&sb, "%s: %s", file, msg);
	free(msg);
	for (n = 0; (size_t)n < sb.len; n++)	/* no escape sequences reach a terminal */
		if ((unsigned char)sb.s[n] < 0x20 || sb.s[n] == 0x7f)
			sb.s[n] = '?';
	set->errors = xrealloc(set->errors, (set->nerrors + 1) * sizeof *set->errors);
	set->errors[set->nerrors++] = strbuf_take(&sb);
}

struct form_def *
form_set_find(const struct form_set *set, const char *name)
{
	size_t i;

	for (i = 0; i < set->nforms; i++)
		if (strcmp(set->forms[i]->name, name) == 0)
			return set->forms[i];
	return NULL;
}

struct form_choices *
form_set_choices(const struct form_set *set, const char *name)
{
	size_t i;

	for (i = 0; i < set->nchoices; i++) {
		if (strcmp(set->choices[i]->name, name) != 0)
			continue;
		if (set->choices[i]->builtin && set->choices[i]->nitems == 0 && set->fill != NULL)
			set->fill(set->choices[i]);
		return set->choices[i];
	}
	return NULL;
}


/* Names in an array of structs: the char * at offset off of each element. */
struct form_names {
	const char	*base;
	size_t		 stride;
	size_t		 off;
	size_t		 n;
};

static const char *
form_name_at(const struct form_names *nm, size_t i)
{
	return *(char *const *)(const void *)(nm->base + i * nm->stride + nm->off);
}

static int
form_names_cmp(const void *a, const void *b, void *arg)
{
	return strcmp(form_name_at(arg, *(const size_t *)a), form_name_at(arg, *(const size_t *)b));
}

/* The element indices in name order (malloc'd). */
static size_t *
form_names_index(struct form_names nm)
{
	size_t *idx = xcalloc(nm.n + 1, sizeof *idx), i;

	for (i = 0; i < nm.n; i++)
		idx[i] = i;
	qsort_r(idx, nm.n, sizeof *idx, form_names_cmp, &nm);
	return idx;
}

/* The element called key: by the index when there is one; -1 when none. */
static long
form_names_find(struct form_names nm, const size_t *idx, const char *key)
{
	size_t i, lo = 0, hi = nm.n, mid;
	int cmp;

	if (idx == NULL) {
		for (i = 0; i < nm.n; i++)
			if (strcmp(form_name_at(&nm, i), key) == 0)
				return (long)i;
		return -1;
	}
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		cmp = strcmp(form_name_at(&nm, idx[mid]), key);
		if (cmp == 0)
			return (long)idx[mid];
		if (cmp < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

static struct form_names
form_choices_names(const struct form_choices *c)
{
	return (struct form_names){ (const char *)c->items, sizeof *c->items,
	    offsetof(struct form_choice, code), c->nitems };
}

static struct form_names
form_def_names(const struct form_def *def)
{
	return (struct form_names){ (const char *)def->fields, sizeof *def->fields,
	    offsetof(struct form_field, name), def->nfields };
}

void
form_choices_index(struct form_choices *c)
{
	free(c->by_code);
	c->by_code = form_names_index(form_choices_names(c));
}

const struct form_choice *
form_choice_find(const struct form_choices *c, const char *code)
{
	long i = form_names_find(form_choices_names(c), c->by_code, code);

	return i >= 0 ? &c->items[i] : NULL;
}

void
form_def_index(struct form_def *def)
{
	free(def->by_name);
	def->by_name = form_names_index(form_def_names(def));
}

int
form_field_index(const struct form_def *def, const char *name)
{
	return (int)form_names_find(form_def_names(def), def->by_name, name);
}

static bool
form_code_char(char c, bool first)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	    (!first && (c == '_' || c == '-' || c == '.'));
}

bool
form_is_choice_code(const char *s)
{
	const char *p;

	if (s == NULL || !form_code_char(*s, true))
		return false;
	for (p = s + 1; *p != '\0'; p++)
		if (!form_code_char(*p, false))
			return false;
	return p - s <= FORM_CODE_MAX;
}

bool
form_is_reserved(const char *name)
{
	static const char *const reserved[] = {
		"id", "uuid", "case_id", "parent_id", "version",
		"created_at", "created_by", "updated_at", "updated_by",
	};
	size_t i;

	for (i = 0; i < sizeof reserved / sizeof reserved[0]; i++)
		if (strcmp(reserved[i], name) == 0)
			return true;
	return false;
}

static bool
form_is_digits(const char **pp)
{
	const char *p = *pp;

	if (*p < '0' || *p > '9')
		return false;
	while (*p >= '0' && *p <= '9')
		p++;
	*pp = p;
	return true;
}

bool
form_is_integer(const char *s)
{
	if (*s == '-')
		s++;
	return form_is_digits(&s) && *s == '\0';
}

bool
form_is_decimal(const char *s)
{
	if (*s == '-')
		s++;
	if (!form_is_digits(&s))
		return false;
	if (*s == '.') {
		s++;
		if (!form_is_digits(&s))
			return false;
	}
	return *s == '\0';
}


bool
form_bound_is_expr(const char *v)
{
	const char *p;

	if (v == NULL)
		return false;
	if (strchr(v, '(') != NULL)
		return true;
	for (p = strchr(v, ':'); p != NULL; p = strchr(p + 1, ':'))
		if (p[1] >= 'a' && p[1] <= 'z')
			return true;
	return false;
}

/* The end of the ${name} at s ("${" already seen at s), or NULL. */
static const char *
form_text_ref_end(const char *s)
{
	const char *p = s + 2;

	if (!(*p >= 'a' && *p <= 'z'))
		return NULL;
	while ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_')
		p++;
	return *p == '}' ? p : NULL;
}

void
form_text_refs(const char *text, void (*fn)(void *, const char *, size_t), void *arg)
{
	const char *s, *e;

	for (s = text; s != NULL && (s = strstr(s, "${")) != NULL; s++)
		if ((e = form_text_ref_end(s)) != NULL)
			fn(arg, s + 2, (size_t)(e - s - 2));
}

bool
form_text_refs_ok(const char *text)
{
	const char *s;

	for (s = text; s != NULL && (s = strstr(s, "${")) != NULL; s++)
		if (form_text_ref_end(s) == NULL)
			return false;
	return true;
}
