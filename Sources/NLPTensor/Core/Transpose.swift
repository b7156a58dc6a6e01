/// Copies a rows x cols row-major matrix into its cols x rows transpose, in 32x32 tiles so that
/// both the reads and the writes stay within a few cache lines.
func transposeCopy(_ src: UnsafePointer<Float>, rows: Int, cols: Int, into dst: UnsafeMutablePointer<Float>) {
    let tile = 32
    var i0 = 0
    while i0 < rows {
        let i1 = min(i0 + tile, rows)
        var j0 = 0
        while j0 < cols {
            let j1 = min(j0 + tile, cols)
            for i in i0..<i1 {
                for j in j0..<j1 { dst[j * rows + i] = src[i * cols + j] }
            }
            j0 = j1
        }
        i0 = i1
    }
}

/// dst (cols x rows) += transpose(src (rows x cols)); the backward of materialising a transposed view.
func transposeAccumulate(_ src: UnsafePointer<Float>, rows: Int, cols: Int, into dst: UnsafeMutablePointer<Float>) {
    for i in 0..<rows {
        for j in 0..<cols { dst[j * rows + i] += src[i * cols + j] }
    }
}
