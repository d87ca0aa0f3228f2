/*
 * db/report: the programme's reports (docs/reports.md defines every figure):
 * returns, reintegration, stabilisation support, counselling, monitoring,
 * hotline, information campaign, and the donor summary.
 *
 * Contract: a report is a few SQL statements over the forms' tables, built
 * from the names the workflow table gives (form/workflow): no form or field
 * name is written here, every identifier passes str_is_ident and every value
 * (the period, the project, the choice codes compared with) is bound. The
 * rows are counted by SQLite; C only reads the result rows. A period is the
 * inclusive dates [from, to] ("YYYY-MM-DD") on the day the event happened;
 * project NULL counts every project.
 *
 * What leaves here is data and msgids: a table's title and headings are
 * msgids; a key is a stored code (labelled from the choice list `list` by the
 * caller), a msgid (keys_msgid), or text as it is (a month, an age group);
 * NULL is "not stated". Values are numbers as text. The caller translates
 * and sanitises at output time.
 */
#ifndef DB_REPORT_H
#define DB_REPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "db/db.h"

#define DB_REPORT_COLS 4

struct db_report_filter {
	const char	*project;	/* a registration's project code; NULL: all */
	const char	*from;		/* YYYY-MM-DD, inclusive */
	const char	*to;		/* YYYY-MM-DD, inclusive */
};

struct db_report_row {
	char	*key;				/* see above; NULL: not stated */
	char	*val[DB_REPORT_COLS];		/* numbers as text */
};

struct db_report_table {
	const char		*title;			/* msgid */
	const char		*key_head;		/* msgid */
	const char		*list;			/* choice list of the keys, or NULL */
	bool			 keys_msgid;		/* keys are msgids (a list of figures) */
	size_t			 ncols;
	const char		*heads[DB_REPORT_COLS];	/* msgids */
	struct db_report_row	*rows;
	size_t			 nrows;
};

struct db_report {
	const char		*name;		/* "returns" */
	const char		*title;		/* msgid */
	struct db_report_table	*tables;
	size_t			 ntables;
};

/* The headline figures of the donor summary. */
struct db_report_headline {
	long	schemes;	/* reintegration schemes implemented */
	long	countries;	/* countries those schemes reached */
	long	persons;	/* persons returned */
	long	cases;		/* cases (families) returned */
	long	stabilised;	/* cases given stabilisation support */
};

/* The name of the donor summary: the main tables of the others. */
#define DB_REPORT_DONOR "donor"

/* Runs report name into *out (cleared by db_report_clear(), after an error
 * too). Names: donor, returns, reintegration, stabilisation,
 * counselling, monitoring, hotline, campaign; DB_NOTFOUND for another; DB_ERROR with a message when the
 * forms lack what the report reads or SQLite fails. */
enum db_status	 db_report_run(struct db *, const char *name, const struct db_report_filter *,
		    struct db_report *out, char **err);
void		 db_report_clear(struct db_report *);
enum db_status	 db_report_headline(struct db *, const struct db_report_filter *,
		    struct db_report_headline *out, char **err);
/* The same read from a donor summary already run (no query); all 0 for
 * another report. */
void		 db_report_headline_of(const struct db_report *donor,
		    struct db_report_headline *out);

/* The i-th report in the order they are offered (the donor summary first):
 * its name and title (msgid); false past the last. */
bool		 db_report_nth(size_t i, const char **name, const char **title);
/* The indexes the reports read through, made when missing (by init, with
 * the forms synced): a few seconds once at 100,000 cases. */
enum db_status	 db_report_indexes(struct db *, char **err);

/* One audit row "report": which report, its period and project (whoever
 * reads one, on the screen or as a file). */
enum db_status	 db_report_audit(struct db *, const char *name,
		    const struct db_report_filter *, char **err);

/*
 * db/report_text: the words of a report in the staff language, for every
 * place that shows one (avrr report, its files, the report screen), made at
 * output time from the msgids above.
 */
/* The label of a row's key: its choice's label in the staff language, the
 * translated msgid, or the stored text; "(not stated)" for NULL. Malloc'd
 * and passed through utf8_sanitize. */
char		*db_report_key_text(const struct form_set *, const struct db_report_table *,
		    const char *key);
/* The donor summary's sentences in the staff language (malloc'd each): an
 * opening line, then the schemes, the returns and the stabilisation. */
#define DB_REPORT_NSENT	4
void		 db_report_sentences(const struct db_report_headline *,
		    char *out[DB_REPORT_NSENT]);

#endif
