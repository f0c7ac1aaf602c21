#!/usr/bin/env bash
# The chaos suite (issue 13).
#
#   ./chaos.sh [case ...] [--repetitions=N] [--name=value ...]
#   ./chaos.sh stop          stops the suite's own RabbitMQ node and PostgreSQL cluster
#
# Cases: 1 RabbitMQ restarted, 2 PostgreSQL restarted, 3 service SIGKILL, 4 one of two service instances SIGKILL,
# 5 consumer host SIGKILL (W5), 6 SIGTERM to the service (6a) and to the consumer host (6b), 7 the API burst;
# none named runs them all, each --repetitions times (default 5).
#
# The suite stops and starts a broker and a database, so it never uses the shared ones (RabbitMQ on 5672,
# PostgreSQL 15/main on 5432) that tests and other benchmarks run against. As root on Debian, with the
# rabbitmq-server and postgresql packages installed, it creates and starts its own on first use:
#   - a second RabbitMQ node, chaos@localhost: AMQP on $CHAOS_RABBITMQ_PORT (5673), management on
#     $CHAOS_RABBITMQ_MANAGEMENT_PORT (15673), Erlang distribution on $CHAOS_RABBITMQ_DIST_PORT (25673), its data and
#     logs under $CHAOS_DIR/rabbitmq (/tmp/scheduler-chaos), run as the rabbitmq user with that user's cookie;
#   - a second PostgreSQL cluster, <version>/chaos on $CHAOS_POSTGRES_PORT (5433), made with pg_createcluster, with
#     Debian's defaults (max_connections 100) and the password postgres for the postgres role.
# What this script started it stops when the suite ends; what was already running it leaves running.
# Then it builds the solution in Release, runs the cases (the service and the consumer host as processes of their
# own, on a fresh database and virtual host each time), prints a table and writes bench/results/chaos-<time>.json.
# Exits 0 when every repetition of every case met its targets.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"

CHAOS_DIR="${CHAOS_DIR:-/tmp/scheduler-chaos}"
RABBIT_NODE="chaos@localhost"
RABBIT_PORT="${CHAOS_RABBITMQ_PORT:-5673}"
RABBIT_MANAGEMENT_PORT="${CHAOS_RABBITMQ_MANAGEMENT_PORT:-15673}"
RABBIT_DIST_PORT="${CHAOS_RABBITMQ_DIST_PORT:-25673}"
PG_CLUSTER="chaos"
PG_PORT="${CHAOS_POSTGRES_PORT:-5433}"
PG_PASSWORD=postgres

export DOTNET_NOLOGO="${DOTNET_NOLOGO:-1}"
export DOTNET_CLI_TELEMETRY_OPTOUT="${DOTNET_CLI_TELEMETRY_OPTOUT:-1}"

log() { printf 'chaos.sh: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

[[ "$(id -u)" -eq 0 ]] || die "run as root: the suite starts, stops and restarts its own RabbitMQ node and PostgreSQL cluster"
command -v rabbitmqctl >/dev/null 2>&1 || die "rabbitmq-server is not installed (apt-get install -y rabbitmq-server, or run ./test.sh once)"
command -v pg_ctlcluster >/dev/null 2>&1 || die "postgresql is not installed (apt-get install -y postgresql, or run ./test.sh once)"

PG_VERSION="$(find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -type d -printf '%f\n' | sort -V | tail -n 1)"
[[ -n "$PG_VERSION" ]] || die "no PostgreSQL version under /usr/lib/postgresql"

rabbit_ctl() { rabbitmqctl -n "$RABBIT_NODE" "$@"; }
rabbit_node_up() { timeout 20 rabbitmqctl -n "$RABBIT_NODE" -q ping >/dev/null 2>&1; }
pg_running() { pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" status >/dev/null 2>&1; }

STARTED_RABBIT=0
STARTED_PG=0

ensure_rabbitmq() {
    if rabbit_node_up; then
        log "RabbitMQ node $RABBIT_NODE already running"
    else
        local dir="$CHAOS_DIR/rabbitmq"
        mkdir -p "$dir"
        printf 'listeners.tcp.default = %s\nmanagement.tcp.port = %s\n' "$RABBIT_PORT" "$RABBIT_MANAGEMENT_PORT" >"$dir/rabbitmq.conf"
        echo '[rabbitmq_management].' >"$dir/enabled_plugins"
        chown -R rabbitmq:rabbitmq "$dir"
        log "starting RabbitMQ node $RABBIT_NODE (AMQP $RABBIT_PORT, management $RABBIT_MANAGEMENT_PORT, data $dir)..."
        # The rabbitmq user's HOME holds the Erlang cookie rabbitmqctl uses, so the CLI reaches this node too.
        su rabbitmq -s /bin/sh -c "cd /var/lib/rabbitmq && HOME=/var/lib/rabbitmq \
            RABBITMQ_NODENAME=$RABBIT_NODE RABBITMQ_NODE_PORT=$RABBIT_PORT RABBITMQ_DIST_PORT=$RABBIT_DIST_PORT \
            RABBITMQ_CONFIG_FILE=$dir/rabbitmq.conf RABBITMQ_ENABLED_PLUGINS_FILE=$dir/enabled_plugins \
            RABBITMQ_MNESIA_BASE=$dir/mnesia RABBITMQ_LOG_BASE=$dir/log RABBITMQ_PID_FILE=$dir/$RABBIT_NODE.pid \
            /usr/lib/rabbitmq/bin/rabbitmq-server -detached"
        STARTED_RABBIT=1
        local deadline=$((SECONDS + 60))
        until rabbit_node_up; do
            ((SECONDS < deadline)) || die "RabbitMQ node $RABBIT_NODE did not start within 60 s; see $dir/log"
            sleep 1
        done
    fi
    # An interrupted run may have left the broker stopped inside its node.
    rabbit_ctl -q start_app >/dev/null
    timeout 90 rabbitmqctl -n "$RABBIT_NODE" -q await_startup --timeout 60 >/dev/null
}

ensure_postgres() {
    if [[ ! -d "/etc/postgresql/$PG_VERSION/$PG_CLUSTER" ]]; then
        log "creating PostgreSQL cluster $PG_VERSION/$PG_CLUSTER on port $PG_PORT..."
        pg_createcluster "$PG_VERSION" "$PG_CLUSTER" -p "$PG_PORT" >/dev/null
    fi
    if pg_running; then
        log "PostgreSQL cluster $PG_VERSION/$PG_CLUSTER already running"
    else
        log "starting PostgreSQL cluster $PG_VERSION/$PG_CLUSTER..."
        pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" start
        STARTED_PG=1
    fi
    if ! PGPASSWORD="$PG_PASSWORD" PGCONNECT_TIMEOUT=5 psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -Atqc 'SELECT 1' >/dev/null 2>&1; then
        log "setting the postgres role's password..."
        (cd / && su postgres -c "psql -p $PG_PORT -v ON_ERROR_STOP=1 -Atqc \"ALTER USER postgres PASSWORD '$PG_PASSWORD'\"") >/dev/null
    fi
}

stop_rabbitmq() { rabbit_node_up && rabbit_ctl -q stop >/dev/null || true; }
stop_postgres() { pg_running && pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" stop -m fast || true; }

if [[ "${1:-}" == stop ]]; then
    stop_rabbitmq
    stop_postgres
    log "stopped $RABBIT_NODE and $PG_VERSION/$PG_CLUSTER"
    exit 0
fi

on_exit() {
    ((STARTED_RABBIT)) && { log "stopping RabbitMQ node $RABBIT_NODE"; stop_rabbitmq; }
    ((STARTED_PG)) && { log "stopping PostgreSQL cluster $PG_VERSION/$PG_CLUSTER"; stop_postgres; }
    return 0
}
trap on_exit EXIT

# What an interrupted run left on the suite's own instances (never the shared ones).
remove_leftovers() {
    local name
    for name in $(rabbit_ctl -q list_vhosts name 2>/dev/null | grep '^scheduler-bench-' || true); do
        rabbit_ctl -q delete_vhost "$name" >/dev/null
    done
    for name in $(PGPASSWORD="$PG_PASSWORD" psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -Atqc \
        "SELECT datname FROM pg_database WHERE datname LIKE 'scheduler_bench_%'"); do
        PGPASSWORD="$PG_PASSWORD" psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -Atqc "DROP DATABASE \"$name\" WITH (FORCE)" >/dev/null
    done
}

ensure_rabbitmq
ensure_postgres
remove_leftovers

export ConnectionStrings__rabbitmq="amqp://guest:guest@127.0.0.1:${RABBIT_PORT}/"
export ConnectionStrings__postgres="Host=127.0.0.1;Port=${PG_PORT};Username=postgres;Password=${PG_PASSWORD};Database=postgres"
export RABBITMQ_MANAGEMENT_URL="http://127.0.0.1:${RABBIT_MANAGEMENT_PORT}/api/"

dotnet build Scheduler.sln -c Release --nologo -v quiet
dotnet bench/Scheduler.Bench/bin/Release/net10.0/Scheduler.Bench.dll chaos "$@" --repository="$PWD" \
    --rabbitmqNode="$RABBIT_NODE" --postgresCluster="$PG_VERSION/$PG_CLUSTER"
