#!/usr/bin/env python3
"""tests/test_python.py - the Python module (python/byline) over the built
libbyline.so: every search of a query list, and of generated and mutated
queries, returns through Python what `byline-search --json` prints (ids,
scores, fields, snippets, totals, errors with their column); the writer
commits on a clean exit and rolls back on an exception; articles
round-trip; threads share a collection.

Run by `make python-test` (part of make test) with BYLINE_LIB pointing at
build/common/libbyline.so.0.4.0 and BUILD at the programs' tree.
Not for: the C library's own behaviour (the Check suites test it).
"""

import datetime as dt
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
import threading
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "python"))
import byline  # noqa: E402

BUILD = os.environ.get("BUILD", "build")
SEARCH = os.path.join(ROOT, BUILD, "byline-search")
INDEX = os.path.join(ROOT, BUILD, "byline-index")
CORPUS = os.path.join(ROOT, "tests", "data", "corpus")
UTC = dt.timezone.utc

# A hand-written list: the judged topics, then the query language's shapes.
QUERIES = [line.split("\t", 1)[1].strip()
           for line in open(os.path.join(ROOT, "tests", "data", "judged.topics.tsv"), encoding="utf-8")
           if "\t" in line]
QUERIES += [
    '"Qiao Siyuan"', "qiao", "Siyuan Qiao", "ByteDance's", "ByteDance’s", "U.S. tariffs",
    "LeiFeng.com", "01.AI", "résumé", "resume", "字节跳动", "张一鸣", "Zhang Yiming", "Yiming Zhang",
    "+rotterdam strike", "strike -rotterdam", "rotterdam AND strike", "rotterdam OR semiconductor",
    "(rotterdam OR qiao) AND NOT strike", "title:benchmark", "author:raman", "source:example.org",
    "name:\"qiao siyuan\"", "bytedan*", "semicond*", "date:2025", "date:2025-10",
    "date:1987..2025-06-30 oil", "tag:crude", "\"export controls\"~3", "the", "a an the of",
    "oil prices", "crude oil", "zzzzunknownword", "", "   ", "...", "!!!", "semiconductor??",
    "AT&T", "e-mail", "#ai", "@byline", "100", "2025", "ΑΘΗΝΑ", "Ελλάδα", "Ünïcödé", "😀 model",
    # broken as queries: errors with a column
    '"Qiao Siyuan', "(rotterdam OR strike", "title:", "rotterdam)", "date:2025..2024",
]

OPTION_SETS = [
    ({}, []),
    ({"k": 3, "offset": 2}, ["-n", "3", "--offset", "2"]),
    ({"k": 20, "sort": "date"}, ["-n", "20", "--sort", "date"]),
    ({"k": 20, "sort": "-date"}, ["-n", "20", "--sort", "-date"]),
    ({"since": "2025-01-01", "until": "2025-10-14"}, ["--since", "2025-01-01", "--until", "2025-10-14"]),
    ({"collapse": "best"}, ["--collapse", "best"]),
    ({"collapse": "oldest", "k": 4}, ["--collapse", "oldest", "-n", "4"]),
    ({"all_required": True}, ["--and"]),
    ({"k1": 1.5, "b": 0.3}, ["--k1", "1.5", "--b", "0.3"]),
]


def cli(index_args, query, args):
    """byline-search --json's hits (dicts), or ("error", message) when it
    exits 2 (a bad query)."""
    p = subprocess.run([SEARCH] + index_args + ["--json"] + args + ["--", query],
                       capture_output=True, text=True)
    if p.returncode == 2:
        return ("error", p.stderr.strip())
    if p.returncode not in (0, 1):
        raise AssertionError("byline-search %r %r: exit %d: %s" % (args, query, p.returncode, p.stderr))
    return [json.loads(l) for l in p.stdout.splitlines() if l.strip()]


def cli_args(opts, extra):
    return extra if "collapse" in opts else ["--no-collapse"] + extra


def iso(d):
    return d.strftime("%Y-%m-%dT%H:%M:%SZ") if d else ""


class Base(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="byline-py-")
        cls.ix = os.path.join(cls.tmp, "ix")
        subprocess.run([INDEX, "build", "-q", "-i", cls.ix, CORPUS], check=True,
                       stderr=subprocess.DEVNULL)
        cls.c = byline.open(cls.ix)

    @classmethod
    def tearDownClass(cls):
        cls.c.close()
        shutil.rmtree(cls.tmp)

    def assertSameAsCli(self, coll, index_args, query, opts, extra):
        want = cli(index_args, query, cli_args(opts, extra))
        where = "query %r, options %r" % (query, opts)
        if isinstance(want, tuple):
            with self.assertRaises(byline.ParseError, msg=where) as e:
                coll.search(query, **opts)
            # byline-search: bad query: column 1: unbalanced quote: ...
            self.assertIn(e.exception.message, want[1], where)
            m = re.search(r"\bcolumn (\d+):", want[1])
            self.assertEqual(e.exception.column, int(m.group(1)) if m else None, where)
            return "error"
        got = coll.search(query, snippet_chars=160, **opts)  # byline-search's length
        bare = coll.search(query, fields=False, **opts)
        self.assertEqual([(h.rank, h.id, h.score) for h in bare],
                         [(h.rank, h.id, h.score) for h in got], where)
        self.assertEqual(bare.total, got.total, where)
        self.assertEqual([h.id for h in got], [w["id"] for w in want], where)
        if want:
            self.assertEqual(got.total, want[0]["total"], where)
        for h, w in zip(got, want):
            self.assertEqual(h.rank, w["rank"], where)
            self.assertAlmostEqual(h.score, w["score"], delta=1e-9 * max(1.0, abs(w["score"])), msg=where)
            self.assertEqual((h.title, iso(h.date), h.author, h.source, h.url, h.similar),
                             (w["title"], w["date"], w["author"], w["source"], w["url"], w.get("similar", 0)),
                             where)
            self.assertEqual(h.snippet.text, w["snippet"], where)
            raw = h.snippet.text.encode("utf-8")
            spans = [[len(h.snippet.text[:s].encode("utf-8")), len(h.snippet.text[:e].encode("utf-8"))]
                     for s, e in h.snippet.spans]
            self.assertEqual(spans, w["matches"], where)
            for s, e in spans:  # byte spans fall on character boundaries
                raw[s:e].decode("utf-8")
        return "hits" if want else "none"


class TestSearchEqualsCli(Base):
    def test_query_list(self):
        """Every query of the list, with every option set, as the CLI."""
        for q in QUERIES:
            for opts, extra in OPTION_SETS:
                self.assertSameAsCli(self.c, ["-i", self.ix], q, opts, extra)

    def test_generated_queries(self):
        """Seeded random queries from the corpus's words, and mutations of
        them (quotes, brackets, operators, fields, stars, odd bytes): the
        same hits or the same error as the CLI, never a crash."""
        rnd = random.Random(15)
        words = set()
        for q in QUERIES:
            words.update(w for w in q.replace('"', " ").split() if w.isalpha())
        for h in self.c.search("the OR a OR of OR and OR in", k=40, snippets=False):
            words.update(w.strip(".,;:'’") for w in self.c.article(h.id)["body"].split()[:40])
        words = sorted(w for w in words if w)
        junk = ['"', "(", ")", "+", "-", "*", ":", "title:", "AND", "OR", "NOT", "~2", "..",
                "date:", "\\", "'", "’", "é", "字", "\u200b", "\ufeff", "\t", "  ", "name:"]
        seen = {"hits": 0, "none": 0, "error": 0}
        for _ in range(150):
            toks = [rnd.choice(words) for _ in range(rnd.randint(1, 4))]
            for _ in range(rnd.randint(0, 3)):
                toks.insert(rnd.randint(0, len(toks)), rnd.choice(junk))
            q = (" " if rnd.random() < 0.7 else "").join(toks)
            opts, extra = rnd.choice(OPTION_SETS)
            seen[self.assertSameAsCli(self.c, ["-i", self.ix], q, opts, extra)] += 1
        # the generator reaches hits and errors alike
        self.assertGreater(seen["hits"], 50, seen)
        self.assertGreater(seen["error"], 5, seen)

    def test_several_indexes(self):
        """open([a, b]) is byline-search -i a -i b (statistics summed)."""
        a, b = os.path.join(self.tmp, "a"), os.path.join(self.tmp, "b")
        if not os.path.exists(a):
            subprocess.run([INDEX, "build", "-q", "-i", a, os.path.join(CORPUS, "feed.jsonl")],
                           check=True, stderr=subprocess.DEVNULL)
            subprocess.run([INDEX, "build", "-q", "-i", b, os.path.join(CORPUS, "syndicated.jsonl"),
                            os.path.join(CORPUS, "text")], check=True, stderr=subprocess.DEVNULL)
        with byline.open([a, b]) as both:
            self.assertEqual(both.info()["indexes"], 2)
            for q in QUERIES[:30]:
                for opts, extra in OPTION_SETS[:3]:
                    self.assertSameAsCli(both, ["-i", a, "-i", b], q, opts, extra)


class TestReading(Base):
    def test_article_equals_show(self):
        for h in self.c.search("the OR a OR of", k=50, snippets=False):
            p = subprocess.run([SEARCH, "-i", self.ix, "--json", "--show", h.id],
                               capture_output=True, text=True, check=True)
            w = json.loads(p.stdout)
            a = self.c.article(h.id)
            self.assertEqual((a["id"], a["title"], a["body"], a["author"], a["source"], a["url"],
                              iso(a["date"])),
                             (w["id"], w["title"], w["text"], w["author"], w["source"], w["url"],
                              w["date"]), h.id)

    def test_names_equal_cli(self):
        for q in [None, "yiming zhang", "rotterdam strike", "oil", "zzzzunknownword"]:
            for k in (1, 3, 10):
                p = subprocess.run([SEARCH, "-i", self.ix, "--names", "-n", str(k), "--json"] +
                                   ([q] if q else []), capture_output=True, text=True)
                want = [json.loads(l) for l in p.stdout.splitlines()]
                self.assertEqual(self.c.names(q, k=k), want, (q, k))
        self.assertTrue(self.c.names(k=3))

    def test_names_huge_k_is_all(self):
        """A k past what the index holds lists every name, as a k just past
        their count does: 2**62 aborted the interpreter, 2**63-8 gave no
        name, 2**64-1 thirteen of 86, 2**61 NoMemory (round 29)."""
        for q in [None, "oil"]:
            every = self.c.names(q, k=100000)
            self.assertTrue(every, q)
            for k in (len(every), 2**61, 2**62, 2**63 - 8, 2**63, 2**64 - 1, 10**6):
                self.assertEqual(self.c.names(q, k=k), every, (q, k))
        with self.assertRaises(ValueError):
            self.c.names(k=2**64)

    def test_names_both_kinds(self):
        """places="both": the names and the places together, each typed as
        when listed apart (what a cluster's shards send to be merged)."""
        for q in [None, "oil", "rotterdam strike"]:
            who = self.c.names(q, k=500)
            where = self.c.names(q, k=500, places=True)
            both = self.c.names(q, k=1000, places="both")
            self.assertEqual(sorted((x["key"], x["articles"], x["type"]) for x in both),
                             sorted((x["key"], x["articles"], x["type"]) for x in who + where), q)
        with self.assertRaises(ValueError):
            self.c.names(places="all")

    def test_similar_equals_cli(self):
        ids = [h.id for h in self.c.search("the OR a OR of OR rotterdam", k=60, snippets=False)]
        self.assertGreater(len(ids), 20)
        seen_copies = 0
        for id in ids:
            p = subprocess.run([SEARCH, "-i", self.ix, "--similar", id, "--json"],
                               capture_output=True, text=True, check=True)
            want = [json.loads(l) for l in p.stdout.splitlines()]
            got = self.c.similar(id)
            self.assertEqual([(g["id"], g["title"], g["source"], g["url"], iso(g["date"]))
                              for g in got],
                             [(w["id"], w["title"], w["source"], w["url"], w["date"]) for w in want], id)
            for g, w in zip(got, want):
                self.assertAlmostEqual(g["resemblance"], w["resemblance"], delta=1e-12)
                self.assertAlmostEqual(g["containment"], w["containment"], delta=1e-12)
            self.assertEqual([g["id"] for g in got if g["self"]], [id])
            seen_copies += len(got) > 1
        self.assertGreater(seen_copies, 0)
        with self.assertRaises(byline.NotFound):
            self.c.similar("no-such-id")

    def test_not_found(self):
        with self.assertRaises(byline.NotFound) as e:
            self.c.article("no-such-id")
        self.assertIsInstance(e.exception, byline.Error)
        self.assertIsInstance(e.exception, LookupError)
        self.assertEqual(e.exception.code, -6)
        with self.assertRaises(byline.NotFound):
            byline.open(os.path.join(self.tmp, "missing"))

    def test_ids_and_queries_that_are_not_text(self):
        # a NUL in an id is refused, not looked up cut short at the NUL
        with self.assertRaises(ValueError) as e:
            self.c.article("nu\x00l")
        self.assertIn("NUL", str(e.exception))
        self.assertNotIsInstance(e.exception, byline.NotFound)
        # a lone surrogate in a query is a ParseError naming its column
        with self.assertRaises(byline.ParseError) as e:
            self.c.search("oil \ud800")
        self.assertEqual(e.exception.column, 5)

    def test_info_equals_stats(self):
        p = subprocess.run([SEARCH, "-i", self.ix, "--stats", "--json"], capture_output=True,
                           text=True, check=True)
        w = json.loads(p.stdout)
        i = self.c.info()
        self.assertEqual((i["articles"], i["deleted"], i["segments"], i["terms"], i["bytes"]),
                         (w["articles"], w["deleted"], w["segments"], w["terms"], w["bytes"]))
        self.assertEqual(i["first_date"].date().isoformat(), w["first_date"])
        self.assertEqual(i["last_date"].date().isoformat(), w["last_date"])
        self.assertEqual(i["indexes"], 1)

    def test_bad_arguments(self):
        for kw in ({"k": -1}, {"offset": -3}, {"k": "10"}, {"sort": "oldest"},
                   {"collapse": "newest"}, {"since": "yesterday"}, {"until": True},
                   {"k": 2 ** 64 + 3}, {"offset": 2 ** 64}, {"since": 2 ** 70}, {"k1": -1},
                   {"b": 7}, {"half_life": -5}, {"prf_weight": 2}, {"snippet_chars": -1}):
            with self.assertRaises((ValueError, TypeError), msg=kw):
                self.c.search("oil", **kw)
        with self.assertRaises(TypeError):
            self.c.search(b"oil")
        # collapse=True is no mode: refused with the modes named (it was
        # taken as "best" without a word, round 29); off is None or False
        for bad in (True, 1, 0, 2.0):
            with self.assertRaises(ValueError, msg=bad) as e:
                self.c.search("oil", collapse=bad)
            self.assertIn("'best' or 'oldest'", str(e.exception))
        self.assertEqual([h.id for h in self.c.search("oil", collapse=False)],
                         [h.id for h in self.c.search("oil")])

    def test_nul_in_query(self):
        with self.assertRaises(byline.ParseError):
            self.c.search("qiao\0 siyuan")

    def test_parse_error_column(self):
        with self.assertRaises(byline.ParseError) as e:
            self.c.search('oil "Qiao Siyuan')
        self.assertEqual(e.exception.column, 5)
        self.assertIsInstance(e.exception, ValueError)

    def test_dates_and_snippet(self):
        h = self.c.search('Qiao Siyuan', k=1)[0]  # one name: one span
        self.assertEqual(h.date, dt.datetime(2025, 10, 14, 14, 34, tzinfo=UTC))
        self.assertIn("[Qiao Siyuan]", h.snippet.highlight())
        # since/until take dates, datetimes, strings and seconds alike
        forms = [("2025-10-14", "2025-10-14"), (dt.date(2025, 10, 14), dt.date(2025, 10, 14)),
                 (dt.datetime(2025, 10, 14, tzinfo=UTC), 1760486399)]
        ids = [[x.id for x in self.c.search("qiao", since=s, until=u)] for s, u in forms]
        self.assertEqual(ids[0], ids[1])
        self.assertEqual(ids[0], ids[2])
        self.assertIn(h.id, ids[0])
        # a year or a month, as byline-search takes them: whole periods
        for (s, u), (s2, u2) in [(("2025", "2025"), ("2025-01-01", "2025-12-31")),
                                 (("2025-10", "2025-10"), ("2025-10-01", "2025-10-31")),
                                 (("2024-02", "2024-02"), ("2024-02-01", "2024-02-29"))]:
            self.assertEqual([x.id for x in self.c.search("qiao", since=s, until=u)],
                             [x.id for x in self.c.search("qiao", since=s2, until=u2)])
        for bad in ("2025-13", "0000", "2025-1"):
            with self.assertRaises(ValueError):
                self.c.search("qiao", since=bad)

    def test_threads(self):
        """Threads share one collection (each its own searcher) and get
        what one thread gets."""
        want = {q: [(h.id, h.score) for h in self.c.search(q, k=20)] for q in QUERIES[:20]}
        errors = []

        def work(seed):
            rnd = random.Random(seed)
            try:
                for _ in range(60):
                    q = rnd.choice(QUERIES[:20])
                    got = [(h.id, h.score) for h in self.c.search(q, k=20)]
                    if got != want[q]:
                        errors.append((q, got))
            except Exception as e:  # noqa: BLE001 - reported below
                errors.append(e)

        ts = [threading.Thread(target=work, args=(i,)) for i in range(4)]
        for t in ts:
            t.start()
        for t in ts:
            t.join()
        self.assertEqual(errors, [])

    def test_closed(self):
        c = byline.open(self.ix)
        c.close()
        c.close()
        with self.assertRaises(ValueError):
            c.search("oil")


    def test_close_under_searches(self):
        """close() while other threads search: it waits for the calls under
        way and the later ones raise ValueError.  It freed the searchers
        under them, and the process died of a segfault (run in a child, so
        that a crash fails this test instead of ending the run)."""
        code = textwrap.dedent("""
            import sys, threading, time
            import byline
            for trial in range(20):
                c = byline.open(sys.argv[1])
                errs = []
                def work():
                    try:
                        for _ in range(100):
                            c.search("oil OR qiao OR the", k=20)
                            c.article(c.search("oil", k=1, fields=False)[0].id)
                            c.names("oil", k=3)
                    except ValueError as e:
                        errs.append(str(e))
                ts = [threading.Thread(target=work) for _ in range(3)]
                for t in ts:
                    t.start()
                time.sleep(0.002 * (trial % 5))
                c.close()
                for t in ts:
                    t.join()
                assert set(errs) <= {"byline: the collection is closed"}, errs
            print("ok")
        """)
        env = dict(os.environ, PYTHONPATH=os.path.join(ROOT, "python"))
        r = subprocess.run([sys.executable, "-c", code, self.ix], env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                           timeout=600)
        self.assertEqual((r.returncode, r.stdout.strip()), (0, "ok"), r.stderr[-2000:])

class TestDocs(unittest.TestCase):
    def test_docstrings(self):
        """help(byline) documents every public class, function and method
        (the exception classes had none)."""
        import inspect
        missing = []
        for name, obj in vars(byline).items():
            if name.startswith("_") or not (inspect.isclass(obj) or inspect.isfunction(obj)):
                continue
            if getattr(obj, "__module__", "").split(".")[0] != "byline":
                continue
            if not obj.__doc__:
                missing.append(name)
            if inspect.isclass(obj):
                missing += [name + "." + m for m, f in vars(obj).items()
                            if not m.startswith("_") and callable(f) and not f.__doc__]
        self.assertEqual(missing, [])


class TestLayout(unittest.TestCase):
    def test_structures_match_byline_h(self):
        """Every ctypes structure has the size and field offsets of the C
        struct it mirrors (a field added to byline.h and not here made
        byline_search_opts_init write past the Python copy)."""
        from byline import _capi
        import ctypes
        structs = {}
        for name, obj in vars(_capi).items():
            if isinstance(obj, type) and issubclass(obj, ctypes.Structure) and obj.__doc__:
                structs[obj.__doc__.strip()] = obj
        self.assertIn("byline_search_opts", structs)
        lines = ['#include <stddef.h>', '#include <stdio.h>', '#include "byline.h"',
                 'int main(void) {']
        for cname, cls in sorted(structs.items()):
            lines.append('printf("%s %%zu\\n", sizeof(%s));' % (cname, cname))
            for f in cls._fields_:
                lines.append('printf("%s.%s %%zu\\n", offsetof(%s, %s));'
                             % (cname, f[0], cname, f[0]))
        lines.append("return 0; }")
        with tempfile.TemporaryDirectory() as d:
            src, exe = os.path.join(d, "layout.c"), os.path.join(d, "layout")
            with open(src, "w") as fh:
                fh.write("\n".join(lines) + "\n")
            subprocess.run(["cc", "-I", os.path.join(ROOT, "common"), "-o", exe, src],
                           check=True)
            out = subprocess.run([exe], check=True, capture_output=True, text=True).stdout
        c = dict(l.rsplit(" ", 1) for l in out.splitlines())
        py = {}
        for cname, cls in structs.items():
            py[cname] = str(ctypes.sizeof(cls))
            for f in cls._fields_:
                py[cname + "." + f[0]] = str(getattr(cls, f[0]).offset)
        self.assertEqual(py, c)


class TestWriter(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="byline-pyw-")
        self.ix = os.path.join(self.tmp, "ix")

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def test_commit_and_rollback(self):
        with byline.Writer(self.ix) as w:
            w.add({"id": "a1", "title": "Port strike", "body": "Dock workers in Rotterdam strike.",
                   "date": dt.datetime(2025, 3, 1, 12, 0, tzinfo=UTC), "author": ["A. One", "B. Two"],
                   "tags": ["labour", "ports"]})
            w.add({"id": "a2", "title": "Chip rules", "body": "New semiconductor export controls.",
                   "date": "2025-03-02"})
        with byline.open(self.ix) as c:
            self.assertEqual(c.info()["articles"], 2)
            a = c.article("a1")
            self.assertEqual(a["author"], "A. One; B. Two")
            self.assertEqual(a["tags"], ["labour", "ports"])
            self.assertEqual(a["date"], dt.datetime(2025, 3, 1, 12, 0, tzinfo=UTC))
            self.assertEqual(c.article("a2")["date"], dt.datetime(2025, 3, 2, tzinfo=UTC))
        # an exception in the block: nothing of it is committed
        with self.assertRaises(RuntimeError):
            with byline.Writer(self.ix) as w:
                self.assertTrue(w.delete("a1"))
                w.add({"id": "a3", "title": "t", "body": "b"})
                raise RuntimeError("stop")
        with byline.open(self.ix) as c:
            self.assertEqual(sorted(h.id for h in c.search("strike OR semiconductor OR t")),
                             ["a1", "a2"])
        with byline.Writer(self.ix) as w:
            self.assertTrue(w.delete("a1"))
            self.assertFalse(w.delete("nope"))
        with byline.open(self.ix) as c:
            self.assertEqual(c.info()["articles"], 1)
            with self.assertRaises(byline.NotFound):
                c.article("a1")

    def test_stats(self):
        """stats() counts what the writer did; replaced versions are counted
        at the commit, when ids are resolved."""
        with byline.Writer(self.ix) as w:
            for i in range(3):
                w.add({"id": "s%d" % i, "title": "t", "body": "first"})
            st = w.stats()
            self.assertEqual((st["added"], st["replaced"], st["commits"]), (3, 0, 0))
        with byline.Writer(self.ix) as w:
            w.add({"id": "s1", "title": "t", "body": "second"})
            w.add({"id": "s9", "title": "t", "body": "new"})
            self.assertTrue(w.delete("s0"))
            w.commit()
            st = w.stats()
            self.assertEqual((st["added"], st["deleted"], st["replaced"], st["commits"]),
                             (2, 1, 1, 1))
        with byline.open(self.ix) as c:
            self.assertEqual(c.info()["articles"], 3)

    def test_refuses_what_it_would_lose(self):
        with byline.Writer(self.ix) as w:
            with self.assertRaises(ValueError):
                w.add({"id": "x", "titel": "misspelt"})
            with self.assertRaises(ValueError):
                w.add({"title": "no id"})
            with self.assertRaises(TypeError):
                w.add({"id": "x", "title": 5})
            with self.assertRaises(ValueError):
                w.add({"id": "x", "date": "5 o'clock"})
            w.add({"id": "ok", "body": "kept"})
        with byline.open(self.ix) as c:
            self.assertEqual(c.info()["articles"], 1)

    def test_odd_values(self):
        """What a stranger's dicts hold: an int id is an id as JSON input
        reads it ({"id": 42} is "42"), bytes that are not UTF-8 and lone
        surrogates are refused naming the field (they were stored and came
        back as U+FFFD), a list instead of a dict is a TypeError, not "unknown
        field(s)"; None fields are empty."""
        with byline.Writer(self.ix) as w:
            w.add({"id": 42, "title": "numbered", "body": "an int id"})
            w.add({"id": 0, "title": "zero", "body": "id zero"})
            w.add({"id": "n", "title": "nones", "body": "x", "author": None, "source": None,
                   "url": None, "tags": None, "date": None})
            w.add({"id": "u", "title": "caf\u00e9".encode(), "body": b"utf-8 bytes"})
            with self.assertRaisesRegex(ValueError, r"'title'.*0xe9 at offset 3"):
                w.add({"id": "b", "title": b"caf\xe9", "body": "x"})
            with self.assertRaisesRegex(ValueError, r"'body'.*surrogate"):
                w.add({"id": "s", "body": "bad \udcff"})
            with self.assertRaisesRegex(TypeError, "a dict, not 'list'"):
                w.add(["id", "x"])
            with self.assertRaises(TypeError):
                w.add({"id": True, "body": "x"})
        with byline.Writer(self.ix) as w:
            self.assertTrue(w.delete(0))
        with byline.open(self.ix) as c:
            self.assertEqual(c.info()["articles"], 3)
            self.assertEqual(c.article(42)["title"], "numbered")
            self.assertEqual([h.id for h in c.search("numbered")], ["42"])
            self.assertEqual(c.article("u")["title"], "caf\u00e9")
            self.assertEqual(c.article("n")["author"], "")
            with self.assertRaises(byline.NotFound):
                c.article("b")

    def test_dates_out_of_range(self):
        """A date the C API took but datetime cannot hold: date None,
        timestamp kept; the module itself refuses one."""
        with byline.Writer(self.ix) as w:
            with self.assertRaises(ValueError):
                w.add({"id": "x", "body": "far", "date": 2 ** 61})
            w.add({"id": "y", "body": "old", "date": dt.date(1, 1, 1)})
        with byline.open(self.ix) as c:
            h = c.search("old")[0]
            self.assertEqual(h.date, dt.datetime(1, 1, 1, tzinfo=UTC))
            self.assertEqual(h.timestamp, -62135596800)
            self.assertEqual(byline._to_datetime(2 ** 61), None)

    def test_busy(self):
        with byline.Writer(self.ix) as w:
            w.add({"id": "a", "body": "x"})
            with self.assertRaises(byline.Busy):
                byline.Writer(self.ix)

    def test_round_trip(self):
        """Seeded random articles (any Unicode, CJK, emoji, long bodies)
        come back from article() field for field, and each is found by a
        word of its body."""
        rnd = random.Random(7)
        alphabet = "abcdefghijklmnopqrstuvwxyz ÉéüßçøΩж字节跳动😀’—\n"
        arts = []
        for i in range(60):
            body = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 3000)))
            arts.append({"id": "r%03d-%s" % (i, rnd.choice(["", "é", "字", "/x y"])),
                         "title": "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 80))).replace("\n", " "),
                         "body": body + " marker%d" % i,
                         "source": rnd.choice(["", "example.org", "Ünï"]),
                         "url": rnd.choice(["", "https://example.org/%d" % i]),
                         "date": rnd.choice([None, rnd.randint(0, 2 ** 31)])})
        with byline.Writer(self.ix) as w:
            for a in arts:
                w.add(a)
        with byline.open(self.ix) as c:
            self.assertEqual(c.info()["articles"], len(arts))
            for i, a in enumerate(arts):
                got = c.article(a["id"])
                self.assertEqual((got["title"], got["body"], got["source"], got["url"]),
                                 (a["title"], a["body"], a["source"], a["url"]), a["id"])
                want_date = None if a["date"] is None else \
                    dt.datetime(1970, 1, 1, tzinfo=UTC) + dt.timedelta(seconds=a["date"])
                self.assertEqual(got["date"], want_date)
                self.assertEqual([h.id for h in c.search("marker%d" % i)], [a["id"]])


class TestShards(unittest.TestCase):
    """The DFS protocol through Python: the fixture corpus as one index
    (byline-index build) and as 2, 3 and 7 shards built with
    Writer.add_input(shard=...) gives the same ids and scores (1e-9) and
    totals, statistics collected, merged and handed to every shard."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="byline-pyshard-")
        cls.one = os.path.join(cls.tmp, "one")
        subprocess.run([INDEX, "build", "-q", "-i", cls.one, CORPUS], check=True,
                       stderr=subprocess.DEVNULL)
        cls.shards = {}
        for n in (2, 3, 7):
            dirs = []
            for i in range(n):
                d = os.path.join(cls.tmp, "s%d-%d" % (n, i))
                with byline.Writer(d) as w:
                    r = w.add_input([CORPUS], shard=(i, n))
                    assert r.added == r.articles, r
                dirs.append(d)
            cls.shards[n] = dirs

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp)

    def dfs(self, dirs, query, **o):
        cols = [byline.open(d) for d in dirs]
        try:
            merged = byline.merge_stats([c.stats(query, **o) for c in cols])
            k, off = o.pop("k", 10), o.pop("offset", 0)
            try:
                res = [c.search(query, k=k + off, stats=merged, **o) for c in cols]
            except byline.StatsMissing:
                merged = byline.merge_stats([c.stats(query, stats=merged, **o) for c in cols])
                res = [c.search(query, k=k + off, stats=merged, **o) for c in cols]
            hits = sorted(((h.score, -si, -h.rank, h.id) for si, r in enumerate(res) for h in r),
                          reverse=True)
            return [(h[3], h[0]) for h in hits][off:off + k], sum(r.total for r in res)
        finally:
            for c in cols:
                c.close()

    def same(self, got, want, deep, what):
        """got equals want up to the order of ties: the same scores (1e-9),
        no id twice, and every id with the score the single index gives it
        (deep: id -> score of a deeper search there, for ties at the cut)."""
        self.assertEqual(len(got), len(want), what)
        for (gi, gs), (wi, ws) in zip(got, want):
            self.assertAlmostEqual(gs, ws, delta=1e-9, msg=what)
        self.assertEqual(len(set(i for i, _ in got)), len(got), what)
        for gi, gs in got:
            self.assertIn(gi, deep, what)
            self.assertAlmostEqual(deep[gi], gs, delta=1e-9, msg=what)

    def test_shards_score_as_one_index(self):
        rnd = random.Random(17)
        words = "oil prices crude opec strike rotterdam qiao bytedance chip export the of".split()
        qs = [q for q in QUERIES[:-5] if q.strip(" .!")] + \
            [" ".join(rnd.sample(words, rnd.randint(1, 4))) for _ in range(30)]
        with byline.open(self.one) as one:
            for q in qs:
                for o in ({}, {"k": 3, "offset": 2}, {"since": "1987-01-01", "until": "2025-06-30"},
                          {"all_required": True}):
                    want = one.search(q, fields=False, **dict(o))
                    wl = [(h.id, h.score) for h in want]
                    deep = {h.id: h.score for h in
                            one.search(q, fields=False, **dict(o, k=1000, offset=0))}
                    for n, dirs in self.shards.items():
                        got, total = self.dfs(dirs, q, **dict(o))
                        what = "%r %r in %d shards" % (q, o, n)
                        self.same(got, wl, deep, what)
                        self.assertEqual(total, want.total, what)

    def test_collapse_and_prf_refused_with_stats(self):
        with byline.open(self.shards[2][0]) as c:
            m = byline.merge_stats([c.stats("oil")])
            with self.assertRaises(byline.InvalidArgument):  # collapse: only with labels
                c.search("oil", stats=m, collapse="best")
            with self.assertRaises(byline.InvalidArgument):
                c.search("oil", stats=m, prf=5)
            blob = bytearray(c.stats("oil prices"))
        for at in (0, len(blob) // 2, len(blob) - 1):
            bad = bytearray(blob)
            bad[at] ^= 0x40
            with self.assertRaises(byline.Error):
                byline.merge_stats([bytes(blob), bytes(bad)])
        with self.assertRaises(byline.Error):
            byline.merge_stats([bytes(blob[:len(blob) // 2])])
        with self.assertRaises(TypeError):
            byline.open(self.one).search("oil", stats="text")

    def test_collapse_by_labels_of_all_shards(self):
        """sketches, sketch_clusters and Labels: the shards' sketches
        clustered together are one index's clusters, and searches collapsed
        by them (with merged statistics) count one index's stories and
        each cluster's matches."""
        q = "oil OR strike OR chip OR rotterdam OR prices"
        with byline.open(self.one) as one:
            want = one.search(q, collapse="best", k=100, snippets=False)
            cluster_of = {}
            for h in one.search(q, k=1000, fields=False):
                cluster_of[h.id] = frozenset(x["id"] for x in one.similar(h.id))
            similar = {cluster_of[h.id]: h.similar for h in want}
        for n, dirs in self.shards.items():
            cols = [byline.open(d) for d in dirs]
            try:
                parts = [c.sketches() for c in cols]
                lab = byline.sketch_clusters(b"".join(sk for _, sk in parts))
                self.assertEqual(len(lab), sum(len(docs) for docs, _ in parts))
                labels, at = [], 0
                for c, (docs, _) in zip(cols, parts):
                    arr = [0] * c.docs()
                    for j, d in enumerate(docs):
                        arr[d] = lab[at + j]
                    at += len(docs)
                    labels.append(byline.Labels(arr))
                merged = byline.merge_stats([c.stats(q) for c in cols])
                res = [c.search(q, k=100, stats=merged, collapse="best", labels=L,
                                snippets=False) for c, L in zip(cols, labels)]
                stories = set().union(*(set(r.labels) for r in res))
                self.assertEqual(len(stories), want.total, n)
                # each cluster's matches, summed over the shards, are one index's
                count = {}
                for r in res:
                    for h in r:
                        self.assertEqual(h.label, labels[res.index(r)][h.doc])
                        key = cluster_of[h.id]
                        count[key] = count.get(key, 0) + h.similar + 1
                self.assertEqual({k: v - 1 for k, v in count.items()}, similar, n)
                # only: the groups asked for, no other
                pick = sorted(res[0].labels)[:2]
                got = cols[0].search(q, k=10, stats=merged, collapse="oldest", labels=labels[0],
                                     only=pick, snippets=False)
                self.assertEqual(sorted(h.label for h in got), pick)
                with self.assertRaises(byline.InvalidArgument):
                    cols[0].search(q, collapse="best", labels=labels[1 % n])  # another's length
                with self.assertRaises(ValueError):
                    cols[0].search(q, collapse="best", only=[1])
                with self.assertRaises(TypeError):
                    cols[0].search(q, collapse="best", labels=list(labels[0].array))
                for L in labels:
                    L.close()
            finally:
                for c in cols:
                    c.close()
        with self.assertRaises(ValueError):
            byline.sketch_clusters(b"x" * 75)
        with self.assertRaises(ValueError):
            byline.Labels([-1])

    def test_add_input_counts_and_partition(self):
        with byline.open(self.one) as one:
            n_one = one.info()["articles"]
        for n, dirs in self.shards.items():
            seen = 0
            for d in dirs:
                with byline.open(d) as c:
                    seen += c.info()["articles"]
            self.assertEqual(seen, n_one, n)
        self.assertEqual(byline.shard_of("a", 2 ** 32 - 1), 0xaf63dc4c8601ec8c % (2 ** 32 - 1))
        self.assertEqual(byline.shard_of(42, 7), byline.shard_of("42", 7))
        for bad in (0, -1, True, 2 ** 32, "3"):
            with self.assertRaises(ValueError):
                byline.shard_of("a", bad)

    def test_add_input_reports_bad_records_and_paths(self):
        d = os.path.join(self.tmp, "bad")
        os.makedirs(d)
        f = os.path.join(d, "mixed.jsonl")
        with open(f, "w") as fh:
            fh.write('{"id": "g1", "title": "Good", "body": "fine text"}\n')
            fh.write('{"id": "b1", "title": "Broken" \n')
            fh.write('{"id": "g2", "title": "Good too", "body": "more", "date": "not a date"}\n')
        ix = os.path.join(self.tmp, "bad-ix")
        with byline.Writer(ix) as w:
            r = w.add_input([f, os.path.join(d, "missing.jsonl")], format="jsonl")
        self.assertEqual((r.added, r.records, r.files), (2, 3, 1))
        self.assertEqual(sum(r.skipped.values()), 1)
        self.assertEqual(sum(r.warned.values()), 1)
        skipped = [x for x in r.warnings if x[5] == "skipped"]
        self.assertEqual(len(skipped), 1)
        self.assertEqual((skipped[0][0], skipped[0][1]), (f, 2))
        self.assertEqual(len(r.failures), 1)
        self.assertIn("missing.jsonl", r.failures[0][0])
        # a UTF-16 file is a failure of its path, named with the reason,
        # and the good files of the block are committed: it raised
        # InvalidArgument and rolled them back (round 29)
        u = os.path.join(self.tmp, "u16")
        os.makedirs(u)
        with open(os.path.join(u, "b.txt"), "w") as fh:
            fh.write("T\n\nplum\n")
        with open(os.path.join(u, "a.txt"), "wb") as fh:
            fh.write("T\n\nx".encode("utf-16"))
        uix = os.path.join(self.tmp, "u16-ix")
        with byline.Writer(uix) as w:
            r = w.add_input([u])
        self.assertEqual(r.added, 1)
        self.assertEqual([(p, lim) for p, _, lim in r.failures], [(os.path.join(u, "a.txt"), False)])
        self.assertIn("UTF-16", r.failures[0][1])
        self.assertIn("a.txt", r.failures[0][1])
        with byline.open(uix) as c:
            self.assertEqual(c.info()["articles"], 1)
        with byline.Writer(ix) as w:
            for bad in ({"format": "xml"}, {"shard": (3, 3)}, {"shard": (0, 0)}, {"shard": 2},
                        {"date_order": "ymd"}, {"max_record": 0}):
                with self.assertRaises(ValueError, msg=bad):
                    w.add_input([f], **bad)
            with self.assertRaises(ValueError):
                w.add_input([])


class TestGuide(unittest.TestCase):
    def test_python_md(self):
        """docs/PYTHON.md's session, a doctest, prints what it shows, in a
        directory holding news.idx (tests/data/corpus)."""
        import doctest
        tmp = tempfile.mkdtemp(prefix="byline-pydoc-")
        cwd = os.getcwd()
        try:
            subprocess.run([INDEX, "build", "-q", "-i", os.path.join(tmp, "news.idx"), CORPUS],
                           check=True, stderr=subprocess.DEVNULL)
            os.chdir(tmp)
            r = doctest.testfile(os.path.join(ROOT, "docs", "PYTHON.md"), module_relative=False,
                                 optionflags=doctest.ELLIPSIS)
        finally:
            os.chdir(cwd)
            shutil.rmtree(tmp)
        self.assertGreater(r.attempted, 30)
        self.assertEqual(r.failed, 0)


if __name__ == "__main__":
    unittest.main(verbosity=1)
