/*
 * util/json: a small JSON reader (RFC 8259) into a tree.
 *
 * Contract: json_parse() either returns the whole document or NULL with a
 * malloc'd one-line message "line N: what is wrong" in *err; it never reads
 * past len and refuses nesting deeper than 64. Strings are UTF-8 with escapes
 * resolved (\u0000 is refused); numbers keep their text in str and their
 * value in num. The tree owns everything; json_free() releases it.
 */
#ifndef UTIL_JSON_H
#define UTIL_JSON_H

#include <stdbool.h>
#include <stddef.h>

enum json_type {
	JSON_NULL,
	JSON_BOOL,
	JSON_NUMBER,
	JSON_STRING,
	JSON_ARRAY,
	JSON_OBJECT,
};

struct json {
	enum json_type	 type;
	bool		 b;
	double		 num;
	char		*str;		/* JSON_STRING, JSON_NUMBER */
	struct json	*items;		/* JSON_ARRAY, JSON_OBJECT: n values */
	char		**keys;		/* JSON_OBJECT: n keys */
	size_t		 n;
};

struct json	*json_parse(const char *text, size_t len, char **err);
void		 json_free(struct json *);

/* The value of key in an object (the first one), NULL when absent. */
const struct json *json_get(const struct json *obj, const char *key);
/* Its string, NULL when absent or not a string. */
const char	*json_get_str(const struct json *obj, const char *key);

#endif
