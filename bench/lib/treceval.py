#!/usr/bin/env python3
"""treceval.py - a small trec_eval: MAP, P@10 and nDCG@10 of TREC run files.

    treceval.py QRELS RUN [RUN...] [--label NAME ...] [--prefix 'bench=names corpus=...']

QRELS: 'qid iter docid rel' lines (rel > 0 is relevant; graded values are
used as gains for nDCG).  RUN: 'qid Q0 docid rank score tag' lines.  Each
query's ranking is the run's lines for it ordered by the rank column (the
engine's own order; trec_eval would re-sort by score, which only differs on
ties); a docid repeated in one query's ranking counts once.

Averages are over the queries that have at least one relevant document in
QRELS (trec_eval's default): a query the engine returned nothing for scores
0.  AP = sum of precision at each relevant retrieved document / number of
relevant documents.  nDCG@10 uses gain rel and discount 1/log2(rank+1),
normalised by the ideal ordering of the judged documents.

Prints one line per run: PREFIX engine=TAG queries=N map=... p10=... ndcg10=...
"""
import math
import sys
from collections import defaultdict


def read_qrels(path):
    rel = defaultdict(dict)
    with open(path) as f:
        for line in f:
            p = line.split()
            if len(p) < 4:
                continue
            g = float(p[3])
            if g > 0:
                rel[p[0]][p[2]] = g
    return rel


def read_run(path):
    rows = defaultdict(list)
    tag = None
    with open(path) as f:
        for line in f:
            p = line.split()
            if len(p) < 6:
                continue
            rows[p[0]].append((int(p[3]), p[2]))
            tag = tag or p[5]
    run = {}
    for q, v in rows.items():
        v.sort()
        seen, docs = set(), []
        for _r, d in v:
            if d not in seen:
                seen.add(d)
                docs.append(d)
        run[q] = docs
    return run, tag


def evaluate(qrels, run):
    aps, p10s, ndcgs = [], [], []
    for q, rel in qrels.items():
        docs = run.get(q, [])
        hits, s = 0, 0.0
        for i, d in enumerate(docs):
            if d in rel:
                hits += 1
                s += hits / (i + 1)
        aps.append(s / len(rel))
        p10s.append(sum(1 for d in docs[:10] if d in rel) / 10.0)
        dcg = sum(rel.get(d, 0) / math.log2(i + 2) for i, d in enumerate(docs[:10]))
        ideal = sorted(rel.values(), reverse=True)[:10]
        idcg = sum(g / math.log2(i + 2) for i, g in enumerate(ideal))
        ndcgs.append(dcg / idcg if idcg else 0.0)
    n = len(aps)
    mean = lambda v: sum(v) / n if n else 0.0
    return n, mean(aps), mean(p10s), mean(ndcgs)


def main(argv):
    args, labels, prefix = [], [], "bench=eval"
    i = 0
    while i < len(argv):
        if argv[i] == "--label":
            labels.append(argv[i + 1])
            i += 2
        elif argv[i] == "--prefix":
            prefix = argv[i + 1]
            i += 2
        else:
            args.append(argv[i])
            i += 1
    if len(args) < 2:
        sys.stderr.write(__doc__)
        return 2
    qrels = read_qrels(args[0])
    for j, path in enumerate(args[1:]):
        run, tag = read_run(path)
        label = labels[j] if j < len(labels) else (tag or path)
        n, m, p, nd = evaluate(qrels, run)
        print(f"{prefix} engine={label} queries={n} map={m:.4f} p10={p:.4f} ndcg10={nd:.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
