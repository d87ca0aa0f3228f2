#include "cmd/secure.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/mem.h"
#include "util/str.h"

extern char **environ;

/* Terminal types whose terminfo entries come with the system. */
static const char *const cmd_secure_terms[] = {
	"ansi", "dumb", "linux", "vt100", "vt102", "vt220", "vt320", "vt52",
	"xterm", "xterm-color", "xterm-16color", "xterm-256color", "xterm-direct",
	"screen", "screen-256color", "tmux", "tmux-256color", "putty",
	"putty-256color", "rxvt", "rxvt-unicode", "rxvt-unicode-256color",
	"konsole", "konsole-256color", "gnome", "gnome-256color", "st-256color",
	"alacritty", "foot", "kitty", "cygwin", "pcansi", "sun", "wsvt25",
	NULL
};

static const char *const cmd_secure_names[] = {
	"LANG=", "LANGUAGE=", "LC_", "NO_COLOR=", NULL
};

#define CMD_SECURE_FALLBACK_TERM	"vt100"

static bool cmd_secure_on;

bool
cmd_secure_term_ok(const char *name)
{
	size_t i;

	for (i = 0; cmd_secure_terms[i] != NULL; i++)
		if (str_eq(name, cmd_secure_terms[i]))
			return true;
	return false;
}

bool
cmd_secure_env_keep(const char *entry)
{
	const char *eq = strchr(entry, '='), *p;
	size_t i;

	if (eq == NULL)
		return false;
	for (i = 0; cmd_secure_names[i] != NULL; i++)
		if (strncmp(entry, cmd_secure_names[i], strlen(cmd_secure_names[i])) == 0)
			break;
	if (cmd_secure_names[i] == NULL)
		return false;
	for (p = entry; p < eq; p++)	/* LC_ALL, LC_CTYPE: capitals and '_' */
		if (!((*p >= 'A' && *p <= 'Z') || *p == '_'))
			return false;
	for (p = eq + 1; *p != '\0'; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("_.@-,:", *p) != NULL))
			return false;
	return true;
}

/* Descriptors 0-2 that are closed get /dev/null. */
static void
cmd_secure_std_fds(void)
{
	int fd;

	for (fd = 0; fd < 3; fd++)
		if (fcntl(fd, F_GETFD) < 0 && open("/dev/null", O_RDWR) != fd)
			_exit(70);
}

static void
cmd_secure_env(void)
{
	const char *term = getenv("TERM");
	char *keep_term = xstrdup(cmd_secure_term_ok(term) ? term : CMD_SECURE_FALLBACK_TERM);
	char **kept, **e;
	size_t n = 0, i;

	for (e = environ; e != NULL && *e != NULL; e++)
		n++;
	kept = xcalloc(n + 1, sizeof *kept);
	for (e = environ, n = 0; e != NULL && *e != NULL; e++)
		if (cmd_secure_env_keep(*e))
			kept[n++] = xstrdup(*e);
	if (clearenv() != 0)
		util_die("cannot clear the environment");
	for (i = 0; i < n; i++) {
		char *eq = strchr(kept[i], '=');

		*eq = '\0';
		setenv(kept[i], eq + 1, 1);
		free(kept[i]);
	}
	free(kept);
	setenv("TERM", keep_term, 1);
	free(keep_term);
}

static void
cmd_secure_no_core(void)
{
	struct rlimit rl = { 0, 0 };

	if (setrlimit(RLIMIT_CORE, &rl) != 0 || prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0)
		util_die("cannot turn core dumps off");
}

static bool
cmd_secure_wanted(void)
{
#if defined(AVRR_SECURE) && AVRR_SECURE
	return true;
#else
	return getegid() != getgid() || geteuid() != getuid() ||
	    str_eq(getenv("AVRR_SECURE"), "1");
#endif
}

bool
cmd_secure_start(void)
{
	cmd_secure_std_fds();
	if (!cmd_secure_wanted())
		return false;
	cmd_secure_no_core();
	umask(007);
	cmd_secure_env();
	cmd_secure_on = true;
	return true;
}

bool
cmd_secure_active(void)
{
	return cmd_secure_on;
}
