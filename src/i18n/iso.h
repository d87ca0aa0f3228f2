/*
 * i18n/iso: countries, languages and currencies from Debian's iso-codes.
 *
 * Contract: the lists are read from iso-codes' JSON on first use, never typed
 * by hand: countries (ISO 3166-1, alpha-2 upper case: "SK"), languages (ISO
 * 639-3 entries that have an alpha-2 code, "sk", plus a few without one that
 * our clients speak, by alpha-3: "prs" Dari, "ckb" Central Kurdish, ...) and
 * currencies (ISO 4217 alpha-3: "EUR"). Each list is sorted by code and holds
 * the English names. Translated names come from iso-codes' own gettext
 * catalogs (<localedir>/<lang>/LC_MESSAGES/iso_3166-1.mo, iso_639-3.mo and
 * iso_639-2.mo, iso_4217.mo), loaded once per language on demand. When
 * iso-codes is missing the lists are empty and i18n_iso_error() says why.
 * Pointers stay valid until i18n_iso_shutdown() (called by i18n_shutdown())
 * or i18n_iso_set_dirs().
 */
#ifndef I18N_ISO_H
#define I18N_ISO_H

#include <stddef.h>

enum i18n_iso_kind {
	I18N_ISO_COUNTRY,
	I18N_ISO_LANGUAGE,
	I18N_ISO_CURRENCY,
};
#define I18N_ISO_KINDS	3

struct i18n_iso_entry {
	const char	*code;
	const char	*name;		/* English: an msgid of iso-codes' catalogs */
};

size_t		 i18n_iso_list(enum i18n_iso_kind, const struct i18n_iso_entry **out);
/* English name of a code (case-insensitive), NULL when unknown. */
const char	*i18n_iso_name(enum i18n_iso_kind, const char *code);
/* The code's name in language lang ("sk"), English when untranslated. */
const char	*i18n_iso_name_in(enum i18n_iso_kind, const char *code, const char *lang);
/* english, when it is the name of one of our entries, translated into lang;
 * else NULL. The fall-through of i18n_staff() and i18n_client(). */
const char	*i18n_iso_translate(const char *lang, const char *english);
/* Why the lists are empty (NULL when all is well). */
const char	*i18n_iso_error(void);

/* Where the data is (NULL: /usr/share/iso-codes/json, /usr/share/locale);
 * forgets what was loaded. */
void		 i18n_iso_set_dirs(const char *json_dir, const char *locale_dir);
void		 i18n_iso_shutdown(void);

#endif
