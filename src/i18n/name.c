/*
 * i18n/name: splitting a whole name into words, and the word in capitals.
 */
#include "i18n/name.h"

#include <stdlib.h>
#include <string.h>

#include "i18n/roman.h"
#include "util/mem.h"
#include "util/str.h"
#include "util/utf8.h"

#define I18N_NAME_WORDS	16	/* words of a name looked at */

struct i18n_name_words {
	char	*copy;
	char	*w[I18N_NAME_WORDS];
	size_t	 n;
};

static void
i18n_name_words(const char *whole, struct i18n_name_words *ws)
{
	char *p, *save = NULL;

	ws->copy = xstrdup(whole != NULL ? whole : "");
	ws->n = 0;
	for (p = strtok_r(ws->copy, " \t\r\n", &save); p != NULL && ws->n < I18N_NAME_WORDS;
	    p = strtok_r(NULL, " \t\r\n", &save))
		ws->w[ws->n++] = p;
}

/* Every word but skip, joined by one space. */
static char *
i18n_name_join(const struct i18n_name_words *ws, size_t skip)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	for (i = 0; i < ws->n; i++) {
		if (i == skip)
			continue;
		if (sb.len > 0)
			strbuf_putc(&sb, ' ');
		strbuf_puts(&sb, ws->w[i]);
	}
	return sb.len > 0 ? strbuf_take(&sb) : xstrdup("");
}

/* Two letters or more, every one a capital. */
static bool
i18n_name_capitals(const char *w)
{
	struct i18n_roman_ctx ctx = { false };
	size_t len = strlen(w), at = 0, n;
	uint32_t cp;
	int letters = 0;
	bool upper;

	while (at < len && (n = utf8_decode(w + at, len - at, &cp)) > 0) {
		at += n;
		if (cp < 128) {
			if (cp >= 'a' && cp <= 'z')
				return false;
			letters += cp >= 'A' && cp <= 'Z';
			continue;
		}
		if (i18n_roman_cp(&ctx, 0, cp, 0, &upper) == NULL)
			continue;	/* a letter of no script we read: no say */
		if (!upper)
			return false;
		letters++;
	}
	return letters >= 2;
}

static void
i18n_name_set(struct i18n_name *out, const struct i18n_name_words *ws, size_t surname,
    bool sure)
{
	out->surname = xstrdup(ws->n > 0 ? ws->w[surname] : "");
	out->given = i18n_name_join(ws, surname);
	out->sure = sure;
}

void
i18n_name_split(const char *whole, struct i18n_name *out)
{
	struct i18n_name_words ws;
	size_t i, caps = 0, at = 0;

	i18n_name_words(whole, &ws);
	for (i = 0; i < ws.n; i++)
		if (i18n_name_capitals(ws.w[i])) {
			caps++;
			at = i;
		}
	if (ws.n <= 1)
		i18n_name_set(out, &ws, 0, true);
	else if (caps == 1)
		i18n_name_set(out, &ws, at, true);
	else
		i18n_name_set(out, &ws, ws.n - 1, false);
	free(ws.copy);
}

void
i18n_name_split_first(const char *whole, struct i18n_name *out)
{
	struct i18n_name_words ws;

	i18n_name_words(whole, &ws);
	i18n_name_set(out, &ws, 0, ws.n <= 1);
	free(ws.copy);
}

void
i18n_name_clear(struct i18n_name *n)
{
	free(n->surname);
	free(n->given);
	n->surname = n->given = NULL;
}
