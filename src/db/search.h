/*
 * db/search: the case search index (FTS5, unicode61 remove_diacritics 2).
 *
 * Contract: names, native-script names, case numbers and phone numbers of every
 * record whose form marks fields with "search" are indexed per case; "novak"
 * finds "Novák", "nov" finds "Novák" and "Novotný" (every word of the query is
 * a prefix), digits in a phone query match however the number was written.
 * Queries are user text: they never raise an FTS syntax error.
 */
#ifndef DB_SEARCH_H
#define DB_SEARCH_H

#include "db/db.h"

struct db_hit {
	int64_t	 case_id;
	char	*case_no;
	char	*names;		/* the indexed names, for display */
	char	*phones;
};

enum db_status	db_search(struct db *, const char *query, size_t limit,
		    struct db_hit **out, size_t *n, char **err);
void		db_hits_free(struct db_hit *, size_t n);
/* Rebuilds the whole index (after forms changed which fields they index). */
enum db_status	db_search_rebuild(struct db *, char **err);
/* The FTS5 query made from user text (malloc'd; "" when nothing to look for). */
char		*db_search_query(const char *text);

#endif
