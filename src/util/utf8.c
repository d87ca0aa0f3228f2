#include "util/utf8.h"

#include <locale.h>
#include <string.h>
#include <wchar.h>

#include "util/mem.h"
#include "util/str.h"

struct utf8_range {
	uint32_t	lo, hi;
};

/* Used only when the C.UTF-8 locale is missing: the main blocks. */
static const struct utf8_range utf8_wide[] = {
	{ 0x1100, 0x115F }, { 0x2E80, 0x303E }, { 0x3041, 0x33FF },
	{ 0x3400, 0x4DBF }, { 0x4E00, 0x9FFF }, { 0xA000, 0xA4CF },
	{ 0xAC00, 0xD7A3 }, { 0xF900, 0xFAFF }, { 0xFE30, 0xFE4F },
	{ 0xFF00, 0xFF60 }, { 0xFFE0, 0xFFE6 }, { 0x1F300, 0x1F64F },
	{ 0x1F900, 0x1F9FF }, { 0x20000, 0x3FFFD },
};
static const struct utf8_range utf8_zero[] = {
	{ 0x0300, 0x036F }, { 0x0483, 0x0489 }, { 0x0591, 0x05BD },
	{ 0x0610, 0x061A }, { 0x064B, 0x065F }, { 0x0670, 0x0670 },
	{ 0x06D6, 0x06DC }, { 0x06DF, 0x06E4 }, { 0x0E31, 0x0E31 },
	{ 0x0E34, 0x0E3A }, { 0x1AB0, 0x1AFF }, { 0x1DC0, 0x1DFF },
	{ 0x200B, 0x200F }, { 0x202A, 0x202E }, { 0x2060, 0x2064 },
	{ 0x20D0, 0x20FF }, { 0xFE00, 0xFE0F }, { 0xFE20, 0xFE2F },
	{ 0xFEFF, 0xFEFF },
};

size_t
utf8_decode(const char *s, size_t n, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t c, min;
	size_t need, i;

	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	if (u[0] >= 0xC2 && u[0] <= 0xDF)
		need = 1, c = u[0] & 0x1F, min = 0x80;
	else if ((u[0] & 0xF0) == 0xE0)
		need = 2, c = u[0] & 0x0F, min = 0x800;
	else if (u[0] >= 0xF0 && u[0] <= 0xF4)
		need = 3, c = u[0] & 0x07, min = 0x10000;
	else
		goto bad;
	if (n < need + 1)
		goto bad;
	for (i = 1; i <= need; i++) {
		if ((u[i] & 0xC0) != 0x80)
			goto bad;
		c = c << 6 | (u[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		goto bad;
	*cp = c;
	return need + 1;
bad:
	*cp = UTF8_REPLACEMENT;
	return 1;
}

size_t
utf8_encode(uint32_t cp, char out[4])
{
	if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = UTF8_REPLACEMENT;
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | cp >> 12);
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | cp >> 18);
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

bool
utf8_valid(const char *s, size_t n)
{
	size_t i = 0, k;
	uint32_t cp;

	while (i < n) {
		k = utf8_decode(s + i, n - i, &cp);
		if (cp == UTF8_REPLACEMENT && k == 1 && (unsigned char)s[i] >= 0x80)
			return false;
		i += k;
	}
	return true;
}

size_t
utf8_len(const char *s)
{
	size_t n = strlen(s), i = 0, count = 0;
	uint32_t cp;

	while (i < n) {
		i += utf8_decode(s + i, n - i, &cp);
		count++;
	}
	return count;
}

size_t
utf8_offset(const char *s, size_t nth)
{
	size_t n = strlen(s), i = 0;
	uint32_t cp;

	while (i < n && nth-- > 0)
		i += utf8_decode(s + i, n - i, &cp);
	return i;
}

static bool
utf8_in(const struct utf8_range *r, size_t n, uint32_t cp)
{
	size_t lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (cp < r[mid].lo)
			hi = mid;
		else if (cp > r[mid].hi)
			lo = mid + 1;
		else
			return true;
	}
	return false;
}

/* The widths of glibc's C.UTF-8, whatever the user's locale is. */
static locale_t
utf8_locale(void)
{
	static locale_t loc;
	static bool tried;

	if (!tried) {
		tried = true;
		loc = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
	}
	return loc;
}

int
utf8_cp_width(uint32_t cp)
{
	locale_t loc, old;
	int w;

	if (cp < 0x300)
		return 1;
	if ((loc = utf8_locale()) != (locale_t)0) {
		old = uselocale(loc);
		w = wcwidth((wchar_t)cp);
		uselocale(old);
		return w < 0 ? 1 : w > 2 ? 2 : w;
	}
	if (utf8_in(utf8_zero, sizeof utf8_zero / sizeof utf8_zero[0], cp))
		return 0;
	if (utf8_in(utf8_wide, sizeof utf8_wide / sizeof utf8_wide[0], cp))
		return 2;
	return 1;
}

int
utf8_width(const char *s)
{
	int used;

	utf8_fit(s, 1 << 30, &used);
	return used;
}

size_t
utf8_fit(const char *s, int cols, int *used)
{
	size_t n = strlen(s), i = 0, k;
	uint32_t cp;
	int w, sum = 0;

	while (i < n) {
		k = utf8_decode(s + i, n - i, &cp);
		w = utf8_cp_width(cp);
		if (sum + w > cols)
			break;
		sum += w;
		i += k;
	}
	if (used != NULL)
		*used = sum;
	return i;
}

char *
utf8_truncate(const char *s, int cols)
{
	return xstrndup(s, utf8_fit(s, cols, NULL));
}

/* Length of the escape sequence at s[0] == ESC (n bytes available). */
static size_t
utf8_escape_len(const unsigned char *s, size_t n)
{
	size_t i = 1;

	if (n < 2)
		return 1;
	if (s[1] == '[') {
		for (i = 2; i < n && s[i] >= 0x20 && s[i] <= 0x3F; i++)
			;
		return i < n && s[i] >= 0x40 && s[i] <= 0x7E ? i + 1 : i;
	}
	if (strchr("]P_^X", s[1]) != NULL) {	/* strings up to BEL or ST */
		for (i = 2; i < n; i++) {
			if (s[i] == 0x07)
				return i + 1;
			if (s[i] == 0x1B)
				return i + 1 < n && s[i + 1] == '\\' ? i + 2 : i;
		}
		return 2;	/* never ended: only ESC and its letter go, the rest shows */
	}
	while (i < n && s[i] >= 0x20 && s[i] <= 0x2F)
		i++;
	return i < n && s[i] >= 0x30 && s[i] <= 0x7E ? i + 1 : i;
}

/*
 * Invisible code points that change how other text is shown or compared:
 * bidi embeddings, overrides, isolates and marks (a name that reads
 * backwards), zero-width spaces, joiners and the BOM (names that look alike
 * but differ), line and paragraph separators.
 */
static const struct utf8_range utf8_hidden[] = {
	{ 0x061C, 0x061C }, { 0x200B, 0x200F }, { 0x2028, 0x202E },
	{ 0x2060, 0x2069 }, { 0xFEFF, 0xFEFF },
};

bool
utf8_cp_harmful(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp == UTF8_REPLACEMENT ||
	    utf8_in(utf8_hidden, sizeof utf8_hidden / sizeof utf8_hidden[0], cp);
}

/* The scripts whose words need the zero-width joiner and non-joiner between
 * their letters (Persian "می‌تواند", Hindi): Arabic and its supplements,
 * the Indic scripts. */
static const struct utf8_range utf8_joined[] = {
	{ 0x0600, 0x06FF }, { 0x0750, 0x077F }, { 0x08A0, 0x08FF }, { 0x0900, 0x0DFF },
	{ 0xFB50, 0xFDFF }, { 0xFE70, 0xFEFC },
};

/* A ZWNJ or ZWJ between two letters of such a script is part of the word,
 * not a hidden trick. */
static bool
utf8_joiner_ok(const char *in, size_t n, size_t at, size_t k, uint32_t prev)
{
	uint32_t next = 0;

	if (at + k < n)
		utf8_decode(in + at + k, n - at - k, &next);
	return utf8_in(utf8_joined, sizeof utf8_joined / sizeof utf8_joined[0], prev) &&
	    utf8_in(utf8_joined, sizeof utf8_joined / sizeof utf8_joined[0], next);
}

static char *
utf8_clean(const char *in, bool lines)
{
	static const char repl[] = "\xEF\xBF\xBD";
	const unsigned char *u = (const unsigned char *)in;
	struct strbuf sb = STRBUF_INIT;
	size_t n = strlen(in), i = 0, k;
	uint32_t cp, prev = 0;

	strbuf_add(&sb, "", 0);
	while (i < n) {
		k = utf8_decode(in + i, n - i, &cp);
		if (u[i] == 0x1B)
			k = utf8_escape_len(u + i, n - i);
		if (cp == '\t')
			strbuf_putc(&sb, ' ');
		else if (cp == '\n' && lines)
			strbuf_putc(&sb, '\n');
		else if ((cp == 0x200C || cp == 0x200D) && utf8_joiner_ok(in, n, i, k, prev))
			strbuf_add(&sb, in + i, k);
		else if (utf8_cp_harmful(cp))
			strbuf_puts(&sb, repl);
		else
			strbuf_add(&sb, in + i, k);
		prev = cp;
		i += k;
	}
	return strbuf_take(&sb);
}

char *
utf8_sanitize(const char *in)
{
	return utf8_clean(in, false);
}

char *
utf8_sanitize_lines(const char *in)
{
	return utf8_clean(in, true);
}

static size_t
utf8_dec_start(struct utf8_dec *d, unsigned char b, uint32_t *out)
{
	if (b < 0x80) {
		*out = b;
		return 1;
	}
	if (b >= 0xC2 && b <= 0xDF)
		d->need = 1, d->cp = b & 0x1F, d->min = 0x80;
	else if ((b & 0xF0) == 0xE0)
		d->need = 2, d->cp = b & 0x0F, d->min = 0x800;
	else if (b >= 0xF0 && b <= 0xF4)
		d->need = 3, d->cp = b & 0x07, d->min = 0x10000;
	else {
		*out = UTF8_REPLACEMENT;
		return 1;
	}
	return 0;
}

size_t
utf8_dec_feed(struct utf8_dec *d, unsigned char b, uint32_t out[2])
{
	uint32_t c;

	if (d->need == 0)
		return utf8_dec_start(d, b, out);
	if ((b & 0xC0) != 0x80) {
		d->need = 0;
		out[0] = UTF8_REPLACEMENT;
		return 1 + utf8_dec_start(d, b, out + 1);
	}
	d->cp = d->cp << 6 | (b & 0x3F);
	if (--d->need > 0)
		return 0;
	c = d->cp;
	if (c < d->min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		c = UTF8_REPLACEMENT;
	out[0] = c;
	return 1;
}

size_t
utf8_dec_flush(struct utf8_dec *d, uint32_t out[1])
{
	if (d->need == 0)
		return 0;
	d->need = 0;
	out[0] = UTF8_REPLACEMENT;
	return 1;
}
