#include "ui/edit.h"

#include <stdlib.h>
#include <string.h>

#include "util/mem.h"
#include "util/utf8.h"

/* Code points in the n bytes at s. */
static size_t
ui_edit_count(const char *s, size_t n)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			k++;
	return k;
}


/* The text is cut at the limit: whatever set it (a draft, a stored value)
 * cannot hand the editor more than the field may hold. */
void
ui_edit_set(struct ui_edit *e, const char *text, int limit)
{
	size_t n = text != NULL ? strlen(text) : 0;

	if (limit > 0)
		n = utf8_offset(text != NULL ? text : "", (size_t)limit);
	e->cap = n + 16;
	free(e->text);
	e->text = xmalloc(e->cap);
	memcpy(e->text, text != NULL ? text : "", n);
	e->text[n] = '\0';
	e->len = n;
	e->chars = ui_edit_count(e->text, n);
	e->cur = n;
	e->scroll = 0;
	e->limit = limit;
}

void
ui_edit_free(struct ui_edit *e)
{
	xfree(&e->text);
	e->len = e->cap = e->cur = e->scroll = e->chars = 0;
}

/* Byte offset of the start of the character cluster after/before off. */
static size_t
ui_edit_next(const struct ui_edit *e, size_t off)
{
	uint32_t cp;

	if (off >= e->len)
		return e->len;
	off += utf8_decode(e->text + off, e->len - off, &cp);
	while (off < e->len) {
		size_t n = utf8_decode(e->text + off, e->len - off, &cp);

		if (utf8_cp_width(cp) != 0)
			break;
		off += n;
	}
	return off;
}

/* Back one code point, then over the zero-width ones a cluster starts with. */
static size_t
ui_edit_prev(const struct ui_edit *e, size_t off)
{
	uint32_t cp;
	size_t p;

	while (off > 0) {
		p = off - 1;
		while (p > 0 && ((unsigned char)e->text[p] & 0xc0) == 0x80)
			p--;
		utf8_decode(e->text + p, off - p, &cp);
		off = p;
		if (utf8_cp_width(cp) != 0)
			break;
	}
	return off;
}

bool
ui_edit_insert(struct ui_edit *e, uint32_t cp)
{
	char buf[4];
	size_t n;

	if (e->text == NULL)
		ui_edit_set(e, "", e->limit);
	if (e->limit > 0 && e->chars >= (size_t)e->limit)
		return false;
	n = utf8_encode(cp, buf);
	if (e->len + n + 1 > e->cap) {
		e->cap = (e->len + n + 1) * 2;
		e->text = xrealloc(e->text, e->cap);
	}
	memmove(e->text + e->cur + n, e->text + e->cur, e->len - e->cur + 1);
	memcpy(e->text + e->cur, buf, n);
	e->len += n;
	e->cur += n;
	e->chars++;
	return true;
}

static void
ui_edit_cut(struct ui_edit *e, size_t from, size_t to)
{
	e->chars -= ui_edit_count(e->text + from, to - from);
	memmove(e->text + from, e->text + to, e->len - to + 1);
	e->len -= to - from;
	e->cur = from;
	if (e->scroll > from)
		e->scroll = from;
}

void
ui_edit_backspace(struct ui_edit *e)
{
	if (e->text != NULL && e->cur > 0)
		ui_edit_cut(e, ui_edit_prev(e, e->cur), e->cur);
}

void
ui_edit_delete(struct ui_edit *e)
{
	if (e->text != NULL && e->cur < e->len)
		ui_edit_cut(e, e->cur, ui_edit_next(e, e->cur));
}

void
ui_edit_left(struct ui_edit *e)
{
	e->cur = ui_edit_prev(e, e->cur);
}

void
ui_edit_right(struct ui_edit *e)
{
	e->cur = ui_edit_next(e, e->cur);
}

void
ui_edit_home(struct ui_edit *e)
{
	e->cur = 0;
}

void
ui_edit_end(struct ui_edit *e)
{
	e->cur = e->len;
}

void
ui_edit_clear(struct ui_edit *e)
{
	if (e->text != NULL)
		ui_edit_cut(e, 0, e->len);
}

/* Columns between scroll and the cursor. */
static int
ui_edit_cols_to_cursor(const struct ui_edit *e)
{
	char *part = xstrndup(e->text + e->scroll, e->cur - e->scroll);
	int w = ui_draw_width(part);

	free(part);
	return w;
}

/* Columns of the cluster at off..next, as drawn. */
static int
ui_edit_cluster_cols(const struct ui_edit *e, size_t off, size_t next)
{
	char *part = xstrndup(e->text + off, next - off);
	int w = ui_draw_width(part);

	free(part);
	return w;
}

/*
 * The least scroll that shows the cursor within cols - 1 columns, found
 * walking back from the cursor: a few clusters, however long the text (a
 * walk forward from the old scroll is quadratic after a long paste).
 */
static void
ui_edit_scroll_to_cursor(struct ui_edit *e, int cols)
{
	size_t off = e->cur, p;
	int w = 0, cw;

	if (e->cur < e->scroll)
		e->scroll = e->cur;
	while (off > e->scroll) {
		p = ui_edit_prev(e, off);
		cw = ui_edit_cluster_cols(e, p, off);
		if (w + cw > cols - 1)
			break;
		w += cw;
		off = p;
	}
	e->scroll = off;
}

void
ui_edit_draw(struct ui_edit *e, int y, int x, int cols, enum ui_style st)
{
	int w;

	if (e->text == NULL)
		ui_edit_set(e, "", e->limit);
	if (cols < 2)
		return;
	ui_edit_scroll_to_cursor(e, cols);
	ui_draw_fill(y, x, cols, st);
	ui_draw_clip(y, x, cols, e->text + e->scroll, st);
	w = ui_edit_cols_to_cursor(e);
	ui_draw_cursor(y, x + w);
}
