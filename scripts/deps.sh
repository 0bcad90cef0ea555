#!/usr/bin/env bash
# Installs the Debian packages clusterfile builds and tests with, skipping those already present.
# Needs root (or sudo) only when something is missing.
set -euo pipefail
pkgs=(
    build-essential autoconf pkg-config
    php8.2-cli php8.2-dev php8.2-igbinary php8.2-opcache php-parser
    php8.2-fpm
    libzstd-dev zlib1g-dev libssl-dev libhiredis-dev libcmocka-dev
    valgrind clang-format
    php8.2-sqlite3
    clang libclang-rt-14-dev
    debootstrap
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
if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi
echo "deps: installing ${missing[*]}"
sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
