/*
 * i18n/name: a person's whole name as said on the phone ("Aslan Dudayev",
 * "DUDAYEV Aslan") split into surname and given names.
 *
 * Contract: the words are split at white space. One word is the surname. A
 * word written in capitals (two letters or more, every letter a capital, in
 * Latin or in a script i18n/roman reads) among others that are not is the
 * surname, and the split is sure. Otherwise the last word is taken as the
 * surname and the rest as the given names, and the split is not sure: the
 * caller asks, and i18n_name_split_first() gives the other reading (the first
 * word as the surname). The parts are malloc'd, "" when there are none.
 */
#ifndef I18N_NAME_H
#define I18N_NAME_H

#include <stdbool.h>

struct i18n_name {
	char	*surname;
	char	*given;
	bool	 sure;
};

void	i18n_name_split(const char *whole, struct i18n_name *out);
/* The first word as the surname, the rest as the given names. */
void	i18n_name_split_first(const char *whole, struct i18n_name *out);
void	i18n_name_clear(struct i18n_name *);

#endif
