#!/usr/bin/env bash
# dedup/run.sh - near-duplicate detection: clustering quality against ground
# truth, the time to find the clusters, and what the sketches cost in
# indexing time and index size.
#
# 1. make_corpus.py (fixed seed; BENCH_DEDUP_SEED) writes a corpus of
#    syndicated copies and same-topic distinct stories from Reuters-21578
#    and BBC into $BENCH_WORK/dedup/, with ground-truth labels;
# 2. byline-index indexes it; build/bench/dedup_clusters prints every
#    article's cluster and the median time of 5 cluster builds;
#    eval.py scores the clusters pairwise:
#      bench=dedup_quality docs=N true_pairs=.. predicted_pairs=.. correct_pairs=..
#            precision=.. recall=..
#      bench=dedup_clusters docs=N clusters=C ms=T   (for the dedup corpus
#            and for each corpus of BENCH_DEDUP_CORPORA)
# 3. For each corpus of BENCH_DEDUP_CORPORA (reuters21578,bbc), indexing
#    time: BENCH_DEDUP_RUNS (5) builds with build/byline-index, and, when
#    BENCH_BASELINE is a build tree of a commit without sketches, as many
#    with its byline-index, alternating; medians of wall-clock seconds and
#    of CPU seconds (user + system, /usr/bin/time: on a shared, loaded
#    machine the steadier of the two); index size and the bytes of the
#    sketches (--stats):
#      bench=dedup_cost corpus=.. runs=.. seconds=.. baseline_seconds=..
#            slowdown_pct=.. cpu_s=.. baseline_cpu_s=.. cpu_slowdown_pct=..
#            index_bytes=.. fingerprint_bytes=.. fingerprint_pct=..
set -u
. "$(dirname "$0")/../lib/common.sh"
have_shared dedup || exit 0

W=$BENCH_WORK/dedup
RUNS=${BENCH_DEDUP_RUNS:-5}
CORPORA=$(printf '%s\n' "${BENCH_DEDUP_CORPORA:-reuters21578,bbc}" | tr ',' ' ')
BASE=${BENCH_BASELINE:-}
mkdir -p "$W"

"$PY" "$ROOT/bench/dedup/make_corpus.py" --shared "$BENCH_SHARED" \
    ${BENCH_DEDUP_SEED:+--seed "$BENCH_DEDUP_SEED"} "$W/corpus" >&2 || exit 1
rm -rf "$W/idx"
"$BUILD/byline-index" build -q -i "$W/idx" "$W/corpus/corpus.jsonl" 2>/dev/null || exit 1
# time computing the clusters, not reading the cache byline-index saved
rm -f "$W/idx"/*.clusters
"$BUILD/bench/dedup_clusters" -i "$W/idx" >"$W/clusters.tsv" 2>"$W/clusters.err" || exit 1
"$PY" "$ROOT/bench/dedup/eval.py" "$W/corpus/labels.tsv" "$W/clusters.tsv" | results
results <"$W/clusters.err"

for corpus in $CORPORA; do
    file=$(corpus_file "$corpus")
    [ -f "$file" ] || { say "no corpus $file"; continue; }
    : >"$W/t.new"; : >"$W/t.base"; : >"$W/c.new"; : >"$W/c.base"
    timed() { # BIN DIR WALLFILE CPUFILE
        rm -rf "$2"
        local t0
        t0=$(date +%s%N)
        /usr/bin/time -f '%U %S' -o "$W/time" "$1/byline-index" build -q -i "$2" "$file" 2>/dev/null
        echo $(( $(date +%s%N) - t0 )) >>"$3"
        awk '{print $1 + $2}' "$W/time" >>"$4"
    }
    for _ in $(seq "$RUNS"); do
        timed "$BUILD" "$W/ix-new" "$W/t.new" "$W/c.new"
        [ -n "$BASE" ] && timed "$BASE" "$W/ix-base" "$W/t.base" "$W/c.base"
    done
    new=$(median <"$W/t.new" | awk '{printf "%.3f", $1 / 1e9}')
    cpu=$(median <"$W/c.new")
    base=NA slow=NA bcpu=NA cslow=NA
    if [ -n "$BASE" ]; then
        base=$(median <"$W/t.base" | awk '{printf "%.3f", $1 / 1e9}')
        slow=$(awk -v a="$new" -v b="$base" 'BEGIN {printf "%.1f", (a / b - 1) * 100}')
        bcpu=$(median <"$W/c.base")
        cslow=$(awk -v a="$cpu" -v b="$bcpu" 'BEGIN {printf "%.1f", (a / b - 1) * 100}')
    fi
    bytes=$("$BUILD/byline-search" -i "$W/ix-new" --stats | awk '$1 == "bytes" {print $2}')
    fp=$("$BUILD/byline-search" -i "$W/ix-new" --stats | awk '$1 == "fingerprints" {print $2}')
    pct=$(awk -v a="$fp" -v b="$bytes" 'BEGIN {printf "%.1f", a * 100 / b}')
    result "bench=dedup_cost corpus=$corpus runs=$RUNS seconds=$new baseline_seconds=$base slowdown_pct=$slow cpu_s=$cpu baseline_cpu_s=$bcpu cpu_slowdown_pct=$cslow index_bytes=$bytes fingerprint_bytes=$fp fingerprint_pct=$pct"
    rm -f "$W/ix-new"/*.clusters
    "$BUILD/bench/dedup_clusters" -i "$W/ix-new" 2>&1 >/dev/null | sed "s/^bench=dedup_clusters /bench=dedup_clusters corpus=$corpus /" | results
done
