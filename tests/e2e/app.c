#include "app.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <unistd.h>

#include <sqlite3.h>

#include "db/cases.h"
#include "db/lifecycle.h"
#include "db/record.h"
#include "db/users.h"
#include "util/mem.h"
#include "util/str.h"

struct e2e_db *
e2e_db_new(void)
{
	return e2e_db_new_forms(E2E_FORMS);
}

struct e2e_db *
e2e_db_new_forms(const char *dir)
{
	struct e2e_db *e = xcalloc(1, sizeof *e);
	char tmpl[] = "/tmp/avrr-e2e-XXXXXX";
	int fd = mkstemp(tmpl);

	assert_true(fd >= 0);
	close(fd);
	unlink(tmpl);
	e->path = xasprintf("%s.db", tmpl);
	e->forms_dir = dir;
	e->forms = form_set_load_dir(dir);
	assert_int_equal(e->forms->nerrors, 0);
	/* What avrr init does; the program itself never changes the tables. */
	assert_int_equal(db_open(&e->db, e->path, DB_OPEN_INIT, NULL), DB_OK);
	assert_int_equal(db_sync_forms(e->db, e->forms, NULL), DB_OK);
	/* A test database: the program runs as AVRR_USER=tester (README "Who is who"). */
	assert_int_equal(db_users_mark_test(e->db, NULL), DB_OK);
	db_set_user(e->db, "setup");
	return e;
}

/* A new folder of links to the files of dir but its permissions table. */
static char *
e2e_rules_dir(const char *dir)
{
	char tmpl[] = "/tmp/avrr-forms-XXXXXX";
	char *src, *dst, *abs = realpath(dir, NULL);
	struct dirent *de;
	DIR *d;

	assert_non_null(abs);
	assert_non_null(mkdtemp(tmpl));
	assert_non_null(d = opendir(abs));
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.' || strcmp(de->d_name, "permissions") == 0)
			continue;
		src = xasprintf("%s/%s", abs, de->d_name);
		dst = xasprintf("%s/%s", tmpl, de->d_name);
		assert_int_equal(symlink(src, dst), 0);
		free(src);
		free(dst);
	}
	closedir(d);
	free(abs);
	return xstrdup(tmpl);
}

struct e2e_db *
e2e_db_new_rules(const char *dir)
{
	char *own = e2e_rules_dir(dir);
	struct e2e_db *e = e2e_db_new_forms(own);

	e->own_dir = own;
	return e;
}

/* Removes a folder e2e_rules_dir() made. */
static void
e2e_rules_dir_rm(const char *dir)
{
	struct dirent *de;
	char *p;
	DIR *d = opendir(dir);

	while (d != NULL && (de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		p = xasprintf("%s/%s", dir, de->d_name);
		unlink(p);
		free(p);
	}
	if (d != NULL)
		closedir(d);
	rmdir(dir);
}

void
e2e_db_close(struct e2e_db *e)
{
	if (e->db != NULL)
		db_close(e->db);
	e->db = NULL;
}

struct db *
e2e_db_open(struct e2e_db *e)
{
	e2e_db_close(e);
	assert_int_equal(db_open(&e->db, e->path, DB_OPEN_READ, NULL), DB_OK);
	assert_int_equal(db_use_forms(e->db, e->forms, NULL), DB_OK);
	db_set_user(e->db, "setup");
	return e->db;
}

void
e2e_db_free(struct e2e_db *e)
{
	char *side;

	if (e == NULL)
		return;
	e2e_db_close(e);
	form_set_free(e->forms);
	if (e->own_dir != NULL)
		e2e_rules_dir_rm(e->own_dir);
	free(e->own_dir);
	unlink(e->path);
	side = xasprintf("%s-wal", e->path);
	unlink(side);
	free(side);
	side = xasprintf("%s-shm", e->path);
	unlink(side);
	free(side);
	free(e->path);
	free(e);
}

int64_t
e2e_add_case(struct e2e_db *e, ...)
{
	const struct form_def *def = form_set_find(e->forms, "registration");
	struct form_record *rec = form_record_new(def);
	struct db_case c;
	const char *name, *value;
	int64_t id;
	va_list ap;

	if (e->db == NULL)
		e2e_db_open(e);
	assert_int_equal(db_case_create(e->db, NULL, NULL, &c, NULL), DB_OK);
	rec->case_id = c.id;
	va_start(ap, e);
	while ((name = va_arg(ap, const char *)) != NULL) {
		value = va_arg(ap, const char *);
		assert_true(form_field_index(def, name) >= 0);
		form_record_set(rec, (size_t)form_field_index(def, name), value);
	}
	va_end(ap);
	assert_int_equal(db_record_save(e->db, rec, NULL, NULL), DB_OK);
	id = c.id;
	db_case_clear(&c);
	form_record_free(rec);
	e2e_db_close(e);
	return id;
}

static void
e2e_set_pairs(struct form_record *rec, va_list ap)
{
	const char *name, *value;
	int i;

	while ((name = va_arg(ap, const char *)) != NULL) {
		value = va_arg(ap, const char *);
		i = form_field_index(rec->def, name);
		if (i < 0)
			fail_msg("form %s has no field %s", rec->def->name, name);
		form_record_set(rec, (size_t)i, value);
		if (rec->def->fields[i].type == FT_MONEY)
			form_record_set_part(rec, (size_t)i, 1, "EUR");
	}
}

struct form_record *
e2e_rec(struct e2e_db *e, int64_t case_id, const char *form, ...)
{
	const struct form_def *def = form_set_find(e->forms, form);
	struct form_record *rec;
	va_list ap;

	if (def == NULL)
		fail_msg("no form %s", form);
	rec = form_record_new(def);
	rec->case_id = case_id;
	va_start(ap, form);
	e2e_set_pairs(rec, ap);
	va_end(ap);
	return rec;
}

void
e2e_row(struct form_record *rec, const char *group, ...)
{
	int i = form_field_index(rec->def, group);
	struct form_record *row;
	va_list ap;

	if (i < 0)
		fail_msg("form %s has no repeat %s", rec->def->name, group);
	row = form_record_add_row(rec, (size_t)i);
	va_start(ap, group);
	e2e_set_pairs(row, ap);
	va_end(ap);
}

void
e2e_put(struct e2e_db *e, struct form_record *rec)
{
	struct db *db = e->db != NULL ? e->db : e2e_db_open(e);
	char *err = NULL, why[256];

	if (db_lifecycle_save(db, rec, NULL, &err) != DB_OK) {
		snprintf(why, sizeof why, "%s not saved: %s", rec->def->name,
		    err != NULL ? err : "?");
		free(err);
		form_record_free(rec);
		fail_msg("%s", why);
	}
	form_record_free(rec);
}

static struct form_record *
e2e_newest(struct e2e_db *e, const char *form, size_t *count)
{
	const struct form_def *def = form_set_find(e->forms, form);
	struct form_record *rec = NULL;
	int64_t *ids = NULL, best = 0;
	size_t n = 0, i;

	assert_non_null(def);
	e2e_db_open(e);
	assert_int_equal(db_record_list(e->db, def, 0, &ids, &n, NULL), DB_OK);
	for (i = 0; i < n; i++)
		if (ids[i] > best)
			best = ids[i];
	if (best > 0)
		assert_int_equal(db_record_load(e->db, def, best, &rec, NULL), DB_OK);
	free(ids);
	e2e_db_close(e);
	if (count != NULL)
		*count = n;
	return rec;
}

char *
e2e_value(struct e2e_db *e, const char *form, const char *field)
{
	struct form_record *rec = e2e_newest(e, form, NULL);
	char *v = NULL;
	int i;

	if (rec == NULL)
		return NULL;
	i = form_field_index(rec->def, field);
	assert_true(i >= 0);
	v = xstrdup0(rec->vals[i]);
	form_record_free(rec);
	return v;
}

size_t
e2e_count(struct e2e_db *e, const char *form)
{
	size_t n = 0;
	struct form_record *rec = e2e_newest(e, form, &n);

	form_record_free(rec);
	return n;
}

int
e2e_fixture_setup(void **state)
{
	struct e2e_fixture *t = xcalloc(1, sizeof *t);

	t->db = e2e_db_new_rules("forms");
	*state = t;
	return 0;
}

int
e2e_fixture_teardown(void **state)
{
	struct e2e_fixture *t = *state;

	if (t->vt != NULL) {
		vt_ctrl(t->vt, 'x');
		vt_wait_exit(t->vt, E2E_T);
		vt_free(t->vt);
	}
	e2e_db_free(t->db);
	free(t);
	return 0;
}

int
e2e_row_of(struct vt *vt, const char *text)
{
	int r, rows, cols;

	if (!vt_wait_text(vt, text, E2E_T)) {
		vt_dump(vt, stderr);
		fail_msg("not on screen: %s", text);
	}
	vt_pump(vt, 200);
	vt_size(vt, &rows, &cols);
	for (r = 0; r < rows; r++)
		if (strstr(vt_row(vt, r), text) != NULL)
			return r;
	vt_dump(vt, stderr);
	fail_msg("no row holds %s", text);
	return -1;
}

/* The screen as one line: each row without its blanks at either end, the
 * rows joined by one space (a message wrapped over rows reads whole). */
static char *
e2e_joined(struct vt *vt)
{
	struct strbuf sb = STRBUF_INIT;
	const char *row, *end;
	int r, rows, cols;

	vt_size(vt, &rows, &cols);
	for (r = 0; r < rows; r++) {
		for (row = vt_row(vt, r); *row == ' '; row++)
			;
		for (end = row + strlen(row); end > row && end[-1] == ' '; end--)
			;
		if (end == row)
			continue;
		if (sb.len > 0)
			strbuf_putc(&sb, ' ');
		strbuf_add(&sb, row, (size_t)(end - row));
	}
	return sb.len > 0 ? strbuf_take(&sb) : xstrdup("");
}

bool
e2e_wait_joined(struct vt *vt, const char *text, int timeout_ms)
{
	bool found = false;
	char *j;
	int waited;

	for (waited = 0; !found && waited <= timeout_ms; waited += 20) {
		j = e2e_joined(vt);
		found = strstr(j, text) != NULL;
		free(j);
		if (!found)
			vt_pump(vt, 20);
	}
	return found;
}

void
e2e_joined_text(struct vt *vt, const char *text)
{
	if (e2e_wait_joined(vt, text, E2E_T))
		return;
	vt_dump(vt, stderr);
	fail_msg("the screen, read as one line, never held: %s", text);
}

/* The screen column where text starts in row (counted in characters). */
static int
e2e_col_of(struct vt *vt, int row, const char *text)
{
	const char *line = vt_row(vt, row), *at = strstr(line, text), *p;
	int col = 0;

	for (p = line; at != NULL && p < at; p++)
		col += ((unsigned char)*p & 0xc0) != 0x80;
	return col;
}

/* The row holding text when it is drawn reversed (the cursor's line), -2
 * when it is on screen but not under the cursor, -1 when it is not there. */
static int
e2e_selected_row(struct vt *vt, const char *text)
{
	int r, rows, cols;

	vt_size(vt, &rows, &cols);
	for (r = 0; r < rows; r++)
		if (strstr(vt_row(vt, r), text) != NULL)
			return vt_cell_attr(vt, r, e2e_col_of(vt, r, text), VT_REVERSE) ? r : -2;
	return -1;
}

void
e2e_select(struct vt *vt, const char *text)
{
	enum vt_key dir = VT_DOWN;
	int i, r0, c0, r1, c1;
	char *was;

	vt_wait_text(vt, text, 2000);
	vt_pump(vt, 100);
	for (i = 0; i < 120; i++) {
		if (e2e_selected_row(vt, text) >= 0)
			return;
		was = xstrdup(vt_screen(vt));
		vt_cursor(vt, &r0, &c0);
		vt_key(vt, dir);
		vt_pump(vt, 60);
		vt_cursor(vt, &r1, &c1);
		if (strcmp(was, vt_screen(vt)) == 0 && r0 == r1 && c0 == c1)
			dir = dir == VT_DOWN ? VT_UP : VT_DOWN;	/* the end: the other way */
		free(was);
	}
	vt_dump(vt, stderr);
	fail_msg("the cursor never reached the line holding %s", text);
}

char *
e2e_slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	size_t n = 0, cap = 4096;
	char *buf;

	if (f == NULL)
		return NULL;
	buf = xmalloc(cap);
	while ((n += fread(buf + n, 1, cap - 1 - n, f)) == cap - 1)
		buf = xrealloc(buf, cap *= 2);
	buf[n] = '\0';
	fclose(f);
	if (len != NULL)
		*len = n;
	return buf;
}

long long
e2e_sql_count(struct e2e_db *e, const char *sql)
{
	sqlite3_stmt *st;
	sqlite3 *raw;
	long long n = -1;

	if (sqlite3_open(e->path, &raw) != SQLITE_OK ||
	    sqlite3_prepare_v2(raw, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(raw));
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(raw);
	return n;
}

void
e2e_sql(struct e2e_db *e, const char *sql)
{
	sqlite3 *raw;
	char *msg = NULL;

	if (sqlite3_open(e->path, &raw) != SQLITE_OK ||
	    sqlite3_exec(raw, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", sql, msg != NULL ? msg : sqlite3_errmsg(raw));
	sqlite3_close(raw);
}

struct vt *
e2e_start(struct e2e_db *e, const char *const extra_env[], int rows, int cols)
{
	return e2e_start_ex(e, extra_env, NULL, rows, cols, NULL);
}

struct vt *
e2e_start_ex(struct e2e_db *e, const char *const extra_env[], const char *const args[],
    int rows, int cols, const struct vt_options *opts)
{
	const char *argv[16] = { "avrr", "--db", e->path };
	const char *env[16] = { NULL, "AVRR_TODAY=2026-11-22", "AVRR_USER=tester" };
	char *forms = xasprintf("AVRR_FORMS=%s", e->forms_dir);
	size_t n = 3, a = 3;
	struct vt *vt;

	env[0] = forms;
	for (; extra_env != NULL && *extra_env != NULL && n < 15; extra_env++) {
		if (strncmp(*extra_env, "AVRR_USER=", 10) == 0)	/* someone else */
			env[2] = *extra_env;
		else if (strncmp(*extra_env, "AVRR_TODAY=", 11) == 0)	/* another day */
			env[1] = *extra_env;
		else
			env[n++] = *extra_env;
	}
	env[n] = NULL;
	while (args != NULL && *args != NULL && a < 15)
		argv[a++] = *args++;
	argv[a] = NULL;
	e2e_db_close(e);
	vt = vt_spawn_ex(argv, env, rows, cols, opts);
	free(forms);
	assert_non_null(vt);
	return vt;
}

bool
e2e_wait_gone(struct vt *vt, const char *text, int timeout_ms)
{
	int waited;

	for (waited = 0; waited <= timeout_ms; waited += 20) {
		if (strstr(vt_screen(vt), text) == NULL)
			return true;
		vt_pump(vt, 20);
	}
	return false;
}

void
e2e_gone(struct vt *vt, const char *text)
{
	if (!e2e_wait_gone(vt, text, E2E_T)) {
		vt_dump(vt, stderr);
		fail_msg("\"%s\" stays on screen", text);
	}
}

void
e2e_tabs(struct vt *vt, int n)
{
	while (n-- > 0)
		vt_key(vt, VT_TAB);
}

void
e2e_pick(struct vt *vt, const char *filter, const char *label)
{
	vt_type(vt, filter);
	VT_ASSERT_TEXT(vt, "Filter:", E2E_T);
	VT_ASSERT_ROW(vt, 1, filter, E2E_T);
	VT_ASSERT_ROW(vt, 3, label, E2E_T);
	vt_key(vt, VT_ENTER);
	e2e_gone(vt, "Filter:");
	VT_ASSERT_TEXT(vt, label, E2E_T);
}

void
e2e_tick(struct vt *vt, const char *filter, const char *label)
{
	char ticked[128];

	snprintf(ticked, sizeof ticked, "[x] %s", label);
	vt_type(vt, filter);
	VT_ASSERT_TEXT(vt, "Filter:", E2E_T);
	VT_ASSERT_ROW(vt, 1, filter, E2E_T);
	VT_ASSERT_ROW(vt, 3, label, E2E_T);
	vt_type(vt, " ");
	VT_ASSERT_ROW(vt, 3, ticked, E2E_T);
	vt_key(vt, VT_ENTER);
	e2e_gone(vt, "Filter:");
}

void
e2e_text(struct vt *vt, const char *text)
{
	vt_type(vt, text);
	VT_ASSERT_TEXT(vt, text, E2E_T);
	vt_key(vt, VT_TAB);
}
