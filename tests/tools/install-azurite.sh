#!/usr/bin/env bash
# Installs Azurite (the Azure Storage emulator) for the storage tests from tests/tools/azurite/package-lock.json.
# The tests install it themselves (tests/Shared/NodeTool.cs) when it is missing; this is the same install by hand.
set -euo pipefail
exec "$(dirname "$0")/install-npm-tool.sh" azurite azurite
