/*
 * form/perm: the permissions table's parser, its verification against the
 * forms, and the look-ups by role, form, class and action.
 */
#include "form/perm.h"

#include <stdlib.h>
#include <string.h>

#include "util/mem.h"
#include "util/str.h"
#include "util/tr.h"

/* The role codes of db/users, in the order the table is walked. */
static const char *const form_perm_role_codes[] = {
	"hotline", "counsellor", "return_officer", "reintegration_officer", "supervisor",
	"admin"
};
#define FORM_PERM_NROLES (sizeof form_perm_role_codes / sizeof form_perm_role_codes[0])

static const char *const form_perm_action_names[FA__COUNT] = {
	[FA_READ] = "read", [FA_CREATE] = "create", [FA_EDIT] = "edit"
};

struct form_perm_line {
	char		*form;		/* "*" for every form */
	unsigned	 acts;		/* 1u << enum form_action */
	int		 line;
};

struct form_perm_role {
	bool			 declared;
	struct form_perm_line	*forms;
	size_t			 nforms;
	size_t			 cap;
	unsigned		 classes[FC__COUNT];
	int			 class_line[FC__COUNT];
	bool			 approve;
};

struct form_perms {
	struct form_perm_role	 roles[FORM_PERM_NROLES];
	char			*file;
};

struct form_perm_parse {
	struct form_set		*set;
	struct form_perms	*p;
	const char		*file;
	int			 line;
	int			 role;		/* the open block, -1 none, -2 a refused one */
};

const char *const *
form_perm_roles(size_t *n)
{
	*n = FORM_PERM_NROLES;
	return form_perm_role_codes;
}

const char *
form_action_name(enum form_action a)
{
	return (unsigned)a < FA__COUNT ? form_perm_action_names[a] : "?";
}

static int
form_perm_role_index(const char *role)
{
	size_t i;

	for (i = 0; role != NULL && i < FORM_PERM_NROLES; i++)
		if (strcmp(form_perm_role_codes[i], role) == 0)
			return (int)i;
	return -1;
}

void
form_perms_free(struct form_perms *p)
{
	size_t r, i;

	if (p == NULL)
		return;
	for (r = 0; r < FORM_PERM_NROLES; r++) {
		for (i = 0; i < p->roles[r].nforms; i++)
			free(p->roles[r].forms[i].form);
		free(p->roles[r].forms);
	}
	free(p->file);
	free(p);
}

static void
form_perm_err(struct form_perm_parse *x, const char *fmt, const char *arg)
{
	form_set_error(x->set, x->file, x->line, fmt, arg);
}

/* The actions after "=": *acts their bits; false (reported) on a bad one. */
static bool
form_perm_actions(struct form_perm_parse *x, char *s, unsigned allowed, unsigned *acts)
{
	char *w, *save = NULL;
	size_t a;

	*acts = 0;
	for (w = strtok_r(s, " \t", &save); w != NULL; w = strtok_r(NULL, " \t", &save)) {
		if (strcmp(w, "none") == 0)
			continue;
		for (a = 0; a < FA__COUNT; a++)
			if ((allowed & (1u << a)) && strcmp(w, form_perm_action_names[a]) == 0)
				break;
		if (a == FA__COUNT) {
			form_perm_err(x, allowed & (1u << FA_CREATE) ? _("unknown action '%s' "
			    "(read, create, edit or none)") : _("unknown action '%s' (read, edit "
			    "or none)"), w);
			return false;
		}
		*acts |= 1u << a;
	}
	return true;
}

/* "NAME = ACTIONS": splits at "="; false (reported) when there is none. */
static bool
form_perm_split(struct form_perm_parse *x, const char *key, char *rest, char **name,
    char **acts)
{
	char *eq = strchr(rest, '=');

	if (eq == NULL) {
		form_perm_err(x, _("'%s' needs NAME = ACTIONS"), key);
		return false;
	}
	*eq = '\0';
	*name = str_trim(rest);
	*acts = eq + 1;
	if (**name == '\0' || strpbrk(*name, " \t") != NULL) {
		form_perm_err(x, _("'%s' needs NAME = ACTIONS"), key);
		return false;
	}
	return true;
}

static void
form_perm_key_form(struct form_perm_parse *x, struct form_perm_role *r, char *rest)
{
	struct form_perm_line *l;
	char *name, *acts_s;
	unsigned acts;
	size_t i;

	if (!form_perm_split(x, "form", rest, &name, &acts_s) ||
	    !form_perm_actions(x, acts_s, (1u << FA__COUNT) - 1, &acts))
		return;
	for (i = 0; i < r->nforms; i++)
		if (strcmp(r->forms[i].form, name) == 0) {
			form_perm_err(x, _("form '%s' is given twice for the role"), name);
			return;
		}
	r->forms = xgrow(r->forms, &r->cap, r->nforms + 1, sizeof *r->forms);
	l = &r->forms[r->nforms++];
	l->form = xstrdup(name);
	l->acts = acts;
	l->line = x->line;
}

static void
form_perm_key_class(struct form_perm_parse *x, struct form_perm_role *r, char *rest)
{
	enum form_class c;
	char *name, *acts_s;
	unsigned acts;

	if (!form_perm_split(x, "class", rest, &name, &acts_s))
		return;
	if (!form_class_from_name(name, &c)) {
		form_perm_err(x, _("unknown class '%s' (identity, health, legal, documents or "
		    "payments)"), name);
		return;
	}
	if (!form_perm_actions(x, acts_s, (1u << FA_READ) | (1u << FA_EDIT), &acts))
		return;
	if (r->class_line[c] != 0) {
		form_perm_err(x, _("class '%s' is given twice for the role"), name);
		return;
	}
	r->classes[c] = acts;
	r->class_line[c] = x->line;
}

static void
form_perm_key(struct form_perm_parse *x, char *s)
{
	struct form_perm_role *r;
	char *rest = s + strcspn(s, " \t");

	if (*rest != '\0')
		*rest++ = '\0';
	rest = str_trim(rest);
	if (x->role == -2)
		return;
	if (x->role < 0) {
		form_perm_err(x, _("'%s' outside a role block"), s);
		return;
	}
	r = &x->p->roles[x->role];
	if (strcmp(s, "form") == 0)
		form_perm_key_form(x, r, rest);
	else if (strcmp(s, "class") == 0)
		form_perm_key_class(x, r, rest);
	else if (strcmp(s, "approve") == 0 && *rest == '\0')
		r->approve = true;
	else if (strcmp(s, "approve") == 0)
		form_perm_err(x, _("'%s' takes no value"), s);
	else
		form_perm_err(x, _("unknown key '%s'"), s);
}

static void
form_perm_block(struct form_perm_parse *x, char *s)
{
	char *rest = s + strcspn(s, " \t");
	int r;

	if (*rest != '\0')
		*rest++ = '\0';
	rest = str_trim(rest);
	x->role = -2;
	if (strcmp(s, "role") != 0) {
		form_perm_err(x, _("unknown block '%s'"), s);
		return;
	}
	if ((r = form_perm_role_index(rest)) < 0) {
		form_perm_err(x, _("unknown role '%s' (hotline, counsellor, return_officer, "
		    "reintegration_officer, supervisor or admin)"), rest);
		return;
	}
	if (x->p->roles[r].declared) {
		form_perm_err(x, _("role '%s' is given twice"), rest);
		return;
	}
	x->p->roles[r].declared = true;
	x->role = r;
}

static void
form_perm_line(struct form_perm_parse *x, char *s)
{
	char *t = str_trim(s);

	if (*t == '\0' || *t == '#')
		return;
	if (*s == ' ' || *s == '\t')
		form_perm_key(x, t);
	else
		form_perm_block(x, t);
}

void
form_perms_parse(struct form_set *set, const char *name, const char *text)
{
	struct form_perm_parse x = { .set = set, .file = name, .role = -1 };
	char *copy, *s, *nl;

	if (set->perms != NULL) {
		form_set_error(set, name, 0, "%s", _("a second permissions table"));
		return;
	}
	x.p = set->perms = xcalloc(1, sizeof *set->perms);
	set->perms->file = xstrdup(name);
	copy = xstrdup(text);
	for (s = copy; s != NULL; s = nl) {
		nl = strchr(s, '\n');
		if (nl != NULL)
			*nl++ = '\0';
		x.line++;
		form_perm_line(&x, s);
	}
	free(copy);
}

/* The search index is shown to every role that finds a case: only fields
 * of no class or of identity may feed it. */
static void
form_perms_check_search(struct form_set *set, const struct form_def *def)
{
	const struct form_field *f;
	size_t i;

	for (i = 0; i < def->nfields; i++) {
		f = &def->fields[i];
		if (f->group != NULL)
			form_perms_check_search(set, f->group);
		if (f->search != FS_NONE && f->klass != FC_NONE && f->klass != FC_IDENTITY)
			form_set_error(set, def->file != NULL ? def->file : "?", f->line,
			    _("field '%s' of class %s cannot feed the search index"), f->name,
			    form_class_name(f->klass));
	}
}

void
form_perms_check(struct form_set *set)
{
	const struct form_perm_role *r;
	size_t k, i;

	if (set->perms == NULL)
		return;
	for (k = 0; k < FORM_PERM_NROLES; k++) {
		r = &set->perms->roles[k];
		for (i = 0; i < r->nforms; i++)
			if (strcmp(r->forms[i].form, "*") != 0 &&
			    form_set_find(set, r->forms[i].form) == NULL)
				form_set_error(set, set->perms->file, r->forms[i].line,
				    _("unknown form '%s'"), r->forms[i].form);
	}
	for (k = 0; k < set->nforms; k++)
		form_perms_check_search(set, set->forms[k]);
}

bool
form_perms_declared(const struct form_set *set)
{
	return set != NULL && set->perms != NULL;
}

static const struct form_perm_role *
form_perm_role(const struct form_set *set, const char *role)
{
	int r = form_perm_role_index(role);

	if (r < 0 || !set->perms->roles[r].declared)
		return NULL;
	return &set->perms->roles[r];
}

bool
form_perm_form(const struct form_set *set, const char *role, const char *form,
    enum form_action a)
{
	const struct form_perm_role *r;
	unsigned acts = 0;
	size_t i;

	if (!form_perms_declared(set))
		return true;
	if ((r = form_perm_role(set, role)) == NULL || (unsigned)a >= FA__COUNT)
		return false;
	for (i = 0; i < r->nforms; i++)
		if (strcmp(r->forms[i].form, "*") == 0 || str_eq(r->forms[i].form, form))
			acts |= r->forms[i].acts;
	return (acts & (1u << a)) != 0;
}

bool
form_perm_class(const struct form_set *set, const char *role, enum form_class c,
    enum form_action a)
{
	const struct form_perm_role *r;

	if (!form_perms_declared(set) || c == FC_NONE)
		return true;
	if ((r = form_perm_role(set, role)) == NULL || (unsigned)c >= FC__COUNT)
		return false;
	if (a == FA_CREATE)
		a = FA_EDIT;
	return (r->classes[c] & (1u << a)) != 0;
}

bool
form_perm_field(const struct form_set *set, const char *role, const struct form_field *f,
    enum form_action a)
{
	return form_perm_class(set, role, f->klass, a);
}

bool
form_perm_approves(const struct form_set *set, const char *role)
{
	const struct form_perm_role *r;

	if (!form_perms_declared(set))
		return str_eq(role, "supervisor");
	r = form_perm_role(set, role);
	return r != NULL && r->approve;
}
