#!/usr/bin/env python3
"""PyTorch reference values for Tensor.attention(query:key:value:heads:keyMask:causal:) into
Tests/NLPTensorTests/Fixtures/cross_attention.json (the format of tensor_ops.json: inputs,
outputs, a fixed weight R per output, and the gradients of loss = sum(out * R)).

Reference: F.scaled_dot_product_attention on [B, H, T, d] views; the causal mask lets query i
see keys j <= i + (Tk - Tq) (queries are the last Tq positions), padding keys masked out.

  /root/.cache/nlp-peers/.venv/bin/python scripts/reference/make_cross_attention_reference.py
"""
import json, os
import torch
import torch.nn.functional as F

torch.manual_seed(4321)
OUT = os.path.join(os.path.dirname(__file__), "..", "..", "Tests", "NLPTensorTests", "Fixtures", "cross_attention.json")


def r(*shape):
    return (torch.rand(tuple(shape), dtype=torch.float64) * 2 - 1).float()


def t(x):
    return {"shape": list(x.shape), "data": [round(float(v), 7) for v in x.detach().reshape(-1).tolist()]}


def attention(q, k, v, heads, causal=False, key_mask=None):
    b, tq, c = q.shape
    tk = k.shape[1]
    d = c // heads
    split = lambda x, n: x.view(b, n, heads, d).transpose(1, 2)
    allowed = torch.ones(b, 1, tq, tk, dtype=torch.bool)
    if causal:
        i = torch.arange(tq).view(tq, 1)
        j = torch.arange(tk).view(1, tk)
        allowed = allowed & (j <= i + (tk - tq))
    if key_mask is not None:
        allowed = allowed & (key_mask.view(b, 1, 1, tk) != 0)
    o = F.scaled_dot_product_attention(split(q, tq), split(k, tk), split(v, tk), attn_mask=allowed)
    return o.transpose(1, 2).reshape(b, tq, c)


cases = []


def case(name, tq, tk, heads, c, causal=False, key_mask=None, b=2):
    inputs = {"q": r(b, tq, c), "k": r(b, tk, c), "v": r(b, tk, c)}
    ins = {n: x.clone().requires_grad_(True) for n, x in inputs.items()}
    out = attention(ins["q"], ins["k"], ins["v"], heads, causal, key_mask)
    w = r(*out.shape)
    (out * w).sum().backward()
    ints = {"key_mask": {"shape": list(key_mask.shape), "data": key_mask.reshape(-1).tolist()}} if key_mask is not None else {}
    cases.append({"name": name, "inputs": {n: t(x) for n, x in inputs.items()}, "ints": ints,
                  "params": {"heads": heads, "causal": int(causal)}, "outputs": [t(out)], "weights": [t(w)],
                  "grads": {n: t(x.grad) for n, x in ins.items()}})


case("cross", 3, 5, 2, 8)
case("cross_key_mask", 4, 6, 2, 8, key_mask=torch.tensor([[1, 1, 1, 1, 0, 0], [1, 1, 1, 1, 1, 1]]))
case("self_causal", 5, 5, 2, 12, causal=True, key_mask=torch.tensor([[1, 1, 1, 1, 1], [1, 1, 1, 0, 0]]))
case("cached_step", 2, 6, 3, 12, causal=True)
case("one_head_long", 7, 9, 1, 4, key_mask=torch.tensor([[1] * 9, [1] * 5 + [0] * 4]))

with open(OUT, "w") as f:
    json.dump({"cases": cases}, f)
print("wrote", OUT, len(cases), "cases")
