#!/usr/bin/env bash
# Installs Azurite (the Azure Storage emulator) for the storage tests from tests/tools/azurite/package-lock.json.
# Called by the tests themselves (tests/Shared/Azurite/AzuriteServer.cs) when it is missing, and safe to call from CI.
set -euo pipefail
exec "$(dirname "$0")/install-npm-tool.sh" azurite azurite
