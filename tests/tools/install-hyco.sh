#!/usr/bin/env bash
# Installs Microsoft's Hybrid Connections client for Node (npm hyco-https, Azure/azure-relay-node) for the relay
# conformance tests from tests/tools/hyco/package-lock.json. The tests install it themselves (tests/Shared/NodeTool.cs)
# when it is missing; this is the same install by hand. hyco-https declares a
# gypfile but has no native code, so installing without scripts is complete.
set -euo pipefail
exec "$(dirname "$0")/install-npm-tool.sh" hyco hyco-https
