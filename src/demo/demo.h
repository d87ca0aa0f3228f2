/*
 * demo/demo: the demo generator: a database filled with realistic synthetic
 * data (avrr demo, the benchmarks, the tests). A layer beside cmd that only
 * cmd uses; it depends on db, form and util, and knows no terminal.
 *
 * Contract: demo_fill() adds `cases` cases to the open database of ctx,
 * each carried through the lifecycle to a stage of its own (registration
 * with family, consent, sessions, return preparation with flights, departure,
 * plan with approval, payments, monitoring, closure), plus hotline calls with
 * and without a case and information campaign activities; a database without
 * cases first gets the funding projects, the staff users with their roles and
 * the exchange rates. Every record is saved as the program saves one, through
 * db_lifecycle_save() (the rules, the save, the status move; a refusal is an
 * error), so audit rows, search index, versions and statuses are those of
 * real use. The whole run is one bulk transaction (db/bulk): it waits for
 * other writers to finish, and keeps everything or, when it fails, nothing.
 * The same seed and count give the
 * same values (uuids, case numbers and record times aside; dates count back
 * from today, which AVRR_TODAY can fix). The forms and fields that the
 * workflow table (form/workflow.h) names are found through it, by stage and
 * role, as the program finds them. Fields, forms or choice codes the
 * definitions lack are skipped and named in stats->warnings, and so is a
 * required field left empty.
 */
#ifndef DEMO_DEMO_H
#define DEMO_DEMO_H

#include <stddef.h>

#include "db/db.h"
#include "db/expr.h"
#include "form/form.h"

/* What the generator writes through, borrowed: the open database, its forms
 * and the expression engine they were checked with. */
struct demo_ctx {
	struct db		*db;
	struct form_set		*forms;
	struct db_expr		*expr;
};

struct demo_stats {
	long	  cases;
	long	  records;	/* new form records (child rows and updates not counted) */
	char	**warnings;	/* one line each, owned */
	size_t	  nwarnings;
};

/* 0 on success; 1 with *err (malloc'd) when the database refused a write. */
int	demo_fill(const struct demo_ctx *, long cases, unsigned long seed,
	    struct demo_stats *, char **err);
void	demo_stats_free(struct demo_stats *);

#endif
