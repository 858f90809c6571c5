#!/usr/bin/env bash
# A local PostgreSQL for the web app's tests: installs Debian's server if it is missing, starts a cluster,
# creates the role and database `poserun_test`, and prints the URL for POSERUN_TEST_POSTGRES_URL on stdout
# (everything else goes to stderr). Idempotent; exits non-zero, saying why, when it cannot, and then the
# PostgreSQL test cases skip with that reason (scripts/test.sh).
#   export POSERUN_TEST_POSTGRES_URL="$(scripts/setup-postgres.sh)"
# The role may create databases and has a fixed password: it is for a test server on loopback only.
set -euo pipefail
say() { echo "setup-postgres.sh: $*" >&2; }

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi

# The versions whose server is installed (a client or libpq-dev alone leaves /usr/lib/postgresql/N too).
server_versions() {
    for server in /usr/lib/postgresql/*/bin/postgres; do
        if [ -x "$server" ]; then basename "$(dirname "$(dirname "$server")")"; fi
    done | sort -n
}
if ! command -v pg_lsclusters >/dev/null 2>&1 || [ -z "$(server_versions)" ]; then
    if ! command -v apt-get >/dev/null 2>&1; then
        say "no PostgreSQL server and no apt-get to install one; install PostgreSQL yourself"
        exit 1
    fi
    say "installing PostgreSQL (Debian's postgresql package)"
    $sudo apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends postgresql >/dev/null
fi

version="$(server_versions | tail -1)"
if [ -z "$version" ]; then
    say "the postgresql package installed no server in /usr/lib/postgresql/*/bin"
    exit 1
fi
port="${POSERUN_TEST_POSTGRES_PORT:-5432}"
# Debian's package makes a cluster "main" on install; a machine where it was dropped gets one again.
if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main"' | grep -q .; then
    say "creating the PostgreSQL $version cluster main"
    $sudo pg_createcluster "$version" main --port "$port" >&2
fi
cluster_port="$(pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" { print $3 }')"
if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" { print $4 }' | grep -q online; then
    say "starting the PostgreSQL $version cluster main on port $cluster_port"
    $sudo pg_ctlcluster "$version" main start >&2
fi

as_postgres() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi
}
# The server may take a moment to accept connections after start.
for _ in $(seq 1 30); do
    if as_postgres psql -p "$cluster_port" -tAc "SELECT 1" >/dev/null 2>&1; then break; fi
    sleep 1
done
psql_admin() { as_postgres psql -p "$cluster_port" -v ON_ERROR_STOP=1 -qtA "$@"; }
if ! psql_admin -c "SELECT 1" >/dev/null; then
    say "the PostgreSQL $version cluster on port $cluster_port does not answer (see /var/log/postgresql/)"
    exit 1
fi
if [ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = 'poserun_test'")" != 1 ]; then
    psql_admin -c "CREATE ROLE poserun_test LOGIN CREATEDB PASSWORD 'poserun_test'" >&2
fi
if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = 'poserun_test'")" != 1 ]; then
    psql_admin -c "CREATE DATABASE poserun_test OWNER poserun_test" >&2
fi
# The tests open many short-lived pools at once (one schema each, in parallel): room for them.
max="$(psql_admin -c "SHOW max_connections")"
if [ "$max" -lt 200 ]; then
    say "raising max_connections from $max to 200 for the parallel tests (restarts the cluster)"
    psql_admin -c "ALTER SYSTEM SET max_connections = 200" >&2
    $sudo pg_ctlcluster "$version" main restart >&2
fi
# Loopback without TLS: the tests' server has a self-signed certificate and nothing crosses a network.
echo "postgres://poserun_test:poserun_test@127.0.0.1:$cluster_port/poserun_test?sslmode=disable"
