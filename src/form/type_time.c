/*
 * form/type_time: the field type `time`, a time of day on a 24-hour clock.
 * Typed as 9:05, 09:05, 9.05, 0905 or "now"; stored as HH:MM in a TEXT
 * column, so stored times sort and compare as text. `min` and `max` are
 * times HH:MM.
 */
#include "form/type.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "util/date.h"
#include "util/mem.h"
#include "util/tr.h"

/* Buffer for HH:MM and its NUL. */
#define FORM_TIME_LEN 6

/* Digits s[0..n) as a number, or -1 when one is not a digit. */
static int
form_time_digits(const char *s, size_t n)
{
	int v = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* H:MM, HH:MM (':' or '.'), HHMM or "now" into buf as HH:MM; false if none. */
static bool
form_time_parse(const char *s, char buf[FORM_TIME_LEN])
{
	size_t n = strlen(s);
	int hour = -1, min = -1;

	if (strcmp(s, "now") == 0) {
		struct date_time now = date_now();

		hour = now.hour;
		min = now.min;
	} else if (n == 4 && form_time_digits(s, 4) >= 0) {
		hour = form_time_digits(s, 2);
		min = form_time_digits(s + 2, 2);
	} else if ((n == 4 || n == 5) && strchr(":.", s[n - 3]) != NULL) {
		hour = form_time_digits(s, n - 3);
		min = form_time_digits(s + n - 2, 2);
	}
	if (hour < 0 || hour > 23 || min < 0 || min > 59)
		return false;
	snprintf(buf, FORM_TIME_LEN, "%02d:%02d", hour, min);
	return true;
}

/* A bound of the definition: exactly HH:MM. */
static bool
form_time_bound_ok(const char *v)
{
	char buf[FORM_TIME_LEN];

	return strlen(v) == 5 && form_time_parse(v, buf) && strcmp(buf, v) == 0;
}

static int
form_time_bound_cmp(const char *a, const char *b)
{
	return strcmp(a, b);
}

static bool
form_time_check(struct form_check *c)
{
	char buf[FORM_TIME_LEN];

	if (!form_time_parse(c->in, buf))
		return form_types_fail(c, _("'%s' is not a time (use 14:30 or 9:05)"), NULL);
	if (c->f->min != NULL && form_time_bound_ok(c->f->min) && strcmp(buf, c->f->min) < 0)
		return form_types_fail(c, _("'%s' is before the earliest allowed time %s"),
		    c->f->min);
	if (c->f->max != NULL && form_time_bound_ok(c->f->max) && strcmp(buf, c->f->max) > 0)
		return form_types_fail(c, _("'%s' is after the latest allowed time %s"),
		    c->f->max);
	return form_types_ok(c, xstrdup(buf));
}

FORM_TYPE_FILE(TIME, form_type_time)

const struct form_type_desc form_type_time = {
	.name = "time",
	.coltype = "TEXT",
	.typed = true,
	.len_default = FORM_LEN_TYPED,
	.edit_hint = N_("A time of day: 14:30, 9:05, or now"),
	.check = form_time_check,
	.bound_ok = form_time_bound_ok,
	.bound_msg = N_("'%s' must be a time (HH:MM), not '%s'"),
	.bound_cmp = form_time_bound_cmp,
};
