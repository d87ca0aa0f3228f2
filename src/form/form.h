/*
 * form/form: the in-memory model of the .form files and the parser that builds it.
 *
 * Contract: form_set_load_dir() parses every *.form file of a folder into a
 * struct form_set. It never stops at the first error: every problem is added
 * to the error list as "file:line: message" (English msgid, translated with
 * _() at the point of formatting) and the set is still returned, so
 * check-forms can list them all. A set with errors must not be used to open a
 * database. Nothing here knows ncurses or SQL tables; expressions are kept as
 * text and compiled by db/expr (see there) because SQLite evaluates them.
 *
 * Names of forms, fields, choice lists and choice codes match [a-z][a-z0-9_]*
 * (choice codes may also start with a digit). Labels, hints, says, titles and
 * choice labels are English source strings: the msgids of the locale/ catalogs.
 *
 * A repeat group is a field of type FT_REPEAT whose ->group is a form_def of
 * its own (table "<parent table>_<field name>", its rows are child rows).
 */
#ifndef FORM_FORM_H
#define FORM_FORM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum form_type {
#define FORM_TYPE(id, desc) FT_##id,
#include "form/type_list.h"
#undef FORM_TYPE
	FT__COUNT
};

/* What a field feeds into the case search index (key "search"). */
enum form_search {
	FS_NONE,
	FS_NAME,	/* person names, Latin or native script */
	FS_PHONE,
	FS_CASENO,
	FS_BIRTH,	/* date of birth: shown in the hits, tells namesakes apart */
	FS_NATIONALITY,	/* "citizenship": a country code shown in the hits */
	FS__COUNT
};

/* What kind of personal data a field holds (key "class"): the permissions
 * table (form/perm.h) says per role which classes it may read and edit. */
enum form_class {
	FC_NONE,	/* no class: whoever may read the form reads it */
	FC_IDENTITY,	/* names, date of birth, phone, address */
	FC_HEALTH,	/* health, vulnerabilities, medical needs */
	FC_LEGAL,	/* legal status, asylum procedure */
	FC_DOCUMENTS,	/* passport and travel documents */
	FC_PAYMENTS,	/* amounts, grants, invoices */
	FC__COUNT
};

struct form_choice {
	char	*code;
	char	*label;		/* msgid */
	char	*parent;	/* code in the list the "filter" field uses, or NULL */
};

struct form_choices {
	char			*name;
	struct form_choice	*items;
	size_t			 nitems;
	bool			 builtin;	/* country, language, currency: iso-codes */
	size_t			*by_code;	/* item indices in code order, or NULL */
	char			*file;
	int			 line;
};

struct form_def;
struct form_workflow;

/*
 * A heading that fields sit under: a `section` (it lasts until the next
 * section or the end of the group it stands in) or a `group` (it lasts until
 * its `end`, and groups nest). Its relevance applies to every field in it,
 * on top of each field's own: a field is relevant only when it and every
 * group around it are. The def that holds its fields owns it.
 */
struct form_group {
	char			*label;		/* msgid of its heading */
	char			*relevant;	/* expression text or NULL */
	struct form_group	*up;		/* the group it stands in, or NULL */
	size_t			 index;		/* its place in the def's groups */
	int			 depth;		/* 0: at the top of its form or repeat */
	bool			 section;	/* written `section`, else `group` */
	int			 line;
};
struct form_perms;
struct form_retention;

struct form_field {
	char		*name;
	enum form_type	 type;
	char		*label;		/* msgid; NULL = name */
	char		*hint;		/* msgid or NULL */
	char		*say;		/* msgid shown in the client language, or NULL */
	char		*section;	/* msgid of the heading it sits under (grp's), or NULL */
	struct form_group *grp;		/* the innermost group it sits in, or NULL */
	char		*choices;	/* list name for select_one/select_many */
	char		*filter;	/* cascading: name of the field whose value must equal choice->parent */
	char		*relevant;	/* expression text or NULL */
	char		*constraint;	/* expression text or NULL */
	char		*constraint_msg; /* msgid or NULL */
	char		*default_expr;	/* expression text or NULL */
	char		*calc;		/* expression text, FT_CALCULATED only */
	char		*min;		/* number, or date for FT_DATE; NULL = none */
	char		*max;		/* either may be an expression (form_bound_is_expr) */
	char		*count;		/* repeats: the expression that says how many rows */
	int		 length;	/* `length` as written, 0 = none: see form_field_limit() */
	bool		 required;
	bool		 readonly;
	bool		 summary;	/* a key fact: first in its row's one-line summary */
	bool		 hidden;	/* stored (defaults, calculations), never shown */
	enum form_search search;
	enum form_class	 klass;		/* "class"; FC_NONE when not given */
	char		*was;		/* declared former column name (rename), or NULL */
	struct form_def	*group;		/* FT_REPEAT only */
	int		 line;		/* where "field" stood */
};

struct form_def {
	char			*name;
	char			*table;
	char			*title;		/* msgid */
	char			*hint;		/* msgid or NULL */
	bool			 once;		/* at most one record per case */
	bool			 needs_case;	/* a record must belong to a case */
	struct form_field	*fields;
	size_t			 nfields;
	struct form_def		*parent;	/* repeat groups: the enclosing form */
	struct form_group	**groups;	/* owned, in the order they open */
	size_t			  ngroups;
	size_t			*by_name;	/* field indices in name order, or NULL */
	char			*file;
	int			 line;
};

struct form_set {
	struct form_def		**forms;
	size_t			  nforms;
	struct form_choices	**choices;	/* shared by all forms of the set */
	size_t			  nchoices;
	char			**errors;	/* "file:line: message", owned */
	size_t			  nerrors;
	struct form_workflow	 *workflow;	/* the folder's workflow table, or NULL (form/workflow.h) */
	struct form_perms	 *perms;	/* the folder's permissions table, or NULL (form/perm.h) */
	struct form_retention	 *retention;	/* what a purge keeps, or NULL (form/retention.h) */
	/* Fills a built-in list (country, language, currency) the first time
	 * form_set_choices() gives it, or NULL: those lists stay as they are.
	 * A screen that shows no such list never reads them. */
	void			(*fill)(struct form_choices *);
};

/* Parsing. */
struct form_set	*form_set_new(void);
void		 form_set_free(struct form_set *);
/* Loads every *.form in dir (sorted by name), then the workflow table in
 * dir/workflow and the retention list in dir/retention when there are
 * (form/workflow.h, form/retention.h). Returns the set; check ->nerrors. */
struct form_set	*form_set_load_dir(const char *dir);
/* Parses one file's text into set (name is used in messages). */
void		 form_set_parse(struct form_set *, const char *name, const char *text);
/* After all files are parsed: cross-checks (choice lists exist, filter fields exist, ...). */
void		 form_set_finish(struct form_set *);
void		 form_set_error(struct form_set *, const char *file, int line,
		    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Look-ups; NULL when absent. */
struct form_def		*form_set_find(const struct form_set *, const char *name);
struct form_choices	*form_set_choices(const struct form_set *, const char *name);
int			 form_field_index(const struct form_def *, const char *name);
const struct form_choice *form_choice_find(const struct form_choices *, const char *code);
/* Sort the look-up index of a list after its items changed, or of a form
 * after its fields did (form_set_finish does both for the whole set);
 * form_choice_find() and form_field_index() search it, or go one by one
 * while there is none. */
void		 form_choices_index(struct form_choices *);
void		 form_def_index(struct form_def *);

/* Writes a definition back in canonical form (golden round-trip tests). */
char		*form_def_write(const struct form_def *);
char		*form_choices_write(const struct form_choices *);

/*
 * Every value typed into a field is bounded: form_field_limit() is its
 * `length`, else the default of its type (one-line text FORM_LEN_TEXT,
 * multi-line FORM_LEN_MULTILINE, phone 40, numbers and dates FORM_LEN_TYPED);
 * 0 for fields nobody types into (choices, yes/no, calculated, notes).
 * form_type_length_most() is the largest `length` check-forms accepts for a
 * type, 0 when the type takes none.
 */
#define FORM_LEN_TEXT		500
#define FORM_LEN_MULTILINE	4000
#define FORM_LEN_TYPED		64
int		 form_field_limit(const struct form_field *);
int		 form_type_length_most(enum form_type);

/* A min/max that is not a literal of its type but an expression (it holds
 * a field reference or a call): checked at save time as a rule. */
bool		 form_bound_is_expr(const char *);

/* Calls fn for each ${name} in text (a label, hint or say): the name and
 * its length. form_text_refs_ok() is false when text holds a ${ that is
 * not ${name}. */
void		 form_text_refs(const char *text, void (*fn)(void *, const char *, size_t),
		    void *arg);
bool		 form_text_refs_ok(const char *text);

/* Class names as written in .form files ("health"); NULL for FC_NONE. */
const char	*form_class_name(enum form_class);
bool		 form_class_from_name(const char *, enum form_class *);

/* Search kinds as written in .form files ("name"); NULL for FS_NONE. */
const char	*form_search_name(enum form_search);
bool		 form_search_from_name(const char *, enum form_search *);

/* Field type names as written in .form files ("text", "select_one", ...). */
const char	*form_type_name(enum form_type);
bool		 form_type_has_value(enum form_type);	/* false for note and repeat */
bool		 form_type_is_numeric(enum form_type);	/* integer, decimal, money */

#endif
