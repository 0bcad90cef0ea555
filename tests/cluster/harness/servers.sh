#!/usr/bin/env bash
# Starts/stops the metadata servers the cluster suite and the demo use, on loopback only, with
# their data in a throw-away directory.
#   servers.sh start redis|native|mariadb    prints the CF_STORE string for pod.php
#   servers.sh stop  redis|native|mariadb
#   servers.sh kill  redis|native|mariadb    SIGKILL (the "store dies mid-run" scenario)
# "native" is the extension's own metadata path (metadataDsn) over the same redis-server as
# "redis": one server, only the CF_STORE string differs.
set -euo pipefail
action=$1
kind=$2
store=$kind
[ "$kind" = native ] && kind=redis
base=${CF_SERVER_DIR:-/tmp/clusterfile-servers}
redis_port=${CF_REDIS_PORT:-6391}
maria_port=${CF_MARIADB_PORT:-3391}
mkdir -p "$base"

wait_for() { # wait_for SECONDS CMD...
    local t=$1; shift
    for _ in $(seq 1 $((t * 10))); do "$@" >/dev/null 2>&1 && return 0; sleep 0.1; done
    return 1
}

case "$kind:$action" in
redis:start)
    command -v redis-server >/dev/null || { echo "redis-server not installed (apt-get install redis-server)" >&2; exit 2; }
    mkdir -p "$base/redis"
    redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
        --dir "$base/redis" --pidfile "$base/redis/redis.pid" --logfile "$base/redis/redis.log"
    wait_for 10 redis-cli -p "$redis_port" ping || { echo "redis did not start" >&2; exit 1; }
    echo "$store:127.0.0.1:$redis_port:0"
    ;;
redis:stop|redis:kill)
    if [ -f "$base/redis/redis.pid" ]; then
        sig=TERM; [ "$action" = kill ] && sig=KILL
        kill -s "$sig" "$(cat "$base/redis/redis.pid")" 2>/dev/null || true
        wait_for 10 sh -c "! redis-cli -p $redis_port ping" || true
        rm -f "$base/redis/redis.pid"
    fi
    ;;
mariadb:start)
    command -v mariadbd >/dev/null || { echo "mariadb-server not installed (apt-get install mariadb-server)" >&2; exit 2; }
    d="$base/mariadb"
    mkdir -p "$d"
    if [ ! -d "$d/data/mysql" ]; then
        mariadb-install-db --no-defaults --datadir="$d/data" --user="$(id -un)" \
            --auth-root-authentication-method=normal --skip-test-db >"$d/install.log" 2>&1
    fi
    mariadbd --no-defaults --datadir="$d/data" --socket="$d/sock" --port="$maria_port" \
        --bind-address=127.0.0.1 --pid-file="$d/mariadb.pid" --user="$(id -un)" \
        --skip-name-resolve --innodb-buffer-pool-size=64M --log-error="$d/error.log" >/dev/null 2>&1 &
    wait_for 30 mariadb --no-defaults -h127.0.0.1 -P"$maria_port" -uroot -e 'SELECT 1' || { echo "mariadb did not start" >&2; tail -5 "$d/error.log" >&2; exit 1; }
    mariadb --no-defaults -h127.0.0.1 -P"$maria_port" -uroot -e 'CREATE DATABASE IF NOT EXISTS clusterfile'
    echo "mariadb:127.0.0.1:$maria_port:clusterfile"
    ;;
mariadb:stop|mariadb:kill)
    d="$base/mariadb"
    if [ -f "$d/mariadb.pid" ]; then
        sig=TERM; [ "$action" = kill ] && sig=KILL
        kill -s "$sig" "$(cat "$d/mariadb.pid")" 2>/dev/null || true
        wait_for 30 sh -c "! mariadb --no-defaults -h127.0.0.1 -P$maria_port -uroot -e 'SELECT 1'" || true
        rm -f "$d/mariadb.pid"
    fi
    ;;
*)
    echo "usage: servers.sh start|stop|kill redis|native|mariadb" >&2
    exit 2
    ;;
esac
