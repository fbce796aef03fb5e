"""bench/cluster/benchargs.py - what the cluster benchmarks share: their
command line (CORPUS [SHARDS [WORKERS [QUERIES]]]), the work folder they
empty first, the load they print and the percentile they quote.  Not a
benchmark itself: run.py and collapse.py are.
"""

import os
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def pct(xs, p):
    """The p-th percentile of xs, by nearest rank (p in 0..100)."""
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100.0 * (len(xs) - 1))))]


def load():
    """The machine's 1, 5 and 15 minute load averages, as one string."""
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def parse(doc, default_out):
    """(corpus, shards, workers, query file, out) from sys.argv and $OUT;
    the work folder is emptied.  Without a corpus, exits with doc."""
    if len(sys.argv) < 2:
        sys.exit(doc)
    corpus = os.path.abspath(sys.argv[1])
    shards = int(sys.argv[2]) if len(sys.argv) > 2 else 4
    workers = int(sys.argv[3]) if len(sys.argv) > 3 else 2
    qfile = sys.argv[4] if len(sys.argv) > 4 else os.path.join(ROOT, "..", "shared", "queries",
                                                               "aol-union.txt")
    out = os.environ.get("OUT", default_out)
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    return corpus, shards, workers, qfile, out
