#!/usr/bin/env python3
"""Reference values for the optimiser, schedule and clipping tests (NLPTensorTests/Optim).

Run with the peers' environment (torch + transformers):
    /root/.cache/nlp-peers/.venv/bin/python scripts/reference/make_optim_reference.py
Writes Tests/NLPTensorTests/Fixtures/optim_reference.json.

Optimisers: two parameters ("weight" 3x4 in a decayed group, "bias" 4 in a group with its own
lr scale and weight decay), a fixed sequence of float32 gradients (independent of the
parameters, so both sides see exactly the same gradients), and the parameters after every step.
The AdamW case also drives its lr with transformers' linear warm-up schedule.
"""
import json, math, os
import torch
from transformers import (get_constant_schedule_with_warmup, get_cosine_schedule_with_warmup,
                          get_cosine_with_min_lr_schedule_with_warmup, get_linear_schedule_with_warmup)

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "Tests", "NLPTensorTests",
                   "Fixtures", "optim_reference.json")
STEPS = 12


def floats(t):
    return [float(x) for x in t.detach().reshape(-1).tolist()]


def optimizer_case(name, make, base_lr, groups_cfg, schedule=None):
    g = torch.Generator().manual_seed(len(name))
    weight = torch.randn(3, 4, generator=g)
    bias = torch.randn(4, generator=g)
    initial = {"weight": floats(weight), "bias": floats(bias)}
    params = {"weight": torch.nn.Parameter(weight.clone()), "bias": torch.nn.Parameter(bias.clone())}
    groups = [{"params": [params[c["name"]]], "lr": base_lr * c["lr_scale"], "weight_decay": c["weight_decay"]}
              for c in groups_cfg]
    opt = make(groups)
    sched = schedule(opt) if schedule else None
    grads, expected, lrs = [], [], []
    for step in range(STEPS):
        scale = 1.0 + step % 3  # vary magnitudes so the moments see changing statistics
        gw = torch.randn(3, 4, generator=g) * scale
        gb = torch.randn(4, generator=g) * scale
        params["weight"].grad = gw.clone()
        params["bias"].grad = gb.clone()
        lrs.append(opt.param_groups[0]["lr"] / groups_cfg[0]["lr_scale"])
        opt.step()
        if sched:
            sched.step()
        grads.append({"weight": floats(gw), "bias": floats(gb)})
        expected.append({k: floats(v) for k, v in params.items()})
    return {"name": name, "base_lr": base_lr, "groups": groups_cfg, "initial": initial,
            "gradients": grads, "lrs": lrs, "expected": expected}


def main():
    wd_groups = [{"name": "weight", "lr_scale": 1.0, "weight_decay": 0.05},
                 {"name": "bias", "lr_scale": 0.5, "weight_decay": 0.0}]
    cases = [
        optimizer_case("sgd_nesterov", lambda gs: torch.optim.SGD(gs, lr=0.1, momentum=0.9, nesterov=True), 0.1, wd_groups),
        optimizer_case("sgd_dampening", lambda gs: torch.optim.SGD(gs, lr=0.05, momentum=0.8, dampening=0.3), 0.05, wd_groups),
        optimizer_case("sgd_plain", lambda gs: torch.optim.SGD(gs, lr=0.05), 0.05, wd_groups),
        optimizer_case("adam", lambda gs: torch.optim.Adam(gs, lr=0.01, betas=(0.9, 0.999), eps=1e-8), 0.01, wd_groups),
        optimizer_case("adam_betas", lambda gs: torch.optim.Adam(gs, lr=0.02, betas=(0.8, 0.95), eps=1e-6), 0.02, wd_groups),
        optimizer_case("adamw", lambda gs: torch.optim.AdamW(gs, lr=0.01, betas=(0.9, 0.999), eps=1e-8), 0.01,
                       [{"name": "weight", "lr_scale": 1.0, "weight_decay": 0.1},
                        {"name": "bias", "lr_scale": 0.5, "weight_decay": 0.0}]),
        optimizer_case("adamw_linear_warmup", lambda gs: torch.optim.AdamW(gs, lr=0.03), 0.03,
                       [{"name": "weight", "lr_scale": 1.0, "weight_decay": 0.1},
                        {"name": "bias", "lr_scale": 1.0, "weight_decay": 0.0}],
                       schedule=lambda o: get_linear_schedule_with_warmup(o, num_warmup_steps=3, num_training_steps=10)),
    ]

    steps = [0, 1, 2, 5, 9, 10, 11, 37, 55, 99, 100, 101, 150]
    schedules = []
    for kind, make in [
        ("constant", lambda o: get_constant_schedule_with_warmup(o, num_warmup_steps=10)),
        ("linear", lambda o: get_linear_schedule_with_warmup(o, num_warmup_steps=10, num_training_steps=100)),
        ("cosine", lambda o: get_cosine_schedule_with_warmup(o, num_warmup_steps=10, num_training_steps=100)),
        ("cosine_min", lambda o: get_cosine_with_min_lr_schedule_with_warmup(o, num_warmup_steps=10, num_training_steps=100, min_lr_rate=0.1)),
        ("linear_nowarmup", lambda o: get_linear_schedule_with_warmup(o, num_warmup_steps=0, num_training_steps=50)),
    ]:
        opt = torch.optim.SGD([torch.nn.Parameter(torch.zeros(1))], lr=1.0)
        sched = make(opt)
        schedules.append({"kind": kind, "steps": steps, "multipliers": [sched.lr_lambdas[0](s) for s in steps]})

    g = torch.Generator().manual_seed(7)
    clipping = []
    for max_norm in (1.0, 5.0, 100.0):
        grads = [torch.randn(5, 3, generator=g), torch.randn(7, generator=g), torch.randn(1, generator=g) * 2]
        ps = [torch.nn.Parameter(torch.zeros_like(x)) for x in grads]
        for p, x in zip(ps, grads):
            p.grad = x.clone()
        norm = torch.nn.utils.clip_grad_norm_(ps, max_norm)
        clipping.append({"max_norm": max_norm, "gradients": [floats(x) for x in grads],
                         "norm": float(norm), "clipped": [floats(p.grad) for p in ps]})

    with open(OUT, "w") as f:
        json.dump({"generator": "scripts/reference/make_optim_reference.py", "torch": torch.__version__,
                   "optimizers": cases, "schedules": schedules, "clipping": clipping}, f, separators=(",", ":"))
    print("wrote", os.path.relpath(OUT), os.path.getsize(OUT), "bytes")


if __name__ == "__main__":
    main()
