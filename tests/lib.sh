# tests/lib.sh - what the end-to-end scripts share: the pass/fail counters
# and check().  Sourced by e2e.sh, e2e_safety.sh and crash.sh, which print
# "N passed, N failed" from them.  Not for: anything that runs a program.
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); printf 'FAIL: %s\n' "$*" >&2; }
check() { # description, then a command that must succeed
    local what=$1; shift
    if "$@"; then ok; else bad "$what"; fi
}
