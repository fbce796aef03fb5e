/*
 * dateorder.h - which way round a text writes its numeric dates, from the
 * evidence of its other dates: when "11/07/2025" is 11 July and when it is
 * November 7 (docs/ARTICLES.md, "Dates").
 *
 * Evidence, counted as votes for month-first (BYL_DATE_MDY) or day-first
 * (BYL_DATE_DMY), strongest first:
 *   numeric  a numeric date with a part above 12: "14/11/2026" day-first,
 *            "11/14/2026" month-first; a dotted date with a four-digit
 *            year, "07.11.2025", day-first (dots are a day-first habit);
 *   weekday  the text's first ambiguous date ("05/12/2026") has one
 *            reading within ten days of a date the text writes with its
 *            weekday, right for that year ("Saturday, December 5",
 *            "Sat 5 Dec"), or a weekday just before it ("Sat 05/12/2026")
 *            that only one reading falls on: a dated weekday is a day
 *            near the story, a bare date may be any day of the past;
 *   zone     a time zone after a time: "14:20 IST", "4.42pm AEDT",
 *            "16:42 SAST", "09.15 GMT" day-first (zones of countries that
 *            write the day first), "10:14 AM EST", "2:34 a.m. ET"
 *            month-first (the United States'); UTC and zones of countries
 *            that write the year first say nothing;
 *   written  a day before a month's name, "7 November 2025", "7th of Nov",
 *            day-first; a month's name before a day, "November 7, 2025",
 *            "Nov. 7", month-first ("May" only with a year after it);
 *   money    more signs of currencies of day-first countries (EUR, GBP,
 *            INR, NGN signs; "A$", "NZ$", "S$", "HK$") than bare dollar
 *            signs: day-first.  Never month-first: the dollar is
 *            written in as many day-first countries as not.
 * An order is decided by the first kind whose votes differ, else not at
 * all (byl_date_votes_order gives -1 and the caller asks the next, wider
 * source of evidence).  A merged set of votes (a run's) counts the
 * weekday votes of each article merged in, by its own first date.
 *
 * Use:
 *     byl_date_votes v = {0};
 *     byl_date_votes_add(&v, text, len);
 *     int order = byl_date_votes_order(&v);     -1: no evidence either way
 *
 * Not for: parsing dates (date.c, byl_date_parse_order); the choice of
 * which evidence comes first (the readers, text.c and jsonl.c).
 */
#ifndef BYL_DATEORDER_H
#define BYL_DATEORDER_H

#include <stddef.h>
#include <stdint.h>

/* The sides of a vote: the values of BYL_DATE_MDY and BYL_DATE_DMY
 * (doc/reader.h, which checks that they agree). */
enum { BYL_VOTE_MDY = 0, BYL_VOTE_DMY = 1 };

/* Votes, indexed by BYL_VOTE_MDY and BYL_VOTE_DMY.  Zero it (= {0})
 * before the first byl_date_votes_add. */
typedef struct byl_date_votes {
    uint32_t num[2];  /* numeric dates that settle it */
    uint32_t word[2]; /* dates written with a month's name */
    uint32_t latest;  /* the latest date written whole (a month's name and a
                         year, ISO, or dotted), as YYYYMMDD; 0 if none: the
                         year of a date written without one (byl_date_near) */
    uint32_t wday[2]; /* merged: articles whose dated weekdays settled it */
    uint32_t zone[2]; /* time zones after a time */
    uint32_t money[2];/* [DMY] day-first currencies' signs, [MDY] bare "$" */
    uint32_t amb;     /* the first ambiguous numeric date, a*10^6+b*10^4+year
                         as written ("05/12/2026": 5122026), or 0 */
    uint8_t amb_wd;   /* 1-7 (Monday-Sunday): a weekday just before it */
    uint8_t ndated;   /* entries of dated[] */
    uint16_t dated[8];/* dates written with a weekday: month*512+day*16+wd */
} byl_date_votes;

/* Adds the evidence of s[0, n) (UTF-8 or any bytes; never read past n) to
 * *v.  Counts saturate. */
void byl_date_votes_add(byl_date_votes *v, const char *s, size_t n);

/* Adds the votes of b to a (saturating; the later of the latest dates). */
void byl_date_votes_merge(byl_date_votes *a, const byl_date_votes *b);

/* Like byl_date_votes_order, from the strong evidence alone: numeric
 * dates, dated weekdays and zones, not the written dates or money.  What
 * may turn a dashed date ("05-12-2026", day first by default) month
 * first: a site's CMS prints dashed dates in its country's form while its
 * prose may follow an agency's style (docs/ARTICLES.md). */
int byl_date_votes_strong_order(const byl_date_votes *v);

/* BYL_VOTE_MDY or BYL_VOTE_DMY (= BYL_DATE_MDY, BYL_DATE_DMY) as the
 * votes decide (numeric first, then written; a tie decides nothing), or
 * -1. */
int byl_date_votes_order(const byl_date_votes *v);

/* The evidence of the first bytes (at most 16 KiB) of the file at path, a
 * plain file (not compressed), added to *v: what a folder's other articles
 * say.  Returns 0, or -1 if it cannot be read (*v unchanged). */
int byl_date_votes_file(const char *path, byl_date_votes *v);

/* The year of a date written without one ("Dec 4 (AFP) -", month mo, day
 * d): the year that puts it nearest the reference date ref (YYYYMMDD, as
 * byl_date_votes.latest): "Dec 30" near 20270104 is 2026, "Jan 2" near
 * 20261230 is 2027.  Returns the year, or 0 if ref is 0 (no evidence: the
 * year is not guessed) or (mo, d) is no day of the year. */
int byl_date_near(uint32_t ref, int mo, int d);

/* When no vote settles the order: the one that puts the first ambiguous
 * numeric date of s[0, n) (its first 2 KiB; "6/12/2026", both parts 12 or
 * less and unequal) nearer the reference date ref (YYYYMMDD: the latest
 * date the run's other files write whole -- articles kept together were
 * mostly written together).  BYL_VOTE_MDY, BYL_VOTE_DMY, or -1 (no such
 * date, no ref, or a tie). */
int byl_date_order_near(const char *s, size_t n, uint32_t ref);

#endif
