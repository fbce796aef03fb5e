#!/usr/bin/env bash
# End-to-end tests: run byline-index and byline-search on the fixture corpus
# and on bad input, and compare what they print and return with what is
# expected.  Ends with a line "N passed, N failed".
set -u
cd "$(dirname "$0")/.."
B=${BUILD:-build}
IDX_BIN="$B/byline-index"
SRCH_BIN="$B/byline-search"
T=$(mktemp -d /tmp/byline-e2e.XXXXXX)
trap 'rm -rf "$T"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); printf 'FAIL: %s\n' "$*" >&2; }
check() { # description, then a command that must succeed
    local what=$1; shift
    if "$@"; then ok; else bad "$what"; fi
}

# ---- build the fixture index ----
"$IDX_BIN" -i "$T/ix" tests/data/corpus 2>"$T/build.err"
rc=$?
check "index builds (exit $rc)" test $rc -eq 0
check "38 articles indexed, none skipped" grep -q '38 indexed, 0 skipped' "$T/build.err"

# ---- ranked results of the queries in tests/e2e/queries.tsv ----
n=0
while IFS=$'\t' read -r query want opts; do
    case "$query" in ''|'#'*) continue ;; esac
    n=$((n + 1))
    want=${want//T\//tests\/data\/corpus\/text\/}
    # shellcheck disable=SC2086
    got=$(printf '%s\n' "$query" | "$SRCH_BIN" -i "$T/ix" $opts --batch - | awk '{printf "%s%s", sep, $3; sep=" "}')
    [ -n "$got" ] || got=-
    if [ "$got" = "$want" ]; then ok; else bad "query [$query] $opts: got [$got], want [$want]"; fi
done < tests/e2e/queries.tsv

# ---- output formats ----
out=$("$SRCH_BIN" -i "$T/ix" -n 1 '"export controls"' | tail -n +2)
check "text output shows rank, score, date, title, id, [highlighted] snippet" \
    test "$out" = " 1.   8.2052  2025-11-26  U.S. tightens export controls on advanced semiconductor tools
    feed-001  ·  Daniel Okafor  ·  Byline Test Wire
    …on Wednesday widened [export] [controls] on advanced semiconductor manufacturing equipment, adding 14 Chinese chipmakers to its entity list and…"
out=$(NO_COLOR=1 "$SRCH_BIN" -i "$T/ix" -n 1 '"export controls"' | tail -1)
check "NO_COLOR: no markers" test "$out" = "    …on Wednesday widened export controls on advanced semiconductor manufacturing equipment, adding 14 Chinese chipmakers to its entity list and…"
out=$("$SRCH_BIN" -i "$T/ix" --json -n 1 'LeiFeng.com')
check "json output" python3 -c '
import json, sys
o = json.loads(sys.argv[1])
assert o["id"] == "feed-005" and o["rank"] == 1 and o["date"].startswith("2025-")
assert set(o) >= {"id", "score", "title", "date", "author", "source", "snippet", "matches"}
s, e = o["matches"][0]
assert o["snippet"].encode()[s:e].decode() == "LeiFeng.com", o
' "$out"
out=$("$SRCH_BIN" -i "$T/ix" --count semiconductor)
check "--count" test "$out" = 6
out=$("$SRCH_BIN" -i "$T/ix" --json -n 2 --offset 1 semiconductor | python3 -c 'import sys,json; print(" ".join(json.loads(l)["id"] for l in sys.stdin))')
check "--offset pages" test "$out" = "WIRE-2025-0006 feed-012"
out=$(printf 'q1\tsaffron\nwheat\n' | "$SRCH_BIN" -i "$T/ix" --batch -)
check "--batch labels hits with the query id" test "$out" = "q1 Q0 tests/data/corpus/text/world/kashmir-saffron.txt 1 4.287097 byline
2 Q0 9002 1 5.614330 byline"
out=$("$SRCH_BIN" -i "$T/ix" --show 9002 | head -2)
check "--show prints the stored article" test "$out" = "$(printf 'AUSTRALIAN WHEAT BOARD SELLS 500,000 TONNES TO EGYPT\nid: 9002')"

out=$("$SRCH_BIN" -i "$T/ix" --names -n 2)
check "--names: most frequent names, written as in the articles" test "$out" = "     3  Qiao Mu
     3  Qiao Siyuan"
out=$("$SRCH_BIN" -i "$T/ix" --names -n 1 --json 'yiming zhang')
check "--names QUERY --json: names among the matches" test "$out" = '{"name":"Zhang Yiming","key":"yiming zhang","articles":2}'

out=$("$SRCH_BIN" -i "$T/ix" -n 1 --explain 'qiao siyuan' | tail -4)
check "--explain: a line per matching term, the name with its bonus" test "$out" = "      text:qiao  tf 8  idf 1.7918  length 179 (average 162.2)  = 3.1635
      text:siyuan  tf 7  idf 2.1595  length 179 (average 162.2)  = 3.7500
      name:qiao siyuan  tf 6  idf 2.4108  length 8 (average 2.6)  name bonus 7.9025  = 11.4043
      text:\"qiao siyuan\"  phrase freq 7  idf 3.9512  length 179 (average 162.2)  name bonus 7.9025  = 14.7639"
out=$("$SRCH_BIN" -i "$T/ix" -n 3 --explain --no-color 'Qiao siyuan' | grep -c '^      name:')
check "--explain: a query that capitalises names takes no lower-case run as a known name" test "$out" = 0
out=$("$SRCH_BIN" -i "$T/ix" -n 3 --explain --no-color 'Chile US' | grep -c 'name bonus')
check "--explain: an acronym does not join a capitalised word into a name" test "$out" = 0
out=$("$SRCH_BIN" -i "$T/ix" -n 3 --explain --no-color 'Chile Lithium' | grep -c 'name bonus')
check "--explain: two capitalised words still make a name" test "$out" -gt 0
out=$("$SRCH_BIN" -i "$T/ix" -n 3 --explain --no-color 'What is the story of the saffron harvest in Kashmir' | grep -Ec 'text:(what|is|the|of|in) ')
check "--explain: a long question scores no function words" test "$out" = 0
out=$("$SRCH_BIN" -i "$T/ix" -n 1 --json --explain --recent 30d semiconductor | python3 -c 'import sys,json; print(json.loads(sys.stdin.read())["explain"].splitlines()[-1])')
check "--explain --json: recency factor" test "$out" = "recency: x 0.9859 (half-life 30.0 days)"
"$SRCH_BIN" -i "$T/ix" --sort newest x >/dev/null 2>&1
check "--sort: bad value is a usage error" test $? -eq 2

out=$("$SRCH_BIN" -i "$T/ix" --stats | head -2)
check "--stats: articles and date range" test "$out" = "articles        38
dates           1987-02-26 .. 2025-11-27"

# ---- near-duplicates: syndicated copies are collapsed (tests/data/corpus/syndicated.jsonl) ----
out=$("$SRCH_BIN" -i "$T/ix" rotterdam strike | sed -n '1p;2p;5p')
check "collapsed: header counts matches and stories; '+2 similar' on the cluster's best copy" test "$out" = "4 matches, 2 distinct (--no-collapse shows all)
 1.   6.7459  2025-10-08  Rotterdam dockworkers suspend strike as mediators draft crane deal
 2.   6.4917  2025-10-06  Dock strike halts Rotterdam container terminals  (+2 similar)"
check "--count counts stories" test "$("$SRCH_BIN" -i "$T/ix" --count rotterdam)" = 2
check "--no-collapse --count counts articles" test "$("$SRCH_BIN" -i "$T/ix" --no-collapse --count rotterdam)" = 4
out=$("$SRCH_BIN" -i "$T/ix" --json rotterdam strike | python3 -c 'import sys,json; print(" ".join("%s:%d" % (o["id"], o["similar"]) for o in map(json.loads, sys.stdin)))')
check "--json: similar field" test "$out" = "syn-004:0 syn-002:2"
out=$("$SRCH_BIN" -i "$T/ix" --json --collapse oldest rotterdam strike | python3 -c 'import sys,json; print(" ".join(json.loads(l)["id"] for l in sys.stdin))')
check "--collapse oldest: the original stands for its copies" test "$out" = "syn-004 syn-001"
out=$("$SRCH_BIN" -i "$T/ix" --json -n 1 --offset 1 rotterdam strike | python3 -c 'import sys,json; print(" ".join(json.loads(l)["id"] for l in sys.stdin))')
check "--offset pages over stories" test "$out" = "syn-002"
out=$("$SRCH_BIN" -i "$T/ix" --similar syn-003 | sed -n '1p;2p;4p;6p')
check "--similar lists the cluster, oldest first" test "$out" = "3 articles in the cluster of syn-003
 1. 2025-10-06  Rotterdam dockworkers strike over automation, ships queue at sea
 2. 2025-10-06  Dock strike halts Rotterdam container terminals
 3. 2025-10-07  ROTTERDAM DOCKWORKERS STRIKE OVER AUTOMATION"
check "--similar: the distinct story on the same topic is alone" test "$("$SRCH_BIN" -i "$T/ix" --similar syn-004 | head -1)" = "1 article in the cluster of syn-004"
"$SRCH_BIN" -i "$T/ix" --similar nosuchid >/dev/null 2>&1
check "--similar: unknown id exits 1" test $? -eq 1
"$SRCH_BIN" -i "$T/ix" --collapse newest x >/dev/null 2>&1
check "--collapse: bad value is a usage error" test $? -eq 2
head -1 tests/data/corpus/syndicated.jsonl >"$T/syn-a.jsonl"
tail -n +2 tests/data/corpus/syndicated.jsonl >"$T/syn-b.jsonl"
"$IDX_BIN" -q -i "$T/ia" "$T/syn-a.jsonl" 2>/dev/null
"$IDX_BIN" -q -i "$T/ib" "$T/syn-b.jsonl" 2>/dev/null
check "clusters span indexes searched together (--count)" \
    test "$("$SRCH_BIN" -i "$T/ia" -i "$T/ib" --count rotterdam)" = 2
check "clusters span indexes searched together (--similar)" \
    test "$("$SRCH_BIN" -i "$T/ia" -i "$T/ib" --similar syn-001 | head -1)" = "3 articles in the cluster of syn-001"

# ---- exit codes and messages ----
"$SRCH_BIN" -i "$T/ix" nosuchwordanywhere >/dev/null 2>"$T/err"
check "no result: exit 1" test $? -eq 1
check "no result: a message" grep -q 'no article matches' "$T/err"
"$SRCH_BIN" -i "$T/ix" '"unclosed phrase' >/dev/null 2>"$T/err"
check "bad query: exit 2" test $? -eq 2
check "bad query: names the column" grep -q 'column 1: unbalanced quote' "$T/err"
"$SRCH_BIN" -i "$T/ix" -- '-only -excluded' >/dev/null 2>"$T/err"
check "only excluded words: exit 2 with an explanation" grep -q 'only excluded' "$T/err"
"$SRCH_BIN" -i "$T/nothere" x >/dev/null 2>"$T/err"
check "missing index: exit 2" test $? -eq 2
check "missing index: says how to build one" grep -q 'byline-index' "$T/err"
"$IDX_BIN" >/dev/null 2>&1
check "indexer without arguments: usage error 2" test $? -eq 2
"$IDX_BIN" -i "$T/small" --mem 8M tests/data/corpus >/dev/null 2>"$T/err"
check "--mem below what can be honoured: usage error naming the minimum" grep -q 'at least 32M' "$T/err"
"$SRCH_BIN" --help | grep -q 'Query syntax'
check "--help documents the query syntax" test $? -eq 0

# ---- damaged indexes are reported, not crashed on ----
cp -r "$T/ix" "$T/dam"
seg=$(ls "$T"/dam/*.seg | head -1)
size=$(stat -c %s "$seg")
head -c $((size / 2)) "$seg" >"$seg.cut" && mv "$seg.cut" "$seg"
"$SRCH_BIN" -i "$T/dam" semiconductor >/dev/null 2>"$T/err"
check "truncated segment: exit 2" test $? -eq 2
check "truncated segment: says damaged" grep -q 'damaged' "$T/err"
cp "$T/ix/MANIFEST" "$T/dam/MANIFEST"
printf '\x01' | dd of="$T/dam/MANIFEST" bs=1 seek=20 conv=notrunc 2>/dev/null
"$SRCH_BIN" -i "$T/dam" semiconductor >/dev/null 2>"$T/err"
check "corrupt manifest: exit 2 with a checksum message" grep -q 'checksum' "$T/err"
rm -rf "$T/dam"; cp -r "$T/ix" "$T/dam"
seg=$(ls "$T"/dam/*.seg | head -1)
printf '\xff' | dd of="$seg" bs=1 seek=300 conv=notrunc 2>/dev/null
"$SRCH_BIN" -i "$T/dam" --batch tests/e2e/queries.tsv >/dev/null 2>"$T/err"
check "flipped byte in postings: detected (exit 2)" test $? -eq 2
check "flipped byte: names the page" grep -q 'fails its checksum' "$T/err"

# ---- every input route: each format alone, gzip, stdin ----
count_of() { "$SRCH_BIN" -i "$1" --count 'date:1900..2100' 2>/dev/null; }
"$IDX_BIN" -q -i "$T/j" - <tests/data/corpus/feed.jsonl 2>/dev/null
check "JSONL from stdin" test "$(count_of "$T/j")" = 12
"$IDX_BIN" -q -i "$T/g" - <tests/data/corpus/archive.jsonl.gz 2>/dev/null
check "gzip JSONL from stdin" test "$(count_of "$T/g")" = 5
"$IDX_BIN" -q -i "$T/t" tests/data/corpus/wire.trec tests/data/corpus/wire2.trec.gz 2>/dev/null
check "TREC and gzip TREC" test "$("$SRCH_BIN" -i "$T/t" --count 'quantum OR ishiba')" = 2
"$IDX_BIN" -q -i "$T/r" --format reuters tests/data/corpus/reuters.sgm 2>/dev/null
check "Reuters SGML (--format)" test "$(count_of "$T/r")" = 4
"$IDX_BIN" -q -i "$T/p" tests/data/corpus/text 2>/dev/null
check "plain-text directory with a .txt.gz" test "$("$SRCH_BIN" -i "$T/p" --count 'effluent OR saffron OR resume')" = 3

# ---- bad input: reported with file and line, skipped, counted; the run goes on ----
mkdir -p "$T/bad"
{
    echo '{"id":"g1","title":"Good one","text":"A valid article about tractors."}'
    echo '{"id":"b1","title":"Broken", "text": '
    printf '{"id":"b2","title":"Bad bytes","text":"caf\xe9 au lait"}\n'
    echo '{"id":"b3","title":"","text":""}'
    printf '{"id":"b4","text":"nul \x00\x01\x02\x03\x04\x05\x06 bytes"}\n'
    echo '{"id":"g2","title":"Good two","text":"Another valid article about tractors."}'
} >"$T/bad/mixed.jsonl"
printf '<DOC>\n<DOCNO> T1 </DOCNO>\n<TEXT>never closed tractors\n<DOC>\n<DOCNO> T2 </DOCNO>\n<TEXT>closed tractors</TEXT>\n</DOC>\n' >"$T/bad/unclosed.trec"
# fixed bytes (seeded), so the file cannot happen to look like gzip or JSON
python3 -c 'import random, sys; r = random.Random(7)
sys.stdout.buffer.write(bytes([0x80]) + bytes(r.randrange(256) for _ in range(20000)))' >"$T/bad/garbage.txt"
for i in $(seq 1 400); do echo "{\"id\":\"z$i\",\"title\":\"Tractor report $i\",\"text\":\"Tractors sold in week $i were counted by the ministry.\"}"; done | gzip -n >"$T/full.gz"
head -c $(( $(stat -c %s "$T/full.gz") * 2 / 3 )) "$T/full.gz" >"$T/bad/truncated.jsonl.gz"
{ printf '{"id":"huge","text":"'; head -c 100000000 /dev/zero | tr '\0' 'a'; printf '"}\n'; echo '{"id":"after","text":"The line after the huge one mentions tractors."}'; } >"$T/bad/huge.jsonl"
"$IDX_BIN" -i "$T/b" "$T/bad" 2>"$T/bad.err"
rc=$?
check "bad input: exit 0 (something was indexed)" test $rc -eq 0
check "malformed JSON: file and line" grep -q 'mixed.jsonl:2: skipped: malformed JSON' "$T/bad.err"
check "invalid UTF-8: file and line" grep -q 'mixed.jsonl:3: skipped: invalid UTF-8' "$T/bad.err"
check "no text: file and line" grep -q 'mixed.jsonl:4: skipped: no text' "$T/bad.err"
check "binary record: file and line" grep -q 'mixed.jsonl:5: skipped: binary data' "$T/bad.err"
check "unclosed SGML element: reported" grep -q 'unclosed.trec:1: skipped: malformed SGML' "$T/bad.err"
check "binary file: reported" grep -q 'garbage.txt.*skipped: binary data' "$T/bad.err"
check "truncated gzip: reported with offset" grep -Eq 'truncated.jsonl.gz.*(byte [0-9]+|:[0-9]+).*skipped: truncated or corrupt gzip' "$T/bad.err"
check "100 MB line: reported" grep -q 'huge.jsonl:1: skipped: record too long' "$T/bad.err"
check "summary counts skips by reason" grep -Eq 'skipped \(malformed JSON 1, invalid UTF-8 1, no text 1, truncated or corrupt gzip stream 1, malformed SGML 1, binary data 2, record too long 1\)' "$T/bad.err"
check "good records around bad ones are indexed" test "$("$SRCH_BIN" -i "$T/b" --count 'id:g1 OR id:g2 OR id:T2 OR id:after')" = 4
check "records before the gzip damage are indexed" test "$("$SRCH_BIN" -i "$T/b" --no-collapse --count 'title:tractor')" -gt 100

# ---- nothing indexable: exit 1, previous index untouched ----
"$IDX_BIN" -i "$T/ix" "$T/bad/garbage.txt" 2>"$T/err"
check "nothing indexed: exit 1" test $? -eq 1
check "nothing indexed: old index intact" test "$("$SRCH_BIN" -i "$T/ix" --count semiconductor)" = 6

# ---- an interrupted build leaves the previous index as it was ----
for i in $(seq 1 60000); do echo "{\"id\":\"k$i\",\"title\":\"Harvest bulletin $i\",\"text\":\"Farmers in district $i reported combine harvesters, tractors and grain silos at record levels for week $((i % 52)).\"}"; done >"$T/big.jsonl"
"$IDX_BIN" -q -i "$T/ix" --mem 32M "$T/big.jsonl" 2>/dev/null &
pid=$!
sleep 0.4
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
check "after kill -9 mid-build: old index still answers" test "$("$SRCH_BIN" -i "$T/ix" --count semiconductor)" = 6
"$IDX_BIN" -q -i "$T/ix" tests/data/corpus 2>/dev/null
check "next build cleans up leftovers" test "$(ls "$T/ix" | grep -c '\.seg')" = 1

# ---- the bench scorer (bench/lib/treceval.py) on hand-computed cases ----
check "treceval: trec_eval measures on hand-computed runs" python3 bench/lib/treceval.py --selftest

# ---- ranking quality: the fixture's judged topics keep their MAP and nDCG@10 ----
# tests/data/judged.{topics.tsv,qrels} (tests/data/CORPUS.md); the recorded
# values are those of the ranking that PERFORMANCE.md describes.  A change
# that lowers either by more than 0.002 fails here (scores are
# deterministic; the ranking before issue 7 had MAP 0.9536): look at the topics it
# hurt (treceval.py -q) before updating the numbers.
"$SRCH_BIN" -i "$T/ix" --batch tests/data/judged.topics.tsv -n 1000 >"$T/judged.run" 2>&1
got=$(python3 bench/lib/treceval.py -c tests/data/judged.qrels "$T/judged.run")
check "judged topics: MAP and nDCG@10 at least 0.9580 and 0.9680 less 0.002 (got: ${got#* engine=})" \
    python3 -c 'import sys; v = dict(kv.split("=") for kv in sys.argv[1].split()[1:]); sys.exit(not (float(v["map"]) >= 0.9580 - 0.002 and float(v["ndcg10"]) >= 0.9680 - 0.002))' "$got"

# ---- progress: on a terminal only, and not with --quiet ----
if command -v script >/dev/null 2>&1; then
    script -qec "$IDX_BIN -i $T/p tests/data/corpus" /dev/null >"$T/tty.out" 2>&1
    check "progress on a terminal" grep -q $'\033\[K  38 articles, .* MB/s' "$T/tty.out"
    script -qec "$IDX_BIN -q -i $T/p tests/data/corpus" /dev/null >"$T/tty.out" 2>&1
    check "no progress with --quiet" test "$(grep -c $'\033\[K' "$T/tty.out")" = 0
fi
"$IDX_BIN" -i "$T/p" tests/data/corpus 2>"$T/err"
check "no progress when stderr is not a terminal" test "$(grep -c $'\033' "$T/err")" = 0

# ---- add, delete, merge, check ----
printf '%s\n' '{"id": "feed-001", "title": "Export rules eased for farm machinery", "text": "Officials eased export rules for tractors and combine harvesters."}' \
    '{"id": "upd-1", "title": "Harbour cranes idle", "text": "Dock workers said harbour cranes stood idle for a week."}' >"$T/upd.jsonl"
"$IDX_BIN" add -i "$T/p" "$T/upd.jsonl" 2>"$T/err"
check "add: exit 0" test $? -eq 0
check "add: one older version replaced" grep -q '1 older version replaced' "$T/err"
check "add: 39 articles" test "$("$SRCH_BIN" -i "$T/p" --stats | grep '^articles')" = "articles        39"
check "add: the new version is found" test "$("$SRCH_BIN" -i "$T/p" --count 'id:feed-001 tractors')" = 1
check "add: the old version is gone" test "$("$SRCH_BIN" -i "$T/p" --count 'semiconductor')" = 5
check "add: --show gives the new version" grep -q 'Export rules eased' <("$SRCH_BIN" -i "$T/p" --show feed-001)
"$IDX_BIN" delete -i "$T/p" upd-1 no-such-id 2>"$T/err"
check "delete: exit 0, warning for an unknown id" test $? -eq 0 -a -n "$(grep 'no article with id no-such-id' "$T/err")"
check "delete: gone from results" test "$("$SRCH_BIN" -i "$T/p" --count 'cranes idle harbour' --and)" = 0
"$IDX_BIN" delete -i "$T/p" no-such-id 2>"$T/err"
check "delete of nothing: exit 1" test $? -eq 1
check "check: ok with deletions" grep -q 'ok: 38 articles (2 deleted) in 2 segments' <("$IDX_BIN" check -i "$T/p")
"$IDX_BIN" merge -i "$T/p" 2>/dev/null
check "merge: one segment, no deletions" grep -q 'ok: 38 articles (0 deleted) in 1 segments' <("$IDX_BIN" check -i "$T/p")
check "merge: same answers" test "$("$SRCH_BIN" -i "$T/p" --count 'semiconductor OR tractors')" = 6
# clusters are cached per generation; the cache changes nothing but speed
check "cluster cache written" test -n "$(ls "$T/p" | grep '^[0-9]*\.clusters$')"
with=$("$SRCH_BIN" -i "$T/p" -n 20 rotterdam strike; "$SRCH_BIN" -i "$T/p" --similar syn-003)
cp -a "$T/p" "$T/p2" && rm "$T/p2"/*.clusters
check "results without the cluster cache are the same" test "$with" = "$("$SRCH_BIN" -i "$T/p2" -n 20 rotterdam strike; "$SRCH_BIN" -i "$T/p2" --similar syn-003)"
# clusters follow adds, replaces and deletes (computed from live articles)
"$IDX_BIN" delete -q -i "$T/p" syn-002 2>/dev/null
check "cluster after a delete" test "$("$SRCH_BIN" -i "$T/p" --similar syn-003 | head -1)" = "2 articles in the cluster of syn-003"
grep '"syn-002"' tests/data/corpus/syndicated.jsonl | sed 's/"syn-002"/"syn-102"/' >"$T/syn.jsonl"
"$IDX_BIN" add -q -i "$T/p" "$T/syn.jsonl" 2>/dev/null
check "cluster after an add" test "$("$SRCH_BIN" -i "$T/p" --similar syn-003 | head -1)" = "3 articles in the cluster of syn-003"
printf '%s\n' '{"id": "syn-001", "title": "Harbour pilots retire", "text": "Three veteran harbour pilots retired on Friday after forty years of guiding tankers, freighters and ferries through the estuary, the pilots association said in a statement thanking their families."}' >"$T/syn.jsonl"
"$IDX_BIN" add -q -i "$T/p" "$T/syn.jsonl" 2>/dev/null
check "cluster after a replace" test "$("$SRCH_BIN" -i "$T/p" --similar syn-003 | head -1)" = "2 articles in the cluster of syn-003"
check "the replaced article is alone" test "$("$SRCH_BIN" -i "$T/p" --similar syn-001 | head -1)" = "1 article in the cluster of syn-001"
"$SRCH_BIN" -i "$T/p" --similar syn-002 >/dev/null 2>"$T/err"
check "--similar of a deleted article: exit 1, no such article" test $? -eq 1 -a -n "$(grep 'no article with id syn-002' "$T/err")"
"$SRCH_BIN" -i "$T/p" --show syn-002 >/dev/null 2>"$T/err"
check "--show of a deleted article: exit 1" test $? -eq 1
seg=$(ls "$T/p" | grep '\.seg$' | head -1)
printf '\x00\x00\x00\x00' | dd of="$T/p/$seg" bs=1 seek=5000 conv=notrunc 2>/dev/null
"$IDX_BIN" check -i "$T/p" >/dev/null 2>"$T/err"
check "check: damage found, file named, exit 1" test $? -eq 1 -a -n "$(grep "$seg" "$T/err")"

# ---- queries as people type them (issue 13): case is not a filter, prose is not an error ----
count() { "$SRCH_BIN" -i "$T/ix" --no-collapse --count "$1" 2>&1; }
top() { printf '%s\n' "$1" | "$SRCH_BIN" -i "$T/ix" --no-collapse --batch - | awk '{printf "%s ", $3}'; }
same() { # description, then two queries that must match the same articles, in the same order
    if [ "$(count "$2")" = "$(count "$3")" ] && [ "$(top "$2")" = "$(top "$3")" ]; then ok
    else bad "$1: [$2] $(count "$2") [$(top "$2")], [$3] $(count "$3") [$(top "$3")]"; fi
}
same "capitals are words" 'WHEAT SALE TO EGYPT' 'wheat sale to egypt'
same "Title Case is words" 'Wheat Sale To Egypt' 'wheat sale to egypt'
same "Title Case is not a name" 'Saffron Harvest' 'saffron harvest'
same "a name in capitals is the name" 'QIAO SIYUAN' 'qiao siyuan'
same "an acronym in any case" 'Semiconductor Export Controls' 'SEMICONDUCTOR EXPORT CONTROLS'
check "US alone is the country, us alone the pronoun" test "$(count US) $(count us) $(count Us)" = "5 3 3"
check "amid lower case, US is never the pronoun" test "$(count 'US trade')" = "$(count 'U.S. trade')"
same "a prose dash is no operator" 'what of the saffron harvest - and who buys it?' 'what of the saffron harvest and who buys it'
same "a pasted headline with a colon" 'Kashmir: the saffron harvest' 'Kashmir the saffron harvest'
same "a capitalised label is a word" 'Source: Reuters wheat' 'Source Reuters wheat'
same "AND in a query in capitals is a word" 'WHEAT AND EGYPT' 'wheat and egypt'
"$SRCH_BIN" -i "$T/ix" 'Who supports them — government, business, or libraries?' >/dev/null 2>"$T/err"
check "a long question with dashes runs (exit $?)" test $? -ne 2
"$SRCH_BIN" -i "$T/ix" 'oil title: prices' >/dev/null 2>"$T/err"
check "a field with no value is still an error" test $? -eq 2 -a -n "$(grep 'column 5: expected a word' "$T/err")"
"$SRCH_BIN" -i "$T/ix" 'what is (this - that' >/dev/null 2>"$T/err"
check "an unbalanced parenthesis is still an error" test $? -eq 2 -a -n "$(grep 'column 9: unbalanced parenthesis' "$T/err")"

echo "e2e ($B): $pass passed, $fail failed"
[ "$fail" -eq 0 ]
