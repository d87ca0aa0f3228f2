/*
 * form/write: a definition back as canonical .form text: keys in a fixed
 * order, two blanks of indent, a blank line between blocks. Parsing the text
 * again gives the same definition (tests/data/golden).
 */
#include "form/form.h"

#include <stdio.h>
#include <string.h>

#include "util/mem.h"
#include "util/str.h"

static void
form_write_string(struct strbuf *sb, const char *text)
{
	const char *s;

	strbuf_putc(sb, '"');
	for (s = text; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\')
			strbuf_putc(sb, '\\');
		strbuf_putc(sb, *s);
	}
	strbuf_putc(sb, '"');
}

static void
form_write_quoted(struct strbuf *sb, const char *key, const char *text)
{
	if (text == NULL)
		return;
	strbuf_printf(sb, "  %s ", key);
	form_write_string(sb, text);
	strbuf_putc(sb, '\n');
}

static void
form_write_plain(struct strbuf *sb, const char *key, const char *value)
{
	if (value != NULL)
		strbuf_printf(sb, "  %s %s\n", key, value);
}

static void
form_write_flag(struct strbuf *sb, const char *key, bool on)
{
	if (on)
		strbuf_printf(sb, "  %s\n", key);
}

static void
form_write_keys(struct strbuf *sb, const struct form_field *f)
{
	char len[24];

	form_write_quoted(sb, "label", f->label);
	form_write_quoted(sb, "hint", f->hint);
	form_write_quoted(sb, "say", f->say);
	form_write_flag(sb, "required", f->required);
	form_write_flag(sb, "readonly", f->readonly);
	form_write_flag(sb, "summary", f->summary);
	form_write_flag(sb, "hidden", f->hidden);
	form_write_plain(sb, "relevant", f->relevant);
	form_write_plain(sb, "constraint", f->constraint);
	form_write_quoted(sb, "message", f->constraint_msg);
	form_write_plain(sb, "default", f->default_expr);
	form_write_plain(sb, "calc", f->calc);
	form_write_plain(sb, "min", f->min);
	form_write_plain(sb, "max", f->max);
	form_write_plain(sb, "count", f->count);
	snprintf(len, sizeof len, "%d", f->length);
	form_write_plain(sb, "length", f->length > 0 ? len : NULL);
	form_write_plain(sb, "filter", f->filter);
	form_write_plain(sb, "search", form_search_name(f->search));
	form_write_plain(sb, "class", form_class_name(f->klass));
	form_write_plain(sb, "was", f->was);
}

static void form_write_fields(struct strbuf *, const struct form_def *);

static void
form_write_field(struct strbuf *sb, const struct form_field *f)
{
	if (f->type == FT_REPEAT) {
		strbuf_printf(sb, "\nrepeat %s\n", f->name);
		form_write_keys(sb, f);
		if (f->group != NULL)
			form_write_fields(sb, f->group);
		strbuf_puts(sb, "\nend\n");
		return;
	}
	strbuf_printf(sb, "\nfield %s\n  type %s", f->name, form_type_name(f->type));
	if (f->choices != NULL)
		strbuf_printf(sb, " %s", f->choices);
	strbuf_putc(sb, '\n');
	form_write_keys(sb, f);
}

/* g is a, or a group a stands in. */
static bool
form_write_around(const struct form_group *g, const struct form_group *a)
{
	for (; a != NULL; a = a->up)
		if (a == g)
			return true;
	return false;
}

/* Ends the groups of from that to does not stand in, innermost first. */
static void
form_write_leave(struct strbuf *sb, const struct form_group *from,
    const struct form_group *to)
{
	for (; from != NULL && !form_write_around(from, to); from = from->up)
		if (!from->section)
			strbuf_puts(sb, "\nend\n");
}

/* Opens the groups of to that from does not stand in, outermost first. */
static void
form_write_enter(struct strbuf *sb, const struct form_group *from,
    const struct form_group *to)
{
	if (to == NULL || form_write_around(to, from))
		return;
	form_write_enter(sb, from, to->up);
	strbuf_printf(sb, "\n%s ", to->section ? "section" : "group");
	form_write_string(sb, to->label);
	strbuf_putc(sb, '\n');
	form_write_plain(sb, "relevant", to->relevant);
}

static void
form_write_fields(struct strbuf *sb, const struct form_def *def)
{
	const struct form_group *at = NULL;
	size_t i;

	for (i = 0; i < def->nfields; i++) {
		const struct form_field *f = &def->fields[i];

		form_write_leave(sb, at, f->grp);
		form_write_enter(sb, at, f->grp);
		at = f->grp;
		form_write_field(sb, f);
	}
	form_write_leave(sb, at, NULL);
}

char *
form_def_write(const struct form_def *def)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_printf(&sb, "form %s\n", def->name);
	form_write_quoted(&sb, "title", def->title);
	if (!str_eq(def->table, def->name))
		form_write_plain(&sb, "table", def->table);
	form_write_quoted(&sb, "hint", def->hint);
	form_write_flag(&sb, "case required", def->needs_case);
	form_write_flag(&sb, "once", def->once);
	form_write_fields(&sb, def);
	return strbuf_take(&sb);
}

char *
form_choices_write(const struct form_choices *c)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	strbuf_printf(&sb, "choices %s\n", c->name);
	for (i = 0; i < c->nitems; i++) {
		const struct form_choice *ch = &c->items[i];

		strbuf_printf(&sb, "  %s ", ch->code);
		form_write_string(&sb, ch->label != NULL ? ch->label : ch->code);
		if (ch->parent != NULL)
			strbuf_printf(&sb, " %s", ch->parent);
		strbuf_putc(&sb, '\n');
	}
	return strbuf_take(&sb);
}
