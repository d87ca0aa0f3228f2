/*
 * avrr: argument parsing and dispatch to a command (src/cmd).
 */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "i18n/i18n.h"
#include "util/str.h"
#include "util/tr.h"

static void
main_help(void)
{
	const struct cmd_entry *c;

	printf("avrr %s - %s\n\n", AVRR_VERSION,
	    _("case management for assisted voluntary return and reintegration"));
	for (c = cmd_table; c->name != NULL; c++)
		printf("  %s\n      %s\n", _(c->usage), _(c->summary));
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

int
main(int argc, char **argv)
{
	const struct cmd_entry *c;
	int rc;

	setlocale(LC_ALL, "");
	main_i18n();
	if (argc > 1 && strcmp(argv[1], "--version") == 0) {
		printf("avrr %s\n", AVRR_VERSION);
		i18n_shutdown();
		return 0;
	}
	if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0)) {
		main_help();
		i18n_shutdown();
		return 0;
	}
	if (argc < 2 || argv[1][0] == '-') {
		rc = cmd_tui(argc, argv);
		i18n_shutdown();
		return rc;
	}
	for (c = cmd_table; c->name != NULL; c++) {
		if (strcmp(c->name, argv[1]) == 0) {
			rc = c->exec(argc - 1, argv + 1);
			i18n_shutdown();
			return rc;
		}
	}
	fprintf(stderr, "avrr: %s: '%s'\n", _("unknown command"), argv[1]);
	fprintf(stderr, "%s\n", _("avrr --help lists the commands."));
	i18n_shutdown();
	return 2;
}
