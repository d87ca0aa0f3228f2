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
 *
 * This is the program's one clock: every time it stores, shows or compares
 * comes from date_now() or date_stamp(), and nothing else reads the wall
 * clock. date_clock_set() holds it at a given moment (the demo writes each
 * case's rows at the dates of its own history). Durations (a call's length)
 * come from date_elapsed(), a clock that only moves forward.
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

/* The clock as stored: "YYYY-MM-DD HH:MM:SS", NUL included. */
#define DATE_STAMP_LEN	20
void		 date_stamp(char buf[DATE_STAMP_LEN]);
/* Holds the clock at *t (seconds 0) until called with NULL. */
void		 date_clock_set(const struct date_time *t);
/* Seconds since some fixed moment of this process; never goes back. When
 * the environment names a file in AVRR_CLOCK_FILE, the number in it (tests
 * move the clock of the idle lock so). */
long		 date_elapsed(void);
/*
 * Milliseconds since 1970 for time-ordered ids: the clock as it was when the
 * process first asked (AVRR_TODAY included, date_clock_set() not), plus the
 * time elapsed since, so ids keep their order.
 */
unsigned long long date_clock_ms(void);

#endif
