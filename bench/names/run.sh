#!/usr/bin/env bash
# names/run.sh - name queries: MAP, P@10 (and nDCG@10) of Byline, Xapian and
# FTS5 on frequent multi-word names of a corpus (BENCH_NAMES_CORPUS, default
# reuters21578).
#
# 1. extract_names.py picks the top 100 names and their relevant documents
#    (the articles containing the exact name; procedure in its header).
# 2. Every name runs as an unquoted query, the words separated by spaces,
#    default (OR, ranked) semantics, 1000 results deep:
#      byline  byline-search -i INDEX --no-collapse --batch names.tsv -n 1000
#      xapian  peer.py batch xapian DB names.tsv --depth 1000  (QueryParser, OP_OR)
#      fts5    peer.py batch fts5 DB names.tsv --depth 1000    ("w1" OR "w2", bm25)
# 3. bench/lib/treceval.py scores the runs.
# The wall time of each whole batch is printed too (bench=batch), and Byline
# is run over a small grid of BM25 k1:b (BENCH_BM25_GRID): bench=bm25.
set -u
. "$(dirname "$0")/../lib/common.sh"
have_shared names || exit 0
CORPUS=${BENCH_NAMES_CORPUS:-reuters21578}
DEPTH=${BENCH_DEPTH:-1000}
[ -f "$(corpus_file "$CORPUS")" ] || { say "skipping names: no corpus $CORPUS"; exit 0; }
[ -n "$PY" ] || { say "skipping names: no python3"; exit 0; }
D=$BENCH_WORK/names/$CORPUS
mkdir -p "$D"
if [ ! -s "$D/names.tsv" ]; then
    say "extracting names from $CORPUS"
    "$PY" "$ROOT/bench/names/extract_names.py" "$(corpus_file "$CORPUS")" "$D" || exit 1
fi
nq=$(wc -l <"$D/names.tsv")
runs=() labels=()
for engine in byline xapian fts5; do
    engine_on "$engine" || continue
    ensure_index "$engine" "$CORPUS" || continue
    idx=$(index_path "$engine" "$CORPUS")
    t0=$(date +%s%N)
    if [ "$engine" = byline ]; then
        "$BUILD/byline-search" -i "$idx" --no-collapse --batch "$D/names.tsv" -n "$DEPTH" >"$D/$engine.run" 2>"$D/$engine.err"
    else
        "$PEER_PY" "$PEER" batch "$engine" "$idx" "$D/names.tsv" --depth "$DEPTH" >"$D/$engine.run" 2>"$D/$engine.err"
    fi
    t1=$(date +%s%N)
    [ -s "$D/$engine.err" ] && { say "$engine reported:"; head -3 "$D/$engine.err" >&2; }
    result "bench=batch engine=$engine corpus=$CORPUS log=names queries=$nq depth=$DEPTH" \
        "seconds=$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.2f", (b - a) / 1e9}')"
    runs+=("$D/$engine.run") labels+=(--label "$engine")
done
[ ${#runs[@]} -gt 0 ] || exit 0
"$PY" "$LIB/treceval.py" -c "$D/names.qrels" "${runs[@]}" "${labels[@]}" \
    --prefix "bench=names corpus=$CORPUS depth=$DEPTH" | results

# BM25 parameters: Byline alone over a small grid (BENCH_BM25_GRID, pairs
# k1:b; default the README's 1.2:0.75 and its neighbours), same queries.
GRID=${BENCH_BM25_GRID:-0.9:0.4 1.0:0.6 1.2:0.4 1.2:0.5 1.2:0.6 1.2:0.75 1.2:0.9 1.5:0.6 1.5:0.75 2.0:0.75}
if engine_on byline; then
    idx=$(index_path byline $CORPUS)
    for kb in $GRID; do
        k1=${kb%%:*} b=${kb##*:}
        "$BUILD/byline-search" -i "$idx" --no-collapse --batch "$D/names.tsv" -n "$DEPTH" --k1 "$k1" --b "$b" \
            >"$D/bm25.run" 2>/dev/null || continue
        "$PY" "$LIB/treceval.py" -c "$D/names.qrels" "$D/bm25.run" --label byline \
            --prefix "bench=bm25 corpus=$CORPUS depth=$DEPTH k1=$k1 b=$b" | results
    done
fi
