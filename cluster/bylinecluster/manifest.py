"""bylinecluster.manifest - the small file that makes a directory a sharded
Byline collection: DIR/CLUSTER, a JSON object saying how many shards
there are (DIR/shard-000 ... shard-N-1, each an ordinary index), by which
rule articles are split, and a generation that every change increments
(workers reopen a shard they hold when it moves).

It is written atomically (a temporary file, fsync, rename, fsync of the
directory), and checked when read: a CRC-32 of its canonical form, the
format name and version, the rule, a shard count that matches its list.
A damaged or foreign file is an error that says so, never a guess.

Not for: the shards themselves (ordinary indexes, byline's format), nor
locking (lock() below only keeps two cluster writers apart; each shard's
own writer lock still holds).
"""

import fcntl
import json
import os
import zlib

NAME = "CLUSTER"
FORMAT = "byline-cluster"
VERSION = 1
# The only rule so far: byline_shard_of(), FNV-1a 64 of the final id
# (id prefix included) modulo the shard count.
RULE = "fnv1a64-id"
MAX_SHARDS = 4096


class ManifestError(Exception):
    """DIR holds no cluster, or its manifest is damaged or of another
    version; the message names the file and says what to do."""


def shard_dir(root, i):
    return os.path.join(root, "shard-%03d" % i)


def _checksum(body):
    canon = json.dumps(body, sort_keys=True, separators=(",", ":")).encode()
    return "%08x" % (zlib.crc32(canon) & 0xffffffff)


def new(shards, byline_version):
    if isinstance(shards, bool) or not isinstance(shards, int) or not 1 <= shards <= MAX_SHARDS:
        raise ValueError("shards: a whole number from 1 to %d, not %r" % (MAX_SHARDS, shards))
    return {"format": FORMAT, "version": VERSION, "rule": RULE, "shards": shards,
            "generation": 0, "byline": byline_version}


def read(root):
    """The manifest of the cluster in root (a dict), checked."""
    path = os.path.join(root, NAME)
    try:
        with open(path, "rb") as f:
            raw = f.read(1 << 16)
    except FileNotFoundError:
        raise ManifestError("%s: no cluster here (no %s); make one with byline-cluster build"
                            % (root, NAME)) from None
    except OSError as e:
        raise ManifestError("%s: cannot be read: %s" % (path, e.strerror)) from None
    try:
        m = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as e:
        raise ManifestError("%s: damaged (not JSON: %s)" % (path, e)) from None
    if not isinstance(m, dict) or m.get("format") != FORMAT:
        raise ManifestError("%s: not a byline cluster manifest" % path)
    check = m.pop("check", None)
    if check != _checksum(m):
        raise ManifestError("%s: damaged (its checksum does not match its content)" % path)
    if m.get("version") != VERSION:
        raise ManifestError("%s: cluster format version %r; this program reads %d"
                            % (path, m.get("version"), VERSION))
    if m.get("rule") != RULE:
        raise ManifestError("%s: shard rule %r is unknown (this program knows %s)"
                            % (path, m.get("rule"), RULE))
    n, g = m.get("shards"), m.get("generation")
    if not isinstance(n, int) or not 1 <= n <= MAX_SHARDS or not isinstance(g, int) or g < 0:
        raise ManifestError("%s: damaged (shards %r, generation %r)" % (path, n, g))
    return m


def write(root, m):
    """Replaces root's manifest with m, atomically and durably."""
    body = {k: v for k, v in m.items() if k != "check"}
    body["check"] = _checksum(body)
    data = (json.dumps(body, sort_keys=True, indent=1) + "\n").encode()
    tmp = os.path.join(root, "." + NAME + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, os.path.join(root, NAME))
    dfd = os.open(root, os.O_RDONLY)
    try:
        os.fsync(dfd)
    finally:
        os.close(dfd)


class lock:
    """Keeps two cluster commands that change root (build, add, delete)
    apart: an exclusive flock on root/.lock, refused at once when held."""

    def __init__(self, root):
        self.path = os.path.join(root, ".lock")

    def __enter__(self):
        self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(self.fd)
            raise ManifestError("%s: another byline-cluster command is changing this cluster"
                                % os.path.dirname(self.path)) from None
        return self

    def __exit__(self, *exc):
        os.close(self.fd)
