#!/usr/bin/env bash
# Installs Debian's Chromium for the report's browser test (idempotent). Called by .ci/run and, when the browser is
# missing, by the test itself. Needs root (as on the CI machine) and the Debian package registry.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends chromium >/dev/null
test -x /usr/bin/chromium
echo "chromium installed: $(/usr/bin/chromium --version 2>/dev/null || echo unknown)"
