/*
 * i18n/phon: the spellings of one name give one key, across Latin spellings
 * and across scripts; different names keep different keys.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "i18n/phon.h"

static void
test_phon_same(const char *a, const char *b)
{
	char *ka = i18n_phon_key(a), *kb = i18n_phon_key(b);

	if (strcmp(ka, kb) != 0)
		fail_msg("'%s' -> '%s' but '%s' -> '%s'", a, ka, b, kb);
	free(ka);
	free(kb);
}

static void
test_phon_variants(void **state)
{
	static const char *const same[][2] = {
		{ "DUDAYEV", "dudaev" }, { "Dudayev", "Dudajew" }, { "Dudaiev", "Дудаев" },
		{ "SMIRNOV", "smirnow" }, { "Смирнов", "Smirnow" },
		{ "NGUYEN", "Нгуен" }, { "Nguyen", "nguien" },
		{ "Aliyev", "Aliev" }, { "Alijew", "Алиев" },
		{ "Khasan", "Hasan" }, { "Chasan", "Hassan" },
		{ "Yurii", "Juri" }, { "Iouri", "Yuri" }, { "Youri", "Юрий" },
		{ "Abdoulaye", "Abdulaye" },
		{ "Shevchenko", "Schewtschenko" }, { "Szewczenko", "Шевченко" },
		{ "Kuznetsov", "Kuznecov" }, { "Кузнецов", "Kuznetzow" },
		{ "Sergey", "Sergej" }, { "Sergei", "Сергей" },
		{ "Yevgeny", "Evgeni" }, { "Jewgeni", "Евгений" },
		{ "Фёдор", "Fedor" }, { "Гурьев", "Guryev" },
		{ "Dmitriy", "Dmitry" }, { "Dmitrij", "Дмитрий" },
		{ "Tchaikovsky", "Tschaikowski" },
		{ "Alekseyev", "Alekseev" },
		{ "NOVÁK", "novak" }, { "Nowak", "Новак" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof same / sizeof same[0]; i++)
		test_phon_same(same[i][0], same[i][1]);
}

static void
test_phon_keys(void **state)
{
	static const char *const keys[][2] = {
		{ "DUDAYEV", "dudaev" }, { "Smirnow", "smirnov" }, { "Нгуен", "nguen" },
		{ "Khutsishvili", "hucishvili" }, { "Aslan Dudayev", "aslan dudaev" },
		{ "", "" }, { "---", "" }, { "2026-00301", "2026 00301" },
	};
	size_t i;
	char *k;

	(void)state;
	for (i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		k = i18n_phon_key(keys[i][0]);
		assert_string_equal(k, keys[i][1]);
		free(k);
	}
}

/* Different names stay apart. */
static void
test_phon_apart(void **state)
{
	static const char *const apart[][2] = {
		{ "Smirnov", "Sokolov" }, { "Ivanov", "Popov" }, { "Nguyen", "Tran" },
		{ "Kapanadze", "Beridze" }, { "Gelashvili", "Khutsishvili" },
	};
	size_t i;
	char *a, *b;

	(void)state;
	for (i = 0; i < sizeof apart / sizeof apart[0]; i++) {
		a = i18n_phon_key(apart[i][0]);
		b = i18n_phon_key(apart[i][1]);
		assert_string_not_equal(a, b);
		free(a);
		free(b);
	}
}

/* A word's beginning has the beginning of the word's key: prefix search. */
static void
test_phon_prefix(void **state)
{
	static const char *const pre[][2] = {
		{ "duda", "Dudayev" }, { "duday", "Dudayev" }, { "dudaye", "Dudayev" },
		{ "smirno", "Smirnov" }, { "ngu", "Нгуен" }, { "нгу", "Nguyen" },
	};
	size_t i;
	char *a, *b;

	(void)state;
	for (i = 0; i < sizeof pre / sizeof pre[0]; i++) {
		a = i18n_phon_key(pre[i][0]);
		b = i18n_phon_key(pre[i][1]);
		if (strncmp(a, b, strlen(a)) != 0)
			fail_msg("'%s' -> '%s' does not begin '%s' -> '%s'", pre[i][0], a,
			    pre[i][1], b);
		free(a);
		free(b);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_phon_variants),
		cmocka_unit_test(test_phon_keys),
		cmocka_unit_test(test_phon_apart),
		cmocka_unit_test(test_phon_prefix),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
