#!/usr/bin/env python3
"""Reference merges/vocab from Hugging Face tokenizers' BpeTrainer for the Swift trainer tests.

Trains on Tests/NLPTokenizersTests/Fixtures/bpe_trainer_corpus.txt (written for the project)
with several option sets and writes bpe_trainer_reference.json next to it. Each case is trained
in RUNS fresh processes (HF's hash maps are randomly seeded); a case whose merges differ
between runs is marked "deterministic": false, its first run is kept, and the merges/tokens common to
all runs and seen in any run are recorded.

  /root/.cache/nlp-peers/.venv/bin/python scripts/reference/make_bpe_trainer_reference.py
"""
import json, os, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "..", "..", "Tests", "NLPTokenizersTests", "Fixtures")
CORPUS = os.path.join(FIXTURES, "bpe_trainer_corpus.txt")
RUNS = 4
EXTRA_RUNS = 20  # more runs for cases HF trains differently each time

CASES = {
    "plain": dict(vocab_size=300),
    "special_minfreq": dict(vocab_size=400, min_frequency=2, special_tokens=["[UNK]", "[PAD]", "[CLS]"]),
    "limit_alphabet": dict(vocab_size=260, limit_alphabet=61, special_tokens=["<unk>"]),
    "initial_alphabet": dict(vocab_size=320, initial_alphabet=["q", "~", "€", "Ω"]),
    "suffix": dict(vocab_size=2000, min_frequency=2, end_of_word_suffix="</w>"),
    "prefix": dict(vocab_size=2000, min_frequency=2, continuing_subword_prefix="##"),
    "max_token_length": dict(vocab_size=400, max_token_length=4),
    "byte_level": dict(vocab_size=600, special_tokens=["<|endoftext|>"], byte_level=True),
    "byte_level_minfreq": dict(vocab_size=600, min_frequency=3, byte_level=True),
}


# Encoded with each trained tokenizer, to check BPEModel built from our training result.
ENCODE = [
    "The quick brown fox jumps over the lazy dog.",
    "Naïve café owners in Zürich serve crème brûlée.",
    "我爱北京天安门。",
    "Emoji are tokens too: 😀😀 🎉 and 🚀🚀🚀 launch!",
    "Unseen words: zygote xylophone quizzical, lowering newest hugger.",
    "Tokenizers tokenize tokens; trainers train.",
]


OTHER = {
    "wordpiece": dict(vocab_size=500, min_frequency=2, special_tokens=["[UNK]", "[CLS]", "[SEP]"]),
    "word_level": dict(vocab_size=120, min_frequency=2, special_tokens=["<unk>", "<pad>"]),
}


def train_other(name):
    from tokenizers import Tokenizer, models, pre_tokenizers, trainers
    opts = dict(OTHER[name])
    if name == "wordpiece":
        tk = Tokenizer(models.WordPiece(unk_token="[UNK]"))
        tr = trainers.WordPieceTrainer(show_progress=False, **opts)
    else:
        tk = Tokenizer(models.WordLevel(unk_token="<unk>"))
        tr = trainers.WordLevelTrainer(show_progress=False, **opts)
    tk.pre_tokenizer = pre_tokenizers.Whitespace()
    tk.train([CORPUS], tr)
    model = json.loads(tk.to_str())["model"]
    encodings = [{"text": t, "ids": tk.encode(t).ids} for t in ENCODE]
    return {"vocab": model["vocab"], "encodings": encodings}


def train(name):
    if name in OTHER:
        return train_other(name)
    from tokenizers import Tokenizer, models, pre_tokenizers, trainers
    opts = dict(CASES[name])
    byte_level = opts.pop("byte_level", False)
    tk = Tokenizer(models.BPE())
    if byte_level:
        # Whitespace pieces, then bytes -> GPT-2 characters (the Swift side: WordCounter with
        # WhitespacePreTokenizer + BPETrainerOptions.byteLevel).
        tk.pre_tokenizer = pre_tokenizers.Sequence([
            pre_tokenizers.Whitespace(),
            pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=False)])
        opts["initial_alphabet"] = pre_tokenizers.ByteLevel.alphabet()
    else:
        tk.pre_tokenizer = pre_tokenizers.Whitespace()
    tr = trainers.BpeTrainer(show_progress=False, **opts)
    tk.train([CORPUS], tr)
    model = json.loads(tk.to_str())["model"]
    merges = [m.split(" ", 1) if isinstance(m, str) else m for m in model["merges"]]
    encodings = [{"text": t, "ids": tk.encode(t).ids} for t in ENCODE]
    return {"vocab": model["vocab"], "merges": merges, "encodings": encodings}


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--one":
        print(json.dumps(train(sys.argv[2])))
        return
    out = {}
    for name, opts in list(CASES.items()) + list(OTHER.items()):
        runs = [json.loads(subprocess.check_output([sys.executable, __file__, "--one", name]))
                for _ in range(RUNS)]
        deterministic = all(r == runs[0] for r in runs)
        if not deterministic:
            runs += [json.loads(subprocess.check_output([sys.executable, __file__, "--one", name]))
                     for _ in range(EXTRA_RUNS)]
        out[name] = {"options": opts, "deterministic": deterministic, **runs[0]}
        if not deterministic:
            # What every run produced, and what at least one run produced: the Swift result
            # must lie between the two.
            sets = [set(map(tuple, r.get("merges", []))) for r in runs]
            vocabs = [set(r["vocab"]) for r in runs]
            out[name]["merges_in_every_run"] = sorted(set.intersection(*sets))
            out[name]["merges_in_some_run"] = sorted(set.union(*sets))
            out[name]["tokens_in_every_run"] = sorted(set.intersection(*vocabs))
            out[name]["tokens_in_some_run"] = sorted(set.union(*vocabs))
        print(name, "merges", len(runs[0].get("merges", [])), "vocab", len(runs[0]["vocab"]),
              "deterministic", deterministic, file=sys.stderr)
    import tokenizers
    out["_generator"] = {"tokenizers": tokenizers.__version__, "runs_per_case": RUNS}
    with open(os.path.join(FIXTURES, "bpe_trainer_reference.json"), "w") as f:
        json.dump(out, f, ensure_ascii=False, separators=(",", ":"))


if __name__ == "__main__":
    main()
