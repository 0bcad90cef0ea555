#!/usr/bin/env bash
# Installs the Debian packages clusterfile builds and tests with, skipping those already present,
# then the test-only Composer packages of the TYPO3 extension package (typo3-extension/tests/vendor,
# from the committed composer.lock) when they are missing or older than the lock.
# Needs root (or sudo) only when a Debian package is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
pkgs=(
    build-essential autoconf pkg-config
    php8.2-cli php8.2-dev php8.2-igbinary php8.2-opcache php-parser
    php8.2-fpm
    libzstd-dev zlib1g-dev libssl-dev libhiredis-dev libcmocka-dev
    valgrind clang-format
    php8.2-sqlite3
    clang libclang-rt-14-dev
    debootstrap
    composer unzip
)
# The cluster suite (and the demo's --metadata=redis|mariadb) also need the servers and their PHP clients.
if [ "${CF_WITH_SERVERS:-1}" = 1 ]; then
    pkgs+=(php8.2-redis php8.2-mysql redis-server mariadb-server mariadb-client)
fi
# The benchmark suite (scripts/bench.sh, `make bench`; not run by CI): charts, the APCu ceiling.
if [ "${CF_WITH_BENCH:-0}" = 1 ]; then
    pkgs+=(gnuplot-nox php8.2-apcu php8.2-redis php8.2-mysql redis-server mariadb-server mariadb-client)
fi
missing=()
for p in "${pkgs[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "deps: installing ${missing[*]}"
    sudo_cmd=()
    [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
    export DEBIAN_FRONTEND=noninteractive
    "${sudo_cmd[@]}" apt-get update -qq
    "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The tests/typo3ext phpts run the package's commands and middleware on Symfony Console and PSR-7
# (typo3/cms-core itself is not installable here: the repository's stand-ins replace it). The
# vendor directory is ignored by git; a stamp of the lock's checksum says whether it is current.
ext_tests=typo3-extension/tests
want=$(cat "$ext_tests/composer.json" "$ext_tests/composer.lock" | sha256sum | cut -d' ' -f1)
stamp="$ext_tests/vendor/.clusterfile-lock-sha256"
if [ ! -f "$ext_tests/vendor/autoload.php" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    echo "deps: composer install in $ext_tests (the typo3ext tests' Symfony Console and PSR-7)"
    rm -rf "$ext_tests/vendor"
    COMPOSER_ALLOW_SUPERUSER=1 composer --working-dir="$ext_tests" install \
        --no-interaction --no-progress
    echo "$want" >"$stamp"
fi
