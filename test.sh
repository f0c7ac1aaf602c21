#!/usr/bin/env bash
# The project's one test command.
#
#   ./test.sh
#
# 1. Makes RabbitMQ and PostgreSQL available, unless both connection strings are
#    already given in the environment:
#      ConnectionStrings__rabbitmq   e.g. amqp://guest:guest@127.0.0.1:5672/
#      ConnectionStrings__postgres   e.g. Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres;Database=scheduler
#    A service already answering on 127.0.0.1 is used as it is. Otherwise, as root
#    on Debian, the distribution packages are installed (if missing) and started;
#    failing that, `docker compose up -d rabbitmq postgres` is used.
#    The dashboard's browser tests drive Debian's `chromium` package (installed
#    when missing, as root on Debian), or the executable in $SCHEDULER_CHROMIUM.
# 2. Runs `dotnet test Scheduler.sln -c Release`, writing TRX files to $RESULTS_DIR
#    (default ./TestResults, emptied first), and the dashboard's screenshots to
#    $RESULTS_DIR/dashboard.
# 3. Prints, as its last line, "N passed, N failed" (plus ", N skipped" when some
#    tests were skipped) and exits non-zero if the run failed, any test failed,
#    or no test passed.
#
# Environment:
#   TEST_SH_DRY_RUN=1   do step 1, print the connection strings, exit 0.
#   RESULTS_DIR=path    where TRX files go (emptied first).
#   SERVICE_WAIT_SECONDS=60  how long to wait for each service to answer.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"
REPO_ROOT="$(pwd)"

RESULTS_DIR="${RESULTS_DIR:-$REPO_ROOT/TestResults}"
SERVICE_WAIT_SECONDS="${SERVICE_WAIT_SECONDS:-60}"

RABBIT_HOST=127.0.0.1
RABBIT_PORT=5672
PG_HOST=127.0.0.1
PG_PORT=5432
PG_PASSWORD=postgres
PG_DATABASE=scheduler

DEFAULT_RABBIT_CS="amqp://guest:guest@${RABBIT_HOST}:${RABBIT_PORT}/"
DEFAULT_PG_CS="Host=${PG_HOST};Port=${PG_PORT};Username=postgres;Password=${PG_PASSWORD};Database=${PG_DATABASE}"

export DOTNET_NOLOGO="${DOTNET_NOLOGO:-1}"
export DOTNET_CLI_TELEMETRY_OPTOUT="${DOTNET_CLI_TELEMETRY_OPTOUT:-1}"

log() { printf 'test.sh: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

# ---------------------------------------------------------------------------
# Probes
# ---------------------------------------------------------------------------

# tcp_open HOST PORT: true if something accepts a TCP connection there.
tcp_open() {
    timeout 3 bash -c "exec 3<>/dev/tcp/$1/$2" 2>/dev/null
}

rabbit_up() { tcp_open "$RABBIT_HOST" "$RABBIT_PORT"; }

pg_up() {
    if command -v pg_isready >/dev/null 2>&1; then
        pg_isready -q -h "$PG_HOST" -p "$PG_PORT" -t 3
    else
        tcp_open "$PG_HOST" "$PG_PORT"
    fi
}

# wait_for NAME PROBE: poll PROBE once a second for up to SERVICE_WAIT_SECONDS.
wait_for() {
    local name="$1" probe="$2" i
    for ((i = 0; i < SERVICE_WAIT_SECONDS; i++)); do
        if "$probe"; then
            log "$name is up"
            return 0
        fi
        sleep 1
    done
    die "$name did not answer within ${SERVICE_WAIT_SECONDS}s"
}

is_root() { [[ "$(id -u)" -eq 0 ]]; }
is_debian() { [[ -f /etc/debian_version ]] && command -v apt-get >/dev/null 2>&1; }
docker_usable() { command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; }

# Installs the distribution packages as root on Debian; true if we can run them natively.
can_run_natively() { is_root && is_debian; }

APT_UPDATED=0
apt_install() {
    if [[ "$APT_UPDATED" -eq 0 ]]; then
        log "apt-get update..."
        apt-get -o DPkg::Lock::Timeout=120 update -q
        APT_UPDATED=1
    fi
    log "installing $*..."
    # No systemd/init here: postinst messages such as "invoke-rc.d: policy-rc.d
    # denied execution of start" are expected; the services are started below.
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=120 install -y -q "$@"
}

docker_compose() {
    if docker compose version >/dev/null 2>&1; then
        docker compose "$@"
    elif command -v docker-compose >/dev/null 2>&1; then
        docker-compose "$@"
    else
        die "docker is running but neither 'docker compose' nor 'docker-compose' is available"
    fi
}

# ---------------------------------------------------------------------------
# RabbitMQ
# ---------------------------------------------------------------------------

rabbit_node_up() { timeout 20 rabbitmq-diagnostics -q ping >/dev/null 2>&1; }

start_rabbitmq_native() {
    if ! command -v rabbitmq-server >/dev/null 2>&1; then
        apt_install rabbitmq-server
    fi
    # Writes /etc/rabbitmq/enabled_plugins; a no-op when already enabled.
    rabbitmq-plugins enable --offline rabbitmq_management >/dev/null
    if rabbit_node_up; then
        log "RabbitMQ node already running, waiting for it..."
    else
        log "starting RabbitMQ..."
        rabbitmq-server -detached
        # await_startup fails at once if the Erlang node is not up yet, so wait for that first.
        local deadline=$((SECONDS + SERVICE_WAIT_SECONDS))
        until rabbit_node_up; do
            ((SECONDS < deadline)) || die "RabbitMQ node did not start within ${SERVICE_WAIT_SECONDS}s; see /var/log/rabbitmq/"
            sleep 2
        done
    fi
    timeout $((SERVICE_WAIT_SECONDS + 30)) rabbitmqctl -q await_startup --timeout "$SERVICE_WAIT_SECONDS" >/dev/null \
        || log "rabbitmqctl await_startup did not confirm startup; probing the port"
}

ensure_rabbitmq() {
    if rabbit_up; then
        log "RabbitMQ already answering on ${RABBIT_HOST}:${RABBIT_PORT}"
    elif can_run_natively; then
        start_rabbitmq_native
        wait_for RabbitMQ rabbit_up
    elif docker_usable; then
        log "starting RabbitMQ with docker compose..."
        docker_compose up -d rabbitmq
        wait_for RabbitMQ rabbit_up
    else
        die "RabbitMQ is not reachable on ${RABBIT_HOST}:${RABBIT_PORT}; run as root on Debian, start docker, or set ConnectionStrings__rabbitmq"
    fi
    export ConnectionStrings__rabbitmq="$DEFAULT_RABBIT_CS"
}

# ---------------------------------------------------------------------------
# PostgreSQL
# ---------------------------------------------------------------------------

# The newest installed major version, e.g. 15 (empty if none).
pg_installed_version() {
    local v
    v="$(find /etc/postgresql -mindepth 2 -maxdepth 2 -name main -type d 2>/dev/null \
        | sed -E 's#^/etc/postgresql/([^/]+)/main$#\1#' | sort -V | tail -n 1)"
    if [[ -z "$v" ]]; then
        v="$(find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -type d -printf '%f\n' 2>/dev/null \
            | sort -V | tail -n 1)"
    fi
    printf '%s' "$v"
}

# Runs psql as the postgres OS user over the Unix socket (peer auth).
psql_as_postgres() {
    (cd / && su postgres -c "psql -v ON_ERROR_STOP=1 -Atq -c \"$1\"")
}

start_postgres_native() {
    if ! command -v pg_ctlcluster >/dev/null 2>&1; then
        apt_install postgresql
    fi
    local version
    version="$(pg_installed_version)"
    [[ -n "$version" ]] || die "PostgreSQL is installed but no version was found under /etc/postgresql or /usr/lib/postgresql"
    if [[ ! -d "/etc/postgresql/$version/main" ]]; then
        log "creating PostgreSQL $version cluster 'main'..."
        pg_createcluster "$version" main
    fi
    if pg_ctlcluster "$version" main status >/dev/null 2>&1; then
        log "PostgreSQL $version/main already running, waiting for it..."
    else
        log "starting PostgreSQL $version/main..."
        pg_ctlcluster "$version" main start
    fi
}

# psql with the password from the connection string, over TCP.
psql_tcp() {
    PGPASSWORD="$PG_PASSWORD" PGCONNECT_TIMEOUT=5 \
        psql -h "$PG_HOST" -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -Atq -c "$1"
}

# Makes the postgres role's password 'postgres' and creates the database, both
# only if needed. Needs psql; skipped quietly without it (EF Core can create the
# database itself).
prepare_postgres() {
    command -v psql >/dev/null 2>&1 || return 0
    if ! psql_tcp 'SELECT 1' >/dev/null 2>&1; then
        if is_root && id postgres >/dev/null 2>&1; then
            log "setting the postgres role's password..."
            psql_as_postgres "ALTER USER postgres PASSWORD '${PG_PASSWORD}'" >/dev/null
        fi
        psql_tcp 'SELECT 1' >/dev/null 2>&1 \
            || die "cannot log in to PostgreSQL on ${PG_HOST}:${PG_PORT} as postgres/${PG_PASSWORD}; set ConnectionStrings__postgres"
    fi
    if [[ -z "$(psql_tcp "SELECT 1 FROM pg_database WHERE datname = '${PG_DATABASE}'")" ]]; then
        log "creating database ${PG_DATABASE}..."
        psql_tcp "CREATE DATABASE ${PG_DATABASE}" >/dev/null
    fi
}

ensure_postgres() {
    if pg_up; then
        log "PostgreSQL already answering on ${PG_HOST}:${PG_PORT}"
    elif can_run_natively; then
        start_postgres_native
        wait_for PostgreSQL pg_up
    elif docker_usable; then
        log "starting PostgreSQL with docker compose..."
        docker_compose up -d postgres
        wait_for PostgreSQL pg_up
    else
        die "PostgreSQL is not reachable on ${PG_HOST}:${PG_PORT}; run as root on Debian, start docker, or set ConnectionStrings__postgres"
    fi
    prepare_postgres
    export ConnectionStrings__postgres="$DEFAULT_PG_CS"
}

# ---------------------------------------------------------------------------
# TRX summary
# ---------------------------------------------------------------------------

# trx_counter FILE NAME: the value of attribute NAME on the file's <Counters> element (0 if absent).
trx_counter() {
    local v
    v="$(tr '\n' ' ' <"$1" | grep -o '<Counters[^>]*>' | head -n 1 \
        | grep -oE "[[:space:]]$2=\"[0-9]+\"" | grep -oE '[0-9]+' || true)"
    printf '%s' "${v:-0}"
}

# summarize_trx DIR: prints "passed failed skipped files" summed over DIR/**/*.trx.
# "failed" also counts the error/timeout/aborted outcomes, so a broken run never reads as green.
# Skipped tests: the VSTest TRX logger leaves notExecuted at 0 for them and only
# counts them in total but not in executed, so skipped = max(notExecuted, total - executed).
summarize_trx() {
    local dir="$1" passed=0 failed=0 skipped=0 files=0 f c not_run
    while IFS= read -r -d '' f; do
        files=$((files + 1))
        passed=$((passed + $(trx_counter "$f" passed)))
        for c in failed error timeout aborted; do
            failed=$((failed + $(trx_counter "$f" "$c")))
        done
        not_run=$(($(trx_counter "$f" total) - $(trx_counter "$f" executed)))
        ((not_run >= 0)) || not_run=0
        c=$(trx_counter "$f" notExecuted)
        skipped=$((skipped + (c > not_run ? c : not_run)))
    done < <(find "$dir" -type f -name '*.trx' -print0 2>/dev/null)
    printf '%s %s %s %s\n' "$passed" "$failed" "$skipped" "$files"
}

# ---------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------

# On a fresh machine, install both packages in one apt-get run rather than two.
preinstall_packages() {
    can_run_natively || return 0
    local missing=()
    if [[ -z "${ConnectionStrings__rabbitmq:-}" ]] && ! command -v rabbitmq-server >/dev/null 2>&1 && ! rabbit_up; then
        missing+=(rabbitmq-server)
    fi
    if [[ -z "${ConnectionStrings__postgres:-}" ]] && ! command -v pg_ctlcluster >/dev/null 2>&1 && ! pg_up; then
        missing+=(postgresql)
    fi
    if [[ -z "${SCHEDULER_CHROMIUM:-}" ]] && ! command -v chromium >/dev/null 2>&1; then
        missing+=(chromium)
    fi
    if ((${#missing[@]} > 0)); then
        apt_install "${missing[@]}"
    fi
}

# The browser for the dashboard's tests (Playwright's own download is not reachable everywhere).
ensure_chromium() {
    if [[ -n "${SCHEDULER_CHROMIUM:-}" ]]; then
        log "using the browser in SCHEDULER_CHROMIUM: $SCHEDULER_CHROMIUM"
        return 0
    fi
    local candidate
    for candidate in chromium chromium-browser google-chrome google-chrome-stable; do
        if command -v "$candidate" >/dev/null 2>&1; then
            SCHEDULER_CHROMIUM="$(command -v "$candidate")"
            export SCHEDULER_CHROMIUM
            log "dashboard browser tests use $SCHEDULER_CHROMIUM"
            return 0
        fi
    done
    log "no chromium found (install Debian's 'chromium' or set SCHEDULER_CHROMIUM): the dashboard's browser tests will fail"
}

SUMMARY_PRINTED=0
# Any failure before the tests ran (services, apt-get, ...) still ends with a summary line.
on_exit() {
    local rc=$?
    if [[ "$rc" -ne 0 && "$SUMMARY_PRINTED" -eq 0 ]]; then
        echo "0 passed, 1 failed"
    fi
}

main() {
    trap on_exit EXIT
    preinstall_packages
    if [[ -n "${ConnectionStrings__rabbitmq:-}" ]]; then
        log "using ConnectionStrings__rabbitmq from the environment"
    else
        ensure_rabbitmq
    fi
    if [[ -n "${ConnectionStrings__postgres:-}" ]]; then
        log "using ConnectionStrings__postgres from the environment"
    else
        ensure_postgres
    fi
    export ConnectionStrings__rabbitmq ConnectionStrings__postgres

    if [[ "${TEST_SH_DRY_RUN:-}" == 1 ]]; then
        echo "ConnectionStrings__rabbitmq=${ConnectionStrings__rabbitmq}"
        echo "ConnectionStrings__postgres=${ConnectionStrings__postgres}"
        log "dry run: not running tests"
        exit 0
    fi

    ensure_chromium
    rm -rf "$RESULTS_DIR"
    mkdir -p "$RESULTS_DIR"
    export SCHEDULER_TEST_RESULTS="$RESULTS_DIR"

    log "running dotnet test (results in $RESULTS_DIR)..."
    local rc=0
    dotnet test Scheduler.sln -c Release \
        --logger "trx;LogFilePrefix=results" \
        --logger "console;verbosity=normal" \
        --results-directory "$RESULTS_DIR" || rc=$?
    log "dotnet test exited with $rc"

    local passed failed skipped files
    read -r passed failed skipped files < <(summarize_trx "$RESULTS_DIR")

    if [[ "$files" -eq 0 ]]; then
        log "no TRX file was produced (did the build fail?)"
        SUMMARY_PRINTED=1
        echo "0 passed, 1 failed"
        exit 1
    fi

    local summary="${passed} passed, ${failed} failed"
    if [[ "$skipped" -gt 0 ]]; then
        summary+=", ${skipped} skipped"
    fi

    local status=0
    if [[ "$rc" -ne 0 || "$failed" -gt 0 || "$passed" -eq 0 ]]; then
        status=1
    fi
    SUMMARY_PRINTED=1
    echo "$summary"
    exit "$status"
}

# Sourcing the script (e.g. to test summarize_trx) defines the functions only.
if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
    main "$@"
fi
