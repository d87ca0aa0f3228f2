/*
 * cmd/xlsform_expr: XPath expressions of an XLSForm as SQLite expressions
 * of the form language, and the names and texts of an XLSForm made what
 * avrr writes (cmd/xlsform.h).
 *
 * The expression is cut into tokens first (strings, numbers, ${name},
 * words, operators), then written token by token; functions are looked up
 * in one table (XPath name, avrr name or NULL when avrr has none).
 */
#include "cmd/xlsform.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "util/mem.h"
#include "util/tr.h"

enum xf_tok_kind { XT_STR, XT_NUM, XT_REF, XT_WORD, XT_OP, XT_DOT, XT_LP, XT_RP, XT_COMMA,
	XT_BAD };

struct xf_tok {
	enum xf_tok_kind	 kind;
	char			*text;		/* string contents, name, word or operator */
	bool			 space;		/* blanks stood before it */
};

struct xf_toks {
	struct xf_tok	*t;
	size_t		 n, cap;
};

/* XPath functions: what avrr calls them (NULL: avrr has none). */
static const struct xf_fn {
	const char	*xpath;
	const char	*avrr;
	const char	*note;		/* a remark when it is kept, or NULL */
} xf_fns[] = {
	{ "if", "iif", NULL },
	{ "not", "not", NULL },
	{ "today", "today", NULL },
	{ "now", "now", NULL },
	{ "concat", "concat", NULL },
	{ "int", "int", NULL },
	{ "number", "number", NULL },
	{ "string", "string", NULL },
	{ "regex", "regex", NULL },
	{ "selected", "selected", NULL },
	{ "round", "round", NULL },
	{ "coalesce", "coalesce", NULL },
	{ "abs", "abs", NULL },
	{ "pow", "pow", NULL },
	{ "date", "date", NULL },
	{ "contains", "contains", NULL },
	{ "true", "true", NULL },
	{ "false", "false", NULL },
	{ "sum", "sum", NULL },
	{ "count", "count", NULL },
	{ "min", "min", NULL },
	{ "max", "max", NULL },
	{ "string-length", "string_length", NULL },
	{ "count-selected", "count_selected", NULL },
	{ "starts-with", "starts_with", NULL },
	{ "ends-with", "ends_with", NULL },
	{ "boolean-from-string", "boolean_from_string", NULL },
	{ "format-date", "format_date", NULL },
	{ "format-date-time", "format_date_time", NULL },
	{ "selected-at", "selected_at", NULL },
	{ "substr", "substr", N_("substr() counts from 1 in avrr and from 0 in XLSForm, "
	    "and its third argument is a length, not an end: check the expression") },
	{ "floor", "floor", NULL },
	{ "ceiling", "ceil", NULL },
	{ "position", NULL, NULL },
	{ "indexed-repeat", NULL, NULL },
	{ "jr:choice-name", NULL, NULL },
	{ "pulldata", NULL, NULL },
	{ "once", NULL, NULL },
	{ "uuid", NULL, NULL },
	{ "random", NULL, NULL },
	{ "decimal-date-time", NULL, NULL },
	{ "decimal-time", NULL, NULL },
	{ "date-time", NULL, NULL },
	{ "join", NULL, NULL },
	{ "digest", NULL, NULL },
	{ "area", NULL, NULL },
	{ "distance", NULL, NULL },
	{ "version", NULL, NULL },
	{ "instance", NULL, NULL },
	{ "current", NULL, NULL },
	{ "last-saved", NULL, NULL },
	{ NULL, NULL, NULL }
};

/* Words that stand between operands: XPath's, then SQLite's. */
static const struct { const char *xpath, *sql; } xf_ops[] = {
	{ "and", "AND" }, { "or", "OR" }, { "div", "/" }, { "mod", "%" },
	{ "TRUE", "1" }, { "FALSE", "0" },	/* a spreadsheet's booleans */
	{ NULL, NULL }
};

static void
xf_toks_add(struct xf_toks *ts, enum xf_tok_kind k, const char *s, size_t len, bool space)
{
	ts->t = xgrow(ts->t, &ts->cap, ts->n + 1, sizeof *ts->t);
	ts->t[ts->n].kind = k;
	ts->t[ts->n].text = xstrndup(s, len);
	ts->t[ts->n++].space = space;
}

static void
xf_toks_free(struct xf_toks *ts)
{
	size_t i;

	for (i = 0; i < ts->n; i++)
		free(ts->t[i].text);
	free(ts->t);
}

static bool
xf_word_char(char c, char next)
{
	if (isalnum((unsigned char)c) || c == '_')
		return true;
	return (c == '-' || c == ':' || c == '.') && isalpha((unsigned char)next);
}

/* The length of the token at s: a quoted string, a ${name}, a number, a word. */
static size_t
xf_tok_len(const char *s, enum xf_tok_kind *k)
{
	static const char *const two[] = { "!=", "<=", ">=", "..", NULL };
	const char *e;
	size_t i;

	if (*s == '"' || *s == '\'') {
		e = strchr(s + 1, *s);
		*k = e != NULL ? XT_STR : XT_BAD;
		return e != NULL ? (size_t)(e - s) + 1 : strlen(s);
	}
	if (s[0] == '$' && s[1] == '{' && (e = strchr(s, '}')) != NULL) {
		*k = XT_REF;
		return (size_t)(e - s) + 1;
	}
	if (isdigit((unsigned char)*s) || (*s == '.' && isdigit((unsigned char)s[1]))) {
		*k = XT_NUM;
		return strspn(s, "0123456789.");
	}
	if (isalpha((unsigned char)*s) || *s == '_') {
		for (e = s; *e != '\0' && xf_word_char(*e, e[1]); e++)
			;
		*k = XT_WORD;
		return (size_t)(e - s);
	}
	for (i = 0; two[i] != NULL; i++)
		if (strncmp(s, two[i], 2) == 0) {
			*k = i < 3 ? XT_OP : XT_BAD;
			return 2;
		}
	*k = *s == '(' ? XT_LP : *s == ')' ? XT_RP : *s == ',' ? XT_COMMA : *s == '.' ? XT_DOT :
	    strchr("=<>+-*", *s) != NULL ? XT_OP : XT_BAD;
	for (i = 1; (unsigned char)*s >= 0x80 && ((unsigned char)s[i] & 0xc0) == 0x80; i++)
		;	/* a character beyond ASCII is one bad token */
	return (unsigned char)*s >= 0x80 ? i : 1;
}

static void
xf_tokenize(const char *s, struct xf_toks *ts)
{
	enum xf_tok_kind k;
	bool space = false;
	size_t len;

	while (*s != '\0') {
		if (isspace((unsigned char)*s) || ((unsigned char)s[0] == 0xc2 &&
		    (unsigned char)s[1] == 0xa0)) {	/* a blank, or a no-break space */
			space = true;
			s += isspace((unsigned char)*s) ? 1 : 2;
			continue;
		}
		len = xf_tok_len(s, &k);
		if (k == XT_STR)
			xf_toks_add(ts, k, s + 1, len - 2, space);
		else if (k == XT_REF)
			xf_toks_add(ts, k, s + 2, len - 3, space);
		else
			xf_toks_add(ts, k, s, len, space);
		s += len;
		space = false;
	}
}

/* The state of one translation. */
struct xf_tr {
	const struct xf_expr_ctx *ctx;
	struct xf_toks		  ts;
	struct strbuf		  out;
	char			 *why;
	char			 *note;
	bool			 *not_paren;	/* per open parenthesis: it closes a not( */
	size_t			  depth, cap;
	bool			  pending_not;	/* a not( was written: its "(" comes next */
};

static const struct xf_fn *
xf_fn_find(const char *name)
{
	const struct xf_fn *f;

	for (f = xf_fns; f->xpath != NULL; f++)
		if (strcmp(f->xpath, name) == 0)
			return f;
	return NULL;
}

static const struct xf_tok *
xf_at(const struct xf_tr *t, size_t i)
{
	return i < t->ts.n ? &t->ts.t[i] : NULL;
}

static bool
xf_is(const struct xf_tr *t, size_t i, enum xf_tok_kind k, const char *text)
{
	const struct xf_tok *x = xf_at(t, i);

	return x != NULL && x->kind == k && (text == NULL || strcmp(x->text, text) == 0);
}

static bool
xf_is_empty_cmp(const struct xf_tr *t, size_t op, size_t str)
{
	return (xf_is(t, op, XT_OP, "=") || xf_is(t, op, XT_OP, "!=")) &&
	    xf_is(t, str, XT_STR, "");
}

static void
xf_fail(struct xf_tr *t, char *why)
{
	if (t->why == NULL)
		t->why = why;
	else
		free(why);
}

/* Looks ${name} up; false (and the reason) when it names nothing to read. */
static bool
xf_ref(struct xf_tr *t, const char *xname, struct xf_ref *r)
{
	if (!t->ctx->find(t->ctx->arg, xname, r)) {
		xf_fail(t, xasprintf(_("${%s} names no question of the form"), xname));
		return false;
	}
	if (r->is_group) {
		xf_fail(t, xasprintf(_("${%s} is a group, which has no value"), xname));
		return false;
	}
	return true;
}

/* A ${name} that is not the argument of an aggregate. */
static void
xf_emit_ref(struct xf_tr *t, size_t i)
{
	const char *xname = t->ts.t[i].text;
	struct xf_ref r;
	bool empty;

	if (!xf_ref(t, xname, &r))
		return;
	if (r.is_repeat || (r.repeat != NULL && !str_eq(r.repeat, t->ctx->repeat))) {
		xf_fail(t, xasprintf(_("${%s} stands in the repeat '%s' and is read outside it: "
		    "avrr reads a repeat's questions from outside only in sum(), count(), min() "
		    "and max()"), xname, r.is_repeat ? r.name : r.repeat));
		return;
	}
	empty = xf_is_empty_cmp(t, i + 1, i + 2) || (i >= 2 && xf_is_empty_cmp(t, i - 1, i - 2));
	strbuf_printf(&t->out, empty ? "coalesce(:%s, '')" : ":%s", r.name);
}

/* sum(${f}), count(${f}), min, max of a repeat's question, count(${r}):
 * true when tokens i.. were one and are written. */
static bool
xf_emit_agg(struct xf_tr *t, size_t i)
{
	static const char *const aggs[] = { "sum", "count", "min", "max", NULL };
	const char *fn = t->ts.t[i].text;
	struct xf_ref r;
	size_t k;

	for (k = 0; aggs[k] != NULL && strcmp(aggs[k], fn) != 0; k++)
		;
	if (aggs[k] == NULL || !xf_is(t, i + 1, XT_LP, NULL) || !xf_is(t, i + 2, XT_REF, NULL) ||
	    !xf_is(t, i + 3, XT_RP, NULL))
		return false;
	if (!t->ctx->find(t->ctx->arg, t->ts.t[i + 2].text, &r) || r.is_group)
		return false;
	if (r.is_repeat && strcmp(fn, "count") == 0)
		strbuf_printf(&t->out, "count(:%s)", r.name);
	else if (!r.is_repeat && r.repeat != NULL && !str_eq(r.repeat, t->ctx->repeat))
		strbuf_printf(&t->out, "%s(:%s.%s)", fn, r.repeat, r.name);
	else
		return false;
	return true;
}

static void
xf_emit_call(struct xf_tr *t, size_t i)
{
	const struct xf_fn *f = xf_fn_find(t->ts.t[i].text);

	if (f == NULL || f->avrr == NULL) {
		xf_fail(t, xasprintf(_("avrr has no function %s()"), t->ts.t[i].text));
		return;
	}
	if (f->note != NULL && t->note == NULL)
		t->note = xstrdup(_(f->note));
	if (strcmp(f->xpath, "not") == 0) {
		strbuf_puts(&t->out, "(NOT ");
		t->pending_not = true;
		return;
	}
	strbuf_puts(&t->out, f->avrr);
}

static void
xf_emit_word(struct xf_tr *t, size_t i)
{
	const char *w = t->ts.t[i].text;
	size_t k;

	for (k = 0; xf_ops[k].xpath != NULL; k++)
		if (strcmp(xf_ops[k].xpath, w) == 0) {
			strbuf_puts(&t->out, xf_ops[k].sql);
			return;
		}
	if (xf_is(t, i + 1, XT_LP, NULL)) {
		xf_emit_call(t, i);
		return;
	}
	xf_fail(t, xasprintf(_("'%s' is an XPath path or name, not ${name}: avrr "
	    "cannot read it"), w));
}

static void
xf_emit_str(struct xf_tr *t, const char *s)
{
	strbuf_putc(&t->out, '\'');
	for (; *s != '\0'; s++) {
		if (*s == '\'')
			strbuf_putc(&t->out, '\'');
		strbuf_putc(&t->out, *s);
	}
	strbuf_putc(&t->out, '\'');
}

static void
xf_emit_paren(struct xf_tr *t, bool open)
{
	bool was_not = t->depth > 0 && t->not_paren[t->depth - 1];

	if (open) {
		t->not_paren = xgrow(t->not_paren, &t->cap, t->depth + 1, sizeof *t->not_paren);
		t->not_paren[t->depth++] = t->pending_not;
		t->pending_not = false;
		strbuf_putc(&t->out, '(');
		return;
	}
	if (t->depth == 0) {
		xf_fail(t, xstrdup(_("a ')' closes no '('")));
		return;
	}
	t->depth--;
	strbuf_puts(&t->out, was_not ? "))" : ")");
}

/* Writes token i (and the ones it takes with it); the next token's index. */
static size_t
xf_emit(struct xf_tr *t, size_t i)
{
	const struct xf_tok *x = &t->ts.t[i];

	if (x->space && t->out.len > 0 && t->out.s[t->out.len - 1] != ' ')
		strbuf_putc(&t->out, ' ');
	switch (x->kind) {
	case XT_STR:
		xf_emit_str(t, x->text);
		break;
	case XT_NUM:
		strbuf_printf(&t->out, "%s%s", x->text[0] == '.' ? "0" : "", x->text);
		break;
	case XT_REF:
		xf_emit_ref(t, i);
		break;
	case XT_WORD:
		if (xf_emit_agg(t, i))
			return i + 4;
		xf_emit_word(t, i);
		break;
	case XT_DOT:
		if (t->ctx->self == NULL)
			xf_fail(t, xstrdup(_("'.' (the answer itself) stands where there is none")));
		else
			strbuf_printf(&t->out, ":%s", t->ctx->self);
		break;
	case XT_LP:
	case XT_RP:
		xf_emit_paren(t, x->kind == XT_LP);
		break;
	case XT_OP:
	case XT_COMMA:
		strbuf_puts(&t->out, x->text);
		break;
	case XT_BAD:
		xf_fail(t, xasprintf(_("'%s' has no counterpart in avrr's expressions "
		    "(XPath paths, predicates and unions cannot be read)"), x->text));
		break;
	}
	return i + 1;
}

char *
cmd_xlsform_expr(const char *xpath, const struct xf_expr_ctx *ctx, char **why, char **note)
{
	struct xf_tr t;
	size_t i = 0;

	memset(&t, 0, sizeof t);
	t.ctx = ctx;
	xf_tokenize(xpath, &t.ts);
	while (i < t.ts.n && t.why == NULL)
		i = xf_emit(&t, i);
	if (t.why == NULL && t.depth > 0)
		t.why = xstrdup(_("a '(' is never closed"));
	if (t.why == NULL && t.out.len == 0)
		t.why = xstrdup(_("the expression is empty"));
	xf_toks_free(&t.ts);
	free(t.not_paren);
	if (note != NULL)
		*note = t.note;
	else
		free(t.note);
	if (t.why != NULL) {
		*why = t.why;
		strbuf_free(&t.out);
		return NULL;
	}
	*why = NULL;
	return strbuf_take(&t.out);
}

static bool
xf_is_number(const char *s)
{
	char *end;

	if (*s == '\0' || isspace((unsigned char)*s))
		return false;
	(void)strtod(s, &end);
	return *end == '\0' && strspn(s, "+-0123456789.") == strlen(s);
}

char *
cmd_xlsform_default(const char *value, const struct xf_expr_ctx *ctx, char **why,
    char **note)
{
	struct xf_tr t;

	if (note != NULL)
		*note = NULL;
	*why = NULL;
	if (xf_is_number(value))
		return xstrdup(value);
	if (strstr(value, "${") == NULL && strchr(value, '(') == NULL && *value != '\'' &&
	    *value != '"' && strcmp(value, ".") != 0) {
		memset(&t, 0, sizeof t);
		xf_emit_str(&t, value);
		return strbuf_take(&t.out);
	}
	return cmd_xlsform_expr(value, ctx, why, note);
}

/* ---- names -------------------------------------------------------------- */

char *
cmd_xlsform_name(const char *xname)
{
	static const char *const reserved[] = {
		"id", "uuid", "case_id", "parent_id", "version",
		"created_at", "created_by", "updated_at", "updated_by", NULL
	};
	struct strbuf sb = STRBUF_INIT;
	const char *s;
	size_t i;

	for (s = xname != NULL ? xname : ""; *s != '\0'; s++) {
		char c = (char)tolower((unsigned char)*s);

		if (!isalnum((unsigned char)c) || (unsigned char)c >= 0x80)
			c = '_';
		if (c == '_' && (sb.len == 0 || strbuf_str(&sb)[sb.len - 1] == '_'))
			continue;
		strbuf_putc(&sb, c);
	}
	while (sb.len > 0 && sb.s[sb.len - 1] == '_')
		sb.s[--sb.len] = '\0';
	if (sb.len == 0 || isdigit((unsigned char)strbuf_str(&sb)[0])) {
		char *rest = strbuf_take(&sb);

		strbuf_printf(&sb, "q%s%s", *rest != '\0' ? "_" : "", rest);
		free(rest);
	}
	for (i = 0; reserved[i] != NULL; i++)
		if (strcmp(reserved[i], strbuf_str(&sb)) == 0) {
			strbuf_puts(&sb, "_q");
			break;
		}
	return strbuf_take(&sb);
}

/* ---- texts -------------------------------------------------------------- */

/* Markdown emphasis: * always, _ where it begins or ends a word. */
static bool
xf_emphasis(const char *text, const char *s)
{
	bool before = s > text && isalnum((unsigned char)s[-1]);
	bool after = isalnum((unsigned char)s[1]);

	return *s == '*' || (*s == '_' && !(before && after));
}

/* Skips a markdown link "[text](address)" at s, writing "text (address)". */
static const char *
xf_link(struct strbuf *sb, const char *s)
{
	const char *close = strstr(s, "](");
	const char *end = close != NULL ? strchr(close, ')') : NULL;

	if (close == NULL || end == NULL || memchr(s, '\n', (size_t)(end - s)) != NULL)
		return NULL;
	strbuf_add(sb, s + 1, (size_t)(close - s - 1));
	strbuf_puts(sb, " (");
	strbuf_add(sb, close + 2, (size_t)(end - close - 2));
	strbuf_putc(sb, ')');
	return end + 1;
}

/* One character (or a construct) of text at s; returns what follows. */
static const char *
xf_plain_step(struct strbuf *sb, const char *text, const char *s, bool *changed)
{
	const char *e;

	if (s[0] == '$' && s[1] == '{' && (e = strchr(s, '}')) != NULL) {
		strbuf_add(sb, s, (size_t)(e - s) + 1);
		return e + 1;
	}
	if (*s == '<' && (isalpha((unsigned char)s[1]) || s[1] == '/') &&
	    (e = strchr(s, '>')) != NULL) {
		*changed = true;
		return e + 1;
	}
	if (*s == '[' && (e = xf_link(sb, s)) != NULL) {
		*changed = true;
		return e;
	}
	if (xf_emphasis(text, s)) {
		*changed = true;
		return s + 1;
	}
	if ((unsigned char)*s < 0x20 || *s == 0x7f) {
		if (sb->len > 0 && strbuf_str(sb)[sb->len - 1] != ' ')
			strbuf_putc(sb, ' ');
		return s + 1;
	}
	if (*s != ' ' || (sb->len > 0 && strbuf_str(sb)[sb->len - 1] != ' '))
		strbuf_putc(sb, *s);
	return s + 1;
}

bool
cmd_xlsform_plain(const char *text, char **out)
{
	struct strbuf sb = STRBUF_INIT;
	const char *s = text;
	bool changed = false;

	while (*s == ' ' || *s == '\t' || *s == '\n')
		s++;
	if (*s == '#') {
		changed = true;
		while (*s == '#' || *s == ' ')
			s++;
	}
	while (*s != '\0')
		s = xf_plain_step(&sb, text, s, &changed);
	while (sb.len > 0 && sb.s[sb.len - 1] == ' ')
		sb.s[--sb.len] = '\0';
	*out = strbuf_take(&sb);
	return changed;
}

void
cmd_xlsform_po_str(struct strbuf *sb, const char *text)
{
	const char *s;

	strbuf_putc(sb, '"');
	for (s = text; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\')
			strbuf_putc(sb, '\\');
		if (*s == '\n')
			strbuf_puts(sb, "\\n");
		else if (*s == '\t')
			strbuf_puts(sb, "\\t");
		else
			strbuf_putc(sb, *s);
	}
	strbuf_putc(sb, '"');
}
