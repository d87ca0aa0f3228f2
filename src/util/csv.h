/*
 * util/csv: writing CSV as RFC 4180 has it (avrr report, avrr export).
 *
 * Contract: csv_field() appends one field to a record in sb, a comma
 * before it unless it is the record's first; a field holding a comma, a
 * quote, CR or LF is quoted, its quotes doubled; NULL is an empty field.
 * csv_end() ends the record with CRLF.
 */
#ifndef UTIL_CSV_H
#define UTIL_CSV_H

#include <stdbool.h>

#include "util/str.h"

void	csv_field(struct strbuf *, const char *, bool first);
void	csv_end(struct strbuf *);

#endif
