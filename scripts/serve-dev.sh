#!/usr/bin/env bash
# Serve the portal for development: the web server and, beside it, the background worker.
set -euo pipefail
port="${1:-8000}"
py=.venv/bin/python
worker_pid=""
if [ "${BACKGROUND_TASKS:-database}" = "database" ]; then
  "$py" manage.py db_worker --interval 1 &
  worker_pid=$!
  trap 'kill "$worker_pid" 2>/dev/null || true' EXIT INT TERM
fi
echo "Portal on http://127.0.0.1:${port}/ — sign in as alice / Market-Demo-2026"
"$py" manage.py runserver "127.0.0.1:${port}"
