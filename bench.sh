#!/usr/bin/env bash
# The benchmark suite.
#
#   ./bench.sh [workload ...] [--name=value ...]
#
# Workloads: baseline (the raw bus), W1 immediate, W2 delayed burst, W3 delayed spread, W4 recurring, W5 crash,
# W6 scale, W7 API;
# none named runs them all. Parameters override the defaults, for example `./bench.sh W1 --jobs=5000 --concurrency=32`.
#
# Starts RabbitMQ and PostgreSQL as ./test.sh does (or uses the two connection strings from the environment),
# builds the solution in Release, and for each workload runs the service and a consumer host as separate processes
# on a fresh database and virtual host. Prints a table and writes bench/results/bench-<time>.json.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"

if [[ -z "${ConnectionStrings__rabbitmq:-}" || -z "${ConnectionStrings__postgres:-}" ]]; then
    while IFS='=' read -r name value; do
        [[ "$name" == ConnectionStrings__* ]] && export "$name=$value"
    done < <(TEST_SH_DRY_RUN=1 ./test.sh)
fi

dotnet build Scheduler.sln -c Release --nologo -v quiet
exec dotnet bench/Scheduler.Bench/bin/Release/net10.0/Scheduler.Bench.dll "$@" --repository="$PWD"
