/* bench/office_save: a registration with its family saved as F2 saves it
 * (ui/formsave, ui/newcase), in-process and through the pty (see office.h). */
#include "bench/office.h"

#include <stdlib.h>
#include <string.h>

#include "db/draft.h"
#include "db/dupes.h"
#include "db/expr.h"
#include "db/lifecycle.h"
#include "db/record.h"
#include "form/check.h"
#include "i18n/conv.h"
#include "util/date.h"
#include "util/mem.h"

#define BENCH_FAMILY	3

static int
bench_field(const struct form_def *def, const char *name)
{
	return form_field_index(def, name);
}

struct form_record *
bench_save_template(struct cmd_ctx *ctx)
{
	const struct form_def *reg = form_set_find(ctx->forms, "registration");
	struct form_record *rec = NULL;
	int64_t *ids = NULL;
	size_t n = 0, i;
	int fam = reg != NULL ? bench_field(reg, "family") : -1;

	if (fam < 0 || db_record_list(ctx->db, reg, 0, &ids, &n, NULL) != DB_OK)
		return NULL;
	for (i = 0; i < n; i++) {
		if (db_record_load(ctx->db, reg, ids[i], &rec, NULL) == DB_OK &&
		    rec->kids[fam].n == BENCH_FAMILY)
			break;
		form_record_free(rec);
		rec = NULL;
	}
	free(ids);
	return rec;
}

/* Syllables of a consonant and a vowel that no spelling variant of
 * i18n/phon merges (i/j/y, w/v, kh/h, ou/u, ...): n's surname is n's alone. */
const char *
bench_save_surname(long n)
{
	static const char cons[] = "BDFGLMNPRV", vows[] = "AEOU";
	static char name[16];
	int k;

	memcpy(name, "BENCH", 5);
	for (k = 0; k < 4; k++, n /= 40) {
		name[5 + 2 * k] = cons[n % 40 / 4];
		name[6 + 2 * k] = vows[n % 4];
	}
	name[13] = '\0';
	return name;
}

/*
 * A date of birth of its own for person k of save n, before any the demo
 * makes: a name and a date of birth alike are what db/dupes reads as the
 * same person (a date of birth and a nationality alone score 45).
 */
static void
bench_dob(char buf[DATE_LEN], long n, size_t k)
{
	struct date d = { 1800, 1, 1 };

	d = date_from_days(date_to_days(&d) + (long)(((unsigned long)n * 4 + k) % 45000));
	date_format(&d, buf);
}

/* A record (or row) made new: no id, no case, no version; a person of its own. */
static void
bench_renew(struct form_record *rec, const char *surname, long n, size_t k)
{
	int s = bench_field(rec->def, "surname"), nat = bench_field(rec->def, "native_name");
	int dob = bench_field(rec->def, "dob");
	char day[DATE_LEN];

	rec->id = 0;
	rec->case_id = 0;
	rec->version = 0;
	bench_dob(day, n, k);
	if (s >= 0)
		form_record_set(rec, (size_t)s, surname);
	if (nat >= 0)
		form_record_set(rec, (size_t)nat, NULL);
	if (dob >= 0)
		form_record_set(rec, (size_t)dob, day);
}

struct form_record *
bench_save_record(const struct form_record *tmpl, long n)
{
	struct form_record *rec = form_record_dup(tmpl);
	const char *surname = bench_save_surname(n);
	int fam = bench_field(rec->def, "family");
	size_t k;

	bench_renew(rec, surname, n, 0);
	for (k = 0; fam >= 0 && k < rec->kids[fam].n; k++)
		bench_renew(rec->kids[fam].rows[k], surname, n, k + 1);
	return rec;
}

/* The record's check as F2 runs it; false (said) on a problem. */
static bool
bench_check(struct cmd_ctx *ctx, const struct form_record *rec)
{
	struct form_logic logic = db_expr_logic(ctx->expr);
	struct form_problems ps = { 0 };
	bool ok = form_check_record(ctx->forms, &logic, rec, &ps) == 0;

	if (!ok)
		fprintf(stderr, "bench: the registration does not pass its check (field %s)\n",
		    rec->def->fields[ps.items[0].field].name);
	form_check_clear(&ps);
	return ok;
}

static void
bench_dups(struct cmd_ctx *ctx, const struct form_record *rec)
{
	struct db_dup *d = NULL;
	size_t n = 0;

	db_dup_find(ctx->db, rec, i18n_fold_name, &d, &n, NULL);
	db_dup_free(d, n);
}

int64_t
bench_save_draft(struct cmd_ctx *ctx, const struct form_record *rec)
{
	int64_t id = 0;
	char *err = NULL;

	if (db_draft_save(ctx->db, &id, rec, 0, &err) != DB_OK) {
		fprintf(stderr, "bench: draft: %s\n", err != NULL ? err : "not saved");
		free(err);
		return 0;
	}
	return id;
}

double
bench_save_f2(struct cmd_ctx *ctx, struct form_record *rec, int64_t draft_id,
    double *dups_ms)
{
	struct db_save_also also = { draft_id, true, NULL, NULL, NULL };
	char *err = NULL;
	double t0 = bench_ms(), t1;
	bool ok;

	if (!bench_check(ctx, rec))
		return -1;
	t1 = bench_ms();
	bench_dups(ctx, rec);
	if (dups_ms != NULL)
		*dups_ms = bench_ms() - t1;
	db_expr_apply(ctx->expr, rec, false, NULL);
	ok = db_lifecycle_save_also(ctx->db, rec, &also, NULL, &err) == DB_OK;
	t0 = bench_ms() - t0;
	if (!ok)
		fprintf(stderr, "bench: save: %s\n", err != NULL ? err : "refused");
	free(err);
	return ok ? t0 : -1;
}

/* The draft on the start screen, opened: the form shows its surname. */
static bool
bench_open_draft(struct vt *vt, const char *surname)
{
	if (!vt_wait_text(vt, surname, 5000) || !bench_pty_select(vt, surname))
		return false;
	vt_key(vt, VT_ENTER);
	if (!vt_wait_text(vt, "Surname", 10000))
		return false;
	bench_pty_settle(vt, 60, 3000);
	return true;
}

double
bench_save_tui(struct cmd_ctx *ctx, const struct form_record *tmpl, const char *path,
    const char *user, long n)
{
	struct form_record *rec = bench_save_record(tmpl, n);
	struct bench_prog p;
	struct bench_start s;
	double t = -1;

	if (bench_save_draft(ctx, rec) != 0) {
		bench_pty_avrr(&p, path, user);
		if (bench_pty_start(&p, &s)) {
			if (bench_open_draft(s.vt, bench_save_surname(n))) {
				double t0 = bench_ms();

				vt_key(s.vt, VT_F2);
				t = bench_pty_until(s.vt, "Saved.", t0, 10000);
			}
			if (t < 0) {
				fprintf(stderr, "bench: the save through the pty did not finish\n");
				vt_dump(s.vt, stderr);
			}
			bench_pty_quit(s.vt, 'x');
		}
	}
	form_record_free(rec);
	return t;
}
