/*
 * form/type_list.h: the field types, one line each, in enum order:
 * FORM_TYPE(ENUM_SUFFIX, descriptor). The types below are defined in
 * form/types.c; a type of its own file src/form/type_NAME.c declares itself
 * there with one line FORM_TYPE_FILE(ENUM_SUFFIX, descriptor) at the start
 * of a line, and the build collects those lines, in file-name order, into
 * form/type_files.h (generated, included at the end). Included by
 * form/form.h (enum form_type) and form/types.c (the table); a new type is
 * its descriptor file and its tests, nothing here.
 */
FORM_TYPE(TEXT, form_type_text)
FORM_TYPE(MULTILINE, form_type_multiline)
FORM_TYPE(INTEGER, form_type_integer)
FORM_TYPE(DECIMAL, form_type_decimal)
FORM_TYPE(MONEY, form_type_money)		/* amount column NAME, currency column NAME_currency */
FORM_TYPE(DATE, form_type_date)			/* stored YYYY-MM-DD */
FORM_TYPE(DATETIME, form_type_datetime)		/* stored YYYY-MM-DD HH:MM */
FORM_TYPE(YESNO, form_type_yesno)		/* stored 'yes' / 'no' */
FORM_TYPE(SELECT_ONE, form_type_select_one)	/* stored as the choice code */
FORM_TYPE(SELECT_MANY, form_type_select_many)	/* codes separated by one space */
FORM_TYPE(PHONE, form_type_phone)
FORM_TYPE(NOTE, form_type_note)			/* read-aloud text, no value, no column */
FORM_TYPE(CALCULATED, form_type_calculated)	/* read-only, value of ->calc, stored */
FORM_TYPE(REPEAT, form_type_repeat)		/* child rows, ->group; no column */
#include "form/type_files.h"		/* the types of their own files */
