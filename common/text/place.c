/*
 * place.c - the gazetteer of places behind byl_place_is: the names of
 * places.inc as entity keys, sorted once, looked up by binary search.
 *
 * Not for: editing the names (places.txt and gen_places.py make
 * places.inc), nor deciding what is a name (text/entity.c).
 */
#include "text/place.h"
#include "text/words.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "text/analyzer.h"

static const char *const place_names[] = {
#include "text/places.inc"
};

#define NPLACES (sizeof place_names / sizeof place_names[0])
#define KEY_MAX 64 /* longer names are left out: no entity key is that long */

/* The keys are built once per process, in the heap: a search from the
 * shell keeps its heap in one huge page it has touched already
 * (searcher/main.c), where 64 KiB of keys in BSS were sixteen page faults
 * of a search whose query holds a name, 0.2 ms of one at a million
 * articles (round 27).  Should the allocation fail, they are built in BSS
 * as before.  Reachable for the process's life: no leak. */
static char fallback_keys[NPLACES][KEY_MAX];
static char (*keys)[KEY_MAX];
static size_t nkeys;
/* the keys with " and " inside (Trinidad and Tobago): byl_place_listed's
 * few, looked through without the whole list's search */
#define AND_MAX 32
static const char *and_keys[AND_MAX];
static size_t nand;
static pthread_once_t keys_once = PTHREAD_ONCE_INIT;

static int cmp_key(const void *a, const void *b)
{
    return strcmp(a, b);
}

/* The entity key of each name: its words as byl_entity_key orders them (a
 * two-word name in byte order, "aires buenos"). */
static void build(void)
{
    keys = malloc(sizeof fallback_keys); /* not byl_malloc: no failure injected into a once */
    if (!keys)
        keys = fallback_keys;
    for (size_t i = 0; i < NPLACES; i++) {
        const char *words[16];
        size_t lens[16], nw = 0;
        const char *p = place_names[i];
        while (*p && nw < 16) {
            const char *e = strchr(p, ' ');
            size_t l = e ? (size_t)(e - p) : strlen(p);
            words[nw] = p;
            lens[nw++] = l;
            p += l;
            while (*p == ' ')
                p++;
        }
        if (*p == '\0' && byl_entity_key(words, lens, nw, keys[nkeys], KEY_MAX))
            nkeys++;
    }
    qsort(keys, nkeys, KEY_MAX, cmp_key);
    for (size_t i = 0; i < nkeys && nand < AND_MAX; i++)
        if (strstr(keys[i], " and "))
            and_keys[nand++] = keys[i];
}

/* Words that make a name of two words or more a place wherever it is:
 * Denver International Airport, Adelaide Oval, Johan Cruijff ArenA, Suez
 * Canal.  Not "city" (Manchester City), "state" (Islamic State), "park"
 * or "street" (Wall Street is the finance industry more often than the
 * street), which name organisations as often. */
static const char *const kind_words[] = {
    "airport", "arena", "basin", "bay", "bridge", "canal", "cape", "coast", "county", "desert", "downs", "gulf",
    "harbor", "harbour", "island", "islands", "lake", "mountains", "ocean", "oval",
    "peninsula", "province", "river", "sea", "square", "stadium", "strait", "valley",
    /* roads (Castle Peak Road, Nathan Road, Ring Road): a person or a
     * firm is seldom named after one; not "street" (Wall Street) */
    "road", "avenue", "highway", "boulevard", "motorway", "expressway",
    /* round 24: "Bindi Creek", "Addolorata Cemetery", "Al Wakra Souq",
     * "Basque Country", "Outer Isles", "River Bend", "Bahodopi Industrial
     * Estate"; not "station" (a lifeboat's, a fire or a radio station is
     * a body as often) */
    "creek", "cemetery", "souq", "souk", "country", "isles", "bend", "estate", "township",
    "reservoir", "lagoon", "canyon", "plaza", "quay", "wharf", "promenade", "glacier",
    "volcano", "fjord", "salar", "plateau",
};

/* The first word of a place's name as it is written (Barangay San
 * Sebastian, Mount Kenya, Lake Turkana, Port Talbot): byl_place_written. */
static const char *const kind_first[] = {"port", "fort", "mount", "mt", "isle", "barangay", "lake",
                                         "route", "kampung", "inis", "inish", "lough", "loch"};

/* A two-word key has its words sorted ("airport heathrow"), so the kind
 * word may come first in it; only these, which start no organisation's
 * name, are taken there (not "Airport Authority", "Gulf Air", "Sea Ltd"). */
static const char *const kind_words2[] = {
    "bridge", "canal", "harbor", "harbour", "islands", "mountains", "oval", "peninsula",
    "stadium", "strait",
    /* a region's kind: "Eastern Cape", "Murray-Darling Basin", "Sundays
     * River Valley", "Darling Downs" (no organisation is called "Basin X") */
    "cape", "basin", "valley", "downs",
    /* a kind of place written first (Port Talbot, Fort Worth, Mount
     * Kenya, Isle Maree): of two words it may stand either side in the
     * key.  Not "Port Authority": an organisation's word ends it */
    "port", "fort", "mount", "isle",
    /* roads, as above; an island or a lake in Irish and Scots (Inis
     * Beag, Inish Turk, Oileán Ruaidh, Lough Neagh, Loch Ness) */
    "road", "avenue", "highway", "boulevard", "motorway", "expressway",
    "inis", "inish", "oilean", "lough", "loch",
};

/* Words that name a part of a place (West Asia, Atlantic Canada, Eastern
 * Canada, Greater Manchester, Upper Egypt): with a place of the gazetteer
 * or of the one-word list (BYL_W_PLACE), the whole is a place. */
static const char *const part_words[] = {
    "north", "south", "east", "west", "northern", "southern", "eastern", "western",
    "central", "northeast", "northwest", "southeast", "southwest", "north-east",
    "north-west", "south-east", "south-west", "upper", "lower", "greater", "inner",
    "outer", "mid", "atlantic", "pacific", "coastal", "rural",
};

/* Prefixes of one-word town names of Ireland and Wales (Ballycarra,
 * Ballinasloe, Llanelli): seven letters or more, as no surname or firm of
 * the news starts so. */
static const char *const town_prefixes[] = {"bally", "balli", "llan"};

static int in(const char *const *list, size_t n, const char *w, size_t len)
{
    for (size_t i = 0; i < n; i++)
        if (strlen(list[i]) == len && memcmp(list[i], w, len) == 0)
            return 1;
    return 0;
}

static int kind_word(const char *w, size_t n, int two)
{
    return two ? in(kind_words2, sizeof kind_words2 / sizeof kind_words2[0], w, n)
               : in(kind_words, sizeof kind_words / sizeof kind_words[0], w, n);
}

int byl_place_listed_and(const char *key, size_t len)
{
    if (!key || len == 0 || len >= KEY_MAX)
        return 0;
    pthread_once(&keys_once, build);
    for (size_t i = 0; i < nand; i++)
        if (and_keys[i][0] == key[0] && !strncmp(and_keys[i], key, len) && and_keys[i][len] == '\0')
            return 1;
    return 0;
}

int byl_place_is(const char *key, size_t len)
{
    char k[KEY_MAX];
    if (!key || len == 0 || len >= KEY_MAX)
        return 0;
    pthread_once(&keys_once, build);
    memcpy(k, key, len);
    k[len] = '\0';
    if (bsearch(k, keys, nkeys, KEY_MAX, cmp_key) != NULL)
        return 1;
    /* the last word names the kind of place; of two words (sorted in the
     * key) either may, from the shorter list */
    const char *sp = memchr(k, ' ', len), *last = strrchr(k, ' ');
    if (!sp) {
        for (size_t i = 0; len >= 7 && i < sizeof town_prefixes / sizeof town_prefixes[0]; i++)
            if (!memcmp(k, town_prefixes[i], strlen(town_prefixes[i])))
                return 1;
        return 0;
    }
    int two = sp == last;
    size_t l0 = (size_t)(sp - k), l1 = len - l0 - 1;
    if (two) {
        /* "Port Authority": an organisation's word beside the kind word
         * makes it no place, unless it is a kind of place too (Bay
         * Bridge) */
        int org0 = (byl_word_roles(k, l0) & BYL_W_ORG) && !kind_word(k, l0, 0);
        int org1 = (byl_word_roles(sp + 1, l1) & BYL_W_ORG) && !kind_word(sp + 1, l1, 0);
        if ((kind_word(sp + 1, l1, 1) && !org0) || (kind_word(k, l0, 1) && !org1))
            return 1;
    } else if (kind_word(last + 1, len - (size_t)(last + 1 - k), 0)) {
        return 1;
    }
    /* of two words, one a place and the other any kind word: "Dublin
     * Airport" ("airport dublin"), "Congo Basin" ("basin congo"); or a
     * part of it: "West Asia" ("asia west"), "Atlantic Canada" */
    if (two) {
        k[l0] = '\0';
        int p0 = bsearch(k, keys, nkeys, KEY_MAX, cmp_key) != NULL ||
                 (byl_word_roles(k, l0) & BYL_W_PLACE);
        int p1 = bsearch(sp + 1, keys, nkeys, KEY_MAX, cmp_key) != NULL ||
                 (byl_word_roles(sp + 1, l1) & BYL_W_PLACE);
        int part0 = in(part_words, sizeof part_words / sizeof part_words[0], k, l0);
        int part1 = in(part_words, sizeof part_words / sizeof part_words[0], sp + 1, l1);
        return (p1 && (kind_word(k, l0, 0) || part0)) || (p0 && (kind_word(sp + 1, l1, 0) || part1));
    }
    /* "South East Asia": parts, then one place */
    const char *w = k;
    size_t words = 0;
    while (w < last + 1) {
        const char *e = memchr(w, ' ', (size_t)(k + len - w));
        if (!e || !in(part_words, sizeof part_words / sizeof part_words[0], w, (size_t)(e - w)))
            break;
        w = e + 1;
        words++;
    }
    if (words > 0 && w == last + 1)
        return bsearch(w, keys, nkeys, KEY_MAX, cmp_key) != NULL ||
               (byl_word_roles(w, len - (size_t)(w - k)) & BYL_W_PLACE);
    return 0;
}

/* A kind word last (not Bay nor Lake: surnames too), or a kind of place
 * written first (place.h). */
int byl_place_written(const char *first, size_t fl, const char *last, size_t ll)
{
    char w[32];
    if (fl && fl < sizeof w) {
        for (size_t i = 0; i < fl; i++)
            w[i] = first[i] >= 'A' && first[i] <= 'Z' ? (char)(first[i] | 0x20) : first[i];
        if (in(kind_first, sizeof kind_first / sizeof kind_first[0], w, fl))
            return 1;
    }
    if (!ll || ll >= sizeof w)
        return 0;
    for (size_t i = 0; i < ll; i++)
        w[i] = last[i] >= 'A' && last[i] <= 'Z' ? (char)(last[i] | 0x20) : last[i];
    if ((ll == 3 && !memcmp(w, "bay", 3)) || (ll == 4 && !memcmp(w, "lake", 4)))
        return 0; /* Michael Bay, Ricki Lake */
    return kind_word(w, ll, 0);
}
