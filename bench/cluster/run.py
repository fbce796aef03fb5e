#!/usr/bin/env python3
"""bench/cluster/run.py - a corpus in SHARDS shards on a LocalCluster of
WORKERS worker processes against one index: build time (byline-index
build, then byline-cluster's build), and query latency over the AOL log
queries three ways, interleaved query by query in one run:
  single  one index, searched in this process (byline module, k=10, snippets)
  dfs     the shards opened in this process, the DFS protocol run by hand
          (stats, merge, search, merge): the cost of sharding without Dask
  dask    the shards through Dask (bylinecluster.dfs.Cluster.search)
dask minus dfs is what Dask adds per query.  Prints the settings, the
load, and one machine-readable line.

    BYLINE_LIB=build/common/libbyline.so.0 PYTHONPATH=python:cluster \\
      /usr/bin/python3 bench/cluster/run.py CORPUS.jsonl [SHARDS [WORKERS [QUERIES]]]

Defaults: 4 shards, 2 workers, ../shared/queries/aol-union.txt.  Work in
$OUT (default /tmp/byline-cluster-bench), removed first.  Not for:
correctness (tests/test_cluster.py).
"""

import logging
import os
import statistics
import subprocess
import time

from benchargs import ROOT, load, parse, pct


def main():
    corpus, shards, workers, qfile, out = parse(__doc__, "/tmp/byline-cluster-bench")
    index_bin = os.path.join(ROOT, os.environ.get("BUILD", "build"), "byline-index")
    import byline
    from distributed import Client, LocalCluster
    from bylinecluster import dfs, manifest, writes
    print("corpus %s, %d shards, %d workers; load at start %s" % (corpus, shards, workers,
                                                                  load()))

    t = time.time()
    subprocess.run([index_bin, "build", "-q", "-i", os.path.join(out, "one"), corpus],
                   check=True, stderr=subprocess.DEVNULL)
    build_one = time.time() - t
    print("build one index: %.1f s (load %s)" % (build_one, load()))

    t = time.time()
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                           dashboard_address=None, silence_logs=logging.ERROR)
    client = Client(cluster)
    startup = time.time() - t
    t = time.time()
    rep, missing = writes.build(client, os.path.join(out, "cl"), shards, [corpus])
    build_cl = time.time() - t
    assert not missing, missing
    print("build %d shards on %d workers: %.1f s (LocalCluster start %.1f s; load %s)"
          % (shards, workers, build_cl, startup, load()))

    with open(qfile, encoding="utf-8") as f:
        queries = [l.strip() for l in f if l.strip()]
    one = byline.open(os.path.join(out, "one"))
    root = os.path.join(out, "cl")
    parts = [byline.open(manifest.shard_dir(root, i)) for i in range(shards)]
    c = dfs.Cluster(client, root)

    def run_single(q):
        return one.search(q, k=10)

    def run_dfs(q):
        merged = byline.merge_stats([p.stats(q) for p in parts])
        res = []
        for i, p in enumerate(parts):
            try:
                r = p.search(q, k=10, stats=merged)
            except byline.StatsMissing:
                return run_dfs_retry(q, merged)
            res += [(-h.score, i, h.rank, h) for h in r]
        return sorted(res, key=lambda x: x[:3])[:10]

    def run_dfs_retry(q, merged):
        merged = byline.merge_stats([p.stats(q, stats=merged) for p in parts])
        res = []
        for i, p in enumerate(parts):
            res += [(-h.score, i, h.rank, h) for h in p.search(q, k=10, stats=merged)]
        return sorted(res, key=lambda x: x[:3])[:10]

    def run_dask(q):
        return c.search(q, k=10)

    ways = (("single", run_single), ("dfs", run_dfs), ("dask", run_dask))
    # warm: every shard held open on its worker, pages in the cache
    for q in queries[:20]:
        for _, fn in ways:
            try:
                fn(q)
            except byline.ParseError:
                pass
    lat = {name: [] for name, _ in ways}
    diffs = 0
    t0 = time.time()
    for q in queries:
        got = {}
        for name, fn in ways:
            t = time.perf_counter()
            try:
                got[name] = fn(q)
            except byline.ParseError:
                got[name] = None
            lat[name].append((time.perf_counter() - t) * 1e3)
        if got["single"] is not None:
            a = [round(h.score, 9) for h in got["single"]]
            b = [round(h.score, 9) for h in got["dask"]]
            diffs += a != b
    print("%d queries in %.1f s (load at end %s); score lists differing from one index: %d"
          % (len(queries), time.time() - t0, load(), diffs))
    for name, _ in ways:
        print("%-6s p50 %7.2f ms  p95 %7.2f ms  mean %7.2f ms" % (
            name, statistics.median(lat[name]), pct(lat[name], 95), statistics.mean(lat[name])))
    over = [d - s for d, s in zip(lat["dask"], lat["dfs"])]
    print("RESULT cluster corpus=%s shards=%d workers=%d build_one_s=%.1f build_shards_s=%.1f "
          "single_p50_ms=%.2f single_p95_ms=%.2f dfs_p50_ms=%.2f dfs_p95_ms=%.2f "
          "dask_p50_ms=%.2f dask_p95_ms=%.2f dask_overhead_p50_ms=%.2f queries=%d diffs=%d"
          % (os.path.basename(corpus), shards, workers, build_one, build_cl,
             statistics.median(lat["single"]), pct(lat["single"], 95),
             statistics.median(lat["dfs"]), pct(lat["dfs"], 95),
             statistics.median(lat["dask"]), pct(lat["dask"], 95), statistics.median(over),
             len(queries), diffs))
    for p in parts:
        p.close()
    one.close()
    client.close()
    cluster.close()


if __name__ == "__main__":
    main()
