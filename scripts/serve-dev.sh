#!/usr/bin/env bash
# `make run`: prepare the database quietly, then serve the portal for development (the web
# server and, beside it, the background worker), saying once where to go.
set -euo pipefail
port="${1:-${PORT:-8000}}"
py=.venv/bin/python
export DEBUG="${DEBUG:-true}" PORT="$port"

# Before anything else: a busy port would otherwise fail after the address was printed.
if ! "$py" - "$port" <<'PY'
import socket, sys
with socket.socket() as s:
    try:
        s.bind(("127.0.0.1", int(sys.argv[1])))
    except OSError:
        sys.exit(1)
PY
then
  echo "Port ${port} is already in use (is the portal already running?)." >&2
  echo "Stop that server, or choose another port: PORT=8080 make run" >&2
  exit 1
fi

echo "Preparing the database (migrations and demo data)..."
PYTHON="$py" bash scripts/compile-messages.sh  # French (the .mo files are built, not kept)
"$py" manage.py migrate --no-input --verbosity 0
"$py" manage.py seed_demo

worker_pid=""
if [ "${BACKGROUND_TASKS:-database}" = "database" ]; then
  # Quiet: each task would print its RUNNING and SUCCESSFUL lines (a failed e-mail stays in
  # the back office's failed e-mails).
  "$py" manage.py db_worker --interval 1 --verbosity 0 >/dev/null &
  worker_pid=$!
  trap 'kill "$worker_pid" 2>/dev/null || true' EXIT INT TERM
fi
mail_dir="$("$py" -c 'import django, os; os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings"); django.setup(); from django.conf import settings as s; print(s.EMAIL_FILE_PATH if s.EMAIL_BACKEND.endswith("filebased.EmailBackend") else "")')"
if [ -n "$mail_dir" ]; then
  echo "E-mails are not sent: each one is written as a file in ${mail_dir}/"
fi
echo
echo "    Portal on http://127.0.0.1:${port}/  — sign in as alice / Market-Demo-2026 (Ctrl-C stops it)"
echo
# migrate ran the system checks already.
"$py" manage.py runserver --skip-checks "127.0.0.1:${port}"
