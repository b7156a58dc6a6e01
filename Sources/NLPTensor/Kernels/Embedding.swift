/// Embedding lookup: out[n, :] = table[ids[n], :]. Backward scatters: dtable[ids[n], :] += dout[n, :]
/// (repeated ids accumulate). Rows are split across threads by *columns* in backward so two
/// threads never add into the same float even when ids repeat.
func embeddingForward(_ out: UnsafeMutablePointer<Float>, _ table: UnsafePointer<Float>, _ ids: UnsafePointer<Int32>, count: Int, dim: Int) {
    Parallel.forEach(count, costPerItem: dim) { r in
        for n in r { (out + n * dim).update(from: table + Int(ids[n]) * dim, count: dim) }
    }
}

func embeddingBackward(_ dtable: UnsafeMutablePointer<Float>, _ dout: UnsafePointer<Float>, _ ids: UnsafePointer<Int32>, count: Int, dim: Int) {
    let parts = (count * dim >= 2 * Parallel.minimumElementsPerThread && dim >= 32) ? Parallel.threads : 1
    let chunk = (dim + parts - 1) / parts
    Parallel.forEachAlways(parts) { pr in
        for p in pr {
            let c0 = p * chunk, c1 = min(dim, c0 + chunk)
            for n in 0..<count {
                let d = dtable + Int(ids[n]) * dim, g = dout + n * dim
                for j in c0..<c1 { d[j] += g[j] }
            }
        }
    }
}
