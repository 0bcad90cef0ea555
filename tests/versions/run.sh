#!/usr/bin/env bash
# Builds clusterfile with -Werror and runs the cmocka and phpt suites on PHP 8.4 (Debian trixie)
# and PHP 8.5 (Debian sid + experimental), each in a Debian root made with debootstrap from the
# system's package mirror. See README.md next to this script.
#
#   tests/versions/run.sh [8.4|8.5|all]      (default: all)
#
# Environment: CF_ROOTS (default /var/tmp/clusterfile-roots), CF_VERSIONS_JOBS (make -j and
# run-tests -j, default 2), CF_VERSIONS_TESTS (test paths, default "tests/"), CF_MIRROR (default:
# the mirror of the system's bookworm entry), CF_VERSIONS_REBUILD=1 (make the roots again).
# Prints one line per version:
#   versions[8.4]: phpt N passed, M failed, K skipped, B borked; unit P passed, Q failed (T s)
# Exits non-zero when a root cannot be made, a build fails (-Werror), or a test fails, is borked
# or is skipped (every phpt runs on these PHPs, so a skip means something is missing).
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
roots=${CF_ROOTS:-/var/tmp/clusterfile-roots}
jobs=${CF_VERSIONS_JOBS:-2}
tests=${CF_VERSIONS_TESTS:-tests/}
which=${1:-all}

case "$which" in
8.4) versions=(8.4) ;;
8.5) versions=(8.5) ;;
all) versions=(8.4 8.5) ;;
*)
    echo "usage: $0 [8.4|8.5|all]" >&2
    exit 2
    ;;
esac

say() { printf '== versions: %s\n' "$*"; }

if [ "$(id -u)" -ne 0 ]; then
    echo "versions: needs root (debootstrap, chroot, mount)" >&2
    exit 1
fi
if ! command -v debootstrap >/dev/null; then
    say "installing debootstrap"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q debootstrap >/dev/null
fi

mirror=${CF_MIRROR:-}
if [ -z "$mirror" ]; then
    mirror=$(grep -rhsE '^(URIs:|deb )' /etc/apt/sources.list /etc/apt/sources.list.d/ 2>/dev/null |
        grep -vE 'security|nodesource|google' | sed -nE 's/^URIs: *([^ ]+).*/\1/p; s/^deb +(\[[^]]*\] +)?([^ ]+) +bookworm .*/\2/p' | head -n1 || true)
    mirror=${mirror:-http://deb.debian.org/debian}
fi

# Packages of every root (the version's PHP packages are added per version). redis-server: the
# native-store phpts start their own on loopback.
# root_rev: bump when apt_setup or build_igbinary change, so cached roots are made again.
root_rev=1
common_pkgs=(build-essential autoconf pkg-config libzstd-dev zlib1g-dev libssl-dev libhiredis-dev
    libcmocka-dev redis-server)

# ---- the roots ---------------------------------------------------------------------------------

# Mounts proc, sys, dev and dev/pts into a root; umount_root undoes it (also from the EXIT trap).
mounted=()
mount_root() {
    local r=$1
    mount -t proc proc "$r/proc"
    mounted+=("$r/proc")
    mount -t sysfs sysfs "$r/sys"
    mounted+=("$r/sys")
    mount --bind /dev "$r/dev"
    mounted+=("$r/dev")
    mount --bind /dev/pts "$r/dev/pts"
    mounted+=("$r/dev/pts")
}
umount_all() {
    local i
    for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
        umount "${mounted[$i]}" 2>/dev/null || umount -l "${mounted[$i]}" 2>/dev/null || true
    done
    mounted=()
}
trap umount_all EXIT
trap 'exit 130' INT TERM

# rm -rf of a root, never through a mount (a bind-mounted /dev would be emptied): whatever is
# still mounted under it (a killed run, debootstrap's own proc/sys) is unmounted first.
remove_root() {
    local d=$1 m
    [ -e "$d" ] || return 0
    for m in $(awk -v d="$d/" 'index($2, d) == 1 {print $2}' /proc/self/mounts | sort -r); do
        umount "$m" 2>/dev/null || umount -l "$m"
    done
    if awk -v d="$d/" 'index($2, d) == 1 {found = 1} END {exit !found}' /proc/self/mounts; then
        echo "versions: $d still has mounts; not removing it" >&2
        return 1
    fi
    rm -rf "$d"
}

# Runs a bash script in a root with a clean environment.
in_root() {
    local r=$1
    shift
    chroot "$r" /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
        HOME=/root LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive bash -euo pipefail -c "$@"
}

# The apt sources, options and pins of a version's root, written before its one apt-get install.
apt_setup() {
    local v=$1 r=$2
    rm -f "$r/etc/apt/sources.list"
    case "$v" in
    8.4)
        cat >"$r/etc/apt/sources.list.d/debian.sources" <<EOF
Types: deb
URIs: $mirror
Suites: trixie
Components: main
EOF
        ;;
    8.5)
        cat >"$r/etc/apt/sources.list.d/debian.sources" <<EOF
Types: deb
URIs: $mirror
Suites: sid experimental
Components: main

Types: deb-src
URIs: $mirror
Suites: sid
Components: main
EOF
        # The mirror's sid and experimental Release files are past their Valid-Until.
        echo 'Acquire::Check-Valid-Until "false";' >"$r/etc/apt/apt.conf.d/90clusterfile-valid-until"
        # php8.5-* come from experimental; its php-common 2:102 breaks php8.5-common, so 2:101.
        cat >"$r/etc/apt/preferences.d/clusterfile" <<EOF
Package: php8.5*
Pin: release a=experimental
Pin-Priority: 500

Package: php-common
Pin: version 2:101*
Pin-Priority: 1001
EOF
        ;;
    esac
    # no service is started in a root (php-fpm's postinst would try)
    printf '#!/bin/sh\nexit 101\n' >"$r/usr/sbin/policy-rc.d"
    chmod 755 "$r/usr/sbin/policy-rc.d"
    cat >"$r/etc/apt/apt.conf.d/90clusterfile-lean" <<EOF
APT::Install-Recommends "false";
APT::Install-Suggests "false";
Dpkg::Options { "--force-unsafe-io"; };
EOF
}

version_pkgs() {
    case "$1" in
    8.4) echo php8.4-cli php8.4-dev php8.4-fpm php8.4-opcache php8.4-sqlite3 php8.4-igbinary ;;
    # OPcache is built into PHP 8.5; no php8.5-igbinary exists (built from source below)
    8.5) echo php8.5-cli php8.5-dev php8.5-fpm php8.5-sqlite3 ;;
    esac
}

suite_of() {
    case "$1" in
    8.4) echo trixie ;;
    8.5) echo sid ;;
    esac
}

# Makes the root of a version when it is missing or was made from another package list. A root
# is made in <root>.new and renamed when complete, so a broken run never leaves a half root.
ensure_root() {
    local v=$1 suite r stamp want
    suite=$(suite_of "$v")
    r="$roots/$suite"
    want="$suite rev$root_rev ${common_pkgs[*]} $(version_pkgs "$v")"
    stamp="$r/.clusterfile-root"
    if [ -z "${CF_VERSIONS_REBUILD:-}" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
        say "$v: using cached root $r"
        return
    fi
    local t0=$SECONDS new="$r.new"
    remove_root "$new"
    say "$v: debootstrap --variant=minbase $suite $new ($mirror)"
    debootstrap --variant=minbase "$suite" "$new" "$mirror" >"$roots/$suite-debootstrap.log" 2>&1 || {
        echo "versions: debootstrap of $suite failed ($roots/$suite-debootstrap.log)" >&2
        tail -n 20 "$roots/$suite-debootstrap.log" >&2
        return 1
    }
    apt_setup "$v" "$new"
    mount_root "$new"
    say "$v: apt-get install (one transaction)"
    local rc=0
    in_root "$new" "apt-get update -q >/dev/null && apt-get install -y -q ${common_pkgs[*]} $(version_pkgs "$v") >/var/log/clusterfile-apt.log 2>&1" || rc=$?
    if [ $rc -eq 0 ] && [ "$v" = 8.5 ]; then
        build_igbinary "$new" || rc=$?
    fi
    in_root "$new" 'apt-get clean' || true
    umount_all
    if [ $rc -ne 0 ]; then
        echo "versions: making the $suite root failed; $new kept for a look" >&2
        tail -n 20 "$new/var/log/clusterfile-apt.log" >&2 || true
        return 1
    fi
    echo "$want" >"$new/.clusterfile-root"
    remove_root "$r"
    mv "$new" "$r"
    say "$v: root made in $((SECONDS - t0)) s"
}

# igbinary for PHP 8.5 from the upstream tarball of Debian's php-igbinary source package (the
# mirror serves the .orig.tar.gz of sid's php-igbinary, not its .dsc, so `apt-get source` cannot
# unpack it: the tarball is fetched by the URI and SHA256 apt-get source --print-uris gives).
# Its php_igbinary.h includes ext/standard/php_smart_string.h, which PHP 8.5 removed;
# Zend/zend_smart_string.h declares the same smart_string API, so the include is switched.
build_igbinary() {
    local r=$1
    say "8.5: igbinary from the php-igbinary source package"
    in_root "$r" '
        rm -rf /usr/src/igbinary && mkdir -p /usr/src/igbinary && cd /usr/src/igbinary
        exec >/var/log/clusterfile-igbinary.log 2>&1
        set -- $(apt-get source --print-uris -q php-igbinary | grep "\.orig\.tar\.")
        [ $# -ge 4 ] || { echo "no php-igbinary orig tarball in the Sources index"; exit 1; }
        /usr/lib/apt/apt-helper download-file "${1:1:-1}" "$2" "$4"
        tar -xf "$2"
        cd "$(dirname "$(find . -maxdepth 3 -name config.m4 | head -n1)")"
        grep -rl "ext/standard/php_smart_string.h" . | xargs -r sed -i "s|ext/standard/php_smart_string.h|Zend/zend_smart_string.h|"
        phpize8.5 && ./configure --with-php-config=php-config8.5 && make -j'"$jobs"' && make install
    ' || {
        tail -n 30 "$r/var/log/clusterfile-igbinary.log" >&2 || true
        return 1
    }
}

# ---- build and test in a root ------------------------------------------------------------------

run_version() {
    local v=$1 suite r log t0=$SECONDS
    suite=$(suite_of "$v")
    r="$roots/$suite"
    log="$roots/$suite-test.log"
    # the working tree as git sees it: tracked files and untracked ones not ignored
    remove_root "$r/build/clusterfile"
    mkdir -p "$r/build/clusterfile"
    git -C "$repo" ls-files -co --exclude-standard -z | tar -C "$repo" --null -T - -cf - | tar -C "$r/build/clusterfile" -xf -
    # plus the typo3ext tests' Composer packages, which git ignores (scripts/deps.sh installs them;
    # without them those tests skip, and a skip fails this run)
    if [ -f "$repo/typo3-extension/tests/vendor/autoload.php" ]; then
        cp -a "$repo/typo3-extension/tests/vendor" "$r/build/clusterfile/typo3-extension/tests/vendor"
    else
        echo "versions: typo3-extension/tests/vendor is missing (run scripts/deps.sh): the typo3ext tests will skip" >&2
    fi
    mount_root "$r"
    say "$v: build (-Werror), unit-test, phpt ($tests) -> $log"
    local rc=0
    in_root "$r" '
        cd /build/clusterfile
        echo "versions: PHP $(php'"$v"' -n -r "echo PHP_VERSION;"), $(gcc --version | head -n1)"
        phpize'"$v"' >/dev/null
        ./configure --with-php-config=php-config'"$v"' --enable-clusterfile --enable-clusterfile-dev --with-hiredis=yes >configure.log
        make -j'"$jobs"' >make.log 2>&1 || { tail -n 40 make.log; exit 1; }
        echo "build: ok"
        make unit-test 2>&1 || echo "unit-test: exit $?"
        igbinary="-d extension=$(php-config'"$v"' --extension-dir)/igbinary.so"
        TEST_PHP_ARGS="$igbinary" NO_INTERACTION=1 REPORT_EXIT_STATUS=1 \
            make test TESTS="-q --no-color --show-diff --set-timeout 300 -j'"$jobs"' '"$tests"'" 2>&1 || echo "phpt: exit $?"
    ' >"$log" 2>&1 || rc=$?
    umount_all
    local up uf pp pf ps borked
    up=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" | awk '{s+=$1} END {print s+0}')
    uf=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" | awk '{s+=$1} END {print s+0}')
    pp=$(sed -n 's/^Tests passed *: *\([0-9]*\).*/\1/p' "$log" | head -n1)
    pf=$(sed -n 's/^Tests failed *: *\([0-9]*\).*/\1/p' "$log" | head -n1)
    ps=$(sed -n 's/^Tests skipped *: *\([0-9]*\).*/\1/p' "$log" | head -n1)
    borked=$(grep -c '^BORK' "$log" || true)
    grep -m1 '^versions: PHP' "$log" || true
    echo "versions[$v]: phpt ${pp:-0} passed, ${pf:-?} failed, ${ps:-?} skipped, $borked borked; unit $up passed, $uf failed ($((SECONDS - t0)) s)"
    if [ $rc -ne 0 ] || [ -z "$pp" ] || [ "${pf:-1}" != 0 ] || [ "${ps:-1}" != 0 ] || [ "$borked" != 0 ] ||
        [ "$up" = 0 ] || [ "$uf" != 0 ] || grep -qE '^(unit-test|phpt): exit|^unit-test: FAILED' "$log"; then
        # run-tests -q overwrites its progress line with \r: one result per line
        tr '\r' '\n' <"$log" | grep -aE '^(FAIL|BORK|SKIP|LEAK)|^(unit-test|phpt): exit|\[  FAILED  \]' | head -n 40 || true
        sed -n '/^========DIFF========/,/^========DONE========/p' "$log" | head -n 200 || true
        tail -n 20 "$log"
        return 1
    fi
}

# One run at a time on these roots (other checkouts on this machine share them).
mkdir -p "$roots"
exec 9>"$roots/.lock"
if ! flock -n 9; then
    say "waiting for another run on $roots"
    flock 9
fi

status=0
for v in "${versions[@]}"; do
    if ! ensure_root "$v"; then
        echo "versions[$v]: no root"
        status=1
        continue
    fi
    run_version "$v" || status=1
done
exit $status
