/*
 * form/load: every *.form file of a folder, in name order, into one set.
 */
#include "form/form.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "form/perm.h"
#include "form/retention.h"
#include "form/workflow.h"
#include "util/mem.h"
#include "util/str.h"
#include "util/tr.h"

/* Larger files are refused: no form needs a megabyte. */
#define FORM_LOAD_MAX (4L * 1024 * 1024)

static int
form_load_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool
form_load_is_form(const char *name)
{
	size_t n = strlen(name);

	return n > 5 && name[0] != '.' && strcmp(name + n - 5, ".form") == 0;
}

/* The names of dir's .form files, sorted; NULL (and an error) when unreadable. */
static char **
form_load_names(struct form_set *set, const char *dir, size_t *n)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL;
	size_t cap = 0;

	*n = 0;
	if (d == NULL) {
		form_set_error(set, dir, 0, _("cannot read the folder: %s"), strerror(errno));
		return NULL;
	}
	while ((e = readdir(d)) != NULL) {
		if (!form_load_is_form(e->d_name))
			continue;
		names = xgrow(names, &cap, *n + 1, sizeof *names);
		names[(*n)++] = xstrdup(e->d_name);
	}
	closedir(d);
	if (*n == 0)
		form_set_error(set, dir, 0, "%s", _("no .form files in the folder"));
	else
		qsort(names, *n, sizeof *names, form_load_cmp);
	return names;
}

/* The whole file as a string, or NULL with the reason in *why. */
static char *
form_load_read(const char *path, const char **why)
{
	FILE *f = fopen(path, "rb");
	struct strbuf sb = STRBUF_INIT;
	char buf[8192];
	size_t got;

	if (f == NULL) {
		*why = strerror(errno);
		return NULL;
	}
	while ((got = fread(buf, 1, sizeof buf, f)) > 0 && sb.len <= FORM_LOAD_MAX)
		strbuf_add(&sb, buf, got);
	*why = ferror(f) ? strerror(errno) : _("the file is larger than 4 MB");
	if (ferror(f) || sb.len > FORM_LOAD_MAX) {
		fclose(f);
		strbuf_free(&sb);
		return NULL;
	}
	fclose(f);
	if (memchr(strbuf_str(&sb), '\0', sb.len) != NULL) {
		*why = _("the file holds a NUL byte; it is not a text file");
		strbuf_free(&sb);
		return NULL;
	}
	return strbuf_take(&sb);
}

/* A table file of the folder read after the forms (workflow, permissions,
 * retention), when it has one: parsed, then checked against the forms. */
static void
form_load_table(struct form_set *set, const char *dir, const char *file,
    void (*parse)(struct form_set *, const char *, const char *),
    void (*check)(struct form_set *))
{
	size_t dlen = strlen(dir);
	char *path = xasprintf("%s%s%s", dir, dlen > 0 && dir[dlen - 1] == '/' ? "" : "/",
	    file);
	const char *why = NULL;
	char *text;

	if (access(path, F_OK) != 0) {
		free(path);
		return;
	}
	if ((text = form_load_read(path, &why)) == NULL)
		form_set_error(set, path, 0, _("cannot read: %s"), why);
	else {
		parse(set, path, text);
		check(set);
	}
	free(text);
	free(path);
}

struct form_set *
form_set_load_dir(const char *dir)
{
	struct form_set *set = form_set_new();
	size_t i, n;
	char **names = form_load_names(set, dir, &n);
	size_t dlen = strlen(dir);

	for (i = 0; i < n; i++) {
		const char *why = NULL;
		char *path = xasprintf("%s%s%s", dir, dlen > 0 && dir[dlen - 1] == '/' ? "" : "/",
		    names[i]);
		char *text = form_load_read(path, &why);

		if (text == NULL)
			form_set_error(set, path, 0, _("cannot read: %s"), why);
		else
			form_set_parse(set, path, text);
		free(text);
		free(path);
		free(names[i]);
	}
	free(names);
	form_set_finish(set);
	form_load_table(set, dir, FORM_WORKFLOW_FILE, form_workflow_parse, form_workflow_check);
	form_load_table(set, dir, FORM_PERMS_FILE, form_perms_parse, form_perms_check);
	form_load_table(set, dir, FORM_RETENTION_FILE, form_retention_parse,
	    form_retention_check);
	return set;
}
