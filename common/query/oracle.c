/*
 * oracle.c - exhaustive document-at-a-time evaluation: every document that
 * matches the plan is scored (PISA's ranked_or_query).  It takes any plan
 * (required, excluded and optional clauses, phrases, filters, date order,
 * recency, --count), and it is the oracle the fast paths are tested
 * against (opts.exhaustive forces it; tests/test_search.c compares).
 *
 * Not for: choosing between it and MaxScore (search.c does).
 */
#include "query/_search.h"

#include "query/_cursor.h"
#include "query/topk.h"
#include "util/err.h"

void byl_oracle_run(byl_searcher *s, const byl_plan *p, const byl_search_opts *o, size_t k,
                    uint64_t *matches_out)
{
    uint64_t matches = 0;
    int need_date = o->sort != BYL_SORT_SCORE || o->half_life > 0;
    for (size_t si = 0; si < s->nsegs && !s->rc; si++) {
        byl_ictx c = byl_search_ictx(s, si);
        byl_arena a = {0};
        byl_iter *root = byl_iter_new(&c, &a, p);
        if (!root) {
            s->rc = c.rc ? c.rc : byl_error_set(BYL_ENOMEM, "out of memory evaluating the query");
        } else {
            for (uint32_t d = root->doc; d != BYL_END && !c.rc;) {
                /* with no hits asked for (--count), matches are only counted */
                byl_hit h = {.score = k ? root->score(root) : 0, .ix = s->segs[si].ix,
                             .seg = s->segs[si].segno, .doc = d,
                             .gdoc = s->segs[si].base + d, .date = INT64_MIN};
                if (need_date && k) {
                    if (byl_segment_doc_info(c.seg, d, &h.date, NULL)) {
                        c.rc = BYL_ECORRUPT;
                        break;
                    }
                    h.score *= byl_search_decay(s, h.date);
                }
                matches++;
                if (o->on_match)
                    o->on_match(o->on_match_ctx, s->segs[si].ix, s->segs[si].segno, d);
                if (k)
                    byl_search_push(s, k, &h, s->o.sort);
                if (d + 1 == BYL_END)
                    break;
                d = root->advance(root, d + 1);
            }
            if (c.rc)
                s->rc = c.rc;
        }
        byl_arena_free(&a);
    }
    *matches_out = matches;
}
