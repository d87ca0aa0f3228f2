#include "form/money.h"

#include <stdlib.h>
#include <string.h>

#include "form/value.h"
#include "util/mem.h"
#include "util/str.h"
#include "util/tr.h"

/* The built-in list iso-codes fills (form.c names it among the built-ins). */
#define FORM_MONEY_LIST "currency"

bool
form_money_currency_ok(const struct form_set *set, const char *code)
{
	const struct form_choices *cl = set != NULL ? form_set_choices(set, FORM_MONEY_LIST) :
	    NULL;
	size_t k;

	if (code == NULL || strlen(code) != 3)
		return false;
	for (k = 0; k < 3; k++)
		if (code[k] < 'A' || code[k] > 'Z')
			return false;
	return cl == NULL || cl->nitems == 0 || form_choice_find(cl, code) != NULL;
}

/* Splits "AMOUNT CODE": the code (upper case) into cur, or "" when the
 * last word is no three-character code. False for a three-character word
 * that is no currency. */
static bool
form_money_split(const struct form_set *set, char *text, char cur[4], char **msg)
{
	char *sp = strrchr(text, ' ');
	const char *word;
	size_t k;

	cur[0] = '\0';
	if (sp == NULL || strlen(word = str_trim(sp + 1)) != 3)
		return true;
	for (k = 0; k < 3; k++)
		cur[k] = word[k] >= 'a' && word[k] <= 'z' ? (char)(word[k] - 'a' + 'A') : word[k];
	cur[3] = '\0';
	if (!form_money_currency_ok(set, cur)) {
		*msg = xasprintf(_("'%s' is not a currency code (e.g. EUR, USD)"), word);
		cur[0] = '\0';
		return false;
	}
	*sp = '\0';
	return true;
}

bool
form_money_parse(const struct form_set *set, const struct form_field *fd, const char *text,
    char **amount, char cur[4], char **msg)
{
	char *copy = xstrdup(text != NULL ? text : "");
	bool ok;

	*amount = NULL;
	*msg = NULL;
	ok = form_money_split(set, copy, cur, msg) &&
	    form_value_check(set, fd, str_trim(copy), amount, msg);
	if (!ok)
		cur[0] = '\0';
	free(copy);
	return ok;
}

const struct form_field form_money_cur_field = {
	.name = (char *)"currency",
	.type = FT_SELECT_ONE,
	.label = (char *)N_("Currency"),
	.choices = (char *)"currency",
};

char *
form_money_display(const struct form_set *set, const struct form_record *rec, size_t i,
    form_tr_fn tr)
{
	(void)set;
	(void)tr;
	return form_money_text(form_record_part(rec, i, 0),
	    form_record_part(rec, i, FORM_MONEY_CUR));
}

char *
form_money_check_cur(const struct form_set *set, const struct form_record *rec, size_t i)
{
	const struct form_field *fd = &rec->def->fields[i];
	const char *cur = form_record_part(rec, i, FORM_MONEY_CUR);

	if (str_empty(cur))
		return xasprintf(_("%s: choose the currency (type its letters)"),
		    _(fd->label != NULL ? fd->label : fd->name));
	if (!form_money_currency_ok(set, cur))
		return xasprintf(_("'%s' is not a currency code (e.g. EUR, USD)"), cur);
	return NULL;
}

char *
form_money_enter(const struct form_set *set, struct form_record *rec, size_t i,
    const char *text)
{
	char *amount = NULL, *msg = NULL;
	char cur[4];

	if (!form_money_parse(set, &rec->def->fields[i], text, &amount, cur, &msg)) {
		form_record_set(rec, i, text);
		return msg;
	}
	form_record_set(rec, i, amount);
	free(amount);
	if (cur[0] != '\0')
		form_record_set_part(rec, i, FORM_MONEY_CUR, cur);
	else if (str_empty(form_record_part(rec, i, FORM_MONEY_CUR)))
		msg = xstrdup(_("Choose the currency: type its letters (e.g. eur)"));
	return msg;
}

char *
form_money_text(const char *amount, const char *cur)
{
	if (str_empty(amount))
		return xstrdup("");
	return str_empty(cur) ? xstrdup(amount) : xasprintf("%s %s", amount, cur);
}
