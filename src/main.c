/*
 * avrr: argument parsing and dispatch to a command (src/cmd).
 */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "cmd/out.h"
#include "cmd/secure.h"
#include "i18n/i18n.h"
#include "util/str.h"
#include "util/tr.h"

static void
main_help(void)
{
	const struct cmd_entry *c;
	char *usage;

	printf("avrr %s - %s\n\n", AVRR_VERSION,
	    _("case management for assisted voluntary return and reintegration"));
	for (c = cmd_table; c->name != NULL; c++) {
		usage = cmd_opt_usage(&c->spec);
		printf("  %s\n      %s\n", usage, _(c->spec.summary));
		free(usage);
	}
	printf("\n%s\n", _("avrr COMMAND --help shows the help of one command."));
}

static void
main_i18n(void)
{
	const char *lang = getenv("AVRR_LANG");
	char *err = NULL;

	/* No catalog folder at all is not an error: English needs none. */
	if (!i18n_init(cmd_locale_dir(), &err) && access(cmd_locale_dir(), F_OK) == 0) {
		fprintf(stderr, "avrr: %s\n", err != NULL ? err : "catalogs");
		free(err);
	}
	util_set_tr(i18n_staff);
	if (!str_empty(lang))
		i18n_set_staff(lang);
}

static void
main_unknown(const char *name)
{
	fprintf(stderr, "avrr: %s: '%s'\n", _("unknown command"), name);
	fprintf(stderr, "%s\n", _("avrr --help lists the commands."));
}

int
main(int argc, char **argv)
{
	const struct cmd_entry *c = NULL;
	int rc = 0;

	cmd_secure_start();	/* before anything reads the environment */
	setlocale(LC_ALL, "");
	cmd_out_init();
	main_i18n();
	if (argc > 1 && str_eq(argv[1], "--version"))
		printf("avrr %s\n", AVRR_VERSION);
	else if (argc > 1 && (str_eq(argv[1], "--help") || str_eq(argv[1], "-h") ||
	    str_eq(argv[1], "help")))
		main_help();
	else if (argc < 2 || argv[1][0] == '-')
		rc = cmd_run("tui", argc, argv);	/* avrr [--db FILE] ...: no command named */
	else if ((c = cmd_find(argv[1])) != NULL)
		rc = cmd_exec(c, argc - 1, argv + 1);
	else {
		main_unknown(argv[1]);
		rc = 2;
	}
	i18n_shutdown();
	return rc;
}
