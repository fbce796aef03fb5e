#!/usr/bin/env python3
"""shell_time.py - one search from the shell, timed as the user waits for
it: the whole process, for each of several engines, over many queries,
interleaved so that a noisy machine hurts every engine alike.

    shell_time.py --log LOG [--queries 50] [--runs 5] [--corpus NAME]
                  [--per-query FILE] ENGINE=COMMAND [ENGINE=COMMAND ...]

COMMAND is a command line with {q} where the query goes, as separate words
(e.g. "build/byline-search -i IDX -n 10 --no-color {q}"); its output is
read and thrown away, as a terminal would show it.  The first QUERIES
distinct non-empty lines of LOG are the queries.

Procedure: one untimed round (files in the page cache, as after any
earlier search); then RUNS rounds, each running every query once with
every engine, the engines in a rotating order; each run is timed from
just before the process is started to just after it has exited
(time.perf_counter_ns around subprocess.run), which counts the start of a
process as the user pays it.  Per engine and query the median over the
rounds; then the median and p95 (nearest rank) over queries.  The
untimed round runs each process under /usr/bin/time for its memory: peak
resident set and minor page faults (a process forked by this interpreter
would report the interpreter's pages as its own peak).  Prints one line
per engine:

  bench=shell engine=E corpus=C log=L queries=N runs=R median_ms=.. p95_ms=.. mean_ms=.. failed=F
      rss_median_mb=.. rss_p95_mb=.. faults_median=.. faults_p95=..

(the rss and faults fields only when /usr/bin/time is there).

--per-query FILE writes each query's median per engine (tab-separated, a
header line of engine names), to see which queries make the p95.

failed counts runs that exited with a status other than 0 or 1 (1 is
"nothing found" for byline-search).
"""
import argparse
import math
import os
import shlex
import subprocess
import sys
import time

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from querytext import plain_words  # noqa: E402


def pct(sorted_v, p):
    if not sorted_v:
        return 0.0
    return sorted_v[max(1, min(len(sorted_v), int(math.ceil(p * len(sorted_v))))) - 1]


def median(v):
    s = sorted(v)
    n = len(s)
    return 0.0 if not n else s[n // 2] if n % 2 else (s[n // 2 - 1] + s[n // 2]) / 2


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--log", required=True)
    ap.add_argument("--queries", type=int, default=50)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--corpus", default="unknown")
    ap.add_argument("--per-query", help="write each query's median per engine here (TSV)")
    ap.add_argument("engines", nargs="+")
    a = ap.parse_args()
    engines = []
    for e in a.engines:
        name, _, cmd = e.partition("=")
        engines.append((name, shlex.split(cmd)))
    qs, seen = [], set()
    with open(a.log, encoding="utf-8") as f:
        for line in f:
            words = plain_words(line.strip())
            q = " ".join(words)
            if q and q not in seen:
                seen.add(q)
                qs.append(words)
            if len(qs) == a.queries:
                break
    times = {n: [[] for _ in qs] for n, _ in engines}
    mem = {n: [] for n, _ in engines}
    have_time = os.access("/usr/bin/time", os.X_OK)
    failed = {n: 0 for n, _ in engines}

    def argv_of(cmd, words):
        argv = []
        for x in cmd:
            if x == "{q}":
                argv.extend(words)
            else:
                argv.append(x)
        return argv

    def memory(cmd, words):
        r = subprocess.run(["/usr/bin/time", "-f", "@mem %M %R"] + argv_of(cmd, words),
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                           errors="replace")
        for line in r.stderr.splitlines():
            if line.startswith("@mem "):
                kb, flt = line.split()[1:3]
                return int(kb) / 1024.0, int(flt)
        return None

    def run(cmd, words):
        argv = argv_of(cmd, words)
        t = time.perf_counter_ns()
        r = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return (time.perf_counter_ns() - t) / 1e6, r.returncode

    for rnd in range(a.runs + 1):
        for qi, words in enumerate(qs):
            order = engines[rnd % len(engines):] + engines[:rnd % len(engines)]
            for name, cmd in order:
                if rnd == 0:
                    run(cmd, words)
                    m = memory(cmd, words) if have_time else None
                    if m:
                        mem[name].append(m)
                    continue
                ms, rc = run(cmd, words)
                times[name][qi].append(ms)
                if rc not in (0, 1):
                    failed[name] += 1
    log = os.path.splitext(os.path.basename(a.log))[0]
    if a.per_query:
        with open(a.per_query, "w", encoding="utf-8") as f:
            f.write("query\t" + "\t".join(n for n, _ in engines) + "\n")
            for qi, words in enumerate(qs):
                f.write(" ".join(words) + "\t" +
                        "\t".join("%.2f" % median(times[n][qi]) for n, _ in engines) + "\n")
    for name, _ in engines:
        per = sorted(median(v) for v in times[name])
        extra = ""
        if mem[name]:
            mb = sorted(m[0] for m in mem[name])
            flt = sorted(m[1] for m in mem[name])
            extra = (" rss_median_mb=%.1f rss_p95_mb=%.1f faults_median=%d faults_p95=%d"
                     % (median(mb), pct(mb, .95), median(flt), pct(flt, .95)))
        print("bench=shell engine=%s corpus=%s log=%s queries=%d runs=%d median_ms=%.2f "
              "p95_ms=%.2f mean_ms=%.2f failed=%d%s"
              % (name, a.corpus, log, len(qs), a.runs, median(per), pct(per, .95),
                 sum(per) / len(per) if per else 0, failed[name], extra), flush=True)


if __name__ == "__main__":
    main()
