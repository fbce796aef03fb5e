#!/usr/bin/env python3
"""make_corpus.py - a corpus of COUNT news articles made of the sentences of
real ones, by a fixed procedure, for measuring Byline beside Xapian and
FTS5 at 100,000 and 1,000,000 articles (bench/million/run.sh).

    bench/million/make_corpus.py [--shared DIR] [--seed 1] COUNT OUT.jsonl

Nothing is written into the repository.  The same COUNT and seed give the
same file, byte for byte.

Procedure (every random choice from one random.Random(seed)):
1. Sources: the news corpora of ../shared/corpora (Reuters-21578, BBC,
   AG News, Time 1963; not CISI's abstracts nor the Usenet posts).  Their
   bodies are split into sentences (after . ! ? followed by a space and a
   capital or a quote), giving a pool of about 400,000 sentences, and their
   titles, dates and authors are kept as "templates".
2. Article i takes a template article T at random: its title is T's
   title, its length T's number of sentences (so lengths follow the real
   distribution), its date T's date shifted by a random whole number of
   days within +-3 years (or a random day of 1987-2005 when T has none),
   its author T's author.
3. Its sentences: each is, with probability 0.1, the sentence of T at
   that place, otherwise a sentence drawn from the whole pool.  So an
   article leans to T's topic and shares words the way news does, but two
   articles made from one template share about 1% of their sentences and
   are not near-duplicates.  (A first version kept T's lead and half of
   its sentences: at 1,000,000 articles, about 20 per template, the
   near-duplicate clusters chained into one of 73,000 articles.)
4. ids are "m<i>", in order; the source is "million".
"""
import argparse
import datetime
import gzip
import json
import os
import random
import re
import sys

NEWS = ["reuters21578", "bbc", "agnews_test", "time"]
SPLIT = re.compile(r'(?<=[.!?])\s+(?=[A-Z"\'])')


def sentences(text):
    return [s.strip() for s in SPLIT.split(text.replace("\n", " ")) if len(s.strip()) > 1]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared"))
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("count", type=int)
    ap.add_argument("out")
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    pool, templates = [], []
    for name in NEWS:
        path = os.path.join(a.shared, "corpora", name + ".jsonl.gz")
        if not os.path.exists(path):
            continue
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for line in f:
                r = json.loads(line)
                ss = sentences(r.get("text") or "")
                if not ss:
                    continue
                start = len(pool)
                pool.extend(ss)
                templates.append((r.get("title") or "", start, len(ss), r.get("date"), r.get("author")))
    if not templates:
        sys.exit("make_corpus.py: no corpora under %s" % a.shared)
    d0 = datetime.date(1987, 1, 1).toordinal()
    d1 = datetime.date(2005, 12, 31).toordinal()
    with open(a.out, "w", encoding="utf-8") as out:
        for i in range(a.count):
            title, start, n, date, author = templates[rnd.randrange(len(templates))]
            body = [pool[start + j] if rnd.random() < 0.1 else pool[rnd.randrange(len(pool))]
                    for j in range(n)]
            if date:
                day = datetime.date.fromisoformat(date[:10]).toordinal() + rnd.randint(-1095, 1095)
            else:
                day = rnd.randint(d0, d1)
            rec = {"id": "m%d" % i, "title": title,
                   "date": datetime.date.fromordinal(day).isoformat()}
            if author:
                rec["author"] = author
            rec["text"] = " ".join(body)
            rec["source"] = "million"
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
