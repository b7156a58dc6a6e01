#!/usr/bin/env python3
"""Checks that a safetensors file written by swift-nlp loads in the reference implementation.

The Swift test `SafeTensorsTests.writtenFilesAreReadableBack` leaves its output at
$TMPDIR/swift-nlp-safetensors-interop.safetensors (TMPDIR defaults to /tmp). Then:

    /root/.cache/nlp-peers/.venv/bin/python scripts/reference/check_safetensors_python_load.py [FILE]

prints every tensor and exits non-zero if any value differs from the formula the test used.
"""
import os, sys
import torch
from safetensors import safe_open

path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.environ.get("TMPDIR", "/tmp"),
                                                           "swift-nlp-safetensors-interop.safetensors")
expected = {
    "weights": (torch.arange(12, dtype=torch.float32) * 0.5 - 3).reshape(3, 4),
    "bias": torch.tensor([0.125, -0.25, 1e-30], dtype=torch.float32),
    "ids": torch.tensor([[5, 6, 7]], dtype=torch.int32),
    "empty": torch.zeros(0, 2),
}
with safe_open(path, framework="pt") as f:
    assert f.metadata() == {"format": "pt", "step": "42"}, f.metadata()
    assert sorted(f.keys()) == sorted(expected), f.keys()
    for name, want in expected.items():
        got = f.get_tensor(name)
        print(name, got.dtype, tuple(got.shape), got.reshape(-1)[:6].tolist())
        assert got.dtype == want.dtype and got.shape == want.shape and torch.equal(got, want), name
print("OK: python safetensors", __import__("safetensors").__version__, "loads", path)
