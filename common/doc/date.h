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
 *     11/07/2025 and 11-07-2025 (US month/day), 03/24/87 (two-digit years
 *     below 70 are 20xx, others 19xx), 26.11.2025 (day.month.year)
 *     26-FEB-1987 15:01:01.79 (Reuters-21578)
 * Zones: Z, +hh:mm, +hhmm, +hh, UT/UTC/GMT, the US zones (EST -5, EDT -4,
 * CST/CDT, MST/MDT, PST/PDT) and the bare US names ET, CT, MT, PT taken as
 * standard time all year (ET = UTC-5: an hour off in summer, which is good
 * enough to order news by day), and a few European ones.  An unknown zone
 * word of up to five capitals counts as UTC.  Without a zone a time is UTC.
 *
 * Not for: formatting dates, nor guessing day-first versus month-first from
 * the values (slash dates are always US month/day).
 */
#ifndef BYL_DATE_H
#define BYL_DATE_H

#include <stddef.h>
#include <stdint.h>

/* Days from 1970-01-01 to year-month-day in the proleptic Gregorian
 * calendar (negative before 1970).  m is 1..12, d 1..31; not validated. */
int64_t byl_days_from_civil(int64_t y, int m, int d);

/* Like byl_date_parse, but text may follow a complete date ("January 1,
 * 1989, Sunday, Home Edition"; "910514", six digits YYMMDD, is also taken).
 * For SGML date elements, where such tails are common.  Returns 0 or -1. */
int byl_date_parse_lenient(const char *s, size_t len, int64_t *out);

#endif
