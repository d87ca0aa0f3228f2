/* Tests of the e2e harness, against programs every Debian machine has. */
#include "e2e/vt.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define T 5000		/* generous: a deadline costs time only on failure */
#define RAW "stty raw -echo; "
#define STAY "; exec sleep 5"	/* keeps the terminal open */
/* Reads n bytes typed and prints them as hex, then "done". */
#define HEX(n) "head -c " #n " | od -An -tx1 | tr -d ' \\n'; echo; " \
	"echo done; exec sleep 5"

static long long
test_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* True when a process of group pgid is alive (zombies waiting for init do
 * not count). */
static bool
test_group_alive(pid_t pgid)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	bool alive = false;

	assert_non_null(d);
	while (!alive && (e = readdir(d)) != NULL) {
		char path[300], buf[512], state;
		const char *p;
		long ppid, pgrp;
		FILE *f;

		snprintf(path, sizeof path, "/proc/%s/stat", e->d_name);
		if (e->d_name[0] < '0' || e->d_name[0] > '9' ||
		    (f = fopen(path, "r")) == NULL)
			continue;
		if (fgets(buf, sizeof buf, f) != NULL &&
		    (p = strrchr(buf, ')')) != NULL &&
		    sscanf(p + 1, " %c %ld %ld", &state, &ppid, &pgrp) == 3)
			alive = pgrp == pgid && state != 'Z';
		fclose(f);
	}
	closedir(d);
	return alive;
}

/* Runs sh -c script in a 24x80 terminal; teardown frees it. */
static struct vt *
test_sh(void **state, const char *script, const char *const env[],
    const struct vt_options *opts)
{
	const char *const argv[] = { "/bin/sh", "-c", script, NULL };

	*state = vt_spawn_ex(argv, env, 24, 80, opts);
	return *state;
}

static int
test_teardown(void **state)
{
	vt_free(*state);
	*state = NULL;
	return 0;
}

static void
test_wide_and_combining(void **state)
{
	struct vt *vt = test_sh(state,
	    "printf 'h\303\251llo \344\270\226\347\225\214|e\314\201|\\n'; "
	    "printf '\344\270\226\347\225\214x'; exec sleep 5", NULL, NULL);
	int row, col;

	VT_ASSERT_TEXT(vt, "\344\270\226\347\225\214x", T);
	assert_string_equal(vt_row(vt, 0),
	    "h\303\251llo \344\270\226\347\225\214|e\314\201|");
	vt_cursor(vt, &row, &col);
	assert_int_equal(row, 1);
	assert_int_equal(col, 5);	/* two wide characters and an x */
}

static void
test_keys_arrive_as_xterm_sends_them(void **state)
{
	struct vt *vt = test_sh(state, RAW "echo ready; " HEX(34), NULL, NULL);

	VT_ASSERT_TEXT(vt, "ready", T);
	vt_type(vt, "a");
	vt_key(vt, VT_ENTER);
	vt_key(vt, VT_TAB);
	vt_key(vt, VT_BACKTAB);
	vt_key(vt, VT_ESC);
	vt_key(vt, VT_BACKSPACE);
	vt_key(vt, VT_UP);
	vt_key(vt, VT_F1);
	vt_key(vt, VT_F5);
	vt_key(vt, VT_F10);
	vt_ctrl(vt, 's');
	vt_alt(vt, 'x');
	vt_key(vt, VT_HOME);
	vt_key(vt, VT_PAGEDOWN);
	VT_ASSERT_TEXT(vt, "done", T);
	VT_ASSERT_TEXT(vt, "610d091b5b5a1b7f1b5b411b4f501b5b31357e1b5b32317e"
	    "131b781b5b481b5b367e", T);
}

static void
test_cursor_keys_follow_application_mode(void **state)
{
	struct vt *vt = test_sh(state, RAW "printf '\\033[?1hready'; " HEX(6),
	    NULL, NULL);

	VT_ASSERT_TEXT(vt, "ready", T);
	vt_key(vt, VT_UP);
	vt_key(vt, VT_HOME);
	VT_ASSERT_TEXT(vt, "done", T);
	VT_ASSERT_TEXT(vt, "1b4f411b4f48", T);
}

static void
test_terminal_answers_cursor_report(void **state)
{
	struct vt *vt = test_sh(state, RAW "printf '\\033[3;5H\\033[6n'; "
	    HEX(6), NULL, NULL);

	VT_ASSERT_TEXT(vt, "done", T);
	VT_ASSERT_TEXT(vt, "1b5b333b3552", T);	/* ESC [ 3 ; 5 R */
}

static void
test_resize_reaches_program(void **state)
{
	struct vt *vt = test_sh(state, "trap 'stty size' WINCH; echo ready; "
	    "while :; do sleep 0.02; done", NULL, NULL);
	const char *screen, *p;
	int lines = 0;

	VT_ASSERT_TEXT(vt, "ready", T);
	vt_resize(vt, 30, 100);
	VT_ASSERT_TEXT(vt, "30 100", T);
	screen = vt_screen(vt);
	for (p = screen; (p = strchr(p, '\n')) != NULL; p++)
		lines++;
	assert_int_equal(lines, 29);
	assert_string_equal(vt_row(vt, 29), "");
}

static void
test_exit_status_and_last_output(void **state)
{
	struct vt *vt = test_sh(state, "printf bye; exit 3", NULL, NULL);

	VT_ASSERT_EXIT(vt, 3, T);
	VT_ASSERT_TEXT(vt, "bye", T);
	assert_int_equal(vt_wait_exit(vt, 0), 3);
}

/* 40 lines in 24 rows: the first 17 scrolled off into the scrollback; ED 3
 * erases it. */
static void
test_scrollback_keeps_what_scrolled_off(void **state)
{
	struct vt *vt = test_sh(state, "i=1; while [ $i -le 40 ]; do echo line$i; "
	    "i=$((i + 1)); done; printf 'ok'; exec sleep 5", NULL, NULL);

	VT_ASSERT_TEXT(vt, "ok", T);
	assert_non_null(strstr(vt_scrollback(vt), "line1\n"));
	assert_non_null(strstr(vt_scrollback(vt), "line17\n"));
	assert_null(strstr(vt_scrollback(vt), "line18\n"));
	assert_null(strstr(vt_screen(vt), "line17\n"));
	vt_free(vt);
	vt = test_sh(state, "echo 1; echo 2; echo 3; echo 4; echo 5; echo 6; echo 7; "
	    "echo 8; echo 9; echo 10; echo 11; echo 12; echo 13; echo 14; echo 15; "
	    "echo 16; echo 17; echo 18; echo 19; echo 20; echo 21; echo 22; echo 23; "
	    "echo 24; echo 25; printf '\\033[3Jgone'; exec sleep 5", NULL, NULL);
	VT_ASSERT_TEXT(vt, "gone", T);
	assert_string_equal(vt_scrollback(vt), "");
}

static void
test_signal_gives_128_plus_signal(void **state)
{
	struct vt *vt = test_sh(state, "echo ready; exec sleep 5", NULL, NULL);

	VT_ASSERT_TEXT(vt, "ready", T);
	assert_int_equal(vt_wait_exit(vt, 50), -1);
	assert_int_equal(vt_signal(vt, SIGTERM), 0);
	VT_ASSERT_EXIT(vt, 128 + SIGTERM, T);
	assert_int_equal(vt_signal(vt, SIGTERM), -1);
}

static void
test_free_kills_program_ignoring_sigterm(void **state)
{
	struct vt *vt = test_sh(state, "trap '' TERM; echo ready; "
	    "while :; do sleep 1; done", NULL, NULL);
	pid_t pid = vt_pid(vt);
	long long start;

	VT_ASSERT_TEXT(vt, "ready", T);
	start = test_now_ms();
	vt_free(vt);
	*state = NULL;
	assert_true(test_now_ms() - start < 3000);
	assert_int_equal(kill(pid, 0), -1);
	assert_int_equal(errno, ESRCH);
	/* Its sleep got SIGKILL too; give the kernel a moment to end it. */
	for (start = test_now_ms(); test_group_alive(pid);) {
		assert_true(test_now_ms() - start < T);
		usleep(1000);
	}
}

static int test_failing_fd = -1;

static void
test_failing(void **state)
{
	struct vt *vt = test_sh(state, "echo ready; exec sleep 30", NULL, NULL);
	pid_t pid = vt_pid(vt);

	assert_true(write(test_failing_fd, &pid, sizeof pid) == sizeof pid);
	VT_ASSERT_TEXT(vt, "not on the screen", 10);
}

/* A failed assert longjmps out of the test; teardown must still end it. */
static void
test_teardown_after_failed_assert(void **state)
{
	const struct CMUnitTest inner[] = {
		cmocka_unit_test_teardown(test_failing, test_teardown),
	};
	int fds[2], st;
	pid_t child, pid = 0;

	assert_int_equal(pipe(fds), 0);
	child = fork();
	assert_true(child >= 0);
	if (child == 0) {
		close(fds[0]);
		test_failing_fd = fds[1];
		freopen("/dev/null", "w", stdout);
		freopen("/dev/null", "w", stderr);
		_exit(cmocka_run_group_tests(inner, NULL, NULL));
	}
	close(fds[1]);
	assert_true(read(fds[0], &pid, sizeof pid) == sizeof pid);
	close(fds[0]);
	assert_int_equal(waitpid(child, &st, 0), child);
	assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 1);
	if (kill(pid, 0) == 0) {
		kill(pid, SIGKILL);
		fail_msg("the program outlived its failed test");
	}
}

static void
test_wait_times_out(void **state)
{
	struct vt *vt = test_sh(state, "echo hi; exec sleep 5", NULL, NULL);
	long long start;

	VT_ASSERT_TEXT(vt, "hi", T);
	start = test_now_ms();
	assert_false(vt_wait_text(vt, "never", 200));
	assert_true(test_now_ms() - start >= 200);
	assert_true(test_now_ms() - start < 2000);
}

static void
test_wait_ends_when_terminal_closes(void **state)
{
	struct vt *vt = test_sh(state, "echo bye", NULL, NULL);
	long long start = test_now_ms();

	assert_false(vt_wait_text(vt, "never", 20000));
	assert_true(test_now_ms() - start < 5000);
	assert_string_equal(vt_row(vt, 0), "bye");
}

static void
test_environment_is_clean(void **state)
{
	char *old = getenv("AVRR_FORMS") ? strdup(getenv("AVRR_FORMS")) : NULL;
	struct vt *vt;

	setenv("AVRR_FORMS", "forms-x", 1);
	setenv("HOME", "/nowhere", 0);
	vt = test_sh(state, "printf '%s|%s|%s|%s|%s|\\n' \"$TERM\" "
	    "\"$ESCDELAY\" \"$LANG\" \"${HOME-unset}\" \"$AVRR_FORMS\"" STAY,
	    NULL, NULL);
	if (old != NULL)
		setenv("AVRR_FORMS", old, 1);
	else
		unsetenv("AVRR_FORMS");
	free(old);
	VT_ASSERT_ROW(vt, 0, "xterm-256color|25|C.UTF-8|unset|forms-x|", T);
}

static void
test_environment_overrides(void **state)
{
	const char *const env[] = { "LANG=C", "TERM=vt100", "FOO=bar", NULL };
	struct vt_options opts = { .term = "linux" };
	struct vt *vt = test_sh(state, "printf '%s|%s|%s|\\n' \"$TERM\" "
	    "\"$LANG\" \"$FOO\"" STAY, env, &opts);
	const char *const env2[] = { "A=1", NULL };

	VT_ASSERT_ROW(vt, 0, "vt100|C|bar|", T);
	vt_free(vt);
	vt = test_sh(state, "printf '%s|\\n' \"$TERM\"" STAY, env2, &opts);
	VT_ASSERT_ROW(vt, 0, "linux|", T);
}

static void
test_avrr_means_avrr_bin(void **state)
{
	const char *const argv[] = { "avrr", "from", "avrr", NULL };
	char *old = getenv("AVRR_BIN") ? strdup(getenv("AVRR_BIN")) : NULL;
	struct vt *vt;

	setenv("AVRR_BIN", "/bin/echo", 1);
	vt = *state = vt_spawn(argv, NULL, 24, 80);
	if (old != NULL)
		setenv("AVRR_BIN", old, 1);
	else
		unsetenv("AVRR_BIN");
	free(old);
	VT_ASSERT_ROW(vt, 0, "from avrr", T);
}

static void
test_exec_failure_shows_and_exits_127(void **state)
{
	const char *const argv[] = { "/nonexistent/avrr-test", NULL };
	struct vt *vt = *state = vt_spawn(argv, NULL, 24, 80);

	VT_ASSERT_EXIT(vt, 127, T);
	VT_ASSERT_TEXT(vt, "cannot run /nonexistent/avrr-test", T);
}

static void
test_latin1_terminal_and_raw_bytes(void **state)
{
	struct vt_options opts = { .no_utf8 = true };
	struct vt *vt = test_sh(state, "printf 'caf\\351\\n'" STAY, NULL,
	    &opts);
	const char *raw;
	size_t len;

	VT_ASSERT_ROW(vt, 0, "caf\303\251", T);
	raw = vt_raw_output(vt, &len);
	assert_int_equal(len, 6);
	assert_memory_equal(raw, "caf\351\r\n", 6);
	assert_int_equal(vt_bytes(vt), 6);
}

static void
test_attributes_and_cursor(void **state)
{
	struct vt *vt = test_sh(state, "printf '\\033[1mB\\033[0m"
	    "\\033[7mR\\033[0m\\033[4mU\\033[0mn'" STAY, NULL, NULL);

	VT_ASSERT_TEXT(vt, "BRUn", T);
	assert_true(vt_wait_cursor(vt, 0, 4, T));
	assert_true(vt_cell_attr(vt, 0, 0, VT_BOLD));
	assert_false(vt_cell_attr(vt, 0, 0, VT_BOLD | VT_REVERSE));
	assert_true(vt_cell_attr(vt, 0, 1, VT_REVERSE));
	assert_true(vt_cell_attr(vt, 0, 2, VT_UNDERLINE));
	assert_false(vt_cell_attr(vt, 0, 3, VT_BOLD));
	assert_true(vt_cell_attr(vt, 0, 3, 0));
	assert_false(vt_cell_attr(vt, 0, 80, 0));
}

static void
test_bytes_per_typed_character(void **state)
{
	struct vt *vt = test_sh(state, "stty raw -echo; printf ready; "
	    "exec cat", NULL, NULL);

	VT_ASSERT_TEXT(vt, "ready", T);
	assert_true(vt_wait_cursor(vt, 0, 5, T));
	assert_int_equal(vt_bytes(vt), 5);
	vt_bytes_reset(vt);
	assert_int_equal(vt_bytes(vt), 0);
	vt_type(vt, "xyz");
	assert_true(vt_wait_cursor(vt, 0, 8, T));
	assert_string_equal(vt_row(vt, 0), "readyxyz");
	assert_int_equal(vt_bytes(vt), 3);
}

static void
test_rows_screen_and_dump(void **state)
{
	struct vt *vt = test_sh(state, "printf 'one\\ntwo  \\n'" STAY, NULL,
	    NULL);
	char *buf = NULL;
	size_t len = 0;
	FILE *f;

	VT_ASSERT_ROW(vt, 1, "two", T);
	assert_false(vt_wait_row_text(vt, 0, "two", 10));
	assert_string_equal(vt_row(vt, 1), "two");
	assert_string_equal(vt_row(vt, 99), "");
	assert_int_equal(strncmp(vt_screen(vt), "one\ntwo\n\n", 9), 0);
	f = open_memstream(&buf, &len);
	assert_non_null(f);
	vt_dump(vt, f);
	fclose(f);
	assert_non_null(strstr(buf, "24x80"));
	assert_non_null(strstr(buf, "\n 1|two\n"));
	assert_non_null(strstr(buf, "\n23|\n"));
	free(buf);
}

static void
test_flood_then_exit_does_not_hang(void **state)
{
	struct vt *vt = test_sh(state,
	    "head -c 300000 /dev/zero | tr '\\000' x; exit 4", NULL, NULL);

	VT_ASSERT_EXIT(vt, 4, T);
	assert_true(vt_bytes(vt) >= 300000);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define TEST(f) cmocka_unit_test_teardown(f, test_teardown)
		TEST(test_wide_and_combining),
		TEST(test_keys_arrive_as_xterm_sends_them),
		TEST(test_cursor_keys_follow_application_mode),
		TEST(test_terminal_answers_cursor_report),
		TEST(test_resize_reaches_program),
		TEST(test_exit_status_and_last_output),
		TEST(test_scrollback_keeps_what_scrolled_off),
		TEST(test_signal_gives_128_plus_signal),
		TEST(test_free_kills_program_ignoring_sigterm),
		TEST(test_teardown_after_failed_assert),
		TEST(test_wait_times_out),
		TEST(test_wait_ends_when_terminal_closes),
		TEST(test_environment_is_clean),
		TEST(test_environment_overrides),
		TEST(test_avrr_means_avrr_bin),
		TEST(test_exec_failure_shows_and_exits_127),
		TEST(test_latin1_terminal_and_raw_bytes),
		TEST(test_attributes_and_cursor),
		TEST(test_bytes_per_typed_character),
		TEST(test_rows_screen_and_dump),
		TEST(test_flood_then_exit_does_not_hang),
#undef TEST
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
