#!/usr/bin/env python3
"""PyTorch reference values for Tensor.pointerGeneratorLoss into
Tests/NLPTensorTests/Fixtures/pointer_generator.json (the format of tensor_ops.json: inputs,
outputs, a fixed weight R per output, and the gradients of loss = sum(out * R)).

Reference, written as the textbook mixture with autograd (See et al. 2017):
    P = softmax(x); a = softmax(z over kept sources); g = sigmoid(u)
    p(y) = g P[y] + (1 - g) sum_s a_s [src_s == y]
    loss = mean over counted rows of -(1 - eps) log p(y) - eps mean_j log P_j

  /root/.cache/nlp-peers/.venv/bin/python scripts/reference/make_pointer_generator_reference.py
"""
import json, os
import torch

torch.manual_seed(2468)
OUT = os.path.join(os.path.dirname(__file__), "..", "..", "Tests", "NLPTensorTests", "Fixtures", "pointer_generator.json")


def r(*shape, scale=2.0):
    return ((torch.rand(tuple(shape), dtype=torch.float64) * 2 - 1) * scale).float()


def t(x):
    return {"shape": list(x.shape), "data": [round(float(v), 7) for v in x.detach().reshape(-1).tolist()]}


def ints(x):
    return {"shape": list(x.shape), "data": [int(v) for v in x.reshape(-1).tolist()]}


def loss_fn(x, z, u, targets, ids, keep, eps):
    b, steps, v = x.shape
    p_vocab = torch.softmax(x.double(), -1)
    scores = z.double().masked_fill(keep.view(b, 1, -1) == 0, float("-inf"))
    a = torch.softmax(scores, -1)
    g = torch.sigmoid(u.double().view(b, steps))
    counted = targets != -100
    y = targets.clamp(min=0)
    pv_y = p_vocab.gather(-1, y.unsqueeze(-1)).squeeze(-1)
    match = (ids.view(b, 1, -1) == y.unsqueeze(-1)).double()
    copy = (a * match).sum(-1)
    p = g * pv_y + (1 - g) * copy
    smooth = -torch.log_softmax(x.double(), -1).mean(-1)
    per_row = -(1 - eps) * torch.log(p) + eps * smooth
    return (per_row * counted).sum() / counted.sum()


cases = []


def case(name, b, steps, s, v, eps=0.0, keep=None, targets=None, ids=None):
    ids = ids if ids is not None else torch.randint(0, v, (b, s))
    keep = keep if keep is not None else torch.ones(b, s, dtype=torch.long)
    targets = targets if targets is not None else torch.randint(0, v, (b, steps))
    inputs = {"x": r(b, steps, v), "z": r(b, steps, s), "u": r(b, steps, 1)}
    ins = {n: x.clone().requires_grad_(True) for n, x in inputs.items()}
    out = loss_fn(ins["x"], ins["z"], ins["u"], targets, ids, keep, eps).float()
    w = r()
    (out * w).sum().backward()
    cases.append({"name": name, "inputs": {n: t(x) for n, x in inputs.items()},
                  "ints": {"targets": ints(targets), "ids": ints(ids), "keep": ints(keep)},
                  "params": {"smoothing": eps}, "outputs": [t(out.view([]))], "weights": [t(w.view([]))],
                  "grads": {n: t(x.grad) for n, x in ins.items()}})


# Targets chosen so some are copyable (present in the source), some only generable, one ignored.
ids = torch.tensor([[3, 5, 5, 9, 1], [7, 2, 8, 8, 0]])
case("copy_and_generate", 2, 4, 5, 11, ids=ids, targets=torch.tensor([[5, 4, 9, -100], [8, 7, 10, 2]]))
case("padded_source_smoothing", 2, 3, 6, 9, eps=0.1, ids=torch.tensor([[1, 2, 3, 4, 5, 6], [6, 6, 1, 2, 0, 0]]),
     keep=torch.tensor([[1, 1, 1, 1, 1, 1], [1, 1, 1, 1, 0, 0]]), targets=torch.tensor([[6, 0, 2], [6, 5, 0]]))
case("random", 3, 5, 7, 13, eps=0.05)

with open(OUT, "w") as f:
    json.dump({"cases": cases}, f)
print("wrote", OUT, len(cases), "cases")
