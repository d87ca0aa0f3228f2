/*
 * ui/formtext: a form's texts as shown, with ${name} replaced by the value
 * field name has now (see formview_int.h).
 */
#include <stdlib.h>
#include <string.h>

#include "form/form.h"
#include "ui/field.h"
#include "ui/formview_int.h"
#include "util/mem.h"
#include "util/str.h"

struct ui_form_subst {
	const struct ui_app		*app;
	const struct form_record	*rec;
	const char			*last;	/* the text not copied yet */
	struct strbuf			 out;
};

/* The value shown for field name of rec or of a record it is a row of. */
static char *
ui_form_subst_value(const struct ui_app *app, const struct form_record *rec,
    const char *name)
{
	int i;

	for (; rec != NULL; rec = rec->up)
		if ((i = form_field_index(rec->def, name)) >= 0)
			return ui_field_display(app->forms, rec, (size_t)i);
	return NULL;
}

static void
ui_form_subst_ref(void *arg, const char *name, size_t len)
{
	struct ui_form_subst *s = arg;
	char *want = xstrndup(name, len), *v;

	strbuf_add(&s->out, s->last, (size_t)(name - 2 - s->last));
	v = ui_form_subst_value(s->app, s->rec, want);
	strbuf_puts(&s->out, v != NULL ? v : "");
	free(v);
	free(want);
	s->last = name + len + 1;
}

char *
ui_form_text(const struct ui_form *f, const struct ui_app *app, const char *shown)
{
	struct ui_form_subst s = { app, f->rec, shown, STRBUF_INIT };

	if (shown == NULL)
		return NULL;
	if (strstr(shown, "${") == NULL)
		return xstrdup(shown);
	form_text_refs(shown, ui_form_subst_ref, &s);
	strbuf_puts(&s.out, s.last);
	return strbuf_take(&s.out);
}
