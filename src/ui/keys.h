/*
 * ui/keys: keys as the program sees them, and the key table.
 *
 * A key is an int: a Unicode code point (text, and control characters
 * 1..31 for Ctrl-letters), or UI_KEY(x) for a curses KEY_* code. The key table
 * maps keys to actions (data, also shown in the help screen and the key bar);
 * every action has a function key and a control-key alternative, because
 * function keys do not arrive on every terminal. Ctrl-S and Ctrl-Q are never
 * used (flow control).
 */
#ifndef UI_KEYS_H
#define UI_KEYS_H

#include <stdbool.h>
#include <stddef.h>

#define UI_KEY(k)	(0x200000 + (k))
#define UI_CTRL(c)	((c) & 0x1f)
#define UI_KEY_NONE	(-1)
#define UI_KEY_HUP	(-2)	/* the terminal went away */
#define UI_KEY_TICK	(-3)	/* a second passed with no key */

enum ui_action {
	UA_NONE,
	UA_HELP,
	UA_SAVE,
	UA_BACK,	/* close this screen (asks when unsaved) */
	UA_QUIT,
	UA_SEARCH,	/* find a case */
	UA_NEW_CASE,	/* new registration */
	UA_CALL,	/* log a hotline call, from anywhere */
	UA_STAFF_LANG,	/* switch the staff language */
	UA_CLIENT_LANG,	/* choose the client language */
	UA_INTERP,	/* interpreter view on/off */
	UA_ADD_ROW,
	UA_DEL_ROW,
	UA_REDRAW,
	UA_NEXT,	/* next field */
	UA_PREV,
	UA_UP,
	UA_DOWN,
	UA_PGUP,
	UA_PGDN,
	UA_HOME,
	UA_END,
	UA_LEFT,
	UA_RIGHT,
	UA_ENTER,
	UA_BACKSPACE,
	UA_DELETE,
	UA_CLEAR,	/* clear the field */
	UA_BLANK,	/* blank the screen at once; any key brings it back */
	UA_HISTORY,	/* the case's history (its audit) */
	UA_REPORT,	/* the reports (of a project, in its list) */
	UA__COUNT
};

struct ui_binding {
	int		 key;
	enum ui_action	 action;
};

/* The action of a key, UA_NONE for text and unbound keys. */
enum ui_action	 ui_keys_action(int key);
/* "F2" / "^O": the first function-key and control-key names of an action. */
const char	*ui_keys_fname(enum ui_action);
const char	*ui_keys_cname(enum ui_action);
/* msgid of the action's short label for the key bar ("Save"). */
const char	*ui_keys_label(enum ui_action);
/* msgid of the action's longer description for the help screen. */
const char	*ui_keys_describe(enum ui_action);
/* Printable name of any key ("F5", "^P", "Tab", "x"), into buf. */
const char	*ui_keys_name(int key, char *buf, size_t len);

#endif
