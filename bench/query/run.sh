#!/usr/bin/env bash
# query/run.sh - query latency (p50/p95/p99, QPS) over the three AOL logs on
# one corpus (BENCH_CORPUS, default reuters21578), for Byline, Xapian and
# FTS5, single thread, warm, top BENCH_K (10), BENCH_RUNS (5) timed passes.
#
#   log              mode    Byline                    Xapian / FTS5
#   aol-union.txt    or      ranked words              OP_OR / "a" OR "b"
#   aol-and.txt      and     opts.all_required         OP_AND / "a" AND "b"
#   aol-phrase.txt   phrase  the quoted line as given  QueryParser / "a b"
#
# Byline: build/bench/query_latency (libbyline in process); peers: their
# compiled harnesses (build/bench/peers/*_peer query; peer.py if not built).  Both follow the same procedure (see
# query_latency.c).  All ask for the top K only (count=topk); Byline's OR log
# runs a second time with exact match counting (-x, count=exact: the
# exhaustive evaluator).  Indexes are built first if this run has none.
set -u
. "$(dirname "$0")/../lib/common.sh"
have_shared query || exit 0
CORPUS=${BENCH_CORPUS:-reuters21578}
RUNS=${BENCH_RUNS:-5}
K=${BENCH_K:-10}
Q=$BENCH_SHARED/queries
[ -f "$(corpus_file "$CORPUS")" ] || { say "skipping query: no corpus $CORPUS"; exit 0; }

for engine in byline xapian fts5; do
    engine_on "$engine" || continue
    ensure_index "$engine" "$CORPUS" || continue
    idx=$(index_path "$engine" "$CORPUS")
    for lm in aol-union:or aol-and:and aol-phrase:phrase; do
        log=$Q/${lm%%:*}.txt mode=${lm##*:}
        [ -f "$log" ] || { say "no query log $log"; continue; }
        if [ "$engine" = byline ]; then
            "$BUILD/bench/query_latency" -i "$idx" -q "$log" -m "$mode" -r "$RUNS" -k "$K" -c "$CORPUS"
            [ "$mode" = or ] &&
                "$BUILD/bench/query_latency" -i "$idx" -q "$log" -m "$mode" -r "$RUNS" -k "$K" -c "$CORPUS" -x
        else
            peer "$engine" query "$idx" "$log" --mode "$mode" --runs "$RUNS" -k "$K" --corpus "$CORPUS"
        fi | results
    done
done
