#!/usr/bin/env bash
# run.sh - every Byline benchmark that can run here; what `make bench` runs.
#
#   bench/run.sh [SECTION...]        or   BENCH=query,names make bench
#
# Sections, in the order they run (default: all):
#   build          index build time, MB/s, peak RSS, size: every corpus x engine
#   query          latency p50/p95/p99 + QPS of the AOL logs (or/and/phrase)
#   startup        process start to first result (hyperfine)
#   codec          postings block decode vs vbyte vs Stream VByte
#   dict           term dictionary lookups
#   names          name queries: MAP, P@10 (Reuters-21578)
#   effectiveness  CISI and our news judgments (Reuters): MAP, nDCG@10, P@10, R@1000
#   dedup          near-duplicates: pairwise precision/recall on a generated
#                  corpus, cluster time, indexing time and size of the sketches
#   updates        add, replace, delete, merge, check beside a rebuild
#                  (bench/million/run.sh, a one-million-article build, is run
#                  on its own: it takes many minutes)
#
# Environment:
#   BENCH                sections, comma-separated (or give them as arguments)
#   BENCH_ENGINES        byline,xapian,fts5 (peers not installed are skipped;
#                        install them with bench/peers/setup.sh)
#   BENCH_CORPUS         corpus of query/startup/codec/dict (reuters21578)
#   BENCH_RUNS           timed passes over a query log (5)
#   BENCH_BUILD_RUNS     builds per corpus and engine (3)
#   BENCH_BUILD_CORPORA  corpora to build, comma-separated (all)
#   BENCH_SHARED         shared data (../shared from the repository root);
#                        without it only the synthetic codec benchmark runs
#   BENCH_WORK           scratch space for indexes and runs ($BUILD/bench-work)
#   BENCH_KEEP=1         reuse the indexes of an earlier run
#   BENCH_DEDUP_RUNS     builds per corpus in the dedup section (5)
#   BENCH_DEDUP_CORPORA  corpora whose indexing cost it measures (reuters21578,bbc)
#   BENCH_BASELINE       build tree of a commit without sketches, timed beside
#   BUILD                build tree (build)
# Every result is one line "bench=... key=value ..." on stdout, also
# appended to $BENCH_WORK/results.txt; progress goes to stderr.
# docs/PERFORMANCE.md describes the procedures and the latest results.
set -u
. "$(dirname "$0")/lib/common.sh"

case "${1:-}" in -h|--help) sed -n '2,/^set -u/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;; esac
SECTIONS=${*:-${BENCH:-all}}
SECTIONS=$(printf '%s\n' "$SECTIONS" | tr ',' ' ')
[ "$SECTIONS" = all ] && SECTIONS="build query startup codec dict names effectiveness dedup updates"
for s in $SECTIONS; do
    case $s in build|query|startup|codec|dict|names|effectiveness|dedup|updates) ;;
    *) say "unknown section '$s' (build query startup codec dict names effectiveness dedup updates)"; exit 2 ;;
    esac
done
for b in "$BUILD/byline-index" "$BUILD/byline-search" "$BUILD/bench/query_latency" \
         "$BUILD/bench/codec_decode" "$BUILD/bench/dict_lookup" "$BUILD/bench/dedup_clusters"; do
    [ -x "$b" ] || { say "$b is missing: run 'make bench' (or make all build/bench/NAME)"; exit 1; }
done

mkdir -p "$BENCH_WORK"
if [ "${BENCH_KEEP:-0}" != 1 ]; then rm -rf "$BENCH_WORK/idx" "$BENCH_WORK/names"; fi
start=$(date +%s)
say "$(date -u +%Y-%m-%dT%H:%M:%SZ) sections: $SECTIONS; engines: $BENCH_ENGINES; peers via ${PEER_PY:-none}"
rev=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
[ -n "$(git -C "$ROOT" --no-optional-locks status --porcelain --untracked-files=no 2>/dev/null)" ] && rev=$rev+modified
result "# run $(date -u +%Y-%m-%dT%H:%M:%SZ) host=$(hostname) commit=$rev sections=${SECTIONS// /,}"
CORPUS=${BENCH_CORPUS:-reuters21578}

for s in $SECTIONS; do
    say "== $s"
    case $s in
    build) "$ROOT/bench/index_build/run.sh" ;;
    query) "$ROOT/bench/query/run.sh" ;;
    startup) "$ROOT/bench/startup/run.sh" ;;
    codec)
        if [ -f "$(corpus_file "$CORPUS")" ] && ensure_index byline "$CORPUS"; then
            "$BUILD/bench/codec_decode" -i "$(index_path byline "$CORPUS")" -c "$CORPUS" | results
        else
            say "codec: no corpus $CORPUS, synthetic data only"
            "$BUILD/bench/codec_decode" | results
        fi ;;
    dict)
        have_shared dict && ensure_index byline "$CORPUS" &&
            "$BUILD/bench/dict_lookup" -i "$(index_path byline "$CORPUS")" -c "$CORPUS" | results ;;
    names) "$ROOT/bench/names/run.sh" ;;
    effectiveness) "$ROOT/bench/effectiveness/run.sh" ;;
    dedup) "$ROOT/bench/dedup/run.sh" ;;
    updates) "$ROOT/bench/updates/run.sh" ;;
    esac
done
say "done in $(( $(date +%s) - start )) s; results in $BENCH_RESULTS"
