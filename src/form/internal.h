/*
 * form/internal: what the files of the form module share and nobody else
 * uses (form.c, parse.c, finish.c, write.c, value.c, types.c).
 */
#ifndef FORM_INTERNAL_H
#define FORM_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "form/form.h"

bool	form_type_from_name(const char *, enum form_type *);

/* type_show.c: how the built-in types show a value (form_type_desc.display). */
struct form_record;
char	*form_type_show_yesno(const struct form_set *, const struct form_record *, size_t,
	    const char *(*tr)(const char *));
char	*form_type_show_one(const struct form_set *, const struct form_record *, size_t,
	    const char *(*tr)(const char *));
char	*form_type_show_many(const struct form_set *, const struct form_record *, size_t,
	    const char *(*tr)(const char *));
char	*form_type_show_date(const struct form_set *, const struct form_record *, size_t,
	    const char *(*tr)(const char *));
bool	form_type_is_select(enum form_type);
/* A choice code as real lists write them, stored exactly: a letter or
 * digit, then letters, digits, '_', '-' and '.' ("CEJ001",
 * "ivano-frankivska", "1st"), at most FORM_CODE_MAX bytes; never a blank
 * (a select-many value is its codes separated by blanks) or a quote. */
#define FORM_CODE_MAX	64
bool	form_is_choice_code(const char *);
bool	form_is_reserved(const char *);		/* columns every record has */

/* A new empty list, appended to set (file NULL for built-ins). */
struct form_choices *form_choices_new(struct form_set *, const char *name,
	    const char *file, int line);
void	form_choices_free(struct form_choices *);
void	form_def_free(struct form_def *);

/* Number syntax of min/max and values: -?[0-9]+ and -?[0-9]+(\.[0-9]+)? */
bool	form_is_integer(const char *);
bool	form_is_decimal(const char *);

#endif
