/* ui/keyseq: where an escape sequence curses does not know ends. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "ui/keyseq.h"

/* Feeds what followed ESC; returns the bytes the sequence took, and the last
 * step in *last (UI_KEYSEQ_MORE when the input ran out first). */
static size_t
scan(const char *after_esc, enum ui_keyseq_step *last)
{
	struct ui_keyseq ks;
	size_t i, n = strlen(after_esc);

	ui_keyseq_start(&ks);
	*last = UI_KEYSEQ_MORE;
	for (i = 0; i < n; i++) {
		*last = ui_keyseq_feed(&ks, (unsigned char)after_esc[i]);
		if (*last == UI_KEYSEQ_NOT)
			return i;
		if (*last == UI_KEYSEQ_DONE)
			return i + 1;
	}
	return n;
}

static void
assert_whole(const char *after_esc, size_t len)
{
	enum ui_keyseq_step last;

	assert_int_equal(scan(after_esc, &last), len);
	assert_int_equal(last, UI_KEYSEQ_DONE);
}

static void
test_sequences_end_where_they_end(void **state)
{
	assert_whole("[99~b", 4);		/* unknown function key, then b */
	assert_whole("[1;5Xb", 5);		/* modified key */
	assert_whole("[?1;2cb", 6);		/* device attributes reply */
	assert_whole("[<0;10;5Mb", 9);		/* SGR mouse report */
	assert_whole("[Ab", 2);
	assert_whole("[[Ab", 3);		/* Linux console F1 */
	assert_whole("[[Zb", 3);
	assert_whole("[2$b", 3);		/* rxvt Shift-Insert */
	assert_whole("[$b", 2);
	assert_whole("[11^b", 4);		/* rxvt Ctrl-F1 */
	assert_whole("OPb", 2);			/* SS3 */
	assert_whole("Ozb", 2);
	assert_whole("O5Pb", 3);		/* old xterm's modified F1 */
	assert_whole("xb", 1);			/* Alt-x */
	assert_whole(" Fb", 2);			/* ESC with an intermediate byte */
}

static void
test_what_does_not_belong(void **state)
{
	struct ui_keyseq ks;
	enum ui_keyseq_step last;

	assert_int_equal(scan("\033[A", &last), 0);	/* Esc, then a key */
	assert_int_equal(last, UI_KEYSEQ_NOT);
	assert_int_equal(scan("\r", &last), 0);
	assert_int_equal(last, UI_KEYSEQ_NOT);
	assert_int_equal(scan("\x7f", &last), 0);
	assert_int_equal(last, UI_KEYSEQ_NOT);
	assert_int_equal(scan("[1\033", &last), 2);	/* cut by the next key */
	assert_int_equal(last, UI_KEYSEQ_NOT);
	assert_int_equal(scan("[1\xc3\xa1", &last), 2);	/* a letter typed after it */
	assert_int_equal(last, UI_KEYSEQ_NOT);
	assert_int_equal(scan("O\n", &last), 1);
	assert_int_equal(last, UI_KEYSEQ_NOT);
	assert_int_equal(scan("[15", &last), 3);	/* the rest has not come */
	assert_int_equal(last, UI_KEYSEQ_MORE);
	ui_keyseq_start(&ks);
	assert_int_equal(ui_keyseq_feed(&ks, 0x109), UI_KEYSEQ_NOT);	/* a curses key */
}

static void
test_a_run_of_parameters_is_cut(void **state)
{
	char buf[64] = "[";
	enum ui_keyseq_step last;

	memset(buf + 1, '1', 60);
	assert_true(scan(buf, &last) < 40);
	assert_int_equal(last, UI_KEYSEQ_DONE);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sequences_end_where_they_end),
		cmocka_unit_test(test_what_does_not_belong),
		cmocka_unit_test(test_a_run_of_parameters_is_cut),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
