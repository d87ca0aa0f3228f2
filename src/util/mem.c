#include "util/mem.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void (*util_die_hook)(void);

void
util_set_die_hook(void (*hook)(void))
{
	util_die_hook = hook;
}

void
util_die(const char *fmt, ...)
{
	va_list ap;

	if (util_die_hook != NULL) {
		void (*hook)(void) = util_die_hook;
		util_die_hook = NULL;
		hook();
	}
	fputs("avrr: fatal: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(70);
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		util_die("out of memory (%zu bytes)", n);
	return p;
}

void *
xcalloc(size_t nmemb, size_t size)
{
	void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);

	if (p == NULL)
		util_die("out of memory (%zu x %zu bytes)", nmemb, size);
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (q == NULL)
		util_die("out of memory (%zu bytes)", n);
	return q;
}

void *
xgrow(void *p, size_t *cap, size_t need, size_t sz)
{
	size_t ncap = *cap ? *cap : 8;

	if (need <= *cap)
		return p;
	while (ncap < need)
		ncap *= 2;
	p = xrealloc(p, ncap * sz);
	memset((char *)p + *cap * sz, 0, (ncap - *cap) * sz);
	*cap = ncap;
	return p;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrdup0(const char *s)
{
	return s == NULL ? NULL : xstrdup(s);
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xvasprintf(const char *fmt, va_list ap)
{
	va_list copy;
	char *s;
	int n;

	va_copy(copy, ap);
	n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (n < 0)
		util_die("bad format '%s'", fmt);
	s = xmalloc((size_t)n + 1);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	return s;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	return s;
}
