/*
 * db/dupes: likely earlier registrations of a person, for the new-case
 * screen to show before a second case is made for someone.
 *
 * Contract: db_dup_find() scores the principal and every family member of
 * each candidate registration against the person of registration (names 55,
 * date of birth 35, nationality 10) and returns the best person of each case,
 * best first, at most 10, score 40 or more; the case of registration itself
 * is left out. Candidates come from the search index and the date of birth
 * (at most a few hundred are read and scored, however many cases there are). Names are compared
 * folded by the caller's function (the db layer knows no scripts) with
 * spelling variants merged. It only reads. On an error *out is NULL and *n 0.
 */
#ifndef DB_DUPES_H
#define DB_DUPES_H

#include "db/lifecycle.h"

/* Folds a name for comparison (i18n_fold_name: romanised, no diacritics, lower
 * case); returns malloc'd text. */
typedef char	*(*db_fold_fn)(const char *utf8);

struct db_dup {
	int64_t		 case_id;
	char		*case_no;
	struct db_case_person person;	/* who matched: the principal or a family member */
	bool		 family;	/* person is a family member of that case */
	int		 score;		/* 0..100: names 55, date of birth 35, nationality 10 */
};

/* fold may be NULL (ASCII only). */
enum db_status	db_dup_find(struct db *, const struct form_record *registration,
		    db_fold_fn fold, struct db_dup **out, size_t *n, char **err);
void		db_dup_free(struct db_dup *, size_t n);

#endif
