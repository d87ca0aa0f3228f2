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
demo_email(struct demo *d, struct form_record *rec, const struct demo_person *p)
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
	strbuf_printf(&sb, "%ld@%s", demo_range(d, 1, 99),
	    demo_chance(d, 70) ? "gmail.com" : "mail.ru");
	demo_set(d, rec, "email", sb.s);
	strbuf_free(&sb);
}

/* The roles of a person's names, birth and nationality: the applicant's, a relative's. */
enum { DEMO_SURNAME, DEMO_GIVEN, DEMO_NATIVE, DEMO_DOB, DEMO_NATIONALITY, DEMO_SEX, DEMO__NAMES };

static const enum form_wf_role demo_applicant[DEMO__NAMES] = {
	WFR_REG_SURNAME, WFR_REG_GIVEN, WFR_REG_NATIVE, WFR_REG_DOB, WFR_REG_NATIONALITY,
	WFR_REG_SEX,
};
static const enum form_wf_role demo_relative[DEMO__NAMES] = {
	WFR_FAM_SURNAME, WFR_FAM_GIVEN, WFR_FAM_NATIVE, WFR_FAM_DOB, WFR_FAM_NATIONALITY,
	WFR_FAM_SEX,
};

static void
demo_names(struct demo *d, struct form_record *rec, const enum form_wf_role *role,
    const struct demo_nation *nat, const struct demo_person *p)
{
	char *native = demo_native_name(nat, p);

	demo_set(d, rec, demo_f(d, role[DEMO_SURNAME]), p->surname);
	demo_set(d, rec, demo_f(d, role[DEMO_GIVEN]), p->given);
	demo_set(d, rec, demo_f(d, role[DEMO_NATIVE]), native);
	demo_pick(d, rec, demo_f(d, role[DEMO_SEX]), p->female ? "female" : "male");
	demo_date(d, rec, demo_f(d, role[DEMO_DOB]), p->dob);
	demo_pick(d, rec, demo_f(d, role[DEMO_NATIONALITY]), nat->country);
	free(native);
}

/* Whole years from the day dob to the day at, as the lifecycle rules count them. */
static long
demo_age(long dob, long at)
{
	struct date b = date_from_days(dob), a = date_from_days(at);

	return a.y - b.y - (a.m < b.m || (a.m == b.m && a.d < b.d));
}

static void
demo_member(struct demo *d, struct form_record *rec, const struct demo_case *c,
    const char *rel, bool female, long age)
{
	struct form_record *row = demo_row(d, rec, demo_f(d, WFR_REG_FAMILY));
	struct demo_person p;

	if (row == NULL)
		return;
	demo_person(d, c->nat, female, c->day0 - age * 365 - demo_range(d, 0, 364),
	    c->person.surname, &p);
	demo_names(d, row, demo_relative, c->nat, &p);
	demo_pick(d, row, demo_f(d, WFR_FAM_RELATIONSHIP), rel);
	demo_set(d, row, demo_f(d, WFR_FAM_RELATIONSHIP_OTHER), "Nephew");
	demo_pick(d, row, demo_f(d, WFR_FAM_VULN), demo_age(p.dob, c->day0) >= 65 ?
	    "elderly" : "none");
}

/* Family returning together; the vulnerability the family brings, or NULL. */
static const char *
demo_family(struct demo *d, struct form_record *rec, const struct demo_case *c)
{
	long age = (c->day0 - c->person.dob) / 365, kids, k;
	bool spouse = demo_chance(d, 70);

	if (age < 18 || !demo_chance(d, 30))
		return NULL;
	if (spouse)
		demo_member(d, rec, c, "spouse", !c->person.female,
		    age + demo_range(d, -5, 4) < 18 ? 18 : age + demo_range(d, -5, 4));
	kids = age >= 21 ? demo_range(d, spouse ? 0 : 1, 3) : 0;
	for (k = 0; k < kids; k++)
		demo_member(d, rec, c, "child", demo_chance(d, 50),
		    demo_range(d, 1, age - 19 < 17 ? age - 19 : 17));
	if (!spouse && kids == 0)
		demo_member(d, rec, c, demo_chance(d, 85) ? "parent" : "other",
		    demo_chance(d, 85), demo_range(d, 60, 78));
	if (demo_chance(d, 5))
		demo_member(d, rec, c, "sibling", demo_chance(d, 50),
		    demo_range(d, 18, 40));
	return !spouse && kids > 0 ? "single_parent" : NULL;
}

static void
demo_vulnerable(struct demo *d, struct form_record *rec,
    const struct demo_case *c, const char *family)
{
	long age = demo_age(c->person.dob, c->day0);	/* at registration */
	struct strbuf sb = STRBUF_INIT;

	if (age < 18)
		strbuf_puts(&sb, "unaccompanied_minor ");
	if (age >= 60)
		strbuf_puts(&sb, "elderly ");
	if (family != NULL)
		strbuf_printf(&sb, "%s ", family);
	if (demo_chance(d, 12))
		strbuf_puts(&sb, demo_chance(d, 70) ? "medical " : "disability ");
	if (c->person.female && age < 40 && demo_chance(d, 5))
		strbuf_puts(&sb, "pregnancy ");
	if (demo_chance(d, 2))
		strbuf_puts(&sb, "trafficking ");
	demo_many(d, rec, demo_f(d, WFR_REG_VULN), sb.len > 0 ? str_trim(sb.s) : "none");
	if (sb.len > 0)
		demo_set(d, rec, "vulnerability_notes", demo_text(d, "health"));
	strbuf_free(&sb);
}

static void
demo_situation(struct demo *d, struct form_record *rec, const struct demo_case *c)
{
	static const struct demo_w detained[] = { { "detained", 90 }, { "rejected", 10 },
	    { NULL, 0 } };
	static const struct demo_w asylum[] = { { "asylum_seeker", 60 }, { "rejected", 40 },
	    { NULL, 0 } };
	static const struct demo_w other[] = { { "irregular", 50 }, { "rejected", 20 },
	    { "other", 15 }, { "asylum_seeker", 15 }, { NULL, 0 } };
	const char *loc = c->location;

	demo_pick(d, rec, demo_f(d, WFR_REG_LOCATION), loc);
	demo_set(d, rec, "address", demo_slovak_address(d));
	if (str_eq(loc, "medvedov") || str_eq(loc, "secovce") || str_eq(loc, "detention_other"))
		demo_pick_w(d, rec, demo_f(d, WFR_REG_LEGAL), detained);
	else if (str_eq(loc, "humenne") || str_eq(loc, "opatovska") || str_eq(loc, "rohovce") ||
	    str_eq(loc, "zvolen") || str_eq(loc, "asylum_other"))
		demo_pick_w(d, rec, demo_f(d, WFR_REG_LEGAL), asylum);
	else
		demo_pick_w(d, rec, demo_f(d, WFR_REG_LEGAL), other);
	demo_set(d, rec, "legal_status_other", demo_chance(d, 50) ? "Tolerated stay" :
	    "Expired visa, overstay");
}

int
demo_registration(struct demo *d, struct demo_case *c, char **err)
{
	struct form_record *rec = demo_stage(d, WFS_REGISTRATION, c->c.id);
	const char *family;

	if (rec == NULL)
		return 0;
	demo_names(d, rec, demo_applicant, c->nat, &c->person);
	demo_pick(d, rec, demo_f(d, WFR_REG_RETURN_COUNTRY), c->nat->country);
	demo_set(d, rec, "return_place", c->nat->places[demo_range(d, 0,
	    (long)c->nat->nplaces - 1)]);
	demo_many(d, rec, demo_f(d, WFR_REG_LANGUAGES), c->nat->langs);
	demo_set(d, rec, demo_f(d, WFR_REG_INTERPRETER), c->interpreter ? "yes" : "no");
	demo_pick(d, rec, demo_f(d, WFR_REG_INTERPRETER_LANG), c->lang);
	if (demo_chance(d, 92))
		demo_set(d, rec, demo_f(d, WFR_REG_PHONE), c->phone);
	if (demo_chance(d, 25))
		demo_email(d, rec, &c->person);
	demo_situation(d, rec, c);
	family = demo_family(d, rec, c);
	demo_vulnerable(d, rec, c, family);
	demo_set(d, rec, demo_f(d, WFR_REG_PROJECT), c->project->code);
	return demo_save(d, rec, err);
}

int
demo_consent(struct demo *d, struct demo_case *c, char **err)
{
	struct form_record *rec = demo_stage(d, WFS_CONSENT, c->c.id);

	if (rec == NULL)
		return 0;
	demo_set(d, rec, demo_f(d, WFR_CONSENT_GIVEN), c->consent ? "yes" : "no");
	demo_date(d, rec, demo_f(d, WFR_CONSENT_ON), c->day0);
	demo_set(d, rec, demo_f(d, WFR_CONSENT_EVENT), DEMO_CODE(consent_event, "given"));
	if (c->consent)
		demo_many(d, rec, demo_f(d, WFR_CONSENT_SCOPE),
		    "processing embassy carriers providers partner monitoring");
	/* Without an interpreter: the client's language, Russian, or English. */
	demo_pick(d, rec, demo_f(d, WFR_CONSENT_EXPLAINED_IN),
	    c->interpreter || demo_chance(d, 30) ? c->lang :
	    strstr(c->nat->langs, "ru") != NULL ? "ru" : "en");
	demo_set(d, rec, "by_interpreter", c->interpreter ? "yes" : "no");
	demo_set(d, rec, "signed_paper", demo_chance(d, 95) ? "yes" : "no");
	return demo_save(d, rec, err);
}
