#!/usr/bin/env bash
# tests/install_check.sh - `make install` as a user of the library meets
# it: installs into a scratch DESTDIR, checks what is there (only byline_*
# exported, the soname, byline.pc), builds docs/example.c with nothing but
# `pkg-config --cflags --libs byline` pointed at that DESTDIR (shared, and
# static with --static), runs it and the Python module from there, compares
# them with the installed byline-search, then uninstalls and checks that
# nothing is left.  Run by `make install-check` (part of make test).
# Not for: the library's behaviour itself (the unit suites and
# tests/test_python.py test that).
set -u
cd "$(dirname "$0")/.."
. tests/lib.sh
BUILD=${BUILD:-build}
MAKE=${MAKE:-make}
PYTHON=${PYTHON:-python3}
T=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$T"' EXIT
D=$T/dest
P=/usr/local

if ! $MAKE --no-print-directory -s install DESTDIR="$D" PREFIX=$P BUILD="$BUILD" >"$T/install.log" 2>&1; then
    cat "$T/install.log" >&2
    echo "install-check: make install failed" >&2
    exit 1
fi
L=$D$P/lib
PYDIR=$(dirname "$(find "$D" -path '*/byline/__init__.py' | head -1)")
PYDIR=${PYDIR%/byline}

# ---- what is installed ----
for f in bin/byline-index bin/byline-search bin/byline-cluster share/man/man1/byline-index.1 \
         share/man/man1/byline-search.1 share/man/man1/byline-cluster.1 \
         share/man/man3/byline.3 \
         include/byline.h lib/libbyline.a lib/libbyline.so.0.4.0 lib/pkgconfig/byline.pc; do
    check "installed: $f" test -f "$D$P/$f"
done
check "installed: libbyline.so.0 -> libbyline.so.0.4.0" test "$(readlink "$L/libbyline.so.0")" = libbyline.so.0.4.0
check "installed: libbyline.so -> libbyline.so.0.4.0" test "$(readlink "$L/libbyline.so")" = libbyline.so.0.4.0
check "installed: the Python module" test -f "$PYDIR/byline/__init__.py" -a -f "$PYDIR/byline/_capi.py"
check "soname libbyline.so.0" sh -c "readelf -d '$L/libbyline.so.0.4.0' | grep -q 'SONAME.*\[libbyline.so.0\]'"
nm -D --defined-only "$L/libbyline.so.0.4.0" | awk '{print $3}' | sed 's/@.*//' >"$T/exports"
check "the .so exports byline_open and byline_writer_open" \
    sh -c "grep -qx byline_open '$T/exports' && grep -qx byline_writer_open '$T/exports'"
check "the .so exports only byline_* ($(grep -cv '^byline_' "$T/exports") others: $(grep -v '^byline_' "$T/exports" | head -3 | tr '\n' ' '))" \
    test "$(grep -cv '^byline_' "$T/exports")" = 0

# ---- building against it with pkg-config only ----
export PKG_CONFIG_PATH=$L/pkgconfig PKG_CONFIG_SYSROOT_DIR=$D
check "pkg-config: version" test "$(pkg-config --modversion byline)" = 0.4.0
cflags=$(pkg-config --cflags --libs byline)
has() { case " $1 " in *" $2 "*) return 0;; esac; return 1; }
check "pkg-config --cflags: -I into DESTDIR ($cflags)" has "$cflags" "-I$D$P/include"
check "pkg-config --libs: -L into DESTDIR, -lbyline ($cflags)" has "$cflags" "-L$L -lbyline"
check "pkg-config --libs: the private libraries only with --static" \
    sh -c "! echo '$cflags' | grep -q -- -ljansson && pkg-config --static --libs byline | grep -q -- '-ljansson' && pkg-config --static --libs byline | grep -q -- '-lstemmer'"
check "pkg-config --cflags: only the include directory (no flags of private libraries)" \
    test "$(pkg-config --cflags byline | sed 's/ *$//')" = "-I$D$P/include"
check "example.c builds against the shared library" \
    cc -Wall -Werror -o "$T/example" docs/example.c $(pkg-config --cflags --libs byline)
check "example needs libbyline.so.0" sh -c "readelf -d '$T/example' | grep -q 'NEEDED.*\[libbyline.so.0\]'"
# -static: every library comes from its archive, so --static must list them all.
check "example.c links statically with pkg-config --static" \
    sh -c "cc -Wall -Werror -static -o '$T/example-static' docs/example.c \$(pkg-config --static --cflags --libs byline) 2>'$T/static.log'"
check "the static example needs no shared library" sh -c "! readelf -d '$T/example-static' 2>/dev/null | grep -q NEEDED"
unset PKG_CONFIG_PATH PKG_CONFIG_SYSROOT_DIR

# ---- running it ----
ex() { LD_LIBRARY_PATH=$L "$T/example" "$@"; }
check "example build" test "$(ex build "$T/ix")" = "built $T/ix: 2 articles"
ex search "$T/ix" Qiao Siyuan >"$T/out" 2>&1
score=$("$D$P/bin/byline-search" -i "$T/ix" --json -n 1 Qiao Siyuan | $PYTHON -c 'import sys,json; print("%8.4f" % json.loads(sys.stdin.readline())["score"])')
body="An open-source language model released by researcher Qiao Siyuan has topped a widely watched multilingual reasoning benchmark."
cat >"$T/want" <<EOF
1 matches
1. $score  2025-10-14  Qiao Siyuan's model tops a multilingual benchmark  (a1)
    An open-source language model released by researcher [Qiao Siyuan] has topped a widely watched multilingual reasoning benchmark.
article a1: "Qiao Siyuan's model tops a multilingual benchmark", ${#body} bytes of text
EOF
check "example search: hits, snippet, article ($(diff "$T/want" "$T/out" | head -4 | tr '\n' ' '))" cmp -s "$T/want" "$T/out"
"$T/example-static" search "$T/ix" Qiao Siyuan >"$T/out-static" 2>&1
check "the static example prints the same" cmp -s "$T/out" "$T/out-static"
out=$(ex search "$T/ix" '"Qiao' 2>&1); rc=$?
check "example: a bad query fails, naming the column ($rc: $out)" test $rc = 1 -a -n "$(echo "$out" | grep 'column 1')"
out=$(ex search "$T/nothing" x 2>&1); rc=$?
check "example: a missing index fails ($rc: $out)" test $rc = 1 -a -n "$(echo "$out" | grep nothing)"

# The installed programs and the library agree on a real corpus.
"$D$P/bin/byline-index" build -q -i "$T/corpus" tests/data/corpus 2>/dev/null
ids_cli=$("$D$P/bin/byline-search" -i "$T/corpus" --json --no-collapse -n 5 Qiao Siyuan | $PYTHON -c 'import sys,json; print(" ".join(json.loads(l)["id"] for l in sys.stdin))')
ids_ex=$(ex search "$T/corpus" Qiao Siyuan | sed -n 's/^[0-9]*\. .*  (\(.*\))$/\1/p' | tr '\n' ' ' | sed 's/ $//')
check "example and byline-search --no-collapse: the same hits ($ids_ex / $ids_cli)" test -n "$ids_cli" -a "$ids_ex" = "$ids_cli"

# The Python module from the install: it finds libbyline.so.0 beside
# itself (no BYLINE_LIB, no LD_LIBRARY_PATH).
ids_py=$(env -u BYLINE_LIB -u LD_LIBRARY_PATH PYTHONPATH="$PYDIR" $PYTHON -c '
import sys, byline
with byline.open(sys.argv[1]) as c:
    print(" ".join(h.id for h in c.search("Qiao Siyuan", k=5)))' "$T/corpus" 2>&1)
check "python: import byline from the install, same hits ($ids_py)" test "$ids_py" = "$ids_cli"
where=$(env -u BYLINE_LIB -u LD_LIBRARY_PATH PYTHONPATH="$PYDIR" $PYTHON -c '
import byline._capi as c; print(c.lib._name)' 2>&1)
check "python: the library loaded is the installed one ($where)" test "$where" = "$L/libbyline.so.0"
check "installed: the cluster package" test -f "$PYDIR/bylinecluster/cli.py"
# byline-cluster from the install finds its package and the module there
# (-V needs no Dask)
cv=$(env -u BYLINE_LIB -u LD_LIBRARY_PATH PYTHONPATH="$PYDIR" $PYTHON "$D$P/bin/byline-cluster" -V 2>&1)
check "byline-cluster -V from the install ($cv)" test "$cv" = "byline-cluster $("$D$P/bin/byline-search" -V | cut -d' ' -f2)"

# a static byline-search draws --plot with its dynamic twin in libexec/
if [ -x "$BUILD/libexec/byline/byline-search" ]; then
    check "installed: libexec/byline/byline-search" test -x "$D$P/libexec/byline/byline-search"
    "$D$P/bin/byline-search" -i "$T/ix" --timeline --plot "$T/plot.svg" Qiao >/dev/null 2>"$T/plot.err"
    check "--plot from the install draws ($(head -c 200 "$T/plot.err"))" \
        sh -c "grep -q '<svg' '$T/plot.svg'"
fi

# ---- uninstall leaves nothing ----
$MAKE --no-print-directory -s uninstall DESTDIR="$D" PREFIX=$P BUILD="$BUILD" >"$T/uninstall.log" 2>&1
left=$(find "$D" ! -type d | sed "s|^$D||")
check "uninstall leaves no file behind: $left" test -z "$left"
check "uninstall removes the module's directory" test ! -e "$PYDIR/byline"
check "uninstall removes the cluster package's directory" test ! -e "$PYDIR/bylinecluster"

echo "install-check: $pass passed, $fail failed"
[ "$fail" = 0 ]
