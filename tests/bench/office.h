/*
 * bench/office: the parts of bench_office (tests/bench/bench_office.c says
 * what it measures), each a file of its own:
 *   office_table   the table of figures: cells, ratio, met or missed; as text
 *                  and as markdown
 *   office_pty     avrr and dialog in a pty: start-up to the full screen,
 *                  waiting until the output is quiet, quitting
 *   office_wire    bytes on the wire: the first screen, a typed character, a
 *                  search keystroke and the rows it wrote
 *   office_search  a search as typed: in-process and through the pty
 *   office_save    the registration with its family saved as F2 saves it,
 *                  in-process and through the pty
 *   office_shell   the sqlite3 shell writing the same rows (the peer of a save)
 *   office_many    the processes the bench starts from its own binary: a
 *                  writer that holds the write lock, sixteen savers at once,
 *                  a pty session whose peak RSS is measured
 *   office_paste   a 100 KB and a 1 MB paste into a one-line and a multi-line
 *                  field
 * Every function of these files is prefixed bench_. Timings are milliseconds
 * of bench_ms(); nothing here asserts anything.
 */
#ifndef BENCH_OFFICE_H
#define BENCH_OFFICE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "bench/bench.h"
#include "e2e/vt.h"

/* ---- office_table --- */

enum bench_goal {
	BG_NONE,	/* a figure without a target */
	BG_RATIO_MAX,	/* median / peer <= limit */
	BG_RATIO_MIN,	/* median / peer >= limit */
	BG_MAX,		/* the value <= limit */
	BG_LESS,	/* the value < limit */
	BG_GIVEN	/* met or missed as the figure says (fig.met) */
};

struct bench_fig {
	const char	*id;		/* "1", "3b" */
	const char	*what;
	const char	*unit;		/* "ms", "B", "MB", "KB", "/s", "B/key" */
	bool		 have;		/* measured */
	double		 median, worst;
	bool		 no_worst;	/* one value only */
	const char	*worst_label;	/* before the worst ("p99 "), or NULL */
	bool		 on_worst;	/* the target reads the worst column */
	bool		 have_peer;
	const char	*peer_name;	/* "dialog", "sqlite3", "alone" */
	double		 peer;
	enum bench_goal	 goal;
	double		 limit;
	const char	*target;	/* as shown */
	bool		 met;		/* BG_GIVEN */
	const char	*median_text;	/* shown instead of the median when set */
	char		 note[160];
};

struct bench_table {
	char		***cells;	/* rows of BENCH_COLS strings */
	size_t		  n, cap;
};

#define BENCH_COLS	9

void	bench_table_add(struct bench_table *, const struct bench_fig *);
void	bench_table_print(const struct bench_table *, FILE *);
void	bench_table_markdown(const struct bench_table *, FILE *);
void	bench_table_free(struct bench_table *);
/* v in unit, as the table shows it. */
void	bench_fmt(char *buf, size_t len, double v, const char *unit);

/* ---- office_pty --- */

/* What a program shows once its first screen is whole. */
struct bench_prog {
	const char	*name;		/* "avrr", "dialog" */
	const char	*argv[64];
	const char	*env[4];
	const char	*last_text;	/* drawn last on the first screen */
	char		 today[40];	/* AVRR_TODAY=, passed on when set */
};

struct bench_start {
	struct vt	*vt;		/* running, on its first screen */
	double		 ms;		/* from the spawn to the last byte of it */
	size_t		 bytes;		/* written until then */
};

/* The avrr and dialog of the table (db and user are borrowed). */
void	bench_pty_avrr(struct bench_prog *, const char *db, const char *user);
void	bench_pty_dialog(struct bench_prog *);
/* Starts prog at 80x24; false (vt freed) when its screen never came. */
bool	bench_pty_start(const struct bench_prog *, struct bench_start *);
/* Reads until nothing arrives for quiet_ms (at most cap_ms); the time
 * (bench_ms) the last byte came, 0 when none came. */
double	bench_pty_settle(struct vt *, int quiet_ms, int cap_ms);
/* Waits until text shows, then until the output is quiet: the time the
 * last byte came (from since); -1 when the text never showed. */
double	bench_pty_until(struct vt *, const char *text, double since, int timeout_ms);
/* Quits with ^ctrl_key (0: Esc, as dialog) and frees the vt. */
void	bench_pty_quit(struct vt *, char ctrl_key);
/* Moves a list's cursor onto the line holding text; false when it cannot. */
bool	bench_pty_select(struct vt *, const char *text);

/* ---- office_wire --- */

struct bench_wire {
	size_t	first_avrr, first_dialog;	/* the first screen */
	double	char_avrr, char_dialog;		/* a typed character (mean of 10) */
	size_t	tab_avrr, tab_dialog;		/* Tab to the next field */
	size_t	form, back, find;		/* ^N, Esc back, ^F */
	size_t	key[2];				/* the first two keys in Find */
	int	changed[2], written[2];		/* rows changed on screen and written */
	bool	extra[2];			/* rows written that did not change */
	bool	ok;
};

/* The byte figures on db as user (avrr) and of dialog. */
void	bench_wire_measure(const char *db, const char *user, struct bench_wire *);
/* Which rows of a rows-high screen the bytes out wrote to (written[row]),
 * the cursor on row before them. */
void	bench_wire_rows(const char *out, size_t len, int rows, int row, bool *written);

/* ---- office_search --- */

/* Each prefix of each query (demo surnames, parts of case numbers, one
 * letter, a Cyrillic name) as the Find screen reads it (the hits shown and
 * the count), runs times: one time per keystroke into ms. */
void	bench_search_db(struct db *, int runs, struct bench_runs *ms);
/* The same typed into Find through the pty (avrr on path as user): from the
 * key to the screen showing its result, counts read through db. */
bool	bench_search_tui(struct db *, const char *path, const char *user, int runs,
	    struct bench_runs *ms);

/* ---- office_save --- */

/* A demo registration with three family members (NULL when there is none):
 * what the saves below copy. */
struct form_record *bench_save_template(struct cmd_ctx *);
/* A new registration with the template's values, under a surname of its own
 * (made from n), so that it has no likely duplicates. */
struct form_record *bench_save_record(const struct form_record *tmpl, long n);
/* The surname bench_save_record() gives (static). */
const char *bench_save_surname(long n);
/* The draft a form being filled keeps (written before F2: not timed); its
 * id, or 0 (said on stderr). */
int64_t	bench_save_draft(struct cmd_ctx *, const struct form_record *rec);
/* What F2 does in-process on rec (a new registration whose draft is
 * draft_id): the check, the duplicates, the logic, the save with its new
 * case and the draft's removal. The time, or -1 (said on stderr); the
 * duplicates' share in *dups_ms unless it is NULL. */
double	bench_save_f2(struct cmd_ctx *, struct form_record *rec, int64_t draft_id,
	    double *dups_ms);
/* The same through the pty: the registration's draft (written in-process)
 * opened from the start screen, F2 until "Saved.". The time, or -1. */
double	bench_save_tui(struct cmd_ctx *, const struct form_record *tmpl, const char *path,
	    const char *user, long n);

/* ---- office_shell --- */

/* The rows one save wrote (table, values), as the shell's INSERTs make them
 * again with keys of their own. */
struct bench_rows;

/* The rows one save added past before (bench_shell_marks() just before it). */
struct bench_rows *bench_shell_capture(const char *path, const int64_t *before);
/* "cases 1, registration 1, ...": the rows by table. */
void	bench_shell_describe(const struct bench_rows *, char *buf, size_t len);
/* The largest rowids now, of the tables a save writes (as bench_shell_capture
 * reads them): 5 numbers. */
void	bench_shell_marks(const char *path, int64_t marks[5]);
void	bench_shell_rows_free(struct bench_rows *);
/* The shell's time for one transaction of those rows: n transactions in
 * one shell, less a shell that only opens the database, divided by n. */
double	bench_shell_tx(const char *path, const struct bench_rows *, int n);
/* The shell's start-up alone (open, WAL, synchronous=FULL). */
double	bench_shell_startup(const char *path);

struct bench_burst {
	double	rate;		/* transactions or saves per second */
	double	worst;		/* the slowest one, ms */
	int	done, failed;
};

/* procs shells at once, each k transactions with a busy timeout. */
void	bench_shell_burst(const char *path, const struct bench_rows *, int procs, int k,
	    struct bench_burst *);

/* ---- office_many --- */

/* The modes of the bench's own binary: 0 when argv names none. */
int	bench_many_main(int argc, char **argv, int *rc);
/* A process that keeps writing to path (BEGIN IMMEDIATE, rows into
 * bench_scratch, the lock held ~30 ms, COMMIT) until bench_many_stop(). */
pid_t	bench_many_writer(const char *path, int *pipe_fd);
void	bench_many_stop(pid_t, int pipe_fd);
/* procs processes, each with its own connection, k saves each, all at once. */
void	bench_many_savers(const char *path, const char *user, int procs, int k,
	    struct bench_burst *);
/* The peak RSS (KB, ru_maxrss) of avrr on path after a search and opening a
 * form, or of dialog (path NULL), each run in a fresh process; -1 when it
 * could not be measured. */
long	bench_many_rss(const char *path, const char *user);

/* ---- office_paste --- */

struct bench_paste {
	struct bench_runs	line, multi;	/* 100 KB, runs times */
	double			line_mb, multi_mb;	/* 1 MB once; -1 when cut short */
};

void	bench_paste_measure(int runs, struct bench_paste *);

#endif
