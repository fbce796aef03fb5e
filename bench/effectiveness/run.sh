#!/usr/bin/env bash
# effectiveness/run.sh - ranking quality of Byline, Xapian and FTS5 on every
# judged collection: MAP, nDCG@10, P@10 and recall@1000, 1000 deep.
#
#   bench/effectiveness/run.sh [COLLECTION...]     (default: all below)
#
# Collections (topics 'qid<TAB>query', TREC qrels):
#   cisi     ../shared/judgments/cisi.{queries.tsv,qrels}: 1,460 abstracts,
#            76 judged long natural-language queries
#   reuters  bench/effectiveness/reuters.{topics.tsv,qrels}: Reuters-21578,
#            our own news topics and judgments (JUDGING.md)
#   bbc      bench/effectiveness/bbc.{topics.tsv,qrels}, when present
#   agnews   bench/effectiveness/agnews.{topics.tsv,qrels}: AG News test
#            split (7,600 short 2004-5 items), our own topics
# News collections are also scored on their fixed train and test halves
# (odd / even topic number, JUDGING.md): split=all|train|test.
# Each query is made into plain words by bench/lib/querytext.py plain_words()
# (query-syntax characters " ( ) * : + ^ ~ [ ] { } become spaces, a leading
# '-' is dropped, the words AND OR NOT NEAR are dropped); the same words go to
# every engine, run with default ranked-OR semantics:
#   byline  byline-search -i INDEX --no-collapse --batch queries.tsv -n 1000
#           (judgments are per article, and the peers do not collapse)
#   xapian  peer.py batch xapian (QueryParser, OP_OR, FLAG_DEFAULT)
#   fts5    peer.py batch fts5 ("w1" OR "w2" OR ..., ORDER BY bm25)
# The runs are kept in $BENCH_WORK/effectiveness/COLLECTION/ENGINE.run and
# scored by bench/lib/treceval.py -c (trec_eval's measures): bench=effectiveness.
# Then Byline alone over a small grid of BM25 k1:b (BENCH_BM25_GRID): bench=bm25.
set -u
. "$(dirname "$0")/../lib/common.sh"
have_shared effectiveness || exit 0
[ -n "$PY" ] || { say "skipping effectiveness: no python3"; exit 0; }
J=$BENCH_SHARED/judgments
E=$ROOT/bench/effectiveness
DEPTH=${BENCH_DEPTH:-1000}
GRID=${BENCH_BM25_GRID:-0.9:0.4 1.0:0.6 1.2:0.4 1.2:0.5 1.2:0.6 1.2:0.75 1.2:0.9 1.5:0.6 1.5:0.75 2.0:0.75}

# Extra byline-search options for every Byline run (e.g. '--prf 0'), to
# compare a setting with the defaults.
BYLINE_OPTS=${BENCH_BYLINE_OPTS:-}

# collection NAME CORPUS TOPICS QRELS [--split]
collection() {
    local name=$1 corpus=$2 topics=$3 qrels=$4 split=${5:-} D=$BENCH_WORK/effectiveness/$1
    [ -f "$qrels" ] && [ -f "$topics" ] && [ -f "$(corpus_file "$corpus")" ] ||
        { say "skipping $name: no corpus $corpus or judgments"; return 0; }
    mkdir -p "$D"
    "$PY" -c "
import sys
sys.path.insert(0, sys.argv[1])
from querytext import plain_words
for line in open(sys.argv[2], encoding='utf-8'):
    qid, _, q = line.rstrip('\n').partition('\t')
    if qid and not qid.startswith('#'):
        print(qid + '\t' + ' '.join(plain_words(q)))
" "$LIB" "$topics" >"$D/queries.tsv"
    local runs=() labels=() engine idx
    for engine in byline xapian fts5; do
        engine_on "$engine" || continue
        ensure_index "$engine" "$corpus" || continue
        idx=$(index_path "$engine" "$corpus")
        if [ "$engine" = byline ]; then
            "$BUILD/byline-search" -i "$idx" --no-collapse --batch "$D/queries.tsv" -n "$DEPTH" $BYLINE_OPTS >"$D/$engine.run" 2>"$D/$engine.err"
        else
            "$PEER_PY" "$PEER" batch "$engine" "$idx" "$D/queries.tsv" --depth "$DEPTH" >"$D/$engine.run" 2>"$D/$engine.err"
        fi
        [ -s "$D/$engine.err" ] && { say "$engine reported:"; head -3 "$D/$engine.err" >&2; }
        runs+=("$D/$engine.run") labels+=(--label "$engine")
    done
    [ ${#runs[@]} -gt 0 ] || return 0
    "$PY" "$LIB/treceval.py" -c $split "$qrels" "${runs[@]}" "${labels[@]}" \
        --prefix "bench=effectiveness corpus=$name depth=$DEPTH" | results
    # BM25 parameters: Byline alone over a small grid (pairs k1:b), same queries
    engine_on byline || return 0
    idx=$(index_path byline "$corpus")
    local kb k1 b
    for kb in $GRID; do
        k1=${kb%%:*} b=${kb##*:}
        "$BUILD/byline-search" -i "$idx" --no-collapse --batch "$D/queries.tsv" -n "$DEPTH" --k1 "$k1" --b "$b" $BYLINE_OPTS \
            >"$D/bm25.run" 2>/dev/null || continue
        "$PY" "$LIB/treceval.py" -c $split "$qrels" "$D/bm25.run" --label byline \
            --prefix "bench=bm25 corpus=$name depth=$DEPTH k1=$k1 b=$b" | results
    done
}

for c in ${*:-cisi reuters bbc agnews}; do
    case $c in
    cisi) collection cisi cisi "$J/cisi.queries.tsv" "$J/cisi.qrels" ;;
    reuters) collection reuters reuters21578 "$E/reuters.topics.tsv" "$E/reuters.qrels" --split ;;
    bbc) collection bbc bbc "$E/bbc.topics.tsv" "$E/bbc.qrels" --split ;;
    agnews) collection agnews agnews_test "$E/agnews.topics.tsv" "$E/agnews.qrels" --split ;;
    *) say "unknown collection '$c' (cisi reuters bbc agnews)"; exit 2 ;;
    esac
done
