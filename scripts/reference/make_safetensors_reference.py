#!/usr/bin/env python3
"""safetensors fixtures written by the reference implementation (Python `safetensors` package).

    /root/.cache/nlp-peers/.venv/bin/python scripts/reference/make_safetensors_reference.py

Writes into Tests/NLPTensorTests/Fixtures/safetensors/:
  python_mixed.safetensors + python_mixed.json: every dtype HF checkpoints use (F32, F16, BF16,
      F64, I64, I32, I16, I8, U8, BOOL, an empty tensor) with metadata; the JSON holds each tensor's
      dtype, shape and values as torch converts them (to float32 for floating types, to int for
      integer types), which our reader must reproduce.
  python_f32.safetensors: F32/I32/I64 tensors whose values the Swift test rebuilds by formula
      (see SafeTensorsTests.pythonLayoutTensors); our writer must produce these exact bytes.
"""
import json, os
import torch
from safetensors.torch import save_file
import safetensors

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "Tests", "NLPTensorTests",
                   "Fixtures", "safetensors")


def main():
    os.makedirs(OUT, exist_ok=True)
    g = torch.Generator().manual_seed(0)
    f16 = torch.tensor([0.0, -0.0, 1.0, -2.5, 65504.0, 6.1035e-05, 5.96e-08, float("inf"), float("-inf"), 0.333],
                       dtype=torch.float16)
    mixed = {
        "encoder.weight": torch.randn(2, 3, generator=g),
        "encoder.half": f16,
        "encoder.bf16": torch.randn(5, generator=g).to(torch.bfloat16),
        "encoder.double": torch.randn(3, generator=g).to(torch.float64),
        "position_ids": torch.arange(8, dtype=torch.int64).reshape(1, 8),
        "token_type": torch.tensor([0, 1, -7, 2147483647], dtype=torch.int32),
        "short": torch.tensor([-300, 300], dtype=torch.int16),
        "tiny": torch.tensor([-128, 127], dtype=torch.int8),
        "bytes": torch.tensor([0, 255], dtype=torch.uint8),
        "mask": torch.tensor([True, False, True]),
        "empty": torch.zeros(0, 3),
    }
    save_file(mixed, os.path.join(OUT, "python_mixed.safetensors"), metadata={"format": "pt", "note": "é ünïcode"})
    expected = {}
    for name, t in mixed.items():
        floating = t.is_floating_point()
        values = t.float().reshape(-1).tolist() if floating else t.to(torch.int64).reshape(-1).tolist()
        expected[name] = {"shape": list(t.shape), "floating": floating,
                          "values": [v if v == v and abs(v) != float("inf") else str(v) for v in values]}
    with open(os.path.join(OUT, "python_mixed.json"), "w") as f:
        json.dump({"generator": "scripts/reference/make_safetensors_reference.py",
                   "safetensors": safetensors.__version__, "tensors": expected}, f, indent=1)

    # Rebuilt by formula in the Swift test: value k of "w" is k * 0.25 - 1, etc.
    layout = {
        "w": (torch.arange(6, dtype=torch.float32) * 0.25 - 1).reshape(2, 3),
        'layer.0/"quoted"\\é': torch.tensor([0.5, -1.5], dtype=torch.float32),
        "ids": torch.tensor([1, -2, 3, 2147483647], dtype=torch.int32),
        "big": torch.tensor([-5, 1 << 40], dtype=torch.int64),
        "scalar": torch.tensor(3.0),
    }
    save_file(layout, os.path.join(OUT, "python_f32.safetensors"), metadata={"format": "pt"})
    print("wrote fixtures into", os.path.relpath(OUT))


if __name__ == "__main__":
    main()
