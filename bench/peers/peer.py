#!/usr/bin/env python3
"""peer.py - the peers Byline is measured against: Xapian and SQLite FTS5.

Benchmark scripts only: neither library is ever linked into Byline.  Install
them with bench/peers/setup.sh (Debian: python3-xapian; the sqlite3 module of
Debian's python3 has FTS5).

    peer.py check  ENGINE                      exit 0 if ENGINE can run here
    peer.py build  ENGINE CORPUS.jsonl.gz DB [--name NAME]
    peer.py query  ENGINE DB LOG --mode or|and|phrase [--runs 5] [-k 10]
                   [--corpus NAME]
    peer.py batch  ENGINE DB QUERIES.tsv [--depth 1000]   TREC run to stdout
    peer.py first  ENGINE DB QUERY...           open, search once, print top 10

ENGINE is xapian or fts5.  Each measurement prints one line, like the C
programs in bench/.

How each engine is used (what a typical user would write):

  Xapian 1.4 (python3-xapian): one document per article; TermGenerator with
  the English stemmer (Stem("en"), default STEM_SOME strategy, positions
  kept, no stopper); the title is indexed with wdf increment 2, then the
  term position is bumped and the text indexed with 1 (the same 2:1 title
  weight Byline and FTS5 use); the data is the JSON of id/title/text (so it
  can show an article, as Byline's and FTS5's stores can); value 0 and a
  boolean term Q<id> hold the id.  Committed once at the end; index size is
  the bytes of every file in the database directory.  Queries go through
  QueryParser (English stemmer, STEM_SOME, FLAG_DEFAULT: phrase, boolean,
  love/hate) with default_op OP_OR ("or" log) or OP_AND ("and" log); the
  phrase log is parsed as given (its quotes make a phrase).  Ranking: the
  default BM25Weight (k1 1, k2 0, k3 1, b 0.5, min_normlen 0.5).

  SQLite FTS5 (sqlite3 module): CREATE VIRTUAL TABLE docs USING fts5(id
  UNINDEXED, title, body, tokenize='porter unicode61'); all rows inserted in
  one transaction, rank configured as bm25(0, 2, 1) (title weight 2), then
  'optimize' (merging the b-trees, as the FTS5 manual recommends for a
  static index) before commit; index size is the database file.  Queries:
  each word is quoted ("word") and the words joined with OR ("or" log) or
  AND ("and" log); the phrase log becomes one quoted phrase.  SELECT rowid
  ... WHERE docs MATCH ? ORDER BY rank LIMIT k.

Query timing is the same procedure as bench/query_latency.c: one untimed
pass over the log, then RUNS timed passes; each query is timed with
time.perf_counter_ns (CLOCK_MONOTONIC) from the query string to the list of
top-k internal document numbers; per query the median over runs, then
nearest-rank p50/p95/p99 over queries; QPS = queries / median pass time.
floor_us is the median of 201 runs of the query "qxzvjq" (no document has
it): the fixed cost of one query, mostly the Python binding's here.
The Python call overhead (about a microsecond a call) is inside the numbers.
"""
import json
import os
import resource
import sys
import time

sys.dont_write_bytecode = True  # keep bench/lib free of __pycache__
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from querytext import read_corpus, plain_words  # noqa: E402


def die(msg, code=2):
    sys.stderr.write("peer.py: %s\n" % msg)
    sys.exit(code)


def dir_size(path):
    if os.path.isfile(path):
        return os.path.getsize(path)
    total = 0
    for root, _dirs, files in os.walk(path):
        for f in files:
            total += os.path.getsize(os.path.join(root, f))
    return total


def nearest_rank(sorted_v, p):
    if not sorted_v:
        return 0.0
    import math
    r = max(1, min(len(sorted_v), int(math.ceil(p * len(sorted_v)))))
    return sorted_v[r - 1]


def median(v):
    s = sorted(v)
    n = len(s)
    if n == 0:
        return 0.0
    return s[n // 2] if n % 2 else (s[n // 2 - 1] + s[n // 2]) / 2


def read_log(path):
    with open(path, encoding="utf-8") as f:
        return [ln.rstrip("\r\n") for ln in f if ln.strip()]


# ---- Xapian ----

class Xapian:
    name = "xapian"

    def __init__(self):
        import xapian
        self.x = xapian

    def build(self, corpus, db):
        x = self.x
        wdb = x.WritableDatabase(db, x.DB_CREATE_OR_OVERWRITE)
        tg = x.TermGenerator()
        tg.set_stemmer(x.Stem("en"))
        n = 0
        for docid, title, text in read_corpus(corpus):
            doc = x.Document()
            tg.set_document(doc)
            tg.index_text(title, 2)
            tg.increase_termpos()
            tg.index_text(text)
            doc.set_data(json.dumps({"id": docid, "title": title, "text": text}))
            doc.add_value(0, docid)
            doc.add_boolean_term("Q" + docid)
            wdb.add_document(doc)
            n += 1
        wdb.commit()
        wdb.close()
        return n

    def open(self, db):
        x = self.x
        self.db = x.Database(db)
        self.enq = x.Enquire(self.db)
        self.qp = {}
        for mode, op in (("or", x.Query.OP_OR), ("and", x.Query.OP_AND), ("phrase", x.Query.OP_OR)):
            qp = x.QueryParser()
            qp.set_stemmer(x.Stem("en"))
            qp.set_stemming_strategy(x.QueryParser.STEM_SOME)
            qp.set_database(self.db)
            qp.set_default_op(op)
            self.qp[mode] = qp

    def prepare(self, q, mode):
        return q  # QueryParser takes the text as a user typed it

    def search(self, q, mode, k):
        query = self.qp[mode].parse_query(q, self.x.QueryParser.FLAG_DEFAULT)
        self.enq.set_query(query)
        return [m.docid for m in self.enq.get_mset(0, k)]

    def search_ids(self, q, mode, k):
        query = self.qp[mode].parse_query(q, self.x.QueryParser.FLAG_DEFAULT)
        self.enq.set_query(query)
        return [(m.document.get_value(0).decode("utf-8"), m.weight)
                for m in self.enq.get_mset(0, k)]


# ---- SQLite FTS5 ----

class Fts5:
    name = "fts5"

    def __init__(self):
        import sqlite3
        self.sq = sqlite3
        c = sqlite3.connect(":memory:")
        c.execute("CREATE VIRTUAL TABLE t USING fts5(x, tokenize='porter unicode61')")
        c.close()

    def build(self, corpus, db):
        if os.path.exists(db):
            os.remove(db)
        c = self.sq.connect(db)
        c.execute("CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title, body, "
                  "tokenize='porter unicode61')")
        n = 0
        with c:
            def rows():
                nonlocal n
                for docid, title, text in read_corpus(corpus):
                    n += 1
                    yield (docid, title, text)
            c.executemany("INSERT INTO docs(id, title, body) VALUES (?, ?, ?)", rows())
            c.execute("INSERT INTO docs(docs, rank) VALUES ('rank', 'bm25(0.0, 2.0, 1.0)')")
            c.execute("INSERT INTO docs(docs) VALUES ('optimize')")
        c.close()
        return n

    def open(self, db):
        self.c = self.sq.connect(db)

    @staticmethod
    def _quote(w):
        return '"' + w.replace('"', "") + '"'

    def prepare(self, q, mode):
        """The FTS5 MATCH expression for a log line (quotes each word)."""
        words = plain_words(q)
        if not words:
            return None
        if mode == "phrase":
            return '"' + " ".join(w.replace('"', "") for w in words) + '"'
        return (" AND " if mode == "and" else " OR ").join(self._quote(w) for w in words)

    def search(self, expr, mode, k):
        if expr is None:
            return []
        cur = self.c.execute("SELECT rowid FROM docs WHERE docs MATCH ? ORDER BY rank LIMIT ?",
                             (expr, k))
        return [r[0] for r in cur]

    def search_ids(self, q, mode, k):
        expr = self.prepare(q, mode)
        if expr is None:
            return []
        cur = self.c.execute("SELECT id, rank FROM docs WHERE docs MATCH ? ORDER BY rank LIMIT ?",
                             (expr, k))
        return [(r[0], -r[1]) for r in cur]


ENGINES = {"xapian": Xapian, "fts5": Fts5}


def engine(name):
    if name not in ENGINES:
        die("unknown engine %r (xapian or fts5)" % name)
    try:
        return ENGINES[name]()
    except Exception as e:  # ImportError, missing FTS5
        die("%s is not available here: %s (run bench/peers/setup.sh)" % (name, e), 3)


def opt(args, name, default):
    if name in args:
        i = args.index(name)
        v = args[i + 1]
        del args[i:i + 2]
        return v
    return default


def cmd_build(args):
    name = opt(args, "--name", None)
    e = engine(args[0])
    corpus, db = args[1], args[2]
    name = name or os.path.basename(corpus).split(".")[0]
    t0 = time.perf_counter()
    n = e.build(corpus, db)
    secs = time.perf_counter() - t0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print("bench=build engine=%s corpus=%s docs=%d seconds=%.3f index_bytes=%d peak_rss_kb=%d"
          % (e.name, name, n, secs, dir_size(db), rss), flush=True)


def cmd_query(args):
    mode = opt(args, "--mode", "or")
    runs = int(opt(args, "--runs", "5"))
    k = int(opt(args, "-k", "10"))
    corpus = opt(args, "--corpus", "unknown")
    e = engine(args[0])
    db, log = args[1], args[2]
    qs = read_log(log)
    t0 = time.perf_counter_ns()
    e.open(db)
    open_us = (time.perf_counter_ns() - t0) / 1e3
    now = time.perf_counter_ns
    ok, prepared, errors, matched = [], [], 0, 0
    for i, q in enumerate(qs):  # warm-up pass, untimed
        try:
            p = e.prepare(q, mode)
            hits = e.search(p, mode, k)
            ok.append(i)
            prepared.append(q)
            matched += 1 if hits else 0
        except Exception as ex:
            errors += 1
            sys.stderr.write("peer.py: %s query %d %r: %s\n" % (e.name, i + 1, q, ex))
    lat = [[0.0] * runs for _ in ok]
    wall = []
    for r in range(runs):
        w0 = now()
        for j, q in enumerate(prepared):
            t = now()
            e.search(e.prepare(q, mode), mode, k)
            lat[j][r] = (now() - t) / 1e3
        wall.append((now() - w0) / 1e9)
    floor = []
    for _ in range(201):  # fixed cost: a word no document has
        t = now()
        e.search(e.prepare("qxzvjq", mode), mode, k)
        floor.append((now() - t) / 1e3)
    per = sorted(median(v) for v in lat)
    n = len(per)
    wm = median(wall)
    print("bench=query engine=%s corpus=%s log=%s mode=%s count=topk n=%d runs=%d k=%d p50_us=%.1f "
          "p95_us=%.1f p99_us=%.1f mean_us=%.1f qps=%.0f open_us=%.0f floor_us=%.1f matched=%d "
          "errors=%d"
          % (e.name, corpus, os.path.splitext(os.path.basename(log))[0], mode, n, runs, k,
             nearest_rank(per, .50), nearest_rank(per, .95), nearest_rank(per, .99),
             sum(per) / n if n else 0, n / wm if wm else 0, open_us, median(floor), matched,
             errors),
          flush=True)


def cmd_batch(args):
    depth = int(opt(args, "--depth", "1000"))
    mode = opt(args, "--mode", "or")
    e = engine(args[0])
    db, path = args[1], args[2]
    e.open(db)
    out = sys.stdout
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\r\n")
            if not line.strip():
                continue
            qid, _, q = line.partition("\t")
            try:
                hits = e.search_ids(q, mode, depth)
            except Exception as ex:
                sys.stderr.write("peer.py: %s query %s %r: %s\n" % (e.name, qid, q, ex))
                continue
            for rank, (docid, score) in enumerate(hits, 1):
                out.write("%s Q0 %s %d %.6f %s\n" % (qid, docid, rank, score, e.name))


def cmd_first(args):
    e = engine(args[0])
    e.open(args[1])
    for docid, score in e.search_ids(" ".join(args[2:]), "or", 10):
        print(docid, "%.4f" % score)


def main(argv):
    if len(argv) < 2:
        sys.stderr.write(__doc__)
        return 2
    cmd, args = argv[0], argv[1:]
    if cmd == "check":
        engine(args[0])
        return 0
    fn = {"build": cmd_build, "query": cmd_query, "batch": cmd_batch, "first": cmd_first}.get(cmd)
    if not fn:
        die("unknown command %r" % cmd)
    fn(args)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
