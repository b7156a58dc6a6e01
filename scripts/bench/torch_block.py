#!/usr/bin/env python3
"""PyTorch timing of the layer that `nlp-bench block` times: one post-LN BERT layer (BertLayer
from ../shared/peers/bench_torch_train.py), hidden 256, 4 heads, FFN 1024, batch 32 x seq 128,
dropout 0.1, forward + backward with a fixed output gradient, grads zeroed each step.

  /root/.cache/nlp-peers/.venv/bin/python scripts/bench/torch_block.py --threads 2 [--steps 10]
"""
import argparse, json, os, statistics, sys, time

ap = argparse.ArgumentParser()
ap.add_argument("--threads", type=int, default=2)
ap.add_argument("--steps", type=int, default=10)
ap.add_argument("--peers", default="/work/shared/peers")
a = ap.parse_args()
os.environ["OMP_NUM_THREADS"] = str(a.threads)
sys.path.insert(0, a.peers)
import torch  # noqa: E402
from bench_torch_train import BertLayer  # noqa: E402

torch.set_num_threads(a.threads)
torch.manual_seed(0)
layer = BertLayer(256, 4, 1024).train()
x = torch.randn(32, 128, 256, requires_grad=True)
g = torch.randn(32, 128, 256)


def step():
    layer.zero_grad(set_to_none=False)
    x.grad = None
    layer(x).backward(g)


for _ in range(3):
    step()
ts = []
for _ in range(a.steps):
    t0 = time.perf_counter()
    step()
    ts.append((time.perf_counter() - t0) * 1e3)
ts.sort()
print(json.dumps({"bench": "torch_block", "threads": a.threads, "torch": torch.__version__,
                  "ms_per_step_median": round(statistics.median(ts), 1), "ms_per_step_min": round(ts[0], 1)}))
