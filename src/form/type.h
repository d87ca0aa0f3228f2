/*
 * form/type: one descriptor per field type, in the style of libform's field
 * types: what the form language calls it, the SQLite column it owns, how a
 * typed value is checked and made canonical, which min/max it takes, its
 * length limits and the hint shown while it is focused. The parser, the
 * value check (form_value_check), the schema and the form view read their
 * answers from here instead of switching on the type.
 *
 * Contract: form_type() never returns NULL (an unknown type dies). A check
 * gets trimmed, valid UTF-8, non-empty input in c->in and ends with
 * form_types_ok() (canonical text, owned) or form_types_fail() (a msgid with
 * '%s' for the quoted value and an optional second '%s'). A bound check
 * gets the text of `min`/`max` as written; bound_cmp orders two valid bounds
 * (> 0: the first is later/greater; 0 when they cannot be ordered).
 * A type owns the column NAME when it has a coltype, and NAME<extra->suffix>
 * beside it when it has an extra column; the data layer reads, writes and
 * creates exactly those (form_type_ncols()).
 *
 * A type of several columns says how they show (display), how typed text
 * fills them (enter) and which is edited beside the value (edit_side).
 *
 * Adding a type: a file src/form/type_NAME.c with its descriptor and the
 * line FORM_TYPE_FILE(NAME, descriptor) (form/type_list.h); nothing else
 * names or switches on the type for it.
 */
#ifndef FORM_TYPE_H
#define FORM_TYPE_H

#include <stdbool.h>

#include "form/form.h"

struct form_record;

struct form_check {
	const struct form_set	*set;
	const struct form_field	*f;
	const char		*in;	/* trimmed input */
	char			**canon;
	char			**msg;
};

/* A second column a type owns beside NAME: NAME<suffix> (money's currency).
 * Its value is the record's column 1 (form_record_part(), form/value.h). */
struct form_type_col {
	const char	*suffix;	/* "_currency" */
	const char	*coltype;	/* SQLite column type */
	const char	*kind;		/* its type as form_schema records it */
};

/* Translates a msgid into the language a value is shown in. */
typedef const char *(*form_tr_fn)(const char *msgid);

struct form_type_desc {
	const char	*name;		/* in the form language */
	const char	*coltype;	/* SQLite column type; NULL: owns no column */
	const struct form_type_col *extra; /* a second column, or NULL */
	const char	*real_text;	/* printf format a REAL reads back in; NULL: %.15g */
	bool		 numeric;	/* integer, decimal, money */
	bool		 select;	/* takes a choice list */
	bool		 typed;		/* a person types the value in (a text editor) */
	int		 len_default;	/* limit without `length`, 0: nothing typed */
	int		 len_most;	/* largest `length` allowed, 0: takes none */
	const char	*edit_hint;	/* msgid shown while focused, or NULL */
	bool		(*check)(struct form_check *);
	/* The text that shows a value (malloc'd; the value is not empty), its
	 * msgids translated by tr: a yes/no, a choice's label, a date's weekday,
	 * an amount with its currency. NULL: column 0 shown as it is.
	 * enter: what a person typed split into the columns of a value of
	 * several (NULL or a malloc'd message, staff language; the record keeps
	 * what could be read); NULL: typed text checked by form_value_check(). */
	char		*(*display)(const struct form_set *, const struct form_record *,
			    size_t field, form_tr_fn tr);
	/* The further columns of a value whose column 0 fits: NULL or a
	 * malloc'd message (staff language). NULL: nothing to check. */
	char		*(*check_cols)(const struct form_set *, const struct form_record *,
			    size_t field);
	char		*(*enter)(const struct form_set *, struct form_record *,
			    size_t field, const char *text);
	/* Edit hints: a column shown beside the typed value (0: none), picked
	 * from the choices of side_field (a select_one) when a letter is typed. */
	int		 edit_side;
	const struct form_field *side_field;
	/* min/max: NULL takes none; bound_msg has '%s' for key and value. */
	bool		(*bound_ok)(const char *);
	const char	*bound_msg;
	int		(*bound_cmp)(const char *, const char *);
};

const struct form_type_desc *form_type(enum form_type);
/* The columns a field of the type owns: 0, 1 or 2. */
int	form_type_ncols(enum form_type);

/* For the checks of the descriptors (form/types.c). */
bool	form_types_ok(struct form_check *, char *canon);
bool	form_types_fail(struct form_check *, const char *fmt, const char *arg);

/* A type file's declaration of itself (see form/type_list.h): here a
 * declaration of its descriptor; the build reads the line as text. */
#define FORM_TYPE_FILE(id, desc) extern const struct form_type_desc desc;

#endif
