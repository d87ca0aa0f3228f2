/*
 * ui/screens: opening the program's screens (each lives in its own file:
 * home.c, caselist.c, caseview.c, reclist.c, help.c, report.c, report_view.c,
 * approval.c, worklist.c).
 *
 * Contract: each function pushes one screen on the stack. Screens hold ids,
 * msgids and data, never translated text; they re-read what they show from
 * the database in their shown callback (back on top, or app->gen moved), never
 * in draw, so a save elsewhere is seen at once. The list screens run on the
 * engine of ui/list.h.
 */
#ifndef UI_SCREENS_H
#define UI_SCREENS_H

#include <stdint.h>

#include "db/worklist.h"
#include "ui/app.h"
#include "ui/list.h"

void	ui_home_open(struct ui_app *);
/* What awaits a supervisor's approval; Enter opens it to approve (F2) or send
 * back (F4). */
void	ui_approvals_open(struct ui_app *);
/* One worklist (db/worklist); Enter opens where its work is. */
void	ui_worklist_open(struct ui_app *, enum db_work_kind);
/* The list's name (msgid). */
const char *ui_worklist_title(enum db_work_kind);
void	ui_caselist_open(struct ui_app *);
/* The case list in pick mode: Enter closes it and hands the case to picked. */
typedef void (*ui_case_picked_fn)(struct ui_app *, int64_t case_id, void *arg);
void	ui_caselist_pick(struct ui_app *, ui_case_picked_fn picked, void *arg);
/* The same, the search started from query (NULL: none); the first character
 * typed replaces it, the arrows and Backspace edit it. */
void	ui_caselist_pick_from(struct ui_app *, const char *query, ui_case_picked_fn picked,
	    void *arg);
/* A new hotline call with a running timer, linked to case_id when not 0. */
void	ui_call_open(struct ui_app *, int64_t case_id);
void	ui_caseview_open(struct ui_app *, int64_t case_id);
void	ui_reclist_open(struct ui_app *, const struct form_def *, int64_t case_id);
/* The history of the case (its audit rows), newest first. */
void	ui_history_open(struct ui_app *, int64_t case_id);
void	ui_help_open(struct ui_app *);
/* The reports: the period (the current year) and the project (NULL: every
 * project) to change, and the list of reports (db/report). */
void	ui_report_open(struct ui_app *, const char *project);
/* One report's figures for the period [from, to] and the project, with a bar
 * per row of each breakdown. */
void	ui_report_view_open(struct ui_app *, const char *name, const char *from,
	    const char *to, const char *project);

/* Opens a form for a new record (case_id 0 = none yet) or an existing one;
 * the user's draft of it, when there is one, is resumed instead. */
void	ui_open_record(struct ui_app *, const struct form_def *, int64_t case_id,
	    int64_t record_id);
/* The usual hooks of a form opened on rec: a record that needs a case and has
 * none makes one when saved, then shows it. */
struct ui_form_opts;
struct form_record;
void	ui_form_std_opts(struct ui_form_opts *, const struct form_record *);
/* Resumes a draft (a message when it cannot be read). */
void	ui_draft_resume(struct ui_app *, int64_t draft_id);
/* The client language belongs to its case: code (the case's, or NULL for no
 * case) is made the client language, else the one given at start. */
void	ui_client_follow(struct ui_app *, const char *code);
/* Opens a new case's registration form. */
void	ui_new_case(struct ui_app *);
/* False, with the one-line refusal naming the form and the role shown, when
 * the user's role may not add records of def (db/perm). */
bool	ui_may_add(struct ui_app *, const struct form_def *);

#endif
