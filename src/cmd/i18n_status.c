/*
 * cmd/i18n_status: `avrr i18n-status [--missing CODE]` prints, for every
 * language with a catalog, how much of the program's messages, of all form
 * texts, and of the client-facing forms (what an interpreter or the client
 * reads) is translated; --missing lists the msgids a language lacks.
 */
#include "cmd/cmd.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form/workflow.h"
#include "i18n/i18n.h"
#include "i18n/mo.h"
#include "util/mem.h"
#include "util/str.h"
#include "util/tr.h"

/* The forms whose texts are read to clients (registration, consent,
 * counselling, the reintegration plan with the eight assistance types). */
static const enum form_wf_stage cmd_i18n_client_stages[] = {
	WFS_REGISTRATION, WFS_CONSENT, WFS_SESSION, WFS_PLAN,
};

struct cmd_i18n_ids {
	const char	**ids;
	size_t		  n;
	size_t		  cap;
};

static void
cmd_i18n_add(struct cmd_i18n_ids *l, const char *id)
{
	size_t i;

	if (str_empty(id))
		return;
	for (i = 0; i < l->n; i++)
		if (strcmp(l->ids[i], id) == 0)
			return;
	l->ids = xgrow(l->ids, &l->cap, l->n + 1, sizeof *l->ids);
	l->ids[l->n++] = id;
}

static void
cmd_i18n_add_choices(struct cmd_i18n_ids *l, const struct form_set *set, const char *name)
{
	const struct form_choices *cl = form_set_choices(set, name);
	size_t i;

	if (cl == NULL || cl->builtin)	/* iso-codes translates those */
		return;
	for (i = 0; i < cl->nitems; i++)
		cmd_i18n_add(l, cl->items[i].label);
}

static void
cmd_i18n_add_def(struct cmd_i18n_ids *l, const struct form_set *set,
    const struct form_def *def)
{
	size_t i;

	cmd_i18n_add(l, def->title);
	cmd_i18n_add(l, def->hint);
	for (i = 0; i < def->ngroups; i++)	/* headings, nested ones too */
		cmd_i18n_add(l, def->groups[i]->label);
	for (i = 0; i < def->nfields; i++) {
		const struct form_field *fd = &def->fields[i];

		cmd_i18n_add(l, fd->label);
		cmd_i18n_add(l, fd->hint);
		cmd_i18n_add(l, fd->say);
		cmd_i18n_add(l, fd->constraint_msg);
		if (fd->choices != NULL)
			cmd_i18n_add_choices(l, set, fd->choices);
		if (fd->group != NULL)
			cmd_i18n_add_def(l, set, fd->group);
	}
}

static bool
cmd_i18n_is_client_form(const struct form_set *set, const char *name)
{
	size_t i;

	for (i = 0; i < sizeof cmd_i18n_client_stages / sizeof cmd_i18n_client_stages[0]; i++)
		if (str_eq(form_workflow_form(set, cmd_i18n_client_stages[i]), name))
			return true;
	return false;
}

static void
cmd_i18n_collect(const struct form_set *set, struct i18n_mo *prog,
    struct cmd_i18n_ids lists[3])
{
	size_t i;

	for (i = 0; prog != NULL && i < i18n_mo_count(prog); i++)
		cmd_i18n_add(&lists[0], i18n_mo_msgid(prog, i));
	for (i = 0; i < set->nforms; i++) {
		cmd_i18n_add_def(&lists[1], set, set->forms[i]);
		if (cmd_i18n_is_client_form(set, set->forms[i]->name))
			cmd_i18n_add_def(&lists[2], set, set->forms[i]);
	}
}

static size_t
cmd_i18n_done(const char *code, const struct cmd_i18n_ids *l, bool print_missing)
{
	size_t i, done = 0;

	for (i = 0; i < l->n; i++) {
		if (strcmp(code, "en") == 0 || i18n_lookup(code, l->ids[i]) != NULL)
			done++;
		else if (print_missing)
			printf("%s\n", l->ids[i]);
	}
	return done;
}

static void
cmd_i18n_table(const struct cmd_i18n_ids lists[3])
{
	const struct i18n_lang *langs;
	size_t n, k, j;

	langs = i18n_languages(&n);
	printf("%-6s %-14s %8s %8s %8s\n", _("code"), _("language"), _("program"), _("forms"),
	    _("client"));
	for (k = 0; k < n; k++) {
		printf("%-6s %-14s", langs[k].code, langs[k].english);
		for (j = 0; j < 3; j++) {
			size_t done = cmd_i18n_done(langs[k].code, &lists[j], false);

			printf(" %7zu%%", lists[j].n ? done * 100 / lists[j].n : 100);
		}
		printf("\n");
	}
	printf("%s: %zu, %zu, %zu\n", _("msgids (program, forms, client-facing)"),
	    lists[0].n, lists[1].n, lists[2].n);
}

int
cmd_i18n_status(const struct cmd_args *a)
{
	const char *missing = cmd_opt_get(a, "missing");
	struct cmd_i18n_ids lists[3] = { { 0 } };
	struct form_set *set;
	struct i18n_mo *prog;
	char *path, *err = NULL;
	size_t j;

	if (missing != NULL && i18n_lang_find(missing) == NULL) {
		cmd_error(_("no catalog for the language '%s'"), missing);
		return 1;
	}
	if ((set = cmd_load_forms(cmd_forms_dir(), NULL)) == NULL)
		return 1;
	path = xasprintf("%s/templates/program.mo", cmd_locale_dir());
	if ((prog = i18n_mo_open(path, &err)) == NULL) {
		cmd_error("%s", err != NULL ? err : path);
		free(err);
	}
	cmd_i18n_collect(set, prog, lists);
	if (missing != NULL)
		for (j = 0; j < 3; j++)
			cmd_i18n_done(missing, &lists[j], true);
	else
		cmd_i18n_table(lists);
	for (j = 0; j < 3; j++)
		free(lists[j].ids);
	i18n_mo_free(prog);
	free(path);
	form_set_free(set);
	return 0;
}
