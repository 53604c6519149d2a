#!/usr/bin/env bash
# Sets up (idempotent) and runs the whole test suite: unit, PostgreSQL and
# Redis integration, and browser tests against the production build.
set -euo pipefail
cd "$(dirname "$0")"
bash run.sh setup test
export PATH="$PWD/.venv/bin:$PATH" REFLEX_USE_NPM=1 REFLEX_TELEMETRY_ENABLED=false

if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing Debian's chromium for the browser tests..."
    apt-get update -qq && apt-get install -y -qq chromium >/dev/null
  else
    echo "The browser tests need Debian's chromium at /usr/bin/chromium: run 'sudo apt-get install chromium'." >&2
    exit 1
  fi
fi

# A throwaway PostgreSQL database for this run, when a server answers.
if [ -z "${TEST_DATABASE_URL:-}" ]; then
  if TEST_DATABASE_URL="$(python -m tests.throwaway_database create)"; then
    export TEST_DATABASE_URL
    trap 'python -m tests.throwaway_database drop "$TEST_DATABASE_URL"' EXIT
  else
    unset TEST_DATABASE_URL
    echo "No PostgreSQL server answered on 127.0.0.1:5432: the PostgreSQL tests will not run." >&2
  fi
fi
python -m pytest "$@"
