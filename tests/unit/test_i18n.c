/* i18n/i18n: catalogs from a folder, the staff and client languages. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "i18n/i18n.h"
#include "util/tr.h"

#define CAT_DIR	"tests/data/mo/cat"

static int
setup(void **state)
{
	char *err = NULL;

	if (!i18n_init(CAT_DIR, &err)) {
		free(err);
		return -1;
	}
	return 0;
}

static int
teardown(void **state)
{
	util_set_tr(NULL);
	i18n_shutdown();
	return 0;
}

static void
test_languages_sorted_english_first(void **state)
{
	const struct i18n_lang *l;
	size_t n;

	l = i18n_languages(&n);
	assert_int_equal(n, 4);
	assert_string_equal(l[0].code, "en");
	assert_string_equal(l[1].code, "ar");
	assert_string_equal(l[2].code, "sk");
	assert_string_equal(l[3].code, "uk");
	assert_string_equal(l[2].own_name, "Slovenčina");
	assert_string_equal(l[3].own_name, "Українська");
	assert_true(l[1].rtl);
	assert_false(l[2].rtl);
	assert_non_null(i18n_lang_find("sk_SK.UTF-8"));
	assert_null(i18n_lang_find("de"));
}

static void
test_staff_and_client_independent(void **state)
{
	assert_string_equal(i18n_staff_code(), "en");
	assert_null(i18n_client_code());
	assert_string_equal(i18n_staff("Save"), "Save");
	assert_true(i18n_set_staff("sk"));
	assert_true(i18n_set_client("uk"));
	assert_string_equal(i18n_staff("Save"), "Uložiť");
	assert_string_equal(i18n_client("Save"), "Зберегти");
	assert_true(i18n_set_client("ar"));	/* the staff language stays */
	assert_string_equal(i18n_staff("Save"), "Uložiť");
	assert_string_equal(i18n_client("Save"), "حفظ");
	assert_true(i18n_set_staff("en"));	/* and the other way round */
	assert_string_equal(i18n_staff("Save"), "Save");
	assert_string_equal(i18n_client("Save"), "حفظ");
	assert_false(i18n_set_staff("de"));
	assert_string_equal(i18n_staff_code(), "en");
	assert_string_equal(i18n_client_code(), "ar");
}

static void
test_missing_translation_falls_back_marked(void **state)
{
	bool fb = false;

	assert_true(i18n_set_client("uk"));
	assert_string_equal(i18n_client_ex("What the programme offers", &fb),
	    "Що пропонує програма");
	assert_false(fb);
	assert_string_equal(i18n_client_ex("Family members", &fb), "Family members");
	assert_true(fb);
	assert_true(i18n_set_client("en"));
	assert_string_equal(i18n_client_ex("Family members", &fb), "Family members");
	assert_false(fb);	/* English is the source, never a fallback */
	assert_null(i18n_lookup("uk", "Family members"));
	assert_string_equal(i18n_lookup("sk", "Family members"), "Rodinní príslušníci");
}

static void
test_tr_hook(void **state)
{
	util_set_tr(i18n_staff);
	assert_true(i18n_set_staff("sk"));
	assert_string_equal(_("Save"), "Uložiť");
	assert_true(i18n_set_staff("uk"));
	assert_string_equal(_("Save"), "Зберегти");
}

static void
test_iso_names_fall_through(void **state)
{
	bool fb = true;

	assert_true(i18n_set_staff("sk"));
	assert_string_equal(i18n_staff("Slovakia"), "Slovensko");
	assert_string_equal(i18n_staff("Georgia"), "Gruzínsko (projekt)");	/* ours first */
	assert_true(i18n_set_client("uk"));
	assert_string_equal(i18n_client_ex("Slovakia", &fb), "Словаччина");
	assert_false(fb);
	assert_string_equal(i18n_staff("Ukrainian"), "ukrajinčina");
	assert_string_equal(i18n_staff("Euro"), "euro");
}

static void
test_bad_catalog_named_others_load(void **state)
{
	char *err = NULL;

	assert_false(i18n_init("tests/data/mo/mixed", &err));
	assert_string_equal(err, "tests/data/mo/mixed/ru.mo: string table out of range");
	free(err);
	assert_true(i18n_set_staff("sk"));
	assert_string_equal(i18n_staff("Save"), "Uložiť");
	assert_false(i18n_set_staff("ru"));
	err = NULL;
	assert_false(i18n_init("tests/data/mo/no-such-folder", &err));
	assert_non_null(strstr(err, "no-such-folder"));
	free(err);
	assert_string_equal(i18n_staff("Save"), "Save");	/* English still works */
	assert_true(i18n_init(CAT_DIR, NULL));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_languages_sorted_english_first, setup, teardown),
		cmocka_unit_test_setup_teardown(test_staff_and_client_independent, setup, teardown),
		cmocka_unit_test_setup_teardown(test_missing_translation_falls_back_marked, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_tr_hook, setup, teardown),
		cmocka_unit_test_setup_teardown(test_iso_names_fall_through, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_catalog_named_others_load, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
