#!/usr/bin/env bash
# Does the README hold on a fresh Debian 12?  Builds a Debian 12 (bookworm)
# system with debootstrap, copies a clean git clone of this repository into
# it as /root/byline (and ../shared beside it, as /root/shared, read-only),
# then runs there, as root, exactly the README's two commands:
#
#     cd /root/byline && make demo && make test
#
# Usage: tests/fresh-machine.sh [options] [DIR]      (run as root on Debian)
#
#   DIR              where the systems live (default /var/tmp/byline-fresh):
#                      DIR/base-VARIANT/  the pristine debootstrap, reused by
#                                         later runs once it is complete
#                      DIR/run/           this run's copy of it (the tests run
#                                         here; kept for inspection, replaced
#                                         by the next run)
#                      DIR/logs/          one log per run
#   --new            debootstrap the base system again, from scratch
#   --commit REV     the commit to test (default HEAD)
#   --variant V      minbase (default: required packages and apt only, as in
#                    a container image) or default (required + important, as
#                    a minimal installation from the Debian installer)
#   --mirror URL     Debian mirror (default: the one this host's apt uses)
#   --shared DIR     shared data to copy beside the clone (default: ../shared
#                    of the repository, when present)
#   --no-shared      copy no shared data (the tests skip what needs it)
#   --patch FILE     apply FILE (git apply) to the clone first, to confirm a
#                    fix; may be repeated.  The log says so.
#   --preinstall P   apt-get install the packages P (quoted, space-separated)
#                    before the README's commands, to get past a step that
#                    is missing; the log says so.
#   --log FILE       log file (default DIR/logs/fresh-DATE.log)
#
# Exit status: that of `make demo && make test` in the fresh system (127 when
# a command such as make itself is missing there); 125 when the fresh
# system could not be prepared (debootstrap, clone, mounts).
# Not for: other distributions or releases; a machine without root.
set -euo pipefail

SETUP_FAIL=125
die() { printf 'fresh-machine: error: %s\n' "$*" >&2; exit "$SETUP_FAIL"; }
say() { printf 'fresh-machine: %s\n' "$*" >&2; }
usage() { sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0"; exit "${1:-0}"; }

SUITE=bookworm
DIR=/var/tmp/byline-fresh
NEW=0
COMMIT=HEAD
VARIANT=minbase
MIRROR=
SECURITY=
SHARED=
NO_SHARED=0
PATCHES=()
PREINSTALL=
LOG=
need_arg() { [ $# -ge 2 ] && [ -n "$2" ] || die "$1 needs a value (see --help)"; }
while [ $# -gt 0 ]; do
    case $1 in
        --new) NEW=1 ;;
        --commit) need_arg "$@"; COMMIT=$2; shift ;;
        --variant) need_arg "$@"; VARIANT=$2; shift ;;
        --mirror) need_arg "$@"; MIRROR=$2; shift ;;
        --shared) need_arg "$@"; SHARED=$2; shift ;;
        --no-shared) NO_SHARED=1 ;;
        --patch) need_arg "$@"; PATCHES+=("$(realpath "$2")"); shift ;;
        --preinstall) need_arg "$@"; PREINSTALL=$2; shift ;;
        --log) need_arg "$@"; LOG=$2; shift ;;
        -h|--help) usage 0 ;;
        -*) die "unknown option $1 (see --help)" ;;
        *) DIR=$1 ;;
    esac
    shift
done
case $VARIANT in minbase|default) ;; *) die "--variant is minbase or default, not '$VARIANT'" ;; esac
[ "$(id -u)" = 0 ] || die "run as root (debootstrap, chroot and mount need it)"
[ -r /etc/debian_version ] && command -v apt-get >/dev/null || die "this host is not Debian: no apt-get"

REPO=$(git -C "$(dirname "$0")" rev-parse --show-toplevel 2>/dev/null) || die "not inside the repository's git tree"
SHA=$(git -C "$REPO" rev-parse --verify --quiet "$COMMIT^{commit}") || die "no such commit: $COMMIT"
if [ $NO_SHARED = 0 ] && [ -z "$SHARED" ] && [ -d "$REPO/../shared" ]; then SHARED=$(realpath "$REPO/../shared"); fi
[ $NO_SHARED = 1 ] && SHARED=
[ -z "$SHARED" ] || [ -d "$SHARED" ] || die "no shared data at $SHARED"
for p in ${PATCHES[@]+"${PATCHES[@]}"}; do [ -f "$p" ] || die "no patch file $p"; done

mkdir -p "$DIR/logs"
DIR=$(realpath "$DIR")
BASE=$DIR/base-$VARIANT
RUN=$DIR/run
LOG=${LOG:-$DIR/logs/fresh-$(date +%Y%m%dT%H%M%S).log}
exec > >(tee -a "$LOG") 2>&1

# ---- the mirror: the one this host's apt uses (both sources formats) ----
# Prints "URI SUITE" for every deb entry apt has enabled.
apt_entries() {
    local f
    for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
        [ -f "$f" ] || continue
        sed -e 's/#.*//' -e 's/\[[^]]*\]//' "$f" | awk '$1 == "deb" { print $2, $3 }'
    done
    for f in /etc/apt/sources.list.d/*.sources; do
        [ -f "$f" ] || continue
        awk 'BEGIN { RS = ""; FS = "\n" }
        {   t = u = s = ""; en = "yes"
            for (i = 1; i <= NF; i++) {
                if ($i ~ /^[ \t]*#/) continue
                k = tolower($i); sub(/:.*/, "", k); v = $i; sub(/^[^:]*:[ \t]*/, "", v)
                if (k == "types") t = v; else if (k == "uris") u = v
                else if (k == "suites") s = v; else if (k == "enabled") en = tolower(v)
            }
            if (en == "no" || (" " t " ") !~ / deb /) next
            nu = split(u, U, /[ \t]+/); ns = split(s, S, /[ \t]+/)
            for (a = 1; a <= nu; a++) for (b = 1; b <= ns; b++) print U[a], S[b]
        }' "$f"
    done
}
if [ -z "$MIRROR" ]; then
    MIRROR=$(apt_entries | awk -v s="$SUITE" '$2 == s { print $1; exit }')
    [ -n "$MIRROR" ] || { MIRROR=http://deb.debian.org/debian; say "no $SUITE entry in this host's apt sources; using $MIRROR"; }
fi
SECURITY=$(apt_entries | awk -v s="$SUITE-security" '$2 == s { print $1; exit }')
SECURITY=${SECURITY:-http://deb.debian.org/debian-security}
MIRROR=${MIRROR%/}
SECURITY=${SECURITY%/}

# ---- safety: nothing may stay mounted under a tree that is removed ----
mounts_under() { # mount points at or below $1, deepest first
    awk -v r="$1" '{ gsub(/\\040/, " ", $2) } $2 == r || index($2, r "/") == 1 { print $2 }' /proc/mounts | sort -r
}
unmount_all() {
    local m
    [ -d "$1" ] || return 0
    for m in $(mounts_under "$1"); do umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || true; done
    [ -z "$(mounts_under "$1")" ]
}
kill_chrooted() { # processes started in the chroot that are still running
    local p root
    [ -d "$1" ] || return 0
    for p in /proc/[0-9]*; do
        root=$(readlink "$p/root" 2>/dev/null) || continue
        if [ "$root" = "$1" ] || [ "${root#"$1"/}" != "$root" ]; then kill -TERM "${p#/proc/}" 2>/dev/null || true; fi
    done
}
remove_tree() {
    [ -e "$1" ] || return 0
    unmount_all "$1" || die "$1 still has mounts; not removing it (see /proc/mounts)"
    rm -rf --one-file-system "$1"
}

CLONE=
cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    kill_chrooted "$RUN"; sleep 0.2
    unmount_all "$RUN" || say "warning: could not unmount everything under $RUN"
    [ -z "$CLONE" ] || rm -rf "$CLONE"
    exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

say "repository $REPO, commit $SHA ($(git -C "$REPO" log -1 --format=%s "$SHA" | cut -c1-70))"
say "Debian $SUITE, variant $VARIANT, mirror $MIRROR; security $SECURITY"
say "shared data: ${SHARED:-none}; log: $LOG"

# ---- 1. the pristine base system (debootstrap once, then reused) ----
STAMP=$BASE/.byline-fresh-complete
want_stamp="$SUITE $VARIANT $MIRROR"
if [ $NEW = 1 ] || [ ! -f "$STAMP" ] || [ "$(cat "$STAMP")" != "$want_stamp" ]; then
    if ! command -v debootstrap >/dev/null; then
        say "installing debootstrap"
        apt-get install -y debootstrap || { apt-get update && apt-get install -y debootstrap; } || die "cannot install debootstrap"
    fi
    remove_tree "$BASE"; remove_tree "$BASE.tmp"
    say "debootstrap $SUITE ($VARIANT) into $BASE (a few minutes)"
    t=$(date +%s)
    vopt=(); [ "$VARIANT" = minbase ] && vopt=(--variant=minbase)
    debootstrap ${vopt[@]+"${vopt[@]}"} "$SUITE" "$BASE.tmp" "$MIRROR" || die "debootstrap failed"
    # What the Debian installer writes: the release, its updates, security.
    cat >"$BASE.tmp/etc/apt/sources.list" <<EOF
deb $MIRROR $SUITE main
deb $MIRROR $SUITE-updates main
deb $SECURITY $SUITE-security main
EOF
    chroot "$BASE.tmp" /bin/true || die "the new system does not run"
    echo "$want_stamp" >"$BASE.tmp/.byline-fresh-complete"
    mv "$BASE.tmp" "$BASE"
    say "debootstrap done in $(( $(date +%s) - t )) s"
else
    say "reusing the base system $BASE (--new to make it again)"
fi

# ---- 2. this run's copy of it, with the repository and shared data ----
kill_chrooted "$RUN"
remove_tree "$RUN"
say "copying the base system to $RUN"
cp -a "$BASE" "$RUN"
rm -f "$RUN/.byline-fresh-complete"

CLONE=$(mktemp -d /tmp/byline-fresh-clone.XXXXXX)
git clone --quiet --no-checkout "$REPO" "$CLONE/byline" || die "git clone failed"
if ! git -C "$CLONE/byline" checkout --quiet --detach "$SHA" 2>/dev/null; then
    git -C "$CLONE/byline" fetch --quiet "$REPO" "$SHA" &&
        git -C "$CLONE/byline" checkout --quiet --detach "$SHA" || die "cannot check out $SHA in the clone"
fi
for p in ${PATCHES[@]+"${PATCHES[@]}"}; do
    git -C "$CLONE/byline" apply "$p" || die "patch $p does not apply"
    say "NOTE: patch applied to the clone (not the README's state): $p"
done
cp -a "$CLONE/byline" "$RUN/root/byline"
if [ -n "$SHARED" ]; then
    cp -a "$SHARED" "$RUN/root/shared"
    chmod -R a-w "$RUN/root/shared"       # as CI lays it: without write bits
fi
cp -L /etc/resolv.conf "$RUN/etc/resolv.conf"

# ---- 3. the kernel's file systems ----
mount -t proc proc "$RUN/proc"
mount --rbind /dev "$RUN/dev"; mount --make-rslave "$RUN/dev"   # with /dev/pts and /dev/shm
mount --rbind /sys "$RUN/sys"; mount --make-rslave "$RUN/sys"

# ---- 4. the README's commands, as root, in a clean login environment ----
cat >"$RUN/root/fresh-run.sh" <<EOF
set -u
cd /root/byline
if [ -n "$PREINSTALL" ]; then
    echo "fresh-machine: NOTE: installing '$PREINSTALL' first (not a README step)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $PREINSTALL >/dev/null || exit 125
fi
step() {
    echo "==== \$ \$* (\$(date '+%F %T'))"
    local t=\$(date +%s) rc=0
    "\$@" || rc=\$?
    echo "==== \$*: exit \$rc in \$(( \$(date +%s) - t )) s" | tee -a /root/fresh-times
    if [ \$rc = 127 ] && ! command -v "\$1" >/dev/null; then
        echo "fresh-machine: '\$1' is not installed on a fresh Debian 12: the README's command cannot run"
    fi
    return \$rc
}
step make demo && step make test
EOF
say "running in the fresh system: cd /root/byline && make demo && make test"
set +e
chroot "$RUN" /usr/bin/env -i HOME=/root USER=root LOGNAME=root SHELL=/bin/bash \
    TERM="${TERM:-dumb}" LANG=C.UTF-8 PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    /bin/bash -l /root/fresh-run.sh </dev/null
rc=$?
set -e
durations=$(sed 's/^==== //' "$RUN/root/fresh-times" 2>/dev/null | paste -sd ';' - | sed 's/;/; /g')
if [ $rc = 0 ]; then
    say "PASS: make demo && make test succeeded on a fresh Debian $SUITE ($VARIANT), commit ${SHA:0:12}: $durations"
else
    say "FAIL (exit $rc): commit ${SHA:0:12}, Debian $SUITE ($VARIANT): ${durations:-nothing ran}; log $LOG"
fi
exit $rc
