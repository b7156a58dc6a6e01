import NLPTensor

/// A minimal `OptimizableParameter` for the optimiser tests: owns its value and gradient arrays.
final class TestParameter: OptimizableParameter {
    let name: String
    let count: Int
    let value: UnsafeMutablePointer<Float>
    let gradient: UnsafeMutablePointer<Float>?

    init(_ name: String, _ values: [Float], frozen: Bool = false) {
        self.name = name
        count = values.count
        value = .allocate(capacity: max(1, values.count))
        value.initialize(from: values, count: values.count)
        if frozen {
            gradient = nil
        } else {
            let g = UnsafeMutablePointer<Float>.allocate(capacity: max(1, values.count))
            g.initialize(repeating: 0, count: max(1, values.count))
            gradient = g
        }
    }

    deinit {
        value.deallocate()
        gradient?.deallocate()
    }

    var values: [Float] { Array(UnsafeBufferPointer(start: value, count: count)) }
    var gradients: [Float] { gradient.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? [] }
    func setGradient(_ g: [Float]) { gradient!.update(from: g, count: count) }
}
