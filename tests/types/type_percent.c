/*
 * A field type that exists only in this file: `percent`, a whole number
 * from 0 to 100, typed as "45" or "45 %", stored as an INTEGER. The test
 * tests/types/new_type.sh copies it into a copy of src/form and builds the
 * lower layers, to show that a new type is its descriptor file alone.
 */
#include "form/type.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/mem.h"

FORM_TYPE_FILE(PERCENT, form_type_percent)

static bool
percent_check(struct form_check *c)
{
	char *end;
	long v = strtol(c->in, &end, 10);

	while (*end == ' ')
		end++;
	if (*end == '%')
		end++;
	if (!isdigit((unsigned char)c->in[0]) || *end != '\0' || v > 100)
		return form_types_fail(c, "'%s' is not a percentage from 0 to 100", NULL);
	return form_types_ok(c, xasprintf("%ld", v));
}

const struct form_type_desc form_type_percent = {
	.name = "percent",
	.coltype = "INTEGER",
	.numeric = true,
	.typed = true,
	.len_default = 8,
	.check = percent_check,
};
