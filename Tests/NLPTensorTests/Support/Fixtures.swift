import Foundation
@testable import NLPTensor

/// PyTorch reference cases written by scripts/reference/make_tensor_reference.py.
struct ReferenceFile: Decodable {
    struct Values: Decodable { let shape: [Int]; let data: [Double] }
    struct IntValues: Decodable { let shape: [Int]; let data: [Int] }
    struct Case: Decodable {
        let name: String
        let inputs: [String: Values]
        let ints: [String: IntValues]
        let params: [String: Double]
        let outputs: [Values]
        let weights: [Values]
        let grads: [String: Values]
    }
    let cases: [Case]

    static let shared: ReferenceFile = {
        let url = Bundle.module.url(forResource: "tensor_ops", withExtension: "json", subdirectory: "Fixtures")!
        return try! JSONDecoder().decode(ReferenceFile.self, from: Data(contentsOf: url))
    }()

    static var names: [String] { shared.cases.map(\.name) }
    static func named(_ name: String) -> Case { shared.cases.first { $0.name == name }! }

    /// Another fixture file of the same format, Fixtures/<resource>.json.
    static func load(_ resource: String) -> ReferenceFile {
        let url = Bundle.module.url(forResource: resource, withExtension: "json", subdirectory: "Fixtures")!
        return try! JSONDecoder().decode(ReferenceFile.self, from: Data(contentsOf: url))
    }

    /// Case `name` and its inputs as op arguments (float inputs require gradients).
    func arguments(_ name: String) throws -> (Case, OpArguments) {
        let c = cases.first { $0.name == name }!
        return (c, OpArguments(floats: try c.inputs.mapValues { try $0.tensor(requiresGrad: true) },
                               ints: c.ints.mapValues(\.intTensor), params: c.params))
    }
}


extension ReferenceFile.Values {
    func tensor(requiresGrad: Bool = false) throws -> Tensor {
        try Tensor(data.map(Float.init), shape: shape, requiresGrad: requiresGrad)
    }
}

extension ReferenceFile.IntValues {
    var intTensor: IntTensor { try! IntTensor(data, shape: shape) }
}

/// Arguments handed to an op under test: named float tensors, int tensors and scalar params.
struct OpArguments {
    var floats: [String: Tensor]
    var ints: [String: IntTensor]
    var params: [String: Double]
    func f(_ k: String) -> Tensor { floats[k]! }
    func i(_ k: String) -> IntTensor { ints[k]! }
    func p(_ k: String) -> Float { Float(params[k]!) }
}
