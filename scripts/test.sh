#!/usr/bin/env bash
# The README's test command: system packages, then the whole suite in release mode
# (the numeric tests are heavy in debug builds).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup-system.sh
swift build -c release --product nlp
swift test -c release -Xswiftc -enable-testing
# Examples/ build with the package; run each once on small data.
swift run -c release tokenize-file vocab/wordpiece-en-zh-8k.json corpora/en/fiction.txt
swift run -c release sentiment-from-csv
swift run -c release nearest-faq
