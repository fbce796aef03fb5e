#!/usr/bin/env python3
"""tests/test_cluster.py - the sharded path (cluster/) on a LocalCluster of
3 worker processes: the same corpus as one index (byline-index build) and
as 2, 3 and 7 shards (byline-cluster's build) gives the same ids and
scores (1e-9; ties compared through the single index's score of each id),
the same totals, names, date filters and date sort; add with
replacements and delete across shards equal the same changes to one
index; near-duplicates collapse as one index collapses them (stories,
scores, similar counts, paging; after add and delete; stale or damaged
labels refused); prf is refused; a missing or damaged shard, a
damaged manifest and a killed worker give an error naming the shard, or
with partial results marked partial, never a silently smaller answer.

Corpora: tests/data/corpus, and when ../shared is present (BYL_SHARED) a
sample of Reuters-21578 searched with AOL log queries and generated ones.

Run by `make cluster-test` with a python that imports distributed (on
Debian, /usr/bin/python3 with python3-distributed); it skips with a
message when none does.  Not for: the DFS protocol in C (test_qstats.c)
or in the Python module (test_python.py).
"""

import gzip
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "python"))
sys.path.insert(0, os.path.join(ROOT, "cluster"))
import byline  # noqa: E402

try:
    from distributed import Client, LocalCluster
except ImportError:
    print("test_cluster: skipped: this python (%s) cannot import distributed "
          "(apt-get install python3-distributed)" % sys.executable)
    sys.exit(0)

from bylinecluster import dfs, fanout, labels, manifest, writes  # noqa: E402

BUILD = os.environ.get("BUILD", "build")
INDEX = os.path.join(ROOT, BUILD, "byline-index")
CLI = os.path.join(ROOT, "cluster", "byline-cluster")
CORPUS = os.path.join(ROOT, "tests", "data", "corpus")
SHARED = os.environ.get("BYL_SHARED", os.path.join(ROOT, "..", "shared"))
REUTERS = os.path.join(SHARED, "corpora", "reuters21578.jsonl.gz")
AOL = os.path.join(SHARED, "queries", "aol-union.txt")
AOL_PHRASE = os.path.join(SHARED, "queries", "aol-phrase.txt")
SHARD_COUNTS = (2, 3, 7)

client = cluster = TMP = None


def setUpModule():
    global client, cluster, TMP
    import logging
    TMP = tempfile.mkdtemp(prefix="byline-cluster-test-")
    cluster = LocalCluster(n_workers=3, threads_per_worker=2, processes=True,
                           dashboard_address=None, silence_logs=logging.CRITICAL)
    client = Client(cluster)


def tearDownModule():
    client.close()
    cluster.close()
    shutil.rmtree(TMP)


def build_one(name, sources):
    d = os.path.join(TMP, name)
    subprocess.run([INDEX, "build", "-q", "-i", d] + sources, check=True,
                   stderr=subprocess.DEVNULL)
    return d


def build_shards(name, n, sources):
    d = os.path.join(TMP, name)
    if not os.path.exists(os.path.join(d, manifest.NAME)):
        rep, missing = writes.build(client, d, n, sources)
        assert not missing, missing
    return d


class Oracle:
    """Compares a cluster's answers with one index's."""

    def __init__(self, tc, one):
        self.tc = tc
        self.one = byline.open(one)

    def close(self):
        self.one.close()

    def check(self, c, q, what, k=10, offset=0, **o):
        want = self.one.search(q, k=k, offset=offset, snippets=False, **o)
        got = c.search(q, k=k, offset=offset, snippets=False, **o)
        what = "%s: %r k=%d offset=%d %r" % (what, q, k, offset, o)
        tc = self.tc
        tc.assertEqual(got.total, want.total, what)
        tc.assertFalse(got.partial, what)
        tc.assertEqual(len(got), len(want), what)
        deep = {h.id: h for h in self.one.search(q, k=offset + k + 2000, snippets=False, **o)}
        tc.assertEqual(len({h.id for h in got}), len(got), what)
        for g, w in zip(got, want):
            if o.get("sort") in ("date", "-date"):
                tc.assertEqual(g.timestamp, w.timestamp, what)
            else:
                tc.assertAlmostEqual(g.score, w.score, delta=1e-9, msg=what)
            # ties may come in another order: each id scores (and is dated)
            # as the single index has it
            tc.assertIn(g.id, deep, what)
            tc.assertAlmostEqual(g.score, deep[g.id].score, delta=1e-9, msg=what)
            tc.assertEqual(g.timestamp, deep[g.id].timestamp, what)
        tc.assertEqual([h.rank for h in got], list(range(offset + 1, offset + len(got) + 1)))
        return got

    def names(self, c, q, k, what, **o):
        """Names as one index lists them: every count exact, the order
        (most articles, then key), and the same list once the parts of
        longer names are set aside.  Whether a name that also stands inside
        longer ones ("Exchange Commission") is a part is decided on a
        sample of its articles: one index samples its first, the cluster
        the union of every shard's first, so the two may decide apart on
        such a name (docs/SCALING.md).  The same holds for a name typed a
        place by where its sampled mentions stand ("West Germany" after
        "in"): one index lists it with --places, a cluster may list it here;
        nothing else may differ."""
        tc, msg = self.tc, "%s names %r k=%d %r" % (what, q, k, o)
        want = self.one.names(q, k=k, **o)
        got, missing = c.names(q, k=k, **o)
        tc.assertEqual(missing, {})
        exact = {x["key"]: x["articles"] for x in self.one.names(q, k=5000, parts=True, **o)}
        for x in got:
            if x["key"] in exact:
                tc.assertEqual(x["articles"], exact[x["key"]], msg)
        tc.assertEqual([(x["key"], x["articles"]) for x in got],
                       sorted(((x["key"], x["articles"]) for x in got), key=lambda p: (-p[1], p[0])),
                       msg)
        listed = {x["key"] for x in got} | {x["key"] for x in want}
        placed = {x["key"] for x in self.one.names(q, k=5000, places=True, **o)}

        def part_of_another(key):
            if key in placed:
                return True  # a place by where it stands, on a sample
            words = set(key.split())
            return any(words < set(other.split()) for other in listed)
        # (a part listed on one side only pushes the last name of that
        # side out: the lists agree up to the shorter one, parts aside)
        g = [(x["key"], x["articles"]) for x in got if not part_of_another(x["key"])]
        w = [(x["key"], x["articles"]) for x in want if not part_of_another(x["key"])]
        n = min(len(g), len(w))
        tc.assertGreaterEqual(n, min(len(got), len(want)) - 2, msg)
        tc.assertEqual(g[:n], w[:n], msg)
        if len(got) == len(want) and not any(part_of_another(x["key"]) for x in got + want):
            tc.assertEqual(len(g), len(w), msg)


OPTION_CYCLE = [{}, {"k": 5, "offset": 3}, {"sort": "date", "k": 15},
                {"sort": "-date", "k": 15}, {"all_required": True},
                {"since": "1987-03-01", "until": "1987-03-15"},
                {"since": "2025-01-01"}, {"k": 0}]


class TestFixture(unittest.TestCase):
    """The fixture corpus: every shape of query the suites use."""

    @classmethod
    def setUpClass(cls):
        cls.one = build_one("fx-one", [CORPUS]) if not os.path.exists(
            os.path.join(TMP, "fx-one")) else os.path.join(TMP, "fx-one")
        cls.roots = {n: build_shards("fx-%d" % n, n, [CORPUS]) for n in SHARD_COUNTS}

    def test_queries_as_one_index(self):
        o = Oracle(self, self.one)
        qs = ["oil prices", "crude oil", "\"Qiao Siyuan\"", "rotterdam strike", "bytedan*",
              "semicond*", "title:benchmark", "date:2025 chip", "+rotterdam strike",
              "strike -rotterdam", "(rotterdam OR qiao) AND NOT strike", "tag:crude",
              "zzzzunknownword", "the", "name:\"qiao siyuan\"", "date:2025"]
        try:
            for n, root in self.roots.items():
                c = dfs.Cluster(client, root)
                for j, q in enumerate(qs):
                    opts = dict(OPTION_CYCLE[(j + n) % len(OPTION_CYCLE)])
                    o.check(c, q, "fixture in %d" % n, **opts)
                for q, k in ((None, 1), (None, 10), ("rotterdam", 3), ("oil OR chip", 10)):
                    o.names(c, q, k, "fixture in %d" % n)
                o.names(c, None, 5, "fixture in %d" % n, since="2025-01-01")
        finally:
            o.close()

    def test_refused_and_bad_queries(self):
        c = dfs.Cluster(client, self.roots[3])
        with self.assertRaises(ValueError):
            c.search("oil", collapse="bestest")
        with self.assertRaisesRegex(dfs.Refused, "feedback"):
            c.search("oil", prf=10)
        with self.assertRaises(byline.ParseError) as e:
            c.search('"oil')
        self.assertEqual(e.exception.column, 1)
        with self.assertRaises(ValueError):
            c.search("oil", k=-1)
        with self.assertRaises(TypeError):
            c.search("oil", colapse="best")

    def test_cli(self):
        addr = client.scheduler.address
        env = dict(os.environ, PYTHONPATH=os.pathsep.join([os.path.join(ROOT, "python"),
                                                             os.environ.get("PYTHONPATH", "")]))

        def run(*args):
            return subprocess.run([sys.executable, CLI] + list(args), capture_output=True,
                                  text=True, env=env, timeout=120)

        root = self.roots[2]
        r = run("search", "--root", root, "--scheduler", addr, "-n", "3", "oil", "prices")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertRegex(r.stdout, r"^\d+ matches\n 1\. ")
        self.assertIn("[oil]", r.stdout)  # snippets, highlighted
        r = run("search", "--root", root, "--scheduler", addr, "--json", "oil")
        obj = json.loads(r.stdout)
        with byline.open(self.one) as one:
            want = one.search("oil", snippets=False)
        self.assertEqual(obj["total"], want.total)
        self.assertEqual(obj["partial"], False)
        self.assertEqual([h["id"] for h in obj["hits"]], [h.id for h in want])
        r = run("search", "--root", root, "--scheduler", addr, "--count", "oil")
        self.assertEqual(r.stdout.strip(), str(want.total))
        r = run("search", "--root", root, "--scheduler", addr, "--names", "--json")
        self.assertEqual(len(json.loads(r.stdout)["names"]), 10)
        r = run("search", "--root", root, "--scheduler", addr, "zzzzunknownword")
        self.assertEqual((r.returncode, r.stdout), (1, "0 matches\n"))
        for bad in (["--collapse=bestest", "oil"], ["--prf", "5", "oil"], ['"oil'],
                    ["--since", "2025-13-01", "oil"], []):
            r = run("search", "--root", root, "--scheduler", addr, *bad)
            self.assertEqual(r.returncode, 2, (bad, r.stderr))
            self.assertIn("byline-cluster", r.stderr)
        # byline-search's limits and its message for a query that is not UTF-8
        for bad, msg in ((["-n", "100001", "oil"], "from 0 to 100000"),
                         (["--offset", "99999999999999999999", "oil"], "from 0 to 1000000"),
                         ([b"oil \xff"], "column 5: the query is not valid UTF-8")):
            r = run("search", "--root", root, "--scheduler", addr, *bad)
            self.assertEqual(r.returncode, 2, (bad, r.stderr))
            self.assertIn(msg, r.stderr)
        r = run("delete", "--root", root, "--scheduler", addr, b"a\xff")
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertIn("'a\\xff' is not valid UTF-8", r.stderr)
        # a reader that goes away (| head) ends it as SIGPIPE would, with
        # no traceback
        p = subprocess.Popen([sys.executable, CLI, "search", "--root", root, "--scheduler", addr,
                              "-n", "100000", "said OR the OR oil"], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, env=env)
        p.stdout.readline()
        p.stdout.close()
        err = p.stderr.read().decode("utf-8", "replace")
        p.wait(timeout=120)
        self.assertNotIn("Traceback", err)
        self.assertIn(p.returncode, (0, 141), err)
        self.assertEqual(run("serch", "--root", root).returncode, 2)
        r = run("search", "--root", os.path.join(TMP, "nothing"), "--scheduler", addr, "oil")
        self.assertEqual(r.returncode, 3)
        r = run("search", "--root", self.one, "--scheduler", addr, "oil")  # an index, no cluster
        self.assertEqual(r.returncode, 3)
        self.assertIn("no cluster here", r.stderr)


class TestChanges(unittest.TestCase):
    """add (with replacements) and delete across shards equal the same
    changes to one index."""

    def test_add_replace_delete(self):
        rnd = random.Random(7)
        words = ("port strike oil crude tariff chip export rotterdam shipping vessel union "
                 "minister bank rate inflation harvest cocoa grain").split()

        def art(i, v):
            return {"id": "a%03d" % i, "title": " ".join(rnd.sample(words, 3)) + " v%d" % v,
                    "text": " ".join(rnd.choice(words) for _ in range(rnd.randint(5, 40))),
                    "date": "2025-%02d-%02dT10:00:00Z" % (rnd.randint(1, 12), rnd.randint(1, 28))}

        first = os.path.join(TMP, "first.jsonl")
        second = os.path.join(TMP, "second.jsonl")
        with open(first, "w") as f:
            for i in range(120):
                f.write(json.dumps(art(i, 1)) + "\n")
        with open(second, "w") as f:
            for i in list(range(80, 200)):  # 80..119 replace, 120..199 new
                f.write(json.dumps(art(i, 2)) + "\n")
        one = os.path.join(TMP, "chg-one")
        with byline.Writer(one) as w:
            w.add_input([first])
        with byline.Writer(one) as w:
            w.add_input([second])
        with byline.Writer(one) as w:
            for i in ("a005", "a100", "a150", "nope"):
                w.delete(i)
        for n in (3, 7):
            root = os.path.join(TMP, "chg-%d" % n)
            writes.build(client, root, n, [first])
            rep, missing = writes.add(client, root, [second])
            self.assertEqual(missing, {})
            self.assertEqual(sum(rep["added"].values()), 120)
            self.assertEqual(rep["replaced"], 40)  # a080..a119 were there
            found, missing = writes.delete(client, root, ["a005", "a100", "a150", "nope"])
            self.assertEqual(sorted(found), ["a005", "a100", "a150"])
            m, infos, _ = dfs.info(client, root)
            self.assertEqual(m["generation"], 2)
            self.assertEqual(sum(i["articles"] for i in infos.values()), 200 - 3)
            # every id in the shard that owns it, once
            for s, i in infos.items():
                with byline.open(manifest.shard_dir(root, s)) as c:
                    for h in c.search("v1 OR v2", k=1000, fields=False):
                        self.assertEqual(byline.shard_of(h.id, n), s)
            c = dfs.Cluster(client, root)
            o = Oracle(self, one)
            try:
                for q in ["v1", "v2", "oil strike", "cocoa", "date:2025-03", "port*"] + words:
                    o.check(c, q, "changes in %d" % n, k=20)
                o.names(c, None, 10, "changes")
            finally:
                o.close()


class TestFaults(unittest.TestCase):
    """Shards that give no answer are named; with partial, left out and
    marked; a killed worker never makes an answer silently smaller."""

    def test_missing_and_damaged_shards(self):
        root = os.path.join(TMP, "flt")
        shutil.copytree(build_shards("fx-3", 3, [CORPUS]), root)
        # (the copy is searched first here with a shard gone: a worker that
        # held a shard open would go on answering from its open files)
        full = dfs.Cluster(client, os.path.join(TMP, "fx-3")).search(
            "oil OR strike OR chip", k=50, snippets=False)
        os.rename(manifest.shard_dir(root, 1), os.path.join(root, "gone"))
        with self.assertRaises(fanout.ShardFailure) as e:
            dfs.Cluster(client, root).search("oil OR strike OR chip")
        self.assertIn("shard-001", str(e.exception))
        self.assertEqual(list(e.exception.missing), [1])
        r = dfs.Cluster(client, root, partial=True).search("oil OR strike OR chip", k=50)
        self.assertTrue(r.partial)
        self.assertEqual(list(r.missing), [1])
        self.assertNotIn(1, r.shards)
        self.assertLess(r.total, full.total)
        names, missing = dfs.Cluster(client, root, partial=True).names(None, 5)
        self.assertEqual(list(missing), [1])
        # the CLI: exit 3 naming the shard; --partial marked in text and JSON
        env = dict(os.environ, PYTHONPATH=os.path.join(ROOT, "python"))
        addr = client.scheduler.address
        r = subprocess.run([sys.executable, CLI, "search", "--root", root, "--scheduler", addr,
                            "oil"], capture_output=True, text=True, env=env)
        self.assertEqual(r.returncode, 3)
        self.assertIn("shard-001", r.stderr)
        r = subprocess.run([sys.executable, CLI, "search", "--root", root, "--scheduler", addr,
                            "--partial", "--json", "oil"], capture_output=True, text=True,
                           env=env)
        obj = json.loads(r.stdout)
        self.assertEqual((obj["partial"], obj["missing"]), (True, ["shard-001"]))
        r = subprocess.run([sys.executable, CLI, "search", "--root", root, "--scheduler", addr,
                            "--partial", "oil"], capture_output=True, text=True, env=env)
        self.assertTrue(r.stdout.startswith("PARTIAL: shards missing: shard-001"), r.stdout)
        os.rename(os.path.join(root, "gone"), manifest.shard_dir(root, 1))
        # a damaged shard: its index manifest overwritten
        sd = manifest.shard_dir(root, 2)
        victim = sorted(f for f in os.listdir(sd) if f.startswith("MANIFEST"))[0]
        with open(os.path.join(sd, victim), "r+b") as f:
            f.seek(8)
            f.write(b"\xff" * 16)
        # a new generation, so that workers holding the shard open reopen it
        m = manifest.read(root)
        m["generation"] += 1
        manifest.write(root, m)
        with self.assertRaises(fanout.ShardFailure) as e:
            dfs.Cluster(client, root).search("oil")
        self.assertEqual(list(e.exception.missing), [2])
        self.assertRegex(str(e.exception), "Corrupt|VersionError")
        # a damaged cluster manifest
        with open(os.path.join(root, manifest.NAME), "r+b") as f:
            f.seek(20)
            f.write(b"7")
        with self.assertRaisesRegex(manifest.ManifestError, "damaged"):
            dfs.Cluster(client, root)
        os.remove(os.path.join(root, manifest.NAME))
        with self.assertRaisesRegex(manifest.ManifestError, "no cluster here"):
            dfs.Cluster(client, root)

    def test_root_built_again(self):
        """A root removed and built again (its generation starts over) or a
        shard changed behind the cluster's back: workers that held the old
        shards open answer from the new ones, not the old files."""
        root = os.path.join(TMP, "again")
        writes.build(client, root, 2, [CORPUS])
        c = dfs.Cluster(client, root)
        before = c.search("the", k=0, snippets=False).total
        small = os.path.join(TMP, "again-small.jsonl")
        with open(small, "w") as f:
            for i in range(5):
                f.write(json.dumps({"id": "s%d" % i, "title": "Note %d" % i,
                                    "body": "the harbour was quiet"}) + "\n")
        shutil.rmtree(root)
        writes.build(client, root, 2, [small])
        self.assertEqual(dfs.Cluster(client, root).search("the", k=0, snippets=False).total, 5)
        self.assertGreater(before, 5)
        # a delete made on a shard directly, with byline-index
        idx = os.environ.get("BUILD", "build") + "/byline-index"
        sd = manifest.shard_dir(root, byline.shard_of("s0", 2))
        subprocess.run([idx, "delete", "-i", sd, "s0"], check=True, capture_output=True)
        self.assertEqual(dfs.Cluster(client, root).search("the", k=0, snippets=False).total, 4)

    def test_killed_worker(self):
        root = build_shards("fx-3", 3, [CORPUS])
        c = dfs.Cluster(client, root, timeout=60)
        q = "oil OR strike OR chip OR rotterdam"
        before = c.search(q, k=50, snippets=False)
        pids = client.run(os.getpid)
        victim = sorted(pids.values())[0]
        os.kill(victim, signal.SIGKILL)
        # during the loss and the nanny's restart: each answer is whole and
        # the same, or an error naming shards; never smaller
        outcomes = set()
        for _ in range(6):
            try:
                r = dfs.Cluster(client, root, timeout=60).search(q, k=50, snippets=False)
                self.assertEqual([(h.id, h.score) for h in r], [(h.id, h.score) for h in before])
                self.assertEqual(r.total, before.total)
                outcomes.add("whole")
            except fanout.ShardFailure as e:
                self.assertRegex(str(e), r"shard-\d{3}")
                outcomes.add("named")
        self.assertTrue(outcomes)
        client.wait_for_workers(3, timeout=60)


def dup_corpus(path, seed=17):
    """Stories with near-duplicate copies made by small edits (a dateline,
    a word changed, the end trimmed, a new ending), and chains (a copy of a
    copy, each close to the next but the ends not to each other), with
    ids that byline_shard_of spreads over the shards; dates repeat, so
    that oldest has ties.  Reuters articles (when ../shared is there) are
    copied too.  Returns the ids of the copies."""
    rnd = random.Random(seed)
    vocab = ["w%03d%s" % (i, rnd.choice(["a", "o", "er", "is", "um"])) for i in range(400)]
    bases = []
    for i in range(70):
        bases.append(("base-%03d" % i, " ".join(rnd.choice(vocab) for _ in range(rnd.randint(60, 160)))))
    if os.path.exists(REUTERS):
        with gzip.open(REUTERS, "rt", encoding="utf-8") as f:
            for j, line in enumerate(f):
                if j >= 400:
                    break
                a = json.loads(line)
                if len(a.get("text", a.get("body", "")).split()) > 60 and j % 5 == 0:
                    bases.append(("reu-" + str(a["id"]), a.get("text", a.get("body", ""))))
    out, copies = [], []

    def article(id, body, day):
        return {"id": id, "title": body.split(".")[0][:60],
                "text": body, "date": "2025-03-%02dT10:00:00Z" % day}

    for n, (bid, body) in enumerate(bases):
        words = body.split()
        day = 1 + n % 20
        out.append(article(bid, body, day))
        for c in range(rnd.randint(0, 4)):
            w = list(words)
            kind = rnd.randrange(4)
            if kind == 0:
                w = ["OSLO,", "March", str(c + 2), "(Wire)", "-"] + w
            elif kind == 1:
                w[rnd.randrange(len(w))] = rnd.choice(vocab)
            elif kind == 2:
                w = w[:max(20, len(w) * rnd.randint(75, 95) // 100)]
            else:
                w = w + [rnd.choice(vocab) for _ in range(len(w) // 8)]
            cid = "%s-copy%d" % (bid, c)
            out.append(article(cid, " ".join(w), day + rnd.choice([0, 0, 1, 2])))
            copies.append(cid)
        if n % 7 == 0:  # a chain: each link keeps 80 % of the last and adds its own end
            w = list(words)
            for c in range(4):
                keep = len(w) * 8 // 10
                w = w[len(w) - keep:] + [rnd.choice(vocab) for _ in range(len(w) - keep)]
                cid = "%s-chain%d" % (bid, c)
                out.append(article(cid, " ".join(w), day + c))
                copies.append(cid)
    rnd.shuffle(out)
    with open(path, "w") as f:
        for a in out:
            f.write(json.dumps(a) + "\n")
    return copies, vocab


class CollapseOracle:
    """Compares a cluster's collapsed answers with one index's: the same
    stories, scores (1e-9), similar counts and clusters on every page;
    the article shown may differ only where one index would have shown
    another of the same cluster tied with it (score for best, date for
    oldest)."""

    def __init__(self, tc, one):
        self.tc = tc
        self.one = byline.open(one)
        self.members = {}
        self.memo = {}

    def close(self):
        self.one.close()

    def cluster(self, id):
        if id not in self.members:
            m = frozenset(x["id"] for x in self.one.similar(id))
            for x in m:
                self.members[x] = m
        return self.members[id]

    def check(self, c, q, mode, k=10, offset=0, **o):
        tc, what = self.tc, "%r %s k=%d offset=%d %r" % (q, mode, k, offset, o)
        got = c.search(q, k=k, offset=offset, collapse=mode, snippets=False, **o)
        memo = (q, mode, k, offset, tuple(sorted(o.items())))
        if memo not in self.memo:  # one index's answers, once for every shard count
            want = self.one.search(q, k=k, offset=offset, collapse=mode, snippets=False, **o)
            deep = self.one.search(q, k=offset + k + 100, collapse=mode, snippets=False, **o)
            self.memo[memo] = (want, {self.cluster(h.id): h for h in deep}, {
                h.id: h for h in self.one.search(q, k=100000, snippets=False, fields=False,
                                                 **o)})
        want, by_cluster, plain = self.memo[memo]
        tc.assertEqual(got.total, want.total, what)  # stories
        tc.assertEqual(len(got), len(want), what)
        tc.assertEqual([h.rank for h in got], list(range(offset + 1, offset + len(got) + 1)))
        by_date = o.get("sort") in ("date", "-date")
        for g, w in zip(got, want):
            if by_date:  # groups rank where their first match by date does
                if mode == "best":  # (oldest shows another date: its ranking is best's)
                    tc.assertEqual(g.timestamp, w.timestamp, what)
            else:
                tc.assertAlmostEqual(g.score, w.score, delta=1e-9, msg=what)
            key = self.cluster(g.id)
            tc.assertIn(key, by_cluster, what)
            d = by_cluster[key]
            tc.assertEqual(g.similar, d.similar, what + " " + g.id)
            # (by date a group's score is that of its first match by date,
            # which a tie of dates may make another copy's; oldest shows
            # another article than that one)
            if not by_date or (mode == "best" and g.id == d.id):
                tc.assertAlmostEqual(g.score, d.score, delta=1e-9, msg=what)
            if g.id != d.id:  # only a tie
                tc.assertIn(g.id, plain, what)
                if mode == "best" and not by_date:
                    tc.assertAlmostEqual(plain[g.id].score, d.score, delta=1e-9, msg=what)
                else:
                    tc.assertEqual(g.timestamp, d.timestamp, what)
            if mode == "oldest":
                tc.assertEqual(g.timestamp, d.timestamp, what)
        return got


class TestCollapse(unittest.TestCase):
    """Near-duplicates collapsed across shards as one index collapses them."""

    @classmethod
    def setUpClass(cls):
        cls.src = os.path.join(TMP, "dups.jsonl")
        cls.copies, cls.vocab = dup_corpus(cls.src)
        cls.one = build_one("dup-one", [cls.src, CORPUS])
        cls.roots = {n: build_shards("dup-%d" % n, n, [cls.src, CORPUS]) for n in SHARD_COUNTS}

    def queries(self):
        rnd = random.Random(5)
        return ["oil OR chip OR strike"] + \
            [" ".join(rnd.sample(self.vocab, 2)) for _ in range(2)] + \
            [" OR ".join(rnd.sample(self.vocab, 6))]

    def test_clusters_span_shards(self):
        # the corpus does what it is for: clusters with members in several
        # shards, chains among them
        with byline.open(self.one) as one:
            spread = 0
            for cid in self.copies:
                ids = {x["id"] for x in one.similar(cid)}
                spread += len({byline.shard_of(i, 3) for i in ids}) > 1
        self.assertGreater(spread, 20)

    def test_as_one_index(self):
        o = CollapseOracle(self, self.one)
        try:
            for n, root in self.roots.items():
                c = dfs.Cluster(client, root)
                for j, q in enumerate(self.queries()):
                    for mode in ("best", "oldest"):
                        o.check(c, q, mode, k=8, offset=(0, 3, 9)[(j + n) % 3])
                o.check(c, self.queries()[-1], ("best", "oldest")[n % 2], k=5, sort="-date")
                o.check(c, self.queries()[-1], "best", k=0)
        finally:
            o.close()

    def test_changes_and_stale_labels(self):
        src2 = os.path.join(TMP, "dups2.jsonl")
        with open(self.src) as f:
            arts = [json.loads(l) for l in f]
        # copies of other copies (joining clusters) and replacements
        with open(src2, "w") as f:
            for a in arts[:40]:
                b = dict(a, id=a["id"] + "-again", date="2025-02-01T00:00:00Z")
                f.write(json.dumps(b) + "\n")
        gone = [c for c in self.copies if "chain1" in c][:3] + self.copies[:4]
        one = os.path.join(TMP, "dup-chg-one")
        shutil.copytree(self.one, one)
        with byline.Writer(one) as w:
            w.add_input([src2])
        with byline.Writer(one) as w:
            for i in gone:
                w.delete(i)
        root = os.path.join(TMP, "dup-chg-3")
        shutil.copytree(self.roots[3], root)
        writes.add(client, root, [src2])
        found, missing = writes.delete(client, root, gone)
        self.assertEqual(sorted(found), sorted(gone))
        o = CollapseOracle(self, one)
        c = dfs.Cluster(client, root)
        try:
            for q in self.queries()[1:]:
                for mode in ("best", "oldest"):
                    o.check(c, q, mode, k=10)
            o.check(c, self.queries()[-1], "best", k=0)
        finally:
            o.close()
        q = self.queries()[-1]
        # a damaged labels file, a missing one, one of another state of
        # its shard: refused, naming the shard; relabel mends them
        lab1 = os.path.join(root, "shard-001.labels")
        with open(lab1, "r+b") as f:
            f.seek(60)
            b = f.read(1)
            f.seek(60)
            f.write(bytes([b[0] ^ 1]))
        with self.assertRaisesRegex(labels.LabelsStale, "shard-001.*damaged"):
            c.search(q, collapse="best")
        os.remove(lab1)
        with self.assertRaisesRegex(labels.LabelsStale, "shard-001: no near-duplicate labels"):
            c.search(q, collapse="oldest")
        self.assertFalse(c.search(q).partial)  # without collapse: no labels needed
        writes.relabel(client, root)
        c.search(q, collapse="best")
        # a shard changed behind the cluster's back (its own writer)
        with byline.Writer(manifest.shard_dir(root, 2)) as w:
            w.add({"id": "behind-the-back", "title": "x", "body": q.replace(" OR ", " ")})
        m = manifest.read(root)
        m["generation"] += 1  # so that workers holding the shard reopen it
        manifest.write(root, m)
        with self.assertRaisesRegex(labels.LabelsStale, "shard-002: its labels are stale"):
            dfs.Cluster(client, root).search(q, collapse="best")
        env = dict(os.environ, PYTHONPATH=os.path.join(ROOT, "python"))
        addr = client.scheduler.address
        r = subprocess.run([sys.executable, CLI, "search", "--root", root, "--scheduler", addr,
                            "--collapse", "best", q], capture_output=True, text=True, env=env)
        self.assertEqual(r.returncode, 2)
        self.assertIn("relabel", r.stderr)
        r = subprocess.run([sys.executable, CLI, "relabel", "--root", root, "--scheduler", addr],
                           capture_output=True, text=True, env=env)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertRegex(r.stdout, r"^\d+ articles in \d+ clusters")

    def test_cli(self):
        env = dict(os.environ, PYTHONPATH=os.path.join(ROOT, "python"))
        addr = client.scheduler.address
        q = self.queries()[-1]
        with byline.open(self.one) as one:
            want = one.search(q, collapse="oldest", k=5, snippets=False)
        r = subprocess.run([sys.executable, CLI, "search", "--root", self.roots[2], "--scheduler",
                            addr, "--collapse", "oldest", "--json", "-n", "5", q],
                           capture_output=True, text=True, env=env)
        self.assertEqual(r.returncode, 0, r.stderr)
        obj = json.loads(r.stdout)
        self.assertEqual(obj["total"], want.total)
        self.assertEqual([h["similar"] for h in obj["hits"]], [h.similar for h in want])
        r = subprocess.run([sys.executable, CLI, "search", "--root", self.roots[2], "--scheduler",
                            addr, "--collapse", q], capture_output=True, text=True,
                           env=env)  # (--collapse QUERY: best; byline-search wants a mode)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertRegex(r.stdout, r"^\d+ stor(y|ies)\n")
        self.assertIn("similar)", r.stdout)


@unittest.skipUnless(os.path.exists(REUTERS) and os.path.exists(AOL),
                     "no shared corpora at %s (set BYL_SHARED)" % SHARED)
class TestReuters(unittest.TestCase):
    """A few thousand Reuters articles, AOL log queries and generated ones."""

    @classmethod
    def setUpClass(cls):
        sample = os.path.join(TMP, "reuters-sample.jsonl")
        with gzip.open(REUTERS, "rt", encoding="utf-8") as f, open(sample, "w") as out:
            for i, line in enumerate(f):
                if i >= 2500:
                    break
                out.write(line)
        cls.one = build_one("reu-one", [sample])
        cls.roots = {n: build_shards("reu-%d" % n, n, [sample]) for n in SHARD_COUNTS}
        rnd = random.Random(1987)
        with open(AOL, encoding="utf-8") as f:
            aol = [l.strip() for l in f if l.strip()]
        with open(AOL_PHRASE, encoding="utf-8") as f:
            phrase = [l.strip() for l in f if l.strip()]
        vocab = ("oil crude opec prices cocoa coffee wheat grain bank rate dollar yen trade "
                 "deficit tariff japan brazil bahia shares stake merger acquisition profit "
                 "loss dividend").split()
        # (kept to some forty: each is 2 Dask rounds per shard count, and
        # CI's budget is tight)
        cls.queries = rnd.sample(aol, 24) + rnd.sample(phrase, 6) + \
            [" ".join(rnd.sample(vocab, rnd.randint(1, 4))) for _ in range(6)] + \
            ["opec*", "title:cocoa", "+oil -opec", "\"crude oil\" prices", "date:1987-03 oil"]

    def test_queries_as_one_index(self):
        o = Oracle(self, self.one)
        try:
            for n, root in self.roots.items():
                c = dfs.Cluster(client, root)
                for j, q in enumerate(self.queries):
                    opts = dict(OPTION_CYCLE[(j + n) % len(OPTION_CYCLE)])
                    try:
                        o.check(c, q, "reuters in %d" % n, **opts)
                    except byline.ParseError:
                        with self.assertRaises(byline.ParseError):
                            o.one.search(q, **opts)
                for q in (None, "oil"):
                    o.names(c, q, 10, "reuters in %d" % n)
        finally:
            o.close()


if __name__ == "__main__":
    t0 = time.time()
    prog = unittest.main(verbosity=1, exit=False)
    print("test_cluster: %.1f s" % (time.time() - t0))
    sys.exit(0 if prog.result.wasSuccessful() else 1)
