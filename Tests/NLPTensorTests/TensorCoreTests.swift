import Testing
@testable import NLPTensor

@Suite struct TensorCoreTests {
    @Test func storageIs64ByteAligned() {
        for n in [1, 3, 17, 1000, 5000, 100_000] {
            #expect(UInt(bitPattern: Tensor.zeros([n]).pointer) % 64 == 0)
        }
    }

    @Test func shapeErrorsAreOneLineAndNameTheShapes() throws {
        let a = Tensor.zeros([32, 256]), b = Tensor.zeros([128, 64])
        #expect(throws: TensorError.shapeMismatch(op: "matmul", shapes: [[32, 256], [128, 64]])) { try a.matmul(b) }
        do { _ = try a.matmul(b) } catch { #expect("\(error)" == "shape mismatch in matmul: [32, 256] x [128, 64]") }
        #expect(throws: TensorError.self) { try Tensor([1, 2, 3], shape: [2, 2]) }
        #expect(throws: TensorError.self) { try Tensor.zeros([2, 3]) + Tensor.zeros([4]) }
        #expect(throws: TensorError.self) { try Tensor.zeros([5, 4]).embedding(IntTensor([7], shape: [1])) }
        #expect(throws: TensorError.self) { try Tensor.zeros([2, 4]).crossEntropy(IntTensor([0, 4], shape: [2])) }
        #expect(throws: TensorError.self) { try Tensor.zeros([2, 3]).reshaped([4, 2]) }
    }

    @Test func viewsShareStorageWithoutCopying() throws {
        let x = try Tensor((0..<12).map(Float.init), shape: [3, 4])
        let r = try x.reshaped([2, -1])
        #expect(r.shape == [2, 6] && r.pointer == x.pointer)
        let rows = try x.rows(1..<3)
        #expect(rows.pointer == x.pointer + 4 && rows.scalars == [4, 5, 6, 7, 8, 9, 10, 11])
        let t = try x.transposed()
        #expect(t.shape == [4, 3] && t.isTransposed && t.pointer == x.pointer)
        #expect(t.scalars == [0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11])
        #expect(try t.transposed().scalars == x.scalars)
    }

    @Test func transposedViewMatchesMaterialisedProduct() throws {
        let a = Tensor.uniform([6, 5], low: -1, high: 1, seed: 1), b = Tensor.uniform([4, 5], low: -1, high: 1, seed: 2)
        let viaFlag = try a.matmul(b.transposed())
        let viaCopy = try a.matmul(b.transposed().contiguous())
        #expect(viaFlag.scalars == viaCopy.scalars)
        var ref = [Float](repeating: 0, count: 24)
        ref.withUnsafeMutableBufferPointer { referenceSgemm(false, true, 6, 4, 5, a.pointer, 5, b.pointer, 5, $0.baseAddress!, 4) }
        for (x, y) in zip(viaFlag.scalars, ref) { #expect(abs(x - y) < 1e-5) }
    }

    @Test func viewOfParameterAccumulatesIntoItsGradient() throws {
        let w = Tensor.parameter("w", Tensor.uniform([3, 4], low: -1, high: 1, seed: 4))
        let x = Tensor.ones([2, 4])
        try x.matmul(w.transposed()).sum().backward()
        #expect(w.grad?.scalars == [Float](repeating: 2, count: 12))
    }

    @Test func gradientsAccumulateAcrossBackwardCallsUntilZeroed() throws {
        let w = Tensor.parameter("w", try Tensor([1, 2], shape: [2]))
        try (w * 3).sum().backward()
        try (w * 3).sum().backward()
        #expect(w.grad?.scalars == [6, 6])
        w.zeroGrad()
        #expect(w.grad?.scalars == [0, 0])
    }

    @Test func noGradRecordsNothing() throws {
        let w = Tensor.parameter("w", Tensor.ones([4, 4]))
        let y = try noGrad { try Tensor.ones([2, 4]).linear(w).relu().sum() }
        #expect(!y.requiresGrad && Autograd.tapeLength == 0)
        #expect(throws: TensorError.self) { try y.backward() }
        #expect(Autograd.isEnabled)
    }

    @Test func steadyStateStepAllocatesNothing() throws {
        let w1 = Tensor.parameter("w1", Tensor.randn([64, 32], std: 0.1, seed: 1))
        let w2 = Tensor.parameter("w2", Tensor.randn([10, 64], std: 0.1, seed: 2))
        let x = Tensor.randn([16, 32], seed: 3)
        let y = try IntTensor((0..<16).map { $0 % 10 }, shape: [16])
        func step() throws {
            let h = try x.linear(w1).gelu().layerNorm(weight: nil, bias: nil)
            try h.linear(w2).crossEntropy(y).backward()
        }
        try step(); try step()
        let before = BufferPool.systemAllocations
        for _ in 0..<3 { try step() }
        #expect(BufferPool.systemAllocations == before)
    }

    @Test func crossEntropyWorkedExample() throws {
        let logits = Tensor.parameter("l", try Tensor([0, 0], shape: [1, 2]))
        let loss = try logits.crossEntropy(IntTensor([1], shape: [1]))
        #expect(abs(loss.item - 0.693147) < 1e-5)
        try loss.backward()
        #expect(logits.grad!.scalars.map { ($0 * 1e5).rounded() / 1e5 } == [0.5, -0.5])
        let ignored = try Tensor.zeros([2, 3]).crossEntropy(IntTensor([-100, -100], shape: [2]))
        #expect(ignored.item == 0)
    }

    @Test func dropoutKeepsTheExpectedShareAndIsSeeded() throws {
        let x = Tensor.ones([100_000])
        let y = try x.dropout(0.25, seed: 7).scalars
        let kept = y.filter { $0 != 0 }
        #expect(abs(Double(kept.count) / 100_000 - 0.75) < 0.01)
        #expect(kept.allSatisfy { abs($0 - 1 / 0.75) < 1e-6 })
        #expect(try x.dropout(0.25, seed: 7).scalars == y)
        #expect(try x.dropout(0.25, seed: 8).scalars != y)
        #expect(try x.dropout(0.25, training: false).scalars == x.scalars)
    }

    @Test func attentionDropoutGradientsMatchFiniteDifferences() throws {
        let qkv = Tensor.uniform([2, 4, 12], low: -1, high: 1, seed: 9)
        try checkGradients(OpArguments(floats: ["qkv": qkv], ints: [:], params: [:])) { a in
            DropoutSeeds.reseed(5)  // same mask in every evaluation
            return [try a.f("qkv").selfAttention(heads: 2, dropout: 0.3)]
        }
    }

    @Test func parallelKernelsMatchSerialOnLargeTensors() throws {
        let x = Tensor.uniform([512, 300], low: -2, high: 2, seed: 11)
        let b = Tensor.uniform([300], low: -1, high: 1, seed: 12)
        let saved = Parallel.threads
        Parallel.threads = 1
        let serial = try x.biasActivation(b, .geluExact).softmax().scalars
        Parallel.threads = saved
        let parallel = try x.biasActivation(b, .geluExact).softmax().scalars
        #expect(serial == parallel)
    }

    @Test func gradientCheckerCatchesAMissingGradient() throws {
        let x = Tensor.uniform([3], low: -1, high: 1, seed: 1)
        withKnownIssue {
            try checkGradients(OpArguments(floats: ["x": x], ints: [:], params: [:])) { a in
                [try a.f("x").detached() * a.f("x")]  // half the product's gradient is lost
            }
        }
    }
}

/// The threaded paths (split GEMM, batched GEMM, parallel attention) give the serial results.
@Suite struct ThreadingTests {
    func withThreads<T>(_ n: Int, _ body: () throws -> T) rethrows -> T {
        let (p, g) = (Parallel.threads, GEMM.maxThreads)
        Parallel.threads = n; GEMM.maxThreads = n
        defer { Parallel.threads = p; GEMM.maxThreads = g }
        return try body()
    }

    @Test func largeProductsSplitAcrossThreadsMatchReference() throws {
        for (m, n, k, transposeB) in [(300, 200, 64, false), (96, 400, 128, true)] {
            let a = Tensor.uniform([m, k], low: -1, high: 1, seed: 1)
            let b = Tensor.uniform(transposeB ? [n, k] : [k, n], low: -1, high: 1, seed: 2)
            let bOp = transposeB ? try b.transposed() : b
            let two = try withThreads(2) { try a.matmul(bOp) }.scalars
            var ref = [Float](repeating: 0, count: m * n)
            ref.withUnsafeMutableBufferPointer {
                referenceSgemm(false, transposeB, m, n, k, a.pointer, k, b.pointer, transposeB ? k : n, $0.baseAddress!, n)
            }
            for (x, y) in zip(two, ref) { #expect(abs(x - y) < 1e-4) }
        }
    }

    @Test func batchedProductsMatchPerBatchProducts() throws {
        let a = Tensor.uniform([16, 64, 48], low: -1, high: 1, seed: 3), b = Tensor.uniform([16, 48, 64], low: -1, high: 1, seed: 4)
        let batched = try withThreads(2) { try a.bmm(b) }.scalars
        for i in [0, 7, 15] {
            let single = try a.rows(i..<(i + 1)).reshaped([64, 48]).matmul(b.rows(i..<(i + 1)).reshaped([48, 64])).scalars
            #expect(Array(batched[(i * 4096)..<((i + 1) * 4096)]) == single)
        }
    }

    @Test func attentionIsTheSameOnOneAndTwoThreads() throws {
        let qkv1 = Tensor.uniform([4, 32, 96], low: -1, high: 1, seed: 5, requiresGrad: true)
        let qkv2 = try Tensor(qkv1.scalars, shape: qkv1.shape, requiresGrad: true)
        let g = Tensor.uniform([4, 32, 32], low: -1, high: 1, seed: 6)
        let y1 = try withThreads(1) { () throws -> Tensor in
            let y = try qkv1.selfAttention(heads: 4, causal: true, dropout: 0.1, seed: 9)
            try y.backward(gradient: g); return y
        }
        let y2 = try withThreads(2) { () throws -> Tensor in
            let y = try qkv2.selfAttention(heads: 4, causal: true, dropout: 0.1, seed: 9)
            try y.backward(gradient: g); return y
        }
        #expect(y1.scalars == y2.scalars)
        #expect(qkv1.grad!.scalars == qkv2.grad!.scalars)
    }

    @Test func fullyMaskedRowsGiveZerosNotNaN() throws {
        let x = Tensor.uniform([2, 3, 4], low: -1, high: 1, seed: 7)
        let y = try x.softmax(mask: IntTensor([0, 0, 0, 0], shape: [4])).scalars
        #expect(y.allSatisfy { $0 == 0 })
        let qkv = Tensor.uniform([1, 3, 6], low: -1, high: 1, seed: 8)
        let a = try qkv.selfAttention(heads: 1, keyMask: IntTensor([0, 0, 0], shape: [1, 3])).scalars
        #expect(a.allSatisfy { $0 == 0 })
    }
}

@Suite struct ViewGradientTests {
    @Test func materialisedTransposeAndReshapeViewsPassGradientsBack() throws {
        let x = Tensor.uniform([2, 3, 4], low: -1, high: 1, seed: 21)
        let w = Tensor.uniform([2, 4, 3], low: -1, high: 1, seed: 22)
        try checkGradients(OpArguments(floats: ["x": x], ints: [:], params: [:])) { a in
            [try a.f("x").transposed().contiguous() * w, try a.f("x").reshaped([6, 4]).rows(1..<4).relu()]
        }
    }

    @Test func emptyInputsGiveEmptyResults() throws {
        let table = Tensor.ones([5, 3])
        #expect(try table.embedding(IntTensor([Int32](), shape: [0])).shape == [0, 3])
        #expect(try Tensor.zeros([0, 4]).crossEntropy(IntTensor([Int32](), shape: [0])).item == 0)
    }
}
