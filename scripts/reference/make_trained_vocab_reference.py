#!/usr/bin/env python3
"""A vocabulary trained by `nlp vocab train`, and the ids Hugging Face `tokenizers` gives with it.

Writes into Tests/NLPTokenizersTests/Fixtures/:
  trained-corpus.txt           our own sentences (generated from hand-written fragments)
  trained-bpe.json             `nlp vocab train --algorithm bpe --size 400` on that corpus
  trained-bytelevel.json       `nlp vocab train --algorithm bytelevel --size 400`
  trained-vocab-reference.json HF's ids for every corpus line and some probe lines, per file

The tests then check, without Python, that our Tokenizer gives HF's ids with these files and
that `nlp vocab train` still writes exactly these files.

  swift build --product nlp
  /root/.cache/nlp-peers/.venv/bin/python scripts/reference/make_trained_vocab_reference.py .build/debug/nlp
"""
import itertools, json, os, subprocess, sys
from tokenizers import Tokenizer

nlp = sys.argv[1] if len(sys.argv) > 1 else ".build/debug/nlp"
FIX = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "Tests", "NLPTokenizersTests", "Fixtures")

subjects = ["The tokenizer", "A small model", "Our café", "Every naïve reader", "The 3 engineers", "Zoë", "The Straße team"]
verbs = ["reads", "splits", "learns from", "counts", "writes", "remembers", "encodes"]
objects = ["long sentences.", "unusual words like antidisestablishmentarianism.", "numbers such as 1234 and 3.5!",
           "Chinese text: 我爱北京天安门。", "emoji 🙂 and symbols (#, $, %).", "tabs\tand  double  spaces.", "résumé-style lists; ok?"]
lines = [f"{s} {v} {o}" for s, v, o in itertools.product(subjects, verbs, objects)]
corpus = os.path.join(FIX, "trained-corpus.txt")
with open(corpus, "w", encoding="utf-8") as f:
    f.write("\n".join(lines) + "\n")

probes = ["", "Hello, World!", "unseen ÆØÅ characters ∑ 😀", "  leading spaces", "NUL\u0000and\u0007bell",
          "我爱北京天安门", "supercalifragilisticexpialidocious"]
reference = {}
for algorithm in ["bpe", "bytelevel"]:
    out = os.path.join(FIX, f"trained-{algorithm}.json")
    subprocess.run([nlp, "vocab", "train", "--algorithm", algorithm, "--size", "400", "--output", out, corpus], check=True)
    tok = Tokenizer.from_file(out)
    reference[algorithm] = [{"text": t, "ids": tok.encode(t).ids} for t in lines + probes]
with open(os.path.join(FIX, "trained-vocab-reference.json"), "w", encoding="utf-8") as f:
    json.dump(reference, f, ensure_ascii=False, separators=(",", ":"))
print("wrote", len(lines), "corpus lines and references for", list(reference))
