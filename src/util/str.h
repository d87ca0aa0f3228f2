/*
 * util/str: a growable string buffer and small string helpers.
 *
 * Contract: a struct strbuf is always NUL-terminated once anything was added;
 * strbuf_take() hands the buffer to the caller and leaves the strbuf empty.
 */
#ifndef UTIL_STR_H
#define UTIL_STR_H

#include <stdbool.h>
#include <stddef.h>

struct strbuf {
	char	*s;
	size_t	 len;
	size_t	 cap;
};

#define STRBUF_INIT { NULL, 0, 0 }

void	 strbuf_add(struct strbuf *, const char *, size_t);
void	 strbuf_puts(struct strbuf *, const char *);
void	 strbuf_putc(struct strbuf *, char);
void	 strbuf_printf(struct strbuf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	 strbuf_reset(struct strbuf *);
char	*strbuf_take(struct strbuf *);
void	 strbuf_free(struct strbuf *);
/* The contents, "" when nothing was added. */
const char *strbuf_str(const struct strbuf *);

bool	 str_empty(const char *);	/* NULL or "" */
bool	 str_eq(const char *, const char *);	/* NULL-safe */
bool	 str_is_ident(const char *);	/* [a-z][a-z0-9_]* */
char	*str_trim(char *);		/* in place, returns start */

#endif
