#!/usr/bin/env bash
# Every test: PostgreSQL 15 in a throwaway cluster (without browser tests), then SQLite with
# the browser tests in Chromium. Prints each run's pytest summary line; fails if any run fails.
set -uo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin

if [ ! -x /usr/bin/chromium ]; then
  echo "Installing Debian's chromium for the browser tests"
  if [ "$(id -u)" = 0 ]; then (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) || echo "WARNING: could not install chromium"
  else (sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) || echo "WARNING: could not install chromium"; fi
fi

status=0
echo "== lint"
$BIN/ruff check lantern tests scripts || status=1
$BIN/bandit -q -r lantern -x "lantern/*/migrations" || status=1
$BIN/lint-imports --no-cache >/tmp/lint-imports.$$ 2>&1 && echo "import layers kept" || { cat /tmp/lint-imports.$$; status=1; }
$BIN/lantern makemigrations --check --dry-run >/dev/null || { echo "Missing migrations"; status=1; }

pgdir=$(mktemp -d /tmp/lantern-pg.XXXXXX)
trap 'scripts/pg-cluster.sh stop "$pgdir"' EXIT
echo "== PostgreSQL"
if pgurl=$(scripts/pg-cluster.sh start "$pgdir"); then
  DATABASE_URL="$pgurl" $BIN/pytest -q -m "not e2e" -n 2 || status=1
else
  echo "Could not start PostgreSQL"; cat "$pgdir/log" 2>/dev/null; status=1
fi

echo "== SQLite and browser tests"
env -u DATABASE_URL $BIN/pytest -q -n 2 || status=1
exit $status
