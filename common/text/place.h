/*
 * place.h - the gazetteer: whether a name entity is a place (a country, a
 * state or province, a large city, a region or a people), so that a list of
 * who a story is about can keep places apart (query/names.c).
 *
 * Use:
 *     if (byl_place_is(key, klen)) ...    key: an entity key, "aires buenos"
 * The names are the data of places.inc (generated from the Debian package
 * iso-codes and places.txt by gen_places.py), turned into entity keys once,
 * on first use (thread-safe); a name of two words or more whose last word
 * is a kind of place (airport, stadium, oval, river, ...) is one too.
 *
 * Not for: finding names (text/entity.c); a place is still an entity, and
 * `name:"Buenos Aires"` still finds it.  Nor the one-word places that must
 * never become entities at all (BYL_W_PLACE in text/words.h).
 */
#ifndef BYL_PLACE_H
#define BYL_PLACE_H

#include <stddef.h>

/* 1 if key[0..len) -- an entity key as the analyzer makes it (lower case,
 * accents folded, a two-word name's words in byte order) -- is a place of
 * the gazetteer, else 0.  key need not be NUL-terminated. */
int byl_place_is(const char *key, size_t len);

/* 1 if key[0..len) is a name of the gazetteer with "and" inside, as
 * listed, no kind of place guessed from its last word (text/entity.c:
 * "Trinidad and Tobago" inside a longer name, where "ZoomWallet and
 * Harbour" is no place), else 0.  Only those few are looked through:
 * asked at every "and" between two name words. */
int byl_place_listed_and(const char *key, size_t len);

/* 1 if a name of two words or more written with the first word first[0..fl)
 * and the last last[0..ll) (any case) reads as a place's by its words: a
 * kind of place last ("Bindi Creek", "Basque Country"; not Bay nor Lake,
 * surnames too) or first ("Barangay San Sebastian", "Mount Kenya").  The
 * caller leaves out names with an organisation's word ("Port Authority"). */
int byl_place_written(const char *first, size_t fl, const char *last, size_t ll);

#endif
