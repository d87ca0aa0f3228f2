/*
 * cmd/check_forms: `avrr check-forms [DIR]` loads every form definition,
 * compiles every expression, and lists every error (exit 1) or says how
 * much it checked (exit 0).
 */
#include "cmd/cmd.h"

#include <stdio.h>
#include <sys/stat.h>

#include "db/expr.h"
#include "form/form.h"
#include "util/tr.h"

static size_t
cmd_check_forms_fields(const struct form_def *def)
{
	size_t i, n = 0;

	for (i = 0; i < def->nfields; i++) {
		n++;
		if (def->fields[i].group != NULL)
			n += cmd_check_forms_fields(def->fields[i].group);
	}
	return n;
}

int
cmd_check_forms(const struct cmd_args *a)
{
	const char *dir = a->noperands > 0 ? a->operands[0] : cmd_forms_dir();
	struct db_expr *expr;
	struct form_set *set;
	struct stat st;
	size_t i, nfields = 0;

	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		cmd_error(_("%s: no such folder"), dir);
		return 1;
	}
	expr = db_expr_new();
	set = cmd_load_forms(dir, expr);
	db_expr_free(expr);
	if (set == NULL)
		return 1;
	for (i = 0; i < set->nforms; i++)
		nfields += cmd_check_forms_fields(set->forms[i]);
	printf(_("%zu forms, %zu fields: no errors\n"), set->nforms, nfields);
	form_set_free(set);
	return 0;
}
