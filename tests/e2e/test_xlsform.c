/*
 * End-to-end tests of avrr xlsform: two questionnaires of the field, made
 * here as XLSForm workbooks (libxlsxwriter), converted by the real binary,
 * put into a forms folder (the small e2e forms plus the converted one, a
 * workflow stage for it), opened from a case at 80x24, filled in and saved;
 * the values are read back through the data layer. The intake's Ukrainian
 * labels become a catalog (msgfmt), and the interpreter view shows a
 * question in English and in Ukrainian at once.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include <xlsxwriter.h>

#include "app.h"
#include "util/mem.h"

#define T	15000
#define COLS_MAX 13

struct t {
	char		 dir[64];	/* the test's folder under /tmp */
	char		*forms;		/* dir/forms */
	char		*locale;	/* dir/locale */
	struct e2e_db	*db;
	struct vt	*vt;
};

static int
setup(void **state)
{
	struct t *t = xcalloc(1, sizeof *t);

	snprintf(t->dir, sizeof t->dir, "/tmp/avrr-xlsform-e2e-XXXXXX");
	assert_non_null(mkdtemp(t->dir));
	t->forms = xasprintf("%s/forms", t->dir);
	t->locale = xasprintf("%s/locale", t->dir);
	*state = t;
	return 0;
}

static int
teardown(void **state)
{
	struct t *t = *state;
	char *cmd = xasprintf("rm -rf '%s'", t->dir);

	vt_free(t->vt);
	if (t->db != NULL)
		e2e_db_free(t->db);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(t->forms);
	free(t->locale);
	free(t);
	return 0;
}

static void
sh(const char *fmt, ...)
{
	va_list ap;
	char *cmd;
	int rc;

	va_start(ap, fmt);
	cmd = xvasprintf(fmt, ap);
	va_end(ap);
	rc = system(cmd);
	if (rc != 0)
		fail_msg("%s: exit %d", cmd, rc);
	free(cmd);
}

static void
sheet(lxw_workbook *wb, const char *name, const char *const (*rows)[COLS_MAX], size_t n)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, name);
	size_t r, c;

	for (r = 0; r < n; r++)
		for (c = 0; c < COLS_MAX; c++)
			if (rows[r][c] != NULL)
				worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)c, rows[r][c], NULL);
}

/* Runs avrr xlsform on path into dir/out; its stderr in dir/xlsform.err. */
static void
convert(struct t *t, const char *path)
{
	const char *bin = getenv("AVRR_BIN");

	sh("LANG=C.UTF-8 '%s' xlsform '%s' --output '%s/out' > '%s/xlsform.out' "
	    "2> '%s/xlsform.err'", bin != NULL ? bin : "build/test/avrr", path, t->dir, t->dir,
	    t->dir);
}

/* The e2e forms, the converted form and one more workflow stage. */
static void
forms_folder(struct t *t, const char *form)
{
	FILE *f;
	char *wf = xasprintf("%s/workflow", t->forms);

	sh("mkdir -p '%s' && cp tests/data/e2e-forms/* '%s/' && cp '%s/out/%s.form' '%s/'",
	    t->forms, t->forms, t->dir, form, t->forms);
	f = fopen(wf, "a");
	assert_non_null(f);
	fprintf(f, "\nstage session\n  form %s\n  status none\n  records many\n  order 2\n",
	    form);
	fclose(f);
	free(wf);
	{
		const char *bin = getenv("AVRR_BIN");

		sh("'%s' check-forms '%s' > /dev/null", bin != NULL ? bin : "build/test/avrr",
		    t->forms);
	}
	t->db = e2e_db_new_forms(t->forms);
}

/* The build's catalogs, the Ukrainian one with the form's texts added. */
static void
catalogs(struct t *t)
{
	const char *loc = getenv("AVRR_LOCALE") != NULL ? getenv("AVRR_LOCALE") : "build/locale";

	sh("mkdir -p '%s' && cp '%s'/*.mo '%s/'", t->locale, loc, t->locale);
	sh("msgunfmt '%s/uk.mo' > '%s/uk-program.po' && msgcat --use-first '%s/uk-program.po' "
	    "'%s/out/locale/uk.po' -o '%s/uk-all.po' && msgfmt -o '%s/uk.mo' '%s/uk-all.po'",
	    loc, t->dir, t->dir, t->dir, t->dir, t->locale, t->dir);
}

static char *
slurp_in(struct t *t, const char *name)
{
	char *path = xasprintf("%s/%s", t->dir, name);
	char *text = e2e_slurp(path, NULL);

	assert_non_null(text);
	free(path);
	return text;
}

/* From the start screen: the case of surname, then a new record of title. */
static void
open_new(struct t *t, const char *surname, const char *title)
{
	VT_ASSERT_TEXT(t->vt, "Find a case", T);
	vt_ctrl(t->vt, 'f');
	VT_ASSERT_TEXT(t->vt, "Find:", T);
	vt_type(t->vt, surname);
	VT_ASSERT_TEXT(t->vt, "Cases found: 1", T);
	vt_key(t->vt, VT_ENTER);
	VT_ASSERT_TEXT(t->vt, "Forms of this case", T);
	e2e_select(t->vt, title);
	vt_key(t->vt, VT_ENTER);
	VT_ASSERT_TEXT(t->vt, "+ New", T);
	vt_key(t->vt, VT_ENTER);
	VT_ASSERT_ROW(t->vt, 0, title, T);
}

/* ---- (a) a protection-counselling intake, in English and Ukrainian ---------- */

static void
intake_workbook(const char *path)
{
	static const char *const survey[][COLS_MAX] = {
		{ "type", "name", "label::English (en)", "label::Ukrainian (uk)",
		    "hint::English (en)", "hint::Ukrainian (uk)", "required", "relevant",
		    "constraint", "constraint_message::English (en)", "repeat_count",
		    "appearance", "calculation" },
		{ "start", "started" },
		{ "select_one yes_no", "consent", "Does the client agree to counselling today?",
		    "Чи погоджується клієнт на консультацію сьогодні?", "Ask before any other "
		    "question", "Запитайте перед іншими питаннями", "yes" },
		{ "begin group", "household", "Household", "Домогосподарство", NULL, NULL, NULL,
		    "${consent} = 'yes'", NULL, NULL, NULL, "field-list" },
		{ "integer", "hh_size", "How many people live in the household?",
		    "Скільки людей живе в домогосподарстві?", NULL, NULL, "yes", NULL,
		    ". >= 1 and . <= 15", "From 1 to 15 people" },
		{ "begin repeat", "members", "Household members", "Члени домогосподарства", NULL,
		    NULL, NULL, NULL, NULL, NULL, "${hh_size}" },
		{ "text", "member_name", "First name of the member", "Ім'я члена родини" },
		{ "integer", "member_age", "Age of the member", "Вік члена родини" },
		{ "end repeat" },
		{ "select_multiple vulnerabilities", "vulnerabilities", "Vulnerabilities",
		    "Вразливість" },
		{ "text", "needs", "Most urgent needs", "Найнагальніші потреби", NULL, NULL,
		    NULL, NULL, NULL, NULL, NULL, "multiline" },
		{ "end group" },
		{ "calculate", "n_listed", NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
		    NULL, "count(${members})" },
	};
	static const char *const choices[][COLS_MAX] = {
		{ "list_name", "name", "label::English (en)", "label::Ukrainian (uk)" },
		{ "yes_no", "yes", "Yes", "Так" },
		{ "yes_no", "no", "No", "Ні" },
		{ "vulnerabilities", "disability", "Disability", "Інвалідність" },
		{ "vulnerabilities", "medical", "Serious medical condition", "Серйозна хвороба" },
		{ "vulnerabilities", "single_parent", "Single parent", "Одинокий батько чи мати" },
		{ "vulnerabilities", "trafficking", "Survivor of trafficking",
		    "Постраждалий від торгівлі людьми" },
	};
	static const char *const settings[][COLS_MAX] = {
		{ "form_title", "form_id", "version", "default_language" },
		{ "Protection counselling intake", "protection_intake", "2026-12",
		    "English (en)" },
	};
	lxw_workbook *wb = workbook_new(path);

	sheet(wb, "survey", survey, sizeof survey / sizeof survey[0]);
	sheet(wb, "choices", choices, sizeof choices / sizeof choices[0]);
	sheet(wb, "settings", settings, sizeof settings / sizeof settings[0]);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
}

static void
test_intake(void **state)
{
	struct t *t = *state;
	char *xlsx = xasprintf("%s/intake.xlsx", t->dir), *err, *po, *v;
	char *envloc = xasprintf("AVRR_LOCALE=%s", t->locale);
	const char *env[] = { envloc, NULL };
	const char *args[] = { "--client-lang", "uk", NULL };

	intake_workbook(xlsx);
	convert(t, xlsx);
	err = slurp_in(t, "xlsform.err");
	assert_string_equal(err, "");	/* everything carried over */
	free(err);
	po = slurp_in(t, "out/locale/uk.po");
	assert_non_null(strstr(po, "msgid \"How many people live in the household?\"\n"
	    "msgstr \"Скільки людей живе в домогосподарстві?\"\n"));
	free(po);
	forms_folder(t, "protection_intake");
	catalogs(t);
	e2e_add_case(t->db, "surname", "Bondarenko", "given_names", "Olena", NULL);
	t->vt = e2e_start_ex(t->db, env, args, 24, 80, NULL);
	open_new(t, "Bondarenko", "Protection counselling intake");
	/* the interpreter view: the question in English and in Ukrainian */
	vt_ctrl(t->vt, 'v');
	VT_ASSERT_TEXT(t->vt, "Does the client agree to", T);
	VT_ASSERT_TEXT(t->vt, "Чи погоджується клієнт", T);
	vt_ctrl(t->vt, 'v');
	e2e_gone(t->vt, "Чи погоджується");
	e2e_pick(t->vt, "yes", "Yes");
	e2e_tabs(t->vt, 1);
	e2e_text(t->vt, "2");
	VT_ASSERT_TEXT(t->vt, "Rows: 2", T);	/* the count made the rows */
	vt_key(t->vt, VT_ENTER);
	VT_ASSERT_ROW(t->vt, 0, "Household members 1", T);
	e2e_text(t->vt, "Olena");
	vt_type(t->vt, "34");
	VT_ASSERT_TEXT(t->vt, "34", T);
	vt_key(t->vt, VT_ESC);	/* back to the form */
	VT_ASSERT_TEXT(t->vt, "1. Olena, 34", T);
	vt_key(t->vt, VT_DOWN);
	vt_key(t->vt, VT_ENTER);
	VT_ASSERT_ROW(t->vt, 0, "Household members 2", T);
	e2e_text(t->vt, "Taras");
	vt_type(t->vt, "9");
	VT_ASSERT_TEXT(t->vt, "9", T);
	vt_key(t->vt, VT_ESC);	/* back to the form */
	VT_ASSERT_TEXT(t->vt, "2. Taras, 9", T);
	e2e_tabs(t->vt, 2);
	e2e_tick(t->vt, "single", "Single parent");
	e2e_tabs(t->vt, 1);
	vt_type(t->vt, "Shelter and legal aid");
	VT_ASSERT_TEXT(t->vt, "Shelter and legal aid", T);
	vt_ctrl(t->vt, 'o');
	VT_ASSERT_TEXT(t->vt, "Saved.", T);
	VT_ASSERT_TEXT(t->vt, "Yes, 2, Single parent, Shelter and legal aid", T);
	v = e2e_value(t->db, "protection_intake", "consent");
	assert_string_equal(v, "yes");
	free(v);
	v = e2e_value(t->db, "protection_intake", "hh_size");
	assert_string_equal(v, "2");
	free(v);
	v = e2e_value(t->db, "protection_intake", "vulnerabilities");
	assert_string_equal(v, "single_parent");
	free(v);
	v = e2e_value(t->db, "protection_intake", "needs");
	assert_string_equal(v, "Shelter and legal aid");
	free(v);
	v = e2e_value(t->db, "protection_intake", "n_listed");
	assert_string_equal(v, "2");
	free(v);
	v = e2e_value(t->db, "protection_intake", "started");
	assert_non_null(v);
	assert_int_equal(strlen(v), 16);	/* YYYY-MM-DD HH:MM */
	free(v);
	assert_int_equal(e2e_sql_count(t->db, "SELECT count(*) FROM protection_intake_members "
	    "WHERE member_name = 'Taras' AND member_age = 9"), 1);
	assert_int_equal(e2e_sql_count(t->db, "SELECT count(*) FROM "
	    "protection_intake_members"), 2);
	free(envloc);
	free(xlsx);
}

/* ---- (b) a reintegration home-visit monitoring form ------------------------- */

static void
visit_workbook(const char *path)
{
	static const char *const survey[][COLS_MAX] = {
		{ "type", "name", "label", "hint", "required", "relevant", "constraint",
		    "constraint_message", "calculation", "appearance" },
		{ "date", "visit_date", "Date of the home visit", NULL, "yes", NULL,
		    ". <= today()", "The visit cannot be in the future" },
		{ "time", "visit_time", "Time the visit started", "24-hour clock" },
		{ "begin group", "situation", "Situation of the returnee" },
		{ "select_one yes_no", "at_home", "Does the returnee live at the declared "
		    "address?", NULL, "yes" },
		{ "begin group", "livelihood", "Livelihood", NULL, NULL, "${at_home} = 'yes'" },
		{ "begin repeat", "incomes", "Monthly incomes" },
		{ "text", "source", "Source of income" },
		{ "decimal", "amount", "Amount per month (EUR)", NULL, "yes", NULL, ". >= 0",
		    "An amount cannot be negative" },
		{ "end repeat" },
		{ "calculate", "total_income", NULL, NULL, NULL, NULL, NULL, NULL,
		    "sum(${amount})" },
		{ "note", "total_note", "Total monthly income: ${total_income} EUR" },
		{ "end group" },
		{ "end group" },
		{ "text", "remarks", "Remarks of the officer", NULL, NULL, NULL, NULL, NULL,
		    NULL, "multiline" },
	};
	static const char *const choices[][COLS_MAX] = {
		{ "list_name", "name", "label" },
		{ "yes_no", "yes", "Yes" },
		{ "yes_no", "no", "No" },
	};
	static const char *const settings[][COLS_MAX] = {
		{ "form_title", "form_id" },
		{ "Reintegration home visit", "home_visit" },
	};
	lxw_workbook *wb = workbook_new(path);

	sheet(wb, "survey", survey, sizeof survey / sizeof survey[0]);
	sheet(wb, "choices", choices, sizeof choices / sizeof choices[0]);
	sheet(wb, "settings", settings, sizeof settings / sizeof settings[0]);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
}

/* One row of the incomes: from its line (or + Add a row) with Enter. */
static void
visit_income(struct t *t, int n, const char *source, const char *amount)
{
	char head[64], line[96];

	snprintf(head, sizeof head, "Monthly incomes %d", n);
	snprintf(line, sizeof line, "%d. %s, %s", n, source, amount);
	vt_key(t->vt, VT_ENTER);
	VT_ASSERT_ROW(t->vt, 0, head, T);
	e2e_text(t->vt, source);
	vt_type(t->vt, amount);
	VT_ASSERT_TEXT(t->vt, amount, T);
	vt_key(t->vt, VT_ESC);	/* back to the form */
	VT_ASSERT_TEXT(t->vt, line, T);
}

static void
test_home_visit(void **state)
{
	struct t *t = *state;
	char *xlsx = xasprintf("%s/visit.xlsx", t->dir), *err, *form, *v;

	visit_workbook(xlsx);
	convert(t, xlsx);
	err = slurp_in(t, "xlsform.err");
	assert_string_equal(err, "");
	free(err);
	form = slurp_in(t, "out/home_visit.form");
	assert_non_null(strstr(form, "  constraint :visit_date <= today()\n"));
	assert_non_null(strstr(form, "  calc sum(:incomes.amount)\n"));
	assert_null(strstr(form, "locale"));
	free(form);
	form = xasprintf("%s/out/locale", t->dir);
	assert_int_equal(access(form, F_OK), -1);	/* one language: no catalog */
	free(form);
	forms_folder(t, "home_visit");
	e2e_add_case(t->db, "surname", "Kapanadze", "given_names", "Giorgi", NULL);
	t->vt = e2e_start(t->db, NULL, 24, 80);
	open_new(t, "Kapanadze", "Reintegration home visit");
	e2e_text(t->vt, "2026-12-01");	/* after today (2026-11-22) */
	e2e_text(t->vt, "10:30");
	e2e_pick(t->vt, "yes", "Yes");
	e2e_tabs(t->vt, 1);
	VT_ASSERT_TEXT(t->vt, "Livelihood", T);
	visit_income(t, 1, "Market stall", "250");
	VT_ASSERT_TEXT(t->vt, "Total monthly income: 250 EUR", T);
	visit_income(t, 2, "Remittance", "120.5");	/* the cursor is on + Add a row */
	VT_ASSERT_TEXT(t->vt, "Total monthly income: 370.5 EUR", T);
	e2e_tabs(t->vt, 1);
	VT_ASSERT_TEXT(t->vt, ">Remarks of the officer", T);
	vt_type(t->vt, "Shop reopened; the roof still leaks");
	VT_ASSERT_TEXT(t->vt, "roof still leaks", T);
	vt_ctrl(t->vt, 'o');
	e2e_joined_text(t->vt, "The visit cannot be in the future");
	assert_int_equal(e2e_count(t->db, "home_visit"), 0);
	vt_key(t->vt, VT_HOME);
	VT_ASSERT_TEXT(t->vt, ">Date of the home visit", T);
	vt_ctrl(t->vt, 'u');
	vt_type(t->vt, "2026-11-20");
	VT_ASSERT_TEXT(t->vt, "2026-11-20", T);
	vt_ctrl(t->vt, 'o');
	VT_ASSERT_TEXT(t->vt, "Saved.", T);
	v = e2e_value(t->db, "home_visit", "visit_date");
	assert_string_equal(v, "2026-11-20");
	free(v);
	v = e2e_value(t->db, "home_visit", "visit_time");
	assert_string_equal(v, "10:30");
	free(v);
	v = e2e_value(t->db, "home_visit", "total_income");
	assert_string_equal(v, "370.5");
	free(v);
	v = e2e_value(t->db, "home_visit", "remarks");
	assert_string_equal(v, "Shop reopened; the roof still leaks");
	free(v);
	assert_int_equal(e2e_sql_count(t->db, "SELECT count(*) FROM home_visit_incomes "
	    "WHERE source = 'Remittance' AND amount = 120.5"), 1);
	free(xlsx);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_intake, setup, teardown),
		cmocka_unit_test_setup_teardown(test_home_visit, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
