#!/usr/bin/env python3
"""summarize.py - medians of repeated benchmark runs.

    summarize.py RESULTS.txt [...]

Reads result lines ("bench=... key=value ...", '#' lines ignored) from one or
more files (bench/run.sh appends every run to $BENCH_WORK/results.txt),
groups them by their identifying keys (bench engine threads corpus log mode codec
count data kind query depth k1 b) and prints, per group, one line with the median of
every numeric value over the repeats and reps=N.  Non-numeric values are
taken from the last line of the group.
"""
import statistics
import sys

ID = ["bench", "engine", "threads", "corpus", "log", "mode", "count", "codec", "data", "kind", "query", "depth", "k1", "b"]


def parse(line):
    kv = {}
    for tok in line.split():
        k, eq, v = tok.partition("=")
        if eq:
            kv[k] = v
    return kv


def num(v):
    try:
        return float(v)
    except ValueError:
        return None


def main(paths):
    groups, order = {}, []
    for p in paths:
        with open(p) as f:
            for line in f:
                line = line.strip()
                if not line or line.startswith("#") or not line.startswith("bench="):
                    continue
                kv = parse(line)
                key = tuple(kv.get(k, "") for k in ID)
                if key not in groups:
                    groups[key] = []
                    order.append(key)
                groups[key].append(kv)
    for key in order:
        rows = groups[key]
        out = []
        for k in rows[-1]:
            if k in ID:
                out.append("%s=%s" % (k, rows[-1][k]))
                continue
            vals = [num(r[k]) for r in rows if k in r]
            if vals and all(v is not None for v in vals):
                m = statistics.median(vals)
                digits = max((len(r[k].split(".")[1]) if "." in r[k] else 0) for r in rows if k in r)
                out.append("%s=%.*f" % (k, digits, m))
            else:
                out.append("%s=%s" % (k, rows[-1][k]))
        out.append("reps=%d" % len(rows))
        print(" ".join(out))
    return 0


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.stderr.write(__doc__)
        sys.exit(2)
    sys.exit(main(sys.argv[1:]))
