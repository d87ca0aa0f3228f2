/*
 * db/report: each report is a few working tables (the rows it counts, made
 * once per run as TEMP tables) and a few breakdowns (one SELECT each over
 * them) written as SQL templates. A template names
 * tables and columns by keys in braces ({T.reg}, {reg.sex}) that stand for
 * a stage's table or a role's column of the workflow table; the expansion
 * quotes each name after str_is_ident. ?1 and ?2 are the period, ?3 the
 * project (NULL: all), ?4.. the stabilisation codes (docs/reports.md).
 */
#include "db/report.h"

#include <stdlib.h>
#include <string.h>

#include "db/internal.h"
#include "form/type.h"
#include "form/workflow.h"
#include "util/mem.h"
#include "util/str.h"
#include "util/tr.h"

#define DB_REP_NONE	(-1)
#define DB_REP_FIGS	6	/* the most figures one breakdown gives */

enum db_rep_kind { DB_REP_TABLE, DB_REP_GROUP, DB_REP_COL, DB_REP_CUR };

/* A key of the templates: a stage's table, a repeat role's table, a role's
 * column (group: the repeat role of a row role) or a money role's currency. */
struct db_rep_name {
	const char		*key;
	enum db_rep_kind	 kind;
	enum form_wf_stage	 stage;
	int			 role;
	int			 group;
};

#define T(k, st) { k, DB_REP_TABLE, st, DB_REP_NONE, DB_REP_NONE }
#define G(k, st, r) { k, DB_REP_GROUP, st, r, DB_REP_NONE }
#define C(k, st, r) { k, DB_REP_COL, st, r, DB_REP_NONE }
#define RC(k, st, r, g) { k, DB_REP_COL, st, r, g }

static const struct db_rep_name db_report_names[] = {
	T("T.reg", WFS_REGISTRATION), G("T.fam", WFS_REGISTRATION, WFR_REG_FAMILY),
	T("T.dep", WFS_DEPARTURE), T("T.plan", WFS_PLAN), G("T.item", WFS_PLAN, WFR_PLAN_ITEMS),
	T("T.pay", WFS_PAYMENT), T("T.prep", WFS_PREP), T("T.sess", WFS_SESSION),
	T("T.call", WFS_CALL), T("T.camp", WFS_CAMPAIGN), T("T.mon", WFS_MONITORING),
	G("T.monitem", WFS_MONITORING, WFR_MON_ITEMS),
	C("reg.project", WFS_REGISTRATION, WFR_REG_PROJECT),
	C("reg.sex", WFS_REGISTRATION, WFR_REG_SEX),
	C("reg.dob", WFS_REGISTRATION, WFR_REG_DOB),
	C("reg.country", WFS_REGISTRATION, WFR_REG_RETURN_COUNTRY),
	C("reg.legal", WFS_REGISTRATION, WFR_REG_LEGAL),
	C("reg.vuln", WFS_REGISTRATION, WFR_REG_VULN),
	RC("fam.sex", WFS_REGISTRATION, WFR_FAM_SEX, WFR_REG_FAMILY),
	RC("fam.dob", WFS_REGISTRATION, WFR_FAM_DOB, WFR_REG_FAMILY),
	RC("fam.vuln", WFS_REGISTRATION, WFR_FAM_VULN, WFR_REG_FAMILY),
	C("dep.on", WFS_DEPARTURE, WFR_DEP_ON),
	RC("item.type", WFS_PLAN, WFR_ITEM_TYPE, WFR_PLAN_ITEMS),
	RC("item.budget", WFS_PLAN, WFR_ITEM_BUDGET, WFR_PLAN_ITEMS),
	{ "item.budget_cur", DB_REP_CUR, WFS_PLAN, WFR_ITEM_BUDGET, WFR_PLAN_ITEMS },
	C("pay.item", WFS_PAYMENT, WFR_PAY_ITEM), C("pay.on", WFS_PAYMENT, WFR_PAY_ON),
	C("pay.amount", WFS_PAYMENT, WFR_PAY_AMOUNT), C("pay.rate", WFS_PAYMENT, WFR_PAY_RATE),
	C("pay.eur", WFS_PAYMENT, WFR_PAY_EUR),
	C("prep.allowance", WFS_PREP, WFR_PREP_ALLOWANCE),
	{ "prep.allowance_cur", DB_REP_CUR, WFS_PREP, WFR_PREP_ALLOWANCE, DB_REP_NONE },
	C("prep.paid_on", WFS_PREP, WFR_PREP_ALLOWANCE_PAID),
	C("sess.date", WFS_SESSION, WFR_SESSION_DATE),
	C("sess.kind", WFS_SESSION, WFR_SESSION_KIND),
	C("sess.mode", WFS_SESSION, WFR_SESSION_MODE),
	C("sess.lang", WFS_SESSION, WFR_SESSION_INTERPRETER_LANG),
	C("call.started", WFS_CALL, WFR_CALL_STARTED),
	C("call.language", WFS_CALL, WFR_CALL_LANGUAGE),
	C("call.interpreted", WFS_CALL, WFR_CALL_INTERPRETED),
	C("call.ilang", WFS_CALL, WFR_CALL_INTERPRETER_LANG),
	C("call.type", WFS_CALL, WFR_CALL_CALLER_TYPE),
	C("call.topics", WFS_CALL, WFR_CALL_TOPICS),
	C("call.outcome", WFS_CALL, WFR_CALL_OUTCOME),
	C("camp.date", WFS_CAMPAIGN, WFR_CAMP_DATE), C("camp.type", WFS_CAMPAIGN, WFR_CAMP_TYPE),
	C("camp.place", WFS_CAMPAIGN, WFR_CAMP_PLACE),
	C("camp.people", WFS_CAMPAIGN, WFR_CAMP_PARTICIPANTS),
	C("camp.copies", WFS_CAMPAIGN, WFR_CAMP_COPIES),
	C("camp.materials", WFS_CAMPAIGN, WFR_CAMP_MATERIALS),
	C("mon.eco1", WFS_MONITORING, WFR_MON_ECO1), C("mon.eco2", WFS_MONITORING, WFR_MON_ECO2),
	C("mon.eco3", WFS_MONITORING, WFR_MON_ECO3), C("mon.soc1", WFS_MONITORING, WFR_MON_SOC1),
	C("mon.soc2", WFS_MONITORING, WFR_MON_SOC2), C("mon.soc3", WFS_MONITORING, WFR_MON_SOC3),
	C("mon.psy1", WFS_MONITORING, WFR_MON_PSY1), C("mon.psy2", WFS_MONITORING, WFR_MON_PSY2),
	C("mon.psy3", WFS_MONITORING, WFR_MON_PSY3),
	C("mon.on", WFS_MONITORING, WFR_MON_ON), C("mon.mode", WFS_MONITORING, WFR_MON_MODE),
	C("mon.score", WFS_MONITORING, WFR_MON_SCORE),
	C("mon.eco", WFS_MONITORING, WFR_MON_ECO), C("mon.soc", WFS_MONITORING, WFR_MON_SOC),
	C("mon.psy", WFS_MONITORING, WFR_MON_PSY),
	RC("monitem.state", WFS_MONITORING, WFR_MON_ITEM_STATE, WFR_MON_ITEMS),
	{ NULL, DB_REP_TABLE, WFS_CALL, DB_REP_NONE, DB_REP_NONE }
};

#undef T
#undef G
#undef C
#undef RC

/* The assistance types counted as stabilisation support (?4, ?5, ?6); the
 * workflow table's role items.type has them, so check-forms verifies them. */
static const char *const db_report_stab_codes[] = { "material", "medical", "accommodation" };

/* One breakdown: a SELECT (or ", cte AS (...) SELECT") after the report's
 * WITH clause: the key, then ncols values; figures: one row of up to
 * DB_REP_FIGS values, each shown as a row keyed by its heading. */
struct db_rep_part {
	const char	*title;
	const char	*key_head;
	const char	*list;		/* the key whose field's choices label the keys */
	bool		 figures;
	size_t		 ncols;
	const char	*heads[DB_REP_FIGS];
	const char	*sql;
};

/* A working table of a report: made once, in the order given (each may read
 * the ones before it), as a TEMP table whose name starts with '_', which no
 * form's table can (str_is_ident), indexed on what it is joined by, then
 * read by every breakdown. */
struct db_rep_cte {
	const char	*name;
	const char	*sql;
	const char	*key;	/* the columns the others join it on, indexed; or NULL */
};

#define DB_REP_NCTE	6

struct db_rep_def {
	const char		*name;
	const char		*title;
	struct db_rep_cte	 cte[DB_REP_NCTE + 1];	/* ended by { NULL } */
	const struct db_rep_part *parts;
};

/* The cases of the project (all: ?3 NULL), each with its country of return. */
#define DB_REP_CASES { "_cs", "SELECT case_id, id AS reg_id, {reg.country} AS country" \
	" FROM {T.reg} WHERE ?3 IS NULL OR {reg.project} = ?3", "case_id" }

/* The plan items of the project's cases, and those paid in the period (a
 * payment of more than 0 on a day of it): one table in every report of a
 * run that reads them (reintegration, stabilisation, the donor summary). */
#define DB_REP_ITEMS { "_it", "SELECT pl.case_id, i.position AS item_no," \
	" i.{item.type} AS type, CASE WHEN coalesce(i.{item.budget_cur}, 'EUR') = 'EUR'" \
	" THEN i.{item.budget} END AS budget FROM {T.plan} pl JOIN _cs cs" \
	" ON cs.case_id = pl.case_id JOIN {T.item} i ON i.parent_id = pl.id", "case_id, item_no" }
#define DB_REP_PAID { "_pd", "SELECT it.case_id, it.item_no, it.type," \
	" coalesce(y.{pay.eur}, y.{pay.amount} * y.{pay.rate}) AS eur FROM {T.pay} y" \
	" JOIN _it it ON it.case_id = y.case_id AND it.item_no = y.{pay.item}" \
	" WHERE y.{pay.on} BETWEEN ?1 AND ?2 AND coalesce(y.{pay.amount}, 0) > 0", \
	"case_id, item_no" }

#define DB_REP_BY_COUNT " GROUP BY 1 ORDER BY 2 DESC, 1"

/* Counts each code of the space-separated column col of table src (a row
 * may hold several): the rows grouped by the whole value first (a few
 * hundred different ones), then each value split by json_each over its codes
 * made a JSON array (a quote or backslash in a value escaped first). */
#define DB_REP_SPLIT(col, src) \
	", v AS (SELECT " col " AS val, count(*) AS n FROM " src " WHERE coalesce(" col \
	", '') <> '' GROUP BY 1) SELECT j.value, sum(v.n) FROM v, json_each('[\"' ||" \
	" replace(replace(replace(v.val, '\\', '\\\\'), '\"', '\\\"'), ' ', '\",\"') ||" \
	" '\"]') j WHERE j.value <> ''" DB_REP_BY_COUNT

static const struct db_rep_part db_report_returns[] = {
	{ N_("Returns"), N_("Figure"), NULL, true, 2,
	    { N_("Persons returned"), N_("Cases (a family counts once)") },
	    " SELECT count(*), count(DISTINCT case_id) FROM _p p" },
	{ N_("By country of return"), N_("Country"), "reg.country", false, 1, { N_("Persons") },
	    " SELECT country, count(*) FROM _p p" DB_REP_BY_COUNT },
	{ N_("By sex"), N_("Sex"), "reg.sex", false, 1, { N_("Persons") },
	    " SELECT sex, count(*) FROM _p p" DB_REP_BY_COUNT },
	{ N_("By age group (age on the day of departure)"), N_("Age"), NULL, false, 1,
	    { N_("Persons") },
	    " SELECT CASE WHEN a IS NULL THEN NULL WHEN a < 18 THEN '0-17' WHEN a < 60"
	    " THEN '18-59' ELSE '60+' END, count(*) FROM (SELECT CASE WHEN dob IS NOT NULL"
	    " THEN CAST(substr(day, 1, 4) AS INTEGER) - CAST(substr(dob, 1, 4) AS INTEGER)"
	    " - (substr(day, 6, 5) < substr(dob, 6, 5)) END AS a FROM _p p)"
	    " GROUP BY 1 ORDER BY 1" },
	{ N_("By status in the country"), N_("Status"), "reg.legal", false, 1, { N_("Persons") },
	    " SELECT legal, count(*) FROM _p p" DB_REP_BY_COUNT },
	{ N_("By vulnerability (a person may have several)"), N_("Vulnerability"), "reg.vuln",
	    false, 1, { N_("Persons") },
	    DB_REP_SPLIT("vuln", "_p") },
	{ N_("By month of departure"), N_("Month"), NULL, false, 1, { N_("Persons") },
	    " SELECT substr(day, 1, 7), count(*) FROM _p p GROUP BY 1 ORDER BY 1" },
	{ NULL, NULL, NULL, false, 0, { NULL }, NULL }
};

static const struct db_rep_part db_report_reint[] = {
	{ N_("Reintegration"), N_("Figure"), NULL, true, 5,
	    { N_("Reintegration schemes implemented"), N_("Countries reached"),
	    N_("Schemes of persons who returned before the period"),
	    N_("Budgeted for the items paid (EUR)"), N_("Paid to providers (EUR)") },
	    " SELECT (SELECT count(*) FROM _sch sch), (SELECT count(DISTINCT country) FROM _sch sch),"
	    " (SELECT count(*) FROM _sch sch WHERE dep_on < ?1),"
	    " (SELECT printf('%.2f', coalesce(sum(budget), 0)) FROM _it it JOIN _pi pi"
	    " USING (case_id, item_no)), (SELECT printf('%.2f', coalesce(sum(eur), 0)) FROM _pd pd)" },
	{ N_("Schemes by country of return"), N_("Country"), "reg.country", false, 3,
	    { N_("Schemes"), N_("Of earlier returnees"), N_("Paid (EUR)") },
	    " SELECT s.country, count(*), coalesce(sum(s.dep_on < ?1), 0),"
	    " printf('%.2f', sum(t.eur))"
	    " FROM _sch s JOIN (SELECT case_id, sum(eur) AS eur FROM _pd pd GROUP BY 1) t"
	    " USING (case_id)" DB_REP_BY_COUNT },
	{ N_("By type of assistance"), N_("Type of assistance"), "item.type", false, 4,
	    { N_("Schemes"), N_("Items paid"), N_("Budgeted (EUR)"), N_("Paid (EUR)") },
	    " SELECT pi.type, count(DISTINCT pi.case_id), count(*),"
	    " printf('%.2f', coalesce(sum(it.budget), 0)), printf('%.2f', coalesce(sum(t.eur), 0))"
	    " FROM _pi pi JOIN _it it USING (case_id, item_no) JOIN (SELECT case_id, item_no,"
	    " sum(eur) AS eur FROM _pd pd GROUP BY 1, 2) t USING (case_id, item_no)"
	    DB_REP_BY_COUNT },
	{ N_("In kind and in cash"), N_("Figure"), NULL, true, 4,
	    { N_("Cases given assistance in kind"), N_("Paid in kind (EUR)"),
	    N_("Cases given a cash allowance"), N_("Cash allowances (EUR)") },
	    ", al AS (SELECT p.case_id, p.{prep.allowance} AS amount,"
	    " coalesce(p.{prep.allowance_cur}, 'EUR') AS cur FROM {T.prep} p"
	    " JOIN _cs cs ON cs.case_id = p.case_id WHERE p.{prep.paid_on} BETWEEN ?1 AND ?2"
	    " AND coalesce(p.{prep.allowance}, 0) > 0)"
	    " SELECT (SELECT count(DISTINCT case_id) FROM _pd pd),"
	    " (SELECT printf('%.2f', coalesce(sum(eur), 0)) FROM _pd pd), (SELECT count(*) FROM al),"
	    " (SELECT printf('%.2f', coalesce(sum(amount), 0)) FROM al WHERE cur = 'EUR')" },
	{ NULL, NULL, NULL, false, 0, { NULL }, NULL }
};

static const struct db_rep_part db_report_stab[] = {
	{ N_("Stabilisation support"), N_("Figure"), NULL, true, 4,
	    { N_("Cases given stabilisation support"), N_("Cases given a cash allowance"),
	    N_("Cases given material, medical or accommodation help"),
	    N_("Persons in those cases") },
	    " SELECT (SELECT count(*) FROM _st st), (SELECT count(*) FROM _al al),"
	    " (SELECT count(DISTINCT case_id) FROM _ik ik), (SELECT count(*) FROM _st st)"
	    " + (SELECT count(*) FROM {T.reg} r JOIN {T.fam} f ON f.parent_id = r.id"
	    " WHERE r.case_id IN (SELECT case_id FROM _st st))" },
	{ N_("Help in kind by type"), N_("Type of assistance"), "item.type", false, 1,
	    { N_("Cases") }, " SELECT type, count(*) FROM _ik ik" DB_REP_BY_COUNT },
	{ N_("By country of return"), N_("Country"), "reg.country", false, 1, { N_("Cases") },
	    " SELECT cs.country, count(*) FROM _st st JOIN _cs cs USING (case_id)" DB_REP_BY_COUNT },
	{ NULL, NULL, NULL, false, 0, { NULL }, NULL }
};

static const struct db_rep_part db_report_counsel[] = {
	{ N_("Counselling"), N_("Figure"), NULL, true, 4,
	    { N_("Sessions"), N_("Cases counselled"), N_("Persons counselled"),
	    N_("Sessions with an interpreter") },
	    " SELECT count(*), count(DISTINCT case_id), count(DISTINCT case_id)"
	    " + (SELECT count(*) FROM {T.reg} r JOIN {T.fam} f ON f.parent_id = r.id"
	    " WHERE r.case_id IN (SELECT case_id FROM _s s)), count(lang) FROM _s s" },
	{ N_("By kind of session"), N_("Kind"), "sess.kind", false, 2,
	    { N_("Sessions"), N_("Cases") },
	    " SELECT kind, count(*), count(DISTINCT case_id) FROM _s s" DB_REP_BY_COUNT },
	{ N_("By mode"), N_("Mode"), "sess.mode", false, 2, { N_("Sessions"), N_("Cases") },
	    " SELECT mode, count(*), count(DISTINCT case_id) FROM _s s" DB_REP_BY_COUNT },
	{ N_("By interpreter's language"), N_("Language"), "sess.lang", false, 2,
	    { N_("Sessions"), N_("Cases") },
	    " SELECT lang, count(*), count(DISTINCT case_id) FROM _s s WHERE lang IS NOT NULL"
	    DB_REP_BY_COUNT },
	{ NULL, NULL, NULL, false, 0, { NULL }, NULL }
};

#define DB_REP_CALLS(key) \
	" SELECT " key ", count(*), coalesce(sum(interp IS 'yes'), 0) FROM _c c"

static const struct db_rep_part db_report_hotline[] = {
	{ N_("Hotline"), N_("Figure"), NULL, true, 2,
	    { N_("Calls"), N_("Calls with an interpreter") },
	    " SELECT count(*), coalesce(sum(interp IS 'yes'), 0) FROM _c c" },
	{ N_("By month"), N_("Month"), NULL, false, 2, { N_("Calls"), N_("With an interpreter") },
	    DB_REP_CALLS("substr(day, 1, 7)") " GROUP BY 1 ORDER BY 1" },
	{ N_("By caller's language"), N_("Language"), "call.language", false, 2,
	    { N_("Calls"), N_("With an interpreter") }, DB_REP_CALLS("lang") DB_REP_BY_COUNT },
	{ N_("By interpreter's language"), N_("Language"), "call.ilang", false, 1,
	    { N_("Calls") },
	    " SELECT ilang, count(*) FROM _c c WHERE interp IS 'yes'" DB_REP_BY_COUNT },
	{ N_("By caller"), N_("Who called"), "call.type", false, 2,
	    { N_("Calls"), N_("With an interpreter") }, DB_REP_CALLS("type") DB_REP_BY_COUNT },
	{ N_("By topic (a call may have several)"), N_("Topic"), "call.topics", false, 1,
	    { N_("Calls") },
	    DB_REP_SPLIT("tops", "_c") },
	{ N_("By outcome"), N_("Outcome"), "call.outcome", false, 2,
	    { N_("Calls"), N_("With an interpreter") }, DB_REP_CALLS("outcome") DB_REP_BY_COUNT },
	{ NULL, NULL, NULL, false, 0, { NULL }, NULL }
};

static const struct db_rep_part db_report_campaign[] = {
	{ N_("Information campaign"), N_("Figure"), NULL, true, 3,
	    { N_("Activities"), N_("Participants"), N_("Copies distributed") },
	    " SELECT count(*), coalesce(sum(people), 0), coalesce(sum(copies), 0) FROM _a a" },
	{ N_("By type of activity"), N_("Type of activity"), "camp.type", false, 3,
	    { N_("Activities"), N_("Participants"), N_("Copies distributed") },
	    " SELECT type, count(*), sum(people), sum(copies) FROM _a a" DB_REP_BY_COUNT },
	{ N_("By place"), N_("Place"), "camp.place", false, 3,
	    { N_("Activities"), N_("Participants"), N_("Copies distributed") },
	    " SELECT place, count(*), sum(people), sum(copies) FROM _a a" DB_REP_BY_COUNT },
	{ N_("By material distributed (an activity may have several)"), N_("Material"),
	    "camp.materials", false, 1, { N_("Activities") },
	    DB_REP_SPLIT("mats", "_a") },
	{ NULL, NULL, NULL, false, 0, { NULL }, NULL }
};

#define DB_REP_MEAN_OF(x) "CASE WHEN count(" x ") > 0 THEN printf('%.2f', avg(" x ")) END"
#define DB_REP_MEAN DB_REP_MEAN_OF("score")
/* A dimension: its score as the record keeps it, else (a record saved before
 * the form kept it) the mean of its three indicators (score5 codes 1-5). */
#define DB_REP_DIM(d) " coalesce(x.{mon." d "}, (CAST(x.{mon." d "1} AS REAL)" \
	" + CAST(x.{mon." d "2} AS REAL) + CAST(x.{mon." d "3} AS REAL)) / 3.0) AS " d

static const struct db_rep_part db_report_monitor[] = {
	{ N_("Monitoring"), N_("Figure"), NULL, true, 3,
	    { N_("Monitoring visits and calls"), N_("Cases monitored"),
	    N_("Mean sustainability score (1-5)") },
	    " SELECT count(*), count(DISTINCT case_id), " DB_REP_MEAN " FROM _m m" },
	{ N_("Sustainability by dimension (mean, 1-5)"), N_("Dimension"), NULL, true, 4,
	    { N_("Economic"), N_("Social"), N_("Psychosocial"),
	    N_("Composite (weighted 0.4, 0.3, 0.3)") },
	    " SELECT " DB_REP_MEAN_OF("eco") ", " DB_REP_MEAN_OF("soc") ", " DB_REP_MEAN_OF("psy")
	    ", " DB_REP_MEAN " FROM _m m" },
	{ N_("By mode"), N_("Mode"), "mon.mode", false, 2,
	    { N_("Visits and calls"), N_("Mean score") },
	    " SELECT mode, count(*), " DB_REP_MEAN " FROM _m m" DB_REP_BY_COUNT },
	{ N_("State of the plan items"), N_("State"), "monitem.state", false, 1,
	    { N_("Items") },
	    " SELECT i.{monitem.state}, count(*) FROM _m m JOIN {T.monitem} i ON i.parent_id = m.id"
	    DB_REP_BY_COUNT },
	{ N_("By sustainability score"), N_("Score"), NULL, false, 1,
	    { N_("Visits and calls") },
	    " SELECT CASE WHEN score IS NULL THEN NULL WHEN score < 2 THEN '1.00-1.99'"
	    " WHEN score < 3 THEN '2.00-2.99' WHEN score < 4 THEN '3.00-3.99' ELSE '4.00-5.00'"
	    " END, count(*) FROM _m m GROUP BY 1 ORDER BY 1" },
	{ NULL, NULL, NULL, false, 0, { NULL }, NULL }
};

static const struct db_rep_def db_report_defs[] = {
	{ "returns", N_("Returns"), {
	    DB_REP_CASES,
	    { "_dp", "SELECT d.case_id, d.{dep.on} AS day FROM {T.dep} d"
	    " JOIN _cs cs ON cs.case_id = d.case_id WHERE d.{dep.on} BETWEEN ?1 AND ?2", "case_id" },
	    { "_p", "SELECT dp.case_id, dp.day, r.{reg.country} AS country, r.{reg.sex} AS sex,"
	    " r.{reg.dob} AS dob, r.{reg.legal} AS legal, r.{reg.vuln} AS vuln"
	    " FROM _dp dp JOIN {T.reg} r ON r.case_id = dp.case_id UNION ALL"
	    " SELECT dp.case_id, dp.day, r.{reg.country}, f.{fam.sex}, f.{fam.dob}, r.{reg.legal},"
	    " f.{fam.vuln} FROM _dp dp JOIN {T.reg} r ON r.case_id = dp.case_id"
	    " JOIN {T.fam} f ON f.parent_id = r.id", NULL } }, db_report_returns },
	{ "reintegration", N_("Reintegration"), {
	    DB_REP_CASES,
	    DB_REP_ITEMS,
	    DB_REP_PAID,
	    { "_pi", "SELECT DISTINCT case_id, item_no, type FROM _pd", "case_id, item_no" },
	    { "_sch", "SELECT cs.case_id, cs.country, d.{dep.on} AS dep_on FROM _cs cs"
	    " LEFT JOIN {T.dep} d ON d.case_id = cs.case_id"
	    " WHERE cs.case_id IN (SELECT case_id FROM _pd)", "case_id" } }, db_report_reint },
	{ "stabilisation", N_("Stabilisation support"), {
	    DB_REP_CASES,
	    { "_al", "SELECT p.case_id FROM {T.prep} p JOIN _cs cs ON cs.case_id = p.case_id"
	    " WHERE p.{prep.paid_on} BETWEEN ?1 AND ?2 AND coalesce(p.{prep.allowance}, 0) > 0",
	    "case_id" },
	    DB_REP_ITEMS,
	    DB_REP_PAID,
	    { "_ik", "SELECT DISTINCT case_id, type FROM _pd WHERE type IN (?4, ?5, ?6)",
	    "case_id" },
	    { "_st", "SELECT case_id FROM _al UNION SELECT case_id FROM _ik", "case_id" } },
	    db_report_stab },
	{ "counselling", N_("Counselling"), {
	    DB_REP_CASES,
	    { "_s", "SELECT x.case_id, x.{sess.kind} AS kind, x.{sess.mode} AS mode,"
	    " x.{sess.lang} AS lang FROM {T.sess} x JOIN _cs cs ON cs.case_id = x.case_id"
	    " WHERE x.{sess.date} BETWEEN ?1 AND ?2", NULL } }, db_report_counsel },
	{ "monitoring", N_("Monitoring"), {
	    DB_REP_CASES,
	    { "_m", "SELECT x.id, x.case_id, x.{mon.mode} AS mode, x.{mon.score} AS score,"
	    DB_REP_DIM("eco") "," DB_REP_DIM("soc") "," DB_REP_DIM("psy")
	    " FROM {T.mon} x JOIN _cs cs ON cs.case_id = x.case_id"
	    " WHERE x.{mon.on} BETWEEN ?1 AND ?2", NULL } }, db_report_monitor },
	{ "hotline", N_("Hotline"), {
	    { "_c", "SELECT substr(x.{call.started}, 1, 10) AS day, x.{call.language} AS lang,"
	    " x.{call.interpreted} AS interp, x.{call.ilang} AS ilang, x.{call.type} AS type,"
	    " x.{call.topics} AS tops, x.{call.outcome} AS outcome FROM {T.call} x"
	    " WHERE substr(x.{call.started}, 1, 10) BETWEEN ?1 AND ?2 AND (?3 IS NULL"
	    " OR x.case_id IN (SELECT case_id FROM {T.reg} WHERE {reg.project} = ?3))", NULL } },
	    db_report_hotline },
	{ "campaign", N_("Information campaign"), {
	    { "_a", "SELECT x.{camp.type} AS type, x.{camp.place} AS place,"
	    " coalesce(x.{camp.people}, 0) AS people, coalesce(x.{camp.copies}, 0) AS copies,"
	    " x.{camp.materials} AS mats FROM {T.camp} x WHERE x.{camp.date} BETWEEN ?1 AND ?2",
	    NULL } },
	    db_report_campaign },
	{ NULL, NULL, { { NULL, NULL, NULL } }, NULL }
};

/* The donor summary's tables: { report, breakdown } of the reports above. */
static const struct { int def, part; } db_report_donor[] = {
	{ 0, 0 }, { 0, 1 }, { 1, 0 }, { 1, 1 }, { 1, 2 }, { 2, 0 }, { 3, 0 }, { 5, 0 }, { 6, 0 },
};

static const char db_report_donor_title[] = N_("Donor summary");

#define DB_REP_DONOR_N (sizeof db_report_donor / sizeof db_report_donor[0])

static const struct db_rep_name *
db_report_name(const char *key, size_t len)
{
	const struct db_rep_name *n;

	for (n = db_report_names; n->key != NULL; n++)
		if (strlen(n->key) == len && memcmp(n->key, key, len) == 0)
			return n;
	return NULL;
}

/* The form, or the repeat group of role group, a name is looked up in. */
static const struct form_def *
db_report_home(const struct form_set *set, enum form_wf_stage stage, int group)
{
	const struct form_def *def = form_workflow_def(set, stage);
	const char *g;
	int k;

	if (def == NULL || group == DB_REP_NONE)
		return def;
	g = form_workflow_field(set, (enum form_wf_role)group);
	k = g != NULL ? form_field_index(def, g) : -1;
	return k >= 0 && def->fields[k].type == FT_REPEAT ? def->fields[k].group : NULL;
}

/* The field a column key stands for, or NULL. */
static const struct form_field *
db_report_field(const struct form_set *set, const struct db_rep_name *n)
{
	const struct form_def *home = db_report_home(set, n->stage, n->group);
	const char *f = form_workflow_field(set, (enum form_wf_role)n->role);
	int k = home != NULL && f != NULL ? form_field_index(home, f) : -1;

	return k >= 0 ? &home->fields[k] : NULL;
}

/* The identifier a key stands for (malloc'd), or NULL. */
static char *
db_report_ident(const struct form_set *set, const struct db_rep_name *n)
{
	const struct form_def *def;
	const struct form_field *f;

	if (n->kind == DB_REP_TABLE || n->kind == DB_REP_GROUP) {
		def = n->kind == DB_REP_TABLE ? form_workflow_def(set, n->stage) :
		    db_report_home(set, n->stage, n->role);
		return def != NULL ? xstrdup(def->table) : NULL;
	}
	if ((f = db_report_field(set, n)) == NULL)
		return NULL;
	if (n->kind == DB_REP_COL)
		return xstrdup(f->name);
	return form_type(f->type)->extra != NULL ?
	    xasprintf("%s%s", f->name, form_type(f->type)->extra->suffix) : NULL;
}

/* The template with every {key} replaced by its quoted identifier. */
static char *
db_report_expand(const struct form_set *set, const char *tmpl, char **err)
{
	struct strbuf sb = STRBUF_INIT;
	const struct db_rep_name *n;
	const char *p = tmpl, *b, *e;
	char *id;

	while ((b = strchr(p, '{')) != NULL && (e = strchr(b, '}')) != NULL) {
		strbuf_add(&sb, p, (size_t)(b - p));
		n = db_report_name(b + 1, (size_t)(e - b - 1));
		id = n != NULL ? db_report_ident(set, n) : NULL;
		if (id == NULL || !str_is_ident(id)) {
			db_seterr(err, _("the forms lack what the report reads: %.*s "
			    "(see forms/workflow)"), (int)(e - b - 1), b + 1);
			free(id);
			strbuf_free(&sb);
			return NULL;
		}
		strbuf_printf(&sb, "\"%s\"", id);
		free(id);
		p = e + 1;
	}
	strbuf_puts(&sb, p);
	return strbuf_take(&sb);
}

static void
db_report_bind(sqlite3_stmt *st, const struct db_report_filter *f)
{
	int i, n = sqlite3_bind_parameter_count(st);

	if (n >= 1)
		db_bind_text(st, 1, f->from);
	if (n >= 2)
		db_bind_text(st, 2, f->to);
	if (n >= 3)
		db_bind_text(st, 3, f->project);
	for (i = 4; i <= n && i - 4 < (int)(sizeof db_report_stab_codes /
	    sizeof db_report_stab_codes[0]); i++)
		db_bind_text(st, i, db_report_stab_codes[i - 4]);
}

static void
db_report_add_row(struct db_report_table *t, size_t *cap, char *key)
{
	t->rows = xgrow(t->rows, cap, t->nrows + 1, sizeof *t->rows);
	memset(&t->rows[t->nrows], 0, sizeof t->rows[t->nrows]);
	t->rows[t->nrows++].key = key;
}

/* The result rows of st into t (figures: each column a row). */
static enum db_status
db_report_read(struct db *db, sqlite3_stmt *st, const struct db_rep_part *part,
    struct db_report_table *t, char **err)
{
	size_t cap = 0, i;
	int rc;

	while ((rc = db_step(db, st)) == SQLITE_ROW) {
		if (part->figures) {
			for (i = 0; i < part->ncols; i++) {
				db_report_add_row(t, &cap, xstrdup(part->heads[i]));
				t->rows[t->nrows - 1].val[0] = db_col_text(st, (int)i);
			}
			continue;
		}
		db_report_add_row(t, &cap, db_col_text(st, 0));
		for (i = 0; i < part->ncols; i++)
			t->rows[t->nrows - 1].val[i] = db_col_text(st, (int)i + 1);
	}
	return rc == SQLITE_DONE ? DB_OK : db_sqlerr(db, err);
}

/* The choice list that labels a breakdown's keys, or NULL. */
static const char *
db_report_list(const struct form_set *set, const char *key)
{
	const struct db_rep_name *n = key != NULL ? db_report_name(key, strlen(key)) : NULL;
	const struct form_field *f = n != NULL ? db_report_field(set, n) : NULL;

	return f != NULL ? f->choices : NULL;
}

static void
db_report_table_init(const struct form_set *set, const struct db_rep_part *part,
    struct db_report_table *t)
{
	size_t i;

	memset(t, 0, sizeof *t);
	t->title = part->title;
	t->key_head = part->key_head;
	t->keys_msgid = part->figures;
	t->list = db_report_list(set, part->list);
	t->ncols = part->figures ? 1 : part->ncols;
	for (i = 0; i < t->ncols; i++)
		t->heads[i] = part->figures ? N_("Number") : part->heads[i];
}

static struct db_report_table *
db_report_new_table(struct db_report *out, size_t *cap)
{
	out->tables = xgrow(out->tables, cap, out->ntables + 1, sizeof *out->tables);
	return &out->tables[out->ntables++];
}

/* A statement of a template: expanded, prepared and bound; NULL on error. */
static sqlite3_stmt *
db_report_stmt(struct db *db, const char *tmpl, const struct db_report_filter *f, char **err)
{
	char *sql = db_report_expand(db_forms(db), tmpl, err);
	sqlite3_stmt *st;

	if (sql == NULL)
		return NULL;
	st = db_prep(db, sql, err);
	free(sql);
	if (st != NULL)
		db_report_bind(st, f);
	return st;
}

/* A breakdown over the report's working tables; a part that adds a CTE of
 * its own starts with ", name AS (": that becomes its WITH clause. */
static enum db_status
db_report_part(struct db *db, const struct db_rep_part *part,
    const struct db_report_filter *f, struct db_report_table *t, char **err)
{
	char *tmpl = part->sql[0] == ',' ? xasprintf("WITH%s", part->sql + 1) :
	    xstrdup(part->sql);
	sqlite3_stmt *st = db_report_stmt(db, tmpl, f, err);
	enum db_status rc;

	free(tmpl);
	db_report_table_init(db_forms(db), part, t);
	if (st == NULL)
		return DB_ERROR;
	rc = db_report_read(db, st, part, t, err);
	db_finish(db, st);
	return rc;
}

/* Drops every report's working tables (a run's, or one an interrupted run
 * left behind). */
static void
db_report_drop_all(struct db *db)
{
	const struct db_rep_def *def;
	const struct db_rep_cte *c;
	char *sql;

	for (def = db_report_defs; def->name != NULL; def++)
		for (c = def->cte; c->name != NULL; c++) {
			sql = xasprintf("DROP TABLE IF EXISTS temp.%s", c->name);
			db_exec(db, sql, NULL);
			free(sql);
		}
}

/* A run: one read transaction, no working table yet. */
static enum db_status
db_report_begin(struct db *db, char **err)
{
	enum db_status rc = db_exec(db, "SAVEPOINT db_report", err);

	if (rc == DB_OK)
		db_report_drop_all(db);
	return rc;
}

static void
db_report_end(struct db *db)
{
	db_report_drop_all(db);
	db_exec(db, "RELEASE db_report", NULL);
}

static enum db_status
db_report_index(struct db *db, const struct db_rep_cte *c, char **err)
{
	char *sql = xasprintf("CREATE INDEX IF NOT EXISTS temp.%s_key ON %s (%s)", c->name,
	    c->name, c->key);
	enum db_status rc = db_exec(db, sql, err);

	free(sql);
	return rc;
}

/* The report's working tables, each made once from the period and project
 * in a run: a name means one table in every report (DB_REP_CASES), so one
 * another report of the run made is used as it is. */
static enum db_status
db_report_make(struct db *db, const struct db_rep_def *def, const struct db_report_filter *f,
    char **err)
{
	const struct db_rep_cte *c;
	sqlite3_stmt *st;
	char *tmpl;
	int rc = SQLITE_DONE;

	for (c = def->cte; c->name != NULL && rc == SQLITE_DONE; c++) {
		tmpl = xasprintf("CREATE TEMP TABLE IF NOT EXISTS %s AS %s", c->name, c->sql);
		st = db_report_stmt(db, tmpl, f, err);
		free(tmpl);
		if (st == NULL)
			return DB_ERROR;
		rc = db_step(db, st);
		db_finish(db, st);
		if (rc == SQLITE_DONE && c->key != NULL && db_report_index(db, c, err) != DB_OK)
			return DB_ERROR;
	}
	return rc == SQLITE_DONE ? DB_OK : db_sqlerr(db, err);
}

#define DB_REP_ALL	(~0u)

/* The parts of def in the mask which (bit i: part i) into out, inside a
 * run (db_report_begin): its working tables are made, then read. */
static enum db_status
db_report_parts(struct db *db, const struct db_rep_def *def, unsigned which,
    const struct db_report_filter *f, struct db_report *out, size_t *cap, char **err)
{
	enum db_status rc = db_report_make(db, def, f, err);
	int i;

	for (i = 0; rc == DB_OK && def->parts[i].sql != NULL; i++)
		if (which & (1u << i))
			rc = db_report_part(db, &def->parts[i], f, db_report_new_table(out, cap),
			    err);
	return rc;
}

/* The donor summary's tables: each report's working tables made once for
 * the parts the summary takes of it. */
static enum db_status
db_report_donor_run(struct db *db, const struct db_report_filter *f, struct db_report *out,
    char **err)
{
	enum db_status rc = DB_OK;
	size_t cap = 0, i, j;
	unsigned mask;

	if ((rc = db_report_begin(db, err)) != DB_OK)
		return rc;
	for (i = 0; i < DB_REP_DONOR_N && rc == DB_OK; i = j) {
		for (j = i, mask = 0; j < DB_REP_DONOR_N &&
		    db_report_donor[j].def == db_report_donor[i].def; j++)
			mask |= 1u << db_report_donor[j].part;
		rc = db_report_parts(db, &db_report_defs[db_report_donor[i].def], mask, f, out,
		    &cap, err);
	}
	db_report_end(db);
	return rc;
}

enum db_status
db_report_run(struct db *db, const char *name, const struct db_report_filter *f,
    struct db_report *out, char **err)
{
	const struct db_rep_def *def;
	enum db_status rc;
	size_t cap = 0;

	memset(out, 0, sizeof *out);
	if (str_eq(name, DB_REPORT_DONOR)) {
		out->name = DB_REPORT_DONOR;
		out->title = db_report_donor_title;
		return db_report_donor_run(db, f, out, err);
	}
	for (def = db_report_defs; def->name != NULL && !str_eq(def->name, name); def++)
		;
	if (def->name == NULL)
		return DB_NOTFOUND;
	out->name = def->name;
	out->title = def->title;
	if ((rc = db_report_begin(db, err)) != DB_OK)
		return rc;
	rc = db_report_parts(db, def, DB_REP_ALL, f, out, &cap, err);
	db_report_end(db);
	return rc;
}

/*
 * The indexes the working tables are read through: each holds every column
 * its table's working table takes, so the year's calls are read from a
 * narrow index instead of the records' wide rows (the calls' working table
 * at 100,000 cases: 60 ms instead of 110-170). Not the sessions: read in
 * date order, their cases come unsorted to count(DISTINCT case_id), which
 * then costs more than the index saves (counselling 380 ms instead of 300).
 */
static const char *const db_report_index_sql[] = {
	"CREATE INDEX IF NOT EXISTS report_calls ON {T.call} ({call.started},"
	" {call.language}, {call.interpreted}, {call.ilang}, {call.type}, {call.topics},"
	" {call.outcome}, case_id)",
	NULL
};

enum db_status
db_report_indexes(struct db *db, char **err)
{
	enum db_status st = DB_OK;
	char *sql;
	size_t i;

	for (i = 0; db_report_index_sql[i] != NULL && st == DB_OK; i++) {
		/* forms without what an index names: the reports say so when run */
		if ((sql = db_report_expand(db_forms(db), db_report_index_sql[i], NULL)) == NULL)
			continue;
		st = db_exec(db, sql, err);
		free(sql);
	}
	return st;
}

bool
db_report_nth(size_t i, const char **name, const char **title)
{
	const struct db_rep_def *def;

	if (i == 0) {
		*name = DB_REPORT_DONOR;
		*title = db_report_donor_title;
		return true;
	}
	for (def = db_report_defs; def->name != NULL && --i > 0; def++)
		;
	*name = def->name;
	*title = def->title;
	return def->name != NULL;
}

static void
db_report_table_free(struct db_report_table *t)
{
	size_t k, c;

	for (k = 0; k < t->nrows; k++) {
		free(t->rows[k].key);
		for (c = 0; c < DB_REPORT_COLS; c++)
			free(t->rows[k].val[c]);
	}
	free(t->rows);
	memset(t, 0, sizeof *t);
}

void
db_report_clear(struct db_report *r)
{
	size_t i;

	for (i = 0; i < r->ntables; i++)
		db_report_table_free(&r->tables[i]);
	free(r->tables);
	memset(r, 0, sizeof *r);
}

static long
db_report_fig(const struct db_report_table *t, size_t row)
{
	return row < t->nrows && t->rows[row].val[0] != NULL ? strtol(t->rows[row].val[0], NULL,
	    10) : 0;
}

/* The tables of the donor summary the headline is read from: the first of
 * returns, reintegration and stabilisation (see db_report_donor). */
enum { DB_REP_H_RETURNS = 0, DB_REP_H_REINT = 2, DB_REP_H_STAB = 5 };

void
db_report_headline_of(const struct db_report *donor, struct db_report_headline *out)
{
	memset(out, 0, sizeof *out);
	if (!str_eq(donor->name, DB_REPORT_DONOR) || donor->ntables <= DB_REP_H_STAB)
		return;
	out->persons = db_report_fig(&donor->tables[DB_REP_H_RETURNS], 0);
	out->cases = db_report_fig(&donor->tables[DB_REP_H_RETURNS], 1);
	out->schemes = db_report_fig(&donor->tables[DB_REP_H_REINT], 0);
	out->countries = db_report_fig(&donor->tables[DB_REP_H_REINT], 1);
	out->stabilised = db_report_fig(&donor->tables[DB_REP_H_STAB], 0);
}

enum db_status
db_report_headline(struct db *db, const struct db_report_filter *f,
    struct db_report_headline *out, char **err)
{
	struct db_report donor;
	enum db_status rc = db_report_run(db, DB_REPORT_DONOR, f, &donor, err);

	if (rc == DB_OK)
		db_report_headline_of(&donor, out);
	else
		memset(out, 0, sizeof *out);
	db_report_clear(&donor);
	return rc;
}
