#!/usr/bin/env python3
"""bench/cluster/collapse.py - what collapse of near-duplicates across
shards costs: a corpus built as SHARDS shards on a LocalCluster of
WORKERS worker processes (byline-cluster's build), then
  labels   the labels step (every shard's sketches to the client,
           clustered together, a labels file per shard written), RUNS
           times, with the clustering alone apart;
  queries  the AOL log queries through Dask without collapse and with
           --collapse best, interleaved query by query after 20 warm-up
           queries (k=10, snippets); collapsed minus plain is the added
           latency, query by query.
Prints the settings, the load, and one machine-readable line.

    BYLINE_LIB=build/common/libbyline.so.0 PYTHONPATH=python:cluster \\
      /usr/bin/python3 bench/cluster/collapse.py CORPUS.jsonl [SHARDS [WORKERS [QUERIES]]]

Defaults: 4 shards, 2 workers, ../shared/queries/aol-union.txt (the first
200).  Work in $OUT (default /tmp/byline-collapse-bench), removed first.
Not for: correctness (tests/test_cluster.py), the search without
collapse against one index (run.py).
"""

import logging
import os
import statistics
import time

from benchargs import load, parse, pct


def main():
    corpus, shards, workers, qfile, out = parse(__doc__, "/tmp/byline-collapse-bench")
    from distributed import Client, LocalCluster
    import byline
    from bylinecluster import dfs, labels, writes
    with open(qfile, encoding="utf-8") as f:
        queries = [q.strip() for q in f if q.strip()][:220]
    print("corpus %s, %d shards, %d workers, %d queries; load %s"
          % (corpus, shards, workers, len(queries) - 20, load()))
    cl = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                      dashboard_address=None, silence_logs=logging.ERROR)
    client = Client(cl)
    try:
        root = os.path.join(out, "c")
        t0 = time.perf_counter()
        rep, missing = writes.build(client, root, shards, [corpus])
        build = time.perf_counter() - t0
        assert not missing, missing
        print("build (labels included) %.1f s; labels %r; load %s"
              % (build, rep.get("labels"), load()))
        runs = []
        for _ in range(3):
            t0 = time.perf_counter()
            r = labels.refresh(client, root)
            runs.append((time.perf_counter() - t0, r["seconds"]))
        lab_total = statistics.median(x for x, _ in runs)
        lab_cluster = statistics.median(y for _, y in runs)
        print("labels step: %s s (clustering alone %s s), %d articles, %d clusters; load %s"
              % (" ".join("%.2f" % x for x, _ in runs), " ".join("%.3f" % y for _, y in runs),
                 r["sketches"], r["clusters"], load()))
        c = dfs.Cluster(client, root)
        plain, coll, diff, skipped = [], [], [], 0
        for i, q in enumerate(queries):
            try:
                t0 = time.perf_counter()
                c.search(q, k=10)
                t1 = time.perf_counter()
                c.search(q, k=10, collapse="best")
                t2 = time.perf_counter()
            except byline.ParseError:
                skipped += 1
                continue
            if i >= 20:
                plain.append(1000 * (t1 - t0))
                coll.append(1000 * (t2 - t1))
                diff.append(1000 * ((t2 - t1) - (t1 - t0)))
        print("plain:     p50 %.1f ms  p95 %.1f ms  mean %.1f ms"
              % (pct(plain, 50), pct(plain, 95), statistics.mean(plain)))
        print("collapsed: p50 %.1f ms  p95 %.1f ms  mean %.1f ms"
              % (pct(coll, 50), pct(coll, 95), statistics.mean(coll)))
        print("added by collapse, query by query: median %.1f ms; load %s; %d unparsable"
              % (statistics.median(diff), load(), skipped))
        print("RESULT collapse shards=%d workers=%d build_s=%.1f labels_s=%.2f cluster_s=%.3f "
              "plain_p50_ms=%.1f collapsed_p50_ms=%.1f added_median_ms=%.1f"
              % (shards, workers, build, lab_total, lab_cluster, pct(plain, 50), pct(coll, 50),
                 statistics.median(diff)))
    finally:
        client.close()
        cl.close()


if __name__ == "__main__":
    main()
