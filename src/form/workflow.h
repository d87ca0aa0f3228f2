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
	WF_CALL,
	WF_CAMPAIGN,
	WF_PROJECT,
	WF_REGISTRATION,
	WF_CONSENT,
	WF_SESSION,
	WF_PREP,
	WF_DEPARTURE,
	WF_PLAN,
	WF_PAYMENT,
	WF_MONITORING,
	WF_CLOSURE,
	WF__STAGES
};

enum form_wf_role {
	/* registration and its family rows */
	WF_REG_SURNAME, WF_REG_GIVEN, WF_REG_NATIVE, WF_REG_DOB, WF_REG_NATIONALITY,
	WF_REG_VULN, WF_REG_PROJECT, WF_REG_FAMILY, WF_REG_PHONE, WF_REG_LANGUAGES,
	WF_REG_INTERPRETER, WF_REG_INTERPRETER_LANG, WF_REG_LOCATION,
	WF_FAM_SURNAME, WF_FAM_GIVEN, WF_FAM_NATIVE, WF_FAM_DOB, WF_FAM_NATIONALITY,
	WF_FAM_VULN, WF_FAM_RELATIONSHIP, WF_FAM_RELATIONSHIP_OTHER,
	/* consent */
	WF_CONSENT_GIVEN, WF_CONSENT_ON, WF_CONSENT_EXPLAINED_IN,
	/* call and session */
	WF_CALL_STARTED, WF_CALL_CALLER, WF_CALL_OUTCOME, WF_CALL_PHONE, WF_CALL_LANGUAGE,
	WF_CALL_INTERPRETED, WF_CALL_INTERPRETER_LANG, WF_CALL_LOCATION, WF_CALL_DURATION,
	WF_SESSION_DATE, WF_SESSION_KIND, WF_SESSION_MODE, WF_SESSION_NEXT,
	/* return preparation */
	WF_PREP_DOC, WF_PREP_DOC_OTHER, WF_PREP_PASSPORT_NO, WF_PREP_EXPIRY, WF_PREP_EMBASSY,
	WF_PREP_REQUESTED, WF_PREP_ISSUED, WF_PREP_FLIGHTS, WF_FLIGHT_DATE, WF_FLIGHT_FROM,
	WF_FLIGHT_TO, WF_FLIGHT_NO, WF_PREP_ALLOWANCE, WF_PREP_ALLOWANCE_PAID,
	/* departure */
	WF_DEP_ON, WF_DEP_ARRIVED, WF_DEP_CONFIRMED_ON, WF_DEP_CONFIRMED_BY,
	/* plan and its items */
	WF_PLAN_GRANT, WF_PLAN_PREPARED, WF_PLAN_TIMING, WF_PLAN_ITEMS, WF_PLAN_APPROVED_BY,
	WF_PLAN_APPROVED_ON, WF_ITEM_TYPE, WF_ITEM_PROVIDER, WF_ITEM_BUDGET, WF_ITEM_CANCELLED,
	WF_ITEM_CANCEL_REASON,
	/* payment */
	WF_PAY_ITEM, WF_PAY_ON, WF_PAY_AMOUNT, WF_PAY_RATE, WF_PAY_EUR, WF_PAY_INVOICE,
	WF_PAY_OVERRUN_BY, WF_PAY_OVERRUN_ON,
	/* monitoring */
	WF_MON_ON, WF_MON_MODE, WF_MON_ITEMS, WF_MON_ITEM_NO, WF_MON_SCORE,
	/* closure */
	WF_CLOSE_ON, WF_CLOSE_REASON, WF_CLOSE_REASON_OTHER,
	/* project details */
	WF_PROJECT_CODE, WF_PROJECT_BUDGET, WF_PROJECT_GRANT, WF_PROJECT_LIMIT,
	WF__ROLES
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

#endif
