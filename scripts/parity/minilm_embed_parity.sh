#!/usr/bin/env bash
# all-MiniLM-L6-v2 embedding parity on 300 sentences (English, French, German, Spanish,
# Chinese, Japanese, emoji, edge cases): our encoder vs sentence-transformers, every
# component within 1e-4. Needs the peers' Python environment.
#   scripts/parity/minilm_embed_parity.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=/root/.cache/nlp-peers/.venv/bin/python
REF=.build/parity/minilm_300.safetensors
if [ ! -f "$REF" ]; then
  HF_HUB_OFFLINE=1 "$PY" scripts/reference/make_minilm_reference.py
fi
flock /tmp/nlp-build.lock swift build -c release --product nlp-bench
flock /tmp/nlp-build.lock .build/release/nlp-bench embed-parity --reference "$REF" "$@"
