#!/usr/bin/env python3
"""Fixtures for `nlp import` of BERT-family checkpoints other than BERT, written with the peers'
Python (torch, transformers, tokenizers): tiny random-weight models saved with save_pretrained
(model.safetensors + config.json + tokenizer files), and transformers' outputs on a few lines.

  Tests/NLPModelsTests/Fixtures/tiny_distilbert/  DistilBertModel (hidden 32, 2 layers, 4 heads,
      FFN 64, 64 positions; no token types), DistilBertTokenizerFast over tiny_bert's WordPiece
      vocabulary (make_torch_bin_reference.py must have run first: it writes that vocab.txt).
  Tests/NLPModelsTests/Fixtures/tiny_roberta/     RobertaModel (same sizes, max_position_embeddings
      66 = 64 + padding_idx + 1, type_vocab_size 1, pad 1), RobertaTokenizerFast over a byte-level
      BPE trained here on the lines below (vocab 300).
  Tests/NLPModelsTests/Fixtures/tiny_electra/     ElectraModel (discriminator, embedding_size =
      hidden_size, so no embeddings_project), tiny_bert's WordPiece vocabulary.
  Tests/NLPModelsTests/Fixtures/bert_family_reference.json: per model, the lines, HF's token ids
      (truncation at 64), the last hidden state at real tokens of the right-padded batch (one
      [length x hidden] row-major list per line) and the mean-pooled, L2-normalised embeddings.

LayerNorm weights and biases are perturbed away from 1 and 0 so their import is tested.

  /root/.cache/nlp-peers/.venv/bin/python scripts/reference/make_bert_family_reference.py
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

LINES = [
    "The quick brown fox jumps over the lazy dog.",
    "A cat sat on the mat; the dog sat on the log.",
    "Café naïve résumé — ÀÉÎÕÜ",
    "我今天在公园里跑步。",
    "I ❤️ coffee 🍕 and tea 🎉",
    "",
    "tab\tseparated\twords with a bell \u0007 control",
    "Supercalifragilisticexpialidocious antidisestablishmentarianism",
    " ".join(["long", "context", "window"] * 25),
]

# Byte-level BPE training text for the RoBERTa tokenizer (our own sentences).
BPE_TEXT = LINES + [
    "the cat and the dog", "please reset my password", "the model reads a sentence",
    "a small model for a small test", "tokens and words and sentences", "hello world, good morning",
]


def perturb(model):
    with torch.no_grad():
        for name, p in model.named_parameters():
            if "LayerNorm.weight" in name or "layer_norm.weight" in name:
                p.copy_(1 + 0.1 * torch.randn_like(p))
            elif name.endswith("bias") or "LayerNorm.bias" in name:
                p.copy_(0.05 * torch.randn_like(p))


def outputs(model, tok):
    enc = tok(LINES, padding=True, truncation=True, max_length=MAX_LEN, return_tensors="pt")
    with torch.inference_mode():
        hidden = model(input_ids=enc["input_ids"], attention_mask=enc["attention_mask"]).last_hidden_state
    m = enc["attention_mask"].unsqueeze(-1).float()
    mean = F.normalize((hidden * m).sum(1) / m.sum(1).clamp(min=1e-9), dim=1)
    ids, states = [], []
    for row, mk, h in zip(enc["input_ids"], enc["attention_mask"], hidden):
        n = int(mk.sum())
        ids.append([int(i) for i in row[:n]])
        states.append([float("%.7g" % x) for x in h[:n].reshape(-1).tolist()])
    return {"input_ids": ids, "last_hidden": states,
            "mean_normalized": [[float("%.9g" % x) for x in r] for r in mean.tolist()]}


def reset(name):
    d = os.path.join(FIXTURES, name)
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    return d


def wordpiece_tokenizer(cls, out_dir):
    """tiny_bert's uncased WordPiece tokenizer.json under the family's tokenizer class."""
    source = os.path.join(FIXTURES, "tiny_bert_st", "tokenizer.json")
    tok = cls(tokenizer_file=source, do_lower_case=True, model_max_length=MAX_LEN, unk_token="[UNK]",
              sep_token="[SEP]", pad_token="[PAD]", cls_token="[CLS]", mask_token="[MASK]")
    tok.save_pretrained(out_dir)
    return tok


def distilbert():
    from transformers import DistilBertConfig, DistilBertModel, DistilBertTokenizerFast
    d = reset("tiny_distilbert")
    tok = wordpiece_tokenizer(DistilBertTokenizerFast, d)
    torch.manual_seed(21)
    cfg = DistilBertConfig(vocab_size=len(tok), dim=32, n_layers=2, n_heads=4, hidden_dim=64,
                           max_position_embeddings=MAX_LEN, activation="gelu")
    model = DistilBertModel(cfg)
    perturb(model)
    model.eval().save_pretrained(d)
    return outputs(model, tok)


def roberta():
    from tokenizers import ByteLevelBPETokenizer
    from transformers import RobertaConfig, RobertaModel, RobertaTokenizerFast
    d = reset("tiny_roberta")
    bpe = ByteLevelBPETokenizer()
    bpe.train_from_iterator(BPE_TEXT, vocab_size=300, min_frequency=1,
                            special_tokens=["<s>", "<pad>", "</s>", "<unk>", "<mask>"])
    from tokenizers.processors import RobertaProcessing
    bpe.post_processor = RobertaProcessing(("</s>", bpe.token_to_id("</s>")), ("<s>", bpe.token_to_id("<s>")))
    bpe.save(os.path.join(d, "tokenizer.json"))
    tok = RobertaTokenizerFast(tokenizer_file=os.path.join(d, "tokenizer.json"), model_max_length=MAX_LEN,
                               bos_token="<s>", eos_token="</s>", sep_token="</s>", cls_token="<s>",
                               unk_token="<unk>", pad_token="<pad>", mask_token="<mask>")
    assert tok.pad_token_id == 1 and len(tok) == 300, (tok.pad_token_id, len(tok))
    tok.save_pretrained(d)
    torch.manual_seed(22)
    cfg = RobertaConfig(vocab_size=len(tok), hidden_size=32, num_hidden_layers=2, num_attention_heads=4,
                        intermediate_size=64, max_position_embeddings=MAX_LEN + 2, type_vocab_size=1,
                        pad_token_id=1, bos_token_id=0, eos_token_id=2, layer_norm_eps=1e-5)
    model = RobertaModel(cfg)
    perturb(model)
    model.eval().save_pretrained(d)
    return outputs(model, tok)


def electra():
    from transformers import ElectraConfig, ElectraModel, ElectraTokenizerFast
    d = reset("tiny_electra")
    tok = wordpiece_tokenizer(ElectraTokenizerFast, d)
    torch.manual_seed(23)
    cfg = ElectraConfig(vocab_size=len(tok), embedding_size=32, hidden_size=32, num_hidden_layers=2,
                        num_attention_heads=4, intermediate_size=64, max_position_embeddings=MAX_LEN)
    model = ElectraModel(cfg)
    perturb(model)
    model.eval().save_pretrained(d)
    return outputs(model, tok)


def main():
    ref = {"lines": LINES, "max_length": MAX_LEN,
           "distilbert": distilbert(), "roberta": roberta(), "electra": electra()}
    with open(os.path.join(FIXTURES, "bert_family_reference.json"), "w", encoding="utf-8") as fh:
        json.dump(ref, fh, ensure_ascii=False, indent=0)
    for name in ("tiny_distilbert", "tiny_roberta", "tiny_electra"):
        d = os.path.join(FIXTURES, name)
        print(name, {f: os.path.getsize(os.path.join(d, f)) for f in sorted(os.listdir(d))})
    print("reference", os.path.getsize(os.path.join(FIXTURES, "bert_family_reference.json")))


if __name__ == "__main__":
    main()
