/*
 * i18n/mo: one GNU gettext catalog (.mo), read and checked by us.
 *
 * Contract: i18n_mo_open() reads the whole file and checks it before use: the
 * magic number in either byte order, revision 0 or 1, both tables and every
 * string inside the file and NUL-terminated, originals sorted (lookup is a
 * binary search), translations valid UTF-8. A bad file gives NULL and a
 * malloc'd "<file>: <what is wrong>". The header entry (msgid "") is never
 * found; a plural entry answers with its first form; a context entry
 * ("ctx\004id") is found only by that full key.
 */
#ifndef I18N_MO_H
#define I18N_MO_H

#include <stddef.h>

struct i18n_mo;

struct i18n_mo	*i18n_mo_open(const char *path, char **err);
/* The same from memory (fuzzing); name is used in messages. Copies buf. */
struct i18n_mo	*i18n_mo_parse(const void *buf, size_t len, const char *name, char **err);
void		 i18n_mo_free(struct i18n_mo *);

/* The translation, or NULL when absent or empty. */
const char	*i18n_mo_find(const struct i18n_mo *, const char *msgid);
/* Entries, the header included. */
size_t		 i18n_mo_count(const struct i18n_mo *);
/* The i-th msgid in sorted order ("" for the header), NULL past the end. */
const char	*i18n_mo_msgid(const struct i18n_mo *, size_t i);
/* A field of the header ("Language", "Plural-Forms"): malloc'd or NULL. */
char		*i18n_mo_header(const struct i18n_mo *, const char *field);

#endif
