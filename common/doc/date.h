/*
 * date.h - calendar arithmetic and the liberal date parser behind
 * byl_date_parse (declared in doc/reader.h, which is its contract).
 *
 * Dates become seconds since 1970-01-01 UTC through our own days-from-civil
 * arithmetic (proleptic Gregorian calendar), so that the result never depends
 * on the C library's time zone, locale or timegm().
 *
 * Forms understood (case-insensitive month, weekday and zone names):
 *     2025-11-26   2025-11-26T14:34:00.5Z   2025-11-26 14:34+01:00   2025/11/26
 *     20251126     2025-11     2025 (a bare year: January 1st)
 *     Wed, 26 Nov 2025 14:34:00 +0000        26 November 2025
 *     Nov 26, 2025   November 26th, 2025   Nov. 26 2025   November 2025
 *     Nov 26, 2025, 2:34 a.m. ET             November 26, 2025 at 2 PM EST
 *     11/07/2025 and 11-07-2025 (a part above 12 is the day; else month
 *     first unless BYL_DATE_DMY is asked for), 03/24/87 (two-digit years
 *     below 70 are 20xx, others 19xx), 26.11.2025 (day.month.year)
 *     26-FEB-1987 15:01:01.79 (Reuters-21578)
 *     Wed 26 Nov 2025 14.34 GMT   4:12 PM EST, November 26, 2025
 *     26 novembre 2025 à 05h30   26. November 2025   2025年11月26日
 *     5th of December 2026   sábado, 5 de diciembre de 2026   2026.12.05
 *     (month names and weekdays of French, German, Spanish, Italian,
 *     Portuguese, Dutch, Norwegian, Danish and Swedish, written out;
 *     the month after its day and the weekday in Croatian, Serbian,
 *     Slovene, Polish and Czech, the month in Russian, Ukrainian,
 *     Turkish, Indonesian, Malay, Swahili, Filipino, Catalan, Romanian,
 *     Albanian, Finnish, Estonian and Greek: "petak, 4. prosinca 2026.",
 *     "4 grudnia 2026", "4 декабря 2026", "4 Aralık 2026")
 *     Friday 12.04.26 (a weekday before a numeric date both of whose
 *     parts could be the month picks the reading that falls on it)
 * Zones: Z, +hh:mm, +hhmm, +hh, UT/UTC/GMT, the US zones (EST -5, EDT -4,
 * CST/CDT, MST/MDT, PST/PDT) and the bare US names ET, CT, MT, PT taken as
 * standard time all year (ET = UTC-5: an hour off in summer, which is good
 * enough to order news by day), and a few European ones.  An unknown zone
 * word of up to five capitals counts as UTC.  Without a zone a time is UTC.
 *
 * Parsed dates lie in 0001-01-01T00:00:00Z .. 9999-12-31T23:59:59Z
 * (BYL_DATE_MIN .. BYL_DATE_MAX): a time whose zone would carry it past
 * either end is refused, not stored as year 0 or 10000.
 *
 * byl_date_format writes any time back as ISO 8601 with a four-digit,
 * zero-padded year; it also copes with stored times outside that range (an
 * epoch number in a JSON dump can be anything) instead of printing "1-01-01"
 * or garbage.
 *
 * A time may follow its date after a word of the site's language ("kl.
 * 14:02", "um 14:02 Uhr", "alle ore 14:02", "à 05h30", "a las 14:02").
 *
 * Not for: guessing day-first versus month-first when both parts are 12
 * or less (the caller says which: byl_date_parse_order).
 */
#ifndef BYL_DATE_H
#define BYL_DATE_H

#include <stddef.h>
#include <stdint.h>

/* Days from 1970-01-01 to year-month-day in the proleptic Gregorian
 * calendar (negative before 1970).  m is 1..12, d 1..31; not validated. */
int64_t byl_days_from_civil(int64_t y, int m, int d);

/* The inverse: the year, month (1..12) and day (1..31) of day number days
 * (0 is 1970-01-01).  Defined for every int64_t / 86400 day number. */
void byl_civil_from_days(int64_t days, int64_t *y, int *m, int *d);

/* The earliest and latest time byl_date_parse returns. */
#define BYL_DATE_MIN (-62135596800LL) /* 0001-01-01T00:00:00Z */
#define BYL_DATE_MAX 253402300799LL   /* 9999-12-31T23:59:59Z */

/* Room for any output of byl_date_format, with its NUL. */
#define BYL_DATE_BUF 40

/* A flag or-ed into the order given to byl_date_parse_order: a dashed
 * date whose parts could be either ("05-12-2026") is day first whatever
 * the order says for slashes (docs/ARTICLES.md, "Ambiguous numeric
 * dates"; the plain-text reader sets it when no strong evidence says
 * month first). */
#define BYL_DATE_DASH_DMY 0x100

/* A flag or-ed into the order: a time's zone is read but not applied, so
 * that the date is the page's own day and clock ("6:42 PM CST December 3"
 * is December 3, 18:42, not December 4 in UTC).  The plain-text reader
 * sets it: a reader dates a story by the day its page prints. */
#define BYL_DATE_LOCAL 0x200

/* Writes time t (seconds since 1970-01-01 UTC) into buf as "YYYY-MM-DD", or
 * with full as "YYYY-MM-DDTHH:MM:SSZ".  Years 0..9999 have four digits,
 * zero padded ("0001-01-01"); years before 0 (astronomical numbering: 0 is
 * 1 BC) take a '-' and years past 9999 a '+', as ISO 8601's expanded form
 * does.  Any int64_t is accepted.  Returns the length the text needs, as
 * snprintf does; the text is cut (still NUL-terminated) when cap is smaller
 * than that, and cap BYL_DATE_BUF is always enough. */
size_t byl_date_format(int64_t t, int full, char *buf, size_t cap);

/* Like byl_date_parse, but text may follow a complete date ("January 1,
 * 1989, Sunday, Home Edition"; "910514", six digits YYMMDD, is also taken).
 * For SGML date elements, where such tails are common.  Returns 0 or -1. */
int byl_date_parse_lenient(const char *s, size_t len, int64_t *out);

/* Whether s[0, len) is a time of day alone, with an optional zone ("6:12
 * PM NZDT", "10:48 PM CST", "16:40"): 1 if so, else 0. */
int byl_date_time_only(const char *s, size_t len);

#endif
