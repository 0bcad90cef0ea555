#!/usr/bin/env bash
# The cluster suite: pods as real PHP processes (tests/cluster/harness) on each metadata store.
# Starts redis-server and MariaDB on loopback for the run and stops them afterwards.
#   tests/cluster/run.sh [sqlite] [mariadb] [redis] [native]     (default: all four)
# sqlite, mariadb and redis are the userland path (metadataCacheIdentifier over the TYPO3
# stand-ins: Typo3DatabaseBackend, RedisBackend); native is the extension's own path
# (metadataDsn, hiredis) over the same redis-server as redis.
# Per store: the stand-in self-test (harness/runtime_selftest.php; not for native, which has no
# TYPO3 backend in between), then the scenarios (CF_SCENARIO=<substring> runs only the matching
# ones). Each store's server is stopped before the next store starts.
set -euo pipefail
cd "$(dirname "$0")/../.."
stores=("$@")
[ ${#stores[@]} -gt 0 ] || stores=(sqlite mariadb redis native)
harness=tests/cluster/harness
started=()
cleanup() {
    for s in "${started[@]}"; do "$harness/servers.sh" stop "$s" >/dev/null 2>&1 || true; done
}
trap cleanup EXIT
fail=0
for store in "${stores[@]}"; do
    spec=$store
    if [ "$store" != sqlite ]; then
        spec=$("$harness/servers.sh" start "$store")
        started+=("$store")
    fi
    if [ "$store" != native ]; then
        # The TYPO3 stand-ins themselves first (typo3_runtime.php against the facts of real TYPO3).
        php -d extension="$PWD/modules/clusterfile.so" "$harness/runtime_selftest.php" "$spec" || fail=1
    fi
    php -d extension="$PWD/modules/clusterfile.so" "$harness/scenarios.php" "$store" ${CF_SCENARIO:+"$CF_SCENARIO"} || fail=1
    if [ "$store" != sqlite ]; then
        "$harness/servers.sh" stop "$store" >/dev/null 2>&1 || true
        unset 'started[-1]'
    fi
done
exit $fail
