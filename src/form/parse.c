/*
 * form/parse: one .form file's text into a form_set, line by line. Every
 * problem becomes an error of the set and parsing goes on with the next line.
 * The language is described in forms/README.md.
 */
#include "form/form.h"

#include <limits.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "form/internal.h"
#include "form/type.h"
#include "util/date.h"
#include "util/mem.h"
#include "util/str.h"
#include "util/tr.h"
#include "util/utf8.h"

enum form_parse_block {
	PB_NONE,	/* before any block, after "end" */
	PB_FORM,
	PB_SECTION,
	PB_FIELD,
	PB_REPEAT,
	PB_CHOICES,
	PB_SKIP		/* a refused block: its keys are ignored */
};

enum form_key {
	K_TITLE, K_TABLE, K_HINT, K_CASE, K_ONCE, K_TYPE, K_LABEL, K_SAY,
	K_REQUIRED, K_READONLY, K_SUMMARY, K_RELEVANT, K_CONSTRAINT, K_MESSAGE, K_DEFAULT,
	K_CALC, K_MIN, K_MAX, K_LENGTH, K_FILTER, K_SEARCH, K_CLASS, K_WAS, K_HIDDEN,
	K_COUNT, K__COUNT
};

enum form_key_kind {
	PK_TEXT,	/* "quoted" msgid */
	PK_NAME,	/* [a-z][a-z0-9_]* */
	PK_EXPR,	/* the rest of the line, not empty */
	PK_FLAG,	/* no value */
	PK_WORD,	/* one word, checked when the block closes */
	PK_BOUND,	/* min/max: one word, or an expression (form_bound_is_expr) */
	PK_TYPE,
	PK_CASE,
	PK_LENGTH,
	PK_SEARCH,
	PK_CLASS
};

struct form_key_def {
	const char		*name;
	enum form_key		 id;
	enum form_key_kind	 kind;
	size_t			 off;		/* of the char * or bool it sets */
	unsigned		 in;		/* the blocks it is a key of: KI_* */
};

#define KI_FIELD	1u
#define KI_REPEAT	2u
#define KI_BOTH		(KI_FIELD | KI_REPEAT)

#define FF(m) offsetof(struct form_field, m)
#define FD(m) offsetof(struct form_def, m)

static const struct form_key_def form_parse_form_keys[] = {
	{ "title", K_TITLE, PK_TEXT, FD(title), KI_FIELD },
	{ "table", K_TABLE, PK_NAME, FD(table), KI_FIELD },
	{ "hint", K_HINT, PK_TEXT, FD(hint), KI_FIELD },
	{ "case", K_CASE, PK_CASE, FD(needs_case), KI_FIELD },
	{ "once", K_ONCE, PK_FLAG, FD(once), KI_FIELD },
	{ NULL, K__COUNT, PK_FLAG, 0, 0 }
};

static const struct form_key_def form_parse_field_keys[] = {
	{ "type", K_TYPE, PK_TYPE, 0, KI_FIELD },
	{ "label", K_LABEL, PK_TEXT, FF(label), KI_BOTH },
	{ "hint", K_HINT, PK_TEXT, FF(hint), KI_BOTH },
	{ "say", K_SAY, PK_TEXT, FF(say), KI_BOTH },
	{ "required", K_REQUIRED, PK_FLAG, FF(required), KI_FIELD },
	{ "readonly", K_READONLY, PK_FLAG, FF(readonly), KI_FIELD },
	{ "summary", K_SUMMARY, PK_FLAG, FF(summary), KI_FIELD },
	{ "relevant", K_RELEVANT, PK_EXPR, FF(relevant), KI_BOTH },
	{ "constraint", K_CONSTRAINT, PK_EXPR, FF(constraint), KI_FIELD },
	{ "message", K_MESSAGE, PK_TEXT, FF(constraint_msg), KI_FIELD },
	{ "default", K_DEFAULT, PK_EXPR, FF(default_expr), KI_FIELD },
	{ "calc", K_CALC, PK_EXPR, FF(calc), KI_FIELD },
	{ "min", K_MIN, PK_BOUND, FF(min), KI_BOTH },
	{ "max", K_MAX, PK_BOUND, FF(max), KI_BOTH },
	{ "length", K_LENGTH, PK_LENGTH, FF(length), KI_FIELD },
	{ "filter", K_FILTER, PK_NAME, FF(filter), KI_FIELD },
	{ "search", K_SEARCH, PK_SEARCH, FF(search), KI_FIELD },
	{ "class", K_CLASS, PK_CLASS, FF(klass), KI_FIELD },
	{ "was", K_WAS, PK_NAME, FF(was), KI_FIELD },
	{ "hidden", K_HIDDEN, PK_FLAG, FF(hidden), KI_FIELD },
	{ "count", K_COUNT, PK_EXPR, FF(count), KI_REPEAT },
	{ NULL, K__COUNT, PK_FLAG, 0, 0 }
};

#define FG(m) offsetof(struct form_group, m)

/* The keys of a section or group. */
static const struct form_key_def form_parse_group_keys[] = {
	{ "relevant", K_RELEVANT, PK_EXPR, FG(relevant), KI_BOTH },
	{ NULL, K__COUNT, PK_FLAG, 0, 0 }
};

struct form_parse {
	struct form_set		*set;
	const char		*file;
	int			 line;
	enum form_parse_block	 block;
	struct form_def		*form;		/* the file's form once "form" was read */
	struct form_def		*group;		/* the open repeat group */
	size_t			 rfield;	/* its field in form */
	size_t			 field;		/* current field of form_parse_def() */
	int			 nested;	/* refused repeats inside the group */
	bool			 type_ok;	/* the current field has a good type */
	bool			 any_choices;
	bool			 titled;	/* the form had a title key, good or bad */
	struct form_choices	*choices;
	int			 keylines[K__COUNT];
	struct form_group	*cur[2];	/* innermost open group: of the form, of the repeat */
	int			 nopen[2];	/* open `group` blocks at each level */
	struct form_def		**scratch;	/* refused forms, freed at the end */
	size_t			 nscratch;
	struct form_choices	**cscratch;
	size_t			 ncscratch;
};

static void form_parse_close_block(struct form_parse *);

/* The level of the open def: 0 the form, 1 a repeat group. */
static int
form_parse_level(const struct form_parse *p)
{
	return p->group != NULL;
}

/* The innermost open section or group of the open def. */
static struct form_group *
form_parse_group(struct form_parse *p)
{
	return p->cur[form_parse_level(p)];
}

static struct form_def *
form_parse_def(struct form_parse *p)
{
	return p->group != NULL ? p->group : p->form;
}

static struct form_field *
form_parse_cur_field(struct form_parse *p)
{
	if (p->block == PB_REPEAT)
		return &p->form->fields[p->rfield];
	return &form_parse_def(p)->fields[p->field];
}

static bool
form_parse_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Splits s in place into its first word and the trimmed rest. */
static char *
form_parse_word(char *s, char **rest)
{
	char *w = s;

	while (*s != '\0' && !form_parse_blank(*s))
		s++;
	if (*s != '\0')
		*s++ = '\0';
	while (form_parse_blank(*s))
		s++;
	*rest = s;
	return w;
}

/*
 * Reads a "quoted" text at s into *out (malloc'd). *end is what follows the
 * closing quote, blanks skipped. False (and an error) when it is not one.
 */
static bool
form_parse_string(struct form_parse *p, const char *what, const char *s, char **out,
    const char **end)
{
	struct strbuf sb = STRBUF_INIT;

	if (*s != '"') {
		form_set_error(p->set, p->file, p->line,
		    _("'%s' needs a text in double quotes"), what);
		return false;
	}
	for (s++; *s != '"'; s++) {
		if (*s == '\0' || (*s == '\\' && s[1] == '\0')) {
			form_set_error(p->set, p->file, p->line, "%s", _("unterminated string"));
			strbuf_free(&sb);
			return false;
		}
		if ((unsigned char)*s < 0x20 || *s == 0x7f) {
			form_set_error(p->set, p->file, p->line, "%s",
			    _("control character in a text"));
			strbuf_free(&sb);
			return false;
		}
		if (*s == '\\' && (s[1] == '"' || s[1] == '\\'))
			s++;
		else if (*s == '\\') {
			form_set_error(p->set, p->file, p->line,
			    _("unknown escape '\\%c' (use \\\" or \\\\)"), s[1]);
			strbuf_free(&sb);
			return false;
		}
		strbuf_putc(&sb, *s);
	}
	for (s++; form_parse_blank(*s); s++)
		;
	*end = s;
	if (sb.len == 0) {
		form_set_error(p->set, p->file, p->line, _("'%s' has an empty text"), what);
		return false;
	}
	*out = strbuf_take(&sb);
	return true;
}

/* A quoted text that must be the whole value. */
static bool
form_parse_text(struct form_parse *p, const char *what, const char *s, char **out)
{
	const char *end;

	if (!form_parse_string(p, what, s, out, &end))
		return false;
	if (*end == '\0')
		return true;
	form_set_error(p->set, p->file, p->line, _("unexpected '%s' after the closing quote"),
	    end);
	xfree(out);
	return false;
}

static bool
form_parse_name(struct form_parse *p, const char *what, const char *s)
{
	if (*s == '\0') {
		form_set_error(p->set, p->file, p->line, _("'%s' needs a name"), what);
		return false;
	}
	if (str_is_ident(s))
		return true;
	form_set_error(p->set, p->file, p->line,
	    _("'%s' is not a valid name (use a-z, 0-9 and _, starting with a letter)"), s);
	return false;
}

static void
form_parse_keys_reset(struct form_parse *p, enum form_parse_block b)
{
	memset(p->keylines, 0, sizeof p->keylines);
	p->block = b;
}

static const struct form_key_def *
form_parse_key_find(const struct form_key_def *tab, const char *name)
{
	for (; tab->name != NULL; tab++)
		if (strcmp(tab->name, name) == 0)
			return tab;
	return NULL;
}

static void
form_parse_type(struct form_parse *p, struct form_field *f, char *val)
{
	char *list;
	char *name = form_parse_word(val, &list);
	enum form_type t = FT_TEXT;

	if (!form_type_from_name(name, &t) || t == FT_REPEAT) {
		form_set_error(p->set, p->file, p->line, t == FT_REPEAT && *name != '\0' ?
		    _("'%s' is a block ('repeat NAME ... end'), not a type") :
		    _("unknown type '%s' (use text, multiline, integer, decimal, money, date, "
		    "datetime, yesno, select_one, select_many, phone, note or calculated)"), name);
		return;
	}
	if (form_type_is_select(t) && *list == '\0') {
		form_set_error(p->set, p->file, p->line,
		    _("type '%s' needs the name of a choice list"), name);
		return;
	}
	if (!form_type_is_select(t) && *list != '\0') {
		form_set_error(p->set, p->file, p->line, _("type '%s' takes no choice list"), name);
		return;
	}
	if (form_type_is_select(t) && !form_parse_name(p, "type", list))
		return;
	f->type = t;
	f->choices = form_type_is_select(t) ? xstrdup(list) : NULL;
	p->type_ok = true;
}

static void
form_parse_case(struct form_parse *p, struct form_def *def, const char *val)
{
	if (strcmp(val, "required") == 0 || strcmp(val, "optional") == 0)
		def->needs_case = strcmp(val, "required") == 0;
	else
		form_set_error(p->set, p->file, p->line,
		    _("'case' is required or optional, not '%s'"), val);
}

static void
form_parse_length(struct form_parse *p, struct form_field *f, const char *val)
{
	size_t n = strspn(val, "0123456789");
	long v = n > 0 && n < 7 && val[n] == '\0' ? strtol(val, NULL, 10) : 0;

	if (v >= 1 && v <= 100000)
		f->length = (int)v;
	else
		form_set_error(p->set, p->file, p->line,
		    _("'length' must be a whole number from 1 to 100000, not '%s'"), val);
}

static void
form_parse_search(struct form_parse *p, struct form_field *f, const char *val)
{
	if (!form_search_from_name(val, &f->search))
		form_set_error(p->set, p->file, p->line,
		    _("'search' is name, phone, caseno, birth or citizenship, not '%s'"), val);
}

static void
form_parse_class(struct form_parse *p, struct form_field *f, const char *val)
{
	if (!form_class_from_name(val, &f->klass))
		form_set_error(p->set, p->file, p->line, _("'class' is identity, health, "
		    "legal, documents or payments, not '%s'"), val);
}

/* Checks the shape of a plain value; true when it may be stored. */
static bool
form_parse_plain(struct form_parse *p, const struct form_key_def *k, const char *val)
{
	if (k->kind == PK_FLAG) {
		if (*val != '\0')
			form_set_error(p->set, p->file, p->line, _("'%s' takes no value"), k->name);
		return *val == '\0';
	}
	if (*val == '\0') {
		form_set_error(p->set, p->file, p->line, k->kind == PK_EXPR ?
		    _("'%s' needs an expression") : _("'%s' needs a value"), k->name);
		return false;
	}
	if (k->kind == PK_EXPR || k->kind == PK_TYPE || strpbrk(val, " \t") == NULL ||
	    (k->kind == PK_BOUND && form_bound_is_expr(val)))
		return true;
	form_set_error(p->set, p->file, p->line, _("'%s' takes one value, not '%s'"),
	    k->name, val);
	return false;
}

static void
form_parse_key_apply(struct form_parse *p, const struct form_key_def *k, void *obj,
    char *val)
{
	char **slot = (char **)(void *)((char *)obj + k->off);
	char *text = NULL;

	if (k->kind == PK_TEXT) {
		if (form_parse_text(p, k->name, val, &text)) {
			free(*slot);
			*slot = text;
		}
		return;
	}
	if (!form_parse_plain(p, k, val))
		return;
	if (k->kind == PK_FLAG)
		*(bool *)(void *)((char *)obj + k->off) = true;
	else if (k->kind == PK_TYPE)
		form_parse_type(p, obj, val);
	else if (k->kind == PK_CASE)
		form_parse_case(p, obj, val);
	else if (k->kind == PK_LENGTH)
		form_parse_length(p, obj, val);
	else if (k->kind == PK_SEARCH)
		form_parse_search(p, obj, val);
	else if (k->kind == PK_CLASS)
		form_parse_class(p, obj, val);
	else if (k->kind != PK_NAME || form_parse_name(p, k->name, val)) {
		free(*slot);
		*slot = xstrdup(val);
	}
}

static void form_parse_choice_item(struct form_parse *, char *, char *);

static void
form_parse_key_line(struct form_parse *p, char *s)
{
	static const char *const blocks[] = {
		[PB_FORM] = "form", [PB_FIELD] = "field", [PB_REPEAT] = "repeat",
		[PB_SECTION] = "section"
	};
	static const struct form_key_def *const tabs[] = {
		[PB_FORM] = form_parse_form_keys, [PB_FIELD] = form_parse_field_keys,
		[PB_REPEAT] = form_parse_field_keys, [PB_SECTION] = form_parse_group_keys
	};
	char *val;
	char *key = form_parse_word(s, &val);
	const struct form_key_def *k = NULL;

	if (p->block == PB_SKIP)
		return;
	if (p->block == PB_CHOICES) {
		form_parse_choice_item(p, key, val);
		return;
	}
	if (p->block == PB_NONE) {
		form_set_error(p->set, p->file, p->line, _("key '%s' outside a block"), key);
		return;
	}
	k = form_parse_key_find(tabs[p->block], key);
	if (k == NULL || (p->block == PB_REPEAT && !(k->in & KI_REPEAT)) ||
	    (p->block == PB_FIELD && !(k->in & KI_FIELD))) {
		form_set_error(p->set, p->file, p->line, _("unknown key '%s' in a %s block"),
		    key, p->block == PB_SECTION && !form_parse_group(p)->section ? "group" :
		    blocks[p->block]);
		return;
	}
	if (p->keylines[k->id] != 0) {
		form_set_error(p->set, p->file, p->line, _("'%s' given twice (first on line %d)"),
		    key, p->keylines[k->id]);
		return;
	}
	p->keylines[k->id] = p->line;
	if (p->block == PB_FORM && k->id == K_TITLE)
		p->titled = true;
	form_parse_key_apply(p, k, p->block == PB_FORM ? (void *)p->form :
	    p->block == PB_SECTION ? (void *)form_parse_group(p) :
	    (void *)form_parse_cur_field(p), val);
}

/* A parent is a code of another list; built-in lists have codes like "SK". */
static bool
form_parse_is_parent(const char *s)
{
	return form_is_choice_code(s);
}

static void
form_parse_choice_item(struct form_parse *p, char *code, char *rest)
{
	struct form_choices *c = p->choices;
	struct form_choice item = { NULL, NULL, NULL };
	const char *end;
	char *parent, *extra;

	if (!form_is_choice_code(code)) {
		form_set_error(p->set, p->file, p->line, _("'%s' is not a valid choice code "
		    "(letters, digits, then also _ - and ., at most 64)"), code);
		return;
	}
	if (form_choice_find(c, code) != NULL) {
		form_set_error(p->set, p->file, p->line, _("choice '%s' given twice in list '%s'"),
		    code, c->name);
		return;
	}
	if (!form_parse_string(p, code, rest, &item.label, &end))
		return;
	parent = form_parse_word(rest + (end - rest), &extra);
	if (*extra != '\0' || (*parent != '\0' && !form_parse_is_parent(parent))) {
		form_set_error(p->set, p->file, p->line,
		    _("after the label only a parent choice code may follow, not '%s'"), end);
		free(item.label);
		return;
	}
	item.code = xstrdup(code);
	item.parent = *parent != '\0' ? xstrdup(parent) : NULL;
	c->items = xrealloc(c->items, (c->nitems + 1) * sizeof *c->items);
	c->items[c->nitems++] = item;
}

static bool
form_parse_bound_ok(struct form_parse *p, const struct form_field *f, const char *key,
    const char *v, int line)
{
	const struct form_type_desc *t = form_type(f->type);

	if (t->bound_ok == NULL) {
		form_set_error(p->set, p->file, line,
		    _("'%s' is only for numbers, dates and repeats"), key);
		return false;
	}
	if (form_bound_is_expr(v) || t->bound_ok(v))
		return true;
	form_set_error(p->set, p->file, line, _(t->bound_msg), key, v);
	return false;
}

static void
form_parse_check_bounds(struct form_parse *p, const struct form_field *f)
{
	bool lo = f->min == NULL || form_parse_bound_ok(p, f, "min", f->min,
	    p->keylines[K_MIN]);
	bool hi = f->max == NULL || form_parse_bound_ok(p, f, "max", f->max,
	    p->keylines[K_MAX]);

	if (f->min == NULL || f->max == NULL || !lo || !hi || form_bound_is_expr(f->min) ||
	    form_bound_is_expr(f->max))
		return;
	if (form_type(f->type)->bound_cmp(f->min, f->max) > 0)
		form_set_error(p->set, p->file, p->keylines[K_MAX],
		    _("'min' %s is greater than 'max' %s"), f->min, f->max);
}

static void
form_parse_close_field(struct form_parse *p)
{
	struct form_field *f = form_parse_cur_field(p);
	const int *kl = p->keylines;

	if (kl[K_TYPE] == 0)
		form_set_error(p->set, p->file, f->line, _("field '%s' has no type"), f->name);
	if (!p->type_ok)
		return;
	if (f->type == FT_NOTE && f->required)
		form_set_error(p->set, p->file, kl[K_REQUIRED], "%s",
		    _("a note holds no value; it cannot be required"));
	if (f->hidden && f->required)
		form_set_error(p->set, p->file, kl[K_REQUIRED], "%s",
		    _("a hidden field is never shown; it cannot be required"));
	if (f->calc != NULL && f->type != FT_CALCULATED)
		form_set_error(p->set, p->file, kl[K_CALC], "%s",
		    _("'calc' is only for calculated fields"));
	if (f->type == FT_CALCULATED && kl[K_CALC] == 0)
		form_set_error(p->set, p->file, f->line, _("calculated field '%s' has no 'calc'"),
		    f->name);
	if (f->length > 0 && form_type_length_most(f->type) == 0)
		form_set_error(p->set, p->file, kl[K_LENGTH], "%s",
		    _("'length' is only for text, multiline and phone fields"));
	else if (f->length > form_type_length_most(f->type))
		form_set_error(p->set, p->file, kl[K_LENGTH],
		    _("'length' %d is too long for a %s field: at most %d"), f->length,
		    form_type_name(f->type), form_type_length_most(f->type));
	if (f->filter != NULL && !form_type_is_select(f->type))
		form_set_error(p->set, p->file, kl[K_FILTER], "%s",
		    _("'filter' is only for select_one and select_many fields"));
	/* the message of a rule, or of a required field without one */
	if (f->constraint_msg != NULL && kl[K_CONSTRAINT] == 0 && !f->required)
		form_set_error(p->set, p->file, kl[K_MESSAGE], "%s",
		    _("'message' without 'constraint' or 'required'"));
	form_parse_check_bounds(p, f);
}

static void
form_parse_close_block(struct form_parse *p)
{
	if (p->block == PB_FIELD)
		form_parse_close_field(p);
	else if (p->block == PB_REPEAT)
		form_parse_check_bounds(p, form_parse_cur_field(p));
	else if (p->block == PB_CHOICES && p->choices->nitems == 0)
		form_set_error(p->set, p->file, p->choices->line,
		    _("choice list '%s' has no choices"), p->choices->name);
	form_parse_keys_reset(p, PB_NONE);
}

/* At the end of a repeat or a form: every `group` still open has no end. */
static void
form_parse_close_groups(struct form_parse *p, int level)
{
	struct form_group *g;

	for (g = p->cur[level]; g != NULL; g = g->up)
		if (!g->section)
			form_set_error(p->set, p->file, g->line, _("group \"%s\" has no 'end'"),
			    g->label);
	p->cur[level] = NULL;
	p->nopen[level] = 0;
}

static void
form_parse_close_group(struct form_parse *p, bool unended)
{
	struct form_field *rf = &p->form->fields[p->rfield];

	if (unended)
		form_set_error(p->set, p->file, rf->line, _("repeat '%s' has no 'end'"), rf->name);
	if (p->group->nfields == 0)
		form_set_error(p->set, p->file, rf->line, _("repeat '%s' has no fields"), rf->name);
	free(p->group->title);
	p->group->title = xstrdup0(rf->label);
	form_parse_close_groups(p, 1);
	p->group = NULL;
	p->nested = 0;
}

static void
form_parse_close_form(struct form_parse *p)
{
	if (!p->titled)
		form_set_error(p->set, p->file, p->form->line, _("form '%s' has no title"),
		    p->form->name);
	if (p->form->nfields == 0)
		form_set_error(p->set, p->file, p->form->line, _("form '%s' has no fields"),
		    p->form->name);
}

static bool
form_parse_need_form(struct form_parse *p, const char *what)
{
	if (p->form != NULL)
		return true;
	form_set_error(p->set, p->file, p->line,
	    _("'%s' before 'form': a file starts with 'form NAME'"), what);
	p->block = PB_SKIP;
	return false;
}

static struct form_def *
form_parse_def_new(struct form_parse *p, const char *name, const char *table)
{
	struct form_def *def = xcalloc(1, sizeof *def);

	def->name = xstrdup(name);
	def->table = xstrdup(table);
	def->file = xstrdup(p->file);
	def->line = p->line;
	return def;
}

static void
form_parse_block_form(struct form_parse *p, char *name)
{
	struct form_def *def, *old = NULL;

	form_parse_name(p, "form", name);
	if (p->form != NULL)
		form_set_error(p->set, p->file, p->line,
		    _("a file holds one form; the first is on line %d"), p->form->line);
	else if ((old = form_set_find(p->set, name)) != NULL)
		form_set_error(p->set, p->file, p->line, _("form '%s' given twice (first in %s:%d)"),
		    name, old->file, old->line);
	if (p->group != NULL)
		form_parse_close_group(p, true);
	if (p->form != NULL)
		form_parse_close_form(p);
	form_parse_close_groups(p, 0);
	def = form_parse_def_new(p, name, name);
	if (p->form != NULL || old != NULL) {
		p->scratch = xrealloc(p->scratch, (p->nscratch + 1) * sizeof *p->scratch);
		p->scratch[p->nscratch++] = def;
	} else {
		p->set->forms = xrealloc(p->set->forms, (p->set->nforms + 1) *
		    sizeof *p->set->forms);
		p->set->forms[p->set->nforms++] = def;
	}
	p->form = def;
	p->titled = false;
	p->cur[0] = NULL;
	p->nopen[0] = 0;
	p->block = PB_FORM;
}

/* Opens a section or group titled text inside up; its keys follow. */
static void
form_parse_open_group(struct form_parse *p, char *text, struct form_group *up,
    bool section)
{
	struct form_def *def = form_parse_def(p);
	struct form_group *g = xcalloc(1, sizeof *g);

	g->label = text;
	g->up = up;
	g->depth = up != NULL ? up->depth + 1 : 0;
	g->section = section;
	g->line = p->line;
	g->index = def->ngroups;
	def->groups = xrealloc(def->groups, (def->ngroups + 1) * sizeof *def->groups);
	def->groups[def->ngroups++] = g;
	p->cur[form_parse_level(p)] = g;
	form_parse_keys_reset(p, PB_SECTION);
}

/* A section lasts until the next one, or the end of the group it is in. */
static void
form_parse_block_section(struct form_parse *p, char *rest)
{
	struct form_group *up;
	char *text = NULL;

	p->block = PB_SKIP;
	if (!form_parse_need_form(p, "section") || !form_parse_text(p, "section", rest, &text))
		return;
	up = form_parse_group(p);
	if (up != NULL && up->section)
		up = up->up;
	form_parse_open_group(p, text, up, true);
}

/* A group lasts until its `end`; groups nest. */
static void
form_parse_block_group(struct form_parse *p, char *rest)
{
	char *text = NULL;

	p->block = PB_SKIP;
	if (!form_parse_need_form(p, "group") || !form_parse_text(p, "group", rest, &text))
		return;
	form_parse_open_group(p, text, form_parse_group(p), false);
	p->nopen[form_parse_level(p)]++;
}

/* True when a field of def sits in g (or a group within it). */
static bool
form_parse_group_used(const struct form_def *def, const struct form_group *g)
{
	const struct form_group *h;
	size_t i;

	for (i = 0; i < def->nfields; i++)
		for (h = def->fields[i].grp; h != NULL; h = h->up)
			if (h == g)
				return true;
	return false;
}

/* `end` of the innermost open group of the open def. */
static void
form_parse_end_group(struct form_parse *p)
{
	int level = form_parse_level(p);
	struct form_group *g = p->cur[level];

	while (g->section)
		g = g->up;
	if (!form_parse_group_used(form_parse_def(p), g))
		form_set_error(p->set, p->file, g->line, _("group \"%s\" has no fields"),
		    g->label);
	p->cur[level] = g->up;
	p->nopen[level]--;
}

/* A field name that may be added to def; errors otherwise. */
static bool
form_parse_field_name(struct form_parse *p, struct form_def *def, const char *what,
    const char *name)
{
	int i;

	if (!form_parse_name(p, what, name))
		return false;
	if (form_is_reserved(name)) {
		form_set_error(p->set, p->file, p->line,
		    _("'%s' is a column every record has; choose another name"), name);
		return false;
	}
	i = form_field_index(def, name);
	if (i < 0)
		return true;
	form_set_error(p->set, p->file, p->line, _("field '%s' given twice (first on line %d)"),
	    name, def->fields[i].line);
	return false;
}

static size_t
form_parse_add_field(struct form_parse *p, struct form_def *def, const char *name)
{
	struct form_field *f;

	def->fields = xrealloc(def->fields, (def->nfields + 1) * sizeof *def->fields);
	f = &def->fields[def->nfields];
	memset(f, 0, sizeof *f);
	f->name = xstrdup(name);
	f->line = p->line;
	f->grp = p->cur[def == p->group];
	f->section = xstrdup0(f->grp != NULL ? f->grp->label : NULL);
	return def->nfields++;
}

static void
form_parse_block_field(struct form_parse *p, char *name)
{
	if (!form_parse_need_form(p, "field"))
		return;
	p->block = PB_SKIP;
	if (!form_parse_field_name(p, form_parse_def(p), "field", name))
		return;
	p->field = form_parse_add_field(p, form_parse_def(p), name);
	p->type_ok = false;
	p->block = PB_FIELD;
}

static void
form_parse_block_repeat(struct form_parse *p, char *name)
{
	struct form_field *f;
	char *table;

	if (!form_parse_need_form(p, "repeat"))
		return;
	p->block = PB_SKIP;
	if (p->group != NULL) {
		form_set_error(p->set, p->file, p->line,
		    _("a repeat cannot hold another repeat (the open one is on line %d)"),
		    p->form->fields[p->rfield].line);
		p->nested++;
		return;
	}
	if (!form_parse_field_name(p, p->form, "repeat", name))
		return;
	p->rfield = form_parse_add_field(p, p->form, name);
	f = &p->form->fields[p->rfield];
	f->type = FT_REPEAT;
	table = xasprintf("%s_%s", p->form->table, name);
	f->group = form_parse_def_new(p, name, table);
	f->group->parent = p->form;
	free(table);
	p->group = f->group;
	p->cur[1] = NULL;
	p->nopen[1] = 0;
	p->block = PB_REPEAT;
}

static void
form_parse_block_end(struct form_parse *p, char *rest)
{
	if (*rest != '\0')
		form_set_error(p->set, p->file, p->line, "%s", _("'end' takes no value"));
	if (p->nested > 0) {
		p->nested--;
		return;
	}
	if (p->form != NULL && p->nopen[form_parse_level(p)] > 0) {
		form_parse_end_group(p);
		return;
	}
	if (p->group == NULL) {
		form_set_error(p->set, p->file, p->line, "%s",
		    _("'end' without 'repeat' or 'group'"));
		return;
	}
	form_parse_close_group(p, false);
}

static void
form_parse_block_choices(struct form_parse *p, char *name)
{
	struct form_choices *old, *c;

	p->block = PB_SKIP;
	if (!form_parse_name(p, "choices", name))
		return;
	p->any_choices = true;
	old = form_set_choices(p->set, name);
	if (old != NULL && old->builtin)
		form_set_error(p->set, p->file, p->line,
		    _("'%s' is a built-in list; it cannot be redefined"), name);
	else if (old != NULL)
		form_set_error(p->set, p->file, p->line,
		    _("choice list '%s' given twice (first in %s:%d)"), name, old->file, old->line);
	if (old == NULL) {
		c = form_choices_new(p->set, name, p->file, p->line);
	} else {
		c = xcalloc(1, sizeof *c);
		c->name = xstrdup(name);
		c->line = p->line;
		p->cscratch = xrealloc(p->cscratch, (p->ncscratch + 1) * sizeof *p->cscratch);
		p->cscratch[p->ncscratch++] = c;
	}
	p->choices = c;
	p->block = PB_CHOICES;
}

static void
form_parse_block_line(struct form_parse *p, char *s)
{
	static const struct {
		const char	*name;
		void		(*fn)(struct form_parse *, char *);
	} blocks[] = {
		{ "form", form_parse_block_form },
		{ "section", form_parse_block_section },
		{ "group", form_parse_block_group },
		{ "field", form_parse_block_field },
		{ "repeat", form_parse_block_repeat },
		{ "end", form_parse_block_end },
		{ "choices", form_parse_block_choices },
	};
	char *rest;
	char *word = form_parse_word(s, &rest);
	size_t i;

	form_parse_close_block(p);
	for (i = 0; i < sizeof blocks / sizeof blocks[0]; i++) {
		if (strcmp(blocks[i].name, word) == 0) {
			blocks[i].fn(p, rest);
			return;
		}
	}
	form_set_error(p->set, p->file, p->line,
	    _("unknown block '%s' (use form, section, group, field, repeat, end or choices)"),
	    word);
	p->block = PB_SKIP;
}


static void
form_parse_line(struct form_parse *p, char *line)
{
	char *s = line;

	while (form_parse_blank(*s))
		s++;
	if (*s == '\0' || *s == '#')
		return;
	if (!utf8_valid(s, strlen(s))) {
		form_set_error(p->set, p->file, p->line, "%s", _("the line is not valid UTF-8"));
		return;
	}
	if (s == line)
		form_parse_block_line(p, s);
	else
		form_parse_key_line(p, s);
}

static void
form_parse_end(struct form_parse *p)
{
	size_t i;

	form_parse_close_block(p);
	if (p->group != NULL)
		form_parse_close_group(p, true);
	if (p->form != NULL) {
		form_parse_close_form(p);
		form_parse_close_groups(p, 0);
	} else if (!p->any_choices)
		form_set_error(p->set, p->file, 0, "%s",
		    _("the file holds no form and no choice list"));
	for (i = 0; i < p->nscratch; i++)
		form_def_free(p->scratch[i]);
	for (i = 0; i < p->ncscratch; i++)
		form_choices_free(p->cscratch[i]);
	free(p->scratch);
	free(p->cscratch);
}

void
form_set_parse(struct form_set *set, const char *name, const char *text)
{
	struct form_parse p;
	const char *s = text, *nl;

	memset(&p, 0, sizeof p);
	p.set = set;
	p.file = name;
	while (*s != '\0' && p.line < INT_MAX) {
		size_t len;
		char *line;

		nl = strchr(s, '\n');
		len = nl != NULL ? (size_t)(nl - s) : strlen(s);
		line = xstrndup(s, len);
		while (len > 0 && (line[len - 1] == '\r' || form_parse_blank(line[len - 1])))
			line[--len] = '\0';
		p.line++;
		form_parse_line(&p, line);
		free(line);
		s += nl != NULL ? (size_t)(nl - s) + 1 : strlen(s);
	}
	form_parse_end(&p);
}
