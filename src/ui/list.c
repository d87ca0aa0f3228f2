/* ui/list: the engine of the list screens (see ui/list.h). */
#include "ui/list.h"

#include <stdlib.h>
#include <string.h>

#include "ui/draw.h"
#include "util/mem.h"
#include "util/tr.h"

bool
ui_list_move(struct ui_list *l, enum ui_action a, int page)
{
	size_t p = page > 1 ? (size_t)page : 1;

	switch (a) {
	case UA_UP: case UA_PREV:
		if (l->cur > 0)
			l->cur--;
		return true;
	case UA_DOWN: case UA_NEXT:
		if (l->cur + 1 < l->n)
			l->cur++;
		return true;
	case UA_PGUP:
		l->cur = l->cur > p ? l->cur - p : 0;
		return true;
	case UA_PGDN:
		l->cur = l->cur + p < l->n ? l->cur + p : (l->n > 0 ? l->n - 1 : 0);
		return true;
	case UA_HOME:
		l->cur = 0;
		return true;
	case UA_END:
		l->cur = l->n > 0 ? l->n - 1 : 0;
		return true;
	default:
		return false;
	}
}

void
ui_list_scroll(struct ui_list *l, int rows)
{
	if (l->cur >= l->n)
		l->cur = l->n > 0 ? l->n - 1 : 0;
	if (l->cur < l->top)
		l->top = l->cur;
	if (rows > 0 && l->cur >= l->top + (size_t)rows)
		l->top = l->cur - (size_t)rows + 1;
}

bool
ui_list_load(struct ui_list *l, struct ui_app *app)
{
	char *err = NULL;
	size_t n = 0;

	free(l->err);
	l->err = NULL;
	if (!l->ops->load(l, app, &n, &err)) {
		l->err = err != NULL ? err : xstrdup(_("The list cannot be read"));
		ui_message(app, true, "%s", l->err);
	} else {
		free(err);
	}
	l->n = n;
	ui_list_scroll(l, 0);
	return l->err == NULL;
}

/* Puts the cursor's line (and its heading) in rows rows: a reading list
 * shows its last page at most, headings counted when the screen says them. */
static void
ui_list_place(struct ui_list *l, struct ui_app *app, int rows)
{
	size_t k;
	int used;

	if (l->reading) {
		if (rows > 0 && l->n > (size_t)rows && l->cur > l->n - (size_t)rows)
			l->cur = l->n - (size_t)rows;
		else if (rows > 0 && l->n <= (size_t)rows)
			l->cur = 0;
		l->top = l->cur;
		return;
	}
	if (l->ops->above == NULL) {
		ui_list_scroll(l, rows - l->reserve);
		return;
	}
	ui_list_scroll(l, 0);
	for (;;) {
		for (used = 0, k = l->top; k <= l->cur && k < l->n; k++)
			used += l->ops->above(l, app, k) + 1;
		if (used <= rows || l->top >= l->cur)
			return;
		l->top++;
	}
}

/* The columns text takes, at most most. */
static int
ui_list_bar_cols(const char *t, int most)
{
	int w = ui_draw_width(t);

	return w < most ? w : most;
}

static void
ui_list_draw_line(struct ui_list *l, struct ui_app *app, size_t k, int y)
{
	bool cur = k == l->cur && !l->reading;
	const int *widths = NULL;
	char *t;

	if (l->ops->draw != NULL) {
		l->ops->draw(l, app, k, y, cur);
		return;
	}
	t = l->ops->line(l, app, k, &widths);
	if (cur)	/* a row of cells: the bar across; a line of text: as long as it */
		ui_draw_fill(y, 1, widths != NULL && strchr(t, '\t') != NULL ? app->cols - 2 :
		    ui_list_bar_cols(t, app->cols - 4) + 2, US_FOCUS);
	if (widths != NULL)
		ui_draw_cells(y, 2, app->cols - 4, t, widths, cur ? US_FOCUS : US_NORMAL);
	else
		ui_draw_text(y, 2, app->cols - 4, t, cur ? US_FOCUS : US_NORMAL);
	free(t);
}

void
ui_list_draw(struct ui_list *l, struct ui_app *app, int top, int rows)
{
	int y = top;
	size_t k;

	ui_list_place(l, app, rows - (l->err != NULL ? 3 : 0));
	for (k = l->top; k < l->n && y < top + rows; k++) {
		if (l->ops->heading != NULL && (y += l->ops->heading(l, app, k, y)) >= top + rows)
			break;
		ui_list_draw_line(l, app, k, y++);
	}
	if (l->err != NULL && y + 1 < top + rows)	/* where the rest of the list would be */
		ui_draw_wrapped(y + 1, 2, app->cols - 4, top + rows - y - 1, l->err, US_ERROR);
}

bool
ui_list_key(struct ui_list *l, struct ui_screen *s, struct ui_app *app, enum ui_action a,
    int page)
{
	if (ui_list_move(l, a, page))
		return true;
	if (l->cur >= l->n)
		return false;
	if (a == UA_ENTER && l->ops->open != NULL) {
		l->ops->open(l, s, app, l->cur);
		return true;
	}
	return l->ops->act != NULL && l->ops->act(l, s, app, l->cur, a);
}

void
ui_list_free(struct ui_list *l)
{
	free(l->err);
	l->err = NULL;
}

void
ui_list_draw_body(struct ui_list *l, struct ui_app *app, const char *empty)
{
	if (l->n == 0 && l->err == NULL) {
		ui_draw_text(ui_body_top() + 1, 1, app->cols - 2, _(empty), US_DIM);
		return;
	}
	ui_list_draw(l, app, ui_body_top() + 1, ui_body_rows(app) - 1);
}

bool
ui_list_screen_key(struct ui_list *l, struct ui_screen *s, struct ui_app *app, int key,
    enum ui_action a)
{
	if (key == UI_KEY_TICK)
		return true;
	if (ui_list_key(l, s, app, a, ui_body_rows(app) - 2))
		return true;
	if (a != UA_BACK)
		return false;
	ui_close(app, s);
	return true;
}
