/*
 * date.c - the date parser of the article readers (see date.h for the forms).
 *
 * A small hand-written scanner over the bytes: no sscanf (it would accept
 * "2025-1x" halfway) and no strptime/timegm (locale- and TZ-dependent).
 * Parsing reads a date, then an optional time, then an optional zone; the
 * strict entry point wants nothing but whitespace after that.
 *
 * Not for: durations, relative dates ("2 hours ago"), or non-Gregorian
 * calendars.
 */
#include "doc/date.h"

#include <stdio.h>
#include <string.h>

#include "doc/reader.h"

int64_t byl_days_from_civil(int64_t y, int m, int d)
{
    /* H. Hinnant's days_from_civil: shift the year to start in March so the
     * leap day is last, then count whole 400-year eras. */
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;                                 /* 0..399 */
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1; /* 0..365 */
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;         /* 0..146096 */
    return era * 146097 + doe - 719468;
}

void byl_civil_from_days(int64_t days, int64_t *y, int *m, int *d)
{
    /* Hinnant's civil_from_days, the exact inverse of the above. */
    int64_t z = days + 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;                                     /* 0..146096 */
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365; /* 0..399 */
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);             /* 0..365 */
    int64_t mp = (5 * doy + 2) / 153;                                   /* 0..11, from March */
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

size_t byl_date_format(int64_t t, int full, char *buf, size_t cap)
{
    /* Floor division, so that a time before 1970 falls on the day it is in
     * and the time of day stays 0..86399. */
    int64_t days = t / 86400, secs = t % 86400;
    if (secs < 0) {
        days--;
        secs += 86400;
    }
    int64_t y;
    int m, d;
    byl_civil_from_days(days, &y, &m, &d);
    /* |y| is below 3e11, so neither the negation nor the digits overflow. */
    const char *sign = y < 0 ? "-" : y > 9999 ? "+" : "";
    long long ay = y < 0 ? -(long long)y : (long long)y;
    int n;
    if (full)
        n = snprintf(buf, cap, "%s%04lld-%02d-%02dT%02d:%02d:%02dZ", sign, ay, m, d,
                     (int)(secs / 3600), (int)(secs / 60 % 60), (int)(secs % 60));
    else
        n = snprintf(buf, cap, "%s%04lld-%02d-%02d", sign, ay, m, d);
    return n > 0 ? (size_t)n : 0;
}

static int is_leap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int days_in_month(int64_t y, int m)
{
    static const unsigned char dm[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : dm[m - 1];
}

typedef struct {
    const char *p, *e;
} cur;

static int at_digit(const cur *c) { return c->p < c->e && *c->p >= '0' && *c->p <= '9'; }
static int is_alpha(char ch) { return (ch | 0x20) >= 'a' && (ch | 0x20) <= 'z'; }
static int at_alpha(const cur *c) { return c->p < c->e && is_alpha(*c->p); }
static char lower(char ch) { return ch >= 'A' && ch <= 'Z' ? (char)(ch | 0x20) : ch; }

static void skip_ws(cur *c)
{
    while (c->p < c->e && (*c->p == ' ' || *c->p == '\t' || *c->p == '\n' || *c->p == '\r'))
        c->p++;
}

static int eat(cur *c, char ch)
{
    if (c->p < c->e && *c->p == ch) {
        c->p++;
        return 1;
    }
    return 0;
}

/* Reads at most max digits; returns how many were read (0 if none). */
static int digits(cur *c, int max, int *val)
{
    int n = 0, v = 0;
    while (n < max && at_digit(c)) {
        v = v * 10 + (*c->p++ - '0');
        n++;
    }
    *val = v;
    return n;
}

static int count_digits(const cur *c)
{
    const char *p = c->p;
    while (p < c->e && *p >= '0' && *p <= '9')
        p++;
    return (int)(p - c->p);
}

static size_t word_len(const cur *c)
{
    const char *p = c->p;
    while (p < c->e && is_alpha(*p))
        p++;
    return (size_t)(p - c->p);
}

/* Letters and the bytes of non-ASCII letters ("février"). */
static size_t word_len_utf8(const cur *c)
{
    const char *p = c->p;
    while (p < c->e && (is_alpha(*p) || (unsigned char)*p >= 0x80))
        p++;
    return (size_t)(p - c->p);
}

/* w (n letters) is a case-insensitive prefix, at least 3 long, of full. */
static int word_is(const char *w, size_t n, const char *full)
{
    size_t fl = strlen(full);
    if (n < 3 || n > fl)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (lower(w[i]) != full[i])
            return 0;
    return 1;
}

static int month_of(const char *w, size_t n)
{
    static const char *const names[12] = {"january", "february", "march",     "april",
                                          "may",     "june",     "july",      "august",
                                          "september", "october", "november", "december"};
    for (int i = 0; i < 12; i++)
        if (word_is(w, n, names[i]))
            return i + 1;
    if (n == 4 && word_is(w, 3, "sep") && lower(w[3]) == 't') /* "Sept" */
        return 9;
    return 0;
}

/* A word of another language's calendar, with its length, so that a
 * lookup compares lengths first: parse() tries these at every word a date
 * might start with (bylines are scanned word by word for their date). */
typedef struct {
    const char *s;
    unsigned char len, val;
} cal_word;
#define CW(s, v) {s, sizeof s - 1, v}

/* Month names of other languages, written out in full (their short forms
 * clash with English words and with each other): French, German,
 * Spanish, Italian, Portuguese, Dutch, Norwegian and Danish, Swedish, and
 * French and German written without their accents; then the forms a
 * date takes after its day in Croatian, Serbian and Bosnian (Latin
 * script), Slovene, Polish, Czech and Russian ("4. prosinca 2026.", "4.
 * decembra 2026", "4 grudnia 2026", "4. prosince 2026", "4 декабря
 * 2026"), and the months of the languages beside English on the pages of
 * smaller countries (Turkish, Indonesian, Malay, Swahili, Filipino,
 * Catalan, Romanian, Albanian, Finnish, Estonian, Greek, Ukrainian).  Not
 * Latin "listopada": October in Croatian, November in Polish.  A reader
 * of the page's country reads its months; the lookup compares lengths
 * and first bytes first (cal_find), so the list costs little. */
static const cal_word other_months[] = {
    CW("janvier", 1), CW("février", 2), CW("mars", 3), CW("avril", 4), CW("mai", 5),
    CW("juin", 6), CW("juillet", 7), CW("août", 8), CW("septembre", 9), CW("octobre", 10),
    CW("novembre", 11), CW("décembre", 12), CW("fevrier", 2), CW("aout", 8),
    CW("decembre", 12), CW("januar", 1), CW("februar", 2), CW("märz", 3), CW("maerz", 3),
    CW("april", 4), CW("juni", 6), CW("juli", 7), CW("august", 8), CW("september", 9),
    CW("oktober", 10), CW("november", 11), CW("dezember", 12), CW("enero", 1),
    CW("febrero", 2), CW("marzo", 3), CW("abril", 4), CW("mayo", 5), CW("junio", 6),
    CW("julio", 7), CW("agosto", 8), CW("septiembre", 9), CW("setiembre", 9),
    CW("octubre", 10), CW("noviembre", 11), CW("diciembre", 12), CW("gennaio", 1),
    CW("febbraio", 2), CW("aprile", 4), CW("maggio", 5), CW("giugno", 6), CW("luglio", 7),
    CW("settembre", 9), CW("ottobre", 10), CW("dicembre", 12), CW("janeiro", 1),
    CW("fevereiro", 2), CW("março", 3), CW("maio", 5), CW("junho", 6), CW("julho", 7),
    CW("setembro", 9), CW("outubro", 10), CW("novembro", 11), CW("dezembro", 12),
    CW("januari", 1), CW("februari", 2), CW("maart", 3), CW("mei", 5), CW("augustus", 8),
    CW("december", 12), CW("desember", 12), CW("maj", 5), CW("augusti", 8),
    /* Croatian */
    CW("siječnja", 1), CW("veljače", 2), CW("ožujka", 3), CW("travnja", 4), CW("svibnja", 5),
    CW("lipnja", 6), CW("srpnja", 7), CW("kolovoza", 8), CW("rujna", 9), CW("studenoga", 11),
    CW("studenog", 11), CW("prosinca", 12),
    /* Serbian, Bosnian, Montenegrin; Slovene */
    CW("januara", 1), CW("februara", 2), CW("marta", 3), CW("aprila", 4), CW("maja", 5),
    CW("juna", 6), CW("jula", 7), CW("avgusta", 8), CW("augusta", 8), CW("septembra", 9),
    CW("oktobra", 10), CW("novembra", 11), CW("decembra", 12), CW("januarja", 1),
    CW("februarja", 2), CW("marca", 3), CW("junija", 6), CW("julija", 7),
    /* Polish */
    CW("stycznia", 1), CW("lutego", 2), CW("kwietnia", 4), CW("czerwca", 6), CW("lipca", 7),
    CW("sierpnia", 8), CW("września", 9), CW("października", 10), CW("grudnia", 12),
    /* Czech */
    CW("ledna", 1), CW("února", 2), CW("března", 3), CW("dubna", 4), CW("května", 5),
    CW("června", 6), CW("července", 7), CW("srpna", 8), CW("září", 9), CW("října", 10),
    CW("listopadu", 11), CW("prosince", 12),
    /* Turkish (its capitals beyond ASCII written as pages set them) */
    CW("ocak", 1), CW("şubat", 2), CW("Şubat", 2), CW("mart", 3), CW("nisan", 4),
    CW("mayıs", 5), CW("haziran", 6), CW("temmuz", 7), CW("ağustos", 8), CW("eylül", 9),
    CW("ekim", 10), CW("kasım", 11), CW("aralık", 12),
    /* Indonesian, Malay, Swahili (beside the Dutch forms they share) */
    CW("maret", 3), CW("agustus", 8), CW("mac", 3), CW("julai", 7), CW("ogos", 8),
    CW("disember", 12), CW("machi", 3), CW("aprili", 4), CW("agosti", 8), CW("septemba", 9),
    CW("oktoba", 10), CW("novemba", 11), CW("desemba", 12),
    /* Filipino, Catalan */
    CW("pebrero", 2), CW("marso", 3), CW("hunyo", 6), CW("hulyo", 7), CW("setyembre", 9),
    CW("oktubre", 10), CW("nobyembre", 11), CW("disyembre", 12), CW("gener", 1),
    CW("febrer", 2), CW("març", 3), CW("maig", 5), CW("juny", 6), CW("juliol", 7),
    CW("agost", 8), CW("setembre", 9), CW("desembre", 12),
    /* Romanian, Albanian */
    CW("ianuarie", 1), CW("februarie", 2), CW("martie", 3), CW("aprilie", 4), CW("iunie", 6),
    CW("iulie", 7), CW("septembrie", 9), CW("octombrie", 10), CW("noiembrie", 11),
    CW("decembrie", 12), CW("janar", 1), CW("shkurt", 2), CW("prill", 4), CW("qershor", 6),
    CW("korrik", 7), CW("gusht", 8), CW("shtator", 9), CW("tetor", 10), CW("nëntor", 11),
    CW("dhjetor", 12),
    /* Finnish (after the day's ordinal dot), Estonian */
    CW("tammikuuta", 1), CW("helmikuuta", 2), CW("maaliskuuta", 3), CW("huhtikuuta", 4),
    CW("toukokuuta", 5), CW("kesäkuuta", 6), CW("heinäkuuta", 7), CW("elokuuta", 8),
    CW("syyskuuta", 9), CW("lokakuuta", 10), CW("marraskuuta", 11), CW("joulukuuta", 12),
    CW("jaanuar", 1), CW("veebruar", 2), CW("märts", 3), CW("aprill", 4), CW("juuni", 6),
    CW("juuli", 7), CW("oktoober", 10), CW("detsember", 12),
    /* Greek (the genitive a date takes, capitalised as written) */
    CW("Ιανουαρίου", 1), CW("Φεβρουαρίου", 2), CW("Μαρτίου", 3), CW("Απριλίου", 4),
    CW("Μαΐου", 5), CW("Ιουνίου", 6), CW("Ιουλίου", 7), CW("Αυγούστου", 8),
    CW("Σεπτεμβρίου", 9), CW("Οκτωβρίου", 10), CW("Νοεμβρίου", 11), CW("Δεκεμβρίου", 12),
    /* Ukrainian */
    CW("січня", 1), CW("лютого", 2), CW("березня", 3), CW("квітня", 4), CW("травня", 5),
    CW("червня", 6), CW("липня", 7), CW("серпня", 8), CW("вересня", 9), CW("жовтня", 10),
    CW("листопада", 11), CW("грудня", 12),
    /* Russian */
    CW("января", 1), CW("февраля", 2), CW("марта", 3), CW("апреля", 4), CW("мая", 5),
    CW("июня", 6), CW("июля", 7), CW("августа", 8), CW("сентября", 9), CW("октября", 10),
    CW("ноября", 11), CW("декабря", 12),
};

/* Weekdays of other languages, in full, before a date ("samedi 5
 * décembre", "Samstag, 5. Dezember", "sábado, 5 de diciembre", "petak, 4.
 * prosinca 2026."); val: the
 * day (1 Monday .. 7 Sunday), plus 8 for a German two-letter form, which
 * needs its stop ("Sa., 05.12.2026"). */
static const cal_word other_days[] = {
    CW("lundi", 1), CW("mardi", 2), CW("mercredi", 3), CW("jeudi", 4), CW("vendredi", 5),
    CW("samedi", 6), CW("dimanche", 7), CW("montag", 1), CW("dienstag", 2),
    CW("mittwoch", 3), CW("donnerstag", 4), CW("freitag", 5), CW("samstag", 6),
    CW("sonnabend", 6), CW("sonntag", 7), CW("lunes", 1), CW("martes", 2),
    CW("miércoles", 3), CW("jueves", 4), CW("viernes", 5), CW("sábado", 6),
    CW("domingo", 7), CW("lunedì", 1), CW("martedì", 2), CW("mercoledì", 3),
    CW("giovedì", 4), CW("venerdì", 5), CW("sabato", 6), CW("domenica", 7),
    CW("segunda-feira", 1), CW("terça-feira", 2), CW("quarta-feira", 3),
    CW("quinta-feira", 4), CW("sexta-feira", 5), CW("maandag", 1), CW("dinsdag", 2),
    CW("woensdag", 3), CW("donderdag", 4), CW("vrijdag", 5), CW("zaterdag", 6),
    CW("zondag", 7), CW("mandag", 1), CW("tirsdag", 2), CW("onsdag", 3), CW("torsdag", 4),
    CW("fredag", 5), CW("lørdag", 6), CW("søndag", 7), CW("måndag", 1), CW("tisdag", 2),
    CW("lördag", 6), CW("söndag", 7), CW("mo", 9), CW("di", 10), CW("mi", 11), CW("do", 12),
    CW("fr", 13), CW("sa", 14), CW("so", 15),
    /* Croatian, Serbian, Bosnian; Slovene; Polish; Czech */
    CW("ponedjeljak", 1), CW("ponedeljak", 1), CW("utorak", 2), CW("srijeda", 3),
    CW("sreda", 3), CW("četvrtak", 4), CW("petak", 5), CW("subota", 6), CW("nedjelja", 7),
    CW("nedelja", 7), CW("ponedeljek", 1), CW("torek", 2), CW("četrtek", 4), CW("petek", 5),
    CW("sobota", 6), CW("poniedziałek", 1), CW("wtorek", 2), CW("środa", 3),
    CW("czwartek", 4), CW("piątek", 5), CW("niedziela", 7), CW("pondělí", 1), CW("úterý", 2),
    CW("středa", 3), CW("čtvrtek", 4), CW("pátek", 5), CW("neděle", 7),
    /* Indonesian, Malay; Turkish; Romanian; Filipino; Swahili; Catalan */
    CW("senin", 1), CW("selasa", 2), CW("rabu", 3), CW("kamis", 4), CW("jumat", 5),
    CW("sabtu", 6), CW("minggu", 7), CW("isnin", 1), CW("khamis", 4), CW("jumaat", 5),
    CW("ahad", 7), CW("pazartesi", 1), CW("salı", 2), CW("çarşamba", 3), CW("Çarşamba", 3),
    CW("perşembe", 4), CW("cuma", 5), CW("cumartesi", 6), CW("pazar", 7), CW("luni", 1),
    CW("marți", 2), CW("miercuri", 3), CW("joi", 4), CW("vineri", 5), CW("sâmbătă", 6),
    CW("duminică", 7), CW("miyerkules", 3), CW("huwebes", 4), CW("biyernes", 5),
    CW("sabado", 6), CW("linggo", 7), CW("jumatatu", 1), CW("jumanne", 2),
    CW("jumatano", 3), CW("alhamisi", 4), CW("ijumaa", 5), CW("jumamosi", 6),
    CW("jumapili", 7), CW("dilluns", 1), CW("dimarts", 2), CW("dimecres", 3),
    CW("dijous", 4), CW("divendres", 5), CW("dissabte", 6), CW("diumenge", 7),
    /* Finnish; Greek, Russian, Ukrainian (capitalised as written first) */
    CW("maanantai", 1), CW("tiistai", 2), CW("keskiviikko", 3), CW("torstai", 4),
    CW("perjantai", 5), CW("lauantai", 6), CW("sunnuntai", 7), CW("Δευτέρα", 1),
    CW("Τρίτη", 2), CW("Τετάρτη", 3), CW("Πέμπτη", 4), CW("Παρασκευή", 5),
    CW("Σάββατο", 6), CW("Κυριακή", 7), CW("понедельник", 1), CW("вторник", 2),
    CW("среда", 3), CW("четверг", 4), CW("пятница", 5), CW("суббота", 6),
    CW("воскресенье", 7), CW("понеділок", 1), CW("вівторок", 2), CW("середа", 3),
    CW("четвер", 4), CW("п'ятниця", 5), CW("субота", 6), CW("неділя", 7),
};

/* The entry of t[0, nt) that w[0, n) is (ASCII case folded), or NULL. */
static const cal_word *cal_find(const cal_word *t, size_t nt, const char *w, size_t n)
{
    char low[24]; /* "Σεπτεμβρίου": 22 bytes */
    if (n < 2 || n > sizeof low)
        return NULL;
    for (size_t i = 0; i < n; i++)
        low[i] = lower(w[i]);
    for (size_t i = 0; i < nt; i++)
        if (t[i].len == n && t[i].s[0] == low[0] && memcmp(t[i].s, low, n) == 0)
            return &t[i];
    return NULL;
}

static int month_of_other(const char *w, size_t n)
{
    const cal_word *m = cal_find(other_months, sizeof other_months / sizeof other_months[0], w, n);
    return m ? m->val : 0;
}

/* The day (1 Monday .. 7 Sunday) w[0, n) names among other_days, or 0;
 * stop: a '.' follows it. */
static int other_weekday(const char *w, size_t n, int stop)
{
    const cal_word *d = cal_find(other_days, sizeof other_days / sizeof other_days[0], w, n);
    return d && (d->val < 8 || stop) ? d->val & 7 : 0;
}

/* The day (1 Monday .. 7 Sunday) English w[0, n) names, or 0. */
static int is_weekday(const char *w, size_t n)
{
    static const char *const names[7] = {"monday", "tuesday", "wednesday", "thursday",
                                         "friday", "saturday", "sunday"};
    for (int i = 0; i < 7; i++)
        if (word_is(w, n, names[i]))
            return i + 1;
    /* "Tues", "Thur", "Thurs" */
    if (n == 4 && word_is(w, 3, "tue") && lower(w[3]) == 's')
        return 2;
    if (n >= 4 && n <= 5 && word_is(w, 3, "thu") && lower(w[3]) == 'r' &&
        (n == 4 || lower(w[4]) == 's'))
        return 4;
    return 0;
}

/* Reads a month name (with an optional trailing '.'); 0 if none. */
static int month_word(cur *c)
{
    size_t n = word_len(c);
    int m = n == word_len_utf8(c) ? month_of(c->p, n) : 0;
    if (!m)
        m = month_of_other(c->p, n = word_len_utf8(c));
    if (m) {
        c->p += n;
        eat(c, '.');
    }
    return m;
}

static int year2(int y, int ndig)
{
    if (ndig == 2)
        return y < 70 ? 2000 + y : 1900 + y;
    return y;
}

typedef struct {
    int y, mo, d, h, mi, s;
    int tz;        /* offset east of UTC in seconds */
    int has_date;  /* a full year-month-day (or year-month) was read */
    int alt_mo, alt_d; /* the other reading of a numeric date both of whose
                        * parts could be the month ("12.04.26"), or 0 */
} fields;

/* am/pm after a time: "am", "a.m.", "a.m", "AM"; returns 1 am, 2 pm, 0. */
static int ampm(cur *c)
{
    cur t = *c;
    skip_ws(&t);
    if (t.p >= t.e)
        return 0;
    char ch = lower(*t.p);
    if (ch != 'a' && ch != 'p')
        return 0;
    t.p++;
    int dot = eat(&t, '.');
    if (t.p >= t.e || lower(*t.p) != 'm')
        return 0;
    t.p++;
    if (dot)
        eat(&t, '.');
    if (at_alpha(&t)) /* "amid", "pmt" */
        return 0;
    *c = t;
    return ch == 'a' ? 1 : 2;
}

static int zone_word(const char *w, size_t n, int *hours_x2)
{
    static const struct {
        const char *name;
        int h2; /* offset in half hours would be overkill; hours * 2 */
    } z[] = {{"ut", 0},    {"utc", 0},    {"gmt", 0},   {"z", 0},     {"est", -10},
             {"edt", -8},  {"et", -10},   {"cst", -12}, {"cdt", -10}, {"ct", -12},
             {"mst", -14}, {"mdt", -12},  {"mt", -14},  {"pst", -16}, {"pdt", -14},
             {"pt", -16},  {"bst", 2},    {"cet", 2},   {"cest", 4},  {"eet", 4},
             {"eest", 6},  {"wet", 0},    {"west", 2},  {"jst", 18},  {"msk", 6}};
    for (size_t i = 0; i < sizeof z / sizeof z[0]; i++) {
        if (strlen(z[i].name) != n)
            continue;
        size_t k = 0;
        while (k < n && lower(w[k]) == z[i].name[k])
            k++;
        if (k == n) {
            *hours_x2 = z[i].h2;
            return 1;
        }
    }
    return 0;
}

/* Numeric offset: +hh, +hhmm, +hh:mm (also after "UTC"/"GMT").  The
 * minus may be typeset as a minus sign (U+2212: "UTC\u221210", as
 * encyclopedias and careful sites write zones); never an en dash, which
 * after a time makes a range ("09:00\u201311:00"). */
static int numeric_zone(cur *c, int *tz)
{
    cur t = *c;
    int sign;
    if (t.e - t.p > 3 && !memcmp(t.p, "\xE2\x88\x92", 3)) {
        sign = -1;
        t.p += 3;
    } else if (t.p < t.e && (*t.p == '+' || *t.p == '-')) {
        sign = *t.p++ == '-' ? -1 : 1;
    } else {
        return 0;
    }
    int hh, mm = 0;
    int n = digits(&t, 4, &hh);
    if (n == 4) {
        mm = hh % 100;
        hh /= 100;
    } else if (n == 2 || n == 1) {
        if (eat(&t, ':') && digits(&t, 2, &mm) != 2)
            return 0;
    } else {
        return 0;
    }
    if (hh > 14 || mm > 59)
        return 0;
    *tz = sign * (hh * 3600 + mm * 60);
    *c = t;
    return 1;
}

static void zone(cur *c, fields *f)
{
    cur t = *c;
    skip_ws(&t);
    if (numeric_zone(&t, &f->tz)) {
        *c = t;
        return;
    }
    int paren = eat(&t, '(');
    size_t n = word_len(&t);
    int h2;
    if (n && zone_word(t.p, n, &h2)) {
        t.p += n;
        f->tz = h2 * 1800;
        numeric_zone(&t, &f->tz); /* "GMT+01:00" */
    } else if (n >= 1 && n <= 5) {
        /* An unknown zone abbreviation: all capitals, counted as UTC. */
        for (size_t i = 0; i < n; i++)
            if (t.p[i] < 'A' || t.p[i] > 'Z')
                return;
        t.p += n;
    } else {
        return;
    }
    if (paren && !eat(&t, ')'))
        return;
    *c = t;
}

/* A time: H[H]:MM[:SS[.frac]] [am|pm] or H[H] am|pm, then a zone. */
static int time_part(cur *c, fields *f)
{
    cur t = *c;
    int h, mi = 0, s = 0;
    int nh = digits(&t, 2, &h);
    if (!nh || at_digit(&t))
        return 0;
    int dot_time = t.p + 2 < t.e && *t.p == '.' && t.p[1] >= '0' && t.p[1] <= '9' &&
                   t.p[2] >= '0' && t.p[2] <= '9' && (t.p + 3 == t.e || !(t.p[3] >= '0' &&
                   t.p[3] <= '9') ) && (t.p + 3 == t.e || t.p[3] != '.');
    int h_time = t.p + 2 < t.e && (*t.p == 'h' || *t.p == 'H') && t.p[1] >= '0' &&
                 t.p[1] <= '9' && t.p[2] >= '0' && t.p[2] <= '9'; /* 05h30 (French) */
    if (eat(&t, ':') || (dot_time && eat(&t, '.')) || (h_time && (t.p++, 1))) {
        /* 14:34, 14.34 (the Guardian), 14h34 */
        if (digits(&t, 2, &mi) != 2)
            return 0;
        if (eat(&t, ':')) {
            if (digits(&t, 2, &s) != 2)
                return 0;
            if (t.p + 1 < t.e && (*t.p == '.' || *t.p == ',') && t.p[1] >= '0' && t.p[1] <= '9') {
                t.p++;
                while (at_digit(&t)) /* fractional seconds are dropped */
                    t.p++;
            }
        }
        int ap = ampm(&t);
        if (ap) {
            if (h < 1 || h > 12)
                return 0;
            h = h % 12 + (ap == 2 ? 12 : 0);
        }
    } else {
        int ap = ampm(&t);
        if (!ap || h < 1 || h > 12)
            return 0;
        h = h % 12 + (ap == 2 ? 12 : 0);
    }
    if (h > 23 || mi > 59 || s > 60)
        return 0;
    f->h = h;
    f->mi = mi;
    f->s = s > 59 ? 59 : s; /* a leap second lands on :59 */
    zone(&t, f);
    *c = t;
    return 1;
}

/* The words that stand between a date and its time, lower case, in the
 * languages of the sites that print them: "at 9:00", "à 05h30", "kl.
 * 14:02" (Norwegian, Danish, Swedish), "klo 14.02" (Finnish), "um 14:02"
 * (German), "om 14:02" (Dutch), "alle ore 14:02", "ore 14" (Italian), "a
 * las 14:02" (Spanish), "às 14h02" (Portuguese), "o godz. 14:02"
 * (Polish), "u 16:05" (Croatian, Serbian, Bosnian), "ob 16:05"
 * (Slovene), "v 16:05" (Czech, Slovak), "в 16:05" (Russian, Ukrainian),
 * "h 14:02".  Longer forms first. */
static const char *const time_words[] = {"alle ore", "a las", "a la", "o godz.", "o godz",
                                         "godz.", "at", "\xC3\xA0", "kl.", "kl", "klo",
                                         "um", "om", "alle", "ore", "\xC3\xA0s", "ob",
                                         "u", "v", "\xD0\xB2", "h"};

/* Skips one of time_words and the blanks after it, when a digit follows. */
static void time_word(cur *c)
{
    for (size_t i = 0; i < sizeof time_words / sizeof time_words[0]; i++) {
        size_t l = strlen(time_words[i]);
        if ((size_t)(c->e - c->p) <= l || c->p[l] != ' ')
            continue;
        size_t k = 0;
        while (k < l && lower(c->p[k]) == time_words[i][k])
            k++;
        if (k < l)
            continue;
        cur t = {c->p + l, c->e};
        skip_ws(&t);
        if (at_digit(&t))
            *c = t;
        return;
    }
}

/* Skips the word of hours after a time ("14:02 Uhr", "14.02 h", "1400
 * hrs", "14:02 horas"): it says no zone. */
static void hour_word(cur *c)
{
    static const char *const after[] = {"uhr", "h", "hrs", "hs", "horas", "hours", "ore", "godz."};
    cur t = *c;
    skip_ws(&t);
    size_t n = word_len(&t);
    if (n && t.p + n < t.e && t.p[n] == '.')
        n++; /* "godz." */
    for (size_t i = 0; n && i < sizeof after / sizeof after[0]; i++)
        if (strlen(after[i]) == n) {
            size_t k = 0;
            while (k < n && lower(t.p[k]) == after[i][k])
                k++;
            if (k == n) {
                c->p = t.p + n;
                return;
            }
        }
}

/* After a date: an optional time, introduced by 'T', whitespace, a comma
 * or "at".  Leaves c unchanged when no time follows. */
static void opt_time(cur *c, fields *f)
{
    cur t = *c;
    if (t.p < t.e && (*t.p == 'T' || *t.p == 't') && t.p + 1 < t.e && t.p[1] >= '0' &&
        t.p[1] <= '9') {
        t.p++;
        if (time_part(&t, f))
            *c = t;
        return;
    }
    eat(&t, ',');
    skip_ws(&t);
    time_word(&t);
    if (time_part(&t, f)) {
        hour_word(&t);
        *c = t;
        return;
    }
    /* A date with a zone but no time ("2025-11-26Z") is rare; ignore it. */
}

/* Year after a day or month: 4 digits, or 2 when allow2. */
static int year_part(cur *c, int allow2, int *y)
{
    int nd = count_digits(c);
    if (nd == 4 || (allow2 && nd == 2)) {
        digits(c, nd, y);
        *y = year2(*y, nd);
        return 1;
    }
    return 0;
}

/* Month name first: "Nov 26, 2025", "November 26th 2025", "November 2025". */
static int month_first(cur *c, fields *f, int mo)
{
    skip_ws(c);
    int nd = count_digits(c);
    if (nd == 4) { /* "November 2025" */
        digits(c, 4, &f->y);
        f->mo = mo;
        f->d = 1;
        return 1;
    }
    if (nd < 1 || nd > 2)
        return 0;
    digits(c, 2, &f->d);
    size_t n = word_len(c);
    if (n == 2) { /* 1st 2nd 3rd 26th */
        char a = lower(c->p[0]), b = lower(c->p[1]);
        if ((a == 's' && b == 't') || (a == 'n' && b == 'd') || (a == 'r' && b == 'd') ||
            (a == 't' && b == 'h'))
            c->p += 2;
    }
    eat(c, ',');
    skip_ws(c);
    if (!year_part(c, 0, &f->y))
        return 0;
    f->mo = mo;
    return 1;
}

/* Digits first. */
/* "2025年11月26日" */
static int cjk_unit(cur *c, const char *unit)
{
    size_t l = strlen(unit);
    if ((size_t)(c->e - c->p) >= l && memcmp(c->p, unit, l) == 0) {
        c->p += l;
        return 1;
    }
    return 0;
}

/* Skips "of " or "de " (and the blanks after it) between a day, its
 * month and its year. */
static void of_word(cur *c)
{
    if (c->e - c->p > 3 && c->p[2] == ' ' &&
        ((lower(c->p[0]) == 'o' && lower(c->p[1]) == 'f') ||
         (lower(c->p[0]) == 'd' && lower(c->p[1]) == 'e'))) {
        c->p += 3;
        skip_ws(c);
    }
}

/* Eats a dot that closes a number ("2026." before a blank, a comma or
 * the end), as languages that write ordinals with a dot print it after a
 * date's year. */
static void closing_dot(cur *c)
{
    if (c->p < c->e && *c->p == '.' && (c->p + 1 == c->e || c->p[1] == ' ' || c->p[1] == ','))
        c->p++;
}

static int digits_first(cur *c, fields *f, int lenient, int order)
{
    int nd = count_digits(c);
    int a;
    if (nd == 4) {
        digits(c, 4, &f->y);
        if (cjk_unit(c, "年")) {
            if (!digits(c, 2, &f->mo) || !cjk_unit(c, "月") || !digits(c, 2, &f->d))
                return 0;
            cjk_unit(c, "日");
            return 1;
        }
        /* "2026-12-05", "2026/12/05", "2026.12.05" (Korea, Hungary), and
         * as Hungarian and Korean print it, "2026. 12. 05." with blanks
         * after the dots and a dot closing the day */
        int dot_blank = c->p + 3 < c->e && *c->p == '.' && c->p[1] == ' ' &&
                        c->p[2] >= '0' && c->p[2] <= '9';
        if (c->p + 2 < c->e && (*c->p == '-' || *c->p == '/' || dot_blank ||
                                (*c->p == '.' && c->p[1] >= '0' && c->p[1] <= '9' &&
                                 c->p[2] >= '0' && c->p[2] <= '9'))) {
            char sep = *c->p++;
            if (sep == '.')
                skip_ws(c);
            if (digits(c, 2, &f->mo) == 0)
                return 0;
            if (sep == '.' && !(c->p < c->e && *c->p == '.'))
                return 0; /* "2026.12": a number, not a month */
            if (eat(c, sep)) {
                if (sep == '.')
                    skip_ws(c);
                if (digits(c, 2, &f->d) == 0)
                    return 0;
                if (sep == '.' && c->p < c->e && *c->p == '.' &&
                    (c->p + 1 == c->e || c->p[1] == ' ' || c->p[1] == ','))
                    c->p++; /* the day's closing dot */
            } else {
                f->d = 1; /* "2025-11" */
            }
            return 1;
        }
        f->mo = f->d = 1; /* a bare year */
        return 2;
    }
    if (nd == 8) { /* 20251126, optionally T143400 */
        int v;
        digits(c, 4, &f->y);
        digits(c, 2, &f->mo);
        digits(c, 2, &v);
        f->d = v;
        if (c->p + 7 <= c->e && (*c->p == 'T' || *c->p == 't')) {
            cur t = *c;
            t.p++;
            int hms;
            if (count_digits(&t) == 6) {
                digits(&t, 6, &hms);
                f->h = hms / 10000;
                f->mi = hms / 100 % 100;
                f->s = hms % 100;
                if (f->h > 23 || f->mi > 59 || f->s > 59)
                    return 0;
                zone(&t, f);
                *c = t;
            }
        }
        return 3; /* time already handled */
    }
    if (nd == 6 && lenient) { /* TREC YYMMDD, e.g. FT "910514" */
        int v;
        digits(c, 2, &v);
        f->y = year2(v, 2);
        digits(c, 2, &f->mo);
        digits(c, 2, &f->d);
        return 1;
    }
    if (nd < 1 || nd > 2)
        return 0;
    digits(c, 2, &a);
    /* "5th December 2026", "Thursday 3rd December": an ordinal day */
    if (c->e - c->p >= 3 && is_alpha(c->p[0]) && is_alpha(c->p[1]) && c->p[2] == ' ') {
        char o0 = lower(c->p[0]), o1 = lower(c->p[1]);
        int u = a % 10, teen = a % 100 >= 11 && a % 100 <= 13;
        const char *want = teen || u == 0 || u >= 4 ? "th" : u == 1 ? "st" : u == 2 ? "nd" : "rd";
        if (o0 != want[0] || o1 != want[1])
            return 0;
        c->p += 2;
    }
    int dot_day = c->p + 1 < c->e && *c->p == '.' && c->p[1] == ' '; /* "26. November" */
    if (!dot_day && c->p < c->e && (*c->p == '/' || *c->p == '-' || *c->p == '.')) {
        char sep = *c->p++;
        int mo = month_word(c);
        if (mo) { /* 26-FEB-1987 */
            if (!eat(c, sep) && !eat(c, ' '))
                return 0;
            f->d = a;
            f->mo = mo;
            return year_part(c, 1, &f->y);
        }
        int b;
        if (digits(c, 2, &b) == 0 || !eat(c, sep))
            return 0;
        if (!year_part(c, 1, &f->y))
            return 0;
        /* "03.12.2026." (Croatian, Serbian, Bosnian, Slovene): an ordinal
         * dot closes the year too */
        if (sep == '.')
            closing_dot(c);
        /* A part above 12 is the day whatever the order; else 26.11.2025
         * with dots is day first, as where it is written, and slashes and
         * dashes follow the order asked for (US month/day by default). */
        int day_first = a > 12 && b <= 12             ? 1
                        : b > 12                              ? 0
                        : sep == '.'                          ? 1
                        : sep == '-' && (order & BYL_DATE_DASH_DMY) ? 1
                                                              : (order & 0xff) == BYL_DATE_DMY;
        f->d = day_first ? a : b;
        f->mo = day_first ? b : a;
        if (a >= 1 && b >= 1 && a <= 12 && b <= 12 && a != b)
            f->alt_mo = f->d, f->alt_d = f->mo;
        return 1;
    }
    /* "26 November 2025", "26 Nov 2025 14:34:00 +0000", "26. November 2025" */
    if (dot_day)
        c->p++;
    skip_ws(c);
    /* "5. 12. 2026": Czech, Slovak and Polish print the numeric date with
     * a blank after each dot; always day first there */
    if (dot_day && at_digit(c) && count_digits(c) <= 2) {
        int b;
        digits(c, 2, &b);
        if (!eat(c, '.'))
            return 0;
        skip_ws(c);
        if (count_digits(c) != 4)
            return 0;
        f->d = a;
        f->mo = b;
        if (!year_part(c, 0, &f->y))
            return 0;
        closing_dot(c); /* "5. 12. 2026." */
        return 1;
    }
    /* "5th of December 2026", "5 de diciembre de 2026" (Spanish,
     * Portuguese) */
    of_word(c);
    int mo = month_word(c);
    if (!mo)
        return 0;
    eat(c, ',');
    skip_ws(c);
    of_word(c);
    f->d = a;
    f->mo = mo;
    if (!year_part(c, 1, &f->y))
        return 0;
    if (dot_day)
        closing_dot(c); /* "4. prosinca 2026.": an ordinal's dot closes the year */
    return 1;
}

/* The weekday of y-m-d, 1 Monday .. 7 Sunday (1970-01-01 was a Thursday). */
static int weekday_of(int y, int m, int d)
{
    int64_t days = byl_days_from_civil(y, m, d);
    return (int)(((days % 7) + 7 + 3) % 7) + 1;
}

/* Parses a date at the start of [s, s+len); on success returns 0, the time
 * in *out and the end of what was read in *end. */
static int parse(const char *s, size_t len, int lenient, int order, int64_t *out,
                 const char **end)
{
    cur c = {s, s + len};
    fields f;
    memset(&f, 0, sizeof f);
    skip_ws(&c);
    /* A time first: "4:12 PM EST, November 26, 2025" (AP), "8:00pm, 26 Nov 2025" */
    int time_first = 0;
    int nd0 = count_digits(&c);
    if (nd0 >= 1 && nd0 <= 2 && c.p + nd0 < c.e && c.p[nd0] == ':') {
        cur t = c;
        if (!time_part(&t, &f))
            return -1;
        eat(&t, ',');
        skip_ws(&t);
        c = t;
        time_first = 1;
    }
    size_t n = word_len(&c);
    size_t nu = word_len_utf8(&c);
    while (nu < (size_t)(c.e - c.p) && c.p[nu] == '-' && nu < 8) /* "sexta-feira" */
        nu += 1 + word_len_utf8(&(cur){c.p + nu + 1, c.e});
    int wd = n ? is_weekday(c.p, n) : 0; /* the weekday written, 1 Monday .. 7 */
    int wd_other = !wd && nu ? other_weekday(c.p, nu, nu < (size_t)(c.e - c.p) && c.p[nu] == '.') : 0;
    if (wd || wd_other) {
        /* "Wed, 26 Nov 2025", "Wednesday November 26", "Samstag, 5. Dezember" */
        c.p += wd ? n : nu;
        if (!wd)
            wd = wd_other;
        eat(&c, '.');
        eat(&c, ',');
        skip_ws(&c);
    }
    int kind;
    int mo = month_word(&c);
    if (mo) {
        kind = month_first(&c, &f, mo);
    } else if (at_digit(&c)) {
        kind = digits_first(&c, &f, lenient, order);
    } else {
        return -1;
    }
    if (!kind)
        return -1;
    if (kind == 3 && time_first)
        return -1; /* "10:00 20251126T101010": two times */
    if (kind != 3 && !time_first)
        opt_time(&c, &f);
    /* "Friday 12.04.26": the weekday printed with a numeric date says
     * which of its parts is the month when only one reading falls on it
     * (4 December 2026 is a Friday, 12 April a Sunday); a calendar's
     * fact beats the convention of the separator or the order asked for */
    if (wd && f.alt_mo && f.y >= 1 && f.y <= 9999 && f.d <= days_in_month(f.y, f.mo) &&
        weekday_of(f.y, f.mo, f.d) != wd && weekday_of(f.y, f.alt_mo, f.alt_d) == wd) {
        f.mo = f.alt_mo;
        f.d = f.alt_d;
    }
    if (f.y < 1 || f.y > 9999 || f.mo < 1 || f.mo > 12 || f.d < 1 ||
        f.d > days_in_month(f.y, f.mo))
        return -1;
    if (order & BYL_DATE_LOCAL)
        f.tz = 0; /* the page's own day and clock */
    int64_t t = byl_days_from_civil(f.y, f.mo, f.d) * 86400 + f.h * 3600 + f.mi * 60 + f.s - f.tz;
    /* A zone can push the first or last hours of the calendar out of it
     * ("0001-01-01T00:00+01:00" is in year 0); refuse those rather than
     * hand out a time that prints as year 0 or 10000. */
    if (t < BYL_DATE_MIN || t > BYL_DATE_MAX)
        return -1;
    *out = t;
    *end = c.p;
    return 0;
}

int byl_date_parse(const char *s, size_t len, int64_t *out)
{
    return byl_date_parse_order(s, len, BYL_DATE_MDY, out);
}

int byl_date_parse_order(const char *s, size_t len, int order, int64_t *out)
{
    int64_t t;
    const char *end;
    if (!s || parse(s, len, 0, order, &t, &end) < 0)
        return -1;
    cur c = {end, s + len};
    skip_ws(&c);
    if (c.p != c.e)
        return -1;
    *out = t;
    return 0;
}

int byl_date_parse_lenient(const char *s, size_t len, int64_t *out)
{
    int64_t t;
    const char *end;
    if (!s || parse(s, len, 1, BYL_DATE_MDY, &t, &end) < 0)
        return -1;
    /* Accept a tail only after a separator, so that "2025x" is no date. */
    if (end < s + len && (is_alpha(*end) || (*end >= '0' && *end <= '9')))
        return -1;
    *out = t;
    return 0;
}

int byl_date_time_only(const char *s, size_t len)
{
    cur c = {s, s + len};
    fields f;
    memset(&f, 0, sizeof f);
    skip_ws(&c);
    if (!time_part(&c, &f))
        return 0;
    skip_ws(&c);
    return c.p == c.e;
}
