#!/usr/bin/env bash
# Installs one Node tool the tests run, from its pinned package-lock.json (idempotent):
#   install-npm-tool.sh <folder under tests/tools> <package whose package.json proves the install>
# Needs the npm registry only; installs Debian's nodejs and npm first when node is missing (root). Several test projects
# may call it at once: a lock file serializes them, and a stamp holding the lock's hash says the install finished (and
# is redone when the lock changes). --ignore-scripts: the tools are plain JavaScript, and no package may run an install
# step (this machine reaches no other host).
set -euo pipefail
dir="$(cd "$(dirname "$0")/$1" && pwd)"
package="$2"
if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
fi
exec 9>"$dir/.install.lock"
flock 9
stamp="$dir/node_modules/.cloudtrust-installed"
want="$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -f "$dir/node_modules/$package/package.json" ]; then exit 0; fi
(cd "$dir" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null)
echo "$want" >"$stamp"
echo "$package installed: $(node -e "console.log(require('$dir/node_modules/$package/package.json').version)")"
