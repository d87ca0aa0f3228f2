/*
 * i18n/conv: text between our UTF-8 and the terminal's character set.
 *
 * Contract: a struct i18n_conv is made for the codeset of the user's locale
 * (nl_langinfo(CODESET): "UTF-8", "ISO-8859-2", "CP1250", "KOI8-R",
 * "ANSI_X3.4-1968", ...); an unknown codeset is treated as ASCII.
 *
 * Output: i18n_conv_out() converts UTF-8 to the codeset. What the codeset
 * cannot show is written another way, under a fixed C.UTF-8 locale so the
 * result does not depend on the user's locale: Cyrillic, Greek, Georgian and
 * Armenian letters by our own romanisation ("Возвращение" -> "Vozvrashchenie",
 * "ქართული" -> "kartuli"), other letters by iconv's transliteration
 * ("Tiếng Việt" -> "Tieng Viet"), anything left as '?'. It never fails.
 *
 * Input: i18n_conv_in() takes the bytes the terminal sends, one at a time,
 * and gives the code points typed. A byte that cannot be decoded gives U+FFFD
 * and never swallows the bytes after it.
 *
 * Names: i18n_fold_name() is a key for duplicate matching: romanised, without
 * diacritics, lower case, punctuation dropped, blanks and '-' collapsed into
 * one space ("Nováková" -> "novakova", "Новак" -> "novak"). Letters of scripts
 * with no romanisation here (Arabic, ...) stay, lower-cased.
 */
#ifndef I18N_CONV_H
#define I18N_CONV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct i18n_conv;

struct i18n_conv *i18n_conv_new(const char *codeset);
void		 i18n_conv_free(struct i18n_conv *);
bool		 i18n_conv_is_utf8(const struct i18n_conv *);

/* malloc'd text in the terminal's codeset. */
char		*i18n_conv_out(struct i18n_conv *, const char *utf8);
/* Columns utf8 takes on this terminal once converted. */
int		 i18n_conv_width(struct i18n_conv *, const char *utf8);

/* Feeds one byte typed; returns how many code points (0-2) are in out. */
size_t		 i18n_conv_in(struct i18n_conv *, unsigned char byte, uint32_t out[2]);
/* Ends a pending incomplete sequence (input timeout): 0 or 1 U+FFFD. */
size_t		 i18n_conv_in_flush(struct i18n_conv *, uint32_t out[1]);

/* malloc'd: Cyrillic, Greek, Georgian, Armenian in Latin letters; the rest
 * unchanged. */
char		*i18n_romanize(const char *utf8);
char		*i18n_fold_name(const char *utf8);

#endif
