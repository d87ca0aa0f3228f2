/*
 * The database's files and a hardened start, through the real binary:
 * `avrr init` makes the database 0660 under umask 000 and 077 (never readable
 * by others, always by the group), the -wal and -shm the program makes while
 * it runs are 0660 too; with AVRR_SECURE=1 (as a setgid install) AVRR_FORMS
 * is ignored, the running program's umask is 007 and it may dump no core.
 */
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "util/mem.h"
#include "util/str.h"
#include "vt.h"

#define T	15000

struct files {
	char		*dir;
	char		*db;
	struct vt	*vt;
};

static int
setup(void **state)
{
	struct files *f = xcalloc(1, sizeof *f);
	char tmpl[] = "/tmp/avrr-files-XXXXXX";

	assert_non_null(mkdtemp(tmpl));
	f->dir = xstrdup(tmpl);
	f->db = xasprintf("%s/avrr.db", f->dir);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct files *f = *state;
	const char *const ext[] = { "", "-wal", "-shm" };
	size_t i;

	vt_free(f->vt);
	for (i = 0; i < 3; i++) {
		char *p = xasprintf("%s%s", f->db, ext[i]);

		unlink(p);
		free(p);
	}
	rmdir(f->dir);
	free(f->db);
	free(f->dir);
	free(f);
	umask(022);
	return 0;
}

/* The sanitizer's options of the run with leak checking off: a process no
 * one may trace cannot be leak-checked (LSan traces); the others, such as
 * a moved clock's verify_asan_link_order=0, stay. */
static const char *
files_asan(void)
{
	static char buf[512];
	const char *now = getenv("ASAN_OPTIONS");

	snprintf(buf, sizeof buf, "%s%sdetect_leaks=0", now != NULL ? now : "",
	    now != NULL && *now != '\0' ? ":" : "");
	return buf;
}

/* Runs avrr with the arguments (NULL-ended) under mask; extra "NAME=value"
 * may be NULL. Returns the exit status. */
static int
files_run(mode_t mask, const char *extra, char *const argv[])
{
	const char *bin = getenv("AVRR_BIN");
	int status, null;
	pid_t pid;

	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		null = open("/dev/null", O_RDWR);
		dup2(null, 0);
		dup2(null, 1);
		dup2(null, 2);
		umask(mask);
		setenv("LANG", "C.UTF-8", 1);
		if (extra != NULL) {
			putenv((char *)extra);
			/* a process no one may trace cannot be leak-checked (LSan traces) */
			setenv("ASAN_OPTIONS", files_asan(), 1);
		}
		execv(bin != NULL ? bin : "build/test/avrr", argv);
		_exit(127);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static mode_t
files_mode(const char *path)
{
	struct stat sb;

	if (stat(path, &sb) != 0)
		fail_msg("%s: missing", path);
	return sb.st_mode & 07777;
}

/* init under mask, then the program running on it makes -wal and -shm. */
static void
files_check(void **state, mode_t mask)
{
	struct files *f = *state;
	char *argv[] = { "avrr", "init", "--test", "--db", f->db, NULL };
	const char *const targv[] = { "avrr", "--db", f->db, NULL };
	const char *const env[] = { "AVRR_USER=tester", NULL };
	char *wal = xasprintf("%s-wal", f->db), *shm = xasprintf("%s-shm", f->db);

	assert_int_equal(files_run(mask, NULL, argv), 0);
	assert_int_equal(files_mode(f->db), 0660);
	umask(mask);	/* the program started next inherits it */
	f->vt = vt_spawn(targv, env, 24, 80);
	umask(022);
	VT_ASSERT_TEXT(f->vt, "Find a case", T);
	assert_int_equal(files_mode(f->db), 0660);
	assert_int_equal(files_mode(wal), 0660);
	assert_int_equal(files_mode(shm), 0660);
	free(wal);
	free(shm);
}

static void
test_init_modes_umask_000(void **state)
{
	files_check(state, 000);
}

static void
test_init_modes_umask_077(void **state)
{
	files_check(state, 077);
}

/* A database made before init set modes loses what others may do. */
static void
test_init_tightens_old_file(void **state)
{
	struct files *f = *state;
	char *argv[] = { "avrr", "init", "--test", "--db", f->db, NULL };
	char *again[] = { "avrr", "init", "--db", f->db, NULL };

	assert_int_equal(files_run(022, NULL, argv), 0);
	assert_int_equal(chmod(f->db, 0666), 0);
	assert_int_equal(files_run(022, NULL, again), 0);
	assert_int_equal(files_mode(f->db), 0660);
}

static void
test_secure_ignores_avrr_forms(void **state)
{
	char *argv[] = { "avrr", "check-forms", NULL };
	char *old = xstrdup(getenv("AVRR_FORMS") != NULL ? getenv("AVRR_FORMS") : "forms");

	(void)state;
	setenv("AVRR_FORMS", "/nonexistent-forms", 1);
	/* Plain: the folder named is used (and missing); hardened: ignored. */
	assert_int_equal(files_run(022, NULL, argv), 1);
	assert_int_equal(files_run(022, "AVRR_SECURE=1", argv), 0);
	setenv("AVRR_FORMS", old, 1);
	free(old);
}

/* Hardened, a backup goes only beside the database (a copy elsewhere would
 * be the user's own file); plain, anywhere new. */
static void
test_secure_backup_stays(void **state)
{
	struct files *f = *state;
	char *init[] = { "avrr", "init", "--test", "--db", f->db, NULL };
	char *away = xasprintf("%s-away.db", f->dir), *beside = xasprintf("%s/copy.db", f->dir);
	char *out[] = { "avrr", "backup", "--db", f->db, away, NULL };
	char *in[] = { "avrr", "backup", "--db", f->db, beside, NULL };

	assert_int_equal(files_run(022, NULL, init), 0);
	assert_int_equal(files_run(022, "AVRR_SECURE=1", out), 1);
	assert_int_equal(access(away, F_OK), -1);
	assert_int_equal(files_run(022, "AVRR_SECURE=1", in), 0);
	assert_int_equal(files_mode(beside) & 007, 0);	/* no one else reads it */
	assert_int_equal(files_run(022, NULL, out), 0);	/* not hardened: anywhere */
	unlink(away);
	unlink(beside);
	free(away);
	free(beside);
}

/* Reads the line of /proc/PID/file that starts with key. */
static char *
files_proc(pid_t pid, const char *file, const char *key)
{
	char *path = xasprintf("/proc/%d/%s", (int)pid, file), line[512];
	FILE *fp = fopen(path, "r");
	char *got = NULL;

	free(path);
	assert_non_null(fp);
	while (got == NULL && fgets(line, sizeof line, fp) != NULL)
		if (strncmp(line, key, strlen(key)) == 0)
			got = xstrdup(line);
	fclose(fp);
	assert_non_null(got);
	return got;
}

static void
test_secure_running_program(void **state)
{
	struct files *f = *state;
	char *argv[] = { "avrr", "init", "--test", "--db", f->db, NULL };
	const char *const targv[] = { "avrr", "--db", f->db, NULL };
	char *asan = xasprintf("ASAN_OPTIONS=%s", files_asan());
	const char *const env[] = { "AVRR_SECURE=1", "AVRR_USER=tester", asan,
	    NULL };	/* see files_run() */
	char *s;

	assert_int_equal(files_run(022, NULL, argv), 0);
	f->vt = vt_spawn(targv, env, 24, 80);
	VT_ASSERT_TEXT(f->vt, "Find a case", T);
	s = files_proc(vt_pid(f->vt), "status", "Umask:");
	assert_non_null(strstr(s, "0007"));
	free(s);
	s = files_proc(vt_pid(f->vt), "limits", "Max core file size");
	assert_non_null(strstr(s, " 0 "));
	free(s);
	free(asan);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_init_modes_umask_000, setup, teardown),
		cmocka_unit_test_setup_teardown(test_init_modes_umask_077, setup, teardown),
		cmocka_unit_test_setup_teardown(test_init_tightens_old_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_secure_ignores_avrr_forms, setup, teardown),
		cmocka_unit_test_setup_teardown(test_secure_running_program, setup, teardown),
		cmocka_unit_test_setup_teardown(test_secure_backup_stays, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
