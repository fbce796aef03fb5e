#!/usr/bin/env bash
# run_suites.sh - runs the Check suites side by side, as many at once as the
# machine has cores (at most 4, at least 1), and prints each suite's output
# whole when it ends, so that a 2-core CI machine is kept busy while one
# long suite runs.  Every suite runs even when one fails; the exit status is
# 1 if any failed, and the failed ones are named at the end.
#
# Not for: choosing the suites (the Makefile's TEST_BIN) or their
# environment beyond what is passed through (BYL_TEST_DATA, CK_* ...).
#
# usage: tests/run_suites.sh [--valgrind] SUITE...
#   --valgrind   run each suite under valgrind (leak check; CK_FORK=no)
#   JOBS=N       run N suites at once instead of the number of cores
set -u
vg=0
if [ "${1:-}" = --valgrind ]; then
    vg=1
    shift
fi
jobs=${JOBS:-$(nproc 2>/dev/null || echo 1)}
[ "$jobs" -ge 1 ] 2>/dev/null || jobs=1
[ "$jobs" -le 4 ] || jobs=4
logs=$(mktemp -d "${TMPDIR:-/tmp}/byl_suites_XXXXXX") || exit 2
trap 'rm -rf "$logs"' EXIT

run_one() { # suite index
    local t=$1 i=$2 rc t0=$SECONDS
    if [ $vg = 1 ]; then
        CK_FORK=no valgrind -q --error-exitcode=1 --leak-check=full "$t" >"$logs/$i.out" 2>&1
    else
        "$t" >"$logs/$i.out" 2>&1
    fi
    rc=$?
    echo $rc >"$logs/$i.rc"
    # one block per suite, never interleaved with another's
    (
        flock 9
        [ $vg = 1 ] && echo "valgrind $t"
        cat "$logs/$i.out"
        # the wall time says which suite a slow CI spent its minutes on
        echo "$(basename "$t"): $((SECONDS - t0)) s"
    ) 9>"$logs/lock"
    return $rc
}

i=0
running=0
for t in "$@"; do
    if [ $running -ge "$jobs" ]; then
        wait -n
        running=$((running - 1))
    fi
    run_one "$t" $i &
    running=$((running + 1))
    i=$((i + 1))
done
wait

fail=0
i=0
for t in "$@"; do
    rc=$(cat "$logs/$i.rc" 2>/dev/null || echo "?")
    if [ "$rc" != 0 ]; then
        echo "FAILED: $t (exit $rc)" >&2
        fail=1
    fi
    i=$((i + 1))
done
exit $fail
