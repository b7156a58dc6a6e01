#!/bin/sh
# Byte-level BPE parity against tiktoken on the peers' corpora (see bytelevel_parity.py).
set -e
cd "$(dirname "$0")/../.."
swift build -c release --product nlp-bench
exec /root/.cache/nlp-peers/.venv/bin/python scripts/parity/bytelevel_parity.py "$@"
