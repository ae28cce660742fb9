#!/usr/bin/env bash
# Compile the catalogues (locale/*/LC_MESSAGES/django.po -> .mo) with Debian's gettext;
# `make run` and scripts/test.sh call it. The .mo files are built, never committed.
# Without msgfmt the portal still works, in English only: say so, and fail only under CI.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v msgfmt >/dev/null; then
  echo "French is not available: msgfmt is missing (apt-get install gettext)." >&2
  [ "${CI:-}" = "true" ] && exit 1
  exit 0
fi
"${PYTHON:-.venv/bin/python}" manage.py compilemessages --ignore=.venv --ignore=node_modules \
  --verbosity 0
