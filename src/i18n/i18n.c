#include "i18n/i18n.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "i18n/iso.h"
#include "i18n/mo.h"
#include "util/mem.h"
#include "util/str.h"
#include "util/tr.h"

#define I18N_ALNUM "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

/* What we know about languages a catalog may come for. */
static const struct i18n_lang i18n_known[] = {
	{ "am", "አማርኛ", "Amharic", false },
	{ "ar", "العربية", "Arabic", true },
	{ "az", "Azərbaycan dili", "Azerbaijani", false },
	{ "be", "Беларуская", "Belarusian", false },
	{ "bn", "বাংলা", "Bengali", false },
	{ "ckb", "کوردی", "Central Kurdish", true },
	{ "cs", "Čeština", "Czech", false },
	{ "de", "Deutsch", "German", false },
	{ "el", "Ελληνικά", "Greek", false },
	{ "en", "English", "English", false },
	{ "es", "Español", "Spanish", false },
	{ "fa", "فارسی", "Persian", true },
	{ "fr", "Français", "French", false },
	{ "he", "עברית", "Hebrew", true },
	{ "hi", "हिन्दी", "Hindi", false },
	{ "hu", "Magyar", "Hungarian", false },
	{ "hy", "Հայերեն", "Armenian", false },
	{ "it", "Italiano", "Italian", false },
	{ "ka", "ქართული", "Georgian", false },
	{ "kk", "Қазақ тілі", "Kazakh", false },
	{ "ku", "Kurdî", "Kurdish", false },
	{ "ky", "Кыргызча", "Kyrgyz", false },
	{ "mn", "Монгол", "Mongolian", false },
	{ "pl", "Polski", "Polish", false },
	{ "prs", "دری", "Dari", true },
	{ "ps", "پښتو", "Pashto", true },
	{ "ro", "Română", "Romanian", false },
	{ "ru", "Русский", "Russian", false },
	{ "sk", "Slovenčina", "Slovak", false },
	{ "so", "Soomaali", "Somali", false },
	{ "sq", "Shqip", "Albanian", false },
	{ "sr", "Српски", "Serbian", false },
	{ "tg", "Тоҷикӣ", "Tajik", false },
	{ "ti", "ትግርኛ", "Tigrinya", false },
	{ "tk", "Türkmençe", "Turkmen", false },
	{ "tr", "Türkçe", "Turkish", false },
	{ "uk", "Українська", "Ukrainian", false },
	{ "ur", "اردو", "Urdu", true },
	{ "uz", "Oʻzbekcha", "Uzbek", false },
	{ "vi", "Tiếng Việt", "Vietnamese", false },
	{ "zh", "中文", "Chinese", false },
};

struct i18n_cat {
	struct i18n_lang	 lang;
	char			*code;
	char			*english;	/* owned when not from the table */
	struct i18n_mo		*mo;		/* NULL for English without en.mo */
	int			 cover;		/* % of the program's text, -2: not counted */
};

static struct {
	struct i18n_cat		*cats;		/* sorted, "en" first */
	struct i18n_lang	*langs;
	size_t			 n, cap;
	const struct i18n_cat	*staff, *client;
	char			*dir;		/* where the catalogs were read */
} i18n;

static const struct i18n_lang *
i18n_known_find(const char *code)
{
	size_t k;

	for (k = 0; k < sizeof i18n_known / sizeof i18n_known[0]; k++)
		if (strcmp(i18n_known[k].code, code) == 0)
			return &i18n_known[k];
	return NULL;
}

/* "sk", "sr_ME", "sr@latin", "prs": the names a catalog file may have. */
static bool
i18n_code_ok(const char *s, size_t len)
{
	size_t k = 0;

	while (k < len && s[k] >= 'a' && s[k] <= 'z')
		k++;
	if (k < 2 || k > 3)
		return false;
	if (k < len && (s[k] == '_' || s[k] == '@'))
		for (k++; k < len && strchr(I18N_ALNUM, s[k]) != NULL && s[k] != '\0'; k++)
			;
	return k == len && len < 16;
}

static void
i18n_add(const char *code, struct i18n_mo *mo)
{
	const struct i18n_lang *known = i18n_known_find(code);
	struct i18n_cat *c;
	const char *name;

	i18n.cats = xgrow(i18n.cats, &i18n.cap, i18n.n + 1, sizeof *i18n.cats);
	c = &i18n.cats[i18n.n++];
	memset(c, 0, sizeof *c);
	c->code = xstrdup(code);
	c->mo = mo;
	c->cover = -2;
	if (known != NULL) {
		c->lang = *known;
	} else {
		name = i18n_iso_name(I18N_ISO_LANGUAGE, code);
		c->english = xstrdup(name != NULL ? name : code);
		c->lang.english = c->lang.own_name = c->english;
	}
	c->lang.code = c->code;
}

static int
i18n_cmp_cat(const void *a, const void *b)
{
	const struct i18n_cat *x = a, *y = b;

	if (strcmp(x->code, y->code) == 0)
		return 0;
	if (strcmp(x->code, "en") == 0)
		return -1;
	if (strcmp(y->code, "en") == 0)
		return 1;
	return strcmp(x->code, y->code);
}

static void
i18n_load_file(const char *dir, const char *file, struct strbuf *errs)
{
	size_t len = strlen(file);
	char *path, *code, *err = NULL;
	struct i18n_mo *mo;

	if (len < 4 || strcmp(file + len - 3, ".mo") != 0 || !i18n_code_ok(file, len - 3))
		return;
	path = xasprintf("%s/%s", dir, file);
	code = xstrndup(file, len - 3);
	if ((mo = i18n_mo_open(path, &err)) == NULL) {
		if (errs->len > 0)
			strbuf_putc(errs, '\n');
		strbuf_puts(errs, err);
	} else if (strcmp(code, "en") == 0) {
		i18n.cats[0].mo = mo;
	} else {
		i18n_add(code, mo);
	}
	free(err);
	free(code);
	free(path);
}

static void
i18n_finish(void)
{
	size_t k;

	qsort(i18n.cats, i18n.n, sizeof *i18n.cats, i18n_cmp_cat);
	i18n.langs = xcalloc(i18n.n, sizeof *i18n.langs);
	for (k = 0; k < i18n.n; k++)
		i18n.langs[k] = i18n.cats[k].lang;
	i18n.staff = &i18n.cats[0];
	i18n.client = NULL;
}

bool
i18n_init(const char *dir, char **err)
{
	struct strbuf errs = STRBUF_INIT;
	struct dirent *de;
	DIR *d;

	i18n_shutdown();
	i18n.dir = dir != NULL ? xstrdup(dir) : NULL;
	i18n_add("en", NULL);
	if (dir == NULL || (d = opendir(dir)) == NULL) {
		strbuf_printf(&errs, "%s: %s", dir != NULL ? dir : "(null)",
		    dir != NULL ? strerror(errno) : _("no folder"));
	} else {
		while ((de = readdir(d)) != NULL)
			i18n_load_file(dir, de->d_name, &errs);
		closedir(d);
	}
	i18n_finish();
	if (errs.len == 0)
		return true;
	if (err != NULL)
		*err = strbuf_take(&errs);
	strbuf_free(&errs);
	return false;
}

void
i18n_shutdown(void)
{
	size_t k;

	for (k = 0; k < i18n.n; k++) {
		i18n_mo_free(i18n.cats[k].mo);
		free(i18n.cats[k].code);
		free(i18n.cats[k].english);
	}
	xfree(&i18n.cats);
	xfree(&i18n.langs);
	xfree(&i18n.dir);
	i18n.n = i18n.cap = 0;
	i18n.staff = i18n.client = NULL;
	i18n_iso_shutdown();
}

const struct i18n_lang *
i18n_languages(size_t *n)
{
	*n = i18n.n;
	return i18n.langs;
}

/* Exact code first, then without its territory, encoding or variant. */
static const struct i18n_cat *
i18n_cat_find(const char *code)
{
	size_t k, len;

	if (code == NULL)
		return NULL;
	for (k = 0; k < i18n.n; k++)
		if (strcmp(i18n.cats[k].code, code) == 0)
			return &i18n.cats[k];
	len = strcspn(code, "_.@");
	for (k = 0; k < i18n.n && code[len] != '\0'; k++)
		if (strlen(i18n.cats[k].code) == len && strncmp(i18n.cats[k].code, code, len) == 0)
			return &i18n.cats[k];
	return NULL;
}

const struct i18n_lang *
i18n_lang_find(const char *code)
{
	const struct i18n_cat *c = i18n_cat_find(code);

	return c != NULL ? &i18n.langs[c - i18n.cats] : NULL;
}

bool
i18n_set_staff(const char *code)
{
	const struct i18n_cat *c = i18n_cat_find(code);

	if (c == NULL)
		return false;
	i18n.staff = c;
	return true;
}

bool
i18n_set_client(const char *code)
{
	const struct i18n_cat *c = i18n_cat_find(code);

	if (c == NULL && code != NULL)
		return false;
	i18n.client = c;
	return true;
}

const char *
i18n_staff_code(void)
{
	return i18n.staff != NULL ? i18n.staff->code : "en";
}

const char *
i18n_client_code(void)
{
	return i18n.client != NULL ? i18n.client->code : NULL;
}

/* Project catalog, then iso-codes' names, then the English msgid. */
static const char *
i18n_translate(const struct i18n_cat *c, const char *msgid, bool *fallback)
{
	const char *t;

	*fallback = false;
	if (c == NULL || msgid == NULL || *msgid == '\0')
		return msgid;
	if ((t = i18n_mo_find(c->mo, msgid)) != NULL)
		return t;
	if (strcmp(c->code, "en") == 0)
		return msgid;
	if ((t = i18n_iso_translate(c->code, msgid)) != NULL)
		return t;
	*fallback = true;
	return msgid;
}

const char *
i18n_staff(const char *msgid)
{
	bool fb;

	return i18n_translate(i18n.staff, msgid, &fb);
}

const char *
i18n_client(const char *msgid)
{
	bool fb;

	return i18n_translate(i18n.client, msgid, &fb);
}

const char *
i18n_client_ex(const char *msgid, bool *fallback)
{
	bool fb;
	const char *t = i18n_translate(i18n.client, msgid, &fb);

	if (fallback != NULL)
		*fallback = fb;
	return t;
}

const char *
i18n_lookup(const char *code, const char *msgid)
{
	const struct i18n_cat *c = i18n_cat_find(code);
	const char *t;
	bool fb;

	if (c == NULL)
		return NULL;
	t = i18n_translate(c, msgid, &fb);
	return fb ? NULL : t;
}

/* Every catalog's share of the program's msgids (templates/program.mo), the
 * first time one is asked for; -1 for all without the template. */
static void
i18n_count_cover(void)
{
	char *path = xasprintf("%s/templates/program.mo", i18n.dir != NULL ? i18n.dir : ".");
	struct i18n_mo *tmpl = i18n_mo_open(path, NULL);
	size_t k, i, n = tmpl != NULL ? i18n_mo_count(tmpl) : 0, done;
	bool fb;

	for (k = 0; k < i18n.n; k++) {
		for (i = done = 0; i < n; i++) {
			i18n_translate(&i18n.cats[k], i18n_mo_msgid(tmpl, i), &fb);
			done += !fb;
		}
		i18n.cats[k].cover = n == 0 ? -1 : k == 0 ? 100 : (int)(done * 100 / n);
	}
	i18n_mo_free(tmpl);
	free(path);
}

int
i18n_program_cover(const char *code)
{
	const struct i18n_cat *c = i18n_cat_find(code);

	if (c == NULL)
		return 0;
	if (c->cover == -2)
		i18n_count_cover();
	return c->cover;
}
