#!/usr/bin/env python3
"""Byte-level BPE parity: our encoder (nlp-bench bytelevel-ids) vs tiktoken, GPT-2 ranks.

Encodes every line of each corpus with both and prints the share of identical lines.
Run with the peers' Python (tiktoken installed):

  /root/.cache/nlp-peers/.venv/bin/python scripts/parity/bytelevel_parity.py \
      [--bench .build/release/nlp-bench] [--ranks PATH] [CORPUS ...]
"""
import argparse, base64, os, subprocess, sys

GPT2_PAT = r"""'(?:[sdmt]|ll|ve|re)| ?\p{L}++| ?\p{N}++| ?[^\s\p{L}\p{N}]++|\s++$|\s+(?!\S)|\s"""
DATA = "/root/.cache/nlp-peers/data"


def tiktoken_gpt2(ranks_path):
    import tiktoken
    ranks = {}
    with open(ranks_path, "rb") as fh:
        for line in fh:
            if line.strip():
                tok, rank = line.split()
                ranks[base64.b64decode(tok)] = int(rank)
    return tiktoken.Encoding(name="gpt2_local", pat_str=GPT2_PAT, mergeable_ranks=ranks,
                             special_tokens={"<|endoftext|>": 50256}, explicit_n_vocab=50257)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bench", default=".build/release/nlp-bench")
    ap.add_argument("--ranks", default="/work/shared/peers/assets/gpt2.tiktoken")
    ap.add_argument("corpora", nargs="*",
                    default=[os.path.join(DATA, "corpus-en.txt"), os.path.join(DATA, "corpus-zh.txt")])
    a = ap.parse_args()
    enc = tiktoken_gpt2(a.ranks)
    total_same = total = 0
    for path in a.corpora:
        with open(path, "rb") as fh:
            lines = fh.read().split(b"\n")
        if lines and lines[-1] == b"":
            lines.pop()
        texts = [l.decode("utf-8") for l in lines]
        ours = subprocess.run([a.bench, "bytelevel-ids", "--ranks", a.ranks, path],
                              check=True, capture_output=True).stdout.split(b"\n")
        if ours and ours[-1] == b"":
            ours.pop()
        theirs = enc.encode_ordinary_batch(texts, num_threads=2)
        same = 0
        first_bad = None
        for i, ids in enumerate(theirs):
            mine = [int(x) for x in ours[i].split()] if i < len(ours) else None
            if mine == ids:
                same += 1
            elif first_bad is None:
                first_bad = i
        n = len(texts)
        print(f"{os.path.basename(path)}: {same}/{n} lines identical ({100.0 * same / max(n, 1):.4f}%)"
              + (f"; line count ours {len(ours)}" if len(ours) != n else "")
              + (f"; first mismatch line {first_bad + 1}: {texts[first_bad][:120]!r}" if first_bad is not None else ""))
        total_same += same
        total += n
    print(f"total: {total_same}/{total} lines identical ({100.0 * total_same / max(total, 1):.4f}%)")
    return 0 if total_same == total else 1


if __name__ == "__main__":
    sys.exit(main())
