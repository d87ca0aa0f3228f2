/*
 * bench/bench: what the benchmarks share: a monotonic clock, numbers from
 * the environment, the figures of several runs (median, worst,
 * percentiles), and the demo databases they keep.
 *
 * Contract: bench_ms() is CLOCK_MONOTONIC in milliseconds, the same clock in
 * every process of the machine. bench_env() gives a positive number from the
 * environment, else the default. A bench_runs sorts its values when a
 * statistic is asked for; an empty one answers 0. bench_demo_open() opens
 * the demo database at path, making it first with demo_fill() (seed 1) when
 * the file is missing; a database it opens is marked a test database, so
 * that `avrr --user NAME` works on it; the connection acts as user.
 * bench_db_copy() copies a database through SQLite's backup API into a new
 * file (an old one at that path is removed first); bench_db_remove() removes
 * a database file with its -wal and -shm.
 */
#ifndef BENCH_BENCH_H
#define BENCH_BENCH_H

#include <stdbool.h>
#include <stddef.h>

#include "cmd/cmd.h"

double		 bench_ms(void);
long		 bench_env(const char *name, long dflt);
/* The environment's value, else dflt (both borrowed). */
const char	*bench_env_str(const char *name, const char *dflt);

struct bench_runs {
	double	*v;
	size_t	 n, cap;
	bool	 sorted;
};

void		 bench_runs_add(struct bench_runs *, double);
double		 bench_runs_median(struct bench_runs *);
double		 bench_runs_worst(struct bench_runs *);	/* the largest */
double		 bench_runs_least(struct bench_runs *);	/* the smallest */
/* The p-th percentile, 0 < p <= 100, nearest rank. */
double		 bench_runs_pct(struct bench_runs *, double p);
void		 bench_runs_free(struct bench_runs *);

/* 0, or 1 after a message on stderr. */
int		 bench_demo_open(struct cmd_ctx *, const char *path, long cases,
		    const char *user);
int		 bench_db_copy(const char *from, const char *to);
void		 bench_db_remove(const char *path);

#endif
