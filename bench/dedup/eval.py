#!/usr/bin/env python3
"""eval.py - pairwise precision and recall of near-duplicate clusters.

    bench/dedup/eval.py LABELS CLUSTERS          one line: bench=dedup_quality ...
    bench/dedup/eval.py --sweep LABELS PAIRS     the rule over a grid of thresholds

LABELS: "id<TAB>true cluster" (make_corpus.py).  CLUSTERS: "id<TAB>cluster"
(build/bench/dedup_clusters).  PAIRS: candidate pairs from dedup_clusters -p
("id1 id2 resemblance containment n1 n2"); the sweep applies the rule
(min shingles, resemblance, containment, min resemblance, min numbers,
number containment) to them, joins
the accepted pairs transitively as byline does, and reports each setting.

Pairwise: every unordered pair of articles is a positive when the two are
in one true cluster; precision = correct same-cluster pairs / pairs put in
one cluster, recall = correct same-cluster pairs / true pairs.
"""
import collections
import itertools
import sys


def read_tsv(path):
    with open(path) as f:
        return [line.rstrip("\n").split("\t") for line in f if line.strip()]


def pairwise(truth, pred):
    cell = collections.Counter((truth[i], pred[i]) for i in truth)
    t = collections.Counter(truth.values())
    p = collections.Counter(pred[i] for i in truth)
    c2 = lambda n: n * (n - 1) // 2
    tp = sum(c2(n) for n in cell.values())
    tpairs = sum(c2(n) for n in t.values())
    ppairs = sum(c2(n) for n in p.values())
    prec = tp / ppairs if ppairs else 1.0
    rec = tp / tpairs if tpairs else 1.0
    return prec, rec, tp, ppairs, tpairs


def clusters_from_pairs(ids, pairs):
    parent = {i: i for i in ids}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x
    for a, b in pairs:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {i: find(i) for i in ids}


def main():
    args = sys.argv[1:]
    if args and args[0] == "--sweep":
        truth = {r[0]: r[1] for r in read_tsv(args[1])}
        cand = {}
        for r in read_tsv(args[2]):
            cand[(r[0], r[1])] = (float(r[2]), float(r[3]), int(r[4]), int(r[5]), float(r[6]), int(r[7]))
        for m, res, con, minres, minnum, numcon in itertools.product(
                (8, 16, 24), (0.3, 0.4, 0.5), (0.7, 0.8, 0.9), (0.2, 0.3), (2, 3), (0.0, 0.5, 0.67)):
            acc = [k for k, (j, c, n1, n2, nc, ns) in cand.items()
                   if min(n1, n2) >= m and (j >= res or (c >= con and j >= minres))
                   and (ns < minnum or nc >= numcon)]
            pred = clusters_from_pairs(truth.keys(), acc)
            p, r, *_ = pairwise(truth, pred)
            print("min=%d res=%.1f con=%.1f minres=%.1f min_numbers=%d numbers=%.2f precision=%.4f recall=%.4f"
                  % (m, res, con, minres, minnum, numcon, p, r))
        return
    truth = {r[0]: r[1] for r in read_tsv(args[0])}
    pred = {r[0]: r[1] for r in read_tsv(args[1])}
    missing = [i for i in truth if i not in pred]
    if missing:
        sys.exit("eval.py: %d labelled ids not in the clusters (first %s)" % (len(missing), missing[0]))
    p, r, tp, pp, tpairs = pairwise(truth, pred)
    print("bench=dedup_quality docs=%d true_pairs=%d predicted_pairs=%d correct_pairs=%d "
          "precision=%.4f recall=%.4f" % (len(truth), tpairs, pp, tp, p, r))


if __name__ == "__main__":
    main()
