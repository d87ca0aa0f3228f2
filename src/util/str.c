#include "util/str.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/mem.h"

void
strbuf_add(struct strbuf *sb, const char *p, size_t n)
{
	if (sb->len + n + 1 > sb->cap)
		sb->s = xgrow(sb->s, &sb->cap, sb->len + n + 1, 1);
	memcpy(sb->s + sb->len, p, n);
	sb->len += n;
	sb->s[sb->len] = '\0';
}

void
strbuf_puts(struct strbuf *sb, const char *p)
{
	strbuf_add(sb, p, strlen(p));
}

void
strbuf_putc(struct strbuf *sb, char c)
{
	if (sb->len + 2 > sb->cap)
		sb->s = xgrow(sb->s, &sb->cap, sb->len + 2, 1);
	sb->s[sb->len++] = c;
	sb->s[sb->len] = '\0';
}

void
strbuf_printf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	size_t room;
	int n;

	/* Most texts fit the room left (or 64 more): then one pass is enough. */
	sb->s = xgrow(sb->s, &sb->cap, sb->len + 64, 1);
	room = sb->cap - sb->len;
	va_start(ap, fmt);
	n = vsnprintf(sb->s + sb->len, room, fmt, ap);
	va_end(ap);
	if (n < 0)
		util_die("bad format '%s'", fmt);
	if ((size_t)n >= room) {
		sb->s = xgrow(sb->s, &sb->cap, sb->len + (size_t)n + 1, 1);
		va_start(ap, fmt);
		vsnprintf(sb->s + sb->len, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	sb->len += (size_t)n;
}

void
strbuf_reset(struct strbuf *sb)
{
	sb->len = 0;
	if (sb->s != NULL)
		sb->s[0] = '\0';
}

char *
strbuf_take(struct strbuf *sb)
{
	char *s = sb->s != NULL ? sb->s : xstrdup("");

	sb->s = NULL;
	sb->len = sb->cap = 0;
	return s;
}

void
strbuf_free(struct strbuf *sb)
{
	xfree(&sb->s);
	sb->len = sb->cap = 0;
}

const char *
strbuf_str(const struct strbuf *sb)
{
	return sb->s != NULL ? sb->s : "";
}

bool
str_empty(const char *s)
{
	return s == NULL || *s == '\0';
}

bool
str_eq(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

bool
str_is_ident(const char *s)
{
	if (s == NULL || !(*s >= 'a' && *s <= 'z'))
		return false;
	for (s++; *s != '\0'; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
			return false;
	return true;
}

char *
str_trim(char *s)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}
