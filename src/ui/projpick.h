/*
 * ui/projpick: choosing the project a registration belongs to.
 *
 * Contract: a screen of its own listing the projects recorded (Projects, the
 * project stage's records: code and name), Up/Down move, Enter picks, typing
 * narrows by the start of the code or of a word of the name, Esc leaves
 * without a change. The code goes to done(). With no project recorded it
 * opens nothing and returns false (the code is then typed).
 */
#ifndef UI_PROJPICK_H
#define UI_PROJPICK_H

#include <stdbool.h>

#include "ui/app.h"
#include "ui/picker.h"

bool	ui_projpick_open(struct ui_app *, const char *current, ui_picker_done_fn, void *arg);

#endif
