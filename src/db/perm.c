/*
 * db/perm: the permissions table applied to the current user's role: masks
 * on what is read, refusals and kept values on what is saved.
 */
#include "db/perm.h"

#include <stdlib.h>

#include "db/users.h"
#include "form/type.h"
#include "form/value.h"
#include "util/str.h"
#include "util/tr.h"

#include "db/internal.h"

const char *
db_perm_role(struct db *db)
{
	return db_users_role(db, db_user(db));
}

/* The form a definition belongs to (a repeat group's enclosing form). */
static const struct form_def *
db_perm_top(const struct form_def *def)
{
	while (def->parent != NULL)
		def = def->parent;
	return def;
}

bool
db_perm_form(struct db *db, const struct form_def *def, enum form_action a)
{
	const struct form_set *set = db_forms(db);

	if (!form_perms_declared(set))
		return true;
	return form_perm_form(set, db_perm_role(db), db_perm_top(def)->name, a);
}

bool
db_perm_field(struct db *db, const struct form_field *f, enum form_action a)
{
	const struct form_set *set = db_forms(db);

	if (!form_perms_declared(set) || f->klass == FC_NONE)
		return true;
	return form_perm_field(set, db_perm_role(db), f, a);
}

bool
db_perm_class(struct db *db, enum form_class c, enum form_action a)
{
	const struct form_set *set = db_forms(db);

	return !form_perms_declared(set) || form_perm_class(set, db_perm_role(db), c, a);
}

bool
db_perm_approves(struct db *db)
{
	return form_perm_approves(db_forms(db), db_perm_role(db));
}

enum db_status
db_perm_oversee(struct db *db, const char *what, char **err)
{
	const char *role = db_perm_role(db), *name;

	if (str_eq(role, "supervisor") || str_eq(role, "admin"))
		return DB_OK;
	name = db_users_role_name(role);
	db_seterr(err, _("%s is for supervisors and administrators; your role (%s) may not"),
	    _(what), name != NULL ? _(name) : role);
	return DB_REFUSED;
}

static bool
db_perm_limits_as(const struct form_set *set, const char *role, const struct form_def *def,
    enum form_action a)
{
	size_t i;

	for (i = 0; i < def->nfields; i++) {
		if (form_type_has_value(def->fields[i].type) &&
		    !form_perm_field(set, role, &def->fields[i], a))
			return true;
		if (def->fields[i].group != NULL &&
		    db_perm_limits_as(set, role, def->fields[i].group, a))
			return true;
	}
	return false;
}

bool
db_perm_limits(struct db *db, const struct form_def *def, enum form_action a)
{
	const struct form_set *set = db_forms(db);

	return form_perms_declared(set) && db_perm_limits_as(set, db_perm_role(db), def, a);
}

/* Clears every column of field i. */
static void
db_perm_clear(struct form_record *rec, size_t i)
{
	int c, n = form_type_ncols(rec->def->fields[i].type);

	form_record_set(rec, i, NULL);
	for (c = 1; c < n; c++)
		form_record_set_part(rec, i, c, NULL);
}

static void
db_perm_mask_as(const struct form_set *set, const char *role, struct form_record *rec)
{
	const struct form_field *f;
	size_t i, r;

	for (i = 0; i < rec->def->nfields; i++) {
		f = &rec->def->fields[i];
		if (f->type == FT_REPEAT) {
			for (r = 0; r < rec->kids[i].n; r++)
				db_perm_mask_as(set, role, rec->kids[i].rows[r]);
		} else if (!form_perm_field(set, role, f, FA_READ))
			db_perm_clear(rec, i);
	}
}

void
db_perm_mask(struct db *db, struct form_record *rec)
{
	const struct form_set *set = db_forms(db);

	if (rec != NULL && form_perms_declared(set))
		db_perm_mask_as(set, db_perm_role(db), rec);
}

enum db_status
db_perm_refuse(struct db *db, const struct form_def *def, enum form_action a, char **err)
{
	static const char *const msgs[FA__COUNT] = {
		[FA_READ] = N_("%s: your role (%s) may not read records of this form"),
		[FA_CREATE] = N_("%s: your role (%s) may not add records of this form"),
		[FA_EDIT] = N_("%s: your role (%s) may not change records of this form"),
	};
	const struct form_def *top = db_perm_top(def);
	const char *role = db_perm_role(db), *name;

	if (db_perm_form(db, def, a))
		return DB_OK;
	name = db_users_role_name(role);
	db_seterr(err, _(msgs[a]), _(top->title != NULL ? top->title : top->name),
	    name != NULL ? _(name) : role);
	return DB_REFUSED;
}

enum db_status
db_perm_refuse_field(struct db *db, const struct form_def *def, char **err)
{
	const struct form_def *top = db_perm_top(def);
	const char *role = db_perm_role(db), *name = db_users_role_name(role);

	db_seterr(err, _("%s: your role (%s) may not read all it shows"),
	    _(top->title != NULL ? top->title : top->name), name != NULL ? _(name) : role);
	return DB_REFUSED;
}

/* The stored row of the same id, or NULL. */
static const struct form_record *
db_perm_row(const struct form_record *stored, size_t field, int64_t id)
{
	size_t r;

	for (r = 0; stored != NULL && id != 0 && r < stored->kids[field].n; r++)
		if (stored->kids[field].rows[r]->id == id)
			return stored->kids[field].rows[r];
	return NULL;
}

static void
db_perm_keep_as(const struct form_set *set, const char *role, struct form_record *rec,
    const struct form_record *stored)
{
	const struct form_field *f;
	size_t i, r;
	int c, n;

	for (i = 0; i < rec->def->nfields; i++) {
		f = &rec->def->fields[i];
		if (f->type == FT_REPEAT) {
			for (r = 0; r < rec->kids[i].n; r++)
				db_perm_keep_as(set, role, rec->kids[i].rows[r],
				    db_perm_row(stored, i, rec->kids[i].rows[r]->id));
			continue;
		}
		if (!form_type_has_value(f->type) || form_perm_field(set, role, f, FA_EDIT))
			continue;
		n = form_type_ncols(f->type);
		for (c = 0; c < n; c++)
			form_record_set_part(rec, i, c, stored != NULL ?
			    form_record_part(stored, i, c) : NULL);
	}
}

void
db_perm_keep(struct db *db, struct form_record *rec, const struct form_record *stored)
{
	const struct form_set *set = db_forms(db);

	if (form_perms_declared(set))
		db_perm_keep_as(set, db_perm_role(db), rec, stored);
}
