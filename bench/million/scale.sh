#!/usr/bin/env bash
# bench/million/scale.sh - Byline beside Xapian and FTS5 at scale: build,
# size, peak memory, in-process query latency and one search from the
# shell, on a corpus of COUNT articles made of real news sentences.
#
#   bench/million/scale.sh [COUNT...]          default: 100000 1000000
#
# For each COUNT:
#   1. the corpus: bench/million/make_corpus.py --seed 1 COUNT (its
#      docstring gives the procedure), written once to $OUT/news-COUNT.jsonl
#      and kept for later runs;
#   2. builds, each one whole process timed by /usr/bin/time (wall seconds,
#      peak RSS): byline-index build (default settings: --mem, threads),
#      bench/peers/xapian_peer build, bench/peers/fts5_peer build, each
#      reading the same JSON Lines file and storing the article text;
#      bench=scale step=build lines;
#   3. in process, warm: build/bench/query_latency and the peers' "query"
#      over the AOL logs (or, and, phrase), top 10, RUNS passes
#      (bench=query lines, as bench/query/run.sh);
#   4. one search from the shell: bench/lib/shell_time.py over the first 50
#      queries of aol-union.txt, whole processes, interleaved (bench=shell).
# Settings: OUT (/tmp/byline-scale), RUNS (5), SHELL_RUNS (5), SHARED
# (../shared), ENGINES (byline,xapian,fts5).  Result lines go to stdout;
# everything else to stderr.  Needs the compiled peers (make peers,
# bench/peers/setup.sh) and about 12 GB of disk for 1,000,000 articles.
set -u
cd "$(dirname "$0")/../.."
OUT=${OUT:-/tmp/byline-scale}
RUNS=${RUNS:-5}
SHELL_RUNS=${SHELL_RUNS:-5}
SHARED=${SHARED:-../shared}
ENGINES=${ENGINES:-byline,xapian,fts5}
COUNTS=${*:-100000 1000000}
P=build/bench/peers
[ -d "$SHARED/corpora" ] || { echo "scale: $SHARED/corpora not found: skipped" >&2; exit 0; }
make -s all peers build/bench/query_latency >&2 || exit 1
on() { case ",$ENGINES," in *",$1,"*) return 0 ;; esac; return 1; }
mkdir -p "$OUT"

for n in $COUNTS; do
    corpus=$OUT/news-$n.jsonl name=news$n
    if [ ! -s "$corpus" ]; then
        echo "scale: writing $corpus" >&2
        python3 bench/million/make_corpus.py --shared "$SHARED" "$n" "$corpus.tmp" && mv "$corpus.tmp" "$corpus" || exit 1
    fi
    for e in byline xapian fts5; do
        on "$e" || continue
        case $e in
        byline) idx=$OUT/$name.byline; cmd=(build/byline-index build -q -i "$idx" "$corpus") ;;
        xapian) idx=$OUT/$name.xapian; cmd=("$P/xapian_peer" build "$corpus" "$idx" --name "$name") ;;
        fts5) idx=$OUT/$name.fts5; cmd=("$P/fts5_peer" build "$corpus" "$idx" --name "$name") ;;
        esac
        rm -rf "$idx"
        echo "scale: $e builds $n articles ($(cut -d' ' -f1-3 /proc/loadavg))" >&2
        /usr/bin/time -f "%e %M" -o "$OUT/time" "${cmd[@]}" >/dev/null 2>"$OUT/err" ||
            { echo "scale: $e build failed:" >&2; tail -3 "$OUT/err" >&2; continue; }
        read -r secs kb <"$OUT/time"
        echo "bench=scale step=build engine=$e corpus=$name docs=$n seconds=$secs peak_rss_mib=$((kb / 1024)) index_mb=$(du -sm "$idx" | cut -f1) load1=$(cut -d' ' -f1 /proc/loadavg)"
    done
    for lm in aol-union:or aol-and:and aol-phrase:phrase; do
        log=$SHARED/queries/${lm%%:*}.txt mode=${lm##*:}
        [ -f "$log" ] || continue
        on byline && build/bench/query_latency -i "$OUT/$name.byline" -q "$log" -m "$mode" -r "$RUNS" -c "$name"
        on xapian && "$P/xapian_peer" query "$OUT/$name.xapian" "$log" --mode "$mode" --runs "$RUNS" --corpus "$name"
        on fts5 && "$P/fts5_peer" query "$OUT/$name.fts5" "$log" --mode "$mode" --runs "$RUNS" --corpus "$name"
    done
    args=()
    on byline && args+=("byline=build/byline-search -i $OUT/$name.byline -n 10 --no-color {q}")
    on xapian && args+=("xapian=$P/xapian_peer first $OUT/$name.xapian {q}")
    on fts5 && args+=("fts5=$P/fts5_peer first $OUT/$name.fts5 {q}")
    python3 bench/lib/shell_time.py --log "$SHARED/queries/aol-union.txt" --queries 50 \
        --runs "$SHELL_RUNS" --corpus "$name" "${args[@]}"
    # the memory of one search process (peak RSS; the index pages it maps count)
    for a in "${args[@]}"; do
        e=${a%%=*} c=${a#*=}
        for q in "oil prices" "the globe newspaper" "university of washington"; do
            # shellcheck disable=SC2086
            /usr/bin/time -f "%M" -o "$OUT/time" ${c/\{q\}/$q} >/dev/null 2>&1
            echo "bench=scale step=search_rss engine=$e corpus=$name query=${q// /+} peak_rss_kb=$(tail -1 "$OUT/time")"
        done
    done
    echo "scale: $n done ($(cut -d' ' -f1-3 /proc/loadavg))" >&2
done
