/* i18n/iso: countries, languages and currencies from Debian's iso-codes. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "i18n/iso.h"
#include "util/mem.h"

static int
teardown(void **state)
{
	i18n_iso_set_dirs(NULL, NULL);
	return 0;
}

static void
test_countries(void **state)
{
	const struct i18n_iso_entry *e;
	size_t n = i18n_iso_list(I18N_ISO_COUNTRY, &e), k;

	assert_null(i18n_iso_error());
	assert_true(n >= 249);
	for (k = 1; k < n; k++)
		assert_true(strcmp(e[k - 1].code, e[k].code) < 0);
	assert_string_equal(i18n_iso_name(I18N_ISO_COUNTRY, "SK"), "Slovakia");
	assert_string_equal(i18n_iso_name(I18N_ISO_COUNTRY, "sk"), "Slovakia");
	assert_string_equal(i18n_iso_name(I18N_ISO_COUNTRY, "GE"), "Georgia");
	assert_null(i18n_iso_name(I18N_ISO_COUNTRY, "XX"));
	assert_null(i18n_iso_name(I18N_ISO_COUNTRY, NULL));
}

static void
test_languages_for_a_picker(void **state)
{
	const struct i18n_iso_entry *e;
	size_t n = i18n_iso_list(I18N_ISO_LANGUAGE, &e);

	assert_true(n >= 180 && n < 250);	/* not the 7,900 of ISO 639-3 */
	assert_string_equal(i18n_iso_name(I18N_ISO_LANGUAGE, "sk"), "Slovak");
	assert_string_equal(i18n_iso_name(I18N_ISO_LANGUAGE, "ka"), "Georgian");
	assert_string_equal(i18n_iso_name(I18N_ISO_LANGUAGE, "prs"), "Dari");
	assert_string_equal(i18n_iso_name(I18N_ISO_LANGUAGE, "ckb"), "Central Kurdish");
	assert_null(i18n_iso_name(I18N_ISO_LANGUAGE, "slk"));	/* alpha-2 where it exists */
	assert_null(i18n_iso_name(I18N_ISO_LANGUAGE, "dai"));	/* "Day": not in the list */
}

static void
test_currencies(void **state)
{
	const struct i18n_iso_entry *e;

	assert_true(i18n_iso_list(I18N_ISO_CURRENCY, &e) >= 150);
	assert_string_equal(i18n_iso_name(I18N_ISO_CURRENCY, "EUR"), "Euro");
	assert_string_equal(i18n_iso_name(I18N_ISO_CURRENCY, "GEL"), "Lari");
}

static void
test_translated_names(void **state)
{
	assert_string_equal(i18n_iso_name_in(I18N_ISO_COUNTRY, "SK", "sk"), "Slovensko");
	assert_string_equal(i18n_iso_name_in(I18N_ISO_COUNTRY, "SK", "uk"), "Словаччина");
	assert_string_equal(i18n_iso_name_in(I18N_ISO_COUNTRY, "SK", "en"), "Slovakia");
	assert_string_equal(i18n_iso_name_in(I18N_ISO_LANGUAGE, "ka", "sk"), "gruzínčina");
	/* ISO 639-3 says "Khmer"; the Slovak catalog knows only 639-2's name */
	assert_string_equal(i18n_iso_name_in(I18N_ISO_LANGUAGE, "km", "sk"),
	    "kambodžská khmérčina");
	assert_string_equal(i18n_iso_name_in(I18N_ISO_LANGUAGE, "prs", "hy"), "Dari");
	assert_string_equal(i18n_iso_translate("sk", "Slovakia"), "Slovensko");
	assert_null(i18n_iso_translate("sk", "Day"));	/* an ISO 639-3 name we do not list */
	assert_null(i18n_iso_translate("sk", "Save"));
	assert_null(i18n_iso_translate("en", "Slovakia"));
	assert_null(i18n_iso_translate("../..", "Slovakia"));
}

static void
test_missing_data_is_explained(void **state)
{
	const struct i18n_iso_entry *e;

	i18n_iso_set_dirs("/nonexistent/iso", NULL);
	assert_int_equal(i18n_iso_list(I18N_ISO_COUNTRY, &e), 0);
	assert_null(i18n_iso_name(I18N_ISO_COUNTRY, "SK"));
	assert_non_null(i18n_iso_error());
	assert_non_null(strstr(i18n_iso_error(), "/nonexistent/iso/iso_3166-1.json"));
}

static void
test_broken_json_is_explained(void **state)
{
	char dir[] = "/tmp/avrr-iso-XXXXXX", *path;
	const struct i18n_iso_entry *e;
	FILE *fp;

	assert_non_null(mkdtemp(dir));
	path = xasprintf("%s/iso_3166-1.json", dir);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs("{\"3166-1\": [\n {\"alpha_2\": \"SK\", \"name\": \"Slovakia\"},\n {\"alpha_2\": }\n]}\n", fp);
	fclose(fp);
	i18n_iso_set_dirs(dir, NULL);
	assert_int_equal(i18n_iso_list(I18N_ISO_COUNTRY, &e), 0);
	assert_non_null(strstr(i18n_iso_error(), "iso_3166-1.json: line 3: "));
	unlink(path);
	rmdir(dir);
	free(path);
}

/* Writes (or with text NULL removes) dir/name. */
static void
test_iso_file(const char *dir, const char *name, const char *text)
{
	char *path = xasprintf("%s/%s", dir, name);
	FILE *fp;

	if (text == NULL) {
		unlink(path);
	} else {
		fp = fopen(path, "w");
		assert_non_null(fp);
		fputs(text, fp);
		fclose(fp);
	}
	free(path);
}

/* The languages are read entry by entry: a broken one is named by its line
 * and the others are kept. */
static void
test_broken_language_entry(void **state)
{
	char dir[] = "/tmp/avrr-iso-XXXXXX", *path;
	const struct i18n_iso_entry *e;
	FILE *fp;

	assert_non_null(mkdtemp(dir));
	test_iso_file(dir, "iso_3166-1.json", "{\"3166-1\": []}");
	test_iso_file(dir, "iso_4217.json", "{\"4217\": []}");
	test_iso_file(dir, "iso_639-2.json", "{\"639-2\": []}");
	path = xasprintf("%s/iso_639-3.json", dir);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs("{\"639-3\": [\n {\"alpha_3\": \"slk\", \"alpha_2\": \"sk\", \"name\":"
	    " \"Slovak {sk}\"},\n {\"alpha_3\": \"aaa\", \"name\": \"Ghotuo\"},\n"
	    " {\"alpha_2\": }\n]}\n", fp);
	fclose(fp);
	i18n_iso_set_dirs(dir, NULL);
	assert_int_equal(i18n_iso_list(I18N_ISO_LANGUAGE, &e), 1);
	assert_string_equal(e[0].code, "sk");
	assert_string_equal(e[0].name, "Slovak {sk}");
	assert_non_null(i18n_iso_error());
	assert_non_null(strstr(i18n_iso_error(), "iso_639-3.json: the entry on line 4: "));
	unlink(path);
	test_iso_file(dir, "iso_3166-1.json", NULL);
	test_iso_file(dir, "iso_4217.json", NULL);
	test_iso_file(dir, "iso_639-2.json", NULL);
	rmdir(dir);
	free(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_countries, teardown),
		cmocka_unit_test_teardown(test_languages_for_a_picker, teardown),
		cmocka_unit_test_teardown(test_currencies, teardown),
		cmocka_unit_test_teardown(test_translated_names, teardown),
		cmocka_unit_test_teardown(test_missing_data_is_explained, teardown),
		cmocka_unit_test_teardown(test_broken_json_is_explained, teardown),
		cmocka_unit_test_teardown(test_broken_language_entry, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
