/* ui/formkeys: what each key does in the form view. */
#include <stdlib.h>
#include <string.h>

#include "db/draft.h"
#include "db/prefill.h"
#include "form/money.h"
#include "form/type.h"
#include "form/workflow.h"
#include "ui/dialog.h"
#include "ui/edit.h"
#include "ui/field.h"
#include "ui/projpick.h"
#include "ui/formsave.h"
#include "ui/formview_int.h"
#include "ui/itempick.h"
#include "ui/picker.h"
#include "util/mem.h"
#include "util/str.h"
#include "util/tr.h"
#include "util/utf8.h"

static const struct ui_item *
ui_form_focus_item(const struct ui_form *f)
{
	return f->focus >= 0 && f->focus < (int)f->nitems ? &f->items[f->focus] : NULL;
}

/* A character the field has no room for: said once the keys stop coming,
 * so a long paste costs no message per refused key. */
static bool
ui_form_full(struct ui_form *f)
{
	f->cut_at = f->edit.limit;
	return true;
}

static void
ui_form_cur_picked(struct ui_app *app, void *arg, const char *value)
{
	struct ui_form *f = arg;
	int field = f->items[f->focus].field;

	if (value == NULL)
		return;
	form_record_set_part(f->rec, (size_t)field,
	    form_type(f->rec->def->fields[field].type)->edit_side, value);
	ui_form_set_err(f, field, NULL);
	f->edit_typed = true;	/* the amount is checked again when the field is left */
	ui_form_changed(f, app);
}

/* A column edited beside the value (money's currency): a letter typed opens
 * the list it is picked from. */
static bool
ui_form_cur_key(struct ui_form *f, struct ui_app *app, int key)
{
	int field = f->edit_field;
	const struct form_type_desc *d = form_type(f->rec->def->fields[field].type);
	char first[2] = { (char)key, '\0' };

	if (d->edit_side == 0 || d->side_field == NULL || key >= 128 ||
	    !((key >= 'a' && key <= 'z') || (key >= 'A' && key <= 'Z')))
		return false;
	ui_picker_open_value(app, f->rec, d->side_field, first,
	    form_record_part(f->rec, (size_t)field, d->edit_side), ui_form_cur_picked, f);
	return true;
}

/* Typing into a text field. A default shown in the field is replaced by the
 * first character typed; any other key (a cursor move, Backspace) edits it
 * instead. The live value and relevance follow when the keys stop coming
 * (ui_form_idle), not after every key of a paste. */
static bool
ui_form_text_key(struct ui_form *f, struct ui_app *app, int key, enum ui_action a)
{
	struct ui_edit *e = &f->edit;
	bool fresh = f->edit_fresh;

	f->edit_fresh = false;
	if (a == UA_NONE && ui_form_cur_key(f, app, key))
		return true;
	if (fresh && a == UA_NONE && key >= 32 && key < 0x200000 && !(key >= 0x7f && key < 0xa0))
		ui_edit_clear(e);
	if (a != UA_NONE || fresh)
		f->dflt[f->edit_field] = false;
	switch (a) {
	case UA_LEFT: ui_edit_left(e); return true;
	case UA_RIGHT: ui_edit_right(e); return true;
	case UA_HOME: ui_edit_home(e); return true;
	case UA_END: ui_edit_end(e); return true;
	case UA_BACKSPACE: ui_edit_backspace(e); break;
	case UA_DELETE: ui_edit_delete(e); break;
	case UA_CLEAR: ui_edit_clear(e); break;
	case UA_ENTER:	/* a new line in multi-line text; Tab goes on */
		if (f->rec->def->fields[f->edit_field].type != FT_MULTILINE)
			return false;
		if (!ui_edit_insert(e, '\n'))
			return ui_form_full(f);	/* the rest of a paste stays out */
		break;
	case UA_NONE:
		if (key < 32 || key >= 0x200000 || (key >= 0x7f && key < 0xa0))
			return false;
		if (!ui_edit_insert(e, (uint32_t)key))
			return ui_form_full(f);
		break;
	default:
		return false;
	}
	ui_form_changed(f, app);
	f->edit_typed = true;
	f->live_due = true;
	return true;
}

static void
ui_form_set_value(struct ui_form *f, struct ui_app *app, int field, const char *v)
{
	form_record_set(f->rec, (size_t)field, v);
	f->dflt[field] = false;	/* chosen: a default no more */
	ui_form_set_err(f, field, NULL);
	ui_form_changed(f, app);
	ui_form_recompute(f, app);
}

static bool
ui_form_yesno_key(struct ui_form *f, struct ui_app *app, int field, int key, enum ui_action a)
{
	const char *v = f->rec->vals[field];
	const char *yes = _("Yes"), *no = _("No");

	if (key == 'y' || key == 'Y' || key == '1' || (key == (unsigned char)yes[0] && key < 128))
		ui_form_set_value(f, app, field, "yes");
	else if (key == 'n' || key == 'N' || key == '0' || (key == (unsigned char)no[0] && key < 128))
		ui_form_set_value(f, app, field, "no");
	else if (key == ' ' || a == UA_LEFT || a == UA_RIGHT)
		ui_form_set_value(f, app, field, str_eq(v, "yes") ? "no" : "yes");
	else if (a == UA_CLEAR || a == UA_BACKSPACE || a == UA_DELETE)
		ui_form_set_value(f, app, field, NULL);
	else
		return false;
	return true;
}

static void
ui_form_picked(struct ui_app *app, void *arg, const char *value)
{
	struct ui_form *f = arg;
	int field = f->items[f->focus].field;

	ui_form_set_value(f, app, field, value);
}

static bool
ui_form_select_key(struct ui_form *f, struct ui_app *app, int field, int key, enum ui_action a)
{
	const struct form_field *fd = &f->rec->def->fields[field];
	char first[8] = "";

	if (a == UA_CLEAR || a == UA_BACKSPACE || a == UA_DELETE) {
		ui_form_set_value(f, app, field, NULL);
		return true;
	}
	if (a == UA_NONE && key > 32 && key < 0x200000)
		first[utf8_encode((uint32_t)key, first)] = '\0';
	else if (a != UA_ENTER && key != ' ')
		return false;
	ui_picker_open(app, f->rec, fd, first, ui_form_picked, f);
	return true;
}

static void
ui_form_add_row(struct ui_form *f, struct ui_app *app, int field)
{
	struct form_record *row = form_record_add_row(f->rec, (size_t)field);
	bool *filled = xcalloc(row->def->nfields + 1, sizeof *filled);
	struct ui_form *rf;

	db_prefill_row(app->db, row, f->rec, filled);	/* what the parent says */
	ui_form_currencies(row, app, f->root->rec->case_id, f->rec);	/* the grant's */
	ui_form_changed(f, app);
	ui_form_recompute(f, app);
	ui_form_open_row(app, f, field, (int)f->rec->kids[field].n - 1);
	rf = app->top != NULL && app->top->data != f ? app->top->data : NULL;
	if (rf != NULL && rf->rec == row) {	/* like a default: a key typed replaces it */
		memcpy(rf->dflt, filled, row->def->nfields * sizeof *filled);
		ui_form_enter(rf);
	}
	free(filled);
}

static void
ui_form_del_row_answer(struct ui_app *app, void *arg, bool yes)
{
	struct ui_form *f = arg;
	const struct ui_item *it = ui_form_focus_item(f);

	if (!yes || it == NULL || it->kind != UI_IT_ROW)
		return;
	form_record_del_row(f->rec, (size_t)it->field, (size_t)it->row);
	ui_form_changed(f, app);
	ui_form_recompute(f, app);
	ui_message(app, false, "%s", _("Row deleted"));
}

static bool
ui_form_row_key(struct ui_form *f, struct ui_app *app, const struct ui_item *it,
    enum ui_action a)
{
	if (a == UA_ENTER && it->kind == UI_IT_ROW)
		ui_form_open_row(app, f, it->field, it->row);
	else if (f->view_only && (a == UA_ENTER || a == UA_ADD_ROW || a == UA_DEL_ROW))
		return false;
	else if (a == UA_ENTER || a == UA_ADD_ROW)
		ui_form_add_row(f, app, it->field);
	else if (a == UA_DEL_ROW && it->kind == UI_IT_ROW)
		ui_dialog_confirm(app, _("Delete this row? (y/n)"), ui_form_del_row_answer, f);
	else
		return false;
	return true;
}

/* A field that names an item of the case's plan (a payment's item, a
 * monitoring row's): Enter lists the items. */
static bool
ui_form_is_item_field(const struct form_set *set, const struct form_def *def,
    const char *name)
{
	const char *mon = form_workflow_form(set, WFS_MONITORING);

	if (str_eq(def->name, form_workflow_form(set, WFS_PAYMENT)))
		return str_eq(name, form_workflow_field(set, WFR_PAY_ITEM));
	return def->parent != NULL && mon != NULL && str_eq(def->parent->name, mon) &&
	    str_eq(def->name, form_workflow_field(set, WFR_MON_ITEMS)) &&
	    str_eq(name, form_workflow_field(set, WFR_MON_ITEM_NO));
}

static void
ui_form_item_picked(struct ui_app *app, void *arg, const char *value)
{
	struct ui_form *f = arg;
	int field = f->items[f->focus].field;

	ui_form_set_value(f, app, field, value);
	ui_form_focus(f, f->focus);	/* the edit buffer shows the number */
}

/* The registration's project code, still empty: Enter lists the projects. */
static bool
ui_form_project_list(struct ui_form *f, struct ui_app *app, int field)
{
	const struct form_def *reg = form_workflow_def(app->forms, WFS_REGISTRATION);

	if (f->rec->def != reg || !str_eq(f->rec->def->fields[field].name,
	    form_workflow_field(app->forms, WFR_REG_PROJECT)) ||
	    !str_empty(f->edit_field == field ? f->edit.text : f->rec->vals[field]))
		return false;
	return ui_projpick_open(app, NULL, ui_form_item_picked, f);
}

static bool
ui_form_item_list(struct ui_form *f, struct ui_app *app, int field)
{
	if (ui_form_project_list(f, app, field))
		return true;
	if (!ui_form_is_item_field(app->forms, f->rec->def, f->rec->def->fields[field].name))
		return false;
	return ui_itempick_open(app, f->root->rec->case_id, f->rec->vals[field] != NULL ?
	    atol(f->rec->vals[field]) : 0, ui_form_item_picked, f);
}

/* Keys for the item with the focus; false when they are not its own. */
static bool
ui_form_item_key(struct ui_form *f, struct ui_app *app, int key, enum ui_action a)
{
	const struct ui_item *it = ui_form_focus_item(f);
	const struct form_field *fd;

	if (it == NULL)
		return false;
	if (it->kind != UI_IT_FIELD)
		return ui_form_row_key(f, app, it, a);
	fd = &f->rec->def->fields[it->field];
	if (a == UA_ENTER && !f->locked[it->field] && ui_form_item_list(f, app, it->field))
		return true;
	if (f->edit_field == it->field)
		return ui_form_text_key(f, app, key, a);
	if (fd->readonly || fd->type == FT_CALCULATED || f->locked[it->field])
		return false;
	if (fd->type == FT_YESNO)
		return ui_form_yesno_key(f, app, it->field, key, a);
	if (fd->type == FT_SELECT_ONE || fd->type == FT_SELECT_MANY)
		return ui_form_select_key(f, app, it->field, key, a);
	return false;
}

/* Back from a row, the form it is in is worked out again: its sums and
 * counts over the rows, and what is relevant now. */
static void
ui_form_back(struct ui_screen *s, struct ui_form *f, struct ui_app *app)
{
	struct ui_form *parent = f->parent;

	if (f->edit_field >= 0)
		ui_form_commit(f, app);
	if (f->root == f && f->dirty && !f->saved && ui_form_keep_draft(f, app))
		ui_message(app, false, "%s",
		    _("Not saved: kept as a draft. Resume it from the start screen."));
	ui_close(app, s);
	if (parent != NULL)
		ui_form_recompute(parent, app);
}

/* A form action (a call's F3/F4) sees what is being typed: the field is
 * stored first, and typing goes on in it afterwards. */
static bool
ui_form_action(struct ui_screen *s, struct ui_form *f, struct ui_app *app, enum ui_action a)
{
	int editing = f->edit_field;
	bool done;

	if (editing >= 0)
		ui_form_commit(f, app);
	done = f->opts.action(app, s, f->rec, a, f->opts.arg);
	if (editing >= 0 && f->focus >= 0)
		ui_form_focus(f, f->focus);
	return done;
}

/* Reading notes with the focus out of sight: Tab or Down brings the focused
 * question into view first, rather than moving past a question not seen. */
static bool
ui_form_peek_to_focus(struct ui_form *f, struct ui_app *app, enum ui_action a)
{
	const struct ui_item *it;

	if (!f->peek || (a != UA_NEXT && a != UA_DOWN) || f->focus < 0 ||
	    f->focus >= (int)f->nitems)
		return false;
	it = &f->items[f->focus];
	if (it->y >= f->top && it->y + it->h <= f->top + ui_body_rows(app))
		return false;
	f->peek = false;
	return true;
}

bool
ui_form_key(struct ui_screen *s, struct ui_app *app, int key, enum ui_action a)
{
	struct ui_form *f = s->data;

	if (key == UI_KEY_TICK)
		return true;
	if (ui_form_peek_to_focus(f, app, a))
		return true;
	f->peek = false;
	if (f->root == f && f->opts.action != NULL && a != UA_NONE &&
	    ui_form_action(s, f, app, a))
		return true;
	if (ui_form_item_key(f, app, key, a))
		return true;
	switch (a) {
	case UA_NEXT: case UA_DOWN: case UA_ENTER: ui_form_move(f, app, 1); break;
	case UA_PREV: case UA_UP: ui_form_move(f, app, -1); break;
	case UA_PGDN: ui_form_move(f, app, ui_body_rows(app) / 2); break;
	case UA_PGUP: ui_form_move(f, app, -ui_body_rows(app) / 2); break;
	case UA_SAVE: ui_form_save(s, f, app); break;
	case UA_BACK: ui_form_back(s, f, app); break;
	case UA_ADD_ROW: case UA_DEL_ROW:
		ui_message(app, true, "%s", _("Go to a list of rows first (family, flights, items)"));
		break;
	default:
		return false;
	}
	return true;
}
