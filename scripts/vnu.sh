#!/usr/bin/env bash
# The Nu Html Checker (npm's vnu-jar, run by Java) that tests_a11y validates every page with.
# It lives in .cache/vnu (ignored by git): nothing naming a registry address is committed.
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION=26.9.27
package=.cache/vnu/node_modules/vnu-jar/package.json
if ! grep -qs "\"version\": \"$VERSION\"" "$package"; then
  # --ignore-scripts: the package's postinstall would fetch a Java; the machine's own is used.
  npm install --no-save --no-package-lock --ignore-scripts --no-audit --no-fund --silent \
    --prefix .cache/vnu "vnu-jar@$VERSION"
fi
