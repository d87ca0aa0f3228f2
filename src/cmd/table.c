#include "cmd/cmd.h"

#include <stddef.h>

#include "util/tr.h"

const struct cmd_entry cmd_table[] = {
	{ "tui", N_("avrr [--db FILE] [--lang CODE] [--client-lang CODE] [--user NAME]"),
	    N_("the interactive program (the default command)"), cmd_tui },
	{ "init", N_("avrr init [--db FILE]"),
	    N_("create a database, or bring an existing one's tables up to date with the "
	    "forms (the only command that changes them)"), cmd_init },
	{ "check-forms", N_("avrr check-forms [DIR]"),
	    N_("validate form definitions; lists every error as file:line: message"),
	    cmd_check_forms },
	{ "demo", N_("avrr demo [--db FILE] [--cases N] [--seed S]"),
	    N_("fill a database with realistic synthetic data"), cmd_demo },
	{ "i18n-status", N_("avrr i18n-status [--missing CODE]"),
	    N_("translation coverage per language (program, forms, client-facing texts)"),
	    cmd_i18n_status },
	{ "user", N_("avrr user [--db FILE] list | role NAME ROLE"),
	    N_("list users, or give a user a role (counsellor, hotline, return_officer, "
	    "reintegration_officer, supervisor, admin)"), cmd_user },
	{ "backup", N_("avrr backup [--db FILE] TARGET"),
	    N_("copy the live database into the new file TARGET and check the copy; the "
	    "only safe way to copy it"), cmd_backup },
	{ NULL, NULL, NULL, NULL }
};
