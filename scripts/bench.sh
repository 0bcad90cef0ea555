#!/usr/bin/env bash
# The benchmark suite (`make bench` calls this; not part of CI): installs what is missing (Debian:
# gnuplot-nox, php8.2-apcu, the servers), builds, starts a redis-server and a MariaDB of its own on
# loopback (tests/cluster/harness/servers.sh with its own directory and ports), runs bench/suite.php
# and writes bench/results/<UTC timestamp>/{results.csv,results.json,summary.md,*.png}.
#   bash scripts/bench.sh [--scale=0.1]     (scale < 1: shorter cells, a smoke run)
# Env: CFB_LOCAL_DIR (payload files, default /dev/shm/...: tmpfs), CFB_REDIS_PORT (6395),
#      CFB_MARIADB_PORT (3395), CFB_ONLY=native,redis (a subset), CFB_SKIP_CALLGRIND=1.
set -euo pipefail
cd "$(dirname "$0")/.."
scale=1
for arg in "$@"; do
    case "$arg" in
    --scale=*) scale=${arg#--scale=} ;;
    *) echo "bench: unknown argument $arg" >&2; exit 2 ;;
    esac
done
start=$(date +%s)
CF_WITH_BENCH=1 scripts/deps.sh
scripts/build.sh
stamp=$(date -u +%Y%m%dT%H%M%SZ)
out="$PWD/bench/results/$stamp"
mkdir -p "$out"
tmp_base=/dev/shm
[ -d "$tmp_base" ] && [ -w "$tmp_base" ] || tmp_base=${TMPDIR:-/tmp}
work="$tmp_base/clusterfile-bench-$$"
export CF_SERVER_DIR="$work/servers"
export CF_REDIS_PORT=${CFB_REDIS_PORT:-6395} CF_MARIADB_PORT=${CFB_MARIADB_PORT:-3395}
export CFB_REDIS_PORT=$CF_REDIS_PORT CFB_MARIADB_PORT=$CF_MARIADB_PORT
export CFB_LOCAL_DIR=${CFB_LOCAL_DIR:-$work/local}
export CFB_SQLITE="$work/metadata.sqlite"
cleanup() {
    tests/cluster/harness/servers.sh stop redis >/dev/null 2>&1 || true
    tests/cluster/harness/servers.sh stop mariadb >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT
tests/cluster/harness/servers.sh start redis >/dev/null
tests/cluster/harness/servers.sh start mariadb >/dev/null
# The system php.ini's extensions (igbinary, redis, apcu, pdo_*) plus this build; APCu in the CLI.
export CFB_PHP_ARGS="-d extension=$PWD/modules/clusterfile.so -d apc.enable_cli=1 -d memory_limit=1G"
# shellcheck disable=SC2086
php $CFB_PHP_ARGS bench/suite.php "$out" "$scale"
echo "bench: $out ($(($(date +%s) - start)) s)"
sed -n '/^## Main table/,/^## Ratios/p' "$out/summary.md" | head -n -1
sed -n '/^## Ratios/,/^## flushByTag/p' "$out/summary.md" | head -n -1
