/*
 * demo/demo_person: the registration of a case (the applicant and the family
 * returning together) and the consent to data processing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "demo/demo_int.h"
#include "util/date.h"
#include "util/mem.h"
#include "util/str.h"

static void
cmd_demo_email(struct cmd_demo *d, struct form_record *rec, const struct cmd_demo_person *p)
{
	struct strbuf sb = STRBUF_INIT;
	const char *s;

	for (s = p->given; *s != '\0' && *s != ' '; s++)
		if ((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z'))
			strbuf_putc(&sb, (char)(*s | 0x20));
	strbuf_putc(&sb, '.');
	for (s = p->surname; *s != '\0'; s++)
		if ((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z'))
			strbuf_putc(&sb, (char)(*s | 0x20));
	strbuf_printf(&sb, "%ld@%s", cmd_demo_range(d, 1, 99),
	    cmd_demo_chance(d, 70) ? "gmail.com" : "mail.ru");
	cmd_demo_set(d, rec, "email", sb.s);
	strbuf_free(&sb);
}

static void
cmd_demo_names(struct cmd_demo *d, struct form_record *rec, const struct cmd_demo_nation *nat,
    const struct cmd_demo_person *p)
{
	char *native = cmd_demo_native_name(nat, p);

	cmd_demo_set(d, rec, "surname", p->surname);
	cmd_demo_set(d, rec, "given_names", p->given);
	cmd_demo_set(d, rec, "native_name", native);
	cmd_demo_pick(d, rec, "sex", p->female ? "female" : "male");
	cmd_demo_date(d, rec, "dob", p->dob);
	cmd_demo_pick(d, rec, "nationality", nat->country);
	free(native);
}

/* Whole years from the day dob to the day at, as the lifecycle rules count them. */
static long
cmd_demo_age(long dob, long at)
{
	struct date b = date_from_days(dob), a = date_from_days(at);

	return a.y - b.y - (a.m < b.m || (a.m == b.m && a.d < b.d));
}

static void
cmd_demo_member(struct cmd_demo *d, struct form_record *rec, const struct cmd_demo_case *c,
    const char *rel, bool female, long age)
{
	struct form_record *row = cmd_demo_row(d, rec, "family");
	struct cmd_demo_person p;

	if (row == NULL)
		return;
	cmd_demo_person(d, c->nat, female, c->day0 - age * 365 - cmd_demo_range(d, 0, 364),
	    c->person.surname, &p);
	cmd_demo_names(d, row, c->nat, &p);
	cmd_demo_pick(d, row, "relationship", rel);
	cmd_demo_set(d, row, "relationship_other", "Nephew");
	cmd_demo_pick(d, row, "vulnerabilities", cmd_demo_age(p.dob, c->day0) >= 65 ?
	    "elderly" : "none");
}

/* Family returning together; the vulnerability the family brings, or NULL. */
static const char *
cmd_demo_family(struct cmd_demo *d, struct form_record *rec, const struct cmd_demo_case *c)
{
	long age = (c->day0 - c->person.dob) / 365, kids, k;
	bool spouse = cmd_demo_chance(d, 70);

	if (age < 18 || !cmd_demo_chance(d, 30))
		return NULL;
	if (spouse)
		cmd_demo_member(d, rec, c, "spouse", !c->person.female,
		    age + cmd_demo_range(d, -5, 4) < 18 ? 18 : age + cmd_demo_range(d, -5, 4));
	kids = age >= 21 ? cmd_demo_range(d, spouse ? 0 : 1, 3) : 0;
	for (k = 0; k < kids; k++)
		cmd_demo_member(d, rec, c, "child", cmd_demo_chance(d, 50),
		    cmd_demo_range(d, 1, age - 19 < 17 ? age - 19 : 17));
	if (!spouse && kids == 0)
		cmd_demo_member(d, rec, c, cmd_demo_chance(d, 85) ? "parent" : "other",
		    cmd_demo_chance(d, 85), cmd_demo_range(d, 60, 78));
	if (cmd_demo_chance(d, 5))
		cmd_demo_member(d, rec, c, "sibling", cmd_demo_chance(d, 50),
		    cmd_demo_range(d, 18, 40));
	return !spouse && kids > 0 ? "single_parent" : NULL;
}

static void
cmd_demo_vulnerable(struct cmd_demo *d, struct form_record *rec,
    const struct cmd_demo_case *c, const char *family)
{
	long age = cmd_demo_age(c->person.dob, c->day0);	/* at registration */
	struct strbuf sb = STRBUF_INIT;

	if (age < 18)
		strbuf_puts(&sb, "unaccompanied_minor ");
	if (age >= 60)
		strbuf_puts(&sb, "elderly ");
	if (family != NULL)
		strbuf_printf(&sb, "%s ", family);
	if (cmd_demo_chance(d, 12))
		strbuf_puts(&sb, cmd_demo_chance(d, 70) ? "medical " : "disability ");
	if (c->person.female && age < 40 && cmd_demo_chance(d, 5))
		strbuf_puts(&sb, "pregnancy ");
	if (cmd_demo_chance(d, 2))
		strbuf_puts(&sb, "trafficking ");
	cmd_demo_many(d, rec, "vulnerabilities", sb.len > 0 ? str_trim(sb.s) : "none");
	if (sb.len > 0)
		cmd_demo_set(d, rec, "vulnerability_notes", cmd_demo_text(d, "health"));
	strbuf_free(&sb);
}

static void
cmd_demo_situation(struct cmd_demo *d, struct form_record *rec, const struct cmd_demo_case *c)
{
	static const struct cmd_demo_w detained[] = { { "detained", 90 }, { "rejected", 10 },
	    { NULL, 0 } };
	static const struct cmd_demo_w asylum[] = { { "asylum_seeker", 60 }, { "rejected", 40 },
	    { NULL, 0 } };
	static const struct cmd_demo_w other[] = { { "irregular", 50 }, { "rejected", 20 },
	    { "other", 15 }, { "asylum_seeker", 15 }, { NULL, 0 } };
	const char *loc = c->location;

	cmd_demo_pick(d, rec, "location", loc);
	cmd_demo_set(d, rec, "address", cmd_demo_slovak_address(d));
	if (str_eq(loc, "medvedov") || str_eq(loc, "secovce") || str_eq(loc, "detention_other"))
		cmd_demo_pick_w(d, rec, "legal_status", detained);
	else if (str_eq(loc, "humenne") || str_eq(loc, "opatovska") || str_eq(loc, "rohovce") ||
	    str_eq(loc, "zvolen") || str_eq(loc, "asylum_other"))
		cmd_demo_pick_w(d, rec, "legal_status", asylum);
	else
		cmd_demo_pick_w(d, rec, "legal_status", other);
	cmd_demo_set(d, rec, "legal_status_other", cmd_demo_chance(d, 50) ? "Tolerated stay" :
	    "Expired visa, overstay");
}

int
cmd_demo_registration(struct cmd_demo *d, struct cmd_demo_case *c, char **err)
{
	struct form_record *rec = cmd_demo_record(d, "registration", c->c.id);
	const char *family;

	if (rec == NULL)
		return 0;
	cmd_demo_names(d, rec, c->nat, &c->person);
	cmd_demo_pick(d, rec, "return_country", c->nat->country);
	cmd_demo_set(d, rec, "return_place", c->nat->places[cmd_demo_range(d, 0,
	    (long)c->nat->nplaces - 1)]);
	cmd_demo_many(d, rec, "languages", c->nat->langs);
	cmd_demo_set(d, rec, "interpreter", c->interpreter ? "yes" : "no");
	cmd_demo_pick(d, rec, "interpreter_language", c->lang);
	if (cmd_demo_chance(d, 92))
		cmd_demo_set(d, rec, "phone", c->phone);
	if (cmd_demo_chance(d, 25))
		cmd_demo_email(d, rec, &c->person);
	cmd_demo_situation(d, rec, c);
	family = cmd_demo_family(d, rec, c);
	cmd_demo_vulnerable(d, rec, c, family);
	cmd_demo_set(d, rec, "project", c->project->code);
	return cmd_demo_save(d, rec, err);
}

int
cmd_demo_consent(struct cmd_demo *d, struct cmd_demo_case *c, char **err)
{
	struct form_record *rec = cmd_demo_record(d, "consent", c->c.id);

	if (rec == NULL)
		return 0;
	cmd_demo_set(d, rec, "consent_given", c->consent ? "yes" : "no");
	cmd_demo_date(d, rec, "consent_on", c->day0);
	/* Without an interpreter: the client's language, Russian, or English. */
	cmd_demo_pick(d, rec, "explained_in", c->interpreter || cmd_demo_chance(d, 30) ? c->lang :
	    strstr(c->nat->langs, "ru") != NULL ? "ru" : "en");
	cmd_demo_set(d, rec, "by_interpreter", c->interpreter ? "yes" : "no");
	cmd_demo_set(d, rec, "signed_paper", cmd_demo_chance(d, 95) ? "yes" : "no");
	return cmd_demo_save(d, rec, err);
}
