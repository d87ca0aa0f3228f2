/*
 * db/dupes: likely earlier registrations of a person. Candidates come from
 * the case search index (names, folded by the caller's function so "Новак"
 * looks for "novak") and from registrations with the same date of birth (an
 * index on that column); only those few hundred are read and scored here.
 *
 * Names are compared as keys: folded, then spelling variants merged (kh/h,
 * ph/f, sh/s, x/ks, w/v, j/y/i, doubled letters), so "Jan", "Ján" and "Ян"
 * give one key.
 */
#include "db/dupes.h"

#include <stdlib.h>
#include <string.h>

#include "db/internal.h"
#include "db/lifecycle_int.h"
#include "db/record.h"
#include "db/search.h"
#include "util/mem.h"
#include "util/str.h"
#include "util/tr.h"

#define DB_DUP_MAX	10
#define DB_DUP_MIN	40	/* lowest score reported */
#define DB_DUP_LIMIT	200	/* candidates per look-up */

/* The comparison keys of one person. */
struct db_dup_keys {
	char	*sur;
	char	*giv;
	char	*full;		/* the words of surname + given names, sorted */
	char	*native;	/* the words of the native name, sorted */
	const char *dob;
	const char *nat;
};

struct db_dup_run {
	struct db		*db;
	const struct form_def	*def;	/* registration */
	db_fold_fn		 fold;
	struct db_dup_keys	 me;
	int64_t			 self;	/* the case being registered */
	int64_t			*ids;
	size_t			 nids, capids;
	struct db_dup		*out;
	size_t			 n, cap;
};

/* Without a fold function: ASCII letters and digits lower-cased, words by one space. */
static char *
db_dup_fold_ascii(const char *s)
{
	struct strbuf sb = STRBUF_INIT;

	for (; *s != '\0'; s++) {
		if ((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		    (unsigned char)*s >= 0x80)
			strbuf_putc(&sb, *s);
		else if (*s >= 'A' && *s <= 'Z')
			strbuf_putc(&sb, (char)(*s - 'A' + 'a'));
		else if (sb.len > 0 && sb.s[sb.len - 1] != ' ')
			strbuf_putc(&sb, ' ');
	}
	while (sb.len > 0 && sb.s[sb.len - 1] == ' ')
		sb.s[--sb.len] = '\0';
	return strbuf_take(&sb);
}

static char *
db_dup_fold(const struct db_dup_run *r, const char *s)
{
	if (str_empty(s))
		return xstrdup("");
	return r->fold != NULL ? r->fold(s) : db_dup_fold_ascii(s);
}

/* Spelling variants of folded text merged into one key. */
static char *
db_dup_variant(const char *s)
{
	static const char *const from[] = { "kh", "ph", "sh", "ch", "zh", "ts", "tz", "ck",
	    "x", "w", "y", "j", "q", NULL };
	static const char *const to[] = { "h", "f", "s", "c", "z", "c", "c", "k",
	    "ks", "v", "i", "i", "k" };
	struct strbuf sb = STRBUF_INIT;
	size_t i, len;

	while (*s != '\0') {
		for (i = 0; from[i] != NULL; i++) {
			len = strlen(from[i]);
			if (strncmp(s, from[i], len) == 0)
				break;
		}
		if (from[i] != NULL) {
			strbuf_puts(&sb, to[i]);
			s += len;
		} else
			strbuf_putc(&sb, *s++);
	}
	for (i = 0, len = 0; sb.s != NULL && sb.s[i] != '\0'; i++)	/* doubled letters */
		if (len == 0 || sb.s[i] != sb.s[len - 1] || sb.s[i] == ' ')
			sb.s[len++] = sb.s[i];
	if (sb.s != NULL)
		sb.s[len] = '\0';
	return strbuf_take(&sb);
}

static int
db_dup_strcmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The words of key sorted and joined by one space. */
static char *
db_dup_sorted(const char *key)
{
	char *copy = xstrdup(key), *w, *save = NULL, **words = NULL;
	struct strbuf sb = STRBUF_INIT;
	size_t n = 0, cap = 0, i;

	for (w = strtok_r(copy, " ", &save); w != NULL; w = strtok_r(NULL, " ", &save)) {
		words = xgrow(words, &cap, n + 1, sizeof *words);
		words[n++] = w;
	}
	if (n > 0)
		qsort(words, n, sizeof *words, db_dup_strcmp);
	for (i = 0; i < n; i++)
		strbuf_printf(&sb, "%s%s", i > 0 ? " " : "", words[i]);
	free(words);
	free(copy);
	return strbuf_take(&sb);
}

static char *
db_dup_key(const struct db_dup_run *r, const char *s)
{
	char *f = db_dup_fold(r, s), *k = db_dup_variant(f);

	free(f);
	return k;
}

static void
db_dup_keys_make(const struct db_dup_run *r, const struct form_record *p, bool family,
    struct db_dup_keys *k)
{
	const struct db_lifecycle_person *f = db_lifecycle_person_roles(family);
	char *both, *native;

	k->sur = db_dup_key(r, db_lifecycle_vget(r->db, p, f->surname));
	k->giv = db_dup_key(r, db_lifecycle_vget(r->db, p, f->given));
	both = xasprintf("%s %s", k->sur, k->giv);
	k->full = db_dup_sorted(both);
	native = db_dup_key(r, db_lifecycle_vget(r->db, p, f->native));
	k->native = db_dup_sorted(native);
	free(both);
	free(native);
	k->dob = db_lifecycle_vget(r->db, p, f->dob);
	k->nat = db_lifecycle_vget(r->db, p, f->nationality);
}

static void
db_dup_keys_free(struct db_dup_keys *k)
{
	free(k->sur);
	free(k->giv);
	free(k->full);
	free(k->native);
	memset(k, 0, sizeof *k);
}

/* 2: the same key; 1: a word in common (e.g. one of two given names); 0: none. */
static int
db_dup_name_eq(const char *a, const char *b)
{
	char *copy, *w, *save = NULL;
	size_t len;
	int found = 0;

	if (str_empty(a) || str_empty(b))
		return 0;
	if (strcmp(a, b) == 0)
		return 2;
	copy = xstrdup(a);
	for (w = strtok_r(copy, " ", &save); w != NULL && !found;
	    w = strtok_r(NULL, " ", &save)) {
		len = strlen(w);
		for (const char *p = strstr(b, w); p != NULL && len >= 2 && !found;
		    p = strstr(p + 1, w))
			found = (p == b || p[-1] == ' ') && (p[len] == '\0' || p[len] == ' ');
	}
	free(copy);
	return found;
}

static int
db_dup_weight(int eq, int full, int part)
{
	return eq == 2 ? full : eq == 1 ? part : 0;
}

/* The names' part of the score (0..55): in order, swapped, or as a whole. */
static int
db_dup_names(const struct db_dup_keys *a, const struct db_dup_keys *b)
{
	int s1, s2, sur, giv, best;

	sur = db_dup_name_eq(a->sur, b->sur);
	giv = db_dup_name_eq(a->giv, b->giv);
	s1 = db_dup_weight(sur, 30, 20) + (sur > 0 ? db_dup_weight(giv, 25, 15) : 0);
	sur = db_dup_name_eq(a->sur, b->giv);
	giv = db_dup_name_eq(a->giv, b->sur);
	s2 = sur > 0 && giv > 0 ? db_dup_weight(sur, 30, 20) + db_dup_weight(giv, 25, 15) - 5
	    : 0;
	best = s1 > s2 ? s1 : s2;
	if ((!str_empty(a->full) && (str_eq(a->full, b->full) ||
	    str_eq(a->full, b->native))) || (!str_empty(a->native) &&
	    (str_eq(a->native, b->full) || str_eq(a->native, b->native))))
		best = 55;
	return best;
}

static int
db_dup_score(const struct db_dup_keys *a, const struct db_dup_keys *b)
{
	int s = db_dup_names(a, b);

	if (!str_empty(a->dob) && str_eq(a->dob, b->dob))
		s += 35;
	if (!str_empty(a->nat) && str_eq(a->nat, b->nat))
		s += 10;
	return s;
}

static void
db_dup_add_id(struct db_dup_run *r, int64_t id)
{
	if (id == 0 || id == r->self)
		return;
	r->ids = xgrow(r->ids, &r->capids, r->nids + 1, sizeof *r->ids);
	r->ids[r->nids++] = id;
}

/* Candidates from the search index for text (already folded by the caller). */
static enum db_status
db_dup_by_name(struct db_dup_run *r, const char *text, char **err)
{
	int64_t *ids;
	enum db_status st;
	size_t n, i;

	if (str_empty(text))
		return DB_OK;
	if ((st = db_search_ids(r->db, text, DB_DUP_LIMIT, &ids, &n, err)) != DB_OK)
		return st;
	for (i = 0; i < n; i++)
		db_dup_add_id(r, ids[i]);
	free(ids);
	return DB_OK;
}

static enum db_status
db_dup_index_tx(struct db *db, void *arg, char **err)
{
	return db_exec(db, arg, err);
}

/* An index on the date-of-birth column col of table, made once (a look-up,
 * not a scan); it is called <table>__<col>. */
static enum db_status
db_dup_index(struct db *db, const char *table, const char *col, char **err)
{
	char *name = xasprintf("%s__%s", table, col), *sql;
	sqlite3_stmt *s = db_prep(db, "SELECT count(*) FROM sqlite_master WHERE type ="
	    " 'index' AND name = ?1", err);
	enum db_status st = DB_OK;
	bool have = false;

	if (s == NULL) {
		free(name);
		return DB_ERROR;
	}
	db_bind_text(s, 1, name);
	if (db_step(db, s) == SQLITE_ROW)
		have = sqlite3_column_int(s, 0) > 0;
	db_finish(db, s);
	if (!have) {
		sql = xasprintf("CREATE INDEX IF NOT EXISTS \"%s\" ON \"%s\" (\"%s\")", name,
		    table, col);
		st = db_tx(db, db_dup_index_tx, sql, err);
		free(sql);
	}
	free(name);
	return st;
}

/* Candidates by date of birth: principals, and family members (their case). */
static enum db_status
db_dup_by_dob(struct db_dup_run *r, const char *dob, char **err)
{
	const char *famf = db_lifecycle_role(r->db, WFR_REG_FAMILY);
	const char *dobf = db_lifecycle_role(r->db, WFR_REG_DOB);
	const char *fdobf = db_lifecycle_role(r->db, WFR_FAM_DOB);
	int fam = famf != NULL ? form_field_index(r->def, famf) : -1;
	const struct form_def *g = fam >= 0 ? r->def->fields[fam].group : NULL;
	enum db_status st = DB_OK;
	sqlite3_stmt *s;
	char *sql;
	int pass, rc;

	if (g != NULL && (fdobf == NULL || form_field_index(g, fdobf) < 0))
		g = NULL;
	for (pass = 0; pass < (g != NULL ? 2 : 1) && st == DB_OK; pass++) {
		if ((st = db_dup_index(r->db, pass == 0 ? r->def->table : g->table,
		    pass == 0 ? dobf : fdobf, err)) != DB_OK)
			break;
		sql = pass == 0 ? xasprintf("SELECT case_id FROM \"%s\" WHERE \"%s\" = ?1 LIMIT %d",
		    r->def->table, dobf, DB_DUP_LIMIT) : xasprintf("SELECT p.case_id FROM \"%s\" f"
		    " JOIN \"%s\" p ON p.id = f.parent_id WHERE f.\"%s\" = ?1 LIMIT %d", g->table,
		    r->def->table, fdobf, DB_DUP_LIMIT);
		s = db_prep(r->db, sql, err);
		free(sql);
		if (s == NULL)
			return DB_ERROR;
		db_bind_text(s, 1, dob);
		while ((rc = db_step(r->db, s)) == SQLITE_ROW)
			db_dup_add_id(r, sqlite3_column_int64(s, 0));
		if (rc != SQLITE_DONE)
			st = db_sqlerr(r->db, err);
		db_finish(r->db, s);
	}
	return st;
}

static enum db_status
db_dup_candidates(struct db_dup_run *r, const struct form_record *reg, char **err)
{
	const char *sur = db_lifecycle_vget(r->db, reg, WFR_REG_SURNAME);
	const char *giv = db_lifecycle_vget(r->db, reg, WFR_REG_GIVEN);
	const char *native = db_lifecycle_vget(r->db, reg, WFR_REG_NATIVE);
	const char *dob = db_lifecycle_vget(r->db, reg, WFR_REG_DOB);
	const char *dobf = db_lifecycle_role(r->db, WFR_REG_DOB);
	char *fs = db_dup_fold(r, sur), *fg = db_dup_fold(r, giv), *fn = db_dup_fold(r, native);
	char *both = xasprintf("%s %s", fs, fg);
	enum db_status st;

	st = db_dup_by_name(r, both, err);
	if (st == DB_OK)
		st = db_dup_by_name(r, fs, err);
	if (st == DB_OK)	/* spelling variants of the surname: by given names */
		st = db_dup_by_name(r, fg, err);
	if (st == DB_OK)
		st = db_dup_by_name(r, fn, err);
	if (st == DB_OK && !str_empty(sur) && strcmp(sur, fs) != 0)	/* other scripts */
		st = db_dup_by_name(r, sur, err);
	if (st == DB_OK && !str_empty(native) && strcmp(native, fn) != 0)
		st = db_dup_by_name(r, native, err);
	if (st == DB_OK && dobf != NULL && form_field_index(r->def, dobf) >= 0 && !str_empty(dob))
		st = db_dup_by_dob(r, dob, err);
	free(fs);
	free(fg);
	free(fn);
	free(both);
	return st;
}

static int
db_dup_idcmp(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

static void
db_dup_person(struct db *db, struct db_case_person *p, const struct form_record *r,
    bool family)
{
	const struct db_lifecycle_person *k = db_lifecycle_person_roles(family);

	memset(p, 0, sizeof *p);
	p->surname = xstrdup0(db_lifecycle_vget(db, r, k->surname));
	p->given_names = xstrdup0(db_lifecycle_vget(db, r, k->given));
	p->native_name = xstrdup0(db_lifecycle_vget(db, r, k->native));
	p->dob = xstrdup0(db_lifecycle_vget(db, r, k->dob));
	p->nationality = xstrdup0(db_lifecycle_vget(db, r, k->nationality));
	if (family) {
		p->relationship = db_lifecycle_vlabel(db, r, k->relationship);
		p->relationship_other = xstrdup0(db_lifecycle_vget(db, r, k->other));
	}
}

/* Scores the principal and family of one registration; adds the best person. */
static void
db_dup_consider(struct db_dup_run *r, const struct form_record *reg)
{
	const struct form_rows *fam = db_lifecycle_vrows(r->db, reg, WFR_REG_FAMILY);
	const struct form_record *best = reg;
	struct db_dup_keys k;
	struct db_dup *d;
	int score, top;
	size_t i;

	db_dup_keys_make(r, reg, false, &k);
	top = db_dup_score(&r->me, &k);
	db_dup_keys_free(&k);
	for (i = 0; fam != NULL && i < fam->n; i++) {
		db_dup_keys_make(r, fam->rows[i], true, &k);
		score = db_dup_score(&r->me, &k);
		db_dup_keys_free(&k);
		if (score > top) {
			top = score;
			best = fam->rows[i];
		}
	}
	if (top < DB_DUP_MIN)
		return;
	r->out = xgrow(r->out, &r->cap, r->n + 1, sizeof *r->out);
	d = &r->out[r->n++];
	memset(d, 0, sizeof *d);
	d->case_id = reg->case_id;
	d->score = top;
	d->family = best != reg;
	db_dup_person(r->db, &d->person, best, d->family);
}

/* Reads and scores every distinct candidate case. */
static enum db_status
db_dup_score_all(struct db_dup_run *r, char **err)
{
	struct form_record **regs;
	enum db_status st = DB_OK;
	size_t i, n;

	if (r->nids > 0)
		qsort(r->ids, r->nids, sizeof *r->ids, db_dup_idcmp);
	for (i = 0; i < r->nids && st == DB_OK; i++) {
		if (i > 0 && r->ids[i] == r->ids[i - 1])
			continue;
		st = db_record_load_case(r->db, r->def, r->ids[i], 1, &regs, &n, err);
		if (st == DB_OK && n > 0) {
			db_dup_consider(r, regs[0]);
			form_record_free(regs[0]);
		}
		free(regs);
	}
	return st;
}

static void db_dup_clear(struct db_dup *);

static int
db_dup_cmp(const void *a, const void *b)
{
	const struct db_dup *x = a, *y = b;

	if (x->score != y->score)
		return y->score - x->score;
	return x->case_id < y->case_id ? 1 : x->case_id > y->case_id ? -1 : 0;
}

/* Best first, at most DB_DUP_MAX, with their case numbers. */
static enum db_status
db_dup_finish(struct db_dup_run *r, char **err)
{
	struct db_case c;
	enum db_status st = DB_OK;
	size_t i;

	if (r->n > 0)
		qsort(r->out, r->n, sizeof *r->out, db_dup_cmp);
	while (r->n > DB_DUP_MAX)
		db_dup_clear(&r->out[--r->n]);
	for (i = 0; i < r->n && st == DB_OK; i++) {
		st = db_case_load(r->db, r->out[i].case_id, &c, err);
		if (st == DB_OK)
			r->out[i].case_no = xstrdup0(c.case_no);
		db_case_clear(&c);
	}
	return st;
}

enum db_status
db_dup_find(struct db *db, const struct form_record *registration,
    db_fold_fn fold, struct db_dup **out, size_t *n, char **err)
{
	struct db_dup_run r = { .db = db, .def = registration->def, .fold = fold,
	    .self = registration->case_id };
	enum db_status st;

	*out = NULL;
	*n = 0;
	if (!str_is_ident(r.def->table)) {
		db_seterr(err, _("'%s' cannot be a table name"), r.def->table);
		return DB_ERROR;
	}
	db_dup_keys_make(&r, registration, false, &r.me);
	st = db_dup_candidates(&r, registration, err);
	/* the candidates read in one read transaction: one lock, one cache */
	if (st == DB_OK && (st = db_exec(db, "SAVEPOINT db_dup", err)) == DB_OK) {
		st = db_dup_score_all(&r, err);
		if (st == DB_OK)
			st = db_dup_finish(&r, err);
		db_exec(db, "RELEASE db_dup", NULL);
	}
	db_dup_keys_free(&r.me);
	free(r.ids);
	if (st != DB_OK) {
		db_dup_free(r.out, r.n);
		return st;
	}
	*out = r.out;
	*n = r.n;
	return DB_OK;
}

static void
db_dup_clear(struct db_dup *d)
{
	free(d->case_no);
	free(d->person.surname);
	free(d->person.given_names);
	free(d->person.native_name);
	free(d->person.dob);
	free(d->person.nationality);
	free(d->person.relationship_other);
	memset(d, 0, sizeof *d);
}

void
db_dup_free(struct db_dup *d, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		db_dup_clear(&d[i]);
	free(d);
}
