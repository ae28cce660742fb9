#!/usr/bin/env bash
# The whole suite: SQLite (browser tests included), then PostgreSQL (race tests included).
# Under CI=true the PostgreSQL pass and the browser tests are mandatory.
set -uo pipefail
cd "$(dirname "$0")/.."
export DJANGO_ALLOW_ASYNC_UNSAFE=true
# Two workers by default (CI machines have two cores); PYTEST_WORKERS=0 runs in one process.
workers="${PYTEST_WORKERS:-2}"
pytest=(.venv/bin/python -m pytest -q -p no:randomly)
if [ "$workers" != "0" ]; then pytest+=(-n "$workers"); fi
failed=0

run() {
  "$@"
  local status=$?
  # pytest exits 5 when it collected nothing: that is a failure, not a pass.
  if [ $status -ne 0 ]; then failed=1; echo "FAILED (exit $status): $*"; fi
}

echo "== lint =="
run .venv/bin/ruff check .
run .venv/bin/ruff format --check .
run .venv/bin/lint-imports

echo "== translations =="
run env PYTHON=.venv/bin/python bash scripts/compile-messages.sh  # the .mo files are built, not kept

# The HTML validator tests_a11y runs (needs npm and Java; under CI=true its absence fails).
if command -v npm >/dev/null; then bash scripts/vnu.sh || echo "could not install vnu-jar"; fi

echo "== SQLite =="
run env DATABASE_URL="sqlite:///$(pwd)/test-db.sqlite3" "${pytest[@]}" "$@"

echo "== PostgreSQL =="
bash scripts/with-postgres.sh "${pytest[@]}" -m "not browser" "$@"
status=$?
if [ $status -eq 3 ]; then
  if [ "${CI:-}" = "true" ]; then
    echo "FAILED: CI=true requires the PostgreSQL run, and no PostgreSQL server is installed."
    failed=1
  else
    echo "SKIPPED the PostgreSQL run: no PostgreSQL server binaries here (apt-get install postgresql)."
  fi
elif [ $status -ne 0 ]; then
  failed=1; echo "FAILED (exit $status): PostgreSQL run"
fi

if [ $failed -ne 0 ]; then echo "make test: FAILED"; exit 1; fi
echo "make test: all passed"
