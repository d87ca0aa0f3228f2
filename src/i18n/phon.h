/*
 * i18n/phon: the phonetic key of a name, so that a search finds the spellings
 * of one name across transliterations: "Dudayev", "Dudaev", "Dudajew" and
 * "Дудаев" all give "dudaev"; "Smirnow" and "Smirnov" give "smirnov";
 * "Nguyen" and "Нгуен" give "nguen".
 *
 * Contract: the key is made in three steps, each driven by data (the tables
 * in phon.c, one per script, like the romanisation table of i18n/roman):
 *  1. each non-Latin script's variant rules rewrite its own letters (Cyrillic
 *     "ы", "й" -> "и", soft and hard signs dropped, ...);
 *  2. the text is folded as i18n_fold_name() folds it (romanised, no
 *     diacritics, lower case, words by one space);
 *  3. the Latin rules merge the variants of Latin spellings: letters first
 *     (y/j -> i, w -> v, q -> k, x -> ks), doubled letters made single, then
 *     clusters, longest first, left to right (kh/ch -> h, ou -> u, ay/ai -> a,
 *     ye/ie -> e, ...), doubled letters made single again.
 * The same function serves the index and the query, so a query's key meets
 * the stored key; the key of a word's beginning is, but for a cluster cut in
 * two, the beginning of the word's key (prefix search keeps working).
 */
#ifndef I18N_PHON_H
#define I18N_PHON_H

/* malloc'd key of utf8 ("" for text without letters or digits). */
char	*i18n_phon_key(const char *utf8);

#endif
