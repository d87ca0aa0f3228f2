/* util/utf8: decoding, widths, truncation and harmless text. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <locale.h>

#include "util/utf8.h"

static void
test_decode_valid_and_invalid(void **state)
{
	uint32_t cp;

	assert_int_equal(utf8_decode("\xC3\xA1", 2, &cp), 2);	/* á */
	assert_int_equal(cp, 0xE1);
	assert_int_equal(utf8_decode("\xE1\x83\xA5", 3, &cp), 3);	/* ქ */
	assert_int_equal(cp, 0x10E5);
	assert_int_equal(utf8_decode("\xF0\x9F\x98\x80", 4, &cp), 4);
	assert_int_equal(cp, 0x1F600);
	/* stray continuation, overlong, surrogate, truncated: one byte each */
	assert_int_equal(utf8_decode("\x80" "a", 2, &cp), 1);
	assert_int_equal(cp, UTF8_REPLACEMENT);
	assert_int_equal(utf8_decode("\xC0\xAF", 2, &cp), 1);
	assert_int_equal(cp, UTF8_REPLACEMENT);
	assert_int_equal(utf8_decode("\xED\xA0\x80", 3, &cp), 1);
	assert_int_equal(cp, UTF8_REPLACEMENT);
	assert_int_equal(utf8_decode("\xE1\x83", 2, &cp), 1);
	assert_int_equal(cp, UTF8_REPLACEMENT);
	assert_int_equal(utf8_decode("\xF4\x90\x80\x80", 4, &cp), 1);	/* > U+10FFFF */
	assert_false(utf8_valid("Nov\xE1k", 5));
	assert_true(utf8_valid("Nov\xC3\xA1k", 6));
}

static void
test_encode_round_trip(void **state)
{
	static const uint32_t cps[] = { 0x41, 0xE1, 0x10E5, 0x4E2D, 0x1F600 };
	char buf[4];
	uint32_t cp;
	size_t k, n;

	for (k = 0; k < sizeof cps / sizeof cps[0]; k++) {
		n = utf8_encode(cps[k], buf);
		assert_int_equal(utf8_decode(buf, n, &cp), n);
		assert_int_equal(cp, cps[k]);
	}
	assert_int_equal(utf8_encode(0xD800, buf), 3);	/* surrogate: U+FFFD */
	assert_memory_equal(buf, "\xEF\xBF\xBD", 3);
}

static void
test_len_and_offset(void **state)
{
	assert_int_equal(utf8_len("Nováková"), 8);
	assert_int_equal(utf8_len("ქართული"), 7);
	assert_int_equal(utf8_len("a\xFF" "b"), 3);
	assert_int_equal(utf8_offset("Nováková", 4), 5);
	assert_int_equal(utf8_offset("Nováková", 99), strlen("Nováková"));
}

static void
test_widths(void **state)
{
	assert_int_equal(utf8_cp_width(0x10E5), 1);	/* Georgian */
	assert_int_equal(utf8_cp_width(0x4E2D), 2);	/* CJK */
	assert_int_equal(utf8_cp_width(0x0301), 0);	/* combining acute */
	assert_int_equal(utf8_width("ქართული"), 7);
	assert_int_equal(utf8_width("中文"), 4);
	assert_int_equal(utf8_width("Nova\xCC\x81k"), 5);	/* a + U+0301 */
	assert_int_equal(utf8_width("Tiếng Việt"), 10);
	assert_int_equal(utf8_width("العربية"), 7);
}

static void
test_truncate_keeps_characters_whole(void **state)
{
	char *s;
	int used;

	s = utf8_truncate("中文字", 5);
	assert_string_equal(s, "中文");	/* the third would need columns 5-6 */
	free(s);
	assert_int_equal(utf8_fit("中文字", 5, &used), 6);
	assert_int_equal(used, 4);
	s = utf8_truncate("Nova\xCC\x81k", 4);	/* the accent stays with its a */
	assert_string_equal(s, "Nova\xCC\x81");
	free(s);
	s = utf8_truncate("Reintegrácia", 9);
	assert_string_equal(s, "Reintegrá");
	free(s);
}

static void
test_sanitize_escape_sequences(void **state)
{
	char *s;

	s = utf8_sanitize("Nov\x1b[2J\xC3\xA1k");
	assert_null(strchr(s, '\x1b'));
	assert_null(strstr(s, "[2J"));
	assert_string_equal(s, "Nov\xEF\xBF\xBD\xC3\xA1k");
	free(s);
	s = utf8_sanitize("x\x1b]0;title\x07y");
	assert_null(strstr(s, "title"));
	assert_string_equal(s, "x\xEF\xBF\xBDy");
	free(s);
	s = utf8_sanitize("a\x1b]8;;http://x\x1b\\link");	/* OSC ended by ST */
	assert_string_equal(s, "a\xEF\xBF\xBDlink");
	free(s);
}

static void
test_sanitize_controls_and_bad_bytes(void **state)
{
	char *s;

	s = utf8_sanitize("a\tb\rc\x7f" "d\xC2\x9B" "e\xFF" "f\ng");
	assert_string_equal(s, "a b\xEF\xBF\xBD" "c\xEF\xBF\xBD" "d\xEF\xBF\xBD"
	    "e\xEF\xBF\xBD" "f\xEF\xBF\xBDg");
	free(s);
	s = utf8_sanitize_lines("line 1\nline\x07 2");
	assert_string_equal(s, "line 1\nline\xEF\xBF\xBD 2");
	free(s);
	s = utf8_sanitize("Новак ქართული 中文");
	assert_string_equal(s, "Новак ქართული 中文");	/* clean text is untouched */
	free(s);
}

/* Every class the contract names, one code point at a time, between letters:
 * each becomes exactly one U+FFFD and the letters stay. */
static void
test_sanitize_every_class(void **state)
{
	static const uint32_t bad[] = {
		0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068,
		0x2069, 0x200E, 0x200F, 0x061C, 0x200B, 0x200C, 0x200D, 0x2060,
		0xFEFF, 0x2028, 0x2029, 0x7F,
	};
	char in[16], want[16], enc[4], *s;
	uint32_t cp;
	size_t k;

	for (cp = 0; cp < 0xA0 + (sizeof bad / sizeof bad[0]); cp++) {
		uint32_t c = cp < 0xA0 ? cp : bad[cp - 0xA0];

		if (c == '\t' || c == '\n' || (c >= 0x20 && c < 0x7F))
			continue;
		if (c == 0 || c == 0x1B)
			continue;	/* NUL ends a C string; ESC b is a sequence, below */
		k = utf8_encode(c, enc);
		snprintf(in, sizeof in, "a%.*sb", (int)k, enc);
		snprintf(want, sizeof want, "a\xEF\xBF\xBD" "b");
		s = utf8_sanitize(in);
		k = strcmp(s, want) == 0;
		free(s);
		if (!k)
			fail_msg("U+%04X was not replaced", (unsigned)c);
		assert_true(utf8_cp_harmful(c));
		s = utf8_sanitize_lines(in);
		assert_string_equal(s, want);
		free(s);
	}
	/* Persian writes the non-joiner inside words: kept between its letters */
	s = utf8_sanitize("\xd9\x85\xdb\x8c\xe2\x80\x8c\xd8\xaa\xd9\x88\xd8\xa7\xd9\x86\xd8\xaf");
	assert_string_equal(s, "\xd9\x85\xdb\x8c\xe2\x80\x8c\xd8\xaa\xd9\x88\xd8\xa7\xd9\x86\xd8\xaf");
	free(s);
	s = utf8_sanitize("\xe2\x80\x8c\xd9\x85 Nov\xe2\x80\x8d" "ak");	/* not between them */
	assert_string_equal(s, "\xEF\xBF\xBD\xd9\x85 Nov\xEF\xBF\xBD" "ak");
	free(s);
	s = utf8_sanitize("a\x1b]0;never ended: Counsellor");
	assert_string_equal(s, "a\xEF\xBF\xBD" "0;never ended: Counsellor");
	free(s);
	s = utf8_sanitize("a\x1b" "b");
	assert_string_equal(s, "a\xEF\xBF\xBD");	/* ESC b: one two-byte sequence */
	free(s);
	/* Sequences: DCS and APC to ST, SOS, a 3-byte ESC form, 8-bit CSI, bad UTF-8. */
	s = utf8_sanitize("a\x1bP1$r0m\x1b\\b\x1b_x\x1b\\c\x1b(Bd\xC2\x9B" "2Je");
	assert_string_equal(s, "a\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c\xEF\xBF\xBD" "d\xEF\xBF\xBD" "2Je");
	free(s);
	s = utf8_sanitize("\xE2\x80\xC0\xF0\x9F\x98\xED\xA0\x80z");	/* truncated, surrogate */
	assert_null(strchr(s, '\x80'));
	assert_true(utf8_valid(s, strlen(s)));
	assert_string_equal(s + strlen(s) - 1, "z");
	free(s);
	/* Neighbours that are text stay: NBSP, soft hyphen, ZW no-break in Arabic. */
	s = utf8_sanitize("\xC2\xA0\xC2\xAD\xD8\xB9\xD9\x8E \xE2\x80\x90");
	assert_string_equal(s, "\xC2\xA0\xC2\xAD\xD8\xB9\xD9\x8E \xE2\x80\x90");
	free(s);
}

static void
test_decoder_bad_byte_keeps_next_keys(void **state)
{
	const unsigned char keys[] = { 0xC3, 'a', 'b', 0xFF, 0xC3, 0xA1, 0xE1, 0x83 };
	struct utf8_dec d = { 0 };
	uint32_t got[16], out[2];
	size_t n = 0, k, m;

	for (k = 0; k < sizeof keys; k++) {
		m = utf8_dec_feed(&d, keys[k], out);
		memcpy(got + n, out, m * sizeof *out);
		n += m;
	}
	n += utf8_dec_flush(&d, got + n);
	assert_int_equal(n, 6);
	assert_int_equal(got[0], UTF8_REPLACEMENT);
	assert_int_equal(got[1], 'a');
	assert_int_equal(got[2], 'b');
	assert_int_equal(got[3], UTF8_REPLACEMENT);
	assert_int_equal(got[4], 0xE1);
	assert_int_equal(got[5], UTF8_REPLACEMENT);	/* cut short by the flush */
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decode_valid_and_invalid),
		cmocka_unit_test(test_encode_round_trip),
		cmocka_unit_test(test_len_and_offset),
		cmocka_unit_test(test_widths),
		cmocka_unit_test(test_truncate_keeps_characters_whole),
		cmocka_unit_test(test_sanitize_escape_sequences),
		cmocka_unit_test(test_sanitize_controls_and_bad_bytes),
		cmocka_unit_test(test_sanitize_every_class),
		cmocka_unit_test(test_decoder_bad_byte_keeps_next_keys),
	};

	setlocale(LC_ALL, "");	/* as the program does: results must not depend on it */
	return cmocka_run_group_tests(tests, NULL, NULL);
}
