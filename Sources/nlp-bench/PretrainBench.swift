import Dispatch
import Foundation
import NLPModels
import NLPTensor
import NLPTraining

/// `nlp-bench pretrain-step [--tasks encoder encoder-all lstm-mlm lstm-classifier] [--threads 1 2] [--steps 10] [--warmup 2]`
///
/// Training steps with the configurations of ../shared/peers/bench_torch_train.py, each
/// (task, threads) in a fresh child process (so peak RSS is per task), printed as a table and
/// as JSON lines:
/// - encoder: BERT masked-LM, vocab 8192, hidden 256, 4 layers, 4 heads, FFN 1024, seq 128,
///   batch 32, dropout 0.1, AdamW (decay groups) + clipping, 15% masked (BERT's exact count);
///   logits only at the masked positions (our pretraining's step).
/// - encoder-all: the same, logits at every position with ignore-index labels (PyTorch's
///   script does this), for a like-for-like ratio.
/// - lstm-mlm: our `--arch lstm` step: bidirectional 2-layer LSTM, emb 128, hidden 256,
///   seq 64, batch 64, vocab 8192, MLM head at masked positions.
/// - lstm-classifier: PyTorch's LSTM task: unidirectional 2-layer LSTM, vocab 20000, emb 128,
///   hidden 256, seq 64, batch 64, last hidden -> 4 classes, AdamW.
/// Data are random ids from a fixed seed (4 batches cycled): only speed is measured.
enum PretrainBench {
    static func run(_ args: [String]) throws {
        func values(_ flag: String) -> [String] {
            guard let i = args.firstIndex(of: flag) else { return [] }
            return Array(args[(i + 1)...].prefix { !$0.hasPrefix("--") })
        }
        let steps = Int(values("--steps").first ?? "") ?? 10
        let warmup = Int(values("--warmup").first ?? "") ?? 2
        if let task = values("--one").first {
            let threads = Int(values("--threads").first ?? "") ?? 2
            try one(task: task, threads: threads, steps: steps, warmup: warmup)
            return
        }
        let tasks = values("--tasks").isEmpty ? ["encoder", "encoder-all", "lstm-mlm", "lstm-classifier"] : values("--tasks")
        let threadCounts = values("--threads").compactMap(Int.init).isEmpty ? [1, 2] : values("--threads").compactMap(Int.init)
        print("task             threads  ms/step(median)  tokens/s  sequences/s  sgemm share  peak RSS MB")
        for task in tasks {
            for threads in threadCounts {
                let child = Process()
                child.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
                child.arguments = ["pretrain-step", "--one", task, "--threads", "\(threads)", "--steps", "\(steps)", "--warmup", "\(warmup)"]
                let pipe = Pipe()
                child.standardOutput = pipe
                try child.run()
                let data = pipe.fileHandleForReading.readDataToEndOfFile()
                child.waitUntilExit()
                guard let line = String(data: data, encoding: .utf8)?.split(separator: "\n").last,
                      let r = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                    print("\(task) \(threads): failed (status \(child.terminationStatus))")
                    continue
                }
                print(task.padding(toLength: 16, withPad: " ", startingAt: 0) + String(format: " %7d  %15.1f  %8.0f  %11.1f  %10.0f%%  %11.0f", threads,
                             r["ms_per_step_median"] as! Double, r["tokens_per_s"] as! Double, r["sequences_per_s"] as! Double,
                             100 * (r["sgemm_share"] as! Double), r["peak_rss_mb"] as! Double))
                print("  " + line)
            }
        }
    }

    /// One task in this process; prints one JSON line.
    static func one(task: String, threads: Int, steps: Int, warmup: Int) throws {
        Parallel.threads = threads
        GEMM.maxThreads = threads
        var step: () throws -> Void
        var sequences = 0, length = 0
        var parameterCount = 0
        switch task {
        case "encoder", "encoder-all":
            let config = BertConfig(vocabSize: 8192, hiddenSize: 256, layers: 4, heads: 4, intermediateSize: 1024)
            let model = try BertMaskedLM(config: config, seed: 1)
            (sequences, length) = (32, 128)
            step = try trainStep(model, vocabularySize: 8192, batch: 32, length: 128, allPositions: task == "encoder-all")
            parameterCount = model.parameterCount
        case "lstm-mlm":
            let model = try LSTMMaskedLM(config: LSTMConfig(vocabSize: 8192, embeddingSize: 128, hiddenSize: 256, numLayers: 2,
                                                            bidirectional: true, dropout: 0), seed: 1)
            (sequences, length) = (64, 64)
            step = try trainStep(model, vocabularySize: 8192, batch: 64, length: 64, allPositions: false)
            parameterCount = model.parameterCount
        case "lstm-classifier":
            (sequences, length) = (64, 64)
            let (s, count) = try classifierStep()
            step = s
            parameterCount = count
        default:
            throw TrainingError("unknown task \(task) (encoder, encoder-all, lstm-mlm, lstm-classifier)")
        }
        for _ in 0..<warmup { try step() }
        var times: [Double] = []
        GEMM.resetProfile()
        GEMM.profiling = true
        for _ in 0..<steps {
            let t0 = DispatchTime.now().uptimeNanoseconds
            try step()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - t0) * 1e-9)
        }
        GEMM.profiling = false
        let total = times.reduce(0, +)
        let median = times.sorted()[times.count / 2]
        let result: [String: Any] = [
            "task": task, "threads": threads, "steps_timed": steps, "params": parameterCount,
            "ms_per_step_median": median * 1e3, "ms_per_step_min": times.min()! * 1e3,
            "tokens_per_s": Double(sequences * length) / median, "sequences_per_s": Double(sequences) / median,
            "sgemm_share": GEMM.seconds / total, "peak_rss_mb": TrainBench.peakRSSMegabytes(),
            "mlm_logits": task == "encoder-all" ? "all positions" : (task.hasPrefix("lstm-c") ? "n/a" : "masked positions only"),
        ]
        let json = try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys])
        print(String(decoding: json, as: UTF8.self))
    }

    /// A full optimiser step of pretraining on random ids: mask, forward, loss, backward,
    /// clip, AdamW, zero grads.
    static func trainStep(_ model: MaskedLanguageModel, vocabularySize: Int, batch: Int, length: Int,
                          allPositions: Bool) throws -> () throws -> Void {
        let tokens = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
        let vocabulary = try MLMVocabulary(size: vocabularySize, token: { $0 < 5 ? tokens[Int($0)] : "t\($0)" })
        let masker = try MLMMasker(vocabulary: vocabulary)
        var random = Xoshiro256StarStar(seed: 0)
        let batches: [MaskedBatch] = (0..<4).map { _ in
            var ids = [Int32](repeating: 0, count: batch * length)
            for b in 0..<batch {
                for t in 0..<length { ids[b * length + t] = t == 0 ? 2 : t == length - 1 ? 3 : Int32(5 + random.nextInt(below: vocabularySize - 5)) }
            }
            var m = masker.mask(flat: ids, batchSize: batch, length: length, random: &random)
            if allPositions {
                m.positions = (0..<Int32(batch * length)).map { $0 }
                m.targets = m.labels
            }
            return m
        }
        let parameters = model.trainableParameters
        let optimizer = try Adam.adamW(ParameterGroup.decayAndNoDecay(parameters, weightDecay: 0.01), learningRate: 1e-4)
        var i = 0
        return {
            let b = batches[i % batches.count]
            i += 1
            let logits = try model.maskedLogits(b, training: true)
            let loss = try logits.crossEntropy(IntTensor(b.targets, shape: [b.targets.count]))
            try loss.backward()
            clipGradientNorm(parameters, maxNorm: 1)
            optimizer.step()
            optimizer.zeroGradients()
        }
    }

    /// PyTorch's LSTM task: nn.LSTM(128, 256, num_layers=2) classifier on the last hidden state.
    static func classifierStep() throws -> (() throws -> Void, Int) {
        let encoder = try LSTMEncoder(LSTMConfig(vocabSize: 20000, embeddingSize: 128, hiddenSize: 256, numLayers: 2,
                                                 bidirectional: false, dropout: 0), seed: 1)
        var initializer = ParameterInitializer(seed: 2)
        let classifier = Linear("fc", inFeatures: 256, outFeatures: 4, init: &initializer)
        let parameters = encoder.parameters + classifier.parameters
        let optimizer = try Adam.adamW([ParameterGroup(parameters)], learningRate: 1e-3, weightDecay: 0.01)
        var random = Xoshiro256StarStar(seed: 0)
        let data: [(TokenBatch, IntTensor)] = try (0..<4).map { _ in
            let ids = (0..<(64 * 64)).map { _ in Int32(random.nextInt(below: 20000)) }
            let labels = (0..<64).map { _ in Int32(random.nextInt(below: 4)) }
            return (try TokenBatch(ids: IntTensor(ids, shape: [64, 64])), try IntTensor(labels, shape: [64]))
        }
        var i = 0
        let step: () throws -> Void = {
            let (x, y) = data[i % data.count]
            i += 1
            let out = try encoder(x, training: true)
            let loss = try classifier(out.h[out.h.count - 1]).crossEntropy(y)
            try loss.backward()
            optimizer.step()
            optimizer.zeroGradients()
        }
        return (step, parameters.reduce(0) { $0 + $1.count })
    }
}
