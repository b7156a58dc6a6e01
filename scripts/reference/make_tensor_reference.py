#!/usr/bin/env python3
"""Writes PyTorch reference values for every NLPTensor op into
Tests/NLPTensorTests/Fixtures/tensor_ops.json (small shapes, fixed seed).

For each case: float inputs, int inputs, scalar parameters, the outputs, a fixed weight
tensor R per output, and the gradients of  loss = sum_k sum(out_k * R_k)  w.r.t. each float
input. Layouts are NLPTensor's (conv1d: input [B, T, Cin], weight [Cout, K, Cin]).

  /root/.cache/nlp-peers/.venv/bin/python scripts/reference/make_tensor_reference.py
"""
import json, math, os
import torch
import torch.nn.functional as F

torch.manual_seed(1234)
OUT = os.path.join(os.path.dirname(__file__), "..", "..", "Tests", "NLPTensorTests", "Fixtures", "tensor_ops.json")


def r(*shape, lo=-1.0, hi=1.0):
    return (torch.rand(tuple(shape), dtype=torch.float64) * (hi - lo) + lo).float()


def t(x):
    return {"shape": list(x.shape), "data": [round(float(v), 7) for v in x.detach().reshape(-1).tolist()]}


cases = []


def case(name, inputs, fn, ints=None, params=None):
    ins = {k: v.clone().requires_grad_(True) for k, v in inputs.items()}
    outs = fn(**ins)
    if not isinstance(outs, tuple):
        outs = (outs,)
    weights = [r(*o.shape) for o in outs]
    loss = sum((o * w).sum() for o, w in zip(outs, weights))
    loss.backward()
    cases.append({
        "name": name,
        "inputs": {k: t(v) for k, v in inputs.items()},
        "ints": {k: {"shape": list(v.shape), "data": [int(x) for x in v.reshape(-1).tolist()]} for k, v in (ints or {}).items()},
        "params": params or {},
        "outputs": [t(o) for o in outs],
        "weights": [t(w) for w in weights],
        "grads": {k: t(v.grad if v.grad is not None else torch.zeros_like(v)) for k, v in ins.items()},
    })


case("add_broadcast", {"a": r(3, 4), "b": r(4)}, lambda a, b: a + b)
case("sub_broadcast", {"a": r(2, 3, 4), "b": r(3, 1)}, lambda a, b: a - b)
case("mul_broadcast", {"a": r(2, 3, 4), "b": r(3, 1)}, lambda a, b: a * b)
case("mul_general", {"a": r(2, 1, 4), "b": r(3, 1)}, lambda a, b: a * b)
case("div", {"a": r(3, 4), "b": r(3, 4, lo=0.5, hi=2.0)}, lambda a, b: a / b)
case("scale", {"x": r(3, 5)}, lambda x: x * 2.5 + 0.5, params={"scale": 2.5, "shift": 0.5})
case("matmul", {"a": r(5, 7), "b": r(7, 3)}, lambda a, b: a @ b)
case("matmul_bt", {"a": r(2, 5, 7), "w": r(3, 7)}, lambda a, w: a @ w.t())
case("matmul_at", {"s": r(7, 5), "b": r(7, 3)}, lambda s, b: s.t() @ b)
case("bmm", {"a": r(2, 4, 5), "b": r(2, 5, 3)}, lambda a, b: torch.bmm(a, b))
case("bmm_bt", {"a": r(3, 4, 5), "b": r(3, 6, 5)}, lambda a, b: a @ b.transpose(1, 2))
case("linear", {"x": r(2, 3, 6), "w": r(4, 6), "b": r(4)}, lambda x, w, b: F.linear(x, w, b))
ids = torch.tensor([[1, 3, 3], [0, 9, 1]])
case("embedding", {"table": r(10, 4)}, lambda table: F.embedding(ids, table), ints={"ids": ids})
for act, f in [("relu", F.relu), ("tanh", torch.tanh), ("sigmoid", torch.sigmoid),
               ("gelu", F.gelu), ("gelu_tanh", lambda x: F.gelu(x, approximate="tanh"))]:
    x = r(4, 5, lo=-3, hi=3)
    if act == "relu":
        x = torch.where(x.abs() < 0.05, torch.full_like(x, 0.3), x)
    case(act, {"x": x}, lambda x, f=f: f(x))
case("bias_gelu", {"x": r(3, 8, lo=-2, hi=2), "b": r(8)}, lambda x, b: F.gelu(x + b))
case("softmax", {"x": r(3, 7, lo=-3, hi=3)}, lambda x: torch.softmax(x, -1))
mask = torch.tensor([[1, 1, 0, 1, 1], [1, 0, 0, 0, 1], [1, 1, 1, 1, 1]])
case("softmax_masked_scaled", {"x": r(2, 3, 5, lo=-3, hi=3)},
     lambda x: torch.softmax((x * 0.5).masked_fill(mask == 0, float("-inf")), -1), ints={"mask": mask}, params={"scale": 0.5})
case("log_softmax", {"x": r(3, 7, lo=-3, hi=3)}, lambda x: torch.log_softmax(x, -1))
case("layer_norm", {"x": r(4, 6, lo=-2, hi=2), "w": r(6), "b": r(6)}, lambda x, w, b: F.layer_norm(x, (6,), w, b, 1e-5))
case("add_layer_norm", {"x": r(2, 3, 6), "res": r(2, 3, 6), "w": r(6), "b": r(6)},
     lambda x, res, w, b: F.layer_norm(x + res, (6,), w, b, 1e-5))
targets = torch.tensor([0, 4, -100, 2, -100, 1])
case("cross_entropy", {"logits": r(6, 5, lo=-3, hi=3)}, lambda logits: F.cross_entropy(logits, targets, ignore_index=-100),
     ints={"targets": targets})
case("cross_entropy_smoothing", {"logits": r(6, 5, lo=-3, hi=3)},
     lambda logits: F.cross_entropy(logits, targets, ignore_index=-100, label_smoothing=0.1),
     ints={"targets": targets}, params={"smoothing": 0.1})
case("sum_all", {"x": r(2, 3, 4)}, lambda x: x.sum())
case("mean_all", {"x": r(2, 3, 4)}, lambda x: x.mean())
case("sum_axis1", {"x": r(2, 3, 4)}, lambda x: x.sum(1))
case("mean_axis0", {"x": r(2, 3, 4)}, lambda x: x.mean(0))
case("mean_last_keepdim", {"x": r(2, 3, 4)}, lambda x: x.mean(-1, keepdim=True))
case("concat_axis1", {"a": r(2, 3), "b": r(2, 2)}, lambda a, b: torch.cat([a, b], 1))
case("split_axis1", {"x": r(2, 5)}, lambda x: tuple(torch.split(x, [2, 3], 1)))
# conv1d: ours x [B, T, Cin], weight [Cout, K, Cin]; torch x [B, Cin, T], weight [Cout, Cin, K].
case("conv1d", {"x": r(2, 7, 3), "w": r(4, 3, 3), "b": r(4)},
     lambda x, w, b: F.conv1d(x.transpose(1, 2), w.permute(0, 2, 1), b, padding=1).transpose(1, 2), params={"padding": 1})
case("max_over_time", {"x": r(2, 5, 3)}, lambda x: x.max(1).values)
case("masked_fill", {"x": r(2, 3, 4)}, lambda x: x.masked_fill(mask[:, :4] == 0, -1.5), ints={"mask": (mask[:, :4] == 0).int()},
     params={"value": -1.5})


def lstm_cell(x, h, c, wih, whh, bih, bhh):
    return torch._VF.lstm_cell(x, (h, c), wih, whh, bih, bhh)


case("lstm_cell", {"x": r(3, 4), "h": r(3, 5), "c": r(3, 5), "wih": r(20, 4), "whh": r(20, 5), "bih": r(20), "bhh": r(20)},
     lambda **k: tuple(lstm_cell(**k)))


def attention(qkv, heads, causal=False, key_mask=None):
    b, tt, c3 = qkv.shape
    c = c3 // 3
    q, k, v = qkv.view(b, tt, 3, heads, c // heads).permute(2, 0, 3, 1, 4)
    m = None
    if key_mask is not None:
        m = (key_mask != 0)[:, None, None, :]
    if causal:
        cm = torch.ones(tt, tt, dtype=torch.bool).tril()
        m = cm if m is None else (m & cm)
    a = F.scaled_dot_product_attention(q, k, v, attn_mask=m)
    return a.transpose(1, 2).reshape(b, tt, c)


km = torch.tensor([[1, 1, 1, 1, 0], [1, 1, 1, 1, 1]])
case("attention", {"qkv": r(2, 5, 24)}, lambda qkv: attention(qkv, 2), params={"heads": 2})
case("attention_causal", {"qkv": r(2, 5, 24)}, lambda qkv: attention(qkv, 2, causal=True), params={"heads": 2, "causal": 1})
case("attention_key_mask", {"qkv": r(2, 5, 24)}, lambda qkv: attention(qkv, 2, key_mask=km), ints={"key_mask": km}, params={"heads": 2})

with open(OUT, "w") as f:
    json.dump({"generator": "scripts/reference/make_tensor_reference.py", "torch": torch.__version__, "cases": cases}, f)
print(f"wrote {len(cases)} cases, {os.path.getsize(OUT)} bytes to {os.path.normpath(OUT)}")
