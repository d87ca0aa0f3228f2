#include "cmd/out.h"

#include <langinfo.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n/conv.h"
#include "util/mem.h"
#include "util/str.h"
#include "util/utf8.h"

/* A line longer than this is written in pieces (a piece may cut a sequence in
 * two; each half is still sanitised on its own). */
#define CMD_OUT_LINE_MAX	65536

struct cmd_out_sink {
	FILE		*raw;	/* the stream the process was started with */
	struct strbuf	 pending;	/* bytes after the last line feed */
};

static struct cmd_out_sink cmd_out_sinks[2];
static struct i18n_conv *cmd_out_cv;	/* NULL under a UTF-8 locale */

/* Writes n bytes of text, a line or the piece of one (a NUL inside ends it);
 * its line feed is written after it, so no unended escape string in the text
 * can take the line feed with it. */
static void
cmd_out_emit(struct cmd_out_sink *k, const char *s, size_t n)
{
	bool nl = n > 0 && s[n - 1] == '\n', crlf = nl && n > 1 && s[n - 2] == '\r';
	char *piece = xstrndup(s, n - nl - crlf), *clean = utf8_sanitize(piece), *conv;

	conv = cmd_out_cv != NULL ? i18n_conv_out(cmd_out_cv, clean) : NULL;
	fputs(conv != NULL ? conv : clean, k->raw);
	if (nl)		/* CRLF, as CSV ends its lines, is a line end too */
		fputs(crlf ? "\r\n" : "\n", k->raw);
	free(conv);
	free(clean);
	free(piece);
}

/* Writes every whole line pending, and the rest too when all is set. */
static void
cmd_out_drain(struct cmd_out_sink *k, int all)
{
	const char *s = strbuf_str(&k->pending), *nl;
	size_t n = k->pending.len, done = 0;

	while ((nl = memchr(s + done, '\n', n - done)) != NULL) {
		cmd_out_emit(k, s + done, (size_t)(nl - s - done) + 1);
		done = (size_t)(nl - s) + 1;
	}
	if (done < n && (all || n - done > CMD_OUT_LINE_MAX)) {
		cmd_out_emit(k, s + done, n - done);
		done = n;
	}
	if (done > 0) {
		char *rest = xstrndup(s + done, n - done);

		strbuf_reset(&k->pending);
		strbuf_add(&k->pending, rest, n - done);
		free(rest);
	}
	if (done > 0)
		fflush(k->raw);
}

static ssize_t
cmd_out_write(void *cookie, const char *buf, size_t size)
{
	struct cmd_out_sink *k = cookie;

	strbuf_add(&k->pending, buf, size);
	cmd_out_drain(k, 0);
	return (ssize_t)size;
}

static void
cmd_out_end(void)
{
	size_t i;

	fflush(stdout);
	fflush(stderr);
	for (i = 0; i < 2; i++) {
		if (cmd_out_sinks[i].raw == NULL)
			continue;
		cmd_out_drain(&cmd_out_sinks[i], 1);
		strbuf_free(&cmd_out_sinks[i].pending);
	}
	if (cmd_out_cv != NULL)
		i18n_conv_free(cmd_out_cv);
	cmd_out_cv = NULL;
}

static FILE *
cmd_out_wrap(struct cmd_out_sink *k, FILE *raw, int mode)
{
	static const cookie_io_functions_t io = { .write = cmd_out_write };
	FILE *f;

	k->raw = raw;
	if ((f = fopencookie(k, "w", io)) == NULL)
		util_die("cannot set up the output");
	setvbuf(f, NULL, mode, 0);
	return f;
}

void
cmd_out_init(void)
{
	if (cmd_out_sinks[0].raw != NULL)
		return;
	if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
		cmd_out_cv = i18n_conv_new(nl_langinfo(CODESET));
	stdout = cmd_out_wrap(&cmd_out_sinks[0], stdout,
	    isatty(STDOUT_FILENO) ? _IOLBF : _IOFBF);
	stderr = cmd_out_wrap(&cmd_out_sinks[1], stderr, _IONBF);
	atexit(cmd_out_end);
}

void
cmd_out_prompt(FILE *f)
{
	size_t i;

	fflush(f);
	for (i = 0; i < 2; i++)
		if (cmd_out_sinks[i].raw != NULL && (i == 0 ? stdout : stderr) == f)
			cmd_out_drain(&cmd_out_sinks[i], 1);
}

void
cmd_out_raw(void)
{
	struct cmd_out_sink *k = &cmd_out_sinks[0];

	if (k->raw == NULL || stdout == k->raw)
		return;
	fflush(stdout);
	cmd_out_drain(k, 1);
	stdout = k->raw;
}
