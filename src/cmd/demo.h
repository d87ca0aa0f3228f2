/*
 * cmd/demo: avrr demo: a database filled with realistic synthetic data.
 *
 * Contract: cmd_demo_fill() adds `cases` cases to the open database of ctx,
 * each carried through the lifecycle to a status of its own (registration
 * with family, consent, sessions, return preparation with flights, departure,
 * plan, payments, monitoring, closure), plus hotline calls with and without a
 * case, information campaign activities and, in a database that has no case
 * yet, the funding projects. Everything goes through the db API (audit rows,
 * search index and versions as in real use), in bulk transactions of
 * CMD_DEMO_BATCH cases. The same seed and count give the same values (uuids,
 * case numbers and record times aside; dates count back from today, which
 * AVRR_TODAY can fix). Fields or forms the definitions lack are skipped and
 * named in stats->warnings; a form field left empty that is required too.
 */
#ifndef CMD_DEMO_H
#define CMD_DEMO_H

#include <stddef.h>

#include "cmd/cmd.h"

#define CMD_DEMO_BATCH	5000

struct cmd_demo_stats {
	long	  cases;
	long	  records;	/* saved form records, child rows not counted */
	char	**warnings;	/* one line each, owned */
	size_t	  nwarnings;
};

/* 0 on success; 1 with *err (malloc'd) when the database refused a write. */
int	cmd_demo_fill(struct cmd_ctx *, long cases, unsigned long seed,
	    struct cmd_demo_stats *, char **err);
void	cmd_demo_stats_free(struct cmd_demo_stats *);

#endif
