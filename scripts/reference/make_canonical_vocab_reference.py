"""Hugging Face reference for tokens that differ in bytes but are canonically equivalent
("K" U+004B vs "K" U+212A KELVIN SIGN, "é" U+00E9 vs "e" + U+0301).

Prints (1) a tokenizer.json (WordLevel + BPE model) as HF serialises it, and (2) the vocab and
merges HF's BpeTrainer learns from a small word list containing both spellings. The Swift
test CanonicalEquivalenceTests embeds these outputs.

    /root/.cache/nlp-peers/.venv/bin/python scripts/reference/make_canonical_vocab_reference.py
"""
import json
from tokenizers import Tokenizer, models, pre_tokenizers, trainers

KELVIN, E_ACUTE, E_COMBINING = "\u212a", "\u00e9", "e\u0301"

# (1) A BPE tokenizer.json holding both spellings of each.
vocab = {"K": 0, KELVIN: 1, E_ACUTE: 2, "e": 3, "\u0301": 4, E_COMBINING: 5}
bpe = Tokenizer(models.BPE(vocab=vocab, merges=[("e", "\u0301")]))
bpe.pre_tokenizer = pre_tokenizers.WhitespaceSplit()
print(bpe.to_str())
for text in ["K", KELVIN, E_ACUTE, E_COMBINING]:
    print(json.dumps(text), bpe.encode(text).ids, bpe.token_to_id(text))

# (2) BpeTrainer over words that contain both spellings.
words = ["K", KELVIN, "Kelvin", KELVIN + "elvin", "caf" + E_ACUTE, "caf" + E_COMBINING, "cafe"] * 3
trainer = trainers.BpeTrainer(vocab_size=40, min_frequency=0, special_tokens=["[UNK]"], show_progress=False)
trained = Tokenizer(models.BPE(unk_token="[UNK]"))
trained.pre_tokenizer = pre_tokenizers.WhitespaceSplit()
trained.train_from_iterator(words, trainer)
model = json.loads(trained.to_str())["model"]
print("vocab_size", trained.get_vocab_size())
print("tokens", json.dumps([t for t, _ in sorted(model["vocab"].items(), key=lambda kv: kv[1])], ensure_ascii=False))
print("merges", json.dumps(model["merges"], ensure_ascii=False))
