#!/usr/bin/env python3
"""headmodel.py - trains the head-line model of plain-text articles
(common/doc/headline.h) on the checked-in web sets, evaluates it honestly,
and writes its weights as C.

Usage:
  headmodel.py BUILD_DIR SET_DIR...            leave-one-set-out table
  headmodel.py BUILD_DIR SET_DIR... --author    leave-one-set-out table of
                                               the same ranker trained to
                                               find the byline's head line
  headmodel.py BUILD_DIR SET_DIR... --write C_FILE PICKS_TSV
                                               train on all the sets, write
                                               the weights (C_FILE) and the
                                               picks they make (PICKS_TSV)

BUILD_DIR/bench/headfeat prints every head line's features and truth
labels (bench/headfeat.c).  The model is a listwise ranker: a softmax over
each article's head lines with its headline as the target (plain gradient
descent from zero weights, L2, a fixed step count: the same input gives
the same weights; no randomness).  The feature "rule" (today's rules took
the line) keeps a zero weight: on the sets the rules were written on they
are always right, so it would teach the model to copy them and nothing
else.  When the rules' headline is doubtful (rule_doubt(): two chrome
words, separators, a link, three words or fewer, a colon at its end, a
bracket first, a feed's or a mailing's chrome, an organisation's name, a
line over a bar of sections; the model is run
only then, for its cost), a head line later than it replaces it when its
score is above the threshold and above the rules' line's by the margin
(a line of a feed's or a mailing's chrome, or an organisation's name, has
no score to beat), itself no byline, no line opening as one and no date
line (byl_hl_pick_title;
pick() here mirrors it); the pair is the one of a grid
that gets the most training titles right -- among equals the widest
margin, then the lowest threshold.

Leave-one-set-out: for each set, train on the others and score it; the
table gives, per set, the titles the rules get right, the ones the rules
with the model get right, and the ones the model alone (its best line)
gets right.  The model is worth adopting only where
it wins out of set.

The picks file lists, for every article, the head line the written weights
take over the rules' (-1: the rules' line stays): tests/test_headline.c
checks that the C scoring makes the same choices.

With --author the ranker is trained on is_author instead (the head line
holding TRUTH's first writer; articles with none in their first 12 lines
are left out) and the table gives, per set, those articles and how many
the held-out model's best line holds the writer of: a measure of whether
the head-line features carry to bylines, not a model the reader uses.

Not for: measuring the fields end to end (bench/names/web.py does that).
"""
import math
import os
import subprocess
import sys

FIELD = "is_title"
L2 = 0.01
STEPS = 600
RATE = 0.5
DROP = {"rule"}  # the rules are right on the sets they were written on: no evidence
GRID = [x / 4.0 for x in range(-16, 33)]  # thresholds tried
MARGINS = [0.0, 0.5, 1.0, 1.25, 1.5, 1.75, 2.0]        # margins over the rules' line tried


def load(build, sets):
    out = subprocess.run([os.path.join(build, "bench", "headfeat")] + sets,
                         stdout=subprocess.PIPE, check=True).stdout.decode("utf-8")
    lines = out.rstrip("\n").split("\n")
    head = lines[0].split("\t")
    feats = head[7:-1]
    arts = {}
    for ln in lines[1:]:
        c = ln.split("\t")
        key = (c[0], c[1])
        row = {"i": int(c[2]), "is_title": int(c[3]), "is_author": int(c[4]),
               "is_date": int(c[5]), "nwords": int(c[6]),
               "f": [float(x) for x in c[7:7 + len(feats)]], "text": c[-1]}
        arts.setdefault(key, []).append(row)
    return feats, arts


def train(feats, arts):
    """Weights of the model: a softmax over each article's head lines, its
    headline the target (a listwise ranker).  Features in DROP keep a zero
    weight."""
    n = len(feats)
    keep = [k for k in range(n) if feats[k] not in DROP]
    arts_rows = [[([(k, x) for k, x in enumerate(r["f"]) if x and k in keep], r[FIELD])
                  for r in lines] for lines in arts.values()]
    w = [0.0] * n
    for _ in range(STEPS):
        g = [0.0] * n
        for a in arts_rows:
            if not any(y for _, y in a):
                continue
            zs = [sum(w[k] * x for k, x in f) for f, _ in a]
            m = max(zs)
            es = [math.exp(z - m) for z in zs]
            tot = sum(es)
            ny = sum(y for _, y in a)
            for (f, y), ev in zip(a, es):
                d = (ev / tot - y / ny) / len(arts_rows)
                for k, x in f:
                    g[k] += d * x
        for k in range(n):
            w[k] -= RATE * (g[k] + L2 * w[k] * (k > 0))
    return w


def score(w, r):
    return sum(a * b for a, b in zip(w, r["f"]))


def gate(f):
    """Whether a line is doubtful as a headline (byl_hl_gate)."""
    return f[FEATS.index("chrome")] >= 1 \
        or any(f[FEATS.index(k)] > 0 for k in ("seps", "url", "few_words", "end_colon", "bracket",
                                                "social", "org_name"))


def rule_doubt(r):
    """Whether the rules' line is doubtful (byl_hl_rule_doubt): gate(), a
    line over a bar of sections."""
    f = r["f"]
    return gate(f) or f[FEATS.index("next_nav")] > 0


def pick(w, thr, lines, rule_k):
    """The line the model takes over the rules' (byl_hl_pick_title), or -1;
    thr is (threshold, margin)."""
    thr, margin = thr
    ri = next((r["i"] for r in lines if r["f"][rule_k] > 0), -1)
    if ri < 0 or not rule_doubt(lines[ri]):
        return -1
    rf = lines[ri]["f"]
    # a feed's or a mailing's chrome, an organisation's name: no headline
    # by what it is, so no score to beat
    no_head = rf[FEATS.index("social")] > 0 or rf[FEATS.index("org_name")] > 0
    rs = -1e9 if no_head else score(w, lines[ri])
    best, bi = thr, -1
    for r in lines[ri + 1:]:
        f = r["f"]
        if f[LONG] > 0 or r["nwords"] < 2 or (r["nwords"] >= 12 and f[STOP] > 0) or gate(f) \
                or f[FEATS.index("byline")] > 0 or f[FEATS.index("date")] > 0 \
                or f[FEATS.index("lead_in")] > 0:
            continue
        sc = score(w, r)
        if sc > best and sc > rs + margin:
            best, bi = sc, r["i"]
    return bi


def right(w, thr, lines, rule_k):
    """(rules right, rules + model right) for one article."""
    ri = next((r["i"] for r in lines if r["f"][rule_k] > 0), -1)
    rules = ri >= 0 and lines[ri][FIELD] == 1
    bi = pick(w, thr, lines, rule_k) if w else -1
    model = lines[bi][FIELD] == 1 if bi >= 0 else rules
    return int(rules), int(model)


def fit(feats, arts):
    rule_k = feats.index("rule")
    w = train(feats, arts)
    grid = [(m, thr) for m in MARGINS for thr in GRID]
    # pick() takes (threshold, margin): each grid point the other way round
    got = [sum(right(w, g[::-1], lines, rule_k)[1] for lines in arts.values()) for g in grid]
    # among the best: the widest margin, then the lowest threshold
    top = [g for g, n in zip(grid, got) if n == max(got)]
    m = max(g[0] for g in top)
    return w, min((g for g in top if g[0] == m), key=lambda g: g[1])[::-1]


def main():
    args = sys.argv[1:]
    write = None
    if "--write" in args:
        i = args.index("--write")
        write = args[i + 1:i + 3]
        del args[i:i + 3]
    if len(args) < 2:
        sys.exit(__doc__)
    author = "--author" in args
    if author:
        args.remove("--author")
        global FIELD
        FIELD = "is_author"
    build, sets = args[0], [s.rstrip("/") for s in args[1:]]
    feats, arts = load(build, sets)
    if author:
        print("set\tarticles\tmodel")
        tot = [0, 0]
        for held in [os.path.basename(s) for s in sets]:
            w = train(feats, {k: v for k, v in arts.items() if k[0] != held})
            test = [v for k, v in arts.items() if k[0] == held and any(r[FIELD] for r in v)]
            got = sum(max(lines, key=lambda r: score(w, r))[FIELD] for lines in test)
            tot[0] += len(test)
            tot[1] += got
            print("%s\t%d\t%d" % (held, len(test), got))
        print("all\t%d\t%d" % tuple(tot))
        return 0
    global LONG, STOP, FEATS
    FEATS = feats
    LONG, STOP = feats.index("long_line"), feats.index("end_stop")
    rule_k = feats.index("rule")
    names = [os.path.basename(s) for s in sets]
    if write is None:
        print("set\tarticles\trules\tmodel\talone\tthreshold\tmargin")
        tot = [0, 0, 0, 0]
        for held in names:
            train_arts = {k: v for k, v in arts.items() if k[0] != held}
            test_arts = {k: v for k, v in arts.items() if k[0] == held}
            w, thr = fit(feats, train_arts)
            rr = mm = alone = 0
            for lines in test_arts.values():
                a, b = right(w, thr, lines, rule_k)
                rr += a
                mm += b
                top = max(lines, key=lambda r: score(w, r))
                alone += top[FIELD]
            tot[0] += len(test_arts)
            tot[1] += rr
            tot[2] += mm
            tot[3] += alone
            print("%s\t%d\t%d\t%d\t%d\t%.2f\t%.2f" % (held, len(test_arts), rr, mm, alone,
                                                  thr[0], thr[1]))
        print("all\t%d\t%d\t%d\t%d" % tuple(tot))
        return 0
    w, thr = fit(feats, arts)
    cmd = "bench/names/headmodel.py BUILD " + " ".join(sets) + " --write " + " ".join(write)
    with open(write[0], "w", encoding="utf-8") as f:
        f.write("/*\n * headline_weights.c - GENERATED, do not edit: the weights of the head-line\n"
                " * model (doc/headline.h), a softmax ranker of %s, by\n *   %s\n"
                " * from the sets %s.\n */\n" % (FIELD, cmd, ", ".join(names)))
        f.write('#include "doc/headline.h"\n\n')
        f.write("const double byl_hl_weights[BYL_HL_FIELDS][BYL_HL_NFEAT] = {{\n")
        for k, name in enumerate(feats):
            f.write("    %.17g, /* %s */\n" % (w[k], name))
        f.write("}};\n")
        f.write("const double byl_hl_threshold[BYL_HL_FIELDS] = {%.17g};\n" % thr[0])
        f.write("const double byl_hl_margin[BYL_HL_FIELDS] = {%.17g};\n" % thr[1])
    with open(write[1], "w", encoding="utf-8") as f:
        f.write("# generated by %s: set, file, the head line the model takes (-1: the rules')\n"
                % cmd)
        for (s, fn), lines in sorted(arts.items()):
            f.write("%s\t%s\t%d\n" % (s, fn, pick(w, thr, lines, rule_k)))
    right_all = sum(right(w, thr, lines, rule_k)[1] for lines in arts.values())
    print("trained on %d articles: %d titles right, threshold %.2f, margin %.2f"
          % (len(arts), right_all, thr[0], thr[1]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
