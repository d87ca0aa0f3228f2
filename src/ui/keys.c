#include "ui/keys.h"

#include <stdio.h>

#include "ui/curs.h"
#include "util/tr.h"

/* Function keys first: the first binding of each kind is the one shown. */
static const struct ui_binding ui_keys_table[] = {
	{ UI_KEY(KEY_F(1)),	UA_HELP },
	{ UI_CTRL('g'),		UA_HELP },
	{ UI_KEY(KEY_F(2)),	UA_SAVE },
	{ UI_CTRL('o'),		UA_SAVE },
	{ UI_KEY(KEY_F(3)),	UA_SEARCH },
	{ UI_CTRL('f'),		UA_SEARCH },
	{ UI_KEY(KEY_F(4)),	UA_NEW_CASE },
	{ UI_CTRL('n'),		UA_NEW_CASE },
	{ UI_KEY(KEY_F(5)),	UA_CALL },
	{ UI_CTRL('p'),		UA_CALL },
	{ UI_KEY(KEY_F(6)),	UA_STAFF_LANG },
	{ UI_CTRL('t'),		UA_STAFF_LANG },
	{ UI_KEY(KEY_F(7)),	UA_CLIENT_LANG },
	{ UI_CTRL('k'),		UA_CLIENT_LANG },
	{ UI_KEY(KEY_F(8)),	UA_INTERP },
	{ UI_CTRL('v'),		UA_INTERP },
	{ UI_KEY(KEY_F(9)),	UA_ADD_ROW },
	{ UI_CTRL('a'),		UA_ADD_ROW },
	{ UI_KEY(KEY_DC),	UA_DELETE },
	{ UI_CTRL('d'),		UA_DEL_ROW },
	{ UI_KEY(KEY_F(10)),	UA_QUIT },
	{ UI_KEY(KEY_F(11)),	UA_HISTORY },
	{ UI_CTRL('y'),		UA_HISTORY },
	{ UI_CTRL('w'),		UA_REPORT },
	{ UI_CTRL('x'),		UA_QUIT },
	{ 27,			UA_BACK },
	{ UI_CTRL('l'),		UA_REDRAW },
	{ '\t',			UA_NEXT },
	{ UI_KEY(KEY_BTAB),	UA_PREV },
	{ UI_KEY(KEY_UP),	UA_UP },
	{ UI_KEY(KEY_DOWN),	UA_DOWN },
	{ UI_KEY(KEY_PPAGE),	UA_PGUP },
	{ UI_KEY(KEY_NPAGE),	UA_PGDN },
	{ UI_KEY(KEY_HOME),	UA_HOME },
	{ UI_CTRL('b'),		UA_HOME },	/* ^A is add-row: ^B for the start */
	{ UI_KEY(KEY_END),	UA_END },
	{ UI_CTRL('e'),		UA_END },
	{ UI_KEY(KEY_LEFT),	UA_LEFT },
	{ UI_KEY(KEY_RIGHT),	UA_RIGHT },
	{ '\r',			UA_ENTER },
	{ '\n',			UA_ENTER },
	{ UI_KEY(KEY_ENTER),	UA_ENTER },
	{ 127,			UA_BACKSPACE },
	{ UI_CTRL('h'),		UA_BACKSPACE },
	{ UI_KEY(KEY_BACKSPACE), UA_BACKSPACE },
	{ UI_CTRL('u'),		UA_CLEAR },
	{ UI_KEY(KEY_F(12)),	UA_BLANK },
	{ UI_CTRL('r'),		UA_BLANK },	/* free, and typed on every terminal */
};

static const struct {
	const char	*label;
	const char	*describe;
} ui_keys_text[UA__COUNT] = {
	[UA_HELP] = { N_("Help"), N_("Show this help: every key and what it does") },
	[UA_SAVE] = { N_("Save"), N_("Save the form (checks every field first)") },
	[UA_BACK] = { N_("Back"), N_("Close this screen; an unsaved form is kept as a draft") },
	[UA_QUIT] = { N_("Quit"), N_("Leave the program (open forms are kept as drafts)") },
	[UA_SEARCH] = { N_("Find"), N_("Find a case by name, case number or phone") },
	[UA_NEW_CASE] = { N_("New case"), N_("Register a new applicant (a new case)") },
	[UA_CALL] = { N_("Call"), N_("Log a hotline call, from any screen") },
	[UA_STAFF_LANG] = { N_("Language"), N_("Switch your language (the staff language)") },
	[UA_CLIENT_LANG] = { N_("Client lang."), N_("Choose the client's language") },
	[UA_INTERP] = { N_("Interpreter"),
	    N_("Interpreter view: each question also in the client's language") },
	[UA_ADD_ROW] = { N_("Add row"), N_("Add a row to a list (family member, flight, item)") },
	[UA_DEL_ROW] = { N_("Delete row"), N_("Delete the row under the cursor (asks first)") },
	[UA_REDRAW] = { N_("Redraw"), N_("Redraw the screen") },
	[UA_NEXT] = { N_("Next"), N_("Next field (also Down or Enter)") },
	[UA_PREV] = { N_("Previous"), N_("Previous field (also Up)") },
	[UA_PGUP] = { N_("Page up"), N_("One screen up") },
	[UA_PGDN] = { N_("Page down"), N_("One screen down") },
	[UA_HOME] = { N_("Start"), N_("Start of the field") },
	[UA_END] = { N_("End"), N_("End of the field") },
	[UA_ENTER] = { N_("Open"), N_("Open, choose, or go to the next field") },
	[UA_CLEAR] = { N_("Clear"), N_("Clear the field") },
	[UA_HISTORY] = { N_("History"),
	    N_("In a case: its history, who saw and changed what and when (supervisors)") },
	[UA_REPORT] = { N_("Reports"), N_("Reports with bars (on a project in Projects: "
	    "that project's)") },
	[UA_DELETE] = { N_("Delete"), N_("Delete the character under the cursor") },
	[UA_BACKSPACE] = { N_("Backspace"), N_("Delete the character before the cursor") },
	[UA_BLANK] = { N_("Blank"), N_("Blank the screen at once (someone is looking); any "
	    "key brings it back, nothing typed is lost") },
};

enum ui_action
ui_keys_action(int key)
{
	size_t i;

	for (i = 0; i < sizeof ui_keys_table / sizeof ui_keys_table[0]; i++)
		if (ui_keys_table[i].key == key)
			return ui_keys_table[i].action;
	return UA_NONE;
}

const char *
ui_keys_name(int key, char *buf, size_t len)
{
	if (key >= UI_KEY(KEY_F(1)) && key <= UI_KEY(KEY_F(12)))
		snprintf(buf, len, "F%d", key - UI_KEY(KEY_F(0)));
	else if (key == 27)
		snprintf(buf, len, "Esc");
	else if (key == '\t')
		snprintf(buf, len, "Tab");
	else if (key == '\r')
		snprintf(buf, len, "Enter");
	else if (key > 0 && key < 32)
		snprintf(buf, len, "^%c", key + '@');
	else if (key == UI_KEY(KEY_BTAB))
		snprintf(buf, len, "S-Tab");
	else if (key == UI_KEY(KEY_DC))
		snprintf(buf, len, "Del");
	else if (key == UI_KEY(KEY_PPAGE))
		snprintf(buf, len, "PgUp");
	else if (key == UI_KEY(KEY_NPAGE))
		snprintf(buf, len, "PgDn");
	else if (key == UI_KEY(KEY_UP))
		snprintf(buf, len, "Up");
	else if (key == UI_KEY(KEY_DOWN))
		snprintf(buf, len, "Down");
	else if (key == UI_KEY(KEY_HOME))
		snprintf(buf, len, "Home");
	else if (key == UI_KEY(KEY_END))
		snprintf(buf, len, "End");
	else if (key == 127 || key == UI_KEY(KEY_BACKSPACE))
		snprintf(buf, len, "Bksp");
	else if (key > 32 && key < 127)
		snprintf(buf, len, "%c", key);
	else
		snprintf(buf, len, "#%d", key);
	return buf;
}

static const char *
ui_keys_first(enum ui_action a, int want_fkey)
{
	static char buf[2][16];
	size_t i;
	int k;

	for (i = 0; i < sizeof ui_keys_table / sizeof ui_keys_table[0]; i++) {
		if (ui_keys_table[i].action != a)
			continue;
		k = ui_keys_table[i].key;
		if ((k >= UI_KEY(KEY_F(1)) && k <= UI_KEY(KEY_F(12))) != want_fkey)
			continue;
		return ui_keys_name(k, buf[want_fkey], sizeof buf[0]);
	}
	return NULL;
}

const char *
ui_keys_fname(enum ui_action a)
{
	return ui_keys_first(a, 1);
}

const char *
ui_keys_cname(enum ui_action a)
{
	return ui_keys_first(a, 0);
}

const char *
ui_keys_label(enum ui_action a)
{
	return a < UA__COUNT && ui_keys_text[a].label != NULL ? ui_keys_text[a].label : "";
}

const char *
ui_keys_describe(enum ui_action a)
{
	return a < UA__COUNT && ui_keys_text[a].describe != NULL ? ui_keys_text[a].describe : "";
}
