#!/usr/bin/env bash
# Start or stop a throwaway PostgreSQL cluster in a temporary folder, run as a non-root user.
#   scripts/pg-cluster.sh start DIR   -> prints DATABASE_URL
#   scripts/pg-cluster.sh stop DIR
set -euo pipefail
cmd=${1:?start or stop}; dir=${2:?folder}
# A free port unless PGTEST_PORT says which: several clusters may run side by side.
port=${PGTEST_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
bindir=""
for d in /usr/lib/postgresql/*/bin; do [ -x "$d/initdb" ] && bindir=$d; done
[ -z "$bindir" ] && bindir=$(dirname "$(command -v initdb)")
run() { if [ "$(id -u)" = 0 ]; then su -s /bin/bash lanterntest -c "$*"; else bash -c "$*"; fi; }
case $cmd in
  start)
    if [ "$(id -u)" = 0 ] && ! id lanterntest >/dev/null 2>&1; then
      useradd --system --no-create-home --shell /usr/sbin/nologin lanterntest
    fi
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown lanterntest "$dir"
    run "$bindir/initdb -D '$dir/data' -U postgres --auth=trust -E UTF8 --locale=C.UTF-8" >/dev/null
    run "$bindir/pg_ctl -D '$dir/data' -l '$dir/log' -w -o \"-p $port -k '$dir' -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off\" start" >/dev/null
    # The application's user is not a superuser: it cannot switch off the audit trigger.
    run "$bindir/psql -h 127.0.0.1 -p $port -U postgres -q -c \"CREATE ROLE lantern LOGIN CREATEDB PASSWORD 'lantern'\"" >/dev/null
    run "$bindir/psql -h 127.0.0.1 -p $port -U postgres -q -c \"CREATE DATABASE lantern OWNER lantern\"" >/dev/null
    echo "postgres://lantern:lantern@127.0.0.1:$port/lantern"
    ;;
  stop)
    [ -d "$dir/data" ] && run "$bindir/pg_ctl -D '$dir/data' -m immediate stop" >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
esac
