#!/usr/bin/env python3
"""treceval.py - a small trec_eval: MAP, nDCG@10, P@10 and recall@1000 of TREC runs.

    treceval.py QRELS RUN [RUN...] [--label NAME ...] [--prefix 'bench=names corpus=...']
                [-c] [-q] [--split]
    treceval.py --selftest

For the bench scripts and the regression test of tests/e2e.sh, so numbers
can be compared with published trec_eval figures without installing it.
Not a full trec_eval: four measures, no per-measure options.

QRELS: 'qid iter docid rel' lines; rel >= 1 is relevant and is the gain of
nDCG (graded judgments), rel <= 0 is judged not relevant.  RUN: 'qid Q0
docid rank score tag' lines.  As trec_eval does, each query's ranking is
the run's lines sorted by score, highest first, ties broken by docid in
descending strcmp order (the rank column is ignored), and a docid repeated
in one query counts once (its first line after sorting).

A query is evaluated when it has at least one relevant document in QRELS;
others are skipped (their scores would be undefined).  Averages are over the
evaluated queries that appear in the run (trec_eval's default) or, with -c,
over all of them, a query the run does not answer scoring 0 (trec_eval -c:
what the bench scripts use, so an engine cannot gain by returning nothing).
Per query, with R relevant documents in QRELS:
  AP        = sum over relevant retrieved documents of the precision at
              their rank, divided by R (trec_eval map)
  P@10      = relevant documents in the first 10 / 10 (P_10)
  nDCG@10   = DCG of the first 10 / DCG of the ideal ranking, DCG = sum of
              rel / log2(rank + 1), the ideal ranking being all relevant
              documents of QRELS by grade (ndcg_cut_10)
  R@1000    = relevant documents in the first 1000 / R (recall_1000)

Prints one line per run: PREFIX engine=TAG queries=N map=... p10=...
ndcg10=... r1000=...; -q also prints a line per query before it.
--split prints three lines per run, split=all, split=train and split=test:
the fixed train/test split of our news topics (bench/effectiveness/
JUDGING.md): a topic whose number (the digits of its qid) is odd is in
the train half, even in the test half.  Chosen before any tuning on them.
"""
import math
import sys
from collections import defaultdict


def read_qrels(path):
    """qid -> {docid: grade} of the judged documents (grades <= 0 included)."""
    rel = defaultdict(dict)
    with open(path) as f:
        for line in f:
            p = line.split()
            if len(p) < 4:
                continue
            rel[p[0]][p[2]] = float(p[3])
    return rel


def rank_lines(lines):
    """[(docid, score)] of one query in trec_eval's order, without repeats."""
    # trec_eval sorts by score descending, then docno descending
    v = sorted(lines, key=lambda x: (x[1], x[0]), reverse=True)
    seen, docs = set(), []
    for d, _s in v:
        if d not in seen:
            seen.add(d)
            docs.append(d)
    return docs


def read_run(path):
    rows = defaultdict(list)
    tag = None
    with open(path) as f:
        for line in f:
            p = line.split()
            if len(p) < 6:
                continue
            rows[p[0]].append((p[2], float(p[4])))
            tag = tag or p[5]
    return {q: rank_lines(v) for q, v in rows.items()}, tag


def measure(judged, docs):
    """(AP, P@10, nDCG@10, R@1000) of one ranking; judged: {docid: grade}."""
    rel = {d: g for d, g in judged.items() if g >= 1}
    hits, s = 0, 0.0
    for i, d in enumerate(docs):
        if d in rel:
            hits += 1
            s += hits / (i + 1)
    ap = s / len(rel)
    p10 = sum(1 for d in docs[:10] if d in rel) / 10.0
    dcg = sum(rel.get(d, 0) / math.log2(i + 2) for i, d in enumerate(docs[:10]))
    ideal = sorted(rel.values(), reverse=True)[:10]
    idcg = sum(g / math.log2(i + 2) for i, g in enumerate(ideal))
    r1000 = sum(1 for d in docs[:1000] if d in rel) / len(rel)
    return ap, p10, dcg / idcg, r1000


def evaluate(qrels, run, complete=False, per_query=None):
    """(queries, MAP, P@10, nDCG@10, R@1000) over the evaluated queries."""
    rows = []
    for q in sorted(qrels):
        if not any(g >= 1 for g in qrels[q].values()):
            continue
        if q not in run and not complete:
            continue
        m = measure(qrels[q], run.get(q, []))
        rows.append(m)
        if per_query is not None:
            per_query.append((q,) + m)
    n = len(rows)
    if not n:
        return 0, 0.0, 0.0, 0.0, 0.0
    return (n,) + tuple(sum(r[i] for r in rows) / n for i in range(4))


def topic_half(qid):
    """'train' or 'test': odd topic numbers train, even test (JUDGING.md)."""
    digits = "".join(c for c in qid if c.isdigit())
    return "train" if digits and int(digits) % 2 == 1 else "test"


def selftest():
    """Hand-computed cases; returns the number of failures."""
    fails = 0

    def near(what, got, want):
        nonlocal fails
        if abs(got - want) > 1e-9:
            fails += 1
            sys.stderr.write("treceval selftest: %s: got %.10f, want %.10f\n" % (what, got, want))

    # q1: relevant a (grade 2), c (1), e (1), z (1, never retrieved); b, d judged 0.
    judged = {"a": 2, "c": 1, "e": 1, "z": 1, "b": 0, "d": 0}
    docs = ["a", "b", "c", "d", "e"]
    ap, p10, ndcg, r1000 = measure(judged, docs)
    near("AP", ap, (1 / 1 + 2 / 3 + 3 / 5) / 4)              # 0.5666...
    near("P@10", p10, 3 / 10)
    dcg = 2 / math.log2(2) + 1 / math.log2(4) + 1 / math.log2(6)
    idcg = 2 / math.log2(2) + 1 / math.log2(3) + 1 / math.log2(4) + 1 / math.log2(5)
    near("nDCG@10", ndcg, dcg / idcg)
    near("R@1000", r1000, 3 / 4)
    # ties: equal scores are ordered by docid descending, whatever the rank column says
    near("tie order", 1.0 if rank_lines([("d1", 1.0), ("d3", 1.0), ("d2", 2.0)]) ==
         ["d2", "d3", "d1"] else 0.0, 1.0)
    # a repeated docid counts once, at its best place
    near("repeat", 1.0 if rank_lines([("x", 3.0), ("y", 2.0), ("x", 1.0)]) == ["x", "y"] else 0.0, 1.0)
    # averaging: q2 has no relevant document (skipped); q3 is not in the run
    qrels = {"1": judged, "2": {"a": 0}, "3": {"k": 1}}
    run = {"1": docs, "2": ["a"]}
    n, m, _p, _nd, _r = evaluate(qrels, run)
    near("queries", n, 1)
    near("MAP", m, ap)
    n, m, _p, _nd, _r = evaluate(qrels, run, complete=True)
    near("queries -c", n, 2)
    near("MAP -c", m, ap / 2)
    near("split", 1.0 if [topic_half(q) for q in ("r01", "b02", "a13", "x")] ==
         ["train", "test", "train", "test"] else 0.0, 1.0)
    # nothing relevant retrieved; beyond 1000 does not count for recall
    near("R@1000 cut", measure({"r": 1}, ["n%d" % i for i in range(1000)] + ["r"])[3], 0.0)
    near("AP deep", measure({"r": 1}, ["n%d" % i for i in range(1000)] + ["r"])[0], 1 / 1001)
    return fails


def main(argv):
    if argv == ["--selftest"]:
        f = selftest()
        print("treceval selftest: %s" % ("ok" if not f else "%d failed" % f))
        return 1 if f else 0
    args, labels, prefix, complete, verbose = [], [], "bench=eval", False, False
    split = False
    i = 0
    while i < len(argv):
        if argv[i] == "--label":
            labels.append(argv[i + 1])
            i += 2
        elif argv[i] == "--prefix":
            prefix = argv[i + 1]
            i += 2
        elif argv[i] == "-c":
            complete = True
            i += 1
        elif argv[i] == "--split":
            split = True
            i += 1
        elif argv[i] == "-q":
            verbose = True
            i += 1
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
        halves = [("", qrels)]
        if split:
            halves = [(" split=all", qrels)] + [
                (" split=" + h, {q: v for q, v in qrels.items() if topic_half(q) == h})
                for h in ("train", "test")]
        for tag_, part in halves:
            per = [] if verbose else None
            n, m, p, nd, r = evaluate(part, run, complete, per)
            for q, ap, p10, ndcg, r1000 in per or []:
                print(f"{prefix}{tag_} engine={label} qid={q} ap={ap:.4f} p10={p10:.4f} "
                      f"ndcg10={ndcg:.4f} r1000={r1000:.4f}")
            print(f"{prefix}{tag_} engine={label} queries={n} map={m:.4f} p10={p:.4f} "
                  f"ndcg10={nd:.4f} r1000={r:.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
