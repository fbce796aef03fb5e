#!/usr/bin/env python3
"""pool.py - the documents to judge for a topic set: the top DEPTH of each run
that QRELS does not judge yet, with their text, for the assessor to read.

    pool.py CORPUS.jsonl.gz TOPICS QRELS DEPTH RUN [RUN...] > pool.txt

For making judgments (JUDGING.md), not for scoring.  Prints, per topic, the
topic line, then each unjudged pooled document once: 'DOC qid docid', the
title and the first 800 characters of the text.  The output holds corpus
text: keep it out of the repository (the bench scripts write it under build/).
"""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from querytext import read_corpus  # noqa: E402
from treceval import read_qrels, read_run  # noqa: E402


def main(argv):
    if len(argv) < 5:
        sys.stderr.write(__doc__)
        return 2
    corpus, topics, qrels_path, depth = argv[0], argv[1], argv[2], int(argv[3])
    qrels = read_qrels(qrels_path) if os.path.exists(qrels_path) else {}
    runs = [read_run(p)[0] for p in argv[4:]]
    want = {}
    order = []
    for line in open(topics, encoding="utf-8"):
        qid, _, q = line.rstrip("\n").partition("\t")
        if not qid or qid.startswith("#"):
            continue
        order.append((qid, q))
        docs = []
        for run in runs:
            for d in run.get(qid, [])[:depth]:
                if d not in docs and d not in qrels.get(qid, {}):
                    docs.append(d)
        want[qid] = sorted(docs, key=lambda d: (len(d), d))
    need = {d for v in want.values() for d in v}
    text = {}
    for docid, title, body in read_corpus(corpus):
        if docid in need:
            text[docid] = (title, " ".join(body.split())[:800])
    for qid, q in order:
        print("=== %s\t%s\t(%d to judge)" % (qid, q, len(want[qid])))
        for d in want[qid]:
            t, b = text.get(d, ("?", "?"))
            print("DOC %s %s | %s | %s" % (qid, d, t, b))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
