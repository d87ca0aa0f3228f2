/*
 * form/types: what a person typed for one field, checked and made canonical
 * (form_value_check in value.h), and the descriptors of the field types
 * (form/type.h): one check function per type, the table of all types built
 * from form/type_list.h; messages quote the value (shortened, control
 * characters made harmless).
 */
#include "form/value.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "form/internal.h"
#include "form/money.h"
#include "form/type.h"
#include "util/date.h"
#include "util/mem.h"
#include "util/str.h"
#include "util/tr.h"
#include "util/utf8.h"

/* Values longer than this are shortened in messages. */
#define FORM_TYPES_QUOTE 32

/* The value for a message: at most FORM_TYPES_QUOTE characters, no controls. */
static char *
form_types_quote(const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	size_t n = 0;

	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c & 0xc0) != 0x80 && n++ == FORM_TYPES_QUOTE) {
			strbuf_puts(&sb, "...");
			break;
		}
		strbuf_putc(&sb, c < 0x20 || c == 0x7f ? '?' : *s);
	}
	return strbuf_take(&sb);
}

/* Sets *msg from a msgid with one %s (the quoted value) and an optional %s. */
bool
form_types_fail(struct form_check *c, const char *fmt, const char *arg)
{
	char *q = form_types_quote(c->in);

	*c->msg = xasprintf(fmt, q, arg != NULL ? arg : "");
	free(q);
	return false;
}

bool
form_types_ok(struct form_check *c, char *canon)
{
	*c->canon = canon;
	return true;
}

static bool
form_types_is_nbsp(const char *s, size_t *len)
{
	if (strncmp(s, "\xc2\xa0", 2) == 0)
		*len = 2;
	else if (strncmp(s, "\xe2\x80\xaf", 3) == 0)
		*len = 3;
	else
		*len = *s == ' ' ? 1 : 0;
	return *len > 0;
}

/*
 * A number as people write it: sign, digits with blanks between groups, one
 * '.' or ',' as decimal mark. Canonical: '-'?digits('.'digits)?, leading zeros
 * dropped. False when it is not one.
 */
static bool
form_types_number(const char *s, bool fraction, struct strbuf *out)
{
	struct strbuf digits = STRBUF_INIT;
	const char *mark = NULL;
	bool neg = *s == '-', any = false;
	size_t skip;

	if (*s == '-' || *s == '+')
		s++;
	for (; *s != '\0'; s++) {
		if (isdigit((unsigned char)*s)) {
			strbuf_putc(&digits, *s);
			any = true;
		} else if ((*s == '.' || *s == ',') && mark == NULL && fraction) {
			mark = s;
			strbuf_putc(&digits, '.');
		} else if (form_types_is_nbsp(s, &skip) && mark == NULL && any &&
		    isdigit((unsigned char)s[skip])) {
			s += skip - 1;
		} else {
			any = false;
			break;
		}
	}
	if (any && digits.s[digits.len - 1] == '.')
		digits.s[--digits.len] = '\0';
	if (any) {
		const char *d = strbuf_str(&digits);

		while (d[0] == '0' && isdigit((unsigned char)d[1]))
			d++;
		if (neg && strspn(d, "0.") != strlen(d))
			strbuf_putc(out, '-');
		if (*d == '.')
			strbuf_putc(out, '0');
		strbuf_puts(out, d);
	}
	strbuf_free(&digits);
	return any;
}

/* Compares a canonical number with a bound of the definition. */
static bool
form_types_num_bounds(struct form_check *c, const char *canon)
{
	double v = strtod(canon, NULL);

	if (c->f->min != NULL && form_is_decimal(c->f->min) && v < strtod(c->f->min, NULL))
		return form_types_fail(c, _("'%s' is less than the minimum %s"), c->f->min);
	if (c->f->max != NULL && form_is_decimal(c->f->max) && v > strtod(c->f->max, NULL))
		return form_types_fail(c, _("'%s' is more than the maximum %s"), c->f->max);
	return true;
}

static bool
form_types_integer(struct form_check *c)
{
	struct strbuf sb = STRBUF_INIT;
	long long v;

	if (!form_types_number(c->in, false, &sb)) {
		strbuf_free(&sb);
		return form_types_fail(c, _("'%s' is not a whole number"), NULL);
	}
	errno = 0;
	v = strtoll(strbuf_str(&sb), NULL, 10);
	if (errno == ERANGE || v > 999999999999999LL || v < -999999999999999LL) {
		strbuf_free(&sb);
		return form_types_fail(c, _("'%s' is too large"), NULL);
	}
	if (!form_types_num_bounds(c, strbuf_str(&sb))) {
		strbuf_free(&sb);
		return false;
	}
	return form_types_ok(c, strbuf_take(&sb));
}

static bool
form_types_decimal(struct form_check *c)
{
	struct strbuf sb = STRBUF_INIT;
	const char *s;

	if (!form_types_number(c->in, true, &sb)) {
		strbuf_free(&sb);
		return form_types_fail(c, _("'%s' is not a number"), NULL);
	}
	s = strbuf_str(&sb);
	if (strcspn(s, ".") - (s[0] == '-') > 15) {
		strbuf_free(&sb);
		return form_types_fail(c, _("'%s' is too large"), NULL);
	}
	if (!form_types_num_bounds(c, s)) {
		strbuf_free(&sb);
		return false;
	}
	return form_types_ok(c, strbuf_take(&sb));
}

/* A date bound of the definition ("today" or YYYY-MM-DD); false when none. */
static bool
form_types_date_bound(const char *bound, struct date *d)
{
	if (bound == NULL)
		return false;
	if (strcmp(bound, "today") == 0) {
		*d = date_today();
		return true;
	}
	return date_parse_iso(bound, d);
}

static bool
form_types_date_bounds(struct form_check *c, const struct date *d)
{
	struct date b;
	char buf[DATE_LEN];

	if (form_types_date_bound(c->f->min, &b) && date_cmp(d, &b) < 0) {
		date_format(&b, buf);
		return form_types_fail(c, _("'%s' is before the earliest allowed date %s"), buf);
	}
	if (form_types_date_bound(c->f->max, &b) && date_cmp(d, &b) > 0) {
		date_format(&b, buf);
		return form_types_fail(c, _("'%s' is after the latest allowed date %s"), buf);
	}
	return true;
}

static bool
form_types_date(struct form_check *c)
{
	struct date d;
	char buf[DATE_LEN];

	if (!date_parse(c->in, &d))
		return form_types_fail(c,
		    _("'%s' is not a date (use 2026-11-22 or 22.11.2026)"), NULL);
	if (!form_types_date_bounds(c, &d))
		return false;
	date_format(&d, buf);
	return form_types_ok(c, xstrdup(buf));
}

static bool
form_types_datetime(struct form_check *c)
{
	struct date_time t;
	char buf[DATE_TIME_LEN];

	if (!date_time_parse(c->in, &t))
		return form_types_fail(c, _("'%s' is not a date and time "
		    "(use 2026-11-22 14:30 or 22.11.2026 14:30)"), NULL);
	if (!form_types_date_bounds(c, &t.date))
		return false;
	date_time_format(&t, buf);
	return form_types_ok(c, xstrdup(buf));
}

static bool
form_types_yesno(struct form_check *c)
{
	static const char *const yes[] = { "yes", "y", "1", "true", "ano", "a", "\xc3\xa1no",
	    "\xc3\x81no", "\xc3\x81NO" };
	static const char *const no[] = { "no", "n", "0", "false", "nie" };
	size_t i;

	for (i = 0; i < sizeof yes / sizeof yes[0]; i++)
		if (strcasecmp(c->in, yes[i]) == 0)
			return form_types_ok(c, xstrdup("yes"));
	for (i = 0; i < sizeof no / sizeof no[0]; i++)
		if (strcasecmp(c->in, no[i]) == 0)
			return form_types_ok(c, xstrdup("no"));
	return form_types_fail(c, _("'%s' is not yes or no"), NULL);
}

/* Length and control characters of the text types; canon is taken. */
static bool
form_types_text_done(struct form_check *c, char *canon, bool lines)
{
	const char *s;

	for (s = canon; *s != '\0'; s++) {
		if (((unsigned char)*s < 0x20 && !(lines && (*s == '\n' || *s == '\t'))) ||
		    *s == 0x7f) {
			free(canon);
			return form_types_fail(c, _("'%s' holds a control character"), NULL);
		}
	}
	if (form_field_limit(c->f) > 0 && utf8_len(canon) > (size_t)form_field_limit(c->f)) {
		char n[24];

		free(canon);
		snprintf(n, sizeof n, "%d", form_field_limit(c->f));
		return form_types_fail(c, _("'%s' is longer than %s characters"), n);
	}
	return form_types_ok(c, canon);
}

static bool
form_types_text(struct form_check *c)
{
	return form_types_text_done(c, xstrdup(c->in), false);
}

/* Multiline: CR LF becomes LF, trailing blanks of each line go. */
static bool
form_types_multiline(struct form_check *c)
{
	struct strbuf sb = STRBUF_INIT;
	const char *s;

	for (s = c->in; *s != '\0'; s++) {
		if (*s == '\r' && s[1] == '\n')
			continue;
		if (*s == '\n')
			while (sb.len > 0 && (sb.s[sb.len - 1] == ' ' || sb.s[sb.len - 1] == '\t'))
				sb.s[--sb.len] = '\0';
		strbuf_putc(&sb, *s);
	}
	return form_types_text_done(c, strbuf_take(&sb), true);
}

static bool
form_types_phone(struct form_check *c)
{
	struct strbuf sb = STRBUF_INIT;
	const char *s;
	int digits = 0;

	for (s = c->in; *s != '\0'; s++) {
		if (*s == ' ' && sb.len > 0 && sb.s[sb.len - 1] == ' ')
			continue;
		if ((!isdigit((unsigned char)*s) && strchr(" +-()", *s) == NULL) ||
		    (*s == '+' && s != c->in)) {
			strbuf_free(&sb);
			return form_types_fail(c,
			    _("'%s' is not a phone number (use digits, blanks and + - ( ))"), NULL);
		}
		digits += isdigit((unsigned char)*s) != 0;
		strbuf_putc(&sb, *s);
	}
	if (digits < 3) {
		strbuf_free(&sb);
		return form_types_fail(c,
		    _("'%s' is not a phone number (use digits, blanks and + - ( ))"), NULL);
	}
	return form_types_text_done(c, strbuf_take(&sb), false);
}

static bool
form_types_novalue(struct form_check *c)
{
	return form_types_ok(c, xstrdup(""));
}

/* A built-in list whose items are not loaded: any code of 2 or 3 letters,
 * in the case iso-codes writes it (languages lower, the rest upper). */
static char *
form_types_builtin_code(const struct form_choices *list, const char *tok)
{
	bool lower = strcmp(list->name, "language") == 0;
	size_t n = strlen(tok), i;
	char *code;

	if (n < 2 || n > 3)
		return NULL;
	code = xstrdup(tok);
	for (i = 0; i < n; i++) {
		char ch = (char)tolower((unsigned char)tok[i]);

		if (ch < 'a' || ch > 'z') {
			free(code);
			return NULL;
		}
		code[i] = lower ? ch : (char)(ch - 'a' + 'A');
	}
	return code;
}

/* The canonical code of tok in list, or NULL; *idx is its item (-1: none). */
static char *
form_types_code(const struct form_choices *list, const char *tok, long *idx)
{
	size_t i;

	*idx = -1;
	if (list->nitems == 0 && list->builtin)
		return form_types_builtin_code(list, tok);
	for (i = 0; i < list->nitems && *idx < 0; i++)
		if (strcmp(list->items[i].code, tok) == 0)
			*idx = (long)i;
	for (i = 0; i < list->nitems && *idx < 0; i++)
		if (strcasecmp(list->items[i].code, tok) == 0)
			*idx = (long)i;
	return *idx >= 0 ? xstrdup(list->items[*idx].code) : NULL;
}

static const struct form_choices *
form_types_list(struct form_check *c)
{
	return c->f->choices != NULL ? form_set_choices(c->set, c->f->choices) : NULL;
}

static bool
form_types_select_one(struct form_check *c)
{
	const struct form_choices *list = form_types_list(c);
	char *code;
	long idx;

	if (list == NULL)
		return form_types_fail(c, _("'%s': the field has no choice list"), NULL);
	code = form_types_code(list, c->in, &idx);
	if (code == NULL)
		return form_types_fail(c, _("'%s' is not one of the choices"), NULL);
	return form_types_ok(c, code);
}

static bool
form_types_has_word(const char *list, const char *word)
{
	size_t n = strlen(word);
	const char *s;

	for (s = list; (s = strstr(s, word)) != NULL; s += n)
		if ((s == list || s[-1] == ' ') && (s[n] == '\0' || s[n] == ' '))
			return true;
	return false;
}

/* Codes separated by blanks or commas; canonical: list order, one blank. */
static bool
form_types_select_many(struct form_check *c)
{
	const struct form_choices *list = form_types_list(c);
	struct strbuf out = STRBUF_INIT;
	char *copy, *tok, *save = NULL, *code;
	bool *seen, ok = true;
	long idx;
	size_t i;

	if (list == NULL)
		return form_types_fail(c, _("'%s': the field has no choice list"), NULL);
	copy = xstrdup(c->in);
	seen = xcalloc(list->nitems + 1, sizeof *seen);
	for (tok = strtok_r(copy, " ,\t", &save); tok != NULL && ok;
	    tok = strtok_r(NULL, " ,\t", &save)) {
		if ((code = form_types_code(list, tok, &idx)) == NULL) {
			c->in = tok;
			ok = form_types_fail(c, _("'%s' is not one of the choices"), NULL);
		} else if (idx >= 0) {
			seen[idx] = true;
		} else if (!form_types_has_word(strbuf_str(&out), code)) {
			strbuf_printf(&out, "%s%s", out.len > 0 ? " " : "", code);
		}
		free(code);
	}
	for (i = 0; i < list->nitems; i++)
		if (seen[i])
			strbuf_printf(&out, "%s%s", out.len > 0 ? " " : "", list->items[i].code);
	free(seen);
	free(copy);
	if (!ok) {
		strbuf_free(&out);
		return false;
	}
	return form_types_ok(c, strbuf_take(&out));
}


/* The input without blanks around it (multiline: only trailing ones). */
static char *
form_types_trim(const char *in, bool multiline)
{
	const char *s = in;
	size_t n;

	if (!multiline)
		while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
			s++;
	n = strlen(s);
	while (n > 0 && strchr(" \t\r\n", s[n - 1]) != NULL)
		n--;
	return xstrndup(s, n);
}

bool
form_value_check(const struct form_set *set, const struct form_field *f,
    const char *input, char **canon, char **msg)
{
	struct form_check c = { set, f, NULL, canon, msg };
	char *in;
	bool ok;

	*canon = NULL;
	*msg = NULL;
	in = form_types_trim(input != NULL ? input : "", f->type == FT_MULTILINE);
	c.in = in;
	if (!utf8_valid(in, strlen(in))) {
		*msg = xstrdup(_("the text is not valid UTF-8"));
		ok = false;
	} else if (*in == '\0') {
		ok = form_types_ok(&c, xstrdup(""));
	} else {
		ok = form_type(f->type)->check(&c);
	}
	free(in);
	return ok;
}

/* Bounds (min/max) as the descriptors take them. */
static bool
form_types_bound_whole(const char *v)
{
	return form_is_integer(v);
}

static bool
form_types_bound_count(const char *v)
{
	return form_is_integer(v) && v[0] != '-';
}

static bool
form_types_bound_number(const char *v)
{
	return form_is_decimal(v);
}

static int
form_types_bound_numcmp(const char *a, const char *b)
{
	double x = strtod(a, NULL), y = strtod(b, NULL);

	return (x > y) - (x < y);
}

static bool
form_types_bound_date(const char *v)
{
	struct date d;

	return strcmp(v, "today") == 0 || date_parse_iso(v, &d);
}

static int
form_types_bound_datecmp(const char *a, const char *b)
{
	if (strcmp(a, "today") == 0 || strcmp(b, "today") == 0)
		return 0;
	return strcmp(a, b);
}

#define FORM_TYPES_WHOLE .bound_ok = form_types_bound_whole, \
	.bound_cmp = form_types_bound_numcmp, \
	.bound_msg = N_("'%s' must be a whole number, not '%s'")
#define FORM_TYPES_NUMBER .bound_ok = form_types_bound_number, \
	.bound_cmp = form_types_bound_numcmp, \
	.bound_msg = N_("'%s' must be a number, not '%s'")
#define FORM_TYPES_DATE .bound_ok = form_types_bound_date, \
	.bound_cmp = form_types_bound_datecmp, \
	.bound_msg = N_("'%s' must be a date (YYYY-MM-DD) or today, not '%s'")

const struct form_type_desc form_type_text = {
	.name = "text", .coltype = "TEXT", .typed = true,
	.len_default = FORM_LEN_TEXT, .len_most = 2000, .check = form_types_text,
};
const struct form_type_desc form_type_multiline = {
	.name = "multiline", .coltype = "TEXT", .typed = true,
	.len_default = FORM_LEN_MULTILINE, .len_most = 100000, .check = form_types_multiline,
	.edit_hint = N_("Enter starts a new line; Tab goes to the next field"),
};
const struct form_type_desc form_type_integer = {
	.name = "integer", .coltype = "INTEGER", .numeric = true, .typed = true,
	.len_default = FORM_LEN_TYPED, .check = form_types_integer, FORM_TYPES_WHOLE,
};
const struct form_type_desc form_type_decimal = {
	.name = "decimal", .coltype = "REAL", .numeric = true, .typed = true,
	.len_default = FORM_LEN_TYPED, .check = form_types_decimal, FORM_TYPES_NUMBER,
};
static const struct form_type_col form_types_currency = {
	.suffix = "_currency", .coltype = "TEXT", .kind = "currency",
};

const struct form_type_desc form_type_money = {
	.name = "money", .coltype = "REAL", .extra = &form_types_currency,
	.real_text = "%.2f", .numeric = true, .typed = true,
	.len_default = FORM_LEN_TYPED, .check = form_types_decimal, FORM_TYPES_NUMBER,
	.display = form_money_display, .enter = form_money_enter,
	.check_cols = form_money_check_cur,
	.edit_side = FORM_MONEY_CUR, .side_field = &form_money_cur_field,
};
const struct form_type_desc form_type_date = {
	.name = "date", .coltype = "TEXT", .typed = true,
	.len_default = FORM_LEN_TYPED, .check = form_types_date, FORM_TYPES_DATE,
	.display = form_type_show_date,
};
const struct form_type_desc form_type_datetime = {
	.name = "datetime", .coltype = "TEXT", .typed = true,
	.len_default = FORM_LEN_TYPED, .check = form_types_datetime, FORM_TYPES_DATE,
};
const struct form_type_desc form_type_yesno = {
	.name = "yesno", .coltype = "TEXT", .check = form_types_yesno,
	.display = form_type_show_yesno,
	.edit_hint = N_("y = yes, n = no, Space switches"),
};
const struct form_type_desc form_type_select_one = {
	.name = "select_one", .coltype = "TEXT", .select = true,
	.check = form_types_select_one, .display = form_type_show_one,
	.edit_hint = N_("Enter or type a few letters to choose"),
};
const struct form_type_desc form_type_select_many = {
	.name = "select_many", .coltype = "TEXT", .select = true,
	.check = form_types_select_many, .display = form_type_show_many,
	.edit_hint = N_("Enter or type a few letters to choose"),
};
const struct form_type_desc form_type_phone = {
	.name = "phone", .coltype = "TEXT", .typed = true,
	.len_default = 40, .len_most = 100, .check = form_types_phone,
};
const struct form_type_desc form_type_note = {
	.name = "note", .check = form_types_novalue,
};
const struct form_type_desc form_type_calculated = {
	.name = "calculated", .coltype = "NUMERIC", .check = form_types_text,
};
const struct form_type_desc form_type_repeat = {
	.name = "repeat", .check = form_types_novalue,
	.bound_ok = form_types_bound_count, .bound_cmp = form_types_bound_numcmp,
	.bound_msg = N_("'%s' must be a whole number, not '%s'"),
};

#define FORM_TYPE(id, desc) extern const struct form_type_desc desc;
#include "form/type_list.h"
#undef FORM_TYPE

static const struct form_type_desc *const form_types_table[FT__COUNT] = {
#define FORM_TYPE(id, desc) [FT_##id] = &desc,
#include "form/type_list.h"
#undef FORM_TYPE
};

const struct form_type_desc *
form_type(enum form_type t)
{
	if ((unsigned)t >= FT__COUNT)
		util_die("form_type: no field type %d", (int)t);
	return form_types_table[t];
}

int
form_type_ncols(enum form_type t)
{
	const struct form_type_desc *d = form_type(t);

	return d->coltype == NULL ? 0 : d->extra != NULL ? 2 : 1;
}
