/*
 * cmd/secure: what a hardened start keeps of the environment, and that it
 * sets the umask, turns core dumps off and drops AVRR_* (run in a child, as
 * the hardening cannot be undone).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "cmd/secure.h"

extern char **environ;

static void
test_env_entries_kept_and_dropped(void **state)
{
	static const char *const keep[] = {
		"LANG=sk_SK.UTF-8", "LC_ALL=C.UTF-8", "LC_CTYPE=cs_CZ.ISO-8859-2",
		"LANGUAGE=sk:en", "NO_COLOR=1", "LC_MESSAGES=en_GB.utf8@euro", NULL
	};
	static const char *const drop[] = {
		"AVRR_FORMS=/tmp/x", "AVRR_LOCALE=/tmp/x", "AVRR_USER=admin",
		"AVRR_DB=/tmp/x.db", "AVRR_TODAY=2020-01-01", "AVRR_LANG=../x",
		"LD_PRELOAD=/tmp/x.so", "TERMINFO=/tmp/ti", "PATH=/bin", "HOME=/root",
		"LANG=../../tmp/x", "LC_ALL=sk SK", "LC_ALL=a\x1b]0;x\x07", "LANG",
		"lc_all=C", "LC_ALL2=C", "SQLITE_TMPDIR=/tmp", NULL
	};
	size_t i;

	for (i = 0; keep[i] != NULL; i++)
		if (!cmd_secure_env_keep(keep[i]))
			fail_msg("dropped: %s", keep[i]);
	for (i = 0; drop[i] != NULL; i++)
		if (cmd_secure_env_keep(drop[i]))
			fail_msg("kept: %s", drop[i]);
	assert_true(cmd_secure_term_ok("xterm-256color"));
	assert_true(cmd_secure_term_ok("vt100"));
	assert_false(cmd_secure_term_ok("../../tmp/evil"));
	assert_false(cmd_secure_term_ok(NULL));
}

/* The child's exit status is a bit per thing that is wrong. */
static int
test_child_check(void)
{
	struct rlimit rl;
	mode_t old;
	char **e;
	int bad = 0;

	if (!cmd_secure_start() || !cmd_secure_active())
		bad |= 1;
	old = umask(0);
	if (old != 007)
		bad |= 2;
	if (getrlimit(RLIMIT_CORE, &rl) != 0 || rl.rlim_cur != 0 || rl.rlim_max != 0)
		bad |= 4;
	if (prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) != 0)
		bad |= 8;
	for (e = environ; e != NULL && *e != NULL; e++)
		if (strncmp(*e, "TERM=", 5) != 0 && strncmp(*e, "LANG=", 5) != 0)
			bad |= 16;	/* anything but what was kept */
	if (getenv("TERM") == NULL || strcmp(getenv("TERM"), "vt100") != 0)
		bad |= 32;
	if (getenv("LANG") == NULL || strcmp(getenv("LANG"), "sk_SK.UTF-8") != 0)
		bad |= 64;
	return bad;
}

static void
test_start_hardens(void **state)
{
	int status;
	pid_t pid;

	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		clearenv();
		setenv("AVRR_SECURE", "1", 1);
		setenv("AVRR_FORMS", "/tmp", 1);
		setenv("AVRR_USER", "admin", 1);
		setenv("LD_PRELOAD", "", 1);
		setenv("TERM", "/tmp/evil", 1);
		setenv("LANG", "sk_SK.UTF-8", 1);
		umask(0);
		_exit(test_child_check());
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

/* Without setgid, a build flag or AVRR_SECURE nothing changes. */
static void
test_start_plain_changes_nothing(void **state)
{
	int status;
	pid_t pid;

	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		unsetenv("AVRR_SECURE");
		setenv("AVRR_FORMS", "/tmp", 1);
		umask(022);
		_exit(cmd_secure_start() || getenv("AVRR_FORMS") == NULL || umask(0) != 022);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_env_entries_kept_and_dropped),
		cmocka_unit_test(test_start_hardens),
		cmocka_unit_test(test_start_plain_changes_nothing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
