@testable import NLPTensor

/// Every op under test, by the name the PyTorch generator gives its case. The reference test
/// compares outputs and gradients with PyTorch; the gradient test checks the same closures
/// against finite differences.
let opTable: [String: (OpArguments) throws -> [Tensor]] = [
    "add_broadcast": { a in [try a.f("a") + a.f("b")] },
    "sub_broadcast": { a in [try a.f("a") - a.f("b")] },
    "mul_broadcast": { a in [try a.f("a") * a.f("b")] },
    "mul_general": { a in [try a.f("a") * a.f("b")] },
    "div": { a in [try a.f("a") / a.f("b")] },
    "scale": { a in [a.f("x").scaled(a.p("scale"), shift: a.p("shift"))] },
    "matmul": { a in [try a.f("a").matmul(a.f("b"))] },
    "matmul_bt": { a in [try a.f("a").matmul(a.f("w").transposed())] },
    "matmul_at": { a in [try a.f("s").transposed().matmul(a.f("b"))] },
    "bmm": { a in [try a.f("a").bmm(a.f("b"))] },
    "bmm_bt": { a in [try a.f("a").matmul(a.f("b").transposed())] },
    "linear": { a in [try a.f("x").linear(a.f("w"), a.f("b"))] },
    "embedding": { a in [try a.f("table").embedding(a.i("ids"))] },
    "relu": { a in [a.f("x").relu()] },
    "tanh": { a in [a.f("x").tanh()] },
    "sigmoid": { a in [a.f("x").sigmoid()] },
    "gelu": { a in [a.f("x").gelu()] },
    "gelu_tanh": { a in [a.f("x").gelu(approximate: true)] },
    "bias_gelu": { a in [try a.f("x").biasActivation(a.f("b"), .geluExact)] },
    "softmax": { a in [try a.f("x").softmax()] },
    "softmax_masked_scaled": { a in [try a.f("x").softmax(scale: a.p("scale"), mask: a.i("mask"))] },
    "log_softmax": { a in [a.f("x").logSoftmax()] },
    "layer_norm": { a in [try a.f("x").layerNorm(weight: a.f("w"), bias: a.f("b"), eps: 1e-5)] },
    "add_layer_norm": { a in [try a.f("x").addLayerNorm(a.f("res"), weight: a.f("w"), bias: a.f("b"), eps: 1e-5)] },
    "cross_entropy": { a in [try a.f("logits").crossEntropy(a.i("targets"))] },
    "cross_entropy_smoothing": { a in [try a.f("logits").crossEntropy(a.i("targets"), labelSmoothing: a.p("smoothing"))] },
    "sum_all": { a in [try a.f("x").sum()] },
    "mean_all": { a in [try a.f("x").mean()] },
    "sum_axis1": { a in [try a.f("x").sum(axis: 1)] },
    "mean_axis0": { a in [try a.f("x").mean(axis: 0)] },
    "mean_last_keepdim": { a in [try a.f("x").mean(axis: -1, keepDims: true)] },
    "concat_axis1": { a in [try concat([a.f("a"), a.f("b")], axis: 1)] },
    "split_axis1": { a in try a.f("x").split([2, 3], axis: 1) },
    "conv1d": { a in [try a.f("x").conv1d(weight: a.f("w"), bias: a.f("b"), padding: Int(a.p("padding")))] },
    "max_over_time": { a in [try a.f("x").maxOverTime()] },
    "masked_fill": { a in [try a.f("x").maskedFill(a.i("mask"), a.p("value"))] },
    "lstm_cell": { a in
        let (h, c) = try lstmCell(a.f("x"), h: a.f("h"), c: a.f("c"), weightIH: a.f("wih"), weightHH: a.f("whh"),
                                  biasIH: a.f("bih"), biasHH: a.f("bhh"))
        return [h, c]
    },
    "attention": { a in [try a.f("qkv").selfAttention(heads: Int(a.p("heads")))] },
    "attention_causal": { a in [try a.f("qkv").selfAttention(heads: Int(a.p("heads")), causal: true)] },
    "attention_key_mask": { a in [try a.f("qkv").selfAttention(heads: Int(a.p("heads")), keyMask: a.i("key_mask"))] },
]
