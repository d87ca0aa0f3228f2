/*
 * cmd/xlsform: avrr xlsform FILE.xlsx [--output DIR] (cmd/xlsform.h,
 * docs/xlsform.md).
 *
 * The workbook is read sheet by sheet (util/sheet), the header row of each
 * matched to the columns of one table; the survey rows are made items
 * (questions, groups, repeats and their ends) in two passes: the first
 * gives every row its avrr name, the second its keys, once every name
 * that an expression or a label may name is known. The form text is then
 * written and checked as check-forms checks it; each error it reports is
 * traced back through the line it names to the key or the item that made
 * it, which is left out and reported, until the text passes.
 */
#include "cmd/xlsform.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "db/expr.h"
#include "form/form.h"
#include "util/mem.h"
#include "util/sheet.h"
#include "util/str.h"
#include "util/tr.h"

#define XF_LANGS	24	/* label languages carried over at most */
#define XF_KEYS		16	/* keys of one item at most */
#define XF_ROUNDS	64	/* checks of the written text at most */
#define XF_COLS		512	/* columns of a sheet read at most */

enum xf_sheet_id { XS_SURVEY, XS_CHOICES, XS_SETTINGS, XS__COUNT };

static const char *const xf_sheet_names[XS__COUNT] = { "survey", "choices", "settings" };

enum xf_col {
	XC_TYPE, XC_NAME, XC_LABEL, XC_HINT, XC_REQUIRED, XC_REQUIRED_MSG, XC_RELEVANT,
	XC_CONSTRAINT, XC_CONSTRAINT_MSG, XC_CALC, XC_DEFAULT, XC_READONLY, XC_APPEARANCE,
	XC_CHOICE_FILTER, XC_REPEAT_COUNT, XC_PARAMETERS, XC_LIST_NAME, XC_FORM_TITLE,
	XC_FORM_ID, XC_VERSION, XC_DEFAULT_LANG, XC__COUNT
};

#define XS_S	(1u << XS_SURVEY)
#define XS_C	(1u << XS_CHOICES)
#define XS_T	(1u << XS_SETTINGS)

/* The columns avrr reads, as XLSForm heads them (lower case, '_' for
 * blanks, without "bind::" or "control::"), and on which sheets. */
static const struct xf_col_def {
	const char	*head;
	enum xf_col	 col;
	bool		 texts;		/* a text: may be given per language */
	unsigned	 sheets;
} xf_cols[] = {
	{ "type", XC_TYPE, false, XS_S },
	{ "name", XC_NAME, false, XS_S | XS_C },
	{ "label", XC_LABEL, true, XS_S | XS_C },
	{ "hint", XC_HINT, true, XS_S },
	{ "required", XC_REQUIRED, false, XS_S },
	{ "required_message", XC_REQUIRED_MSG, true, XS_S },
	{ "jr:requiredmsg", XC_REQUIRED_MSG, true, XS_S },
	{ "relevant", XC_RELEVANT, false, XS_S },
	{ "constraint", XC_CONSTRAINT, false, XS_S },
	{ "constraint_message", XC_CONSTRAINT_MSG, true, XS_S },
	{ "jr:constraintmsg", XC_CONSTRAINT_MSG, true, XS_S },
	{ "calculation", XC_CALC, false, XS_S },
	{ "calculate", XC_CALC, false, XS_S },
	{ "default", XC_DEFAULT, false, XS_S },
	{ "readonly", XC_READONLY, false, XS_S },
	{ "appearance", XC_APPEARANCE, false, XS_S },
	{ "choice_filter", XC_CHOICE_FILTER, false, XS_S },
	{ "repeat_count", XC_REPEAT_COUNT, false, XS_S },
	{ "jr:count", XC_REPEAT_COUNT, false, XS_S },
	{ "parameters", XC_PARAMETERS, false, XS_S },
	{ "list_name", XC_LIST_NAME, false, XS_C },
	{ "form_title", XC_FORM_TITLE, true, XS_T },
	{ "form_id", XC_FORM_ID, false, XS_T },
	{ "version", XC_VERSION, false, XS_T },
	{ "default_language", XC_DEFAULT_LANG, false, XS_T },
	{ NULL, XC__COUNT, false, 0 }
};

/* Flags of an XLSForm type. */
#define XT_LIST		0x01u	/* takes a choice list */
#define XT_HIDDEN	0x02u	/* stored, never shown */
#define XT_NOW		0x04u	/* default now */
#define XT_TODAY	0x08u	/* default today */
#define XT_BEGIN	0x10u
#define XT_END		0x20u
#define XT_REPEAT	0x40u	/* with XT_BEGIN / XT_END: a repeat, else a group */
#define XT_RANGE	0x80u	/* min and max from its parameters */

static const struct xf_type {
	const char	*xls;
	const char	*avrr;		/* NULL: left out, for why */
	unsigned	 flags;
	const char	*why;
} xf_types[] = {
	{ "text", "text", 0, NULL },
	{ "string", "text", 0, NULL },
	{ "integer", "integer", 0, NULL },
	{ "int", "integer", 0, NULL },
	{ "decimal", "decimal", 0, NULL },
	{ "date", "date", 0, NULL },
	{ "datetime", "datetime", 0, NULL },
	{ "time", "time", 0, NULL },
	{ "select_one", "select_one", XT_LIST, NULL },
	{ "select one", "select_one", XT_LIST, NULL },
	{ "select_multiple", "select_many", XT_LIST, NULL },
	{ "select multiple", "select_many", XT_LIST, NULL },
	{ "select all that apply", "select_many", XT_LIST, NULL },
	{ "note", "note", 0, NULL },
	{ "calculate", "calculated", XT_HIDDEN, NULL },
	{ "acknowledge", "yesno", 0, NULL },
	{ "phone number", "phone", 0, NULL },
	{ "phone_number", "phone", 0, NULL },
	{ "begin group", NULL, XT_BEGIN, NULL },
	{ "begin_group", NULL, XT_BEGIN, NULL },
	{ "end group", NULL, XT_END, NULL },
	{ "end_group", NULL, XT_END, NULL },
	{ "begin repeat", NULL, XT_BEGIN | XT_REPEAT, NULL },
	{ "begin_repeat", NULL, XT_BEGIN | XT_REPEAT, NULL },
	{ "end repeat", NULL, XT_END | XT_REPEAT, NULL },
	{ "end_repeat", NULL, XT_END | XT_REPEAT, NULL },
	{ "start", "datetime", XT_HIDDEN | XT_NOW, NULL },
	{ "end", "datetime", XT_HIDDEN | XT_NOW, NULL },
	{ "today", "date", XT_HIDDEN | XT_TODAY, NULL },
	{ "range", "integer", XT_RANGE, NULL },
	{ "deviceid", NULL, 0, N_("the device's id: a terminal form has none") },
	{ "imei", NULL, 0, N_("the device's id: a terminal form has none") },
	{ "subscriberid", NULL, 0, N_("the SIM card's id: a terminal form has none") },
	{ "simserial", NULL, 0, N_("the SIM card's id: a terminal form has none") },
	{ "username", NULL, 0, N_("the device's user name: avrr records who saved a "
	    "record itself") },
	{ "email", NULL, 0, N_("the device's e-mail account: avrr records who saved a "
	    "record itself") },
	{ "phonenumber", NULL, 0, N_("the device's phone number: a terminal form has none") },
	{ "audit", NULL, 0, N_("the device's audit log: avrr keeps its own audit") },
	{ "start-geopoint", NULL, 0, N_("a location: a terminal has no GPS") },
	{ "geopoint", NULL, 0, N_("a location: a terminal has no GPS") },
	{ "geotrace", NULL, 0, N_("a location: a terminal has no GPS") },
	{ "geoshape", NULL, 0, N_("a location: a terminal has no GPS") },
	{ "image", NULL, 0, N_("a photo or a drawing: a terminal form holds text only") },
	{ "audio", NULL, 0, N_("a recording: a terminal form holds text only") },
	{ "background-audio", NULL, 0, N_("a recording: a terminal form holds text only") },
	{ "video", NULL, 0, N_("a recording: a terminal form holds text only") },
	{ "file", NULL, 0, N_("an attached file: a terminal form holds text only") },
	{ "barcode", NULL, 0, N_("a scanned barcode: a terminal has no camera") },
	{ "rank", NULL, 0, N_("a ranking of choices: avrr has no such question") },
	{ "hidden", NULL, 0, N_("a hidden value without a calculation: nothing to store") },
	{ "xml-external", NULL, 0, N_("an external data file: avrr reads no files "
	    "in a form") },
	{ "csv-external", NULL, 0, N_("an external data file: avrr reads no files "
	    "in a form") },
	{ "select_one_from_file", NULL, 0, N_("choices from an external file: write "
	    "them on the choices sheet") },
	{ "select_multiple_from_file", NULL, 0, N_("choices from an external file: write "
	    "them on the choices sheet") },
	{ "select_one_external", NULL, 0, N_("choices from an external file: write "
	    "them on the choices sheet") },
	{ "trigger", NULL, 0, N_("a trigger: avrr has no such question") },
	{ NULL, NULL, 0, NULL }
};

/* English names of languages a label column may carry without a code. */
static const struct { const char *name, *code; } xf_lang_names[] = {
	{ "english", "en" }, { "french", "fr" }, { "spanish", "es" }, { "arabic", "ar" },
	{ "ukrainian", "uk" }, { "russian", "ru" }, { "slovak", "sk" }, { "persian", "fa" },
	{ "farsi", "fa" }, { "dari", "prs" }, { "pashto", "ps" }, { "georgian", "ka" },
	{ "vietnamese", "vi" }, { "portuguese", "pt" }, { "swahili", "sw" },
	{ "somali", "so" }, { "tigrinya", "ti" }, { "amharic", "am" }, { "turkish", "tr" },
	{ "kurdish", "ku" }, { "urdu", "ur" }, { "hindi", "hi" }, { "bengali", "bn" },
	{ "german", "de" }, { "italian", "it" }, { "chinese", "zh" }, { "polish", "pl" },
	{ "romanian", "ro" }, { "albanian", "sq" }, { "serbian", "sr" }, { "hausa", "ha" },
	{ NULL, NULL }
};

/* Appearances a terminal form carries over without a word. */
static const char *const xf_appearances_ok[] = { "field-list", "multiline", NULL };

struct xf_text {
	char	*staff;			/* the msgid, or NULL */
	char	*tr[XF_LANGS];		/* per language, or NULL */
};

struct xf_lang {
	char	*spec;			/* as the head writes it: "Ukrainian (uk)" */
	char	*code;			/* NULL: none found (its columns are ignored) */
};

struct xf_head {
	int	plain[XC__COUNT];		/* the column without a language, or -1 */
	int	lang[XC__COUNT][XF_LANGS];	/* per language, or -1 */
};

struct xf_key {
	const char	*key;		/* "label" */
	char		*val;		/* as written after it */
	struct xf_text	 text;		/* a text key's translations */
	bool		 is_text;
	bool		 dropped;
};

enum xf_kind { XK_FIELD, XK_GROUP, XK_REPEAT, XK_END };

struct xf_item {
	enum xf_kind		 kind;
	const struct xf_type	*type;
	char			*xname;
	char			*name;		/* avrr name (fields, repeats) */
	char			*repeat;	/* the repeat it stands in (avrr name) or NULL */
	long			 row;
	size_t			 srow;		/* its index in the survey sheet */
	struct xf_text		 head;		/* a group's heading */
	struct xf_key		 keys[XF_KEYS];
	size_t			 nkeys;
	size_t			 mate;		/* an opener's end, an end's opener */
	bool			 dropped;
	bool			 renamed;
};

struct xf_choice {
	char		*code;
	struct xf_text	 label;
	char		*parent;
	long		 row;
	bool		 dropped;
};

struct xf_list {
	char			*xname;
	char			*name;
	struct xf_choice	*items;
	size_t			 n, cap;
	long			 row;
	const char		*parent_col;	/* the column a filter reads, or NULL */
	bool			 used;
	bool			 dropped;
};

struct xf_msg {
	int	 sheet;
	long	 row;
	size_t	 seq;
	char	*text;
};

/* What a line of the written text came from. */
struct xf_line {
	int	item;		/* -1: the form, -2: a list, -3: nothing */
	int	key;		/* -1: the block line */
	int	list;
	int	choice;		/* -1: the list's line */
};

struct xf_conv {
	const char		*path;
	struct sheet		 sh[XS__COUNT];
	bool			 has[XS__COUNT];
	struct xf_head		 head[XS__COUNT];
	struct xf_lang		 langs[XF_LANGS];
	size_t			 nlangs;
	int			 staff;		/* the staff language, -1: the plain columns */
	char			*form;		/* the form's name */
	struct xf_text		 title;
	char			*version;
	struct xf_item		*items;
	size_t			 nitems, capitems;
	struct xf_list		*lists;
	size_t			 nlists, caplists;
	struct xf_msg		*msgs;
	size_t			 nmsgs, capmsgs;
	struct xf_line		*lines;
	size_t			 nlines, caplines;
	char			*filename;	/* NAME.form, as the errors name it */
};

/* ---- messages ----------------------------------------------------------- */

static void xf_say(struct xf_conv *, int sheet, long row, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void
xf_say(struct xf_conv *c, int sheet, long row, const char *fmt, ...)
{
	struct xf_msg *m;
	va_list ap;
	char *msg, *p;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	c->msgs = xgrow(c->msgs, &c->capmsgs, c->nmsgs + 1, sizeof *c->msgs);
	m = &c->msgs[c->nmsgs];
	m->sheet = sheet;
	m->row = row;
	m->seq = c->nmsgs++;
	m->text = xasprintf("%s:%s:%ld: %s", c->path, xf_sheet_names[sheet], row, msg);
	for (p = m->text; *p != '\0'; p++)
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
	free(msg);
}

static int
xf_msg_cmp(const void *a, const void *b)
{
	const struct xf_msg *x = a, *y = b;

	if (x->sheet != y->sheet)
		return x->sheet < y->sheet ? -1 : 1;
	if (x->row != y->row)
		return x->row < y->row ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* ---- sheets and their heads --------------------------------------------- */

static char *
xf_trimdup(const char *s, size_t n)
{
	char *d = xstrndup(s, n), *t = str_trim(d);

	memmove(d, t, strlen(t) + 1);
	return d;
}

/* Trims every cell in place; a cell of blanks only becomes empty. */
static void
xf_sheet_trim(struct sheet *sh)
{
	size_t i, k;
	char *t;

	for (i = 0; i < sh->nrows; i++)
		for (k = 0; k < sh->rows[i].ncells; k++) {
			if (sh->rows[i].cells[k] == NULL)
				continue;
			t = str_trim(sh->rows[i].cells[k]);
			memmove(sh->rows[i].cells[k], t, strlen(t) + 1);
			if (*sh->rows[i].cells[k] == '\0') {
				free(sh->rows[i].cells[k]);
				sh->rows[i].cells[k] = NULL;
			}
		}
}

static const struct xf_col_def *
xf_col_find(const char *head, unsigned sheet)
{
	const struct xf_col_def *d;

	for (d = xf_cols; d->head != NULL; d++)
		if (strcmp(d->head, head) == 0 && (d->sheets & (1u << sheet)))
			return d;
	return NULL;
}

/* The code of a language as a head names it: "Ukrainian (uk)", "French". */
static char *
xf_lang_code(const char *spec)
{
	const char *open = strrchr(spec, '('), *close = strrchr(spec, ')');
	char *code = NULL, *p;
	size_t i, n;

	if (open != NULL && close != NULL && close > open + 2) {
		code = xstrndup(open + 1, (size_t)(close - open - 1));
		str_trim(code);
	} else if ((n = strlen(spec)) >= 2 && n <= 3 && strspn(spec, "abcdefghijklmnopqrstuvwxyz")
	    == n) {
		return xstrdup(spec);
	} else {
		for (i = 0; xf_lang_names[i].name != NULL; i++)
			if (strcasecmp(xf_lang_names[i].name, spec) == 0)
				return xstrdup(xf_lang_names[i].code);
		return NULL;
	}
	for (p = code; *p != '\0'; p++)
		*p = *p == '-' ? '_' : (char)tolower((unsigned char)*p);
	n = strspn(code, "abcdefghijklmnopqrstuvwxyz");
	if (n >= 2 && n <= 3 && (code[n] == '\0' || (code[n] == '_' && code[n + 1] != '\0' &&
	    strspn(code + n + 1, "abcdefghijklmnopqrstuvwxyz0123456789") == strlen(code + n + 1))))
		return code;
	free(code);
	return NULL;
}

/* The index of the language a head names; -1 when it has no code. */
static int
xf_lang_index(struct xf_conv *c, const char *spec, int sheet)
{
	char *code = xf_lang_code(spec);
	size_t i;

	for (i = 0; i < c->nlangs; i++)
		if (str_eq(c->langs[i].spec, spec) || (code != NULL && str_eq(c->langs[i].code, code))) {
			free(code);
			return c->langs[i].code != NULL ? (int)i : -1;
		}
	if (c->nlangs == XF_LANGS) {
		xf_say(c, sheet, 1, _("more than %d languages: '%s' is ignored"), XF_LANGS, spec);
		free(code);
		return -1;
	}
	c->langs[c->nlangs].spec = xstrdup(spec);
	c->langs[c->nlangs].code = code;
	if (code == NULL)
		xf_say(c, sheet, 1, _("the language '%s' has no code (write it 'Name (code)', as "
		    "'Ukrainian (uk)'): its columns are ignored"), spec);
	c->nlangs++;
	return code != NULL ? (int)c->nlangs - 1 : -1;
}

/* A head made what the column table holds: lower case, '_' for blanks,
 * without "bind::" or "control::"; *lang what follows "::", or NULL. */
static char *
xf_head_norm(const char *head, char **lang)
{
	char *h = xstrdup(head), *sep, *p;

	*lang = NULL;
	if (strncasecmp(h, "bind::", 6) == 0 || strncasecmp(h, "control::", 9) == 0)
		memmove(h, strstr(h, "::") + 2, strlen(strstr(h, "::") + 2) + 1);
	if ((sep = strstr(h, "::")) != NULL) {
		*sep = '\0';
		*lang = xstrdup(str_trim(sep + 2));
	}
	for (p = h; *p != '\0'; p++)
		*p = *p == ' ' ? '_' : (char)tolower((unsigned char)*p);
	return h;
}

static void
xf_head_col(struct xf_conv *c, int sheet, size_t col, const char *head, bool *known)
{
	struct xf_head *h = &c->head[sheet];
	char *lang, *base = xf_head_norm(head, &lang);
	const struct xf_col_def *d = xf_col_find(base, (unsigned)sheet);
	char *colon = lang == NULL && d == NULL ? strchr(base, ':') : NULL;
	int l;

	if (colon != NULL) {	/* label:English, as older XLSForms write it */
		*colon = '\0';
		d = xf_col_find(base, (unsigned)sheet);
		if (d != NULL && d->texts)
			lang = xf_trimdup(strchr(head, ':') + 1, strlen(strchr(head, ':') + 1));
		else
			d = NULL;
	}

	*known = d != NULL && (lang == NULL || d->texts);
	if (*known && lang == NULL && h->plain[d->col] < 0)
		h->plain[d->col] = (int)col;
	else if (*known && lang != NULL && (l = xf_lang_index(c, lang, sheet)) >= 0 &&
	    h->lang[d->col][l] < 0)
		h->lang[d->col][l] = (int)col;
	else if (*known && lang == NULL)
		xf_say(c, sheet, 1, _("column '%s' is given twice: the second is ignored"), head);
	free(base);
	free(lang);
}

/* Reads the head row of a sheet; columns it does not know go to *extra. */
static void
xf_head_read(struct xf_conv *c, int sheet, bool *extra)
{
	struct xf_head *h = &c->head[sheet];
	const struct sheet_row *r;
	bool known;
	size_t k;
	int i, l;

	for (i = 0; i < XC__COUNT; i++) {
		h->plain[i] = -1;
		for (l = 0; l < XF_LANGS; l++)
			h->lang[i][l] = -1;
	}
	if (c->sh[sheet].nrows == 0)
		return;
	r = &c->sh[sheet].rows[0];
	for (k = 0; k < r->ncells && k < XF_COLS; k++) {
		extra[k] = false;
		if (r->cells[k] == NULL)
			continue;
		xf_head_col(c, sheet, k, r->cells[k], &known);
		extra[k] = !known;
	}
}

/* The cell of the row under column col (plain, or of language l >= 0). */
static const char *
xf_cell_at(const struct xf_conv *c, int sheet, const struct sheet_row *r, enum xf_col col,
    int l)
{
	int k = l < 0 ? c->head[sheet].plain[col] : c->head[sheet].lang[col][l];

	return k < 0 ? NULL : sheet_cell(r, (size_t)k);
}

static bool
xf_cell_any(const struct xf_conv *c, int sheet, const struct sheet_row *r, enum xf_col col)
{
	size_t l;

	if (xf_cell_at(c, sheet, r, col, -1) != NULL)
		return true;
	for (l = 0; l < c->nlangs; l++)
		if (xf_cell_at(c, sheet, r, col, (int)l) != NULL)
			return true;
	return false;
}

/* ---- a row being read ----------------------------------------------------- */

struct xf_row {
	struct xf_conv		*c;
	int			 sheet;
	const struct sheet_row	*r;
	unsigned long		 used;		/* bit per column read */
	struct xf_item		*item;		/* the item its keys go to, or NULL */
};

static const char *
xf_get(struct xf_row *w, enum xf_col col)
{
	w->used |= 1ul << col;
	return xf_cell_at(w->c, w->sheet, w->r, col, -1);
}

static const char *
xf_col_head(const struct xf_conv *c, int sheet, enum xf_col col)
{
	const struct xf_col_def *d;

	for (d = xf_cols; d->head != NULL; d++)
		if (d->col == col)
			return d->head;
	(void)c;
	(void)sheet;
	return "?";
}

/* Reports the cells of the row no key took. */
static void
xf_row_done(struct xf_row *w, const char *what)
{
	int col;

	for (col = 0; col < XC__COUNT; col++)
		if (!(w->used & (1ul << col)) && xf_cell_any(w->c, w->sheet, w->r, (enum xf_col)col))
			xf_say(w->c, w->sheet, w->r->no, _("%s: not carried over for a row of type "
			    "'%s': ignored"),
			    xf_col_head(w->c, w->sheet, (enum xf_col)col), what);
}

/* ---- names ---------------------------------------------------------------- */

static struct xf_item *
xf_item_by_xname(const struct xf_conv *c, const char *xname)
{
	size_t i;

	for (i = 0; i < c->nitems; i++)
		if (c->items[i].xname != NULL && strcmp(c->items[i].xname, xname) == 0 &&
		    c->items[i].kind != XK_END)
			return &c->items[i];
	return NULL;
}

static bool
xf_name_taken(const struct xf_conv *c, const char *name)
{
	size_t i;

	for (i = 0; i < c->nitems; i++)
		if (str_eq(c->items[i].name, name))
			return true;
	return false;
}

/* The avrr name of an XLSForm name: made valid and unique. */
static char *
xf_unique_name(const struct xf_conv *c, const char *xname)
{
	char *base = cmd_xlsform_name(xname), *name = xstrdup(base);
	int n = 2;

	while (xf_name_taken(c, name)) {
		free(name);
		name = xasprintf("%s_%d", base, n++);
	}
	free(base);
	return name;
}

static bool
xf_find(void *arg, const char *xname, struct xf_ref *out)
{
	const struct xf_item *it = xf_item_by_xname(arg, xname);

	if (it == NULL || it->dropped || (it->kind == XK_FIELD && it->type != NULL &&
	    strcmp(it->type->avrr, "note") == 0))
		return false;
	out->name = it->name;
	out->repeat = it->repeat;
	out->is_repeat = it->kind == XK_REPEAT;
	out->is_group = it->kind == XK_GROUP;
	return true;
}

/* Replaces each ${x} of text by the avrr name of x; one that names no
 * question with a value is written x and said in *gone (the first). */
static char *
xf_text_refs(struct xf_conv *c, const char *text, char **gone)
{
	struct strbuf sb = STRBUF_INIT;
	struct xf_ref r;
	const char *s = text, *e;
	char *x;

	while (*s != '\0') {
		if (s[0] == '$' && s[1] == '{' && (e = strchr(s, '}')) != NULL) {
			x = xf_trimdup(s + 2, (size_t)(e - s - 2));
			if (xf_find(c, x, &r) && !r.is_group && !r.is_repeat)
				strbuf_printf(&sb, "${%s}", r.name);
			else {
				strbuf_puts(&sb, x);
				if (*gone == NULL)
					*gone = xstrdup(x);
			}
			free(x);
			s = e + 1;
		} else
			strbuf_putc(&sb, *s++);
	}
	return strbuf_take(&sb);
}

/* ---- texts ---------------------------------------------------------------- */

static char *
xf_text_one(struct xf_row *w, const char *cell, const char *what, bool *simplified,
    bool *told)
{
	char *plain, *refs, *gone = NULL;

	if (cell == NULL)
		return NULL;
	if (cmd_xlsform_plain(cell, &plain) && !*simplified) {
		xf_say(w->c, w->sheet, w->r->no, _("%s: markdown or HTML made plain text"), what);
		*simplified = true;
	}
	refs = xf_text_refs(w->c, plain, &gone);
	if (gone != NULL && !*told)
		xf_say(w->c, w->sheet, w->r->no, _("%s: ${%s} names no question avrr keeps with a "
		    "value: written %s"), what, gone, gone);
	*told |= gone != NULL;
	free(gone);
	free(plain);
	if (*refs == '\0') {
		free(refs);
		return NULL;
	}
	return refs;
}

/* The texts of column col in every language; false when it has none. */
static bool
xf_text_get(struct xf_row *w, enum xf_col col, struct xf_text *t)
{
	const char *what = xf_col_head(w->c, w->sheet, col);
	bool simplified = false, told = false;
	size_t l;

	memset(t, 0, sizeof *t);
	w->used |= 1ul << col;
	for (l = 0; l < w->c->nlangs; l++)
		t->tr[l] = xf_text_one(w, xf_cell_at(w->c, w->sheet, w->r, col, (int)l), what,
		    &simplified, &told);
	if (w->c->staff >= 0 && t->tr[w->c->staff] != NULL)
		t->staff = xstrdup(t->tr[w->c->staff]);
	else
		t->staff = xf_text_one(w, xf_cell_at(w->c, w->sheet, w->r, col, -1), what,
		    &simplified, &told);
	return t->staff != NULL;
}

static void
xf_text_free(struct xf_text *t)
{
	size_t l;

	free(t->staff);
	for (l = 0; l < XF_LANGS; l++)
		free(t->tr[l]);
	memset(t, 0, sizeof *t);
}

/* A text as the form file quotes it. */
static char *
xf_quote(const char *s)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_putc(&sb, '"');
	for (; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\')
			strbuf_putc(&sb, '\\');
		strbuf_putc(&sb, *s);
	}
	strbuf_putc(&sb, '"');
	return strbuf_take(&sb);
}

/* ---- keys ----------------------------------------------------------------- */

static struct xf_key *
xf_key_add(struct xf_item *it, const char *key, char *val)
{
	struct xf_key *k;

	if (it->nkeys == XF_KEYS) {
		free(val);
		return NULL;
	}
	k = &it->keys[it->nkeys++];
	memset(k, 0, sizeof *k);
	k->key = key;
	k->val = val;
	return k;
}

static void
xf_key_text(struct xf_item *it, const char *key, struct xf_text *t)
{
	struct xf_key *k = xf_key_add(it, key, xf_quote(t->staff));

	if (k == NULL) {
		xf_text_free(t);
		return;
	}
	k->text = *t;
	k->is_text = true;
}

static struct xf_key *
xf_key_find(struct xf_item *it, const char *key)
{
	size_t i;

	for (i = 0; i < it->nkeys; i++)
		if (!it->keys[i].dropped && strcmp(it->keys[i].key, key) == 0)
			return &it->keys[i];
	return NULL;
}

/* The context an item's expressions are read in. */
static struct xf_expr_ctx
xf_ctx(struct xf_conv *c, const struct xf_item *it)
{
	struct xf_expr_ctx x = { xf_find, c, NULL, it->repeat };

	if (it->kind == XK_FIELD)
		x.self = it->name;
	return x;
}

/* An expression column into key; reported and left out when it cannot be. */
static void
xf_key_expr(struct xf_row *w, enum xf_col col, const char *key, bool is_default)
{
	const char *cell = xf_get(w, col);
	struct xf_expr_ctx x = xf_ctx(w->c, w->item);
	char *why = NULL, *note = NULL, *sql;

	if (cell == NULL)
		return;
	sql = is_default ? cmd_xlsform_default(cell, &x, &why, &note) :
	    cmd_xlsform_expr(cell, &x, &why, &note);
	if (sql == NULL)
		xf_say(w->c, w->sheet, w->r->no, _("%s: %s: left out"),
		    xf_col_head(w->c, w->sheet, col), why);
	else
		xf_key_add(w->item, key, sql);
	if (note != NULL)
		xf_say(w->c, w->sheet, w->r->no, _("%s: %s"), xf_col_head(w->c, w->sheet, col),
		    note);
	free(why);
	free(note);
}

/* yes, true, TRUE(), 1: true; no, false, empty: false; else -1. */
static int
xf_yes(const char *v)
{
	static const char *const yes[] = { "yes", "true", "true()", "1", NULL };
	static const char *const no[] = { "no", "false", "false()", "0", NULL };
	size_t i;

	if (v == NULL)
		return 0;
	for (i = 0; yes[i] != NULL; i++)
		if (strcasecmp(v, yes[i]) == 0)
			return 1;
	for (i = 0; no[i] != NULL; i++)
		if (strcasecmp(v, no[i]) == 0)
			return 0;
	return -1;
}

static void
xf_key_flag(struct xf_row *w, enum xf_col col, const char *key)
{
	const char *v = xf_get(w, col);
	int yes = xf_yes(v);

	if (yes == 1)
		xf_key_add(w->item, key, xstrdup(""));
	else if (yes < 0)
		xf_say(w->c, w->sheet, w->r->no, _("%s: '%s' depends on other answers, which avrr "
		    "cannot carry over: left out"), xf_col_head(w->c, w->sheet, col), v);
}

static bool
xf_appearance_ok(const char *a, const char *also)
{
	size_t i;

	for (i = 0; xf_appearances_ok[i] != NULL; i++)
		if (strcmp(a, xf_appearances_ok[i]) == 0)
			return also == NULL || strcmp(a, also) == 0;
	return false;
}

static void
xf_appearance(struct xf_row *w, const char *allowed)
{
	const char *a = xf_get(w, XC_APPEARANCE);

	if (a != NULL && !xf_appearance_ok(a, allowed))
		xf_say(w->c, w->sheet, w->r->no, _("appearance '%s' has no place in a terminal "
		    "form: ignored"), a);
}

/* The messages of a rule and of a required answer: avrr has one. */
static void
xf_key_messages(struct xf_row *w)
{
	struct xf_text cm, rm;
	bool has_c = xf_text_get(w, XC_CONSTRAINT_MSG, &cm);
	bool has_r = xf_text_get(w, XC_REQUIRED_MSG, &rm);
	bool rule = xf_key_find(w->item, "constraint") != NULL;
	bool req = xf_key_find(w->item, "required") != NULL;

	if (has_c && !rule)
		xf_say(w->c, w->sheet, w->r->no, "%s", _("constraint_message: no constraint is "
		    "carried over: left out"));
	if (has_r && !req)
		xf_say(w->c, w->sheet, w->r->no, "%s", _("required_message: the question is not "
		    "required: left out"));
	if (has_c && rule) {
		if (has_r && req && strcmp(cm.staff, rm.staff) != 0)
			xf_say(w->c, w->sheet, w->r->no, "%s", _("required_message: avrr has one "
			    "message for the rule and the required answer; the constraint's is "
			    "kept: left out"));
		xf_key_text(w->item, "message", &cm);
	} else if (has_r && req) {
		xf_key_text(w->item, "message", &rm);
	}
	if (!(has_c && rule))
		xf_text_free(&cm);
	if ((has_c && rule) || !(has_r && req))
		xf_text_free(&rm);
}

/* `range`: its parameters start, end (and step) as min and max. */
static void
xf_key_range(struct xf_row *w)
{
	const char *p = xf_get(w, XC_PARAMETERS);
	double lo = 0, hi = 10, step = 1;
	char *dup, *tok, *save = NULL;
	bool whole;

	if (p != NULL) {
		dup = xstrdup(p);
		for (tok = strtok_r(dup, " ;,", &save); tok != NULL; tok = strtok_r(NULL, " ;,", &save)) {
			if (strncmp(tok, "start=", 6) == 0)
				lo = strtod(tok + 6, NULL);
			else if (strncmp(tok, "end=", 4) == 0)
				hi = strtod(tok + 4, NULL);
			else if (strncmp(tok, "step=", 5) == 0)
				step = strtod(tok + 5, NULL);
		}
		free(dup);
	}
	whole = lo == (long)lo && hi == (long)hi && step == (long)step;
	if (!whole) {
		struct xf_key *k = xf_key_find(w->item, "type");

		free(k->val);
		k->val = xstrdup("decimal");
	}
	xf_key_add(w->item, "min", xasprintf("%.15g", lo < hi ? lo : hi));
	xf_key_add(w->item, "max", xasprintf("%.15g", lo < hi ? hi : lo));
	if (step != 1 && step != -1)
		xf_say(w->c, w->sheet, w->r->no, _("parameters: the step %.15g is not kept: any "
		    "number from the start to the end is taken"), step);
}

/* ---- choice lists ------------------------------------------------------------ */

static struct xf_list *
xf_list_find(struct xf_conv *c, const char *xname)
{
	size_t i;

	for (i = 0; i < c->nlists; i++)
		if (strcmp(c->lists[i].xname, xname) == 0)
			return &c->lists[i];
	return NULL;
}

static struct xf_list *
xf_list_add(struct xf_conv *c, const char *xname, long row)
{
	struct xf_list *l;
	char *base = cmd_xlsform_name(xname);
	size_t i;
	int n = 2;

	c->lists = xgrow(c->lists, &c->caplists, c->nlists + 1, sizeof *c->lists);
	l = &c->lists[c->nlists++];
	l->xname = xstrdup(xname);
	l->name = xasprintf("%s_%s", c->form, base);
	for (i = 0; i + 1 < c->nlists; i++)
		if (strcmp(c->lists[i].name, l->name) == 0) {
			free(l->name);
			l->name = xasprintf("%s_%s_%d", c->form, base, n++);
			i = (size_t)-1;
		}
	l->row = row;
	free(base);
	return l;
}

/* The choice codes avrr stores: letters and digits, then also _ - and .,
 * at most 64 (the rule of form/parse). */
static bool
xf_code_ok(const char *s)
{
	size_t n = strlen(s);

	return n > 0 && n <= 64 && isalnum((unsigned char)s[0]) && (unsigned char)s[0] < 0x80 &&
	    strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.") == n;
}

static void
xf_choice_read(struct xf_conv *c, const struct sheet_row *r)
{
	struct xf_row w = { c, XS_CHOICES, r, 0, NULL };
	const char *ln = xf_get(&w, XC_LIST_NAME), *code = xf_get(&w, XC_NAME);
	struct xf_list *l;
	struct xf_choice *ch;
	size_t i;

	if (ln == NULL && code == NULL && !xf_cell_any(c, XS_CHOICES, r, XC_LABEL))
		return;
	if (ln == NULL || code == NULL) {
		xf_say(c, XS_CHOICES, r->no, "%s", ln == NULL ? _("a choice without list_name: "
		    "left out") : _("a choice without name: left out"));
		return;
	}
	if (!xf_code_ok(code)) {
		xf_say(c, XS_CHOICES, r->no, _("the choice code '%s' is none avrr stores (letters, "
		    "digits, then also _ - and ., at most 64): left out"), code);
		return;
	}
	if ((l = xf_list_find(c, ln)) == NULL)
		l = xf_list_add(c, ln, r->no);
	for (i = 0; i < l->n; i++)
		if (strcmp(l->items[i].code, code) == 0) {
			xf_say(c, XS_CHOICES, r->no, _("the choice '%s' is given twice in list '%s': "
			    "left out"), code, ln);
			return;
		}
	l->items = xgrow(l->items, &l->cap, l->n + 1, sizeof *l->items);
	ch = &l->items[l->n++];
	ch->code = xstrdup(code);
	ch->row = r->no;
	if (!xf_text_get(&w, XC_LABEL, &ch->label))
		ch->label.staff = xstrdup(code);
	xf_row_done(&w, _("choice"));
}

static void
xf_choices_read(struct xf_conv *c)
{
	size_t i;

	for (i = 1; i < c->sh[XS_CHOICES].nrows; i++)
		xf_choice_read(c, &c->sh[XS_CHOICES].rows[i]);
}

/* The column of the choices sheet named head (any case), or -1. */
static int
xf_choices_col(const struct xf_conv *c, const char *head)
{
	const struct sheet_row *r;
	size_t k;

	if (c->sh[XS_CHOICES].nrows == 0)
		return -1;
	r = &c->sh[XS_CHOICES].rows[0];
	for (k = 0; k < r->ncells; k++)
		if (r->cells[k] != NULL && strcasecmp(r->cells[k], head) == 0)
			return (int)k;
	return -1;
}

/* Sets each choice's parent from the column col; false when one is no code. */
static void
xf_list_parents(struct xf_conv *c, struct xf_list *l, const char *col_head)
{
	int col = xf_choices_col(c, col_head);
	size_t i, k;

	l->parent_col = col_head;
	for (i = 0; i < l->n; i++)
		for (k = 1; k < c->sh[XS_CHOICES].nrows; k++) {
			const struct sheet_row *r = &c->sh[XS_CHOICES].rows[k];
			const char *v = col >= 0 ? sheet_cell(r, (size_t)col) : NULL;

			if (r->no != l->items[i].row || v == NULL)
				continue;
			if (xf_code_ok(v))
				l->items[i].parent = xstrdup(v);
			else
				xf_say(c, XS_CHOICES, r->no, _("%s: '%s' is no choice code: the choice "
				    "has no parent"), col_head, v);
		}
}

/* choice_filter COL=${field}: `filter field`, the parents from COL. */
static void
xf_key_filter(struct xf_row *w, struct xf_list *l)
{
	const char *f = xf_get(w, XC_CHOICE_FILTER);
	const char *eq = f != NULL ? strchr(f, '=') : NULL;
	char *col = NULL, *ref = NULL;
	struct xf_item *by = NULL;

	if (f == NULL)
		return;
	if (eq != NULL && eq > f && eq[-1] != '!' && eq[-1] != '<' && eq[-1] != '>') {
		col = xf_trimdup(f, (size_t)(eq - f));
		ref = xf_trimdup(eq + 1, strlen(eq + 1));
	}
	if (col != NULL && strncmp(col, "${", 2) == 0) {	/* ${field}=COL */
		char *t = col;

		col = ref;
		ref = t;
	}
	if (col != NULL && strncmp(ref, "${", 2) == 0 && ref[strlen(ref) - 1] == '}' &&
	    strchr(ref + 2, '$') == NULL && strpbrk(ref, " =()") == NULL) {
		ref[strlen(ref) - 1] = '\0';
		by = xf_item_by_xname(w->c, ref + 2);
	}
	if (by == NULL || by->dropped || by->kind != XK_FIELD || by->type == NULL ||
	    strcmp(by->type->avrr, "select_one") != 0 || !str_eq(by->repeat, w->item->repeat) ||
	    xf_choices_col(w->c, col) < 0 || (l->parent_col != NULL &&
	    strcasecmp(l->parent_col, col) != 0)) {
		xf_say(w->c, w->sheet, w->r->no, _("choice_filter: '%s' is none avrr carries over "
		    "(it takes COLUMN=${question}, a select_one question of the same repeat and a "
		    "column of the choices sheet): left out"), f);
	} else {
		if (l->parent_col == NULL)
			xf_list_parents(w->c, l, xstrdup(col));
		xf_key_add(w->item, "filter", xstrdup(by->name));
	}
	free(col);
	free(ref);
}

/* ---- survey, first pass: items and names ----------------------------------- */

/* What follows the type's words in cell, trimmed (malloc'd). */
static char *
xf_type_rest(const char *cell, const char *xls)
{
	const char *s = cell;
	size_t words = 1;

	for (; *xls != '\0'; xls++)
		words += *xls == ' ';
	while (words-- > 0) {
		while (isspace((unsigned char)*s))
			s++;
		while (*s != '\0' && !isspace((unsigned char)*s))
			s++;
	}
	return xf_trimdup(s, strlen(s));
}

/* The type a cell names; *list (when asked) what follows it, malloc'd. */
static const struct xf_type *
xf_type_find(const char *cell, char **list)
{
	const struct xf_type *t, *best = NULL;
	char *low = xstrdup(cell), *p, *q;
	size_t n, bestn = 0;

	for (p = q = low; *p != '\0'; p++) {	/* lower case, one blank between words */
		if (isspace((unsigned char)*p) && (q == low || q[-1] == ' '))
			continue;
		*q++ = isspace((unsigned char)*p) ? ' ' : (char)tolower((unsigned char)*p);
	}
	*q = '\0';
	for (t = xf_types; t->xls != NULL; t++) {
		n = strlen(t->xls);
		if (strncmp(low, t->xls, n) == 0 && (low[n] == '\0' || low[n] == ' ') && n > bestn) {
			best = t;
			bestn = n;
		}
	}
	if (list != NULL)
		*list = best != NULL ? xf_type_rest(cell, best->xls) : NULL;
	free(low);
	return best;
}

static struct xf_item *
xf_item_add(struct xf_conv *c, enum xf_kind kind, const struct sheet_row *r, size_t srow)
{
	struct xf_item *it;

	c->items = xgrow(c->items, &c->capitems, c->nitems + 1, sizeof *c->items);
	it = &c->items[c->nitems++];
	memset(it, 0, sizeof *it);
	it->kind = kind;
	it->row = r->no;
	it->srow = srow;
	return it;
}

struct xf_pass {
	size_t	 open[64];	/* the items of the open groups and repeats */
	size_t	 nopen;
	int	 skip;		/* depth inside a repeat left out */
	long	 skip_row;
	char	*repeat;	/* the open repeat's avrr name */
};

static void
xf_pass_begin(struct xf_conv *c, struct xf_pass *ps, const struct xf_type *t,
    const struct sheet_row *r, size_t srow, const char *xname)
{
	struct xf_item *it;

	if (ps->skip > 0 || (t->flags & XT_REPEAT && ps->repeat != NULL) || ps->nopen == 64) {
		if (ps->skip++ == 0) {
			ps->skip_row = r->no;
			xf_say(c, XS_SURVEY, r->no, "%s", _("a repeat within a repeat: avrr has none, "
			    "so it is left out with every row in it"));
		} else
			xf_say(c, XS_SURVEY, r->no, _("left out with the repeat of row %ld"),
			    ps->skip_row);
		return;
	}
	it = xf_item_add(c, t->flags & XT_REPEAT ? XK_REPEAT : XK_GROUP, r, srow);
	it->type = t;
	it->repeat = xstrdup0(ps->repeat);
	it->xname = xstrdup0(xname);
	if (it->kind == XK_REPEAT) {
		it->name = xf_unique_name(c, xname != NULL ? xname : "repeat");
		it->renamed = xname == NULL || strcmp(it->name, xname) != 0;
		ps->repeat = it->name;
	}
	ps->open[ps->nopen++] = c->nitems - 1;
}

static void
xf_pass_end(struct xf_conv *c, struct xf_pass *ps, const struct xf_type *t,
    const struct sheet_row *r, size_t srow)
{
	struct xf_item *it, *op;
	size_t i;

	if (ps->skip > 0) {
		ps->skip--;
		xf_say(c, XS_SURVEY, r->no, _("left out with the repeat of row %ld"), ps->skip_row);
		return;
	}
	if (ps->nopen == 0 || (c->items[ps->open[ps->nopen - 1]].kind == XK_REPEAT) !=
	    ((t->flags & XT_REPEAT) != 0)) {
		xf_say(c, XS_SURVEY, r->no, "%s", _("this end closes no open group or repeat: "
		    "ignored"));
		return;
	}
	it = xf_item_add(c, XK_END, r, srow);
	op = &c->items[ps->open[--ps->nopen]];
	op->mate = c->nitems - 1;
	it->mate = ps->open[ps->nopen];
	it->type = t;
	if (op->kind == XK_REPEAT) {
		ps->repeat = NULL;
		for (i = 0; i < ps->nopen; i++)
			if (c->items[ps->open[i]].kind == XK_REPEAT)
				ps->repeat = c->items[ps->open[i]].name;
	}
	it->repeat = xstrdup0(ps->repeat);
}

static void
xf_pass_leaf(struct xf_conv *c, struct xf_pass *ps, const struct xf_type *t,
    const struct sheet_row *r, size_t srow, const char *xname)
{
	struct xf_item *it;

	if (ps->skip > 0) {
		xf_say(c, XS_SURVEY, r->no, _("left out with the repeat of row %ld"), ps->skip_row);
		return;
	}
	if (t->avrr == NULL) {
		xf_say(c, XS_SURVEY, r->no, _("type '%s' is %s: left out"), t->xls, _(t->why));
		return;
	}
	if (xname == NULL) {
		xf_say(c, XS_SURVEY, r->no, "%s", _("a question without name: left out"));
		return;
	}
	it = xf_item_add(c, XK_FIELD, r, srow);
	it->type = t;
	it->xname = xstrdup(xname);
	it->name = xf_unique_name(c, xname);
	it->renamed = strcmp(it->name, xname) != 0;
	it->repeat = xstrdup0(ps->repeat);
}

static void
xf_pass_row(struct xf_conv *c, struct xf_pass *ps, size_t srow)
{
	const struct sheet_row *r = &c->sh[XS_SURVEY].rows[srow];
	const char *type = xf_cell_at(c, XS_SURVEY, r, XC_TYPE, -1);
	const char *xname = xf_cell_at(c, XS_SURVEY, r, XC_NAME, -1);
	const struct xf_type *t;
	size_t k;

	if (type == NULL) {
		for (k = 0; k < r->ncells && r->cells[k] == NULL; k++)
			;
		if (k < r->ncells)
			xf_say(c, XS_SURVEY, r->no, "%s", _("a row without type: left out"));
		return;
	}
	if ((t = xf_type_find(type, NULL)) == NULL)
		xf_say(c, XS_SURVEY, r->no, _("unknown type '%s': left out"), type);
	else if (t->flags & XT_BEGIN)
		xf_pass_begin(c, ps, t, r, srow, xname);
	else if (t->flags & XT_END)
		xf_pass_end(c, ps, t, r, srow);
	else
		xf_pass_leaf(c, ps, t, r, srow, xname);
}

static void
xf_pass_structure(struct xf_conv *c)
{
	struct xf_pass ps;
	size_t i;

	memset(&ps, 0, sizeof ps);
	for (i = 1; i < c->sh[XS_SURVEY].nrows; i++)
		xf_pass_row(c, &ps, i);
	while (ps.nopen > 0) {	/* what is never closed ends with the sheet */
		struct xf_item *op = &c->items[ps.open[--ps.nopen]];
		struct xf_item *it;
		size_t opi = ps.open[ps.nopen];

		xf_say(c, XS_SURVEY, op->row, "%s", _("this group or repeat has no end: it is "
		    "closed at the end of the sheet"));
		it = xf_item_add(c, XK_END, &c->sh[XS_SURVEY].rows[c->items[opi].srow],
		    c->items[opi].srow);
		it->mate = opi;
		c->items[opi].mate = c->nitems - 1;
	}
}

/* ---- survey, second pass: keys ------------------------------------------------ */

static void
xf_keys_texts(struct xf_row *w, bool label)
{
	struct xf_text t;

	if (label && xf_text_get(w, XC_LABEL, &t))
		xf_key_text(w->item, "label", &t);
	else if (label)
		xf_text_free(&t);
	if (xf_text_get(w, XC_HINT, &t))
		xf_key_text(w->item, "hint", &t);
	else
		xf_text_free(&t);
}

/* type TYPE [LIST]; false when the question is left out. */
static bool
xf_keys_type(struct xf_row *w)
{
	const struct xf_type *t = w->item->type;
	const char *cell = xf_get(w, XC_TYPE), *a;
	char *word, *rest = NULL, *save = NULL;
	struct xf_list *l;

	if (!(t->flags & XT_LIST)) {
		a = xf_get(w, XC_APPEARANCE);
		xf_key_add(w->item, "type", xstrdup(strcmp(t->avrr, "text") == 0 && str_eq(a,
		    "multiline") ? "multiline" : t->avrr));
		if (a != NULL && !(strcmp(t->avrr, "text") == 0 && str_eq(a, "multiline")))
			xf_say(w->c, w->sheet, w->r->no, _("appearance '%s' has no place in a "
			    "terminal form: ignored"), a);
		return true;
	}
	xf_type_find(cell, &rest);
	word = strtok_r(rest, " \t", &save);
	if (word != NULL && strcasecmp(word, "from") == 0)	/* select one from LIST */
		word = strtok_r(NULL, " \t", &save);
	if (word == NULL || (l = xf_list_find(w->c, word)) == NULL) {
		xf_say(w->c, w->sheet, w->r->no, word == NULL ? _("%s names no choice list: left "
		    "out") : _("the choice list '%s' is not on the choices sheet: left out"),
		    word == NULL ? cell : word);
		free(rest);
		return false;
	}
	if ((word = strtok_r(NULL, " \t", &save)) != NULL)
		xf_say(w->c, w->sheet, w->r->no, _("'%s' after the list: avrr adds no 'other' "
		    "question: ignored"), word);
	l->used = true;
	xf_key_add(w->item, "type", xasprintf("%s %s", t->avrr, l->name));
	xf_appearance(w, "-");
	xf_key_filter(w, l);
	free(rest);
	return true;
}

static void
xf_keys_field(struct xf_row *w)
{
	const struct xf_type *t = w->item->type;
	bool calc = strcmp(t->avrr, "calculated") == 0;

	if (!xf_keys_type(w)) {
		w->item->dropped = true;
		return;
	}
	xf_keys_texts(w, true);
	xf_key_flag(w, XC_REQUIRED, "required");
	xf_key_flag(w, XC_READONLY, "readonly");
	if (t->flags & XT_HIDDEN)
		xf_key_add(w->item, "hidden", xstrdup(""));
	xf_key_expr(w, XC_RELEVANT, "relevant", false);
	xf_key_expr(w, XC_CONSTRAINT, "constraint", false);
	xf_key_messages(w);
	if (t->flags & (XT_NOW | XT_TODAY))
		xf_key_add(w->item, "default", xstrdup(t->flags & XT_NOW ? "now" : "today"));
	else
		xf_key_expr(w, XC_DEFAULT, "default", true);
	if (calc)
		xf_key_expr(w, XC_CALC, "calc", false);
	if (t->flags & XT_RANGE)
		xf_key_range(w);
	if (calc && xf_key_find(w->item, "calc") == NULL) {
		if (xf_get(w, XC_CALC) == NULL)
			xf_say(w->c, w->sheet, w->r->no, "%s", _("a calculate without calculation: "
			    "left out"));
		w->item->dropped = true;
	}
	xf_row_done(w, t->xls);
}

static void
xf_keys_group(struct xf_row *w)
{
	struct xf_text t;

	if (!xf_text_get(w, XC_LABEL, &t))
		t.staff = xstrdup(w->item->xname != NULL ? w->item->xname : _("Group"));
	w->item->head = t;
	xf_get(w, XC_TYPE);
	xf_get(w, XC_NAME);
	xf_key_expr(w, XC_RELEVANT, "relevant", false);
	xf_appearance(w, "field-list");
	xf_row_done(w, _("group"));
}

/* A whole number as a cell holds it ("3", "3.0"), or -1. */
static long
xf_whole(const char *s)
{
	char *end;
	double d = strtod(s, &end);

	if (end == s || *end != '\0' || d < 0 || d > 100000 || d != (long)d ||
	    strspn(s, "0123456789.") != strlen(s))
		return -1;
	return (long)d;
}

static void
xf_keys_repeat(struct xf_row *w)
{
	const char *n;
	char *why = NULL;
	struct xf_expr_ctx x = xf_ctx(w->c, w->item);	/* read where the repeat stands */
	struct xf_text t;
	char *sql;

	xf_get(w, XC_TYPE);
	xf_get(w, XC_NAME);
	xf_keys_texts(w, true);
	if (xf_key_find(w->item, "label") == NULL) {
		memset(&t, 0, sizeof t);
		t.staff = xstrdup(w->item->xname != NULL ? w->item->xname : w->item->name);
		xf_key_text(w->item, "label", &t);
	}
	xf_key_expr(w, XC_RELEVANT, "relevant", false);
	n = xf_get(w, XC_REPEAT_COUNT);
	if (n != NULL && xf_whole(n) >= 0) {
		xf_key_add(w->item, "min", xasprintf("%ld", xf_whole(n)));
		xf_key_add(w->item, "max", xasprintf("%ld", xf_whole(n)));
	} else if (n != NULL && (sql = cmd_xlsform_expr(n, &x, &why, NULL)) != NULL) {
		xf_key_add(w->item, "count", sql);
	} else if (n != NULL) {
		xf_say(w->c, w->sheet, w->r->no, _("repeat_count: %s: left out"), why);
		free(why);
	}
	xf_appearance(w, "field-list");
	xf_row_done(w, _("repeat"));
}

static void
xf_pass_keys(struct xf_conv *c)
{
	size_t i;

	for (i = 0; i < c->nitems; i++) {
		struct xf_item *it = &c->items[i];
		struct xf_row w = { c, XS_SURVEY, &c->sh[XS_SURVEY].rows[it->srow], 0, it };

		xf_get(&w, XC_NAME);
		if (it->kind == XK_FIELD)
			xf_keys_field(&w);
		else if (it->kind == XK_GROUP)
			xf_keys_group(&w);
		else if (it->kind == XK_REPEAT)
			xf_keys_repeat(&w);
	}
}

/* ---- settings --------------------------------------------------------------- */

static void
xf_settings(struct xf_conv *c)
{
	const struct sheet_row *r = c->sh[XS_SETTINGS].nrows > 1 ? &c->sh[XS_SETTINGS].rows[1] :
	    NULL;
	struct xf_row w = { c, XS_SETTINGS, r, 0, NULL };
	const char *id = r != NULL ? xf_get(&w, XC_FORM_ID) : NULL;
	const char *base = strrchr(c->path, '/') != NULL ? strrchr(c->path, '/') + 1 : c->path;
	char *file = xstrdup(base), *dot = strrchr(file, '.');

	if (dot != NULL)
		*dot = '\0';
	c->form = cmd_xlsform_name(id != NULL ? id : file);
	free(file);
	if (r != NULL) {
		c->version = xstrdup0(xf_get(&w, XC_VERSION));
		xf_get(&w, XC_DEFAULT_LANG);
		xf_text_get(&w, XC_FORM_TITLE, &c->title);
		xf_row_done(&w, _("setting"));
	}
	if (c->title.staff == NULL)
		c->title.staff = xstrdup(id != NULL ? id : c->form);
}

/* The staff language: default_language, else the plain label column,
 * else English, else the first language of the labels. */
static void
xf_staff(struct xf_conv *c)
{
	const struct sheet_row *r = c->sh[XS_SETTINGS].nrows > 1 ? &c->sh[XS_SETTINGS].rows[1] :
	    NULL;
	const char *dl = r != NULL ? xf_cell_at(c, XS_SETTINGS, r, XC_DEFAULT_LANG, -1) : NULL;
	char *code = dl != NULL ? xf_lang_code(dl) : NULL;
	size_t l;

	c->staff = -2;
	for (l = 0; l < c->nlangs && dl != NULL; l++)
		if (c->langs[l].code != NULL && (str_eq(c->langs[l].code, code) ||
		    strcasecmp(c->langs[l].spec, dl) == 0))
			c->staff = (int)l;
	free(code);
	if (c->staff == -2 && c->head[XS_SURVEY].plain[XC_LABEL] >= 0)
		c->staff = -1;
	for (l = 0; l < c->nlangs && c->staff == -2; l++)
		if (str_eq(c->langs[l].code, "en"))
			c->staff = (int)l;
	for (l = 0; l < c->nlangs && c->staff == -2; l++)
		if (c->langs[l].code != NULL && c->head[XS_SURVEY].lang[XC_LABEL][l] >= 0)
			c->staff = (int)l;
	if (c->staff == -2)
		c->staff = -1;
}

/* ---- the form text ------------------------------------------------------------ */

static void
xf_line_add(struct xf_conv *c, struct strbuf *sb, int item, int key, int list, int choice,
    const char *fmt, ...) __attribute__((format(printf, 7, 8)));

static void
xf_line_add(struct xf_conv *c, struct strbuf *sb, int item, int key, int list, int choice,
    const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	strbuf_puts(sb, s);
	strbuf_putc(sb, '\n');
	free(s);
	c->lines = xgrow(c->lines, &c->caplines, c->nlines + 1, sizeof *c->lines);
	c->lines[c->nlines++] = (struct xf_line){ item, key, list, choice };
}

static void
xf_render_item(struct xf_conv *c, struct strbuf *sb, size_t i)
{
	struct xf_item *it = &c->items[i];
	char *q;
	size_t k;

	if (it->kind == XK_END) {
		xf_line_add(c, sb, (int)i, -1, -1, -1, "end");
		return;
	}
	if (it->renamed && it->xname != NULL)
		xf_line_add(c, sb, -3, -1, -1, -1, "# XLSForm name: %s", it->xname);
	if (it->kind == XK_GROUP) {
		q = xf_quote(it->head.staff);
		xf_line_add(c, sb, (int)i, -1, -1, -1, "group %s", q);
		free(q);
	} else
		xf_line_add(c, sb, (int)i, -1, -1, -1, "%s %s", it->kind == XK_REPEAT ? "repeat" :
		    "field", it->name);
	for (k = 0; k < it->nkeys; k++)
		if (!it->keys[k].dropped)
			xf_line_add(c, sb, (int)i, (int)k, -1, -1, "  %s%s%s", it->keys[k].key,
			    it->keys[k].val[0] != '\0' ? " " : "", it->keys[k].val);
}

static void
xf_render_list(struct xf_conv *c, struct strbuf *sb, size_t li)
{
	struct xf_list *l = &c->lists[li];
	char *q;
	size_t i;

	xf_line_add(c, sb, -3, -1, -1, -1, "%s", "");
	xf_line_add(c, sb, -2, -1, (int)li, -1, "choices %s", l->name);
	for (i = 0; i < l->n; i++) {
		if (l->items[i].dropped)
			continue;
		q = xf_quote(l->items[i].label.staff);
		xf_line_add(c, sb, -2, -1, (int)li, (int)i, "  %s %s%s%s", l->items[i].code, q,
		    l->items[i].parent != NULL ? " " : "", l->items[i].parent != NULL ?
		    l->items[i].parent : "");
		free(q);
	}
}

static char *
xf_render(struct xf_conv *c)
{
	struct strbuf sb = STRBUF_INIT;
	char *q = xf_quote(c->title.staff);
	size_t i;

	c->nlines = 0;
	xf_line_add(c, &sb, -3, -1, -1, -1, "# Made by avrr xlsform from %s", c->path);
	if (c->version != NULL)
		xf_line_add(c, &sb, -3, -1, -1, -1, "# XLSForm version: %s", c->version);
	xf_line_add(c, &sb, -1, -1, -1, -1, "form %s", c->form);
	xf_line_add(c, &sb, -1, 0, -1, -1, "  title %s", q);
	free(q);
	for (i = 0; i < c->nitems; i++)
		if (!c->items[i].dropped)
			xf_render_item(c, &sb, i);
	for (i = 0; i < c->nlists; i++)
		if (c->lists[i].used && !c->lists[i].dropped)
			xf_render_list(c, &sb, i);
	return strbuf_take(&sb);
}

/* ---- the check of the written text ------------------------------------------ */

/* Leaves an item out; an opener with its end, a repeat with what it holds. */
static void
xf_drop_item(struct xf_conv *c, size_t i, const char *why)
{
	struct xf_item *it = &c->items[i];
	size_t k;

	if (it->kind == XK_END)
		it = &c->items[i = it->mate];
	it->dropped = true;
	xf_say(c, XS_SURVEY, it->row, _("%s: left out"), why);
	if (it->kind == XK_GROUP || it->kind == XK_REPEAT)
		c->items[it->mate].dropped = true;
	if (it->kind != XK_REPEAT)
		return;
	for (k = i + 1; k < it->mate; k++)
		if (!c->items[k].dropped && c->items[k].kind != XK_END) {
			c->items[k].dropped = true;
			xf_say(c, XS_SURVEY, c->items[k].row, _("left out with the repeat of row %ld"),
			    it->row);
		}
}

/* The key an error on an item's block line is about: "...: KEY: ...". */
static struct xf_key *
xf_key_of_msg(struct xf_item *it, const char *msg)
{
	char *pat;
	size_t k;
	bool hit;

	for (k = 0; k < it->nkeys; k++) {
		pat = xasprintf(": %s:", it->keys[k].key);
		hit = strstr(msg, pat) != NULL;
		free(pat);
		if (hit)
			return &it->keys[k];
	}
	return NULL;
}

/* One error of the check, on the item i; false when nothing could be left out. */
static bool
xf_fix_item(struct xf_conv *c, const struct xf_line *ln, const char *msg)
{
	struct xf_item *it = &c->items[ln->item];
	struct xf_key *k = ln->key >= 0 ? &it->keys[ln->key] : xf_key_of_msg(it, msg);

	if (it->dropped || (k != NULL && k->dropped))
		return true;	/* mended by an error before */
	if (k == NULL && it->kind == XK_FIELD)
		k = xf_key_find(it, "filter");
	if (k != NULL && strcmp(k->key, "type") != 0) {
		k->dropped = true;
		xf_say(c, XS_SURVEY, it->kind == XK_END ? c->items[it->mate].row : it->row,
		    _("check-forms would refuse it (%s): '%s' is left out"), msg, k->key);
		return true;
	}
	{
		char *why = xasprintf(_("check-forms would refuse it (%s)"), msg);

		xf_drop_item(c, (size_t)ln->item, why);
		free(why);
	}
	return true;
}

/* An error on a choice list: its filters go, else the list. */
static bool
xf_fix_list(struct xf_conv *c, const struct xf_line *ln, const char *msg)
{
	struct xf_list *l = &c->lists[ln->list];
	struct xf_key *k;
	bool any = false;
	size_t i;

	if (l->dropped || (ln->choice >= 0 && l->items[ln->choice].dropped))
		return true;
	if (ln->choice >= 0) {
		l->items[ln->choice].dropped = true;
		xf_say(c, XS_CHOICES, l->items[ln->choice].row, _("check-forms would refuse it "
		    "(%s): the choice is left out"), msg);
		return true;
	}
	for (i = 0; i < c->nitems; i++) {
		struct xf_item *it = &c->items[i];
		struct xf_key *t = it->dropped ? NULL : xf_key_find(it, "type");

		if (t == NULL || strchr(t->val, ' ') == NULL ||
		    strcmp(strchr(t->val, ' ') + 1, l->name) != 0 ||
		    (k = xf_key_find(it, "filter")) == NULL)
			continue;
		k->dropped = true;
		any = true;
		xf_say(c, XS_SURVEY, it->row, _("check-forms would refuse it (%s): 'filter' is "
		    "left out"), msg);
	}
	if (any)
		return true;
	l->dropped = true;
	xf_say(c, XS_CHOICES, l->row, _("check-forms would refuse it (%s): the list is left "
	    "out"), msg);
	return true;
}

/* One error "NAME.form:LINE: message"; false when it could not be mended. */
static bool
xf_fix(struct xf_conv *c, const char *err, char **fatal)
{
	size_t n = strlen(c->filename);
	const char *msg;
	char *end;
	long line;

	if (strncmp(err, c->filename, n) != 0 || err[n] != ':')
		return false;
	line = strtol(err + n + 1, &end, 10);
	msg = *end == ':' ? end + 1 : end;
	while (*msg == ' ')
		msg++;
	if (line < 1 || (size_t)line > c->nlines || c->lines[line - 1].item == -3 ||
	    c->lines[line - 1].item == -1) {
		free(*fatal);
		*fatal = xstrdup(msg);
		return false;
	}
	if (c->lines[line - 1].item == -2)
		return xf_fix_list(c, &c->lines[line - 1], msg);
	return xf_fix_item(c, &c->lines[line - 1], msg);
}

/* Checks text as check-forms does; the number of errors mended, -1 when one
 * cannot be (*fatal says why), 0 when it passes. */
static int
xf_check(struct xf_conv *c, const char *text, char **fatal)
{
	struct form_set *set = form_set_new();
	struct db_expr *x;
	size_t i;
	int fixed = 0;

	form_set_parse(set, c->filename, text);
	form_set_finish(set);
	if (set->nerrors == 0) {
		x = db_expr_new();
		db_expr_check_set(x, set);
		db_expr_free(x);
	}
	for (i = 0; i < set->nerrors && fixed >= 0; i++)
		fixed = xf_fix(c, set->errors[i], fatal) ? fixed + 1 : -1;
	form_set_free(set);
	return fixed;
}

static size_t
xf_count_fields(const struct xf_conv *c)
{
	size_t i, n = 0;

	for (i = 0; i < c->nitems; i++)
		n += !c->items[i].dropped && c->items[i].kind == XK_FIELD;
	return n;
}

/* ---- PO fragments ------------------------------------------------------------- */

struct xf_po {
	struct strbuf	  sb;
	char		**ids;
	size_t		  nids, cap;
	size_t		  missing;
	int		  lang;
};

static void
xf_po_text(struct xf_po *po, const struct xf_text *t)
{
	const char *tr;
	size_t i;

	if (t->staff == NULL)
		return;
	for (i = 0; i < po->nids; i++)
		if (strcmp(po->ids[i], t->staff) == 0)
			return;
	po->ids = xgrow(po->ids, &po->cap, po->nids + 1, sizeof *po->ids);
	po->ids[po->nids++] = t->staff;
	tr = po->lang >= 0 ? t->tr[po->lang] : NULL;
	po->missing += tr == NULL;
	strbuf_puts(&po->sb, "\nmsgid ");
	cmd_xlsform_po_str(&po->sb, t->staff);
	strbuf_puts(&po->sb, "\nmsgstr ");
	cmd_xlsform_po_str(&po->sb, tr != NULL ? tr : "");
	strbuf_putc(&po->sb, '\n');
}

static void
xf_po_items(const struct xf_conv *c, struct xf_po *po)
{
	size_t i, k;

	xf_po_text(po, &c->title);
	for (i = 0; i < c->nitems; i++) {
		const struct xf_item *it = &c->items[i];

		if (it->dropped)
			continue;
		if (it->kind == XK_GROUP)
			xf_po_text(po, &it->head);
		for (k = 0; k < it->nkeys; k++)
			if (!it->keys[k].dropped && it->keys[k].is_text)
				xf_po_text(po, &it->keys[k].text);
	}
	for (i = 0; i < c->nlists; i++)
		for (k = 0; k < c->lists[i].n && c->lists[i].used && !c->lists[i].dropped; k++)
			if (!c->lists[i].items[k].dropped)
				xf_po_text(po, &c->lists[i].items[k].label);
}

static char *
xf_po_make(const struct xf_conv *c, int lang, size_t *missing, size_t *ntexts)
{
	struct xf_po po;

	memset(&po, 0, sizeof po);
	po.lang = lang;
	strbuf_printf(&po.sb, "# %s: %s (%s)\n", c->form, c->langs[lang].spec, c->path);
	strbuf_puts(&po.sb, "msgid \"\"\nmsgstr \"\"\n");
	strbuf_puts(&po.sb, "\"Project-Id-Version: ");
	strbuf_puts(&po.sb, c->form);
	strbuf_printf(&po.sb, "\\n\"\n\"Language: %s\\n\"\n", c->langs[lang].code);
	strbuf_puts(&po.sb, "\"MIME-Version: 1.0\\n\"\n\"Content-Type: text/plain; "
	    "charset=UTF-8\\n\"\n\"Content-Transfer-Encoding: 8bit\\n\"\n");
	xf_po_items(c, &po);
	*missing = po.missing;
	*ntexts = po.nids;
	free(po.ids);
	return strbuf_take(&po.sb);
}

static void
xf_po_all(const struct xf_conv *c, struct xf_result *res)
{
	size_t l;

	for (l = 0; l < c->nlangs; l++) {
		if (c->langs[l].code == NULL || (int)l == c->staff)
			continue;
		if (c->staff >= 0 && str_eq(c->langs[l].code, c->langs[c->staff].code))
			continue;
		res->po_codes = xrealloc(res->po_codes, (res->npo + 1) * sizeof *res->po_codes);
		res->po_texts = xrealloc(res->po_texts, (res->npo + 1) * sizeof *res->po_texts);
		res->po_missing = xrealloc(res->po_missing, (res->npo + 1) *
		    sizeof *res->po_missing);
		res->po_codes[res->npo] = xstrdup(c->langs[l].code);
		res->po_texts[res->npo] = xf_po_make(c, (int)l, &res->po_missing[res->npo],
		    &res->ntexts);
		res->npo++;
	}
}

/* ---- the conversion ------------------------------------------------------------ */

/* True when a choice_filter reads the choices column head. */
static bool
xf_filter_col_used(const struct xf_conv *c, const char *head)
{
	size_t i;

	for (i = 0; i < c->nlists; i++)
		if (c->lists[i].parent_col != NULL && strcasecmp(c->lists[i].parent_col, head) == 0)
			return true;
	return false;
}

static void
xf_extra_cols(struct xf_conv *c, int sheet, const bool *extra)
{
	const struct sheet_row *r = &c->sh[sheet].rows[0];
	size_t k;

	for (k = 0; k < r->ncells && k < XF_COLS; k++) {
		if (!extra[k] || (sheet == XS_CHOICES && xf_filter_col_used(c, r->cells[k])))
			continue;
		xf_say(c, sheet, 1, _("column '%s' has no place in a terminal form: ignored"),
		    r->cells[k]);
	}
}

/* The sheet name, Name or NAME (XLSForm sheet names ignore case). */
static bool
xf_read_sheet(const char *path, const char *name, struct sheet *sh, char **err)
{
	char *alt = xstrdup(name), *more = NULL;
	size_t i;
	bool ok;

	if ((ok = sheet_read_xlsx(path, name, sh, err)))
		goto out;
	alt[0] = (char)toupper((unsigned char)alt[0]);
	if ((ok = sheet_read_xlsx(path, alt, sh, &more)))
		goto out;
	free(more);
	more = NULL;
	for (i = 0; alt[i] != '\0'; i++)
		alt[i] = (char)toupper((unsigned char)alt[i]);
	ok = sheet_read_xlsx(path, alt, sh, &more);
out:
	if (ok) {
		free(*err);
		*err = NULL;
	}
	free(more);
	free(alt);
	return ok;
}

static bool
xf_read(struct xf_conv *c, struct xf_result *res)
{
	char *err = NULL;
	int s;

	for (s = 0; s < XS__COUNT; s++) {
		c->has[s] = xf_read_sheet(c->path, xf_sheet_names[s], &c->sh[s], &err);
		if (!c->has[s] && s == XS_SURVEY) {
			res->error = err;
			return false;
		}
		free(err);
		err = NULL;
		xf_sheet_trim(&c->sh[s]);
	}
	return true;
}

static void
xf_conv_free(struct xf_conv *c)
{
	size_t i, k;
	int s;

	for (s = 0; s < XS__COUNT; s++)
		sheet_free(&c->sh[s]);
	for (i = 0; i < c->nlangs; i++) {
		free(c->langs[i].spec);
		free(c->langs[i].code);
	}
	for (i = 0; i < c->nitems; i++) {
		free(c->items[i].xname);
		free(c->items[i].name);
		free(c->items[i].repeat);
		xf_text_free(&c->items[i].head);
		for (k = 0; k < c->items[i].nkeys; k++) {
			free(c->items[i].keys[k].val);
			xf_text_free(&c->items[i].keys[k].text);
		}
	}
	for (i = 0; i < c->nlists; i++) {
		for (k = 0; k < c->lists[i].n; k++) {
			free(c->lists[i].items[k].code);
			free(c->lists[i].items[k].parent);
			xf_text_free(&c->lists[i].items[k].label);
		}
		free(c->lists[i].items);
		free(c->lists[i].xname);
		free(c->lists[i].name);
		free((char *)c->lists[i].parent_col);
	}
	for (i = 0; i < c->nmsgs; i++)
		free(c->msgs[i].text);
	free(c->msgs);
	free(c->items);
	free(c->lists);
	free(c->lines);
	free(c->form);
	free(c->version);
	free(c->filename);
	xf_text_free(&c->title);
}

/* Writes the text and checks it until it passes; false when it cannot. */
static bool
xf_settle(struct xf_conv *c, struct xf_result *res)
{
	char *text = NULL, *fatal = NULL;
	int round, fixed = 1;

	if (xf_count_fields(c) == 0) {
		res->error = xasprintf(_("%s: no question could be carried over"), c->path);
		return false;
	}
	for (round = 0; round < XF_ROUNDS && fixed > 0; round++) {
		free(text);
		text = xf_render(c);
		fixed = xf_check(c, text, &fatal);
	}
	if (fixed != 0 || xf_count_fields(c) == 0) {
		res->error = fatal != NULL && xf_count_fields(c) > 0 ?
		    xasprintf(_("%s: the form cannot be written: %s"), c->path, fatal) :
		    xasprintf(_("%s: no question could be carried over"), c->path);
		free(text);
		free(fatal);
		return false;
	}
	res->form_text = text;
	return true;
}

static void
xf_result_lines(struct xf_conv *c, struct xf_result *res)
{
	size_t i;

	if (c->nmsgs > 1)
		qsort(c->msgs, c->nmsgs, sizeof *c->msgs, xf_msg_cmp);
	res->lines = xcalloc(c->nmsgs + 1, sizeof *res->lines);
	for (i = 0; i < c->nmsgs; i++) {
		res->lines[i] = c->msgs[i].text;
		c->msgs[i].text = NULL;
	}
	res->nlines = c->nmsgs;
}

bool
cmd_xlsform_convert(const char *path, struct xf_result *res)
{
	struct xf_conv c;
	bool extra[XS__COUNT][XF_COLS], ok = false;
	int s;

	memset(res, 0, sizeof *res);
	memset(&c, 0, sizeof c);
	c.path = path;
	if (!xf_read(&c, res))
		goto out;
	for (s = 0; s < XS__COUNT; s++) {
		memset(extra[s], 0, sizeof extra[s]);
		xf_head_read(&c, s, extra[s]);
	}
	if (c.head[XS_SURVEY].plain[XC_TYPE] < 0) {
		res->error = xasprintf(_("%s: the survey sheet has no 'type' column"), path);
		goto out;
	}
	xf_staff(&c);
	xf_settings(&c);
	c.filename = xasprintf("%s.form", c.form);
	xf_choices_read(&c);
	xf_pass_structure(&c);
	xf_pass_keys(&c);
	for (s = 0; s < XS__COUNT; s++)
		if (c.sh[s].nrows > 0)
			xf_extra_cols(&c, s, extra[s]);
	if (!xf_settle(&c, res))
		goto out;
	res->form_name = xstrdup(c.form);
	res->nfields = xf_count_fields(&c);
	xf_po_all(&c, res);
	ok = true;
out:
	xf_result_lines(&c, res);
	xf_conv_free(&c);
	return ok;
}

void
cmd_xlsform_result_free(struct xf_result *res)
{
	size_t i;

	for (i = 0; i < res->npo; i++) {
		free(res->po_codes[i]);
		free(res->po_texts[i]);
	}
	for (i = 0; i < res->nlines; i++)
		free(res->lines[i]);
	free(res->po_codes);
	free(res->po_texts);
	free(res->po_missing);
	free(res->lines);
	free(res->form_name);
	free(res->form_text);
	free(res->error);
	memset(res, 0, sizeof *res);
}

/* ---- the command ------------------------------------------------------------------ */

static bool
xf_exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

static int
xf_mkdir(const char *dir)
{
	if (mkdir(dir, 0700) == 0 || errno == EEXIST)
		return 0;
	cmd_error(_("%s: cannot create the folder: %s"), dir, strerror(errno));
	return 1;
}

/* The paths the command writes; 1 after a message when one exists. */
static int
xf_targets(const char *dir, const struct xf_result *res, char ***paths)
{
	size_t i;
	int rc = 0;

	*paths = xcalloc(res->npo + 1, sizeof **paths);
	(*paths)[0] = xasprintf("%s/%s.form", dir, res->form_name);
	for (i = 0; i < res->npo; i++)
		(*paths)[i + 1] = xasprintf("%s/locale/%s.po", dir, res->po_codes[i]);
	for (i = 0; i <= res->npo && rc == 0; i++)
		if (xf_exists((*paths)[i])) {
			cmd_error(_("%s exists: it is not overwritten (remove it, or give another "
			    "--output)"), (*paths)[i]);
			rc = 1;
		}
	return rc;
}

static int
xf_write(const char *dir, const struct xf_result *res)
{
	char **paths, *loc;
	size_t i;
	int rc;

	if ((rc = xf_mkdir(dir)) != 0)
		return rc;
	rc = xf_targets(dir, res, &paths);
	loc = xasprintf("%s/locale", dir);
	if (rc == 0 && res->npo > 0)
		rc = xf_mkdir(loc);
	if (rc == 0)
		rc = cmd_write_new(paths[0], res->form_text, strlen(res->form_text));
	for (i = 0; i < res->npo && rc == 0; i++)
		rc = cmd_write_new(paths[i + 1], res->po_texts[i], strlen(res->po_texts[i]));
	for (i = 0; i <= res->npo; i++)
		free(paths[i]);
	free(paths);
	free(loc);
	return rc;
}

static void
xf_summary(const char *dir, const struct xf_result *res)
{
	size_t i;

	printf(_("%s/%s.form: %zu questions; %zu rows or cells not carried over (listed above)\n"),
	    dir, res->form_name, res->nfields, res->nlines);
	for (i = 0; i < res->npo; i++)
		printf(_("%s/locale/%s.po: %zu texts, %zu without a translation\n"), dir,
		    res->po_codes[i], res->ntexts, res->po_missing[i]);
}

int
cmd_xlsform(const struct cmd_args *a)
{
	const char *dir = cmd_opt_get(a, "output") != NULL ? cmd_opt_get(a, "output") : ".";
	struct xf_result res;
	size_t i;
	int rc;

	if (!cmd_xlsform_convert(a->operands[0], &res)) {
		for (i = 0; i < res.nlines; i++)
			fprintf(stderr, "%s\n", res.lines[i]);
		cmd_error("%s", res.error != NULL ? res.error : a->operands[0]);
		cmd_xlsform_result_free(&res);
		return 1;
	}
	for (i = 0; i < res.nlines; i++)
		fprintf(stderr, "%s\n", res.lines[i]);
	rc = xf_write(dir, &res);
	if (rc == 0)
		xf_summary(dir, &res);
	cmd_xlsform_result_free(&res);
	return rc;
}
