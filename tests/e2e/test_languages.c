/*
 * End-to-end tests of languages and terminals: the interpreter view with
 * two languages at once, switching the client language mid-form without
 * losing input, and terminals that are not UTF-8 (plain ASCII under LANG=C,
 * ISO-8859-2 under a generated sk_SK.ISO-8859-2 locale). Expected texts are
 * looked up in the same compiled catalogs the program reads.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app.h"
#include "db/draft.h"
#include "i18n/i18n.h"
#include "util/mem.h"
#include "util/str.h"
#include "util/tr.h"
#include "util/utf8.h"

struct t {
	struct e2e_db	*db;
	struct vt	*vt;
};

static char loc_dir[64];

static int
group_setup(void **state)
{
	const char *dir = getenv("AVRR_LOCALE");

	(void)state;
	return i18n_init(dir != NULL ? dir : "build/locale", NULL) ? 0 : -1;
}

static int
group_teardown(void **state)
{
	char *cmd;

	(void)state;
	i18n_shutdown();
	if (loc_dir[0] != '\0') {
		cmd = xasprintf("rm -rf '%s'", loc_dir);
		if (system(cmd) != 0)
			fprintf(stderr, "could not remove %s\n", loc_dir);
		free(cmd);
	}
	return 0;
}

static int
setup(void **state)
{
	struct t *t = xcalloc(1, sizeof *t);

	t->db = e2e_db_new_forms("forms");
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

/* The translation the program will show, or skip when the catalog lacks it. */
static const char *
tr_in(const char *code, const char *msgid)
{
	const char *s = i18n_lookup(code, msgid);

	if (s == NULL) {
		fprintf(stderr, "no %s translation of '%s': skipped\n", code, msgid);
		skip();
	}
	return s;
}

/* How many Down presses from the top of the language picker to code. */
static int
lang_index(const char *code)
{
	const struct i18n_lang *l;
	size_t n, i;

	l = i18n_languages(&n);
	for (i = 0; i < n; i++)
		if (strcmp(l[i].code, code) == 0)
			return (int)i;
	fprintf(stderr, "no catalog for %s: skipped\n", code);
	skip();
	return 0;
}

static void
pick_client(struct vt *vt, const char *code)
{
	int i, n = lang_index(code);

	vt_ctrl(vt, 'k');
	VT_ASSERT_TEXT(vt, "English", 5000);
	vt_key(vt, VT_HOME);
	for (i = 0; i < n; i++)
		vt_key(vt, VT_DOWN);
	vt_key(vt, VT_ENTER);
}

/* Slovak staff, Ukrainian client, then Georgian: the typed name stays. */
static void
test_interpreter_view_switch(void **state)
{
	struct t *t = *state;
	const char *args[] = { "--lang", "sk", "--client-lang", "uk", NULL };
	const char *surname = "Surname (as in passport)";
	const char *sk = tr_in("sk", surname), *uk = tr_in("uk", surname);
	const char *ka = tr_in("ka", surname);

	t->vt = e2e_start_ex(t->db, NULL, args, 24, 80, NULL);
	VT_ASSERT_TEXT(t->vt, tr_in("sk", "Register a new case"), 8000);
	vt_ctrl(t->vt, 'n');
	VT_ASSERT_TEXT(t->vt, sk, 5000);
	vt_type(t->vt, "Ševčenko");
	VT_ASSERT_TEXT(t->vt, "Ševčenko", 5000);
	assert_null(strstr(vt_screen(t->vt), uk));
	vt_ctrl(t->vt, 'v');
	VT_ASSERT_TEXT(t->vt, uk, 5000);
	VT_ASSERT_TEXT(t->vt, sk, 5000);
	pick_client(t->vt, "ka");
	VT_ASSERT_TEXT(t->vt, ka, 5000);
	assert_true(e2e_wait_gone(t->vt, uk, 5000));
	vt_type(t->vt, "ová");	/* the cursor is still at the end of the name */
	VT_ASSERT_TEXT(t->vt, "Ševčenkoová", 5000);
	vt_key(t->vt, VT_ESC);
	VT_ASSERT_TEXT(t->vt, tr_in("sk", "Drafts (not saved yet: Enter resumes, Ctrl-D deletes)"),
	    5000);
}

/* A say text is shown in the client's language; a missing one is marked [en]. */
static void
test_say_text_in_client_language(void **state)
{
	struct t *t = *state;
	const char *args[] = { "--client-lang", "uk", NULL };
	const struct form_def *def = form_set_find(t->db->forms, "consent");
	const char *say = NULL;
	size_t i;

	assert_non_null(def);
	for (i = 0; i < def->nfields; i++)	/* the last note before a question */
		if (def->fields[i].type == FT_NOTE && def->fields[i].say != NULL)
			say = def->fields[i].say;
		else if (say != NULL)
			break;
	assert_non_null(say);
	e2e_add_case(t->db, "surname", "Bondarenko", "given_names", "Olha", "sex", "female",
	    "dob", "1985-03-04", "nationality", "UA", "return_country", "UA", NULL);
	t->vt = e2e_start_ex(t->db, NULL, args, 30, 100, NULL);
	VT_ASSERT_TEXT(t->vt, "Find a case", 8000);
	vt_ctrl(t->vt, 'f');
	vt_type(t->vt, "bondar");
	VT_ASSERT_TEXT(t->vt, "Bondarenko", 5000);
	vt_key(t->vt, VT_ENTER);
	VT_ASSERT_TEXT(t->vt, "Forms of this case", 5000);
	vt_key(t->vt, VT_DOWN);
	vt_key(t->vt, VT_ENTER);
	VT_ASSERT_TEXT(t->vt, "+ New", 5000);	/* consent is a list of events */
	vt_key(t->vt, VT_ENTER);
	VT_ASSERT_TEXT(t->vt, "Consent", 5000);
	vt_key(t->vt, VT_TAB);	/* the notes open at their start: to the first question */
	{
		const char *uk = tr_in("uk", say);
		char start[64];

		snprintf(start, sizeof start, "%.*s", (int)utf8_offset(uk, 12), uk);
		VT_ASSERT_TEXT(t->vt, start, 5000);
	}
	/* Page up past the first question shows the notes above it. */
	vt_key(t->vt, VT_PAGEUP);
	vt_key(t->vt, VT_PAGEUP);
	vt_key(t->vt, VT_PAGEUP);
	{
		const char *first = def->fields[0].say;
		char start[64];

		assert_non_null(first);
		snprintf(start, sizeof start, "%.*s", (int)utf8_offset(first, 12), first);
		VT_ASSERT_TEXT(t->vt, start, 5000);
	}
}

/* Under LANG=C with TERM=vt100 the terminal receives ASCII only. */
static void
test_ascii_terminal(void **state)
{
	struct t *t = *state;
	const char *env[] = { "LANG=C", "TERM=vt100", NULL };
	const char *raw;
	size_t len, i;

	e2e_add_case(t->db, "surname", "Kováčová", "given_names", "Júlia", "native_name",
	    "Ковачова Юлія", "sex", "female", "dob", "1990-01-01", "nationality", "SK",
	    "return_country", "UA", NULL);
	t->vt = e2e_start_ex(t->db, env, NULL, 24, 80, NULL);
	VT_ASSERT_TEXT(t->vt, "Find a case", 8000);
	vt_ctrl(t->vt, 'f');
	vt_type(t->vt, "kovac");
	VT_ASSERT_TEXT(t->vt, "Kovacova", 5000);
	vt_key(t->vt, VT_ENTER);
	VT_ASSERT_TEXT(t->vt, "Forms of this case", 5000);
	vt_key(t->vt, VT_ENTER);
	VT_ASSERT_TEXT(t->vt, "Julia", 5000);
	VT_ASSERT_TEXT(t->vt, "Kovachova", 5000);	/* romanised Cyrillic */
	raw = vt_raw_output(t->vt, &len);
	for (i = 0; i < len; i++)
		if ((unsigned char)raw[i] >= 0x80)
			fail_msg("byte 0x%02x at %zu reached an ASCII terminal",
			    (unsigned char)raw[i], i);
}

/* Generates sk_SK.ISO-8859-2 into a private folder (LOCPATH); no root needed. */
static const char *
latin2_locale(void)
{
	char *cmd;
	int rc;

	if (loc_dir[0] != '\0')
		return loc_dir;
	snprintf(loc_dir, sizeof loc_dir, "/tmp/avrr-e2e-loc-XXXXXX");
	if (mkdtemp(loc_dir) == NULL)
		fail_msg("mkdtemp");
	cmd = xasprintf("localedef -i sk_SK -f ISO-8859-2 '%s/sk_SK.ISO-8859-2' 2>/dev/null",
	    loc_dir);
	rc = system(cmd);
	free(cmd);
	if (rc != 0) {
		fprintf(stderr, "localedef cannot make sk_SK.ISO-8859-2: skipped\n");
		skip();
	}
	return loc_dir;
}

/* ISO-8859-2: Slovak letters arrive as Latin-2 bytes, typed ones are stored as UTF-8. */
static void
test_latin2_terminal(void **state)
{
	struct t *t = *state;
	const struct vt_options opts = { .no_utf8 = true };
	char locpath[96];
	/* glibc keeps LOCPATH's path list for the life of the process: not ours */
	const char *env[] = { locpath, "LANG=sk_SK.ISO-8859-2",
	    "LSAN_OPTIONS=suppressions=tests/lsan.supp:print_suppressions=0", NULL };
	const char *raw;
	size_t len;

	snprintf(locpath, sizeof locpath, "LOCPATH=%s", latin2_locale());
	e2e_add_case(t->db, "surname", "Novák", "given_names", "Ján", "sex", "male",
	    "dob", "1980-05-05", "nationality", "SK", "return_country", "UA", NULL);
	t->vt = e2e_start_ex(t->db, env, NULL, 24, 80, &opts);
	VT_ASSERT_TEXT(t->vt, "Find a case", 8000);
	vt_ctrl(t->vt, 'f');
	vt_type(t->vt, "nov");
	VT_ASSERT_TEXT(t->vt, "Cases found: 1", 5000);
	raw = vt_raw_output(t->vt, &len);
	assert_non_null(memmem(raw, len, "Nov\xe1k", 5));	/* á in ISO-8859-2 */
	assert_null(memmem(raw, len, "Nov\xc3\xa1k", 6));	/* not UTF-8 */
	vt_key(t->vt, VT_ESC);
	vt_ctrl(t->vt, 'n');
	VT_ASSERT_TEXT(t->vt, "Surname", 5000);
	vt_type(t->vt, "Ko\xe8i\xb9ov\xe1");	/* Kočišová in ISO-8859-2 */
	vt_ctrl(t->vt, 'o');
	VT_ASSERT_TEXT(t->vt, "required", 5000);	/* the rest is empty */
	vt_key(t->vt, VT_ESC);
	VT_ASSERT_TEXT(t->vt, "Drafts", 5000);
	vt_ctrl(t->vt, 'x');
	VT_ASSERT_EXIT(t->vt, 0, 8000);
	e2e_db_open(t->db);
	{
		struct db_draft *d = NULL;
		size_t n = 0;

		assert_int_equal(db_draft_list(t->db->db, NULL, &d, &n, NULL), DB_OK);
		assert_int_equal(n, 1);
		assert_non_null(strstr(d[0].summary, "Kočišová"));
		db_drafts_free(d, n);
	}
	e2e_db_close(t->db);
}

/* F6 (or ^T) opens the list of staff languages; typing the code leaves
 * that one (from is the language the list is drawn in). */
static void
staff_to(struct vt *vt, const char *from, const char *code, bool ctrl)
{
	char right[16];

	if (ctrl)
		vt_ctrl(vt, 't');
	else
		vt_key(vt, VT_F6);
	VT_ASSERT_ROW(vt, 0, str_eq(from, "en") ? "Your language" :
	    tr_in(from, "Your language"), 5000);
	vt_type(vt, code);
	VT_ASSERT_TEXT(vt, code, 5000);
	vt_pump(vt, 200);
	vt_key(vt, VT_ENTER);
	snprintf(right, sizeof right, " %s", code);
	VT_ASSERT_ROW(vt, 0, right, 5000);
}

/* The title row, the labels and the key bar of an open form. */
static void
assert_form_in(struct vt *vt, const char *code)
{
	const char *title = code[0] == 'e' ? "Registration" : tr_in(code, "Registration");
	const char *label = code[0] == 'e' ? "Surname (as in passport)" :
	    tr_in(code, "Surname (as in passport)");
	const char *save = code[0] == 'e' ? "Save" : tr_in(code, "Save");
	char right[16];

	snprintf(right, sizeof right, "tester %s", code);
	VT_ASSERT_ROW(vt, 0, right, 5000);
	VT_ASSERT_ROW(vt, 0, title, 5000);
	VT_ASSERT_ROW(vt, 0, "Novák Ján", 5000);
	VT_ASSERT_TEXT(vt, label, 5000);
	VT_ASSERT_ROW(vt, 23, save, 5000);
}

/* A staff-language switch inside an open form repaints its title and its body;
 * one on the case overview makes its lines again. */
static void
test_staff_switch_in_form(void **state)
{
	struct t *t = *state;

	tr_in("sk", "Registration");
	e2e_add_case(t->db, "surname", "Novák", "given_names", "Ján", "sex", "male",
	    "dob", "1980-01-01", "nationality", "SK", "return_country", "UA", NULL);
	t->vt = e2e_start_ex(t->db, NULL, NULL, 24, 80, NULL);
	VT_ASSERT_TEXT(t->vt, "Find a case", 8000);
	vt_ctrl(t->vt, 'f');
	vt_type(t->vt, "novak");
	VT_ASSERT_TEXT(t->vt, "Novák", 5000);
	vt_key(t->vt, VT_ENTER);
	VT_ASSERT_TEXT(t->vt, "Forms of this case", 5000);
	vt_key(t->vt, VT_ENTER);
	assert_form_in(t->vt, "en");
	staff_to(t->vt, "en", "sk", false);
	assert_form_in(t->vt, "sk");
	assert_null(strstr(vt_row(t->vt, 0), "Registration"));
	staff_to(t->vt, "sk", "en", true);
	assert_form_in(t->vt, "en");
	assert_null(strstr(vt_row(t->vt, 0), tr_in("sk", "Registration")));
	/* The case overview, switched while on top, is made again in Slovak. */
	vt_key(t->vt, VT_ESC);
	VT_ASSERT_TEXT(t->vt, "Forms of this case", 5000);
	staff_to(t->vt, "en", "sk", false);
	VT_ASSERT_TEXT(t->vt, tr_in("sk", "Forms of this case"), 5000);
	VT_ASSERT_TEXT(t->vt, tr_in("sk", "Registration"), 5000);
}

/* F6 offers only the staff languages whose program text is complete enough,
 * each with its share; F7 offers every catalog, and typing narrows both. */
static void
test_staff_list_complete_only(void **state)
{
	struct t *t = *state;
	int r;

	tr_in("sk", "Registration");
	t->vt = e2e_start_ex(t->db, NULL, NULL, 24, 80, NULL);
	VT_ASSERT_TEXT(t->vt, "Find a case", 8000);
	vt_key(t->vt, VT_F6);
	VT_ASSERT_ROW(t->vt, 0, "Your language", 5000);
	r = e2e_row_of(t->vt, "Slovak (sk)");
	if (strchr(vt_row(t->vt, r), '%') == NULL || i18n_program_cover("sk") < 95)
		fail_msg("no share shown: %s", vt_row(t->vt, r));
	assert_non_null(strstr(vt_row(t->vt, e2e_row_of(t->vt, "English (en)")), "100%"));
	if (i18n_program_cover("ka") < 95)	/* the Georgian catalog is mostly forms */
		assert_false(vt_wait_text(t->vt, "Georgian", 100));
	vt_type(t->vt, "sl");
	e2e_gone(t->vt, "English (en)");
	VT_ASSERT_TEXT(t->vt, "Slovak (sk)", 5000);
	vt_key(t->vt, VT_ESC);
	VT_ASSERT_ROW(t->vt, 0, "tester en", 5000);	/* Esc keeps the old one */
	vt_key(t->vt, VT_F7);
	VT_ASSERT_ROW(t->vt, 0, "Client's language", 5000);
	if (lang_index("ka") >= 0)
		VT_ASSERT_TEXT(t->vt, "Georgian (ka)", 5000);
	vt_type(t->vt, "geo");
	e2e_gone(t->vt, "Slovak (sk)");
	vt_key(t->vt, VT_ENTER);
	VT_ASSERT_TEXT(t->vt, "Client language: ქართული", 5000);
}

/* The first words of fmt (translated into code, "en": as it is) with arg
 * put in: what stands under a field however narrow its column is. */
static char *
said_in(const char *code, const char *fmt, const char *arg)
{
	const char *t = strcmp(code, "en") == 0 ? fmt : tr_in(code, fmt);
	char *s = xasprintf(t, arg), *cut;

	if (strlen(s) > 24 && (cut = strchr(s + 20, ' ')) != NULL)
		*cut = '\0';
	return s;
}

/* Field errors are translated when drawn: after a staff-language switch the
 * message under a field that did not take its value, and the one under a
 * field the save found empty, are both in the new language. */
static void
test_staff_switch_field_errors(void **state)
{
	struct t *t = *state;
	char *date_en = said_in("en", "'%s' is not a date (use 2026-11-22 or 22.11.2026)",
	    "31.02.1980");
	char *date_sk = said_in("sk", "'%s' is not a date (use 2026-11-22 or 22.11.2026)",
	    "31.02.1980");
	char *req_en = said_in("en", "%s is required", "Surname (as in passport)");
	char *req_sk = said_in("sk", "%s is required", tr_in("sk", "Surname (as in passport)"));

	t->vt = e2e_start_ex(t->db, NULL, NULL, 24, 80, NULL);
	VT_ASSERT_TEXT(t->vt, "Find a case", 8000);
	vt_ctrl(t->vt, 'n');
	VT_ASSERT_TEXT(t->vt, "Surname (as in passport)", 5000);
	e2e_tabs(t->vt, 4);			/* given names, native script, sex: dob */
	e2e_text(t->vt, "31.02.1980");
	VT_ASSERT_TEXT(t->vt, date_en, 5000);
	vt_key(t->vt, VT_F2);			/* save: the empty surname is marked */
	VT_ASSERT_TEXT(t->vt, req_en, 5000);
	staff_to(t->vt, "en", "sk", false);
	VT_ASSERT_TEXT(t->vt, date_sk, 5000);
	VT_ASSERT_TEXT(t->vt, req_sk, 5000);
	e2e_gone(t->vt, date_en);
	e2e_gone(t->vt, req_en);
	staff_to(t->vt, "sk", "en", true);
	VT_ASSERT_TEXT(t->vt, date_en, 5000);
	VT_ASSERT_TEXT(t->vt, req_en, 5000);
	free(date_en);
	free(date_sk);
	free(req_en);
	free(req_sk);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_interpreter_view_switch, setup, teardown),
		cmocka_unit_test_setup_teardown(test_say_text_in_client_language, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ascii_terminal, setup, teardown),
		cmocka_unit_test_setup_teardown(test_latin2_terminal, setup, teardown),
		cmocka_unit_test_setup_teardown(test_staff_switch_in_form, setup, teardown),
		cmocka_unit_test_setup_teardown(test_staff_list_complete_only, setup, teardown),
		cmocka_unit_test_setup_teardown(test_staff_switch_field_errors, setup, teardown),
	};

	return cmocka_run_group_tests_name("languages and terminals", tests, group_setup,
	    group_teardown);
}
