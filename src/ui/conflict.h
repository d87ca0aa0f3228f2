/*
 * ui/conflict: another user saved the same record first.
 *
 * Contract: shows every difference form/merge finds between the user's
 * record, the version the other user saved and the version the user loaded
 * (f->base): each field of the record and of every repeat row (under the
 * row's name, e.g. "Family members 2 (Amina)"), and the rows either side
 * added or removed, with the other user's value, the user's and which one is
 * kept; "*" marks a side that changed since the form was loaded. One-sided
 * changes start kept as made; where both changed, the user picks. F7/^K and
 * Right keep the user's value, F8/^V and Left the other user's, Enter
 * switches, F9/^A and F4/^N pick the user's or the other's for every line
 * both changed. F2/^O saves the other user's version with only what is kept
 * "yours" on it (refused while a line is undecided); Esc goes back to the
 * form unchanged. Nothing is written until the user saves. The lines run on
 * ui/list; the case numbers of a case difference are read when the screen is
 * shown, and a failure to read them is said there, not shown as "-" alone.
 */
#ifndef UI_CONFLICT_H
#define UI_CONFLICT_H

#include "ui/formview_int.h"

/* Takes ownership of theirs. */
void	ui_conflict_open(struct ui_app *, struct ui_form *, struct form_record *theirs);

#endif
