/*
 * form/workflow: the workflow table (forms/workflow): which form is which
 * stage of a case, the case status it reaches, whether a case holds one
 * record of it or many, its order on the case overview, and the fields the
 * rules and the timeline read, each under a role the code names.
 *
 * Contract: the code never writes a form or field name. It names a stage
 * (enum form_wf_stage) or a field role (enum form_wf_role) and asks the set
 * for the name the table gives it: form_workflow_form() and
 * form_workflow_field() answer NULL when the folder has no table or the
 * table leaves the stage or role out (a rule then reads nothing and checks
 * nothing). form_set_load_dir() reads the file "workflow" of the folder
 * beside the forms (form_workflow_parse) and, after the forms, verifies it
 * (form_workflow_check): every problem is a "file:line: message" error of
 * the set naming the workflow line, so check-forms lists them and a set with
 * them opens no database. Verified: each stage's form exists, `records one`
 * matches the form's `once`, each role's field exists in its stage's form (a
 * row role in its repeat group), has the type the code reads it as (the
 * type written on the line must be that type too), the choice list written
 * there, and every choice code the code compares it with.
 *
 * File syntax (forms/README.md, "The workflow table"):
 *   stage NAME            the code's name of the stage (registration, prep, ...)
 *     form FORM           its form
 *     status STATUS       the case status it reaches (a db/cases code), or none
 *     records one|many
 *     order N             its place on the case overview and timeline
 *     field ROLE = FIELD TYPE [LIST]    ROLE may be GROUP.ROLE for a row field
 */
#ifndef FORM_WORKFLOW_H
#define FORM_WORKFLOW_H

#include <stdbool.h>

#include "form/form.h"

enum form_wf_stage {
	WFS_CALL,
	WFS_CAMPAIGN,
	WFS_PROJECT,
	WFS_REGISTRATION,
	WFS_CONSENT,
	WFS_SESSION,
	WFS_PREP,
	WFS_DEPARTURE,
	WFS_PLAN,
	WFS_PAYMENT,
	WFS_MONITORING,
	WFS_CLOSURE,
	WFS__COUNT
};

enum form_wf_role {
	/* registration and its family rows */
	WFR_REG_SURNAME, WFR_REG_GIVEN, WFR_REG_NATIVE, WFR_REG_DOB, WFR_REG_NATIONALITY,
	WFR_REG_VULN, WFR_REG_PROJECT, WFR_REG_FAMILY, WFR_REG_PHONE, WFR_REG_LANGUAGES,
	WFR_REG_INTERPRETER, WFR_REG_INTERPRETER_LANG, WFR_REG_LOCATION,
	WFR_FAM_SURNAME, WFR_FAM_GIVEN, WFR_FAM_NATIVE, WFR_FAM_DOB, WFR_FAM_NATIONALITY,
	WFR_FAM_VULN, WFR_FAM_RELATIONSHIP, WFR_FAM_RELATIONSHIP_OTHER,
	/* consent */
	WFR_CONSENT_GIVEN, WFR_CONSENT_ON, WFR_CONSENT_EXPLAINED_IN, WFR_CONSENT_EVENT,
	WFR_CONSENT_SCOPE,
	/* call and session */
	WFR_CALL_STARTED, WFR_CALL_CALLER, WFR_CALL_OUTCOME, WFR_CALL_PHONE, WFR_CALL_LANGUAGE,
	WFR_CALL_INTERPRETED, WFR_CALL_INTERPRETER_LANG, WFR_CALL_LOCATION, WFR_CALL_DURATION,
	WFR_CALL_CALLBACK, WFR_CALL_CALLBACK_ON,
	WFR_SESSION_DATE, WFR_SESSION_KIND, WFR_SESSION_MODE, WFR_SESSION_NEXT,
	/* return preparation */
	WFR_PREP_DOC, WFR_PREP_DOC_OTHER, WFR_PREP_PASSPORT_NO, WFR_PREP_EXPIRY, WFR_PREP_EMBASSY,
	WFR_PREP_REQUESTED, WFR_PREP_ISSUED, WFR_PREP_FLIGHTS, WFR_FLIGHT_DATE, WFR_FLIGHT_FROM,
	WFR_FLIGHT_TO, WFR_FLIGHT_NO, WFR_PREP_ALLOWANCE, WFR_PREP_ALLOWANCE_PAID,
	/* departure */
	WFR_DEP_ON, WFR_DEP_ARRIVED, WFR_DEP_CONFIRMED_ON, WFR_DEP_CONFIRMED_BY,
	/* plan and its items */
	WFR_PLAN_GRANT, WFR_PLAN_PREPARED, WFR_PLAN_TIMING, WFR_PLAN_ITEMS, WFR_PLAN_APPROVED_BY,
	WFR_PLAN_APPROVED_ON, WFR_ITEM_TYPE, WFR_ITEM_PROVIDER, WFR_ITEM_BUDGET, WFR_ITEM_CANCELLED,
	WFR_ITEM_CANCEL_REASON,
	/* payment */
	WFR_PAY_ITEM, WFR_PAY_ON, WFR_PAY_AMOUNT, WFR_PAY_RATE, WFR_PAY_EUR, WFR_PAY_INVOICE,
	WFR_PAY_OVERRUN_BY, WFR_PAY_OVERRUN_ON,
	/* monitoring */
	WFR_MON_ON, WFR_MON_MODE, WFR_MON_ITEMS, WFR_MON_ITEM_NO, WFR_MON_SCORE,
	/* closure */
	WFR_CLOSE_ON, WFR_CLOSE_REASON, WFR_CLOSE_REASON_OTHER,
	/* project details */
	WFR_PROJECT_CODE, WFR_PROJECT_BUDGET, WFR_PROJECT_GRANT, WFR_PROJECT_LIMIT,
	/* what the reports (db/report) count by */
	WFR_REG_SEX, WFR_REG_RETURN_COUNTRY, WFR_REG_LEGAL, WFR_FAM_SEX,
	WFR_CALL_CALLER_TYPE, WFR_CALL_TOPICS, WFR_SESSION_INTERPRETER_LANG, WFR_MON_ITEM_STATE,
	WFR_CAMP_DATE, WFR_CAMP_TYPE, WFR_CAMP_PLACE, WFR_CAMP_PARTICIPANTS, WFR_CAMP_COPIES,
	WFR_CAMP_MATERIALS,
	/* the indicators of the monitoring's three dimensions, three each */
	WFR_MON_ECO1, WFR_MON_ECO2, WFR_MON_ECO3, WFR_MON_SOC1, WFR_MON_SOC2, WFR_MON_SOC3,
	WFR_MON_PSY1, WFR_MON_PSY2, WFR_MON_PSY3,
	/* each dimension's score as the record keeps it */
	WFR_MON_ECO, WFR_MON_SOC, WFR_MON_PSY,
	WFR__COUNT
};

/* The table's file name in a forms folder. */
#define FORM_WORKFLOW_FILE "workflow"

struct form_workflow;

/* Parses the table's text into set->workflow (replacing none: a second call
 * is an error); problems go to set's errors as "name:line: message". */
void		 form_workflow_parse(struct form_set *, const char *name, const char *text);
/* Verifies the parsed table against the forms of set (after form_set_finish). */
void		 form_workflow_check(struct form_set *);
void		 form_workflow_free(struct form_workflow *);

/* Names from the table; NULL when set, its table, the stage or role is absent. */
const char	*form_workflow_form(const struct form_set *, enum form_wf_stage);
const char	*form_workflow_field(const struct form_set *, enum form_wf_role);
/* The definition of a stage's form in set, or NULL. */
struct form_def	*form_workflow_def(const struct form_set *, enum form_wf_stage);
/* The stage whose form is called form; false when none is. */
bool		 form_workflow_stage_of(const struct form_set *, const char *form,
		    enum form_wf_stage *);
/* The status a stage reaches as written ("departed"), or NULL for none. */
const char	*form_workflow_status(const struct form_set *, enum form_wf_stage);
/* Where the status was written (file, line) for the caller's own checks. */
const char	*form_workflow_file(const struct form_set *);
int		 form_workflow_status_line(const struct form_set *, enum form_wf_stage);
/* records one (true) or many; order N (0 when not written). */
bool		 form_workflow_once(const struct form_set *, enum form_wf_stage);
int		 form_workflow_order(const struct form_set *, enum form_wf_stage);
/* The months after the departure at which a record of the stage is due (the
 * monitoring's "due" line), rising; NULL with *n 0 for none. */
#define FORM_WF_MAX_DUE	8
const int	*form_workflow_due(const struct form_set *, enum form_wf_stage, size_t *n);

#endif
