/*
 * util/date: calendar dates and minutes-precision datetimes as the program
 * stores them (YYYY-MM-DD, YYYY-MM-DD HH:MM), and the forms people type.
 *
 * Contract: every parser returns false for anything that is not a real
 * calendar date (31.02.2026, 29.02.2025) and never reads past the string.
 * "Today" is the local date, unless the environment variable AVRR_TODAY holds
 * YYYY-MM-DD (or YYYY-MM-DD HH:MM): then that is today (and now, at 12:00
 * when no time is given), so tests and demos see a fixed clock.
 * Weekdays are ISO: 1 = Monday ... 7 = Sunday.
 */
#ifndef UTIL_DATE_H
#define UTIL_DATE_H

#include <stdbool.h>

struct date {
	int	y, m, d;
};

struct date_time {
	struct date	date;
	int		hour, min;
};

/* Buffers for the canonical texts, NUL included. */
#define DATE_LEN	11
#define DATE_TIME_LEN	17

bool	date_is_leap(int y);
int	date_days_in_month(int y, int m);	/* 0 for a bad month */
bool	date_valid(const struct date *);

/* Strict YYYY-MM-DD. */
bool	date_parse_iso(const char *, struct date *);
/*
 * What a person types: 2026-11-22, 22.11.2026, 22. 11. 2026, 22/11/2026,
 * 22.11.26 (two-digit years: 20yy, unless that is more than 20 years after
 * today, then 19yy), today, +N and -N (days from today). Blanks around.
 */
bool	date_parse(const char *, struct date *);
/* Strict YYYY-MM-DD HH:MM. */
bool	date_time_parse_iso(const char *, struct date_time *);
/* Any date form of date_parse() then HH:MM (or H:MM, or a 'T' for the
 * blank), or "now". */
bool	date_time_parse(const char *, struct date_time *);

void	date_format(const struct date *, char buf[DATE_LEN]);
void	date_time_format(const struct date_time *, char buf[DATE_TIME_LEN]);

/* Days since 1970-01-01 (negative before), and back. */
long	date_to_days(const struct date *);
struct date date_from_days(long days);
struct date date_add_days(const struct date *, long days);
int	date_cmp(const struct date *, const struct date *);
int	date_weekday(const struct date *);

struct date	 date_today(void);
struct date_time date_now(void);

#endif
