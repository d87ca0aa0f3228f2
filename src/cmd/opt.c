#include "cmd/opt.h"

#include <stdlib.h>
#include <string.h>

#include "util/mem.h"
#include "util/str.h"
#include "util/tr.h"

static int
cmd_opt_find(const struct cmd_spec *spec, const char *name, size_t len)
{
	int i;

	for (i = 0; spec->opts != NULL && spec->opts[i].name != NULL; i++)
		if (strlen(spec->opts[i].name) == len && strncmp(spec->opts[i].name, name, len) == 0)
			return i;
	return -1;
}

static size_t
cmd_opt_count(const struct cmd_spec *spec)
{
	size_t n = 0;

	while (spec->opts != NULL && spec->opts[n].name != NULL)
		n++;
	return n;
}

char *
cmd_opt_usage(const struct cmd_spec *spec)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	strbuf_puts(&sb, "avrr");
	if (spec->name != NULL)
		strbuf_printf(&sb, " %s", spec->name);
	for (i = 0; spec->opts != NULL && spec->opts[i].name != NULL; i++) {
		if (spec->opts[i].arg != NULL)
			strbuf_printf(&sb, " [--%s %s]", spec->opts[i].name, _(spec->opts[i].arg));
		else
			strbuf_printf(&sb, " [--%s]", spec->opts[i].name);
	}
	if (spec->operands != NULL)
		strbuf_printf(&sb, " %s", _(spec->operands));
	return strbuf_take(&sb);
}

void
cmd_opt_help(const struct cmd_spec *spec, const char *summary, FILE *out)
{
	char *usage = cmd_opt_usage(spec), *left;
	size_t i;

	fprintf(out, "%s: %s\n", _("usage"), usage);
	if (summary != NULL)
		fprintf(out, "%s\n", summary);
	for (i = 0; spec->opts != NULL && spec->opts[i].name != NULL; i++) {
		left = xasprintf("--%s%s%s", spec->opts[i].name, spec->opts[i].arg != NULL ?
		    " " : "", spec->opts[i].arg != NULL ? _(spec->opts[i].arg) : "");
		fprintf(out, "  %-18s %s\n", left, _(spec->opts[i].help));
		free(left);
	}
	free(usage);
}

/* The one wording of a usage error: the message, then the usage; 2. */
static int
cmd_opt_bad(const struct cmd_spec *spec, const char *msg)
{
	char *usage = cmd_opt_usage(spec);

	fprintf(stderr, "avrr%s%s: %s\n%s: %s\n", spec->name != NULL ? " " : "",
	    spec->name != NULL ? spec->name : "", msg, _("usage"), usage);
	free(usage);
	return 2;
}

static int
cmd_opt_unknown(const struct cmd_spec *spec, const char *arg)
{
	char *msg = xasprintf(_("unknown option '%s'"), arg);
	int rc = cmd_opt_bad(spec, msg);

	free(msg);
	return rc;
}

/* One "--name[=value]" at argv[*i]; 0 or 2. */
static int
cmd_opt_one(const struct cmd_spec *spec, int argc, char **argv, int *i, struct cmd_args *a)
{
	const char *s = argv[*i] + 2, *eq = strchr(s, '=');
	int k = cmd_opt_find(spec, s, eq != NULL ? (size_t)(eq - s) : strlen(s)), rc;
	char *msg;

	if (k < 0 || (spec->opts[k].arg == NULL && eq != NULL))
		return cmd_opt_unknown(spec, argv[*i]);
	if (spec->opts[k].arg == NULL)
		a->val[k] = "";
	else if (eq != NULL)
		a->val[k] = eq + 1;
	else if (*i + 1 < argc)
		a->val[k] = argv[++*i];
	else {
		msg = xasprintf(_("--%s needs %s"), spec->opts[k].name, _(spec->opts[k].arg));
		rc = cmd_opt_bad(spec, msg);
		free(msg);
		return rc;
	}
	return 0;
}

static int
cmd_opt_operands(const struct cmd_spec *spec, const struct cmd_args *a)
{
	char *msg;
	int rc;

	if (spec->max_operands >= 0 && a->noperands > spec->max_operands) {
		msg = xasprintf(_("unexpected argument '%s'"), a->operands[spec->max_operands]);
		rc = cmd_opt_bad(spec, msg);
		free(msg);
		return rc;
	}
	if (a->noperands < spec->min_operands)
		return cmd_opt_bad(spec, _("an argument is missing"));
	return 0;
}

int
cmd_opt_parse(const struct cmd_spec *spec, int argc, char **argv, struct cmd_args *a)
{
	bool opts = true;
	int i, rc = 0;

	a->val = xcalloc(cmd_opt_count(spec) + 1, sizeof *a->val);
	a->operands = xcalloc((size_t)argc + 1, sizeof *a->operands);
	a->noperands = 0;
	for (i = 1; i < argc && rc == 0; i++) {
		if (opts && (str_eq(argv[i], "--help") || str_eq(argv[i], "-h"))) {
			cmd_opt_help(spec, NULL, stdout);
			return 1;
		}
		if (opts && str_eq(argv[i], "--"))
			opts = false;
		else if (opts && argv[i][0] == '-' && argv[i][1] == '-')
			rc = cmd_opt_one(spec, argc, argv, &i, a);
		else if (opts && argv[i][0] == '-' && argv[i][1] != '\0')
			rc = cmd_opt_unknown(spec, argv[i]);
		else
			a->operands[a->noperands++] = argv[i];
	}
	return rc != 0 ? rc : cmd_opt_operands(spec, a);
}

void
cmd_opt_free(struct cmd_args *a)
{
	free(a->val);
	free(a->operands);
	memset(a, 0, sizeof *a);
}

const char *
cmd_opt_get(const struct cmd_spec *spec, const struct cmd_args *a, const char *name)
{
	int k = cmd_opt_find(spec, name, strlen(name));

	return k >= 0 && a->val != NULL ? a->val[k] : NULL;
}
