#!/usr/bin/env bash
# Throwaway PostgreSQL cluster on loopback for tests, used by .ci/run and by hand:
#
#   bash .ci/postgres.sh start    # prints the DATABASE_URL to export, so
#   eval "$(bash .ci/postgres.sh start)" && make test
#   bash .ci/postgres.sh stop     # stops the server and deletes the cluster
#
# Trust auth, 127.0.0.1 only, unix socket inside the cluster directory, durability
# off (it is deleted afterwards). Port: MOIT_PG_PORT (default 54329).
set -euo pipefail

PORT="${MOIT_PG_PORT:-54329}"
# Fixed per port so `stop` finds what `start` made; under /tmp so the postgres
# user can reach it even when root's TMPDIR is private.
DIR="/tmp/moit-pg-$PORT"
DATA="$DIR/data"
DB=moit
URL="postgres://postgres@127.0.0.1:$PORT/$DB"

pg_bin() {
    local bin
    bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
    if [[ -z "$bin" || ! -x "$bin/initdb" ]]; then
        echo "postgres.sh: no PostgreSQL server found under /usr/lib/postgresql" \
            "(apt-get install postgresql)" >&2
        exit 1
    fi
    echo "$bin"
}

# initdb and postgres refuse to run as root: drop to the postgres user then.
as_owner() {
    if [[ "$(id -u)" == 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

is_running() {
    [[ -f "$DATA/PG_VERSION" ]] && as_owner "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1
}

start() {
    if is_running; then
        echo "PostgreSQL already running in $DIR" >&2
    else
        rm -rf "$DIR" # left over from a run that was killed
        mkdir -p "$DIR"
        if [[ "$(id -u)" == 0 ]]; then
            chown postgres: "$DIR"
        fi
        as_owner "$BIN/initdb" -D "$DATA" -U postgres -A trust -E UTF8 --locale=C.UTF-8 \
            --no-sync >"$DIR/initdb.log" 2>&1 || {
            cat "$DIR/initdb.log" >&2
            exit 1
        }
        local opts="-c listen_addresses=127.0.0.1 -p $PORT -c unix_socket_directories=$DIR"
        opts+=" -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        as_owner "$BIN/pg_ctl" -D "$DATA" -l "$DIR/server.log" -w -t 60 -o "$opts" start \
            >/dev/null || {
            cat "$DIR/server.log" >&2
            exit 1
        }
        as_owner "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres "$DB"
        echo "PostgreSQL $("$BIN/postgres" --version | awk '{print $3}') started in $DIR" >&2
    fi
    echo "export DATABASE_URL=$URL"
}

stop() {
    if is_running; then
        as_owner "$BIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null
        echo "PostgreSQL in $DIR stopped" >&2
    fi
    rm -rf "$DIR"
}

BIN="$(pg_bin)"
case "${1:-}" in
    start) start ;;
    stop) stop ;;
    *)
        echo "usage: $0 start|stop" >&2
        exit 2
        ;;
esac
