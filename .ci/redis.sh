#!/usr/bin/env bash
# Throwaway Redis on loopback for tests and benchmarks, used by .ci/run and by hand:
#
#   eval "$(bash .ci/redis.sh start)"   # exports MOIT_TEST_REDIS_URL
#   bash .ci/redis.sh stop              # stops it and deletes its directory
#
# No persistence, 127.0.0.1 only, no password (nothing else can reach it).
# Port: MOIT_REDIS_PORT (default 63799). The multi-process cache test uses
# MOIT_TEST_REDIS_URL when set, else starts its own redis-server.
set -euo pipefail

PORT="${MOIT_REDIS_PORT:-63799}"
DIR="/tmp/moit-redis-$PORT"
URL="redis://127.0.0.1:$PORT/0"

if ! command -v redis-server >/dev/null; then
    echo "redis.sh: redis-server not found (apt-get install redis-server)" >&2
    exit 1
fi

is_running() {
    redis-cli -p "$PORT" ping >/dev/null 2>&1
}

start() {
    if is_running; then
        echo "Redis already running on port $PORT" >&2
    else
        rm -rf "$DIR"
        mkdir -p "$DIR"
        redis-server --bind 127.0.0.1 --port "$PORT" --save "" --appendonly no \
            --dir "$DIR" --daemonize yes --pidfile "$DIR/redis.pid" --logfile "$DIR/redis.log"
        for _ in $(seq 50); do
            is_running && break
            sleep 0.1
        done
        is_running || {
            cat "$DIR/redis.log" >&2
            exit 1
        }
        echo "Redis $(redis-server --version | sed 's/.*v=\([^ ]*\).*/\1/') started on port $PORT" >&2
    fi
    echo "export MOIT_TEST_REDIS_URL=$URL"
}

stop() {
    if is_running; then
        redis-cli -p "$PORT" shutdown nosave >/dev/null 2>&1 || true
        echo "Redis on port $PORT stopped" >&2
    fi
    rm -rf "$DIR"
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    *)
        echo "usage: $0 start|stop" >&2
        exit 2
        ;;
esac
