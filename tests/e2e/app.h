/*
 * e2e/app: what the end-to-end tests of avrr share: a fresh database made
 * with the small test forms (tests/data/e2e-forms), the program started on it,
 * and direct reads and writes of its rows through the data layer.
 *
 * Contract: e2e_db_new() makes a new database file under /tmp (removed by
 * e2e_db_free()); e2e_start() runs the real binary on it at rows x cols with a
 * fixed clock (AVRR_TODAY=2026-11-22) and user "tester", and waits for the
 * start screen.
 */
#ifndef E2E_APP_H
#define E2E_APP_H

#include <stdint.h>

#include "db/db.h"
#include "form/value.h"
#include "vt.h"

#define E2E_FORMS "tests/data/e2e-forms"

struct e2e_db {
	char		*path;
	const char	*forms_dir;
	char		*own_dir;	/* a folder made by e2e_db_new_rules(), removed with it */
	struct form_set	*forms;
	struct db	*db;	/* open while the test reads or writes */
};

struct e2e_db	*e2e_db_new(void);
/* The same with another folder of forms (the real forms/, say). */
struct e2e_db	*e2e_db_new_forms(const char *dir);
/* The forms of dir without their permissions table (forms/permissions), so
 * that every user may do everything: for the tests of the rules and values,
 * which one user walks through. The roles have tests of their own. */
struct e2e_db	*e2e_db_new_rules(const char *dir);
void		 e2e_db_free(struct e2e_db *);
/* Opens (or re-opens, to see the program's writes) the database. */
struct db	*e2e_db_open(struct e2e_db *);
void		 e2e_db_close(struct e2e_db *);

/* A new record of form for case_id (0: none) from NULL-terminated name, value
 * pairs; a money amount gets EUR as its currency (form_record_set_part may
 * change it). Fails the test on a field the form lacks. */
struct form_record *e2e_rec(struct e2e_db *, int64_t case_id, const char *form, ...);
/* Adds a row to the repeat group of rec from name, value pairs, as e2e_rec(). */
void		 e2e_row(struct form_record *rec, const char *group, ...);
/* Saves rec as the program does (the rules, the record, the status move);
 * fails the test with the refusal when it is not saved. Frees rec. */
void		 e2e_put(struct e2e_db *, struct form_record *rec);

/* Makes a case with a registration record: NULL-terminated name, value pairs. */
int64_t		 e2e_add_case(struct e2e_db *, ...);
/* Value of field of the newest record of form (malloc'd, NULL when none). */
char		*e2e_value(struct e2e_db *, const char *form, const char *field);
/* How many records a form has in all. */
size_t		 e2e_count(struct e2e_db *, const char *form);

/* The whole file, NUL-terminated (NULL when there is none); its length in
 * *len unless len is NULL. */
char		*e2e_slurp(const char *path, size_t *len);

/* The first column of the first row of sql, run on a connection of its own
 * (as someone with the sqlite3 shell would); fails the test when it fails. */
long long	 e2e_sql_count(struct e2e_db *, const char *sql);
/* Runs sql on a connection of its own; fails the test when it fails. */
void		 e2e_sql(struct e2e_db *, const char *sql);

/* A test's database (the real forms without their permissions table, as
 * e2e_db_new_rules) and its program: *state for cmocka's setup/teardown;
 * the teardown quits the program (^X) and removes the database. */
struct e2e_fixture {
	struct e2e_db	*db;
	struct vt	*vt;
};
int		 e2e_fixture_setup(void **state);
int		 e2e_fixture_teardown(void **state);

/* The first screen row that holds text, once it shows and the frame is
 * whole (a 200 ms pause); fails the test (screen dumped) when it never does. */
int		 e2e_row_of(struct vt *, const char *text);
/* Moves a list's cursor down onto the line holding text (drawn reversed). */
void		 e2e_select(struct vt *, const char *text);

/* Waits until text is on screen read as one line (each row trimmed, rows
 * joined by a space: a message wrapped over rows); false at the deadline. */
bool		 e2e_wait_joined(struct vt *, const char *text, int timeout_ms);
/* The same, failing the test (screen dumped) at the 15 s deadline. */
void		 e2e_joined_text(struct vt *, const char *text);

/* Waits until text is no longer on screen; false at the deadline. */
bool		 e2e_wait_gone(struct vt *, const char *text, int timeout_ms);

/* Screen helpers that fail the test (with the screen dumped) at a 15 s deadline. */
#define E2E_T	15000
/* Waits until text is gone from the screen. */
void		 e2e_gone(struct vt *, const char *text);
/* Presses Tab n times. */
void		 e2e_tabs(struct vt *, int n);
/* Types filter into a choice field and takes the first match, which is label. */
void		 e2e_pick(struct vt *, const char *filter, const char *label);
/* The same for a select_many field: ticks the first match and finishes. */
void		 e2e_tick(struct vt *, const char *filter, const char *label);
/* Types a text value and moves on with Tab, once it shows. */
void		 e2e_text(struct vt *, const char *text);

/* Starts avrr on the database; extra_env may be NULL. */
struct vt	*e2e_start(struct e2e_db *, const char *const extra_env[], int rows, int cols);
/* The same with more arguments (NULL-terminated, may be NULL) and terminal options. */
struct vt	*e2e_start_ex(struct e2e_db *, const char *const extra_env[],
		    const char *const args[], int rows, int cols, const struct vt_options *);

#endif
