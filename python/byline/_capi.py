"""byline._capi - the C library as ctypes sees it: finding and loading
libbyline.so, the structures and prototypes of common/byline.h, and the
mapping of its error codes to Python exceptions.

Not for: anything a Python user calls directly; byline/__init__.py builds
the Pythonic API on top of this.  When byline.h changes, this file is the
one to follow it (the structures must match the header field for field).
"""

import ctypes
import ctypes.util
import os
import re

# The ABI this module was written for: BYLINE_ABI, and the version of
# byline.h whose structures are declared below.
ABI = 0
HEADER_VERSION = (0, 4)

c_size_t = ctypes.c_size_t
c_int64 = ctypes.c_int64
c_uint64 = ctypes.c_uint64
c_uint32 = ctypes.c_uint32
c_int = ctypes.c_int
c_double = ctypes.c_double
c_char_p = ctypes.c_char_p
c_void_p = ctypes.c_void_p
POINTER = ctypes.POINTER

NO_DATE = -(2 ** 63)  # BYLINE_NO_DATE (INT64_MIN)
INT64_MAX = 2 ** 63 - 1


def _candidates():
    """Where libbyline may be, in the order tried: the BYLINE_LIB
    environment variable (a path), the library installed beside this
    package by `make install` (PREFIX/lib, three levels up from
    .../dist-packages/byline), the source tree's build/common when the
    package is run from the tree after `make`, the soname through the dynamic loader
    (LD_LIBRARY_PATH, ld.so.cache), then ctypes.util.find_library."""
    env = os.environ.get("BYLINE_LIB")
    if env:
        return [env]
    here = os.path.dirname(os.path.abspath(__file__))
    out = []
    beside = os.path.normpath(os.path.join(here, "..", "..", "..", "libbyline.so.%d" % ABI))
    if os.path.exists(beside):
        out.append(beside)
    # run from a source tree after `make` (python/byline beside build/)
    built = os.path.normpath(os.path.join(here, "..", "..", "build", "common",
                                          "libbyline.so.%d" % ABI))
    if os.path.exists(built):
        out.append(built)
    out.append("libbyline.so.%d" % ABI)
    found = ctypes.util.find_library("byline")
    if found:
        out.append(found)
    return out


def _load():
    tried = []
    for name in _candidates():
        try:
            return ctypes.CDLL(name)
        except OSError as e:
            tried.append("%s (%s)" % (name, e))
    raise ImportError("byline: cannot load libbyline.so.%d; tried %s. Install Byline "
                      "(make install), or set BYLINE_LIB to the library's path"
                      % (ABI, "; ".join(tried)))


lib = _load()


class Article(ctypes.Structure):
    """byline_article"""
    _fields_ = [
        ("id", c_void_p), ("id_len", c_size_t),
        ("title", c_void_p), ("title_len", c_size_t),
        ("body", c_void_p), ("body_len", c_size_t),
        ("author", c_void_p), ("author_len", c_size_t),
        ("source", c_void_p), ("source_len", c_size_t),
        ("url", c_void_p), ("url_len", c_size_t),
        ("tags", c_void_p), ("tags_len", c_size_t),
        ("date", c_int64),
    ]


class Info(ctypes.Structure):
    """byline_info"""
    _fields_ = [
        ("articles", c_uint64), ("deleted", c_uint64), ("terms", c_uint64),
        ("segments", c_uint64), ("bytes", c_uint64),
        ("first_date", c_int64), ("last_date", c_int64),
        ("title_weight", ctypes.c_uint), ("indexes", c_size_t),
    ]


class SearchOpts(ctypes.Structure):
    """byline_search_opts"""
    _fields_ = [
        ("k", c_size_t), ("offset", c_size_t), ("all_required", c_int),
        ("sort", c_int), ("collapse", c_int),
        ("since", c_int64), ("until", c_int64),
        ("half_life", c_double), ("now", c_int64),
        ("k1", c_double), ("b", c_double),
        ("prf_docs", c_size_t), ("prf_terms", c_size_t), ("prf_weight", c_double),
        ("count_total", c_int), ("snippet_chars", c_size_t),
        ("stats", ctypes.c_void_p), ("stats_len", c_size_t),
        ("prf_depth", c_size_t),
        ("labels", c_void_p), ("only", c_void_p), ("nonly", c_size_t),
        ("total_bound", c_uint64),
    ]


class Hit(ctypes.Structure):
    """byline_hit"""
    _fields_ = [
        ("score", c_double), ("doc", c_uint64),
        ("id", c_void_p), ("id_len", c_size_t),
        ("title", c_void_p), ("title_len", c_size_t),
        ("author", c_void_p), ("author_len", c_size_t),
        ("source", c_void_p), ("source_len", c_size_t),
        ("url", c_void_p), ("url_len", c_size_t),
        ("date", c_int64), ("similar", c_uint32), ("similar_estimated", c_uint32),
    ]


class Span(ctypes.Structure):
    """byline_span"""
    _fields_ = [("start", c_uint32), ("len", c_uint32)]


class Snippet(ctypes.Structure):
    """byline_snippet"""
    _fields_ = [
        ("text", c_void_p), ("len", c_size_t),
        ("spans", POINTER(Span)), ("nspans", c_size_t),
        ("cut_start", c_int), ("cut_end", c_int),
    ]


class Name(ctypes.Structure):
    """byline_name"""
    _fields_ = [("display", c_void_p), ("key", c_void_p), ("articles", c_uint64), ("kind", c_int),
                ("part", c_int)]


class SimilarArticle(ctypes.Structure):
    """byline_similar_article"""
    _fields_ = [
        ("doc", c_uint64),
        ("id", c_void_p), ("id_len", c_size_t),
        ("title", c_void_p), ("title_len", c_size_t),
        ("source", c_void_p), ("source_len", c_size_t),
        ("url", c_void_p), ("url_len", c_size_t),
        ("date", c_int64), ("resemblance", c_double), ("containment", c_double),
        ("self", c_int),
    ]


class WriterOpts(ctypes.Structure):
    """byline_writer_opts"""
    _fields_ = [
        ("mem", c_size_t), ("replace", c_int), ("no_names", c_int),
        ("title_weight", ctypes.c_uint), ("threads", c_int),
    ]


class WriterStats(ctypes.Structure):
    """byline_writer_stats"""
    _fields_ = [
        ("added", c_uint64), ("deleted", c_uint64), ("replaced", c_uint64),
        ("merged", c_uint64), ("commits", c_uint64), ("mem", c_size_t),
    ]


SKIP_COUNT = 11  # BYLINE_SKIP_COUNT

# byline_warn_fn: (ctx, file, line, offset, reason, detail)
WarnFn = ctypes.CFUNCTYPE(None, c_void_p, c_char_p, c_uint64, c_uint64, c_int, c_char_p)


class InputOpts(ctypes.Structure):
    """byline_input_opts"""
    _fields_ = [
        ("format", c_int), ("date_order", c_int), ("max_record", c_size_t),
        ("source", c_char_p), ("id_prefix", c_char_p),
        ("warn", WarnFn), ("warn_ctx", c_void_p),
        ("shards", c_uint32), ("shard", c_uint32),
    ]


class InputStats(ctypes.Structure):
    """byline_input_stats"""
    _fields_ = [
        ("files", c_uint64), ("records", c_uint64), ("articles", c_uint64),
        ("skipped", c_uint64 * SKIP_COUNT), ("warned", c_uint64 * SKIP_COUNT),
        ("unreadable", c_uint64), ("left_out", c_uint64), ("sidecars", c_uint64),
        ("bytes_total", c_uint64), ("bytes_done", c_uint64),
    ]


def _proto(name, restype, *argtypes):
    f = getattr(lib, name)
    f.restype = restype
    f.argtypes = list(argtypes)
    return f


PP = POINTER(c_void_p)
byline_version = _proto("byline_version", c_char_p)
byline_errmsg = _proto("byline_errmsg", c_char_p)
byline_errstr = _proto("byline_errstr", c_char_p, c_int)
byline_free = _proto("byline_free", None, c_void_p)
byline_open = _proto("byline_open", c_int, c_char_p, PP)
byline_open_many = _proto("byline_open_many", c_int, POINTER(c_char_p), c_size_t, PP)
byline_close = _proto("byline_close", None, c_void_p)
byline_info_get = _proto("byline_info_get", c_int, c_void_p, POINTER(Info))
byline_query_parse_n = _proto("byline_query_parse_n", c_int, c_char_p, c_size_t, PP)
byline_query_free = _proto("byline_query_free", None, c_void_p)
byline_search_opts_init = _proto("byline_search_opts_init", None, POINTER(SearchOpts))
byline_searcher_new = _proto("byline_searcher_new", c_int, c_void_p, PP)
byline_searcher_free = _proto("byline_searcher_free", None, c_void_p)
byline_search = _proto("byline_search", c_int, c_void_p, c_void_p, POINTER(SearchOpts),
                       POINTER(c_size_t), POINTER(c_uint64))
byline_hit_get = _proto("byline_hit_get", c_int, c_void_p, c_size_t, POINTER(Hit))
byline_hit_id = _proto("byline_hit_id", c_int, c_void_p, c_size_t, POINTER(c_void_p),
                       POINTER(c_size_t), POINTER(c_double))
byline_hit_snippet = _proto("byline_hit_snippet", c_int, c_void_p, c_size_t, POINTER(Snippet))
byline_hit_explain = _proto("byline_hit_explain", c_int, c_void_p, c_size_t, PP)
byline_article_get = _proto("byline_article_get", c_int, c_void_p, c_char_p, c_size_t,
                            POINTER(POINTER(Article)))
byline_names = _proto("byline_names", c_int, c_void_p, c_void_p, POINTER(SearchOpts), c_size_t,
                      POINTER(POINTER(Name)), POINTER(c_size_t))
NAME_WHO, NAME_PLACE, NAME_PARTS = 1, 2, 4  # enum byline_name_kind
byline_names_kind = _proto("byline_names_kind", c_int, c_void_p, c_void_p, POINTER(SearchOpts),
                           ctypes.c_uint, c_size_t, POINTER(POINTER(Name)), POINTER(c_size_t))
byline_similar = _proto("byline_similar", c_int, c_void_p, c_char_p, c_size_t,
                        POINTER(POINTER(SimilarArticle)), POINTER(c_size_t))
byline_writer_opts_init = _proto("byline_writer_opts_init", None, POINTER(WriterOpts))
byline_writer_open = _proto("byline_writer_open", c_int, c_char_p, POINTER(WriterOpts), PP)
byline_writer_add = _proto("byline_writer_add", c_int, c_void_p, POINTER(Article))
byline_writer_delete = _proto("byline_writer_delete", c_int, c_void_p, c_char_p, c_size_t,
                              POINTER(c_uint64))
byline_writer_commit = _proto("byline_writer_commit", c_int, c_void_p)
byline_writer_stats_get = _proto("byline_writer_stats_get", c_int, c_void_p,
                                 POINTER(WriterStats))
byline_writer_free = _proto("byline_writer_free", None, c_void_p)

byline_stats_collect = _proto("byline_stats_collect", c_int, c_void_p, c_void_p,
                              POINTER(SearchOpts), PP, POINTER(c_size_t))
byline_stats_merge = _proto("byline_stats_merge", c_int, POINTER(c_void_p), POINTER(c_size_t),
                            c_size_t, PP, POINTER(c_size_t))
SKETCH_BYTES = 76  # BYLINE_SKETCH_BYTES
byline_sketches = _proto("byline_sketches", c_int, c_void_p, POINTER(c_void_p), POINTER(c_void_p),
                         POINTER(c_size_t))
byline_sketch_clusters = _proto("byline_sketch_clusters", c_int, c_char_p, c_size_t,
                                POINTER(c_void_p))
byline_collection_docs = _proto("byline_collection_docs", c_uint64, c_void_p)
byline_index_generation = _proto("byline_index_generation", c_int, c_void_p, c_size_t,
                                 POINTER(c_uint64))
byline_labels_new = _proto("byline_labels_new", c_int, c_void_p, c_size_t, PP)
byline_labels_free = _proto("byline_labels_free", None, c_void_p)
byline_search_labels = _proto("byline_search_labels", c_int, c_void_p, POINTER(c_void_p),
                              POINTER(c_size_t))
byline_shard_of = _proto("byline_shard_of", c_uint32, c_char_p, c_size_t, c_uint32)
byline_format_parse = _proto("byline_format_parse", c_int, c_char_p)
byline_skip_text = _proto("byline_skip_text", c_char_p, c_int)
byline_skip_keeps = _proto("byline_skip_keeps", c_int, c_int)
byline_input_opts_init = _proto("byline_input_opts_init", None, POINTER(InputOpts))
byline_input_open_many = _proto("byline_input_open_many", c_int, POINTER(c_char_p), c_size_t,
                                POINTER(InputOpts), PP)
byline_input_failed = _proto("byline_input_failed", c_char_p, c_void_p, POINTER(c_int))
byline_input_stats_get = _proto("byline_input_stats_get", c_int, c_void_p, POINTER(InputStats))
byline_input_close = _proto("byline_input_close", None, c_void_p)
byline_writer_add_input = _proto("byline_writer_add_input", c_int, c_void_p, c_void_p,
                                 POINTER(c_uint64))
byline_clusters_refresh = _proto("byline_clusters_refresh", c_int, c_char_p, POINTER(c_int))

VERSION = byline_version().decode("ascii")
if tuple(int(x) for x in VERSION.split(".")[:2]) != HEADER_VERSION:
    # The structures above are those of byline.h 0.4: another minor
    # version may have moved a field.
    raise ImportError("byline: libbyline %s loaded, but this module was written for %d.%d"
                      % (VERSION, HEADER_VERSION[0], HEADER_VERSION[1]))


# ---- errors -------------------------------------------------------------

class Error(Exception):
    """An error reported by libbyline: .code is the BYLINE_E* code, .message
    byline_errmsg()'s text (it names the file, offset or query column)."""

    code = None

    def __init__(self, message, code=None):
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code


class NoMemory(Error, MemoryError):
    """Out of memory (BYLINE_ENOMEM)."""
    code = -1


class IOFailure(Error):
    """A file could not be read or written (BYLINE_EIO)."""
    code = -2


class Corrupt(Error):
    """The index is damaged (BYLINE_ECORRUPT): byline-index check says
    where, byline-index repair makes it searchable from what is intact."""
    code = -3


class ParseError(Error, ValueError):
    """A query (or an input record) that cannot be parsed; .column is the
    1-based column the message names, or None."""
    code = -4

    def __init__(self, message, code=None):
        super().__init__(message, code)
        m = re.search(r"\bcolumn (\d+)", message)
        self.column = int(m.group(1)) if m else None


class InvalidArgument(Error, ValueError):
    """An argument out of range (BYLINE_EINVAL)."""
    code = -5


class NotFound(Error, LookupError):
    """No such index, article or file (BYLINE_ENOTFOUND)."""
    code = -6


class VersionError(Error):
    """An index of a format this library does not read (BYLINE_EVERSION)."""
    code = -7


class LimitExceeded(Error):
    """A size limit was exceeded (BYLINE_ELIMIT)."""
    code = -8


class Busy(Error):
    """Another writer holds the index (BYLINE_EBUSY), in this process or
    another."""
    code = -9


class NotSynced(Error):
    """The commit was made, but the disk did not confirm it."""
    code = -10


class StatsMissing(Error):
    """The statistics given to a search lack a term its rewriting needs
    (BYLINE_ESTATS): collect again, passing the merged statistics, merge,
    and search again (byline.h's retry rule)."""
    code = -11


_BY_CODE = {cls.code: cls for cls in (NoMemory, IOFailure, Corrupt, ParseError, InvalidArgument,
                                      NotFound, VersionError, LimitExceeded, Busy, NotSynced,
                                      StatsMissing)}


def error(rc):
    """The exception for return code rc, with this thread's message (read
    right after the failed call: ctypes runs both on the same OS thread)."""
    raw = byline_errmsg()
    msg = raw.decode("utf-8", "replace") if raw else ""
    if not msg:
        msg = (byline_errstr(rc) or b"").decode("utf-8", "replace")
    return _BY_CODE.get(rc, Error)(msg, rc)


def check(rc):
    if rc < 0:
        raise error(rc)
    return rc


def text(ptr, n, errors="replace"):
    """A string the library returned (pointer and byte length), decoded."""
    if not ptr or n == 0:
        return ""
    return ctypes.string_at(ptr, n).decode("utf-8", errors)
