#include "cmd/cmd.h"

#include <stddef.h>

#include "util/tr.h"

/* The options and operands of every command: the parser reads them, and
 * `avrr --help` and `avrr COMMAND --help` are made from them. */

#define CMD_TABLE_DB	{ "db", N_("FILE"), \
	N_("the database (else $AVRR_DB, else /var/lib/avrr/avrr.db)") }

static const struct cmd_opt cmd_table_tui[] = {
	CMD_TABLE_DB,
	{ "lang", N_("CODE"), N_("the staff language (else the one chosen last with F6)") },
	{ "client-lang", N_("CODE"), N_("the client's language") },
	{ "user", N_("NAME"), N_("the user, on a test or demo database only (else "
	    "$AVRR_USER there; else the user of the Unix account)") },
	{ NULL, NULL, NULL }
};

static const struct cmd_opt cmd_table_db[] = {
	CMD_TABLE_DB,
	{ NULL, NULL, NULL }
};

static const struct cmd_opt cmd_table_demo[] = {
	CMD_TABLE_DB,
	{ "cases", N_("N"), N_("how many cases to add (200 unless given)") },
	{ "seed", N_("S"), N_("the seed of the random numbers (1 unless given): the same "
	    "seed gives the same cases") },
	{ NULL, NULL, NULL }
};

static const struct cmd_opt cmd_table_i18n[] = {
	{ "missing", N_("CODE"), N_("list the msgids the language CODE lacks") },
	{ NULL, NULL, NULL }
};

static const struct cmd_opt cmd_table_audit[] = {
	CMD_TABLE_DB,
	{ "user", N_("U"), N_("only what the user U did") },
	{ "case", N_("C"), N_("only rows of the case numbered C") },
	{ "from", N_("DATE"), N_("only rows from DATE (YYYY-MM-DD) on") },
	{ "to", N_("DATE"), N_("only rows up to DATE, that day included") },
	{ NULL, NULL, NULL }
};

static const struct cmd_opt cmd_table_purge[] = {
	CMD_TABLE_DB,
	{ "dry-run", NULL, N_("only list the cases that would be anonymised") },
	{ NULL, NULL, NULL }
};

static const struct cmd_opt cmd_table_export[] = {
	CMD_TABLE_DB,
	{ "out", N_("FILE"), N_("write the document into the new file FILE (else to the "
	    "standard output)") },
	{ NULL, NULL, NULL }
};

static const struct cmd_opt cmd_table_import[] = {
	CMD_TABLE_DB,
	{ "dry-run", NULL, N_("check every row and say how many would be imported; write "
	    "nothing") },
	{ "allow-duplicates", NULL, N_("import rows that look like people already registered "
	    "(they are still listed)") },
	{ "sheet", N_("NAME"), N_("xlsx: the sheet named NAME (else the first)") },
	{ NULL, NULL, NULL }
};

static const struct cmd_opt cmd_table_xlsform[] = {
	{ "output", N_("DIR"), N_("write the form and the catalogs (DIR/locale/CODE.po) into "
	    "DIR (else the current folder)") },
	{ NULL, NULL, NULL }
};

static const struct cmd_opt cmd_table_init[] = {
	CMD_TABLE_DB,
	{ "test", NULL, N_("make the new database a test database, where --user and "
	    "$AVRR_USER pick any user") },
	{ NULL, NULL, NULL }
};

static const struct cmd_opt cmd_table_user_opts[] = {
	CMD_TABLE_DB,
	{ "unix", N_("ACCOUNT"), N_("add: the Unix account the user is bound to (else "
	    "the account named NAME)") },
	{ "no-password", NULL, N_("add: no password yet (the user sets one with avrr "
	    "user passwd)") },
	{ NULL, NULL, NULL }
};

static const struct cmd_sub cmd_table_user[] = {
	{ "list", NULL, 0, N_("every user, their role and Unix account") },
	{ "add", N_("NAME ROLE"), 2, N_("add the user NAME with the role ROLE; asks for "
	    "their password") },
	{ "role", N_("NAME ROLE"), 2, N_("give the user NAME the role ROLE") },
	{ "disable", N_("NAME"), 1, N_("the user NAME may no longer log in") },
	{ "passwd", N_("NAME"), 1, N_("set the password of NAME (one's own after the "
	    "current one)") },
	{ NULL, NULL, 0, NULL }
};

static const struct cmd_opt cmd_table_report[] = {
	CMD_TABLE_DB,
	[CMD_REPORT_PROJECT] = { "project", N_("CODE"),
	    N_("only the cases of this project (else every project)") },
	{ "from", N_("DATE"), N_("the first day of the period (else the 1st of January)") },
	{ "to", N_("DATE"), N_("the last day of the period (else the 31st of December)") },
	{ "format", N_("FORMAT"), N_("text (the default), csv or xlsx (a workbook with a chart "
	    "per breakdown; needs --output)") },
	{ "output", N_("FILE"), N_("write the report into FILE (else to the screen)") },
	{ NULL, NULL, NULL }
};

static const struct cmd_opt cmd_table_export_form[] = {
	CMD_TABLE_DB,
	{ "format", N_("FORMAT"), N_("csv (the default), json or xlsx (a workbook, a sheet per "
	    "repeat group; needs --output)") },
	{ "bom", NULL, N_("csv: begin with the byte order mark Excel needs (with --output)") },
	{ "labels", N_("LANG"), N_("csv, xlsx: a header of the fields' labels in the language "
	    "LANG (else of their names); xlsx: choices as their labels too") },
	{ "output", N_("FILE"), N_("write into the new file FILE (else to the standard "
	    "output)") },
	{ NULL, NULL, NULL }
};

/* The reports of db/report (docs/reports.md). */
static const struct cmd_sub cmd_table_reports[] = {
	{ "donor", NULL, 0, N_("the headline figures in sentences, and the main tables") },
	{ "returns", NULL, 0, N_("persons returned by country, sex, age, status, "
	    "vulnerability, month") },
	{ "reintegration", NULL, 0, N_("schemes, countries, assistance types, budgeted and "
	    "paid") },
	{ "stabilisation", NULL, 0, N_("cases given immediate help: cash allowance, material, "
	    "medical, accommodation") },
	{ "counselling", NULL, 0, N_("sessions and persons counselled by kind, mode and "
	    "interpreter's language") },
	{ "monitoring", NULL, 0, N_("visits and calls, state of the items, sustainability "
	    "score") },
	{ "hotline", NULL, 0, N_("calls by month, language, caller, topic, "
	    "outcome, interpreter") },
	{ "campaign", NULL, 0, N_("activities, participants and copies by type and place") },
	{ NULL, NULL, 0, NULL }
};

const struct cmd_entry cmd_table[] = {
	{ "tui", { .name = NULL, .opts = cmd_table_tui,
	    .summary = N_("the interactive program (the default command)") }, cmd_tui },
	{ "init", { .name = "init", .opts = cmd_table_init,
	    .summary = N_("create a database, or bring an existing one's tables up to date "
	    "with the forms (the only command that changes them)") }, cmd_init },
	{ "check-forms", { .name = "check-forms", .operands = N_("[DIR]"), .max_operands = 1,
	    .summary = N_("validate form definitions; lists every error as file:line: "
	    "message") }, cmd_check_forms },
	{ "demo", { .name = "demo", .opts = cmd_table_demo,
	    .summary = N_("fill a database with realistic synthetic data") }, cmd_demo },
	{ "i18n-status", { .name = "i18n-status", .opts = cmd_table_i18n,
	    .summary = N_("translation coverage per language (program, forms, client-facing "
	    "texts)") }, cmd_i18n_status },
	{ "user", { .name = "user", .opts = cmd_table_user_opts, .subs = cmd_table_user,
	    .summary = N_("list, add and disable users, set their roles (counsellor, "
	    "hotline, return_officer, reintegration_officer, supervisor, admin) and "
	    "passwords; all but list and one's own password are the administrator's") },
	    cmd_user },
	{ "audit", { .name = "audit", .opts = cmd_table_audit, .operands = N_("[verify]"),
	    .max_operands = 1,
	    .summary = N_("list the audit rows (who did what, when), or with verify check "
	    "that none was changed, deleted or inserted and that no record was changed "
	    "outside the program") }, cmd_audit },
	{ "backup", { .name = "backup", .opts = cmd_table_db, .operands = N_("TARGET"),
	    .min_operands = 1, .max_operands = 1,
	    .missing = N_("name the file to copy the database into"),
	    .summary = N_("copy the live database into the new file TARGET and check the "
	    "copy; the only safe way to copy it") }, cmd_backup },
	{ "purge", { .name = "purge", .opts = cmd_table_purge,
	    .summary = N_("anonymise the closed cases whose retention period is over "
	    "(setting retention_years, 5 unless set): only what reports count is kept") },
	    cmd_purge },
	{ "subject-export", { .name = "subject-export", .opts = cmd_table_export,
	    .operands = N_("CASE"), .min_operands = 1, .max_operands = 1,
	    .missing = N_("name the case number to export"),
	    .summary = N_("everything held about the person of case CASE (records, calls, "
	    "drafts, audit) as one JSON document, for a data subject's request") },
	    cmd_subject_export },
	{ "report", { .name = "report", .opts = cmd_table_report, .subs = cmd_table_reports,
	    .summary = N_("a report for a period (the current year unless given) and a project "
	    "(every project unless given), as text, csv or xlsx") }, cmd_report },
	{ "export", { .name = "export", .opts = cmd_table_export_form,
	    .operands = N_("FORM[.GROUP]"), .min_operands = 1, .max_operands = 1,
	    .missing = N_("name the form to export"),
	    .summary = N_("every record of FORM you may read (or the rows of its repeat group "
	    "GROUP) as CSV, JSON or XLSX") }, cmd_export },
	{ "import", { .name = "import", .opts = cmd_table_import,
	    .operands = N_("FORM[.GROUP] FILE"), .min_operands = 2, .max_operands = 2,
	    .missing = N_("name the form and the file (.csv or .xlsx) to import"),
	    .summary = N_("new records of FORM (or rows of its repeat group GROUP) from the rows "
	    "of a CSV or XLSX file, every row checked as the form's screen checks it: all of "
	    "them or none") }, cmd_import },
	{ "xlsform", { .name = "xlsform", .opts = cmd_table_xlsform,
	    .operands = N_("FILE.xlsx"), .min_operands = 1, .max_operands = 1,
	    .missing = N_("name the XLSForm workbook (.xlsx) to convert"),
	    .summary = N_("make an avrr form and its translation catalogs of an XLSForm (ODK, "
	    "KoboToolbox); every row or cell that cannot be carried over is listed as "
	    "FILE:SHEET:ROW: message") }, cmd_xlsform },
	{ NULL, { 0 }, NULL }
};
