#!/usr/bin/env bash
# The README's test command: the whole suite, with the heavy numeric tests in release mode.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product nlp
swift test -c release -Xswiftc -enable-testing
