#!/usr/bin/env bash
# startup/run.sh - process start to first result: one whole command that
# opens the index, runs one query and prints the top 10, timed end to end.
#
#   byline  build/byline-search -i INDEX -n 10 --no-color QUERY
#   xapian  build/bench/peers/xapian_peer first DB QUERY   (C++ over libxapian)
#   fts5    build/bench/peers/fts5_peer first DB QUERY     (C over libsqlite3)
#
# Each prints the top 10 with a title and a snippet, as byline-search does.
# Without the compiled peers (`make peers`), peer.py runs them, and then
# the time includes Python's start: a figure for scale only.
#
# QUERY is BENCH_STARTUP_QUERY (default "oil prices"), the corpus
# BENCH_CORPUS (reuters21578).  With hyperfine (Debian package hyperfine):
# hyperfine -N --warmup 3 --runs BENCH_STARTUP_RUNS (default 30), and the
# median is reported; without it, a loop of the same runs timed with
# date +%s%N after 3 untimed ones.  The page cache is warm (the index was
# just built or used); nothing is dropped.
set -u
. "$(dirname "$0")/../lib/common.sh"
have_shared startup || exit 0
CORPUS=${BENCH_CORPUS:-reuters21578}
QUERY=${BENCH_STARTUP_QUERY:-oil prices}
RUNS=${BENCH_STARTUP_RUNS:-30}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

for engine in byline xapian fts5; do
    engine_on "$engine" || continue
    ensure_index "$engine" "$CORPUS" || continue
    idx=$(index_path "$engine" "$CORPUS")
    if [ "$engine" = byline ]; then
        cmd=("$BUILD/byline-search" -i "$idx" -n 10 --no-color "$QUERY")
    else
        if [ -x "$BUILD/bench/peers/${engine}_peer" ]; then
            cmd=("$BUILD/bench/peers/${engine}_peer" first "$idx" $QUERY)
        else
            cmd=("$PEER_PY" "$PEER" first "$engine" "$idx" "$QUERY")
        fi
    fi
    "${cmd[@]}" >/dev/null 2>&1 || { say "$engine: '$QUERY' found nothing or failed"; continue; }
    if command -v hyperfine >/dev/null 2>&1; then
        printf -v line '%q ' "${cmd[@]}"
        hyperfine -N --warmup 3 --runs "$RUNS" --export-json "$TMP/h.json" "$line" >/dev/null 2>&1 ||
            { say "hyperfine failed for $engine"; continue; }
        read -r med mean lo < <("$PY" -c "import json,sys; r=json.load(open(sys.argv[1]))['results'][0]; print(r['median']*1e3, r['mean']*1e3, r['min']*1e3)" "$TMP/h.json")
        tool=hyperfine
    else
        for _ in 1 2 3; do "${cmd[@]}" >/dev/null 2>&1; done
        : >"$TMP/t"
        for _ in $(seq "$RUNS"); do
            t0=$(date +%s%N); "${cmd[@]}" >/dev/null 2>&1; t1=$(date +%s%N)
            echo $(( (t1 - t0) / 1000 )) >>"$TMP/t"
        done
        med=$(awk '{print $1 / 1000}' "$TMP/t" | median)
        mean=$(awk '{s += $1} END {print s / NR / 1000}' "$TMP/t")
        lo=$(sort -g "$TMP/t" | head -1 | awk '{print $1 / 1000}')
        tool=loop
    fi
    result "bench=startup engine=$engine corpus=$CORPUS query=${QUERY// /+} runs=$RUNS tool=$tool" \
        "median_ms=$(printf '%.2f' "$med") mean_ms=$(printf '%.2f' "$mean") min_ms=$(printf '%.2f' "$lo")"
done
