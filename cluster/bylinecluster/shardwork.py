"""bylinecluster.shardwork - what a Dask worker does for one shard: build
or add to it from news dumps (all in C: byline_input with its shard filter
and byline_writer_add_input), delete ids from it, and answer the steps of
a search (statistics, search with the merged statistics, names).

A worker keeps every shard it has searched open (one byline.Collection
per shard directory, shared by the worker's threads) until the cluster's
generation moves or the shard's MANIFEST is replaced, so a query costs a
stat, not an open.  A shard that cannot be
opened is not kept: the next query tries again.

Every function here is a Dask task: plain arguments in, plain picklable
values out, byline's exceptions raised as they are (the client names the
shard).  Not for: talking to the scheduler, merging shards' answers
(dfs.py), or anything about output.
"""

import os
import threading

import byline

_held = {}                 # shard directory -> (state, Collection)
_held_lock = threading.Lock()


def _state(path, generation):
    """What a held collection must still match: the cluster's generation
    and the shard's MANIFEST as a file (a commit replaces it, so its inode
    and time change).  The cluster's generation alone would miss a shard
    changed behind the cluster's back (byline-index repair or delete on
    it, a root removed and built again from generation 0): a worker that
    outlives them would go on answering from the old files."""
    try:
        st = os.stat(os.path.join(path, "MANIFEST"))
        return (generation, st.st_dev, st.st_ino, st.st_mtime_ns, st.st_size)
    except OSError:
        return (generation, None)


def holder(path, generation):
    """The open collection of the shard in path at this generation: the
    one held since an earlier query if the shard has not changed since,
    or opened now (the older one closed).  NotFound, Corrupt... as
    byline.open raises them."""
    state = _state(path, generation)
    with _held_lock:
        got = _held.get(path)
        if got and got[0] == state:
            return got[1]
        if got:
            del _held[path]
            got[1].close()
    c = byline.open(path)
    with _held_lock:
        other = _held.get(path)
        if other and other[0] == state:  # another thread was quicker
            c.close()
            return other[1]
        _held[path] = (state, c)
    return c


def _on(path, generation, fn):
    """fn(collection of the shard), once more if another thread's query of
    a newer generation closed the collection under it."""
    try:
        return fn(holder(path, generation))
    except ValueError as e:
        if "closed" not in str(e):
            raise
        return fn(holder(path, generation))


def held():
    """The shard directories this worker holds open (for tests and the
    info command)."""
    with _held_lock:
        return sorted(_held)


def add_shard(path, i, n, sources, opts):
    """Adds to shard i of n (created if needed) the articles of sources
    whose id it owns, and commits: the InputReport as a dict, with the
    shard number.  opts: format, id_prefix, source, date_order, max_record,
    mem, max_warnings."""
    wopts = {k: opts[k] for k in ("mem",) if opts.get(k) is not None}
    iopts = {k: opts[k] for k in ("format", "id_prefix", "source", "date_order", "max_record",
                                  "max_warnings") if opts.get(k) is not None}
    with byline.Writer(path, **wopts) as w:
        r = w.add_input(sources, shard=(i, n), **iopts)
        w.commit()  # replaced versions are counted when the commit resolves ids
        replaced = w.stats()["replaced"]
    return {"shard": i, "added": r.added, "replaced": replaced, "files": r.files,
            "records": r.records,
            "articles": r.articles, "skipped": r.skipped, "warned": r.warned,
            "warnings": r.warnings, "failures": r.failures}


def delete_ids(path, ids):
    """Deletes ids from the shard in path and commits: the ids found."""
    found = []
    with byline.Writer(path) as w:
        for i in ids:
            if w.delete(i):
                found.append(i)
    return found


def stats(path, generation, query, opts, merged):
    """Step 1 of a search: the shard's statistics for query (bytes)."""
    return _on(path, generation, lambda c: c.stats(query, stats=merged, **opts))


def search(path, generation, query, opts, merged, k, snippets):
    """Step 3: the shard's first k hits scored with the merged statistics,
    and its total: (list of byline.Hit, total).  StatsMissing when merged
    lacks a term (the client collects again)."""
    r = _on(path, generation, lambda c: c.search(query, k=k, offset=0, stats=merged,
                                                 snippets=snippets, **opts))
    return list(r), r.total


def names(path, generation, query, k, opts):
    """The shard's k most frequent names (of the articles matching query,
    or of all with query None): a list of dicts (name, key, articles,
    type, part), places and the parts of longer names included: the merge
    counts a name's articles in every shard, types it as the shards holding
    most of them did, and leaves a part out only if every shard's sample
    says it is one."""
    return _on(path, generation, lambda c: c.names(query, k=k, places="both", parts=True, **opts))


_labels = {}               # labels file -> (signature, generation, Labels, labelling)


def _shard_labels(c, file, i, n):
    """The Labels of shard i of n (collection c) from file, checked
    (labels.load), kept while the file and the shard stay as they are:
    (Labels, labelling).  LabelsStale when they cannot be trusted."""
    from . import labels
    try:
        st = os.stat(file)
        sig = (st.st_ino, st.st_size, st.st_mtime_ns)
    except OSError:
        sig = None
    gen = c.generation(0)
    with _held_lock:
        got = _labels.get(file)
    if got and sig and got[0] == sig and got[1] == gen and len(got[2]) == c.docs():
        return got[2], got[3]
    labelling, arr = labels.load(file, i, n, c.docs(), gen)
    lab = byline.Labels(arr)
    with _held_lock:
        _labels[file] = (sig, gen, lab, labelling)
    return lab, labelling


def sketches(path, generation):
    """The shard's sketches for the cluster's labels: (article numbers as
    bytes of u64, sketches, article numbers in all, index generation)."""
    def one(c):
        docs, sk = c.sketches()
        return docs.tobytes(), sk, c.docs(), c.generation(0)
    return _on(path, generation, one)


def collapsed(path, generation, file, i, n, query, opts, merged, k, snippets, only=None,
              mode="best"):
    """A search collapsed by the cluster's labels: the shard's first k
    groups (list of byline.Hit, each with .label and .similar = its
    matches here - 1), the labels of all its matches (bytes of u32,
    ascending) and the labelling of its labels file.  only: just the
    groups of those labels (and mode "oldest" shows each by its oldest
    match here).  LabelsStale, StatsMissing as they come."""
    def one(c):
        lab, labelling = _shard_labels(c, file, i, n)
        r = c.search(query, k=k, offset=0, stats=merged, snippets=snippets, collapse=mode,
                     labels=lab, only=only, **opts)
        return list(r), r.labels.tobytes(), labelling
    return _on(path, generation, one)


def info(path, generation):
    """What the shard holds (byline's info dict, dates as seconds)."""
    i = _on(path, generation, lambda c: c.info())
    for d in ("first_date", "last_date"):
        i[d] = int(i[d].timestamp()) if i[d] is not None else None
    return i
