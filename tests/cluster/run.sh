#!/usr/bin/env bash
# The cluster suite: pods as real PHP processes (tests/cluster/harness) on each metadata store.
# Starts redis-server and MariaDB on loopback for the run and stops them afterwards.
#   tests/cluster/run.sh [sqlite] [mariadb] [redis]     (default: all three)
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
    if [ "$store" != sqlite ]; then
        "$harness/servers.sh" start "$store" >/dev/null
        started+=("$store")
    fi
    php -d extension="$PWD/modules/clusterfile.so" "$harness/scenarios.php" "$store" || fail=1
done
exit $fail
