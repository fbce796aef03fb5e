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
. tests/lib.sh

# ---- build the fixture index ----
"$IDX_BIN" build -i "$T/ix" tests/data/corpus 2>"$T/build.err"
rc=$?
check "index builds (exit $rc)" test $rc -eq 0
check "38 articles indexed, none skipped" grep -q '38 indexed, 0 skipped' "$T/build.err"

# ---- ranked results of the queries in tests/e2e/queries.tsv ----
n=0
while IFS=$'\t' read -r query want opts; do
    case "$query" in ''|'#'*) continue ;; esac
    n=$((n + 1))
    want=${want//T\//corpus\/text\/}
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
check "--batch labels hits with the query id" test "$out" = "q1 Q0 corpus/text/world/kashmir-saffron.txt 1 4.287097 byline
2 Q0 9002 1 5.614330 byline"
# An index of many segments under a low limit of open files: searched,
# added to and merged as before (a mapped segment keeps its descriptor
# only within a quarter of the limit), and too many files never "damage"
mkdir -p "$T/many"
for i in $(seq 1 40); do
    printf '{"id":"m%d","title":"Harbour note %d","text":"The harbour board met on day %d."}\n' $i $i $i > "$T/many/$i.jsonl"
done
"$IDX_BIN" build -q -i "$T/many.idx" "$T/many/1.jsonl" >/dev/null 2>&1
for i in $(seq 2 40); do "$IDX_BIN" add -q --no-merge -i "$T/many.idx" "$T/many/$i.jsonl" >/dev/null 2>&1; done
out=$( (ulimit -n 24; "$SRCH_BIN" -i "$T/many.idx" --count harbour) 2>&1)
check "40 segments under ulimit -n 24: searched ($out)" test "$out" = 40
(ulimit -n 24; "$IDX_BIN" add -q --no-merge -i "$T/many.idx" "$T/many/1.jsonl") >/dev/null 2>&1
check "40 segments under ulimit -n 24: added to (exit $?)" test $? = 0
(ulimit -n 24; "$IDX_BIN" merge -q -i "$T/many.idx") >/dev/null 2>&1
check "40 segments under ulimit -n 24: merged (exit $?)" test $? = 0
# SIGBUS (a file of the index truncated under the map during a search): said, exit 2
mkfifo "$T/bus.fifo"
"$SRCH_BIN" -i "$T/ix" --batch "$T/bus.fifo" >/dev/null 2>"$T/bus.err" &
bus_pid=$!
exec 7>"$T/bus.fifo"; printf 'q1\tsaffron\n' >&7; sleep 0.3
kill -BUS $bus_pid; wait $bus_pid; bus_rc=$?; exec 7>&-
check "SIGBUS during a search: a message naming the cause, exit 2 ($bus_rc)" test $bus_rc = 2
check "SIGBUS: the message says to check the index" grep -q "changed while it was read.*byline-index check" "$T/bus.err"
out=$(printf '\tsaffron\n' | "$SRCH_BIN" -i "$T/ix" --batch - | awk '{print $1}')
check "--batch: an empty query id is the line's number, not an empty column" test "$out" = 1
"$SRCH_BIN" -i tests/data/readers/articles.jsonl saffron 2>"$T/err"
check "-i given a file: said to be a file, with the build command (exit $?)" grep -q 'is a file, not an index' "$T/err"
"$SRCH_BIN" -i "" oil >/dev/null 2>"$T/err"; rc=$?
check "-i \"\": an empty path is said to be empty (exit $rc)" grep -q 'the index path is empty' "$T/err"
out=$("$SRCH_BIN" -i "$T/ix" --show 9002 | head -2)
check "--show prints the stored article" test "$out" = "$(printf 'AUSTRALIAN WHEAT BOARD SELLS 500,000 TONNES TO EGYPT\nid: 9002')"

out=$("$SRCH_BIN" -i "$T/ix" --names -n 2)
check "--names: most frequent names, written as in the articles" test "$out" = "     4  Maasvlakte
     3  ByteDance"
out=$("$SRCH_BIN" -i "$T/ix" --names --places -n 2 --json)
check "--names --places: the places apart, typed" test "$out" = '{"name":"Antwerp","key":"antwerp","articles":4,"type":"place"}
{"name":"Hamburg","key":"hamburg","articles":3,"type":"place"}'
out=$("$SRCH_BIN" -i "$T/ix" --names -n 3 --json 'yiming zhang')
check "--names QUERY --json: names among the matches (one-word ones too)" test "$out" = '{"name":"ByteDance","key":"bytedance","articles":2,"type":"name"}
{"name":"TikTok","key":"tiktok","articles":2,"type":"name"}
{"name":"Zhang Yiming","key":"yiming zhang","articles":2,"type":"name"}'

# --since/--until hold for --names without a query as with one
out=$("$SRCH_BIN" -i "$T/ix" --names -n 5 --until 2000-01-01)
check "--names --until: the names of the articles kept" test "$out" = "$("$SRCH_BIN" -i "$T/ix" --names -n 5 --until 2000-01-01 'date:0001..9999')"
check "--names --until: not the whole index's" test "$out" != "$("$SRCH_BIN" -i "$T/ix" --names -n 5)"
"$SRCH_BIN" -i "$T/ix" --names --until 1900-01-01 >/dev/null 2>&1
check "--names --until before every article: nothing, exit 1" test $? = 1

# (the name field's average length moves with the corpus's entities: 11.7982
# since "Thai" is a people's word, no name, round 21; 11.8062 since "EU" is
# an organisation, round 24: "the approval of EU member states" in feed 0011;
# 11.7872 since the first word after a dateline's dash is a sentence's,
# round 29: "ROTTERDAM, Oct 6 (Harbour Wire) - Dockworkers at ...")
out=$("$SRCH_BIN" -i "$T/ix" -n 1 --explain 'qiao siyuan' | tail -4)
check "--explain: a line per matching term, the name with its bonus" test "$out" = "      text:qiao  tf 8  idf 1.7918  length 179 (average 162.2)  = 3.1635
      text:siyuan  tf 7  idf 2.1595  length 179 (average 162.2)  = 3.7500
      name:qiao siyuan  tf 6  idf 2.4108  length 9 (average 5.2)  name bonus 7.9025  = 11.7872
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
"$IDX_BIN" build -q -i "$T/ia" "$T/syn-a.jsonl" 2>/dev/null
"$IDX_BIN" build -q -i "$T/ib" "$T/syn-b.jsonl" 2>/dev/null
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
"$IDX_BIN" build -i "$T/small" --mem 8M tests/data/corpus >/dev/null 2>"$T/err"
check "--mem below what can be honoured: usage error naming the minimum" grep -q 'at least 32M' "$T/err"
"$IDX_BIN" build -i "$T/small" --mem 16E tests/data/corpus >/dev/null 2>"$T/err"
check "--mem past any machine: exit 2, said so (not 'too small')" test $? -eq 2 -a -n "$(grep 'more memory than any machine has' "$T/err")"
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
"$IDX_BIN" build -q -i "$T/j" - <tests/data/corpus/feed.jsonl 2>/dev/null
check "JSONL from stdin" test "$(count_of "$T/j")" = 12
"$IDX_BIN" build -q -i "$T/g" - <tests/data/corpus/archive.jsonl.gz 2>/dev/null
check "gzip JSONL from stdin" test "$(count_of "$T/g")" = 5
"$IDX_BIN" build -q -i "$T/t" tests/data/corpus/wire.trec tests/data/corpus/wire2.trec.gz 2>/dev/null
check "TREC and gzip TREC" test "$("$SRCH_BIN" -i "$T/t" --count 'quantum OR ishiba')" = 2
"$IDX_BIN" build -q -i "$T/r" --format reuters tests/data/corpus/reuters.sgm 2>/dev/null
check "Reuters SGML (--format)" test "$(count_of "$T/r")" = 4
"$IDX_BIN" build -q -i "$T/p" tests/data/corpus/text 2>/dev/null
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
"$IDX_BIN" build -i "$T/b" "$T/bad" 2>"$T/bad.err"
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
"$IDX_BIN" build -i "$T/ix" "$T/bad/garbage.txt" 2>"$T/err"
check "nothing indexed: exit 1" test $? -eq 1
check "nothing indexed: old index intact" test "$("$SRCH_BIN" -i "$T/ix" --count semiconductor)" = 6

# ---- an interrupted build leaves the previous index as it was ----
# A build that ends before the kill proves nothing (a fast machine built
# the 60,000 records below in 0.4 s): the input doubles until the kill
# lands on a build still running.
for i in $(seq 1 60000); do echo "{\"id\":\"k$i\",\"title\":\"Harvest bulletin $i\",\"text\":\"Farmers in district $i reported combine harvesters, tractors and grain silos at record levels for week $((i % 52)).\"}"; done >"$T/big.jsonl"
killed=0
for try in 1 2 3 4; do
    "$IDX_BIN" build -q -i "$T/ix" --mem 32M "$T/big.jsonl" 2>/dev/null &
    pid=$!
    sleep 0.3
    if kill -9 $pid 2>/dev/null; then
        wait $pid 2>/dev/null
        killed=1
        break
    fi
    wait $pid 2>/dev/null
    # it finished: put the old index back and try with twice the input
    "$IDX_BIN" build -q -i "$T/ix" tests/data/corpus 2>/dev/null
    cat "$T/big.jsonl" "$T/big.jsonl" | sed 's/"id":"k/"id":"k'"$try"'/' >"$T/big2.jsonl" && mv "$T/big2.jsonl" "$T/big.jsonl"
done
check "kill -9 landed on a build still running" test $killed -eq 1
check "after kill -9 mid-build: old index still answers" test "$("$SRCH_BIN" -i "$T/ix" --count semiconductor)" = 6
"$IDX_BIN" build -q -i "$T/ix" tests/data/corpus 2>/dev/null
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
    script -qec "$IDX_BIN build -i $T/p tests/data/corpus" /dev/null >"$T/tty.out" 2>&1
    check "progress on a terminal" grep -q $'\033\[K  38 articles, .* MB/s' "$T/tty.out"
    script -qec "$IDX_BIN build -q -i $T/p tests/data/corpus" /dev/null >"$T/tty.out" 2>&1
    check "no progress with --quiet" test "$(grep -c $'\033\[K' "$T/tty.out")" = 0
fi
"$IDX_BIN" build -i "$T/p" tests/data/corpus 2>"$T/err"
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
# merge and delete on a path mistyped, or an empty folder: said so, exit 3
# (they took it for an empty index: "nothing to merge", exit 0)
mkdir -p "$T/empty-dir"
for d in "$T/no-such-index" "$T/empty-dir"; do
    "$IDX_BIN" merge -i "$d" 2>"$T/err"
    check "merge -i ${d##*/}: exit 3, not an index" test $? -eq 3 -a -n "$(grep 'is not a Byline index' "$T/err")"
    "$IDX_BIN" delete -i "$d" some-id 2>"$T/err"
    check "delete -i ${d##*/}: exit 3, not an index" test $? -eq 3 -a -n "$(grep 'is not a Byline index' "$T/err")"
done
check "merge, delete: no index made where there was none" test ! -e "$T/no-such-index" -a -z "$(ls "$T/empty-dir")"
"$IDX_BIN" merge -i "$T/p" 2>/dev/null
check "merge: one segment, no deletions" grep -q 'ok: 38 articles (0 deleted) in 1 segments' <("$IDX_BIN" check -i "$T/p")
check "merge: same answers" test "$("$SRCH_BIN" -i "$T/p" --count 'semiconductor OR tractors')" = 6
# clusters are cached per generation; the cache changes nothing but speed
check "cluster cache written" test -n "$(ls "$T/p" | grep '^[0-9]*\.clusters$')"
with=$("$SRCH_BIN" -i "$T/p" -n 20 rotterdam strike; "$SRCH_BIN" -i "$T/p" --similar syn-003)
cp -a "$T/p" "$T/p2" && rm "$T/p2"/*.clusters
check "results without the cluster cache are the same" test "$with" = "$("$SRCH_BIN" -i "$T/p2" -n 20 rotterdam strike; "$SRCH_BIN" -i "$T/p2" --similar syn-003)"
# damaged entries of the cache (header and chunk crcs intact: loaded lazily,
# read by a search), every article claiming the first one's cluster, are
# found, and the search runs again over clusters computed
cp -a "$T/p" "$T/p3" && cl=$(ls "$T/p3" | grep '\.clusters$')
head -c 152 /dev/zero | dd of="$T/p3/$cl" bs=1 seek=32 conv=notrunc 2>/dev/null
check "results with a damaged cluster cache are the same" test "$with" = "$("$SRCH_BIN" -i "$T/p3" -n 20 rotterdam strike; "$SRCH_BIN" -i "$T/p3" --similar syn-003)"
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

# ---- hostile input to byline-search and the dates (tests/data has none of it) ----
mkdir -p "$T/hostile"
printf '%s\n' '{"id":"y1","title":"Year one","text":"ancient tractor","date":"0001-01-01"}' \
    '{"id":"y9999","title":"Year 9999","text":"future tractor","date":"9999-12-31T23:59:59Z"}' >"$T/hostile/years.jsonl"
"$IDX_BIN" -q -i "$T/hy" "$T/hostile/years.jsonl" 2>/dev/null
out=$("$SRCH_BIN" -i "$T/hy" --no-color --sort date tractor | grep -o '^ *[0-9]*\. *[0-9.]*  [^ ]*' | awk '{print $3}' | tr '\n' ' ')
check "year 1 prints as 0001-01-01, not 1-01-01 [$out]" test "$out" = "0001-01-01 9999-12-31 "
check "--stats: four-digit years" test "$("$SRCH_BIN" -i "$T/hy" --stats | sed -n 2p)" = "dates           0001-01-01 .. 9999-12-31"
check "--show, --json: four-digit years" test "$("$SRCH_BIN" -i "$T/hy" --show y1 | sed -n 3p) $("$SRCH_BIN" -i "$T/hy" --show y1 --json | python3 -c 'import sys,json; print(json.load(sys.stdin)["date"])')" = "date: 0001-01-01 0001-01-01T00:00:00Z"

# date: has one range (0001..9999) in every form; impossible dates and reversed ranges are errors
check "date:9999 is accepted like date:9999-12-31" test "$("$SRCH_BIN" -i "$T/hy" --count date:9999) $("$SRCH_BIN" -i "$T/hy" --count date:9999-12) $("$SRCH_BIN" -i "$T/hy" --count date:9999-12-31)" = "1 1 1"
check "date:0001 finds year one" test "$("$SRCH_BIN" -i "$T/hy" --count date:0001)" = 1
out=$("$SRCH_BIN" -i "$T/ix" --count date:2024-02-29 2>&1)
check "date:2024-02-29 (leap day) is accepted [$out]" test "$out" = 0
for bad in 'date:1987-00:column 11: month 00' 'date:1987-02-00:column 14: 1987-02 has no day 00' \
           'date:0000:column 6: year 0000' 'date:2025-13:column 11: month 13' \
           'date:2025-02-30:column 14: 2025-02 has no day 30' 'date:2025-02-29:column 14: 2025-02 has no day 29' \
           'date:2025..2024:column 10: this date range ends before it starts' 'date:87:column 1: expected a date'; do
    q=${bad%%:column*}; want=column${bad#*:column}
    "$SRCH_BIN" -i "$T/ix" --count "$q" >/dev/null 2>"$T/err"
    rc=$?
    check "$q: exit 2 ($rc) and '$want'" test $rc -eq 2 -a -n "$(grep -F "$want" "$T/err")"
done
check "--until 1987 takes all of 1987" test "$("$SRCH_BIN" -i "$T/ix" --count --until 1987 'date:1900..2100')" = 4
"$SRCH_BIN" -i "$T/ix" --since 2025 --until 2024 x >/dev/null 2>"$T/err"
check "--since after --until: exit 2 with a message" test $? -eq 2 -a -n "$(grep 'since is after --until' "$T/err")"
"$SRCH_BIN" -i "$T/ix" --until 2025-02-29 x >/dev/null 2>"$T/err"
check "--until 2025-02-29: exit 2, says why" test $? -eq 2 -a -n "$(grep 'has no day 29' "$T/err")"

# BM25 parameters: NaN compares false with every bound, so it once slipped through
for v in nan -nan inf -1 1e999 ''; do
    "$SRCH_BIN" -i "$T/ix" --k1 "$v" semiconductor >"$T/out" 2>"$T/err"
    check "--k1 '$v': exit 2, names the range, prints nothing" test $? -eq 2 -a -n "$(grep -F 'from 0 to 100' "$T/err")" -a ! -s "$T/out"
    "$SRCH_BIN" -i "$T/ix" --json --b "$v" semiconductor >"$T/out" 2>"$T/err"
    check "--b '$v': exit 2, names the range, prints nothing" test $? -eq 2 -a -n "$(grep -F 'from 0 to 1,' "$T/err")" -a ! -s "$T/out"
done
"$SRCH_BIN" -i "$T/ix" -n nan semiconductor >/dev/null 2>&1
check "-n nan: exit 2" test $? -eq 2
"$SRCH_BIN" -i "$T/ix" --recent nand semiconductor >/dev/null 2>&1
check "--recent nand: exit 2" test $? -eq 2
check "--k1 100 --b 1 (the bounds) still search" test "$("$SRCH_BIN" -i "$T/ix" --k1 100 --b 1 --json -n 1 semiconductor | python3 -c 'import sys,json,math; print(math.isfinite(json.load(sys.stdin)["score"]))')" = True

# --batch with a file that cannot be read: an error naming it, never a silent exit 0
mkdir -p "$T/qdir"
"$SRCH_BIN" -i "$T/ix" --batch "$T/qdir" >"$T/out" 2>"$T/err"
check "--batch DIR: exit 2, says it is a directory" test $? -eq 2 -a -n "$(grep -F "$T/qdir is a directory" "$T/err")"
"$SRCH_BIN" -i "$T/ix" --batch - <"$T/qdir" >"$T/out" 2>"$T/err"
check "--batch - with a directory on stdin: exit 2" test $? -eq 2 -a -n "$(grep -F 'is a directory' "$T/err")"
"$SRCH_BIN" -i "$T/ix" --batch "$T/no-such-file" >"$T/out" 2>"$T/err"
check "--batch missing file: exit 2, names it and why" test $? -eq 2 -a -n "$(grep -F "$T/no-such-file: No such file or directory" "$T/err")"
: >"$T/empty.q"
"$SRCH_BIN" -i "$T/ix" --batch "$T/empty.q" >"$T/out" 2>"$T/err"
check "--batch empty file: exit 1 with a message" test $? -eq 1 -a -n "$(grep -F 'holds no query' "$T/err")"
printf 'q1\tsaff\0ron\n' >"$T/nul.q"
"$SRCH_BIN" -i "$T/ix" --batch "$T/nul.q" >"$T/out" 2>"$T/err"
check "--batch: a NUL byte is refused, not a query cut short" test $? -eq 2 -a -n "$(grep -F 'query q1: bad query: column 5: control character' "$T/err")"
if [ "$(id -u)" != 0 ]; then
    printf 'saffron\n' >"$T/noread.q" && chmod 000 "$T/noread.q"
    "$SRCH_BIN" -i "$T/ix" --batch "$T/noread.q" >/dev/null 2>"$T/err"
    check "--batch unreadable file: exit 2, permission denied" test $? -eq 2 -a -n "$(grep -F 'Permission denied' "$T/err")"
fi

# a failed write to standard output is said, with the reason, and is exit 2
# (as a failed --export was): it was exit 2 with no word (round 29); a
# reader that goes away (a closed pipe) is quiet and no error
printf 'q1\tsemiconductor\n' >"$T/full.q"
for args in "semiconductor" "--json semiconductor" "--count semiconductor" "--timeline semiconductor" \
            "--facet source semiconductor" "--export jsonl semiconductor" "--batch $T/full.q" \
            "--show feed-001" "--names" "--stats" "--help"; do
    # shellcheck disable=SC2086
    "$SRCH_BIN" -i "$T/ix" $args >/dev/full 2>"$T/err"
    check "$args > /dev/full: exit 2, says why (exit $?)" test $? -eq 2 -a \
        -n "$(grep -F 'byline-search: cannot write the results: No space left on device' "$T/err")"
done
check "a closed pipe is quiet and exit 0, SIGPIPE as it comes or ignored" python3 - "$SRCH_BIN" "$T/ix" <<'PY'
import os, signal, subprocess, sys
for ign in (False, True):
    for args in (["-n", "40", "the OR a OR of"], ["--export", "jsonl", "the OR a OR of"]):
        r, w = os.pipe()
        os.close(r)  # nobody reads: the first write is EPIPE
        p = subprocess.run([sys.argv[1], "-i", sys.argv[2]] + args, stdout=w, stderr=subprocess.PIPE,
                           preexec_fn=(lambda: signal.signal(signal.SIGPIPE, signal.SIG_IGN)) if ign else None)
        os.close(w)
        if p.returncode != 0 or p.stderr:
            sys.exit("%s ignored=%s: exit %d, %r" % (args, ign, p.returncode, p.stderr))
PY

# --export --offset without -n skips the first matches, -n or not (it was ignored)
all=$("$SRCH_BIN" -i "$T/ix" --export jsonl 'the OR a OR of' | wc -l)
off=$("$SRCH_BIN" -i "$T/ix" --export jsonl --offset 5 'the OR a OR of' | python3 -c 'import json,sys; r=[json.loads(l)["rank"] for l in sys.stdin]; print(len(r), r[0])')
check "--export --offset 5: every match past the fifth ($off of $all)" test "$off" = "$((all - 5)) 6"
check "--export --offset past the matches: none written" test "$("$SRCH_BIN" -i "$T/ix" --export jsonl --offset 250 'the OR a OR of' | wc -l)" -eq 0
# --batch: a query id with a space is refused, said, and the other lines run
printf 'q 7\tsaffron\nq8\tsaffron\n' >"$T/space.q"
"$SRCH_BIN" -i "$T/ix" --batch "$T/space.q" >"$T/out" 2>"$T/err"
check "--batch: an id with a space is refused (exit $?), the rest run" test $? -eq 2 -a \
    -n "$(grep -F "line 1: the query id 'q 7' holds a space" "$T/err")" -a "$(cut -d' ' -f1 "$T/out" | sort -u)" = q8
check "--batch: every run line has six columns" test "$(awk 'NF != 6' "$T/out" | wc -l)" -eq 0
# --names -n 0 prints none, as a search's -n 0, and exits by whether there are names
out=$("$SRCH_BIN" -i "$T/ix" --names -n 0 2>"$T/err")
check "--names -n 0: nothing, exit 0 (exit $?)" test $? -eq 0 -a -z "$out" -a ! -s "$T/err"
"$SRCH_BIN" -i "$T/ix" --names -n 0 zzzzunknownword >/dev/null 2>&1
check "--names -n 0 with no name: exit 1" test $? -eq 1
check "--names -n 3: three" test "$("$SRCH_BIN" -i "$T/ix" --names -n 3 | wc -l)" -eq 3

# stored control characters never reach the terminal: ESC[2J, BEL, DEL, C1 CSI (U+009B)
printf '%s\n' '{"id":"ctl-1\u001b[31m","title":"Bell \u0007 title \u001b[2J cleared","author":"Eve \u009b31m","source":"Wire\u007f","text":"Control text: escape \u001b[2J then bell \u0007 then DEL \u007f then CSI \u009b2J end.\nSecond line\twith tab."}' \
    '{"id":"ctl-2","title":"Bell \u0007 title \u001b[2J cleared","author":"Eve","text":"Control text: escape \u001b[2J then bell \u0007 then DEL \u007f then CSI \u009b2J end."}' >"$T/hostile/ctl.jsonl"
"$IDX_BIN" -q -i "$T/hc" "$T/hostile/ctl.jsonl" 2>/dev/null
no_controls() { # file: no C0 but \n and \t, no DEL, no C1, all UTF-8
    python3 -c '
import re, sys
b = open(sys.argv[1], "rb").read()
t = b.decode("utf-8")
bad = re.findall("[\x00-\x08\x0b-\x1f\x7f-\x9f]", t)
sys.exit(1 if bad or not t else 0)' "$1"
}
ctl=$'ctl-1\e[31m'
"$SRCH_BIN" -i "$T/hc" --no-collapse escape >"$T/out" 2>&1
check "text results: control characters neutralised" no_controls "$T/out"
check "text results: shown as U+FFFD" grep -qF 'Bell � title �[2J cleared' "$T/out"
"$SRCH_BIN" -i "$T/hc" --show "$ctl" >"$T/out" 2>&1
check "--show: control characters neutralised" no_controls "$T/out"
check "--show: the body keeps its line break and tab" grep -qP '^Second line\twith tab\.$' "$T/out"
check "--show: every field cleaned" test "$(sed -n '1,4p' "$T/out")" = "Bell � title �[2J cleared
id: ctl-1�[31m
author: Eve �31m
source: Wire�"
"$SRCH_BIN" -i "$T/hc" --similar "$ctl" >"$T/out" 2>&1
check "--similar: control characters neutralised (the id echoed too)" no_controls "$T/out"
"$SRCH_BIN" -i "$T/hc" -n 1 --explain escape >"$T/out" 2>&1
check "--explain: control characters neutralised" no_controls "$T/out"
"$SRCH_BIN" -i "$T/hc" --show "nosuch$ctl" >/dev/null 2>"$T/err"
check "unknown id echoed without its escape" no_controls "$T/err"
for mode in "--no-collapse escape" "--show $ctl"; do
    # shellcheck disable=SC2086
    "$SRCH_BIN" -i "$T/hc" --json $mode >"$T/out" 2>&1
    check "--json $mode: no raw control bytes" no_controls "$T/out"
    check "--json $mode: escaped, values intact" python3 -c '
import json, sys
raw = open(sys.argv[1], encoding="utf-8").read()
assert "\\u001B[2J" in raw and "\\u0007" in raw and "\\u007F" in raw and "\\u009B" in raw, raw
o = [o for o in map(json.loads, raw.splitlines()) if o["id"].startswith("ctl-1")][0]
assert o["id"] == "ctl-1\x1b[31m" and o["author"] == "Eve \x9b31m" and o["source"] == "Wire\x7f", o
assert o["title"] == "Bell \x07 title \x1b[2J cleared", o' "$T/out"
done

# ---- hostile inputs to the readers: each reported once, the rest still read ----
# A directory walk past link loops (two links to itself, a link to its
# parent) and, when the tests can lose the right to read, a locked folder.
W="$T/walk"
mkdir -p "$W/a" "$W/m" "$W/z"
echo '{"id":"w-a","title":"Walk alpha","text":"Walk test article in a."}' >"$W/a/a.jsonl"
echo '{"id":"w-z","title":"Walk zulu","text":"Walk test article in z."}' >"$W/z/z.jsonl"
ln -s . "$W/self1"; ln -s . "$W/self2"; ln -s .. "$W/a/up"
timeout 60 "$IDX_BIN" build -i "$T/wix" "$W" 2>"$T/walk.err"
check "walk: link loops do not hang or stop the walk (exit 0)" test $? -eq 0
check "walk: every file read once" grep -q '2 files, 2 records: 2 indexed, 0 skipped; 3 paths left out (read already, an index, or not a regular file; see above)' "$T/walk.err"
check "walk: each loop named once" test "$(grep -c 'link loop' "$T/walk.err")" = 3
# A FIFO inside a folder is named and counted, never opened (it would wait
# for a writer for ever).
mkdir -p "$T/ff"; mkfifo "$T/ff/p.jsonl"
echo '{"id":"z","text":"zz"}' >"$T/ff/a.jsonl"
timeout 60 "$IDX_BIN" build -i "$T/ffix" "$T/ff" 2>"$T/ff.err"
check "walk: a FIFO in a folder does not hang the build (exit 0)" test $? -eq 0
check "walk: ... it is named with its reason" grep -q "p.jsonl is not a regular file (a FIFO): not read" "$T/ff.err"
check "walk: ... and counted" grep -q '1 files, 1 records: 1 indexed, 0 skipped; 1 path left out' "$T/ff.err"
# A first build that indexes nothing leaves no directory behind (and no
# LOCK in an empty directory it was given).
"$IDX_BIN" build -q -i "$T/never" - </dev/null 2>/dev/null
check "a first build of nothing fails and leaves no directory" test $? -eq 1 -a ! -e "$T/never"
mkdir -p "$T/emptydir"
"$IDX_BIN" build -q -i "$T/emptydir" - </dev/null 2>/dev/null
check "... nor a LOCK in an empty directory it was given" test -z "$(ls -A "$T/emptydir")"
# delete --from a list saved with a UTF-8 byte order mark (Notepad)
printf '%s\n' '{"id":"153","title":"t","text":"wheat"}' '{"id":"154","title":"t","text":"wheat"}' |
    "$IDX_BIN" build -q -i "$T/bom" -
printf '\357\273\277153\r\n154\r\n' >"$T/bom.ids"
"$IDX_BIN" delete -q -i "$T/bom" --from "$T/bom.ids" 2>"$T/err"
check "delete --from: a byte order mark and CRLF are no part of the ids" test $? -eq 0 -a "$("$SRCH_BIN" -i "$T/bom" --count wheat)" = 0
# An index built inside the folder it reads: its own files (the LOCK of
# the first build, then MANIFEST and segments) are not articles.
N="$T/inside"; mkdir -p "$N"
cp "$W/a/a.jsonl" "$W/z/z.jsonl" "$N/"
"$IDX_BIN" build -i "$N/idx" "$N" 2>"$T/inside.err"
check "walk: an index inside the folder it reads is built (exit 0)" test $? -eq 0
check "walk: ... its own files are left out, named" grep -q 'is a Byline index, not articles' "$T/inside.err"
"$IDX_BIN" add -i "$N/idx" "$N" 2>"$T/inside.err"
check "walk: ... and left out again by add, no binary warnings" test $? -eq 0 -a "$(grep -c 'binary' "$T/inside.err")" = 0
check "walk: ... two articles, no LOCK among them" test "$("$SRCH_BIN" -i "$N/idx" --count walk)" = 2
"$IDX_BIN" build -i "$T/inside2" "$N/idx" 2>"$T/inside.err"
check "walk: an index given as input is refused, saying so" grep -q 'is a Byline index, not articles (search it with' "$T/inside.err"
# root reads a mode-000 folder anyway: that run then loses root, if it can
# (setpriv there, and the program reachable by nobody); else it is left out
locked_as=
[ "$(id -u)" != 0 ] || locked_as="setpriv --reuid=65534 --regid=65534 --clear-groups"
if [ -z "$locked_as" ] || { command -v setpriv >/dev/null 2>&1 && $locked_as "$IDX_BIN" --help >/dev/null 2>&1; }; then
    L=$(mktemp -d /tmp/byline-e2e-locked.XXXXXX)
    mkdir -p "$L/in/a" "$L/in/m" "$L/in/z"
    cp "$W/a/a.jsonl" "$L/in/a/"; cp "$W/z/z.jsonl" "$L/in/z/"; cp "$W/a/a.jsonl" "$L/in/m/m.jsonl"
    chmod -R a+rwX "$L"; chmod 000 "$L/in/m"
    $locked_as "$IDX_BIN" build -i "$L/ix" "$L/in" 2>"$T/locked.err"
    check "walk: a locked folder fails the build, nothing written" test $? -eq 1 -a ! -e "$L/ix/MANIFEST"
    $locked_as "$IDX_BIN" build --skip-unreadable -i "$L/ix" "$L/in" 2>"$T/locked.err"
    check "walk: --skip-unreadable: a locked folder is one path not read, the files after it are read" \
        grep -q '2 files, 2 records: 2 indexed, 0 skipped; 1 path not read' "$T/locked.err"
    check "walk: the locked folder is named" grep -q "cannot read directory $L/in/m: Permission denied" "$T/locked.err"
    chmod 755 "$L/in/m"; rm -rf "$L"
fi

# gzip: a wrong CRC or length in the trailer of intact data keeps every
# record (one warning, nothing skipped); members one after another are all
# read; bytes after the gzip data are one skip with their offset
G="$T/gz"; mkdir -p "$G"
for i in 1 2 3; do echo "{\"id\":\"gz$i\",\"title\":\"Gzip trailer $i\",\"text\":\"Ferry timetable number $i.\"}"; done | gzip -n >"$G/ok.gz"
python3 -c 'import sys; d = bytearray(open(sys.argv[1], "rb").read()); d[-8] ^= 0xFF; sys.stdout.buffer.write(d)' "$G/ok.gz" >"$G/crc.jsonl.gz"
"$IDX_BIN" build -i "$T/gzix" "$G/crc.jsonl.gz" 2>"$T/gz.err"
check "gzip bad CRC: exit 0" test $? -eq 0
check "gzip bad CRC: every record kept, the summary adds up" grep -q '3 records: 3 indexed, 0 skipped' "$T/gz.err"
check "gzip bad CRC: one warning with the trailer's offset" \
    test "$(grep -c "crc.jsonl.gz: byte $(( $(stat -c %s "$G/ok.gz") - 8 )): .*CRC-32" "$T/gz.err")" = 1
for i in 4 5; do echo "{\"id\":\"gz$i\",\"title\":\"Gzip member $i\",\"text\":\"Ferry timetable number $i.\"}"; done | gzip -n >"$G/two.gz"
cat "$G/ok.gz" "$G/two.gz" >"$G/cat.jsonl.gz"
"$IDX_BIN" build -i "$T/gzix" "$G/cat.jsonl.gz" 2>"$T/gz.err"
check "concatenated gzip: every member read" grep -q '5 records: 5 indexed, 0 skipped' "$T/gz.err"
{ cat "$G/ok.gz"; echo '{"id":"gz9","title":"Appended plain","text":"Not gzip."}'; } >"$G/tail.jsonl.gz"
"$IDX_BIN" build -i "$T/gzix" "$G/tail.jsonl.gz" 2>"$T/gz.err"
check "bytes after the gzip data: the records before kept, one skip" grep -q '4 records: 3 indexed, 1 skipped' "$T/gz.err"
check "bytes after the gzip data: offset and count named" \
    grep -q "tail.jsonl.gz: byte $(stat -c %s "$G/ok.gz"): skipped: .*57 bytes after the end of the gzip data" "$T/gz.err"

# empty inputs hold no record (a build of nothing but them indexes nothing);
# old Mac line ends (CR alone) separate JSON lines and text lines
E="$T/empty"; mkdir -p "$E"
: >"$E/empty.jsonl"; printf '\n \n' >"$E/blank.txt"
"$IDX_BIN" build -i "$T/eix" "$E" 2>"$T/empty.err"
check "empty files: exit 1, nothing indexed" test $? -eq 1
check "empty files: no record counted" grep -q '2 files, 0 records: 0 indexed, 0 skipped' "$T/empty.err"
check "empty files: each named once" test "$(grep -c 'empty input' "$T/empty.err")" = 2
"$IDX_BIN" build -i "$T/eix" - </dev/null 2>"$T/empty.err"
check "empty stdin: exit 1, no record" test $? -eq 1 -a -n "$(grep '1 files, 0 records' "$T/empty.err")"
printf '{"id":"cr1","title":"Carriage one","text":"Old Mac line ends."}\r{"id":"cr2","title":"Carriage two","text":"Old Mac line ends."}\r' >"$E/cr.jsonl"
printf 'Carriage title\rBy Jane Doe\r\rFirst line of the body.\rSecond line.\r' >"$E/cr.txt"
"$IDX_BIN" build -i "$T/crix" "$E/cr.jsonl" "$E/cr.txt" 2>"$T/cr.err"
check "CR-only JSONL: two records" grep -q '2 files, 3 records: 3 indexed, 0 skipped' "$T/cr.err"
check "CR-only text: title and byline found" \
    test "$("$SRCH_BIN" -i "$T/crix" --json 'author:doe' | python3 -c 'import sys, json; o = json.loads(sys.stdin.readline()); print(o["title"], "|", o["author"])')" = "Carriage title | Jane Doe"

# a stray line before the first <DOC> is skipped with a warning, not the
# whole file read as one plain-text article
printf 'exported 2025-11-26 by the archive\n<DOC>\n<DOCNO> STRAY-1 </DOCNO>\n<TEXT>Lighthouse keepers returned.</TEXT>\n</DOC>\n<DOC>\n<DOCNO> STRAY-2 </DOCNO>\n<TEXT>Lighthouse lamps were lit.</TEXT>\n</DOC>\n' >"$T/stray.trec"
"$IDX_BIN" build -i "$T/six" "$T/stray.trec" 2>"$T/stray.err"
check "stray line before <DOC>: both records indexed, the line skipped" grep -q '3 records: 2 indexed, 1 skipped (malformed SGML 1)' "$T/stray.err"
check "stray line before <DOC>: named with its line" grep -q 'stray.trec:1: skipped: malformed SGML: .* outside <DOC>' "$T/stray.err"
check "stray line before <DOC>: ids from DOCNO" test "$("$SRCH_BIN" -i "$T/six" --count 'id:STRAY-1 OR id:STRAY-2')" = 2

# a date that is not one: the article is indexed without a date, and one
# warning names file, line and value; it is not counted as a skipped record
{
    echo '{"id":"dt1","title":"Date one","text":"Calendar check.","date":"2025-02-30"}'
    echo '{"id":"dt2","title":"Date two","text":"Calendar check.","date":1e100}'
    echo '{"id":"dt3","title":"Date three","text":"Calendar check.","date":"yesterday-ish"}'
    echo '{"id":"dt4","title":"Date four","text":"Calendar check.","date":"2025-02-28"}'
} >"$T/dates.jsonl"
"$IDX_BIN" build -i "$T/dix" "$T/dates.jsonl" 2>"$T/dates.err"
check "bad dates: every article indexed, none counted as skipped" grep -q '4 records: 4 indexed, 0 skipped' "$T/dates.err"
check "bad dates: file, line and value named" \
    test "$(grep -c -e 'dates.jsonl:1: .*"2025-02-30" is not a date' -e 'dates.jsonl:2: .*1e+100 is not a date' -e 'dates.jsonl:3: .*"yesterday-ish" is not a date' "$T/dates.err")" = 3
check "bad dates: the articles are found, without a date" \
    test "$("$SRCH_BIN" -i "$T/dix" --count 'calendar')" = 4 -a "$(count_of "$T/dix")" = 1

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

# ---- ranking quality on the news judgments (issue 13), when ../shared is here ----
# bench/effectiveness/{reuters,bbc,agnews}.{topics.tsv,qrels} (JUDGING.md)
# over the real corpora, queries made plain as bench/effectiveness/run.sh
# makes them, default options.  The recorded values are those of
# docs/PERFORMANCE.md ("Ranking on unseen news"); scores are deterministic,
# so a drop of more than 0.003 is a change of ranking: look at the topics it
# hurt (treceval.py -q) before updating the numbers.
NEWS_SHARED=${BYL_SHARED:-../shared}
if [ -d "$NEWS_SHARED/corpora" ]; then
    # name:corpus:MAP:nDCG@10 by default, then with feedback (--prf 10)
    # (recorded after the name detector of issue 14 part 3; PERFORMANCE.md;
    # Reuters again with the 3 judgments the field-weight trials added)
    for spec in reuters:reuters21578:0.9138:0.8643:0.9137:0.8717 bbc:bbc:0.8749:0.8667:0.8870:0.8808 \
        agnews:agnews_test:0.9135:0.8987:0.9260:0.9130; do
        IFS=: read -r name corpus map ndcg pmap pndcg <<<"$spec"
        if [ ! -f "$NEWS_SHARED/corpora/$corpus.jsonl.gz" ]; then
            echo "e2e: skipping the $name news guard: no $NEWS_SHARED/corpora/$corpus.jsonl.gz" >&2
            continue
        fi
        "$IDX_BIN" build -q -i "$T/news-$name" "$NEWS_SHARED/corpora/$corpus.jsonl.gz" 2>/dev/null
        python3 -c '
import sys
sys.path.insert(0, "bench/lib")
from querytext import plain_words
for line in open(sys.argv[1], encoding="utf-8"):
    qid, _, q = line.rstrip("\n").partition("\t")
    if qid and not qid.startswith("#"):
        print(qid + "\t" + " ".join(plain_words(q)))
' "bench/effectiveness/$name.topics.tsv" >"$T/news-$name.tsv"
        for prf in 0 10; do
            [ "$prf" = 10 ] && map=$pmap ndcg=$pndcg
            "$SRCH_BIN" -i "$T/news-$name" --no-collapse --batch "$T/news-$name.tsv" -n 1000 \
                --prf "$prf" >"$T/news-$name.run" 2>&1
            got=$(python3 bench/lib/treceval.py -c "bench/effectiveness/$name.qrels" "$T/news-$name.run")
            check "news guard $name --prf $prf: MAP and nDCG@10 at least $map and $ndcg less 0.003 (got: ${got#* engine=})" \
                python3 -c 'import sys; v = dict(kv.split("=") for kv in sys.argv[1].split()[1:]); sys.exit(not (float(v["map"]) >= float(sys.argv[2]) - 0.003 and float(v["ndcg10"]) >= float(sys.argv[3]) - 0.003))' "$got" "$map" "$ndcg"
        done
    done
else
    echo "e2e: skipping the news guards: no shared corpora at $NEWS_SHARED (set BYL_SHARED)" >&2
fi

# ---- --names and results are a function of the live articles (review r28) ----
# The same Reuters articles indexed in several orders and segmentations,
# with adds, replaces (an altered first version) and deletes (decoys that
# name the same entities otherwise) whose end state is the rebuild's: the
# --names lists must be identical, and so must the ranked scores and, ties
# aside, the ids.  (The display form was taken from the first postings in
# segment order, deleted ones included: "Finance NV", "Bonn" a place in
# one index and a name in the other.)
if [ -d "$NEWS_SHARED/corpora" ]; then
    O="$T/order"; mkdir -p "$O"
    zcat "$NEWS_SHARED/corpora/reuters21578.jsonl.gz" | head -n 3000 >"$O/all"
    head -n 1500 "$O/all" >"$O/a"; tail -n +1501 "$O/all" >"$O/b"
    # decoys: other articles naming the same entities with other words
    # around them; altered first versions of 200 articles, replaced later
    python3 - "$O" <<'PY'
import json, sys
d = sys.argv[1]
arts = [json.loads(l) for l in open(d + "/all")]
with open(d + "/decoys", "w") as f:
    for i, a in enumerate(arts[:400]):
        t = a.get("text", "")
        t = t.replace(" said", " Holdings NV said").replace("in ", "Mayor of ")
        f.write(json.dumps({"id": "decoy-%d" % i, "title": a.get("title", ""), "text": t}) + "\n")
with open(d + "/first", "w") as f:
    for a in arts[1000:1200]:
        b = dict(a)
        b["text"] = a.get("text", "").replace(" said", " Finance NV said").replace("in ", "near ")
        f.write(json.dumps(b) + "\n")
with open(d + "/ids", "w") as f:
    for i in range(400):
        f.write("decoy-%d\n" % i)
PY
    tac "$O/all" >"$O/rev"
    "$IDX_BIN" build -q -i "$O/r" "$O/all"
    # 1: decoys and altered versions first, the rest in two adds, reversed
    "$IDX_BIN" build -q -i "$O/x1" "$O/decoys" "$O/first"
    "$IDX_BIN" add -q -i "$O/x1" "$O/b"
    "$IDX_BIN" add -q -i "$O/x1" "$O/a"
    "$IDX_BIN" delete -q -i "$O/x1" --from "$O/ids"
    # 2: reversed, at a small budget (many segments), decoys between
    "$IDX_BIN" build -q -i "$O/x2" --mem 32M "$O/first" "$O/rev"
    "$IDX_BIN" add -q -i "$O/x2" "$O/decoys"
    "$IDX_BIN" delete -q -i "$O/x2" --from "$O/ids"
    # 3: the first, merged
    cp -r "$O/x1" "$O/x3"; "$IDX_BIN" merge -q -i "$O/x3"
    names() { for q in oil dollar trade bank opec bonn; do "$SRCH_BIN" -i "$1" --names -n 30 "$q"; done; "$SRCH_BIN" -i "$1" --names -n 40; }
    hits() { # ranked scores, then the ids of every score but the last (ties cut at n)
        for q in oil dollar 'trade deficit' 'bank rate' opec bonn 'west german'; do
            "$SRCH_BIN" -i "$1" --no-collapse --json -n 20 "$q" | python3 -c '
import json, sys
h = [json.loads(l) for l in sys.stdin]
print(" ".join("%.4f" % x["score"] for x in h))
last = h[-1]["score"] if h else None
print(" ".join(sorted(x["id"] for x in h if x["score"] != last)))'
        done
    }
    names "$O/r" >"$O/r.names"; hits "$O/r" >"$O/r.hits"
    for x in x1 x2 x3; do
        names "$O/$x" >"$O/$x.names"
        check "--names of $x equals the rebuild's" cmp -s "$O/r.names" "$O/$x.names"
        hits "$O/$x" >"$O/$x.hits"
        check "results of $x equal the rebuild's" cmp -s "$O/r.hits" "$O/$x.hits"
    done
fi


# ---- a part of a longer name, whichever articles --names samples ----
# "Exchange Commission" alone in 8 articles, within "Securities and
# Exchange Commission" in 92: the articles sampled for its written form
# are those whose ids hash least (common/query/names.c), and here those
# are the 8 that name it alone; by the counts it is still the longer name
# cut short, listed once as the whole (review r28: listed beside it at a
# million articles once the sample changed)
mkdir -p "$T/partnames"
python3 - "$T/partnames/a.jsonl" <<'PY'
import json, sys
def fnv(s):
    h = 14695981039346656037
    for b in s.encode():
        h = ((h ^ b) * 1099511628211) % (1 << 64)
    return h
ids = sorted(("pn-%d" % i for i in range(100)), key=fnv)
with open(sys.argv[1], "w") as f:
    for n, i in enumerate(ids):
        if n < 8:
            t = "The Exchange Commission said on Tuesday it would look again at the rule."
        else:
            t = "The Securities and Exchange Commission said on Tuesday it would look again at the rule."
        f.write(json.dumps({"id": i, "title": "Rule review %d" % n, "text": t}) + "\n")
PY
"$IDX_BIN" build -q -i "$T/partnames-ix" "$T/partnames/a.jsonl" 2>/dev/null
"$SRCH_BIN" -i "$T/partnames-ix" --names -n 10 >"$T/partnames.out" 2>&1
check "--names lists the longer name" grep -q "Securities and Exchange Commission" "$T/partnames.out"
check "--names does not list its part beside it" sh -c "! grep -q '  Exchange Commission' '$T/partnames.out'"

# ---- an add at a small --mem rewrites no full segment (review r28) ----
# 20 Newsgroups and Reuters at --mem 32M are 11 segments, each written
# when the inverter was full: a one-article add must leave them as they are (inode
# and mtime), ten such adds merge the ten small ones only, and a merge
# cannot make fewer of the full ones either; every run within --mem and
# the 10% the manual allows.  (Each add had rewritten every segment into
# as many again, 13-24% over the budget.)
if [ -d "$NEWS_SHARED/corpora" ] && [ -x /usr/bin/time ]; then
    M="$T/smallmem"
    "$IDX_BIN" build -q -i "$M" --mem 32M "$NEWS_SHARED/corpora/20newsgroups.jsonl.gz" \
        "$NEWS_SHARED/corpora/reuters21578.jsonl.gz"
    seg_stat() { (cd "$M" && stat -c '%i %Y %n' -- *.seg); }
    seg_stat >"$T/segs.before"
    nbig=$(wc -l <"$T/segs.before")
    check "two corpora at --mem 32M are ten segments or more ($nbig)" test "$nbig" -ge 10
    peak=0
    for i in $(seq 1 10); do
        printf '{"id":"small-%d","text":"tiny article %d"}\n' "$i" "$i" |
            /usr/bin/time -f 'peak %M' -o "$T/time" "$IDX_BIN" add -i "$M" --mem 32M - 2>"$T/add.err"
        kb=$(awk '/peak/ {print $2}' "$T/time")
        [ "$kb" -gt "$peak" ] && peak=$kb
        if [ "$i" = 1 ]; then
            check "a one-article add merges nothing" test -z "$(grep merged "$T/add.err")"
            check "a one-article add rewrites no segment" cmp -s "$T/segs.before" <(seg_stat | grep -F -f <(awk '{print $3}' "$T/segs.before"))
        fi
    done
    check "the tenth add merged the ten one-article segments" grep -q 'merged 10 segments (10 articles)' "$T/add.err"
    check "ten adds rewrote no full segment" cmp -s "$T/segs.before" <(seg_stat | grep -F -f <(awk '{print $3}' "$T/segs.before"))
    check "ten adds: one segment more than the build's" test "$(seg_stat | wc -l)" -eq $((nbig + 1))
    /usr/bin/time -f 'peak %M' -o "$T/time" "$IDX_BIN" merge -i "$M" --mem 32M 2>"$T/merge.err"
    kb=$(awk '/peak/ {print $2}' "$T/time")
    [ "$kb" -gt "$peak" ] && peak=$kb
    check "merge --mem 32M rewrites no full segment" cmp -s "$T/segs.before" <(seg_stat | grep -F -f <(awk '{print $3}' "$T/segs.before"))
    if [ "$B" = build ]; then # sanitizers change memory use
        check "the adds and the merge within --mem 32M + 10% (peak $peak KiB)" test "$peak" -le 36045
    fi
    check "the index is sound" bash -c '"$0" check -i "$1" >/dev/null 2>&1' "$IDX_BIN" "$M"
fi
# ---- the near-duplicate clusters within --mem (round 29) ----
# 300,000 generated articles of 24 words, a fifth of them copies of an earlier
# one with a word changed: their sketches (76 bytes each, 23 MB) do not fit
# --mem 32M beside the rest, so the clusters saved after the build and
# after a delete are found in passes; they must be the default --mem's
# byte for byte, and the runs within --mem (the build, whose writer takes
# most, within the manual's 10%; the delete, mostly the clusters, within
# 32M itself: 25.5 MB; with every sketch mapped the delete had peaked at
# 33.6 MB).
if [ -x /usr/bin/time ]; then
    CM="$T/clmem"
    mkdir -p "$CM"
    awk 'BEGIN { srand(7); for (i = 0; i < 300000; i++) {
            if (i % 5 == 0 && i > 0) { t = a[int(rand() * (n < 3000 ? n : 3000))]; sub(/w[0-9]+/, "w" int(rand() * 3000), t) }
            else { t = ""; for (j = 0; j < 24; j++) t = t (j ? " " : "") "w" int(rand() * 3000); if (n < 3000) a[n++] = t }
            printf "{\"id\":\"c%d\",\"text\":\"%s\"}\n", i, t } }' >"$CM/in.jsonl"
    /usr/bin/time -f 'peak %M' -o "$T/time" "$IDX_BIN" build -q -i "$CM/small" --mem 32M "$CM/in.jsonl" 2>"$T/clmem.err"
    build_kb=$(awk '/peak/ {print $2}' "$T/time")
    "$IDX_BIN" build -q -i "$CM/big" "$CM/in.jsonl"
    check "clusters at --mem 32M: saved, no warning" test -s "$CM/small/000001.clusters" -a ! -s "$T/clmem.err"
    check "clusters at --mem 32M are the default --mem's, byte for byte" cmp "$CM/small/000001.clusters" "$CM/big/000001.clusters"
    check "the generated copies were clustered" test "$(stat -c %s "$CM/small/000001.clusters")" -gt 1300000
    /usr/bin/time -f 'peak %M' -o "$T/time" "$IDX_BIN" delete -q -i "$CM/small" --mem 32M c17
    del_kb=$(awk '/peak/ {print $2}' "$T/time")
    "$IDX_BIN" delete -q -i "$CM/big" c17
    check "clusters after a delete at --mem 32M: the default's" cmp "$CM/small/000002.clusters" "$CM/big/000002.clusters"
    if [ "$B" = build ]; then # sanitizers change memory use
        check "a build of 300,000 articles within --mem 32M + 10% (peak $build_kb KiB)" test "$build_kb" -le 36045
        check "a delete's cluster refresh within --mem 32M (peak $del_kb KiB)" test "$del_kb" -le 32768
    fi
    rm -rf "$CM"
fi
# ---- plain-text articles as copied from news sites (issue 14, docs/ARTICLES.md) ----
N="$T/txt/news"
mkdir -p "$N/2025"
cp tests/data/readers/layouts/01-kicker-news-analysis.txt tests/data/readers/layouts/10-byline-nbsp-lowercase.txt \
    tests/data/readers/layouts/22-date-first-line.txt "$N/2025/"
printf '{"source": "Harbour Gazette", "url": "https://example.com/harbour"}' >"$N/2025/10-byline-nbsp-lowercase.json"
"$IDX_BIN" build -i "$T/nix" "$N" 2>"$T/nix.err"
check "text folder: built, the sidecar read as metadata (exit $?)" grep -q '3 indexed, 0 skipped; 1 sidecar read as metadata' "$T/nix.err"
field() { # query, id, field: that field of that hit in --json
    "$SRCH_BIN" -i "$1" --no-collapse --json -n 10 "$2" | python3 -c 'import json, sys
for l in sys.stdin:
    o = json.loads(l)
    if o["id"] == sys.argv[1]: print(o[sys.argv[2]])' "$3" "$4"
}
check "a kicker is not the title" test "$(field "$T/nix" council news/2025/01-kicker-news-analysis.txt title)" = "City council approves new bike lanes"
check "a byline with no-break gaps gives author and date" test "$(field "$T/nix" harbour news/2025/10-byline-nbsp-lowercase.txt author) $(field "$T/nix" harbour news/2025/10-byline-nbsp-lowercase.txt date)" = "Jane Roe 2025-11-26T02:34:00Z"
check "a sidecar gives the source and url" test "$(field "$T/nix" harbour news/2025/10-byline-nbsp-lowercase.txt source) $(field "$T/nix" harbour news/2025/10-byline-nbsp-lowercase.txt url)" = "Harbour Gazette https://example.com/harbour"
check "a date line on top is the date (month first)" test "$(field "$T/nix" library news/2025/22-date-first-line.txt date)" = "2025-11-07T00:00:00Z"
abs=$(cd "$N" && pwd)
"$IDX_BIN" add -i "$T/nix" "$abs/" 2>"$T/nix.err"
check "the same folder typed as an absolute path replaces, not doubles" \
    test -n "$(grep '3 older versions replaced (same id)' "$T/nix.err")" -a "$("$SRCH_BIN" -i "$T/nix" --no-collapse --count 'council OR harbour OR library')" = 3
idx_abs=$(cd "$(dirname "$IDX_BIN")" && pwd)/byline-index
(cd "$T/txt" && "$idx_abs" add -i "$T/nix" ./news//) 2>"$T/nix.err"
check "typed ./news// it replaces too" test -n "$(grep '3 older versions replaced' "$T/nix.err")" -a "$("$SRCH_BIN" -i "$T/nix" --no-collapse --count 'council OR harbour OR library')" = 3
"$IDX_BIN" add -i "$T/nix" --id-prefix copy: "$N" 2>"$T/nix.err"
check "--id-prefix keeps a second copy apart" test -z "$(grep 'replaced' "$T/nix.err")" -a "$("$SRCH_BIN" -i "$T/nix" --no-collapse --count 'council OR harbour OR library')" = 6 -a \
    "$(field "$T/nix" library copy:news/2025/22-date-first-line.txt title)" = "Library extends weekend hours"
# an id from a file name that is not UTF-8 (an old archive's Latin-1 name)
mkdir -p "$T/lat1"
printf 'Caf\303\251 owners sue the port\n\nThe owners of the harbour caf\303\251 sued the port authority.\n' \
    >"$T/lat1/$(printf 'caf\351.txt')"
"$IDX_BIN" add -q -i "$T/nix" "$T/lat1" 2>"$T/nix.err"
check "--json shows an id that is not UTF-8 with U+FFFD, not as \"\"" \
    test "$("$SRCH_BIN" -i "$T/nix" --json --no-collapse -n 20 owners sue | python3 -c 'import sys, json; print(sum(json.loads(l)["id"].endswith("caf\ufffd.txt") for l in sys.stdin))')" = 1
"$IDX_BIN" add -q -i "$T/nix" --source "$(printf 'Caf\351 Times')" "$N" 2>"$T/nix.err"
check "--source that is not UTF-8 is refused up front (exit $?)" test $? -eq 2 -a -n "$(grep 'not UTF-8' "$T/nix.err")"
"$IDX_BIN" build -i "$T/nix2" --date-order dmy --source 'Example Times' "$N" 2>"$T/nix.err"
check "--date-order dmy reads 11/07/2025 as 11 July" test "$(field "$T/nix2" library news/2025/22-date-first-line.txt date)" = "2025-07-11T00:00:00Z"
check "--source fills a source, a sidecar's stays" test "$(field "$T/nix2" library news/2025/22-date-first-line.txt source)/$(field "$T/nix2" harbour news/2025/10-byline-nbsp-lowercase.txt source)" = "Example Times/Harbour Gazette"
"$IDX_BIN" build -i "$T/nix3" --date-order ymd "$N" 2>"$T/nix.err"
check "--date-order ymd is a usage error (exit $?)" test $? -eq 2 -a -n "$(grep 'mdy' "$T/nix.err")"
# ambiguous dates by evidence (docs/ARTICLES.md): a file with no other
# date follows the other files of its run; --date-order still wins
mkdir -p "$T/dord"
printf 'Harbour reopens\nPublished Date : 02/12/2026\n\nThe harbour reopened.\n' >"$T/dord/a.txt"
printf 'Library opens\nPublished Date : 14/11/2026\n\nThe library opened.\n' >"$T/dord/b.txt"
"$IDX_BIN" build -q -i "$T/dord-i" "$T/dord"
check "an ambiguous date follows its run (02/12/2026 beside 14/11/2026 is 2 December)" \
    test "$(field "$T/dord-i" harbour dord/a.txt date)" = "2026-12-02T00:00:00Z"
"$IDX_BIN" build -q -i "$T/dord-a" --date-order auto "$T/dord"
check "--date-order auto is the default" test "$(field "$T/dord-a" harbour dord/a.txt date)" = "2026-12-02T00:00:00Z"
"$IDX_BIN" build -q -i "$T/dord-m" --date-order mdy "$T/dord"
check "--date-order mdy wins over the evidence" test "$(field "$T/dord-m" harbour dord/a.txt date)" = "2026-02-12T00:00:00Z"


# ---- views over every match: --timeline, --plot, --facet, tag:, --export, --show --query ----
V="$T/views"
mkdir -p "$V"
# dated across months with an empty one (2021-02), an ISO-week edge (Sunday
# 2021-01-03 is in 2020-W53), undated articles, tags as strings and arrays
# under four keys, text with quotes, commas and line breaks
python3 - "$V/in.jsonl" <<'PY'
import json, sys
rows = []
for i in range(60):
    d = {"id": "v%02d" % i, "title": "Cargo report %d" % i,
         "text": 'Harbour "cargo" volumes, item %d,\nsecond line; tankers.' % i,
         "source": ["Harbour Wire", "Daily Ledger", "harbour wire"][i % 3]}
    if i % 10 == 9:
        pass  # undated
    elif i < 20:
        d["date"] = "2021-01-%02dT12:00:00Z" % (1 + i % 28)
    else:
        d["date"] = "2021-03-%02dT08:30:00Z" % (1 + i % 28)
    if i % 2 == 0:
        d["categories"] = ["Oil Prices", "shipping"]
    if i % 3 == 0:
        d["tags"] = "OIL PRICES"
    if i % 5 == 0:
        d["section"] = "Business"
    if i % 7 == 0:
        d["keywords"] = ["Énergie", " "]
    if i % 4 == 0:
        d["author"] = ["Ann Lee", "Bo Chan"]
    rows.append(d)
with open(sys.argv[1], "w") as f:
    for d in rows:
        f.write(json.dumps(d, ensure_ascii=False) + "\n")
PY
"$IDX_BIN" build -q -i "$V/ix" "$V/in.jsonl" 2>"$T/err"
check "views: the generated corpus builds" test $? -eq 0
vs() { "$SRCH_BIN" -i "$V/ix" "$@"; }
all=$(vs --no-collapse --count cargo)
check "views: 60 articles match" test "$all" = 60
vs --timeline month --json cargo >"$V/tl.json"
check "timeline --json: buckets + undated = total = --count, periods contiguous, empty month 0" python3 - "$V/tl.json" "$all" <<'PY'
import json, sys
o = json.loads(open(sys.argv[1]).read())
b = o["buckets"]
assert o["interval"] == "month" and o["query"] == "cargo", o
assert o["total"] == int(sys.argv[2]) == sum(x["articles"] for x in b) + o["undated"], o
assert o["undated"] == 6, o
assert [x["period"] for x in b] == ["2021-01", "2021-02", "2021-03"], b
assert b[1]["articles"] == 0 and b[1]["stories"] == 0, b
assert all(0 <= x["stories"] <= x["articles"] for x in b), b
PY
vs --timeline week --json cargo | python3 -c 'import json, sys; o = json.load(sys.stdin); p = [b["period"] for b in o["buckets"]]; assert p[0] == "2020-W53" and "2021-W01" in p, p' 2>"$T/err"
check "timeline week: ISO weeks (Sunday 2021-01-03 is 2020-W53)" test $? -eq 0
vs --timeline cargo >"$V/tl.txt"
check "timeline piped: plain # bars, no escape or block glyph" test -z "$(grep -e $'\e' -e '█' "$V/tl.txt")" -a -n "$(grep '^2021-01 .*#' "$V/tl.txt")"
check "timeline: says how many undated" grep -q '6 undated' "$V/tl.txt"
check "timeline --color=always: block bars" grep -q '█' <(vs --color=always --timeline cargo)
check "timeline: bars fit COLUMNS=40" test "$(COLUMNS=40 vs --timeline day cargo | awk '/^[0-9][0-9][0-9][0-9]-/ { if (length($0) > 40) n++ } END { print n + 0 }')" = 0
check "timeline --timeline year QUERY takes the interval" grep -q '^2021 ' <(vs --timeline year cargo)
check "timeline --timeline=day" grep -q '^2021-01-01 ' <(vs --timeline=day cargo)
vs --timeline=fortnight cargo >/dev/null 2>"$T/err"
check "timeline: an unknown interval is exit 2 with the choices" test $? -eq 2 -a -n "$(grep 'day, week, month or year' "$T/err")"
# a word after --timeline that reads as an interval but is none is refused,
# not searched for over months ("weekly oil" per month)
for w in weekly Weekly days MONTH quarterly annual decades; do
    vs --timeline "$w" cargo >"$T/out" 2>"$T/err"
    check "timeline: '--timeline $w cargo' is exit 2, naming the intervals and how to search for it" \
        test $? -eq 2 -a ! -s "$T/out" -a -n "$(grep "day, week, month or year, not '$w'" "$T/err")" -a \
        -n "$(grep -- "--timeline=month $w" "$T/err")"
done
check "timeline: ... such a word is searched for after the interval" grep -q 'per month' <(vs --timeline=month weekly cargo 2>&1)
vs --timeline nosuchword >/dev/null 2>"$T/err"
check "timeline: no match is exit 1 with a message" test $? -eq 1 -a -n "$(grep 'no article matches' "$T/err")"
vs --plot "$V/x.png" cargo >/dev/null 2>"$T/err"
check "--plot without --timeline: exit 2" test $? -eq 2
vs --timeline --plot "$V/x.gif" cargo >"$T/out" 2>"$T/err"
check "--plot FILE.gif: exit 2, says .svg or .png, before any output" test $? -eq 2 -a -n "$(grep '.svg or .png' "$T/err")" -a ! -s "$T/out"
vs --timeline --plot "$V/nodir/x.png" cargo >/dev/null 2>"$T/err"
check "--plot into a missing folder: exit 2, names the file" test $? -eq 2 -a -n "$(grep 'nodir/x.png' "$T/err")"
vs --timeline --plot "$V/tl.png" cargo >/dev/null
check "--plot PNG: 960x480, decodes, not blank" python3 - "$V/tl.png" <<'PY'
import sys
sys.path.insert(0, "tests")
import pngread
w, h, bpp, rows = pngread.read(sys.argv[1])
assert (w, h) == (960, 480), (w, h)
assert len({bytes(r[x:x + 3]) for r in rows for x in range(0, w * bpp, bpp)}) > 3  # more than a blank page
PY
vs --timeline week --plot "$V/tl.svg" 'cargo & "tankers"' >/dev/null
check "--plot SVG: well-formed, the query as title, axes and periods as text" python3 - "$V/tl.svg" <<'PY'
import sys, xml.etree.ElementTree as ET
r = ET.parse(sys.argv[1]).getroot()
ns = "{http://www.w3.org/2000/svg}"
assert r.tag == ns + "svg" and r.get("width") == "960pt", r.attrib
assert r.find(ns + "title").text == 'cargo & "tankers"', r.find(ns + "title").text
desc = r.find(ns + "desc").text
assert "y axis: articles" in desc and "x axis: week (UTC, ISO weeks)" in desc and "2020-W53" in desc, desc
PY
# years 0001 to 9999: a year's bar is a tenth of a pixel wide; a period
# with articles is still drawn (the PNG decoded, the bars' colours counted)
printf '{"id":"a","title":"t","text":"alpha","date":"0001-01-01"}\n{"id":"b","title":"t","text":"alpha","date":"9999-12-31"}\n{"id":"c","title":"t","text":"alpha","date":"1900-02-03"}\n' >"$V/span.jsonl"
"$IDX_BIN" build -q -i "$V/span" "$V/span.jsonl"
"$SRCH_BIN" -i "$V/span" --timeline year --plot "$V/span.png" alpha >/dev/null
check "--plot over 9,999 years: every period with articles shows" python3 - "$V/span.png" <<'PY'
import sys
sys.path.insert(0, "tests")
import pngread
w, h, bpp, rows = pngread.read(sys.argv[1])
bars = 0
for row in rows[:h - 30]:  # above the legend: the bars' light blue or the stories' dark blue
    for x in range(0, w * bpp, bpp):
        r, g, b = row[x:x + 3]
        if abs(r - 140) + abs(g - 179) + abs(b - 224) < 60 or abs(r - 31) + abs(g - 82) + abs(b - 153) < 60:
            bars += 1
assert bars >= 3, bars  # three one-article years, each at least a pixel wide
PY
# facets against the input, and tag: as documented
vs --facet tag,source,author,year -n 50 --json cargo >"$V/facet.json"
check "facet --json: counts equal the input's, missing accounted" python3 - "$V/in.jsonl" "$V/facet.json" <<'PY'
import collections, json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
f = json.loads(open(sys.argv[2]).read())
assert f["total"] == 60, f["total"]
def vals(d, keys):
    out = []
    for k in keys:
        v = d.get(k)
        for s in (v if isinstance(v, list) else [v] if v is not None else []):
            if s.strip() and s.strip() not in out:
                out.append(s.strip())
    return out
want = {"tag": ["categories", "tags", "section", "keywords"], "source": ["source"], "author": ["author"]}
for facet, keys in want.items():
    c, missing = collections.Counter(), 0
    for d in rows:
        v = vals(d, keys)
        c.update(v)
        missing += not v
    got = {x["value"]: x["articles"] for x in f["facets"][facet]["values"]}
    assert got == dict(c), (facet, got, dict(c))
    assert f["facets"][facet]["missing"] == missing, (facet, missing)
years = f["facets"]["year"]
assert years["values"] == [{"value": "2021", "articles": 54}] and years["missing"] == 6, years
PY
check "facet text: values as written, with how many lack one" grep -q '^tag (5 values; ' <(vs --facet tag cargo)
vs --facet tags cargo >/dev/null 2>"$T/err"
check "facet: an unknown facet is exit 2 with the list" test $? -eq 2 -a -n "$(grep 'source, author, name, tag and year' "$T/err")"
tagn() { vs --no-collapse --count "$1" 2>/dev/null; }
check "tag: whole tags, any case (oil prices: 40 articles)" test "$(tagn 'tag:"oil prices"') $(tagn 'tag:"OIL PRICES"') $(tagn tag:oil) $(tagn tag:prices)" = "40 40 0 0"
check "tag: accents and case folded (Énergie = energie)" test "$(tagn tag:energie) $(tagn tag:ÉNERGIE)" = "9 9"
# export: every match, read back by python's csv and json
vs --export csv --sort date cargo >"$V/x.csv"
check "--export csv: RFC 4180 read back, every match, text intact, date order" python3 - "$V/in.jsonl" "$V/x.csv" <<'PY'
import csv, json, sys
src = {d["id"]: d for d in map(json.loads, open(sys.argv[1]))}
raw = open(sys.argv[2], newline="").read()
assert raw.endswith("\r\n") and "\r\n" in raw
rows = list(csv.DictReader(open(sys.argv[2], newline="")))
assert len(rows) == 60, len(rows)
assert list(rows[0].keys()) == ["rank", "score", "id", "date", "title", "author", "source", "url", "tags", "text"]
for r in rows:
    d = src[r["id"]]
    assert r["text"] == d["text"] and r["title"] == d["title"], r
dated = [r["date"] for r in rows if r["date"]]
assert dated == sorted(dated) and len(dated) == 54, dated
assert [r["rank"] for r in rows] == [str(i + 1) for i in range(60)]
PY
vs --export jsonl cargo >"$V/x.jsonl"
check "--export jsonl: one object per match, all fields, full text" python3 - "$V/in.jsonl" "$V/x.jsonl" <<'PY'
import json, sys
src = {d["id"]: d for d in map(json.loads, open(sys.argv[1]))}
out = [json.loads(l) for l in open(sys.argv[2])]
assert len(out) == 60
for o in out:
    d = src[o["id"]]
    assert o["text"] == d["text"] and o["source"] == d["source"], o
    assert (o["date"] is None) == ("date" not in d), o
scores = [o["score"] for o in out]
assert scores == sorted(scores, reverse=True), scores
o = [o for o in out if o["id"] == "v00"][0]
assert o["tags"] == ["Oil Prices", "shipping", "OIL PRICES", "Business", "Énergie"], o["tags"]
PY
check "--export -n 5: only the page" test "$(vs --export jsonl -n 5 cargo | wc -l)" = 5
vs --export xml cargo >/dev/null 2>"$T/err"
check "--export xml: exit 2, says jsonl or csv" test $? -eq 2 -a -n "$(grep 'jsonl or csv' "$T/err")"
vs --export csv --timeline cargo >/dev/null 2>"$T/err"
check "--export with --timeline: exit 2" test $? -eq 2
# --show --query marks the words
check "--show --query: matches in [brackets] when piped" grep -q '\[tankers\]' <(vs --show v01 --query tankers)
check "--show --query --color=never: no marks" test -z "$(vs --show v01 --query tankers --color=never | grep -F -e '[' -e $'\e')"
check "--show --query --json: text_matches point at the word" python3 -c '
import json, sys
o = json.loads(sys.stdin.read())
s = o["text"].encode()
assert o["text_matches"] and all(s[a:b].decode().lower().startswith("tanker") for a, b in o["text_matches"]), o' < <(vs --show v01 --query tankers --json)
vs --query tankers cargo >/dev/null 2>"$T/err"
check "--query without --show: exit 2" test $? -eq 2
for o in --names "--facet source oil" "--timeline oil" --stats "--similar v01"; do
    vs --offset 3 $o >/dev/null 2>"$T/err"
    check "--offset with $o: said, exit 2" test $? -eq 2 -a -n "$(grep 'have no pages' "$T/err")"
done
# an index written before tags (segment format 3) still opens and searches
cp -r tests/data/format3-index "$V/old"
check "format 3 index: searched" test "$("$SRCH_BIN" -i "$V/old" --count oil)" = 1
"$SRCH_BIN" -i "$V/old" --count tag:crude >/dev/null 2>&1
check "format 3 index: tag: finds nothing (exit 1)" test $? -eq 1
printf '%s\n' '{"id":"new-1","title":"Crude stocks","text":"Crude stocks rose.","date":"1987-05-01","categories":"crude"}' >"$V/new.jsonl"
"$IDX_BIN" add -q -i "$V/old" "$V/new.jsonl" 2>"$T/err"
check "format 3 index: add writes a current-format segment beside it" test "$("$SRCH_BIN" -i "$V/old" --count --no-collapse tag:crude) $("$SRCH_BIN" -i "$V/old" --count --no-collapse crude)" = "1 2"
"$IDX_BIN" merge -q -i "$V/old" 2>"$T/err"
check "format 3 index: merged, tags kept" test "$("$SRCH_BIN" -i "$V/old" --count --no-collapse tag:crude)" = 1
# an index written before chunk checksums (segment format 4) reads as the
# same articles built now (format 5), byte for byte in the results
cp -r tests/data/format4-index "$V/f4"
# (month first, the date rule the format-4 index was written under: a
# later rule reads the file's one ambiguous date by its other records)
"$IDX_BIN" build -q --date-order mdy -i "$V/f5" tests/data/format4-index.jsonl 2>"$T/err"
"$IDX_BIN" check -i "$V/f4" >/dev/null
check "format 4 index: byline-index check passes" test $? -eq 0
for q in 'export controls' 'the' 'title:semiconductor OR rates' '"export controls"'; do
    check "format 4 index: '$q' as in format 5" cmp <("$SRCH_BIN" -i "$V/f4" -n 20 --no-color "$q" 2>&1) \
        <("$SRCH_BIN" -i "$V/f5" -n 20 --no-color "$q" 2>&1)
done
"$IDX_BIN" add -q -i "$V/f4" "$V/new.jsonl" 2>"$T/err"
"$IDX_BIN" merge -q -i "$V/f4" 2>"$T/err"
"$IDX_BIN" check -i "$V/f4" >/dev/null
check "format 4 index: add and merge over it, then check" test $? -eq 0
# an index of four impacts a block (segment format 5) reads as the same
# articles built now (format 6)
cp -r tests/data/format5-index "$V/f5old"
"$IDX_BIN" build -q -i "$V/f6" tests/data/format5-index.jsonl 2>"$T/err"
"$IDX_BIN" check -i "$V/f5old" >/dev/null
check "format 5 index: byline-index check passes" test $? -eq 0
for q in 'the' 'the harbor' 'of absentword' 'title:grain OR crude'; do
    check "format 5 index: '$q' as in format 6" cmp <("$SRCH_BIN" -i "$V/f5old" -n 20 --no-color "$q" 2>&1) \
        <("$SRCH_BIN" -i "$V/f6" -n 20 --no-color "$q" 2>&1)
done
# an index without the LENS column (segment format 6: scoring reads DOCS)
# reads as the same articles built now (format 7)
cp -r tests/data/format6-index "$V/f6old"
"$IDX_BIN" check -i "$V/f6old" >/dev/null
check "format 6 index: byline-index check passes" test $? -eq 0
for q in 'the' 'the harbor' 'of absentword' 'title:grain OR crude' '"the harbor"'; do
    check "format 6 index: '$q' as now" cmp <("$SRCH_BIN" -i "$V/f6old" -n 20 --no-color "$q" 2>&1) \
        <("$SRCH_BIN" -i "$V/f6" -n 20 --no-color "$q" 2>&1)
done

# Reuters' categories (../shared, when present) as tags, against the input
REU=../shared/corpora/reuters21578.jsonl.gz
if [ -f "$REU" ]; then
    "$IDX_BIN" build -q -i "$V/reu" "$REU" 2>/dev/null
    "$SRCH_BIN" -i "$V/reu" --facet tag -n 5 --json --no-collapse 'tag:crude OR tag:grain' >"$V/reu.json"
    check "Reuters: tag: and --facet tag agree with the categories of the input" python3 - "$REU" "$V/reu.json" \
        "$("$SRCH_BIN" -i "$V/reu" --no-collapse --count tag:crude)" <<'PY'
import collections, gzip, json, sys
c, n = collections.Counter(), 0
for line in gzip.open(sys.argv[1], "rt"):
    cats = json.loads(line).get("categories") or []
    if "crude" in cats or "grain" in cats:
        n += 1
        c.update(set(cats))
f = json.loads(open(sys.argv[2]).read())
assert int(sys.argv[3]) == c["crude"], (sys.argv[3], c["crude"])
assert f["total"] == n, (f["total"], n)
got = {v["value"]: v["articles"] for v in f["facets"]["tag"]["values"]}
assert all(got[k] == c[k] for k in got) and len(got) == 5, (got, c.most_common(6))
PY
    # --prf with the default collapse, pages of 20: the one list -n 100
    # gives (feedback ranked again the first pass's best offset + n, so
    # the pages of 'bank*' repeated 15 articles and never showed 15)
    for q in 'bank' 'bank*'; do
        one=$(for o in 0 20 40 60 80; do "$SRCH_BIN" -i "$V/reu" --json -n 20 --offset $o --prf 5 "$q"; done |
              grep -o '"id":"[^"]*"' | tr '\n' ' ')
        all=$("$SRCH_BIN" -i "$V/reu" --json -n 100 --prf 5 "$q" | grep -o '"id":"[^"]*"' | tr '\n' ' ')
        check "Reuters --prf '$q': pages of 20 are the list of -n 100 ($(echo "$all" | wc -w) ids)" \
            test "$(echo "$all" | wc -w)" -eq 100 -a "$one" = "$all"
    done
else
    echo "e2e: $REU not found: the Reuters tag check is skipped"
fi

# ---- names a reader can trust (issue 14): web copy with its truth ----
# bench/names/web.py indexes tests/data/web and scores --names and name:
# against tests/data/web/TRUTH.json.  The floors are the measured figures
# (docs/PERFORMANCE.md, "Names in web copy" and "Places apart, dates by
# evidence") rounded down: strict precision 0.92 (places are listed apart;
# the rest are products), names precision 1.00, recall 0.933, every
# article's title, author and date right (ambiguous dates by evidence).
if command -v python3 >/dev/null; then
    python3 bench/names/web.py "$B" tests/data/web "$T" --min-precision 0.9 \
        --min-names-precision 0.95 --min-recall 0.9 --min-meta 1.0 >"$T/web.out" 2>&1
    rc=$?
    check "names in web copy: precision and recall at their floors ($(head -1 "$T/web.out"))" \
        test $rc -eq 0
else
    echo "e2e: skipping the web-copy names check: no python3" >&2
fi
# The held-out sets (docs/PERFORMANCE.md, "Articles as they come (round
# 17)"): their metadata all right, and their names at the floors measured.
if command -v python3 >/dev/null; then
    python3 bench/names/web.py "$B" tests/data/web-new "$T" --min-precision 0.9 \
        --min-recall 0.9 --min-meta 1.0 >"$T/web-new.out" 2>&1
    check "names in held-out web copy ($(head -1 "$T/web-new.out"))" test $? -eq 0
    python3 bench/names/web.py "$B" tests/data/web-holdout2 "$T" --min-precision 0.75 \
        --min-recall 0.85 --min-meta 1.0 >"$T/web-h2.out" 2>&1
    check "names in the second held-out web copy ($(head -1 "$T/web-h2.out"))" test $? -eq 0
fi
# The third held-out set at this round's floors (docs/PERFORMANCE.md,
# "Articles as they come (round 18)").
if command -v python3 >/dev/null; then
    python3 bench/names/web.py "$B" tests/data/web-holdout3 "$T" --min-precision 0.9 \
        --min-recall 0.95 --min-meta 1.0 >"$T/web-h3.out" 2>&1
    check "names in the third held-out web copy ($(head -1 "$T/web-h3.out"))" test $? -eq 0
fi
# The ninth and tenth held-out sets, written blind (docs/PERFORMANCE.md,
# "Held out, unseen: web-holdout10 (round 22)"), at the floors measured
# after the round's changes: the head-line model's titles and the
# navigation bars that name no one must not slip back.  Round 23 raised
# the meta floors (0.6 -> 0.93, 0.37 -> 0.87): closing bylines above a
# page's end, papers and companies that are no writers, the new date forms.
# Round 24 raised the names floors (precision 0.56 -> 0.64, 0.68 -> 0.82,
# 0.64 -> 0.78; recall 0.85 -> 0.95, 0.9 -> 0.94): places by more of where
# they stand and by their words, titles of address, acronyms defined in
# brackets, share bars inside a line; and the meta floors of all three
# to 1.0 (titles by features the head-line model learns, bylines over
# lines and with brackets, sign-offs over a role).
if command -v python3 >/dev/null; then
    python3 bench/names/web.py "$B" tests/data/web-holdout9 "$T" --min-precision 0.64 \
        --min-recall 0.85 --min-meta 1.0 >"$T/web-h9.out" 2>&1
    check "names in the ninth held-out web copy ($(head -1 "$T/web-h9.out"))" test $? -eq 0
    python3 bench/names/web.py "$B" tests/data/web-holdout10 "$T" --min-precision 0.82 \
        --min-recall 0.95 --min-meta 1.0 >"$T/web-h10.out" 2>&1
    check "names in the tenth held-out web copy ($(head -1 "$T/web-h10.out"))" test $? -eq 0
    # the eleventh, written blind this round (docs/PERFORMANCE.md, "Held
    # out, unseen: web-holdout11 (round 23)"), at its floors after the
    # round: the dates of a head read loosely (1.000) must not slip back
    python3 bench/names/web.py "$B" tests/data/web-holdout11 "$T" --min-precision 0.78 \
        --min-recall 0.94 --min-meta 1.0 >"$T/web-h11.out" 2>&1
    check "names in the eleventh held-out web copy ($(head -1 "$T/web-h11.out"))" test $? -eq 0
    # the twelfth, written blind in round 24 and scored once at the end of
    # it (docs/PERFORMANCE.md, "Held out, unseen: web-holdout12 (round
    # 24)"), at the floors it measured then: what the round carried to
    # pages it had not seen must not slip back
    # round 25 read its misses: the floors after that round's passes
    python3 bench/names/web.py "$B" tests/data/web-holdout12 "$T" --min-precision 0.78 \
        --min-recall 0.96 --min-meta 1.0 >"$T/web-h12.out" 2>&1
    check "names in the twelfth held-out web copy ($(head -1 "$T/web-h12.out"))" test $? -eq 0
    # the thirteenth, written blind in round 25 and scored once at its
    # start and once at its end (docs/PERFORMANCE.md, "Held out, unseen:
    # web-holdout13 (round 25)"), at the floors it measured then
    # round 26 read its misses: the floors after that round's passes
    python3 bench/names/web.py "$B" tests/data/web-holdout13 "$T" --min-precision 0.86 \
        --min-recall 0.95 --min-meta 0.95 >"$T/web-h13.out" 2>&1
    check "names in the thirteenth held-out web copy ($(head -1 "$T/web-h13.out"))" test $? -eq 0
    # the fourteenth, written blind in round 26 and scored once at its
    # start and once at its end (docs/PERFORMANCE.md, "Held out, unseen:
    # web-holdout14 (round 26)"), at the floors it measured then
    # round 27 read its misses: the floors after that round's passes
    python3 bench/names/web.py "$B" tests/data/web-holdout14 "$T" --min-precision 0.88 \
        --min-recall 0.98 --min-meta 0.95 >"$T/web-h14.out" 2>&1
    check "names in the fourteenth held-out web copy ($(head -1 "$T/web-h14.out"))" test $? -eq 0
    # the fifteenth, written blind in round 27 and scored once at its
    # start and once at its end (docs/PERFORMANCE.md, "Held out, unseen:
    # web-holdout15 (round 27)"), at the floors it measured then;
    # round 28 read its misses: meta and precision after that round's passes (the page
    # pasted without its headline is left as the rules read it)
    python3 bench/names/web.py "$B" tests/data/web-holdout15 "$T" --min-precision 0.74 \
        --min-recall 0.95 --min-meta 0.95 >"$T/web-h15.out" 2>&1
    check "names in the fifteenth held-out web copy ($(head -1 "$T/web-h15.out"))" test $? -eq 0
    # the sixteenth, written blind in round 28 and scored once at its
    # start and once at its end (docs/PERFORMANCE.md, "Held out, unseen:
    # web-holdout16 (round 28)"), at the floors it measured then;
    # round 29 read its misses: the floors after that round's passes
    python3 bench/names/web.py "$B" tests/data/web-holdout16 "$T" --min-precision 0.86 \
        --min-recall 0.93 --min-meta 0.95 >"$T/web-h16.out" 2>&1
    check "names in the sixteenth held-out web copy ($(head -1 "$T/web-h16.out"))" test $? -eq 0
    # the seventeenth, written blind in round 29 and scored once at its
    # start and once at its end (docs/PERFORMANCE.md, "Held out, unseen:
    # web-holdout17 (round 29)"), at the floors it measured then
    python3 bench/names/web.py "$B" tests/data/web-holdout17 "$T" --min-precision 0.76 \
        --min-recall 0.90 --min-meta 0.80 >"$T/web-h17.out" 2>&1
    check "names in the seventeenth held-out web copy ($(head -1 "$T/web-h17.out"))" test $? -eq 0
fi
# A field of punctuation only ("@" as the author, "—" as the title) gives
# no words: the inverter copied its no tokens from a NULL array, undefined
# behaviour that UBSan stops on (round 29)
printf '%s\n' '{"id":"p1","title":"\u2014","text":"plum cake","author":"@"}' \
    '{"id":"p2","title":"...","text":"plum jam","author":"<@>"}' >"$T/punct.jsonl"
"$IDX_BIN" build -q -i "$T/punct-ix" "$T/punct.jsonl"
check "fields of punctuation only: indexed, exit 0" test $? -eq 0
check "fields of punctuation only: both articles found" \
    test "$("$SRCH_BIN" -i "$T/punct-ix" --count --no-collapse plum)" = 2
# --names over one long article: each mention looks only at its
# neighbours for a longer name around it (all tokens were looked at: the
# time grew with the square of the article, 11 s at 1 MB, minutes at 4 MB)
mkdir -p "$T/longnames"
python3 -c "print('Names\n\n' + 'Said John Smith and Mary Jones. ' * 128000)" >"$T/longnames/a.txt"
"$IDX_BIN" build -q -i "$T/longnames-ix" "$T/longnames" 2>/dev/null
out=$(timeout 120 "$SRCH_BIN" -i "$T/longnames-ix" --names -n 5 | awk '{print $2 $3}' | sort | tr '\n' ' ')
check "--names over a 4 MB article ends, and finds its two people ($out)" test "$out" = "JohnSmith MaryJones "
# Places by where they stand: a town after "in", in a list after "moved
# ... to" or "units at" is a place; a company after "shares in", and one
# that speaks, are not; a storm and a market index are neither.
mkdir -p "$T/where"
{
    printf 'Ferry order for a small yard\n\nLEIRVIK, Norway (Reuters) - Halvorsen said it would build a plant in Kvinnherad. '
    printf 'Investors bought shares in Tolvaro after Tolvaro said sales rose. Trucks moved grain to Skarvik and Dunholm, '
    printf 'and Halvorsen said more. Storm Kira shut coal units at Vardal and Osterby, and the Nasdaq Composite fell.\n'
} >"$T/where/a.txt"
"$IDX_BIN" build -q -i "$T/where-ix" "$T/where" 2>/dev/null
out=$("$SRCH_BIN" -i "$T/where-ix" --names -n 20 | awk '{print $2}' | sort | tr '\n' ' ')
check "--names: places by where they stand are left out ($out)" test "$out" = "Halvorsen Reuters Tolvaro "
out=$("$SRCH_BIN" -i "$T/where-ix" --names --places -n 20 | awk '{print $2}' | sort | tr '\n' ' ')
check "--names --places: places by where they stand, among the matches ($out)" test "$out" = "Dunholm Kvinnherad Osterby Skarvik Vardal "
# Places by "of" and by a kind written first (round 18): "the mayor of",
# "Residents of", "the hamlet of", "the lane to", "Port ..."; a person "of"
# a company stays a person and the company an organisation.
mkdir -p "$T/where2"
printf 'Council row over a bus\n\nThe mayor of Brackwater said the hamlet of Tilsey Cross would get a bus. Port Quarrow was quiet. Residents of Brackwater and Ormley were angry, and the lane to Ormley closed. Sara Lind of Halvorsen said the plan was late. Halvorsen said more.\n' >"$T/where2/a.txt"
"$IDX_BIN" build -q -i "$T/where2-ix" "$T/where2" 2>/dev/null
out=$("$SRCH_BIN" -i "$T/where2-ix" --names -n 20 | awk '{print $2 $3}' | sort | tr '\n' ' ')
check "--names: places after \"mayor of\", \"hamlet of\" are left out ($out)" test "$out" = "Halvorsen SaraLind "
out=$("$SRCH_BIN" -i "$T/where2-ix" --names --places -n 20 | awk '{print $2 $3}' | sort | tr '\n' ' ')
check "--names --places: places by \"of\" and \"Port\" ($out)" test "$out" = "Brackwater Ormley PortQuarrow TilseyCross "

# Names of other countries' pages (round 19): a town "in Co" or "in" a
# county of the gazetteer after "from" is a place (a firm "at X in" one
# is not), a province too; an honorific (Shri)
# and a rank (Lieutenant General) are no part of a name; an organisation
# keeps its subjects after "of" and a plural possessive; a share bar
# names no one.
mkdir -p "$T/where3"
printf 'Greenway plan approved\n\nCllr Mary Byrne, a councillor for the area, said the route would help. Dara Quinn, from Ballyroan in Co Galway, agreed, and Tom Hale, from Rathkeel in Kerry, said so. Ann Lee, an analyst at Corvane in Kerry, disagreed. Growers in the Eastern Cape wrote to the Department of Rural and Community Development. Shri Arun Goyal and Lieutenant General Ruth Mahlaba spoke at the Southern Citrus Growers\x27 Council.\nShare this article on: Facebook | X | Email\n' >"$T/where3/a.txt"
"$IDX_BIN" build -q -i "$T/where3-ix" "$T/where3" 2>/dev/null
out=$("$SRCH_BIN" -i "$T/where3-ix" --names -n 20 | cut -c9- | sort | tr '\n' '/')
check "--names: other countries' names and places ($out)" test "$out" = "Ann Lee/Arun Goyal/Corvane/Dara Quinn/Department of Rural and Community Development/Mary Byrne/Ruth Mahlaba/Southern Citrus Growers' Council/Tom Hale/"
out=$("$SRCH_BIN" -i "$T/where3-ix" --names --places -n 20 | cut -c9- | sort | tr '\n' '/')
check "--names --places: a town in a county, a province ($out)" test "$out" = "Ballyroan/Eastern Cape/Galway/Kerry/Rathkeel/"
out=$("$SRCH_BIN" -i "$T/where3-ix" --count 'name:"Southern Citrus Growers'"'"' Council"')
check "name: finds an organisation with a plural possessive ($out)" test "$out" = 1

# ---- the writer's limit on one article (issue 15) ----
# A text file just under the reader's limit for --mem 32M (961,194 bytes)
# whose sidecar adds a long title is over the writer's: that article is
# skipped with a warning naming it and counted; the rest is indexed.
mkdir -p "$T/refuse"
python3 - "$T/refuse" <<'PY'
import json, sys
d = sys.argv[1]
body = ("Words of a long article about the port of Antwerp. " * 20000)[:961194 - 14]
open(d + "/big.txt", "w").write("A headline\n\n" + body)
json.dump({"title": "T" * 300}, open(d + "/big.json", "w"))
open(d + "/small.txt", "w").write("Small one\n\nA short article about Antwerp.")
PY
"$IDX_BIN" build --mem 32M -i "$T/refuse.idx" "$T/refuse" >"$T/refuse.out" 2>&1
rc=$?
check "an article over the writer's limit is skipped, not fatal (rc $rc)" test $rc -eq 0
check "the refused article is named, with the limit" \
    grep -q "warning: skipped: article .*big.txt: [0-9]* bytes, more than the 961194" "$T/refuse.out"
check "the summary counts it" grep -q "1 article refused by the writer" "$T/refuse.out"
check "the other article is indexed" \
    test "$("$B/byline-search" -i "$T/refuse.idx" --count antwerp)" = 1

# ---- a collapsed total past 1,000 matches is estimated; --exact-total counts ----
mkdir -p "$T/est"
python3 - "$T/est/news.jsonl" <<'PY'
import json, random, sys
r = random.Random(19)
syl = ["ka", "lo", "mi", "ren", "sto", "vu", "pal", "dor", "ne", "zi", "tam", "bor"]
words = ["".join(r.choice(syl) for _ in range(3)) for _ in range(3000)]
with open(sys.argv[1], "w") as f:
    n = 0
    for st in range(1800):
        body = " ".join(r.choice(words) for _ in range(90)) + " harbour."
        if st % 5 == 0:
            body += " ferry"
        for c in range(r.choice([1, 1, 2, 3])):
            n += 1
            f.write(json.dumps({"id": "e%d" % n, "title": "Story %d" % st, "body": body,
                                "date": "2024-01-%02d" % (1 + n % 28)}) + "\n")
PY
"$IDX_BIN" build -q -i "$T/est.idx" "$T/est/news.jsonl" >/dev/null 2>&1
est=$("$SRCH_BIN" -i "$T/est.idx" --no-color -n 5 harbour 2>&1)
exact=$("$SRCH_BIN" -i "$T/est.idx" --no-color -n 5 --exact-total harbour 2>&1)
na=$("$SRCH_BIN" -i "$T/est.idx" --no-collapse --count harbour)
nc=$("$SRCH_BIN" -i "$T/est.idx" --count harbour)
check "past 1,000 matches the default header is an estimate" \
    test "$(printf '%s\n' "$est" | head -1 | sed 's/[0-9][0-9,]*//g')" = "about  matches, about  distinct (--exact-total counts them)"
check "--exact-total prints the counts --count gives ($na, $nc)" \
    test "$(printf '%s\n' "$exact" | head -1)" = "$na matches, $nc distinct (--no-collapse shows all)"
check "the results and their +N similar do not depend on --exact-total" \
    test "$(printf '%s\n' "$est" | tail -n +2)" = "$(printf '%s\n' "$exact" | tail -n +2)"
check "the estimates are within 25% of the counts" python3 - "$est" "$na" "$nc" <<'PY'
import re, sys
m, d = [int(x.replace(",", "")) for x in re.findall(r"about ([0-9,]+)", sys.argv[1])[:2]]
na, nc = int(sys.argv[2]), int(sys.argv[3])
sys.exit(not (na > 1000 and abs(m - na) <= 0.25 * na and abs(d - nc) <= 0.25 * nc))
PY
check "JSON says the total is an estimate, and exact with --exact-total" test \
    "$("$SRCH_BIN" -i "$T/est.idx" --json -n 1 harbour | python3 -c 'import json,sys; print(json.loads(sys.stdin.readline())["total_exact"])') $("$SRCH_BIN" -i "$T/est.idx" --json -n 1 --exact-total harbour | python3 -c 'import json,sys; d=json.loads(sys.stdin.readline()); print(d["total_exact"], d["total"])')" = "False True $nc"
few=$("$SRCH_BIN" -i "$T/est.idx" --no-color -n 3 ferry | head -1)
check "at most 1,000 matches: exact without asking" \
    test "$few" = "$("$SRCH_BIN" -i "$T/est.idx" --no-color -n 3 --exact-total ferry | head -1)" -a -z "$(printf '%s' "$few" | grep about)"
"$SRCH_BIN" -i "$T/est.idx" --exact-totals harbour >/dev/null 2>&1
check "--exact-totals (mistyped) is a usage error" test $? -eq 2

echo "e2e ($B): $pass passed, $fail failed"
[ "$fail" -eq 0 ]
