/*
 * db/expr_fn: the XLSForm functions of form expressions (db/expr_fn.h), one
 * short function each, registered from one table. Texts of values come from
 * db_expr_fn_text() and numbers from db_expr_fn_number(), so every function
 * reads an integer, a real or a numeric text the same way.
 */
#include "db/expr_fn.h"

#include <locale.h>
#include <math.h>
#include <regex.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "util/date.h"
#include "util/mem.h"
#include "util/str.h"
#include "util/tr.h"
#include "util/utf8.h"

#define DB_EXPR_FN_FLAGS	(SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS)
#define DB_EXPR_FN_NUMLEN	32	/* a real as %.15g */
#define DB_EXPR_FN_NREGEX	32	/* compiled patterns kept per connection */
#define DB_EXPR_FN_INT_LIMIT	9223372036854775808.0	/* 2^63 */

typedef void db_expr_fn(sqlite3_context *, int, sqlite3_value **);

/* ---- reading arguments --------------------------------------------------- */

/* The text of v, a real written %.15g into buf (as db_expr_eval() shows it,
 * whatever LC_NUMERIC says); NULL for NULL. */
static const char *
db_expr_fn_text(sqlite3_value *v, char buf[DB_EXPR_FN_NUMLEN])
{
	if (sqlite3_value_type(v) != SQLITE_FLOAT)
		return (const char *)sqlite3_value_text(v);
	sqlite3_snprintf(DB_EXPR_FN_NUMLEN, buf, "%.15g", sqlite3_value_double(v));
	return buf;
}

/* v as a finite number: an integer, a real, or text that reads as one in
 * full (SQLite's numeric affinity: blanks around allowed, '' is none). */
static bool
db_expr_fn_number_of(sqlite3_value *v, double *d)
{
	int t = sqlite3_value_numeric_type(v);

	if (t != SQLITE_INTEGER && t != SQLITE_FLOAT)
		return false;
	*d = sqlite3_value_double(v);
	return isfinite(*d);
}

static void
db_expr_fn_result_real(sqlite3_context *ctx, bool ok, double d)
{
	if (ok && isfinite(d))
		sqlite3_result_double(ctx, d);
	else
		sqlite3_result_null(ctx);
}

/* ---- text ---------------------------------------------------------------- */

/* concat(a, ...): the texts of the arguments joined; a NULL adds nothing. */
static void
db_expr_fn_concat(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct strbuf sb = STRBUF_INIT;
	char buf[DB_EXPR_FN_NUMLEN];
	const char *s;
	int i;

	for (i = 0; i < argc; i++)
		if ((s = db_expr_fn_text(argv[i], buf)) != NULL)
			strbuf_puts(&sb, s);
	sqlite3_result_text(ctx, strbuf_str(&sb), (int)sb.len, SQLITE_TRANSIENT);
	strbuf_free(&sb);
}

/* string(x): x as text. */
static void
db_expr_fn_string(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	char buf[DB_EXPR_FN_NUMLEN];
	const char *s = db_expr_fn_text(argv[0], buf);

	(void)argc;
	if (s == NULL)
		sqlite3_result_null(ctx);
	else
		sqlite3_result_text(ctx, s, -1, SQLITE_TRANSIENT);
}

/* string_length(s): the characters (code points) of s, not its bytes. */
static void
db_expr_fn_string_length(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	char buf[DB_EXPR_FN_NUMLEN];
	const char *s = db_expr_fn_text(argv[0], buf);

	(void)argc;
	if (s == NULL)
		sqlite3_result_null(ctx);
	else
		sqlite3_result_int64(ctx, (sqlite3_int64)utf8_len(s));
}

static bool
db_expr_fn_has(const char *s, const char *t)
{
	return strstr(s, t) != NULL;
}

static bool
db_expr_fn_starts(const char *s, const char *t)
{
	return strncmp(s, t, strlen(t)) == 0;
}

static bool
db_expr_fn_ends(const char *s, const char *t)
{
	size_t n = strlen(s), m = strlen(t);

	return m <= n && memcmp(s + n - m, t, m) == 0;
}

/* test(s, t) on the texts of the two arguments as 1/0; NULL when either is. */
static void
db_expr_fn_pair(sqlite3_context *ctx, sqlite3_value **argv,
    bool (*test)(const char *, const char *))
{
	char b0[DB_EXPR_FN_NUMLEN], b1[DB_EXPR_FN_NUMLEN];
	const char *s = db_expr_fn_text(argv[0], b0), *t = db_expr_fn_text(argv[1], b1);

	if (s == NULL || t == NULL)
		sqlite3_result_null(ctx);
	else
		sqlite3_result_int(ctx, test(s, t));
}

/* contains(s, t), starts_with(s, t), ends_with(s, t): 1/0 ('' is in every s). */
static void
db_expr_fn_contains(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	db_expr_fn_pair(ctx, argv, db_expr_fn_has);
}

static void
db_expr_fn_starts_with(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	db_expr_fn_pair(ctx, argv, db_expr_fn_starts);
}

static void
db_expr_fn_ends_with(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	db_expr_fn_pair(ctx, argv, db_expr_fn_ends);
}

/* ---- numbers and truth --------------------------------------------------- */

/* int(x): x truncated toward zero (int(-3.7) = -3) as an integer; NULL when
 * x is no number or beyond the 64-bit integers. */
static void
db_expr_fn_int(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	double d;

	(void)argc;
	if (sqlite3_value_numeric_type(argv[0]) == SQLITE_INTEGER)
		sqlite3_result_int64(ctx, sqlite3_value_int64(argv[0]));
	else if (db_expr_fn_number_of(argv[0], &d) && d >= -DB_EXPR_FN_INT_LIMIT &&
	    d < DB_EXPR_FN_INT_LIMIT)
		sqlite3_result_int64(ctx, (sqlite3_int64)d);
	else
		sqlite3_result_null(ctx);
}

/* number(x): x as a real; NULL when x is no number ('' included). */
static void
db_expr_fn_number(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	double d = 0;
	bool ok = db_expr_fn_number_of(argv[0], &d);

	(void)argc;
	db_expr_fn_result_real(ctx, ok, d);
}

/* pow(x, y): x to the power y as a real; NULL when either is no number or
 * the power is no finite number (pow(-8, 0.5), pow(0, -1)). */
static void
db_expr_fn_pow(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	double x = 0, y = 0;
	bool ok = db_expr_fn_number_of(argv[0], &x) && db_expr_fn_number_of(argv[1], &y);

	(void)argc;
	db_expr_fn_result_real(ctx, ok, ok ? pow(x, y) : 0);
}

/* boolean_from_string(s): 1 for 'true' or '1', else 0 (NULL, an empty field,
 * included). */
static void
db_expr_fn_boolean_from_string(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	char buf[DB_EXPR_FN_NUMLEN];
	const char *s = db_expr_fn_text(argv[0], buf);

	(void)argc;
	sqlite3_result_int(ctx, str_eq(s, "true") || str_eq(s, "1"));
}

/* true(), false(): 1 and 0. */
static void
db_expr_fn_true(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc, (void)argv;
	sqlite3_result_int(ctx, 1);
}

static void
db_expr_fn_false(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc, (void)argv;
	sqlite3_result_int(ctx, 0);
}

/* ---- choices ------------------------------------------------------------- */

/* The n-th (0-based) space-separated code of list and its length; NULL when
 * there are not that many. */
static const char *
db_expr_fn_code_at(const char *p, sqlite3_int64 n, size_t *len)
{
	const char *w;

	for (;;) {
		while (*p == ' ')
			p++;
		if (*p == '\0' || n < 0)
			return NULL;
		for (w = p; *p != '\0' && *p != ' '; p++)
			;
		if (n-- == 0) {
			*len = (size_t)(p - w);
			return w;
		}
	}
}

/* selected_at(list, n): the n-th code (0-based) of a select_many value, ''
 * when n is negative or beyond its codes; NULL when n is no number. */
static void
db_expr_fn_selected_at(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *list = (const char *)sqlite3_value_text(argv[0]), *code;
	double d;
	size_t len = 0;

	(void)argc;
	if (list == NULL || !db_expr_fn_number_of(argv[1], &d)) {
		sqlite3_result_null(ctx);
		return;
	}
	code = db_expr_fn_code_at(list, d < 0 ? -1 : d > 1e9 ? 1000000000 :
	    (sqlite3_int64)d, &len);
	sqlite3_result_text(ctx, code != NULL ? code : "", (int)len, SQLITE_TRANSIENT);
}

/* ---- regex --------------------------------------------------------------- */

struct db_expr_fn_re {
	char	*pattern;
	regex_t	*re;
};

/* The patterns one connection compiled, the oldest replaced first (auxdata
 * would not do: SQLite drops it at each reset, i.e. after every evaluation). */
struct db_expr_fn_regexes {
	struct db_expr_fn_re	slot[DB_EXPR_FN_NREGEX];
	size_t			n, next;
};

static void *
db_expr_fn_regexes_new(void)
{
	return xcalloc(1, sizeof(struct db_expr_fn_regexes));
}

static void
db_expr_fn_re_clear(struct db_expr_fn_re *e)
{
	regfree(e->re);
	free(e->re);
	free(e->pattern);
}

static void
db_expr_fn_regexes_free(void *arg)
{
	struct db_expr_fn_regexes *c = arg;
	size_t i;

	for (i = 0; i < c->n; i++)
		db_expr_fn_re_clear(&c->slot[i]);
	free(c);
}

/* glibc's C.UTF-8: patterns and texts are read as UTF-8 whatever the user's
 * LC_CTYPE, so '.' is one character and the result depends on nothing else. */
static locale_t
db_expr_fn_locale(void)
{
	static locale_t loc;
	static bool tried;

	if (!tried) {
		tried = true;
		loc = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
	}
	return loc != (locale_t)0 ? loc : LC_GLOBAL_LOCALE;
}

/* pattern compiled (kept in c), or NULL with regerror()'s reason in why. */
static regex_t *
db_expr_fn_re_get(struct db_expr_fn_regexes *c, const char *pattern, char *why,
    size_t whylen)
{
	struct db_expr_fn_re *e;
	regex_t *re = xmalloc(sizeof *re);
	size_t i;
	int rc;

	for (i = 0; i < c->n; i++)
		if (strcmp(c->slot[i].pattern, pattern) == 0) {
			free(re);
			return c->slot[i].re;
		}
	if ((rc = regcomp(re, pattern, REG_EXTENDED | REG_NOSUB)) != 0) {
		regerror(rc, re, why, whylen);
		free(re);
		return NULL;
	}
	if (c->n < DB_EXPR_FN_NREGEX)
		e = &c->slot[c->n++];
	else {
		e = &c->slot[c->next];
		c->next = (c->next + 1) % DB_EXPR_FN_NREGEX;
		db_expr_fn_re_clear(e);
	}
	e->pattern = xstrdup(pattern);
	e->re = re;
	return re;
}

/* regex(text, pattern): 1 when the POSIX extended pattern matches somewhere
 * in text (XLSForm patterns anchor themselves, ^...$), else 0; an error when
 * the pattern does not compile. */
static void
db_expr_fn_regex(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	char buf[DB_EXPR_FN_NUMLEN], why[256], *msg;
	const char *text = db_expr_fn_text(argv[0], buf);
	const char *pattern = (const char *)sqlite3_value_text(argv[1]);
	locale_t old;
	regex_t *re;

	(void)argc;
	if (text == NULL || pattern == NULL) {
		sqlite3_result_null(ctx);
		return;
	}
	old = uselocale(db_expr_fn_locale());
	re = db_expr_fn_re_get(sqlite3_user_data(ctx), pattern, why, sizeof why);
	if (re != NULL)
		sqlite3_result_int(ctx, regexec(re, text, 0, NULL, 0) == 0);
	uselocale(old);
	if (re == NULL) {
		msg = xasprintf(_("regex: the pattern '%s' is not valid: %s"), pattern, why);
		sqlite3_result_error(ctx, msg, -1);
		free(msg);
	}
}

/* ---- dates --------------------------------------------------------------- */

/* The parts of a moment a format specifier writes. */
enum db_expr_fn_part {
	DB_EXPR_FN_YEAR, DB_EXPR_FN_YEAR2, DB_EXPR_FN_MONTH, DB_EXPR_FN_DAY,
	DB_EXPR_FN_WDAY, DB_EXPR_FN_HOUR, DB_EXPR_FN_MIN, DB_EXPR_FN_SEC,
	DB_EXPR_FN_NPARTS
};

static const char *const db_expr_fn_months[12] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	"Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
};

static const char *const db_expr_fn_wdays[7] = {	/* ISO: 1 = Monday */
	"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun",
};

/* The XLSForm (ODK) specifiers: a part as a number (fmt) or a name (names,
 * indexed by the part's value - 1). English names, as ODK writes them. */
static const struct db_expr_fn_spec {
	char			 c;
	enum db_expr_fn_part	 part;
	const char		*fmt;
	const char *const	*names;
} db_expr_fn_specs[] = {
	{ 'Y', DB_EXPR_FN_YEAR, "%04d", NULL },
	{ 'y', DB_EXPR_FN_YEAR2, "%02d", NULL },
	{ 'm', DB_EXPR_FN_MONTH, "%02d", NULL },
	{ 'n', DB_EXPR_FN_MONTH, "%d", NULL },
	{ 'b', DB_EXPR_FN_MONTH, NULL, db_expr_fn_months },
	{ 'd', DB_EXPR_FN_DAY, "%02d", NULL },
	{ 'e', DB_EXPR_FN_DAY, "%d", NULL },
	{ 'a', DB_EXPR_FN_WDAY, NULL, db_expr_fn_wdays },
	{ 'H', DB_EXPR_FN_HOUR, "%02d", NULL },
	{ 'h', DB_EXPR_FN_HOUR, "%d", NULL },
	{ 'M', DB_EXPR_FN_MIN, "%02d", NULL },
	{ 'S', DB_EXPR_FN_SEC, "%02d", NULL },
};

static const struct db_expr_fn_spec *
db_expr_fn_spec_find(char c)
{
	size_t i;

	for (i = 0; i < sizeof db_expr_fn_specs / sizeof db_expr_fn_specs[0]; i++)
		if (db_expr_fn_specs[i].c == c)
			return &db_expr_fn_specs[i];
	return NULL;
}

static bool
db_expr_fn_sec(const char *s, int *sec)
{
	if (s[0] != ':' || s[1] < '0' || s[1] > '5' || s[2] < '0' || s[2] > '9' ||
	    s[3] != '\0')
		return false;
	*sec = (s[1] - '0') * 10 + (s[2] - '0');
	return true;
}

/* The parts of a date (YYYY-MM-DD, time 00:00:00) or a datetime
 * (YYYY-MM-DD HH:MM, and :SS if given); false for anything else. */
static bool
db_expr_fn_parts(const char *s, int parts[DB_EXPR_FN_NPARTS])
{
	char buf[DATE_TIME_LEN];
	struct date_time t = { { 0, 0, 0 }, 0, 0 };
	size_t n = strlen(s);
	int sec = 0;

	if (n == DATE_LEN - 1) {
		if (!date_parse_iso(s, &t.date))
			return false;
	} else {
		if (n < DATE_TIME_LEN - 1)
			return false;
		memcpy(buf, s, DATE_TIME_LEN - 1);
		buf[DATE_TIME_LEN - 1] = '\0';
		if (!date_time_parse_iso(buf, &t) ||
		    (n > DATE_TIME_LEN - 1 && !db_expr_fn_sec(s + DATE_TIME_LEN - 1, &sec)))
			return false;
	}
	parts[DB_EXPR_FN_YEAR] = t.date.y;
	parts[DB_EXPR_FN_YEAR2] = t.date.y % 100;
	parts[DB_EXPR_FN_MONTH] = t.date.m;
	parts[DB_EXPR_FN_DAY] = t.date.d;
	parts[DB_EXPR_FN_WDAY] = date_weekday(&t.date);
	parts[DB_EXPR_FN_HOUR] = t.hour;
	parts[DB_EXPR_FN_MIN] = t.min;
	parts[DB_EXPR_FN_SEC] = sec;
	return true;
}

/* fmt with each specifier replaced by its part; anything else, an unknown
 * specifier included, as it is. */
static void
db_expr_fn_strftime(struct strbuf *sb, const int parts[DB_EXPR_FN_NPARTS],
    const char *fmt)
{
	const struct db_expr_fn_spec *sp;

	for (; *fmt != '\0'; fmt++) {
		if ((sp = *fmt == '%' ? db_expr_fn_spec_find(fmt[1]) : NULL) == NULL) {
			strbuf_putc(sb, *fmt);
			continue;
		}
		fmt++;
		if (sp->names != NULL)
			strbuf_puts(sb, sp->names[parts[sp->part] - 1]);
		else
			strbuf_printf(sb, sp->fmt, parts[sp->part]);
	}
}

/* format_date(date, fmt) and format_date_time(datetime, fmt): each takes a
 * date or a datetime (a date is at 00:00); NULL when it is neither. */
static void
db_expr_fn_format_date(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *s = (const char *)sqlite3_value_text(argv[0]);
	const char *fmt = (const char *)sqlite3_value_text(argv[1]);
	struct strbuf sb = STRBUF_INIT;
	int parts[DB_EXPR_FN_NPARTS];

	(void)argc;
	if (s == NULL || fmt == NULL || !db_expr_fn_parts(s, parts)) {
		sqlite3_result_null(ctx);
		return;
	}
	db_expr_fn_strftime(&sb, parts, fmt);
	sqlite3_result_text(ctx, strbuf_str(&sb), (int)sb.len, SQLITE_TRANSIENT);
	strbuf_free(&sb);
}

/* ---- registration -------------------------------------------------------- */

static const struct db_expr_fn_entry {
	const char	*name;
	int		 nargs;		/* -1: any number */
	db_expr_fn	*fn;
	void		*(*state)(void);	/* sqlite3_user_data(), or NULL */
	void		(*state_free)(void *);
} db_expr_fn_table[] = {
	{ "concat", -1, db_expr_fn_concat, NULL, NULL },
	{ "string", 1, db_expr_fn_string, NULL, NULL },
	{ "string_length", 1, db_expr_fn_string_length, NULL, NULL },
	{ "contains", 2, db_expr_fn_contains, NULL, NULL },
	{ "starts_with", 2, db_expr_fn_starts_with, NULL, NULL },
	{ "ends_with", 2, db_expr_fn_ends_with, NULL, NULL },
	{ "int", 1, db_expr_fn_int, NULL, NULL },
	{ "number", 1, db_expr_fn_number, NULL, NULL },
	{ "pow", 2, db_expr_fn_pow, NULL, NULL },
	{ "boolean_from_string", 1, db_expr_fn_boolean_from_string, NULL, NULL },
	{ "true", 0, db_expr_fn_true, NULL, NULL },
	{ "false", 0, db_expr_fn_false, NULL, NULL },
	{ "selected_at", 2, db_expr_fn_selected_at, NULL, NULL },
	{ "regex", 2, db_expr_fn_regex, db_expr_fn_regexes_new, db_expr_fn_regexes_free },
	{ "format_date", 2, db_expr_fn_format_date, NULL, NULL },
	{ "format_date_time", 2, db_expr_fn_format_date, NULL, NULL },
};

void
db_expr_fn_register(sqlite3 *sql)
{
	const struct db_expr_fn_entry *e;
	size_t i;

	for (i = 0; i < sizeof db_expr_fn_table / sizeof db_expr_fn_table[0]; i++) {
		e = &db_expr_fn_table[i];
		/* On failure SQLite has already called state_free. */
		if (sqlite3_create_function_v2(sql, e->name, e->nargs, DB_EXPR_FN_FLAGS,
		    e->state != NULL ? e->state() : NULL, e->fn, NULL, NULL,
		    e->state_free) != SQLITE_OK)
			util_die("sqlite3_create_function %s: %s", e->name,
			    sqlite3_errmsg(sql));
	}
}
