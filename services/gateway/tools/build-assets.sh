#!/usr/bin/env bash
# Installs the web application's front-end files from npm (pinned in web/package-lock.json)
# and copies what the pages use into src/inspraak_gateway/static/vendor/ (gitignored).
# Idempotent: when the lock file has not changed since the last run, it only checks.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
web="$here/web"
vendor="$here/src/inspraak_gateway/static/vendor"
stamp="$vendor/.lock-sha256"

lock_sum="$(sha256sum "$web/package-lock.json" | cut -d' ' -f1)"
wanted=(
  "@utrecht/component-library-css/dist/index.css:utrecht-components.css"
  "@utrecht/design-tokens/dist/theme.css:utrecht-tokens.css"
  "leaflet/dist/leaflet.js:leaflet/leaflet.js"
  "leaflet/dist/leaflet.css:leaflet/leaflet.css"
  "leaflet/dist/images/marker-icon.png:leaflet/images/marker-icon.png"
  "leaflet/dist/images/marker-icon-2x.png:leaflet/images/marker-icon-2x.png"
  "leaflet/dist/images/marker-shadow.png:leaflet/images/marker-shadow.png"
)

complete() {
  [[ -f "$stamp" && "$(cat "$stamp")" == "$lock_sum" ]] || return 1
  for pair in "${wanted[@]}"; do [[ -s "$vendor/${pair#*:}" ]] || return 1; done
}

if complete; then
  exit 0
fi

command -v npm >/dev/null || { echo "build-assets: npm is missing (apt-get install -y npm)" >&2; exit 1; }
(cd "$web" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
mkdir -p "$vendor/leaflet/images"
for pair in "${wanted[@]}"; do
  cp "$web/node_modules/${pair%%:*}" "$vendor/${pair#*:}.tmp"
  mv "$vendor/${pair#*:}.tmp" "$vendor/${pair#*:}"
done
echo "$lock_sum" >"$stamp"
echo "build-assets: vendor files in $vendor"
