import Foundation

/// The output directory of `nlp pretrain`: a model directory anyone can load, plus the run's
/// own files.
///
///     DIR/config.json              model configuration (HF BERT names for the transformer)
///     DIR/model.safetensors        weights (HF names), rewritten at every checkpoint
///     DIR/vocab.txt | tokenizer.json   the vocabulary the model was trained with
///     DIR/metrics.jsonl            one JSON object per log step
///     DIR/loss.svg                 loss curve (train, validation, unigram baseline)
///     DIR/checkpoint/state.safetensors   everything `--resume` needs
public struct RunDirectory: Sendable {
    public let path: String

    public init(_ path: String) {
        self.path = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
    }

    public var checkpointDirectory: String { path + "/checkpoint" }
    public var checkpointPath: String { checkpointDirectory + "/" + TrainingCheckpoint.fileName }
    public var metricsPath: String { path + "/metrics.jsonl" }
    public var lossCurvePath: String { path + "/loss.svg" }
    public var configPath: String { path + "/config.json" }
    public var weightsPath: String { path + "/model.safetensors" }

    /// Files a new run would write; finding any of them means the directory holds a run.
    var runFiles: [String] { [checkpointPath, metricsPath, configPath, weightsPath, lossCurvePath] }

    /// For a new run: creates the directory, refusing one that already holds a run (never
    /// overwrite what we were not asked to write).
    public func prepareForNewRun() throws {
        for f in runFiles where FileManager.default.fileExists(atPath: f) {
            throw TrainingError("\(path) already holds a run (\((f as NSString).lastPathComponent)); pass --resume to continue it or choose another --output")
        }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw TrainingError("\(path): cannot create the output directory (\(error.localizedDescription))")
        }
    }

    /// Copies the vocabulary file in under the name a model directory uses (`vocab.txt` for a
    /// WordPiece list, `tokenizer.json` for a Hugging Face tokenizer; other formats keep their
    /// name, and a GPT-2 `vocab.json` brings its `merges.txt`). An existing file is left alone.
    @discardableResult
    public func copyVocabulary(from source: String) throws -> [String] {
        let name = (source as NSString).lastPathComponent
        var copies: [(String, String)]
        if name == "vocab.json" {
            copies = [(source, "vocab.json"), (((source as NSString).deletingLastPathComponent as NSString).appendingPathComponent("merges.txt"), "merges.txt")]
        } else if name.hasSuffix(".json") {
            copies = [(source, "tokenizer.json")]
        } else if name.hasSuffix(".txt") {
            copies = [(source, "vocab.txt")]
        } else {
            copies = [(source, name)]
        }
        var done: [String] = []
        for (from, to) in copies {
            let target = path + "/" + to
            guard FileManager.default.fileExists(atPath: from), !FileManager.default.fileExists(atPath: target) else { continue }
            try FileManager.default.copyItem(atPath: from, toPath: target)
            done.append(to)
        }
        return done
    }
}
