/*
 * cmd/import_cols: the header of an imported file matched to the form, and
 * each row's cells made the values of a record (cmd/import_int.h).
 *
 * A header is a field's name (NAME, NAME<suffix> for money's currency, as
 * avrr export writes them), case_no or record_id, or the same in any catalog
 * language as export --labels writes them: the field's label, "LABEL
 * (Currency)", "Case number", "Record". Labels are compared in lower case,
 * trimmed, with runs of blanks as one.
 */
#include "cmd/import_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form/type.h"
#include "i18n/i18n.h"
#include "i18n/iso.h"
#include "util/mem.h"
#include "util/str.h"
#include "util/tr.h"
#include "util/utf8.h"

struct cmd_import_label {
	char		*key;		/* folded */
	const char	*code;
};

/* Lower case of the letters of the catalog languages' scripts (Latin with
 * its extensions, Greek, Cyrillic); others are left as they are. */
static uint32_t
cmd_import_lower(uint32_t c)
{
	if ((c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7) ||
	    (c >= 0x391 && c <= 0x3A9 && c != 0x3A2) || (c >= 0x410 && c <= 0x42F))
		return c + 32;
	if (c >= 0x400 && c <= 0x40F)
		return c + 80;
	if (c == 0x178)
		return 0xFF;
	if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E))
		return c % 2 == 1 ? c + 1 : c;
	if ((c >= 0x100 && c <= 0x177) || (c >= 0x460 && c <= 0x4BF) ||
	    (c >= 0x1E00 && c <= 0x1EFF) || c == 0x1A0 || c == 0x1AF)
		return c % 2 == 0 ? c + 1 : c;
	return c;
}

char *
cmd_import_fold(const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	size_t n = strlen(s), k, used;
	bool blank = false;
	uint32_t cp;
	char enc[4];

	for (k = 0; k < n; k += used) {
		used = utf8_decode(s + k, n - k, &cp);
		if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xA0) {
			blank = sb.len > 0;
			continue;
		}
		if (blank)
			strbuf_putc(&sb, ' ');
		blank = false;
		strbuf_add(&sb, enc, utf8_encode(cmd_import_lower(cp), enc));
	}
	return strbuf_take(&sb);
}

/* A msgid in language code (English: the msgid), NULL when untranslated. */
static const char *
cmd_import_tr(const char *code, const char *msgid)
{
	return str_eq(code, "en") ? msgid : i18n_lookup(code, msgid);
}

/* Whether folded is msgid in some catalog language; with cur, "msgid
 * (Currency)" in one language. */
static bool
cmd_import_head_is(const char *folded, const char *msgid, bool cur)
{
	const struct i18n_lang *langs;
	const char *t, *c;
	size_t n, k;
	char *f, *both;
	bool eq = false;

	langs = i18n_languages(&n);
	for (k = 0; k < n && !eq; k++) {
		if ((t = cmd_import_tr(langs[k].code, msgid)) == NULL)
			continue;
		c = cmd_import_tr(langs[k].code, N_("Currency"));
		both = cur ? xasprintf("%s (%s)", t, c != NULL ? c : "Currency") : NULL;
		f = cmd_import_fold(both != NULL ? both : t);
		eq = strcmp(f, folded) == 0;
		free(f);
		free(both);
	}
	return eq;
}

/* Whether head names field f (part 0) or its second column (part 1): by
 * name in pass 0, by label in pass 1. */
static bool
cmd_import_head_names(const struct form_field *f, const char *head, const char *folded,
    int pass, int part)
{
	const struct form_type_col *extra = form_type(f->type)->extra;
	size_t n = strlen(f->name);

	if (part == 1 && extra == NULL)
		return false;
	if (pass == 0)
		return part == 0 ? str_eq(head, f->name) :
		    strncmp(head, f->name, n) == 0 && str_eq(head + n, extra->suffix);
	return cmd_import_head_is(folded, f->label != NULL ? f->label : f->name, part == 1);
}

/* The field (and part) a header names, names before labels; false when none. */
static bool
cmd_import_head_field(const struct form_def *def, const char *head, const char *folded,
    struct cmd_import_col *c)
{
	size_t i;
	int pass, part;

	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < def->nfields; i++)
			for (part = 0; part < 2; part++) {
				if (form_type_ncols(def->fields[i].type) == 0 ||
				    !cmd_import_head_names(&def->fields[i], head, folded, pass, part))
					continue;
				c->kind = CMD_IMPORT_FIELD;
				c->field = i;
				c->part = part;
				return true;
			}
	return false;
}

/* A copy of a cell ("" for an empty one). */
static char *
cmd_import_cell(const struct sheet_row *row, size_t k)
{
	const char *v = sheet_cell(row, k);

	return xstrdup(v != NULL ? v : "");
}

/* Whether any row below the header has a value in column k. */
static bool
cmd_import_col_used(const struct sheet *s, size_t k)
{
	const char *v;
	size_t r;

	for (r = 1; r < s->nrows; r++)
		if ((v = sheet_cell(&s->rows[r], k)) != NULL && *v != '\0')
			return true;
	return false;
}

/* Column k of the header; false after its error. */
static bool
cmd_import_column(struct cmd_import *x, const struct sheet_row *head, size_t k)
{
	struct cmd_import_col *c = &x->cols[k];
	char *raw = cmd_import_cell(head, k), *h = str_trim(raw), *folded, letters[8];
	bool ok = true;

	folded = cmd_import_fold(h);
	sheet_col_letters(k, letters);
	c->head = xstrdup(*h != '\0' ? h : letters);
	if (*h == '\0') {
		c->kind = CMD_IMPORT_SKIP;
		if ((ok = !cmd_import_col_used(&x->sheet, k)) == false)
			cmd_import_say(x, false, head->no, c->head, "%s",
			    _("the column has values but no header"));
	} else if (str_eq(h, "case_no") || cmd_import_head_is(folded, N_("Case number"), false))
		c->kind = CMD_IMPORT_CASE_NO;
	else if (str_eq(h, "record_id") || cmd_import_head_is(folded, N_("Record"), false))
		c->kind = CMD_IMPORT_RECORD_ID;
	else if (!cmd_import_head_field(x->def, h, folded, c)) {
		cmd_import_say(x, false, head->no, c->head, _("form '%s' has no field of this "
		    "name or label"), x->name);
		ok = false;
	}
	free(folded);
	free(raw);
	return ok;
}

/* A second column of what an earlier one holds is an error. */
static void
cmd_import_column_twice(struct cmd_import *x, long row, size_t k)
{
	const struct cmd_import_col *c = &x->cols[k], *e;
	size_t j;

	for (j = 0; j < k; j++) {
		e = &x->cols[j];
		if (c->kind == CMD_IMPORT_SKIP || e->kind != c->kind || (c->kind ==
		    CMD_IMPORT_FIELD && (e->field != c->field || e->part != c->part)))
			continue;
		cmd_import_say(x, false, row, c->head, _("the column '%s' already holds this"),
		    e->head);
		return;
	}
}

size_t
cmd_import_columns(struct cmd_import *x)
{
	const struct sheet_row *head = &x->sheet.rows[0];
	size_t k, before = x->nerr;

	x->ncols = head->ncells;
	x->cols = xcalloc(x->ncols ? x->ncols : 1, sizeof *x->cols);
	x->case_col = -1;
	for (k = 0; k < x->ncols; k++)
		if (cmd_import_column(x, head, k))
			cmd_import_column_twice(x, head->no, k);
	x->id_col = -1;
	for (k = 0; k < x->ncols; k++) {
		if (x->cols[k].kind == CMD_IMPORT_CASE_NO)
			x->case_col = (int)k;
		if (x->cols[k].kind == CMD_IMPORT_RECORD_ID)
			x->id_col = (int)k;
	}
	return x->nerr - before;
}

/* ---- cells ------------------------------------------------------------------ */

static int
cmd_import_label_cmp(const void *a, const void *b)
{
	return strcmp(((const struct cmd_import_label *)a)->key,
	    ((const struct cmd_import_label *)b)->key);
}

/* The kind of a built-in list (country, language, currency), -1 for others. */
static int
cmd_import_iso_kind(const struct form_choices *cl)
{
	static const char *const names[I18N_ISO_KINDS] = {
		[I18N_ISO_COUNTRY] = "country", [I18N_ISO_LANGUAGE] = "language",
		[I18N_ISO_CURRENCY] = "currency",
	};
	int k;

	for (k = 0; cl->builtin && k < I18N_ISO_KINDS; k++)
		if (str_eq(cl->name, names[k]))
			return k;
	return -1;
}

/* Every label of every item of l->list in every catalog language, sorted. */
static void
cmd_import_labels_build(struct cmd_import_labels *l)
{
	const struct form_choices *cl = l->list;
	const struct i18n_lang *langs;
	const char *t;
	size_t n, i, k, cap = 0;
	int kind = cmd_import_iso_kind(cl);

	langs = i18n_languages(&n);
	for (i = 0; i < cl->nitems; i++)
		for (k = 0; k < n; k++) {
			t = kind >= 0 ? i18n_iso_name_in((enum i18n_iso_kind)kind, cl->items[i].code,
			    langs[k].code) : cmd_import_tr(langs[k].code, cl->items[i].label);
			if (t == NULL)
				continue;
			l->v = xgrow(l->v, &cap, l->n + 1, sizeof *l->v);
			l->v[l->n].key = cmd_import_fold(t);
			l->v[l->n++].code = cl->items[i].code;
		}
	if (l->n > 0)
		qsort(l->v, l->n, sizeof *l->v, cmd_import_label_cmp);
}

/* The code whose label (any language) text is, NULL when none. */
static const char *
cmd_import_by_label(struct cmd_import *x, const struct form_choices *cl, const char *text)
{
	struct cmd_import_labels *l = NULL;
	struct cmd_import_label key, *hit;
	size_t i;

	for (i = 0; i < x->nlists && l == NULL; i++)
		if (x->lists[i].list == cl)
			l = &x->lists[i];
	if (l == NULL) {
		x->lists = xrealloc(x->lists, (x->nlists + 1) * sizeof *x->lists);
		l = &x->lists[x->nlists++];
		memset(l, 0, sizeof *l);
		l->list = cl;
		cmd_import_labels_build(l);
	}
	key.key = cmd_import_fold(text);
	hit = l->n > 0 ? bsearch(&key, l->v, l->n, sizeof *l->v, cmd_import_label_cmp) : NULL;
	free(key.key);
	return hit != NULL ? hit->code : NULL;
}

/* One choice as a code or a label; NULL when neither. */
static const char *
cmd_import_choice(struct cmd_import *x, const struct form_choices *cl, char *text)
{
	const struct form_choice *c;

	text = str_trim(text);
	if ((c = form_choice_find(cl, text)) != NULL)
		return c->code;
	return cmd_import_by_label(x, cl, text);
}

/* A choice (or, for select_many, choices separated by ';', else ',') given
 * by label: the codes (malloc'd), NULL when some part is no choice. */
static char *
cmd_import_labels_to_codes(struct cmd_import *x, const struct form_field *f, const char *text)
{
	const struct form_choices *cl = form_set_choices(x->ctx->forms, f->choices);
	struct strbuf sb = STRBUF_INIT;
	char *copy, *part, *save = NULL;
	const char *code, *sep = strchr(text, ';') != NULL ? ";" : ",";
	bool ok = cl != NULL;

	if (!ok)
		return NULL;
	if (f->type != FT_SELECT_MANY) {
		code = cmd_import_by_label(x, cl, text);
		return code != NULL ? xstrdup(code) : NULL;
	}
	copy = xstrdup(text);
	for (part = strtok_r(copy, sep, &save); ok && part != NULL;
	    part = strtok_r(NULL, sep, &save)) {
		if ((code = cmd_import_choice(x, cl, part)) == NULL)
			ok = false;
		else
			strbuf_printf(&sb, "%s%s", sb.len > 0 ? " " : "", code);
	}
	free(copy);
	if (ok && sb.len > 0)
		return strbuf_take(&sb);
	strbuf_free(&sb);
	return NULL;
}

/* A cell of a field's value: made canonical where it can be, else as it is
 * (the record check then names the value). */
static void
cmd_import_value(struct cmd_import *x, struct form_record *rec, size_t i, const char *text)
{
	const struct form_set *set = x->ctx->forms;
	const struct form_field *f = &rec->def->fields[i];
	const struct form_type_desc *t = form_type(f->type);
	char *canon = NULL, *msg = NULL, *codes;

	if (t->enter != NULL) {
		free(t->enter(set, rec, i, text));
		return;
	}
	if (form_value_check(set, f, text, &canon, &msg)) {
		form_record_set(rec, i, canon);
		free(canon);
		return;
	}
	free(msg);
	msg = NULL;
	if (t->select && (codes = cmd_import_labels_to_codes(x, f, text)) != NULL) {
		if (form_value_check(set, f, codes, &canon, &msg))
			form_record_set(rec, i, canon);
		free(canon);
		free(msg);
		free(codes);
		return;
	}
	form_record_set(rec, i, text);
}

/* A currency: its code in capitals, or the code of the currency so named. */
static void
cmd_import_currency(struct cmd_import *x, struct form_record *rec, size_t i, char *text)
{
	const struct form_choices *cl = form_set_choices(x->ctx->forms, "currency");
	const char *code = cl != NULL ? cmd_import_choice(x, cl, text) : NULL;
	char *p;

	if (code == NULL)
		for (p = text; *p != '\0'; p++)
			*p = *p >= 'a' && *p <= 'z' ? (char)(*p - 'a' + 'A') : *p;
	form_record_set_part(rec, i, 1, code != NULL ? code : text);
}

void
cmd_import_fill(struct cmd_import *x, const struct sheet_row *row, struct form_record *rec)
{
	const struct cmd_import_col *c;
	char *raw, *v;
	size_t k;
	int part;

	/* the values first: an amount with its currency ("120 EUR") fills both */
	for (part = 0; part < 2; part++)
		for (k = 0; k < x->ncols; k++) {
			c = &x->cols[k];
			if (c->kind != CMD_IMPORT_FIELD || c->part != part)
				continue;
			raw = cmd_import_cell(row, k);
			if (*(v = str_trim(raw)) != '\0') {
				if (part == 0)
					cmd_import_value(x, rec, c->field, v);
				else
					cmd_import_currency(x, rec, c->field, v);
			}
			free(raw);
		}
}

void
cmd_import_cols_free(struct cmd_import *x)
{
	size_t i, k;

	for (i = 0; i < x->ncols; i++)
		free(x->cols[i].head);
	free(x->cols);
	for (i = 0; i < x->nlists; i++) {
		for (k = 0; k < x->lists[i].n; k++)
			free(x->lists[i].v[k].key);
		free(x->lists[i].v);
	}
	free(x->lists);
	x->cols = NULL;
	x->lists = NULL;
	x->ncols = x->nlists = 0;
}
