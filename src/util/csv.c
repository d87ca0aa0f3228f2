/* util/csv: RFC 4180 fields and records (see util/csv.h). */
#include "util/csv.h"

#include <string.h>

void
csv_field(struct strbuf *sb, const char *s, bool first)
{
	if (!first)
		strbuf_putc(sb, ',');
	if (s == NULL)
		return;
	if (strpbrk(s, ",\"\r\n") == NULL) {
		strbuf_puts(sb, s);
		return;
	}
	strbuf_putc(sb, '"');
	for (; *s != '\0'; s++) {
		if (*s == '"')
			strbuf_putc(sb, '"');
		strbuf_putc(sb, *s);
	}
	strbuf_putc(sb, '"');
}

void
csv_end(struct strbuf *sb)
{
	strbuf_puts(sb, "\r\n");
}
