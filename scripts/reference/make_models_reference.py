#!/usr/bin/env python3
"""PyTorch reference values for NLPModels' pre-LN Transformer layer, LSTM encoder and text CNN
(forward values and gradients, float32), written to Tests/NLPModelsTests/Fixtures/*.safetensors
under OUR parameter names and layouts, so the Swift tests load weights by name.

- prenorm_layer_reference: nn.TransformerEncoderLayer(norm_first=True, gelu, batch_first) with a
  key padding mask. in_proj_weight splits into attention.self.{query,key,value}; norm1 ->
  attention.output.LayerNorm (applied before attention), norm2 -> output.LayerNorm.
- lstm_reference: nn.Embedding + nn.LSTM (2 layers, bidirectional; and 1 layer forward-only)
  over a right-padded batch through pack_padded_sequence, so padding never reaches the states.
- textcnn_reference: Embedding -> Conv1d (widths 2 and 3) -> ReLU -> max over time -> Linear.
  Conv weights are stored in NLPTensor's layout [Cout, K, Cin] (PyTorch's is [Cout, Cin, K]).

Every case: loss = sum_k sum(out_k * R_k) and grad.<name> for each parameter and input.

  /root/.cache/nlp-peers/.venv/bin/python scripts/reference/make_models_reference.py
"""
import os
import torch
import torch.nn as nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence
from safetensors.torch import save_file

FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "Tests", "NLPModelsTests", "Fixtures")


def save(name, tensors):
    save_file({k: v.detach().contiguous().float() if v.is_floating_point() else v.to(torch.int32).contiguous()
               for k, v in tensors.items()}, os.path.join(FIXTURES, name + ".safetensors"))


def prenorm_layer():
    torch.manual_seed(11)
    C, H, F, B, T = 16, 2, 32, 2, 5
    layer = nn.TransformerEncoderLayer(C, H, F, dropout=0.0, activation="gelu", layer_norm_eps=1e-5,
                                       batch_first=True, norm_first=True)
    with torch.no_grad():
        for n, p in layer.named_parameters():
            if n.endswith("bias") or n.startswith("norm"):
                p.add_(0.1 * torch.randn_like(p))
    x = torch.randn(B, T, C, requires_grad=True)
    mask = torch.tensor([[1, 1, 1, 1, 1], [1, 1, 1, 0, 0]])
    out = layer(x, src_key_padding_mask=(mask == 0))
    r = torch.randn(out.shape)
    (out * r).sum().backward()
    ours = {
        "attention.self.query": (layer.self_attn.in_proj_weight[:C], layer.self_attn.in_proj_bias[:C]),
        "attention.self.key": (layer.self_attn.in_proj_weight[C:2 * C], layer.self_attn.in_proj_bias[C:2 * C]),
        "attention.self.value": (layer.self_attn.in_proj_weight[2 * C:], layer.self_attn.in_proj_bias[2 * C:]),
        "attention.output.dense": (layer.self_attn.out_proj.weight, layer.self_attn.out_proj.bias),
        "attention.output.LayerNorm": (layer.norm1.weight, layer.norm1.bias),
        "intermediate.dense": (layer.linear1.weight, layer.linear1.bias),
        "output.dense": (layer.linear2.weight, layer.linear2.bias),
        "output.LayerNorm": (layer.norm2.weight, layer.norm2.bias),
    }
    grads = {
        "attention.self.query": (layer.self_attn.in_proj_weight.grad[:C], layer.self_attn.in_proj_bias.grad[:C]),
        "attention.self.key": (layer.self_attn.in_proj_weight.grad[C:2 * C], layer.self_attn.in_proj_bias.grad[C:2 * C]),
        "attention.self.value": (layer.self_attn.in_proj_weight.grad[2 * C:], layer.self_attn.in_proj_bias.grad[2 * C:]),
        "attention.output.dense": (layer.self_attn.out_proj.weight.grad, layer.self_attn.out_proj.bias.grad),
        "attention.output.LayerNorm": (layer.norm1.weight.grad, layer.norm1.bias.grad),
        "intermediate.dense": (layer.linear1.weight.grad, layer.linear1.bias.grad),
        "output.dense": (layer.linear2.weight.grad, layer.linear2.bias.grad),
        "output.LayerNorm": (layer.norm2.weight.grad, layer.norm2.bias.grad),
    }
    t = {"x": x, "attention_mask": mask, "r": r, "out": out, "grad.x": x.grad}
    for k, (w, b) in ours.items():
        t[k + ".weight"], t[k + ".bias"] = w, b
    for k, (w, b) in grads.items():
        t["grad." + k + ".weight"], t["grad." + k + ".bias"] = w, b
    save("prenorm_layer_reference", t)


def lstm_case(prefix, layers, bidirectional, t):
    torch.manual_seed(21 + layers)
    V, E, Hd = 20, 6, 5
    lengths = [7, 4, 1]
    B, T = len(lengths), max(lengths)
    emb = nn.Embedding(V, E)
    lstm = nn.LSTM(E, Hd, num_layers=layers, bidirectional=bidirectional, batch_first=True)
    ids = torch.randint(1, V, (B, T))
    mask = torch.zeros(B, T, dtype=torch.long)
    for b, n in enumerate(lengths):
        mask[b, :n] = 1
        ids[b, n:] = 0
    x = emb(ids)
    packed = pack_padded_sequence(x, torch.tensor(lengths), batch_first=True, enforce_sorted=False)
    out, (h, c) = lstm(packed)
    out, _ = pad_packed_sequence(out, batch_first=True, total_length=T)
    r_out, r_h, r_c = torch.randn(out.shape), torch.randn(h.shape), torch.randn(c.shape)
    ((out * r_out).sum() + (h * r_h).sum() + (c * r_c).sum()).backward()
    t[prefix + "input_ids"], t[prefix + "attention_mask"] = ids, mask
    t[prefix + "r_out"], t[prefix + "r_h"], t[prefix + "r_c"] = r_out, r_h, r_c
    t[prefix + "out"], t[prefix + "h_n"], t[prefix + "c_n"] = out, h, c
    t[prefix + "embedding.weight"], t[prefix + "grad.embedding.weight"] = emb.weight, emb.weight.grad
    for n, p in lstm.named_parameters():
        t[prefix + "lstm." + n], t[prefix + "grad.lstm." + n] = p, p.grad


def lstm():
    t = {}
    lstm_case("bi.", 2, True, t)
    lstm_case("uni.", 1, False, t)
    save("lstm_reference", t)


def textcnn():
    torch.manual_seed(31)
    V, E, widths, filters, classes = 20, 6, [2, 3], 4, 3
    emb = nn.Embedding(V, E)
    convs = nn.ModuleList([nn.Conv1d(E, filters, k) for k in widths])
    fc = nn.Linear(filters * len(widths), classes)
    ids = torch.randint(0, V, (2, 6))
    x = emb(ids).transpose(1, 2)  # [B, E, T]
    pooled = [torch.relu(conv(x)).max(dim=2).values for conv in convs]
    logits = fc(torch.cat(pooled, dim=1))
    r = torch.randn(logits.shape)
    (logits * r).sum().backward()
    t = {"input_ids": ids, "r": r, "logits": logits,
         "embedding.weight": emb.weight, "grad.embedding.weight": emb.weight.grad,
         "classifier.weight": fc.weight, "classifier.bias": fc.bias,
         "grad.classifier.weight": fc.weight.grad, "grad.classifier.bias": fc.bias.grad}
    for i, conv in enumerate(convs):
        t[f"convs.{i}.weight"] = conv.weight.permute(0, 2, 1)
        t[f"convs.{i}.bias"] = conv.bias
        t[f"grad.convs.{i}.weight"] = conv.weight.grad.permute(0, 2, 1)
        t[f"grad.convs.{i}.bias"] = conv.bias.grad
    save("textcnn_reference", t)


if __name__ == "__main__":
    os.makedirs(FIXTURES, exist_ok=True)
    prenorm_layer()
    lstm()
    textcnn()
    print("written to", os.path.abspath(FIXTURES))
