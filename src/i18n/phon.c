/*
 * i18n/phon: phonetic keys of names. The variant rules are tables, one per
 * script; a rule rewrites its "from" into "to" wherever it stands, the
 * longest rule first, left to right, in one pass per table.
 */
#include "i18n/phon.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "i18n/conv.h"
#include "util/mem.h"
#include "util/str.h"
#include "util/utf8.h"

struct i18n_phon_rule {
	const char	*from;
	const char	*to;
};

struct i18n_phon_table {
	const char			*script;	/* what the rules are about */
	const struct i18n_phon_rule	*rules;
	size_t				 n;
};

#define I18N_PHON_N(a)	(sizeof (a) / sizeof (a)[0])

/* Cyrillic, before romanisation (small letters; the text is lower-cased
 * first): Russian passports write "ё" as "e"; "э" is an "е"; the signs are
 * not written in Latin. */
static const struct i18n_phon_rule i18n_phon_cyrillic[] = {
	{ "ё", "е" }, { "э", "е" }, { "ъ", "" }, { "ь", "" },
};

/* Latin letters: one sound, several letters. */
static const struct i18n_phon_rule i18n_phon_latin_letters[] = {
	{ "y", "i" }, { "j", "i" }, { "w", "v" }, { "q", "k" }, { "x", "ks" },
};

/* Latin clusters, on the letters above: English, German, French and Polish
 * spellings of one sound, and the glides of ay/ai/aj, ey/ei, ye/ie/je. */
static const struct i18n_phon_rule i18n_phon_latin_clusters[] = {
	{ "shch", "sh" }, { "szcz", "sh" }, { "tsch", "h" }, { "sch", "sh" },
	{ "tch", "h" }, { "sz", "sh" }, { "cz", "h" }, { "kh", "h" }, { "ch", "h" },
	{ "gh", "g" }, { "ph", "f" }, { "th", "t" }, { "ck", "k" }, { "ts", "c" },
	{ "tz", "c" }, { "ou", "u" }, { "oo", "u" }, { "ai", "a" }, { "ei", "e" },
	{ "ie", "e" },
};

/* The non-Latin scripts' tables, applied before folding. */
static const struct i18n_phon_table i18n_phon_scripts[] = {
	{ "Cyrillic", i18n_phon_cyrillic, I18N_PHON_N(i18n_phon_cyrillic) },
};

static const struct i18n_phon_table i18n_phon_latin[] = {
	{ "Latin letters", i18n_phon_latin_letters, I18N_PHON_N(i18n_phon_latin_letters) },
	{ "Latin clusters", i18n_phon_latin_clusters, I18N_PHON_N(i18n_phon_latin_clusters) },
};

/* The longest rule of t that s starts with, or NULL. */
static const struct i18n_phon_rule *
i18n_phon_match(const struct i18n_phon_table *t, const char *s)
{
	const struct i18n_phon_rule *best = NULL;
	size_t i, len, blen = 0;

	for (i = 0; i < t->n; i++) {
		len = strlen(t->rules[i].from);
		if (len > blen && strncmp(s, t->rules[i].from, len) == 0) {
			best = &t->rules[i];
			blen = len;
		}
	}
	return best;
}

/* s rewritten by the rules of t (malloc'd). */
static char *
i18n_phon_apply(const struct i18n_phon_table *t, const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	const struct i18n_phon_rule *r;
	size_t n = strlen(s), k;
	uint32_t cp;

	strbuf_add(&sb, "", 0);
	while (*s != '\0') {
		if ((r = i18n_phon_match(t, s)) != NULL) {
			strbuf_puts(&sb, r->to);
			s += strlen(r->from);
			n -= strlen(r->from);
			continue;
		}
		k = utf8_decode(s, n, &cp);
		strbuf_add(&sb, s, k);
		s += k;
		n -= k;
	}
	return strbuf_take(&sb);
}

/* A doubled Latin letter made single, in place ("hassan" -> "hasan"). */
static void
i18n_phon_single(char *s)
{
	size_t i, len = 0;

	for (i = 0; s[i] != '\0'; i++)
		if (len == 0 || s[i] != s[len - 1] || !(s[i] >= 'a' && s[i] <= 'z'))
			s[len++] = s[i];
	s[len] = '\0';
}

/* utf8 in small letters, whatever the user's locale. */
static char *
i18n_phon_lower(const char *s)
{
	static locale_t loc;
	static bool tried;
	struct strbuf sb = STRBUF_INIT;
	size_t n = strlen(s), k;
	uint32_t cp;
	char u8[4];

	if (!tried) {
		tried = true;
		loc = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
	}
	strbuf_add(&sb, "", 0);
	while (n > 0) {
		k = utf8_decode(s, n, &cp);
		if (loc != (locale_t)0)
			cp = (uint32_t)towlower_l((wint_t)cp, loc);
		strbuf_add(&sb, u8, utf8_encode(cp, u8));
		s += k;
		n -= k;
	}
	return strbuf_take(&sb);
}

/* text run through tables, each result freeing the text before it. */
static char *
i18n_phon_run(char *text, const struct i18n_phon_table *t, size_t n)
{
	char *next;
	size_t i;

	for (i = 0; i < n; i++) {
		next = i18n_phon_apply(&t[i], text);
		free(text);
		text = next;
		i18n_phon_single(text);
	}
	return text;
}

char *
i18n_phon_key(const char *utf8)
{
	char *s = i18n_phon_run(i18n_phon_lower(utf8 != NULL ? utf8 : ""),
	    i18n_phon_scripts, I18N_PHON_N(i18n_phon_scripts));
	char *folded = i18n_fold_name(s);

	free(s);
	i18n_phon_single(folded);
	return i18n_phon_run(folded, i18n_phon_latin, I18N_PHON_N(i18n_phon_latin));
}
