/*
 * util/utf8: code points, display widths and harmless text.
 *
 * Contract: nothing here trusts its input. An invalid byte (a stray
 * continuation, an overlong form, a surrogate, a truncated sequence, a value
 * above U+10FFFF) decodes as U+FFFD and consumes exactly one byte, so the
 * bytes after it are read normally. Widths are terminal columns and do not
 * depend on the user's locale (they work under LANG=C): East Asian wide and
 * fullwidth characters count 2, combining marks and zero-width formats 0,
 * every other printable character 1, and a control character 1 (utf8_sanitize
 * shows it as one replacement character).
 *
 * utf8_sanitize() is the one door stored or typed text passes before it
 * reaches a terminal, on the screens (ui/draw) and on every command's stdout
 * and stderr (cmd/out): each of these becomes one visible U+FFFD (shown as
 * '?' on a terminal that is not UTF-8), so it can neither act nor hide:
 *   - C0 controls, DEL and C1 controls (U+0080-U+009F, 8-bit CSI included);
 *   - a whole escape sequence from its ESC (CSI "ESC [ ... final", OSC
 *     "ESC ] ... BEL or ST", DCS/SOS/PM/APC "ESC P|X|^|_ ... ST", and the
 *     two- and three-byte ESC forms); of a string never ended only the ESC
 *     and its letter, so the text after it stays visible;
 *   - bidi controls (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F, U+061C),
 *     zero-width characters (U+200B-U+200D, U+2060-U+2064, U+FEFF) and the
 *     line and paragraph separators U+2028, U+2029; but the non-joiner and
 *     the joiner (U+200C, U+200D) between two letters of a script that
 *     writes them inside words (Arabic, Persian, the Indic scripts) stay;
 *   - each invalid byte (and a U+FFFD already there).
 * A tab becomes a space; utf8_sanitize_lines() keeps line feeds. Everything
 * else, combining marks and every script included, is left as it is.
 */
#ifndef UTIL_UTF8_H
#define UTIL_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define UTF8_REPLACEMENT	0xFFFDu

/* Decodes the code point at s (n bytes available, n > 0); returns the bytes
 * it took (1 for an invalid byte, which yields U+FFFD). */
size_t	 utf8_decode(const char *s, size_t n, uint32_t *cp);
/* Writes cp (U+FFFD when cp is no scalar value) to out; returns its length. */
size_t	 utf8_encode(uint32_t cp, char out[4]);
bool	 utf8_valid(const char *s, size_t n);

size_t	 utf8_len(const char *s);			/* code points */
size_t	 utf8_offset(const char *s, size_t nth);	/* bytes before the nth */

int	 utf8_cp_width(uint32_t cp);			/* 0, 1 or 2 */
int	 utf8_width(const char *s);
/* Bytes of the longest prefix of s that fits in cols columns (a wide
 * character is never cut in half; combining marks stay with their base). */
size_t	 utf8_fit(const char *s, int cols, int *used);
/* A malloc'd copy of s cut to cols columns. */
char	*utf8_truncate(const char *s, int cols);

/* True for what utf8_sanitize() replaces (a code point, not a sequence). */
bool	 utf8_cp_harmful(uint32_t cp);
char	*utf8_sanitize(const char *in);
/* As utf8_sanitize(), but line feeds are kept (multi-line fields). */
char	*utf8_sanitize_lines(const char *in);

/*
 * Incremental decoder for typed input, one byte at a time: a byte that cannot
 * continue the pending sequence ends it as U+FFFD and then starts anew, so no
 * key after a bad byte is lost. Start with a zeroed struct.
 */
struct utf8_dec {
	uint32_t	cp;
	uint32_t	min;
	unsigned	need;
};

/* Returns how many code points (0, 1 or 2) were written to out. */
size_t	 utf8_dec_feed(struct utf8_dec *, unsigned char byte, uint32_t out[2]);
/* Ends a pending sequence (e.g. after an input timeout): 0 or 1. */
size_t	 utf8_dec_flush(struct utf8_dec *, uint32_t out[1]);

#endif
