/*
 * where.h - what the text around one mention of a name says it is: a
 * place (it stands where places stand: "in Bahodopi", "the Morowali
 * regency", "NAIROBI, Dec 5") or a person or organisation (it acts:
 * "Kestrel said", "according to Halden", "Mr Akello", "Kestrel's chief
 * executive").  A list of names (query/names.c) adds the verdicts of all
 * of a name's mentions, so that a town the gazetteer does not know is
 * kept apart from the people and organisations.
 *
 * Use:
 *     unsigned w = byl_where_mention(text, len, start, end);
 *     if ((w & BYL_WHERE_PLACE) && !(w & BYL_WHERE_WHO)) ...
 *
 * Not for: finding names (text/entity.c), nor the gazetteer
 * (text/place.h): a mention's own words are not read here, only those
 * around it.
 */
#ifndef BYL_WHERE_H
#define BYL_WHERE_H

#include <stddef.h>

#define BYL_WHERE_PLACE 1u /* stands where places stand */
#define BYL_WHERE_WHO 2u   /* acts as a person or an organisation does */

/* The verdict of the mention text[start, end) of a name: BYL_WHERE_PLACE,
 * BYL_WHERE_WHO (never both: a title before it makes it WHO wherever it
 * stands, and a place's phrase that speaks is PLACE: "the mayor of
 * Brackwater said" is about the mayor), or 0 when the text around says
 * nothing.  text is borrowed, need not be NUL-terminated; start <= end <=
 * len. */
unsigned byl_where_mention(const char *text, size_t len, size_t start, size_t end);

#endif
