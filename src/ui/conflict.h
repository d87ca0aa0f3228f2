/*
 * ui/conflict: another user saved the same record first.
 *
 * Contract: shows every field whose value differs, with the user's value and
 * the stored one side by side. F2/^O saves the user's values over the newer
 * version (on purpose, never silently); t takes the stored values into the
 * form; Esc goes back to the form unchanged. Nothing is written until the user
 * chooses.
 */
#ifndef UI_CONFLICT_H
#define UI_CONFLICT_H

#include "ui/formview_int.h"

/* Takes ownership of theirs. */
void	ui_conflict_open(struct ui_app *, struct ui_form *, struct form_record *theirs);

#endif
