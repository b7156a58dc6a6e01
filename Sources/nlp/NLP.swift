import ArgumentParser

@main
struct NLP: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nlp",
        abstract: "From raw text to a trained language model, in Swift, on the CPU.",
        subcommands: []
    )
}
