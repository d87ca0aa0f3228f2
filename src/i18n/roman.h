/*
 * i18n/roman: our romanisation of the scripts glibc cannot transliterate to
 * ASCII: Cyrillic (Russian, Ukrainian, Serbian, Belarusian and the letters of
 * Kazakh, Tajik and Kyrgyz), Greek, Georgian and Armenian. A readable,
 * English-based system (BGN/PCGN-like, no apostrophes): "Щ" -> "Shch",
 * "ქ" -> "k". Used by i18n/conv for terminals that cannot show these letters
 * and for folding names.
 */
#ifndef I18N_ROMAN_H
#define I18N_ROMAN_H

#include <stdbool.h>
#include <stdint.h>

/* Context of a string: Ukrainian text reads г as "h" and и as "y". */
struct i18n_roman_ctx {
	bool	ukrainian;
};

/* Scans a UTF-8 string for letters only Ukrainian uses (є і ї ґ). */
void		 i18n_roman_scan(struct i18n_roman_ctx *, const char *utf8);
/* Lower-case Latin for cp, or NULL when cp is none of ours; *upper says
 * whether cp was a capital. prev and next are the code points around cp (0
 * at either end): Armenian "ու" is one "u", Ukrainian "ї" is "yi" only at
 * the start of a word. */
const char	*i18n_roman_cp(const struct i18n_roman_ctx *, uint32_t prev, uint32_t cp,
		    uint32_t next, bool *upper);

#endif
