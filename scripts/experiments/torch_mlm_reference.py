"""Trains the same masked-LM Transformer as `nlp pretrain` in PyTorch, to tell a bug in our
stack from a bad configuration (issue 4: "validation MLM loss well below the unigram baseline").

Same data pipeline as PretrainingCorpus/MLMMasker: one paragraph per non-empty line, every
20th paragraph held out, paragraphs joined with [SEP] and packed into [CLS] + (L-2) + [SEP]
sequences, 15% of non-special tokens masked 80/10/10, loss only at masked positions.
Same model (transformers.BertForMaskedLM, tied decoder, std-0.02 init), AdamW (no decay on
biases/LayerNorm), warm-up then linear decay, clipping 1.0. Prints val loss every --eval-every.

    /root/.cache/nlp-peers/.venv/bin/python scripts/experiments/torch_mlm_reference.py \
        --vocab vocab/wordpiece-en-zh-8k.json --corpus corpora/en corpora/zh --steps 400
"""
import argparse, glob, json, math, os, random, time

import torch
from tokenizers import Tokenizer
from transformers import BertConfig, BertForMaskedLM

p = argparse.ArgumentParser()
p.add_argument("--vocab", required=True)
p.add_argument("--corpus", nargs="+", required=True)
p.add_argument("--hidden", type=int, default=128)
p.add_argument("--layers", type=int, default=2)
p.add_argument("--heads", type=int, default=2)
p.add_argument("--seq-len", type=int, default=128)
p.add_argument("--batch-size", type=int, default=16)
p.add_argument("--steps", type=int, default=400)
p.add_argument("--lr", type=float, default=1e-3)
p.add_argument("--warmup", type=int, default=None)
p.add_argument("--dropout", type=float, default=0.1)
p.add_argument("--eval-every", type=int, default=50)
p.add_argument("--threads", type=int, default=2)
p.add_argument("--seed", type=int, default=1)
p.add_argument("--prior-bias", action="store_true", help="start cls.predictions.bias at the log unigram probabilities")
a = p.parse_args()
torch.manual_seed(a.seed); random.seed(a.seed); torch.set_num_threads(a.threads)

tok = Tokenizer.from_file(a.vocab)
vocab = tok.get_vocab()
V = tok.get_vocab_size()
cls, sep, mask, pad = (vocab[t] for t in ("[CLS]", "[SEP]", "[MASK]", "[PAD]"))
special = {i for t, i in vocab.items() if t.startswith("[") and t.endswith("]")}
normal = [i for i in range(V) if i not in special]

files = []
for c in a.corpus:
    files += sorted(glob.glob(os.path.join(c, "**", "*.txt"), recursive=True)) if os.path.isdir(c) else [c]
train_stream, val_stream = [], []
k = 0
for f in files:
    for line in open(f, encoding="utf-8"):
        line = line.strip()
        if not line:
            continue
        ids = tok.encode(line, add_special_tokens=False).ids
        k += 1
        (val_stream if k % 20 == 0 else train_stream).extend(ids + [sep])


def pack(stream):
    body = a.seq_len - 2
    out, i = [], 0
    while i + body <= len(stream):
        if stream[i] == sep:
            i += 1
            continue
        out.append([cls] + stream[i:i + body] + [sep]); i += body
    return torch.tensor(out)


train, val = pack(train_stream), pack(val_stream)[:64]
counts = torch.bincount(torch.tensor([t for t in train_stream if t not in special]), minlength=V).double()
pr = counts[counts > 0] / counts.sum()
print(f"train {len(train)} seqs, val {len(val)}, unigram entropy {-(pr * pr.log()).sum():.3f}", flush=True)


special_t = torch.zeros(V, dtype=torch.bool)
special_t[list(special)] = True
normal_t = torch.tensor(normal)


def masked(batch, g):
    """BERT masking, vectorised: round(15%) of each row's non-special tokens, 80/10/10."""
    x = batch.clone(); labels = torch.full_like(x, -100)
    candidate = ~special_t[x]
    scores = torch.rand(x.shape, generator=g).masked_fill(~candidate, 2.0)
    order = scores.argsort(dim=1)
    counts = (0.15 * candidate.sum(1).double()).round().clamp(min=1).long()
    chosen = torch.zeros_like(candidate)
    for r in range(x.shape[0]):
        chosen[r, order[r, :counts[r]]] = True
    labels[chosen] = x[chosen]
    u = torch.rand(x.shape, generator=g)
    x[chosen & (u < 0.8)] = mask
    rnd = chosen & (u >= 0.8) & (u < 0.9)
    x[rnd] = normal_t[torch.randint(len(normal), (int(rnd.sum()),), generator=g)]
    return x, labels


cfg = BertConfig(vocab_size=V, hidden_size=a.hidden, num_hidden_layers=a.layers, num_attention_heads=a.heads,
                 intermediate_size=4 * a.hidden, max_position_embeddings=max(512, a.seq_len),
                 hidden_dropout_prob=a.dropout, attention_probs_dropout_prob=a.dropout, pad_token_id=pad)
model = BertForMaskedLM(cfg)
if a.prior_bias:
    with torch.no_grad():
        model.cls.predictions.bias.copy_(((counts + 0.1) / (counts.sum() + 0.1 * V)).log().float())
decay = [p_ for n, p_ in model.named_parameters() if p_.dim() >= 2]
nodecay = [p_ for n, p_ in model.named_parameters() if p_.dim() < 2]
opt = torch.optim.AdamW([{"params": decay, "weight_decay": 0.01}, {"params": nodecay, "weight_decay": 0.0}], lr=a.lr)
warm = a.warmup if a.warmup is not None else round(0.06 * a.steps)
sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: (s + 1) / warm if s < warm else max(0.0, (a.steps - s) / max(1, a.steps - warm)))
g = torch.Generator().manual_seed(a.seed)
vg = torch.Generator().manual_seed(99)
val_batches = [masked(val[i:i + a.batch_size], vg) for i in range(0, len(val), a.batch_size)]


def evaluate():
    model.eval(); tot = n = 0
    with torch.no_grad():
        for x, y in val_batches:
            logits = model(input_ids=x).logits
            m = y != -100
            tot += torch.nn.functional.cross_entropy(logits[m], y[m], reduction="sum").item(); n += int(m.sum())
    model.train(); return tot / n


order = []
t0 = time.time()
for step in range(1, a.steps + 1):
    if len(order) < a.batch_size:
        order += torch.randperm(len(train)).tolist()
    idx, order = order[:a.batch_size], order[a.batch_size:]
    x, y = masked(train[idx], g)
    loss = model(input_ids=x, labels=y).loss
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    opt.step(); sched.step(); opt.zero_grad()
    if step % a.eval_every == 0 or step == a.steps:
        print(json.dumps({"step": step, "loss": round(loss.item(), 4), "val_loss": round(evaluate(), 4),
                          "seconds": round(time.time() - t0, 1)}), flush=True)
