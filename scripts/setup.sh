#!/usr/bin/env bash
# Idempotent set-up: Python stack (uv + uv.lock), Node assets (package-lock.json), a Chromium for the
# browser suite. Safe to run again; each step is skipped when already satisfied.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v uv >/dev/null 2>&1; then
  echo "setup: installing uv"
  python3 -m pip install --quiet --disable-pip-version-check uv
fi
echo "setup: python packages (uv sync --frozen)"
uv sync --frozen --quiet

if [ ! -d node_modules/govuk-frontend ] || [ ! -d node_modules/allure ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: node packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi

# A Chromium for Playwright: one already present, else the distribution's, else Playwright's download.
if [ -n "${CHROMIUM_PATH:-}" ] && [ -x "${CHROMIUM_PATH}" ]; then
  :
elif command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; then
  :
elif command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
  echo "setup: installing the distribution's chromium"
  # fonts-liberation: Arial-compatible metrics, the typeface the pages fall back to (not GDS Transport)
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    chromium fonts-liberation) >/dev/null
else
  echo "setup: no system chromium; trying playwright install chromium"
  uv run playwright install chromium || echo "setup: WARNING no browser: the e2e suite will report an error"
fi
echo "setup: done"
