#!/usr/bin/env bash
# Parity: a vocabulary trained by `nlp vocab train` loads in Hugging Face tokenizers and encodes
# every line identically there. Trains bpe and bytelevel vocabularies on corpora/ (or, when the
# repository has none, on a temporary corpus of our fixture sentences), then compares ids line by line.
#
#   scripts/parity/hf_loads_our_vocab.sh [SIZE]      (PYTHON= overrides the peers' python)
set -euo pipefail
cd "$(dirname "$0")/../.."
PYTHON=${PYTHON:-/root/.cache/nlp-peers/.venv/bin/python}
SIZE=${1:-8000}
if [ -z "${NLP:-}" ]; then swift build -c release --product nlp >/dev/null; NLP=.build/release/nlp; fi
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
corpus=("$(ls corpora/*/*.txt corpora/*.txt 2>/dev/null || true)")
if [ -z "${corpus[0]}" ]; then
  cp Tests/NLPTokenizersTests/Fixtures/trained-corpus.txt "$work/corpus.txt"; corpus=("$work/corpus.txt"); SIZE=400
else
  mapfile -t corpus < <(ls corpora/*/*.txt corpora/*.txt 2>/dev/null)
fi
cat "${corpus[@]}" > "$work/all.txt"
status=0
for algorithm in bpe bytelevel; do
  "$NLP" vocab train --algorithm "$algorithm" --size "$SIZE" --output "$work/$algorithm.json" "${corpus[@]}"
  "$NLP" tokenize --vocab "$work/$algorithm.json" --format ids "$work/all.txt" > "$work/$algorithm.ours"
  "$PYTHON" - "$work/$algorithm.json" "$work/all.txt" "$work/$algorithm.ours" "$algorithm" <<'PY' || status=1
import sys
from tokenizers import Tokenizer
tok = Tokenizer.from_file(sys.argv[1])
lines = open(sys.argv[2], encoding="utf-8", newline="").read().split("\n")
if lines and lines[-1] == "": lines.pop()
ours = open(sys.argv[3], encoding="utf-8").read().split("\n")[:-1]
assert len(ours) == len(lines), (len(ours), len(lines))
bad = [i for i, (l, o) in enumerate(zip(lines, ours)) if " ".join(map(str, tok.encode(l.rstrip("\r")).ids)) != o]
print(f"{sys.argv[4]}: {len(lines) - len(bad)}/{len(lines)} lines identical in HF tokenizers")
for i in bad[:5]: print("  line", i + 1, repr(lines[i][:80]))
sys.exit(1 if bad else 0)
PY
done
exit $status
