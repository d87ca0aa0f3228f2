/*
 * util/tr: the translation hook every layer uses for what it says to a user.
 *
 * Contract: _("msgid") returns the text in the staff language once i18n has
 * installed its hook with util_set_tr(); before that (and in unit tests that do
 * not load catalogs) it returns the msgid itself, which is English. N_() only
 * marks a msgid for extraction (make pot); the string is translated later, at
 * draw time. The returned pointer stays valid until the catalogs change.
 */
#ifndef UTIL_TR_H
#define UTIL_TR_H

const char *util_tr(const char *msgid);
void util_set_tr(const char *(*hook)(const char *msgid));

#define _(s) util_tr(s)
#define N_(s) (s)

#endif
