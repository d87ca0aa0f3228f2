/*
 * demo/demo_names: the nations of the demo's clients: names in Latin and
 * native script, places of return, phone codes, currencies and routes home.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "demo/demo_int.h"
#include "util/mem.h"
#include "util/str.h"

#define DEMO_N(a)	(sizeof (a) / sizeof (a)[0])

/* Ukraine: no flights since 2022, so the way home is by train or bus. */
static const struct demo_surname ua_sur[] = {
	{ "SHEVCHENKO", "Шевченко", NULL, NULL }, { "KOVALENKO", "Коваленко", NULL, NULL },
	{ "BONDARENKO", "Бондаренко", NULL, NULL }, { "TKACHENKO", "Ткаченко", NULL, NULL },
	{ "KRAVCHENKO", "Кравченко", NULL, NULL }, { "OLIINYK", "Олійник", NULL, NULL },
	{ "MELNYK", "Мельник", NULL, NULL }, { "BOIKO", "Бойко", NULL, NULL },
	{ "SAVCHENKO", "Савченко", NULL, NULL }, { "LYSENKO", "Лисенко", NULL, NULL },
	{ "HONCHARUK", "Гончарук", NULL, NULL }, { "MOROZ", "Мороз", NULL, NULL },
};
static const struct demo_name ua_m[] = {
	{ "Oleksandr", "Олександр" }, { "Andrii", "Андрій" }, { "Serhii", "Сергій" },
	{ "Dmytro", "Дмитро" }, { "Mykola", "Микола" }, { "Vasyl", "Василь" },
	{ "Yurii", "Юрій" }, { "Taras", "Тарас" }, { "Bohdan", "Богдан" },
};
static const struct demo_name ua_f[] = {
	{ "Olena", "Олена" }, { "Nataliia", "Наталія" }, { "Iryna", "Ірина" },
	{ "Oksana", "Оксана" }, { "Tetiana", "Тетяна" }, { "Yuliia", "Юлія" },
	{ "Halyna", "Галина" }, { "Khrystyna", "Христина" },
};
static const char *const ua_places[] = {
	"Uzhhorod, Zakarpattia", "Mukachevo, Zakarpattia", "Lviv", "Ivano-Frankivsk",
	"Chernivtsi", "Vinnytsia", "Kyiv", "Rivne", "Ternopil",
};
static const struct demo_leg ua_routes[][DEMO_LEGS] = {
	{ { "Košice (bus)", "Uzhhorod (bus)", NULL } },
	{ { "Bratislava hl. st. (train)", "Chop (train)", NULL },
	  { "Chop (train)", "Lviv (train)", NULL } },
};

static const struct demo_surname ru_sur[] = {
	{ "IVANOV", "Иванов", "IVANOVA", "Иванова" },
	{ "SMIRNOV", "Смирнов", "SMIRNOVA", "Смирнова" },
	{ "KUZNETSOV", "Кузнецов", "KUZNETSOVA", "Кузнецова" },
	{ "POPOV", "Попов", "POPOVA", "Попова" },
	{ "SOKOLOV", "Соколов", "SOKOLOVA", "Соколова" },
	{ "MOROZOV", "Морозов", "MOROZOVA", "Морозова" },
	{ "MAGOMEDOV", "Магомедов", "MAGOMEDOVA", "Магомедова" },
	{ "KADYROV", "Кадыров", "KADYROVA", "Кадырова" },
	{ "ABDULAEV", "Абдулаев", "ABDULAEVA", "Абдулаева" },
};
static const struct demo_name ru_m[] = {
	{ "Aleksandr", "Александр" }, { "Dmitrii", "Дмитрий" }, { "Sergei", "Сергей" },
	{ "Andrei", "Андрей" }, { "Aleksei", "Алексей" }, { "Ivan", "Иван" },
	{ "Ruslan", "Руслан" }, { "Magomed", "Магомед" }, { "Islam", "Ислам" },
};
static const struct demo_name ru_f[] = {
	{ "Elena", "Елена" }, { "Olga", "Ольга" }, { "Tatiana", "Татьяна" },
	{ "Natalia", "Наталья" }, { "Irina", "Ирина" }, { "Madina", "Мадина" },
	{ "Zarema", "Зарема" }, { "Anna", "Анна" },
};
static const char *const ru_places[] = {
	"Grozny, Chechen Republic", "Makhachkala, Dagestan", "Nazran, Ingushetia",
	"Moscow", "Saint Petersburg", "Kazan", "Rostov-on-Don", "Volgograd",
};
static const struct demo_leg ru_routes[][DEMO_LEGS] = {
	{ { "VIE Vienna", "IST Istanbul", "TK" }, { "IST Istanbul", "SVO Moscow", "TK" } },
	{ { "VIE Vienna", "BEG Belgrade", "JU" }, { "BEG Belgrade", "SVO Moscow", "JU" } },
};

static const struct demo_surname ge_sur[] = {
	{ "BERIDZE", "ბერიძე", NULL, NULL }, { "KAPANADZE", "კაპანაძე", NULL, NULL },
	{ "GELASHVILI", "გელაშვილი", NULL, NULL }, { "MAISURADZE", "მაისურაძე", NULL, NULL },
	{ "GIORGADZE", "გიორგაძე", NULL, NULL }, { "LOMIDZE", "ლომიძე", NULL, NULL },
	{ "TSIKLAURI", "წიკლაური", NULL, NULL }, { "BOLKVADZE", "ბოლქვაძე", NULL, NULL },
	{ "NOZADZE", "ნოზაძე", NULL, NULL }, { "KHUTSISHVILI", "ხუციშვილი", NULL, NULL },
};
static const struct demo_name ge_m[] = {
	{ "Giorgi", "გიორგი" }, { "Davit", "დავით" }, { "Levan", "ლევან" },
	{ "Irakli", "ირაკლი" }, { "Zurab", "ზურაბ" }, { "Nika", "ნიკა" },
	{ "Mikheil", "მიხეილ" }, { "Tornike", "თორნიკე" },
};
static const struct demo_name ge_f[] = {
	{ "Nino", "ნინო" }, { "Tamar", "თამარ" }, { "Mariam", "მარიამ" },
	{ "Ketevan", "ქეთევან" }, { "Natia", "ნათია" }, { "Eka", "ეკა" }, { "Salome", "სალომე" },
};
static const char *const ge_places[] = {
	"Tbilisi", "Kutaisi, Imereti", "Batumi, Adjara", "Rustavi, Kvemo Kartli",
	"Zugdidi, Samegrelo", "Gori, Shida Kartli", "Telavi, Kakheti", "Samtredia, Imereti",
};
static const struct demo_leg ge_routes[][DEMO_LEGS] = {
	{ { "VIE Vienna", "TBS Tbilisi", "OS" } },
	{ { "VIE Vienna", "KUT Kutaisi", "W6" } },
	{ { "VIE Vienna", "IST Istanbul", "TK" }, { "IST Istanbul", "TBS Tbilisi", "TK" } },
};

/* Vietnamese passports print the name without diacritics. */
static const struct demo_surname vn_sur[] = {
	{ "NGUYEN", "Nguyễn", NULL, NULL }, { "TRAN", "Trần", NULL, NULL },
	{ "LE", "Lê", NULL, NULL }, { "PHAM", "Phạm", NULL, NULL },
	{ "HOANG", "Hoàng", NULL, NULL }, { "HUYNH", "Huỳnh", NULL, NULL },
	{ "PHAN", "Phan", NULL, NULL }, { "VU", "Vũ", NULL, NULL },
	{ "DANG", "Đặng", NULL, NULL }, { "BUI", "Bùi", NULL, NULL },
	{ "DO", "Đỗ", NULL, NULL },
};
static const struct demo_name vn_m[] = {
	{ "Van Hung", "Văn Hùng" }, { "Van Nam", "Văn Nam" }, { "Duc Anh", "Đức Anh" },
	{ "Minh Tuan", "Minh Tuấn" }, { "Quang Huy", "Quang Huy" },
	{ "Thanh Tung", "Thanh Tùng" }, { "Van Long", "Văn Long" }, { "Huu Thang", "Hữu Thắng" },
};
static const struct demo_name vn_f[] = {
	{ "Thi Lan", "Thị Lan" }, { "Thi Hoa", "Thị Hoa" }, { "Thu Trang", "Thu Trang" },
	{ "Ngoc Anh", "Ngọc Anh" }, { "Thi Mai", "Thị Mai" }, { "Thi Huong", "Thị Hương" },
	{ "Thanh Thuy", "Thanh Thủy" },
};
static const char *const vn_places[] = {
	"Hà Nội", "Hải Phòng", "Nam Định", "Nghệ An (Vinh)", "Hà Tĩnh", "Thanh Hóa",
	"Quảng Bình", "Thái Bình",
};
static const struct demo_leg vn_routes[][DEMO_LEGS] = {
	{ { "VIE Vienna", "IST Istanbul", "TK" }, { "IST Istanbul", "HAN Hanoi", "TK" } },
	{ { "VIE Vienna", "DOH Doha", "QR" }, { "DOH Doha", "HAN Hanoi", "QR" } },
	{ { "PRG Prague", "HAN Hanoi", "VN" } },
};

static const struct demo_surname iq_sur[] = {
	{ "AL-JUBOURI", "الجبوري", NULL, NULL }, { "AL-OBAIDI", "العبيدي", NULL, NULL },
	{ "HASSAN", "حسن", NULL, NULL }, { "AL-TAMIMI", "التميمي", NULL, NULL },
	{ "AL-DULAIMI", "الدليمي", NULL, NULL }, { "MAHMOUD", "محمود", NULL, NULL },
	{ "ABDULLAH", "عبدالله", NULL, NULL }, { "KAREEM", "كريم", NULL, NULL },
	{ "SALIH", "صالح", NULL, NULL },
};
static const struct demo_name iq_m[] = {
	{ "Ahmed", "أحمد" }, { "Mohammed", "محمد" }, { "Ali", "علي" }, { "Hussein", "حسين" },
	{ "Omar", "عمر" }, { "Mustafa", "مصطفى" }, { "Karrar", "كرار" }, { "Haidar", "حيدر" },
};
static const struct demo_name iq_f[] = {
	{ "Fatima", "فاطمة" }, { "Zainab", "زينب" }, { "Maryam", "مريم" }, { "Noor", "نور" },
	{ "Sara", "سارة" }, { "Huda", "هدى" },
};
static const char *const iq_places[] = {
	"Baghdad", "Erbil, Kurdistan Region", "Sulaymaniyah, Kurdistan Region", "Basra",
	"Mosul, Nineveh", "Najaf", "Kirkuk", "Duhok, Kurdistan Region",
};
static const struct demo_leg iq_routes[][DEMO_LEGS] = {
	{ { "VIE Vienna", "IST Istanbul", "TK" }, { "IST Istanbul", "BGW Baghdad", "TK" } },
	{ { "VIE Vienna", "EBL Erbil", "OS" } },
	{ { "VIE Vienna", "IST Istanbul", "TK" }, { "IST Istanbul", "BSR Basra", "TK" } },
};

static const struct demo_surname af_sur[] = {
	{ "AHMADZAI", "احمدزی", NULL, NULL }, { "RAHIMI", "رحیمی", NULL, NULL },
	{ "HAKIMI", "حکیمی", NULL, NULL }, { "KARIMI", "کریمی", NULL, NULL },
	{ "POPAL", "پوپل", NULL, NULL }, { "SULTANI", "سلطانی", NULL, NULL },
	{ "NOORI", "نوری", NULL, NULL }, { "AMIRI", "امیری", NULL, NULL },
	{ "HAIDARI", "حیدری", NULL, NULL },
};
static const struct demo_name af_m[] = {
	{ "Ahmad", "احمد" }, { "Mohammad", "محمد" }, { "Abdul Rahman", "عبدالرحمن" },
	{ "Farid", "فرید" }, { "Jawad", "جواد" }, { "Hamid", "حمید" }, { "Najib", "نجیب" },
};
static const struct demo_name af_f[] = {
	{ "Fatima", "فاطمه" }, { "Zahra", "زهرا" }, { "Mariam", "مریم" },
	{ "Shabnam", "شبنم" }, { "Parwana", "پروانه" }, { "Nargis", "نرگس" },
};
static const char *const af_places[] = {
	"Kabul", "Herat", "Mazar-i-Sharif, Balkh", "Jalalabad, Nangarhar", "Kunduz",
	"Bamyan",
};
static const struct demo_leg af_routes[][DEMO_LEGS] = {
	{ { "VIE Vienna", "DXB Dubai", "EK" }, { "DXB Dubai", "KBL Kabul", "FZ" } },
	{ { "VIE Vienna", "IST Istanbul", "TK" }, { "IST Istanbul", "KBL Kabul", "RQ" } },
};

static const struct demo_surname ir_sur[] = {
	{ "MOHAMMADI", "محمدی", NULL, NULL }, { "HOSSEINI", "حسینی", NULL, NULL },
	{ "AHMADI", "احمدی", NULL, NULL }, { "REZAEI", "رضایی", NULL, NULL },
	{ "MORADI", "مرادی", NULL, NULL }, { "JAFARI", "جعفری", NULL, NULL },
	{ "HASHEMI", "هاشمی", NULL, NULL }, { "GHASEMI", "قاسمی", NULL, NULL },
	{ "SADEGHI", "صادقی", NULL, NULL },
};
static const struct demo_name ir_m[] = {
	{ "Reza", "رضا" }, { "Ali", "علی" }, { "Mehdi", "مهدی" }, { "Hossein", "حسین" },
	{ "Amir", "امیر" }, { "Saeed", "سعید" }, { "Hamed", "حامد" }, { "Babak", "بابک" },
};
static const struct demo_name ir_f[] = {
	{ "Maryam", "مریم" }, { "Fatemeh", "فاطمه" }, { "Zahra", "زهرا" }, { "Neda", "ندا" },
	{ "Leila", "لیلا" }, { "Shirin", "شیرین" },
};
static const char *const ir_places[] = {
	"Tehran", "Mashhad, Razavi Khorasan", "Isfahan", "Tabriz, East Azerbaijan",
	"Shiraz, Fars", "Karaj, Alborz", "Ahvaz, Khuzestan",
};
static const struct demo_leg ir_routes[][DEMO_LEGS] = {
	{ { "VIE Vienna", "IKA Tehran", "IR" } },
	{ { "VIE Vienna", "IST Istanbul", "TK" }, { "IST Istanbul", "IKA Tehran", "TK" } },
};

/* Serbian passports print the Latin name with its diacritics. */
static const struct demo_surname rs_sur[] = {
	{ "JOVANOVIĆ", "Јовановић", NULL, NULL }, { "PETROVIĆ", "Петровић", NULL, NULL },
	{ "NIKOLIĆ", "Николић", NULL, NULL }, { "MARKOVIĆ", "Марковић", NULL, NULL },
	{ "ĐORĐEVIĆ", "Ђорђевић", NULL, NULL }, { "STOJANOVIĆ", "Стојановић", NULL, NULL },
	{ "ILIĆ", "Илић", NULL, NULL }, { "STANKOVIĆ", "Станковић", NULL, NULL },
	{ "PAVLOVIĆ", "Павловић", NULL, NULL }, { "MILOŠEVIĆ", "Милошевић", NULL, NULL },
};
static const struct demo_name rs_m[] = {
	{ "Marko", "Марко" }, { "Nikola", "Никола" }, { "Stefan", "Стефан" },
	{ "Miloš", "Милош" }, { "Dragan", "Драган" }, { "Nenad", "Ненад" }, { "Dejan", "Дејан" },
};
static const struct demo_name rs_f[] = {
	{ "Jelena", "Јелена" }, { "Milica", "Милица" }, { "Ana", "Ана" }, { "Marija", "Марија" },
	{ "Dragana", "Драгана" }, { "Ivana", "Ивана" },
};
static const char *const rs_places[] = {
	"Beograd", "Novi Sad, Vojvodina", "Niš", "Kragujevac", "Subotica, Vojvodina",
	"Leskovac", "Vranje",
};
static const struct demo_leg rs_routes[][DEMO_LEGS] = {
	{ { "VIE Vienna", "BEG Belgrade", "JU" } },
	{ { "Bratislava (bus)", "Beograd (bus)", NULL } },
};

static const struct demo_surname am_sur[] = {
	{ "PETROSYAN", "Պետրոսյան", NULL, NULL }, { "HARUTYUNYAN", "Հարությունյան", NULL, NULL },
	{ "GRIGORYAN", "Գրիգորյան", NULL, NULL }, { "SARGSYAN", "Սարգսյան", NULL, NULL },
	{ "HOVHANNISYAN", "Հովհաննիսյան", NULL, NULL }, { "KHACHATRYAN", "Խաչատրյան", NULL, NULL },
	{ "VARDANYAN", "Վարդանյան", NULL, NULL }, { "GEVORGYAN", "Գևորգյան", NULL, NULL },
	{ "KARAPETYAN", "Կարապետյան", NULL, NULL }, { "MKRTCHYAN", "Մկրտչյան", NULL, NULL },
};
static const struct demo_name am_m[] = {
	{ "Aram", "Արամ" }, { "Armen", "Արմեն" }, { "Davit", "Դավիթ" }, { "Hayk", "Հայկ" },
	{ "Tigran", "Տիգրան" }, { "Gor", "Գոռ" }, { "Narek", "Նարեկ" },
};
static const struct demo_name am_f[] = {
	{ "Anush", "Անուշ" }, { "Lilit", "Լիլիթ" }, { "Mariam", "Մարիամ" }, { "Ani", "Անի" },
	{ "Gayane", "Գայանե" }, { "Armine", "Արմինե" },
};
static const char *const am_places[] = {
	"Yerevan", "Gyumri, Shirak", "Vanadzor, Lori", "Abovyan, Kotayk", "Vagharshapat, Armavir",
	"Hrazdan, Kotayk",
};
static const struct demo_leg am_routes[][DEMO_LEGS] = {
	{ { "VIE Vienna", "EVN Yerevan", "OS" } },
	{ { "VIE Vienna", "WAW Warsaw", "LO" }, { "WAW Warsaw", "EVN Yerevan", "LO" } },
};

/* Moldova: Romanian in Latin script, so the native name is the one with diacritics. */
static const struct demo_surname md_sur[] = {
	{ "RUSU", "Rusu", NULL, NULL }, { "CEBAN", "Ceban", NULL, NULL },
	{ "CIOBANU", "Ciobanu", NULL, NULL }, { "ȚURCANU", "Țurcanu", NULL, NULL },
	{ "LUNGU", "Lungu", NULL, NULL }, { "MUNTEANU", "Munteanu", NULL, NULL },
	{ "COJOCARU", "Cojocaru", NULL, NULL }, { "BĂLAN", "Bălan", NULL, NULL },
	{ "SÎRBU", "Sîrbu", NULL, NULL },
};
static const struct demo_name md_m[] = {
	{ "Ion", "Ion" }, { "Vasile", "Vasile" }, { "Andrei", "Andrei" }, { "Sergiu", "Sergiu" },
	{ "Mihai", "Mihai" }, { "Nicolae", "Nicolae" }, { "Ștefan", "Ștefan" },
};
static const struct demo_name md_f[] = {
	{ "Maria", "Maria" }, { "Elena", "Elena" }, { "Natalia", "Natalia" }, { "Ana", "Ana" },
	{ "Doina", "Doina" }, { "Tatiana", "Tatiana" },
};
static const char *const md_places[] = {
	"Chișinău", "Bălți", "Cahul", "Orhei", "Ungheni", "Soroca", "Comrat, Găgăuzia",
};
static const struct demo_leg md_routes[][DEMO_LEGS] = {
	{ { "VIE Vienna", "RMO Chișinău", "OS" } },
	{ { "BTS Bratislava", "RMO Chișinău", "W6" } },
};

#define DEMO_NAT(cc, langs, w, cur, rate, phone, gf, p) { cc, langs, w, cur, rate, \
	phone, gf, p##_sur, DEMO_N(p##_sur), p##_m, p##_f, DEMO_N(p##_m), \
	DEMO_N(p##_f), p##_places, DEMO_N(p##_places), p##_routes, \
	DEMO_N(p##_routes) }

/* Weights: roughly the office's caseload by nationality. */
static const struct demo_nation demo_nations[] = {
	DEMO_NAT("UA", "uk ru", 14, "UAH", 0.022, "+380", true, ua),
	DEMO_NAT("GE", "ka ru", 16, "GEL", 0.34, "+995", true, ge),
	DEMO_NAT("VN", "vi", 12, "VND", 0.000036, "+84", false, vn),
	DEMO_NAT("IQ", "ar ckb", 14, "IQD", 0.0007, "+964", true, iq),
	DEMO_NAT("AF", "prs ps", 6, "AFN", 0.013, "+93", true, af),
	DEMO_NAT("IR", "fa", 6, "EUR", 1.0, "+98", true, ir),
	DEMO_NAT("RS", "sr", 8, "RSD", 0.0085, "+381", true, rs),
	DEMO_NAT("AM", "hy ru", 8, "AMD", 0.0023, "+374", true, am),
	DEMO_NAT("RU", "ru", 8, "RUB", 0.0105, "+7", false, ru),
	DEMO_NAT("MD", "ro ru", 8, "MDL", 0.051, "+373", true, md),
};

size_t
demo_currencies(const char *const **codes, const double **rates)
{
	static const char *c[DEMO_N(demo_nations)];
	static double r[DEMO_N(demo_nations)];
	size_t i;

	for (i = 0; i < DEMO_N(demo_nations); i++) {
		c[i] = demo_nations[i].currency;
		r[i] = demo_nations[i].rate;
	}
	*codes = c;
	*rates = r;
	return i;
}

const struct demo_nation *
demo_nation_pick(struct demo *d)
{
	long total = 0, r;
	size_t i;

	for (i = 0; i < DEMO_N(demo_nations); i++)
		total += demo_nations[i].weight;
	r = demo_range(d, 0, total - 1);
	for (i = 0; i + 1 < DEMO_N(demo_nations); i++) {
		if (r < demo_nations[i].weight)
			break;
		r -= demo_nations[i].weight;
	}
	return &demo_nations[i];
}

/* family_surname: the case's surname (feminine forms follow the person's sex). */
void
demo_person(struct demo *d, const struct demo_nation *nat, bool female,
    long dob, const char *family_surname, struct demo_person *p)
{
	const struct demo_surname *s = &nat->surnames[demo_range(d, 0,
	    (long)nat->nsurnames - 1)];
	const struct demo_name *g;
	size_t i;

	for (i = 0; family_surname != NULL && i < nat->nsurnames; i++)
		if (str_eq(nat->surnames[i].latin, family_surname) ||
		    str_eq(nat->surnames[i].latin_f, family_surname))
			s = &nat->surnames[i];
	g = female ? &nat->female[demo_range(d, 0, (long)nat->nfemale - 1)] :
	    &nat->male[demo_range(d, 0, (long)nat->nmale - 1)];
	p->female = female;
	p->surname = female && s->latin_f != NULL ? s->latin_f : s->latin;
	p->surname_native = female && s->native_f != NULL ? s->native_f : s->native;
	p->given = g->latin;
	p->given_native = g->native;
	p->dob = dob;
}

char *
demo_native_name(const struct demo_nation *nat, const struct demo_person *p)
{
	if (nat->native_given_first)
		return xasprintf("%s %s", p->given_native, p->surname_native);
	return xasprintf("%s %s", p->surname_native, p->given_native);
}

/* Most clients have a Slovak mobile number; some keep their home one. */
void
demo_phone(struct demo *d, const char *cc, char *buf, size_t len)
{
	if (cc == NULL || demo_chance(d, 70))
		snprintf(buf, len, "+421 9%02ld %03ld %03ld", demo_range(d, 0, 99),
		    demo_range(d, 0, 999), demo_range(d, 0, 999));
	else
		snprintf(buf, len, "%s %03ld %03ld %03ld", cc, demo_range(d, 100, 999),
		    demo_range(d, 0, 999), demo_range(d, 0, 999));
}

static const char *const demo_slovak_names[] = {
	"Ján Novák", "Peter Kováč", "Mária Horváthová", "Zuzana Kováčová",
	"Martin Varga", "Jana Tóthová", "Michal Baláž", "Katarína Nagyová",
	"Tomáš Szabó", "Lucia Molnárová", "Marek Šimko", "Eva Lukáčová",
	"Juraj Krajčí", "Veronika Hudáková", "Ľubomír Čech",
};

const char *
demo_slovak_name(struct demo *d)
{
	return DEMO_ONE(d, demo_slovak_names);
}

static const char *const demo_addresses[] = {
	"Hlavná 14, 040 01 Košice", "Štúrova 27, 811 02 Bratislava",
	"Námestie SNP 3, 974 01 Banská Bystrica", "Kováčska 41, 040 01 Košice",
	"Mlynská 8, 949 01 Nitra", "Hurbanova 19, 010 01 Žilina",
	"Sládkovičova 5, 080 01 Prešov", "Trnavská cesta 62, 821 08 Bratislava",
	"Železničná 2, 066 01 Humenné", "Rázusova 11, 036 01 Martin",
};

const char *
demo_slovak_address(struct demo *d)
{
	return DEMO_ONE(d, demo_addresses);
}
