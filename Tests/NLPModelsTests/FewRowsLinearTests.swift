import Testing
import NLPTensor

/// Inference on a few rows takes `FewRowsLinear` (W x^T, weight rows in blocks); its values must
/// be the usual product's to float rounding, at every block edge and thread split.
@Suite struct FewRowsLinearTests {
    /// [rows, in, out]: one row; blocks of 64 and a short last block; 24-row blocks (in 1024);
    /// an odd out; no blocking (128 x 1024 is past the small-kernel size).
    @Test(arguments: [[1, 256, 768], [5, 256, 100], [32, 256, 768], [32, 1024, 256], [32, 1024, 257], [77, 64, 30], [128, 256, 1024], [128, 1024, 256]])
    func fewRowsProductEqualsTheTrainingPath(_ shape: [Int]) throws {
        let (rows, inF, outF) = (shape[0], shape[1], shape[2])
        let x = Tensor.randn([rows, inF], std: 1, seed: 1)
        let w = Tensor.randn([outF, inF], std: 0.05, seed: 2, requiresGrad: true)
        let b = Tensor.randn([outF], std: 0.1, seed: 3, requiresGrad: true)
        let recorded = try x.linear(w, b)          // gradients recorded: the x W^T path
        Autograd.discardTape()
        let fast = try noGrad { try x.linear(w, b) }  // few rows, no gradients
        let noBias = try noGrad { try x.linear(w) }
        #expect(fast.shape == [rows, outF])
        #expect(maxScaledDiff(fast, recorded) < 1e-5)
        #expect(maxScaledDiff(noBias, try noGrad { try recorded.subtracting(b) }) < 1e-5)
        for threads in [1, 2] {  // one block loop on the caller, or blocks split across threads
            let saved = GEMM.maxThreads
            GEMM.maxThreads = threads
            defer { GEMM.maxThreads = saved }
            #expect(maxScaledDiff(try noGrad { try x.linear(w, b) }, recorded) < 1e-5)
        }
    }
}
