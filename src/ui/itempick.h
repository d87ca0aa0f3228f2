/*
 * ui/itempick: choosing an item of a case's reintegration plan (for a
 * payment or a monitoring row).
 *
 * Contract: a screen of its own listing the plan's items, each with its
 * number, assistance type, provider and what is left of its budget (or
 * "cancelled"); Up/Down move, a digit or Enter picks, Esc leaves without a
 * change. The item number goes to done() as text ("2"). With no plan or no
 * items it says so on the message line and opens nothing (returns false).
 */
#ifndef UI_ITEMPICK_H
#define UI_ITEMPICK_H

#include <stdbool.h>
#include <stdint.h>

#include "ui/app.h"
#include "ui/picker.h"

bool	ui_itempick_open(struct ui_app *, int64_t case_id, long current, ui_picker_done_fn,
	    void *arg);

#endif
