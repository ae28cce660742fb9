#!/usr/bin/env bash
# `make messages`: gather every string marked for translation into the French catalogue,
# locale/fr/LC_MESSAGES/django.po, and each app that has a locale/ directory into its own
# <app>/locale/fr/LC_MESSAGES/django.po (translations already written are kept; obsolete ones go).
# Then translate the new entries by hand (docs/glossary-fr.md for the domain's words).
# core/tests/test_translations.py runs this in a copy of the project and fails when the
# catalogue in the repository is not what it gives, or when an entry has no French.
#   scripts/messages.sh [project directory]        (PYTHON: the interpreter, .venv/bin/python)
set -euo pipefail
cd "${1:-$(dirname "$0")/..}"
"${PYTHON:-.venv/bin/python}" manage.py makemessages -l fr --no-obsolete --add-location=file \
  --ignore=.venv --ignore=node_modules --ignore=staticfiles --ignore=test-artifacts \
  --ignore=private --verbosity 0
