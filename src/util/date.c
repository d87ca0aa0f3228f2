#include "util/date.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

/* A bounded cursor over the text being parsed. */
struct date_cur {
	const char	*p;
	const char	*end;
};

bool
date_is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int
date_days_in_month(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m < 1 || m > 12)
		return 0;
	return m == 2 && date_is_leap(y) ? 29 : days[m - 1];
}

bool
date_valid(const struct date *dt)
{
	return dt->y >= 1 && dt->y <= 9999 && dt->d >= 1 &&
	    dt->d <= date_days_in_month(dt->y, dt->m);
}

long
date_to_days(const struct date *dt)
{
	long y = dt->y - (dt->m <= 2);
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (dt->m > 2 ? dt->m - 3 : dt->m + 9) + 2) / 5 + dt->d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

struct date
date_from_days(long z)
{
	struct date dt;
	long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	dt.d = (int)(doy - (153 * mp + 2) / 5 + 1);
	dt.m = (int)(mp < 10 ? mp + 3 : mp - 9);
	dt.y = (int)(yoe + era * 400 + (dt.m <= 2));
	return dt;
}

struct date
date_add_days(const struct date *dt, long days)
{
	return date_from_days(date_to_days(dt) + days);
}

int
date_cmp(const struct date *a, const struct date *b)
{
	long x = date_to_days(a), y = date_to_days(b);

	return x < y ? -1 : x > y;
}

int
date_weekday(const struct date *dt)
{
	long days = date_to_days(dt);

	return (int)(((days % 7) + 7 + 3) % 7) + 1;
}

void
date_format(const struct date *dt, char buf[DATE_LEN])
{
	snprintf(buf, DATE_LEN, "%04u-%02u-%02u", (unsigned)dt->y % 10000u,
	    (unsigned)dt->m % 100u, (unsigned)dt->d % 100u);
}

void
date_time_format(const struct date_time *t, char buf[DATE_TIME_LEN])
{
	snprintf(buf, DATE_TIME_LEN, "%04u-%02u-%02u %02u:%02u", (unsigned)t->date.y % 10000u,
	    (unsigned)t->date.m % 100u, (unsigned)t->date.d % 100u, (unsigned)t->hour % 100u,
	    (unsigned)t->min % 100u);
}

/* Reads between min and max digits; false when fewer. */
static bool
date_cur_num(struct date_cur *c, int min, int max, int *out)
{
	int n = 0, v = 0;

	while (c->p < c->end && n < max && isdigit((unsigned char)*c->p)) {
		v = v * 10 + (*c->p - '0');
		c->p++;
		n++;
	}
	*out = v;
	return n >= min;
}

static bool
date_cur_char(struct date_cur *c, char ch)
{
	if (c->p >= c->end || *c->p != ch)
		return false;
	c->p++;
	return true;
}

static void
date_cur_blanks(struct date_cur *c)
{
	while (c->p < c->end && (*c->p == ' ' || *c->p == '\t'))
		c->p++;
}

/* The cursor over s without its leading and trailing blanks. */
static struct date_cur
date_cur_trimmed(const char *s, size_t len)
{
	struct date_cur c = { s, s + len };

	date_cur_blanks(&c);
	while (c.end > c.p && (c.end[-1] == ' ' || c.end[-1] == '\t' || c.end[-1] == '\n' ||
	    c.end[-1] == '\r'))
		c.end--;
	return c;
}

static bool
date_cur_word(const struct date_cur *c, const char *word)
{
	size_t n = strlen(word);

	return (size_t)(c->end - c->p) == n && strncasecmp(c->p, word, n) == 0;
}

static bool
date_parse_iso_cur(struct date_cur *c, struct date *dt)
{
	return date_cur_num(c, 4, 4, &dt->y) && date_cur_char(c, '-') &&
	    date_cur_num(c, 2, 2, &dt->m) && date_cur_char(c, '-') &&
	    date_cur_num(c, 2, 2, &dt->d) && c->p == c->end && date_valid(dt);
}

bool
date_parse_iso(const char *s, struct date *dt)
{
	struct date_cur c = { s, s + strlen(s) };

	return date_parse_iso_cur(&c, dt);
}

/* 26 is 2026, unless that is more than 20 years ahead: then 1926. */
static int
date_century(int yy)
{
	struct date today = date_today();

	return 2000 + yy > today.y + 20 ? 1900 + yy : 2000 + yy;
}

/* 22.11.2026, 22. 11. 2026, 22/11/2026, 22.11.26 */
static bool
date_parse_dmy(struct date_cur *c, struct date *dt)
{
	const char *start;
	char sep;

	if (!date_cur_num(c, 1, 2, &dt->d) || c->p >= c->end)
		return false;
	sep = *c->p;
	if ((sep != '.' && sep != '/') || !date_cur_char(c, sep))
		return false;
	if (sep == '.')
		date_cur_blanks(c);
	if (!date_cur_num(c, 1, 2, &dt->m) || !date_cur_char(c, sep))
		return false;
	if (sep == '.')
		date_cur_blanks(c);
	start = c->p;
	if (!date_cur_num(c, 2, 4, &dt->y) || c->p != c->end)
		return false;
	if (c->p - start == 2)
		dt->y = date_century(dt->y);
	else if (c->p - start != 4)
		return false;
	return date_valid(dt);
}

/* +N or -N days from today. */
static bool
date_parse_offset(struct date_cur *c, struct date *dt)
{
	char sign = *c->p;
	int n;
	struct date today;

	c->p++;
	if (!date_cur_num(c, 1, 5, &n) || c->p != c->end)
		return false;
	today = date_today();
	*dt = date_add_days(&today, sign == '-' ? -(long)n : (long)n);
	return date_valid(dt);
}

static bool
date_parse_cur(struct date_cur c, struct date *dt)
{
	struct date_cur iso = c;

	if (c.p >= c.end)
		return false;
	if (date_cur_word(&c, "today")) {
		*dt = date_today();
		return true;
	}
	if (*c.p == '+' || *c.p == '-')
		return date_parse_offset(&c, dt);
	if (date_parse_iso_cur(&iso, dt))
		return true;
	return date_parse_dmy(&c, dt);
}

bool
date_parse(const char *s, struct date *dt)
{
	return date_parse_cur(date_cur_trimmed(s, strlen(s)), dt);
}

static bool
date_time_parse_hm(struct date_cur c, struct date_time *t)
{
	return date_cur_num(&c, 1, 2, &t->hour) && date_cur_char(&c, ':') &&
	    date_cur_num(&c, 2, 2, &t->min) && c.p == c.end && t->hour <= 23 &&
	    t->min <= 59;
}

bool
date_time_parse_iso(const char *s, struct date_time *t)
{
	struct date_cur c = { s, s + strlen(s) };
	struct date_cur hm;

	if (strlen(s) != 16 || s[10] != ' ')
		return false;
	c.end = s + 10;
	hm.p = s + 11;
	hm.end = s + 16;
	return date_parse_iso_cur(&c, &t->date) && date_time_parse_hm(hm, t) &&
	    s[13] == ':';
}

bool
date_time_parse(const char *s, struct date_time *t)
{
	struct date_cur c = date_cur_trimmed(s, strlen(s));
	struct date_cur d, hm;
	const char *q;

	if (date_cur_word(&c, "now")) {
		*t = date_now();
		return true;
	}
	for (q = c.end; q > c.p; q--)
		if (q[-1] == ' ' || q[-1] == '\t' || q[-1] == 'T')
			break;
	if (q == c.p)
		return false;
	hm.p = q;
	hm.end = c.end;
	d.p = c.p;
	d.end = q - 1;
	d = date_cur_trimmed(d.p, (size_t)(d.end - d.p));
	return date_time_parse_hm(hm, t) && date_parse_cur(d, &t->date);
}

/* Set by date_clock_set(); it wins over AVRR_TODAY and the wall clock. */
static struct date_time date_held;
static bool date_is_held;

/* AVRR_TODAY=YYYY-MM-DD[ HH:MM] fixes the clock. */
static bool
date_clock_env(struct date_time *t)
{
	const char *e = getenv("AVRR_TODAY");

	if (e == NULL || *e == '\0')
		return false;
	if (date_time_parse_iso(e, t))
		return true;
	t->hour = 12;
	t->min = 0;
	return date_parse_iso(e, &t->date);
}

/* The one read of the wall clock; *sec gets the seconds (0 when fixed). */
static struct date_time
date_clock_read(int *sec)
{
	struct date_time t;
	struct tm tm;
	time_t now;

	*sec = 0;
	if (date_is_held)
		return date_held;
	if (date_clock_env(&t))
		return t;
	now = time(NULL);
	localtime_r(&now, &tm);
	t.date.y = tm.tm_year + 1900;
	t.date.m = tm.tm_mon + 1;
	t.date.d = tm.tm_mday;
	t.hour = tm.tm_hour;
	t.min = tm.tm_min;
	*sec = tm.tm_sec;
	return t;
}

struct date_time
date_now(void)
{
	int sec;

	return date_clock_read(&sec);
}

struct date
date_today(void)
{
	return date_now().date;
}

void
date_stamp(char buf[DATE_STAMP_LEN])
{
	int sec;
	struct date_time t = date_clock_read(&sec);

	snprintf(buf, DATE_STAMP_LEN, "%04u-%02u-%02u %02u:%02u:%02u",
	    (unsigned)t.date.y % 10000u, (unsigned)t.date.m % 100u, (unsigned)t.date.d % 100u,
	    (unsigned)t.hour % 100u, (unsigned)t.min % 100u, (unsigned)sec % 100u);
}

void
date_clock_set(const struct date_time *t)
{
	date_is_held = t != NULL;
	if (t != NULL)
		date_held = *t;
}

static unsigned long long
date_mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (unsigned long long)ts.tv_sec * 1000u + (unsigned long long)ts.tv_nsec / 1000000u;
}

/* AVRR_CLOCK_FILE: a file holding the seconds date_elapsed() answers (tests
 * move the idle clock by writing it); false when unset. A file that cannot
 * be read (being written) leaves the clock where it was. */
static bool
date_elapsed_file(long *sec)
{
	static long last;
	const char *path = getenv("AVRR_CLOCK_FILE");
	FILE *f;

	if (path == NULL || *path == '\0')
		return false;
	if ((f = fopen(path, "r")) != NULL) {
		if (fscanf(f, "%ld", sec) == 1)
			last = *sec;
		fclose(f);
	}
	*sec = last;
	return true;
}

long
date_elapsed(void)
{
	long sec;

	if (date_elapsed_file(&sec))
		return sec;
	return (long)(date_mono_ms() / 1000u);
}

unsigned long long
date_clock_ms(void)
{
	static unsigned long long base, mono0;
	struct date_time t;
	bool held = date_is_held;
	int sec;
	long days;

	if (mono0 == 0) {
		date_is_held = false;
		t = date_clock_read(&sec);
		date_is_held = held;
		days = date_to_days(&t.date);
		base = ((unsigned long long)(days > 0 ? days : 0) * 86400u +
		    (unsigned long long)(t.hour * 3600 + t.min * 60 + sec)) * 1000u;
		mono0 = date_mono_ms() + 1;
	}
	return base + (date_mono_ms() + 1 - mono0);
}
