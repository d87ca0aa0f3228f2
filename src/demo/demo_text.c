/*
 * demo/demo_text: the free texts of the demo: what counsellors, officers and
 * operators write in notes, and the providers of reintegration assistance.
 */
#include <stddef.h>

#include "demo/demo_int.h"
#include "util/str.h"

#define DEMO_N(a)	(sizeof (a) / sizeof (a)[0])

static const char *const t_questions[] = {
	"Can my family travel with me on the same flight?",
	"How long does the replacement travel document take?",
	"Will I get help to start a small business at home?",
	"Can I take my luggage and tools with me?",
	"What happens with my asylum procedure if I sign up for return?",
	"Who will meet me at the airport?",
	"Is the reintegration help paid in cash?",
	"Can the plan pay for my children's school fees?",
	"Can I come back to Slovakia later?",
	"Is there help with medication after return?",
};
static const char *const t_next[] = {
	"Client to bring the birth certificate of the children.",
	"Request a replacement travel document from the embassy.",
	"Book the flight once the document is issued.",
	"Prepare the reintegration plan with the mission.",
	"Call the client next week about the departure date.",
	"Send the needs assessment to the mission for comments.",
	"Ask the facility for the medical report before departure.",
	"Collect quotations from two providers.",
};
static const char *const t_work[] = {
	"Eight years as a car mechanic in a small workshop.",
	"Worked on the family farm; some seasonal work in construction.",
	"Taxi driver for five years, own car sold before leaving.",
	"Tailor, worked from home; sewing machine left with relatives.",
	"Shop assistant in a grocery store, then ran a market stall.",
	"Builder: plastering, tiling, painting.",
	"Cook in a restaurant for six years.",
	"No formal work; helped with livestock at home.",
};
static const char *const t_skills[] = {
	"Driving licence B; basic computer skills.",
	"Welding and metal work; speaks some English.",
	"Baking; knows the local market for bread and pastry.",
	"Hairdressing; worked in a salon.",
	"Beekeeping, inherited the knowledge from the father.",
	"Mobile phone repairs.",
	"Accounting basics, Excel.",
};
static const char *const t_family[] = {
	"Will live with the parents, who are elderly and need support.",
	"Wife and two children wait at home; they live in a rented flat.",
	"Single; will share the house of a brother.",
	"Returns with the spouse and children; the house needs repairs.",
	"Mother is ill; the client will be the main earner of the household.",
};
static const char *const t_health[] = {
	"No health problems reported.",
	"Diabetes type 2, needs insulin for the first months.",
	"Back pain after an injury at work; physiotherapy recommended.",
	"High blood pressure, under treatment.",
	"Psychological support advised after detention.",
};
static const char *const t_idea[] = {
	"Open a small car repair workshop with a second-hand lift and tools.",
	"Buy a greenhouse and grow vegetables for the local market.",
	"Finish the vocational course and find a job as an electrician.",
	"Rent a kiosk and sell phones and accessories.",
	"Buy two cows and sell milk to the village dairy.",
	"Set up a small bakery in the ground floor of the family house.",
	"Study IT at the technical college.",
	"Work as a taxi driver with a used car.",
};
static const char *const t_business[] = {
	"Tools and a hydraulic lift for a car repair workshop",
	"Greenhouse, seedlings and an irrigation system",
	"Two dairy cows and a milking machine",
	"Sewing machines and fabric for a tailoring workshop",
	"Oven, mixer and working capital for a small bakery",
	"Shelves, fridge and first stock for a grocery kiosk",
	"Beehives, protective gear and a honey extractor",
};
static const char *const t_education[] = {
	"Tuition fees for the first year at the technical college",
	"School fees, books and a laptop",
	"Fees for the nursing course",
};
static const char *const t_training[] = {
	"Driving licence course, category C",
	"IT course: computer networks, three months",
	"Welding course with certificate",
	"Hairdressing course",
	"Accounting course for small businesses",
};
static const char *const t_job[] = {
	"Job placement in a construction company: six months of salary support",
	"CV, referral to employers and interview preparation",
	"Placement as a cook: salary support for four months",
};
static const char *const t_legal[] = {
	"Lawyer's fees for restoring identity documents",
	"Legal assistance with the property registration of the family house",
	"Legal aid in the inheritance proceedings",
};
static const char *const t_material[] = {
	"Household equipment: fridge, stove and washing machine",
	"Furniture for two rooms",
	"Repair of the roof and windows of the family house",
	"Beds and bedding for the family",
};
static const char *const t_medical[] = {
	"Medical examination and treatment of diabetes, medication for three months",
	"Physiotherapy, ten sessions",
	"Dental treatment",
	"Psychological counselling, twelve sessions",
};
static const char *const t_accommodation[] = {
	"Rent of a flat for the first three months after arrival",
	"Lodging in a guest house for the first month",
	"Rent for two months while the house is repaired",
};
static const char *const t_justify[] = {
	"The client has long experience in the trade and a market for it in the town.",
	"Gives the family a steady income within the first months.",
	"The course leads to a certificate that local employers ask for.",
	"Without it the family cannot live in the house during the winter.",
	"Treatment is needed before the client can work.",
	"Bridges the first months until the business brings income.",
};
static const char *const t_call[] = {
	"Asked how the voluntary return works and what it costs.",
	"Wanted to know whether reintegration help is possible for the whole family.",
	"Asked about the state of the travel document requested from the embassy.",
	"Facility staff announced a client who wishes to return; counselling agreed.",
	"Alien Police asked whether the person is registered for assisted return.",
	"Caller asked about the flight date and the luggage allowance.",
	"Relative asked whether the client arrived safely.",
	"Asked about eligibility after a rejected asylum application.",
};
static const char *const t_campaign[] = {
	"Good attendance; many questions about reintegration help.",
	"Interpreter joined by phone for part of the meeting.",
	"Leaflets in the new languages were well received.",
	"Staff of the facility asked for more posters.",
	"Several participants asked for individual counselling.",
};
static const char *const t_monitoring[] = {
	"The workshop is running; two regular customers already.",
	"The client works as planned and supports the family.",
	"Equipment in use; income still irregular.",
	"Part of the equipment was sold; the client looks for work.",
	"The family lives in the repaired house; children go to school.",
	"The client finished the course and got a job offer.",
};
static const char *const t_closure[] = {
	"All plan items paid and monitored.",
	"The client decided to stay and applied for a residence permit.",
	"Did not come to the airport; no contact since.",
	"Left the facility without notice.",
	"Returned by the Alien Police before the planned departure.",
	"Moved to another EU country.",
};
static const char *const t_medneeds[] = {
	"Medication for the journey; medical certificate for the airline.",
	"Wheelchair assistance at the airports.",
	"Insulin kept cool during the journey.",
};
static const char *const t_place_detail[] = {
	"Alien Police department Bratislava", "Border Control Sobrance",
	"Community centre, Košice", "Asylum centre Humenné, dining room",
	"Detention centre Medveďov, meeting room", "Mosque community, Bratislava",
	"Vietnamese market hall, Bratislava",
};

static const struct {
	const char		*topic;
	const char *const	*texts;
	size_t			 n;
} demo_texts[] = {
#define T(name, arr) { name, arr, DEMO_N(arr) }
	T("questions", t_questions), T("steps", t_next), T("work", t_work),
	T("skills", t_skills), T("household", t_family), T("health", t_health),
	T("idea", t_idea), T("business", t_business), T("education", t_education),
	T("training", t_training), T("job", t_job), T("legal", t_legal),
	T("material", t_material), T("medical", t_medical),
	T("accommodation", t_accommodation), T("justification", t_justify),
	T("call_summary", t_call), T("campaign_notes", t_campaign),
	T("monitoring", t_monitoring), T("medical_needs", t_medneeds),
	T("place_detail", t_place_detail),
#undef T
};

const char *
demo_closure_note(int idx)
{
	return t_closure[(size_t)idx % DEMO_N(t_closure)];
}

/* A text for topic; an assistance type the table lacks gets a general line. */
const char *
demo_text(struct demo *d, const char *topic)
{
	size_t i;

	for (i = 0; i < DEMO_N(demo_texts); i++)
		if (str_eq(demo_texts[i].topic, topic))
			return demo_texts[i].texts[demo_range(d, 0,
			    (long)demo_texts[i].n - 1)];
	return "Assistance agreed with the client and the mission.";
}

static const struct {
	const char	*type;
	const char	*names[3];
} demo_providers[] = {
	{ "business", { "Agro Service Ltd.", "Auto Parts Wholesale", "Building Materials Market" } },
	{ "education", { "City Technical College", "State University", "Medical College" } },
	{ "training", { "Vocational Training Centre", "Driving School Avtomaster", "IT Academy" } },
	{ "job", { "Employment Agency ProJob", "Stroy Invest Ltd.", "Restaurant Old Town" } },
	{ "legal", { "Legal Aid Bureau", "Law Office Partners", "Legal Aid Bureau" } },
	{ "material", { "Home Furniture House", "Building Materials Market", "Electro World" } },
	{ "medical", { "Family Medical Centre", "Regional Hospital", "Pharmacy Plus" } },
	{ "accommodation", { "Guest House Central", "Real Estate Agency Dom", "Hostel Sunrise" } },
};

static const char *const demo_slovak_providers[] = {
	"Autoškola Kováč, s.r.o.", "Jazyková škola Novák", "Kurzy Šimko, s.r.o.",
	"Zváračská škola Baláž", "Kaderníctvo Lukáčová - kurzy",
};

/* local: a provider in the country of return, else one in Slovakia. */
const char *
demo_provider(struct demo *d, const char *item_type, bool local)
{
	size_t i;

	if (!local)
		return DEMO_ONE(d, demo_slovak_providers);
	for (i = 0; i < DEMO_N(demo_providers); i++)
		if (str_eq(demo_providers[i].type, item_type))
			return DEMO_ONE(d, demo_providers[i].names);
	return "Local provider";
}

/* The office's staff (user names as their Unix accounts). */
const char *
demo_staff(struct demo *d, const char *role)
{
	static const char *const counsellors[] = { "jnovakova", "mkovac", "lhorvathova" };
	static const char *const officers[] = { "pvarga", "ztothova" };
	static const char *const reint[] = { "mbalaz", "knagyova" };
	static const char *const hotline[] = { "eszabo", "tmolnar" };

	if (str_eq(role, "return"))
		return DEMO_ONE(d, officers);
	if (str_eq(role, "reintegration"))
		return DEMO_ONE(d, reint);
	if (str_eq(role, "hotline"))
		return DEMO_ONE(d, hotline);
	if (str_eq(role, "supervisor"))
		return "ssimkova";
	return DEMO_ONE(d, counsellors);
}
