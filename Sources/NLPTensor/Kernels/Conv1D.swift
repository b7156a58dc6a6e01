/// 1-D convolution over time for text CNNs, as im2col + one sgemm.
///
/// Layout: input [B, T, Cin] (embeddings, time-major), weight [Cout, K, Cin], output
/// [B, Tout, Cout] with Tout = T + 2*pad - K + 1 and stride 1. The weight keeps (k, cin)
/// adjacent so that each im2col row is K contiguous input rows: one copy of K*Cin floats
/// (PyTorch's Conv1d weight is [Cout, Cin, K]; permute(0, 2, 1) converts).
///     cols[(b,t), k*Cin + c] = x[b, t + k - pad, c]   (0 outside the sequence)
///     out = cols * W^T + bias;   dW += dout^T * cols;   dcols = dout * W;  dx = col2im(dcols)
func im2col(_ cols: UnsafeMutablePointer<Float>, _ x: UnsafePointer<Float>, batch: Int, time: Int, channels: Int, kernel: Int, pad: Int) {
    let tOut = time + 2 * pad - kernel + 1
    let rowLen = kernel * channels
    Parallel.forEach(batch * tOut, costPerItem: rowLen) { r in
        for row in r {
            let b = row / tOut, t = row % tOut
            let dst = cols + row * rowLen
            for k in 0..<kernel {
                let src = t + k - pad
                if src < 0 || src >= time { (dst + k * channels).update(repeating: 0, count: channels) }
                else { (dst + k * channels).update(from: x + (b * time + src) * channels, count: channels) }
            }
        }
    }
}

/// dx[b, t + k - pad, c] += dcols[(b,t), k*Cin + c]; batches split across threads (no overlap).
func col2imAccumulate(_ dx: UnsafeMutablePointer<Float>, _ dcols: UnsafePointer<Float>, batch: Int, time: Int, channels: Int, kernel: Int, pad: Int) {
    let tOut = time + 2 * pad - kernel + 1
    let rowLen = kernel * channels
    Parallel.forEach(batch, costPerItem: tOut * rowLen) { r in
        for b in r {
            for t in 0..<tOut {
                let src = dcols + (b * tOut + t) * rowLen
                for k in 0..<kernel {
                    let tt = t + k - pad
                    if tt < 0 || tt >= time { continue }
                    let d = dx + (b * time + tt) * channels, s = src + k * channels
                    for c in 0..<channels { d[c] += s[c] }
                }
            }
        }
    }
}

/// Max over time: x [B, T, C] -> out [B, C], remembering the winning t for backward.
func maxPoolTimeForward(_ out: UnsafeMutablePointer<Float>, argmax: UnsafeMutablePointer<Int32>, _ x: UnsafePointer<Float>, batch: Int, time: Int, channels: Int) {
    for b in 0..<batch {
        let o = out + b * channels, a = argmax + b * channels
        (o).update(from: x + b * time * channels, count: channels)
        a.update(repeating: 0, count: channels)
        for t in 1..<max(time, 1) {
            let row = x + (b * time + t) * channels
            for c in 0..<channels where row[c] > o[c] { o[c] = row[c]; a[c] = Int32(t) }
        }
    }
}

func maxPoolTimeBackward(_ dx: UnsafeMutablePointer<Float>, _ dout: UnsafePointer<Float>, argmax: UnsafePointer<Int32>, batch: Int, time: Int, channels: Int) {
    for b in 0..<batch {
        for c in 0..<channels {
            dx[(b * time + Int(argmax[b * channels + c])) * channels + c] += dout[b * channels + c]
        }
    }
}
