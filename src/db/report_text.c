/* db/report_text: a report's words in the staff language, and its audit row
 * (db/report.h). */
#include "db/report.h"

#include <stdlib.h>

#include "db/audit.h"
#include "db/json.h"
#include "form/form.h"
#include "util/str.h"
#include "util/mem.h"
#include "util/tr.h"
#include "util/utf8.h"

char *
db_report_key_text(const struct form_set *set, const struct db_report_table *t,
    const char *key)
{
	const struct form_choices *cl;
	const struct form_choice *c;

	if (key == NULL)
		return xstrdup(_("(not stated)"));
	if (t->keys_msgid)
		return utf8_sanitize(_(key));
	cl = t->list != NULL && set != NULL ? form_set_choices(set, t->list) : NULL;
	c = cl != NULL ? form_choice_find(cl, key) : NULL;
	return utf8_sanitize(c != NULL ? _(c->label) : key);
}

/* Numbers only: the catalogs have no plural forms, so each sentence reads
 * right for any number. */
void
db_report_sentences(const struct db_report_headline *h, char *out[DB_REPORT_NSENT])
{
	out[0] = xstrdup(_("In this period:"));
	out[1] = xasprintf(_("reintegration schemes implemented: %ld, in countries: %ld;"),
	    h->schemes, h->countries);
	out[2] = xasprintf(_("persons who returned voluntarily: %ld (cases: %ld);"), h->persons,
	    h->cases);
	out[3] = xasprintf(_("cases given stabilisation support: %ld."), h->stabilised);
}

enum db_status
db_report_audit(struct db *db, const char *name, const struct db_report_filter *f,
    char **err)
{
	struct strbuf sb = STRBUF_INIT;
	bool first = true;
	enum db_status st;

	strbuf_putc(&sb, '{');
	db_json_change(&sb, &first, "report", "", NULL, name);
	db_json_change(&sb, &first, "from", "", NULL, f->from);
	db_json_change(&sb, &first, "to", "", NULL, f->to);
	db_json_change(&sb, &first, "of_project", "", NULL, f->project);
	strbuf_putc(&sb, '}');
	st = db_audit_event(db, "report", 0, strbuf_str(&sb), err);
	strbuf_free(&sb);
	return st;
}
