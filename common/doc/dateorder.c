/*
 * dateorder.c - the votes of dateorder.h: a scan of a text for dates that
 * say whether its numeric dates are day-first or month-first.
 *
 * Not for: reading the dates themselves (date.c).
 */
#include "doc/dateorder.h"

#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "util/mem.h"

#define BYL_DATE_MDY BYL_VOTE_MDY
#define BYL_DATE_DMY BYL_VOTE_DMY

#define FILE_PEEK (16 * 1024)

static void vote(uint32_t *c)
{
    if (*c < UINT32_MAX)
        (*c)++;
}

static int digit(char c) { return c >= '0' && c <= '9'; }
static int alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static char low(char c) { return c >= 'A' && c <= 'Z' ? (char)(c | 0x20) : c; }

/* The number of 1 or 2 digits at s[*i] (no digit after them): its value,
 * *i past it; -1 otherwise (*i unchanged). */
static int small_num(const char *s, size_t n, size_t *i)
{
    size_t k = *i, d = 0;
    int v = 0;
    while (k < n && digit(s[k]) && d < 3) {
        v = v * 10 + (s[k] - '0');
        k++, d++;
    }
    if (d == 0 || d > 2)
        return -1;
    *i = k;
    return v;
}

static const char *const months[] = {"january", "february", "march", "april", "may", "june",
                                     "july", "august", "september", "october", "november",
                                     "december"};

/* A month's name at s[i] (capitalised; full, or its first three letters,
 * or "sept"), not followed by a letter: its length, 0 if none; its number
 * (1-12) in *mon (5, May, is also a verb: it needs a year after it). */
static size_t month_at(const char *s, size_t n, size_t i, int *mon)
{
    if (i >= n || !(s[i] >= 'A' && s[i] <= 'Z'))
        return 0;
    size_t w = i;
    while (w < n && alpha(s[w]) && w - i < 10)
        w++;
    size_t len = w - i;
    if (len < 3 || (w < n && alpha(s[w])))
        return 0;
    for (int m = 0; m < 12; m++) {
        size_t full = strlen(months[m]);
        if (len != full && len != 3 && !(m == 8 && len == 4))
            continue;
        if (len > full)
            continue;
        size_t k = 0;
        while (k < len && low(s[i + k]) == months[m][k])
            k++;
        if (k == len) {
            *mon = m + 1;
            return len;
        }
    }
    return 0;
}

static size_t spaces(const char *s, size_t n, size_t i)
{
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    return i;
}

/* A four-digit year at s[i] (after ", " or " "), not followed by a digit. */
static int year_after(const char *s, size_t n, size_t i)
{
    if (i < n && s[i] == ',')
        i++;
    i = spaces(s, n, i);
    return i + 4 <= n && digit(s[i]) && digit(s[i + 1]) && digit(s[i + 2]) && digit(s[i + 3]) &&
           (i + 4 == n || !digit(s[i + 4]));
}

/* The four-digit year at s[i] (after ", " or " ", as year_after), or 0. */
static int year_at(const char *s, size_t n, size_t i)
{
    if (!year_after(s, n, i))
        return 0;
    if (i < n && s[i] == ',')
        i++;
    i = spaces(s, n, i);
    return (s[i] - '0') * 1000 + (s[i + 1] - '0') * 100 + (s[i + 2] - '0') * 10 + (s[i + 3] - '0');
}

/* Keeps y-mo-d in v->latest when it is a day after it (years 1900-2199:
 * a date written whole, not a count). */
static void saw_date(byl_date_votes *v, int y, int mo, int d)
{
    if (y < 1900 || y > 2199 || mo < 1 || mo > 12 || d < 1 || d > 31)
        return;
    uint32_t ymd = (uint32_t)(y * 10000 + mo * 100 + d);
    if (ymd > v->latest)
        v->latest = ymd;
}

/* s[i] follows "Tue, " (a three-letter weekday, a comma, one space): the
 * date of an e-mail or RSS header (RFC 2822, "Tue, 14 Oct 2025 14:34:00
 * +0000"), whose order the standard fixes whatever the writer's habit, so
 * it is no evidence (US feeds write it too).  "Tuesday, 14 October" is a
 * person's writing and still counts. */
static int after_rfc2822_weekday(const char *s, size_t i)
{
    static const char *const wd[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    if (i < 5 || s[i - 1] != ' ' || s[i - 2] != ',' || (i > 5 && alpha(s[i - 6])))
        return 0;
    for (size_t d = 0; d < 7; d++)
        if (low(s[i - 5]) == wd[d][0] && low(s[i - 4]) == wd[d][1] && low(s[i - 3]) == wd[d][2])
            return 1;
    return 0;
}

/* The weekday written just before s[i] ("Saturday, ", "Sat ", "Tues. "),
 * 1-7 for Monday-Sunday, or 0: a date that carries its weekday. */
static int weekday_before(const char *s, size_t i)
{
    static const char *const wd[] = {"monday", "tuesday", "wednesday", "thursday",
                                     "friday", "saturday", "sunday"};
    size_t e = i;
    while (e > 0 && (s[e - 1] == ' ' || s[e - 1] == '\t'))
        e--;
    if (e > 0 && (s[e - 1] == ',' || s[e - 1] == '.'))
        e--;
    size_t b = e;
    while (b > 0 && alpha(s[b - 1]) && e - b < 10)
        b--;
    if (e - b < 3 || (b > 0 && alpha(s[b - 1])) || !(s[b] >= 'A' && s[b] <= 'Z'))
        return 0;
    for (int d = 0; d < 7; d++) {
        size_t full = strlen(wd[d]), k = 0;
        while (k < e - b && k < full && low(s[b + k]) == wd[d][k])
            k++;
        /* the whole name, or a short form of three letters or more
         * ("Sat", "Tues", "Thurs") */
        if (k == e - b && (k == full || k <= 4))
            return d + 1;
    }
    return 0;
}

/* A weekday written out whole and capitalised on the line of s[i] or
 * the one above it, before s[i] ("Your Wednesday briefing" over "No. 147
 * | 12/02/2026"), 1-7 for Monday-Sunday, or 0 (none, or two different
 * ones): a masthead or an issue's line names its day in words near its
 * date, a weekday alone in a story's sentence is another matter. */
static int weekday_near(const char *s, size_t i)
{
    static const char *const wd[] = {"Monday", "Tuesday", "Wednesday", "Thursday",
                                     "Friday", "Saturday", "Sunday"};
    int found = 0, lines = 0;
    for (size_t b = i; b > 0 && i - b < 160;) {
        b--;
        if (s[b] == '\n' && ++lines == 2)
            break;
        if (b > 0 && alpha(s[b - 1]))
            continue;
        for (int d = 0; d < 7; d++) {
            size_t l = strlen(wd[d]);
            if (b + l <= i && !memcmp(s + b, wd[d], l) && (b + l == i || !alpha(s[b + l]))) {
                if (found && found != d + 1)
                    return 0;
                found = d + 1;
            }
        }
    }
    return found;
}

/* Keeps a date written with its weekday (month mo, day d, weekday wd):
 * the evidence of the weekday rule, for the first few. */
static void saw_dated(byl_date_votes *v, int mo, int d, int wd)
{
    if (wd && v->ndated < sizeof v->dated / sizeof v->dated[0] && mo >= 1 && mo <= 12 && d >= 1 &&
        d <= 31)
        v->dated[v->ndated++] = (uint16_t)(mo * 512 + d * 16 + wd);
}

/* The digits at s[i] start a date: a numeric one, or a day before a
 * month's name.  Returns where the scan goes on. */
static size_t at_digits(byl_date_votes *v, const char *s, size_t n, size_t i)
{
    size_t k = i;
    int a = small_num(s, n, &k);
    if (a < 0) {
        while (k < n && digit(s[k]))
            k++;
        /* ISO: 2026-12-04 (no vote: its order is fixed) */
        if (k == i + 4 && k + 5 < n && s[k] == '-' && digit(s[k + 1]) && digit(s[k + 2]) &&
            s[k + 3] == '-' && digit(s[k + 4]) && digit(s[k + 5]) && (k + 6 == n || !digit(s[k + 6])))
            saw_date(v, (s[i] - '0') * 1000 + (s[i + 1] - '0') * 100 + (s[i + 2] - '0') * 10 +
                            (s[i + 3] - '0'),
                     (s[k + 1] - '0') * 10 + (s[k + 2] - '0'), (s[k + 4] - '0') * 10 + (s[k + 5] - '0'));
        return k > i ? k : i + 1;
    }
    /* numeric: a SEP b SEP year */
    if (k < n && (s[k] == '/' || s[k] == '-' || s[k] == '.')) {
        char sep = s[k];
        size_t j = k + 1;
        int b = small_num(s, n, &j);
        if (b >= 1 && j < n && s[j] == sep) {
            size_t y = j + 1, yd = 0;
            while (y < n && digit(s[y]) && yd < 5)
                y++, yd++;
            if ((yd == 4 || (yd == 2 && sep != '.')) && a >= 1 && a <= 31 && b <= 31) {
                int yv = 0;
                for (size_t q = j + 1; yd == 4 && q < y; q++)
                    yv = yv * 10 + (s[q] - '0');
                if (sep == '.' && yd == 4 && a <= 31 && b <= 12) {
                    vote(&v->num[BYL_DATE_DMY]);
                    saw_date(v, yv, b, a);
                } else if (sep != '.' && a > 12 && b <= 12) {
                    vote(&v->num[BYL_DATE_DMY]);
                    saw_date(v, yv, b, a);
                } else if (sep != '.' && b > 12 && a <= 12) {
                    vote(&v->num[BYL_DATE_MDY]);
                    saw_date(v, yv, a, b);
                } else if (sep != '.' && yd == 4 && a != b && b >= 1 && !v->amb) {
                    /* the first date that reads two ways: the one the
                     * weekday rule is about */
                    v->amb = (uint32_t)(a * 1000000 + b * 10000 + yv);
                    v->amb_wd = (uint8_t)weekday_before(s, i);
                    if (!v->amb_wd)
                        v->amb_wd = (uint8_t)weekday_near(s, i);
                }
                return y;
            }
        }
        return k + 1;
    }
    /* written: 7 November, 7th of Nov */
    if (a >= 1 && a <= 31) {
        size_t j = k;
        if (j + 2 <= n && alpha(s[j]) && alpha(s[j + 1]) && (j + 2 == n || !alpha(s[j + 2])))
            j += 2; /* st, nd, rd, th */
        size_t sp = spaces(s, n, j);
        if (sp > j) {
            if (sp + 3 <= n && s[sp] == 'o' && s[sp + 1] == 'f' && s[sp + 2] == ' ')
                sp = spaces(s, n, sp + 3);
            int mon = 0;
            size_t ml = month_at(s, n, sp, &mon);
            int wd = ml ? weekday_before(s, i) : 0;
            if (ml && wd)
                saw_dated(v, mon, a, wd); /* "Tuesday 5 May": a date, whatever May is */
            if (ml && (mon != 5 || year_after(s, n, sp + ml))) {
                if (!after_rfc2822_weekday(s, i))
                    vote(&v->word[BYL_DATE_DMY]);
                size_t ye = sp + ml;
                if (ye < n && s[ye] == '.')
                    ye++;
                saw_date(v, year_at(s, n, ye), mon, a);
                return sp + ml;
            }
        }
    }
    return k;
}

/* A month's name at s[i] followed by a day: month-first. */
static size_t at_letters(byl_date_votes *v, const char *s, size_t n, size_t i)
{
    int mon = 0;
    size_t ml = month_at(s, n, i, &mon);
    size_t w = i;
    if (!ml) {
        while (w < n && alpha(s[w]))
            w++;
        return w > i ? w : i + 1;
    }
    size_t j = i + ml;
    if (j < n && s[j] == '.')
        j++;
    size_t sp = spaces(s, n, j);
    if (sp == j)
        return j;
    size_t k = sp;
    int d = small_num(s, n, &k);
    if (d >= 1 && d <= 31) {
        size_t e = k;
        if (e + 2 <= n && alpha(s[e]) && alpha(s[e + 1]) && (e + 2 == n || !alpha(s[e + 2])))
            e += 2;
        /* not "November 2025" (a year), not "Nov 7.5%" */
        if (e == n || !(alpha(s[e]) || s[e] == '.' || s[e] == '/' || s[e] == ':' || s[e] == '%' ||
                        s[e] == '-')) {
            saw_dated(v, mon, d, weekday_before(s, i));
            if (mon != 5 || year_after(s, n, e)) {
                vote(&v->word[BYL_DATE_MDY]);
                saw_date(v, year_at(s, n, e), mon, d);
            }
        }
    }
    return j;
}

/* A time ends just before s[i] (blanks and a bracket between): "14:20",
 * "4.42", "4.42pm", "2:34 a.m.", "4pm". */
static int time_before(const char *s, size_t i)
{
    size_t k = i;
    while (k > 0 && (s[k - 1] == ' ' || s[k - 1] == '('))
        k--;
    int ampm = 0;
    if (k >= 2 && low(s[k - 1]) == 'm' && (low(s[k - 2]) == 'a' || low(s[k - 2]) == 'p'))
        k -= 2, ampm = 1;
    else if (k >= 4 && s[k - 1] == '.' && low(s[k - 2]) == 'm' && s[k - 3] == '.' &&
             (low(s[k - 4]) == 'a' || low(s[k - 4]) == 'p'))
        k -= 4, ampm = 1;
    while (ampm && k > 0 && s[k - 1] == ' ')
        k--;
    if (k < 1 || !digit(s[k - 1]))
        return 0;
    return ampm || (k >= 4 && digit(s[k - 2]) && (s[k - 3] == ':' || s[k - 3] == '.') &&
                    digit(s[k - 4]));
}

/* A time zone in capitals at s[i] after a time: its vote (BYL_DATE_DMY for
 * the zones of countries that write the day first, BYL_DATE_MDY for the
 * United States'), -1 if none; *len its length. */
static int zone_at(const char *s, size_t n, size_t i, size_t *len)
{
    static const struct {
        const char *z;
        int order;
    } zones[] = {
        {"GMT", BYL_DATE_DMY},  {"BST", BYL_DATE_DMY},  {"IST", BYL_DATE_DMY},
        {"WET", BYL_DATE_DMY},  {"WEST", BYL_DATE_DMY}, {"CET", BYL_DATE_DMY},
        {"CEST", BYL_DATE_DMY}, {"EET", BYL_DATE_DMY},  {"EEST", BYL_DATE_DMY},
        {"SAST", BYL_DATE_DMY}, {"CAT", BYL_DATE_DMY},  {"EAT", BYL_DATE_DMY},
        {"WAT", BYL_DATE_DMY},  {"AEST", BYL_DATE_DMY}, {"AEDT", BYL_DATE_DMY},
        {"ACST", BYL_DATE_DMY}, {"ACDT", BYL_DATE_DMY}, {"AWST", BYL_DATE_DMY},
        {"NZST", BYL_DATE_DMY}, {"NZDT", BYL_DATE_DMY}, {"SGT", BYL_DATE_DMY},
        {"MYT", BYL_DATE_DMY},  {"HKT", BYL_DATE_DMY},  {"PKT", BYL_DATE_DMY},
        {"NPT", BYL_DATE_DMY},  {"EST", BYL_DATE_MDY},  {"EDT", BYL_DATE_MDY},
        {"CST", BYL_DATE_MDY},  {"CDT", BYL_DATE_MDY},  {"MST", BYL_DATE_MDY},
        {"MDT", BYL_DATE_MDY},  {"PST", BYL_DATE_MDY},  {"PDT", BYL_DATE_MDY},
        {"AKST", BYL_DATE_MDY}, {"AKDT", BYL_DATE_MDY}, {"HST", BYL_DATE_MDY},
        {"ET", BYL_DATE_MDY},   {"CT", BYL_DATE_MDY},   {"PT", BYL_DATE_MDY},
    };
    size_t w = i;
    while (w < n && s[w] >= 'A' && s[w] <= 'Z' && w - i < 5)
        w++;
    *len = w - i;
    if (w - i < 2 || w - i > 4 || (w < n && alpha(s[w])) || !time_before(s, i))
        return -1;
    for (size_t z = 0; z < sizeof zones / sizeof zones[0]; z++)
        if (strlen(zones[z].z) == w - i && memcmp(zones[z].z, s + i, w - i) == 0)
            return zones[z].order;
    return -1;
}

/* A currency's sign at s[i]: 1 for one of a day-first country (the euro,
 * pound, rupee and naira signs; "A$", "NZ$", "S$", "HK$"), 2 for a bare
 * "$", 0 for none ("US$", "C$": no side); *len its length. */
static int money_at(const unsigned char *s, size_t n, size_t i, size_t *len)
{
    *len = 1;
    if (s[i] == '$') {
        size_t b = i;
        while (b > 0 && s[b - 1] >= 'A' && s[b - 1] <= 'Z' && i - b < 3)
            b--;
        if (b == i || (b > 0 && alpha((char)s[b - 1])))
            return b == i ? 2 : 0;
        size_t l = i - b;
        const char *p = (const char *)s + b;
        return (l == 1 && (*p == 'A' || *p == 'S')) || (l == 2 && (!memcmp(p, "NZ", 2) ||
                                                                   !memcmp(p, "HK", 2)));
    }
    if (s[i] == 0xC2 && i + 1 < n && s[i + 1] == 0xA3) {
        *len = 2;
        return 1;
    }
    if (s[i] == 0xE2 && i + 2 < n && s[i + 1] == 0x82 &&
        (s[i + 2] == 0xAC || s[i + 2] == 0xB9 || s[i + 2] == 0xA6)) {
        *len = 3;
        return 1;
    }
    return 0;
}

/* The bytes of a Unicode blank (no-break, thin, figure, ideographic, ...)
 * or zero-width character (U+200B..U+200D, U+2060, U+FEFF, soft hyphen)
 * at s[i], or 0: what copy and paste puts inside "28 November". */
static size_t odd_space(const unsigned char *s, size_t n, size_t i, int *zero)
{
    *zero = 0;
    if (i + 1 < n && s[i] == 0xC2 && (s[i + 1] == 0xA0 || s[i + 1] == 0xAD)) {
        *zero = s[i + 1] == 0xAD;
        return 2;
    }
    if (i + 2 < n && s[i] == 0xE2 && s[i + 1] == 0x80 && (s[i + 2] <= 0x8D || s[i + 2] == 0xAF)) {
        *zero = s[i + 2] >= 0x8B && s[i + 2] <= 0x8D;
        return 3;
    }
    if (i + 2 < n && ((s[i] == 0xE2 && s[i + 1] == 0x81 && s[i + 2] == 0xA0) ||
                      (s[i] == 0xEF && s[i + 1] == 0xBB && s[i + 2] == 0xBF))) {
        *zero = 1;
        return 3;
    }
    if (i + 2 < n && s[i] == 0xE3 && s[i + 1] == 0x80 && s[i + 2] == 0x80)
        return 3;
    return 0;
}

static void scan(byl_date_votes *v, const char *s, size_t n);

void byl_date_votes_add(byl_date_votes *v, const char *s, size_t n)
{
    if (!v || !s)
        return;
    /* a copy with Unicode blanks as spaces and zero-width characters
     * gone, as the readers see lines (byl_rd_clean); the raw bytes if no
     * memory */
    char *c = n ? byl_malloc(n) : NULL;
    if (!c) {
        scan(v, s, n);
        return;
    }
    const unsigned char *u = (const unsigned char *)s;
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        int zero;
        size_t k = u[i] >= 0xC2 ? odd_space(u, n, i, &zero) : 0;
        if (k) {
            if (!zero)
                c[o++] = ' ';
            i += k;
        } else {
            c[o++] = s[i++];
        }
    }
    scan(v, c, o);
    byl_free(c);
}

static void scan(byl_date_votes *v, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        char c = s[i];
        if ((c >= 'a' && c <= 'z') || c == ' ') {
            i++; /* most bytes: nothing starts here */
            continue;
        }
        size_t len;
        int k;
        if (digit(c) && (i == 0 || !(alpha(s[i - 1]) || digit(s[i - 1]) || s[i - 1] == '.' ||
                                     s[i - 1] == '/' || s[i - 1] == '-'))) {
            i = at_digits(v, s, n, i);
        } else if (c >= 'A' && c <= 'Z' && (i == 0 || !alpha(s[i - 1]))) {
            if ((k = zone_at(s, n, i, &len)) >= 0) {
                vote(&v->zone[k]);
                i += len;
            } else {
                i = at_letters(v, s, n, i);
            }
        } else if ((c == '$' || (unsigned char)c == 0xC2 || (unsigned char)c == 0xE2) &&
                   (k = money_at((const unsigned char *)s, n, i, &len)) > 0) {
            vote(&v->money[k == 1 ? BYL_DATE_DMY : BYL_DATE_MDY]);
            i += len;
        } else {
            i++;
        }
    }
}


/* Days from 1 March of year 0 to y-mo-d (Gregorian), and whether that day
 * exists: what byl_date_near needs of calendar arithmetic.  Not date.h's
 * byl_days_from_civil: date.c includes reader.h, whose _reader.h includes
 * this module's header, and layers.sh allows no circle. */
static int leap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int day_exists(int64_t y, int mo, int d)
{
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return mo >= 1 && mo <= 12 && d >= 1 && d <= mdays[mo - 1] + (mo == 2 && leap(y));
}

static int64_t day_no(int64_t y, int mo, int d)
{
    y -= mo <= 2;
    int64_t m = mo <= 2 ? mo + 9 : mo - 3; /* 0 = March */
    return y * 365 + y / 4 - y / 100 + y / 400 + (153 * m + 2) / 5 + d - 1;
}

int byl_date_near(uint32_t ref, int mo, int d)
{
    if (!ref || mo < 1 || mo > 12 || d < 1 || d > 31)
        return 0;
    int64_t ry = ref / 10000, rday = day_no(ry, (int)(ref / 100 % 100), (int)(ref % 100));
    int best = 0;
    int64_t gap = INT64_MAX;
    for (int64_t y = ry - 1; y <= ry + 1; y++) {
        if (!day_exists(y, mo, d))
            continue; /* 29 February of a common year */
        int64_t dd = day_no(y, mo, d);
        int64_t t = dd > rday ? dd - rday : rday - dd;
        if (t < gap)
            gap = t, best = (int)y;
    }
    return best;
}

/* Monday 1 ... Sunday 7 of y-mo-d (a day that exists). */
static int weekday(int64_t y, int mo, int d)
{
    int64_t k = (day_no(y, mo, d) - day_no(2026, 12, 7)) % 7; /* 7 Dec 2026: a Monday */
    return (int)(k < 0 ? k + 7 : k) + 1;
}

/* The weekday rule (dateorder.h) for v's own first ambiguous date:
 * BYL_DATE_MDY, BYL_DATE_DMY, or -1. */
static int weekday_order(const byl_date_votes *v)
{
    if (!v->amb)
        return -1;
    int a = (int)(v->amb / 1000000), b = (int)(v->amb / 10000 % 100);
    int64_t y = v->amb % 10000;
    int md = day_exists(y, a, b), dm = day_exists(y, b, a);
    int side[2] = {0, 0};
    if (v->amb_wd) {
        side[BYL_DATE_MDY] += md && weekday(y, a, b) == v->amb_wd;
        side[BYL_DATE_DMY] += dm && weekday(y, b, a) == v->amb_wd;
    }
    for (unsigned k = 0; k < v->ndated && k < sizeof v->dated / sizeof v->dated[0]; k++) {
        int mo = v->dated[k] / 512, d = v->dated[k] / 16 % 32, wd = v->dated[k] % 16;
        if (!day_exists(y, mo, d) || weekday(y, mo, d) != wd)
            continue; /* not a day of that year: no evidence about it */
        int64_t t = day_no(y, mo, d);
        int64_t gm = md ? t - day_no(y, a, b) : 999, gd = dm ? t - day_no(y, b, a) : 999;
        int nm = gm >= -10 && gm <= 10, nd = gd >= -10 && gd <= 10;
        if (nm != nd)
            side[nm ? BYL_DATE_MDY : BYL_DATE_DMY]++;
    }
    if (side[0] == side[1])
        return -1;
    return side[BYL_DATE_MDY] > side[BYL_DATE_DMY] ? BYL_DATE_MDY : BYL_DATE_DMY;
}

static uint32_t add_sat(uint32_t a, uint32_t b) { return a > UINT32_MAX - b ? UINT32_MAX : a + b; }

void byl_date_votes_merge(byl_date_votes *a, const byl_date_votes *b)
{
    for (int k = 0; k < 2; k++) {
        a->num[k] = add_sat(a->num[k], b->num[k]);
        a->word[k] = add_sat(a->word[k], b->word[k]);
        a->wday[k] = add_sat(a->wday[k], b->wday[k]);
        a->zone[k] = add_sat(a->zone[k], b->zone[k]);
        a->money[k] = add_sat(a->money[k], b->money[k]);
    }
    /* b's own first date, settled by its weekdays, is one vote of the
     * run's; a's own evidence of the rule stays its own */
    int o = weekday_order(b);
    if (o >= 0)
        vote(&a->wday[o]);
    if (b->latest > a->latest)
        a->latest = b->latest;
}

int byl_date_votes_strong_order(const byl_date_votes *v)
{
    if (!v)
        return -1;
    if (v->num[BYL_DATE_MDY] != v->num[BYL_DATE_DMY])
        return v->num[BYL_DATE_MDY] > v->num[BYL_DATE_DMY] ? BYL_DATE_MDY : BYL_DATE_DMY;
    uint32_t w[2] = {v->wday[0], v->wday[1]};
    int o = weekday_order(v);
    if (o >= 0)
        w[o] = add_sat(w[o], 1);
    if (w[BYL_DATE_MDY] != w[BYL_DATE_DMY])
        return w[BYL_DATE_MDY] > w[BYL_DATE_DMY] ? BYL_DATE_MDY : BYL_DATE_DMY;
    if (v->zone[BYL_DATE_MDY] != v->zone[BYL_DATE_DMY])
        return v->zone[BYL_DATE_MDY] > v->zone[BYL_DATE_DMY] ? BYL_DATE_MDY : BYL_DATE_DMY;
    return -1;
}

int byl_date_votes_order(const byl_date_votes *v)
{
    if (!v)
        return -1;
    int so = byl_date_votes_strong_order(v);
    if (so >= 0)
        return so;
    if (v->word[BYL_DATE_MDY] != v->word[BYL_DATE_DMY])
        return v->word[BYL_DATE_MDY] > v->word[BYL_DATE_DMY] ? BYL_DATE_MDY : BYL_DATE_DMY;
    if (v->money[BYL_DATE_DMY] > v->money[BYL_DATE_MDY])
        return BYL_DATE_DMY;
    return -1;
}

int byl_date_votes_file(const char *path, byl_date_votes *v)
{
    char buf[FILE_PEEK];
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return -1;
    size_t got = 0;
    while (got < sizeof buf) {
        ssize_t r = read(fd, buf + got, sizeof buf - got);
        if (r <= 0)
            break;
        got += (size_t)r;
    }
    close(fd);
    if (got >= 2 && (unsigned char)buf[0] == 0x1f && (unsigned char)buf[1] == 0x8b)
        return 0; /* gzip: its articles vote when they are read */
    byl_date_votes_add(v, buf, got);
    return 0;
}

int byl_date_order_near(const char *s, size_t n, uint32_t ref)
{
    if (!s || !ref)
        return -1;
    size_t lim = n < 2048 ? n : 2048;
    for (size_t i = 0; i < lim; i++) {
        if (!digit(s[i]) || (i && (digit(s[i - 1]) || s[i - 1] == '/' || s[i - 1] == '.' ||
                                   s[i - 1] == '-')))
            continue;
        size_t k = i;
        int a = small_num(s, lim, &k);
        if (a < 1 || a > 12 || k >= lim || (s[k] != '/' && s[k] != '-'))
            continue;
        char sep = s[k];
        size_t j = k + 1;
        int b = small_num(s, lim, &j);
        if (b < 1 || b > 12 || j >= lim || s[j] != sep)
            continue;
        size_t y = j + 1;
        int yv = 0, yd = 0;
        while (y < lim && digit(s[y]) && yd < 5)
            yv = yv * 10 + (s[y++] - '0'), yd++;
        if (yd != 4 || a == b)
            continue;
        int64_t r = day_no(ref / 10000, (int)(ref / 100 % 100), (int)(ref % 100));
        int64_t md = day_no(yv, a, b) - r, dm = day_no(yv, b, a) - r;
        md = md < 0 ? -md : md;
        dm = dm < 0 ? -dm : dm;
        return md == dm ? -1 : md < dm ? BYL_DATE_MDY : BYL_DATE_DMY;
    }
    return -1;
}
