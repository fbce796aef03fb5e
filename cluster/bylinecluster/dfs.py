"""bylinecluster.dfs - searching the shards of a cluster as one index:
the DFS protocol of byline.h over Dask, and the merging of the shards'
answers.

A search is two rounds of one task per shard:
  1. statistics: every shard collects the statistics the query's scores
     depend on (Collection.stats); the client merges them (merge_stats);
  2. search: every shard scores with the merged statistics and returns its
     first offset+k hits (with snippets) and its total.
If a shard answers round 2 with StatsMissing (the merged statistics led
the query's rewriting to a term no shard was asked about), round 1 is
run again with the merged statistics given, then round 2 (byline.h's
rule).  The hits are merged by score (ties: shard order, then the shard's
rank), or by date for sort="date"/"-date"; totals are summed.  Scores
are those of one index holding every article (to 1e-9).

Names are merged exactly: counts of articles summed per key, each shard
asked for more of its list until no name it has not shown could still
enter the top k (the threshold algorithm of Fagin et al.).

Collapse of near-duplicates follows the clusters of every shard's
articles together (labels.py: each shard's labels file).  Round 2 then
asks every shard for its first offset+k groups by label, ranked where
their best match ranks, and the labels of all its matches: a group in
the global first offset+k is in the list of the shard where its best
match lies (fewer than offset+k groups rank above it there), so the
merged lists give the page; the stories are the distinct labels of all
the shards' matches.  A round 3 asks the shards that matched a group of
the page without listing it (and, for "oldest", every shard that matched
it) for that group alone: its matches there, and its oldest match.
Files of a stale labelling refuse the collapse (labels.LabelsStale),
never a collapse by wrong clusters.

Refused, because it cannot be exact across shards searched apart:
pseudo-relevance feedback (its expansion terms come from the top
documents' stored text, which no statistic summarises).  Not for:
placing and gathering tasks (fanout.py), output (cli.py).
"""

import bisect
import dataclasses
import os
from array import array

import byline

from . import fanout, labels as labelfiles, manifest, shardwork


class Refused(ValueError):
    """An option the cluster cannot honour exactly (the message says
    why); nothing was searched."""


class Results(list):
    """Merged hits (byline.Hit, ranks global), with .total, .shards (the
    shard of each hit), .partial and .missing (shard -> reason)."""

    def __init__(self, hits, total, shards, missing):
        super().__init__(hits)
        self.total = total
        self.shards = shards
        self.missing = dict(missing)
        self.partial = bool(missing)


_OPTS = ("sort", "since", "until", "all_required", "half_life", "now", "k1", "b",
         "snippet_chars")


def _sort_key(sort):
    if sort in (None, "score", "relevance"):
        return lambda sh, h: (-h.score, sh, h.rank)
    sign = 1 if sort == "date" else -1
    return lambda sh, h: ((1, 0, sh, h.rank) if h.timestamp is None
                          else (0, sign * h.timestamp, sh, h.rank))


class Cluster:
    """The shards of the cluster in root, searched through a Dask client.
    partial=True: shards that give no answer are left out and named
    (results .partial, .missing) instead of failing the call.  timeout:
    seconds a round may take (None: no limit)."""

    def __init__(self, client, root, partial=False, timeout=60):
        self.client = client
        self.root = os.path.abspath(root)
        self.manifest = manifest.read(self.root)
        self.n = self.manifest["shards"]
        self.gen = self.manifest["generation"]
        self.paths = [manifest.shard_dir(self.root, i) for i in range(self.n)]
        self.partial = partial
        self.timeout = timeout
        self.place = fanout.placement(client, self.n)

    def _run(self, fn, shards, args, what, missing):
        got, miss = fanout.run(self.client, fn, shards, args, what, self.timeout, self.place)
        if miss and not self.partial:
            raise fanout.ShardFailure(miss, "%s: %d of %d shards gave no answer"
                                      % (what, len(miss), self.n))
        missing.update(miss)
        return got

    def search(self, query, k=10, offset=0, collapse=None, prf=0, snippets=True, **opts):
        """The merged hits offset..offset+k of query (byline's syntax and
        search() options, listed in _OPTS): Results.  collapse "best" or
        "oldest" shows near-duplicates once, by the clusters of every
        shard's articles together (total: stories); labels.LabelsStale
        when a shard's labels cannot be trusted."""
        if isinstance(collapse, str) and collapse in ("best", "oldest"):
            pass  # True is no mode (byline.Collection.search refuses it too)
        elif collapse is not None and collapse is not False and collapse != "none":
            raise ValueError("collapse: None, 'best' or 'oldest', not %r" % (collapse,))
        else:
            collapse = None
        if prf:
            raise Refused("pseudo-relevance feedback (prf) is refused across shards: its "
                          "expansion terms come from the text of the best documents of all "
                          "shards, which the statistics round does not carry")
        unknown = set(opts) - set(_OPTS)
        if unknown:
            raise TypeError("search: unknown option(s) %s" % ", ".join(sorted(unknown)))
        for name, v in (("k", k), ("offset", offset)):
            if isinstance(v, bool) or not isinstance(v, int) or v < 0:
                raise ValueError("%s: a whole number from 0, not %r" % (name, v))
        byline.check_query(query)
        opts = {key: v for key, v in opts.items() if v is not None}
        missing = {}
        everyone = list(range(self.n))
        blobs = self._run(shardwork.stats, everyone,
                          lambda i: (self.paths[i], self.gen, query, opts, None), "statistics",
                          missing)
        live = sorted(blobs)
        if not live:
            return Results([], 0, [], missing)
        merged = byline.merge_stats([blobs[i] for i in live])
        for _ in range(4):
            try:
                if collapse:
                    return self._collapsed(query, k, offset, collapse, snippets, opts, merged,
                                           live, missing)
                answers = self._run(shardwork.search, live,
                                    lambda i: (self.paths[i], self.gen, query, opts, merged,
                                               offset + k, snippets), "search", missing)
                break
            except byline.StatsMissing:
                blobs = self._run(shardwork.stats, live,
                                  lambda i: (self.paths[i], self.gen, query, opts, merged),
                                  "statistics", missing)
                live = sorted(blobs)
                merged = byline.merge_stats([blobs[i] for i in live])
        else:
            raise byline.StatsMissing("the shards' statistics did not settle after 4 rounds", -11)
        key = _sort_key(opts.get("sort"))
        flat = sorted(((sh, h) for sh, (hits, _) in answers.items() for h in hits),
                      key=lambda x: key(*x))[offset:offset + k]
        hits = [dataclasses.replace(h, rank=offset + r + 1) for r, (_, h) in enumerate(flat)]
        total = sum(t for _, t in answers.values())
        return Results(hits, total, [sh for sh, _ in flat], missing)

    def _collapsed(self, query, k, offset, mode, snippets, opts, merged, live, missing):
        """Rounds 2 and 3 of a collapsed search (the module's comment)."""
        def args(i, want, only=None, how="best"):
            return (self.paths[i], self.gen, labelfiles.path(self.root, i), i, self.n, query,
                    opts, merged, want, snippets, only, how)
        got = self._run(shardwork.collapsed, live, lambda i: args(i, offset + k), "search",
                        missing)
        if len({lab for _, _, lab in got.values()}) > 1:
            raise labelfiles.LabelsStale(
                "the shards' near-duplicate labels come from different labellings (a change "
                "was interrupted, or is under way: search again; else run byline-cluster "
                "relabel --root %s)" % self.root)
        matched = {}
        for i, (_, raw, _) in got.items():
            a = array("I")
            a.frombytes(raw)
            matched[i] = a
        stories = len(set().union(*matched.values())) if matched else 0
        key = _sort_key(opts.get("sort"))
        best = {}
        for i in sorted(got):
            for h in got[i][0]:
                kk = key(i, h)
                if h.label not in best or kk < best[h.label][0]:
                    best[h.label] = (kk, i, h)
        page = sorted(best.values(), key=lambda x: x[0])[offset:offset + k]
        listed = {(i, h.label): h for i, (hits, _, _) in got.items() for h in hits}

        def has(i, lab):
            a = matched[i]
            j = bisect.bisect_left(a, lab)
            return j < len(a) and a[j] == lab
        ask = {}
        for _, _, h in page:
            for i in sorted(matched):
                if has(i, h.label) and (mode == "oldest" or (i, h.label) not in listed):
                    ask.setdefault(i, []).append(h.label)
        more = {}
        if ask:
            more = self._run(shardwork.collapsed, sorted(ask),
                             lambda i: args(i, len(ask[i]), ask[i], mode), "search", missing)
            first = next(iter(got.values()))[2]
            if any(lab != first for _, _, lab in more.values()):
                raise labelfiles.LabelsStale(
                    "the shards' near-duplicate labels changed during the search; search again")
        local = dict(listed)
        for i, (hits, _, _) in more.items():
            for h in hits:
                local[(i, h.label)] = h
        hits, shards = [], []
        for r, (_, i, h) in enumerate(page):
            parts = [(j, local[(j, h.label)]) for j in sorted(matched)
                     if (j, h.label) in local and has(j, h.label)]
            count = sum(x.similar + 1 for _, x in parts)
            show_shard, shown = i, h
            if mode == "oldest":
                # the oldest match of the group, undated last; ties: shard order
                show_shard, shown = min(parts, key=lambda p: (
                    p[1].timestamp is None, p[1].timestamp or 0, p[0]))
            hits.append(dataclasses.replace(shown, rank=offset + r + 1, score=h.score,
                                            similar=count - 1))
            shards.append(show_shard)
        return Results(hits, stories, shards, missing)

    def count(self, query, **opts):
        """The number of articles matching query (search's filters), and
        the missing shards (empty unless partial)."""
        r = self.search(query, k=0, snippets=False, **opts)
        return r.total, r.missing

    def names(self, query=None, k=10, **opts):
        """The k most frequent names of the articles matching query (all
        with None), exactly as one index would list them: (list of dicts
        name, key, articles; missing shards).  The display form is the one
        the shard with the most articles of the name chose."""
        if isinstance(k, bool) or not isinstance(k, int) or k < 0:
            raise ValueError("k: a whole number from 0, not %r" % (k,))
        unknown = set(opts) - {"since", "until", "all_required"}
        if unknown:
            raise TypeError("names: unknown option(s) %s" % ", ".join(sorted(unknown)))
        if query is not None:
            byline.check_query(query)
        opts = {key: v for key, v in opts.items() if v is not None}
        missing, lists, complete = {}, {}, set()
        ask = list(range(self.n))
        m = max(k, 1)
        while True:
            got = self._run(shardwork.names, ask,
                            lambda i: (self.paths[i], self.gen, query, m, opts), "names", missing)
            for i, lst in got.items():
                lists[i] = lst
                if len(lst) < m:
                    complete.add(i)
            top, certain = _threshold(lists, complete, k, _parts(lists) | _places(lists))
            ask = [i for i in lists if i not in complete]
            if certain or not ask:
                return top, missing
            m *= 4


def _parts(lists):
    """The names to leave out as parts of longer names: those every shard
    that listed them marked part (one index leaves a name out when every
    occurrence in its sample of articles lies inside a longer name; here
    the sample is the union of the shards')."""
    verdict = {}
    for lst in lists.values():
        for x in lst:
            verdict[x["key"]] = verdict.get(x["key"], True) and x.get("part", False)
    return {key for key, v in verdict.items() if v}


def _places(lists):
    """The names to leave out as places: those the shards holding most of
    their articles typed a place.  One index types a name by where the
    mentions in its sample of articles stand; a shard by its own sample,
    so shards may disagree, and a name a shard typed a place is still
    counted in full here (round 28: a name typed a place by one shard of
    three was listed with the other two's articles, 37 of its 59)."""
    weight = {}
    for lst in lists.values():
        for x in lst:
            w = weight.setdefault(x["key"], [0, 0])
            w[x.get("type") == "place"] += x["articles"]
    return {key for key, (who, place) in weight.items() if place > who}


def _threshold(lists, complete, k, drop=frozenset()):
    """The top k names of the shards' lists (shard -> its first names,
    most articles first, ties in key order), the names in drop left out,
    and whether they are certain: every count in the top exact, and no
    other name, seen or not, able to reach the k-th place with what the
    lists not yet complete could still hold (at most their last count
    each)."""
    bound = {i: (lst[-1]["articles"] if lst and i not in complete else 0)
             for i, lst in lists.items()}
    counts, seen_in, best = {}, {}, {}
    for i in sorted(lists):
        for x in lists[i]:
            counts[x["key"]] = counts.get(x["key"], 0) + x["articles"]
            seen_in.setdefault(x["key"], set()).add(i)
            b = best.get(x["key"])
            if b is None or x["articles"] > b[0]:
                best[x["key"]] = (x["articles"], x["name"])
    upper = {key: c + sum(b for i, b in bound.items() if i not in seen_in[key])
             for key, c in counts.items()}
    ranked = sorted((key for key in counts if key not in drop),
                    key=lambda key: (-counts[key], key))
    top = ranked[:k]
    out = [{"name": best[key][1], "key": key, "articles": counts[key]} for key in top]
    if any(upper[key] != counts[key] for key in top):
        return out, False
    unseen = sum(bound.values())
    if len(top) < k:
        return out, unseen == 0
    if k == 0:
        return out, True
    tc, tk = counts[top[-1]], top[-1]
    if unseen >= tc and unseen > 0:
        return out, False
    for key in ranked[k:]:
        if upper[key] > tc or (upper[key] == tc and key < tk):
            return out, False
    # a part left out could still be listed by a shard not yet complete,
    # whose sample might say it stands alone
    for key in drop:
        if key in counts and upper[key] > counts[key] and upper[key] >= tc:
            return out, False
    return out, True


def info(client, root, partial=False, timeout=60):
    """Each shard's byline info (dict) by shard number, and the missing."""
    c = Cluster(client, root, partial, timeout)
    missing = {}
    got = c._run(shardwork.info, list(range(c.n)), lambda i: (c.paths[i], c.gen), "info",
                 missing)
    return c.manifest, got, missing
