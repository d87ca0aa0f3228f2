/*
 * db/search: the case search index (FTS5, unicode61 remove_diacritics 2).
 *
 * Contract: names, native-script names, case numbers and phone numbers of every
 * record whose form marks fields with "search" are indexed per case; "novak"
 * finds "Novák", "nov" finds "Novák" and "Novotný" (every word of the query is
 * a prefix), digits in a phone query match however the number was written.
 * Spelling variants find each other: every name is indexed with its phonetic
 * key too (i18n/phon), and each query word matches either its own text or its
 * key: "dudaev" finds "DUDAYEV", "smirnow" "SMIRNOV", "Нгуен" "Nguyen". Any
 * part of the case number finds the case: "301" and "2026-003" find
 * AVRR-2026-00301, and a query that is the case's number lists it first.
 * Queries are user text: they never raise an FTS syntax error. Words of the
 * form key:value narrow the list instead: "status:departed", "project:AMIF",
 * "country:GE" (the country of return), "officer:eva" (who registered the
 * case), alone (every case that matches, newest first) or with a search.
 */
#ifndef DB_SEARCH_H
#define DB_SEARCH_H

#include "db/cases.h"
#include "db/db.h"

/* A case found. names, phones, display, born and phone are NULL for a role
 * that may not read identity (db/perm). */
struct db_hit {
	int64_t			 case_id;
	char			*case_no;
	char			*names;		/* every name indexed */
	char			*phones;	/* every phone, each once */
	char			*display;	/* the case's own "SURNAME Given" */
	char			*born;		/* date of birth (search birth) */
	char			*nationality;	/* country code (search citizenship) */
	char			*phone;		/* the first phone */
	enum db_case_status	 status;
};

/* The cases of the best limit matches of text (no filter words), as ids
 * only; newest first when more than four times limit match. */
enum db_status	db_search_ids(struct db *, const char *text, size_t limit, int64_t **ids,
		    size_t *n, char **err);
/* The best limit hits, best first; when more than 2,000 cases match (a
 * letter or two typed), the newest limit of them, ranked among themselves:
 * ranking every match would take half a second at 100,000 cases. */
enum db_status	db_search(struct db *, const char *query, size_t limit,
		    struct db_hit **out, size_t *n, char **err);
/* How many cases the query finds in all (no limit). */
enum db_status	db_search_count(struct db *, const char *query, size_t *count, char **err);
void		db_hits_free(struct db_hit *, size_t n);
/* Rebuilds the whole index (after forms changed which fields they index). */
enum db_status	db_search_rebuild(struct db *, char **err);
/* The FTS5 query made from user text (malloc'd; "" when nothing to look for). */
char		*db_search_query(const char *text);

#endif
