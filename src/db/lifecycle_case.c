/*
 * db/lifecycle_case: the records of one case as the lifecycle rules see them,
 * money in cents with exchange rates from the settings, the travel document
 * and the plan's totals.
 */
#include <stdio.h>
#include <stdlib.h>
#include <stddef.h>
#include <string.h>

#include "db/internal.h"
#include "db/lifecycle_int.h"
#include "db/perm.h"
#include "db/record.h"
#include "db/settings.h"
#include "form/money.h"
#include "form/type.h"
#include "util/date.h"
#include "util/mem.h"
#include "util/str.h"
#include "util/tr.h"

/* x rounded to the nearest integer (no libm). */
static int64_t
db_lifecycle_round(double x)
{
	return (int64_t)(x >= 0 ? x + 0.5 : x - 0.5);
}

static const struct form_def *
db_lifecycle_def(struct db *db, enum form_wf_stage stage)
{
	return form_workflow_def(db_forms(db), stage);
}

/* Records of a stage's form in the case, newest first; at most max (0 = all). */
static enum db_status
db_lifecycle_read(struct db *db, enum form_wf_stage stage, int64_t case_id, size_t max,
    struct db_lifecycle_list *out, char **err)
{
	const struct form_def *def = db_lifecycle_def(db, stage);

	memset(out, 0, sizeof *out);
	if (def == NULL)
		return DB_OK;
	return db_record_load_case_raw(db, def, case_id, max, &out->recs, &out->n, err);
}

enum db_status
db_lifecycle_read_one(struct db *db, enum form_wf_stage stage, int64_t case_id,
    struct form_record **out, char **err)
{
	struct db_lifecycle_list l;
	enum db_status st = db_lifecycle_read(db, stage, case_id, 1, &l, err);

	*out = l.n > 0 ? l.recs[0] : NULL;
	free(l.recs);
	return st;
}

static void
db_lifecycle_list_free(struct db_lifecycle_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		form_record_free(l->recs[i]);
	free(l->recs);
	memset(l, 0, sizeof *l);
}

enum db_status
db_lifecycle_load(struct db *db, int64_t case_id, bool all, struct db_lifecycle_case *lc,
    char **err)
{
	static const enum form_wf_stage once[] = { WFS_REGISTRATION, WFS_CONSENT, WFS_PREP,
	    WFS_DEPARTURE, WFS_PLAN, WFS_CLOSURE };
	struct form_record **slot[] = { &lc->reg, &lc->consent, &lc->prep, &lc->dep,
	    &lc->plan, &lc->closure };
	enum db_status st;
	size_t i;

	memset(lc, 0, sizeof *lc);
	st = db_case_load_ex(db, case_id, false, &lc->c, err);
	for (i = 0; i < sizeof once / sizeof once[0] && st == DB_OK; i++)
		st = db_lifecycle_read_one(db, once[i], case_id, slot[i], err);
	if (st == DB_OK && all)
		st = db_lifecycle_read(db, WFS_SESSION, case_id, 0, &lc->sessions, err);
	if (st == DB_OK && all)
		st = db_lifecycle_read(db, WFS_MONITORING, case_id, 0, &lc->monitoring, err);
	if (st == DB_OK && all)
		st = db_lifecycle_read(db, WFS_CALL, case_id, 0, &lc->calls, err);
	if (st == DB_OK)	/* payments: the plan rules need them too */
		st = db_lifecycle_read(db, WFS_PAYMENT, case_id, 0, &lc->payments, err);
	if (st != DB_OK)
		db_lifecycle_case_clear(lc);
	return st;
}

enum db_status
db_lifecycle_load_some(struct db *db, int64_t case_id, unsigned want,
    struct db_lifecycle_case *lc, char **err)
{
	static const struct {
		unsigned		 bit;
		enum form_wf_stage	 stage;
		size_t			 off;
	} one[] = {
		{ DB_LC_CONSENT, WFS_CONSENT, offsetof(struct db_lifecycle_case, consent) },
		{ DB_LC_CLOSURE, WFS_CLOSURE, offsetof(struct db_lifecycle_case, closure) },
		{ DB_LC_PREP, WFS_PREP, offsetof(struct db_lifecycle_case, prep) },
		{ DB_LC_DEP, WFS_DEPARTURE, offsetof(struct db_lifecycle_case, dep) },
		{ DB_LC_PLAN, WFS_PLAN, offsetof(struct db_lifecycle_case, plan) },
	};
	enum db_status st;
	size_t i;

	memset(lc, 0, sizeof *lc);
	st = db_case_load_ex(db, case_id, false, &lc->c, err);
	for (i = 0; i < sizeof one / sizeof one[0] && st == DB_OK; i++)
		if (want & one[i].bit)
			st = db_lifecycle_read_one(db, one[i].stage, case_id,
			    (struct form_record **)(void *)((char *)lc + one[i].off), err);
	if (st == DB_OK && (want & DB_LC_PAYMENTS))
		st = db_lifecycle_read(db, WFS_PAYMENT, case_id, 0, &lc->payments, err);
	if (st != DB_OK)
		db_lifecycle_case_clear(lc);
	return st;
}

void
db_lifecycle_case_clear(struct db_lifecycle_case *lc)
{
	db_case_clear(&lc->c);
	form_record_free(lc->reg);
	form_record_free(lc->consent);
	form_record_free(lc->prep);
	form_record_free(lc->dep);
	form_record_free(lc->plan);
	form_record_free(lc->closure);
	db_lifecycle_list_free(&lc->sessions);
	db_lifecycle_list_free(&lc->payments);
	db_lifecycle_list_free(&lc->monitoring);
	db_lifecycle_list_free(&lc->calls);
	memset(lc, 0, sizeof *lc);
}

const char *
db_lifecycle_role(struct db *db, enum form_wf_role role)
{
	return form_workflow_field(db_forms(db), role);
}

bool
db_lifecycle_of(struct db *db, const struct form_record *rec, enum form_wf_stage stage)
{
	const char *form = form_workflow_form(db_forms(db), stage);

	return rec != NULL && form != NULL && str_eq(rec->def->name, form);
}

const char *
db_lifecycle_vget(struct db *db, const struct form_record *rec, enum form_wf_role role)
{
	return db_lifecycle_get(rec, db_lifecycle_role(db, role));
}

const char *
db_lifecycle_vcur(struct db *db, const struct form_record *rec, enum form_wf_role role)
{
	return db_lifecycle_cur(rec, db_lifecycle_role(db, role));
}

const struct form_rows *
db_lifecycle_vrows(struct db *db, const struct form_record *rec, enum form_wf_role role)
{
	return db_lifecycle_rows(rec, db_lifecycle_role(db, role));
}

const char *
db_lifecycle_vlabel(struct db *db, const struct form_record *rec, enum form_wf_role role)
{
	return db_lifecycle_label(db, rec, db_lifecycle_role(db, role));
}

const struct db_lifecycle_person *
db_lifecycle_person_roles(bool family)
{
	static const struct db_lifecycle_person roles[2] = {
		{ WFR_REG_SURNAME, WFR_REG_GIVEN, WFR_REG_NATIVE, WFR_REG_DOB, WFR_REG_NATIONALITY,
		    WFR__COUNT, WFR__COUNT },
		{ WFR_FAM_SURNAME, WFR_FAM_GIVEN, WFR_FAM_NATIVE, WFR_FAM_DOB, WFR_FAM_NATIONALITY,
		    WFR_FAM_RELATIONSHIP, WFR_FAM_RELATIONSHIP_OTHER },
	};

	return &roles[family ? 1 : 0];
}

const char *
db_lifecycle_get(const struct form_record *rec, const char *name)
{
	int i = rec != NULL && name != NULL ? form_field_index(rec->def, name) : -1;

	return i >= 0 ? form_record_get(rec, (size_t)i) : NULL;
}

const char *
db_lifecycle_cur(const struct form_record *rec, const char *name)
{
	int i = rec != NULL && name != NULL ? form_field_index(rec->def, name) : -1;

	return i >= 0 && rec->def->fields[i].type == FT_MONEY ?
	    form_record_part(rec, (size_t)i, FORM_MONEY_CUR) : NULL;
}

const struct form_rows *
db_lifecycle_rows(const struct form_record *rec, const char *name)
{
	int i = rec != NULL && name != NULL ? form_field_index(rec->def, name) : -1;

	return i >= 0 && rec->def->fields[i].type == FT_REPEAT ? &rec->kids[i] : NULL;
}

const char *
db_lifecycle_label(struct db *db, const struct form_record *rec, const char *name)
{
	int i = rec != NULL && name != NULL ? form_field_index(rec->def, name) : -1;
	const struct form_choices *list;
	const struct form_choice *ch;

	if (i < 0 || rec->def->fields[i].choices == NULL || rec->vals[i] == NULL ||
	    db_forms(db) == NULL)
		return NULL;
	list = form_set_choices(db_forms(db), rec->def->fields[i].choices);
	ch = list != NULL ? form_choice_find(list, rec->vals[i]) : NULL;
	return ch != NULL ? ch->label : NULL;
}

bool
db_lifecycle_cents(const char *amount, int64_t *cents)
{
	char *end;
	double d;

	*cents = 0;
	if (str_empty(amount))
		return false;
	d = strtod(amount, &end);
	if (*end != '\0' || !(d > -1e13 && d < 1e13))	/* also NaN */
		return false;
	*cents = db_lifecycle_round(d * 100.0);
	return true;
}

char *
db_lifecycle_amount(int64_t cents)
{
	int64_t a = cents < 0 ? -cents : cents;

	return xasprintf("%s%lld.%02lld", cents < 0 ? "-" : "", (long long)(a / 100),
	    (long long)(a % 100));
}

const char *
db_lifecycle_currency(const char *cur)
{
	return str_empty(cur) ? "EUR" : cur;
}

/* EUR for one unit of cur: 1 for EUR, else the setting "rate:<cur>". */
static bool
db_lifecycle_rate(struct db *db, const char *cur, double *rate)
{
	char *key, *val, *end;
	bool ok;

	*rate = 1.0;
	if (str_eq(cur, "EUR"))
		return true;
	key = xasprintf("rate:%s", cur);
	val = db_setting_get(db, key);
	free(key);
	if (val == NULL)
		return false;
	*rate = strtod(val, &end);
	ok = end != val && *end == '\0' && *rate > 0 && *rate < 1e9;
	free(val);
	return ok;
}

bool
db_lifecycle_convert(struct db *db, int64_t cents, const char *from, const char *to,
    int64_t *out)
{
	double rf, rt;

	from = db_lifecycle_currency(from);
	to = db_lifecycle_currency(to);
	*out = cents;
	if (str_eq(from, to))
		return true;
	if (!db_lifecycle_rate(db, from, &rf) || !db_lifecycle_rate(db, to, &rt))
		return false;
	*out = db_lifecycle_round((double)cents * rf / rt);
	return true;
}

enum db_lifecycle_doc
db_lifecycle_travel_doc(struct db *db, const struct form_record *prep, const char *date)
{
	const char *doc = db_lifecycle_vget(db, prep, WFR_PREP_DOC);
	const char *expiry = db_lifecycle_vget(db, prep, WFR_PREP_EXPIRY);
	char today[DATE_LEN];
	struct date t;

	if (str_eq(doc, "passport")) {
		if (str_empty(db_lifecycle_vget(db, prep, WFR_PREP_PASSPORT_NO)))
			return DB_DOC_PASSPORT_NO;
		if (str_empty(date)) {
			t = date_today();
			date_format(&t, today);
			date = today;
		}
		/* Dates are YYYY-MM-DD: text order is date order. */
		if (str_empty(expiry) || strcmp(expiry, date) <= 0)
			return DB_DOC_EXPIRY;
		return DB_DOC_OK;
	}
	if (str_eq(doc, "replacement"))
		return str_empty(db_lifecycle_vget(db, prep, WFR_PREP_ISSUED)) ? DB_DOC_NOT_ISSUED :
		    DB_DOC_OK;
	if (str_eq(doc, "other"))
		return str_empty(db_lifecycle_vget(db, prep, WFR_PREP_DOC_OTHER)) ?
		    DB_DOC_UNDESCRIBED : DB_DOC_OK;
	return DB_DOC_NONE;
}

bool
db_lifecycle_departed(struct db *db, const struct db_lifecycle_case *lc)
{
	if (lc->dep != NULL && !str_empty(db_lifecycle_vget(db, lc->dep, WFR_DEP_ON)))
		return true;
	return lc->c.status >= CASE_DEPARTED && lc->c.status < CASE_CLOSED;
}

/* The approval limit of the case's project as money; *found false when none. */
static enum db_status
db_lifecycle_limit(struct db *db, const struct db_lifecycle_case *lc, int64_t *cents,
    char **cur, bool *found, char **err)
{
	const struct form_def *def = db_lifecycle_def(db, WFS_PROJECT);
	const char *code = lc->c.project;
	const char *cf = db_lifecycle_role(db, WFR_PROJECT_CODE);
	const char *lf = db_lifecycle_role(db, WFR_PROJECT_LIMIT);
	sqlite3_stmt *s;
	char *sql;
	int rc;

	*found = false;
	*cur = NULL;
	if (str_empty(code))
		code = db_lifecycle_vget(db, lc->reg, WFR_REG_PROJECT);
	if (def == NULL || str_empty(code) || cf == NULL || lf == NULL ||
	    form_field_index(def, cf) < 0 || form_field_index(def, lf) < 0 ||
	    !str_is_ident(def->table) || def->fields[form_field_index(def, lf)].type != FT_MONEY)
		return DB_OK;
	sql = xasprintf("SELECT \"%s\", \"%s%s\" FROM \"%s\""
	    " WHERE \"%s\" = ?1 AND \"%s\" IS NOT NULL ORDER BY id DESC LIMIT 1",
	    lf, lf, form_type(FT_MONEY)->extra->suffix, def->table, cf, lf);
	s = db_prep(db, sql, err);
	free(sql);
	if (s == NULL)
		return DB_ERROR;
	db_bind_text(s, 1, code);
	rc = db_step(db, s);
	if (rc == SQLITE_ROW) {
		*cents = db_lifecycle_round(sqlite3_column_double(s, 0) * 100.0);
		*cur = db_col_text(s, 1);
		*found = true;
	}
	db_finish(db, s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? DB_OK : db_sqlerr(db, err);
}

/* The items' total in p->cur; notes the first currency with no rate. */
void
db_lifecycle_plan_total(struct db *db, const struct form_record *plan,
    struct db_lifecycle_plan *p)
{
	const struct form_rows *items = db_lifecycle_vrows(db, plan, WFR_PLAN_ITEMS);
	int64_t c, conv;
	size_t i;

	for (i = 0; items != NULL && i < items->n; i++) {
		if (!db_lifecycle_cents(db_lifecycle_vget(db, items->rows[i], WFR_ITEM_BUDGET), &c))
			continue;
		if (!db_lifecycle_convert(db, c, db_lifecycle_vcur(db, items->rows[i], WFR_ITEM_BUDGET),
		    p->cur, &conv)) {
			if (p->norate[0] == '\0') {
				snprintf(p->norate, sizeof p->norate, "%s", db_lifecycle_currency(
				    db_lifecycle_vcur(db, items->rows[i], WFR_ITEM_BUDGET)));
				p->norate_item = i + 1;
			}
			continue;
		}
		p->total += conv;
	}
}

enum db_status
db_lifecycle_plan_facts(struct db *db, const struct db_lifecycle_case *lc,
    const struct form_record *plan, struct db_lifecycle_plan *p, char **err)
{
	enum db_status st;
	char *lcur = NULL;
	int64_t lim = 0;
	bool found;

	memset(p, 0, sizeof *p);
	p->cur = db_lifecycle_currency(db_lifecycle_vcur(db, plan, WFR_PLAN_GRANT));
	db_lifecycle_cents(db_lifecycle_vget(db, plan, WFR_PLAN_GRANT), &p->grant);
	db_lifecycle_plan_total(db, plan, p);
	if ((st = db_lifecycle_limit(db, lc, &lim, &lcur, &found, err)) != DB_OK)
		return st;
	if (found && db_lifecycle_convert(db, lim, lcur, p->cur, &p->limit))
		p->has_limit = true;
	else if (found && p->norate[0] == '\0') {
		snprintf(p->norate, sizeof p->norate, "%s", db_lifecycle_currency(lcur));
		p->norate_item = 0;
	}
	free(lcur);
	p->over_grant = p->total > p->grant;
	p->over_limit = p->has_limit && p->total > p->limit;
	p->approved = !str_empty(db_lifecycle_vget(db, plan, WFR_PLAN_APPROVED_BY)) &&
	    !str_empty(db_lifecycle_vget(db, plan, WFR_PLAN_APPROVED_ON));
	return DB_OK;
}

char *
db_lifecycle_items_tally(struct db *db, const struct form_record *rec, int field)
{
	const char *items = db_lifecycle_role(db, WFR_PLAN_ITEMS);
	struct db_lifecycle_plan p = { 0 };
	char *total, *grant, *t;

	if (!db_lifecycle_of(db, rec, WFS_PLAN) || items == NULL || field < 0 ||
	    form_field_index(rec->def, items) != field)
		return NULL;
	p.cur = db_lifecycle_currency(db_lifecycle_vcur(db, rec, WFR_PLAN_GRANT));
	db_lifecycle_cents(db_lifecycle_vget(db, rec, WFR_PLAN_GRANT), &p.grant);
	db_lifecycle_plan_total(db, rec, &p);
	if (p.norate[0] != '\0')
		return NULL;
	total = db_lifecycle_money_text(p.total);
	grant = db_lifecycle_money_text(p.grant);
	t = xasprintf(p.total > p.grant ? _("total %s of %s %s: over the grant") :
	    _("total %s of %s %s"), total, grant, p.cur);
	free(total);
	free(grant);
	return t;
}

bool
db_lifecycle_plan_blocked(const struct db_lifecycle_plan *p)
{
	return !p->approved && (p->over_grant || p->over_limit || p->norate[0] != '\0');
}

const struct form_record *
db_lifecycle_item(struct db *db, const struct form_record *plan, long k)
{
	const struct form_rows *items = db_lifecycle_vrows(db, plan, WFR_PLAN_ITEMS);

	return items != NULL && k >= 1 && (size_t)k <= items->n ? items->rows[k - 1] : NULL;
}

long
db_lifecycle_item_no(const char *item_no)
{
	char *end;
	long k;

	if (str_empty(item_no))
		return 0;
	k = strtol(item_no, &end, 10);
	return *end == '\0' && k > 0 ? k : 0;
}

/* The payment's own EUR figure: its amount in EUR, else amount times its rate. */
static bool
db_lifecycle_pay_eur(struct db *db, const struct form_record *pay, int64_t amount,
    int64_t *eur)
{
	const char *r = db_lifecycle_vget(db, pay, WFR_PAY_RATE);
	double rate;
	char *end;

	if (db_lifecycle_cents(db_lifecycle_vget(db, pay, WFR_PAY_EUR), eur))
		return true;
	if (str_empty(r))
		return false;
	rate = strtod(r, &end);
	if (*end != '\0' || !(rate > 0 && rate < 1e9))
		return false;
	*eur = db_lifecycle_round((double)amount * rate);
	return true;
}

bool
db_lifecycle_pay_in(struct db *db, const struct form_record *pay, const char *cur,
    int64_t *cents)
{
	const char *pcur = db_lifecycle_currency(db_lifecycle_vcur(db, pay, WFR_PAY_AMOUNT));
	int64_t amount, eur;

	*cents = 0;
	if (!db_lifecycle_cents(db_lifecycle_vget(db, pay, WFR_PAY_AMOUNT), &amount))
		return true;	/* no amount: nothing paid */
	if (str_eq(pcur, db_lifecycle_currency(cur))) {
		*cents = amount;
		return true;
	}
	if (db_lifecycle_pay_eur(db, pay, amount, &eur) &&
	    db_lifecycle_convert(db, eur, "EUR", cur, cents))
		return true;
	return db_lifecycle_convert(db, amount, pcur, cur, cents);
}

bool
db_lifecycle_item_paid(struct db *db, const struct db_lifecycle_list *payments, long k,
    int64_t skip, const char *cur, int64_t *paid)
{
	const struct form_record *r;
	int64_t c;
	size_t i;

	*paid = 0;
	for (i = 0; i < payments->n; i++) {
		r = payments->recs[i];
		if ((skip != 0 && r->id == skip) ||
		    db_lifecycle_item_no(db_lifecycle_vget(db, r, WFR_PAY_ITEM)) != k)
			continue;
		if (!db_lifecycle_pay_in(db, r, cur, &c))
			return false;
		*paid += c;
	}
	return true;
}

bool
db_lifecycle_created_on(struct db *db, const struct form_record *rec, char at[DATE_LEN])
{
	sqlite3_stmt *s;
	char *sql, *v = NULL;
	int rc;

	if (rec->id == 0 || !str_is_ident(rec->def->table))
		return false;
	sql = xasprintf("SELECT substr(created_at, 1, 10) FROM \"%s\" WHERE id = ?1",
	    rec->def->table);
	s = db_prep(db, sql, NULL);
	free(sql);
	if (s == NULL)
		return false;
	sqlite3_bind_int64(s, 1, rec->id);
	rc = db_step(db, s);
	if (rc == SQLITE_ROW)
		v = db_col_text(s, 0);
	db_finish(db, s);
	if (v != NULL && strlen(v) == 10)
		snprintf(at, DATE_LEN, "%s", v);
	rc = v != NULL && strlen(v) == 10;
	free(v);
	return rc;
}

/* The currency of the first money amount of the project's details. */
static char *
db_lifecycle_project_currency(struct db *db, const char *code)
{
	static const enum form_wf_role roles[] = { WFR_PROJECT_GRANT, WFR_PROJECT_BUDGET,
	    WFR_PROJECT_LIMIT };
	const struct form_def *def = db_lifecycle_def(db, WFS_PROJECT);
	const char *cf = db_lifecycle_role(db, WFR_PROJECT_CODE), *f, *sx;
	sqlite3_stmt *s;
	char *sql, *cur = NULL;
	size_t i;
	int k;

	if (def == NULL || str_empty(code) || !str_is_ident(def->table) || cf == NULL ||
	    form_field_index(def, cf) < 0)
		return NULL;
	for (i = 0; i < sizeof roles / sizeof roles[0] && cur == NULL; i++) {
		f = db_lifecycle_role(db, roles[i]);
		k = f != NULL ? form_field_index(def, f) : -1;
		if (k < 0 || def->fields[k].type != FT_MONEY)
			continue;
		sx = form_type(FT_MONEY)->extra->suffix;
		sql = xasprintf("SELECT \"%s%s\" FROM \"%s\" WHERE \"%s\" = ?1 AND"
		    " \"%s%s\" <> '' ORDER BY id DESC LIMIT 1", f, sx, def->table, cf, f, sx);
		s = db_prep(db, sql, NULL);
		free(sql);
		if (s == NULL)
			return NULL;
		db_bind_text(s, 1, code);
		if (db_step(db, s) == SQLITE_ROW)
			cur = db_col_text(s, 0);
		db_finish(db, s);
	}
	return cur;
}

char *
db_lifecycle_default_currency(struct db *db, int64_t case_id, char **err)
{
	struct db_case c;
	char *cur = NULL;

	if (case_id != 0) {
		if (db_case_load(db, case_id, &c, err) != DB_OK)
			return NULL;
		cur = db_lifecycle_project_currency(db, c.project);
		db_case_clear(&c);
	}
	if (cur == NULL)
		cur = db_setting_get(db, "currency");
	return cur != NULL ? cur : xstrdup("EUR");
}

/* The currency of the first money field of rec that has one, or NULL. */
static const char *
db_lifecycle_cur_of(const struct form_record *rec)
{
	size_t i;

	for (i = 0; rec != NULL && i < rec->def->nfields; i++)
		if (rec->def->fields[i].type == FT_MONEY &&
		    !str_empty(form_record_part(rec, i, FORM_MONEY_CUR)))
			return form_record_part(rec, i, FORM_MONEY_CUR);
	return NULL;
}

enum db_status
db_lifecycle_currencies(struct db *db, struct form_record *rec,
    const struct form_record *from, int64_t case_id, char **err)
{
	const char *prefer = db_lifecycle_cur_of(from);
	char *cur = NULL;
	size_t i;

	for (i = 0; i < rec->def->nfields; i++) {
		if (rec->def->fields[i].type != FT_MONEY ||
		    !str_empty(form_record_part(rec, i, FORM_MONEY_CUR)))
			continue;
		if (cur == NULL && (cur = prefer != NULL ? xstrdup(prefer) :
		    db_lifecycle_default_currency(db, case_id, err)) == NULL)
			return DB_ERROR;
		form_record_set_part(rec, i, FORM_MONEY_CUR, cur);
	}
	free(cur);
	return DB_OK;
}

/* The items show their budgets: only to a role that may read the plan and
 * the class of the budget (db/perm). */
static enum db_status
db_lifecycle_items_may(struct db *db, const struct form_record *plan,
    const struct form_rows *items, char **err)
{
	const char *name = db_lifecycle_role(db, WFR_ITEM_BUDGET);
	const struct form_def *g;
	int i;

	if (plan == NULL)
		return DB_OK;
	if (db_perm_refuse(db, plan->def, FA_READ, err) != DB_OK)
		return DB_REFUSED;
	if (items == NULL || items->n == 0 || name == NULL)
		return DB_OK;
	g = items->rows[0]->def;
	if ((i = form_field_index(g, name)) < 0 || db_perm_field(db, &g->fields[i], FA_READ))
		return DB_OK;
	return db_perm_refuse_field(db, plan->def, err);
}

enum db_status
db_lifecycle_items(struct db *db, int64_t case_id, struct db_plan_item **out, size_t *n,
    char **err)
{
	struct db_lifecycle_case lc;
	const struct form_rows *items;
	const struct form_record *it;
	struct db_plan_item *p;
	enum db_status st;
	size_t i;

	*out = NULL;
	*n = 0;
	st = db_lifecycle_load_some(db, case_id, DB_LC_PLAN | DB_LC_PAYMENTS, &lc, err);
	if (st != DB_OK)
		return st;
	items = db_lifecycle_vrows(db, lc.plan, WFR_PLAN_ITEMS);
	if ((st = db_lifecycle_items_may(db, lc.plan, items, err)) != DB_OK) {
		db_lifecycle_case_clear(&lc);
		return st;
	}
	*n = items != NULL ? items->n : 0;
	*out = *n > 0 ? xcalloc(*n, sizeof **out) : NULL;
	for (i = 0; i < *n; i++) {
		it = items->rows[i];
		p = &(*out)[i];
		p->no = (long)i + 1;
		p->type = db_lifecycle_vlabel(db, it, WFR_ITEM_TYPE);
		p->provider = xstrdup0(db_lifecycle_vget(db, it, WFR_ITEM_PROVIDER));
		snprintf(p->cur, sizeof p->cur, "%s", db_lifecycle_currency(
		    db_lifecycle_vcur(db, it, WFR_ITEM_BUDGET)));
		db_lifecycle_cents(db_lifecycle_vget(db, it, WFR_ITEM_BUDGET), &p->budget);
		if (!db_lifecycle_item_paid(db, &lc.payments, p->no, 0, p->cur, &p->paid))
			p->paid = -1;
		p->cancelled = str_eq(db_lifecycle_vget(db, it, WFR_ITEM_CANCELLED), "yes");
	}
	db_lifecycle_case_clear(&lc);
	return DB_OK;
}

void
db_lifecycle_items_free(struct db_plan_item *items, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(items[i].provider);
	free(items);
}

char *
db_lifecycle_money_text(int64_t cents)
{
	return db_lifecycle_amount(cents);
}

/* The first text field of def marked summary (its key fact: a project's
 * name), else field. */
static const char *
db_lifecycle_key_text(const struct form_def *def, const char *field)
{
	size_t i;

	for (i = 0; i < def->nfields; i++)
		if (def->fields[i].summary && def->fields[i].type == FT_TEXT &&
		    str_is_ident(def->fields[i].name))
			return def->fields[i].name;
	return field;
}

enum db_status
db_lifecycle_projects(struct db *db, struct db_project **out, size_t *n, char **err)
{
	const struct form_def *def = form_workflow_def(db_forms(db), WFS_PROJECT);
	const char *cf = db_lifecycle_role(db, WFR_PROJECT_CODE), *nf;
	sqlite3_stmt *s;
	size_t cap = 0;
	char *sql;
	int rc;

	*out = NULL;
	*n = 0;
	if (def == NULL || cf == NULL || !str_is_ident(def->table) || !str_is_ident(cf) ||
	    form_field_index(def, cf) < 0 || !db_perm_form(db, def, FA_READ))
		return DB_OK;
	nf = db_lifecycle_key_text(def, cf);
	sql = xasprintf("SELECT \"%s\", max(\"%s\") FROM \"%s\" WHERE coalesce(\"%s\", '') <> ''"
	    " GROUP BY 1 ORDER BY 1", cf, nf, def->table, cf);
	s = db_prep(db, sql, err);
	free(sql);
	if (s == NULL)
		return DB_ERROR;
	while ((rc = db_step(db, s)) == SQLITE_ROW) {
		*out = xgrow(*out, &cap, *n + 1, sizeof **out);
		(*out)[*n].code = db_col_text(s, 0);
		(*out)[(*n)++].name = db_col_text(s, 1);
	}
	db_finish(db, s);
	return rc == SQLITE_DONE ? DB_OK : db_sqlerr(db, err);
}

void
db_lifecycle_projects_free(struct db_project *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(p[i].code);
		free(p[i].name);
	}
	free(p);
}
