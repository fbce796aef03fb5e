"""bylinecluster.writes - changing a cluster: building its shards from news
dumps, adding dumps to them, deleting ids.

Every shard is written by one Dask task, in parallel: the task reads
every source and keeps the articles whose id the shard owns
(byline_shard_of, in C), so an id always lands in the same shard and a
later add replaces it there.  The manifest is written last (build) or its
generation moved (add, delete) once every shard has committed; a shard
that fails is named, and the others keep what they committed (each shard
is an index of its own: its commit is atomic, the cluster's is not; run
the same add again, replacing by id makes it idempotent).

Each task reads every record, so a bad record is reported by every
shard: the reports are merged here, one line per (file, line, offset,
reason), and the counts of skipped records taken from one shard (they are
the same in all).

After a change that every shard committed, the near-duplicate labels
of every shard are made again (labels.refresh): clusters may join or
split across shards with any add or delete.  When a shard failed they are
left as they were, stale, and collapsed searches refuse them until
`byline-cluster relabel`.

Not for: searching (dfs.py).
"""

import os

import byline

from . import fanout, labels, manifest, shardwork


def _sources(paths):
    # the workers read the sources: give them absolute paths ("-" cannot
    # be read by many)
    out = []
    for p in paths:
        if p == "-":
            raise ValueError("standard input cannot be read by several workers: give files")
        out.append(os.path.abspath(p))
    if not out:
        raise ValueError("no source given")
    return out


def _merge_reports(reports):
    """One report for the cluster from every shard's."""
    first = reports[min(reports)] if reports else {}
    seen, warnings, failures = set(), [], []
    for i in sorted(reports):
        for w in reports[i]["warnings"]:
            if tuple(w[:4]) not in seen:
                seen.add(tuple(w[:4]))
                warnings.append(tuple(w))
        for f in reports[i]["failures"]:
            if f[0] not in {x[0] for x in failures}:
                failures.append(tuple(f))
    return {"added": {i: r["added"] for i, r in reports.items()},
            "replaced": sum(r.get("replaced", 0) for r in reports.values()),
            "records": first.get("records", 0), "files": first.get("files", 0),
            "skipped": first.get("skipped", {}), "warned": first.get("warned", {}),
            "warnings": warnings, "failures": failures}


def _write_shards(client, root, n, sources, opts, timeout):
    place = fanout.placement(client, n)
    reports, missing = fanout.run(client, shardwork.add_shard, list(range(n)),
                                  lambda i: (manifest.shard_dir(root, i), i, n, sources, opts),
                                  "add", timeout, place)
    return _merge_reports(reports), missing


def build(client, root, shards, sources, opts=None, timeout=None):
    """Builds a cluster of shards in root (absent or empty) from sources:
    (report, missing).  The manifest is written only when every shard was
    built; missing names the shards that failed."""
    root = os.path.abspath(root)
    m = manifest.new(shards, byline.version())
    sources = _sources(sources)
    if os.path.exists(root) and os.listdir(root):
        if os.path.exists(os.path.join(root, manifest.NAME)):
            raise manifest.ManifestError("%s: already a cluster; add to it with byline-cluster "
                                         "add" % root)
        raise manifest.ManifestError("%s: not empty; build a cluster in a new directory" % root)
    os.makedirs(root, exist_ok=True)
    with manifest.lock(root):
        report, missing = _write_shards(client, root, shards, sources, opts or {}, timeout)
        if not missing:
            manifest.write(root, m)
            report["labels"] = labels.refresh(client, root, timeout)
    return report, missing


def add(client, root, sources, opts=None, timeout=None):
    """Adds sources to the cluster in root (replacing articles by id):
    (report, missing); the generation moves when any shard committed."""
    root = os.path.abspath(root)
    sources = _sources(sources)
    with manifest.lock(root):
        m = manifest.read(root)
        report, missing = _write_shards(client, root, m["shards"], sources, opts or {}, timeout)
        m["generation"] += 1
        manifest.write(root, m)
        if not missing:
            report["labels"] = labels.refresh(client, root, timeout)
    return report, missing


def delete(client, root, ids, timeout=None):
    """Deletes ids, each from the shard that owns it: (found ids, missing
    shards)."""
    root = os.path.abspath(root)
    with manifest.lock(root):
        m = manifest.read(root)
        n = m["shards"]
        by = {}
        for i in ids:
            by.setdefault(byline.shard_of(i, n), []).append(i)
        found, missing = fanout.run(client, shardwork.delete_ids, sorted(by),
                                    lambda s: (manifest.shard_dir(root, s), by[s]), "delete",
                                    timeout, fanout.placement(client, n))
        m["generation"] += 1
        manifest.write(root, m)
        if not missing:
            labels.refresh(client, root, timeout)
    return [i for s in sorted(found) for i in found[s]], missing


def relabel(client, root, timeout=None):
    """Makes every shard's near-duplicate labels again (labels.refresh),
    under the cluster's lock: the dict refresh returns."""
    root = os.path.abspath(root)
    with manifest.lock(root):
        manifest.read(root)
        return labels.refresh(client, root, timeout)
