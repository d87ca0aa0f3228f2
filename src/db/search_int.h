/*
 * db/search_int: what search.c and search_filter.c share.
 *
 * Contract: db_search_split() takes the key:value words of a query (status,
 * project, country, officer, or their beginnings stat, proj, countr, offic;
 * any case of the key) into f and gives back the
 * rest of the text (malloc'd, maybe ""); f->any tells whether there was one.
 * status matches the beginning of the status code ("status:rein"), project
 * the beginning of the project code, country the country of return's code
 * (any case), officer the user who registered the case. The filtered lists
 * are the cases that match all of them and, when q (an FTS query made by
 * db_search_query()) is not "", the search as well, newest first.
 */
#ifndef DB_SEARCH_INT_H
#define DB_SEARCH_INT_H

#include <sqlite3.h>
#include <stdbool.h>

#include "db/search.h"

struct db_search_filter {
	char	*status;
	char	*project;
	char	*country;
	char	*officer;
	bool	 any;
};

char		*db_search_split(const char *text, struct db_search_filter *f);
void		 db_search_filter_clear(struct db_search_filter *);
enum db_status	 db_search_filtered(struct db *, const struct db_search_filter *,
		    const char *q, size_t limit, struct db_hit **out, size_t *n, char **err);
enum db_status	 db_search_filtered_count(struct db *, const struct db_search_filter *,
		    const char *q, size_t *count, char **err);
/* search.c: a hit from a row of (id, case_no, names, phones, display, born,
 * nationality, phone, status); identity: the role may read names. */
void		 db_search_hit(struct db_hit *, sqlite3_stmt *, bool identity);

#endif
