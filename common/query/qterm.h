/*
 * qterm.h - one matched term of a query, as a search reports it for
 * highlighting (snippet.h) and --explain (search.h).
 * Not for: planning (the planner's own terms are in _plan.h).
 */
#ifndef BYL_QTERM_H
#define BYL_QTERM_H

#include <stdint.h>

#include "index/format.h"

typedef struct byl_qterm {
    int field;
    char term[BYL_MAX_KEY];
    uint64_t df;
    double idf;
} byl_qterm;

#endif
