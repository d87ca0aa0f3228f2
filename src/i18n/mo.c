#include "i18n/mo.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/mem.h"
#include "util/str.h"
#include "util/tr.h"
#include "util/utf8.h"

#define MO_MAGIC	0x950412deu
#define MO_MAX_SIZE	(256u << 20)

struct i18n_mo {
	char		*data;
	size_t		 size;
	size_t		 n;
	const char	**orig;
	const char	**trans;
	size_t		*trans_len;
};

struct i18n_mo_reader {
	const unsigned char	*p;
	size_t			 size;
	bool			 swap;
};

static uint32_t
i18n_mo_u32(const struct i18n_mo_reader *r, uint64_t off)
{
	uint32_t v;

	memcpy(&v, r->p + off, 4);
	if (r->swap)
		v = (v >> 24) | ((v >> 8) & 0xFF00u) | ((v << 8) & 0xFF0000u) | (v << 24);
	return v;
}

static bool
i18n_mo_fail(char **err, const char *name, const char *what)
{
	if (err != NULL)
		*err = xasprintf("%s: %s", name, what);
	return false;
}

/* Entry k of the table at off: a string inside the file, NUL-terminated. */
static bool
i18n_mo_string(const struct i18n_mo_reader *r, uint64_t off, size_t k,
    const char **s, size_t *len)
{
	uint64_t l = i18n_mo_u32(r, off + 8 * (uint64_t)k);
	uint64_t o = i18n_mo_u32(r, off + 8 * (uint64_t)k + 4);

	if (o + l + 1 > r->size || r->p[o + l] != '\0')
		return false;
	*s = (const char *)r->p + o;
	*len = (size_t)l;
	return true;
}

static bool
i18n_mo_tables(struct i18n_mo *mo, const struct i18n_mo_reader *r, const char *name,
    char **err)
{
	uint64_t oo = i18n_mo_u32(r, 12), ot = i18n_mo_u32(r, 16);
	size_t k, len;

	if (oo + 8 * (uint64_t)mo->n > r->size || ot + 8 * (uint64_t)mo->n > r->size)
		return i18n_mo_fail(err, name, _("string table out of range"));
	mo->orig = xcalloc(mo->n + 1, sizeof *mo->orig);
	mo->trans = xcalloc(mo->n + 1, sizeof *mo->trans);
	mo->trans_len = xcalloc(mo->n + 1, sizeof *mo->trans_len);
	for (k = 0; k < mo->n; k++) {
		if (!i18n_mo_string(r, oo, k, &mo->orig[k], &len) ||
		    !i18n_mo_string(r, ot, k, &mo->trans[k], &mo->trans_len[k]))
			return i18n_mo_fail(err, name, _("string out of range"));
		if (k > 0 && strcmp(mo->orig[k - 1], mo->orig[k]) > 0)
			return i18n_mo_fail(err, name, _("originals not sorted"));
		if (!utf8_valid(mo->trans[k], mo->trans_len[k]))
			return i18n_mo_fail(err, name, _("translation is not valid UTF-8"));
	}
	return true;
}

static bool
i18n_mo_check(struct i18n_mo *mo, const char *name, char **err)
{
	struct i18n_mo_reader r = { (const unsigned char *)mo->data, mo->size, false };
	uint32_t magic, rev;
	char *cs;
	bool ok;

	if (mo->size == 0)
		return i18n_mo_fail(err, name, _("empty file"));
	if (mo->size < 28)
		return i18n_mo_fail(err, name, _("too short for a catalog"));
	magic = i18n_mo_u32(&r, 0);
	if (magic != MO_MAGIC) {
		r.swap = true;
		if (i18n_mo_u32(&r, 0) != MO_MAGIC)
			return i18n_mo_fail(err, name, _("not a .mo catalog (bad magic number)"));
	}
	rev = i18n_mo_u32(&r, 4);
	if (rev >> 16 > 1)
		return i18n_mo_fail(err, name, _("unsupported catalog revision"));
	mo->n = i18n_mo_u32(&r, 8);
	if (!i18n_mo_tables(mo, &r, name, err))
		return false;
	cs = i18n_mo_header(mo, "Content-Type");
	ok = cs == NULL || strstr(cs, "charset=") == NULL ||
	    strncasecmp(strstr(cs, "charset=") + 8, "UTF-8", 5) == 0;
	free(cs);
	return ok ? true : i18n_mo_fail(err, name, _("charset is not UTF-8"));
}

struct i18n_mo *
i18n_mo_parse(const void *buf, size_t len, const char *name, char **err)
{
	struct i18n_mo *mo = xcalloc(1, sizeof *mo);

	mo->data = xmalloc(len + 1);
	memcpy(mo->data, buf, len);
	mo->data[len] = '\0';
	mo->size = len;
	if (!i18n_mo_check(mo, name, err)) {
		i18n_mo_free(mo);
		return NULL;
	}
	return mo;
}

struct i18n_mo *
i18n_mo_open(const char *path, char **err)
{
	struct strbuf sb = STRBUF_INIT;
	struct i18n_mo *mo;
	char buf[65536];
	size_t got;
	FILE *fp;

	if ((fp = fopen(path, "rb")) == NULL) {
		i18n_mo_fail(err, path, strerror(errno));
		return NULL;
	}
	while ((got = fread(buf, 1, sizeof buf, fp)) > 0 && sb.len <= MO_MAX_SIZE)
		strbuf_add(&sb, buf, got);
	if (ferror(fp) || sb.len > MO_MAX_SIZE) {
		i18n_mo_fail(err, path, ferror(fp) ? _("read error") : _("file too large"));
		fclose(fp);
		strbuf_free(&sb);
		return NULL;
	}
	fclose(fp);
	mo = i18n_mo_parse(sb.s != NULL ? sb.s : "", sb.len, path, err);
	strbuf_free(&sb);
	return mo;
}

void
i18n_mo_free(struct i18n_mo *mo)
{
	if (mo == NULL)
		return;
	free(mo->orig);
	free(mo->trans);
	free(mo->trans_len);
	free(mo->data);
	free(mo);
}

static const char *
i18n_mo_search(const struct i18n_mo *mo, const char *msgid, size_t *len)
{
	size_t lo = 0, hi = mo->n, mid;
	int c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = strcmp(msgid, mo->orig[mid]);
		if (c == 0) {
			*len = mo->trans_len[mid];
			return mo->trans[mid];
		}
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

const char *
i18n_mo_find(const struct i18n_mo *mo, const char *msgid)
{
	const char *t;
	size_t len;

	if (mo == NULL || msgid == NULL || *msgid == '\0')
		return NULL;
	t = i18n_mo_search(mo, msgid, &len);
	return t != NULL && *t != '\0' ? t : NULL;
}

size_t
i18n_mo_count(const struct i18n_mo *mo)
{
	return mo->n;
}

const char *
i18n_mo_msgid(const struct i18n_mo *mo, size_t i)
{
	return i < mo->n ? mo->orig[i] : NULL;
}

static char *
i18n_mo_value(const char *s, const char *end)
{
	char *v;

	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	v = xstrndup(s, (size_t)(end - s));
	str_trim(v);
	return v;
}

char *
i18n_mo_header(const struct i18n_mo *mo, const char *field)
{
	const char *h, *line, *end;
	size_t len, flen = strlen(field);

	if ((h = i18n_mo_search(mo, "", &len)) == NULL)
		return NULL;
	for (line = h; line < h + len; line = end + 1) {
		if ((end = strchr(line, '\n')) == NULL)
			end = line + strlen(line);
		if ((size_t)(end - line) > flen + 1 && strncasecmp(line, field, flen) == 0 &&
		    line[flen] == ':')
			return i18n_mo_value(line + flen + 1, end);
		if (*end == '\0')
			break;
	}
	return NULL;
}
