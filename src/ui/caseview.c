/*
 * ui/caseview: one case: the person and the family, the status, what the next
 * step still needs, every form of the case, and a timeline of what happened.
 * The cursor moves over the forms and the timeline; Enter opens one.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "db/audit.h"
#include "db/cases.h"
#include "db/lifecycle.h"
#include "db/perm.h"
#include "form/workflow.h"
#include "db/record.h"
#include "db/timeline.h"
#include "db/users.h"
#include "i18n/i18n.h"
#include "ui/draw.h"
#include "ui/screens.h"
#include "util/mem.h"
#include "util/str.h"
#include "util/tr.h"

enum ui_cv_kind { CV_TEXT, CV_HEAD, CV_WARN, CV_FORM, CV_EVENT };

struct ui_caseview;

/* A line's text from the case's data and msgids, made when it is drawn. */
typedef char *(*ui_cv_text_fn)(const struct ui_caseview *, size_t index);

struct ui_cv_line {
	enum ui_cv_kind	 kind;
	const char	*id;		/* msgid of the whole line, or NULL */
	ui_cv_text_fn	 text;		/* else the text of it, or NULL for none */
	size_t		 index;		/* CV_FORM: form; CV_EVENT: timeline entry;
					 * CV_WARN: what is missing */
};

struct ui_caseview {
	int64_t			 case_id;
	struct db_case_summary	 sum;
	const struct form_def	**forms;	/* forms of a case, lifecycle order */
	size_t			 nforms;
	size_t			*counts;
	int64_t			*first;		/* newest record id per form */
	struct ui_cv_line	*lines;
	size_t			 nlines;
	size_t			 cap;
	size_t			 cur;		/* a CV_FORM or CV_EVENT line */
	size_t			 top;		/* the first line shown below the head */
	size_t			 nhead;		/* lines of the head, pinned at the top */
	char			*err;		/* the last load's first failure, or NULL */
};

static const enum ui_action ui_caseview_bar[] = {
	UA_HELP, UA_ENTER, UA_BACK, UA_CLIENT_LANG, UA_CALL, UA_QUIT, UA_NONE
};
/* The columns of a form's line (its title) and of a timeline entry (day
 * and time, what happened; the detail takes the rest), at 80 columns; a
 * wider window gives the titles a third of what it adds. */
#define UI_CV_TITLE	34
#define UI_CV_DAY	16
#define UI_CV_WHAT	26

static int
ui_caseview_wider(const struct ui_app *app, int at80)
{
	return at80 + (app->cols > 80 ? (app->cols - 80) / 3 : 0);
}

/* The order of the workflow table (forms/workflow); forms without one follow. */
static int
ui_caseview_rank(const struct form_set *set, const struct form_def *d)
{
	enum form_wf_stage stage;
	int order = 0;

	if (form_workflow_stage_of(set, d->name, &stage))
		order = form_workflow_order(set, stage);
	return order > 0 ? order : INT_MAX;
}

/* A form the case overview lists: one of a case, or one the table orders. */
static bool
ui_caseview_lists(const struct form_set *set, const struct form_def *d)
{
	return d->needs_case || ui_caseview_rank(set, d) != INT_MAX;
}

static void
ui_caseview_pick_forms(struct ui_caseview *v, struct ui_app *app)
{
	const struct form_set *set = app->forms;
	size_t i, j, n = 0;

	v->forms = xcalloc(set->nforms, sizeof *v->forms);
	for (i = 0; i < set->nforms; i++)
		if (ui_caseview_lists(set, set->forms[i]) &&
		    db_perm_form(app->db, set->forms[i], FA_READ))
			v->forms[n++] = set->forms[i];
	for (i = 1; i < n; i++)	/* insertion sort by rank */
		for (j = i; j > 0 && ui_caseview_rank(set, v->forms[j]) <
		    ui_caseview_rank(set, v->forms[j - 1]); j--) {
			const struct form_def *t = v->forms[j];

			v->forms[j] = v->forms[j - 1];
			v->forms[j - 1] = t;
		}
	v->nforms = n;
	v->counts = xcalloc(n ? n : 1, sizeof *v->counts);
	v->first = xcalloc(n ? n : 1, sizeof *v->first);
}

static void
ui_caseview_add(struct ui_caseview *v, enum ui_cv_kind kind, const char *id,
    ui_cv_text_fn text, size_t index)
{
	v->lines = xgrow(v->lines, &v->cap, v->nlines + 1, sizeof *v->lines);
	v->lines[v->nlines++] = (struct ui_cv_line){ kind, id, text, index };
}

static void
ui_caseview_clear_lines(struct ui_caseview *v)
{
	v->nlines = 0;
}

static char *
ui_caseview_line_text(const struct ui_caseview *v, const struct ui_cv_line *l)
{
	if (l->text != NULL)
		return l->text(v, l->index);
	return xstrdup(l->id != NULL ? _(l->id) : "");
}

static char *
ui_caseview_person(const struct db_case_person *p)
{
	return xasprintf("%s %s%s%s%s", p->surname != NULL ? p->surname : "",
	    p->given_names != NULL ? p->given_names : "",
	    p->native_name != NULL ? " (" : "", p->native_name != NULL ? p->native_name : "",
	    p->native_name != NULL ? ")" : "");
}

static char *
ui_caseview_case_text(const struct ui_caseview *v, size_t index)
{
	const struct db_case_summary *s = &v->sum;
	char *name = ui_caseview_person(&s->principal), *t;

	t = xasprintf("%s  %s  %s %s  %s", s->c.case_no, name,
	    _("born"), s->principal.dob != NULL ? s->principal.dob : "?",
	    s->principal.nationality != NULL ? s->principal.nationality : "");
	free(name);
	return t;
}

static char *
ui_caseview_status_text(const struct ui_caseview *v, size_t index)
{
	const struct db_case_summary *s = &v->sum;
	const struct i18n_lang *cl = s->c.client_lang != NULL ?
	    i18n_lang_find(s->c.client_lang) : NULL;

	return xasprintf("%s: %s   %s: %s   %s: %s", _("Status"),
	    _(db_case_status_name(s->c.status)), _("Client language"),
	    cl != NULL ? cl->own_name : s->c.client_lang != NULL ? s->c.client_lang : "-",
	    _("Project"), s->c.project != NULL ? s->c.project : "-");
}

static char *
ui_caseview_family_text(const struct ui_caseview *v, size_t index)
{
	const struct db_case_summary *s = &v->sum;
	struct strbuf sb = STRBUF_INIT;
	char *name, *t;
	size_t i;

	for (i = 0; i < s->nfamily; i++) {
		name = ui_caseview_person(&s->family[i]);
		strbuf_printf(&sb, "%s%s (%s)", i > 0 ? ", " : "", name,
		    s->family[i].relationship != NULL ? _(s->family[i].relationship) : "");
		free(name);
	}
	t = xasprintf("%s: %s", _("Family"), strbuf_str(&sb));
	strbuf_free(&sb);
	return t;
}

static void
ui_caseview_head_lines(struct ui_caseview *v)
{
	ui_caseview_add(v, CV_HEAD, NULL, ui_caseview_case_text, 0);
	ui_caseview_add(v, CV_TEXT, NULL, ui_caseview_status_text, 0);
	if (v->sum.nfamily > 0)
		ui_caseview_add(v, CV_TEXT, NULL, ui_caseview_family_text, 0);
}

static char *
ui_caseview_missing_text(const struct ui_caseview *v, size_t i)
{
	char *t = db_timeline_note_text(_(v->sum.missing[i].what), &v->sum.missing[i]);
	char *line = xasprintf("  %s", t);

	free(t);
	return line;
}

static void
ui_caseview_missing_lines(struct ui_caseview *v)
{
	size_t i;

	if (v->sum.nmissing == 0) {
		ui_caseview_add(v, CV_TEXT, N_("Nothing is missing for the next step."), NULL, 0);
		return;
	}
	ui_caseview_add(v, CV_HEAD, N_("The next step needs:"), NULL, 0);
	for (i = 0; i < v->sum.nmissing; i++)
		ui_caseview_add(v, CV_WARN, NULL, ui_caseview_missing_text, i);
}

static char *
ui_caseview_form_text(const struct ui_caseview *v, size_t k)
{
	const struct form_def *d = v->forms[k];

	if (v->counts[k] == 0)
		return xasprintf("%s\t%s", _(d->title), d->once ? _("not filled in") : "-");
	if (d->once)
		return xasprintf("%s\t%s", _(d->title), _("filled in"));
	return xasprintf("%s\t%zu", _(d->title), v->counts[k]);
}

static void
ui_caseview_form_lines(struct ui_caseview *v)
{
	size_t k;

	ui_caseview_add(v, CV_TEXT, NULL, NULL, 0);
	ui_caseview_add(v, CV_HEAD, N_("Forms of this case"), NULL, 0);
	for (k = 0; k < v->nforms; k++)
		ui_caseview_add(v, CV_FORM, NULL, ui_caseview_form_text, k);
}

static char *
ui_caseview_event_text(const struct ui_caseview *v, size_t i)
{
	const struct db_timeline_entry *e = &v->sum.timeline[i];

	return xasprintf("%s\t%s\t%s%s%s", e->date != NULL ? e->date : "", _(e->what),
	    e->label != NULL ? _(e->label) : "",
	    e->label != NULL && e->detail != NULL ? "  " : "",
	    e->detail != NULL ? e->detail : "");
}

static void
ui_caseview_timeline_lines(struct ui_caseview *v)
{
	size_t i;

	if (v->sum.ntimeline == 0)
		return;
	ui_caseview_add(v, CV_TEXT, NULL, NULL, 0);
	ui_caseview_add(v, CV_HEAD, N_("Timeline (newest first)"), NULL, 0);
	for (i = v->sum.ntimeline; i > 0; i--)	/* by day, then by the time of day */
		ui_caseview_add(v, CV_EVENT, NULL, ui_caseview_event_text, i - 1);
}

/* A read failed: the first failure of a load is said, and kept for the body
 * until a load succeeds (the case must not look as if it held nothing). */
static void
ui_caseview_failed(struct ui_caseview *v, struct ui_app *app, char *err,
    const char *fallback)
{
	if (v->err != NULL) {
		free(err);
		return;
	}
	v->err = err != NULL ? err : xstrdup(_(fallback));
	ui_message(app, true, "%s", v->err);
}

static void
ui_caseview_counts(struct ui_caseview *v, struct ui_app *app)
{
	int64_t *ids = NULL;
	char *err = NULL;
	size_t i, n;

	for (i = 0; i < v->nforms; i++) {
		n = 0;
		if (db_record_list(app->db, v->forms[i], v->case_id, &ids, &n, &err) != DB_OK) {
			ui_caseview_failed(v, app, err, N_("The list cannot be read"));
			err = NULL;
			n = 0;
		}
		v->counts[i] = n;
		v->first[i] = n > 0 ? ids[0] : 0;
		free(ids);
		ids = NULL;
	}
}

static bool
ui_caseview_selectable(const struct ui_caseview *v, size_t i)
{
	return i < v->nlines && (v->lines[i].kind == CV_FORM || v->lines[i].kind == CV_EVENT);
}

static void
ui_caseview_load(struct ui_caseview *v, struct ui_app *app)
{
	char *err = NULL;
	enum ui_cv_kind kind = CV_FORM;
	size_t index = 0, k;

	if (v->cur < v->nlines) {	/* the selection follows its line, not its row */
		kind = v->lines[v->cur].kind;
		index = v->lines[v->cur].index;
	}
	db_timeline_summary_clear(&v->sum);
	ui_caseview_clear_lines(v);
	free(v->err);
	v->err = NULL;
	if (db_timeline_summary(app->db, v->case_id, &v->sum, &err) != DB_OK)
		ui_caseview_failed(v, app, err, N_("The case cannot be read"));
	if (v->forms == NULL)
		ui_caseview_pick_forms(v, app);
	ui_caseview_counts(v, app);
	if (v->sum.c.case_no != NULL) {
		ui_caseview_head_lines(v);
		ui_caseview_missing_lines(v);
	}
	v->nhead = v->nlines;
	v->top = 0;	/* back on top (after a save, say): scrolled no more than needed */
	ui_caseview_form_lines(v);
	ui_caseview_timeline_lines(v);
	for (k = 0, v->cur = 0; k < v->nlines; k++)
		if (v->lines[k].kind == kind && v->lines[k].index == index)
			v->cur = k;
	while (v->cur < v->nlines && !ui_caseview_selectable(v, v->cur))
		v->cur++;
}

/* On top again, or a write elsewhere: the case is read again. */
static void
ui_caseview_shown(struct ui_screen *s, struct ui_app *app)
{
	struct ui_caseview *v = s->data;

	ui_caseview_load(v, app);
	app->case_id = v->case_id;
	ui_client_follow(app, v->sum.c.client_lang);
}

static void
ui_caseview_draw_line(struct ui_caseview *v, struct ui_app *app, size_t k, int y)
{
	const struct ui_cv_line *l = &v->lines[k];
	enum ui_style st = k == v->cur ? US_FOCUS : l->kind == CV_HEAD ? US_HEADING :
	    l->kind == CV_WARN ? US_ERROR : US_NORMAL;
	char *t = ui_caseview_line_text(v, l);
	int fw[] = { ui_caseview_wider(app, UI_CV_TITLE), 0 };
	int tw[] = { UI_CV_DAY, ui_caseview_wider(app, UI_CV_WHAT), 0 };

	if (k == v->cur)
		ui_draw_fill(y, 1, app->cols - 2, US_FOCUS);
	if (l->kind == CV_FORM || l->kind == CV_EVENT)
		ui_draw_cells(y, 2, app->cols - 4, t, l->kind == CV_FORM ? fw : tw, st);
	else
		ui_draw_text(y, 1, app->cols - 2, t, st);
	free(t);
}

/* The head (case, person, status, what the next step needs) stays at the
 * top, up to half the body; the forms and the timeline scroll below it. */
static void
ui_caseview_draw(struct ui_screen *s, struct ui_app *app)
{
	struct ui_caseview *v = s->data;
	int top = ui_body_top(), rows = ui_body_rows(app), y = top;
	size_t k, head;

	if (v->err != NULL) {	/* said above what could be read */
		y += ui_draw_wrapped(y, 1, app->cols - 2, 3, v->err, US_ERROR) + 1;
		rows -= y - top;
		top = y;
	}
	head = v->nhead < (size_t)rows / 2 ? v->nhead : (size_t)rows / 2;
	for (k = 0; k < head; k++, y++)
		ui_caseview_draw_line(v, app, k, y);
	top += (int)head;
	rows -= (int)head;
	if (v->top < head)	/* reloaded: as near the start as the cursor lets it */
		v->top = v->cur < head + (size_t)rows ? head : v->cur - (size_t)rows + 1;
	if (v->cur < v->top) {	/* up: with the headings just above the cursor's line */
		v->top = v->cur;
		while (v->top > head && !ui_caseview_selectable(v, v->top - 1))
			v->top--;
	}
	if (v->cur >= v->top + (size_t)rows)
		v->top = v->cur - (size_t)rows + 1;
	for (k = v->top; k < v->nlines && y < top + rows; k++, y++)
		ui_caseview_draw_line(v, app, k, y);
}

static void
ui_caseview_step(struct ui_caseview *v, int dir, int times)
{
	size_t k = v->cur;

	while (times-- > 0) {
		size_t n = k;

		do {
			if ((dir < 0 && n == 0) || (dir > 0 && n + 1 >= v->nlines)) {
				n = k;
				break;
			}
			n = dir < 0 ? n - 1 : n + 1;
		} while (!ui_caseview_selectable(v, n));
		k = n;
	}
	v->cur = k;
}

static void
ui_caseview_open_line(struct ui_caseview *v, struct ui_app *app)
{
	const struct ui_cv_line *l = &v->lines[v->cur];
	const struct db_timeline_entry *e;
	const struct form_def *d;

	if (l->kind == CV_FORM) {
		d = v->forms[l->index];
		if (d->once)
			ui_open_record(app, d, v->case_id, v->first[l->index]);
		else
			ui_reclist_open(app, d, v->case_id);
		return;
	}
	e = &v->sum.timeline[l->index];
	d = e->form != NULL ? form_set_find(app->forms, e->form) : NULL;
	if (d != NULL && e->record_id != 0)
		ui_open_record(app, d, v->case_id, e->record_id);
}

/* For now supervisors and administrators only (the full matrix comes later). */
static void
ui_caseview_history(struct ui_caseview *v, struct ui_app *app)
{
	if (db_users_is(app->db, "supervisor") || db_users_is(app->db, "admin"))
		ui_history_open(app, v->case_id);
	else
		ui_message(app, true, "%s", _("Only a supervisor or an administrator sees the "
		    "history of a case"));
}

static bool
ui_caseview_key(struct ui_screen *s, struct ui_app *app, int key, enum ui_action a)
{
	struct ui_caseview *v = s->data;
	int page = ui_body_rows(app) - 2;

	if (key == UI_KEY_TICK)
		return true;
	switch (a) {
	case UA_UP: case UA_PREV: ui_caseview_step(v, -1, 1); return true;
	case UA_DOWN: case UA_NEXT: ui_caseview_step(v, 1, 1); return true;
	case UA_PGUP: ui_caseview_step(v, -1, page); return true;
	case UA_PGDN: ui_caseview_step(v, 1, page); return true;
	case UA_HOME: ui_caseview_step(v, -1, (int)v->nlines); return true;
	case UA_END: ui_caseview_step(v, 1, (int)v->nlines); return true;
	case UA_BACK: ui_close(app, s); return true;
	case UA_ENTER:
		if (ui_caseview_selectable(v, v->cur))
			ui_caseview_open_line(v, app);
		return true;
	case UA_HISTORY: ui_caseview_history(v, app); return true;
	default:
		return false;
	}
}

static void
ui_caseview_free(struct ui_screen *s)
{
	struct ui_caseview *v = s->data;

	db_timeline_summary_clear(&v->sum);
	ui_caseview_clear_lines(v);
	free(v->lines);
	free(v->forms);
	free(v->counts);
	free(v->first);
	free(v->err);
	free(v);
}

static const struct ui_screen_ops ui_caseview_ops = {
	.name = "case",
	.draw = ui_caseview_draw,
	.shown = ui_caseview_shown,
	.key = ui_caseview_key,
	.free = ui_caseview_free,
	.bar = ui_caseview_bar,
};

void
ui_caseview_open(struct ui_app *app, int64_t case_id)
{
	struct ui_caseview *v;
	char *err = NULL;

	if (db_audit_view(app->db, "cases", case_id, case_id, &err) != DB_OK) {
		ui_message_err(app, err, N_("The case cannot be read"));
		return;
	}
	v = xcalloc(1, sizeof *v);
	v->case_id = case_id;
	ui_push(app, &ui_caseview_ops, v, N_("Case"));
}
