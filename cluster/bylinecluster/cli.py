"""bylinecluster.cli - the byline-cluster command: options, output and exit
codes over writes.py and dfs.py.  Thin: everything a test needs is
reachable through the package.

Exit codes: 0 done (search: hits found); 1 search: nothing matches, or
build/add/delete: done, but some input could not be read or some id was
not found; 2 bad usage, a broken query, or an option refused across
shards (prf) or a collapse by stale near-duplicate labels; 3 shards gave
no answer (named), the cluster cannot be reached, or its manifest is
missing or damaged.
"""

import argparse
import logging
import json
import os
import sys

USAGE_EXIT, SHARD_EXIT = 2, 3


def _client(args, threads):
    """A Dask client: to --scheduler ADDR, or a LocalCluster of --local W
    worker processes (default 2) started for this command."""
    from distributed import Client, LocalCluster
    if args.scheduler:
        return Client(args.scheduler, timeout=args.connect_timeout), None
    cluster = LocalCluster(n_workers=args.local or 2, threads_per_worker=threads,
                           processes=True, dashboard_address=None,
                           silence_logs=logging.ERROR)
    return Client(cluster), cluster


def _common(p):
    p.add_argument("--root", required=True, help="the cluster's directory")
    g = p.add_mutually_exclusive_group()
    g.add_argument("--scheduler", metavar="ADDR", help="a running Dask scheduler (tcp://host:8786)")
    g.add_argument("--local", metavar="W", type=_positive,
                   help="start a LocalCluster of W worker processes (default 2)")
    p.add_argument("--timeout", type=_seconds, default=None, metavar="S",
                   help="seconds a round of shard tasks may take (search default 60)")
    p.add_argument("--connect-timeout", type=_seconds, default=10, metavar="S",
                   help="seconds to wait for the scheduler or the local workers (default 10)")


def _seconds(s):
    try:
        v = float(s)
    except ValueError:
        raise argparse.ArgumentTypeError("a number of seconds, not %r" % s) from None
    if not v > 0 or v == float("inf"):  # NaN fails v > 0
        raise argparse.ArgumentTypeError("a number of seconds above 0, not %r" % s)
    return v


def _positive(s):
    try:
        v = int(s)
    except ValueError:
        raise argparse.ArgumentTypeError("a whole number, not %r" % s) from None
    if v < 1:
        raise argparse.ArgumentTypeError("at least 1, not %d" % v)
    return v


def _count(s, most=None):
    try:
        v = int(s)
    except ValueError:
        raise argparse.ArgumentTypeError("a whole number, not %r" % s) from None
    if v < 0:
        raise argparse.ArgumentTypeError("0 or more, not %d" % v)
    if most is not None and v > most:
        raise argparse.ArgumentTypeError("a whole number from 0 to %d, not %d" % (most, v))
    return v


def _hits(s):
    # byline-search's limits, so that the same -n and --offset work in both
    return _count(s, 100000)


def _offset(s):
    return _count(s, 1000000)


def _utf8_column(text):
    """0 when text (an argument, decoded with surrogateescape as Python
    decodes argv) is valid UTF-8, else the 1-based byte column of the
    first byte that is not, as byline-search counts it."""
    b = os.fsencode(text)
    try:
        b.decode("utf-8")
        return 0
    except UnicodeDecodeError as e:
        return e.start + 1


def _parser():
    p = argparse.ArgumentParser(
        prog="byline-cluster",
        description="Byline indexes sharded over a Dask cluster, searched as one index "
                    "(docs/SCALING.md).")
    p.add_argument("-V", "--version", action="store_true",
                   help="print the version of Byline and exit")
    sub = p.add_subparsers(dest="cmd", metavar="COMMAND")
    sub.required = False  # main() asks for one unless -V was given
    for name, helptext in (("build", "build a new cluster of N shards from news dumps"),
                           ("add", "add news dumps to a cluster (replacing articles by id)")):
        b = sub.add_parser(name, help=helptext)
        _common(b)
        if name == "build":
            b.add_argument("--shards", type=_positive, required=True, metavar="N",
                           help="number of shards; articles go to shards by a hash of their id")
        b.add_argument("--format", default="auto",
                       choices=["auto", "jsonl", "trec", "reuters", "text"],
                       help="format of the sources (default auto: detected file by file)")
        b.add_argument("--id-prefix", metavar="P",
                       help="put P before every id, so that dumps whose ids clash can share "
                            "a cluster")
        b.add_argument("--source", metavar="NAME",
                       help="the source of every article that names none")
        b.add_argument("--date-order", default="auto", choices=["auto", "mdy", "dmy"],
                       help="how 11/07/2025 reads: by the evidence of the other dates "
                            "(auto, as byline-index), or always month or day first")
        b.add_argument("--mem", type=_positive, metavar="MIB",
                       help="memory budget of each shard's writer, MiB (default 256)")
        b.add_argument("-q", "--quiet", action="store_true", help="no warning per record")
        b.add_argument("sources", nargs="+", metavar="SOURCE",
                       help="files, directories or .gz dumps, as byline-index reads them")
    d = sub.add_parser("delete", help="delete articles by id, each from the shard owning it")
    _common(d)
    d.add_argument("ids", nargs="+", metavar="ID", help="ids of the articles to delete")
    s = sub.add_parser("search", help="search the shards as one index")
    _common(s)
    s.add_argument("-n", "-k", "--limit", dest="k", type=_hits, default=10, metavar="N",
                   help="hits to show (default 10, at most 100000)")
    s.add_argument("--offset", type=_offset, default=0, metavar="N",
                   help="hits to skip first, for paging (at most 1000000)")
    s.add_argument("--and", dest="all_required", action="store_true",
                   help="every plain word must match")
    s.add_argument("--count", action="store_true", help="print only the number of matches")
    s.add_argument("--names", action="store_true",
                   help="the most frequent names of the matches (of all articles without QUERY)")
    s.add_argument("--json", action="store_true", help="one JSON object, for scripts")
    s.add_argument("--since", metavar="DATE", help="only articles dated on or after DATE")
    s.add_argument("--until", metavar="DATE", help="only articles dated on or before DATE")
    s.add_argument("--sort", choices=["relevance", "score", "date", "-date"], default="score",
                   help="best first (default), oldest first or newest first")
    s.add_argument("--k1", type=float, help="BM25 k1 (default 1.0)")
    s.add_argument("--b", type=float, help="BM25 b (default 0.6)")
    s.add_argument("--collapse", nargs="?", const="best", choices=["best", "oldest"],
                   help="show near-duplicates once, by the best-ranked or the oldest copy, "
                        "with a count of the others; --count then counts stories (the "
                        "clusters of every shard together, as one index)")
    s.add_argument("--prf", type=_count, default=0, metavar="N",
                   help="refused: feedback cannot be exact across shards")
    s.add_argument("--no-snippets", action="store_true", help="titles only, no snippet")
    s.add_argument("--partial", action="store_true",
                   help="leave out shards that give no answer, and say which")
    s.add_argument("query", nargs="*", metavar="QUERY", help="byline-search's query syntax")
    r = sub.add_parser("relabel", help="find the near-duplicate clusters of every shard "
                                       "together again (build, add and delete do it)")
    _common(r)
    i = sub.add_parser("info", help="what every shard holds")
    _common(i)
    i.add_argument("--json", action="store_true", help="one JSON object, for scripts")
    return p


def _err(msg):
    print("byline-cluster: %s" % msg, file=sys.stderr)


def _date(h):
    return h.date.strftime("%Y-%m-%d") if h.date else "----------"


def _print_hits(res, args, out):
    if args.json:
        obj = {"total": res.total, "partial": res.partial,
               "missing": ["shard-%03d" % i for i in sorted(res.missing)],
               "hits": [{"rank": h.rank, "id": h.id, "score": h.score, "title": h.title,
                         "date": h.date.strftime("%Y-%m-%dT%H:%M:%SZ") if h.date else None,
                         "author": h.author, "source": h.source, "url": h.url,
                         "shard": sh, "similar": h.similar,
                         "snippet": h.snippet.text if h.snippet else None,
                         "matches": [list(x) for x in h.snippet.spans] if h.snippet else []}
                        for h, sh in zip(res, res.shards)]}
        print(json.dumps(obj, ensure_ascii=False), file=out)
        return
    if res.partial:
        print("PARTIAL: shards missing: %s" % ", ".join(
            "shard-%03d (%s)" % (i, why) for i, why in sorted(res.missing.items())), file=out)
    if args.collapse:
        print("%d stor%s" % (res.total, "y" if res.total == 1 else "ies"), file=out)
    else:
        print("%d match%s" % (res.total, "" if res.total == 1 else "es"), file=out)
    for h, sh in zip(res, res.shards):
        print("%2d. %8.4f  %s  %s%s" % (h.rank, h.score, _date(h), h.title or "(no title)",
                                      "  (+%d similar)" % h.similar if args.collapse and
                                      h.similar else ""), file=out)
        print("    %s  ·  %s  ·  shard-%03d" % (h.id, "  ·  ".join(x for x in (h.author, h.source) if x) or "-", sh), file=out)
        if h.snippet and h.snippet.text:
            print("    " + h.snippet.highlight("[", "]").replace("\n", " "), file=out)


def _search(args, client, out):
    from . import dfs
    c = dfs.Cluster(client, args.root, partial=args.partial,
                    timeout=args.timeout if args.timeout is not None else 60)
    query = " ".join(args.query)
    filters = {"since": args.since, "until": args.until,
               "all_required": args.all_required or None}
    if args.names:
        names, missing = c.names(query if query.strip() else None, k=args.k, **filters)
        if args.json:
            print(json.dumps({"names": names, "partial": bool(missing),
                              "missing": ["shard-%03d" % i for i in sorted(missing)]},
                             ensure_ascii=False), file=out)
        else:
            if missing:
                print("PARTIAL: shards missing: %s" % ", ".join(
                    "shard-%03d (%s)" % (i, why) for i, why in sorted(missing.items())),
                    file=out)
            for x in names:
                print("%8d  %s" % (x["articles"], x["name"]), file=out)
        return 0 if names else 1
    if not query.strip():
        _err("no query given (byline-cluster search --root DIR QUERY)")
        return USAGE_EXIT
    opts = dict(filters, sort=None if args.sort in ("score", "relevance") else args.sort,
                k1=args.k1, b=args.b)
    if args.count:
        r = c.search(query, k=0, snippets=False, collapse=args.collapse, prf=args.prf, **opts)
        if args.json:
            print(json.dumps({"total": r.total, "partial": r.partial,
                              "missing": ["shard-%03d" % i for i in sorted(r.missing)]}),
                  file=out)
        else:
            if r.partial:
                print("PARTIAL: shards missing: %s" % ", ".join(
                    "shard-%03d (%s)" % (i, why) for i, why in sorted(r.missing.items())),
                    file=out)
            print(r.total, file=out)
        return 0 if r.total else 1
    r = c.search(query, k=args.k, offset=args.offset, collapse=args.collapse, prf=args.prf,
                 snippets=not args.no_snippets, **opts)
    _print_hits(r, args, out)
    return 0 if r.total else 1


def _report(rep, quiet, err):
    for w in rep["warnings"] if not quiet else []:
        print("%s:%d: offset %d: %s: %s%s" % (w[0], w[1], w[2], w[5], w[3],
                                               " (%s)" % w[4] if w[4] else ""), file=err)
    for f in rep["failures"]:
        print("byline-cluster: %s: %s" % ("left out" if f[2] else "not read", f[1]), file=err)


def _write(args, client, out):
    from . import writes
    opts = {"format": args.format, "id_prefix": args.id_prefix, "source": args.source,
            "date_order": args.date_order,
            "mem": args.mem << 20 if args.mem else None}
    if args.cmd == "build":
        rep, missing = writes.build(client, args.root, args.shards, args.sources, opts,
                                    args.timeout)
    else:
        rep, missing = writes.add(client, args.root, args.sources, opts, args.timeout)
    _report(rep, args.quiet, sys.stderr)
    added = rep["added"]
    skipped = sum(rep["skipped"].values())
    print("%d articles %s in %d shards (%s); %d records read, %d skipped" % (
        sum(added.values()), "indexed" if args.cmd == "build" else "added", len(added),
        " ".join("%d" % added[i] for i in sorted(added)), rep["records"], skipped), file=out)
    if rep.get("replaced"):
        # as byline-index says it: these articles replaced older versions
        # of the same id, so the cluster did not grow by them
        print("%d older version%s replaced (same id)" % (
            rep["replaced"], "" if rep["replaced"] == 1 else "s"), file=out)
    if missing:
        raise _ShardError(missing, "%s: shards failed" % args.cmd)
    return 1 if rep["failures"] else 0


class _ShardError(Exception):
    def __init__(self, missing, what):
        self.missing = missing
        super().__init__("%s: %s" % (what, "; ".join("shard-%03d: %s" % (i, w)
                                                      for i, w in sorted(missing.items()))))


def _delete(args, client, out):
    from . import writes
    found, missing = writes.delete(client, args.root, args.ids, args.timeout)
    print("%d of %d ids deleted" % (len(found), len(args.ids)), file=out)
    for i in args.ids:
        if i not in found:
            print("byline-cluster: not found: %s" % i, file=sys.stderr)
    if missing:
        raise _ShardError(missing, "delete: shards failed")
    return 0 if len(found) == len(args.ids) else 1


def _relabel(args, client, out):
    from . import writes
    r = writes.relabel(client, args.root, args.timeout)
    print("%d articles in %d clusters of near-duplicates (%.2f s of clustering)"
          % (r["sketches"], r["clusters"], r["seconds"]), file=out)
    return 0


def _info(args, client, out):
    from . import dfs
    m, got, missing = dfs.info(client, args.root, timeout=args.timeout or 60)
    if args.json:
        print(json.dumps({"manifest": m, "shards": {"shard-%03d" % i: got[i] for i in
                                                    sorted(got)}}), file=out)
    else:
        print("%d shards, generation %d, rule %s" % (m["shards"], m["generation"], m["rule"]),
              file=out)
        for i in sorted(got):
            print("shard-%03d  %10d articles  %12d bytes  %d segments"
                  % (i, got[i]["articles"], got[i]["bytes"], got[i]["segments"]), file=out)
    return 0


def main(argv=None, out=None):
    out = out or sys.stdout
    parser = _parser()
    argv = list(sys.argv[1:] if argv is None else argv)
    # "--collapse oil" means what byline-search's --collapse[=MODE] means:
    # collapse (best) and search oil, not a mode named "oil"; "--sort
    # -date" is taken as byline-search takes it (argparse would read
    # "-date" as an option)
    fixed, j = [], 0
    while j < len(argv):
        a = argv[j]
        if a == "--":
            fixed += argv[j:]
            break
        if a == "--collapse" and (j + 1 == len(argv) or argv[j + 1] not in ("best", "oldest")):
            a = "--collapse=best"
        elif a == "--sort" and j + 1 < len(argv) and argv[j + 1] == "-date":
            a = "--sort=-date"
            j += 1
        fixed.append(a)
        j += 1
    argv = fixed
    args = parser.parse_args(argv)
    import byline
    if args.version:
        print("byline-cluster %s" % byline.version(), file=out)
        return 0
    if not args.cmd:
        parser.error("a COMMAND is required (build, add, delete, search, relabel, info)")
    try:
        import distributed  # noqa: F401  (what every command needs)
    except ImportError:
        _err("this Python (%s) has no Dask: install it (Debian: apt-get install "
             "python3-distributed) or run byline-cluster with a Python that has it"
             % sys.executable)
        return SHARD_EXIT
    from . import dfs, fanout, manifest
    if args.cmd == "search":
        col = _utf8_column(" ".join(args.query))
        if col:
            _err("bad query: column %d: the query is not valid UTF-8" % col)
            return USAGE_EXIT
    if args.cmd == "delete":
        for i in args.ids:
            if _utf8_column(i):
                _err("id '%s' is not valid UTF-8 (byte %d): no article has such an id"
                     % (os.fsencode(i).decode("utf-8", "backslashreplace"), _utf8_column(i)))
                return USAGE_EXIT
    if args.cmd == "search" and not args.count and not args.names and not args.query:
        _err("no query given (byline-cluster search --root DIR QUERY)")
        return USAGE_EXIT
    if args.cmd != "build" and not os.path.isdir(args.root):
        _err("%s: no such directory" % args.root)
        return SHARD_EXIT
    try:
        client, cluster = _client(args, 1 if args.cmd in ("build", "add") else 2)
    except (OSError, TimeoutError, ValueError, TypeError) as e:
        # ValueError/TypeError: an address Dask cannot read ("garbage")
        _err("cannot reach the Dask scheduler %s: %s (give --scheduler tcp://HOST:PORT)"
             % (args.scheduler, e))
        return SHARD_EXIT
    try:
        if args.cmd == "search":
            return _search(args, client, out)
        if args.cmd in ("build", "add"):
            return _write(args, client, out)
        if args.cmd == "delete":
            return _delete(args, client, out)
        if args.cmd == "relabel":
            return _relabel(args, client, out)
        return _info(args, client, out)
    except (dfs.Refused, byline.ParseError, byline.InvalidArgument, byline.LimitExceeded,
            ValueError) as e:
        _err(str(e))
        return USAGE_EXIT
    except (fanout.ShardFailure, _ShardError, manifest.ManifestError) as e:
        _err(str(e))
        return SHARD_EXIT
    except byline.Error as e:
        _err(str(e))
        return SHARD_EXIT
    finally:
        client.close()
        if cluster:
            cluster.close()
