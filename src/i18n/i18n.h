/*
 * i18n/i18n: the compiled catalogs and the two active languages.
 *
 * Contract: catalogs are GNU .mo files read by this module itself (no system
 * locale is needed), one per language, from the folder given to i18n_init()
 * (build/locale at build time, $(PREFIX)/share/avrr/locale when installed).
 * Two languages are active at once: the staff language (i18n_staff(), and
 * the util/tr _() hook) and the client language (i18n_client()). Both can
 * change at any moment; pointers returned stay valid until i18n_shutdown().
 * A msgid with no translation in the active language returns the English
 * msgid; i18n_client_ex() also says whether it fell back, so the UI can mark
 * it. A malformed catalog is refused with a one-line message naming the file
 * and what is wrong; it never crashes.
 */
#ifndef I18N_I18N_H
#define I18N_I18N_H

#include <stdbool.h>
#include <stddef.h>

struct i18n_lang {
	const char	*code;		/* "sk", "uk", ... */
	const char	*own_name;	/* the language's name in itself: "Slovenčina" */
	const char	*english;	/* "Slovak" */
	bool		 rtl;
};

/* Loads every <code>.mo in dir; the error list is one message per bad file. */
bool		 i18n_init(const char *dir, char **err);
void		 i18n_shutdown(void);

/* Languages that have a catalog, plus "en"; sorted by code, "en" first. */
const struct i18n_lang *i18n_languages(size_t *n);
const struct i18n_lang *i18n_lang_find(const char *code);

bool		 i18n_set_staff(const char *code);	/* false: no such catalog */
bool		 i18n_set_client(const char *code);
const char	*i18n_staff_code(void);
const char	*i18n_client_code(void);		/* NULL when none chosen */

const char	*i18n_staff(const char *msgid);
const char	*i18n_client(const char *msgid);
const char	*i18n_client_ex(const char *msgid, bool *fallback);
/* Any loaded language: translation or NULL. */
const char	*i18n_lookup(const char *code, const char *msgid);
/* How much of the program's own text (templates/program.mo of the catalogs'
 * folder) a language's catalog translates, in percent; English 100, -1 when
 * the template is missing, 0 for a language without a catalog. */
int		 i18n_program_cover(const char *code);

#endif
