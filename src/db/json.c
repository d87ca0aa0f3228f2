#include "db/json.h"

#include <stddef.h>

#include "form/type.h"
#include "util/str.h"

const struct db_json_style db_json_audit = { .grouped = false, .ids = false,
    .cur_suffix = "_currency" };
const struct db_json_style db_json_draft = { .grouped = true, .ids = true,
    .cur_suffix = "" };

/* The parts of a field a writer may take. */
#define DB_JSON_VALS	0x1u
#define DB_JSON_CURS	0x2u
#define DB_JSON_KIDS	0x4u

void
db_json_str(struct strbuf *sb, const char *s)
{
	const unsigned char *p, *run;

	if (s == NULL) {
		strbuf_puts(sb, "null");
		return;
	}
	strbuf_putc(sb, '"');
	/* plain runs are copied whole: this runs over every value audited */
	for (p = run = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p != '"' && *p != '\\' && *p >= 0x20 && *p != 0x7f)
			continue;
		strbuf_add(sb, (const char *)run, (size_t)(p - run));
		run = p + 1;
		if (*p == '"' || *p == '\\') {
			strbuf_putc(sb, '\\');
			strbuf_putc(sb, (char)*p);
		} else if (*p == '\n')
			strbuf_puts(sb, "\\n");
		else if (*p == '\t')
			strbuf_puts(sb, "\\t");
		else
			strbuf_printf(sb, "\\u%04x", *p);
	}
	strbuf_add(sb, (const char *)run, (size_t)(p - run));
	strbuf_putc(sb, '"');
}

void
db_json_key(struct strbuf *sb, bool *first, const char *name, const char *suffix)
{
	if (!*first)
		strbuf_putc(sb, ',');
	*first = false;
	/* names are identifiers: nothing to escape */
	strbuf_putc(sb, '"');
	strbuf_puts(sb, name);
	strbuf_puts(sb, suffix);
	strbuf_puts(sb, "\":");
}

void
db_json_rows(struct strbuf *sb, const struct form_rows *rows, const struct db_json_style *style)
{
	size_t r;

	strbuf_putc(sb, '[');
	for (r = 0; rows != NULL && r < rows->n; r++) {
		if (r > 0)
			strbuf_putc(sb, ',');
		db_json_record(sb, rows->rows[r], style);
	}
	strbuf_putc(sb, ']');
}

/* The parts of field i that the record holds. The flat style takes only what
 * the field's type has: its keys would collide otherwise. */
static void
db_json_field(struct strbuf *sb, bool *first, const struct form_record *rec, size_t i,
    unsigned parts, const struct db_json_style *style)
{
	const struct form_field *f = &rec->def->fields[i];
	bool any = style->grouped;

	if ((parts & DB_JSON_KIDS) && rec->kids[i].n > 0 && (any || f->type == FT_REPEAT)) {
		db_json_key(sb, first, f->name, "");
		db_json_rows(sb, &rec->kids[i], style);
	}
	if ((parts & DB_JSON_VALS) && rec->vals[i] != NULL && (any || f->type != FT_REPEAT)) {
		db_json_key(sb, first, f->name, "");
		db_json_str(sb, rec->vals[i]);
	}
	if ((parts & DB_JSON_CURS) && form_record_part(rec, i, 1) != NULL &&
	    (any || form_type(f->type)->extra != NULL)) {
		db_json_key(sb, first, f->name, style->cur_suffix);
		db_json_str(sb, form_record_part(rec, i, 1));
	}
}

static void
db_json_fields(struct strbuf *sb, bool *first, const struct form_record *rec,
    unsigned parts, const struct db_json_style *style)
{
	size_t i;

	for (i = 0; i < rec->def->nfields; i++)
		db_json_field(sb, first, rec, i, parts, style);
}

static const struct db_json_group {
	const char	*key;
	unsigned	 parts;
} db_json_groups[] = {
	{ "vals", DB_JSON_VALS },
	{ "curs", DB_JSON_CURS },
	{ "kids", DB_JSON_KIDS },
};

void
db_json_record(struct strbuf *sb, const struct form_record *rec,
    const struct db_json_style *style)
{
	bool first = true, inner;
	size_t g;

	strbuf_putc(sb, '{');
	if (style->ids && rec->id != 0) {
		strbuf_printf(sb, "\"id\":%lld", (long long)rec->id);
		first = false;
	}
	if (!style->grouped)
		db_json_fields(sb, &first, rec, DB_JSON_VALS | DB_JSON_CURS | DB_JSON_KIDS, style);
	for (g = 0; style->grouped && g < sizeof db_json_groups / sizeof *db_json_groups; g++) {
		db_json_key(sb, &first, db_json_groups[g].key, "");
		strbuf_putc(sb, '{');
		inner = true;
		db_json_fields(sb, &inner, rec, db_json_groups[g].parts, style);
		strbuf_putc(sb, '}');
	}
	strbuf_putc(sb, '}');
}

void
db_json_sides(struct strbuf *sb, const char *old, const char *new, bool raw)
{
	strbuf_putc(sb, '{');
	if (old != NULL) {
		strbuf_puts(sb, "\"old\":");
		if (raw)
			strbuf_puts(sb, old);
		else
			db_json_str(sb, old);
	}
	if (new != NULL) {
		strbuf_puts(sb, old != NULL ? ",\"new\":" : "\"new\":");
		if (raw)
			strbuf_puts(sb, new);
		else
			db_json_str(sb, new);
	}
	strbuf_putc(sb, '}');
}

void
db_json_change(struct strbuf *sb, bool *first, const char *name, const char *suffix,
    const char *old, const char *new)
{
	if (str_eq(old, new))
		return;
	db_json_key(sb, first, name, suffix);
	db_json_sides(sb, old, new, false);
}
