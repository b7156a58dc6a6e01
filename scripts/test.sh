#!/usr/bin/env bash
# The README's test command: system packages, then the whole suite in release mode
# (the numeric tests are heavy in debug builds).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup-system.sh
swift build -c release --product nlp
swift test -c release -Xswiftc -enable-testing
