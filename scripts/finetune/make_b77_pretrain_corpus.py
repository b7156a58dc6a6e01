"""Writes the pretraining corpus for "Banking77 from our own pretraining" (issue 5): about 6 MB
of Project Gutenberg paragraphs (hard-wrapped lines joined, paragraphs longer than 40
characters, a seeded random sample over the whole of gutenberg_train.txt) plus the Banking77
training texts repeated 8 times (each copy shuffled), all lines shuffled together; one paragraph
per line, as `nlp pretrain` reads it. The texts of the Banking77 test set are not used. Also
writes b77_train_texts.txt (the training texts once). Standard library only; seeded.

    python3 scripts/finetune/make_b77_pretrain_corpus.py ../shared/data OUT_DIR
"""
import csv
import os
import random
import sys

data, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
with open(os.path.join(data, "banking77/train.csv"), newline="", encoding="utf-8") as f:
    rows = [r["text"].replace("\n", " ").strip() for r in csv.DictReader(f)]
rows = [r for r in rows if r]
with open(os.path.join(out, "b77_train_texts.txt"), "w", encoding="utf-8") as f:
    f.write("\n".join(rows) + "\n")

paragraphs, current = [], []
with open(os.path.join(data, "gutenberg_english/gutenberg_train.txt"), encoding="utf-8") as f:
    for line in f:
        s = line.strip()
        if s:
            current.append(s)
        elif current:
            paragraphs.append(" ".join(current))
            current = []
paragraphs = [p for p in paragraphs if len(p) > 40]
random.seed(1)
random.shuffle(paragraphs)
gutenberg, size = [], 0
for p in paragraphs:
    gutenberg.append(p)
    size += len(p)
    if size > 6_000_000:
        break
banking = []
for _ in range(8):
    copy = rows[:]
    random.shuffle(copy)
    banking += copy
lines = gutenberg + banking
random.shuffle(lines)
with open(os.path.join(out, "b77_pretrain_corpus.txt"), "w", encoding="utf-8") as f:
    f.write("\n".join(lines) + "\n")
print(f"{len(gutenberg)} Gutenberg paragraphs ({size} characters) + {len(banking)} Banking77 lines")
