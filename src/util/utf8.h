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
 * utf8_sanitize() is the one door stored or typed text passes before it is
 * drawn: C0 and C1 controls, DEL, escape sequences (CSI, OSC, DCS, ...) and
 * invalid bytes become U+FFFD, a tab becomes a space; nothing else changes.
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
