/*
 * db/timeline: the case overview: who, the family, what the next step still
 * needs, and the dated events of every record of the case. Only msgids and
 * data leave here; the UI translates.
 */
#include "db/timeline.h"

#include <stdlib.h>
#include <string.h>

#include "db/internal.h"
#include "db/lifecycle_int.h"
#include "db/perm.h"
#include "util/mem.h"
#include "util/str.h"
#include "util/tr.h"

struct db_timeline {
	struct db			*db;
	struct db_case_summary		*s;
	const struct db_lifecycle_case	*lc;
	const char			*role;	/* the user's (db/perm) */
	size_t				 tcap;
	size_t				 mcap;
};

/* May the user read records of rec's form (a row's: its form's)? */
static bool
db_timeline_may_form(const struct db_timeline *t, const struct form_record *rec)
{
	const struct form_def *def = rec != NULL ? rec->def : NULL;

	while (def != NULL && def->parent != NULL)
		def = def->parent;
	return def == NULL || form_perm_form(db_forms(t->db), t->role, def->name, FA_READ);
}

/* May the user read the field of a role in rec (its form and its class)? */
static bool
db_timeline_may(const struct db_timeline *t, const struct form_record *rec,
    enum form_wf_role role)
{
	const char *name = form_workflow_field(db_forms(t->db), role);
	int i;

	if (rec == NULL || name == NULL || (i = form_field_index(rec->def, name)) < 0)
		return true;
	return db_timeline_may_form(t, rec) &&
	    form_perm_field(db_forms(t->db), t->role, &rec->def->fields[i], FA_READ);
}

/* One event; skipped when the date is empty, or the user may not read its form. detail is taken (malloc'd or NULL). */
static void
db_timeline_add(struct db_timeline *t, const char *date, const char *what,
    const char *label, char *detail, const struct form_record *rec)
{
	struct db_timeline_entry *e;
	enum form_wf_stage stage;

	if (str_empty(date) || !db_timeline_may_form(t, rec)) {
		free(detail);
		return;
	}
	t->s->timeline = xgrow(t->s->timeline, &t->tcap, t->s->ntimeline + 1,
	    sizeof *t->s->timeline);
	e = &t->s->timeline[t->s->ntimeline++];
	e->date = xstrdup(date);
	e->what = what;
	e->label = label;
	e->detail = detail;
	e->form = rec != NULL ? rec->def->name : NULL;
	e->record_id = rec != NULL ? rec->id : t->lc->c.id;
	e->order = 0;
	if (rec != NULL && form_workflow_stage_of(db_forms(t->db), rec->def->name, &stage))
		e->order = form_workflow_order(db_forms(t->db), stage);
}

/* A note with up to DB_NOTE_ARGS data arguments (copied; NULL ends the list). */
static void
db_timeline_note(struct db_timeline *t, const char *what, const char *a0, const char *a1,
    const char *a2, const char *a3)
{
	struct db_case_note *n;

	t->s->missing = xgrow(t->s->missing, &t->mcap, t->s->nmissing + 1,
	    sizeof *t->s->missing);
	n = &t->s->missing[t->s->nmissing++];
	n->what = what;
	n->arg[0] = xstrdup0(a0);
	n->arg[1] = xstrdup0(a1);
	n->arg[2] = xstrdup0(a2);
	n->arg[3] = xstrdup0(a3);
}

static char *
db_timeline_dup(const char *s)
{
	return str_empty(s) ? NULL : xstrdup(s);
}

static const char *
db_timeline_or(const char *s, const char *dflt)
{
	return s != NULL ? s : dflt;
}

/* The first line of multiline text, or NULL. */
static char *
db_timeline_line(const char *s)
{
	return str_empty(s) ? NULL : xstrndup(s, strcspn(s, "\r\n"));
}

/* The value of the field of a role in rec, or NULL. */
static const char *
db_timeline_v(struct db_timeline *t, const struct form_record *rec, enum form_wf_role role)
{
	return db_timeline_may(t, rec, role) ? db_lifecycle_vget(t->db, rec, role) : NULL;
}

/* The choice label of the field of a role in rec, or NULL. */
static const char *
db_timeline_label(struct db_timeline *t, const struct form_record *rec, enum form_wf_role role)
{
	return db_timeline_may(t, rec, role) ? db_lifecycle_vlabel(t->db, rec, role) : NULL;
}

/* "<amount> <currency>" of a money field, or NULL. */
static char *
db_timeline_money(struct db_timeline *t, const struct form_record *rec, enum form_wf_role role)
{
	const char *v = db_timeline_v(t, rec, role);

	if (str_empty(v))
		return NULL;
	return xasprintf("%s %s", v, db_lifecycle_currency(db_lifecycle_vcur(t->db, rec, role)));
}

static void
db_timeline_prep(struct db_timeline *t, const struct form_record *p)
{
	const struct form_rows *fl = db_lifecycle_vrows(t->db, p, WFR_PREP_FLIGHTS);
	const struct form_record *f;
	const char *no;
	size_t i;

	db_timeline_add(t, db_timeline_v(t, p, WFR_PREP_REQUESTED), N_("Travel document requested"),
	    NULL, db_timeline_dup(db_timeline_v(t, p, WFR_PREP_EMBASSY)), p);
	db_timeline_add(t, db_timeline_v(t, p, WFR_PREP_ISSUED), N_("Travel document issued"),
	    NULL, NULL, p);
	for (i = 0; fl != NULL && i < fl->n; i++) {
		f = fl->rows[i];
		no = db_timeline_v(t, f, WFR_FLIGHT_NO);
		db_timeline_add(t, db_timeline_v(t, f, WFR_FLIGHT_DATE), N_("Flight"), NULL,
		    xasprintf("%s - %s%s%s", db_timeline_or(db_timeline_v(t, f, WFR_FLIGHT_FROM), ""),
		    db_timeline_or(db_timeline_v(t, f, WFR_FLIGHT_TO), ""), str_empty(no) ? "" : " ",
		    str_empty(no) ? "" : no), p);
	}
	db_timeline_add(t, db_timeline_v(t, p, WFR_PREP_ALLOWANCE_PAID), N_("Allowance paid"),
	    NULL, db_timeline_money(t, p, WFR_PREP_ALLOWANCE), p);
}

static void
db_timeline_plan(struct db_timeline *t, const struct form_record *p)
{
	const struct form_rows *items;
	struct db_lifecycle_plan f;
	char *total;
	bool show;

	if (p == NULL || db_lifecycle_plan_facts(t->db, t->lc, p, &f, NULL) != DB_OK)
		return;
	/* The total is the items' budgets: shown to who may read them. */
	items = db_lifecycle_vrows(t->db, p, WFR_PLAN_ITEMS);
	show = items == NULL || items->n == 0 || db_timeline_may(t, items->rows[0], WFR_ITEM_BUDGET);
	total = db_lifecycle_amount(f.total);
	db_timeline_add(t, db_timeline_v(t, p, WFR_PLAN_PREPARED), N_("Reintegration plan"),
	    db_timeline_label(t, p, WFR_PLAN_TIMING), show ? xasprintf("%s %s", total, f.cur) :
	    NULL, p);
	free(total);
	db_timeline_add(t, db_timeline_v(t, p, WFR_PLAN_APPROVED_ON), N_("Plan approved"), NULL,
	    db_timeline_dup(db_timeline_v(t, p, WFR_PLAN_APPROVED_BY)), p);
}

static void
db_timeline_lists(struct db_timeline *t)
{
	const struct db_lifecycle_case *lc = t->lc;
	const struct form_record *r;
	size_t i;

	for (i = 0; i < lc->calls.n; i++) {
		r = lc->calls.recs[i];
		db_timeline_add(t, db_timeline_v(t, r, WFR_CALL_STARTED), N_("Hotline call"),
		    db_timeline_label(t, r, WFR_CALL_OUTCOME),
		    db_timeline_dup(db_timeline_v(t, r, WFR_CALL_CALLER)), r);
	}
	for (i = 0; i < lc->sessions.n; i++) {
		r = lc->sessions.recs[i];
		db_timeline_add(t, db_timeline_v(t, r, WFR_SESSION_DATE), N_("Counselling session"),
		    db_timeline_label(t, r, WFR_SESSION_KIND),
		    db_timeline_line(db_timeline_v(t, r, WFR_SESSION_NEXT)), r);
	}
	for (i = 0; i < lc->payments.n; i++) {
		r = lc->payments.recs[i];
		db_timeline_add(t, db_timeline_v(t, r, WFR_PAY_ON), N_("Payment"), NULL,
		    xasprintf("#%s %s %s %s", db_timeline_or(db_timeline_v(t, r, WFR_PAY_ITEM), "?"),
		    db_timeline_or(db_timeline_v(t, r, WFR_PAY_AMOUNT), ""),
		    db_lifecycle_currency(db_lifecycle_vcur(t->db, r, WFR_PAY_AMOUNT)),
		    db_timeline_or(db_timeline_v(t, r, WFR_PAY_INVOICE), "")), r);
	}
	for (i = 0; i < lc->monitoring.n; i++) {
		r = lc->monitoring.recs[i];
		db_timeline_add(t, db_timeline_v(t, r, WFR_MON_ON), N_("Monitoring"),
		    db_timeline_label(t, r, WFR_MON_MODE),
		    db_timeline_dup(db_timeline_v(t, r, WFR_MON_SCORE)), r);
	}
}

static void
db_timeline_events(struct db_timeline *t)
{
	const struct db_lifecycle_case *lc = t->lc;
	char *opened = lc->c.created_at != NULL ? xstrndup(lc->c.created_at, 10) : NULL;
	const char *given = db_timeline_v(t, lc->consent, WFR_CONSENT_GIVEN);
	const char *event = db_timeline_v(t, lc->consent, WFR_CONSENT_EVENT);

	db_timeline_add(t, opened, N_("Case opened"), NULL, xstrdup0(lc->c.case_no), NULL);
	free(opened);
	db_timeline_add(t, db_timeline_v(t, lc->consent, WFR_CONSENT_ON),
	    str_eq(event, "withdrawn") ? N_("Consent withdrawn") :
	    str_eq(given, "yes") ? N_("Consent given") : N_("Consent refused"), NULL,
	    db_timeline_dup(db_timeline_v(t, lc->consent, WFR_CONSENT_EXPLAINED_IN)), lc->consent);
	db_timeline_lists(t);
	db_timeline_prep(t, lc->prep);
	db_timeline_add(t, db_timeline_v(t, lc->dep, WFR_DEP_ON), N_("Departed"), NULL,
	    NULL, lc->dep);
	db_timeline_add(t, db_timeline_v(t, lc->dep, WFR_DEP_CONFIRMED_ON), N_("Arrival confirmed"),
	    NULL, db_timeline_dup(db_timeline_v(t, lc->dep, WFR_DEP_CONFIRMED_BY)), lc->dep);
	db_timeline_plan(t, lc->plan);
	db_timeline_add(t, db_timeline_v(t, lc->closure, WFR_CLOSE_ON), N_("Case closed"),
	    db_timeline_label(t, lc->closure, WFR_CLOSE_REASON),
	    db_timeline_dup(db_timeline_v(t, lc->closure, WFR_CLOSE_REASON_OTHER)), lc->closure);
}

/* By day, then the stage's order of the workflow, then the time of day. */
static int
db_timeline_cmp(const struct db_timeline_entry *a, const struct db_timeline_entry *b)
{
	int c = strncmp(a->date, b->date, 10);

	if (c != 0)
		return c;
	if (a->order != b->order)
		return a->order < b->order ? -1 : 1;
	return strcmp(a->date, b->date);
}

/* Stable: events alike in all three keep the order they were added in. */
static void
db_timeline_sort(struct db_case_summary *s)
{
	struct db_timeline_entry e;
	size_t i, j;

	for (i = 1; i < s->ntimeline; i++) {
		e = s->timeline[i];
		for (j = i; j > 0 && db_timeline_cmp(&s->timeline[j - 1], &e) > 0; j--)
			s->timeline[j] = s->timeline[j - 1];
		s->timeline[j] = e;
	}
}

/* The steps up to departure: sessions, travel document, flights. */
static void
db_timeline_missing_return(struct db_timeline *t)
{
	const struct db_lifecycle_case *lc = t->lc;
	const struct form_rows *fl = db_lifecycle_vrows(t->db, lc->prep, WFR_PREP_FLIGHTS);

	if (form_workflow_def(db_forms(t->db), WFS_SESSION) != NULL &&
	    lc->sessions.n == 0)
		db_timeline_note(t, N_("No counselling session yet"), NULL, NULL, NULL, NULL);
	switch (db_lifecycle_travel_doc(t->db, lc->prep, NULL)) {
	case DB_DOC_OK:
		break;
	case DB_DOC_PASSPORT_NO:
		db_timeline_note(t, N_("Passport number missing"), NULL, NULL, NULL, NULL);
		break;
	case DB_DOC_EXPIRY:
		db_timeline_note(t, N_("Passport expired on %s: a replacement document is needed"),
		    db_timeline_v(t, lc->prep, WFR_PREP_EXPIRY), NULL, NULL, NULL);
		break;
	case DB_DOC_NOT_ISSUED:
		db_timeline_note(t, N_("Replacement travel document not issued yet"), NULL,
		    NULL, NULL, NULL);
		break;
	case DB_DOC_UNDESCRIBED:
		db_timeline_note(t, N_("Travel document not described"), NULL, NULL, NULL, NULL);
		break;
	default:
		db_timeline_note(t, N_("No travel document"), NULL, NULL, NULL, NULL);
		break;
	}
	if (fl == NULL || fl->n == 0)
		db_timeline_note(t, N_("No flight booked"), NULL, NULL, NULL, NULL);
}

/* Payments for item k (1-based) in currency cur; false when one cannot convert. */
static bool
db_timeline_paid(struct db_timeline *t, long k, const char *cur, int64_t *paid)
{
	return db_lifecycle_item_paid(t->db, &t->lc->payments, k, 0, cur, paid);
}

static void
db_timeline_missing_items(struct db_timeline *t)
{
	const struct form_rows *items = db_lifecycle_vrows(t->db, t->lc->plan, WFR_PLAN_ITEMS);
	const struct form_record *it;
	char *no, *paid_s, *budget_s;
	const char *cur;
	int64_t budget, paid;
	size_t i;

	for (i = 0; items != NULL && i < items->n; i++) {
		it = items->rows[i];
		cur = db_lifecycle_currency(db_lifecycle_vcur(t->db, it, WFR_ITEM_BUDGET));
		if (!db_lifecycle_cents(db_timeline_v(t, it, WFR_ITEM_BUDGET), &budget) ||
		    str_eq(db_timeline_v(t, it, WFR_ITEM_CANCELLED), "yes"))
			continue;
		no = xasprintf("%zu", i + 1);
		if (!db_timeline_paid(t, (long)i + 1, cur, &paid))
			db_timeline_note(t, N_("Item %s: no exchange rate to count the payments "
			    "in %s"), no, cur, NULL, NULL);
		else if (paid != budget) {
			paid_s = db_lifecycle_amount(paid);
			budget_s = db_lifecycle_amount(budget);
			db_timeline_note(t, paid < budget ? N_("Item %s: paid %s of %s %s") :
			    N_("Item %s: paid %s, over its budget of %s %s"), no, paid_s,
			    budget_s, cur);
			free(paid_s);
			free(budget_s);
		}
		free(no);
	}
}

/* The steps after departure: arrival, plan, approval, payments, monitoring. */
static void
db_timeline_missing_reint(struct db_timeline *t)
{
	const struct db_lifecycle_case *lc = t->lc;
	struct db_lifecycle_plan p;

	if (lc->dep != NULL && !str_eq(db_timeline_v(t, lc->dep, WFR_DEP_ARRIVED), "yes"))
		db_timeline_note(t, N_("Arrival not confirmed"), NULL, NULL, NULL, NULL);
	if (lc->plan == NULL) {
		db_timeline_note(t, N_("No reintegration plan"), NULL, NULL, NULL, NULL);
		return;
	}
	if (db_lifecycle_plan_facts(t->db, lc, lc->plan, &p, NULL) != DB_OK)
		return;
	if (p.norate[0] != '\0')
		db_timeline_note(t, N_("Plan: no exchange rate is known for %s"), p.norate,
		    NULL, NULL, NULL);
	else if (db_lifecycle_plan_blocked(&p))
		db_timeline_note(t, N_("Plan needs a supervisor's approval"), NULL, NULL, NULL,
		    NULL);
	db_timeline_missing_items(t);
	if (lc->monitoring.n == 0)
		db_timeline_note(t, N_("No monitoring yet"), NULL, NULL, NULL, NULL);
}

static void
db_timeline_missing(struct db_timeline *t)
{
	const struct db_lifecycle_case *lc = t->lc;

	if (lc->c.status == CASE_CLOSED || lc->closure != NULL)
		return;
	if (lc->reg == NULL)
		db_timeline_note(t, N_("Registration not recorded"), NULL, NULL, NULL, NULL);
	if (form_workflow_def(db_forms(t->db), WFS_CONSENT) != NULL) {
		if (lc->consent == NULL)
			db_timeline_note(t, N_("Consent not recorded"), NULL, NULL, NULL, NULL);
		else if (!str_eq(db_timeline_v(t, lc->consent, WFR_CONSENT_GIVEN), "yes"))
			db_timeline_note(t, N_("Consent refused: the case cannot go on"), NULL,
			    NULL, NULL, NULL);
	}
	if (db_lifecycle_departed(t->db, lc))
		db_timeline_missing_reint(t);
	else
		db_timeline_missing_return(t);
}

static void
db_timeline_person(struct db_timeline *t, struct db_case_person *p, const struct form_record *r,
    bool family)
{
	const struct db_lifecycle_person *k = db_lifecycle_person_roles(family);

	p->surname = db_timeline_dup(db_timeline_v(t, r, k->surname));
	p->given_names = db_timeline_dup(db_timeline_v(t, r, k->given));
	p->native_name = db_timeline_dup(db_timeline_v(t, r, k->native));
	p->dob = db_timeline_dup(db_timeline_v(t, r, k->dob));
	p->nationality = db_timeline_dup(db_timeline_v(t, r, k->nationality));
	p->relationship = db_timeline_label(t, r, k->relationship);
	p->relationship_other = db_timeline_dup(db_timeline_v(t, r, k->other));
}

static void
db_timeline_people(struct db_timeline *t, const struct form_record *reg)
{
	const struct form_rows *fam = db_lifecycle_vrows(t->db, reg, WFR_REG_FAMILY);
	struct db_case_summary *s = t->s;
	size_t i;

	if (reg == NULL || !db_timeline_may_form(t, reg))
		return;
	db_timeline_person(t, &s->principal, reg, false);
	s->principal.relationship = NULL;
	if (fam == NULL || fam->n == 0)
		return;
	s->family = xcalloc(fam->n, sizeof *s->family);
	for (i = 0; i < fam->n; i++)
		db_timeline_person(t, &s->family[s->nfamily++], fam->rows[i], true);
}

enum db_status
db_timeline_summary(struct db *db, int64_t case_id, struct db_case_summary *out,
    char **err)
{
	struct db_lifecycle_case lc;
	struct db_timeline t = { .db = db, .s = out, .lc = &lc };
	enum db_status st;

	memset(out, 0, sizeof *out);
	if ((st = db_lifecycle_load(db, case_id, true, &lc, err)) != DB_OK)
		return st;
	t.role = db_perm_role(db);
	db_timeline_people(&t, lc.reg);
	db_timeline_missing(&t);
	db_timeline_events(&t);
	db_timeline_sort(out);
	out->c = lc.c;	/* taken over */
	memset(&lc.c, 0, sizeof lc.c);
	db_lifecycle_case_clear(&lc);
	return DB_OK;
}

static void
db_timeline_person_clear(struct db_case_person *p)
{
	free(p->surname);
	free(p->given_names);
	free(p->native_name);
	free(p->dob);
	free(p->nationality);
	free(p->relationship_other);
	memset(p, 0, sizeof *p);
}

void
db_timeline_summary_clear(struct db_case_summary *s)
{
	size_t i, k;

	db_case_clear(&s->c);
	db_timeline_person_clear(&s->principal);
	for (i = 0; i < s->nfamily; i++)
		db_timeline_person_clear(&s->family[i]);
	free(s->family);
	for (i = 0; i < s->nmissing; i++)
		for (k = 0; k < DB_NOTE_ARGS; k++)
			free(s->missing[i].arg[k]);
	free(s->missing);
	for (i = 0; i < s->ntimeline; i++) {
		free(s->timeline[i].date);
		free(s->timeline[i].detail);
	}
	free(s->timeline);
	memset(s, 0, sizeof *s);
}

/* "%s" takes the next argument, "%N$s" argument N, "%%" is "%". */
char *
db_timeline_note_text(const char *fmt, const struct db_case_note *n)
{
	struct strbuf sb = STRBUF_INIT;
	size_t next = 0, k;
	const char *p;

	for (p = fmt; *p != '\0'; p++) {
		if (p[0] != '%') {
			strbuf_putc(&sb, *p);
		} else if (p[1] == '%') {
			strbuf_putc(&sb, '%');
			p++;
		} else if (p[1] == 's') {
			k = next++;
			strbuf_puts(&sb, k < DB_NOTE_ARGS && n->arg[k] != NULL ? n->arg[k] : "");
			p++;
		} else if (p[1] >= '1' && p[1] <= '9' && p[2] == '$' && p[3] == 's') {
			k = (size_t)(p[1] - '1');
			strbuf_puts(&sb, k < DB_NOTE_ARGS && n->arg[k] != NULL ? n->arg[k] : "");
			p += 3;
		} else
			strbuf_putc(&sb, '%');
	}
	return strbuf_take(&sb);
}
