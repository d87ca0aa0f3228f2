/*
 * ui/list and the titles of ui/app: what needs no terminal. A list whose load
 * fails keeps the lines it could make and the data layer's message (in the
 * message line and for its body), the cursor stays on the lines, Enter and
 * other keys reach the screen's callbacks with the line; a title kept as
 * msgids and data comes out in the staff language of the moment.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "i18n/i18n.h"
#include "ui/list.h"
#include "util/mem.h"
#include "util/tr.h"

#define CAT_DIR	"tests/data/mo/cat"

/* What the fake screen's callbacks saw and answer. */
struct fake {
	size_t		 lines;		/* lines a load makes */
	bool		 fail;
	const char	*err;		/* the failure's message, or NULL */
	size_t		 opened;	/* line of the last Enter + 1, 0 for none */
	enum ui_action	 acted;
};

static bool
fake_load(struct ui_list *l, struct ui_app *app, size_t *n, char **err)
{
	struct fake *f = l->data;

	*n = f->lines;
	if (f->fail && f->err != NULL)
		*err = xstrdup(f->err);
	return !f->fail;
}

static char *
fake_line(struct ui_list *l, struct ui_app *app, size_t k, const int **widths)
{
	return xasprintf("line %zu", k);
}

static void
fake_open(struct ui_list *l, struct ui_screen *s, struct ui_app *app, size_t k)
{
	struct fake *f = l->data;

	f->opened = k + 1;
}

static bool
fake_act(struct ui_list *l, struct ui_screen *s, struct ui_app *app, size_t k,
    enum ui_action a)
{
	struct fake *f = l->data;

	if (a != UA_DEL_ROW)
		return false;
	f->acted = a;
	f->opened = 100 + k;
	return true;
}

static const struct ui_list_ops fake_ops = {
	.load = fake_load,
	.line = fake_line,
	.open = fake_open,
	.act = fake_act,
};

static void
test_failed_load_is_said(void **state)
{
	struct fake f = { 3, true, "x.db: no such table: drafts", 0, UA_NONE };
	struct ui_list l = { .ops = &fake_ops, .data = &f };
	struct ui_app app = { 0 };

	assert_false(ui_list_load(&l, &app));
	assert_int_equal(l.n, 3);	/* what it could make (a menu) stays */
	assert_string_equal(l.err, "x.db: no such table: drafts");
	assert_non_null(app.msg);
	assert_string_equal(app.msg, "x.db: no such table: drafts");
	assert_true(app.msg_error);
	f.fail = false;	/* the next load that succeeds forgets it */
	assert_true(ui_list_load(&l, &app));
	assert_null(l.err);
	ui_message(&app, false, NULL);
	ui_list_free(&l);
}

static void
test_failed_load_without_message(void **state)
{
	struct fake f = { 0, true, NULL, 0, UA_NONE };
	struct ui_list l = { .ops = &fake_ops, .data = &f };
	struct ui_app app = { 0 };

	assert_false(ui_list_load(&l, &app));
	assert_non_null(l.err);
	assert_string_equal(l.err, "The list cannot be read");
	assert_string_equal(app.msg, "The list cannot be read");
	ui_message(&app, false, NULL);
	ui_list_free(&l);
}

static void
test_cursor_stays_on_the_lines(void **state)
{
	struct fake f = { 10, false, NULL, 0, UA_NONE };
	struct ui_list l = { .ops = &fake_ops, .data = &f };
	struct ui_app app = { 0 };

	ui_list_load(&l, &app);
	assert_true(ui_list_key(&l, NULL, &app, UA_END, 5));
	assert_int_equal(l.cur, 9);
	f.lines = 4;	/* fewer lines after a reload */
	ui_list_load(&l, &app);
	assert_int_equal(l.cur, 3);
	assert_true(l.top <= l.cur);
	assert_true(ui_list_key(&l, NULL, &app, UA_PGUP, 5));
	assert_int_equal(l.cur, 0);
	ui_list_free(&l);
}

static void
test_keys_reach_the_line(void **state)
{
	struct fake f = { 4, false, NULL, 0, UA_NONE };
	struct ui_list l = { .ops = &fake_ops, .data = &f };
	struct ui_app app = { 0 };

	ui_list_load(&l, &app);
	assert_true(ui_list_key(&l, NULL, &app, UA_DOWN, 5));
	assert_true(ui_list_key(&l, NULL, &app, UA_DOWN, 5));
	assert_true(ui_list_key(&l, NULL, &app, UA_ENTER, 5));
	assert_int_equal(f.opened, 3);
	assert_true(ui_list_key(&l, NULL, &app, UA_DEL_ROW, 5));
	assert_int_equal(f.opened, 102);
	assert_false(ui_list_key(&l, NULL, &app, UA_SAVE, 5));	/* left to the screen */
	f.lines = 0;
	ui_list_load(&l, &app);
	assert_false(ui_list_key(&l, NULL, &app, UA_ENTER, 5));	/* no line, no open */
	ui_list_free(&l);
}

static void
test_title_in_the_language_of_the_moment(void **state)
{
	struct ui_screen s = { 0 };
	char *t;
	char *err = NULL;

	if (!i18n_init(CAT_DIR, &err)) {
		free(err);
		fail_msg("no test catalogs in %s", CAT_DIR);
	}
	util_set_tr(i18n_staff);	/* as main() does */
	ui_title_add(&s, "Family members", ": 2");
	ui_title_add(&s, NULL, " / ");
	ui_title_add(&s, "Save", NULL);
	assert_true(i18n_set_staff("en"));
	t = ui_title_text(&s);
	assert_string_equal(t, "Family members: 2 / Save");
	free(t);
	assert_true(i18n_set_staff("sk"));
	t = ui_title_text(&s);
	assert_string_equal(t, "Rodinní príslušníci: 2 / Uložiť");
	free(t);
	ui_title_clear(&s);
	t = ui_title_text(&s);
	assert_string_equal(t, "");
	free(t);
	util_set_tr(NULL);
	i18n_shutdown();
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_failed_load_is_said),
		cmocka_unit_test(test_failed_load_without_message),
		cmocka_unit_test(test_cursor_stays_on_the_lines),
		cmocka_unit_test(test_keys_reach_the_line),
		cmocka_unit_test(test_title_in_the_language_of_the_moment),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
