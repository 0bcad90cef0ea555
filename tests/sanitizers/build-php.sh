#!/usr/bin/env bash
# Builds PHP 8.2 from Debian's php8.2 source package as a debug+ZTS binary and/or an
# ASan+UBSan (debug, NTS) binary, builds igbinary and clusterfile against each, and runs the phpt
# suite on them. See README.md next to this script.
#
#   tests/sanitizers/build-php.sh [zts|asan|all]      (default: all)
#
# Environment: CF_SANITIZER_CACHE (default /var/tmp/clusterfile-sanitizers), CF_SANITIZER_JOBS
# (make -j, default 2), CF_SANITIZER_TESTS (test paths, default "tests"), CF_ASAN_OPTIONS.
# Exits non-zero when a build fails or any phpt fails or is borked.
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
cache=${CF_SANITIZER_CACHE:-/var/tmp/clusterfile-sanitizers}
jobs=${CF_SANITIZER_JOBS:-2}
tests=${CF_SANITIZER_TESTS:-tests}
which=${1:-all}

case "$which" in
zts) flavours=(zts) ;;
asan) flavours=(asan) ;;
all) flavours=(zts asan) ;;
*)
    echo "usage: $0 [zts|asan|all]" >&2
    exit 2
    ;;
esac

say() { printf '== sanitizers: %s\n' "$*"; }

# ---- build dependencies and sources ------------------------------------------------------------

need_pkgs=(build-essential autoconf bison re2c pkg-config dpkg-dev libtool shtool libzstd-dev zlib1g-dev libssl-dev)
missing=()
for p in "${need_pkgs[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    say "installing ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null
fi

# deb-src for bookworm main, from the mirror of the system's existing bookworm entry.
ensure_deb_src() {
    if [ -n "$(apt-cache showsrc php8.2 2>/dev/null | head -n1)" ]; then
        return
    fi
    local uri
    uri=$(grep -rhsE '^(URIs:|deb )' /etc/apt/sources.list /etc/apt/sources.list.d/ 2>/dev/null |
        grep -vE 'security|nodesource|google' | sed -nE 's/^URIs: *([^ ]+).*/\1/p; s/^deb +(\[[^]]*\] +)?([^ ]+) +bookworm .*/\2/p' | head -n1 || true)
    uri=${uri:-http://deb.debian.org/debian}
    say "adding deb-src $uri bookworm main"
    cat >/etc/apt/sources.list.d/clusterfile-deb-src.sources <<EOF
Types: deb-src
URIs: $uri
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
    apt-get update -q >/dev/null
}

mkdir -p "$cache/src" "$cache/build"
for pkg in php8.2 php-igbinary; do
    if ! ls -d "$cache/src/$pkg"-*/ >/dev/null 2>&1; then
        ensure_deb_src
        say "apt-get source $pkg"
        (cd "$cache/src" && apt-get source -q "$pkg" >/dev/null 2>&1)
    fi
done
php_src=$(ls -d "$cache"/src/php8.2-*/ | head -n1)
php_src=${php_src%/}
igb_src=$(dirname "$(find "$cache"/src/php-igbinary-*/ -maxdepth 2 -name config.m4 | head -n1)")

# ---- per flavour -------------------------------------------------------------------------------

san_cflags="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"

build_php() {
    local fl=$1 prefix=$2 tree="$cache/build/php-$1"
    local extra=()
    [ "$fl" = zts ] && extra=(--enable-zts)
    [ "$fl" = asan ] && extra=(--enable-address-sanitizer --enable-undefined-sanitizer)
    rm -rf "$tree"
    cp -a "$php_src" "$tree"
    say "$fl: building PHP in $tree (configure.log, make.log)"
    (
        cd "$tree"
        ./buildconf --force >buildconf.log 2>&1
        ./configure --prefix="$prefix" --enable-debug "${extra[@]}" \
            --disable-all --enable-cli --disable-cgi --disable-phpdbg --without-pear \
            --with-zlib --with-openssl --enable-posix --enable-pcntl --enable-ctype \
            --enable-tokenizer --enable-opcache >configure.log 2>&1
        make -j"$jobs" >make.log 2>&1
        make install >install.log 2>&1
    ) || {
        echo "sanitizers: $fl PHP build failed; logs in $tree" >&2
        tail -n 30 "$tree"/*.log >&2
        rm -rf "$prefix"
        return 1
    }
}

# phpize + configure + make of an extension source tree ($3) against the flavour's PHP.
build_ext() {
    local fl=$1 prefix=$2 src=$3 name=$4 tree="$cache/build/$4-$1"
    local cflags="-g -O0" ldflags=""
    if [ "$fl" = asan ]; then
        cflags="-g -O0 $san_cflags"
        ldflags="-fsanitize=address,undefined"
    fi
    rm -rf "$tree"
    mkdir -p "$tree"
    if [ "$name" = clusterfile ]; then
        # the working tree as git sees it: tracked files and untracked ones not ignored
        git -C "$src" ls-files -co --exclude-standard -z | tar -C "$src" --null -T - -cf - | tar -C "$tree" -xf -
        # plus the typo3ext tests' Composer packages, which git ignores (scripts/deps.sh installs them)
        if [ -f "$src/typo3-extension/tests/vendor/autoload.php" ]; then
            cp -a "$src/typo3-extension/tests/vendor" "$tree/typo3-extension/tests/vendor"
        else
            echo "sanitizers: typo3-extension/tests/vendor is missing (run scripts/deps.sh): the typo3ext tests will skip" >&2
        fi
    else
        cp -a "$src"/. "$tree"/
    fi
    (
        cd "$tree"
        "$prefix/bin/phpize" >phpize.log 2>&1
        CFLAGS="$cflags" LDFLAGS="$ldflags" ./configure --with-php-config="$prefix/bin/php-config" >configure.log 2>&1
        make -j"$jobs" >make.log 2>&1
        # igbinary's headers go into the PHP prefix, where clusterfile's configure looks for them
        if [ "$name" = igbinary ]; then make install >install.log 2>&1; fi
    ) || {
        echo "sanitizers: $fl $name build failed; logs in $tree" >&2
        tail -n 30 "$tree"/make.log "$tree"/configure.log >&2 || true
        return 1
    }
    mkdir -p "$cache/ext-$fl"
    cp "$tree/modules/$name.so" "$cache/ext-$fl/$name.so"
}

run_phpt() {
    local fl=$1 prefix=$2 tree="$cache/build/clusterfile-$1" log="$cache/phpt-$1.log"
    local ext="$cache/ext-$fl" args=()
    local -a env_vars=(NO_INTERACTION=1 REPORT_EXIT_STATUS=1)
    if [ "$fl" = asan ]; then
        local asan_opts=${CF_ASAN_OPTIONS:-detect_leaks=1:intercept_tls_get_addr=0}
        # LeakSanitizer needs ptrace; where it cannot run, fall back to ASan without leak checks.
        if ! ASAN_OPTIONS="$asan_opts" "$prefix/bin/php" -n -r 'echo "ok";' 2>/dev/null | grep -q ok; then
            asan_opts=detect_leaks=0:intercept_tls_get_addr=0
            say "asan: LeakSanitizer cannot run here, detect_leaks=0"
        fi
        env_vars+=("ASAN_OPTIONS=$asan_opts" "UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1")
        args+=(--asan)
    fi
    say "$fl: phpt ($tests) -> $log"
    set +e
    (cd "$tree" && env "${env_vars[@]}" "$prefix/bin/php" -n "$php_src/run-tests.php" -q --show-diff --set-timeout 300 -j"$jobs" \
        -p "$prefix/bin/php" "${args[@]}" \
        -d "extension=$ext/igbinary.so" -d "extension=$ext/clusterfile.so" $tests) >"$log" 2>&1
    local rc=$?
    set -e
    local passed failed skipped borked
    passed=$(sed -n 's/^Tests passed *: *\([0-9]*\).*/\1/p' "$log" | head -n1)
    failed=$(sed -n 's/^Tests failed *: *\([0-9]*\).*/\1/p' "$log" | head -n1)
    skipped=$(sed -n 's/^Tests skipped *: *\([0-9]*\).*/\1/p' "$log" | head -n1)
    borked=$(grep -c '^BORK' "$log" || true)
    echo "sanitizers[$fl]: ${passed:-0} passed, ${failed:-?} failed, ${skipped:-?} skipped, $borked borked (rc $rc)"
    if [ "$rc" -ne 0 ] || [ "${failed:-1}" != 0 ] || [ "$borked" != 0 ] || [ -z "$passed" ]; then
        grep -E '^(FAIL|BORK|LEAK)' "$log" | head -n 40 || true
        # the diffs of failed tests, as run-tests printed them
        sed -n '/^========DIFF========/,/^========DONE========/p' "$log" | head -n 200 || true
        return 1
    fi
    if grep -qE 'ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:' "$log"; then
        echo "sanitizers[$fl]: a sanitizer report is in $log" >&2
        return 1
    fi
}

status=0
for fl in "${flavours[@]}"; do
    prefix="$cache/php-$fl"
    if [ ! -x "$prefix/bin/php" ]; then
        build_php "$fl" "$prefix" || { status=1; continue; }
    else
        say "$fl: using cached PHP $prefix ($("$prefix/bin/php" -n -r 'echo PHP_VERSION, PHP_ZTS ? " ZTS" : " NTS", PHP_DEBUG ? " debug" : "";'))"
    fi
    # Debian's patched phpize copies the libtool/pkg m4 files from <prefix>/share/aclocal (for
    # Debian's own PHP that is /usr/share/aclocal, where libtool and pkg-config put them).
    mkdir -p "$prefix/share/aclocal"
    for m in pkg.m4 libtool.m4 ltoptions.m4 ltsugar.m4 ltversion.m4 lt~obsolete.m4; do
        [ -f "$prefix/share/aclocal/$m" ] || cp "/usr/share/aclocal/$m" "$prefix/share/aclocal/$m"
    done
    if [ ! -f "$cache/ext-$fl/igbinary.so" ] || [ ! -f "$("$prefix/bin/php-config" --include-dir)/ext/igbinary/igbinary.h" ]; then
        build_ext "$fl" "$prefix" "$igb_src" igbinary || { status=1; continue; }
    fi
    build_ext "$fl" "$prefix" "$repo" clusterfile || { status=1; continue; }
    run_phpt "$fl" "$prefix" || status=1
done
exit $status
