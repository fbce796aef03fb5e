/*
 * hit.h - one ranked result of a search and the orders results come in:
 * the type the top-k heap (topk.h), the driver (search.h), collapse and
 * the views pass around.  Apart so that topk does not depend on the
 * searcher.  Not for: how hits are found.
 */
#ifndef BYL_HIT_H
#define BYL_HIT_H

#include <stdint.h>

enum byl_sort {
    BYL_SORT_SCORE = 0, /* best first (ties: index order) */
    BYL_SORT_DATE,      /* oldest first (undated last) */
    BYL_SORT_DATE_DESC  /* newest first (undated last) */
};

typedef struct byl_hit {
    double score;
    uint32_t ix;        /* which index */
    uint32_t seg;       /* segment within it */
    uint32_t doc;       /* document within the segment */
    uint64_t gdoc;      /* global number over all indexes searched */
    int64_t date;       /* filled when sorting by date or weighing recency */
} byl_hit;

#endif
