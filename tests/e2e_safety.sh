#!/usr/bin/env bash
# End-to-end checks of what byline-index promises about the user's index:
# a mistyped or misplaced command never replaces an index, an input that
# cannot be read fails the build before anything changes, long ids are
# found, long records stay within --mem (or are refused with the limit),
# and byline-index repair brings back an index whose MANIFEST was lost.
# The exhaustive versions (every fault point, every damaged byte) are in
# tests/crash.sh and tests/test_repair.c.  Ends with "N passed, N failed".
set -u
cd "$(dirname "$0")/.."
B=${BUILD:-build}
IDX="$B/byline-index"
SRCH="$B/byline-search"
T=$(mktemp -d /tmp/byline-safety.XXXXXX)
trap 'rm -rf "$T"' EXIT
. tests/lib.sh
count() { "$SRCH" -i "$1" --stats | awk '/^articles/ {print $2}'; }
# sums of every file but LOCK: "nothing changed" means these are equal
sums() { (cd "$1" && find . -type f ! -name LOCK -exec md5sum {} + | sort -k2); }

"$IDX" build -q -i "$T/ix" tests/data/corpus 2>/dev/null
n0=$(count "$T/ix")
check "fixture index built" test "$n0" -gt 30
printf '%s\n' '{"id": "today-1", "title": "Grain prices", "text": "Grain prices rose again on Monday."}' >"$T/today.jsonl"
before=$(sums "$T/ix")

# ---- commands wherever they stand; typos and existing indexes refused ----
"$IDX" ad -i "$T/ix" "$T/today.jsonl" 2>"$T/err"
check "typo 'ad': exit 2" test $? -eq 2
check "typo 'ad': did you mean 'add'" grep -q "did you mean 'add'" "$T/err"
for typo in buld delte mrge chek repiar; do
    "$IDX" "$typo" -i "$T/ix" "$T/today.jsonl" >/dev/null 2>"$T/err"
    check "typo '$typo': exit 2 with a suggestion" test $? -eq 2 -a -n "$(grep 'did you mean' "$T/err")"
done
check "typos changed nothing" test "$(sums "$T/ix")" = "$before"
"$IDX" -i "$T/ix" "$T/today.jsonl" 2>"$T/err"
check "no command over an existing index: exit 2" test $? -eq 2
check "no command over an existing index: says add or build" grep -q 'already holds an index' "$T/err"
check "no command over an existing index: nothing changed" test "$(sums "$T/ix")" = "$before"
"$IDX" -i "$T/ix" add "$T/today.jsonl" 2>/dev/null
check "-i INDEX add FILE adds" test "$(count "$T/ix")" = $((n0 + 1))
"$IDX" -q add -i "$T/ix" "$T/today.jsonl" 2>/dev/null
check "-q add -i INDEX FILE adds (a replacement)" test "$(count "$T/ix")" = $((n0 + 1))
"$IDX" -i "$T/ix" delete -q today-1 2>/dev/null
check "-i INDEX delete ID deletes" test "$(count "$T/ix")" = "$n0"
"$IDX" --replace -q -i "$T/ix" "$T/today.jsonl" 2>/dev/null
check "--replace replaces" test "$(count "$T/ix")" = 1
"$IDX" build -q -i "$T/ix" tests/data/corpus 2>/dev/null
check "build replaces" test "$(count "$T/ix")" = "$n0"
"$IDX" merge --replace -i "$T/ix" 2>"$T/err"
check "--replace with merge: usage error" test $? -eq 2

# ---- a directory that is not an index: refused, nothing touched ----
mkdir "$T/docs" && echo pdf >"$T/docs/report.pdf" && echo notes >"$T/docs/notes.seg.txt" &&
    echo old >"$T/docs/MANIFEST.tmp"
before=$(cd "$T/docs" && ls -l && md5sum ./*)
"$IDX" build -i "$T/docs" tests/data/corpus 2>"$T/err"
check "build into a foreign directory: exit 2" test $? -eq 2
check "build into a foreign directory: every file kept, none added" test "$(cd "$T/docs" && ls -l && md5sum ./*)" = "$before"

# ---- an input that cannot be read: nothing changes ----
before=$(sums "$T/ix")
"$IDX" build -i "$T/ix" tests/data/corpus "$T/no-such.jsonl" 2>"$T/err"
check "missing input: exit 2" test $? -eq 2
check "missing input: named" grep -q "no-such.jsonl" "$T/err"
check "missing input: nothing changed" test "$(sums "$T/ix")" = "$before"
"$IDX" build -q --skip-unreadable -i "$T/ix" tests/data/corpus "$T/no-such.jsonl" 2>"$T/err"
check "--skip-unreadable: builds the rest" test $? -eq 0 -a "$(count "$T/ix")" = "$n0"
if [ "$(id -u)" != 0 ]; then
    cp "$T/today.jsonl" "$T/locked.jsonl" && chmod 000 "$T/locked.jsonl"
    before=$(sums "$T/ix")
    "$IDX" add -i "$T/ix" "$T/locked.jsonl" 2>/dev/null
    check "unreadable input: exit 2, nothing changed" test $? -eq 2 -a "$(sums "$T/ix")" = "$before"
fi

# ---- ids longer than a term key ----
long=$(printf 'https://news.example.com/%0300d' 7)
printf '{"id": "%s", "title": "Long address", "text": "An article filed under a very long address."}\n' "$long" >"$T/long.jsonl"
"$IDX" add -q -i "$T/ix" "$T/long.jsonl" 2>/dev/null
check "long id: --show finds it" grep -q 'Long address' <("$SRCH" -i "$T/ix" --show "$long")
"$IDX" add -q -i "$T/ix" "$T/long.jsonl" 2>/dev/null
check "long id: adding it again replaces it" test "$(count "$T/ix")" = $((n0 + 1))
"$IDX" delete -q -i "$T/ix" "$long" 2>/dev/null
check "long id: delete finds it" test "$(count "$T/ix")" = "$n0"

# ---- long records and --mem ----
python3 - "$T" <<'EOF'
import json, random, sys
t = sys.argv[1]
r = random.Random(5)
words = ["".join(r.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(r.randint(2, 9)))
         for _ in range(40000)]
def text(n):
    out, size = [], 0
    while size < n:
        w = r.choice(words)
        out.append(w.capitalize() if r.random() < 0.05 else w)
        size += len(w) + 1
    return " ".join(out)
big = text(880 * 1024)  # under the 0.9 MB --mem 32M allows
with open(t + "/mix.jsonl", "w") as f:
    for i in range(4000):
        body = big if i % 700 == 0 else text(2500)
        f.write(json.dumps({"id": "m%d" % i, "title": "Story %d" % i, "text": body}) + "\n")
with open(t + "/huge.jsonl", "w") as f:
    f.write(json.dumps({"id": "huge", "title": "Huge", "text": text(3 << 20)}) + "\n")
    f.write(json.dumps({"id": "small", "title": "Small", "text": "a small one"}) + "\n")
EOF
peak() { # peak resident KB of a command
    python3 -c 'import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)' "$@"
}
if [ "$B" = build ]; then # sanitizers change memory use
    kb=$(peak "$IDX" build -q --mem 32M -i "$T/m" "$T/mix.jsonl")
    check "long records within --mem 32M (+10%): peak $kb KB" test "$kb" -le $((32 * 1024 * 11 / 10))
    check "long records indexed" test "$(count "$T/m")" = 4000
fi
"$IDX" build --mem 32M -i "$T/h" "$T/huge.jsonl" 2>"$T/err"
check "a record over what --mem allows: skipped, the rest indexed" test $? -eq 0 -a "$(count "$T/h")" = 1
check "a record over what --mem allows: the limit named" grep -q 'record too long.*--mem' "$T/err"
"$IDX" build --mem 64M --max-record 300M -i "$T/h" "$T/huge.jsonl" 2>"$T/err"
check "--max-record beyond --mem: warned with the --mem needed" grep -q 'allows records of up to' "$T/err"

# ---- repair from the command line ----
rm "$T/ix/MANIFEST"
"$SRCH" -i "$T/ix" copy >/dev/null 2>"$T/err"
check "search of an index without MANIFEST: points to repair" grep -q 'byline-index repair' "$T/err"
"$IDX" add -i "$T/ix" "$T/today.jsonl" 2>"$T/err"
check "add to an index without MANIFEST: refused, points to repair" test $? -eq 3 -a -n "$(grep 'repair' "$T/err")"
"$IDX" repair -i "$T/ix" 2>"$T/err"
check "repair: exit 0" test $? -eq 0
check "repair: every article back" test "$(count "$T/ix")" = "$n0"
"$IDX" repair -i "$T/ix" 2>"$T/err"
check "repair of a sound index: nothing to do" grep -q 'nothing to repair' "$T/err"
"$IDX" repair -i "$T/nothing-here" 2>"$T/err"
check "repair of no index: exit 2" test $? -eq 2
mkdir "$T/empty-folder"
"$IDX" repair -i "$T/empty-folder" 2>"$T/err"
check "repair of an empty folder: exit 2, nothing made there" test $? -eq 2 -a -z "$(ls -A "$T/empty-folder")"

# ---- the man page cannot drift from --help ----
for o in $("$IDX" --help | grep -oE '(^|[ ,])--[a-z][a-z0-9-]*' | sed 's/^[ ,]*//' | sort -u); do
    check "byline-index(1) documents $o" grep -q -- "$(printf '%s' "$o" | sed 's/-/\\\\-/g')" docs/byline-index.1
done
for o in $("$SRCH" --help | grep -oE '(^|[ ,])--[a-z][a-z0-9-]*' | sed 's/^[ ,]*//' | sort -u); do
    check "byline-search(1) documents $o" grep -q -- "$(printf '%s' "$o" | sed 's/-/\\\\-/g')" docs/byline-search.1
done
# byline-cluster (Python, cluster/): every option of every command, read
# from its parser (no Dask needed to build the parser)
for o in $(PYTHONPATH=cluster:python python3 -c '
import argparse
from bylinecluster.cli import _parser
def walk(p):
    for a in p._actions:
        if isinstance(a, argparse._SubParsersAction):
            for sp in a.choices.values():
                yield from walk(sp)
        else:
            yield from (o for o in a.option_strings if o.startswith("--"))
print("\n".join(sorted(set(walk(_parser())))))'); do
    check "byline-cluster(1) documents $o" grep -q -- "$(printf '%s' "$o" | sed 's/-/\\\\-/g')" docs/byline-cluster.1
done
check "byline-cluster(1) names the version byline-search has" \
    grep -q "Byline $("$B/byline-search" -V | cut -d' ' -f2)" docs/byline-cluster.1
for p in index search; do
    check "byline-$p -V, --version and the man page agree" test "$("$B/byline-$p" -V)" = "$("$B/byline-$p" --version)" -a \
        -n "$(grep "Byline $("$B/byline-$p" -V | cut -d' ' -f2)" "docs/byline-$p.1")"
done
# byline(3) names every function of byline.h and no other, and its version
decl=$(grep -oE '(byline_[a-z_0-9]+)\(' common/byline.h | tr -d '(' | sort -u)
man3=$(grep -oE '^\.BR? byline_[a-z_0-9]+' docs/byline.3 | sed 's/^\.BR* //' | sort -u)
check "byline(3) lists exactly byline.h's functions ($(comm -3 <(echo "$decl") <(echo "$man3") | tr -d '\t' | tr '\n' ' '))" \
    test "$decl" = "$man3"
check "byline(3) is of this version" grep -q "Byline $("$SRCH" -V | cut -d' ' -f2)" docs/byline.3
# --show of several ids; a query starting with '-' gets a hint
"$IDX" build -q -i "$T/sh" tests/data/corpus 2>/dev/null
ids=$("$SRCH" -i "$T/sh" --json -n 2 semiconductor | python3 -c 'import sys, json; print(" ".join(json.loads(l)["id"] for l in sys.stdin))')
set -- $ids
check "--show A --show B prints both" test "$("$SRCH" -i "$T/sh" --show "$1" --show "$2" | grep -c '^id: ')" = 2
check "--show A B prints both" test "$("$SRCH" -i "$T/sh" --show "$1" "$2" | grep -c '^id: ')" = 2
"$SRCH" -i "$T/sh" --show "$1" no-such-id >/dev/null 2>&1
check "--show with an unknown id: exit 1" test $? -eq 1
"$SRCH" -i "$T/sh" -apple pie 2>"$T/err"
check "a query starting with '-': the hint names --" grep -q "goes after '--'" "$T/err"
# quiet means quiet; JSON everywhere a script may ask for it
check "-q prints nothing on success" test -z "$("$IDX" build -q -i "$T/sh" tests/data/corpus 2>&1)"
check "--count --json is an object" python3 -c 'import json, sys; o = json.loads(sys.stdin.read()); assert o["count"] > 0' \
    < <("$SRCH" -i "$T/sh" --count --json semiconductor)
check "--stats --json is an object" python3 -c 'import json, sys; o = json.loads(sys.stdin.read()); assert o["articles"] > 30 and o["sections"]["postings"] > 0' \
    < <("$SRCH" -i "$T/sh" --stats --json)
check "JSON results carry the total" test "$("$SRCH" -i "$T/sh" --json -n 1 semiconductor | python3 -c 'import json, sys; print(json.loads(sys.stdin.readline())["total"])')" = "$("$SRCH" -i "$T/sh" --count semiconductor)"
check "--color=always: bold even when piped" grep -q $'\e\[1m' <("$SRCH" -i "$T/sh" -n 1 --color=always semiconductor)
check "--color=never: no markup" test -z "$("$SRCH" -i "$T/sh" -n 1 --color=never semiconductor | grep -e $'\e' -e '\[semiconductor\]')"
check "--color=auto: piped is [brackets]" grep -q '\[semiconductor\]' <("$SRCH" -i "$T/sh" -n 1 --color=auto semiconductor)
# the README's example searches print what the README shows
check "README examples match the build" python3 tests/readme_examples.py --index "$T/sh" --bin "$SRCH"
for c in build add delete merge check repair; do
    check "byline-index(1) documents the $c command" grep -q "^\.B $c\$" docs/byline-index.1
done

echo "e2e-safety ($B): $pass passed, $fail failed"
[ "$fail" -eq 0 ]
