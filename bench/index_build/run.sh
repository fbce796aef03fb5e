#!/usr/bin/env bash
# index_build/run.sh - index build time, throughput, peak memory and index
# size of Byline, Xapian and SQLite FTS5 on each shared corpus.
#
# For each corpus (BENCH_BUILD_CORPORA, default: every corpora/*.jsonl.gz)
# and engine, BENCH_BUILD_RUNS (default 3) builds from scratch, each one
# process timed as a whole (wall clock, date +%s%N around it; peak RSS and
# user + system CPU seconds from /usr/bin/time -f '%M %U %S'):
#   byline  build/byline-index -q -i DIR CORPUS   (its default threads,
#           threads=default) and, when it has --threads, again with
#           --threads 1 (threads=1): the peers index on one thread
#   xapian  build/bench/peers/xapian_peer build CORPUS DIR  (C++ over libxapian)
#   fts5    build/bench/peers/fts5_peer build CORPUS DB     (C over libsqlite3)
#   (peer.py build ENGINE ... when the compiled peers were not built)
# The line reports medians over the runs; index_bytes is the size of the
# last build (every file of the index), text_mb the UTF-8 megabytes (10^6)
# of title + text of the indexed records, mb_per_s = text_mb / seconds.
# Every engine reads the gzip'd JSON Lines itself (the peers with zlib and
# jansson, as Byline does) and stores the article text.
set -u
. "$(dirname "$0")/../lib/common.sh"
have_shared index_build || exit 0

RUNS=${BENCH_BUILD_RUNS:-3}
if [ -n "${BENCH_BUILD_CORPORA:-}" ]; then
    CORPORA=$(printf '%s\n' "$BENCH_BUILD_CORPORA" | tr ',' ' ')
else
    CORPORA=$(cd "$BENCH_SHARED/corpora" && ls *.jsonl.gz | sed 's/\.jsonl\.gz$//' | sort)
fi
TIMER=
[ -x /usr/bin/time ] && TIMER=/usr/bin/time
[ -z "$TIMER" ] && say "no /usr/bin/time (Debian package 'time'): peak_rss_kb=NA cpu_s=NA"
VARIANTS="byline:default xapian:1 fts5:1"
"$BUILD/byline-index" --help 2>&1 | grep -q -- --threads && VARIANTS="byline:default byline:1 xapian:1 fts5:1"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

size_of() { du -sb --apparent-size "$1" | cut -f1; }

for corpus in $CORPORA; do
    file=$(corpus_file "$corpus")
    [ -f "$file" ] || { say "no corpus $file"; continue; }
    read -r docs tbytes < <("$PY" -c "import sys; sys.path.insert(0, '$LIB'); from querytext import text_bytes; print(*text_bytes(sys.argv[1]))" "$file")
    text_mb=$(awk -v b="$tbytes" 'BEGIN {printf "%.2f", b / 1e6}')
    for variant in $VARIANTS; do
        engine=${variant%%:*} threads=${variant##*:}
        engine_on "$engine" || continue
        dst=$(index_path "$engine" "$corpus")
        mkdir -p "$(dirname "$dst")"
        : >"$TMP/secs"; : >"$TMP/rss"; : >"$TMP/cpu"
        ok=1
        for _ in $(seq "$RUNS"); do
            rm -rf "$dst"
            case $engine in
            byline) cmd=("$BUILD/byline-index" build -q -i "$dst" "$file")
                [ "$threads" = 1 ] && cmd+=(--threads 1) ;;
            *) if [ -x "$BUILD/bench/peers/${engine}_peer" ]; then
                   cmd=("$BUILD/bench/peers/${engine}_peer" build "$file" "$dst")
               else
                   cmd=("$PEER_PY" "$PEER" build "$engine" "$file" "$dst")
               fi ;;
            esac
            t0=$(date +%s%N)
            if [ -n "$TIMER" ]; then
                "$TIMER" -f '%M %U %S' -o "$TMP/time" "${cmd[@]}" >/dev/null 2>"$TMP/err"
            else
                "${cmd[@]}" >/dev/null 2>"$TMP/err"
            fi
            rc=$?
            t1=$(date +%s%N)
            if [ $rc -ne 0 ]; then
                say "$engine failed on $corpus (exit $rc):"; tail -3 "$TMP/err" >&2
                ok=0; break
            fi
            echo $(( (t1 - t0) / 1000 )) | awk '{printf "%.3f\n", $1 / 1e6}' >>"$TMP/secs"
            if [ -n "$TIMER" ]; then
                tail -1 "$TMP/time" | awk '{print $1}' >>"$TMP/rss"
                tail -1 "$TMP/time" | awk '{printf "%.2f\n", $2 + $3}' >>"$TMP/cpu"
            fi
        done
        [ $ok = 1 ] || continue
        secs=$(median <"$TMP/secs")
        rss=NA cpu=NA
        if [ -n "$TIMER" ]; then
            rss=$(median <"$TMP/rss" | awk '{printf "%d", $1}')
            cpu=$(median <"$TMP/cpu")
        fi
        result "bench=build engine=$engine threads=$threads corpus=$corpus docs=$docs runs=$RUNS" \
            "text_mb=$text_mb seconds=$secs cpu_s=$cpu mb_per_s=$(awk -v m="$text_mb" -v s="$secs" 'BEGIN {printf "%.2f", m / s}')" \
            "peak_rss_kb=$rss index_bytes=$(size_of "$dst")" \
            "index_ratio=$(awk -v i="$(size_of "$dst")" -v b="$tbytes" 'BEGIN {printf "%.2f", i / b}')"
    done
done
