#!/usr/bin/env python3
"""make_corpus.py - a near-duplicate test corpus with ground-truth clusters,
generated from the shared Reuters-21578 and BBC corpora by a fixed procedure.

    bench/dedup/make_corpus.py [--shared DIR] [--seed N] OUT_DIR

Writes OUT_DIR/corpus.jsonl (articles in a shuffled order) and
OUT_DIR/labels.tsv (id <TAB> cluster label).  Nothing is written into the
repository; the shared data stays where it is.

Procedure (every random choice from one random.Random(seed)):
1. Candidates: Reuters and BBC articles with at least 10 words of body
   (short templated notices -- dividends, daily market reports -- are the
   hardest "same wording, different story" cases, so they stay in).
   Articles that are already the same story in the source (Reuters carries
   repeated and corrected transmissions; BBC has duplicate files) would
   make the labels wrong, so a candidate is dropped when 30% or more of its
   word 5-shingles occur in one earlier kept candidate and the two share
   at least half of the figures (numbers) of the one with fewer.  Same
   wording with different figures -- a templated dividend notice, a daily
   livestock estimate -- is a different story and stays, as a singleton.
2. BASES stories are drawn among candidates of at least 120 words; each gets 1..8 syndicated copies (1 + a
   geometric number, mean about 3).  A copy applies, independently:
   - headline edit (p 0.8): an outlet prefix/suffix, a dropped word, case;
   - dateline change (p 0.7): a new "CITY, Mon D (Outlet) -" opening;
   - trim (p 0.4): keep the first 50-90% of paragraphs (or sentences);
   - extension (p 0.3): one or two paragraphs appended (an outlet
     boilerplate line, or a paragraph of an unrelated article);
   - paragraph reorder (p 0.3): two paragraphs swapped;
   - word edits (p 0.6): 1-3% of words deleted, 1-3% replaced.
   A copy is dated 1 hour to 3 days after the original.
3. For each story, up to 2 distinct articles of the same topic (same
   Reuters category or BBC section) are added as singletons, plus DISTINCT
   further random articles: "same topic, different story" is where false
   merges would come from.
Ground truth: the original and its copies are one cluster; every other
article is its own cluster.
"""
import argparse
import datetime
import gzip
import json
import os
import random
import re
import zlib

BASES = 800
DISTINCT = 3000
OUTLETS = ["Reuters", "AP", "AFP", "Bloomberg", "Byline Wire", "Herald", "Globe", "Courier",
           "Daily Post", "Tribune", "Chronicle", "Gazette"]
CITIES = ["LONDON", "NEW YORK", "WASHINGTON", "TOKYO", "PARIS", "CHICAGO", "SYDNEY",
          "FRANKFURT", "HONG KONG", "SINGAPORE", "TORONTO", "BRUSSELS"]
MONTHS = ["Jan", "Feb", "March", "April", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec"]
SWAPS = {"said": "says", "says": "said", "rose": "increased", "fell": "declined", "big": "large",
         "company": "firm", "firm": "company", "government": "administration", "percent": "pct",
         "pct": "percent", "million": "mln", "mln": "million", "billion": "bln", "bln": "billion",
         "also": "further", "but": "however", "about": "around", "shares": "stock"}


def paragraphs(text):
    parts = re.split(r"\n\s*\n|\n {2,}", text)
    return [p.strip() for p in parts if p.strip()]


def shingles(text, n=5):
    w = re.findall(r"\w+", text.lower())
    return {zlib.crc32(" ".join(w[i:i + n]).encode()) for i in range(max(0, len(w) - n + 1))}


def load(shared):
    out = []
    for name in ("reuters21578", "bbc"):
        with gzip.open(os.path.join(shared, "corpora", name + ".jsonl.gz"), "rt") as f:
            for line in f:
                o = json.loads(line)
                text = o.get("text", "")
                if len(text.split()) < 10:
                    continue
                topic = (o.get("categories") or [None])[0] if name == "reuters21578" else o["id"].split("/")[0]
                out.append({"id": name[:3] + "-" + o["id"], "title": o.get("title", ""), "text": text,
                            "date": o.get("date"), "topic": topic or "none"})
    return out


def numbers(text):
    return set(re.findall(r"\d+(?:[.,/]\d+)*", text))


def drop_near_identical(cands):
    seen = {}
    kept = []
    for c in cands:
        sh = shingles(c["text"])
        if not sh:
            continue
        hits = {}
        for s in sh:
            for k in seen.get(s, ()):
                hits[k] = hits.get(k, 0) + 1
        if hits:
            k, n = max(hits.items(), key=lambda kv: kv[1])
            mine, theirs = numbers(c["text"]), kept[k]["nums"]
            same_figures = not mine or not theirs or \
                len(mine & theirs) >= 0.5 * min(len(mine), len(theirs))
            if n >= 0.3 * len(sh) and same_figures:
                continue
        for s in sh:
            seen.setdefault(s, []).append(len(kept))
        c["nums"] = numbers(c["text"])
        kept.append(c)
    return kept


def edit_title(r, t):
    words = t.split()
    if len(words) > 3 and r.random() < 0.5:
        del words[r.randrange(len(words))]
    t = " ".join(words)
    x = r.random()
    if x < 0.3:
        t = "UPDATE %d-%s" % (r.randint(1, 3), t)
    elif x < 0.6:
        t = "%s | %s" % (t, r.choice(OUTLETS))
    if r.random() < 0.3:
        t = t.upper() if t != t.upper() else t.title()
    return t


def edit_words(r, para):
    out = []
    rate_del, rate_sub = r.uniform(0.01, 0.03), r.uniform(0.01, 0.03)
    for w in para.split(" "):
        x = r.random()
        if x < rate_del:
            continue
        if x < rate_del + rate_sub:
            w = SWAPS.get(w.lower(), w + "s" if w.isalpha() else w)
        out.append(w)
    return " ".join(out)


def make_copy(r, base, pool):
    paras = paragraphs(base["text"])
    title = base["title"]
    if r.random() < 0.8:
        title = edit_title(r, title)
    if r.random() < 0.4:
        if len(paras) >= 3:
            paras = paras[:max(1, round(len(paras) * r.uniform(0.5, 0.9)))]
        else:
            sents = re.split(r"(?<=[.!?])\s+", " ".join(paras))
            paras = [" ".join(sents[:max(1, round(len(sents) * r.uniform(0.5, 0.9)))])]
    if r.random() < 0.3 and len(paras) >= 2:
        i, j = r.sample(range(len(paras)), 2)
        paras[i], paras[j] = paras[j], paras[i]
    if r.random() < 0.6:
        paras = [edit_words(r, p) for p in paras]
    if r.random() < 0.3:
        for _ in range(r.randint(1, 2)):
            if r.random() < 0.5:
                paras.append("Reporting by %s staff; editing by the %s desk. Copyright %s." %
                             (r.choice(OUTLETS), r.choice(OUTLETS), r.choice(OUTLETS)))
            else:
                other = paragraphs(r.choice(pool)["text"])
                paras.append(r.choice(other))
    if r.random() < 0.7:
        paras[0] = "%s, %s %d (%s) - %s" % (r.choice(CITIES), r.choice(MONTHS), r.randint(1, 28),
                                            r.choice(OUTLETS), paras[0])
    return title, "\n\n".join(paras)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--shared", default=os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared"))
    ap.add_argument("--seed", type=int, default=20251122)
    a = ap.parse_args()
    r = random.Random(a.seed)
    cands = drop_near_identical(load(a.shared))
    r.shuffle(cands)
    longs = [c for c in cands if len(c["text"].split()) >= 120]
    bases = longs[:BASES]
    chosen = {b["id"] for b in bases}
    rest = [c for c in cands if c["id"] not in chosen]
    by_topic = {}
    for c in rest:
        by_topic.setdefault(c["topic"], []).append(c)
    used = set()
    docs, labels = [], {}

    def add(doc, label):
        docs.append(doc)
        labels[doc["id"]] = label

    for bi, b in enumerate(bases):
        label = "c%04d" % bi
        date = b["date"] or "1988-01-%02dT12:00:00" % (1 + bi % 28)
        add({"id": b["id"], "title": b["title"], "text": b["text"], "date": date}, label)
        ncopies = 1
        while ncopies < 8 and r.random() < 0.6:
            ncopies += 1
        for k in range(ncopies):
            title, text = make_copy(r, b, rest)
            hours = r.randint(1, 72)
            add({"id": "%s~copy%d" % (b["id"], k + 1), "title": title, "text": text,
                 "date": "%s+%dh" % (date, hours), "source": r.choice(OUTLETS)}, label)
        same = [c for c in by_topic.get(b["topic"], []) if c["id"] not in used]
        for c in r.sample(same, min(2, len(same))):
            used.add(c["id"])
            add({"id": c["id"], "title": c["title"], "text": c["text"], "date": c["date"]}, "s-" + c["id"])
    free = [c for c in rest if c["id"] not in used]
    for c in r.sample(free, min(DISTINCT, len(free))):
        add({"id": c["id"], "title": c["title"], "text": c["text"], "date": c["date"]}, "s-" + c["id"])
    # copies carry "+Nh": turn into real timestamps
    for d in docs:
        dt = d.get("date")
        if not dt:
            d.pop("date", None)
            continue
        m = re.match(r"(.*)\+(\d+)h$", dt)
        t = datetime.datetime.fromisoformat(m.group(1) if m else dt)
        if m:
            t += datetime.timedelta(hours=int(m.group(2)))
        d["date"] = t.strftime("%Y-%m-%dT%H:%M:%SZ")
    r.shuffle(docs)
    os.makedirs(a.out, exist_ok=True)
    with open(os.path.join(a.out, "corpus.jsonl"), "w") as f:
        for d in docs:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
    with open(os.path.join(a.out, "labels.tsv"), "w") as f:
        for d in docs:
            f.write("%s\t%s\n" % (d["id"], labels[d["id"]]))
    nclus = len(set(labels.values()))
    print("dedup corpus: %d articles, %d stories with copies, %d clusters -> %s" %
          (len(docs), len(bases), nclus, a.out))


if __name__ == "__main__":
    main()
