#!/usr/bin/env bash
# The main job, end to end on the bundled corpus (corpora/), with the defaults:
# vocabulary -> tokenisation -> masked-LM pretraining -> intent classifier + evaluation -> chat.
# Everything it writes goes to out/quickstart/ (removed and rebuilt on each run).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup-system.sh
swift build -c release --product nlp
nlp=.build/release/nlp
out=out/quickstart
rm -rf "$out"
mkdir -p "$out"
step() { printf '\n== %s\n' "$*"; }

step "1. Train a WordPiece vocabulary (8,000 tokens) on corpora/en and corpora/zh"
time "$nlp" vocab train --algorithm wordpiece --size 8000 --output "$out/wordpiece.json" corpora/en/*.txt corpora/zh/*.txt
if cmp -s "$out/wordpiece.json" vocab/wordpiece-en-zh-8k.json; then
  echo "byte-identical to the committed vocab/wordpiece-en-zh-8k.json"
fi

step "2. Tokenise a sample (tokens, then ids)"
sample="The café's naïve résumé cost \$12.50, 我爱北京天安门 🙂"
echo "$sample" | "$nlp" tokenize --vocab "$out/wordpiece.json"
echo "$sample" | "$nlp" tokenize --vocab "$out/wordpiece.json" --format ids
echo "我爱北京天安门。今天天气很好！" | "$nlp" tokenize --locale zh

step "3. Pretrain a small masked-LM Transformer on the bundled corpus (1-2 minutes)"
time "$nlp" pretrain --corpus corpora/en corpora/zh --vocab "$out/wordpiece.json" --arch transformer \
  --output "$out/mlm" --steps "${QUICKSTART_PRETRAIN_STEPS:-1200}"
tail -n 1 "$out/mlm/metrics.jsonl"

step "4. Fine-tune the bank-support intent classifier from that pretrained encoder (under a minute)"
time "$nlp" finetune --task intent --train corpora/intents/train.csv --init "$out/mlm" --output "$out/intent-mlm" \
  --epochs 15 --patience 5
"$nlp" eval --model "$out/intent-mlm" --data corpora/intents/test.csv | grep -E '^(accuracy|macro avg)'

step "4b. The same intents with a text CNN from scratch (trains in about a second)"
time "$nlp" finetune --task intent --train corpora/intents/train.csv --output "$out/intent" \
  --arch cnn --embedding 64 --hidden 64 --epochs 30 --lr 2e-3 --batch-size 16 --patience 5 --dropout 0.3
step "5. Evaluate the CNN on the held-out intents"
"$nlp" eval --model "$out/intent" --data corpora/intents/test.csv
printf 'I lost my card yesterday\nwhat is the weather on mars\n' | "$nlp" predict --model "$out/intent" --top 2

step "6. Talk to the bundled bank bot (scripted)"
printf 'hi\nI lost my card\n4821\nyes\nhow much is a transfer to Spain?\nthanks, bye\n' \
  | "$nlp" chat --bot corpora/bot --transcript "$out/chat-transcript.jsonl"
echo
echo "Done. Outputs in $out/ (loss curve: $out/mlm/loss.svg)."
