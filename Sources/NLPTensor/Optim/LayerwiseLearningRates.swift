import Foundation

extension ParameterGroup {
    /// Layer-wise learning-rate decay (Clark et al., ELECTRA; Sun et al., "How to Fine-Tune BERT
    /// for Text Classification"): the task head trains at the full learning rate and each layer
    /// below it at `decay` times the rate of the layer above, so the general features near the
    /// embeddings move least. Within each depth the usual decay / no-decay split applies.
    ///
    /// `layers` lists the encoder's parameters bottom-up ([embeddings, layer 0, layer 1, ...]);
    /// group i of n gets scale `decay^(n - i)`. Parameters of `parameters` in no layer (the
    /// head) get scale 1. Parameters in `layers` but not in `parameters` (frozen ones) are left out.
    ///
    ///     // 2 layers + embeddings, decay 0.5:
    ///     // head 1, layer 1 x0.5, layer 0 x0.25, embeddings x0.125
    ///     let groups = ParameterGroup.layerwiseDecay(model.parameters, layers: [emb, l0, l1],
    ///                                                decay: 0.5, weightDecay: 0.01)
    ///
    /// `decay == 1` gives the same parameters and hyper-parameters as `decayAndNoDecay`.
    public static func layerwiseDecay(
        _ parameters: [any OptimizableParameter], layers: [[any OptimizableParameter]], decay: Float, weightDecay: Float,
        isNoDecay: (String) -> Bool = ParameterGroup.isBiasOrNorm
    ) -> [ParameterGroup] {
        guard decay != 1 else { return decayAndNoDecay(parameters, weightDecay: weightDecay, isNoDecay: isNoDecay) }
        var depthOf: [ObjectIdentifier: Int] = [:]
        for (depth, layer) in layers.enumerated() {
            for p in layer { depthOf[ObjectIdentifier(p)] = depth }
        }
        var byDepth = [[any OptimizableParameter]](repeating: [], count: layers.count + 1)
        for p in parameters { byDepth[depthOf[ObjectIdentifier(p)] ?? layers.count].append(p) }
        // Top (head) first, so the groups read like the model from the output down.
        return byDepth.indices.reversed().flatMap { depth -> [ParameterGroup] in
            let scale = Float(Foundation.pow(Double(decay), Double(layers.count - depth)))
            return decayAndNoDecay(byDepth[depth], weightDecay: weightDecay, isNoDecay: isNoDecay).map {
                ParameterGroup($0.parameters, learningRateScale: scale, weightDecay: $0.weightDecay)
            }
        }
    }
}
