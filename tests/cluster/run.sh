#!/usr/bin/env bash
# The cluster suite: pods as real PHP processes (tests/cluster/harness) on each metadata store.
# Starts redis-server and MariaDB on loopback for the run and stops them afterwards.
#   tests/cluster/run.sh [sqlite] [mariadb] [redis]     (default: all three)
# Per store: the stand-in self-test (harness/runtime_selftest.php), then the scenarios
# (CF_SCENARIO=<substring> runs only the matching ones).
set -euo pipefail
cd "$(dirname "$0")/../.."
stores=("$@")
[ ${#stores[@]} -gt 0 ] || stores=(sqlite mariadb redis)
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
    # The TYPO3 stand-ins themselves first (typo3_runtime.php against the facts of real TYPO3).
    php -d extension="$PWD/modules/clusterfile.so" "$harness/runtime_selftest.php" "$spec" || fail=1
    php -d extension="$PWD/modules/clusterfile.so" "$harness/scenarios.php" "$store" ${CF_SCENARIO:+"$CF_SCENARIO"} || fail=1
done
exit $fail
