#!/usr/bin/env bash
# Installs Microsoft's Hybrid Connections client for Node (npm hyco-https, Azure/azure-relay-node) for the relay
# conformance tests from tests/tools/hyco/package-lock.json (idempotent). Called by the tests themselves
# (tests/CloudTrust.Agent.Tests/Hyco/HycoNode.cs) when it is missing, and safe to call from CI. Needs the npm registry only; installs
# Debian's nodejs and npm first when node is missing (root). Several test projects may call it at once: a lock file
# serializes them, and a stamp holding the lock's hash says the install finished (and is redone when the lock changes).
set -euo pipefail
dir="$(cd "$(dirname "$0")/hyco" && pwd)"
if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
fi
exec 9>"$dir/.install.lock"
flock 9
stamp="$dir/node_modules/.cloudtrust-installed"
want="$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -f "$dir/node_modules/hyco-https/package.json" ]; then exit 0; fi
# --ignore-scripts: hyco-https and ws are plain JavaScript (hyco-https declares gypfile but has no native code);
# no package may run an install step (this machine reaches no other host).
(cd "$dir" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null)
echo "$want" >"$stamp"
echo "hyco-https installed: $(node -e "console.log(require('$dir/node_modules/hyco-https/package.json').version)")"
