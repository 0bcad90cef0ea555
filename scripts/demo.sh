#!/usr/bin/env bash
# The main job: a multi-pod demo of clusterfile. Installs what is missing (Debian), builds the
# extension, and runs examples/demo.php: 3 pods (PHP processes with their own payload
# directories) on one metadata store.
#   bash scripts/demo.sh                      embedded default: TYPO3's database backend on SQLite
#   bash scripts/demo.sh --metadata=redis     redis-server on loopback (started and stopped here)
#   bash scripts/demo.sh --metadata=mariadb   MariaDB on loopback (started and stopped here)
#   bash scripts/demo.sh --metadata=native    the extension's own metadata path (metadataDsn, hiredis)
#                                             on a redis-server on loopback (started and stopped here)
# Further options go to examples/demo.php (--pods=N, --requests=N).
set -euo pipefail
cd "$(dirname "$0")/.."
metadata=sqlite
for arg in "$@"; do
    case "$arg" in --metadata=*) metadata=${arg#--metadata=} ;; esac
done
case "$metadata" in sqlite|redis|mariadb|native) ;; *) echo "demo: --metadata must be sqlite, redis, mariadb or native" >&2; exit 2 ;; esac
CF_WITH_SERVERS=$([ "$metadata" = sqlite ] && echo 0 || echo 1) scripts/deps.sh
scripts/build.sh
if [ "$metadata" != sqlite ]; then
    tests/cluster/harness/servers.sh start "$metadata" >/dev/null
    trap 'tests/cluster/harness/servers.sh stop '"$metadata"' >/dev/null 2>&1 || true' EXIT
fi
php -d extension="$PWD/modules/clusterfile.so" examples/demo.php "$@"
