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

import threading
import uuid

import byline
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
    # One round trip: gather what succeeds (errors="skip"); a timer cancels
    # what has not answered in time (wait() then gather() cost two, and a
    # round trip is 15 to 60 ms here).
    late = set()

    def expire():
        for i, f in futs.items():
            if not f.done():
                late.add(i)
                f.cancel()

    timer = threading.Timer(timeout, expire) if timeout else None
    if timer:
        timer.daemon = True
        timer.start()
    lost = None
    try:
        answers = client.gather(list(futs.values()), errors="skip") if futs else []
    except Exception as e:  # the client lost the scheduler
        answers, lost = None, e
    finally:
        if timer:
            timer.cancel()
    got, missing = {}, {}
    fine = [i for i, f in futs.items() if f.status == "finished"]
    if answers is not None and len(answers) == len(fine):
        got = dict(zip(fine, answers))
    for i, f in futs.items():
        if i in got:
            continue
        if i in late:
            missing[i] = "no answer within %g s" % timeout
            continue
        if lost is not None and f.status not in ("finished", "error"):
            missing[i] = "no answer: %s: %s" % (type(lost).__name__, lost)
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
        if exc is None:
            missing[i] = "its task was cancelled (the scheduler lost it)"
        elif isinstance(exc, KilledWorker):
            missing[i] = "the workers running it died (%s)" % exc
        elif isinstance(exc, byline.Error):
            missing[i] = "%s: %s" % (type(exc).__name__, exc)
        else:
            missing[i] = "%s: %s" % (type(exc).__name__, exc)
    return got, missing
