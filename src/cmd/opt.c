#include "cmd/opt.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "util/mem.h"
#include "util/str.h"
#include "util/tr.h"
#include "util/utf8.h"

#define CMD_OPT_COL	20	/* where the help of an option starts */

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

/* " list | role NAME ROLE", or " [DIR]": what follows the options. */
static void
cmd_opt_operand_usage(const struct cmd_spec *spec, struct strbuf *sb)
{
	const struct cmd_sub *s;

	if (spec->subs == NULL) {
		if (spec->operands != NULL)
			strbuf_printf(sb, " %s", _(spec->operands));
		return;
	}
	for (s = spec->subs; s->name != NULL; s++) {
		strbuf_printf(sb, "%s%s", s == spec->subs ? " " : " | ", s->name);
		if (s->operands != NULL)
			strbuf_printf(sb, " %s", _(s->operands));
	}
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
	cmd_opt_operand_usage(spec, &sb);
	return strbuf_take(&sb);
}

/* "  left      help", the help at CMD_OPT_COL whatever the width of left. */
static void
cmd_opt_help_line(FILE *out, const char *left, const char *help)
{
	int pad = CMD_OPT_COL - 2 - utf8_width(left);

	fprintf(out, "  %s%*s%s\n", left, pad > 1 ? pad : 1, "", help);
}

void
cmd_opt_help(const struct cmd_spec *spec, FILE *out)
{
	const struct cmd_opt *o;
	const struct cmd_sub *s;
	char *usage = cmd_opt_usage(spec), *left;

	fprintf(out, "%s: %s\n", _("usage"), usage);
	if (spec->summary != NULL)
		fprintf(out, "%s\n", _(spec->summary));
	for (s = spec->subs; s != NULL && s->name != NULL; s++) {
		left = xasprintf("%s%s%s", s->name, s->operands != NULL ? " " : "",
		    s->operands != NULL ? _(s->operands) : "");
		cmd_opt_help_line(out, left, _(s->help));
		free(left);
	}
	for (o = spec->opts; o != NULL && o->name != NULL; o++) {
		left = xasprintf("--%s%s%s", o->name, o->arg != NULL ? " " : "",
		    o->arg != NULL ? _(o->arg) : "");
		cmd_opt_help_line(out, left, _(o->help));
		free(left);
	}
	cmd_opt_help_line(out, "-h, --help", _("show this help"));
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

int
cmd_opt_error(const struct cmd_spec *spec, const char *fmt, ...)
{
	va_list ap;
	char *msg;
	int rc;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	rc = cmd_opt_bad(spec, msg);
	free(msg);
	return rc;
}

/* One "--name[=value]" at argv[*i]; 0 or 2. */
static int
cmd_opt_one(const struct cmd_spec *spec, int argc, char **argv, int *i, struct cmd_args *a)
{
	const char *s = argv[*i] + 2, *eq = strchr(s, '='), *v = NULL;
	int k = cmd_opt_find(spec, s, eq != NULL ? (size_t)(eq - s) : strlen(s));

	if (k < 0 || (spec->opts[k].arg == NULL && eq != NULL))
		return cmd_opt_error(spec, _("unknown option '%s'"), argv[*i]);
	if (spec->opts[k].arg == NULL) {
		a->val[k] = "";
		return 0;
	}
	if (eq != NULL)
		v = eq + 1;
	else if (*i + 1 < argc && strncmp(argv[*i + 1], "--", 2) != 0)
		v = argv[++*i];
	if (str_empty(v))
		return cmd_opt_error(spec, _("--%s needs %s"), spec->opts[k].name,
		    _(spec->opts[k].arg));
	a->val[k] = v;
	return 0;
}

static int
cmd_opt_missing(const struct cmd_spec *spec)
{
	return cmd_opt_error(spec, "%s", spec->missing != NULL ? _(spec->missing) :
	    _("an argument is missing"));
}

/* Between min and max operands: 0, or 2 after the message. */
static int
cmd_opt_count_operands(const struct cmd_spec *spec, const struct cmd_args *a, int min,
    int max)
{
	if (max >= 0 && a->noperands > max)
		return cmd_opt_error(spec, _("unexpected argument '%s'"), a->operands[max]);
	if (a->noperands < min)
		return cmd_opt_missing(spec);
	return 0;
}

/* The first operand names the subcommand; the rest are its operands. */
static int
cmd_opt_sub(const struct cmd_spec *spec, struct cmd_args *a)
{
	const struct cmd_sub *s;

	if (a->noperands == 0)
		return cmd_opt_missing(spec);
	for (s = spec->subs; s->name != NULL && !str_eq(s->name, a->operands[0]); s++)
		;
	if (s->name == NULL)
		return cmd_opt_error(spec, _("unknown subcommand '%s'"), a->operands[0]);
	a->sub = s;
	memmove(a->operands, a->operands + 1, (size_t)a->noperands * sizeof *a->operands);
	a->noperands--;
	return cmd_opt_count_operands(spec, a, s->noperands, s->noperands);
}

static bool
cmd_opt_is_help(const char *arg)
{
	return str_eq(arg, "--help") || str_eq(arg, "-h");
}

int
cmd_opt_parse(const struct cmd_spec *spec, int argc, char **argv, struct cmd_args *a)
{
	bool opts = true;
	int i, rc = 0;

	memset(a, 0, sizeof *a);
	a->spec = spec;
	a->val = xcalloc(cmd_opt_count(spec) + 1, sizeof *a->val);
	a->operands = xcalloc((size_t)argc + 1, sizeof *a->operands);
	for (i = 1; i < argc && rc == 0; i++) {
		if (opts && cmd_opt_is_help(argv[i])) {
			cmd_opt_help(spec, stdout);
			return 1;
		}
		if (opts && str_eq(argv[i], "--"))
			opts = false;
		else if (opts && argv[i][0] == '-' && argv[i][1] == '-')
			rc = cmd_opt_one(spec, argc, argv, &i, a);
		else if (opts && argv[i][0] == '-' && argv[i][1] != '\0')
			rc = cmd_opt_error(spec, _("unknown option '%s'"), argv[i]);
		else
			a->operands[a->noperands++] = argv[i];
	}
	if (rc != 0)
		return rc;
	if (spec->subs != NULL)
		return cmd_opt_sub(spec, a);
	return cmd_opt_count_operands(spec, a, spec->min_operands, spec->max_operands);
}

void
cmd_opt_free(struct cmd_args *a)
{
	free(a->val);
	free(a->operands);
	memset(a, 0, sizeof *a);
}

const char *
cmd_opt_get(const struct cmd_args *a, const char *name)
{
	int k = cmd_opt_find(a->spec, name, strlen(name));

	if (k < 0)
		util_die("cmd_opt_get: the command declares no option --%s", name);
	return a->val[k];
}
