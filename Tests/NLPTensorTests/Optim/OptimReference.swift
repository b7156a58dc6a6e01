import Foundation

/// Decoded Fixtures/optim_reference.json (written by scripts/reference/make_optim_reference.py).
struct OptimReference: Decodable {
    struct Group: Decodable { let name: String; let lr_scale: Float; let weight_decay: Float }
    struct Case: Decodable {
        let name: String
        let base_lr: Float
        let groups: [Group]
        let initial: [String: [Float]]
        let gradients: [[String: [Float]]]
        let lrs: [Double]
        let expected: [[String: [Float]]]
    }
    struct Schedule: Decodable { let kind: String; let steps: [Int]; let multipliers: [Double] }
    struct Clipping: Decodable { let max_norm: Float; let gradients: [[Float]]; let norm: Float; let clipped: [[Float]] }

    let optimizers: [Case]
    let schedules: [Schedule]
    let clipping: [Clipping]

    static let shared: OptimReference = {
        let url = Bundle.module.url(forResource: "optim_reference", withExtension: "json", subdirectory: "Fixtures")!
        return try! JSONDecoder().decode(OptimReference.self, from: Data(contentsOf: url))
    }()

    func optimizer(_ name: String) -> Case { optimizers.first { $0.name == name }! }
}

/// max |a - b| / (|b| + floor): relative error with an absolute floor for values near zero.
func maxRelativeError(_ a: [Float], _ b: [Float], floor: Float = 1e-3) -> Float {
    precondition(a.count == b.count)
    return zip(a, b).map { abs($0 - $1) / (abs($1) + floor) }.max() ?? 0
}
