/*
 * ui/formview_int: the form view's state, shared by formview.c (items, focus,
 * drawing), formkeys.c (keys) and formsave.c (checks and saving). Not for
 * other modules.
 */
#ifndef UI_FORMVIEW_INT_H
#define UI_FORMVIEW_INT_H

#include <time.h>

#include "ui/app.h"
#include "ui/edit.h"
#include "ui/ferr.h"
#include "ui/formview.h"

enum ui_item_kind { UI_IT_SECTION, UI_IT_FIELD, UI_IT_ROW, UI_IT_ADD };

struct ui_item {
	enum ui_item_kind	kind;
	int			field;
	int			row;
	int			y;	/* body line, before scrolling */
	int			h;
};

struct ui_form {
	struct form_record	*rec;
	/* root: the record as loaded from the database (NULL: new, or a draft
	 * whose record changed since), what a conflict compares against */
	struct form_record	*base;
	bool			 owned;
	struct ui_form		*root;		/* itself for a top-level form */
	struct ui_form		*parent;	/* the view a row was opened from */
	struct ui_item		*items;
	size_t			 nitems;
	size_t			 cap;
	int			 focus;		/* item index, -1 = none */
	int			 top;		/* first body line shown */
	struct ui_edit		 edit;
	int			 edit_field;	/* field the edit buffer holds, -1 = none */
	bool			 edit_typed;	/* typed into since it was entered */
	bool			 live_due;	/* typed into since the last ui_form_live() */
	int			 cut_at;	/* limit a key hit since the last idle, 0 = none */
	bool			 edit_fresh;	/* shows a default: the first key replaces it */
	bool			*dflt;		/* per field: the value is a default, untouched */
	bool			*locked;	/* per field: the role may not change it (db/perm) */
	bool			*hidden;	/* per field: the role may not read it */
	bool			 view_only;	/* the role may not save the record */
	struct ui_ferr		**err;		/* per field: what is wrong, or NULL */
	bool			*relevant;
	bool			 dirty;		/* root: changed since loaded or saved */
	bool			 draft_due;	/* root: changed since the last draft */
	bool			 saved;
	bool			 peek;		/* scrolled away from the focus to read */
	int64_t			 draft_id;
	long			 opened;	/* for the call timer: date_elapsed() */
	char			*tally;		/* root: a plan's items against its grant */
	int64_t			 linked_id;	/* the case linked_no was read for */
	char			*linked_no;	/* " AVRR-2026-00017", for a call's title */
	int			 tally_field;	/* the items' field, -1 = none */
	struct ui_form_opts	 opts;
};

extern const struct ui_screen_ops ui_form_ops;
extern const struct ui_screen_ops ui_form_row_ops;

struct ui_form	*ui_form_new(struct form_record *, bool owned, struct ui_form *root);
void	 ui_form_build(struct ui_form *);
/* A label, hint or note as shown (translated text in, malloc'd text out,
 * NULL for NULL): each ${name} replaced by the value field name shows now,
 * of the record or of the form a row is in (formtext.c). */
char	*ui_form_text(const struct ui_form *, const struct ui_app *, const char *shown);
void	 ui_form_recompute(struct ui_form *, struct ui_app *);
bool	 ui_form_item_focusable(const struct ui_form *, int idx);
int	 ui_form_item_of(const struct ui_form *, int field);
void	 ui_form_commit(struct ui_form *, struct ui_app *);
/* Replaces field's error by e (taken; NULL clears it). */
void	 ui_form_set_err(struct ui_form *, int field, struct ui_ferr *e);
void	 ui_form_live(struct ui_form *, struct ui_app *);
void	 ui_form_changed(struct ui_form *, struct ui_app *);
/* Loads the edit buffer for the focused field when it is typed into (a
 * default or prefilled value: the first key replaces it). */
void	 ui_form_enter(struct ui_form *);
/* Puts the cursor on item k (no commit of the field left). */
void	 ui_form_focus(struct ui_form *, int k);
void	 ui_form_move(struct ui_form *, struct ui_app *, int dir);
/* False (with the reason shown) when the draft could not be kept: saving is off. */
bool	 ui_form_keep_draft(struct ui_form *root, struct ui_app *);
void	 ui_form_open_row(struct ui_app *, struct ui_form *parent, int field, int row);
bool	 ui_form_key(struct ui_screen *, struct ui_app *, int key, enum ui_action);
void	 ui_form_set_title(struct ui_form *, struct ui_app *);
/* The role's limits on f (db/perm): locked and hidden fields, view_only. */
void	 ui_form_perms(struct ui_form *, struct ui_app *);
/* Money fields of rec without a currency take one (db_lifecycle_currencies:
 * from's, else the case's); a failure is said on the message line. */
void	 ui_form_currencies(struct form_record *rec, struct ui_app *, int64_t case_id,
	    const struct form_record *from);

#endif
