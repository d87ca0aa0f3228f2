/*
 * util/mem: allocation that never returns NULL, and the one way to die.
 *
 * Contract: every x* function either succeeds or calls util_die(), which first
 * runs the hook registered with util_set_die_hook() (the UI restores the
 * terminal there) and then exits with status 70. Nothing else in the program
 * calls exit() for a broken invariant or out-of-memory.
 */
#ifndef UTIL_MEM_H
#define UTIL_MEM_H

#include <stdarg.h>
#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *p, size_t n);
/* Grows *p (of *cap elements of size sz) so that it holds at least need. */
void *xgrow(void *p, size_t *cap, size_t need, size_t sz);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* NULL stays NULL. */
char *xstrdup0(const char *s);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

/* Frees *pp and sets it to NULL. */
#define xfree(pp) do { free(*(pp)); *(pp) = NULL; } while (0)

void util_set_die_hook(void (*hook)(void));
void util_die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

#endif
