#!/usr/bin/env bash
# Crash safety, full disks and concurrent use of an index, end to end.
#
# 1. A build, an add, a delete and a merge are each killed (SIGKILL) at
#    every point where they change the disk (the fault points of
#    common/util/fault.h: file creation, each 32 KiB page, fsync, rename,
#    removal).  After each kill the index must pass `byline-index check`
#    and answer exactly as before the change or exactly as after it; the
#    next run must then succeed and leave no leftovers.
# 2. Every one of the same points fails as a full disk would (ENOSPC),
#    and a real file size limit (ulimit -f) makes writes fail: exit 3 and a
#    message that says what happened.  Before the commit point the old
#    index is unchanged, file for file; after it (the directory sync that
#    follows the MANIFEST's rename) the message says the change is
#    committed, the index is the new one, and no file the old MANIFEST
#    named is gone.
# 3. Searches run in a loop while adds, deletes and merges run: every one
#    must succeed and see one state or the other, never a mix.
# 4. A writer killed while holding the lock leaves no stale lock.
# 5. Every file of an index, flipped, zeroed or truncated at spread
#    offsets: check names the file, searches never crash or hang, and a
#    writer (add, delete, merge) either succeeds losing nothing or fails
#    touching nothing.  A MANIFEST damaged, truncated, deleted or replaced
#    by a FIFO or a directory: every writer refuses and touches nothing,
#    and byline-index repair brings back exactly the index it was.
# 6. With CRASH_REAL=1: a Reuters build killed by the clock 50 times.
# Not for: unit-level checks (tests/test_update.c).  Ends with
# "crash: N passed, N failed".
set -u
cd "$(dirname "$0")/.."
B=${BUILD:-build}
# The writer with fault points (common/util/fault.h; make crash builds it):
# the same program as $B/byline-index, which has none.
IDX="$B/faults/byline-index"
SRCH="$B/byline-search"
T=$(mktemp -d /tmp/byline-crash.XXXXXX)
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$T"' EXIT
. tests/lib.sh

# Articles of our own fixture corpus, repeated under new ids so that
# segments span many pages: $1 copies, ids prefixed $2.
make_corpus() {
    python3 - "$1" "$2" <<'EOF'
import json, sys
n, prefix = int(sys.argv[1]), sys.argv[2]
base = [json.loads(l) for l in open("tests/data/corpus/feed.jsonl") if l.strip()]
for i in range(n):
    a = dict(base[i % len(base)])
    a["id"] = "%s-%04d" % (prefix, i)
    a["text"] = a.get("text", "") + " Copy %d of the story, filed as %s%d." % (i, prefix, i)
    print(json.dumps(a))
EOF
}
make_corpus 150 base > "$T/base.jsonl"
make_corpus 250 more > "$T/more.jsonl"
make_corpus 40 base > "$T/replace.jsonl"        # new versions of base-0000..0039
seq -f 'base-%04g' 100 130 > "$T/delete.ids"

QUERIES=("semiconductor export" '"Qiao Siyuan"' "copy" "title:ByteDance" "base-0007 OR more-0007")
# What the index answers: the stats line and the top results of each query.
# One batch for the queries (each query's lines tagged with its number):
# a process each made answer() half the processes the script starts.
answer() {
    "$SRCH" -i "$1" --stats | grep -E '^(articles|deleted) '
    printf '%s\n' "${QUERIES[@]}" | awk '{ print NR "\t" $0 }' |
        "$SRCH" -i "$1" -n 20 --batch - || echo "search failed"
}
files_of() { (cd "$1" && ls | grep -v '^LOCK$' | sort); }

# The four changes, each from the state the previous one leaves.
setup_state() { # state number -> directory $T/state$1
    case $1 in
    0) "$IDX" build -q -i "$T/state0" "$T/base.jsonl" 2>/dev/null ;;
    1) cp -a "$T/state0" "$T/state1" && "$IDX" build -q -i "$T/state1" "$T/base.jsonl" "$T/more.jsonl" 2>/dev/null ;;
    2) cp -a "$T/state1" "$T/state2" && "$IDX" add -q --no-merge -i "$T/state2" "$T/replace.jsonl" 2>/dev/null ;;
    3) cp -a "$T/state2" "$T/state3" && "$IDX" delete -q -i "$T/state3" --from "$T/delete.ids" 2>/dev/null ;;
    4) cp -a "$T/state3" "$T/state4" && "$IDX" merge -q -i "$T/state4" 2>/dev/null ;;
    esac
}
# change N, run on directory $2 (which holds state N-1)
change() {
    case $1 in
    1) "$IDX" build -q -i "$2" "$T/base.jsonl" "$T/more.jsonl" ;;
    2) "$IDX" add -q --no-merge -i "$2" "$T/replace.jsonl" ;;
    3) "$IDX" delete -q -i "$2" --from "$T/delete.ids" ;;
    4) "$IDX" merge -q -i "$2" ;;
    esac
}
for s in 0 1 2 3 4; do
    setup_state $s || bad "state $s could not be made"
    answer "$T/state$s" > "$T/answer$s"
done
names=("" "build (replacing)" "add with replacements" "delete" "merge")

# ---- 0. fault points are only in the test build ----
# The program people run has no byl_fault and ignores BYL_FAULT_AT: a build
# asked to die at its first disk change completes, and indexes the same.
nm "$B/byline-index" | grep -q byl_fault && bad "$B/byline-index has fault points" || ok
BYL_FAULT_AT=1 "$B/byline-index" build -q -i "$T/nofault" "$T/base.jsonl" 2>/dev/null &&
    cmp -s <(answer "$T/nofault") "$T/answer0" && ok ||
    bad "$B/byline-index with BYL_FAULT_AT=1 did not index as without it"

# Sections 1 and 2 run their points side by side, as many at once as the
# machine has cores (at most 4): each point in a directory of its own, in
# a subshell whose ok and bad are written to a file of results, read back
# in point order.  One after another they were a third of make test's
# plain run (532 s of it on a loaded 2-core machine, round 29).
J=$(nproc 2>/dev/null || echo 1)
[ "$J" -ge 1 ] 2>/dev/null || J=1
[ "$J" -le 4 ] || J=4
mkdir -p "$T/r"
collect() { # a point's results file: its ok and bad lines into the totals
    local line
    while IFS= read -r line; do
        case $line in
        ok) ok ;;
        bad\ *) bad "${line#bad }" ;;
        esac
    done <"$1"
}

# ---- 1. killed at every fault point ----
kill_point() { # change, point: results in $T/r/k-C-N
    local c=$1 n=$2 prev=$(($1 - 1)) w="$T/k$2" out="$T/r/k-$1-$2" rc
    ok() { echo ok >>"$out"; }
    bad() { echo "bad $*" >>"$out"; }
    : >"$out"
    rm -rf "$w" && cp -a "$T/state$prev" "$w"
    BYL_FAULT_AT=$n change "$c" "$w" >/dev/null 2>&1
    rc=$?
    if [ $rc -eq 0 ]; then
        # past the last fault point: the change completed
        echo completed >>"$out"
        cmp -s <(answer "$w") "$T/answer$c" && ok || bad "${names[$c]}: uninterrupted run differs"
        rm -rf "$w"
        return
    fi
    if [ $rc -ne 137 ]; then
        bad "${names[$c]} at point $n: exit $rc, not killed"
        rm -rf "$w"
        return
    fi
    if ! "$IDX" check -i "$w" >"$w.check" 2>&1; then
        bad "${names[$c]} killed at point $n: check fails: $(cat "$w.check")"
        rm -rf "$w" "$w.check"
        return
    fi
    answer "$w" >"$w.got"
    if cmp -s "$w.got" "$T/answer$prev" || cmp -s "$w.got" "$T/answer$c"; then ok
    else bad "${names[$c]} killed at point $n: the index is neither before nor after"; fi
    # the next writer removes the leftovers; rerun the change if it was lost
    if cmp -s "$w.got" "$T/answer$prev"; then
        change "$c" "$w" >/dev/null 2>&1
        cmp -s <(answer "$w") "$T/answer$c" && ok || bad "${names[$c]}: rerun after kill at $n differs"
    else
        "$IDX" merge --tiered -q -i "$w" >/dev/null 2>&1
    fi
    # file names differ by generation, but not in number
    [ "$(files_of "$w" | wc -l)" = "$(files_of "$T/state$c" | wc -l)" ] && ok ||
        bad "${names[$c]} killed at point $n: leftovers: $(files_of "$w" | tr '\n' ' ')"
    rm -rf "$w" "$w.check" "$w.got"
}
kills=0
npoints=(0 0 0 0 0)
for c in 1 2 3 4; do
    n=1
    last=0
    while [ $last = 0 ] && [ $n -le 400 ]; do
        for ((j = 0; j < J; j++)); do kill_point $c $((n + j)) & done
        wait
        for ((j = 0; j < J; j++)); do
            f="$T/r/k-$c-$((n + j))"
            if grep -qx completed "$f"; then
                last=$((n + j))
                collect "$f"
                break
            fi
            kills=$((kills + 1))
            collect "$f"
        done
        n=$((n + J))
    done
    [ $last -gt 0 ] || bad "${names[$c]}: not completed within 400 fault points"
    npoints[$c]=$((last - 1))
    echo "crash: ${names[$c]}: ${npoints[$c]} fault points" >&2
done
[ $kills -ge 50 ] && ok || bad "only $kills kill points exercised (want at least 50)"
echo "crash: $kills kill points exercised" >&2

# ---- 2. full disk, at every fault point ----
# sums of every file but LOCK, to tell "touched nothing" from "rewrote it"
sums() { (cd "$1" && find . -type f ! -name LOCK -exec md5sum {} + | sort -k2); }
enospc_point() { # change, point: results in $T/r/e-C-N
    local c=$1 n=$2 prev=$(($1 - 1)) w="$T/e$2" out="$T/r/e-$1-$2" rc f
    ok() { echo ok >>"$out"; }
    bad() { echo "bad $*" >>"$out"; }
    : >"$out"
    rm -rf "$w" && cp -a "$T/state$prev" "$w"
    BYL_FAULT=enospc BYL_FAULT_AT=$n change "$c" "$w" >/dev/null 2>"$w.err"
    rc=$?
    if [ $rc -eq 0 ]; then # a removal after the commit: ignored by design
        rm -rf "$w" "$w.err"
        return
    fi
    echo enospc >>"$out"
    [ $rc -eq 3 ] && ok || bad "${names[$c]}: disk full at $n: exit $rc, want 3"
    grep -q 'No space left on device' "$w.err" && ok ||
        bad "${names[$c]}: disk full at $n: message: $(cat "$w.err")"
    "$IDX" check -i "$w" >/dev/null 2>&1 && ok || bad "${names[$c]}: disk full at $n: check fails"
    if grep -q 'the change is committed' "$w.err"; then
        echo committed >>"$out"
        cmp -s <(answer "$w") "$T/answer$c" && ok ||
            bad "${names[$c]}: disk full at $n after the commit: not the new index"
        # the old MANIFEST's files stay, for a power cut that brings it back
        for f in $(files_of "$T/state$prev" | grep -v '\.clusters$\|^MANIFEST$'); do
            [ -e "$w/$f" ] && ok || bad "${names[$c]}: disk full at $n after the commit removed $f"
        done
    else
        grep -q 'previous index is unchanged' "$w.err" && ok ||
            bad "${names[$c]}: disk full at $n: message: $(cat "$w.err")"
        cmp -s <(sums "$w") <(sums "$T/state$prev") && ok ||
            bad "${names[$c]}: disk full at $n changed files: $(diff <(sums "$w") <(sums "$T/state$prev") | head -5)"
    fi
    rm -rf "$w" "$w.err"
}
enospc=0
committed=0
for c in 1 2 3 4; do
    for ((n = 1; n <= npoints[c]; n += J)); do
        for ((j = 0; j < J && n + j <= npoints[c]; j++)); do enospc_point $c $((n + j)) & done
        wait
        for ((j = 0; j < J && n + j <= npoints[c]; j++)); do
            f="$T/r/e-$c-$((n + j))"
            grep -qx enospc "$f" && enospc=$((enospc + 1))
            grep -qx committed "$f" && committed=$((committed + 1))
            collect "$f"
        done
    done
done
[ $committed -ge 4 ] && ok || bad "only $committed failures after the commit point were seen (want one per change)"
echo "crash: disk full at $enospc fault points, $committed of them after the commit" >&2
rm -rf "$T/w" && cp -a "$T/state0" "$T/w"
( ulimit -f 64; exec "$IDX" build -q -i "$T/w" "$T/more.jsonl" ) >/dev/null 2>"$T/err"
rc=$?
[ $rc -eq 3 ] && ok || bad "file size limit: exit $rc, want 3"
grep -q 'File too large' "$T/err" && ok || bad "file size limit: message: $(cat "$T/err")"
cmp -s <(answer "$T/w") "$T/answer0" && ok || bad "file size limit changed the index"

# ---- 3. searches during updates ----
rm -rf "$T/w" && cp -a "$T/state1" "$T/w"
before=$("$SRCH" -i "$T/w" --no-collapse --count copy)
(
    for i in 1 2 3 4 5 6; do
        "$IDX" add -q --no-merge -i "$T/w" "$T/replace.jsonl" 2>/dev/null
        "$IDX" delete -q -i "$T/w" --from "$T/delete.ids" 2>/dev/null
        "$IDX" build -q -i "$T/w" "$T/base.jsonl" "$T/more.jsonl" 2>/dev/null
        "$IDX" merge -q -i "$T/w" 2>/dev/null
    done
    touch "$T/writer.done"
) &
rm -f "$T/writer.done"
searches=0
mixed=0
while [ ! -e "$T/writer.done" ]; do
    out=$("$SRCH" -i "$T/w" --no-collapse --count copy 2>&1)
    rc=$?
    searches=$((searches + 1))
    # 400 articles, or 369 after the delete: nothing in between
    if [ $rc -ne 0 ] || { [ "$out" != 400 ] && [ "$out" != 369 ]; }; then
        mixed=$((mixed + 1))
        echo "search during updates: exit $rc: $out" >&2
    fi
done
wait
[ $mixed -eq 0 ] && ok || bad "$mixed of $searches searches during updates failed or saw a mix"
[ "$before" = 400 ] && ok || bad "count before the updates: $before"
echo "crash: $searches searches ran during updates" >&2

# ---- 4. a second writer, and the lock of a killed writer ----
rm -rf "$T/w" && cp -a "$T/state1" "$T/w"
BYL_FAULT_AT=1000000 "$IDX" add -q --no-merge -i "$T/w" - < <(cat "$T/more.jsonl"; sleep 3) >/dev/null 2>&1 &
wpid=$!
sleep 1
"$IDX" delete -i "$T/w" base-0001 2>"$T/err"
rc=$?
[ $rc -eq 3 ] && grep -q 'being written by another byline-index (process' "$T/err" && ok ||
    bad "second writer: exit $rc: $(cat "$T/err")"
kill -9 $wpid 2>/dev/null
wait $wpid 2>/dev/null
"$IDX" delete -q -i "$T/w" base-0001 2>"$T/err" && ok || bad "lock of a killed writer is stale: $(cat "$T/err")"

# ---- 5. damaged files: every file of an index with deletions ----
# Bytes flipped, zeroed or cut at spread offsets of each file: check must
# report the damage naming the file (exit 1), and searching must end with
# a message or an answer, never a crash or a hang.
damaged=0
# what each writer leaves of state3's live articles when nothing is lost
head -1 "$T/more.jsonl" | sed 's/"more-0000"/"extra-0001"/' > "$T/one.jsonl"
declare -A expect_live
for w in add delete merge; do
    rm -rf "$T/e" && cp -a "$T/state3" "$T/e"
    case $w in
    add) "$IDX" add -q --no-merge -i "$T/e" "$T/one.jsonl" ;;
    delete) "$IDX" delete -q -i "$T/e" more-0001 ;;
    merge) "$IDX" merge -q -i "$T/e" ;;
    esac 2>/dev/null
    expect_live[$w]=$("$SRCH" -i "$T/e" --stats | awk '/^articles/ {print $2}')
done
for f in $(files_of "$T/state3" | grep -v '\.clusters$'); do
    size=$(stat -c %s "$T/state3/$f")
    for k in 0 1 2 3 4 5 6 7; do
        off=$(( (size - 1) * k / 7 ))
        for how in flip zero cut; do
            rm -rf "$T/d" && cp -a "$T/state3" "$T/d"
            case $how in
            flip) python3 -c 'import sys
p, o = sys.argv[1], int(sys.argv[2])
b = bytearray(open(p, "rb").read()); b[o] ^= 0x5a; open(p, "wb").write(b)' "$T/d/$f" $off ;;
            zero) python3 -c 'import sys
p, o = sys.argv[1], int(sys.argv[2])
b = bytearray(open(p, "rb").read()); o -= o % 4096
b[o:o + 4096] = bytes(len(b[o:o + 4096])); open(p, "wb").write(b)' "$T/d/$f" $off ;;
            cut) truncate -s $off "$T/d/$f" ;;
            esac
            cmp -s "$T/d/$f" "$T/state3/$f" && continue # zeroing zeros
            damaged=$((damaged + 1))
            timeout 20 "$IDX" check -i "$T/d" >/dev/null 2>"$T/err"
            rc=$?
            if [ $rc -ne 1 ] || ! grep -q "$f" "$T/err"; then
                bad "check of $f ($how at $off): exit $rc: $(head -c 300 "$T/err")"
            else ok; fi
            for q in "semiconductor export" '"Qiao Siyuan"'; do
                timeout 20 "$SRCH" -i "$T/d" -n 5 "$q" >/dev/null 2>"$T/err"
                rc=$?
                if [ $rc -ge 124 ] || { [ $rc -ne 0 ] && [ ! -s "$T/err" ]; }; then
                    bad "search [$q] with $f damaged ($how at $off): exit $rc"
                else ok; fi
            done
            # a writer fails touching nothing, or succeeds losing nothing
            for w in add delete merge; do
                rm -rf "$T/e" && cp -a "$T/d" "$T/e"
                case $w in
                add) timeout 60 "$IDX" add -q --no-merge -i "$T/e" "$T/one.jsonl" ;;
                delete) timeout 60 "$IDX" delete -q -i "$T/e" more-0001 ;;
                merge) timeout 60 "$IDX" merge -q -i "$T/e" ;;
                esac >/dev/null 2>"$T/err"
                rc=$?
                if [ $rc -ne 0 ]; then
                    cmp -s <(sums "$T/e") <(sums "$T/d") && ok ||
                        bad "$w with $f damaged ($how at $off): failed (exit $rc) and changed files"
                else
                    want=${expect_live[$w]}
                    got=$("$SRCH" -i "$T/e" --stats 2>/dev/null | awk '/^articles/ {print $2}')
                    [ "$got" = "$want" ] && ok ||
                        bad "$w with $f damaged ($how at $off): succeeded with $got articles, want $want"
                fi
            done
        done
    done
done
echo "crash: $damaged damaged copies of $(files_of "$T/state3" | grep -vc '\.clusters$') files checked" >&2
# the cluster cache is only a cache: damaged, it is ignored and recomputed
clu=$(files_of "$T/state3" | grep '\.clusters$')
[ -n "$clu" ] && ok || bad "no cluster cache in $(files_of "$T/state3" | tr '\n' ' ')"
for off in 3 40 $(( $(stat -c %s "$T/state3/$clu") - 2 )); do
    rm -rf "$T/d" && cp -a "$T/state3" "$T/d"
    printf '\x77' | dd of="$T/d/$clu" bs=1 seek=$off conv=notrunc 2>/dev/null
    cmp -s <("$SRCH" -i "$T/d" -n 20 copy) <("$SRCH" -i "$T/state3" -n 20 copy) && ok ||
        bad "damaged cluster cache (byte $off) changed the results"
done

# check reports a damaged cache, and repair rewrites it
rm -rf "$T/d" && cp -a "$T/state3" "$T/d"
printf '\x77' | dd of="$T/d/$clu" bs=1 seek=40 conv=notrunc 2>/dev/null
"$IDX" check -i "$T/d" >/dev/null 2>"$T/err"
[ $? -eq 1 ] && grep -q 'cluster cache is damaged' "$T/err" && ok || bad "check of a damaged cluster cache: $(cat "$T/err")"
"$IDX" repair -i "$T/d" 2>/dev/null && "$IDX" check -i "$T/d" >/dev/null 2>&1 && ok ||
    bad "repair did not rewrite a damaged cluster cache"

# ---- 5b. the MANIFEST lost or damaged: writers refuse, repair restores ----
man_cases=0
for how in flip40 flip0 cut cut0 delete fifo dir; do
    rm -rf "$T/d" && cp -a "$T/state3" "$T/d"
    case $how in
    flip40) printf '\xff' | dd of="$T/d/MANIFEST" bs=1 seek=40 conv=notrunc 2>/dev/null ;;
    flip0) printf 'X' | dd of="$T/d/MANIFEST" bs=1 seek=0 conv=notrunc 2>/dev/null ;;
    cut) truncate -s 30 "$T/d/MANIFEST" ;;
    cut0) truncate -s 0 "$T/d/MANIFEST" ;;
    delete) rm "$T/d/MANIFEST" ;;
    fifo) rm "$T/d/MANIFEST" && mkfifo "$T/d/MANIFEST" ;;
    dir) rm "$T/d/MANIFEST" && mkdir "$T/d/MANIFEST" ;;
    esac
    man_cases=$((man_cases + 1))
    before=$(sums "$T/d")
    for w in "add -q --no-merge -i $T/d $T/one.jsonl" "delete -q -i $T/d more-0001" "merge -q -i $T/d" \
             "merge --tiered -q -i $T/d" "build -q -i $T/d $T/one.jsonl" "-q -i $T/d $T/one.jsonl"; do
        timeout 20 "$IDX" $w >/dev/null 2>"$T/err"
        rc=$?
        [ $rc -ne 0 ] && [ $rc -lt 124 ] && ok || bad "MANIFEST $how: '$w' exit $rc"
        [ "$(sums "$T/d")" = "$before" ] && ok || bad "MANIFEST $how: '$w' changed files"
    done
    grep -q "repair\|already holds" "$T/err" && ok || bad "MANIFEST $how: message: $(cat "$T/err")"
    timeout 20 "$SRCH" -i "$T/d" copy >/dev/null 2>&1
    rc=$?; [ $rc -ne 0 ] && [ $rc -lt 124 ] && ok || bad "MANIFEST $how: search exit $rc"
    timeout 20 "$IDX" check -i "$T/d" >/dev/null 2>&1
    rc=$?; [ $rc -ne 0 ] && [ $rc -lt 124 ] && ok || bad "MANIFEST $how: check exit $rc"
    timeout 60 "$IDX" repair -i "$T/d" >/dev/null 2>"$T/err" && ok || bad "MANIFEST $how: repair failed: $(cat "$T/err")"
    cmp -s <(answer "$T/d") "$T/answer3" && ok || bad "MANIFEST $how: repair did not bring the index back"
    "$IDX" check -i "$T/d" >/dev/null 2>&1 && ok || bad "MANIFEST $how: check fails after repair"
done
echo "crash: $man_cases damaged MANIFESTs refused by every writer and repaired" >&2

# ---- 6. (CRASH_REAL=1) a real build killed by the clock ----
# The Reuters-21578 dump of ../shared, rebuilt over an index of our fixture
# corpus and killed with SIGKILL after 50 delays spread over the build's
# own duration; each time the index must pass check and be the old one or
# the new one.  Slow (minutes), so not part of make test.
REUTERS=${SHARED:-../shared}/corpora/reuters21578.jsonl.gz
if [ "${CRASH_REAL:-0}" = 1 ] && [ -f "$REUTERS" ]; then
    rm -rf "$T/r0" "$T/r1"
    "$IDX" build -q -i "$T/r0" tests/data/corpus 2>/dev/null
    cp -a "$T/r0" "$T/r1"
    start=$(date +%s%N)
    "$IDX" build -q -i "$T/r1" "$REUTERS" 2>/dev/null
    dur=$(( ($(date +%s%N) - start) / 1000000 ))
    old=$("$SRCH" -i "$T/r0" --stats | grep '^articles')
    new=$("$SRCH" -i "$T/r1" --stats | grep '^articles')
    echo "crash: a real build takes $dur ms" >&2
    n_old=0; n_new=0
    for k in $(seq 1 50); do
        rm -rf "$T/w" && cp -a "$T/r0" "$T/w"
        "$IDX" build -q -i "$T/w" "$REUTERS" 2>/dev/null &
        sleep "$(awk -v d="$dur" -v k="$k" 'BEGIN { printf "%.3f", d * k / 51 / 1000 }')"
        kill -9 $! 2>/dev/null
        wait $! 2>/dev/null
        "$IDX" check -i "$T/w" >/dev/null 2>"$T/err" && ok || bad "real build killed at $k/51: $(cat "$T/err")"
        got=$("$SRCH" -i "$T/w" --stats | grep '^articles')
        if [ "$got" = "$old" ]; then ok; n_old=$((n_old + 1))
        elif [ "$got" = "$new" ]; then ok; n_new=$((n_new + 1))
        else bad "real build killed at $k/51: $got"; fi
        "$IDX" build -q -i "$T/w" "$REUTERS" 2>/dev/null && [ "$("$SRCH" -i "$T/w" --stats | grep '^articles')" = "$new" ] &&
            ok || bad "real build killed at $k/51: the next build failed"
    done
    echo "crash: real build killed 50 times: old index $n_old times, new $n_new times" >&2
fi

echo "crash: $pass passed, $fail failed"
[ $fail -eq 0 ]
