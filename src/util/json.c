#include "util/json.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "util/mem.h"
#include "util/str.h"
#include "util/tr.h"
#include "util/utf8.h"

#define JSON_MAX_DEPTH	64

struct json_parser {
	const char	*s;
	size_t		 n, i;
	int		 line, depth;
	char		*err;
};

static bool json_value(struct json_parser *, struct json *);
static void json_clear(struct json *);

static bool
json_fail(struct json_parser *p, const char *what)
{
	if (p->err == NULL)
		p->err = xasprintf(_("line %d: %s"), p->line, what);
	return false;
}

static void
json_ws(struct json_parser *p)
{
	while (p->i < p->n && strchr(" \t\r\n", p->s[p->i]) != NULL && p->s[p->i] != '\0') {
		if (p->s[p->i] == '\n')
			p->line++;
		p->i++;
	}
}

static int
json_peek(struct json_parser *p)
{
	json_ws(p);
	return p->i < p->n ? (unsigned char)p->s[p->i] : -1;
}

static bool
json_hex4(struct json_parser *p, uint32_t *v)
{
	int k;
	char c;

	*v = 0;
	if (p->n - p->i < 4)
		return json_fail(p, _("short \\u escape"));
	for (k = 0; k < 4; k++) {
		c = p->s[p->i++];
		*v <<= 4;
		if (c >= '0' && c <= '9')
			*v |= (uint32_t)(c - '0');
		else if (c >= 'a' && c <= 'f')
			*v |= (uint32_t)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			*v |= (uint32_t)(c - 'A' + 10);
		else
			return json_fail(p, _("bad \\u escape"));
	}
	return true;
}

static bool
json_unicode(struct json_parser *p, struct strbuf *sb)
{
	uint32_t hi, lo;
	char buf[4];

	if (!json_hex4(p, &hi))
		return false;
	if (hi >= 0xD800 && hi <= 0xDBFF) {
		if (p->n - p->i < 2 || p->s[p->i] != '\\' || p->s[p->i + 1] != 'u')
			return json_fail(p, _("lone surrogate in \\u escape"));
		p->i += 2;
		if (!json_hex4(p, &lo))
			return false;
		if (lo < 0xDC00 || lo > 0xDFFF)
			return json_fail(p, _("bad surrogate pair"));
		hi = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
	} else if ((hi >= 0xDC00 && hi <= 0xDFFF) || hi == 0)
		return json_fail(p, _("bad \\u escape"));
	strbuf_add(sb, buf, utf8_encode(hi, buf));
	return true;
}

static bool
json_escape(struct json_parser *p, struct strbuf *sb)
{
	static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
	const char *e;

	if (p->i >= p->n)
		return json_fail(p, _("unterminated string"));
	if (p->s[p->i] == 'u') {
		p->i++;
		return json_unicode(p, sb);
	}
	if (p->s[p->i] == '\0' || (e = strchr(from, p->s[p->i])) == NULL)
		return json_fail(p, _("bad escape in string"));
	strbuf_putc(sb, to[e - from]);
	p->i++;
	return true;
}

static bool
json_string(struct json_parser *p, char **out)
{
	struct strbuf sb = STRBUF_INIT;
	unsigned char c;

	p->i++;		/* the opening quote */
	strbuf_add(&sb, "", 0);
	for (;;) {
		if (p->i >= p->n) {
			strbuf_free(&sb);
			return json_fail(p, _("unterminated string"));
		}
		c = (unsigned char)p->s[p->i++];
		if (c == '"')
			break;
		if (c < 0x20 || (c == '\\' && !json_escape(p, &sb))) {
			strbuf_free(&sb);
			return json_fail(p, _("control character in string"));
		}
		if (c != '\\')
			strbuf_putc(&sb, (char)c);
	}
	if (!utf8_valid(sb.s, sb.len)) {
		strbuf_free(&sb);
		return json_fail(p, _("invalid UTF-8 in string"));
	}
	*out = strbuf_take(&sb);
	return true;
}

static size_t
json_digits(struct json_parser *p)
{
	size_t start = p->i;

	while (p->i < p->n && p->s[p->i] >= '0' && p->s[p->i] <= '9')
		p->i++;
	return p->i - start;
}

static bool
json_number(struct json_parser *p, struct json *v)
{
	static locale_t c_loc;
	size_t start = p->i;

	if (p->s[p->i] == '-')
		p->i++;
	if (p->i < p->n && p->s[p->i] == '0')
		p->i++;
	else if (json_digits(p) == 0)
		return json_fail(p, _("bad number"));
	if (p->i < p->n && p->s[p->i] == '.' && (p->i++, json_digits(p) == 0))
		return json_fail(p, _("bad number"));
	if (p->i < p->n && (p->s[p->i] == 'e' || p->s[p->i] == 'E')) {
		p->i++;
		if (p->i < p->n && (p->s[p->i] == '+' || p->s[p->i] == '-'))
			p->i++;
		if (json_digits(p) == 0)
			return json_fail(p, _("bad number"));
	}
	if (c_loc == (locale_t)0)
		c_loc = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
	v->type = JSON_NUMBER;
	v->str = xstrndup(p->s + start, p->i - start);
	v->num = strtod_l(v->str, NULL, c_loc);
	return true;
}

static bool
json_word(struct json_parser *p, struct json *v)
{
	static const struct {
		const char	*word;
		enum json_type	 type;
		bool		 b;
	} words[] = {
		{ "true", JSON_BOOL, true }, { "false", JSON_BOOL, false },
		{ "null", JSON_NULL, false },
	};
	size_t k, len;

	for (k = 0; k < sizeof words / sizeof words[0]; k++) {
		len = strlen(words[k].word);
		if (p->n - p->i >= len && memcmp(p->s + p->i, words[k].word, len) == 0) {
			p->i += len;
			v->type = words[k].type;
			v->b = words[k].b;
			return true;
		}
	}
	return json_fail(p, _("unexpected character"));
}

/* Elements of an array or members of an object, up to the closing bracket. */
static bool
json_members(struct json_parser *p, struct json *v, bool object, char close)
{
	size_t cap = 0, kcap = 0;
	struct json item;

	p->i++;
	if (json_peek(p) == close) {
		p->i++;
		return true;
	}
	for (;;) {
		memset(&item, 0, sizeof item);
		if (object) {
			if (json_peek(p) != '"')
				return json_fail(p, _("expected a key"));
			v->keys = xgrow(v->keys, &kcap, v->n + 1, sizeof *v->keys);
			if (!json_string(p, &v->keys[v->n]))
				return false;
			if (json_peek(p) != ':') {
				free(v->keys[v->n]);
				return json_fail(p, _("expected ':'"));
			}
			p->i++;
		}
		if (!json_value(p, &item)) {
			if (object)
				free(v->keys[v->n]);
			json_clear(&item);
			return false;
		}
		v->items = xgrow(v->items, &cap, v->n + 1, sizeof *v->items);
		v->items[v->n++] = item;
		if (json_peek(p) == close) {
			p->i++;
			return true;
		}
		if (json_peek(p) != ',')
			return json_fail(p, object ? _("expected ',' or '}'") : _("expected ',' or ']'"));
		p->i++;
	}
}

static bool
json_value(struct json_parser *p, struct json *v)
{
	int c = json_peek(p);
	bool ok;

	if (c == '"') {
		v->type = JSON_STRING;
		return json_string(p, &v->str);
	}
	if (c == '-' || (c >= '0' && c <= '9'))
		return json_number(p, v);
	if (c != '[' && c != '{')
		return c < 0 ? json_fail(p, _("unexpected end")) : json_word(p, v);
	if (++p->depth > JSON_MAX_DEPTH)
		return json_fail(p, _("nested too deeply"));
	v->type = c == '[' ? JSON_ARRAY : JSON_OBJECT;
	ok = json_members(p, v, c == '{', c == '[' ? ']' : '}');
	p->depth--;
	return ok;
}

struct json *
json_parse(const char *text, size_t len, char **err)
{
	struct json_parser p = { text, len, 0, 1, 0, NULL };
	struct json *v = xcalloc(1, sizeof *v);

	if (json_value(&p, v) && json_peek(&p) >= 0)
		json_fail(&p, "text after the value");
	if (p.err != NULL) {
		json_free(v);
		if (err != NULL)
			*err = p.err;
		else
			free(p.err);
		return NULL;
	}
	return v;
}

static void
json_clear(struct json *v)
{
	size_t k;

	for (k = 0; k < v->n; k++) {
		json_clear(&v->items[k]);
		if (v->type == JSON_OBJECT)
			free(v->keys[k]);
	}
	free(v->items);
	free(v->keys);
	free(v->str);
}

void
json_free(struct json *v)
{
	if (v == NULL)
		return;
	json_clear(v);
	free(v);
}

const struct json *
json_get(const struct json *obj, const char *key)
{
	size_t k;

	if (obj == NULL || obj->type != JSON_OBJECT)
		return NULL;
	for (k = 0; k < obj->n; k++)
		if (strcmp(obj->keys[k], key) == 0)
			return &obj->items[k];
	return NULL;
}

const char *
json_get_str(const struct json *obj, const char *key)
{
	const struct json *v = json_get(obj, key);

	return v != NULL && v->type == JSON_STRING ? v->str : NULL;
}
