#!/usr/bin/env python3
"""Fixtures for `nlp import` (pytorch_model.bin and safetensors) and `nlp embed`, written with
the peers' Python (torch, transformers):

A tiny random-weight BertForMaskedLM (hidden 32, 2 layers, 4 heads, FFN 64, 64 positions) over
a small hand-made uncased WordPiece vocabulary, saved twice with identical weights:

  Tests/NLPModelsTests/Fixtures/tiny_bert_bin/  config.json, pytorch_model.bin (torch.save of the
      state_dict: PyTorch's zip format, as transformers wrote it before safetensors), vocab.txt,
      tokenizer_config.json, special_tokens_map.json  (no tokenizer.json: import builds one)
  Tests/NLPModelsTests/Fixtures/tiny_bert_st/   config.json, model.safetensors, tokenizer.json
      (BertTokenizerFast.save_pretrained), tokenizer_config.json, ...

and Tests/NLPModelsTests/Fixtures/tiny_bert_embed_reference.json: the input lines
(EMBED_LINES: accents, CJK, emoji, controls, a long word, an empty line, a line longer than
the 64-token window) with HF's token ids (truncation at 64) and the sentence-transformers-style
embeddings (mean over real tokens + L2 normalisation; and [CLS] unnormalised), %.9g floats.

  /root/.cache/nlp-peers/.venv/bin/python scripts/reference/make_torch_bin_reference.py
"""
import json, os, shutil

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
FIXTURES = os.path.join(ROOT, "Tests", "NLPModelsTests", "Fixtures")
MAX_LEN = 64

WORDS = """the a an and or of to in on at for with is was be it this that my your we they
cat dog sat mat log tree train rain coffee tea bread cake book model token word sentence
small large old new quick brown fox jumps over lazy please reset password email order
cafe naive resume test long window context hello world good bad very not""".split()
PIECES = ["##s", "##ed", "##ing", "##er", "##ly", "##e", "##a", "##o", "##i", "##n", "##t", "##r"]

EMBED_LINES = [
    "The quick brown fox jumps over the lazy dog.",
    "A cat sat on the mat; the dog sat on the log.",
    "Please reset my password, the email link expired!",
    "Café naïve résumé — ÀÉÎÕÜ",
    "我今天在公园里跑步。",
    "I ❤️ coffee 🍕 and tea 🎉",
    "",
    "   ",
    "tab\tseparated\twords with a bell \u0007 control",
    "Supercalifragilisticexpialidocious antidisestablishmentarianism",
    "ALL CAPS SENTENCE WITH NUMBERS 3.14159 AND 42",
    " ".join(["long", "context", "window"] * 30),
]


def vocab():
    specials = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    chars = list("abcdefghijklmnopqrstuvwxyz0123456789.,;:!?'\"-—()")
    cont = ["##" + c for c in "abcdefghijklmnopqrstuvwxyz0123456789"]
    out = []
    for t in specials + chars + cont + WORDS + PIECES:
        if t not in out:
            out.append(t)
    return out


def main():
    from transformers import BertConfig, BertForMaskedLM, BertTokenizerFast
    tokens = vocab()
    bin_dir = os.path.join(FIXTURES, "tiny_bert_bin")
    st_dir = os.path.join(FIXTURES, "tiny_bert_st")
    for d in (bin_dir, st_dir):
        shutil.rmtree(d, ignore_errors=True)
        os.makedirs(d)
    with open(os.path.join(bin_dir, "vocab.txt"), "w", encoding="utf-8") as fh:
        fh.write("\n".join(tokens) + "\n")
    with open(os.path.join(bin_dir, "tokenizer_config.json"), "w") as fh:
        json.dump({"do_lower_case": True, "model_max_length": MAX_LEN, "tokenizer_class": "BertTokenizer",
                   "unk_token": "[UNK]", "sep_token": "[SEP]", "pad_token": "[PAD]", "cls_token": "[CLS]",
                   "mask_token": "[MASK]"}, fh, indent=1)
    with open(os.path.join(bin_dir, "special_tokens_map.json"), "w") as fh:
        json.dump({"unk_token": "[UNK]", "sep_token": "[SEP]", "pad_token": "[PAD]", "cls_token": "[CLS]",
                   "mask_token": "[MASK]"}, fh, indent=1)

    # The tokenizer as transformers builds it from vocab.txt + tokenizer_config.json (the files
    # of a pre-tokenizer.json BERT checkpoint); its tokenizer.json goes to the safetensors copy.
    tok = BertTokenizerFast.from_pretrained(bin_dir)
    assert len(tok) == len(tokens), len(tok)
    tok.save_pretrained(st_dir)

    torch.manual_seed(11)
    cfg = BertConfig(vocab_size=len(tokens), hidden_size=32, num_hidden_layers=2, num_attention_heads=4,
                     intermediate_size=64, max_position_embeddings=MAX_LEN, type_vocab_size=2,
                     hidden_act="gelu", layer_norm_eps=1e-12)
    model = BertForMaskedLM(cfg)
    with torch.no_grad():  # non-trivial LayerNorm and bias values, so their import is tested
        for name, p in model.named_parameters():
            if "LayerNorm.weight" in name:
                p.copy_(1 + 0.1 * torch.randn_like(p))
            elif name.endswith("bias"):
                p.copy_(0.05 * torch.randn_like(p))
    model.eval()
    model.save_pretrained(st_dir)
    # The pre-safetensors transformers format: torch.save of the state_dict (tied decoder weight
    # included, sharing the word-embedding storage).
    torch.save(model.state_dict(), os.path.join(bin_dir, "pytorch_model.bin"))
    shutil.copy(os.path.join(st_dir, "config.json"), os.path.join(bin_dir, "config.json"))

    enc = tok(EMBED_LINES, padding=True, truncation=True, max_length=MAX_LEN, return_tensors="pt")
    with torch.inference_mode():
        hidden = model.bert(input_ids=enc["input_ids"], attention_mask=enc["attention_mask"]).last_hidden_state
    m = enc["attention_mask"].unsqueeze(-1).float()
    mean = (hidden * m).sum(1) / m.sum(1).clamp(min=1e-9)
    normed = F.normalize(mean, dim=1)
    cls = hidden[:, 0]
    ids = [[int(i) for i, k in zip(row, mk) if k] for row, mk in zip(enc["input_ids"], enc["attention_mask"])]
    ref = {
        "max_length": MAX_LEN,
        "lines": EMBED_LINES,
        "input_ids": ids,
        "mean_normalized": [[float("%.9g" % x) for x in row] for row in normed.tolist()],
        "cls": [[float("%.9g" % x) for x in row] for row in cls.tolist()],
    }
    with open(os.path.join(FIXTURES, "tiny_bert_embed_reference.json"), "w", encoding="utf-8") as fh:
        json.dump(ref, fh, ensure_ascii=False, indent=0)
    print("tiny bert bin: vocab", len(tokens), "params", sum(p.numel() for p in model.parameters()),
          "longest", max(len(i) for i in ids), "files", sorted(os.listdir(bin_dir)), sorted(os.listdir(st_dir)))


if __name__ == "__main__":
    main()
