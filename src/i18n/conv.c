#include "i18n/conv.h"

#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wctype.h>

#include "i18n/roman.h"
#include "util/mem.h"
#include "util/str.h"
#include "util/utf8.h"

#define CONV_ASCII	"ANSI_X3.4-1968"

struct i18n_conv {
	char		*codeset;
	bool		 utf8;
	bool		 single;	/* one byte, one character: in[] decodes */
	iconv_t		 out;		/* UTF-8 -> codeset */
	iconv_t		 translit;	/* UTF-8 -> codeset//TRANSLIT */
	iconv_t		 in;		/* codeset -> UTF-8 (multi-byte sets) */
	uint32_t	 table[256];	/* single-byte sets: byte -> code point */
	struct utf8_dec	 dec;
	unsigned char	 pend[8];
	size_t		 npend;
};

/* iconv's transliteration reads LC_CTYPE: we fix it to C.UTF-8. */
static locale_t
i18n_conv_locale(void)
{
	static locale_t loc;
	static bool tried;

	if (!tried) {
		tried = true;
		loc = newlocale(LC_ALL_MASK, "C.UTF-8", (locale_t)0);
	}
	return loc;
}

static locale_t
i18n_conv_enter(void)
{
	locale_t loc = i18n_conv_locale();

	return loc != (locale_t)0 ? uselocale(loc) : (locale_t)0;
}

static void
i18n_conv_leave(locale_t old)
{
	if (old != (locale_t)0)
		uselocale(old);
}

static bool
i18n_conv_is_utf8_name(const char *cs)
{
	return strcasecmp(cs, "UTF-8") == 0 || strcasecmp(cs, "UTF8") == 0;
}

/* One byte through the decoder: its code point, or 0 with *multi set. */
static uint32_t
i18n_conv_byte(iconv_t cd, unsigned char b, bool *multi)
{
	char in[1] = { (char)b }, out[8], *ip = in, *op = out;
	size_t il = 1, ol = sizeof out;
	uint32_t cp;

	iconv(cd, NULL, NULL, NULL, NULL);
	if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1) {
		if (errno == EINVAL)
			*multi = true;
		return UTF8_REPLACEMENT;
	}
	if (op == out)
		return UTF8_REPLACEMENT;
	utf8_decode(out, (size_t)(op - out), &cp);
	return cp;
}

static void
i18n_conv_open(struct i18n_conv *c)
{
	char *tl = xasprintf("%s//TRANSLIT", c->codeset);
	bool multi = false;
	int b;

	c->out = iconv_open(c->codeset, "UTF-8");
	c->translit = iconv_open(tl, "UTF-8");
	c->in = iconv_open("UTF-8", c->codeset);
	free(tl);
	for (b = 0; b < 256; b++)
		c->table[b] = b < 0x80 ? (uint32_t)b : i18n_conv_byte(c->in, (unsigned char)b, &multi);
	c->single = !multi;
}

struct i18n_conv *
i18n_conv_new(const char *codeset)
{
	struct i18n_conv *c = xcalloc(1, sizeof *c);
	locale_t old;

	if (codeset == NULL || *codeset == '\0')
		codeset = CONV_ASCII;
	c->utf8 = i18n_conv_is_utf8_name(codeset);
	c->codeset = xstrdup(c->utf8 ? "UTF-8" : codeset);
	c->out = c->translit = c->in = (iconv_t)-1;
	if (c->utf8)
		return c;
	old = i18n_conv_enter();
	i18n_conv_open(c);
	if (c->out == (iconv_t)-1 || c->translit == (iconv_t)-1 || c->in == (iconv_t)-1) {
		i18n_conv_leave(old);
		i18n_conv_free(c);
		return i18n_conv_new(CONV_ASCII);
	}
	i18n_conv_leave(old);
	return c;
}

void
i18n_conv_free(struct i18n_conv *c)
{
	if (c == NULL)
		return;
	if (c->out != (iconv_t)-1)
		iconv_close(c->out);
	if (c->translit != (iconv_t)-1)
		iconv_close(c->translit);
	if (c->in != (iconv_t)-1)
		iconv_close(c->in);
	free(c->codeset);
	free(c);
}

bool
i18n_conv_is_utf8(const struct i18n_conv *c)
{
	return c->utf8;
}

/* Converts in[0..n) with cd and appends it; false when cd refused it. */
static bool
i18n_conv_run(iconv_t cd, const char *in, size_t n, struct strbuf *sb)
{
	char buf[256], *ip = (char *)in, *op;
	size_t il = n, ol, r;

	iconv(cd, NULL, NULL, NULL, NULL);
	for (;;) {
		op = buf;
		ol = sizeof buf;
		r = iconv(cd, &ip, &il, &op, &ol);
		strbuf_add(sb, buf, (size_t)(op - buf));
		if (r != (size_t)-1) {
			op = buf;
			ol = sizeof buf;
			iconv(cd, NULL, NULL, &op, &ol);
			strbuf_add(sb, buf, (size_t)(op - buf));
			return true;
		}
		if (errno != E2BIG)
			return false;
	}
}

/* Walks a UTF-8 string, knowing the code points around the current one. */
struct i18n_conv_walk {
	const char		*s;
	size_t			 n, i, k;
	uint32_t		 prev, cp, next;
	struct i18n_roman_ctx	 ctx;
};

static void
i18n_conv_walk_init(struct i18n_conv_walk *w, const char *s)
{
	memset(w, 0, sizeof *w);
	w->s = s;
	w->n = strlen(s);
	i18n_roman_scan(&w->ctx, s);
}

static bool
i18n_conv_walk_next(struct i18n_conv_walk *w)
{
	if (w->k > 0) {
		w->prev = w->cp;
		w->i += w->k;
	}
	if (w->i >= w->n)
		return false;
	w->k = utf8_decode(w->s + w->i, w->n - w->i, &w->cp);
	w->next = 0;
	if (w->i + w->k < w->n)
		utf8_decode(w->s + w->i + w->k, w->n - w->i - w->k, &w->next);
	return true;
}

/* Appends our romanisation of the current code point; false when none. */
static bool
i18n_conv_roman(const struct i18n_conv_walk *w, struct strbuf *sb)
{
	size_t len = sb->len;
	const char *lat;
	bool upper;

	if ((lat = i18n_roman_cp(&w->ctx, w->prev, w->cp, w->next, &upper)) == NULL)
		return false;
	strbuf_puts(sb, lat);
	if (upper && sb->len > len)
		sb->s[len] = (char)toupper((unsigned char)sb->s[len]);
	return true;
}

/* One code point the codeset cannot show directly. */
static void
i18n_conv_other(struct i18n_conv *c, const struct i18n_conv_walk *w, struct strbuf *sb)
{
	size_t len = sb->len;
	char u8[4];

	if (i18n_conv_roman(w, sb))
		return;
	if (w->cp == UTF8_REPLACEMENT ||
	    !i18n_conv_run(c->translit, u8, utf8_encode(w->cp, u8), sb)) {
		sb->len = len;
		strbuf_putc(sb, '?');
	}
}

static void
i18n_conv_text(struct i18n_conv *c, const char *s, struct strbuf *sb)
{
	struct i18n_conv_walk w;

	i18n_conv_walk_init(&w, s);
	while (i18n_conv_walk_next(&w)) {
		if (w.cp < 0x80)
			strbuf_putc(sb, (char)w.cp);
		else if (w.cp == UTF8_REPLACEMENT || !i18n_conv_run(c->out, s + w.i, w.k, sb))
			i18n_conv_other(c, &w, sb);
	}
}

char *
i18n_conv_out(struct i18n_conv *c, const char *utf8)
{
	struct strbuf sb = STRBUF_INIT;
	locale_t old;

	strbuf_add(&sb, "", 0);
	if (c->utf8) {
		strbuf_puts(&sb, utf8);
		return strbuf_take(&sb);
	}
	old = i18n_conv_enter();
	i18n_conv_text(c, utf8, &sb);
	i18n_conv_leave(old);
	return strbuf_take(&sb);
}

int
i18n_conv_width(struct i18n_conv *c, const char *utf8)
{
	char *s;
	int w;

	if (c->utf8 || !c->single)
		return utf8_width(utf8);
	s = i18n_conv_out(c, utf8);
	w = (int)strlen(s);
	free(s);
	return w;
}

/* The pending bytes as one character: 1 done, 0 incomplete, -1 invalid. */
static int
i18n_conv_try(struct i18n_conv *c, uint32_t *cp)
{
	char buf[8], *ip = (char *)c->pend, *op = buf;
	size_t il = c->npend, ol = sizeof buf;

	iconv(c->in, NULL, NULL, NULL, NULL);
	if (iconv(c->in, &ip, &il, &op, &ol) != (size_t)-1 || op > buf) {
		utf8_decode(buf, (size_t)(op - buf), cp);
		if (op == buf)
			*cp = UTF8_REPLACEMENT;
		c->npend = 0;
		return 1;
	}
	if (errno == EINVAL && c->npend < sizeof c->pend)
		return 0;
	return -1;
}

/* Multi-byte sets other than UTF-8: bytes are collected until they decode;
 * when they cannot, the bytes before b give U+FFFD and b starts anew. */
static size_t
i18n_conv_in_multi(struct i18n_conv *c, unsigned char b, uint32_t out[2])
{
	size_t n = 0;
	int r;

	c->pend[c->npend++] = b;
	if ((r = i18n_conv_try(c, &out[n])) >= 0)
		return (size_t)r;
	out[n++] = UTF8_REPLACEMENT;
	if (c->npend == 1) {
		c->npend = 0;
		return n;
	}
	c->pend[0] = b;
	c->npend = 1;
	if ((r = i18n_conv_try(c, &out[n])) != 0) {
		if (r < 0)
			out[n] = UTF8_REPLACEMENT;
		c->npend = 0;
		n++;
	}
	return n;
}

size_t
i18n_conv_in(struct i18n_conv *c, unsigned char b, uint32_t out[2])
{
	if (c->utf8)
		return utf8_dec_feed(&c->dec, b, out);
	if (c->single) {
		out[0] = c->table[b];
		return 1;
	}
	return i18n_conv_in_multi(c, b, out);
}

size_t
i18n_conv_in_flush(struct i18n_conv *c, uint32_t out[1])
{
	if (c->utf8)
		return utf8_dec_flush(&c->dec, out);
	if (c->npend == 0)
		return 0;
	c->npend = 0;
	out[0] = UTF8_REPLACEMENT;
	return 1;
}

char *
i18n_romanize(const char *utf8)
{
	struct strbuf sb = STRBUF_INIT;
	struct i18n_conv_walk w;
	char u8[4];

	strbuf_add(&sb, "", 0);
	i18n_conv_walk_init(&w, utf8);
	while (i18n_conv_walk_next(&w))
		if (!i18n_conv_roman(&w, &sb))
			strbuf_add(&sb, u8, utf8_encode(w.cp, u8));
	return strbuf_take(&sb);
}

/* Appends ASCII text folded: letters and digits lower-cased, blanks and
 * separators as one space, other punctuation dropped. */
static void
i18n_fold_ascii(struct strbuf *sb, const char *s, size_t n)
{
	unsigned char ch;
	size_t k;

	for (k = 0; k < n; k++) {
		ch = (unsigned char)s[k];
		if (isalnum(ch))
			strbuf_putc(sb, (char)tolower(ch));
		else if ((isspace(ch) || strchr("-_.,/", ch) != NULL) && ch != '\0' &&
		    sb->len > 0 && sb->s[sb->len - 1] != ' ')
			strbuf_putc(sb, ' ');
	}
}

static void
i18n_fold_cp(iconv_t ascii, const struct i18n_conv_walk *w, struct strbuf *sb)
{
	struct strbuf tmp = STRBUF_INIT;
	char u8[4], c = (char)w->cp;

	if (w->cp < 0x80) {
		i18n_fold_ascii(sb, &c, 1);
	} else if (i18n_conv_roman(w, &tmp)) {
		i18n_fold_ascii(sb, tmp.s, tmp.len);
	} else if (ascii != (iconv_t)-1 && w->cp != UTF8_REPLACEMENT &&
	    i18n_conv_run(ascii, u8, utf8_encode(w->cp, u8), &tmp) && tmp.len > 0 &&
	    strchr(strbuf_str(&tmp), '?') == NULL) {
		i18n_fold_ascii(sb, tmp.s, tmp.len);
	} else {
		strbuf_add(sb, u8, utf8_encode((uint32_t)towlower((wint_t)w->cp), u8));
	}
	strbuf_free(&tmp);
}

char *
i18n_fold_name(const char *utf8)
{
	struct strbuf sb = STRBUF_INIT;
	struct i18n_conv_walk w;
	locale_t old = i18n_conv_enter();
	iconv_t ascii = iconv_open("ASCII//TRANSLIT", "UTF-8");

	strbuf_add(&sb, "", 0);
	i18n_conv_walk_init(&w, utf8);
	while (i18n_conv_walk_next(&w))
		i18n_fold_cp(ascii, &w, &sb);
	if (ascii != (iconv_t)-1)
		iconv_close(ascii);
	i18n_conv_leave(old);
	while (sb.len > 0 && sb.s[sb.len - 1] == ' ')
		sb.s[--sb.len] = '\0';
	return strbuf_take(&sb);
}
