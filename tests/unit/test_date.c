/* util/date: calendar rules, the forms people type, the overridable clock. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "util/date.h"

/* Parses with date_parse and returns the canonical text, or "-" when refused. */
static const char *
parse(const char *s)
{
	static char buf[DATE_LEN];
	struct date d;

	if (!date_parse(s, &d))
		return "-";
	date_format(&d, buf);
	return buf;
}

static const char *
parse_dt(const char *s)
{
	static char buf[DATE_TIME_LEN];
	struct date_time t;

	if (!date_time_parse(s, &t))
		return "-";
	date_time_format(&t, buf);
	return buf;
}

static void
test_leap_years(void **state)
{
	(void)state;
	assert_true(date_is_leap(2024));
	assert_true(date_is_leap(2000));
	assert_false(date_is_leap(2025));
	assert_false(date_is_leap(1900));
	assert_int_equal(date_days_in_month(2024, 2), 29);
	assert_int_equal(date_days_in_month(2025, 2), 28);
	assert_int_equal(date_days_in_month(2025, 13), 0);
	assert_string_equal(parse("29.02.2024"), "2024-02-29");
	assert_string_equal(parse("29.02.2025"), "-");
	assert_string_equal(parse("2025-02-29"), "-");
	assert_string_equal(parse("29.02.2000"), "2000-02-29");
	assert_string_equal(parse("29.02.1900"), "-");
}

static void
test_forms_people_type(void **state)
{
	(void)state;
	assert_string_equal(parse("2026-11-22"), "2026-11-22");
	assert_string_equal(parse("22.11.2026"), "2026-11-22");
	assert_string_equal(parse("  22. 11. 2026 "), "2026-11-22");
	assert_string_equal(parse("22/11/2026"), "2026-11-22");
	assert_string_equal(parse("1.2.2026"), "2026-02-01");
	assert_string_equal(parse("22.11.26"), "2026-11-22");
}

static void
test_refused(void **state)
{
	static const char *const bad[] = {
		"", "   ", "31.02.2026", "31.04.2026", "00.01.2026", "01.00.2026",
		"32.01.2026", "01.13.2026", "2026-1-05", "2026-01-5", "22.11.2026x",
		"22.11/2026", "22/11.2026", "22.11.202", "22.11.20266", "yesterday",
		"+", "+x", "+3d", "2026-11-22 10:00", "0000-01-01", "22-11-2026",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct date d;

		if (date_parse(bad[i], &d))
			fail_msg("'%s' was accepted as a date", bad[i]);
	}
}

static void
test_today_and_offsets(void **state)
{
	(void)state;
	setenv("AVRR_TODAY", "2024-02-28", 1);
	assert_string_equal(parse("today"), "2024-02-28");
	assert_string_equal(parse("TODAY"), "2024-02-28");
	assert_string_equal(parse("+1"), "2024-02-29");
	assert_string_equal(parse("+2"), "2024-03-01");
	assert_string_equal(parse("-59"), "2023-12-31");
	setenv("AVRR_TODAY", "2026-06-01", 1);
	assert_string_equal(parse("01.01.46"), "2046-01-01");
	assert_string_equal(parse("01.01.47"), "1947-01-01");
	assert_string_equal(parse("15.03.85"), "1985-03-15");
	unsetenv("AVRR_TODAY");
}

static void
test_days_and_weekdays(void **state)
{
	struct date epoch = { 1970, 1, 1 }, d = { 2026, 11, 22 }, leap = { 2024, 2, 29 };
	struct date y2k = { 2000, 1, 1 }, next;
	long i;

	(void)state;
	assert_int_equal(date_to_days(&epoch), 0);
	assert_int_equal(date_weekday(&epoch), 4);
	assert_int_equal(date_weekday(&d), 7);
	assert_int_equal(date_weekday(&leap), 4);
	assert_int_equal(date_weekday(&y2k), 6);
	next = date_add_days(&leap, 1);
	assert_int_equal(next.m, 3);
	assert_int_equal(next.d, 1);
	for (i = -719000; i < 2900000; i += 997) {
		struct date back = date_from_days(i);

		assert_true(date_valid(&back));
		assert_int_equal(date_to_days(&back), i);
	}
	assert_int_equal(date_cmp(&epoch, &d), -1);
	assert_int_equal(date_cmp(&d, &epoch), 1);
	assert_int_equal(date_cmp(&d, &d), 0);
}

static void
test_datetimes(void **state)
{
	struct date_time t;

	(void)state;
	assert_string_equal(parse_dt("2026-11-22 14:30"), "2026-11-22 14:30");
	assert_string_equal(parse_dt("22.11.2026 9:05"), "2026-11-22 09:05");
	assert_string_equal(parse_dt("22. 11. 2026 23:59"), "2026-11-22 23:59");
	assert_string_equal(parse_dt("2026-11-22T08:00"), "2026-11-22 08:00");
	assert_string_equal(parse_dt("22.11.2026"), "-");
	assert_string_equal(parse_dt("22.11.2026 24:00"), "-");
	assert_string_equal(parse_dt("22.11.2026 12:60"), "-");
	assert_string_equal(parse_dt("29.02.2025 12:00"), "-");
	assert_string_equal(parse_dt("14:30"), "-");
	assert_true(date_time_parse_iso("2026-11-22 14:30", &t));
	assert_false(date_time_parse_iso("2026-11-22 4:30", &t));
	assert_false(date_time_parse_iso("22.11.2026 14:30", &t));
	setenv("AVRR_TODAY", "2026-03-01 08:15", 1);
	assert_string_equal(parse_dt("now"), "2026-03-01 08:15");
	assert_string_equal(parse_dt("today 10:00"), "2026-03-01 10:00");
	setenv("AVRR_TODAY", "2026-03-01", 1);
	assert_string_equal(parse_dt("now"), "2026-03-01 12:00");
	unsetenv("AVRR_TODAY");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_leap_years),
		cmocka_unit_test(test_forms_people_type),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_today_and_offsets),
		cmocka_unit_test(test_days_and_weekdays),
		cmocka_unit_test(test_datetimes),
	};

	unsetenv("AVRR_TODAY");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
