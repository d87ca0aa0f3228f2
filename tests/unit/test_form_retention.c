/*
 * form/retention: the list of what a purge keeps is read beside the forms,
 * each line verified against them (check-forms lists every problem as
 * file:line), and answers per field what the purge leaves of it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "form/form.h"
#include "form/retention.h"

static struct form_set *
tr_set(void)
{
	struct form_set *set = form_set_load_dir("forms");

	assert_int_equal(set->nerrors, 0);
	assert_non_null(set->retention);
	return set;
}

static const struct form_field *
tr_field(const struct form_def *def, const char *name)
{
	int k = form_field_index(def, name);

	assert_true(k >= 0);
	return &def->fields[k];
}

static void
test_retention_keep(void **state)
{
	struct form_set *set = tr_set();
	const struct form_def *reg = form_set_find(set, "registration");
	const struct form_def *fam = tr_field(reg, "family")->group;

	(void)state;
	assert_int_equal(form_retention_keep(set, reg, tr_field(reg, "nationality")),
	    FORM_KEEP_ALL);
	assert_int_equal(form_retention_keep(set, reg, tr_field(reg, "dob")), FORM_KEEP_YEAR);
	assert_int_equal(form_retention_keep(set, reg, tr_field(reg, "surname")),
	    FORM_KEEP_NONE);
	assert_int_equal(form_retention_keep(set, reg, tr_field(reg, "phone")), FORM_KEEP_NONE);
	assert_int_equal(form_retention_keep(set, fam, tr_field(fam, "dob")), FORM_KEEP_YEAR);
	assert_int_equal(form_retention_keep(set, fam, tr_field(fam, "surname")),
	    FORM_KEEP_NONE);
	/* a row's field is not the form's field of the same name */
	assert_int_equal(form_retention_keep(set, fam, tr_field(fam, "relationship")),
	    FORM_KEEP_ALL);
	assert_int_equal(form_retention_keep(NULL, reg, tr_field(reg, "nationality")),
	    FORM_KEEP_NONE);
	form_set_free(set);
}

static bool
tr_has(const struct form_set *set, const char *text)
{
	size_t i;

	for (i = 0; i < set->nerrors; i++)
		if (strstr(set->errors[i], text) != NULL)
			return true;
	return false;
}

static void
test_retention_errors(void **state)
{
	struct form_set *set = tr_set();

	(void)state;
	form_retention_free(set->retention);
	set->retention = NULL;
	form_retention_parse(set, "ret", "# comment\n"
	    "keep registration nationality\n"
	    "keep nosuchform surname\n"
	    "keep registration nosuchfield\n"
	    "keep registration surname year\n"
	    "keep registration dob week\n"
	    "drop registration surname\n"
	    "keep registration nosuchgroup.dob\n"
	    "keep registration family.dob year   # the year of birth\n");
	form_retention_check(set);
	assert_true(tr_has(set, "ret:3: no form 'nosuchform'"));
	assert_true(tr_has(set, "ret:4: form 'registration' has no field"));
	assert_true(tr_has(set, "ret:5: field 'surname' is not a date"));
	assert_true(tr_has(set, "ret:6: 'week' is not month or year"));
	assert_true(tr_has(set, "ret:7: expected 'keep FORM FIELD"));
	assert_true(tr_has(set, "ret:8: form 'registration' has no repeat group"));
	assert_int_equal(set->nerrors, 6);
	form_retention_parse(set, "again", "");
	assert_true(tr_has(set, "a second retention list"));
	form_set_free(set);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_retention_keep),
		cmocka_unit_test(test_retention_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
