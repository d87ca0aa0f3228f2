/*
 * form/money: a money value is an amount (canonical decimal text, in the
 * record's column 0) and a currency (an ISO 4217 code, in its column
 * FORM_MONEY_CUR: form_record_part(), form/value.h).
 *
 * Contract: form_money_parse() reads what was typed or a file holds: an
 * amount, optionally followed by a space and a three-letter currency code in
 * any case ("1200.5", "1200.50 usd"). On success it returns true, *amount is
 * the malloc'd canonical amount (form_value_check() of the field: number,
 * min/max) and cur the upper-case code, "" when none was given (the caller
 * keeps the currency it has, never a silent EUR). On failure it returns false
 * and *msg is a malloc'd one-line message in the staff language.
 * form_money_currency_ok() accepts three upper-case letters that, when the
 * set's built-in currency list is filled (iso-codes), are one of its codes.
 */
#ifndef FORM_MONEY_H
#define FORM_MONEY_H

#include <stdbool.h>

#include "form/form.h"
#include "form/type.h"

/* The column of a money field that holds its currency. */
enum { FORM_MONEY_CUR = 1 };

bool	 form_money_parse(const struct form_set *, const struct form_field *,
	    const char *text, char **amount, char cur[4], char **msg);
bool	 form_money_currency_ok(const struct form_set *, const char *code);
/* malloc'd "1200.50 EUR", or the amount alone when there is no currency. */
char	*form_money_text(const char *amount, const char *cur);

/* The hooks of money's descriptor (form/type.h): a field's text, and typed
 * text split into amount and currency: "1200.50 usd" sets both, "1200.50"
 * keeps the currency the field has and without one asks for it (never a
 * silent EUR). The currency is picked as form_money_cur_field. */
struct form_record;
char	*form_money_display(const struct form_set *, const struct form_record *, size_t field,
	    form_tr_fn tr);
/* The currency is there and is one (the amount was checked before). */
char	*form_money_check_cur(const struct form_set *, const struct form_record *,
	    size_t field);
char	*form_money_enter(const struct form_set *, struct form_record *, size_t field,
	    const char *text);
extern const struct form_field form_money_cur_field;

#endif
