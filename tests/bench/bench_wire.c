/*
 * bench_wire: bytes the program writes to the terminal, measured through a
 * pty and libvterm: the first screen, one typed character in a text field,
 * Tab to the next field, opening a choice list, and a search keystroke.
 * Prints a table; asserts nothing (numbers go in notes, not in tests).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "e2e/app.h"

static size_t
bench_measure(struct vt *vt, void (*act)(struct vt *), const char *until)
{
	vt_bytes_reset(vt);
	act(vt);
	if (until != NULL && !vt_wait_text(vt, until, 5000))
		fprintf(stderr, "bench: '%s' did not appear\n", until);
	vt_pump(vt, 150);
	return vt_bytes(vt);
}

static void bench_ctrl_n(struct vt *vt) { vt_ctrl(vt, 'n'); }
static void bench_char(struct vt *vt) { vt_type(vt, "a"); }
static void bench_tab(struct vt *vt) { vt_key(vt, VT_TAB); }
static void bench_esc(struct vt *vt) { vt_key(vt, VT_ESC); }
static void bench_ctrl_f(struct vt *vt) { vt_ctrl(vt, 'f'); }
static void bench_search_char(struct vt *vt) { vt_type(vt, "o"); }

int
main(void)
{
	struct e2e_db *db = e2e_db_new_forms("forms");
	struct vt *vt;
	size_t first, n;
	int i;

	e2e_add_case(db, "surname", "Novák", "given_names", "Ján", "sex", "male", "dob",
	    "1980-05-05", "nationality", "SK", "return_country", "UA", NULL);
	vt = e2e_start(db, NULL, 24, 80);
	vt_wait_text(vt, "Find a case", 8000);
	vt_pump(vt, 300);
	first = vt_bytes(vt);
	printf("%-44s %8s\n", "80x24, TERM=xterm-256color, UTF-8", "bytes");
	printf("%-44s %8zu\n", "first screen (start)", first);
	printf("%-44s %8zu\n", "open the registration form (^N)",
	    bench_measure(vt, bench_ctrl_n, "Surname"));
	for (n = 0, i = 0; i < 10; i++)
		n += bench_measure(vt, bench_char, NULL);
	printf("%-44s %8.1f\n", "typed character in a text field (mean of 10)", n / 10.0);
	printf("%-44s %8zu\n", "Tab to the next field", bench_measure(vt, bench_tab, NULL));
	printf("%-44s %8zu\n", "Esc back to the start screen", bench_measure(vt, bench_esc,
	    "Drafts"));
	printf("%-44s %8zu\n", "open Find (^F)", bench_measure(vt, bench_ctrl_f, "Find:"));
	printf("%-44s %8zu\n", "search keystroke (results redrawn)",
	    bench_measure(vt, bench_search_char, NULL));
	vt_free(vt);
	e2e_db_free(db);
	return 0;
}
