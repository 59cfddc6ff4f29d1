#!/usr/bin/env bash
# Installs Microsoft's Hybrid Connections client for Node (npm hyco-https, Azure/azure-relay-node) for the relay
# conformance tests from tests/tools/hyco/package-lock.json. Called by the tests themselves
# (tests/CloudTrust.Agent.Tests/Hyco/HycoNode.cs) when it is missing, and safe to call from CI. hyco-https declares a
# gypfile but has no native code, so installing without scripts is complete.
set -euo pipefail
exec "$(dirname "$0")/install-npm-tool.sh" hyco hyco-https
