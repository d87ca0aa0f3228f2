/* i18n/conv: output for terminals that are not UTF-8, typed input back, and
 * the name key for duplicate matching. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <locale.h>

#include "i18n/conv.h"
#include "util/utf8.h"

static void
assert_out(const char *codeset, const char *in, const char *want)
{
	struct i18n_conv *c = i18n_conv_new(codeset);
	char *got = i18n_conv_out(c, in);

	assert_string_equal(got, want);
	free(got);
	i18n_conv_free(c);
}

/* The table of TERMINAL-FACTS.md: glibc alone gets these wrong under C. */
static void
test_ascii_terminal_facts_table(void **state)
{
	assert_out("ANSI_X3.4-1968", "Reintegrácia v krajine pôvodu",
	    "Reintegracia v krajine povodu");
	assert_out("ANSI_X3.4-1968", "Возвращение", "Vozvrashchenie");
	assert_out("ANSI_X3.4-1968", "Tiếng Việt", "Tieng Viet");
	assert_out("ANSI_X3.4-1968", "ქართული", "kartuli");
}

static void
test_ascii_other_scripts(void **state)
{
	assert_out("ANSI_X3.4-1968", "Հայերեն", "Hayeren");
	assert_out("ANSI_X3.4-1968", "Ελληνικά", "Ellinika");
	assert_out("ANSI_X3.4-1968", "Српски", "Srpski");
	assert_out("ANSI_X3.4-1968", "Київ", "Kyiv");
	assert_out("ANSI_X3.4-1968", "Щука", "Shchuka");
	assert_out("ANSI_X3.4-1968", "العربية 中", "??????? ?");
	assert_out("ANSI_X3.4-1968", "bad \xFF byte", "bad ? byte");
	assert_out("no-such-codeset", "Nováková", "Novakova");	/* taken as ASCII */
}

static void
test_latin2_and_cp1250_keep_slovak(void **state)
{
	assert_out("ISO-8859-2", "Reintegrácia v krajine pôvodu",
	    "Reintegr\xE1" "cia v krajine p\xF4vodu");
	assert_out("CP1250", "Kováč", "Kov\xE1\xE8");
	assert_out("ISO-8859-2", "Возвращение", "Vozvrashchenie");
	assert_out("ISO-8859-2", "Tiếng", "Tieng");
}

static void
test_koi8r_keeps_cyrillic(void **state)
{
	assert_out("KOI8-R", "Возвращение", "\xF7\xCF\xDA\xD7\xD2\xC1\xDD\xC5\xCE\xC9\xC5");
	assert_out("KOI8-R", "ქართული", "kartuli");
	assert_out("KOI8-R", "Reintegrácia", "Reintegracia");
}

static void
test_utf8_and_widths(void **state)
{
	struct i18n_conv *u = i18n_conv_new("UTF-8"), *a = i18n_conv_new("ANSI_X3.4-1968");
	char *s = i18n_conv_out(u, "ქართული 中文");

	assert_true(i18n_conv_is_utf8(u));
	assert_false(i18n_conv_is_utf8(a));
	assert_string_equal(s, "ქართული 中文");
	assert_int_equal(i18n_conv_width(u, "Возвращение"), 11);
	assert_int_equal(i18n_conv_width(a, "Возвращение"), 14);
	assert_int_equal(i18n_conv_width(u, "中文"), 4);
	free(s);
	i18n_conv_free(u);
	i18n_conv_free(a);
}

/* Feeds keys one byte at a time; returns the code points that arrived. */
static size_t
feed(const char *codeset, const char *bytes, uint32_t *got)
{
	struct i18n_conv *c = i18n_conv_new(codeset);
	uint32_t out[2];
	size_t n = 0, k, m;

	for (k = 0; bytes[k] != '\0'; k++) {
		m = i18n_conv_in(c, (unsigned char)bytes[k], out);
		memcpy(got + n, out, m * sizeof *out);
		n += m;
	}
	n += i18n_conv_in_flush(c, got + n);
	i18n_conv_free(c);
	return n;
}

static void
test_input_bad_byte_then_more_keys(void **state)
{
	uint32_t got[16];

	assert_int_equal(feed("ANSI_X3.4-1968", "\xE1" "ab", got), 3);
	assert_int_equal(got[0], UTF8_REPLACEMENT);
	assert_int_equal(got[1], 'a');
	assert_int_equal(got[2], 'b');
	assert_int_equal(feed("ISO-8859-2", "\xE1\xE8x", got), 3);
	assert_int_equal(got[0], 0xE1);	/* á */
	assert_int_equal(got[1], 0x10D);	/* č */
	assert_int_equal(got[2], 'x');
	assert_int_equal(feed("KOI8-R", "\xF7q", got), 2);
	assert_int_equal(got[0], 0x412);	/* В */
	assert_int_equal(feed("UTF-8", "\xC3" "ab\xC3\xA1", got), 4);
	assert_int_equal(got[0], UTF8_REPLACEMENT);
	assert_int_equal(got[1], 'a');
	assert_int_equal(got[2], 'b');
	assert_int_equal(got[3], 0xE1);
	/* a multi-byte set: a lead byte cut short by a plain key */
	assert_int_equal(feed("BIG5", "\xA4" "1\xA4\x40" "y", got), 4);
	assert_int_equal(got[0], UTF8_REPLACEMENT);
	assert_int_equal(got[1], '1');
	assert_int_equal(got[2], 0x4E00);	/* 一 */
	assert_int_equal(got[3], 'y');
	assert_int_equal(feed("BIG5", "z\xA4", got), 2);	/* flushed at the end */
	assert_int_equal(got[1], UTF8_REPLACEMENT);
}

static void
assert_fold(const char *in, const char *want)
{
	char *got = i18n_fold_name(in);

	assert_string_equal(got, want);
	free(got);
}

static void
test_fold_name(void **state)
{
	assert_fold("Nováková", "novakova");
	assert_fold("Новак", "novak");
	assert_fold("Novak", "novak");
	assert_fold("KOVÁČ", "kovac");
	assert_fold("  Jean-Pierre   O'Neil ", "jean pierre oneil");
	assert_fold("ქართული", "kartuli");
	assert_fold("Müller", "muller");
	assert_fold("محمد", "محمد");	/* no romanisation: kept, not lost */
}

static void
test_romanize(void **state)
{
	char *s = i18n_romanize("Щука, ქართული, 中文");

	assert_string_equal(s, "Shchuka, kartuli, 中文");
	free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ascii_terminal_facts_table),
		cmocka_unit_test(test_ascii_other_scripts),
		cmocka_unit_test(test_latin2_and_cp1250_keep_slovak),
		cmocka_unit_test(test_koi8r_keeps_cyrillic),
		cmocka_unit_test(test_utf8_and_widths),
		cmocka_unit_test(test_input_bad_byte_then_more_keys),
		cmocka_unit_test(test_fold_name),
		cmocka_unit_test(test_romanize),
	};

	setlocale(LC_ALL, "");	/* as the program does: results must not depend on it */
	return cmocka_run_group_tests(tests, NULL, NULL);
}
