#!/usr/bin/env python3
"""bench/python_search.py - what a search costs through the Python module,
step by step (byline_search alone through ctypes, then each hit's id, its
stored fields, its snippet; then the module's search() with fields=False,
snippets=False and in full) beside `byline-search --batch` on the same
queries, interleaved in one run, median of RUNS.  Prints one line of
microseconds per query.

    BYLINE_LIB=build/common/libbyline.so.0 PYTHONPATH=python \\
      python3 bench/python_search.py INDEX TOPICS.tsv [REPEAT [RUNS]]

TOPICS.tsv is QID<TAB>QUERY lines (bench/effectiveness/*.topics.tsv);
each query runs REPEAT times (default 20) per run.  docs/PYTHON.md has the
figures.  Not for: correctness (tests/test_python.py).
"""

import ctypes
import os
import statistics
import subprocess
import sys
import tempfile
import time

import byline
import byline._capi as C


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    idx, topics = sys.argv[1], sys.argv[2]
    repeat = int(sys.argv[3]) if len(sys.argv) > 3 else 20
    runs = int(sys.argv[4]) if len(sys.argv) > 4 else 5
    search_bin = os.path.join(os.environ.get("BUILD", "build"), "byline-search")
    lines = [l for l in open(topics, encoding="utf-8") if "\t" in l] * repeat
    qs = [l.rstrip("\n").split("\t", 1)[1] for l in lines]
    qfile = tempfile.NamedTemporaryFile("w", suffix=".tsv", delete=False)
    qfile.write("".join(lines))
    qfile.close()

    c = byline.open(idx)
    s = c._searcher()
    o = C.SearchOpts()
    C.byline_search_opts_init(ctypes.byref(o))
    o.k = 10
    parsed = [byline._parse(q) for q in qs]

    def raw(level):
        n, t = ctypes.c_size_t(), ctypes.c_uint64()
        h, sn = C.Hit(), C.Snippet()
        idp, idl, sc = ctypes.c_void_p(), ctypes.c_size_t(), ctypes.c_double()
        for q in parsed:
            C.check(C.byline_search(s, q, ctypes.byref(o), ctypes.byref(n), ctypes.byref(t)))
            for i in range(n.value):
                if level >= 1:
                    C.byline_hit_id(s, i, ctypes.byref(idp), ctypes.byref(idl), ctypes.byref(sc))
                if level >= 2:
                    C.byline_hit_get(s, i, ctypes.byref(h))
                if level >= 3:
                    C.byline_hit_snippet(s, i, ctypes.byref(sn))

    def cli():
        subprocess.run([search_bin, "-i", idx, "--no-collapse", "-n", "10", "--batch", qfile.name],
                       check=True, stdout=subprocess.DEVNULL)

    steps = [("cli_batch", cli)]
    steps += [(name, lambda lvl=lvl: raw(lvl)) for lvl, name in
              enumerate(("capi_search", "capi_hit_id", "capi_hit_get", "capi_snippet"))]
    for name, kw in (("py_nofields", {"fields": False}), ("py_nosnippets", {"snippets": False}),
                     ("py_full", {})):
        steps.append((name, lambda kw=kw: [c.search(q, k=10, **kw) for q in qs]))
    res = {name: [] for name, _ in steps}
    for _ in range(runs):
        for name, f in steps:
            t0 = time.perf_counter()
            f()
            res[name].append((time.perf_counter() - t0) / len(qs) * 1e6)
    for q in parsed:
        C.byline_query_free(q)
    c.close()
    os.unlink(qfile.name)
    print("python_search index=%s queries=%d runs=%d us_per_query %s loadavg=%s" % (
        os.path.basename(idx.rstrip("/")), len(qs), runs,
        " ".join("%s=%.0f" % (k, statistics.median(v)) for k, v in res.items()),
        open("/proc/loadavg").read().split()[0]))


if __name__ == "__main__":
    main()
