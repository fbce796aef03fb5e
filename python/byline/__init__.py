"""byline - search and build Byline full-text indexes of news from Python.

    import byline
    c = byline.open("news.idx")                 # or open(["a.idx", "b.idx"])
    for hit in c.search('"Qiao Siyuan"', k=10):
        print(hit.score, hit.date, hit.title)
        print(hit.snippet.highlight("[", "]"))
    c.article("urn:byline:feed:0003")           # a dict, NotFound if none

    with byline.Writer("news.idx") as w:        # commits on a clean exit,
        w.add({"id": "a1", "title": "...", "body": "..."})  # rolls back on
        w.delete("a0")                          # an exception

A thin layer over libbyline.so (common/byline.h) through ctypes: nothing to
compile.  Errors are byline.Error, subclassed by code (ParseError with the
query's .column, NotFound, Corrupt, Busy...).  docs/PYTHON.md is the guide.

Threads: ctypes releases the GIL while the library works, so searches in
several threads run in parallel.  A Collection may be shared by threads:
each thread gets its own searcher (byline.h: one per thread) on its first
search.  A Writer is used by one thread at a time (a lock enforces it).

Not for: the C declarations and library loading (byline/_capi.py).
"""

import ctypes
import datetime as _dt
from array import array as _array
import os as _os
import threading
from collections.abc import Mapping as _Mapping
from contextlib import contextmanager as _contextmanager
from dataclasses import dataclass, field
from typing import List, Optional, Tuple

from . import _capi
from ._capi import (Busy, Corrupt, Error, InvalidArgument, IOFailure, LimitExceeded, NoMemory,
                    NotFound, NotSynced, ParseError, StatsMissing, VersionError)

__all__ = ["open", "version", "Collection", "Writer", "Hit", "Snippet", "Results",
           "merge_stats", "shard_of", "check_query", "InputReport", "Labels", "sketch_clusters",
           "Error", "NoMemory", "IOFailure", "Corrupt", "ParseError", "InvalidArgument",
           "NotFound", "VersionError", "LimitExceeded", "Busy", "NotSynced", "StatsMissing"]

__version__ = _capi.VERSION

_UTC = _dt.timezone.utc
_SIZE_MAX = 2 ** (8 * ctypes.sizeof(ctypes.c_size_t)) - 1
_SORT = {None: 0, "score": 0, "relevance": 0, "date": 1, "-date": 2}
# collapse=True is no mode: which copy of a story to show is the caller's
# to say ("best" or "oldest"); it was taken as "best" without a word
_COLLAPSE = {None: 0, False: 0, "none": 0, "best": 1, "oldest": 2}


def version():
    """The version of the libbyline loaded ("0.4.0")."""
    return _capi.VERSION


# ---- dates ----------------------------------------------------------------

_EPOCH = _dt.datetime(1970, 1, 1, tzinfo=_UTC)
_FIRST = int((_dt.datetime(1, 1, 1, tzinfo=_UTC) - _EPOCH).total_seconds())
_LAST = int((_dt.datetime(9999, 12, 31, 23, 59, 59, tzinfo=_UTC) - _EPOCH).total_seconds())


def _to_datetime(t):
    """A stored date as a datetime in UTC; None when undated, or (rare: the
    C API takes any seconds) outside datetime's years 1 to 9999, in which
    case the timestamp beside it keeps the value."""
    if t == _capi.NO_DATE or not _FIRST <= t <= _LAST:
        return None
    return _EPOCH + _dt.timedelta(seconds=t)


def _to_timestamp(t):
    return None if t == _capi.NO_DATE else t


def _to_seconds(v, what, end_of_day=False):
    """Seconds since 1970 UTC for a date given as datetime (naive means
    UTC), date (its first second, or its last with end_of_day: until=
    date(2025, 3, 1) includes that day, as byline-search --until does), an
    ISO 8601 string (a date alone read as a date; a year "2025" or a month
    "2025-03" as its first day, or its last with end_of_day) or a number of
    seconds."""
    if isinstance(v, bool):
        raise TypeError("%s: a date, datetime, ISO 8601 string or seconds, not %r" % (what, v))
    if isinstance(v, (int, float)):
        if not _FIRST <= v <= _LAST:  # years 1 to 9999, as byline-search's dates
            raise ValueError("%s: %r seconds is outside the years 1 to 9999" % (what, v))
        return int(v)
    if isinstance(v, str):
        s = v.strip()
        if len(s) in (4, 7) and s[:4].isdigit() and (len(s) == 4 or (s[4] == "-" and s[5:].isdigit())):
            # a year or a month, as byline-search --since/--until take them:
            # its first day, or with end_of_day its last
            y, m = int(s[:4]), int(s[5:]) if len(s) == 7 else None
            if not 1 <= y <= 9999 or (m is not None and not 1 <= m <= 12):
                raise ValueError("%s: %r is not a date (a year 0001-9999, a month 01-12)"
                                 % (what, v))
            if not end_of_day:
                v = _dt.date(y, m or 1, 1)
            elif m is None or m == 12:
                v = _dt.date(y, 12, 31)
            else:
                v = _dt.date(y, m + 1, 1) - _dt.timedelta(days=1)
            s = (v - _dt.date(1970, 1, 1)).days * 86400
            return s + 86399 if end_of_day else s
        try:
            if len(s) == 10:
                v = _dt.date.fromisoformat(s)
            else:
                v = _dt.datetime.fromisoformat(s.replace("Z", "+00:00"))
        except ValueError:
            raise ValueError("%s: %r is not an ISO 8601 date (2025-03-01 or "
                             "2025-03-01T12:00:00Z)" % (what, v)) from None
    if isinstance(v, _dt.datetime):
        if v.tzinfo is None:
            v = v.replace(tzinfo=_UTC)
        d = v - _dt.datetime(1970, 1, 1, tzinfo=_UTC)
        return d.days * 86400 + d.seconds
    if isinstance(v, _dt.date):
        s = (v - _dt.date(1970, 1, 1)).days * 86400
        return s + 86399 if end_of_day else s
    raise TypeError("%s: a date, datetime, ISO 8601 string or seconds, not %r" % (what, v))


# ---- results --------------------------------------------------------------

@dataclass(frozen=True)
class Snippet:
    """The window of a hit's body where the query's words are densest.
    spans are (start, end) character offsets into text of the matched
    words; cut_start/cut_end say the window starts after the body's start
    or stops before its end."""
    text: str
    spans: List[Tuple[int, int]] = field(default_factory=list)
    cut_start: bool = False
    cut_end: bool = False

    def highlight(self, before="[", after="]", ellipsis="…"):
        """text with every span between before and after, and ellipsis
        where the window cuts the body."""
        out, at = [], 0
        for s, e in self.spans:
            out += [self.text[at:s], before, self.text[s:e], after]
            at = e
        out.append(self.text[at:])
        return ((ellipsis if self.cut_start else "") + "".join(out) +
                (ellipsis if self.cut_end else ""))

    def __str__(self):
        return self.text


@dataclass(frozen=True)
class Hit:
    """One search result.  date is a datetime in UTC or None; timestamp
    the same in seconds.  doc is the article's number in the collection (it
    changes when the index does; id does not)."""
    rank: int
    id: str
    score: float
    title: Optional[str]        # None (and the fields below) with fields=False
    date: Optional[_dt.datetime]
    timestamp: Optional[int]    # the date in seconds since 1970 UTC
    author: Optional[str]
    source: Optional[str]
    url: Optional[str]
    similar: Optional[int]
    doc: Optional[int]
    snippet: Optional[Snippet]
    label: Optional[int] = None  # with search(labels=...): the label of doc


class Results(list):
    """The hits of a search (a list), with .total: how many articles
    matched (with collapse: how many stories), and .labels: with
    search(labels=..., collapse=...), the labels of every match
    (array('I'), ascending; None otherwise)."""

    def __init__(self, hits, total, labels=None):
        super().__init__(hits)
        self.total = total
        self.labels = labels

    def __repr__(self):
        return "Results(total=%d, %s)" % (self.total, list.__repr__(self))


def _byte_to_char_spans(raw, spans):
    """Byte offsets into the UTF-8 text raw, as character offsets."""
    out = []
    for sp in spans:
        s = len(raw[:sp.start].decode("utf-8", "replace"))
        e = s + len(raw[sp.start:sp.start + sp.len].decode("utf-8", "replace"))
        out.append((s, e))
    return out


def _article_dict(a):
    tags = _capi.text(a.tags, a.tags_len)
    return {
        "id": _capi.text(a.id, a.id_len, "surrogateescape"),
        "title": _capi.text(a.title, a.title_len),
        "body": _capi.text(a.body, a.body_len),
        "author": _capi.text(a.author, a.author_len),
        "source": _capi.text(a.source, a.source_len),
        "url": _capi.text(a.url, a.url_len),
        "tags": [t for t in tags.split("\n") if t],
        "date": _to_datetime(a.date),
        "timestamp": _to_timestamp(a.date),
    }


def _id_bytes(id):
    if isinstance(id, bytes):
        return id
    # a whole number is an id as JSON input takes it ({"id": 42} is "42");
    # bool is an int to Python but never meant as an id
    if isinstance(id, int) and not isinstance(id, bool):
        return str(id).encode()
    if not isinstance(id, str):
        raise TypeError("an article id is a str or an int, not %r" % type(id).__name__)
    b = id.encode("utf-8", "surrogateescape")
    if b"\0" in b:
        # no reader makes an id with a NUL (JSON's \u0000 becomes a space):
        # say so, rather than look for the id cut short at it
        raise ValueError("an article id holds no NUL character (found at offset %d)" % b.index(b"\0"))
    return b


# ---- reading --------------------------------------------------------------

def _parse(query):
    """A parsed query (the caller frees it); ParseError with the column."""
    if not isinstance(query, str):
        raise TypeError("query is a str, not %r" % type(query).__name__)
    q = ctypes.c_void_p()
    try:
        qb = query.encode("utf-8")
    except UnicodeEncodeError as e:
        # a lone surrogate (a str decoded with surrogateescape) is no text
        raise _capi.ParseError("column %d: a lone surrogate U+%04X is not text"
                               % (e.start + 1, ord(query[e.start]))) from None
    # with its length: a NUL in the query is refused, not a cut
    _capi.check(_capi.byline_query_parse_n(qb, len(qb), ctypes.byref(q)))
    return q


def _search_opts(k, offset, sort, since, until, collapse, all_required, half_life, now,
                 k1, b, prf, prf_terms, prf_weight, snippet_chars):
    """A byline_search_opts from search()'s keywords, each checked first:
    ctypes would wrap a number too big for its field without a word."""
    if sort not in _SORT:
        raise ValueError("sort: 'score', 'date' or '-date', not %r" % (sort,))
    # by identity and type: as dict keys 1 == True and 0 == False
    if collapse is not None and collapse is not False and not (
            isinstance(collapse, str) and collapse in _COLLAPSE):
        raise ValueError("collapse: None, 'best' or 'oldest', not %r" % (collapse,))
    for name, v in (("k", k), ("offset", offset), ("prf", prf), ("prf_terms", prf_terms),
                    ("snippet_chars", snippet_chars)):
        if v is not None and (isinstance(v, bool) or not isinstance(v, int) or
                              not 0 <= v <= _SIZE_MAX):
            raise ValueError("%s: a whole number from 0 to %d, not %r" % (name, _SIZE_MAX, v))
    # the ranges byline-search accepts
    for name, v, lo, hi in (("k1", k1, 0, 100), ("b", b, 0, 1), ("prf_weight", prf_weight, 0, 1)):
        if v is not None and not (isinstance(v, (int, float)) and lo <= v <= hi):
            raise ValueError("%s: a number from %g to %g, not %r" % (name, lo, hi, v))
    o = _capi.SearchOpts()
    _capi.byline_search_opts_init(ctypes.byref(o))
    o.k, o.offset = k, offset
    o.all_required = 1 if all_required else 0
    o.sort = _SORT[sort]
    o.collapse = _COLLAPSE[collapse]
    if since is not None:
        o.since = _to_seconds(since, "since")
    if until is not None:
        o.until = _to_seconds(until, "until", end_of_day=True)
    if half_life is not None:
        if isinstance(half_life, _dt.timedelta):
            half_life = half_life.total_seconds()
        if not half_life > 0:
            raise ValueError("half_life: more than 0 seconds, not %r" % (half_life,))
        o.half_life = float(half_life)
    if now is not None:
        o.now = _to_seconds(now, "now")
    if k1 is not None:
        o.k1 = float(k1)
    if b is not None:
        o.b = float(b)
    o.prf_docs = prf
    if prf_terms is not None:
        o.prf_terms = prf_terms
    if prf_weight is not None:
        o.prf_weight = float(prf_weight)
    if snippet_chars is not None:
        o.snippet_chars = snippet_chars
    return o


# search()'s keywords and their defaults, for the calls that take its filters
_DEFAULTS = dict(k=10, offset=0, sort="score", since=None, until=None, collapse=None,
                 all_required=False, half_life=None, now=None, k1=None, b=None, prf=0,
                 prf_terms=None, prf_weight=None, snippet_chars=None)


def _set_stats(o, stats):
    """Points o at the bytes of stats (None: the collection's own); returns
    what must stay alive while o is used."""
    if stats is None:
        return None
    if not isinstance(stats, (bytes, bytearray)):
        raise TypeError("stats: bytes from merge_stats(), not %r" % type(stats).__name__)
    buf = ctypes.create_string_buffer(bytes(stats), max(len(stats), 1))
    o.stats = ctypes.cast(buf, ctypes.c_void_p)
    o.stats_len = len(stats)
    return buf


def merge_stats(blobs):
    """Step 2 of a search over shards: every shard's Collection.stats()
    blob summed into the statistics of one collection holding them all
    (bytes, given to every shard's search(stats=...)).  Corrupt for a
    damaged blob, InvalidArgument for blobs of different settings."""
    blobs = [bytes(b) for b in blobs]
    if not blobs:
        raise ValueError("merge_stats: no statistics given")
    bufs = [ctypes.create_string_buffer(b, max(len(b), 1)) for b in blobs]
    ptrs = (ctypes.c_void_p * len(bufs))(*[ctypes.cast(b, ctypes.c_void_p) for b in bufs])
    lens = (ctypes.c_size_t * len(blobs))(*[len(b) for b in blobs])
    p, n = ctypes.c_void_p(), ctypes.c_size_t()
    _capi.check(_capi.byline_stats_merge(ptrs, lens, len(blobs), ctypes.byref(p),
                                         ctypes.byref(n)))
    try:
        return ctypes.string_at(p.value, n.value)
    finally:
        _capi.byline_free(p)


def _u32_array(values, what):
    if isinstance(values, _array) and values.typecode == "I" and values.itemsize == 4:
        return values
    try:
        arr = _array("I", values)
    except (TypeError, OverflowError) as e:
        raise ValueError("%s: whole numbers from 0 to 2^32-1 (%s)" % (what, e)) from None
    if arr.itemsize != 4:  # pragma: no cover - every platform byline builds on
        raise ValueError("%s: this Python's array('I') is not 32 bits" % what)
    return arr


def sketch_clusters(sketches):
    """Clusters of near-duplicates among sketches (bytes: n records of
    76 bytes, as Collection.sketches() gives them, from one shard or
    several one after the other): array('I') of a label per sketch, the
    number of the first sketch of its cluster.  The clustering is one
    index's (byline_sketch_clusters); it does not depend on the order of
    the sketches, so every shard's together give the clusters of one
    index holding them all."""
    sketches = bytes(sketches)
    if len(sketches) % _capi.SKETCH_BYTES:
        raise ValueError("sketches: a multiple of %d bytes, not %d"
                         % (_capi.SKETCH_BYTES, len(sketches)))
    n = len(sketches) // _capi.SKETCH_BYTES
    p = ctypes.c_void_p()
    _capi.check(_capi.byline_sketch_clusters(sketches, n, ctypes.byref(p)))
    try:
        return _array("I", ctypes.string_at(p.value, 4 * n)) if n else _array("I")
    finally:
        _capi.byline_free(p)


class Labels:
    """A cluster label for every article number of one collection
    (labels[doc]; Collection.docs() of them), given to its searches
    (search(labels=..., collapse=...)) so that they collapse by clusters
    found over more articles than the collection holds: the shards of a
    cluster together (docs/SCALING.md).  The labels are copied; .array
    keeps them (array('I'))."""

    def __init__(self, labels):
        arr = _u32_array(labels, "labels")
        h = ctypes.c_void_p()
        ptr = arr.buffer_info()[0] if len(arr) else None
        _capi.check(_capi.byline_labels_new(ptr, len(arr), ctypes.byref(h)))
        self._h = h
        self.array = arr

    def __len__(self):
        return len(self.array)

    def __getitem__(self, doc):
        return self.array[doc]

    def _handle(self):
        if not self._h:
            raise ValueError("byline: the labels are closed")
        return self._h

    def close(self):
        """Frees the labels; searches given them afterwards raise
        ValueError.  Close them only once no search uses them."""
        if getattr(self, "_h", None):
            _capi.byline_labels_free(self._h)
            self._h = ctypes.c_void_p()

    __del__ = close

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def check_query(query):
    """Parses query as a search would, without an index: ParseError (with
    .column) when it is broken as a query; None when it is sound.  For a
    program that sends the query elsewhere (to shards on other machines)
    and means to report a mistake once, before."""
    _capi.byline_query_free(_parse(query))


def shard_of(id, shards):
    """The shard (0 to shards-1) an article id belongs to among shards:
    byline_shard_of(), FNV-1a 64 of the id's UTF-8 bytes modulo shards, the
    rule Writer.add_input(shard=...) reads by."""
    if isinstance(shards, bool) or not isinstance(shards, int) or not 1 <= shards < 2 ** 32:
        raise ValueError("shards: a whole number from 1 to 2^32-1, not %r" % (shards,))
    b = _id_bytes(id)
    return _capi.byline_shard_of(b, len(b), shards)


class Collection:
    """One index, or several searched as one (scores use statistics summed
    over all of them).  A snapshot: a writer's later commits are seen by
    opening again.  Close it (or use it in a with block) to release the
    files; searchers are released with it."""

    def __init__(self, dirs):
        if isinstance(dirs, (str, bytes)) or hasattr(dirs, "__fspath__"):
            dirs = [dirs]
        paths = [_path_bytes(d) for d in dirs]
        if not paths:
            raise ValueError("byline.open: no index given")
        h = ctypes.c_void_p()
        if len(paths) == 1:
            _capi.check(_capi.byline_open(paths[0], ctypes.byref(h)))
        else:
            arr = (ctypes.c_char_p * len(paths))(*paths)
            _capi.check(_capi.byline_open_many(arr, len(paths), ctypes.byref(h)))
        self._h = h
        self._local = threading.local()
        self._searchers = []          # every thread's, freed by close()
        self._lock = threading.Lock()
        # Calls under way, so that close() waits for them: ctypes lets go of
        # the GIL inside the library, and freeing a searcher or the
        # collection under a search crashed the process (a Python program
        # must get an exception, never a segfault).
        self._idle = threading.Condition(self._lock)
        self._busy = 0
        self._closing = False

    @_contextmanager
    def _using(self):
        """This thread's searcher, with the collection kept open until the
        block ends (close() waits for it)."""
        with self._lock:
            if not self._h or self._closing:
                raise ValueError("byline: the collection is closed")
            self._busy += 1
        try:
            yield self._searcher()
        finally:
            with self._lock:
                self._busy -= 1
                if not self._busy:
                    self._idle.notify_all()

    def _searcher(self):
        s = getattr(self._local, "s", None)
        if s is None:
            s = ctypes.c_void_p()
            _capi.check(_capi.byline_searcher_new(self._h, ctypes.byref(s)))
            with self._lock:
                self._searchers.append(s)
            self._local.s = s
        return s

    def search(self, query, k=10, offset=0, sort="score", since=None, until=None,
               collapse=None, all_required=False, half_life=None, now=None,
               k1=None, b=None, prf=0, prf_terms=None, prf_weight=None,
               snippets=True, snippet_chars=None, fields=True, stats=None, labels=None,
               only=None):
        """Runs query (docs/QUERY.md's syntax) and returns Results: at most
        k hits after the first offset, best first (sort="date": oldest
        first, "-date": newest first).  since/until bound the dates
        (inclusive; a date, datetime, ISO string or seconds).  collapse
        "best" or "oldest" shows near-duplicates once (hit.similar counts
        the others).  half_life (seconds or a timedelta) weighs recency from
        now (default: the newest article).  prf=N re-ranks with terms of
        the N best (RM3).  snippets=False skips the snippets; fields=False
        also the stored fields (hits then have only rank, id and score, the
        rest None: reading an article's fields is most of a search's cost,
        docs/PYTHON.md).  ParseError (with .column) for a malformed query.
        stats (bytes, from merge_stats) makes this collection score as one
        shard of a larger one (the DFS protocol, docs/SCALING.md);
        StatsMissing when they lack a term the query needs: collect again
        with them (stats(query, stats=merged)), merge, and retry.
        labels (a Labels of this collection) makes collapse follow those
        clusters instead of the collection's own (shards clustered
        together; statistics are then allowed); each hit gets its .label
        and the Results .labels, the labels of every match; only (labels)
        returns just the groups of those labels."""
        o = _search_opts(k, offset, sort, since, until, collapse, all_required, half_life, now,
                         k1, b, prf, prf_terms, prf_weight, snippet_chars)
        keep = _set_stats(o, stats)
        if labels is not None:
            if not isinstance(labels, Labels):
                raise TypeError("labels: a byline.Labels, not %r" % type(labels).__name__)
            o.labels = labels._handle()
        if only is not None:
            if labels is None:
                raise ValueError("only: needs labels")
            only = _u32_array(sorted(set(only)), "only")
            o.only = only.buffer_info()[0] if len(only) else None
            o.nonly = len(only)
            if not len(only):  # no group wanted: an empty page, matches still counted
                o.k = 0
        with self._using() as s:
            r = self._search(s, query, o, offset, snippets, fields or labels is not None,
                             labels if o.collapse else None)
        del keep, only
        return r

    def stats(self, query, stats=None, **filters):
        """Step 1 of a search over shards searched apart (docs/SCALING.md):
        the statistics query's scores depend on in this collection, as an
        opaque versioned blob (bytes) to hand to merge_stats() with every
        other shard's.  filters are search()'s (the same on every shard).
        stats: the merged statistics of a first round, when a search with
        them raised StatsMissing."""
        o = _search_opts(**dict(_DEFAULTS, **filters))
        keep = _set_stats(o, stats)
        q = _parse(query)
        p, n = ctypes.c_void_p(), ctypes.c_size_t()
        try:
            with self._using() as s:
                _capi.check(_capi.byline_stats_collect(s, q, ctypes.byref(o), ctypes.byref(p),
                                                       ctypes.byref(n)))
        finally:
            _capi.byline_query_free(q)
        del keep
        try:
            return ctypes.string_at(p.value, n.value)
        finally:
            _capi.byline_free(p)

    def _search(self, s, query, o, offset, snippets, fields, labels=None):
        q = _parse(query)
        try:
            n, total = ctypes.c_size_t(), ctypes.c_uint64()
            _capi.check(_capi.byline_search(s, q, ctypes.byref(o), ctypes.byref(n),
                                            ctypes.byref(total)))
        finally:
            _capi.byline_query_free(q)
        matched = None
        if labels is not None:
            p, m = ctypes.c_void_p(), ctypes.c_size_t()
            _capi.check(_capi.byline_search_labels(s, ctypes.byref(p), ctypes.byref(m)))
            matched = _array("I", ctypes.string_at(p.value, 4 * m.value)) if m.value \
                else _array("I")
        # What the searcher returns is borrowed until its next search: copy.
        hits = []
        h, sn = _capi.Hit(), _capi.Snippet()
        if not fields:
            idp, idl, score = ctypes.c_void_p(), ctypes.c_size_t(), ctypes.c_double()
            for i in range(n.value):
                _capi.check(_capi.byline_hit_id(s, i, ctypes.byref(idp), ctypes.byref(idl),
                                                ctypes.byref(score)))
                hits.append(Hit(rank=offset + i + 1,
                                id=_capi.text(idp.value, idl.value, "surrogateescape"),
                                score=score.value, title=None, date=None, timestamp=None,
                                author=None, source=None, url=None, similar=None, doc=None,
                                snippet=None))
            return Results(hits, total.value)
        for i in range(n.value):
            _capi.check(_capi.byline_hit_get(s, i, ctypes.byref(h)))
            snip = None
            if snippets:
                _capi.check(_capi.byline_hit_snippet(s, i, ctypes.byref(sn)))
                raw = ctypes.string_at(sn.text, sn.len) if sn.text else b""
                snip = Snippet(raw.decode("utf-8", "replace"),
                               _byte_to_char_spans(raw, sn.spans[:sn.nspans]),
                               bool(sn.cut_start), bool(sn.cut_end))
            hits.append(Hit(rank=offset + i + 1,
                            id=_capi.text(h.id, h.id_len, "surrogateescape"),
                            score=h.score,
                            title=_capi.text(h.title, h.title_len),
                            date=_to_datetime(h.date), timestamp=_to_timestamp(h.date),
                            author=_capi.text(h.author, h.author_len),
                            source=_capi.text(h.source, h.source_len),
                            url=_capi.text(h.url, h.url_len),
                            similar=h.similar, doc=h.doc, snippet=snip,
                            label=labels[h.doc] if labels is not None else None))
        return Results(hits, total.value, matched)

    def explain(self, query, id_or_rank=0, **opts):
        """How a hit's score was made, as text: the hit at rank index
        id_or_rank (0-based, an int) of search(query, **opts), or the hit
        with that id (a str) among its first k."""
        with self._using() as s:
            return self._explain(s, query, id_or_rank, opts)

    def _explain(self, s, query, id_or_rank, opts):
        res = self.search(query, snippets=False, **opts)
        if isinstance(id_or_rank, int):
            i = id_or_rank
            if not 0 <= i < len(res):
                raise IndexError("explain: the search returned %d hits" % len(res))
        else:
            i = next((j for j, h in enumerate(res) if h.id == id_or_rank), None)
            if i is None:
                raise NotFound("explain: %r is not among the hits" % (id_or_rank,), -6)
        p = ctypes.c_void_p()
        _capi.check(_capi.byline_hit_explain(s, i, ctypes.byref(p)))
        try:
            return ctypes.string_at(p.value).decode("utf-8", "replace")
        finally:
            _capi.byline_free(p)

    def article(self, id):
        """The stored article with this id, as a dict: id, title, body,
        author, source, url, tags (a list), date (datetime or None),
        timestamp (the date in seconds).  NotFound if there is none."""
        b = _id_bytes(id)
        p = ctypes.POINTER(_capi.Article)()
        with self._using() as s:
            _capi.check(_capi.byline_article_get(s, b, len(b), ctypes.byref(p)))
        try:
            return _article_dict(p.contents)
        finally:
            _capi.byline_free(p)

    def names(self, query=None, k=10, places=False, parts=False, **filters):
        """The k most frequent names (people, organisations) of all
        articles, or of those matching query (search()'s filters apply:
        since, until...), most articles first: a list of dicts with name
        (the most common written form), key (the index's), articles and
        type ("name"; "place" with places=True, which lists places
        instead: countries, states, cities, regions).  parts=True also
        lists the names whose sampled occurrences all lie inside a longer
        name ("Exchange Commission"), each dict then with part (bool):
        for lists merged over shards searched apart.  places="both" lists
        names and places together, each by its type: a list merged over
        shards counts a name's articles in every shard, whichever type
        each shard's sample gave it."""
        o = _search_opts(**dict(_DEFAULTS, **filters))
        if isinstance(k, bool) or not isinstance(k, int) or not 0 <= k <= _SIZE_MAX:
            raise ValueError("k: a whole number from 0 to %d, not %r" % (_SIZE_MAX, k))
        q = _parse(query) if query is not None else None
        out, n = ctypes.POINTER(_capi.Name)(), ctypes.c_size_t()
        try:
            with self._using() as s:
                if places == "both":
                    kinds = _capi.NAME_PLACE | _capi.NAME_WHO
                elif places in (True, False):
                    kinds = _capi.NAME_PLACE if places else _capi.NAME_WHO
                else:
                    raise ValueError("places: True, False or \"both\", not %r" % (places,))
                kinds |= _capi.NAME_PARTS if parts else 0
                _capi.check(_capi.byline_names_kind(s, q, ctypes.byref(o), kinds, k,
                                                    ctypes.byref(out), ctypes.byref(n)))
        finally:
            if q is not None:
                _capi.byline_query_free(q)
        try:
            got = [{"name": ctypes.string_at(x.display).decode("utf-8", "replace"),
                    "key": ctypes.string_at(x.key).decode("utf-8", "replace"),
                    "articles": x.articles,
                    "type": "place" if x.kind == _capi.NAME_PLACE else "name"}
                   for x in out[:n.value]]
            if parts:
                for d, x in zip(got, out[:n.value]):
                    d["part"] = bool(x.part)
            return got
        finally:
            _capi.byline_free(out)

    def similar(self, id):
        """The article with this id and its near-duplicates (the copies
        collapse hides), oldest first: a list of dicts with id, title,
        source, url, date, timestamp, resemblance and containment (0 to 1)
        and self (True for the article asked about).  NotFound if no live
        article has the id."""
        b = _id_bytes(id)
        out, n = ctypes.POINTER(_capi.SimilarArticle)(), ctypes.c_size_t()
        with self._using() as s:
            _capi.check(_capi.byline_similar(s, b, len(b), ctypes.byref(out),
                                             ctypes.byref(n)))
        try:
            return [{"id": _capi.text(x.id, x.id_len, "surrogateescape"),
                     "title": _capi.text(x.title, x.title_len),
                     "source": _capi.text(x.source, x.source_len),
                     "url": _capi.text(x.url, x.url_len),
                     "date": _to_datetime(x.date), "timestamp": _to_timestamp(x.date),
                     "resemblance": x.resemblance, "containment": x.containment,
                     "self": bool(x.self)} for x in out[:n.value]]
        finally:
            _capi.byline_free(out)

    def sketches(self):
        """The near-duplicate sketches of the live articles, in the order
        of their numbers: (docs, sketches), docs an array('Q') of article
        numbers (Hit.doc) and sketches bytes, 76 per article, for
        sketch_clusters()."""
        dp, sp, n = ctypes.c_void_p(), ctypes.c_void_p(), ctypes.c_size_t()
        with self._using() as s:
            _capi.check(_capi.byline_sketches(s, ctypes.byref(dp), ctypes.byref(sp),
                                              ctypes.byref(n)))
        try:
            docs = _array("Q", ctypes.string_at(dp.value, 8 * n.value)) if n.value \
                else _array("Q")
            return docs, ctypes.string_at(sp.value, _capi.SKETCH_BYTES * n.value)
        finally:
            _capi.byline_free(dp)
            _capi.byline_free(sp)

    def docs(self):
        """How many article numbers the collection has (deleted articles
        included): the length of its Labels."""
        with self._lock:
            if not self._h or self._closing:
                raise ValueError("byline: the collection is closed")
            return _capi.byline_collection_docs(self._h)

    def generation(self, i=0):
        """The generation of index i of the collection as opened (every
        commit moves it)."""
        g = ctypes.c_uint64()
        with self._lock:
            if not self._h or self._closing:
                raise ValueError("byline: the collection is closed")
            _capi.check(_capi.byline_index_generation(self._h, i, ctypes.byref(g)))
        return g.value

    def info(self):
        """What the collection holds: articles, deleted, terms, segments,
        bytes, first_date, last_date (datetime or None), title_weight,
        indexes."""
        i = _capi.Info()
        with self._lock:
            if not self._h or self._closing:
                raise ValueError("byline: the collection is closed")
            _capi.check(_capi.byline_info_get(self._h, ctypes.byref(i)))
        return {"articles": i.articles, "deleted": i.deleted, "terms": i.terms,
                "segments": i.segments, "bytes": i.bytes,
                "first_date": _to_datetime(i.first_date),
                "last_date": _to_datetime(i.last_date),
                "title_weight": i.title_weight, "indexes": i.indexes}

    def close(self):
        """Frees every thread's searcher, then the collection, once the
        calls other threads have under way return; their later calls raise
        ValueError."""
        with self._lock:
            self._closing = True
            while self._busy:
                self._idle.wait()
            for s in self._searchers:
                _capi.byline_searcher_free(s)
            self._searchers = []
            self._local = threading.local()
            if self._h:
                _capi.byline_close(self._h)
                self._h = ctypes.c_void_p()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        if getattr(self, "_h", None):
            self.close()


def _path_bytes(p):
    return _os.fsencode(p)


def open(dirs):
    """Opens the index in dirs (a path), or several as one collection (a
    list of paths).  NotFound if there is none, Corrupt if it is damaged,
    VersionError for a format this library does not read."""
    return Collection(dirs)


# ---- writing --------------------------------------------------------------

_FIELDS = ("id", "title", "body", "author", "source", "url", "tags", "date")


def _field_bytes(name, v):
    if v is None:
        return b""
    if name == "id":
        return _id_bytes(v)
    if isinstance(v, bytes):
        # the library stores text as given: bytes that are not UTF-8 would
        # come back as U+FFFD, the text silently lost, so they are refused
        # here as the input files' readers refuse them (ids may be any
        # bytes: file names are)
        try:
            v.decode("utf-8")
        except UnicodeDecodeError as e:
            raise ValueError("article field %r: invalid UTF-8 byte 0x%02x at offset %d"
                             % (name, v[e.start], e.start)) from None
        return v
    if name == "author" and isinstance(v, (list, tuple)):
        v = "; ".join(v)
    if name == "tags" and isinstance(v, (list, tuple)):
        v = "\n".join(v)
    if not isinstance(v, str):
        raise TypeError("article field %r: a str, not %r" % (name, type(v).__name__))
    try:
        return v.encode("utf-8")
    except UnicodeEncodeError as e:
        # a lone surrogate (a str decoded with surrogateescape) is no text
        raise ValueError("article field %r: character %d is a lone surrogate U+%04X, not text"
                         % (name, e.start, ord(v[e.start]))) from None


@dataclass
class InputReport:
    """What Writer.add_input read: added articles; files, records (met,
    of every shard) and articles (returned, of this shard); skipped and
    warned: counts by reason ("malformed JSON"); warnings: the first of them
    as (file, line, offset, reason, detail, "skipped" or "warned");
    failures: (path, message, left_out) for each path that could not be
    read (left_out True: left out on purpose, nothing lost)."""
    added: int = 0
    files: int = 0
    records: int = 0
    articles: int = 0
    skipped: dict = field(default_factory=dict)
    warned: dict = field(default_factory=dict)
    warnings: list = field(default_factory=list)
    failures: list = field(default_factory=list)


class Writer:
    """Adds and deletes articles of one index (created if needed).
    Nothing is visible to readers until commit(); used as a context
    manager, it commits when the block ends normally and rolls back (frees
    the writer without committing) when it raises.  Busy if another writer
    holds the index.  One thread at a time may use it."""

    def __init__(self, path, mem=None, replace=False, no_names=False, title_weight=None,
                 threads=None):
        for name, v, hi in (("mem", mem, _SIZE_MAX), ("title_weight", title_weight, 100),
                            ("threads", threads, 2)):
            if v is not None and (isinstance(v, bool) or not isinstance(v, int) or not 0 <= v <= hi):
                raise ValueError("%s: a whole number from 0 to %d, not %r" % (name, hi, v))
        o = _capi.WriterOpts()
        _capi.byline_writer_opts_init(ctypes.byref(o))
        if mem is not None:
            o.mem = mem
        o.replace = 1 if replace else 0
        o.no_names = 1 if no_names else 0
        if title_weight is not None:
            o.title_weight = title_weight
        if threads is not None:
            o.threads = threads
        h = ctypes.c_void_p()
        _capi.check(_capi.byline_writer_open(_path_bytes(path), ctypes.byref(o), ctypes.byref(h)))
        self._h = h
        self._lock = threading.Lock()

    def _handle(self):
        if not self._h:
            raise ValueError("byline: the writer is closed")
        return self._h

    def add(self, article):
        """Adds an article, a dict with id (required), title, body, author
        (a str, or a list joined with "; "), source, url, tags (a list or
        one per line), date (datetime, date, ISO string, seconds or None).
        An unknown key is an error (a misspelt field would be lost)."""
        if not isinstance(article, _Mapping):
            raise TypeError("article: a dict, not %r" % type(article).__name__)
        unknown = set(article) - set(_FIELDS)
        if unknown:
            raise ValueError("article: unknown field(s) %s (known: %s)"
                             % (", ".join(sorted(map(str, unknown))), ", ".join(_FIELDS)))
        if article.get("id") is None or article.get("id") in ("", b""):
            raise ValueError("article: no id")
        keep = {}
        a = _capi.Article()
        for name in _FIELDS[:-1]:
            b = _field_bytes(name, article.get(name))
            keep[name] = ctypes.create_string_buffer(b, len(b) + 1)
            setattr(a, name, ctypes.cast(keep[name], ctypes.c_void_p))
            setattr(a, name + "_len", len(b))
        d = article.get("date")
        a.date = _capi.NO_DATE if d is None else _to_seconds(d, "date")
        with self._lock:
            _capi.check(_capi.byline_writer_add(self._handle(), ctypes.byref(a)))

    def add_input(self, paths, format="auto", shard=None, id_prefix=None, source=None,
                  date_order="auto", max_record=None, max_warnings=1000):
        """Adds the articles of news dumps (a path or a list: files,
        directories, "-"), read in C (docs/ARTICLES.md's formats), and
        returns an InputReport.  shard=(i, n) adds only the articles whose
        id (id_prefix included) shard_of() sends to shard i of n.  Bad
        records are skipped and counted, never an exception: the report
        lists the first max_warnings of them (file, line, offset, reason)
        and the paths that could not be read.  date_order: how an
        ambiguous "11/07/2025" reads, "auto" (by the other dates' evidence,
        as byline-index; docs/ARTICLES.md), "mdy" or "dmy"."""
        if isinstance(paths, (str, bytes)) or hasattr(paths, "__fspath__"):
            paths = [paths]
        paths = [_path_bytes(p) for p in paths]
        if not paths:
            raise ValueError("add_input: no path given")
        fmt = _capi.byline_format_parse(format.encode()) if isinstance(format, str) else -1
        if fmt < 0:
            raise ValueError("format: auto, jsonl, trec, reuters or text, not %r" % (format,))
        if date_order not in ("auto", "mdy", "dmy"):
            raise ValueError("date_order: 'auto', 'mdy' or 'dmy', not %r" % (date_order,))
        o = _capi.InputOpts()
        _capi.byline_input_opts_init(ctypes.byref(o))
        o.format = fmt
        o.date_order = {"mdy": 0, "dmy": 1, "auto": 2}[date_order]
        if max_record is not None:
            if isinstance(max_record, bool) or not isinstance(max_record, int) or \
                    not 0 < max_record <= _SIZE_MAX:
                raise ValueError("max_record: a whole number of bytes, not %r" % (max_record,))
            o.max_record = max_record
        if source is not None:
            o.source = source.encode("utf-8")
        if id_prefix is not None:
            o.id_prefix = id_prefix.encode("utf-8")
        if shard is not None:
            try:
                i, n = shard
            except (TypeError, ValueError):
                raise ValueError("shard: a pair (i, n), not %r" % (shard,)) from None
            for v in (i, n):
                if isinstance(v, bool) or not isinstance(v, int):
                    raise ValueError("shard: a pair of whole numbers, not %r" % (shard,))
            if not 1 <= n < 2 ** 32 or not 0 <= i < n:
                raise ValueError("shard: (i, n) with 0 <= i < n, not %r" % (shard,))
            o.shards, o.shard = n, i
        rep = InputReport()

        def warn(ctx, file, line, offset, reason, detail):
            # called by the library inside add_input: never let an
            # exception cross into C
            try:
                key = "warned" if _capi.byline_skip_keeps(reason) else "skipped"
                if len(rep.warnings) < max_warnings:
                    rep.warnings.append((_os.fsdecode(file or b""), line, offset,
                                         (_capi.byline_skip_text(reason) or b"?").decode(),
                                         (detail or b"").decode("utf-8", "replace"), key))
            except Exception:  # pragma: no cover - out of memory at worst
                pass

        cb = _capi.WarnFn(warn)
        o.warn = cb
        arr = (ctypes.c_char_p * len(paths))(*paths)
        inp = ctypes.c_void_p()
        _capi.check(_capi.byline_input_open_many(arr, len(paths), ctypes.byref(o),
                                                 ctypes.byref(inp)))
        try:
            with self._lock:
                while True:
                    added = ctypes.c_uint64()
                    rc = _capi.byline_writer_add_input(self._handle(), inp, ctypes.byref(added))
                    rep.added += added.value
                    if rc in (IOFailure.code, LimitExceeded.code):
                        err = _capi.error(rc)
                        stage = ctypes.c_int()
                        failed = _capi.byline_input_failed(inp, ctypes.byref(stage))
                        rep.failures.append((_os.fsdecode(failed or b""), err.message,
                                             rc == LimitExceeded.code))
                        continue
                    _capi.check(rc)
                    break
            st = _capi.InputStats()
            _capi.check(_capi.byline_input_stats_get(inp, ctypes.byref(st)))
        finally:
            _capi.byline_input_close(inp)
        rep.files, rep.records, rep.articles = st.files, st.records, st.articles
        for r in range(_capi.SKIP_COUNT):
            name = (_capi.byline_skip_text(r) or b"?").decode()
            if st.skipped[r]:
                rep.skipped[name] = st.skipped[r]
            if st.warned[r]:
                rep.warned[name] = st.warned[r]
        return rep

    def delete(self, id):
        """Deletes the article with this id at the commit; returns whether
        there was one."""
        b = _id_bytes(id)
        found = ctypes.c_uint64()
        with self._lock:
            _capi.check(_capi.byline_writer_delete(self._handle(), b, len(b),
                                                   ctypes.byref(found)))
        return bool(found.value)

    def stats(self):
        """Counts of this writer so far, committed or not: a dict of added,
        deleted, replaced (older versions replaced by an article of the same
        id: counted at the commit, when ids are resolved), merged, commits
        and mem (bytes the change under way holds now)."""
        st = _capi.WriterStats()
        with self._lock:
            _capi.check(_capi.byline_writer_stats_get(self._handle(), ctypes.byref(st)))
        return {k: getattr(st, k) for k, _ in _capi.WriterStats._fields_}

    def commit(self):
        """Makes every change since the writer was opened visible at once,
        and durable (NotSynced: made, but the disk did not confirm it)."""
        with self._lock:
            _capi.check(_capi.byline_writer_commit(self._handle()))

    def close(self):
        """Lets the writer go; changes not committed are dropped."""
        with self._lock:
            if self._h:
                _capi.byline_writer_free(self._h)
                self._h = ctypes.c_void_p()

    rollback = close

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        try:
            if exc_type is None:
                self.commit()
        finally:
            self.close()

    def __del__(self):
        if getattr(self, "_h", None):
            self.close()
