#include "ui/conflict.h"

#include <stdlib.h>
#include <string.h>

#include "ui/draw.h"
#include "ui/field.h"
#include "ui/formsave.h"
#include "util/mem.h"
#include "util/str.h"
#include "util/tr.h"

struct ui_conflict {
	struct ui_form		*form;
	struct form_record	*theirs;
	size_t			*diff;	/* field indexes that differ */
	size_t			 ndiff;
};

static const enum ui_action ui_conflict_bar[] = { UA_HELP, UA_SAVE, UA_BACK, UA_NONE };

static bool
ui_conflict_differs(const struct form_record *a, const struct form_record *b, size_t i)
{
	const struct form_field *fd = &a->def->fields[i];

	if (fd->type == FT_REPEAT)
		return a->kids[i].n != b->kids[i].n;
	return !str_eq(str_empty(a->vals[i]) ? NULL : a->vals[i],
	    str_empty(b->vals[i]) ? NULL : b->vals[i]) ||
	    (fd->type == FT_MONEY && !str_eq(a->curs[i], b->curs[i]));
}

static void
ui_conflict_draw(struct ui_screen *s, struct ui_app *app)
{
	struct ui_conflict *c = s->data;
	int top = ui_body_top(), y = top, cw = (app->cols - 4) / 3;
	size_t k;

	y += ui_draw_wrapped(y, 1, app->cols - 2, 3, _("Someone else saved this record while you "
	    "were editing it. Nothing has been overwritten. The differences:"), US_ERROR) + 1;
	ui_draw_text(y, 1, cw, _("Field"), US_HEADING);
	ui_draw_text(y, 2 + cw, cw, _("Yours"), US_HEADING);
	ui_draw_text(y++, 3 + 2 * cw, cw, _("Saved by the other user"), US_HEADING);
	for (k = 0; k < c->ndiff && y < top + ui_body_rows(app); k++, y++) {
		const struct form_field *fd = &c->form->rec->def->fields[c->diff[k]];
		char *mine = ui_field_display(app->forms, c->form->rec, c->diff[k]);
		char *theirs = ui_field_display(app->forms, c->theirs, c->diff[k]);

		ui_draw_text(y, 1, cw, _(fd->label != NULL ? fd->label : fd->name), US_LABEL);
		ui_draw_text(y, 2 + cw, cw, mine, US_NORMAL);
		ui_draw_text(y, 3 + 2 * cw, cw, theirs, US_NORMAL);
		free(mine);
		free(theirs);
	}
	if (app->msg == NULL)
		ui_draw_text(app->rows - 2, 0, app->cols,
		    _("F2/^O: save yours over theirs   t: take theirs   Esc: back to the form"),
		    US_DIM);
}

static void
ui_conflict_take_theirs(struct ui_conflict *c, struct ui_app *app)
{
	struct ui_form *f = c->form;

	form_record_free(f->rec);
	f->rec = c->theirs;
	c->theirs = NULL;
	ui_form_recompute(f, app);
	ui_message(app, false, "%s", _("The saved version is in the form now."));
}

static bool
ui_conflict_key(struct ui_screen *s, struct ui_app *app, int key, enum ui_action a)
{
	struct ui_conflict *c = s->data;

	if (a == UA_SAVE) {
		c->form->rec->version = c->theirs->version;
		ui_close(app, s);
		ui_form_save(s->below, c->form, app);
	} else if (key == 't' || key == 'T') {
		ui_conflict_take_theirs(c, app);
		ui_close(app, s);
	} else if (a == UA_BACK) {
		ui_close(app, s);
	} else {
		return a != UA_HELP && a != UA_QUIT;
	}
	return true;
}

static void
ui_conflict_free(struct ui_screen *s)
{
	struct ui_conflict *c = s->data;

	form_record_free(c->theirs);
	free(c->diff);
	free(c);
}

static const struct ui_screen_ops ui_conflict_ops = {
	.name = "conflict",
	.draw = ui_conflict_draw,
	.key = ui_conflict_key,
	.free = ui_conflict_free,
	.bar = ui_conflict_bar,
};

void
ui_conflict_open(struct ui_app *app, struct ui_form *f, struct form_record *theirs)
{
	struct ui_conflict *c = xcalloc(1, sizeof *c);
	size_t i, n = f->rec->def->nfields;

	c->form = f;
	c->theirs = theirs;
	c->diff = xcalloc(n, sizeof *c->diff);
	for (i = 0; i < n; i++)
		if (form_type_has_value(f->rec->def->fields[i].type) ||
		    f->rec->def->fields[i].type == FT_REPEAT)
			if (ui_conflict_differs(f->rec, theirs, i))
				c->diff[c->ndiff++] = i;
	ui_push(app, &ui_conflict_ops, c, N_("Save conflict"));
}
