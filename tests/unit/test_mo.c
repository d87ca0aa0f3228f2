/* i18n/mo: the catalog reader against msgfmt's output and broken files
 * (tests/data/mo, rebuilt by tests/data/mo/make.sh). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "i18n/mo.h"
#include "util/mem.h"

#define MO_DIR	"tests/data/mo/"

static void
test_lookup(void **state)
{
	char *err = NULL;
	struct i18n_mo *mo = i18n_mo_open(MO_DIR "good.mo", &err);

	assert_non_null(mo);
	assert_null(err);
	assert_string_equal(i18n_mo_find(mo, "Save"), "Uložiť");
	assert_string_equal(i18n_mo_find(mo, "Reintegration"), "Reintegrácia");
	assert_string_equal(i18n_mo_find(mo, "Ziggurat"), "Zikkurat");	/* the last one */
	assert_null(i18n_mo_find(mo, "Untranslated"));
	assert_null(i18n_mo_find(mo, "Fuzzy"));
	assert_null(i18n_mo_find(mo, "save"));
	assert_null(i18n_mo_find(mo, "Open"));		/* only with its context */
	assert_string_equal(i18n_mo_find(mo, "menu\004Open"), "Otvoriť");
	i18n_mo_free(mo);
}

static void
test_header_is_not_a_translation(void **state)
{
	struct i18n_mo *mo = i18n_mo_open(MO_DIR "good.mo", NULL);
	char *lang;

	assert_non_null(mo);
	assert_null(i18n_mo_find(mo, ""));
	lang = i18n_mo_header(mo, "Language");
	assert_string_equal(lang, "sk");
	free(lang);
	assert_null(i18n_mo_header(mo, "X-Nothing"));
	i18n_mo_free(mo);
}

static void
test_plural_gives_first_form(void **state)
{
	struct i18n_mo *mo = i18n_mo_open(MO_DIR "good.mo", NULL);

	assert_string_equal(i18n_mo_find(mo, "%d case"), "%d prípad");
	i18n_mo_free(mo);
}

static void
test_big_endian(void **state)
{
	struct i18n_mo *mo = i18n_mo_open(MO_DIR "good-be.mo", NULL);

	assert_non_null(mo);
	assert_string_equal(i18n_mo_find(mo, "Save"), "Uložiť");
	assert_int_equal(i18n_mo_count(mo), 6);
	i18n_mo_free(mo);
}

static void
test_refused(const char *file, const char *what)
{
	char *path = xasprintf("%s%s", MO_DIR, file);
	char *want = xasprintf("%s: %s", path, what);
	char *err = NULL;

	assert_null(i18n_mo_open(path, &err));
	assert_non_null(err);
	assert_string_equal(err, want);
	free(err);
	free(want);
	free(path);
}

static void
test_malformed_files_are_refused(void **state)
{
	test_refused("truncated.mo", "string table out of range");
	test_refused("badmagic.mo", "not a .mo catalog (bad magic number)");
	test_refused("table.mo", "string table out of range");
	test_refused("string.mo", "string out of range");
	test_refused("unsorted.mo", "originals not sorted");
	test_refused("empty.mo", "empty file");
}

static void
test_missing_file(void **state)
{
	char *err = NULL;

	assert_null(i18n_mo_open(MO_DIR "nothing-here.mo", &err));
	assert_string_equal(err, MO_DIR "nothing-here.mo: No such file or directory");
	free(err);
}

/* Every prefix of a good catalog and every single-byte change of its header
 * is either read or refused, never a crash (ASan watches). */
static void
test_mutations_never_crash(void **state)
{
	struct i18n_mo *good = i18n_mo_open(MO_DIR "good.mo", NULL), *mo;
	FILE *fp = fopen(MO_DIR "good.mo", "rb");
	unsigned char buf[4096];
	size_t n, k, b;
	char *err;

	assert_non_null(good);
	assert_non_null(fp);
	n = fread(buf, 1, sizeof buf, fp);
	fclose(fp);
	for (k = 0; k < n; k++) {
		err = NULL;
		mo = i18n_mo_parse(buf, k, "cut", &err);
		assert_true((mo == NULL) != (err == NULL));
		i18n_mo_free(mo);
		free(err);
	}
	for (k = 0; k < 64 && k < n; k++) {
		for (b = 0; b < 8; b++) {
			buf[k] ^= (unsigned char)(1u << b);
			err = NULL;
			mo = i18n_mo_parse(buf, n, "flip", &err);
			if (mo != NULL)
				(void)i18n_mo_find(mo, "Save");
			i18n_mo_free(mo);
			free(err);
			buf[k] ^= (unsigned char)(1u << b);
		}
	}
	i18n_mo_free(good);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lookup),
		cmocka_unit_test(test_header_is_not_a_translation),
		cmocka_unit_test(test_plural_gives_first_form),
		cmocka_unit_test(test_big_endian),
		cmocka_unit_test(test_malformed_files_are_refused),
		cmocka_unit_test(test_missing_file),
		cmocka_unit_test(test_mutations_never_crash),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
