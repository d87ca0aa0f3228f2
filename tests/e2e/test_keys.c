/*
 * End-to-end tests of keys on terminals whose terminfo entry does not say
 * what they send: F1-F10 as the raw bytes of xterm, VT220/PuTTY/rxvt, PuTTY's
 * VT100+ mode and the Linux console, under TERM=vt100, vt220, linux and ansi,
 * each checked by what it does on the screen at 80x24; the cursor, editing
 * and keypad keys of the same terminals; escape sequences nobody knows, which
 * must type nothing and not act as Esc; and Esc alone, which still is Back.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "db/draft.h"
#include "util/mem.h"

#define ROWS	24
#define COLS	80
#define SURNAME_ROW	3	/* of the e2e registration form */
#define VALUE_COL	34

struct kt_family {
	const char	*name;
	const char	*f[10];		/* F1 .. F10 as the terminal sends them */
};

static const struct kt_family kt_families[] = {
	{ "xterm", { "\033OP", "\033OQ", "\033OR", "\033OS", "\033[15~",
	    "\033[17~", "\033[18~", "\033[19~", "\033[20~", "\033[21~" } },
	{ "VT220, PuTTY, rxvt", { "\033[11~", "\033[12~", "\033[13~", "\033[14~",
	    "\033[15~", "\033[17~", "\033[18~", "\033[19~", "\033[20~", "\033[21~" } },
	{ "PuTTY VT100+", { "\033OP", "\033OQ", "\033OR", "\033OS", "\033OT",
	    "\033OU", "\033OV", "\033OW", "\033OX", "\033OY" } },
	{ "Linux console", { "\033[[A", "\033[[B", "\033[[C", "\033[[D", "\033[[E",
	    "\033[17~", "\033[18~", "\033[19~", "\033[20~", "\033[21~" } },
};
#define KT_NFAMILIES (sizeof kt_families / sizeof kt_families[0])

struct t {
	struct e2e_db	*db;
	struct vt	*vt;
	const char	*what;	/* TERM and family, for failure messages */
};

static int
kt_setup(void **state)
{
	*state = xcalloc(1, sizeof(struct t));
	return 0;
}

static int
kt_teardown(void **state)
{
	struct t *t = *state;

	vt_free(t->vt);
	e2e_db_free(t->db);
	free(t);
	return 0;
}

static void
kt_start(struct t *t, const char *term)
{
	char env_term[32];
	const char *env[] = { env_term, NULL };

	vt_free(t->vt);
	e2e_db_free(t->db);
	t->db = e2e_db_new();
	snprintf(env_term, sizeof env_term, "TERM=%s", term);
	t->vt = e2e_start(t->db, env, ROWS, COLS);
	VT_ASSERT_TEXT(t->vt, "Find a case", E2E_T);
}

/* Nothing of an escape sequence may show: its bytes all contain one of these. */
static void
kt_no_junk(struct t *t)
{
	const char *screen = vt_screen(t->vt);

	if (strpbrk(screen, "~[$") != NULL) {
		vt_dump(t->vt, stderr);
		fail_msg("%s: junk on the screen", t->what);
	}
}

/* Sends a key and waits for what it shows on row (-1: anywhere). */
static void
kt_press(struct t *t, const char *seq, int row, const char *shows)
{
	vt_type(t->vt, seq);
	if (!(row < 0 ? vt_wait_text(t->vt, shows, E2E_T) :
	    vt_wait_row_text(t->vt, row, shows, E2E_T))) {
		vt_dump(t->vt, stderr);
		fail_msg("%s: key did not show \"%s\"", t->what, shows);
	}
	kt_no_junk(t);
}

/* Esc alone: back to the screen that shows text on row 0. */
static void
kt_back(struct t *t, const char *title)
{
	kt_press(t, "\033", 0, title);
}

/* F1 help, F3 find, then in a new registration F2 save, F9 add row, F7 and
 * F8 languages, F5 a call; F6 switches the staff language, F10 quits. */
static void
kt_fkeys(struct t *t, const char *const f[10])
{
	kt_press(t, f[0], 0, "| Help");
	kt_back(t, "| Start");
	kt_press(t, f[2], 0, "| Find a case");
	kt_back(t, "| Start");
	kt_press(t, f[3], 0, "| Registration");
	kt_press(t, f[1], -1, "Not saved: please correct the marked field");
	kt_press(t, f[8], 22, "Go to a list of rows first");
	kt_press(t, f[6], 0, "| Client's language");
	kt_back(t, "| Registration");
	kt_press(t, f[7], 0, "| Client's language");
	kt_back(t, "| Registration");
	kt_press(t, f[4], 0, "| Hotline call");
	kt_back(t, "| Registration");
	VT_ASSERT_ROW(t->vt, SURNAME_ROW, ">Surname *", E2E_T);
	assert_int_equal(strlen(vt_row(t->vt, SURNAME_ROW)), strlen(">Surname *"));
	kt_back(t, "| Start");
	kt_press(t, f[5], 0, "| Your language");
	vt_type(t->vt, "sk");
	VT_ASSERT_TEXT(t->vt, "Slovak (sk)", E2E_T);
	vt_pump(t->vt, 200);
	vt_key(t->vt, VT_ENTER);
	e2e_gone(t->vt, "tester en");	/* the staff language beside the user */
	kt_no_junk(t);
	vt_type(t->vt, f[9]);
	VT_ASSERT_EXIT(t->vt, 0, E2E_T);
}

/* True when a record holds nothing typed: only defaults, no rows. */
static bool
kt_empty_record(const struct form_record *rec)
{
	size_t i;

	for (i = 0; i < rec->def->nfields; i++) {
		if (rec->def->fields[i].default_expr != NULL)
			continue;
		if (rec->vals[i] != NULL && rec->vals[i][0] != '\0')
			return false;
		if (rec->kids[i].n > 0)
			return false;
	}
	return true;
}

/* No record saved, and every draft left is empty. */
static void
kt_nothing_kept(struct t *t)
{
	struct db *db;
	struct db_draft *d = NULL;
	struct form_record *rec;
	size_t n = 0, i;
	int cursor;

	assert_int_equal(e2e_count(t->db, "registration"), 0);
	assert_int_equal(e2e_count(t->db, "call"), 0);
	db = e2e_db_open(t->db);
	assert_int_equal(db_draft_list(db, NULL, &d, &n, NULL), DB_OK);
	for (i = 0; i < n; i++) {
		rec = NULL;
		db_set_user(db, d[i].user);	/* a draft is its writer's to read */
		assert_int_equal(db_draft_load(db, d[i].id, &rec, &cursor, NULL), DB_OK);
		if (!kt_empty_record(rec))
			fail_msg("%s: a draft of %s holds \"%s\"", t->what, d[i].form,
			    d[i].summary != NULL ? d[i].summary : "");
		form_record_free(rec);
	}
	db_drafts_free(d, n);
	e2e_db_close(t->db);
}

static void
kt_fkeys_under(void **state, const char *term)
{
	struct t *t = *state;
	char what[96];
	size_t i;

	for (i = 0; i < KT_NFAMILIES; i++) {
		snprintf(what, sizeof what, "TERM=%s, F-keys of %s", term, kt_families[i].name);
		t->what = what;
		kt_start(t, term);
		kt_fkeys(t, kt_families[i].f);
		kt_nothing_kept(t);
	}
}

static void
test_fkeys_vt100(void **state)
{
	kt_fkeys_under(state, "vt100");
}

static void
test_fkeys_vt220(void **state)
{
	kt_fkeys_under(state, "vt220");
}

static void
test_fkeys_linux(void **state)
{
	kt_fkeys_under(state, "linux");
}

static void
test_fkeys_ansi(void **state)
{
	kt_fkeys_under(state, "ansi");
}

/* Cursor and editing keys of one terminal. */
struct kt_edit {
	const char	*name;
	const char	*home, *end, *left, *right, *del, *down, *up, *btab;
};

static const struct kt_edit kt_edits[] = {
	{ "xterm (application mode)", "\033OH", "\033OF", "\033OD", "\033OC", "\033[3~",
	    "\033OB", "\033OA", "\033[Z" },
	{ "xterm (normal mode)", "\033[H", "\033[F", "\033[D", "\033[C", "\033[3~",
	    "\033[B", "\033[A", "\033[Z" },
	{ "VT220, PuTTY, Linux console", "\033[1~", "\033[4~", "\033[D", "\033[C",
	    "\033[3~", "\033[B", "\033[A", "\033\t" },
	{ "rxvt", "\033[7~", "\033[8~", "\033[D", "\033[C", "\033[3~",
	    "\033[B", "\033[A", "\033[Z" },
};

/* Waits until the surname row is exactly the label and value. */
static void
kt_field_is(struct t *t, const char *value)
{
	char want[128];
	int waited;

	if (*value == '\0')
		snprintf(want, sizeof want, ">Surname *");
	else
		snprintf(want, sizeof want, ">Surname *%*s%s", VALUE_COL - 10, "", value);
	for (waited = 0; strcmp(vt_row(t->vt, SURNAME_ROW), want) != 0; waited += 10) {
		if (waited > E2E_T) {
			vt_dump(t->vt, stderr);
			fail_msg("%s: the field is not \"%s\"", t->what, value);
		}
		vt_pump(t->vt, 10);
	}
	kt_no_junk(t);
}

/* In the surname: "bc", Home "a", End "d", Left Left Delete: "abd"; Down
 * moves on, Up and Shift-Tab come back; the keypad types digits. */
static void
kt_edit_keys(struct t *t, const struct kt_edit *k)
{
	vt_type(t->vt, "bc");
	kt_field_is(t, "bc");
	vt_type(t->vt, k->home);
	vt_type(t->vt, "a");
	kt_field_is(t, "abc");
	vt_type(t->vt, k->end);
	vt_type(t->vt, "d");
	kt_field_is(t, "abcd");
	vt_type(t->vt, k->left);
	vt_type(t->vt, k->left);
	vt_type(t->vt, k->right);
	vt_type(t->vt, k->left);
	vt_type(t->vt, k->del);
	kt_field_is(t, "abd");
	vt_type(t->vt, k->down);
	assert_true(vt_wait_cursor(t->vt, SURNAME_ROW + 1, VALUE_COL, E2E_T));
	vt_type(t->vt, k->up);
	assert_true(vt_wait_cursor(t->vt, SURNAME_ROW, VALUE_COL + 3, E2E_T));
	vt_type(t->vt, k->down);
	assert_true(vt_wait_cursor(t->vt, SURNAME_ROW + 1, VALUE_COL, E2E_T));
	vt_type(t->vt, k->btab);
	assert_true(vt_wait_cursor(t->vt, SURNAME_ROW, VALUE_COL + 3, E2E_T));
	kt_no_junk(t);
	vt_type(t->vt, "\025");	/* ^U clears */
	kt_field_is(t, "");
}

static void
test_edit_keys(void **state)
{
	static const char *const terms[] = { "vt100", "vt220", "linux", "ansi" };
	struct t *t = *state;
	char what[96];
	size_t i, j;

	for (i = 0; i < sizeof terms / sizeof terms[0]; i++) {
		kt_start(t, terms[i]);
		kt_press(t, "\016", 0, "| Registration");	/* ^N */
		for (j = 0; j < sizeof kt_edits / sizeof kt_edits[0]; j++) {
			snprintf(what, sizeof what, "TERM=%s, keys of %s", terms[i],
			    kt_edits[j].name);
			t->what = what;
			kt_edit_keys(t, &kt_edits[j]);
		}
		t->what = terms[i];
		/* the numeric keypad in application mode (PuTTY), Enter on it */
		vt_type(t->vt, "\033Oq\033Or\033Os\033Ot\033Ou\033Ov\033Ow\033Ox"
		    "\033Oy\033Op\033On\033Ok\033Om");
		kt_field_is(t, "1234567890.+-");
		vt_type(t->vt, "\033OM");
		assert_true(vt_wait_cursor(t->vt, SURNAME_ROW + 1, VALUE_COL, E2E_T));
	}
}

/* Sequences no table knows; each must vanish whole. */
static const char *const kt_unknown[] = {
	"\033[99~",		/* a function key nobody has */
	"\033[1;5X",		/* a modified key, unknown final */
	"\033[1;5A",		/* Ctrl-Up of xterm */
	"\033[15;2~",		/* Shift-F5 of xterm */
	"\033O5P",		/* old xterm's modified F1 */
	"\033Oz",		/* SS3 z */
	"\033[2$",		/* rxvt Shift-Insert */
	"\033[11^",		/* rxvt Ctrl-F1 */
	"\033[23$",		/* rxvt Shift-F11 */
	"\033[[Z",		/* Linux-console style, unknown */
	"\033[?1;2c",		/* a device attributes reply */
	"\033[200~",		/* bracketed paste start */
	"\033x",		/* Alt-x */
	"\033 F",		/* ESC with an intermediate byte */
	"\033[<0;10;5M",	/* an SGR mouse report */
};

static void
kt_unknown_under(struct t *t, const char *term)
{
	size_t i;

	t->what = term;
	kt_start(t, term);
	kt_press(t, "\016", 0, "| Registration");
	vt_type(t->vt, "a");
	kt_field_is(t, "a");
	for (i = 0; i < sizeof kt_unknown / sizeof kt_unknown[0]; i++) {
		vt_type(t->vt, kt_unknown[i]);
		vt_type(t->vt, "b");
		kt_field_is(t, "ab");
		VT_ASSERT_ROW(t->vt, 0, "| Registration", E2E_T);
		vt_key(t->vt, VT_BACKSPACE);
		kt_field_is(t, "a");
	}
	/* one sent in two writes, the way a slow link splits it */
	vt_type(t->vt, "\033[1");
	vt_pump(t->vt, 5);
	vt_type(t->vt, "5;5~b");
	kt_field_is(t, "ab");
	VT_ASSERT_ROW(t->vt, 0, "| Registration", E2E_T);
}

static long
kt_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

static void
test_unknown_sequences(void **state)
{
	static const char *const terms[] = { "vt100", "vt220", "linux", "ansi",
	    "xterm-256color" };
	struct t *t = *state;
	size_t i;
	long t0;

	for (i = 0; i < sizeof terms / sizeof terms[0]; i++) {
		kt_unknown_under(t, terms[i]);
		/* Esc alone still is Back, and fast; Esc Esc is Back twice */
		t0 = kt_ms();
		kt_back(t, "| Start");
		if (kt_ms() - t0 > 900)
			fail_msg("%s: Esc took %ld ms", terms[i], kt_ms() - t0);
		kt_press(t, "\006", 0, "| Find a case");	/* ^F */
		kt_press(t, "\016", 0, "| Registration");
		kt_press(t, "\033\033", 0, "| Start");
	}
}

/* A non-UTF-8 terminal: the keys and the sequences are ASCII either way. */
static void
test_keys_latin(void **state)
{
	const char *env[] = { "LANG=C", "TERM=vt100", NULL };
	const struct vt_options opts = { .no_utf8 = true };
	struct t *t = *state;

	t->what = "LANG=C, TERM=vt100";
	t->db = e2e_db_new();
	t->vt = e2e_start_ex(t->db, env, NULL, ROWS, COLS, &opts);
	VT_ASSERT_TEXT(t->vt, "Find a case", E2E_T);
	kt_press(t, "\033[13~", 0, "| Find a case");
	vt_type(t->vt, "\xe1");	/* no ASCII: dropped alone */
	vt_type(t->vt, "\033[99~\033[1;5XNov");
	kt_press(t, "", 1, "Nov");
	assert_string_equal(vt_row(t->vt, 1), " Find:      Nov");
	kt_press(t, "\033[15~", 0, "| Hotline call");
	kt_back(t, "| Find a case");
	vt_type(t->vt, "\033[21~");
	VT_ASSERT_EXIT(t->vt, 0, E2E_T);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_fkeys_vt100, kt_setup, kt_teardown),
		cmocka_unit_test_setup_teardown(test_fkeys_vt220, kt_setup, kt_teardown),
		cmocka_unit_test_setup_teardown(test_fkeys_linux, kt_setup, kt_teardown),
		cmocka_unit_test_setup_teardown(test_fkeys_ansi, kt_setup, kt_teardown),
		cmocka_unit_test_setup_teardown(test_edit_keys, kt_setup, kt_teardown),
		cmocka_unit_test_setup_teardown(test_unknown_sequences, kt_setup, kt_teardown),
		cmocka_unit_test_setup_teardown(test_keys_latin, kt_setup, kt_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
