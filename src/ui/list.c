/* ui/list: the cursor of a list of lines (see ui/screens.h). */
#include "ui/screens.h"

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
