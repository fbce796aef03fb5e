#!/bin/sh
# setup.sh - installs what the benchmarks compare Byline with, from Debian
# packages: Xapian's Python bindings (python3-xapian), hyperfine (for
# bench/startup), the C and C++ libraries of the compiled peers
# (libxapian-dev, libsqlite3-dev, g++: `make peers`) and Stream VByte (libstreamvbyte0, loaded by
# bench/codec_decode at run time), then checks that the system Python's
# sqlite3 has FTS5 (Debian's does).  Benchmark tools only: none of them is
# ever linked into Byline.  Needs root (or sudo) and apt-get.
set -eu
if ! command -v apt-get >/dev/null 2>&1; then
    echo "setup.sh: no apt-get; install Xapian's Python bindings, SQLite with FTS5 and hyperfine by hand" >&2
    exit 1
fi
SUDO=
[ "$(id -u)" = 0 ] || SUDO=sudo
$SUDO apt-get update -qq
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3 python3-xapian hyperfine g++ libxapian-dev libsqlite3-dev
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libstreamvbyte0 ||
    echo "setup.sh: libstreamvbyte0 not available; codec_decode will skip Stream VByte" >&2
/usr/bin/python3 - <<'PY'
import sqlite3, xapian
c = sqlite3.connect(":memory:")
c.execute("CREATE VIRTUAL TABLE t USING fts5(x, tokenize='porter unicode61')")
print("setup.sh: Xapian %s, SQLite %s with FTS5: ready" % (xapian.version_string(), sqlite3.sqlite_version))
PY
