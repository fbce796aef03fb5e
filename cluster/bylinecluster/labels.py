"""bylinecluster.labels - the near-duplicate clusters of a whole cluster:
computed from every shard's sketches together, kept as one labels file
per shard beside it, and checked before a collapsed search trusts them.

Clusters are connected components of close pairs of sketches, which do
not depend on where the articles lie: the sketches of every shard's live
articles (byline_sketches), one shard after the other, clustered by the
library's own code (byline_sketch_clusters) give the clusters of one
index holding every article.  Each shard then gets a label for each of
its article numbers: ROOT/shard-NNN.labels, little-endian:

    0   8 bytes  magic "BYLLABEL"
    8   u32      version (1)
    12  u32      shard
    16  u32      shards
    20  u32      0
    24  u64      labelling: one random number shared by the files of one
                 computation (a search refuses files of different ones)
    32  u64      the shard's index generation when it was sketched
    40  u64      n, the shard's article numbers (deleted ones included)
    48  u64      sketches clustered in all (every shard's live articles)
    56  n x u32  the label of each article number (0xFFFFFFFF: deleted)
    ..  u32      CRC-32 of everything before it

Written atomically (temporary file, fsync, rename, fsync of the
directory).  A file is used only when it is intact and its shard is at
the generation it was made for, and all shards' files come from one
labelling; otherwise the search is refused (LabelsStale) naming the shard
and why, and `byline-cluster relabel` (or the next build, add or delete,
which relabel when every shard committed) makes them again.  Never a
collapse by stale clusters.

Not for: the search with labels (dfs.py, shardwork.py), the clustering
itself (libbyline).
"""

import os
import random
import struct
import time
import zlib
from array import array

import byline

from . import fanout, manifest

MAGIC = b"BYLLABEL"
VERSION = 1
HEAD = struct.Struct("<8sIIIIQQQQ")
DELETED = 0xFFFFFFFF


class LabelsStale(ValueError):
    """The labels of a shard cannot be trusted for a collapsed search
    (missing, damaged, of another state of the shard, or of another
    labelling than the other shards'); the message names the shard, says
    why and what to do."""


def path(root, i):
    return os.path.join(root, "shard-%03d.labels" % i)


def write(root, i, shards, labelling, generation, labels, total):
    """Writes shard i's labels (array('I'), one per article number)
    atomically and durably."""
    if labels.itemsize != 4:  # pragma: no cover
        raise ValueError("labels: 32-bit labels needed")
    body = HEAD.pack(MAGIC, VERSION, i, shards, 0, labelling, generation, len(labels), total)
    data = body + (labels.tobytes() if struct.pack("=I", 1) == struct.pack("<I", 1)
                   else _le(labels))
    data += struct.pack("<I", zlib.crc32(data) & 0xFFFFFFFF)
    final = path(root, i)
    tmp = os.path.join(root, ".shard-%03d.labels.tmp" % i)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, final)
    dfd = os.open(root, os.O_RDONLY)
    try:
        os.fsync(dfd)
    finally:
        os.close(dfd)


def _le(labels):  # pragma: no cover - big-endian machines
    a = array("I", labels)
    a.byteswap()
    return a.tobytes()


def load(file, i, shards, ndocs, generation):
    """Shard i's labels from file, checked against the shard as it is now
    (ndocs article numbers, index generation): (labelling, array('I')).
    LabelsStale naming the file and the reason."""
    what = "shard-%03d" % i
    hint = "; run byline-cluster relabel --root %s" % os.path.dirname(os.path.abspath(file))
    try:
        with open(file, "rb") as f:
            data = f.read()
    except FileNotFoundError:
        raise LabelsStale("%s: no near-duplicate labels (%s)%s" % (what, file, hint)) from None
    except OSError as e:
        raise LabelsStale("%s: %s cannot be read: %s%s" % (what, file, e.strerror, hint)) from None
    if len(data) < HEAD.size + 4 or data[:8] != MAGIC:
        raise LabelsStale("%s: %s is not a labels file%s" % (what, file, hint))
    if struct.unpack("<I", data[-4:])[0] != zlib.crc32(data[:-4]) & 0xFFFFFFFF:
        raise LabelsStale("%s: %s is damaged (checksum)%s" % (what, file, hint))
    magic, version, shard, nshards, _, labelling, gen, n, total = HEAD.unpack_from(data)
    if version != VERSION:
        raise LabelsStale("%s: %s is of version %d; this program reads %d%s"
                          % (what, file, version, VERSION, hint))
    if len(data) != HEAD.size + 4 * n + 4:
        raise LabelsStale("%s: %s is damaged (length)%s" % (what, file, hint))
    if shard != i or nshards != shards:
        raise LabelsStale("%s: %s is shard %d of %d, not %d of %d%s"
                          % (what, file, shard, nshards, i, shards, hint))
    if gen != generation or n != ndocs:
        raise LabelsStale("%s: its labels are stale (made at index generation %d with %d "
                          "articles numbered; the shard is at %d with %d)%s"
                          % (what, gen, n, generation, ndocs, hint))
    labels = array("I")
    labels.frombytes(data[HEAD.size:-4])
    if struct.pack("=I", 1) != struct.pack("<I", 1):  # pragma: no cover
        labels.byteswap()
    return labelling, labels


def refresh(client, root, timeout=None):
    """Computes the clusters of every shard's articles together and writes
    every shard's labels.  Every shard must answer (a shard missing would
    leave its copies out of the clusters): fanout.ShardFailure naming the
    missing ones, and no file written.  Returns a dict: sketches, clusters,
    seconds (of the clustering on this client) and the labelling."""
    from . import shardwork  # (shardwork loads labels: imported here, not above)
    root = os.path.abspath(root)
    m = manifest.read(root)
    n, gen = m["shards"], m["generation"]
    got, missing = fanout.run(client, shardwork.sketches, list(range(n)),
                              lambda i: (manifest.shard_dir(root, i), gen), "sketches", timeout,
                              fanout.placement(client, n))
    if missing:
        raise fanout.ShardFailure(missing, "labels: %d of %d shards gave no sketches"
                                  % (len(missing), n))
    t0 = time.perf_counter()
    allsk = b"".join(got[i][1] for i in range(n))
    lab = byline.sketch_clusters(allsk)
    seconds = time.perf_counter() - t0
    labelling = random.getrandbits(63) + 1
    total = len(lab)
    at = 0
    for i in range(n):
        docs, _, ndocs, igen = got[i]
        docs = array("Q", docs)
        arr = array("I", [DELETED]) * ndocs
        for j, d in enumerate(docs):
            arr[d] = lab[at + j]
        at += len(docs)
        write(root, i, n, labelling, igen, arr, total)
    clusters = sum(1 for j, x in enumerate(lab) if x == j)
    return {"sketches": total, "clusters": clusters, "seconds": seconds,
            "labelling": labelling}
