// swift-tools-version:6.1
import PackageDescription

// Module layout and dependency direction follow DESIGN.md (../shared/DESIGN.md):
// C shims at the bottom, then Unicode -> Tokenizers, and BLAS -> Tensor, with the CLI on top.
let optimized: [SwiftSetting] = [.unsafeFlags(["-Ounchecked"], .when(configuration: .release))]

let package = Package(
    name: "swift-nlp",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "nlp", targets: ["nlp"]),
        .library(name: "NLPUnicode", targets: ["NLPUnicode"]),
        .library(name: "NLPTokenizers", targets: ["NLPTokenizers"]),
        .library(name: "NLPTensor", targets: ["NLPTensor"]),
        .library(name: "NLPModels", targets: ["NLPModels"]),
        .library(name: "NLPChat", targets: ["NLPChat"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
    ],
    targets: [
        // The only place that includes ICU and utf8proc headers; its public header uses plain C types
        // so that it builds beside Foundation's bundled ICU.
        .target(
            name: "CNLPUnicode",
            linkerSettings: [.linkedLibrary("icuuc"), .linkedLibrary("icui18n"), .linkedLibrary("icudata"), .linkedLibrary("utf8proc")]
        ),
        .systemLibrary(name: "CBLAS", path: "Sources/CBLAS"),
        // Crash-safe writes and whole-file reads, used by every module that saves a user's work.
        .target(name: "NLPFiles"),
        .target(name: "NLPUnicode", dependencies: ["CNLPUnicode"], swiftSettings: optimized),
        // The seeded generator behind dropout, initialisation and the chat bot's replies.
        .target(name: "NLPRandom", swiftSettings: optimized),
        .target(name: "NLPTokenizers", dependencies: ["NLPUnicode", "NLPFiles", "NLPRandom"], swiftSettings: optimized),
        .target(name: "NLPTensor", dependencies: ["CBLAS", "NLPFiles", "NLPRandom"], swiftSettings: optimized),
        .target(name: "NLPModels", dependencies: ["NLPTensor", "NLPTokenizers"], swiftSettings: optimized),
        // libedit (Debian libedit-dev) behind a tiny C shim: el_set is variadic, which Swift cannot call.
        .target(name: "CEditLine", linkerSettings: [.linkedLibrary("edit")]),
        .target(
            name: "NLPChat",
            dependencies: ["NLPUnicode", "NLPTokenizers", "NLPTensor", "NLPModels", "NLPTraining", .product(name: "Yams", package: "Yams")],
            swiftSettings: optimized
        ),
        .target(name: "NLPTraining", dependencies: ["NLPModels", "NLPTokenizers", "NLPUnicode", "NLPTensor"], swiftSettings: optimized),
        .executableTarget(
            name: "nlp",
            dependencies: [
                "NLPUnicode", "NLPTokenizers", "NLPTensor", "NLPModels", "NLPTraining", "NLPChat", "CEditLine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Benchmarks print numbers; they never assert. `swift run -c release nlp-bench --help`.
        .executableTarget(
            name: "nlp-bench",
            dependencies: ["NLPUnicode", "NLPTokenizers", "NLPTensor", "NLPModels", "NLPTraining", "NLPChat"],
            swiftSettings: optimized
        ),
        // Examples/: small programs that use the library directly; CI runs each once.
        .executableTarget(name: "tokenize-file", dependencies: ["NLPTokenizers"], path: "Examples/TokenizeFile"),
        .executableTarget(name: "sentiment-from-csv", dependencies: ["NLPTraining"], path: "Examples/SentimentFromCSV"),
        .executableTarget(name: "nearest-faq", dependencies: ["NLPChat", "NLPModels", "NLPTensor", "NLPTraining"], path: "Examples/NearestFAQ"),
        .testTarget(name: "NLPUnicodeTests", dependencies: ["NLPUnicode"]),
        .testTarget(name: "NLPTokenizersTests", dependencies: ["NLPTokenizers"], resources: [.copy("Fixtures")]),
        .testTarget(name: "NLPTensorTests", dependencies: ["NLPTensor"], resources: [.copy("Fixtures")]),
        .testTarget(name: "NLPModelsTests", dependencies: ["NLPModels"], resources: [.copy("Fixtures")]),
        .testTarget(name: "NLPChatTests", dependencies: ["NLPChat"]),
        .testTarget(name: "NLPTrainingTests", dependencies: ["NLPTraining"], resources: [.copy("Fixtures")]),
        .testTarget(name: "CLITests", dependencies: ["nlp"]),
    ],
    swiftLanguageModes: [.v5]
)
