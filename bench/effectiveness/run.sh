#!/usr/bin/env bash
# effectiveness/run.sh - ranking quality on CISI (1,460 abstracts, 76 judged
# queries): MAP, nDCG@10 and P@10 of Byline, Xapian and FTS5, 1000 deep.
#
# The queries (judgments/cisi.queries.tsv) are long natural-language text.
# Each is made into plain words by bench/lib/querytext.py plain_words()
# (query-syntax characters " ( ) * : + ^ ~ [ ] { } become spaces, a leading
# '-' is dropped, the words AND OR NOT NEAR are dropped); the same words go to
# every engine, run with default ranked-OR semantics:
#   byline  byline-search -i INDEX --no-collapse --batch queries.tsv -n 1000
#           (judgments are per article, and the peers do not collapse)
#   xapian  peer.py batch xapian (QueryParser, OP_OR, FLAG_DEFAULT)
#   fts5    peer.py batch fts5 ("w1" OR "w2" OR ..., ORDER BY bm25)
# Scored by bench/lib/treceval.py against judgments/cisi.qrels.  Then
# Byline alone over a small grid of BM25 k1:b (BENCH_BM25_GRID): bench=bm25.
set -u
. "$(dirname "$0")/../lib/common.sh"
have_shared effectiveness || exit 0
J=$BENCH_SHARED/judgments
DEPTH=${BENCH_DEPTH:-1000}
[ -f "$J/cisi.qrels" ] && [ -f "$(corpus_file cisi)" ] ||
    { say "skipping effectiveness: no CISI corpus or judgments"; exit 0; }
[ -n "$PY" ] || { say "skipping effectiveness: no python3"; exit 0; }
D=$BENCH_WORK/effectiveness
mkdir -p "$D"
"$PY" -c "
import sys
sys.path.insert(0, sys.argv[1])
from querytext import plain_words
for line in open(sys.argv[2], encoding='utf-8'):
    qid, _, q = line.rstrip('\n').partition('\t')
    if qid:
        print(qid + '\t' + ' '.join(plain_words(q)))
" "$LIB" "$J/cisi.queries.tsv" >"$D/queries.tsv"
runs=() labels=()
for engine in byline xapian fts5; do
    engine_on "$engine" || continue
    ensure_index "$engine" cisi || continue
    idx=$(index_path "$engine" cisi)
    if [ "$engine" = byline ]; then
        "$BUILD/byline-search" -i "$idx" --no-collapse --batch "$D/queries.tsv" -n "$DEPTH" >"$D/$engine.run" 2>"$D/$engine.err"
    else
        "$PEER_PY" "$PEER" batch "$engine" "$idx" "$D/queries.tsv" --depth "$DEPTH" >"$D/$engine.run" 2>"$D/$engine.err"
    fi
    [ -s "$D/$engine.err" ] && { say "$engine reported:"; head -3 "$D/$engine.err" >&2; }
    runs+=("$D/$engine.run") labels+=(--label "$engine")
done
[ ${#runs[@]} -gt 0 ] || exit 0
"$PY" "$LIB/treceval.py" "$J/cisi.qrels" "${runs[@]}" "${labels[@]}" \
    --prefix "bench=effectiveness corpus=cisi depth=$DEPTH" | results

# BM25 parameters: Byline alone over a small grid (BENCH_BM25_GRID, pairs
# k1:b; default the README's 1.2:0.75 and its neighbours), same queries.
GRID=${BENCH_BM25_GRID:-0.9:0.4 0.9:0.75 1.2:0.4 1.2:0.75 1.2:0.9 1.5:0.75 2.0:0.75}
if engine_on byline; then
    idx=$(index_path byline cisi)
    for kb in $GRID; do
        k1=${kb%%:*} b=${kb##*:}
        "$BUILD/byline-search" -i "$idx" --no-collapse --batch "$D/queries.tsv" -n "$DEPTH" --k1 "$k1" --b "$b" \
            >"$D/bm25.run" 2>/dev/null || continue
        "$PY" "$LIB/treceval.py" "$J/cisi.qrels" "$D/bm25.run" --label byline \
            --prefix "bench=bm25 corpus=cisi depth=$DEPTH k1=$k1 b=$b" | results
    done
fi
