#include "i18n/iso.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "i18n/mo.h"
#include "util/json.h"
#include "util/mem.h"
#include "util/str.h"
#include "util/tr.h"

#define ISO_JSON_DIR	"/usr/share/iso-codes/json"
#define ISO_LOCALE_DIR	"/usr/share/locale"
#define ISO_MAX_JSON	(64u << 20)

enum i18n_iso_domain { ISO_3166, ISO_639_3, ISO_639_2, ISO_4217, ISO_DOMAINS };

static const char *const i18n_iso_domains[ISO_DOMAINS] = {
	"iso_3166-1", "iso_639-3", "iso_639-2", "iso_4217",
};

/* Languages without an alpha-2 code that clients of the office speak. */
static const char *const i18n_iso_extra_langs[] = {
	"acm", "aii", "apc", "arz", "ary", "bal", "ckb", "cnr", "fil", "haz",
	"kmr", "prs", "rom", "sdh",
};

struct i18n_iso_table {
	struct i18n_iso_entry	*e;
	char			**alias;	/* the ISO 639-2 name when it differs */
	size_t			 n, cap, acap;
};

struct i18n_iso_key {
	const char		*name;
	enum i18n_iso_kind	 kind;
	size_t			 idx;
};

struct i18n_iso_cats {
	char		*lang;
	struct i18n_mo	*mo[ISO_DOMAINS];
};

static struct {
	bool			 loaded;
	char			 json_dir[1024], locale_dir[1024];
	char			*error;
	struct i18n_iso_table	 t[I18N_ISO_KINDS];
	struct i18n_iso_key	*keys;
	size_t			 nkeys;
	struct i18n_iso_cats	*cats;
	size_t			 ncats, capcats;
} iso;

static void
i18n_iso_fail(char *msg)
{
	if (iso.error == NULL)
		iso.error = msg;
	else
		free(msg);
}

static const char *
i18n_iso_dir(const char *set, const char *dflt)
{
	return *set != '\0' ? set : dflt;
}

/* The text of a JSON file of iso-codes into sb (its path into *path);
 * false when it cannot be read (the error is kept). */
static bool
i18n_iso_slurp(const char *file, struct strbuf *sb, char **path)
{
	char buf[65536];
	size_t got;
	FILE *fp;

	*path = xasprintf("%s/%s", i18n_iso_dir(iso.json_dir, ISO_JSON_DIR), file);
	if ((fp = fopen(*path, "rb")) == NULL) {
		i18n_iso_fail(xasprintf("%s: %s", *path, strerror(errno)));
		return false;
	}
	while ((got = fread(buf, 1, sizeof buf, fp)) > 0 && sb->len < ISO_MAX_JSON)
		strbuf_add(sb, buf, got);
	fclose(fp);
	return true;
}

/* The array under key of the JSON file, or NULL (the error is kept). */
static struct json *
i18n_iso_read(const char *file, const char *key, const struct json **arr)
{
	struct strbuf sb = STRBUF_INIT;
	struct json *doc = NULL;
	char *path, *err = NULL;

	if (!i18n_iso_slurp(file, &sb, &path)) {
		free(path);
		strbuf_free(&sb);
		return NULL;
	}
	if ((doc = json_parse(strbuf_str(&sb), sb.len, &err)) == NULL)
		i18n_iso_fail(xasprintf("%s: %s", path, err));
	else if ((*arr = json_get(doc, key)) == NULL || (*arr)->type != JSON_ARRAY) {
		i18n_iso_fail(xasprintf("%s: %s '%s'", path, _("no list"), key));
		json_free(doc);
		doc = NULL;
	}
	free(err);
	free(path);
	strbuf_free(&sb);
	return doc;
}

static void
i18n_iso_add(struct i18n_iso_table *t, const char *code, const char *name)
{
	if (code == NULL || name == NULL)
		return;
	t->e = xgrow(t->e, &t->cap, t->n + 1, sizeof *t->e);
	t->alias = xgrow(t->alias, &t->acap, t->n + 1, sizeof *t->alias);
	t->e[t->n].code = xstrdup(code);
	t->e[t->n].name = xstrdup(name);
	t->alias[t->n] = NULL;
	t->n++;
}

static int
i18n_iso_cmp_entry(const void *a, const void *b)
{
	return strcasecmp(((const struct i18n_iso_entry *)a)->code,
	    ((const struct i18n_iso_entry *)b)->code);
}

static void
i18n_iso_sort(struct i18n_iso_table *t)
{
	if (t->n > 0)
		qsort(t->e, t->n, sizeof *t->e, i18n_iso_cmp_entry);
}

static size_t
i18n_iso_find(const struct i18n_iso_table *t, const char *code)
{
	struct i18n_iso_entry key = { code, NULL }, *hit;

	if (code == NULL || t->n == 0)
		return (size_t)-1;
	hit = bsearch(&key, t->e, t->n, sizeof *t->e, i18n_iso_cmp_entry);
	return hit != NULL ? (size_t)(hit - t->e) : (size_t)-1;
}

static bool
i18n_iso_is_extra(const char *a3)
{
	size_t k;

	for (k = 0; a3 != NULL && k < sizeof i18n_iso_extra_langs / sizeof i18n_iso_extra_langs[0]; k++)
		if (strcmp(a3, i18n_iso_extra_langs[k]) == 0)
			return true;
	return false;
}

static void
i18n_iso_load_simple(enum i18n_iso_kind kind, const char *file, const char *key,
    const char *codekey)
{
	const struct json *arr = NULL;
	struct json *doc = i18n_iso_read(file, key, &arr);
	size_t k;

	for (k = 0; doc != NULL && k < arr->n; k++)
		i18n_iso_add(&iso.t[kind], json_get_str(&arr->items[k], codekey),
		    json_get_str(&arr->items[k], "name"));
	json_free(doc);
}

/* The ISO 639-2 names, where they differ, translate more in older catalogs. */
static void
i18n_iso_load_aliases(struct i18n_iso_table *t)
{
	const struct json *arr = NULL, *x;
	struct json *doc = i18n_iso_read("iso_639-2.json", "639-2", &arr);
	const char *code, *name;
	size_t k, i;

	for (k = 0; doc != NULL && k < arr->n; k++) {
		x = &arr->items[k];
		if ((code = json_get_str(x, "alpha_2")) == NULL)
			code = json_get_str(x, "alpha_3");
		name = json_get_str(x, "name");
		if ((i = i18n_iso_find(t, code)) != (size_t)-1 && name != NULL &&
		    t->alias[i] == NULL && strcmp(name, t->e[i].name) != 0)
			t->alias[i] = xstrdup(name);
	}
	json_free(doc);
}

/* The end of the JSON value that starts at p (an object or array: its
 * closing bracket's next byte), strings skipped whole; NULL if it has none. */
static const char *
i18n_iso_value_end(const char *p, const char *end)
{
	int depth = 0;

	for (; p < end; p++) {
		if (*p == '"') {
			for (p++; p < end && *p != '"'; p++)
				if (*p == '\\')
					p++;
			continue;
		}
		if (*p == '{' || *p == '[')
			depth++;
		else if ((*p == '}' || *p == ']') && --depth == 0)
			return p + 1;
	}
	return NULL;
}

/* Whether an entry's object (its text) may be one we keep: it has an
 * alpha_2 code or names one of the extra languages' codes. */
static bool
i18n_iso_wanted(const char *obj, size_t len)
{
	char quoted[8];
	size_t k;

	if (memmem(obj, len, "\"alpha_2\"", 9) != NULL)
		return true;
	for (k = 0; k < sizeof i18n_iso_extra_langs / sizeof i18n_iso_extra_langs[0]; k++) {
		snprintf(quoted, sizeof quoted, "\"%s\"", i18n_iso_extra_langs[k]);
		if (memmem(obj, len, quoted, strlen(quoted)) != NULL)
			return true;
	}
	return false;
}

/* A language of ISO 639-3 from one entry's object (parsed alone); an entry
 * that is not JSON is named by its line in the file (from text) and left. */
static void
i18n_iso_language(struct i18n_iso_table *t, const char *path, const char *text,
    const char *obj, size_t len)
{
	char *err = NULL;
	struct json *x = json_parse(obj, len, &err);
	const char *a2 = x != NULL ? json_get_str(x, "alpha_2") : NULL;
	const char *a3 = x != NULL ? json_get_str(x, "alpha_3") : NULL;
	const char *p;
	int line = 1;

	if (x == NULL) {
		for (p = text; p < obj; p++)
			line += *p == '\n';
		i18n_iso_fail(xasprintf("%s: %s %d: %s", path, _("the entry on line"), line,
		    err != NULL ? err : "?"));
	} else if (a2 != NULL || i18n_iso_is_extra(a3))
		i18n_iso_add(t, a2 != NULL ? a2 : a3, json_get_str(x, "name"));
	json_free(x);
	free(err);
}

/*
 * ISO 639-3 has 7,900 entries in 875 KB, of which we keep two hundred: each
 * entry's object is found by its brackets and only one that names an
 * alpha_2 code or one of our extra languages is parsed, so the file is
 * never held as a tree (a few MB, and most of the time a form with a
 * language field took to open).
 */
static void
i18n_iso_load_languages(void)
{
	struct i18n_iso_table *t = &iso.t[I18N_ISO_LANGUAGE];
	struct strbuf sb = STRBUF_INIT;
	const char *p, *e, *end;
	char *path;

	if (i18n_iso_slurp("iso_639-3.json", &sb, &path)) {
		end = strbuf_str(&sb) + sb.len;
		p = memchr(strbuf_str(&sb), '[', sb.len);
		for (p = p != NULL ? p + 1 : end; p < end && (p = memchr(p, '{',
		    (size_t)(end - p))) != NULL; p = e) {
			if ((e = i18n_iso_value_end(p, end)) == NULL)
				break;
			if (i18n_iso_wanted(p, (size_t)(e - p)))
				i18n_iso_language(t, path, strbuf_str(&sb), p, (size_t)(e - p));
		}
		if (t->n == 0)
			i18n_iso_fail(xasprintf("%s: %s '%s'", path, _("no list"), "639-3"));
	}
	free(path);
	strbuf_free(&sb);
	i18n_iso_sort(t);
	if (t->n > 0)
		i18n_iso_load_aliases(t);
}

static int
i18n_iso_cmp_key(const void *a, const void *b)
{
	return strcmp(((const struct i18n_iso_key *)a)->name,
	    ((const struct i18n_iso_key *)b)->name);
}

static void
i18n_iso_index(void)
{
	size_t kind, k, n = 0;

	for (kind = 0; kind < I18N_ISO_KINDS; kind++)
		n += iso.t[kind].n;
	iso.keys = xcalloc(n + 1, sizeof *iso.keys);
	for (kind = 0; kind < I18N_ISO_KINDS; kind++) {
		for (k = 0; k < iso.t[kind].n; k++) {
			iso.keys[iso.nkeys].name = iso.t[kind].e[k].name;
			iso.keys[iso.nkeys].kind = (enum i18n_iso_kind)kind;
			iso.keys[iso.nkeys++].idx = k;
		}
	}
	if (iso.nkeys > 0)
		qsort(iso.keys, iso.nkeys, sizeof *iso.keys, i18n_iso_cmp_key);
}

static void
i18n_iso_load(void)
{
	if (iso.loaded)
		return;
	iso.loaded = true;
	i18n_iso_load_simple(I18N_ISO_COUNTRY, "iso_3166-1.json", "3166-1", "alpha_2");
	i18n_iso_sort(&iso.t[I18N_ISO_COUNTRY]);
	i18n_iso_load_languages();
	i18n_iso_load_simple(I18N_ISO_CURRENCY, "iso_4217.json", "4217", "alpha_3");
	i18n_iso_sort(&iso.t[I18N_ISO_CURRENCY]);
	i18n_iso_index();
}

size_t
i18n_iso_list(enum i18n_iso_kind kind, const struct i18n_iso_entry **out)
{
	i18n_iso_load();
	*out = iso.t[kind].e;
	return iso.t[kind].n;
}

const char *
i18n_iso_name(enum i18n_iso_kind kind, const char *code)
{
	size_t i;

	i18n_iso_load();
	i = i18n_iso_find(&iso.t[kind], code);
	return i != (size_t)-1 ? iso.t[kind].e[i].name : NULL;
}

static struct i18n_iso_cats *
i18n_iso_cats(const char *lang)
{
	const char *dir = i18n_iso_dir(iso.locale_dir, ISO_LOCALE_DIR);
	struct i18n_iso_cats *c;
	char *path, *err;
	size_t k;

	for (k = 0; k < iso.ncats; k++)
		if (strcmp(iso.cats[k].lang, lang) == 0)
			return &iso.cats[k];
	iso.cats = xgrow(iso.cats, &iso.capcats, iso.ncats + 1, sizeof *iso.cats);
	c = &iso.cats[iso.ncats++];
	memset(c, 0, sizeof *c);
	c->lang = xstrdup(lang);
	for (k = 0; k < ISO_DOMAINS && strchr(lang, '/') == NULL && *lang != '.'; k++) {
		path = xasprintf("%s/%s/LC_MESSAGES/%s.mo", dir, lang, i18n_iso_domains[k]);
		err = NULL;
		if (access(path, R_OK) == 0)
			c->mo[k] = i18n_mo_open(path, &err);
		free(err);
		free(path);
	}
	return c;
}

static const char *
i18n_iso_tr(enum i18n_iso_kind kind, size_t idx, const char *lang)
{
	const struct i18n_iso_table *t = &iso.t[kind];
	struct i18n_iso_cats *c;
	const char *s;

	if (lang == NULL || *lang == '\0' || strcmp(lang, "en") == 0)
		return NULL;
	c = i18n_iso_cats(lang);
	if (kind == I18N_ISO_COUNTRY)
		return i18n_mo_find(c->mo[ISO_3166], t->e[idx].name);
	if (kind == I18N_ISO_CURRENCY)
		return i18n_mo_find(c->mo[ISO_4217], t->e[idx].name);
	/* 639-2 catalogs are older and more consistent where they have it */
	if ((s = i18n_mo_find(c->mo[ISO_639_2], t->e[idx].name)) != NULL ||
	    (s = i18n_mo_find(c->mo[ISO_639_3], t->e[idx].name)) != NULL)
		return s;
	return i18n_mo_find(c->mo[ISO_639_2], t->alias[idx]);
}

const char *
i18n_iso_name_in(enum i18n_iso_kind kind, const char *code, const char *lang)
{
	const char *s;
	size_t i;

	i18n_iso_load();
	if ((i = i18n_iso_find(&iso.t[kind], code)) == (size_t)-1)
		return NULL;
	s = i18n_iso_tr(kind, i, lang);
	return s != NULL ? s : iso.t[kind].e[i].name;
}

const char *
i18n_iso_translate(const char *lang, const char *english)
{
	struct i18n_iso_key key = { english, I18N_ISO_COUNTRY, 0 }, *hit;

	if (lang == NULL || english == NULL || strcmp(lang, "en") == 0)
		return NULL;
	i18n_iso_load();
	if (iso.nkeys == 0)
		return NULL;
	hit = bsearch(&key, iso.keys, iso.nkeys, sizeof *iso.keys, i18n_iso_cmp_key);
	return hit != NULL ? i18n_iso_tr(hit->kind, hit->idx, lang) : NULL;
}

const char *
i18n_iso_error(void)
{
	i18n_iso_load();
	return iso.error;
}

void
i18n_iso_set_dirs(const char *json_dir, const char *locale_dir)
{
	i18n_iso_shutdown();
	snprintf(iso.json_dir, sizeof iso.json_dir, "%s", json_dir != NULL ? json_dir : "");
	snprintf(iso.locale_dir, sizeof iso.locale_dir, "%s",
	    locale_dir != NULL ? locale_dir : "");
}

void
i18n_iso_shutdown(void)
{
	size_t kind, k, d;

	for (kind = 0; kind < I18N_ISO_KINDS; kind++) {
		for (k = 0; k < iso.t[kind].n; k++) {
			free((char *)iso.t[kind].e[k].code);
			free((char *)iso.t[kind].e[k].name);
			free(iso.t[kind].alias[k]);
		}
		free(iso.t[kind].e);
		free(iso.t[kind].alias);
		memset(&iso.t[kind], 0, sizeof iso.t[kind]);
	}
	for (k = 0; k < iso.ncats; k++) {
		for (d = 0; d < ISO_DOMAINS; d++)
			i18n_mo_free(iso.cats[k].mo[d]);
		free(iso.cats[k].lang);
	}
	free(iso.cats);
	xfree(&iso.keys);
	xfree(&iso.error);
	iso.cats = NULL;
	iso.ncats = iso.capcats = iso.nkeys = 0;
	iso.loaded = false;
}
