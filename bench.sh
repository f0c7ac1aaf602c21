#!/usr/bin/env bash
# The benchmark suite.
#
#   ./bench.sh [workload ...] [--name=value ...]
#   ./bench.sh stop          stops the bench's own PostgreSQL cluster
#
# Workloads: baseline (the raw bus), W1 immediate, W1-bulk (ScheduleJobs, 1,000 jobs a message), W2 delayed burst,
# W3 delayed spread, W4 recurring, W5 crash, W6 scale, W7 API;
# none named runs them all. Parameters override the defaults, for example `./bench.sh W1 --jobs=5000 --concurrency=32`.
# Each workload runs --runs=N times (3; W6 once) and its figures are the medians of the runs.
#
# PostgreSQL: as root on Debian with the postgresql package installed, the bench uses a cluster of its own,
# <version>/bench on $BENCH_POSTGRES_PORT (5434), made with pg_createcluster on first use and started with
# pg_stat_statements loaded, so that it can count SQL statements per job and the PostgreSQL CPU it reports is the
# bench's alone; it stops that cluster at the end when it started it. Elsewhere it uses PostgreSQL as ./test.sh does.
# RabbitMQ: as ./test.sh does (the shared node on 5672). ConnectionStrings__postgres and ConnectionStrings__rabbitmq
# in the environment override both.
#
# Builds the solution in Release, and for each workload runs the service and a consumer host as separate processes
# on a fresh database and virtual host. Prints a table and writes bench/results/bench-<time>.json.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"

PG_CLUSTER="bench"
PG_PORT="${BENCH_POSTGRES_PORT:-5434}"
PG_PASSWORD=postgres
STARTED_PG=0

log() { printf 'bench.sh: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

own_cluster_possible() {
    [[ "$(id -u)" -eq 0 ]] && command -v pg_ctlcluster >/dev/null 2>&1 && command -v psql >/dev/null 2>&1 \
        && [[ -n "$(find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -type d 2>/dev/null)" ]]
}

PG_VERSION=""
if own_cluster_possible; then
    PG_VERSION="$(find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -type d -printf '%f\n' | sort -V | tail -n 1)"
fi

pg_running() { pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" status >/dev/null 2>&1; }
psql_bench() { PGPASSWORD="$PG_PASSWORD" PGCONNECT_TIMEOUT=5 PGOPTIONS='-c client_min_messages=warning' psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -Atqc "$1"; }
stop_postgres() { [[ -n "$PG_VERSION" ]] && pg_running && pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" stop -m fast || true; }

if [[ "${1:-}" == stop ]]; then
    stop_postgres
    log "stopped $PG_VERSION/$PG_CLUSTER"
    exit 0
fi

# The bench's own cluster: never the shared 15/main, which others use and which must not be restarted.
ensure_postgres() {
    local config="/etc/postgresql/$PG_VERSION/$PG_CLUSTER"
    if [[ ! -d "$config" ]]; then
        log "creating PostgreSQL cluster $PG_VERSION/$PG_CLUSTER on port $PG_PORT..."
        pg_createcluster "$PG_VERSION" "$PG_CLUSTER" -p "$PG_PORT" >/dev/null
    fi
    # Debian's postgresql.conf reads conf.d; loading a library takes a start of the server.
    printf "shared_preload_libraries = 'pg_stat_statements'\npg_stat_statements.max = 10000\n" >"$config/conf.d/bench.conf"
    chown postgres:postgres "$config/conf.d/bench.conf"
    if pg_running; then
        if [[ "$(psql_bench 'SHOW shared_preload_libraries' 2>/dev/null)" != *pg_stat_statements* ]]; then
            log "restarting PostgreSQL cluster $PG_VERSION/$PG_CLUSTER to load pg_stat_statements..."
            pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" restart -m fast
        else
            log "PostgreSQL cluster $PG_VERSION/$PG_CLUSTER already running"
        fi
    else
        log "starting PostgreSQL cluster $PG_VERSION/$PG_CLUSTER..."
        pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" start
        STARTED_PG=1
    fi
    if ! psql_bench 'SELECT 1' >/dev/null 2>&1; then
        log "setting the postgres role's password..."
        (cd / && su postgres -c "psql -p $PG_PORT -v ON_ERROR_STOP=1 -Atqc \"ALTER USER postgres PASSWORD '$PG_PASSWORD'\"") >/dev/null
    fi
    psql_bench 'CREATE EXTENSION IF NOT EXISTS pg_stat_statements' >/dev/null
    # What an interrupted run left behind on this cluster (never on a shared one); only when this run started it, since
    # on a running one the databases may be another run's.
    ((STARTED_PG)) || return 0
    local name
    for name in $(psql_bench "SELECT datname FROM pg_database WHERE datname LIKE 'scheduler_bench_%'"); do
        psql_bench "DROP DATABASE \"$name\" WITH (FORCE)" >/dev/null
    done
}

on_exit() {
    ((STARTED_PG)) && { log "stopping PostgreSQL cluster $PG_VERSION/$PG_CLUSTER"; stop_postgres; }
    return 0
}

if [[ -z "${ConnectionStrings__postgres:-}" && -n "$PG_VERSION" ]]; then
    trap on_exit EXIT
    ensure_postgres
    export ConnectionStrings__postgres="Host=127.0.0.1;Port=${PG_PORT};Username=postgres;Password=${PG_PASSWORD};Database=postgres"
fi

if [[ -z "${ConnectionStrings__rabbitmq:-}" || -z "${ConnectionStrings__postgres:-}" ]]; then
    while IFS='=' read -r name value; do
        [[ "$name" == ConnectionStrings__* ]] && export "$name=$value"
    done < <(TEST_SH_DRY_RUN=1 ./test.sh)
fi

dotnet build Scheduler.sln -c Release --nologo -v quiet
dotnet bench/Scheduler.Bench/bin/Release/net10.0/Scheduler.Bench.dll "$@" --repository="$PWD"
