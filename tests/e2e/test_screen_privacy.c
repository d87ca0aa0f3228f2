/*
 * Nothing of a case stays on a terminal: under TERM=vt100 (no alternate
 * screen in its terminfo) at 80x24, after the case list was scrolled, a case
 * was opened and the program quit, neither the screen nor the scrollback
 * holds a name or case number; under xterm the alternate screen is used. The
 * blank key (^R) empties the screen at once and the next key only brings it
 * back.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "e2e/app.h"
#include "util/mem.h"

#define T	E2E_T
#define NCASES	30

struct t {
	struct e2e_db	*db;
	struct vt	*vt;
};

static int
setup(void **state)
{
	struct t *t = xcalloc(1, sizeof *t);

	t->db = e2e_db_new();
	*state = t;
	return 0;
}

static int
teardown(void **state)
{
	struct t *t = *state;

	vt_free(t->vt);
	e2e_db_free(t->db);
	free(t);
	return 0;
}

static void
privacy_cases(struct t *t)
{
	char name[32];

	for (int i = 0; i < NCASES; i++) {
		snprintf(name, sizeof name, "Secretname%02d", i);
		e2e_add_case(t->db, "surname", name, "given_names", "Ján", NULL);
	}
}

/* The list, scrolled to its end and back, a case opened, then quit. */
static void
privacy_session(struct vt *vt)
{
	VT_ASSERT_TEXT(vt, "Secretname", T);
	vt_ctrl(vt, 'f');
	VT_ASSERT_TEXT(vt, "Find:", T);
	vt_type(vt, "Secretname");
	VT_ASSERT_TEXT(vt, "Cases found: 30", T);
	for (int i = 0; i < NCASES; i++)
		vt_key(vt, VT_DOWN);
	VT_ASSERT_TEXT(vt, "Secretname29", T);	/* the newest, at the end */
	for (int i = 0; i < NCASES; i++)
		vt_key(vt, VT_UP);
	VT_ASSERT_TEXT(vt, "Secretname00", T);
	vt_key(vt, VT_ENTER);
	VT_ASSERT_TEXT(vt, "Forms of this case", T);
	vt_ctrl(vt, 'x');
	VT_ASSERT_EXIT(vt, 0, T);
}

static void
privacy_assert_gone(struct vt *vt)
{
	const char *screen = vt_screen(vt), *sb = vt_scrollback(vt);

	if (strstr(screen, "Secretname") != NULL || strstr(screen, "AVRR-") != NULL ||
	    strstr(sb, "Secretname") != NULL || strstr(sb, "AVRR-") != NULL) {
		vt_dump(vt, stderr);
		fprintf(stderr, "scrollback:\n%s\n", sb);
		fail_msg("a name or case number stayed in the terminal");
	}
}

/* vt100 first; vt220, linux and ansi lack smcup as well. */
static void
test_vt100_nothing_stays_after_quit(void **state)
{
	static const char *const terms[] = { "vt100", "vt220", "linux", "ansi" };
	struct t *t = *state;

	privacy_cases(t);
	for (size_t i = 0; i < sizeof terms / sizeof terms[0]; i++) {
		t->vt = e2e_start_ex(t->db, NULL, NULL, 24, 80,
		    &(struct vt_options){ .term = terms[i] });
		privacy_session(t->vt);
		privacy_assert_gone(t->vt);
		vt_free(t->vt);
		t->vt = NULL;
	}
}

static void
test_xterm_nothing_stays_after_quit(void **state)
{
	struct t *t = *state;

	privacy_cases(t);
	t->vt = e2e_start(t->db, NULL, 24, 80);
	privacy_session(t->vt);
	privacy_assert_gone(t->vt);
}

static void
test_blank_key_hides_at_once(void **state)
{
	struct t *t = *state;
	struct vt *vt;

	privacy_cases(t);
	vt = t->vt = e2e_start_ex(t->db, NULL, NULL, 24, 80,
	    &(struct vt_options){ .term = "vt100" });
	VT_ASSERT_TEXT(vt, "Secretname", T);
	vt_ctrl(vt, 'f');
	VT_ASSERT_TEXT(vt, "Find:", T);
	vt_type(vt, "Secret");
	VT_ASSERT_TEXT(vt, "Cases found: 30", T);
	vt_ctrl(vt, 'r');
	if (!e2e_wait_gone(vt, "Secretname", T) || !e2e_wait_gone(vt, "Find", T)) {
		vt_dump(vt, stderr);
		fail_msg("the screen was not blanked");
	}
	assert_string_equal(vt_screen(vt), "\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n");
	vt_type(vt, "x");	/* brings the screen back, and is not typed */
	VT_ASSERT_TEXT(vt, "Cases found: 30", T);
	VT_ASSERT_ROW(vt, 1, "Secret", T);
	assert_null(strstr(vt_screen(vt), "Secretx"));
	vt_type(vt, "name2");	/* typing goes on where it was */
	VT_ASSERT_TEXT(vt, "Cases found: 10", T);
	vt_key(vt, VT_F1);	/* the help lists the key */
	VT_ASSERT_TEXT(vt, "Help", T);
	for (int i = 0; i < 6 && !vt_wait_text(vt, "Blank the screen", 200); i++)
		vt_key(vt, VT_PAGEDOWN);
	VT_ASSERT_TEXT(vt, "Blank the screen", T);
	VT_ASSERT_TEXT(vt, "^R", T);
	vt_ctrl(vt, 'x');
	VT_ASSERT_EXIT(vt, 0, T);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_vt100_nothing_stays_after_quit, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_xterm_nothing_stays_after_quit, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_blank_key_hides_at_once, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
