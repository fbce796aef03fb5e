"""bylinecluster.fanout - one Dask task per shard, and their answers
gathered with every failure named: the shard, and why (its exception, a
worker that died under it, no answer in time).

Each shard's task is placed on a worker chosen by the shard number (the
workers in address order, round robin), so that the worker keeping the
shard open gets its queries; allow_other_workers lets the scheduler move
it when that worker is gone (the shard directory must then be readable
there: shared storage, docs/SCALING.md).

Not for: what the tasks do (shardwork.py) nor what is made of their
answers (dfs.py).
"""

import uuid

import byline
from distributed import wait
from distributed.scheduler import KilledWorker


class ShardFailure(Exception):
    """Shards gave no answer; .missing maps shard number -> reason.  The
    message names them all."""

    def __init__(self, missing, what):
        self.missing = dict(sorted(missing.items()))
        super().__init__("%s: %s" % (what, "; ".join("shard-%03d: %s" % (i, why)
                                                      for i, why in self.missing.items())))


# A query's own mistakes, the same on every shard: reported as such (exit
# 2), not as shard failures (ValueError and TypeError: the byline module's
# checks of search options, "since: '2025-13-01' is not an ISO 8601 date").
USER_ERRORS = (byline.ParseError, byline.InvalidArgument, ValueError, TypeError)


def placement(client, n):
    """Shard -> worker address: the workers in address order, round robin
    (every client computes the same while the workers stay)."""
    workers = sorted(client.scheduler_info()["workers"])
    if not workers:
        return {}
    return {i: workers[i % len(workers)] for i in range(n)}


def run(client, fn, shards, args, what, timeout=None, place=None):
    """Runs fn(*args(i)) for each shard i of shards and returns
    ({i: answer}, {i: reason}) : the answers of those that gave one, and
    why the others did not.  A query's own error (USER_ERRORS) and
    StatsMissing are raised as they are: they are answers about the query,
    not about a shard."""
    place = place or {}
    tag = uuid.uuid4().hex[:8]
    futs = {}
    for i in shards:
        w = place.get(i)
        futs[i] = client.submit(fn, *args(i), key="%s-shard-%03d-%s" % (what, i, tag),
                                pure=False, workers=[w] if w else None,
                                allow_other_workers=True)
    done, not_done = wait(list(futs.values()), timeout=timeout, return_when="ALL_COMPLETED") \
        if futs else (set(), set())
    got, missing = {}, {}
    # the answers in one round trip (f.result() one by one costs one each)
    fine = [i for i, f in futs.items() if f not in not_done and f.status == "finished"]
    try:
        got = dict(zip(fine, client.gather([futs[i] for i in fine])))
    except Exception:  # lost between wait and gather: each asked again below
        got = {}
        fine = []
    for i, f in futs.items():
        if i in got:
            continue
        if f in not_done:
            missing[i] = "no answer within %g s" % timeout
            f.cancel()
            continue
        if f.status == "finished":
            try:
                got[i] = f.result()
                continue
            except Exception:
                pass
        try:
            exc = f.exception()
        except Exception as e:  # cancelled: the scheduler lost it
            exc = e
        if isinstance(exc, USER_ERRORS) or isinstance(exc, byline.StatsMissing):
            for g in futs.values():
                g.cancel()
            raise exc
        if isinstance(exc, KilledWorker):
            missing[i] = "the workers running it died (%s)" % exc
        elif isinstance(exc, byline.Error):
            missing[i] = "%s: %s" % (type(exc).__name__, exc)
        else:
            missing[i] = "%s: %s" % (type(exc).__name__, exc)
    return got, missing
