/*
 * form/perm: the permissions table (forms/permissions): per role, which
 * forms it may read, create and edit, which classes of fields (form.h, key
 * "class") it may read and edit, and whether it approves (a plan over its
 * limit, a payment's overrun).
 *
 * Contract: form_set_load_dir() reads the file "permissions" beside the
 * forms (form_perms_parse) and, after the forms, verifies it
 * (form_perms_check): an unknown block, key, role, form, class or action, a
 * role or a line given twice, a key outside a role is a "file:line:
 * message" error of the set, so check-forms lists it and a set with it opens
 * no database. The look-ups answer for a role code (db/users: hotline,
 * counsellor, return_officer, reintegration_officer, supervisor, admin):
 * - a folder without the file has no table: every role may do everything
 *   (form_perm_form, form_perm_class true) and only a supervisor approves;
 * - with a table, a role may do only what its block says; a role without a
 *   block (or an unknown code) may do nothing; a field of no class is read and
 *   edited by whoever may read and edit its form.
 *
 * File syntax (forms/README.md, "The permissions table"):
 *   role ROLE                 one block per role
 *     form FORM = ACTION...   read, create, edit (none: nothing); FORM * is
 *                             every form (its actions are added to the
 *                             form's own line)
 *     class CLASS = ACTION... read, edit (edit implies nothing: write both)
 *     approve                 approves plans over the limit and overruns
 */
#ifndef FORM_PERM_H
#define FORM_PERM_H

#include <stdbool.h>
#include <stddef.h>

#include "form/form.h"

enum form_action {
	FA_READ,
	FA_CREATE,
	FA_EDIT,
	FA__COUNT
};

/* The table's file name in a forms folder. */
#define FORM_PERMS_FILE "permissions"

/* Parses the table's text into set->perms (a second call is an error). */
void		 form_perms_parse(struct form_set *, const char *name, const char *text);
/* Verifies the parsed table against the forms of set (after form_set_finish). */
void		 form_perms_check(struct form_set *);
void		 form_perms_free(struct form_perms *);

/* True when the set has a permissions table. */
bool		 form_perms_declared(const struct form_set *);
/* May role do action on records of form (by name)? */
bool		 form_perm_form(const struct form_set *, const char *role, const char *form,
		    enum form_action);
/* May role read (FA_READ) or change (FA_EDIT, FA_CREATE) fields of class? */
bool		 form_perm_class(const struct form_set *, const char *role, enum form_class,
		    enum form_action);
/* May role read / change this field (its class)? */
bool		 form_perm_field(const struct form_set *, const char *role,
		    const struct form_field *, enum form_action);
/* Does role approve plans over the limit and payment overruns? */
bool		 form_perm_approves(const struct form_set *, const char *role);

/* The role codes the table knows, in order; *n their number. */
const char *const *form_perm_roles(size_t *n);
/* "read", "create", "edit". */
const char	*form_action_name(enum form_action);

#endif
