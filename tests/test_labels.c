/*
 * test_labels.c - near-duplicates across shards through byline.h:
 * byline_sketches, byline_sketch_clusters, byline_labels and labelled
 * collapsed searches.  Checked against the oracle of one index's own
 * clusters (index/cluster.h) on generated corpora: the labels of the
 * sketches are byl_clusters' components of the same documents, do not
 * depend on the order of the sketches (also in LSH buckets crowded past
 * the comparison window), and the same articles split into shards and
 * clustered together fall into the same clusters; a search collapsed by
 * labels equals the collection's own collapse (groups, similar, stories),
 * `only` keeps the chosen groups, and bad arguments are refused.
 *
 * Not for: the clustering's own invariants (test_cluster.c), collapse
 * itself (test_collapse.c), the cluster's files (tests/test_cluster.py).
 */
#include <check.h>

#include "byline.h"
#include "check_main.h"
#include "dups.h"

#include "index/cluster.h"
#include "util/mem.h"

static char tmp[64];

static void setup(void)
{
    strcpy(tmp, "/tmp/byl_test_lbXXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(tmp));
}

static void teardown(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", tmp);
    ck_assert_int_eq(system(cmd), 0);
}

/* The ids of s's live articles in the order of byline_sketches. */
static char **ids_of(byline_searcher *s, const uint64_t *docs, size_t n)
{
    (void)docs;
    char **ids = calloc(n ? n : 1, sizeof *ids);
    byline_query *q;
    ck_assert_int_eq(byline_query_parse("harbour", &q), BYLINE_OK);
    byline_search_opts o;
    byline_search_opts_init(&o);
    o.k = 100000;
    size_t nh;
    uint64_t total;
    ck_assert_int_eq(byline_search(s, q, &o, &nh, &total), BYLINE_OK);
    ck_assert_uint_eq(nh, n); /* every article's title is "Harbour news" */
    for (size_t i = 0; i < nh; i++) {
        byline_hit h;
        ck_assert_int_eq(byline_hit_get(s, i, &h), BYLINE_OK);
        for (size_t j = 0; j < n; j++)
            if (docs[j] == h.doc)
                ids[j] = strdup(h.id);
    }
    for (size_t j = 0; j < n; j++)
        ck_assert_ptr_nonnull(ids[j]);
    byline_query_free(q);
    return ids;
}

/* Labels name partitions alike: same label iff same cluster. */
static void same_partition(const uint32_t *a, const uint32_t *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        ck_assert_uint_le(a[i], i);
        ck_assert_uint_eq(a[a[i]], a[i]);
        for (size_t j = i + 1; j < n; j++)
            ck_assert_int_eq(a[i] == a[j], b[i] == b[j]);
    }
}

START_TEST(test_labels_are_the_index_clusters)
{
    for (uint64_t seed = 1; seed <= 3; seed++) { /* (each writes 6 commits: fsync bound) */
        art a[MAXART];
        size_t n = corpus(seed * 7919, a);
        char dir[128];
        snprintf(dir, sizeof dir, "%s/one%llu", tmp, (unsigned long long)seed);
        write_arts(dir, 1, a, 0, n / 2);
        write_arts(dir, 0, a, n / 2, n);
        /* a deletion breaks the chains that ran through it */
        byline_writer *w;
        ck_assert_int_eq(byline_writer_open(dir, NULL, &w), BYLINE_OK);
        ck_assert_int_eq(byline_writer_delete(w, a[3].id, strlen(a[3].id), NULL), BYLINE_OK);
        ck_assert_int_eq(byline_writer_commit(w), BYLINE_OK);
        byline_writer_free(w);

        byline_collection *c;
        byline_searcher *s;
        ck_assert_int_eq(byline_open(dir, &c), BYLINE_OK);
        ck_assert_int_eq(byline_searcher_new(c, &s), BYLINE_OK);
        uint64_t *docs;
        uint8_t *sk;
        size_t ns;
        ck_assert_int_eq(byline_sketches(s, &docs, &sk, &ns), BYLINE_OK);
        ck_assert_uint_eq(ns, n - 1);
        uint32_t *lab;
        ck_assert_int_eq(byline_sketch_clusters(sk, ns, &lab), BYLINE_OK);

        /* the oracle: one index's own clusters */
        byl_index *ix;
        byl_clusters *cl;
        ck_assert_int_eq(byl_index_open(dir, &ix), BYL_OK);
        ck_assert_int_eq(byl_clusters_new(&ix, 1, NULL, &cl), BYL_OK);
        ck_assert_int_eq(byl_clusters_build(cl), BYL_OK);
        uint32_t *want = malloc(ns * sizeof *want);
        for (size_t i = 0; i < ns; i++)
            want[i] = byl_clusters_of(cl, docs[i]);
        same_partition(lab, want, ns);

        /* any order of the sketches: the same clusters */
        uint64_t r = seed;
        size_t *perm = malloc(ns * sizeof *perm);
        for (size_t i = 0; i < ns; i++)
            perm[i] = i;
        for (size_t i = ns - 1; i > 0; i--) {
            size_t j = rnd(&r) % (i + 1), t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        uint8_t *sk2 = malloc(ns * BYLINE_SKETCH_BYTES);
        for (size_t i = 0; i < ns; i++)
            memcpy(sk2 + i * BYLINE_SKETCH_BYTES, sk + perm[i] * BYLINE_SKETCH_BYTES,
                   BYLINE_SKETCH_BYTES);
        uint32_t *lab2, *back = malloc(ns * sizeof *back);
        ck_assert_int_eq(byline_sketch_clusters(sk2, ns, &lab2), BYLINE_OK);
        for (size_t i = 0; i < ns; i++)
            back[perm[i]] = (uint32_t)perm[lab2[i]]; /* a member's original place */
        for (size_t i = 0; i < ns; i++)
            for (size_t j = i + 1; j < ns; j++)
                ck_assert_int_eq(lab[i] == lab[j], back[i] == back[j]);

        /* the same articles in 3 shards, clustered together */
        char sdir[3][128];
        size_t total = 0;
        uint8_t *all = malloc(n * BYLINE_SKETCH_BYTES);
        char **all_ids = calloc(n, sizeof *all_ids);
        for (int sh = 0; sh < 3; sh++) {
            snprintf(sdir[sh], sizeof sdir[sh], "%s/sh%llu-%d", tmp, (unsigned long long)seed,
                     sh);
            art part[MAXART];
            size_t np = 0;
            for (size_t i = 0; i < n; i++)
                if (i != 3 && byline_shard_of(a[i].id, strlen(a[i].id), 3) == (uint32_t)sh)
                    part[np++] = a[i];
            write_arts(sdir[sh], 1, part, 0, np);
            byline_collection *sc;
            byline_searcher *ss;
            ck_assert_int_eq(byline_open(sdir[sh], &sc), BYLINE_OK);
            ck_assert_int_eq(byline_searcher_new(sc, &ss), BYLINE_OK);
            uint64_t *sd;
            uint8_t *sks;
            size_t m;
            ck_assert_int_eq(byline_sketches(ss, &sd, &sks, &m), BYLINE_OK);
            ck_assert_uint_eq(m, np);
            char **sid = ids_of(ss, sd, m);
            memcpy(all + total * BYLINE_SKETCH_BYTES, sks, m * BYLINE_SKETCH_BYTES);
            for (size_t i = 0; i < m; i++)
                all_ids[total + i] = sid[i];
            total += m;
            free(sid);
            byline_free(sd);
            byline_free(sks);
            byline_searcher_free(ss);
            byline_close(sc);
        }
        ck_assert_uint_eq(total, ns);
        uint32_t *glab;
        ck_assert_int_eq(byline_sketch_clusters(all, total, &glab), BYLINE_OK);
        char **one_ids = ids_of(s, docs, ns);
        /* by id: same cluster in the shards iff in the one index */
        size_t *at = malloc(ns * sizeof *at);
        for (size_t i = 0; i < ns; i++)
            for (size_t j = 0; j < ns; j++)
                if (!strcmp(one_ids[i], all_ids[j]))
                    at[i] = j;
        for (size_t i = 0; i < ns; i++)
            for (size_t j = i + 1; j < ns; j++)
                ck_assert_int_eq(lab[i] == lab[j], glab[at[i]] == glab[at[j]]);

        for (size_t i = 0; i < ns; i++) {
            free(one_ids[i]);
            free(all_ids[i]);
        }
        free(one_ids);
        free(all_ids);
        free(at);
        free(all);
        byline_free(glab);
        free(perm);
        free(sk2);
        free(back);
        byline_free(lab2);
        free(want);
        byl_clusters_free(cl);
        byl_index_close(ix);
        byline_free(lab);
        byline_free(docs);
        byline_free(sk);
        byline_searcher_free(s);
        byline_close(c);
        corpus_free(a, n);
    }
}
END_TEST

/* A sketch record: count, 64 bins, figures. */
static void put_rec(uint8_t *r, uint32_t count, const uint8_t *bins, uint64_t figs)
{
    for (int i = 0; i < 4; i++)
        r[i] = (uint8_t)(count >> (8 * i));
    memcpy(r + 4, bins, 64);
    for (int i = 0; i < 8; i++)
        r[68 + i] = (uint8_t)(figs >> (8 * i));
}

START_TEST(test_crowded_buckets_do_not_depend_on_order)
{
    /* 300 records in 60 families of near-copies (a few bins changed), all
     * sharing bins 0-1: band 0's bucket holds all 300, far past the window
     * of comparisons; the clusters must not depend on the order. */
    enum { N = 300 };
    uint64_t r = 99;
    uint8_t *recs = malloc((size_t)N * BYLINE_SKETCH_BYTES);
    for (int i = 0; i < N; i++) {
        uint8_t bins[64];
        uint64_t fam = (uint64_t)(i % 60) + 1, fr = fam * 1000003;
        for (int b = 0; b < 64; b++)
            bins[b] = (uint8_t)rnd(&fr);
        bins[0] = 7;
        bins[1] = 9;
        for (int k = 0; k < 1 + (int)(rnd(&r) % 20); k++) /* 1 to 20 bins differ */
            bins[2 + rnd(&r) % 62] = (uint8_t)rnd(&r);
        put_rec(recs + (size_t)i * BYLINE_SKETCH_BYTES, 200, bins, 0);
    }
    uint32_t *lab;
    ck_assert_int_eq(byline_sketch_clusters(recs, N, &lab), BYLINE_OK);
    size_t clusters = 0;
    for (int i = 0; i < N; i++)
        clusters += lab[i] == (uint32_t)i;
    ck_assert_uint_gt(clusters, 1);
    ck_assert_uint_lt(clusters, N);
    for (uint64_t seed = 1; seed <= 5; seed++) {
        int perm[N];
        for (int i = 0; i < N; i++)
            perm[i] = i;
        uint64_t s = seed;
        for (int i = N - 1; i > 0; i--) {
            int j = (int)(rnd(&s) % (uint64_t)(i + 1)), t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        uint8_t *p = malloc((size_t)N * BYLINE_SKETCH_BYTES);
        for (int i = 0; i < N; i++)
            memcpy(p + (size_t)i * BYLINE_SKETCH_BYTES, recs + (size_t)perm[i] * BYLINE_SKETCH_BYTES,
                   BYLINE_SKETCH_BYTES);
        uint32_t *l2;
        ck_assert_int_eq(byline_sketch_clusters(p, N, &l2), BYLINE_OK);
        int *orig = malloc(N * sizeof *orig); /* orig[i]: label of perm[i], by original place */
        for (int i = 0; i < N; i++)
            orig[perm[i]] = perm[l2[i]];
        for (int i = 0; i < N; i++)
            for (int j = i + 1; j < N; j++)
                ck_assert_int_eq(lab[i] == lab[j], orig[i] == orig[j]);
        free(orig);
        byline_free(l2);
        free(p);
    }
    byline_free(lab);
    free(recs);
    /* nothing to cluster; arguments refused */
    uint32_t *none;
    ck_assert_int_eq(byline_sketch_clusters(NULL, 0, &none), BYLINE_OK);
    byline_free(none);
    ck_assert_int_eq(byline_sketch_clusters(NULL, 3, &none), BYLINE_EINVAL);
    ck_assert_int_eq(byline_sketch_clusters(NULL, 0, NULL), BYLINE_EINVAL);
}
END_TEST

START_TEST(test_labelled_search_equals_own_collapse)
{
    art a[MAXART];
    size_t n = corpus(4242, a);
    char dir[128];
    snprintf(dir, sizeof dir, "%s/idx", tmp);
    write_arts(dir, 1, a, 0, n / 3);
    write_arts(dir, 0, a, n / 3, n);
    byline_collection *c;
    byline_searcher *s;
    ck_assert_int_eq(byline_open(dir, &c), BYLINE_OK);
    ck_assert_int_eq(byline_searcher_new(c, &s), BYLINE_OK);
    uint64_t *docs, gen;
    uint8_t *sk;
    size_t ns;
    ck_assert_int_eq(byline_sketches(s, &docs, &sk, &ns), BYLINE_OK);
    ck_assert_int_eq(byline_index_generation(c, 0, &gen), BYLINE_OK);
    ck_assert_uint_ge(gen, 2);
    ck_assert_int_eq(byline_index_generation(c, 1, &gen), BYLINE_EINVAL);
    uint32_t *lab;
    ck_assert_int_eq(byline_sketch_clusters(sk, ns, &lab), BYLINE_OK);
    uint64_t nd = byline_collection_docs(c);
    ck_assert_uint_eq(nd, n);
    /* labels by article number, offset so that they are not numbers */
    uint32_t *bydoc = calloc(nd, sizeof *bydoc);
    for (size_t i = 0; i < ns; i++)
        bydoc[docs[i]] = lab[i] * 3 + 1000;
    byline_labels *L;
    ck_assert_int_eq(byline_labels_new(bydoc, nd, &L), BYLINE_OK);
    const char *qs[] = {"harbour", "kalomi", "renstovu OR palne", "\"harbour news\" dorzitam"};
    for (size_t qi = 0; qi < 4; qi++) {
        byline_query *q;
        ck_assert_int_eq(byline_query_parse(qs[qi], &q), BYLINE_OK);
        for (int mode = BYLINE_COLLAPSE_BEST; mode <= BYLINE_COLLAPSE_OLDEST; mode++) {
            byline_search_opts o;
            byline_search_opts_init(&o);
            o.k = 7;
            o.offset = 2;
            o.collapse = mode;
            size_t nh, nh2;
            uint64_t total, total2;
            ck_assert_int_eq(byline_search(s, q, &o, &nh, &total), BYLINE_OK);
            byline_hit want[7];
            for (size_t i = 0; i < nh; i++)
                ck_assert_int_eq(byline_hit_get(s, i, &want[i]), BYLINE_OK);
            const uint32_t *ml;
            size_t nml;
            ck_assert_int_eq(byline_search_labels(s, &ml, &nml), BYLINE_EINVAL);
            o.labels = L;
            ck_assert_int_eq(byline_search(s, q, &o, &nh2, &total2), BYLINE_OK);
            ck_assert_uint_eq(nh2, nh);
            ck_assert_uint_eq(total2, total);
            for (size_t i = 0; i < nh; i++) {
                byline_hit h;
                ck_assert_int_eq(byline_hit_get(s, i, &h), BYLINE_OK);
                ck_assert_uint_eq(h.doc, want[i].doc);
                ck_assert_uint_eq(h.similar, want[i].similar);
                ck_assert_double_eq_tol(h.score, want[i].score, 1e-12);
            }
            ck_assert_int_eq(byline_search_labels(s, &ml, &nml), BYLINE_OK);
            ck_assert_uint_eq(nml, total);
            for (size_t i = 1; i < nml; i++)
                ck_assert_uint_lt(ml[i - 1], ml[i]);
            /* only the chosen groups: every other label of the matches */
            uint32_t *only = malloc((nml ? nml : 1) * sizeof *only);
            size_t no = 0;
            for (size_t i = 0; i < nml; i += 2)
                only[no++] = ml[i];
            o.only = only;
            o.nonly = no;
            o.offset = 0;
            o.k = 1000;
            ck_assert_int_eq(byline_search(s, q, &o, &nh2, &total2), BYLINE_OK);
            ck_assert_uint_eq(nh2, no);
            ck_assert_uint_eq(total2, total);
            for (size_t i = 0; i < nh2; i++) {
                byline_hit h;
                ck_assert_int_eq(byline_hit_get(s, i, &h), BYLINE_OK);
                uint32_t l = bydoc[h.doc];
                int found = 0;
                for (size_t j = 0; j < no; j++)
                    found |= only[j] == l;
                ck_assert(found);
            }
            if (no > 1) { /* not ascending: refused */
                uint32_t t = only[0];
                only[0] = only[1];
                only[1] = t;
                ck_assert_int_eq(byline_search(s, q, &o, &nh2, &total2), BYLINE_EINVAL);
            }
            free(only);
            /* statistics and collapse: refused without labels, taken with */
            o.only = NULL;
            o.nonly = 0;
            void *blob, *merged;
            size_t bl, ml2;
            ck_assert_int_eq(byline_stats_collect(s, q, &o, &blob, &bl), BYLINE_OK);
            const void *bs[1] = {blob};
            ck_assert_int_eq(byline_stats_merge(bs, &bl, 1, &merged, &ml2), BYLINE_OK);
            o.stats = merged;
            o.stats_len = ml2;
            ck_assert_int_eq(byline_search(s, q, &o, &nh2, &total2), BYLINE_OK);
            ck_assert_uint_eq(total2, total);
            o.labels = NULL;
            ck_assert_int_eq(byline_search(s, q, &o, &nh2, &total2), BYLINE_EINVAL);
            byline_free(blob);
            byline_free(merged);
        }
        byline_query_free(q);
    }
    /* labels of another length than the collection's: refused */
    byline_labels *short_l;
    ck_assert_int_eq(byline_labels_new(bydoc, nd - 1, &short_l), BYLINE_OK);
    byline_query *q;
    ck_assert_int_eq(byline_query_parse("harbour", &q), BYLINE_OK);
    byline_search_opts o;
    byline_search_opts_init(&o);
    o.collapse = BYLINE_COLLAPSE_BEST;
    o.labels = short_l;
    size_t nh;
    uint64_t total;
    ck_assert_int_eq(byline_search(s, q, &o, &nh, &total), BYLINE_EINVAL);
    ck_assert_ptr_nonnull(strstr(byline_errmsg(), "labels for"));
    byline_query_free(q);
    byline_labels_free(short_l);
    ck_assert_int_eq(byline_labels_new(NULL, 3, &short_l), BYLINE_EINVAL);
    byline_labels_free(NULL);
    byline_labels_free(L);
    free(bydoc);
    byline_free(lab);
    byline_free(docs);
    byline_free(sk);
    byline_searcher_free(s);
    byline_close(c);
    corpus_free(a, n);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("labels");
    TCase *tc = tcase_create("labels");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_labels_are_the_index_clusters);
    tcase_add_test(tc, test_crowded_buckets_do_not_depend_on_order);
    tcase_add_test(tc, test_labelled_search_equals_own_collapse);
    suite_add_tcase(s, tc);
    return byl_test_run(s);
}
