/*
 * dateorder.h - which way round a text writes its numeric dates, from the
 * evidence of its other dates: when "11/07/2025" is 11 July and when it is
 * November 7 (docs/ARTICLES.md, "Dates").
 *
 * Evidence, counted as votes for month-first (BYL_DATE_MDY) or day-first
 * (BYL_DATE_DMY):
 *   numeric  a numeric date with a part above 12: "14/11/2026" day-first,
 *            "11/14/2026" month-first; a dotted date with a four-digit
 *            year, "07.11.2025", day-first (dots are a day-first habit);
 *   written  a day before a month's name, "7 November 2025", "7th of Nov",
 *            day-first; a month's name before a day, "November 7, 2025",
 *            "Nov. 7", month-first ("May" only with a year after it).
 * An order is decided by the numeric votes if they differ, else by the
 * written votes if they differ, else not at all (byl_date_votes_order
 * gives -1 and the caller asks the next, wider source of evidence).
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

/* Votes, indexed by BYL_VOTE_MDY and BYL_VOTE_DMY. */
typedef struct byl_date_votes {
    uint32_t num[2];  /* numeric dates that settle it */
    uint32_t word[2]; /* dates written with a month's name */
} byl_date_votes;

/* Adds the evidence of s[0, n) (UTF-8 or any bytes; never read past n) to
 * *v.  Counts saturate. */
void byl_date_votes_add(byl_date_votes *v, const char *s, size_t n);

/* Adds the votes of b to a (saturating). */
void byl_date_votes_merge(byl_date_votes *a, const byl_date_votes *b);

/* BYL_VOTE_MDY or BYL_VOTE_DMY (= BYL_DATE_MDY, BYL_DATE_DMY) as the
 * votes decide (numeric first, then written; a tie decides nothing), or
 * -1. */
int byl_date_votes_order(const byl_date_votes *v);

/* The evidence of the first bytes (at most 16 KiB) of the file at path, a
 * plain file (not compressed), added to *v: what a folder's other articles
 * say.  Returns 0, or -1 if it cannot be read (*v unchanged). */
int byl_date_votes_file(const char *path, byl_date_votes *v);

#endif
