#include "e2e/vt.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <vterm.h>

#include "util/mem.h"
#include "util/str.h"

struct vt {
	VTerm		*term;
	VTermScreen	*screen;
	int		 fd;		/* pty master, non-blocking */
	pid_t		 pid;
	bool		 reaped;
	int		 status;	/* once reaped */
	bool		 eof;		/* the slave side is closed */
	bool		 latin1;	/* a terminal without UTF-8 */
	int		 rows, cols;
	size_t		 bytes;
	struct strbuf	 raw;
	struct strbuf	 scrolled;	/* lines pushed off the top, '\n'-ended */
	char		**kept;		/* strings handed to the test */
	size_t		 nkept, capkept;
};

/* Copied from the test's environment unless env names them. */
static const char *const vt_passthrough[] = {
	"PATH", "AVRR_FORMS", "AVRR_LOCALE", "AVRR_DB",
	"ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS", NULL
};

static const struct {
	VTermKey	 key;
	VTermModifier	 mod;
} vt_keys[] = {
	[VT_ENTER] = { VTERM_KEY_ENTER, VTERM_MOD_NONE },
	[VT_TAB] = { VTERM_KEY_TAB, VTERM_MOD_NONE },
	[VT_BACKTAB] = { VTERM_KEY_TAB, VTERM_MOD_SHIFT },
	[VT_ESC] = { VTERM_KEY_ESCAPE, VTERM_MOD_NONE },
	[VT_BACKSPACE] = { VTERM_KEY_BACKSPACE, VTERM_MOD_NONE },
	[VT_UP] = { VTERM_KEY_UP, VTERM_MOD_NONE },
	[VT_DOWN] = { VTERM_KEY_DOWN, VTERM_MOD_NONE },
	[VT_LEFT] = { VTERM_KEY_LEFT, VTERM_MOD_NONE },
	[VT_RIGHT] = { VTERM_KEY_RIGHT, VTERM_MOD_NONE },
	[VT_HOME] = { VTERM_KEY_HOME, VTERM_MOD_NONE },
	[VT_END] = { VTERM_KEY_END, VTERM_MOD_NONE },
	[VT_PAGEUP] = { VTERM_KEY_PAGEUP, VTERM_MOD_NONE },
	[VT_PAGEDOWN] = { VTERM_KEY_PAGEDOWN, VTERM_MOD_NONE },
	[VT_INSERT] = { VTERM_KEY_INS, VTERM_MOD_NONE },
	[VT_DELETE] = { VTERM_KEY_DEL, VTERM_MOD_NONE },
	[VT_F1] = { VTERM_KEY_FUNCTION(1), VTERM_MOD_NONE },
	[VT_F2] = { VTERM_KEY_FUNCTION(2), VTERM_MOD_NONE },
	[VT_F3] = { VTERM_KEY_FUNCTION(3), VTERM_MOD_NONE },
	[VT_F4] = { VTERM_KEY_FUNCTION(4), VTERM_MOD_NONE },
	[VT_F5] = { VTERM_KEY_FUNCTION(5), VTERM_MOD_NONE },
	[VT_F6] = { VTERM_KEY_FUNCTION(6), VTERM_MOD_NONE },
	[VT_F7] = { VTERM_KEY_FUNCTION(7), VTERM_MOD_NONE },
	[VT_F8] = { VTERM_KEY_FUNCTION(8), VTERM_MOD_NONE },
	[VT_F9] = { VTERM_KEY_FUNCTION(9), VTERM_MOD_NONE },
	[VT_F10] = { VTERM_KEY_FUNCTION(10), VTERM_MOD_NONE },
};

/* ---- time --- */

static long long
vt_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void
vt_sleep_ms(int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000 };

	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		continue;
}

/* ---- the child --- */

static bool
vt_env_has(char **envp, size_t n, const char *key)
{
	size_t klen = strlen(key);

	for (size_t i = 0; i < n; i++)
		if (strncmp(envp[i], key, klen) == 0 && envp[i][klen] == '=')
			return true;
	return false;
}

static void
vt_env_add(char ***envp, size_t *n, size_t *cap, const char *key,
    const char *val)
{
	if (val == NULL || vt_env_has(*envp, *n, key))
		return;
	*envp = xgrow(*envp, cap, *n + 2, sizeof **envp);
	(*envp)[(*n)++] = xasprintf("%s=%s", key, val);
	(*envp)[*n] = NULL;
}

static char **
vt_env_build(const char *const env[], const struct vt_options *opts)
{
	char **envp = NULL;
	size_t n = 0, cap = 0;

	envp = xgrow(envp, &cap, 1, sizeof *envp);
	envp[0] = NULL;
	for (size_t i = 0; env != NULL && env[i] != NULL; i++) {
		envp = xgrow(envp, &cap, n + 2, sizeof *envp);
		envp[n++] = xstrdup(env[i]);
		envp[n] = NULL;
	}
	vt_env_add(&envp, &n, &cap, "TERM",
	    opts->term != NULL ? opts->term : "xterm-256color");
	vt_env_add(&envp, &n, &cap, "ESCDELAY", "25");
	vt_env_add(&envp, &n, &cap, "LANG", "C.UTF-8");
	for (size_t i = 0; vt_passthrough[i] != NULL; i++)
		vt_env_add(&envp, &n, &cap, vt_passthrough[i],
		    getenv(vt_passthrough[i]));
	return envp;
}

static void
vt_env_free(char **envp)
{
	for (size_t i = 0; envp[i] != NULL; i++)
		free(envp[i]);
	free(envp);
}

static const char *
vt_program(const char *argv0)
{
	const char *bin;

	if (strcmp(argv0, "avrr") != 0)
		return argv0;
	bin = getenv("AVRR_BIN");
	return str_empty(bin) ? "build/test/avrr" : bin;
}

/* In the child after forkpty: default signals, then exec or exit 127. */
static void __attribute__((noreturn))
vt_child(const char *path, const char *const argv[], char **envp)
{
	sigset_t none;

	for (int sig = 1; sig < NSIG; sig++)
		signal(sig, SIG_DFL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	execvpe(path, (char *const *)argv, envp);
	dprintf(STDERR_FILENO, "vt: cannot run %s: %s\r\n", path,
	    strerror(errno));
	_exit(127);
}

/* ---- reading the program's output --- */

static void
vt_write(struct vt *vt, const char *s, size_t len, bool pump);

static void
vt_utf8_put(struct strbuf *sb, uint32_t cp);

static void
vt_on_output(const char *s, size_t len, void *user)
{
	/* Terminal replies: no pumping, we are inside vterm_input_write. */
	vt_write(user, s, len, false);
}

/*
 * libvterm's own non-UTF-8 mode drops the high bit (0xE9 shows as 'i'), so
 * a Latin-1 terminal is a UTF-8 one fed with every byte as its code point.
 */
static void
vt_feed_latin1(struct vt *vt, const char *buf, size_t n)
{
	struct strbuf sb = STRBUF_INIT;

	for (size_t i = 0; i < n; i++)
		vt_utf8_put(&sb, (unsigned char)buf[i]);
	vterm_input_write(vt->term, strbuf_str(&sb), sb.len);
	strbuf_free(&sb);
}

static void
vt_feed(struct vt *vt, const char *buf, size_t n)
{
	vt->bytes += n;
	strbuf_add(&vt->raw, buf, n);
	if (vt->latin1)
		vt_feed_latin1(vt, buf, n);
	else
		vterm_input_write(vt->term, buf, n);
	if (memmem(buf, n, "\033[3J", 4) != NULL)
		strbuf_reset(&vt->scrolled);	/* ED 3: the scrollback is erased */
}

/* Reads what is there now, a bounded amount so waits can check often. */
static void
vt_drain(struct vt *vt)
{
	char buf[16384];

	for (int i = 0; i < 64; i++) {
		ssize_t n = read(vt->fd, buf, sizeof buf);

		if (n > 0) {
			vt_feed(vt, buf, (size_t)n);
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n == 0 || errno != EAGAIN)
			vt->eof = true;	/* EIO: the slave side is closed */
		return;
	}
}

static void
vt_read(struct vt *vt, int timeout_ms)
{
	struct pollfd p = { .fd = vt->fd, .events = POLLIN };
	int r;

	if (timeout_ms < 0)
		timeout_ms = 0;
	if (vt->eof) {
		vt_sleep_ms(timeout_ms);
		return;
	}
	r = poll(&p, 1, timeout_ms);
	if (r > 0)
		vt_drain(vt);
}

void
vt_pump(struct vt *vt, int ms)
{
	long long end = vt_now_ms() + ms;
	long long left;

	while ((left = end - vt_now_ms()) > 0)
		vt_read(vt, (int)left);
}

/* Writes to the program; with pump, reads its output while the pty is full. */
static void
vt_write(struct vt *vt, const char *s, size_t len, bool pump)
{
	long long end = vt_now_ms() + 5000;

	while (len > 0 && vt_now_ms() < end) {
		ssize_t n = write(vt->fd, s, len);
		struct pollfd p = { .fd = vt->fd, .events = POLLOUT };

		if (n > 0) {
			s += n;
			len -= (size_t)n;
		} else if (n < 0 && errno == EINTR) {
			continue;
		} else if (n < 0 && errno != EAGAIN) {
			return;		/* the program is gone */
		} else if (pump) {
			vt_read(vt, 10);
		} else {
			poll(&p, 1, 10);
		}
	}
}

/* ---- spawning and ending --- */

/* A line scrolled off the top of the main screen: a terminal's scrollback. */
static int
vt_on_pushline(int cols, const VTermScreenCell *cells, void *user)
{
	struct vt *vt = user;
	size_t start = vt->scrolled.len;

	for (int col = 0; col < cols; col++) {
		if (cells[col].chars[0] == (uint32_t)-1)
			continue;
		if (cells[col].chars[0] == 0)
			strbuf_putc(&vt->scrolled, ' ');
		for (int i = 0; i < VTERM_MAX_CHARS_PER_CELL && cells[col].chars[i]; i++)
			vt_utf8_put(&vt->scrolled, cells[col].chars[i]);
	}
	while (vt->scrolled.len > start && vt->scrolled.s[vt->scrolled.len - 1] == ' ')
		vt->scrolled.len--;	/* trailing blanks trimmed, as vt_row() does */
	strbuf_putc(&vt->scrolled, '\n');
	return 1;
}

static void
vt_term_new(struct vt *vt)
{
	static const VTermScreenCallbacks cbs = { .sb_pushline = vt_on_pushline };

	vt->term = vterm_new(vt->rows, vt->cols);
	if (vt->term == NULL)
		util_die("vt: vterm_new failed");
	vterm_set_utf8(vt->term, 1);
	vterm_output_set_callback(vt->term, vt_on_output, vt);
	vt->screen = vterm_obtain_screen(vt->term);
	vterm_screen_enable_altscreen(vt->screen, 1);
	vterm_screen_set_callbacks(vt->screen, &cbs, vt);
	vterm_screen_reset(vt->screen, 1);
}

struct vt *
vt_spawn_ex(const char *const argv[], const char *const env[], int rows,
    int cols, const struct vt_options *opts)
{
	static const struct vt_options defaults;
	struct winsize ws = { .ws_row = rows, .ws_col = cols };
	const char *path = vt_program(argv[0]);
	char **envp;
	struct vt *vt;
	pid_t pid;
	int fd;

	if (opts == NULL)
		opts = &defaults;
	envp = vt_env_build(env, opts);
	pid = forkpty(&fd, NULL, NULL, &ws);
	if (pid < 0)
		util_die("vt: forkpty: %s", strerror(errno));
	if (pid == 0)
		vt_child(path, argv, envp);
	vt_env_free(envp);
	/* Later children must not hold this master open. */
	fcntl(fd, F_SETFD, FD_CLOEXEC);
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
	vt = xcalloc(1, sizeof *vt);
	vt->fd = fd;
	vt->pid = pid;
	vt->rows = rows;
	vt->cols = cols;
	vt->latin1 = opts->no_utf8;
	vt_term_new(vt);
	return vt;
}

struct vt *
vt_spawn(const char *const argv[], const char *const env[], int rows, int cols)
{
	return vt_spawn_ex(argv, env, rows, cols, NULL);
}

pid_t
vt_pid(const struct vt *vt)
{
	return vt->pid;
}

/*
 * Reaps the program once it exited. It is seen as a zombie first (WNOWAIT),
 * which keeps its pid, and so its process group id, from being reused while
 * whatever it left running in its group is killed.
 */
static bool
vt_reap(struct vt *vt, bool block)
{
	siginfo_t si;
	int st;

	if (vt->reaped)
		return true;
	for (;;) {
		memset(&si, 0, sizeof si);
		if (waitid(P_PID, (id_t)vt->pid, &si,
		    WEXITED | WNOWAIT | (block ? 0 : WNOHANG)) == 0)
			break;
		if (errno != EINTR)
			return false;
	}
	if (si.si_pid != vt->pid)
		return false;
	kill(-vt->pid, SIGKILL);
	while (waitpid(vt->pid, &st, 0) < 0 && errno == EINTR)
		continue;
	vt->status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
	vt->reaped = true;
	return true;
}

int
vt_signal(struct vt *vt, int sig)
{
	if (vt->reaped) {
		errno = ESRCH;
		return -1;
	}
	return kill(vt->pid, sig);
}

int
vt_wait_exit(struct vt *vt, int timeout_ms)
{
	long long end = vt_now_ms() + timeout_ms;
	long long left;

	while (!vt_reap(vt, false)) {
		left = end - vt_now_ms();
		if (left <= 0)
			return -1;
		/* A program blocked on a full pty never exits: keep reading. */
		vt_read(vt, left < 5 ? (int)left : 5);
	}
	/* What it wrote just before it exited may still be in the pty. */
	while (!vt->eof && vt_now_ms() < end) {
		size_t before = vt->raw.len;

		vt_read(vt, 20);
		if (vt->raw.len == before)
			break;
	}
	return vt->status;
}

/* SIGTERM to the process group, SIGKILL after ~300 ms, then reap. */
static void
vt_kill(struct vt *vt)
{
	if (vt->reaped)
		return;
	if (kill(-vt->pid, SIGTERM) != 0)
		kill(vt->pid, SIGTERM);
	if (vt_wait_exit(vt, 300) >= 0)
		return;
	if (kill(-vt->pid, SIGKILL) != 0)
		kill(vt->pid, SIGKILL);
	vt_reap(vt, true);
}

void
vt_free(struct vt *vt)
{
	if (vt == NULL)
		return;
	vt_kill(vt);
	close(vt->fd);
	vterm_free(vt->term);
	strbuf_free(&vt->raw);
	strbuf_free(&vt->scrolled);
	for (size_t i = 0; i < vt->nkept; i++)
		free(vt->kept[i]);
	free(vt->kept);
	free(vt);
}

/* ---- keys --- */

void
vt_type(struct vt *vt, const char *bytes)
{
	vt_write(vt, bytes, strlen(bytes), true);
}

/* Writes as fast as the program reads, reading its output meanwhile (a
 * full pty in one direction must not stall the other). */
size_t
vt_paste(struct vt *vt, const char *bytes, size_t len, int timeout_ms)
{
	long long end = vt_now_ms() + timeout_ms;
	size_t done = 0;

	while (done < len && !vt->eof && vt_now_ms() < end) {
		struct pollfd p = { .fd = vt->fd, .events = POLLIN | POLLOUT };
		ssize_t n;

		if (poll(&p, 1, 50) <= 0)
			continue;
		if (p.revents & (POLLIN | POLLHUP | POLLERR))
			vt_drain(vt);
		if (!(p.revents & POLLOUT))
			continue;
		n = write(vt->fd, bytes + done, len - done);
		if (n > 0)
			done += (size_t)n;
		else if (n < 0 && errno != EINTR && errno != EAGAIN)
			break;	/* the program is gone */
	}
	return done;
}

void
vt_key(struct vt *vt, enum vt_key key)
{
	if ((size_t)key >= sizeof vt_keys / sizeof vt_keys[0])
		util_die("vt: unknown key %d", (int)key);
	/* libvterm sends what an xterm would, following DECCKM. */
	vterm_keyboard_key(vt->term, vt_keys[key].key, vt_keys[key].mod);
}

void
vt_ctrl(struct vt *vt, char letter)
{
	char c = (char)(letter & 0x1f);

	vt_write(vt, &c, 1, true);
}

void
vt_alt(struct vt *vt, char c)
{
	char seq[2] = { '\033', c };

	vt_write(vt, seq, 2, true);
}

void
vt_size(const struct vt *vt, int *rows, int *cols)
{
	*rows = vt->rows;
	*cols = vt->cols;
}

void
vt_resize(struct vt *vt, int rows, int cols)
{
	struct winsize ws = { .ws_row = rows, .ws_col = cols };

	/* The kernel sends SIGWINCH to the pty's foreground process group,
	 * the program's; a signal of ours too would double the redraw. */
	ioctl(vt->fd, TIOCSWINSZ, &ws);
	vt->rows = rows;
	vt->cols = cols;
	vterm_set_size(vt->term, rows, cols);
}

/* ---- the screen --- */

static void
vt_utf8_put(struct strbuf *sb, uint32_t cp)
{
	char b[4];

	if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		cp = 0xfffd;
	if (cp < 0x80) {
		strbuf_putc(sb, (char)cp);
	} else if (cp < 0x800) {
		b[0] = (char)(0xc0 | cp >> 6);
		b[1] = (char)(0x80 | (cp & 0x3f));
		strbuf_add(sb, b, 2);
	} else if (cp < 0x10000) {
		b[0] = (char)(0xe0 | cp >> 12);
		b[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		b[2] = (char)(0x80 | (cp & 0x3f));
		strbuf_add(sb, b, 3);
	} else {
		b[0] = (char)(0xf0 | cp >> 18);
		b[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		b[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		b[3] = (char)(0x80 | (cp & 0x3f));
		strbuf_add(sb, b, 4);
	}
}

/* Appends row's text to out, trailing blanks trimmed. */
static void
vt_row_put(struct vt *vt, int row, struct strbuf *out)
{
	struct strbuf line = STRBUF_INIT;
	size_t keep = 0;
	VTermScreenCell c;

	for (int col = 0; row >= 0 && row < vt->rows && col < vt->cols; col++) {
		VTermPos pos = { .row = row, .col = col };

		if (!vterm_screen_get_cell(vt->screen, pos, &c))
			break;
		if (c.chars[0] == (uint32_t)-1)
			continue;	/* right half of a wide character */
		if (c.chars[0] == 0) {
			strbuf_putc(&line, ' ');
			continue;
		}
		for (int i = 0; i < VTERM_MAX_CHARS_PER_CELL && c.chars[i]; i++)
			vt_utf8_put(&line, c.chars[i]);
		if (c.chars[0] != ' ' || c.chars[1] != 0)
			keep = line.len;
		if (c.width > 1)
			col += c.width - 1;
	}
	strbuf_add(out, strbuf_str(&line), keep);
	strbuf_free(&line);
}

static void
vt_screen_put(struct vt *vt, struct strbuf *out)
{
	for (int row = 0; row < vt->rows; row++) {
		if (row > 0)
			strbuf_putc(out, '\n');
		vt_row_put(vt, row, out);
	}
}

/* Hands s to the test; freed by vt_free(). */
static const char *
vt_keep(struct vt *vt, struct strbuf *sb)
{
	char *s = strbuf_take(sb);

	vt->kept = xgrow(vt->kept, &vt->capkept, vt->nkept + 1,
	    sizeof *vt->kept);
	vt->kept[vt->nkept++] = s;
	return s;
}

/* The scrollback of the spawn: a terminal emulator keeps it after the program
 * is gone (libvterm 0.1 has no callback for ED 3, so "ESC [ 3 J" in the
 * output, which clears it on xterm, clears it here). */
const char *
vt_scrollback(struct vt *vt)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_puts(&sb, strbuf_str(&vt->scrolled));
	return vt_keep(vt, &sb);
}

const char *
vt_row(struct vt *vt, int row)
{
	struct strbuf sb = STRBUF_INIT;

	vt_row_put(vt, row, &sb);
	return vt_keep(vt, &sb);
}

const char *
vt_screen(struct vt *vt)
{
	struct strbuf sb = STRBUF_INIT;

	vt_screen_put(vt, &sb);
	return vt_keep(vt, &sb);
}

bool
vt_cell_attr(struct vt *vt, int row, int col, unsigned mask)
{
	VTermPos pos = { .row = row, .col = col };
	VTermScreenCell c;
	unsigned have = 0;

	if (row < 0 || row >= vt->rows || col < 0 || col >= vt->cols ||
	    !vterm_screen_get_cell(vt->screen, pos, &c))
		return false;
	have |= c.attrs.bold ? VT_BOLD : 0;
	have |= c.attrs.underline ? VT_UNDERLINE : 0;
	have |= c.attrs.reverse ? VT_REVERSE : 0;
	have |= c.attrs.italic ? VT_ITALIC : 0;
	return (have & mask) == mask;
}

void
vt_cursor(struct vt *vt, int *row, int *col)
{
	VTermPos pos;

	vterm_state_get_cursorpos(vterm_obtain_state(vt->term), &pos);
	*row = pos.row;
	*col = pos.col;
}

/* ---- waiting --- */

struct vt_want {
	const char	*text;
	int		 row;		/* -1: anywhere */
	int		 col;		/* for the cursor */
};

static bool
vt_want_text(struct vt *vt, const struct vt_want *w)
{
	struct strbuf sb = STRBUF_INIT;
	bool found;

	if (w->row < 0)
		vt_screen_put(vt, &sb);
	else
		vt_row_put(vt, w->row, &sb);
	found = strstr(strbuf_str(&sb), w->text) != NULL;
	strbuf_free(&sb);
	return found;
}

static bool
vt_want_cursor(struct vt *vt, const struct vt_want *w)
{
	int row, col;

	vt_cursor(vt, &row, &col);
	return row == w->row && col == w->col;
}

/* Reads output until want holds; false at the deadline or at end of output. */
static bool
vt_wait(struct vt *vt, bool (*want)(struct vt *, const struct vt_want *),
    const struct vt_want *w, int timeout_ms)
{
	long long end = vt_now_ms() + timeout_ms;
	long long left;

	for (;;) {
		if (want(vt, w))
			return true;
		left = end - vt_now_ms();
		if (vt->eof || left <= 0)
			return false;
		vt_read(vt, left > 100 ? 100 : (int)left);
	}
}

bool
vt_wait_text(struct vt *vt, const char *utf8, int timeout_ms)
{
	struct vt_want w = { .text = utf8, .row = -1 };

	return vt_wait(vt, vt_want_text, &w, timeout_ms);
}

bool
vt_wait_row_text(struct vt *vt, int row, const char *utf8, int timeout_ms)
{
	struct vt_want w = { .text = utf8, .row = row };

	return vt_wait(vt, vt_want_text, &w, timeout_ms);
}

bool
vt_wait_cursor(struct vt *vt, int row, int col, int timeout_ms)
{
	struct vt_want w = { .row = row, .col = col };

	return vt_wait(vt, vt_want_cursor, &w, timeout_ms);
}

/* ---- measuring and showing --- */

size_t
vt_bytes(const struct vt *vt)
{
	return vt->bytes;
}

void
vt_bytes_reset(struct vt *vt)
{
	vt->bytes = 0;
}

const char *
vt_raw_output(const struct vt *vt, size_t *len)
{
	if (len != NULL)
		*len = vt->raw.len;
	return strbuf_str(&vt->raw);
}

void
vt_dump(struct vt *vt, FILE *f)
{
	struct strbuf sb = STRBUF_INIT;
	int row, col;

	vt_cursor(vt, &row, &col);
	fprintf(f, "+--- screen %dx%d, cursor %d,%d, %zu bytes, ", vt->rows,
	    vt->cols, row, col, vt->bytes);
	if (vt->reaped)
		fprintf(f, "exited with %d ---\n", vt->status);
	else
		fprintf(f, "pid %ld%s ---\n", (long)vt->pid,
		    vt->eof ? ", terminal closed" : "");
	for (int r = 0; r < vt->rows; r++) {
		strbuf_reset(&sb);
		vt_row_put(vt, r, &sb);
		fprintf(f, "%2d|%s\n", r, strbuf_str(&sb));
	}
	fprintf(f, "+---\n");
	strbuf_free(&sb);
}
