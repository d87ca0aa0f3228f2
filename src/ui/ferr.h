/*
 * ui/ferr: a field's error kept as what went wrong, not as text, so the form
 * view translates it when it draws it and a staff-language switch repaints it.
 *
 * Contract: an error is the typed text that did not fit its type, a
 * constraint the typed value broke, or a problem of the whole-record check
 * (form/check: its kind and where it lies, rows included). ui_ferr_text()
 * makes its one line in the staff language of the moment from the error and
 * the record it belongs to, with the wording of the check that found it; it
 * reads no database. When the record no longer shows the problem (a row was
 * changed since) the line as it was first said stands.
 */
#ifndef UI_FERR_H
#define UI_FERR_H

#include <stdbool.h>
#include <stddef.h>

#include "form/check.h"

enum ui_ferr_kind {
	UI_FERR_TYPED,		/* typed text does not fit the field's type */
	UI_FERR_RULE,		/* the typed value breaks the field's constraint */
	UI_FERR_PROBLEM		/* a problem of form_check_record() */
};

struct ui_ferr {
	enum ui_ferr_kind	 kind;
	char			*typed;	/* UI_FERR_TYPED: the text as typed */
	enum form_problem_kind	 pkind;	/* UI_FERR_PROBLEM: */
	struct form_step	*path;	/*   depth steps from the record to the row */
	size_t			 depth;
	size_t			 at;	/*   the field at fault in its row (or the record) */
	char			*said;	/* the line when it was found (malloc'd) */
};

/* A problem of form/check as an error (the problem keeps what it owns). */
struct ui_ferr	*ui_ferr_problem(const struct form_problem *);
/* The line of e for field of rec, in the staff language (malloc'd). */
char		*ui_ferr_text(const struct ui_ferr *, const struct form_set *,
		    const struct form_record *rec, size_t field);
void		 ui_ferr_free(struct ui_ferr *);

#endif
