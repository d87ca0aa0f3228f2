/*
 * db/timeline: the case overview: who the case is about (the principal and
 * the family of its registration), what the next step still needs, and the
 * dated events of every record of the case.
 *
 * Contract: db_timeline_summary() reads the case and its records once
 * (db/lifecycle's reading of a case) and fills *out, which the caller clears
 * with db_timeline_summary_clear() (after an error too). Everything it
 * returns is data or a msgid: the UI translates, at draw time. A note is
 * drawn as db_timeline_note_text(_(note->what), note). The timeline is sorted
 * by date; a form missing from the set adds nothing to it.
 */
#ifndef DB_TIMELINE_H
#define DB_TIMELINE_H

#include "db/lifecycle.h"

/* A line in the staff language: what is a msgid whose "%s" (or "%1$s" ...)
 * take arg[0] .. arg[3] in order (data, NULL reads as ""); "%%" is "%". */
#define DB_NOTE_ARGS 4
struct db_case_note {
	const char	*what;
	char		*arg[DB_NOTE_ARGS];
};

/* Translated format fmt (normally _(note->what)) with the note's arguments. */
char		*db_timeline_note_text(const char *fmt, const struct db_case_note *);

struct db_timeline_entry {
	char		*date;		/* YYYY-MM-DD, or YYYY-MM-DD HH:MM for calls */
	const char	*what;		/* msgid: "Counselling session", "Payment", ... */
	const char	*label;		/* msgid of a choice label ("Return counselling"), or NULL */
	char		*detail;	/* data (names, amounts, codes), or NULL */
	const char	*form;		/* form name of the record, NULL for the case itself */
	int64_t		 record_id;
	int		 order;		/* its stage's order (forms/workflow); 0: the case */
};

struct db_case_summary {
	struct db_case			 c;
	struct db_case_person		 principal;
	struct db_case_person		*family;
	size_t				 nfamily;
	struct db_case_note		*missing;	/* what the next step needs */
	size_t				 nmissing;
	/* By day, within a day by stage order, then by time; else as added. */
	struct db_timeline_entry	*timeline;
	size_t				 ntimeline;
};

enum db_status	db_timeline_summary(struct db *, int64_t case_id, struct db_case_summary *out,
		    char **err);
void		db_timeline_summary_clear(struct db_case_summary *);

#endif
