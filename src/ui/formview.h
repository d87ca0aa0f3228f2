/*
 * ui/formview: the screen that runs any form of forms/.
 *
 * Contract: walks the form's fields (sections, every field type, repeat groups
 * as a list of child rows each opened in a view of its own), moves with
 * Tab/Shift-Tab/arrows/Enter, validates a field when the cursor leaves it and
 * every field on save, with the message under the field; re-evaluates
 * relevance and calculations as the user types. The record is kept as a draft
 * (db/draft) whenever the user leaves a changed field and when the program is
 * told to stop, so nothing typed is lost. A save that meets another user's
 * newer version opens the conflict screen with both values.
 */
#ifndef UI_FORMVIEW_H
#define UI_FORMVIEW_H

#include <stdint.h>

#include "ui/app.h"
#include "form/value.h"

/* Called after a successful save of a root form (may be NULL). */
typedef void (*ui_form_saved_fn)(struct ui_app *, const struct form_record *, void *arg);

struct ui_form_opts {
	int64_t		 draft_id;	/* resume this draft (0 = none) */
	int		 cursor;	/* field index to start on */
	ui_form_saved_fn saved;
	void		*arg;
	/* Refuses a save with a message (workflow rules); NULL = none. */
	char		*(*check)(struct ui_app *, struct form_record *, void *arg);
	/* Actions of this use of the form, before the form's own; true = handled. */
	bool		 (*action)(struct ui_app *, struct ui_screen *, struct form_record *,
			    enum ui_action, void *arg);
	const enum ui_action *bar;	/* its key bar (NULL = the form's) */
	/* msgid of what an action does in this use of the form (NULL: the key
	 * table's), for its key bar and help */
	const char	*(*bar_label)(enum ui_action);
	/* A running timer in the title (a call); on save its minutes go to this
	 * integer field when it is empty. */
	bool		 timer;
	const char	*timer_field;
	/* A record with no case that needs one makes it in the save's transaction,
	 * and the draft of link (the form it was started from, *link_draft its
	 * draft id) is written with the new case in the same transaction. */
	bool		 make_case;
	const struct form_record *link;
	int64_t		*link_draft;
	void		(*arg_free)(void *);	/* frees arg with the form view */
};

/* Opens a root form view; takes ownership of rec. opts may be NULL. */
void	ui_form_open(struct ui_app *, struct form_record *rec, const struct ui_form_opts *);

#endif
