#include "i18n/roman.h"

#include <stddef.h>
#include <string.h>

#include "util/utf8.h"

/* U+0430 .. U+045F */
static const char *const i18n_roman_cyr[48] = {
	"a", "b", "v", "g", "d", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p",
	"r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya",
	"e", "yo", "dj", "g", "ye", "dz", "i", "yi", "j", "lj", "nj", "c", "k", "i", "u", "dz",
};

/* Lower-case letters of U+0490 .. U+04FF that Central Asian alphabets use. */
static const struct {
	uint32_t	 cp;
	const char	*lat;
} i18n_roman_cyr_ext[] = {
	{ 0x0491, "g" }, { 0x0493, "gh" }, { 0x0497, "zh" }, { 0x049B, "q" },
	{ 0x049D, "k" }, { 0x04A3, "ng" }, { 0x04AF, "u" }, { 0x04B1, "u" },
	{ 0x04B3, "h" }, { 0x04B7, "j" }, { 0x04BB, "h" }, { 0x04D9, "a" },
	{ 0x04E3, "i" }, { 0x04E9, "o" }, { 0x04EF, "u" },
};

/* U+03AC .. U+03CE; U+03C2 is the final sigma. */
static const char *const i18n_roman_greek[35] = {
	"a", "e", "i", "i", "y", "a", "v", "g", "d", "e", "z", "i", "th", "i", "k", "l",
	"m", "n", "x", "o", "p", "r", "s", "s", "t", "y", "f", "ch", "ps", "o", "i", "y",
	"o", "y", "o",
};

/* U+0561 .. U+0587 */
static const char *const i18n_roman_armenian[39] = {
	"a", "b", "g", "d", "e", "z", "e", "y", "t", "zh", "i", "l", "kh", "ts", "k", "h",
	"dz", "gh", "ch", "m", "y", "n", "sh", "o", "ch", "p", "j", "r", "s", "v", "t", "r",
	"ts", "", "p", "k", "o", "f", "ev",
};

/* U+10D0 .. U+10F6 (Mkhedruli, with the archaic letters) */
static const char *const i18n_roman_georgian[39] = {
	"a", "b", "g", "d", "e", "v", "z", "t", "i", "k", "l", "m", "n", "o", "p", "zh",
	"r", "s", "t", "u", "p", "k", "gh", "q", "sh", "ch", "ts", "dz", "ts", "ch", "kh", "j",
	"h", "e", "y", "w", "kh", "o", "f",
};

void
i18n_roman_scan(struct i18n_roman_ctx *ctx, const char *s)
{
	size_t n = strlen(s), i = 0;
	uint32_t cp;

	ctx->ukrainian = false;
	while (i < n) {
		i += utf8_decode(s + i, n - i, &cp);
		if (cp == 0x0404 || cp == 0x0454 || cp == 0x0406 || cp == 0x0456 ||
		    cp == 0x0407 || cp == 0x0457 || cp == 0x0490 || cp == 0x0491)
			ctx->ukrainian = true;
	}
}

/* Capitals of our scripts to their small letters; 0 when cp is none. */
static uint32_t
i18n_roman_lower(uint32_t cp, bool *upper)
{
	*upper = true;
	if (cp >= 0x0410 && cp <= 0x042F)
		return cp + 0x20;
	if (cp >= 0x0400 && cp <= 0x040F)
		return cp + 0x50;
	if (cp >= 0x0490 && cp <= 0x04FF && cp % 2 == 0 && cp != 0x04C0)
		return cp + 1;
	if (cp >= 0x0391 && cp <= 0x03A9)
		return cp + 0x20;
	if (cp == 0x0386)
		return 0x03AC;
	if (cp >= 0x0388 && cp <= 0x038A)
		return cp + 0x25;
	if (cp == 0x038C)
		return 0x03CC;
	if (cp == 0x038E || cp == 0x038F)
		return cp + 0x3F;
	if (cp >= 0x0531 && cp <= 0x0556)
		return cp + 0x30;
	if (cp >= 0x1C90 && cp <= 0x1CB6)	/* Georgian Mtavruli */
		return cp - 0x1C90 + 0x10D0;
	*upper = false;
	return cp;
}

/* Ukraine's official system (2010): some letters differ inside a word. */
static const char *
i18n_roman_ukrainian(uint32_t cp, bool initial)
{
	static const struct {
		uint32_t	 cp;
		const char	*initial, *inside;
	} uk[] = {
		{ 0x0433, "h", "h" }, { 0x0438, "y", "y" }, { 0x0439, "y", "i" },
		{ 0x0454, "ye", "ie" }, { 0x0457, "yi", "i" }, { 0x044E, "yu", "iu" },
		{ 0x044F, "ya", "ia" },
	};
	size_t k;

	for (k = 0; k < sizeof uk / sizeof uk[0]; k++)
		if (uk[k].cp == cp)
			return initial ? uk[k].initial : uk[k].inside;
	return NULL;
}

static const char *
i18n_roman_cyrillic(const struct i18n_roman_ctx *ctx, uint32_t prev, uint32_t cp)
{
	const char *s;
	bool initial = prev < 0x80 && !((prev | 0x20) >= 'a' && (prev | 0x20) <= 'z') &&
	    !(prev >= '0' && prev <= '9') && prev != '\'' ;
	size_t k;

	if (cp >= 0x0430 && cp <= 0x045F) {
		if (ctx != NULL && ctx->ukrainian && (s = i18n_roman_ukrainian(cp, initial)) != NULL)
			return s;
		return i18n_roman_cyr[cp - 0x0430];
	}
	for (k = 0; k < sizeof i18n_roman_cyr_ext / sizeof i18n_roman_cyr_ext[0]; k++)
		if (i18n_roman_cyr_ext[k].cp == cp)
			return i18n_roman_cyr_ext[k].lat;
	return NULL;
}

const char *
i18n_roman_cp(const struct i18n_roman_ctx *ctx, uint32_t prev, uint32_t cp, uint32_t next,
    bool *upper)
{
	cp = i18n_roman_lower(cp, upper);
	if (cp >= 0x0430 && cp <= 0x04FF)
		return i18n_roman_cyrillic(ctx, prev, cp);
	if (cp == 0x0390)
		return "i";
	if (cp >= 0x03AC && cp <= 0x03CE)
		return i18n_roman_greek[cp - 0x03AC];
	if (cp == 0x0578 && (next == 0x0582 || next == 0x0552))
		return "u";	/* Armenian "ու" */
	if (cp >= 0x0561 && cp <= 0x0587)
		return i18n_roman_armenian[cp - 0x0561];
	if (cp >= 0x10D0 && cp <= 0x10F6)
		return i18n_roman_georgian[cp - 0x10D0];
	return NULL;
}
